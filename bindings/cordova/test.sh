#!/usr/bin/env bash
# The Cordova plugin's tests (called by scripts/test-all.sh, the README's test command). Runs on
# a fresh Debian machine as root: installs what it lacks (apt for node/npm/JDK, npm packages
# pinned into <repo>/target/cordova-tools and the Kotlin compiler into <repo>/target/kotlin-2.4.20,
# nothing global), builds the library, and
# exits non-zero when anything fails. Network: the npm registry and Debian's archive only (and
# 127.0.0.1, for the mock backend).
#
#   1. www/ with node's own test runner, against the real library's answers (test/*.test.js): the
#      conformance corpus (tests/corpus, every case, every field), responses and requests, whole
#      calls over fetch against the mock Monaca Backend (tests/mock-backend/server.py, started
#      and stopped by test/call.test.js), the client against the hostile loopback server
#      (tests/hostile-server/server.py, test/hostile.test.js: redirects, schemes, body cap, gzip
#      bomb, deadline, cut and reset bodies, session headers), and what is particular to JS; and
#      the in-process reading of Android's and iOS's WebViews (test/in-process-*.test.js: the
#      WebAssembly core of native/www/, the whole corpus through readResponse and
#      readResponseSync with a bridge that fails any readResponse, the native library's answers;
#      the bridge again where the core cannot load)
#   0. the hostile server itself behaves as its README says (tests/hostile-server/self_test.py)
#   2. the TypeScript declarations type-check (tsc --strict) with the declared usage, each
#      misuse in test/types/misuse fails with the error it names, and the README's JavaScript
#      compiles with the plugin's declarations alone and with @types/cordova
#   2b. the plugin's folder assembled by stage.sh (as scripts/package.sh does) holds every file
#      plugin.xml names, native/ aside; the source folder alone does not
#   3. the Android plugin class compiles with Kotlin 2.4.20 (kotlinc-jvm -Werror, installed by
#      bindings/android/install-kotlin.sh from the npm package kotlin-compiler into
#      <repo>/target/kotlin-2.4.20) together with the real Kotlin wrapper (against
#      test/android-stubs, stand-ins for the Android/Cordova classes it uses). The same class
#      compiled by the oldest Kotlin kept, Debian's kotlinc 1.3.31, is bindings/android/test.sh's
#      "oldest-compiler check".
#   3b. the plugin's Gradle file (src/android/monaca-cloud-error.gradle) runs under Groovy against
#      stand-ins for Gradle's project and the Android Gradle plugin's DSL (test/gradle)
#   4. the iOS plugin class parses as Swift (bindings/ios's tree-sitter check), and type-checks
#      with the real Swift wrapper against stand-ins for cordova-ios (test/swift-typecheck.sh,
#      with the Swift toolchain of bindings/ios/test.sh's chroot, when it is there)
#   The install tests of the packed plugin (test/install.sh into a Cordova app, test/capacitor.sh
#   into a Capacitor app) are the test command's "package" suite (scripts/test-package.sh).
#
# Ends with a "cordova: N passed, N failed" line.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
tools="$root/target/cordova-tools"
work="$root/target/cordova-check"

die() {
  echo "cordova: setup failed: $*" >&2
  echo "cordova: 0 passed, 1 failed"
  exit 1
}

# ---- setup ------------------------------------------------------------------------------------
# shellcheck source=scripts/lib/debian-packages.sh
source "$root/scripts/lib/debian-packages.sh"
# cc builds test/support/native-helper.c; python3 runs the mock and hostile servers; groovy runs
# src/android/monaca-cloud-error.gradle (test/gradle).
need_commands node:nodejs npm:npm javac:default-jdk-headless cc:gcc python3:python3 groovy:groovy ||
  die "could not install what the cordova suite needs"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' \
  || die "node $(node --version) is too old: node --test and cordova 13 need node 20"

(cd "$root" && cargo build --release) || die "cargo build --release"
# The WebAssembly core and its embedded copy (native/www/monaca-cloud-error-core.js), which the
# in-process tests (test/in-process-*.test.js) load as the WebView does.
bash "$root/scripts/build-wasm.sh" >/dev/null || die "scripts/build-wasm.sh"

# The Kotlin compiler (the npm package kotlin-compiler, pinned), shared with bindings/android.
kotlin_home=$(bash "$root/bindings/android/install-kotlin.sh") || die "bindings/android/install-kotlin.sh"
kotlinc="$kotlin_home/bin/kotlinc-jvm"
kotlin_version=$(node -p "require('$kotlin_home/package.json').version") || die "no version in $kotlin_home/package.json"

