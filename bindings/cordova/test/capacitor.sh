#!/usr/bin/env bash
# Capacitor test: the packed plugin (scripts/package.sh's tarball) in a fresh Capacitor app.
#
# Capacitor 7 (@capacitor/cli, core, android, ios 7.6.9: the newest major that runs on node 20;
# Capacitor 8 needs node 22), installed into a temporary app with the tarball as a dependency;
# `npx cap add android`, `npx cap add ios` (CocoaPods is not on Linux: Capacitor skips
# `pod install`, which is what a Mac runs next), `npx cap sync`; then test/check-capacitor.js
# checks where each file landed. Before the tarball is installed the check must fail, on every
# file, which shows that it can.
#
# Usage: test/capacitor.sh TARBALL    Env: KEEP_APP=1 keeps the temporary folder.
set -euo pipefail

CAPACITOR_VERSION=7.6.9

tarball=$(readlink -f "${1:?usage: capacitor.sh TARBALL}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
test_name="capacitor test"
# shellcheck source=bindings/cordova/test/support/must-fail.sh
source "$here/support/must-fail.sh"
export CI=true NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capacitor-test.XXXXXX")
if [ "${KEEP_APP:-}" = 1 ]; then echo "capacitor test: keeping $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi
mkdir -p "$tmp/extracted"
tar -xzf "$tarball" -C "$tmp/extracted"
plugin="$tmp/extracted/package"

app="$tmp/app"
mkdir -p "$app/www"
cd "$app"
echo '<!doctype html><title>capacitor test</title>' >www/index.html
echo '{ "name": "capacitor-install-test", "version": "1.0.0", "private": true }' >package.json
echo '{ "appId": "dev.cloudrpc.capacitortest", "appName": "CapacitorTest", "webDir": "www" }' >capacitor.config.json
npm install --no-audit --no-fund --loglevel=error \
  "@capacitor/core@$CAPACITOR_VERSION" "@capacitor/cli@$CAPACITOR_VERSION" \
  "@capacitor/android@$CAPACITOR_VERSION" "@capacitor/ios@$CAPACITOR_VERSION"
npx cap add android
npx cap add ios

# Every declared file must fail the check.
check_fails_before "check-capacitor.js" "$(grep -cE '<(source-file|resource-file|framework) ' "$plugin/plugin.xml")" \
  "$tmp/before.log" node "$here/check-capacitor.js" "$app" "$plugin"

echo "--- npm install $(basename "$tarball"); npx cap sync"
npm install --no-audit --no-fund --loglevel=error "$tarball"
npx cap sync 2>&1 | tee "$tmp/sync.log"
grep -q 'cordova-plugin-monaca-cloud-error' "$tmp/sync.log" \
  || { echo "capacitor test: FAIL (cap sync did not list the plugin)"; exit 1; }
grep -q 'native binaries present (android)' "$tmp/sync.log" && grep -q 'native binaries present (ios)' "$tmp/sync.log" \
  || { echo "capacitor test: FAIL (the plugin's capacitor:update:before check did not run for both platforms)"; exit 1; }
node "$here/check-capacitor.js" "$app" "$plugin"
echo "capacitor test: passed (Capacitor $CAPACITOR_VERSION)"
