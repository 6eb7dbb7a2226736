#!/usr/bin/env bash
# Data races, with ThreadSanitizer: the library and std are built with nightly
# `-Zsanitizer=thread -Zbuild-std` into target/tsan (dev profile: debug assertions on, and
# one std build shared by the library and the Rust tests), then
#
# 1. the C thread test (tests/c/threads.c: 8 readers racing to build one handle's lazy JSON
#    form while 3 churners make and free handles) is compiled with clang -fsanitize=thread
#    and run against the instrumented library;
# 2. the Rust tests that share one error and one response across threads
#    (tests/shared_across_threads.rs) run under `cargo +nightly test -Zbuild-std` with
#    RUSTFLAGS=-Zsanitizer=thread.
#
# Each first proves that it can fail: a deliberate data race must be reported, by TSan, in the
# library's own code (tests/c/faults/race.c for the C program; the ignored test
# deliberate_data_race_that_tsan_must_report for the Rust run), or this script fails. Any TSan
# report, failed check or non-zero exit fails the script. Installs what is missing (clang, the
# nightly toolchain, rust-src).
#
# The C programs are linked with the TSan runtime of the nightly toolchain
# (librustc-nightly_rt.tsan.a), not with clang's: a process holds one TSan runtime, and the
# library's instrumentation (from rustc's LLVM) calls entry points, such as __tsan_memcpy,
# that Debian 12's clang 14 runtime lacks. clang 14's instrumentation of the C code calls only
# entry points that the newer runtime keeps.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-unknown-linux-gnu
tsan_dir=target/tsan
out=$tsan_dir/c
mkdir -p "$out"
# pass/fail, need_commands, ensure_nightly_rust_src, build_sanitized_lib, own_references,
# run_clean, run_fault: shared with scripts/sanitize.sh.
source scripts/sanitizer-common.sh
started=$SECONDS

need_commands clang:clang
ensure_nightly_rust_src
runtime=$(rustc +nightly --print sysroot)/lib/rustlib/$target/lib/librustc-nightly_rt.tsan.a
[ -f "$runtime" ] || { echo "no TSan runtime at $runtime" >&2; exit 1; }

# Report every race (not only the first), exit 66 when any was. history_size=7 (the most):
# TSan v3 silently drops a report when it cannot restore the earlier access's stack from the
# thread's trace, and the debug std fills traces fast: with the default size the deliberate
# Rust race below was reported in fewer than half of the runs, with 7 in every one of 30.
export TSAN_OPTIONS="halt_on_error=0 exitcode=66 history_size=7"

# --- build ------------------------------------------------------------------------------
echo "--- building the library with -Zsanitizer=thread (nightly, -Zbuild-std)"
build_sanitized_lib thread "$tsan_dir"
lib=$tsan_dir/$target/debug/libmonaca_cloud_error.a
# A build that silently lost the flag would make every check below pass vacuously.
instrumented=$(own_references "$lib" '^__tsan_(read|write)[0-9]')
if [ "$instrumented" -gt 0 ]; then
  pass "tsan build: the library's own code in $lib calls TSan (__tsan_read*/__tsan_write* referenced $instrumented times)"
else
  fail "tsan build: the library's own code in $lib has no TSan instrumentation"
fi

tsan_cc() { # tsan_cc OUTPUT SOURCE
  clang -std=c99 -Wall -Wextra -Werror -Iinclude -fsanitize=thread -fno-omit-frame-pointer \
    -g -O1 -c "$2" -o "$1.o"
  # -rdynamic: the runtime's interceptors (malloc, pthread_*) must be visible to libc too.
  clang "$1.o" "$lib" -Wl,--whole-archive "$runtime" -Wl,--no-whole-archive -rdynamic \
    -lpthread -ldl -lm -lrt -o "$1"
}
tsan_cc "$out/threads" tests/c/threads.c
tsan_cc "$out/race" tests/c/faults/race.c

# --- 1. the C programs --------------------------------------------------------------------
# The free in main races with the reader's reads inside the library (in monaca_error_message:
# the handle and its texts); race.c's own counter races too. (Patterns: |-separated.)
run_fault "tsan fault: C race (tests/c/faults/race.c)" "$out/race.log" \
  'WARNING: ThreadSanitizer: data race|Previous read of size [0-9]+ at .* by thread T1|monaca_error_free|monaca_error_message|race\.c:[0-9]+' \
  "$out/race"
echo "    $(grep -m1 -E '^ThreadSanitizer: reported' "$out/race.log" || echo 'no TSan tally'):" \
  "$(grep -c 'monaca_error_free' "$out/race.log") frames in monaca_error_free," \
  "$(grep -c 'monaca_error_message' "$out/race.log") in monaca_error_message"
run_clean "tsan: C thread test" "$out/threads.log" "$out/threads"
grep -E '^threads: ' "$out/threads.log" || true

# --- 2. the Rust tests --------------------------------------------------------------------
rust_tests=(env "RUSTFLAGS=$(sanitizer_rustflags thread)" cargo +nightly test -Zbuild-std
  --target "$target" --target-dir "$tsan_dir" --test shared_across_threads)
echo "--- building tests/shared_across_threads.rs with -Zsanitizer=thread"
timeout 3600 "${rust_tests[@]}" --no-run
run_fault "tsan fault: Rust race (deliberate_data_race_that_tsan_must_report)" \
  "$tsan_dir/rust-race.log" \
  'WARNING: ThreadSanitizer: data race|monaca_error_free|CloudError>::code' \
  "${rust_tests[@]}" -- --ignored --exact deliberate_data_race_that_tsan_must_report
rust_log=$tsan_dir/rust-tests.log
status=0
timeout 1800 "${rust_tests[@]}" >"$rust_log" 2>&1 || status=$?
result=$(grep -E '^test result: ' "$rust_log" | tail -n 1 || true)
if [ "$status" -ne 0 ]; then
  fail "tsan: Rust tests sharing handles across threads: exit status $status"
  tail -n 40 "$rust_log"
elif grep -q 'WARNING: ThreadSanitizer' "$rust_log"; then
  fail "tsan: Rust tests sharing handles across threads: a report despite exit status 0"
  tail -n 40 "$rust_log"
elif ! [[ $result =~ ^test\ result:\ ok\.\ [1-9][0-9]*\ passed\;\ 0\ failed ]]; then
  fail "tsan: Rust tests sharing handles across threads: no passing 'test result' line"
  tail -n 20 "$rust_log"
else
  pass "tsan: Rust tests sharing handles across threads: $result"
fi

echo "tsan: $passed passed, $failed failed in $((SECONDS - started)) s"
[ "$failed" -eq 0 ]
