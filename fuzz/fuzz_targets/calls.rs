//! Random sequences of C calls: parse bodies, make errors with `monaca_error_new` and
//! `monaca_error_new_explained` (valid and invalid messages and data), make timeouts, query random handles with random indexes and
//! names, free random handles. A model of every live handle (what it said when it was made)
//! checks that each later answer is the same; at the end every handle is freed and the live
//! count must be back where it started.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use monaca_cloud_error::ffi::{self, MonacaError, MonacaErrorKind, MonacaStatus, MONACA_MAX_DEPTH};
use monaca_fuzz::{
    abort_on_panic, check_json_form, check_null_handle, check_response, free, from_response,
    is_success_status, max_depth, oracle_can_judge, oracle_depth_ok, parse_json, snapshot, text,
    Snapshot,
};
use std::fmt::Write as _;
use std::ptr;

#[derive(Arbitrary, Debug)]
enum Op {
    Parse {
        status: Status,
        body: Body,
    },
    New {
        code: Code,
        message: Message,
        data: Data,
        explained: bool,
    },
    NewWithNullOut {
        code: i64,
    },
    Timeout,
    Query {
        handle: u8,
        query: Query,
    },
    Free {
        handle: u8,
    },
    FreeNull,
    Statics {
        code: Code,
        status: i32,
    },
    /// The same exchange read as a response (monaca_response_*).
    Exchange {
        method: u8,
        status: Status,
        body: Body,
        session: Option<String>,
    },
    /// A request body and a URL (monaca_request_new, monaca_backend_url, monaca_text_*).
    Request {
        method: String,
        params: Option<Json>,
        api_key: String,
        device_id: String,
        session: Option<String>,
    },
}

#[derive(Arbitrary, Debug)]
enum Status {
    Ok,
    Common(u8),
    Raw(i32),
}

