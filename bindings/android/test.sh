#!/usr/bin/env bash
# Tests the Android binding on this machine (no NDK needed):
#   1. the JNI shim, compiled with gcc against the JDK's jni.h and linked with the release
#      static library into a shared library that exports only Java_* symbols;
#   2. the Kotlin wrapper and its JUnit 4 tests, compiled with Kotlin 2.4.20 (kotlinc-jvm of the
#      npm package kotlin-compiler, installed by install-kotlin.sh into target/kotlin-2.4.20)
#      with -Werror, and run on the desktop JVM with -Xcheck:jni (any JNI warning fails the
#      run) and that compiler's kotlin-stdlib.jar, against the gcc-built shim and the CMake-built
#      one (CorpusTest reads tests/corpus, passed as -Dmonaca.corpusDir; ClientTest starts and
#      stops the mock backend tests/mock-backend/server.py, passed as -Dmonaca.mockBackend, and
#      calls it on 127.0.0.1; HostileServerTest does the same with tests/hostile-server/server.py,
#      -Dmonaca.hostileServer: redirects, a 256 MiB body, a gzip bomb, drips, resets, odd session
#      headers), in a 192 MiB heap (-Xmx192m: a client that held the 256 MiB body fails with
#      OutOfMemoryError); then the load failures (wrong ABI version, no library), each in a
#      fresh JVM;
#   3. memory/MemoryPeak.kt: a 256 MiB body read by fromResponse raises the peak RSS by at most
#      16 MiB (no copy across JNI), and fails against a shim that copies it;
#   4. the oldest-compiler check, compile only: the wrapper, its tests and the Cordova plugin
#      class (bindings/cordova/src/android, against bindings/cordova/test/android-stubs)
#      compiled with Debian's kotlinc 1.3.31 (apt package kotlin) with -Werror: the oldest
#      Kotlin kept (cordova-android 9, the plugin's minimum, builds with 1.3.50 by default);
#   5. the four shipped static archives (build-archives.sh), each checked for its ELF machine and
#      to define every function of the header.
# Installs what it needs (Debian packages, the npm package kotlin-compiler, rust-src).
# Outputs go to target/android-jvm/. Ends with an "android: ..." line naming the compilers and
# the JUnit count. Exits non-zero when anything fails.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/target/android-jvm"

step() { printf '\n== android: %s\n' "$*"; }
die() { printf 'android test: FAILED: %s\n' "$*" >&2; exit 1; }

