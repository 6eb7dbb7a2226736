//! A validating JSON scanner over bytes: it checks the grammar of RFC 8259 and the UTF-8 of
//! every string, so that what it accepts is valid UTF-8 without a separate pass.
//!
//! It builds no tree: callers walk objects and arrays
//! with closures, keep raw slices of the values they care about and skip the rest. Skipping a
//! value costs no allocation, and nesting is limited to [`MAX_DEPTH`] containers, so neither a
//! large nor a deeply nested body can exhaust memory or the stack: the open containers are
//! tracked with one bit each ([`Nesting`]), on the stack, never by recursion.

use std::fmt;
use std::mem::MaybeUninit;

/// The deepest nesting of objects and arrays accepted anywhere in a body. Browsers' `JSON.parse`,
/// which Monaca's SDK uses, reads far deeper than any real response nests; this limit only keeps
/// a hostile body from costing more than a bit per level.
pub const MAX_DEPTH: usize = 10_000;

/// Why a text is not valid JSON, and where (a byte offset into the scanned text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub reason: &'static str,
    pub offset: usize,
}

pub type Scan<T> = Result<T, SyntaxError>;

/// A 1-based line and column (counted in characters) of a byte offset in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of `offset` in `bytes`; the bytes before `offset` should be UTF-8.
    #[cfg_attr(monaca_ship, optimize(size))]
    pub fn of(bytes: &[u8], offset: usize) -> Position {
        let before = &bytes[..offset.min(bytes.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |newline| newline + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        // Characters, not bytes: count every byte that does not continue a UTF-8 sequence.
        let column = 1 + before[line_start..]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        Position { line, column }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// What a JSON value is, told from its first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

impl ValueType {
    fn of_first_byte(byte: u8) -> Option<ValueType> {
        match byte {
            b'{' => Some(ValueType::Object),
            b'[' => Some(ValueType::Array),
            b'"' => Some(ValueType::String),
            b'-' | b'0'..=b'9' => Some(ValueType::Number),
            b't' | b'f' => Some(ValueType::Boolean),
            b'n' => Some(ValueType::Null),
            _ => None,
        }
    }

    /// The type with its article, for messages: "an object", "a string", ...
    pub fn described(self) -> &'static str {
        match self {
            ValueType::Object => "an object",
            ValueType::Array => "an array",
            ValueType::String => "a string",
            ValueType::Number => "a number",
            ValueType::Boolean => "a boolean",
            ValueType::Null => "null",
        }
    }
}

/// The contents of a JSON string literal, between its quotes, escapes not yet decoded.
#[derive(Clone, Copy, Debug)]
pub struct RawStr<'a> {
    raw: &'a str,
    escaped: bool,
}

impl<'a> RawStr<'a> {
    /// The undecoded text between the quotes.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Whether the decoded string equals `plain`.
    #[inline(always)]
    pub fn eq_str(&self, plain: &str) -> bool {
        if !self.escaped {
            // Lengths first: most keys differ in length, and equal short keys compare in a
            // couple of loads.
            return self.raw.len() == plain.len() && self.raw.as_bytes() == plain.as_bytes();
        }
        let mut expected = plain.chars();
        Unescape::new(self.raw).all(|c| expected.next() == Some(c)) && expected.next().is_none()
    }

    /// Appends the decoded string to `out`. A lone surrogate escape becomes U+FFFD.
    #[cfg_attr(monaca_ship, optimize(speed))]
    pub fn decode_into(&self, out: &mut String) {
        if !self.escaped {
            crate::text::push_str(out, self.raw);
            return;
        }
        let mut rest = self.raw;
        while let Some(backslash) = rest.find('\\') {
            crate::text::push_str(out, &rest[..backslash]);
            let mut decoder = Unescape::new(&rest[backslash..]);
            if let Some(c) = decoder.next() {
                out.push(c);
            }
            rest = decoder.rest;
        }
        crate::text::push_str(out, rest);
    }
}

/// Decodes the characters of a validated string literal's contents.
struct Unescape<'a> {
    rest: &'a str,
}

impl<'a> Unescape<'a> {
    fn new(raw: &'a str) -> Self {
        Unescape { rest: raw }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.rest.get(..4)?;
        let value = u32::from_str_radix(digits, 16).ok()?;
        self.rest = &self.rest[4..];
        Some(value)
    }
}

