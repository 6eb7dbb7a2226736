# Source this: the Swift 6.0.3 toolchain in a Debian 13 "trixie" chroot (Debian package
# swiftlang; Debian 12 has no Swift), shared by bindings/ios/test.sh and
# benches/peers/swift/run.sh.
#
# The caller sets, before sourcing:
#   root        the repository root (bind-mounted at /src in the chroot by swift_chroot_open)
#   chroot_dir  the chroot (bindings/ios/test.sh: $root/target/swift-chroot), made with
#               debootstrap on first use and reused after (a marker file, written only after a
#               complete install, tells a finished chroot from a half-made one)
#   chroot_log  where debootstrap's and apt-get's output of a (re)build goes
#   chroot_label  (optional) the prefix of this file's messages, such as "ios: "
# and defines die MESSAGE (prints and exits). This file sets chroot_packages, chroot_ready and
# mounted (the mount points this run made), and defines:
#   swift_chroot_open [WAIT]  takes the chroot's lock ($chroot_dir.lock, file descriptor 8; one
#                       run at a time owns the chroot's mounts; waits WAIT seconds, forever
#                       without; returns 1 when the wait ran out), unmounts what a killed run
#                       left, makes the chroot unless a complete one is there, mounts /proc and
#                       binds $root at /src; calls die on a failure
#   swift_chroot_unmount  unmounts what this run mounted, in reverse order (for the EXIT trap)
#   in_chroot DIR COMMAND...  runs COMMAND in DIR inside the chroot, with a clean environment
# Run as root (debootstrap, chroot, mount).
chroot_packages="swiftlang libc6-dev libstdc++-14-dev"
chroot_ready="$chroot_dir/.monaca-swift-chroot-ready"  # holds $chroot_packages once installed
mounted=()  # mount points this run made, unmounted in reverse order by swift_chroot_unmount

swift_chroot_unmount() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" \
      || echo "${chroot_label:-}could not unmount ${mounted[i]}" >&2
  done
  mounted=()
}

mount_in_chroot() {  # mount_in_chroot proc | src
  case $1 in
    proc) mount -t proc proc "$chroot_dir/proc" || return 1 ;;
    src) mkdir -p "$chroot_dir/src" && mount --bind "$root" "$chroot_dir/src" || return 1 ;;
  esac
  mounted+=("$chroot_dir/$1")
}

# in_chroot DIR COMMAND...: runs COMMAND in DIR inside the chroot, with a clean environment.
in_chroot() {
  local dir=$1
  shift
  chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM=dumb sh -c 'cd "$1" && shift && exec "$@"' sh "$dir" "$@"
}

# The mirror apt uses on this machine (first non-security Debian archive of its sources).
debian_mirror() {
  local found
  found=$(grep -hsE '^[^#]*https?://[^ ]*/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
    /etc/apt/sources.list.d/*.sources | grep -oE 'https?://[^ ]*/debian' | head -n1)
  echo "${found:-http://deb.debian.org/debian}"
}

make_chroot() {
  local mirror started=$SECONDS
  mirror=$(debian_mirror)
  echo "${chroot_label:-}creating the Swift chroot $chroot_dir (debootstrap trixie from $mirror, then apt-get install $chroot_packages; log: $chroot_log)"
  if [ -e "$chroot_dir" ]; then
    # A half-made chroot from an interrupted run. Nothing may be mounted in it any more (the
    # repository itself is bind-mounted at src/ while Swift runs: rm -rf must never reach it).
    if grep -qF " $chroot_dir/" /proc/self/mountinfo \
      || [ -n "$(ls -A "$chroot_dir/src" 2>/dev/null)" ] || [ -n "$(ls -A "$chroot_dir/proc" 2>/dev/null)" ]; then
      die "$chroot_dir/src or /proc is not empty (still mounted?); not deleting the chroot"
    fi
    rm -rf "$chroot_dir" || die "rm -rf $chroot_dir"
  fi
  debootstrap --variant=minbase trixie "$chroot_dir" "$mirror" >"$chroot_log" 2>&1 \
    || { tail -n 20 "$chroot_log"; die "debootstrap trixie (log: $chroot_log)"; }
  mount_in_chroot proc || die "mount /proc in the chroot"
  in_chroot / env DEBIAN_FRONTEND=noninteractive sh -c \
    "apt-get update -qq && apt-get install -y -qq --no-install-recommends $chroot_packages && apt-get clean" \
    >>"$chroot_log" 2>&1 \
    || { tail -n 20 "$chroot_log"; die "apt-get install $chroot_packages in the chroot (log: $chroot_log)"; }
  in_chroot / swift --version >>"$chroot_log" 2>&1 || die "swift --version in the new chroot (log: $chroot_log)"
  echo "$chroot_packages" >"$chroot_ready"  # last: only a complete install is reused
  echo "${chroot_label:-}Swift chroot ready in $((SECONDS - started)) s ($(du -shx "$chroot_dir" | cut -f1))"
}

swift_chroot_open() {  # swift_chroot_open [WAIT]
  mkdir -p "$(dirname "$chroot_dir")"
  exec 8>"$chroot_dir.lock"
  if [ -n "${1:-}" ]; then
    flock -w "$1" 8 || return 1
  else
    flock 8
  fi
  # Mounts left behind by a run that was killed (SIGKILL skips the trap).
  local stale
  for stale in "$chroot_dir/src" "$chroot_dir/proc"; do
    if mountpoint -q "$stale" 2>/dev/null; then
      echo "${chroot_label:-}unmounting $stale, left by an earlier run"
      umount "$stale" || umount -l "$stale" || die "cannot unmount $stale"
    fi
  done
  if [ "$(cat "$chroot_ready" 2>/dev/null)" = "$chroot_packages" ]; then
    echo "${chroot_label:-}reusing the Swift chroot $chroot_dir"
  else
    make_chroot
  fi
  mountpoint -q "$chroot_dir/proc" || mount_in_chroot proc || die "mount /proc in the chroot"
  mount_in_chroot src || die "bind-mount $root at $chroot_dir/src"
}
