// A whole Backend call from JavaScript (MonacaCloudClient over node's global fetch) against the
// mock Monaca Backend (tests/mock-backend/server.py, started on loopback by this test and
// stopped by it), with the stand-in native side answering from the real library: login keeps
// the session, the next call sends it as __session, a server error is the library's error, a
// 500 is -13, no response is -13 (status 0), a slow answer is -11.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');
const fake = require('./support/fake-native');
const library = require('./support/library');
const { assertShowsReport } = require('./support/check-report');

fake.install();
const { MonacaCloudClient, MonacaCloudError, MonacaArgumentError, Code, timeout } = require('../www/monaca-cloud-error.js');

const server = path.join(__dirname, '..', '..', '..', 'tests', 'mock-backend', 'server.py');
const SLOW_SECONDS = 2;

/** Starts the mock backend; resolves to {port, stop}. Fails after 10 s without "PORT n". */
function startMockBackend() {
    const child = spawn('python3', [server, '--max-requests', '100', '--lifetime', '60', '--slow', String(SLOW_SECONDS)],
        { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const stop = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill();
        return exited;
    };
    return new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => { stop(); reject(new Error(`no "PORT n" from ${server} in 10 s: ${out}`)); }, 10000);
        child.once('error', (e) => { clearTimeout(timer); reject(e); });
        child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${server} exited (${code}): ${out}`)); });
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk) => {
            out += chunk;
            const match = /^PORT (\d+)\n/.exec(out);
            if (match) {
                clearTimeout(timer);
                resolve({ port: Number(match[1]), stop });
            }
        });
    });
}

/** A port on loopback where nothing listens (it was just closed). */
function closedPort() {
    return new Promise((resolve, reject) => {
        const probe = net.createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address();
            probe.close(() => resolve(port));
        });
    });
}

const rejection = (promise) => promise.then((value) => assert.fail(`resolved with ${JSON.stringify(value)}`), (e) => e);

test('MonacaCloudClient against the mock Monaca Backend', async (t) => {
    const backend = await startMockBackend();
    t.after(() => backend.stop());
    const url = `http://127.0.0.1:${backend.port}/json-rpc/test-backend`;
    const sent = []; // every request the clients made, as fetch got it
    const recordingFetch = (to, init) => {
        sent.push({ url: to, init });
        return fetch(to, init);
    };
    const client = (options = {}) => new MonacaCloudClient({ url, apiKey: 'test-api-key', deviceId: 'device-1',
        timeoutMs: 5000, fetch: recordingFetch, ...options });

    await t.test('login keeps the session; the next calls send it as __session', async () => {
        const c = client();
        assert.equal(c.currentSession, null);
        assert.equal(c.loginToken, null);
        const user = await c.call('User.login', { username: 'alice', password: 'secret' });
        assert.equal(user.user.username, 'alice');
        assert.match(user.loginToken, /^token-\d+$/);
        assert.match(c.currentSession, /^session-\d+$/);
        assert.equal(c.loginToken, user.loginToken);
        const session = c.currentSession;
        // What went over the wire: a POST of the library's body, as JSON.
        const login = sent.at(-1);
        assert.equal(login.url, url);
        assert.equal(login.init.method, 'POST');
        assert.equal(login.init.redirect, 'manual');
        assert.deepEqual(login.init.headers, { 'Content-Type': 'application/json' });
        assert.equal(login.init.body, library.requestBody('User.login', '{"username":"alice","password":"secret"}',
            'test-api-key', 'device-1', null).text);

        const echo = await c.call('Echo', '{"x":[1,2]}');
        assert.deepEqual(echo, { x: [1, 2], __api_key: 'test-api-key', __device: 'device-1', __session: session });
        assert.equal(JSON.parse(sent.at(-1).init.body).id, '1', 'every call has the id "1", as the SDK sends');
        assert.deepEqual(await c.call('Collection.find', { criteria: '' }), { totalItems: 1, items: [{ _id: 'i1' }] });
        assert.equal(c.currentSession, session, 'a response without the header keeps the session');
        assert.equal(c.loginToken, user.loginToken, 'and a result without one keeps the loginToken');
    });

    await t.test('without the session the backend says 11; a session given up front is sent', async () => {
        const error = await rejection(client().call('Collection.find'));
        assert.ok(error instanceof MonacaCloudError);
        assert.equal(error.code, Code.USER_LOGIN_REQUIRED);
        assert.equal(error.session, null);
        const echo = await client({ session: 'given' }).call('Echo');
        assert.equal(echo.__session, 'given');
    });

    await t.test('a wrong password is -32602 with the server\'s params', async () => {
        const c = client();
        const error = await rejection(c.call('User.login', { username: 'alice', password: 'wrong' }));
        assert.ok(error instanceof MonacaCloudError);
        assert.equal(error.code, Code.INVALID_PARAMS);
        assert.deepEqual(error.params, [{ name: 'password', messages: ['Wrong password.'] }]);
        assert.equal(error.firstMessageFor('password'), 'Wrong password.');
        assert.deepEqual(error.data, { password: 'Wrong password.' });
        assert.equal(c.currentSession, null);
    });

    await t.test('HTTP 500 is -13, the library\'s answer for that exchange', async () => {
        const error = await rejection(client().call('Fail.status500'));
        assertShowsReport(error, JSON.parse(library.report('<html>Internal Server Error</html>', 500)));
        assert.equal(error.code, Code.INVALID_STATUS_CODE);
        assert.match(error.detail, /500/);
    });

    await t.test('a slow answer past timeoutMs is -11, the library\'s timeout error', async () => {
        const started = Date.now();
        const error = await rejection(client({ timeoutMs: 300 }).call('Fail.slow'));
        const elapsed = Date.now() - started;
        assertShowsReport(error, JSON.parse(library.timeoutReport()));
        assert.equal(error.code, Code.CONNECTION_TIMED_OUT);
        assert.ok(elapsed >= 290 && elapsed < SLOW_SECONDS * 1000, `rejected after ${elapsed} ms`);
    });

    await t.test('a timeout longer than the answer lets it through', async () => {
        assert.equal(await client({ timeoutMs: (SLOW_SECONDS + 3) * 1000 }).call('Fail.slow'), 'late');
    });

    await t.test('backendId: the library\'s URL (fetch sent to the mock in its place)', async () => {
        const prefix = 'https://cloud.monaca.mobi/json-rpc/';
        const asked = [];
        const c = new MonacaCloudClient({ backendId: 'test-backend', apiKey: 'test-api-key', deviceId: 'd',
            fetch: (to, init) => {
                asked.push(to);
                return fetch(to.replace(prefix, `http://127.0.0.1:${backend.port}/json-rpc/`), init);
            } });
        assert.equal(await c.call('Echo').then((r) => r.__device), 'd');
        assert.deepEqual(asked, [`${prefix}test-backend`]);
        const refused = await rejection(new MonacaCloudClient({ backendId: 'no/slash', apiKey: 'k', deviceId: 'd',
            fetch: recordingFetch }).call('Echo'));
        assert.ok(refused instanceof MonacaArgumentError);
        assert.equal(refused.argument, 'backendId');
    });

    await t.test('a wrong API key is the backend\'s error 4', async () => {
        const error = await rejection(client({ apiKey: 'wrong' }).call('Echo'));
        assert.equal(error.code, Code.API_KEY_INVALID);
    });

    await t.test('refused params never reach the network', async () => {
        const before = sent.length;
        const error = await rejection(client().call('Echo', { __api_key: 'x' }));
        assert.ok(error instanceof MonacaArgumentError);
        assert.equal(error.argument, 'params');
        const badMethod = await rejection(client().call('not a method'));
        assert.equal(badMethod.argument, 'method');
        assert.equal(sent.length, before);
    });
});

