import Foundation
import MonacaCloudError
import XCTest

/// One test per classification rule of the core (issue 2), seen through the Swift API.
final class ClassificationTests: MonacaTestCase {
    // MARK: Successes

    func testResultWithSuccessStatusIsNoError() {
        for status in [200, 201, 204, 299, 304] {
            XCTAssertNil(classify(status, json("{'jsonrpc':'2.0','id':'1','result':'OK'}")), "status \(status)")
        }
        XCTAssertNil(classify(200, json("{'result':null}")), "a null result is still a result")
        XCTAssertNil(classify(200, json("{'result':{'totalItems':2,'items':[{},{}]}}")))
        XCTAssertNil(classify(200, json("{'result':1,'error':null}")), "error null beside a result")
        XCTAssertNil(classify(200, json("{'id':{'any':[1,2]},'result':[]}")), "id may be any JSON value")
        XCTAssertNil(classify(200, json("{'result':{'a':1,'a':2}}")), "duplicates inside result are not ambiguous")
    }

    func testLargeSuccessBodyIsNoError() {
        let items = String(repeating: json("{'name':'item','tags':['a','b']},"), count: 40_000)
        XCTAssertNil(classify(200, json("{'result':{'items':[") + items + json("{}]}}")))
    }

    // MARK: Server errors

    func testServerErrorKeepsCodeMessageAndDataByteForByte() throws {
        let data = json("{ 'collectionName' :  'Collection not found.' }")
        let body = json("{'jsonrpc':'2.0','id':'1','error':{'code':-32602,'message':'Invalid params','data':")
            + data + "}}"
        let error = try expectError(200, body)
        XCTAssertEqual(error.code, -32602)
        XCTAssertEqual(error.kind, .jsonRPC)
        XCTAssertEqual(error.name, "INVALID_PARAMS")
        XCTAssertEqual(error.message, "Invalid params")
        XCTAssertNil(error.detail, "only client errors have a detail")
        XCTAssertEqual(error.dataJSON, data)
        XCTAssertEqual(error.params, [.init(name: "collectionName", messages: ["Collection not found."])])
        try assertJSONRoundTrip(error)
    }

    func testServerErrorWithoutDataHasNoData() throws {
        let error = try expectError(200, json("{'error':{'code':11,'message':'User login is required'}}"))
        XCTAssertEqual(error.code, 11)
        XCTAssertEqual(error.kind, .cloudAPI)
        XCTAssertEqual(error.name, "USER_LOGIN_REQUIRED")
        XCTAssertNil(error.dataJSON)
        XCTAssertEqual(error.params, [])
        try assertJSONRoundTrip(error)  // data comes back as {}
    }

    func testNonObjectDataIsKeptRaw() throws {
        for data in ["null", "[1, 2]", json("'text'"), "42", "true", json("{'a':'x','a':'y'}")] {
            let error = try expectError(200, json("{'error':{'code':10001,'message':'m','data':") + data + "}}")
            XCTAssertEqual(error.dataJSON, data)
            XCTAssertEqual(error.kind, .userDefined)
            XCTAssertNil(error.name)
        }
    }

    func testJsonrpcAndIdAreOptionalAndIdMayBeAnything() throws {
        for prefix in ["", json("'jsonrpc':'2.0',"), json("'id':1,"), json("'id':'1',"), json("'id':null,"), json("'id':[1,{'a':null}],")] {
            let error = try expectError(200, "{" + prefix + json("'error':{'code':14,'message':'Permission denied'}}"))
            XCTAssertEqual(error.code, 14, prefix)
            XCTAssertEqual(error.name, "PERMISSION_DENIED", prefix)
        }
    }

    func testErrorBodyWith304IsParsed() throws {
        XCTAssertEqual(try expectError(304, json("{'error':{'code':-14,'message':'Permission denied'}}")).code, -14)
    }

    func testInt64CodeLimits() throws {
        XCTAssertEqual(try expectError(200, json("{'error':{'code':9223372036854775807,'message':'m'}}")).code, .max)
        XCTAssertEqual(try expectError(200, json("{'error':{'code':-9223372036854775808,'message':'m'}}")).code, .min)
    }

