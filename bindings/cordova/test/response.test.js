// The response and request side of a Backend call in JavaScript: readResponse and parseResponse
// with text, ArrayBuffer and Uint8Array bodies (the bytes reach the library exactly), the result,
// the session and the loginToken, errors carrying the session; requestBody and backendUrl with
// the library's refusals. Every native answer comes from the real library (test/support).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fake = require('./support/fake-native');
const library = require('./support/library');
const { assertShowsReport } = require('./support/check-report');

fake.install();
const api = require('../www/monaca-cloud-error.js');
const { readResponse, parseResponse, requestBody, backendUrl, checkUrl, bodyTooLarge, MonacaCloudError, MonacaArgumentError,
    Code } = api;

const utf8 = (text) => Buffer.from(text, 'utf8');
const rejection = (promise) => promise.then((value) => assert.fail(`resolved with ${JSON.stringify(value)}`), (e) => e);

/**
 * readResponse's answer for a call of `method` (null: unknown), and the bytes the native side
 * received (base64 on Android's bridge).
 */
async function readFor(method, status, body, sessionHeader) {
    const before = fake.calls.length;
    const outcome = await readResponse(method, status, body, sessionHeader).then((value) => ({ value }), (error) => ({ error }));
    const sent = fake.calls.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].action, 'readResponse');
    assert.equal(sent[0].args[0], method === undefined ? null : method);
    assert.equal(sent[0].args[1], status);
    assert.equal(sent[0].args[3], sessionHeader === undefined ? null : sessionHeader);
    return { ...outcome, bytes: Buffer.from(sent[0].args[2], 'base64') };
}

/** readFor a method that never ends a session. */
const read = (status, body, sessionHeader) => readFor('Collection.find', status, body, sessionHeader);

test('readResponse: a text, an ArrayBuffer, a Uint8Array and a part of a larger buffer carry the same bytes', async () => {
    const text = '{"jsonrpc":"2.0","id":1,"result":{"name":"日本語 \u{1F4F7}","n":[1,2.5,-0]}}';
    const bytes = utf8(text);
    const padded = Buffer.concat([utf8('xx'), bytes, utf8('yyy')]);
    const bodies = {
        text,
        arrayBuffer: new Uint8Array(bytes).buffer,
        uint8Array: new Uint8Array(bytes),
        nodeBuffer: bytes, // a Uint8Array over node's shared pool
        view: new Uint8Array(padded.buffer, padded.byteOffset + 2, bytes.length)
    };
    for (const [kind, body] of Object.entries(bodies)) {
        const { value, bytes: sent } = await read(200, body);
        assert.ok(sent.equals(bytes), `${kind}: the bytes sent are the body's`);
        assert.deepEqual(value, { result: { name: '日本語 \u{1F4F7}', n: [1, 2.5, -0] }, session: null, endsSession: false, loginToken: null }, kind);
    }
});

test('readResponse: bytes reach the library exactly (invalid UTF-8, BOMs, UTF-16)', async () => {
    const utf16 = (text, bigEndian) => {
        const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
        return bigEndian ? Buffer.from(le).swap16() : le;
    };
    const cases = [
        ['invalid UTF-8 in a string', Buffer.concat([utf8('{"result":"a'), Buffer.from([0xff, 0xc3]), utf8('b"}')]), 'a\uFFFD\uFFFDb'],
        ['Latin-1 text', Buffer.from('{"result":"caf\xe9"}', 'latin1'), 'caf\uFFFD'],
        ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{"result":"x"}')]), 'x'],
        ['UTF-16 LE with BOM', utf16('{"result":"\u00e9\u{1F4F7}"}', false), '\u00e9\u{1F4F7}'],
        ['UTF-16 BE with BOM', utf16('{"result":[1,"\u00e9"]}', true), [1, '\u00e9']]
    ];
    for (const [name, bytes, result] of cases) {
        for (const body of [new Uint8Array(bytes).buffer, new Uint8Array(bytes)]) {
            const { value, bytes: sent } = await read(200, body);
            assert.ok(sent.equals(bytes), `${name}: sent byte for byte`);
            assert.deepEqual(value, { result, session: null, endsSession: false, loginToken: null }, name);
            // The whole answer is the library's response report, parsed.
            assert.deepEqual(value.result, JSON.parse(library.responseReport(null, bytes, 200, null)).result);
        }
    }
    // An error in a UTF-16 body: the message decoded, every field the library's.
    const body = utf16('{"error":{"code":-32602,"message":"\u00e9","data":{"a":"\u00e8"}}}', true);
    const { error } = await read(200, new Uint8Array(body).buffer);
    assertShowsReport(error, JSON.parse(library.responseReport(null, body, 200, null)).error);
    assert.equal(error.message, '\u00e9');
    assert.deepEqual(error.messagesFor('a'), ['\u00e8']);
});

