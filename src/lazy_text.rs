//! A text made on first use and kept, readable from many threads: the JSON form, description
//! and report of a handle, which most callers never ask for.
//!
//! It never blocks: threads that ask at once each make the text, one of them installs its
//! copy, and the others drop theirs and read the installed one. The texts are pure functions of
//! an immutable handle, so every copy is the same. `std::sync::OnceLock` would block the late
//! threads instead, and links the standard library's thread parking with it (on Apple targets,
//! a queue of parked threads on dispatch semaphores and the current thread's handle), code
//! the library does not otherwise need.

use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

/// A `String` made at most once per reader that finds it missing, and installed once.
#[derive(Debug)]
pub(crate) struct LazyText {
    /// Null until a text is installed; then a `Box<String>` that lives as long as the cell.
    text: AtomicPtr<String>,
}

impl LazyText {
    pub fn new() -> Self {
        LazyText {
            text: AtomicPtr::new(ptr::null_mut()),
        }
    }

    /// The installed text, made by `make` first if there is none yet.
    pub fn get_or_init(&self, make: impl FnOnce() -> String) -> &str {
        let installed = self.text.load(Ordering::Acquire);
        if !installed.is_null() {
            // SAFETY: a non-null pointer is a Box installed below, freed only by `drop`, which
            // cannot run while `self` is borrowed.
            return unsafe { &*installed };
        }
        let made = Box::into_raw(Box::new(make()));
        match self
            .text
            .compare_exchange(ptr::null_mut(), made, Ordering::AcqRel, Ordering::Acquire)
        {
            // SAFETY: `made` is now installed: it lives until `drop`, as above.
            Ok(_) => unsafe { &*made },
            Err(first) => {
                // Another thread installed its copy first: ours was never shared.
                // SAFETY: `made` came from Box::into_raw above and nobody else has it.
                drop(unsafe { Box::from_raw(made) });
                // SAFETY: as for `installed` above.
                unsafe { &*first }
            }
        }
    }

    /// The installed text, if one is.
    #[cfg(test)]
    fn get(&self) -> Option<&str> {
        // SAFETY: as in `get_or_init`.
        unsafe { self.text.load(Ordering::Acquire).as_ref() }.map(String::as_str)
    }
}

impl Drop for LazyText {
    fn drop(&mut self) {
        let installed = *self.text.get_mut();
        if !installed.is_null() {
            // SAFETY: installed by `get_or_init` from Box::into_raw, and dropped only here.
            drop(unsafe { Box::from_raw(installed) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Barrier;

    #[test]
    fn makes_the_text_once_and_keeps_it() {
        let cell = LazyText::new();
        assert_eq!(cell.get(), None);
        let made = AtomicUsize::new(0);
        let make = || {
            made.fetch_add(1, Ordering::Relaxed);
            String::from("report")
        };
        let first = cell.get_or_init(make);
        let second = cell.get_or_init(|| unreachable!("already made"));
        assert_eq!(first, "report");
        assert!(ptr::eq(first, second), "the same text, not a copy");
        assert_eq!(made.load(Ordering::Relaxed), 1);
        assert_eq!(cell.get(), Some("report"));
    }

    #[test]
    fn threads_asking_at_once_all_read_the_one_installed_text() {
        const THREADS: usize = 8;
        let cell = LazyText::new();
        let barrier = Barrier::new(THREADS);
        let addresses: Vec<usize> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..THREADS)
                .map(|n| {
                    let (cell, barrier) = (&cell, &barrier);
                    scope.spawn(move || {
                        barrier.wait();
                        let text = cell.get_or_init(|| format!("made by {n}"));
                        assert!(text.starts_with("made by "));
                        assert_eq!(Some(text), cell.get(), "what was read stays installed");
                        text.as_ptr() as usize
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        assert!(
            addresses.iter().all(|&a| a == addresses[0]),
            "{addresses:?}"
        );
    }
}
