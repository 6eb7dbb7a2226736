//! [`CloudRequest`]: the body of a JSON-RPC 2.0 call to Monaca Backend, as Monaca's SDK writes
//! it: `{"jsonrpc":"2.0","method":..,"params":{..,"__api_key":..,"__device":..,"__session":..},
//! "id":..}`, with the credentials the SDK adds to `params`. And the endpoint's URL rule.
//!
//! Sans-IO: the caller POSTs the body (`Content-Type: application/json`) with its own HTTP
//! stack to [`backend_url`], then reads the exchange with `CloudResponse`.

use crate::error::InvalidArgument;
use crate::json_text::{json_string_len, write_json_string};
use crate::scan::{self, Position, Scanner, ValueType};

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

/// The JSON-RPC id of every request: the string `"1"`, as the SDK sends it (one request per
/// HTTP exchange, so the id correlates nothing; the server has only ever seen this one).
pub const REQUEST_ID: &str = "1";

impl CloudRequest {
    /// Writes the call of `method` (a dotted name such as `User.login`: ASCII letters, digits
    /// and `_`, in non-empty parts joined by `.`) with `params_json` (the JSON text of an
    /// object, or `None` for `{}`), the credentials, `"jsonrpc":"2.0"` and `"id":"1"`, as the
    /// SDK writes it. Refuses a method that is not such a name, params that are not one JSON
    /// object (nested at most [`crate::MAX_DEPTH`] deep, so the body is one the library reads
    /// back) or that already hold `__api_key`, `__device` or `__session`; nothing is written
    /// then.
    #[cfg_attr(monaca_ship, optimize(size))]
    pub fn new(
        method: &str,
        params_json: Option<&str>,
        credentials: &Credentials<'_>,
    ) -> Result<CloudRequest, InvalidArgument> {
        check_method(method)?;
        let params = match params_json {
            None => "{}",
            Some(text) => check_params(text)?,
        };
        // The caller's members, then the credentials, in the object the caller wrote.
        let inner = params[1..params.len() - 1].trim_matches([' ', '\t', '\n', '\r']);
        let credentials = [
            ("__api_key", Some(credentials.api_key)),
            ("__device", Some(credentials.device_id)),
            ("__session", credentials.session),
        ];
        // The exact length, and one byte more for the NUL a C caller needs: the body is
        // written once, in one buffer that never grows.
        let mut length = BODY_START.len() + json_string_len(method) + PARAMS_KEY.len();
        length += 1 + inner.len() + BODY_END_BEFORE_ID.len() + REQUEST_ID.len() + 3;
        for (key, value) in credentials.iter() {
            if let Some(value) = value {
                length += 1 + key.len() + 3 + json_string_len(value); // with its comma
            }
        }
        if inner.is_empty() {
            length -= 1; // the first credential (the API key, always there) has no comma
        }
        let mut body = String::with_capacity(length + 1);
        body.push_str(BODY_START);
        write_json_string(&mut body, method);
        body.push_str(PARAMS_KEY);
        body.push('{');
        body.push_str(inner);
        for (index, (key, value)) in credentials.iter().enumerate() {
            let Some(value) = value else { continue };
            if index > 0 || !inner.is_empty() {
                body.push(',');
            }
            body.push('"');
            body.push_str(key);
            body.push_str("\":");
            write_json_string(&mut body, value);
        }
        body.push_str(BODY_END_BEFORE_ID);
        body.push('"');
        body.push_str(REQUEST_ID);
        body.push_str("\"}");
        debug_assert_eq!(body.len(), length);
        Ok(CloudRequest { body })
    }

    /// The JSON text to POST.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The body with a NUL after it, in the buffer it was written in (no copy), for the C ABI.
    pub(crate) fn into_body_with_nul(self) -> String {
        let mut body = self.body;
        body.push('\0'); // within the capacity reserved by `new`
        body
    }
}

const BODY_START: &str = "{\"jsonrpc\":\"2.0\",\"method\":";
const PARAMS_KEY: &str = ",\"params\":";
const BODY_END_BEFORE_ID: &str = "},\"id\":";

