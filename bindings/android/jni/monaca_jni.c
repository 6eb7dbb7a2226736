/*
 * JNI shim between dev.cloudrpc.monaca.MonacaNative (Kotlin) and the C ABI of
 * monaca_cloud_error. It uses only the public header.
 *
 * Rules this file keeps:
 * - One crossing per operation: fromResponse/timeout/bodyTooLarge/create make the error
 *   handle, copy its report (monaca_error_report_json: every field in one JSON text) into one
 *   byte[], and free the handle before returning, on every path; fromExchange does the same
 *   with a response and its response report (monaca_response_report_json), requestNew and
 *   backendUrl with the text made (monaca_text_str); checkUrl returns nothing or throws. No
 *   handle ever reaches Java; Kotlin decodes the reports. A refused argument throws the
 *   MonacaArgumentException that MonacaNative.argumentException makes from the core's
 *   explanation (MonacaArgumentError).
 * - A response body is never copied across JNI: fromResponse and fromExchange read it in place
 *   through GetPrimitiveArrayCritical (released with JNI_ABORT, since only read), with no JNI
 *   call between the two (the C library makes none), so a 256 MiB body costs no second
 *   256 MiB. The price is the JVM's: a collector may have to wait while the core reads a
 *   body (one pass, no allocation by the JVM in between).
 * - Text crosses as real UTF-8 in byte[] (decoded by Kotlin), never through
 *   NewStringUTF/GetStringUTFChars, whose "modified UTF-8" mangles NUL and non-BMP text.
 *   Exception messages thrown from here are ASCII literals, which modified UTF-8 reads as is.
 * - After every JNI call that can fail, the result or ExceptionCheck is tested, and on
 *   failure the pending Java exception is left for the caller after cleaning up.
 * - At most four local references are alive at once, well within the 16 that JNI
 *   guarantees without EnsureLocalCapacity.
 *
 * Threading: the only state is the method id set by nativeInit, which Kotlin calls exactly
 * once from MonacaNative's static initialiser; the JVM's class-initialisation lock orders that
 * write before any other call into this file (all other natives belong to the same class).
 * Everything else is per call, and the C library allows concurrent use, so all functions
 * may run on any number of threads at once.
 */
#include <jni.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "monaca_cloud_error.h"

/* The C ABI this shim (and MonacaNative.EXPECTED_ABI_VERSION) was written for. A header of
 * another version must not compile silently; a library of another version is refused at run
 * time by the Kotlin side, which compares it with monaca_abi_version(). */
#if MONACA_ABI_VERSION != 2
#error "monaca_jni.c was written for MONACA_ABI_VERSION 2: review it against the new header"
#endif

#define NATIVE(name) Java_dev_cloudrpc_monaca_MonacaNative_##name

#define ARGUMENT_EXCEPTION_SIGNATURE "([B[BJJJ[B)Ldev/cloudrpc/monaca/MonacaArgumentException;"

/* MonacaNative.argumentException(...), set once by nativeInit; valid while the class lives
 * (the library is never unloaded before it). */
static jmethodID g_argument_exception;

/* Throws a new exception of class_name with an ASCII message. */
static void throw_new(JNIEnv *env, const char *class_name, const char *ascii_message) {
    jclass cls = (*env)->FindClass(env, class_name);
    if (cls == NULL) {
        return; /* FindClass left its own exception pending */
    }
    (*env)->ThrowNew(env, cls, ascii_message);
    (*env)->DeleteLocalRef(env, cls);
}

/* The Java exception for a status other than OK (a refusal that
 * monaca_error_new_explained explains is thrown by throw_argument instead). */
