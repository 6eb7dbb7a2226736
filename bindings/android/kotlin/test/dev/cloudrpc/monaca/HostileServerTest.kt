package dev.cloudrpc.monaca

import org.junit.AfterClass
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.BeforeClass
import org.junit.Test
import java.io.File
import java.net.HttpURLConnection
import java.net.URI
import java.net.URL
import java.util.concurrent.ExecutionException
import java.util.concurrent.FutureTask
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

/**
 * MonacaCloudClient against tests/hostile-server/server.py, a hostile or misconfigured Backend
 * on 127.0.0.1 (passed by test.sh as `-Dmonaca.hostileServer`; started by this class, stopped
 * when it ends, and bounded by --max-requests and --lifetime should that fail). Each scenario is
 * a POST path (see that folder's README). One client's session goes through several scenarios
 * with the internal `call(method, paramsJson, url)`. test.sh runs the suite with a small heap
 * (-Xmx192m), so a client that held the 256 MiB body would fail with OutOfMemoryError.
 */
class HostileServerTest : NativeTest() {

    companion object {
        private var server: Process? = null
        private var port = 0
        private val CAP = MonacaCloudClient.DEFAULT_MAX_BODY_BYTES

        @BeforeClass
        @JvmStatic
        fun startServer() {
            val script = System.getProperty("monaca.hostileServer")
                ?: throw IllegalStateException("no -Dmonaca.hostileServer (test.sh passes tests/hostile-server/server.py)")
            val portFile = File.createTempFile("monaca-hostile", ".json")
            portFile.delete() // the server writes it once both ports listen
            val process = startPython(script, "--port-file", portFile.path, "--max-requests", "200", "--lifetime", "600",
                output = ProcessBuilder.Redirect.INHERIT)
            server = process
            val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
            while (!portFile.exists()) {
                if (!process.isAlive) throw IllegalStateException("the hostile server ended (exit ${process.exitValue()})")
                if (System.nanoTime() > deadline) throw IllegalStateException("the hostile server wrote no ${portFile.path}")
                Thread.sleep(50)
            }
            val ports = ReportJson.parse(portFile.readText()) as Map<*, *>
            port = (ports["port"] as Long).toInt()
            portFile.delete()
        }

        @AfterClass
        @JvmStatic
        fun stopServer() = stopPython(server)

        /** The URL of a scenario, e.g. `/drip`. */
        fun scenario(path: String): URL = URI("http://127.0.0.1:$port$path").toURL()

        fun client(path: String, timeoutMillis: Int = MonacaCloudClient.DEFAULT_TIMEOUT_MILLIS, maxBodyBytes: Int = CAP) =
            MonacaCloudClient(scenario(path), "test-api-key", "android-device", timeoutMillis, maxBodyBytes)
    }

    /** Calls [method] at the client's endpoint or at [path], requiring a MonacaCloudError. */
    private fun failure(client: MonacaCloudClient, method: String = "Echo", path: String? = null): MonacaCloudError {
        val url = path?.let { scenario(it) } ?: client.endpoint
        return assertThrows("$method at $url") { client.call(method, null, url) }
    }

    /** The params the server received, from `/echo`. */
    private fun echoedParams(client: MonacaCloudClient): Map<*, *> {
        val echoed = client.call("Echo", """{"n":1}""", scenario("/echo"))
        return (ReportJson.parse(echoed) as Map<*, *>)["params"] as Map<*, *>
    }

    /** How many connections the redirect target accepted (GET /_target_count). */
    private fun targetCount(): Int {
        val connection = scenario("/_target_count").openConnection() as HttpURLConnection
        try {
            return connection.inputStream.use { String(it.readBytes(), Charsets.UTF_8) }.trim().toInt()
        } finally {
            connection.disconnect()
        }
    }

    /** 301, 302, 307 and 308 to another port, and 307 and 308 to another scheme: the 3xx is the answer; the target gets nothing. */
    @Test
    fun redirectsAreNeverFollowed() {
        for ((path, status) in listOf("/redirect/301" to 301, "/redirect/302" to 302, "/redirect/307" to 307,
                "/redirect/308" to 308, "/redirect-https/307" to 307, "/redirect-https/308" to 308)) {
            val client = client(path)
            val error = failure(client)
            assertEquals(path, MonacaCloudError.fromResponse(status, ByteArray(0)), error)
            assertEquals(path, MonacaCloudError.INVALID_STATUS_CODE, error.code)
            assertTrue("$path: ${error.detail}", error.detail.orEmpty().contains("$status"))
            assertNull("$path: the target's session (s-stolen)", client.currentSession)
        }
        assertEquals("connections the redirect target accepted", 0, targetCount())
    }

    /** `http://` to a host that is not loopback, and other schemes, are refused by the core before anything connects. */
    @Test
    fun plainHttpToAnotherHostIsRefused() {
        val remote = URI("http://192.0.2.1:$port/ok").toURL()
        val atInit = assertThrows<MonacaArgumentException>("init") { MonacaCloudClient(remote, "k", "d") }
        assertEquals("url", atInit.argument)
        assertEquals(atInit.explanation,
            assertThrows<MonacaArgumentException>("checkUrl") { MonacaCloudRequest.checkUrl(remote.toString()) }.explanation)
        val atCall = assertThrows<MonacaArgumentException>("call") { client("/ok", 5000).call("Echo", null, remote) }
        assertEquals(atInit.explanation, atCall.explanation)
        for (url in listOf("file:/etc/passwd", "jar:file:/a.jar!/b.json", "ftp://127.0.0.1/x")) {
            val e = assertThrows<MonacaArgumentException>(url) { MonacaCloudClient(URL(url), "k", "d") }
            assertEquals(url, "url", e.argument)
        }
    }

