//! The report: every field of an error in one JSON text, made once by the core so that the
//! faces that copy a handle into their own objects (the JNI shim and Kotlin, the Cordova
//! bridges, JavaScript) decode one documented text instead of asking field by field. Adding a
//! field changes this module, [`SCHEMA`] and the faces' decoders, not a JNI signature.

use crate::codes::Kind;
use crate::json_text::{write_json_string, write_optional_json_string};
use std::fmt::Write as _;

/// The report's schema, version 1. Members always appear, in this order:
///
/// | member | JSON type | what |
/// | --- | --- | --- |
/// | `code` | integer | the error code (any int64) |
/// | `kind` | string | `UNKNOWN`, `JSON_RPC`, `SERVER_DEFINED`, `CLIENT`, `CLOUD_API` or `USER_DEFINED` |
/// | `name` | string or null | the symbolic name of a documented code |
/// | `description` | string | the one-line description (`CloudError::description`) |
/// | `message` | string | the message |
/// | `detail` | string or null | why the client made a -12 or -13 |
/// | `data` | string or null | the JSON text of `data` exactly as sent, as a string; null when absent |
/// | `params` | array | `{"name": string, "messages": [string, ...]}` per parameter, in server order, duplicates kept |
/// | `json` | string | the JSON form (`{"code":..,"message":..,"data":..}`) as a string |
///
/// Strings are escaped as JSON requires (`"`, `\`, and control characters; everything else is
/// written as UTF-8), so any JSON parser reads them back exactly.
pub const SCHEMA: u32 = 1;

/// What a report holds: a plain view of one error, so that this module depends on no error
/// type (the error hands its fields over; nothing here reaches back into it).
pub(crate) struct ReportView<'a, P> {
    pub code: i64,
    pub kind: Kind,
    pub name: Option<&'a str>,
    pub description: &'a str,
    pub message: &'a str,
    pub detail: Option<&'a str>,
    pub data: Option<&'a str>,
    /// Each parameter's name and messages, in server order.
    pub params: P,
    /// How many parameters `params` yields (to size the text).
    pub param_count: usize,
    pub json: &'a str,
}

/// Writes the report of an error from its view.
#[cfg_attr(monaca_ship, optimize(size))]
pub(crate) fn write<'a, P, M>(view: ReportView<'a, P>) -> String
where
    P: Iterator<Item = (&'a str, M)>,
    M: Iterator<Item = &'a str>,
{
    let mut out = String::with_capacity(
        128 + 2 * (view.message.len() + view.data.map_or(0, str::len))
            + view.json.len()
            + 16 * view.param_count,
    );
    let _ = write!(
        out,
        "{{\"code\":{},\"kind\":\"{}\"",
        view.code,
        view.kind.symbol()
    );
    out.push_str(",\"name\":");
    write_optional_json_string(&mut out, view.name);
    out.push_str(",\"description\":");
    write_json_string(&mut out, view.description);
    out.push_str(",\"message\":");
    write_json_string(&mut out, view.message);
    out.push_str(",\"detail\":");
    write_optional_json_string(&mut out, view.detail);
    out.push_str(",\"data\":");
    write_optional_json_string(&mut out, view.data);
    out.push_str(",\"params\":[");
    for (index, (name, messages)) in view.params.enumerate() {
        out.push_str(if index == 0 {
            "{\"name\":"
        } else {
            ",{\"name\":"
        });
        write_json_string(&mut out, name);
        out.push_str(",\"messages\":[");
        for (index, message) in messages.enumerate() {
            if index > 0 {
                out.push(',');
            }
            write_json_string(&mut out, message);
        }
        out.push_str("]}");
    }
    out.push_str("],\"json\":");
    write_json_string(&mut out, view.json);
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use crate::CloudError;

    #[test]
    fn reports_every_field_in_schema_order() {
        let body = br#"{"error":{"code":-32602,"message":"Invalid \"params\"","data":{"a":["x","y"],"b":{"c":1},"a":"z"}}}"#;
        let error = CloudError::from_response(200, body).unwrap();
        assert_eq!(
            error.report_json(),
            concat!(
                r#"{"code":-32602,"kind":"JSON_RPC","name":"INVALID_PARAMS","#,
                r#""description":"Monaca error -32602 (INVALID_PARAMS): Invalid \"params\"","#,
                r#""message":"Invalid \"params\"","detail":null,"#,
                r#""data":"{\"a\":[\"x\",\"y\"],\"b\":{\"c\":1},\"a\":\"z\"}","#,
                r#""params":[{"name":"a","messages":["x","y"]},{"name":"b.c","messages":["1"]},{"name":"a","messages":["z"]}],"#,
                r#""json":"{\"code\":-32602,\"message\":\"Invalid \\\"params\\\"\",\"data\":{\"a\":[\"x\",\"y\"],\"b\":{\"c\":1},\"a\":\"z\"}}"}"#
            )
        );
        let timeout = CloudError::timeout();
        assert_eq!(
            timeout.report_json(),
            concat!(
                r#"{"code":-11,"kind":"CLIENT","name":"CONNECTION_TIMED_OUT","#,
                r#""description":"Monaca error -11 (CONNECTION_TIMED_OUT): Connection timeout","#,
                r#""message":"Connection timeout","detail":null,"data":null,"params":[],"#,
                r#""json":"{\"code\":-11,\"message\":\"Connection timeout\",\"data\":{}}"}"#
            )
        );
    }
}
