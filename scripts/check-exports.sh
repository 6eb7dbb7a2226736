#!/usr/bin/env bash
# Usage: scripts/check-exports.sh ARCHIVE [NM]
# Fails, listing them, when a function declared in include/monaca_cloud_error.h is not defined
# (as a global function) in ARCHIVE. ELF archives are read with readelf (GNU nm's LTO plugin
# misreads Rust objects); pass an nm that reads the format (llvm-nm for Mach-O) as NM otherwise.
set -euo pipefail
archive=${1:?usage: check-exports.sh ARCHIVE [NM]}
nm_tool=${2:-}
header="$(dirname "$0")/../include/monaca_cloud_error.h"
declared=$(grep -oE '\bmonaca_[a-z0-9_]+\(' "$header" | tr -d '(' | sort -u)
# Mach-O symbols carry a leading underscore; strip it so both formats compare alike.
if [ -z "$nm_tool" ]; then
  defined=$(readelf -sW "$archive" | awk '$4 == "FUNC" && $5 == "GLOBAL" && $7 != "UND" {print $8}' | sort -u)
else
  # shellcheck disable=SC2086 # NM may carry flags, e.g. "llvm-nm --no-llvm-bc"
  defined=$({ $nm_tool -g --defined-only "$archive" 2>/dev/null || true; } | awk '$2 == "T" {print $3}' | sed 's/^_//' | sort -u)
fi
missing=$(comm -23 <(echo "$declared") <(echo "$defined"))
count=$(echo "$declared" | wc -l)
if [ -n "$missing" ]; then
  echo "check-exports: $archive lacks $(echo "$missing" | wc -l) of $count header functions:" >&2
  echo "$missing" >&2
  exit 1
fi
echo "check-exports: $archive defines all $count header functions"
