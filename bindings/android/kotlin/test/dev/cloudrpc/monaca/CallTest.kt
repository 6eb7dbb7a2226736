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

    private fun parsedBody(method: String, paramsJson: String?, credentials: MonacaCloudCredentials): Map<*, *> {
        val body = MonacaCloudRequest.body(method, paramsJson, credentials)
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
        val body = parsedBody("User.login", """ {"username":"a\u00e9","password":"p\"q","n":[1,{"x":null}]} """, credentials)
        assertEquals(listOf("jsonrpc", "method", "params", "id"), body.keys.toList())
        assertEquals("2.0", body["jsonrpc"])
        assertEquals("User.login", body["method"])
        assertEquals("1", body["id"]) // always the string "1", as the SDK sends it
        val params = body["params"] as Map<*, *>
        assertEquals(listOf("username", "password", "n", "__api_key", "__device", "__session"), params.keys.toList())
        assertEquals("a\u00e9", params["username"])
        assertEquals("p\"q", params["password"])
        assertEquals(listOf(1L, mapOf("x" to null)), params["n"])
        assertEquals(credentials.apiKey, params["__api_key"])
        assertEquals(credentials.deviceId, params["__device"])
        assertEquals(credentials.session, params["__session"])

        // No params: {} with the credentials; no session: no __session; the id is "1" and ends the body.
        val bare = parsedBody("Collection.find", null, MonacaCloudCredentials("k", "d"))
        assertEquals(mapOf("__api_key" to "k", "__device" to "d"), bare["params"])
        assertEquals("1", bare["id"])
        val text = MonacaCloudRequest.body("Collection.find", null, MonacaCloudCredentials("k", "d"))
        assertTrue(text, text.endsWith(",\"id\":\"1\"}"))
        assertEquals(mapOf("__api_key" to "k", "__device" to "d"), parsedBody("A_1.b2", " {} ", MonacaCloudCredentials("k", "d"))["params"])
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
        val response = MonacaCloudResponse.fromExchange(null, 200, utf8(body), "sess-1")
        assertEquals(result, response.resultJson) // byte-exact, escapes as sent
        assertEquals(result, response.get())
        assertNull(response.error)
        assertEquals("sess-1", response.session)
        assertEquals("t\u00e9", response.loginToken)
        val report = ReportJson.parse(response.reportJson) as Map<*, *>
        assertEquals(listOf("session", "endsSession", "loginToken", "result"), report.keys.toList())
        assertEquals(false, report["endsSession"])
        assertEquals("sess-1", report["session"])
        assertEquals(ReportJson.parse(result), report["result"])
        assertEquals(response.reportJson, response.toString())

        // No header: nothing to keep. A non-object result: no login token.
        val plain = MonacaCloudResponse.fromExchange(null, 200, utf8("""{"result":["loginToken"]}"""))
        assertNull(plain.session)
        assertNull(plain.loginToken)
        assertEquals("""["loginToken"]""", plain.resultJson)
        assertEquals("null", MonacaCloudResponse.fromExchange(null, 200, utf8("""{"result":null}"""), null).get())
    }

    /** The result is the server's text as sent: spacing, repeated members and any depth the core accepts. */
    @Test
    fun resultIsTheTextAsSent() {
        val spaced = "[ 1 ,\n {\"a\" : 1, \"a\":2.50e1} , \"\\u0041\" ]"
        assertEquals(spaced, MonacaCloudResponse.fromExchange(null, 200, utf8("""{"id":1, "result" : $spaced }""")).resultJson)
        val deep = "[".repeat(5000) + "{\"loginToken\":1}" + "]".repeat(5000)
        assertEquals(deep, MonacaCloudResponse.fromExchange(null, 201, utf8("""{"result":$deep}""")).resultJson)
        // A body that had to be decoded (invalid UTF-8 in a string): the core's decoded text.
        val decoded = MonacaCloudResponse.fromExchange(null, 200, byteArrayOf(*utf8("{\"result\":\"caf"), 0xE9.toByte(), *utf8("\"}")))
        assertEquals("\"caf\uFFFD\"", decoded.resultJson)
    }

    @Test
    fun errorWithSession() {
        val body = errorBody("""{"code":-32602,"message":"Invalid params","data":{"password":"Wrong password."}}""")
        val response = MonacaCloudResponse.fromExchange(null, 200, utf8(body), "sess-2")
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
        assertEquals(listOf("session", "endsSession", "loginToken", "error"), report.keys.toList())
        assertEquals(ReportJson.parse(alone.reportJson), report["error"])
    }

    /** As the SDK: the header is kept on every 2xx/304 response, whatever the body; never on another status. */
    @Test
    fun sessionRule() {
        fun read(status: Int, body: String, header: String? = "s") = MonacaCloudResponse.fromExchange(null, status, utf8(body), header)
        val html = read(200, "<html>not JSON</html>")
        assertEquals("s", html.session)
        assertEquals(MonacaCloudError.INVALID_RESPONSE, html.error!!.code)
        assertEquals("s", read(204, "").session) // no body: -12, the session kept all the same
        assertEquals(MonacaCloudError.INVALID_RESPONSE, read(204, "").error!!.code)
        assertEquals("s", read(200, """{"result":""").session)
        assertEquals("s", read(200, "[1]").session) // JSON, though not a JSON-RPC response
        assertEquals("s", read(299, "x").session)
        assertEquals("s", read(304, "").session)
        for (status in listOf(0, 199, 300, 302, 305, 404, 500)) {
            val other = read(status, """{"jsonrpc":"2.0","id":"1","result":1}""")
            assertNull("status $status", other.session)
            assertEquals("status $status", MonacaCloudError.INVALID_STATUS_CODE, other.error!!.code)
        }
        assertNull(read(200, """{"result":1}""", null).session)
        assertEquals("s\u00e9\uD83D\uDE00", read(200, "{\"result\":1}", "s\u00e9\uD83D\uDE00").session)
        val noResponse = MonacaCloudResponse.fromExchange(null, 0, ByteArray(0))
        assertEquals(MonacaCloudError.INVALID_STATUS_CODE, noResponse.error!!.code)
        assertEquals(false, noResponse.endsSession)
    }

    /** The value is trimmed of SP and HTAB; an empty or blank value, or one with a control character or no UTF-8 form, is no session. */
    @Test
    fun sessionHeaderValues() {
        val body = utf8("""{"jsonrpc":"2.0","id":"1","result":"OK"}""")
        fun sessionOf(header: String) = MonacaCloudResponse.fromExchange(null, 200, body, header).session
        assertEquals("s-1", sessionOf(" \t s-1 \t "))
        assertEquals("s1, s2", sessionOf("s1, s2")) // repeated headers, combined as the client joins them
        assertEquals("a b", sessionOf("a b"))
        assertEquals("\u540d\u524d", sessionOf("\u540d\u524d"))
        for (refused in listOf("", " ", "   ", "\t", "abc\u0000def", "a\rb", "a\nb", "a\r\nSet-Cookie: x", "\u001f", "a\u007f", "s\uD800")) {
            val response = MonacaCloudResponse.fromExchange(null, 200, body, refused)
            assertNull(refused, response.session)
            assertTrue(refused, (ReportJson.parse(response.reportJson) as Map<*, *>).containsKey("session"))
            assertNull(refused, (ReportJson.parse(response.reportJson) as Map<*, *>)["session"])
            assertEquals("the result is read all the same", "\"OK\"", response.resultJson)
        }
        // A method with no UTF-8 form is the caller's mistake, not the server's.
        assertThrows<IllegalArgumentException>("unpaired surrogate method") {
            MonacaCloudResponse.fromExchange("User.\uD800", 200, body, "s")
        }
    }

    /** A successful User.logout or User.unregister ends the session, even when its response set one; nothing else does. */
    @Test
    fun logoutAndUnregisterEndTheSession() {
        val success = utf8("""{"jsonrpc":"2.0","id":"1","result":{"loginToken":"t"}}""")
        for (method in listOf("User.logout", "User.unregister")) {
            val ended = MonacaCloudResponse.fromExchange(method, 200, success, "s-after")
            assertTrue(method, ended.endsSession)
            assertNull(method, ended.session)
            assertNull(method, ended.loginToken)
            assertEquals(method, """{"loginToken":"t"}""", ended.resultJson)
            val report = ReportJson.parse(ended.reportJson) as Map<*, *>
            assertEquals(method, listOf("session", "endsSession", "loginToken", "result"), report.keys.toList())
            assertEquals(method, true, report["endsSession"])
        }
        for (method in listOf(null, "User.login", "user.logout", "User.logoutAll", "Logout")) {
            val kept = MonacaCloudResponse.fromExchange(method, 200, success, "s-after")
            assertEquals("$method", false, kept.endsSession)
            assertEquals("$method", "s-after", kept.session)
            assertEquals("$method", "t", kept.loginToken)
        }
        val failed = MonacaCloudResponse.fromExchange("User.logout", 200,
            utf8("""{"jsonrpc":"2.0","id":"1","error":{"code":11,"message":"User login is required"}}"""), "s")
        assertEquals("a failed logout", false, failed.endsSession)
        assertEquals("s", failed.session)
        assertEquals(false, MonacaCloudResponse.fromExchange("User.logout", 500, ByteArray(0)).endsSession)
    }

    /** A string's text, a number as JavaScript writes it, a boolean's text; null, objects and arrays give none. */
    @Test
    fun loginTokenValues() {
        fun tokenOf(result: String) = MonacaCloudResponse.fromExchange(null, 200, utf8("""{"jsonrpc":"2.0","id":"1","result":$result}""")).loginToken
        for ((result, token) in listOf(
            """{"loginToken":"t-1"}""" to "t-1", """{"loginToken":"a\u00e9\n"}""" to "a\u00e9\n", """{"loginToken":42}""" to "42",
            """{"loginToken":4.50}""" to "4.5", """{"loginToken":1e21}""" to "1e+21", """{"loginToken":-0.5}""" to "-0.5",
            """{"loginToken":true}""" to "true", """{"loginToken":false}""" to "false",
            """{"loginToken":"first","loginToken":"last"}""" to "last")) {
            assertEquals(result, token, tokenOf(result))
        }
        for (result in listOf("[1]", "\"token\"", """{"loginToken":null}""", """{"loginToken":{}}""", """{"loginToken":["t"]}""",
                """{"user":{"loginToken":"nested"}}""")) {
            assertNull(result, tokenOf(result))
        }
    }

    /** `result` may nest the core's 10,000 containers inside the envelope (as the SDK's JSON.parse reads); one more is -12. */
    @Test
    fun nestingUpToTheCoresLimit() {
        fun body(depth: Int) = utf8("{\"result\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
        assertEquals("[".repeat(10000) + "]".repeat(10000), MonacaCloudResponse.fromExchange(null, 200, body(10000)).resultJson)
        val tooDeep = MonacaCloudResponse.fromExchange(null, 200, body(10001)).error!!
        assertEquals(MonacaCloudError.INVALID_RESPONSE, tooDeep.code)
        assertEquals("the response body is not valid JSON: objects and arrays nested more than 10000 deep at line 1, column 10011",
            tooDeep.detail)
    }

    /** The core's endpoint rule: https anywhere, http only to a loopback host, nothing else. */
    @Test
    fun checkUrlIsTheCoresRule() {
        for (url in listOf("https://cloud.monaca.mobi/json-rpc/x", "HTTPS://example.com", "http://127.0.0.1:8080/json-rpc/x",
                "http://localhost/x", "http://127.1.2.3/", "http://[::1]:9/", "HTTP://LOCALHOST/")) {
            MonacaCloudRequest.checkUrl(url)
        }
        for (url in listOf("http://example.com/json-rpc/x", "http://10.0.0.1/", "http://127.0.0.1.example.com/", "file:///etc/passwd",
                "jar:file:/a.jar!/b", "ftp://127.0.0.1/", "cloud.monaca.mobi/json-rpc/x", "")) {
            val e = refused("url") { MonacaCloudRequest.checkUrl(url) }
            assertTrue(url, e.reason.isNotEmpty())
            assertTrue("$url: ${e.explanation}", e.explanation.contains(e.reason))
        }
        val noUtf8 = refused("url") { MonacaCloudRequest.checkUrl("https://a\uD800") }
        assertEquals("invalid UTF-8", noUtf8.reason)
        assertEquals(9L, noUtf8.offset)
    }

    /** What a client answers when it stops reading a body at its cap: -12, the limit in the detail. */
    @Test
    fun bodyTooLarge() {
        val e = MonacaCloudError.bodyTooLarge(33554432)
        assertEquals(MonacaCloudError.INVALID_RESPONSE, e.code)
        assertEquals("the response body is larger than the limit of 33554432 bytes", e.detail)
        assertEquals("the response body is larger than the limit of 0 bytes", MonacaCloudError.bodyTooLarge(0).detail)
        assertThrows<IllegalArgumentException>("negative limit") { MonacaCloudError.bodyTooLarge(-1) }
    }

    /** Java callers can pass null despite the Kotlin types; the shim's own guards throw, not crash. */
    @Test
    fun shimRefusesNullsCleanly() {
        val bytes = ByteArray::class.java
        fun invoke(name: String, types: Array<Class<*>?>, vararg args: Any?) {
            val method = MonacaNative::class.java.getMethod(name, *types)
            assertThrows<NullPointerException>(name) {
                try { method.invoke(null, *args) } catch (e: java.lang.reflect.InvocationTargetException) { throw e.cause!! }
            }
        }
        val k = utf8("k")
        invoke("fromExchange", arrayOf(bytes, Int::class.javaPrimitiveType, bytes, bytes), null, 200, null, null)
        invoke("fromResponse", arrayOf(Int::class.javaPrimitiveType, bytes), 200, null)
        invoke("requestNew", arrayOf(bytes, bytes, bytes, bytes, bytes), null, null, k, k, null)
        invoke("requestNew", arrayOf(bytes, bytes, bytes, bytes, bytes), k, null, null, k, null)
        invoke("requestNew", arrayOf(bytes, bytes, bytes, bytes, bytes), k, null, k, null, null)
        invoke("backendUrl", arrayOf(bytes), null)
        invoke("checkUrl", arrayOf(bytes), null)
    }

    /** A response report outside what the core writes is a native bug. */
    @Test
    fun aMalformedResponseReportIsANativeBug() {
        val error = MonacaCloudError.timeout().reportJson
        MonacaCloudResponse.fromReport(utf8("""{"session":null,"endsSession":false,"loginToken":null,"error":$error}"""))
        val head = "\"session\":null,\"endsSession\":false,\"loginToken\":null"
        for (text in listOf("{$head}", "{$head,\"result\":1,\"error\":$error}", """{"loginToken":null,"result":1}""",
                """{"session":1,"endsSession":false,"loginToken":null,"result":1}""",
                """{"session":null,"loginToken":null,"result":1}""", """{"session":null,"endsSession":1,"loginToken":null,"result":1}""",
                "{$head,\"error\":{}}", "{$head,\"result\":[1,]}")) {
            assertThrows<IllegalStateException>(text) { MonacaCloudResponse.fromReport(utf8(text)) }
        }
    }
}
