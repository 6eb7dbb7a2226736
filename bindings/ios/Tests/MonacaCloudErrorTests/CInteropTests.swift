import CMonacaCloudError
import Foundation
import MonacaCloudError
import XCTest

/// The wrapper against the C API it wraps: the ABI version, the kind mapping, the report and
/// the per-name messages, the live handle count. (The Swift enum's name is never spelled here;
/// see CatalogueTests.)
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

    /// What the value holds is what the core hands out for the same exchange, byte for byte.
    func testTheValueHoldsTheCoresTexts() throws {
        let body = Data(json("{'error':{'code':-32602,'message':'a\\u0000b 😀','data':{'n':['x','y'],'o':{'p':1}}}}").utf8)
        let error = try XCTUnwrap(MonacaCloudError.from(httpStatus: 200, body: body))
        try withHandle(body) { handle in
            XCTAssertEqual(Array(error.reportJSON.utf8), bytes(monaca_error_report_json(handle)))
            XCTAssertEqual(Array(error.toJSON().utf8), bytes(monaca_error_to_json(handle)))
            XCTAssertEqual(Array(error.description.utf8), bytes(monaca_error_description(handle)))
            XCTAssertEqual(Array(error.message.utf8), bytes(monaca_error_message(handle)), "NUL kept")
            XCTAssertEqual(error.dataJSON.map { Array($0.utf8) }, bytes(monaca_error_data_json(handle)))
        }
    }

    /// messages(for:) and firstMessage(for:) agree with the core's own look-ups
    /// (monaca_error_message_count_for, _message_for, _first_message_for) for repeated names,
    /// nested names, names with no messages, absent names, and two names that Swift's `==`
    /// would confuse (precomposed and decomposed é).
    func testMessagesForAgreeWithTheCore() throws {
        let body = Data(("{\"error\":{\"code\":-32602,\"message\":\"m\",\"data\":"
            + "{\"a\":[\"x\",\"y\"],\"e\":[],\"o\":{\"p\":1},\"a\":\"z\",\"e\":\"later\","
            + "\"\u{E9}\":\"one\",\"e\u{301}\":\"two\"}}}").utf8)
        let error = try XCTUnwrap(MonacaCloudError.from(httpStatus: 200, body: body))
        XCTAssertEqual(error.params.count, 7)
        try withHandle(body) { handle in
            for name in ["a", "e", "o", "o.p", "\u{E9}", "e\u{301}", "absent", ""] {
                let core: [[UInt8]] = name.withCString { pointer in
                    let length = name.utf8.count
                    return (0..<monaca_error_message_count_for(handle, pointer, length)).map {
                        bytes(monaca_error_message_for(handle, pointer, length, $0))
                    }
                }
                XCTAssertEqual(error.messages(for: name).map { Array($0.utf8) }, core, name)
                let first = name.withCString { bytes(monaca_error_first_message_for(handle, $0, name.utf8.count)) }
                XCTAssertEqual(Array((error.firstMessage(for: name) ?? "").utf8), first, name)
            }
        }
        XCTAssertEqual(error.messages(for: "a"), ["x", "y", "z"], "the core answers too")
    }

    /// The envelope is the frame, not the content: `result` may itself nest the header's
    /// MONACA_MAX_DEPTH containers (10,001 levels in all, as the SDK's JSON.parse reads), and
    /// one more is refused.
    func testNestingUpToTheHeadersMaxDepth() {
        let limit = Int(MONACA_MAX_DEPTH)
        XCTAssertEqual(limit, 10_000)
        func body(_ depth: Int) -> Data {
            Data(("{\"result\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}").utf8)
        }
        XCTAssertNil(MonacaCloudError.from(httpStatus: 200, body: body(limit)))
        let tooDeep = MonacaCloudError.from(httpStatus: 200, body: body(limit + 1))
        XCTAssertEqual(tooDeep?.code, -12)
        XCTAssertEqual(tooDeep?.detail,
                       "the response body is not valid JSON: objects and arrays nested more than 10000 deep at line 1, column 10011")
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

    /// Runs `body` with a handle the C API made from `response` (status 200), then frees it.
    private func withHandle(_ response: Data, _ body: (OpaquePointer) throws -> Void) throws {
        var handle: OpaquePointer?
        let status = response.withUnsafeBytes {
            monaca_error_from_response(200, $0.bindMemory(to: UInt8.self).baseAddress, $0.count, &handle)
        }
        XCTAssertEqual(status, MONACA_STATUS_OK)
        let made = try XCTUnwrap(handle, "expected an error")
        defer { monaca_error_free(made) }
        try body(made)
    }
}

/// The bytes of a borrowed C text.
private func bytes(_ text: MonacaStr) -> [UInt8] {
    Array(UnsafeRawBufferPointer(start: text.ptr, count: text.len))
}
