//! JSON text writing shared by every writer of the library's JSON (reports, request bodies,
//! the JSON form): string literals escaped as JSON requires.

use std::fmt::Write as _;

/// Appends `text` as a JSON string literal, or `null` for `None`.
pub(crate) fn write_optional_json_string(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) => write_json_string(out, text),
        None => out.push_str("null"),
    }
}

/// Appends `text` to `out` as a JSON string literal.
#[cfg_attr(monaca_ship, optimize(size))]
pub(crate) fn write_json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut plain_from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1F => "",
            _ => continue,
        };
        out.push_str(&text[plain_from..at]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        plain_from = at + 1;
    }
    out.push_str(&text[plain_from..]);
    out.push('"');
}

/// The length of `text` written by [`write_json_string`], quotes included.
pub(crate) fn json_string_len(text: &str) -> usize {
    2 + text
        .bytes()
        .map(|byte| match byte {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' => 2,
            0..=0x1F => 6,
            _ => 1,
        })
        .sum::<usize>()
}
