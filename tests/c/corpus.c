/*
 * The shared conformance corpus (the JSON files of tests/corpus) checked in full through the C ABI: for
 * every case, every accessor of the handle against the expected report, and the report itself.
 * The corpus is read with cJSON (libcjson-dev), an independent JSON parser.
 *
 *   corpus DIR      prints "corpus: N cases in F files, N passed, N failed"; exit 1 on failure
 *
 * cJSON's strings end at their first NUL, so a text holding a NUL (one message in the corpus
 * does) is compared up to that NUL; the report comparison still covers it through cJSON_Compare
 * of the two parsed reports.
 */
#include "monaca_cloud_error.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cases_passed, cases_failed;
static const char *current_file, *current_case;

static void fail(const char *what, const char *detail)
{
    printf("FAIL %s/%s: %s%s%s\n", current_file, current_case, what, detail ? ": " : "", detail ? detail : "");
}

/* Whether a borrowed text equals an expected string (NUL-cut: see the top comment). */
static int same_text(MonacaStr got, const char *want)
{
    size_t want_len = strlen(want);
    const char *nul = memchr(got.ptr, '\0', got.len);
    size_t got_len = nul ? (size_t)(nul - got.ptr) : got.len;
    return got.ptr != NULL && got.ptr[got.len] == '\0' && got_len == want_len &&
           memcmp(got.ptr, want, want_len) == 0;
}

/* A nullable expected text: null means the accessor gives "". */
static int same_optional(MonacaStr got, const cJSON *want)
{
    return cJSON_IsNull(want) ? got.len == 0 : cJSON_IsString(want) && same_text(got, want->valuestring);
}

static const char *kind_symbol(MonacaErrorKind kind)
{
    switch (kind) {
    case MONACA_KIND_UNKNOWN: return "UNKNOWN";
    case MONACA_KIND_JSON_RPC: return "JSON_RPC";
    case MONACA_KIND_SERVER_DEFINED: return "SERVER_DEFINED";
    case MONACA_KIND_CLIENT: return "CLIENT";
    case MONACA_KIND_CLOUD_API: return "CLOUD_API";
    case MONACA_KIND_USER_DEFINED: return "USER_DEFINED";
    }
    return "?";
}

/* Standard base64 with padding; returns the decoded length. */
static size_t base64_decode(const char *text, unsigned char *out)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned long bits = 0;
    int count = 0;
    size_t n = 0;
    for (; *text && *text != '='; text++) {
        const char *at = strchr(alphabet, *text);
        if (!at) return n;
        bits = (bits << 6) | (unsigned long)(at - alphabet);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out[n++] = (unsigned char)(bits >> count);
        }
    }
    return n;
}

/* Checks one param name's messages over all same-named entries of the expected params. */
static int check_messages_for(MonacaError *err, const cJSON *params, const char *name)
{
    size_t name_len = strlen(name), expected = 0;
    const cJSON *param, *message;
    int ok = 1;
    cJSON_ArrayForEach(param, params)
    {
        if (strcmp(cJSON_GetObjectItem(param, "name")->valuestring, name) != 0) continue;
        cJSON_ArrayForEach(message, cJSON_GetObjectItem(param, "messages"))
        {
            MonacaStr got = monaca_error_message_for(err, name, name_len, expected);
            if (!same_text(got, message->valuestring)) ok = 0;
            if (expected == 0 && !same_text(monaca_error_first_message_for(err, name, name_len), message->valuestring))
                ok = 0;
            expected++;
        }
    }
    if (monaca_error_message_count_for(err, name, name_len) != expected) ok = 0;
    if (monaca_error_message_for(err, name, name_len, expected).len != 0) ok = 0;
    if (expected == 0 && monaca_error_first_message_for(err, name, name_len).len != 0) ok = 0;
    return ok;
}

