// The JavaScript API in a WebView of Android or iOS (cordova.platformId) that reads responses with
// the in-process core: the js-modules MonacaCloudErrorWasm and MonacaCloudErrorCore of plugin.xml
// resolve to the real files (src/browser/monaca-cloud-error-wasm.js, and
// native/www/monaca-cloud-error-core.js, the embedded module scripts/build-wasm.sh writes), and
// `cordova/exec` is a bridge that records every call and fails it: readResponse must not cross
// it. Every answer is compared with the native library's (library.js, through the C ABI) and with
// the corpus's expectations, over the whole corpus.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const Module = require('node:module');
const path = require('node:path');
const library = require('./library');
// check-report.js loads www/, which looks for the core when it is loaded: only after install().
let assertShowsReport;
let sameJson;

const plugin = path.resolve(__dirname, '..', '..');
const MODULES = {
    'cordova-plugin-monaca-cloud-error.MonacaCloudErrorWasm': path.join(plugin, 'src', 'browser', 'monaca-cloud-error-wasm.js'),
    'cordova-plugin-monaca-cloud-error.MonacaCloudErrorCore': path.join(plugin, 'native', 'www', 'monaca-cloud-error-core.js')
};

/**
 * Installs the stand-ins; returns the bridge's record of calls. With `bridge` true, `cordova/exec`
 * is left to the loader installed before (support/fake-native.js: the native side's answers).
 */
function install(platformId, modules = MODULES, bridge = false) {
    const calls = [];
    globalThis.cordova = { platformId };
    const load = Module._load;
    Module._load = function (request, ...rest) {
        if (request === 'cordova/exec' && !bridge) {
            return function exec(success, fail, service, action) {
                calls.push(`${service}.${action}`);
                setImmediate(() => fail(`the bridge was crossed: ${service}.${action}`));
            };
        }
        if (Object.prototype.hasOwnProperty.call(modules, request)) return load.call(this, modules[request], ...rest);
        return load.call(this, request, ...rest);
    };
    return calls;
}

/** The object readResponse resolves to, from the native library's response report. */
function nativeAnswer(method, status, bytes, sessionHeader) {
    return JSON.parse(library.responseReport(method, bytes, status, sessionHeader));
}

/** The result as the SDK gets it: the body decoded as the browser does (its BOM picks UTF-16), then JSON.parse. */
function sdkResult(bytes) {
    const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le'
        : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
    return JSON.parse(new TextDecoder(encoding).decode(bytes)).result;
}

// Asserts that an outcome ({value} or {error}) is the native library's answer.
function assertNativeAnswer(outcome, report, api, label) {
    if ('error' in report) {
        assert.ok('error' in outcome, `${label}: rejected, not ${JSON.stringify(outcome.value)}`);
        assert.ok(outcome.error instanceof api.MonacaCloudError, `${label}: ${outcome.error && outcome.error.stack}`);
        assertShowsReport(outcome.error, report.error);
        assert.equal(outcome.error.session, report.session, `${label}: session`);
    } else {
        assert.ok('value' in outcome, `${label}: resolved, not ${outcome.error && outcome.error.stack}`);
        const { result, ...rest } = outcome.value;
        assert.deepEqual(rest, { session: report.session, endsSession: report.endsSession, loginToken: report.loginToken }, label);
        assert.ok(sameJson(result, report.result), `${label}: the result`);
    }
}

const settle = (promise) => promise.then((value) => ({ value }), (error) => ({ error }));
const run = (fn) => {
    try {
        return { value: fn() };
    } catch (error) {
        return { error };
    }
};

