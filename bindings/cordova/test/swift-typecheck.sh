#!/usr/bin/env bash
# Type-checks src/ios/MonacaCloudErrorPlugin.swift with the real Swift wrapper
# (bindings/ios/Sources/MonacaCloudError, importing the C module CMonacaCloudError from
# include/) against test/ios-stubs/CordovaStubs.swift, stand-ins with the signatures Swift
# imports from cordova-ios 8.1.1's headers: swiftc -typecheck, Swift 5 language mode (the
# plugin's SwiftVersion), warnings as errors (a deprecated cordova-ios name fails). Linux Swift
# has no Objective-C interop, so the `@objc(...)` lines of the plugin are dropped first.
#
# The compiler is the Swift 6.0.3 of bindings/ios/test.sh's chroot (target/swift-chroot, made by
# that script; this one only uses it, under the same lock, mounting /proc while it runs). First
# the check must reject a copy of the plugin that uses CDVCommandStatus_OK (deprecated by
# cordova-ios 8), which shows that it can fail.
#
# Usage: test/swift-typecheck.sh   (root; exits 0 when the plugin type-checks)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
plugin=$(cd "$here/.." && pwd)
root=$(cd "$plugin/../.." && pwd)
chroot_dir="$root/target/swift-chroot"
[ -f "$chroot_dir/.monaca-swift-chroot-ready" ] || { echo "no Swift chroot at $chroot_dir: run bindings/ios/test.sh"; exit 1; }

exec 8>"$root/target/swift-chroot.lock"
flock 8
work_in_chroot=/tmp/cordova-swift-typecheck.$$
work="$chroot_dir$work_in_chroot"
mounted_proc=
cleanup() {
  [ -z "$mounted_proc" ] || umount "$chroot_dir/proc" || umount -l "$chroot_dir/proc"
  rm -rf "$work"
}
trap cleanup EXIT
mountpoint -q "$chroot_dir/proc" || { mount -t proc proc "$chroot_dir/proc" && mounted_proc=1; }

mkdir -p "$work/CMonacaCloudError" "$work/sources" "$work/good" "$work/broken"
cp "$root/include/monaca_cloud_error.h" "$root/bindings/ios/xcframework/module.modulemap" "$work/CMonacaCloudError/"
cp "$root"/bindings/ios/Sources/MonacaCloudError/*.swift "$here/ios-stubs/CordovaStubs.swift" "$work/sources/"
sed -E '/^[[:space:]]*@objc\([^)]*\)[[:space:]]*$/d' "$plugin/src/ios/MonacaCloudErrorPlugin.swift" >"$work/good/Plugin.swift"
sed 's/status: \.ok,/status: CDVCommandStatus_OK,/' "$work/good/Plugin.swift" >"$work/broken/Plugin.swift"
cmp -s "$work/good/Plugin.swift" "$work/broken/Plugin.swift" && { echo "could not make the broken sample"; exit 1; }

# in_chroot COMMAND...: in the work folder inside the chroot, a clean environment, temporary files kept there.
in_chroot() {
  chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 TMPDIR="$work_in_chroot" \
    sh -c 'cd "$1" && shift && exec "$@"' sh "$work_in_chroot" "$@"
}
typecheck() { # typecheck good|broken
  in_chroot swiftc -typecheck -swift-version 5 -warnings-as-errors -I CMonacaCloudError \
    $(cd "$work" && echo sources/*.swift) "$1/Plugin.swift"
}
if output=$(typecheck broken 2>&1); then
  echo "swiftc accepted the broken sample (CDVCommandStatus_OK)"
  exit 1
fi
grep -q "CDVCommandStatus_OK.*deprecated" <<<"$output" || { echo "$output"; echo "the broken sample failed for another reason"; exit 1; }
echo "ok: the broken sample is rejected (CDVCommandStatus_OK is deprecated)"
typecheck good
echo "ok: src/ios/MonacaCloudErrorPlugin.swift type-checks with the Swift wrapper ($(in_chroot swiftc --version 2>&1 | head -n1))"
