//! Reading a Monaca response: this library's C entry point against its peers (serde_json three
//! ways, cJSON, simdjson 3 through a C++ shim, simd-json, sonic-rs), on the inputs of
//! `inputs.rs` (S1, S2, L1, L2). A reading method does what a plugin needs: decide success or
//! error, and for an error read code, message and every parameter's messages; a validating
//! one only checks that the body is JSON (see `peers/mod.rs`).
//!
//! - `cargo bench --bench compare`: criterion's groups, one method after the other.
//! - `cargo bench --bench compare -- --interleaved [--rounds N] [--batch-ms N]`: the methods
//!   interleaved in one process, the table with ratios and the goal lines
//!   (`peers/interleaved.rs`). `$MONACA_BENCH_NODE` may hold Node's medians to add.
//! - `cargo bench --bench compare -- --write-inputs`: only writes target/bench-inputs/.
//! - `cargo test` (test mode): checks that the readers agree, runs every criterion benchmark
//!   once and one interleaved round.
//!
//! `bash benches/run.sh` installs the peers, builds the simdjson shim, times Node's JSON.parse
//! and prints the interleaved table of docs/performance.md.

use criterion::{BenchmarkId, Criterion, Throughput};
use monaca_cloud_error::ffi;
use std::hint::black_box;
use std::ptr;
use std::time::Duration;

#[path = "inputs.rs"]
mod inputs;
#[path = "peers/mod.rs"]
mod peers;

use peers::{Body, Kind, Method};

/// Our C entry point: make the handle, read code, message and every parameter, free it.
/// Returns the checksum of `peers/mod.rs`.
fn ours(body: &[u8]) -> usize {
    let mut handle = ptr::null_mut();
    // SAFETY: valid buffer and out pointer; the handle is freed below.
    unsafe {
        ffi::monaca_error_from_response(200, body.as_ptr(), body.len(), &mut handle);
        if handle.is_null() {
            return peers::SUCCESS;
        }
        let mut sum = ffi::monaca_error_code(handle).unsigned_abs() as usize
            + ffi::monaca_error_message(handle).len;
        for index in 0..ffi::monaca_error_param_count(handle) {
            sum += ffi::monaca_error_param_name(handle, index).len;
            for message in 0..ffi::monaca_error_param_message_count(handle, index) {
                sum += ffi::monaca_error_param_message(handle, index, message).len;
            }
        }
        ffi::monaca_error_free(handle);
        sum
    }
}

/// Every method, ours first; simdjson's only when its shim is built.
fn methods() -> Vec<Method> {
    let mut methods = vec![Method::new(peers::OURS, Kind::Reads, |body: &Body| {
        ours(&body.bytes)
    })];
    methods.extend(peers::serde::methods());
    methods.extend(peers::cjson::methods());
    methods.extend(peers::simdjson::methods());
    methods.extend(peers::rust_simd::methods());
    methods
}

/// The inputs, also written to target/bench-inputs/ for Node.
fn bodies() -> Vec<Body> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-inputs");
    inputs::write_all(&dir).expect("bench inputs written");
    inputs::all()
        .into_iter()
        .map(|(name, bytes)| Body::new(name, bytes))
        .collect()
}

/// Every reader returns our checksum on every input, every validator accepts it, and a lazy
/// reader agrees with ours on errors.
fn check_agreement(bodies: &[Body], methods: &mut [Method]) {
    for body in bodies {
        let expected = ours(&body.bytes);
        for method in methods.iter_mut() {
            let got = (method.run)(body);
            let want = match method.kind {
                Kind::Reads | Kind::ReadsLazily => expected,
                Kind::Validates => 1,
            };
            assert_eq!(got, want, "{} on {}", method.name, body.name);
        }
    }
}

/// Node's medians from `$MONACA_BENCH_NODE` (the JSON object node_json_parse.js prints).
fn node_medians() -> Vec<(String, f64)> {
    let Ok(text) = std::env::var("MONACA_BENCH_NODE") else {
        return Vec::new();
    };
    let medians: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).expect("MONACA_BENCH_NODE holds a JSON object");
    medians
        .into_iter()
        .map(|(name, ns)| (name, ns.as_f64().expect("a number of nanoseconds")))
        .collect()
}

/// Criterion's groups: per input, one benchmark per method, run one after the other.
fn criterion_groups(criterion: &mut Criterion, bodies: &[Body], methods: &mut [Method]) {
    for body in bodies {
        let mut group = criterion.benchmark_group(body.name);
        group.throughput(Throughput::Bytes(body.bytes.len() as u64));
        if body.bytes.len() > 4096 {
            group.sample_size(50);
        }
        for method in methods.iter_mut() {
            let id = BenchmarkId::new(method.name, body.bytes.len());
            group.bench_with_input(id, body, |b, body| b.iter(|| (method.run)(black_box(body))));
        }
        group.finish();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let bodies = bodies();
    if flag("--write-inputs") {
        return;
    }
    let mut methods = methods();
    check_agreement(&bodies, &mut methods);
    if flag("--interleaved") {
        let options = peers::interleaved::Options::from_args(&args);
        peers::interleaved::run(&bodies, &mut methods, &options, &node_medians());
        return;
    }
    // As criterion decides: without --bench (cargo test) or with --test, run everything once.
    if !flag("--bench") || flag("--test") {
        let options = peers::interleaved::Options::smoke();
        peers::interleaved::run(&bodies, &mut methods, &options, &[]);
    }
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    criterion_groups(&mut criterion, &bodies, &mut methods);
    criterion.final_summary();
}
