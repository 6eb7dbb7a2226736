#!/usr/bin/env bash
# The opt-in header generator (build.rs, `cargo build --features generate-header`) rewrites a
# stale include/monaca_cloud_error.h into exactly the committed one (which tests/generated.rs
# holds to cbindgen's output), and a build without the feature compiles no cbindgen.
set -euo pipefail
cd "$(dirname "$0")/.."
header=include/monaca_cloud_error.h
saved=$(mktemp)
trap 'cp "$saved" "$header"; rm -f "$saved"' EXIT
cp "$header" "$saved"
if cargo tree -e build --prefix none 2>/dev/null | grep -q '^cbindgen '; then
  echo "FAIL: a build without the feature depends on cbindgen" >&2
  exit 1
fi
echo "/* stale */" >>"$header"
cargo build --quiet --features generate-header
if cmp -s "$header" "$saved"; then
  echo "ok: cargo build --features generate-header rewrote the stale header to the committed one"
else
  diff "$saved" "$header" | head -20 >&2
  echo "FAIL: the generated header differs from the committed one" >&2
  exit 1
fi