test('readResponse: a text body is sent as its UTF-8 (a lone surrogate as U+FFFD)', async () => {
    const { value, bytes } = await read(200, '{"result":["\uD800","\u00e9"]}');
    assert.ok(bytes.equals(Buffer.concat([utf8('{"result":["'), Buffer.from([0xef, 0xbf, 0xbd]), utf8('","é"]}')])));
    assert.deepEqual(value.result, ['\uFFFD', '\u00e9']);
});

test('readResponse: any result, as JSON.parse reads the text the server sent', async () => {
    const results = ['null', '0', '-1.5e3', '"s"', 'true', '[]', '{}', '[{"a":{"b":[null]}}]', '9007199254740993',
        '{"a":1,"a":2}', '{"__proto__":{"x":1}}'];
    for (const result of results) {
        const body = `{"id":7,"result":${result},"jsonrpc":"2.0"}`;
        assert.deepEqual((await read(200, body)).value.result, JSON.parse(result), result);
        assert.deepEqual(await parseResponse(null, 200, body), JSON.parse(result), `parseResponse ${result}`);
    }
    // 304, and "error": null beside a result, are successes too.
    assert.equal(await parseResponse(null, 304, '{"result":1}'), 1);
    assert.equal(await parseResponse(undefined, 200, '{"error":null,"result":2}'), 2);
});

test('readResponse: the session and the loginToken', async () => {
    const login = '{"result":{"loginToken":"tok-1","user":{"_id":"u1"}}}';
    assert.deepEqual((await readFor('User.login', 200, login, 'session-1')).value,
        { result: { loginToken: 'tok-1', user: { _id: 'u1' } }, session: 'session-1', endsSession: false, loginToken: 'tok-1' });
    assert.deepEqual((await read(200, login)).value.session, null, 'no header, no session');
    assert.deepEqual((await read(200, login, null)).value.session, null);
    assert.deepEqual((await read(200, '{"result":{"items":[]}}', 's')).value,
        { result: { items: [] }, session: 's', endsSession: false, loginToken: null });
    assert.deepEqual((await read(204, '{"result":"x"}', 's \u00e9')).value.session, 's \u00e9');
    // The header's value trimmed of spaces and tabs; none kept from an empty, blank or control-
    // holding value (the client keeps the session it had).
    const sessions = [[' \ts-1\t ', 's-1'], ['s1, s2', 's1, s2'], ['', null], ['   ', null], ['\t', null],
        ['abc\u0000def', null], ['a\r\nb', null], ['a\u007fb', null]];
    for (const [header, session] of sessions) {
        const { value } = await read(200, '{"result":1}', header);
        assert.equal(value.session, session, JSON.stringify(header));
        assert.equal(value.session, JSON.parse(library.responseReport('Collection.find', utf8('{"result":1}'), 200, header)).session);
    }
    // A loginToken that is a number or a boolean is its JavaScript text; null, an object or an array is none.
    const tokens = [['"t"', 't'], ['42', '42'], ['4.50', '4.5'], ['1e21', '1e+21'], ['true', 'true'], ['null', null],
        ['{}', null], ['[1]', null]];
    for (const [token, text] of tokens) {
        const { value } = await readFor('User.login', 200, `{"result":{"loginToken":${token}}}`, null);
        assert.equal(value.loginToken, text, token);
    }
});

test('readResponse: a successful User.logout or User.unregister ends the session', async () => {
    for (const method of ['User.logout', 'User.unregister']) {
        const body = '{"result":{"loginToken":"t"}}';
        const { value } = await readFor(method, 200, body, 's-new');
        assert.deepEqual(value, { result: { loginToken: 't' }, session: null, endsSession: true, loginToken: null }, method);
        assert.deepEqual(value, JSON.parse(library.responseReport(method, utf8(body), 200, 's-new')));
        // A failed one does not: its error carries the session as any error does.
        const failed = await readFor(method, 200, '{"error":{"code":11,"message":"User login is required"}}', 's-new');
        assert.equal(failed.error.session, 's-new', method);
    }
    // Any other method, or none, never ends it (names are exact).
    for (const method of [null, 'user.logout', 'User.logout ', 'User.logoutAll', 'Collection.find']) {
        const { value } = await readFor(method, 200, '{"result":null}', 's-new');
        assert.equal(value.endsSession, false, String(method));
        assert.equal(value.session, 's-new', String(method));
    }
});