# ---- Tools ----------------------------------------------------------------------------------
find_jdk() {
    local javac
    if [ -n "${JAVA_HOME:-}" ] && [ -f "$JAVA_HOME/include/jni.h" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        echo "$JAVA_HOME"; return 0
    fi
    javac="$(command -v javac 2>/dev/null)" || return 1
    javac="$(dirname "$(dirname "$(readlink -f "$javac")")")"
    [ -f "$javac/include/jni.h" ] || return 1
    echo "$javac"
}

# Debian's kotlinc 1.3.31 (apt package kotlin) is only the oldest-compiler check (step 3); the
# main compile and the JVM tests use Kotlin 2.4.20 from install-kotlin.sh.
OLD_KOTLIN_VERSION=1.3.31
OLD_KOTLINC=/usr/bin/kotlinc
# shellcheck source=../../scripts/lib/debian-packages.sh
source "$ROOT/scripts/lib/debian-packages.sh"
step "Debian packages (scripts/lib/debian-packages.sh: only what is missing)"
need_debian_packages kotlin junit4 libhamcrest-java || die "could not install the Debian packages"
find_jdk >/dev/null || need_debian_packages default-jdk-headless || die "could not install a JDK"
# gcc/nm: the shim; cmake: CMakeLists.txt; npm: kotlin-compiler; python3: the mock backend and
# the hostile server of ClientTest and HostileServerTest.
need_commands gcc:gcc nm:binutils cmake:cmake npm:npm python3:python3 || die "could not install the tools"
JDK="$(find_jdk)" || die "no JDK with include/jni.h found"
JAVA="$JDK/bin/java"
JAVAC="$JDK/bin/javac"
JAVA_LABEL="$("$JAVA" -version 2>&1 | sed -n '1s/^openjdk version "\([^"]*\)".*/OpenJDK \1/p')"
[ -n "$JAVA_LABEL" ] || JAVA_LABEL="$("$JAVA" -version 2>&1 | head -n1)"
JUNIT_CP=/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar

step "Kotlin 2.4.20 (install-kotlin.sh: npm package kotlin-compiler under target/)"
KOTLIN_HOME_DIR="$(bash "$HERE/install-kotlin.sh")" || die "install-kotlin.sh failed"
KOTLINC="$KOTLIN_HOME_DIR/bin/kotlinc-jvm"
KOTLIN_STDLIB="$KOTLIN_HOME_DIR/lib/kotlin-stdlib.jar"
KOTLIN_VERSION="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$KOTLIN_HOME_DIR/package.json" | head -n1)"
[ -f "$KOTLIN_STDLIB" ] || die "$KOTLIN_STDLIB missing"
echo "$KOTLINC ($KOTLIN_VERSION), stdlib $KOTLIN_STDLIB"

# ---- Native library for the desktop JVM -----------------------------------------------------
step "cargo build --release"
(cd "$ROOT" && cargo build --release)
STATIC_LIB="$ROOT/target/release/libmonaca_cloud_error.a"
HEADER="$ROOT/include/monaca_cloud_error.h"
[ -f "$STATIC_LIB" ] || die "$STATIC_LIB was not built"
[ -f "$HEADER" ] || die "$HEADER missing"

mkdir -p "$OUT/lib"
SO="$OUT/lib/libmonaca_cloud_error_jni.so"
step "gcc: jni/monaca_jni.c + libmonaca_cloud_error.a -> $SO"
# Same export policy as the Android build: the version script keeps only Java_* global.
gcc -std=c99 -O2 -g -fPIC -fvisibility=hidden -Wall -Wextra -Werror -pedantic \
    -I"$ROOT/include" -I"$JDK/include" -I"$JDK/include/linux" \
    -shared -o "$SO" "$HERE/jni/monaca_jni.c" "$STATIC_LIB" \
    -Wl,--version-script="$HERE/jni/exports.map" -Wl,--gc-sections -Wl,--no-undefined \
    -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc

step "exported symbols == the external functions of MonacaNative.kt"
exported="$(nm -D --defined-only "$SO" | awk '{print $3}' | grep -v '^$' | sort)"
declared="$(grep -oE 'external fun [A-Za-z0-9_]+' "$HERE/kotlin/src/dev/cloudrpc/monaca/MonacaNative.kt" \
    | awk '{print "Java_dev_cloudrpc_monaca_MonacaNative_" $3}' | sort)"
if [ "$exported" != "$declared" ]; then
    diff <(echo "$declared") <(echo "$exported") || true
    die "the shim's exports differ from MonacaNative's external functions (< declared, > exported)"
fi
echo "$(echo "$exported" | wc -l) symbols, all Java_*: ok"

# ---- Kotlin wrapper + tests -------------------------------------------------------------------
# kotlin_compile LABEL KOTLINC OUTDIR KOTLINC-ARGS...: compiles into a fresh OUTDIR with
# -Werror (any warning fails), shows the compiler's output, fails on a non-zero exit.
kotlin_compile() {
    local label="$1" compiler="$2" out="$3" rc
    shift 3
    rm -rf "$out"
    mkdir -p "$out"
    set +e
    "$compiler" -Werror -d "$out" "$@" >"$out.log" 2>&1
    rc=$?
    set -e
    # Debian's 1.3 launcher passes -noverify, which JDK 13+ reports on every run: not kotlinc's.
    grep -v -e '-Xverify:none and -noverify were deprecated' "$out.log" || true
    [ "$rc" -eq 0 ] || die "$label failed (exit $rc)"
}

step "Kotlin $KOTLIN_VERSION (kotlinc-jvm -Werror): wrapper and tests, one module so tests can reach internals"
kotlin_compile "kotlinc-jvm $KOTLIN_VERSION" "$KOTLINC" "$OUT/classes" \
    -cp "$JUNIT_CP" "$HERE/kotlin/src" "$HERE/kotlin/test"
[ -f "$OUT/classes/dev/cloudrpc/monaca/RunAllTests.class" ] || die "kotlinc-jvm $KOTLIN_VERSION wrote no RunAllTests.class"

crate_version="$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n1)"

# run_junit LIBDIR LABEL: the whole suite, as compiled by Kotlin $KOTLIN_VERSION (with its
# kotlin-stdlib.jar), against LIBDIR/libmonaca_cloud_error_jni.so. Sets JUNIT_COUNT to the number
# of JUnit tests run (RunAllTests' "JUnit: N tests run, ..." line).
JUNIT_COUNT=
run_junit() {
    local libdir="$1" label="$2" log="$OUT/junit-$2.log" rc count
    step "JUnit ($label) on $JAVA_LABEL with -Xcheck:jni, classes from Kotlin $KOTLIN_VERSION"
    set +e
    "$JAVA" -Xcheck:jni -Xmx192m -Djava.library.path="$libdir" -Dmonaca.crateVersion="$crate_version" \
        -Dmonaca.testLabel="$label" -Dmonaca.corpusDir="$ROOT/tests/corpus" \
        -Dmonaca.mockBackend="$ROOT/tests/mock-backend/server.py" \
        -Dmonaca.hostileServer="$ROOT/tests/hostile-server/server.py" \
        -cp "$OUT/classes:$KOTLIN_STDLIB:$JUNIT_CP" dev.cloudrpc.monaca.RunAllTests >"$log" 2>&1
    rc=$?
    set -e
    cat "$log"
    [ "$rc" -eq 0 ] || die "JUnit run ($label) failed (exit $rc)"
    # -Xcheck:jni reports misuse as warnings and carries on ("WARNING in native method: ...",
    # "WARNING: JNI local refs: 33, exceeds capacity: 32", often right after JUnit's progress
    # dots): any of them fails the run.
    if grep -nE 'WARNING|FATAL ERROR' "$log"; then
        die "-Xcheck:jni printed warnings (above)"
    fi
    echo "no -Xcheck:jni warnings"
    count="$(sed -n 's/^JUnit: \([0-9][0-9]*\) tests run, 0 failed.*/\1/p' "$log" | head -n1)"
    [ -n "$count" ] && [ "$count" -gt 0 ] || die "no 'JUnit: N tests run, 0 failed' line in $log"
    [ -z "$JUNIT_COUNT" ] || [ "$JUNIT_COUNT" = "$count" ] \
        || die "JUnit ran $count tests with $label, $JUNIT_COUNT before"
    JUNIT_COUNT="$count"
}

run_junit "$OUT/lib" android-jvm

# The CMakeLists.txt offered to apps, built the desktop way (find_package(JNI)), must give a
# library that passes the same suite.
step "cmake: jni/CMakeLists.txt -> $OUT/cmake"
JAVA_HOME="$JDK" cmake -S "$HERE/jni" -B "$OUT/cmake" -DCMAKE_BUILD_TYPE=Release >"$OUT/cmake.log" 2>&1 \
    || { cat "$OUT/cmake.log"; die "cmake configure failed"; }
cmake --build "$OUT/cmake" >>"$OUT/cmake.log" 2>&1 || { cat "$OUT/cmake.log"; die "cmake build failed"; }
run_junit "$OUT/cmake" android-jvm-cmake

# The ABI check end to end: a shim whose nativeInit reports another version, and no library
# at all, must both be refused with a clear UnsatisfiedLinkError (each in a fresh JVM).
step "load failures: wrong ABI version, missing library"
mkdir -p "$OUT/wrong-abi"
sed 's/return (jint)monaca_abi_version();/return (jint)(monaca_abi_version() + 1);/' \
    "$HERE/jni/monaca_jni.c" >"$OUT/wrong-abi/monaca_jni_wrong_abi.c"
grep -q 'monaca_abi_version() + 1' "$OUT/wrong-abi/monaca_jni_wrong_abi.c" || die "could not make the wrong-ABI shim"
# variant_shim SOURCE DIR: a shim made from an edited copy of monaca_jni.c, built as the real
# one, into DIR/libmonaca_cloud_error_jni.so.
variant_shim() {
    gcc -std=c99 -O2 -fPIC -fvisibility=hidden -Wall -Wextra -Werror \
        -I"$ROOT/include" -I"$JDK/include" -I"$JDK/include/linux" \
        -shared -o "$2/libmonaca_cloud_error_jni.so" "$1" "$STATIC_LIB" \
        -Wl,--version-script="$HERE/jni/exports.map" -Wl,--gc-sections -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
}
variant_shim "$OUT/wrong-abi/monaca_jni_wrong_abi.c" "$OUT/wrong-abi"
for case in wrong-abi missing; do
    libdir="$OUT/wrong-abi"
    [ "$case" = missing ] && libdir="$OUT/no-such-dir"
    "$JAVA" -Xcheck:jni -Djava.library.path="$libdir" -cp "$OUT/classes:$KOTLIN_STDLIB:$JUNIT_CP" \
        dev.cloudrpc.monaca.LoadFailureCheck "$case" >"$OUT/load-failure-$case.log" 2>&1 \
        || { cat "$OUT/load-failure-$case.log"; die "load failure check '$case' failed"; }
    cat "$OUT/load-failure-$case.log"
    if grep -nE 'WARNING|FATAL ERROR' "$OUT/load-failure-$case.log"; then die "-Xcheck:jni printed warnings (above)"; fi
done

# ---- Memory through the Kotlin face ----------------------------------------------------------
# memory/MemoryPeak.kt: a 256 MiB body read by fromResponse raises the peak RSS by at most 16 MiB
# (the shim reads the byte[] in place). The heap is allocated and touched up front, so only
# native memory can grow. Without -Xcheck:jni: checked JNI hands GetPrimitiveArrayCritical a
# guarded copy of the array, which is the very copy measured here. Then the same against a shim
# that copies the array (GetByteArrayElements, which HotSpot always copies), which must fail.
step "memory: a 256 MiB body through fromResponse (memory/MemoryPeak.kt)"
kotlin_compile "kotlinc-jvm $KOTLIN_VERSION (memory/MemoryPeak.kt)" "$KOTLINC" "$OUT/memory-classes" \
    -cp "$OUT/classes" "$HERE/memory/MemoryPeak.kt"
memory_peak() { # LIBDIR
    "$JAVA" -Xms512m -Xmx512m -XX:+AlwaysPreTouch -Djava.library.path="$1" \
        -cp "$OUT/memory-classes:$OUT/classes:$KOTLIN_STDLIB" dev.cloudrpc.monaca.memory.MemoryPeak
}
memory_line="$(memory_peak "$OUT/lib")" || { echo "$memory_line"; die "the Kotlin face copied the body (above)"; }
echo "$memory_line"
mkdir -p "$OUT/copying-shim"
sed -e 's/GetPrimitiveArrayCritical(env, array, NULL)/GetByteArrayElements(env, array, NULL)/' \
    -e 's/ReleasePrimitiveArrayCritical(env, b->array, b->elements, JNI_ABORT)/ReleaseByteArrayElements(env, b->array, (jbyte *)b->elements, JNI_ABORT)/' \
    "$HERE/jni/monaca_jni.c" >"$OUT/copying-shim/monaca_jni_copying.c"
grep -q 'GetByteArrayElements(env, array, NULL)' "$OUT/copying-shim/monaca_jni_copying.c" || die "could not make the copying shim"
variant_shim "$OUT/copying-shim/monaca_jni_copying.c" "$OUT/copying-shim"
if copying_line="$(memory_peak "$OUT/copying-shim")"; then
    echo "$copying_line"
    die "the memory check passed with a shim that copies the body: it cannot fail"
fi
echo "$copying_line"
echo "ok: the memory check fails with a shim that copies the body, as it must"

# ---- Oldest compiler: Debian's kotlinc 1.3.31, compile only ---------------------------------
# cordova-android 9 (the plugin's minimum) builds Kotlin with 1.3.50 by default; Debian's kotlin
# package is 1.3.31, the same language version (1.3) and a little older, so what compiles here
# also compiles there. Everything that reaches an app is compiled: the wrapper, the Cordova
# plugin class (against bindings/cordova/test/android-stubs, as bindings/cordova/test.sh does
# with 2.4.20), and the tests. Nothing compiled by it is run.
OLD_OUT="$OUT/kotlin-$OLD_KOTLIN_VERSION"
CORDOVA="$ROOT/bindings/cordova"
# Debian built it from source: `kotlinc -version` says "kotlinc-jvm 1.3-SNAPSHOT", the package
# version says which release (1.3.31+ds1-1).
old_package="$(dpkg-query -W -f='${Version}' kotlin 2>/dev/null || true)"
old_version_line="$("$OLD_KOTLINC" -version 2>&1 | grep -m1 'kotlinc-jvm' || true)"
case "$old_package" in
    "$OLD_KOTLIN_VERSION"+*) ;;
    *) die "apt package kotlin is '$old_package', not $OLD_KOTLIN_VERSION" ;;
