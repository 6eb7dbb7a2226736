#!/usr/bin/env bash
# The iOS binding's checks that can run on Linux. The README's test command
# (scripts/test-all.sh) calls this; it runs on a fresh Debian machine as root, installs what it
# lacks, and exits non-zero when anything fails. It ends with an "ios: N passed, N failed" line.
#
#   1. the static library cross-built for aarch64-apple-ios (a Mach-O arm64 archive)
#   2. that archive defines every function of the header (scripts/check-exports.sh with llvm-nm,
#      since GNU nm cannot read Mach-O); an archive without them must fail the same check
#   3. both module maps (source tree and XCFramework) import with `clang -fmodules
#      -fsyntax-only`; a missing module, an unresolvable header and a type error must fail
#   4. every .swift file of the repository parses with tree-sitter's Swift grammar, and a
#      deliberately broken sample does not
#   5. build-xcframework.sh refuses to run off macOS, saying why
#
# Not run here (no Swift toolchain, no Xcode on Linux): `swift test`, `xcodebuild`,
# build-xcframework.sh itself. See bindings/ios/README.md for running them on a Mac.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/target/ios-check"          # scratch space, gitignored with the rest of target/
parser_dir="$root/target/ios-swift-parser"  # npm packages for the Swift syntax check
ios_target=aarch64-apple-ios
archive="$root/target/$ios_target/release/libmonaca_cloud_error.a"

die() {
  echo "ios: setup failed: $*" >&2
  echo "ios: 0 passed, 1 failed"
  exit 1
}

# ---- setup: tools, Rust target, npm packages (a failure here stops everything) -------------

missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need clang clang        # module map checks
need llvm-nm llvm       # reads Mach-O archives
need llvm-readobj llvm  # tells the archive's format
need node nodejs        # runs the tree-sitter Swift parser
need npm npm
if [ ${#missing[@]} -gt 0 ]; then
  echo "ios: installing ${missing[*]}"
  apt-get update -qq || die "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]}"
fi
command -v rustup >/dev/null || die "rustup not found (the Rust toolchain is a prerequisite)"

# Only aarch64-apple-ios has a rust-std to install here; the simulator targets are built by
# build-xcframework.sh on a Mac.
rustup target add "$ios_target" >/dev/null 2>&1 || die "rustup target add $ios_target"

# Node packages live under target/, never in the source tree. Versions are pinned: the grammar
# decides what counts as valid Swift, so it must not change under us.
if ! node -e "const v=require('$parser_dir/node_modules/web-tree-sitter/package.json').version; process.exit(v.startsWith('0.22.')?0:1)" 2>/dev/null \
  || [ ! -f "$parser_dir/node_modules/tree-sitter-wasms/out/tree-sitter-swift.wasm" ]; then
  mkdir -p "$parser_dir"
  [ -f "$parser_dir/package.json" ] || echo '{ "private": true }' >"$parser_dir/package.json"
  npm install --prefix "$parser_dir" --ignore-scripts --no-audit --no-fund --loglevel=error \
    web-tree-sitter@0.22.6 tree-sitter-wasms@0.1.13 || die "npm install of the Swift parser"
fi

rm -rf "$work"
mkdir -p "$work"

# ---- checks --------------------------------------------------------------------------------

# shellcheck source=scripts/checks.sh
source "$root/scripts/checks.sh"

# 1. Cross-build. Only the staticlib: `cargo build --target aarch64-apple-ios` would also link
#    the cdylib and the CLI, which needs Apple's linker and SDK and so fails on Linux. The
#    static library needs no linker: rustc writes the archive itself.
build_ios() {
  (cd "$root" && cargo rustc --release --lib --crate-type staticlib --target "$ios_target")
}
archive_is_macho_arm64() {  # every member, not just the first
  local formats
  formats=$(llvm-readobj --file-headers "$archive" | grep 'Format:' | sort -u)
  echo "$formats"
  [ "$formats" = "Format: Mach-O arm64" ]
}
check "cargo rustc --release --lib --crate-type staticlib --target $ios_target" build_ios
check "the archive is Mach-O arm64" archive_is_macho_arm64

# 2. Exports.
check "archive exports every header function (llvm-nm)" \
  bash "$root/scripts/check-exports.sh" "$archive" llvm-nm
printf '!<arch>\n' >"$work/empty.a"  # a valid archive that defines nothing
check_fails "an archive without the functions fails the export check" "lacks" \
  bash "$root/scripts/check-exports.sh" "$work/empty.a" llvm-nm

# 3. Module maps. `@import` (Objective-C) loads the module exactly as Swift's import does.
import_module() {  # import_module INCLUDE_DIR SOURCE CACHE_NAME
  clang -x objective-c -fmodules -fmodules-cache-path="$work/module-cache-$3" \
    -fsyntax-only -Wall -Wextra -Werror -I "$1" "$2"
}
bash "$here/build-xcframework.sh" --headers-only "$work/xcframework-headers"
check "source-tree module map imports with clang -fmodules" \
  import_module "$here/Sources/CMonacaCloudError" "$here/tools/module-probe.m" source
check "XCFramework module map imports with clang -fmodules" \
  import_module "$work/xcframework-headers" "$here/tools/module-probe.m" xcframework

mkdir -p "$work/misplaced"  # the source-tree map one level too deep: its header path breaks
cp "$here/Sources/CMonacaCloudError/module.modulemap" "$work/misplaced/"
check_fails "clang fails when the module map's header is not found" "header .* not found" \
  import_module "$work/misplaced" "$here/tools/module-probe.m" misplaced
printf '@import CMonacaCloudErrorMissing;\n' >"$work/missing-module.m"
check_fails "clang fails on a module that does not exist" "module .* not found" \
  import_module "$here/Sources/CMonacaCloudError" "$work/missing-module.m" missing
cat >"$work/type-error.m" <<'EOF'
@import CMonacaCloudError;
int64_t wrong(void);
int64_t wrong(void) { int64_t code = monaca_error_message(monaca_error_timeout()); return code; }
EOF
check_fails "clang fails on a type error against the module's declarations" "incompatible type" \
  import_module "$here/Sources/CMonacaCloudError" "$work/type-error.m" type-error

# 4. Swift syntax (the script first proves it rejects its broken sample).
check "every .swift file parses (tree-sitter Swift grammar)" \
  node "$here/tools/check-swift-syntax.js" "$parser_dir/node_modules" "$root"

# 5. The XCFramework build needs a Mac and says so.
check_fails "build-xcframework.sh refuses to run off macOS" "needs macOS" \
  bash "$here/build-xcframework.sh"

echo "ios: not run here (no Swift toolchain or Xcode on Linux): swift test, xcodebuild, build-xcframework.sh"
echo "ios: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
