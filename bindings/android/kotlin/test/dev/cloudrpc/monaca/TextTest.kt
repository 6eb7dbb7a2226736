package dev.cloudrpc.monaca

import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test

/**
 * Text must cross JNI byte-exactly: emoji and other non-BMP characters (4-byte UTF-8, a
 * surrogate pair in Java), NUL (which modified UTF-8 writes as C0 80) and U+2028.
 */
class TextTest : NativeTest() {
    // Kotlin strings for the expected values; JSON escapes for NUL (raw control characters are not JSON).
    private val emoji = "\uD83D\uDE00"          // 😀 U+1F600
    private val clef = "\uD834\uDD1E"           // 𝄞 U+1D11E
    private val family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67" // ZWJ sequence
    private val expectedText = "a${emoji}b\u0000c\u2028d${clef}é日本$family"
    /** The same text as written inside a JSON string: raw UTF-8 except NUL, escaped. */
    private val jsonText = expectedText.replace("\u0000", "\\u0000")

    private fun assertSameUtf8(expected: String, actual: String?) {
        assertEquals(expected, actual)
        assertArrayEquals("UTF-8 bytes of '$expected'", utf8(expected), utf8(actual!!))
    }

    @Test
    fun messageRoundTripsByteExactly() {
        val error = errorOf(errorBody("""{"code":10001,"message":"$jsonText"}"""))
        assertSameUtf8(expectedText, error.message)
        assertJsonReadsBack(error)
    }

    @Test
    fun escapedSurrogatePairsDecodeToTheSameText() {
        val error = errorOf(errorBody("""{"code":1,"message":"\ud83d\ude00\u2028\ud834\udd1e"}"""))
        assertSameUtf8("$emoji\u2028$clef", error.message)
    }

    @Test
    fun paramNamesMessagesAndDataRoundTripByteExactly() {
        val data = """{"$jsonText":"$jsonText","k$emoji":["$clef","\u0000"],"p":{"$family":"x\u2028y"}}"""
        val body = errorBody("""{"code":-32602,"message":"Invalid params","data":$data}""")
        val error = errorOf(body)
        // data is kept as sent: the exact bytes of the body's data member, escapes included.
        assertArrayEquals(utf8(data), utf8(error.dataJson!!))
        val names = error.params.keys.toList()
        assertEquals(3, names.size)
        assertSameUtf8(expectedText, names[0])
        assertSameUtf8(expectedText, error.params.getValue(names[0]).single())
        assertSameUtf8("k$emoji", names[1])
        assertEquals(listOf(clef, "\u0000"), error.params.getValue(names[1]))
        assertSameUtf8("p.$family", names[2])
        assertSameUtf8("x\u2028y", error.params.getValue(names[2]).single())
        assertJsonReadsBack(error)
    }

    @Test
    fun createKeepsMessageAndDataByteExactly() {
        val data = """{"note":"$jsonText"}"""
        val error = MonacaCloudError.create(10_500, expectedText, data)
        assertSameUtf8(expectedText, error.message)
        assertArrayEquals(utf8(data), utf8(error.dataJson!!))
        assertEquals(MonacaErrorKind.USER_DEFINED, error.kind)
        assertJsonReadsBack(error)
        // And the JSON form is a valid error member for the library itself.
        val again = errorOf(errorBody(error.toJson()))
        assertEquals(error, again)
    }

    @Test
    fun messageOfOnlyNulsAndEmptyMessage() {
        assertSameUtf8("\u0000\u0000", MonacaCloudError.create(1, "\u0000\u0000").message)
        assertSameUtf8("", MonacaCloudError.create(1, "").message)
        assertSameUtf8("", errorOf(errorBody("""{"code":1,"message":""}""")).message)
    }

    @Test
    fun invalidUtf8InsideStringsBecomesTheReplacementCharacter() {
        // "<ED A0 80>": an encoded surrogate, invalid in UTF-8, read as a browser does: one U+FFFD
        // per maximal subpart, here three.
        val surrogate = byteArrayOf(0xED.toByte(), 0xA0.toByte(), 0x80.toByte())
        val body = utf8("{\"error\":{\"code\":-32602,\"message\":\"caf") + surrogate +
            utf8("!\",\"data\":{\"n") + byteArrayOf(0xFF.toByte()) + utf8("m\":\"x\"}}}")
        val error = errorOf(body)
        assertEquals(MonacaCloudError.INVALID_PARAMS, error.code)
        assertSameUtf8("caf\uFFFD\uFFFD\uFFFD!", error.message)
        assertSameUtf8("{\"n\uFFFDm\":\"x\"}", error.dataJson!!)
        assertEquals(listOf("x"), error.params["n\uFFFDm"])
        assertEquals(setOf("n\uFFFDm"), error.params.keys)
        assertJsonReadsBack(error)
        // A stray byte inside a string of a success leaves it a success.
        assertNull(MonacaCloudError.fromResponse(200, utf8("{\"result\":\"caf") + byteArrayOf(0xE9.toByte()) + utf8("\"}")))
    }

    @Test
    fun byteOrderMarksPickTheEncoding() {
        val utf8Bom = byteArrayOf(0xEF.toByte(), 0xBB.toByte(), 0xBF.toByte())
        assertNull(MonacaCloudError.fromResponse(200, utf8Bom + utf8("{\"result\":1}")))
        val withBom = errorOf(utf8Bom + utf8("{\"error\":{\"code\":11,\"message\":\"\u00e9\",\"data\":[1]}}"))
        assertEquals(11L, withBom.code)
        assertSameUtf8("\u00e9", withBom.message)
        assertEquals("[1]", withBom.dataJson)

        val data = "{\"\u540d\u524d\":\"\u5fc5\u9808\u3067\u3059 $emoji\"}"  // {"名前":"必須です 😀"}
        val text = "{\"error\":{\"code\":-32602,\"message\":\"Invalid params\",\"data\":$data}}"
        for (littleEndian in listOf(true, false)) {
            val error = errorOf(utf16(text, littleEndian))
            assertEquals(MonacaCloudError.INVALID_PARAMS, error.code)
            assertSameUtf8(data, error.dataJson!!)  // the decoded text, as UTF-8
            assertEquals(listOf("\u5fc5\u9808\u3067\u3059 $emoji"), error.params["\u540d\u524d"])
            assertNull(MonacaCloudError.fromResponse(200, utf16("{\"result\":\"OK\"}", littleEndian)))
            assertEquals(MonacaCloudError.INVALID_RESPONSE, errorOf(utf16("", littleEndian)).code)
        }
    }

    /** [text] as UTF-16 with its byte order mark. */
    private fun utf16(text: String, littleEndian: Boolean): ByteArray =
        (if (littleEndian) byteArrayOf(0xFF.toByte(), 0xFE.toByte()) else byteArrayOf(0xFE.toByte(), 0xFF.toByte())) +
            text.toByteArray(if (littleEndian) Charsets.UTF_16LE else Charsets.UTF_16BE)
}
