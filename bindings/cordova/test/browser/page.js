/*
 * Runs checks.js in a page of run.sh (fallback.html, app.html), against the corpus and the mock
 * backend that server.js serves, and reports the outcome into the page (#result: "<page>: N
 * passed, N failed", #failures: one line each) and to the server (POST /result), which then
 * lets the page's load event fire so that `chromium --dump-dom` prints it.
 */
(function () {
    'use strict';

    function same(a, b) {
        return JSON.stringify(a) === JSON.stringify(b);
    }

    // The report a www MonacaCloudError shows through its public properties.
    function reportOf(error) {
        return { code: error.code, kind: error.kind, name: error.codeName, description: error.description,
            message: error.message, detail: error.detail, data: error.dataJson, params: error.params, json: error.jsonText };
    }

    /**
     * Checks of the plugin's JavaScript API (www/monaca-cloud-error.js, cordova.plugins.monacaCloudError)
     * over the browser platform: the corpus through readResponse, a refusal, a whole call.
     */
    async function wwwChecks(corpus) {
        var api = cordova.plugins.monacaCloudError;
        var passed = 0;
        var failures = [];
        function check(name, ok, got) {
            if (ok) passed++;
            else failures.push('www ' + name + ': got ' + String(got && got.stack || JSON.stringify(got)));
        }
        for (var f = 0; f < corpus.length; f++) {
            for (var c = 0; c < corpus[f].cases.length; c++) {
                var testCase = corpus[f].cases[c];
                var outcome = await api.readResponse(null, testCase.status, MonacaWasmChecks.caseBytes(testCase))
                    .then(function (value) { return { value: value }; }, function (error) { return { error: error }; });
                check('readResponse ' + corpus[f].file + ': ' + testCase.name, testCase.expected === null
                    ? 'value' in outcome && 'result' in outcome.value
                    : outcome.error instanceof api.MonacaCloudError && same(reportOf(outcome.error), testCase.expected), outcome);
            }
        }
        var refused = await api.create(1, 'm', '{"a":}').catch(function (error) { return error; });
        check('create refuses data with a MonacaArgumentError', refused instanceof api.MonacaArgumentError &&
            refused.argument === 'dataJson' && refused.offset === 5, refused);
        // An absolute URL: the library checks it (http:// is for loopback only) before the first call.
        var client = new api.MonacaCloudClient({ url: new URL('/json-rpc/test-backend', location.href).href,
            apiKey: 'test-api-key', deviceId: 'd1' });
        var login = await client.call('User.login', { username: 'ann', password: 'secret' }).catch(function (e) { return e; });
        check('MonacaCloudClient: User.login', login && login.user && login.user.username === 'ann', login);
        // The mock answers error 11 unless __session is the session User.login's response carried.
        var found = await client.call('Collection.find', {}).catch(function (e) { return e; });
        check('MonacaCloudClient: Collection.find, with the session kept from User.login', found && found.totalItems === 1, found);
        return { passed: passed, failed: failures.length, failures: failures };
    }

    function report(page, outcome) {
        document.getElementById('result').textContent = page + ': ' + outcome.passed + ' passed, ' + outcome.failed + ' failed';
        document.getElementById('failures').textContent = outcome.failures.join('\n');
        return fetch('/result?page=' + page, { method: 'POST', body: JSON.stringify(outcome) });
    }

    /** Runs the checks over `exec` (cordova/exec's signature), and `extra(corpus)` when given. */
    function run(page, exec, extra) {
        var corpus;
        fetch('/corpus.json').then(function (response) { return response.json(); }).then(function (files) {
            corpus = files;
            return MonacaWasmChecks.run(exec, { corpus: corpus, backend: '/json-rpc/test-backend',
                fetch: function (url, init) { return fetch(url, init); } });
        }).then(function (outcome) {
            if (!extra) return outcome;
            return extra(corpus).then(function (more) {
                return { passed: outcome.passed + more.passed, failed: outcome.failed + more.failed,
                    failures: outcome.failures.concat(more.failures) };
            });
        }).catch(function (e) {
            return { passed: 0, failed: 1, failures: ['the checks stopped: ' + (e && e.stack || e)] };
        }).then(function (outcome) { return report(page, outcome); });
    }

    window.MonacaPage = { run: run, wwwChecks: wwwChecks };
}());
