//! The C ABI for a whole Backend call, sans-IO: reading a response (`MonacaResponse`: a
//! result or an error, the session, the login token) and writing a request body and the
//! endpoint's URL (`MonacaText`). The same null- and panic-safety rules as `ffi`.

use crate::error::{CloudError, InvalidArgument};
use crate::ffi::{
    construct, free_handle, guard, input, into_handle, MonacaArgumentError, MonacaError,
    MonacaStatus, MonacaStr, ZeroValue, EMPTY,
};
use crate::request::{backend_url, CloudRequest, Credentials};
use crate::response::{login_token_of, write_report, CloudResponse};
use std::ffi::c_char;
use std::ops::Range;
use std::sync::OnceLock;

/// The answer to one exchange: opaque, immutable once made, owned by whoever received it.
pub struct MonacaResponse {
    /// The error of a failure, lent out by `monaca_response_error`.
    error: Option<MonacaError>,
    /// Where a success's result is.
    result: Option<ResultPlace>,
    /// The identity of the body given (its address and length), to recognise it again.
    body: (usize, usize),
    /// The session to keep, followed by a NUL.
    session: Option<String>,
    /// The result's text followed by a NUL, copied when first asked for.
    result_text: OnceLock<String>,
    /// The login token followed by a NUL ("" and no NUL when there is none), when first asked.
    login_token: OnceLock<Option<String>>,
    /// The response report followed by a NUL, when first asked for.
    report: OnceLock<String>,
}

enum ResultPlace {
    /// Read in place: a byte range of the caller's body.
    InBody(Range<usize>),
    /// The body had to be decoded: the result's text, owned.
    Decoded(String),
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

fn lend_z(text_z: &str) -> MonacaStr {
    MonacaStr::lend(&text_z[..text_z.len() - 1])
}

impl MonacaResponse {
    /// What `cell` keeps, or what `make` builds from the result's text (given the body it came
    /// from) and keeps there; `None` for a failure, or another body than the one given.
    fn kept<'a, T>(
        &'a self,
        cell: &'a OnceLock<T>,
        body: &[u8],
        make: impl FnOnce(&str) -> T,
    ) -> Option<&'a T> {
        if let Some(kept) = cell.get() {
            return Some(kept);
        }
        let text = self.result(body)?;
        Some(cell.get_or_init(|| make(text)))
    }

    /// The result's text, given the body it came from (the same address and length as at
    /// construction; otherwise `None`).
    fn result<'a>(&'a self, body: &'a [u8]) -> Option<&'a str> {
        match self.result.as_ref()? {
            ResultPlace::Decoded(text) => Some(text),
            ResultPlace::InBody(range) => {
                let same = (body.as_ptr() as usize, body.len()) == self.body;
                let bytes = body.get(range.clone()).filter(|_| same)?;
                std::str::from_utf8(bytes).ok()
            }
        }
    }
}

