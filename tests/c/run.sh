#!/usr/bin/env bash
# Builds the library, compiles the C harness against its static archive, and runs it.
# Exits non-zero when the build, the compile or any check fails.
#
# By default everything is for the host. For another target (scripts/cross-test.sh does this),
# set in the environment:
#   TARGET  a Rust target triple: the library is built with `cargo build --release --lib
#           --target TARGET` and target/TARGET/release/libmonaca_cloud_error.a is linked
#   CC      the C compiler for that target (default gcc), e.g. aarch64-linux-gnu-gcc
#   RUNNER  the command that runs the compiled program, split at spaces (default: run it
#           directly), e.g. "qemu-aarch64 -L /usr/aarch64-linux-gnu"
# (a cross TARGET also needs CARGO_TARGET_<TRIPLE>_LINKER for cargo).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

cc=${CC:-gcc}
target=${TARGET:-}
read -r -a runner <<<"${RUNNER:-}"

# A C compiler is all the harness needs beyond cargo (gcc installed only when missing).
if [ "$cc" = gcc ] && ! command -v gcc >/dev/null; then
  apt-get update && apt-get install -y gcc
fi

if [ -n "$target" ]; then
  cargo build --release --lib --target "$target"
  lib=target/$target/release/libmonaca_cloud_error.a
  out=target/c-harness/$target
else
  cargo build --release
  lib=target/release/libmonaca_cloud_error.a
  out=target/c-harness
fi

# The crate version, from the [package] table of Cargo.toml.
version=$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml)
[ -n "$version" ] || { echo "run.sh: no version in Cargo.toml" >&2; exit 1; }

mkdir -p "$out"
"$cc" -std=c99 -Wall -Wextra -Werror -pedantic \
  -DEXPECTED_VERSION="\"$version\"" -Iinclude \
  tests/c/harness.c "$lib" \
  -lpthread -ldl -lm -o "$out/harness"
"${runner[@]}" "$out/harness"
