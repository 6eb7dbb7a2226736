//! Invariant checks shared by the fuzz targets. Everything goes through the C ABI functions of
//! `monaca_cloud_error::ffi`, exactly as a C caller would use them; every failed check panics,
//! and the panic hook installed by [`abort_on_panic`] turns any panic (including one that the
//! library itself catches at its boundary) into a crash that libFuzzer reports.

use monaca_cloud_error::ffi::{
    self, MonacaError, MonacaErrorKind, MonacaStatus, MonacaStr, MONACA_MAX_DEPTH,
};
use serde_json::Value;
use std::ptr;

/// Makes every panic abort the process. The library catches panics at its C boundary and
/// returns a zero value instead; for the fuzzer a caught panic is still a bug, so the hook
/// (which runs before unwinding starts) aborts.
pub fn abort_on_panic() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            default(info);
            std::process::abort();
        }));
    });
}

/// Reads a `MonacaStr`, checking the ABI's promises: `ptr` is not NULL, `len` bytes of UTF-8
/// are followed by a NUL byte.
///
/// # Safety
/// `s` was returned by the library, and the handle it borrows from (if any) is alive for as
/// long as the returned text is used.
pub unsafe fn text<'a>(s: MonacaStr) -> &'a str {
    assert!(!s.ptr.is_null(), "MonacaStr.ptr is NULL");
    assert!(
        s.len < isize::MAX as usize,
        "MonacaStr.len {} is absurd",
        s.len
    );
    // SAFETY: the ABI promises `len` readable bytes at `ptr` followed by a NUL byte; reading
    // `len + 1` bytes is exactly that promise (ASan reports it if it is broken).
    let with_nul = unsafe { std::slice::from_raw_parts(s.ptr.cast::<u8>(), s.len + 1) };
    assert_eq!(
        with_nul[s.len], 0,
        "no NUL byte after a MonacaStr of {} bytes",
        s.len
    );
    std::str::from_utf8(&with_nul[..s.len]).expect("a MonacaStr is not UTF-8")
}

/// Asserts that a `MonacaStr` is the empty string.
///
/// # Safety
/// As for [`text`].
pub unsafe fn assert_empty(s: MonacaStr, what: &str) {
    // SAFETY: forwarded from the caller.
    assert_eq!(unsafe { text(s) }, "", "{what} should be empty");
}

/// Whether an HTTP status is one whose body is read (200-299 or 304), as issue 2 defines it.
pub fn is_success_status(status: i32) -> bool {
    (200..=299).contains(&status) || status == 304
}

/// The deepest nesting of `[`/`{` outside string literals. Exact for valid JSON; for invalid
/// text it is only a figure (the library rejects such text anyway).
pub fn max_depth(text: &[u8]) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in text {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Replaces every `\uXXXX` escape of a lone surrogate inside string literals by `\ufffd`, the
/// character the library decodes it to. JSON's grammar allows lone surrogates (and
/// JavaScript's `JSON.parse` reads them) but serde_json refuses them, so the oracle parses
/// the neutralized text instead. A surrogate pair is kept as it is.
pub fn neutralize_surrogates(text: &str) -> String {
    fn unit_at(bytes: &[u8], at: usize) -> Option<u32> {
        if bytes.get(at) != Some(&b'\\') || bytes.get(at + 1) != Some(&b'u') {
            return None;
        }
        let hex = std::str::from_utf8(bytes.get(at + 2..at + 6)?).ok()?;
        u32::from_str_radix(hex, 16).ok()
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut at, mut copied, mut in_string) = (0, 0, false);
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                in_string = !in_string;
                at += 1;
            }
            b'\\' if in_string => match unit_at(bytes, at) {
                Some(high @ 0xD800..=0xDBFF)
                    if matches!(unit_at(bytes, at + 6), Some(0xDC00..=0xDFFF)) =>
                {
                    let _ = high;
                    at += 12;
                }
                Some(0xD800..=0xDFFF) => {
                    out.push_str(&text[copied..at]);
                    out.push_str("\\ufffd");
                    at += 6;
                    copied = at;
                }
                Some(_) => at += 6,
                None => at += 2, // a two-character escape (or broken text: the parse fails)
            },
            _ => at += 1,
        }
    }
    out.push_str(&text[copied.min(text.len())..]);
    out
}

