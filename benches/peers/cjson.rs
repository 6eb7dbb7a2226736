//! cJSON (Debian libcjson-dev), the C library a plugin author would reach for.

use super::{Body, Kind, Method, INVALID, SUCCESS};
use std::os::raw::{c_char, c_int};

/// The cJSON method.
pub fn methods() -> Vec<Method> {
    vec![Method::new("cJSON", Kind::Reads, |body: &Body| {
        read(&body.bytes)
    })]
}

/// cJSON's node, as declared in cJSON.h (1.7.x).
#[repr(C)]
struct CJson {
    next: *mut CJson,
    prev: *mut CJson,
    child: *mut CJson,
    kind: c_int,
    valuestring: *mut c_char,
    valueint: c_int,
    valuedouble: f64,
    string: *mut c_char,
}

const CJSON_STRING: c_int = 1 << 4;
const CJSON_ARRAY: c_int = 1 << 5;
const CJSON_OBJECT: c_int = 1 << 6;

#[link(name = "cjson")]
extern "C" {
    fn cJSON_ParseWithLength(value: *const c_char, length: usize) -> *mut CJson;
    fn cJSON_GetObjectItemCaseSensitive(object: *const CJson, name: *const c_char) -> *mut CJson;
    fn cJSON_Delete(item: *mut CJson);
}

fn c_len(text: *const c_char) -> usize {
    // SAFETY: cJSON strings are NUL-terminated.
    unsafe { std::ffi::CStr::from_ptr(text) }.to_bytes().len()
}

/// The C library a plugin author would reach for: parse, look up, walk `data`, delete.
pub fn read(body: &[u8]) -> usize {
    // SAFETY: cJSON reads `len` bytes; every node is read while the tree lives.
    unsafe {
        let root = cJSON_ParseWithLength(body.as_ptr().cast(), body.len());
        if root.is_null() {
            return INVALID;
        }
        let error = cJSON_GetObjectItemCaseSensitive(root, c"error".as_ptr());
        let mut sum = SUCCESS;
        if !error.is_null() && (*error).kind & 0xFF == CJSON_OBJECT {
            let code = cJSON_GetObjectItemCaseSensitive(error, c"code".as_ptr());
            let message = cJSON_GetObjectItemCaseSensitive(error, c"message".as_ptr());
            if !code.is_null() {
                sum += (*code).valuedouble.abs() as usize;
            }
            if !message.is_null() && (*message).kind & 0xFF == CJSON_STRING {
                sum += c_len((*message).valuestring);
            }
            let data = cJSON_GetObjectItemCaseSensitive(error, c"data".as_ptr());
            if !data.is_null() && (*data).kind & 0xFF == CJSON_OBJECT {
                let mut param = (*data).child;
                while !param.is_null() {
                    sum += c_len((*param).string);
                    match (*param).kind & 0xFF {
                        CJSON_STRING => sum += c_len((*param).valuestring),
                        CJSON_ARRAY => {
                            let mut item = (*param).child;
                            while !item.is_null() {
                                sum += if (*item).kind & 0xFF == CJSON_STRING {
                                    c_len((*item).valuestring)
                                } else {
                                    1
                                };
                                item = (*item).next;
                            }
                        }
                        _ => sum += 1,
                    }
                    param = (*param).next;
                }
            }
        }
        cJSON_Delete(root);
        sum
    }
}
