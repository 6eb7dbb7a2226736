import Foundation
import MonacaCloudError
import XCTest

/// The value type through its public API: a smoke test of each way to make one (the corpus
/// covers the classification rules), what Swift adds (Int status clamping, Equatable, Error,
/// description), and messages(for:) over repeated names.
final class ValueTests: MonacaTestCase {
    func testSuccessAndServerErrorSmoke() throws {
        XCTAssertNil(classify(200, json("{'jsonrpc':'2.0','id':'1','result':'OK'}")))
        let data = json("{ 'collectionName' :  'Collection not found.' }")
        let error = try expectError(200, json("{'error':{'code':-32602,'message':'Invalid params','data':") + data + "}}")
        XCTAssertEqual(error.code, MonacaCloudError.Code.invalidParams)
        XCTAssertEqual(error.kind, .jsonRPC)
        XCTAssertEqual(error.name, "INVALID_PARAMS")
        XCTAssertEqual(error.description, "Monaca error -32602 (INVALID_PARAMS): Invalid params")
        XCTAssertEqual(error.message, "Invalid params")
        XCTAssertNil(error.detail)
        XCTAssertEqual(error.dataJSON, data, "byte for byte, spaces kept")
        XCTAssertEqual(error.params, [.init(name: "collectionName", messages: ["Collection not found."])])
        try assertJSONRoundTrip(error)
    }

    func testTimeout() throws {
        let error = MonacaCloudError.timeout()
        XCTAssertEqual(error.code, MonacaCloudError.Code.connectionTimedOut)
        XCTAssertEqual(error.kind, .client)
        XCTAssertEqual(error.name, "CONNECTION_TIMED_OUT")
        XCTAssertEqual(error.description, "Monaca error -11 (CONNECTION_TIMED_OUT): Connection timeout")
        XCTAssertNil(error.dataJSON)
        XCTAssertEqual(error.params, [])
        XCTAssertEqual(error.toJSON(), json("{'code':-11,'message':'Connection timeout','data':{}}"))
        XCTAssertEqual(error, MonacaCloudError.timeout())
    }

    /// The Swift status is an Int; the C one an Int32: values beyond are clamped, never wrapped
    /// (Int32(truncatingIfNeeded: 4_294_967_496) would be 200, a success).
    func testStatusOutsideInt32IsAnInvalidStatusCode() throws {
        for status in [Int.max, Int.min, 4_294_967_496] {
            let error = try expectError(status, json("{'result':'OK'}"))
            XCTAssertEqual(error.code, -13, "status \(status)")
            XCTAssertEqual(error.detail?.contains(String(Int32(clamping: status))), true, error.description)
        }
    }

    /// A server may repeat a name: messages(for:) reads every entry of it, in order, and
    /// firstMessage(for:) the first message over them (past an entry with none).
    func testMessagesForRepeatedNames() throws {
        let data = json("{'a':['x','y'],'k':[],'b':{'c':1},'a':'z','k':'later','a':[]}")
        let error = try expectError(200, json("{'error':{'code':-32602,'message':'m','data':") + data + "}}")
        XCTAssertEqual(error.params.map(\.name), ["a", "k", "b.c", "a", "k", "a"])
        XCTAssertEqual(error.messages(for: "a"), ["x", "y", "z"])
        XCTAssertEqual(error.firstMessage(for: "a"), "x")
        XCTAssertEqual(error.messages(for: "k"), ["later"])
        XCTAssertEqual(error.firstMessage(for: "k"), "later")
        XCTAssertEqual(error.messages(for: "b.c"), ["1"])
        XCTAssertEqual(error.messages(for: "b"), [], "a nested object's own name has no messages")
        XCTAssertNil(error.firstMessage(for: "b"))
        XCTAssertEqual(error.messages(for: "A"), [])
    }

    /// Names and texts are compared byte for byte, as the core compares them; Swift's String
    /// `==` would take "é" (U+00E9) and "e\u{301}" for one another.
    func testTextsCompareByteForByte() throws {
        let precomposed = "\u{E9}", decomposed = "e\u{301}"
        XCTAssertEqual(precomposed, decomposed, "canonically equivalent for Swift")
        let data = "{\"" + precomposed + "\":\"one\",\"" + decomposed + "\":\"two\"}"
        let error = try expectError(200, json("{'error':{'code':-32602,'message':'m','data':") + data + "}}")
        XCTAssertEqual(error.messages(for: precomposed), ["one"])
        XCTAssertEqual(error.messages(for: decomposed), ["two"])

        let first = try MonacaCloudError.create(code: 10000, message: precomposed)
        let second = try MonacaCloudError.create(code: 10000, message: decomposed)
        XCTAssertNotEqual(first, second, "different bytes, different errors")
        XCTAssertEqual(first, try MonacaCloudError.create(code: 10000, message: precomposed))
    }

    func testEquatableErrorAndDescription() throws {
        let body = json("{'error':{'code':-32601,'message':'Method not found'}}")
        let first = try expectError(200, body)
        XCTAssertEqual(first, try expectError(200, body))
        XCTAssertNotEqual(first, try expectError(200, json("{'error':{'code':-32601,'message':'Other'}}")))
        XCTAssertNotEqual(first, try expectError(200, json("{'error':{'code':-32601,'message':'Method not found','data':1}}")))
        XCTAssertEqual("\(first)", "Monaca error -32601 (METHOD_NOT_FOUND): Method not found")
        let thrown: Error = first
        XCTAssertEqual(thrown as? MonacaCloudError, first, "usable as a Swift Error")

        let invalid = try expectError(503, "")
        let detail = try XCTUnwrap(invalid.detail)
        XCTAssertEqual(invalid.description, "Monaca error -13 (INVALID_STATUS_CODE): Invalid status code (" + detail + ")")
    }
}
