//! The C ABI for a whole Backend call, sans-IO: reading a response (`MonacaResponse`: a
//! result or an error, the session, the login token) and writing a request body and the
//! endpoint's URL (`MonacaText`). The same null- and panic-safety rules as `ffi`.

use crate::error::{CloudError, InvalidArgument};
use crate::ffi::{
    construct, free_handle, guard, input, into_handle, MonacaArgumentError, MonacaError,
    MonacaStatus, MonacaStr, ZeroValue, EMPTY,
};
use crate::lazy_text::LazyText;
use crate::request::{backend_url, check_endpoint_url, CloudRequest, Credentials};
use crate::response::{write_report, CloudResponse};
use std::ffi::c_char;
use std::ops::Range;

/// The answer to one exchange: opaque, immutable once made, owned by whoever received it. It
/// holds everything it lends out, taken from the body when it was made: nothing it answers
/// depends on the caller's buffer afterwards.
pub struct MonacaResponse {
    /// The error of a failure, lent out by `monaca_response_error`.
    error: Option<MonacaError>,
    /// A success's result text followed by a NUL, copied at construction.
    result: Option<String>,
    /// Where a success's result lay in the body, when it was read in place.
    range: Option<Range<usize>>,
    /// The session to keep, followed by a NUL.
    session: Option<String>,
    /// Whether the response ends the session.
    ends_session: bool,
    /// The login token followed by a NUL (`None` when there is none), read with the body.
    login_token: Option<String>,
    /// The response report followed by a NUL, when first asked for.
    report: LazyText,
}

/// An owned text made by the library (a request body, a URL): opaque, owned by whoever
/// received it.
pub struct MonacaText(String);

impl ZeroValue for *const MonacaError {
    fn zero() -> Self {
        std::ptr::null()
    }
}

fn with_nul(text: &str) -> String {
    let mut owned = String::with_capacity(text.len() + 1);
    owned.push_str(text);
    owned.push('\0');
    owned
}

fn without_nul(text_z: &str) -> &str {
    &text_z[..text_z.len() - 1]
}

fn lend_z(text_z: &str) -> MonacaStr {
    MonacaStr::lend(without_nul(text_z))
}

/// Reads an HTTP exchange with Monaca Backend into a response: a result or an error, and what
/// becomes of the session.
///
/// `method`/`method_len` is the method called (UTF-8, e.g. `User.logout`), or NULL and 0 when
/// unknown: a successful `User.logout` or `User.unregister` ends the session (see
/// `monaca_response_ends_session`). `http_status` and `body`/`body_len` are as for
/// `monaca_error_from_response`, whose error this is for a failure. `session_header`/
/// `session_header_len` is the value of the response's `X-Set-Monaca-Cloud-Session` header
/// (repeated headers joined by ", ", as HTTP combines them), or NULL and 0 when it had none.
/// It is kept (copied, trimmed of spaces and tabs) on every 200-299 or 304 status, whatever the
/// body, as the SDK keeps it; a blank value, one with a control character (CR, LF, NUL, ...)
/// or bytes that are not UTF-8 give no session (the caller keeps the one it had).
///
/// What the response lends out is taken at construction: a success's result text is copied
/// (and its place in the body recorded, see `monaca_response_result_range`), so the body may be
/// freed or reused as soon as this returns.
///
/// On `MONACA_STATUS_OK`, `*out` is a new response that the caller owns and must free with
/// `monaca_response_free` (counted by `monaca_error_live_count`); otherwise `*out` is NULL.
/// `MONACA_STATUS_NULL_ARGUMENT`: `out` is NULL, or a pointer is NULL with a non-zero length.
/// `MONACA_STATUS_INVALID_ARGUMENT`: a length over `PTRDIFF_MAX`, or a method that is not
/// UTF-8. Thread-safe.
///
/// # Safety
/// `method`, `body` and `session_header` are each NULL or point to their length in readable
/// bytes; `out` is NULL or points to writable storage for one pointer.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // the C signature: each text with its length
pub unsafe extern "C" fn monaca_response_from_exchange(
    method: *const c_char,
    method_len: usize,
    http_status: i32,
    body: *const u8,
    body_len: usize,
    session_header: *const c_char,
    session_header_len: usize,
    out: *mut *mut MonacaResponse,
) -> MonacaStatus {
    let make = || {
        // SAFETY (each): the caller promises these lengths of readable bytes.
        let method = unsafe { input(method.cast(), method_len) }?;
        let method = if method.is_empty() {
            None
        } else {
            let text = std::str::from_utf8(method)
                .map_err(|_| MonacaStatus::MONACA_STATUS_INVALID_ARGUMENT)?;
            Some(text)
        };
        let body = unsafe { input(body, body_len) }?;
        let header = unsafe { input(session_header.cast(), session_header_len) }?;
        // A header that is not UTF-8 is what the server sent, not a caller's mistake: no session.
        let header = std::str::from_utf8(header).ok();
        let response = CloudResponse::from_exchange(method, http_status, body, header);
        let session = response.session().map(with_nul);
        let ends_session = response.ends_session();
        let range = response.result_range();
        let login_token = response.login_token().map(with_nul);
        let (error, result) = match response.into_result() {
            Ok(text) => (None, Some(with_nul(&text))),
            Err(error) => (Some(MonacaError(error)), None),
        };
        Ok(into_handle(MonacaResponse {
            error,
            result,
            range,
            session,
            ends_session,
            login_token,
            report: LazyText::new(),
        }))
    };
    // SAFETY: forwarded from the caller.
    unsafe { construct(out, make) }
}

