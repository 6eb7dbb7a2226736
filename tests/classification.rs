//! The classification rules of the core issue, through the Rust API.

use monaca_cloud_error::{CloudError, Kind, MAX_DEPTH};

fn classify(body: &str) -> Option<CloudError> {
    CloudError::from_response(200, body.as_bytes())
}

fn error_for(body: &str) -> CloudError {
    classify(body).unwrap_or_else(|| panic!("expected an error for {body}"))
}

/// Asserts a -12 whose detail contains `expected`.
fn invalid_response(body: &[u8], expected: &str) {
    let error = CloudError::from_response(200, body).expect("an error");
    assert_eq!(error.code(), -12, "{:?}", String::from_utf8_lossy(body));
    assert_eq!(error.message(), "Invalid response");
    assert_eq!(error.kind(), Kind::Client);
    assert_eq!(error.name(), Some("INVALID_RESPONSE"));
    assert_eq!(error.data_json(), None);
    let detail = error.detail().expect("a detail");
    assert!(
        detail.contains(expected),
        "detail {detail:?} lacks {expected:?}"
    );
}

#[test]
fn success_bodies_give_no_error() {
    for body in [
        r#"{"jsonrpc":"2.0","id":"1","result":"OK"}"#,
        r#"{"jsonrpc":"2.0","id":1,"result":{"totalItems":0,"items":[]}}"#,
        r#"{"result":null}"#,
        r#"{"result":null,"error":null}"#,
        r#"{"error":null,"result":[1,2]}"#,
        r#"{"id":{"any":["json",1.5e3]},"result":false}"#,
        r#"{"id":null,"result":0,"extra":{"a":1,"a":2}}"#,
        " \r\n\t{\"result\":\"OK\"} \n",
        r#"{"result":{"a":1,"a":1}}"#,
    ] {
        assert!(classify(body).is_none(), "{body}");
    }
    for status in [200, 201, 204, 299, 304] {
        assert!(CloudError::from_response(status, br#"{"result":1}"#).is_none());
    }
}

#[test]
fn the_documented_invalid_params_example() {
    let body = r#"{"jsonrpc":"2.0","id":"1","error":{"code":-32602,"message":"Invalid params","data":{"collectionName":"Collection not found."}}}"#;
    let error = error_for(body);
    assert_eq!(error.code(), -32602);
    assert_eq!(error.kind(), Kind::JsonRpc);
    assert_eq!(error.name(), Some("INVALID_PARAMS"));
    assert_eq!(error.message(), "Invalid params");
    assert_eq!(error.detail(), None);
    assert_eq!(
        error.data_json(),
        Some(r#"{"collectionName":"Collection not found."}"#)
    );
    let params: Vec<_> = error
        .params()
        .map(|p| (p.name, p.messages().collect::<Vec<_>>()))
        .collect();
    assert_eq!(params, [("collectionName", vec!["Collection not found."])]);
    assert_eq!(
        error.first_message_for("collectionName"),
        Some("Collection not found.")
    );
    assert_eq!(error.first_message_for("other"), None);
    assert_eq!(
        error.to_json(),
        r#"{"code":-32602,"message":"Invalid params","data":{"collectionName":"Collection not found."}}"#
    );
}

#[test]
fn server_errors_keep_code_message_and_data_exactly() {
    let error = error_for(r#"{"error":{"code":11,"message":"User login is required"}}"#);
    assert_eq!(
        (error.code(), error.kind(), error.name()),
        (11, Kind::CloudApi, Some("USER_LOGIN_REQUIRED"))
    );
    assert_eq!(error.data_json(), None);
    assert_eq!(error.param_count(), 0);
    assert_eq!(
        error.to_json(),
        r#"{"code":11,"message":"User login is required","data":{}}"#
    );

    // data keeps its spacing, key order, duplicates and number spelling.
    let data = "{ \"b\" : 1.50E+2, \"a\":[ true ,null],\"a\":\"dup\" }";
    let error = error_for(&format!(
        r#"{{"error":{{"data":{data},"message":"m","code":10001}},"id":3}}"#
    ));
    assert_eq!(error.code(), 10001);
    assert_eq!(error.kind(), Kind::UserDefined);
    assert_eq!(error.name(), None);
    assert_eq!(error.data_json(), Some(data));
    assert_eq!(error.param_count(), 0, "only -32602 has parameters");
    assert_eq!(
        error.to_json(),
        format!(r#"{{"code":10001,"message":"m","data":{data}}}"#)
    );

    for data in ["null", "0", "\"text\"", "[]", "{}"] {
        let error = error_for(&format!(
            r#"{{"error":{{"code":-32602,"message":"m","data":{data}}}}}"#
        ));
        assert_eq!(error.data_json(), Some(data));
        assert_eq!(error.param_count(), 0, "{data}");
    }
}

#[test]
fn codes_are_the_integer_javascript_reads_in_any_notation() {
    for (text, code) in [
        ("-9223372036854775808", i64::MIN),
        ("9223372036854775807", i64::MAX),
        ("-0", 0),
        ("-32050", -32050),
        // JSON.parse reads these as integers, and the SDK rejects with that code.
        ("1e3", 1000),
        ("11.0", 11),
        ("-3.2602e4", -32602),
        ("1E3", 1000),
        ("1e+3", 1000),
        ("-0.0", 0),
        ("9.223372036854775807E18", i64::MAX),
    ] {
        let error = error_for(&format!(r#"{{"error":{{"code":{text},"message":"m"}}}}"#));
        assert_eq!(error.code(), code, "{text}");
    }
    assert_eq!(
        error_for(r#"{"error":{"code":-3.2602e4,"message":"Invalid params"}}"#).name(),
        Some("INVALID_PARAMS")
    );
    assert_eq!(
        error_for(r#"{"error":{"code":-32050,"message":"m"}}"#).kind(),
        Kind::ServerDefined
    );
    let long_fraction = format!("11.{}1", "0".repeat(300));
    for (text, expected) in [
        ("9223372036854775808", "outside the 64-bit integer range"),
        ("-9223372036854775809", "outside the 64-bit integer range"),
        (
            "1e400",
            "\"error.code\" is 1e400, outside the 64-bit integer range",
        ),
        ("1e19", "outside the 64-bit integer range"),
        ("11.5", "\"error.code\" is 11.5, which is not an integer"),
        ("1e-3", "which is not an integer"),
        (&long_fraction, "which is not an integer"),
        ("\"11\"", "\"error.code\" is a string, not an integer"),
        ("null", "\"error.code\" is null, not an integer"),
        ("true", "\"error.code\" is a boolean"),
    ] {
        let body = format!(r#"{{"error":{{"code":{text},"message":"m"}}}}"#);
        invalid_response(body.as_bytes(), expected);
    }
}

#[test]
fn malformed_error_members_are_named_in_the_detail() {
    let cases = [
        (
            r#"{"error":"boom"}"#,
            "\"error\" is a string, not an object",
        ),
        (
            r#"{"error":[1],"result":1}"#,
            "\"error\" is an array, not an object",
        ),
        (r#"{"error":42}"#, "\"error\" is a number, not an object"),
        (r#"{"error":{"message":"m"}}"#, "\"error\" has no \"code\""),
        (r#"{"error":{"code":1}}"#, "\"error\" has no \"message\""),
        (r#"{"error":{}}"#, "\"error\" has no \"code\""),
        (
            r#"{"error":{"code":1,"message":7}}"#,
            "\"error.message\" is a number, not a string",
        ),
        (
            r#"{"error":{"code":1,"message":null}}"#,
            "\"error.message\" is null, not a string",
        ),
        (
            r#"{"error":null}"#,
            "\"error\" is null and the response has no \"result\"",
        ),
        (
            r#"{"jsonrpc":"2.0","id":1}"#,
            "neither \"result\" nor \"error\"",
        ),
        ("{}", "neither \"result\" nor \"error\""),
    ];
    for (body, expected) in cases {
        invalid_response(body.as_bytes(), expected);
    }
}

#[test]
fn the_last_of_duplicated_members_wins_as_in_json_parse() {
    // Successes: the last `error` is null (or there is none) and a result is there.
    for body in [
        r#"{"result":1,"result":2}"#,
        r#"{"error":null,"error":null,"result":1}"#,
        r#"{"error":{"code":1,"message":"a"},"error":null,"result":1}"#,
        r#"{"error":"boom","error":null,"result":1}"#,
        r#"{"result":1,"r\u0065sult":2}"#,
    ] {
        assert!(classify(body).is_none(), "{body}");
    }
    // Errors: the last value of each member is the one read.
    for (body, code, message, data) in [
        (
            r#"{"error":{"code":1,"message":"a"},"error":{"code":2,"message":"b"}}"#,
            2,
            "b",
            None,
        ),
        (
            r#"{"error":null,"error":{"code":3,"message":"c"},"result":1}"#,
            3,
            "c",
            None,
        ),
        (
            r#"{"error":"boom","error":{"code":4,"message":"d"}}"#,
            4,
            "d",
            None,
        ),
        (
            r#"{"error":{"code":1,"code":2,"message":"a"}}"#,
            2,
            "a",
            None,
        ),
        (
            r#"{"error":{"code":"x","code":5,"message":"a"}}"#,
            5,
            "a",
            None,
        ),
        (
            r#"{"error":{"code":1,"message":"a","message":"b"}}"#,
            1,
            "b",
            None,
        ),
        (
            r#"{"error":{"code":1,"message":7,"message":"b"}}"#,
            1,
            "b",
            None,
        ),
        (
            r#"{"error":{"code":1,"message":"a","data":1,"data":[2]}}"#,
            1,
            "a",
            Some("[2]"),
        ),
        (
            r#"{"error":{"code":1,"message":"a","d\u0061ta":{"x":1},"data":null}}"#,
            1,
            "a",
            Some("null"),
        ),
    ] {
        let error = error_for(body);
        assert_eq!(
            (error.code(), error.message(), error.data_json()),
            (code, message, data),
            "{body}"
        );
    }
    // And a last value that is unusable makes the response unusable, whatever came before.
    for (body, expected) in [
        (
            r#"{"error":{"code":1,"message":"a"},"error":5}"#,
            "\"error\" is a number, not an object",
        ),
        (
            r#"{"error":{"code":1,"message":"a"},"error":null}"#,
            "\"error\" is null and the response has no \"result\"",
        ),
        (
            r#"{"error":{"code":1,"code":"1","message":"a"}}"#,
            "\"error.code\" is a string, not an integer",
        ),
        (
            r#"{"error":{"code":1,"message":"a","message":false}}"#,
            "\"error.message\" is a boolean, not a string",
        ),
    ] {
        invalid_response(body.as_bytes(), expected);
    }
}

#[test]
fn bodies_that_are_not_json_objects_give_a_precise_detail() {
    invalid_response(b"", "empty");
    invalid_response(b" \n\t ", "empty");
    invalid_response(b"[]", "is an array, not a JSON object");
    invalid_response(b"\"OK\"", "is a string, not a JSON object");
    invalid_response(b"null", "is null, not a JSON object");
    invalid_response(b"12", "is a number, not a JSON object");
    invalid_response(
        b"<html>502 Bad Gateway</html>",
        "not valid JSON: expected a JSON value at line 1, column 1",
    );
    invalid_response(
        b"{\"result\":1,\n  \"x\": tru}",
        "not valid JSON: invalid literal (expected true, false or null) at line 2, column 8",
    );
    invalid_response(
        b"{\"result\":1}}",
        "unexpected characters after the JSON value at line 1, column 13",
    );
    invalid_response(
        b"[1,2",
        "not valid JSON: unexpected end of input inside an array",
    );
    invalid_response(
        b"{\"result\":1}\xFF",
        "not valid JSON: a byte that is not UTF-8, outside a string, at line 1, column 13 \
         (byte offset 12)",
    );
    invalid_response(
        b"{\"result\":\xC3\xA9}",
        "not valid JSON: expected a JSON value at line 1, column 11",
    );
    // A syntax error anywhere wins over what the members said.
    invalid_response(
        br#"{"error":{"code":"x","message":"m"},"result":[}"#,
        "not valid JSON",
    );
}

#[test]
fn nesting_as_deep_as_the_sdk_reads_is_accepted_and_beyond_the_limit_refused() {
    let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = |depth: usize| format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    // The envelope and the `error` object are the frame: `result` and `data` may each nest
    // MAX_DEPTH containers of their own (10,001 and 10,002 levels in all), as `JSON.parse`
    // reads them.
    assert_eq!(MAX_DEPTH, 10_000);
    assert!(classify(&format!(r#"{{"result":{}}}"#, deep(MAX_DEPTH))).is_none());
    assert!(classify(&format!(r#"{{"result":{}}}"#, objects(MAX_DEPTH))).is_none());
    assert!(classify(&format!(r#"{{"id":{},"result":1}}"#, deep(MAX_DEPTH))).is_none());
    let data = objects(MAX_DEPTH);
    let error = error_for(&format!(
        r#"{{"error":{{"code":-32602,"message":"m","data":{data}}}}}"#
    ));
    assert_eq!(error.data_json(), Some(&*data));
    let params: Vec<_> = error
        .params()
        .map(|p| (p.name, p.messages().collect::<Vec<_>>()))
        .collect();
    let name = vec!["a"; MAX_DEPTH].join(".");
    assert_eq!(params, [(&*name, vec!["1"])]);
    let too_deep = "objects and arrays nested more than 10000 deep";
    invalid_response(
        format!(r#"{{"result":{}}}"#, deep(MAX_DEPTH + 1)).as_bytes(),
        too_deep,
    );
    invalid_response(
        format!(
            r#"{{"error":{{"code":1,"message":"m","data":{}}}}}"#,
            objects(MAX_DEPTH + 1)
        )
        .as_bytes(),
        too_deep,
    );
    invalid_response(
        format!(
            r#"{{"error":{{"code":1,"message":"m","x":{}}}}}"#,
            deep(MAX_DEPTH + 1)
        )
        .as_bytes(),
        too_deep,
    );
    let million = format!(r#"{{"result":{}}}"#, "[".repeat(1_000_000));
    invalid_response(million.as_bytes(), too_deep);
    let million = format!(
        r#"{{"error":{{"code":1,"message":"m","data":{}}}}}"#,
        "{\"a\":".repeat(1_000_000)
    );
    invalid_response(million.as_bytes(), too_deep);
}

#[test]
fn byte_order_marks_pick_the_encoding_as_a_browser_does() {
    let utf16 = |text: &str, little: bool| -> Vec<u8> {
        let bom: [u8; 2] = if little { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
        bom.into_iter()
            .chain(text.encode_utf16().flat_map(move |unit| {
                if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                }
            }))
            .collect()
    };
    // A UTF-8 BOM is dropped.
    assert!(CloudError::from_response(200, b"\xEF\xBB\xBF{\"result\":1}").is_none());
    let error = CloudError::from_response(
        200,
        "\u{FEFF}{\"error\":{\"code\":11,\"message\":\"é\",\"data\":[1]}}".as_bytes(),
    )
    .expect("an error");
    assert_eq!(
        (error.code(), error.message(), error.data_json()),
        (11, "é", Some("[1]"))
    );
    invalid_response(b"\xEF\xBB\xBF", "empty");
    invalid_response(b"\xEF\xBB\xBF  ", "empty");
    // Positions still count from the body's first byte (the BOM is one character).
    invalid_response(
        b"\xEF\xBB\xBF{\"result\":1}\xFF",
        "at line 1, column 14 (byte offset 15)",
    );
    invalid_response(
        b"\xEF\xBB\xBF{\"result\":}",
        "expected a JSON value at line 1, column 12",
    );
    // A second BOM is not JSON.
    invalid_response(
        b"\xEF\xBB\xBF\xEF\xBB\xBF{\"result\":1}",
        "expected a JSON value at line 1, column 2",
    );
    // UTF-16 in both byte orders.
    let body =
        r#"{"error":{"code":-32602,"message":"Invalid params","data":{"名前":"必須です 🎉"}}}"#;
    for little in [true, false] {
        let error = CloudError::from_response(200, &utf16(body, little)).expect("an error");
        assert_eq!(error.code(), -32602);
        assert_eq!(error.data_json(), Some(r#"{"名前":"必須です 🎉"}"#));
        assert_eq!(error.first_message_for("名前"), Some("必須です 🎉"));
        assert!(CloudError::from_response(200, &utf16(r#"{"result":"OK"}"#, little)).is_none());
        invalid_response(&utf16("", little), "empty");
        invalid_response(
            &utf16("{\"result\":\n tru}", little),
            "invalid literal (expected true, false or null) at line 2, column 2",
        );
    }
    // An unpaired surrogate in UTF-16 is U+FFFD.
    let mut lone = utf16(r#"{"error":{"code":1,"message":"aX"}}"#, true);
    let x = lone.iter().rposition(|&b| b == b'X').unwrap();
    lone[x..x + 2].copy_from_slice(&0xD800u16.to_le_bytes());
    assert_eq!(
        CloudError::from_response(200, &lone).unwrap().message(),
        "a\u{FFFD}"
    );
}

#[test]
fn invalid_utf8_inside_strings_becomes_u_fffd_as_in_a_browser() {
    // A stray byte in id, result, a key or another member does not turn a success into a failure.
    for body in [
        &b"{\"id\":\"\xFF\",\"result\":1}"[..],
        b"{\"result\":\"caf\xE9\"}",
        b"{\"result\":{\"k\xC3\":[\"\xF0\x9F\x8E\"]}}",
        b"{\"x\xFF\":1,\"result\":null}",
    ] {
        assert!(
            CloudError::from_response(200, body).is_none(),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    // In a message and in data: the decoded text, maximal subparts each one U+FFFD.
    let error = CloudError::from_response(
        200,
        b"{\"error\":{\"code\":-32602,\"message\":\"caf\xE9 \xF0\x9F\x8E!\",\"data\":{\"n\xFFm\":\"\xED\xA0\x80\"}}}",
    )
    .expect("an error");
    assert_eq!(error.code(), -32602);
    assert_eq!(error.message(), "caf\u{FFFD} \u{FFFD}!");
    assert_eq!(
        error.data_json(),
        Some("{\"n\u{FFFD}m\":\"\u{FFFD}\u{FFFD}\u{FFFD}\"}")
    );
    assert_eq!(
        error.first_message_for("n\u{FFFD}m"),
        Some("\u{FFFD}\u{FFFD}\u{FFFD}")
    );
    // A key that is "error" only once decoded is not "error".
    invalid_response(
        b"{\"erro\xFF\":{\"code\":1,\"message\":\"m\"}}",
        "neither \"result\" nor \"error\"",
    );
    // A Latin-1 body is decoded the same way.
    let error = CloudError::from_response(
        200,
        b"{\"error\":{\"code\":10001,\"message\":\"Donn\xE9es invalides\"}}",
    )
    .expect("an error");
    assert_eq!(error.message(), "Donn\u{FFFD}es invalides");
    // Outside strings an invalid byte is still a syntax error, at its place in the body, even
    // after invalid bytes inside strings.
    invalid_response(
        b"{\"id\":\"\xFF\xFF\",\"result\":\xFF}",
        "a byte that is not UTF-8, outside a string, at line 1, column 21 (byte offset 20)",
    );
    invalid_response(
        b"{\"id\":\"\xFF\xFF\",\"result\":1,}",
        "expected a string key in the object at line 1, column 23",
    );
    invalid_response(b"\xFF", "byte offset 0");
    // The scanner meets the grammar fault first: reported as such.
    invalid_response(
        b"\x00z\xFF",
        "not valid JSON: expected a JSON value at line 1, column 1",
    );
}

#[test]
fn other_statuses_give_invalid_status_code_whatever_the_body() {
    for status in [
        0,
        100,
        199,
        300,
        301,
        303,
        305,
        400,
        401,
        404,
        500,
        503,
        -1,
        i32::MAX,
    ] {
        let error = CloudError::from_response(status, br#"{"result":"OK"}"#).expect("an error");
        assert_eq!(error.code(), -13);
        assert_eq!(error.message(), "Invalid status code");
        assert_eq!(error.kind(), Kind::Client);
        assert_eq!(error.name(), Some("INVALID_STATUS_CODE"));
        assert_eq!(error.data_json(), None);
        assert_eq!(
            error.to_json(),
            r#"{"code":-13,"message":"Invalid status code","data":{}}"#
        );
        let detail = error.detail().expect("a detail");
        assert!(detail.contains(&status.to_string()), "{detail}");
    }
    let no_response = CloudError::from_response(0, b"").unwrap();
    assert_eq!(
        no_response.detail(),
        Some("no HTTP response arrived (status 0)")
    );
    let error = CloudError::from_response(500, b"").unwrap();
    assert_eq!(
        error.detail(),
        Some("HTTP status 500 is not a success status (200-299 or 304)")
    );
}

#[test]
fn timeout_is_made_by_the_caller() {
    let error = CloudError::timeout();
    assert_eq!(error.code(), -11);
    assert_eq!(error.message(), "Connection timeout");
    assert_eq!(error.name(), Some("CONNECTION_TIMED_OUT"));
    assert_eq!(error.kind(), Kind::Client);
    assert_eq!(error.detail(), None);
    assert_eq!(
        error.to_json(),
        r#"{"code":-11,"message":"Connection timeout","data":{}}"#
    );
}

#[test]
fn messages_are_decoded_and_the_json_form_escapes_them_back() {
    let body = r#"{"error":{"code":1,"message":"a\u0000b \"q\" \\ \n\t\u0001 é 🎉 \ud83c\udf89 \u2028 東京"}}"#;
    let error = error_for(body);
    let expected = "a\0b \"q\" \\ \n\t\u{1} é 🎉 🎉 \u{2028} 東京";
    assert_eq!(error.message(), expected);
    let json: serde_json::Value = serde_json::from_str(error.to_json()).expect("valid JSON");
    assert_eq!(json["message"], expected);
    assert_eq!(json["code"], 1);
    assert_eq!(json["data"], serde_json::json!({}));
    assert!(error.to_json().contains(r#"a\u0000b \"q\" \\ \n\t\u0001"#));
}

#[test]
fn new_validates_data_and_keeps_it_without_surrounding_whitespace() {
    let error =
        CloudError::new(-32602, "Invalid params", Some(" {\"x\":[\"a\",\"b\"]}\n")).unwrap();
    assert_eq!(error.data_json(), Some("{\"x\":[\"a\",\"b\"]}"));
    assert_eq!(error.first_message_for("x"), Some("a"));
    assert_eq!(error.detail(), None);
    let error = CloudError::new(20000, "mine", None).unwrap();
    assert_eq!(error.kind(), Kind::UserDefined);
    assert_eq!(
        error.to_json(),
        r#"{"code":20000,"message":"mine","data":{}}"#
    );
    let refused = CloudError::new(1, "m", Some("{\"a\":}")).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "data is not valid JSON: expected a JSON value at line 1, column 6 (byte offset 5)"
    );
    assert_eq!(
        (refused.argument(), refused.reason(), refused.offset()),
        ("data", "expected a JSON value", 5)
    );
    let from_bytes = CloudError::from_bytes(1, b"caf\xE9", None).unwrap_err();
    assert_eq!(
        (
            from_bytes.argument(),
            from_bytes.reason(),
            from_bytes.offset()
        ),
        ("message", "invalid UTF-8", 3)
    );
    assert_eq!(
        CloudError::from_bytes(1, b"m", Some(b"\"\xFF\""))
            .unwrap_err()
            .to_string(),
        "data is not valid UTF-8: invalid byte at byte offset 1"
    );
    assert!(CloudError::new(1, "m", Some("")).is_err());
    assert!(CloudError::new(1, "m", Some("1 2")).is_err());
}

#[test]
fn display_names_the_error() {
    let error = error_for(r#"{"error":{"code":14,"message":"Permission denied"}}"#);
    assert_eq!(
        error.to_string(),
        "Monaca error 14 (PERMISSION_DENIED): Permission denied"
    );
    let error = CloudError::from_response(502, b"").unwrap();
    assert!(error.to_string().starts_with(
        "Monaca error -13 (INVALID_STATUS_CODE): Invalid status code (HTTP status 502"
    ));
}
