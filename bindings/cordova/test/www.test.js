// What is particular to the JavaScript face of an error (the classification rules are the
// corpus's, in corpus.test.js; responses, requests and calls are in response.test.js and
// call.test.js): Error semantics, JSON.stringify, frozen params, messagesFor over duplicated
// names, create and MonacaArgumentError, timeout, the catalogue look-ups, argument checks and
// native failures. Every answer of the native side comes from the real library (test/support).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fake = require('./support/fake-native');
const library = require('./support/library');
const { assertShowsReport } = require('./support/check-report');

fake.install();
const api = require('../www/monaca-cloud-error.js');
const { MonacaCloudError, MonacaArgumentError, parseResponse, create, Kind, Code } = api;

/** The error parseResponse rejects with for a 200 response carrying `body`, and the library's report. */
async function errorFor(body, status = 200) {
    const error = await parseResponse(null, status, body).then(() => assert.fail('resolved'), (e) => e);
    return { error, report: JSON.parse(library.report(body, status)) };
}

test('an Error subclass whose stack header names the error, never null', async () => {
    const cases = [
        ['{"error":{"code":-32602,"message":"Invalid params"}}', 'INVALID_PARAMS'],
        ['{"error":{"code":10001,"message":"user-defined"}}', 'MonacaCloudError'],
        ['{"error":{"code":-32050,"message":"server-defined"}}', 'MonacaCloudError'],
        ['{"error":{"code":7,"message":"unknown"}}', 'MonacaCloudError']
    ];
    for (const [body, name] of cases) {
        const { error, report } = await errorFor(body);
        assert.ok(error instanceof MonacaCloudError && error instanceof Error);
        assert.equal(Object.prototype.toString.call(error), '[object Error]');
        assert.equal(error.name, name);
        assert.equal(error.codeName, report.name);
        assert.equal(error.stack.split('\n')[0], `${name}: ${report.message}`);
        assert.match(error.stack, /\n\s+at /, 'the stack has frames');
        assert.equal(String(error), report.description);
    }
});

test('properties are read-only; only code, message and data are enumerable', async () => {
    const { error } = await errorFor('{"error":{"code":11,"message":"User login is required"}}');
    assert.deepEqual(Object.keys(error), ['code', 'message', 'data']);
    for (const property of ['code', 'message', 'data', 'kind', 'codeName', 'name', 'description', 'detail',
        'dataJson', 'params', 'jsonText', 'session']) {
        assert.ok(Object.getOwnPropertyNames(error).includes(property), `${property} is an own property`);
        assert.throws(() => { error[property] = 1; }, TypeError, `${property} is read-only`);
    }
    assert.deepEqual(error.data, {}, 'no data gives {}');
    assert.equal(error.dataJson, null);
});

test('JSON.stringify gives {code, message, data}, the JSON form', async () => {
    const { error, report } = await errorFor('{"error":{"code":-32602,"message":"m","data":{"a" : [1.0, "x"]}}}');
    const text = JSON.stringify(error);
    assert.deepEqual(Object.keys(JSON.parse(text)), ['code', 'message', 'data']);
    assert.deepEqual(JSON.parse(text), JSON.parse(report.json));
    assert.equal(error.jsonText, report.json, 'jsonText is the library\'s text, data as sent');
    assert.equal(error.dataJson, report.data);
    assert.equal(JSON.stringify({ wrapped: error }), `{"wrapped":${text}}`);
});

test('params, their entries and their messages are frozen', async () => {
    const { error } = await errorFor('{"error":{"code":-32602,"message":"m","data":{"a":["x","y"],"b":"z"}}}');
    assert.equal(error.params.length, 2);
    assert.ok(Object.isFrozen(error.params));
    for (const param of error.params) {
        assert.ok(Object.isFrozen(param));
        assert.ok(Object.isFrozen(param.messages));
    }
    assert.throws(() => { error.params.push({ name: 'c', messages: [] }); }, TypeError);
    assert.throws(() => { error.params[0].messages[0] = 'changed'; }, TypeError);
    assert.throws(() => { error.params[0].name = 'changed'; }, TypeError);
});

test('messagesFor and firstMessageFor read every entry of a duplicated name', async () => {
    const { error, report } = await errorFor(
        '{"error":{"code":-32602,"message":"m","data":{"a":["x","y"],"b":"z","a":"w","c":[],"c":"v"}}}');
    // The library keeps both "a" entries and both "c" entries (the first "c" with no message).
    assert.deepEqual(report.params.map((p) => p.name), ['a', 'b', 'a', 'c', 'c']);
    assert.deepEqual(error.params.map((p) => p.name), ['a', 'b', 'a', 'c', 'c']);
    const all = (name) => report.params.filter((p) => p.name === name).flatMap((p) => p.messages);
    assert.deepEqual(error.messagesFor('a'), all('a'));
    assert.equal(all('a').length, 3);
    assert.equal(error.firstMessageFor('c'), all('c')[0], 'skips the entry without messages');
    assert.equal(error.firstMessageFor('c'), report.params[4].messages[0]);
    const copy = error.messagesFor('a');
    copy.push('mine');
    assert.deepEqual(error.messagesFor('a'), all('a'), 'each call returns a new array');
});

