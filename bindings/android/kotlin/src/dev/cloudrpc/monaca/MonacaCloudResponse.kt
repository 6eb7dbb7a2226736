package dev.cloudrpc.monaca

/**
 * The answer to one HTTP exchange with Monaca Backend, as the core reads it
 * (`monaca_response_from_exchange`): a result ([resultJson]) or an [error], the [session] to
 * keep and send back as `__session`, and the result's [loginToken].
 *
 * Made by one call into the native library, which hands back the core's response report
 * ([reportJson]) and frees its handle; this object is decoded from that report, so it holds
 * only Java objects, needs no closing, and is immutable and safe to share between threads.
 */
class MonacaCloudResponse private constructor(
    /** The result's JSON text exactly as the server sent it, for a success; null for a failure. */
    val resultJson: String?,
    /** The error, for a failure (the same [MonacaCloudError.fromResponse] gives); null for a success. */
    val error: MonacaCloudError?,
    /**
     * The session id to keep and send as the next call's `__session`: the header's value,
     * trimmed of spaces and tabs, on every 200-299 or 304 status whatever the body (as the SDK
     * keeps it); null when there is none to keep (no header, a blank one, one with a control
     * character, another status): the caller keeps the session it had, unless [endsSession].
     */
    val session: String?,
    /**
     * Whether the response ends the session: a successful `User.logout` or `User.unregister`.
     * The caller then forgets its session and its login token, as the SDK does, even when the
     * response set a new session header.
     */
    val endsSession: Boolean,
    /**
     * The `loginToken` of an object result, as the SDK stores it (a string decoded; a number or
     * a boolean as JavaScript writes it: `42` gives `"42"`); null when none.
     */
    val loginToken: String?,
    /**
     * The core's response report: `{"session":..,"endsSession":..,"loginToken":..,"result":<as
     * sent>}` or `{"session":..,"endsSession":false,"loginToken":null,"error":<the error's report>}`.
     */
    val reportJson: String
) {
    /** The result's JSON text, or throws the [error]. */
    fun get(): String = resultJson ?: throw error!!

    override fun toString(): String = reportJson

    companion object {
        /** The report members kept as their exact text: the server's result, and the error's own report. */
        private val RAW = setOf("result", "error")

        /**
         * Reads one exchange: the [method] called (`User.logout`; null when unknown, on which
         * [endsSession] depends), [httpStatus] (0 when no response arrived), the raw [body]
         * bytes (only read, in place: never copied) and the value of the response's
         * `X-Set-Monaca-Cloud-Session` header ([sessionHeader], null without one; repeated
         * headers joined by ", " in the order received, as HTTP combines them).
         *
         * @throws IllegalArgumentException when [method] holds an unpaired surrogate (it has no
         *   UTF-8 form). A [sessionHeader] with one (or with a control character) is no session.
         */
        @JvmStatic
        @JvmOverloads
        fun fromExchange(method: String?, httpStatus: Int, body: ByteArray, sessionHeader: String? = null): MonacaCloudResponse =
            fromReport(MonacaNative.loaded().fromExchange(method?.let(MonacaNative::generalizedUtf8), httpStatus, body,
                sessionHeader?.let(MonacaNative::generalizedUtf8)))

        /**
         * The response a response report describes (its UTF-8 bytes, as the shim hands them
         * over); one that is not what the core writes is a native bug: IllegalStateException.
         */
        internal fun fromReport(report: ByteArray): MonacaCloudResponse {
            val text = ReportJson.reportText(report)
            val members = ReportJson.reportObject(text, RAW)
            val result = members["result"]
            val error = members["error"]
            if ((result == null) == (error == null)) ReportJson.malformed("result/error", "${result ?: error}")
            return MonacaCloudResponse(
                resultJson = result?.let { (it as? RawJson ?: ReportJson.malformed("result", it)).text },
                error = error?.let { MonacaCloudError.fromReport((it as? RawJson ?: ReportJson.malformed("error", it)).text) },
                session = ReportJson.optional(members, "session"),
                endsSession = ReportJson.member(members, "endsSession"),
                loginToken = ReportJson.optional(members, "loginToken"),
                reportJson = text
            )
        }
    }
}
