package dev.cloudrpc.monaca

import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import java.math.BigDecimal

/** Base class: every native call frees its handle before returning, so after each test no handle may be live. */
abstract class NativeTest {
    @After
    fun noHandleLeftLive() {
        assertEquals("monaca_error_live_count() after the test", 0L, MonacaNative.liveCount())
    }
}

fun utf8(text: String): ByteArray = text.toByteArray(Charsets.UTF_8)

/** The error for [body] with HTTP 200; fails when the library calls it a success. */
fun errorOf(body: String, status: Int = 200): MonacaCloudError {
    val error = MonacaCloudError.fromResponse(status, utf8(body))
    assertNotNull("expected an error for status $status, body $body", error)
    return error!!
}

/** The error for the raw bytes [body] with HTTP 200; fails when the library calls it a success. */
fun errorOf(body: ByteArray, status: Int = 200): MonacaCloudError {
    val error = MonacaCloudError.fromResponse(status, body)
    assertNotNull("expected an error for status $status, a body of ${body.size} bytes", error)
    return error!!
}

/** `{"jsonrpc":"2.0","id":"1","error":<errorJson>}` */
fun errorBody(errorJson: String): String = """{"jsonrpc":"2.0","id":"1","error":$errorJson}"""

/**
 * A small, strict JSON reader for checking the library's JSON output independently of the
 * library: objects become LinkedHashMap (a repeated key keeps its last value), arrays
 * ArrayList, strings String, integers Long, other numbers BigDecimal.
 */
class MiniJson private constructor(private val text: String) {
    private var pos = 0

    companion object {
        fun parse(text: String): Any? {
            val reader = MiniJson(text)
            val value = reader.value()
            reader.space()
            if (reader.pos != text.length) reader.fail("trailing text")
            return value
        }
    }

    private fun fail(why: String): Nothing = throw IllegalArgumentException("$why at offset $pos in JSON")

    private fun space() {
        while (pos < text.length && text[pos] in " \t\r\n") pos++
    }

    private fun expect(c: Char) {
        if (pos >= text.length || text[pos] != c) fail("expected '$c'")
        pos++
    }

    private fun value(): Any? {
        space()
        if (pos >= text.length) fail("unexpected end")
        return when (text[pos]) {
            '{' -> obj()
            '[' -> arr()
            '"' -> str()
            't' -> literal("true", true)
            'f' -> literal("false", false)
            'n' -> literal("null", null)
            else -> num()
        }
    }

    private fun literal(word: String, result: Any?): Any? {
        if (!text.startsWith(word, pos)) fail("bad literal")
        pos += word.length
        return result
    }

    private fun obj(): Map<String, Any?> {
        expect('{')
        val map = LinkedHashMap<String, Any?>()
        space()
        if (pos < text.length && text[pos] == '}') { pos++; return map }
        while (true) {
            space()
            val key = str()
            space(); expect(':')
            map[key] = value()
            space()
            if (pos < text.length && text[pos] == ',') { pos++; continue }
            expect('}')
            return map
        }
    }

    private fun arr(): List<Any?> {
        expect('[')
        val list = ArrayList<Any?>()
        space()
        if (pos < text.length && text[pos] == ']') { pos++; return list }
        while (true) {
            list.add(value())
            space()
            if (pos < text.length && text[pos] == ',') { pos++; continue }
            expect(']')
            return list
        }
    }

    private fun str(): String {
        expect('"')
        val out = StringBuilder()
        while (true) {
            if (pos >= text.length) fail("unterminated string")
            val c = text[pos++]
            when {
                c == '"' -> return out.toString()
                c < ' ' -> fail("raw control character in string")
                c != '\\' -> out.append(c)
                else -> {
                    if (pos >= text.length) fail("unterminated escape")
                    when (val e = text[pos++]) {
                        '"', '\\', '/' -> out.append(e)
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000C')
                        'n' -> out.append('\n')
                        'r' -> out.append('\r')
                        't' -> out.append('\t')
                        'u' -> {
                            if (pos + 4 > text.length) fail("short \\u escape")
                            out.append(text.substring(pos, pos + 4).toInt(16).toChar())
                            pos += 4
                        }
                        else -> fail("bad escape")
                    }
                }
            }
        }
    }

    private fun num(): Any {
        val start = pos
        while (pos < text.length && text[pos] in "+-0123456789.eE") pos++
        val token = text.substring(start, pos)
        if (!Regex("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?").matches(token)) fail("bad number '$token'")
        return token.toLongOrNull() ?: BigDecimal(token)
    }
}

/** Checks that [error]'s toJson() reads back (with a parser independent of the library) to its code, message and data. */
fun assertJsonReadsBack(error: MonacaCloudError) {
    val parsed = MiniJson.parse(error.toJson()) as Map<*, *>
    assertEquals("keys of ${error.toJson()}", setOf("code", "message", "data"), parsed.keys)
    assertEquals(error.code, parsed["code"])
    assertEquals(error.message, parsed["message"])
    val expectedData = if (error.dataJson == null) emptyMap<String, Any?>() else MiniJson.parse(error.dataJson)
    assertEquals(expectedData, parsed["data"])
}
