//! Reading a Monaca response: this library's C entry point against serde_json's `Value` and
//! cJSON, on the inputs of `inputs.rs` (S1, S2, L1, L2). Each method does what a plugin needs:
//! decide success or error, and for an error read code, message and every parameter's messages.
//!
//! Run with `bash benches/run.sh`, which also installs cJSON, times Node's JSON.parse on the
//! same bytes and prints the table of the README.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use monaca_cloud_error::ffi;
use std::hint::black_box;
use std::os::raw::{c_char, c_int};
use std::ptr;
use std::time::Duration;

#[path = "inputs.rs"]
mod inputs;

/// Our C entry point: make the handle, read code, message and every parameter, free it.
/// Returns a checksum so that nothing is optimised away.
fn ours(body: &[u8]) -> usize {
    let mut handle = ptr::null_mut();
    // SAFETY: valid buffer and out pointer; the handle is freed below.
    unsafe {
        ffi::monaca_error_from_response(200, body.as_ptr(), body.len(), &mut handle);
        if handle.is_null() {
            return 0;
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

/// What a Rust author writes first: parse into `serde_json::Value` and look the fields up.
fn serde_value(body: &[u8]) -> usize {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return 1;
    };
    let Some(error) = value.get("error").filter(|e| e.is_object()) else {
        return usize::from(value.get("result").is_some());
    };
    let mut sum = error["code"].as_i64().unwrap_or(0).unsigned_abs() as usize
        + error["message"].as_str().map_or(0, str::len);
    if let Some(data) = error.get("data").and_then(|d| d.as_object()) {
        for (name, messages) in data {
            sum += name.len();
            match messages {
                serde_json::Value::String(text) => sum += text.len(),
                serde_json::Value::Array(items) => {
                    for item in items {
                        sum += item.as_str().map_or(1, str::len);
                    }
                }
                _ => sum += 1,
            }
        }
    }
    sum
}

/// cJSON's node, as declared in cJSON.h (1.7.x).
#[repr(C)]
struct CJson {
    next: *mut CJson,
    prev: *mut CJson,
    child: *mut CJson,
    kind: c_int,
    valuestring: *mut c_char,
    valueint: c_int,
    valuedouble: f64,
    string: *mut c_char,
}

const CJSON_STRING: c_int = 1 << 4;
const CJSON_ARRAY: c_int = 1 << 5;
const CJSON_OBJECT: c_int = 1 << 6;

#[link(name = "cjson")]
extern "C" {
    fn cJSON_ParseWithLength(value: *const c_char, length: usize) -> *mut CJson;
    fn cJSON_GetObjectItemCaseSensitive(object: *const CJson, name: *const c_char) -> *mut CJson;
    fn cJSON_Delete(item: *mut CJson);
}

fn c_len(text: *const c_char) -> usize {
    // SAFETY: cJSON strings are NUL-terminated.
    unsafe { std::ffi::CStr::from_ptr(text) }.to_bytes().len()
}

/// The C library a plugin author would reach for: parse, look up, walk `data`, delete.
fn cjson(body: &[u8]) -> usize {
    // SAFETY: cJSON reads `len` bytes; every node is read while the tree lives.
    unsafe {
        let root = cJSON_ParseWithLength(body.as_ptr().cast(), body.len());
        if root.is_null() {
            return 1;
        }
        let error = cJSON_GetObjectItemCaseSensitive(root, c"error".as_ptr());
        let mut sum = 0;
        if error.is_null() || (*error).kind & 0xFF != CJSON_OBJECT {
            sum +=
                usize::from(!cJSON_GetObjectItemCaseSensitive(root, c"result".as_ptr()).is_null());
        } else {
            let code = cJSON_GetObjectItemCaseSensitive(error, c"code".as_ptr());
            let message = cJSON_GetObjectItemCaseSensitive(error, c"message".as_ptr());
            if !code.is_null() {
                sum += (*code).valuedouble.abs() as usize;
            }
            if !message.is_null() && (*message).kind & 0xFF == CJSON_STRING {
                sum += c_len((*message).valuestring);
            }
            let data = cJSON_GetObjectItemCaseSensitive(error, c"data".as_ptr());
            if !data.is_null() && (*data).kind & 0xFF == CJSON_OBJECT {
                let mut param = (*data).child;
                while !param.is_null() {
                    sum += c_len((*param).string);
                    match (*param).kind & 0xFF {
                        CJSON_STRING => sum += c_len((*param).valuestring),
                        CJSON_ARRAY => {
                            let mut item = (*param).child;
                            while !item.is_null() {
                                if (*item).kind & 0xFF == CJSON_STRING {
                                    sum += c_len((*item).valuestring);
                                }
                                item = (*item).next;
                            }
                        }
                        _ => sum += 1,
                    }
                    param = (*param).next;
                }
            }
        }
        cJSON_Delete(root);
        sum
    }
}

fn compare(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-inputs");
    inputs::write_all(&dir).expect("bench inputs written");
    for (name, body) in inputs::all() {
        // The three methods agree on what they read (cJSON's code is a double, hence the
        // separate check of ours against serde_json only).
        assert_eq!(
            ours(&body) == 0,
            serde_value(&body) == 1,
            "{name}: success agrees"
        );
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(body.len() as u64));
        if body.len() > 4096 {
            group.sample_size(50);
        }
        for (method, run) in [
            ("monaca_error_from_response", ours as fn(&[u8]) -> usize),
            ("serde_json_value", serde_value),
            ("cjson", cjson),
        ] {
            group.bench_with_input(BenchmarkId::new(method, body.len()), &body, |b, body| {
                b.iter(|| run(black_box(body)))
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = compare
}
criterion_main!(benches);
