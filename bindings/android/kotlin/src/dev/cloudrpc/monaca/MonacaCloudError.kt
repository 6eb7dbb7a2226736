package dev.cloudrpc.monaca

/**
 * An error from Monaca Backend (a JSON-RPC 2.0 error) or from talking to it, as the
 * JavaScript SDK's `Monaca.cloud.Error` models it: a [code], a [message] and optional `data`.
 *
 * Instances come from the companion ([fromResponse], [timeout], [create]); each one is built
 * by a single call into the native library, which frees its own handle before returning, so
 * an instance holds only Java objects and needs no closing.
 *
 * Immutable and safe to share between threads: every property is final, [params] and its
 * lists are unmodifiable, the cause is fixed to none ([initCause] throws), suppression is
 * disabled ([addSuppressed] does nothing) and there is no stack trace ([setStackTrace] does
 * nothing). An error made from a response describes the server's answer, not a place in
 * your code; wrap it (`IOException("sign-in failed", error)`) when you want a stack trace.
 * [equals] and [hashCode] compare the values, not the identity.
 */
class MonacaCloudError internal constructor(
    /** The error code as sent (any int64), or -11/-12/-13 for errors made on this side. */
    val code: Long,
    /** The server's message (free English text), or this library's for a client error. */
    override val message: String,
    /** The family of [code]. */
    val kind: MonacaErrorKind,
    /** The symbolic name of [code] (`"INVALID_PARAMS"`), or null for user-defined and unknown codes. */
    val name: String?,
    /** For client errors (-12, -13), why the response was refused; null for every other error. */
    val detail: String?,
    /** The server's `data` member, byte-for-byte as sent; null when it sent none. */
    val dataJson: String?,
    /**
     * Validation messages per parameter, for -32602 (Invalid params) whose `data` is an object;
     * empty for every other error. Ordered as the server sent the parameters. A nested object
     * gives dotted names (`"properties.age"`). A name that occurs more than once keeps its first
     * position and gets the messages of every occurrence, in order.
     */
    val params: Map<String, List<String>>,
    private val json: String
) : RuntimeException(message, null, false, false) {

    /** The first validation message for [param], or null when it has none. */
    fun firstMessageFor(param: String): String? = params[param]?.firstOrNull()

    /**
     * The SDK's JSON form, `{"code":..,"message":..,"data":..}`, with `data` exactly as sent
     * (`{}` when absent, as the SDK does for client errors). Made by the native library.
     */
    fun toJson(): String = json

    override fun toString(): String {
        val label = if (name != null) "$code $name" else code.toString()
        val why = if (detail != null) " ($detail)" else ""
        return "${javaClass.name}: [$label] $message$why"
    }

    override fun equals(other: Any?): Boolean =
        this === other || (other is MonacaCloudError && code == other.code && message == other.message &&
            kind == other.kind && name == other.name && detail == other.detail &&
            dataJson == other.dataJson && params == other.params)

    override fun hashCode(): Int =
        listOf<Any?>(code, message, kind, name, detail, dataJson, params).hashCode()

    companion object {
        // BEGIN GENERATED CATALOGUE (tests/generated.rs; do not edit)
        /** -32700 PARSE_ERROR: The server could not parse the JSON it received. */
        const val PARSE_ERROR: Long = -32700L
        /** -32603 INTERNAL_ERROR: Internal JSON-RPC error. */
        const val INTERNAL_ERROR: Long = -32603L
        /** -32602 INVALID_PARAMS: Invalid method parameter(s). */
        const val INVALID_PARAMS: Long = -32602L
        /** -32601 METHOD_NOT_FOUND: The method does not exist or is not available. */
        const val METHOD_NOT_FOUND: Long = -32601L
        /** -32600 INVALID_REQUEST: The request is not a valid Request object. */
        const val INVALID_REQUEST: Long = -32600L
        /** -14 PERMISSION_DENIED: Permission denied. */
        const val PERMISSION_DENIED_NEGATIVE: Long = -14L
        /** -13 INVALID_STATUS_CODE: The server sent an invalid HTTP status code. */
        const val INVALID_STATUS_CODE: Long = -13L
        /** -12 INVALID_RESPONSE: The server sent an invalid response. */
        const val INVALID_RESPONSE: Long = -12L
        /** -11 CONNECTION_TIMED_OUT: The server connection timed out. */
        const val CONNECTION_TIMED_OUT: Long = -11L
        /** 4 API_KEY_INVALID: Cloud API key or Cloud ID invalid. */
        const val API_KEY_INVALID: Long = 4L
        /** 10 SESSION_ID_INVALID: Session ID format invalid. */
        const val SESSION_ID_INVALID: Long = 10L
        /** 11 USER_LOGIN_REQUIRED: User login is required. */
        const val USER_LOGIN_REQUIRED: Long = 11L
        /** 12 DEVICE_ID_REQUIRED: A device ID must be given. */
        const val DEVICE_ID_REQUIRED: Long = 12L
        /** 13 OPERATION_INVALID: Invalid operation. */
        const val OPERATION_INVALID: Long = 13L
        /** 14 PERMISSION_DENIED: Permission denied. */
        const val PERMISSION_DENIED: Long = 14L
        /** 9999 CALL_LIMIT_EXCEEDED: Monthly API call limit exceeded. */
        const val CALL_LIMIT_EXCEEDED: Long = 9999L
        /** The smallest user-defined code: 10000 and above are the app's own. */
        const val USER_DEFINED_MIN: Long = 10000L
        // END GENERATED CATALOGUE

        /**
         * Classifies one HTTP exchange with Monaca Backend: [httpStatus] (0 when no response
         * arrived) and the raw [body] bytes. Returns null for a success response, otherwise the
         * error: the server's, or -12 (a 2xx/304 body that is not a valid JSON-RPC response) or
         * -13 (any other status), both with a [detail]. [body] is only read.
         */
        @JvmStatic
        fun fromResponse(httpStatus: Int, body: ByteArray): MonacaCloudError? =
            MonacaNative.loaded().fromResponse(httpStatus, body)

        /** -11 "Connection timeout": for the caller to report when its request timed out. */
        @JvmStatic
        fun timeout(): MonacaCloudError = MonacaNative.loaded().timeout()

        /**
         * An error with any [code] and [message], and [dataJson] (null for none) as its `data`,
         * kept as given. The kind, name and params follow from [code] and [dataJson] exactly as
         * for a server error.
         *
         * @throws IllegalArgumentException when [dataJson] is not one valid JSON value, or when
         *   [message] or [dataJson] holds an unpaired surrogate (it has no UTF-8 form).
         */
        @JvmStatic
        @JvmOverloads
        fun create(code: Long, message: String, dataJson: String? = null): MonacaCloudError {
            val native = MonacaNative.loaded()
            val messageBytes = MonacaNative.utf8Strict(message, "message")
            val dataBytes = dataJson?.let { MonacaNative.utf8Strict(it, "dataJson") }
            return native.create(code, messageBytes, dataBytes)
                ?: throw IllegalArgumentException("dataJson is not a valid JSON value")
        }

        /** The family of [code]. */
        @JvmStatic
        fun kindOf(code: Long): MonacaErrorKind = MonacaErrorKind.fromRaw(MonacaNative.loaded().codeKind(code))

        /** The symbolic name of [code] (`"INVALID_PARAMS"`), or null when it has none. */
        @JvmStatic
        fun nameOf(code: Long): String? {
            val bytes = MonacaNative.loaded().codeName(code)
            return if (bytes.isEmpty()) null else MonacaNative.utf8(bytes)
        }

        /** A one-line English description of [code] (also for unknown codes). */
        @JvmStatic
        fun descriptionOf(code: Long): String = MonacaNative.utf8(MonacaNative.loaded().codeDescription(code))

        /** The version of the native library (the Rust crate's version). */
        @JvmStatic
        fun nativeVersion(): String = MonacaNative.utf8(MonacaNative.loaded().version())
    }
}
