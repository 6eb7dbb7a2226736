#!/usr/bin/env bash
# Usage: scripts/build-small-staticlib.sh [TARGET [--opt-level-3]]   (default: the host's triple)
# Builds the static library that ships (the plugin's archives, the XCFramework), as small as it
# can be while panics still unwind and are still caught at the C boundary (panic_unwind kept):
#   - nightly's -Zbuild-std with the standard library's `backtrace` feature off: a library never
#     prints a panic backtrace, and std's backtrace printer (gimli, addr2line, a demangler and an
#     inflater) is most of what a stable build adds to an app; and with std's
#     `optimize_for_size` feature (smaller sorting and formatting code in core and std);
#   - Cargo profile `ship` (Cargo.toml): the release profile optimised for size (opt-level "s");
#   - -Zlocation-detail=none and -Zfmt-debug=none: panic messages lose their file, line and
#     `{:?}` parts (nobody reads them: a panic becomes MONACA_STATUS_PANIC at the boundary);
#   - -Cforce-unwind-tables=no: no unwind tables for functions that cannot unwind (proved to
#     keep the panic boundary by scripts/ship-panic-boundary.sh);
#   (the flags live in scripts/lib/ship-flags.sh)
#   - the builder's paths (checkout, cargo registry, toolchain) stay out of the archive;
#   - the LLVM bitcode that std's compiler_builtins member carries (Mach-O __LLVM segment, ELF
#     .llvmbc) is removed with the toolchain's rust-objcopy: no app build uses it, and App Store
#     uploads reject it in a final binary;
#   - iOS: minimum iOS 13.0 (IPHONEOS_DEPLOYMENT_TARGET overrides it), 14.0 for the arm64
#     simulator, which has no older version.
# benches/size.sh measures what it adds to a program for every shipped target.
# Output: target/small/<TARGET>/libmonaca_cloud_error.a (its absolute path is printed last)
# --opt-level-3: the same build with everything (std and this crate) at opt-level 3, into
# target/small-o3/: the speed reference that benches/size.sh counts the shipped build against.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-$(rustc -vV | sed -n 's/^host: //p')}
dir=target/small
reference=()
if [ "${2:-}" = --opt-level-3 ]; then
  dir=target/small-o3
  reference=(--config 'profile.ship.opt-level=3' --config 'profile.ship.package.monaca-cloud-error.opt-level=3')
fi
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
rustup component add rust-src --toolchain nightly >/dev/null 2>&1
sysroot=$(rustc +nightly --print sysroot)
# Apple targets: the minimum iOS version goes into every object's load commands (rustc reads
# IPHONEOS_DEPLOYMENT_TARGET), and Cargo does not rebuild when it changes: a stamp does.
case "$target" in
  aarch64-apple-ios-sim) minimum=14.0 ;;  # the arm64 simulator exists from iOS 14 on
  *-apple-ios*) minimum=${IPHONEOS_DEPLOYMENT_TARGET:-13.0} ;;
  *) minimum= ;;
esac
if [ -n "$minimum" ]; then
  export IPHONEOS_DEPLOYMENT_TARGET=$minimum
  stamp="$dir/$target/deployment-target"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$minimum" ]; then
    rm -rf "$dir/$target"
    mkdir -p "$dir/$target" && echo "$minimum" >"$stamp"
  fi
fi
# RUSTFLAGS reaches only the target's crates (--target), never build scripts.
# shellcheck source=lib/ship-flags.sh
source scripts/lib/ship-flags.sh
RUSTFLAGS=$(ship_rustflags "$target")
export RUSTFLAGS
cargo +nightly rustc --profile ship --lib --crate-type staticlib --target "$target" \
  --target-dir "$dir" "${SHIP_BUILD_STD[@]}" "${reference[@]}"
case "$target" in
  *-apple-*) bitcode=(--remove-section=__LLVM,__bitcode --remove-section=__LLVM,__cmdline) ;;
  *) bitcode=(--remove-section=.llvmbc --remove-section=.llvmcmd) ;;
esac
host=$(rustc +nightly -vV | sed -n 's/^host: //p')
LD_LIBRARY_PATH="$sysroot/lib" DYLD_LIBRARY_PATH="$sysroot/lib" "$sysroot/lib/rustlib/$host/bin/rust-objcopy" \
  "${bitcode[@]}" "$dir/$target/ship/libmonaca_cloud_error.a" "$dir/$target/libmonaca_cloud_error.a"
echo "$PWD/$dir/$target/libmonaca_cloud_error.a"
