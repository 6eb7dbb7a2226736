/*
 * JNI shim between dev.cloudrpc.monaca.MonacaNative (Kotlin) and the C ABI of
 * monaca_cloud_error. It uses only the public header.
 *
 * Rules this file keeps:
 * - One crossing per parse: fromResponse/timeout/create make the handle, copy everything in
 *   it into Java byte arrays, call MonacaNative.build once, and free the handle before
 *   returning, on every path. No handle ever reaches Java.
 * - Text crosses as real UTF-8 in byte[] (decoded by Kotlin), never through
 *   NewStringUTF/GetStringUTFChars, whose "modified UTF-8" mangles NUL and non-BMP text.
 *   Exception messages thrown from here are ASCII literals, which modified UTF-8 reads as is.
 * - After every JNI call that can fail, the result or ExceptionCheck is tested, and on
 *   failure the pending Java exception is left for the caller after cleaning up.
 * - At most about ten local references are alive at once (loops delete theirs), well
 *   within the 16 that JNI guarantees without EnsureLocalCapacity.
 *
 * Threading: the only state is the cache set by nativeInit, which Kotlin calls exactly once
 * from MonacaNative's static initialiser; the JVM's class-initialisation lock orders those
 * writes before any other call into this file (all other natives belong to the same class).
 * Everything else is per call, and the C library allows concurrent use, so all functions
 * may run on any number of threads at once.
 */
#include <jni.h>
#include <stdint.h>
#include <stddef.h>

#include "monaca_cloud_error.h"

/* The C ABI this shim (and MonacaNative.EXPECTED_ABI_VERSION) was written for. A header of
 * another version must not compile silently; a library of another version is refused at run
 * time by the Kotlin side, which compares it with monaca_abi_version(). */
#if MONACA_ABI_VERSION != 1
#error "monaca_jni.c was written for MONACA_ABI_VERSION 1: review it against the new header"
#endif

#define NATIVE(name) Java_dev_cloudrpc_monaca_MonacaNative_##name

#define BUILD_SIGNATURE "(JI[B[B[B[B[B[[B[[[B)Ldev/cloudrpc/monaca/MonacaCloudError;"

/* Global references, set once by nativeInit and never released (the library is never
 * unloaded while the class that loaded it lives). */
static jclass g_native_class;       /* dev.cloudrpc.monaca.MonacaNative */
static jmethodID g_build;           /* its static build(...) */
static jclass g_bytes_class;        /* byte[]   */
static jclass g_bytes_array_class;  /* byte[][] */

/* Throws a new exception of class_name with an ASCII message. */
static void throw_new(JNIEnv *env, const char *class_name, const char *ascii_message) {
    jclass cls = (*env)->FindClass(env, class_name);
    if (cls == NULL) {
        return; /* FindClass left its own exception pending */
    }
    (*env)->ThrowNew(env, cls, ascii_message);
    (*env)->DeleteLocalRef(env, cls);
}

/* The Java exception for a status other than OK (INVALID_ARGUMENT from monaca_error_new is
 * handled by the caller, which knows what was invalid). */
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

/* Stores value at array[index] and drops the local reference to value. Returns 0 with an
 * exception pending on failure. */
static int store(JNIEnv *env, jobjectArray array, jsize index, jobject value) {
    (*env)->SetObjectArrayElement(env, array, index, value);
    (*env)->DeleteLocalRef(env, value);
    return !(*env)->ExceptionCheck(env);
}

/* The messages of parameter `index` as a byte[][], or NULL with an exception pending. */
static jobjectArray param_messages(JNIEnv *env, const MonacaError *err, size_t index) {
    size_t count = monaca_error_param_message_count(err, index);
    if (count > (size_t)INT32_MAX) {
        throw_new(env, "java/lang/OutOfMemoryError", "monaca_cloud_error: too many messages");
        return NULL;
    }
    jobjectArray messages = (*env)->NewObjectArray(env, (jsize)count, g_bytes_class, NULL);
    if (messages == NULL) {
        return NULL;
    }
    for (size_t j = 0; j < count; j++) {
        jbyteArray message = new_bytes(env, monaca_error_param_message(err, index, j));
        if (message == NULL || !store(env, messages, (jsize)j, message)) {
            (*env)->DeleteLocalRef(env, messages);
            return NULL;
        }
    }
    return messages;
}

