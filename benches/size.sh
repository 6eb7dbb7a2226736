#!/usr/bin/env bash
# What the library adds to an app, per shipped target, and the limit it must stay under.
#
# 1. x86_64 Linux: a C program that calls every function (benches/size/uses_every_function.c),
#    linked with -Wl,--gc-sections and stripped, minus the same program without the library:
#    for the stable build (cargo build --release) and for the build that ships
#    (scripts/build-small-staticlib.sh).
# 2. Every ABI the plugin ships (Android: arm64-v8a, armeabi-v7a, x86, x86_64; iOS: arm64
#    device, arm64 and x86_64 simulators): a shared library that exports every header function,
#    linked from the shipped archive by rustc's own lld (gnu flavour with --gc-sections and -s,
#    darwin flavour with -dead_strip and -x), minus an empty shared library of the same target,
#    counted in the bytes of its code and data sections (llvm-objdump -h: TEXT and DATA
#    sections; zero-fill and non-loaded sections are not counted): a file's size would count
#    page padding, up to 16 KiB per Mach-O segment, which an app's own segments absorb.
#    The C library, the unwinder and the other system libraries stay undefined (dynamic), as on
#    iOS; an Android app's JNI library also links the NDK's libunwind.a, which is not counted
#    (no NDK here).
#
# The goal is at most 100 KiB everywhere; each line says whether it is met. Exits non-zero when
# the shipped build adds more anywhere, or when a build fails. Section 3 also reports whether
# the shipped build reads responses within 5% of opt-level 3 (instructions; never a failure).
set -euo pipefail
cd "$(dirname "$0")/.."
goal=$((100 * 1024))
out=target/size
mkdir -p "$out"
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
failed=0
report() { # report NAME BYTES
  local verdict="goal met (at most 100 KiB)"
  [ "$2" -le "$goal" ] || { verdict="goal MISSED (at most 100 KiB): FAILED"; failed=1; }
  printf '%-40s adds %7d bytes (%s): %s\n' "$1" "$2" "$(kib "$2")" "$verdict"
}
# Bytes of the code and data sections of a linked file (what it loads, before page padding).
section_bytes() {
  llvm-objdump -h "$1" | python3 -c 'import sys
print(sum(int(f[2], 16) for f in map(str.split, sys.stdin) if len(f) >= 5 and f[-1] in ("TEXT", "DATA")))'
}

# shellcheck source=scripts/lib/debian-packages.sh
source scripts/lib/debian-packages.sh
need_commands clang:clang llvm-objdump:llvm

# ---- 1. x86_64 Linux program ------------------------------------------------------------------
# SIZE_ONLY=NAME,NAME... (the names printed below) measures only those.
if [ -z "${SIZE_ONLY:-}" ] || [[ ",$SIZE_ONLY," == *",x86_64-linux,"* ]]; then
  flags=(-O2 -std=c99 -Iinclude -ffunction-sections -fdata-sections -Wl,--gc-sections -s)
  gcc "${flags[@]}" benches/size/empty.c -o "$out/empty"
  empty=$(stat -c %s "$out/empty")
  added_by() { # added_by ARCHIVE NAME: prints the bytes the archive adds
    gcc "${flags[@]}" benches/size/uses_every_function.c "$1" -lpthread -ldl -lm -o "$out/$2"
    "$out/$2" '{"error":{"code":-32602,"message":"m","data":{"a":"b"}}}' >/dev/null
    echo $(( $(stat -c %s "$out/$2") - empty ))
  }
  cargo build --release --lib --quiet
  stable=$(added_by target/release/libmonaca_cloud_error.a stable)
  host=$(rustc -vV | sed -n 's/^host: //p')
  shipped=$(bash scripts/build-small-staticlib.sh "$host" 2>/dev/null | tail -1)
  printf '%-40s adds %7d bytes (%s): not shipped\n' "x86_64-linux program, stable build" "$stable" "$(kib "$stable")"
  report "x86_64-linux program, shipped build" "$(added_by "$shipped" small)"
fi

# ---- 2. every shipped ABI ---------------------------------------------------------------------
sysroot=$(rustc +nightly --print sysroot)
lld="$sysroot/lib/rustlib/$(rustc +nightly -vV | sed -n 's/^host: //p')/bin/rust-lld"
[ -x "$lld" ] || { echo "size.sh: $lld not found" >&2; exit 1; }
functions=$(grep -oE '\bmonaca_[a-z0-9_]+\(' include/monaca_cloud_error.h | tr -d '(' | sort -u)
printf '{ global:\n%s\nlocal: *; };\n' "$(sed 's/$/;/' <<<"$functions")" >"$out/exports.map"
sed 's/^/_/' <<<"$functions" >"$out/exports.txt"

