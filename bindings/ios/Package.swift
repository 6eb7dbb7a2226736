// swift-tools-version:5.9
//
// SwiftPM package for the Swift wrapper over the monaca-cloud-error C ABI.
//
// Two routes give the Swift target its C module `CMonacaCloudError` (same module name both ways):
//
// 1. Source-tree route (the default): a system-library target whose module map points at the
//    repository's header (../../include/monaca_cloud_error.h), and the static archive that
//    `cargo build --release` made for the host (../../target/release/libmonaca_cloud_error.a,
//    or the file named by MONACA_STATIC_LIB) handed to the linker by path. This is the route of
//    `swift test` on a Mac, and on Linux (test.sh runs it with Swift 6.0.3 in a Debian trixie
//    chroot). It uses `unsafeFlags`, which SwiftPM accepts only in the root package, so other
//    packages cannot depend on this route.
//
// 2. XCFramework route: set MONACA_XCFRAMEWORK=1 (after running build-xcframework.sh) and the C
//    module comes from the binary target build/CMonacaCloudError.xcframework, which holds the
//    device and simulator archives, the header and the module map. No unsafe flags: this is the
//    route for apps and for packages that depend on this one.
//
//        MONACA_XCFRAMEWORK=1 xcodebuild build -scheme MonacaCloudError -destination 'generic/platform=iOS'
//        MONACA_XCFRAMEWORK=1 xcodebuild test -scheme MonacaCloudError \
//            -destination 'platform=iOS Simulator,name=iPhone 15'   (`xcodebuild -list` shows schemes)
//
//    The XCFramework holds iOS slices only, so `swift test` on the Mac itself uses route 1.
//
// An environment variable (rather than a second product) because both routes must provide a
// module named CMonacaCloudError, and one package cannot declare two targets of one name.
import Foundation
import PackageDescription

let environment = ProcessInfo.processInfo.environment
let useXCFramework = environment["MONACA_XCFRAMEWORK"] == "1"

// bindings/ios -> repository root.
let repositoryRoot = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
let staticLibrary = environment["MONACA_STATIC_LIB"]
    ?? repositoryRoot.appendingPathComponent("target/release/libmonaca_cloud_error.a").path

let cModule: Target
let wrapperLinkerSettings: [LinkerSetting]
if useXCFramework {
    cModule = .binaryTarget(name: "CMonacaCloudError", path: "build/CMonacaCloudError.xcframework")
    wrapperLinkerSettings = []
} else {
    cModule = .systemLibrary(name: "CMonacaCloudError", path: "Sources/CMonacaCloudError")
    // The archive by path, not `-lmonaca_cloud_error`: target/release also holds the cdylib,
    // which the linker would prefer.
    wrapperLinkerSettings = [.unsafeFlags(["-Xlinker", staticLibrary])]
}

let package = Package(
    name: "MonacaCloudError",
    platforms: [.iOS(.v13), .macOS(.v10_15)],
    products: [
        .library(name: "MonacaCloudError", targets: ["MonacaCloudError"]),
    ],
    targets: [
        cModule,
        .target(
            name: "MonacaCloudError",
            dependencies: ["CMonacaCloudError"],
            linkerSettings: wrapperLinkerSettings
        ),
        .testTarget(
            name: "MonacaCloudErrorTests",
            dependencies: ["MonacaCloudError", "CMonacaCloudError"]
        ),
    ]
)
