package dev.cloudrpc.monaca

import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertSame
import org.junit.Assert.assertTrue
import org.junit.Test

/**
 * The request and response faces of a Backend call, without a network: URLs and request bodies
 * written by the core (read back with the JSON reader, not compared with text written here),
 * the core's refusals under their Kotlin argument names, and responses read from exchanges.
 */
class CallTest : NativeTest() {
    private val credentials = MonacaCloudCredentials("key\"\u00e9\uD83D\uDE00", "dev\n1", "sess\u2028")

    private fun parsedBody(method: String, paramsJson: String?, credentials: MonacaCloudCredentials, id: Long = 1): Map<*, *> {
        val body = MonacaCloudRequest.body(method, paramsJson, credentials, id)
        return ReportJson.parse(body) as Map<*, *>
    }

    @Test
    fun urlIsTheCoresRule() {
        assertEquals("https://cloud.monaca.mobi/json-rpc/test-backend_1", MonacaCloudRequest.url("test-backend_1"))
        assertEquals("https://cloud.monaca.mobi/json-rpc/test-backend",
            MonacaCloudClient("test-backend", "k", "d").endpoint.toString())
        val client = MonacaCloudClient.forBackend("abc", "k", "d", 5)
        assertEquals("https://cloud.monaca.mobi/json-rpc/abc", client.endpoint.toString())
        assertEquals(5, client.timeoutMillis)
        assertEquals(30000, MonacaCloudClient("abc", "k", "d").timeoutMillis)
    }

    private fun refused(argument: String, block: () -> Unit): MonacaArgumentException {
        val e = assertThrows<MonacaArgumentException>("refusal of $argument", block)
        assertEquals(e.explanation, argument, e.argument)
        assertEquals(e.explanation, e.message)
        return e
    }

    @Test
    fun urlRefusalsNameBackendId() {
        val empty = refused("backendId") { MonacaCloudRequest.url("") }
        assertEquals("empty", empty.reason)
        assertEquals("the backend id is not valid: empty (byte offset 0)", empty.explanation)
        assertEquals(3L, refused("backendId") { MonacaCloudRequest.url("abc/x") }.offset)
        assertEquals(1L, refused("backendId") { MonacaCloudRequest.url("a\u00e9") }.offset)
        assertEquals("invalid UTF-8", refused("backendId") { MonacaCloudRequest.url("a\uD800") }.reason)
        // The constructors refuse it the same way, before any connection.
        refused("backendId") { MonacaCloudClient("no such/id", "k", "d") }
        refused("backendId") { MonacaCloudClient.forBackend("", "k", "d") }
    }

    @Test
    fun bodyCarriesTheCallAndTheCredentials() {
        val body = parsedBody("User.login", """ {"username":"a\u00e9","password":"p\"q","n":[1,{"x":null}]} """, credentials, 7)
        assertEquals(listOf("jsonrpc", "method", "params", "id"), body.keys.toList())
        assertEquals("2.0", body["jsonrpc"])
        assertEquals("User.login", body["method"])
        assertEquals(7L, body["id"])
        val params = body["params"] as Map<*, *>
        assertEquals(listOf("username", "password", "n", "__api_key", "__device", "__session"), params.keys.toList())
        assertEquals("a\u00e9", params["username"])
        assertEquals("p\"q", params["password"])
        assertEquals(listOf(1L, mapOf("x" to null)), params["n"])
        assertEquals(credentials.apiKey, params["__api_key"])
        assertEquals(credentials.deviceId, params["__device"])
        assertEquals(credentials.session, params["__session"])

        // No params: {} with the credentials; no session: no __session; the id defaults to 1.
        val bare = parsedBody("Collection.find", null, MonacaCloudCredentials("k", "d"))
        assertEquals(mapOf("__api_key" to "k", "__device" to "d"), bare["params"])
        assertEquals(1L, bare["id"])
        assertEquals(mapOf("__api_key" to "k", "__device" to "d"), parsedBody("A_1.b2", "{}", MonacaCloudCredentials("k", "d"))["params"])
        assertEquals(Long.MIN_VALUE, parsedBody("a", null, credentials, Long.MIN_VALUE)["id"])
    }

