import Foundation
import MonacaCloudError
import XCTest

/// The code catalogue and the header's constants.
///
/// This file does not import CMonacaCloudError: the C module declares a `MonacaErrorKind` too,
/// and a file importing both modules could not spell the Swift enum's name unambiguously.
/// Checks against the C API are in CInteropTests.
final class CatalogueTests: MonacaTestCase {
    func testEveryDocumentedCodeAndTheRangeBoundaries() {
        let table: [(Int64, MonacaErrorKind, String?)] = [
            (-32700, .jsonRPC, "PARSE_ERROR"),
            (-32603, .jsonRPC, "INTERNAL_ERROR"),
            (-32602, .jsonRPC, "INVALID_PARAMS"),
            (-32601, .jsonRPC, "METHOD_NOT_FOUND"),
            (-32600, .jsonRPC, "INVALID_REQUEST"),
            (-13, .client, "INVALID_STATUS_CODE"),
            (-12, .client, "INVALID_RESPONSE"),
            (-11, .client, "CONNECTION_TIMED_OUT"),
            (4, .cloudAPI, "API_KEY_INVALID"),
            (10, .cloudAPI, "SESSION_ID_INVALID"),
            (11, .cloudAPI, "USER_LOGIN_REQUIRED"),
            (12, .cloudAPI, "DEVICE_ID_REQUIRED"),
            (13, .cloudAPI, "OPERATION_INVALID"),
            (14, .cloudAPI, "PERMISSION_DENIED"),
            (-14, .cloudAPI, "PERMISSION_DENIED"),
            (9999, .cloudAPI, "CALL_LIMIT_EXCEEDED"),
            (-32099, .serverDefined, nil),
            (-32050, .serverDefined, nil),
            (-32000, .serverDefined, nil),
            (10000, .userDefined, nil),
            (123_456, .userDefined, nil),
            (.max, .userDefined, nil),
            (-32768, .unknown, nil),
            (-32100, .unknown, nil),
            (-31999, .unknown, nil),
            (-10, .unknown, nil),
            (0, .unknown, nil),
            (1, .unknown, nil),
            (9998, .unknown, nil),
            (.min, .unknown, nil),
        ]
        for (code, kind, name) in table {
            XCTAssertEqual(MonacaCloudError.kind(of: code), kind, "kind of \(code)")
            XCTAssertEqual(MonacaCloudError.name(of: code), name, "name of \(code)")
            XCTAssertFalse(MonacaCloudError.description(of: code).isEmpty, "description of \(code)")
        }
        XCTAssertNotEqual(MonacaCloudError.description(of: 4), MonacaCloudError.description(of: 9999))
    }

    func testCodeConstantsMatchTheErrorModel() {
        typealias Code = MonacaCloudError.Code
        XCTAssertEqual(
            [Code.parseError, Code.internalError, Code.invalidParams, Code.methodNotFound, Code.invalidRequest],
            [-32700, -32603, -32602, -32601, -32600])
        XCTAssertEqual([Code.invalidStatusCode, Code.invalidResponse, Code.connectionTimedOut], [-13, -12, -11])
        XCTAssertEqual(
            [Code.apiKeyInvalid, Code.sessionIDInvalid, Code.userLoginRequired, Code.deviceIDRequired,
             Code.operationInvalid, Code.permissionDenied, Code.permissionDeniedNegative, Code.callLimitExceeded],
            [4, 10, 11, 12, 13, 14, -14, 9999])
        XCTAssertEqual(Code.userDefinedMin, 10000)
    }

    func testKindCases() {
        XCTAssertEqual(MonacaErrorKind.allCases.count, 6)
        XCTAssertEqual(Set(MonacaErrorKind.allCases.map(\.description)).count, 6, "distinct descriptions")
    }

    func testLibraryVersion() {
        let version = MonacaCloudError.libraryVersion
        XCTAssertEqual(version.split(separator: ".").count, 3, "a semver version: \(version)")
    }
}
