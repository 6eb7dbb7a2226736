// swift-tools-version:5.9
//
// The Swift package of monaca-cloud-error for apps and other packages, by URL (SwiftPM reads
// only the manifest at the root of a repository):
//
//     dependencies: [.package(url: "https://github.com/cloudrpc/monaca-cloud-error", from: "0.1.0")]
//     target dependencies: [.product(name: "MonacaCloudError", package: "monaca-cloud-error")]
//
// The XCFramework route: the C library is the binary target CMonacaCloudError, the asset
// CMonacaCloudError.xcframework.zip of the GitHub release v<version>, made by
// scripts/package.sh (device and simulator slices, header and module map); `checksum` is its
// SHA-256, as `swift package compute-checksum` prints it. Both are written by
// `scripts/package.sh --release` on the commit that is tagged, whose zip is the one uploaded;
// tests/generated.rs checks that the version is Cargo.toml's. The Swift wrapper compiles from
// bindings/ios/Sources. No unsafe flags, so any package may depend on this one.
//
// Working on the wrapper itself (swift test, on a Mac or on Linux against a host build of the
// library): use bindings/ios/Package.swift.
import PackageDescription

// BEGIN RELEASE (scripts/package.sh --release)
let version = "0.1.0"
let checksum = "d285e0a5704c6635c932d52d7eab1d20046fa1c0b97bd66aed39698f2a99b976"
// END RELEASE

let package = Package(
    name: "MonacaCloudError",
    platforms: [.iOS(.v13)],
    products: [
        .library(name: "MonacaCloudError", targets: ["MonacaCloudError"]),
    ],
    targets: [
        .binaryTarget(
            name: "CMonacaCloudError",
            url: "https://github.com/cloudrpc/monaca-cloud-error/releases/download/v\(version)/CMonacaCloudError.xcframework.zip",
            checksum: checksum
        ),
        .target(
            name: "MonacaCloudError",
            dependencies: ["CMonacaCloudError"],
            path: "bindings/ios/Sources/MonacaCloudError"
        ),
    ]
)
