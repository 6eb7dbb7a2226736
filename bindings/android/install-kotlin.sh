#!/usr/bin/env bash
# Installs the pinned Kotlin compiler for bindings/android/test.sh and bindings/cordova/test.sh,
# and prints the path of its home (the folder holding bin/kotlinc-jvm and lib/kotlin-stdlib.jar)
# on stdout; everything else goes to stderr.
#
# The compiler comes from the npm registry's package `kotlin-compiler` (JetBrains' whole
# compiler distribution: bin/, lib/kotlin-compiler.jar, lib/kotlin-stdlib.jar, ...), installed
# with npm into <repo>/target/kotlin-<version> (nothing global, nothing in the source tree) and
# reused while the pinned version is there. It needs Java (apt default-jdk-headless) and npm
# (apt npm), which it installs when they are missing (run as root on Debian).
#
# The bin/ scripts are bash scripts (#!/usr/bin/env bash) shipped with mode 0755 in the npm
# tarball; bin/kotlinc-jvm runs bin/kotlinc directly, so both must keep their execute bit (put
# back here if something dropped it). The install is verified each time with `kotlinc-jvm
# -version`, which must name the pinned version.
#
# Usage: KOTLIN_HOME=$(bash bindings/android/install-kotlin.sh)
set -euo pipefail

KOTLIN_VERSION=2.4.20

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
prefix="$root/target/kotlin-$KOTLIN_VERSION"
home="$prefix/node_modules/kotlin-compiler"

say() { printf 'install-kotlin: %s\n' "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }

installed_version() {
    # The version in the installed package.json, or nothing.
    sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$home/package.json" 2>/dev/null | head -n1
}

have_pinned() {
    [ "$(installed_version)" = "$KOTLIN_VERSION" ] &&
        [ -f "$home/bin/kotlinc-jvm" ] && [ -f "$home/bin/kotlinc" ] &&
        [ -f "$home/lib/kotlin-compiler.jar" ] && [ -f "$home/lib/kotlin-stdlib.jar" ]
}

mkdir -p "$prefix"
# One install at a time (the two test scripts may be run side by side).
exec 9>"$prefix/.install.lock"
flock 9

if ! have_pinned; then
    # shellcheck source=scripts/lib/debian-packages.sh
    source "$root/scripts/lib/debian-packages.sh"
    need_commands npm:npm java:default-jdk-headless >&2 || die "could not install npm or a JDK"
    say "npm install kotlin-compiler@$KOTLIN_VERSION into $prefix"
    [ -f "$prefix/package.json" ] || echo '{ "private": true }' >"$prefix/package.json"
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "kotlin-compiler@$KOTLIN_VERSION" >&2 \
        || die "npm install kotlin-compiler@$KOTLIN_VERSION"
    have_pinned || die "npm installed kotlin-compiler $(installed_version), not a complete $KOTLIN_VERSION, in $home"
fi
command -v java >/dev/null 2>&1 || die "no java on PATH (the compiler runs on the JVM)"

for script in kotlinc kotlinc-jvm; do
    if [ ! -x "$home/bin/$script" ]; then
        say "bin/$script had no execute bit; adding it"
        chmod a+x "$home/bin/$script"
    fi
done

# "info: kotlinc-jvm 2.4.20 (JRE 17.0.15+6-Debian-1deb12u1)"
version_line="$("$home/bin/kotlinc-jvm" -version 2>&1 | grep -m1 'kotlinc-jvm' || true)"
case "$version_line" in
    *"kotlinc-jvm $KOTLIN_VERSION "*) say "${version_line#info: } in $home" ;;
    *) die "$home/bin/kotlinc-jvm -version did not report $KOTLIN_VERSION: '$version_line'" ;;
esac

echo "$home"
