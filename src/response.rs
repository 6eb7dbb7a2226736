//! [`CloudResponse`]: what one HTTP exchange with Monaca Backend gives the caller, the way
//! Monaca's SDK reads it: the `result` of a success, or the error; what happens to the session
//! (the `X-Set-Monaca-Cloud-Session` header to keep, or the end of the session after a
//! successful `User.logout` or `User.unregister`); and a `loginToken` found in a result (which
//! the SDK stores). The rules are `session`'s.
//!
//! Sans-IO: the caller brings the method it called, the status, the body and the header value
//! from its own HTTP stack. A success builds no tree and copies nothing: the result is the
//! exact text of the body it came from (a copy is made only when the body had to be decoded:
//! UTF-16, or invalid UTF-8 inside strings).

use crate::classify::{classify, is_success_status, Success};
use crate::error::CloudError;
use crate::json_text::write_optional_json_string;
use crate::scan;
use crate::session::{accepted_session, ends_session, login_token_text};
use std::borrow::Cow;
use std::ops::Range;

/// The answer to one exchange: a result or an error, and what becomes of the session.
#[derive(Debug)]
pub struct CloudResponse<'a> {
    outcome: Answer<'a>,
    session: Option<&'a str>,
    ends_session: bool,
}

#[derive(Debug)]
enum Answer<'a> {
    /// A success: the result's text, and its byte range in the body when it was read in place.
    Result {
        text: Cow<'a, str>,
        range: Option<Range<usize>>,
        /// The result's login token, read from its text while the body was read.
        login_token: Option<String>,
    },
    Error(CloudError),
}

impl<'a> CloudResponse<'a> {
    /// Reads an exchange: the `method` called (`None` when unknown: then the response never
    /// ends the session), `status` (0 when no response arrived), the body, and the value of the
    /// response's `X-Set-Monaca-Cloud-Session` header when it had one (repeated headers
    /// combined as HTTP combines them, `s1, s2`).
    pub fn from_exchange(
        method: Option<&str>,
        status: i32,
        body: &'a [u8],
        session_header: Option<&'a str>,
    ) -> Self {
        classify(status, body, |outcome| {
            let ends = outcome.is_ok() && method.is_some_and(ends_session);
            let outcome = match outcome.map_err(CloudError::from_failure) {
                Ok(Success {
                    result,
                    login_token,
                }) => {
                    // Made now: a decoded body's text dies with this call. None after a
                    // logout: the client forgets the token.
                    let login_token = login_token.filter(|_| !ends).and_then(login_token_text);
                    let (text, range) = match offset_in(body, result) {
                        // Read in place: the result is a slice of `body`, borrowed as it is:
                        // the same bytes as `result`, which the scanner accepted, with the
                        // body's lifetime.
                        Some(start) => {
                            let range = start..start + result.len();
                            (
                                Cow::Borrowed(scan::accepted(&body[range.clone()])),
                                Some(range),
                            )
                        }
                        // Read from the decoded text, which dies with this call: the one copy.
                        None => (Cow::Owned(result.to_owned()), None),
                    };
                    Answer::Result {
                        text,
                        range,
                        login_token,
                    }
                }
                Err(error) => Answer::Error(error),
            };
            // The SDK stores the header before it looks at the body: on every 2xx/304 status,
            // whatever the body (a 204, invalid JSON and errors included).
            let session = session_header
                .filter(|_| is_success_status(status) && !ends)
                .and_then(accepted_session);
            CloudResponse {
                outcome,
                session,
                ends_session: ends,
            }
        })
    }

    /// Whether the exchange was a success.
    pub fn is_success(&self) -> bool {
        matches!(self.outcome, Answer::Result { .. })
    }

    /// The error, for a failure.
    pub fn error(&self) -> Option<&CloudError> {
        match &self.outcome {
            Answer::Error(error) => Some(error),
            Answer::Result { .. } => None,
        }
    }

    /// The result's JSON text exactly as sent (the decoded text when the body needed
    /// decoding), for a success.
    pub fn result_json(&self) -> Option<&str> {
        match &self.outcome {
            Answer::Result { text, .. } => Some(text),
            Answer::Error(_) => None,
        }
    }

    /// Where the result lies in the body, when the body was read in place (valid UTF-8, no
    /// UTF-16): `&body[range]` is [`CloudResponse::result_json`], with no copy.
    pub fn result_range(&self) -> Option<Range<usize>> {
        match &self.outcome {
            Answer::Result { range, .. } => range.clone(),
            Answer::Error(_) => None,
        }
    }

