#!/usr/bin/env bash
# Packages what ships, from a clean checkout, on Linux or macOS (no NDK, no Xcode needed):
#
#   target/package/cordova-plugin-monaca-cloud-error-<version>.tgz
#       the Cordova/Capacitor plugin: npm pack of the folder assembled beside it
#       (target/package/cordova-plugin-monaca-cloud-error: bindings/cordova, the sources plugin.xml
#       names from their homes, and the native/ binaries)
#   target/package/MonacaCloudError-<version>-ios.zip       (and the same tree unzipped beside it)
#       the CocoaPods pod: MonacaCloudError.podspec, LICENSE, CMonacaCloudError.xcframework and
#       Sources/MonacaCloudError/*.swift (the podspec's :http source)
#   target/package/CMonacaCloudError.xcframework.zip
#       the XCFramework alone, the asset a SwiftPM binaryTarget(url:checksum:) downloads; its
#       checksum (SHA-256, what `swift package compute-checksum` prints) goes in ...zip.sha256
#
# Steps, each printed as it starts with its time on a 2-core machine (the first run; Cargo's
# cache in target/ makes the next ones faster), and its own time when it ends:
#   1. the version of Cargo.toml is the one of every manifest, and plugin.xml names every wrapper
#      file (tests/generated.rs; scripts/update-generated.sh fixes them)
#   2. the plugin's folder is assembled in target/package/cordova-plugin-monaca-cloud-error
#      (bindings/cordova/stage.sh: the plugin's own files and, at the paths plugin.xml names, the
#      wrappers, the JNI shim, the header, the R8 rules, LICENSE and CHANGELOG.md from their homes;
#      nothing is written into the source tree)
#   3. the four Android archives (bindings/android/build-archives.sh) into its native/android/,
#      and prebuilt JNI libraries from MONACA_JNILIBS_DIR (<abi>/libmonaca_cloud_error_jni.so,
#      built by bindings/android/build-android.sh on an NDK host) when that is set
#   4. the XCFramework (bindings/ios/build-xcframework.sh, checked by check-xcframework.sh)
#   5. the WebAssembly module and its embedded copy, the js-module native/www/monaca-cloud-error-core.js
#      (scripts/build-wasm.sh)
#   6. refuses anything that is not a real binary of its platform (scripts/check-native.js, again
#      as npm's prepack), packs that folder, and checks that the tarball holds every file
#      plugin.xml names
#   7. the CocoaPods pod and the SwiftPM binary zips
# Needs: Rust with a nightly toolchain and its rust-src (the archives use -Zbuild-std; rustup
# adds rust-src, and the wasm32 target), node and npm, python3; llvm and clang (installed with
# apt-get when missing).
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
# shellcheck source=scripts/lib/debian-packages.sh
source "$root/scripts/lib/debian-packages.sh"
need_commands llvm-objdump:llvm clang:clang || die "could not install llvm and clang (the XCFramework checks)"

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -1)
[ -n "$version" ] || die "no version in Cargo.toml"
stage="$out/cordova-plugin-monaca-cloud-error"

