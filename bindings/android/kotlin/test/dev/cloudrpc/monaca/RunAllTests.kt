package dev.cloudrpc.monaca

import org.junit.internal.TextListener
import org.junit.runner.JUnitCore
import kotlin.system.exitProcess

/**
 * Runs every test class, then checks that no native handle is left live, and prints a
 * `JUnit: N tests run, N failed, N ignored` line (JUnit's own count; test.sh reports it) and
 * one `android-jvm: N passed, N failed` line (the JUnit tests plus the final live-count check).
 * Exits non-zero on any failure.
 */
object RunAllTests {
    @JvmStatic
    fun main(args: Array<String>) {
        val core = JUnitCore()
        core.addListener(TextListener(System.out))
        val result = core.run(
            ReportJsonTest::class.java,
            CorpusTest::class.java,
            TextTest::class.java,
            LoadTest::class.java,
            ApiTest::class.java,
            CallTest::class.java,
            ClientTest::class.java,
            HostileServerTest::class.java
        )
        println("JUnit: ${result.runCount} tests run, ${result.failureCount} failed, ${result.ignoreCount} ignored")
        var passed = result.runCount - result.failureCount - result.ignoreCount
        var failed = result.failureCount
        // The final word on leaks: every handle made during the whole run has been freed.
        val live = MonacaNative.liveCount()
        if (live == 0L) {
            passed++
        } else {
            failed++
            println("FAILED: monaca_error_live_count() is $live after all tests, expected 0")
        }
        println("${System.getProperty("monaca.testLabel", "android-jvm")}: $passed passed, $failed failed")
        exitProcess(if (failed == 0 && result.runCount > 0) 0 else 1)
    }
}
