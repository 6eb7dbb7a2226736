#!/usr/bin/env bash
# Tests the Android binding on this machine (no NDK needed):
#   1. the JNI shim, compiled with gcc against the JDK's jni.h and linked with the release
#      static library into a shared library that exports only Java_* symbols;
#   2. the Kotlin wrapper and its JUnit 4 tests, compiled with kotlinc and run on the desktop
#      JVM with -Xcheck:jni (any JNI warning fails the run);
#   3. the static library built for the four Android targets, each checked to export every
#      function of the header.
# Installs what it needs (Debian packages, rustup targets). Outputs go to target/android-jvm/.
# Exits non-zero when anything fails.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/target/android-jvm"
ANDROID_TARGETS=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android i686-linux-android)

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

missing=()
command -v kotlinc >/dev/null 2>&1 || missing+=(kotlin)
[ -f /usr/share/java/junit4.jar ] || missing+=(junit4)
[ -f /usr/share/java/hamcrest-core.jar ] || missing+=(libhamcrest-java)
find_jdk >/dev/null || missing+=(default-jdk-headless)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v nm >/dev/null 2>&1 || missing+=(binutils)
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
JDK="$(find_jdk)" || die "no JDK with include/jni.h found"
JAVA="$JDK/bin/java"
KOTLIN_STDLIB=/usr/share/java/kotlin-stdlib.jar
[ -f "$KOTLIN_STDLIB" ] || die "$KOTLIN_STDLIB missing (Debian package kotlin)"
JUNIT_CP=/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar

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
step "kotlinc (wrapper and tests, one module so tests can reach internals)"
rm -rf "$OUT/classes"
mkdir -p "$OUT/classes"
kotlinc -Werror -cp "$JUNIT_CP" -d "$OUT/classes" "$HERE/kotlin/src" "$HERE/kotlin/test" 2>&1 \
    | grep -v -e '-Xverify:none and -noverify were deprecated' || true
[ -f "$OUT/classes/dev/cloudrpc/monaca/RunAllTests.class" ] || die "kotlinc failed"

crate_version="$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n1)"

# run_junit LIBDIR LABEL: the whole suite against LIBDIR/libmonaca_cloud_error_jni.so.
run_junit() {
    local libdir="$1" label="$2" log="$OUT/junit-$2.log" rc
    step "JUnit ($label) on $("$JAVA" -version 2>&1 | head -n1) with -Xcheck:jni"
    set +e
    "$JAVA" -Xcheck:jni -Djava.library.path="$libdir" -Dmonaca.crateVersion="$crate_version" \
        -Dmonaca.testLabel="$label" \
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
gcc -std=c99 -O2 -fPIC -fvisibility=hidden -Wall -Wextra -Werror \
    -I"$ROOT/include" -I"$JDK/include" -I"$JDK/include/linux" \
    -shared -o "$OUT/wrong-abi/libmonaca_cloud_error_jni.so" "$OUT/wrong-abi/monaca_jni_wrong_abi.c" "$STATIC_LIB" \
    -Wl,--version-script="$HERE/jni/exports.map" -Wl,--gc-sections -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
for case in wrong-abi missing; do
    libdir="$OUT/wrong-abi"
    [ "$case" = missing ] && libdir="$OUT/no-such-dir"
    "$JAVA" -Xcheck:jni -Djava.library.path="$libdir" -cp "$OUT/classes:$KOTLIN_STDLIB:$JUNIT_CP" \
        dev.cloudrpc.monaca.LoadFailureCheck "$case" >"$OUT/load-failure-$case.log" 2>&1 \
        || { cat "$OUT/load-failure-$case.log"; die "load failure check '$case' failed"; }
    cat "$OUT/load-failure-$case.log"
    if grep -nE 'WARNING|FATAL ERROR' "$OUT/load-failure-$case.log"; then die "-Xcheck:jni printed warnings (above)"; fi
done

# ---- Static library for the Android targets ---------------------------------------------------
step "rustup target add ${ANDROID_TARGETS[*]}"
rustup target add "${ANDROID_TARGETS[@]}"
CHECK="$ROOT/scripts/check-exports.sh"
[ -f "$CHECK" ] || die "$CHECK missing"
for target in "${ANDROID_TARGETS[@]}"; do
    # Only the staticlib: the crate's cdylib and binary need the NDK's linker, which is not here.
    step "cargo rustc --release --target $target --lib --crate-type staticlib"
    (cd "$ROOT" && cargo rustc --release --target "$target" --lib --crate-type staticlib)
    archive="$ROOT/target/$target/release/libmonaca_cloud_error.a"
    [ -f "$archive" ] || die "$archive was not built"
    step "check-exports $archive"
    bash "$CHECK" "$archive" || die "$archive does not export every function of the header"
done

step "all passed"
