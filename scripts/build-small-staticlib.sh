#!/usr/bin/env bash
# Usage: scripts/build-small-staticlib.sh [TARGET]   (default: the host's target triple)
# Builds the static library for shipping with nightly's -Zbuild-std and the standard library's
# `backtrace` feature off: a library never prints a panic backtrace, and std's backtrace printer
# (gimli, addr2line, a demangler and an inflater) is most of what a stable build adds to an app.
# Panics still unwind and are still caught at the C boundary (panic_unwind is kept).
# Output: target/small/<TARGET>/release/libmonaca_cloud_error.a
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-$(rustc -vV | sed -n 's/^host: //p')}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
rustup component add rust-src --toolchain nightly >/dev/null 2>&1
# The builder's paths (checkout, cargo registry, toolchain) do not go into the shipped archive:
# panic locations name files relative to these prefixes instead. RUSTFLAGS reaches only the
# target's crates (--target), never build scripts.
sysroot=$(rustc +nightly --print sysroot)
export RUSTFLAGS="--remap-path-prefix=$PWD=. --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo --remap-path-prefix=$sysroot=/rustc"
cargo +nightly rustc --release --lib --crate-type staticlib --target "$target" \
  --target-dir target/small -Zbuild-std=std,panic_unwind -Zbuild-std-features=
echo "target/small/$target/release/libmonaca_cloud_error.a"
