#!/usr/bin/env bash
# Swift peers: Foundation's JSONSerialization against the Swift wrapper
# (bindings/ios/Sources/MonacaCloudError, MonacaCloudError.from(httpStatus:body:)) on the
# benchmark inputs, in one process (main.swift: interleaved rounds, medians, a correctness check
# of every method first), with Swift 6.0.3 in the Debian trixie chroot of bindings/ios/test.sh.
# Prints a markdown table. On Linux, Foundation is swift-corelibs-foundation, not Apple's.
#
# The chroot comes from scripts/lib/swift-chroot.sh, the code bindings/ios/test.sh uses: made
# with debootstrap under target/swift-chroot on first use (about 2.7 GB), reused after. Set
# MONACA_SWIFT_CHROOT to the folder of an existing one (such as another checkout's
# target/swift-chroot) to use that instead; its lock (<chroot>.lock) is taken as test.sh takes it.
# Built with swiftc -O: the wrapper as its own module (a static library, as an app links it),
# main.swift against it, and the host's target/release/libmonaca_cloud_error.a.
#
# Usage: benches/peers/swift/run.sh INPUT_DIR [ROUNDS] [BATCH_MS]
# Prints "swift peers: skipped: ..." and exits 0 when the toolchain cannot be set up; exits 1
# when a method reads an input differently from the others (or a build fails).
set -uo pipefail

# shellcheck source=../part.sh
source "$(dirname "${BASH_SOURCE[0]}")/../part.sh" swift 4 "$@"

[ "$(id -u)" = 0 ] || skip "not root (the Swift chroot needs debootstrap, chroot and mount)"
chroot_dir="$root/target/swift-chroot"
if [ -n "${MONACA_SWIFT_CHROOT:-}" ]; then
  [ -d "$MONACA_SWIFT_CHROOT" ] || skip "MONACA_SWIFT_CHROOT ($MONACA_SWIFT_CHROOT) is not a folder"
  chroot_dir=$(cd "$MONACA_SWIFT_CHROOT" && pwd)
fi
chroot_log="$chroot_dir.log"
chroot_label="swift peers: "
# Setting the chroot up failing is a toolchain that cannot be set up: a skip.
die() { skip "$*"; }
# shellcheck source=../../../scripts/lib/swift-chroot.sh
source "$root/scripts/lib/swift-chroot.sh"
# shellcheck source=../../../scripts/lib/debian-packages.sh
source "$root/scripts/lib/debian-packages.sh"
if [ "$(cat "$chroot_ready" 2>/dev/null)" != "$chroot_packages" ]; then
  need_commands debootstrap:debootstrap >&2 || skip "could not install debootstrap"
fi
trap swift_chroot_unmount EXIT
trap 'exit 130' INT TERM HUP  # through the EXIT trap

static_lib="$root/target/release/libmonaca_cloud_error.a"
[ -f "$static_lib" ] || (cd "$root" && cargo build --release --quiet) || fail "cargo build --release"
mkdir -p "$out/inputs"
cp "$inputs"/{S1,S2,L1,L2}.json "$out/inputs/" || fail "the inputs are not in $inputs"

# Another run (bindings/ios/test.sh) may own the chroot for a while: wait, but not forever.
swift_chroot_open 600 >&2 || skip "the chroot $chroot_dir stayed locked (by bindings/ios/test.sh?) for 600 s"
swift_version=$(in_chroot / swift --version 2>&1 | sed -nE 's/^Swift version ([^ ]+).*/\1/p')
[ -n "$swift_version" ] || skip "swift --version in the chroot"

build=/src/target/peers/swift
sources=()
for file in "$root"/bindings/ios/Sources/MonacaCloudError/*.swift; do sources+=("/src/${file#"$root"/}"); done
rm -rf "$out/module" && mkdir -p "$out/module"
in_chroot /src swiftc -O -wmo -parse-as-library -module-name MonacaCloudError -static -emit-library \
  -emit-module -emit-module-path "$build/module/MonacaCloudError.swiftmodule" \
  -I /src/bindings/ios/Sources/CMonacaCloudError "${sources[@]}" -o "$build/module/libMonacaCloudError.a" \
  >"$out/swiftc-wrapper.log" 2>&1 || { cat "$out/swiftc-wrapper.log" >&2; fail "swiftc of the wrapper"; }
in_chroot /src swiftc -O -module-name PeersBench -I "$build/module" -I /src/bindings/ios/Sources/CMonacaCloudError \
  /src/benches/peers/swift/main.swift "$build/module/libMonacaCloudError.a" \
  -Xlinker /src/target/release/libmonaca_cloud_error.a -o "$build/peers-bench" \
  >"$out/swiftc-bench.log" 2>&1 || { cat "$out/swiftc-bench.log" >&2; fail "swiftc of main.swift"; }

echo "swift peers: Swift $swift_version (Debian trixie swiftlang, chroot $chroot_dir), swiftc -O;" \
  "Foundation here is swift-corelibs-foundation (Linux), not Apple's Foundation: nothing here measures iOS"
echo "swift peers: $rounds interleaved rounds (after 5 warm-up rounds) of ~${batch_ms} ms batches per method; median per body." \
  "One process, 2 shared cores, other work running: noisy figures, compare ratios."
in_chroot /src "$build/peers-bench" "$build/inputs" "$rounds" "$batch_ms" || fail "peers-bench (above)"
