//! A validating JSON scanner over text that is already known to be UTF-8.
//!
//! It checks the grammar of RFC 8259 without building a tree: callers walk objects and arrays
//! with closures, keep raw slices of the values they care about and skip the rest. Skipping a
//! value costs no allocation, and nesting is limited to [`MAX_DEPTH`] containers, so neither a
//! large nor a deeply nested body can exhaust memory or the stack.

use std::fmt;

/// The deepest nesting of objects and arrays accepted anywhere in a body.
pub const MAX_DEPTH: usize = 128;

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
    pub fn eq_str(&self, plain: &str) -> bool {
        if !self.escaped {
            return self.raw == plain;
        }
        let mut expected = plain.chars();
        Unescape::new(self.raw).all(|c| expected.next() == Some(c)) && expected.next().is_none()
    }

    /// Appends the decoded string to `out`. A lone surrogate escape becomes U+FFFD.
    pub fn decode_into(&self, out: &mut String) {
        if !self.escaped {
            out.push_str(self.raw);
            return;
        }
        let mut rest = self.raw;
        while let Some(backslash) = rest.find('\\') {
            out.push_str(&rest[..backslash]);
            let mut decoder = Unescape::new(&rest[backslash..]);
            if let Some(c) = decoder.next() {
                out.push(c);
            }
            rest = decoder.rest;
        }
        out.push_str(rest);
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

/// Whether any byte of `word` is a quote, a backslash or a control character (< 0x20).
#[inline(always)]
fn has_string_special(word: u64) -> bool {
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    (zero_byte(quote) | zero_byte(backslash) | below_space) & HIGHS != 0
}

/// A cursor over UTF-8 text that validates JSON as it goes.
pub struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str) -> Self {
        Scanner { text, pos: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn error<T>(&self, reason: &'static str) -> Scan<T> {
        Err(SyntaxError {
            reason,
            offset: self.pos,
        })
    }

    /// Skips whitespace and returns the next byte, if any.
    #[inline]
    pub fn peek(&mut self) -> Option<u8> {
        let bytes = self.bytes();
        while let Some(&b) = bytes.get(self.pos) {
            match b {
                b' ' | b'\n' | b'\r' | b'\t' => self.pos += 1,
                _ => return Some(b),
            }
        }
        None
    }

    /// The type of the value that starts at the cursor (after whitespace), if one can start there.
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
    pub fn object(
        &mut self,
        depth: usize,
        mut member: impl FnMut(&mut Self, RawStr<'a>) -> Scan<()>,
    ) -> Scan<()> {
        self.open(depth)?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            if self.peek() != Some(b'"') {
                return self.error("expected a string key in the object");
            }
            let key = self.string()?;
            if self.peek() != Some(b':') {
                return self.error("expected ':' after the object key");
            }
            self.pos += 1;
            member(self, key)?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => return self.error("expected ',' or '}' after the object member"),
                None => return self.error("unexpected end of input inside an object"),
            }
        }
    }

    /// Walks an array whose `[` is at the cursor; `element` consumes each element.
    pub fn array(
        &mut self,
        depth: usize,
        mut element: impl FnMut(&mut Self) -> Scan<()>,
    ) -> Scan<()> {
        self.open(depth)?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            element(self)?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => return self.error("expected ',' or ']' after the array element"),
                None => return self.error("unexpected end of input inside an array"),
            }
        }
    }

    fn open(&mut self, depth: usize) -> Scan<()> {
        if depth >= MAX_DEPTH {
            return self.error("objects and arrays nested more than 128 deep");
        }
        self.pos += 1; // the '{' or '[' the caller saw
        Ok(())
    }

    /// Validates the value at the cursor and returns its exact text.
    pub fn value(&mut self, depth: usize) -> Scan<&'a str> {
        let start = match self.peek() {
            Some(_) => self.pos,
            None => return self.error("unexpected end of input where a value was expected"),
        };
        self.skip_value(depth)?;
        Ok(&self.text[start..self.pos])
    }

    /// Validates and skips the value at the cursor.
    pub fn skip_value(&mut self, depth: usize) -> Scan<()> {
        match self.peek() {
            Some(b'{') => self.object(depth, |s, _| s.skip_value(depth + 1)),
            Some(b'[') => self.array(depth, |s| s.skip_value(depth + 1)),
            Some(b'"') => self.string().map(drop),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(_) => self.error("expected a JSON value"),
            None => self.error("unexpected end of input where a value was expected"),
        }
    }

    fn literal(&mut self, word: &'static str) -> Scan<()> {
        if self.bytes()[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            self.error("invalid literal (expected true, false or null)")
        }
    }

    /// Scans the string literal at the cursor and returns its undecoded contents.
    pub fn string(&mut self) -> Scan<RawStr<'a>> {
        let bytes = self.bytes();
        debug_assert_eq!(bytes.get(self.pos), Some(&b'"'));
        self.pos += 1;
        let start = self.pos;
        let mut escaped = false;
        loop {
            // Eight bytes at a time while none of them needs a closer look.
            while let Some(chunk) = bytes.get(self.pos..self.pos + 8) {
                let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                if has_string_special(word) {
                    break;
                }
                self.pos += 8;
            }
            match bytes.get(self.pos) {
                Some(b'"') => {
                    let raw = &self.text[start..self.pos];
                    self.pos += 1;
                    return Ok(RawStr { raw, escaped });
                }
                Some(b'\\') => {
                    escaped = true;
                    self.escape()?;
                }
                Some(0..=0x1F) => return self.error("unescaped control character in a string"),
                Some(_) => self.pos += 1,
                None => return self.error("unexpected end of input inside a string"),
            }
        }
    }

    fn escape(&mut self) -> Scan<()> {
        let bytes = self.bytes();
        self.pos += 1; // the backslash
        match bytes.get(self.pos) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.pos += 1;
                Ok(())
            }
            Some(b'u') => {
                self.pos += 1;
                for _ in 0..4 {
                    match bytes.get(self.pos) {
                        Some(b) if b.is_ascii_hexdigit() => self.pos += 1,
                        Some(_) => return self.error("invalid \\u escape (expected 4 hex digits)"),
                        None => return self.error("unexpected end of input inside a string"),
                    }
                }
                Ok(())
            }
            Some(_) => self.error("invalid escape in a string"),
            None => self.error("unexpected end of input inside a string"),
        }
    }

    /// Scans the number at the cursor; returns its text and whether it is an integer (no
    /// fraction, no exponent).
    pub fn number(&mut self) -> Scan<(&'a str, bool)> {
        let bytes = self.bytes();
        let start = self.pos;
        let digits = |pos: &mut usize| {
            let first = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos - first
        };
        if bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        match bytes.get(self.pos) {
            Some(b'0') => {
                self.pos += 1;
                if bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                    return self.error("leading zero in a number");
                }
            }
            Some(b'1'..=b'9') => {
                digits(&mut self.pos);
            }
            _ => return self.error("expected a digit in a number"),
        }
        let mut integer = true;
        if bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            integer = false;
            if digits(&mut self.pos) == 0 {
                return self.error("expected a digit after the decimal point");
            }
        }
        if let Some(b'e' | b'E') = bytes.get(self.pos) {
            self.pos += 1;
            integer = false;
            if let Some(b'+' | b'-') = bytes.get(self.pos) {
                self.pos += 1;
            }
            if digits(&mut self.pos) == 0 {
                return self.error("expected a digit in the exponent");
            }
        }
        Ok((&self.text[start..self.pos], integer))
    }
}

