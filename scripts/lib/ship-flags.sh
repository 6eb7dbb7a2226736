# Source this: the compiler flags of the build that ships, in one place, for
# scripts/build-small-staticlib.sh (the archives) and scripts/ship-panic-boundary.sh (the
# panic-injection suite built exactly so, which proves the boundary holds with them).
#   ship_rustflags [TARGET]  prints RUSTFLAGS for the shipped build of TARGET (run from the
#                       checkout's root)
#   SHIP_BUILD_STD      the -Zbuild-std options, as an array
# -Cforce-unwind-tables=no: no unwind tables for functions that cannot unwind (a panic still
# unwinds through those that can, and is caught at the C boundary: ship-panic-boundary.sh runs
# the whole panic-injection suite built with these flags, on x86_64 and on aarch64 under qemu).
# --cfg monaca_ship: the source's choices of optimisation per function (`#[optimize]`, a
# nightly attribute: src/lib.rs) apply; other builds ignore them.
# 32-bit x86 (Android x86): -Cforce-frame-pointers=yes. Without a frame pointer every push and
# pop moves the frame's address, and the unwind tables (which that target keeps for every
# function that can unwind) describe each move; with one, a function's table is a few fixed
# rules: 6.5 KiB less of `.eh_frame` and 2 KiB less code. Other targets gain nothing from it
# (Apple's keep frame pointers anyway) or lose speed.
ship_rustflags() {
  local sysroot frame_pointers=
  sysroot=$(rustc +nightly --print sysroot)
  case "${1:-}" in i686-*) frame_pointers=-Cforce-frame-pointers=yes ;; esac
  echo "--cfg monaca_ship $frame_pointers -Cforce-unwind-tables=no -Zlocation-detail=none -Zfmt-debug=none --remap-path-prefix=$PWD=." \
    "--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo --remap-path-prefix=$sysroot=/rustc"
}
SHIP_BUILD_STD=(-Zbuild-std=std,panic_unwind -Zbuild-std-features=optimize_for_size)
