package dev.cloudrpc.monaca

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test

/** Every classification rule of the core, seen through the Kotlin wrapper. */
class ClassificationTest : NativeTest() {

    private fun assertSuccess(body: String, status: Int = 200) {
        assertNull("status $status, body $body", MonacaCloudError.fromResponse(status, utf8(body)))
    }

    private fun assertInvalidResponse(body: ByteArray, why: String): MonacaCloudError {
        val error = MonacaCloudError.fromResponse(200, body)
        assertNotNull(why, error)
        error!!
        assertEquals(why, MonacaCloudError.INVALID_RESPONSE, error.code)
        assertEquals(why, "Invalid response", error.message)
        assertEquals(why, MonacaErrorKind.CLIENT, error.kind)
        assertEquals(why, "INVALID_RESPONSE", error.name)
        assertTrue("$why: detail '${error.detail}'", !error.detail.isNullOrEmpty())
        assertTrue(why, error.params.isEmpty())
        assertJsonReadsBack(error)
        assertEquals("client errors carry data {} in their JSON form", emptyMap<String, Any?>(),
            (MiniJson.parse(error.toJson()) as Map<*, *>)["data"])
        return error
    }

    private fun assertInvalidResponse(body: String, why: String) = assertInvalidResponse(utf8(body), why)

    @Test
    fun successResponsesGiveNull() {
        assertSuccess("""{"jsonrpc":"2.0","id":"1","result":"OK"}""")
        assertSuccess("""{"result":null}""")
        assertSuccess("""{"result":{"totalItems":2,"items":[{"a":1},{"b":[2,3]}]}}""")
        assertSuccess("""{"jsonrpc":"2.0","id":"1","error":null,"result":1}""")
        assertSuccess("""{"id":[1,{"x":null}],"result":true}""")
        assertSuccess(""" { "result" : [] } """)
        for (status in listOf(200, 201, 204, 299, 304)) assertSuccess("""{"result":"OK"}""", status)
    }

    @Test
    fun largeSuccessBodyIsASuccess() {
        val items = (1..50_000).joinToString(",") { """{"id":$it,"name":"item $it"}""" }
        assertSuccess("""{"jsonrpc":"2.0","id":"1","result":{"totalItems":50000,"items":[$items]}}""")
    }

    @Test
    fun bodiesThatAreNotJsonObjectsAreInvalidResponses() {
        assertInvalidResponse("", "empty body")
        assertInvalidResponse("hello", "not JSON")
        assertInvalidResponse("""{"result":1""", "truncated JSON")
        assertInvalidResponse("""{"result":1} x""", "trailing text")
        assertInvalidResponse("[1,2]", "array")
        assertInvalidResponse("\"result\"", "string")
        assertInvalidResponse("42", "number")
        assertInvalidResponse("null", "null")
        // Invalid UTF-8 outside a string (inside one it is U+FFFD: TextTest). Built from text and
        // raw bytes: Char.toByte() is deprecated from Kotlin 1.5 on and its replacement, Char.code,
        // does not exist in 1.3, the oldest compiler kept.
        assertInvalidResponse(utf8("""{"result":1}""") + byteArrayOf(0xFF.toByte()), "invalid UTF-8 outside a string")
        val bom = byteArrayOf(0xEF.toByte(), 0xBB.toByte(), 0xBF.toByte())
        assertInvalidResponse(bom + bom + utf8("""{"result":1}"""), "a second byte order mark")
        assertInvalidResponse(bom, "only a byte order mark")
        val deep = "[".repeat(100_000) + "]".repeat(100_000)
        assertInvalidResponse("""{"result":$deep}""", "nesting deeper than the limit")
    }

