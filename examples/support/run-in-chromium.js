// Runs one example app's page in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) and reports what the page shows. Used by examples/test.sh.
//
//   node run-in-chromium.js --serve DIR --backend URL --screenshot FILE --text FILE [--timeout S]
//
// Serves DIR on 127.0.0.1 (a free port: another origin than the backend's, so the page's calls
// are cross-origin and need the backend's CORS answers), opens DIR's index.html with
// ?backend=URL in a new, empty Chromium profile, waits until the page's #status says
// data-state="done" or "failed" (or the timeout, default 60 s), then writes a screenshot of the
// whole page to FILE and the page's text (document.body.innerText) to the --text FILE and to
// standard output. Exits 0 when the page reached "done", 1 otherwise, printing the page's
// console messages and errors.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css',
    '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml' };

function options() {
    const args = {};
    for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
    for (const name of ['serve', 'backend', 'screenshot', 'text']) {
        if (!args[name]) throw new Error(`missing --${name}`);
    }
    return { ...args, timeoutMs: 1000 * Number(args.timeout || 60) };
}

/** A static server of `root` on 127.0.0.1; resolves to its origin. */
function serve(root) {
    const base = path.resolve(root);
    const server = http.createServer((req, res) => {
        const route = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
        const file = path.resolve(base, '.' + (route.endsWith('/') ? route + 'index.html' : route));
        if (file !== base && !file.startsWith(base + path.sep)) return res.writeHead(403).end();
        fs.readFile(file, (err, data) => {
            if (err) return res.writeHead(404).end();
            res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(data);
        });
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
        server.unref();
        resolve(`http://127.0.0.1:${server.address().port}`);
    }));
}

async function main() {
    const o = options();
    const origin = await serve(o.serve);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: CHROMIUM_FLAGS,
        viewport: { width: 800, height: 600 }
    });
    const log = [];
    let state = 'timeout';
    try {
        const page = context.pages()[0] || await context.newPage();
        page.on('console', (m) => log.push(`console.${m.type()}: ${m.text()}`));
        page.on('pageerror', (e) => log.push(`page error: ${e.stack || e}`));
        page.on('requestfailed', (r) => log.push(`request failed: ${r.method()} ${r.url()}: ${r.failure().errorText}`));
        const url = `${origin}/index.html?backend=${encodeURIComponent(o.backend)}`;
        console.log(`chromium ${context.browser() ? context.browser().version() : ''}: ${url}`);
        await page.goto(url);
        await page.waitForSelector('#status[data-state="done"], #status[data-state="failed"]', { timeout: o.timeoutMs })
            .then(async () => { state = await page.getAttribute('#status', 'data-state'); }, () => {});
        fs.mkdirSync(path.dirname(o.screenshot), { recursive: true });
        await page.screenshot({ path: o.screenshot, fullPage: true });
        const text = await page.evaluate(() => document.body.innerText);
        fs.writeFileSync(o.text, text);
        console.log(text);
        console.log(`page state: ${state}; screenshot ${o.screenshot}`);
    } finally {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
    }
    if (state !== 'done') {
        console.log(log.join('\n') || '(no console messages)');
        process.exitCode = 1;
    }
}

main().catch((e) => {
    console.error(`run-in-chromium.js: ${e.stack || e}`);
    process.exitCode = 1;
});