    @Test
    fun bodyRefusalsNameTheKotlinArgument() {
        val k = MonacaCloudCredentials("k", "d")
        assertEquals("empty", refused("method") { MonacaCloudRequest.body("", null, k) }.reason)
        assertEquals(5L, refused("method") { MonacaCloudRequest.body("User.", null, k) }.offset)
        assertEquals(5L, refused("method") { MonacaCloudRequest.body("User..login", null, k) }.offset)
        assertEquals(4L, refused("method") { MonacaCloudRequest.body("User login", null, k) }.offset)
        val notJson = refused("paramsJson") { MonacaCloudRequest.body("a", "{\n \"x\":}", k) }
        assertEquals(2L, notJson.line)
        assertEquals(6L, notJson.column)
        assertEquals(7L, notJson.offset)
        assertTrue(notJson.explanation, notJson.explanation.startsWith("params is not valid JSON: "))
        assertEquals("not a JSON object", refused("paramsJson") { MonacaCloudRequest.body("a", "[1]", k) }.reason)
        assertEquals("params is not a JSON object", refused("paramsJson") { MonacaCloudRequest.body("a", "\"{}\"", k) }.explanation)
        for (key in listOf("__api_key", "__device", "__session")) {
            val e = refused("paramsJson") { MonacaCloudRequest.body("a", """{"x":1,"$key":"mine"}""", k) }
            assertEquals("params holds \"$key\", which the library sets from the credentials", e.explanation)
        }
        // Unpaired surrogates have no UTF-8 form: the core refuses them where they are.
        assertEquals(1L, refused("apiKey") { MonacaCloudRequest.body("a", null, MonacaCloudCredentials("k\uD800", "d")) }.offset)
        assertEquals("invalid UTF-8", refused("deviceId") { MonacaCloudRequest.body("a", null, MonacaCloudCredentials("k", "\uDC00")) }.reason)
        refused("session") { MonacaCloudRequest.body("a", null, MonacaCloudCredentials("k", "d", "s\uD83D")) }
        refused("paramsJson") { MonacaCloudRequest.body("a", "{\"\uD800\":1}", k) }
    }

    @Test
    fun successWithSessionAndLoginToken() {
        val result = """{"loginToken":"t\u00e9","user":{"_id":"u1","username":"\ud83d\ude00"}}"""
        val body = """{"jsonrpc":"2.0","id":1,"result":$result}"""
        val response = MonacaCloudResponse.fromExchange(200, utf8(body), "sess-1")
        assertEquals(result, response.resultJson) // byte-exact, escapes as sent
        assertEquals(result, response.get())
        assertNull(response.error)
        assertEquals("sess-1", response.session)
        assertEquals("t\u00e9", response.loginToken)
        val report = ReportJson.parse(response.reportJson) as Map<*, *>
        assertEquals(listOf("session", "loginToken", "result"), report.keys.toList())
        assertEquals("sess-1", report["session"])
        assertEquals(ReportJson.parse(result), report["result"])
        assertEquals(response.reportJson, response.toString())

        // No header: nothing to keep. A non-object result: no login token.
        val plain = MonacaCloudResponse.fromExchange(200, utf8("""{"result":["loginToken"]}"""))
        assertNull(plain.session)
        assertNull(plain.loginToken)
        assertEquals("""["loginToken"]""", plain.resultJson)
        assertEquals("null", MonacaCloudResponse.fromExchange(200, utf8("""{"result":null}"""), null).get())
    }

    /** The result is the server's text as sent: spacing, repeated members and any depth the core accepts. */
    @Test
    fun resultIsTheTextAsSent() {
        val spaced = "[ 1 ,\n {\"a\" : 1, \"a\":2.50e1} , \"\\u0041\" ]"
        assertEquals(spaced, MonacaCloudResponse.fromExchange(200, utf8("""{"id":1, "result" : $spaced }""")).resultJson)
        val deep = "[".repeat(5000) + "{\"loginToken\":1}" + "]".repeat(5000)
        assertEquals(deep, MonacaCloudResponse.fromExchange(201, utf8("""{"result":$deep}""")).resultJson)
        // A body that had to be decoded (invalid UTF-8 in a string): the core's decoded text.
        val decoded = MonacaCloudResponse.fromExchange(200, byteArrayOf(*utf8("{\"result\":\"caf"), 0xE9.toByte(), *utf8("\"}")))
        assertEquals("\"caf\uFFFD\"", decoded.resultJson)
    }

