//! How reading a body scales with its size: L1's kind of success body (`inputs::l1_sized`) from
//! 100 B to 64 MiB through the C entry point (`monaca_error_from_response`: decide it is a
//! success, build nothing) and the Rust call layer (`CloudResponse::from_exchange`: the result
//! as a slice of the body, the session, the login token). Run with `bash benches/scaling.sh`,
//! which adds the peak memory of each size (examples/scaling_memory.rs) and prints the table
//! with a verdict per line.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use monaca_cloud_error::{ffi, CloudResponse};
use std::hint::black_box;
use std::ptr;
use std::time::Duration;

#[allow(dead_code)] // the bench uses only the generators
#[path = "inputs.rs"]
mod inputs;

/// The sizes measured: 100 B, then powers of 4 KiB... up to 64 MiB.
pub const SIZES: [usize; 8] = [
    100,
    1 << 10,
    16 << 10,
    256 << 10,
    1 << 20,
    4 << 20,
    16 << 20,
    64 << 20,
];

fn classify(body: &[u8]) -> bool {
    let mut handle = ptr::null_mut();
    // SAFETY: valid buffer and out pointer; a handle (none for a success) is freed.
    unsafe {
        ffi::monaca_error_from_response(200, body.as_ptr(), body.len(), &mut handle);
        let success = handle.is_null();
        ffi::monaca_error_free(handle);
        success
    }
}

fn read_response(body: &[u8]) -> usize {
    let response = CloudResponse::from_exchange(Some("Collection.find"), 200, body, Some("s-1"));
    response.result_json().map_or(0, str::len) + response.login_token().map_or(0, |t| t.len())
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    for size in SIZES {
        let body = inputs::l1_sized(size);
        assert!(classify(&body), "the {size}-byte body is a success");
        group.throughput(Throughput::Bytes(size as u64));
        // Large bodies take tens of milliseconds each: fewer samples, enough time.
        if size >= 4 << 20 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(8));
        } else {
            group
                .sample_size(50)
                .measurement_time(Duration::from_secs(3));
        }
        group.bench_with_input(
            BenchmarkId::new("monaca_error_from_response", size),
            &body,
            |b, body| b.iter(|| classify(black_box(body))),
        );
        group.bench_with_input(
            BenchmarkId::new("cloud_response_from_exchange", size),
            &body,
            |b, body| b.iter(|| read_response(black_box(body))),
        );
    }
    group.finish();
}

criterion_group!(benches, scaling);
criterion_main!(benches);
