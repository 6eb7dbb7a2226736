//! The interleaved mode (`cargo bench --bench compare -- --interleaved`): ratios from one
//! process on a noisy machine. For each input, every method first gets a batch size that
//! takes about `batch` to run; then, round after round, every method runs one batch in turn,
//! starting one method later each round, so that a slow spell of the machine hits all methods
//! alike. Prints per method the median time per call, the quartiles, the throughput and the
//! time relative to ours (the first method), then the goal lines.

use super::{Body, Kind, Method};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// How long to measure.
pub struct Options {
    pub rounds: usize,
    pub batch: Duration,
    /// Judge the goals (not in test mode, whose build is not optimised).
    pub judge: bool,
}

impl Options {
    /// `--rounds N` (default 61) and `--batch-ms N` (default 5) from the command line.
    pub fn from_args(args: &[String]) -> Options {
        let value = |flag: &str, default: u64| {
            args.iter()
                .position(|a| a == flag)
                .and_then(|i| args.get(i + 1))
                .map_or(default, |v| {
                    v.parse()
                        .unwrap_or_else(|_| panic!("a number after {flag}"))
                })
        };
        Options {
            rounds: value("--rounds", 61) as usize,
            batch: Duration::from_millis(value("--batch-ms", 5)),
            judge: true,
        }
    }

    /// One round of single calls: checks that the mode runs (cargo test).
    pub fn smoke() -> Options {
        Options {
            rounds: 1,
            batch: Duration::ZERO,
            judge: false,
        }
    }
}

/// One method's result on one input, in nanoseconds per call.
pub struct Row {
    pub method: String,
    pub median: f64,
    pub quartiles: Option<(f64, f64)>,
}

/// Times every method on every body and prints the table and the goal lines. `node` holds
/// Node's JSON.parse medians by input name (from benches/node_json_parse.js), if given.
pub fn run(bodies: &[Body], methods: &mut [Method], options: &Options, node: &[(String, f64)]) {
    let mut table = Vec::new();
    for body in bodies {
        let mut rows = measure(body, methods, options);
        if let Some((_, ns)) = node.iter().find(|(name, _)| name == body.name) {
            rows.push(Row {
                method: "node JSON.parse (own process)".into(),
                median: *ns,
                quartiles: None,
            });
        }
        table.push((body, rows));
    }
    print_table(&table);
    if options.judge {
        print_goals(&table);
    } else {
        println!("interleaved: test mode, goals not judged");
    }
}

/// The interleaved rounds on one body: one row per method, in the methods' order.
fn measure(body: &Body, methods: &mut [Method], options: &Options) -> Vec<Row> {
    let batches: Vec<usize> = methods
        .iter_mut()
        .map(|method| calibrate(method, body, options.batch))
        .collect();
    let mut samples = vec![Vec::with_capacity(options.rounds); methods.len()];
    for round in 0..options.rounds {
        for turn in 0..methods.len() {
            let index = (round + turn) % methods.len();
            samples[index].push(time_batch(&mut methods[index], body, batches[index]));
        }
    }
    methods
        .iter()
        .zip(samples)
        .map(|(method, mut times)| {
            times.sort_by(f64::total_cmp);
            Row {
                method: label(method),
                median: quantile(&times, 0.5),
                quartiles: Some((quantile(&times, 0.25), quantile(&times, 0.75))),
            }
        })
        .collect()
}

/// The method's name, marked when it only validates or reads lazily.
fn label(method: &Method) -> String {
    match method.kind {
        Kind::Reads => method.name.to_owned(),
        Kind::Validates => format!("{} [validates only]", method.name),
        Kind::ReadsLazily => format!("{} [lazy, skips unvalidated]", method.name),
    }
}

