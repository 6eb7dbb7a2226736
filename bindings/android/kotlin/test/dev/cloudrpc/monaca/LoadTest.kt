package dev.cloudrpc.monaca

import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/** Size and concurrency: a 1 MiB data member, a large success body, and 8 threads parsing at once. */
class LoadTest : NativeTest() {

    @Test
    fun largeSuccessBodyIsASuccess() {
        val items = (1..50_000).joinToString(",") { """{"id":$it,"name":"item $it"}""" }
        assertNull(MonacaCloudError.fromResponse(200, utf8("""{"jsonrpc":"2.0","id":"1","result":{"totalItems":50000,"items":[$items]}}""")))
    }

    @Test
    fun oneMebibyteOfDataCrossesIntact() {
        // 1 MiB of UTF-8 mixing 1-, 2- and 4-byte characters, so a byte slip would show.
        val unit = "ab\u00E9\uD83D\uDE00" // a b é 😀 = 1+1+2+4 = 8 bytes
        val big = unit.repeat(1024 * 1024 / 8)
        assertEquals(1024 * 1024, utf8(big).size)
        val data = """{"blob":"$big","after":"end"}"""
        val error = errorOf(errorBody("""{"code":-32602,"message":"Invalid params","data":$data}"""))
        assertArrayEquals(utf8(data), utf8(error.dataJson!!))
        assertEquals(listOf("blob", "after"), error.params.map { it.name })
        assertEquals(big, error.params[0].messages.single())
        assertEquals("end", error.firstMessageFor("after"))
        assertTrue(error.toJson().length > big.length)
        assertJsonReadsBack(error)
    }

    @Test
    fun oneMebibyteMessageThroughCreate() {
        val big = "\u2028x\u0000".repeat(1024 * 1024 / 5) // 3+1+1 bytes each
        val error = MonacaCloudError.create(20_000, big, "[\"$big\"]".replace("\u0000", "\\u0000"))
        assertEquals(big, error.message)
        assertJsonReadsBack(error)
    }

    @Test
    fun eightThreadsParseAtOnce() {
        val threads = 8
        val rounds = 300
        val start = CountDownLatch(1)
        val done = CountDownLatch(threads)
        val failures = Collections.synchronizedList(ArrayList<Throwable>())
        for (t in 0 until threads) {
            Thread({
                try {
                    start.await()
                    for (i in 0 until rounds) checkOne(t, i)
                } catch (e: Throwable) {
                    failures.add(e)
                } finally {
                    done.countDown()
                }
            }, "parser-$t").start()
        }
        start.countDown() // release all threads together
        assertTrue("threads finished in time", done.await(120, TimeUnit.SECONDS))
        if (failures.isNotEmpty()) throw AssertionError("${failures.size} thread failures", failures[0])
    }

    /** One of several shapes per round, each with thread- and round-specific content checked exactly. */
    private fun checkOne(t: Int, i: Int) {
        val tag = "t$t-r$i-\uD83D\uDE80" // 🚀
        when (i % 5) {
            0 -> {
                val error = errorOf(errorBody("""{"code":-32602,"message":"$tag","data":{"f$t":["$tag","$i"],"g":{"h":"$tag"}}}"""))
                assertEquals(tag, error.message)
                assertEquals(listOf(MonacaParam("f$t", listOf(tag, "$i")), MonacaParam("g.h", listOf(tag))), error.params)
            }
            1 -> {
                val code = 10_000L + t * 1000 + i
                val error = errorOf(errorBody("""{"code":$code,"message":"$tag"}"""))
                assertEquals(code, error.code)
                assertEquals(MonacaErrorKind.USER_DEFINED, error.kind)
                assertJsonReadsBack(error)
            }
            2 -> assertNull(MonacaCloudError.fromResponse(200, utf8("""{"id":"$tag","result":["$tag"]}""")))
            3 -> {
                val e = assertThrows<MonacaArgumentException>("refused create") { MonacaCloudError.create(1, tag, "[\"$tag\",]") }
                assertEquals(utf8("[\"$tag\",").size.toLong(), e.offset)
            }
            else -> {
                val status = 200 + t * 20 // 200..340: both sides of the 2xx range
                val error = errorOf("not json $tag", status)
                assertEquals(if (status < 300) -12L else -13L, error.code)
                assertEquals(MonacaErrorKind.CLIENT, MonacaCloudError.kindOf(error.code))
            }
        }
    }
}
