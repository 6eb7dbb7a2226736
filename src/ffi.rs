//! The C ABI: a thin layer over [`CloudError`]. Every function here is null-safe and catches
//! panics; none keeps global state but the count of live handles.
//!
//! Ownership and lifetime rules, repeated in the header:
//! - a `MonacaError *` made by `monaca_error_from_response`, `monaca_error_new` or
//!   `monaca_error_timeout` is owned by the caller and freed exactly once by `monaca_error_free`;
//! - every `MonacaStr` returned for a handle borrows from that handle and stays valid, unchanged,
//!   until the handle is freed; one not tied to a handle is static and valid forever;
//! - handles are immutable: any number of threads may read one at once, and it may be freed on
//!   any thread once no other thread uses it.

#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn)]

use crate::codes::{self, Kind};
use crate::error::{CloudError, InvalidArgument};
use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The version of this C ABI. It changes whenever a function, type or constant of the header
/// changes incompatibly; compare it with `monaca_abi_version()` at run time.
pub const MONACA_ABI_VERSION: u32 = 2;

/// The version of the report's schema (`monaca_error_report_json`).
pub const MONACA_REPORT_SCHEMA: u32 = 1;
const _: () = assert!(MONACA_REPORT_SCHEMA == crate::report::SCHEMA);

/// The deepest nesting of JSON objects and arrays accepted in a response body or in data.
pub const MONACA_MAX_DEPTH: u32 = 10_000;
const _: () = assert!(MONACA_MAX_DEPTH as usize == crate::scan::MAX_DEPTH);

// The documented codes, as C constants. cbindgen writes only constants whose value is a
// literal in this crate's FFI module (it cannot evaluate `codes::INVALID_PARAMS`), so this copy
// of src/codes.rs stays; it is written by tests/generated.rs from the catalogue, never by hand,
// and that test fails when it is stale.
// BEGIN GENERATED CATALOGUE (tests/generated.rs; do not edit)
/// -32700 PARSE_ERROR: The server could not parse the JSON it received.
pub const MONACA_CODE_PARSE_ERROR: i64 = -32700;
/// -32603 INTERNAL_ERROR: Internal JSON-RPC error.
pub const MONACA_CODE_INTERNAL_ERROR: i64 = -32603;
/// -32602 INVALID_PARAMS: Invalid method parameter(s).
pub const MONACA_CODE_INVALID_PARAMS: i64 = -32602;
/// -32601 METHOD_NOT_FOUND: The method does not exist or is not available.
pub const MONACA_CODE_METHOD_NOT_FOUND: i64 = -32601;
/// -32600 INVALID_REQUEST: The request is not a valid Request object.
pub const MONACA_CODE_INVALID_REQUEST: i64 = -32600;
/// -14 PERMISSION_DENIED: Permission denied.
pub const MONACA_CODE_PERMISSION_DENIED_NEGATIVE: i64 = -14;
/// -13 INVALID_STATUS_CODE: The server sent an invalid HTTP status code.
pub const MONACA_CODE_INVALID_STATUS_CODE: i64 = -13;
/// -12 INVALID_RESPONSE: The server sent an invalid response.
pub const MONACA_CODE_INVALID_RESPONSE: i64 = -12;
/// -11 CONNECTION_TIMED_OUT: The server connection timed out.
pub const MONACA_CODE_CONNECTION_TIMED_OUT: i64 = -11;
/// 4 API_KEY_INVALID: Cloud API key or Cloud ID invalid.
pub const MONACA_CODE_API_KEY_INVALID: i64 = 4;
/// 10 SESSION_ID_INVALID: Session ID format invalid.
pub const MONACA_CODE_SESSION_ID_INVALID: i64 = 10;
/// 11 USER_LOGIN_REQUIRED: User login is required.
pub const MONACA_CODE_USER_LOGIN_REQUIRED: i64 = 11;
/// 12 DEVICE_ID_REQUIRED: A device ID must be given.
pub const MONACA_CODE_DEVICE_ID_REQUIRED: i64 = 12;
/// 13 OPERATION_INVALID: Invalid operation.
pub const MONACA_CODE_OPERATION_INVALID: i64 = 13;
/// 14 PERMISSION_DENIED: Permission denied.
pub const MONACA_CODE_PERMISSION_DENIED: i64 = 14;
/// 9999 CALL_LIMIT_EXCEEDED: Monthly API call limit exceeded.
pub const MONACA_CODE_CALL_LIMIT_EXCEEDED: i64 = 9999;
/// The smallest user-defined code: 10000 and above are the app's own.
pub const MONACA_CODE_USER_DEFINED_MIN: i64 = 10000;
// END GENERATED CATALOGUE

