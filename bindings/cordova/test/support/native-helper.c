/*
 * What the native side of the plugin answers for `create` and `describe`, computed by the real
 * library through its C ABI (the command-line tool has no mode for them). test/support/
 * library.js builds this file against target/release/libmonaca_cloud_error.a at test time.
 *
 *   native-helper new CODE MESSAGE_FILE [DATA_FILE]
 *       monaca_error_new_explained(CODE, message, data): prints the report and exits 0, or
 *       prints the refusal {"argument","reason","offset","line","column","explanation"} and
 *       exits 3. Without DATA_FILE the error has no data.
 *   native-helper code CODE...
 *       per code, one line {"name": monaca_code_name or null, "description":
 *       monaca_code_description, "report": the report of an error with that code and message
 *       "m"} (the report carries the kind as the core spells it).
 *   native-helper response METHOD_FILE|- STATUS BODY_FILE [SESSION_HEADER_FILE]
 *       monaca_response_from_exchange(method or NULL (`-`: unknown), STATUS, body, session
 *       header or none), then prints monaca_response_report_json and exits 0.
 *   native-helper request METHOD_FILE PARAMS_FILE|- API_KEY_FILE DEVICE_ID_FILE SESSION_FILE|-
 *       monaca_request_new (`-`: NULL, no params / no session): prints the body and exits 0, or
 *       prints the refusal (as for `new`) and exits 3.
 *   native-helper url BACKEND_ID_FILE
 *       monaca_backend_url: prints the URL and exits 0, or prints the refusal and exits 3.
 *   native-helper check-url URL_FILE
 *       monaca_endpoint_url_check: prints OK and exits 0, or prints the refusal and exits 3.
 *   native-helper too-large LIMIT
 *       prints the report of monaca_error_body_too_large(LIMIT) and exits 0.
 *
 * Exit status 2: a usage or I/O error.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monaca_cloud_error.h"

static void put_string(const char *text, size_t len) {
    putchar('"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

static void put_str(MonacaStr s) { fwrite(s.ptr, 1, s.len, stdout); }

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *bytes = NULL;
    size_t size = 0, cap = 0, got;
    do {
        if (size == cap) {
            cap = cap ? 2 * cap : 4096;
            bytes = realloc(bytes, cap);
            if (!bytes) exit(2);
        }
        got = fread(bytes + size, 1, cap - size, f);
        size += got;
    } while (got > 0);
    fclose(f);
    *len = size;
    return bytes;
}

/* Prints a refusal as the plugin's error callback carries it; returns exit status 3. */
static int put_refusal(const MonacaArgumentError *why) {
    printf("{\"argument\":");
    put_string(why->argument.ptr, why->argument.len);
    printf(",\"reason\":");
    put_string(why->reason, strlen(why->reason));
    printf(",\"offset\":%zu,\"line\":%zu,\"column\":%zu,\"explanation\":", why->offset, why->line, why->column);
    put_string(why->explanation, strlen(why->explanation));
    printf("}\n");
    return 3;
}

/* Prints a text the library made, frees it; exit status 0. */
static int put_text(MonacaText *text) {
    put_str(monaca_text_str(text));
    putchar('\n');
    monaca_text_free(text);
    return 0;
}

static int parse_code(const char *text, int64_t *code) {
    char *end;
    *code = strtoll(text, &end, 10);
    return *text != '\0' && *end == '\0';
}

static int make(int argc, char **argv) {
    int64_t code;
    size_t message_len = 0, data_len = 0;
    if ((argc != 2 && argc != 3) || !parse_code(argv[0], &code)) return 2;
    char *message = read_file(argv[1], &message_len);
    char *data = argc == 3 ? read_file(argv[2], &data_len) : NULL;
    if (!message || (argc == 3 && !data)) return 2;
    MonacaError *err = NULL;
    MonacaArgumentError why;
    enum MonacaStatus status = monaca_error_new_explained(
        code, message, message_len, data, data_len, &err, &why);
    free(message);
    free(data);
    if (status == MONACA_STATUS_OK) {
        put_str(monaca_error_report_json(err));
        putchar('\n');
        monaca_error_free(err);
        return 0;
    }
    return put_refusal(&why);
}

static int code_entries(int argc, char **argv) {
    for (int i = 0; i < argc; i++) {
        int64_t code;
        MonacaError *err = NULL;
        if (!parse_code(argv[i], &code) ||
            monaca_error_new(code, "m", 1, NULL, 0, &err) != MONACA_STATUS_OK) return 2;
        MonacaStr name = monaca_code_name(code);
        MonacaStr description = monaca_code_description(code);
        printf("{\"name\":");
        if (name.len == 0) printf("null");
        else put_string(name.ptr, name.len);
        printf(",\"description\":");
        put_string(description.ptr, description.len);
        printf(",\"report\":");
        put_str(monaca_error_report_json(err));
        printf("}\n");
        monaca_error_free(err);
    }
    return 0;
}

