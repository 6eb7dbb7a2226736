// Stands in for Cordova's `cordova/exec` and the plugin's native classes in Node: it answers
// the plugin's actions with the protocol of src/android/MonacaCloudErrorPlugin.kt and
// src/ios/MonacaCloudErrorPlugin.swift, computing every answer with the real library (its
// command-line tool). It records each call so tests can check what JavaScript sent.
'use strict';

const Module = require('node:module');
const library = require('./library');

const calls = [];
let failNext = null; // a message to send to the error callback instead of answering

function answer(action, args) {
    switch (action) {
    case 'parseResponse': {
        // Native: decode base64, classify, reply [json | null, detail | null].
        const [status, bodyBase64] = args;
        const file = library.bodyFile(Buffer.from(bodyBase64, 'base64'));
        const json = library.jsonForm(file, status);
        if (json === 'null') return [null, null];
        return [json, library.report(file, status).detail];
    }
    case 'describe': {
        // Native: the catalogue's kind, name and description. The tool has no catalogue
        // command, so kind and name come from classifying an error with that code, and the
        // description is marked as this fake's own (JavaScript only passes it through).
        const [code] = args;
        const file = library.bodyFile(JSON.stringify({ error: { code, message: 'm' } }));
        const r = library.report(file);
        return { code, kind: r.kind, name: r.name, description: `fake description of ${code}` };
    }
    default:
        return undefined;
    }
}

/** The `cordova/exec` signature: exec(success, fail, service, action, args). */
function exec(success, fail, service, action, args) {
    calls.push({ service, action, args });
    // Cordova calls back asynchronously; so does this fake.
    setImmediate(() => {
        if (failNext !== null) {
            const message = failNext;
            failNext = null;
            fail(message);
            return;
        }
        const reply = answer(action, args);
        if (reply === undefined) fail(`Class not found or invalid action: ${service}.${action}`);
        else success(reply);
    });
}

/** Makes `require('cordova/exec')` return this fake from now on (Node only). */
function install() {
    const load = Module._load;
    Module._load = function (request, ...rest) {
        if (request === 'cordova/exec') return exec;
        return load.call(this, request, ...rest);
    };
}

module.exports = {
    install,
    calls,
    failNextCall(message) { failNext = message; }
};