/* Fills *names (byte[][]) and *messages (byte[][][]) with the handle's parameters, parallel
 * arrays in the handle's order. Returns 0 with an exception pending on failure; the caller
 * deletes whatever was stored in *names / *messages either way. */
static int build_params(JNIEnv *env, const MonacaError *err, size_t count,
                        jobjectArray *names, jobjectArray *messages) {
    if (count > (size_t)INT32_MAX) {
        throw_new(env, "java/lang/OutOfMemoryError", "monaca_cloud_error: too many parameters");
        return 0;
    }
    *names = (*env)->NewObjectArray(env, (jsize)count, g_bytes_class, NULL);
    if (*names == NULL) {
        return 0;
    }
    *messages = (*env)->NewObjectArray(env, (jsize)count, g_bytes_array_class, NULL);
    if (*messages == NULL) {
        return 0;
    }
    for (size_t i = 0; i < count; i++) {
        jbyteArray name = new_bytes(env, monaca_error_param_name(err, i));
        if (name == NULL || !store(env, *names, (jsize)i, name)) {
            return 0;
        }
        jobjectArray list = param_messages(env, err, i);
        if (list == NULL || !store(env, *messages, (jsize)i, list)) {
            return 0;
        }
    }
    return 1;
}

/* Copies everything in err into a new MonacaCloudError (one call to MonacaNative.build).
 * err stays owned by the caller, who frees it after this returns. Returns NULL with an
 * exception pending on failure. */
static jobject build_error(JNIEnv *env, const MonacaError *err) {
    jobject result = NULL;
    jbyteArray message = NULL, name = NULL, detail = NULL, data = NULL, json = NULL;
    jobjectArray names = NULL, messages = NULL;
    MonacaStr s;
    size_t count;

    message = new_bytes(env, monaca_error_message(err));
    if (message == NULL) goto done;
    s = monaca_error_name(err); /* "" means none: Kotlin gets null */
    if (s.len > 0 && (name = new_bytes(env, s)) == NULL) goto done;
    s = monaca_error_detail(err); /* "" means none */
    if (s.len > 0 && (detail = new_bytes(env, s)) == NULL) goto done;
    if (monaca_error_has_data(err) && (data = new_bytes(env, monaca_error_data_json(err))) == NULL) goto done;
    json = new_bytes(env, monaca_error_to_json(err));
    if (json == NULL) goto done;
    count = monaca_error_param_count(err); /* 0: both arrays stay NULL */
    if (count > 0 && !build_params(env, err, count, &names, &messages)) goto done;

    result = (*env)->CallStaticObjectMethod(env, g_native_class, g_build,
                                            (jlong)monaca_error_code(err), (jint)monaca_error_kind(err),
                                            message, name, detail, data, json, names, messages);
    if ((*env)->ExceptionCheck(env)) {
        delete_local(env, result);
        result = NULL;
    }
done:
    delete_local(env, message);
    delete_local(env, name);
    delete_local(env, detail);
    delete_local(env, data);
    delete_local(env, json);
    delete_local(env, names);
    delete_local(env, messages);
    return result;
}

/* build_error, then free err whatever happened. */
static jobject build_and_free(JNIEnv *env, MonacaError *err) {
    jobject result = build_error(env, err);
    monaca_error_free(err);
    return result;
}

JNIEXPORT jint JNICALL NATIVE(nativeInit)(JNIEnv *env, jclass cls) {
    jclass bytes, bytes_array;
    if (g_native_class == NULL) {
        g_build = (*env)->GetStaticMethodID(env, cls, "build", BUILD_SIGNATURE);
        if (g_build == NULL) return 0; /* NoSuchMethodError pending */
        if ((bytes = (*env)->FindClass(env, "[B")) == NULL) return 0;
        g_bytes_class = (jclass)(*env)->NewGlobalRef(env, bytes);
        (*env)->DeleteLocalRef(env, bytes);
        if ((bytes_array = (*env)->FindClass(env, "[[B")) == NULL) return 0;
        g_bytes_array_class = (jclass)(*env)->NewGlobalRef(env, bytes_array);
        (*env)->DeleteLocalRef(env, bytes_array);
        if (g_bytes_class == NULL || g_bytes_array_class == NULL) {
            throw_new(env, "java/lang/OutOfMemoryError", "monaca_cloud_error: no global reference");
            return 0;
        }
        /* Set last: it marks the cache complete. */
        g_native_class = (jclass)(*env)->NewGlobalRef(env, cls);
        if (g_native_class == NULL) {
            throw_new(env, "java/lang/OutOfMemoryError", "monaca_cloud_error: no global reference");
            return 0;
        }
    }
    return (jint)monaca_abi_version();
}

