package dev.cloudrpc.monaca

/**
 * Why [MonacaCloudError.create], [MonacaCloudRequest.body] or [MonacaCloudRequest.url] (and so
 * [MonacaCloudClient]) refused an argument, as the core explains it; the [message] is the
 * core's [explanation], for example `data is not valid JSON: expected a JSON value at line 1,
 * column 4 (byte offset 3)` or `method is not a method name: empty (byte offset 0)`.
 *
 * A Kotlin string cannot hold invalid UTF-8, but it can hold an unpaired surrogate, which has
 * no UTF-8 form: it is handed to the core as its generalised UTF-8 (three bytes, `ED A0 80` for
 * U+D800), which the core refuses as invalid UTF-8 at that byte.
 */
class MonacaArgumentException internal constructor(
    /**
     * The argument at fault, the Kotlin parameter's name: `"message"` or `"dataJson"` (create),
     * `"method"`, `"paramsJson"`, `"apiKey"`, `"deviceId"` or `"session"` (body), `"backendId"` (url).
     */
    val argument: String,
    /**
     * The reason alone: `"invalid UTF-8"`, the JSON reason (`"expected a JSON value"`, ...) or
     * the rule broken (`"empty"`, `"not a JSON object"`, ...).
     */
    val reason: String,
    /** The byte offset of the fault in the argument's UTF-8 (0 when it has no place). */
    val offset: Long,
    /** The 1-based line of a JSON fault in `dataJson` or `paramsJson`; 0 otherwise. */
    val line: Long,
    /** The 1-based column (in characters) of a JSON fault in `dataJson` or `paramsJson`; 0 otherwise. */
    val column: Long,
    /** The whole explanation, the same text every face shows; also the [message]. */
    val explanation: String
) : IllegalArgumentException(explanation)