    @Test
    fun errorWithSession() {
        val body = errorBody("""{"code":-32602,"message":"Invalid params","data":{"password":"Wrong password."}}""")
        val response = MonacaCloudResponse.fromExchange(200, utf8(body), "sess-2")
        val error = response.error
        assertNotNull(error)
        error!!
        assertNull(response.resultJson)
        assertEquals("sess-2", response.session) // the SDK keeps it from errors too
        assertNull(response.loginToken)
        assertEquals(listOf(MonacaParam("password", listOf("Wrong password."))), error.params)
        val alone = MonacaCloudError.fromResponse(200, utf8(body))!!
        assertEquals(alone, error)
        assertEquals(alone.reportJson, error.reportJson)
        assertSame(error, assertThrows<MonacaCloudError>("get()") { response.get() })
        val report = ReportJson.parse(response.reportJson) as Map<*, *>
        assertEquals(listOf("session", "loginToken", "error"), report.keys.toList())
        assertEquals(ReportJson.parse(alone.reportJson), report["error"])
    }

    /** The SDK reads the header only on a 2xx/304 response whose body is JSON. */
    @Test
    fun sessionRule() {
        fun sessionOf(status: Int, body: String) = MonacaCloudResponse.fromExchange(status, utf8(body), "s").session
        assertNull(sessionOf(200, "<html>not JSON</html>"))
        assertEquals(-12L, MonacaCloudResponse.fromExchange(200, utf8("<html>"), "s").error!!.code)
        assertNull(sessionOf(200, ""))
        assertNull(sessionOf(200, """{"result":"""))
        assertNull(sessionOf(500, """{"result":1}"""))
        assertNull(sessionOf(0, ""))
        assertEquals("s", sessionOf(200, "[1]")) // JSON, though not a JSON-RPC response: -12, session kept
        assertEquals("s", sessionOf(299, """{"result":1}"""))
        assertEquals("s", sessionOf(304, """{"result":1}"""))
        assertEquals("s\u00e9\uD83D\uDE00", MonacaCloudResponse.fromExchange(200, utf8("{\"result\":1}"), "s\u00e9\uD83D\uDE00").session)
        // A header with no UTF-8 form (an unpaired surrogate) is refused by the core.
        assertThrows<IllegalArgumentException>("unpaired surrogate header") {
            MonacaCloudResponse.fromExchange(200, utf8("{\"result\":1}"), "s\uD800")
        }
        val noResponse = MonacaCloudResponse.fromExchange(0, ByteArray(0))
        assertEquals(MonacaCloudError.INVALID_STATUS_CODE, noResponse.error!!.code)
    }

    /** Java callers can pass null despite the Kotlin types; the shim's own guards throw, not crash. */
    @Test
    fun shimRefusesNullsCleanly() {
        val bytes = ByteArray::class.java
        val long = Long::class.javaPrimitiveType
        fun invoke(name: String, types: Array<Class<*>?>, vararg args: Any?) {
            val method = MonacaNative::class.java.getMethod(name, *types)
            assertThrows<NullPointerException>(name) {
                try { method.invoke(null, *args) } catch (e: java.lang.reflect.InvocationTargetException) { throw e.cause!! }
            }
        }
        val k = utf8("k")
        invoke("fromExchange", arrayOf(Int::class.javaPrimitiveType, bytes, bytes), 200, null, null)
        invoke("requestNew", arrayOf(bytes, bytes, bytes, bytes, bytes, long), null, null, k, k, null, 1L)
        invoke("requestNew", arrayOf(bytes, bytes, bytes, bytes, bytes, long), k, null, null, k, null, 1L)
        invoke("requestNew", arrayOf(bytes, bytes, bytes, bytes, bytes, long), k, null, k, null, null, 1L)
        invoke("backendUrl", arrayOf(bytes), null)
    }

    /** A response report outside what the core writes is a native bug. */
    @Test
    fun aMalformedResponseReportIsANativeBug() {
        val error = MonacaCloudError.timeout().reportJson
        MonacaCloudResponse.fromReport(utf8("""{"session":null,"loginToken":null,"error":$error}"""))
        for (text in listOf("""{"session":null,"loginToken":null}""", """{"session":null,"loginToken":null,"result":1,"error":$error}""",
                """{"loginToken":null,"result":1}""", """{"session":1,"loginToken":null,"result":1}""",
                """{"session":null,"loginToken":null,"error":{}}""", """{"session":null,"loginToken":null,"result":[1,]}""")) {
            assertThrows<IllegalStateException>(text) { MonacaCloudResponse.fromReport(utf8(text)) }
        }
    }
}
