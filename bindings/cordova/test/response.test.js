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
const { readResponse, parseResponse, requestBody, backendUrl, MonacaCloudError, MonacaArgumentError, Code } = api;

const utf8 = (text) => Buffer.from(text, 'utf8');
const rejection = (promise) => promise.then((value) => assert.fail(`resolved with ${JSON.stringify(value)}`), (e) => e);

/** readResponse's answer, and the bytes the native side received (base64 on Android's bridge). */
async function read(status, body, sessionHeader) {
    const before = fake.calls.length;
    const outcome = await readResponse(status, body, sessionHeader).then((value) => ({ value }), (error) => ({ error }));
    const sent = fake.calls.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].action, 'readResponse');
    assert.equal(sent[0].args[0], status);
    assert.equal(sent[0].args[2], sessionHeader === undefined ? null : sessionHeader);
    return { ...outcome, bytes: Buffer.from(sent[0].args[1], 'base64') };
}

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
        assert.deepEqual(value, { result: { name: '日本語 \u{1F4F7}', n: [1, 2.5, -0] }, session: null, loginToken: null }, kind);
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
            assert.deepEqual(value, { result, session: null, loginToken: null }, name);
            // The whole answer is the library's response report, parsed.
            assert.deepEqual(value.result, JSON.parse(library.responseReport(bytes, 200, null)).result);
        }
    }
    // An error in a UTF-16 body: the message decoded, every field the library's.
    const body = utf16('{"error":{"code":-32602,"message":"\u00e9","data":{"a":"\u00e8"}}}', true);
    const { error } = await read(200, new Uint8Array(body).buffer);
    assertShowsReport(error, JSON.parse(library.responseReport(body, 200, null)).error);
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
        assert.deepEqual(await parseResponse(200, body), JSON.parse(result), `parseResponse ${result}`);
    }
    // 304, and "error": null beside a result, are successes too.
    assert.equal(await parseResponse(304, '{"result":1}'), 1);
    assert.equal(await parseResponse(200, '{"error":null,"result":2}'), 2);
});

test('readResponse: the session and the loginToken', async () => {
    const login = '{"result":{"loginToken":"tok-1","user":{"_id":"u1"}}}';
    assert.deepEqual((await read(200, login, 'session-1')).value,
        { result: { loginToken: 'tok-1', user: { _id: 'u1' } }, session: 'session-1', loginToken: 'tok-1' });
    assert.deepEqual((await read(200, login)).value.session, null, 'no header, no session');
    assert.deepEqual((await read(200, login, null)).value.session, null);
    assert.deepEqual((await read(200, '{"result":{"items":[]}}', 's')).value, { result: { items: [] }, session: 's', loginToken: null });
    assert.deepEqual((await read(204, '{"result":"x"}', 's \u00e9')).value.session, 's \u00e9');
});

test('readResponse and parseResponse: the error carries the session (the SDK reads it on errors too)', async () => {
    const body = '{"error":{"code":11,"message":"User login is required"}}';
    for (const reader of [readResponse, parseResponse]) {
        const error = await rejection(reader(200, body, 'session-9'));
        assertShowsReport(error, JSON.parse(library.responseReport(utf8(body), 200, 'session-9')).error);
        assert.equal(error.session, 'session-9');
        assert.equal(error.code, Code.USER_LOGIN_REQUIRED);
        assert.ok(!Object.keys(error).includes('session'), 'session is not enumerable (JSON.stringify stays the SDK\'s)');
        assert.throws(() => { error.session = 'x'; }, TypeError);
    }
    // A body that is JSON but no answer: -12, the session kept; not JSON, or another status: none.
    const cases = [
        [200, '{}', 'kept', Code.INVALID_RESPONSE],
        [200, '{"error":{"code":"11"}}', 'kept', Code.INVALID_RESPONSE],
        [200, '<html>', null, Code.INVALID_RESPONSE],
        [200, '', null, Code.INVALID_RESPONSE],
        [500, '{"error":{"code":11,"message":"m"}}', null, Code.INVALID_STATUS_CODE],
        [0, '', null, Code.INVALID_STATUS_CODE]
    ];
    for (const [status, text, session, code] of cases) {
        const error = await rejection(readResponse(status, text, 'kept'));
        assert.ok(error instanceof MonacaCloudError);
        assert.equal(error.code, code, `${status} ${text}`);
        assert.equal(error.session, session, `${status} ${text}`);
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
        for (const [session, id] of [['session-1', undefined], [null, 42], [undefined, -3]]) {
            const before = fake.calls.length;
            const body = await requestBody('User.login', params, { ...credentials, session }, id);
            const sent = [ 'User.login', paramsJson, credentials.apiKey, credentials.deviceId, session === undefined ? null : session,
                id === undefined ? 1 : id];
            assert.deepEqual(fake.calls.slice(before), [{ service: 'MonacaCloudError', action: 'requestBody', args: sent }]);
            assert.equal(body, library.requestBody(...sent).text);
            const parsed = JSON.parse(body);
            assert.equal(parsed.method, 'User.login');
            assert.equal(parsed.id, id === undefined ? 1 : id);
            assert.equal(parsed.params.__api_key, 'key "1"');
            assert.equal(parsed.params.__device, 'device\u00e9');
            assert.equal(parsed.params.__session, session === undefined ? undefined : (session ?? undefined));
        }
    }
});

test('requestBody and backendUrl: refused input rejects with MonacaArgumentError, in JavaScript\'s names', async () => {
    const credentials = { apiKey: 'k', deviceId: 'd' };
    const cases = [
        [() => requestBody('no spaces', {}, credentials), 'method', library.requestBody('no spaces', '{}', 'k', 'd', null, 1)],
        [() => requestBody('', {}, credentials), 'method', library.requestBody('', '{}', 'k', 'd', null, 1)],
        [() => requestBody('Echo', [1], credentials), 'params', library.requestBody('Echo', '[1]', 'k', 'd', null, 1)],
        [() => requestBody('Echo', 5, credentials), 'params', library.requestBody('Echo', '5', 'k', 'd', null, 1)],
        [() => requestBody('Echo', '{"a":\n', credentials), 'params', library.requestBody('Echo', '{"a":\n', 'k', 'd', null, 1)],
        [() => requestBody('Echo', { __session: 's' }, credentials), 'params',
            library.requestBody('Echo', '{"__session":"s"}', 'k', 'd', null, 1)],
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
        () => requestBody('Echo', {}, good, 1.5),
        () => requestBody('Echo', { n: 1n }, good), // JSON.stringify refuses a BigInt
        () => backendUrl(undefined)
    ]) {
        await assert.rejects(call(), TypeError);
        assert.ok(!((await call().catch((e) => e)) instanceof MonacaArgumentError));
    }
    assert.equal(fake.calls.length, before);
});
