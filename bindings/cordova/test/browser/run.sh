#!/usr/bin/env bash
# The plugin's browser face: the Rust core compiled to WebAssembly (scripts/build-wasm.sh)
# answering the plugin's actions through src/browser/, checked in node and in headless Chromium.
# Installs what it lacks (Debian: chromium, nodejs, npm, python3; npm: cordova, pinned, under
# <repo>/target/browser-tools), then:
#
#   1. node --test wasm.test.js: the .wasm in node's WebAssembly, checks.js (the whole corpus
#      through parseResponse and readResponse, the session rule, request bodies, URLs, refusals,
#      create/timeout/describe, whole calls against tests/mock-backend/server.py), handles freed,
#      a trap recovered from; and the same checks shown to fail on a corpus with one wrong
#      expectation
#   2. a Cordova app (cordova create, platform add browser@7.0.0, plugin add of a staged copy of
#      this plugin, prepare): the .wasm installed byte for byte where the proxy loads it
#   3. headless Chromium, pages served by server.js on 127.0.0.1 and printed with --dump-dom:
#      fallback.html (the plain-script fallback, MonacaCloudErrorWasm.exec, no Cordova) and the
#      app's index.html (app.html: cordova.exec -> MonacaCloudErrorProxy.js -> the core, then the
#      www API over it); each runs checks.js and writes "<page>: N passed, N failed" into itself.
#      The fallback page shown to fail on the wrong corpus too.
#   4. headless Chromium, the in-process pages (server.js /inprocess/, in-process.js): the
#      plugin's js-modules as the app's prepare wrapped them, under a stand-in for cordova.js of
#      Android or iOS (cordova-stub.js: platformId, cordova.define/require, a cordova/exec that
#      fails any readResponse), under the CSP <meta> of Cordova's app template (copied from the
#      index.html `cordova create` made): ready(), then the whole corpus through readResponseSync
#      and readResponse without the bridge, and whole calls; the same with 'wasm-unsafe-eval'
#      alone; under a CSP with neither, ready() rejects and readResponse asks the bridge. A copy
#      of the app whose www/ always asks the bridge is shown to fail.
#
# Ends with "browser: N passed, N failed" (one per check above) and exits non-zero on a failure.
set -uo pipefail

CORDOVA_VERSION=13.0.0
BROWSER_PLATFORM_VERSION=7.0.0

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
plugin=$(cd "$here/../.." && pwd)
root=$(cd "$plugin/../.." && pwd)
tools="$root/target/browser-tools"
work="$root/target/browser-check"
wasm="$plugin/native/browser/monaca_cloud_error.wasm"

die() {
  echo "browser: setup failed: $*" >&2
  echo "browser: 0 passed, 1 failed"
  exit 1
}

# ---- setup ------------------------------------------------------------------------------------
# shellcheck source=scripts/lib/debian-packages.sh
source "$root/scripts/lib/debian-packages.sh"
need_commands chromium:chromium node:nodejs npm:npm python3:python3 || die "could not install what the browser suite needs"
export CI=true CORDOVA_TELEMETRY_OPT_OUT=1 NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
if [ "$(node -p "try{require('$tools/node_modules/cordova/package.json').version}catch(e){''}")" != "$CORDOVA_VERSION" ]; then
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{ "private": true }' >"$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "cordova@$CORDOVA_VERSION" \
    || die "npm install cordova@$CORDOVA_VERSION"
fi
cordova() { "$tools/node_modules/.bin/cordova" --no-telemetry "$@"; }

bash "$root/scripts/build-wasm.sh" || die "scripts/build-wasm.sh"
rm -rf "$work"
mkdir -p "$work"

# A copy of the corpus with one expectation changed: the checks must fail on it.
cp -R "$root/tests/corpus" "$work/wrong-corpus"
sed -i 's/"message": "User login is required"/"message": "User login is required!"/' "$work/wrong-corpus/server-errors.json"
grep -q 'required!' "$work/wrong-corpus/server-errors.json" || die "could not alter the corpus copy"

# ---- servers ------------------------------------------------------------------------------------
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done' EXIT
# Starts a server script that prints "PORT <n>" first; sets $port.
start() {
  local log=$1
  shift
  "$@" >"$log.out" 2>"$log.err" &
  pids+=($!)
  for _ in $(seq 100); do
    port=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$log.out" 2>/dev/null | head -1)
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "$* did not start: $(cat "$log.err")" >&2
  return 1
}
start "$work/mock" python3 "$root/tests/mock-backend/server.py" --lifetime 600 --max-requests 1000 \
  || die "the mock backend"
backend="http://127.0.0.1:$port/json-rpc/test-backend"

# ---- checks -------------------------------------------------------------------------------------
# shellcheck source=../../../../scripts/checks.sh
source "$root/scripts/checks.sh"

check "node: the WebAssembly core answers every check (wasm.test.js)" \
  env MONACA_WASM="$wasm" node --test "$here/wasm.test.js"
check_fails "node: the same checks fail on a corpus with a wrong expectation" \
  "server-errors.json: login required, no data" env MONACA_WASM="$wasm" MONACA_CORPUS_DIR="$work/wrong-corpus" \
  node --test "$here/wasm.test.js"
check "node: a 256 MiB body grows the WebAssembly memory by at most the body + 16 MiB, and once (wasm-memory.test.js)" \
  env MONACA_WASM="$wasm" node --test "$here/wasm-memory.test.js"
