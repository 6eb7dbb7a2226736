#!/usr/bin/env bash
# Runs the Android binding's JVM tests on 64- and 32-bit ARM JVMs, from this x86_64 machine:
# Debian 12's OpenJDK 17 for arm64 (aarch64) and for armhf (armv7, hard float), each run
# through qemu-user (`qemu-aarch64 -L SYSROOT`, `qemu-arm -L SYSROOT`) from a sysroot made by
# arm/jvm-sysroot.sh (apt-get download + dpkg -x: binfmt_misc is not mounted here, so neither
# a chroot's second stage nor a JVM's child ARM process could be exec'd).
#
# For each of aarch64-unknown-linux-gnu (arm64) and armv7-unknown-linux-gnueabihf (armhf):
#   1. the release static library cross-built by cargo (`--lib --target`, the cross gcc as
#      linker, as scripts/cross-test.sh does), and the JNI shim (jni/monaca_jni.c) built by the
#      cross gcc exactly as test.sh builds it for the host (JNI headers of the host JDK: jni.h
#      is the same on every architecture, and so is Linux's jni_md.h);
#   2. the whole JUnit suite (RunAllTests: wrapper, corpus, client against the mock backend
#      tests/mock-backend/server.py and the hostile server tests/hostile-server/server.py, in a
#      192 MiB heap, live-handle count), the classes compiled once on the host by
#      Kotlin 2.4.20 (test.sh's when they are newer than every source, else compiled here), run
#      on the ARM JVM with -Xcheck:jni (any JNI warning fails the run); both ARM JVMs must run
#      the same number of tests;
#   3. arm/WideValuesCheck.java: error codes that need all 64 bits of their jlong, through the
#      public API (the suite's own checks of that may change with the API);
#   4. the load failures (a shim reporting another ABI version, no shim), each in a fresh JVM.
# Then, on armv7, a shim whose jlong arguments pass through a pointer-sized integer (the cast
# a handle kept in a jlong goes through) must fail the run, WideValuesCheck included: a 64-bit
# JVM cannot see that bug.
#
# Two things qemu-user changes, and what is done about them:
# - A JVM starts a child process through its jspawnhelper, an ARM program that the kernel
#   cannot exec without binfmt_misc ("Failed to exec spawn helper"). The runs pass
#   -Djdk.lang.Process.launchMechanism=VFORK, so the JVM execs python3 (the mock backend, an
#   x86_64 program the kernel runs itself) directly.
# - A 32-bit program reading an ext4 directory under qemu-user gets the kernel's 64-bit
#   directory cookies (the kernel sees a 64-bit process), which the armhf JVM's readdir cannot
#   represent: File.list() of tests/corpus is empty. A real 32-bit kernel gives 32-bit cookies.
#   The armhf run reads a copy of the corpus on tmpfs (/dev/shm), whose cookies are small.
#
# Installs what it needs on Debian 12 (qemu-user, the cross gcc and libc packages, a JDK,
# JUnit 4, python3, the Kotlin compiler (install-kotlin.sh), the rustup targets, the arm64 and
# armhf JREs under target/). Outputs and caches go to target/android-arm/. Ends with one
# "android-arm ARCH: ..." line per JVM, the must-fail line and a final line with the time
# taken; exits non-zero when anything fails.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/target/android-arm"
started=$SECONDS

step() { printf '\n== android-arm: %s\n' "$*"; }
die() { printf 'android-arm test: FAILED: %s\n' "$*" >&2; exit 1; }

# ---- Tools ----------------------------------------------------------------------------------
find_jdk() {
    local javac
    javac="$(command -v javac 2>/dev/null)" || return 1
    javac="$(dirname "$(dirname "$(readlink -f "$javac")")")"
    [ -f "$javac/include/jni.h" ] && [ -f "$javac/include/linux/jni_md.h" ] || return 1
    echo "$javac"
}

packages=(qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-arm-linux-gnueabihf
    libc6-dev-armhf-cross junit4 libhamcrest-java)
find_jdk >/dev/null || packages+=(default-jdk-headless)
# shellcheck source=scripts/lib/debian-packages.sh
source "$ROOT/scripts/lib/debian-packages.sh"
# python3 runs the mock backend of ClientTest; npm, for the Kotlin compiler, is installed by
# install-kotlin.sh when missing.
need_debian_packages "${packages[@]}" && need_commands python3:python3 || die "could not install what the ARM JVM runs need"
mkdir -p "$OUT"
JDK="$(find_jdk)" || die "no JDK with include/jni.h and include/linux/jni_md.h found"
JUNIT_CP=/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar
installed_targets="$(rustup target list --installed)"
for triple in aarch64-unknown-linux-gnu armv7-unknown-linux-gnueabihf; do
    grep -qx "$triple" <<<"$installed_targets" || rustup target add "$triple" || die "rustup target add $triple"
