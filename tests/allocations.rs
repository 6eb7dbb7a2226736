//! Heap allocations counted with a counting global allocator (a count, not a timing): a
//! success body costs no allocation that grows with its size, and an S1 handle at most 4.

use monaca_cloud_error::ffi;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ptr;

#[allow(dead_code)] // the bench uses the rest
#[path = "../benches/inputs.rs"]
mod inputs;

/// Counts the allocations (and reallocations) made by the current thread, so that tests
/// running in parallel do not disturb each other.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    // `try_with`: the allocator may run while the thread-local is being torn down.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: forwards to the system allocator; counting has no effect on the memory handed out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The allocations made by `work` on this thread.
fn allocations_of(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

/// Parses through the C entry point, reads every parameter and frees the handle.
fn parse_read_free(body: &[u8]) -> bool {
    let mut handle = ptr::null_mut();
    // SAFETY: valid buffer and out pointer; the handle is freed before returning.
    unsafe {
        ffi::monaca_error_from_response(200, body.as_ptr(), body.len(), &mut handle);
        if handle.is_null() {
            return false;
        }
        for index in 0..ffi::monaca_error_param_count(handle) {
            for message in 0..ffi::monaca_error_param_message_count(handle, index) {
                assert!(ffi::monaca_error_param_message(handle, index, message).len > 0);
            }
        }
        ffi::monaca_error_free(handle);
        true
    }
}

#[test]
fn a_success_body_allocates_nothing_whatever_its_size() {
    let large = inputs::l1();
    let small: Vec<u8> =
        br#"{"jsonrpc":"2.0","id":"1","result":{"items":[{"a":"\u00e9","b":[1,true,null]}]}}"#
            .to_vec();
    let for_large = allocations_of(|| assert!(!parse_read_free(&large)));
    let for_small = allocations_of(|| assert!(!parse_read_free(&small)));
    println!(
        "allocations: {for_small} for a {}-byte success, {for_large} for a {}-byte one",
        small.len(),
        large.len()
    );
    assert_eq!(for_large, for_small);
    assert_eq!(for_large, 0);
}

#[test]
fn only_a_body_that_needs_decoding_is_copied() {
    // Deep nesting and a UTF-8 byte order mark are read in place.
    let deep = format!(
        "\u{FEFF}{{\"result\":{}1{}}}",
        "[{\"a\":".repeat(4_000),
        "}]".repeat(4_000)
    );
    assert_eq!(
        allocations_of(|| assert!(!parse_read_free(deep.as_bytes()))),
        0
    );
    // Invalid UTF-8 in a string: one copy, the decoded text (and nothing else).
    let latin1 = b"{\"id\":\"caf\xE9\",\"result\":1}";
    assert_eq!(allocations_of(|| assert!(!parse_read_free(latin1))), 1);
    // UTF-16: one copy too.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(r#"{"result":1}"#.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(allocations_of(|| assert!(!parse_read_free(&utf16))), 1);
}

#[test]
fn an_s1_handle_costs_at_most_4_allocations() {
    let body = inputs::s1();
    let allocations = allocations_of(|| assert!(parse_read_free(&body)));
    println!("allocations for an S1 handle: {allocations}");
    assert!(allocations <= 4, "{allocations} allocations");
    // The counter sees allocations at all (the test could otherwise pass vacuously).
    assert!(allocations >= 2);
}

#[test]
fn an_l2_handle_allocates_a_bounded_number_of_times() {
    let body = inputs::l2();
    let allocations = allocations_of(|| assert!(parse_read_free(&body)));
    println!("allocations for an L2 handle (5,000 parameters): {allocations}");
    // Vectors grow geometrically: a few dozen allocations for 5,000 parameters, not thousands.
    assert!(allocations < 64, "{allocations} allocations");
}
