// Tests of www/monaca-cloud-error.js with node's own test runner (`node --test`). Every
// expectation about a response comes from the real library at test time (test/support),
// never from stored outputs.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fake = require('./support/fake-native');
const library = require('./support/library');

fake.install();
const api = require('../www/monaca-cloud-error.js');
const { MonacaCloudError, fromNative, parseResponse, describe: describeCode, Kind } = api;

/** Asserts that `error` is what the library reported for the same response. */
function assertMatchesLibrary(error, json, rep) {
    const expected = JSON.parse(json);
    assert.ok(error instanceof MonacaCloudError);
    assert.ok(error instanceof Error);
    // Monaca.cloud.Error compatibility: exactly these own enumerable properties.
    assert.deepEqual(Object.keys(error), ['code', 'message', 'data']);
    assert.equal(error.code, expected.code);
    assert.equal(error.message, expected.message);
    assert.deepEqual(error.data, expected.data);
    assert.deepEqual(JSON.parse(JSON.stringify(error)), expected);
    // Computed in JavaScript, compared with the library's own answer.
    assert.equal(error.code, rep.code);
    assert.equal(error.kind, rep.kind);
    assert.equal(error.name, rep.name);
    assert.deepEqual(error.params.map((p) => ({ name: p.name, messages: [...p.messages] })), rep.params);
}

test('every fixture response: fromNative(library JSON) agrees with the library', async (t) => {
    const fixtures = library.fixtures();
    assert.ok(fixtures.length >= 8, 'the repository ships its fixture responses');
    for (const fixture of fixtures) {
        await t.test(fixture.name, () => {
            const json = library.jsonForm(fixture.file);
            const rep = library.report(fixture.file);
            if (rep.success) {
                assert.equal(json, 'null');
                assert.equal(fromNative(json), null);
                return;
            }
            assertMatchesLibrary(fromNative(json, rep.detail), json, rep);
        });
    }
});

// Expectations derived from the fixtures' own content (read at test time).
function fixtureBody(name) {
    return JSON.parse(library.fixtures().find((f) => f.name === name).bytes.toString('utf8'));
}

function errorForFixture(name) {
    const { file } = library.fixtures().find((f) => f.name === name);
    return fromNative(library.jsonForm(file));
}

test('invalid-params.json: strings, arrays and nested objects become params', () => {
    const sent = fixtureBody('invalid-params.json').error.data;
    const error = errorForFixture('invalid-params.json');
    assert.equal(error.kind, Kind.JSON_RPC);
    assert.equal(error.name, 'INVALID_PARAMS');
    assert.deepEqual(error.messagesFor('collectionName'), [sent.collectionName]);
    assert.deepEqual(error.messagesFor('criteria'), sent.criteria);
    assert.deepEqual(error.messagesFor('properties.age'), [sent.properties.age]);
    assert.deepEqual(error.messagesFor('properties'), []);
    assert.deepEqual(error.messagesFor('nope'), []);
    assert.deepEqual(error.params.map((p) => p.name), ['collectionName', 'criteria', 'properties.age']);
    assert.deepEqual(error.data, sent, 'data kept as sent');
});

test('documented-invalid-params.json: the documented example', () => {
    const sent = fixtureBody('documented-invalid-params.json').error;
    const error = errorForFixture('documented-invalid-params.json');
    assert.equal(error.code, sent.code);
    assert.deepEqual(error.messagesFor('collectionName'), [sent.data.collectionName]);
});

test('login-required.json and permission-denied.json: no data gives {} and no params', () => {
    const login = errorForFixture('login-required.json');
    assert.equal(login.code, fixtureBody('login-required.json').error.code);
    assert.deepEqual(login.data, {});
    assert.deepEqual(login.params, []);
    assert.equal(login.kind, Kind.CLOUD_API);
    const denied = errorForFixture('permission-denied.json');
    assert.equal(denied.code, -14);
    assert.equal(denied.name, 'PERMISSION_DENIED');
    assert.equal(api.nameOf(14), denied.name, '14 and -14 share the name');
});

test('user-defined.json: emoji message, user-defined kind, data but no params', () => {
    const sent = fixtureBody('user-defined.json').error;
    const error = errorForFixture('user-defined.json');
    assert.equal(error.message, sent.message);
    assert.ok(error.message.includes('\u{1F4F7}'));
    assert.equal(error.kind, Kind.USER_DEFINED);
    assert.equal(error.name, null);
    assert.deepEqual(error.data, sent.data);
    assert.deepEqual(error.params, []);
});

