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
        assertSameUtf8("Monaca error 10001: $expectedText", error.description)
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
        val names = error.params.map { it.name }
        assertEquals(3, names.size)
        assertSameUtf8(expectedText, names[0])
        assertSameUtf8(expectedText, error.params[0].messages.single())
        assertSameUtf8(expectedText, error.firstMessageFor(expectedText))
        assertSameUtf8("k$emoji", names[1])
        assertEquals(listOf(clef, "\u0000"), error.params[1].messages)
        assertEquals(listOf(clef, "\u0000"), error.messagesFor("k$emoji"))
        assertSameUtf8("p.$family", names[2])
        assertSameUtf8("x\u2028y", error.params[2].messages.single())
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
}