test('no response (connection refused) is the library\'s answer for status 0: -13', async () => {
    const port = await closedPort();
    const c = new MonacaCloudClient({ url: `http://127.0.0.1:${port}/json-rpc/test-backend`, apiKey: 'k', deviceId: 'd' });
    const error = await rejection(c.call('Echo'));
    assertShowsReport(error, JSON.parse(library.report('', 0)));
    assert.equal(error.code, Code.INVALID_STATUS_CODE);
    assert.equal(error.session, null);
});

// A fetch that answers one exchange without a network: for what the mock backend cannot show.
function answering(status, body, headers = {}) {
    const calls = [];
    const fetchImpl = (url, init) => {
        calls.push(JSON.parse(init.body));
        return Promise.resolve({ status, headers: new Headers(headers), body: new Blob([body]).stream() });
    };
    return { fetchImpl, calls };
}

test('the session an error carries is kept too; a session-less answer keeps the old one', async () => {
    const error = answering(200, '{"error":{"code":14,"message":"Permission denied"}}',
        { 'x-set-monaca-cloud-session': 'from-error' });
    const c = new MonacaCloudClient({ url: 'https://backend.invalid/', apiKey: 'k', deviceId: 'd', session: 'old', fetch: error.fetchImpl });
    const rejected = await rejection(c.call('Any.method'));
    assert.equal(rejected.code, Code.PERMISSION_DENIED);
    assert.equal(rejected.session, 'from-error');
    assert.equal(c.currentSession, 'from-error');
    assert.equal(error.calls[0].params.__session, 'old');
    // A 500 carries no session the SDK would read: the kept one stays.
    const failing = answering(500, '{}', { 'x-set-monaca-cloud-session': 'ignored' });
    const d = new MonacaCloudClient({ url: 'https://backend.invalid/', apiKey: 'k', deviceId: 'd', session: 'old', fetch: failing.fetchImpl });
    await rejection(d.call('Any.method'));
    assert.equal(d.currentSession, 'old');
});