impl Iterator for Unescape<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let mut chars = self.rest.chars();
        let c = chars.next()?;
        self.rest = chars.as_str();
        if c != '\\' {
            return Some(c);
        }
        let mut chars = self.rest.chars();
        let escape = chars.next()?;
        self.rest = chars.as_str();
        Some(match escape {
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let unit = self.hex4().unwrap_or(0xFFFD);
                if (0xD800..0xDC00).contains(&unit) && self.rest.starts_with("\\u") {
                    let after_high = self.rest;
                    self.rest = &self.rest[2..];
                    match self.hex4() {
                        Some(low @ 0xDC00..=0xDFFF) => {
                            let scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                            char::from_u32(scalar).unwrap_or('\u{FFFD}')
                        }
                        _ => {
                            // Not a pair: the next escape is decoded on its own.
                            self.rest = after_high;
                            '\u{FFFD}'
                        }
                    }
                } else {
                    char::from_u32(unit).unwrap_or('\u{FFFD}')
                }
            }
            other => other, // '"', '\\' and '/' stand for themselves
        })
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The reason given for a byte sequence that is not UTF-8 (inside a string; outside strings
/// any byte above 0x7F is simply not JSON).
pub const INVALID_UTF8: &str = "invalid UTF-8";

/// Marks the bytes of `word` (little-endian) that end the fast path through a string: a quote,
/// a backslash, a control character (< 0x20) or a non-ASCII byte, with their high bit.
///
/// A byte's high bit is set in `x - 0x01` only if `x` is 0 (a quote or backslash, for `x` the
/// byte xor that character) or above 0x80 (then the byte itself is non-ASCII); in `w - 0x20`
/// only if `w` is below 0x20 or non-ASCII; and borrows, which come only from such bytes, travel
/// upwards. So every special byte is marked, and the lowest mark is exact:
/// `trailing_zeros() / 8` is the index of the first special byte.
#[inline(always)]
fn string_specials(word: u64) -> u64 {
    let quote = (word ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES);
    let backslash = (word ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES);
    let below_space = word.wrapping_sub(ONES * 0x20);
    (quote | backslash | below_space | word) & HIGHS
}

fn fail<T>(reason: &'static str, offset: usize) -> Scan<T> {
    Err(SyntaxError { reason, offset })
}

/// The text of bytes the scanner accepted.
///
/// Everything the scanner accepts is UTF-8: outside strings the grammar admits only ASCII, and
/// inside strings every byte above 0x7F starts a sequence that [`utf8_char_end`] checked.
/// Callers only slice at token boundaries, which are ASCII, so no sequence is ever cut.
pub(crate) fn accepted(bytes: &[u8]) -> &str {
    debug_assert!(std::str::from_utf8(bytes).is_ok());
    // SAFETY: see above; the fuzz targets and JSONTestSuite check it against the standard library.
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

#[inline(always)]
fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(&b) = bytes.get(pos) {
        if b > b' ' || !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
            break;
        }
        pos += 1;
    }
    pos
}

/// The end of the well-formed UTF-8 sequence that starts at `pos` (a byte above 0x7F), by the
/// table of the Unicode standard (no overlongs, no surrogates, nothing above U+10FFFF).
#[inline(always)]
fn utf8_char_end(bytes: &[u8], pos: usize) -> Option<usize> {
    let continuation = |at: usize| bytes.get(pos + at).is_some_and(|&b| b & 0xC0 == 0x80);
    let lead = bytes[pos];
    // The two common cases first: two-byte sequences (Latin, Greek, Cyrillic...) and the
    // three-byte sequences without special second-byte ranges (most of the BMP: CJK, ...).
    if (0xC2..=0xDF).contains(&lead) {
        return continuation(1).then_some(pos + 2);
    }
    if matches!(lead, 0xE1..=0xEC | 0xEE..=0xEF) {
        return (continuation(1) && continuation(2)).then_some(pos + 3);
    }
    let in_range = |at: usize, range: std::ops::RangeInclusive<u8>| {
        bytes.get(pos + at).is_some_and(|b| range.contains(b))
    };
    let (len, second) = match lead {
        0xE0 => (3, 0xA0..=0xBF),
        0xED => (3, 0x80..=0x9F),
        0xF0 => (4, 0x90..=0xBF),
        0xF1..=0xF3 => (4, 0x80..=0xBF),
        0xF4 => (4, 0x80..=0x8F),
        _ => return None,
    };
    (in_range(1, second) && (2..len).all(continuation)).then_some(pos + len)
}

