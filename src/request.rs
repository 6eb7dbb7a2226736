//! [`CloudRequest`]: the body of a JSON-RPC 2.0 call to Monaca Backend, as Monaca's SDK writes
//! it: `{"jsonrpc":"2.0","method":..,"params":{..,"__api_key":..,"__device":..,"__session":..},
//! "id":..}`, with the credentials the SDK adds to `params`. And the endpoint's URL rule.
//!
//! Sans-IO: the caller POSTs the body (`Content-Type: application/json`) with its own HTTP
//! stack to [`backend_url`], then reads the exchange with `CloudResponse`.

use crate::error::{write_json_string, InvalidArgument};
use crate::scan::{self, Position, Scanner, ValueType};
use std::fmt::Write as _;

/// The start of every Backend endpoint: the backend id follows.
pub const BACKEND_URL_PREFIX: &str = "https://cloud.monaca.mobi/json-rpc/";

/// The `params` members the SDK sets itself, which a caller's params may not hold.
const CREDENTIAL_KEYS: [&str; 3] = ["__api_key", "__device", "__session"];

/// What the SDK adds to every call's `params`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Credentials<'a> {
    /// The Cloud API key (`__api_key`).
    pub api_key: &'a str,
    /// The device id (`__device`); every method needs one.
    pub device_id: &'a str,
    /// The session id from an earlier response (`__session`), once there is one.
    pub session: Option<&'a str>,
}

/// A request body, ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CloudRequest {
    body: String,
}

impl CloudRequest {
    /// Writes the call of `method` (a dotted name such as `User.login`: ASCII letters, digits
    /// and `_`, in non-empty parts joined by `.`) with `params_json` (the JSON text of an
    /// object, or `None` for `{}`), the credentials, `"jsonrpc":"2.0"` and `id`. Refuses a
    /// method that is not such a name, params that are not one JSON object or that already
    /// hold `__api_key`, `__device` or `__session`; nothing is written then.
    pub fn new(
        method: &str,
        params_json: Option<&str>,
        credentials: &Credentials<'_>,
        id: i64,
    ) -> Result<CloudRequest, InvalidArgument> {
        check_method(method)?;
        let params = match params_json {
            None => "{}",
            Some(text) => check_params(text)?,
        };
        let extra = credentials.api_key.len()
            + credentials.device_id.len()
            + credentials.session.map_or(0, str::len);
        let mut body = String::with_capacity(96 + method.len() + params.len() + 2 * extra);
        body.push_str("{\"jsonrpc\":\"2.0\",\"method\":");
        write_json_string(&mut body, method);
        body.push_str(",\"params\":");
        // The caller's members, then the credentials, in the object the caller wrote.
        let inner = params[1..params.len() - 1].trim_matches([' ', '\t', '\n', '\r']);
        body.push('{');
        body.push_str(inner);
        let credentials = [
            ("__api_key", Some(credentials.api_key)),
            ("__device", Some(credentials.device_id)),
            ("__session", credentials.session),
        ];
        for (index, (key, value)) in credentials.iter().enumerate() {
            let Some(value) = value else { continue };
            if index > 0 || !inner.is_empty() {
                body.push(',');
            }
            let _ = write!(body, "\"{key}\":");
            write_json_string(&mut body, value);
        }
        let _ = write!(body, "}},\"id\":{id}}}");
        Ok(CloudRequest { body })
    }

    /// The JSON text to POST.
    pub fn body(&self) -> &str {
        &self.body
    }
}

/// The endpoint of a backend: [`BACKEND_URL_PREFIX`] followed by its id (ASCII letters, digits,
/// `-` and `_`, as Monaca's ids are).
pub fn backend_url(backend_id: &str) -> Result<String, InvalidArgument> {
    let bad = backend_id
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    match (backend_id.is_empty(), bad) {
        (true, _) => Err(InvalidArgument::BackendIdInvalid {
            reason: "empty",
            offset: 0,
        }),
        (false, Some(offset)) => Err(InvalidArgument::BackendIdInvalid {
            reason: "only ASCII letters, digits, '-' and '_' may appear",
            offset,
        }),
        (false, None) => Ok(format!("{BACKEND_URL_PREFIX}{backend_id}")),
    }
}

fn check_method(method: &str) -> Result<(), InvalidArgument> {
    let refuse = |reason, offset| Err(InvalidArgument::MethodInvalid { reason, offset });
    if method.is_empty() {
        return refuse("empty", 0);
    }
    let mut part_start = 0;
    for (offset, byte) in method.bytes().enumerate() {
        match byte {
            b'.' if offset == part_start => return refuse("an empty part between dots", offset),
            b'.' => part_start = offset + 1,
            b'_' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => {}
            _ => return refuse("only ASCII letters, digits, '_' and '.' may appear", offset),
        }
    }
    if part_start == method.len() {
        return refuse("an empty part after the last dot", method.len());
    }
    Ok(())
}