impl Status {
    fn value(&self) -> i32 {
        const COMMON: [i32; 8] = [200, 204, 299, 304, 0, 404, 500, 199];
        match *self {
            Status::Ok => 200,
            Status::Common(i) => COMMON[usize::from(i) % COMMON.len()],
            Status::Raw(s) => s,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Code {
    InvalidParams,
    Documented(u8),
    Any(i64),
}

impl Code {
    fn value(&self) -> i64 {
        const DOCUMENTED: [i64; 17] = [
            -32700, -32603, -32602, -32601, -32600, -13, -12, -11, 4, 10, 11, 12, 13, 14, -14,
            9999, 10000,
        ];
        match *self {
            Code::InvalidParams => -32602,
            Code::Documented(i) => DOCUMENTED[usize::from(i) % DOCUMENTED.len()],
            Code::Any(c) => c,
        }
    }
}

/// A JSON value to write as text, with room for what a plain serializer would not write:
/// duplicate keys, lone surrogates, odd numbers and deep nesting.
#[derive(Arbitrary, Debug)]
enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Number(u8),
    Text(String),
    LoneSurrogate(u16),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
    Deep(u8),
}

impl Json {
    fn write(&self, out: &mut String) {
        const NUMBERS: [&str; 6] = [
            "-0",
            "1e400",
            "0.5",
            "-1.25E-3",
            "1E+2",
            "123456789012345678901234567890",
        ];
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(i) => write!(out, "{i}").expect("write to a String"),
            Json::Number(i) => out.push_str(NUMBERS[usize::from(*i) % NUMBERS.len()]),
            Json::Text(s) => out.push_str(&serde_json::to_string(s).expect("a string")),
            Json::LoneSurrogate(u) => {
                write!(out, "\"x\\u{:04x}y\"", 0xD800 + (u % 0x800)).expect("write to a String")
            }
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    // One-character keys stand for "loginToken", so that results hold login
                    // tokens among other members (the login token oracle below).
                    let key = if key.chars().count() == 1 { "loginToken" } else { key.as_str() };
                    out.push_str(&serde_json::to_string(key).expect("a string"));
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
            Json::Deep(n) => {
                let n = usize::from(*n);
                out.push_str(&"[".repeat(n));
                out.push_str(&"]".repeat(n));
            }
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

#[derive(Arbitrary, Debug)]
enum Body {
    Bytes(Vec<u8>),
    Json(Json),
    /// A JSON-RPC response with an error and/or a result.
    Envelope {
        code: Code,
        code_text: Option<u8>,
        message: String,
        data: Option<Json>,
        result: Option<Json>,
        error_null: bool,
        id: Option<Json>,
    },
}

impl Body {
    fn bytes(&self) -> Vec<u8> {
        const ODD_CODES: [&str; 6] = ["1.0", "1e3", "\"11\"", "99999999999999999999", "-0", "null"];
        match self {
            Body::Bytes(bytes) => bytes.clone(),
            Body::Json(json) => json.text().into_bytes(),
            Body::Envelope {
                code,
                code_text,
                message,
                data,
                result,
                error_null,
                id,
            } => {
                let mut out = String::from("{\"jsonrpc\":\"2.0\"");
                if let Some(id) = id {
                    out.push_str(",\"id\":");
                    id.write(&mut out);
                }
                if let Some(result) = result {
                    out.push_str(",\"result\":");
                    result.write(&mut out);
                }
                if *error_null {
                    out.push_str(",\"error\":null");
                } else if result.is_none() || data.is_some() {
                    let code = match code_text {
                        Some(i) => ODD_CODES[usize::from(*i) % ODD_CODES.len()].to_string(),
                        None => code.value().to_string(),
                    };
                    write!(out, ",\"error\":{{\"code\":{code},\"message\":").expect("write");
                    out.push_str(&serde_json::to_string(message).expect("a string"));
                    if let Some(data) = data {
                        out.push_str(",\"data\":");
                        data.write(&mut out);
                    }
                    out.push('}');
                }
                out.push('}');
                out.into_bytes()
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Message {
    Text(String),
    Bytes(Vec<u8>),
    Null { len: u8 },
}

#[derive(Arbitrary, Debug)]
enum Data {
    Absent,
    Json {
        value: Json,
        space_before: bool,
        space_after: bool,
    },
    Bytes(Vec<u8>),
    Null {
        len: u8,
    },
}

#[derive(Arbitrary, Debug)]
enum Index {
    Small(u8),
    Any(usize),
}

impl Index {
    fn value(&self) -> usize {
        match *self {
            Index::Small(i) => usize::from(i % 8),
            Index::Any(i) => i,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Name {
    /// The name of one of the handle's own parameters.
    Known(u8),
    Bytes(Vec<u8>),
    Null {
        len: u8,
    },
}

#[derive(Arbitrary, Debug)]
enum Query {
    Code,
    Kind,
    Message,
    Name,
    Detail,
    HasData,
    DataJson,
    ToJson,
    ParamCount,
    ParamName(Index),
    ParamMessageCount(Index),
    ParamMessage(Index, Index),
    FirstMessageFor(Name),
    MessagesFor(Name),
    Description,
    Report,
    Everything,
}

/// A live handle and what it said when it was made.
struct Live {
    err: *mut MonacaError,
    model: Snapshot,
    /// The JSON form's bytes, once asked for: later calls must lend the very same bytes.
    json: Option<(*const std::ffi::c_char, usize)>,
}

fn first_message_for<'a>(model: &'a Snapshot, name: &[u8]) -> &'a str {
    model
        .params
        .iter()
        .filter(|(n, _)| n.as_bytes() == name)
        .find_map(|(_, messages)| messages.first())
        .map_or("", String::as_str)
}

fn query(live: &mut Live, query: &Query) {
    let (err, model) = (live.err.cast_const(), &live.model);
    let param = |i: usize| model.params.get(i);
    // SAFETY (for every call below): `err` is a live handle owned by this iteration.
    unsafe {
        match query {
            Query::Code => assert_eq!(ffi::monaca_error_code(err), model.code),
            Query::Kind => assert_eq!(ffi::monaca_error_kind(err), model.kind),
            Query::Message => assert_eq!(text(ffi::monaca_error_message(err)), model.message),
            Query::Name => assert_eq!(text(ffi::monaca_error_name(err)), model.name),
            Query::Detail => assert_eq!(text(ffi::monaca_error_detail(err)), model.detail),
            Query::HasData => assert_eq!(ffi::monaca_error_has_data(err), model.data.is_some()),
            Query::DataJson => assert_eq!(
                text(ffi::monaca_error_data_json(err)),
                model.data.as_deref().unwrap_or("")
            ),
            Query::ToJson => match live.json {
                None => {
                    check_json_form(err, model.code, &model.message, model.data.as_deref());
                    let json = ffi::monaca_error_to_json(err);
                    live.json = Some((json.ptr, json.len));
                }
                Some(seen) => {
                    let json = ffi::monaca_error_to_json(err);
                    assert_eq!((json.ptr, json.len), seen, "the JSON form moved");
                }
            },
            Query::ParamCount => assert_eq!(ffi::monaca_error_param_count(err), model.params.len()),
            Query::ParamName(i) => {
                let i = i.value();
                let expected = param(i).map_or("", |(name, _)| name.as_str());
                assert_eq!(text(ffi::monaca_error_param_name(err, i)), expected);
            }
            Query::ParamMessageCount(i) => {
                let i = i.value();
                let expected = param(i).map_or(0, |(_, messages)| messages.len());
                assert_eq!(ffi::monaca_error_param_message_count(err, i), expected);
            }
            Query::ParamMessage(i, m) => {
                let (i, m) = (i.value(), m.value());
                let expected = param(i)
                    .and_then(|(_, ms)| ms.get(m))
                    .map_or("", String::as_str);
                assert_eq!(text(ffi::monaca_error_param_message(err, i, m)), expected);
            }
            Query::FirstMessageFor(name) => {
                let (found, expected) = match name {
                    Name::Known(k) if !model.params.is_empty() => {
                        let name = &model.params[usize::from(*k) % model.params.len()].0;
                        let found = ffi::monaca_error_first_message_for(
                            err,
                            name.as_ptr().cast(),
                            name.len(),
                        );
                        (found, first_message_for(model, name.as_bytes()))
                    }
                    Name::Known(_) => (
                        ffi::monaca_error_first_message_for(err, c"x".as_ptr(), 1),
                        "",
                    ),
                    Name::Bytes(bytes) => {
                        let found = ffi::monaca_error_first_message_for(
                            err,
                            bytes.as_ptr().cast(),
                            bytes.len(),
                        );
                        (found, first_message_for(model, bytes))
                    }
                    Name::Null { len } => {
                        let found =
                            ffi::monaca_error_first_message_for(err, ptr::null(), (*len).into());
                        (
                            found,
                            if *len == 0 {
                                first_message_for(model, b"")
                            } else {
                                ""
                            },
                        )
                    }
                };
                assert_eq!(text(found), expected, "first_message_for({name:?})");
            }
            Query::MessagesFor(name) => {
                let name: Vec<u8> = match name {
                    Name::Known(k) if !model.params.is_empty() => model.params
                        [usize::from(*k) % model.params.len()]
                    .0
                    .clone()
                    .into_bytes(),
                    Name::Known(_) => b"x".to_vec(),
                    Name::Bytes(bytes) => bytes.clone(),
                    Name::Null { .. } => Vec::new(),
                };
                let expected: Vec<&str> = model
                    .params
                    .iter()
                    .filter(|(n, _)| n.as_bytes() == name.as_slice())
                    .flat_map(|(_, messages)| messages.iter().map(String::as_str))
                    .collect();
                let count =
                    ffi::monaca_error_message_count_for(err, name.as_ptr().cast(), name.len());
                assert_eq!(count, expected.len(), "message_count_for({name:?})");
                for (index, message) in expected.iter().enumerate() {
                    let found =
                        ffi::monaca_error_message_for(err, name.as_ptr().cast(), name.len(), index);
                    assert_eq!(text(found), *message, "message_for({name:?}, {index})");
                }
                let past =
                    ffi::monaca_error_message_for(err, name.as_ptr().cast(), name.len(), count);
                assert_eq!(text(past), "", "message_for past the end");
            }
            Query::Description => {
                // The one format, stated independently here.
                let mut expected = format!("Monaca error {}", model.code);
                if !model.name.is_empty() {
                    write!(expected, " ({})", model.name).expect("write to a String");
                }
                write!(expected, ": {}", model.message).expect("write to a String");
                if !model.detail.is_empty() {
                    write!(expected, " ({})", model.detail).expect("write to a String");
                }
                let first = ffi::monaca_error_description(err);
                let again = ffi::monaca_error_description(err);
                assert_eq!(
                    (first.ptr, first.len),
                    (again.ptr, again.len),
                    "built twice"
                );
                assert_eq!(text(first), expected);
            }
            Query::Report => check_report(err, model),
            Query::Everything => assert_eq!(&snapshot(err, false), model, "the handle changed"),
        }
    }
}

/// The report says what the per-field accessors say (the model), member by member.
///
/// # Safety
/// `err` is a live handle.
unsafe fn check_report(err: *const MonacaError, model: &Snapshot) {
    // SAFETY: forwarded from the caller.
    let (report, json, description) = unsafe {
        (
            text(ffi::monaca_error_report_json(err)),
            text(ffi::monaca_error_to_json(err)),
            text(ffi::monaca_error_description(err)),
        )
    };
    if !oracle_depth_ok(report.as_bytes()) {
        return;
    }
    let value = parse_json(report).unwrap_or_else(|e| panic!("report is not JSON ({e}): {report}"));
    let object = value.as_object().expect("an object");
    // serde_json's map sorts its keys: the order is the Rust unit test's to check.
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut schema = [
        "code",
        "kind",
        "name",
        "description",
        "message",
        "detail",
        "data",
        "params",
        "json",
    ];
    schema.sort_unstable();
    assert_eq!(keys, schema, "the schema's members, each once");
    let optional = |text: &str| (!text.is_empty()).then(|| text.to_owned());
    let kind = format!("{:?}", model.kind);
    assert_eq!(object["code"].as_i64(), Some(model.code));
    assert_eq!(object["kind"].as_str(), kind.strip_prefix("MONACA_KIND_"));
    assert_eq!(
        object["name"].as_str().map(str::to_owned),
        optional(&model.name)
    );
    assert_eq!(object["message"].as_str(), Some(model.message.as_str()));
    assert_eq!(
        object["detail"].as_str().map(str::to_owned),
        optional(&model.detail)
    );
    assert_eq!(object["data"].as_str().map(str::to_owned), model.data);
    assert_eq!(object["json"].as_str(), Some(json));
    assert_eq!(object["description"].as_str(), Some(description));
    let params: Vec<(String, Vec<String>)> = object["params"]
        .as_array()
        .expect("params")
        .iter()
        .map(|p| {
            let messages = p["messages"].as_array().expect("messages");
            (
                p["name"].as_str().expect("name").to_owned(),
                messages
                    .iter()
                    .map(|m| m.as_str().expect("a string").to_owned())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(params, model.params);
}

/// What `monaca_error_new` must answer: OK, or one of the faults of its arguments (the header
/// does not say which fault wins when there are several).
fn expected_new(
    message: Option<&[u8]>,
    message_null_len: usize,
    data: &Option<(Option<Vec<u8>>, usize)>,
) -> Vec<MonacaStatus> {
    use MonacaStatus::*;
    let mut faults = Vec::new();
    match message {
        None if message_null_len > 0 => faults.push(MONACA_STATUS_NULL_ARGUMENT),
        None => {}
        Some(bytes) if std::str::from_utf8(bytes).is_err() => {
            faults.push(MONACA_STATUS_INVALID_ARGUMENT)
        }
        Some(_) => {}
    }
    match data {
        None => {}
        Some((None, len)) if *len > 0 => faults.push(MONACA_STATUS_NULL_ARGUMENT),
        Some((None, _)) => {}
        Some((Some(bytes), _)) => {
            let valid = std::str::from_utf8(bytes).is_ok_and(|t| {
                max_depth(t.as_bytes()) <= MONACA_MAX_DEPTH as usize && parse_json(t).is_ok()
            });
            if !valid {
                faults.push(MONACA_STATUS_INVALID_ARGUMENT);
            }
        }
    }
    if faults.is_empty() {
        vec![MONACA_STATUS_OK]
    } else {
        faults
    }
}

fn new_error(code: i64, message: &Message, data: &Data, explained: bool) -> Option<Live> {
    let (message_bytes, message_ptr, message_len): (Option<Vec<u8>>, *const u8, usize) =
        match message {
            Message::Text(s) => (Some(s.clone().into_bytes()), ptr::null(), 0),
            Message::Bytes(b) => (Some(b.clone()), ptr::null(), 0),
            Message::Null { len } => (None, ptr::null(), usize::from(*len)),
        };
    let message_ptr = message_bytes.as_ref().map_or(message_ptr, |b| b.as_ptr());
    let message_len = message_bytes.as_ref().map_or(message_len, Vec::len);

    // None: no data argument (NULL, 0); Some((None, len)): NULL with a length;
    // Some((Some(bytes), _)): the bytes.
    let data_arg: Option<(Option<Vec<u8>>, usize)> = match data {
        Data::Absent => None,
        Data::Json {
            value,
            space_before,
            space_after,
        } => {
            let mut text = String::new();
            if *space_before {
                text.push_str(" \n");
            }
            value.write(&mut text);
            if *space_after {
                text.push_str("\t\r ");
            }
            Some((Some(text.into_bytes()), 0))
        }
        Data::Bytes(b) => Some((Some(b.clone()), 0)),
        Data::Null { len } => Some((None, usize::from(*len))),
    };
    let (data_ptr, data_len) = match &data_arg {
        None => (ptr::null(), 0),
        Some((Some(bytes), _)) => (bytes.as_ptr(), bytes.len()),
        Some((None, len)) => (ptr::null(), *len),
    };
    if let Some((Some(bytes), _)) = &data_arg {
        if !oracle_can_judge(bytes) || !oracle_depth_ok(bytes) {
            return None;
        }
    }
    // Data::Null { len: 0 } is the same call as Data::Absent.
    let data_arg = data_arg.filter(|(bytes, len)| bytes.is_some() || *len > 0);

    let expected = expected_new(message_bytes.as_deref(), message_len, &data_arg);
    let mut out = ptr::dangling_mut::<MonacaError>(); // not NULL: the call must set it
                                                      // SAFETY: each pointer is NULL or points to its length in bytes, which live until the end
                                                      // of the call; `out` is valid.
                                                      // SAFETY: an all-zero MonacaArgumentError is a valid value.
    let mut why: ffi::MonacaArgumentError = unsafe { std::mem::zeroed() };
    why.explanation[0] = b'?' as std::ffi::c_char; // must be cleared by the call
                                                   // SAFETY: each pointer is NULL or points to its length in bytes, which live until the end
                                                   // of the call; `out` and `why` are valid.
    let status = unsafe {
        if explained {
            ffi::monaca_error_new_explained(
                code,
                message_ptr.cast(),
                message_len,
                data_ptr.cast(),
                data_len,
                &mut out,
                &mut why,
            )
        } else {
            ffi::monaca_error_new(
                code,
                message_ptr.cast(),
                message_len,
                data_ptr.cast(),
                data_len,
                &mut out,
            )
        }
    };
    if explained {
        check_explanation(&why, status);
    }
    assert!(
        expected.contains(&status),
        "new({code}, {message:?}, {data:?}) gave {status:?}, expected one of {expected:?}"
    );
    if status != MonacaStatus::MONACA_STATUS_OK {
        assert!(out.is_null(), "*out is not NULL after {status:?}");
        return None;
    }
    assert!(!out.is_null());
    // SAFETY: `out` is the live handle just made.
    let model = unsafe { snapshot(out, false) };
    assert_eq!(model.code, code);
    assert_eq!(
        Some(model.message.as_bytes()),
        message_bytes.as_deref().or(Some(b""))
    );
    assert_eq!(model.detail, "", "made errors have no detail");
    let expected_data = data_arg.and_then(|(bytes, _)| bytes).map(|bytes| {
        let text = String::from_utf8(bytes).expect("checked above");
        text.trim_matches([' ', '\t', '\n', '\r']).to_owned()
    });
    assert_eq!(
        model.data, expected_data,
        "data is kept as given, without outer whitespace"
    );
    Some(Live {
        err: out,
        model,
        json: None,
    })
}

/// A response agrees with `monaca_error_from_response` on the same exchange; a success's result
/// is its range of the body and its report splices it in; the session follows the SDK's rule;
/// and nothing it answers changes when the caller's buffer is reused once it is made.
fn exchange(method: u8, status: i32, body: &[u8], session: Option<&str>) {
    use monaca_cloud_error::ffi_call as call;
    if !oracle_can_judge(body) {
        return;
    }
    let method = match method % 4 {
        0 => None,
        1 => Some("User.logout"),
        2 => Some("User.unregister"),
        _ => Some("User.login"),
    };
    let (method_ptr, method_len) =
        method.map_or((ptr::null(), 0), |m| (m.as_ptr().cast(), m.len()));
    let session_bytes = session.map(str::as_bytes);
    // The caller's buffer, overwritten as soon as the response is made (a reused buffer).
    let mut buffer = body.to_vec();
    let mut resp = ptr::null_mut();
    // SAFETY: valid buffers and out pointer; the response is freed below.
    let made = unsafe {
        call::monaca_response_from_exchange(
            method_ptr,
            method_len,
            status,
            buffer.as_ptr(),
            buffer.len(),
            session_bytes.map_or(ptr::null(), |s| s.as_ptr().cast()),
            session_bytes.map_or(0, <[u8]>::len),
            &mut resp,
        )
    };
    assert_eq!(made, MonacaStatus::MONACA_STATUS_OK);
    buffer.fill(b'"');
    let err = from_response(status, body, false);
    // SAFETY: `resp` and `err` are live until freed at the end.
    unsafe {
        let success = call::monaca_response_is_success(resp);
        assert_eq!(success, err.is_null(), "success agrees");
        let resp_err = call::monaca_response_error(resp);
        if !err.is_null() {
            assert_eq!(
                text(ffi::monaca_error_report_json(resp_err)),
                text(ffi::monaca_error_report_json(err)),
                "the response's error is from_response's"
            );
        }
        let result = text(call::monaca_response_result_json(resp));
        let (mut offset, mut len) = (0, 0);
        if call::monaca_response_result_range(resp, &mut offset, &mut len) {
            assert_eq!(&body[offset..offset + len], result.as_bytes());
        }
        assert_eq!(!result.is_empty(), success);
        let report = text(call::monaca_response_report_json(resp));
        if oracle_depth_ok(report.as_bytes()) {
            parse_json(report).unwrap_or_else(|e| panic!("report is not JSON ({e}): {report}"));
        }
        if success {
            assert!(
                report.ends_with(&format!(",\"result\":{result}}}")),
                "{report}"
            );
        }
        let ends = call::monaca_response_ends_session(resp);
        let should_end = success && matches!(method, Some("User.logout" | "User.unregister"));
        assert_eq!(ends, should_end, "ends_session: {method:?}");
        let token = text(call::monaca_response_login_token(resp));
        if !token.is_empty() {
            assert!(
                success && !ends && report.contains("\"loginToken\":\""),
                "{report}"
            );
        }
        // The oracle's login token: the last top-level "loginToken" of an object result, as
        // serde_json reads it (the library finds it while it reads the body).
        if success && !ends && oracle_depth_ok(result.as_bytes()) && !result.contains("\\u") {
            let expected = match parse_json(result)
                .ok()
                .as_ref()
                .and_then(|r| r.get("loginToken"))
            {
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                Some(serde_json::Value::Bool(b)) => Some(b.to_string()),
                Some(serde_json::Value::Number(_)) => None, // JavaScript's text: src/number.rs's tests
                _ => Some(String::new()),
            };
            if let Some(expected) = expected {
                assert_eq!(token, expected, "login token of {result}");
            }
        }
        // The oracle's reading of the rule: the header trimmed of spaces and tabs, on a 2xx or
        // 304 status, unless blank, holding a control character, or the session ended.
        let expected_session = session
            .map(|s| s.trim_matches([' ', '\t']))
            .filter(|s| !s.is_empty() && !s.chars().any(|c| c < ' ' || c == '\u{7f}'))
            .filter(|_| is_success_status(status) && !should_end);
        let kept = text(call::monaca_response_session(resp));
        assert_eq!(
            Some(kept).filter(|k| !k.is_empty()),
            expected_session.filter(|s| !s.is_empty())
        );
        call::monaca_response_free(resp);
        free(err);
    }
}

/// A request body is JSON holding the method, the params' members, the credentials and the id;
/// a refusal names a C parameter and makes nothing.
fn request(
    method: &str,
    params: Option<&Json>,
    api_key: &str,
    device_id: &str,
    session: Option<&str>,
) {
    use monaca_cloud_error::ffi_call as call;
    let params_text = params.map(|p| {
        let mut text = String::new();
        p.write(&mut text);
        text
    });
    if params_text
        .as_deref()
        .is_some_and(|p| !oracle_depth_ok(p.as_bytes()) || !oracle_can_judge(p.as_bytes()))
    {
        return;
    }
    let text_arg = |t: Option<&str>| t.map_or((ptr::null(), 0), |t| (t.as_ptr().cast(), t.len()));
    let (params_ptr, params_len) = text_arg(params_text.as_deref());
    let (session_ptr, session_len) = text_arg(session);
    let mut out = ptr::dangling_mut::<call::MonacaText>();
    // SAFETY: an all-zero MonacaArgumentError is a valid value.
    let mut why: ffi::MonacaArgumentError = unsafe { std::mem::zeroed() };
    // SAFETY: each text pointer is NULL with 0 or its length in bytes; out and why are valid.
    let status = unsafe {
        call::monaca_request_new(
            method.as_ptr().cast(),
            method.len(),
            params_ptr,
            params_len,
            api_key.as_ptr().cast(),
            api_key.len(),
            device_id.as_ptr().cast(),
            device_id.len(),
            session_ptr,
            session_len,
            &mut out,
            &mut why,
        )
    };
    if status != MonacaStatus::MONACA_STATUS_OK {
        assert!(out.is_null());
        check_explanation(&why, status);
        return;
    }
    // SAFETY: `out` is the live text just made, freed below.
    unsafe {
        let body = text(call::monaca_text_str(out));
        let value =
            parse_json(body).unwrap_or_else(|e| panic!("request is not JSON ({e}): {body}"));
        assert_eq!(value["jsonrpc"], "2.0");
        assert_eq!(value["method"].as_str(), Some(method));
        assert_eq!(value["id"].as_str(), Some("1"));
        assert_eq!(value["params"]["__api_key"].as_str(), Some(api_key));
        assert_eq!(value["params"]["__device"].as_str(), Some(device_id));
        assert_eq!(value["params"]["__session"].as_str(), session);
        call::monaca_text_free(out);
    }
    // The endpoint check: whatever it allows is https, or http to a loopback host.
    // SAFETY: an all-zero MonacaArgumentError is a valid value.
    let mut why: ffi::MonacaArgumentError = unsafe { std::mem::zeroed() };
    // SAFETY: `api_key` is `api_key.len()` bytes; `why` is valid.
    let checked = unsafe {
        call::monaca_endpoint_url_check(api_key.as_ptr().cast(), api_key.len(), &mut why)
    };
    if checked == MonacaStatus::MONACA_STATUS_OK {
        let lower = api_key.to_ascii_lowercase();
        assert!(
            lower.starts_with("https://") && lower.len() > 8
                || lower.starts_with("http://localhost")
                || lower.starts_with("http://127.")
                || lower.starts_with("http://[::1]"),
            "allowed {api_key:?}"
        );
    } else {
        check_explanation(&why, checked);
    }
    let mut url = ptr::null_mut();
    // SAFETY: valid buffer and out pointer; the text is freed below.
    unsafe {
        if call::monaca_backend_url(
            method.as_ptr().cast(),
            method.len(),
            &mut url,
            ptr::null_mut(),
        ) == MonacaStatus::MONACA_STATUS_OK
        {
            let prefix = text(call::monaca_backend_url_prefix());
            assert_eq!(
                text(call::monaca_text_str(url)),
                format!("{prefix}{method}")
            );
        }
        call::monaca_text_free(url);
    }
}

/// `monaca_error_new_explained`'s `why`: cleared on success, filled for a refused argument,
/// its texts NUL-terminated inside their buffers and UTF-8.
fn check_explanation(why: &ffi::MonacaArgumentError, status: MonacaStatus) {
    let buffer = |chars: &[std::ffi::c_char]| -> String {
        let bytes: Vec<u8> = chars.iter().map(|&c| c as u8).collect();
        let end = bytes.iter().position(|&b| b == 0).expect("NUL-terminated");
        String::from_utf8(bytes[..end].to_vec()).expect("UTF-8")
    };
    // SAFETY: `argument` is a static text (or the empty one).
    let argument = unsafe { text(why.argument) };
    let (reason, explanation) = (buffer(&why.reason), buffer(&why.explanation));
    if status == MonacaStatus::MONACA_STATUS_OK {
        assert_eq!(
            (argument, reason.as_str(), explanation.as_str()),
            ("", "", "")
        );
        return;
    }
    assert!(
        [
            "message",
            "data_json",
            "method",
            "params_json",
            "api_key",
            "device_id",
            "session",
            "backend_id",
            "url"
        ]
        .contains(&argument),
        "argument {argument:?} for {status:?}"
    );
    assert!(
        !reason.is_empty() && !explanation.is_empty(),
        "{reason:?} / {explanation:?}"
    );
    if why.line > 0 {
        assert!(why.column > 0 && explanation.contains(&format!("line {}", why.line)));
    }
}

fn statics(code: i64, status: i32) {
    // SAFETY (for every `text` below): these texts are static.
    let text = |s| unsafe { text(s) };
    let kind = ffi::monaca_code_kind(code);
    let name = text(ffi::monaca_code_name(code));
    use MonacaErrorKind::*;
    let named_kind = matches!(
        kind,
        MONACA_KIND_JSON_RPC | MONACA_KIND_CLIENT | MONACA_KIND_CLOUD_API
    );
    assert_eq!(
        !name.is_empty(),
        named_kind,
        "code {code} ({kind:?}) has name {name:?}"
    );
    assert!(
        !text(ffi::monaca_code_description(code)).is_empty(),
        "description of {code}"
    );
    let description = text(ffi::monaca_status_description(status));
    assert!(!description.is_empty());
    if !(0..=3).contains(&status) {
        assert_eq!(
            description,
            text(ffi::monaca_status_description(4)),
            "status {status}"
        );
    }
    assert!(!text(ffi::monaca_version()).is_empty());
    assert_eq!(ffi::monaca_abi_version(), ffi::MONACA_ABI_VERSION);
    let limit = status as u32 as u64;
    let too_large = ffi::monaca_error_body_too_large(limit);
    // SAFETY: a live handle until freed just below.
    unsafe {
        assert_eq!(ffi::monaca_error_code(too_large), -12);
        assert_eq!(
            text(ffi::monaca_error_detail(too_large)),
            format!("the response body is larger than the limit of {limit} bytes")
        );
        free(too_large);
    }
}

fuzz_target!(|ops: Vec<Op>| {
    abort_on_panic();
    // libFuzzer runs one input at a time on one thread, so only this iteration moves the count.
    let live_at_start = ffi::monaca_error_live_count();
    let mut handles: Vec<Live> = Vec::new();
    for op in &ops {
        match op {
            Op::Parse { status, body } => {
                let (status, body) = (status.value(), body.bytes());
                if !oracle_can_judge(&body) {
                    continue;
                }
                let err = from_response(status, &body, true);
                // SAFETY: `err` is NULL or the live handle just made.
                if let Some(model) = unsafe { check_response(status, &body, err) } {
                    // SAFETY: as above; the form was built by check_response.
                    let json = unsafe { ffi::monaca_error_to_json(err) };
                    handles.push(Live {
                        err,
                        model,
                        json: Some((json.ptr, json.len)),
                    });
                }
            }
            Op::New {
                code,
                message,
                data,
                explained,
            } => handles.extend(new_error(code.value(), message, data, *explained)),
            Op::NewWithNullOut { code } => {
                let before = ffi::monaca_error_live_count();
                // SAFETY: a NULL out must be refused and nothing made.
                let status = unsafe {
                    ffi::monaca_error_new(*code, c"m".as_ptr(), 1, ptr::null(), 0, ptr::null_mut())
                };
                assert_eq!(status, MonacaStatus::MONACA_STATUS_NULL_ARGUMENT);
                assert_eq!(ffi::monaca_error_live_count(), before);
            }
            Op::Timeout => {
                let err = ffi::monaca_error_timeout();
                assert!(!err.is_null());
                // SAFETY: `err` is the live handle just made.
                let model = unsafe { snapshot(err, false) };
                assert_eq!(
                    (model.code, model.message.as_str()),
                    (-11, "Connection timeout")
                );
                assert_eq!((model.detail.as_str(), &model.data), ("", &None));
                assert_eq!(model.kind, MonacaErrorKind::MONACA_KIND_CLIENT);
                handles.push(Live {
                    err,
                    model,
                    json: None,
                });
            }
            Op::Query { handle, query: q } => {
                if handles.is_empty() {
                    check_null_handle();
                } else {
                    let index = usize::from(*handle) % handles.len();
                    query(&mut handles[index], q);
                }
            }
            Op::Free { handle } => {
                if !handles.is_empty() {
                    let live = handles.swap_remove(usize::from(*handle) % handles.len());
                    // SAFETY: removed from the model, so never used again.
                    unsafe { free(live.err) };
                }
            }
            // SAFETY: NULL is a no-op.
            Op::FreeNull => unsafe { free(ptr::null_mut()) },
            Op::Statics { code, status } => statics(code.value(), *status),
            Op::Exchange {
                method,
                status,
                body,
                session,
            } => exchange(*method, status.value(), &body.bytes(), session.as_deref()),
            Op::Request {
                method,
                params,
                api_key,
                device_id,
                session,
            } => request(
                method,
                params.as_ref(),
                api_key,
                device_id,
                session.as_deref(),
            ),
        }
        assert_eq!(
            ffi::monaca_error_live_count(),
            live_at_start + handles.len()
        );
    }
    for live in handles {
        // SAFETY: each live handle is freed once, here, and the model is dropped.
        unsafe { free(live.err) };
    }
    assert_eq!(
        ffi::monaca_error_live_count(),
        live_at_start,
        "a handle leaked"
    );
});