/// An error handle: opaque, immutable once made, owned by whoever received it.
pub struct MonacaError(pub(crate) CloudError);

/// A borrowed UTF-8 text: `len` bytes at `ptr`, followed by a NUL byte at `ptr[len]`.
///
/// `ptr` is never NULL. The text may itself contain NUL bytes (a message may), so read `len`
/// bytes rather than stopping at the first NUL. The memory belongs to the handle the text came
/// from (or is static): never free it, and do not use it after that handle is freed.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct MonacaStr {
    pub ptr: *const c_char,
    pub len: usize,
}

/// The outcome of a call that makes a handle.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonacaStatus {
    /// The call did what it was asked.
    MONACA_STATUS_OK = 0,
    /// A required pointer was NULL (or NULL with a non-zero length).
    MONACA_STATUS_NULL_ARGUMENT = 1,
    /// An argument was unusable: text that is not UTF-8, data that is not JSON, a length over
    /// `PTRDIFF_MAX`.
    MONACA_STATUS_INVALID_ARGUMENT = 2,
    /// A bug inside the library was caught before it reached the caller; nothing was made.
    MONACA_STATUS_PANIC = 3,
}

impl MonacaStatus {
    /// Every status, by value.
    const ALL: [MonacaStatus; 4] = [
        MonacaStatus::MONACA_STATUS_OK,
        MonacaStatus::MONACA_STATUS_NULL_ARGUMENT,
        MonacaStatus::MONACA_STATUS_INVALID_ARGUMENT,
        MonacaStatus::MONACA_STATUS_PANIC,
    ];

    /// The status whose value is `raw`, if there is one.
    fn from_raw(raw: std::ffi::c_int) -> Option<MonacaStatus> {
        MonacaStatus::ALL
            .into_iter()
            .find(|status| *status as std::ffi::c_int == raw)
    }

    fn description_z(self) -> &'static str {
        match self {
            MonacaStatus::MONACA_STATUS_OK => "ok\0",
            MonacaStatus::MONACA_STATUS_NULL_ARGUMENT => "a required pointer argument was NULL\0",
            MonacaStatus::MONACA_STATUS_INVALID_ARGUMENT => {
                "an argument was invalid (not UTF-8, not JSON, or too long)\0"
            }
            MonacaStatus::MONACA_STATUS_PANIC => {
                "the library failed internally (a caught panic); nothing was made\0"
            }
        }
    }
}

/// The family of an error code.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonacaErrorKind {
    /// A code no other kind covers.
    MONACA_KIND_UNKNOWN = 0,
    /// -32700, -32603, -32602, -32601 or -32600.
    MONACA_KIND_JSON_RPC = 1,
    /// -32099 to -32000: an implementation-defined server error.
    MONACA_KIND_SERVER_DEFINED = 2,
    /// -13, -12 or -11: made by the client.
    MONACA_KIND_CLIENT = 3,
    /// 4, 10, 11, 12, 13, 14, -14 or 9999.
    MONACA_KIND_CLOUD_API = 4,
    /// 10000 and above.
    MONACA_KIND_USER_DEFINED = 5,
}

impl From<Kind> for MonacaErrorKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Unknown => MonacaErrorKind::MONACA_KIND_UNKNOWN,
            Kind::JsonRpc => MonacaErrorKind::MONACA_KIND_JSON_RPC,
            Kind::ServerDefined => MonacaErrorKind::MONACA_KIND_SERVER_DEFINED,
            Kind::Client => MonacaErrorKind::MONACA_KIND_CLIENT,
            Kind::CloudApi => MonacaErrorKind::MONACA_KIND_CLOUD_API,
            Kind::UserDefined => MonacaErrorKind::MONACA_KIND_USER_DEFINED,
        }
    }
}

static LIVE_HANDLES: AtomicUsize = AtomicUsize::new(0);

pub(crate) const EMPTY: MonacaStr = MonacaStr {
    ptr: c"".as_ptr(),
    len: 0,
};

impl MonacaStr {
    /// Lends a text that a NUL follows in memory: a text of a handle, or its JSON form.
    pub(crate) fn lend(text: &str) -> MonacaStr {
        MonacaStr {
            ptr: text.as_ptr().cast(),
            len: text.len(),
        }
    }

    /// A static text stored with its NUL (`"...\0"`).
    pub(crate) fn from_static_z(text_z: &'static str) -> MonacaStr {
        debug_assert!(text_z.ends_with('\0'));
        MonacaStr {
            ptr: text_z.as_ptr().cast(),
            len: text_z.len() - 1,
        }
    }
}

