import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking  // URLSession on Linux
#endif

/// A whole call to Monaca Backend over `URLSession`: the core writes the body and reads the
/// response (`MonacaCloudRequest`, `MonacaCloudResponse`); this class only moves the bytes and
/// applies what each response says about the session. One client per backend and user; it may
/// be shared between tasks and threads.
///
/// The client carries the API key, the device id and the session in every body, so it never
/// sends them anywhere else: it refuses an endpoint the core refuses (`https://`, or `http://`
/// to a loopback host only), never follows a redirect (a 3xx is the core's -13 with the
/// status), reads at most `maxBodyBytes` of a body (more is -12, and the rest is never read),
/// and gives the whole exchange one deadline, `timeout` (then -11).
///
/// ```swift
/// let client = try MonacaCloudClient(backendID: "...", apiKey: "...", deviceID: "...")
/// let user = try await client.call("User.login", paramsJSON: #"{"username":"a","password":"b"}"#)
/// let items = try await client.call("Collection.find", paramsJSON: ...)  // sends __session
/// ```
public final class MonacaCloudClient: Sendable {
    /// The default body cap, 32 MiB (33,554,432 bytes), the same in every face.
    public static let defaultMaxBodyBytes = 33_554_432
    /// The default deadline of a whole exchange, 30 s, the same in every face.
    public static let defaultTimeout: TimeInterval = 30

    /// Where the calls are POSTed.
    public let endpoint: URL
    /// The deadline of one whole exchange in seconds: connecting, sending, the headers and the
    /// whole body. At the deadline the call fails with `MonacaCloudError.timeout()` (-11).
    public let timeout: TimeInterval
    /// The most bytes of a response body the client reads (after any `Content-Encoding` is
    /// decoded). A longer body fails with `MonacaCloudError.bodyTooLarge(limit:)` (-12); the
    /// client stops the transfer at the cap and never holds more than this many bytes.
    public let maxBodyBytes: Int
    private let apiKey: String
    private let deviceID: String
    private let urlSession: URLSession
    private let transfers: Transfers
    private let state = Locked(State())

    private struct State {
        var session: String?
        var loginToken: String?
    }

    /// A client for the backend `backendID`, at the core's URL
    /// (`MonacaCloudRequest.url(backendID:)`).
    ///
    /// - Parameters:
    ///   - timeout: the deadline of each whole exchange, in seconds (finite, above 0).
    ///   - maxBodyBytes: the body cap in bytes (0 or more).
    ///   - configuration: the `URLSession` configuration to start from (proxies, headers,
    ///     ...); the client copies it and sets its own timeouts.
    /// - Throws: `MonacaArgumentError` (`argument` `"backendID"`) for an id the core refuses.
    public convenience init(
        backendID: String, apiKey: String, deviceID: String, timeout: TimeInterval = defaultTimeout,
        maxBodyBytes: Int = defaultMaxBodyBytes, configuration: URLSessionConfiguration = .ephemeral
    ) throws {
        let url = try MonacaCloudRequest.url(backendID: backendID)
        guard let endpoint = URL(string: url) else {
            fatalError("MonacaCloudClient: the core's URL does not parse: \(url)")
        }
        try self.init(
            endpoint: endpoint, apiKey: apiKey, deviceID: deviceID, timeout: timeout,
            maxBodyBytes: maxBodyBytes, configuration: configuration)
    }

    /// A client that POSTs to `endpoint` (another server than Monaca's, e.g. a local mock).
    ///
    /// - Throws: `MonacaArgumentError` (`argument` `"url"`) when the core refuses the endpoint
    ///   (`MonacaCloudRequest.checkURL`): anything but `https://`, or `http://` to a loopback
    ///   host. Nothing connects before this check.
    public init(
        endpoint: URL, apiKey: String, deviceID: String, timeout: TimeInterval = defaultTimeout,
        maxBodyBytes: Int = defaultMaxBodyBytes, configuration: URLSessionConfiguration = .ephemeral
    ) throws {
        precondition(timeout > 0 && timeout.isFinite, "MonacaCloudClient: timeout must be finite and above 0")
        precondition(maxBodyBytes >= 0, "MonacaCloudClient: maxBodyBytes must not be negative")
        try MonacaCloudRequest.checkURL(endpoint.absoluteString)
        self.endpoint = endpoint
        self.apiKey = apiKey
        self.deviceID = deviceID
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        // The client's own deadline (see `Transfer`) is the one that counts. URLSession's
        // timers are a backstop set a second later: on Apple platforms
        // timeoutIntervalForRequest is an idle timeout and timeoutIntervalForResource the whole
        // transfer's; on Linux one timer of whole seconds covers the request.
        let backstop = timeout.rounded(.up) + 1
        guard let copied = configuration.copy() as? URLSessionConfiguration else {
            fatalError("MonacaCloudClient: URLSessionConfiguration.copy() is not a configuration")
        }
        copied.timeoutIntervalForRequest = backstop
        copied.timeoutIntervalForResource = backstop
        copied.urlCache = nil
        transfers = Transfers()
        // A serial queue: one delegate callback at a time.
        let delegateQueue = OperationQueue()
        delegateQueue.maxConcurrentOperationCount = 1
        urlSession = URLSession(configuration: copied, delegate: transfers, delegateQueue: delegateQueue)
    }