/// Checks that `text` is one JSON object without credential members; returns it trimmed.
fn check_params(text: &str) -> Result<&str, InvalidArgument> {
    let not_json = |error: scan::SyntaxError| InvalidArgument::ParamsNotJson {
        reason: error.reason,
        position: Position::of(text.as_bytes(), error.offset),
        offset: error.offset,
    };
    let value = scan::validate(text).map_err(not_json)?;
    let mut scanner = Scanner::new(value.as_bytes());
    if scanner.peek_type() != Some(ValueType::Object) {
        return Err(InvalidArgument::ParamsNotAnObject);
    }
    let mut credential = None;
    scanner
        .object(0, |s, key| {
            if let Some(found) = CREDENTIAL_KEYS.iter().find(|k| key.eq_str(k)) {
                credential.get_or_insert(*found);
            }
            s.skip_value(1)
        })
        .map_err(not_json)?;
    match credential {
        Some(key) => Err(InvalidArgument::ParamsHoldCredential { key }),
        None => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CREDENTIALS: Credentials<'static> = Credentials {
        api_key: "key\"1",
        device_id: "dev",
        session: Some("sess"),
    };

    #[test]
    fn writes_the_body_the_sdk_writes() {
        let request = CloudRequest::new(
            "User.login",
            Some(r#" {"username":"a\u00e9","password":"p"} "#),
            &CREDENTIALS,
            1,
        )
        .unwrap();
        assert_eq!(
            request.body(),
            r#"{"jsonrpc":"2.0","method":"User.login","params":{"username":"a\u00e9","password":"p","__api_key":"key\"1","__device":"dev","__session":"sess"},"id":1}"#
        );
        let request = CloudRequest::new(
            "Collection.find",
            None,
            &Credentials {
                session: None,
                ..CREDENTIALS
            },
            -7,
        )
        .unwrap();
        assert_eq!(
            request.body(),
            r#"{"jsonrpc":"2.0","method":"Collection.find","params":{"__api_key":"key\"1","__device":"dev"},"id":-7}"#
        );
        assert_eq!(
            CloudRequest::new("a", Some("{ }"), &CREDENTIALS, 2)
                .unwrap()
                .body(),
            r#"{"jsonrpc":"2.0","method":"a","params":{"__api_key":"key\"1","__device":"dev","__session":"sess"},"id":2}"#
        );
    }

    #[test]
    fn every_text_is_escaped() {
        let credentials = Credentials {
            api_key: "\u{0}\n\\",
            device_id: "\u{2028}",
            session: Some("\u{1f}"),
        };
        let body = CloudRequest::new("m", None, &credentials, 0).unwrap();
        let value: serde_json::Value = serde_json::from_str(body.body()).unwrap();
        assert_eq!(value["params"]["__api_key"], "\u{0}\n\\");
        assert_eq!(value["params"]["__device"], "\u{2028}");
        assert_eq!(value["params"]["__session"], "\u{1f}");
    }

    #[test]
    fn refuses_bad_methods_and_params_and_writes_nothing() {
        for (method, offset) in [
            ("", 0),
            (".a", 0),
            ("a.", 2),
            ("a..b", 2),
            ("a b", 1),
            ("é", 0),
        ] {
            match CloudRequest::new(method, None, &CREDENTIALS, 1) {
                Err(InvalidArgument::MethodInvalid { offset: at, .. }) => {
                    assert_eq!(at, offset, "{method:?}")
                }
                other => panic!("{method:?}: {other:?}"),
            }
        }
        for params in ["[]", "1", "null", "\"{}\""] {
            assert_eq!(
                CloudRequest::new("m", Some(params), &CREDENTIALS, 1),
                Err(InvalidArgument::ParamsNotAnObject),
                "{params}"
            );
        }
        let error = CloudRequest::new("m", Some("{\"a\":}"), &CREDENTIALS, 1).unwrap_err();
        assert_eq!(
            error.to_string(),
            "params is not valid JSON: expected a JSON value at line 1, column 6 (byte offset 5)"
        );
        for key in ["__api_key", "__device", "__session", "__s\\u0065ssion"] {
            let params = format!("{{\"a\":1,\"{key}\":\"x\"}}");
            assert!(matches!(
                CloudRequest::new("m", Some(&params), &CREDENTIALS, 1),
                Err(InvalidArgument::ParamsHoldCredential { .. })
            ));
        }
    }

    #[test]
    fn the_url_is_the_prefix_and_the_backend_id() {
        assert_eq!(
            backend_url("a1b2-c3_d").unwrap(),
            "https://cloud.monaca.mobi/json-rpc/a1b2-c3_d"
        );
        assert!(matches!(
            backend_url("a/b"),
            Err(InvalidArgument::BackendIdInvalid { offset: 1, .. })
        ));
        assert!(backend_url("").is_err());
        assert!(backend_url("../x").is_err());
    }
}