/* A file's bytes, or NULL and 0 for "-". Returns 0 when the file cannot be read. */
static int read_optional(const char *path, char **bytes, size_t *len) {
    *bytes = NULL;
    *len = 0;
    if (strcmp(path, "-") == 0) return 1;
    return (*bytes = read_file(path, len)) != NULL;
}

static int response(int argc, char **argv) {
    int64_t status;
    size_t method_len = 0, body_len = 0, session_len = 0;
    char *method = NULL;
    if ((argc != 3 && argc != 4) || !parse_code(argv[1], &status) || status < INT32_MIN || status > INT32_MAX) return 2;
    if (!read_optional(argv[0], &method, &method_len)) return 2;
    char *body = read_file(argv[2], &body_len);
    char *session = argc == 4 ? read_file(argv[3], &session_len) : NULL;
    if (!body || (argc == 4 && !session)) return 2;
    MonacaResponse *resp = NULL;
    if (monaca_response_from_exchange(method, method_len, (int32_t)status, (const uint8_t *)body, body_len, session,
                                      session_len, &resp) != MONACA_STATUS_OK) return 2;
    /* The response keeps what it needs: the buffers go before the report is read. */
    free(method);
    free(body);
    free(session);
    put_str(monaca_response_report_json(resp));
    putchar('\n');
    monaca_response_free(resp);
    return 0;
}

static int request(int argc, char **argv) {
    char *text[5];
    size_t len[5];
    if (argc != 5) return 2;
    for (int i = 0; i < 5; i++) {
        int optional = i == 1 || i == 4; /* params, session */
        if (!(optional ? read_optional(argv[i], &text[i], &len[i]) : (text[i] = read_file(argv[i], &len[i])) != NULL))
            return 2;
    }
    MonacaText *out = NULL;
    MonacaArgumentError why;
    enum MonacaStatus status = monaca_request_new(text[0], len[0], text[1], len[1], text[2], len[2],
                                                  text[3], len[3], text[4], len[4], &out, &why);
    for (int i = 0; i < 5; i++) free(text[i]);
    return status == MONACA_STATUS_OK ? put_text(out) : put_refusal(&why);
}

static int url(int argc, char **argv) {
    size_t len = 0;
    char *id = argc == 1 ? read_file(argv[0], &len) : NULL;
    if (!id) return 2;
    MonacaText *out = NULL;
    MonacaArgumentError why;
    enum MonacaStatus status = monaca_backend_url(id, len, &out, &why);
    free(id);
    return status == MONACA_STATUS_OK ? put_text(out) : put_refusal(&why);
}

static int check_url(int argc, char **argv) {
    size_t len = 0;
    char *url = argc == 1 ? read_file(argv[0], &len) : NULL;
    if (!url) return 2;
    MonacaArgumentError why;
    enum MonacaStatus status = monaca_endpoint_url_check(url, len, &why);
    free(url);
    if (status != MONACA_STATUS_OK) return put_refusal(&why);
    printf("OK\n");
    return 0;
}

static int too_large(int argc, char **argv) {
    char *end;
    if (argc != 1 || argv[0][0] == '\0' || argv[0][0] == '-') return 2;
    unsigned long long limit = strtoull(argv[0], &end, 10);
    if (*end != '\0') return 2;
    MonacaError *err = monaca_error_body_too_large((uint64_t)limit);
    if (!err) return 2;
    put_str(monaca_error_report_json(err));
    putchar('\n');
    monaca_error_free(err);
    return 0;
}

int main(int argc, char **argv) {
    int status = 2;
    if (argc >= 2 && strcmp(argv[1], "new") == 0) status = make(argc - 2, argv + 2);
    else if (argc >= 3 && strcmp(argv[1], "code") == 0) status = code_entries(argc - 2, argv + 2);
    else if (argc >= 2 && strcmp(argv[1], "response") == 0) status = response(argc - 2, argv + 2);
    else if (argc >= 2 && strcmp(argv[1], "request") == 0) status = request(argc - 2, argv + 2);
    else if (argc >= 2 && strcmp(argv[1], "url") == 0) status = url(argc - 2, argv + 2);
    else if (argc >= 2 && strcmp(argv[1], "check-url") == 0) status = check_url(argc - 2, argv + 2);
    else if (argc >= 2 && strcmp(argv[1], "too-large") == 0) status = too_large(argc - 2, argv + 2);
    if (status == 2) {
        fprintf(stderr, "usage: native-helper new CODE MESSAGE_FILE [DATA_FILE] | code CODE... |\n"
                        "       response METHOD_FILE|- STATUS BODY_FILE [SESSION_HEADER_FILE] |\n"
                        "       request METHOD_FILE PARAMS_FILE|- API_KEY_FILE DEVICE_ID_FILE SESSION_FILE|- |\n"
                        "       url BACKEND_ID_FILE | check-url URL_FILE | too-large LIMIT\n");
    }
    return fflush(stdout) == 0 ? status : 2;
}
