//! WebAssembly only (`target_arch = "wasm32"`): the two exports JavaScript needs to hand bytes
//! to the C ABI, which it cannot otherwise place in the module's memory. Everything else the
//! browser face calls is the C ABI itself (`monaca_response_from_exchange`, ...), exported as
//! is by the cdylib; nothing here decides anything about a response or a request.
//!
//! Not part of the C header (`cbindgen:ignore` on each function): only JavaScript calls these.

use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};

/// Alignment of every block: enough for any C type JavaScript lays out in one (an `int64_t`,
/// a `size_t`, a pointer, a `MonacaArgumentError`).
const ALIGN: usize = 8;

fn layout(len: usize) -> Layout {
    // `len` comes from JavaScript; a length no block can have is a caller bug: trap.
    Layout::from_size_align(len.max(1), ALIGN).expect("a block length below isize::MAX")
}

/// A new block of `len` bytes (uninitialised, aligned to 8) for JavaScript to write into and
/// pass to the C ABI; free it with `monaca_wasm_free(ptr, len)`. Never NULL: out of memory
/// traps, as Rust aborts.
///
/// cbindgen:ignore
#[no_mangle]
pub extern "C" fn monaca_wasm_alloc(len: usize) -> *mut u8 {
    let layout = layout(len);
    // SAFETY: the layout's size is at least 1.
    let ptr = unsafe { alloc(layout) };
    if ptr.is_null() {
        handle_alloc_error(layout);
    }
    ptr
}

/// Frees a block made by `monaca_wasm_alloc` with the same `len`. NULL is a no-op.
///
/// cbindgen:ignore
///
/// # Safety
/// `ptr` is NULL or a block from `monaca_wasm_alloc(len)`, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn monaca_wasm_free(ptr: *mut u8, len: usize) {
    if !ptr.is_null() {
        // SAFETY: the caller passes a live block and the length it was made with.
        unsafe { dealloc(ptr, layout(len)) };
    }
}
