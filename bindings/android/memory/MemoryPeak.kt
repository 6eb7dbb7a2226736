package dev.cloudrpc.monaca.memory

import dev.cloudrpc.monaca.MonacaCloudError
import java.io.File
import kotlin.system.exitProcess

/**
 * Memory through the Kotlin face (issue 21): a 256 MiB success body in a `byte[]`, read by
 * `MonacaCloudError.fromResponse`, must raise the process's peak resident memory by at most
 * 16 MiB (the core's own allowance, tests/memory_peak.rs): the JNI shim reads the array in
 * place, never copying it into native memory. Linux only (/proc/self/status; the peak is reset
 * through /proc/self/clear_refs just before the call).
 *
 * test.sh runs it in a JVM whose heap is allocated and touched up front
 * (`-Xms512m -Xmx512m -XX:+AlwaysPreTouch`), so that the Java side adds no resident memory
 * while it runs; and again against a shim that copies the array (GetByteArrayElements), which
 * must fail. Prints one `kotlin memory: ...` line; exits 1 past the bound.
 */
object MemoryPeak {
    private const val MIB = 1024 * 1024
    private const val BODY_SIZE = 256 * MIB
    private const val ALLOWANCE = 16 * MIB

    private fun statusKib(field: String): Long {
        val line = File("/proc/self/status").readLines().first { it.startsWith("$field:") }
        return line.substringAfter(':').trim().substringBefore(' ').toLong()
    }

    /** A Collection.find-like success body of exactly [size] bytes (as tests/memory_peak.rs makes it). */
    private fun largeSuccessBody(size: Int): ByteArray {
        val head = """{"jsonrpc":"2.0","id":"1","result":{"totalItems":0,"items":[""".toByteArray()
        val item = ("{\"_id\":\"5f0c1e2a\",\"name\":\"\\u6771\\u4eac \\u00e9t\\u00e9 \u2615\",\"n\":-12.5e3,\"ok\":true," +
            "\"none\":null,\"tags\":[\"a\",\"b\",{\"deep\":[1,[2,[3]]]}]},").toByteArray()
        val tail = "{}]}}".toByteArray()
        val body = ByteArray(size) { ' '.code.toByte() }
        System.arraycopy(head, 0, body, 0, head.size)
        var at = head.size
        while (at + item.size + tail.size <= size) {
            System.arraycopy(item, 0, body, at, item.size)
            at += item.size
        }
        System.arraycopy(tail, 0, body, size - tail.size, tail.size)
        return body
    }

    @JvmStatic
    fun main(args: Array<String>) {
        val body = largeSuccessBody(BODY_SIZE)
        MonacaCloudError.fromResponse(200, "{\"result\":1}".toByteArray()) // loads the library first
        val before = statusKib("VmRSS")
        File("/proc/self/clear_refs").writeText("5") // the peak is now the current size
        val error = MonacaCloudError.fromResponse(200, body)
        val peak = statusKib("VmHWM")
        val grown = (peak - before) * 1024
        check(error == null) { "a success body gave $error" }
        val verdict = if (grown <= ALLOWANCE) "within" else "OVER"
        println("kotlin memory: a 256 MiB body read by fromResponse raised the peak RSS by " +
            "${"%.1f".format(grown.toDouble() / MIB)} MiB ($verdict the 16 MiB bound; RSS before ${before / 1024} MiB)")
        exitProcess(if (grown <= ALLOWANCE) 0 else 1)
    }
}
