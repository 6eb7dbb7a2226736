package dev.cloudrpc.monaca

import org.junit.AfterClass
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.BeforeClass
import org.junit.Test
import java.net.InetAddress
import java.net.ServerSocket
import java.net.URI
import java.net.URL
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/**
 * MonacaCloudClient end to end over HttpURLConnection, against the mock Monaca Backend
 * (tests/mock-backend/server.py, passed by test.sh as `-Dmonaca.mockBackend`) on 127.0.0.1,
 * started by this class and stopped when it ends (bounded by --max-requests and --lifetime
 * should that fail).
 */
class ClientTest : NativeTest() {

    companion object {
        private const val API_KEY = "test-api-key"
        private var server: Process? = null
        private var port = 0

        @BeforeClass
        @JvmStatic
        fun startServer() {
            val script = System.getProperty("monaca.mockBackend")
                ?: throw IllegalStateException("no -Dmonaca.mockBackend (test.sh passes tests/mock-backend/server.py)")
            val process = startPython(script, "--max-requests", "100", "--lifetime", "120", "--slow", "3")
            server = process
            val line = process.inputStream.bufferedReader().readLine()
            port = line?.removePrefix("PORT ")?.toIntOrNull()
                ?: throw IllegalStateException("the mock backend said '$line' instead of 'PORT <n>'")
        }

        @AfterClass
        @JvmStatic
        fun stopServer() = stopPython(server)

        fun endpoint(backend: String = "test-backend"): URL = URI("http://127.0.0.1:$port/json-rpc/$backend").toURL()

        fun client(timeoutMillis: Int = 10_000, apiKey: String = API_KEY): MonacaCloudClient =
            MonacaCloudClient(endpoint(), apiKey, "device-1", timeoutMillis)
    }

    private fun parsed(json: String): Map<*, *> = ReportJson.parse(json) as Map<*, *>

    private fun failure(what: String, call: () -> Unit): MonacaCloudError = assertThrows(what, call)

    private fun login(client: MonacaCloudClient): Map<*, *> =
        parsed(client.call("User.login", """{"username":"alice","password":"secret"}"""))

    @Test
    fun loginKeepsTheSessionAndTheNextCallSendsIt() {
        val client = client()
        assertNull(client.currentSession)
        assertNull(client.loginToken)
        val result = login(client)
        val token = result["loginToken"] as String
        assertEquals(mapOf("_id" to "u1", "username" to "alice"), result["user"])
        assertEquals(token, client.loginToken)
        // The session is the header's value: session-<n> with the n of token-<n>.
        assertEquals(token.replace("token-", "session-"), client.currentSession)

        val found = parsed(client.call("Collection.find", """{"collection":"items"}"""))
        assertEquals(1L, found["totalItems"])
        assertEquals(listOf(mapOf("_id" to "i1")), found["items"])

        val echoed = parsed(client.call("Echo", """{"x":"\u00e9\ud83d\ude00"}"""))
        assertEquals(mapOf("x" to "\u00e9\uD83D\uDE00", "__api_key" to API_KEY, "__device" to "device-1",
            "__session" to client.currentSession), echoed)
        assertEquals(token, client.loginToken) // the later results had none: the token is kept
    }

    @Test
    fun withoutASessionCollectionFindIsRefused() {
        val client = client()
        val error = failure("Collection.find before login") { client.call("Collection.find") }
        assertEquals(MonacaCloudError.USER_LOGIN_REQUIRED, error.code)
        assertEquals(MonacaErrorKind.CLOUD_API, error.kind)
        assertNull(client.currentSession)
        val badKey = failure("wrong API key") { client(apiKey = "other").call("Echo") }
        assertEquals(MonacaCloudError.API_KEY_INVALID, badKey.code)
    }

    @Test
    fun wrongPasswordIsInvalidParamsAndKeepsTheSession() {
        val client = client()
        val wrong = """{"username":"alice","password":"nope"}"""
        val error = failure("User.login, wrong password") { client.call("User.login", wrong) }
        assertEquals(MonacaCloudError.INVALID_PARAMS, error.code)
        assertEquals(listOf(MonacaParam("password", listOf("Wrong password."))), error.params)
        assertEquals("Wrong password.", error.firstMessageFor("password"))
        assertEquals("""{"password": "Wrong password."}""", error.dataJson) // Python's json.dumps, as sent
        assertNull(client.currentSession)
        login(client)
        val session = client.currentSession
        assertNotNull(session)
        failure("wrong password again") { client.call("User.login", wrong) }
        assertEquals(session, client.currentSession)
        assertEquals(MonacaCloudError.METHOD_NOT_FOUND, failure("unknown method") { client.call("No.such") }.code)
    }

