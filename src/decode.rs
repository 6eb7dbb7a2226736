//! A response body's text as a browser decodes it before Monaca's SDK hands it to
//! `JSON.parse`: a byte order mark picks the encoding and is dropped (UTF-8, UTF-16 LE or BE;
//! UTF-8 without one), and every invalid UTF-8 sequence becomes U+FFFD, one for each maximal
//! subpart (the WHATWG "UTF-8 decode" rule, which the standard library's lossy decoding
//! follows).
//!
//! Valid UTF-8 is never copied: classification reads such a body in place, and only a body
//! that needs decoding costs an allocation.

/// The encoding a body's first bytes announce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bom {
    /// No byte order mark: UTF-8.
    None,
    /// EF BB BF: UTF-8, the text starts after these three bytes.
    Utf8,
    /// FF FE: UTF-16, little-endian.
    Utf16Le,
    /// FE FF: UTF-16, big-endian.
    Utf16Be,
}

pub(crate) const UTF8_BOM_LEN: usize = 3;

/// The byte order mark at the start of `body`.
pub(crate) fn sniff(body: &[u8]) -> Bom {
    match body {
        [0xEF, 0xBB, 0xBF, ..] => Bom::Utf8,
        [0xFF, 0xFE, ..] => Bom::Utf16Le,
        [0xFE, 0xFF, ..] => Bom::Utf16Be,
        _ => Bom::None,
    }
}

