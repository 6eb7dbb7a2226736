//! The committed header must be exactly what cbindgen (run by build.rs) generates now.

#[test]
fn committed_header_matches_cbindgen_output() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/monaca_cloud_error.h"));
    let committed_path = concat!(env!("CARGO_MANIFEST_DIR"), "/include/monaca_cloud_error.h");
    let committed = std::fs::read_to_string(committed_path).expect("include/ header exists");
    assert!(
        committed == generated,
        "include/monaca_cloud_error.h is stale: run scripts/update-header.sh and commit it"
    );
}
