/*
 * The checks of an in-process page of run.sh (server.js: /inprocess/<page>.html, under the CSP
 * of Cordova's app template or another; cordova-stub.js mimics Android or iOS): the plugin's
 * js-modules as `cordova prepare` wrapped them, the API's ready(), then the whole corpus through
 * readResponseSync and readResponse, compared with the corpus's expectations (the answers of
 * every face), with no readResponse crossing the bridge; a whole call against the mock backend
 * (requestBody and the URL checks still cross it, to the stand-in native side). On the page with
 * `data-expect="no-wasm"` (a CSP without 'unsafe-eval' or 'wasm-unsafe-eval'), the opposite:
 * ready() rejects naming the CSP, readResponseSync throws, readResponse goes to the bridge.
 * Writes "<page>: N passed, N failed" into #result (page.js's report()).
 */
(function () {
    'use strict';
    var page = document.documentElement.getAttribute('data-page');
    var expectWasm = document.documentElement.getAttribute('data-expect') !== 'no-wasm';
    var passed = 0;
    var failures = [];
    function check(name, ok, got) {
        if (ok) passed++;
        else failures.push(name + ': got ' + show(got));
    }
    function show(got) {
        if (got && got.error instanceof Error) return 'thrown ' + String(got.error.stack || got.error).split('\n')[0];
        if (got instanceof Error) return String(got.stack || got).split('\n')[0];
        return typeof got === 'string' ? got : JSON.stringify(got);
    }

    // The result as the SDK reads it: the body decoded as the browser does, then JSON.parse.
    function sdkResult(bytes) {
        var encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
        return JSON.parse(new TextDecoder(encoding).decode(bytes)).result;
    }
    function reportOf(error) {
        return { code: error.code, kind: error.kind, name: error.codeName, description: error.description,
            message: error.message, detail: error.detail, data: error.dataJson, params: error.params, json: error.jsonText };
    }
    function sync(fn) {
        try {
            return { value: fn() };
        } catch (error) {
            return { error: error };
        }
    }
    function settle(promise) {
        return promise.then(function (value) { return { value: value }; }, function (error) { return { error: error }; });
    }
    function meets(api, outcome, testCase, bytes) {
        if (testCase.expected === null) {
            return 'value' in outcome && MonacaWasmChecks.same(outcome.value.result, sdkResult(bytes)) && outcome.value.session === null &&
                outcome.value.endsSession === false;
        }
        return outcome.error instanceof api.MonacaCloudError &&
            JSON.stringify(reportOf(outcome.error)) === JSON.stringify(testCase.expected) && outcome.error.session === null;
    }
    function readResponseCalls() {
        return CordovaStub.calls.filter(function (c) { return c === 'MonacaCloudError.readResponse'; }).length;
    }

    async function inProcess(api, corpus) {
        check('cordova.platformId is the page\'s', cordova.platformId === document.documentElement.getAttribute('data-platform'), cordova.platformId);
        var early = sync(function () { return api.readResponseSync(null, 200, '{"result":1}'); });
        check('readResponseSync before ready() throws', early.error instanceof Error && /wait for ready/.test(early.error.message), early);
        var started = performance.now();
        var loaded = await settle(api.ready());
        check('ready() resolves under this page\'s CSP', 'value' in loaded, loaded.error);
        var ms = Math.round(performance.now() - started);
        var count = 0;
        for (var f = 0; f < corpus.length; f++) {
            for (var c = 0; c < corpus[f].cases.length; c++) {
                var testCase = corpus[f].cases[c];
                var bytes = MonacaWasmChecks.caseBytes(testCase);
                var label = corpus[f].file + ': ' + testCase.name;
                var now = sync(function () { return api.readResponseSync(null, testCase.status, bytes); });
                check('readResponseSync ' + label, meets(api, now, testCase, bytes), now);
                var later = await settle(api.readResponse(null, testCase.status, bytes.buffer));
                check('readResponse ' + label, meets(api, later, testCase, bytes), later);
                count++;
            }
        }
        check('the whole corpus was read (' + count + ' cases)', count >= 100, count);
        var logout = sync(function () { return api.readResponseSync('User.logout', 200, '{"result":true}', 's1'); });
        check('a successful User.logout ends the session', logout.value && logout.value.endsSession === true, logout);
        var kept = sync(function () { return api.readResponseSync('Collection.find', 200, '{"error":{"code":11,"message":"m"}}', ' s2 '); });
        check('an error carries the session to keep', kept.error instanceof api.MonacaCloudError && kept.error.session === 's2', kept);
        check('no readResponse crossed the bridge', readResponseCalls() === 0, CordovaStub.calls);
        // A whole call: the body and the URL checks cross the bridge (the native side's), the reading does not.
        var client = new api.MonacaCloudClient({ url: new URL('/json-rpc/test-backend', location.href).href,
            apiKey: 'test-api-key', deviceId: 'd1' });
        var login = await client.call('User.login', { username: 'ann', password: 'secret' }).catch(function (e) { return e; });
        check('MonacaCloudClient: User.login', login && login.user && login.user.username === 'ann', login);
        var found = await client.call('Collection.find', {}).catch(function (e) { return e; });
        check('MonacaCloudClient: Collection.find with the session kept', found && found.totalItems === 1, found);
        check('the calls crossed the bridge for requestBody only, never for readResponse',
            readResponseCalls() === 0 && CordovaStub.calls.indexOf('MonacaCloudError.requestBody') >= 0, CordovaStub.calls);
        console.log(page + ': the core loaded in ' + ms + ' ms');
    }

    async function noWasm(api) {
        var loaded = await settle(api.ready());
        check('ready() rejects, naming the CSP it needs', loaded.error instanceof Error &&
            /cannot be loaded in this WebView/.test(loaded.error.message) && /'wasm-unsafe-eval'/.test(loaded.error.message), loaded);
        var now = sync(function () { return api.readResponseSync(null, 200, '{"result":1}'); });
        check('readResponseSync throws', now.error instanceof Error && /cannot be loaded/.test(now.error.message), now);
        var later = await settle(api.readResponse(null, 200, '{"result":1}'));
        check('readResponse asks the native side over the bridge', readResponseCalls() === 1 && later.error instanceof Error &&
            /the bridge was crossed/.test(later.error.message), [CordovaStub.calls, later]);
    }

    function report(outcome) {
        document.getElementById('result').textContent = page + ': ' + outcome.passed + ' passed, ' + outcome.failed + ' failed';
        document.getElementById('failures').textContent = outcome.failures.join('\n');
        return fetch('/result?page=' + page, { method: 'POST', body: JSON.stringify(outcome) });
    }

    fetch('/corpus.json').then(function (response) { return response.json(); }).then(function (corpus) {
        var api = cordova.require('cordova-plugin-monaca-cloud-error.MonacaCloudError');
        return expectWasm ? inProcess(api, corpus) : noWasm(api);
    }).catch(function (e) {
        failures.push('the checks stopped: ' + (e && e.stack || e));
    }).then(function () {
        return report({ passed: passed, failed: failures.length, failures: failures });
    });
}());
