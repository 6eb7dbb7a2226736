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
passed=0
failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# --- tools ------------------------------------------------------------------------------
# shellcheck source=scripts/lib/debian-packages.sh
source scripts/lib/debian-packages.sh
need_commands gcc:gcc clang:clang valgrind:valgrind
# clang's sanitizer runtimes are a separate package (libclang-rt-<major>-dev on Debian).
probe=$out/probe
printf 'int main(void){return 0;}\n' >"$probe.c"
if ! clang -fsanitize=address,undefined "$probe.c" -o "$probe" 2>/dev/null; then
  major=$(clang -dumpversion | cut -d. -f1)
  need_debian_packages "libclang-rt-$major-dev"
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! rustup component list --toolchain nightly --installed | grep -q '^rust-src'; then
  rustup component add rust-src --toolchain nightly
fi

version=$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml)
[ -n "$version" ] || { echo "no version in Cargo.toml" >&2; exit 1; }
c_flags=(-std=c99 -Wall -Wextra -Werror -Iinclude -DEXPECTED_VERSION="\"$version\"")
libs=(-lpthread -ldl -lm)

# Runs a program that must pass: exit 0, a "0 failed" line, and (for the sanitizer) no report.
# run_clean NAME LOG COMMAND...
run_clean() {
  local name=$1 log=$2 status=0
  shift 2
  timeout 600 "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    fail "$name: exit status $status"
    tail -n 40 "$log"
  elif grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|ERROR SUMMARY: [1-9]' "$log"; then
    fail "$name: a report despite exit status 0"
    tail -n 40 "$log"
  elif ! grep -qE '^[0-9]+ passed, 0 failed$' "$log"; then
    fail "$name: no '0 failed' line"
    tail -n 20 "$log"
  else
    pass "$name: $(grep -E '^[0-9]+ passed, 0 failed$' "$log")"
  fi
}

# Runs a fault program that must be reported: a non-zero exit and every given pattern in its
# output. run_fault NAME LOG PATTERNS(|-separated list of required egrep patterns) COMMAND...
run_fault() {
  local name=$1 log=$2 patterns=$3 status=0 pattern missing_pattern=""
  shift 3
  timeout 300 "$@" >"$log" 2>&1 || status=$?
  IFS='|' read -r -a required <<<"$patterns"
  for pattern in "${required[@]}"; do
    grep -qE -- "$pattern" "$log" || missing_pattern="$pattern"
  done
  if [ "$status" -eq 0 ] || [ -n "$missing_pattern" ]; then
    fail "$name: the deliberate fault was not reported (exit $status, missing '${missing_pattern}')"
    tail -n 30 "$log"
  else
    pass "$name: the deliberate fault was reported (exit $status)"
  fi
}

# --- 1. ASan + UBSan ----------------------------------------------------------------------
echo "--- building the library with -Zsanitizer=address (nightly, -Zbuild-std)"
# --target keeps RUSTFLAGS away from build scripts and proc macros. -Zbuild-std (which needs
# rust-src) rebuilds std with the sanitizer as well: ASan does not require it (the library alone
# builds and runs instrumented without it), but then std's own code, which the library calls for
# its strings, vectors and formatting, would go unchecked.
RUSTFLAGS="-Zsanitizer=address -Cforce-frame-pointers=yes" \
  timeout 3600 cargo +nightly build --release --lib -Zbuild-std --target "$target" \
  --target-dir target/asan
asan_lib=target/asan/$target/release/libmonaca_cloud_error.a
# A build that silently lost the flag would make every check below pass vacuously.
# (readelf, not nm: binutils' nm trips over the bitcode that rustc embeds in the archive.)
instrumented=$(readelf -Ws "$asan_lib" | awk '
  /^File: / { ours = ($0 ~ /\(monaca_cloud_error\./) }
  ours && / UND __asan_report_load/ { n++ }
  END { print n + 0 }')
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
