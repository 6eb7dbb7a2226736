#!/usr/bin/env bash
# Builds the library, compiles the thread test (tests/c/threads.c) against its static archive
# with -O2, and runs it. Exits non-zero when the build, the compile or any check fails.
#   tests/c/run-threads.sh [SCALE]     SCALE multiplies the rounds (default 1)
# For another target, set TARGET, CC and RUNNER (see tests/c/build.sh).
set -euo pipefail
# shellcheck source=tests/c/build.sh
source "$(dirname "$0")/build.sh"

c_build_library
c_compile threads tests/c/threads.c -O2
timeout 300 "${c_runner[@]}" "$c_program" "$@"