    @Test
    fun status500IsInvalidStatusCode() {
        val error = failure("Fail.status500") { client().call("Fail.status500") }
        assertEquals(MonacaCloudError.INVALID_STATUS_CODE, error.code)
        assertEquals(MonacaErrorKind.CLIENT, error.kind)
        assertTrue("${error.detail}", error.detail!!.contains("500"))
        // 404 for another backend's path: the error stream is read, the status decides.
        val notFound = failure("another backend") { MonacaCloudClient(endpoint("other"), API_KEY, "d").call("Echo") }
        assertEquals(MonacaCloudError.INVALID_STATUS_CODE, notFound.code)
        assertTrue("${notFound.detail}", notFound.detail!!.contains("404"))
    }

    @Test
    fun slowAnswerTimesOut() {
        val started = System.nanoTime()
        val error = failure("Fail.slow with a 1000 ms timeout") { client(timeoutMillis = 1000).call("Fail.slow") }
        val millis = (System.nanoTime() - started) / 1_000_000
        assertEquals(MonacaCloudError.CONNECTION_TIMED_OUT, error.code)
        assertEquals(MonacaCloudError.timeout(), error)
        assertTrue("timed out after $millis ms", millis in 900..2900)
    }

    @Test
    fun noServerIsStatusZero() {
        val closed = ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { it.localPort }
        val client = MonacaCloudClient(URI("http://127.0.0.1:$closed/json-rpc/test-backend").toURL(), API_KEY, "d", 5000)
        val error = failure("connection refused") { client.call("Echo") }
        assertEquals(MonacaCloudError.INVALID_STATUS_CODE, error.code)
        assertEquals(MonacaCloudError.fromResponse(0, ByteArray(0)), error)
        assertNull(client.currentSession)
    }

    @Test
    fun limitsAndTheirDefaults() {
        val client = MonacaCloudClient(endpoint(), API_KEY, "d")
        assertEquals(30000, client.timeoutMillis)
        assertEquals(33554432, client.maxBodyBytes)
        assertEquals(MonacaCloudClient.DEFAULT_TIMEOUT_MILLIS, client.timeoutMillis)
        assertEquals(MonacaCloudClient.DEFAULT_MAX_BODY_BYTES, client.maxBodyBytes)
        assertEquals(7, MonacaCloudClient(endpoint(), API_KEY, "d", 1000, 7).maxBodyBytes)
        assertThrows<IllegalArgumentException>("timeout 0") { MonacaCloudClient(endpoint(), API_KEY, "d", 0) }
        assertThrows<IllegalArgumentException>("negative cap") { MonacaCloudClient(endpoint(), API_KEY, "d", 1000, -1) }
    }

    /** Only https, or http to a loopback host: anything else is the core's refusal of "url", before any connection. */
    @Test
    fun endpointIsCheckedByTheCore() {
        MonacaCloudClient(URI("https://cloud.monaca.mobi/json-rpc/x").toURL(), API_KEY, "d")
        for (url in listOf("http://example.com/json-rpc/x", "file:/etc/hosts", "jar:file:/a.jar!/b", "ftp://127.0.0.1/")) {
            val e = assertThrows<MonacaArgumentException>(url) { MonacaCloudClient(URL(url), API_KEY, "d") }
            assertEquals(url, "url", e.argument)
            assertEquals(url, e.explanation,
                assertThrows<MonacaArgumentException>(url) { MonacaCloudRequest.checkUrl(url) }.explanation)
        }
    }

    @Test
    fun refusedArgumentsAreThrownBeforeAnyCall() {
        val client = client()
        assertEquals("method", assertThrows<MonacaArgumentException>("bad method") { client.call("User login") }.argument)
        assertEquals("paramsJson", assertThrows<MonacaArgumentException>("bad params") { client.call("Echo", "[]") }.argument)
    }

    @Test
    fun threadsShareOneSession() {
        val client = client()
        login(client)
        val session = client.currentSession
        val threads = 4
        val done = CountDownLatch(threads)
        val failures = Collections.synchronizedList(ArrayList<Throwable>())
        for (t in 0 until threads) {
            Thread({
                try {
                    repeat(5) { i ->
                        val echoed = parsed(client.call("Echo", """{"t":$t,"i":$i}"""))
                        assertEquals(session, echoed["__session"])
                        assertEquals(t.toLong(), echoed["t"])
                        assertEquals(i.toLong(), echoed["i"])
                    }
                } catch (e: Throwable) {
                    failures.add(e)
                } finally {
                    done.countDown()
                }
            }, "client-$t").start()
        }
        assertTrue("threads finished in time", done.await(60, TimeUnit.SECONDS))
        if (failures.isNotEmpty()) throw AssertionError("${failures.size} thread failures", failures[0])
    }
}