    // MARK: Invalid responses (-12)

    func testUnusableBodiesAreInvalidResponses() {
        let bodies: [(String, Data)] = [
            ("empty", Data()),
            ("not JSON", Data("<html>502 Bad Gateway</html>".utf8)),
            ("truncated JSON", Data(json("{'result':").utf8)),
            ("trailing garbage", Data(json("{'result':1} x").utf8)),
            ("invalid UTF-8 outside a string", Data(json("{'result':1}").utf8) + Data([0xFF])),
            ("a second byte order mark", Data([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]) + Data(json("{'result':1}").utf8)),
            ("only a byte order mark", Data([0xEF, 0xBB, 0xBF])),
            ("array", Data("[1,2]".utf8)),
            ("string", Data(json("'result'").utf8)),
            ("number", Data("200".utf8)),
            ("null", Data("null".utf8)),
            ("neither result nor error", Data(json("{'jsonrpc':'2.0','id':'1'}").utf8)),
            ("empty object", Data("{}".utf8)),
        ]
        for (label, body) in bodies {
            assertInvalidResponse(MonacaCloudError.from(httpStatus: 200, body: body), label)
        }
    }

    func testJSONSyntaxErrorDetailHasLineAndColumn() throws {
        let error = try expectError(200, "{\n  \"result\": tru\n}")
        assertInvalidResponse(error, "syntax error")
        XCTAssertTrue(error.detail?.contains("line") ?? false, error.detail ?? "no detail")
        XCTAssertTrue(error.detail?.contains("column") ?? false, error.detail ?? "no detail")
    }

    func testDeeplyNestedBodyIsRejectedWithoutCrashing() {
        let depth = 100_000
        let body = json("{'error':") + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        assertInvalidResponse(classify(200, body), "nesting \(depth)")
    }

    func testMalformedErrorMembersAreInvalidResponses() {
        let errors = [
            json("'x'"), "5", "[]", "true",
            json("{'message':'no code'}"),
            json("{'code':1.5,'message':'m'}"),
            json("{'code':1e-3,'message':'m'}"),
            json("{'code':11.5,'message':'m'}"),
            json("{'code':1e400,'message':'m'}"),
            json("{'code':'4','message':'m'}"),
            json("{'code':null,'message':'m'}"),
            json("{'code':9223372036854775808,'message':'m'}"),
            json("{'code':-9223372036854775809,'message':'m'}"),
            json("{'code':4}"),
            json("{'code':4,'message':5}"),
            json("{'code':4,'message':null}"),
            json("{'code':4,'message':['m']}"),
        ]
        for member in errors {
            assertInvalidResponse(classify(200, json("{'error':") + member + "}"), member)
        }
    }

    /// The last of duplicated members wins, as in JavaScript's JSON.parse (which the SDK uses).
    func testTheLastOfDuplicatedMembersWins() throws {
        let successes = [
            json("{'result':1,'result':2}"),
            json("{'error':null,'error':null,'result':1}"),
            json("{'error':{'code':1,'message':'a'},'error':null,'result':1}"),
            json("{'result':1,'r\\u0065sult':2}"),
        ]
        for body in successes {
            XCTAssertNil(classify(200, body), body)
        }
        let errors: [(String, Int64, String, String?)] = [
            (json("{'error':{'code':1,'message':'a'},'error':{'code':2,'message':'b'}}"), 2, "b", nil),
            (json("{'error':null,'error':{'code':3,'message':'c'},'result':1}"), 3, "c", nil),
            (json("{'error':{'code':1,'code':2,'message':'a'}}"), 2, "a", nil),
            (json("{'error':{'code':1,'message':'a','message':'b'}}"), 1, "b", nil),
            (json("{'error':{'code':1,'message':'a','data':1,'data':[2]}}"), 1, "a", "[2]"),
        ]
        for (body, code, message, data) in errors {
            let error = try expectError(200, body)
            XCTAssertEqual(error.code, code, body)
            XCTAssertEqual(error.message, message, body)
            XCTAssertEqual(error.dataJSON, data, body)
        }
        // A last value that is unusable makes the response unusable, whatever came before.
        for body in [json("{'error':{'code':1,'message':'a'},'error':5}"), json("{'error':{'code':1,'code':'1','message':'a'}}")] {
            assertInvalidResponse(classify(200, body), body)
        }
    }