check_fails "node: the memory check fails when the body's block is never freed" \
  "reuses the freed blocks" env MONACA_WASM="$wasm" MONACA_MEMORY_CHECK_KEEP_BODY=1 node --test "$here/wasm-memory.test.js"

app="$work/app"
make_app() {
  local staged="$work/plugin"
  mkdir -p "$staged/native/browser"
  cp -R "$plugin/plugin.xml" "$plugin/package.json" "$plugin/www" "$plugin/src" "$plugin/types" "$staged/"
  cp "$wasm" "$staged/native/browser/"
  mkdir -p "$staged/native/www"
  cp "$plugin/native/www/monaca-cloud-error-core.js" "$staged/native/www/"
  (cd "$work" && cordova create app dev.cloudrpc.browsercheck BrowserCheck >/dev/null) || return 1
  # The Content-Security-Policy of Cordova's app template, for the in-process pages.
  grep -o '<meta http-equiv="Content-Security-Policy" content="[^"]*">' "$app/www/index.html" >"$work/template-csp.html" \
    || { echo "no Content-Security-Policy <meta> in the template's index.html"; return 1; }
  echo "   the template's CSP: $(cat "$work/template-csp.html")"
  (cd "$app" && cordova platform add "browser@$BROWSER_PLATFORM_VERSION" >/dev/null) || return 1
  (cd "$app" && cordova plugin add "$staged" >/dev/null) || return 1
  cp "$here/app.html" "$app/www/index.html"
  cp "$here/checks.js" "$here/page.js" "$app/www/"
  (cd "$app" && cordova prepare browser >/dev/null) || return 1
  cmp "$wasm" "$app/platforms/browser/www/plugins/cordova-plugin-monaca-cloud-error/src/browser/monaca_cloud_error.wasm"
}
check "Cordova app: platform browser@$BROWSER_PLATFORM_VERSION, plugin add, prepare; the .wasm installed beside the proxy" \
  make_app

# Prints a page of server.js (serving the corpus in $2, and the app's www in $3, by default the
# Cordova app's) with headless Chromium; passes when the page reports "<name>: N passed, 0 failed".
in_chromium() {
  local page=$1 corpus=$2 www=${3:-$app/platforms/browser/www} name
  name=$(basename "$page" .html)
  local log="$work/$name-$(basename "$corpus")-$(basename "$(dirname "$www")")"
  start "$log-server" node "$here/server.js" --plugin "$plugin" --wasm "$wasm" --corpus "$corpus" \
    --app "$www" --csp "$work/template-csp.html" --backend "$backend" --hold 60 || return 1
  local profile
  profile=$(mktemp -d "$work/chromium-profile.XXXXXX")
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
    --dump-dom "http://127.0.0.1:$port/$page" >"$log.html" 2>"$log-chromium.log"
  kill "${pids[-1]}" 2>/dev/null
  local result
  result=$(sed -n 's/.*<p id="result">\(.*\)<\/p>.*/\1/p' "$log.html")
  echo "$result"
  awk '/<pre id="failures">/ { on = 1 } on { print } on && /<\/pre>/ { exit }' "$log.html" | sed 's/<[^>]*>//g' \
    | grep -v '^$' | head -20
  [[ "$result" =~ ^[a-z]+:\ [1-9][0-9]*\ passed,\ 0\ failed$ ]]
}
check "Chromium $(chromium --version 2>/dev/null | awk '{print $2}'): the plain-script fallback (fallback.html)" \
  in_chromium fallback/fallback.html "$root/tests/corpus"
check "Chromium: the Cordova app on the browser platform (cordova.exec, then the www API)" \
  in_chromium app/index.html "$root/tests/corpus"
check_fails "Chromium: the fallback page fails on the corpus with a wrong expectation" \
  "server-errors.json: login required, no data" in_chromium fallback/fallback.html "$work/wrong-corpus"

check "Chromium: in-process on a page mimicking Android, Cordova's default CSP: the corpus by readResponseSync and readResponse, no bridge crossing" \
  in_chromium inprocess/android.html "$root/tests/corpus"
check "Chromium: in-process on a page mimicking iOS, Cordova's default CSP" \
  in_chromium inprocess/ios.html "$root/tests/corpus"
check "Chromium: in-process under a CSP with 'wasm-unsafe-eval' alone (no 'unsafe-eval')" \
  in_chromium inprocess/wasmeval.html "$root/tests/corpus"
check "Chromium: under a CSP allowing neither, ready() rejects naming it and readResponse asks the bridge" \
  in_chromium inprocess/strict.html "$root/tests/corpus"
# A copy of the app's www whose readResponse always asks the bridge: the Android page must fail.
bridged="$work/bridged/www"
mkdir -p "$(dirname "$bridged")"
cp -R "$app/platforms/browser/www" "$bridged"
bridged_js="$bridged/plugins/cordova-plugin-monaca-cloud-error/www/monaca-cloud-error.js"
sed -i 's/if (core !== null \&\& core.isReady()) return new Promise/if (false) return new Promise/; s/if (inProcess \&\& core.isReady()) return readReport/if (false) return readReport/' \
  "$bridged_js"
[ "$(grep -c 'if (false) return' "$bridged_js")" = 2 ] || die "could not make the bridged copy of www/"
check_fails "Chromium: the Android page fails when readResponse crosses the bridge" \
  "readResponse [a-z-]+\.json: .*the bridge was crossed: MonacaCloudError\.readResponse" in_chromium inprocess/android.html "$root/tests/corpus" "$bridged"

echo "browser: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
