#!/usr/bin/env bash
# JVM peers: Gson and Jackson against the Kotlin wrapper (MonacaCloudError.fromResponse through
# the JNI shim) on the benchmark inputs, in one JVM (PeersBench.kt: interleaved rounds, medians,
# a correctness check of every method first). Prints a markdown table.
#
# Built the way bindings/android/test.sh builds the desktop-JVM face: a JDK with jni.h (apt
# default-jdk-headless), Kotlin 2.4.20 from bindings/android/install-kotlin.sh (or the home given
# in MONACA_KOTLIN_HOME), the shim from the shipped bindings/android/jni/CMakeLists.txt (its
# desktop route, find_package(JNI)) against target/release/libmonaca_cloud_error.a. Gson and
# Jackson are the Debian packages (jars under /usr/share/java).
#
# Usage: benches/peers/jvm/run.sh INPUT_DIR [ROUNDS] [BATCH_MS]
# Prints "jvm peers: skipped: ..." and exits 0 when the toolchain cannot be set up; exits 1
# when a method reads an input differently from the others (or a build fails).
set -uo pipefail

# shellcheck source=../part.sh
source "$(dirname "${BASH_SOURCE[0]}")/../part.sh" jvm 4 "$@"

# shellcheck source=../../../scripts/lib/debian-packages.sh
source "$root/scripts/lib/debian-packages.sh"
need_debian_packages libgoogle-gson-java libjackson2-databind-java libjackson2-core-java \
  libjackson2-annotations-java >&2 || skip "could not install Gson/Jackson (apt)"
need_commands javac:default-jdk-headless cmake:cmake gcc:gcc >&2 || skip "could not install a JDK, cmake or gcc"
javac=$(readlink -f "$(command -v javac)")
jdk=$(dirname "$(dirname "$javac")")
[ -f "$jdk/include/jni.h" ] || skip "no jni.h in $jdk"
java="$jdk/bin/java"
if [ -n "${MONACA_KOTLIN_HOME:-}" ]; then
  kotlin_home=$MONACA_KOTLIN_HOME
else
  kotlin_home=$(bash "$root/bindings/android/install-kotlin.sh") || skip "install-kotlin.sh failed (Kotlin 2.4.20)"
fi
[ -x "$kotlin_home/bin/kotlinc-jvm" ] || skip "no kotlinc-jvm in $kotlin_home"
stdlib="$kotlin_home/lib/kotlin-stdlib.jar"
jars=/usr/share/java/gson.jar:/usr/share/java/jackson-databind.jar:/usr/share/java/jackson-core.jar:/usr/share/java/jackson-annotations.jar

static_lib="$root/target/release/libmonaca_cloud_error.a"
[ -f "$static_lib" ] || (cd "$root" && cargo build --release --quiet) || fail "cargo build --release"

mkdir -p "$out"
# The shim from the shipped CMakeLists.txt, desktop route (as test.sh's CMake check builds it).
JAVA_HOME="$jdk" cmake -S "$root/bindings/android/jni" -B "$out/cmake" -DCMAKE_BUILD_TYPE=Release \
  -DMONACA_STATIC_LIB="$static_lib" >"$out/cmake.log" 2>&1 \
  && cmake --build "$out/cmake" >>"$out/cmake.log" 2>&1 \
  || { cat "$out/cmake.log" >&2; fail "cmake build of bindings/android/jni"; }
[ -f "$out/cmake/libmonaca_cloud_error_jni.so" ] || fail "no libmonaca_cloud_error_jni.so in $out/cmake"

# The wrapper and the bench in one compile (the bench uses only the wrapper's public API).
rm -rf "$out/classes"
"$kotlin_home/bin/kotlinc-jvm" -d "$out/classes" -cp "$jars" \
  "$root/bindings/android/kotlin/src" "$here/PeersBench.kt" >"$out/kotlinc.log" 2>&1 \
  || { cat "$out/kotlinc.log" >&2; fail "kotlinc-jvm of the wrapper and PeersBench.kt"; }

kotlin_version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$kotlin_home/package.json" 2>/dev/null | head -n1)
java_version=$("$java" -version 2>&1 | head -n1)
echo "jvm peers: $java_version; Kotlin ${kotlin_version:-?} wrapper through the JNI shim (CMake build," \
  "release core); Gson $(dpkg-query -W -f='${Version}' libgoogle-gson-java)," \
  "Jackson $(dpkg-query -W -f='${Version}' libjackson2-databind-java) (Debian)"
echo "jvm peers: $rounds interleaved rounds (after 300 ms of warm-up calls and 5 warm-up rounds) of ~${batch_ms} ms batches per method; median per body." \
  "One JVM, 2 shared cores, other work running: noisy figures, compare ratios, not absolute times."
"$java" -Xms256m -Xmx1g -Djava.library.path="$out/cmake" -cp "$out/classes:$stdlib:$jars" \
  dev.cloudrpc.monaca.bench.PeersBenchKt "$inputs" "$rounds" "$batch_ms" || fail "PeersBench (above)"
