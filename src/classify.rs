//! Deciding what an HTTP exchange with Monaca Backend means: a success, an error the server
//! reported, or a response the client cannot accept.

use crate::scan::{Position, RawStr, Scan, Scanner, SyntaxError, ValueType};
use thiserror::Error;

/// What a response body or status says.
#[derive(Debug)]
pub enum Outcome<'a> {
    /// A success: the body holds a `result` (and no error).
    Success,
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
        "the response body is not valid UTF-8: invalid byte at {position} (byte offset {offset})"
    )]
    NotUtf8 { offset: usize, position: Position },
    #[error("the response body is not valid JSON: {reason} at {position}")]
    Syntax {
        reason: &'static str,
        position: Position,
    },
    #[error("the response body is {found}, not a JSON object")]
    NotAnObject { found: &'static str },
    #[error("the response has a duplicated \"{member}\" member, which is ambiguous")]
    Duplicate { member: &'static str },
    #[error("\"error\" is {found}, not an object")]
    ErrorNotAnObject { found: &'static str },
    #[error("\"error\" has no \"code\"")]
    CodeMissing,
    #[error("\"error.code\" is {found}, not an integer")]
    CodeNotAnInteger { found: &'static str },
    #[error("\"error.code\" is {text}, which has a fraction or exponent, not an integer")]
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
}

/// Whether an HTTP status is one whose body the SDK reads: 200-299 or 304.
pub fn is_success_status(status: i32) -> bool {
    (200..=299).contains(&status) || status == 304
}

/// Classifies an HTTP exchange. `status` 0 means no response arrived.
pub fn classify(status: i32, body: &[u8]) -> Outcome<'_> {
    if !is_success_status(status) {
        return Outcome::InvalidStatus(status);
    }
    match read_envelope(body) {
        Ok(outcome) => outcome,
        Err(SyntaxError { reason, offset }) => {
            Outcome::InvalidResponse(not_json(body, reason, offset))
        }
    }
}

/// Describes a scan failure: as invalid UTF-8 when the body's first byte that is not UTF-8
/// comes at or before the failure (the scanner stops at the first fault; outside strings a
/// non-ASCII byte is a grammar fault), otherwise as invalid JSON.
fn not_json(body: &[u8], reason: &'static str, offset: usize) -> InvalidResponse {
    if let Err(error) = std::str::from_utf8(body) {
        let first_invalid = error.valid_up_to();
        if first_invalid <= offset {
            return InvalidResponse::NotUtf8 {
                offset: first_invalid,
                position: Position::of(body, first_invalid),
            };
        }
    }
    debug_assert_ne!(reason, crate::scan::INVALID_UTF8);
    InvalidResponse::Syntax {
        reason,
        position: Position::of(body, offset),
    }
}

/// What the members of the top-level object said, gathered in one pass.
#[derive(Default)]
struct Envelope<'a> {
    error: ErrorMember<'a>,
    has_result: bool,
    /// The first semantic fault seen; a later syntax error still takes precedence.
    fault: Option<InvalidResponse>,
}

#[derive(Default)]
enum ErrorMember<'a> {
    #[default]
    Absent,
    Null,
    /// Present but not an object or null (a fault was recorded).
    Malformed,
    Object {
        code: Option<i64>,
        message: Option<RawStr<'a>>,
        data: Option<&'a str>,
    },
}

impl Envelope<'_> {
    fn fault(&mut self, fault: InvalidResponse) {
        self.fault.get_or_insert(fault);
    }
}

fn read_envelope(body: &[u8]) -> Scan<Outcome<'_>> {
    let mut scanner = Scanner::new(body);
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
            if !matches!(envelope.error, ErrorMember::Absent) {
                envelope.fault(InvalidResponse::Duplicate { member: "error" });
            }
            read_error_member(s, &mut envelope)
        } else if key.eq_str("result") {
            if envelope.has_result {
                envelope.fault(InvalidResponse::Duplicate { member: "result" });
            }
            envelope.has_result = true;
            s.skip_value(1)
        } else {
            s.skip_value(1)
        }
    })?;
    scanner.finish()?;
    Ok(decide(envelope))
}