/// Scans a string literal's contents from `pos` (just after the opening quote) to the closing
/// quote; returns the quote's offset and whether an escape was seen.
#[inline(always)]
fn scan_string(bytes: &[u8], mut pos: usize) -> Scan<(usize, bool)> {
    let mut escaped = false;
    loop {
        // Eight bytes at a time, straight to the first byte that needs a closer look.
        while let Some(chunk) = bytes.get(pos..pos + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let specials = string_specials(word);
            if specials != 0 {
                pos += (specials.trailing_zeros() / 8) as usize;
                break;
            }
            pos += 8;
        }
        match bytes.get(pos) {
            Some(b'"') => return Ok((pos, escaped)),
            Some(b'\\') => {
                escaped = true;
                pos = scan_escape(bytes, pos + 1)?;
            }
            Some(0x80..) => match utf8_char_end(bytes, pos) {
                Some(end) => pos = end,
                None => return fail(INVALID_UTF8, pos),
            },
            // Plain ASCII: only in the last seven bytes, which the loop above cannot load.
            Some(0x20..) => pos += 1,
            Some(_) => return fail("unescaped control character in a string", pos),
            None => return fail("unexpected end of input inside a string", pos),
        }
    }
}

/// [`scan_string`] for the keys and strings that the walkers ([`Scanner::object`],
/// [`Scanner::string`], ...) and [`skip_value_at`] meet: plain ASCII up to the closing quote
/// (most keys and many values) is scanned inline, eight bytes at a time; from the first escape,
/// non-ASCII or control byte on, one out-of-line [`scan_string`] takes over. So each walk
/// carries a few instructions of string scanning rather than a whole copy of it; the skipping
/// loop, [`skip_any_value_at`], where nearly all of a large body's strings are, inlines it all.
#[inline(always)]
fn scan_string_plain_inline(bytes: &[u8], mut pos: usize) -> Scan<(usize, bool)> {
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let specials = string_specials(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        if specials != 0 {
            let at = (specials.trailing_zeros() / 8) as usize;
            if chunk[at] == b'"' {
                return Ok((pos + at, false));
            }
            return scan_string_rest(bytes, pos + at);
        }
        pos += 8;
    }
    // The last bytes of the body, fewer than eight (a short key at the end of a response).
    while let Some(&byte) = bytes.get(pos) {
        match byte {
            b'"' => return Ok((pos, false)),
            b'\\' | 0x00..=0x1F | 0x80.. => break,
            _ => pos += 1,
        }
    }
    scan_string_rest(bytes, pos)
}

/// [`scan_string`] from `pos`, after plain ASCII (so whether an escape was seen is decided
/// from `pos` on).
#[inline(never)]
fn scan_string_rest(bytes: &[u8], pos: usize) -> Scan<(usize, bool)> {
    scan_string(bytes, pos)
}

/// Checks the escape whose letter is at `pos` (after the backslash); returns the offset after it.
#[cfg_attr(monaca_ship, optimize(speed))]
fn scan_escape(bytes: &[u8], pos: usize) -> Scan<usize> {
    match bytes.get(pos) {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(pos + 1),
        Some(b'u') => {
            for at in pos + 1..pos + 5 {
                match bytes.get(at) {
                    Some(b) if b.is_ascii_hexdigit() => {}
                    Some(_) => return fail("invalid \\u escape (expected 4 hex digits)", at),
                    None => return fail("unexpected end of input inside a string", at),
                }
            }
            Ok(pos + 5)
        }
        Some(_) => fail("invalid escape in a string", pos),
        None => fail("unexpected end of input inside a string", pos),
    }
}

#[inline(always)]
fn skip_digits(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
        pos += 1;
    }
    pos
}

/// Scans the number at `pos`; returns the offset after it and whether it is an integer (no
/// fraction, no exponent).
#[inline(always)]
fn scan_number(bytes: &[u8], mut pos: usize) -> Scan<(usize, bool)> {
    if bytes.get(pos) == Some(&b'-') {
        pos += 1;
    }
    match bytes.get(pos) {
        Some(b'0') => {
            pos += 1;
            if bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                return fail("leading zero in a number", pos);
            }
        }
        Some(b'1'..=b'9') => pos = skip_digits(bytes, pos + 1),
        _ => return fail("expected a digit in a number", pos),
    }
    let mut integer = true;
    if bytes.get(pos) == Some(&b'.') {
        integer = false;
        let after = skip_digits(bytes, pos + 1);
        if after == pos + 1 {
            return fail("expected a digit after the decimal point", after);
        }
        pos = after;
    }
    if let Some(b'e' | b'E') = bytes.get(pos) {
        integer = false;
        pos += 1;
        if let Some(b'+' | b'-') = bytes.get(pos) {
            pos += 1;
        }
        let after = skip_digits(bytes, pos);
        if after == pos {
            return fail("expected a digit in the exponent", pos);
        }
        pos = after;
    }
    Ok((pos, integer))
}

/// Inlined where `word` is a constant, so that the comparison is a load or two, never a call.
#[inline(always)]
fn scan_literal(bytes: &[u8], pos: usize, word: &'static [u8]) -> Scan<usize> {
    let end = pos + word.len();
    match bytes.get(pos..end) {
        Some(found) if found == word => Ok(end),
        _ => fail("invalid literal (expected true, false or null)", pos),
    }
}

