//! The SDK's session rules, kept once for every face: which `X-Set-Monaca-Cloud-Session`
//! values a client keeps, which calls end the session, and what a result's `loginToken` is.
//!
//! A client holds a session id and a login token between calls. After each exchange it does
//! only what the response says ([`crate::CloudResponse`]): when the response ends the session,
//! it forgets both; otherwise it keeps a new session or token when the response gives one.

use crate::classify::read_result;
use crate::number::javascript_text;
use crate::scan::Scanner;

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
/// JavaScript text (`42` gives "42", `4.50` "4.5", `1e21` "1e+21"; digits that a double cannot
/// hold are kept, see `javascript_text` in src/number.rs), `true` and `false` their names.
/// `None` when the result is not an object, has no `loginToken`, or it is null, an object or
/// an array: there the SDK stores "null" or "[object Object]", which this library does not
/// copy (an intended difference).
pub fn login_token_of(result: &str) -> Option<String> {
    // The same walk as a response's (`classify::read_result`, which finds the token while the
    // body is read); here for a result text alone.
    let success = read_result(&mut Scanner::new(result.as_bytes())).ok()?;
    login_token_text(success.login_token?)
}

/// The login token a `loginToken` member's value gives (its JSON text, as the scanner accepted
/// it), by [`login_token_of`]'s rule: a string decoded, a number's JavaScript text, a
/// boolean's name; `None` for null, an object or an array.
pub(crate) fn login_token_text(token: &str) -> Option<String> {
    match token.as_bytes().first()? {
        b'"' => {
            let mut text = String::new();
            Scanner::new(token.as_bytes())
                .string()
                .ok()?
                .decode_into(&mut text);
            Some(text)
        }
        b't' | b'f' => Some(token.to_owned()),
        b'n' | b'{' | b'[' => None,
        _ => Some(javascript_text(token)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
