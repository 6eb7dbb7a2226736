//! The methods that benches/compare.rs times: ours and its peers, each behind one signature.
//! A reading method returns the checksum of what a plugin reads (`SUCCESS` for a success,
//! `INVALID` for a body that is not JSON, else |code| + the bytes of the message, of every
//! parameter's name and of each of its messages), so that the readers can be checked to
//! agree and nothing is optimised away. A validating method returns 1 for valid JSON.

pub mod cjson;
pub mod interleaved;
pub mod rust_simd;
pub mod serde;
pub mod simdjson;

/// The name of our method, the first of every table and the 1.00x of its ratios.
pub const OURS: &str = "ours (monaca_error_from_response)";

/// The checksum of a success.
pub const SUCCESS: usize = 0;
/// The checksum of a body that is not JSON.
pub const INVALID: usize = usize::MAX;
/// One parameter's messages as the checksum counts them, from a DOM value that is `text` when
/// it is a string and `items` (each item's text, if it is a string) when it is an array: the
/// string's bytes; each string item's bytes and 1 for any other item; 1 for anything else.
pub fn messages_checksum<'a>(
    text: Option<&str>,
    items: Option<impl Iterator<Item = Option<&'a str>>>,
) -> usize {
    match (text, items) {
        (Some(text), _) => text.len(),
        (None, Some(items)) => items.map(|item| item.map_or(1, str::len)).sum(),
        (None, None) => 1,
    }
}

/// What simdjson may read past the end of a body (SIMDJSON_PADDING in simdjson 3).
pub const PADDING: usize = 64;

/// One input: its bytes, and the same bytes followed by `PADDING` zero bytes for the parsers
/// that read past the end (simdjson), made once so that no method copies per call.
pub struct Body {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub padded: Vec<u8>,
}

impl Body {
    pub fn new(name: &'static str, bytes: Vec<u8>) -> Self {
        let mut padded = bytes.clone();
        padded.resize(bytes.len() + PADDING, 0);
        Body {
            name,
            bytes,
            padded,
        }
    }
}

/// Whether a method reads what a plugin needs or only checks that the body is JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Reads,
    Validates,
    /// Reads the error lazily and does not check the grammar of what it skips.
    ReadsLazily,
}

/// A named method; `run` may keep state between calls (a reused parser, a scratch buffer).
pub struct Method {
    pub name: &'static str,
    pub kind: Kind,
    pub run: Box<dyn FnMut(&Body) -> usize>,
}

impl Method {
    pub fn new(name: &'static str, kind: Kind, run: impl FnMut(&Body) -> usize + 'static) -> Self {
        Method {
            name,
            kind,
            run: Box::new(run),
        }
    }
}
