# Source this: builds the library and C programs against its static archive, for the host or
# for another target, and runs them. The one place of that choice for tests/c/run*.sh.
#
# Environment (scripts/cross-test.sh sets these for another CPU; all default to the host):
#   TARGET  a Rust target triple: the library is built with `cargo build --release --lib
#           --target TARGET` (which also needs CARGO_TARGET_<TRIPLE>_LINKER)
#   CC      the C compiler for that target (default gcc), e.g. aarch64-linux-gnu-gcc
#   RUNNER  the command that runs a compiled program, split at spaces (default: run it
#           directly), e.g. "qemu-aarch64 -L /usr/aarch64-linux-gnu"
#
#   c_build_library            builds the library; sets c_lib (the archive)
#   c_compile NAME SOURCE FLAG...  compiles SOURCE with C99 -Wall -Wextra -Werror -pedantic and
#                              FLAGs, links c_lib (and FLAGs' libraries first), into
#                              target/c-NAME[/TARGET]/NAME; sets c_program
#   c_run ARG...               runs c_program through RUNNER
set -euo pipefail
c_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$c_root"
c_cc=${CC:-gcc}
c_target=${TARGET:-}
read -r -a c_runner <<<"${RUNNER:-}"

if [ "$c_cc" = gcc ]; then
  # shellcheck source=scripts/lib/debian-packages.sh
  source scripts/lib/debian-packages.sh
  need_commands gcc:gcc
fi

c_build_library() {
  if [ -n "$c_target" ]; then
    cargo build --release --lib --target "$c_target"
    c_lib=target/$c_target/release/libmonaca_cloud_error.a
  else
    cargo build --release
    c_lib=target/release/libmonaca_cloud_error.a
  fi
}

c_compile() {
  local name=$1 source=$2
  shift 2
  local out=target/c-$name${c_target:+/$c_target}
  mkdir -p "$out"
  c_program=$out/$name
  "$c_cc" -std=c99 -Wall -Wextra -Werror -pedantic -Iinclude "$source" "$@" "$c_lib" \
    -lpthread -ldl -lm -o "$c_program"
}

c_run() {
  "${c_runner[@]}" "$c_program" "$@"
}
