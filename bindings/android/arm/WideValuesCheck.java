package dev.cloudrpc.monaca.arm;

import dev.cloudrpc.monaca.MonacaCloudError;

/**
 * Error codes that need all 64 bits of their jlong, through the public API as a Java caller
 * uses it (test-arm.sh runs this next to the JUnit suite on each ARM JVM). Each code below has
 * a known code in its low 32 bits: a shim that narrows a jlong to 32 bits on the way to the
 * C library (through a C long or a pointer-sized integer, as on armv7) would answer for that
 * known code instead. Checked, for each:
 * - create(code, ...) gives an error whose code is the very code (jlong in, report back out);
 * - kindOf, nameOf and descriptionOf answer differently than for the code of its low 32 bits
 *   (which, being a known code, has a name: the check cannot pass by both being unknown).
 * Prints "wide-values: N passed, N failed"; exits 1 on any failure.
 */
public final class WideValuesCheck {
    private static int passed;
    private static int failed;

    private static void check(boolean ok, String what) {
        if (ok) {
            passed++;
        } else {
            failed++;
            System.out.println("FAILED: " + what);
        }
    }

    public static void main(String[] args) {
        long[] codes = {
            (1L << 32) + MonacaCloudError.PERMISSION_DENIED,                // low half 14
            (1L << 32) + MonacaCloudError.PERMISSION_DENIED_NEGATIVE,       // low half -14
            Long.MIN_VALUE + MonacaCloudError.API_KEY_INVALID,              // low half 4
            -(1L << 32) + MonacaCloudError.INVALID_PARAMS,                  // low half -32602
            (5L << 32) + MonacaCloudError.INVALID_RESPONSE,                 // low half -12
        };
        for (long code : codes) {
            long low = (int) code;
            String name = "code " + code + " (low 32 bits: " + low + ")";
            MonacaCloudError error = MonacaCloudError.create(code, "wide");
            check(error.getCode() == code, name + ": create(...).code is " + error.getCode());
            check(MonacaCloudError.nameOf(low) != null, "code " + low + " has no name: pick another code");
            check(MonacaCloudError.kindOf(code) != MonacaCloudError.kindOf(low),
                name + ": kindOf is " + MonacaCloudError.kindOf(code) + ", as for " + low);
            check(!String.valueOf(MonacaCloudError.nameOf(code)).equals(MonacaCloudError.nameOf(low)),
                name + ": nameOf is " + MonacaCloudError.nameOf(code) + ", as for " + low);
            check(!MonacaCloudError.descriptionOf(code).equals(MonacaCloudError.descriptionOf(low)),
                name + ": descriptionOf is '" + MonacaCloudError.descriptionOf(code) + "', as for " + low);
        }
        System.out.println("wide-values: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 && passed > 0 ? 0 : 1);
    }
}
