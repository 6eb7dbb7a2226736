/*
 * C test harness for the C ABI of monaca-cloud-error (include/monaca_cloud_error.h).
 *
 * Includes only the library header and standard C headers, checks every exported function
 * against the contract of issue 2 and the header, and ends with one line "N passed, N failed"
 * (exit status 1 when any check failed). Build and run it with tests/c/run.sh.
 *
 * Ownership in this file: every handle a test makes is freed by that test; the live-count
 * check at the end of main() catches any handle leaked by the library or by a test.
 */
#include "monaca_cloud_error.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EXPECTED_VERSION
#error "compile with -DEXPECTED_VERSION='\"x.y.z\"' (the version in Cargo.toml)"
#endif

/* ---- the check machinery ---------------------------------------------------------------- */

static int passed;
static int failed;
/* What the last failing comparison saw, printed under the failure line ("" when nothing). */
static char note[512];
/* Which case a loop is on, printed with its failures ("" outside loops). */
static char context[64];

static void check_at(int ok, const char *file, int line, const char *expr)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s:%d: %s%s\n", file, line, expr, context);
        if (note[0] != '\0')
            printf("     %s\n", note);
    }
    note[0] = '\0';
}

#define CHECK(expr) check_at((expr) ? 1 : 0, __FILE__, __LINE__, #expr)
/* CHECK_AT reports the caller's line when a helper checks on its behalf. */
#define CHECK_AT(file, line, expr) check_at((expr) ? 1 : 0, (file), (line), #expr)

/* Writes `len` bytes of `p` into `buf` with non-printable bytes as \xNN. */
static void escape_into(char *buf, size_t size, const char *p, size_t len)
{
    size_t used = 0;
    size_t i;
    for (i = 0; i < len && used + 5 < size; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            buf[used++] = (char)c;
        else
            used += (size_t)sprintf(buf + used, "\\x%02x", c);
    }
    buf[used] = '\0';
}

/* Every MonacaStr must have a non-NULL ptr and a NUL byte at ptr[len]. */
static int str_ok(MonacaStr s)
{
    if (s.ptr == NULL) {
        snprintf(note, sizeof note, "got ptr == NULL (len %lu)", (unsigned long)s.len);
        return 0;
    }
    if (s.ptr[s.len] != '\0') {
        snprintf(note, sizeof note, "ptr[len] is not NUL (len %lu)", (unsigned long)s.len);
        return 0;
    }
    return 1;
}

/* Whether `s` is well formed and holds exactly the `len` bytes at `want`. */
static int str_eq(MonacaStr s, const char *want, size_t len)
{
    char got[200];
    if (!str_ok(s))
        return 0;
    if (s.len == len && memcmp(s.ptr, want, len) == 0)
        return 1;
    escape_into(got, sizeof got, s.ptr, s.len);
    snprintf(note, sizeof note, "got %lu bytes: \"%s\"", (unsigned long)s.len, got);
    return 0;
}

static int str_nonempty(MonacaStr s)
{
    if (!str_ok(s))
        return 0;
    if (s.len == 0)
        snprintf(note, sizeof note, "got an empty string");
    return s.len > 0;
}

/* `lit` must be a string literal (the "" forces it); its length comes from sizeof, so it may
 * hold NUL bytes. LIT(lit) expands to the two arguments `pointer, length`. */
