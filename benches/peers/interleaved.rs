//! The interleaved mode (`cargo bench --bench compare -- --interleaved`): ratios from one
//! process on a noisy machine. For each input, every method first gets a batch size that
//! takes about `batch` to run; then, round after round, every method runs one batch in turn,
//! in an order shuffled each round (deterministically), so that a slow spell of the machine
//! hits all methods alike and no method always follows the same one (whose allocations and
//! cache footprint it would inherit: with a fixed rotation, simdjson's validation, right
//! after cJSON, came out slower than simdjson's DOM read, which does the same parse and more).
//! Prints per method the median time per call, the quartiles, the throughput and the time
//! relative to ours (the first method): the median over rounds of the method's time
//! divided by ours in the same round, so that a slow spell between rounds cancels out. Then a
//! line for each method whose times spread widely (a busy machine), and the goal lines.

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
    /// `--rounds N` (default 151) and `--batch-ms N` (default 2) from the command line.
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
            rounds: value("--rounds", 151) as usize,
            batch: Duration::from_millis(value("--batch-ms", 2)),
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
    /// The time relative to ours: the median of the per-round ratios, or of the medians when
    /// not measured in the same rounds (Node).
    pub ratio: Option<f64>,
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
                ratio: None,
            });
        }
        table.push((body, rows));
    }
    print_table(&table);
    print_noise(&table);
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
    let mut order: Vec<usize> = (0..methods.len()).collect();
    let mut random = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..options.rounds {
        shuffle(&mut order, &mut random);
        for &index in &order {
            samples[index].push(time_batch(&mut methods[index], body, batches[index]));
        }
    }
    let ours = samples[0].clone();
    methods
        .iter()
        .zip(samples)
        .map(|(method, times)| row(label(method), &times, &ours))
        .collect()
}

/// Fisher–Yates with a 64-bit LCG: a fresh order each round, the same in every run.
fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        order.swap(i, ((*state >> 33) % (i as u64 + 1)) as usize);
    }
}

/// The row of one method from its per-call times and ours, both in round order.
fn row(method: String, times: &[f64], ours: &[f64]) -> Row {
    let mut ratios: Vec<f64> = times.iter().zip(ours).map(|(t, o)| t / o).collect();
    ratios.sort_by(f64::total_cmp);
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    Row {
        method,
        median: quantile(&sorted, 0.5),
        quartiles: Some((quantile(&sorted, 0.25), quantile(&sorted, 0.75))),
        ratio: Some(quantile(&ratios, 0.5)),
    }
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
                row.ratio.unwrap_or(row.median / ours)
            );
        }
    }
}

/// The row of `method` (a prefix of its label) on input `name`, if both were measured.
fn find<'a>(table: &'a [(&Body, Vec<Row>)], name: &str, method: &str) -> Option<&'a Row> {
    let (_, rows) = table.iter().find(|(body, _)| body.name == name)?;
    rows.iter().find(|row| row.method.starts_with(method))
}

/// A line for each method whose third quartile is over 1.5 times its median: the machine was
/// busy during part of the rounds, so its figures are less sure.
fn print_noise(table: &[(&Body, Vec<Row>)]) {
    for (body, rows) in table {
        for row in rows {
            if let Some((_, high)) = row.quartiles.filter(|(_, high)| *high > 1.5 * row.median) {
                println!(
                    "noisy: {} on {}: p75 is {:.1}x the median",
                    row.method,
                    body.name,
                    high / row.median
                );
            }
        }
    }
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
    if let Some((body, rows)) = table.iter().find(|(body, _)| body.name == "L1") {
        let gbps = body.bytes.len() as f64 / rows[0].median;
        verdict(
            Some(gbps >= 2.0),
            &format!("L1 ours at least 2 GB/s (measured {gbps:.2} GB/s)"),
        );
    }
    // A peer's time / ours is our throughput relative to the peer's.
    let ratio = |name, peer| find(table, name, peer).and_then(|row| row.ratio);
    let shown = |ratio: Option<f64>| ratio.map_or("–".into(), |r| format!("{r:.2}x"));
    let simd = ratio("L1", "simdjson validation");
    verdict(
        simd.map(|r| r >= 1.5),
        &format!(
            "L1 ours at least 1.5x the throughput of simdjson validation (measured {})",
            shown(simd)
        ),
    );
    for name in ["S1", "S2"] {
        for peer in ["cJSON", "serde_json Value"] {
            let r = ratio(name, peer);
            verdict(
                r.map(|r| r >= 2.0),
                &format!(
                    "{name} ours at least 2x faster than {peer} (measured {})",
                    shown(r)
                ),
            );
        }
    }
}
