// The shared conformance corpus (tests/corpus/*.json at the repository root): every case of
// every file through the JavaScript API (parseResponse, answered by the stand-in native side,
// which asks the real library), every field checked against the expected report.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fake = require('./support/fake-native');
const library = require('./support/library');
const { assertShowsReport } = require('./support/check-report');

fake.install();
const { parseResponse } = require('../www/monaca-cloud-error.js');

const files = library.corpus(); // throws when missing or under 100 cases

for (const { file, rule, cases } of files) {
    test(`${file}: ${rule}`, async (t) => {
        assert.ok(cases.length > 0, `${file} has cases`);
        for (const testCase of cases) {
            await t.test(testCase.name, async () => {
                const bodyBase64 = library.caseBody(testCase).toString('base64');
                const before = fake.calls.length;
                const outcome = await parseResponse(testCase.status, bodyBase64)
                    .then((value) => ({ value }), (error) => ({ error }));
                assert.deepEqual(fake.calls.slice(before), [{ service: 'MonacaCloudError',
                    action: 'parseResponse', args: [testCase.status, bodyBase64] }]);
                if (testCase.expected === null) {
                    assert.deepEqual(outcome, { value: null });
                } else {
                    assert.ok('error' in outcome, 'rejected');
                    assertShowsReport(outcome.error, testCase.expected);
                }
            });
        }
    });
}