test('readResponse and parseResponse: the error carries the session (the SDK reads it on errors too)', async () => {
    const body = '{"error":{"code":11,"message":"User login is required"}}';
    for (const reader of [readResponse, parseResponse]) {
        const error = await rejection(reader('Collection.find', 200, body, 'session-9'));
        assertShowsReport(error, JSON.parse(library.responseReport('Collection.find', utf8(body), 200, 'session-9')).error);
        assert.equal(error.session, 'session-9');
        assert.equal(error.code, Code.USER_LOGIN_REQUIRED);
        assert.ok(!Object.keys(error).includes('session'), 'session is not enumerable (JSON.stringify stays the SDK\'s)');
        assert.throws(() => { error.session = 'x'; }, TypeError);
    }
    // Whatever the body on a 2xx or 304 (no answer, not JSON, empty), the session is kept, as the
    // SDK stores the header before it reads the body; on another status, or none, it is not.
    const cases = [
        [200, '{}', 'kept', Code.INVALID_RESPONSE],
        [200, '{"error":{"code":"11"}}', 'kept', Code.INVALID_RESPONSE],
        [200, '<html>', 'kept', Code.INVALID_RESPONSE],
        [204, '', 'kept', Code.INVALID_RESPONSE],
        [304, '', 'kept', Code.INVALID_RESPONSE],
        [500, '{"error":{"code":11,"message":"m"}}', null, Code.INVALID_STATUS_CODE],
        [302, '', null, Code.INVALID_STATUS_CODE],
        [0, '', null, Code.INVALID_STATUS_CODE]
    ];
    for (const [status, text, session, code] of cases) {
        const error = await rejection(readResponse('Collection.find', status, text, 'kept'));
        assert.ok(error instanceof MonacaCloudError);
        assert.equal(error.code, code, `${status} ${text}`);
        assert.equal(error.session, session, `${status} ${text}`);
        assertShowsReport(error, JSON.parse(library.responseReport('Collection.find', utf8(text), status, 'kept')).error);
    }
});

test('requestBody: the library\'s body, from an object, JSON text or no params', async () => {
    const credentials = { apiKey: 'key "1"', deviceId: 'device\u00e9', session: 'session-1' };
    const cases = [
        [{ username: 'u', password: 'p\n"' }, JSON.stringify({ username: 'u', password: 'p\n"' })],
        ['{ "a" : [1, 2.50] }', '{ "a" : [1, 2.50] }'],
        [null, null],
        [undefined, null],
        [{}, '{}']
    ];
    for (const [params, paramsJson] of cases) {
        for (const session of ['session-1', null, undefined]) {
            const before = fake.calls.length;
            const body = await requestBody('User.login', params, { ...credentials, session });
            const sent = ['User.login', paramsJson, credentials.apiKey, credentials.deviceId, session === undefined ? null : session];
            assert.deepEqual(fake.calls.slice(before), [{ service: 'MonacaCloudError', action: 'requestBody', args: sent }]);
            assert.equal(body, library.requestBody(...sent).text);
            const parsed = JSON.parse(body);
            assert.equal(parsed.method, 'User.login');
            assert.equal(parsed.id, '1', 'the id is the string "1", as the SDK sends it');
            assert.ok(body.endsWith(',"id":"1"}'), body);
            assert.equal(parsed.params.__api_key, 'key "1"');
            assert.equal(parsed.params.__device, 'device\u00e9');
            assert.equal(parsed.params.__session, session === undefined ? undefined : (session ?? undefined));
        }
    }
});

test('requestBody and backendUrl: refused input rejects with MonacaArgumentError, in JavaScript\'s names', async () => {
    const credentials = { apiKey: 'k', deviceId: 'd' };
    const cases = [
        [() => requestBody('no spaces', {}, credentials), 'method', library.requestBody('no spaces', '{}', 'k', 'd', null)],
        [() => requestBody('', {}, credentials), 'method', library.requestBody('', '{}', 'k', 'd', null)],
        [() => requestBody('Echo', [1], credentials), 'params', library.requestBody('Echo', '[1]', 'k', 'd', null)],
        [() => requestBody('Echo', 5, credentials), 'params', library.requestBody('Echo', '5', 'k', 'd', null)],
        [() => requestBody('Echo', '{"a":\n', credentials), 'params', library.requestBody('Echo', '{"a":\n', 'k', 'd', null)],
        [() => requestBody('Echo', { __session: 's' }, credentials), 'params',
            library.requestBody('Echo', '{"__session":"s"}', 'k', 'd', null)],
        [() => backendUrl('a/b'), 'backendId', library.backendUrl('a/b')],
        [() => backendUrl(''), 'backendId', library.backendUrl('')]
    ];
    for (const [call, argument, { refusal }] of cases) {
        assert.ok(refusal, `the library refuses (${argument})`);
        const error = await rejection(call());
        assert.ok(error instanceof MonacaArgumentError && error instanceof TypeError);
        assert.equal(error.argument, argument);
        assert.equal(error.message, refusal.explanation);
        for (const field of ['reason', 'offset', 'line', 'column']) assert.equal(error[field], refusal[field], field);
    }
    const json = await rejection(requestBody('Echo', '{"a":\n', credentials));
    assert.deepEqual([json.line, json.column], [2, 1], 'a JSON fault in params has its place');
});

