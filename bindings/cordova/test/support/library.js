// What the real native library says about a response, asked at test time through its
// command-line tool (`monaca-error`, built by `cargo build --release` at the repository root;
// MONACA_ERROR_CLI overrides the path). Nothing here is a stored answer: every expectation the
// tests compare against comes from running the library.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const cli = process.env.MONACA_ERROR_CLI || path.join(repoRoot, 'target', 'release', 'monaca-error');
const fixturesDir = path.join(repoRoot, 'tests', 'fixtures');

if (!fs.existsSync(cli)) {
    throw new Error(`${cli} not found: run 'cargo build --release' at ${repoRoot} (bindings/cordova/test.sh does)`);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'monaca-cordova-test-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/** Writes body bytes (Buffer or string) to a scratch file and returns its path. */
function bodyFile(body) {
    const file = path.join(scratch, `body-${counter++}`);
    fs.writeFileSync(file, body);
    return file;
}

function run(args) {
    return execFileSync(cli, args, { encoding: 'utf8' });
}

/** The library's JSON form for a response file: a JSON string, or 'null' for a success. */
function jsonForm(file, status = 200) {
    return run(['--status', String(status), '--json', file]).replace(/\n$/, '');
}

/** The JSON form of the library's timeout error. */
function timeoutJson() {
    return run(['--timeout', '--json']).replace(/\n$/, '');
}

// The tool's human-readable kind labels, mapped to the JavaScript Kind names.
const KIND_LABELS = {
    unknown: 'UNKNOWN',
    'JSON-RPC': 'JSON_RPC',
    'server-defined': 'SERVER_DEFINED',
    client: 'CLIENT',
    'Cloud API': 'CLOUD_API',
    'user-defined': 'USER_DEFINED'
};

/** Undoes Rust's `str::escape_debug`, which the tool's text report uses for text. */
function unescapeDebug(text) {
    return text.replace(/\\(u\{([0-9a-fA-F]+)\}|.)/g, (all, esc, hex) => {
        if (hex) return String.fromCodePoint(parseInt(hex, 16));
        const simple = { 0: '\0', t: '\t', r: '\r', n: '\n', '\\': '\\', "'": "'", '"': '"' }[esc];
        if (simple === undefined) throw new Error(`unknown escape ${all}`);
        return simple;
    });
}

/**
 * The tool's text report for a response file, read back into
 * {success} or {kind, code, name, detail, params: [{name, messages}]}.
 * Parameter lines are `  <name>: "<message>", "<message>"`, the text escaped with Rust's
 * escape_debug (the names used by the tests contain no ': ').
 */
function report(file, status = 200) {
    const text = run(['--status', String(status), file]);
    if (/^success:/m.test(text)) return { success: true };
    const field = (label) => {
        const m = new RegExp(`^${label}:\\s+(.*)$`, 'm').exec(text);
        if (!m) throw new Error(`no ${label}: line in\n${text}`);
        return m[1];
    };
    const kindLabel = field('kind');
    if (!(kindLabel in KIND_LABELS)) throw new Error(`unknown kind label ${kindLabel}`);
    const name = field('name');
    const detail = field('detail');
    const result = {
        success: false,
        kind: KIND_LABELS[kindLabel],
        code: Number(field('code')),
        name: name === '(none)' ? null : name,
        detail: detail === '(none)' ? null : detail,
        params: []
    };
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /^params:/.test(l));
    if (at >= 0) {
        const count = Number(/^params:\s+(\d+)/.exec(lines[at])[1]);
        for (const line of lines.slice(at + 1, at + 1 + count)) {
            const m = /^ {2}(.*?): ?(.*)$/.exec(line);
            if (!m) throw new Error(`unreadable params line ${JSON.stringify(line)}`);
            const messages = [...m[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((q) => unescapeDebug(q[1]));
            result.params.push({ name: unescapeDebug(m[1]), messages });
        }
        if (result.params.length !== count) throw new Error(`expected ${count} params lines in\n${text}`);
    }
    return result;
}

/** Every fixture response shipped in the repository: [{name, file, bytes}]. */
function fixtures() {
    return fs.readdirSync(fixturesDir).sort().map((name) => {
        const file = path.join(fixturesDir, name);
        return { name, file, bytes: fs.readFileSync(file) };
    });
}

module.exports = { cli, bodyFile, jsonForm, timeoutJson, report, fixtures, KIND_LABELS };
