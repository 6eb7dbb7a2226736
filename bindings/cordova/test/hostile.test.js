// MonacaCloudClient (over node's global fetch) against the hostile loopback server
// (tests/hostile-server/server.py, started and stopped here), with the stand-in native side
// answering from the real library: redirects are never followed (the redirect target receives
// nothing), http:// is for loopback only, the body cap holds on decoded bytes (a 256 MiB body, a
// gzip bomb), one deadline covers the whole exchange (drips), a body cut short or reset is no
// response, the session rules of the core are applied (repeated, empty, blank, NUL headers,
// logout), and every body carries "id":"1".
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const fake = require('./support/fake-native');
const library = require('./support/library');
const { assertShowsReport } = require('./support/check-report');

fake.install();
const { MonacaCloudClient, MonacaCloudError, MonacaArgumentError, Code } = require('../www/monaca-cloud-error.js');

const server = path.join(__dirname, '..', '..', '..', 'tests', 'hostile-server', 'server.py');
const DEFAULT_CAP = 33554432;
const DRIP_DEADLINE_MS = 1500;

/** Starts the hostile server; resolves to {base, targetPort, stop}. */
async function startHostileServer() {
    const portFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'monaca-hostile-')), 'ports.json');
    const child = spawn('python3', [server, '--port-file', portFile, '--max-requests', '300', '--lifetime', '180'],
        { stdio: ['ignore', 'inherit', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const stop = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill();
        return exited;
    };
    for (let waited = 0; !fs.existsSync(portFile); waited += 50) {
        if (child.exitCode !== null || waited > 20000) {
            await stop();
            throw new Error(`${server} did not write ${portFile}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { port, target_port: targetPort } = JSON.parse(fs.readFileSync(portFile, 'utf8'));
    return { base: `http://127.0.0.1:${port}`, targetPort, stop };
}

const rejection = (promise) => promise.then((value) => assert.fail(`resolved with ${JSON.stringify(value)}`), (e) => e);

/** The promise's outcome, or a failure when it has not settled after `ms` (a client that hangs). */
function within(promise, ms) {
    let timer;
    const late = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
    });
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * A fetch that sends each call to the scenario its method names (`route`: method -> path on the
 * hostile server), and counts the body bytes the client pulls from each response (the decoded
 * bytes, as fetch hands them over). `sent` records every request.
 */
function routingFetch(base, route) {
    const stats = { sent: [], bodyBytes: 0 };
    const fetchImpl = async (url, init) => {
        const method = JSON.parse(init.body).method;
        const to = route[method] !== undefined ? base + route[method] : url;
        stats.sent.push({ url, to, init });
        const response = await fetch(to, init);
        const counter = new TransformStream({
            transform(chunk, controller) {
                stats.bodyBytes += chunk.byteLength;
                controller.enqueue(chunk);
            }
        });
        return { status: response.status, type: response.type, headers: response.headers,
            body: response.body === null ? null : response.body.pipeThrough(counter) };
    };
    return { fetchImpl, stats };
}

test('MonacaCloudClient against the hostile server', async (t) => {
    const hostile = await startHostileServer();
    t.after(() => hostile.stop());
    const { base } = hostile;
    const targetCount = async () => Number(await (await fetch(`${base}/_target_count`)).text());

    // A client whose calls go to `path` (through a routing fetch that counts what it reads).
    const client = (pathOrRoute, options = {}) => {
        const route = typeof pathOrRoute === 'string' ? { Any: pathOrRoute } : pathOrRoute;
        const { fetchImpl, stats } = routingFetch(base, route);
        const c = new MonacaCloudClient({ url: `${base}/ok`, apiKey: 'k', deviceId: 'd', session: 'before',
            timeoutMs: 10000, fetch: fetchImpl, ...options });
        return { c, stats };
    };

    await t.test('/ok: the result, the session kept; the body ends with "id":"1"', async () => {
        const { c, stats } = client('/ok');
        assert.equal(await c.call('Any'), 'OK');
        assert.equal(c.currentSession, 's-ok');
        const body = stats.sent[0].init.body;
        assert.equal(body, library.requestBody('Any', null, 'k', 'd', 'before').text);
        assert.ok(body.endsWith(',"id":"1"}'), body);
        assert.equal(stats.sent[0].init.redirect, 'manual');
    });

    await t.test('a 3xx is never followed: -13 with the status, the session kept', async () => {
        for (const scenario of ['/redirect/301', '/redirect/302', '/redirect/307', '/redirect/308',
            '/redirect-https/307', '/redirect-https/308']) {
            const status = Number(scenario.slice(-3));
            const { c } = client(scenario);
            const error = await rejection(c.call('Any'));
            assertShowsReport(error, JSON.parse(library.report('', status)));
            assert.equal(error.code, Code.INVALID_STATUS_CODE, scenario);
            assert.match(error.detail, new RegExp(`\\b${status}\\b`), scenario);
            assert.equal(c.currentSession, 'before', scenario);
        }
        assert.equal(await targetCount(), 0, 'the redirect target received no connection');
    });

    await t.test('http:// to another host than loopback, and other schemes, are refused before any connection',
        async () => {
            for (const url of ['http://example.com/json-rpc/x', 'http://127.0.0.1.example.com/x', 'file:///etc/passwd',
                'jar:file:/a.jar!/x', 'ftp://127.0.0.1/x', '127.0.0.1/x', '']) {
                const { c, stats } = client('/ok', { url });
                const error = await rejection(c.call('Any'));
                const { refusal } = library.checkUrl(url);
                assert.ok(refusal, `the library refuses ${url}`);
                assert.ok(error instanceof MonacaArgumentError, url);
                assert.equal(error.argument, 'url', url);
                assert.equal(error.message, refusal.explanation, url);
                assert.equal(stats.sent.length, 0, `${url}: nothing was sent`);
                assert.equal(c.currentSession, 'before');
            }
            // Loopback over http (any spelling the library accepts), and https anywhere, go through.
            const port = new URL(base).port;
            for (const url of [`HTTP://127.0.0.1:${port}/ok`, `http://localhost:${port}/ok`]) {
                assert.equal(await client('/ok', { url }).c.call('Any'), 'OK', url);
            }
            // https is tried (here against a server that speaks plain HTTP: the TLS handshake fails,
            // no response).
            const { c, stats } = client({}, { url: `https://127.0.0.1:${port}/ok` });
            assert.equal((await rejection(c.call('Any'))).code, Code.INVALID_STATUS_CODE, 'no TLS: no response');
            assert.equal(stats.sent.length, 1, 'https was tried');
        });

    await t.test('/big (256 MiB): -12 bodyTooLarge at the default cap, read no further than the cap', async () => {
        const { c, stats } = client('/big');
        assert.equal(c.maxBodyBytes, DEFAULT_CAP);
        const error = await rejection(c.call('Any'));
        assertShowsReport(error, JSON.parse(library.bodyTooLargeReport(DEFAULT_CAP)));
        assert.equal(error.code, Code.INVALID_RESPONSE);
        assert.match(error.detail, /33554432/);
        assert.ok(stats.bodyBytes <= DEFAULT_CAP + 1024 * 1024, `${stats.bodyBytes} bytes read`);
        assert.equal(c.currentSession, 'before');
    });

    await t.test('/gzip-bomb: the cap holds on the inflated bytes', async () => {
        const cap = 1024 * 1024;
        const { c, stats } = client('/gzip-bomb', { maxBodyBytes: cap });
        const error = await rejection(c.call('Any'));
        assertShowsReport(error, JSON.parse(library.bodyTooLargeReport(cap)));
        assert.ok(stats.bodyBytes <= cap + 256 * 1024, `${stats.bodyBytes} bytes read`);
        // And at the default cap.
        const byDefault = client('/gzip-bomb');
        assertShowsReport(await rejection(byDefault.c.call('Any')), JSON.parse(library.bodyTooLargeReport(DEFAULT_CAP)));
        assert.ok(byDefault.stats.bodyBytes <= DEFAULT_CAP + 1024 * 1024, `${byDefault.stats.bodyBytes} bytes read`);
    });

    await t.test('the cap: a body of exactly maxBodyBytes is read, one byte more is -12', async () => {
        const size = '{"jsonrpc":"2.0","id":"1","result":"OK"}'.length;
        assert.equal(await client('/ok', { maxBodyBytes: size }).c.call('Any'), 'OK');
        const error = await rejection(client('/ok', { maxBodyBytes: size - 1 }).c.call('Any'));
        assertShowsReport(error, JSON.parse(library.bodyTooLargeReport(size - 1)));
    });

    await t.test('/drip and /drip-headers: -11 at the deadline of the whole exchange', async () => {
        for (const scenario of ['/drip', '/drip-headers']) {
            const { c } = client(scenario, { timeoutMs: DRIP_DEADLINE_MS });
            const started = Date.now();
            const error = await within(rejection(c.call('Any')), DRIP_DEADLINE_MS + 5000);
            const elapsed = Date.now() - started;
            assertShowsReport(error, JSON.parse(library.timeoutReport()));
            assert.ok(elapsed >= DRIP_DEADLINE_MS - 10 && elapsed < DRIP_DEADLINE_MS + 3000, `${scenario}: ${elapsed} ms`);
            assert.equal(c.currentSession, 'before');
        }
    });

    await t.test('/short (Content-Length larger than sent) and /reset: no response, -13', async () => {
        for (const scenario of ['/short', '/reset']) {
            const { c } = client(scenario);
            const error = await rejection(c.call('Any'));
            assertShowsReport(error, JSON.parse(library.report('', 0)));
            assert.equal(error.code, Code.INVALID_STATUS_CODE, scenario);
            assert.equal(c.currentSession, 'before', scenario);
        }
    });

    await t.test('two session headers: the combined "s1, s2" is kept and sent', async () => {
        const { c, stats } = client({ Two: '/two-sessions', Echo: '/echo' });
        assert.equal(await c.call('Two'), 'OK');
        assert.equal(c.currentSession, 's1, s2');
        const echo = await c.call('Echo');
        assert.equal(echo.params.__session, 's1, s2');
        assert.equal(stats.sent.length, 2);
    });

    await t.test('an empty, blank or NUL session header keeps the session the client had', async () => {
        for (const scenario of ['/empty-session', '/blank-session']) {
            const { c } = client({ Any: scenario, Echo: '/echo' });
            assert.equal(await c.call('Any'), 'OK', scenario);
            assert.equal(c.currentSession, 'before', scenario);
            assert.equal((await c.call('Echo')).params.__session, 'before', scenario);
        }
        // node's fetch refuses a header value holding NUL: the response never reaches the client
        // (no response: -13), and the session stays.
        const { c } = client({ Any: '/nul-session', Echo: '/echo' });
        const error = await rejection(c.call('Any'));
        assert.ok(error instanceof MonacaCloudError);
        assert.equal(error.code, Code.INVALID_STATUS_CODE);
        assert.equal(c.currentSession, 'before');
        assert.equal((await c.call('Echo')).params.__session, 'before');
    });

    await t.test('User.logout forgets the session and the login token, although its response set one', async () => {
        const route = { 'User.login': '/login', Echo: '/echo', 'User.logout': '/logout', 'Other.logout': '/logout' };
        const { c } = client(route, { session: undefined });
        await c.call('User.login');
        assert.equal(c.currentSession, 's-login');
        assert.equal(c.loginToken, 't-login');
        const before = await c.call('Echo');
        assert.equal(before.params.__session, 's-login');
        assert.equal(before.id, '1', 'the id sent is the string "1"');
        assert.equal(await c.call('User.logout'), 'OK');
        assert.equal(c.currentSession, null);
        assert.equal(c.loginToken, null);
        const after = await c.call('Echo');
        assert.ok(!('__session' in after.params), `no __session after logout: ${JSON.stringify(after.params)}`);
        assert.equal(after.id, '1');
        // The same response to another method keeps its session: the rule is the method's.
        const other = client(route);
        await other.c.call('User.login');
        await other.c.call('Other.logout');
        assert.equal(other.c.currentSession, 's-after-logout');
        assert.equal(other.c.loginToken, 't-login');
    });

    await t.test('at the end, the redirect target has still received nothing', async () => {
        assert.equal(await targetCount(), 0);
    });
});
