#!/usr/bin/env bash
# Packages what ships, from a clean checkout, on Linux or macOS (no NDK, no Xcode needed):
#
#   target/package/cordova-plugin-monaca-cloud-error-<version>.tgz
#       the Cordova/Capacitor plugin (npm pack of bindings/cordova with its native/ binaries)
#   target/package/MonacaCloudError-<version>-ios.zip       (and the same tree unzipped beside it)
#       the CocoaPods pod: MonacaCloudError.podspec, LICENSE, CMonacaCloudError.xcframework and
#       Sources/MonacaCloudError/*.swift (the podspec's :http source)
#   target/package/CMonacaCloudError.xcframework.zip
#       the XCFramework alone, the asset a SwiftPM binaryTarget(url:checksum:) downloads; its
#       checksum (SHA-256, what `swift package compute-checksum` prints) goes in ...zip.sha256
#
# Steps: the version of Cargo.toml must be the one of every manifest, and the plugin's copies of
# the wrappers current (tests/generated.rs; scripts/update-generated.sh fixes both); then it
# builds the four Android archives (bindings/android/build-archives.sh), the XCFramework
# (bindings/ios/build-xcframework.sh, checked by check-xcframework.sh) and the WebAssembly module
# (scripts/build-wasm.sh) into bindings/cordova/native/, which it empties first; takes prebuilt
# JNI libraries from MONACA_JNILIBS_DIR (<abi>/libmonaca_cloud_error_jni.so, built by
# bindings/android/build-android.sh on an NDK host) when that is set; refuses anything that is not
# a real binary of its platform (scripts/check-native.js, again as npm's prepack); packs; and
# checks that the tarball holds every file plugin.xml names.
#
# Usage: bash scripts/package.sh [--release]      prints the tarball's path last
#   --release  also writes the XCFramework zip's checksum into the root Package.swift (its
#              BEGIN RELEASE region), for the commit to tag: upload that run's zips as the
#              release's assets.
set -euo pipefail
release=
case "${1:-}" in
  --release) release=1 ;;
  "") ;;
  *) echo "usage: package.sh [--release]" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
plugin="$root/bindings/cordova"
out="$root/target/package"
die() { echo "package.sh: $*" >&2; exit 1; }

for tool in cargo rustup node npm python3; do
  command -v "$tool" >/dev/null || die "$tool not found"
done
if ! command -v llvm-objdump >/dev/null || ! command -v clang >/dev/null; then
  echo "package.sh: installing llvm and clang (the XCFramework checks)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends llvm clang >/dev/null \
    || die "could not install llvm and clang"
fi

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -1)
[ -n "$version" ] || die "no version in Cargo.toml"
echo "== monaca-cloud-error $version: manifests and the plugin's copies (tests/generated.rs)"
(cd "$root" && cargo test --quiet --test generated >/dev/null 2>&1) \
  || die "a manifest's version or a copy in bindings/cordova/src is stale: run scripts/update-generated.sh"

rm -rf "$plugin/native" "$out"
mkdir -p "$plugin/native" "$out"

echo "== Android: four static archives"
bash "$root/bindings/android/build-archives.sh" "$plugin/native/android/lib"
if [ -n "${MONACA_JNILIBS_DIR:-}" ]; then
  echo "== Android: prebuilt JNI libraries from $MONACA_JNILIBS_DIR"
  for abi in arm64-v8a armeabi-v7a x86 x86_64; do
    so="$MONACA_JNILIBS_DIR/$abi/libmonaca_cloud_error_jni.so"
    [ -f "$so" ] || die "$so not found (MONACA_JNILIBS_DIR must hold all four ABIs)"
    mkdir -p "$plugin/native/android/jniLibs/$abi"
    cp "$so" "$plugin/native/android/jniLibs/$abi/"
  done
fi

echo "== iOS: CMonacaCloudError.xcframework"
bash "$root/bindings/ios/build-xcframework.sh" "$plugin/native/ios"
bash "$root/bindings/ios/check-xcframework.sh" "$plugin/native/ios/CMonacaCloudError.xcframework" >"$out/xcframework-check.log" \
  || { cat "$out/xcframework-check.log" >&2; die "the XCFramework fails its checks"; }
echo "   $(grep -c '^ok:' "$out/xcframework-check.log") checks passed (target/package/xcframework-check.log)"

echo "== browser: WebAssembly"
bash "$root/scripts/build-wasm.sh" "$plugin/native/browser/monaca_cloud_error.wasm"

node "$plugin/scripts/check-native.js" android ios browser

echo "== npm pack"
tarball=$(cd "$plugin" && npm pack --silent --pack-destination "$out" | tail -1) || die "npm pack failed"
tarball="$out/$tarball"
[ "$(basename "$tarball")" = "cordova-plugin-monaca-cloud-error-$version.tgz" ] || die "unexpected tarball name $tarball"
# Every file plugin.xml names must be in the tarball (package.json "files" decides what is).
node - "$tarball" "$plugin/plugin.xml" <<'EOF'
const { execFileSync } = require('child_process');
const fs = require('fs');
const [tarball, pluginXml] = process.argv.slice(2);
const packed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
  .split('\n').filter(Boolean).map((p) => p.replace(/^package\//, ''));
const xml = fs.readFileSync(pluginXml, 'utf8');
const missing = [...xml.matchAll(/\bsrc="([^"]+)"/g)].map((m) => m[1])
  .filter((src) => !packed.some((p) => p === src || p.startsWith(src + '/')));
if (missing.length) { console.error('package.sh: not in the tarball:', missing); process.exit(1); }
console.log(`   ${packed.length} files; every file plugin.xml names is in it`);
EOF

echo "== CocoaPods pod and SwiftPM binary"
pod="$out/MonacaCloudError-$version-ios"
mkdir -p "$pod/Sources/MonacaCloudError"
cp "$root/bindings/ios/MonacaCloudError.podspec" "$root/LICENSE" "$pod/"
cp "$root"/bindings/ios/Sources/MonacaCloudError/*.swift "$pod/Sources/MonacaCloudError/"
cp -R "$plugin/native/ios/CMonacaCloudError.xcframework" "$pod/"
python3 "$root/scripts/deterministic-zip.py" "$pod.zip" "$pod" .
python3 "$root/scripts/deterministic-zip.py" "$out/CMonacaCloudError.xcframework.zip" \
  "$plugin/native/ios" CMonacaCloudError.xcframework
sha256sum "$out/CMonacaCloudError.xcframework.zip" | awk '{print $1}' >"$out/CMonacaCloudError.xcframework.zip.sha256"
echo "   $pod.zip"
echo "   $out/CMonacaCloudError.xcframework.zip (checksum $(cat "$out/CMonacaCloudError.xcframework.zip.sha256"))"

if [ -n "$release" ]; then
  sed -i "s/^let checksum = \".*\"$/let checksum = \"$(cat "$out/CMonacaCloudError.xcframework.zip.sha256")\"/" "$root/Package.swift"
  grep -qF "$(cat "$out/CMonacaCloudError.xcframework.zip.sha256")" "$root/Package.swift" || die "could not write Package.swift's checksum"
  echo "   Package.swift: checksum written; commit it, tag v$version, upload target/package/*.zip"
fi

echo "packaged $version:"
echo "$tarball"
