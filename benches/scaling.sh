#!/usr/bin/env bash
# How reading a body scales with its size, 100 B to 64 MiB (issue 19): the criterion bench
# benches/scaling.rs (time, through the C entry point and the Rust call layer), then
# examples/scaling_memory.rs once per size in a fresh process (the growth of the peak resident
# size while the body is read, the body itself made before). Prints one line per size and
# method with its verdict:
#   time: linear with no cliff, i.e. from 16 KiB up (below, the cost of a call dominates) the
#         time per byte at most 1.5x that of the 1 MiB body (L1's size);
#   memory: the peak grows by at most 1 MiB (a constant) beyond the body, whatever its size.
# Criterion arguments pass through (e.g. --quick). Linux only (/proc).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench scaling -- "$@"
cargo build --release --example scaling_memory --quiet
memory=$(for size in 100 1024 16384 262144 1048576 4194304 16777216 67108864; do
  target/release/examples/scaling_memory "$size"
done)
python3 - "$memory" <<'PY'
import json, sys
memory = dict(map(int, line.split()) for line in sys.argv[1].splitlines())
sizes = sorted(memory)
methods = ["monaca_error_from_response", "cloud_response_from_exchange"]
CLIFF, CONSTANT, LINEAR_FROM = 1.5, 1 << 20, 16 << 10

def median_ns(method, size):
    path = f"target/criterion/scaling/{method}/{size}/new/estimates.json"
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"]

def show_size(n):
    return f"{n >> 20} MiB" if n >= 1 << 20 else f"{n >> 10} KiB" if n >= 1 << 10 else f"{n} B"

missed = 0
print("| body | method | median | GB/s | time verdict | peak growth | memory verdict |")
print("| --- | --- | ---: | ---: | --- | ---: | --- |")
for method in methods:
    per_byte = {size: median_ns(method, size) / size for size in sizes}
    reference = per_byte[1 << 20]
    for size in sizes:
        ns = median_ns(method, size)
        if size < LINEAR_FROM:
            time_verdict = "(the call's own cost dominates)"
        elif per_byte[size] <= CLIFF * reference:
            time_verdict = f"goal met ({per_byte[size] / reference:.2f}x the 1 MiB body's ns/byte)"
        else:
            time_verdict = f"goal MISSED ({per_byte[size] / reference:.2f}x the 1 MiB body's ns/byte, over {CLIFF}x)"
            missed += 1
        grown = memory[size]
        memory_verdict = "goal met (under 1 MiB)" if grown <= CONSTANT else "goal MISSED (over 1 MiB)"
        missed += grown > CONSTANT
        shown = f"{ns / 1e6:.3f} ms" if ns >= 1e5 else f"{ns:.0f} ns"
        print(f"| {show_size(size)} | {method} | {shown} | {size / ns:.2f} | {time_verdict} | "
              f"{grown / 1024:.0f} KiB | {memory_verdict} |")
print(f"scaling: {'every goal met' if missed == 0 else f'{missed} goal(s) MISSED'}")
PY