test('create: resolves to the library\'s error, with or without data', async () => {
    for (const [code, message, dataJson] of [
        [-32602, 'Invalid params', '{"a":["x","y"],"a":"z","n":1.50}'],
        [10001, 'user-defined \u{1F4F7}', ' [1, 2] '],
        [13, 'no data', null],
        [13, 'no data', undefined],
        [14, '', 'null']
    ]) {
        const before = fake.calls.length;
        const error = await create(code, message, dataJson);
        assert.deepEqual(fake.calls.slice(before), [{ service: 'MonacaCloudError', action: 'create',
            args: [code, message, dataJson === undefined ? null : dataJson] }]);
        const made = library.create(code, message, dataJson === undefined ? null : dataJson);
        assertShowsReport(error, JSON.parse(made.report));
    }
    const omitted = await create(11, 'm');
    assert.deepEqual(fake.calls.at(-1).args, [11, 'm', null]);
    assert.equal(omitted.dataJson, null);
});

test('create: refused data rejects with MonacaArgumentError, the library\'s explanation', async () => {
    for (const dataJson of ['{"a":}', '', '[1,\n 2', '{"a":1} x']) {
        const refusal = library.create(-32602, 'm', dataJson).refusal;
        assert.ok(refusal, `the library refuses ${JSON.stringify(dataJson)}`);
        const error = await create(-32602, 'm', dataJson).then(() => assert.fail('resolved'), (e) => e);
        assert.ok(error instanceof MonacaArgumentError);
        assert.ok(error instanceof TypeError);
        assert.equal(error.name, 'MonacaArgumentError');
        assert.equal(error.message, refusal.explanation);
        assert.equal(error.stack.split('\n')[0], `MonacaArgumentError: ${refusal.explanation}`);
        assert.equal(refusal.argument, 'data_json');
        assert.equal(error.argument, 'dataJson', 'JavaScript\'s name of the argument, as both plugin classes send it');
        for (const field of ['reason', 'offset', 'line', 'column']) {
            assert.equal(error[field], refusal[field], field);
        }
        assert.ok(error.line >= 1 && error.column >= 1, 'a JSON fault has a position');
    }
});

test('create: arguments of the wrong type are refused without a native call', async () => {
    const before = fake.calls.length;
    await assert.rejects(create('11', 'm'), TypeError);
    await assert.rejects(create(1.5, 'm'), TypeError);
    await assert.rejects(create(2 ** 53, 'm'), TypeError);
    await assert.rejects(create(11, 42), TypeError);
    await assert.rejects(create(11, 'm', { a: 1 }), TypeError);
    assert.equal(fake.calls.length, before);
    const notRefusal = await create(11, 42).catch((e) => e);
    assert.ok(!(notRefusal instanceof MonacaArgumentError));
});

test('timeout: resolves to the library\'s timeout error', async () => {
    const error = await api.timeout();
    assert.deepEqual(fake.calls.at(-1), { service: 'MonacaCloudError', action: 'timeout', args: [] });
    assertShowsReport(error, JSON.parse(library.timeoutReport()));
    assert.equal(error.code, Code.CONNECTION_TIMED_OUT);
});

test('new MonacaCloudError(report) reads a report handed over by other native code', async () => {
    const body = '{"error":{"code":-32602,"message":"m","data":{"a":"x"}}}';
    const report = library.report(body);
    const error = new MonacaCloudError(report);
    assertShowsReport(error, JSON.parse(report));
    assert.equal(error.session, null);
    const withSession = new MonacaCloudError(report, 's-1');
    assert.equal(withSession.session, 's-1');
    assert.ok(!Object.keys(withSession).includes('session'), 'not enumerable');
    assert.throws(() => new MonacaCloudError(report, 11), TypeError);
    assert.throws(() => new MonacaCloudError(11, 'm'), TypeError, 'not the SDK constructor');
    assert.throws(() => new MonacaCloudError('{"code":11}'), TypeError);
    assert.throws(() => new MonacaCloudError('null'), TypeError);
    assert.throws(() => new MonacaCloudError('{not json'), SyntaxError);
});