static void throw_status(JNIEnv *env, MonacaStatus status) {
    switch (status) {
    case MONACA_STATUS_NULL_ARGUMENT:
        throw_new(env, "java/lang/NullPointerException", "monaca_cloud_error: a required argument was NULL");
        break;
    case MONACA_STATUS_INVALID_ARGUMENT:
        throw_new(env, "java/lang/IllegalArgumentException", "monaca_cloud_error: invalid argument");
        break;
    case MONACA_STATUS_PANIC:
        throw_new(env, "java/lang/IllegalStateException", "monaca_cloud_error: internal error (panic caught in the native library)");
        break;
    default:
        throw_new(env, "java/lang/IllegalStateException", "monaca_cloud_error: unexpected status");
        break;
    }
}

static void delete_local(JNIEnv *env, jobject ref) {
    if (ref != NULL) {
        (*env)->DeleteLocalRef(env, ref);
    }
}

/* A new byte[] holding a copy of s (s.len bytes: embedded NULs are kept), or NULL with an
 * exception pending. */
static jbyteArray new_bytes(JNIEnv *env, MonacaStr s) {
    if (s.len > (size_t)INT32_MAX) {
        throw_new(env, "java/lang/OutOfMemoryError", "monaca_cloud_error: text larger than a Java array");
        return NULL;
    }
    jbyteArray array = (*env)->NewByteArray(env, (jsize)s.len);
    if (array == NULL) {
        return NULL; /* OutOfMemoryError pending */
    }
    if (s.len > 0) {
        (*env)->SetByteArrayRegion(env, array, 0, (jsize)s.len, (const jbyte *)s.ptr);
        if ((*env)->ExceptionCheck(env)) {
            (*env)->DeleteLocalRef(env, array);
            return NULL;
        }
    }
    return array;
}

/* The report of err (every field in one JSON text, UTF-8) as a new byte[], then err freed
 * whatever happened. Returns NULL with an exception pending on failure. */
static jbyteArray report_and_free(JNIEnv *env, MonacaError *err) {
    jbyteArray result = NULL;
    MonacaStr report = monaca_error_report_json(err);
    if (report.len == 0) { /* only for a NULL handle: a bug, not an answer */
        throw_status(env, MONACA_STATUS_PANIC);
    } else {
        result = new_bytes(env, report);
    }
    monaca_error_free(err);
    return result;
}

/* The length of the NUL-terminated text in a char buffer of `size` bytes. */
static size_t bounded_len(const char *text, size_t size) {
    size_t len = 0;
    while (len < size && text[len] != '\0') len++;
    return len;
}

/* Throws the MonacaArgumentException that MonacaNative.argumentException (a static method of
 * native_class) makes from why. */
static void throw_argument(JNIEnv *env, jclass native_class, const MonacaArgumentError *why) {
    jbyteArray argument = NULL, reason = NULL, explanation = NULL;
    MonacaStr s;
    jobject exception;

    argument = new_bytes(env, why->argument);
    if (argument == NULL) goto done;
    s.ptr = why->reason;
    s.len = bounded_len(why->reason, sizeof why->reason);
    if ((reason = new_bytes(env, s)) == NULL) goto done;
    s.ptr = why->explanation;
    s.len = bounded_len(why->explanation, sizeof why->explanation);
    if ((explanation = new_bytes(env, s)) == NULL) goto done;
    exception = (*env)->CallStaticObjectMethod(env, native_class, g_argument_exception, argument, reason,
                                               (jlong)why->offset, (jlong)why->line, (jlong)why->column,
                                               explanation);
    if ((*env)->ExceptionCheck(env)) {
        delete_local(env, exception);
        goto done;
    }
    if (exception == NULL) {
        throw_status(env, MONACA_STATUS_PANIC);
        goto done;
    }
    (*env)->Throw(env, (jthrowable)exception);
    (*env)->DeleteLocalRef(env, exception);
done:
    delete_local(env, argument);
    delete_local(env, reason);
    delete_local(env, explanation);
}

JNIEXPORT jint JNICALL NATIVE(nativeInit)(JNIEnv *env, jclass cls) {
    g_argument_exception = (*env)->GetStaticMethodID(env, cls, "argumentException", ARGUMENT_EXCEPTION_SIGNATURE);
    if (g_argument_exception == NULL) return 0; /* NoSuchMethodError pending */
    return (jint)monaca_abi_version();
}