/// Whether the serde_json oracle can judge JSON made of these bytes. With `arbitrary_precision`
/// serde_json reads an object whose first key is its private token
/// `$serde_json::private::Number` as a number, so a body or data holding that token (which the
/// fuzzer finds through its comparison dictionary) would be misjudged; such inputs are
/// skipped. Only the literal token is looked for: an escaped spelling of all 28 characters is
/// out of the fuzzer's practical reach.
pub fn oracle_can_judge(bytes: &[u8]) -> bool {
    const TOKEN: &[u8] = b"serde_json::private::Number";
    !bytes.windows(TOKEN.len()).any(|window| window == TOKEN)
}

/// The deepest nesting the serde_json oracle is asked to judge. The library accepts up to
/// `MONACA_MAX_DEPTH` (10,000) levels without recursing, but serde_json (recursion limit off)
/// and the drop of its `Value` recurse once per level, which under AddressSanitizer could
/// overflow the fuzzer's stack; deeper texts are checked for the handle's invariants only (the
/// Rust tests check deep bodies against their expected answers).
pub const ORACLE_MAX_DEPTH: usize = 256;

/// Whether the oracle may parse this text (see [`ORACLE_MAX_DEPTH`]).
pub fn oracle_depth_ok(text: &[u8]) -> bool {
    max_depth(text) <= ORACLE_MAX_DEPTH
}

/// The text a browser decodes from a response body before `JSON.parse` sees it, as the
/// oracle reads the rule (written with the standard library, independently of the library's
/// own decoder): a UTF-8 BOM is dropped, a UTF-16 LE or BE BOM selects UTF-16 (an unpaired
/// surrogate or an odd last byte is U+FFFD), and otherwise invalid UTF-8 becomes U+FFFD.
pub fn browser_text(body: &[u8]) -> String {
    fn utf16(rest: &[u8], unit: fn([u8; 2]) -> u16) -> String {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|pair| match pair {
                [a, b] => unit([*a, *b]),
                _ => 0xFFFD,
            })
            .collect();
        String::from_utf16_lossy(&units)
    }
    match body {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8_lossy(body).into_owned(),
    }
}

/// Parses JSON text the way the oracle compares it: lone surrogates neutralized, numbers kept
/// as written (arbitrary precision), duplicate keys keeping the last value (as `JSON.parse`
/// does). Only call it on text at most [`ORACLE_MAX_DEPTH`] containers deep: the recursion
/// limit is off.
pub fn parse_json(text: &str) -> Result<Value, serde_json::Error> {
    use serde::Deserialize as _;
    let neutral = neutralize_surrogates(text);
    let mut de = serde_json::Deserializer::from_str(&neutral);
    de.disable_recursion_limit();
    let value = Value::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Everything a handle says, read through the C accessors.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub code: i64,
    pub kind: MonacaErrorKind,
    pub message: String,
    pub name: String,
    pub detail: String,
    pub data: Option<String>,
    pub params: Vec<(String, Vec<String>)>,
}

