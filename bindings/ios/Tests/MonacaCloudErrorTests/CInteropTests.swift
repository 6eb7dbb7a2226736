import CMonacaCloudError
import Foundation
import MonacaCloudError
import XCTest

/// The wrapper against the C API it wraps: the ABI version, the kind mapping and the live
/// handle count. (The Swift enum's name is never spelled here; see CatalogueTests.)
final class CInteropTests: MonacaTestCase {
    func testABIVersionOfHeaderAndLibraryAgree() {
        XCTAssertEqual(monaca_abi_version(), UInt32(MONACA_ABI_VERSION))
        XCTAssertEqual(MonacaCloudError.libraryVersion, String(cString: monaca_version().ptr))
    }

    /// The Swift kinds carry the C enum's raw values, for a code of every kind.
    func testKindsMirrorTheCEnum() {
        let codes: [Int64] = [0, -32700, -32602, -32050, -13, -12, -11, 4, 14, -14, 9999, 10000, .max, .min]
        var seen = Set<Int>()
        for code in codes {
            let swiftKind = MonacaCloudError.kind(of: code)
            XCTAssertEqual(swiftKind.rawValue, Int(monaca_code_kind(code).rawValue), "code \(code)")
            seen.insert(swiftKind.rawValue)
        }
        let cKinds = [MONACA_KIND_UNKNOWN, MONACA_KIND_JSON_RPC, MONACA_KIND_SERVER_DEFINED,
                      MONACA_KIND_CLIENT, MONACA_KIND_CLOUD_API, MONACA_KIND_USER_DEFINED]
        XCTAssertEqual(seen, Set(cKinds.map { Int($0.rawValue) }), "every kind was covered")
    }

    /// Nesting is accepted up to the header's MONACA_MAX_DEPTH (the envelope is one level) and
    /// refused beyond it.
    func testNestingUpToTheHeadersMaxDepth() {
        let limit = Int(MONACA_MAX_DEPTH)
        func body(_ depth: Int) -> Data {
            Data(("{\"result\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}").utf8)
        }
        XCTAssertNil(MonacaCloudError.from(httpStatus: 200, body: body(limit - 1)))
        XCTAssertEqual(MonacaCloudError.from(httpStatus: 200, body: body(limit))?.code, -12)
    }

    /// Proves that the leak check of `tearDown` can fail: a handle made through the C API is
    /// counted until it is freed.
    func testLiveCountTracksHandles() {
        let before = monaca_error_live_count()
        let handle = monaca_error_timeout()
        XCTAssertEqual(monaca_error_live_count(), before + 1)
        monaca_error_free(handle)
        XCTAssertEqual(monaca_error_live_count(), before)
    }
}