/* A byte[] argument, read only, as a C text: ptr is NULL for a null array (an absent optional
 * argument), a static empty text for an empty array (NULL with length 0 would mean "absent"),
 * else the array's elements (possibly a copy, released with JNI_ABORT since only read). */
typedef struct {
    jbyteArray array;
    jbyte *elements;
    const char *ptr;
    size_t len;
} Bytes;

#define NO_BYTES {NULL, NULL, NULL, 0}

/* Opens array into b (closed with bytes_close, also after a failure); returns 0 with an
 * exception pending on failure. */
static int bytes_open(JNIEnv *env, jbyteArray array, Bytes *b) {
    static const char empty[1] = "";
    if (array == NULL) return 1;
    jsize len = (*env)->GetArrayLength(env, array);
    b->ptr = empty;
    if (len > 0) {
        b->elements = (*env)->GetByteArrayElements(env, array, NULL);
        if (b->elements == NULL) return 0; /* OutOfMemoryError pending */
        b->array = array;
        b->ptr = (const char *)b->elements;
        b->len = (size_t)len;
    }
    return 1;
}

static void bytes_close(JNIEnv *env, Bytes *b) {
    if (b->elements != NULL) (*env)->ReleaseByteArrayElements(env, b->array, b->elements, JNI_ABORT);
    b->elements = NULL;
}

/* A response body read in place (never copied): opened with body_open (a non-null array),
 * closed with body_close as soon as the core has read it, with no JNI call in between. */
typedef struct {
    jbyteArray array;
    void *elements;
    const uint8_t *ptr;
    size_t len;
} Body;

#define NO_BODY {NULL, NULL, NULL, 0}

/* Opens array (not null) into b; returns 0 with an exception pending on failure. */
static int body_open(JNIEnv *env, jbyteArray array, Body *b) {
    static const uint8_t empty[1] = {0};
    jsize len = (*env)->GetArrayLength(env, array);
    b->ptr = empty;
    if (len > 0) {
        b->elements = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
        if (b->elements == NULL) {
            throw_new(env, "java/lang/OutOfMemoryError", "monaca_cloud_error: the body could not be pinned");
            return 0;
        }
        b->array = array;
        b->ptr = (const uint8_t *)b->elements;
        b->len = (size_t)len;
    }
    return 1;
}

static void body_close(JNIEnv *env, Body *b) {
    if (b->elements != NULL) (*env)->ReleasePrimitiveArrayCritical(env, b->array, b->elements, JNI_ABORT);
    b->elements = NULL;
}

/* Throws a NullPointerException naming a required argument that is null; returns 1 then. */
static int null_argument(JNIEnv *env, jbyteArray array, const char *ascii_name) {
    if (array != NULL) return 0;
    throw_new(env, "java/lang/NullPointerException", ascii_name);
    return 1;
}

/* The exception for a constructor that did not give OK: the MonacaArgumentException when the
 * core explained a refused argument in why, else the status's. */
static void throw_refusal(JNIEnv *env, jclass native_class, MonacaStatus status, const MonacaArgumentError *why) {
    if (status != MONACA_STATUS_OK && why->argument.len > 0) {
        throw_argument(env, native_class, why);
    } else {
        throw_status(env, status == MONACA_STATUS_OK ? MONACA_STATUS_PANIC : status);
    }
}

/* A made text (request body, URL) as a new byte[], or its refusal thrown; text freed. */
static jbyteArray text_or_throw(JNIEnv *env, jclass native_class, MonacaStatus status, MonacaText *text,
                                const MonacaArgumentError *why) {
    jbyteArray result = NULL;
    if (status != MONACA_STATUS_OK || text == NULL) {
        throw_refusal(env, native_class, status, why);
    } else {
        result = new_bytes(env, monaca_text_str(text));
    }
    monaca_text_free(text); /* NULL unless OK; freeing NULL is harmless */
    return result;
}

