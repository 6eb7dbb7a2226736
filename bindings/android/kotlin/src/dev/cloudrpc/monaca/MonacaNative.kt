package dev.cloudrpc.monaca

/**
 * The JNI boundary, internal to this module: apps use [MonacaCloudError]'s companion,
 * [MonacaCloudResponse], [MonacaCloudRequest] and [MonacaCloudClient].
 *
 * Every `external` function is implemented in `jni/monaca_jni.c` (symbol
 * `Java_dev_cloudrpc_monaca_MonacaNative_<name>`). Text never crosses as a Java string made
 * by JNI (that would be modified UTF-8, which corrupts NUL and non-BMP characters): the shim
 * hands over real UTF-8 in `ByteArray`s (for an error or a response, the core's report) and
 * Kotlin decodes them; Kotlin hands text over as [generalizedUtf8].
 *
 * Threading: the shim keeps no mutable state after [nativeInit] (run once, under the JVM's
 * class-initialisation lock), and the C library allows any thread, so every function here may
 * be called from any number of threads at once.
 */
internal object MonacaNative {
    /** `MONACA_ABI_VERSION` of the C header this wrapper and its shim were written for. */
    const val EXPECTED_ABI_VERSION: Long = 2

    /** `System.loadLibrary` name: `libmonaca_cloud_error_jni.so`. */
    const val LIBRARY_NAME = "monaca_cloud_error_jni"

    /** `monaca_abi_version()` of the loaded library, or -1 when it could not be loaded. */
    val loadedAbiVersion: Long

    /** Why the library cannot be used, or null when it can. Kept so every call reports it. */
    private val loadFailure: LinkageError?

    init {
        var version = -1L
        var failure: LinkageError? = null
        try {
            System.loadLibrary(LIBRARY_NAME)
            version = nativeInit().toLong() and 0xFFFF_FFFFL // uint32_t on the C side
            val mismatch = abiMismatchMessage(version, EXPECTED_ABI_VERSION)
            if (mismatch != null) failure = UnsatisfiedLinkError(mismatch)
        } catch (e: LinkageError) { // UnsatisfiedLinkError, NoSuchMethodError, NoClassDefFoundError
            failure = e
        }
        loadedAbiVersion = version
        loadFailure = failure
    }

    /** This object, after making sure the native library is loaded and of the right ABI version. */
    fun loaded(): MonacaNative {
        val failure = loadFailure ?: return this
        val error = UnsatisfiedLinkError("dev.cloudrpc.monaca cannot use lib$LIBRARY_NAME: ${failure.message}")
        error.initCause(failure)
        throw error
    }

    /** The message for an ABI mismatch, or null when [found] is the version this code expects. */
    fun abiMismatchMessage(found: Long, expected: Long): String? =
        if (found == expected) null
        else "lib$LIBRARY_NAME implements C ABI version $found, but this Kotlin wrapper was built " +
            "for version $expected. Package the native library and the Kotlin wrapper from the same build."

    // ---- Native functions (jni/monaca_jni.c) ----

    /** Caches the class and method id the shim needs; returns `monaca_abi_version()`. */
    @JvmStatic private external fun nativeInit(): Int

    /** One parse, one crossing: null for a success response, else the error's report (UTF-8). */
    @JvmStatic external fun fromResponse(httpStatus: Int, body: ByteArray): ByteArray?

    /**
     * One reading, one crossing: the response report (UTF-8, `monaca_response_report_json`) of
     * an exchange; [method] is the method called in UTF-8 (null when unknown), [sessionHeader]
     * the header's value in UTF-8 (null without one). The body is read in place, not copied.
     */
    @JvmStatic external fun fromExchange(method: ByteArray?, httpStatus: Int, body: ByteArray,
                                         sessionHeader: ByteArray?): ByteArray

    /**
     * The request body (UTF-8, `monaca_request_new`); null [paramsJson] for `{}`, null [session]
     * for none. Throws the [MonacaArgumentException] made by [argumentException] on a refusal.
     */
    @JvmStatic external fun requestNew(method: ByteArray, paramsJson: ByteArray?, apiKey: ByteArray,
                                       deviceId: ByteArray, session: ByteArray?): ByteArray