/// Expects a member key at `pos` (whitespace already skipped), then a colon; returns the
/// offset after the colon, the offset of the key's closing quote and whether the key has an
/// escape.
///
/// `PLAIN_INLINE`: the key is scanned by [`scan_string_plain_inline`] rather than an inlined
/// [`scan_string`].
#[inline(always)]
fn scan_key_colon<const PLAIN_INLINE: bool>(
    bytes: &[u8],
    pos: usize,
) -> Scan<(usize, usize, bool)> {
    if bytes.get(pos) != Some(&b'"') {
        return fail("expected a string key in the object", pos);
    }
    let (quote, escaped) = if PLAIN_INLINE {
        scan_string_plain_inline(bytes, pos + 1)?
    } else {
        scan_string(bytes, pos + 1)?
    };
    if bytes.get(quote + 1) == Some(&b':') {
        return Ok((quote + 2, quote, escaped)); // the common case: no whitespace before it
    }
    let colon = skip_ws(bytes, quote + 1);
    if bytes.get(colon) != Some(&b':') {
        return fail("expected ':' after the object key", colon);
    }
    Ok((colon + 1, quote, escaped))
}

/// After a member (in an object) or an element (in an array), skips whitespace and expects a
/// comma or the closing bracket: returns the offset after it and whether a comma (more to come)
/// was found.
#[inline(always)]
fn scan_comma_or_close(bytes: &[u8], mut pos: usize, object: bool) -> Scan<(usize, bool)> {
    loop {
        match (bytes.get(pos), object) {
            (Some(b' ' | b'\n' | b'\r' | b'\t'), _) => pos = skip_ws(bytes, pos + 1),
            (Some(b','), _) => return Ok((pos + 1, true)),
            (Some(b'}'), true) | (Some(b']'), false) => return Ok((pos + 1, false)),
            (Some(_), true) => return fail("expected ',' or '}' after the object member", pos),
            (Some(_), false) => return fail("expected ',' or ']' after the array element", pos),
            (None, true) => return fail("unexpected end of input inside an object", pos),
            (None, false) => return fail("unexpected end of input inside an array", pos),
        }
    }
}

const NESTED_TOO_DEEP: &str = "objects and arrays nested more than 10000 deep";

/// Whether each open container is an object (1) or an array (0): a stack of bits,
/// [`MAX_DEPTH`] / 8 bytes at most, on the stack and never zeroed as a whole. The innermost
/// levels live in a register word, innermost in bit 0; each time nesting reaches a multiple of
/// 64 the word is saved, and it is restored when nesting comes back down to that multiple.
struct Nesting<'s> {
    /// The levels since the last multiple of 64, the innermost in bit 0.
    top: u64,
    /// `spilled[k]` holds what `top` held when nesting rose to level `64 * k`: the levels
    /// `64 * (k - 1)..64 * k` (`spilled[0]` holds nothing of use). Only the words up to the
    /// innermost multiple of 64 are initialized. Lent by the caller: a local of the caller's
    /// frame is left uninitialized, where one built inside this struct was zeroed.
    spilled: &'s mut MaybeUninit<Spilled>,
    /// How many containers are open.
    level: usize,
}

type Spilled = [u64; MAX_DEPTH / 64 + 1];

impl<'s> Nesting<'s> {
    #[inline(always)]
    fn new(spilled: &'s mut MaybeUninit<Spilled>) -> Self {
        Nesting {
            top: 0,
            spilled,
            level: 0,
        }
    }

    /// Opens a container; the caller has checked that `level < MAX_DEPTH`.
    #[inline(always)]
    fn push(&mut self, object: bool) {
        if self.level % 64 == 0 {
            let word = self.level / 64;
            assert!(word < MAX_DEPTH / 64 + 1); // the caller's check; spares an unsafe one
                                                // SAFETY: in bounds (checked above); writing needs no initialized memory.
            unsafe {
                self.spilled
                    .as_mut_ptr()
                    .cast::<u64>()
                    .add(word)
                    .write(self.top)
            };
        }
        self.top = (self.top << 1) | u64::from(object);
        self.level += 1;
    }

    /// Closes the innermost container (one is open); returns whether the one now innermost is
    /// an object (meaningless when none is left open).
    #[inline(always)]
    fn pop(&mut self) -> bool {
        self.level -= 1;
        self.top >>= 1;
        if self.level % 64 == 0 {
            // SAFETY: `push` wrote this word (in bounds: it checked) when nesting last rose to
            // this level, which it must have done to be above it.
            self.top = unsafe {
                self.spilled
                    .as_ptr()
                    .cast::<u64>()
                    .add(self.level / 64)
                    .read()
            };
        }
        self.top & 1 == 1
    }
}