/// What an exported function returns when it cannot do its work: its zero value for a NULL
/// handle, and the value for a caught panic (rustls-ffi's `PanicOrDefault` and
/// `NullParameterOrDefault` in one trait: here they differ only for [`MonacaStatus`]). Every
/// return type of the C ABI implements it, so no function spells out its own fallbacks.
pub(crate) trait ZeroValue {
    /// The answer for a NULL handle (or unusable arguments).
    fn zero() -> Self;
    /// The answer when a panic was caught at the boundary.
    fn on_panic() -> Self
    where
        Self: Sized,
    {
        Self::zero()
    }
}

macro_rules! zero_value {
    ($($type:ty => $zero:expr),* $(,)?) => {
        $(impl ZeroValue for $type {
            fn zero() -> Self {
                $zero
            }
        })*
    };
}

zero_value! {
    () => (),
    bool => false,
    u32 => 0,
    i64 => 0,
    usize => 0,
    MonacaStr => EMPTY,
    MonacaErrorKind => MonacaErrorKind::MONACA_KIND_UNKNOWN,
    *mut MonacaError => std::ptr::null_mut(),
}

impl ZeroValue for MonacaStatus {
    fn zero() -> Self {
        MonacaStatus::MONACA_STATUS_NULL_ARGUMENT
    }
    fn on_panic() -> Self {
        MonacaStatus::MONACA_STATUS_PANIC
    }
}

/// Runs `body`, turning a panic into the type's panic value so that it never unwinds into C.
pub(crate) fn guard<T: ZeroValue>(body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(|| {
        #[cfg(feature = "panic-injection")]
        panic_injection::fire_if_armed();
        body()
    }))
    .unwrap_or_else(|_| T::on_panic())
}

/// Test-only (feature `panic-injection`, off by default): makes the next guarded C call on this
/// thread panic inside its guard, to show that the panic does not cross the C boundary.
#[cfg(feature = "panic-injection")]
pub mod panic_injection {
    use std::cell::Cell;

    thread_local! {
        static ARMED: Cell<bool> = const { Cell::new(false) };
    }

    /// The next exported function called on this thread panics inside its guard.
    pub fn arm() {
        ARMED.with(|armed| armed.set(true));
    }

    pub(super) fn fire_if_armed() {
        if ARMED.with(|armed| armed.replace(false)) {
            panic!("panic injected for the panic-boundary test");
        }
    }
}

/// Boxes a handle for the caller, who owns it; counted in `monaca_error_live_count`.
pub(crate) fn into_handle<H>(handle: H) -> *mut H {
    LIVE_HANDLES.fetch_add(1, Ordering::Relaxed);
    Box::into_raw(Box::new(handle))
}

/// Frees a handle made by [`into_handle`]; NULL is a no-op.
///
/// # Safety
/// `handle` is NULL or a live handle of this type, which no thread uses afterwards.
pub(crate) unsafe fn free_handle<H>(handle: *mut H) {
    if handle.is_null() {
        return;
    }
    guard(|| {
        // SAFETY: the caller promises `handle` is a live handle that nobody uses any more.
        drop(unsafe { Box::from_raw(handle) });
        LIVE_HANDLES.fetch_sub(1, Ordering::Relaxed);
    })
}

/// # Safety
/// `err` is NULL or a live handle from this library.
unsafe fn handle<'a>(err: *const MonacaError) -> Option<&'a CloudError> {
    // SAFETY: the caller promises `err` is NULL or a live handle.
    unsafe { err.as_ref() }.map(|handle| &handle.0)
}

/// Reads `len` bytes at `ptr`; NULL with length 0 is empty, NULL otherwise is refused.
///
/// # Safety
/// When `ptr` is not NULL, it points to `len` readable bytes.
pub(crate) unsafe fn input<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], MonacaStatus> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(MonacaStatus::MONACA_STATUS_NULL_ARGUMENT)
        };
    }
    if len > isize::MAX as usize {
        return Err(MonacaStatus::MONACA_STATUS_INVALID_ARGUMENT);
    }
    // SAFETY: the caller promises `len` readable bytes at a non-NULL `ptr`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The constructors' shared sequence: refuses a NULL `out`, sets `*out` to NULL, runs `make`
