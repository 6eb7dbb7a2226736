// Runs the plugin's Gradle file (src/android/monaca-cloud-error.gradle) as Gradle would apply
// it, against stand-ins for the Gradle project and the Android Gradle plugin's DSL that record
// what the file sets, in each situation it must handle:
//
//   1. a Cordova app module with the archives only: the CMake route (ndkVersion, the CMake file
//      and version, -DMONACA_PREBUILT_DIR), R8 rules as proguardFiles, no extra jniLibs folder
//   2. all four prebuilt JNI libraries: packaged from prebuilt/jniLibs, no CMake, no NDK
//   3. three of the four: the CMake route (prebuilt libraries come for all ABIs or none)
//   4. a library module (Capacitor's capacitor-cordova-android-plugins): consumerProguardFiles
//   5. no native folder (Capacitor's app module, to which Capacitor applies the file too): the
//      android block is not touched at all
//   6. the Gradle property monacaCloudErrorNdkVersion: that NDK version
//
// Gradle itself (and the Android Gradle plugin) is not on this machine: the stand-ins take the
// DSL calls the file makes by their names in the Android Gradle plugin's documented DSL
// (android.ndkVersion, android.sourceSets.main.jniLibs.srcDirs,
// android.defaultConfig.externalNativeBuild.cmake.arguments, android.externalNativeBuild.cmake
// .path/.version, defaultConfig.proguardFiles/consumerProguardFiles); a call the stand-ins do not
// know fails the run. Configuration closures are delegate-first, as Gradle configures them.
//
// Usage: groovy check-gradle-file.groovy PATH/TO/monaca-cloud-error.gradle
// Prints one line per check; exits 1 when any fails.
import org.codehaus.groovy.control.CompilerConfiguration

class Cmake {
    def path
    def version
    List arguments = []
    void arguments(Object... values) { arguments.addAll(values) }
}
class NativeBuild {
    Cmake cmake = new Cmake()
    void cmake(Closure body) { Dsl.configure(cmake, body) }
}
class DefaultConfig {
    NativeBuild externalNativeBuild = new NativeBuild()
    List proguardFiles = []
    List consumerProguardFiles = []
    void externalNativeBuild(Closure body) { Dsl.configure(externalNativeBuild, body) }
    void proguardFiles(Object... files) { proguardFiles.addAll(files) }
    void consumerProguardFiles(Object... files) { consumerProguardFiles.addAll(files) }
}
class SourceDirectories { List srcDirs = [] }
class SourceSet { SourceDirectories jniLibs = new SourceDirectories() }
class SourceSets { SourceSet main = new SourceSet() }
class Android {
    def ndkVersion
    SourceSets sourceSets = new SourceSets()
    DefaultConfig defaultConfig = new DefaultConfig()
    NativeBuild externalNativeBuild = new NativeBuild()
    int configured = 0
    void defaultConfig(Closure body) { Dsl.configure(defaultConfig, body) }
    void externalNativeBuild(Closure body) { Dsl.configure(externalNativeBuild, body) }
}
class Plugins {
    Set ids
    boolean hasPlugin(String id) { ids.contains(id) }
}
class Dsl {
    static void configure(Object target, Closure body) {
        Closure copy = body.rehydrate(target, body.owner, body.thisObject)
        copy.resolveStrategy = Closure.DELEGATE_FIRST
        copy.call()
    }
}
class FakeProject {
    File projectDir
    Map properties = [:]
    Plugins plugins
    Android android = new Android()
    FakeProject getProject() { this }
    File file(Object path) { new File(projectDir, path.toString()) }
    Object findProperty(String name) { properties[name] }
    void android(Closure body) { android.configured++; Dsl.configure(android, body) }
}

if (args.length != 1) {
    System.err.println('usage: groovy check-gradle-file.groovy PATH/TO/monaca-cloud-error.gradle')
    System.exit(2)
}
def gradleFile = new File(args[0])
def abis = ['arm64-v8a', 'armeabi-v7a', 'x86', 'x86_64']
int passed = 0, failed = 0
def check = { String label, boolean ok, String why = '' ->
    if (ok) { passed++; println "ok: $label" } else { failed++; println "FAIL: $label${why ? " ($why)" : ''}" }
}

