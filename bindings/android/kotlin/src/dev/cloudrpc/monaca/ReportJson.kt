package dev.cloudrpc.monaca

import java.math.BigDecimal
import java.nio.ByteBuffer
import java.nio.charset.CharacterCodingException

/**
 * A small strict JSON reader (RFC 8259) for the core's report: the desktop JVM has no
 * org.json, and the wrapper needs nothing more. Objects become [Map] (member order kept; a
 * repeated member is refused, the report never has one), arrays [List], strings [String]
 * (`\u` escapes decoded, a surrogate pair giving its two chars), integers that fit [Long],
 * every other number [BigDecimal], `true`/`false` [Boolean], `null` null. Anything outside the
 * grammar (trailing text, leading zeros, raw control characters, unknown escapes, ...) throws
 * [IllegalArgumentException] naming the offset.
 */
internal class ReportJson private constructor(private val text: String) {
    private var pos = 0

    companion object {
        /** Deeper nesting is refused: the report is 4 levels deep, the corpus files 6. */
        const val MAX_DEPTH = 64

        fun parse(text: String): Any? {
            val reader = ReportJson(text)
            val value = reader.value(0)
            reader.space()
            if (reader.pos != text.length) reader.fail("trailing text")
            return value
        }

        /** [bytes] as UTF-8, refusing (IllegalArgumentException) anything that is not UTF-8. */
        fun utf8(bytes: ByteArray): String = try {
            Charsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString()
        } catch (e: CharacterCodingException) {
            throw IllegalArgumentException("not UTF-8", e)
        }
    }

    private fun fail(why: String): Nothing = throw IllegalArgumentException("invalid JSON: $why at offset $pos")

    private fun space() {
        while (pos < text.length && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) pos++
    }

    private fun peek(): Char = if (pos < text.length) text[pos] else fail("unexpected end")

    private fun expect(c: Char) {
        if (peek() != c) fail("expected '$c'")
        pos++
    }

    private fun value(depth: Int): Any? {
        space()
        return when (peek()) {
            '{' -> obj(depth + 1)
            '[' -> arr(depth + 1)
            '"' -> str()
            't' -> literal("true", true)
            'f' -> literal("false", false)
            'n' -> literal("null", null)
            else -> num()
        }
    }

    private fun literal(word: String, result: Any?): Any? {
        if (!text.startsWith(word, pos)) fail("invalid literal")
        pos += word.length
        return result
    }

    /** After '{' or '[': true (and past the closing [close]) when the container is empty. */
    private fun open(depth: Int, close: Char): Boolean {
        if (depth > MAX_DEPTH) fail("nesting deeper than $MAX_DEPTH")
        pos++
        space()
        if (peek() != close) return false
        pos++
        return true
    }

    /** After a member or element: true past a ',', false past [close]. */
    private fun next(close: Char): Boolean {
        space()
        if (peek() == ',') { pos++; return true }
        expect(close)
        return false
    }

    private fun obj(depth: Int): Map<String, Any?> {
        val members = LinkedHashMap<String, Any?>()
        if (open(depth, '}')) return members
        do {
            space()
            if (peek() != '"') fail("expected a member name")
            val at = pos
            val key = str()
            space()
            expect(':')
            if (members.containsKey(key)) { pos = at; fail("repeated member \"$key\"") }
            members[key] = value(depth)
        } while (next('}'))
        return members
    }

    private fun arr(depth: Int): List<Any?> {
        val elements = ArrayList<Any?>()
        if (open(depth, ']')) return elements
        do {
            elements.add(value(depth))
        } while (next(']'))
        return elements
    }

    private fun str(): String {
        expect('"')
        val out = StringBuilder()
        while (true) {
            val c = peek()
            pos++
            when {
                c == '"' -> return out.toString()
                c < ' ' -> { pos--; fail("raw control character in a string") }
                c != '\\' -> out.append(c)
                else -> when (val e = peek().also { pos++ }) {
                    '"', '\\', '/' -> out.append(e)
                    'b' -> out.append('\b')
                    'f' -> out.append('\u000C')
                    'n' -> out.append('\n')
                    'r' -> out.append('\r')
                    't' -> out.append('\t')
                    'u' -> out.append(hex4()) // a pair is two escapes, each one UTF-16 unit
                    else -> { pos--; fail("invalid escape") }
                }
            }
        }
    }

    private fun hex4(): Char {
        var unit = 0
        repeat(4) {
            val digit = Character.digit(peek(), 16)
            if (digit < 0) fail("invalid \\u escape")
            unit = unit * 16 + digit
            pos++
        }
        return unit.toChar()
    }

    private fun digits(): Int {
        val start = pos
        while (pos < text.length && text[pos] in '0'..'9') pos++
        return pos - start
    }

    private fun num(): Any {
        val start = pos
        if (peek() == '-') pos++
        if (peek() == '0') pos++ else if (digits() == 0) fail("invalid value")
        var integer = true
        if (pos < text.length && text[pos] == '.') {
            pos++
            if (digits() == 0) fail("expected a digit after '.'")
            integer = false
        }
        if (pos < text.length && (text[pos] == 'e' || text[pos] == 'E')) {
            pos++
            if (pos < text.length && (text[pos] == '+' || text[pos] == '-')) pos++
            if (digits() == 0) fail("expected a digit in the exponent")
            integer = false
        }
        val token = text.substring(start, pos)
        return (if (integer) token.toLongOrNull() else null) ?: BigDecimal(token)
    }
}
