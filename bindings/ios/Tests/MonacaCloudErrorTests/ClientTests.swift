import Foundation
import MonacaCloudError
import XCTest

/// `MonacaCloudClient` without a server: its endpoint and limits, refusals, and a call with no
/// response.
final class ClientTests: MonacaTestCase {
    func testEndpointIsTheCoresURL() throws {
        let client = try MonacaCloudClient(backendID: "test-backend", apiKey: "k", deviceID: "d")
        XCTAssertEqual(client.endpoint.absoluteString, try MonacaCloudRequest.url(backendID: "test-backend"))
        XCTAssertNil(client.currentSession)
        XCTAssertNil(client.loginToken)
        let refused = try refusal { try MonacaCloudClient(backendID: "a b", apiKey: "k", deviceID: "d") }
        XCTAssertEqual([refused.argument, "\(refused.offset)"], ["backendID", "1"])
    }

    /// The same defaults in every face: a 30 s deadline and a 32 MiB body cap.
    func testDefaultLimits() throws {
        let client = try MonacaCloudClient(backendID: "test-backend", apiKey: "k", deviceID: "d")
        XCTAssertEqual(client.timeout, 30)
        XCTAssertEqual(client.maxBodyBytes, 33_554_432)
        XCTAssertEqual(MonacaCloudClient.defaultTimeout, 30)
        XCTAssertEqual(MonacaCloudClient.defaultMaxBodyBytes, 32 * 1024 * 1024)
        let chosen = try MonacaCloudClient(
            endpoint: try XCTUnwrap(URL(string: "https://example.com/json-rpc/x")), apiKey: "k", deviceID: "d",
            timeout: 2.5, maxBodyBytes: 1000)
        XCTAssertEqual(chosen.timeout, 2.5)
        XCTAssertEqual(chosen.maxBodyBytes, 1000)
    }

    /// The core checks the endpoint when the client is made: https, or http to loopback only.
    func testEndpointIsCheckedByTheCore() throws {
        for url in ["http://example.com/json-rpc/x", "http://192.168.1.1/", "file:///etc/passwd", "ftp://127.0.0.1/x"] {
            let refused = try refusal {
                try MonacaCloudClient(endpoint: try XCTUnwrap(URL(string: url)), apiKey: "k", deviceID: "d")
            }
            XCTAssertEqual(refused, try refusal { try MonacaCloudRequest.checkURL(url) }, url)
            XCTAssertEqual(refused.argument, "url", url)
        }
        for url in ["https://example.com/json-rpc/x", "http://127.0.0.1:1/x", "http://localhost:1/x", "http://[::1]:1/x"] {
            XCTAssertNoThrow(try MonacaCloudClient(endpoint: try XCTUnwrap(URL(string: url)), apiKey: "k", deviceID: "d"), url)
        }
    }

    /// The body cap's error, made by the core.
    func testBodyTooLargeError() throws {
        let error = MonacaCloudError.bodyTooLarge(limit: 33_554_432)
        XCTAssertEqual(error.code, MonacaCloudError.Code.invalidResponse)
        XCTAssertEqual(error.message, "Invalid response")
        XCTAssertEqual(error.detail, "the response body is larger than the limit of 33554432 bytes")
        XCTAssertEqual(error.kind, .client)
        XCTAssertNil(error.dataJSON)
        XCTAssertEqual(MonacaCloudError.bodyTooLarge(limit: 0).detail, "the response body is larger than the limit of 0 bytes")
        XCTAssertEqual(MonacaCloudError.bodyTooLarge(limit: UInt64.max).detail,
                       "the response body is larger than the limit of 18446744073709551615 bytes")
        XCTAssertNotEqual(MonacaCloudError.bodyTooLarge(limit: 1), MonacaCloudError.bodyTooLarge(limit: 2))
    }

    /// Nothing listens on port 1: no response, so status 0, which the core answers with -13.
    /// A refused method is thrown before anything is sent.
    func testNoResponseAndRefusedInput() async throws {
        let client = try MonacaCloudClient(
            endpoint: try XCTUnwrap(URL(string: "http://127.0.0.1:1/json-rpc/x")), apiKey: "k", deviceID: "d")
        do {
            let result = try await client.call("Echo")
            XCTFail("expected an error, got \(result)")
        } catch let error as MonacaCloudError {
            XCTAssertEqual(error, MonacaCloudError.from(httpStatus: 0, body: Data()))
            XCTAssertEqual(error.code, MonacaCloudError.Code.invalidStatusCode)
        }
        do {
            let result = try await client.call("Echo", paramsJSON: "[]")
            XCTFail("expected a refusal, got \(result)")
        } catch let error as MonacaArgumentError {
            XCTAssertEqual([error.argument, error.reason], ["paramsJSON", "not a JSON object"])
        }
        XCTAssertNil(client.currentSession)
    }
}

