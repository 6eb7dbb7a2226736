#!/usr/bin/env bash
# Runs the library on other CPUs: aarch64 (64-bit ARM), armv7 (32-bit ARM, hard float) and i686
# (32-bit x86), from this x86_64 Debian 12 machine.
#
#   scripts/cross-test.sh [TRIPLE...]      (default: all three targets below)
#
# For each target:
#   1. the C harness (tests/c/harness.c) and the thread test (tests/c/threads.c), compiled with
#      the target's gcc against the target's static archive by tests/c/run.sh and
#      tests/c/run-threads.sh (TARGET, CC and RUNNER set), and run through the target's runner;
#   2. `cargo test --target TRIPLE` of the lib, bins, examples and integration tests, then the
#      doc tests (cargo runs them for a cross target since 1.89) and the panic-boundary test
#      (feature panic-injection), as scripts/test-all.sh runs them on the host. The benches are
#      left out: benches/compare.rs links the host's cJSON.
#
# How the programs run: binfmt_misc is not mounted here, so the ARM programs run under
# qemu-user, started explicitly (`qemu-aarch64 -L /usr/aarch64-linux-gnu`, `qemu-arm -L
# /usr/arm-linux-gnueabihf`; -L points qemu at the cross libc). i686 programs run natively on
# the x86_64 kernel (IA32 emulation), with Debian's 32-bit runtime (libc6-i386: the loader
# /lib/ld-linux.so.2, and lib32gcc-s1: libgcc_s, which Rust programs need); when the kernel
# cannot run them, they run under `qemu-i386 -L /usr/i686-linux-gnu` instead.
# The linker and runner are given to cargo as CARGO_TARGET_<TRIPLE>_LINKER/_RUNNER in this
# script's environment rather than in a committed .cargo/config.toml, so that nothing changes
# for a plain `cargo build` and no other script picks up a qemu runner by surprise.
#
# Under qemu-user, two integration tests cannot be judged and are skipped (listed in
# QEMU_SKIPS below, printed with the reason): a test that measures the process (qemu's own
# memory would be measured) or starts the CLI as a child process (qemu-user does not follow
# execve into a foreign binary without binfmt_misc). Natively run targets skip nothing. Any
# other test file that starts a process or reads /proc/self fails this script until it is
# listed, so that nothing is skipped silently and nothing fails for qemu's sake.
#
# Installs what is missing: Debian's qemu-user, the cross gcc and libc packages, the i386
# runtime, and the rustup targets. Never gcc-multilib: installing it removes the cross
# compilers. Prints one summary line per target and a final line; exits non-zero when any
# step fails.
set -uo pipefail
cd "$(dirname "$0")/.."

all_targets=(aarch64-unknown-linux-gnu armv7-unknown-linux-gnueabihf i686-unknown-linux-gnu)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

# Integration tests (tests/NAME.rs) that cannot be judged under qemu-user, and why.
declare -A QEMU_SKIPS=(
  [memory_peak]="measures the peak RSS of its own process (/proc/self/status), which under qemu-user is qemu's"
  [cli]="starts target/<triple>/debug/monaca-error as a child process, which qemu-user cannot exec without binfmt_misc"
)

out=target/cross
mkdir -p "$out"
started=$(date +%s)
elapsed() { echo $(($(date +%s) - $1)); }

# --- 1. tools ---------------------------------------------------------------------------
t0=$(date +%s)
packages=(qemu-user
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
  gcc-i686-linux-gnu libc6-dev-i386-cross
  libc6-i386 lib32gcc-s1)
# shellcheck source=scripts/lib/debian-packages.sh
source scripts/lib/debian-packages.sh
need_debian_packages "${packages[@]}" || { echo "cross-test: installing ${packages[*]} failed"; exit 1; }
installed_targets=$(rustup target list --installed)
for target in "${all_targets[@]}"; do
  if ! grep -qx "$target" <<<"$installed_targets"; then
    rustup target add "$target" || { echo "cross-test: rustup target add $target failed"; exit 1; }
  fi
