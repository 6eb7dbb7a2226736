# Shared by scripts/sanitize.sh (ASan+UBSan, valgrind) and scripts/tsan.sh (ThreadSanitizer);
# sourced, not run. Gives:
#   pass/fail MESSAGE            count and print a result ($passed, $failed)
#   need_debian_packages, need_commands   (scripts/lib/debian-packages.sh, sourced here)
#   ensure_nightly_rust_src      the nightly toolchain and its rust-src (for -Zbuild-std)
#   sanitizer_rustflags SANITIZER
#                                the RUSTFLAGS of a sanitized build (one place: builds that
#                                share a target directory share their std only if they match)
#   build_sanitized_lib SANITIZER TARGET_DIR [CARGO ARGS...]
#                                cargo +nightly build of the library with -Zsanitizer=SANITIZER
#                                and std rebuilt with it (-Zbuild-std), for $target
#   own_references ARCHIVE SYMBOL_REGEX
#                                how often the library's own objects in ARCHIVE reference an
#                                undefined symbol matching SYMBOL_REGEX (its instrumentation)
#   run_clean NAME LOG COMMAND...
#   run_fault NAME LOG PATTERNS COMMAND...
# Expects $target (a Rust target triple) to be set by the caller.

# shellcheck source=scripts/lib/debian-packages.sh
source scripts/lib/debian-packages.sh

passed=0
failed=0
pass() {
  echo "PASS: $*"
  passed=$((passed + 1))
}
fail() {
  echo "FAIL: $*"
  failed=$((failed + 1))
}

ensure_nightly_rust_src() {
  if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
  fi
  if ! rustup component list --toolchain nightly --installed | grep -q '^rust-src'; then
    rustup component add rust-src --toolchain nightly
  fi
}

sanitizer_rustflags() {
  echo "-Zsanitizer=$1 -Cforce-frame-pointers=yes"
}

build_sanitized_lib() {
  local sanitizer=$1 target_dir=$2
  shift 2
  # --target keeps RUSTFLAGS away from build scripts and proc macros. -Zbuild-std (which needs
  # rust-src) rebuilds std with the sanitizer as well, so that std's own code, which the
  # library calls for its strings, vectors, formatting and once-initialised cells, is checked
  # too (for TSan it is required: an uninstrumented std's synchronisation is invisible to it).
  RUSTFLAGS=$(sanitizer_rustflags "$sanitizer") \
    timeout 3600 cargo +nightly build --lib -Zbuild-std --target "$target" \
    --target-dir "$target_dir" "$@"
}

own_references() {
  # readelf, not nm: binutils' nm trips over the bitcode that rustc embeds in the archive.
  readelf -Ws "$1" | awk -v symbol="$2" '
    /^File: / { ours = ($0 ~ /\(monaca_cloud_error\./) }
    ours && / UND / && $NF ~ symbol { n++ }
    END { print n + 0 }'
}

# Runs a program that must pass: exit 0, a "0 failed" line, and no sanitizer report.
# run_clean NAME LOG COMMAND...
run_clean() {
  local name=$1 log=$2 status=0
  shift 2
  timeout 600 "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    fail "$name: exit status $status"
    tail -n 40 "$log"
  elif grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|WARNING: ThreadSanitizer|runtime error:|ERROR SUMMARY: [1-9]' "$log"; then
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
  local name=$1 log=$2 patterns=$3 status=0 pattern missing_pattern="" required
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
