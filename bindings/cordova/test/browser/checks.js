/*
 * The checks of the WebAssembly core's actions, run the same in node (wasm.test.js) and in
 * headless Chromium (the pages of run.sh): given a function with cordova/exec's signature, they
 * call the plugin's actions and compare the replies with what the core must answer:
 *   - the whole conformance corpus (tests/corpus/*.json) through readResponse (the response
 *     report: the error's report, every field, or a result)
 *   - the session rules (the header kept on every 2xx/304 response whatever the body, trimmed,
 *     none from an empty, blank or control-holding value; a successful User.logout ends it)
 *   - request bodies, backend URLs, endpoint URL checks and their refusals; create, timeout,
 *     bodyTooLarge, describe; bad arguments
 *   - when a backend URL is given (the mock backend, tests/mock-backend/server.py): whole calls,
 *     requestBody -> POST -> readResponse, the session carried from User.login to Collection.find
 * run() resolves to {passed, failed, failures}; each failure names the check and what came back.
 * Node: a CommonJS module. Browser: the global MonacaWasmChecks.
 */
(function (root, factory) {
    if (typeof module === 'object' && module.exports) module.exports = factory();
    else root.MonacaWasmChecks = factory();
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
    'use strict';

    // {ok: true, reply} from the success callback, {ok: false, reply} from the error callback.
    function call(exec, action, args) {
        return new Promise(function (resolve) {
            exec(function (reply) { resolve({ ok: true, reply: reply }); },
                function (reply) { resolve({ ok: false, reply: reply }); }, 'MonacaCloudError', action, args);
        });
    }

    function utf8(text) {
        return new TextEncoder().encode(text);
    }

    function fromBase64(text) {
        var binary = atob(text);
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        return bytes;
    }

    /** A corpus case's body bytes ("body" is text, "bodyBase64" bytes). */
    function caseBytes(testCase) {
        return 'bodyBase64' in testCase ? fromBase64(testCase.bodyBase64) : utf8(testCase.body);
    }

    // Same JSON, member order included (iterative: the corpus nests 10,000 deep).
    function same(a, b) {
        var pending = [[a, b]];
        while (pending.length > 0) {
            var pair = pending.pop();
            var x = pair[0];
            var y = pair[1];
            if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') {
                if (!Object.is(x, y)) return false;
                continue;
            }
            if (Array.isArray(x) !== Array.isArray(y)) return false;
            var keys = Object.keys(x);
            if (keys.join('\0') !== Object.keys(y).join('\0')) return false;
            for (var i = 0; i < keys.length; i++) pending.push([x[keys[i]], y[keys[i]]]);
        }
        return true;
    }

    function parsed(reply) {
        try {
            return JSON.parse(reply);
        } catch (e) {
            return { notJson: reply };
        }
    }

    var LOGIN_REQUIRED = '{"error":{"code":11,"message":"User login is required"}}';
    // The session rule's cases (src/session.rs): status, body, the session kept from header "s".
    var SESSION_CASES = [
        [200, LOGIN_REQUIRED, 's'],
        [200, '{"result":null}', 's'],
        [304, '{"result":1}', 's'],
        [200, '{}', 's'],          // JSON, though neither result nor error
        [200, '[1]', 's'],         // JSON, though not an object
        [200, '', 's'],            // not JSON: the SDK stored the header before it parsed
        [204, '', 's'],
        [200, '{"result":', 's'],  // not JSON
        [500, '{"result":1}', null],
        [302, '', null],
        [0, '', null]
    ];
    // Header values: the session kept from each (null: none, the client keeps its own).
    var HEADER_CASES = [[' \ts\t ', 's'], ['s1, s2', 's1, s2'], ['', null], ['   ', null], ['a\u0000b', null],
        ['a\r\nb', null], ['a\u007fb', null]];

    async function run(exec, options) {
        var passed = 0;
        var failures = [];
        function check(name, ok, got) {
            if (ok) passed++;
            else failures.push(name + ': got ' + JSON.stringify(got));
        }
        function expectReply(name, outcome, ok, reply) {
            check(name, outcome.ok === ok && same(outcome.reply, reply), outcome);
        }

        // ---- the conformance corpus, every case ----
        var cases = 0;
        for (var f = 0; f < options.corpus.length; f++) {
            var file = options.corpus[f];
            for (var c = 0; c < file.cases.length; c++) {
                var testCase = file.cases[c];
                var name = file.file + ': ' + testCase.name;
                var bytes = caseBytes(testCase);
                cases++;
                var read = await call(exec, 'readResponse', [null, testCase.status, bytes.buffer, null]);
                var r = read.ok ? parsed(read.reply) : {};
                check('readResponse ' + name, read.ok && r.session === null && r.endsSession === false &&
                    (testCase.expected === null
                    ? 'result' in r && !('error' in r) && r.loginToken !== undefined
                    : same(r.error, testCase.expected) && r.loginToken === null), read);
            }
        }
        check('the corpus holds at least 100 cases', cases >= 100, cases);

        // ---- the session rule, and the response report ----
        for (var s = 0; s < SESSION_CASES.length; s++) {
            var status = SESSION_CASES[s][0];
            var body = SESSION_CASES[s][1];
            var kept = await call(exec, 'readResponse', ['Collection.find', status, utf8(body).buffer, 's']);
            check('session kept from ' + status + ' ' + JSON.stringify(body) + ': ' + SESSION_CASES[s][2],
                kept.ok && parsed(kept.reply).session === SESSION_CASES[s][2], kept);
        }
        for (var h = 0; h < HEADER_CASES.length; h++) {
            var fromHeader = await call(exec, 'readResponse', [null, 200, utf8('{"result":1}').buffer, HEADER_CASES[h][0]]);
            check('session kept from the header ' + JSON.stringify(HEADER_CASES[h][0]) + ': ' + HEADER_CASES[h][1],
                fromHeader.ok && parsed(fromHeader.reply).session === HEADER_CASES[h][1], fromHeader);
        }
        var logout = await call(exec, 'readResponse', ['User.logout', 200, utf8('{"result":{"loginToken":"t"}}').buffer, 's']);
        expectReply('readResponse: a successful User.logout ends the session', logout, true,
            '{"session":null,"endsSession":true,"loginToken":null,"result":{"loginToken":"t"}}');
        var failedLogout = await call(exec, 'readResponse', ['User.logout', 200, utf8(LOGIN_REQUIRED).buffer, 's']);
        check('readResponse: a failed User.logout does not', failedLogout.ok &&
            parsed(failedLogout.reply).endsSession === false && parsed(failedLogout.reply).session === 's', failedLogout);
        var sample = '{"jsonrpc":"2.0","id":"1","result":{"items":[1,2],"loginToken":"t\\u00e9"}}';
        var report = '{"session":"sess-1","endsSession":false,"loginToken":"té","result":{"items":[1,2],"loginToken":"t\\u00e9"}}';
        expectReply('readResponse: the response report, result as sent', await call(exec, 'readResponse',
            ['User.login', 200, utf8(sample).buffer, 'sess-1']), true, report);
        expectReply('readResponse: a Uint8Array body', await call(exec, 'readResponse',
            ['User.login', 200, utf8(sample), 'sess-1']), true, report);
        var lone = await call(exec, 'readResponse', [null, 200, utf8('{"result":1}').buffer, 's\uD800']);
        check('readResponse: a session header that is not UTF-8 gives no session', lone.ok &&
            parsed(lone.reply).session === null && parsed(lone.reply).result === 1, lone);

        // ---- request bodies and URLs ----
        expectReply('requestBody: the body the SDK writes', await call(exec, 'requestBody',
            ['User.login', ' {"username":"a\\u00e9","password":"p"} ', 'key"1', 'dev', 'sess']), true,
            '{"jsonrpc":"2.0","method":"User.login","params":{"username":"a\\u00e9","password":"p",' +
            '"__api_key":"key\\"1","__device":"dev","__session":"sess"},"id":"1"}');
        expectReply('requestBody: no params, no session', await call(exec, 'requestBody',
            ['Collection.find', null, 'key"1', 'dev', null]), true,
            '{"jsonrpc":"2.0","method":"Collection.find","params":{"__api_key":"key\\"1","__device":"dev"},"id":"1"}');
        var escaped = await call(exec, 'requestBody', ['m', null, '\u0000\n\\', '\u2028', '\u001f\uD83D\uDE00']);
        var params = escaped.ok ? parsed(escaped.reply).params : null;
        check('requestBody: every text escaped, read back exactly', params !== null && params.__api_key === '\u0000\n\\' &&
            params.__device === '\u2028' && params.__session === '\u001f\uD83D\uDE00', escaped);
        var methods = [['', 0, 'empty'], ['a..b', 2, 'an empty part between dots'], ['a b', 1, null], ['é', 0, null]];
        for (var m = 0; m < methods.length; m++) {
            var refused = await call(exec, 'requestBody', [methods[m][0], null, 'k', 'd', null]);
            check('requestBody refuses the method ' + JSON.stringify(methods[m][0]), !refused.ok &&
                refused.reply.argument === 'method' && refused.reply.offset === methods[m][1] &&
                (methods[m][2] === null || refused.reply.reason === methods[m][2]), refused);
        }
        expectReply('requestBody refuses params that are not JSON, saying where', await call(exec, 'requestBody',
            ['m', '{"a":}', 'k', 'd', null]), false, { argument: 'params', reason: 'expected a JSON value', offset: 5,
            line: 1, column: 6, explanation: 'params is not valid JSON: expected a JSON value at line 1, column 6 (byte offset 5)' });
        var notObject = await call(exec, 'requestBody', ['m', '[]', 'k', 'd', null]);
        check('requestBody refuses params that are not an object', !notObject.ok && notObject.reply.argument === 'params' &&
            notObject.reply.explanation === 'params is not a JSON object', notObject);
        var credential = await call(exec, 'requestBody', ['m', '{"a":1,"__s\\u0065ssion":"x"}', 'k', 'd', null]);
        check('requestBody refuses params holding __session', !credential.ok && credential.reply.argument === 'params' &&
            credential.reply.explanation === 'params holds "__session", which the library sets from the credentials', credential);
        var device = await call(exec, 'requestBody', ['m', null, 'k', 'd\uDC00', null]);
        check('requestBody refuses a device id with a lone surrogate', !device.ok && device.reply.argument === 'deviceId' &&
            device.reply.reason === 'invalid UTF-8' && device.reply.offset === 1, device);
        expectReply('backendUrl', await call(exec, 'backendUrl', ['a1b2-c3_d']), true,
            'https://cloud.monaca.mobi/json-rpc/a1b2-c3_d');
        expectReply('backendUrl refuses an id with a slash', await call(exec, 'backendUrl', ['a/b']), false,
            { argument: 'backendId', reason: 'only ASCII letters, digits, \'-\' and \'_\' may appear', offset: 1, line: 0,
                column: 0, explanation: 'the backend id is not valid: only ASCII letters, digits, \'-\' and \'_\' may appear (byte offset 1)' });

        var urls = [['https://cloud.monaca.mobi/json-rpc/x', true], ['http://127.0.0.1:8080/x', true],
            ['http://localhost/x', true], ['http://[::1]/', true], ['http://example.com/x', false],
            ['file:///etc/passwd', false], ['jar:file:/a!/b', false], ['', false]];
        for (var u = 0; u < urls.length; u++) {
            var checked = await call(exec, 'checkUrl', [urls[u][0]]);
            check('checkUrl ' + (urls[u][1] ? 'accepts ' : 'refuses ') + JSON.stringify(urls[u][0]), urls[u][1]
                ? checked.ok && checked.reply === 'OK'
                : !checked.ok && checked.reply.argument === 'url' && typeof checked.reply.explanation === 'string', checked);
        }

        // ---- create, timeout, bodyTooLarge, describe ----
        var made = await call(exec, 'create', [10000, 'm\u0000é', '{"a":[1]}']);
        check('create: the report', made.ok && same(parsed(made.reply), { code: 10000, kind: 'USER_DEFINED', name: null,
            description: 'Monaca error 10000: m\u0000é', message: 'm\u0000é', detail: null, data: '{"a":[1]}', params: [],
            json: '{"code":10000,"message":"m\\u0000é","data":{"a":[1]}}' }), made);
        var big = await call(exec, 'create', [-9007199254740991, '', null]);
        check('create: a code beyond 32 bits, no data', big.ok && parsed(big.reply).code === -9007199254740991 &&
            parsed(big.reply).data === null, big);
        expectReply('create refuses data that is not JSON, saying where', await call(exec, 'create', [1, 'm', '{"a":}']),
            false, { argument: 'dataJson', reason: 'expected a JSON value', offset: 5, line: 1, column: 6,
                explanation: 'data is not valid JSON: expected a JSON value at line 1, column 6 (byte offset 5)' });
        var empty = await call(exec, 'create', [1, 'm', '']);
        check('create refuses empty data ("" is not null)', !empty.ok && empty.reply.argument === 'dataJson', empty);
        expectReply('create refuses a message with a lone surrogate', await call(exec, 'create', [1, 'a\uD800b', null]),
            false, { argument: 'message', reason: 'invalid UTF-8', offset: 1, line: 0, column: 0,
                explanation: 'message is not valid UTF-8: invalid byte at byte offset 1' });
        var timedOut = await call(exec, 'timeout', []);
        check('timeout: the -11 report', timedOut.ok && same(parsed(timedOut.reply), { code: -11, kind: 'CLIENT',
            name: 'CONNECTION_TIMED_OUT', description: 'Monaca error -11 (CONNECTION_TIMED_OUT): Connection timeout',
            message: 'Connection timeout', detail: null, data: null, params: [],
            json: '{"code":-11,"message":"Connection timeout","data":{}}' }), timedOut);
        var tooLarge = await call(exec, 'bodyTooLarge', [33554432]);
        check('bodyTooLarge: the -12 report naming the limit', tooLarge.ok && parsed(tooLarge.reply).code === -12 &&
            parsed(tooLarge.reply).kind === 'CLIENT' && /33554432/.test(parsed(tooLarge.reply).detail), tooLarge);
        var entries = [
            { code: -32602, kind: 'JSON_RPC', name: 'INVALID_PARAMS', description: 'Invalid method parameter(s)' },
            { code: -32050, kind: 'SERVER_DEFINED', name: null, description: 'Implementation-defined server error' },
            { code: 14, kind: 'CLOUD_API', name: 'PERMISSION_DENIED', description: 'Permission denied' },
            { code: 10000, kind: 'USER_DEFINED', name: null, description: 'User-defined error' },
            { code: 123, kind: 'UNKNOWN', name: null, description: 'Unknown error code' }
        ];
        for (var e = 0; e < entries.length; e++) {
            expectReply('describe ' + entries[e].code, await call(exec, 'describe', [entries[e].code]), true, entries[e]);
        }

        // ---- bad arguments: a message, as the native classes send ----
        var bad = [['readResponse', [null, '200', new ArrayBuffer(0), null]], ['readResponse', [null, 200, 'e30=', null]],
            ['readResponse', [null, 200, new ArrayBuffer(0), 7]], ['parseResponse', [null, 200, new ArrayBuffer(0)]],
            ['readResponse', [null, 200, new ArrayBuffer(0)]], ['readResponse', [200, new ArrayBuffer(0), null]],
            ['readResponse', [7, 200, new ArrayBuffer(0), null]],
            ['create', [1.5, 'm', null]], ['describe', []], ['requestBody', ['m', null, 'k', 'd', null, 1]],
            ['requestBody', ['m', null, 'k', 'd']], ['backendUrl', [null]], ['checkUrl', [7]], ['bodyTooLarge', [-1]],
            ['bodyTooLarge', ['1']]];
        for (var b = 0; b < bad.length; b++) {
            var refusedArgs = await call(exec, bad[b][0], bad[b][1]);
            check(bad[b][0] + ' with bad arguments ' + JSON.stringify(bad[b][1]) + ' fails with a message',
                !refusedArgs.ok && typeof refusedArgs.reply === 'string', refusedArgs);
        }

        // ---- whole calls against the mock backend ----
        if (options.backend) {
            var credentials = { apiKey: 'test-api-key', deviceId: 'device-1', session: null };
            var callBackend = async function (method, paramsJson) {
                var request = await call(exec, 'requestBody', [method, paramsJson, credentials.apiKey,
                    credentials.deviceId, credentials.session]);
                if (!request.ok) return { request: request };
                var response = await options.fetch(options.backend, { method: 'POST',
                    headers: { 'Content-Type': 'application/json' }, body: request.reply });
                var got = await response.arrayBuffer();
                var read = await call(exec, 'readResponse', [method, response.status, got,
                    response.headers.get('X-Set-Monaca-Cloud-Session')]);
                var answer = read.ok ? parsed(read.reply) : { read: read };
                if (answer.endsSession) credentials.session = null; // the session rule of a client
                else if (answer.session) credentials.session = answer.session; // the session to keep
                return answer;
            };
            var found = await callBackend('Collection.find', '{}');
            check('backend: Collection.find before login is error 11', found.error && found.error.code === 11 &&
                found.session === null, found);
            var wrong = await callBackend('User.login', '{"username":"ann","password":"guess"}');
            check('backend: a wrong password is -32602 with its parameter message', wrong.error &&
                wrong.error.code === -32602 && same(wrong.error.params, [{ name: 'password', messages: ['Wrong password.'] }]), wrong);
            var login = await callBackend('User.login', '{"username":"ann","password":"secret"}');
            check('backend: User.login gives a session and a login token', /^session-\d+$/.test(login.session) &&
                /^token-\d+$/.test(login.loginToken) && login.result && login.result.user.username === 'ann', login);
            found = await callBackend('Collection.find', null);
            check('backend: Collection.find with the kept session', found.result && found.result.totalItems === 1 &&
                found.session === null, found);
            var echo = await callBackend('Echo', '{"x":"é"}');
            check('backend: the credentials reach the server as __api_key, __device, __session', echo.result &&
                same(echo.result, { x: 'é', __api_key: 'test-api-key', __device: 'device-1', __session: login.session }), echo);
            var failed = await callBackend('Fail.status500', null);
            check('backend: HTTP 500 is -13', failed.error && failed.error.code === -13, failed);
        }
        return { passed: passed, failed: failures.length, failures: failures };
    }

    return { run: run, call: call, caseBytes: caseBytes, same: same };
}));