done
qemu_version="$(qemu-aarch64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')"
echo "qemu-user $qemu_version; $(rustc --version)"

# ---- Kotlin classes (bytecode: compiled once, on the host) ------------------------------------
KOTLIN_HOME_DIR="$(bash "$HERE/install-kotlin.sh")" || die "install-kotlin.sh failed"
KOTLIN_STDLIB="$KOTLIN_HOME_DIR/lib/kotlin-stdlib.jar"
KOTLIN_VERSION="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$KOTLIN_HOME_DIR/package.json" | head -n1)"
SOURCES="$HERE/kotlin"
# test.sh's classes (target/android-jvm/classes, compiled the same way) when no source is newer;
# else a compile here, kept while the sources' checksum is the same.
HOST_CLASSES="$ROOT/target/android-jvm/classes"
if [ -f "$HOST_CLASSES/dev/cloudrpc/monaca/RunAllTests.class" ] &&
    [ -z "$(find "$SOURCES" -type f -newer "$HOST_CLASSES/dev/cloudrpc/monaca/RunAllTests.class" -print -quit)" ]; then
    CLASSES="$HOST_CLASSES"
    step "Kotlin classes: test.sh's ($CLASSES), newer than every source"
else
    CLASSES="$OUT/classes"
    checksum="$(cd "$SOURCES" && find . -type f | sort | xargs sha256sum | sha256sum | cut -d' ' -f1) $KOTLIN_VERSION"
    if [ "$(cat "$CLASSES.stamp" 2>/dev/null)" = "$checksum" ]; then
        step "Kotlin classes: $CLASSES, compiled earlier from the same sources"
    else
        step "Kotlin $KOTLIN_VERSION (kotlinc-jvm -Werror): wrapper and tests -> $CLASSES"
        rm -rf "$CLASSES" "$CLASSES.stamp"
        mkdir -p "$CLASSES"
        "$KOTLIN_HOME_DIR/bin/kotlinc-jvm" -Werror -d "$CLASSES" -cp "$JUNIT_CP" "$SOURCES/src" "$SOURCES/test" \
            || die "kotlinc-jvm $KOTLIN_VERSION failed"
        echo "$checksum" >"$CLASSES.stamp"
    fi
fi
[ -f "$CLASSES/dev/cloudrpc/monaca/RunAllTests.class" ] || die "no RunAllTests.class in $CLASSES"
# arm/WideValuesCheck.java: 64-bit codes through the public API (see the file), compiled by
# the host's javac against those classes.
CHECK_CLASSES="$OUT/check-classes"
rm -rf "$CHECK_CLASSES"
"$JDK/bin/javac" --release 17 -Werror -Xlint:all -d "$CHECK_CLASSES" -cp "$CLASSES:$KOTLIN_STDLIB" \
    "$HERE/arm/WideValuesCheck.java" || die "javac of arm/WideValuesCheck.java failed"
CLASS_PATH="$CLASSES:$CHECK_CLASSES:$KOTLIN_STDLIB:$JUNIT_CP"
crate_version="$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n1)"

# ---- Per target --------------------------------------------------------------------------------
# build_shim CC STATIC_LIB OUT_DIR SOURCE: the shim as test.sh links it (only Java_* exported).
build_shim() {
    local cc="$1" lib="$2" dir="$3" source="$4"
    mkdir -p "$dir"
    "$cc" -std=c99 -O2 -g -fPIC -fvisibility=hidden -Wall -Wextra -Werror -pedantic \
        -I"$ROOT/include" -I"$JDK/include" -I"$JDK/include/linux" \
        -shared -o "$dir/libmonaca_cloud_error_jni.so" "$source" "$lib" \
        -Wl,--version-script="$HERE/jni/exports.map" -Wl,--gc-sections -Wl,--no-undefined \
        -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
}