    /// The session id to keep and send back as `params.__session` from now on: the header's
    /// value on a 2xx/304 response, trimmed; `None` when there is none to keep (no header, a
    /// blank one, one with a control character, another status, or the end of the session):
    /// the client then keeps the session it had, unless [`CloudResponse::ends_session`].
    pub fn session(&self) -> Option<&'a str> {
        self.session
    }

    /// Whether this response ends the session: a successful `User.logout` or
    /// `User.unregister`. The client then forgets its session and its login token, even when
    /// the response set a new session header (as the SDK does).
    pub fn ends_session(&self) -> bool {
        self.ends_session
    }

    /// The `loginToken` member of an object result, as the SDK stores it (see
    /// `session::login_token_of`: strings decoded, numbers and booleans as JavaScript writes
    /// them); `None` for a failure, the end of a session, or a result with no usable token.
    pub fn login_token(&self) -> Option<&str> {
        match &self.outcome {
            Answer::Result { login_token, .. } => login_token.as_deref(),
            Answer::Error(_) => None,
        }
    }

    /// The response in one JSON text for bridges: `{"session":<string|null>,
    /// "endsSession":<bool>,"loginToken":<string|null>,"result":<the result, as sent>}` for a
    /// success, or `{"session":<string|null>,"endsSession":false,"loginToken":null,"error":
    /// <the error's report>}`. The result is spliced in as it was sent (valid JSON), so one
    /// `JSON.parse` yields it parsed.
    pub fn report_json(&self) -> String {
        let outcome = match &self.outcome {
            Answer::Result { text, .. } => Ok(&**text),
            Answer::Error(error) => Err(error),
        };
        write_report(self.session, self.ends_session, self.login_token(), outcome)
    }

    /// The result's text, or the error.
    #[allow(clippy::result_large_err)] // the error is the value itself, as from_response's
    pub fn into_result(self) -> Result<Cow<'a, str>, CloudError> {
        match self.outcome {
            Answer::Result { text, .. } => Ok(text),
            Answer::Error(error) => Err(error),
        }
    }
}

/// The offset of `text` in `body`, when `text` is a slice of it (the decoded text is another
/// allocation, so a slice of it never lies inside `body`).
fn offset_in(body: &[u8], text: &str) -> Option<usize> {
    let start = (text.as_ptr() as usize).checked_sub(body.as_ptr() as usize)?;
    (start + text.len() <= body.len()).then_some(start)
}

