package dev.cloudrpc.monaca

import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.fail
import java.util.concurrent.TimeUnit

/** Base class: every native call frees its handle before returning, so after each test no handle may be live. */
abstract class NativeTest {
    @After
    fun noHandleLeftLive() {
        assertEquals("monaca_error_live_count() after the test", 0L, MonacaNative.liveCount())
    }
}

fun utf8(text: String): ByteArray = text.toByteArray(Charsets.UTF_8)

/** The error for [body] with HTTP 200; fails when the library calls it a success. */
fun errorOf(body: String, status: Int = 200): MonacaCloudError = errorOf(utf8(body), status)

/** The error for the raw bytes [body] with HTTP 200; fails when the library calls it a success. */
fun errorOf(body: ByteArray, status: Int = 200): MonacaCloudError {
    val error = MonacaCloudError.fromResponse(status, body)
    assertNotNull("expected an error for status $status, a body of ${body.size} bytes", error)
    return error!!
}

/** `{"jsonrpc":"2.0","id":"1","error":<errorJson>}` */
fun errorBody(errorJson: String): String = """{"jsonrpc":"2.0","id":"1","error":$errorJson}"""

/** What [block] throws, when it is a [T]; fails otherwise. */
inline fun <reified T : Throwable> assertThrows(what: String, block: () -> Unit): T {
    try {
        block()
    } catch (e: Throwable) {
        if (e is T) return e
        throw AssertionError("$what: expected ${T::class.java.simpleName}, got $e", e)
    }
    fail("$what: expected ${T::class.java.simpleName}, nothing was thrown")
    throw IllegalStateException("unreachable")
}

/**
 * Checks that [error]'s toJson() reads back (with the reader ReportJsonTest checks on known
 * texts) to its code, message and data.
 */
fun assertJsonReadsBack(error: MonacaCloudError) {
    val parsed = ReportJson.parse(error.toJson()) as Map<*, *>
    assertEquals("keys of ${error.toJson()}", listOf("code", "message", "data"), parsed.keys.toList())
    assertEquals(error.code, parsed["code"])
    assertEquals(error.message, parsed["message"])
    val expectedData = error.dataJson.let { if (it == null) emptyMap<String, Any?>() else ReportJson.parse(it) }
    assertEquals(expectedData, parsed["data"])
}

/** Starts `python3 script args...`, its standard error shown, for the test servers of tests/. */
fun startPython(script: String, vararg args: String, output: ProcessBuilder.Redirect = ProcessBuilder.Redirect.PIPE): Process =
    ProcessBuilder(listOf("python3", script) + args)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .redirectOutput(output)
        .start()

/** Stops a server [startPython] started (forcibly after 10 s); null: none was started. */
fun stopPython(process: Process?) {
    val server = process ?: return
    server.destroy()
    if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly()
}
