// Where the in-process core cannot load (here a module that does not compile; in a WebView, a
// Content-Security-Policy that allows neither 'unsafe-eval' nor 'wasm-unsafe-eval'): ready()
// rejects saying so, readResponseSync throws, and readResponse asks the native side over the
// bridge (support/fake-native.js, the real library's answers), as before the core was there.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const fake = require('./support/fake-native');
const library = require('./support/library');
const { install, MODULES, nativeAnswer } = require('./support/in-process');

// A module with the WebAssembly signature and nothing valid after it.
const broken = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff, 0xff]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'in-process-fallback-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const core = path.join(dir, 'monaca-cloud-error-core.js');
fs.writeFileSync(core, `module.exports = ${JSON.stringify({ size: broken.length, sha256: '', base64: broken.toString('base64') })};\n`);

fake.install();
install('android', { ...MODULES, 'cordova-plugin-monaca-cloud-error.MonacaCloudErrorCore': core }, true);
const { assertShowsReport } = require('./support/check-report');
const api = require('../www/monaca-cloud-error.js');

test('ready() rejects with why the core cannot load, naming the Content-Security-Policy it needs', async () => {
    await assert.rejects(api.ready(), (e) => e instanceof Error && /the WebAssembly core cannot be loaded in this WebView: CompileError/.test(e.message) &&
        /'unsafe-eval' or 'wasm-unsafe-eval'/.test(e.message));
    assert.throws(() => api.readResponseSync(null, 200, '{"result":1}'), /cannot be loaded in this WebView/);
});

test('readResponse then crosses the bridge, with the native side\'s answers', async () => {
    const cases = library.corpus().flatMap((f) => f.cases).slice(0, 40);
    for (const testCase of cases) {
        const bytes = library.caseBody(testCase);
        const before = fake.calls.length;
        const outcome = await api.readResponse(null, testCase.status, bytes).then((value) => ({ value }), (error) => ({ error }));
        assert.deepEqual(fake.calls.slice(before).map((c) => c.action), ['readResponse'], testCase.name);
        const report = nativeAnswer(null, testCase.status, bytes, null);
        if ('error' in report) assertShowsReport(outcome.error, report.error);
        else assert.deepEqual(outcome.value.endsSession, false, testCase.name);
    }
});
