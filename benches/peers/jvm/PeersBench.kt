// The JVM peers of the benchmark (benches/peers/jvm/run.sh): Gson and Jackson against the Kotlin
// wrapper (MonacaCloudError.fromResponse, through the JNI shim), on the inputs of
// benches/inputs.rs. The task of each method: parse the body and read the error's code, message
// and per-parameter messages (for a success: decide that it is one).
//
// One process, one JVM: the methods run in interleaved rounds (each method runs one batch per
// round, the order rotated each round), after warm-up rounds that are not counted; the figure of
// a method is the median over the rounds of (batch time / batch size). Before any timing, every
// method reads every input once and all must agree (success, code, message, number of
// parameters and of messages, and a checksum of their lengths), so a broken peer cannot post a
// fast number.
//
// Usage: java -cp ... dev.cloudrpc.monaca.bench.PeersBenchKt INPUT_DIR [ROUNDS] [BATCH_MS]
package dev.cloudrpc.monaca.bench

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.google.gson.JsonParser
import dev.cloudrpc.monaca.MonacaCloudError
import dev.cloudrpc.monaca.MonacaCloudResponse
import java.io.File

/** What a method read from one body: the same for every method that reads it right. */
data class Read(
    val success: Boolean,
    val code: Long = 0,
    val message: String = "",
    val params: Int = 0,
    val messages: Int = 0,
    /** The sum of the lengths (UTF-16 units) of the message, the names and the messages. */
    val lengths: Long = 0
) {
    fun weight(): Long = if (success) 1 else code + lengths + params + messages
}

private val SUCCESS = Read(success = true)

/** Ours: the Kotlin wrapper over the core (one JNI call, then the report decoded in Kotlin). */
fun ours(body: ByteArray): Read = readError(MonacaCloudError.fromResponse(200, body))

/** The client's path: MonacaCloudResponse.fromExchange (a success keeps its result's text). */
fun response(body: ByteArray): Read = readError(MonacaCloudResponse.fromExchange(null, 200, body, null).error)

fun readError(error: MonacaCloudError?): Read {
    if (error == null) return SUCCESS
    var lengths = error.message.length.toLong()
    var messages = 0
    for (param in error.params) {
        lengths += param.name.length
        for (m in param.messages) lengths += m.length
        messages += param.messages.size
    }
    return Read(false, error.code, error.message, error.params.size, messages, lengths)
}

/**
 * Gson 2.10's tree (JsonParser over the body decoded as UTF-8, what OkHttp's body().string()
 * hands an app), then the SDK's reading: an `error` object is the error, its `data` object's
 * members the parameters (a string is one message, an array of strings its messages).
 */
fun gson(body: ByteArray): Read {
    val root = JsonParser.parseString(String(body, Charsets.UTF_8)).asJsonObject
    val error = root.get("error")
    if (error == null || !error.isJsonObject) return if (root.has("result")) SUCCESS else Read(false, code = -12)
    val e = error.asJsonObject
    val message = e.get("message").asString
    var lengths = message.length.toLong()
    var params = 0
    var messages = 0
    val data = e.get("data")
    if (data != null && data.isJsonObject) {
        for ((name, value) in data.asJsonObject.entrySet()) {
            params++
            lengths += name.length
            if (value.isJsonPrimitive && value.asJsonPrimitive.isString) {
                messages++
                lengths += value.asString.length
            } else if (value.isJsonArray) {
                for (m in value.asJsonArray) {
                    if (m.isJsonPrimitive && m.asJsonPrimitive.isString) {
                        messages++
                        lengths += m.asString.length
                    }
                }
            }
        }
    }
    return Read(false, e.get("code").asLong, message, params, messages, lengths)
}

private val mapper = ObjectMapper()

