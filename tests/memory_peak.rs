//! A 256 MiB success body is classified with the process's peak memory under the body's size
//! plus 16 MiB: deciding that a body is a success builds no tree of `result`. This file holds a
//! single test so that nothing else runs in its process while the peak is measured.

use monaca_cloud_error::CloudError;

const BODY_SIZE: usize = 256 << 20;
const ALLOWANCE: usize = 16 << 20;

/// The peak resident set size of this process, from /proc/self/status (Linux).
fn peak_rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let line = status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .expect("VmHWM line");
    let kib: usize = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("a number of kB");
    kib * 1024
}

/// A `Collection.find`-like success body of exactly `size` bytes, written into one allocation.
fn large_success_body(size: usize) -> Vec<u8> {
    let head = br#"{"jsonrpc":"2.0","id":"1","result":{"totalItems":0,"items":["#;
    let item = r#"{"_id":"5f0c1e2a","name":"\u6771\u4eac \u00e9t\u00e9 ☕","n":-12.5e3,"ok":true,"none":null,"tags":["a","b",{"deep":[1,[2,[3]]]}]},"#;
    let tail = br#"{}]}}"#;
    let mut body = Vec::with_capacity(size);
    body.extend_from_slice(head);
    while body.len() + item.len() + tail.len() <= size {
        body.extend_from_slice(item.as_bytes());
    }
    // Pad with whitespace inside the array so that the size is exact.
    body.resize(size - tail.len(), b' ');
    body.extend_from_slice(tail);
    body
}

#[test]
fn a_256_mib_success_body_is_classified_within_its_size_plus_16_mib() {
    let body = large_success_body(BODY_SIZE);
    assert_eq!(body.len(), BODY_SIZE);
    assert!(CloudError::from_response(200, &body).is_none(), "a success");
    let peak = peak_rss();
    println!(
        "peak RSS {:.1} MiB for a {} MiB body (limit {} MiB)",
        peak as f64 / 1048576.0,
        BODY_SIZE >> 20,
        (BODY_SIZE + ALLOWANCE) >> 20
    );
    assert!(peak < BODY_SIZE + ALLOWANCE, "peak RSS {peak} bytes");
    // The same body with its last byte removed is invalid, and still costs no tree.
    let error = CloudError::from_response(200, &body[..BODY_SIZE - 1]).expect("an error");
    assert_eq!(error.code(), -12);
    assert!(peak_rss() < BODY_SIZE + ALLOWANCE);
}
