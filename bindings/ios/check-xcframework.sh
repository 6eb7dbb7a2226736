#!/usr/bin/env bash
# Checks an XCFramework made by build-xcframework.sh, without Xcode (Debian's llvm and clang):
#
#   - Info.plist: a valid property list (python's plistlib) naming exactly the slices that are
#     there, each slice's LibraryPath and HeadersPath present, its architectures those of the
#     archive's fat header (llvm-objdump --macho --universal-headers)
#   - every object of every architecture: the Mach-O CPU type of its slice and architecture, and
#     the platform of its LC_BUILD_VERSION load command (ios, or iossimulator for the simulator
#     slice) with the minimum iOS version the podspec declares (13.0; 14.0 for the arm64
#     simulator, which has no older one); no LLVM bitcode (__LLVM segment)
#   - every function of include/monaca_cloud_error.h is defined in every architecture
#     (scripts/check-exports.sh with llvm-nm)
#   - no required-reason API (Apple's list, see below) among the symbols the archive calls, so
#     the package needs no PrivacyInfo.xcprivacy; the day one appears this check fails and names it
#   - the headers are the committed include/monaca_cloud_error.h, in Headers/CMonacaCloudError/
#     with the module map, nothing at the top of Headers/ (two XCFrameworks with a top-level
#     module.modulemap collide in Xcode's include/), and `@import CMonacaCloudError` compiles
#     with clang -fmodules against each slice's Headers folder, as Xcode's include/ holds it
#
# Usage: bindings/ios/check-xcframework.sh PATH/CMonacaCloudError.xcframework
# Prints one "ok:" or "FAIL:" line per check and exits non-zero when any fails.
set -uo pipefail

xcf=${1:?usage: check-xcframework.sh PATH/CMonacaCloudError.xcframework}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
lib=libmonaca_cloud_error.a
module=CMonacaCloudError
failed=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failed=1; }

for tool in llvm-objdump llvm-nm clang python3; do
  command -v "$tool" >/dev/null || { echo "check-xcframework.sh: $tool not found" >&2; exit 2; }
done
[ -d "$xcf" ] || { echo "check-xcframework.sh: $xcf is not a folder" >&2; exit 2; }

# Apple's required-reason APIs that are C functions (developer.apple.com, "Describing use of
# required reason API"): file timestamps, system boot time, disk space. The other categories
# (active keyboards, user defaults) are Objective-C/Swift APIs a Rust archive cannot call.
required_reason='^_(stat|fstat|fstatat|lstat|getattrlist|fgetattrlist|getattrlistat|getattrlistbulk|mach_absolute_time|statfs|fstatfs|statvfs|fstatvfs)(\$.*)?$'

# slice -> platform of its objects, and its architectures (Info.plist names, lipo order free).
declare -A platform=([ios-arm64]=ios [ios-arm64_x86_64-simulator]=iossimulator)
declare -A archs=([ios-arm64]="arm64" [ios-arm64_x86_64-simulator]="arm64 x86_64")
declare -A cputype=([arm64]=ARM64 [x86_64]=X86_64)

# ---- Info.plist --------------------------------------------------------------------------------
if plist=$(python3 - "$xcf" <<'EOF'
import plistlib, sys
with open(sys.argv[1] + "/Info.plist", "rb") as f:
    info = plistlib.load(f)
assert info["CFBundlePackageType"] == "XFWK", "CFBundlePackageType is not XFWK"
assert info["XCFrameworkFormatVersion"] == "1.0", "XCFrameworkFormatVersion is not 1.0"
for entry in info["AvailableLibraries"]:
    variant = entry.get("SupportedPlatformVariant", "-")
    assert entry["SupportedPlatform"] == "ios", entry["SupportedPlatform"]
    assert entry["LibraryPath"] == entry["BinaryPath"], "BinaryPath differs from LibraryPath"
    print(entry["LibraryIdentifier"], variant, entry["LibraryPath"], entry["HeadersPath"],
          " ".join(sorted(entry["SupportedArchitectures"])))
EOF
); then
  ok "Info.plist is a valid XCFramework property list"
else
  fail "Info.plist: $plist"
fi
slices_in_plist=$(awk '{print $1}' <<<"$plist" | sort | tr '\n' ' ')
slices_on_disk=$(cd "$xcf" && find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort | tr '\n' ' ')
[ "$slices_in_plist" = "ios-arm64 ios-arm64_x86_64-simulator " ] && [ "$slices_on_disk" = "$slices_in_plist" ] \
  && ok "slices: $slices_on_disk(Info.plist and folders agree)" \
  || fail "slices: Info.plist names '$slices_in_plist', the folder holds '$slices_on_disk'"

