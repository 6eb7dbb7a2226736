#!/usr/bin/env bash
# Browser peers: in headless Chromium (Debian chromium), JSON.parse plus the SDK's checks
# against the WebAssembly core (the plugin's readResponse action of
# bindings/cordova/src/browser/monaca-cloud-error-wasm.js, and the C ABI through the module's
# exports) on the benchmark inputs, in one page (bench.js: interleaved rounds, medians, a
# correctness check of every method first). Prints a markdown table.
#
# Reuses the harness of bindings/cordova/test/browser: scripts/build-wasm.sh builds the .wasm,
# server.js serves this folder (as --app, with the inputs copied beside it) and the plugin's
# monaca-cloud-error-wasm.js and .wasm (its /fallback/ routes), Chromium runs with run.sh's flags
# and --dump-dom prints the page once bench.js has POSTed /result.
#
# Usage: benches/peers/browser/run.sh INPUT_DIR [ROUNDS] [BATCH_MS]
# Prints "browser peers: skipped: ..." and exits 0 when the toolchain cannot be set up; exits 1
# when a method reads an input differently from the others (or the page fails).
set -uo pipefail

# shellcheck source=../part.sh
source "$(dirname "${BASH_SOURCE[0]}")/../part.sh" browser 5 "$@"
harness="$root/bindings/cordova/test/browser"

# shellcheck source=../../../scripts/lib/debian-packages.sh
source "$root/scripts/lib/debian-packages.sh"
need_commands chromium:chromium node:nodejs >&2 || skip "could not install chromium or node (apt)"
command -v rustup >/dev/null || skip "no rustup (scripts/build-wasm.sh adds the wasm32 target with it)"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown >&2 \
  || skip "could not add the Rust target wasm32-unknown-unknown"

mkdir -p "$out/www/inputs"
wasm="$out/monaca_cloud_error.wasm"
bash "$root/scripts/build-wasm.sh" "$wasm" >"$out/build-wasm.log" 2>&1 \
  || { cat "$out/build-wasm.log" >&2; fail "scripts/build-wasm.sh"; }
cp "$here/bench.html" "$here/bench.js" "$out/www/"
cp "$inputs"/{S1,S2,L1,L2}.json "$out/www/inputs/" || fail "the inputs are not in $inputs"

server_pid=
profile=
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null
  [ -z "$profile" ] || rm -rf "$profile"
}
trap cleanup EXIT
node "$harness/server.js" --plugin "$root/bindings/cordova" --wasm "$wasm" --corpus "$root/tests/corpus" \
  --app "$out/www" --hold 600 >"$out/server.out" 2>"$out/server.err" &
server_pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$out/server.out" 2>/dev/null | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || fail "server.js did not start: $(cat "$out/server.err")"

chromium_version=$(chromium --version 2>/dev/null | head -n1)
echo "browser peers: $chromium_version, headless; the core built by scripts/build-wasm.sh ($(wc -c <"$wasm") bytes)"
echo "browser peers: $rounds interleaved rounds (after 100 ms of warm-up calls and 5 warm-up rounds) of ~${batch_ms} ms batches per method; median per body." \
  "One page, 2 shared cores, other work running, performance.now() coarsened by Chromium: noisy figures, compare ratios."
profile=$(mktemp -d "$out/chromium-profile.XXXXXX")
timeout 600 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
  --dump-dom "http://127.0.0.1:$port/app/bench.html?rounds=$rounds&batchMs=$batch_ms" >"$out/page.html" 2>"$out/chromium.log" \
  || { tail -n 20 "$out/chromium.log" >&2; fail "chromium (log: $out/chromium.log)"; }
status=$(sed -n 's/.*<p id="status">\([a-z]*\)<\/p>.*/\1/p' "$out/page.html")
awk '/<pre id="result">/ { on = 1 } on { print } on && /<\/pre>/ { exit }' "$out/page.html" \
  | sed -e 's/<[^>]*>//g' -e 's/&quot;/"/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
[ "$status" = done ] || fail "the page says '${status:-nothing}' (page: $out/page.html)"