JNIEXPORT jbyteArray JNICALL NATIVE(fromResponse)(JNIEnv *env, jclass cls, jint http_status, jbyteArray body) {
    Body b = NO_BODY;
    MonacaError *err = NULL;
    (void)cls;
    if (null_argument(env, body, "body") || !body_open(env, body, &b)) return NULL;
    MonacaStatus status = monaca_error_from_response((int32_t)http_status, b.ptr, b.len, &err);
    body_close(env, &b);
    if (status != MONACA_STATUS_OK) {
        monaca_error_free(err); /* NULL by contract; freeing is harmless */
        throw_status(env, status);
        return NULL;
    }
    if (err == NULL) {
        return NULL; /* a success response */
    }
    return report_and_free(env, err);
}

JNIEXPORT jbyteArray JNICALL NATIVE(fromExchange)(JNIEnv *env, jclass cls, jbyteArray method, jint http_status,
                                                  jbyteArray body, jbyteArray session_header) {
    Bytes m = NO_BYTES, header = NO_BYTES;
    Body b = NO_BODY;
    MonacaResponse *resp = NULL;
    MonacaStatus status = MONACA_STATUS_PANIC;
    jbyteArray result = NULL;
    (void)cls;
    if (null_argument(env, body, "body")) return NULL;
    /* The small arrays first: no JNI call may come between body_open and body_close. */
    if (bytes_open(env, method, &m) && bytes_open(env, session_header, &header) && body_open(env, body, &b)) {
        status = monaca_response_from_exchange(m.ptr, m.len, (int32_t)http_status, b.ptr, b.len, header.ptr,
                                               header.len, &resp);
        body_close(env, &b);
        if (status != MONACA_STATUS_OK || resp == NULL) {
            throw_status(env, status == MONACA_STATUS_OK ? MONACA_STATUS_PANIC : status);
        } else {
            /* Made from the response's own copy of the result: the body is no longer needed. */
            MonacaStr report = monaca_response_report_json(resp);
            if (report.len == 0) { /* only for NULL: a bug, not an answer */
                throw_status(env, MONACA_STATUS_PANIC);
            } else {
                result = new_bytes(env, report);
            }
        }
    }
    body_close(env, &b);
    bytes_close(env, &header);
    bytes_close(env, &m);
    monaca_response_free(resp);
    return result;
}

JNIEXPORT jbyteArray JNICALL NATIVE(timeout)(JNIEnv *env, jclass cls) {
    (void)cls;
    MonacaError *err = monaca_error_timeout();
    if (err == NULL) {
        throw_status(env, MONACA_STATUS_PANIC);
        return NULL;
    }
    return report_and_free(env, err);
}

JNIEXPORT jbyteArray JNICALL NATIVE(bodyTooLarge)(JNIEnv *env, jclass cls, jlong limit) {
    (void)cls;
    if (limit < 0) {
        throw_new(env, "java/lang/IllegalArgumentException", "monaca_cloud_error: the limit is negative");
        return NULL;
    }
    MonacaError *err = monaca_error_body_too_large((uint64_t)limit);
    if (err == NULL) {
        throw_status(env, MONACA_STATUS_PANIC);
        return NULL;
    }
    return report_and_free(env, err);
}

JNIEXPORT jbyteArray JNICALL NATIVE(create)(JNIEnv *env, jclass cls, jlong code, jbyteArray message,
                                            jbyteArray data_json) {
    Bytes m = NO_BYTES, data = NO_BYTES; /* data_json null means "no data" */
    MonacaError *err = NULL;
    MonacaArgumentError why;
    memset(&why, 0, sizeof why); /* the library clears it too; this also covers a caught panic */
    if (null_argument(env, message, "message")) return NULL;
    if (!bytes_open(env, message, &m) || !bytes_open(env, data_json, &data)) {
        bytes_close(env, &m);
        return NULL;
    }
    MonacaStatus status = monaca_error_new_explained((int64_t)code, m.ptr, m.len, data.ptr, data.len, &err, &why);
    bytes_close(env, &data);
    bytes_close(env, &m);
    if (status != MONACA_STATUS_OK || err == NULL) {
        monaca_error_free(err); /* NULL by contract; freeing is harmless */
        throw_refusal(env, cls, status, &why);
        return NULL;
    }
    return report_and_free(env, err);
}

