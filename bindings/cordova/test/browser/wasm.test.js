// The WebAssembly core in node: bindings/cordova/native/browser/monaca_cloud_error.wasm (built by
// scripts/build-wasm.sh; MONACA_WASM overrides the path) answering the plugin's actions through
// src/browser/monaca-cloud-error-wasm.js, checked by checks.js (the same checks the Chromium
// pages run): the whole corpus, the session rule, request bodies, refusals, and whole calls
// against the mock backend (tests/mock-backend/server.py, started here on 127.0.0.1). Also the
// corpus through the exports alone, loading failures and traps.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const checks = require('./checks');
const wasm = require('../../src/browser/monaca-cloud-error-wasm.js');

const root = path.resolve(__dirname, '..', '..', '..', '..');
const wasmFile = process.env.MONACA_WASM || path.join(root, 'bindings', 'cordova', 'native', 'browser', wasm.WASM_FILE);
const corpusDir = process.env.MONACA_CORPUS_DIR || path.join(root, 'tests', 'corpus');
if (!fs.existsSync(wasmFile)) throw new Error(`${wasmFile} not found: run scripts/build-wasm.sh`);

function corpus() {
    return fs.readdirSync(corpusDir).filter((f) => f.endsWith('.json')).sort()
        .map((file) => ({ file, cases: JSON.parse(fs.readFileSync(path.join(corpusDir, file), 'utf8')).cases }));
}

// The cordova/exec signature over synchronous actions (an unknown action fails, as Cordova's does).
function execOver(actions) {
    return (success, fail, service, action, args) => (action in actions ? actions[action](success, fail, args)
        : fail(`no action ${action}`));
}

// Starts the mock backend; resolves to {url, stop}.
function startBackend() {
    const child = spawn('python3', [path.join(root, 'tests', 'mock-backend', 'server.py'), '--lifetime', '120'],
        { stdio: ['ignore', 'pipe', 'inherit'] });
    return new Promise((resolve, reject) => {
        child.on('error', reject);
        readline.createInterface({ input: child.stdout }).once('line', (line) => {
            const port = /^PORT (\d+)$/.exec(line);
            if (!port) return reject(new Error(`mock backend said ${line}`));
            resolve({ url: `http://127.0.0.1:${port[1]}/json-rpc/test-backend`, stop: () => child.kill() });
        });
    });
}

test('the core answers every check, and frees what it makes', async () => {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmFile)), {});
    const exec = execOver(wasm.bind(instance));
    const backend = await startBackend();
    let outcome;
    try {
        outcome = await checks.run(exec, { corpus: corpus(), backend: backend.url, fetch });
    } finally {
        backend.stop();
    }
    assert.deepEqual(outcome.failures, []);
    assert.ok(outcome.passed > 129, `${outcome.passed} checks passed`);
    console.log(`wasm in node: ${outcome.passed} passed, ${outcome.failed} failed`);
    const x = instance.exports;
    assert.equal(x.monaca_error_live_count(), 0, 'every handle and response freed');
    // Every block the glue allocates is freed: running everything again does not grow memory.
    const size = x.memory.buffer.byteLength;
    assert.equal((await checks.run(exec, { corpus: corpus() })).failed, 0);
    assert.equal(x.memory.buffer.byteLength, size);
});

// The corpus straight through the exports, without the plugin's glue: the expected report is
// monaca_error_report_json of monaca_response_error, or the response is a success.
test('every corpus case through the C ABI exports', () => {
    const x = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmFile)), {}).exports;
    const u32 = (at) => new DataView(x.memory.buffer).getUint32(at, true);
    const slot = x.monaca_wasm_alloc(8);
    let cases = 0;
    for (const { file, cases: list } of corpus()) {
        for (const testCase of list) {
            const body = checks.caseBytes(testCase);
            const at = x.monaca_wasm_alloc(body.length);
            new Uint8Array(x.memory.buffer, at, body.length).set(body);
            assert.equal(x.monaca_response_from_exchange(0, 0, testCase.status, at, body.length, 0, 0, slot), 0);
            const response = u32(slot);
            const error = x.monaca_response_error(response);
            assert.equal(x.monaca_response_is_success(response), error === 0 ? 1 : 0);
            let report = null;
            if (error !== 0) {
                x.monaca_error_report_json(slot, error);
                report = JSON.parse(new TextDecoder().decode(new Uint8Array(x.memory.buffer, u32(slot), u32(slot + 4))));
            }
            assert.deepEqual(report, testCase.expected, `${file}: ${testCase.name}`);
            x.monaca_response_free(response);
            x.monaca_wasm_free(at, body.length);
            cases++;
        }
    }
    x.monaca_wasm_free(slot, 8);
    assert.ok(cases >= 100, `${cases} corpus cases`);
    assert.equal(x.monaca_error_live_count(), 0);
});

