//! What a JSON number is, decided on its decimal digits, never through floating point: its
//! exact value as a 64-bit integer, however it is written (`1e3`, `11.0`, `-3.2602e4` and
//! `-0.0` are the integers JavaScript reads them as: 1000, 11, -32602, 0), so that a huge
//! exponent (`1e400`) or a long fraction (`11.000…0001`) cannot be rounded into an integer it
//! is not; and the text JavaScript's `String(n)` writes for it (a numeric `loginToken`).
//!
//! No floating-point parsing or formatting is linked: it would add some 24 KiB (tables and
//! algorithms) to every shipped library for the rare numeric login token.

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
#[cfg_attr(monaca_ship, optimize(size))]
pub(crate) fn exact_i64(text: &str) -> Result<i64, NotAnI64> {
    let (negative, whole, fraction, exponent) = written(text);
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

/// A number the scanner accepted (RFC 8259 grammar) as written: whether it has a `-`, the
/// digits before and after the point, and the exponent's value.
#[cfg_attr(monaca_ship, optimize(size))]
fn written(text: &str) -> (bool, &str, &str, i128) {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], exponent_value(&unsigned[at + 1..])),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    (negative, whole, fraction, exponent)
}

/// The parts of a number the scanner accepted: its sign, its significant digits (no leading
/// or trailing zeros; empty for zero) and `n` such that its value is `0.<digits> × 10^n`.
#[cfg_attr(monaca_ship, optimize(size))]
fn decimal_parts(text: &str) -> (bool, &[u8], &[u8], i128) {
    let (negative, whole, fraction, exponent) = written(text);
    let whole = whole.trim_start_matches('0');
    if whole.is_empty() {
        // 0.000ddd: the fraction's leading zeros move into n.
        let digits = fraction.trim_start_matches('0');
        let n = exponent - (fraction.len() - digits.len()) as i128;
        let digits = digits.trim_end_matches('0');
        return (
            negative,
            digits.as_bytes(),
            b"",
            if digits.is_empty() { 0 } else { n },
        );
    }
    let n = exponent + whole.len() as i128;
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        (negative, whole.trim_end_matches('0').as_bytes(), b"", n)
    } else {
        (negative, whole.as_bytes(), fraction.as_bytes(), n)
    }
}

/// What JavaScript's `String(n)` writes for the number `text` (a number the scanner accepted),
/// by ECMAScript's Number::toString: fixed notation from 1e-6 up to 1e21 (`4.50` gives "4.5",
/// `1e20` "100000000000000000000", `1e-6` "0.000001"), exponent notation outside (`1e21`
/// "1e+21", `1.25e-7` "1.25e-7"), no sign on zero.
///
/// For every number with at most 15 significant digits between 1e-307 and 1e308 (the numbers a
/// double holds exactly to those digits) this is JavaScript's text. Beyond, JavaScript would
/// first round the number to a double (`9007199254740993` to "9007199254740992", `1e400` to
/// "Infinity", `1e-400` to "0"); this keeps the digits the server sent instead, written the
/// same way (`9007199254740993`, `1e+400`, `1e-400`): a login token sent back must be the one
/// the server issued (an intended difference from the SDK, listed in README). An exponent is
/// exact up to 2^63 (saturated beyond).
#[cfg_attr(monaca_ship, optimize(size))]
pub(crate) fn javascript_text(text: &str) -> String {
    let (negative, whole, fraction, n) = decimal_parts(text);
    let k = (whole.len() + fraction.len()) as i128;
    if k == 0 {
        return "0".to_owned(); // -0 too
    }
    let digit_at = |i: usize| {
        if i < whole.len() {
            whole[i]
        } else {
            fraction[i - whole.len()]
        }
    };
    let mut out = String::with_capacity(k as usize + 28);
    if negative {
        out.push('-');
    }
    let push_digits = |out: &mut String, from: usize, to: usize| {
        out.extend((from..to).map(|i| char::from(digit_at(i))));
    };
    let k_usize = k as usize;
    if k <= n && n <= 21 {
        push_digits(&mut out, 0, k_usize);
        out.extend(std::iter::repeat('0').take((n - k) as usize));
    } else if 0 < n && n <= 21 {
        push_digits(&mut out, 0, n as usize);
        out.push('.');
        push_digits(&mut out, n as usize, k_usize);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat('0').take((-n) as usize));
        push_digits(&mut out, 0, k_usize);
    } else {
        push_digits(&mut out, 0, 1);
        if k > 1 {
            out.push('.');
            push_digits(&mut out, 1, k_usize);
        }
        // Written as an i64 (saturated): 128-bit formatting would add 1.6 KiB for exponents
        // no body can reach.
        let e = i64::try_from(n - 1).unwrap_or(if n < 0 { i64::MIN } else { i64::MAX });
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        out.push_str(&e.unsigned_abs().to_string());
    }
    out
}

