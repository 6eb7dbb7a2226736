import CMonacaCloudError
import Foundation

/// Where an error code comes from. Mirrors the C enum `MonacaErrorKind` (same raw values) and
/// the Kotlin wrapper's `MonacaErrorKind`.
public enum MonacaErrorKind: Int, Sendable, CaseIterable, CustomStringConvertible {
    /// Any code the error model does not document.
    case unknown = 0
    /// A JSON-RPC 2.0 error: -32700, -32603, -32602, -32601, -32600.
    case jsonRPC = 1
    /// An implementation-defined JSON-RPC server error: -32099 to -32000.
    case serverDefined = 2
    /// Made on the device: -13 (invalid status code), -12 (invalid response), -11 (timeout).
    case client = 3
    /// A Monaca Cloud API error: 4, 10, 11, 12, 13, 14, -14, 9999.
    case cloudAPI = 4
    /// Reserved for user-defined server code: 10000 and above.
    case userDefined = 5

    /// Maps the C enum's numeric value; values this wrapper does not know become `.unknown`
    /// (the ABI version check makes that a "cannot happen").
    init(cValue: Int) {
        self = MonacaErrorKind(rawValue: cValue) ?? .unknown
    }

    /// The kind whose `symbol` is `symbol`, nil for none.
    init?(symbol: String) {
        guard let kind = MonacaErrorKind.allCases.first(where: { $0.symbol == symbol }) else { return nil }
        self = kind
    }

    /// The core's symbol for the kind, as the report, the Kotlin enum and JavaScript spell it:
    /// `UNKNOWN`, `JSON_RPC`, `SERVER_DEFINED`, `CLIENT`, `CLOUD_API`, `USER_DEFINED`.
    public var symbol: String {
        switch self {
        case .unknown: return "UNKNOWN"
        case .jsonRPC: return "JSON_RPC"
        case .serverDefined: return "SERVER_DEFINED"
        case .client: return "CLIENT"
        case .cloudAPI: return "CLOUD_API"
        case .userDefined: return "USER_DEFINED"
        }
    }

    public var description: String {
        switch self {
        case .unknown: return "unknown"
        case .jsonRPC: return "JSON-RPC"
        case .serverDefined: return "server-defined"
        case .client: return "client"
        case .cloudAPI: return "Cloud API"
        case .userDefined: return "user-defined"
        }
    }
}
