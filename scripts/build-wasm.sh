#!/usr/bin/env bash
# Builds the Rust core for browsers (wasm32-unknown-unknown, no JavaScript glue: the C ABI's
# functions are the module's exports, plus monaca_wasm_alloc/monaca_wasm_free from src/wasm.rs)
# and puts it where the Cordova plugin's browser platform takes it from:
#
#   bindings/cordova/native/browser/monaca_cloud_error.wasm
#
# native/ is the plugin's folder of build outputs (gitignored, packed by npm, see
# bindings/cordova/README.md "Release"): the .wasm is built from the sources like the Android and
# iOS libraries, never committed, so it cannot be stale.
#
# Cargo profile `wasm` (Cargo.toml): release with opt-level "s", symbols stripped, panic =
# "abort" (what wasm32-unknown-unknown does anyway: it cannot unwind, so a bug in the core traps).
# Only the cdylib is built (`cargo rustc --crate-type cdylib`), not the rlib and staticlib.
# wasm-opt, when installed, shrinks it further; it is not required.
#
# Usage: scripts/build-wasm.sh [OUT]  writes OUT (default above); prints the path, the size and
#        the gzip -9 size
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=wasm32-unknown-unknown
out="${1:-$root/bindings/cordova/native/browser/monaca_cloud_error.wasm}"

if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi
cargo rustc --quiet --manifest-path "$root/Cargo.toml" --lib --crate-type cdylib --target "$target" --profile wasm
built="$root/target/$target/wasm/monaca_cloud_error.wasm"

mkdir -p "$(dirname "$out")"
if command -v wasm-opt >/dev/null 2>&1; then
  wasm-opt -Os --strip-debug "$built" -o "$out.tmp"
  mv "$out.tmp" "$out"
else
  cp "$built" "$out"
fi
echo "build-wasm.sh: $out: $(wc -c <"$out") bytes, $(gzip -9c "$out" | wc -c) gzipped"
