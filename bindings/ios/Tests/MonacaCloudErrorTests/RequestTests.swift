import Foundation
import MonacaCloudError
import XCTest

/// `MonacaCloudRequest`: the core's URL rule and request body, and its refusals. The bodies
/// are checked by parsing them, never by writing the expected text here. (No CMonacaCloudError
/// import: the C module declares a `MonacaArgumentError` too.)
final class RequestTests: MonacaTestCase {
    private let credentials = MonacaCloudCredentials(apiKey: "key", deviceID: "device")

    func testURLOfABackend() throws {
        XCTAssertEqual(try MonacaCloudRequest.url(backendID: "test-backend_2"),
                       "https://cloud.monaca.mobi/json-rpc/test-backend_2")
    }

    func testURLRefusesABadBackendID() throws {
        let empty = try refusal { try MonacaCloudRequest.url(backendID: "") }
        XCTAssertEqual([empty.argument, empty.reason], ["backendID", "empty"])
        let slash = try refusal { try MonacaCloudRequest.url(backendID: "a/b") }
        XCTAssertEqual(slash.argument, "backendID")
        XCTAssertEqual(slash.offset, 1)
        XCTAssertEqual(slash.explanation,
                       "the backend id is not valid: only ASCII letters, digits, '-' and '_' may appear (byte offset 1)")
        XCTAssertEqual(try refusal { try MonacaCloudRequest.url(backendID: "éa") }.offset, 0)
    }

    func testBodyHoldsTheParamsAndTheCredentials() throws {
        var withSession = credentials
        withSession.session = "s-1"
        let body = try MonacaCloudRequest.body(
            method: "User.login", paramsJSON: json("{ 'username': 'alice', 'password': 'secret' }"),
            credentials: withSession)
        try assertSameJSON(body, json("""
            {'jsonrpc':'2.0','method':'User.login','id':'1','params':{'username':'alice','password':'secret',
             '__api_key':'key','__device':'device','__session':'s-1'}}
            """))
    }

    /// The id is always the string "1", as the SDK sends it, and it ends the body.
    func testBodyWithoutParamsOrSession() throws {
        let body = try MonacaCloudRequest.body(method: "Collection.find", credentials: credentials)
        try assertSameJSON(body, json("{'jsonrpc':'2.0','method':'Collection.find','id':'1','params':{'__api_key':'key','__device':'device'}}"))
        XCTAssertTrue(body.hasSuffix(json(",'id':'1'}")), body)
        let empty = try MonacaCloudRequest.body(method: "A.b", paramsJSON: " {} ", credentials: credentials)
        try assertSameJSON(empty, json("{'jsonrpc':'2.0','method':'A.b','id':'1','params':{'__api_key':'key','__device':'device'}}"))
    }

    /// The core's endpoint rule: https anywhere, http only to loopback, nothing else.
    func testCheckURLAcceptsHTTPSAndLoopbackHTTP() throws {
        for url in [
            "https://cloud.monaca.mobi/json-rpc/x", "HTTPS://example.com", "http://127.0.0.1:8080/json-rpc/x",
            "http://localhost/x", "http://127.1.2.3/", "http://[::1]:9/", "HTTP://LOCALHOST/",
        ] {
            XCTAssertNoThrow(try MonacaCloudRequest.checkURL(url), url)
        }
    }

    func testCheckURLRefusesOtherURLs() throws {
        for url in [
            "http://example.com/json-rpc/x", "http://10.0.0.1/", "http://127.0.0.1.example.com/",
            "file:///etc/passwd", "jar:file:/a.jar!/b", "ftp://127.0.0.1/", "cloud.monaca.mobi/json-rpc/x", "",
        ] {
            let refused = try refusal { try MonacaCloudRequest.checkURL(url) }
            XCTAssertEqual(refused.argument, "url", url)
            XCTAssertFalse(refused.reason.isEmpty, url)
            XCTAssertTrue(refused.explanation.contains(refused.reason), "\(url): \(refused.explanation)")
        }
    }

    /// Every credential text survives the core's escaping: quotes, backslashes, controls, NUL,
    /// emoji, U+2028, and a "</script>".
    func testCredentialsAreEscaped() throws {
        let texts = ["k\"\\\n\t\u{0}\u{1F}", "😀 名前 e\u{301}\u{2028}", "</script>"]
        let body = try MonacaCloudRequest.body(
            method: "Echo", credentials: MonacaCloudCredentials(apiKey: texts[0], deviceID: texts[1], session: texts[2]))
        let object = try XCTUnwrap(try parseJSON(body) as? [String: Any])
        let params = try XCTUnwrap(object["params"] as? [String: String])
        for (key, text) in zip(["__api_key", "__device", "__session"], texts) {
            let sent = try XCTUnwrap(params[key], key)
            XCTAssertTrue(sent.utf8.elementsEqual(text.utf8), "\(key): \(sent.debugDescription)")
        }
    }

    func testBodyRefusesABadMethod() throws {
        for (method, reason, offset) in [
            ("", "empty", 0),
            ("User..login", "an empty part between dots", 5),
            ("User.login()", "only ASCII letters, digits, '_' and '.' may appear", 10),
            ("User.", "an empty part after the last dot", 5),
        ] {
            let error = try refusal { try MonacaCloudRequest.body(method: method, credentials: credentials) }
            XCTAssertEqual(error.argument, "method", method)
            XCTAssertEqual(error.reason, reason, method)
            XCTAssertEqual(error.offset, offset, method)
        }
    }

    func testBodyRefusesBadParams() throws {
        let array = try refusal { try MonacaCloudRequest.body(method: "A.b", paramsJSON: "[1]", credentials: credentials) }
        XCTAssertEqual([array.argument, array.reason], ["paramsJSON", "not a JSON object"])

        let credential = try refusal {
            try MonacaCloudRequest.body(method: "A.b", paramsJSON: json("{'a':1,'__session':'x'}"), credentials: credentials)
        }
        XCTAssertEqual(credential.argument, "paramsJSON")
        XCTAssertEqual(credential.explanation, "params holds \"__session\", which the library sets from the credentials")

        let notJSON = try refusal {
            try MonacaCloudRequest.body(method: "A.b", paramsJSON: "{\n  \"a\": tru\n}", credentials: credentials)
        }
        XCTAssertEqual(notJSON.argument, "paramsJSON")
        XCTAssertEqual([notJSON.offset, notJSON.line, notJSON.column], [9, 2, 8])
        XCTAssertEqual(notJSON.explanation,
                       "params is not valid JSON: invalid literal (expected true, false or null) at line 2, column 8 (byte offset 9)")
    }

    /// Parses both texts and requires the same JSON value.
    private func assertSameJSON(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try parseJSON(text) as? NSObject, try parseJSON(expected) as? NSObject, text, file: file, line: line)
    }
}

/// Runs `body`, requiring it to throw a `MonacaArgumentError`.
func refusal<Value>(
    file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Value
) throws -> MonacaArgumentError {
    var thrown: Error?
    do {
        _ = try body()
    } catch {
        thrown = error
    }
    return try XCTUnwrap(thrown as? MonacaArgumentError,
                         "expected a MonacaArgumentError, got \(String(describing: thrown))", file: file, line: line)
}
