#!/usr/bin/env bash
# Builds the four Android static archives, without the NDK, laid out for the plugin's CMake
# route (jni/CMakeLists.txt with MONACA_PREBUILT_DIR):
#
#     OUT_DIR/<abi>/libmonaca_cloud_error.a     abi: arm64-v8a armeabi-v7a x86 x86_64
#
# Each is the size-optimised build (scripts/build-small-staticlib.sh: nightly -Zbuild-std, std
# without its backtrace printer, no LLVM bitcode). Nothing is linked here: the app's Gradle build links
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

# abi, rust target, and the ELF machine readelf names (EM_AARCH64, EM_ARM, EM_386, EM_X86_64)
abis=(
  "arm64-v8a|aarch64-linux-android|AArch64"
  "armeabi-v7a|armv7-linux-androideabi|ARM"
  "x86|i686-linux-android|Intel 80386"
  "x86_64|x86_64-linux-android|Advanced Micro Devices X86-64"
)
for row in "${abis[@]}"; do
  IFS='|' read -r abi target machine <<<"$row"
  echo "== $abi ($target, small build)"
  built=$(bash "$root/scripts/build-small-staticlib.sh" "$target" | tail -1) || die "the $target build failed"
  mkdir -p "$out_dir/$abi"
  cp "$built" "$out_dir/$abi/$lib"

  # The machine of every member (readelf -h prints one ELF header per member of an archive).
  members=$(readelf -h "$out_dir/$abi/$lib" | grep -c 'Machine:')
  machines=$(readelf -h "$out_dir/$abi/$lib" | sed -n 's/^ *Machine: *//p' | sort -u)
  [ "$members" -ge 1 ] && [ "$machines" = "$machine" ] \
    || die "$abi: $members members of ELF machine '$machines', expected '$machine'"
  ! readelf -SW "$out_dir/$abi/$lib" | grep -q '\.llvmbc' || die "$abi: bitcode left in the archive"
  bash "$root/scripts/check-exports.sh" "$out_dir/$abi/$lib" >/dev/null || die "$abi: header functions missing"
  echo "   $out_dir/$abi/$lib: $members members, ELF machine $machine, every header function, $(stat -c %s "$out_dir/$abi/$lib") bytes"
done
