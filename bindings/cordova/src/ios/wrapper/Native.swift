import CMonacaCloudError
import Foundation

// Small helpers around the C ABI. Everything here is internal: the public API never exposes
// a handle or a borrowed pointer.

/// Checked once per process, lazily and thread-safely (Swift runs a global's initialiser once,
/// under the hood with `swift_once`). A header and a library from different releases could
/// disagree about struct layouts and enum values, so a mismatch stops the process at once.
private let abiVersionChecked: Void = {
    let library = monaca_abi_version()
    let header = UInt32(MONACA_ABI_VERSION)
    // fatalError rather than precondition: it traps in every build configuration.
    if library != header {
        fatalError(
            "MonacaCloudError: the linked monaca_cloud_error library has C ABI version \(library), "
                + "but this wrapper was compiled against header version \(header). "
                + "Rebuild the static library (or XCFramework) and the wrapper from the same release."
        )
    }
}()

/// Call before the first use of any C function.
@inline(__always)
func ensureABICompatible() {
    _ = abiVersionChecked
}

/// Copies a borrowed `MonacaStr` into a Swift `String`, using its byte length: embedded NUL
/// bytes, emoji and any other UTF-8 stay intact. The copy owns its storage, so it stays valid
/// after the handle the bytes were borrowed from is freed.
func copyString(_ str: MonacaStr) -> String {
    guard str.len > 0, let bytes = str.ptr else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: bytes, count: str.len), as: UTF8.self)
}

/// Copies a NUL-terminated UTF-8 text out of a fixed-size C `char` array (imported as a
/// tuple), never reading past the array even if it held no NUL.
func copyCharArray<CharArray>(_ array: CharArray) -> String {
    withUnsafeBytes(of: array) { bytes in
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}

/// Like `copyString`, but the C ABI's "" (meaning "none") becomes `nil`.
func copyOptionalString(_ str: MonacaStr) -> String? {
    let value = copyString(str)
    return value.isEmpty ? nil : value
}

/// Hands `text` to `body` as a pointer and a byte length. The pointer is never NULL (even for
/// ""), so the C side never mistakes an empty text for an absent one, and embedded NUL bytes
/// are passed along because the length, not the terminator, delimits the text. The pointer is
/// valid only inside `body`.
func withUTF8Bytes<Result>(
    _ text: String,
    _ body: (UnsafePointer<CChar>, Int) throws -> Result
) rethrows -> Result {
    let length = text.utf8.count
    return try text.withCString { pointer in try body(pointer, length) }
}

/// Hands each text to `body` as a pointer and a byte length, or NULL and 0 for a nil text, all
/// from one NUL-separated copy that lives while `body` runs (so five texts need no five nested
/// closures). A present text never gets a NULL pointer, even "".
func withUTF8Texts<Result>(
    _ texts: [String?],
    _ body: ([(pointer: UnsafePointer<CChar>?, length: Int)]) throws -> Result
) rethrows -> Result {
    var buffer: [CChar] = []
    var spans: [(start: Int, length: Int)?] = []
    for text in texts {
        guard let text = text else {
            spans.append(nil)
            continue
        }
        spans.append((buffer.count, text.utf8.count))
        buffer.append(contentsOf: text.utf8.map { CChar(bitPattern: $0) })
        buffer.append(0)
    }
    return try buffer.withUnsafeBufferPointer { bytes in
        try body(spans.map { span in
            guard let span = span, let base = bytes.baseAddress else { return (nil, 0) }
            return (base + span.start, span.length)
        })
    }
}

/// Runs a C function that makes a `MonacaText` (`monaca_request_new`, `monaca_backend_url`)
/// and returns a copy of the text, freeing it. Throws `MonacaArgumentError` when the core
/// refused an argument, `MonacaStatusError` if it failed internally.
func makeText(
    _ make: (inout OpaquePointer?, inout CMonacaCloudError.MonacaArgumentError) -> MonacaStatus
) throws -> String {
    ensureABICompatible()
    var text: OpaquePointer?
    var why = CMonacaCloudError.MonacaArgumentError()
    let status = make(&text, &why)
    switch (status, text) {
    case (MONACA_STATUS_OK, let text?):
        defer { monaca_text_free(text) }
        return copyString(monaca_text_str(text))
    case (MONACA_STATUS_NULL_ARGUMENT, _), (MONACA_STATUS_INVALID_ARGUMENT, _):
        throw MonacaArgumentError(why)
    default:
        throw MonacaStatusError(status)
    }
}
