// Imports the C module through its module map, as Swift's `import CMonacaCloudError` does, and
// uses every function of the C ABI with the types the Swift wrapper relies on. test.sh compiles
// it with `clang -fmodules -fsyntax-only -Wall -Wextra -Werror`, once per module map (the
// source-tree one and the XCFramework one): a wrong header path, a missing declaration or a
// changed signature fails the compile.
@import CMonacaCloudError;

int64_t monaca_probe(void);

static size_t probe_str(MonacaStr str) {
    const char *bytes = str.ptr;
    return str.len + (size_t)(bytes != NULL);
}

int64_t monaca_probe(void) {
    MonacaError *err = NULL;
    MonacaStatus status = monaca_error_from_response(200, (const uint8_t *)"{}", 2, &err);
    status = monaca_error_new(MONACA_CODE_USER_DEFINED_MIN, "m", 1, NULL, 0, &err);
    MonacaError *timeout = monaca_error_timeout();
    MonacaError *too_large = monaca_error_body_too_large(1);

    int64_t code = monaca_error_code(err);
    MonacaErrorKind kind = monaca_error_kind(err);
    bool has_data = monaca_error_has_data(err);
    size_t total = probe_str(monaca_error_message(err)) + probe_str(monaca_error_name(err))
        + probe_str(monaca_error_detail(err)) + probe_str(monaca_error_data_json(err))
        + probe_str(monaca_error_to_json(err));
    for (size_t i = 0; i < monaca_error_param_count(err); i++) {
        total += probe_str(monaca_error_param_name(err, i));
        for (size_t j = 0; j < monaca_error_param_message_count(err, i); j++) {
            total += probe_str(monaca_error_param_message(err, i, j));
        }
    }
    total += probe_str(monaca_error_first_message_for(err, "a", 1));
    for (size_t i = 0; i < monaca_error_message_count_for(err, "a", 1); i++) {
        total += probe_str(monaca_error_message_for(err, "a", 1, i));
    }
    total += probe_str(monaca_error_description(err)) + probe_str(monaca_error_report_json(err));
    MonacaArgumentError why;
    MonacaError *refused = NULL;
    MonacaStatus explained = monaca_error_new_explained(1, "m", 1, "{", 1, &refused, &why);
    total += why.offset + why.line + why.column + (size_t)(why.reason[0] != 0)
        + (size_t)(why.explanation[0] != 0) + probe_str(why.argument)
        + (size_t)(explained == MONACA_STATUS_INVALID_ARGUMENT) + MONACA_REPORT_SCHEMA;
    monaca_error_free(err);
    monaca_error_free(timeout);
    monaca_error_free(too_large);

    MonacaResponse *resp = NULL;
    MonacaText *text = NULL, *url = NULL;
    size_t offset = 0, range = 0;
    status = monaca_response_from_exchange("m", 1, 200, (const uint8_t *)"{\"result\":1}", 12, "s", 1, &resp);
    total += (size_t)monaca_response_is_success(resp) + (size_t)(monaca_response_error(resp) != NULL)
        + (size_t)monaca_response_result_range(resp, &offset, &range)
        + probe_str(monaca_response_result_json(resp))
        + probe_str(monaca_response_session(resp))
        + (size_t)monaca_response_ends_session(resp)
        + probe_str(monaca_response_login_token(resp))
        + probe_str(monaca_response_report_json(resp));
    monaca_response_free(resp);
    status = monaca_request_new("m", 1, NULL, 0, "k", 1, "d", 1, NULL, 0, &text, &why);
    status = monaca_endpoint_url_check("https://a", 9, &why);
    status = monaca_backend_url("b", 1, &url, NULL);
    total += probe_str(monaca_text_str(text)) + probe_str(monaca_text_str(url))
        + probe_str(monaca_backend_url_prefix());
    monaca_text_free(text);
    monaca_text_free(url);

    MonacaErrorKind code_kind = monaca_code_kind(MONACA_CODE_INVALID_PARAMS);
    total += probe_str(monaca_code_name(MONACA_CODE_PERMISSION_DENIED_NEGATIVE))
        + probe_str(monaca_code_description(MONACA_CODE_CALL_LIMIT_EXCEEDED))
        + probe_str(monaca_status_description(MONACA_STATUS_INVALID_ARGUMENT))
        + probe_str(monaca_version());
    uint32_t abi = monaca_abi_version();
    size_t live = monaca_error_live_count();

    int enums = (kind == MONACA_KIND_USER_DEFINED) + (code_kind == MONACA_KIND_JSON_RPC)
        + (status == MONACA_STATUS_OK) + (abi == MONACA_ABI_VERSION);
    return code + (int64_t)total + (int64_t)live + enums + has_data;
}
