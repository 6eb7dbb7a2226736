//! Every function of the header appears in each list that is kept by hand, so that a new
//! export cannot be forgotten by the checks that must cover all of them: the panic-injection
//! test, the size program that calls every function, the iOS module probe, the fuzz target of
//! call sequences (with its shared checks) and the C harness.

use std::path::PathBuf;

fn read(path: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The functions the header declares: every `monaca_...(` that starts a declaration.
fn header_functions() -> Vec<String> {
    let header = read("include/monaca_cloud_error.h");
    let mut names: Vec<String> = header
        .lines()
        .filter(|line| !line.trim_start().starts_with('*') && !line.starts_with("#"))
        .filter_map(|line| {
            let start = line.find("monaca_")?;
            let rest = &line[start..];
            let end = rest.find('(')?;
            let name = &rest[..end];
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
                .then(|| name.to_owned())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Whether `text` calls `function`: its name, not the tail of a longer one, then `(`.
fn calls(text: &str, function: &str) -> bool {
    let call = format!("{function}(");
    text.match_indices(&call).any(|(at, _)| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

#[test]
fn calls_tells_a_name_from_the_tail_of_another() {
    assert!(calls(
        "x = monaca_error_message_for(e)",
        "monaca_error_message_for"
    ));
    assert!(!calls(
        "monaca_error_first_message_for(e)",
        "monaca_error_message_for"
    ));
}

#[test]
fn every_header_function_is_in_every_hand_kept_list() {
    let functions = header_functions();
    assert!(
        functions.len() >= 29,
        "the header parse found only {functions:?}"
    );
    let lists = [
        "tests/panic_boundary.rs",
        "benches/size/uses_every_function.c",
        "bindings/ios/tools/module-probe.m",
        "fuzz/fuzz_targets/calls.rs+fuzz/src/lib.rs",
        "tests/c/harness.c",
    ];
    let mut missing = Vec::new();
    for list in lists {
        let text: String = list.split('+').map(read).collect();
        for function in &functions {
            if !calls(&text, function) {
                missing.push(format!("{list} lacks {function}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
