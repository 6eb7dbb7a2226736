//! Conformance with JSONTestSuite (https://github.com/nst/JSONTestSuite, MIT), read from
//! `MONACA_JSONTESTSUITE_DIR` (default: `../shared/testdata/jsontestsuite` beside the project).
//! The folder is required: the test fails when it is missing.
//!
//! - `y_` files: as a whole body never a JSON syntax error; wrapped as an error's `data`, code
//!   10001 with `data` equal to the file's value text.
//! - `n_` files: as a body and wrapped as `data`, -12 with a detail.
//! - `i_` files: any classification, without crashing.

use monaca_cloud_error::CloudError;
use std::path::PathBuf;

fn suite_dir() -> PathBuf {
    match std::env::var_os("MONACA_JSONTESTSUITE_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/jsontestsuite"),
    }
}

fn wrapped(file: &[u8]) -> Vec<u8> {
    let mut body = br#"{"error":{"code":10001,"message":"m","data":"#.to_vec();
    body.extend_from_slice(file);
    body.extend_from_slice(b"}}");
    body
}

fn is_syntax_error(error: &CloudError) -> bool {
    error.code() == -12
        && error.detail().is_some_and(|detail| {
            detail.starts_with("the response body is not valid JSON")
                || detail.starts_with("the response body is empty")
        })
}

fn json_whitespace(byte: &u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

#[test]
fn jsontestsuite_conformance() {
    let dir = suite_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|error| {
        panic!(
            "JSONTestSuite folder {} is missing ({error}); set MONACA_JSONTESTSUITE_DIR",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let (mut accepted, mut rejected, mut implementation_defined) = (0, 0, 0);
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let file = std::fs::read(path).unwrap();
        let as_body = CloudError::from_response(200, &file);
        let as_data = CloudError::from_response(200, &wrapped(&file));
        match &name[..2] {
            "y_" => {
                accepted += 1;
                if as_body.as_ref().is_some_and(is_syntax_error) {
                    failures.push(format!(
                        "{name}: body reported as a syntax error: {as_body:?}"
                    ));
                }
                let start = file.iter().position(|b| !json_whitespace(b)).unwrap_or(0);
                let end = file
                    .iter()
                    .rposition(|b| !json_whitespace(b))
                    .map_or(0, |i| i + 1);
                let value = std::str::from_utf8(&file[start..end]).unwrap();
                match &as_data {
                    Some(error) if error.code() == 10001 && error.data_json() == Some(value) => {}
                    other => failures.push(format!("{name}: as data gave {other:?}")),
                }
            }
            "n_" => {
                rejected += 1;
                for (how, outcome) in [("body", &as_body), ("data", &as_data)] {
                    match outcome {
                        Some(error) if error.code() == -12 && error.detail().is_some() => {}
                        other => failures.push(format!("{name}: as {how} gave {other:?}")),
                    }
                }
            }
            "i_" => implementation_defined += 1,
            _ => {}
        }
    }
    println!(
        "JSONTestSuite: {} files: {accepted} y_ checked, {rejected} n_ checked, {implementation_defined} i_ classified without crashing; {} failures",
        files.len(),
        failures.len()
    );
    assert!(
        accepted >= 90 && rejected >= 180,
        "the suite looks incomplete"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
