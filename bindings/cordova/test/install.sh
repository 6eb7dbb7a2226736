#!/usr/bin/env bash
# Install test: the packed plugin (scripts/package.sh's tarball, real binaries) in a real
# Cordova app, and a source-tree copy refused with the command that builds it.
#
#   1. the tarball: what it holds beside plugin.xml's files (LICENSE, CHANGELOG.md, README.md,
#      package.json's repository/bugs/author), its binaries real (check-native.js), its version
#      the one of Cargo.toml
#   2. `cordova create`, `cordova platform add` android and ios (pinned); then, as a newcomer
#      might, `cordova plugin add` of bindings/cordova in a copy of the repository's layout: it
#      must be refused with one message (support/refused-add.sh: the build command, `cordova
#      plugin add file:<that copy>/target/package/<tarball>`, README's "Install", no stack trace)
#      and leave the app's tree exactly as it was (package.json, package-lock.json, plugins/,
#      node_modules: paths, links and contents); then `cordova plugin add file:TARBALL`,
#      `cordova prepare`, check-install.js `installed` (it must fail before the plugin is added,
#      on every declared entry, which shows that it can fail)
#   3. the Android route without prebuilt JNI libraries, as far as this machine goes: CMake
#      configures and generates the installed app/src/main/monaca-cloud-error/jni/CMakeLists.txt
#      for each ABI with the arguments the plugin's Gradle file passes, under a stand-in for the
#      NDK's toolchain file (test/cmake/android-ndk-standin.cmake), and the generated link line
#      names that ABI's archive, the export map and 16 KB pages; a missing archive stops CMake
#   4. `cordova plugin rm`, `cordova prepare`, check-install.js `removed`
#   5. `cordova plugin add` of a copy of the plugin's source folder alone (not in a clone: the
#      message names a placeholder path), in the app that has had the plugin (plugins/ holds the
#      platforms' files): refused, the app's tree unchanged; the tarball then installs in the
#      same app (check-install.js `installed` again)
#
# Usage: test/install.sh TARBALL   (needs node and npm; installs the pinned cordova CLI under
#                                   <repo>/target/cordova-tools unless CORDOVA_BIN is set)
# Env:   KEEP_APP=1 keeps the temporary folder.
set -euo pipefail

CORDOVA_VERSION=13.0.0
ANDROID_VERSION=15.1.0
IOS_VERSION=8.1.1

tarball=$(readlink -f "${1:?usage: install.sh TARBALL}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
plugin_src=$(cd "$here/.." && pwd)
root=$(cd "$plugin_src/../.." && pwd)
tools="$root/target/cordova-tools"
test_name="install test"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -1)
# shellcheck source=bindings/cordova/test/support/must-fail.sh
source "$here/support/must-fail.sh"
# shellcheck source=bindings/cordova/test/support/refused-add.sh
source "$here/support/refused-add.sh"

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