fn invalid(reason: InvalidResponse) -> Outcome<'static> {
    Outcome::InvalidResponse(reason)
}

fn read_error_member<'a>(s: &mut Scanner<'a>, envelope: &mut Envelope<'a>) -> Scan<()> {
    match s.peek_type() {
        Some(ValueType::Null) => {
            s.skip_value(1)?;
            envelope.error = ErrorMember::Null;
            Ok(())
        }
        Some(ValueType::Object) => {
            let (mut code, mut message, mut data) = (None, None, None);
            let (mut seen_code, mut seen_message) = (false, false);
            let mut faults = Vec::new();
            s.object(1, |s, key| {
                if key.eq_str("code") {
                    if std::mem::replace(&mut seen_code, true) {
                        faults.push(InvalidResponse::Duplicate { member: "code" });
                    }
                    match read_code(s)? {
                        Ok(value) => code = Some(value),
                        Err(fault) => faults.push(fault),
                    }
                    Ok(())
                } else if key.eq_str("message") {
                    if std::mem::replace(&mut seen_message, true) {
                        faults.push(InvalidResponse::Duplicate { member: "message" });
                    }
                    match s.peek_type() {
                        Some(ValueType::String) => message = Some(s.string()?),
                        Some(other) => {
                            faults.push(InvalidResponse::MessageNotAString {
                                found: other.described(),
                            });
                            s.skip_value(2)?;
                        }
                        None => s.skip_value(2)?,
                    }
                    Ok(())
                } else if key.eq_str("data") {
                    if data.is_some() {
                        faults.push(InvalidResponse::Duplicate { member: "data" });
                    }
                    data = Some(s.value(2)?);
                    Ok(())
                } else {
                    s.skip_value(2)
                }
            })?;
            if !seen_code {
                faults.push(InvalidResponse::CodeMissing);
            }
            if !seen_message {
                faults.push(InvalidResponse::MessageMissing);
            }
            for fault in faults {
                envelope.fault(fault);
            }
            if matches!(envelope.error, ErrorMember::Absent) {
                envelope.error = ErrorMember::Object {
                    code,
                    message,
                    data,
                };
            }
            Ok(())
        }
        Some(other) => {
            s.skip_value(1)?;
            envelope.fault(InvalidResponse::ErrorNotAnObject {
                found: other.described(),
            });
            envelope.error = ErrorMember::Malformed;
            Ok(())
        }
        None => s.skip_value(1),
    }
}

/// Reads `error.code`: the outer result is the syntax, the inner one the meaning.
fn read_code(s: &mut Scanner<'_>) -> Scan<Result<i64, InvalidResponse>> {
    match s.peek_type() {
        Some(ValueType::Number) => {
            let (text, integer) = s.number()?;
            Ok(if !integer {
                Err(InvalidResponse::CodeNotIntegral { text: text.into() })
            } else {
                text.parse::<i64>()
                    .map_err(|_| InvalidResponse::CodeOutOfRange { text: text.into() })
            })
        }
        Some(other) => {
            s.skip_value(2)?;
            Ok(Err(InvalidResponse::CodeNotAnInteger {
                found: other.described(),
            }))
        }
        None => s.skip_value(2).map(|()| Err(InvalidResponse::CodeMissing)),
    }
}

fn decide(envelope: Envelope<'_>) -> Outcome<'_> {
    if let Some(fault) = envelope.fault {
        return invalid(fault);
    }
    match envelope.error {
        ErrorMember::Object {
            code: Some(code),
            message: Some(message),
            data,
        } => Outcome::ServerError(ServerError {
            code,
            message,
            data,
        }),
        // Every other shape recorded a fault, so this is only a safe default.
        ErrorMember::Object { .. } | ErrorMember::Malformed => {
            invalid(InvalidResponse::MessageMissing)
        }
        ErrorMember::Null if envelope.has_result => Outcome::Success,
        ErrorMember::Null => invalid(InvalidResponse::NullErrorWithoutResult),
        ErrorMember::Absent if envelope.has_result => Outcome::Success,
        ErrorMember::Absent => invalid(InvalidResponse::NeitherResultNorError),
    }
}
