//! Deciding what an HTTP exchange with Monaca Backend means: a success, an error the server
//! reported, or a response the client cannot accept.

use crate::decode;
use crate::number::{exact_i64, NotAnI64};
use crate::scan::{self, Position, RawStr, Scan, Scanner, SyntaxError, ValueType};
use thiserror::Error;

/// What a response body or status says: a success, or why it is not one.
pub type Outcome<'a> = Result<Success<'a>, Failure<'a>>;

/// A success, borrowed from the body (or from its decoded text).
#[derive(Clone, Copy, Debug)]
pub struct Success<'a> {
    /// The result's exact JSON text.
    pub result: &'a str,
    /// The exact JSON text of the last `loginToken` member at the top of an object result,
    /// found in the same pass (so that the login token costs no second reading of the result).
    pub login_token: Option<&'a str>,
}

/// An exchange that is not a success.
#[derive(Debug)]
pub enum Failure<'a> {
    /// The server reported an error object.
    ServerError(ServerError<'a>),
    /// The body is not an acceptable JSON-RPC response (-12).
    InvalidResponse(InvalidResponse),
    /// The HTTP status is not a success status (-13).
    InvalidStatus(i32),
}

/// An error object as the server sent it, borrowed from the body.
#[derive(Debug)]
pub struct ServerError<'a> {
    pub code: i64,
    pub message: RawStr<'a>,
    /// The exact text of `data`, when the server sent one.
    pub data: Option<&'a str>,
}