    deinit {
        // A session keeps its delegate until it is invalidated; no call is running any more
        // (each holds the client).
        urlSession.invalidateAndCancel()
    }

    /// The session id kept from the responses so far (sent as `__session`), nil before any and
    /// after a logout.
    public var currentSession: String? {
        state.withLock { $0.session }
    }

    /// The last `loginToken` a result held (kept across responses without one, as the SDK
    /// keeps it), nil before any and after a logout.
    public var loginToken: String? {
        state.withLock { $0.loginToken }
    }

    /// Calls `method` with `paramsJSON` (the JSON text of an object, nil for `{}`).
    ///
    /// - Returns: the result's JSON text, exactly as the server sent it.
    /// - Throws: `MonacaCloudError` for every failure of the exchange: the server's error; -11
    ///   at the deadline (`timeout`); -12 for a body over `maxBodyBytes` and for a body that
    ///   is not a JSON-RPC response; -13 for a status other than 200-299 and 304 (a redirect
    ///   included: it is never followed) and for no response at all (refused, reset, a body
    ///   shorter than its `Content-Length`: status 0). Before sending anything,
    ///   `MonacaArgumentError` when the core refuses `method` or `paramsJSON`. A cancelled
    ///   `Task` cancels the request and throws `CancellationError`.
    public func call(_ method: String, paramsJSON: String? = nil) async throws -> String {
        try await call(method, paramsJSON: paramsJSON, at: endpoint)
    }

    /// `call`, POSTed to `url` instead of `endpoint`, with this client's session: the tests'
    /// way to run one session through several scenarios of a test server (each is a path).
    /// The core checks `url` first, as `init` checks `endpoint`.
    func call(_ method: String, paramsJSON: String?, at url: URL) async throws -> String {
        try MonacaCloudRequest.checkURL(url.absoluteString)
        let credentials = MonacaCloudCredentials(
            apiKey: apiKey, deviceID: deviceID, session: state.withLock { $0.session })
        let body = try MonacaCloudRequest.body(method: method, paramsJSON: paramsJSON, credentials: credentials)
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)

        let response: MonacaCloudResponse
        switch await transfers.perform(request, in: urlSession, deadline: timeout, maxBodyBytes: maxBodyBytes) {
        case .answered(let status, let body, let sessionHeader):
            response = MonacaCloudResponse(method: method, httpStatus: status, body: body, sessionHeader: sessionHeader)
        case .stopped(.bodyTooLarge):
            throw MonacaCloudError.bodyTooLarge(limit: UInt64(maxBodyBytes))
        case .stopped(.deadline):
            throw MonacaCloudError.timeout()
        case .stopped(.cancelled):
            throw CancellationError()
        case .failed(let error as URLError) where error.code == .timedOut:
            throw MonacaCloudError.timeout()  // URLSession's backstop
        case .failed:
            // No (whole) response arrived: refused, reset, a short body, no network, TLS...:
            // status 0, which the core answers with -13.
            response = MonacaCloudResponse(method: method, httpStatus: 0, body: Data(), sessionHeader: nil)
        }
        state.withLock { state in
            // The whole session rule is the core's; the client applies what it says.
            if response.endsSession {
                state.session = nil
                state.loginToken = nil
            } else {
                if let kept = response.session {
                    state.session = kept
                }
                if let token = response.loginToken {
                    state.loginToken = token
                }
            }
        }
        return try response.get()
    }
}

/// How a transfer ended.
private enum Outcome: Sendable {
    /// A whole response: its status, its body (at most the cap) and its session header.
    case answered(status: Int, body: Data, sessionHeader: String?)
    /// The client stopped it.
    case stopped(Transfer.Stop)
    /// URLSession failed it (no whole response).
    case failed(Error)
}