esac
case "$old_version_line" in
    *"kotlinc-jvm ${OLD_KOTLIN_VERSION%.*}"[.-]*) ;;
    *) die "$OLD_KOTLINC -version does not report ${OLD_KOTLIN_VERSION%.*}: '$old_version_line'" ;;
esac
echo "$OLD_KOTLINC: ${old_version_line#info: }, apt package kotlin $old_package"
step "Kotlin $OLD_KOTLIN_VERSION (Debian kotlinc -Werror, oldest-compiler check, compile only): wrapper, tests, Cordova plugin"
rm -rf "$OLD_OUT"
mkdir -p "$OLD_OUT/stubs"
"$JAVAC" -nowarn -d "$OLD_OUT/stubs" $(find "$CORDOVA/test/android-stubs" -name '*.java') \
    || die "javac of $CORDOVA/test/android-stubs failed"
kotlin_compile "Debian kotlinc $OLD_KOTLIN_VERSION" "$OLD_KOTLINC" "$OLD_OUT/classes" \
    -cp "$JUNIT_CP:$OLD_OUT/stubs" "$HERE/kotlin/src" "$HERE/kotlin/test" \
    "$CORDOVA/src/android/MonacaCloudErrorPlugin.kt"
for class in MonacaCloudError RunAllTests cordova/MonacaCloudErrorPlugin; do
    [ -f "$OLD_OUT/classes/dev/cloudrpc/monaca/$class.class" ] || die "kotlinc $OLD_KOTLIN_VERSION wrote no $class.class"
done
echo "kotlinc $OLD_KOTLIN_VERSION: compiled"

# ---- The shipped static archives for the four ABIs ---------------------------------------------
# build-archives.sh: the size-optimised build (nightly -Zbuild-std, no NDK needed), each archive
# checked for its ELF machine and for every function of the header.
step "build-archives.sh (the four shipped archives)"
bash "$HERE/build-archives.sh" "$OUT/archives" || die "build-archives.sh failed"

step "all passed"
echo "android: Kotlin $KOTLIN_VERSION (kotlinc-jvm, -Werror): wrapper+tests compiled; JUnit $JUNIT_COUNT tests OK" \
    "on $JAVA_LABEL with -Xcheck:jni (gcc and CMake shims); load failures refused;" \
    "Kotlin $OLD_KOTLIN_VERSION (Debian kotlinc, -Werror) compile ok (wrapper+tests+plugin);" \
    "4 shipped Android archives (ELF machine, every header function); $memory_line"
