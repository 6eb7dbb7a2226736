//! The benchmark inputs, generated deterministically (shared by the criterion bench, the
//! allocation test and the Node script, which reads the files `write_all` makes).

/// S1: a 169-byte -32602 error with two parameters, one with two messages.
pub fn s1() -> Vec<u8> {
    let body = br#"{"jsonrpc":"2.0","id":"1","error":{"code":-32602,"message":"Invalid params","data":{"collectionName":"Collection not found.","username":["Too long","Must be unique."]}}}"#;
    assert_eq!(body.len(), 169);
    body.to_vec()
}

/// S2: the 79-byte "User login is required" error.
pub fn s2() -> Vec<u8> {
    let body =
        br#"{"jsonrpc":"2.0","error":{"code":11,"message":"User login is required"},"id":7}"#;
    assert_eq!(body.len(), 79);
    body.to_vec()
}

pub const MIB: usize = 1 << 20;

/// A tiny deterministic generator (a 64-bit LCG), so that the inputs vary but never change.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Pads `body` with spaces before its last `closing` bytes up to exactly `size` bytes.
fn pad_to(mut body: Vec<u8>, closing: &[u8], size: usize) -> Vec<u8> {
    assert!(body.len() + closing.len() <= size);
    body.resize(size - closing.len(), b' ');
    body.extend_from_slice(closing);
    body
}

/// L1: a 1 MiB `Collection.find`-like success body with strings, numbers, booleans, nesting,
/// `\u` escapes and non-ASCII text.
pub fn l1() -> Vec<u8> {
    l1_sized(MIB)
}

/// L1's kind of body (a `Collection.find` success of varied items: Japanese, accents, emoji,
/// escapes, numbers, nesting) of exactly `size` bytes (at least 70), for the scaling bench.
pub fn l1_sized(size: usize) -> Vec<u8> {
    let words = [
        "Tokyo",
        "東京",
        "café",
        "naïve",
        "Ōsaka",
        "emoji 🎉",
        "line\\nbreak",
        "\\u00e9t\\u00e9",
        "quote \\\"q\\\"",
        "plain text",
    ];
    let mut rng = Lcg(1);
    let mut body = br#"{"jsonrpc":"2.0","id":"1","result":{"totalItems":0,"items":["#.to_vec();
    let closing = br#"{}]}}"#;
    let mut item = 0u64;
    loop {
        let text = format!(
            r#"{{"_id":"5f0c{item:08x}","name":"{} {}","age":{},"score":{}.{},"active":{},"tags":["{}","{}"],"address":{{"city":"{}","zip":"{:05}","geo":[{}.5,-{}.25]}},"note":null}},"#,
            words[(rng.next() % 10) as usize],
            words[(rng.next() % 10) as usize],
            rng.next() % 100,
            rng.next() % 1000,
            rng.next() % 100,
            rng.next() % 2 == 0,
            words[(rng.next() % 10) as usize],
            words[(rng.next() % 10) as usize],
            words[(rng.next() % 10) as usize],
            rng.next() % 100000,
            rng.next() % 90,
            rng.next() % 180,
        );
        if body.len() + text.len() + closing.len() > size {
            break;
        }
        body.extend_from_slice(text.as_bytes());
        item += 1;
    }
    pad_to(body, closing, size)
}

/// L2: a 1 MiB -32602 error whose `data` has 5,000 parameters with 3 messages each.
pub fn l2() -> Vec<u8> {
    let mut body =
        br#"{"jsonrpc":"2.0","id":"1","error":{"code":-32602,"message":"Invalid params","data":{"#
            .to_vec();
    for param in 0..5000 {
        if param > 0 {
            body.push(b',');
        }
        let text = format!(
            r#""field_{param:04}":["Field {param} is required and must not be empty.","Field {param} must be at most 64 characters long.","Field {param} must be unique (é)."]"#
        );
        body.extend_from_slice(text.as_bytes());
    }
    body.push(b'}');
    pad_to(body, b"}}", MIB)
}

/// Every input with its name.
pub fn all() -> Vec<(&'static str, Vec<u8>)> {
    vec![("S1", s1()), ("S2", s2()), ("L1", l1()), ("L2", l2())]
}

/// Writes the inputs to `dir` as `<name>.json`, for the Node script.
pub fn write_all(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, body) in all() {
        std::fs::write(dir.join(format!("{name}.json")), body)?;
    }
    Ok(())
}