# The corpus for the armhf JVM: a copy on tmpfs (see the top of this file).
corpus_copy="$(mktemp -d /dev/shm/monaca-corpus.XXXXXX)" || die "cannot make a directory in /dev/shm"
trap 'rm -rf "$corpus_copy"' EXIT
[ "$(stat -f -c %T "$corpus_copy")" = tmpfs ] || die "/dev/shm is not tmpfs: the armhf JVM could not list the corpus there"
cp "$ROOT"/tests/corpus/*.json "$corpus_copy/"

JUNIT_COUNT=
summaries=()
for spec in "arm64 aarch64-unknown-linux-gnu aarch64-linux-gnu-gcc qemu-aarch64 $ROOT/tests/corpus" \
    "armhf armv7-unknown-linux-gnueabihf arm-linux-gnueabihf-gcc qemu-arm $corpus_copy"; do
    read -r arch triple cc qemu corpus <<<"$spec"
    t0=$SECONDS
    step "$arch: Debian's OpenJDK 17 JRE ($arch) in $OUT/sysroot-$arch"
    sysroot="$OUT/sysroot-$arch"
    java_home="$(bash "$HERE/arm/jvm-sysroot.sh" "$arch" "$sysroot")" || die "jvm-sysroot.sh $arch failed"
    java=("$qemu" -L "$sysroot" "$java_home/bin/java")
    jvm_flags=(-Xcheck:jni -Djdk.lang.Process.launchMechanism=VFORK)
    # What runs: the VM's name and mode, its architecture and data model (32 or 64 bits).
    settings="$("${java[@]}" -XshowSettings:properties -version 2>&1)"
    prop() { sed -n "s/^ *$1 = //p" <<<"$settings" | head -n1; }
    vm="$(prop java.vm.name) $(prop java.vm.version) ($(prop java.vm.info)), os.arch $(prop os.arch), $(prop sun.arch.data.model)-bit"
    echo "$vm"

    step "$arch: cargo build --release --lib --target $triple; $cc: the shim"
    env_name="$(tr 'a-z-' 'A-Z_' <<<"$triple")"
    (cd "$ROOT" && env "CARGO_TARGET_${env_name}_LINKER=$cc" cargo build --release --lib --target "$triple") \
        || die "cargo build for $triple failed"
    static_lib="$ROOT/target/$triple/release/libmonaca_cloud_error.a"
    build_shim "$cc" "$static_lib" "$OUT/$arch/lib" "$HERE/jni/monaca_jni.c"
    sed 's/return (jint)monaca_abi_version();/return (jint)(monaca_abi_version() + 1);/' \
        "$HERE/jni/monaca_jni.c" >"$OUT/$arch/monaca_jni_wrong_abi.c"
    grep -q 'monaca_abi_version() + 1' "$OUT/$arch/monaca_jni_wrong_abi.c" || die "could not make the wrong-ABI shim"
    build_shim "$cc" "$static_lib" "$OUT/$arch/wrong-abi" "$OUT/$arch/monaca_jni_wrong_abi.c"
    readelf -h "$OUT/$arch/lib/libmonaca_cloud_error_jni.so" | grep -E '^ *(Class|Machine):' | tr -s ' ' 

    step "$arch: JUnit on ${java[*]} ${jvm_flags[*]}"
    log="$OUT/$arch/junit.log"
    rc=0
    "${java[@]}" "${jvm_flags[@]}" -Djava.library.path="$OUT/$arch/lib" -Dmonaca.crateVersion="$crate_version" \
        -Dmonaca.testLabel="android-$arch" -Dmonaca.corpusDir="$corpus" \
        -Dmonaca.mockBackend="$ROOT/tests/mock-backend/server.py" \
        -Dmonaca.hostileServer="$ROOT/tests/hostile-server/server.py" -Xmx192m \
        -cp "$CLASS_PATH" dev.cloudrpc.monaca.RunAllTests >"$log" 2>&1 || rc=$?
    cat "$log"
    [ "$rc" -eq 0 ] || die "JUnit run on $arch failed (exit $rc)"
    if grep -nE 'WARNING|FATAL ERROR' "$log"; then die "-Xcheck:jni printed warnings on $arch (above)"; fi
    count="$(sed -n 's/^JUnit: \([0-9][0-9]*\) tests run, 0 failed.*/\1/p' "$log" | head -n1)"
    if [ -z "$count" ] || [ "$count" -eq 0 ]; then die "no 'JUnit: N tests run, 0 failed' line in $log"; fi
    [ -z "$JUNIT_COUNT" ] || [ "$JUNIT_COUNT" = "$count" ] \
        || die "JUnit ran $count tests on $arch, $JUNIT_COUNT on the JVM before"
    JUNIT_COUNT="$count"

    step "$arch: 64-bit codes through the public API (arm/WideValuesCheck.java)"
    log="$OUT/$arch/wide-values.log"
    "${java[@]}" "${jvm_flags[@]}" -Djava.library.path="$OUT/$arch/lib" -cp "$CLASS_PATH" \
        dev.cloudrpc.monaca.arm.WideValuesCheck >"$log" 2>&1 || { cat "$log"; die "WideValuesCheck failed on $arch"; }
    cat "$log"
    if grep -nE 'WARNING|FATAL ERROR' "$log"; then die "-Xcheck:jni printed warnings on $arch (above)"; fi
    wide="$(sed -n 's/^wide-values: \([0-9]*\) passed, 0 failed$/\1/p' "$log")"
    [ -n "$wide" ] || die "no 'wide-values: N passed, 0 failed' line in $log"

    step "$arch: load failures (wrong ABI version, no library), each in a fresh JVM"
    for case in wrong-abi missing; do
        libdir="$OUT/$arch/wrong-abi"
        [ "$case" = missing ] && libdir="$OUT/$arch/no-such-dir"
        log="$OUT/$arch/load-failure-$case.log"
        "${java[@]}" "${jvm_flags[@]}" -Djava.library.path="$libdir" -cp "$CLASS_PATH" \
            dev.cloudrpc.monaca.LoadFailureCheck "$case" >"$log" 2>&1 \
            || { cat "$log"; die "load failure check '$case' failed on $arch"; }
        cat "$log"
        if grep -nE 'WARNING|FATAL ERROR' "$log"; then die "-Xcheck:jni printed warnings on $arch (above)"; fi
    done
    summaries+=("android-arm $arch: JUnit $count tests and $wide wide-code checks OK with ${jvm_flags[*]} on $vm through qemu-user $qemu_version; load failures refused [$((SECONDS - t0)) s]")
