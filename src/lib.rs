//! Classify Monaca Backend responses (the `Monaca.cloud` JSON-RPC 2.0 API) into immutable error
//! values, as Monaca's JavaScript SDK does, closing its gaps; with a C ABI for mobile plugins.
//!
//! ```
//! use monaca_cloud_error::{CloudError, Kind};
//!
//! let body = br#"{"jsonrpc":"2.0","id":"1","error":{"code":-32602,"message":"Invalid params",
//!     "data":{"collectionName":"Collection not found."}}}"#;
//! let error = CloudError::from_response(200, body).expect("an error response");
//! assert_eq!(error.code(), -32602);
//! assert_eq!(error.kind(), Kind::JsonRpc);
//! assert_eq!(error.name(), Some("INVALID_PARAMS"));
//! assert_eq!(error.first_message_for("collectionName"), Some("Collection not found."));
//!
//! assert!(CloudError::from_response(200, br#"{"jsonrpc":"2.0","id":"1","result":"OK"}"#).is_none());
//! ```
//!
//! A whole call, sans-IO (bring your own HTTP):
//!
//! ```
//! use monaca_cloud_error::{backend_url, CloudRequest, CloudResponse, Credentials};
//!
//! let url = backend_url("my-backend-id").unwrap();
//! let credentials = Credentials { api_key: "key", device_id: "device", session: None };
//! let request = CloudRequest::new("User.login", Some(r#"{"username":"a","password":"p"}"#),
//!     &credentials).unwrap();
//! assert!(request.body().contains(r#""__api_key":"key""#));
//! assert!(request.body().ends_with(r#""id":"1"}"#)); // as the SDK sends it
//! // ... POST request.body() to url; then read what came back:
//! let body = br#"{"jsonrpc":"2.0","id":"1","result":{"loginToken":"t"}}"#;
//! let response = CloudResponse::from_exchange(Some("User.login"), 200, body, Some("session-1"));
//! assert_eq!(response.result_json(), Some(r#"{"loginToken":"t"}"#));
//! assert_eq!(response.session(), Some("session-1")); // send it as the next call's session
//! assert_eq!(response.login_token(), Some("t"));
//! assert!(!response.ends_session()); // a successful User.logout would end it
//! # let _ = url;
//! ```
//!
//! Modules: [`codes`] is the code catalogue; `decode` turns a body into the text a browser
//! would read; `scan` validates JSON without building a tree; `number` reads a code written in
//! any notation; `classify` decides what an exchange means; `error` holds [`CloudError`];
//! `params` reads per-parameter validation messages; [`report`] writes an error's report;
//! [`session`] holds the SDK's session rules;
//! `request` and `response` are a whole call's two halves; [`ffi`] and [`ffi_call`] are the C
//! ABI over all of it.

// The shipped build (nightly, `--cfg monaca_ship`: scripts/lib/ship-flags.sh) is optimised for
// size, except the functions marked `#[cfg_attr(monaca_ship, optimize(speed))]`: the reading of
// a response, where the time goes (benches/size.sh counts it against opt-level 3).
#![cfg_attr(monaca_ship, feature(optimize_attribute))]

pub mod codes;
pub mod ffi;
pub mod ffi_call;

mod classify;
mod decode;
mod error;
mod json_text;
mod lazy_text;
mod number;
mod params;
pub mod report;
mod request;
mod response;
mod scan;
pub mod session;
mod text;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use classify::{is_success_status, InvalidResponse};
pub use codes::Kind;
pub use error::{
    CloudError, InvalidArgument, Param, INVALID_RESPONSE_MESSAGE, INVALID_STATUS_MESSAGE,
    TIMEOUT_MESSAGE,
};
pub use request::{
    backend_url, check_endpoint_url, CloudRequest, Credentials, BACKEND_URL_PREFIX, REQUEST_ID,
};
pub use response::CloudResponse;
pub use scan::{Position, MAX_DEPTH};
