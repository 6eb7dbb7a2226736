package dev.cloudrpc.monaca

import java.io.IOException
import java.io.InputStream
import java.net.HttpURLConnection
import java.net.SocketTimeoutException
import java.net.URI
import java.net.URL
import java.util.concurrent.Callable
import java.util.concurrent.ExecutionException
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.ThreadFactory
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicInteger
import java.util.zip.GZIPInputStream

/**
 * Whole calls to Monaca Backend over `HttpURLConnection`: the core writes each request body
 * ([MonacaCloudRequest.body]) and reads each exchange ([MonacaCloudResponse.fromExchange]);
 * this class only moves the bytes and applies what each response says about the session
 * (kept, replaced, or ended by a logout), sending it as `__session` on the next call.
 *
 * The client carries the API key, the device id and the session in every body, so it never
 * sends them anywhere else: it refuses an endpoint the core refuses
 * ([MonacaCloudRequest.checkUrl]: `https://`, or `http://` to a loopback host only), never
 * follows a redirect (a 3xx is the core's -13 with the status), reads at most [maxBodyBytes]
 * of a body, counted after a gzip `Content-Encoding` is decoded (more is -12, and the rest is
 * never read), and gives the whole exchange one deadline, [timeoutMillis] (then -11).
 *
 * Safe to use from any number of threads at once (each call has its own connection; the
 * session and the login token change together, under a lock). [call] blocks: not on Android's
 * main thread. The transfer itself runs on a shared pool of daemon threads, so that the
 * deadline holds whatever the connection is blocked in; at the deadline the connection is
 * closed, and its thread ends at the latest when the connection's own timeouts (also
 * [timeoutMillis]) expire.
 */