/// The exponent after the `e`: a sign and digits. Saturates far beyond any length a body can
/// have, so that `1e99999999999999999999999` is simply huge.
#[cfg_attr(monaca_ship, optimize(size))]
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
    fn numbers_are_written_as_javascript_writes_them() {
        for (json, expected) in [
            ("42", "42"),
            ("4.50", "4.5"),
            ("-0", "0"),
            ("-0.0e5", "0"),
            ("0.000", "0"),
            ("1e21", "1e+21"),
            ("1e20", "100000000000000000000"),
            ("1.5e300", "1.5e+300"),
            ("1e-6", "0.000001"),
            ("0.00000123", "0.00000123"),
            ("1.25e-7", "1.25e-7"),
            ("1e-7", "1e-7"),
            ("-12.5E+1", "-125"),
            ("0.1", "0.1"),
            ("100", "100"),
            ("1000.000", "1000"),
            ("0012.340", "12.34"),
            ("0.0012340e3", "1.234"),
            ("123456789012345", "123456789012345"),
            ("-9.87654321e-300", "-9.87654321e-300"),
            ("123e18", "123000000000000000000"),
            ("123e19", "1.23e+21"),
        ] {
            assert_eq!(javascript_text(json), expected, "{json}");
        }
    }

    /// The oracle: Rust's shortest round-trip digits of the double, in ECMAScript's notation.
    fn javascript_of_double(value: f64) -> String {
        if value == 0.0 {
            return "0".to_owned();
        }
        let scientific = format!("{:e}", value.abs());
        let (mantissa, exponent) = scientific.split_once('e').unwrap();
        let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
        let sign = if value < 0.0 { "-" } else { "" };
        let text = format!("{sign}0.{digits}e{}", exponent.parse::<i32>().unwrap() + 1);
        javascript_text(&text)
    }

    /// Where a double holds the number (at most 15 significant digits, 1e-307 to 1e308), the
    /// text is JavaScript's: the same as the double's shortest digits, for many numbers.
    #[test]
    fn agrees_with_the_double_where_the_double_holds_the_digits() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let k = (next() % 15 + 1) as usize;
            let digits: String = (0..k)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            let exponent = (next() % 600) as i64 - 307; // 1e-307 up to below 1e308
            let sign = if next() % 2 == 0 { "" } else { "-" };
            let text = format!("{sign}{digits}e{exponent}");
            let value: f64 = text.parse().unwrap();
            assert_eq!(
                javascript_text(&text),
                javascript_of_double(value),
                "{text}"
            );
        }
    }

    /// Beyond a double, the digits the server sent are kept (an intended difference).
    #[test]
    fn digits_beyond_a_double_are_kept() {
        for (json, expected) in [
            ("9007199254740993", "9007199254740993"),
            ("123456789012345678901", "123456789012345678901"),
            ("1e400", "1e+400"),
            ("-1e400", "-1e+400"),
            ("1e-400", "1e-400"),
            ("5e-324", "5e-324"),
        ] {
            assert_eq!(javascript_text(json), expected, "{json}");
        }
    }

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