/// Checks that `text` is exactly one JSON value, with optional whitespace around it, and returns
/// the value's text without that whitespace.
pub fn validate(text: &str) -> Scan<&str> {
    let mut scanner = Scanner::new(text);
    let value = scanner.value(0)?;
    scanner.finish()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(raw_literal: &str) -> String {
        let mut scanner = Scanner::new(raw_literal);
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
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(validate(&ok).is_ok());
        let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(
            validate(&too_deep).unwrap_err().reason,
            "objects and arrays nested more than 128 deep"
        );
        let huge = "[".repeat(1_000_000);
        assert_eq!(validate(&huge).unwrap_err().offset, MAX_DEPTH);
    }

    #[test]
    fn string_scanning_finds_specials_at_every_position_of_a_word() {
        for at in 0..20 {
            for special in ["\\n", "\"", "\u{1f}"] {
                let text = format!("\"{}{}{}\"", "a".repeat(at), special, "b".repeat(9));
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
        let mut scanner = Scanner::new(r#""\u0065rror""#);
        let key = scanner.string().unwrap();
        assert!(key.eq_str("error"));
        assert!(!key.eq_str("errors"));
        assert!(!key.eq_str("erro"));
    }

    #[test]
    fn number_reports_integer_syntax() {
        for (text, integer) in [("0", true), ("-7", true), ("1.0", false), ("1e3", false)] {
            let mut scanner = Scanner::new(text);
            assert_eq!(scanner.number(), Ok((text, integer)));
        }
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncé\nxyz";
        assert_eq!(
            Position::of(text.as_bytes(), 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of(text.as_bytes(), 3),
            Position { line: 2, column: 1 }
        );
        // 'é' is two bytes but one column.
        assert_eq!(
            Position::of(text.as_bytes(), 6),
            Position { line: 2, column: 3 }
        );
        assert_eq!(
            Position::of(text.as_bytes(), 9),
            Position { line: 3, column: 3 }
        );
    }
}
