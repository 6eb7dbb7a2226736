//! Large and deep inputs through the C ABI: read back intact, refused without a stack overflow.

use monaca_cloud_error::ffi::{self, MonacaError, MonacaStatus, MonacaStr};
use std::ptr;

fn parse(body: &[u8]) -> *mut MonacaError {
    let mut handle = ptr::null_mut();
    // SAFETY: valid buffer and out pointer.
    let status =
        unsafe { ffi::monaca_error_from_response(200, body.as_ptr(), body.len(), &mut handle) };
    assert_eq!(status, MonacaStatus::MONACA_STATUS_OK);
    handle
}

fn bytes<'a>(text: MonacaStr) -> &'a [u8] {
    // SAFETY: a MonacaStr is `len` readable bytes plus a NUL, valid while its handle lives.
    let with_nul = unsafe { std::slice::from_raw_parts(text.ptr.cast::<u8>(), text.len + 1) };
    assert_eq!(with_nul[text.len], 0);
    &with_nul[..text.len]
}

#[test]
fn a_64_mib_message_is_read_back_intact() {
    let unit = "Ωmega 🎉 \\\"x\\\" \\u00e9 ";
    let decoded_unit = "Ωmega 🎉 \"x\" é ";
    let repeats = (64 << 20) / unit.len();
    let body = format!(
        r#"{{"error":{{"code":10001,"message":"{}"}}}}"#,
        unit.repeat(repeats)
    );
    let handle = parse(body.as_bytes());
    // SAFETY: `handle` is live until freed below.
    unsafe {
        let message = bytes(ffi::monaca_error_message(handle));
        assert_eq!(message.len(), decoded_unit.len() * repeats);
        assert!(message
            .chunks(decoded_unit.len())
            .all(|chunk| chunk == decoded_unit.as_bytes()));
        let json = std::str::from_utf8(bytes(ffi::monaca_error_to_json(handle))).unwrap();
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["message"].as_str().unwrap().as_bytes(), message);
        ffi::monaca_error_free(handle);
    }
}

#[test]
fn a_million_nested_arrays_are_refused_without_a_stack_overflow() {
    let nested = "[".repeat(1_000_000);
    for body in [
        format!(r#"{{"result":{nested}"#),
        format!(r#"{{"error":{{"code":1,"message":"m","data":{nested}"#),
        format!(r#"{{"result":{nested}{}}}"#, "]".repeat(1_000_000)),
    ] {
        let handle = parse(body.as_bytes());
        // SAFETY: `handle` is live until freed.
        unsafe {
            assert_eq!(ffi::monaca_error_code(handle), -12);
            let detail = std::str::from_utf8(bytes(ffi::monaca_error_detail(handle))).unwrap();
            assert!(
                detail.contains(&format!("nested more than {} deep", ffi::MONACA_MAX_DEPTH)),
                "{detail}"
            );
            ffi::monaca_error_free(handle);
        }
    }
}

#[test]
fn a_million_parameters_are_read_back_through_the_c_abi() {
    let count = 1_000_000;
    let data: Vec<String> = (0..count)
        .map(|i| format!(r#""p{i}":["m{i}",{i}]"#))
        .collect();
    let data = format!("{{{}}}", data.join(","));
    let body = format!(r#"{{"error":{{"code":-32602,"message":"Invalid params","data":{data}}}}}"#);
    let handle = parse(body.as_bytes());
    // SAFETY: `handle` is live until freed.
    unsafe {
        assert_eq!(bytes(ffi::monaca_error_data_json(handle)), data.as_bytes());
        assert_eq!(ffi::monaca_error_param_count(handle), count);
        for i in [0, 1, count / 2, count - 1] {
            assert_eq!(
                bytes(ffi::monaca_error_param_name(handle, i)),
                format!("p{i}").as_bytes()
            );
            assert_eq!(ffi::monaca_error_param_message_count(handle, i), 2);
            assert_eq!(
                bytes(ffi::monaca_error_param_message(handle, i, 0)),
                format!("m{i}").as_bytes()
            );
            assert_eq!(
                bytes(ffi::monaca_error_param_message(handle, i, 1)),
                i.to_string().as_bytes()
            );
        }
        for i in 0..count {
            assert_eq!(ffi::monaca_error_param_message_count(handle, i), 2);
        }
        let name = format!("p{}", count - 1);
        let first = ffi::monaca_error_first_message_for(handle, name.as_ptr().cast(), name.len());
        assert_eq!(bytes(first), format!("m{}", count - 1).as_bytes());
        ffi::monaca_error_free(handle);
    }
}
