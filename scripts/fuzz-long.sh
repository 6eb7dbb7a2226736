#!/usr/bin/env bash
# Long fuzzing, which grows the committed seeds. Not part of the test command (which runs
# scripts/fuzz.sh for seconds, from these same seeds): run it by hand, then commit fuzz/seeds/.
#
#   scripts/fuzz-long.sh MINUTES [TARGET...]    targets: every one in fuzz/Cargo.toml (default)
#
# For each target, one after the other:
# 1. runs it (libFuzzer + ASan) for MINUTES from the committed seeds (fuzz/seeds/<target>/ and
#    fuzz/seeds/crashes/<target>/) and the inputs fuzz/seed.sh makes from tests/fixtures; the
#    inputs it finds go to a fresh directory under target/fuzz-long/;
# 2. keeps every crash, hang or out-of-memory input it found (libFuzzer stops at the first) in
#    fuzz/seeds/crashes/<target>/, as found, so that every later run (scripts/fuzz.sh included)
#    starts from it: a regression input, failing until the bug is fixed;
# 3. merges the new inputs no bigger than SEED_MAX_BYTES (default 4096; bigger ones are kept
#    only if a crash) into fuzz/seeds/<target>/ with `cargo fuzz cmin`, which keeps the
#    smallest inputs that together reach every coverage edge that the old seeds and the new
#    inputs reach (-use_counters=0: inputs that only hit a known edge a different number of
#    times are not kept; they would be most of them, over 1000 files for a minute's run);
# 4. prints executions, exec/s, cov, ft, corpus, crashes and the seeds before and after.
#
# The figures of the last run are written to fuzz/seeds/last-run.md. Exits non-zero when a
# target crashed, hung or ran out of memory, or when the seeds of all targets together pass
# SEEDS_MAX_KIB (default 384): they are committed, so they must stay small.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/fuzz-common.sh

minutes=${1:-}
if ! [[ $minutes =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 MINUTES [TARGET...]" >&2
  exit 2
fi
shift
seed_max_bytes=${SEED_MAX_BYTES:-4096}
seeds_max_kib=${SEEDS_MAX_KIB:-384}

fuzz_tools
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(fuzz_all_targets)

bash fuzz/seed.sh
echo "--- building the fuzz targets"
timeout 1800 cargo +nightly fuzz build --fuzz-dir fuzz

work=target/fuzz-long
rm -rf "$work"
mkdir -p "$work"
report=$work/last-run.md
{
  echo "# The last long fuzzing run (scripts/fuzz-long.sh)"
  echo
  echo "$(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)," \
    "$minutes minutes per target, on $(nproc) CPU cores" \
    "($(cargo +nightly fuzz --version 2>/dev/null), $(rustc +nightly --version))."
  echo
  echo "| target | executions | exec/s | cov | ft | corpus | crashes | seeds before | seeds after |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >"$report"

bytes_in() { # bytes_in DIR: the bytes of its files (what git stores), 0 when there is none
  if [ -d "$1" ]; then
    find "$1" -type f -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }'
  else
    echo 0
  fi
}
files_in() { # files_in DIR: how many files it holds
  if [ -d "$1" ]; then find "$1" -type f | wc -l; else echo 0; fi
}
files_and_kib() { # files_and_kib DIR: "N files, K KiB"
  echo "$(files_in "$1") files, $((($(bytes_in "$1") + 1023) / 1024)) KiB"
}

failed=0
for target in "${targets[@]}"; do
  seeds=fuzz/seeds/$target
  crashes=fuzz/seeds/crashes/$target
  found=$work/$target/found
  log=$work/$target/fuzz.log
  mkdir -p "$seeds" "$found"
  before=$(files_and_kib "$seeds")
  mapfile -t committed < <(fuzz_seed_dirs "$target")
  # Crash inputs libFuzzer writes from now on (fuzz/artifacts is gitignored).
  artifacts=fuzz/artifacts/$target
  mkdir -p "$artifacts"
  touch "$work/$target/started"

  echo "--- fuzzing $target for $minutes min from $before of seeds (log: $log)"
  status=0
  fuzz_run "$target" $((minutes * 60)) "$log" "$found" "${committed[@]}" "fuzz/corpus/$target" ||
    status=$?
  finished=yes
  fuzz_figures "$log" || finished=no
  # A run stopped by a crash prints no DONE line: read its last status line instead.
  if [ "$finished" = no ]; then
    last=$(grep -E '^#[0-9]+[[:space:]]' "$log" | tail -n 1 || true)
    executions=${executions:-$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$last")}
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$last")
  fi

  new_crashes=0
  while IFS= read -r -d '' input; do
    # A kept crash input that still crashes comes back under the same (SHA-1) name.
    if [ -e "$crashes/$(basename "$input")" ]; then
      echo "    $(basename "$input") (already in $crashes/) still fails"
      continue
    fi
    mkdir -p "$crashes"
    cp "$input" "$crashes/"
    new_crashes=$((new_crashes + 1))
    echo "    kept $(basename "$input") in $crashes/"
  done < <(find "$artifacts" -type f -newer "$work/$target/started" -print0)
  if [ "$status" -ne 0 ] || [ "$finished" = no ] || [ "$new_crashes" -gt 0 ]; then
    echo "FAIL: $target (exit $status, $new_crashes crash inputs kept)"
    grep -E -A2 'panicked at|ERROR: |SUMMARY: |Test unit written' "$log" | head -n 30 || true
    failed=1
  fi

  # The old seeds and the new inputs, minimised together.
  merge=$work/$target/merge
  mkdir -p "$merge"
  cp "$seeds"/. "$merge"/ -r
  find "$found" -type f -size -$((seed_max_bytes + 1))c -exec cp {} "$merge"/ \;
  echo "--- minimising $(files_and_kib "$merge") into $seeds with cargo fuzz cmin"
  if timeout 1800 cargo +nightly fuzz cmin --fuzz-dir fuzz "$target" "$merge" \
    -- -rss_limit_mb=2048 -timeout=10 -use_counters=0 >"$work/$target/cmin.log" 2>&1; then
    rm -rf "$seeds"
    cp -r "$merge" "$seeds"
  else
    echo "FAIL: $target: cargo fuzz cmin failed, seeds left as they were"
    tail -n 20 "$work/$target/cmin.log"
    failed=1
  fi
  after=$(files_and_kib "$seeds")
  crash_count=$(files_in "$crashes")

  echo "RESULT: $target: ${executions:-?} executions in $minutes min (${exec_per_sec:-?} exec/s)," \
    "cov: ${cov:-?}, ft: ${ft:-?}, corpus: ${corp:-?}, crashes: $new_crashes new" \
    "($crash_count kept), seeds: $before -> $after"
  echo "| $target | ${executions:-?} | ${exec_per_sec:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} |" \
    "$new_crashes new ($crash_count kept) | $before | $after |" >>"$report"
done

total_kib=$((($(bytes_in fuzz/seeds) + 1023) / 1024))
{
  echo
  echo "Seeds in fuzz/seeds/ after the run: $total_kib KiB in all."
} >>"$report"
cp "$report" fuzz/seeds/last-run.md
echo "--- figures written to fuzz/seeds/last-run.md; seeds: $total_kib KiB in all"
if [ "$total_kib" -gt "$seeds_max_kib" ]; then
  echo "FAIL: the committed seeds take $total_kib KiB, over SEEDS_MAX_KIB=$seeds_max_kib"
  failed=1
fi
exit "$failed"
