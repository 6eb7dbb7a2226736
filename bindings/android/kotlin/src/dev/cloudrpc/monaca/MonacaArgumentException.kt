package dev.cloudrpc.monaca

/**
 * Why [MonacaCloudError.create] refused its arguments, as the core explains it
 * (`monaca_error_new_explained`); the [message] is the core's [explanation], for example
 * `data is not valid JSON: expected a JSON value at line 1, column 4 (byte offset 3)`.
 *
 * A Kotlin string cannot hold invalid UTF-8, but it can hold an unpaired surrogate, which has
 * no UTF-8 form: `create` hands it to the core as its generalised UTF-8 (three bytes, `ED A0
 * 80` for U+D800), which the core refuses as invalid UTF-8 at that byte.
 */
class MonacaArgumentException internal constructor(
    /** The argument at fault: `"message"` or `"dataJson"`. */
    val argument: String,
    /** The reason alone: `"invalid UTF-8"` or the JSON reason (`"expected a JSON value"`, ...). */
    val reason: String,
    /** The byte offset of the fault in the argument's UTF-8 (0 when it has no place). */
    val offset: Long,
    /** The 1-based line of a JSON fault in `dataJson`; 0 otherwise. */
    val line: Long,
    /** The 1-based column (in characters) of a JSON fault in `dataJson`; 0 otherwise. */
    val column: Long,
    /** The whole explanation, the same text every face shows; also the [message]. */
    val explanation: String
) : IllegalArgumentException(explanation)
