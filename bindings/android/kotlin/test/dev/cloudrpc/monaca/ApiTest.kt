package dev.cloudrpc.monaca

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertSame
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

/**
 * The wrapper's own surface: ABI check, catalogue, create() and MonacaArgumentException,
 * params with repeated names, immutability, equality, description, JSON form, two smoke tests.
 */
class ApiTest : NativeTest() {

    @Test
    fun loadedLibraryHasTheExpectedAbiVersion() {
        assertEquals(2L, MonacaNative.EXPECTED_ABI_VERSION)
        assertEquals(MonacaNative.EXPECTED_ABI_VERSION, MonacaNative.loadedAbiVersion)
        assertSame(MonacaNative, MonacaNative.loaded())
    }

    @Test
    fun abiMismatchIsReportedClearly() {
        assertNull(MonacaNative.abiMismatchMessage(1, 1))
        val message = MonacaNative.abiMismatchMessage(2, 1)!!
        assertTrue(message, message.contains("libmonaca_cloud_error_jni"))
        assertTrue(message, message.contains("C ABI version 2"))
        assertTrue(message, message.contains("built for version 1"))
        assertNotNull(MonacaNative.abiMismatchMessage(0xFFFF_FFFFL, 1))
    }

    @Test
    fun nativeVersionIsTheCrateVersion() {
        val expected = System.getProperty("monaca.crateVersion")
        assertNotNull("test.sh passes -Dmonaca.crateVersion from Cargo.toml", expected)
        assertEquals(expected, MonacaCloudError.nativeVersion())
    }

    @Test
    fun catalogueMatchesTheConstants() {
        val named = linkedMapOf(
            MonacaCloudError.PARSE_ERROR to "PARSE_ERROR",
            MonacaCloudError.INTERNAL_ERROR to "INTERNAL_ERROR",
            MonacaCloudError.INVALID_PARAMS to "INVALID_PARAMS",
            MonacaCloudError.METHOD_NOT_FOUND to "METHOD_NOT_FOUND",
            MonacaCloudError.INVALID_REQUEST to "INVALID_REQUEST",
            MonacaCloudError.INVALID_STATUS_CODE to "INVALID_STATUS_CODE",
            MonacaCloudError.INVALID_RESPONSE to "INVALID_RESPONSE",
            MonacaCloudError.CONNECTION_TIMED_OUT to "CONNECTION_TIMED_OUT",
            MonacaCloudError.API_KEY_INVALID to "API_KEY_INVALID",
            MonacaCloudError.SESSION_ID_INVALID to "SESSION_ID_INVALID",
            MonacaCloudError.USER_LOGIN_REQUIRED to "USER_LOGIN_REQUIRED",
            MonacaCloudError.DEVICE_ID_REQUIRED to "DEVICE_ID_REQUIRED",
            MonacaCloudError.OPERATION_INVALID to "OPERATION_INVALID",
            MonacaCloudError.PERMISSION_DENIED to "PERMISSION_DENIED",
            MonacaCloudError.PERMISSION_DENIED_NEGATIVE to "PERMISSION_DENIED",
            MonacaCloudError.CALL_LIMIT_EXCEEDED to "CALL_LIMIT_EXCEEDED"
        )
        for ((code, name) in named) {
            assertEquals("name of $code", name, MonacaCloudError.nameOf(code))
            assertTrue("description of $code", MonacaCloudError.descriptionOf(code).isNotBlank())
            assertNotEquals("kind of $code", MonacaErrorKind.UNKNOWN, MonacaCloudError.kindOf(code))
        }
        assertEquals(MonacaErrorKind.JSON_RPC, MonacaCloudError.kindOf(MonacaCloudError.INVALID_PARAMS))
        assertEquals(MonacaErrorKind.CLIENT, MonacaCloudError.kindOf(MonacaCloudError.INVALID_RESPONSE))
        assertEquals(MonacaErrorKind.CLOUD_API, MonacaCloudError.kindOf(MonacaCloudError.PERMISSION_DENIED_NEGATIVE))
        assertEquals(MonacaErrorKind.SERVER_DEFINED, MonacaCloudError.kindOf(-32050))
        assertEquals(MonacaErrorKind.USER_DEFINED, MonacaCloudError.kindOf(MonacaCloudError.USER_DEFINED_MIN))
        assertEquals(MonacaErrorKind.UNKNOWN, MonacaCloudError.kindOf(9998))
        assertNull(MonacaCloudError.nameOf(MonacaCloudError.USER_DEFINED_MIN))
        assertNull(MonacaCloudError.nameOf(42))
        assertTrue(MonacaCloudError.descriptionOf(42).isNotBlank())
    }

