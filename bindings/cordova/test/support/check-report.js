// Asserts that a JavaScript error object shows every field of a report (the library's, parsed)
// through the public API.
'use strict';

const assert = require('node:assert/strict');
const { MonacaCloudError } = require('../../www/monaca-cloud-error.js');

/** Whether two parsed JSON values are the same, keys in the same order (iterative: results and data nest
 * 10,000 deep, beyond what node's assert.deepEqual and JSON.stringify can recurse). */
function sameJson(a, b) {
    const pending = [[a, b]];
    while (pending.length > 0) {
        const [x, y] = pending.pop();
        if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') {
            if (!Object.is(x, y)) return false;
            continue;
        }
        if (Array.isArray(x) !== Array.isArray(y)) return false;
        const keys = Object.keys(x);
        if (keys.join('\0') !== Object.keys(y).join('\0')) return false;
        for (const key of keys) pending.push([x[key], y[key]]);
    }
    return true;
}

function assertShowsReport(error, expected) {
    assert.ok(error instanceof MonacaCloudError, `a MonacaCloudError, got ${error}`);
    assert.ok(error instanceof Error);
    // Monaca.cloud.Error compatibility: exactly these own enumerable properties, in this order.
    assert.deepEqual(Object.keys(error), ['code', 'message', 'data']);
    assert.equal(error.code, expected.code); // a JavaScript number (int64 beyond 2^53 rounds, on both sides)
    assert.equal(error.kind, expected.kind);
    assert.equal(error.codeName, expected.name);
    assert.equal(error.name, expected.name === null ? 'MonacaCloudError' : expected.name);
    assert.equal(error.description, expected.description);
    assert.equal(String(error), expected.description);
    assert.equal(error.message, expected.message);
    assert.equal(error.detail, expected.detail);
    assert.equal(error.dataJson, expected.data);
    assert.ok(sameJson(error.data, expected.data === null ? {} : JSON.parse(expected.data)), 'data, parsed');
    assert.deepEqual(error.params, expected.params); // server order, duplicates kept
    const names = [...new Set(expected.params.map((p) => p.name))];
    for (const name of names) {
        const messages = expected.params.filter((p) => p.name === name).flatMap((p) => p.messages);
        assert.deepEqual(error.messagesFor(name), messages, `messagesFor(${JSON.stringify(name)})`);
        assert.equal(error.firstMessageFor(name), messages.length > 0 ? messages[0] : null,
            `firstMessageFor(${JSON.stringify(name)})`);
    }
    const absent = names.join('|') + '|absent';
    assert.deepEqual(error.messagesFor(absent), []);
    assert.equal(error.firstMessageFor(absent), null);
    assert.equal(error.jsonText, expected.json); // exactly, int64 codes and data text included
    const form = JSON.parse(expected.json);
    assert.ok(sameJson(error.toJSON(), form), 'toJSON()');
    // JSON.stringify(error) is the form's text; data nested too deep for the engine's
    // JSON.stringify fails the same way as the form's own JSON.stringify.
    const text = (value) => {
        try {
            return JSON.stringify(value);
        } catch (e) {
            return e instanceof RangeError ? 'RangeError' : assert.fail(e);
        }
    };
    assert.equal(text(error), text(form));
}

module.exports = { assertShowsReport, sameJson };
