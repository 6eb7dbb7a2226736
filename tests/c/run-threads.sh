#!/usr/bin/env bash
# Builds the library, compiles the thread test (tests/c/threads.c) against its static archive
# with gcc -O2, and runs it. Exits non-zero when the build, the compile or any check fails.
#   tests/c/run-threads.sh [SCALE]     SCALE multiplies the rounds (default 1)
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v gcc >/dev/null; then
  apt-get update && apt-get install -y gcc
fi

cargo build --release

out=target/c-threads
mkdir -p "$out"
gcc -std=c99 -Wall -Wextra -Werror -pedantic -O2 -Iinclude \
  tests/c/threads.c target/release/libmonaca_cloud_error.a \
  -lpthread -ldl -lm -o "$out/threads"
timeout 300 "$out/threads" "$@"
