#!/usr/bin/env bash
# Regenerates the committed generated files: the C header (cbindgen, from src/ffi.rs), every
# face's code catalogue (from src/codes.rs), the bindings' README tables, the Cordova plugin's
# copies (wrappers, JNI shim, header, R8 rules, LICENSE, CHANGELOG.md) and the version of
# Cargo.toml in every manifest. tests/generated.rs fails while any is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --features generate-header  # the header (build.rs)
MONACA_UPDATE_GENERATED=1 cargo test --quiet --test generated
