//! The two SIMD JSON parsers of crates.io, simd-json and sonic-rs, built as cargo builds them
//! (no `-C target-cpu`): simd-json picks its kernel at run time, sonic-rs at compile time.

use super::{messages_checksum, Body, Kind, Method, INVALID, SUCCESS};
use simd_json::prelude::*;
#[cfg(not(target_arch = "x86"))]
use sonic_rs::{JsonContainerTrait, JsonValueTrait};

/// The simd-json and sonic-rs methods, after a line naming their kernels.
pub fn methods() -> Vec<Method> {
    println!(
        "simd-json: {} kernel (run-time choice)",
        simd_json::Deserializer::algorithm()
    );
    let mut methods = vec![
        simd_json_method(
            "simd-json tape (validation)",
            Kind::Validates,
            |bytes, buffers| usize::from(simd_json::to_tape_with_buffers(bytes, buffers).is_ok()),
        ),
        simd_json_method("simd-json BorrowedValue", Kind::Reads, simd_json_read),
    ];
    methods.extend(sonic_method());
    methods
}

/// The sonic-rs method, after a line naming its kernel.
#[cfg(not(target_arch = "x86"))]
fn sonic_method() -> Option<Method> {
    let kernel = if cfg!(target_feature = "avx2") {
        "AVX2"
    } else if cfg!(target_feature = "sse2") {
        "SSE2"
    } else if cfg!(target_feature = "neon") {
        "NEON"
    } else {
        "scalar"
    };
    println!("sonic-rs: {kernel} kernel (compile-time choice)");
    Some(Method::new("sonic-rs Value", Kind::Reads, |body: &Body| {
        sonic_read(&body.bytes)
    }))
}

/// sonic-rs does not build for 32-bit x86 (Cargo.toml leaves it out there).
#[cfg(target_arch = "x86")]
fn sonic_method() -> Option<Method> {
    println!("sonic-rs: skipped (it does not build for 32-bit x86)");
    None
}

/// simd-json parses in place (it unescapes into the input), so each call first copies the
/// body into a reused scratch buffer: the copy is part of the time. Its buffers are reused.
fn simd_json_method(
    name: &'static str,
    kind: Kind,
    parse: fn(&mut [u8], &mut simd_json::Buffers) -> usize,
) -> Method {
    let mut scratch = Vec::new();
    let mut buffers = simd_json::Buffers::default();
    Method::new(name, kind, move |body: &Body| {
        scratch.clear();
        scratch.extend_from_slice(&body.bytes);
        parse(&mut scratch, &mut buffers)
    })
}

/// simd-json's borrowed DOM and the lookups a plugin makes.
fn simd_json_read(bytes: &mut [u8], buffers: &mut simd_json::Buffers) -> usize {
    let Ok(value) = simd_json::to_borrowed_value_with_buffers(bytes, buffers) else {
        return INVALID;
    };
    let Some(error) = value.get("error").filter(|e| e.is_object()) else {
        return SUCCESS;
    };
    let mut sum = error.get_i64("code").unwrap_or(0).unsigned_abs() as usize
        + error.get_str("message").map_or(0, str::len);
    if let Some(data) = error.get_object("data") {
        for (name, messages) in data.iter() {
            let items = messages
                .as_array()
                .map(|items| items.iter().map(|i| i.as_str()));
            sum += name.len() + messages_checksum(messages.as_str(), items);
        }
    }
    sum
}

/// sonic-rs's `Value` (its DOM, from an immutable slice) and the same lookups.
#[cfg(not(target_arch = "x86"))]
fn sonic_read(body: &[u8]) -> usize {
    let Ok(value) = sonic_rs::from_slice::<sonic_rs::Value>(body) else {
        return INVALID;
    };
    let Some(error) = value.get("error").filter(|e| e.is_object()) else {
        return SUCCESS;
    };
    let mut sum = error
        .get("code")
        .and_then(|c| c.as_i64())
        .unwrap_or(0)
        .unsigned_abs() as usize
        + error
            .get("message")
            .and_then(|m| m.as_str())
            .map_or(0, str::len);
    if let Some(data) = error.get("data").and_then(|d| d.as_object()) {
        for (name, messages) in data.iter() {
            let items = messages
                .as_array()
                .map(|items| items.iter().map(|i| i.as_str()));
            sum += name.len() + messages_checksum(messages.as_str(), items);
        }
    }
    sum
}
