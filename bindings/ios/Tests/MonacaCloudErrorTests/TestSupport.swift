import CMonacaCloudError
import Foundation
import MonacaCloudError
import XCTest

/// JSON written with single quotes, for readability: every ' becomes ". (Swift's raw strings,
/// #"..."#, would be the natural choice, but the tree-sitter Swift grammar that checks the
/// syntax of these files on Linux misparses raw strings containing quotes.)
func json(_ text: String) -> String {
    text.replacingOccurrences(of: "'", with: "\"")
}

/// Base class of every test case: after each test, no native handle may be left alive.
/// The wrapper frees each handle before it returns, so a non-zero count is a leak.
/// (XCTest runs the tests of one process one after another, so the global count is exact.)
class MonacaTestCase: XCTestCase {
    override func setUp() {
        super.setUp()
        XCTAssertEqual(monaca_error_live_count(), 0, "a handle leaked before this test")
    }

    override func tearDown() {
        XCTAssertEqual(monaca_error_live_count(), 0, "a handle leaked in this test")
        super.tearDown()
    }

    /// Classifies `body` (as UTF-8) with `status`.
    func classify(_ status: Int, _ body: String) -> MonacaCloudError? {
        MonacaCloudError.from(httpStatus: status, body: Data(body.utf8))
    }

    /// Classifies and requires an error.
    func expectError(
        _ status: Int, _ body: String, file: StaticString = #filePath, line: UInt = #line
    ) throws -> MonacaCloudError {
        try XCTUnwrap(classify(status, body), "expected an error for \(body)", file: file, line: line)
    }

    /// Parses JSON text with Foundation, accepting any top-level value.
    func parseJSON(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// Reads `error.toJSON()` back with JSONSerialization and checks that it gives the same
    /// code, message and data (`{}` when the error has none).
    func assertJSONRoundTrip(
        _ error: MonacaCloudError, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let object = try XCTUnwrap(
            try parseJSON(error.toJSON()) as? [String: Any],
            "toJSON() is not a JSON object: \(error.toJSON())", file: file, line: line)
        XCTAssertEqual(Set(object.keys), ["code", "message", "data"], file: file, line: line)
        XCTAssertEqual((object["code"] as? NSNumber)?.int64Value, error.code, file: file, line: line)
        XCTAssertEqual(object["message"] as? String, error.message, file: file, line: line)
        let data = try XCTUnwrap(object["data"], file: file, line: line)
        let expected: Any = try error.dataJSON.map { try parseJSON($0) } ?? [String: Any]()
        XCTAssertEqual(data as? NSObject, expected as? NSObject, file: file, line: line)
    }
}
