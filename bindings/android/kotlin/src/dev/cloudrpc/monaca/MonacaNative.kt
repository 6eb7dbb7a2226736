package dev.cloudrpc.monaca

import java.nio.CharBuffer
import java.nio.charset.CharacterCodingException
import java.nio.charset.CodingErrorAction
import java.util.Collections

/**
 * The JNI boundary, internal to this module: apps use [MonacaCloudError]'s companion.
 *
 * Every `external` function is implemented in `jni/monaca_jni.c` (symbol
 * `Java_dev_cloudrpc_monaca_MonacaNative_<name>`). Text never crosses as a Java string made
 * by JNI (that would be modified UTF-8, which corrupts NUL and non-BMP characters): the shim
 * hands over real UTF-8 in `ByteArray`s and this file decodes them with [Charsets.UTF_8].
 *
 * Threading: the shim keeps no mutable state after [nativeInit] (run once, under the JVM's
 * class-initialisation lock), and the C library allows any thread, so every function here may
 * be called from any number of threads at once.
 */
internal object MonacaNative {
    /** `MONACA_ABI_VERSION` of the C header this wrapper and its shim were written for. */
    const val EXPECTED_ABI_VERSION: Long = 1

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

    /** Caches the class and method ids the shim needs; returns `monaca_abi_version()`. */
    @JvmStatic private external fun nativeInit(): Int

    /** One parse, one crossing: null for a success response, else the whole error. */
    @JvmStatic external fun fromResponse(httpStatus: Int, body: ByteArray): MonacaCloudError?

    @JvmStatic external fun timeout(): MonacaCloudError

    /** Null when the C library rejects the arguments (`MONACA_STATUS_INVALID_ARGUMENT`). */
    @JvmStatic external fun create(code: Long, message: ByteArray, dataJson: ByteArray?): MonacaCloudError?

    @JvmStatic external fun codeKind(code: Long): Int
    @JvmStatic external fun codeName(code: Long): ByteArray
    @JvmStatic external fun codeDescription(code: Long): ByteArray
    @JvmStatic external fun version(): ByteArray

    /** `monaca_error_live_count()`: handles made and not yet freed (for tests; always 0 between calls). */
    @JvmStatic external fun liveCount(): Long

    // ---- Called by the shim ----

    /**
     * Builds the Kotlin error from one handle's contents, all as UTF-8 bytes. The shim calls
     * this while it still owns the handle and frees the handle right after, so nothing here
     * may keep a reference to native memory (it cannot: it only receives Java arrays).
     *
     * [name], [detail] and [dataJson] are null when the handle has none. [paramNames] and
     * [paramMessages] are parallel arrays (entry i has name `paramNames[i]` and messages
     * `paramMessages[i]`), or both null when there are no parameters.
     */
    @JvmStatic
    fun build(
        code: Long,
        kind: Int,
        message: ByteArray,
        name: ByteArray?,
        detail: ByteArray?,
        dataJson: ByteArray?,
        json: ByteArray,
        paramNames: Array<ByteArray>?,
        paramMessages: Array<Array<ByteArray>>?
    ): MonacaCloudError = MonacaCloudError(
        code = code,
        message = utf8(message),
        kind = MonacaErrorKind.fromRaw(kind),
        name = name?.let(::utf8),
        detail = detail?.let(::utf8),
        dataJson = dataJson?.let(::utf8),
        params = params(paramNames, paramMessages),
        json = utf8(json)
    )

    /**
     * Server data may name the same parameter twice (`{"a":"x","a":"y"}` is kept as sent, and a
     * dotted path can collide with a literal key). The map keeps each name once, at the place of
     * its first entry, with the messages of all its entries in server order.
     */
    private fun params(names: Array<ByteArray>?, messages: Array<Array<ByteArray>>?): Map<String, List<String>> {
        if (names == null || messages == null || names.isEmpty()) return Collections.emptyMap()
        check(names.size == messages.size) { "shim passed ${names.size} names for ${messages.size} message lists" }
        val merged = LinkedHashMap<String, MutableList<String>>()
        for (i in names.indices) {
            val list = merged.getOrPut(utf8(names[i])) { ArrayList(messages[i].size) }
            for (m in messages[i]) list.add(utf8(m))
        }
        val frozen = LinkedHashMap<String, List<String>>(merged.size * 2)
        for ((k, v) in merged) frozen[k] = Collections.unmodifiableList(v)
        return Collections.unmodifiableMap(frozen)
    }

    fun utf8(bytes: ByteArray): String = String(bytes, Charsets.UTF_8)

    /**
     * UTF-8 of [text], refusing (IllegalArgumentException) an unpaired surrogate rather than
     * silently turning it into `?` as `String.toByteArray` would.
     */
    fun utf8Strict(text: String, what: String): ByteArray {
        val encoder = Charsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
        val buffer = try {
            encoder.encode(CharBuffer.wrap(text))
        } catch (e: CharacterCodingException) {
            throw IllegalArgumentException("$what is not valid Unicode text (unpaired surrogate)", e)
        }
        val bytes = ByteArray(buffer.remaining())
        buffer.get(bytes)
        return bytes
    }
}
