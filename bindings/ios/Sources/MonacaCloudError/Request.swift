import CMonacaCloudError
import Foundation

/// What every call to Monaca Backend carries besides its params (the SDK's `__api_key`,
/// `__device` and `__session`).
public struct MonacaCloudCredentials: Equatable, Sendable {
    /// The Cloud API key (`__api_key`).
    public var apiKey: String
    /// The device id (`__device`); every method needs one.
    public var deviceID: String
    /// The session id kept from an earlier response (`__session`), nil before there is one.
    public var session: String?

    public init(apiKey: String, deviceID: String, session: String? = nil) {
        self.apiKey = apiKey
        self.deviceID = deviceID
        self.session = session
    }
}

/// The request side of a Backend call, written by the core (`monaca_backend_url`,
/// `monaca_request_new`, `monaca_endpoint_url_check`): POST `body(...)` to `url(backendID:)`
/// (or to another endpoint that `checkURL` accepts) with `Content-Type: application/json`,
/// then read the exchange with `MonacaCloudResponse`.
public enum MonacaCloudRequest {
    /// The endpoint of a backend, `https://cloud.monaca.mobi/json-rpc/<backendID>`.
    ///
    /// - Throws: `MonacaArgumentError` (`argument` `"backendID"`) for an empty id or one with
    ///   a character other than ASCII letters, digits, `-` and `_`.
    public static func url(backendID: String) throws -> String {
        try withUTF8Bytes(backendID) { pointer, length in
            try makeText { text, why in monaca_backend_url(pointer, length, &text, &why) }
        }
    }

    /// The JSON-RPC 2.0 body of a call, as the SDK writes it: `{"jsonrpc":"2.0","method":..,
    /// "params":{<paramsJSON's members>,"__api_key":..,"__device":..,"__session":..},"id":"1"}`
    /// (no `__session` when `credentials.session` is nil; the id is always the string `"1"`,
    /// as the SDK sends it).
    ///
    /// - Parameters:
    ///   - method: a dotted name such as `User.login` (ASCII letters, digits and `_`).
    ///   - paramsJSON: the JSON text of one object, or nil for `{}`; it may not hold
    ///     `__api_key`, `__device` or `__session`.
    /// - Throws: `MonacaArgumentError` (`argument` `"method"` or `"paramsJSON"`, with the
    ///   line and column of a JSON fault) when the core refuses the input.
    public static func body(
        method: String, paramsJSON: String? = nil, credentials: MonacaCloudCredentials
    ) throws -> String {
        let texts = [method, paramsJSON, credentials.apiKey, credentials.deviceID, credentials.session]
        return try withUTF8Texts(texts) { t in
            try makeText { text, why in
                monaca_request_new(
                    t[0].pointer, t[0].length, t[1].pointer, t[1].length, t[2].pointer, t[2].length,
                    t[3].pointer, t[3].length, t[4].pointer, t[4].length, &text, &why)
            }
        }
    }

    /// Checks an endpoint URL with the core's rule before anything connects to it: `https://`
    /// any host, `http://` only to a loopback host (`localhost`, `127.x.y.z`, `[::1]`), the
    /// scheme compared case-insensitively (`monaca_endpoint_url_check`).
    ///
    /// - Throws: `MonacaArgumentError` (`argument` `"url"`) for any other URL: `http://` to
    ///   another host, `file:`, `ftp:`, no scheme, an empty text.
    public static func checkURL(_ url: String) throws {
        ensureABICompatible()
        var why = CMonacaCloudError.MonacaArgumentError()
        let status = withUTF8Bytes(url) { pointer, length in monaca_endpoint_url_check(pointer, length, &why) }
        switch status {
        case MONACA_STATUS_OK:
            return
        case MONACA_STATUS_NULL_ARGUMENT, MONACA_STATUS_INVALID_ARGUMENT:
            throw MonacaArgumentError(why)
        default:
            throw MonacaStatusError(status)
        }
    }
}