    @Test
    fun kindMirrorsTheCEnum() {
        val expected = listOf(MonacaErrorKind.UNKNOWN, MonacaErrorKind.JSON_RPC, MonacaErrorKind.SERVER_DEFINED,
            MonacaErrorKind.CLIENT, MonacaErrorKind.CLOUD_API, MonacaErrorKind.USER_DEFINED)
        for ((raw, kind) in expected.withIndex()) assertEquals(kind, MonacaErrorKind.fromRaw(raw))
        assertEquals(MonacaErrorKind.UNKNOWN, MonacaErrorKind.fromRaw(6))
        assertEquals(MonacaErrorKind.UNKNOWN, MonacaErrorKind.fromRaw(-1))
    }

    @Test
    fun smokeSuccessAndDocumentedExample() {
        assertNull(MonacaCloudError.fromResponse(200, utf8("""{"jsonrpc":"2.0","id":"1","result":"OK"}""")))
        val error = errorOf("""{"jsonrpc":"2.0","id":"1","error":{"code":-32602,"message":"Invalid params","data":{"collectionName":"Collection not found."}}}""")
        assertEquals(MonacaCloudError.INVALID_PARAMS, error.code)
        assertEquals("INVALID_PARAMS", error.name)
        assertEquals(listOf(MonacaParam("collectionName", listOf("Collection not found."))), error.params)
        assertEquals("Collection not found.", error.firstMessageFor("collectionName"))
        assertNull(error.firstMessageFor("other"))
    }

    @Test
    fun createBuildsAnErrorLikeTheServerWould() {
        val fromServer = errorOf(errorBody("""{"code":-32602,"message":"Invalid params","data":{"a":["x","y"]}}"""))
        val made = MonacaCloudError.create(-32602, "Invalid params", """ {"a":["x","y"]}""" + "\n")
        assertEquals(fromServer, made)
        assertEquals(fromServer.hashCode(), made.hashCode())
        assertEquals(fromServer.toJson(), made.toJson())
        assertEquals(fromServer.reportJson, made.reportJson)
        val plain = MonacaCloudError.create(10_001, "mine")
        assertNull(plain.dataJson)
        assertEquals(MonacaErrorKind.USER_DEFINED, plain.kind)
        assertNull(plain.name)
        assertNull(plain.detail)
        assertEquals("Monaca error 10001: mine", plain.description)
        assertEquals(MonacaErrorKind.CLOUD_API, MonacaCloudError.create(9999, "limit", "null").kind)
    }

    private fun refused(argument: String, message: String, dataJson: String?): MonacaArgumentException {
        // Caught as what it extends, so callers that catch IllegalArgumentException keep working.
        val thrown = assertThrows<IllegalArgumentException>("create($message, $dataJson)") {
            MonacaCloudError.create(1, message, dataJson)
        }
        assertTrue("$thrown", thrown is MonacaArgumentException)
        val e = thrown as MonacaArgumentException
        assertEquals(argument, e.argument)
        assertEquals(e.explanation, e.message)
        return e
    }

    @Test
    fun createRefusesDataThatIsNotJsonWithTheCoresExplanation() {
        val e = refused("dataJson", "m", "[1,]")
        assertEquals("expected a JSON value", e.reason)
        assertEquals(3L, e.offset)
        assertEquals(1L, e.line)
        assertEquals(4L, e.column)
        assertEquals("data is not valid JSON: expected a JSON value at line 1, column 4 (byte offset 3)", e.explanation)
        // Line and column count characters, the offset counts bytes.
        val multiline = refused("dataJson", "m", "{\"\u00e9\uD83D\uDE00\":\n  tru}")
        assertEquals(2L, multiline.line)
        assertEquals(3L, multiline.column)
        assertEquals(13L, multiline.offset)
        for (bad in listOf("", "{", "{} {}", "nul", "{'a':1}", " ")) {
            val refusal = refused("dataJson", "m", bad)
            assertTrue(refusal.explanation, refusal.explanation.startsWith("data is not valid JSON: "))
            assertTrue(refusal.reason.isNotEmpty())
            assertTrue(refusal.line >= 1 && refusal.column >= 1)
        }
        assertEquals(0L, MonacaNative.liveCount())
    }