/// The response report (see [`CloudResponse::report_json`]) of a result text or an error.
pub(crate) fn write_report(
    session: Option<&str>,
    ends_session: bool,
    login_token: Option<&str>,
    outcome: Result<&str, &CloudError>,
) -> String {
    let body_len = match outcome {
        Ok(result) => result.len(),
        Err(error) => error.report_json().len(),
    };
    // Room for the usual session and token, and for the NUL the C ABI adds.
    let mut out = String::with_capacity(97 + body_len);
    out.push_str("{\"session\":");
    write_optional_json_string(&mut out, session);
    out.push_str(if ends_session {
        ",\"endsSession\":true"
    } else {
        ",\"endsSession\":false"
    });
    out.push_str(",\"loginToken\":");
    write_optional_json_string(&mut out, login_token);
    match outcome {
        Ok(result) => {
            out.push_str(",\"result\":");
            out.push_str(result);
        }
        Err(error) => {
            out.push_str(",\"error\":");
            out.push_str(error.report_json());
        }
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The login token is found while the body is read, from the last `result` only, at the
    /// top of an object result only.
    #[test]
    fn the_login_token_is_the_last_results() {
        for (body, token) in [
            (r#"{"result":{"loginToken":"a"},"result":{"x":1}}"#, None),
            (
                r#"{"result":{"x":1},"result":{"loginToken":"b"}}"#,
                Some("b"),
            ),
            (
                r#"{"result":{"loginToken":"a","loginToken":"c"}}"#,
                Some("c"),
            ),
            (r#"{"result":{"user":{"loginToken":"nested"}}}"#, None),
            (r#"{"result":["loginToken"],"id":"1"}"#, None),
            (r#"{ "result" : { "loginToken" : 42 } }"#, Some("42")),
            (r#"{"result":{"loginToken":"\u00e9\n"}}"#, Some("é\n")),
        ] {
            let response = CloudResponse::from_exchange(None, 200, body.as_bytes(), None);
            assert!(response.is_success(), "{body}");
            assert_eq!(response.login_token(), token, "{body}");
        }
        // The same from a decoded body (a byte that is not UTF-8 elsewhere).
        let mut body = br#"{"result":{"name":"caf"#.to_vec();
        body.extend_from_slice(b"\xE9\",\"loginToken\":\"t-1\"}}");
        let response = CloudResponse::from_exchange(None, 200, &body, None);
        assert_eq!(
            response.result_json(),
            Some("{\"name\":\"caf\u{FFFD}\",\"loginToken\":\"t-1\"}")
        );
        assert_eq!(response.login_token(), Some("t-1"));
    }

    /// An object result nests as deep as any other value: 10,000 levels of `result` in all.
    #[test]
    fn an_object_result_nests_as_deep_as_any_value() {
        let body = |depth: usize| {
            let inner = depth - 1; // the result's own object is one level
            format!(
                "{{\"result\":{{\"a\":{}{}}}}}",
                "[".repeat(inner),
                "]".repeat(inner)
            )
        };
        let deepest = body(crate::MAX_DEPTH);
        assert!(CloudResponse::from_exchange(None, 200, deepest.as_bytes(), None).is_success());
        let too_deep = body(crate::MAX_DEPTH + 1);
        let error = CloudResponse::from_exchange(None, 200, too_deep.as_bytes(), None);
        let detail = error
            .error()
            .and_then(CloudError::detail)
            .unwrap_or_default();
        assert!(detail.contains("nested more than 10000 deep"), "{detail}");
    }

    #[test]
    fn a_success_borrows_its_result_from_the_body() {
        let body = br#"{"jsonrpc":"2.0","id":"1","result":{"items":[1,2],"loginToken":"t\u00e9"}}"#;
        let response = CloudResponse::from_exchange(Some("User.login"), 200, body, Some("sess-1"));
        assert!(response.is_success());
        let range = response.result_range().unwrap();
        assert_eq!(&body[range], response.result_json().unwrap().as_bytes());
        assert_eq!(
            response.result_json(),
            Some(r#"{"items":[1,2],"loginToken":"t\u00e9"}"#)
        );
        assert!(matches!(
            response.result_json().map(|t| t.as_ptr()),
            Some(p) if p >= body.as_ptr() && p < body.as_ptr().wrapping_add(body.len())
        ));
        assert_eq!(response.session(), Some("sess-1"));
        assert!(!response.ends_session());
        assert_eq!(response.login_token(), Some("té"));
        assert_eq!(
            response.report_json(),
            r#"{"session":"sess-1","endsSession":false,"loginToken":"té","result":{"items":[1,2],"loginToken":"t\u00e9"}}"#
        );
    }

    #[test]
    fn the_session_header_is_kept_on_every_2xx_and_304_whatever_the_body() {
        let error = br#"{"error":{"code":11,"message":"User login is required"}}"#;
        for (status, body, session) in [
            (200, &error[..], Some("s")),
            (200, b"{\"result\":null}", Some("s")),
            (304, b"{\"result\":1}", Some("s")),
            (304, b"", Some("s")),
            (204, b"", Some("s")),
            (200, b"{}", Some("s")),
            (200, b"[1]", Some("s")),
            (200, b"", Some("s")), // the SDK stores it, then fails on the body
            (200, b"{\"result\":", Some("s")), // likewise
            (299, b"<html>", Some("s")),
            (500, b"{\"result\":1}", None), // not a success status
            (302, b"", None),
            (0, b"", None),
        ] {
            let response = CloudResponse::from_exchange(None, status, body, Some(" s "));
            assert_eq!(response.session(), session, "{status} {body:?}");
        }
        let no_header = CloudResponse::from_exchange(None, 200, b"{\"result\":1}", None);
        assert_eq!(no_header.session(), None);
        for blank in ["", "  ", "a\0b", "a\r\nb"] {
            let response = CloudResponse::from_exchange(None, 200, b"{\"result\":1}", Some(blank));
            assert_eq!(response.session(), None, "{blank:?}");
            assert!(response
                .report_json()
                .starts_with(r#"{"session":null,"endsSession":false,"#));
        }
    }

    #[test]
    fn a_successful_logout_or_unregister_ends_the_session() {
        let ok = br#"{"result":{"loginToken":"t"}}"#;
        let failed = br#"{"error":{"code":11,"message":"User login is required"}}"#;
        for method in ["User.logout", "User.unregister"] {
            let response = CloudResponse::from_exchange(Some(method), 200, ok, Some("new"));
            assert!(response.ends_session(), "{method}");
            assert_eq!(response.session(), None);
            assert_eq!(response.login_token(), None);
            assert_eq!(
                response.report_json(),
                r#"{"session":null,"endsSession":true,"loginToken":null,"result":{"loginToken":"t"}}"#
            );
            let refused = CloudResponse::from_exchange(Some(method), 200, failed, Some("new"));
            assert!(!refused.ends_session());
            assert_eq!(refused.session(), Some("new"));
        }
        for method in [None, Some("User.login"), Some("user.logout")] {
            let response = CloudResponse::from_exchange(method, 200, ok, Some("new"));
            assert!(!response.ends_session(), "{method:?}");
            assert_eq!(response.session(), Some("new"));
        }
    }

    #[test]
    fn an_error_is_the_same_error_as_from_response() {
        let body = br#"{"error":{"code":-32602,"message":"Invalid params","data":{"a":"x"}}}"#;
        let response = CloudResponse::from_exchange(None, 200, body, None);
        assert!(!response.is_success());
        assert_eq!(response.result_json(), None);
        assert_eq!(response.result_range(), None);
        assert_eq!(response.login_token(), None);
        let error = response.error().unwrap();
        assert_eq!(Some(error), CloudError::from_response(200, body).as_ref());
        let report: String = response.report_json();
        assert_eq!(
            report,
            format!(
                r#"{{"session":null,"endsSession":false,"loginToken":null,"error":{}}}"#,
                error.report_json()
            )
        );
        assert_eq!(response.into_result().unwrap_err().code(), -32602);
    }

    #[test]
    fn a_decoded_body_gives_an_owned_result_and_no_range() {
        let body = b"{\"result\":\"caf\xE9\"}";
        let response = CloudResponse::from_exchange(None, 200, body, None);
        assert_eq!(response.result_json(), Some("\"caf\u{FFFD}\""));
        assert_eq!(response.result_range(), None);
    }
}
