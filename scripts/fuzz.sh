#!/usr/bin/env bash
# Fuzzes the C ABI with cargo-fuzz (libFuzzer + ASan, nightly Rust): each target runs for
# SECONDS (default 20), then its execution count and coverage are printed. Exits non-zero when
# a target crashes, hangs (-timeout), runs out of memory (-rss_limit_mb) or does not finish.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      targets: every one in fuzz/Cargo.toml (default)
#
# Inputs: fuzz/corpus/<target>/ (gitignored: made by fuzz/seed.sh from tests/fixtures, and
# where this run's new inputs go), plus the committed seeds, only read: fuzz/seeds/<target>/
# (the minimised corpus that scripts/fuzz-long.sh grows) and fuzz/seeds/crashes/<target>/
# (every crash input found so far, kept as a regression input).
#
# Installs what is missing on a fresh machine: the nightly toolchain and cargo-fuzz.
# Crashing inputs are saved under fuzz/artifacts/<target>/ (gitignored); reproduce one with
#   cargo +nightly fuzz run --fuzz-dir fuzz <target> fuzz/artifacts/<target>/<file>
# and keep it for good in fuzz/seeds/crashes/<target>/ (scripts/fuzz-long.sh does so itself).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/fuzz-common.sh

seconds=${1:-20}
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [SECONDS] [TARGET...]" >&2
  exit 2
fi
shift || true

fuzz_tools
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(fuzz_all_targets)

bash fuzz/seed.sh
echo "--- testing the oracle's own helpers, then building the fuzz targets"
timeout 1800 cargo +nightly test --quiet --manifest-path fuzz/Cargo.toml --lib
timeout 1800 cargo +nightly fuzz build --fuzz-dir fuzz

logs=target/fuzz-logs
mkdir -p "$logs"
failed=0
for target in "${targets[@]}"; do
  log=$logs/$target.log
  mapfile -t seeds < <(fuzz_seed_dirs "$target")
  seeded=0
  [ ${#seeds[@]} -eq 0 ] || seeded=$(find "${seeds[@]}" -type f | wc -l)
  echo "--- fuzzing $target for ${seconds}s, with $seeded committed seeds (log: $log)"
  status=0
  fuzz_run "$target" "$seconds" "$log" "fuzz/corpus/$target" "${seeds[@]}" || status=$?
  if [ "$status" -ne 0 ] || ! fuzz_figures "$log"; then
    echo "FAIL: $target (exit $status)"
    grep -E -A2 'panicked at|ERROR: |SUMMARY: |Test unit written' "$log" | head -n 30 || true
    tail -n 20 "$log"
    failed=1
    continue
  fi
  echo "PASS: $target: $executions executions in ${seconds}s ($exec_per_sec exec/s)," \
    "cov: $cov, ft: $ft, corpus: $corp" \
    "($(find "fuzz/corpus/$target" -type f | wc -l) files + $seeded seeds), peak rss: $peak_rss MB"
done

[ "$failed" -eq 0 ] && echo "fuzz: all targets passed" || echo "fuzz: FAILED"
exit "$failed"