    @Test
    fun malformedErrorMembersAreInvalidResponses() {
        assertInvalidResponse(errorBody("\"boom\""), "error is a string")
        assertInvalidResponse(errorBody("[1]"), "error is an array")
        assertInvalidResponse(errorBody("""{"message":"m"}"""), "code missing")
        assertInvalidResponse(errorBody("""{"code":1.5,"message":"m"}"""), "code with a fraction")
        assertInvalidResponse(errorBody("""{"code":1e-3,"message":"m"}"""), "code with a negative exponent")
        assertInvalidResponse(errorBody("""{"code":11.5,"message":"m"}"""), "code 11.5")
        assertInvalidResponse(errorBody("""{"code":1e400,"message":"m"}"""), "code 1e400, beyond int64")
        assertInvalidResponse(errorBody("""{"code":"1","message":"m"}"""), "code is a string")
        assertInvalidResponse(errorBody("""{"code":9223372036854775808,"message":"m"}"""), "code beyond int64")
        assertInvalidResponse(errorBody("""{"code":1}"""), "message missing")
        assertInvalidResponse(errorBody("""{"code":1,"message":7}"""), "message not a string")
        assertInvalidResponse(errorBody("""{"code":1,"message":null}"""), "message null")
    }

    @Test
    fun neitherResultNorErrorIsAnInvalidResponse() {
        assertInvalidResponse("""{"jsonrpc":"2.0","id":"1"}""", "no result, no error")
        assertInvalidResponse("{}", "empty object")
    }

    /** A code is the integer that JSON.parse (which the SDK uses) reads, in any notation. */
    @Test
    fun integerCodesInAnyNotation() {
        val codes = listOf("1e3" to 1000L, "11.0" to 11L, "-3.2602e4" to -32602L, "1E+3" to 1000L, "-0.0" to 0L)
        for ((text, code) in codes) {
            assertEquals(text, code, errorOf(errorBody("""{"code":$text,"message":"m"}""")).code)
        }
        val invalidParams = errorOf(errorBody("""{"code":-3.2602e4,"message":"m"}"""))
        assertEquals(MonacaErrorKind.JSON_RPC, invalidParams.kind)
        assertEquals("INVALID_PARAMS", invalidParams.name)
    }

    /** The last of duplicated members wins, as in JavaScript's JSON.parse. */
    @Test
    fun theLastOfDuplicatedMembersWins() {
        assertSuccess("""{"result":1,"result":2}""")
        assertSuccess("""{"error":null,"error":null,"result":1}""")
        assertSuccess("""{"error":{"code":1,"message":"a"},"error":null,"result":1}""")
        assertSuccess("""{"result":1,"r\u0065sult":2}""")
        val cases = listOf(
            Triple("""{"error":{"code":1,"message":"a"},"error":{"code":2,"message":"b"}}""", 2L, "b"),
            Triple("""{"error":null,"error":{"code":3,"message":"c"},"result":1}""", 3L, "c"),
            Triple(errorBody("""{"code":1,"code":2,"message":"a"}"""), 2L, "a"),
            Triple(errorBody("""{"code":1,"message":"a","message":"b"}"""), 1L, "b")
        )
        for ((body, code, message) in cases) {
            val error = errorOf(body)
            assertEquals(body, code, error.code)
            assertEquals(body, message, error.message)
            assertNull(body, error.dataJson)
        }
        assertEquals("[2]", errorOf(errorBody("""{"code":1,"message":"a","data":1,"data":[2]}""")).dataJson)
        // A last value that is unusable makes the response unusable, whatever came before.
        assertInvalidResponse("""{"error":{"code":1,"message":"a"},"error":5}""", "last error is a number")
        assertInvalidResponse(errorBody("""{"code":1,"code":"1","message":"a"}"""), "last code is a string")
    }

    @Test
    fun duplicatesInsideDataAreKeptAsSent() {
        val data = """{"a":"first","b":"other","a":"second"}"""
        val error = errorOf(errorBody("""{"code":-32602,"message":"Invalid params","data":$data}"""))
        assertEquals(data, error.dataJson)
        // Documented choice: a repeated name keeps its first place and collects every message.
        assertEquals(listOf("a", "b"), error.params.keys.toList())
        assertEquals(listOf("first", "second"), error.params["a"])
        assertEquals(listOf("other"), error.params["b"])
    }