/** Jackson 2.14's tree (ObjectMapper.readTree straight from the bytes), the same reading. */
fun jackson(body: ByteArray): Read {
    val root: JsonNode = mapper.readTree(body)
    val e = root.get("error")
    if (e == null || !e.isObject) return if (root.has("result")) SUCCESS else Read(false, code = -12)
    val message = e.get("message").asText()
    var lengths = message.length.toLong()
    var params = 0
    var messages = 0
    val data = e.get("data")
    if (data != null && data.isObject) {
        val fields = data.fields()
        while (fields.hasNext()) {
            val (name, value) = fields.next()
            params++
            lengths += name.length
            if (value.isTextual) {
                messages++
                lengths += value.asText().length
            } else if (value.isArray) {
                for (m in value) {
                    if (m.isTextual) {
                        messages++
                        lengths += m.asText().length
                    }
                }
            }
        }
    }
    return Read(false, e.get("code").asLong(), message, params, messages, lengths)
}

class Method(val name: String, val run: (ByteArray) -> Read)

val METHODS = listOf(
    Method("Kotlin MonacaCloudError.fromResponse (JNI)", ::ours),
    Method("Kotlin MonacaCloudResponse.fromExchange (JNI)", ::response),
    Method("Gson JsonParser (String of the bytes)", ::gson),
    Method("Jackson ObjectMapper.readTree (bytes)", ::jackson)
)

var sink = 0L

/** ns per body of one batch of [n] reads. */
fun batch(method: Method, body: ByteArray, n: Int): Double {
    var s = 0L
    val start = System.nanoTime()
    for (i in 0 until n) s += method.run(body).weight()
    val ns = (System.nanoTime() - start).toDouble()
    sink += s
    return ns / n
}

fun median(values: List<Double>): Double {
    val sorted = values.sorted()
    return if (sorted.size % 2 == 1) sorted[sorted.size / 2] else (sorted[sorted.size / 2 - 1] + sorted[sorted.size / 2]) / 2
}

fun show(ns: Double): String = if (ns >= 1e5) String.format("%.3f ms", ns / 1e6) else String.format("%.0f ns", ns)

fun main(args: Array<String>) {
    val dir = File(args.getOrElse(0) { "target/peers/inputs" })
    val rounds = args.getOrElse(1) { "21" }.toInt()
    val batchMs = args.getOrElse(2) { "4" }.toDouble()
    val inputs = listOf("S1", "S2", "L1", "L2").map { it to File(dir, "$it.json").readBytes() }

    // Correctness first: every method reads every input the same way.
    for ((name, body) in inputs) {
        val reads = METHODS.map { it.name to it.run(body) }
        val expected = reads[0].second
        for ((method, read) in reads) {
            if (read != expected) {
                System.err.println("jvm peers: $name: $method read $read, ours read $expected")
                kotlin.system.exitProcess(1)
            }
        }
        val what = if (expected.success) "success" else "code ${expected.code}, \"${expected.message}\", ${expected.params} params, ${expected.messages} messages"
        println("check $name: all ${METHODS.size} methods read $what")
    }

    println()
    println("| input | method | median | throughput | time / ours |")
    println("| --- | --- | ---: | ---: | ---: |")
    for ((name, body) in inputs) {
        // Warm-up for the JIT (C2 compiles after some 10,000 calls): each method for 300 ms
        // and at least 20,000 calls; then batch sizes such that each method's batch takes
        // about batchMs.
        for (m in METHODS) {
            val until = System.nanoTime() + 300_000_000L
            var calls = 0
            while (System.nanoTime() < until || calls < 20_000 && body.size < 4096) {
                sink += m.run(body).weight()
                calls++
            }
        }
        val sizes = METHODS.map { m ->
            var n = 1
            while (batch(m, body, n) * n < batchMs * 1e6 && n < (1 shl 24)) n *= 2
            n
        }
        val samples = METHODS.map { ArrayList<Double>() }
        val warmup = 5
        for (round in 0 until warmup + rounds) {
            for (k in METHODS.indices) {
                val i = (k + round) % METHODS.size
                val ns = batch(METHODS[i], body, sizes[i])
                if (round >= warmup) samples[i].add(ns)
            }
        }
        val medians = samples.map(::median)
        for (i in METHODS.indices) {
            val gbps = body.size / medians[i]
            println("| $name (${body.size} B) | ${METHODS[i].name} | ${show(medians[i])} | ${String.format("%.3f", gbps)} GB/s | ${String.format("%.2f", medians[i] / medians[0])}x |")
        }
    }
    if (sink == 42L) println("unreachable")
}
