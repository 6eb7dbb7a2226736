// What the real native library answers, asked at test time: classification, the report and the
// timeout error through its command-line tool (`monaca-error --report`, built by `cargo build
// --release` at the repository root; MONACA_ERROR_CLI overrides the path), and `create`, the
// catalogue, the response report, request bodies and URLs through its C ABI (native-helper.c,
// built here against the static library next to the tool). Nothing here is a stored answer.
// Also reads the shared conformance corpus.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const cli = process.env.MONACA_ERROR_CLI || path.join(repoRoot, 'target', 'release', 'monaca-error');
const staticLib = path.join(path.dirname(cli), 'libmonaca_cloud_error.a');
const corpusDir = process.env.MONACA_CORPUS_DIR || path.join(repoRoot, 'tests', 'corpus');

if (!fs.existsSync(cli)) {
    throw new Error(`${cli} not found: run 'cargo build --release' at ${repoRoot} (bindings/cordova/test.sh does)`);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'monaca-cordova-test-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/** Writes bytes (Buffer or string) to a scratch file and returns its path. */
function scratchFile(bytes) {
    const file = path.join(scratch, `file-${counter++}`);
    fs.writeFileSync(file, bytes);
    return file;
}

/** The library's report for a response (body bytes, HTTP status): its text, or 'null' for a success. */
function report(body, status = 200) {
    return execFileSync(cli, ['--report', '--status', String(status), scratchFile(body)], { encoding: 'utf8' })
        .replace(/\n$/, '');
}

/** The report of the library's timeout error. */
function timeoutReport() {
    return execFileSync(cli, ['--timeout', '--report'], { encoding: 'utf8' }).replace(/\n$/, '');
}

let helper = null;
function nativeHelper() {
    if (helper === null) {
        helper = path.join(scratch, 'native-helper');
        execFileSync(process.env.CC || 'cc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-pedantic',
            '-I', path.join(repoRoot, 'include'), '-o', helper, path.join(__dirname, 'native-helper.c'),
            staticLib, '-lpthread', '-ldl', '-lm'], { stdio: 'inherit' });
    }
    return helper;
}

/**
 * The library's answer to monaca_error_new_explained(code, message, dataJson): {report} (the
 * report text) or {refusal} (the explanation object).
 */
function create(code, message, dataJson) {
    const args = ['new', String(code), scratchFile(message)];
    if (dataJson !== null) args.push(scratchFile(dataJson));
    const made = helperAnswer(args);
    return 'text' in made ? { report: made.text } : made;
}

// Runs native-helper; {text} (exit 0) or {refusal} (exit 3, the explanation object).
function helperAnswer(args) {
    const run = spawnSync(nativeHelper(), args, { encoding: 'utf8' });
    const out = run.stdout.replace(/\n$/, '');
    if (run.status === 0) return { text: out };
    if (run.status === 3) return { refusal: JSON.parse(out) };
    throw new Error(`native-helper ${args.join(' ')}: exit ${run.status}: ${run.stderr}`);
}

/**
 * monaca_response_report_json of monaca_response_from_exchange(method, status, body,
 * sessionHeader): the response report text. `method` null: unknown; `sessionHeader` null: no
 * header.
 */
function responseReport(method, body, status, sessionHeader) {
    const args = ['response', method === null ? '-' : scratchFile(method), String(status), scratchFile(body)];
    if (sessionHeader !== null) args.push(scratchFile(sessionHeader));
    return helperAnswer(args).text;
}

/**
 * monaca_request_new(method, paramsJson or null, apiKey, deviceId, session or null): {text}
 * (the body) or {refusal} (the explanation, argument names as the C ABI has them).
 */
function requestBody(method, paramsJson, apiKey, deviceId, session) {
    if (arguments.length !== 5) throw new Error(`requestBody takes 5 arguments, got ${arguments.length}`);
    const optional = (text) => (text === null ? '-' : scratchFile(text));
    return helperAnswer(['request', scratchFile(method), optional(paramsJson), scratchFile(apiKey),
        scratchFile(deviceId), optional(session)]);
}

/** monaca_endpoint_url_check(url): {text: 'OK'} or {refusal}. */
function checkUrl(url) {
    return helperAnswer(['check-url', scratchFile(url)]);
}

/** The report of monaca_error_body_too_large(limit). */
function bodyTooLargeReport(limit) {
    return helperAnswer(['too-large', String(limit)]).text;
}

/** monaca_backend_url(backendId): {text} (the URL) or {refusal}. */
function backendUrl(backendId) {
    return helperAnswer(['url', scratchFile(backendId)]);
}

/** The library's catalogue entries for codes: [{code, kind, name, description}]. */
function catalogue(codes) {
    const out = execFileSync(nativeHelper(), ['code', ...codes.map(String)], { encoding: 'utf8' });
    return out.trim().split('\n').map((line, i) => {
        const entry = JSON.parse(line);
        return { code: codes[i], kind: entry.report.kind, name: entry.name, description: entry.description };
    });
}

/**
 * Every file of the conformance corpus (tests/corpus/*.json; MONACA_CORPUS_DIR overrides):
 * [{file, rule, cases}]. Throws when the folder is missing or holds fewer than 100 cases.
 */
function corpus() {
    if (!fs.existsSync(corpusDir)) throw new Error(`the conformance corpus ${corpusDir} is missing`);
    const files = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.json')).sort().map((file) => {
        const { rule, cases } = JSON.parse(fs.readFileSync(path.join(corpusDir, file), 'utf8'));
        return { file, rule, cases };
    });
    const count = files.reduce((n, f) => n + f.cases.length, 0);
    if (count < 100) throw new Error(`the conformance corpus ${corpusDir} holds ${count} cases, fewer than 100`);
    return files;
}

/** A corpus case's body bytes ("body" is text, "bodyBase64" bytes). */
function caseBody(testCase) {
    return 'bodyBase64' in testCase ? Buffer.from(testCase.bodyBase64, 'base64') : Buffer.from(testCase.body, 'utf8');
}

module.exports = { cli, report, timeoutReport, create, catalogue, responseReport, requestBody, backendUrl, checkUrl,
    bodyTooLargeReport, corpus, caseBody };