test('malformed-code.json and html-gateway.txt: -12 from the library, data {}', () => {
    for (const name of ['malformed-code.json', 'html-gateway.txt']) {
        const error = errorForFixture(name);
        assert.equal(error.code, api.Code.INVALID_RESPONSE, name);
        assert.equal(error.kind, Kind.CLIENT);
        assert.deepEqual(error.data, {});
    }
});

// Responses made here, written to files and classified by the library.
const generated = {
    'duplicates, raw numbers, empty containers, deep nesting':
        '{"error":{"code":-32602,"message":"m","data":{"a":[1.0, {"x" : 1}, null, true, "s"],' +
        '"b":{},"c":[],"d":1e2,"e":{"f":{"g":"h","i":[-0.50]}},"a":"again","0":"zero","n":null,"t":false}}}',
    'non-ASCII, U+2028, NUL and escapes in names and messages':
        '{"error":{"code":-32602,"message":"\u2028 \ud83d\ude00 \\u0000 \\"q\\"","data":{"\u540d\u524d":"\u5fc5\u9808 \ud83d\udcf7",' +
        '"line\\u2028sep":["a\\u0000b","\\"quoted\\""],"tab\\tname":"\\\\"}}}',
    '__proto__ and constructor as parameter names':
        '{"error":{"code":-32602,"message":"m","data":{"__proto__":"p","constructor":["c"]}}}',
    '-32602 with array data: no params': '{"error":{"code":-32602,"message":"m","data":["x","y"]}}',
    '-32602 with string data: no params': '{"error":{"code":-32602,"message":"m","data":"x"}}',
    '-32602 without data': '{"error":{"code":-32602,"message":"m"}}',
    'other code with object data: no params': '{"error":{"code":-32603,"message":"m","data":{"a":"b"}}}',
    'data that is null': '{"error":{"code":13,"message":"m","data":null}}',
    'large user-defined code': '{"error":{"code":123456789,"message":"m","data":{"k":[1,2]}}}'
};

test('generated responses: fromNative agrees with the library', async (t) => {
    for (const [label, body] of Object.entries(generated)) {
        await t.test(label, () => {
            const file = library.bodyFile(body);
            const json = library.jsonForm(file);
            assertMatchesLibrary(fromNative(json), json, library.report(file));
        });
    }
});

test('fromNative(object) applies the same rules to already parsed values', () => {
    const body = library.bodyFile(fixtureBodyText('invalid-params.json'));
    const json = library.jsonForm(body);
    const fromText = fromNative(json);
    const fromObject = fromNative(JSON.parse(json));
    assert.deepEqual(fromObject.params, fromText.params);
    assert.deepEqual(fromObject.data, fromText.data);
});

function fixtureBodyText(name) {
    return library.fixtures().find((f) => f.name === name).bytes;
}

test('kindOf and nameOf agree with the library for every documented code and each boundary', async (t) => {
    const codes = [
        -32768, -32701, -32700, -32699, -32604, -32603, -32602, -32601, -32600, -32599, -32100,
        -32099, -32050, -32000, -31999, -15, -14, -13, -12, -11, -10, -1, 0, 1, 3, 4, 5, 9, 10, 11,
        12, 13, 14, 15, 9998, 9999, 10000, 10001, 2147483648, -2147483649, Number.MAX_SAFE_INTEGER,
        Number.MIN_SAFE_INTEGER
    ];
    for (const code of Object.values(api.Code)) if (!codes.includes(code)) codes.push(code);
    for (const code of codes) {
        await t.test(String(code), () => {
            const rep = library.report(library.bodyFile(`{"error":{"code":${code},"message":"m"}}`));
            assert.equal(rep.code, code);
            assert.equal(api.kindOf(code), rep.kind);
            assert.equal(api.nameOf(code), rep.name);
            const error = new MonacaCloudError(code, 'm');
            assert.equal(error.kind, rep.kind);
            assert.equal(error.name, rep.name);
        });
    }
});

test('timeout() is the library timeout error', () => {
    const json = library.timeoutJson();
    const error = api.timeout();
    assert.deepEqual(JSON.parse(JSON.stringify(error)), JSON.parse(json));
    assert.deepEqual(error, fromNative(json));
    assert.equal(error.name, 'CONNECTION_TIMED_OUT');
    assert.equal(error.kind, Kind.CLIENT);
});