test('actions(source) loads the core on the first call, from bytes or a Module', async () => {
    const bytes = fs.readFileSync(wasmFile);
    for (const source of [bytes, new WebAssembly.Module(bytes)]) {
        const exec = wasm.execFor(source);
        const made = await checks.call(exec, 'backendUrl', ['test-backend']);
        assert.deepEqual(made, { ok: true, reply: 'https://cloud.monaca.mobi/json-rpc/test-backend' });
        assert.deepEqual(await checks.call(exec, 'nothing', []),
            { ok: false, reply: 'no action MonacaCloudError.nothing in the WebAssembly core' });
    }
    assert.equal(wasm.exec, undefined, 'no default exec outside a <script> tag');
});

test('a core that cannot be loaded fails each call with a message, and is tried again', async () => {
    const exec = wasm.execFor(new Uint8Array([0, 1, 2, 3]));
    for (let i = 0; i < 2; i++) {
        const outcome = await checks.call(exec, 'timeout', []);
        assert.equal(outcome.ok, false);
        assert.match(outcome.reply, /^MonacaCloudError\.timeout: cannot load the WebAssembly core: CompileError/);
    }
});

// A stand-in core whose monaca_error_timeout traps: a trap must fail the call with a message,
// the instance must never be used again, and the next call must get a new one.
function trappingModule() {
    const utf8 = (s) => [s.length, ...Buffer.from(s)];
    const section = (id, ...items) => [id, items.flat().length, ...items.flat()];
    const exported = (name, kind, index) => [...utf8(name), kind, index];
    return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
        ...section(1, [3], [0x60, 1, 0x7f, 1, 0x7f], [0x60, 2, 0x7f, 0x7f, 0], [0x60, 0, 1, 0x7f]), // types
        ...section(3, [3, 0, 1, 2]), // functions: alloc, free, timeout
        ...section(5, [1, 0, 1]), // one memory of one page
        ...section(7, [4], exported('memory', 2, 0), exported('monaca_wasm_alloc', 0, 0),
            exported('monaca_wasm_free', 0, 1), exported('monaca_error_timeout', 0, 2)),
        ...section(10, [3],
            [4, 0, 0x41, 16, 0x0b], // alloc: i32.const 16
            [2, 0, 0x0b], // free: nothing
            [3, 0, 0x00, 0x0b])]); // timeout: unreachable
}

test('a trap in the core fails the call with a message, and the next call gets a new instance', async () => {
    const bytes = trappingModule();
    const once = execOver(wasm.bind(new WebAssembly.Instance(new WebAssembly.Module(bytes), {})));
    assert.throws(() => once(() => {}, () => {}, 'MonacaCloudError', 'timeout', []), WebAssembly.RuntimeError);
    assert.throws(() => once(() => {}, () => {}, 'MonacaCloudError', 'timeout', []),
        /this instance of the core trapped in an earlier call/);
    // Through actions(): each call traps in a new instance (the old one would say "earlier call").
    const exec = wasm.execFor(bytes);
    for (let i = 0; i < 2; i++) {
        assert.deepEqual(await checks.call(exec, 'timeout', []), { ok: false,
            reply: 'MonacaCloudError.timeout: the WebAssembly core failed: RuntimeError: unreachable' });
    }
});

test('inProcess(source): loads once from the embedded copy, answers synchronously, and recovers from a trap', async () => {
    const embedded = require('../../native/www/monaca-cloud-error-core.js');
    const bytes = fs.readFileSync(wasmFile);
    assert.equal(embedded.size, bytes.length);
    assert.equal(require('node:crypto').createHash('sha256').update(bytes).digest('hex'), embedded.sha256);
    const core = wasm.inProcess(embedded);
    assert.equal(core.isReady(), false);
    assert.throws(() => core.answer('timeout', []), /not loaded yet: wait for ready\(\)/);
    await core.ready();
    assert.equal(core.isReady(), true);
    const read = core.answer('readResponse', [null, 200, Buffer.from('{"result":[1]}'), null]);
    assert.deepEqual(read, { ok: true, reply: '{"session":null,"endsSession":false,"loginToken":null,"result":[1]}' });
    assert.throws(() => core.answer('nothing', []), /no action nothing/);
    // An embedded copy whose size is not its bytes' is refused at ready(), and tried again at the next.
    const wrong = wasm.inProcess({ ...embedded, size: embedded.size + 1 });
    await assert.rejects(wrong.ready(), /holds \d+ bytes, not \d+/);
    await assert.rejects(wrong.ready(), /holds \d+ bytes, not \d+/);
    // A trap: thrown, then a new instance (asynchronously) answers again.
    const trapping = wasm.inProcess(trappingModule());
    await trapping.ready();
    assert.throws(() => trapping.answer('timeout', []), WebAssembly.RuntimeError);
    assert.equal(trapping.isReady(), false);
    await trapping.ready();
    assert.throws(() => trapping.answer('timeout', []), WebAssembly.RuntimeError, 'a new instance, not "trapped in an earlier call"');
});
