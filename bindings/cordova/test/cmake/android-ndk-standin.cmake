# A stand-in for the NDK's build/cmake/android.toolchain.cmake, for configuring and generating
# (not building) the plugin's jni/CMakeLists.txt on a machine without the NDK, as Android Gradle
# would run it for one ABI. It sets what the NDK's toolchain file sets and the CMakeLists reads
# (ANDROID, ANDROID_ABI, ANDROID_PLATFORM) and points the compiler at clang for the ABI's triple;
# try-compiles build a static library, so no Android sysroot or linker is needed.
#   cmake -DCMAKE_TOOLCHAIN_FILE=android-ndk-standin.cmake -DANDROID_ABI=arm64-v8a ...
set(ANDROID TRUE)
# Like the NDK's file: CMake's try-compile projects get ANDROID_ABI too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ANDROID_ABI)
set(ANDROID_PLATFORM android-24)
if(NOT ANDROID_ABI)
    message(FATAL_ERROR "android-ndk-standin.cmake: set ANDROID_ABI")
endif()
set(_standin_triple_arm64-v8a aarch64-linux-android24)
set(_standin_triple_armeabi-v7a armv7a-linux-androideabi24)
set(_standin_triple_x86 i686-linux-android24)
set(_standin_triple_x86_64 x86_64-linux-android24)
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET ${_standin_triple_${ANDROID_ABI}})
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
