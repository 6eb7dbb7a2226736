import CMonacaCloudError
import Foundation

/// An error from Monaca Backend or from the exchange with it, as the Monaca cloud SDK reports
/// it: a `code`, an English `message`, and the optional `data` the server sent.
///
/// A plain value: the native handle is copied out in one call (`monaca_error_report_json`, the
/// core's report, decoded with `JSONDecoder`) and freed before the making function returns.
/// Values are therefore immutable, `Sendable`, and free to cross threads; no native memory
/// outlives the call that made them. Every field is the core's answer: this type computes none.
public struct MonacaCloudError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The validation messages of one invalid parameter (only for -32602 Invalid params).
    public struct Param: Equatable, Sendable {
        /// The parameter's name; nested parameters use a dotted path, e.g. "properties.age".
        public let name: String
        /// The messages for that parameter, in the order the server sent them.
        public let messages: [String]

        public init(name: String, messages: [String]) {
            self.name = name
            self.messages = messages
        }
    }

    /// The error code, e.g. -32602.
    public let code: Int64
    /// Where the code comes from.
    public let kind: MonacaErrorKind
    /// The symbolic name of a documented code ("INVALID_PARAMS"), nil for others.
    public let name: String?
    /// The core's one-line description, e.g. `Monaca error -32602 (INVALID_PARAMS): Invalid
    /// params`, with the detail in parentheses after it when there is one.
    public let description: String
    /// The server's (or the client's) message, always English free text.
    public let message: String
    /// Why a client error was made (e.g. the JSON parse error with line and column);
    /// nil for server errors.
    public let detail: String?
    /// The `data` member exactly as the server sent it (byte for byte), nil when absent.
    public let dataJSON: String?
    /// Per-parameter validation messages, in the server's order, a repeated name giving a
    /// repeated entry; empty unless the code is -32602 and `data` is an object.
    public let params: [Param]
    /// The core's report: every field in one JSON text (schema `MONACA_REPORT_SCHEMA`, see the
    /// repository's README, "The report"), the text this value was decoded from.
    public let reportJSON: String

    /// The JSON form, as the core wrote it.
    private let json: String

    /// The error as JSON, `{"code":..,"message":..,"data":..}`, with `data` exactly as sent
    /// (`{}` when absent, as the JavaScript SDK does), for `Monaca.cloud.Error`.
    public func toJSON() -> String {
        json
    }

    /// Every message for the parameter `name`, over all entries of that name in server order
    /// (a server may repeat a name). Names are compared byte for byte, as the core compares
    /// them, not by Swift's canonical equivalence: "é" and "e\u{301}" are two parameters.
    public func messages(for name: String) -> [String] {
        params.filter { $0.name.utf8.elementsEqual(name.utf8) }.flatMap(\.messages)
    }

    /// The first of `messages(for: name)`, nil when there is none.
    public func firstMessage(for name: String) -> String? {
        messages(for: name).first
    }

    /// Two errors are equal when their reports are the same bytes: same code, message, data,
    /// detail and params, with texts compared byte for byte.
    public static func == (lhs: MonacaCloudError, rhs: MonacaCloudError) -> Bool {
        lhs.reportJSON.utf8.elementsEqual(rhs.reportJSON.utf8)
    }

    /// Copies `handle` through its report. Borrows the handle: the caller still owns it and
    /// must free it (every caller does so with `defer`, or frees the response it came from).
    init(copying handle: OpaquePointer) {
        reportJSON = copyString(monaca_error_report_json(handle))
        let report = Report.decode(reportJSON)
        code = report.code
        guard let kind = MonacaErrorKind(symbol: report.kind) else {
            fatalError("MonacaCloudError: the library's report has an unknown kind: \(report.kind)")
        }
        self.kind = kind
        name = report.name
        description = report.description
        message = report.message
        detail = report.detail
        dataJSON = report.data
        params = report.params.map { Param(name: $0.name, messages: $0.messages) }
        json = report.json
    }

    /// Takes ownership of a handle: copies it out and frees it.
    private static func consume(_ handle: OpaquePointer) -> MonacaCloudError {
        defer { monaca_error_free(handle) }
        return MonacaCloudError(copying: handle)
    }
}

// MARK: - Making errors

