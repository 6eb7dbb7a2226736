//! The monaca-error command-line tool, run as a user runs it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_monaca-error"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tool starts");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn describes_the_shipped_sample_response() {
    let out = stdout(&run(&["tests/fixtures/invalid-params.json"], b""));
    assert!(out.contains("kind:    JSON-RPC\n"), "{out}");
    assert!(out.contains("code:    -32602\n"));
    assert!(out.contains("name:    INVALID_PARAMS\n"));
    assert!(out.contains("message: Invalid params\n"));
    assert!(out.contains("detail:  (none)\n"));
    assert!(out.contains("params:  3\n"));
    assert!(out.contains("  collectionName: \"Collection not found.\"\n"));
    assert!(
        out.contains("  criteria: \"Unknown field \\\"agee\\\".\", \"Use a number for age.\"\n")
    );
    assert!(out.contains("  properties.age: \"Must be between 0 and 150.\"\n"));
}

/// README's main job shows what the tool really prints for the sample (the block after the
/// command's own).
#[test]
fn readme_shows_what_the_main_job_prints() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let command =
        "cargo run --release --bin monaca-error -- tests/fixtures/invalid-params.json\n```\n";
    let after = &readme[readme.find(command).expect("README shows the main job") + command.len()..];
    let open = after
        .find("```\n")
        .expect("an output block follows the command")
        + 4;
    let shown = &after[open..open + after[open..].find("```").expect("the output block ends")];
    let out = stdout(&run(&["tests/fixtures/invalid-params.json"], b""));
    assert_eq!(
        shown, out,
        "README's output of the main job is not what it prints"
    );
}

#[test]
fn json_form_from_standard_input() {
    let body = std::fs::read("tests/fixtures/login-required.json").unwrap();
    let out = stdout(&run(&["--json"], &body));
    assert_eq!(
        out,
        "{\"code\":11,\"message\":\"User login is required\",\"data\":{}}\n"
    );
    let out = stdout(&run(&["--json", "-"], br#"{"result":"OK"}"#));
    assert_eq!(out, "null\n");
}

#[test]
fn status_and_timeout_options() {
    let out = stdout(&run(&["--status", "0"], b""));
    assert!(
        out.contains("code:    -13\n") && out.contains("no HTTP response arrived"),
        "{out}"
    );
    let out = stdout(&run(&["--timeout", "--json"], b""));
    assert_eq!(
        out,
        "{\"code\":-11,\"message\":\"Connection timeout\",\"data\":{}}\n"
    );
    let out = stdout(&run(&["tests/fixtures/html-gateway.txt"], b""));
    assert!(out.contains("detail:  the response body is not valid JSON: expected a JSON value at line 1, column 1\n"), "{out}");
}

#[test]
fn usage_and_io_errors_exit_with_2() {
    for args in [
        &["--status"][..],
        &["--status", "abc"],
        &["--bogus"],
        &["a", "b"],
    ] {
        let output = run(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("usage:"));
    }
    let output = run(&["tests/fixtures/does-not-exist.json"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
}
