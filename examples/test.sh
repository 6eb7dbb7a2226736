#!/usr/bin/env bash
# The examples step of the test command (scripts/test-all.sh): makes and runs every example app
# of examples/ (README.md there) against the mock Monaca Backend (tests/mock-backend/server.py,
# a new one per example, on 127.0.0.1, with --log), and checks what each shows and what the
# mock received. Work copies, logs and screenshots go to target/examples/; the source tree is
# not written to (checked last).
#
#   1. the plugin tarball target/package/cordova-plugin-monaca-cloud-error-<version>.tgz:
#      reused when it is newer than every source it is made from, else made by scripts/package.sh
#   2. cordova-app: a copy of examples/cordova-app; `cordova platform add browser`, `cordova
#      plugin add file:<tarball>`, `cordova build browser`; its platforms/browser/www served on
#      another port than the mock's (another origin: the mock's CORS answers are needed) and run
#      in headless Chromium (examples/support/run-in-chromium.js): the page's text checked, a
#      screenshot kept (target/examples/cordova-app.png), and the mock's log (the session of
#      User.login sent back by Collection.find, from another origin, after a preflight)
#   3. the same app against a mock started with --no-cors, and with --no-expose (no
#      Access-Control-Expose-Headers), must fail: -13 (no answer the page may read), 11 (the
#      session never read, so not sent): what the CORS answers are for, and the checks can fail
#   4. capacitor-app: a copy of examples/capacitor-app; `npm install <tarball>` (with
#      @capacitor/core, @capacitor/cli 7 and esbuild from its package.json), `npm run build`
#      (its web build, www/), `npx cap sync`; run in headless Chromium the same way
#      (capacitor-app.png)
#   5. native/kotlin: the Kotlin wrapper (bindings/android/kotlin/src) and the example compiled
#      with kotlinc-jvm 2.4.20 (bindings/android/install-kotlin.sh) -Werror, run on the JVM
#      with the JNI library built by bindings/android/jni/CMakeLists.txt (the desktop way, as
#      bindings/android/test.sh builds it) over `cargo build --release`
#   6. native/swift: the Swift wrapper (bindings/ios/Sources/MonacaCloudError) compiled as the
#      module MonacaCloudError and the example as an executable importing it, with swiftc
#      -warnings-as-errors in the Swift chroot that bindings/ios/test.sh makes (target/swift-chroot,
#      the ios step runs before this one), linked with the host's release archive, and run
#
# Installs what it lacks (Debian: chromium, nodejs, npm, python3, cmake, gcc, a JDK; npm, pinned,
# under target/examples-tools: cordova, playwright-core). Ends with "examples: N passed, N failed"
# and exits non-zero when anything failed.
set -uo pipefail

CORDOVA_VERSION=13.0.0
BROWSER_PLATFORM_VERSION=7.0.0
PLAYWRIGHT_VERSION=1.65.1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
work="$root/target/examples"
tools="$root/target/examples-tools"
support="$here/support"

die() {
  echo "examples: setup failed: $*" >&2
  echo "examples: 0 passed, 1 failed"
  exit 1
}

# ---- setup ------------------------------------------------------------------------------------
# shellcheck source=scripts/lib/debian-packages.sh
source "$root/scripts/lib/debian-packages.sh"
need_commands chromium:chromium node:nodejs npm:npm python3:python3 cmake:cmake gcc:gcc javac:default-jdk-headless ||
  die "could not install what the examples need"
export CI=true CORDOVA_TELEMETRY_OPT_OUT=1 NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
installed() { node -p "try{require('$tools/node_modules/$1/package.json').version}catch(e){''}"; }
if [ "$(installed cordova)" != "$CORDOVA_VERSION" ] || [ "$(installed playwright-core)" != "$PLAYWRIGHT_VERSION" ]; then
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{ "private": true }' >"$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    "cordova@$CORDOVA_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" || die "npm install of cordova and playwright-core"
fi
cordova() { "$tools/node_modules/.bin/cordova" --no-telemetry "$@"; }
in_chromium() { NODE_PATH="$tools/node_modules" node "$support/run-in-chromium.js" "$@"; }