    /** A 256 MiB body stops at the 32 MiB cap: -12 from the core's bodyTooLarge, no OutOfMemoryError. */
    @Test
    fun hugeBodyStopsAtTheCap() {
        val error = failure(client("/big"))
        assertEquals(MonacaCloudError.bodyTooLarge(CAP.toLong()), error)
        assertEquals(MonacaCloudError.INVALID_RESPONSE, error.code)
    }

    /** The cap counts every byte: /ok's 40-byte body passes a cap of 40 and fails one of 39. */
    @Test
    fun capIsExact() {
        assertEquals("\"OK\"", client("/ok", maxBodyBytes = 40).call("Echo"))
        assertEquals(MonacaCloudError.bodyTooLarge(39), failure(client("/ok", maxBodyBytes = 39)))
    }

    /** A gzip of 260 KB that inflates to 256 MiB: the cap counts the decoded bytes. */
    @Test
    fun gzipBombStopsAtTheCap() {
        assertEquals(MonacaCloudError.bodyTooLarge(CAP.toLong()), failure(client("/gzip-bomb")))
    }

    /** A body dripped a byte per second, and a head dripped so: -11 at the deadline of the whole exchange (1.5 s). */
    @Test
    fun dripGivesTheTimeoutAtTheDeadline() {
        for (path in listOf("/drip", "/drip-headers")) {
            val started = System.nanoTime()
            // On a thread of its own, so that a client without a deadline fails here within 20 s
            // instead of waiting out the drip (17 minutes).
            val call = FutureTask { failure(client(path, timeoutMillis = 1500)) }
            Thread(call, "drip-call").apply { isDaemon = true }.start()
            val error = try {
                call.get(20, TimeUnit.SECONDS)
            } catch (e: TimeoutException) {
                throw AssertionError("$path: no answer within 20 s (the deadline is 1.5 s)")
            } catch (e: ExecutionException) {
                throw e.cause ?: e
            }
            val millis = (System.nanoTime() - started) / 1_000_000
            assertEquals(path, MonacaCloudError.timeout(), error)
            // A byte comes every second, so the connection's own read timeout (also 1.5 s) never
            // fires: only the deadline ends the call (the drip would take minutes).
            assertTrue("$path: timed out after $millis ms", millis in 1400..6000)
        }
    }

    /** A body shorter than its Content-Length, then a clean end, and a reset mid-body: no response (-13, status 0). */
    @Test
    fun shortBodyAndResetAreNoResponse() {
        for (path in listOf("/short", "/reset")) {
            val error = failure(client(path))
            assertEquals(path, MonacaCloudError.fromResponse(0, ByteArray(0)), error)
            assertEquals(path, MonacaCloudError.INVALID_STATUS_CODE, error.code)
        }
    }

    /** Two X-Set-Monaca-Cloud-Session lines are joined as HTTP combines them; the next call sends "s1, s2". */
    @Test
    fun twoSessionHeadersAreCombined() {
        val client = client("/two-sessions")
        assertEquals("\"OK\"", client.call("Echo"))
        assertEquals("s1, s2", client.currentSession)
        assertEquals("s1, s2", echoedParams(client)["__session"])
    }

    /** An empty, a blank and a NUL-holding session header are no session: the client keeps the one it had. */
    @Test
    fun emptyBlankAndNulSessionsKeepThePrevious() {
        val client = client("/ok")
        client.call("Echo")
        assertEquals("s-ok", client.currentSession)
        for (path in listOf("/empty-session", "/blank-session", "/nul-session")) {
            assertEquals(path, "\"OK\"", client.call("Echo", null, scenario(path)))
            assertEquals(path, "s-ok", client.currentSession)
        }
        assertEquals("s-ok", echoedParams(client)["__session"])
    }

    /** After a successful User.logout the client forgets its session and login token, though that response set a header. */
    @Test
    fun logoutForgetsTheSessionAndTheLoginToken() {
        val client = client("/logout")
        assertEquals("""{"loginToken":"t-login","user":{"_id":"u1"}}""", client.call("User.login", null, scenario("/login")))
        assertEquals("s-login", client.currentSession)
        assertEquals("t-login", client.loginToken)
        assertEquals("s-login", echoedParams(client)["__session"])

        assertEquals("\"OK\"", client.call("User.logout"))
        assertNull("the header s-after-logout is not kept", client.currentSession)
        assertNull(client.loginToken)
        val params = echoedParams(client)
        assertTrue("$params", !params.containsKey("__session"))
        assertEquals("test-api-key", params["__api_key"])
    }

    /** The request's id is the string "1", as the SDK sends it, on every call. */
    @Test
    fun theIdSentIsTheStringOne() {
        val client = client("/echo")
        repeat(2) {
            val request = ReportJson.parse(client.call("Collection.find")) as Map<*, *>
            assertEquals("1", request["id"])
            assertEquals("2.0", request["jsonrpc"])
            assertEquals("Collection.find", request["method"])
        }
    }
}
