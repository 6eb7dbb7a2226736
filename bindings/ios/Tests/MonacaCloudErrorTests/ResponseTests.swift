import Foundation
import MonacaCloudError
import XCTest

/// `MonacaCloudResponse`: the result, the error, the session rule and the login token, as the
/// core reads an exchange.
final class ResponseTests: MonacaTestCase {
    private func read(_ status: Int, _ body: String, session: String? = nil) -> MonacaCloudResponse {
        MonacaCloudResponse(httpStatus: status, body: Data(body.utf8), sessionHeader: session)
    }

    /// The report's members, parsed.
    private func report(_ response: MonacaCloudResponse) throws -> [String: Any] {
        try XCTUnwrap(try parseJSON(response.reportJSON) as? [String: Any], response.reportJSON)
    }

    func testSuccessWithSessionAndLoginToken() throws {
        let result = json("{ 'loginToken': 'token-1', 'user': {'_id':'u1', 'name':'名前 😀'} }")
        let response = read(200, json("{'jsonrpc':'2.0','id':1,'result': ") + result + " }", session: "session-1")
        XCTAssertEqual(response.resultJSON, result, "the result's text exactly as sent, spaces included")
        XCTAssertEqual(try response.get(), result)
        XCTAssertNil(response.error)
        XCTAssertEqual(response.session, "session-1")
        XCTAssertEqual(response.loginToken, "token-1")

        let report = try report(response)
        XCTAssertEqual(Set(report.keys), ["session", "loginToken", "result"])
        XCTAssertEqual(report["session"] as? String, "session-1")
        XCTAssertEqual(report["loginToken"] as? String, "token-1")
        XCTAssertEqual(report["result"] as? NSObject, try parseJSON(result) as? NSObject)
    }

    func testErrorWithSession() throws {
        let body = json("{'jsonrpc':'2.0','id':1,'error':{'code':-32602,'message':'Invalid params','data':{'password':'Wrong password.'}}}")
        let response = read(200, body, session: "session-2")
        let error = try XCTUnwrap(response.error)
        XCTAssertEqual(error, MonacaCloudError.from(httpStatus: 200, body: Data(body.utf8)))
        XCTAssertEqual(error.firstMessage(for: "password"), "Wrong password.")
        XCTAssertNil(response.resultJSON)
        XCTAssertNil(response.loginToken)
        XCTAssertEqual(response.session, "session-2", "an error's header is kept too")
        XCTAssertThrowsError(try response.get()) { XCTAssertEqual($0 as? MonacaCloudError, error) }

        let report = try report(response)
        XCTAssertEqual(Set(report.keys), ["session", "loginToken", "error"])
        XCTAssertEqual(report["session"] as? String, "session-2")
        XCTAssertTrue(report["loginToken"] is NSNull)
        XCTAssertEqual(report["error"] as? NSObject, try parseJSON(error.reportJSON) as? NSObject)
    }

    /// A UTF-16 body is decoded by the core, so the result is the core's copy, not a range.
    func testUTF16BodyIsDecoded() throws {
        let text = json("{'jsonrpc':'2.0','id':1,'result':{'loginToken':'t-é','name':'名前 😀'}}")
        let littleEndian = Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let response = MonacaCloudResponse(httpStatus: 200, body: littleEndian, sessionHeader: "s")
        XCTAssertEqual(response.resultJSON, json("{'loginToken':'t-é','name':'名前 😀'}"))
        XCTAssertEqual(response.loginToken, "t-é")
        XCTAssertEqual(response.session, "s")
        XCTAssertEqual(try parseJSON(response.reportJSON) as? NSObject,
                       try parseJSON(json("{'session':'s','loginToken':'t-é','result':{'loginToken':'t-é','name':'名前 😀'}}")) as? NSObject)
    }

    /// The SDK's session rule: kept from a 2xx/304 response whose body is JSON, whatever it says.
    func testSessionRule() throws {
        let html = read(200, "<html>ok</html>", session: "s")
        XCTAssertNil(html.session, "a 200 whose body is not JSON")
        XCTAssertEqual(html.error?.code, MonacaCloudError.Code.invalidResponse)

        let notRPC = read(200, json("{'a':1}"), session: "s")
        XCTAssertEqual(notRPC.session, "s", "JSON, though not a JSON-RPC response")
        XCTAssertEqual(notRPC.error?.code, MonacaCloudError.Code.invalidResponse)

        let serverError = read(500, json("{'jsonrpc':'2.0','id':1,'error':{'code':-32603,'message':'x'}}"), session: "s")
        XCTAssertNil(serverError.session, "status 500")
        XCTAssertEqual(serverError.error?.code, MonacaCloudError.Code.invalidStatusCode)

        let noHeader = read(200, json("{'jsonrpc':'2.0','id':1,'result':null}"))
        XCTAssertNil(noHeader.session)
        XCTAssertEqual(noHeader.resultJSON, "null")
        XCTAssertTrue(try report(noHeader)["session"] is NSNull)
    }

    /// No response at all (status 0) is -13, as `from` says; a result without a loginToken
    /// string gives none.
    func testNoResponseAndNoLoginToken() throws {
        let none = MonacaCloudResponse(httpStatus: 0, body: Data(), sessionHeader: nil)
        XCTAssertEqual(none.error, MonacaCloudError.from(httpStatus: 0, body: Data()))
        XCTAssertEqual(none.error?.code, MonacaCloudError.Code.invalidStatusCode)

        for result in ["[1]", "\"token\"", json("{'loginToken':7}"), json("{'user':{'loginToken':'nested'}}")] {
            let response = read(200, json("{'jsonrpc':'2.0','id':1,'result':") + result + "}")
            XCTAssertEqual(response.resultJSON, result)
            XCTAssertNil(response.loginToken, result)
        }
    }
}