extension MonacaCloudError {
    /// Classifies one HTTP exchange with Monaca Backend. Never throws: every body is an answer.
    ///
    /// - Parameters:
    ///   - httpStatus: the HTTP status, or 0 when no response arrived. Values outside Int32
    ///     are clamped (they are not success statuses either way).
    ///   - body: the response body bytes.
    /// - Returns: nil for a success (a `result` and no error), else the server's error, or a
    ///   client error: -12 "Invalid response" for an unusable body, -13 "Invalid status code"
    ///   for a status other than 200-299 and 304.
    ///
    /// Stops the process (`fatalError`) only if the core reports a caught panic, a library bug.
    public static func from(httpStatus: Int, body: Data) -> MonacaCloudError? {
        ensureABICompatible()
        var handle: OpaquePointer?
        let status = body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            // A NULL base address comes only with a count of 0, which the C ABI reads as an
            // empty body.
            monaca_error_from_response(
                Int32(clamping: httpStatus),
                bytes.bindMemory(to: UInt8.self).baseAddress,
                bytes.count,
                &handle
            )
        }
        // Every argument is valid here, so anything but OK is a panic inside the core: a bug,
        // not a property of the response. Trap with the core's own explanation.
        guard status == MONACA_STATUS_OK else {
            fatalError("MonacaCloudError: monaca_error_from_response failed: \(describe(status))")
        }
        guard let handle = handle else { return nil }  // a success response
        return consume(handle)
    }

    /// The error for a request that timed out: -11 "Connection timeout". Never throws.
    public static func timeout() -> MonacaCloudError {
        ensureABICompatible()
        guard let handle = monaca_error_timeout() else {
            fatalError("MonacaCloudError: monaca_error_timeout returned NULL")
        }
        return consume(handle)
    }

    /// The error for a response body over a client's cap: -12 "Invalid response", detail
    /// "the response body is larger than the limit of <limit> bytes" (`monaca_error_body_too_large`).
    /// A client that stops reading at its cap makes this error rather than reading the rest.
    /// Never throws.
    public static func bodyTooLarge(limit: UInt64) -> MonacaCloudError {
        ensureABICompatible()
        guard let handle = monaca_error_body_too_large(limit) else {
            fatalError("MonacaCloudError: monaca_error_body_too_large returned NULL")
        }
        return consume(handle)
    }

    /// Makes an error from its parts, e.g. to report a user-defined error (code >= 10000).
    ///
    /// - Parameter dataJSON: the `data` member as JSON text (one JSON value, whitespace around
    ///   it dropped), or nil for none.
    /// - Throws: `MonacaArgumentError` when the core refuses the input: `dataJSON` is not one
    ///   JSON value (a Swift `String` is always UTF-8, so `message` is never refused);
    ///   `MonacaStatusError` (`.panic`) if the core failed internally.
    public static func create(code: Int64, message: String, dataJSON: String? = nil) throws -> MonacaCloudError {
        ensureABICompatible()
        var handle: OpaquePointer?
        var why = CMonacaCloudError.MonacaArgumentError()
        let status = withUTF8Bytes(message) { (messagePointer, messageLength) -> MonacaStatus in
            guard let dataJSON = dataJSON else {
                return monaca_error_new_explained(code, messagePointer, messageLength, nil, 0, &handle, &why)
            }
            return withUTF8Bytes(dataJSON) { dataPointer, dataLength in
                monaca_error_new_explained(code, messagePointer, messageLength, dataPointer, dataLength, &handle, &why)
            }
        }
        switch (status, handle) {
        case (MONACA_STATUS_OK, let handle?):
            return consume(handle)
        case (MONACA_STATUS_NULL_ARGUMENT, _), (MONACA_STATUS_INVALID_ARGUMENT, _):
            throw MonacaArgumentError(why)
        default:
            throw MonacaStatusError(status)
        }
    }
}

// MARK: - The code catalogue

extension MonacaCloudError {
    /// The kind of any code.
    public static func kind(of code: Int64) -> MonacaErrorKind {
        ensureABICompatible()
        return MonacaErrorKind(cValue: Int(monaca_code_kind(code).rawValue))
    }

    /// The symbolic name of a documented code ("PERMISSION_DENIED" for both 14 and -14),
    /// nil for user-defined and unknown codes.
    public static func name(of code: Int64) -> String? {
        ensureABICompatible()
        return copyOptionalString(monaca_code_name(code))
    }

    /// A one-line English description of any code.
    public static func description(of code: Int64) -> String {
        ensureABICompatible()
        return copyString(monaca_code_description(code))
    }

    /// The version of the linked native library (the Rust crate's version).
    public static var libraryVersion: String {
        ensureABICompatible()
        return copyString(monaca_version())
    }
}

// MARK: - Documented codes