    /** A Kotlin string cannot hold invalid UTF-8, but it can hold an unpaired surrogate. */
    @Test
    fun createRefusesUnpairedSurrogatesAsInvalidUtf8() {
        val inMessage = refused("message", "a\u00e9\uD800b", null)
        assertEquals("invalid UTF-8", inMessage.reason)
        assertEquals(3L, inMessage.offset) // a (1 byte), é (2 bytes), then the surrogate
        assertEquals(0L, inMessage.line)
        assertEquals(0L, inMessage.column)
        assertEquals("message is not valid UTF-8: invalid byte at byte offset 3", inMessage.explanation)
        val inData = refused("dataJson", "m", "[\"\uDC00\"]")
        assertEquals("invalid UTF-8", inData.reason)
        assertEquals(2L, inData.offset)
        assertEquals("data is not valid UTF-8: invalid byte at byte offset 2", inData.explanation)
        // A high surrogate at the very end, and a low one before a high one, are unpaired too.
        assertEquals(1L, refused("message", "x\uD83D", null).offset)
        assertEquals(0L, refused("message", "\uDE00\uD83D", "1").offset)
        // The message is looked at first.
        assertEquals("message", refused("message", "\uD800", "[").argument)
        // A surrogate pair is one character, and a lone surrogate written as a JSON escape is JSON.
        assertEquals("\uD83D\uDE00", MonacaCloudError.create(1, "\uD83D\uDE00", "\"\\uD800\"").message)
        assertEquals(0L, MonacaNative.liveCount())
    }

    @Test
    fun messagesForGathersEveryEntryOfARepeatedName() {
        val data = """{"a":"first","b":[],"a":["second","third"],"c":{"d":"x"},"c.d":"y","e":[],"e":"z"}"""
        val error = MonacaCloudError.create(MonacaCloudError.INVALID_PARAMS, "Invalid params", data)
        assertEquals(listOf(
            MonacaParam("a", listOf("first")), MonacaParam("b", emptyList()), MonacaParam("a", listOf("second", "third")),
            MonacaParam("c.d", listOf("x")), MonacaParam("c.d", listOf("y")), MonacaParam("e", emptyList()),
            MonacaParam("e", listOf("z"))), error.params)
        assertEquals(listOf("first", "second", "third"), error.messagesFor("a"))
        assertEquals("first", error.firstMessageFor("a"))
        assertEquals(listOf("x", "y"), error.messagesFor("c.d"))
        assertEquals(emptyList<String>(), error.messagesFor("b"))
        assertNull(error.firstMessageFor("b"))
        assertEquals("z", error.firstMessageFor("e")) // the first entry has none, the second one does
        assertEquals(emptyList<String>(), error.messagesFor("c"))
        assertEquals(data, error.dataJson)
    }

    @Test
    fun errorsAreImmutableThrowables() {
        val error = errorOf(errorBody("""{"code":-32602,"message":"Invalid params","data":{"a":"x"}}"""))
        val asThrowable: Throwable = error
        assertEquals("Invalid params", asThrowable.message)
        assertNull(error.cause)
        assertThrows<IllegalStateException>("initCause") { error.initCause(RuntimeException("other")) }
        error.addSuppressed(RuntimeException("ignored"))
        assertEquals(0, error.suppressed.size)
        assertEquals(0, error.stackTrace.size)
        error.stackTrace = arrayOf(StackTraceElement("C", "m", "F.kt", 1))
        assertEquals(0, error.stackTrace.size)
        val params = error.params as MutableList<MonacaParam>
        assertThrows<UnsupportedOperationException>("params.add") { params.add(MonacaParam("b", listOf("y"))) }
        val messages = error.params[0].messages as MutableList<String>
        assertThrows<UnsupportedOperationException>("messages.add") { messages.add("z") }
        val gathered = error.messagesFor("a") as MutableList<String>
        assertThrows<UnsupportedOperationException>("messagesFor(a).add") { gathered.add("z") }
        assertEquals(listOf(MonacaParam("a", listOf("x"))), error.params)
    }