// A module folder laid out as plugin.xml's resource-files leave it; jniAbis: the prebuilt .so.
def module = { String name, boolean withNative, List jniAbis ->
    def dir = File.createTempDir("gradle-file-$name-", '')
    if (withNative) {
        def nativeDir = new File(dir, 'src/main/monaca-cloud-error')
        new File(nativeDir, 'jni').mkdirs()
        new File(nativeDir, 'jni/CMakeLists.txt').text = 'cmake_minimum_required(VERSION 3.18)\n'
        new File(nativeDir, 'proguard-rules.pro').text = '-keep class dev.cloudrpc.monaca.MonacaNative\n'
        abis.each { abi ->
            new File(nativeDir, "prebuilt/lib/$abi").mkdirs()
            new File(nativeDir, "prebuilt/lib/$abi/libmonaca_cloud_error.a").text = '!<arch>\n'
        }
        jniAbis.each { abi ->
            new File(nativeDir, "prebuilt/jniLibs/$abi").mkdirs()
            new File(nativeDir, "prebuilt/jniLibs/$abi/libmonaca_cloud_error_jni.so").text = 'ELF'
        }
    }
    dir
}
def apply = { File dir, Set pluginIds, Map properties ->
    def config = new CompilerConfiguration()
    config.scriptBaseClass = DelegatingScript.class.name
    def script = (DelegatingScript) new GroovyShell(this.class.classLoader, new Binding(), config).parse(gradleFile.text, 'MonacaCloudErrorGradle')
    def project = new FakeProject(projectDir: dir, plugins: new Plugins(ids: pluginIds), properties: properties)
    script.setDelegate(project)
    script.run()
    project.android
}
def app = ['com.android.application'] as Set
def library = ['com.android.library'] as Set

// 1. Cordova app module, archives only.
def dir = module('cmake', true, [])
def nativeDir = new File(dir, 'src/main/monaca-cloud-error')
def android = apply(dir, app, [:])
check('archives only: the CMake route with ndkVersion 27.2.12479018', android.ndkVersion == '27.2.12479018', "got ${android.ndkVersion}")
check('archives only: externalNativeBuild.cmake.path is the shipped CMakeLists.txt',
    android.externalNativeBuild.cmake.path?.toString() == new File(nativeDir, 'jni/CMakeLists.txt').toString(),
    "got ${android.externalNativeBuild.cmake.path}")
check('archives only: CMake 3.22.1', android.externalNativeBuild.cmake.version == '3.22.1')
def arguments = android.defaultConfig.externalNativeBuild.cmake.arguments
check('archives only: -DMONACA_PREBUILT_DIR is the absolute prebuilt/lib folder',
    arguments == ["-DMONACA_PREBUILT_DIR=${new File(nativeDir, 'prebuilt/lib').absolutePath}".toString()], "got $arguments")
check('archives only: no extra jniLibs folder', android.sourceSets.main.jniLibs.srcDirs.isEmpty())
check('an app module gets the R8 rules as proguardFiles',
    android.defaultConfig.proguardFiles == [new File(nativeDir, 'proguard-rules.pro')] &&
        android.defaultConfig.consumerProguardFiles.isEmpty(), "got ${android.defaultConfig.proguardFiles}")

// 2. All four prebuilt JNI libraries.
dir = module('prebuilt', true, abis)
nativeDir = new File(dir, 'src/main/monaca-cloud-error')
android = apply(dir, app, [:])
check('four prebuilt libraries: packaged from prebuilt/jniLibs',
    android.sourceSets.main.jniLibs.srcDirs == [new File(nativeDir, 'prebuilt/jniLibs')], "got ${android.sourceSets.main.jniLibs.srcDirs}")
check('four prebuilt libraries: no CMake, no NDK',
    android.externalNativeBuild.cmake.path == null && android.ndkVersion == null &&
        android.defaultConfig.externalNativeBuild.cmake.arguments.isEmpty())

// 3. Three of four.
android = apply(module('partial', true, abis.take(3)), app, [:])
check('three of four prebuilt libraries: the CMake route',
    android.externalNativeBuild.cmake.path != null && android.sourceSets.main.jniLibs.srcDirs.isEmpty())

// 4. A library module.
dir = module('library', true, [])
android = apply(dir, library, [:])
check('a library module gets the R8 rules as consumerProguardFiles',
    android.defaultConfig.consumerProguardFiles == [new File(dir, 'src/main/monaca-cloud-error/proguard-rules.pro')] &&
        android.defaultConfig.proguardFiles.isEmpty(), "got ${android.defaultConfig.consumerProguardFiles}")

// 5. No native folder.
android = apply(module('absent', false, []), app, [:])
check('no native folder: the android block is left alone', android.configured == 0 &&
    android.ndkVersion == null && android.externalNativeBuild.cmake.path == null &&
    android.defaultConfig.proguardFiles.isEmpty())

// 6. The app's NDK.
android = apply(module('ndk', true, []), app, [monacaCloudErrorNdkVersion: '26.3.11579264'])
check('monacaCloudErrorNdkVersion chooses the NDK', android.ndkVersion == '26.3.11579264', "got ${android.ndkVersion}")

println "check-gradle-file: $passed passed, $failed failed"
System.exit(failed == 0 ? 0 : 1)