test('a fetch that never settles is -11 after timeoutMs; a rejecting one is -13', async () => {
    let signal = null;
    const hanging = new MonacaCloudClient({ url: 'https://backend.invalid/', apiKey: 'k', deviceId: 'd', timeoutMs: 50,
        fetch: (url, init) => { signal = init.signal; return new Promise(() => {}); } });
    const error = await rejection(hanging.call('Echo'));
    assert.equal(error.code, Code.CONNECTION_TIMED_OUT);
    assert.deepEqual(error.toJSON(), (await timeout()).toJSON());
    assert.equal(signal.aborted, true, 'the request was aborted');
    const refusing = new MonacaCloudClient({ url: 'https://backend.invalid/', apiKey: 'k', deviceId: 'd',
        fetch: () => Promise.reject(new TypeError('fetch failed')) });
    assert.equal((await rejection(refusing.call('Echo'))).code, Code.INVALID_STATUS_CODE);
});

test('MonacaCloudClient: options of the wrong type are refused at once', () => {
    const good = { url: 'http://x/', apiKey: 'k', deviceId: 'd' };
    for (const options of [undefined, {}, { ...good, url: undefined }, { ...good, backendId: 'b' }, { ...good, apiKey: 1 },
        { ...good, deviceId: undefined }, { ...good, timeoutMs: 0 }, { ...good, timeoutMs: '5' }, { ...good, timeoutMs: NaN },
        { ...good, fetch: 'fetch' }, { ...good, session: 1 }, { ...good, maxBodyBytes: -1 }, { ...good, maxBodyBytes: 1.5 },
        { ...good, maxBodyBytes: '1' }, { ...good, maxBodyBytes: 2 ** 53 }]) {
        assert.throws(() => new MonacaCloudClient(options), TypeError, JSON.stringify(options));
    }
    assert.equal(new MonacaCloudClient(good).timeoutMs, 30000);
    assert.equal(new MonacaCloudClient(good).maxBodyBytes, 33554432);
    assert.equal(new MonacaCloudClient({ ...good, maxBodyBytes: 10 }).maxBodyBytes, 10);
    assert.equal(new MonacaCloudClient({ ...good, url: undefined, backendId: 'b' }).currentSession, null);
    assert.equal(new MonacaCloudClient({ ...good, session: 's' }).currentSession, 's');
    assert.throws(() => { 'use strict'; new MonacaCloudClient(good).currentSession = 'x'; }, TypeError, 'read-only');
});

test('a browser\'s opaque-redirect response (status 0, nothing readable) is the library\'s answer for status 0', async () => {
    const c = new MonacaCloudClient({ url: 'https://backend.invalid/', apiKey: 'k', deviceId: 'd', session: 'old',
        fetch: (url, init) => Promise.resolve({ type: 'opaqueredirect', status: 0, headers: new Headers(), body: null,
            redirect: init.redirect }) });
    const error = await rejection(c.call('Any.method'));
    assertShowsReport(error, JSON.parse(library.report('', 0)));
    assert.equal(c.currentSession, 'old');
});

test('User.unregister ends the session: the next call sends none, and the loginToken is forgotten', async () => {
    const answers = [['{"result":{"loginToken":"t1"}}', 's1'], ['{"result":null}', 's2'], ['{"result":1}', null]];
    const sent = [];
    const c = new MonacaCloudClient({ url: 'https://backend.invalid/', apiKey: 'k', deviceId: 'd',
        fetch: (url, init) => {
            sent.push(JSON.parse(init.body));
            const [body, session] = answers[sent.length - 1];
            return Promise.resolve({ status: 200, headers: new Headers(session ? { 'X-Set-Monaca-Cloud-Session': session } : {}),
                body: new Blob([body]).stream() });
        } });
    await c.call('User.login');
    assert.deepEqual([c.currentSession, c.loginToken], ['s1', 't1']);
    await c.call('User.unregister');
    assert.deepEqual([c.currentSession, c.loginToken], [null, null]);
    await c.call('Collection.find');
    assert.equal(sent[1].params.__session, 's1');
    assert.ok(!('__session' in sent[2].params));
});

test('a fetch that does not resolve to a Response is a TypeError, not "no response"', async () => {
    for (const answer of [{}, { status: 200, headers: new Headers() }, { status: 200, headers: new Headers(), body: 'text' },
        { status: 200, headers: new Headers(), body: new Blob(['{"result":1}']).stream().pipeThrough(new TextDecoderStream()) }]) {
        const c = new MonacaCloudClient({ url: 'https://backend.invalid/', apiKey: 'k', deviceId: 'd',
            fetch: () => Promise.resolve(answer) });
        const error = await rejection(c.call('Any.method'));
        assert.ok(error instanceof TypeError && !(error instanceof MonacaArgumentError), String(error));
    }
});
