# Shared by the bindings' test scripts (source it): named checks that count passes and failures.
#   check NAME COMMAND...             passes when COMMAND succeeds
#   check_fails NAME PATTERN COMMAND... passes when COMMAND fails with output matching PATTERN
#                                     (so a negative check fails for the intended reason)
# The caller prints "$passed passed, $failed failed" and exits non-zero when failed > 0.
passed=0
failed=0

check() {
  local name=$1
  shift
  echo "--- $name"
  if "$@"; then
    echo "ok: $name"
    passed=$((passed + 1))
  else
    echo "FAIL: $name"
    failed=$((failed + 1))
  fi
}

check_fails() {
  local name=$1 pattern=$2
  shift 2
  echo "--- $name"
  local output
  if output=$("$@" 2>&1); then
    echo "$output"
    echo "FAIL: $name (the command succeeded but must fail)"
    failed=$((failed + 1))
  elif grep -qE "$pattern" <<<"$output"; then
    echo "ok: $name (failed as it must: $(grep -m1 -E "$pattern" <<<"$output"))"
    passed=$((passed + 1))
  else
    echo "$output"
    echo "FAIL: $name (failed, but not with /$pattern/)"
    failed=$((failed + 1))
  fi
}
