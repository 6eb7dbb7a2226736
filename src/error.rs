//! [`CloudError`]: the immutable error value made from an HTTP exchange, a timeout, or a caller.

use crate::classify::{classify, Failure, InvalidResponse};
use crate::codes::{self, Kind};
use crate::json_text::write_json_string;
use crate::lazy_text::LazyText;
use crate::params::{ParamIndex, ParamTable};
use crate::scan::{self, Position};
use crate::text::{Span, Texts};
use std::fmt::{self, Write as _};
use thiserror::Error;

/// The message of every -13 error.
pub const INVALID_STATUS_MESSAGE: &str = "Invalid status code";
/// The message of every -12 error.
pub const INVALID_RESPONSE_MESSAGE: &str = "Invalid response";
/// The message of the -11 error.
pub const TIMEOUT_MESSAGE: &str = "Connection timeout";

/// An error reported by Monaca Backend or made by the client, as `Monaca.cloud.Error` is in the
/// JavaScript SDK: a code, an English message and optional `data`, plus what this library adds
/// (kind, symbolic name, a detail for client errors, and per-parameter validation messages).
///
/// Immutable once made; it is `Send` and `Sync`, and its lazily built JSON form is built once
/// whichever thread asks first.
pub struct CloudError {
    code: i64,
    texts: Texts,
    message: Span,
    data: Option<Span>,
    detail: Option<Span>,
    params: ParamTable,
    /// The JSON form followed by a NUL, built on first use.
    json: LazyText,
    /// The one-line description followed by a NUL, built on first use.
    description: LazyText,
    /// The report (every field in one JSON text) followed by a NUL, built on first use.
    report: LazyText,
}