/// under the panic guard, and stores what it made (a handle from [`into_handle`], or NULL for
/// a success). `make` boxes the handle itself, so that the value is built straight into its
/// place rather than moved through the layers of `Result` and `Option`.
///
/// # Safety
/// `out` is NULL or points to writable storage for one pointer.
pub(crate) unsafe fn construct<H>(
    out: *mut *mut H,
    make: impl FnOnce() -> Result<*mut H, MonacaStatus>,
) -> MonacaStatus {
    if out.is_null() {
        return MonacaStatus::MONACA_STATUS_NULL_ARGUMENT;
    }
    // SAFETY: `out` is not NULL and the caller promises it is writable.
    unsafe { *out = std::ptr::null_mut() };
    guard(|| match make() {
        Ok(made) => {
            // SAFETY: as above.
            unsafe { *out = made };
            MonacaStatus::MONACA_STATUS_OK
        }
        Err(status) => status,
    })
}

/// Classifies an HTTP exchange with Monaca Backend.
///
/// `http_status` is the response's status, or 0 when no response arrived. `body` points to
/// `body_len` bytes of the response body (it may be NULL when `body_len` is 0); they are only
/// read during the call and may be freed afterwards.
///
/// The body is read as a browser reads it for Monaca's SDK: a byte order mark selects UTF-8 or
/// UTF-16 (LE or BE) and is dropped, invalid UTF-8 inside strings becomes U+FFFD, a code
/// written `1e3` or `11.0` is that integer, the last of duplicated members wins, and nesting
/// up to `MONACA_MAX_DEPTH` is accepted.
///
/// On `MONACA_STATUS_OK`, `*out` is NULL when the response is a success (a `result` and no
/// error), and otherwise a new handle that the caller owns and must free with
/// `monaca_error_free`. For any other status `*out` is set to NULL (when `out` is not NULL).
/// Returns `MONACA_STATUS_NULL_ARGUMENT` when `out` is NULL or `body` is NULL with a non-zero
/// length, `MONACA_STATUS_INVALID_ARGUMENT` when `body_len` exceeds `PTRDIFF_MAX`.
///
/// Thread-safe: may be called from any number of threads at once.
///
/// # Safety
/// `body` is NULL or points to `body_len` readable bytes; `out` is NULL or points to
/// writable storage for one pointer.
#[no_mangle]
pub unsafe extern "C" fn monaca_error_from_response(
    http_status: i32,
    body: *const u8,
    body_len: usize,
    out: *mut *mut MonacaError,
) -> MonacaStatus {
    // SAFETY: forwarded from the caller.
    unsafe {
        construct(out, || {
            // SAFETY: the caller promises `body_len` readable bytes at a non-NULL `body`.
            let body = input(body, body_len)?;
            Ok(
                CloudError::from_response(http_status, body)
                    .map_or(std::ptr::null_mut(), |error| {
                        into_handle(MonacaError(error))
                    }),
            )
        })
    }
}

/// Makes the -11 "Connection timeout" error, for a caller whose request timed out.
///
/// Returns a new handle that the caller owns and must free with `monaca_error_free`, or NULL
/// if the library failed internally (out of memory aborts the process, as in Rust).
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub extern "C" fn monaca_error_timeout() -> *mut MonacaError {
    guard(|| into_handle(MonacaError(CloudError::timeout())))
}

/// Makes the -12 "Invalid response" error of a body longer than `limit` bytes, for a client
/// that stopped reading it there; its detail is `the response body is larger than the limit of
/// <limit> bytes`.
///
/// Returns a new handle that the caller owns and must free with `monaca_error_free`, or NULL
/// if the library failed internally.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub extern "C" fn monaca_error_body_too_large(limit: u64) -> *mut MonacaError {
    guard(|| into_handle(MonacaError(CloudError::body_too_large(limit))))
}

/// Makes an error from a code, a message and optional data, e.g. to hand an app's own error to
/// JavaScript in the same shape.
///
/// `message` points to `message_len` bytes of UTF-8 (NUL bytes allowed; NULL when the length is
/// 0). `data_json` points to `data_json_len` bytes holding one JSON value, or is NULL for no data
/// (NULL with a non-zero length is refused); whitespace around the value is dropped. Both are
/// copied: the caller keeps ownership.
///
/// On `MONACA_STATUS_OK`, `*out` is a new handle that the caller owns and must free with
/// `monaca_error_free`; otherwise `*out` is NULL. `MONACA_STATUS_INVALID_ARGUMENT`: the message
/// is not UTF-8, or `data_json` is not UTF-8 or not exactly one JSON value (nested at most
/// `MONACA_MAX_DEPTH` deep).
///
/// # Safety
/// `message` and `data_json` are each NULL or point to their length in readable bytes;
/// `out` is NULL or points to writable storage for one pointer.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_new(
    code: i64,
    message: *const c_char,
    message_len: usize,
    data_json: *const c_char,
    data_json_len: usize,
    out: *mut *mut MonacaError,
) -> MonacaStatus {
    // SAFETY: forwarded from the caller.
    unsafe {
        monaca_error_new_explained(
            code,
            message,
            message_len,
            data_json,
            data_json_len,
            out,
            std::ptr::null_mut(),
        )
    }
}