    @Test
    fun anyOtherStatusIsAnInvalidStatusCode() {
        val serverError = errorBody("""{"code":-32602,"message":"Invalid params","data":{"a":"b"}}""")
        for (status in listOf(0, 100, 199, 300, 301, 302, 303, 305, 400, 404, 500, 503, -1, Int.MAX_VALUE)) {
            for (body in listOf("", """{"result":"OK"}""", serverError, "<html>gateway</html>")) {
                val error = errorOf(body, status)
                assertEquals(MonacaCloudError.INVALID_STATUS_CODE, error.code)
                assertEquals("Invalid status code", error.message)
                assertEquals(MonacaErrorKind.CLIENT, error.kind)
                assertEquals("INVALID_STATUS_CODE", error.name)
                assertTrue("detail '${error.detail}' names status $status", error.detail!!.contains(status.toString()))
                assertTrue(error.params.isEmpty())
                assertJsonReadsBack(error)
            }
        }
    }

    @Test
    fun timeoutIsConnectionTimeout() {
        val error = MonacaCloudError.timeout()
        assertEquals(MonacaCloudError.CONNECTION_TIMED_OUT, error.code)
        assertEquals("Connection timeout", error.message)
        assertEquals(MonacaErrorKind.CLIENT, error.kind)
        assertEquals("CONNECTION_TIMED_OUT", error.name)
        assertNull(error.dataJson)
        assertTrue(error.params.isEmpty())
        assertEquals(mapOf("code" to -11L, "message" to "Connection timeout", "data" to emptyMap<String, Any?>()),
            MiniJson.parse(error.toJson()))
    }

    @Test
    fun serverErrorWithoutData() {
        val error = errorOf(errorBody("""{"code":11,"message":"User login is required."}"""))
        assertEquals(MonacaCloudError.USER_LOGIN_REQUIRED, error.code)
        assertEquals("User login is required.", error.message)
        assertEquals(MonacaErrorKind.CLOUD_API, error.kind)
        assertEquals("USER_LOGIN_REQUIRED", error.name)
        assertNull("only client errors have a detail", error.detail)
        assertNull("absent data stays absent", error.dataJson)
        assertTrue(error.params.isEmpty())
        assertEquals(mapOf("code" to 11L, "message" to "User login is required.", "data" to emptyMap<String, Any?>()),
            MiniJson.parse(error.toJson()))
    }

    @Test
    fun serverErrorWithDataKeepsItByteForByte() {
        val data = """ { "x" : [1, 2.50, 1e2] ,"y":{"z":null} } """.trim()
        val error = errorOf(errorBody("""{"code":-32603,"message":"Internal error","data": $data }"""))
        assertEquals(MonacaCloudError.INTERNAL_ERROR, error.code)
        assertEquals(MonacaErrorKind.JSON_RPC, error.kind)
        assertEquals("INTERNAL_ERROR", error.name)
        assertEquals(data, error.dataJson)
        assertTrue("params only for -32602", error.params.isEmpty())
        assertJsonReadsBack(error)
        // Null and scalar data are data too.
        assertEquals("null", errorOf(errorBody("""{"code":4,"message":"m","data":null}""")).dataJson)
        assertEquals("\"text\"", errorOf(errorBody("""{"code":4,"message":"m","data":"text"}""")).dataJson)
    }

    @Test
    fun documentedExample() {
        val error = errorOf("""{"jsonrpc":"2.0","id":"1","error":{"code":-32602,"message":"Invalid params","data":{"collectionName":"Collection not found."}}}""")
        assertEquals(-32602L, error.code)
        assertEquals("INVALID_PARAMS", error.name)
        assertEquals(mapOf("collectionName" to listOf("Collection not found.")), error.params)
        assertEquals("Collection not found.", error.firstMessageFor("collectionName"))
        assertNull(error.firstMessageFor("other"))
    }