    /// A code is the integer JSON.parse reads, in any notation.
    func testIntegerCodesInAnyNotation() throws {
        let codes: [(String, Int64)] = [("1e3", 1000), ("11.0", 11), ("-3.2602e4", -32602), ("1E+3", 1000), ("-0.0", 0)]
        for (text, code) in codes {
            XCTAssertEqual(try expectError(200, json("{'error':{'code':") + text + json(",'message':'m'}}")).code, code, text)
        }
        XCTAssertEqual(try expectError(200, json("{'error':{'code':-3.2602e4,'message':'m'}}")).name, "INVALID_PARAMS")
    }

    // MARK: Encodings, as a browser reads the body

    func testInvalidUTF8InsideStringsBecomesTheReplacementCharacter() throws {
        // A stray byte inside a string of a success leaves it a success.
        XCTAssertNil(MonacaCloudError.from(httpStatus: 200, body: Data(json("{'result':'caf").utf8) + Data([0xE9]) + Data(json("'}").utf8)))
        // In a message and in data: the decoded text.
        let body = Data(json("{'error':{'code':-32602,'message':'caf").utf8) + Data([0xE9])
            + Data(json("!','data':{'n").utf8) + Data([0xFF]) + Data(json("m':'x'}}}").utf8)
        let error = try XCTUnwrap(MonacaCloudError.from(httpStatus: 200, body: body))
        XCTAssertEqual(error.code, -32602)
        XCTAssertEqual(error.message, "caf\u{FFFD}!")
        XCTAssertEqual(error.dataJSON, json("{'n\u{FFFD}m':'x'}"))
        XCTAssertEqual(error.params, [.init(name: "n\u{FFFD}m", messages: ["x"])])
    }

    func testByteOrderMarksPickTheEncoding() throws {
        let utf8BOM = Data([0xEF, 0xBB, 0xBF])
        XCTAssertNil(MonacaCloudError.from(httpStatus: 200, body: utf8BOM + Data(json("{'result':1}").utf8)))
        let withBOM = try XCTUnwrap(MonacaCloudError.from(
            httpStatus: 200, body: utf8BOM + Data(json("{'error':{'code':11,'message':'é','data':[1]}}").utf8)))
        XCTAssertEqual(withBOM.code, 11)
        XCTAssertEqual(withBOM.message, "é")
        XCTAssertEqual(withBOM.dataJSON, "[1]")

        let text = json("{'error':{'code':-32602,'message':'Invalid params','data':{'名前':'必須です 🎉'}}}")
        for littleEndian in [true, false] {
            let error = try XCTUnwrap(MonacaCloudError.from(httpStatus: 200, body: utf16(text, littleEndian: littleEndian)))
            XCTAssertEqual(error.code, -32602)
            XCTAssertEqual(error.dataJSON, json("{'名前':'必須です 🎉'}"), "data as decoded text (UTF-8)")
            XCTAssertEqual(error.params, [.init(name: "名前", messages: ["必須です 🎉"])])
            XCTAssertNil(MonacaCloudError.from(httpStatus: 200, body: utf16(json("{'result':'OK'}"), littleEndian: littleEndian)))
            assertInvalidResponse(MonacaCloudError.from(httpStatus: 200, body: utf16("", littleEndian: littleEndian)), "empty UTF-16")
        }
    }

    /// `text` as UTF-16 with its byte order mark.
    private func utf16(_ text: String, littleEndian: Bool) -> Data {
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in text.utf16 {
            let low = UInt8(unit & 0xFF), high = UInt8(unit >> 8)
            bytes += littleEndian ? [low, high] : [high, low]
        }
        return Data(bytes)
    }

    // MARK: Other statuses (-13)