test('new MonacaCloudError(code, message, data) behaves like Monaca.cloud.Error', () => {
    const plain = new MonacaCloudError(11, 'User login is required');
    assert.deepEqual(Object.keys(plain), ['code', 'message', 'data']);
    assert.deepEqual(plain.data, {});
    assert.equal(plain.detail, null);
    assert.ok(Object.getOwnPropertyNames(plain).includes('kind'), 'kind is an own property');
    assert.ok(!Object.keys(plain).includes('kind'), 'but not enumerable');
    assert.throws(() => { 'use strict'; plain.code = 1; }, TypeError, 'read-only');
    const withData = new MonacaCloudError(-32602, 'Invalid params', { a: ['x', 2], b: { c: 'd' } });
    assert.deepEqual(withData.messagesFor('a'), ['x', '2']);
    assert.deepEqual(withData.messagesFor('b.c'), ['d']);
    assert.ok(Object.isFrozen(withData.params));
    assert.match(String(withData), /-32602 INVALID_PARAMS\]: Invalid params/);
    assert.throws(() => new MonacaCloudError('11', 'm'), TypeError);
    assert.throws(() => new MonacaCloudError(1.5, 'm'), TypeError);
    assert.throws(() => new MonacaCloudError(1, 42), TypeError);
});

test('fromNative rejects what is not an error', () => {
    assert.throws(() => fromNative('{not json'), SyntaxError);
    assert.throws(() => fromNative('{"code":"1","message":"m"}'), TypeError);
    assert.throws(() => fromNative('{"code":1}'), TypeError);
    assert.throws(() => fromNative('[1,"m"]'), TypeError);
    assert.throws(() => fromNative('{"code":1.5,"message":"m"}'), TypeError);
    assert.equal(fromNative(null), null);
});

// ---- The exec-based API, answered by the fake native side (which asks the library) ------

function b64(bytes) {
    return Buffer.from(bytes).toString('base64');
}

test('parseResponse: rejects with the library error for every fixture, resolves null for success', async (t) => {
    for (const fixture of library.fixtures()) {
        for (const status of [200, 304, 500, 0]) {
            await t.test(`${fixture.name} status ${status}`, async () => {
                const json = library.jsonForm(fixture.file, status);
                const rep = library.report(fixture.file, status);
                const before = fake.calls.length;
                const outcome = await parseResponse(status, b64(fixture.bytes)).then(
                    (value) => ({ value }), (error) => ({ error }));
                assert.deepEqual(fake.calls.slice(before),
                    [{ service: 'MonacaCloudError', action: 'parseResponse', args: [status, b64(fixture.bytes)] }]);
                if (rep.success) {
                    assert.deepEqual(outcome, { value: null });
                    return;
                }
                assert.ok(outcome.error, 'rejected');
                assertMatchesLibrary(outcome.error, json, rep);
                assert.equal(outcome.error.detail, rep.detail);
            });
        }
    }
    // Sanity: a status outside 2xx/304 is -13 whatever the body.
    const error = await parseResponse(404, b64(fixtureBodyText('find-success.json'))).catch((e) => e);
    assert.equal(error.code, api.Code.INVALID_STATUS_CODE);
    assert.match(error.detail, /404/);
});

test('parseResponse: an empty body', async () => {
    const error = await parseResponse(200, '').catch((e) => e);
    assert.equal(error.code, api.Code.INVALID_RESPONSE);
    assert.equal(typeof error.detail, 'string');
});

test('parseResponse: invalid arguments are refused without a native call', async () => {
    const before = fake.calls.length;
    await assert.rejects(parseResponse(200.5, ''), TypeError);
    await assert.rejects(parseResponse('200', ''), TypeError);
    await assert.rejects(parseResponse(2 ** 31, ''), TypeError);
    await assert.rejects(parseResponse(200, 'not base64!'), TypeError);
    await assert.rejects(parseResponse(200, 'abc'), TypeError);
    await assert.rejects(parseResponse(200, Buffer.from('x')), TypeError);
    assert.equal(fake.calls.length, before);
});

test('parseResponse: a native failure rejects with a plain Error', async () => {
    fake.failNextCall('libmonaca_cloud_error_jni.so not found');
    const error = await parseResponse(200, '').catch((e) => e);
    assert.ok(!(error instanceof MonacaCloudError));
    assert.match(error.message, /parseResponse failed in native code: libmonaca_cloud_error_jni\.so not found/);
});

test('describe: passes the code and returns the native catalogue entry', async () => {
    for (const code of [-32602, -14, 10001, 7]) {
        const entry = await describeCode(code);
        assert.equal(entry.code, code);
        assert.equal(entry.kind, api.kindOf(code));
        assert.equal(entry.name, api.nameOf(code));
        assert.equal(entry.description, `fake description of ${code}`);
        assert.deepEqual(fake.calls.at(-1), { service: 'MonacaCloudError', action: 'describe', args: [code] });
    }
    const before = fake.calls.length;
    await assert.rejects(describeCode('11'), TypeError);
    await assert.rejects(describeCode(2 ** 60), TypeError);
    assert.equal(fake.calls.length, before);
});
