#!/usr/bin/env bash
# Copies what the plugin needs from the rest of the repository into the plugin's native/ folder
# (gitignored), so that the npm package is self-contained:
#
#   native/android/kotlin/dev/cloudrpc/monaca/*.kt    <- bindings/android/kotlin/src/dev/cloudrpc/monaca/
#   native/android/jniLibs/<abi>/libmonaca_cloud_error_jni.so
#                                                     <- $MONACA_JNILIBS_DIR/<abi>/ (build-android.sh output)
#   native/ios/Sources/MonacaCloudError/*.swift       <- bindings/ios/Sources/MonacaCloudError/
#   native/ios/CMonacaCloudError.xcframework          <- $MONACA_XCFRAMEWORK (build-xcframework.sh output)
#   native/browser/monaca_cloud_error.wasm            <- scripts/build-wasm.sh (built here)
#
# Then it checks that plugin.xml declares exactly the staged files: a wrapper source added or
# removed in bindings/android or bindings/ios without updating plugin.xml fails here.
#
# Usage:
#   scripts/stage-native.sh [--plugin-dir DIR]   stage into DIR/native (default: this plugin)
#   scripts/stage-native.sh --check [--plugin-dir DIR]
#       stage nothing; check that DIR/native is complete and holds real build outputs (ELF
#       libraries of the right architecture, an XCFramework with its Info.plist). `npm pack`
#       runs this (prepack), so a package without the native libraries cannot be made.
# Environment:
#   MONACA_JNILIBS_DIR  default: <repo>/target/android/jniLibs
#   MONACA_XCFRAMEWORK  default: <repo>/bindings/ios/build/CMonacaCloudError.xcframework
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
plugin_dir=$(cd "$here/.." && pwd)
mode=stage
while [ $# -gt 0 ]; do
  case "$1" in
    --check) mode=check ;;
    --plugin-dir) plugin_dir=$(cd "${2:?--plugin-dir needs a directory}" && pwd); shift ;;
    *) echo "usage: stage-native.sh [--check] [--plugin-dir DIR]" >&2; exit 2 ;;
  esac
  shift
done

die() { echo "stage-native.sh: $*" >&2; exit 1; }

abis=(arm64-v8a armeabi-v7a x86_64 x86)
jni_name=libmonaca_cloud_error_jni.so
native="$plugin_dir/native"

# Every native/... path that plugin.xml declares, and every file (or .xcframework) staged.
declared() { grep -o 'src="native/[^"]*"' "$plugin_dir/plugin.xml" | sed 's/^src="//; s/"$//' | sort; }
staged() {
  (cd "$plugin_dir" && find native -name '*.xcframework' -prune -print -o -type f -print | sort)
}

check_declared_equals_staged() {
  local diff_out
  if ! diff_out=$(diff <(declared) <(staged)); then
    echo "$diff_out" >&2
    die "plugin.xml ('<' lines) and the staged files ('>' lines) differ: update plugin.xml"
  fi
}

# ELF e_machine (bytes 18-19, little-endian) of a library, as a decimal number.
elf_machine() { od -An -tu2 -j18 -N2 "$1" | tr -d ' '; }

if [ "$mode" = check ]; then
  [ -d "$native" ] || die "$native does not exist: run scripts/stage-native.sh first"
  check_declared_equals_staged
  declare -A machine=([arm64-v8a]=183 [armeabi-v7a]=40 [x86_64]=62 [x86]=3)
  for abi in "${abis[@]}"; do
    so="$native/android/jniLibs/$abi/$jni_name"
    [ "$(head -c4 "$so" | od -An -c | tr -d ' ')" = '177ELF' ] || die "$so is not an ELF library (a placeholder?)"
    [ "$(elf_machine "$so")" = "${machine[$abi]}" ] || die "$so is not built for $abi"
  done
  [ "$(head -c4 "$native/browser/monaca_cloud_error.wasm" | od -An -tx1 | tr -d ' ')" = 0061736d ] \
    || die "native/browser/monaca_cloud_error.wasm is not a WebAssembly module"
  [ -f "$native/ios/CMonacaCloudError.xcframework/Info.plist" ] \
    || die "native/ios/CMonacaCloudError.xcframework has no Info.plist (not made by xcodebuild?)"
  echo "stage-native.sh: $native is complete"
  exit 0
fi

jnilibs=${MONACA_JNILIBS_DIR:-$root/target/android/jniLibs}
xcframework=${MONACA_XCFRAMEWORK:-$root/bindings/ios/build/CMonacaCloudError.xcframework}
for abi in "${abis[@]}"; do
  [ -f "$jnilibs/$abi/$jni_name" ] || die "$jnilibs/$abi/$jni_name not found: build it with bindings/android/build-android.sh (needs the NDK) or set MONACA_JNILIBS_DIR"
done
[ -d "$xcframework" ] || die "$xcframework not found: build it with bindings/ios/build-xcframework.sh (needs Xcode) or set MONACA_XCFRAMEWORK"

rm -rf "$native"
bash "$root/scripts/build-wasm.sh" "$native/browser/monaca_cloud_error.wasm" \
  || die "scripts/build-wasm.sh failed"
kotlin_out="$native/android/kotlin/dev/cloudrpc/monaca"
swift_out="$native/ios/Sources/MonacaCloudError"
mkdir -p "$kotlin_out" "$swift_out"
cp "$root"/bindings/android/kotlin/src/dev/cloudrpc/monaca/*.kt "$kotlin_out/"
cp "$root"/bindings/ios/Sources/MonacaCloudError/*.swift "$swift_out/"
for abi in "${abis[@]}"; do
  mkdir -p "$native/android/jniLibs/$abi"
  cp "$jnilibs/$abi/$jni_name" "$native/android/jniLibs/$abi/"
done
cp -R "$xcframework" "$native/ios/CMonacaCloudError.xcframework"

check_declared_equals_staged
echo "stage-native.sh: staged $(staged | wc -l) entries into $native"
