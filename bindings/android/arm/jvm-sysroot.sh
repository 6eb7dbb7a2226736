#!/usr/bin/env bash
# Makes a sysroot holding Debian 12's OpenJDK 17 JRE for a foreign architecture, to be run on
# this x86_64 machine through qemu-user (`qemu-aarch64 -L SYSROOT`, `qemu-arm -L SYSROOT`).
#
#   bindings/android/arm/jvm-sysroot.sh DEBIAN-ARCH SYSROOT     (DEBIAN-ARCH: arm64 or armhf)
#
# Prints the path of the JVM's home (SYSROOT/usr/lib/jvm/java-17-openjdk-ARCH) on stdout;
# everything else goes to stderr.
#
# How: `dpkg --add-architecture ARCH` (once, then `apt-get update`), `apt-get download` of the
# packages below into SYSROOT.debs/, each unpacked with `dpkg -x` into SYSROOT. No maintainer
# script runs and nothing is installed on the machine: binfmt_misc is not mounted here, so a
# `debootstrap --foreign` second stage (which execs the foreign binaries) could not run either.
#
# The packages: openjdk-17-jre-headless and the libraries its JVM, launcher and core native
# libraries (libjli, libjvm, libjava, libzip, libnio, libnet, ...) link: libc6, libgcc-s1,
# libstdc++6, zlib1g. The package's other dependencies serve what a headless test run never
# loads (libcups2, libfontconfig1, libfreetype6, libharfbuzz0b, libjpeg62-turbo, liblcms2-2:
# AWT, fonts, printing, images; libasound2: sound; libpcsclite1: smart cards; libnss3: the
# PKCS#11 provider) or are configuration (java-common, ca-certificates-java, util-linux). If a
# later Debian JVM needs more, `java -version` below fails naming the missing library.
#
# The package ships absolute symlinks (lib/jvm.cfg -> /etc/java-17-openjdk/jvm-ARCH.cfg, the
# conf/ files, the security policy files). The kernel resolves a symlink's target on the host
# (qemu's -L only redirects the path a program passes), so each is repointed into SYSROOT.
#
# Reused while SYSROOT/.complete names the same package files; `java -version` is run through
# qemu each time as a check.
set -euo pipefail

arch="${1:?usage: jvm-sysroot.sh arm64|armhf SYSROOT}"
sysroot="${2:?usage: jvm-sysroot.sh arm64|armhf SYSROOT}"
case "$arch" in
    arm64) qemu="qemu-aarch64" ;;
    armhf) qemu="qemu-arm" ;;
    *) echo "jvm-sysroot: unknown architecture '$arch' (arm64 or armhf)" >&2; exit 2 ;;
esac
packages=(openjdk-17-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g)

say() { printf 'jvm-sysroot %s: %s\n' "$arch" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }

mkdir -p "$(dirname "$sysroot")"
sysroot="$(cd "$(dirname "$sysroot")" && pwd)/$(basename "$sysroot")"
debs="$sysroot.debs"
java_home="$sysroot/usr/lib/jvm/java-17-openjdk-$arch"

exec 9>"$sysroot.lock"
flock 9

listing() { find "$debs" -maxdepth 1 -name '*.deb' -printf '%f\n' 2>/dev/null | sort; }

if [ ! -f "$sysroot/.complete" ] || [ "$(cat "$sysroot/.complete")" != "$(listing)" ] \
    || [ "$(listing | wc -l)" -ne "${#packages[@]}" ]; then
    if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
        say "dpkg --add-architecture $arch"
        dpkg --add-architecture "$arch"
    fi
    rm -rf "$debs"
    mkdir -p "$debs"
    # Twice at most: the second time after `apt-get update`, for package lists that are missing
    # (a new architecture) or name files the archive no longer has.
    for attempt in 1 2; do
        if [ "$attempt" = 2 ] || ! apt-cache show "openjdk-17-jre-headless:$arch" >/dev/null 2>&1; then
            say "apt-get update (for the $arch package lists)"
            apt-get update -qq >&2 || die "apt-get update"
        fi
        rm -f "$debs"/*.deb
        say "apt-get download ${packages[*]/%/:$arch}"
        # The _apt sandbox user cannot write into target/; apt then downloads as root and warns.
        (cd "$debs" && apt-get download -q "${packages[@]/%/:$arch}" 2>&1 |
            grep -v -e '^W: Download is performed unsandboxed' -e '^Get:' >&2) || true
        [ "$(listing | wc -l)" -eq "${#packages[@]}" ] && break
        [ "$attempt" = 1 ] || die "apt-get download gave: $(listing | tr '\n' ' ')"
    done
    rm -rf "$sysroot"
    mkdir -p "$sysroot"
    for deb in "$debs"/*.deb; do
        dpkg -x "$deb" "$sysroot" || die "dpkg -x $deb"
    done
    find "$sysroot" -type l -lname '/*' | while read -r link; do
        ln -sfn "$sysroot$(readlink "$link")" "$link"
    done
    listing >"$sysroot/.complete"
    say "unpacked $(listing | tr '\n' ' ')into $sysroot"
fi

[ -x "$java_home/bin/java" ] || die "no $java_home/bin/java"
version="$("$qemu" -L "$sysroot" "$java_home/bin/java" -version 2>&1)" \
    || { printf '%s\n' "$version" >&2; die "$qemu -L $sysroot $java_home/bin/java -version failed"; }
say "$(printf '%s' "$version" | tail -n 1)"
echo "$java_home"
