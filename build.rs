//! Regenerates the C header, only when asked: `cargo build --features generate-header` writes
//! `include/monaca_cloud_error.h` with cbindgen (an optional build-dependency of that feature).
//! Without the feature this script does nothing and cbindgen is never compiled, so consumers
//! and cross-builds for phones build only the library. `tests/generated.rs` fails when the
//! committed header is stale; `scripts/update-generated.sh` regenerates it with the rest.

#[cfg(feature = "generate-header")]
#[path = "scripts/rust/header.rs"]
mod header;

/// The header, relative to the crate root; a hand edit of it reruns this script too.
#[cfg(feature = "generate-header")]
const HEADER: &str = "include/monaca_cloud_error.h";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // Set by the shipped build only (scripts/lib/ship-flags.sh).
    println!("cargo:rustc-check-cfg=cfg(monaca_ship)");
    #[cfg(feature = "generate-header")]
    {
        let root = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
        for input in [
            "src",
            "cbindgen.toml",
            "Cargo.toml",
            "scripts/rust/header.rs",
            HEADER,
        ] {
            println!("cargo:rerun-if-changed={}", root.join(input).display());
        }
        let path = root.join(HEADER);
        let header = header::generate(&root);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(header.as_str()) {
            std::fs::write(&path, header).expect("include/monaca_cloud_error.h is writable");
        }
    }
}