class MonacaCloudClient @JvmOverloads constructor(
    /** Where the calls are POSTed (for Monaca, `https://cloud.monaca.mobi/json-rpc/<backend id>`). */
    val endpoint: URL,
    private val apiKey: String,
    private val deviceId: String,
    /**
     * The deadline of one whole exchange in milliseconds (above 0): connecting, sending, the
     * headers and the whole body. At the deadline the call fails with [MonacaCloudError.timeout] (-11).
     */
    val timeoutMillis: Int = DEFAULT_TIMEOUT_MILLIS,
    /**
     * The most bytes of a response body the client reads (0 or more), after a gzip
     * `Content-Encoding` is decoded. A longer body fails with [MonacaCloudError.bodyTooLarge] (-12).
     */
    val maxBodyBytes: Int = DEFAULT_MAX_BODY_BYTES
) {
    /**
     * A client of the backend [backendId], at the endpoint the core's URL rule gives ([MonacaCloudRequest.url]).
     *
     * @throws MonacaArgumentException (argument `"backendId"`) for an id the core refuses.
     */
    @JvmOverloads
    constructor(
        backendId: String,
        apiKey: String,
        deviceId: String,
        timeoutMillis: Int = DEFAULT_TIMEOUT_MILLIS,
        maxBodyBytes: Int = DEFAULT_MAX_BODY_BYTES
    ) : this(URI(MonacaCloudRequest.url(backendId)).toURL(), apiKey, deviceId, timeoutMillis, maxBodyBytes)

    init {
        require(timeoutMillis > 0) { "timeoutMillis must be above 0: $timeoutMillis" }
        require(maxBodyBytes >= 0) { "maxBodyBytes is negative: $maxBodyBytes" }
        // Before anything connects: `file:`, `jar:`, plain http to another host... are refused
        // here with the core's explanation (never a ClassCastException later).
        MonacaCloudRequest.checkUrl(endpoint.toString())
    }

    private val lock = Any()
    private var session: String? = null // guarded by lock
    private var token: String? = null // guarded by lock

    /** The session sent as `__session`: kept from the responses so far; null before any and after a logout. */
    val currentSession: String? get() = synchronized(lock) { session }

    /** The last `loginToken` a result held (kept across responses without one, as the SDK keeps it); null before any and after a logout. */
    val loginToken: String? get() = synchronized(lock) { token }

    /**
     * Calls [method] with [paramsJson] (the JSON text of an object; null for `{}`) and returns
     * the result's JSON text as the server sent it.
     *
     * @throws MonacaCloudError for every failure of the exchange: the server's error; -11 at
     *   the deadline ([timeoutMillis]); -12 for a body over [maxBodyBytes] and for a body that
     *   is not a JSON-RPC response; -13 for a status other than 200-299 and 304 (a redirect
     *   included: it is never followed) and for no (whole) response at all (refused, reset, a
     *   body shorter than its `Content-Length`: status 0).
     * @throws MonacaArgumentException when the core refuses [method] or [paramsJson]; nothing
     *   is sent then.
     * @throws InterruptedException when the calling thread is interrupted while it waits (the
     *   connection is closed; the session is unchanged).
     */
    @JvmOverloads
    fun call(method: String, paramsJson: String? = null): String = call(method, paramsJson, endpoint)

    /**
     * [call] POSTed to [url] instead of [endpoint], with this client's credentials, session and
     * limits (the hostile-server tests take one session through several scenario URLs). [url]
     * is checked by the core first, as the constructor checks [endpoint].
     */
    internal fun call(method: String, paramsJson: String?, url: URL): String {
        if (url !== endpoint) MonacaCloudRequest.checkUrl(url.toString())
        val credentials = MonacaCloudCredentials(apiKey, deviceId, currentSession)
        val body = MonacaCloudRequest.body(method, paramsJson, credentials).toByteArray(Charsets.UTF_8)
        val response = when (val outcome = exchange(url, body)) {
            is Outcome.Answered -> MonacaCloudResponse.fromExchange(method, outcome.status, outcome.body, outcome.sessionHeader)
            Outcome.TooLarge -> throw MonacaCloudError.bodyTooLarge(maxBodyBytes.toLong())
            Outcome.TimedOut -> throw MonacaCloudError.timeout()
            // No (whole) response arrived: status 0, which the core answers with -13.
            Outcome.NoResponse -> MonacaCloudResponse.fromExchange(method, 0, ByteArray(0))
        }
        synchronized(lock) {
            // The whole session rule is the core's; the client applies what it says.
            if (response.endsSession) {
                session = null
                token = null
            } else {
                response.session?.let { session = it }
                response.loginToken?.let { token = it }
            }
        }
        return response.get()
    }

    /** How a transfer ended. */
    private sealed class Outcome {
        /** A whole response: its status, its body (at most the cap) and its session header. */
        class Answered(val status: Int, val body: ByteArray, val sessionHeader: String?) : Outcome()
        /** The body was longer than [maxBodyBytes]: the client stopped reading it. */
        object TooLarge : Outcome()
        /** The deadline passed. */
        object TimedOut : Outcome()
        /** No (whole) response: refused, reset, cut short, TLS failure... */
        object NoResponse : Outcome()
    }

    /** POSTs [body] to [url] on a pool thread and waits for the outcome until the deadline. */
    private fun exchange(url: URL, body: ByteArray): Outcome {
        val deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis.toLong())
        val connection = url.openConnection() as? HttpURLConnection
            ?: throw IllegalStateException("checkUrl allowed $url, which is not HTTP") // the core allows http(s) only
        val transfer = TRANSFERS.submit(Callable { transfer(connection, body) })
        try {
            return transfer.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
        } catch (e: TimeoutException) {
            return Outcome.TimedOut
        } catch (e: ExecutionException) {
            throw e.cause ?: e // an unexpected error of the transfer: thrown as it is
        } finally {
            if (!transfer.isDone) {
                // Closes the socket, which ends a blocked read (a pool thread: disconnect may
                // wait for the transfer's own lock).
                TRANSFERS.execute { connection.disconnect() }
            }
        }
    }

    /** The transfer, on a pool thread: the whole response, or why there is none. */
    private fun transfer(connection: HttpURLConnection, body: ByteArray): Outcome {
        try {
            connection.instanceFollowRedirects = false
            connection.requestMethod = "POST"
            connection.doOutput = true
            connection.useCaches = false
            // Backstops: the deadline is the caller's (see exchange).
            connection.connectTimeout = timeoutMillis
            connection.readTimeout = timeoutMillis
            connection.setRequestProperty("Content-Type", "application/json")
            connection.setFixedLengthStreamingMode(body.size)
            connection.outputStream.use { it.write(body) }
            val status = connection.responseCode
            if (status < 0) return Outcome.NoResponse // not HTTP
            val sessionHeader = sessionHeader(connection)
            // A 4xx/5xx body comes from the error stream (null when there is none).
            val stream = if (status >= 400) connection.errorStream else connection.inputStream
            val answer = stream?.use { read(connection, it) } ?: ByteArray(0)
            return if (answer === TOO_LARGE) Outcome.TooLarge else Outcome.Answered(status, answer, sessionHeader)
        } catch (e: SocketTimeoutException) {
            return Outcome.TimedOut
        } catch (e: IOException) {
            return Outcome.NoResponse
        } finally {
            connection.disconnect()
        }
    }

    /**
     * The body of [connection], from [wire]: decoded when the connection left a gzip
     * `Content-Encoding` to decode (the desktop JDK does; Android decodes itself and removes
     * the header), at most [maxBodyBytes] decoded bytes ([TOO_LARGE] past them, the rest never
     * read). A body shorter than its `Content-Length` is no response (IOException).
     */
    private fun read(connection: HttpURLConnection, wire: InputStream): ByteArray {
        val encoding = connection.contentEncoding?.trim()
        val gzip = encoding != null && (encoding.equals("gzip", true) || encoding.equals("x-gzip", true))
        val length = connection.contentLengthLong // -1 when not given
        val exact = encoding.isNullOrEmpty() && length >= 0 // the bytes to read are announced
        if (exact && length > maxBodyBytes) return TOO_LARGE // not even started
        val counted = CountingStream(wire)
        val decoded: InputStream = if (gzip) GZIPInputStream(counted, 8192) else counted
        var buffer = ByteArray(if (exact) length.toInt() else minOf(maxBodyBytes, 8192))
        var size = 0
        while (true) {
            if (size == buffer.size) {
                // Full (the announced length, the cap, or the room so far): one byte more
                // decides between the end, too large, and growing.
                val next = decoded.read()
                if (next < 0) break
                if (size == maxBodyBytes) return TOO_LARGE
                buffer = buffer.copyOf(minOf(maxBodyBytes.toLong(), maxOf(8192L, size * 2L)).toInt())
                buffer[size++] = next.toByte()
            }
            val n = decoded.read(buffer, size, buffer.size - size)
            if (n < 0) break
            size += n
        }
        if (length >= 0 && counted.count < length) throw IOException("the body ended after ${counted.count} of $length bytes")
        return if (size == buffer.size) buffer else buffer.copyOf(size)
    }

    /** Counts the bytes read through it. */
    private class CountingStream(private val inner: InputStream) : InputStream() {
        var count = 0L
            private set

        override fun read(): Int {
            val b = inner.read()
            if (b >= 0) count++
            return b
        }

        override fun read(b: ByteArray, off: Int, len: Int): Int {
            val n = inner.read(b, off, len)
            if (n > 0) count += n
            return n
        }

        override fun close() = inner.close()
    }

    companion object {
        /** The response header that carries the session id. */
        const val SESSION_HEADER = "X-Set-Monaca-Cloud-Session"

        /** The default deadline of a whole exchange, 30,000 ms, the same in every face. */
        const val DEFAULT_TIMEOUT_MILLIS = 30000

        /** The default body cap, 32 MiB (33,554,432 bytes), the same in every face. */
        const val DEFAULT_MAX_BODY_BYTES = 33554432

        /** The client of the backend [backendId] (the same as the constructor taking a backend id). */
        @JvmStatic
        @JvmOverloads
        fun forBackend(
            backendId: String,
            apiKey: String,
            deviceId: String,
            timeoutMillis: Int = DEFAULT_TIMEOUT_MILLIS,
            maxBodyBytes: Int = DEFAULT_MAX_BODY_BYTES
        ): MonacaCloudClient = MonacaCloudClient(backendId, apiKey, deviceId, timeoutMillis, maxBodyBytes)

        /** [read]'s answer for a body over the cap (compared by identity). */
        private val TOO_LARGE = ByteArray(0)

        /**
         * Every [SESSION_HEADER] of the response, in the order received, joined by ", " (as
         * HTTP combines repeated fields, and as Fetch and Foundation hand them over); null
         * without one. Read field by field, since `getHeaderFields` does not keep the order.
         */
        internal fun sessionHeader(connection: HttpURLConnection): String? {
            var joined: String? = null
            var i = 0
            while (true) {
                val value = connection.getHeaderField(i) ?: break
                val key = connection.getHeaderFieldKey(i)
                if (key != null && key.equals(SESSION_HEADER, true)) joined = if (joined == null) value else "$joined, $value"
                i++
            }
            return joined
        }

        /** The transfers' threads: daemons, made as needed and ended after a minute idle. */
        private val TRANSFERS: ExecutorService = Executors.newCachedThreadPool(object : ThreadFactory {
            private val made = AtomicInteger()
            override fun newThread(task: Runnable): Thread {
                val thread = Thread(task, "monaca-cloud-client-${made.incrementAndGet()}")
                thread.isDaemon = true
                return thread
            }
        })
    }
}
