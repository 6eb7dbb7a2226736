package dev.cloudrpc.monaca

import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.junit.runners.Parameterized
import java.io.File
import java.util.Base64

/**
 * The shared conformance corpus (every .json file of tests/corpus, the directory given by test.sh as
 * `-Dmonaca.corpusDir`): one JUnit test per case, checking every field of the Kotlin API
 * against the case's expected report. A missing directory or fewer than 100 cases fails the class.
 */
@RunWith(Parameterized::class)
class CorpusTest(private val label: String, private val case: Map<*, *>) : NativeTest() {

    companion object {
        @JvmStatic
        @Parameterized.Parameters(name = "{0}")
        fun cases(): List<Array<Any>> {
            val path = System.getProperty("monaca.corpusDir")
                ?: throw IllegalStateException("no -Dmonaca.corpusDir (test.sh passes tests/corpus)")
            val files = File(path).listFiles { file -> file.name.endsWith(".json") }
                ?: throw IllegalStateException("corpus directory $path is missing")
            val cases = ArrayList<Array<Any>>()
            for (file in files.sortedBy { it.name }) {
                val corpus = ReportJson.parse(ReportJson.utf8(file.readBytes())) as Map<*, *>
                for (case in corpus["cases"] as List<*>) {
                    case as Map<*, *>
                    cases.add(arrayOf("${file.name.removeSuffix(".json")}/${case["name"]}", case))
                }
            }
            if (cases.size < 100) throw IllegalStateException("the corpus in $path has ${cases.size} cases, expected 100 or more")
            return cases
        }
    }

    private fun body(): ByteArray {
        val text = case["body"]
        val base64 = case["bodyBase64"]
        return when {
            text is String && base64 == null -> utf8(text)
            base64 is String && text == null -> Base64.getDecoder().decode(base64)
            else -> throw IllegalStateException("$label has neither body nor bodyBase64")
        }
    }

    @Test
    fun everyFieldIsTheExpectedReport() {
        val status = (case["status"] as Long).toInt()
        val error = MonacaCloudError.fromResponse(status, body())
        val expected = case["expected"] as Map<*, *>?
        // A response read from the same exchange holds the same error (or a result for a success).
        val response = MonacaCloudResponse.fromExchange(null, status, body())
        assertEquals(label, error?.reportJson, response.error?.reportJson)
        assertEquals(label, error == null, response.resultJson != null)
        if (expected == null) {
            assertNull("$label: a success", error)
            return
        }
        assertTrue("$label: an error", error != null)
        error!!
        assertEquals(label, expected["code"], error.code)
        assertEquals(label, expected["kind"], error.kind.name)
        assertEquals(label, expected["name"], error.name)
        assertEquals(label, expected["description"], error.description)
        assertEquals(label, expected["description"], error.toString())
        assertEquals(label, expected["message"], error.message)
        assertEquals(label, expected["detail"], error.detail)
        assertEquals(label, expected["data"], error.dataJson)
        assertEquals(label, expected["json"], error.toJson())
        assertEquals(label, expected, ReportJson.parse(error.reportJson))

        val params = (expected["params"] as List<*>).map { entry ->
            entry as Map<*, *>
            MonacaParam(entry["name"] as String, (entry["messages"] as List<*>).map { it as String })
        }
        assertEquals(label, params, error.params)
        for (name in params.map { it.name }.toSet()) {
            val messages = params.filter { it.name == name }.flatMap { it.messages }
            assertEquals("$label: messagesFor($name)", messages, error.messagesFor(name))
            assertEquals("$label: firstMessageFor($name)", messages.firstOrNull(), error.firstMessageFor(name))
        }
        val absent = "no such parameter " + params.size
        assertEquals(label, emptyList<String>(), error.messagesFor(absent))
        assertNull(label, error.firstMessageFor(absent))

        // Equality is by value: the same exchange again gives an equal error.
        val again = MonacaCloudError.fromResponse(status, body())
        assertEquals(label, error, again)
        assertEquals(label, error.hashCode(), again!!.hashCode())
        assertNotEquals(label, error, MonacaCloudError.create(error.code, error.message + "!", error.dataJson))
    }
}