/// Reads an HTTP exchange with Monaca Backend into a response: a result or an error, and the
/// session to keep.
///
/// `http_status` and `body`/`body_len` are as for `monaca_error_from_response`, whose error
/// this is for a failure. `session_header`/`session_header_len` is the value of the response's
/// `X-Set-Monaca-Cloud-Session` header (UTF-8), or NULL and 0 when it had none; it is kept
/// (copied) when the SDK would read it: a 200-299 or 304 status and a body that is JSON,
/// errors included. The body is not kept: a success's result stays a byte range of it (see
/// `monaca_response_result_range`), copied only if the body had to be decoded (UTF-16, or
/// invalid UTF-8 in strings) or when `monaca_response_result_json` is first called.
///
/// On `MONACA_STATUS_OK`, `*out` is a new response that the caller owns and must free with
/// `monaca_response_free` (counted by `monaca_error_live_count`); otherwise `*out` is NULL.
/// `MONACA_STATUS_NULL_ARGUMENT`: `out` is NULL, or a pointer is NULL with a non-zero length.
/// `MONACA_STATUS_INVALID_ARGUMENT`: a length over `PTRDIFF_MAX`, or a header value that is
/// not UTF-8. Thread-safe.
///
/// # Safety
/// `body` and `session_header` are each NULL or point to their length in readable bytes;
/// `out` is NULL or points to writable storage for one pointer.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_from_exchange(
    http_status: i32,
    body: *const u8,
    body_len: usize,
    session_header: *const c_char,
    session_header_len: usize,
    out: *mut *mut MonacaResponse,
) -> MonacaStatus {
    let make = || {
        // SAFETY: the caller promises these lengths of readable bytes.
        let body = unsafe { input(body, body_len) }?;
        let header = if session_header.is_null() && session_header_len == 0 {
            None
        } else {
            // SAFETY: as above.
            let bytes = unsafe { input(session_header.cast(), session_header_len) }?;
            let text = std::str::from_utf8(bytes)
                .map_err(|_| MonacaStatus::MONACA_STATUS_INVALID_ARGUMENT)?;
            Some(text)
        };
        let response = CloudResponse::from_exchange(http_status, body, header);
        let session = response.session().map(with_nul);
        let range = response.result_range();
        let (error, result) = match response.into_result() {
            Ok(text) => {
                let place = match range {
                    Some(range) => ResultPlace::InBody(range),
                    None => ResultPlace::Decoded(text.into_owned()),
                };
                (None, Some(place))
            }
            Err(error) => (Some(MonacaError(error)), None),
        };
        Ok(into_handle(MonacaResponse {
            error,
            result,
            body: (body.as_ptr() as usize, body.len()),
            session,
            result_text: OnceLock::new(),
            login_token: OnceLock::new(),
            report: OnceLock::new(),
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

/// Reads a response with the body it was made from; the zero value for NULL, a NULL body with
/// a length, or a body that is not the one given to `monaca_response_from_exchange`.
///
/// # Safety
/// `resp` is NULL or a live response; `body` is NULL or points to `body_len` readable bytes.
unsafe fn read_with_body<T: ZeroValue>(
    resp: *const MonacaResponse,
    body: *const u8,
    body_len: usize,
    read_with: impl FnOnce(&MonacaResponse, &[u8]) -> T,
) -> T {
    // SAFETY: the caller promises `body_len` readable bytes at `body`.
    let Ok(body) = (unsafe { input(body, body_len) }) else {
        return T::zero();
    };
    // SAFETY: forwarded from the caller.
    unsafe { read(resp, |response| read_with(response, body)) }
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
/// result's JSON text lies in that body (`body + *offset`, `*len` bytes, not NUL-terminated)
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
    let range = unsafe {
        read(resp, |r| match &r.result {
            Some(ResultPlace::InBody(range)) => Some(range.clone()),
            _ => None,
        })
    };
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
/// NUL-terminated. Pass the same `body`/`body_len` given to `monaca_response_from_exchange`
/// (the body is not kept; another address or length gives empty). The text is copied into the
/// response on the first call (safely, from any thread) and kept: valid until
/// `monaca_response_free`. Empty for a failure and for NULL.
///
/// # Safety
/// `resp` is NULL or a live response; `body` is NULL or points to `body_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_result_json(
    resp: *const MonacaResponse,
    body: *const u8,
    body_len: usize,
) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe {
        read_with_body(resp, body, body_len, |r, body| {
            r.kept(&r.result_text, body, with_nul)
                .map_or(EMPTY, |text| lend_z(text))
        })
    }
}

/// The session id to keep and send back (as the request's `session`): the header value given,
/// when the SDK would have read it; empty otherwise and for NULL. Borrowed from the response:
/// valid until `monaca_response_free`.
///
/// # Safety
/// `resp` is NULL or a live response of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_session(resp: *const MonacaResponse) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { read(resp, |r| r.session.as_deref().map_or(EMPTY, lend_z)) }
}

/// The `loginToken` of an object result (decoded), which the SDK stores for auto-login; empty
/// when there is none, for a failure and for NULL. Body arguments as for
/// `monaca_response_result_json`. Kept in the response after the first call: valid until
/// `monaca_response_free`.
///
/// # Safety
/// `resp` is NULL or a live response; `body` is NULL or points to `body_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_login_token(
    resp: *const MonacaResponse,
    body: *const u8,
    body_len: usize,
) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe {
        read_with_body(resp, body, body_len, |r, body| {
            r.kept(&r.login_token, body, |text| {
                login_token_of(text).map(|t| with_nul(&t))
            })
            .and_then(Option::as_deref)
            .map_or(EMPTY, lend_z)
        })
    }
}

/// The response in one JSON text, for bridges: `{"session":<string|null>,
/// "loginToken":<string|null>,"result":<the result as sent>}` for a success, or
/// `{"session":..,"loginToken":null,"error":<monaca_error_report_json>}` for a failure. Body
/// arguments as for `monaca_response_result_json` (a success's report needs them). Built on
/// the first call and kept: valid until `monaca_response_free`. Empty for NULL.
///
/// # Safety
/// `resp` is NULL or a live response; `body` is NULL or points to `body_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn monaca_response_report_json(
    resp: *const MonacaResponse,
    body: *const u8,
    body_len: usize,
) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe {
        read_with_body(resp, body, body_len, |r, body| {
            if let Some(report) = r.report.get() {
                return lend_z(report);
            }
            let outcome: Result<&str, &CloudError> = match (&r.error, r.result(body)) {
                (Some(error), _) => Err(&error.0),
                (None, Some(text)) => Ok(text),
                (None, None) => return EMPTY,
            };
            let session = r.session.as_deref().map(|s| &s[..s.len() - 1]);
            lend_z(
                r.report
                    .get_or_init(|| with_nul(&write_report(session, outcome))),
            )
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
    // SAFETY: the caller promises `why` is NULL or writable.
    let mut why = unsafe { why.as_mut() };
    if let Some(why) = why.as_deref_mut() {
        why.clear();
    }
    let made = move || {
        make()
            .map(|text| into_handle(MonacaText(with_nul(&text))))
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
/// "id":<id>}`. `method` is a dotted name (`User.login`: ASCII letters, digits and `_` in
/// non-empty parts); `params_json` the JSON text of an object (NULL and 0 for `{}`), which may
/// not hold `__api_key`, `__device` or `__session`; `api_key` and `device_id` are UTF-8 texts;
/// `session` the session id kept from an earlier response, or NULL and 0 for none (then no
/// `__session`). Every text is escaped as JSON requires. All inputs are copied.
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
    id: i64,
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
        CloudRequest::new(method, params, &credentials, id)
            .map(|request| request.body().to_owned())
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
pub unsafe extern "C" fn monaca_backend_url(
    backend_id: *const c_char,
    backend_id_len: usize,
    out: *mut *mut MonacaText,
    why: *mut MonacaArgumentError,
) -> MonacaStatus {
    let make = || {
        // SAFETY: the caller promises `backend_id_len` readable bytes.
        let id = unsafe { text_argument("backend_id", backend_id, backend_id_len) }?;
        backend_url(id.unwrap_or("")).map_err(|invalid| {
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
