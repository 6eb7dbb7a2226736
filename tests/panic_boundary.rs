//! With the test-only `panic-injection` feature, every exported C function is made to panic
//! inside its guard: each must return its documented zero value (or MONACA_STATUS_PANIC), and
//! the process must go on. Run with `cargo test --features panic-injection --test panic_boundary`.
#![cfg(feature = "panic-injection")]

use monaca_cloud_error::ffi::{self, panic_injection, MonacaErrorKind, MonacaStatus, MonacaStr};
use std::ptr;

fn is_empty(text: MonacaStr) -> bool {
    // SAFETY: a MonacaStr has a readable NUL at ptr[len].
    !text.ptr.is_null() && text.len == 0 && unsafe { *text.ptr } == 0
}

/// Arms the injection, then makes the call.
macro_rules! panicking {
    ($call:expr) => {{
        panic_injection::arm();
        #[allow(unused_unsafe)]
        // SAFETY: every call below passes NULL or live handles and valid buffers.
        unsafe {
            $call
        }
    }};
}

#[test]
fn every_export_returns_its_zero_value_when_it_panics() {
    let body = br#"{"error":{"code":-32602,"message":"Invalid params","data":{"a":"b"}}}"#;
    let mut handle = ptr::null_mut();
    // SAFETY: valid buffers and out pointer.
    let status =
        unsafe { ffi::monaca_error_from_response(200, body.as_ptr(), body.len(), &mut handle) };
    assert_eq!(status, MonacaStatus::MONACA_STATUS_OK);
    assert!(!handle.is_null());
    let live = ffi::monaca_error_live_count();

    let mut out = 1 as *mut ffi::MonacaError; // a stale value the call must clear
    assert_eq!(
        panicking!(ffi::monaca_error_from_response(
            200,
            body.as_ptr(),
            body.len(),
            &mut out
        )),
        MonacaStatus::MONACA_STATUS_PANIC
    );
    assert!(out.is_null());
    out = 1 as *mut ffi::MonacaError;
    assert_eq!(
        panicking!(ffi::monaca_error_new(
            1,
            b"m".as_ptr().cast(),
            1,
            ptr::null(),
            0,
            &mut out
        )),
        MonacaStatus::MONACA_STATUS_PANIC
    );
    assert!(out.is_null());
    out = 1 as *mut ffi::MonacaError;
    // SAFETY: an all-zero MonacaArgumentError is a valid value (NULL pointers, zero lengths).
    let mut why: ffi::MonacaArgumentError = unsafe { std::mem::zeroed() };
    assert_eq!(
        panicking!(ffi::monaca_error_new_explained(
            1,
            b"m".as_ptr().cast(),
            1,
            b"{".as_ptr().cast(),
            1,
            &mut out,
            &mut why
        )),
        MonacaStatus::MONACA_STATUS_PANIC
    );
    assert!(out.is_null());
    assert_eq!(
        why.explanation[0], 0,
        "nothing explained: the panic came first"
    );
    assert!(panicking!(ffi::monaca_error_timeout()).is_null());
    assert!(panicking!(ffi::monaca_error_body_too_large(1)).is_null());

    // A whole call: responses and texts.
    use monaca_cloud_error::ffi_call;
    let mut response = 1 as *mut ffi_call::MonacaResponse;
    let ok = br#"{"result":{"loginToken":"t"}}"#;
    assert_eq!(
        panicking!(ffi_call::monaca_response_from_exchange(
            b"User.login".as_ptr().cast(),
            10,
            200,
            ok.as_ptr(),
            ok.len(),
            b"s".as_ptr().cast(),
            1,
            &mut response
        )),
        MonacaStatus::MONACA_STATUS_PANIC
    );
    assert!(response.is_null());
    // SAFETY: valid buffers and out pointer; freed below.
    unsafe {
        ffi_call::monaca_response_from_exchange(
            b"User.login".as_ptr().cast(),
            10,
            200,
            ok.as_ptr(),
            ok.len(),
            b"s".as_ptr().cast(),
            1,
            &mut response,
        )
    };
    assert!(!panicking!(ffi_call::monaca_response_is_success(response)));
    assert!(panicking!(ffi_call::monaca_response_error(response)).is_null());
    let (mut offset, mut len) = (7usize, 7usize);
    assert!(!panicking!(ffi_call::monaca_response_result_range(
        response,
        &mut offset,
        &mut len
    )));
    assert!(is_empty(panicking!(ffi_call::monaca_response_result_json(
        response
    ))));
    assert!(is_empty(panicking!(ffi_call::monaca_response_session(
        response
    ))));
    assert!(!panicking!(ffi_call::monaca_response_ends_session(
        response
    )));
    assert!(is_empty(panicking!(ffi_call::monaca_response_login_token(
        response
    ))));
    assert!(is_empty(panicking!(ffi_call::monaca_response_report_json(
        response
    ))));
    // SAFETY: the response is live and unused afterwards.
    unsafe {
        assert!(ffi_call::monaca_response_is_success(response));
        assert_eq!(
            std::slice::from_raw_parts(
                ffi_call::monaca_response_session(response).ptr.cast::<u8>(),
                1
            ),
            b"s"
        );
    }
    panicking!(ffi_call::monaca_response_free(response));
    // SAFETY: the panic leaked the response (never unwinds into C); free it for the count.
    unsafe { ffi_call::monaca_response_free(response) };
    let mut text = 1 as *mut ffi_call::MonacaText;
    assert_eq!(
        panicking!(ffi_call::monaca_request_new(
            b"m".as_ptr().cast(),
            1,
            ptr::null(),
            0,
            b"k".as_ptr().cast(),
            1,
            b"d".as_ptr().cast(),
            1,
            ptr::null(),
            0,
            &mut text,
            ptr::null_mut()
        )),
        MonacaStatus::MONACA_STATUS_PANIC
    );
    assert!(text.is_null());
    text = 1 as *mut ffi_call::MonacaText;
    assert_eq!(
        panicking!(ffi_call::monaca_backend_url(
            b"b".as_ptr().cast(),
            1,
            &mut text,
            ptr::null_mut()
        )),
        MonacaStatus::MONACA_STATUS_PANIC
    );
    assert!(text.is_null());
    // SAFETY: valid arguments; the text is freed below.
    unsafe { ffi_call::monaca_backend_url(b"b".as_ptr().cast(), 1, &mut text, ptr::null_mut()) };
    assert!(is_empty(panicking!(ffi_call::monaca_text_str(text))));
    // SAFETY: the text is live and unused afterwards.
    unsafe { ffi_call::monaca_text_free(text) };
    assert!(is_empty(panicking!(ffi_call::monaca_backend_url_prefix())));
    assert_eq!(
        panicking!(ffi_call::monaca_endpoint_url_check(
            b"https://a".as_ptr().cast(),
            9,
            ptr::null_mut()
        )),
        MonacaStatus::MONACA_STATUS_PANIC
    );
    let mut extra = ptr::null_mut();
    // SAFETY: valid arguments; a panic in free leaks the text rather than unwinding.
    unsafe { ffi_call::monaca_backend_url(b"b".as_ptr().cast(), 1, &mut extra, ptr::null_mut()) };
    panicking!(ffi_call::monaca_text_free(extra));
    // SAFETY: the panicking free left it live; free it for the count.
    unsafe { ffi_call::monaca_text_free(extra) };
    assert_eq!(panicking!(ffi::monaca_error_code(handle)), 0);
    assert_eq!(
        panicking!(ffi::monaca_error_kind(handle)),
        MonacaErrorKind::MONACA_KIND_UNKNOWN
    );
    assert!(is_empty(panicking!(ffi::monaca_error_message(handle))));
    assert!(is_empty(panicking!(ffi::monaca_error_name(handle))));
    assert!(is_empty(panicking!(ffi::monaca_error_detail(handle))));
    assert!(!panicking!(ffi::monaca_error_has_data(handle)));
    assert!(is_empty(panicking!(ffi::monaca_error_data_json(handle))));
    assert!(is_empty(panicking!(ffi::monaca_error_to_json(handle))));
    assert_eq!(panicking!(ffi::monaca_error_param_count(handle)), 0);
    assert!(is_empty(panicking!(ffi::monaca_error_param_name(
        handle, 0
    ))));
    assert_eq!(
        panicking!(ffi::monaca_error_param_message_count(handle, 0)),
        0
    );
    assert!(is_empty(panicking!(ffi::monaca_error_param_message(
        handle, 0, 0
    ))));
    assert!(is_empty(panicking!(ffi::monaca_error_first_message_for(
        handle,
        b"a".as_ptr().cast(),
        1
    ))));
    assert_eq!(
        panicking!(ffi::monaca_error_message_count_for(
            handle,
            b"a".as_ptr().cast(),
            1
        )),
        0
    );
    assert!(is_empty(panicking!(ffi::monaca_error_message_for(
        handle,
        b"a".as_ptr().cast(),
        1,
        0
    ))));
    assert!(is_empty(panicking!(ffi::monaca_error_description(handle))));
    assert!(is_empty(panicking!(ffi::monaca_error_report_json(handle))));
    assert_eq!(
        panicking!(ffi::monaca_code_kind(-32602)),
        MonacaErrorKind::MONACA_KIND_UNKNOWN
    );
    assert!(is_empty(panicking!(ffi::monaca_code_name(-32602))));
    assert!(is_empty(panicking!(ffi::monaca_code_description(-32602))));
    assert!(is_empty(panicking!(ffi::monaca_status_description(0))));
    assert!(is_empty(panicking!(ffi::monaca_version())));
    assert_eq!(panicking!(ffi::monaca_abi_version()), 0);
    assert_eq!(panicking!(ffi::monaca_error_live_count()), 0);
    // A panic while freeing leaks the handle rather than crossing the boundary.
    panicking!(ffi::monaca_error_free(handle));
    assert_eq!(ffi::monaca_error_live_count(), live);

    // The process goes on, and the same handle still reads correctly.
    // SAFETY: `handle` is live (the panicking free did not free it).
    unsafe {
        assert_eq!(ffi::monaca_error_code(handle), -32602);
        assert_eq!(ffi::monaca_error_param_count(handle), 1);
        ffi::monaca_error_free(handle);
    }
    assert_eq!(ffi::monaca_error_live_count(), live - 1);
    assert_eq!(ffi::monaca_abi_version(), ffi::MONACA_ABI_VERSION);
}
