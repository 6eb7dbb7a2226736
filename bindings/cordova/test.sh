#!/usr/bin/env bash
# The Cordova plugin's tests (called by scripts/test-all.sh, the README's test command). Runs on
# a fresh Debian machine as root: installs what it lacks (apt for node/npm/JDK, npm packages
# pinned into <repo>/target/cordova-tools and the Kotlin compiler into <repo>/target/kotlin-2.4.20,
# nothing global), builds the library, and
# exits non-zero when anything fails. Network: the npm registry and Debian's archive only.
#
#   1. www/ with node's own test runner, against the real library's answers (test/*.test.js): the
#      conformance corpus (tests/corpus, every case, every field) and what is particular to JS
#   2. the TypeScript declarations type-check (tsc --strict) with a usage sample
#   3. the Android plugin class compiles with Kotlin 2.4.20 (kotlinc-jvm -Werror, installed by
#      bindings/android/install-kotlin.sh from the npm package kotlin-compiler into
#      <repo>/target/kotlin-2.4.20) together with the real Kotlin wrapper (against
#      test/android-stubs, stand-ins for the Android/Cordova classes it uses). The same class
#      compiled by the oldest Kotlin kept, Debian's kotlinc 1.3.31, is bindings/android/test.sh's
#      "oldest-compiler check".
#   4. the iOS plugin class parses as Swift (bindings/ios's tree-sitter check)
#   5. the install test: a real Cordova app, plugin add / prepare / plugin rm (test/install.sh)
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
missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
command -v cc >/dev/null 2>&1 || missing+=(gcc) # test/support/native-helper.c
if [ ${#missing[@]} -gt 0 ]; then
  echo "cordova: installing ${missing[*]}"
  apt-get update -qq || die "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]}"
fi
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' \
  || die "node $(node --version) is too old: node --test and cordova 13 need node 20"

(cd "$root" && cargo build --release) || die "cargo build --release"

# The Kotlin compiler (the npm package kotlin-compiler, pinned), shared with bindings/android.
kotlin_home=$(bash "$root/bindings/android/install-kotlin.sh") || die "bindings/android/install-kotlin.sh"
kotlinc="$kotlin_home/bin/kotlinc-jvm"
kotlin_version=$(node -p "require('$kotlin_home/package.json').version") || die "no version in $kotlin_home/package.json"

# Pinned npm tools, under target/ (never in the source tree, never global).
npm_pins=(cordova@13.0.0 typescript@5.6.3 web-tree-sitter@0.22.6 tree-sitter-wasms@0.1.13)
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

# 1. www/ against the library.
check "node --test (www/ against the library's answers)" \
  env MONACA_ERROR_CLI="$root/target/release/monaca-error" MONACA_CORPUS_DIR="$root/tests/corpus" node --test "$here"/test/*.test.js

# 2. TypeScript declarations.
typecheck() {
  cat >"$work/usage.ts" <<'EOF'
import { MonacaCloudError, MonacaArgumentError, parseResponse, create, timeout, describe, kindOf, nameOf,
    descriptionOf, Kind, Code } from 'cordova-plugin-monaca-cloud-error';
declare const reportFromKotlin: string; // MonacaCloudError.reportJson, passed by the app's own native code
async function use(): Promise<void> {
    try {
        const none: null = await parseResponse(200, 'e30=');
        void none;
    } catch (e) {
        if (e instanceof MonacaCloudError) {
            const first: string | null = e.firstMessageFor('collectionName');
            const all: string[] = e.messagesFor('criteria');
            const kind: 'CLIENT' | string = e.kind;
            const codeName: string | null = e.codeName;
            const name: string = e.name;
            const stack: string | undefined = e.stack;
            const asError: Error = e;
            void [first, all, kind, codeName, name, stack, asError, e.code + 1, e.data, e.dataJson, e.detail,
                e.description, e.jsonText, e.toJSON().code, e.params.map((p) => p.messages.length)];
        }
    }
    try {
        const made: MonacaCloudError = await create(Code.USER_DEFINED_MIN, 'm', '{"a":1}');
        void made.toString();
    } catch (e) {
        if (e instanceof MonacaArgumentError) {
            const where: number = e.offset + e.line + e.column;
            const asTypeError: TypeError = e;
            void [where, e.argument, e.reason, e.message, asTypeError];
        }
    }
    const error = new MonacaCloudError(reportFromKotlin);
    if (error.kind === Kind.CLOUD_API && error.code === Code.USER_LOGIN_REQUIRED) {
        const entry = await describe(error.code);
        void entry.description;
    }
    const text: string = descriptionOf(10000);
    void [kindOf(10000), nameOf(11), text];
    void (await cordova.plugins.monacaCloudError.timeout()).message;
    void (await timeout()).jsonText;
}
void use;
EOF
  mkdir -p "$work/node_modules"
  ln -sfn "$here" "$work/node_modules/cordova-plugin-monaca-cloud-error"
  # A minimal `cordova` global, as @types/cordova would declare it.
  echo 'interface CordovaPlugins {} interface Cordova { plugins: CordovaPlugins } declare var cordova: Cordova;' \
    >"$work/cordova-global.d.ts"
  (cd "$work" && "$tools/node_modules/.bin/tsc" --strict --noEmit --target es2020 --module commonjs \
    --moduleResolution node usage.ts cordova-global.d.ts)
}
check "tsc --strict: types/index.d.ts with a usage sample" typecheck
# The same check on a sample with a type error must fail, and for that reason.
tsc_rejects_type_error() {
  sed 's/const codeName: string | null = e.codeName;/const codeName: string = e.codeName;/' "$work/usage.ts" >"$work/broken.ts"
  local output
  if output=$(cd "$work" && "$tools/node_modules/.bin/tsc" --strict --noEmit --target es2020 --module commonjs \
    --moduleResolution node broken.ts cordova-global.d.ts 2>&1); then
    echo "tsc accepted broken.ts"
    return 1
  fi
  grep -q "Type 'string | null' is not assignable to type 'string'" <<<"$output" || { echo "$output"; return 1; }
}
check "tsc rejects a misuse of the declarations (the check can fail)" tsc_rejects_type_error

# 3. Android plugin class + the real Kotlin wrapper, compiled by Kotlin 2.4.20 (warnings fail).
kotlin_compile() {
  javac -nowarn -d "$work/stubs" $(find "$here/test/android-stubs" -name '*.java') || return 1
  "$kotlinc" -Werror -cp "$work/stubs" -d "$work/kotlin" \
    "$here/src/android/MonacaCloudErrorPlugin.kt" "$root/bindings/android/kotlin/src" 2>&1 || return 1
  [ -f "$work/kotlin/dev/cloudrpc/monaca/cordova/MonacaCloudErrorPlugin.class" ]
}
check "Kotlin $kotlin_version (kotlinc-jvm -Werror): src/android/MonacaCloudErrorPlugin.kt with bindings/android's wrapper" \
  kotlin_compile

# 4. iOS plugin class, parsed (there is no Swift toolchain here). The tool first proves that it
#    rejects its deliberately broken sample.
check "Swift syntax of src/ios (tree-sitter Swift grammar)" \
  node "$root/bindings/ios/tools/check-swift-syntax.js" "$tools/node_modules" "$here/src"

# 5. Install into a real Cordova app.
check "install test (cordova create / platform add / plugin add / prepare / plugin rm)" \
  env CORDOVA_BIN="$tools/node_modules/.bin/cordova" bash "$here/test/install.sh"

echo "cordova: not run here (no NDK, Android SDK, Xcode or Swift toolchain): the Gradle and Xcode builds"
echo "         of an app with this plugin, and the plugin on a device or emulator (see README.md)"
echo "cordova: Android plugin class compiled by Kotlin $kotlin_version (kotlinc-jvm, -Werror); its compile by the"
echo "         oldest Kotlin kept (Debian's 1.3.31) is in bindings/android/test.sh"
echo "cordova: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