/// Reads every accessor of a live handle and checks the invariants that hold for any handle:
/// strings valid, kind and name agree with the code tables, detail only on client errors,
/// `has_data` agrees with `data_json`, `data_json` is valid JSON, parameter counts and indexes
/// are consistent (out of range gives "" and 0), and `first_message_for` agrees with the table.
/// With `json`, the JSON form is checked too (see [`check_json_form`]); without it, the lazily
/// built form is left unbuilt.
///
/// # Safety
/// `err` is a live handle of the library, which the caller keeps alive during the call.
pub unsafe fn snapshot(err: *const MonacaError, json: bool) -> Snapshot {
    assert!(!err.is_null());
    // SAFETY (for every call below): `err` is alive, and each text is used before it is freed.
    unsafe {
        let code = ffi::monaca_error_code(err);
        let kind = ffi::monaca_error_kind(err);
        assert_eq!(kind, ffi::monaca_code_kind(code), "kind of {code}");
        let name = ffi::monaca_error_name(err);
        let static_name = ffi::monaca_code_name(code);
        assert_eq!(text(name), text(static_name), "name of {code}");
        assert_eq!(
            name.ptr, static_name.ptr,
            "the name of {code} is not the static text"
        );
        text(ffi::monaca_code_description(code));

        let message = text(ffi::monaca_error_message(err)).to_owned();
        let detail = text(ffi::monaca_error_detail(err)).to_owned();
        if !detail.is_empty() {
            assert!(
                code == -12 || code == -13,
                "code {code} has a detail: {detail:?}"
            );
        }

        let has_data = ffi::monaca_error_has_data(err);
        let data_text = text(ffi::monaca_error_data_json(err));
        // A JSON value is never empty text, so "" means exactly "no data".
        assert_eq!(
            has_data,
            !data_text.is_empty(),
            "has_data vs data_json {data_text:?}"
        );
        let data = has_data.then(|| data_text.to_owned());
        let data_value = data.as_deref().map(|d| {
            let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
            let bytes = d.as_bytes();
            assert!(
                !ws(bytes[0]) && !ws(bytes[bytes.len() - 1]),
                "data not trimmed: {d:?}"
            );
            let depth = max_depth(bytes);
            assert!(
                depth <= MONACA_MAX_DEPTH as usize,
                "data nested {depth} deep: {d:?}"
            );
            oracle_depth_ok(bytes).then(|| {
                parse_json(d).unwrap_or_else(|e| panic!("data_json is not JSON ({e}): {d:?}"))
            })
        });
        let judged = data_value.as_ref().is_none_or(Option::is_some);
        let data_value = data_value.flatten();

        let params = check_params(err, code, data_value.as_ref(), judged);
        if json {
            check_json_form(err, code, &message, data.as_deref());
        }
        Snapshot {
            code,
            kind,
            message,
            name: text(name).to_owned(),
            detail,
            data,
            params,
        }
    }
}

/// Checks the parameter accessors and returns the table they describe.
///
/// # Safety
/// `err` is a live handle.
unsafe fn check_params(
    err: *const MonacaError,
    code: i64,
    data: Option<&Value>,
    judged: bool,
) -> Vec<(String, Vec<String>)> {
    // SAFETY: forwarded from the caller.
    unsafe {
        let count = ffi::monaca_error_param_count(err);
        match data {
            _ if !judged => {} // data too deep for the oracle
            Some(Value::Object(members)) if code == -32602 => {
                // Each member gives at least one entry (an empty nested object gives one with
                // no messages); serde_json keeps one member per distinct key.
                assert!(
                    count >= members.len(),
                    "{count} params for {} members",
                    members.len()
                );
            }
            _ => assert_eq!(count, 0, "params for code {code} with data {data:?}"),
        }
        let mut params = Vec::with_capacity(count);
        for index in 0..count {
            let name = text(ffi::monaca_error_param_name(err, index)).to_owned();
            let message_count = ffi::monaca_error_param_message_count(err, index);
            let messages: Vec<String> = (0..message_count)
                .map(|m| text(ffi::monaca_error_param_message(err, index, m)).to_owned())
                .collect();
            for m in [message_count, message_count + 1, usize::MAX] {
                assert_empty(
                    ffi::monaca_error_param_message(err, index, m),
                    "message out of range",
                );
            }
            params.push((name, messages));
        }
        for index in [count, count + 1, usize::MAX] {
            assert_empty(
                ffi::monaca_error_param_name(err, index),
                "param name out of range",
            );
            assert_eq!(ffi::monaca_error_param_message_count(err, index), 0);
            assert_empty(
                ffi::monaca_error_param_message(err, index, 0),
                "param out of range",
            );
        }
        // first_message_for(name) is the first message of the first same-named entry that has
        // one, compared byte for byte.
        for (name, _) in &params {
            let expected = params
                .iter()
                .filter(|(n, _)| n == name)
                .find_map(|(_, messages)| messages.first())
                .map_or("", String::as_str);
            let found = ffi::monaca_error_first_message_for(err, name.as_ptr().cast(), name.len());
            assert_eq!(text(found), expected, "first_message_for({name:?})");
        }
        // NULL with a length is refused; NULL with length 0 is the empty name.
        assert_empty(
            ffi::monaca_error_first_message_for(err, ptr::null(), 1),
            "NULL param",
        );
        let empty_name = params
            .iter()
            .filter(|(n, _)| n.is_empty())
            .find_map(|(_, messages)| messages.first())
            .map_or("", String::as_str);
        let found = ffi::monaca_error_first_message_for(err, ptr::null(), 0);
        assert_eq!(text(found), empty_name, "first_message_for(NULL, 0)");
        params
    }
}