/// Why `monaca_error_new_explained` refused its arguments. The caller owns the struct (on its
/// stack, say); the library only writes it. `argument` is a static text; `reason` and
/// `explanation` are NUL-terminated copies in the struct, truncated to fit at a character
/// boundary (the library's texts fit).
#[repr(C)]
pub struct MonacaArgumentError {
    /// The argument at fault: `"message"` or `"data_json"`; empty when nothing was refused.
    pub argument: MonacaStr,
    /// The reason alone: `"invalid UTF-8"`, `"NULL with a non-zero length"`, `"longer than
    /// PTRDIFF_MAX"`, or the JSON reason (`"expected a JSON value"`, ...); empty when nothing
    /// was refused.
    pub reason: [c_char; MONACA_REASON_SIZE],
    /// The byte offset of the fault in that argument (0 when it has no place).
    pub offset: usize,
    /// The 1-based line and column (in characters) of a JSON fault in `data_json`; 0 otherwise.
    pub line: usize,
    pub column: usize,
    /// The whole explanation, the same text every face shows (e.g. `data is not valid JSON:
    /// expected a JSON value at line 1, column 3 (byte offset 2)`).
    pub explanation: [c_char; MONACA_EXPLANATION_SIZE],
}

/// The size of `MonacaArgumentError::reason` (its NUL included).
pub const MONACA_REASON_SIZE: usize = 128;
/// The size of `MonacaArgumentError::explanation` (its NUL included).
pub const MONACA_EXPLANATION_SIZE: usize = 256;

/// Copies `text` into `buffer` as a NUL-terminated C string, cut at a character boundary when
/// it does not fit.
fn copy_z(buffer: &mut [c_char], text: &str) {
    let mut end = text.len().min(buffer.len() - 1);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    for (slot, &byte) in buffer.iter_mut().zip(&text.as_bytes()[..end]) {
        *slot = byte as c_char;
    }
    buffer[end] = 0;
}

impl MonacaArgumentError {
    /// Fills the explanation of a refused `argument` (the core's name of it).
    #[cfg_attr(monaca_ship, optimize(size))]
    pub(crate) fn fill(
        &mut self,
        argument: &'static str,
        problem: Result<&InvalidArgument, &'static str>,
    ) {
        // The C parameter's name, NUL-terminated.
        let static_z = |text: &'static str| -> &'static str {
            match text {
                "message" => "message\0",
                "data" => "data_json\0",
                "method" => "method\0",
                "params" => "params_json\0",
                "api_key" => "api_key\0",
                "device_id" => "device_id\0",
                "session" => "session\0",
                "backend_id" => "backend_id\0",
                "url" => "url\0",
                _ => "\0",
            }
        };
        self.argument = MonacaStr::from_static_z(static_z(argument));
        let (reason, explanation) = match problem {
            Ok(invalid) => {
                let (line, column) = invalid.position().map_or((0, 0), |p| (p.line, p.column));
                self.offset = invalid.offset();
                self.line = line;
                self.column = column;
                (invalid.reason(), invalid.to_string())
            }
            Err(reason) => {
                let name = codes::strip_nul(static_z(argument));
                (reason, format!("{name} is {reason}"))
            }
        };
        copy_z(&mut self.reason, reason);
        copy_z(&mut self.explanation, &explanation);
    }

    pub(crate) fn clear(&mut self) {
        self.argument = EMPTY;
        self.reason[0] = 0;
        self.offset = 0;
        self.line = 0;
        self.column = 0;
        self.explanation[0] = 0;
    }
}