while read -r identifier variant library_path headers_path plist_archs; do
  [ -n "$identifier" ] || continue
  slice="$xcf/$identifier"
  archive="$slice/$library_path"
  expected_variant=$([ "$identifier" = ios-arm64 ] && echo - || echo simulator)
  [ "$variant" = "$expected_variant" ] || fail "$identifier: SupportedPlatformVariant '$variant'"
  [ "$library_path" = "$lib" ] && [ -f "$archive" ] || { fail "$identifier: no $library_path"; continue; }
  [ "$headers_path" = Headers ] && [ -d "$slice/Headers" ] || fail "$identifier: no Headers folder"
  [ "$plist_archs" = "${archs[$identifier]}" ] || fail "$identifier: Info.plist architectures '$plist_archs'"

  # Architectures of the archive itself: a fat header (simulator) or one thin archive (device).
  if [ "$(head -c4 "$archive" | od -An -tx1 | tr -d ' ')" = cafebabe ]; then
    found=$(llvm-objdump --macho --universal-headers "$archive" | awk '$1 == "architecture" {print $2}' | sort | tr '\n' ' ')
  else
    found=$(llvm-objdump --macho --private-headers "$archive" | awk '$1 ~ /^MH_MAGIC/ {print tolower($2)}' | sort -u | tr '\n' ' ')
  fi
  [ "$found" = "${archs[$identifier]} " ] && ok "$identifier: archive architectures $found" \
    || fail "$identifier: archive architectures '$found', expected '${archs[$identifier]}'"

  for arch in ${archs[$identifier]}; do
    headers=$(llvm-objdump --macho --private-headers --arch="$arch" "$archive" 2>&1)
    objects=$(grep -c '^ *MH_MAGIC' <<<"$headers")
    cpus=$(awk '$1 ~ /^MH_MAGIC/ {print $2}' <<<"$headers" | sort -u | tr '\n' ' ')
    platforms=$(awk '$1 == "platform" {print $2}' <<<"$headers" | sort -u | tr '\n' ' ')
    builds=$(grep -c 'cmd LC_BUILD_VERSION' <<<"$headers")
    minos=$(awk '$1 == "minos" {print $2}' <<<"$headers" | sort -u | tr '\n' ' ')
    expected_minos=$([ "$identifier/$arch" = ios-arm64_x86_64-simulator/arm64 ] && echo 14.0 || echo 13.0)
    if [ "$objects" -ge 1 ] && [ "$cpus" = "${cputype[$arch]} " ] && [ "$platforms" = "${platform[$identifier]} " ] \
      && [ "$builds" = "$objects" ] && [ "$minos" = "$expected_minos " ]; then
      ok "$identifier/$arch: $objects objects, CPU ${cputype[$arch]}, LC_BUILD_VERSION platform ${platform[$identifier]} minos $expected_minos"
    else
      fail "$identifier/$arch: $objects objects, CPU types '$cpus', platforms '$platforms', $builds LC_BUILD_VERSION commands, minos '$minos' (expected $expected_minos)"
    fi
    grep -q 'segname __LLVM' <<<"$headers" && fail "$identifier/$arch: an object carries LLVM bitcode (__LLVM)"

    if bash "$root/scripts/check-exports.sh" "$archive" "llvm-nm --arch=$arch" >/dev/null 2>"$xcf.exports.log"; then
      ok "$identifier/$arch: defines every header function"
    else
      fail "$identifier/$arch: $(cat "$xcf.exports.log")"
    fi
    rm -f "$xcf.exports.log"
    called=$(llvm-nm --arch="$arch" -u "$archive" 2>/dev/null | awk 'NF == 2 {print $2} NF == 1 && !/:$/ {print $1}' | sort -u)
    reasons=$(grep -E "$required_reason" <<<"$called" | tr '\n' ' ')
    if [ -z "$called" ]; then
      fail "$identifier/$arch: no undefined symbols read (llvm-nm failed?)"
    elif [ -n "$reasons" ]; then
      fail "$identifier/$arch: calls required-reason APIs ($reasons): ship a PrivacyInfo.xcprivacy declaring them"
    else
      ok "$identifier/$arch: calls none of Apple's required-reason C APIs ($(wc -l <<<"$called") symbols called)"
    fi
  done

  # Headers: only Headers/CMonacaCloudError/{header, module map}, the header the committed one.
  listing=$(cd "$slice/Headers" && find . -type f | sort | tr '\n' ' ')
  [ "$listing" = "./$module/module.modulemap ./$module/monaca_cloud_error.h " ] \
    && ok "$identifier: Headers holds only $module/ (module map and header)" \
    || fail "$identifier: Headers holds '$listing'"
  cmp -s "$slice/Headers/$module/monaca_cloud_error.h" "$root/include/monaca_cloud_error.h" \
    || fail "$identifier: its header differs from include/monaca_cloud_error.h"
  probe=$(mktemp -d)
  printf '@import %s;\nint main(void) { return monaca_abi_version() == MONACA_ABI_VERSION ? 0 : 1; }\n' "$module" >"$probe/probe.m"
  if clang -fmodules -fmodules-cache-path="$probe/cache" -fsyntax-only -Werror -I "$slice/Headers" "$probe/probe.m" 2>"$probe/log"; then
    ok "$identifier: @import $module compiles (clang -fmodules -I Headers)"
  else
    fail "$identifier: @import $module: $(cat "$probe/log")"
  fi
  rm -rf "$probe"
done <<<"$plist"

exit "$failed"
