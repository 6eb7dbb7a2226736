#!/usr/bin/env bash
# The panic boundary holds in the build that ships: the panic-injection suite
# (tests/panic_boundary.rs: every exported function made to panic inside its guard must return
# its zero value, and the process goes on) built with the shipped flags (scripts/lib/ship-flags.sh:
# Cargo profile `ship`, -Zbuild-std with optimize_for_size, -Cforce-unwind-tables=no, ...) and
# run on x86_64, on i686 and on aarch64 under qemu-user. A panic that could not unwind through a function
# without unwind tables would abort the test process, which fails the run.
# Installs what it needs (nightly's rust-src, the aarch64 and i686 cross gcc and libc, qemu-user).
# Outputs go to target/ship-panic-boundary/. Exits non-zero when a run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/debian-packages.sh
source scripts/lib/debian-packages.sh
# shellcheck source=lib/ship-flags.sh
source scripts/lib/ship-flags.sh
need_debian_packages gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-i686-linux-gnu libc6-dev-i386-cross libc6-i386 qemu-user
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
rustup component add rust-src --toolchain nightly >/dev/null 2>&1

export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu"
export CARGO_TARGET_I686_UNKNOWN_LINUX_GNU_LINKER=i686-linux-gnu-gcc
# i686 runs natively on the x86_64 kernel (libc6-i386); under qemu-i386 this suite hangs.
host=$(rustc +nightly -vV | sed -n 's/^host: //p')
# i686: the flags of 32-bit x86 differ (frame pointers: scripts/lib/ship-flags.sh).
for target in "$host" aarch64-unknown-linux-gnu i686-unknown-linux-gnu; do
  RUSTFLAGS=$(ship_rustflags "$target")
  export RUSTFLAGS
  echo "--- ship-panic-boundary: $target, profile ship, RUSTFLAGS=$RUSTFLAGS"
  cargo +nightly test --profile ship --target "$target" --target-dir target/ship-panic-boundary \
    "${SHIP_BUILD_STD[@]/%panic_unwind/panic_unwind,test}" --features panic-injection --test panic_boundary
done
echo "ship-panic-boundary: the panic-injection suite passed with the shipped flags on $host, i686 and aarch64 (qemu)"
