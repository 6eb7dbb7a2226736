#!/usr/bin/env bash
# Builds the library, compiles the C harness against its static archive, and runs it.
# Exits non-zero when the build, the compile or any check fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

# A C compiler is all the harness needs beyond cargo (installed only when missing).
if ! command -v gcc >/dev/null; then
  apt-get update && apt-get install -y gcc
fi

cargo build --release

# The crate version, from the [package] table of Cargo.toml.
version=$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml)
[ -n "$version" ] || { echo "run.sh: no version in Cargo.toml" >&2; exit 1; }

out=target/c-harness
mkdir -p "$out"
gcc -std=c99 -Wall -Wextra -Werror -pedantic \
  -DEXPECTED_VERSION="\"$version\"" -Iinclude \
  tests/c/harness.c target/release/libmonaca_cloud_error.a \
  -lpthread -ldl -lm -o "$out/harness"
"$out/harness"