/// Reads a response with `read`, or gives the zero value for NULL (and for a caught panic).
///
/// # Safety
/// `resp` is NULL or a live response.
unsafe fn read<T: ZeroValue>(
    resp: *const MonacaResponse,
    read: impl FnOnce(&MonacaResponse) -> T,
) -> T {
    guard(|| {
        // SAFETY: the caller promises `resp` is NULL or a live response.
        match unsafe { resp.as_ref() } {
            Some(response) => read(response),
            None => T::zero(),
        }
    })
}

/// Whether the response is a success (a result and no error). False for NULL.
///
/// # Safety
/// `resp` is NULL or a live response of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_is_success(resp: *const MonacaResponse) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { read(resp, |r| r.result.is_some()) }
}

/// The error of a failed exchange (the same as `monaca_error_from_response` gives), for every
/// `monaca_error_*` accessor; NULL for a success and for NULL. Borrowed from the response:
/// valid until `monaca_response_free`; never pass it to `monaca_error_free`.
///
/// # Safety
/// `resp` is NULL or a live response of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_error(resp: *const MonacaResponse) -> *const MonacaError {
    // SAFETY: forwarded from the caller.
    unsafe {
        read(resp, |r| {
            r.error.as_ref().map_or(std::ptr::null(), |e| e as *const _)
        })
    }
}

/// For a success whose body was read in place (valid UTF-8, not UTF-16): stores where the
/// result's JSON text lay in the body given to `monaca_response_from_exchange` (the caller's
/// buffer: its bytes there are the result only while the caller keeps them unchanged) (`body + *offset`, `*len` bytes, not NUL-terminated)
/// and returns true, so a caller can use the text without any copy. False otherwise (a
/// failure, a decoded body, NULL); the out pointers may be NULL.
///
/// # Safety
/// `resp` is NULL or a live response; `offset` and `len` are each NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_result_range(
    resp: *const MonacaResponse,
    offset: *mut usize,
    len: *mut usize,
) -> bool {
    // SAFETY: forwarded from the caller.
    let range = unsafe { read(resp, |r| r.range.clone()) };
    let Some(range) = range else { return false };
    // SAFETY: the caller promises each pointer is NULL or writable.
    unsafe {
        if let Some(offset) = offset.as_mut() {
            *offset = range.start;
        }
        if let Some(len) = len.as_mut() {
            *len = range.len();
        }
    }
    true
}

impl ZeroValue for Option<Range<usize>> {
    fn zero() -> Self {
        None
    }
}

/// The result's JSON text exactly as sent (the decoded text when the body had to be decoded),
/// NUL-terminated: the copy the response took at construction. Borrowed from the response:
/// valid until `monaca_response_free`. Empty for a failure and for NULL.
///
/// # Safety
/// `resp` is NULL or a live response of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_result_json(resp: *const MonacaResponse) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { read(resp, |r| r.result.as_deref().map_or(EMPTY, lend_z)) }
}