/// Why the arguments given to make an error were refused ([`CloudError::new`], and the
/// faces' constructors over it): the argument, the reason and where in it.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum InvalidArgument {
    /// The message bytes are not UTF-8 (only from byte-based faces, such as the C ABI).
    #[error("message is not valid UTF-8: invalid byte at byte offset {offset}")]
    MessageNotUtf8 { offset: usize },
    /// The data bytes are not UTF-8 (only from byte-based faces, such as the C ABI).
    #[error("data is not valid UTF-8: invalid byte at byte offset {offset}")]
    DataNotUtf8 { offset: usize },
    #[error("data is not valid JSON: {reason} at {position} (byte offset {offset})")]
    DataNotJson {
        reason: &'static str,
        position: Position,
        offset: usize,
    },
    /// Another text argument's bytes are not UTF-8 (request arguments from byte-based faces).
    #[error("{argument} is not valid UTF-8: invalid byte at byte offset {offset}")]
    TextNotUtf8 {
        argument: &'static str,
        offset: usize,
    },
    /// A request's method is not a dotted name (`User.login`).
    #[error("method is not a method name: {reason} (byte offset {offset})")]
    MethodInvalid { reason: &'static str, offset: usize },
    #[error("params is not valid JSON: {reason} at {position} (byte offset {offset})")]
    ParamsNotJson {
        reason: &'static str,
        position: Position,
        offset: usize,
    },
    #[error("params is not a JSON object")]
    ParamsNotAnObject,
    /// The params hold a member the library sets itself.
    #[error("params holds \"{key}\", which the library sets from the credentials")]
    ParamsHoldCredential { key: &'static str },
    #[error("the backend id is not valid: {reason} (byte offset {offset})")]
    BackendIdInvalid { reason: &'static str, offset: usize },
    /// An endpoint URL a client must not call: not HTTPS, and not HTTP to a loopback address.
    #[error("the url is refused: {reason} (byte offset {offset})")]
    UrlRefused { reason: &'static str, offset: usize },
}

impl InvalidArgument {
    /// The argument at fault: `"message"`, `"data"`, `"method"`, `"params"`, `"backend_id"`, `"url"`
    /// or the name a [`InvalidArgument::TextNotUtf8`] carries.
    pub fn argument(&self) -> &'static str {
        match self {
            InvalidArgument::MessageNotUtf8 { .. } => "message",
            InvalidArgument::DataNotUtf8 { .. } | InvalidArgument::DataNotJson { .. } => "data",
            InvalidArgument::TextNotUtf8 { argument, .. } => argument,
            InvalidArgument::MethodInvalid { .. } => "method",
            InvalidArgument::ParamsNotJson { .. }
            | InvalidArgument::ParamsNotAnObject
            | InvalidArgument::ParamsHoldCredential { .. } => "params",
            InvalidArgument::BackendIdInvalid { .. } => "backend_id",
            InvalidArgument::UrlRefused { .. } => "url",
        }
    }

    /// The reason alone, without the argument or position: `"invalid UTF-8"`, the JSON
    /// scanner's reason (`"expected a JSON value"`, ...), or the rule broken.
    pub fn reason(&self) -> &'static str {
        match self {
            InvalidArgument::MessageNotUtf8 { .. }
            | InvalidArgument::DataNotUtf8 { .. }
            | InvalidArgument::TextNotUtf8 { .. } => scan::INVALID_UTF8,
            InvalidArgument::DataNotJson { reason, .. }
            | InvalidArgument::ParamsNotJson { reason, .. }
            | InvalidArgument::MethodInvalid { reason, .. }
            | InvalidArgument::BackendIdInvalid { reason, .. }
            | InvalidArgument::UrlRefused { reason, .. } => reason,
            InvalidArgument::ParamsNotAnObject => "not a JSON object",
            InvalidArgument::ParamsHoldCredential { .. } => {
                "holds a member the library sets from the credentials"
            }
        }
    }

    /// The byte offset of the fault in the argument (0 when it has no place).
    pub fn offset(&self) -> usize {
        match *self {
            InvalidArgument::MessageNotUtf8 { offset }
            | InvalidArgument::DataNotUtf8 { offset }
            | InvalidArgument::TextNotUtf8 { offset, .. }
            | InvalidArgument::MethodInvalid { offset, .. }
            | InvalidArgument::BackendIdInvalid { offset, .. }
            | InvalidArgument::UrlRefused { offset, .. }
            | InvalidArgument::DataNotJson { offset, .. }
            | InvalidArgument::ParamsNotJson { offset, .. } => offset,
            InvalidArgument::ParamsNotAnObject | InvalidArgument::ParamsHoldCredential { .. } => 0,
        }
    }

    /// The line and column of the fault, for data or params that are not JSON.
    pub fn position(&self) -> Option<Position> {
        match *self {
            InvalidArgument::DataNotJson { position, .. }
            | InvalidArgument::ParamsNotJson { position, .. } => Some(position),
            _ => None,
        }
    }
}

impl CloudError {
    /// Classifies an HTTP exchange as Monaca's JavaScript SDK does, closing its gaps: `None` for
    /// a success, otherwise the error. `status` 0 means that no response arrived.
    pub fn from_response(status: i32, body: &[u8]) -> Option<CloudError> {
        classify(status, body, |outcome| {
            outcome.err().map(CloudError::from_failure)
        })
    }

    /// The error an exchange that is not a success stands for.
    pub(crate) fn from_failure(failure: Failure<'_>) -> CloudError {
        match failure {
            Failure::ServerError(error) => CloudError::build(
                error.code,
                |buffer| error.message.decode_into(buffer),
                error.message.raw().len(),
                error.data,
                None,
            ),
            Failure::InvalidResponse(reason) => CloudError::invalid_response(&reason),
            Failure::InvalidStatus(status) => CloudError::invalid_status(status),
        }
    }

    /// The -11 "Connection timeout" error, for the caller to report when its request timed out.
    #[cfg_attr(monaca_ship, optimize(size))]
    pub fn timeout() -> CloudError {
        CloudError::client(codes::CONNECTION_TIMED_OUT, TIMEOUT_MESSAGE, None)
    }

    /// The -12 "Invalid response" error for a body longer than the caller's `limit` (in bytes),
    /// for a client that stopped reading it there: its detail names the limit.
    #[cfg_attr(monaca_ship, optimize(size))]
    pub fn body_too_large(limit: u64) -> CloudError {
        CloudError::invalid_response(&InvalidResponse::TooLarge { limit })
    }

    /// An error with any code, message and `data` (the JSON text of any value, or `None` for
    /// no data). `data` is kept as given, without the whitespace around it.
    #[cfg_attr(monaca_ship, optimize(size))]
    pub fn new(
        code: i64,
        message: &str,
        data: Option<&str>,
    ) -> Result<CloudError, InvalidArgument> {
        let data = match data {
            None => None,
            Some(text) => {
                Some(
                    scan::validate(text).map_err(|error| InvalidArgument::DataNotJson {
                        reason: error.reason,
                        position: Position::of(text.as_bytes(), error.offset),
                        offset: error.offset,
                    })?,
                )
            }
        };
        Ok(CloudError::build(
            code,
            |buffer| crate::text::push_str(buffer, message),
            message.len(),
            data,
            None,
        ))
    }

    /// [`CloudError::new`] from bytes, as byte-based faces (the C ABI, JNI) receive them:
    /// the message and data must be UTF-8.
    #[cfg_attr(monaca_ship, optimize(size))]
    pub fn from_bytes(
        code: i64,
        message: &[u8],
        data: Option<&[u8]>,
    ) -> Result<CloudError, InvalidArgument> {
        let message =
            std::str::from_utf8(message).map_err(|error| InvalidArgument::MessageNotUtf8 {
                offset: error.valid_up_to(),
            })?;
        let data = data
            .map(|data| {
                std::str::from_utf8(data).map_err(|error| InvalidArgument::DataNotUtf8 {
                    offset: error.valid_up_to(),
                })
            })
            .transpose()?;
        CloudError::new(code, message, data)
    }

    #[cfg_attr(monaca_ship, optimize(size))]
    fn invalid_response(reason: &InvalidResponse) -> CloudError {
        let detail = reason.to_string();
        CloudError::client(
            codes::INVALID_RESPONSE,
            INVALID_RESPONSE_MESSAGE,
            Some(&detail),
        )
    }

    #[cfg_attr(monaca_ship, optimize(size))]
    fn invalid_status(status: i32) -> CloudError {
        let detail = if status == 0 {
            "no HTTP response arrived (status 0)".to_string()
        } else {
            format!("HTTP status {status} is not a success status (200-299 or 304)")
        };
        CloudError::client(
            codes::INVALID_STATUS_CODE,
            INVALID_STATUS_MESSAGE,
            Some(&detail),
        )
    }

    #[cfg_attr(monaca_ship, optimize(size))]
    fn client(code: i64, message: &str, detail: Option<&str>) -> CloudError {
        CloudError::build(
            code,
            |buffer| crate::text::push_str(buffer, message),
            message.len(),
            None,
            detail,
        )
    }

    /// Lays every text out in one buffer, sized up front so that it need not grow.
    fn build(
        code: i64,
        write_message: impl FnOnce(&mut String),
        message_len: usize,
        data: Option<&str>,
        detail: Option<&str>,
    ) -> CloudError {
        let data_len = data.map_or(0, str::len);
        let has_params = code == codes::INVALID_PARAMS && data.is_some();
        // Parameter texts are never longer than the data they come from, but dotted names
        // repeat their prefix, so the estimate may still be passed (the buffer then grows).
        let params_len = if has_params { data_len + 1 } else { 0 };
        let capacity = message_len + data_len + detail.map_or(0, str::len) + params_len + 3;
        let mut texts = Texts::with_capacity(capacity);
        let message = texts.push_with(write_message);
        let data_span = data.map(|text| texts.push(text));
        let detail = detail.map(|text| texts.push(text));
        let params = match data {
            Some(text) if has_params => ParamTable::read(text, &mut texts),
            _ => ParamTable::default(),
        };
        CloudError {
            code,
            texts,
            message,
            data: data_span,
            detail,
            params,
            json: LazyText::new(),
            description: LazyText::new(),
            report: LazyText::new(),
        }
    }

    /// The error code.
    pub fn code(&self) -> i64 {
        self.code
    }

    /// The family of the code.
    pub fn kind(&self) -> Kind {
        codes::kind_of(self.code)
    }

    /// The symbolic name of the code (`INVALID_PARAMS`, ...), if it is a documented one.
    pub fn name(&self) -> Option<&'static str> {
        codes::name_of(self.code)
    }

    /// The message, decoded (it may hold any Unicode text, NUL included).
    pub fn message(&self) -> &str {
        self.texts.get(self.message)
    }

    /// Why the client made this error (only -12 and -13 made from a response have one).
    pub fn detail(&self) -> Option<&str> {
        self.detail.map(|span| self.texts.get(span))
    }

    /// The JSON text of `data` exactly as it was sent, if it was sent.
    pub fn data_json(&self) -> Option<&str> {
        self.data.map(|span| self.texts.get(span))
    }

    /// The JSON form `{"code":..,"message":..,"data":..}` that JavaScript's `JSON.parse` reads
    /// back into a `Monaca.cloud.Error`-like object; `data` is kept as sent, `{}` when absent.
    #[cfg_attr(monaca_ship, optimize(size))]
    pub fn to_json(&self) -> &str {
        let json = self.json.get_or_init(|| {
            let message = self.message();
            let data = self.data_json().unwrap_or("{}");
            let mut json = String::with_capacity(message.len() + data.len() + 48);
            let _ = write!(json, "{{\"code\":{}", self.code);
            json.push_str(",\"message\":");
            write_json_string(&mut json, message);
            json.push_str(",\"data\":");
            json.push_str(data);
            json.push_str("}\0");
            json
        });
        &json[..json.len() - 1]
    }

    /// The parameters of an Invalid params (-32602) error whose `data` is an object, in the
    /// order the server sent them; empty for every other error.
    pub fn params(&self) -> impl ExactSizeIterator<Item = Param<'_>> + '_ {
        self.params
            .params
            .iter()
            .map(move |index| self.param_at(index))
    }

    /// The number of parameters.
    #[inline]
    pub fn param_count(&self) -> usize {
        self.params.params.len()
    }

    /// The parameter at `index`, if there is one.
    #[inline]
    pub fn param(&self, index: usize) -> Option<Param<'_>> {
        self.params
            .params
            .get(index)
            .map(|index| self.param_at(index))
    }

    /// Every message given for the parameter named `name`, in the order sent (from every
    /// entry of that name, when the server repeated it).
    pub fn messages_for<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.params()
            .filter(move |param| param.name == name)
            .flat_map(|param| param.messages())
    }

    /// The first message given for the parameter named `name`.
    pub fn first_message_for(&self, name: &str) -> Option<&str> {
        self.params()
            .filter(|param| param.name == name)
            .find_map(|param| param.messages().next())
    }

    /// The one-line description every face shows (`Display` writes the same text):
    /// `Monaca error -32602 (INVALID_PARAMS): Invalid params`, with the detail in parentheses
    /// after it when there is one.
    #[cfg_attr(monaca_ship, optimize(size))]
    pub fn description(&self) -> &str {
        let text = self.description.get_or_init(|| format!("{self}\0"));
        &text[..text.len() - 1]
    }

    /// Every field in one JSON text, the snapshot the faces decode instead of asking field by
    /// field (schema: `report::SCHEMA`).
    #[cfg_attr(monaca_ship, optimize(size))]
    pub fn report_json(&self) -> &str {
        let text = self.report.get_or_init(|| {
            let mut report = crate::report::write(crate::report::ReportView {
                code: self.code(),
                kind: self.kind(),
                name: self.name(),
                description: self.description(),
                message: self.message(),
                detail: self.detail(),
                data: self.data_json(),
                params: self.params().map(|param| (param.name, param.messages())),
                param_count: self.param_count(),
                json: self.to_json(),
            });
            report.push('\0');
            report
        });
        &text[..text.len() - 1]
    }

    #[inline]
    fn param_at(&self, index: &ParamIndex) -> Param<'_> {
        Param {
            name: self.texts.get(index.name),
            messages: &self.params.messages[index.messages.clone()],
            texts: &self.texts,
        }
    }
}

