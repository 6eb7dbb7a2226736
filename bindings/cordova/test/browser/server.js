// The HTTP server of the Chromium checks (run.sh), on 127.0.0.1 and a free port, printed first
// as "PORT <n>". It serves:
//   /fallback/...       the plain-script fallback page: fallback.html, page.js, checks.js, and the
//                       plugin's monaca-cloud-error-wasm.js with monaca_cloud_error.wasm beside it
//   /app/...            a folder given with --app (the Cordova app's platforms/browser/www)
//   /corpus.json        every file of the conformance corpus: [{file, cases}]
//   /json-rpc/test-backend   POSTed on to the mock backend given with --backend (same origin for
//                       the page, so it reads X-Set-Monaca-Cloud-Session)
//   /hold               answered only once the page has POSTed its outcome to /result (or after
//                       --hold seconds): an image of each page holds its load event, so that
//                       `chromium --dump-dom` prints the page after the checks, not before
//   POST /result        the page's outcome, printed to standard error
//
//   node server.js --plugin DIR --wasm FILE --corpus DIR [--app DIR] [--backend URL] [--hold S]
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const holdMs = 1000 * Number(args.hold || 120);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
    '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css' };

// URL path -> file, for the fixed routes of the fallback page.
const fallback = {
    '/fallback/fallback.html': path.join(__dirname, 'fallback.html'),
    '/fallback/page.js': path.join(__dirname, 'page.js'),
    '/fallback/checks.js': path.join(__dirname, 'checks.js'),
    '/fallback/monaca-cloud-error-wasm.js': path.join(args.plugin, 'src', 'browser', 'monaca-cloud-error-wasm.js'),
    '/fallback/monaca_cloud_error.wasm': args.wasm
};

function corpus() {
    return fs.readdirSync(args.corpus).filter((f) => f.endsWith('.json')).sort()
        .map((file) => ({ file, cases: JSON.parse(fs.readFileSync(path.join(args.corpus, file), 'utf8')).cases }));
}

function sendFile(res, file) {
    fs.readFile(file, (err, data) => {
        if (err) {
            res.writeHead(404).end();
            return;
        }
        res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(data);
    });
}

function readBody(req) {
    return new Promise((resolve) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => resolve(Buffer.concat(chunks)));
    });
}

// Forwards a request to the mock backend, answering with its status, body and session header.
async function forward(req, res) {
    const body = await readBody(req);
    try {
        const answer = await fetch(args.backend, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
        const headers = { 'Content-Type': answer.headers.get('Content-Type') || 'application/octet-stream' };
        const session = answer.headers.get('X-Set-Monaca-Cloud-Session');
        if (session !== null) headers['X-Set-Monaca-Cloud-Session'] = session;
        res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
    } catch (e) {
        res.writeHead(502).end(String(e));
    }
}

const held = [];
function release() {
    while (held.length > 0) held.pop().writeHead(200, { 'Content-Type': 'image/svg+xml' })
        .end('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
}

const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const route = url.pathname;
    if (route === '/corpus.json') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(corpus()));
    } else if (route === '/json-rpc/test-backend' && req.method === 'POST') {
        await forward(req, res);
    } else if (route === '/hold') {
        held.push(res);
        setTimeout(release, holdMs).unref();
    } else if (route === '/result' && req.method === 'POST') {
        process.stderr.write(`server: ${url.searchParams.get('page')}: ${await readBody(req)}\n`);
        res.writeHead(204).end();
        release();
    } else if (Object.prototype.hasOwnProperty.call(fallback, route)) {
        sendFile(res, fallback[route]);
    } else if (route.startsWith('/app/') && args.app) {
        const app = path.resolve(args.app);
        const file = path.resolve(app, decodeURIComponent(route.slice('/app/'.length)) || 'index.html');
        if (!file.startsWith(app + path.sep)) res.writeHead(403).end();
        else sendFile(res, file);
    } else {
        res.writeHead(404).end();
    }
});

server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
