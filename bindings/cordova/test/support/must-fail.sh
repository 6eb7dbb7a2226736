# Shared by test/install.sh and test/capacitor.sh (source it): shows that a placement check can
# fail before the plugin is installed, and on every declared entry rather than by crashing.
#
#   check_fails_before LABEL MINIMUM LOG COMMAND...
#     runs COMMAND (a check that ends with support/placement.js's "NAME: N passed, M failed"
#     line) into LOG; exits the calling script when it passes, or when it reports fewer than
#     MINIMUM failing checks. $test_name names the calling test in its messages.
check_fails_before() {
  local label=$1 minimum=$2 log=$3 failures
  shift 3
  echo "--- before the plugin is installed, $label must fail"
  if "$@" >"$log" 2>&1; then
    cat "$log"
    echo "$test_name: FAIL ($label passed although the plugin is not installed)"
    exit 1
  fi
  failures=$(sed -n 's/^[^:]*: [0-9]* passed, \([0-9]*\) failed$/\1/p' "$log" | tail -1)
  if [ -z "$failures" ] || [ "$failures" -lt "$minimum" ]; then
    cat "$log"
    echo "$test_name: FAIL (expected at least $minimum failing checks before the install, got '$failures')"
    exit 1
  fi
  echo "ok: it fails ($failures failing checks, at least $minimum expected)"
}
