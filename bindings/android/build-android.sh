#!/usr/bin/env bash
# Builds libmonaca_cloud_error_jni.so (the Rust library and the JNI shim in one shared
# library) for arm64-v8a, armeabi-v7a, x86_64 and x86, laid out for an Android project as
#
#     OUT_DIR/jniLibs/<abi>/libmonaca_cloud_error_jni.so
#
# Usage:  ANDROID_NDK_HOME=/path/to/ndk bindings/android/build-android.sh [OUT_DIR]
#         OUT_DIR defaults to target/android (inside the repository, gitignored).
# Needs:  an Android NDK (r26 or later) in ANDROID_NDK_HOME; rustup with a nightly toolchain
#         (the archives are the shipped, size-optimised build of build-archives.sh).
# Env:    ANDROID_API  minimum API level (minSdk) to build for, default 21.
#
# Each library is: linked with the NDK's clang, aligned for 16 KB pages
# (-z max-page-size=16384, required on Android 15+ devices with 16 KB pages), stripped, and
# exporting only the Java_* entry points (jni/exports.map). The script checks all three on
# the result and fails otherwise.
#
# The NDK is not on the machine where this repository is tested: bindings/android/test.sh
# runs the parts that need no NDK (see README.md).
set -euo pipefail

die() { printf 'build-android.sh: %s\n' "$*" >&2; exit 1; }

if [ -z "${ANDROID_NDK_HOME:-}" ]; then
    cat >&2 <<'EOF'
build-android.sh: ANDROID_NDK_HOME is not set.
  Install an Android NDK (r26 or later; Android Studio: SDK Manager > SDK Tools > NDK) and
  point ANDROID_NDK_HOME at it, e.g.
      export ANDROID_NDK_HOME="$HOME/Android/Sdk/ndk/27.2.12479018"
  then run this script again.
EOF
    exit 2
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT_DIR="${1:-$ROOT/target/android}"
API="${ANDROID_API:-21}"

case "$(uname -s)" in
    Linux) HOST_TAG=linux-x86_64 ;;
    Darwin) HOST_TAG=darwin-x86_64 ;; # the NDK's macOS toolchain is universal despite the name
    *) die "unsupported build host $(uname -s): use Linux or macOS" ;;
esac
TOOLCHAIN="$ANDROID_NDK_HOME/toolchains/llvm/prebuilt/$HOST_TAG"
CLANG="$TOOLCHAIN/bin/clang"
STRIP="$TOOLCHAIN/bin/llvm-strip"
READELF="$TOOLCHAIN/bin/llvm-readelf"
NM="$TOOLCHAIN/bin/llvm-nm"
for tool in "$CLANG" "$STRIP" "$READELF" "$NM"; do
    [ -x "$tool" ] || die "$tool not found: is ANDROID_NDK_HOME ($ANDROID_NDK_HOME) an NDK r26+ directory?"
done
command -v rustup >/dev/null 2>&1 || die "rustup not found"

# abi  rust-target  clang-target-prefix (the clang target is <prefix><API>)
ABIS=(
    "arm64-v8a    aarch64-linux-android    aarch64-linux-android"
    "armeabi-v7a  armv7-linux-androideabi  armv7a-linux-androideabi"
    "x86_64       x86_64-linux-android     x86_64-linux-android"
    "x86          i686-linux-android       i686-linux-android"
)

# 1. The Rust library: the four static archives that ship (no NDK needed for these).
bash "$HERE/build-archives.sh" "$OUT_DIR/lib"

for row in "${ABIS[@]}"; do
    read -r abi rust_target clang_prefix <<<"$row"
    echo "== $abi ($rust_target, API $API)"

    archive="$OUT_DIR/lib/$abi/libmonaca_cloud_error.a"
    [ -f "$archive" ] || die "$archive was not built"

    # 2. The shim, linked with the static library into the JNI library. The libraries after
    #    the archive are what Rust's std needs on Android (rustc --print native-static-libs).
    so_dir="$OUT_DIR/jniLibs/$abi"
    so="$so_dir/libmonaca_cloud_error_jni.so"
    mkdir -p "$so_dir"
    "$CLANG" --target="$clang_prefix$API" -std=c99 -O2 -fPIC -fvisibility=hidden \
        -Wall -Wextra -Werror -I"$ROOT/include" \
        -shared -o "$so" "$HERE/jni/monaca_jni.c" "$archive" \
        -Wl,--version-script="$HERE/jni/exports.map" \
        -Wl,-z,max-page-size=16384 -Wl,--gc-sections -Wl,--no-undefined -Wl,--build-id=sha1 \
        -ldl -llog -lunwind -lm -lc
    "$STRIP" --strip-unneeded "$so"

    # 3. Check the result: 16 KB-aligned LOAD segments, only Java_* exported, no symbol table.
    if "$READELF" -lW "$so" | awk '$1 == "LOAD" && $NF != "0x4000" { bad = 1 } END { exit !bad }'; then
        "$READELF" -lW "$so" >&2
        die "$so has a LOAD segment not aligned to 16 KB"
    fi
    exported="$("$NM" -D --defined-only "$so" | awk 'NF >= 3 { print $3 }')"
    if echo "$exported" | grep -v '^Java_dev_cloudrpc_monaca_MonacaNative_' | grep -q .; then
        echo "$exported" >&2
        die "$so exports symbols other than Java_dev_cloudrpc_monaca_MonacaNative_*"
    fi
    if "$READELF" -SW "$so" | grep -q '\.symtab'; then
        die "$so is not stripped"
    fi
    echo "   $so: $(wc -c <"$so") bytes, $(echo "$exported" | grep -c .) Java_* exports, 16 KB aligned, stripped"
done

echo "jniLibs ready in $OUT_DIR/jniLibs (copy into app/src/main/jniLibs, or point jniLibs.srcDirs at it)"