test('backendUrl: the library\'s URL', async () => {
    assert.equal(await backendUrl('test-backend_1'), library.backendUrl('test-backend_1').text);
    assert.equal(await backendUrl('test-backend_1'), 'https://cloud.monaca.mobi/json-rpc/test-backend_1');
    assert.deepEqual(fake.calls.at(-1), { service: 'MonacaCloudError', action: 'backendUrl', args: ['test-backend_1'] });
});

test('requestBody and backendUrl: arguments of the wrong type are refused without a native call', async () => {
    const before = fake.calls.length;
    const good = { apiKey: 'k', deviceId: 'd' };
    for (const call of [
        () => requestBody(1, {}, good),
        () => requestBody('Echo', {}, null),
        () => requestBody('Echo', {}),
        () => requestBody('Echo', {}, { apiKey: 1, deviceId: 'd' }),
        () => requestBody('Echo', {}, { apiKey: 'k' }),
        () => requestBody('Echo', {}, { ...good, session: 5 }),
        () => requestBody('Echo', {}, good, 2), // an id: there is none to give (always "1")
        () => requestBody('Echo', {}, good, undefined),
        () => requestBody('Echo', { n: 1n }, good), // JSON.stringify refuses a BigInt
        () => backendUrl(undefined),
        () => checkUrl(undefined),
        () => checkUrl(new URL('https://a.example/')),
        () => bodyTooLarge(-1),
        () => bodyTooLarge(1.5),
        () => bodyTooLarge('1'),
        () => readResponse(200, 200, '{}'), // the status where the method goes
        () => readResponse(200, '{}')
    ]) {
        await assert.rejects(call(), TypeError);
        assert.ok(!((await call().catch((e) => e)) instanceof MonacaArgumentError));
    }
    assert.equal(fake.calls.length, before);
});

test('checkUrl: the library\'s rule (https anywhere, http on loopback only), refusals as MonacaArgumentError', async () => {
    const urls = ['https://cloud.monaca.mobi/json-rpc/x', 'HTTPS://a.example', 'http://127.0.0.1:8080/x', 'http://localhost/x',
        'http://127.1.2.3/', 'http://[::1]:80/', 'HtTp://LOCALHOST:1/', 'http://example.com/x', 'http://127.0.0.1.nip.io/',
        'http://localhost.example/', 'file:///etc/passwd', 'jar:file:/a!/b', 'ftp://127.0.0.1/', 'example.com', '',
        'javascript:alert(1)', 'http://[::2]/'];
    let accepted = 0;
    for (const url of urls) {
        const expected = library.checkUrl(url);
        const before = fake.calls.length;
        const outcome = await checkUrl(url).then((value) => ({ value }), (error) => ({ error }));
        assert.deepEqual(fake.calls.slice(before), [{ service: 'MonacaCloudError', action: 'checkUrl', args: [url] }]);
        if ('text' in expected) {
            assert.deepEqual(outcome, { value: undefined }, url);
            accepted++;
        } else {
            assert.ok(outcome.error instanceof MonacaArgumentError, url);
            assert.equal(outcome.error.argument, 'url', url);
            assert.equal(outcome.error.message, expected.refusal.explanation, url);
            for (const field of ['reason', 'offset', 'line', 'column']) assert.equal(outcome.error[field], expected.refusal[field]);
        }
    }
    assert.equal(accepted, 7, 'the https and loopback URLs, and no other');
    for (const url of ['http://example.com/x', 'file:///etc/passwd', '']) {
        assert.ok('refusal' in library.checkUrl(url), `the library refuses ${url}`);
    }
});

test('bodyTooLarge: the library\'s -12 error naming the limit', async () => {
    for (const limit of [0, 1000, 33554432, Number.MAX_SAFE_INTEGER]) {
        const error = await bodyTooLarge(limit);
        assertShowsReport(error, JSON.parse(library.bodyTooLargeReport(limit)));
        assert.equal(error.code, Code.INVALID_RESPONSE);
        assert.ok(error.detail.includes(String(limit)), error.detail);
        assert.equal(error.session, null);
    }
});