/// The session id to keep and send back (as the request's `session`) from now on: the header
/// value given, trimmed, when the SDK would keep it; empty when there is none to keep (the
/// caller keeps the session it had, unless `monaca_response_ends_session`) and for NULL.
/// Never holds a control character. Borrowed from the response: valid until
/// `monaca_response_free`.
///
/// # Safety
/// `resp` is NULL or a live response of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_session(resp: *const MonacaResponse) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { read(resp, |r| r.session.as_deref().map_or(EMPTY, lend_z)) }
}

/// Whether the response ends the session: a successful `User.logout` or `User.unregister`.
/// The caller then forgets its session and its login token, as the SDK does, even when the
/// response set a new session header. False for NULL.
///
/// # Safety
/// `resp` is NULL or a live response of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_ends_session(resp: *const MonacaResponse) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { read(resp, |r| r.ends_session) }
}

/// The `loginToken` of an object result, as the SDK stores it (a string decoded; a number or a
/// boolean as JavaScript writes it: `42` gives `42`), which the caller keeps for auto-login;
/// empty when there is none, when the response ends the session, for a failure and for NULL.
/// Read while the body was read, when the response was made: valid until
/// `monaca_response_free`.
///
/// # Safety
/// `resp` is NULL or a live response of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_login_token(resp: *const MonacaResponse) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { read(resp, |r| r.login_token.as_deref().map_or(EMPTY, lend_z)) }
}

/// The response in one JSON text, for bridges: `{"session":<string|null>,
/// "endsSession":<true|false>,"loginToken":<string|null>,"result":<the result as sent>}` for a
/// success, or `{"session":..,"endsSession":false,"loginToken":null,"error":
/// <monaca_error_report_json>}` for a failure. Always valid JSON, made from the response's own
/// copy of the result. Built on the first call and kept: valid until `monaca_response_free`.
/// Empty for NULL.
///
/// # Safety
/// `resp` is NULL or a live response of this library.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_response_report_json(resp: *const MonacaResponse) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe {
        read(resp, |r| {
            let outcome: Result<&str, &CloudError> = match (&r.error, &r.result) {
                (Some(error), _) => Err(&error.0),
                (None, Some(text)) => Ok(without_nul(text)),
                (None, None) => return EMPTY,
            };
            let session = r.session.as_deref().map(without_nul);
            lend_z(r.report.get_or_init(|| {
                // The NUL goes into the report's own buffer: no second copy of a
                // report as large as the result.
                let token = r.login_token.as_deref().map(without_nul);
                let mut report = write_report(session, r.ends_session, token, outcome);
                report.push('\0');
                report
            }))
        })
    }
}

/// Frees a response, its error and every text borrowed from them. NULL is a no-op.
///
/// # Safety
/// `resp` is NULL or a live response of this library, which no thread uses afterwards.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_free(resp: *mut MonacaResponse) {
    // SAFETY: forwarded from the caller.
    unsafe { free_handle(resp) }
}

/// A refused argument: its core name, what is wrong (or the reason of a NULL/length
/// refusal), and the status to return.
type Refusal = (
    &'static str,
    Result<InvalidArgument, &'static str>,
    MonacaStatus,
);

/// Reads one text argument for a request; `None` for NULL with length 0.
///
/// # Safety
/// `ptr` is NULL or points to `len` readable bytes.
unsafe fn text_argument<'a>(
    argument: &'static str,
    ptr: *const c_char,
    len: usize,
) -> Result<Option<&'a str>, Refusal> {
    if ptr.is_null() && len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { input(ptr.cast(), len) }.map_err(|status| {
        let reason = if status == MonacaStatus::MONACA_STATUS_NULL_ARGUMENT {
            "NULL with a non-zero length"
        } else {
            "longer than PTRDIFF_MAX"
        };
        (argument, Err(reason), status)
    })?;
    std::str::from_utf8(bytes).map(Some).map_err(|error| {
        let invalid = InvalidArgument::TextNotUtf8 {
            argument,
            offset: error.valid_up_to(),
        };
        (
            argument,
            Ok(invalid),
            MonacaStatus::MONACA_STATUS_INVALID_ARGUMENT,
        )
    })
}