/// `monaca_error_new`, and on refusal an explanation: when `why` is not NULL it is cleared and,
/// for `MONACA_STATUS_NULL_ARGUMENT` or `MONACA_STATUS_INVALID_ARGUMENT` caused by `message` or
/// `data_json`, filled with the argument, the reason and where (see `MonacaArgumentError`).
/// Nothing is kept anywhere else: no global "last error".
///
/// # Safety
/// As for `monaca_error_new`; `why` is NULL or points to a writable `MonacaArgumentError`.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_new_explained(
    code: i64,
    message: *const c_char,
    message_len: usize,
    data_json: *const c_char,
    data_json_len: usize,
    out: *mut *mut MonacaError,
    why: *mut MonacaArgumentError,
) -> MonacaStatus {
    // SAFETY: the caller promises `why` is NULL or writable.
    let mut why = unsafe { why.as_mut() };
    if let Some(why) = why.as_deref_mut() {
        why.clear();
    }
    let make = || {
        let mut refuse = |argument, problem: Result<&InvalidArgument, &'static str>, status| {
            if let Some(why) = why.as_deref_mut() {
                why.fill(argument, problem);
            }
            status
        };
        let bytes = |argument, ptr: *const c_char, len| {
            // SAFETY: the caller promises `len` readable bytes at a non-NULL `ptr`.
            unsafe { input(ptr.cast(), len) }.map_err(|status| (argument, status))
        };
        let message = bytes("message", message, message_len);
        let data = (!data_json.is_null() || data_json_len > 0)
            .then(|| bytes("data", data_json, data_json_len))
            .transpose();
        let (message, data) = match (message, data) {
            (Ok(message), Ok(data)) => (message, data),
            (Err((argument, status)), _) | (_, Err((argument, status))) => {
                let reason = if status == MonacaStatus::MONACA_STATUS_NULL_ARGUMENT {
                    "NULL with a non-zero length"
                } else {
                    "longer than PTRDIFF_MAX"
                };
                return Err(refuse(argument, Err(reason), status));
            }
        };
        let invalid = MonacaStatus::MONACA_STATUS_INVALID_ARGUMENT;
        CloudError::from_bytes(code, message, data)
            .map(|error| into_handle(MonacaError(error)))
            .map_err(|problem| refuse(problem.argument(), Ok(&problem), invalid))
    };
    // SAFETY: forwarded from the caller.
    unsafe { construct(out, make) }
}

/// Frees a handle and every text borrowed from it. NULL is a no-op. Freeing a handle twice, or
/// while another thread still reads it, is undefined behaviour.
///
/// # Safety
/// `err` is NULL or a live handle of this library, which no thread uses afterwards.
#[no_mangle]
pub unsafe extern "C" fn monaca_error_free(err: *mut MonacaError) {
    // SAFETY: forwarded from the caller.
    unsafe { free_handle(err) }
}

/// Reads a handle with `read`, or gives the zero value for NULL (and for a caught panic).
///
/// # Safety
/// `err` is NULL or a live handle.
unsafe fn read<T: ZeroValue>(err: *const MonacaError, read: impl FnOnce(&CloudError) -> T) -> T {
    guard(|| {
        // SAFETY: the caller promises `err` is NULL or a live handle.
        match unsafe { handle(err) } {
            Some(error) => read(error),
            None => T::zero(),
        }
    })
}

/// The error code; 0 for NULL.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_error_code(err: *const MonacaError) -> i64 {
    // SAFETY: forwarded from the caller.
    unsafe { read(err, CloudError::code) }
}

/// The kind of the error's code; `MONACA_KIND_UNKNOWN` for NULL.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_error_kind(err: *const MonacaError) -> MonacaErrorKind {
    // SAFETY: forwarded from the caller.
    unsafe { read(err, |e| e.kind().into()) }
}

/// The message, as sent (decoded from JSON) or as made; it may contain NUL bytes.
/// Borrowed from the handle: valid until `monaca_error_free`. Empty for NULL.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_error_message(err: *const MonacaError) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { read(err, |e| MonacaStr::lend(e.message())) }
}

/// The symbolic name of the code (`"INVALID_PARAMS"`, ...); empty for user-defined and unknown
/// codes and for NULL. Static.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_name(err: *const MonacaError) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe {
        read(err, |e| {
            MonacaStr::from_static_z(codes::name_of_z(e.code()))
        })
    }
}

/// Why the client made this error, e.g. `the response body is not valid JSON: ... at line 1,
/// column 7`. Only -12 and -13 errors made by `monaca_error_from_response` have one; empty
/// otherwise. Borrowed from the handle: valid until `monaca_error_free`.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_detail(err: *const MonacaError) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { read(err, |e| e.detail().map_or(EMPTY, MonacaStr::lend)) }
}

/// Whether the error has `data` (the server sent one, or it was given). False for NULL.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_has_data(err: *const MonacaError) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { read(err, |e| e.data_json().is_some()) }
}

/// The JSON text of `data` exactly as sent (byte for byte when the body was UTF-8; the
/// decoded text, so still UTF-8, when the body was UTF-16 or held invalid UTF-8 in strings);
/// empty when there is none (see `monaca_error_has_data`) and for NULL. Borrowed from the handle: valid until
/// `monaca_error_free`.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_data_json(err: *const MonacaError) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { read(err, |e| e.data_json().map_or(EMPTY, MonacaStr::lend)) }
}

