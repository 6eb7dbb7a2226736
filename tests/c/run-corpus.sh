#!/usr/bin/env bash
# Builds the library and the C corpus program (tests/c/corpus.c, reading tests/corpus/*.json
# with cJSON) and runs it. Installs libcjson-dev when missing. Exits non-zero on any failure.
set -euo pipefail
# shellcheck source=tests/c/build.sh
source "$(dirname "$0")/build.sh"
need_debian_packages libcjson-dev

c_build_library
c_compile corpus tests/c/corpus.c -D_DEFAULT_SOURCE -lcjson
c_run tests/corpus