/// The session's delegate: hands each task's events to its `Transfer`, and refuses every
/// redirect.
private final class Transfers: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // @unchecked: `running` is behind its lock; the rest is immutable.
    private let running = Locked<[Int: Transfer]>([:])

    /// Runs `request` as one data task in `session` (whose delegate this is), within
    /// `deadline` seconds, reading at most `maxBodyBytes` of the body. Cancelling the calling
    /// Task cancels the transfer.
    func perform(
        _ request: URLRequest, in session: URLSession, deadline: TimeInterval, maxBodyBytes: Int
    ) async -> Outcome {
        let transfer = Transfer(maxBodyBytes: maxBodyBytes)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let task = session.dataTask(with: request)
                let id = task.taskIdentifier
                running.withLock { $0[id] = transfer }
                let timer = DispatchWorkItem { transfer.stop(.deadline) }
                transfer.start(task, timer: timer) { outcome in
                    self.running.withLock { _ = $0.removeValue(forKey: id) }
                    continuation.resume(returning: outcome)
                }
                DispatchQueue.global().asyncAfter(deadline: .now() + deadline, execute: timer)
            }
        } onCancel: {
            transfer.stop(.cancelled)
        }
    }

    private func transfer(of task: URLSessionTask) -> Transfer? {
        running.withLock { $0[task.taskIdentifier] }
    }

    /// Never follows a redirect: the 3xx response itself is the answer (its status goes to
    /// the core, which answers -13), and nothing is sent to the `Location`.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let allowed = transfer(of: dataTask)?.receive(response) ?? false
        completionHandler(allowed ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        transfer(of: dataTask)?.receive(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        transfer(of: task)?.complete(task, error: error)
    }
}

/// One exchange in flight: the body received so far, never more than the cap, and why the
/// client stopped it, if it did. Every member is behind the lock; the task is cancelled and
/// `finish` called outside it.
private final class Transfer: @unchecked Sendable {
    /// Why the client stopped a transfer.
    enum Stop: Sendable {
        case bodyTooLarge
        case deadline
        case cancelled
    }

    private let lock = NSLock()
    private let maxBodyBytes: Int
    private var body = Data()
    private var response: HTTPURLResponse?
    private var stopped: Stop?
    private var finished = false
    private var task: URLSessionTask?
    private var timer: DispatchWorkItem?
    private var finish: ((Outcome) -> Void)?

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// Starts `task`, or, when the transfer was stopped before it began (a Task cancelled at
    /// once), finishes without starting it. `finish` is called exactly once.
    func start(_ task: URLSessionTask, timer: DispatchWorkItem, finish: @escaping (Outcome) -> Void) {
        lock.lock()
        if let stopped = stopped {
            finished = true
            lock.unlock()
            timer.cancel()
            task.cancel()  // never started; its completion finds no transfer
            finish(.stopped(stopped))
            return
        }
        self.task = task
        self.timer = timer
        self.finish = finish
        lock.unlock()
        task.resume()
    }

    /// Stops the transfer for `reason` (the first reason counts) and cancels its task, whose
    /// completion then finishes the transfer. No effect once it finished.
    func stop(_ reason: Stop) {
        lock.lock()
        guard !finished, stopped == nil else {
            lock.unlock()
            return
        }
        stopped = reason
        let task = self.task
        lock.unlock()
        task?.cancel()
    }

    /// The response's head: false (cancel) when the transfer is already stopped.
    func receive(_ response: URLResponse) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        self.response = response as? HTTPURLResponse
        return stopped == nil
    }

    /// A piece of the (decoded) body: kept while the total stays within the cap; the piece
    /// that would pass it is dropped and stops the transfer.
    func receive(_ data: Data) {
        lock.lock()
        guard stopped == nil, !finished else {
            lock.unlock()
            return
        }
        guard data.count <= maxBodyBytes - body.count else {
            lock.unlock()
            stop(.bodyTooLarge)
            return
        }
        body.append(data)
        lock.unlock()
    }

    /// The task ended: finishes with why the client stopped it, else URLSession's error, else
    /// the whole response.
    func complete(_ task: URLSessionTask, error: Error?) {
        lock.lock()
        guard !finished, let finish = finish else {
            lock.unlock()
            return
        }
        finished = true
        let outcome: Outcome
        if let stopped = stopped {
            outcome = .stopped(stopped)
        } else if let error = error {
            outcome = .failed(error)
        } else if let http = response ?? task.response as? HTTPURLResponse {
            outcome = .answered(
                status: http.statusCode, body: body,
                sessionHeader: http.value(forHTTPHeaderField: "X-Set-Monaca-Cloud-Session"))
        } else {
            outcome = .failed(URLError(.badServerResponse))  // no HTTP response: not for http(s)
        }
        body = Data()
        let timer = self.timer
        self.finish = nil
        self.timer = nil
        self.task = nil
        lock.unlock()
        timer?.cancel()
        finish(outcome)
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
