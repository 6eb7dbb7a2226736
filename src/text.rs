//! One buffer holding every text of an error handle, each followed by a NUL byte, so that the
//! C ABI can lend out pointers that are both length-counted and NUL-terminated.

/// Where one text sits in a [`Texts`] buffer (its NUL not included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    start: usize,
    len: usize,
}

/// `buffer.push_str(text)`, always inlined: in the size-optimised build that ships, the
/// standard library's copy is a call of its own (a tenth of a small error's reading: the
/// message, every name and parameter message go through it).
#[inline(always)]
pub(crate) fn push_str(buffer: &mut String, text: &str) {
    buffer.reserve(text.len());
    // SAFETY: `reserve` made room for `text.len()` more bytes after the buffer's end; the bytes
    // copied there are a `str`'s, appended to a `str`, so the buffer stays UTF-8.
    unsafe {
        let bytes = buffer.as_mut_vec();
        let len = bytes.len();
        std::ptr::copy_nonoverlapping(text.as_ptr(), bytes.as_mut_ptr().add(len), text.len());
        bytes.set_len(len + text.len());
    }
}

/// A growing buffer of NUL-terminated texts.
#[derive(Debug, Default)]
pub(crate) struct Texts(String);

impl Texts {
    #[inline]
    pub fn with_capacity(capacity: usize) -> Self {
        Texts(String::with_capacity(capacity))
    }

    /// Appends `text` and its NUL.
    #[inline]
    pub fn push(&mut self, text: &str) -> Span {
        self.push_with(|buffer| push_str(buffer, text))
    }

    /// Appends what `write` writes, then a NUL.
    #[inline]
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) -> Span {
        let start = self.0.len();
        write(&mut self.0);
        let len = self.0.len() - start;
        self.0.push('\0');
        Span { start, len }
    }

    /// The text of a span made by this buffer; a NUL byte follows it in memory.
    #[inline]
    pub fn get(&self, span: Span) -> &str {
        let range = span.start..span.start + span.len;
        debug_assert!(self.0.get(range.clone()).is_some());
        // SAFETY: `push_with` made the span from the buffer's length before and after a write
        // of whole characters, so both ends are character boundaries within the buffer, which
        // only grows. (Checked slicing would cost a test and a panic path wherever this is
        // inlined: every accessor of a handle.)
        unsafe { self.0.get_unchecked(range) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_followed_by_a_nul() {
        let mut texts = Texts::default();
        let a = texts.push("héllo");
        let b = texts.push_with(|s| s.push_str("a\0b"));
        let empty = texts.push("");
        assert_eq!(texts.get(a), "héllo");
        assert_eq!(texts.get(b), "a\0b");
        assert_eq!(texts.get(empty), "");
        for span in [a, b, empty] {
            assert_eq!(texts.0.as_bytes()[span.start + span.len], 0);
        }
    }
}
