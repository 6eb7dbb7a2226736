package dev.cloudrpc.monaca

import java.math.BigDecimal
import java.nio.ByteBuffer
import java.nio.charset.CharacterCodingException

/**
 * A small strict JSON reader (RFC 8259) for the core's reports: the desktop JVM has no
 * org.json, and the wrapper needs nothing more. Objects become [Map] (member order kept; a
 * repeated member is refused, the report never has one), arrays [List], strings [String]
 * (`\u` escapes decoded, a surrogate pair giving its two chars), integers that fit [Long],
 * every other number [BigDecimal], `true`/`false` [Boolean], `null` null. Anything outside the
 * grammar (trailing text, leading zeros, raw control characters, unknown escapes, ...) throws
 * [IllegalArgumentException] naming the offset.
 *
 * A member of the outermost object named in `raw` is not built: it becomes [RawJson], its
 * exact text, checked against the same grammar without recursion (so at any depth, and with
 * repeated members, which JSON allows): how a response report's `result` (the server's JSON as
 * sent) and `error` (an error report, decoded again on its own) are read.
 */
internal class ReportJson private constructor(private val text: String, private val raw: Set<String>) {
    private var pos = 0

    companion object {
        /** Deeper nesting is refused (outside `raw` members): the report is 5 levels deep, the corpus files 6. */
        const val MAX_DEPTH = 64

        fun parse(text: String, raw: Set<String> = emptySet()): Any? {
            val reader = ReportJson(text, raw)
            val value = reader.value(0)
            reader.space()
            if (reader.pos != text.length) reader.fail("trailing text")
            return value
        }

        /** A report from the shim (UTF-8) as text; not UTF-8 is a bug on the native side: IllegalStateException. */
        fun reportText(report: ByteArray): String = nativeReport { utf8(report) }

        /** The object a report from the shim is; anything else is a bug on the native side: IllegalStateException. */
        fun reportObject(text: String, raw: Set<String> = emptySet()): Map<*, *> =
            nativeReport { parse(text, raw) as? Map<*, *> ?: throw IllegalArgumentException("not an object") }

        private inline fun <T> nativeReport(read: () -> T): T = try {
            read()
        } catch (e: IllegalArgumentException) {
            throw IllegalStateException("monaca_cloud_error: the native report is not JSON: ${e.message}", e)
        }

        /** The member [key] of a report object, of type [T]; missing or of another type is a native bug. */
        inline fun <reified T : Any> member(members: Map<*, *>, key: String): T =
            members[key] as? T ?: malformed(key, members[key])

        /** The member [key] of a report object, null or of type [T]; missing or of another type is a native bug. */
        inline fun <reified T : Any> optional(members: Map<*, *>, key: String): T? {
            if (!members.containsKey(key)) malformed(key, "nothing")
            val value = members[key] ?: return null
            return value as? T ?: malformed(key, value)
        }

        fun malformed(key: String, value: Any?): Nothing =
            throw IllegalStateException("monaca_cloud_error: the native report has \"$key\": $value")

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
            members[key] = if (depth == 1 && key in raw) RawJson(rawValue()) else value(depth)
        } while (next('}'))
        return members
    }

    /** Past a member name and its ':'. */
    private fun memberName() {
        space()
        if (peek() != '"') fail("expected a member name")
        str()
        space()
        expect(':')
    }

    /**
     * Past one value, checked against the grammar as [value] checks it but built into nothing and
     * without recursion (the core accepts 10 000 levels of nesting): its exact text.
     */
    private fun rawValue(): String {
        space()
        val start = pos
        val open = StringBuilder() // the closing brackets still to come, innermost last
        values@ while (true) {
            // At a value: a scalar, or a container opened (then at its first element or member).
            space()
            when (peek()) {
                '{', '[' -> {
                    val close = if (peek() == '{') '}' else ']'
                    pos++
                    space()
                    if (peek() == close) {
                        pos++ // empty: a whole value
                    } else {
                        open.append(close)
                        if (close == '}') memberName()
                        continue@values
                    }
                }
                '"' -> str()
                't' -> literal("true", true)
                'f' -> literal("false", false)
                'n' -> literal("null", null)
                else -> num()
            }
            // After a value: close every container that ends here, then on to the next element.
            while (open.length > 0 && !next(open[open.length - 1])) open.setLength(open.length - 1)
            if (open.length == 0) return text.substring(start, pos)
            if (open[open.length - 1] == '}') memberName()
        }
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

/** A JSON value kept as its exact text (see [ReportJson]'s `raw` members). */
internal data class RawJson(val text: String)
