package dev.cloudrpc.monaca

import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.math.BigDecimal

/**
 * The wrapper's JSON reader and report decoder on known texts, without the native library, so
 * that a decoding bug cannot hide behind the corpus (whose expected reports the same reader reads).
 */
class ReportJsonTest {

    private fun refused(text: String, raw: Set<String> = emptySet()) {
        val e = assertThrows<IllegalArgumentException>("'$text'") { ReportJson.parse(text, raw) }
        assertTrue(e.message!!, e.message!!.startsWith("invalid JSON: ") && e.message!!.contains(" at offset "))
    }

    @Test
    fun literalsAndNumbers() {
        assertEquals(true, ReportJson.parse("true"))
        assertEquals(false, ReportJson.parse(" false "))
        assertNull(ReportJson.parse("\t\r\nnull\n"))
        assertEquals(0L, ReportJson.parse("0"))
        assertEquals(0L, ReportJson.parse("-0"))
        assertEquals(-32602L, ReportJson.parse("-32602"))
        assertEquals(Long.MAX_VALUE, ReportJson.parse("9223372036854775807"))
        assertEquals(Long.MIN_VALUE, ReportJson.parse("-9223372036854775808"))
        assertEquals(BigDecimal("9223372036854775808"), ReportJson.parse("9223372036854775808"))
        assertEquals(BigDecimal("1.50"), ReportJson.parse("1.50"))
        assertEquals(BigDecimal("1e3"), ReportJson.parse("1e3"))
        assertEquals(BigDecimal("-0.5E-3"), ReportJson.parse("-0.5E-3"))
        assertEquals(BigDecimal("2e+10"), ReportJson.parse("2e+10"))
    }

