#!/usr/bin/env bash
# Install test: puts this plugin into a real Cordova app and checks where every file lands.
#
# In a temporary folder: `cordova create`, `cordova platform add` Android and iOS (pinned
# versions, fetched from npm), a copy of this plugin staged by scripts/stage-native.sh,
# `cordova plugin add` of it, `cordova prepare`, then test/check-install.js `installed`;
# `cordova plugin rm`, `cordova prepare`, then check-install.js `removed`. Before the plugin is
# added the `installed` check must fail, which shows that the check can fail.
#
# The NDK and Xcode are not on this machine, so PLACEHOLDER files stand in for the JNI
# libraries and the XCFramework. They are made in the temporary folder only, named and filled
# so that nobody can take them for real libraries, and `stage-native.sh --check` (run by
# `npm pack`) refuses them.
#
# Usage: test/install.sh   (needs node and npm; installs the pinned cordova CLI under
#                           <repo>/target/cordova-tools unless CORDOVA_BIN is set)
# Env:   KEEP_APP=1 keeps the temporary folder.
set -euo pipefail

CORDOVA_VERSION=13.0.0
ANDROID_VERSION=15.1.0
IOS_VERSION=8.1.1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
plugin_src=$(cd "$here/.." && pwd)
root=$(cd "$plugin_src/../.." && pwd)
tools="$root/target/cordova-tools"

# Keep the CLI from asking questions or phoning home.
export CI=true CORDOVA_TELEMETRY_OPT_OUT=1 NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

if [ -z "${CORDOVA_BIN:-}" ]; then
  if [ "$(node -p "try{require('$tools/node_modules/cordova/package.json').version}catch(e){''}")" != "$CORDOVA_VERSION" ]; then
    mkdir -p "$tools"
    [ -f "$tools/package.json" ] || echo '{ "private": true }' >"$tools/package.json"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "cordova@$CORDOVA_VERSION"
  fi
  CORDOVA_BIN="$tools/node_modules/.bin/cordova"
fi
cordova() { "$CORDOVA_BIN" --no-telemetry "$@"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cordova-install-test.XXXXXX")
if [ "${KEEP_APP:-}" = 1 ]; then echo "install test: keeping $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

# ---- placeholders for the NDK and Xcode outputs ---------------------------------------------
fake="$tmp/PLACEHOLDER-native-outputs"
for abi in arm64-v8a armeabi-v7a x86_64 x86; do
  mkdir -p "$fake/jniLibs/$abi"
  printf 'PLACEHOLDER for libmonaca_cloud_error_jni.so (%s): not a library; made by bindings/cordova/test/install.sh\n' "$abi" \
    >"$fake/jniLibs/$abi/libmonaca_cloud_error_jni.so"
done
xcf="$fake/CMonacaCloudError.xcframework"
for slice in ios-arm64 ios-arm64_x86_64-simulator; do
  mkdir -p "$xcf/$slice/Headers"
  printf 'PLACEHOLDER static library (%s): not an archive; made by bindings/cordova/test/install.sh\n' "$slice" \
    >"$xcf/$slice/libmonaca_cloud_error.a"
  cp "$root/include/monaca_cloud_error.h" "$xcf/$slice/Headers/"
  cp "$root/bindings/ios/xcframework/module.modulemap" "$xcf/$slice/Headers/"
done
echo '<!-- PLACEHOLDER: xcodebuild -create-xcframework writes the real Info.plist -->' >"$xcf/PLACEHOLDER-Info.plist"

# ---- the plugin: a copy of this folder, staged like a release -------------------------------
plugin="$tmp/cordova-plugin-monaca-cloud-error"
mkdir -p "$plugin"
(cd "$plugin_src" && cp -R plugin.xml package.json README.md www types src "$plugin/")
MONACA_JNILIBS_DIR="$fake/jniLibs" MONACA_XCFRAMEWORK="$xcf" \
  bash "$plugin_src/scripts/stage-native.sh" --plugin-dir "$plugin"
# What npm would publish must hold every file plugin.xml declares (package.json "files").
node -e '
  const { execFileSync } = require("node:child_process");
  const fs = require("node:fs");
  const packed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"],
    { cwd: process.argv[1], encoding: "utf8" }))[0].files.map((f) => f.path);
  const xml = fs.readFileSync(process.argv[1] + "/plugin.xml", "utf8");
  const missing = [...xml.matchAll(/src="([^"]+)"/g)].map((m) => m[1])
    .filter((src) => !packed.some((p) => p === src || p.startsWith(src + "/")));
  if (missing.length) { console.error("not in the npm package:", missing); process.exit(1); }
  console.log(`npm pack --dry-run: all ${packed.length} files; every plugin.xml src is included`);
' "$plugin"

# ---- the app ----------------------------------------------------------------------------------
cd "$tmp"
cordova create app dev.cloudrpc.installtest InstallTest
cd app
cordova platform add "android@$ANDROID_VERSION"
cordova platform add "ios@$IOS_VERSION"
cordova prepare

check() { node "$here/check-install.js" "$1" "$tmp/app" "$plugin" "$(dirname "$(dirname "$(readlink -f "$CORDOVA_BIN")")")/.."; }
# $CORDOVA_BIN is node_modules/.bin/cordova -> node_modules/cordova/bin/cordova, so two
# dirname calls and '..' give the node_modules folder that holds cordova-common.

echo "--- before plugin add, the 'installed' check must fail"
if check installed >"$tmp/before.log" 2>&1; then
  cat "$tmp/before.log"
  echo "install test: FAIL (the check passed although the plugin is not installed)"
  exit 1
fi
# It must fail on every declared file and entry, not crash: the count of failures must cover
# each source file, resource file, framework, feature and the JavaScript module.
declared=$(grep -cE '<(source-file|resource-file|framework|feature|js-module) ' "$plugin/plugin.xml")
failures=$(sed -n 's/^check-install installed: [0-9]* passed, \([0-9]*\) failed$/\1/p' "$tmp/before.log")
if [ -z "$failures" ] || [ "$failures" -lt "$declared" ]; then
  cat "$tmp/before.log"
  echo "install test: FAIL (expected at least $declared failing checks before plugin add, got '${failures}')"
  exit 1
fi
echo "ok: it fails ($failures failing checks, $declared declared entries)"

echo "--- cordova plugin add"
cordova plugin add "$plugin"
cordova prepare
check installed

echo "--- cordova plugin rm"
cordova plugin rm cordova-plugin-monaca-cloud-error
cordova prepare
check removed

echo "install test: passed (cordova $CORDOVA_VERSION, cordova-android $ANDROID_VERSION, cordova-ios $IOS_VERSION)"