/// The JSON form `{"code":<int>,"message":<string>,"data":<data as sent, or {}>}`, for
/// JavaScript's `JSON.parse`. Built on the first call (safely, from any thread) and kept in the
/// handle: valid until `monaca_error_free`. Empty for NULL.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_to_json(err: *const MonacaError) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { read(err, |e| MonacaStr::lend(e.to_json())) }
}

/// The number of parameters with validation messages: non-zero only for an Invalid params
/// (-32602) error whose data is an object. 0 for NULL.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_error_param_count(err: *const MonacaError) -> usize {
    // SAFETY: forwarded from the caller.
    unsafe { read(err, CloudError::param_count) }
}

/// The name of parameter `index` (nested parameters have dotted names, `properties.age`); empty
/// for an index out of range or NULL. Borrowed from the handle: valid until `monaca_error_free`.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_error_param_name(
    err: *const MonacaError,
    index: usize,
) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe {
        read(err, |e| {
            e.param(index)
                .map_or(EMPTY, |param| MonacaStr::lend(param.name))
        })
    }
}

/// The number of messages of parameter `index`; 0 for an index out of range or NULL.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_error_param_message_count(
    err: *const MonacaError,
    index: usize,
) -> usize {
    // SAFETY: forwarded from the caller.
    unsafe {
        read(err, |e| {
            e.param(index).map_or(0, |param| param.message_count())
        })
    }
}

/// Message `message_index` of parameter `index`; empty for an index out of range or NULL.
/// Borrowed from the handle: valid until `monaca_error_free`.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
pub unsafe extern "C" fn monaca_error_param_message(
    err: *const MonacaError,
    index: usize,
    message_index: usize,
) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe {
        read(err, |e| {
            e.param(index)
                .and_then(|param| param.message(message_index))
                .map_or(EMPTY, MonacaStr::lend)
        })
    }
}

/// The first message for the parameter named by the `param_len` bytes at `param` (compared
/// byte for byte; a dotted name for a nested parameter). Empty when there is none, and for a
/// NULL handle or a NULL `param` with a non-zero length. Borrowed from the handle: valid until
/// `monaca_error_free`.
///
/// # Safety
/// `err` is NULL or a live handle of this library; `param` is NULL or points to
/// `param_len` readable bytes.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_first_message_for(
    err: *const MonacaError,
    param: *const c_char,
    param_len: usize,
) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { by_name(err, param, param_len, 0) }.message
}

/// The number of messages for the parameter named by the `param_len` bytes at `param`, over
/// every entry of that name (a server may repeat a name). 0 for none, for a NULL handle and
/// for a NULL `param` with a non-zero length.
///
/// # Safety
/// `err` is NULL or a live handle of this library; `param` is NULL or points to
/// `param_len` readable bytes.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_message_count_for(
    err: *const MonacaError,
    param: *const c_char,
    param_len: usize,
) -> usize {
    // SAFETY: forwarded from the caller.
    unsafe { by_name(err, param, param_len, 0) }.count
}

/// Message `index` of the parameter named by the `param_len` bytes at `param`, counting over
/// every entry of that name in server order (`monaca_error_message_count_for` gives the count);
/// empty when out of range, for a NULL handle and for a NULL `param` with a non-zero length.
/// Borrowed from the handle: valid until `monaca_error_free`.
///
/// # Safety
/// `err` is NULL or a live handle of this library; `param` is NULL or points to
/// `param_len` readable bytes.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_message_for(
    err: *const MonacaError,
    param: *const c_char,
    param_len: usize,
    index: usize,
) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { by_name(err, param, param_len, index) }.message
}

/// What the three functions above read of the parameter named by the `param_len` bytes at
/// `param`: how many messages it has over every entry of that name, and message `index` of
/// them (empty when out of range). Zero and empty for NULL, a NULL `param` with a length, or a
/// name that is not UTF-8 (no parameter has such a name). One walk, one copy for all three.
struct ByName {
    count: usize,
    message: MonacaStr,
}

zero_value! { ByName => ByName { count: 0, message: EMPTY } }

