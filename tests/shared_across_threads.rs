//! One error and one response shared by many threads at once, as the library promises they may
//! be (`CloudError` is `Send` and `Sync`; a C handle may be read by any number of threads): the
//! threads leave a barrier together and race to build the lazily built texts (the JSON form,
//! the description and the report of an error; the result text, login token and report of a C
//! response), then read every accessor again and again. Each text must be built once (every
//! thread is lent the very same bytes at the very same address) and say what the body says.
//!
//! scripts/tsan.sh runs these tests under ThreadSanitizer, which reports any data race in the
//! library's (and std's) code that the races here reach. The ignored test at the end is a
//! deliberate data race that TSan must report there; it is never run expecting success.

use monaca_cloud_error::ffi::{
    monaca_error_code, monaca_error_free, monaca_error_from_response, monaca_error_report_json,
    monaca_error_to_json, MonacaError, MonacaStatus, MonacaStr,
};
use monaca_cloud_error::ffi_call::{
    monaca_response_error, monaca_response_free, monaca_response_from_exchange,
    monaca_response_login_token, monaca_response_report_json, monaca_response_result_json,
    monaca_response_session, MonacaResponse,
};
use monaca_cloud_error::{CloudError, CloudResponse};
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Barrier;
use std::thread;

const THREADS: usize = 8;
const GENERATIONS: usize = 20;
const ROUNDS: usize = 20;

/// Statics, not constants: a C response recognises its body by its address.
static INVALID_PARAMS_BODY: &[u8] = br#"{"jsonrpc":"2.0","id":"1","error":{"code":-32602,"message":"Invalid \"params\"","data":{"name":"Required.","criteria":["Unknown field.",42],"properties":{"age":"Too old."}}}}"#;
static SUCCESS_BODY: &[u8] =
    br#"{"jsonrpc":"2.0","id":1,"result":{"user":{"id":"u1"},"loginToken":"t\u00e9-1"}}"#;

/// A text lent by the library: where it is and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Lent {
    address: usize,
    text: String,
}

impl Lent {
    fn of(text: &str) -> Lent {
        Lent {
            address: text.as_ptr() as usize,
            text: text.to_owned(),
        }
    }

    /// A C text, which must be UTF-8 with its NUL at `ptr[len]`.
    fn of_c(text: MonacaStr) -> Lent {
        assert!(!text.ptr.is_null(), "a NULL text");
        // SAFETY: the library lends `len` bytes and a NUL at `ptr`, alive while the handle is.
        let bytes = unsafe { std::slice::from_raw_parts(text.ptr.cast::<u8>(), text.len + 1) };
        assert_eq!(bytes[text.len], 0, "no NUL after the text");
        Lent {
            address: text.ptr as usize,
            text: std::str::from_utf8(&bytes[..text.len])
                .expect("UTF-8")
                .to_owned(),
        }
    }
}

