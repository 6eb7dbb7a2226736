// The shared conformance corpus (tests/corpus/*.json at the repository root): every case of
// every file through the JavaScript API (readResponse with the body's bytes, answered by the
// stand-in native side, which asks the real library): an error's every field is checked against
// the expected report; a success's result against what JSON.parse reads from the body (the
// SDK's reading: the text decoded as the browser decodes it, BOM included).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fake = require('./support/fake-native');
const library = require('./support/library');
const { assertShowsReport, sameJson } = require('./support/check-report');

fake.install();
const { readResponse, MonacaCloudError } = require('../www/monaca-cloud-error.js');

const files = library.corpus(); // throws when missing or under 100 cases

/** The result as the SDK gets it: the body decoded as the browser does (its BOM picks UTF-16), then JSON.parse. */
function sdkResult(bytes) {
    const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le'
        : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
    return JSON.parse(new TextDecoder(encoding).decode(bytes)).result;
}

let successes = 0;
let errors = 0;
for (const { file, rule, cases } of files) {
    test(`${file}: ${rule}`, async (t) => {
        assert.ok(cases.length > 0, `${file} has cases`);
        for (const testCase of cases) {
            await t.test(testCase.name, async () => {
                const bytes = library.caseBody(testCase); // a Buffer: a Uint8Array
                const before = fake.calls.length;
                const outcome = await readResponse(null, testCase.status, bytes)
                    .then((value) => ({ value }), (error) => ({ error }));
                assert.deepEqual(fake.calls.slice(before), [{ service: 'MonacaCloudError',
                    action: 'readResponse', args: [null, testCase.status, bytes.toString('base64'), null] }]);
                if (testCase.expected === null) {
                    assert.ok('value' in outcome, `resolved, not ${outcome.error}`);
                    const { result, ...rest } = outcome.value;
                    assert.deepEqual(rest, { session: null, endsSession: false, loginToken: null });
                    assert.ok(sameJson(result, sdkResult(bytes)), 'the result JSON.parse reads from the body');
                    successes++;
                } else {
                    assert.ok('error' in outcome, 'rejected');
                    assertShowsReport(outcome.error, testCase.expected);
                    assert.ok(outcome.error instanceof MonacaCloudError);
                    assert.equal(outcome.error.session, null);
                    errors++;
                }
            });
        }
    });
}

test('the corpus was run in full', () => {
    const total = files.reduce((n, f) => n + f.cases.length, 0);
    assert.equal(successes + errors, total);
    assert.ok(successes > 0 && errors > 0);
    // The comparison of results can fail: on a value, a type, a key's order.
    assert.ok(sameJson({ a: [1, { b: null }] }, { a: [1, { b: null }] }));
    for (const [x, y] of [[{ a: [1] }, { a: [2] }], [{ a: 1, b: 2 }, { b: 2, a: 1 }], [[1], { 0: 1 }], [null, {}], [0, -0], ['1', 1]]) {
        assert.ok(!sameJson(x, y), `${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    }
});