# Pinned npm tools, under target/ (never in the source tree, never global).
npm_pins=(cordova@13.0.0 typescript@5.6.3 @types/cordova@11.0.3 web-tree-sitter@0.22.6 tree-sitter-wasms@0.1.13)
have_pins() {
  local pin name version
  for pin in "${npm_pins[@]}"; do
    name=${pin%@*} version=${pin##*@}
    [ "$(node -p "try{require('$tools/node_modules/$name/package.json').version}catch(e){''}")" = "$version" ] || return 1
  done
}
if ! have_pins; then
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{ "private": true }' >"$tools/package.json"
  # --ignore-scripts: tree-sitter-wasms ships prebuilt WebAssembly and needs no build step.
  npm install --prefix "$tools" --ignore-scripts --no-audit --no-fund --loglevel=error "${npm_pins[@]}" \
    || die "npm install ${npm_pins[*]}"
fi
rm -rf "$work"
mkdir -p "$work"

# ---- checks -----------------------------------------------------------------------------------
# shellcheck source=scripts/checks.sh
source "$root/scripts/checks.sh"

# 0. The hostile server that test/hostile.test.js (and the Kotlin and Swift suites) run against.
check "the hostile loopback server behaves as documented (tests/hostile-server/self_test.py)" \
  python3 "$root/tests/hostile-server/self_test.py"

# 1. www/ against the library.
check "node --test (www/ against the library's answers)" \
  env MONACA_ERROR_CLI="$root/target/release/monaca-error" MONACA_CORPUS_DIR="$root/tests/corpus" node --test "$here"/test/*.test.js

# 2. TypeScript declarations: the declared usage (test/types/usage.ts) compiles with --strict;
#    each misuse (test/types/misuse/*.ts, first line "// expect: <message>") fails with exactly
#    one error, the one it expects.
tsc_strict() {
  (cd "$work" && "$tools/node_modules/.bin/tsc" --strict --noEmit --target es2020 --module commonjs \
    --moduleResolution node "$@")
}
typecheck() {
  mkdir -p "$work/node_modules" "$work/misuse"
  ln -sfn "$here" "$work/node_modules/cordova-plugin-monaca-cloud-error"
  cp "$here/test/types/usage.ts" "$work/"
  cp "$here"/test/types/misuse/*.ts "$work/misuse/"
  tsc_strict usage.ts  # no @types: the `cordova` global it uses is the plugin's own declaration
}
check "tsc --strict: types/index.d.ts with the declared usage (test/types/usage.ts)" typecheck
tsc_rejects_misuse() {
  local output file name expected errors bad=0 count=0
  output=$(tsc_strict $(cd "$work" && echo misuse/*.ts) 2>&1) && { echo "tsc accepted every misuse"; return 1; }
  for file in "$work"/misuse/*.ts; do
    name=misuse/$(basename "$file")
    expected=$(sed -n '1s|^// expect: ||p' "$file")
    errors=$(grep -F "$name(" <<<"$output" || true)
    count=$((count + 1))
    if [ -z "$expected" ] || [ "$(grep -c . <<<"$errors")" != 1 ] || ! grep -qF -- "$expected" <<<"$errors"; then
      echo "$name: expected one error with \"$expected\", got: ${errors:-none}"
      bad=1
    fi
  done
  [ "$count" -ge 10 ] || { echo "only $count misuse samples"; return 1; }
  return "$bad"
}
check "tsc rejects each misuse of the declarations, for its reason (test/types/misuse)" tsc_rejects_misuse
# The README's JavaScript, as TypeScript and as checked JavaScript, with the plugin's declarations
# alone and with @types/cordova; and, to show the check can fail, against a copy of the plugin
# whose declarations lack the `cordova` global (the TS2304 an app without @types/cordova met).
check "tsc --strict: README.md's JavaScript with types/index.d.ts alone and with @types/cordova" \
  bash "$here/test/types/readme-snippets.sh" "$tools" "$work/readme"
mkdir -p "$work/undeclared/types"
cp "$here/package.json" "$work/undeclared/"
sed '/^    var cordova: Cordova;$/d' "$here/types/index.d.ts" >"$work/undeclared/types/index.d.ts"
check_fails "the README's JavaScript fails without the plugin's \`cordova\` declaration" \
  "error TS2304: Cannot find name 'cordova'" \
  bash "$here/test/types/readme-snippets.sh" "$tools" "$work/readme-undeclared" "$work/undeclared"

# 2b. The plugin's folder as scripts/package.sh assembles it (stage.sh): it holds every file
#     plugin.xml names but the native/ binaries, which package.sh builds. The source folder itself
#     must fail the same check: the sources whose home is elsewhere are not committed here.
check "stage.sh: the assembled folder holds every file plugin.xml names (native/ aside)" \
  bash -c 'bash "$1/stage.sh" "$2" >/dev/null && node "$1/test/support/plugin-files.js" "$2/plugin.xml" "$2" --except native/' \
  _ "$here" "$work/stage/cordova-plugin-monaca-cloud-error"
check_fails "the source folder alone lacks them (no copies of the wrappers, JNI shim, header, R8 rules)" \
  "not there, though plugin.xml names them: src/android/wrapper/" \
  node "$here/test/support/plugin-files.js" "$here/plugin.xml" "$here" --except native/

# 3. Android plugin class + the real Kotlin wrapper, compiled by Kotlin 2.4.20 (warnings fail).
kotlin_compile() {
  javac -nowarn -d "$work/stubs" $(find "$here/test/android-stubs" -name '*.java') || return 1
  "$kotlinc" -Werror -cp "$work/stubs" -d "$work/kotlin" \
    "$here/src/android/MonacaCloudErrorPlugin.kt" "$root/bindings/android/kotlin/src" 2>&1 || return 1
  [ -f "$work/kotlin/dev/cloudrpc/monaca/cordova/MonacaCloudErrorPlugin.class" ]
}
check "Kotlin $kotlin_version (kotlinc-jvm -Werror): src/android/MonacaCloudErrorPlugin.kt with bindings/android's wrapper" \
  kotlin_compile

# 3b. The plugin's Gradle file, run by Groovy (Debian's groovy 2.4) against stand-ins for the
#     Gradle project and the Android Gradle plugin's DSL, in each situation it handles; a copy
#     that pins another NDK must fail, which shows that the harness can fail.
groovy_run() { JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")") groovy "$@"; }
check "the plugin's Gradle file in six situations (test/gradle/check-gradle-file.groovy)" \
  groovy_run "$here/test/gradle/check-gradle-file.groovy" "$here/src/android/monaca-cloud-error.gradle"
sed "s/'27.2.12479018'/'25.0.0'/" "$here/src/android/monaca-cloud-error.gradle" >"$work/wrong-ndk.gradle"
check_fails "a Gradle file that pins another NDK fails the harness" "FAIL: archives only: the CMake route" \
  groovy_run "$here/test/gradle/check-gradle-file.groovy" "$work/wrong-ndk.gradle"

# 4. iOS plugin class, parsed (there is no Swift toolchain here). The tool first proves that it
#    rejects its deliberately broken sample.
check "Swift syntax of src/ios (tree-sitter Swift grammar)" \
  node "$root/bindings/ios/tools/check-swift-syntax.js" "$tools/node_modules" "$here/src"

# 4b. iOS plugin class, type-checked with the Swift wrapper against stand-ins for cordova-ios's
#     classes (Swift 6.0.3 of bindings/ios/test.sh's chroot, which scripts/test-all.sh runs first).
if [ -f "$root/target/swift-chroot/.monaca-swift-chroot-ready" ]; then
  check "swiftc -typecheck (Swift 5 mode, warnings as errors): src/ios with the Swift wrapper, against test/ios-stubs" \
    bash "$here/test/swift-typecheck.sh"
else
  echo "cordova: not run: the Swift type check of src/ios (no Swift chroot; bindings/ios/test.sh makes it)"
fi

# 6. The browser platform and fallback: the Rust core as WebAssembly, in node and headless Chromium.
check "browser platform and fallback: the WebAssembly core in node and headless Chromium (test/browser/run.sh)" \
  bash "$here/test/browser/run.sh"

echo "cordova: not run here (no NDK, Android SDK or Xcode): the Gradle and Xcode builds"
echo "         of an app with this plugin, and the plugin on a device or emulator (see README.md)"
echo "cordova: Android plugin class compiled by Kotlin $kotlin_version (kotlinc-jvm, -Werror); its compile by the"
echo "         oldest Kotlin kept (Debian's 1.3.31) is in bindings/android/test.sh"
echo "cordova: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
