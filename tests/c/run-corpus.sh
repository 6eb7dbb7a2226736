#!/usr/bin/env bash
# Builds the library and the C corpus program (tests/c/corpus.c, reading tests/corpus/*.json
# with cJSON) and runs it. Installs libcjson-dev when missing. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f /usr/include/cjson/cJSON.h ] || ! command -v gcc >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libcjson-dev >/dev/null
fi
cargo build --release
out=target/c-corpus
mkdir -p "$out"
gcc -std=c99 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -pedantic -Iinclude \
  tests/c/corpus.c target/release/libmonaca_cloud_error.a -lcjson \
  -lpthread -ldl -lm -o "$out/corpus"
"$out/corpus" tests/corpus
