#!/usr/bin/env bash
# Regenerates the committed generated files: the C header (cbindgen, from src/ffi.rs), every
# face's code catalogue (from src/codes.rs), the bindings' README tables and the version of
# Cargo.toml in every manifest. tests/generated.rs fails while any is stale (and while plugin.xml
# does not name exactly the wrapper files of bindings/android and bindings/ios: that list is
# edited by hand). The Cordova plugin commits no copies: scripts/package.sh assembles its folder.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --features generate-header  # the header (build.rs)
MONACA_UPDATE_GENERATED=1 cargo test --quiet --test generated