/// The smallest power-of-two batch that takes at least `target` (after one warm-up batch).
fn calibrate(method: &mut Method, body: &Body, target: Duration) -> usize {
    let mut batch = 1;
    time_batch(method, body, batch);
    while batch < 1 << 24 && time_batch(method, body, batch) * (batch as f64) < nanos(target) {
        batch *= 2;
    }
    batch
}

/// Runs `batch` calls; returns the nanoseconds per call.
fn time_batch(method: &mut Method, body: &Body, batch: usize) -> f64 {
    let start = Instant::now();
    for _ in 0..batch {
        black_box((method.run)(black_box(body)));
    }
    nanos(start.elapsed()) / batch as f64
}

fn nanos(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e9
}

/// The `q` quantile of sorted values (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// A time in ns below 100 µs, else in ms.
fn show(ns: f64) -> String {
    if ns >= 1e5 {
        format!("{:.3} ms", ns / 1e6)
    } else {
        format!("{ns:.0} ns")
    }
}

/// The markdown table: one line per input and method.
fn print_table(table: &[(&Body, Vec<Row>)]) {
    println!("| input | method | median | p25 – p75 | throughput | time / ours |");
    println!("| --- | --- | ---: | ---: | ---: | ---: |");
    for (body, rows) in table {
        let size = body.bytes.len() as f64;
        let ours = rows[0].median;
        for row in rows {
            let spread = row.quartiles.map_or("–".into(), |(low, high)| {
                format!("{} – {}", show(low), show(high))
            });
            println!(
                "| {} ({} B) | {} | {} | {spread} | {:.2} GB/s | {:.2}x |",
                body.name,
                body.bytes.len(),
                row.method,
                show(row.median),
                size / row.median,
                row.median / ours
            );
        }
    }
}

/// The median of `method` on input `name`, if both were measured.
fn median(table: &[(&Body, Vec<Row>)], name: &str, method: &str) -> Option<f64> {
    let (_, rows) = table.iter().find(|(body, _)| body.name == name)?;
    rows.iter()
        .find(|row| row.method.starts_with(method))
        .map(|row| row.median)
}

/// Prints "goal met" or "goal MISSED" (or "goal not checked") with the figures.
fn verdict(met: Option<bool>, what: &str) {
    match met {
        Some(true) => println!("goal met: {what}"),
        Some(false) => println!("goal MISSED: {what}"),
        None => println!("goal not checked (a method was skipped): {what}"),
    }
}

/// The goals of issue 19: L1 at 2 GB/s, 1.5x simdjson's validation on L1, and on S1 and S2
/// twice as fast as cJSON and serde_json's Value.
fn print_goals(table: &[(&Body, Vec<Row>)]) {
    let ours = |name| median(table, name, super::OURS);
    let l1_size = table
        .iter()
        .find(|(body, _)| body.name == "L1")
        .map_or(0.0, |(body, _)| body.bytes.len() as f64);
    if let Some(l1) = ours("L1") {
        let gbps = l1_size / l1;
        verdict(
            Some(gbps >= 2.0),
            &format!("L1 ours at least 2 GB/s (measured {gbps:.2} GB/s)"),
        );
    }
    let simd = median(table, "L1", "simdjson validation");
    let ratio = simd.zip(ours("L1")).map(|(simd, ours)| simd / ours);
    verdict(
        ratio.map(|r| r >= 1.5),
        &format!(
            "L1 ours at least 1.5x the throughput of simdjson validation (measured {})",
            ratio.map_or("–".into(), |r| format!("{r:.2}x"))
        ),
    );
    for name in ["S1", "S2"] {
        for peer in ["cJSON", "serde_json Value"] {
            let ratio = median(table, name, peer)
                .zip(ours(name))
                .map(|(p, o)| p / o);
            verdict(
                ratio.map(|r| r >= 2.0),
                &format!(
                    "{name} ours at least 2x faster than {peer} (measured {})",
                    ratio.map_or("–".into(), |r| format!("{r:.2}x"))
                ),
            );
        }
    }
}