/// Validates the value at `pos` (whitespace allowed before it) without recursion and without
/// allocating; returns the offset after it. `depth` counts the containers open around it.
#[inline(always)]
fn skip_value_at(bytes: &[u8], pos: usize, depth: usize) -> Scan<usize> {
    // Scalars, the most common values, need no container stack.
    match bytes.get(pos) {
        Some(b'"') => Ok(scan_string_plain_inline(bytes, pos + 1)?.0 + 1),
        Some(b'-' | b'0'..=b'9') => Ok(scan_number(bytes, pos)?.0),
        _ => skip_any_value_at(bytes, pos, depth),
    }
}

/// [`skip_value_at`] for any value, containers included.
#[cfg_attr(monaca_ship, optimize(speed))]
fn skip_any_value_at(bytes: &[u8], mut pos: usize, depth: usize) -> Scan<usize> {
    // The open containers; `object` caches whether the innermost one is an object.
    let mut spilled = MaybeUninit::uninit();
    let mut nesting = Nesting::new(&mut spilled);
    let mut object = false;
    // Whitespace is matched as one more case of each `match` rather than skipped before it:
    // compact JSON, the common case, then costs no separate check per token.
    'value: loop {
        match bytes.get(pos) {
            Some(b' ' | b'\n' | b'\r' | b'\t') => {
                pos = skip_ws(bytes, pos + 1);
                continue 'value;
            }
            Some(&open @ (b'{' | b'[')) => {
                if depth + nesting.level >= MAX_DEPTH {
                    return fail(NESTED_TOO_DEEP, pos);
                }
                let is_object = open == b'{';
                pos = skip_ws(bytes, pos + 1);
                if bytes.get(pos) == Some(if is_object { &b'}' } else { &b']' }) {
                    pos += 1; // empty: a complete value
                } else {
                    object = is_object;
                    nesting.push(object);
                    if object {
                        pos = scan_key_colon::<false>(bytes, pos)?.0;
                    }
                    continue 'value;
                }
            }
            Some(b'"') => pos = scan_string(bytes, pos + 1)?.0 + 1,
            Some(b'-' | b'0'..=b'9') => pos = scan_number(bytes, pos)?.0,
            Some(b't') => pos = scan_literal(bytes, pos, b"true")?,
            Some(b'f') => pos = scan_literal(bytes, pos, b"false")?,
            Some(b'n') => pos = scan_literal(bytes, pos, b"null")?,
            Some(_) => return fail("expected a JSON value", pos),
            None => return fail("unexpected end of input where a value was expected", pos),
        }
        // A value is complete: close containers until one continues with a comma.
        while nesting.level > 0 {
            let (after, comma) = scan_comma_or_close(bytes, pos, object)?;
            pos = after;
            if comma {
                if object {
                    pos = scan_key_colon::<false>(bytes, skip_ws(bytes, pos))?.0;
                }
                continue 'value;
            }
            object = nesting.pop();
        }
        return Ok(pos);
    }
}