/// Checks the JSON form: it is exactly `{"code":<code>,"message":<string>,"data":<data or {}>}`
/// with `data` spliced in byte for byte, it parses back to the same code, message and data, and
/// a second call lends the very same bytes (the form is built once and kept).
///
/// # Safety
/// `err` is a live handle of the library, which the caller keeps alive during the call.
pub unsafe fn check_json_form(
    err: *const MonacaError,
    code: i64,
    message: &str,
    data: Option<&str>,
) {
    // SAFETY: the caller keeps `err` alive while the form is read.
    let (first, again, json) = unsafe {
        let first = ffi::monaca_error_to_json(err);
        let again = ffi::monaca_error_to_json(err);
        (first, again, text(first))
    };
    assert_eq!(
        (first.ptr, first.len),
        (again.ptr, again.len),
        "to_json built twice"
    );
    let data = data.unwrap_or("{}");
    let head = format!("{{\"code\":{code},\"message\":");
    let tail = format!(",\"data\":{data}}}");
    assert!(
        json.starts_with(&head) && json.ends_with(&tail),
        "JSON form {json:?}"
    );

    if !oracle_depth_ok(json.as_bytes()) {
        return; // too deep for the oracle to parse back
    }
    let value =
        parse_json(json).unwrap_or_else(|e| panic!("JSON form is not JSON ({e}): {json:?}"));
    let object = value.as_object().expect("JSON form is an object");
    assert_eq!(object.len(), 3, "JSON form members: {json:?}");
    assert_eq!(
        object["code"].as_i64(),
        Some(code),
        "JSON form code: {json:?}"
    );
    assert_eq!(
        object["message"].as_str(),
        Some(message),
        "JSON form message: {json:?}"
    );
    let expected_data = parse_json(data).expect("data was checked to be JSON");
    assert_eq!(object["data"], expected_data, "JSON form data: {json:?}");
}

/// Checks that every accessor gives its zero value for a NULL handle.
pub fn check_null_handle() {
    let null = ptr::null::<MonacaError>();
    // SAFETY: NULL is allowed for every accessor.
    unsafe {
        assert_eq!(ffi::monaca_error_code(null), 0);
        assert_eq!(
            ffi::monaca_error_kind(null),
            MonacaErrorKind::MONACA_KIND_UNKNOWN
        );
        assert_empty(ffi::monaca_error_message(null), "message(NULL)");
        assert_empty(ffi::monaca_error_name(null), "name(NULL)");
        assert_empty(ffi::monaca_error_detail(null), "detail(NULL)");
        assert!(!ffi::monaca_error_has_data(null));
        assert_empty(ffi::monaca_error_data_json(null), "data_json(NULL)");
        assert_empty(ffi::monaca_error_to_json(null), "to_json(NULL)");
        assert_eq!(ffi::monaca_error_param_count(null), 0);
        assert_empty(ffi::monaca_error_param_name(null, 0), "param_name(NULL)");
        assert_eq!(ffi::monaca_error_param_message_count(null, 0), 0);
        assert_empty(
            ffi::monaca_error_param_message(null, 0, 0),
            "param_message(NULL)",
        );
        assert_empty(
            ffi::monaca_error_first_message_for(null, c"a".as_ptr(), 1),
            "first_message_for(NULL)",
        );
        ffi::monaca_error_free(ptr::null_mut());
    }
}