    @Test
    fun codesKeepTheirKindAndName() {
        val cases = listOf(
            Triple(-32700L, MonacaErrorKind.JSON_RPC, "PARSE_ERROR"),
            Triple(-32601L, MonacaErrorKind.JSON_RPC, "METHOD_NOT_FOUND"),
            Triple(-32600L, MonacaErrorKind.JSON_RPC, "INVALID_REQUEST"),
            Triple(-32099L, MonacaErrorKind.SERVER_DEFINED, null),
            Triple(-32000L, MonacaErrorKind.SERVER_DEFINED, null),
            Triple(14L, MonacaErrorKind.CLOUD_API, "PERMISSION_DENIED"),
            Triple(-14L, MonacaErrorKind.CLOUD_API, "PERMISSION_DENIED"),
            Triple(9999L, MonacaErrorKind.CLOUD_API, "CALL_LIMIT_EXCEEDED"),
            Triple(10000L, MonacaErrorKind.USER_DEFINED, null),
            Triple(Long.MAX_VALUE, MonacaErrorKind.USER_DEFINED, null),
            Triple(42L, MonacaErrorKind.UNKNOWN, null),
            Triple(0L, MonacaErrorKind.UNKNOWN, null),
            Triple(Long.MIN_VALUE, MonacaErrorKind.UNKNOWN, null)
        )
        for ((code, kind, name) in cases) {
            val error = errorOf(errorBody("""{"code":$code,"message":"m"}"""))
            assertEquals(code, error.code)
            assertEquals("kind of $code", kind, error.kind)
            assertEquals("name of $code", name, error.name)
            assertNull(error.detail)
        }
    }

    @Test
    fun invalidParamsStringArrayNestedAndOtherValuesInServerOrder() {
        val data = """{"zeta":"must be set","alpha":["too short","needs a digit",7,{"k":[1]},null],""" +
            """"properties":{"age":"too young","name":{"first":"required"}},"count":42,"flag":true,"none":null,"mu":"last"}"""
        val error = errorOf(errorBody("""{"code":-32602,"message":"Invalid params","data":$data}"""))
        assertEquals(data, error.dataJson)
        val expected = linkedMapOf(
            "zeta" to listOf("must be set"),
            "alpha" to listOf("too short", "needs a digit", "7", """{"k":[1]}""", "null"),
            "properties.age" to listOf("too young"),
            "properties.name.first" to listOf("required"),
            "count" to listOf("42"),
            "flag" to listOf("true"),
            "none" to listOf("null"),
            "mu" to listOf("last")
        )
        assertEquals(expected, error.params)
        assertEquals("server order kept", expected.keys.toList(), error.params.keys.toList())
        assertJsonReadsBack(error)
    }

    @Test
    fun emptyArrayGivesAParameterWithNoMessages() {
        val error = errorOf(errorBody("""{"code":-32602,"message":"Invalid params","data":{"a":[],"b":"x"}}"""))
        assertEquals(listOf("b"), error.params.filterValues { it.isNotEmpty() }.keys.toList())
        assertTrue(error.params["a"].orEmpty().isEmpty())
        assertNull(error.firstMessageFor("a"))
    }

    @Test
    fun paramsOnlyForInvalidParamsWithObjectData() {
        assertTrue(errorOf(errorBody("""{"code":-32602,"message":"m","data":["a","b"]}""")).params.isEmpty())
        assertTrue(errorOf(errorBody("""{"code":-32602,"message":"m","data":"a"}""")).params.isEmpty())
        assertTrue(errorOf(errorBody("""{"code":-32602,"message":"m"}""")).params.isEmpty())
        assertTrue(errorOf(errorBody("""{"code":-32600,"message":"m","data":{"a":"b"}}""")).params.isEmpty())
        assertFalse(errorOf(errorBody("""{"code":-32602,"message":"m","data":{"a":"b"}}""")).params.isEmpty())
    }

    @Test
    fun idMayBeAnyValue() {
        for (id in listOf("\"1\"", "1", "null", "[1,2]", "{\"a\":1}", "1.5")) {
            assertNull(MonacaCloudError.fromResponse(200, utf8("""{"jsonrpc":"2.0","id":$id,"result":"OK"}""")))
            assertEquals(4L, errorOf("""{"id":$id,"error":{"code":4,"message":"Invalid API key"}}""").code)
        }
    }
}
