//! [`CloudResponse`]: what one HTTP exchange with Monaca Backend gives the caller, the way
//! Monaca's SDK reads it: the `result` of a success, or the error; the session id to keep
//! (the `X-Set-Monaca-Cloud-Session` header, read on every 2xx/304 response whose body is
//! JSON, errors included); and a `loginToken` found in a result (which the SDK stores).
//!
//! Sans-IO: the caller brings the status, the body and the header value from its own HTTP
//! stack. A success builds no tree and copies nothing: the result is the exact text of the
//! body it came from (a copy is made only when the body had to be decoded: UTF-16, or invalid
//! UTF-8 inside strings).

use crate::classify::{classify, is_success_status, Failure};
use crate::error::{write_optional_json_string, CloudError};
use crate::scan::{self, Scanner, ValueType};
use std::borrow::Cow;
use std::ops::Range;

/// The answer to one exchange: a result or an error, and the session to keep.
#[derive(Debug)]
pub struct CloudResponse<'a> {
    outcome: Answer<'a>,
    session: Option<&'a str>,
}

#[derive(Debug)]
enum Answer<'a> {
    /// A success: the result's text, and its byte range in the body when it was read in place.
    Result {
        text: Cow<'a, str>,
        range: Option<Range<usize>>,
    },
    Error(CloudError),
}