/// A cursor over bytes that validates JSON (and the UTF-8 of its strings) as it goes.
pub struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Scanner { bytes, pos: 0 }
    }

    /// A scanner whose cursor starts at `pos` (after a byte order mark, say); offsets in its
    /// errors still count from the start of `bytes`.
    pub fn at(bytes: &'a [u8], pos: usize) -> Self {
        Scanner { bytes, pos }
    }

    fn error<T>(&self, reason: &'static str) -> Scan<T> {
        fail(reason, self.pos)
    }

    /// Skips whitespace and returns the next byte, if any.
    #[inline]
    pub fn peek(&mut self) -> Option<u8> {
        self.pos = skip_ws(self.bytes, self.pos);
        self.bytes.get(self.pos).copied()
    }

    /// The offset of the cursor in the bytes.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// The text from `start` (an offset this scanner was at, at a token's start) to the cursor.
    pub fn text_since(&self, start: usize) -> &'a str {
        accepted(&self.bytes[start..self.pos])
    }

    /// The type of the value that starts at the cursor (after whitespace), if one can start there.
    #[inline]
    pub fn peek_type(&mut self) -> Option<ValueType> {
        self.peek().and_then(ValueType::of_first_byte)
    }

    /// Fails unless only whitespace is left.
    pub fn finish(&mut self) -> Scan<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => self.error("unexpected characters after the JSON value"),
        }
    }

    /// Walks an object whose `{` is at the cursor. For each member, `member` is called with the
    /// key and the scanner positioned at the member's value, which it must consume.
    /// `depth` counts the containers already open around this object.
    #[inline]
    pub fn object(
        &mut self,
        depth: usize,
        mut member: impl FnMut(&mut Self, RawStr<'a>) -> Scan<()>,
    ) -> Scan<()> {
        self.enter(depth)?;
        let mut first = true;
        while let Some(key) = self.next_member(first)? {
            member(self, key)?;
            first = false;
        }
        Ok(())
    }

    /// Walks an array whose `[` is at the cursor; `element` consumes each element.
    pub fn array(
        &mut self,
        depth: usize,
        mut element: impl FnMut(&mut Self) -> Scan<()>,
    ) -> Scan<()> {
        self.enter(depth)?;
        let mut first = true;
        while self.next_element(first)? {
            element(self)?;
            first = false;
        }
        Ok(())
    }

    /// Steps into the object or array whose `{` or `[` is at the cursor; `depth` counts the
    /// containers already open around it. Then call [`Scanner::next_member`] or
    /// [`Scanner::next_element`] until they report the end.
    #[inline(always)]
    pub fn enter(&mut self, depth: usize) -> Scan<()> {
        if depth >= MAX_DEPTH {
            return self.error(NESTED_TOO_DEEP);
        }
        self.pos += 1; // the '{' or '[' the caller saw
        Ok(())
    }

    /// In an object entered with [`Scanner::enter`]: moves past the comma (unless `first`) and
    /// the next key and colon, and returns the key, the cursor then at the member's value
    /// (which the caller must consume); or moves past the closing `}` and returns `None`.
    #[inline(always)]
    pub fn next_member(&mut self, first: bool) -> Scan<Option<RawStr<'a>>> {
        if first {
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Ok(None);
            }
        } else {
            let (after, comma) = scan_comma_or_close(self.bytes, self.pos, true)?;
            self.pos = after;
            if !comma {
                return Ok(None);
            }
        }
        let start = skip_ws(self.bytes, self.pos);
        let (after, quote, escaped) = scan_key_colon::<true>(self.bytes, start)?;
        self.pos = after;
        Ok(Some(RawStr {
            raw: accepted(&self.bytes[start + 1..quote]),
            escaped,
        }))
    }

    /// In an array entered with [`Scanner::enter`]: moves past the comma (unless `first`) and
    /// returns true, the cursor then at the next element (which the caller must consume); or
    /// moves past the closing `]` and returns false.
    #[inline(always)]
    pub fn next_element(&mut self, first: bool) -> Scan<bool> {
        if first {
            if self.peek() == Some(b']') {
                self.pos += 1;
                return Ok(false);
            }
            return Ok(true);
        }
        let (after, comma) = scan_comma_or_close(self.bytes, self.pos, false)?;
        self.pos = after;
        Ok(comma)
    }

    /// Validates the value at the cursor and returns its exact text.
    #[cfg_attr(monaca_ship, optimize(speed))]
    pub fn value(&mut self, depth: usize) -> Scan<&'a str> {
        let start = skip_ws(self.bytes, self.pos);
        self.pos = skip_value_at(self.bytes, start, depth)?;
        Ok(accepted(&self.bytes[start..self.pos]))
    }

    /// Validates and skips the value at the cursor.
    #[cfg_attr(monaca_ship, optimize(speed))]
    pub fn skip_value(&mut self, depth: usize) -> Scan<()> {
        self.pos = skip_value_at(self.bytes, self.pos, depth)?;
        Ok(())
    }

    /// Scans the string literal at the cursor and returns its undecoded contents.
    #[inline(always)]
    pub fn string(&mut self) -> Scan<RawStr<'a>> {
        debug_assert_eq!(self.bytes.get(self.pos), Some(&b'"'));
        let start = self.pos + 1;
        let (quote, escaped) = scan_string_plain_inline(self.bytes, start)?;
        self.pos = quote + 1;
        Ok(RawStr {
            raw: accepted(&self.bytes[start..quote]),
            escaped,
        })
    }

    /// Scans the number at the cursor; returns its text and whether it is an integer (no
    /// fraction, no exponent).
    pub fn number(&mut self) -> Scan<(&'a str, bool)> {
        let start = self.pos;
        let (end, integer) = scan_number(self.bytes, start)?;
        self.pos = end;
        Ok((accepted(&self.bytes[start..end]), integer))
    }
}

