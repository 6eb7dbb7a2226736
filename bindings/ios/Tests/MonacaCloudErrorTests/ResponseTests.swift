import Foundation
import MonacaCloudError
import XCTest

/// `MonacaCloudResponse`: the result, the error, the session rule and the login token, as the
/// core reads an exchange.
final class ResponseTests: MonacaTestCase {
    private func read(
        _ status: Int, _ body: String, session: String? = nil, method: String? = "Collection.find"
    ) -> MonacaCloudResponse {
        MonacaCloudResponse(method: method, httpStatus: status, body: Data(body.utf8), sessionHeader: session)
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
        XCTAssertEqual(Set(report.keys), ["session", "endsSession", "loginToken", "result"])
        XCTAssertEqual(report["session"] as? String, "session-1")
        XCTAssertEqual(report["endsSession"] as? Bool, false)
        XCTAssertFalse(response.endsSession)
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
        XCTAssertEqual(Set(report.keys), ["session", "endsSession", "loginToken", "error"])
        XCTAssertEqual(report["session"] as? String, "session-2")
        XCTAssertEqual(report["endsSession"] as? Bool, false)
        XCTAssertTrue(report["loginToken"] is NSNull)
        XCTAssertEqual(report["error"] as? NSObject, try parseJSON(error.reportJSON) as? NSObject)
    }

    /// A UTF-16 body is decoded by the core, so the result is the core's copy, not a range.
    func testUTF16BodyIsDecoded() throws {
        let text = json("{'jsonrpc':'2.0','id':1,'result':{'loginToken':'t-é','name':'名前 😀'}}")
        let littleEndian = Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let response = MonacaCloudResponse(method: "User.login", httpStatus: 200, body: littleEndian, sessionHeader: "s")
        XCTAssertEqual(response.resultJSON, json("{'loginToken':'t-é','name':'名前 😀'}"))
        XCTAssertEqual(response.loginToken, "t-é")
        XCTAssertEqual(response.session, "s")
        XCTAssertEqual(try parseJSON(response.reportJSON) as? NSObject,
                       try parseJSON(json("{'session':'s','endsSession':false,'loginToken':'t-é','result':{'loginToken':'t-é','name':'名前 😀'}}")) as? NSObject)
    }

    /// The SDK's session rule: the header is kept from every 2xx/304 response, whatever the
    /// body, and from no other status.
    func testSessionRule() throws {
        let html = read(200, "<html>ok</html>", session: "s")
        XCTAssertEqual(html.session, "s", "a 200 whose body is not JSON keeps the header")
        XCTAssertEqual(html.error?.code, MonacaCloudError.Code.invalidResponse)

        let noContent = read(204, "", session: "s-204")
        XCTAssertEqual(noContent.session, "s-204", "a 204 without a body")
        XCTAssertEqual(noContent.error?.code, MonacaCloudError.Code.invalidResponse)
        XCTAssertEqual(read(304, "", session: "s-304").session, "s-304")
        XCTAssertEqual(read(299, "x", session: "s-299").session, "s-299")

        let notRPC = read(200, json("{'a':1}"), session: "s")
        XCTAssertEqual(notRPC.session, "s", "JSON, though not a JSON-RPC response")
        XCTAssertEqual(notRPC.error?.code, MonacaCloudError.Code.invalidResponse)

        for status in [0, 199, 300, 302, 305, 404, 500] {
            let other = read(status, json("{'jsonrpc':'2.0','id':'1','result':1}"), session: "s")
            XCTAssertNil(other.session, "status \(status)")
            XCTAssertEqual(other.error?.code, MonacaCloudError.Code.invalidStatusCode, "status \(status)")
        }

        let noHeader = read(200, json("{'jsonrpc':'2.0','id':1,'result':null}"))
        XCTAssertNil(noHeader.session)
        XCTAssertEqual(noHeader.resultJSON, "null")
        XCTAssertTrue(try report(noHeader)["session"] is NSNull)
    }

