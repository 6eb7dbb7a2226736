#!/usr/bin/env bash
# Assembles the plugin's folder, as npm packs it, into DEST (emptied first; never in the source
# tree): this folder's own files (plugin.xml, package.json, README.md, www/, types/, scripts/,
# src/ with the plugin classes and the Gradle file) and, at the paths plugin.xml names, the
# sources whose home is elsewhere in the repository:
#
#   src/android/wrapper/*.kt           bindings/android/kotlin/src/dev/cloudrpc/monaca/*.kt
#   src/android/jni/                   bindings/android/jni/{CMakeLists.txt,monaca_jni.c,exports.map}
#                                      and include/monaca_cloud_error.h
#   src/android/proguard-rules.pro     bindings/android/proguard-rules.pro
#   src/ios/wrapper/*.swift            bindings/ios/Sources/MonacaCloudError/*.swift
#   LICENSE, CHANGELOG.md              the repository's
#
# native/ (the binaries) is not made here: scripts/package.sh builds it into DEST/native.
#
# Usage: bindings/cordova/stage.sh DEST     (prints DEST)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
dest=${1:?usage: stage.sh DEST}
die() { echo "stage.sh: $*" >&2; exit 1; }

mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
case "$dest/" in
  "$root/target/"?*) ;;
  "$root/"*) die "$dest: DEST goes under target/ or outside the repository, never into the source tree" ;;
  /) die "DEST is /" ;;
esac
rm -rf "$dest"
mkdir -p "$dest"

cp -R "$here/plugin.xml" "$here/package.json" "$here/README.md" "$here/www" "$here/types" "$here/src" "$dest/"
mkdir -p "$dest/scripts"
cp "$here"/scripts/*.js "$dest/scripts/"
cp "$root/LICENSE" "$root/CHANGELOG.md" "$dest/"

mkdir -p "$dest/src/android/wrapper" "$dest/src/android/jni" "$dest/src/ios/wrapper"
cp "$root"/bindings/android/kotlin/src/dev/cloudrpc/monaca/*.kt "$dest/src/android/wrapper/"
cp "$root"/bindings/android/jni/{CMakeLists.txt,monaca_jni.c,exports.map} "$root/include/monaca_cloud_error.h" \
  "$dest/src/android/jni/"
cp "$root/bindings/android/proguard-rules.pro" "$dest/src/android/"
cp "$root"/bindings/ios/Sources/MonacaCloudError/*.swift "$dest/src/ios/wrapper/"
echo "$dest"
