#!/usr/bin/env bash
# Fuzzes the C ABI with cargo-fuzz (libFuzzer + ASan, nightly Rust): each target runs for
# SECONDS (default 20), then its execution count and coverage are printed. Exits non-zero when
# a target crashes, hangs (-timeout), runs out of memory (-rss_limit_mb) or does not finish.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      targets: response calls (default: both)
#
# Installs what is missing on a fresh machine: the nightly toolchain and cargo-fuzz.
# Crashing inputs are saved under fuzz/artifacts/<target>/ (gitignored); reproduce one with
#   cargo +nightly fuzz run --fuzz-dir fuzz <target> fuzz/artifacts/<target>/<file>
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [SECONDS] [TARGET...]" >&2
  exit 2
fi
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(response calls)

# libfuzzer-sys compiles libFuzzer itself, which needs a C++ compiler.
if ! command -v c++ >/dev/null; then
  apt-get update && apt-get install -y g++
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "--- installing the nightly toolchain"
  rustup toolchain install nightly --profile minimal
fi
if version=$(cargo fuzz --version 2>/dev/null); then
  echo "--- using $version"
else
  echo "--- installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

bash fuzz/seed.sh
echo "--- testing the oracle's own helpers, then building the fuzz targets"
timeout 1800 cargo +nightly test --quiet --manifest-path fuzz/Cargo.toml --lib
timeout 1800 cargo +nightly fuzz build --fuzz-dir fuzz

logs=target/fuzz-logs
mkdir -p "$logs"
failed=0
for target in "${targets[@]}"; do
  log=$logs/$target.log
  echo "--- fuzzing $target for ${seconds}s (log: $log)"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: memory blow-up is a failure.
  # The outer timeout only guards against libFuzzer itself not stopping.
  status=0
  timeout $((seconds + 900)) cargo +nightly fuzz run --fuzz-dir fuzz "$target" \
    -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  stat() { sed -n "s/^stat::$1:[[:space:]]*//p" "$log" | tail -n 1; }
  if [ "$status" -ne 0 ] || [ -z "$done_line" ]; then
    echo "FAIL: $target (exit $status)"
    grep -E -A2 'panicked at|ERROR: |SUMMARY: |Test unit written' "$log" | head -n 30 || true
    tail -n 20 "$log"
    failed=1
    continue
  fi
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$done_line")
  echo "PASS: $target: $(stat number_of_executed_units) executions in ${seconds}s" \
    "($(stat average_exec_per_sec) exec/s), cov: $cov, ft: $ft, corpus: $corp" \
    "($(find "fuzz/corpus/$target" -type f | wc -l) files), peak rss: $(stat peak_rss_mb) MB"
done

[ "$failed" -eq 0 ] && echo "fuzz: all targets passed" || echo "fuzz: FAILED"
exit "$failed"
