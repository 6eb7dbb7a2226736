//! The shared conformance corpus (`tests/corpus/*.json`, written by `tests/corpus/make.py`),
//! checked in full through the Rust API: every case's report, and every field of the Rust face
//! against it. The C harness, the Swift XCTests, the Kotlin JVM tests and the JavaScript tests
//! read the same files.

use monaca_cloud_error::{CloudError, CloudResponse};
use serde_json::Value;
use std::path::PathBuf;

/// Standard base64 (RFC 4648, with padding), enough for the corpus's `bodyBase64`.
fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut bits, mut count) = (0u32, 0);
    for byte in text.bytes().filter(|&b| b != b'=') {
        let value = ALPHABET.iter().position(|&a| a == byte).expect("base64") as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

/// Every case of the corpus: (file, case).
pub fn cases() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for case in file["cases"].as_array().unwrap() {
            cases.push((name.clone(), case.clone()));
        }
    }
    cases
}

fn body_of(case: &Value) -> Vec<u8> {
    match (case.get("body"), case.get("bodyBase64")) {
        (Some(Value::String(text)), None) => text.as_bytes().to_vec(),
        (None, Some(Value::String(encoded))) => base64(encoded),
        _ => panic!("a case has body or bodyBase64: {case}"),
    }
}

#[test]
fn every_case_of_the_corpus_gives_its_report_and_every_rust_field_agrees() {
    let cases = cases();
    assert!(
        cases.len() >= 100,
        "the corpus looks incomplete: {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for (file, case) in &cases {
        let label = format!("{file}/{}", case["name"].as_str().unwrap());
        let status = case["status"].as_i64().unwrap() as i32;
        let expected = &case["expected"];
        let body = body_of(case);
        // Read as a response, the same exchange gives the same answer.
        let response = CloudResponse::from_exchange(None, status, &body, None);
        let response_error = response.error().map(|e| e.report_json().to_owned());
        if response.is_success() != expected.is_null() {
            failures.push(format!(
                "{label}: as a response, success is {}",
                response.is_success()
            ));
        }
        // A result read in place is exactly the bytes of its range of the body.
        if let (Some(result), Some(range)) = (response.result_json(), response.result_range()) {
            if body.get(range) != Some(result.as_bytes()) {
                failures.push(format!("{label}: the result is not its range of the body"));
            }
        }
        let error = CloudError::from_response(status, &body);
        if response_error.as_deref() != error.as_ref().map(CloudError::report_json) {
            failures.push(format!(
                "{label}: the response's error differs from from_response's"
            ));
        }
        let Some(error) = error else {
            if !expected.is_null() {
                failures.push(format!("{label}: a success, expected {expected}"));
            }
            continue;
        };
        let report: Value = serde_json::from_str(error.report_json()).unwrap();
        if &report != expected {
            failures.push(format!("{label}: report {report}, expected {expected}"));
            continue;
        }
        // The Rust face's own accessors say what the report says.
        let params: Vec<Value> = error
            .params()
            .map(|p| serde_json::json!({"name": p.name, "messages": p.messages().collect::<Vec<_>>()}))
            .collect();
        let fields = serde_json::json!({
            "code": error.code(),
            "kind": error.kind().symbol(),
            "name": error.name(),
            "description": error.to_string(),
            "message": error.message(),
            "detail": error.detail(),
            "data": error.data_json(),
            "params": params,
            "json": error.to_json(),
        });
        if &fields != expected {
            failures.push(format!(
                "{label}: Rust fields {fields}, expected {expected}"
            ));
        }
        for param in expected["params"].as_array().unwrap() {
            let name = param["name"].as_str().unwrap();
            let all: Vec<&str> = expected["params"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["name"] == name)
                .flat_map(|p| p["messages"].as_array().unwrap())
                .map(|m| m.as_str().unwrap())
                .collect();
            let found: Vec<&str> = error.messages_for(name).collect();
            if found != all || error.first_message_for(name) != all.first().copied() {
                failures.push(format!(
                    "{label}: messages_for({name:?}) {found:?}, expected {all:?}"
                ));
            }
        }
    }
    println!("corpus: {} cases, {} failures", cases.len(), failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
