#!/usr/bin/env bash
# Measures what linking the static library adds to a C program (x86_64, -Wl,--gc-sections,
# stripped) for the stable build and for the size-optimised build of
# scripts/build-small-staticlib.sh, and the object sizes of the Android and iOS archives where
# they were built here. Exits non-zero when the shipping (small) build adds more than 300 KiB.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/size
mkdir -p "$out"
flags=(-O2 -std=c99 -Iinclude -ffunction-sections -fdata-sections -Wl,--gc-sections -s)
gcc "${flags[@]}" benches/size/empty.c -o "$out/empty"
empty=$(stat -c %s "$out/empty")

added_by() { # added_by ARCHIVE NAME: prints the bytes the archive adds
  gcc "${flags[@]}" benches/size/uses_every_function.c "$1" -lpthread -ldl -lm -o "$out/$2"
  "$out/$2" '{"error":{"code":-32602,"message":"m","data":{"a":"b"}}}' >/dev/null
  echo $(( $(stat -c %s "$out/$2") - empty ))
}
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }

cargo build --release --lib --quiet
stable=$(added_by target/release/libmonaca_cloud_error.a stable)
host=$(rustc -vV | sed -n 's/^host: //p')
small_lib=$(bash scripts/build-small-staticlib.sh "$host" 2>/dev/null | tail -1)
small=$(added_by "$small_lib" small)
echo "x86_64-linux, stable build:        adds $stable bytes ($(kib "$stable")) to a stripped C program"
echo "x86_64-linux, build-small (ship):  adds $small bytes ($(kib "$small")) (limit 300 KiB)"

# Object sizes of the cross-built archives (every member: std included, before an app's linker
# drops what it does not use), and of this crate's own objects.
for triple in aarch64-linux-android aarch64-apple-ios; do
  archive=target/$triple/release/libmonaca_cloud_error.a
  if [ ! -f "$archive" ]; then
    echo "$triple: not built here (bindings/android/test.sh and bindings/ios/test.sh build it)"
    continue
  fi
  # llvm-size prints text/data/... (ELF) or __TEXT/__DATA/... (Mach-O) per member: the first
  # two columns are code and data either way (Mach-O's "others" is bitcode and debug info).
  # With LTO the crate's own member holds everything of std it reaches.
  llvm-size-14 "$archive" 2>/dev/null | awk -v t="$triple" '
    $1 ~ /^[0-9]+$/ && $0 !~ /TOTALS/ {
      all += $1 + $2; if ($0 ~ /monaca_cloud_error-[0-9a-f]+\.monaca_cloud_error/) own += $1 + $2
    }
    END { printf "%s (stable): code+data %d bytes in all members, %d in the LTO-merged crate object\n", t, all, own }'
done
[ "$small" -le $((300 * 1024)) ]