done

# ---- Must fail on armv7 ------------------------------------------------------------------------
# Every jlong the shim turns into an int64_t (error codes, request ids) first goes through
# intptr_t, as a handle kept in a jlong goes back to a pointer: no change on a 64-bit JVM, cut
# to 32 bits on armv7, where the run (JUnit suite, then WideValuesCheck) must then fail, and
# WideValuesCheck (which does not depend on what the suite tests) must be among what fails.
step "armhf: a shim that narrows its jlong arguments to intptr_t must fail the run"
t0=$SECONDS
narrowed="$OUT/armhf/narrowed"
mkdir -p "$narrowed"
sed -E 's/\(int64_t\)([a-z_][a-z_0-9]*)/(int64_t)(intptr_t)\1/g' "$HERE/jni/monaca_jni.c" >"$narrowed/monaca_jni_narrowed.c"
casts="$(grep -c '(int64_t)(intptr_t)' "$narrowed/monaca_jni_narrowed.c" || true)"
[ "$casts" -gt 0 ] || die "found no (int64_t) cast of a jlong argument in jni/monaca_jni.c to narrow"
grep -n '(int64_t)(intptr_t)' "$narrowed/monaca_jni_narrowed.c" | sed 's/^ */    /'
build_shim arm-linux-gnueabihf-gcc "$ROOT/target/armv7-unknown-linux-gnueabihf/release/libmonaca_cloud_error.a" \
    "$narrowed/lib" "$narrowed/monaca_jni_narrowed.c"
armhf_java=(qemu-arm -L "$OUT/sysroot-armhf" "$OUT/sysroot-armhf/usr/lib/jvm/java-17-openjdk-armhf/bin/java"
    -Xcheck:jni -Djdk.lang.Process.launchMechanism=VFORK -Djava.library.path="$narrowed/lib" -cp "$CLASS_PATH")
junit_rc=0
"${armhf_java[@]}" -Dmonaca.crateVersion="$crate_version" -Dmonaca.testLabel=android-armhf-narrowed \
    -Dmonaca.corpusDir="$corpus_copy" -Dmonaca.mockBackend="$ROOT/tests/mock-backend/server.py" \
    -Dmonaca.hostileServer="$ROOT/tests/hostile-server/server.py" -Xmx192m dev.cloudrpc.monaca.RunAllTests >"$narrowed/junit.log" 2>&1 || junit_rc=$?
wide_rc=0
"${armhf_java[@]}" dev.cloudrpc.monaca.arm.WideValuesCheck >"$narrowed/wide-values.log" 2>&1 || wide_rc=$?
junit_line="$(grep -E '^JUnit: ' "$narrowed/junit.log" || echo "JUnit: no result line (exit $junit_rc)")"
wide_line="$(grep -E '^wide-values: ' "$narrowed/wide-values.log" || echo "wide-values: no result line (exit $wide_rc)")"
grep -E '^[0-9]+\) ' "$narrowed/junit.log" | head -n 10 || true
grep -E '^FAILED: ' "$narrowed/wide-values.log" | head -n 10 || true
echo "$junit_line (exit $junit_rc); $wide_line (exit $wide_rc)"
if [ "$wide_rc" -eq 0 ] || ! grep -qE '^wide-values: [0-9]+ passed, [1-9][0-9]* failed$' "$narrowed/wide-values.log"; then
    cat "$narrowed/wide-values.log"
    die "WideValuesCheck did not fail with the narrowed shim on armv7"
fi
must_fail="narrowed-jlong shim on armv7: $junit_line; $wide_line [$((SECONDS - t0)) s]"

step "all passed"
for line in "${summaries[@]}"; do echo "$line"; done
echo "android-arm: $must_fail, as required"
echo "android-arm: Kotlin $KOTLIN_VERSION classes from $CLASSES; ${#summaries[@]} ARM JVMs passed in $((SECONDS - started)) s"