extension MonacaCloudError {
    /// The documented codes, generated from the library's catalogue (src/codes.rs).
    public enum Code {
        // BEGIN GENERATED CATALOGUE (tests/generated.rs; do not edit)
        /// -32700 PARSE_ERROR: The server could not parse the JSON it received.
        public static let parseError: Int64 = -32700
        /// -32603 INTERNAL_ERROR: Internal JSON-RPC error.
        public static let internalError: Int64 = -32603
        /// -32602 INVALID_PARAMS: Invalid method parameter(s).
        public static let invalidParams: Int64 = -32602
        /// -32601 METHOD_NOT_FOUND: The method does not exist or is not available.
        public static let methodNotFound: Int64 = -32601
        /// -32600 INVALID_REQUEST: The request is not a valid Request object.
        public static let invalidRequest: Int64 = -32600
        /// -14 PERMISSION_DENIED: Permission denied.
        public static let permissionDeniedNegative: Int64 = -14
        /// -13 INVALID_STATUS_CODE: The server sent an invalid HTTP status code.
        public static let invalidStatusCode: Int64 = -13
        /// -12 INVALID_RESPONSE: The server sent an invalid response.
        public static let invalidResponse: Int64 = -12
        /// -11 CONNECTION_TIMED_OUT: The server connection timed out.
        public static let connectionTimedOut: Int64 = -11
        /// 4 API_KEY_INVALID: Cloud API key or Cloud ID invalid.
        public static let apiKeyInvalid: Int64 = 4
        /// 10 SESSION_ID_INVALID: Session ID format invalid.
        public static let sessionIDInvalid: Int64 = 10
        /// 11 USER_LOGIN_REQUIRED: User login is required.
        public static let userLoginRequired: Int64 = 11
        /// 12 DEVICE_ID_REQUIRED: A device ID must be given.
        public static let deviceIDRequired: Int64 = 12
        /// 13 OPERATION_INVALID: Invalid operation.
        public static let operationInvalid: Int64 = 13
        /// 14 PERMISSION_DENIED: Permission denied.
        public static let permissionDenied: Int64 = 14
        /// 9999 CALL_LIMIT_EXCEEDED: Monthly API call limit exceeded.
        public static let callLimitExceeded: Int64 = 9999
        /// The smallest user-defined code: 10000 and above are the app's own.
        public static let userDefinedMin: Int64 = 10000
        // END GENERATED CATALOGUE
    }
}

// MARK: - Failures

/// The core refused an input: which argument, why and where (from the C `MonacaArgumentError`
/// that `monaca_error_new_explained`, `monaca_request_new`, `monaca_backend_url` and
/// `monaca_endpoint_url_check` fill). Thrown by `MonacaCloudError.create`,
/// `MonacaCloudRequest.url`, `.body` and `.checkURL`, and `MonacaCloudClient`'s inits and `call`.
public struct MonacaArgumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The Swift parameter at fault: `"dataJSON"` (`create`), `"method"`, `"paramsJSON"`
    /// (`body`, `call`), `"backendID"` (`url`, the client's init), `"url"` (`checkURL`, the
    /// client's init with an endpoint); also `"message"`,
    /// `"apiKey"`, `"deviceID"` and `"session"`, whose only refusal (not UTF-8) a Swift
    /// `String` cannot meet. Each face names its own parameter (C `data_json`, `params_json`,
    /// ...; Kotlin and JavaScript `dataJson`, `paramsJson`, ...).
    public let argument: String
    /// The reason alone, e.g. `"expected a JSON value"`.
    public let reason: String
    /// The byte offset of the fault in that argument's UTF-8 (0 when it has no place).
    public let offset: Int
    /// The 1-based line of a JSON fault; 0 otherwise.
    public let line: Int
    /// The 1-based column, in characters, of a JSON fault; 0 otherwise.
    public let column: Int
    /// The whole explanation, the text every face shows, e.g. `data is not valid JSON:
    /// expected a JSON value at line 1, column 3 (byte offset 2)`.
    public let explanation: String

    /// The explanation.
    public var description: String {
        explanation
    }

    init(_ why: CMonacaCloudError.MonacaArgumentError) {
        let cArgument = copyString(why.argument)
        argument = MonacaArgumentError.swiftNames[cArgument] ?? cArgument
        reason = copyCharArray(why.reason)
        offset = why.offset
        line = why.line
        column = why.column
        explanation = copyCharArray(why.explanation)
    }

    /// The C parameters' names (the core's) in Swift's spelling; the others are the same.
    private static let swiftNames = [
        "data_json": "dataJSON", "params_json": "paramsJSON", "api_key": "apiKey",
        "device_id": "deviceID", "backend_id": "backendID",
    ]
}

/// The core failed internally (a caught panic, a library bug) or answered a status this
/// wrapper does not know; never a refused input (that is `MonacaArgumentError`). Thrown only
/// by the functions that throw `MonacaArgumentError` (`create`, `MonacaCloudRequest`'s, the
/// client's); `from`, `timeout` and `MonacaCloudResponse`'s init stop the process instead.
public struct MonacaStatusError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Status: Equatable, Sendable {
        case panic
        /// A status this wrapper does not know (its raw value).
        case other(Int)
    }

    public let status: Status
    /// The core's description of the status.
    public let description: String

    init(_ status: CMonacaCloudError.MonacaStatus) {
        self.status = status == MONACA_STATUS_PANIC ? .panic : .other(Int(status.rawValue))
        description = describe(status)
    }
}

func describe(_ status: CMonacaCloudError.MonacaStatus) -> String {
    copyString(monaca_status_description(status))
}