/** The tests of the API on `platformId` ('android' or 'ios'). */
function suite(platformId) {
    const calls = install(platformId);
    ({ assertShowsReport, sameJson } = require('./check-report'));
    const api = require('../../www/monaca-cloud-error.js');

    test(`${platformId}: before the core is loaded, readResponseSync throws; ready() resolves`, async () => {
        assert.throws(() => api.readResponseSync(null, 200, '{"result":1}'), /not loaded yet: wait for ready\(\)/);
        // readResponse waits for the core rather than crossing the bridge.
        const early = await api.readResponse(null, 200, '{"result":[1]}');
        assert.deepEqual(early, { result: [1], session: null, endsSession: false, loginToken: null });
        assert.equal(await api.ready(), undefined);
        assert.deepEqual(api.readResponseSync(null, 200, '{"result":2}'), { result: 2, session: null, endsSession: false, loginToken: null });
        assert.deepEqual(calls, []);
    });

    const files = library.corpus();
    let cases = 0;
    for (const { file, rule, cases: fileCases } of files) {
        test(`${platformId}: ${file} (${rule}): readResponseSync and readResponse answer as the native library`, async () => {
            await api.ready();
            for (const testCase of fileCases) {
                const bytes = library.caseBody(testCase);
                const report = nativeAnswer(null, testCase.status, bytes, null);
                const label = `${file}: ${testCase.name}`;
                // The corpus's expectation, which every face meets, and the native library's answer.
                if (testCase.expected === null) {
                    assert.ok(!('error' in report), label);
                    assert.ok(sameJson(report.result, sdkResult(bytes)), `${label}: the SDK's result`);
                } else {
                    assertShowsReport(new api.MonacaCloudError(JSON.stringify(report.error)), testCase.expected);
                }
                for (const body of [bytes, new Uint8Array(bytes).buffer]) {
                    assertNativeAnswer(run(() => api.readResponseSync(null, testCase.status, body)), report, api, `sync ${label}`);
                    assertNativeAnswer(await settle(api.readResponse(null, testCase.status, body)), report, api, `async ${label}`);
                }
                assertNativeAnswer(await settle(api.parseResponse(null, testCase.status, bytes).then((result) => ({
                    result, session: report.session, endsSession: report.endsSession, loginToken: report.loginToken }))),
                report, api, `parseResponse ${label}`);
                cases++;
            }
            assert.deepEqual(calls, [], 'no call crossed the bridge');
        });
    }
    test(`${platformId}: the whole corpus was read in-process`, () => {
        assert.equal(cases, files.reduce((n, f) => n + f.cases.length, 0));
        assert.ok(cases >= 100);
    });

    test(`${platformId}: methods, session headers and the login token, as the native library`, async () => {
        await api.ready();
        const exchanges = [
            ['User.login', 200, '{"result":{"loginToken":"t1","user":{"_id":"u"}}}', 's1'],
            ['User.logout', 200, '{"result":true}', 's2'],
            ['User.unregister', 200, '{"result":true}', null],
            ['User.logout', 200, '{"error":{"code":11,"message":"User login is required"}}', 's3'],
            ['Collection.find', 200, '{"error":{"code":-32602,"message":"Invalid params","data":{"name":["required"]}}}', 's4, s5'],
            ['Collection.find', 200, '{"result":{"totalItems":0}}', '  '],
            [null, 503, '<html>Service Unavailable</html>', 's6'],
            [null, 0, '', null],
            ['Collection.find', 200, '{"result":"\u65e5\u672c\u8a9e \u{1F4F7}"}', 'caf\u00e9']
        ];
        for (const [method, status, body, header] of exchanges) {
            const label = `${method} ${status} ${body} ${header}`;
            const report = nativeAnswer(method, status, Buffer.from(body, 'utf8'), header);
            assertNativeAnswer(run(() => api.readResponseSync(method, status, body, header)), report, api, label);
            assertNativeAnswer(await settle(api.readResponse(method, status, body, header)), report, api, label);
        }
        // A lone surrogate in the method is no UTF-8: the core refuses it (as the Android plugin's
        // bytes are refused), an Error rather than a MonacaCloudError.
        const refused = run(() => api.readResponseSync('User.lo\uD800gin', 200, '{"result":1}'));
        assert.ok(refused.error instanceof Error && !(refused.error instanceof api.MonacaCloudError), String(refused.error));
        assert.match(refused.error.message, /failed in the WebAssembly core: monaca_response_from_exchange failed/);
        await assert.rejects(api.readResponse('User.lo\uD800gin', 200, '{"result":1}'), /failed in the WebAssembly core/);
        const logout = api.readResponseSync('User.logout', 200, '{"result":true}', 's2');
        assert.equal(logout.endsSession, true);
        const login = api.readResponseSync('User.login', 200, '{"result":{"loginToken":"t1"}}', 's1');
        assert.deepEqual([login.session, login.loginToken], ['s1', 't1']);
        assert.deepEqual(calls, []);
    });

    test(`${platformId}: arguments of the wrong type throw a TypeError, synchronously and as a rejection`, async () => {
        await api.ready();
        for (const args of [[1, 200, '{}'], [null, 1.5, '{}'], [null, 200, 7], [null, 200, '{}', 5]]) {
            assert.throws(() => api.readResponseSync(...args), TypeError);
            await assert.rejects(api.readResponse(...args), TypeError);
        }
        assert.deepEqual(calls, []);
    });

    test(`${platformId}: the other actions still cross the bridge (native-side use)`, async () => {
        await assert.rejects(api.timeout(), /the bridge was crossed: MonacaCloudError\.timeout/);
        assert.deepEqual(calls.splice(0), ['MonacaCloudError.timeout']);
    });
}

module.exports = { suite, install, MODULES, nativeAnswer };
