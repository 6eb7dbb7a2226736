/* Calls every function of the header once, so that linking keeps all of the library a plugin
 * can reach. benches/size.sh links it against the static library and compares its stripped
 * size with an empty program's. */
#include "monaca_cloud_error.h"

#include <stdio.h>

int main(int argc, char **argv) {
    MonacaError *err = NULL;
    const char *body = argc > 1 ? argv[1] : "{}";
    size_t len = 0;
    while (body[len] != '\0') len++;
    MonacaStatus status = monaca_error_from_response(200, (const uint8_t *)body, len, &err);
    MonacaError *made = NULL;
    monaca_error_new(1, "m", 1, "{}", 2, &made);
    MonacaError *explained = NULL;
    MonacaArgumentError why;
    monaca_error_new_explained(1, "m", 1, "{", 1, &explained, &why);
    MonacaError *timeout = monaca_error_timeout();
    size_t total = monaca_error_message(err).len + monaca_error_name(err).len +
                   monaca_error_detail(err).len + monaca_error_data_json(err).len +
                   monaca_error_to_json(err).len + monaca_error_param_count(err) +
                   monaca_error_param_name(err, 0).len + monaca_error_param_message_count(err, 0) +
                   monaca_error_param_message(err, 0, 0).len +
                   monaca_error_first_message_for(err, "a", 1).len +
                   monaca_error_message_count_for(err, "a", 1) +
                   monaca_error_message_for(err, "a", 1, 0).len + monaca_error_description(err).len +
                   monaca_error_report_json(err).len + why.line + (size_t)monaca_error_code(err) +
                   (size_t)monaca_error_kind(err) + (size_t)monaca_error_has_data(err) +
                   (size_t)monaca_code_kind(1) + monaca_code_name(1).len +
                   monaca_code_description(1).len + monaca_status_description(status).len +
                   monaca_version().len + monaca_abi_version() + monaca_error_live_count();
    {
        MonacaResponse *resp = NULL;
        MonacaText *text = NULL, *url = NULL;
        size_t offset = 0, range = 0;
        MonacaError *too_large = monaca_error_body_too_large(len);
        monaca_response_from_exchange("m", 1, 200, (const uint8_t *)body, len, "s", 1, &resp);
        total += (size_t)monaca_response_is_success(resp) + (size_t)(monaca_response_error(resp) != NULL) +
                 (size_t)monaca_response_result_range(resp, &offset, &range) +
                 monaca_response_result_json(resp).len + monaca_response_session(resp).len +
                 (size_t)monaca_response_ends_session(resp) + monaca_response_login_token(resp).len +
                 monaca_response_report_json(resp).len + (size_t)monaca_error_code(too_large);
        monaca_error_free(too_large);
        monaca_response_free(resp);
        monaca_request_new("m", 1, NULL, 0, "k", 1, "d", 1, NULL, 0, &text, &why);
        total += (size_t)monaca_endpoint_url_check("https://a", 9, &why);
        monaca_backend_url("b", 1, &url, &why);
        total += monaca_text_str(text).len + monaca_text_str(url).len + monaca_backend_url_prefix().len;
        monaca_text_free(text);
        monaca_text_free(url);
    }
    monaca_error_free(err);
    monaca_error_free(made);
    monaca_error_free(explained);
    monaca_error_free(timeout);
    printf("%zu\n", total);
    return 0;
}
