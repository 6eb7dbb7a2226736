// The HTTP server of the Chromium checks (run.sh), on 127.0.0.1 and a free port, printed first
// as "PORT <n>". It serves:
//   /fallback/...       the plain-script fallback page: fallback.html, page.js, checks.js, and the
//                       plugin's monaca-cloud-error-wasm.js with monaca_cloud_error.wasm beside it
//   /app/...            a folder given with --app (the Cordova app's platforms/browser/www)
//   /inprocess/<page>.html   the in-process pages (PAGES below): the plugin's js-modules as the
//                       Cordova app's prepare wrapped them (from --app), cordova-stub.js mimicking
//                       Android or iOS, in-process.js; each under a Content-Security-Policy meta
//                       tag: that of Cordova's app template (read from --csp, the <meta> line of the
//                       index.html `cordova create` made) or another
//   /corpus.json        every file of the conformance corpus: [{file, cases}]
//   /json-rpc/test-backend   POSTed on to the mock backend given with --backend (same origin for
//                       the page, so it reads X-Set-Monaca-Cloud-Session)
//   /hold               answered only once the page has POSTed its outcome to /result (or after
//                       --hold seconds): an image of each page holds its load event, so that
//                       `chromium --dump-dom` prints the page after the checks, not before
//   POST /result        the page's outcome, printed to standard error
//
//   node server.js --plugin DIR --wasm FILE --corpus DIR [--app DIR] [--csp FILE] [--backend URL] [--hold S]
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

// The in-process pages: the platform cordova-stub.js mimics, the CSP, and what must happen.
const PAGES = {
    android: { platform: 'android', csp: 'template' }, // Cordova's default CSP ('unsafe-eval' in default-src)
    ios: { platform: 'ios', csp: 'template' },
    wasmeval: { platform: 'android', csp: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" },
    strict: { platform: 'ios', csp: "default-src 'self'", expect: 'no-wasm' } // neither: the bridge answers
};
const PLUGIN_WWW = '/app/plugins/cordova-plugin-monaca-cloud-error';
Object.assign(fallback, {
    '/inprocess/cordova-stub.js': path.join(__dirname, 'cordova-stub.js'),
    '/inprocess/in-process.js': path.join(__dirname, 'in-process.js'),
    '/inprocess/checks.js': path.join(__dirname, 'checks.js')
});

function inProcessPage(name) {
    const spec = PAGES[name];
    let meta;
    if (spec.csp === 'template') {
        meta = fs.readFileSync(args.csp, 'utf8').trim();
        if (!/^<meta http-equiv="Content-Security-Policy" content="[^"]+">$/.test(meta)) throw new Error(`no CSP <meta> in ${args.csp}`);
    } else {
        meta = `<meta http-equiv="Content-Security-Policy" content="${spec.csp}">`;
    }
    const script = (src) => `<script src="${src}"></script>`;
    return ['<!DOCTYPE html>', `<html data-page="${name}" data-platform="${spec.platform}" data-expect="${spec.expect || 'wasm'}">`,
        `<head><meta charset="utf-8">${meta}<title>monaca-cloud-error in-process: ${name}</title></head>`, '<body>',
        `<p id="result">${name}: running</p>`, '<pre id="failures"></pre>', `<img src="/hold?page=${name}" alt="">`,
        script('/inprocess/cordova-stub.js'),
        // The plugin's js-modules of every platform, wrapped by cordova prepare (cordova.define).
        script(`${PLUGIN_WWW}/src/browser/monaca-cloud-error-wasm.js`),
        script(`${PLUGIN_WWW}/native/www/monaca-cloud-error-core.js`),
        script(`${PLUGIN_WWW}/www/monaca-cloud-error.js`),
        script('/inprocess/checks.js'), script('/inprocess/in-process.js'), '</body>', '</html>', ''].join('\n');
}

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
    } else if (/^\/inprocess\/[a-z]+\.html$/.test(route) && Object.prototype.hasOwnProperty.call(PAGES, route.slice(11, -5))) {
        try {
            res.writeHead(200, { 'Content-Type': TYPES['.html'] }).end(inProcessPage(route.slice(11, -5)));
        } catch (e) {
            res.writeHead(500).end(String(e));
        }
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