    @Test
    fun stringsWithEveryEscape() {
        assertEquals("", ReportJson.parse("\"\""))
        assertEquals("\"\\/\b\u000C\n\r\t", ReportJson.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""))
        assertEquals("A\u00e9\u2028\u0000\uFFFF", ReportJson.parse("\"\\u0041\\u00E9\\u2028\\u0000\\uffff\""))
        // A surrogate pair written as two escapes is one character (😀 U+1F600), as raw UTF-8 too.
        assertEquals("\uD83D\uDE00", ReportJson.parse("\"\\ud83d\\ude00\""))
        assertEquals("x\uD83D\uDE00y", ReportJson.parse("\"x\uD83D\uDE00y\""))
        assertEquals(1, "\uD83D\uDE00".codePointCount(0, 2))
        // A lone surrogate escape is in the grammar; a String can hold it as it is.
        assertEquals("\uD800", ReportJson.parse("\"\\uD800\""))
        assertEquals("\u2028\u2029\u007F\u0080", ReportJson.parse("\"\u2028\u2029\u007F\u0080\""))
    }

    @Test
    fun containersKeepOrderAndNesting() {
        val value = ReportJson.parse(""" { "b" : [ 1 , "two" , null , [ ] , { } ] , "a" : { "c" : [ [ true ] ] } } """)
        assertEquals(linkedMapOf("b" to listOf(1L, "two", null, emptyList<Any?>(), emptyMap<String, Any?>()),
            "a" to mapOf("c" to listOf(listOf(true)))), value)
        assertEquals(listOf("b", "a"), (value as Map<*, *>).keys.toList())
        assertEquals(emptyList<Any?>(), ReportJson.parse("[]"))
        assertEquals(mapOf("" to ""), ReportJson.parse("{\"\":\"\"}"))
        val deepest = "[".repeat(ReportJson.MAX_DEPTH) + "]".repeat(ReportJson.MAX_DEPTH)
        var level: Any? = ReportJson.parse(deepest)
        repeat(ReportJson.MAX_DEPTH - 1) { level = (level as List<*>).single() }
        assertEquals(emptyList<Any?>(), level)
    }

    @Test
    fun everythingOutsideTheGrammarIsRefused() {
        val bad = listOf("", " ", "tru", "nul", "True", "NaN", "Infinity", "-", "+1", "01", "-01", "1.", ".5", "1e",
            "1e+", "0x10", "1 2", "[1,]", "[,1]", "[1", "[1 2]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\"}",
            "{1:1}", "'a'", "\"abc", "\"\t\"", "\"\n\"", "\"\u0000\"", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"",
            "\"\\U0041\"", "\"\\\"", "[1] x", "{} {}", "\uFEFF{}", "{\"a\":1,\"a\":2}",
            "[".repeat(ReportJson.MAX_DEPTH + 1) + "]".repeat(ReportJson.MAX_DEPTH + 1))
        for (text in bad) refused(text)
    }

    /** Raw members: the exact text, checked by the grammar, at any depth, repeated members allowed. */
    @Test
    fun rawMembersKeepTheirExactText() {
        val raw = setOf("result", "error")
        val value = " [ 1 ,\n{\"a\" : \"x\\\"]\", \"a\":{}} , -0.5e+1, true,null,false, \"\\u0041\" ] "
        val parsed = ReportJson.parse("""{"session":"s","result":$value,"n":{"result":[1]}}""", raw) as Map<*, *>
        assertEquals(RawJson(value.trim()), parsed["result"])
        assertEquals("s", parsed["session"])
        assertEquals(mapOf("result" to listOf(1L)), parsed["n"]) // only members of the outermost object
        for (scalar in listOf("0", "\"\"", "{}", "[]", "[[]]", "{\"a\":[{}]}", "null")) {
            assertEquals(RawJson(scalar), (ReportJson.parse("""{"error":$scalar}""", raw) as Map<*, *>)["error"])
        }
        val deep = "[{\"a\":".repeat(20_000) + "1" + "}]".repeat(20_000)
        assertEquals(RawJson(deep), (ReportJson.parse("""{"result":$deep}""", raw) as Map<*, *>)["result"])
        for (bad in listOf("", "[1,]", "[1", "{\"a\"}", "{\"a\":1,}", "{a:1}", "[1 2]", "01", "\"\\x\"", "[}", "{]",
                "{\"a\":1]", "[1]]", "tru", "\"\t\"")) {
            refused("""{"result":$bad}""", raw)
        }
        refused("""{"result":1,"result":2}""", raw) // the outer object is still strict
    }

    @Test
    fun utf8IsDecodedStrictly() {
        assertEquals("a\u00e9\uD83D\uDE00\u0000", ReportJson.utf8(utf8("a\u00e9\uD83D\uDE00\u0000")))
        for (bytes in listOf(byteArrayOf(0xFF.toByte()), byteArrayOf(0xC3.toByte()),
                byteArrayOf(0xED.toByte(), 0xA0.toByte(), 0x80.toByte()), byteArrayOf(0xC0.toByte(), 0x80.toByte()))) {
            assertThrows<IllegalArgumentException>("bytes ${bytes.toList()}") { ReportJson.utf8(bytes) }
        }
    }

    @Test
    fun generalizedUtf8IsUtf8ForValidTextAndKeepsUnpairedSurrogates() {
        val text = "a\u0000\u007F\u0080\u07FF\u0800\u2028\uFFFF\uD800\uDC00\uD83D\uDE00\uDBFF\uDFFF"
        assertArrayEquals(text.toByteArray(Charsets.UTF_8), MonacaNative.generalizedUtf8(text))
        assertArrayEquals(byteArrayOf(0x61, 0xED.toByte(), 0xA0.toByte(), 0x80.toByte(), 0x62),
            MonacaNative.generalizedUtf8("a\uD800b"))
        assertArrayEquals(byteArrayOf(0xED.toByte(), 0xBF.toByte(), 0xBF.toByte(), 0xED.toByte(), 0xA0.toByte(), 0x80.toByte()),
            MonacaNative.generalizedUtf8("\uDFFF\uD800")) // low then high: two lone surrogates, not a pair
    }

    /** The report example of the README, decoded without the native library. */
    @Test
    fun theReadmeReportDecodes() {
        val report = """{"code":-32602,"kind":"JSON_RPC","name":"INVALID_PARAMS",""" +
            """"description":"Monaca error -32602 (INVALID_PARAMS): Invalid params",""" +
            """"message":"Invalid params","detail":null,"data":"{\"a\":[\"x\",\"y\"]}",""" +
            """"params":[{"name":"a","messages":["x","y"]}],""" +
            """"json":"{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{\"a\":[\"x\",\"y\"]}}"}"""
        val error = MonacaCloudError.fromReport(utf8(report))
        assertEquals(-32602L, error.code)
        assertEquals(MonacaErrorKind.JSON_RPC, error.kind)
        assertEquals("INVALID_PARAMS", error.name)
        assertEquals("Monaca error -32602 (INVALID_PARAMS): Invalid params", error.description)
        assertEquals(error.description, error.toString())
        assertEquals("Invalid params", error.message)
        assertNull(error.detail)
        assertEquals("{\"a\":[\"x\",\"y\"]}", error.dataJson)
        assertEquals(listOf(MonacaParam("a", listOf("x", "y"))), error.params)
        assertEquals("{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{\"a\":[\"x\",\"y\"]}}", error.toJson())
        assertEquals(report, error.reportJson)

        val client = MonacaCloudError.fromReport(utf8("""{"code":-13,"kind":"CLIENT","name":"INVALID_STATUS_CODE",""" +
            """"description":"d \u00e9\uD83D\uDE00","message":"m\u0000","detail":"status 503","data":null,"params":[],""" +
            """"json":"{}","schema2":"ignored"}"""))
        assertEquals(MonacaErrorKind.CLIENT, client.kind)
        assertEquals("d \u00e9\uD83D\uDE00", client.description)
        assertEquals("m\u0000", client.message)
        assertEquals("status 503", client.detail)
        assertNull(client.dataJson)
        assertEquals(emptyList<MonacaParam>(), client.params)
        assertEquals(MonacaErrorKind.UNKNOWN, MonacaCloudError.fromReport(utf8(report.replace("JSON_RPC", "NEW_KIND"))).kind)
    }

    @Test
    fun aReportOutsideSchemaOneIsANativeBug() {
        val good = """{"code":1,"kind":"UNKNOWN","name":null,"description":"d","message":"m","detail":null,""" +
            """"data":null,"params":[{"name":"a","messages":[]}],"json":"{}"}"""
        MonacaCloudError.fromReport(utf8(good))
        val broken = listOf(
            "", "[]", "{", good.dropLast(1), good.replace("\"code\":1", "\"code\":1.5"),
            good.replace("\"code\":1,", ""), good.replace("\"name\":null,", ""), good.replace("\"message\":\"m\"", "\"message\":null"),
            good.replace("\"detail\":null", "\"detail\":7"), good.replace("\"messages\":[]", "\"messages\":[1]"),
            good.replace("\"params\":[{", "\"params\":[3,{"), good.replace("\"json\":\"{}\"", "\"json\":{}"))
        for (text in broken) {
            assertThrows<IllegalStateException>("report '$text'") { MonacaCloudError.fromReport(utf8(text)) }
        }
        assertThrows<IllegalStateException>("report not UTF-8") {
            MonacaCloudError.fromReport(utf8(good) + byteArrayOf(0xFF.toByte()))
        }
    }
}
