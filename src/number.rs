//! The exact value of a JSON number as a 64-bit integer, however it is written: `1e3`, `11.0`,
//! `-3.2602e4` and `-0.0` are the integers JavaScript reads them as (1000, 11, -32602, 0).
//!
//! Decided on the decimal digits, never through floating point, so a huge exponent (`1e400`)
//! or a long fraction (`11.000…0001`) cannot be rounded into an integer it is not.

/// Why a JSON number is not a 64-bit integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NotAnI64 {
    /// Its value has a fractional part.
    Fractional,
    /// It is an integer outside `i64::MIN..=i64::MAX`.
    OutOfRange,
}

/// The value of `text`, a number the scanner accepted (RFC 8259 grammar), if it is an integer
/// that fits in an `i64`.
pub(crate) fn exact_i64(text: &str) -> Result<i64, NotAnI64> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], exponent_value(&unsigned[at + 1..])),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The value is `digits` (whole then fraction, as one decimal integer) times 10^scale.
    let digits = || whole.bytes().chain(fraction.bytes());
    let count = whole.len() + fraction.len();
    let leading_zeros = digits().take_while(|&d| d == b'0').count();
    if leading_zeros == count {
        return Ok(0); // every digit is 0: zero, whatever the sign and exponent
    }
    // Move trailing zeros into the scale, so the last significant digit is not 0: then a
    // negative scale means a fractional part.
    let trailing_zeros = digits().rev().take_while(|&d| d == b'0').count();
    let significant = count - leading_zeros - trailing_zeros;
    let scale = exponent - fraction.len() as i128 + trailing_zeros as i128;
    if scale < 0 {
        return Err(NotAnI64::Fractional);
    }
    // |i64::MIN| has 19 digits; anything longer is out of range without computing it.
    if significant as i128 + scale > 19 {
        return Err(NotAnI64::OutOfRange);
    }
    let mut magnitude: i128 = 0;
    for digit in digits().skip(leading_zeros).take(significant) {
        magnitude = magnitude * 10 + i128::from(digit - b'0');
    }
    magnitude *= 10i128.pow(scale as u32);
    let value = if negative { -magnitude } else { magnitude };
    i64::try_from(value).map_err(|_| NotAnI64::OutOfRange)
}

/// The exponent after the `e`: a sign and digits. Saturates far beyond any length a body can
/// have, so that `1e99999999999999999999999` is simply huge.
fn exponent_value(text: &str) -> i128 {
    const SATURATED: i128 = 1 << 80;
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = digits.bytes().fold(0i128, |value, digit| {
        (value * 10 + i128::from(digit - b'0')).min(SATURATED)
    });
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_numbers_in_any_notation_are_their_integer() {
        for (text, value) in [
            ("0", 0),
            ("-0", 0),
            ("-0.0", 0),
            ("0e-999", 0),
            ("0.000e99999999999999999999", 0),
            ("11", 11),
            ("11.0", 11),
            ("11.000000000000000000000000000", 11),
            ("1e3", 1000),
            ("1E3", 1000),
            ("1e+3", 1000),
            ("1.5e1", 15),
            ("-3.2602e4", -32602),
            ("32602000e-3", 32602),
            ("0.0011e4", 11),
            ("9223372036854775807", i64::MAX),
            ("-9223372036854775808", i64::MIN),
            ("9.223372036854775807e18", i64::MAX),
            ("-92233720368547758.08e2", i64::MIN),
            ("0000.1e1", 1),
        ] {
            assert_eq!(exact_i64(text), Ok(value), "{text}");
        }
    }

    #[test]
    fn fractions_are_refused_however_small() {
        let long = format!("11.{}1", "0".repeat(400));
        for text in [
            "11.5",
            "0.1",
            "-0.5",
            "1e-1",
            "1.25e1",
            &long,
            "123456789e-5",
            "32602e-3",
        ] {
            assert_eq!(exact_i64(text), Err(NotAnI64::Fractional), "{text}");
        }
    }

    #[test]
    fn integers_outside_i64_are_out_of_range() {
        let huge = format!("1{}", "0".repeat(400));
        for text in [
            "9223372036854775808",
            "-9223372036854775809",
            "1e19",
            "1e400",
            "-1e400",
            "1e99999999999999999999999999999999",
            "9.223372036854775808e18",
            &huge,
        ] {
            assert_eq!(exact_i64(text), Err(NotAnI64::OutOfRange), "{text}");
        }
    }

    #[test]
    fn agrees_with_the_standard_library_on_every_plain_integer_it_can_read() {
        for value in [i64::MIN, -32602, -1, 0, 1, 4, 9999, 10000, i64::MAX] {
            let text = value.to_string();
            assert_eq!(exact_i64(&text), Ok(value));
            assert_eq!(exact_i64(&format!("{text}.000")), Ok(value));
            assert_eq!(exact_i64(&format!("{text}0e-1")), Ok(value));
        }
    }
}
