# Shared by scripts/fuzz.sh (short runs, in the test command) and scripts/fuzz-long.sh (long
# runs that grow the committed seeds); sourced from the repository root, not run. Gives:
#   fuzz_tools                   installs what is missing: a C++ compiler (libfuzzer-sys builds
#                                libFuzzer), the nightly toolchain, cargo-fuzz
#   fuzz_all_targets             the fuzz targets, one a line (every [[bin]] of fuzz/Cargo.toml)
#   fuzz_seed_dirs TARGET        the committed input directories of TARGET that exist, one a
#                                line: fuzz/seeds/TARGET (minimised coverage) and
#                                fuzz/seeds/crashes/TARGET (every crash input, kept as found)
#   fuzz_run TARGET SECONDS LOG CORPUS...
#                                libFuzzer on TARGET for SECONDS; new inputs go to the first
#                                CORPUS directory, the others are only read; returns its status
#   fuzz_figures LOG             reads the run's figures into executions, exec_per_sec, cov,
#                                ft, corp, peak_rss (empty when the run did not finish)

# shellcheck source=scripts/lib/debian-packages.sh
source scripts/lib/debian-packages.sh

fuzz_tools() {
  need_commands c++:g++
  if ! rustup toolchain list | grep -q '^nightly'; then
    echo "--- installing the nightly toolchain"
    rustup toolchain install nightly --profile minimal
  fi
  local version
  if version=$(cargo fuzz --version 2>/dev/null); then
    echo "--- using $version"
  else
    echo "--- installing cargo-fuzz"
    cargo install cargo-fuzz --locked
  fi
}

fuzz_all_targets() {
  cargo +nightly fuzz list --fuzz-dir fuzz
}

fuzz_seed_dirs() {
  local dir
  for dir in "fuzz/seeds/$1" "fuzz/seeds/crashes/$1"; do
    [ -d "$dir" ] && echo "$dir"
  done
  return 0
}

fuzz_run() {
  local target=$1 seconds=$2 log=$3 status=0
  shift 3
  mkdir -p "$1"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: memory blow-up is a
  # failure. The outer timeout only guards against libFuzzer itself not stopping.
  timeout $((seconds + 900)) cargo +nightly fuzz run --fuzz-dir fuzz "$target" "$@" \
    -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  return "$status"
}

fuzz_figures() {
  local log=$1 done_line
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  stat() { sed -n "s/^stat::$1:[[:space:]]*//p" "$log" | tail -n 1; }
  executions=$(stat number_of_executed_units)
  exec_per_sec=$(stat average_exec_per_sec)
  peak_rss=$(stat peak_rss_mb)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$done_line")
  [ -n "$done_line" ]
}