/// # Safety
/// `err` is NULL or a live handle; `param` is NULL or points to `param_len` readable bytes.
#[inline(never)]
unsafe fn by_name(
    err: *const MonacaError,
    param: *const c_char,
    param_len: usize,
    index: usize,
) -> ByName {
    // SAFETY: the caller promises `param_len` readable bytes at `param`.
    let Ok(name) = (unsafe { input(param.cast(), param_len) }) else {
        return ByName::zero();
    };
    // SAFETY: forwarded from the caller.
    unsafe {
        read(err, |e| {
            let Ok(name) = std::str::from_utf8(name) else {
                return ByName::zero();
            };
            let mut found = ByName::zero();
            for message in e.messages_for(name) {
                if found.count == index {
                    found.message = MonacaStr::lend(message);
                }
                found.count += 1;
            }
            found
        })
    }
}

/// The one-line description every face shows, e.g. `Monaca error -32602 (INVALID_PARAMS):
/// Invalid params`, with the detail in parentheses after it when there is one. Built on the
/// first call (safely, from any thread) and kept in the handle: valid until
/// `monaca_error_free`. Empty for NULL.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_description(err: *const MonacaError) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { read(err, |e| MonacaStr::lend(e.description())) }
}

/// Every field of the error in one JSON text, schema `MONACA_REPORT_SCHEMA` (see README,
/// "The report"): `{"code":..,"kind":"JSON_RPC",..,"name":..|null,"description":..,
/// "message":..,"detail":..|null,"data":"<data's JSON text>"|null,"params":[{"name":..,
/// "messages":[..]},..],"json":"<the JSON form>"}`. For bridges that copy a handle into their
/// own objects in one crossing. Built on the first call (safely, from any thread) and kept in
/// the handle: valid until `monaca_error_free`. Empty for NULL.
///
/// # Safety
/// `err` is NULL or a live handle of this library.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub unsafe extern "C" fn monaca_error_report_json(err: *const MonacaError) -> MonacaStr {
    // SAFETY: forwarded from the caller.
    unsafe { read(err, |e| MonacaStr::lend(e.report_json())) }
}

/// The kind of any code.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub extern "C" fn monaca_code_kind(code: i64) -> MonacaErrorKind {
    guard(|| codes::kind_of(code).into())
}

/// The symbolic name of a documented code; empty for others. Static.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub extern "C" fn monaca_code_name(code: i64) -> MonacaStr {
    guard(|| MonacaStr::from_static_z(codes::name_of_z(code)))
}

/// An English description of a code (of its kind, for undocumented codes). Static.
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub extern "C" fn monaca_code_description(code: i64) -> MonacaStr {
    guard(|| MonacaStr::from_static_z(codes::description_of_z(code)))
}

/// An English description of a status; "unknown status" for a value not in `MonacaStatus`.
/// Static. (Declared in the header with a `MonacaStatus` parameter; it takes the underlying
/// `int` so that any value a C caller passes is safe.)
/// cbindgen:ignore
#[no_mangle]
#[cfg_attr(monaca_ship, optimize(size))]
pub extern "C" fn monaca_status_description(status: std::ffi::c_int) -> MonacaStr {
    guard(|| {
        MonacaStr::from_static_z(
            MonacaStatus::from_raw(status).map_or("unknown status\0", MonacaStatus::description_z),
        )
    })
}

/// The library's version (the crate version, e.g. "0.1.0"). Static.
#[no_mangle]
pub extern "C" fn monaca_version() -> MonacaStr {
    guard(|| MonacaStr::from_static_z(concat!(env!("CARGO_PKG_VERSION"), "\0")))
}

/// The ABI version of the library that is linked; compare with `MONACA_ABI_VERSION`.
/// (0 only if the library failed internally, a caught panic.)
#[no_mangle]
pub extern "C" fn monaca_abi_version() -> u32 {
    guard(|| MONACA_ABI_VERSION)
}

/// The number of handles made and not yet freed, across all threads: a leak check for tests.
#[no_mangle]
pub extern "C" fn monaca_error_live_count() -> usize {
    guard(|| LIVE_HANDLES.load(Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_texts_are_nul_terminated() {
        let texts = [
            monaca_code_name(-32602),
            monaca_code_name(0),
            monaca_code_description(-32602),
            monaca_code_description(12345),
            monaca_status_description(2),
            monaca_status_description(-7),
            monaca_version(),
        ];
        for text in texts {
            assert!(!text.ptr.is_null());
            // SAFETY: static texts of `len` bytes followed by a NUL.
            let bytes = unsafe { std::slice::from_raw_parts(text.ptr.cast::<u8>(), text.len + 1) };
            assert_eq!(bytes[text.len], 0);
            assert!(!bytes[..text.len].contains(&0));
        }
        assert_eq!(monaca_code_name(0).len, 0);
    }
}
