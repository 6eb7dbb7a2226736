// Times Node's JSON.parse (what the WebView's JavaScript SDK does) on the benchmark inputs that
// the criterion bench writes to target/bench-inputs, with the same lookups as the other
// methods. Prints one JSON object: { "S1": median nanoseconds per body, ... }.
// Usage: node benches/node_json_parse.js [DIR]
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2] || path.join(__dirname, '..', 'target', 'bench-inputs');

function read(body) {
  const value = JSON.parse(body);
  const error = value.error;
  if (error === null || typeof error !== 'object') return 'result' in value ? 1 : 0;
  let sum = error.code + error.message.length;
  const data = error.data;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const name of Object.keys(data)) {
      sum += name.length;
      const messages = data[name];
      if (typeof messages === 'string') sum += messages.length;
      else if (Array.isArray(messages)) for (const m of messages) sum += typeof m === 'string' ? m.length : 1;
      else sum += 1;
    }
  }
  return sum;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const results = {};
for (const name of ['S1', 'S2', 'L1', 'L2']) {
  // The SDK gets a string from XHR: decoding the bytes is not part of the parse being timed.
  const body = fs.readFileSync(path.join(dir, `${name}.json`), 'utf8');
  let sink = 0;
  // Calibrate a batch to about 10 ms, warm up, then take 50 samples.
  let batch = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink += read(body);
    if (Number(process.hrtime.bigint() - start) > 10e6) break;
    batch *= 2;
  }
  const samples = [];
  for (let s = 0; s < 50; s++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink += read(body);
    samples.push(Number(process.hrtime.bigint() - start) / batch);
  }
  if (sink === 0.5) console.error('unreachable');
  results[name] = median(samples);
}
console.log(JSON.stringify(results));