    @Test
    fun canBeThrownAndCaught() {
        try {
            throw MonacaCloudError.timeout()
        } catch (e: RuntimeException) {
            assertTrue(e is MonacaCloudError)
            assertEquals(-11L, (e as MonacaCloudError).code)
        }
    }

    @Test
    fun equalityIsByValue() {
        val body = errorBody("""{"code":4,"message":"Invalid API key","data":[1]}""")
        val a = errorOf(body)
        val b = errorOf(body)
        assertEquals(a, b)
        assertEquals(a.hashCode(), b.hashCode())
        assertNotEquals(a, errorOf(errorBody("""{"code":4,"message":"Invalid API key","data":[2]}""")))
        assertNotEquals(a, errorOf(errorBody("""{"code":4,"message":"Invalid API key"}""")))
        assertNotEquals(a, errorOf(errorBody("""{"code":5,"message":"Invalid API key","data":[1]}""")))
        assertNotEquals(a, errorOf(errorBody("""{"code":4,"message":"Invalid API key.","data":[1]}""")))
        // The detail counts: two -13s differing only in the status are different errors.
        assertNotEquals(errorOf("", 500), errorOf("", 503))
        assertEquals(errorOf("", 503), errorOf("x", 503))
    }

    @Test
    fun toStringIsTheCoresDescription() {
        val error = errorOf(errorBody("""{"code":-32602,"message":"Invalid params"}"""))
        assertEquals("Monaca error -32602 (INVALID_PARAMS): Invalid params", error.description)
        assertEquals(error.description, error.toString())
        val client = errorOf("", 503)
        assertEquals(client.description, client.toString())
        assertTrue(client.toString(), client.toString().startsWith("Monaca error -13 (INVALID_STATUS_CODE): Invalid status code ("))
        assertEquals("Monaca error 12345: x", errorOf(errorBody("""{"code":12345,"message":"x"}""")).toString())
    }

    @Test
    fun jsonFormReadsBackAndFeedsTheParserAgain() {
        val samples = listOf(
            errorOf(errorBody("""{"code":-32602,"message":"Invalid \"params\"\n\t\\","data":{"a":"x","b":[1,{"c":null}]}}""")),
            errorOf(errorBody("""{"code":14,"message":"Permission denied"}""")),
            errorOf("<html>", 502),
            errorOf("{", 200),
            MonacaCloudError.timeout(),
            MonacaCloudError.create(Long.MIN_VALUE, "min", "-0.5e-3"),
            MonacaCloudError.create(Long.MAX_VALUE, "max", "\"s\"")
        )
        for (error in samples) {
            assertJsonReadsBack(error)
            // The JSON form is an `error` member the library itself accepts, giving the same code and message.
            val again = errorOf(errorBody(error.toJson()))
            assertEquals(error.code, again.code)
            assertEquals(error.message, again.message)
            assertEquals(error.dataJson ?: "{}", again.dataJson)
        }
    }

    @Test
    fun nullBodyFromJavaIsRefusedCleanly() {
        // Java callers can pass null despite the Kotlin type; the wrapper must throw, not crash.
        val method = MonacaCloudError::class.java.getMethod("fromResponse", Int::class.javaPrimitiveType, ByteArray::class.java)
        try {
            method.invoke(null, 200, null)
            fail("null body accepted")
        } catch (e: java.lang.reflect.InvocationTargetException) {
            assertTrue(e.cause.toString(), e.cause is IllegalArgumentException || e.cause is NullPointerException)
        }
        // And the shim's own guard, below the Kotlin null checks.
        assertThrows<NullPointerException>("shim null body") {
            MonacaNative::class.java.getMethod("fromResponse", Int::class.javaPrimitiveType, ByteArray::class.java)
                .let { m -> try { m.invoke(null, 200, null) } catch (e: java.lang.reflect.InvocationTargetException) { throw e.cause!! } }
        }
    }
}