# step TITLE EXPECTED: ends the step before (printing its time) and announces the next.
steps=7 step_number=0 step_started= started=$(date +%s)
elapsed() { local s=$(($(date +%s) - $1)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
step() {
  [ -z "$step_started" ] || echo "   (took $(elapsed "$step_started"))"
  step_number=$((step_number + 1)) step_started=$(date +%s)
  echo "== [$step_number/$steps] $1 (about $2 on 2 cores)"
}
echo "package.sh: monaca-cloud-error $version, $steps steps, about 10 minutes on 2 cores the first time"

step "manifests: versions, plugin.xml's wrapper files (cargo test --test generated)" "1 min"
(cd "$root" && cargo test --quiet --test generated) \
  || die "a manifest's version or plugin.xml's list of wrapper files is stale: run scripts/update-generated.sh"

step "the plugin's folder: $stage (bindings/cordova/stage.sh)" "1 s"
rm -rf "$out"
mkdir -p "$out"
bash "$plugin/stage.sh" "$stage" >/dev/null
mkdir -p "$stage/native"

step "Android: four static archives (nightly, -Zbuild-std)" "5 min"
bash "$root/bindings/android/build-archives.sh" "$stage/native/android/lib"
if [ -n "${MONACA_JNILIBS_DIR:-}" ]; then
  echo "   prebuilt JNI libraries from $MONACA_JNILIBS_DIR"
  for abi in arm64-v8a armeabi-v7a x86 x86_64; do
    so="$MONACA_JNILIBS_DIR/$abi/libmonaca_cloud_error_jni.so"
    [ -f "$so" ] || die "$so not found (MONACA_JNILIBS_DIR must hold all four ABIs)"
    mkdir -p "$stage/native/android/jniLibs/$abi"
    cp "$so" "$stage/native/android/jniLibs/$abi/"
  done
fi

step "iOS: CMonacaCloudError.xcframework (nightly, -Zbuild-std)" "3.5 min"
bash "$root/bindings/ios/build-xcframework.sh" "$stage/native/ios"
bash "$root/bindings/ios/check-xcframework.sh" "$stage/native/ios/CMonacaCloudError.xcframework" >"$out/xcframework-check.log" \
  || { cat "$out/xcframework-check.log" >&2; die "the XCFramework fails its checks"; }
echo "   $(grep -c '^ok:' "$out/xcframework-check.log") checks passed (target/package/xcframework-check.log)"

step "browser: WebAssembly" "30 s"
bash "$root/scripts/build-wasm.sh" "$stage/native/browser/monaca_cloud_error.wasm" "$stage/native/www/monaca-cloud-error-core.js"

step "npm pack, after checking the binaries (scripts/check-native.js)" "5 s"
node "$stage/scripts/check-native.js" android ios browser
tarball=$(cd "$stage" && npm pack --silent --pack-destination "$out" | tail -1) || die "npm pack failed"
tarball="$out/$tarball"
[ "$(basename "$tarball")" = "cordova-plugin-monaca-cloud-error-$version.tgz" ] || die "unexpected tarball name $tarball"
# Every file plugin.xml names must be in the tarball (package.json "files" decides what is).
node "$plugin/test/support/plugin-files.js" "$stage/plugin.xml" "$tarball" \
  || die "the tarball lacks files plugin.xml names"

step "CocoaPods pod and SwiftPM binary" "5 s"
pod="$out/MonacaCloudError-$version-ios"
mkdir -p "$pod/Sources/MonacaCloudError"
cp "$root/bindings/ios/MonacaCloudError.podspec" "$root/LICENSE" "$pod/"
cp "$root"/bindings/ios/Sources/MonacaCloudError/*.swift "$pod/Sources/MonacaCloudError/"
cp -R "$stage/native/ios/CMonacaCloudError.xcframework" "$pod/"
python3 "$root/scripts/deterministic-zip.py" "$pod.zip" "$pod" .
python3 "$root/scripts/deterministic-zip.py" "$out/CMonacaCloudError.xcframework.zip" \
  "$stage/native/ios" CMonacaCloudError.xcframework
sha256sum "$out/CMonacaCloudError.xcframework.zip" | awk '{print $1}' >"$out/CMonacaCloudError.xcframework.zip.sha256"
echo "   $pod.zip"
echo "   $out/CMonacaCloudError.xcframework.zip (checksum $(cat "$out/CMonacaCloudError.xcframework.zip.sha256"))"

if [ -n "$release" ]; then
  sed -i "s/^let checksum = \".*\"$/let checksum = \"$(cat "$out/CMonacaCloudError.xcframework.zip.sha256")\"/" "$root/Package.swift"
  grep -qF "$(cat "$out/CMonacaCloudError.xcframework.zip.sha256")" "$root/Package.swift" || die "could not write Package.swift's checksum"
  echo "   Package.swift: checksum written; commit it, tag v$version, upload target/package/*.zip"
fi
echo "   (took $(elapsed "$step_started"); all $(elapsed "$started"))"

echo "packaged $version:"
echo "$tarball"