impl<'a> CloudResponse<'a> {
    /// Reads an exchange: `status` (0 when no response arrived), the body, and the value of
    /// the response's `X-Set-Monaca-Cloud-Session` header when it had one.
    pub fn from_exchange(status: i32, body: &'a [u8], session_header: Option<&'a str>) -> Self {
        classify(status, body, |outcome| {
            // The SDK reads the header in its success callback: a 2xx/304 status and a body
            // that `JSON.parse` accepted, whatever the body then says.
            let body_was_json = match &outcome {
                Err(Failure::InvalidResponse(reason)) => reason.body_was_json(),
                Err(Failure::InvalidStatus(_)) => false,
                Ok(_) | Err(Failure::ServerError(_)) => true,
            };
            let session = session_header.filter(|_| is_success_status(status) && body_was_json);
            let outcome = match outcome.map_err(CloudError::from_failure) {
                // Read in place: the result is a slice of `body`, borrowed as it is.
                Ok(result) => match offset_in(body, result) {
                    Some(start) => Answer::Result {
                        // The same bytes as `result`, which the scanner accepted, with the
                        // body's lifetime.
                        text: Cow::Borrowed(scan::accepted(&body[start..start + result.len()])),
                        range: Some(start..start + result.len()),
                    },
                    // Read from the decoded text, which dies with this call: the one copy.
                    None => Answer::Result {
                        text: Cow::Owned(result.to_owned()),
                        range: None,
                    },
                },
                Err(error) => Answer::Error(error),
            };
            CloudResponse { outcome, session }
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

    /// The session id to keep and send back as `params.__session`: the header's value, when
    /// the SDK would read it (a 2xx/304 response whose body is JSON, errors included).
    pub fn session(&self) -> Option<&'a str> {
        self.session
    }

    /// The `loginToken` member of an object result (decoded), which the SDK stores for
    /// auto-login; `None` when the result is not an object or has no string `loginToken`.
    pub fn login_token(&self) -> Option<String> {
        login_token_of(self.result_json()?)
    }

    /// The response in one JSON text for bridges: `{"session":<string|null>,
    /// "loginToken":<string|null>,"result":<the result, as sent>}` for a success, or
    /// `{"session":<string|null>,"loginToken":null,"error":<the error's report>}`. The result
    /// is spliced in as it was sent (valid JSON), so one `JSON.parse` yields it parsed.
    pub fn report_json(&self) -> String {
        let outcome = match &self.outcome {
            Answer::Result { text, .. } => Ok(&**text),
            Answer::Error(error) => Err(error),
        };
        write_report(self.session, outcome)
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

/// The `loginToken` member of an object result, decoded (the last one, as in `JSON.parse`).
pub(crate) fn login_token_of(result: &str) -> Option<String> {
    let mut scanner = Scanner::new(result.as_bytes());
    if scanner.peek_type() != Some(ValueType::Object) {
        return None;
    }
    let mut token = None;
    let walked = scanner.object(0, |s, key| {
        if !key.eq_str("loginToken") {
            return s.skip_value(1);
        }
        token = None;
        if s.peek_type() == Some(ValueType::String) {
            let mut text = String::new();
            s.string()?.decode_into(&mut text);
            token = Some(text);
            Ok(())
        } else {
            s.skip_value(1)
        }
    });
    walked.ok().and(token)
}

/// The response report (see [`CloudResponse::report_json`]) of a result text or an error.
pub(crate) fn write_report(session: Option<&str>, outcome: Result<&str, &CloudError>) -> String {
    let login_token = outcome.ok().and_then(login_token_of);
    let body_len = match outcome {
        Ok(result) => result.len(),
        Err(error) => error.report_json().len(),
    };
    let mut out = String::with_capacity(64 + body_len);
    out.push_str("{\"session\":");
    write_optional_json_string(&mut out, session);
    out.push_str(",\"loginToken\":");
    write_optional_json_string(&mut out, login_token.as_deref());
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

    #[test]
    fn a_success_borrows_its_result_from_the_body() {
        let body = br#"{"jsonrpc":"2.0","id":"1","result":{"items":[1,2],"loginToken":"t\u00e9"}}"#;
        let response = CloudResponse::from_exchange(200, body, Some("sess-1"));
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
        assert_eq!(response.login_token().as_deref(), Some("té"));
        assert_eq!(
            response.report_json(),
            r#"{"session":"sess-1","loginToken":"té","result":{"items":[1,2],"loginToken":"t\u00e9"}}"#
        );
    }

    #[test]
    fn the_session_is_read_on_every_2xx_json_response_as_the_sdk_does() {
        let error = br#"{"error":{"code":11,"message":"User login is required"}}"#;
        for (status, body, session) in [
            (200, &error[..], Some("s")),
            (200, b"{\"result\":null}", Some("s")),
            (304, b"{\"result\":1}", Some("s")),
            (200, b"{}", Some("s")),  // JSON, though neither result nor error
            (200, b"[1]", Some("s")), // JSON, though not an object
            (200, b"", None),         // not JSON: the SDK's parse failed
            (200, b"{\"result\":", None), // not JSON
            (500, b"{\"result\":1}", None), // not a success status
            (0, b"", None),
        ] {
            let response = CloudResponse::from_exchange(status, body, Some("s"));
            assert_eq!(response.session(), session, "{status} {body:?}");
        }
        assert_eq!(
            CloudResponse::from_exchange(200, b"{\"result\":1}", None).session(),
            None
        );
    }

    #[test]
    fn an_error_is_the_same_error_as_from_response() {
        let body = br#"{"error":{"code":-32602,"message":"Invalid params","data":{"a":"x"}}}"#;
        let response = CloudResponse::from_exchange(200, body, None);
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
                r#"{{"session":null,"loginToken":null,"error":{}}}"#,
                error.report_json()
            )
        );
        assert_eq!(response.into_result().unwrap_err().code(), -32602);
    }

    #[test]
    fn a_decoded_body_gives_an_owned_result_and_no_range() {
        let body = b"{\"result\":\"caf\xE9\"}";
        let response = CloudResponse::from_exchange(200, body, None);
        assert_eq!(response.result_json(), Some("\"caf\u{FFFD}\""));
        assert_eq!(response.result_range(), None);
    }

    #[test]
    fn login_token_is_the_last_string_member_of_an_object_result() {
        for (result, token) in [
            (r#"{"loginToken":"a","loginToken":"b"}"#, Some("b")),
            (r#"{"loginToken":"a","loginToken":1}"#, None),
            (r#"{"user":{"loginToken":"nested"}}"#, None),
            (r#""loginToken""#, None),
            (r#"[{"loginToken":"a"}]"#, None),
        ] {
            let body = format!(r#"{{"result":{result}}}"#);
            let response = CloudResponse::from_exchange(200, body.as_bytes(), None);
            assert_eq!(response.login_token().as_deref(), token, "{result}");
        }
    }
}