JNIEXPORT jobject JNICALL NATIVE(fromResponse)(JNIEnv *env, jclass cls, jint http_status, jbyteArray body) {
    (void)cls;
    if (body == NULL) {
        throw_new(env, "java/lang/NullPointerException", "body");
        return NULL;
    }
    jsize len = (*env)->GetArrayLength(env, body);
    jbyte *bytes = NULL;
    if (len > 0) {
        /* May be a copy; released with JNI_ABORT since it is only read. */
        bytes = (*env)->GetByteArrayElements(env, body, NULL);
        if (bytes == NULL) return NULL; /* OutOfMemoryError pending */
    }
    MonacaError *err = NULL;
    MonacaStatus status = monaca_error_from_response((int32_t)http_status, (const uint8_t *)bytes,
                                                     (size_t)len, &err);
    if (bytes != NULL) {
        (*env)->ReleaseByteArrayElements(env, body, bytes, JNI_ABORT);
    }
    if (status != MONACA_STATUS_OK) {
        monaca_error_free(err); /* NULL by contract; freeing is harmless */
        throw_status(env, status);
        return NULL;
    }
    if (err == NULL) {
        return NULL; /* a success response */
    }
    return build_and_free(env, err);
}

JNIEXPORT jobject JNICALL NATIVE(timeout)(JNIEnv *env, jclass cls) {
    (void)cls;
    MonacaError *err = monaca_error_timeout();
    if (err == NULL) {
        throw_status(env, MONACA_STATUS_PANIC);
        return NULL;
    }
    return build_and_free(env, err);
}

JNIEXPORT jobject JNICALL NATIVE(create)(JNIEnv *env, jclass cls, jlong code, jbyteArray message,
                                         jbyteArray data_json) {
    static const char empty[1] = "";
    (void)cls;
    if (message == NULL) {
        throw_new(env, "java/lang/NullPointerException", "message");
        return NULL;
    }
    jsize message_len = (*env)->GetArrayLength(env, message);
    jbyte *message_bytes = NULL;
    if (message_len > 0 && (message_bytes = (*env)->GetByteArrayElements(env, message, NULL)) == NULL) {
        return NULL;
    }
    /* data_json NULL means "no data"; an empty array is an empty (invalid) JSON text, so it
     * needs a non-NULL pointer. */
    jsize data_len = 0;
    jbyte *data_bytes = NULL;
    if (data_json != NULL) {
        data_len = (*env)->GetArrayLength(env, data_json);
        if (data_len > 0 && (data_bytes = (*env)->GetByteArrayElements(env, data_json, NULL)) == NULL) {
            if (message_bytes != NULL) (*env)->ReleaseByteArrayElements(env, message, message_bytes, JNI_ABORT);
            return NULL;
        }
    }
    const char *message_ptr = message_bytes != NULL ? (const char *)message_bytes : empty;
    const char *data_ptr = data_json == NULL ? NULL : (data_bytes != NULL ? (const char *)data_bytes : empty);

    MonacaError *err = NULL;
    MonacaStatus status = monaca_error_new((int64_t)code, message_ptr, (size_t)message_len,
                                           data_ptr, (size_t)data_len, &err);
    if (data_bytes != NULL) (*env)->ReleaseByteArrayElements(env, data_json, data_bytes, JNI_ABORT);
    if (message_bytes != NULL) (*env)->ReleaseByteArrayElements(env, message, message_bytes, JNI_ABORT);

    if (status == MONACA_STATUS_INVALID_ARGUMENT) {
        monaca_error_free(err);
        return NULL; /* Kotlin throws IllegalArgumentException with a message of its own */
    }
    if (status != MONACA_STATUS_OK || err == NULL) {
        monaca_error_free(err);
        throw_status(env, status == MONACA_STATUS_OK ? MONACA_STATUS_PANIC : status);
        return NULL;
    }
    return build_and_free(env, err);
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
