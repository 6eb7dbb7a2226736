#!/usr/bin/env bash
# Regenerates the Performance table of docs/performance.md and the README. Installs the peers
# if missing (cJSON, simdjson 3 and g++ for its shim, Node), builds the simdjson shim
# (benches/peers/build-simdjson-shim.sh), times Node's JSON.parse on the inputs, then runs the
# comparison with every method interleaved in one process (cargo bench --bench compare --
# --interleaved), which prints the table with Node's lines added, and the goal lines.
# Arguments go to the interleaved run: --rounds N (default 151), --batch-ms N (default 2).
# Criterion's sequential groups of the same methods: cargo bench --bench compare.
# Then the other faces against their platforms' parsers (benches/peers.sh: the Kotlin wrapper
# against Gson and Jackson, the WebAssembly read against JSON.parse in headless Chromium, the
# Swift wrapper against JSONSerialization), unless MONACA_BENCH_RUST_ONLY=1.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/debian-packages.sh
source scripts/lib/debian-packages.sh
need_debian_packages libcjson-dev libsimdjson-dev g++
need_commands node:nodejs
bash benches/peers/build-simdjson-shim.sh
cargo bench --bench compare -- --write-inputs
node_json=$(node benches/node_json_parse.js target/bench-inputs)
MONACA_BENCH_NODE="$node_json" cargo bench --bench compare -- --interleaved "$@"
[ "${MONACA_BENCH_RUST_ONLY:-}" = 1 ] || bash benches/peers.sh