# name  rust target  clang target  linker flavour and flags
targets=(
  "android-arm64-v8a|aarch64-linux-android|aarch64-linux-android21|gnu -m aarch64linux"
  "android-armeabi-v7a|armv7-linux-androideabi|armv7a-linux-androideabi21|gnu -m armelf_linux_eabi"
  "android-x86|i686-linux-android|i686-linux-android21|gnu -m elf_i386"
  "android-x86_64|x86_64-linux-android|x86_64-linux-android21|gnu -m elf_x86_64"
  "ios-arm64|aarch64-apple-ios|arm64-apple-ios13.0|darwin -arch arm64 -platform_version ios 13.0 13.0"
  "ios-simulator-arm64|aarch64-apple-ios-sim|arm64-apple-ios14.0-simulator|darwin -arch arm64 -platform_version ios-simulator 14.0 14.0"
  "ios-simulator-x86_64|x86_64-apple-ios|x86_64-apple-ios13.0-simulator|darwin -arch x86_64 -platform_version ios-simulator 13.0 13.0"
)
shared_library() { # shared_library FLAVOUR_AND_FLAGS OUTPUT INPUT...
  local flavour_flags=$1 output=$2
  shift 2
  read -r -a link <<<"$flavour_flags"
  if [ "${link[0]}" = gnu ]; then
    "$lld" -flavor "${link[@]}" -shared --gc-sections -s --version-script="$out/exports.map" \
      $(sed 's/^/-u /' <<<"$functions") "$@" -o "$output"
  else
    "$lld" -flavor "${link[@]}" -dylib -dead_strip -x -undefined dynamic_lookup \
      -exported_symbols_list "$out/exports.txt" $(sed 's/^_*/-u _/' <<<"$functions") "$@" -o "$output"
  fi
}
for row in "${targets[@]}"; do
  IFS='|' read -r name rust_target clang_target link <<<"$row"
  [ -z "${SIZE_ONLY:-}" ] || [[ ",$SIZE_ONLY," == *",$name,"* ]] || continue
  archive=$(bash scripts/build-small-staticlib.sh "$rust_target" 2>/dev/null | tail -1) \
    || { echo "size.sh: the $rust_target build failed" >&2; exit 1; }
  clang --target="$clang_target" -c -x c /dev/null -o "$out/$name-empty.o"
  if [ "${link%% *}" = gnu ]; then
    "$lld" -flavor ${link} -shared -s "$out/$name-empty.o" -o "$out/$name-empty.so"
  else
    "$lld" -flavor ${link} -dylib -x "$out/$name-empty.o" -o "$out/$name-empty.so"
  fi
  shared_library "$link" "$out/$name.so" "$out/$name-empty.o" "$archive"
  report "$name shared library" $(( $(section_bytes "$out/$name.so") - $(section_bytes "$out/$name-empty.so") ))
done

# ---- 3. the shipped build's speed -------------------------------------------------------------
# The goal: the shipped build within 5% of the same build at opt-level 3 (std and this crate) in
# instructions per input read (benches/size/read_input.c: the handle, its code, message and
# every parameter's messages, then free), counted by cachegrind on x86_64 Linux: the count of
# ROUNDS2 reads minus ROUNDS1 reads, per read (startup and reading the file cancel out).
# Instructions, not time: repeatable on a busy machine. Reported, never a failure.
if [ -z "${SIZE_ONLY:-}" ] || [[ ",$SIZE_ONLY," == *",speed,"* ]]; then
  need_commands valgrind:valgrind
  host=$(rustc -vV | sed -n 's/^host: //p')
  rustc -O --edition 2021 benches/peers/write_inputs.rs -o target/write-inputs
  target/write-inputs "$out/inputs" >/dev/null
  for build in ship o3; do
    if [ "$build" = ship ]; then archive=$(bash scripts/build-small-staticlib.sh "$host" 2>/dev/null | tail -1)
    else archive=$(bash scripts/build-small-staticlib.sh "$host" --opt-level-3 2>/dev/null | tail -1); fi
    gcc -O2 -std=c99 -Iinclude benches/size/read_input.c "$archive" -lpthread -ldl -lm -o "$out/read-$build"
  done
  instructions() { # instructions PROGRAM INPUT ROUNDS: instructions of the whole run
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$1" "$2" "$3" 2>&1 >/dev/null |
      sed -n 's/.*I *refs: *//p' | tr -d ,
  }
  per_read() { # per_read PROGRAM INPUT ROUNDS1 ROUNDS2
    echo $(( ($(instructions "$1" "$2" "$4") - $(instructions "$1" "$2" "$3")) / ($4 - $3) ))
  }
  for row in "S1 1000 11000" "S2 1000 11000" "L1 2 7" "L2 2 7"; do
    read -r input rounds1 rounds2 <<<"$row"
    ship=$(per_read "$out/read-ship" "$out/inputs/$input.json" "$rounds1" "$rounds2")
    o3=$(per_read "$out/read-o3" "$out/inputs/$input.json" "$rounds1" "$rounds2")
    awk -v name="$input" -v s="$ship" -v o="$o3" 'BEGIN {
      r = s / o
      printf "%-40s %d instructions per read, opt-level 3: %d (%+.1f%%): %s\n", "speed, shipped build, " name, s, o,
        (r - 1) * 100, r <= 1.05 ? "goal met (within 5%)" : "goal MISSED (within 5%)"
    }'
  done
fi
exit "$failed"