/// Whole calls against tests/mock-backend/server.py, which test.sh starts on 127.0.0.1 (with
/// `--slow 3`) and whose port it passes in MONACA_MOCK_BACKEND_PORT. Without the variable
/// these tests fail: they never skip.
final class EndToEndTests: MonacaTestCase {
    private func mockClient(timeout: TimeInterval = 30) throws -> MonacaCloudClient {
        let port = try XCTUnwrap(
            ProcessInfo.processInfo.environment["MONACA_MOCK_BACKEND_PORT"],
            "MONACA_MOCK_BACKEND_PORT is not set: run bindings/ios/test.sh, which starts the mock backend")
        let endpoint = try XCTUnwrap(URL(string: "http://127.0.0.1:\(port)/json-rpc/test-backend"))
        return try MonacaCloudClient(endpoint: endpoint, apiKey: "test-api-key", deviceID: "ios-device", timeout: timeout)
    }

    /// Calls `method`, requiring a `MonacaCloudError`.
    private func failure(
        _ client: MonacaCloudClient, _ method: String, _ paramsJSON: String? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) async throws -> MonacaCloudError {
        var thrown: Error?
        do {
            let result = try await client.call(method, paramsJSON: paramsJSON)
            XCTFail("\(method): expected an error, got \(result)", file: file, line: line)
        } catch {
            thrown = error
        }
        return try XCTUnwrap(thrown as? MonacaCloudError, "\(method): \(String(describing: thrown))", file: file, line: line)
    }

    private func object(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try parseJSON(text) as? [String: Any], text)
    }

    func testLoginKeepsTheSessionThatLaterCallsSend() async throws {
        let client = try mockClient()
        let login = try object(try await client.call("User.login", paramsJSON: json("{'username':'alice','password':'secret'}")))
        let session = try XCTUnwrap(client.currentSession, "the X-Set-Monaca-Cloud-Session header was kept")
        XCTAssertTrue(session.hasPrefix("session-"), session)
        let token = try XCTUnwrap(client.loginToken)
        XCTAssertEqual(login["loginToken"] as? String, token)
        XCTAssertEqual((login["user"] as? [String: Any])?["username"] as? String, "alice")

        let echo = try object(try await client.call("Echo", paramsJSON: json("{'x':[1,'é']}")))
        XCTAssertEqual(echo["__session"] as? String, session)
        XCTAssertEqual(echo["__api_key"] as? String, "test-api-key")
        XCTAssertEqual(echo["__device"] as? String, "ios-device")
        XCTAssertEqual(echo["x"] as? NSObject, try parseJSON(json("[1,'é']")) as? NSObject)
        XCTAssertEqual(client.loginToken, token, "a response without a loginToken keeps the last one, as the SDK does")

        let found = try object(try await client.call("Collection.find", paramsJSON: json("{'collection':'items'}")))
        XCTAssertEqual(found["totalItems"] as? Int, 1)
        XCTAssertEqual(client.currentSession, session, "responses without the header keep the session")

        // Without the session, the same call is refused: it is the session that let it through.
        let stranger = try mockClient()
        let refused = try await failure(stranger, "Collection.find")
        XCTAssertEqual(refused.code, MonacaCloudError.Code.userLoginRequired)
        XCTAssertNil(stranger.currentSession)
    }

    func testWrongPasswordGivesInvalidParams() async throws {
        let client = try mockClient()
        let error = try await failure(client, "User.login", json("{'username':'alice','password':'wrong'}"))
        XCTAssertEqual(error.code, MonacaCloudError.Code.invalidParams)
        XCTAssertEqual(error.params, [MonacaCloudError.Param(name: "password", messages: ["Wrong password."])])
        XCTAssertEqual(error.firstMessage(for: "password"), "Wrong password.")
        XCTAssertNil(client.currentSession)
    }

    func testStatus500GivesInvalidStatusCode() async throws {
        let error = try await failure(try mockClient(), "Fail.status500")
        XCTAssertEqual(error.code, MonacaCloudError.Code.invalidStatusCode)
        XCTAssertEqual(error, MonacaCloudError.from(httpStatus: 500, body: Data("<html>Internal Server Error</html>".utf8)),
                       "the status and body the server sent")
    }

    /// The server answers after 3 s; the client gives up after 1 s with the core's -11.
    func testSlowServerGivesTheTimeout() async throws {
        let started = Date()
        let error = try await failure(try mockClient(timeout: 1), "Fail.slow")
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(error, MonacaCloudError.timeout())
        XCTAssertGreaterThanOrEqual(elapsed, 0.9)
        XCTAssertLessThan(elapsed, 2.9, "the client's timeout, not the server's late answer")
    }

    /// Cancelling the calling Task cancels the request (the server would answer after 3 s).
    func testCancellingTheTaskCancelsTheCall() async throws {
        let client = try mockClient()
        let started = Date()
        let call = Task { try await client.call("Fail.slow") }
        try await Task.sleep(nanoseconds: 200_000_000)
        call.cancel()
        do {
            let result = try await call.value
            XCTFail("expected CancellationError, got \(result)")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.5)
    }

    /// One client shared by eight concurrent calls: each gets its own answer.
    func testConcurrentCallsShareOneClient() async throws {
        let client = try mockClient()
        let echoed = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for n in 0..<8 {
                group.addTask { (n, try await client.call("Echo", paramsJSON: "{\"n\":\(n)}")) }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        for n in 0..<8 {
            XCTAssertEqual(try object(try XCTUnwrap(echoed[n]))["n"] as? Int, n)
        }
    }
}