/// Calls `monaca_error_from_response` on `body` (a NULL pointer when it is empty and
/// `null_when_empty`), checks its status and `*out`, and returns the handle (NULL for a
/// success).
pub fn from_response(status: i32, body: &[u8], null_when_empty: bool) -> *mut MonacaError {
    let body_ptr = if body.is_empty() && null_when_empty {
        ptr::null()
    } else {
        body.as_ptr()
    };
    let garbage = ptr::dangling_mut::<MonacaError>(); // not NULL: the call must overwrite it
    let mut out = garbage;
    // SAFETY: `body_ptr` is NULL with length 0 or points to `body.len()` bytes; `out` is valid.
    let result = unsafe { ffi::monaca_error_from_response(status, body_ptr, body.len(), &mut out) };
    assert_eq!(
        result,
        MonacaStatus::MONACA_STATUS_OK,
        "status {status}, body {body:?}"
    );
    assert_ne!(out, garbage, "*out was not written");
    out
}

/// Checks a handle made from an HTTP exchange (NULL: a success) against the rules of issue 2,
/// with serde_json as an independent oracle where it applies. Returns the snapshot of the
/// handle, if one was made.
///
/// # Safety
/// `err` is NULL or a live handle of the library, which the caller keeps alive during the call.
pub unsafe fn check_response(
    status: i32,
    body: &[u8],
    err: *const MonacaError,
) -> Option<Snapshot> {
    // SAFETY: forwarded from the caller.
    let snap = (!err.is_null()).then(|| unsafe { snapshot(err, true) });
    let client = |snap: &Option<Snapshot>, code: i64, message: &str| -> Snapshot {
        let s = snap
            .clone()
            .unwrap_or_else(|| panic!("no handle; expected {code} for {body:?}"));
        assert_eq!(
            (s.code, s.message.as_str()),
            (code, message),
            "status {status}, {body:?}"
        );
        assert!(!s.detail.is_empty(), "client error without a detail");
        assert_eq!(s.data, None, "client error with data");
        s
    };
    if !is_success_status(status) {
        let s = client(&snap, -13, "Invalid status code");
        assert!(
            s.detail.contains(&status.to_string()),
            "detail {:?} names {status}",
            s.detail
        );
        return snap;
    }
    // The oracle reads the text a browser decodes; the library must answer as JSON.parse of
    // that text would (its own holes aside).
    let decoded = browser_text(body);
    let text = decoded.as_str();
    // The envelope and the error object aside, each member value may nest MONACA_MAX_DEPTH.
    if max_depth(text.as_bytes()) > MONACA_MAX_DEPTH as usize + 2 {
        client(&snap, -12, "Invalid response");
        return snap;
    }
    if !oracle_depth_ok(text.as_bytes()) {
        return snap;
    }
    let made_by_client = snap.as_ref().is_some_and(|s| !s.detail.is_empty());
    match parse_json(text) {
        Err(e) => {
            // Not JSON for serde_json (surrogates aside): the library must not accept it.
            let s = client(&snap, -12, "Invalid response");
            assert!(
                s.detail.contains("not valid JSON") || s.detail.contains("empty"),
                "serde_json says {e}, library says {:?} for {text:?}",
                s.detail
            );
        }
        Ok(value) => {
            if let Some(s) = snap.as_ref().filter(|_| made_by_client) {
                assert!(
                    !s.detail.contains("not valid JSON"),
                    "{:?} for {text:?}",
                    s.detail
                );
            }
            let Some(object) = value.as_object() else {
                client(&snap, -12, "Invalid response");
                return snap;
            };
            match &snap {
                None => {
                    // A success: a `result` member and no error.
                    assert!(
                        object.contains_key("result"),
                        "success without result: {text:?}"
                    );
                    let error = object.get("error");
                    assert!(
                        matches!(error, None | Some(Value::Null)),
                        "success with error: {text:?}"
                    );
                }
                Some(s) if !made_by_client => {
                    // A server error: code, message and data as sent.
                    let error = object["error"].as_object().expect("error is an object");
                    // An integer, or a number written with a fraction or exponent whose value is
                    // that integer (JSON.parse reads `1e3` as 1000).
                    let code = &error["code"];
                    assert!(
                        code.as_i64() == Some(s.code)
                            || (code.is_number() && code.as_f64() == Some(s.code as f64)),
                        "code {} of {text:?}",
                        s.code
                    );
                    assert_eq!(
                        error["message"].as_str(),
                        Some(s.message.as_str()),
                        "{text:?}"
                    );
                    let data = s.data.as_deref().map(|d| parse_json(d).expect("checked"));
                    assert_eq!(error.get("data"), data.as_ref(), "data of {text:?}");
                    if let Some(d) = &s.data {
                        assert!(text.contains(d.as_str()), "data {d:?} is not the sent text");
                    }
                }
                Some(s) => {
                    // -12 for a shape fault: the (last) error is not usable, and the body is no
                    // success either. A code written with a fraction or exponent is left to the
                    // Rust tests (f64 cannot judge 11.000...0001 exactly).
                    let error = object.get("error");
                    let plain_code = |e: &serde_json::Map<String, Value>| {
                        e.get("code").is_some_and(|c| c.as_i64().is_some())
                    };
                    let usable = error.and_then(Value::as_object).is_some_and(|e| {
                        plain_code(e) && e.get("message").is_some_and(Value::is_string)
                    });
                    let success =
                        matches!(error, None | Some(Value::Null)) && object.contains_key("result");
                    assert!(
                        !usable && !success,
                        "library says {:?} for {text:?}",
                        s.detail
                    );
                }
            }
        }
    }
    snap
}