/// The text of a UTF-16 body after its two-byte mark: unpaired surrogates and an odd last
/// byte each become U+FFFD.
#[cfg_attr(monaca_ship, optimize(size))]
pub(crate) fn utf16(body: &[u8], little_endian: bool) -> String {
    let chars = || {
        let units = body[2..].chunks_exact(2).map(|pair| {
            let pair = [pair[0], pair[1]];
            if little_endian {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        let odd_byte = (body.len() % 2 == 1).then_some(char::REPLACEMENT_CHARACTER);
        char::decode_utf16(units)
            .map(|unit| unit.unwrap_or(char::REPLACEMENT_CHARACTER))
            .chain(odd_byte)
    };
    // Measured first, so the text is allocated once at its exact size.
    let mut text = String::with_capacity(chars().map(char::len_utf8).sum());
    text.extend(chars());
    text
}

/// The body cut into runs of valid UTF-8, each followed by the length of the invalid
/// sequence (a maximal subpart) after it, 0 for the last run.
fn utf8_chunks(body: &[u8]) -> impl Iterator<Item = (&str, usize)> {
    let mut rest = Some(body);
    std::iter::from_fn(move || {
        let bytes = rest?;
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                rest = None;
                Some((valid, 0))
            }
            Err(error) => {
                let valid_len = error.valid_up_to();
                let invalid = error.error_len().unwrap_or(bytes.len() - valid_len);
                rest = Some(&bytes[valid_len + invalid..]);
                // Checked again rather than trusted: this path is rare, and no unsafe is needed.
                let valid = std::str::from_utf8(&bytes[..valid_len]).unwrap_or_default();
                Some((valid, invalid))
            }
        }
    })
}

/// The text of a UTF-8 body with each invalid sequence replaced by U+FFFD, in one allocation
/// of the exact size.
#[cfg_attr(monaca_ship, optimize(size))]
pub(crate) fn utf8_lossy(body: &[u8]) -> String {
    let replacement_len = char::REPLACEMENT_CHARACTER.len_utf8();
    let size = utf8_chunks(body)
        .map(|(valid, invalid)| valid.len() + if invalid > 0 { replacement_len } else { 0 })
        .sum();
    let mut text = String::with_capacity(size);
    for (valid, invalid) in utf8_chunks(body) {
        text.push_str(valid);
        if invalid > 0 {
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    text
}

/// The offset in `body` of the byte that `decoded_offset` in [`utf8_lossy`]`(body)` came from
/// (each U+FFFD maps to the start of the sequence it replaced).
#[cfg_attr(monaca_ship, optimize(size))]
pub(crate) fn original_offset(body: &[u8], decoded_offset: usize) -> usize {
    let replacement_len = char::REPLACEMENT_CHARACTER.len_utf8();
    let (mut original, mut decoded) = (0, 0);
    for (valid, invalid) in utf8_chunks(body) {
        if decoded_offset <= decoded + valid.len() || invalid == 0 {
            return original + (decoded_offset - decoded).min(valid.len());
        }
        original += valid.len();
        decoded += valid.len();
        if decoded_offset < decoded + replacement_len {
            return original;
        }
        original += invalid;
        decoded += replacement_len;
    }
    original
}

/// Whether the bytes at `offset` do not start a well-formed UTF-8 sequence.
#[cfg_attr(monaca_ship, optimize(size))]
pub(crate) fn invalid_utf8_at(body: &[u8], offset: usize) -> bool {
    let window = &body[offset.min(body.len())..body.len().min(offset + 4)];
    matches!(std::str::from_utf8(window), Err(error) if error.valid_up_to() == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_three_byte_order_marks() {
        assert_eq!(sniff(b"\xEF\xBB\xBF{}"), Bom::Utf8);
        assert_eq!(sniff(b"\xFF\xFE{\x00"), Bom::Utf16Le);
        assert_eq!(sniff(b"\xFE\xFF\x00{"), Bom::Utf16Be);
        for body in [&b"{}"[..], b"", b"\xEF\xBB", b"\xFF", b"\xEF\xBB\xBE"] {
            assert_eq!(sniff(body), Bom::None, "{body:x?}");
        }
    }

    #[test]
    fn decodes_utf16_in_both_byte_orders() {
        let text = "{\"result\":\"é🎉\"}";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(utf16(&le, true), text);
        assert_eq!(utf16(&be, false), text);
        // A lone surrogate and an odd last byte.
        assert_eq!(
            utf16(b"\xFF\xFEA\x00\x00\xD8B\x00\x01", true),
            "A\u{FFFD}B\u{FFFD}"
        );
    }

    #[test]
    fn maps_decoded_offsets_back_to_the_body() {
        // "a" FF "b" C3 "c" F0 9F 8E (truncated at the end)
        let body = b"a\xFFb\xC3c\xF0\x9F\x8E";
        let decoded = utf8_lossy(body);
        assert_eq!(decoded, String::from_utf8_lossy(body));
        assert_eq!(decoded, "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
        assert_eq!(decoded.len(), decoded.capacity());
        for (decoded_offset, original) in [(0, 0), (1, 1), (4, 2), (5, 3), (8, 4), (9, 5)] {
            assert_eq!(
                original_offset(body, decoded_offset),
                original,
                "{decoded_offset}"
            );
        }
        assert_eq!(original_offset(b"plain", 3), 3);
        assert_eq!(original_offset(b"plain", 5), 5);
    }

    #[test]
    fn lossy_decoding_agrees_with_the_standard_library_on_random_bytes() {
        let alphabet = [
            0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF, 0xF0, 0x90,
            0xF4, 0x8F, 0xF5, 0xFF,
        ];
        let mut state = 0x853C_49E6_748F_EA9Bu64;
        for _ in 0..20_000 {
            let mut body = Vec::new();
            for _ in 0..(state >> 60) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                body.push(alphabet[(state >> 33) as usize % alphabet.len()]);
            }
            let decoded = utf8_lossy(&body);
            assert_eq!(decoded, String::from_utf8_lossy(&body), "{body:x?}");
            assert_eq!(decoded.len(), decoded.capacity(), "{body:x?}");
            assert_eq!(
                original_offset(&body, decoded.len()),
                body.len(),
                "{body:x?}"
            );
        }
    }

    #[test]
    fn tells_where_invalid_utf8_starts() {
        let body = b"a\xFF\xC3\xA9\xF0\x9F";
        assert!(!invalid_utf8_at(body, 0));
        assert!(invalid_utf8_at(body, 1));
        assert!(!invalid_utf8_at(body, 2));
        assert!(invalid_utf8_at(body, 4)); // truncated at the end
    }
}