#define LIT(lit) ("" lit), (sizeof(lit) - 1)
#define CHECK_STR_AT(file, line, s, lit) \
    check_at(str_eq((s), LIT(lit)), (file), (line), "CHECK_STR(" #s ", " #lit ")")
#define CHECK_STR(s, lit) \
    check_at(str_eq((s), LIT(lit)), __FILE__, __LINE__, "CHECK_STR(" #s ", " #lit ")")
#define CHECK_NONEMPTY(s) check_at(str_nonempty(s), __FILE__, __LINE__, "CHECK_NONEMPTY(" #s ")")

/* A non-NULL pointer that is no handle: pre-set into `out` to see that a call clears it. */
static char dummy_storage;
#define DUMMY ((MonacaError *)(void *)&dummy_storage)
#define DUMMY_RESPONSE ((MonacaResponse *)(void *)&dummy_storage)

/* ---- helpers that make handles ---------------------------------------------------------- */

/* Classifies `len` bytes at `body` with `status`; checks the call returns OK and writes *out.
 * Returns the handle (NULL for a success response). */
static MonacaError *respond_at(const char *file, int line, int32_t status, const char *body,
                               size_t len)
{
    MonacaError *err = DUMMY;
    MonacaStatus st = monaca_error_from_response(status, (const uint8_t *)body, len, &err);
    CHECK_AT(file, line, st == MONACA_STATUS_OK);
    CHECK_AT(file, line, err != DUMMY);
    return err == DUMMY ? NULL : err;
}
#define RESPOND(status, lit) respond_at(__FILE__, __LINE__, (status), LIT(lit))

/* Checks that `status` with this body is a success: OK and *out == NULL. */
static void success_at(const char *file, int line, int32_t status, const char *body, size_t len)
{
    MonacaError *err = respond_at(file, line, status, body, len);
    CHECK_AT(file, line, err == NULL);
    monaca_error_free(err);
}
#define SUCCESS(status, lit) success_at(__FILE__, __LINE__, (status), LIT(lit))

/* Checks everything a client error made from a response has, then frees it. */
static void client_error_at(const char *file, int line, MonacaError *err, int64_t code)
{
    CHECK_AT(file, line, err != NULL);
    if (err == NULL)
        return;
    CHECK_AT(file, line, monaca_error_code(err) == code);
    CHECK_AT(file, line, monaca_error_kind(err) == MONACA_KIND_CLIENT);
    CHECK_AT(file, line, str_nonempty(monaca_error_detail(err)));
    CHECK_AT(file, line, !monaca_error_has_data(err));
    CHECK_STR_AT(file, line, monaca_error_data_json(err), "");
    CHECK_AT(file, line, monaca_error_param_count(err) == 0);
    if (code == MONACA_CODE_INVALID_RESPONSE) {
        CHECK_STR_AT(file, line, monaca_error_name(err), "INVALID_RESPONSE");
        CHECK_STR_AT(file, line, monaca_error_message(err), "Invalid response");
        CHECK_STR_AT(file, line, monaca_error_to_json(err),
                     "{\"code\":-12,\"message\":\"Invalid response\",\"data\":{}}");
    } else {
        CHECK_STR_AT(file, line, monaca_error_name(err), "INVALID_STATUS_CODE");
        CHECK_STR_AT(file, line, monaca_error_message(err), "Invalid status code");
        CHECK_STR_AT(file, line, monaca_error_to_json(err),
                     "{\"code\":-13,\"message\":\"Invalid status code\",\"data\":{}}");
    }
    monaca_error_free(err);
}
/* A body given status 200 must be refused with -12 "Invalid response" and a detail. */
#define INVALID_RESPONSE(lit) \
    client_error_at(__FILE__, __LINE__, RESPOND(200, lit), MONACA_CODE_INVALID_RESPONSE)

/* monaca_error_new with literal message and data (data NULL when `data` is NULL). */
static MonacaStatus make(int64_t code, const char *msg, size_t msg_len, const char *data,
                         size_t data_len, MonacaError **out)
{
    *out = DUMMY;
    return monaca_error_new(code, msg, msg_len, data, data_len, out);
}

/* ---- tests ------------------------------------------------------------------------------ */

static void test_success_bodies(void)
{
    SUCCESS(200, "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":\"OK\"}");
    SUCCESS(200, "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":null}");
    SUCCESS(200, "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":\"OK\",\"error\":null}");
    SUCCESS(200, "{\"error\":null,\"result\":{\"totalItems\":0,\"items\":[]}}");
    /* jsonrpc and id are optional; id may be any JSON value. */
    SUCCESS(200, "{\"result\":1}");
    SUCCESS(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}");
    SUCCESS(200, "{\"id\":{\"a\":[1,2]},\"result\":[]}");
    /* Duplicates inside result are kept, not refused. */
    SUCCESS(200, "{\"result\":{\"a\":1,\"a\":2}}");
    SUCCESS(200, " \r\n\t{ \"result\" : \"OK\" } \n");
    /* Every success status parses the body. */
    SUCCESS(201, "{\"result\":\"OK\"}");
    SUCCESS(299, "{\"result\":\"OK\"}");
    SUCCESS(304, "{\"result\":\"OK\"}");
    /* Only body_len bytes are read: what follows them in memory does not count. */
    success_at(__FILE__, __LINE__, 200, "{\"result\":1}garbage", 12);
}

static void test_documented_invalid_params(void)
{
    static const char body[] =
        "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"error\":{\"code\":-32602,\"message\":\"Invalid params\","
        "\"data\":{\"collectionName\":\"Collection not found.\"}}}";
    MonacaError *err = respond_at(__FILE__, __LINE__, 200, body, sizeof body - 1);
    CHECK(err != NULL);
    CHECK(monaca_error_code(err) == -32602);
    CHECK(monaca_error_code(err) == MONACA_CODE_INVALID_PARAMS);
    CHECK(monaca_error_kind(err) == MONACA_KIND_JSON_RPC);
    CHECK_STR(monaca_error_name(err), "INVALID_PARAMS");
    CHECK_STR(monaca_error_message(err), "Invalid params");
    CHECK_STR(monaca_error_detail(err), "");
    CHECK(monaca_error_has_data(err));
    CHECK_STR(monaca_error_data_json(err), "{\"collectionName\":\"Collection not found.\"}");
    CHECK_STR(monaca_error_to_json(err),
              "{\"code\":-32602,\"message\":\"Invalid params\","
              "\"data\":{\"collectionName\":\"Collection not found.\"}}");
    CHECK(monaca_error_param_count(err) == 1);
    CHECK_STR(monaca_error_param_name(err, 0), "collectionName");
    CHECK(monaca_error_param_message_count(err, 0) == 1);
    CHECK_STR(monaca_error_param_message(err, 0, 0), "Collection not found.");
    CHECK_STR(monaca_error_first_message_for(err, LIT("collectionName")), "Collection not found.");
    /* The name is compared byte for byte over param_len bytes only. */
    CHECK_STR(monaca_error_first_message_for(err, "collectionNameXYZ", 14), "Collection not found.");
    CHECK_STR(monaca_error_first_message_for(err, LIT("collection")), "");
    CHECK_STR(monaca_error_first_message_for(err, LIT("CollectionName")), "");
    CHECK_STR(monaca_error_first_message_for(err, NULL, 0), "");
    CHECK_STR(monaca_error_first_message_for(err, NULL, 5), "");
    CHECK_STR(monaca_error_first_message_for(err, LIT("\xff")), "");
    /* Out-of-range indexes give the zero values. */
    CHECK_STR(monaca_error_param_name(err, 1), "");
    CHECK_STR(monaca_error_param_name(err, SIZE_MAX), "");
    CHECK(monaca_error_param_message_count(err, 1) == 0);
    CHECK(monaca_error_param_message_count(err, SIZE_MAX) == 0);
    CHECK_STR(monaca_error_param_message(err, 0, 1), "");
    CHECK_STR(monaca_error_param_message(err, 1, 0), "");
    CHECK_STR(monaca_error_param_message(err, SIZE_MAX, SIZE_MAX), "");
    /* Messages for a name, over every entry of that name. */
    CHECK(monaca_error_message_count_for(err, LIT("collectionName")) == 1);
    CHECK_STR(monaca_error_message_for(err, LIT("collectionName"), 0), "Collection not found.");
    CHECK_STR(monaca_error_message_for(err, LIT("collectionName"), 1), "");
    CHECK(monaca_error_message_count_for(err, LIT("other")) == 0);
    CHECK(monaca_error_message_count_for(err, NULL, 3) == 0);
    CHECK_STR(monaca_error_message_for(err, NULL, 3, 0), "");
    /* The description and the report, each written once by the core. */
    CHECK_STR(monaca_error_description(err), "Monaca error -32602 (INVALID_PARAMS): Invalid params");
    CHECK_STR(monaca_error_report_json(err),
              "{\"code\":-32602,\"kind\":\"JSON_RPC\",\"name\":\"INVALID_PARAMS\","
              "\"description\":\"Monaca error -32602 (INVALID_PARAMS): Invalid params\","
              "\"message\":\"Invalid params\",\"detail\":null,"
              "\"data\":\"{\\\"collectionName\\\":\\\"Collection not found.\\\"}\","
              "\"params\":[{\"name\":\"collectionName\",\"messages\":[\"Collection not found.\"]}],"
              "\"json\":\"{\\\"code\\\":-32602,\\\"message\\\":\\\"Invalid params\\\","
              "\\\"data\\\":{\\\"collectionName\\\":\\\"Collection not found.\\\"}}\"}");
    CHECK(MONACA_REPORT_SCHEMA == 1);
    CHECK_STR(monaca_error_description(NULL), "");
    CHECK_STR(monaca_error_report_json(NULL), "");
    /* Texts borrowed from a handle stay the same while it lives; to_json, the description and
       the report are built once. */
    CHECK(monaca_error_message(err).ptr == monaca_error_message(err).ptr);
    CHECK(monaca_error_to_json(err).ptr == monaca_error_to_json(err).ptr);
    CHECK(monaca_error_description(err).ptr == monaca_error_description(err).ptr);
    CHECK(monaca_error_report_json(err).ptr == monaca_error_report_json(err).ptr);
    monaca_error_free(err);
}

static void test_server_errors(void)
{
    MonacaError *err;

    /* No data: has_data false, data_json "", {} in the JSON form. */
    err = RESPOND(200, "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"error\":{\"code\":14,\"message\":\"Permission denied\"}}");
    CHECK(monaca_error_code(err) == 14);
    CHECK(monaca_error_kind(err) == MONACA_KIND_CLOUD_API);
    CHECK_STR(monaca_error_name(err), "PERMISSION_DENIED");
    CHECK_STR(monaca_error_message(err), "Permission denied");
    CHECK_STR(monaca_error_detail(err), "");
    CHECK(!monaca_error_has_data(err));
    CHECK_STR(monaca_error_data_json(err), "");
    CHECK(monaca_error_param_count(err) == 0);
    CHECK_STR(monaca_error_to_json(err), "{\"code\":14,\"message\":\"Permission denied\",\"data\":{}}");
    monaca_error_free(err);

    err = RESPOND(200, "{\"error\":{\"message\":\"Permission denied\",\"code\":-14}}");
    CHECK(monaca_error_code(err) == -14);
    CHECK(monaca_error_kind(err) == MONACA_KIND_CLOUD_API);
    CHECK_STR(monaca_error_name(err), "PERMISSION_DENIED");
    monaca_error_free(err);

    /* data is kept byte for byte (inner whitespace and duplicates included); other codes
     * than -32602 report no parameters. */
    err = RESPOND(200, "{\"error\":{\"code\":10,\"message\":\"bad\",\"data\" : { \"a\" : [ 1 , 2.50 ] ,\"a\":\"dup\" } }}");
    CHECK(monaca_error_kind(err) == MONACA_KIND_CLOUD_API);
    CHECK_STR(monaca_error_name(err), "SESSION_ID_INVALID");
    CHECK(monaca_error_has_data(err));
    CHECK_STR(monaca_error_data_json(err), "{ \"a\" : [ 1 , 2.50 ] ,\"a\":\"dup\" }");
    CHECK(monaca_error_param_count(err) == 0);
    CHECK_STR(monaca_error_first_message_for(err, LIT("a")), "");
    CHECK_STR(monaca_error_to_json(err),
              "{\"code\":10,\"message\":\"bad\",\"data\":{ \"a\" : [ 1 , 2.50 ] ,\"a\":\"dup\" }}");
    monaca_error_free(err);

    /* data that is null is present (sent), not absent. */
    err = RESPOND(200, "{\"error\":{\"code\":-32603,\"message\":\"Internal error\",\"data\":null}}");
    CHECK(monaca_error_kind(err) == MONACA_KIND_JSON_RPC);
    CHECK_STR(monaca_error_name(err), "INTERNAL_ERROR");
    CHECK(monaca_error_has_data(err));
    CHECK_STR(monaca_error_data_json(err), "null");
    CHECK_STR(monaca_error_to_json(err), "{\"code\":-32603,\"message\":\"Internal error\",\"data\":null}");
    monaca_error_free(err);

    /* -32602 whose data is not an object: no parameters, data still there. */
    err = RESPOND(200, "{\"error\":{\"code\":-32602,\"message\":\"Invalid params\",\"data\":\"oops\"}}");
    CHECK(monaca_error_param_count(err) == 0);
    CHECK_STR(monaca_error_data_json(err), "\"oops\"");
    monaca_error_free(err);

    /* User-defined, server-defined and unknown codes, and the int64 extremes. */
    err = RESPOND(200, "{\"error\":{\"code\":10001,\"message\":\"mine\"}}");
    CHECK(monaca_error_code(err) == 10001);
    CHECK(monaca_error_kind(err) == MONACA_KIND_USER_DEFINED);
    CHECK_STR(monaca_error_name(err), "");
    monaca_error_free(err);
    err = RESPOND(200, "{\"error\":{\"code\":-32050,\"message\":\"server\"}}");
    CHECK(monaca_error_kind(err) == MONACA_KIND_SERVER_DEFINED);
    CHECK_STR(monaca_error_name(err), "");
    monaca_error_free(err);
    err = RESPOND(200, "{\"error\":{\"code\":9223372036854775807,\"message\":\"max\"}}");
    CHECK(monaca_error_code(err) == INT64_MAX);
    CHECK(monaca_error_kind(err) == MONACA_KIND_USER_DEFINED);
    monaca_error_free(err);
    err = RESPOND(200, "{\"error\":{\"code\":-9223372036854775808,\"message\":\"min\"}}");
    CHECK(monaca_error_code(err) == INT64_MIN);
    CHECK(monaca_error_kind(err) == MONACA_KIND_UNKNOWN);
    CHECK_STR(monaca_error_name(err), "");
    CHECK_STR(monaca_error_to_json(err), "{\"code\":-9223372036854775808,\"message\":\"min\",\"data\":{}}");
    monaca_error_free(err);

    /* An error next to a result is still an error. */
    err = RESPOND(200, "{\"result\":\"OK\",\"error\":{\"code\":11,\"message\":\"login\"}}");
    CHECK(err != NULL);
    CHECK(monaca_error_code(err) == 11);
    CHECK_STR(monaca_error_name(err), "USER_LOGIN_REQUIRED");
    monaca_error_free(err);

    /* 304 parses the body like 200 does. */
    err = RESPOND(304, "{\"error\":{\"code\":4,\"message\":\"key\"}}");
    CHECK(monaca_error_code(err) == 4);
    CHECK_STR(monaca_error_name(err), "API_KEY_INVALID");
    CHECK_STR(monaca_error_detail(err), "");
    monaca_error_free(err);
    client_error_at(__FILE__, __LINE__, RESPOND(304, ""), MONACA_CODE_INVALID_RESPONSE);
    client_error_at(__FILE__, __LINE__, RESPOND(304, "not json"), MONACA_CODE_INVALID_RESPONSE);
}

static void test_invalid_responses(void)
{
    static const char bad_utf8[] = "{\"result\":\"\xff\"}";
    static const char bad_utf8_message[] = "{\"error\":{\"code\":1,\"message\":\"\xc3\x28\"}}";
    static const char bad_byte_outside[] = "{\"result\":1}\xff";
    static char deep[4 * MONACA_MAX_DEPTH + 64];
    MonacaError *err;
    int i;
    size_t n = 0;

    /* Empty body, as an empty buffer and as NULL with length 0. */
    INVALID_RESPONSE("");
    INVALID_RESPONSE("   \n");
    err = DUMMY;
    CHECK(monaca_error_from_response(200, NULL, 0, &err) == MONACA_STATUS_OK);
    client_error_at(__FILE__, __LINE__, err == DUMMY ? NULL : err, MONACA_CODE_INVALID_RESPONSE);

    /* Not JSON, truncated, trailing garbage. */
    INVALID_RESPONSE("not json");
    INVALID_RESPONSE("<html>502 Bad Gateway</html>");
    INVALID_RESPONSE("{\"result\":");
    INVALID_RESPONSE("{\"result\":1} x");
    INVALID_RESPONSE("{\"result\":1}{\"result\":2}");
    INVALID_RESPONSE("{\"result\":tru}");
    /* Invalid UTF-8 inside strings becomes U+FFFD, as a browser decodes it (a success stays
       one); outside strings it is a syntax error. */
    success_at(__FILE__, __LINE__, 200, bad_utf8, sizeof bad_utf8 - 1);
    err = respond_at(__FILE__, __LINE__, 200, bad_utf8_message, sizeof bad_utf8_message - 1);
    CHECK(monaca_error_code(err) == 1);
    CHECK_STR(monaca_error_message(err), "\xef\xbf\xbd(");
    monaca_error_free(err);
    client_error_at(__FILE__, __LINE__,
                    respond_at(__FILE__, __LINE__, 200, bad_byte_outside, sizeof bad_byte_outside - 1),
                    MONACA_CODE_INVALID_RESPONSE);
    /* A NUL byte in the body outside a string is not JSON. */
    INVALID_RESPONSE("{\"result\":1}\0");

    /* JSON, but not an object. */
    INVALID_RESPONSE("[]");
    INVALID_RESPONSE("[{\"result\":1}]");
    INVALID_RESPONSE("\"OK\"");
    INVALID_RESPONSE("null");
    INVALID_RESPONSE("42");

    /* Neither result nor error. */
    INVALID_RESPONSE("{}");
    INVALID_RESPONSE("{\"jsonrpc\":\"2.0\",\"id\":\"1\"}");
    INVALID_RESPONSE("{\"error\":null}");

    /* Malformed error. */
    INVALID_RESPONSE("{\"error\":\"boom\"}");
    INVALID_RESPONSE("{\"error\":[]}");
    INVALID_RESPONSE("{\"error\":42}");
    INVALID_RESPONSE("{\"error\":{}}");
    INVALID_RESPONSE("{\"error\":{\"message\":\"no code\"}}");
    INVALID_RESPONSE("{\"error\":{\"code\":\"1\",\"message\":\"string code\"}}");
    INVALID_RESPONSE("{\"error\":{\"code\":null,\"message\":\"null code\"}}");
    INVALID_RESPONSE("{\"error\":{\"code\":1.5,\"message\":\"fraction\"}}");
    INVALID_RESPONSE("{\"error\":{\"code\":1e-3,\"message\":\"fraction\"}}");
    INVALID_RESPONSE("{\"error\":{\"code\":1e400,\"message\":\"too big\"}}");
    INVALID_RESPONSE("{\"error\":{\"code\":9223372036854775808,\"message\":\"too big\"}}");
    INVALID_RESPONSE("{\"error\":{\"code\":-9223372036854775809,\"message\":\"too small\"}}");
    INVALID_RESPONSE("{\"error\":{\"code\":1}}");
    INVALID_RESPONSE("{\"error\":{\"code\":1,\"message\":2}}");
    INVALID_RESPONSE("{\"error\":{\"code\":1,\"message\":null}}");
    INVALID_RESPONSE("{\"result\":\"OK\",\"error\":\"boom\"}");

    /* Codes in any integral notation are that integer, as JSON.parse reads them. */
    err = RESPOND(200, "{\"error\":{\"code\":1.0,\"message\":\"m\"}}");
    CHECK(monaca_error_code(err) == 1);
    monaca_error_free(err);
    err = RESPOND(200, "{\"error\":{\"code\":-3.2602e4,\"message\":\"m\",\"data\":{\"a\":\"x\"}}}");
    CHECK(monaca_error_code(err) == MONACA_CODE_INVALID_PARAMS);
    CHECK_STR(monaca_error_first_message_for(err, LIT("a")), "x");
    monaca_error_free(err);

    /* The last of duplicated members wins, as in JSON.parse. */
    err = RESPOND(200, "{\"error\":{\"code\":1,\"message\":\"a\"},\"error\":{\"code\":2,\"message\":\"b\"}}");
    CHECK(monaca_error_code(err) == 2);
    CHECK_STR(monaca_error_message(err), "b");
    monaca_error_free(err);
    SUCCESS(200, "{\"error\":null,\"result\":1,\"error\":null}");
    SUCCESS(200, "{\"result\":1,\"result\":2}");
    SUCCESS(200, "{\"error\":{\"code\":1,\"message\":\"a\"},\"error\":null,\"result\":1}");
    err = RESPOND(200, "{\"error\":{\"code\":1,\"code\":2,\"message\":\"a\",\"message\":\"b\"}}");
    CHECK(monaca_error_code(err) == 2);
    CHECK_STR(monaca_error_message(err), "b");
    monaca_error_free(err);
    INVALID_RESPONSE("{\"error\":{\"code\":1,\"message\":\"a\"},\"error\":5}");

    /* Nesting far deeper than MONACA_MAX_DEPTH. */
    n += (size_t)sprintf(deep, "{\"result\":");
    for (i = 0; i < 2 * MONACA_MAX_DEPTH; i++)
        deep[n++] = '[';
    for (i = 0; i < 2 * MONACA_MAX_DEPTH; i++)
        deep[n++] = ']';
    deep[n++] = '}';
    client_error_at(__FILE__, __LINE__, respond_at(__FILE__, __LINE__, 200, deep, n),
                    MONACA_CODE_INVALID_RESPONSE);
    /* ... while MONACA_MAX_DEPTH in all (the envelope is one level) is fine. */
    n = (size_t)sprintf(deep, "{\"result\":");
    for (i = 0; i < MONACA_MAX_DEPTH - 1; i++)
        deep[n++] = '[';
    for (i = 0; i < MONACA_MAX_DEPTH - 1; i++)
        deep[n++] = ']';
    deep[n++] = '}';
    success_at(__FILE__, __LINE__, 200, deep, n);
    /* ... and so is a modest depth. */
    n = (size_t)sprintf(deep, "{\"result\":");
    for (i = 0; i < 10; i++)
        deep[n++] = '[';
    for (i = 0; i < 10; i++)
        deep[n++] = ']';
    deep[n++] = '}';
    success_at(__FILE__, __LINE__, 200, deep, n);

    /* A JSON syntax error's detail gives the line and column. */
    err = RESPOND(200, "{\n  \"result\": x}");
    CHECK(monaca_error_code(err) == MONACA_CODE_INVALID_RESPONSE);
    CHECK(str_ok(monaca_error_detail(err)) && strstr(monaca_error_detail(err).ptr, "line 2") != NULL);
    CHECK(str_ok(monaca_error_detail(err)) && strstr(monaca_error_detail(err).ptr, "column") != NULL);
    monaca_error_free(err);
}

static void test_invalid_status(void)
{
    static const int32_t statuses[] = {500, 404, 199, 300, 301, 303, 305, 600, -1, INT32_MAX, INT32_MIN};
    size_t i;
    MonacaError *err;

    /* Whatever the body, a non-success status is -13, with a detail naming the status. */
    err = RESPOND(500, "{\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}");
    CHECK(str_ok(monaca_error_detail(err)) && strstr(monaca_error_detail(err).ptr, "500") != NULL);
    client_error_at(__FILE__, __LINE__, err, MONACA_CODE_INVALID_STATUS_CODE);
    for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        client_error_at(__FILE__, __LINE__, RESPOND(statuses[i], "{\"result\":\"OK\"}"),
                        MONACA_CODE_INVALID_STATUS_CODE);
    client_error_at(__FILE__, __LINE__, RESPOND(404, "not json"), MONACA_CODE_INVALID_STATUS_CODE);

    /* Status 0: no response arrived, no body. */
    err = DUMMY;
    CHECK(monaca_error_from_response(0, NULL, 0, &err) == MONACA_STATUS_OK);
    client_error_at(__FILE__, __LINE__, err == DUMMY ? NULL : err, MONACA_CODE_INVALID_STATUS_CODE);
}

static void test_params(void)
{
    MonacaError *err;

    /* Arrays give one message per element; order is the server's. */
    err = RESPOND(200, "{\"error\":{\"code\":-32602,\"message\":\"Invalid params\",\"data\":"
                       "{\"password\":[\"too short\",\"needs a digit\"],\"email\":\"bad\",\"empty\":[]}}}");
    CHECK(monaca_error_param_count(err) == 3);
    CHECK_STR(monaca_error_param_name(err, 0), "password");
    CHECK(monaca_error_param_message_count(err, 0) == 2);
    CHECK_STR(monaca_error_param_message(err, 0, 0), "too short");
    CHECK_STR(monaca_error_param_message(err, 0, 1), "needs a digit");
    CHECK_STR(monaca_error_param_message(err, 0, 2), "");
    CHECK_STR(monaca_error_param_name(err, 1), "email");
    CHECK(monaca_error_param_message_count(err, 1) == 1);
    CHECK_STR(monaca_error_param_message(err, 1, 0), "bad");
    CHECK_STR(monaca_error_param_name(err, 2), "empty");
    CHECK(monaca_error_param_message_count(err, 2) == 0);
    CHECK_STR(monaca_error_param_message(err, 2, 0), "");
    CHECK_STR(monaca_error_first_message_for(err, LIT("password")), "too short");
    CHECK_STR(monaca_error_first_message_for(err, LIT("email")), "bad");
    CHECK_STR(monaca_error_first_message_for(err, LIT("empty")), "");
    CHECK_STR(monaca_error_param_name(err, 3), "");
    monaca_error_free(err);

    /* Nested objects give dotted names; non-string values are given as their JSON text. */
    err = RESPOND(200, "{\"error\":{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{"
                       "\"properties\":{\"age\":\"must be a number\",\"name\":{\"first\":\"required\"}},"
                       "\"tags\":[1,\"x\",null,{\"k\":true},[2]],"
                       "\"n\":42,\"b\":false,\"z\":null,\"o\":{\"a\":\"x\"}}}}");
    CHECK(monaca_error_param_count(err) == 7);
    CHECK_STR(monaca_error_param_name(err, 0), "properties.age");
    CHECK_STR(monaca_error_param_message(err, 0, 0), "must be a number");
    CHECK_STR(monaca_error_param_name(err, 1), "properties.name.first");
    CHECK_STR(monaca_error_param_message(err, 1, 0), "required");
    CHECK_STR(monaca_error_param_name(err, 2), "tags");
    CHECK(monaca_error_param_message_count(err, 2) == 5);
    CHECK_STR(monaca_error_param_message(err, 2, 0), "1");
    CHECK_STR(monaca_error_param_message(err, 2, 1), "x");
    CHECK_STR(monaca_error_param_message(err, 2, 2), "null");
    CHECK_STR(monaca_error_param_message(err, 2, 3), "{\"k\":true}");
    CHECK_STR(monaca_error_param_message(err, 2, 4), "[2]");
    CHECK_STR(monaca_error_param_name(err, 3), "n");
    CHECK(monaca_error_param_message_count(err, 3) == 1);
    CHECK_STR(monaca_error_param_message(err, 3, 0), "42");
    CHECK_STR(monaca_error_param_name(err, 4), "b");
    CHECK_STR(monaca_error_param_message(err, 4, 0), "false");
    CHECK_STR(monaca_error_param_name(err, 5), "z");
    CHECK_STR(monaca_error_param_message(err, 5, 0), "null");
    CHECK_STR(monaca_error_param_name(err, 6), "o.a");
    CHECK_STR(monaca_error_param_message(err, 6, 0), "x");
    CHECK_STR(monaca_error_first_message_for(err, LIT("properties.age")), "must be a number");
    CHECK_STR(monaca_error_first_message_for(err, LIT("properties.name.first")), "required");
    CHECK_STR(monaca_error_first_message_for(err, LIT("age")), "");
    CHECK_STR(monaca_error_first_message_for(err, LIT("properties")), "");
    CHECK_STR(monaca_error_first_message_for(err, LIT("tags")), "1");
    CHECK_STR(monaca_error_first_message_for(err, LIT("n")), "42");
    CHECK_STR(monaca_error_param_name(err, 7), "");
    monaca_error_free(err);
}

static void test_text_fidelity(void)
{
    MonacaError *err;
    static const char party[] = "party \xf0\x9f\x8e\x89";

    /* An escaped NUL decodes to one NUL byte, and goes back out as \u0000. */
    err = RESPOND(200, "{\"error\":{\"code\":1,\"message\":\"a\\u0000b\"}}");
    CHECK_STR(monaca_error_message(err), "a\0b");
    CHECK(monaca_error_message(err).len == 3);
    CHECK_STR(monaca_error_to_json(err), "{\"code\":1,\"message\":\"a\\u0000b\",\"data\":{}}");
    monaca_error_free(err);

    /* An emoji as a surrogate pair and as raw UTF-8 decode to the same 4 bytes. */
    err = RESPOND(200, "{\"error\":{\"code\":1,\"message\":\"party \\ud83c\\udf89\"}}");
    CHECK(str_eq(monaca_error_message(err), party, sizeof party - 1));
    monaca_error_free(err);
    err = RESPOND(200, "{\"error\":{\"code\":1,\"message\":\"party \xf0\x9f\x8e\x89\"}}");
    CHECK(str_eq(monaca_error_message(err), party, sizeof party - 1));
    monaca_error_free(err);

    /* U+2028, escaped and raw; other escapes decoded. */
    err = RESPOND(200, "{\"error\":{\"code\":1,\"message\":\"line\\u2028sep\"}}");
    CHECK_STR(monaca_error_message(err), "line\xe2\x80\xa8" "sep");
    monaca_error_free(err);
    err = RESPOND(200, "{\"error\":{\"code\":1,\"message\":\"line\xe2\x80\xa8" "sep\"}}");
    CHECK_STR(monaca_error_message(err), "line\xe2\x80\xa8" "sep");
    monaca_error_free(err);
    err = RESPOND(200, "{\"error\":{\"code\":1,\"message\":\"q\\\"b\\\\s\\/n\\nt\\t\\u00e9\"}}");
    CHECK_STR(monaca_error_message(err), "q\"b\\s/n\nt\t\xc3\xa9");
    monaca_error_free(err);

    /* Non-ASCII parameter names and messages, escaped keys decoded, byte-exact lookups. */
    err = RESPOND(200, "{\"error\":{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{"
                       "\"\xe5\x90\x8d\xe5\x89\x8d\":\"\xe5\xbf\x85\xe9\xa0\x88\","
                       "\"\\u00e9moji\\ud83c\\udf89\":[\"\\u00fc\",\"\xc3\xbc\\u0000!\"],"
                       "\"na\\u006de\":{\"\\u00e9\":\"x\\u2028y\"}}}}");
    CHECK(monaca_error_param_count(err) == 3);
    CHECK_STR(monaca_error_param_name(err, 0), "\xe5\x90\x8d\xe5\x89\x8d");
    CHECK_STR(monaca_error_param_message(err, 0, 0), "\xe5\xbf\x85\xe9\xa0\x88");
    CHECK_STR(monaca_error_param_name(err, 1), "\xc3\xa9moji\xf0\x9f\x8e\x89");
    CHECK(monaca_error_param_message_count(err, 1) == 2);
    CHECK_STR(monaca_error_param_message(err, 1, 0), "\xc3\xbc");
    CHECK_STR(monaca_error_param_message(err, 1, 1), "\xc3\xbc\0!");
    CHECK_STR(monaca_error_param_name(err, 2), "name.\xc3\xa9");
    CHECK_STR(monaca_error_param_message(err, 2, 0), "x\xe2\x80\xa8y");
    CHECK_STR(monaca_error_first_message_for(err, LIT("\xe5\x90\x8d\xe5\x89\x8d")), "\xe5\xbf\x85\xe9\xa0\x88");
    CHECK_STR(monaca_error_first_message_for(err, LIT("\xc3\xa9moji\xf0\x9f\x8e\x89")), "\xc3\xbc");
    CHECK_STR(monaca_error_first_message_for(err, LIT("name.\xc3\xa9")), "x\xe2\x80\xa8y");
    /* The data itself stays as sent, escapes and all. */
    CHECK_STR(monaca_error_data_json(err),
              "{\"\xe5\x90\x8d\xe5\x89\x8d\":\"\xe5\xbf\x85\xe9\xa0\x88\","
              "\"\\u00e9moji\\ud83c\\udf89\":[\"\\u00fc\",\"\xc3\xbc\\u0000!\"],"
              "\"na\\u006de\":{\"\\u00e9\":\"x\\u2028y\"}}");
    monaca_error_free(err);
}

static void test_timeout(void)
{
    MonacaError *err = monaca_error_timeout();
    CHECK(err != NULL);
    CHECK(monaca_error_code(err) == -11);
    CHECK(monaca_error_code(err) == MONACA_CODE_CONNECTION_TIMED_OUT);
    CHECK(monaca_error_kind(err) == MONACA_KIND_CLIENT);
    CHECK_STR(monaca_error_name(err), "CONNECTION_TIMED_OUT");
    CHECK_STR(monaca_error_message(err), "Connection timeout");
    CHECK_STR(monaca_error_detail(err), "");
    CHECK(!monaca_error_has_data(err));
    CHECK_STR(monaca_error_data_json(err), "");
    CHECK(monaca_error_param_count(err) == 0);
    CHECK_STR(monaca_error_to_json(err), "{\"code\":-11,\"message\":\"Connection timeout\",\"data\":{}}");
    monaca_error_free(err);
    /* A body over a client's limit: -12 naming the limit. */
    err = monaca_error_body_too_large(33554432);
    CHECK(err != NULL && monaca_error_code(err) == MONACA_CODE_INVALID_RESPONSE);
    CHECK_STR(monaca_error_message(err), "Invalid response");
    CHECK_STR(monaca_error_detail(err), "the response body is larger than the limit of 33554432 bytes");
    CHECK_STR(monaca_error_to_json(err), "{\"code\":-12,\"message\":\"Invalid response\",\"data\":{}}");
    monaca_error_free(err);
}

static void test_new(void)
{
    MonacaError *err;
    size_t live = monaca_error_live_count();
    static char deep[4 * MONACA_MAX_DEPTH + 64];
    int i;
    size_t n = 0;

    /* Data with whitespace around it: the whitespace is dropped, the rest kept as given. */
    CHECK(make(10001, LIT("mine"), LIT("  {\"x\": 1,\n \"y\" : [ ]}\n\t"), &err) == MONACA_STATUS_OK);
    CHECK(err != NULL && err != DUMMY);
    CHECK(monaca_error_code(err) == 10001);
    CHECK(monaca_error_kind(err) == MONACA_KIND_USER_DEFINED);
    CHECK_STR(monaca_error_name(err), "");
    CHECK_STR(monaca_error_message(err), "mine");
    CHECK_STR(monaca_error_detail(err), "");
    CHECK(monaca_error_has_data(err));
    CHECK_STR(monaca_error_data_json(err), "{\"x\": 1,\n \"y\" : [ ]}");
    CHECK(monaca_error_param_count(err) == 0);
    CHECK_STR(monaca_error_to_json(err), "{\"code\":10001,\"message\":\"mine\",\"data\":{\"x\": 1,\n \"y\" : [ ]}}");
    monaca_error_free(err);

    /* Any JSON value is data, kept verbatim. */
    CHECK(make(5, LIT("m"), LIT("[1, 2.50, \"x\", 1E+2]"), &err) == MONACA_STATUS_OK);
    CHECK_STR(monaca_error_to_json(err), "{\"code\":5,\"message\":\"m\",\"data\":[1, 2.50, \"x\", 1E+2]}");
    CHECK(monaca_error_kind(err) == MONACA_KIND_UNKNOWN);
    monaca_error_free(err);

    /* NULL data: no data. */
    CHECK(make(12, LIT("device"), NULL, 0, &err) == MONACA_STATUS_OK);
    CHECK(!monaca_error_has_data(err));
    CHECK_STR(monaca_error_data_json(err), "");
    CHECK_STR(monaca_error_name(err), "DEVICE_ID_REQUIRED");
    CHECK_STR(monaca_error_to_json(err), "{\"code\":12,\"message\":\"device\",\"data\":{}}");
    monaca_error_free(err);

    /* A message with a NUL, quote, backslash, newline and U+0001: JSON escapes. */
    CHECK(make(1, LIT("q\"b\\n\nc\x01z\0e"), NULL, 0, &err) == MONACA_STATUS_OK);
    CHECK_STR(monaca_error_message(err), "q\"b\\n\nc\x01z\0e");
    CHECK_STR(monaca_error_to_json(err),
              "{\"code\":1,\"message\":\"q\\\"b\\\\n\\nc\\u0001z\\u0000e\",\"data\":{}}");
    monaca_error_free(err);

    /* NULL message with length 0 is an empty message. */
    CHECK(make(13, NULL, 0, NULL, 0, &err) == MONACA_STATUS_OK);
    CHECK(err != NULL && err != DUMMY);
    CHECK_STR(monaca_error_message(err), "");
    CHECK_STR(monaca_error_to_json(err), "{\"code\":13,\"message\":\"\",\"data\":{}}");
    monaca_error_free(err);

    /* A client code made by new() has no detail: only errors made from a response do. */
    CHECK(make(-12, LIT("Invalid response"), NULL, 0, &err) == MONACA_STATUS_OK);
    CHECK(monaca_error_kind(err) == MONACA_KIND_CLIENT);
    CHECK_STR(monaca_error_detail(err), "");
    monaca_error_free(err);

    /* A -32602 made with new() has its parameters too. */
    CHECK(make(-32602, LIT("Invalid params"), LIT("{\"f\":\"bad\",\"g\":{\"h\":[\"x\",\"y\"]}}"), &err) ==
          MONACA_STATUS_OK);
    CHECK(monaca_error_kind(err) == MONACA_KIND_JSON_RPC);
    CHECK_STR(monaca_error_name(err), "INVALID_PARAMS");
    CHECK(monaca_error_param_count(err) == 2);
    CHECK_STR(monaca_error_param_name(err, 0), "f");
    CHECK_STR(monaca_error_param_name(err, 1), "g.h");
    CHECK(monaca_error_param_message_count(err, 1) == 2);
    CHECK_STR(monaca_error_first_message_for(err, LIT("g.h")), "x");
    monaca_error_free(err);

    /* The int64 extremes. */
    CHECK(make(INT64_MIN, LIT("min"), NULL, 0, &err) == MONACA_STATUS_OK);
    CHECK(monaca_error_code(err) == INT64_MIN);
    CHECK_STR(monaca_error_to_json(err), "{\"code\":-9223372036854775808,\"message\":\"min\",\"data\":{}}");
    monaca_error_free(err);
    CHECK(make(INT64_MAX, LIT("max"), NULL, 0, &err) == MONACA_STATUS_OK);
    CHECK_STR(monaca_error_to_json(err), "{\"code\":9223372036854775807,\"message\":\"max\",\"data\":{}}");
    monaca_error_free(err);

    CHECK(monaca_error_live_count() == live);

    /* Refused arguments: the status says why, *out is NULL and no handle is made. */
    CHECK(make(1, LIT("m"), LIT("{\"x\":"), &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(err == NULL);
    CHECK(make(1, LIT("m"), LIT("not json"), &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(err == NULL);
    CHECK(make(1, LIT("m"), LIT("1 2"), &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(err == NULL);
    CHECK(make(1, LIT("m"), LIT("{\"a\":1}}"), &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(err == NULL);
    CHECK(make(1, LIT("m"), LIT("   "), &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(err == NULL);
    CHECK(make(1, LIT("m"), LIT(""), &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(err == NULL);
    CHECK(make(1, LIT("m"), LIT("\"\xff\""), &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(err == NULL);
    n += (size_t)sprintf(deep, "{\"a\":");
    for (i = 0; i < 2 * MONACA_MAX_DEPTH; i++)
        deep[n++] = '[';
    for (i = 0; i < 2 * MONACA_MAX_DEPTH; i++)
        deep[n++] = ']';
    deep[n++] = '}';
    CHECK(make(1, LIT("m"), deep, n, &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(err == NULL);
    CHECK(make(1, LIT("\xc3\x28"), NULL, 0, &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(err == NULL);
    CHECK(make(1, LIT("\xed\xa0\x80"), NULL, 0, &err) == MONACA_STATUS_INVALID_ARGUMENT); /* a surrogate */
    CHECK(err == NULL);
    CHECK(make(1, NULL, 5, NULL, 0, &err) == MONACA_STATUS_NULL_ARGUMENT);
    CHECK(err == NULL);
    CHECK(make(1, LIT("m"), NULL, 3, &err) == MONACA_STATUS_NULL_ARGUMENT);
    CHECK(err == NULL);
    {
        /* The refusal explained: argument, reason and where, in the caller's struct. */
        MonacaArgumentError why;
        CHECK(monaca_error_new_explained(1, LIT("m"), LIT("{\n  \"a\": }"), &err, &why) ==
              MONACA_STATUS_INVALID_ARGUMENT);
        CHECK(err == NULL);
        CHECK_STR(why.argument, "data_json");
        CHECK(strcmp(why.reason, "expected a JSON value") == 0);
        CHECK(why.offset == 9 && why.line == 2 && why.column == 8);
        CHECK(strcmp(why.explanation,
                     "data is not valid JSON: expected a JSON value at line 2, column 8 (byte offset 9)") == 0);
        CHECK(monaca_error_new_explained(1, LIT("ab\xc3\x28"), NULL, 0, &err, &why) ==
              MONACA_STATUS_INVALID_ARGUMENT);
        CHECK_STR(why.argument, "message");
        CHECK(strcmp(why.reason, "invalid UTF-8") == 0 && why.offset == 2 && why.line == 0);
        CHECK(monaca_error_new_explained(1, LIT("m"), NULL, 4, &err, &why) == MONACA_STATUS_NULL_ARGUMENT);
        CHECK_STR(why.argument, "data_json");
        CHECK(strcmp(why.explanation, "data_json is NULL with a non-zero length") == 0);
        /* Success clears it; NULL `why` is allowed. */
        CHECK(monaca_error_new_explained(1, LIT("m"), LIT("[1]"), &err, &why) == MONACA_STATUS_OK);
        CHECK(why.argument.len == 0 && why.reason[0] == '\0' && why.explanation[0] == '\0');
        monaca_error_free(err);
        CHECK(monaca_error_new_explained(1, LIT("m"), LIT("["), &err, NULL) == MONACA_STATUS_INVALID_ARGUMENT);
        CHECK(err == NULL);
    }
    CHECK(monaca_error_new(1, LIT("m"), NULL, 0, NULL) == MONACA_STATUS_NULL_ARGUMENT);
    CHECK(monaca_error_new(1, LIT("m"), LIT("{}"), NULL) == MONACA_STATUS_NULL_ARGUMENT);
    CHECK(monaca_error_live_count() == live);
}

static void test_null_arguments(void)
{
    MonacaError *err;
    size_t live = monaca_error_live_count();

    /* A NULL handle gives the zero value from every accessor. */
    CHECK(monaca_error_code(NULL) == 0);
    CHECK(monaca_error_kind(NULL) == MONACA_KIND_UNKNOWN);
    CHECK_STR(monaca_error_message(NULL), "");
    CHECK_STR(monaca_error_name(NULL), "");
    CHECK_STR(monaca_error_detail(NULL), "");
    CHECK(!monaca_error_has_data(NULL));
    CHECK_STR(monaca_error_data_json(NULL), "");
    CHECK_STR(monaca_error_to_json(NULL), "");
    CHECK(monaca_error_param_count(NULL) == 0);
    CHECK_STR(monaca_error_param_name(NULL, 0), "");
    CHECK(monaca_error_param_message_count(NULL, 0) == 0);
    CHECK_STR(monaca_error_param_message(NULL, 0, 0), "");
    CHECK_STR(monaca_error_first_message_for(NULL, LIT("collectionName")), "");
    CHECK_STR(monaca_error_first_message_for(NULL, NULL, 0), "");
    CHECK_STR(monaca_error_first_message_for(NULL, NULL, 3), "");
    monaca_error_free(NULL); /* a no-op: reaching the next line is the check */
    CHECK(monaca_error_live_count() == live);

    /* from_response: NULL out, and NULL body with a non-zero length. */
    CHECK(monaca_error_from_response(200, (const uint8_t *)"{\"result\":1}", 12, NULL) ==
          MONACA_STATUS_NULL_ARGUMENT);
    CHECK(monaca_error_from_response(200, (const uint8_t *)"x", 1, NULL) == MONACA_STATUS_NULL_ARGUMENT);
    CHECK(monaca_error_from_response(0, NULL, 0, NULL) == MONACA_STATUS_NULL_ARGUMENT);
    err = DUMMY;
    CHECK(monaca_error_from_response(200, NULL, 5, &err) == MONACA_STATUS_NULL_ARGUMENT);
    CHECK(err == NULL);
    err = DUMMY;
    CHECK(monaca_error_from_response(500, NULL, 1, &err) == MONACA_STATUS_NULL_ARGUMENT);
    CHECK(err == NULL);
    CHECK(monaca_error_live_count() == live);
}

struct code_case {
    int64_t code;
    MonacaErrorKind kind;
    const char *name; /* "" when the code has none */
};

static void test_catalogue(void)
{
    static const struct code_case cases[] = {
        {MONACA_CODE_PARSE_ERROR, MONACA_KIND_JSON_RPC, "PARSE_ERROR"},
        {MONACA_CODE_INTERNAL_ERROR, MONACA_KIND_JSON_RPC, "INTERNAL_ERROR"},
        {MONACA_CODE_INVALID_PARAMS, MONACA_KIND_JSON_RPC, "INVALID_PARAMS"},
        {MONACA_CODE_METHOD_NOT_FOUND, MONACA_KIND_JSON_RPC, "METHOD_NOT_FOUND"},
        {MONACA_CODE_INVALID_REQUEST, MONACA_KIND_JSON_RPC, "INVALID_REQUEST"},
        {MONACA_CODE_INVALID_STATUS_CODE, MONACA_KIND_CLIENT, "INVALID_STATUS_CODE"},
        {MONACA_CODE_INVALID_RESPONSE, MONACA_KIND_CLIENT, "INVALID_RESPONSE"},
        {MONACA_CODE_CONNECTION_TIMED_OUT, MONACA_KIND_CLIENT, "CONNECTION_TIMED_OUT"},
        {MONACA_CODE_API_KEY_INVALID, MONACA_KIND_CLOUD_API, "API_KEY_INVALID"},
        {MONACA_CODE_SESSION_ID_INVALID, MONACA_KIND_CLOUD_API, "SESSION_ID_INVALID"},
        {MONACA_CODE_USER_LOGIN_REQUIRED, MONACA_KIND_CLOUD_API, "USER_LOGIN_REQUIRED"},
        {MONACA_CODE_DEVICE_ID_REQUIRED, MONACA_KIND_CLOUD_API, "DEVICE_ID_REQUIRED"},
        {MONACA_CODE_OPERATION_INVALID, MONACA_KIND_CLOUD_API, "OPERATION_INVALID"},
        {MONACA_CODE_PERMISSION_DENIED, MONACA_KIND_CLOUD_API, "PERMISSION_DENIED"},
        {MONACA_CODE_PERMISSION_DENIED_NEGATIVE, MONACA_KIND_CLOUD_API, "PERMISSION_DENIED"},
        {MONACA_CODE_CALL_LIMIT_EXCEEDED, MONACA_KIND_CLOUD_API, "CALL_LIMIT_EXCEEDED"},
        {MONACA_CODE_USER_DEFINED_MIN, MONACA_KIND_USER_DEFINED, ""},
        /* Undocumented codes: by range, without a name. */
        {-32050, MONACA_KIND_SERVER_DEFINED, ""},
        {-32099, MONACA_KIND_SERVER_DEFINED, ""},
        {-32000, MONACA_KIND_SERVER_DEFINED, ""},
        {-32100, MONACA_KIND_UNKNOWN, ""},
        {-31999, MONACA_KIND_UNKNOWN, ""},
        {-32768, MONACA_KIND_UNKNOWN, ""},
        {10000, MONACA_KIND_USER_DEFINED, ""},
        {123456, MONACA_KIND_USER_DEFINED, ""},
        {INT64_MAX, MONACA_KIND_USER_DEFINED, ""},
        {9998, MONACA_KIND_UNKNOWN, ""},
        {0, MONACA_KIND_UNKNOWN, ""},
        {-1, MONACA_KIND_UNKNOWN, ""},
        {-10, MONACA_KIND_UNKNOWN, ""},
        {-15, MONACA_KIND_UNKNOWN, ""},
        {1, MONACA_KIND_UNKNOWN, ""},
        {INT64_MIN, MONACA_KIND_UNKNOWN, ""},
    };
    size_t i;

    CHECK(sizeof cases / sizeof cases[0] == 33);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct code_case *c = &cases[i];
        MonacaError *err;
        sprintf(context, " [code %lld]", (long long)c->code);
        CHECK(monaca_code_kind(c->code) == c->kind);
        CHECK(str_eq(monaca_code_name(c->code), c->name, strlen(c->name)));
        CHECK_NONEMPTY(monaca_code_description(c->code));
        /* A handle with that code reports the same kind and name. */
        CHECK(make(c->code, LIT("m"), NULL, 0, &err) == MONACA_STATUS_OK);
        CHECK(monaca_error_kind(err) == c->kind);
        CHECK(str_eq(monaca_error_name(err), c->name, strlen(c->name)));
        monaca_error_free(err);
    }
    context[0] = '\0';
    /* The two permission-denied codes share their name. */
    CHECK_STR(monaca_code_name(14), "PERMISSION_DENIED");
    CHECK_STR(monaca_code_name(-14), "PERMISSION_DENIED");

    /* Every status has a description; a value outside MonacaStatus has one too. */
    CHECK_NONEMPTY(monaca_status_description(MONACA_STATUS_OK));
    CHECK_NONEMPTY(monaca_status_description(MONACA_STATUS_NULL_ARGUMENT));
    CHECK_NONEMPTY(monaca_status_description(MONACA_STATUS_INVALID_ARGUMENT));
    CHECK_NONEMPTY(monaca_status_description(MONACA_STATUS_PANIC));
    CHECK_STR(monaca_status_description((MonacaStatus)42), "unknown status");
    CHECK_STR(monaca_status_description((MonacaStatus)-1), "unknown status");
}

static void test_versions(void)
{
    CHECK_STR(monaca_version(), EXPECTED_VERSION);
    CHECK(monaca_abi_version() == MONACA_ABI_VERSION);
}

static void test_live_count(void)
{
    size_t base = monaca_error_live_count();
    MonacaError *a, *b, *c, *none;

    a = monaca_error_timeout();
    CHECK(monaca_error_live_count() == base + 1);
    CHECK(make(1, LIT("m"), NULL, 0, &b) == MONACA_STATUS_OK);
    CHECK(monaca_error_live_count() == base + 2);
    c = RESPOND(200, "not json");
    CHECK(monaca_error_live_count() == base + 3);
    /* A success response makes no handle. */
    none = RESPOND(200, "{\"result\":\"OK\"}");
    CHECK(none == NULL);
    CHECK(monaca_error_live_count() == base + 3);
    monaca_error_free(b);
    CHECK(monaca_error_live_count() == base + 2);
    monaca_error_free(a);
    CHECK(monaca_error_live_count() == base + 1);
    monaca_error_free(c);
    CHECK(monaca_error_live_count() == base);
}

/* ==== lengths and codes at the edges of size_t and int64_t (what 32-bit targets show) ====
 *
 * On a 32-bit target size_t and ptrdiff_t are 32 bits while codes stay int64_t, so this
 * section catches a length compared or a code stored in the wrong width. It runs everywhere
 * (scripts/cross-test.sh runs it on aarch64, armv7 and i686). Lengths over PTRDIFF_MAX are
 * refused before any byte is read, so a short real buffer is passed with them. */

/* A non-NULL buffer with far fewer bytes than the lengths given with it below. */
static const char edge_bytes[] = "{\"result\":1}";

static void edge_len_refused_at(const char *file, int line, size_t len)
{
    size_t live = monaca_error_live_count();
    MonacaError *err;
    MonacaArgumentError why;

    sprintf(context, " [len %lu]", (unsigned long)len);
    /* from_response: body_len. */
    err = DUMMY;
    CHECK_AT(file, line, monaca_error_from_response(200, (const uint8_t *)edge_bytes, len, &err) ==
                             MONACA_STATUS_INVALID_ARGUMENT);
    CHECK_AT(file, line, err == NULL);
    err = DUMMY;
    CHECK_AT(file, line, monaca_error_from_response(500, (const uint8_t *)edge_bytes, len, &err) ==
                             MONACA_STATUS_INVALID_ARGUMENT);
    CHECK_AT(file, line, err == NULL);
    /* new: message_len, with and without data; data_json_len after a valid message. */
    CHECK_AT(file, line, make(1, edge_bytes, len, NULL, 0, &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK_AT(file, line, err == NULL);
    CHECK_AT(file, line, make(1, edge_bytes, len, LIT("{}"), &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK_AT(file, line, err == NULL);
    CHECK_AT(file, line, make(1, LIT("m"), edge_bytes, len, &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK_AT(file, line, err == NULL);
    CHECK_AT(file, line, make(1, edge_bytes, len, edge_bytes, len, &err) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK_AT(file, line, err == NULL);
    /* new_explained: the same refusals, each explained (argument and reason), and without
     * an explanation asked for. */
    memset(&why, 0, sizeof why);
    err = DUMMY;
    CHECK_AT(file, line, monaca_error_new_explained(1, edge_bytes, len, NULL, 0, &err, &why) ==
                             MONACA_STATUS_INVALID_ARGUMENT);
    CHECK_AT(file, line, err == NULL);
    CHECK_STR_AT(file, line, why.argument, "message");
    CHECK_AT(file, line, strcmp(why.reason, "longer than PTRDIFF_MAX") == 0);
    CHECK_AT(file, line, why.offset == 0 && why.line == 0 && why.column == 0);
    memset(&why, 0, sizeof why);
    err = DUMMY;
    CHECK_AT(file, line, monaca_error_new_explained(1, LIT("m"), edge_bytes, len, &err, &why) ==
                             MONACA_STATUS_INVALID_ARGUMENT);
    CHECK_AT(file, line, err == NULL);
    CHECK_STR_AT(file, line, why.argument, "data_json");
    CHECK_AT(file, line, strcmp(why.reason, "longer than PTRDIFF_MAX") == 0);
    err = DUMMY;
    CHECK_AT(file, line, monaca_error_new_explained(1, edge_bytes, len, edge_bytes, len, &err, NULL) ==
                             MONACA_STATUS_INVALID_ARGUMENT);
    CHECK_AT(file, line, err == NULL);
    CHECK_AT(file, line, monaca_error_live_count() == live);
    /* Lookups by parameter name: param_len gives their zero values (empty, 0). */
    err = RESPOND(200, "{\"error\":{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{\"a\":\"x\"}}}");
    CHECK_STR_AT(file, line, monaca_error_first_message_for(err, LIT("a")), "x");
    CHECK_AT(file, line, monaca_error_message_count_for(err, LIT("a")) == 1);
    CHECK_STR_AT(file, line, monaca_error_message_for(err, LIT("a"), 0), "x");
    CHECK_STR_AT(file, line, monaca_error_first_message_for(err, "a", len), "");
    CHECK_AT(file, line, monaca_error_message_count_for(err, "a", len) == 0);
    CHECK_STR_AT(file, line, monaca_error_message_for(err, "a", len, 0), "");
    CHECK_STR_AT(file, line, monaca_error_first_message_for(NULL, "a", len), "");
    CHECK_AT(file, line, monaca_error_message_count_for(NULL, "a", len) == 0);
    CHECK_STR_AT(file, line, monaca_error_message_for(NULL, "a", len, 0), "");
    monaca_error_free(err);
    context[0] = '\0';
}
#define EDGE_LEN_REFUSED(len) edge_len_refused_at(__FILE__, __LINE__, (len))

/* A code made with new() and one sent in a response both come back unchanged: the code, its
 * kind and name (none, even when its low 32 bits are a documented code) and the JSON form. */
static void edge_code_at(const char *file, int line, int64_t code, const char *digits,
                         MonacaErrorKind kind)
{
    char body[128];
    char json[128];
    int body_len, json_len;
    MonacaError *err;

    sprintf(context, " [code %s]", digits);
    CHECK_AT(file, line, monaca_code_kind(code) == kind);
    CHECK_STR_AT(file, line, monaca_code_name(code), "");

    CHECK_AT(file, line, make(code, LIT("m"), NULL, 0, &err) == MONACA_STATUS_OK);
    CHECK_AT(file, line, monaca_error_code(err) == code);
    CHECK_AT(file, line, monaca_error_kind(err) == kind);
    CHECK_STR_AT(file, line, monaca_error_name(err), "");
    json_len = sprintf(json, "{\"code\":%s,\"message\":\"m\",\"data\":{}}", digits);
    CHECK_AT(file, line, str_eq(monaca_error_to_json(err), json, (size_t)json_len));
    monaca_error_free(err);

    body_len = sprintf(body, "{\"error\":{\"code\":%s,\"message\":\"m\"}}", digits);
    err = respond_at(file, line, 200, body, (size_t)body_len);
    CHECK_AT(file, line, monaca_error_code(err) == code);
    CHECK_AT(file, line, monaca_error_kind(err) == kind);
    CHECK_STR_AT(file, line, monaca_error_name(err), "");
    CHECK_AT(file, line, str_eq(monaca_error_to_json(err), json, (size_t)json_len));
    monaca_error_free(err);
    context[0] = '\0';
}
#define EDGE_CODE(code, kind) edge_code_at(__FILE__, __LINE__, (code), #code, (kind))

/* A code sent in another notation of the same integer (`4.294967306e9`) comes back as that
 * integer: the exact conversion works on 128-bit integers, which 32-bit targets emulate. */
static void edge_code_notation_at(const char *file, int line, int64_t code, const char *digits,
                                  const char *notation)
{
    char body[128];
    char json[128];
    int body_len, json_len;
    MonacaError *err;

    sprintf(context, " [code %s]", notation);
    body_len = sprintf(body, "{\"error\":{\"code\":%s,\"message\":\"m\"}}", notation);
    json_len = sprintf(json, "{\"code\":%s,\"message\":\"m\",\"data\":{}}", digits);
    err = respond_at(file, line, 200, body, (size_t)body_len);
    CHECK_AT(file, line, monaca_error_code(err) == code);
    CHECK_AT(file, line, str_eq(monaca_error_to_json(err), json, (size_t)json_len));
    monaca_error_free(err);
    context[0] = '\0';
}
#define EDGE_NOTATION(code, notation) \
    edge_code_notation_at(__FILE__, __LINE__, (code), #code, (notation))

static void test_edges_of_size_and_code(void)
{
    size_t live = monaca_error_live_count();

    /* The two lengths this section is about, as the target sees them. */
    CHECK((size_t)PTRDIFF_MAX + 1 > (size_t)PTRDIFF_MAX);
    CHECK(SIZE_MAX > (size_t)PTRDIFF_MAX + 1);
    EDGE_LEN_REFUSED((size_t)PTRDIFF_MAX + 1);
    EDGE_LEN_REFUSED(SIZE_MAX);

    /* int64 codes past 32 bits: 2^32 + 10 and -2^32 + 10 both have 10 (SESSION_ID_INVALID) as
     * their low 32 bits, 2^31 and -2^31 - 1 just leave int32. */
    EDGE_CODE(4294967306, MONACA_KIND_USER_DEFINED);
    EDGE_CODE(-4294967286, MONACA_KIND_UNKNOWN);
    EDGE_CODE(2147483648, MONACA_KIND_USER_DEFINED);
    EDGE_CODE(-2147483649, MONACA_KIND_UNKNOWN);
    EDGE_CODE(9223372036854775807, MONACA_KIND_USER_DEFINED);
    /* INT64_MIN has no literal of its own in C (-9223372036854775808 is - applied to an
     * unsigned constant), so it is spelled out. */
    edge_code_at(__FILE__, __LINE__, INT64_MIN, "-9223372036854775808", MONACA_KIND_UNKNOWN);
    EDGE_NOTATION(4294967306, "4294967306.0");
    EDGE_NOTATION(4294967306, "4.294967306e9");
    EDGE_NOTATION(4294967306, "42949673060E-1");
    EDGE_NOTATION(-4294967286, "-4.294967286E+9");
    EDGE_NOTATION(9223372036854775807, "9.223372036854775807e18");
    edge_code_notation_at(__FILE__, __LINE__, INT64_MIN, "-9223372036854775808",
                          "-9.223372036854775808e18");

    CHECK(monaca_error_live_count() == live);
}

/* ==== end of the size_t / int64_t edge section ============================================ */

/* A whole call, sans-IO: the request body, the URL, and a response with its result, session
   and login token; every response and text freed. */
static void test_calls(void)
{
    static const char ok_body[] =
        "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":{\"loginToken\":\"t\\u00e9\",\"n\":[1,2]}}";
    static const char err_body[] = "{\"error\":{\"code\":11,\"message\":\"User login is required\"}}";
    static const char latin1_body[] = "{\"result\":\"caf\xe9\"}";
#define OK_REPORT                                                                                          \
    "{\"session\":\"sess-1\",\"endsSession\":false,\"loginToken\":\"t\xc3\xa9\",\"result\":{\"loginToken\":" \
    "\"t\\u00e9\",\"n\":[1,2]}}"
    size_t live = monaca_error_live_count(), offset = 0, len = 0;
    MonacaResponse *resp = DUMMY_RESPONSE, *other = NULL;
    MonacaText *text = NULL;
    MonacaArgumentError why;
    const MonacaError *err;
    char *buffer = malloc(sizeof ok_body);

    /* A success: the result is a range of the body, its copy equal to it, the session kept. */
    CHECK(monaca_response_from_exchange(LIT("User.login"), 200, (const uint8_t *)ok_body, sizeof ok_body - 1,
                                        LIT(" sess-1 "), &resp) == MONACA_STATUS_OK);
    CHECK(resp != NULL && resp != DUMMY_RESPONSE);
    CHECK(monaca_response_is_success(resp));
    CHECK(!monaca_response_ends_session(resp));
    CHECK(monaca_response_error(resp) == NULL);
    CHECK(monaca_response_result_range(resp, &offset, &len));
    CHECK(len == sizeof "{\"loginToken\":\"t\\u00e9\",\"n\":[1,2]}" - 1);
    CHECK(memcmp(ok_body + offset, "{\"loginToken\":\"t\\u00e9\",\"n\":[1,2]}", len) == 0);
    CHECK(monaca_response_result_range(resp, NULL, NULL));
    CHECK_STR(monaca_response_result_json(resp), "{\"loginToken\":\"t\\u00e9\",\"n\":[1,2]}");
    CHECK_STR(monaca_response_login_token(resp), "t\xc3\xa9");
    CHECK_STR(monaca_response_session(resp), "sess-1");
    CHECK_STR(monaca_response_report_json(resp), OK_REPORT);
    monaca_response_free(resp);

    /* A reused buffer: the response answers from what it took at construction, never from the
       caller's bytes afterwards. The buffer is overwritten with a body of the same size (as a
       malloc handing the same address back would give) before anything is asked. */
    CHECK(buffer != NULL);
    if (buffer != NULL) {
        memcpy(buffer, ok_body, sizeof ok_body);
        CHECK(monaca_response_from_exchange(NULL, 0, 200, (const uint8_t *)buffer, sizeof ok_body - 1, LIT("sess-1"),
                                            &resp) == MONACA_STATUS_OK);
        memset(buffer, '"', sizeof ok_body - 1);
        memcpy(buffer, "{\"result\":", 10);
        CHECK(monaca_response_from_exchange(NULL, 0, 200, (const uint8_t *)buffer, sizeof ok_body - 1, NULL, 0,
                                            &other) == MONACA_STATUS_OK);
        CHECK(!monaca_response_is_success(other));
        CHECK_STR(monaca_response_result_json(resp), "{\"loginToken\":\"t\\u00e9\",\"n\":[1,2]}");
        CHECK_STR(monaca_response_report_json(resp), OK_REPORT);
        CHECK_STR(monaca_response_login_token(resp), "t\xc3\xa9");
        monaca_response_free(other);
        monaca_response_free(resp);
        free(buffer);
    }

    /* A failure: the error is the one monaca_error_from_response gives; the session is kept too. */
    CHECK(monaca_response_from_exchange(LIT("User.logout"), 200, (const uint8_t *)err_body, sizeof err_body - 1,
                                        LIT("sess-2"), &resp) == MONACA_STATUS_OK);
    CHECK(!monaca_response_is_success(resp));
    CHECK(!monaca_response_ends_session(resp)); /* a refused logout ends nothing */
    err = monaca_response_error(resp);
    CHECK(err != NULL && monaca_error_code(err) == MONACA_CODE_USER_LOGIN_REQUIRED);
    CHECK_STR(monaca_error_message(err), "User login is required");
    CHECK(!monaca_response_result_range(resp, &offset, &len));
    CHECK_STR(monaca_response_result_json(resp), "");
    CHECK_STR(monaca_response_session(resp), "sess-2");
    CHECK(strstr(monaca_response_report_json(resp).ptr, "\"endsSession\":false,\"loginToken\":null,\"error\":{\"code\":11,") !=
          NULL);
    monaca_response_free(resp);

    /* A successful logout (or unregister) ends the session, even with a new session header. */
    CHECK(monaca_response_from_exchange(LIT("User.unregister"), 200, (const uint8_t *)ok_body, sizeof ok_body - 1,
                                        LIT("sess-3"), &resp) == MONACA_STATUS_OK);
    CHECK(monaca_response_ends_session(resp));
    CHECK_STR(monaca_response_session(resp), "");
    CHECK_STR(monaca_response_login_token(resp), "");
    CHECK(strncmp(monaca_response_report_json(resp).ptr, "{\"session\":null,\"endsSession\":true,\"loginToken\":null,", 52) ==
          0);
    monaca_response_free(resp);

    /* The SDK's rule: the header is kept on a 2xx/304 whatever the body; not on another status;
       a blank value or one with a control character (NUL, CR, LF) or invalid UTF-8 is none. */
    CHECK(monaca_response_from_exchange(NULL, 0, 200, (const uint8_t *)"{", 1, LIT("s"), &resp) == MONACA_STATUS_OK);
    CHECK_STR(monaca_response_session(resp), "s");
    CHECK(monaca_error_code(monaca_response_error(resp)) == MONACA_CODE_INVALID_RESPONSE);
    monaca_response_free(resp);
    CHECK(monaca_response_from_exchange(NULL, 0, 204, NULL, 0, LIT("s204"), &resp) == MONACA_STATUS_OK);
    CHECK_STR(monaca_response_session(resp), "s204");
    monaca_response_free(resp);
    CHECK(monaca_response_from_exchange(NULL, 0, 500, (const uint8_t *)"{\"result\":1}", 12, LIT("s"), &resp) ==
          MONACA_STATUS_OK);
    CHECK_STR(monaca_response_session(resp), "");
    monaca_response_free(resp);
    CHECK(monaca_response_from_exchange(NULL, 0, 200, (const uint8_t *)"{\"result\":1}", 12, LIT("   "), &resp) ==
          MONACA_STATUS_OK);
    CHECK_STR(monaca_response_session(resp), "");
    monaca_response_free(resp);
    CHECK(monaca_response_from_exchange(NULL, 0, 200, (const uint8_t *)"{\"result\":1}", 12, LIT("abc\0def"), &resp) ==
          MONACA_STATUS_OK);
    CHECK(monaca_response_session(resp).len == 0);
    monaca_response_free(resp);
    CHECK(monaca_response_from_exchange(NULL, 0, 200, (const uint8_t *)"{\"result\":1}", 12, LIT("a\r\nb"), &resp) ==
          MONACA_STATUS_OK);
    CHECK_STR(monaca_response_session(resp), "");
    monaca_response_free(resp);
    CHECK(monaca_response_from_exchange(NULL, 0, 200, (const uint8_t *)"{}", 2, "\xff", 1, &resp) == MONACA_STATUS_OK);
    CHECK_STR(monaca_response_session(resp), "");
    monaca_response_free(resp);
    CHECK(monaca_response_from_exchange(NULL, 0, 200, (const uint8_t *)"{\"result\":1}", 12, LIT("s1, s2"), &resp) ==
          MONACA_STATUS_OK);
    CHECK_STR(monaca_response_session(resp), "s1, s2");
    monaca_response_free(resp);
    /* A decoded body: the result is owned by the response, no range. */
    CHECK(monaca_response_from_exchange(NULL, 0, 200, (const uint8_t *)latin1_body, sizeof latin1_body - 1, NULL, 0,
                                        &resp) == MONACA_STATUS_OK);
    CHECK(monaca_response_is_success(resp) && !monaca_response_result_range(resp, &offset, &len));
    CHECK_STR(monaca_response_result_json(resp), "\"caf\xef\xbf\xbd\"");
    monaca_response_free(resp);
    /* A numeric login token is its JavaScript text. */
    CHECK(monaca_response_from_exchange(NULL, 0, 200, (const uint8_t *)"{\"result\":{\"loginToken\":4.50}}", 30, NULL, 0,
                                        &resp) == MONACA_STATUS_OK);
    CHECK_STR(monaca_response_login_token(resp), "4.5");
    monaca_response_free(resp);
    /* Refused arguments. */
    CHECK(monaca_response_from_exchange(NULL, 0, 200, NULL, 3, NULL, 0, &resp) == MONACA_STATUS_NULL_ARGUMENT &&
          resp == NULL);
    CHECK(monaca_response_from_exchange(NULL, 2, 200, (const uint8_t *)"{}", 2, NULL, 0, &resp) ==
          MONACA_STATUS_NULL_ARGUMENT);
    CHECK(monaca_response_from_exchange("\xff", 1, 200, (const uint8_t *)"{}", 2, NULL, 0, &resp) ==
          MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(monaca_response_from_exchange(NULL, 0, 200, (const uint8_t *)"{}", 2, NULL, 0, NULL) ==
          MONACA_STATUS_NULL_ARGUMENT);
    /* NULL responses give the zero values. */
    CHECK(!monaca_response_is_success(NULL) && monaca_response_error(NULL) == NULL);
    CHECK(!monaca_response_result_range(NULL, &offset, &len));
    CHECK(!monaca_response_ends_session(NULL));
    CHECK_STR(monaca_response_result_json(NULL), "");
    CHECK_STR(monaca_response_session(NULL), "");
    CHECK_STR(monaca_response_login_token(NULL), "");
    CHECK_STR(monaca_response_report_json(NULL), "");
    monaca_response_free(NULL);

    /* The request body, as the SDK writes it (id "1"), every text escaped. */
    CHECK(monaca_request_new(LIT("User.login"), LIT("{\"username\":\"a\\\"b\"}"), LIT("key"), LIT("dev"), LIT("s\n1"),
                             &text, &why) == MONACA_STATUS_OK);
    CHECK_STR(monaca_text_str(text),
              "{\"jsonrpc\":\"2.0\",\"method\":\"User.login\",\"params\":{\"username\":\"a\\\"b\",\"__api_key\":\"key\","
              "\"__device\":\"dev\",\"__session\":\"s\\n1\"},\"id\":\"1\"}");
    CHECK(why.argument.len == 0 && why.explanation[0] == '\0');
    monaca_text_free(text);
    CHECK(monaca_request_new(LIT("a b"), NULL, 0, LIT("k"), LIT("d"), NULL, 0, &text, &why) ==
          MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(text == NULL);
    CHECK_STR(why.argument, "method");
    CHECK(why.offset == 1);
    CHECK(monaca_request_new(LIT("m"), LIT("{\"__session\":1}"), LIT("k"), LIT("d"), NULL, 0, &text, &why) ==
          MONACA_STATUS_INVALID_ARGUMENT);
    CHECK_STR(why.argument, "params_json");
    CHECK(monaca_request_new(LIT("m"), LIT("[1]"), LIT("k"), LIT("\xff"), NULL, 0, &text, NULL) ==
          MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(monaca_request_new(LIT("m"), NULL, 0, NULL, 2, LIT("d"), NULL, 0, &text, &why) == MONACA_STATUS_NULL_ARGUMENT);
    CHECK_STR(why.argument, "api_key");
    /* The URL. */
    CHECK(monaca_backend_url(LIT("abc-123_x"), &text, &why) == MONACA_STATUS_OK);
    CHECK_STR(monaca_text_str(text), "https://cloud.monaca.mobi/json-rpc/abc-123_x");
    monaca_text_free(text);
    CHECK(monaca_backend_url(LIT("a/b"), &text, &why) == MONACA_STATUS_INVALID_ARGUMENT && text == NULL);
    CHECK_STR(why.argument, "backend_id");
    CHECK_STR(monaca_backend_url_prefix(), "https://cloud.monaca.mobi/json-rpc/");
    CHECK_STR(monaca_text_str(NULL), "");
    monaca_text_free(NULL);
    /* Where a client may send credentials: https, or http to a loopback address. */
    CHECK(monaca_endpoint_url_check(LIT("https://cloud.monaca.mobi/json-rpc/x"), &why) == MONACA_STATUS_OK);
    CHECK(why.argument.len == 0);
    CHECK(monaca_endpoint_url_check(LIT("http://127.0.0.1:8080/x"), NULL) == MONACA_STATUS_OK);
    CHECK(monaca_endpoint_url_check(LIT("http://example.com/x"), &why) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK_STR(why.argument, "url");
    CHECK(strstr(why.explanation, "loopback") != NULL);
    CHECK(monaca_endpoint_url_check(LIT("file:///etc/passwd"), &why) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(monaca_endpoint_url_check(NULL, 0, &why) == MONACA_STATUS_INVALID_ARGUMENT);
    CHECK(monaca_endpoint_url_check(NULL, 3, &why) == MONACA_STATUS_NULL_ARGUMENT);
    CHECK(monaca_error_live_count() == live);
}

int main(void)
{
    CHECK(monaca_error_live_count() == 0);
    test_versions();
    test_success_bodies();
    test_documented_invalid_params();
    test_server_errors();
    test_invalid_responses();
    test_invalid_status();
    test_params();
    test_text_fidelity();
    test_timeout();
    test_new();
    test_null_arguments();
    test_catalogue();
    test_live_count();
    test_edges_of_size_and_code(); /* size_t / int64_t edges */
    test_calls();
    /* Every test freed what it made. */
    CHECK(monaca_error_live_count() == 0);

    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