/// Runs a text constructor: arguments refused by `make` are explained in `why` (when not
/// NULL; cleared first), the made text stored in `*out`.
///
/// # Safety
/// `out` is NULL or writable; `why` is NULL or points to a writable `MonacaArgumentError`.
unsafe fn make_text(
    out: *mut *mut MonacaText,
    why: *mut MonacaArgumentError,
    make: impl FnOnce() -> Result<String, Refusal>,
) -> MonacaStatus {
    // `make` gives the text with its NUL.
    // SAFETY: the caller promises `why` is NULL or writable.
    let mut why = unsafe { why.as_mut() };
    if let Some(why) = why.as_deref_mut() {
        why.clear();
    }
    let made = move || {
        make()
            .map(|text_z| into_handle(MonacaText(text_z)))
            .map_err(|(argument, problem, status)| {
                if let Some(why) = why {
                    why.fill(argument, problem.as_ref().map_err(|reason| *reason));
                }
                status
            })
    };
    // SAFETY: forwarded from the caller.
    unsafe { construct(out, made) }
}

/// Writes the body of a call to Monaca Backend, as the SDK writes it: `{"jsonrpc":"2.0",
/// "method":<method>,"params":{<params' members>,"__api_key":..,"__device":..,"__session":..},
/// "id":"1"}` (the id is always the string "1", as the SDK sends it). `method` is a dotted name (`User.login`: ASCII letters, digits and `_` in
/// non-empty parts); `params_json` the JSON text of an object (NULL and 0 for `{}`), which may
/// not hold `__api_key`, `__device` or `__session`; `api_key` and `device_id` are UTF-8 texts;
/// `session` the session id kept from an earlier response, or NULL and 0 for none (then no
/// `__session`). Every text is escaped as JSON requires. All inputs are copied; the body is
/// written once, with its NUL, in the buffer it is handed out in. `params_json` may nest
/// `MONACA_MAX_DEPTH` containers, so that the body is one this library reads back.
///
/// On `MONACA_STATUS_OK`, `*out` is a new text that the caller owns and must free with
/// `monaca_text_free`; otherwise `*out` is NULL and nothing is written. A refused argument
/// gives `MONACA_STATUS_INVALID_ARGUMENT` (or `MONACA_STATUS_NULL_ARGUMENT` for NULL with a
/// length) and, when `why` is not NULL, its explanation (`argument` is the parameter's name).
///
/// # Safety
/// Each text pointer is NULL or points to its length in readable bytes; `out` is NULL or
/// writable; `why` is NULL or points to a writable `MonacaArgumentError`.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_request_new(
    method: *const c_char,
    method_len: usize,
    params_json: *const c_char,
    params_json_len: usize,
    api_key: *const c_char,
    api_key_len: usize,
    device_id: *const c_char,
    device_id_len: usize,
    session: *const c_char,
    session_len: usize,
    out: *mut *mut MonacaText,
    why: *mut MonacaArgumentError,
) -> MonacaStatus {
    let make = || {
        // SAFETY (each): the caller promises these lengths of readable bytes.
        let method = unsafe { text_argument("method", method, method_len) }?.unwrap_or("");
        let params = unsafe { text_argument("params", params_json, params_json_len) }?;
        let api_key = unsafe { text_argument("api_key", api_key, api_key_len) }?.unwrap_or("");
        let device_id =
            unsafe { text_argument("device_id", device_id, device_id_len) }?.unwrap_or("");
        let session = unsafe { text_argument("session", session, session_len) }?;
        let credentials = Credentials {
            api_key,
            device_id,
            session,
        };
        CloudRequest::new(method, params, &credentials)
            .map(CloudRequest::into_body_with_nul)
            .map_err(|invalid| {
                let argument = invalid.argument();
                (
                    argument,
                    Ok(invalid),
                    MonacaStatus::MONACA_STATUS_INVALID_ARGUMENT,
                )
            })
    };
    // SAFETY: forwarded from the caller.
    unsafe { make_text(out, why, make) }
}

