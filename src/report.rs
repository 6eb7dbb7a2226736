//! The report: every field of an error in one JSON text, made once by the core so that the
//! faces that copy a handle into their own objects (the JNI shim and Kotlin, the Cordova
//! bridges, JavaScript) decode one documented text instead of asking field by field. Adding a
//! field changes this module, [`SCHEMA`] and the faces' decoders, not a JNI signature.

use crate::error::{write_json_string, write_optional_json_string, CloudError};
use std::fmt::Write as _;

/// The report's schema, version 1. Members always appear, in this order:
///
/// | member | JSON type | what |
/// | --- | --- | --- |
/// | `code` | integer | the error code (any int64) |
/// | `kind` | string | `UNKNOWN`, `JSON_RPC`, `SERVER_DEFINED`, `CLIENT`, `CLOUD_API` or `USER_DEFINED` |
/// | `name` | string or null | the symbolic name of a documented code |
/// | `description` | string | the one-line description ([`CloudError::description`]) |
/// | `message` | string | the message |
/// | `detail` | string or null | why the client made a -12 or -13 |
/// | `data` | string or null | the JSON text of `data` exactly as sent, as a string; null when absent |
/// | `params` | array | `{"name": string, "messages": [string, ...]}` per parameter, in server order, duplicates kept |
/// | `json` | string | the JSON form (`{"code":..,"message":..,"data":..}`) as a string |
///
/// Strings are escaped as JSON requires (`"`, `\`, and control characters; everything else is
/// written as UTF-8), so any JSON parser reads them back exactly.
pub const SCHEMA: u32 = 1;

/// Writes the report of `error`.
pub(crate) fn write(error: &CloudError) -> String {
    let message = error.message();
    let data = error.data_json();
    let json = error.to_json();
    let mut out = String::with_capacity(
        128 + 2 * (message.len() + data.map_or(0, str::len))
            + json.len()
            + 16 * error.param_count(),
    );
    let _ = write!(
        out,
        "{{\"code\":{},\"kind\":\"{}\"",
        error.code(),
        error.kind().symbol()
    );
    out.push_str(",\"name\":");
    write_optional_json_string(&mut out, error.name());
    out.push_str(",\"description\":");
    write_json_string(&mut out, error.description());
    out.push_str(",\"message\":");
    write_json_string(&mut out, message);
    out.push_str(",\"detail\":");
    write_optional_json_string(&mut out, error.detail());
    out.push_str(",\"data\":");
    write_optional_json_string(&mut out, data);
    out.push_str(",\"params\":[");
    for (index, param) in error.params().enumerate() {
        out.push_str(if index == 0 {
            "{\"name\":"
        } else {
            ",{\"name\":"
        });
        write_json_string(&mut out, param.name);
        out.push_str(",\"messages\":[");
        for (index, message) in param.messages().enumerate() {
            if index > 0 {
                out.push(',');
            }
            write_json_string(&mut out, message);
        }
        out.push_str("]}");
    }
    out.push_str("],\"json\":");
    write_json_string(&mut out, json);
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