/// Checks that `text` is exactly one JSON value, with optional whitespace around it, and returns
/// the value's text without that whitespace.
pub fn validate(text: &str) -> Scan<&str> {
    let mut scanner = Scanner::new(text.as_bytes());
    let value = scanner.value(0)?;
    scanner.finish()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(raw_literal: &str) -> String {
        let mut scanner = Scanner::new(raw_literal.as_bytes());
        let raw = scanner.string().expect("valid literal");
        let mut out = String::new();
        raw.decode_into(&mut out);
        assert!(raw.eq_str(&out), "eq_str agrees with decode_into");
        out
    }

    #[test]
    fn accepts_every_kind_of_value_and_returns_its_exact_text() {
        for text in [
            "{}",
            "[]",
            "0",
            "-0",
            "-12.5e+3",
            "1E-2",
            "true",
            "false",
            "null",
            r#""a\"b\\c\/\b\f\n\r\t\u00e9""#,
            r#"{"a":[1,{"b":null}],"a":"dup"}"#,
            "\"東京 🎉\"",
        ] {
            assert_eq!(validate(&format!(" \n\t{text}\r ")), Ok(text), "{text}");
        }
    }

    #[test]
    fn rejects_bad_grammar_with_the_offset_of_the_fault() {
        let cases = [
            ("", 0, "unexpected end of input where a value was expected"),
            ("[1,]", 3, "expected a JSON value"),
            ("{\"a\" 1}", 5, "expected ':' after the object key"),
            ("{\"a\":1,}", 7, "expected a string key in the object"),
            (
                "{\"a\":1 \"b\":2}",
                7,
                "expected ',' or '}' after the object member",
            ),
            ("[1 2]", 3, "expected ',' or ']' after the array element"),
            ("01", 1, "leading zero in a number"),
            ("1.", 2, "expected a digit after the decimal point"),
            ("1e", 2, "expected a digit in the exponent"),
            ("-", 1, "expected a digit in a number"),
            ("tru", 0, "invalid literal (expected true, false or null)"),
            ("\"a\u{1}\"", 2, "unescaped control character in a string"),
            ("\"\\x\"", 2, "invalid escape in a string"),
            (
                "\"\\u12G4\"",
                5,
                "invalid \\u escape (expected 4 hex digits)",
            ),
            ("\"abc", 4, "unexpected end of input inside a string"),
            ("[1", 2, "unexpected end of input inside an array"),
            ("{\"a\":1", 6, "unexpected end of input inside an object"),
            ("{} {}", 3, "unexpected characters after the JSON value"),
        ];
        for (text, offset, reason) in cases {
            assert_eq!(
                validate(text),
                Err(SyntaxError { reason, offset }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn limits_nesting_without_recursing_past_the_limit() {
        assert_eq!(
            NESTED_TOO_DEEP,
            format!("objects and arrays nested more than {MAX_DEPTH} deep")
        );
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(validate(&ok).is_ok());
        let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(
            validate(&too_deep),
            Err(SyntaxError {
                reason: NESTED_TOO_DEEP,
                offset: MAX_DEPTH
            })
        );
        let huge = "[".repeat(1_000_000);
        assert_eq!(validate(&huge).unwrap_err().offset, MAX_DEPTH);
        let huge = "{\"a\":".repeat(1_000_000);
        assert_eq!(validate(&huge).unwrap_err().reason, NESTED_TOO_DEEP);
    }

    /// Mixed objects and arrays, nested across several 64-level words of the bit stack and
    /// back: every closing bracket is checked against the kind of its container.
    #[test]
    fn nesting_remembers_each_level_kind_across_words() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for round in 0..200 {
            let depth = 1 + round * 37 % 300;
            let mut kinds = Vec::new();
            let mut text = String::new();
            for _ in 0..depth {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let object = state & 1 == 1;
                text.push_str(if object { "{\"k\":" } else { "[0," });
                kinds.push(object);
            }
            text.push_str("null");
            let good: String = kinds
                .iter()
                .rev()
                .map(|&o| if o { '}' } else { ']' })
                .collect();
            assert_eq!(
                validate(&(text.clone() + &good)),
                Ok(&*(text.clone() + &good))
            );
            // Swap one closing bracket for the other kind: refused exactly there.
            let wrong_at = round % depth;
            let mut bad: Vec<char> = good.chars().collect();
            bad[wrong_at] = if bad[wrong_at] == '}' { ']' } else { '}' };
            let bad: String = bad.into_iter().collect();
            let error = validate(&(text.clone() + &bad)).unwrap_err();
            assert_eq!(error.offset, text.len() + wrong_at, "depth {depth}");
        }
    }

    #[test]
    fn string_scanning_finds_specials_at_every_position_of_a_word() {
        for at in 0..20 {
            for special in ["\\n", "\"", "\u{1f}"] {
                let text = format!("\"{}{}{}\"", "à".repeat(at / 2), special, "b".repeat(9));
                let at = at / 2 * 2;
                let result = validate(&text);
                match special {
                    "\\n" => assert!(result.is_ok()),
                    "\"" => assert_eq!(result.unwrap_err().offset, at + 2),
                    _ => assert_eq!(result.unwrap_err().offset, at + 1),
                }
            }
        }
    }

    #[test]
    fn string_specials_marks_every_special_byte_and_the_first_exactly() {
        let special = |b: u8| b == b'"' || b == b'\\' || !(0x20..0x80).contains(&b);
        let alphabet = [
            0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0x81,
            0x9F, 0xA0, 0xA2, 0xDC, 0xFE, 0xFF, b'a', b'0',
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..1_000_000 {
            let mut bytes = [0u8; 8];
            for byte in &mut bytes {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                *byte = alphabet[(state >> 33) as usize % alphabet.len()];
            }
            let marks = string_specials(u64::from_le_bytes(bytes));
            let first = bytes.iter().position(|&b| special(b));
            assert_eq!(
                (marks != 0).then(|| (marks.trailing_zeros() / 8) as usize),
                first,
                "{bytes:x?}"
            );
            for (at, &b) in bytes.iter().enumerate() {
                if special(b) {
                    assert_ne!(marks & (0x80 << (8 * at)), 0, "{bytes:x?} byte {at}");
                }
            }
        }
    }

    #[test]
    fn utf8_sequences_are_checked_as_the_standard_library_checks_them() {
        let samples = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xF4, 0xFF,
        ];
        for lead in 0x80..=0xFFu8 {
            for second in 0..=0xFFu8 {
                for third in samples {
                    for fourth in samples {
                        let buf = [lead, second, third, fourth];
                        let oracle = (1..=4).find(|&n| std::str::from_utf8(&buf[..n]).is_ok());
                        assert_eq!(utf8_char_end(&buf, 0), oracle, "{buf:x?}");
                    }
                }
            }
        }
    }

    #[test]
    fn strings_with_invalid_utf8_are_refused_where_the_sequence_starts() {
        for (bytes, offset) in [
            (&b"\"\xFF\""[..], 1),
            (b"\"abc\xC3\"", 4),
            (b"\"abcdefghij\xED\xA0\x80\"", 11), // an encoded surrogate
            (b"\"\xF0\x9F\x8E\"", 1),            // a truncated emoji
            (b"\"0123456789\xC0\xAF\"", 11),     // an overlong '/'
        ] {
            let mut scanner = Scanner::new(bytes);
            assert_eq!(
                scanner.skip_value(0),
                Err(SyntaxError {
                    reason: INVALID_UTF8,
                    offset
                })
            );
        }
        let text = "\"é東京🎉 à\u{a0}\"";
        assert_eq!(validate(text), Ok(text));
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        assert_eq!(decode(r#""plain""#), "plain");
        assert_eq!(decode(r#""a\"b\\c\/d""#), "a\"b\\c/d");
        assert_eq!(decode(r#""\b\f\n\r\t""#), "\u{8}\u{c}\n\r\t");
        assert_eq!(decode(r#""\u0000x""#), "\0x");
        assert_eq!(decode(r#""\u00e9\u2028""#), "é\u{2028}");
        assert_eq!(decode(r#""\ud83c\udf89""#), "🎉");
        assert_eq!(decode(r#""\uD83C\uDF89""#), "🎉");
        // Lone surrogates are replaced, and the escape after a lone high one is kept.
        assert_eq!(decode(r#""\ud800""#), "\u{FFFD}");
        assert_eq!(decode(r#""\udc00x""#), "\u{FFFD}x");
        assert_eq!(decode(r#""\ud800\u0041""#), "\u{FFFD}A");
        assert_eq!(decode(r#""\ud800\ud800\udc00""#), "\u{FFFD}\u{10000}");
    }

    #[test]
    fn eq_str_compares_decoded_text() {
        let mut scanner = Scanner::new(br#""\u0065rror""#);
        let key = scanner.string().unwrap();
        assert!(key.eq_str("error"));
        assert!(!key.eq_str("errors"));
        assert!(!key.eq_str("erro"));
    }

    #[test]
    fn number_reports_integer_syntax() {
        for (text, integer) in [("0", true), ("-7", true), ("1.0", false), ("1e3", false)] {
            let mut scanner = Scanner::new(text.as_bytes());
            assert_eq!(scanner.number(), Ok((text, integer)));
        }
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncé\nxyz";
        // 'é' is two bytes but one column.
        for (offset, line, column) in [(0, 1, 1), (3, 2, 1), (6, 2, 3), (9, 3, 3)] {
            assert_eq!(
                Position::of(text.as_bytes(), offset),
                Position { line, column }
            );
        }
    }
}