    /**
     * Returns when a client may POST to [url] (UTF-8; `monaca_endpoint_url_check`); throws the
     * [MonacaArgumentException] (argument `url`) made by [argumentException] when not.
     */
    @JvmStatic external fun checkUrl(url: ByteArray)

    /** The endpoint URL (UTF-8, `monaca_backend_url`); refusals as for [requestNew]. */
    @JvmStatic external fun backendUrl(backendId: ByteArray): ByteArray

    /** The report (UTF-8) of the -11 error. */
    @JvmStatic external fun timeout(): ByteArray

    /** The report (UTF-8) of the -12 error of a body over [limit] bytes (0 or more). */
    @JvmStatic external fun bodyTooLarge(limit: Long): ByteArray

    /**
     * The report (UTF-8) of a new error; throws the [MonacaArgumentException] made by
     * [argumentException] when the core refuses [message] or [dataJson] (null: no data).
     */
    @JvmStatic external fun create(code: Long, message: ByteArray, dataJson: ByteArray?): ByteArray

    @JvmStatic external fun codeKind(code: Long): Int
    @JvmStatic external fun codeName(code: Long): ByteArray
    @JvmStatic external fun codeDescription(code: Long): ByteArray
    @JvmStatic external fun version(): ByteArray

    /** `monaca_error_live_count()`: handles made and not yet freed (for tests; always 0 between calls). */
    @JvmStatic external fun liveCount(): Long

    // ---- Called by the shim ----

    /**
     * The exception for a `MonacaArgumentError` filled by the core (`monaca_error_new_explained`,
     * `monaca_request_new`, `monaca_backend_url`), its texts as UTF-8 bytes; the shim throws what
     * this returns. The core names the argument by its C parameter (`data_json`, `api_key`);
     * here it is the Kotlin parameter ([kotlinName]: `dataJson`, `apiKey`).
     */
    @JvmStatic
    fun argumentException(
        argument: ByteArray,
        reason: ByteArray,
        offset: Long,
        line: Long,
        column: Long,
        explanation: ByteArray
    ): MonacaArgumentException {
        return MonacaArgumentException(kotlinName(utf8(argument)), utf8(reason), offset, line, column,
            utf8(explanation))
    }

    /** A C parameter's name as the Kotlin parameter's: `params_json` -> `paramsJson`. */
    fun kotlinName(cName: String): String {
        val name = StringBuilder(cName.length)
        var upper = false
        for (c in cName) {
            if (c == '_') {
                upper = true
                continue
            }
            name.append(if (upper) Character.toUpperCase(c) else c)
            upper = false
        }
        return name.toString()
    }

    fun utf8(bytes: ByteArray): String = String(bytes, Charsets.UTF_8)

    /**
     * The UTF-8 of [text], an unpaired surrogate included as the three bytes it would have if
     * it were a character (generalised UTF-8: `ED A0 80` for U+D800). Those bytes are not
     * UTF-8, so the core refuses them with its own explanation and byte offset, instead of the
     * `?` that `String.toByteArray` would silently put there.
     */
    fun generalizedUtf8(text: String): ByteArray {
        val out = java.io.ByteArrayOutputStream(text.length + 16)
        var i = 0
        while (i < text.length) {
            val c = Character.codePointAt(text, i) // a lone surrogate is its own value
            i += Character.charCount(c)
            when {
                c < 0x80 -> out.write(c)
                c < 0x800 -> { out.write(0xC0 or (c shr 6)); out.write(0x80 or (c and 0x3F)) }
                c < 0x10000 -> {
                    out.write(0xE0 or (c shr 12)); out.write(0x80 or ((c shr 6) and 0x3F)); out.write(0x80 or (c and 0x3F))
                }
                else -> {
                    out.write(0xF0 or (c shr 18)); out.write(0x80 or ((c shr 12) and 0x3F))
                    out.write(0x80 or ((c shr 6) and 0x3F)); out.write(0x80 or (c and 0x3F))
                }
            }
        }
        return out.toByteArray()
    }
}