test('kindOf, nameOf, descriptionOf: the library\'s catalogue, synchronously', () => {
    const codes = [
        -32768, -32701, -32700, -32699, -32604, -32603, -32602, -32601, -32600, -32599, -32100,
        -32099, -32050, -32000, -31999, -15, -14, -13, -12, -11, -10, -1, 0, 1, 3, 4, 5, 9, 10, 11,
        12, 13, 14, 15, 9998, 9999, 10000, 10001, 2147483648, -2147483649, Number.MAX_SAFE_INTEGER,
        Number.MIN_SAFE_INTEGER
    ];
    for (const code of Object.values(Code)) if (!codes.includes(code)) codes.push(code);
    const kinds = new Set();
    for (const entry of library.catalogue(codes)) {
        assert.equal(api.kindOf(entry.code), entry.kind, `kindOf(${entry.code})`);
        assert.equal(api.nameOf(entry.code), entry.name, `nameOf(${entry.code})`);
        assert.equal(api.descriptionOf(entry.code), entry.description, `descriptionOf(${entry.code})`);
        kinds.add(entry.kind);
    }
    assert.deepEqual([...kinds].sort(), Object.values(Kind).sort(), 'every kind is met, and Kind names them');
    for (const bad of ['11', 1.5, NaN, null]) {
        assert.throws(() => api.kindOf(bad), TypeError);
        assert.throws(() => api.nameOf(bad), TypeError);
        assert.throws(() => api.descriptionOf(bad), TypeError);
    }
});

test('describe: the native library\'s catalogue entry', async () => {
    for (const code of [-32602, -14, -32050, 10001, 7]) {
        const entry = await api.describe(code);
        assert.deepEqual(fake.calls.at(-1), { service: 'MonacaCloudError', action: 'describe', args: [code] });
        assert.deepEqual({ ...entry }, library.catalogue([code])[0]);
        assert.deepEqual({ ...entry },
            { code, kind: api.kindOf(code), name: api.nameOf(code), description: api.descriptionOf(code) });
    }
    const before = fake.calls.length;
    await assert.rejects(api.describe('11'), TypeError);
    await assert.rejects(api.describe(2 ** 60), TypeError);
    assert.equal(fake.calls.length, before);
});

test('parseResponse: a success resolves to the result; a smoke test of each outcome', async () => {
    assert.deepEqual(await parseResponse(null, 200, '{"result":{"items":[]}}'), { items: [] });
    assert.equal((await errorFor('{"result":1}', 404)).error.code, Code.INVALID_STATUS_CODE);
    assert.equal((await errorFor('')).error.code, Code.INVALID_RESPONSE);
    const { error } = await errorFor('{"error":{"code":11,"message":"User login is required"}}');
    assert.equal(error.kind, Kind.CLOUD_API);
});

test('parseResponse and readResponse: invalid arguments are refused without a native call', async () => {
    const before = fake.calls.length;
    for (const readWith of [parseResponse, api.readResponse]) {
        const read = (...args) => readWith(null, ...args);
        await assert.rejects(readWith(42, 200, ''), TypeError, 'a method that is not a string');
        await assert.rejects(readWith({}, 200, ''), TypeError);
        await assert.rejects(read(200.5, ''), TypeError);
        await assert.rejects(read('200', ''), TypeError);
        await assert.rejects(read(2 ** 31, ''), TypeError);
        await assert.rejects(read(200), TypeError);
        await assert.rejects(read(200, null), TypeError);
        await assert.rejects(read(200, 123), TypeError);
        await assert.rejects(read(200, [123]), TypeError);
        await assert.rejects(read(200, new Uint16Array(2)), TypeError);
        await assert.rejects(read(200, new DataView(new ArrayBuffer(2))), TypeError);
        await assert.rejects(read(200, '', 42), TypeError);
    }
    assert.equal(fake.calls.length, before);
});

test('a native failure rejects with a plain Error, whatever the action', async () => {
    const calls = [
        ['readResponse', () => parseResponse(null, 200, '')],
        ['readResponse', () => api.readResponse('User.logout', 200, '')],
        ['checkUrl', () => api.checkUrl('https://a.example/')],
        ['bodyTooLarge', () => api.bodyTooLarge(1)],
        ['requestBody', () => api.requestBody('Echo', {}, { apiKey: 'k', deviceId: 'd' })],
        ['backendUrl', () => api.backendUrl('b')],
        ['create', () => create(1, 'm')],
        ['timeout', () => api.timeout()],
        ['describe', () => api.describe(1)]
    ];
    for (const [action, call] of calls) {
        fake.failNextCall('libmonaca_cloud_error_jni.so not found');
        const error = await call().catch((e) => e);
        assert.ok(!(error instanceof MonacaCloudError) && !(error instanceof MonacaArgumentError));
        assert.equal(error.message, `MonacaCloudError.${action} failed in native code: libmonaca_cloud_error_jni.so not found`);
    }
    // A refusal-shaped failure is a MonacaArgumentError only for the actions that refuse input.
    fake.failNextCall({ argument: 'x', reason: 'r', offset: 0, line: 0, column: 0, explanation: 'e' });
    const error = await parseResponse(null, 200, '').catch((e) => e);
    assert.ok(!(error instanceof MonacaArgumentError));
    assert.match(error.message, /readResponse failed in native code: \{"argument":"x"/);
});

test('types/index.d.ts declares exactly what the module exports', () => {
    const declarations = require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'types', 'index.d.ts'), 'utf8');
    const declared = [...declarations.matchAll(/^export declare (?:const|class|function) (\w+)/gm)].map((m) => m[1]);
    assert.deepEqual(declared.sort(), Object.keys(api).sort());
});
