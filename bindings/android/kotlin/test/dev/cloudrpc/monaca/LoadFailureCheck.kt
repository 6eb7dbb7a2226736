package dev.cloudrpc.monaca

import kotlin.system.exitProcess

/**
 * Run by test.sh in a JVM of its own (loading happens once per JVM), with a library that
 * must be refused: `wrong-abi` (a shim reporting another ABI version) or `missing` (no
 * library on java.library.path). Every entry point must then throw UnsatisfiedLinkError
 * with a message saying why, on every call.
 */
object LoadFailureCheck {
    @JvmStatic
    fun main(args: Array<String>) {
        val expected = when (args.singleOrNull()) {
            "wrong-abi" -> listOf("C ABI version ${MonacaNative.EXPECTED_ABI_VERSION + 1}",
                "built for version ${MonacaNative.EXPECTED_ABI_VERSION}")
            "missing" -> listOf("cannot use libmonaca_cloud_error_jni", "no monaca_cloud_error_jni in java.library.path")
            else -> { System.err.println("usage: LoadFailureCheck wrong-abi|missing"); exitProcess(2) }
        }
        val calls = listOf<Pair<String, () -> Any?>>(
            "fromResponse" to { MonacaCloudError.fromResponse(200, "{}".toByteArray()) },
            "fromResponse again" to { MonacaCloudError.fromResponse(200, "{}".toByteArray()) },
            "timeout" to { MonacaCloudError.timeout() },
            "create" to { MonacaCloudError.create(1, "m") },
            "nameOf" to { MonacaCloudError.nameOf(1) },
            "fromExchange" to { MonacaCloudResponse.fromExchange(null, 200, "{}".toByteArray(), "s") },
            "url" to { MonacaCloudRequest.url("b") },
            "body" to { MonacaCloudRequest.body("a", null, MonacaCloudCredentials("k", "d")) },
            "client" to { MonacaCloudClient.forBackend("b", "k", "d") }
        )
        var passed = 0
        var failed = 0
        for ((what, call) in calls) {
            val problem = try {
                call()
                "no exception"
            } catch (e: UnsatisfiedLinkError) {
                val message = e.message.orEmpty()
                expected.firstOrNull { !message.contains(it) }?.let { "message '$message' lacks '$it'" }
            }
            if (problem == null) passed++ else { failed++; println("FAILED: $what: $problem") }
        }
        println("load-failure-${args[0]}: $passed passed, $failed failed")
        exitProcess(if (failed == 0) 0 else 1)
    }
}
