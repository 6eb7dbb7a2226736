//! The SDK's session rules, kept once for every face: which `X-Set-Monaca-Cloud-Session`
//! values a client keeps, which calls end the session, and what a result's `loginToken` is.
//!
//! A client holds a session id and a login token between calls. After each exchange it does
//! only what the response says ([`crate::CloudResponse`]): when the response ends the session,
//! it forgets both; otherwise it keeps a new session or token when the response gives one.

use crate::scan::{Scanner, ValueType};

/// The methods after whose success the SDK forgets the session and the login token.
pub const SESSION_ENDING_METHODS: [&str; 2] = ["User.logout", "User.unregister"];

/// Whether a successful call of `method` ends the session (`User.logout`, `User.unregister`).
pub fn ends_session(method: &str) -> bool {
    SESSION_ENDING_METHODS.contains(&method)
}

/// The session id a header value gives, or `None` for a value the SDK would not store or that
/// is unusable: HTTP's optional whitespace (SP, HTAB) around it is not part of it; an empty or
/// blank value is ignored, as the SDK ignores it (the session kept so far stays); a value with
/// a control character (CR, LF, NUL, any of U+0000-U+001F or U+007F) is refused, so that no
/// client sends it back and no C caller reads a truncated string. Repeated headers arrive
/// combined, as HTTP combines them (`s1, s2`): that value is kept, as the SDK keeps it.
pub fn accepted_session(header: &str) -> Option<&str> {
    let value = header.trim_matches([' ', '\t']);
    let control = value.bytes().any(|b| b < 0x20 || b == 0x7F);
    (!value.is_empty() && !control).then_some(value)
}

/// The `loginToken` member of an object result (the last one, as in `JSON.parse`), as the SDK
/// stores it (`localStorage` keeps text): a string is its decoded text, a number its
/// JavaScript text (`42` gives "42", `4.50` "4.5", `1e21` "1e+21"), `true` and `false` their
/// names. `None` when the result is not an object, has no `loginToken`, or it is null, an
/// object or an array: there the SDK stores "null" or "[object Object]", which this library
/// does not copy (an intended difference).
pub fn login_token_of(result: &str) -> Option<String> {
    let mut scanner = Scanner::new(result.as_bytes());
    if scanner.peek_type() != Some(ValueType::Object) {
        return None;
    }
    let mut token = None;
    let walked = scanner.object(0, |s, key| {
        if !key.eq_str("loginToken") {
            return s.skip_value(0);
        }
        token = match s.peek_type() {
            Some(ValueType::String) => {
                let mut text = String::new();
                s.string()?.decode_into(&mut text);
                Some(text)
            }
            Some(ValueType::Number) => Some(javascript_number_text(s.number()?.0)),
            Some(ValueType::Boolean) => Some(s.value(0)?.to_owned()),
            _ => {
                s.skip_value(0)?;
                None
            }
        };
        Ok(())
    });
    walked.ok().and(token)
}

/// What JavaScript's `String(n)` writes for the number whose JSON text is `text` (ECMAScript
/// Number::toString: the shortest digits that read back as the same double, in fixed notation
/// from 1e-6 up to 1e21, in exponent notation outside).
fn javascript_number_text(text: &str) -> String {
    // The JSON grammar was checked by the scanner, so this parse cannot fail; a text too large
    // for a double is Infinity, as in JavaScript.
    let value: f64 = text.parse().unwrap_or(f64::NAN);
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if value == 0.0 {
        return "0".to_owned(); // -0 too
    }
    let sign = if value < 0.0 { "-" } else { "" };
    // Rust's `{:e}` writes the shortest round-trip digits: `d[.ddd]e<exponent>`.
    let scientific = format!("{:e}", value.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    // value = 0.digits × 10^n
    let n = exponent.parse::<i32>().unwrap_or(0) + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let e_sign = if e < 0 { '-' } else { '+' };
        let (first, rest) = digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        format!("{first}{point}{rest}e{e_sign}{}", e.abs())
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        for (json, expected) in [
            ("42", "42"),
            ("4.50", "4.5"),
            ("-0", "0"),
            ("-0.0e5", "0"),
            ("1e21", "1e+21"),
            ("1e20", "100000000000000000000"),
            ("123456789012345678901", "123456789012345680000"),
            ("1.5e300", "1.5e+300"),
            ("1e-6", "0.000001"),
            ("1.25e-7", "1.25e-7"),
            ("1e-7", "1e-7"),
            ("-12.5E+1", "-125"),
            ("0.1", "0.1"),
            ("9007199254740993", "9007199254740992"),
            ("1e400", "Infinity"),
            ("-1e400", "-Infinity"),
            ("5e-324", "5e-324"),
            ("1e-400", "0"),
        ] {
            assert_eq!(javascript_number_text(json), expected, "{json}");
        }
    }

    #[test]
    fn login_tokens_are_what_the_sdk_stores() {
        for (result, token) in [
            (r#"{"loginToken":"a","loginToken":"b"}"#, Some("b")),
            (r#"{"loginToken":"a","loginToken":1}"#, Some("1")),
            (r#"{"loginToken":42}"#, Some("42")),
            (r#"{"loginToken":4.50}"#, Some("4.5")),
            (r#"{"loginToken":true}"#, Some("true")),
            (r#"{"loginToken":false}"#, Some("false")),
            (r#"{"loginToken":""}"#, Some("")),
            (r#"{"loginToken":"t\u00e9"}"#, Some("té")),
            (r#"{"loginToken":"a","loginToken":null}"#, None),
            (r#"{"loginToken":{"a":1}}"#, None),
            (r#"{"loginToken":["a"]}"#, None),
            (r#"{"user":{"loginToken":"nested"}}"#, None),
            (r#""loginToken""#, None),
            (r#"[{"loginToken":"a"}]"#, None),
        ] {
            assert_eq!(login_token_of(result).as_deref(), token, "{result}");
        }
    }

    #[test]
    fn blank_and_control_character_sessions_are_not_kept() {
        for (header, kept) in [
            ("s1", Some("s1")),
            ("  s1\t", Some("s1")),
            ("s1, s2", Some("s1, s2")),
            ("", None),
            ("   ", None),
            ("\t \t", None),
            ("abc\0def", None),
            ("abc\r\ndef", None),
            ("abc\n", None),
            ("a\u{7f}", None),
            ("a\u{1b}b", None),
            ("caf\u{e9}", Some("caf\u{e9}")),
        ] {
            assert_eq!(accepted_session(header), kept, "{header:?}");
        }
    }

    #[test]
    fn logout_and_unregister_end_the_session() {
        assert!(ends_session("User.logout"));
        assert!(ends_session("User.unregister"));
        for method in [
            "User.login",
            "user.logout",
            "User.logout ",
            "Collection.find",
            "",
        ] {
            assert!(!ends_session(method), "{method}");
        }
    }
}
