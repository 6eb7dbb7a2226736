//! Runs one benchmark input through the C entry point many times, for profiling with
//! callgrind: `cargo build --release --example profile_input`, then
//! `valgrind --tool=callgrind target/release/examples/profile_input L1 20`.

use monaca_cloud_error::ffi;
use std::ptr;

#[allow(dead_code)] // the example uses only the generators
#[path = "../benches/inputs.rs"]
mod inputs;

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "S1".into());
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let body = match name.as_str() {
        "S1" => inputs::s1(),
        "S2" => inputs::s2(),
        "L1" => inputs::l1(),
        "L2" => inputs::l2(),
        _ => panic!("an input name: S1, S2, L1 or L2"),
    };
    let mut sum = 0usize;
    for _ in 0..rounds {
        let mut handle = ptr::null_mut();
        // SAFETY: valid buffer and out pointer; the handle is freed below.
        unsafe {
            ffi::monaca_error_from_response(200, body.as_ptr(), body.len(), &mut handle);
            for index in 0..ffi::monaca_error_param_count(handle) {
                for message in 0..ffi::monaca_error_param_message_count(handle, index) {
                    sum += ffi::monaca_error_param_message(handle, index, message).len;
                }
            }
            ffi::monaca_error_free(handle);
        }
    }
    println!("{name}: {rounds} rounds, checksum {sum}");
}
