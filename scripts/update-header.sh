#!/usr/bin/env bash
# Regenerates include/monaca_cloud_error.h from src/ffi.rs (cbindgen runs in build.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --lib
generated=$(cargo build --quiet --lib --message-format=json \
  | python3 -c 'import json,sys
for line in sys.stdin:
    m=json.loads(line)
    if m.get("reason")=="build-script-executed" and m["package_id"].find("monaca-cloud-error")>=0:
        print(m["out_dir"])')
cp "$generated/monaca_cloud_error.h" include/monaca_cloud_error.h
echo "include/monaca_cloud_error.h updated"
