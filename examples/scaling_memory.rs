//! The peak memory of reading one body of a given size (benches/scaling.sh runs it once per
//! size, each in a fresh process): the body is made first, the process's peak resident size is
//! reset to its current size (Linux: /proc/self/clear_refs), the body is read through the C
//! entry point and through the Rust call layer, and the growth of the peak is printed as
//! `SIZE GROWN_BYTES`. Usage: `scaling_memory SIZE`.

use monaca_cloud_error::{ffi, CloudResponse};
use std::ptr;

#[allow(dead_code)] // the example uses only the generators
#[path = "../benches/inputs.rs"]
mod inputs;

/// A figure of /proc/self/status (`VmRSS`, `VmHWM`), in bytes.
fn status(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let line = status
        .lines()
        .find(|line| line.starts_with(field) && line[field.len()..].starts_with(':'))
        .expect("the field");
    let kib: usize = line[field.len() + 1..]
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number of kB");
    kib * 1024
}

fn main() {
    let size: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("usage: scaling_memory SIZE");
    let body = inputs::l1_sized(size);
    let before = status("VmRSS");
    std::fs::write("/proc/self/clear_refs", "5").expect("/proc/self/clear_refs");
    let mut handle = ptr::null_mut();
    // SAFETY: valid buffer and out pointer; the handle (none for a success) is freed.
    unsafe {
        ffi::monaca_error_from_response(200, body.as_ptr(), body.len(), &mut handle);
        assert!(handle.is_null(), "a success");
        ffi::monaca_error_free(handle);
    }
    let response = CloudResponse::from_exchange(Some("Collection.find"), 200, &body, Some("s-1"));
    assert!(response.result_json().is_some(), "a success");
    drop(response);
    println!("{size} {}", status("VmHWM").saturating_sub(before));
}