done
echo "--- tools ready in $(elapsed "$t0") s"
qemu-aarch64 --version | head -n 1
rustc --version

# Every test file that starts a process or reads its own /proc entry must be in QEMU_SKIPS.
unlisted=()
for file in tests/*.rs; do
  name=$(basename "$file" .rs)
  [ -n "${QEMU_SKIPS[$name]+set}" ] && continue
  if grep -qE 'CARGO_BIN_EXE_|Command::new|/proc/self' "$file"; then unlisted+=("$name"); fi
done
if [ ${#unlisted[@]} -gt 0 ]; then
  echo "cross-test: tests/{$(IFS=,; echo "${unlisted[*]}")}.rs start a process or read /proc/self:" \
    "list them in QEMU_SKIPS (with the reason) or make them qemu-proof"
  exit 1
fi

# --- 2. per target ----------------------------------------------------------------------
# The last "N passed, N failed" line of a C test log, or what happened instead.
result_of() {
  grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1 | grep . ||
    { grep -qiE 'segmentation fault|core dumped|signal' "$1" && echo "crashed"; } ||
    echo "no result line"
}

# Sums the "test result:" lines of a cargo test log: prints "PASSED FAILED IGNORED".
count_tests() {
  awk '/^test result:/ {
         for (i = 1; i <= NF; i++) {
           if ($(i + 1) ~ /^passed/) p += $i
           if ($(i + 1) ~ /^failed/) f += $i
           if ($(i + 1) ~ /^ignored/) g += $i
         } }
       END { print p + 0, f + 0, g + 0 }' "$1"
}

summaries=()
failed_targets=()
for target in "${targets[@]}"; do
  t_target=$(date +%s)
  log=$out/$target
  mkdir -p "$log"
  case $target in
    aarch64-unknown-linux-gnu)
      cc=aarch64-linux-gnu-gcc qemu=qemu-aarch64 sysroot=/usr/aarch64-linux-gnu ;;
    armv7-unknown-linux-gnueabihf)
      cc=arm-linux-gnueabihf-gcc qemu=qemu-arm sysroot=/usr/arm-linux-gnueabihf ;;
    i686-unknown-linux-gnu)
      cc=i686-linux-gnu-gcc qemu=qemu-i386 sysroot=/usr/i686-linux-gnu ;;
    *)
      echo "cross-test: unknown target $target (known: ${all_targets[*]})"
      failed_targets+=("$target")
      continue ;;
  esac
  echo
  echo "=== $target"
  problems=()

  # Native when the machine runs the target's programs itself (i686 on an x86_64 kernel),
  # else under qemu-user.
  probe=$log/probe
  printf '#include <stdio.h>\nint main(void) { puts("ok"); return 0; }\n' >"$probe.c"
  runner=""
  how="native"
  if ! "$cc" "$probe.c" -o "$probe" 2>"$log/probe.log"; then
    problems+=("$cc cannot compile")
  elif [ "$("$probe" 2>/dev/null)" != ok ]; then
    runner="$qemu -L $sysroot"
    how="$qemu $("$qemu" --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')"
    [ "$($runner "$probe" 2>&1)" = ok ] || problems+=("$runner cannot run a probe program")
  fi
  toolchain="$how, $cc $("$cc" -dumpfullversion)"
  echo "--- $target runs ${runner:-natively}; toolchain: $toolchain"

  env_name=$(tr 'a-z-' 'A-Z_' <<<"$target")
  export "CARGO_TARGET_${env_name}_LINKER=$cc"
  if [ -n "$runner" ]; then
    export "CARGO_TARGET_${env_name}_RUNNER=$runner"
  else
    unset "CARGO_TARGET_${env_name}_RUNNER"
  fi

  # a. the C harness and the thread test against the release static archive.
  t0=$(date +%s)
  if CC=$cc TARGET=$target RUNNER=$runner bash tests/c/run.sh >"$log/harness.log" 2>&1; then
    harness="harness $(result_of "$log/harness.log" | sed 's/, 0 failed$//')"
  else
    harness="harness FAILED ($(result_of "$log/harness.log"))"
    problems+=("C harness (log $log/harness.log)")
    tail -n 30 "$log/harness.log"
  fi
  echo "--- $harness ($(elapsed "$t0") s, including the release build)"
  t0=$(date +%s)
  if CC=$cc TARGET=$target RUNNER=$runner bash tests/c/run-threads.sh >"$log/threads.log" 2>&1; then
    threads="threads ok ($(result_of "$log/threads.log" | sed 's/, 0 failed$//'))"
  else
    threads="threads FAILED ($(result_of "$log/threads.log"))"
    problems+=("thread test (log $log/threads.log)")
    tail -n 30 "$log/threads.log"
  fi
  echo "--- $threads ($(elapsed "$t0") s)"

  # b. cargo test: every integration test but those that qemu cannot judge.
  skipped=()
  selection=(--lib --bins --examples)
  for file in tests/*.rs; do
    name=$(basename "$file" .rs)
    if [ -n "$runner" ] && [ -n "${QEMU_SKIPS[$name]+set}" ]; then
      skipped+=("$name")
    else
      selection+=(--test "$name")
    fi
  done
  for name in "${skipped[@]}"; do
    echo "--- skipped under qemu-user: tests/$name.rs: ${QEMU_SKIPS[$name]}"
  done
  t0=$(date +%s)
  : >"$log/cargo-test.log"
  for run in "tests" "doc" "panic-boundary"; do
    case $run in
      tests) args=("${selection[@]}") ;;
      doc) args=(--doc) ;;
      panic-boundary) args=(--features panic-injection --test panic_boundary) ;;
    esac
    # --no-fail-fast: a failing test file does not keep the later ones from running (and
    # from being counted).
    echo "+ cargo test --target $target --no-fail-fast ${args[*]}" >>"$log/cargo-test.log"
    if ! cargo test --target "$target" --no-fail-fast "${args[@]}" >>"$log/cargo-test.log" 2>&1; then
      problems+=("cargo test, $run (log $log/cargo-test.log)")
      grep -E '^(test .* FAILED|failures:|---- |error)' "$log/cargo-test.log" | head -n 40
    fi
  done
  read -r tests_passed tests_failed tests_ignored < <(count_tests "$log/cargo-test.log")
  [ "$tests_passed" -gt 0 ] || problems+=("cargo test ran no test")
  cargo_summary="cargo test: $tests_passed passed, $tests_failed failed"
  [ "$tests_ignored" -eq 0 ] || cargo_summary+=", $tests_ignored ignored"
  doc_count=$(sed -n '/^+ cargo test .* --doc$/,/^+ /p' "$log/cargo-test.log" |
    grep -oE '^test result: [a-zA-Z]+\. [0-9]+ passed' | grep -oE '[0-9]+' | head -n 1)
  cargo_summary+=" (doc tests: ${doc_count:-none})"
  echo "--- $cargo_summary ($(elapsed "$t0") s)"

  if [ ${#skipped[@]} -gt 0 ]; then
    skip_text="skipped: $(IFS=,; echo "${skipped[*]}" | sed 's/,/, /g')"
  else
    skip_text="skipped: none"
  fi
  line="cross $target ($toolchain): $harness, $threads, $cargo_summary, $skip_text [$(elapsed "$t_target") s]"
  if [ ${#problems[@]} -gt 0 ]; then
    line+=" -- FAILED: $(IFS=';'; echo "${problems[*]}")"
    failed_targets+=("$target")
  fi
  summaries+=("$line")
done

echo
for line in "${summaries[@]}"; do echo "$line"; done
total=${#targets[@]}
echo "cross-test: $((total - ${#failed_targets[@]})) targets passed, ${#failed_targets[@]} failed" \
  "($(elapsed "$started") s)${failed_targets[*]:+: ${failed_targets[*]}}"
[ ${#failed_targets[@]} -eq 0 ]
