//! Per-parameter validation messages of Invalid params (-32602) errors.

use monaca_cloud_error::CloudError;

fn params_of(data: &str) -> Vec<(String, Vec<String>)> {
    let body = format!(r#"{{"error":{{"code":-32602,"message":"Invalid params","data":{data}}}}}"#);
    let error = CloudError::from_response(200, body.as_bytes()).expect("an error");
    assert_eq!(error.data_json(), Some(data), "data kept as sent");
    let params: Vec<_> = error
        .params()
        .map(|p| {
            (
                p.name.to_string(),
                p.messages().map(String::from).collect::<Vec<_>>(),
            )
        })
        .collect();
    // The indexed accessors agree with the iterator.
    assert_eq!(error.param_count(), params.len());
    for (index, (name, messages)) in params.iter().enumerate() {
        let param = error.param(index).unwrap();
        assert_eq!(param.name, name);
        assert_eq!(param.message_count(), messages.len());
        for (at, message) in messages.iter().enumerate() {
            assert_eq!(param.message(at), Some(message.as_str()));
        }
        assert_eq!(param.message(messages.len()), None);
    }
    assert!(error.param(params.len()).is_none());
    params
}

fn entry(name: &str, messages: &[&str]) -> (String, Vec<String>) {
    (
        name.to_string(),
        messages.iter().map(|m| m.to_string()).collect(),
    )
}

#[test]
fn strings_arrays_nested_objects_and_other_values() {
    let data = r#"{"name":"Required.","tags":["Too many.","Bad tag \"x\"."],"properties":{"age":"Must be a number.","address":{"zip":["Invalid."]}},"limit":5,"flag":false,"none":null,"mixed":["a",1,{"k":[2]},[3,"b"],null]}"#;
    assert_eq!(
        params_of(data),
        vec![
            entry("name", &["Required."]),
            entry("tags", &["Too many.", "Bad tag \"x\"."]),
            entry("properties.age", &["Must be a number."]),
            entry("properties.address.zip", &["Invalid."]),
            entry("limit", &["5"]),
            entry("flag", &["false"]),
            entry("none", &["null"]),
            entry("mixed", &["a", "1", r#"{"k":[2]}"#, r#"[3,"b"]"#, "null"]),
        ]
    );
}

#[test]
fn order_is_kept_and_repeated_names_give_repeated_entries() {
    assert_eq!(
        params_of(r#"{"z":"1","a":"2","z":"3"}"#),
        vec![entry("z", &["1"]), entry("a", &["2"]), entry("z", &["3"])]
    );
    let body = r#"{"error":{"code":-32602,"message":"m","data":{"z":[],"z":"second"}}}"#;
    let error = CloudError::from_response(200, body.as_bytes()).unwrap();
    assert_eq!(error.first_message_for("z"), Some("second"));
}

#[test]
fn empty_containers_give_a_name_without_messages() {
    assert_eq!(
        params_of(r#"{"a":[],"b":{},"c":{"d":{}}}"#),
        vec![entry("a", &[]), entry("b", &[]), entry("c.d", &[])]
    );
    assert!(params_of("{}").is_empty());
}

#[test]
fn escapes_in_names_and_messages_are_decoded() {
    assert_eq!(
        params_of(
            r#"{"na\u006de":"caf\u00e9 \ud83c\udf89","\u6771\u4eac":{"\"q\"":"\u0000"},"e\u0301":"x"}"#
        ),
        vec![
            entry("name", &["café 🎉"]),
            entry("東京.\"q\"", &["\0"]),
            entry("e\u{301}", &["x"]),
        ]
    );
}

#[test]
fn data_that_is_not_an_object_has_no_parameters() {
    for data in [r#"["a"]"#, r#""text""#, "1", "null", "true"] {
        assert!(params_of(data).is_empty(), "{data}");
    }
}

#[test]
fn a_million_parameters_are_read_back_intact() {
    let count = 1_000_000;
    let mut data = String::from("{");
    for i in 0..count {
        if i > 0 {
            data.push(',');
        }
        data.push_str(&format!(r#""p{i}":"m{i}""#));
    }
    data.push('}');
    let body = format!(r#"{{"error":{{"code":-32602,"message":"m","data":{data}}}}}"#);
    let error = CloudError::from_response(200, body.as_bytes()).unwrap();
    assert_eq!(error.param_count(), count);
    assert_eq!(error.data_json(), Some(data.as_str()));
    for (i, param) in error.params().enumerate() {
        assert_eq!(param.name, format!("p{i}"));
        assert_eq!(param.messages().collect::<Vec<_>>(), [format!("m{i}")]);
    }
}
