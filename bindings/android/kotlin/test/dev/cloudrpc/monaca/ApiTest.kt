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

/** The wrapper's own surface: ABI check, catalogue, create(), immutability, equality, JSON form. */
class ApiTest : NativeTest() {

    private inline fun <reified T : Throwable> assertThrows(what: String, block: () -> Unit): T {
        try {
            block()
        } catch (e: Throwable) {
            if (e is T) return e
            throw AssertionError("$what: expected ${T::class.java.simpleName}, got $e", e)
        }
        fail("$what: expected ${T::class.java.simpleName}, nothing was thrown")
        throw IllegalStateException("unreachable")
    }

    @Test
    fun loadedLibraryHasTheExpectedAbiVersion() {
        assertEquals(1L, MonacaNative.EXPECTED_ABI_VERSION)
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
    fun createBuildsAnErrorLikeTheServerWould() {
        val fromServer = errorOf(errorBody("""{"code":-32602,"message":"Invalid params","data":{"a":["x","y"]}}"""))
        val made = MonacaCloudError.create(-32602, "Invalid params", """{"a":["x","y"]}""")
        assertEquals(fromServer, made)
        assertEquals(fromServer.hashCode(), made.hashCode())
        assertEquals(fromServer.toJson(), made.toJson())
        val plain = MonacaCloudError.create(10_001, "mine")
        assertNull(plain.dataJson)
        assertEquals(MonacaErrorKind.USER_DEFINED, plain.kind)
        assertNull(plain.name)
        assertNull(plain.detail)
        assertEquals(MonacaErrorKind.CLOUD_API, MonacaCloudError.create(9999, "limit", "null").kind)
    }

    @Test
    fun createRefusesInvalidDataAndUnpairedSurrogates() {
        for (bad in listOf("", "{", "{} {}", "nul", "{'a':1}", "[1,]", " ")) {
            val e = assertThrows<IllegalArgumentException>("dataJson '$bad'") { MonacaCloudError.create(1, "m", bad) }
            assertTrue(e.message!!.contains("dataJson"))
        }
        assertThrows<IllegalArgumentException>("lone high surrogate") { MonacaCloudError.create(1, "a\uD800b") }
        assertThrows<IllegalArgumentException>("lone low surrogate in data") { MonacaCloudError.create(1, "m", "\"\uDC00\"") }
        assertEquals(0L, MonacaNative.liveCount())
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
        @Suppress("UNCHECKED_CAST")
        val params = error.params as MutableMap<String, List<String>>
        assertThrows<UnsupportedOperationException>("params.put") { params["b"] = listOf("y") }
        @Suppress("UNCHECKED_CAST")
        val messages = error.params.getValue("a") as MutableList<String>
        assertThrows<UnsupportedOperationException>("messages.add") { messages.add("z") }
        assertEquals(mapOf("a" to listOf("x")), error.params)
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
    }

    @Test
    fun toStringShowsCodeNameAndMessage() {
        val text = errorOf(errorBody("""{"code":-32602,"message":"Invalid params"}""")).toString()
        assertEquals("dev.cloudrpc.monaca.MonacaCloudError: [-32602 INVALID_PARAMS] Invalid params", text)
        val client = errorOf("", 503)
        assertTrue(client.toString(), client.toString().startsWith("dev.cloudrpc.monaca.MonacaCloudError: [-13 INVALID_STATUS_CODE] Invalid status code ("))
        assertFalse(errorOf(errorBody("""{"code":12345,"message":"x"}""")).toString().contains("null"))
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
