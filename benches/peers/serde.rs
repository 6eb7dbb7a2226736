//! serde_json, three ways: the `Value` a Rust author writes first, `IgnoredAny` (validation
//! only) and a typed read into the structs a plugin would declare.

use super::{messages_checksum, Body, Kind, Method, INVALID, SUCCESS};
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// The serde_json methods.
pub fn methods() -> Vec<Method> {
    vec![
        Method::new("serde_json Value", Kind::Reads, |body: &Body| {
            value(&body.bytes)
        }),
        Method::new("serde_json IgnoredAny", Kind::Validates, |body: &Body| {
            ignored_any(&body.bytes)
        }),
        Method::new("serde_json typed", Kind::Reads, |body: &Body| {
            typed(&body.bytes)
        }),
    ]
}

/// Parses into `serde_json::Value` and looks the fields up.
pub fn value(body: &[u8]) -> usize {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return INVALID;
    };
    let Some(error) = value.get("error").filter(|e| e.is_object()) else {
        return SUCCESS;
    };
    let mut sum = error["code"].as_i64().unwrap_or(0).unsigned_abs() as usize
        + error["message"].as_str().map_or(0, str::len);
    if let Some(data) = error.get("data").and_then(|d| d.as_object()) {
        for (name, messages) in data {
            let items = messages
                .as_array()
                .map(|items| items.iter().map(|i| i.as_str()));
            sum += name.len() + messages_checksum(messages.as_str(), items);
        }
    }
    sum
}

/// Validation only: deserializes into `IgnoredAny`, which checks the whole grammar (and the
/// UTF-8 of strings) and keeps nothing.
fn ignored_any(body: &[u8]) -> usize {
    usize::from(serde_json::from_slice::<IgnoredAny>(body).is_ok())
}

/// The typed read: deserializes into `Response`, borrowing no text (owned `String`s, as a
/// plugin that keeps the error would).
fn typed(body: &[u8]) -> usize {
    let Ok(response) = serde_json::from_slice::<Response>(body) else {
        return INVALID;
    };
    let Some(error) = response.error else {
        return SUCCESS;
    };
    let mut sum = error.code.unsigned_abs() as usize + error.message.len();
    for (name, messages) in error.data.map(|data| data.0).unwrap_or_default() {
        sum += name.len() + messages.0;
    }
    sum
}

/// A JSON-RPC response; `result` is skipped (validated, not kept), other members ignored.
#[derive(Deserialize)]
struct Response {
    error: Option<RpcError>,
    #[allow(dead_code)]
    result: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct RpcError {
    code: i64,
    message: String,
    data: Option<Params>,
}

/// The parameters of an error in their order: name and messages.
struct Params(Vec<(String, Messages)>);

/// One parameter's messages, as their checksum: a string, or an array of strings (another
/// item counts 1), or 1 for anything else.
struct Messages(usize);

impl<'de> Deserialize<'de> for Params {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ParamsVisitor;
        impl<'de> Visitor<'de> for ParamsVisitor {
            type Value = Params;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of parameters")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Params, A::Error> {
                let mut params = Vec::new();
                while let Some(param) = map.next_entry::<String, Messages>()? {
                    params.push(param);
                }
                Ok(Params(params))
            }
        }
        deserializer.deserialize_map(ParamsVisitor)
    }
}

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MessagesVisitor;
        impl<'de> Visitor<'de> for MessagesVisitor {
            type Value = Messages;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a message or an array of messages")
            }
            fn visit_str<E>(self, text: &str) -> Result<Messages, E> {
                Ok(Messages(text.len()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Messages, A::Error> {
                let mut sum = 0;
                while let Some(item) = items.next_element::<Item>()? {
                    sum += item.0;
                }
                Ok(Messages(sum))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Messages, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Messages(1))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Messages, E> {
                Ok(Messages(1))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Messages, E> {
                Ok(Messages(1))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Messages, E> {
                Ok(Messages(1))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Messages, E> {
                Ok(Messages(1))
            }
            fn visit_unit<E>(self) -> Result<Messages, E> {
                Ok(Messages(1))
            }
        }
        deserializer.deserialize_any(MessagesVisitor)
    }
}

/// One item of a message array: a string's bytes, or 1 for anything else.
struct Item(usize);

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(Item(value.as_str().map_or(1, str::len)))
    }
}