/// One parameter of an Invalid params error.
#[derive(Clone, Copy)]
pub struct Param<'a> {
    /// The parameter's name; nested parameters have dotted names (`properties.age`).
    pub name: &'a str,
    messages: &'a [Span],
    texts: &'a Texts,
}

impl<'a> Param<'a> {
    /// The parameter's messages, in the order sent.
    pub fn messages(&self) -> impl ExactSizeIterator<Item = &'a str> + 'a {
        let texts = self.texts;
        self.messages.iter().map(move |&span| texts.get(span))
    }

    /// The number of messages.
    #[inline]
    pub fn message_count(&self) -> usize {
        self.messages.len()
    }

    /// The message at `index`, if there is one.
    #[inline]
    pub fn message(&self, index: usize) -> Option<&'a str> {
        self.messages.get(index).map(|&span| self.texts.get(span))
    }
}

impl fmt::Debug for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Param")
            .field("name", &self.name)
            .field("messages", &self.messages().collect::<Vec<_>>())
            .finish()
    }
}

impl fmt::Debug for CloudError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CloudError")
            .field("code", &self.code)
            .field("kind", &self.kind())
            .field("name", &self.name())
            .field("message", &self.message())
            .field("detail", &self.detail())
            .field("data", &self.data_json())
            .field("params", &self.params().collect::<Vec<_>>())
            .finish()
    }
}

impl fmt::Display for CloudError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Monaca error {}", self.code)?;
        if let Some(name) = self.name() {
            write!(f, " ({name})")?;
        }
        write!(f, ": {}", self.message())?;
        if let Some(detail) = self.detail() {
            write!(f, " ({detail})")?;
        }
        Ok(())
    }
}

impl std::error::Error for CloudError {}

impl PartialEq for CloudError {
    /// Two errors are equal when their code, message, detail and data text are.
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
            && self.message() == other.message()
            && self.detail() == other.detail()
            && self.data_json() == other.data_json()
    }
}

impl Eq for CloudError {}
