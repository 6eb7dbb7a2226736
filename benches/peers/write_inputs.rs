//! Writes the benchmark inputs of benches/inputs.rs (S1, S2, L1, L2) to a folder as
//! `<name>.json`, the same files `cargo bench --bench compare` writes, without building
//! criterion or the other dev-dependencies (and, in this folder, not a bench target of its
//! own). Compiled with plain rustc (std only) by benches/peers.sh and benches/size.sh:
//!   rustc -O --edition 2021 benches/peers/write_inputs.rs -o target/write-inputs
//!   target/write-inputs DIR

#[allow(dead_code)] // only all() and write_all() are used here
#[path = "../inputs.rs"]
mod inputs;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: write-inputs DIR");
    inputs::write_all(std::path::Path::new(&dir)).expect("inputs written");
    for (name, body) in inputs::all() {
        println!("{name}: {} bytes", body.len());
    }
}
