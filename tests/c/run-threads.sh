#!/usr/bin/env bash
# Builds the library, compiles the thread test (tests/c/threads.c) against its static archive
# with gcc -O2, and runs it. Exits non-zero when the build, the compile or any check fails.
#   tests/c/run-threads.sh [SCALE]     SCALE multiplies the rounds (default 1)
#
# By default everything is for the host. For another target (scripts/cross-test.sh does this),
# set TARGET (a Rust target triple), CC (its C compiler) and RUNNER (the command that runs the
# program, split at spaces, e.g. "qemu-arm -L /usr/arm-linux-gnueabihf"), as for tests/c/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

cc=${CC:-gcc}
target=${TARGET:-}
read -r -a runner <<<"${RUNNER:-}"

if [ "$cc" = gcc ] && ! command -v gcc >/dev/null; then
  apt-get update && apt-get install -y gcc
fi

if [ -n "$target" ]; then
  cargo build --release --lib --target "$target"
  lib=target/$target/release/libmonaca_cloud_error.a
  out=target/c-threads/$target
else
  cargo build --release
  lib=target/release/libmonaca_cloud_error.a
  out=target/c-threads
fi

mkdir -p "$out"
"$cc" -std=c99 -Wall -Wextra -Werror -pedantic -O2 -Iinclude \
  tests/c/threads.c "$lib" \
  -lpthread -ldl -lm -o "$out/threads"
timeout 300 "${runner[@]}" "$out/threads" "$@"
