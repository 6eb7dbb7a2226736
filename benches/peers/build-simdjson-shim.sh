#!/usr/bin/env bash
# Builds benches/peers/simdjson_shim.cpp (a C ABI over simdjson 3) into
# target/peers/libsimdjson_shim.so, which benches/compare.rs loads with dlopen when it is there
# (and skips, saying so, when it is not). Installs g++ and libsimdjson-dev if missing.
# -march=native: the on-demand API is compiled into the shim, so this gives it the best kernel
# of this machine (the DOM parser picks its kernel at run time inside libsimdjson.so anyway).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/lib/debian-packages.sh
source scripts/lib/debian-packages.sh
need_debian_packages libsimdjson-dev g++
mkdir -p target/peers
g++ -std=c++17 -O3 -march=native -DNDEBUG -fPIC -shared -Wall -Wextra \
  benches/peers/simdjson_shim.cpp -lsimdjson -o target/peers/libsimdjson_shim.so
echo "built target/peers/libsimdjson_shim.so" >&2
