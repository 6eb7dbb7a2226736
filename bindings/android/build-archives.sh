#!/usr/bin/env bash
# Builds the four Android static archives, without the NDK, laid out for the plugin's CMake
# route (jni/CMakeLists.txt with MONACA_PREBUILT_DIR):
#
#     OUT_DIR/<abi>/libmonaca_cloud_error.a     abi: arm64-v8a armeabi-v7a x86 x86_64
#
# Each is the size-optimised build (scripts/build-small-staticlib.sh: nightly -Zbuild-std, std
# without its backtrace printer), with the LLVM bitcode that std's compiler_builtins member
# carries removed (no Android link uses it). Nothing is linked here: the app's Gradle build links
# each archive with the JNI shim into libmonaca_cloud_error_jni.so, with the NDK it installs.
# Every archive is checked: ELF objects of the ABI's machine only, every header function defined.
#
# Usage: bindings/android/build-archives.sh [OUT_DIR]   (default: target/android/lib)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out_dir=${1:-$root/target/android/lib}
lib=libmonaca_cloud_error.a

die() { echo "build-archives.sh: $*" >&2; exit 1; }

sysroot=$(rustc +nightly --print sysroot)
host=$(rustc +nightly -vV | sed -n 's/^host: //p')
objcopy() { LD_LIBRARY_PATH="$sysroot/lib" DYLD_LIBRARY_PATH="$sysroot/lib" "$sysroot/lib/rustlib/$host/bin/rust-objcopy" "$@"; }

# abi  rust target  ELF e_machine (EM_AARCH64, EM_ARM, EM_386, EM_X86_64)
abis=(
  "arm64-v8a    aarch64-linux-android    183"
  "armeabi-v7a  armv7-linux-androideabi  40"
  "x86          i686-linux-android       3"
  "x86_64       x86_64-linux-android     62"
)
for row in "${abis[@]}"; do
  read -r abi target machine <<<"$row"
  echo "== $abi ($target, small build)"
  bash "$root/scripts/build-small-staticlib.sh" "$target" >/dev/null || die "the $target build failed"
  built="$root/target/small/$target/ship/$lib"
  mkdir -p "$out_dir/$abi"
  objcopy --remove-section=.llvmbc --remove-section=.llvmcmd "$built" "$out_dir/$abi/$lib" \
    || die "could not remove the bitcode from $built"

  # e_machine of every member (readelf -h prints one header per member of an archive).
  machines=$(readelf -h "$out_dir/$abi/$lib" | awk '/Machine:/ {$1 = ""; print}' | sort -u)
  numbers=$(python3 - "$out_dir/$abi/$lib" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data.startswith(b"!<arch>\n"), "not an ar archive"
pos, found = 8, set()
while pos + 60 <= len(data):
    size = int(data[pos + 48:pos + 58])
    body = data[pos + 60:pos + 60 + size]
    if body[:4] == b"\x7fELF":
        found.add(struct.unpack_from("<H", body, 18)[0])
    pos += 60 + size + (size & 1)
print(" ".join(str(m) for m in sorted(found)))
EOF
)
  [ "$numbers" = "$machine" ] || die "$abi: members of ELF machine '$numbers' ($machines), expected $machine"
  ! readelf -SW "$out_dir/$abi/$lib" | grep -q '\.llvmbc' || die "$abi: bitcode left in the archive"
  bash "$root/scripts/check-exports.sh" "$out_dir/$abi/$lib" >/dev/null || die "$abi: header functions missing"
  echo "   $out_dir/$abi/$lib: ELF machine $machine ($(echo $machines)), every header function, $(stat -c %s "$out_dir/$abi/$lib") bytes"
done
