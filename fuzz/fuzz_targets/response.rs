//! Arbitrary bytes and an HTTP status through `monaca_error_from_response` and every accessor.
//!
//! Input layout: the first byte chooses the status (most values give 200, some pick from a
//! table of interesting statuses, the top ones read a raw little-endian i32 from the next four
//! bytes); the rest is the body. The checks are in `monaca_fuzz` (fuzz/src/lib.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;
use monaca_cloud_error::ffi::{self, MonacaError, MonacaStatus};
use monaca_fuzz::{
    abort_on_panic, check_null_handle, check_response, free, from_response, oracle_can_judge,
};
use std::ptr;

const STATUSES: [i32; 16] = [
    200,
    201,
    204,
    299,
    304,
    0,
    199,
    300,
    303,
    305,
    404,
    500,
    -1,
    i32::MIN,
    i32::MAX,
    100,
];

fn split(data: &[u8]) -> (i32, &[u8]) {
    match data.split_first() {
        None => (200, data),
        Some((&b, rest)) if b < 0xA0 => (200, rest),
        Some((&b, rest)) if b < 0xF0 => (STATUSES[usize::from(b) % STATUSES.len()], rest),
        Some((_, rest)) if rest.len() >= 4 => {
            let (raw, body) = rest.split_at(4);
            (i32::from_le_bytes(raw.try_into().expect("4 bytes")), body)
        }
        Some((_, rest)) => (200, rest),
    }
}

fuzz_target!(|data: &[u8]| {
    abort_on_panic();
    // libFuzzer runs one input at a time on one thread (the default, -workers/-jobs aside), so
    // the global live count moves only through this iteration.
    let live_before = ffi::monaca_error_live_count();
    let (status, body) = split(data);
    if !oracle_can_judge(body) {
        return;
    }

    let err = from_response(status, body, data.len().is_multiple_of(2));
    // SAFETY: `err` is NULL or the handle just made; it is freed here and never used again.
    unsafe {
        check_response(status, body, err);
        free(err);
    }

    // Refused calls make nothing and set *out to NULL.
    let mut out = ptr::dangling_mut::<MonacaError>(); // not NULL: the call must reset it
                                                      // SAFETY: a NULL body with a non-zero length must be refused without being read.
    let refused = unsafe { ffi::monaca_error_from_response(status, ptr::null(), 1, &mut out) };
    assert_eq!(refused, MonacaStatus::MONACA_STATUS_NULL_ARGUMENT);
    assert!(out.is_null(), "*out not reset on NULL_ARGUMENT");
    // SAFETY: a NULL out must be refused.
    let refused = unsafe {
        ffi::monaca_error_from_response(status, body.as_ptr(), body.len(), ptr::null_mut())
    };
    assert_eq!(refused, MonacaStatus::MONACA_STATUS_NULL_ARGUMENT);
    check_null_handle();

    assert_eq!(
        ffi::monaca_error_live_count(),
        live_before,
        "a handle leaked"
    );
});
