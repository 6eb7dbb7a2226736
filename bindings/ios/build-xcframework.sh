#!/usr/bin/env bash
# Builds bindings/ios/build/CMonacaCloudError.xcframework (macOS with Xcode only):
#   - the static library for aarch64-apple-ios (devices), aarch64-apple-ios-sim and
#     x86_64-apple-ios (simulators on Apple silicon and Intel Macs),
#   - the two simulator archives merged into one with lipo (an XCFramework holds one library
#     per platform variant, so both simulator architectures must share one file),
#   - `xcodebuild -create-xcframework` with, for each library, a Headers folder holding
#     monaca_cloud_error.h and the module map of module CMonacaCloudError.
# Then `MONACA_XCFRAMEWORK=1 swift build` (or Xcode) uses it through Package.swift's binaryTarget.
#
#   bindings/ios/build-xcframework.sh                  build the XCFramework (macOS)
#   bindings/ios/build-xcframework.sh --headers-only DIR
#                                                      only stage the Headers folder into DIR
#                                                      (any OS; test.sh checks it with clang)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
lib=libmonaca_cloud_error.a

# The Headers folder of every slice: the committed header and the XCFramework module map.
stage_headers() {
  local dir=$1
  mkdir -p "$dir"
  cp "$root/include/monaca_cloud_error.h" "$dir/"
  cp "$here/xcframework/module.modulemap" "$dir/module.modulemap"
}

if [ "${1:-}" = "--headers-only" ]; then
  stage_headers "${2:?usage: build-xcframework.sh --headers-only DIR}"
  exit 0
fi

if [ "$(uname -s)" != "Darwin" ]; then
  echo "build-xcframework.sh: needs macOS with Xcode (xcodebuild, lipo and the iOS SDKs);" >&2
  echo "this is $(uname -s). On Linux, bindings/ios/test.sh runs the checks that can run here." >&2
  exit 1
fi
for tool in cargo rustup xcodebuild lipo; do
  command -v "$tool" >/dev/null || { echo "build-xcframework.sh: $tool not found" >&2; exit 1; }
done

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
rustup target add "${targets[@]}"

cd "$root"
for target in "${targets[@]}"; do
  # Only the static library: `cargo build` would also link the cdylib and the CLI for iOS,
  # which an app cannot use.
  cargo rustc --release --lib --crate-type staticlib --target "$target"
done

out="$here/build"
work="$out/work"
rm -rf "$out/CMonacaCloudError.xcframework" "$work"
mkdir -p "$work/ios" "$work/ios-simulator"

cp "target/aarch64-apple-ios/release/$lib" "$work/ios/$lib"
lipo -create \
  "target/aarch64-apple-ios-sim/release/$lib" \
  "target/x86_64-apple-ios/release/$lib" \
  -output "$work/ios-simulator/$lib"
lipo -info "$work/ios-simulator/$lib"

stage_headers "$work/ios/Headers"
stage_headers "$work/ios-simulator/Headers"

xcodebuild -create-xcframework \
  -library "$work/ios/$lib" -headers "$work/ios/Headers" \
  -library "$work/ios-simulator/$lib" -headers "$work/ios-simulator/Headers" \
  -output "$out/CMonacaCloudError.xcframework"
rm -rf "$work"

echo "built $out/CMonacaCloudError.xcframework"
echo "use it with: cd bindings/ios && MONACA_XCFRAMEWORK=1 swift build"