/// Why a body with a success status is not an acceptable response.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum InvalidResponse {
    #[error("the response body is empty or only whitespace")]
    Empty,
    #[error(
        "the response body is not valid JSON: a byte that is not UTF-8, outside a string, at \
         {position} (byte offset {offset})"
    )]
    NotUtf8 { offset: usize, position: Position },
    #[error("the response body is not valid JSON: {reason} at {position}")]
    Syntax {
        reason: &'static str,
        position: Position,
    },
    #[error("the response body is {found}, not a JSON object")]
    NotAnObject { found: &'static str },
    #[error("\"error\" is {found}, not an object")]
    ErrorNotAnObject { found: &'static str },
    #[error("\"error\" has no \"code\"")]
    CodeMissing,
    #[error("\"error.code\" is {found}, not an integer")]
    CodeNotAnInteger { found: &'static str },
    #[error("\"error.code\" is {text}, which is not an integer")]
    CodeNotIntegral { text: String },
    #[error("\"error.code\" is {text}, outside the 64-bit integer range")]
    CodeOutOfRange { text: String },
    #[error("\"error\" has no \"message\"")]
    MessageMissing,
    #[error("\"error.message\" is {found}, not a string")]
    MessageNotAString { found: &'static str },
    #[error("\"error\" is null and the response has no \"result\"")]
    NullErrorWithoutResult,
    #[error("the response has neither \"result\" nor \"error\"")]
    NeitherResultNorError,
    /// The client stopped reading: the body is longer than the limit it set.
    #[error("the response body is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
}

/// Whether an HTTP status is one whose body the SDK reads: 200-299 or 304.
pub fn is_success_status(status: i32) -> bool {
    (200..=299).contains(&status) || status == 304
}

/// Classifies an HTTP exchange (`status` 0 means no response arrived) and hands the outcome to
/// `take`. The outcome borrows the body's text: the body itself when it is valid UTF-8 (no
/// copy), otherwise the text a browser would decode from it, which lives only for the call.
#[inline]
pub fn classify<R>(status: i32, body: &[u8], take: impl FnOnce(Outcome<'_>) -> R) -> R {
    let mut decoded = None;
    // One call of `take`, so that it is inlined (or not) once.
    take(outcome_of(status, body, &mut decoded))
}

/// [`classify`]'s outcome; a body that must be decoded first is decoded into `decoded`.
fn outcome_of<'a>(status: i32, body: &'a [u8], decoded: &'a mut Option<String>) -> Outcome<'a> {
    if !is_success_status(status) {
        return Err(Failure::InvalidStatus(status));
    }
    let start = match decode::sniff(body) {
        decode::Bom::None => 0,
        decode::Bom::Utf8 => decode::UTF8_BOM_LEN,
        bom @ (decode::Bom::Utf16Le | decode::Bom::Utf16Be) => {
            let text = decoded.insert(decode::utf16(body, bom == decode::Bom::Utf16Le));
            return read_text(text.as_bytes(), 0);
        }
    };
    match read_envelope(body, start) {
        Ok(outcome) => outcome,
        // A string holds bytes that are not UTF-8: read the text a browser decodes instead,
        // in which each of them is U+FFFD, and report faults at their place in the body.
        Err(error) if error.reason == scan::INVALID_UTF8 => {
            let text = decoded.insert(decode::utf8_lossy(body)).as_bytes();
            match read_envelope(text, start) {
                Ok(outcome) => outcome,
                Err(SyntaxError { reason, offset }) => {
                    let original = decode::original_offset(body, offset);
                    invalid(not_json(body, reason, original, text, offset))
                }
            }
        }
        Err(SyntaxError { reason, offset }) => {
            invalid(not_json(body, reason, offset, body, offset))
        }
    }
}

/// Classifies a decoded text, valid UTF-8 by construction.
fn read_text(text: &[u8], start: usize) -> Outcome<'_> {
    read_envelope(text, start).unwrap_or_else(|SyntaxError { reason, offset }| {
        invalid(not_json(text, reason, offset, text, offset))
    })
}

/// Describes a scan failure at `offset` in `body` (at `text_offset` in the decoded `text`): a
/// byte that is not UTF-8 there (which can only be outside a string: inside one it was
/// decoded) is named as such; anything else is a grammar fault. Lines and columns count the
/// decoded text's characters.
#[cfg_attr(monaca_ship, optimize(size))]
fn not_json(
    body: &[u8],
    reason: &'static str,
    offset: usize,
    text: &[u8],
    text_offset: usize,
) -> InvalidResponse {
    let position = Position::of(text, text_offset);
    if decode::invalid_utf8_at(body, offset) {
        return InvalidResponse::NotUtf8 { offset, position };
    }
    debug_assert_ne!(reason, scan::INVALID_UTF8);
    InvalidResponse::Syntax { reason, position }
}

/// What the members of the top-level object said. As with `JSON.parse`, which the SDK acts
/// on, the last of duplicated members wins.
#[derive(Default)]
struct Envelope<'a> {
    error: ErrorMember<'a>,
    /// The last `result`.
    result: Option<Success<'a>>,
}

#[derive(Default)]
enum ErrorMember<'a> {
    #[default]
    Absent,
    Null,
    /// Present but neither an object nor null.
    Malformed(InvalidResponse),
    Object(ErrorObject<'a>),
}

/// The members of an `error` object that matter, each the last one sent: `None` when absent,
/// otherwise the value or why it is unusable.
#[derive(Default)]
struct ErrorObject<'a> {
    code: Option<Result<i64, InvalidResponse>>,
    message: Option<Result<RawStr<'a>, InvalidResponse>>,
    data: Option<&'a str>,
}

/// Reads the top-level object. The envelope and the `error` object are its frame, not its
/// content: each member value (`result`, `data`, any other) may itself nest [`MAX_DEPTH`]
/// containers, as a caller's params may (the request's writer checks them with the same bound),
/// so what the library writes it always reads back.
///
/// [`MAX_DEPTH`]: scan::MAX_DEPTH
#[cfg_attr(monaca_ship, optimize(speed))]
fn read_envelope(body: &[u8], start: usize) -> Scan<Outcome<'_>> {
    let mut scanner = Scanner::at(body, start);
    match scanner.peek_type() {
        Some(ValueType::Object) => {}
        _ if scanner.peek().is_none() => return Ok(invalid(InvalidResponse::Empty)),
        other => {
            // Validate the whole body first, so that invalid JSON is reported as such.
            scanner.skip_value(0)?;
            scanner.finish()?;
            return Ok(invalid(InvalidResponse::NotAnObject {
                found: other.map_or("not JSON", ValueType::described),
            }));
        }
    }
    let mut envelope = Envelope::default();
    scanner.object(0, |s, key| {
        if key.eq_str("error") {
            envelope.error = read_error_member(s)?;
            Ok(())
        } else if key.eq_str("result") {
            envelope.result = Some(read_result(s)?);
            Ok(())
        } else {
            s.skip_value(0)
        }
    })?;
    scanner.finish()?;
    Ok(decide(envelope))
}

