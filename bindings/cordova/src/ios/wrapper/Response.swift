import CMonacaCloudError
import Foundation

/// What one HTTP exchange with Monaca Backend gives, as the SDK reads it
/// (`monaca_response_from_exchange`): the result's JSON text or the error, the session to keep
/// and the `loginToken` of a login. A plain value: the members are copied out of the core's
/// response, which is freed before `init` returns.
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

    /// The session id to keep and send as the next call's `__session`: the header's value when
    /// the SDK would read it (a 200-299 or 304 status and a JSON body, errors included); nil
    /// otherwise (then keep the one you had).
    public let session: String?

    /// The `loginToken` of an object result (what `User.login` answers), nil otherwise.
    public let loginToken: String?

    /// The response in one JSON text, as the core writes it for bridges:
    /// `{"session":..,"loginToken":..,"result":<as sent>}` or
    /// `{"session":..,"loginToken":null,"error":<the error's reportJSON>}`. Written by the core
    /// on each read, from the exchange this value keeps (the body's `Data` is shared, not
    /// copied), so a response that is never reported never pays for a second copy of its result.
    public var reportJSON: String {
        exchange.read { response, body in
            copyString(monaca_response_report_json(response, body.baseAddress, body.count))
        }
    }

    /// Reads an exchange. Never throws: every body is an answer.
    ///
    /// - Parameters:
    ///   - httpStatus: the HTTP status, or 0 when no response arrived (values outside `Int32`
    ///     are clamped).
    ///   - body: the response body bytes.
    ///   - sessionHeader: the value of the `X-Set-Monaca-Cloud-Session` header, nil without one.
    ///
    /// Stops the process (`fatalError`) only if the core reports a caught panic, a library bug.
    public init(httpStatus: Int, body: Data, sessionHeader: String?) {
        exchange = Exchange(status: Int32(clamping: httpStatus), body: body, sessionHeader: sessionHeader)
        (outcome, session, loginToken) = exchange.read { response, body in
            var offset = 0
            var length = 0
            let outcome: Result<String, MonacaCloudError>
            if let error = monaca_response_error(response) {
                outcome = .failure(MonacaCloudError(copying: error))  // borrowed: freed with the response
            } else if monaca_response_result_range(response, &offset, &length) {
                // Read in place: the result is copied straight from the caller's body, once.
                outcome = .success(String(decoding: body[offset..<offset + length], as: UTF8.self))
            } else {
                // The body had to be decoded (UTF-16, or invalid UTF-8 in strings): the core's text.
                outcome = .success(copyString(monaca_response_result_json(response, body.baseAddress, body.count)))
            }
            return (
                outcome,
                copyOptionalString(monaca_response_session(response)),
                copyOptionalString(monaca_response_login_token(response, body.baseAddress, body.count))
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
    let status: Int32
    let body: Data
    let sessionHeader: String?

    /// Reads the exchange with the core and hands `use` the response and the body it was read
    /// from (the same buffer for every call: the core finds the result in it by address); the
    /// response is freed when `use` returns.
    func read<Value>(_ use: (OpaquePointer, UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        ensureABICompatible()
        return body.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            return withUTF8Texts([sessionHeader]) { header in
                var handle: OpaquePointer?
                let status = monaca_response_from_exchange(
                    self.status, bytes.baseAddress, bytes.count, header[0].pointer, header[0].length, &handle)
                // Every argument is valid here (a Swift String is UTF-8), so anything but OK is
                // a panic inside the core: a bug, not a property of the response.
                guard status == MONACA_STATUS_OK, let response = handle else {
                    fatalError("MonacaCloudResponse: monaca_response_from_exchange failed: \(describe(status))")
                }
                defer { monaca_response_free(response) }
                return use(response, bytes)
            }
        }
    }
}