    /// The header's value is trimmed of SP and HTAB; an empty or blank value, or one holding a
    /// control character, is no session (the client keeps the one it had).
    func testSessionHeaderValues() throws {
        let body = json("{'jsonrpc':'2.0','id':'1','result':'OK'}")
        XCTAssertEqual(read(200, body, session: " \t s-1 \t ").session, "s-1")
        XCTAssertEqual(read(200, body, session: "s1, s2").session, "s1, s2", "repeated headers, combined")
        XCTAssertEqual(read(200, body, session: "a b").session, "a b", "inner spaces stay")
        XCTAssertEqual(read(200, body, session: "名前").session, "名前")
        for refused in ["", " ", "   ", "\t", "abc\u{0}def", "a\rb", "a\nb", "a\r\nSet-Cookie: x", "\u{1F}", "a\u{7F}"] {
            let response = read(200, body, session: refused)
            XCTAssertNil(response.session, refused.debugDescription)
            XCTAssertTrue(try report(response)["session"] is NSNull, refused.debugDescription)
            XCTAssertEqual(response.resultJSON, json("'OK'"), "the result is read all the same")
        }
    }

    /// A successful User.logout or User.unregister ends the session: no session, no token,
    /// even when the header set one; any other method, or a failed logout, does not.
    func testLogoutAndUnregisterEndTheSession() throws {
        let success = json("{'jsonrpc':'2.0','id':'1','result':{'loginToken':'t'}}")
        for method in ["User.logout", "User.unregister"] {
            let ended = read(200, success, session: "s-after", method: method)
            XCTAssertTrue(ended.endsSession, method)
            XCTAssertNil(ended.session, method)
            XCTAssertNil(ended.loginToken, method)
            XCTAssertEqual(ended.resultJSON, json("{'loginToken':'t'}"), method)
            let report = try report(ended)
            XCTAssertEqual(report["endsSession"] as? Bool, true, method)
            XCTAssertTrue(report["session"] is NSNull, method)
            XCTAssertTrue(report["loginToken"] is NSNull, method)
        }
        for method in [nil, "User.login", "user.logout", "User.logoutAll", "Logout"] as [String?] {
            let kept = read(200, success, session: "s-after", method: method)
            XCTAssertFalse(kept.endsSession, String(describing: method))
            XCTAssertEqual(kept.session, "s-after", String(describing: method))
            XCTAssertEqual(kept.loginToken, "t", String(describing: method))
        }
        let failed = read(200, json("{'jsonrpc':'2.0','id':'1','error':{'code':11,'message':'User login is required'}}"),
                          session: "s", method: "User.logout")
        XCTAssertFalse(failed.endsSession, "a failed logout")
        XCTAssertEqual(failed.session, "s")
        XCTAssertEqual(read(500, "", method: "User.logout").endsSession, false, "status 500")
        XCTAssertEqual(try report(failed)["endsSession"] as? Bool, false)
    }

    /// No response at all (status 0) is -13, as `from` says.
    func testNoResponse() throws {
        let none = MonacaCloudResponse(method: "Echo", httpStatus: 0, body: Data(), sessionHeader: nil)
        XCTAssertEqual(none.error, MonacaCloudError.from(httpStatus: 0, body: Data()))
        XCTAssertEqual(none.error?.code, MonacaCloudError.Code.invalidStatusCode)
        XCTAssertFalse(none.endsSession)
    }

    /// A login token is a string's text, a number as JavaScript writes it, a boolean's text;
    /// null, objects, arrays and tokens not at the top of an object result give none. The
    /// last loginToken member counts.
    func testLoginTokenValues() throws {
        for (result, token) in [
            (json("{'loginToken':'t-1'}"), "t-1"),
            (json("{'loginToken':'a\\u00e9\\n'}"), "aé\n"),
            (json("{'loginToken':42}"), "42"),
            (json("{'loginToken':4.50}"), "4.5"),
            (json("{'loginToken':1e21}"), "1e+21"),
            (json("{'loginToken':-0.5}"), "-0.5"),
            (json("{'loginToken':true}"), "true"),
            (json("{'loginToken':false}"), "false"),
            (json("{'loginToken':'first','loginToken':'last'}"), "last"),
        ] {
            XCTAssertEqual(read(200, json("{'jsonrpc':'2.0','id':'1','result':") + result + "}").loginToken, token, result)
        }
        for result in [
            "[1]", "\"token\"", json("{'loginToken':null}"), json("{'loginToken':{}}"), json("{'loginToken':['t']}"),
            json("{'user':{'loginToken':'nested'}}"),
        ] {
            let response = read(200, json("{'jsonrpc':'2.0','id':'1','result':") + result + "}")
            XCTAssertEqual(response.resultJSON, result)
            XCTAssertNil(response.loginToken, result)
        }
    }
}
