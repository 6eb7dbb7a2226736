#!/usr/bin/env bash
# Builds the library, compiles the C harness against its static archive, and runs it.
# Exits non-zero when the build, the compile or any check fails. For another target, set
# TARGET, CC and RUNNER (see tests/c/build.sh; scripts/cross-test.sh does this).
set -euo pipefail
# shellcheck source=tests/c/build.sh
source "$(dirname "$0")/build.sh"

# The crate version, from the [package] table of Cargo.toml.
version=$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml)
[ -n "$version" ] || { echo "run.sh: no version in Cargo.toml" >&2; exit 1; }

c_build_library
c_compile harness tests/c/harness.c -DEXPECTED_VERSION="\"$version\""
c_run