/// Checks that a client may POST a request, which carries the API key, the device id and the
/// session, to `url`: `https://` with a host, or `http://` to a loopback host only (`localhost`,
/// `127.x.y.z`, `[::1]`, an optional port), for tests and local mock servers. Schemes are
/// compared without case. Refused: any other scheme (`http://` elsewhere, `file:`, `jar:`,
/// `ftp:`), no scheme, a URL with spaces, control characters or backslashes, and an `http://`
/// authority holding anything but the host and port (`user@`), so that no URL parser reads
/// another host from it than this check did.
#[cfg_attr(monaca_ship, optimize(size))]
pub fn check_endpoint_url(url: &str) -> Result<(), InvalidArgument> {
    let refuse = |reason, offset| Err(InvalidArgument::UrlRefused { reason, offset });
    if let Some(at) = url
        .bytes()
        .position(|b| b <= b' ' || b == 0x7F || b == b'\\')
    {
        return refuse("a space, a control character or a backslash", at);
    }
    let Some(colon) = url.find(':') else {
        return refuse("no scheme", 0);
    };
    let scheme = &url[..colon];
    let secure = scheme.eq_ignore_ascii_case("https");
    if !secure && !scheme.eq_ignore_ascii_case("http") {
        return refuse(
            "only https (or http to a loopback address) may carry credentials",
            0,
        );
    }
    let Some(rest) = url[colon + 1..].strip_prefix("//") else {
        return refuse("no \"//\" and host after the scheme", colon + 1);
    };
    let authority_start = colon + 3;
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_len];
    if authority.is_empty() {
        return refuse("no host", authority_start);
    }
    if secure {
        return Ok(());
    }
    if let Some(at) = authority.find('@') {
        return refuse("user information in an http url", authority_start + at);
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((inside, after)) => (&authority[..inside.len() + 2], after),
            None => return refuse("an unclosed \"[\"", authority_start),
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (host, &authority[host.len()..][..port.len() + 1]),
            None => (authority, ""),
        },
    };
    if !(port.is_empty()
        || port.len() > 1 && port.starts_with(':') && port[1..].bytes().all(|b| b.is_ascii_digit()))
    {
        return refuse("a port that is not digits", authority_start + host.len());
    }
    if !is_loopback_host(host) {
        return refuse(
            "http is allowed only to a loopback address (use https)",
            authority_start,
        );
    }
    Ok(())
}

/// `localhost`, a dotted-decimal `127.x.y.z`, or `[::1]`.
#[cfg_attr(monaca_ship, optimize(size))]
fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "[::1]" {
        return true;
    }
    // Four parts of one to three digits, each at most 255, the first 127 (no allocation).
    let mut parts = 0;
    let mut first = "";
    for part in host.split('.') {
        if part.is_empty() || part.len() > 3 {
            return false; // (checked first: three digits cannot overflow the fold below)
        }
        let value = part.bytes().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        });
        if !value.is_some_and(|n| n <= 255) {
            return false;
        }
        if parts == 0 {
            first = part;
        }
        parts += 1;
    }
    parts == 4 && first == "127"
}

/// The endpoint of a backend: [`BACKEND_URL_PREFIX`] followed by its id (ASCII letters, digits,
/// `-` and `_`, as Monaca's ids are).
#[cfg_attr(monaca_ship, optimize(size))]
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
        (false, None) => Ok([BACKEND_URL_PREFIX, backend_id].concat()),
    }
}