JNIEXPORT jbyteArray JNICALL NATIVE(requestNew)(JNIEnv *env, jclass cls, jbyteArray method, jbyteArray params_json,
                                                jbyteArray api_key, jbyteArray device_id, jbyteArray session) {
    Bytes m = NO_BYTES, params = NO_BYTES, key = NO_BYTES, device = NO_BYTES, sess = NO_BYTES;
    MonacaText *text = NULL;
    MonacaArgumentError why;
    jbyteArray result = NULL;
    memset(&why, 0, sizeof why);
    if (null_argument(env, method, "method") || null_argument(env, api_key, "apiKey") ||
        null_argument(env, device_id, "deviceId")) {
        return NULL;
    }
    if (bytes_open(env, method, &m) && bytes_open(env, params_json, &params) && bytes_open(env, api_key, &key) &&
        bytes_open(env, device_id, &device) && bytes_open(env, session, &sess)) {
        MonacaStatus status = monaca_request_new(m.ptr, m.len, params.ptr, params.len, key.ptr, key.len, device.ptr,
                                                 device.len, sess.ptr, sess.len, &text, &why);
        result = text_or_throw(env, cls, status, text, &why);
    }
    bytes_close(env, &sess);
    bytes_close(env, &device);
    bytes_close(env, &key);
    bytes_close(env, &params);
    bytes_close(env, &m);
    return result;
}

JNIEXPORT jbyteArray JNICALL NATIVE(backendUrl)(JNIEnv *env, jclass cls, jbyteArray backend_id) {
    Bytes id = NO_BYTES;
    MonacaText *text = NULL;
    MonacaArgumentError why;
    memset(&why, 0, sizeof why);
    if (null_argument(env, backend_id, "backendId") || !bytes_open(env, backend_id, &id)) return NULL;
    MonacaStatus status = monaca_backend_url(id.ptr, id.len, &text, &why);
    bytes_close(env, &id);
    return text_or_throw(env, cls, status, text, &why);
}

JNIEXPORT void JNICALL NATIVE(checkUrl)(JNIEnv *env, jclass cls, jbyteArray url) {
    Bytes u = NO_BYTES;
    MonacaArgumentError why;
    memset(&why, 0, sizeof why);
    if (null_argument(env, url, "url") || !bytes_open(env, url, &u)) return;
    MonacaStatus status = monaca_endpoint_url_check(u.ptr, u.len, &why);
    bytes_close(env, &u);
    if (status != MONACA_STATUS_OK) throw_refusal(env, cls, status, &why);
}

JNIEXPORT jint JNICALL NATIVE(codeKind)(JNIEnv *env, jclass cls, jlong code) {
    (void)env;
    (void)cls;
    return (jint)monaca_code_kind((int64_t)code);
}

JNIEXPORT jbyteArray JNICALL NATIVE(codeName)(JNIEnv *env, jclass cls, jlong code) {
    (void)cls;
    return new_bytes(env, monaca_code_name((int64_t)code)); /* static text: nothing to free */
}

JNIEXPORT jbyteArray JNICALL NATIVE(codeDescription)(JNIEnv *env, jclass cls, jlong code) {
    (void)cls;
    return new_bytes(env, monaca_code_description((int64_t)code));
}

JNIEXPORT jbyteArray JNICALL NATIVE(version)(JNIEnv *env, jclass cls) {
    (void)cls;
    return new_bytes(env, monaca_version());
}

JNIEXPORT jlong JNICALL NATIVE(liveCount)(JNIEnv *env, jclass cls) {
    (void)env;
    (void)cls;
    return (jlong)monaca_error_live_count();
}