static void check_case(const cJSON *c)
{
    const cJSON *body = cJSON_GetObjectItem(c, "body"), *encoded = cJSON_GetObjectItem(c, "bodyBase64");
    const cJSON *expected = cJSON_GetObjectItem(c, "expected");
    int32_t status = (int32_t)cJSON_GetObjectItem(c, "status")->valuedouble;
    unsigned char *bytes;
    size_t len;
    MonacaError *err = NULL;
    int failed = 0;

    current_case = cJSON_GetObjectItem(c, "name")->valuestring;
    if (cJSON_IsString(body)) {
        /* A body may hold NUL only as an escape in JSON, which cJSON cuts: none does. */
        len = strlen(body->valuestring);
        bytes = malloc(len + 1);
        memcpy(bytes, body->valuestring, len);
    } else {
        bytes = malloc(strlen(encoded->valuestring) + 1);
        len = base64_decode(encoded->valuestring, bytes);
    }
    if (monaca_error_from_response(status, bytes, len, &err) != MONACA_STATUS_OK) {
        fail("from_response status", NULL);
        failed = 1;
    } else if (cJSON_IsNull(expected)) {
        if (err != NULL) { fail("a success was expected", monaca_error_description(err).ptr); failed = 1; }
    } else if (err == NULL) {
        fail("an error was expected, got a success", NULL);
        failed = 1;
    } else {
        const cJSON *params = cJSON_GetObjectItem(expected, "params"), *param, *message;
        const cJSON *data = cJSON_GetObjectItem(expected, "data");
        cJSON *report = cJSON_ParseWithLength(monaca_error_report_json(err).ptr, monaca_error_report_json(err).len);
        size_t i = 0, m;
        char code_text[32];
        snprintf(code_text, sizeof code_text, "%lld", (long long)monaca_error_code(err));
        /* cJSON keeps numbers as doubles: compare the code through its text in the JSON form. */
        if (strstr(cJSON_GetObjectItem(expected, "json")->valuestring, code_text) == NULL) { fail("code", code_text); failed = 1; }
        if (strcmp(kind_symbol(monaca_error_kind(err)), cJSON_GetObjectItem(expected, "kind")->valuestring) != 0) { fail("kind", NULL); failed = 1; }
        if (!same_optional(monaca_error_name(err), cJSON_GetObjectItem(expected, "name"))) { fail("name", NULL); failed = 1; }
        if (!same_text(monaca_error_description(err), cJSON_GetObjectItem(expected, "description")->valuestring)) { fail("description", monaca_error_description(err).ptr); failed = 1; }
        if (!same_text(monaca_error_message(err), cJSON_GetObjectItem(expected, "message")->valuestring)) { fail("message", NULL); failed = 1; }
        if (!same_optional(monaca_error_detail(err), cJSON_GetObjectItem(expected, "detail"))) { fail("detail", monaca_error_detail(err).ptr); failed = 1; }
        if (monaca_error_has_data(err) != !cJSON_IsNull(data) || !same_optional(monaca_error_data_json(err), data)) { fail("data", NULL); failed = 1; }
        if (!same_text(monaca_error_to_json(err), cJSON_GetObjectItem(expected, "json")->valuestring)) { fail("json", NULL); failed = 1; }
        if (monaca_error_param_count(err) != (size_t)cJSON_GetArraySize(params)) { fail("param count", NULL); failed = 1; }
        cJSON_ArrayForEach(param, params)
        {
            const char *name = cJSON_GetObjectItem(param, "name")->valuestring;
            const cJSON *messages = cJSON_GetObjectItem(param, "messages");
            if (!same_text(monaca_error_param_name(err, i), name)) { fail("param name", name); failed = 1; }
            if (monaca_error_param_message_count(err, i) != (size_t)cJSON_GetArraySize(messages)) { fail("param message count", name); failed = 1; }
            m = 0;
            cJSON_ArrayForEach(message, messages)
            {
                if (!same_text(monaca_error_param_message(err, i, m), message->valuestring)) { fail("param message", name); failed = 1; }
                m++;
            }
            if (!check_messages_for(err, params, name)) { fail("messages for", name); failed = 1; }
            i++;
        }
        if (!check_messages_for(err, params, "no such parameter")) { fail("messages for an absent name", NULL); failed = 1; }
        if (report == NULL || !cJSON_Compare(report, expected, 1)) { fail("report", monaca_error_report_json(err).ptr); failed = 1; }
        cJSON_Delete(report);
        monaca_error_free(err);
    }
    {
        /* The same exchange read as a response gives the same answer. */
        MonacaResponse *resp = NULL;
        if (monaca_response_from_exchange(NULL, 0, status, bytes, len, NULL, 0, &resp) != MONACA_STATUS_OK) {
            fail("response status", NULL);
            failed = 1;
        } else if (cJSON_IsNull(expected) != monaca_response_is_success(resp)) {
            fail("response success", NULL);
            failed = 1;
        } else if (!cJSON_IsNull(expected)) {
            MonacaStr report = monaca_error_report_json(monaca_response_error(resp));
            cJSON *parsed = cJSON_ParseWithLength(report.ptr, report.len);
            if (parsed == NULL || !cJSON_Compare(parsed, expected, 1)) { fail("response error report", report.ptr); failed = 1; }
            cJSON_Delete(parsed);
        } else {
            /* A result read in place is exactly the bytes of its range of the body. */
            MonacaStr result = monaca_response_result_json(resp);
            size_t offset, range_len;
            if (monaca_response_result_range(resp, &offset, &range_len) &&
                (range_len != result.len || memcmp(bytes + offset, result.ptr, range_len) != 0)) {
                fail("response result is not its range of the body", NULL);
                failed = 1;
            }
            if (result.len == 0) { fail("response result is empty", NULL); failed = 1; }
        }
        monaca_response_free(resp);
    }
    free(bytes);
    if (failed) cases_failed++; else cases_passed++;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    long size;
    char *text;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = malloc((size_t)size + 1);
    if (fread(text, 1, (size_t)size, f) != (size_t)size) { fclose(f); free(text); return NULL; }
    text[size] = '\0';
    fclose(f);
    return text;
}

int main(int argc, char **argv)
{
    DIR *dir;
    struct dirent *entry;
    int files = 0;
    if (argc != 2) { fprintf(stderr, "usage: corpus DIR\n"); return 2; }
    dir = opendir(argv[1]);
    if (!dir) { fprintf(stderr, "corpus: cannot open %s\n", argv[1]); return 1; }
    while ((entry = readdir(dir)) != NULL) {
        char path[4096];
        size_t n = strlen(entry->d_name);
        char *text;
        cJSON *file;
        const cJSON *c;
        if (n < 6 || strcmp(entry->d_name + n - 5, ".json") != 0) continue;
        snprintf(path, sizeof path, "%s/%s", argv[1], entry->d_name);
        text = read_file(path);
        file = text ? cJSON_Parse(text) : NULL;
        if (!file) { fprintf(stderr, "corpus: cannot read %s\n", path); return 1; }
        current_file = entry->d_name;
        cJSON_ArrayForEach(c, cJSON_GetObjectItem(file, "cases")) check_case(c);
        cJSON_Delete(file);
        free(text);
        files++;
    }
    closedir(dir);
    printf("corpus: %d cases in %d files, %d passed, %d failed\n", cases_passed + cases_failed, files,
           cases_passed, cases_failed);
    if (cases_passed + cases_failed < 100) { printf("corpus: fewer than 100 cases: the corpus looks incomplete\n"); return 1; }
    if (monaca_error_live_count() != 0) { printf("corpus: %zu handles left live\n", monaca_error_live_count()); return 1; }
    return cases_failed == 0 ? 0 : 1;
}
