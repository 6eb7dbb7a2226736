#!/usr/bin/env bash
# Builds CMonacaCloudError.xcframework, on Linux or macOS, without Xcode:
#
#   CMonacaCloudError.xcframework/
#     Info.plist                          written as `xcodebuild -create-xcframework` writes it
#     ios-arm64/                          devices: aarch64-apple-ios
#       libmonaca_cloud_error.a
#       Headers/CMonacaCloudError/monaca_cloud_error.h
#       Headers/CMonacaCloudError/module.modulemap
#     ios-arm64_x86_64-simulator/         simulators: aarch64-apple-ios-sim + x86_64-apple-ios,
#       libmonaca_cloud_error.a           merged into one universal archive by lipo
#       Headers/CMonacaCloudError/...
#
# Each archive is the size-optimised build (scripts/build-small-staticlib.sh: nightly
# -Zbuild-std, std without its backtrace printer), so rustup needs no rust-std for the
# simulator targets (it has none for them on Linux). The module map sits in a folder named after
# the module: Xcode copies every XCFramework's Headers into one include/ folder, and two
# XCFrameworks with a top-level Headers/module.modulemap collide there.
#
# Usage:  bindings/ios/build-xcframework.sh [OUT_DIR]   (default: bindings/ios/build)
#         then bindings/ios/check-xcframework.sh OUT_DIR/CMonacaCloudError.xcframework
# Needs:  rustup with a nightly toolchain (rust-src is added), and lipo (macOS) or python3.
# Env:    IPHONEOS_DEPLOYMENT_TARGET  the minimum iOS version, default 13.0 (as Package.swift
#         and the podspec declare; the arm64 simulator's minimum is 14.0 whatever is asked;
#         scripts/build-small-staticlib.sh applies it).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out_dir=${1:-$here/build}
lib=libmonaca_cloud_error.a
module=CMonacaCloudError

die() { echo "build-xcframework.sh: $*" >&2; exit 1; }

# lipo: Apple's on macOS; elsewhere tools/fat-archive.py (Debian's llvm-lipo 14 crashes on
# current rustc's archives).
if command -v lipo >/dev/null 2>&1; then
  lipo_create() { local out=$1; shift; lipo -create "$@" -output "$out"; }
else
  lipo_create() { python3 "$here/tools/fat-archive.py" "$@"; }
fi

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
declare -A built
for target in "${targets[@]}"; do
  echo "== $target (small build)"
  built[$target]=$(bash "$root/scripts/build-small-staticlib.sh" "$target" | tail -1) \
    || die "the $target build failed"
done

xcf="$out_dir/$module.xcframework"
rm -rf "$xcf"
device="$xcf/ios-arm64"
simulator="$xcf/ios-arm64_x86_64-simulator"
mkdir -p "$device" "$simulator"
cp "${built[aarch64-apple-ios]}" "$device/$lib"
lipo_create "$simulator/$lib" "${built[aarch64-apple-ios-sim]}" "${built[x86_64-apple-ios]}"

for slice in "$device" "$simulator"; do
  mkdir -p "$slice/Headers/$module"
  cp "$root/include/monaca_cloud_error.h" "$slice/Headers/$module/"
  cp "$here/xcframework/module.modulemap" "$slice/Headers/$module/"
done

# The Info.plist of xcodebuild (Xcode 15 and later, which adds BinaryPath): keys sorted, tabs.
library_entry() { # library_entry IDENTIFIER VARIANT ARCH...
  local identifier=$1 variant=$2 arch
  shift 2
  printf '\t\t<dict>\n'
  printf '\t\t\t<key>BinaryPath</key>\n\t\t\t<string>%s</string>\n' "$lib"
  printf '\t\t\t<key>HeadersPath</key>\n\t\t\t<string>Headers</string>\n'
  printf '\t\t\t<key>LibraryIdentifier</key>\n\t\t\t<string>%s</string>\n' "$identifier"
  printf '\t\t\t<key>LibraryPath</key>\n\t\t\t<string>%s</string>\n' "$lib"
  printf '\t\t\t<key>SupportedArchitectures</key>\n\t\t\t<array>\n'
  for arch in "$@"; do printf '\t\t\t\t<string>%s</string>\n' "$arch"; done
  printf '\t\t\t</array>\n'
  printf '\t\t\t<key>SupportedPlatform</key>\n\t\t\t<string>ios</string>\n'
  [ -z "$variant" ] || printf '\t\t\t<key>SupportedPlatformVariant</key>\n\t\t\t<string>%s</string>\n' "$variant"
  printf '\t\t</dict>\n'
}
{
  printf '<?xml version="1.0" encoding="UTF-8"?>\n'
  printf '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
  printf '<plist version="1.0">\n<dict>\n'
  printf '\t<key>AvailableLibraries</key>\n\t<array>\n'
  library_entry ios-arm64 "" arm64
  library_entry ios-arm64_x86_64-simulator simulator arm64 x86_64
  printf '\t</array>\n'
  printf '\t<key>CFBundlePackageType</key>\n\t<string>XFWK</string>\n'
  printf '\t<key>XCFrameworkFormatVersion</key>\n\t<string>1.0</string>\n'
  printf '</dict>\n</plist>\n'
} >"$xcf/Info.plist"

echo "built $xcf"