/// The URL of a backend's endpoint: `https://cloud.monaca.mobi/json-rpc/<backend_id>`, where
/// the id is ASCII letters, digits, `-` and `_`. Out, status and `why` as for
/// `monaca_request_new`.
///
/// # Safety
/// `backend_id` is NULL or points to `backend_id_len` readable bytes; `out` is NULL or
/// writable; `why` is NULL or points to a writable `MonacaArgumentError`.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_backend_url(
    backend_id: *const c_char,
    backend_id_len: usize,
    out: *mut *mut MonacaText,
    why: *mut MonacaArgumentError,
) -> MonacaStatus {
    let make = || {
        // SAFETY: the caller promises `backend_id_len` readable bytes.
        let id = unsafe { text_argument("backend_id", backend_id, backend_id_len) }?;
        backend_url(id.unwrap_or(""))
            .map(|url| with_nul(&url))
            .map_err(|invalid| {
                (
                    "backend_id",
                    Ok(invalid),
                    MonacaStatus::MONACA_STATUS_INVALID_ARGUMENT,
                )
            })
    };
    // SAFETY: forwarded from the caller.
    unsafe { make_text(out, why, make) }
}

/// Checks that a client may POST a request (which carries the API key, the device id and the
/// session) to `url`: `https://` with a host, or `http://` to a loopback host (`localhost`,
/// `127.x.y.z`, `[::1]`, with an optional port) only. Every face's client calls it before
/// connecting. `MONACA_STATUS_OK` when allowed; `MONACA_STATUS_INVALID_ARGUMENT` (why filled,
/// `argument` "url") when refused: another scheme (`file:`, `jar:`, `ftp:`), `http://` to
/// another host, no scheme, spaces, control characters, backslashes, user information in an
/// `http://` URL; `MONACA_STATUS_NULL_ARGUMENT` for NULL with a length. Nothing is kept.
///
/// # Safety
/// `url` is NULL or points to `url_len` readable bytes; `why` is NULL or points to a writable
/// `MonacaArgumentError`.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_endpoint_url_check(
    url: *const c_char,
    url_len: usize,
    why: *mut MonacaArgumentError,
) -> MonacaStatus {
    guard(|| {
        // SAFETY: the caller promises `why` is NULL or writable.
        let mut why = unsafe { why.as_mut() };
        if let Some(why) = why.as_deref_mut() {
            why.clear();
        }
        // SAFETY: the caller promises `url_len` readable bytes.
        let checked = unsafe { text_argument("url", url, url_len) }.and_then(|url| {
            check_endpoint_url(url.unwrap_or("")).map_err(|invalid| {
                (
                    "url",
                    Ok(invalid),
                    MonacaStatus::MONACA_STATUS_INVALID_ARGUMENT,
                )
            })
        });
        match checked {
            Ok(()) => MonacaStatus::MONACA_STATUS_OK,
            Err((argument, problem, status)) => {
                if let Some(why) = why {
                    why.fill(argument, problem.as_ref().map_err(|reason| *reason));
                }
                status
            }
        }
    })
}

/// The text, NUL-terminated. Borrowed from it: valid until `monaca_text_free`. Empty for NULL.
///
/// # Safety
/// `text` is NULL or a live text of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_text_str(text: *const MonacaText) -> MonacaStr {
    guard(|| {
        // SAFETY: the caller promises `text` is NULL or a live text.
        unsafe { text.as_ref() }.map_or(EMPTY, |text| lend_z(&text.0))
    })
}

/// Frees a text. NULL is a no-op.
///
/// # Safety
/// `text` is NULL or a live text of this library, which no thread uses afterwards.
#[no_mangle]
pub unsafe extern "C" fn monaca_text_free(text: *mut MonacaText) {
    // SAFETY: forwarded from the caller.
    unsafe { free_handle(text) }
}

/// The start of every Backend endpoint URL, `https://cloud.monaca.mobi/json-rpc/`. Static.
#[no_mangle]
pub extern "C" fn monaca_backend_url_prefix() -> MonacaStr {
    guard(|| MonacaStr::from_static_z("https://cloud.monaca.mobi/json-rpc/\0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_prefix_is_the_cores() {
        // SAFETY: a static text of `len` bytes.
        let prefix = unsafe {
            std::slice::from_raw_parts(
                monaca_backend_url_prefix().ptr.cast::<u8>(),
                monaca_backend_url_prefix().len,
            )
        };
        assert_eq!(prefix, crate::request::BACKEND_URL_PREFIX.as_bytes());
    }
}