# ---- 1. the tarball ---------------------------------------------------------------------------
mkdir -p "$tmp/extracted"
tar -xzf "$tarball" -C "$tmp/extracted"
plugin="$tmp/extracted/package"   # what npm installs: the checks compare the app against it
node "$plugin/scripts/check-native.js" android ios browser
node - "$plugin" "$root/Cargo.toml" <<'EOF'
const fs = require('fs');
const [plugin, cargo] = process.argv.slice(2);
const version = /^version = "(.*)"$/m.exec(fs.readFileSync(cargo, 'utf8'))[1];
const pkg = JSON.parse(fs.readFileSync(`${plugin}/package.json`, 'utf8'));
const problems = [];
if (pkg.version !== version) problems.push(`package.json version ${pkg.version}, Cargo.toml ${version}`);
const pluginTag = /<plugin\b[^>]*>/.exec(fs.readFileSync(`${plugin}/plugin.xml`, 'utf8'));
const pluginVersion = pluginTag && /\bversion="([^"]*)"/.exec(pluginTag[0]);
if (!pluginVersion || pluginVersion[1] !== version) problems.push(`plugin.xml version ${pluginVersion && pluginVersion[1]}, Cargo.toml ${version}`);
for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md']) {
  if (!fs.existsSync(`${plugin}/${file}`)) problems.push(`${file} missing`);
}
if (!/^MIT License/.test(fs.readFileSync(`${plugin}/LICENSE`, 'utf8'))) problems.push('LICENSE is not the MIT licence');
if (pkg.license !== 'MIT') problems.push(`license ${pkg.license}`);
if (!pkg.repository || !/^git\+https:\/\//.test(pkg.repository.url || '')) problems.push('no repository.url');
if (!pkg.bugs || !pkg.bugs.url) problems.push('no bugs.url');
if (!pkg.author) problems.push('no author');
if (!fs.readFileSync(`${plugin}/CHANGELOG.md`, 'utf8').includes(`## ${version}`)) problems.push(`CHANGELOG.md has no "## ${version}"`);
if (problems.length) { console.error('tarball:', problems.join('; ')); process.exit(1); }
console.log(`tarball: version ${version}, LICENSE (MIT), CHANGELOG.md, README.md, repository, bugs, author`);
EOF

# ---- 2. the app -------------------------------------------------------------------------------
cd "$tmp"
cordova create app dev.cloudrpc.installtest InstallTest
cd app
cordova platform add "android@$ANDROID_VERSION"
cordova platform add "ios@$IOS_VERSION"
cordova prepare

# The source folder, as a newcomer's clone has it (its scripts/package.sh beside it): refused,
# naming the tarball that clone's package.sh makes.
clone="$tmp/clone"
mkdir -p "$clone/scripts" "$clone/bindings/cordova"
cp "$root/scripts/package.sh" "$clone/scripts/"
(cd "$plugin_src" && tar -cf - --exclude=./native --exclude=./node_modules .) | tar -xf - -C "$clone/bindings/cordova"
refused_add "bindings/cordova of a clone, in a new app" "$tmp/app" "$clone/bindings/cordova" \
  "$clone/target/package/cordova-plugin-monaca-cloud-error-$version.tgz" "$tmp/clone-add.log"

check() { node "$here/check-install.js" "$1" "$tmp/app" "$plugin" "$(dirname "$(dirname "$(readlink -f "$CORDOVA_BIN")")")/.."; }
# $CORDOVA_BIN is node_modules/.bin/cordova -> node_modules/cordova/bin/cordova, so two
# dirname calls and '..' give the node_modules folder that holds cordova-common.

# Every declared file, framework, feature and JavaScript module must fail the check.
check_fails_before "the 'installed' check" \
  "$(grep -cE '<(source-file|resource-file|framework|feature|js-module) ' "$plugin/plugin.xml")" \
  "$tmp/before.log" check installed

echo "--- cordova plugin add $(basename "$tarball")"
cordova plugin add "file:$tarball"  # a path alone is taken for a registry name; file: is a tarball
cordova prepare
check installed

# ---- 3. CMake, as the plugin's Gradle file runs it (no NDK: a stand-in toolchain file) --------
echo "--- CMake configure and generate, per ABI (the Gradle file's CMake route)"
native="$tmp/app/platforms/android/app/src/main/monaca-cloud-error"
for abi in arm64-v8a armeabi-v7a x86 x86_64; do
  build="$tmp/cmake-$abi"
  cmake -S "$native/jni" -B "$build" -G "Unix Makefiles" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$here/cmake/android-ndk-standin.cmake" -DANDROID_ABI="$abi" \
    -DMONACA_PREBUILT_DIR="$native/prebuilt/lib" >"$build.log" 2>&1 \
    || { cat "$build.log"; echo "install test: FAIL (cmake configure for $abi)"; exit 1; }
  link=$(cat "$build/CMakeFiles/monaca_cloud_error_jni.dir/link.txt")
  flags=$(cat "$build/CMakeFiles/monaca_cloud_error_jni.dir/flags.make")
  for expect in "$native/prebuilt/lib/$abi/libmonaca_cloud_error.a" "--version-script=$native/jni/exports.map" \
    "max-page-size=16384" "--gc-sections" "-llog" "-lunwind" "-shared"; do
    grep -qF -- "$expect" <<<"$link" || { echo "$link"; echo "install test: FAIL ($abi link line lacks $expect)"; exit 1; }
  done
  grep -qF -- "-I$native/jni" <<<"$flags" || { echo "$flags"; echo "install test: FAIL ($abi: no -I$native/jni)"; exit 1; }
  echo "ok: $abi: configured and generated; links prebuilt/lib/$abi/libmonaca_cloud_error.a with exports.map, 16 KB pages"
done
mkdir -p "$tmp/empty-prebuilt"
if cmake -S "$native/jni" -B "$tmp/cmake-missing" -DCMAKE_TOOLCHAIN_FILE="$here/cmake/android-ndk-standin.cmake" \
  -DANDROID_ABI=arm64-v8a -DMONACA_PREBUILT_DIR="$tmp/empty-prebuilt" >"$tmp/cmake-missing.log" 2>&1; then
  echo "install test: FAIL (CMake accepted a missing archive)"; exit 1
fi
grep -q "not found; build the Rust static library" "$tmp/cmake-missing.log" \
  || { cat "$tmp/cmake-missing.log"; echo "install test: FAIL (no clear message for a missing archive)"; exit 1; }
echo "ok: a missing archive stops CMake: $(grep -m1 -B1 'not found; build' "$tmp/cmake-missing.log" | tr -s ' \n' ' ')"

# ---- 4. removal -------------------------------------------------------------------------------
echo "--- cordova plugin rm"
cordova plugin rm cordova-plugin-monaca-cloud-error
cordova prepare
check removed

# ---- 5. a source folder is refused again, in an app that has had the plugin --------------------
source_copy="$tmp/source-tree/cordova-plugin-monaca-cloud-error"
mkdir -p "$source_copy"
(cd "$plugin_src" && tar -cf - --exclude=./native --exclude=./node_modules --exclude=./test . ) | tar -xf - -C "$source_copy"
refused_add "a copy of the source folder alone, after plugin rm" "$tmp/app" "$source_copy" \
  "/path/to/monaca-cloud-error/target/package/cordova-plugin-monaca-cloud-error-$version.tgz" "$tmp/source-add.log"
# Doing what the message says works in the same app.
echo "--- then the tarball, as the message says, installs in the same app"
cordova plugin add "file:$tarball"
cordova prepare
check installed

echo "install test: passed (cordova $CORDOVA_VERSION, cordova-android $ANDROID_VERSION, cordova-ios $IOS_VERSION)"