#[cfg_attr(monaca_ship, optimize(size))]
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
#[cfg_attr(monaca_ship, optimize(size))]
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
        )
        .unwrap();
        assert_eq!(
            request.body(),
            r#"{"jsonrpc":"2.0","method":"User.login","params":{"username":"a\u00e9","password":"p","__api_key":"key\"1","__device":"dev","__session":"sess"},"id":"1"}"#
        );
        let request = CloudRequest::new(
            "Collection.find",
            None,
            &Credentials {
                session: None,
                ..CREDENTIALS
            },
        )
        .unwrap();
        assert_eq!(
            request.body(),
            r#"{"jsonrpc":"2.0","method":"Collection.find","params":{"__api_key":"key\"1","__device":"dev"},"id":"1"}"#
        );
        assert_eq!(
            CloudRequest::new("a", Some("{ }"), &CREDENTIALS)
                .unwrap()
                .body(),
            r#"{"jsonrpc":"2.0","method":"a","params":{"__api_key":"key\"1","__device":"dev","__session":"sess"},"id":"1"}"#
        );
    }

    #[test]
    fn every_text_is_escaped() {
        let credentials = Credentials {
            api_key: "\u{0}\n\\",
            device_id: "\u{2028}",
            session: Some("\u{1f}"),
        };
        let body = CloudRequest::new("m", None, &credentials).unwrap();
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
            match CloudRequest::new(method, None, &CREDENTIALS) {
                Err(InvalidArgument::MethodInvalid { offset: at, .. }) => {
                    assert_eq!(at, offset, "{method:?}")
                }
                other => panic!("{method:?}: {other:?}"),
            }
        }
        for params in ["[]", "1", "null", "\"{}\""] {
            assert_eq!(
                CloudRequest::new("m", Some(params), &CREDENTIALS),
                Err(InvalidArgument::ParamsNotAnObject),
                "{params}"
            );
        }
        let error = CloudRequest::new("m", Some("{\"a\":}"), &CREDENTIALS).unwrap_err();
        assert_eq!(
            error.to_string(),
            "params is not valid JSON: expected a JSON value at line 1, column 6 (byte offset 5)"
        );
        for key in ["__api_key", "__device", "__session", "__s\\u0065ssion"] {
            let params = format!("{{\"a\":1,\"{key}\":\"x\"}}");
            assert!(matches!(
                CloudRequest::new("m", Some(&params), &CREDENTIALS),
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

    #[test]
    fn the_body_is_written_once_with_room_for_its_nul() {
        for (params, session) in [
            (None, None),
            (Some("{}"), Some("s")),
            (Some(r#"{"a":"\u0000"}"#), Some("\u{0}\u{1}\"\\\t")),
            (Some(" { \"a\" : [1, 2] } "), None),
        ] {
            let credentials = Credentials {
                api_key: "k\n",
                device_id: "\u{7f}é",
                session,
            };
            let request = CloudRequest::new("A.b", params, &credentials).unwrap();
            let text = request.body().to_owned();
            assert_eq!(request.body.capacity(), text.len() + 1, "{params:?}");
            let with_nul = request.into_body_with_nul();
            assert_eq!(with_nul, format!("{text}\0"));
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(value["id"], "1");
        }
    }

    #[test]
    fn params_as_deep_as_the_library_reads_back() {
        let deep = |levels: usize| {
            format!(
                "{{\"a\":{}{}}}",
                "[".repeat(levels - 1),
                "]".repeat(levels - 1)
            )
        };
        let body = CloudRequest::new("m", Some(&deep(crate::MAX_DEPTH)), &CREDENTIALS)
            .unwrap()
            .body()
            .to_owned();
        // Read back as the library reads a body (the envelope, then each member's value with
        // the whole bound), it is valid JSON within the bound: only its lack of a result shows.
        let read_back = crate::CloudError::from_response(200, body.as_bytes()).unwrap();
        assert_eq!(
            read_back.detail(),
            Some("the response has neither \"result\" nor \"error\"")
        );
        assert!(matches!(
            CloudRequest::new("m", Some(&deep(crate::MAX_DEPTH + 1)), &CREDENTIALS),
            Err(InvalidArgument::ParamsNotJson { .. })
        ));
    }

    #[test]
    fn only_https_or_loopback_http_may_carry_credentials() {
        for url in [
            "https://cloud.monaca.mobi/json-rpc/abc",
            "HTTPS://example.com",
            "https://example.com:8443/x?y#z",
            "http://127.0.0.1:8080/json-rpc/x",
            "http://127.255.0.1/",
            "HTTP://LOCALHOST:1",
            "http://localhost",
            "http://[::1]:9/x",
        ] {
            assert_eq!(check_endpoint_url(url), Ok(()), "{url}");
        }
        for (url, offset) in [
            ("http://example.com/", 7),
            ("http://128.0.0.1/", 7),
            ("http://127.0.0.1.example.com/", 7),
            ("http://127.1/", 7),
            ("http://0x7f.0.0.1/", 7),
            ("http://127.0.0.256/", 7),
            ("http://127.0.0.99999999999/", 7),
            ("http://127.0.0.1a/", 7),
            ("http://localhost.evil.com/", 7),
            ("http://[::2]/", 7),
            ("http://user@127.0.0.1/", 11),
            ("http://evil.com@127.0.0.1/", 15),
            ("http://127.0.0.1:80a/", 16),
            ("http://127.0.0.1:/", 16),
            ("http://[::1/", 7),
            ("http://evil.com\\@127.0.0.1/", 15),
            ("http://127.0.0.1 /", 16),
            (" https://example.com", 0),
            ("https://exa\nmple.com", 11),
            ("file:///etc/passwd", 0),
            ("jar:file:/x.jar!/", 0),
            ("ftp://127.0.0.1/", 0),
            ("javascript:alert(1)", 0),
            ("cloud.monaca.mobi/json-rpc/x", 0),
            ("", 0),
            ("https:example.com", 6),
            ("https:///path", 8),
            ("http://", 7),
        ] {
            match check_endpoint_url(url) {
                Err(InvalidArgument::UrlRefused { offset: at, .. }) => {
                    assert_eq!(at, offset, "{url}")
                }
                other => panic!("{url}: {other:?}"),
            }
        }
    }
}