# Whatever this run starts or mounts is stopped or unmounted on exit (the mocks also stop by themselves).
swift_mounts=()
unmount_swift() {
  local i
  for ((i = ${#swift_mounts[@]} - 1; i >= 0; i--)); do umount "${swift_mounts[i]}" || umount -l "${swift_mounts[i]}"; done
  swift_mounts=()
}
trap 'unmount_swift; stop_mocks' EXIT

mkdir -p "$work"
touch "$work/.started" # the source-tree check at the end: nothing under examples/ newer than this

# shellcheck source=scripts/checks.sh
source "$root/scripts/checks.sh"

# ---- the plugin tarball -------------------------------------------------------------------------
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -1)
tarball="$root/target/package/cordova-plugin-monaca-cloud-error-$version.tgz"
# The files the tarball is made from (tests aside), by git; a file newer than the tarball makes it stale.
stale_sources() {
  git -C "$root" ls-files -- src include build.rs Cargo.toml Cargo.lock bindings scripts \
    | grep -vE '/(test|Tests)/' | while read -r file; do
      if [ "$root/$file" -nt "$tarball" ]; then echo "$file"; fi
    done | head -3
}
plugin_tarball() {
  local stale
  if [ -f "$tarball" ] && stale=$(stale_sources) && [ -z "$stale" ]; then
    echo "reusing $tarball (newer than its sources)"
    return 0
  fi
  echo "building $tarball with scripts/package.sh (${stale:+newer sources: $stale; }about 10 minutes)"
  bash "$root/scripts/package.sh" >"$work/package.log" 2>&1 || { tail -20 "$work/package.log"; return 1; }
  [ -f "$tarball" ]
}
check "the plugin tarball $(basename "$tarball")" plugin_tarball

# ---- the mock backend ------------------------------------------------------------------------------
mocks=()
stop_mocks() { for pid in "${mocks[@]}"; do kill "$pid" 2>/dev/null; done; }
# start_mock NAME [ARGS...]: a new mock logging to $work/NAME.mock.jsonl; sets $backend and $mock_log.
start_mock() {
  local name=$1 port=
  shift
  mock_log="$work/$name.mock.jsonl"
  rm -f "$mock_log"
  python3 "$root/tests/mock-backend/server.py" --lifetime 300 --max-requests 50 --log "$mock_log" "$@" \
    >"$work/$name.mock.out" 2>"$work/$name.mock.err" &
  mocks+=($!)
  for _ in $(seq 100); do
    port=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$work/$name.mock.out" 2>/dev/null | head -1)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "the mock backend did not start: $(cat "$work/$name.mock.err")"; return 1; }
  backend_origin="http://127.0.0.1:$port"
  backend="$backend_origin/json-rpc/test-backend"
}

# What every example must show (extended regular expressions, each matched against a line).
page_shows=(
  'User\.login as ann: logged in as ann; session kept: session-[0-9]+; loginToken: token-[0-9]+'
  'Collection\.find with that session: 1 item\(s\) found'
  'User\.register .*: -32602 INVALID_PARAMS: Invalid params'
  '^username: ann is already registered\.$'
  '^password: At least 8 characters\. At least one digit\.$'
  '^Done\.$'
)
native_prints=(
  '^User\.login: .*"username": "ann"'
  '^session kept: session-[0-9]+, loginToken: token-[0-9]+$'
  '^Collection\.find with the session: .*"totalItems": 1'
  '^User\.register refused: -32602 INVALID_PARAMS: Invalid params$'
  '^  username: ann is already registered\.$'
  '^  password: At least 8 characters\. At least one digit\.$'
)
# shows FILE PATTERN...: every pattern matches a line of FILE.
shows() {
  local file=$1 pattern absent=0
  shift
  for pattern in "$@"; do
    grep -qE -- "$pattern" "$file" || { echo "not shown: /$pattern/"; absent=1; }
  done
  return "$absent"
}

# run_page NAME DIR: DIR's index.html in Chromium against a new mock (CORS on); the page's text,
# its screenshot and the mock's log checked.
run_page() {
  local name=$1 dir=$2
  start_mock "$name" || return 1
  in_chromium --serve "$dir" --backend "$backend" --screenshot "$work/$name.png" --text "$work/$name.txt" \
    && shows "$work/$name.txt" "${page_shows[@]}" \
    && python3 "$support/check-mock-log.py" "$mock_log" --cross-origin "$backend_origin"
}

# ---- cordova-app ------------------------------------------------------------------------------------
cordova_app="$work/cordova-app"
make_cordova_app() {
  rm -rf "$cordova_app" && cp -R "$here/cordova-app" "$cordova_app" || return 1
  (cd "$cordova_app" && cordova platform add "browser@$BROWSER_PLATFORM_VERSION" >/dev/null) || return 1
  (cd "$cordova_app" && cordova plugin add "file:$tarball" >/dev/null) || return 1
  (cd "$cordova_app" && cordova build browser >/dev/null) || return 1
  ls "$cordova_app/platforms/browser/www/plugins/cordova-plugin-monaca-cloud-error/src/browser/monaca_cloud_error.wasm"
}
check "cordova-app: platform add browser@$BROWSER_PLATFORM_VERSION, plugin add file:$(basename "$tarball"), build browser" \
  make_cordova_app
check "cordova-app in headless Chromium $(chromium --version 2>/dev/null | awk '{print $2}') against the mock on another origin" \
  run_page cordova-app "$cordova_app/platforms/browser/www"
# cordova_page_with NAME MOCK_ARGS...: the app against a mock started with MOCK_ARGS.
cordova_page_with() {
  local name=$1
  shift
  start_mock "$name" "$@" || return 1
  in_chromium --serve "$cordova_app/platforms/browser/www" --backend "$backend" \
    --screenshot "$work/$name.png" --text "$work/$name.txt"
}
check_fails "cordova-app against a mock without CORS answers fails (the page may read no answer: -13)" \
  'Failed: -13 INVALID_STATUS_CODE' cordova_page_with cordova-app-no-cors --no-cors
check_fails "cordova-app against a mock that does not expose the session header fails where the session is needed (11)" \
  'Failed: 11 USER_LOGIN_REQUIRED' cordova_page_with cordova-app-no-expose --no-expose

# ---- capacitor-app ------------------------------------------------------------------------------------
capacitor_app="$work/capacitor-app"
make_capacitor_app() {
  # node_modules is kept between runs (npm then installs only what changed); the rest is anew.
  mkdir -p "$capacitor_app" \
    && find "$capacitor_app" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} + \
    && cp -R "$here/capacitor-app/." "$capacitor_app/" || return 1
  (cd "$capacitor_app" && npm install --no-audit --no-fund --loglevel=error "$tarball") || return 1
  (cd "$capacitor_app" && npm run --silent build) || return 1
  (cd "$capacitor_app" && npx cap sync) || return 1
  ls "$capacitor_app/www/monaca/monaca_cloud_error.wasm"
}
check "capacitor-app: npm install $(basename "$tarball") with Capacitor 7, npm run build (the web build)" \
  make_capacitor_app
check "capacitor-app's web build in headless Chromium against the mock on another origin" \
  run_page capacitor-app "$capacitor_app/www"

# ---- native/kotlin -----------------------------------------------------------------------------------
native="$work/native"
kotlin_example() {
  local kotlin_home jdk
  kotlin_home=$(bash "$root/bindings/android/install-kotlin.sh") || return 1
  jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  (cd "$root" && cargo build --release --quiet) || return 1
  rm -rf "$native/kotlin" && mkdir -p "$native/kotlin"
  JAVA_HOME="$jdk" cmake -S "$root/bindings/android/jni" -B "$native/kotlin/jni" -DCMAKE_BUILD_TYPE=Release \
    >"$native/kotlin/cmake.log" 2>&1 && cmake --build "$native/kotlin/jni" >>"$native/kotlin/cmake.log" 2>&1 \
    || { cat "$native/kotlin/cmake.log"; return 1; }
  "$kotlin_home/bin/kotlinc-jvm" -Werror -d "$native/kotlin/classes" \
    "$root/bindings/android/kotlin/src" "$here/native/kotlin" || return 1
  start_mock native-kotlin || return 1
  "$jdk/bin/java" -Xcheck:jni -Djava.library.path="$native/kotlin/jni" \
    -cp "$native/kotlin/classes:$kotlin_home/lib/kotlin-stdlib.jar" dev.cloudrpc.examples.MainKt "$backend" \
    | tee "$native/kotlin/out.txt"
  [ "${PIPESTATUS[0]}" -eq 0 ] && shows "$native/kotlin/out.txt" "${native_prints[@]}" \
    && python3 "$support/check-mock-log.py" "$mock_log"
}
check "native/kotlin: kotlinc-jvm -Werror with the wrapper, run on the JVM (CMake-built JNI library) against the mock" \
  kotlin_example

# ---- native/swift ---------------------------------------------------------------------------------------
chroot_dir="$root/target/swift-chroot"
# in_chroot COMMAND...: COMMAND in the Swift chroot with a clean environment (as bindings/ios/test.sh).
in_chroot() {
  chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM=dumb "$@"
}
swift_example() {
  [ -f "$chroot_dir/.monaca-swift-chroot-ready" ] \
    || { echo "no Swift chroot at $chroot_dir: bindings/ios/test.sh makes it (the ios step, before this one)"; return 1; }
  (cd "$root" && cargo build --release --quiet) || return 1
  exec 8>"$root/target/swift-chroot.lock" && flock 8 || return 1 # one user of the chroot's mounts at a time
  if ! mountpoint -q "$chroot_dir/proc"; then
    mount -t proc proc "$chroot_dir/proc" && swift_mounts+=("$chroot_dir/proc") || return 1
  fi
  mkdir -p "$chroot_dir/src" && mount --bind "$root" "$chroot_dir/src" && swift_mounts+=("$chroot_dir/src") || return 1
  local out=/src/target/examples/native/swift wrapper=() file status
  for file in "$root"/bindings/ios/Sources/MonacaCloudError/*.swift; do wrapper+=("/src/${file#"$root"/}"); done
  rm -rf "$native/swift" && mkdir -p "$native/swift"
  # The Rust archive goes to the linker alone (-Xlinker, as bindings/ios/Package.swift hands it
  # over): swiftc's autolink step reads every input file, and the archive's LLVM bitcode is
  # newer than the Swift toolchain's LLVM reads.
  in_chroot swiftc -warnings-as-errors -parse-as-library -emit-library -static -emit-module \
    -module-name MonacaCloudError -I /src/bindings/ios/Sources/CMonacaCloudError \
    -emit-module-path "$out/MonacaCloudError.swiftmodule" -o "$out/libMonacaCloudError.a" "${wrapper[@]}" \
    && in_chroot swiftc -warnings-as-errors -I "$out" -I /src/bindings/ios/Sources/CMonacaCloudError \
      /src/examples/native/swift/BackendExample.swift /src/examples/native/swift/main.swift \
      "$out/libMonacaCloudError.a" -Xlinker /src/target/release/libmonaca_cloud_error.a -o "$out/backend-example"
  status=$?
  if [ "$status" -eq 0 ]; then
    start_mock native-swift || status=1
  fi
  if [ "$status" -eq 0 ]; then
    in_chroot "$out/backend-example" "$backend" | tee "$native/swift/out.txt"
    status=${PIPESTATUS[0]}
  fi
  unmount_swift
  flock -u 8
  [ "$status" -eq 0 ] && shows "$native/swift/out.txt" "${native_prints[@]}" \
    && python3 "$support/check-mock-log.py" "$mock_log"
}
check "native/swift: swiftc -warnings-as-errors with the wrapper (Swift chroot), run against the mock" swift_example

# ---- the source tree --------------------------------------------------------------------------------------
untouched() {
  local written
  written=$(find "$here" -newer "$work/.started" -print | head -5)
  [ -z "$written" ] || { echo "written into examples/: $written"; return 1; }
}
check "nothing written into examples/ (every build is under target/examples)" untouched

echo "examples: screenshots $work/cordova-app.png, $work/capacitor-app.png"
echo "examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
