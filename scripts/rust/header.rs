//! The C header's generator, in one place for its two users: the opt-in build script
//! (`cargo build --features generate-header` writes `include/monaca_cloud_error.h`) and the
//! drift test (`tests/generated.rs` fails when the committed header differs from this text).

use std::path::Path;

/// The header cbindgen writes for the crate at `root`, configured by its `cbindgen.toml`.
pub fn generate(root: &Path) -> String {
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml"))
        .expect("cbindgen.toml is a cbindgen configuration");
    let mut header = Vec::new();
    cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut header);
    String::from_utf8(header).expect("the header is UTF-8")
}
