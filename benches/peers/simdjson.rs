//! simdjson 3 (C++, Debian libsimdjson-dev) through the C ABI of `simdjson_shim.cpp`, loaded
//! at run time with dlopen, so that the package's build never needs a C++ compiler: when the
//! shim was not built (benches/peers/build-simdjson-shim.sh) the methods are skipped, with a
//! printed line.

use super::{Body, Kind, Method};
use std::ffi::{c_char, c_void, CStr, CString};
use std::rc::Rc;

/// Where the shim is: `$MONACA_SIMDJSON_SHIM`, else `target/peers/libsimdjson_shim.so`.
fn shim_path() -> String {
    std::env::var("MONACA_SIMDJSON_SHIM").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/target/peers/libsimdjson_shim.so"
        )
        .to_owned()
    })
}

type Validate = unsafe extern "C" fn(*mut c_void, *const u8, usize) -> usize;
type OnDemand = unsafe extern "C" fn(*mut c_void, *const u8, usize, usize) -> usize;
type Name = unsafe extern "C" fn() -> *const c_char;

/// The loaded shim with one parser pair (reused across calls, as simdjson recommends).
struct Shim {
    library: *mut c_void,
    parser: *mut c_void,
    validate: Validate,
    dom_read: Validate,
    ondemand_read: OnDemand,
    free: unsafe extern "C" fn(*mut c_void),
}

impl Shim {
    /// Loads the shim and makes its parsers, or says why it cannot.
    fn load(path: &str) -> Result<Shim, String> {
        let c_path = CString::new(path).map_err(|e| e.to_string())?;
        // SAFETY: dlopen of a path; the library stays open while `Shim` lives.
        let library = unsafe { libc::dlopen(c_path.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
        if library.is_null() {
            return Err(dl_error());
        }
        // SAFETY: the symbols have the types of simdjson_shim.cpp's extern "C" functions.
        unsafe {
            let new: unsafe extern "C" fn() -> *mut c_void = symbol(library, c"simdjson_shim_new")?;
            let shim = Shim {
                library,
                parser: new(),
                validate: symbol(library, c"simdjson_shim_validate")?,
                dom_read: symbol(library, c"simdjson_shim_dom_read")?,
                ondemand_read: symbol(library, c"simdjson_shim_ondemand_read")?,
                free: symbol(library, c"simdjson_shim_free")?,
            };
            if shim.parser.is_null() {
                return Err("simdjson_shim_new: out of memory".into());
            }
            Ok(shim)
        }
    }

    /// The shim's kernels: the DOM parser's (chosen at run time) and the on-demand one's.
    fn implementations(&self) -> String {
        // SAFETY: both functions return a static NUL-terminated name.
        unsafe {
            let dom: Name = symbol(self.library, c"simdjson_shim_dom_implementation").unwrap();
            let ondemand: Name =
                symbol(self.library, c"simdjson_shim_ondemand_implementation").unwrap();
            format!(
                "DOM kernel {}, on-demand kernel {}",
                CStr::from_ptr(dom()).to_string_lossy(),
                CStr::from_ptr(ondemand()).to_string_lossy()
            )
        }
    }
}

impl Drop for Shim {
    fn drop(&mut self) {
        // SAFETY: the parser came from simdjson_shim_new; nothing uses the library after.
        unsafe {
            (self.free)(self.parser);
            libc::dlclose(self.library);
        }
    }
}

/// The last dlopen/dlsym error.
fn dl_error() -> String {
    // SAFETY: dlerror returns NULL or a NUL-terminated message.
    let message = unsafe { libc::dlerror() };
    if message.is_null() {
        "unknown dlopen error".into()
    } else {
        // SAFETY: just checked non-NULL.
        unsafe { CStr::from_ptr(message) }
            .to_string_lossy()
            .into_owned()
    }
}

/// The function `name` of `library` as a `F` (a function pointer type).
///
/// # Safety
/// `F` must be the type of the C function of that name.
unsafe fn symbol<F: Copy>(library: *mut c_void, name: &CStr) -> Result<F, String> {
    // SAFETY: dlsym on an open library.
    let address = unsafe { libc::dlsym(library, name.as_ptr()) };
    if address.is_null() {
        return Err(dl_error());
    }
    assert_eq!(std::mem::size_of::<F>(), std::mem::size_of::<*mut c_void>());
    // SAFETY: the caller promises `F` is the symbol's function pointer type.
    Ok(unsafe { std::mem::transmute_copy(&address) })
}

/// The simdjson methods, or none (with a printed line saying why) when the shim is missing.
pub fn methods() -> Vec<Method> {
    let path = shim_path();
    let shim = match Shim::load(&path) {
        Ok(shim) => Rc::new(shim),
        Err(why) => {
            println!(
                "simdjson: skipped ({why}; build it with bash benches/peers/build-simdjson-shim.sh)"
            );
            return Vec::new();
        }
    };
    println!("simdjson: {path} ({})", shim.implementations());
    let (validating, reading, lazy) = (shim.clone(), shim.clone(), shim);
    vec![
        // Validation only: the full DOM parse (the tape), then the error code.
        Method::new(
            "simdjson validation",
            Kind::Validates,
            move |body: &Body| {
                // SAFETY: `padded` has `bytes.len()` bytes of body and PADDING more.
                unsafe {
                    (validating.validate)(validating.parser, body.padded.as_ptr(), body.bytes.len())
                }
            },
        ),
        // The DOM parse and what a plugin reads from it.
        Method::new("simdjson DOM", Kind::Reads, move |body: &Body| {
            // SAFETY: as above.
            unsafe { (reading.dom_read)(reading.parser, body.padded.as_ptr(), body.bytes.len()) }
        }),
        // The on-demand API: finds and reads the error, skips the rest unvalidated.
        Method::new(
            "simdjson on-demand",
            Kind::ReadsLazily,
            move |body: &Body| {
                // SAFETY: as above; the capacity counts the padding.
                unsafe {
                    (lazy.ondemand_read)(
                        lazy.parser,
                        body.padded.as_ptr(),
                        body.bytes.len(),
                        body.padded.len(),
                    )
                }
            },
        ),
    ]
}
