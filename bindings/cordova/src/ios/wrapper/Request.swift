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
/// `monaca_request_new`): POST `body(...)` to `url(backendID:)` with
/// `Content-Type: application/json`, then read the exchange with `MonacaCloudResponse`.
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
    /// "params":{<paramsJSON's members>,"__api_key":..,"__device":..,"__session":..},"id":..}`
    /// (no `__session` when `credentials.session` is nil).
    ///
    /// - Parameters:
    ///   - method: a dotted name such as `User.login` (ASCII letters, digits and `_`).
    ///   - paramsJSON: the JSON text of one object, or nil for `{}`; it may not hold
    ///     `__api_key`, `__device` or `__session`.
    /// - Throws: `MonacaArgumentError` (`argument` `"method"` or `"paramsJSON"`, with the
    ///   line and column of a JSON fault) when the core refuses the input.
    public static func body(
        method: String, paramsJSON: String? = nil, credentials: MonacaCloudCredentials, id: Int64 = 1
    ) throws -> String {
        let texts = [method, paramsJSON, credentials.apiKey, credentials.deviceID, credentials.session]
        return try withUTF8Texts(texts) { t in
            try makeText { text, why in
                monaca_request_new(
                    t[0].pointer, t[0].length, t[1].pointer, t[1].length, t[2].pointer, t[2].length,
                    t[3].pointer, t[3].length, t[4].pointer, t[4].length, id, &text, &why)
            }
        }
    }
}
