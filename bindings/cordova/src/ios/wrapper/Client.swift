import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking  // URLSession on Linux
#endif

/// A whole call to Monaca Backend over `URLSession`: the core writes the body and reads the
/// response (`MonacaCloudRequest`, `MonacaCloudResponse`); this class only moves the bytes and
/// keeps the session between calls, as the SDK does. One client per backend and user; it may
/// be shared between tasks and threads.
///
/// ```swift
/// let client = try MonacaCloudClient(backendID: "...", apiKey: "...", deviceID: "...")
/// let user = try await client.call("User.login", paramsJSON: #"{"username":"a","password":"b"}"#)
/// let items = try await client.call("Collection.find", paramsJSON: ...)  // sends __session
/// ```
public final class MonacaCloudClient: Sendable {
    /// Where the calls are POSTed.
    public let endpoint: URL
    /// The request timeout in seconds (`URLRequest.timeoutInterval`).
    public let timeout: TimeInterval
    private let apiKey: String
    private let deviceID: String
    private let urlSession: URLSession
    private let state = Locked(State())

    private struct State {
        var session: String?
        var loginToken: String?
        var lastID: Int64 = 0
    }

    /// A client for the backend `backendID`, at the core's URL
    /// (`MonacaCloudRequest.url(backendID:)`).
    ///
    /// - Throws: `MonacaArgumentError` (`argument` `"backendID"`) for an id the core refuses.
    public convenience init(
        backendID: String, apiKey: String, deviceID: String, timeout: TimeInterval = 30,
        session: URLSession = .shared
    ) throws {
        let url = try MonacaCloudRequest.url(backendID: backendID)
        guard let endpoint = URL(string: url) else {
            fatalError("MonacaCloudClient: the core's URL does not parse: \(url)")
        }
        self.init(endpoint: endpoint, apiKey: apiKey, deviceID: deviceID, timeout: timeout, session: session)
    }

    /// A client that POSTs to `endpoint` (another server than Monaca's, e.g. a test's).
    public init(
        endpoint: URL, apiKey: String, deviceID: String, timeout: TimeInterval = 30,
        session: URLSession = .shared
    ) {
        self.endpoint = endpoint
        self.apiKey = apiKey
        self.deviceID = deviceID
        self.timeout = timeout
        urlSession = session
    }

    /// The session id kept from the responses so far (sent as `__session`), nil before any.
    public var currentSession: String? {
        state.withLock { $0.session }
    }

    /// The last `loginToken` a result held (kept across responses without one, as the SDK
    /// keeps it), nil before any.
    public var loginToken: String? {
        state.withLock { $0.loginToken }
    }

    /// Calls `method` with `paramsJSON` (the JSON text of an object, nil for `{}`).
    ///
    /// - Returns: the result's JSON text, exactly as the server sent it.
    /// - Throws: `MonacaCloudError` for every failure of the exchange: the server's error, -11
    ///   for a timeout, -13 for a status other than 200-299 and 304 and for no response at all
    ///   (status 0), -12 for a body that is not a JSON-RPC response. Before sending anything,
    ///   `MonacaArgumentError` when the core refuses `method` or `paramsJSON`. A cancelled
    ///   `Task` cancels the request and throws `CancellationError`.
    public func call(_ method: String, paramsJSON: String? = nil) async throws -> String {
        let (session, id) = state.withLock { state -> (String?, Int64) in
            state.lastID += 1
            return (state.session, state.lastID)
        }
        let credentials = MonacaCloudCredentials(apiKey: apiKey, deviceID: deviceID, session: session)
        let body = try MonacaCloudRequest.body(method: method, paramsJSON: paramsJSON, credentials: credentials, id: id)
        var request = URLRequest(url: endpoint)
        // Set, not passed to init: on Linux, FoundationNetworking uses a request's own timeout
        // only when the property was assigned (else the session configuration's, 60 s).
        request.timeoutInterval = timeout
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)

        let response: MonacaCloudResponse
        do {
            let answer = try await exchange(request)
            response = MonacaCloudResponse(httpStatus: answer.status, body: answer.body, sessionHeader: answer.sessionHeader)
        } catch let error as URLError where error.code == .timedOut {
            throw MonacaCloudError.timeout()
        } catch let error as URLError where error.code == .cancelled && Task.isCancelled {
            throw CancellationError()
        } catch {
            // No response arrived (refused, reset, no network, ...): status 0, which the core
            // answers with -13.
            response = MonacaCloudResponse(httpStatus: 0, body: Data(), sessionHeader: nil)
        }
        state.withLock { state in
            if let kept = response.session {
                state.session = kept
            }
            // The SDK stores a login token when a result has one, and keeps it otherwise.
            if let token = response.loginToken {
                state.loginToken = token
            }
        }
        return try response.get()
    }

    /// What `call` needs of an HTTP response.
    private struct Answer: Sendable {
        let status: Int
        let body: Data
        let sessionHeader: String?
    }

    /// POSTs `request` with `dataTask` (the async `data(for:)` needs iOS 15); cancelling the
    /// calling Task cancels the data task.
    private func exchange(_ request: URLRequest) async throws -> Answer {
        let running = Locked<URLSessionDataTask?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Answer, Error>) in
                let task = urlSession.dataTask(with: request) { data, response, error in
                    if let error = error {
                        continuation.resume(throwing: error)
                        return
                    }
                    let http = response as? HTTPURLResponse
                    continuation.resume(returning: Answer(
                        status: http?.statusCode ?? 0,
                        body: data ?? Data(),
                        sessionHeader: http?.value(forHTTPHeaderField: "X-Set-Monaca-Cloud-Session")))
                }
                running.withLock { $0 = task }
                task.resume()
                if Task.isCancelled {  // cancelled before the task was stored
                    task.cancel()
                }
            }
        } onCancel: {
            running.withLock { $0?.cancel() }
        }
    }
}

/// A value behind a lock. `@unchecked Sendable`: every access holds the lock.
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
