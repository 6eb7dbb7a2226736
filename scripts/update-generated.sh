#!/usr/bin/env bash
# Regenerates the committed generated files (the C header by cbindgen from src/ffi.rs, and
# every face's code catalogue from src/codes.rs); tests/generated.rs fails while they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
MONACA_UPDATE_GENERATED=1 cargo test --quiet --test generated
