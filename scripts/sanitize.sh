#!/usr/bin/env bash
# Memory checking of the C surface, in two independent setups:
#
# 1. AddressSanitizer + UndefinedBehaviorSanitizer: the library is built with nightly
#    `-Zsanitizer=address` (std rebuilt with it too, -Zbuild-std) into target/asan, and the C
#    harness (tests/c/harness.c) and the thread test (tests/c/threads.c) are compiled with clang
#    `-fsanitize=address,undefined` against it and run with leak detection on.
# 2. valgrind memcheck: the same two programs compiled with gcc against the normal release
#    library, run with --error-exitcode=1 --leak-check=full.
#
# Each setup first proves that it can fail: a deliberate fault program (tests/c/faults/) must be
# reported by it (a heap-buffer-overflow for ASan, a leak for LeakSanitizer and for valgrind),
# or this script fails. Any sanitizer report, valgrind error, failed check or non-zero exit
# fails the script. Installs what is missing (Debian packages, the nightly toolchain, rust-src).
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-unknown-linux-gnu
out=target/sanitize
mkdir -p "$out"
# pass/fail, need_commands (scripts/lib/debian-packages.sh), ensure_nightly_rust_src, build_sanitized_lib, own_references,
# run_clean, run_fault: shared with scripts/tsan.sh.
source scripts/sanitizer-common.sh

# --- tools ------------------------------------------------------------------------------
need_commands gcc:gcc clang:clang valgrind:valgrind
# clang's sanitizer runtimes are a separate package (libclang-rt-<major>-dev on Debian).
probe=$out/probe
printf 'int main(void){return 0;}\n' >"$probe.c"
if ! clang -fsanitize=address,undefined "$probe.c" -o "$probe" 2>/dev/null; then
  major=$(clang -dumpversion | cut -d. -f1)
  need_debian_packages "libclang-rt-$major-dev"
fi
ensure_nightly_rust_src

version=$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml)
[ -n "$version" ] || { echo "no version in Cargo.toml" >&2; exit 1; }
c_flags=(-std=c99 -Wall -Wextra -Werror -Iinclude -DEXPECTED_VERSION="\"$version\"")
libs=(-lpthread -ldl -lm)

# --- 1. ASan + UBSan ----------------------------------------------------------------------
echo "--- building the library with -Zsanitizer=address (nightly, -Zbuild-std)"
# ASan does not require -Zbuild-std (the library alone builds and runs instrumented without
# it), but then std's own code would go unchecked.
build_sanitized_lib address target/asan --release
asan_lib=target/asan/$target/release/libmonaca_cloud_error.a
# A build that silently lost the flag would make every check below pass vacuously.
instrumented=$(own_references "$asan_lib" '^__asan_report_load')
if [ "$instrumented" -gt 0 ]; then
  pass "asan build: the library's own code in $asan_lib calls ASan (__asan_report_load* referenced $instrumented times)"
else
  fail "asan build: the library's own code in $asan_lib has no ASan instrumentation"
fi

san_flags=(-fsanitize=address,undefined -fno-omit-frame-pointer -g -O1)
asan_cc() { # asan_cc OUTPUT SOURCE
  clang "${c_flags[@]}" "${san_flags[@]}" "$2" "$asan_lib" "${libs[@]}" -o "$1"
}
asan_cc "$out/harness-asan" tests/c/harness.c
asan_cc "$out/threads-asan" tests/c/threads.c
asan_cc "$out/heap_overflow-asan" tests/c/faults/heap_overflow.c
asan_cc "$out/leak-asan" tests/c/faults/leak.c

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
run_fault "asan fault: heap overflow" "$out/heap_overflow-asan.log" \
  'ERROR: AddressSanitizer: heap-buffer-overflow|heap_overflow.c' "$out/heap_overflow-asan"
run_fault "asan fault: leak (LeakSanitizer)" "$out/leak-asan.log" \
  'ERROR: LeakSanitizer: detected memory leaks|monaca_error_timeout' "$out/leak-asan"
run_clean "asan+ubsan: C harness" "$out/harness-asan.log" "$out/harness-asan"
run_clean "asan+ubsan: threads" "$out/threads-asan.log" "$out/threads-asan"
unset ASAN_OPTIONS UBSAN_OPTIONS

# --- 2. valgrind memcheck -----------------------------------------------------------------
echo "--- building the release library for valgrind"
cargo build --release --lib
lib=target/release/libmonaca_cloud_error.a
vg_cc() { # vg_cc OUTPUT SOURCE
  gcc "${c_flags[@]}" -g -O1 "$2" "$lib" "${libs[@]}" -o "$1"
}
vg_cc "$out/harness-vg" tests/c/harness.c
vg_cc "$out/threads-vg" tests/c/threads.c
vg_cc "$out/leak-vg" tests/c/faults/leak.c
# Definite and indirect leaks are errors; "still reachable" memory (which Rust's std may hold
# at exit) is not.
# --fair-sched: valgrind runs one thread at a time; let the thread test's readers and churners
# take turns.
memcheck=(valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
  --fair-sched=yes)
run_fault "valgrind fault: leak" "$out/leak-vg.log" \
  'definitely lost: [1-9]|by 0x[0-9A-F]+: monaca_error_timeout|by 0x[0-9A-F]+: leak_both' \
  "${memcheck[@]}" "$out/leak-vg"
run_clean "valgrind: C harness" "$out/harness-vg.log" "${memcheck[@]}" "$out/harness-vg"
run_clean "valgrind: threads" "$out/threads-vg.log" "${memcheck[@]}" "$out/threads-vg"

echo "sanitize: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
