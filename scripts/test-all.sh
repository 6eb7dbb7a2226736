#!/usr/bin/env bash
# The project's one test command (README): runs every test suite, installs what they need on a
# fresh Debian machine, prints a summary, and exits non-zero when any suite fails.
set -uo pipefail
cd "$(dirname "$0")/.."

failed=()
passed=()
step() {
  local name=$1
  shift
  echo
  echo "=== $name: $*"
  local started=$SECONDS
  if "$@"; then
    passed+=("$name")
    echo "=== $name passed in $((SECONDS - started)) s"
  else
    echo "=== $name FAILED after $((SECONDS - started)) s"
    failed+=("$name")
  fi
}

# The comparison bench, which `cargo test --all-targets` builds and runs once, links cJSON.
# shellcheck source=scripts/lib/debian-packages.sh
source scripts/lib/debian-packages.sh
need_debian_packages libcjson-dev

step "rust-tests" cargo test --all-targets
step "doc-tests" cargo test --doc
step "jsontestsuite" cargo test --test jsontestsuite -- --nocapture
step "memory-peak" cargo test --release --test memory_peak -- --nocapture
step "panic-boundary" cargo test --features panic-injection --test panic_boundary
step "ship-panic-boundary" bash scripts/ship-panic-boundary.sh
step "clippy" cargo clippy --all-targets -- -D warnings
step "header-generator" bash scripts/check-header-generator.sh
step "c-harness" bash tests/c/run.sh
step "c-threads" bash tests/c/run-threads.sh
step "c-corpus" bash tests/c/run-corpus.sh
step "sanitizers" bash scripts/sanitize.sh
step "tsan" bash scripts/tsan.sh
step "fuzz" bash scripts/fuzz.sh 20
step "size" bash benches/size.sh
step "android" bash bindings/android/test.sh
step "android-arm" bash bindings/android/test-arm.sh
step "ios" bash bindings/ios/test.sh
step "cross" bash scripts/cross-test.sh
step "cordova" bash bindings/cordova/test.sh
step "package" bash scripts/test-package.sh
step "examples" bash examples/test.sh

echo
echo "=== summary: ${#passed[@]} suites passed, ${#failed[@]} failed"
for name in "${failed[@]}"; do echo "    FAILED: $name"; done
[ ${#failed[@]} -eq 0 ]
