package dev.cloudrpc.monaca

import java.util.Collections

/**
 * An error from Monaca Backend (a JSON-RPC 2.0 error) or from talking to it, as the
 * JavaScript SDK's `Monaca.cloud.Error` models it: a [code], a [message] and optional `data`.
 *
 * Instances come from the companion ([fromResponse], [timeout], [bodyTooLarge], [create]). Each one is made by
 * one call into the native library, which hands back the core's report (every field in one
 * JSON text, UTF-8) and frees its handle before returning; the wrapper decodes the report. So
 * an instance holds only Java objects and needs no closing, and every value in it is the
 * core's: the wrapper re-implements no rule.
 *
 * Immutable and safe to share between threads: every property is final, [params] and its
 * lists are unmodifiable, the cause is fixed to none ([initCause] throws), suppression is
 * disabled ([addSuppressed] does nothing) and there is no stack trace ([setStackTrace] does
 * nothing). An error made from a response describes the server's answer, not a place in
 * your code; wrap it (`IOException("sign-in failed", error)`) when you want a stack trace.
 * [equals] and [hashCode] compare [code], [message], [detail] and [dataJson] (every other
 * field follows from them).
 */
class MonacaCloudError private constructor(
    /** The error code as sent (any int64), or -11/-12/-13 for errors made on this side. */
    val code: Long,
    /** The family of [code]. */
    val kind: MonacaErrorKind,
    /** The symbolic name of [code] (`"INVALID_PARAMS"`), or null for user-defined and unknown codes. */
    val name: String?,
    /**
     * The core's one-line description, also [toString]: `Monaca error -32602 (INVALID_PARAMS):
     * Invalid params`, with the detail in parentheses after it when there is one.
     */
    val description: String,
    /** The server's message (free English text), or this library's for a client error. */
    override val message: String,
    /** For client errors (-12, -13), why the response was refused; null for every other error. */
    val detail: String?,
    /** The server's `data` member, byte-for-byte as sent; null when it sent none. */
    val dataJson: String?,
    /**
     * Validation messages of -32602 (Invalid params) whose `data` is an object, one entry per
     * member in server order (a repeated name gives a repeated entry; a nested object gives
     * dotted names, `"properties.age"`); empty for every other error. Unmodifiable.
     */
    val params: List<MonacaParam>,
    private val json: String,
    /** The core's report: every field above in one JSON text (schema 1, README "The report"). */
    val reportJson: String
) : RuntimeException(message, null, false, false) {

    /** Every message for the parameter [name], over all its entries in server order; empty when none. */
    fun messagesFor(name: String): List<String> {
        val messages = ArrayList<String>()
        for (param in params) if (param.name == name) messages.addAll(param.messages)
        return Collections.unmodifiableList(messages)
    }

    /** The first message for the parameter [name] (over all its entries), or null when it has none. */
    fun firstMessageFor(name: String): String? {
        for (param in params) if (param.name == name && param.messages.isNotEmpty()) return param.messages[0]
        return null
    }

    /**
     * The SDK's JSON form, `{"code":..,"message":..,"data":..}`, with `data` exactly as sent
     * (`{}` when absent, as the SDK does for client errors). Made by the native library.
     */
    fun toJson(): String = json

    /** The core's [description]. */
    override fun toString(): String = description

    override fun equals(other: Any?): Boolean =
        this === other || (other is MonacaCloudError && code == other.code && message == other.message &&
            detail == other.detail && dataJson == other.dataJson)

    override fun hashCode(): Int = listOf<Any?>(code, message, detail, dataJson).hashCode()

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
            MonacaNative.loaded().fromResponse(httpStatus, body)?.let(::fromReport)

        /** -11 "Connection timeout": for the caller to report when its request timed out. */
        @JvmStatic
        fun timeout(): MonacaCloudError = fromReport(MonacaNative.loaded().timeout())

        /**
         * -12 for a response body longer than [limit] bytes, the cap of a client that stopped
         * reading it ([MonacaCloudClient.maxBodyBytes]): [detail] "the response body is larger
         * than the limit of N bytes" (`monaca_error_body_too_large`).
         *
         * @throws IllegalArgumentException when [limit] is negative.
         */
        @JvmStatic
        fun bodyTooLarge(limit: Long): MonacaCloudError {
            require(limit >= 0) { "limit is negative: $limit" }
            return fromReport(MonacaNative.loaded().bodyTooLarge(limit))
        }

        /**
         * An error with any [code] and [message], and [dataJson] (null for none) as its `data`,
         * kept as given (without the whitespace around it). The kind, name and params follow
         * from [code] and [dataJson] exactly as for a server error.
         *
         * @throws MonacaArgumentException when [dataJson] is not one valid JSON value, or when
         *   [message] or [dataJson] holds an unpaired surrogate (it has no UTF-8 form); it
         *   carries the core's argument, reason, position and explanation.
         */
        @JvmStatic
        @JvmOverloads
        fun create(code: Long, message: String, dataJson: String? = null): MonacaCloudError {
            val native = MonacaNative.loaded()
            return fromReport(native.create(code, MonacaNative.generalizedUtf8(message),
                dataJson?.let(MonacaNative::generalizedUtf8)))
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

        /**
         * The error a report describes ([report]: its UTF-8 bytes, as the shim hands them over).
         * A report that does not follow schema 1 is a bug on the native side: IllegalStateException.
         */
        internal fun fromReport(report: ByteArray): MonacaCloudError = fromReport(ReportJson.reportText(report))

        /** The error the report [text] describes (also the `error` member of a response report). */
        internal fun fromReport(text: String): MonacaCloudError {
            val members = ReportJson.reportObject(text)
            val params = ReportJson.member<List<*>>(members, "params").map { entry ->
                val param = entry as? Map<*, *> ?: ReportJson.malformed("params", entry)
                val messages = ReportJson.member<List<*>>(param, "messages").map {
                    it as? String ?: ReportJson.malformed("messages", it)
                }
                MonacaParam(ReportJson.member(param, "name"), Collections.unmodifiableList(messages))
            }
            return MonacaCloudError(
                code = ReportJson.member(members, "code"),
                kind = MonacaErrorKind.fromName(ReportJson.member(members, "kind")),
                name = ReportJson.optional(members, "name"),
                description = ReportJson.member(members, "description"),
                message = ReportJson.member(members, "message"),
                detail = ReportJson.optional(members, "detail"),
                dataJson = ReportJson.optional(members, "data"),
                params = Collections.unmodifiableList(params),
                json = ReportJson.member(members, "json"),
                reportJson = text
            )
        }
    }
}
