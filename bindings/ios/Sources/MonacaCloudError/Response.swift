import CMonacaCloudError
import Foundation

/// What one HTTP exchange with Monaca Backend gives, as the SDK reads it
/// (`monaca_response_from_exchange`): the result's JSON text or the error, what to do with the
/// session (keep a new one, or forget it after a logout) and the `loginToken` of a login. A
/// plain value: the members are copied out of the core's response, which is freed before
/// `init` returns.
///
/// A client's whole session rule, decided by the core:
///
/// ```swift
/// if response.endsSession { session = nil; loginToken = nil } else {
///     if let kept = response.session { session = kept }
///     if let token = response.loginToken { loginToken = token }
/// }
/// ```
public struct MonacaCloudResponse: Sendable {
    private let exchange: Exchange
    private let outcome: Result<String, MonacaCloudError>

    /// The result's JSON text exactly as sent (decoded when the body was UTF-16), nil for a
    /// failure.
    public var resultJSON: String? {
        try? outcome.get()
    }

    /// The error (the same `MonacaCloudError.from(httpStatus:body:)` gives), nil for a success.
    public var error: MonacaCloudError? {
        guard case .failure(let error) = outcome else { return nil }
        return error
    }

    /// The session id to keep and send as the next call's `__session`: the header's value,
    /// SP and HTAB trimmed at both ends, whenever the status is 200-299 or 304, whatever the
    /// body (a 204 without one, a body that is not JSON, an error: all keep the header). Nil
    /// otherwise: no header, another status, an empty or blank value, a value holding a
    /// control character (CR, LF, NUL, ...), and after a logout (`endsSession`). Nil means
    /// "keep the session you had" unless `endsSession` is true.
    public let session: String?

    /// True after a successful `User.logout` or `User.unregister` (the `method` given to
    /// `init`): forget the session and the login token. Then `session` and `loginToken` are
    /// nil, even when the response set a header.
    public let endsSession: Bool

    /// The last `loginToken` member of an object result (what `User.login` answers): a string
    /// decoded, a number as JavaScript writes it (`42` -> `"42"`), `true`/`false` as text; nil
    /// for none, for `null`, an object or an array, for a failure and when `endsSession`.
    public let loginToken: String?

    /// The response in one JSON text, as the core writes it for bridges:
    /// `{"session":..,"endsSession":..,"loginToken":..,"result":<as sent>}` or
    /// `{"session":..,"endsSession":false,"loginToken":null,"error":<the error's reportJSON>}`.
    /// Written by the core on each read, from the exchange this value keeps (the body's `Data`
    /// is shared, not copied), so a response that is never reported never holds a second copy
    /// of its result.
    public var reportJSON: String {
        exchange.read { response in copyString(monaca_response_report_json(response)) }
    }

    /// Reads an exchange. Never throws: every body is an answer.
    ///
    /// - Parameters:
    ///   - method: the method that was called (`"User.logout"`, ...), on which the session
    ///     rule depends; nil when unknown (then the response never ends the session).
    ///   - httpStatus: the HTTP status, or 0 when no response arrived (values outside `Int32`
    ///     are clamped).
    ///   - body: the response body bytes.
    ///   - sessionHeader: the value of the `X-Set-Monaca-Cloud-Session` header, nil without
    ///     one; repeated headers combined as HTTP combines them (the values in order, joined
    ///     by `", "`), which is what `HTTPURLResponse.value(forHTTPHeaderField:)` gives.
    ///
    /// Stops the process (`fatalError`) only if the core reports a caught panic, a library bug.
    public init(method: String?, httpStatus: Int, body: Data, sessionHeader: String?) {
        exchange = Exchange(
            method: method, status: Int32(clamping: httpStatus), body: body, sessionHeader: sessionHeader)
        (outcome, session, endsSession, loginToken) = exchange.read { response in
            let outcome: Result<String, MonacaCloudError>
            if let error = monaca_response_error(response) {
                outcome = .failure(MonacaCloudError(copying: error))  // borrowed: freed with the response
            } else {
                // The core's copy of the result (decoded if the body was UTF-16).
                outcome = .success(copyString(monaca_response_result_json(response)))
            }
            return (
                outcome,
                copyOptionalString(monaca_response_session(response)),
                monaca_response_ends_session(response),
                copyOptionalString(monaca_response_login_token(response))
            )
        }
    }

    /// The result's JSON text; throws the error (`MonacaCloudError`) for a failure.
    public func get() throws -> String {
        try outcome.get()
    }
}

/// One exchange, as given to `MonacaCloudResponse.init`.
private struct Exchange: Sendable {
    let method: String?
    let status: Int32
    let body: Data
    let sessionHeader: String?

    /// Reads the exchange with the core and hands `use` the response, which is freed when
    /// `use` returns.
    func read<Value>(_ use: (OpaquePointer) -> Value) -> Value {
        ensureABICompatible()
        return body.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            return withUTF8Texts([method, sessionHeader]) { texts in
                var handle: OpaquePointer?
                let status = monaca_response_from_exchange(
                    texts[0].pointer, texts[0].length, self.status, bytes.baseAddress, bytes.count,
                    texts[1].pointer, texts[1].length, &handle)
                // Every argument is valid here (a Swift String is UTF-8), so anything but OK is
                // a panic inside the core: a bug, not a property of the response.
                guard status == MONACA_STATUS_OK, let response = handle else {
                    fatalError("MonacaCloudResponse: monaca_response_from_exchange failed: \(describe(status))")
                }
                defer { monaca_response_free(response) }
                return use(response)
            }
        }
    }
}