/// Reads a `result` value: its text and, for an object, its last top-level `loginToken`'s
/// text. An object is walked member by member, each value counted one level down, so that the
/// nesting allowed is the same as for any other value.
pub(crate) fn read_result<'a>(s: &mut Scanner<'a>) -> Scan<Success<'a>> {
    if s.peek_type() != Some(ValueType::Object) {
        return Ok(Success {
            result: s.value(0)?,
            login_token: None,
        });
    }
    let start = s.offset(); // at the '{': peek_type stepped over the whitespace
    let mut login_token = None;
    s.object(0, |s, key| {
        let value = s.value(1)?;
        if key.eq_str("loginToken") {
            login_token = Some(value);
        }
        Ok(())
    })?;
    Ok(Success {
        result: s.text_since(start),
        login_token,
    })
}

fn invalid(reason: InvalidResponse) -> Outcome<'static> {
    Err(Failure::InvalidResponse(reason))
}

fn read_error_member<'a>(s: &mut Scanner<'a>) -> Scan<ErrorMember<'a>> {
    match s.peek_type() {
        Some(ValueType::Null) => {
            s.skip_value(0)?;
            Ok(ErrorMember::Null)
        }
        Some(ValueType::Object) => {
            let mut error = ErrorObject::default();
            s.object(0, |s, key| {
                if key.eq_str("code") {
                    error.code = Some(read_code(s)?);
                } else if key.eq_str("message") {
                    error.message = Some(match s.peek_type() {
                        Some(ValueType::String) => Ok(s.string()?),
                        other => {
                            s.skip_value(0)?;
                            Err(InvalidResponse::MessageNotAString {
                                found: other.map_or("not JSON", ValueType::described),
                            })
                        }
                    });
                } else if key.eq_str("data") {
                    error.data = Some(s.value(0)?);
                } else {
                    s.skip_value(0)?;
                }
                Ok(())
            })?;
            Ok(ErrorMember::Object(error))
        }
        other => {
            s.skip_value(0)?;
            Ok(ErrorMember::Malformed(InvalidResponse::ErrorNotAnObject {
                found: other.map_or("not JSON", ValueType::described),
            }))
        }
    }
}

/// Reads `error.code`: the outer result is the syntax, the inner one the meaning. Any number
/// whose value is an integer counts, as in JavaScript (`1e3` is 1000).
fn read_code(s: &mut Scanner<'_>) -> Scan<Result<i64, InvalidResponse>> {
    match s.peek_type() {
        Some(ValueType::Number) => {
            let (text, integer) = s.number()?;
            let value = if integer {
                text.parse::<i64>().map_err(|_| NotAnI64::OutOfRange)
            } else {
                exact_i64(text)
            };
            Ok(value.map_err(|fault| match fault {
                NotAnI64::Fractional => InvalidResponse::CodeNotIntegral { text: text.into() },
                NotAnI64::OutOfRange => InvalidResponse::CodeOutOfRange { text: text.into() },
            }))
        }
        other => {
            s.skip_value(0)?;
            Ok(Err(InvalidResponse::CodeNotAnInteger {
                found: other.map_or("not JSON", ValueType::described),
            }))
        }
    }
}

fn decide(envelope: Envelope<'_>) -> Outcome<'_> {
    match envelope.error {
        ErrorMember::Object(error) => match (error.code, error.message) {
            (Some(Ok(code)), Some(Ok(message))) => Err(Failure::ServerError(ServerError {
                code,
                message,
                data: error.data,
            })),
            (None, _) => invalid(InvalidResponse::CodeMissing),
            (Some(Err(fault)), _) | (_, Some(Err(fault))) => invalid(fault),
            (_, None) => invalid(InvalidResponse::MessageMissing),
        },
        ErrorMember::Malformed(fault) => invalid(fault),
        ErrorMember::Null | ErrorMember::Absent => match (envelope.result, envelope.error) {
            (Some(result), _) => Ok(result),
            (None, ErrorMember::Null) => invalid(InvalidResponse::NullErrorWithoutResult),
            (None, _) => invalid(InvalidResponse::NeitherResultNorError),
        },
    }
}
