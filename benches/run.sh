#!/usr/bin/env bash
# Regenerates the README's Performance table: runs the criterion comparison (this library's C
# entry point, serde_json's Value, cJSON) and Node's JSON.parse on the same inputs, and prints
# the median of each with its ratio to this library. Installs cJSON (libcjson-dev) if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/debian-packages.sh
source scripts/lib/debian-packages.sh
need_debian_packages libcjson-dev
cargo bench --bench compare -- "${@}"
node_json=$(node benches/node_json_parse.js target/bench-inputs)
python3 - "$node_json" <<'PY'
import json, os, sys
node = json.loads(sys.argv[1])
sizes = {name: os.path.getsize(f"target/bench-inputs/{name}.json") for name in node}
methods = ["monaca_error_from_response", "serde_json_value", "cjson"]

def median_ns(group, method):
    path = f"target/criterion/{group}/{method}/{sizes[group]}/new/estimates.json"
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"]

def show(ns):
    return f"{ns / 1e6:.3f} ms" if ns >= 1e5 else f"{ns:.0f} ns"

print("| input | method | median | throughput | time / ours |")
print("| --- | --- | ---: | ---: | ---: |")
for group in ["S1", "S2", "L1", "L2"]:
    ours = median_ns(group, methods[0])
    rows = [(m, median_ns(group, m)) for m in methods] + [("node JSON.parse", node[group])]
    for method, ns in rows:
        gbps = sizes[group] / ns  # bytes per ns = GB/s
        print(f"| {group} ({sizes[group]} B) | {method} | {show(ns)} | {gbps:.2f} GB/s | {ns / ours:.2f}x |")
PY