    func testOtherStatusesAreInvalidStatusCodes() throws {
        let validError = json("{'error':{'code':11,'message':'User login is required'}}")
        for status in [0, 100, 199, 300, 301, 303, 305, 400, 404, 500, 503, -1] {
            for body in [validError, json("{'result':'OK'}"), ""] {
                let error = try expectError(status, body)
                XCTAssertEqual(error.code, -13, "status \(status)")
                XCTAssertEqual(error.kind, .client)
                XCTAssertEqual(error.name, "INVALID_STATUS_CODE")
                XCTAssertEqual(error.message, "Invalid status code")
                XCTAssertTrue(error.detail?.contains(String(status)) ?? false, error.detail ?? "no detail")
                try assertJSONRoundTrip(error)
            }
        }
    }

    func testStatusOutsideInt32IsAnInvalidStatusCode() throws {
        XCTAssertEqual(try expectError(Int.max, json("{'result':'OK'}")).code, -13)
        XCTAssertEqual(try expectError(Int.min, json("{'result':'OK'}")).code, -13)
    }

    // MARK: Timeout (-11)

    func testTimeout() throws {
        let error = MonacaCloudError.timeout()
        XCTAssertEqual(error.code, -11)
        XCTAssertEqual(error.kind, .client)
        XCTAssertEqual(error.name, "CONNECTION_TIMED_OUT")
        XCTAssertEqual(error.message, "Connection timeout")
        XCTAssertEqual(error.params, [])
        try assertJSONRoundTrip(error)
        let data = try XCTUnwrap(try parseJSON(error.toJSON()) as? [String: Any])["data"]
        XCTAssertEqual((data as? [String: Any])?.count, 0, "client errors carry data {}")
    }

    // MARK: Validation messages (-32602)

    func testValidationParamsInServerOrderWithEveryValueShape() throws {
        let data = json("{'zeta':'z msg','alpha':['a1',2,{'x':1},null],'properties':{'age':'too old','name':{'first':'missing'}},'count':5,'flag':true,'nothing':null}")
        let error = try expectError(200, json("{'error':{'code':-32602,'message':'Invalid params','data':") + data + "}}")
        XCTAssertEqual(error.params, [
            .init(name: "zeta", messages: ["z msg"]),
            .init(name: "alpha", messages: ["a1", "2", json("{'x':1}"), "null"]),
            .init(name: "properties.age", messages: ["too old"]),
            .init(name: "properties.name.first", messages: ["missing"]),
            .init(name: "count", messages: ["5"]),
            .init(name: "flag", messages: ["true"]),
            .init(name: "nothing", messages: ["null"]),
        ])
        XCTAssertEqual(error.dataJSON, data)
    }

    func testOnlyInvalidParamsHasParams() throws {
        let data = json("{'collectionName':'Collection not found.'}")
        for code in [-32603, -32600, 4, 14, 10000, 12345] {
            let error = try expectError(200, json("{'error':{'code':\(code),'message':'m','data':") + data + "}}")
            XCTAssertEqual(error.params, [], "code \(code)")
            XCTAssertEqual(error.dataJSON, data, "data is still there, raw")
        }
        let nonObject = try expectError(200, json("{'error':{'code':-32602,'message':'m','data':['a','b']}}"))
        XCTAssertEqual(nonObject.params, [], "-32602 with non-object data")
    }

    // MARK: The value type

    func testEquatableAndDescription() throws {
        let body = json("{'error':{'code':-32601,'message':'Method not found'}}")
        let first = try expectError(200, body)
        XCTAssertEqual(first, try expectError(200, body))
        XCTAssertNotEqual(first, try expectError(200, json("{'error':{'code':-32601,'message':'Other'}}")))
        XCTAssertTrue(first.description.contains("-32601"), first.description)
        XCTAssertTrue(first.description.contains("METHOD_NOT_FOUND"), first.description)
        XCTAssertTrue(first.description.contains("Method not found"), first.description)
        let thrown: Error = first
        XCTAssertEqual(thrown as? MonacaCloudError, first, "usable as a Swift Error")
    }
}