/// Frees a handle and checks that the live count dropped by one.
///
/// # Safety
/// `err` is NULL or a live handle of the library that nothing uses afterwards.
pub unsafe fn free(err: *mut MonacaError) {
    let before = ffi::monaca_error_live_count();
    // SAFETY: `err` is a live handle that nothing uses afterwards.
    unsafe { ffi::monaca_error_free(err) };
    if !err.is_null() {
        assert_eq!(
            ffi::monaca_error_live_count(),
            before - 1,
            "live count after free"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralizes_only_lone_surrogates() {
        assert_eq!(neutralize_surrogates(r#""\ud800""#), r#""\ufffd""#);
        assert_eq!(neutralize_surrogates(r#""\udc00x""#), r#""\ufffdx""#);
        assert_eq!(
            neutralize_surrogates(r#""\ud83d\udcf7""#),
            r#""\ud83d\udcf7""#
        );
        assert_eq!(
            neutralize_surrogates(r#""\ud800\u0041""#),
            r#""\ufffd\u0041""#
        );
        assert_eq!(neutralize_surrogates(r#""\\ud800""#), r#""\\ud800""#);
        assert_eq!(neutralize_surrogates(r#"["\ud800",1]"#), r#"["\ufffd",1]"#);
    }

    #[test]
    fn depth_ignores_strings() {
        assert_eq!(max_depth(br#"[[{"a":"[[[\"["}]]"#), 3);
    }
}
