package dev.cloudrpc.monaca

/**
 * The family a Monaca Backend error code belongs to. Mirrors the C enum `MonacaErrorKind`
 * (same order, same numeric values, so [MonacaCloudError.kindOf] crosses JNI as a plain `int`)
 * and the report's `kind` strings (the same names).
 */
enum class MonacaErrorKind {
    /** A code outside every documented range. */
    UNKNOWN,
    /** A JSON-RPC 2.0 code: -32700, -32603, -32602, -32601, -32600. */
    JSON_RPC,
    /** An implementation-defined JSON-RPC server error, -32099 to -32000. */
    SERVER_DEFINED,
    /** Made on this side of the connection: -13, -12, -11. */
    CLIENT,
    /** A Monaca Cloud API code: 4, 10, 11, 12, 13, 14, -14, 9999. */
    CLOUD_API,
    /** 10000 and above: reserved for the app's own errors. */
    USER_DEFINED;

    internal companion object {
        private val byRaw = values()

        /** The kind for a C `MonacaErrorKind` value; a value this wrapper does not know is [UNKNOWN]. */
        fun fromRaw(raw: Int): MonacaErrorKind = if (raw in byRaw.indices) byRaw[raw] else UNKNOWN

        /** The kind named [name] in a report; a name this wrapper does not know is [UNKNOWN]. */
        fun fromName(name: String): MonacaErrorKind = byRaw.firstOrNull { it.name == name } ?: UNKNOWN
    }
}
