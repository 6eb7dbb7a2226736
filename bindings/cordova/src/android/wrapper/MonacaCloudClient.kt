package dev.cloudrpc.monaca

import java.io.IOException
import java.net.HttpURLConnection
import java.net.SocketTimeoutException
import java.net.URI
import java.net.URL
import java.util.concurrent.atomic.AtomicLong

/**
 * Whole calls to Monaca Backend over `HttpURLConnection`: the core writes each request body
 * ([MonacaCloudRequest.body]) and reads each exchange ([MonacaCloudResponse.fromExchange]);
 * this class only moves the bytes, and keeps the session the core says to keep, sending it as
 * `__session` on the next call.
 *
 * Safe to use from any number of threads at once (each call has its own connection; the
 * session and login token are replaced atomically). [call] blocks: not on Android's main thread.
 */
class MonacaCloudClient @JvmOverloads constructor(
    /** Where the calls are POSTed (for Monaca, `https://cloud.monaca.mobi/json-rpc/<backend id>`). */
    val endpoint: URL,
    private val apiKey: String,
    private val deviceId: String,
    /** The connect timeout and the read timeout of each call, in milliseconds (0: none). */
    val timeoutMillis: Int = 30000
) {
    /** A client of the backend [backendId], at the endpoint the core's URL rule gives ([MonacaCloudRequest.url]). */
    @JvmOverloads
    constructor(backendId: String, apiKey: String, deviceId: String, timeoutMillis: Int = 30000) :
        this(URI(MonacaCloudRequest.url(backendId)).toURL(), apiKey, deviceId, timeoutMillis)

    init {
        require(timeoutMillis >= 0) { "timeoutMillis is negative: $timeoutMillis" }
    }

    @Volatile private var session: String? = null
    @Volatile private var token: String? = null
    private val ids = AtomicLong(1)

    /** The session sent as `__session`: the last one a response gave (see [MonacaCloudResponse.session]); null before. */
    val currentSession: String? get() = session

    /** The last `loginToken` a result held (see [MonacaCloudResponse.loginToken]); null before. */
    val loginToken: String? get() = token

    /**
     * Calls [method] with [paramsJson] (the JSON text of an object; null for `{}`) and returns
     * the result's JSON text as the server sent it.
     *
     * @throws MonacaCloudError the server's error; -11 when the connection or the response
     *   timed out ([timeoutMillis]); -13 when no response arrived (any other `IOException`) or
     *   for a status other than 2xx/304; -12 for a body that is not a JSON-RPC response.
     * @throws MonacaArgumentException when the core refuses [method] or [paramsJson] (or the
     *   API key or device id); nothing is sent then.
     */
    @JvmOverloads
    fun call(method: String, paramsJson: String? = null): String {
        val credentials = MonacaCloudCredentials(apiKey, deviceId, session)
        val body = MonacaCloudRequest.body(method, paramsJson, credentials, ids.getAndIncrement())
        val response = exchange(body.toByteArray(Charsets.UTF_8))
        response.session?.let { session = it }
        response.loginToken?.let { token = it }
        return response.get()
    }

    /** POSTs [body] and reads the exchange, whatever the status; a timeout is thrown as -11. */
    private fun exchange(body: ByteArray): MonacaCloudResponse {
        val connection = endpoint.openConnection() as HttpURLConnection
        try {
            connection.requestMethod = "POST"
            connection.doOutput = true
            connection.useCaches = false
            connection.connectTimeout = timeoutMillis
            connection.readTimeout = timeoutMillis
            connection.setRequestProperty("Content-Type", "application/json")
            connection.setFixedLengthStreamingMode(body.size)
            connection.outputStream.use { it.write(body) }
            val status = connection.responseCode
            // 4xx/5xx bodies come from the error stream (null when there is none).
            val stream = if (status in 200..299) connection.inputStream else connection.errorStream
            val answer = stream?.use { it.readBytes() } ?: ByteArray(0)
            return MonacaCloudResponse.fromExchange(status, answer, connection.getHeaderField(SESSION_HEADER))
        } catch (e: SocketTimeoutException) {
            throw MonacaCloudError.timeout()
        } catch (e: IOException) {
            return MonacaCloudResponse.fromExchange(0, ByteArray(0)) // no response: the core's -13
        } finally {
            connection.disconnect()
        }
    }

    companion object {
        /** The response header that carries the session id. */
        const val SESSION_HEADER = "X-Set-Monaca-Cloud-Session"

        /** The client of the backend [backendId] (the same as the constructor taking a backend id). */
        @JvmStatic
        @JvmOverloads
        fun forBackend(backendId: String, apiKey: String, deviceId: String, timeoutMillis: Int = 30000): MonacaCloudClient =
            MonacaCloudClient(backendId, apiKey, deviceId, timeoutMillis)
    }
}
