#!/usr/bin/env bash
# The packaging suite of the test command (scripts/test-all.sh): packs everything with
# scripts/package.sh from this checkout (real binaries, built here; the plugin's folder assembled
# under target/package, the source tree left as it was, which is checked) and installs the tarball
# into a fresh Cordova app (bindings/cordova/test/install.sh: android and ios platforms, file
# placement, the CMake route per ABI, removal, a source tree refused leaving the app as it was)
# and a fresh Capacitor app
# (bindings/cordova/test/capacitor.sh); checks the podspec in the pod folder it made
# (bindings/ios/tools/check-podspec.rb, CocoaPods being absent). Installs what it lacks
# (cmake, clang, llvm, ruby); ends with a
# "package: N passed, N failed" line and exits non-zero when anything fails.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=scripts/lib/debian-packages.sh
source "$root/scripts/lib/debian-packages.sh"
# cmake (the CMake route), clang and llvm (the XCFramework), node and npm, ruby (check-podspec.rb)
need_commands cmake:cmake clang:clang llvm-objdump:llvm node:nodejs npm:npm ruby:ruby ||
  { echo "package: installing what it needs failed"; echo "package: 0 passed, 1 failed"; exit 1; }

# shellcheck source=scripts/checks.sh
source "$root/scripts/checks.sh"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
tarball="$root/target/package/cordova-plugin-monaca-cloud-error-$version.tgz"
# What git sees of the source tree, ignored files included (bindings/cordova/native/ would be).
tree_state() { git -C "$root" status --porcelain --ignored --untracked-files=all -- . ':!target' ':!fuzz/target'; }
tree_state >"$root/target/package-tree-before.txt" 2>&1 || true
check "scripts/package.sh (Android archives, XCFramework, WebAssembly, npm pack, pod and SwiftPM zips)" \
  bash scripts/package.sh
source_tree_unchanged() {
  tree_state | diff "$root/target/package-tree-before.txt" - && echo "the source tree is as it was (git status --ignored, target/ aside)"
}
check "package.sh wrote nothing outside target/ (the plugin's folder is assembled in target/package)" \
  source_tree_unchanged
pod="$root/target/package/MonacaCloudError-$version-ios"
check "the podspec in the pod folder, against a stand-in for Pod::Spec (bindings/ios/tools/check-podspec.rb)" \
  ruby bindings/ios/tools/check-podspec.rb "$pod" "$version" bindings/ios/Sources/MonacaCloudError
misspelled="$root/target/package/misspelled-pod"
rm -rf "$misspelled" && cp -R "$pod" "$misspelled" \
  && sed -i 's/s.vendored_frameworks /s.vendored_framework /' "$misspelled/MonacaCloudError.podspec"
check_fails "a podspec with a misspelled attribute fails that check" "unknown podspec attribute vendored_framework" \
  ruby bindings/ios/tools/check-podspec.rb "$misspelled" "$version" bindings/ios/Sources/MonacaCloudError
rm -rf "$misspelled"
check "the packed plugin in a Cordova app (bindings/cordova/test/install.sh)" \
  bash bindings/cordova/test/install.sh "$tarball"
check "the packed plugin in a Capacitor app (bindings/cordova/test/capacitor.sh)" \
  bash bindings/cordova/test/capacitor.sh "$tarball"
echo "package: not run here (no NDK, Android SDK, Gradle, Xcode or CocoaPods): Gradle's CMake build and"
echo "         the app builds, pod install, SwiftPM resolving the release URL, devices (see README.md)"
echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
