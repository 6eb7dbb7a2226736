# Source this: the compiler flags of the build that ships, in one place, for
# scripts/build-small-staticlib.sh (the archives) and scripts/ship-panic-boundary.sh (the
# panic-injection suite built exactly so, which proves the boundary holds with them).
#   ship_rustflags      prints RUSTFLAGS for the shipped build (run from the checkout's root)
#   SHIP_BUILD_STD      the -Zbuild-std options, as an array
# -Cforce-unwind-tables=no: no unwind tables for functions that cannot unwind (a panic still
# unwinds through those that can, and is caught at the C boundary: ship-panic-boundary.sh runs
# the whole panic-injection suite built with these flags, on x86_64 and on aarch64 under qemu).
# --cfg monaca_ship: the source's choices of optimisation per function (`#[optimize]`, a
# nightly attribute: src/lib.rs) apply; other builds ignore them.
ship_rustflags() {
  local sysroot
  sysroot=$(rustc +nightly --print sysroot)
  echo "--cfg monaca_ship -Cforce-unwind-tables=no -Zlocation-detail=none -Zfmt-debug=none --remap-path-prefix=$PWD=." \
    "--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo --remap-path-prefix=$sysroot=/rustc"
}
SHIP_BUILD_STD=(-Zbuild-std=std,panic_unwind -Zbuild-std-features=optimize_for_size)