/// Runs `read` on `THREADS` threads that start together; `read` gets the thread's number and
/// returns what it saw first (while racing the others) and in every later round; all must agree.
fn race<T: Clone + PartialEq + std::fmt::Debug + Send>(read: impl Fn(usize) -> T + Sync) -> T {
    let start = Barrier::new(THREADS);
    let seen: Vec<T> = thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|id| {
                let (start, read) = (&start, &read);
                scope.spawn(move || {
                    start.wait();
                    let first = read(id);
                    for round in 0..ROUNDS {
                        assert_eq!(read(id + round), first, "thread {id}, round {round}");
                    }
                    first
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    for (id, other) in seen.iter().enumerate() {
        assert_eq!(other, &seen[0], "thread {id} saw other texts than thread 0");
    }
    seen[0].clone()
}

/// The lazily built texts of an error, asked for in an order that depends on `turn`, so that
/// threads race on different ones first (the report builds the JSON form and the description
/// itself).
fn error_texts(error: &CloudError, turn: usize) -> [Lent; 3] {
    let mut lent = [None, None, None];
    for step in 0..3 {
        let which = (turn + step) % 3;
        lent[which] = Some(Lent::of(match which {
            0 => error.to_json(),
            1 => error.description(),
            _ => error.report_json(),
        }));
    }
    lent.map(Option::unwrap)
}

#[test]
fn one_error_read_by_many_threads_builds_each_lazy_text_once() {
    for _ in 0..GENERATIONS {
        let error = CloudError::from_response(200, INVALID_PARAMS_BODY).unwrap();
        let [json, description, report] = race(|turn| {
            let texts = error_texts(&error, turn);
            // The eager fields too, while the others build the lazy ones.
            assert_eq!(error.first_message_for("properties.age"), Some("Too old."));
            assert_eq!(error.messages_for("criteria").count(), 2);
            texts
        });
        // The very texts the threads were lent, still there, as a fresh error says them.
        assert_eq!(json, Lent::of(error.to_json()));
        assert_eq!(description, Lent::of(error.description()));
        assert_eq!(report, Lent::of(error.report_json()));
        let fresh = CloudError::from_response(200, INVALID_PARAMS_BODY).unwrap();
        assert_eq!(json.text, fresh.to_json());
        assert_eq!(
            description.text,
            "Monaca error -32602 (INVALID_PARAMS): Invalid \"params\""
        );
        let report: Value = serde_json::from_str(&report.text).unwrap();
        assert_eq!(report["json"], Value::String(json.text.clone()));
        assert_eq!(report["description"], Value::String(description.text));
        assert_eq!(report["params"].as_array().map(Vec::len), Some(3));
        let json: Value = serde_json::from_str(&json.text).unwrap();
        assert_eq!(json["data"]["properties"]["age"], "Too old.");
    }
}

#[test]
fn one_response_read_by_many_threads_says_the_same_to_each() {
    for _ in 0..GENERATIONS {
        let failure = CloudResponse::from_exchange(None, 200, INVALID_PARAMS_BODY, Some("s-1"));
        let success = CloudResponse::from_exchange(None, 200, SUCCESS_BODY, Some("s-2"));
        let (error_texts_seen, failure_report, result, token, success_report) = race(|turn| {
            let error = failure.error().expect("an error");
            (
                error_texts(error, turn),
                failure.report_json(),
                success.result_json().map(Lent::of),
                success.login_token(),
                success.report_json(),
            )
        });
        let error = failure.error().unwrap();
        assert_eq!(error_texts_seen, error_texts(error, 0));
        assert_eq!(
            failure_report,
            format!(
                r#"{{"session":"s-1","endsSession":false,"loginToken":null,"error":{}}}"#,
                error.report_json()
            )
        );
        // The result is lent from the body itself, in place.
        let result = result.expect("a result");
        let offset = result.address - SUCCESS_BODY.as_ptr() as usize;
        assert_eq!(
            &SUCCESS_BODY[offset..offset + result.text.len()],
            result.text.as_bytes()
        );
        assert_eq!(
            result.text,
            r#"{"user":{"id":"u1"},"loginToken":"t\u00e9-1"}"#
        );
        assert_eq!(token, Some("té-1"));
        assert_eq!(
            success_report,
            format!(
                r#"{{"session":"s-2","endsSession":false,"loginToken":"té-1","result":{}}}"#,
                result.text
            )
        );
    }
}

/// A C handle shared by threads, as a C caller shares its pointer.
struct Shared<T>(*const T);
// SAFETY: the library's handles are immutable and may be read by any number of threads at
// once (its header's promise, which these tests and TSan check).
unsafe impl<T> Sync for Shared<T> {}
// SAFETY: as above.
unsafe impl<T> Send for Shared<T> {}

impl<T> Shared<T> {
    /// The pointer (a method, so that closures capture the whole `Shared`, not its field).
    fn get(&self) -> *const T {
        self.0
    }
}

fn c_response(body: &[u8], session: &str) -> *mut MonacaResponse {
    let mut out = std::ptr::null_mut();
    // SAFETY: the body and the session are alive for the call; `out` is writable.
    let status = unsafe {
        monaca_response_from_exchange(
            std::ptr::null(),
            0,
            200,
            body.as_ptr(),
            body.len(),
            session.as_ptr().cast(),
            session.len(),
            &mut out,
        )
    };
    assert_eq!(status, MonacaStatus::MONACA_STATUS_OK);
    assert!(!out.is_null());
    out
}

/// What a C response lends: its result text, login token and report (asked for in an order
/// that depends on `turn`), its session, and its error's JSON form and report.
fn c_response_texts(response: &Shared<MonacaResponse>, turn: usize) -> Vec<Lent> {
    let resp = response.get();
    let mut lent = vec![None, None, None];
    for step in 0..3 {
        let which = (turn + step) % 3;
        // SAFETY: `resp` is alive until the threads are done.
        lent[which] = Some(Lent::of_c(unsafe {
            match which {
                0 => monaca_response_result_json(resp),
                1 => monaca_response_login_token(resp),
                _ => monaca_response_report_json(resp),
            }
        }));
    }
    let mut lent: Vec<Lent> = lent.into_iter().map(Option::unwrap).collect();
    // SAFETY: as above; the error is borrowed from the response.
    unsafe {
        lent.push(Lent::of_c(monaca_response_session(resp)));
        let error = monaca_response_error(resp);
        if !error.is_null() {
            lent.push(Lent::of_c(monaca_error_to_json(error)));
            lent.push(Lent::of_c(monaca_error_report_json(error)));
        }
    }
    lent
}

#[test]
fn one_c_response_read_by_many_threads_keeps_each_lazy_text_once() {
    for _ in 0..GENERATIONS {
        let success = c_response(SUCCESS_BODY, "s-2");
        let failure = c_response(INVALID_PARAMS_BODY, "s-1");
        let (shared_success, shared_failure) = (Shared(success), Shared(failure));
        let (success_texts, failure_texts) = race(|turn| {
            (
                c_response_texts(&shared_success, turn),
                c_response_texts(&shared_failure, turn),
            )
        });
        let texts = |lent: &[Lent]| lent.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
        let result = r#"{"user":{"id":"u1"},"loginToken":"t\u00e9-1"}"#;
        assert_eq!(
            texts(&success_texts),
            [
                result.to_owned(),
                "té-1".to_owned(),
                format!(
                    r#"{{"session":"s-2","endsSession":false,"loginToken":"té-1","result":{result}}}"#
                ),
                "s-2".to_owned(),
            ]
        );
        // A failure has no result or token; its report holds its error's report.
        let error = CloudError::from_response(200, INVALID_PARAMS_BODY).unwrap();
        assert_eq!(
            texts(&failure_texts),
            [
                String::new(),
                String::new(),
                format!(
                    r#"{{"session":"s-1","endsSession":false,"loginToken":null,"error":{}}}"#,
                    error.report_json()
                ),
                "s-1".to_owned(),
                error.to_json().to_owned(),
                error.report_json().to_owned(),
            ]
        );
        // The copies are the response's own (kept), not the body.
        let body =
            SUCCESS_BODY.as_ptr() as usize..SUCCESS_BODY.as_ptr() as usize + SUCCESS_BODY.len();
        assert!(!body.contains(&success_texts[0].address));
        assert_eq!(c_response_texts(&shared_success, 0), success_texts);
        // SAFETY: made above; no thread uses them any more.
        unsafe {
            monaca_response_free(success);
            monaca_response_free(failure);
        }
    }
}

/// A deliberate data race, for scripts/tsan.sh (ignored otherwise; never run it expecting
/// success): one thread reads a C handle while another frees it, with nothing ordering the
/// two (relaxed flags make the free come after the read in time, but order nothing). The free
/// is then a write that races with the earlier read, which ThreadSanitizer must report. The
/// reader stays alive until the free is done: TSan reports a race only if it can restore the
/// earlier access's stack, which it did in every run so (and in about half without).
#[test]
#[ignore = "a deliberate data race: run by scripts/tsan.sh, which expects TSan to report it"]
fn deliberate_data_race_that_tsan_must_report() {
    let mut handle: *mut MonacaError = std::ptr::null_mut();
    // SAFETY: the body is alive for the call; `handle` is writable.
    let status = unsafe {
        monaca_error_from_response(
            200,
            INVALID_PARAMS_BODY.as_ptr(),
            INVALID_PARAMS_BODY.len(),
            &mut handle,
        )
    };
    assert_eq!(status, MonacaStatus::MONACA_STATUS_OK);
    let shared = Shared(handle);
    let read_done = AtomicBool::new(false);
    let freed = AtomicBool::new(false);
    thread::scope(|scope| {
        scope.spawn(|| {
            // SAFETY: alive: the free below waits for the flag.
            let code = unsafe { monaca_error_code(shared.get()) };
            assert_eq!(code, -32602);
            read_done.store(true, Ordering::Relaxed);
            while !freed.load(Ordering::Relaxed) {
                std::hint::spin_loop();
            }
        });
        while !read_done.load(Ordering::Relaxed) {
            std::hint::spin_loop();
        }
        // SAFETY: the reader is done with it (in time, though nothing orders it: the race).
        unsafe { monaca_error_free(shared.get().cast_mut()) };
        freed.store(true, Ordering::Relaxed);
    });
}
