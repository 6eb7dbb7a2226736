// Stands in for Cordova's `cordova/exec` and the plugin's native classes in Node: it answers
// the plugin's actions with the protocol of src/android/MonacaCloudErrorPlugin.kt and
// src/ios/MonacaCloudErrorPlugin.swift, computing every answer with the real library
// (library.js). It records each call so tests can check what JavaScript sent.
'use strict';

const Module = require('node:module');
const library = require('./library');

const calls = [];
let failNext = null; // a failure to send to the error callback instead of answering

// {ok: reply} for the success callback, {fail: reply} for the error callback.
function answer(action, args) {
    switch (action) {
    case 'parseResponse': { // decode base64, classify: the report, or null for a success
        const [status, bodyBase64] = args;
        const report = library.report(Buffer.from(bodyBase64, 'base64'), status);
        return { ok: report === 'null' ? null : report };
    }
    case 'create': { // the report, or the refusal {argument, reason, ...} to the error callback
        const [code, message, dataJson] = args;
        const made = library.create(code, message, dataJson);
        return made.report !== undefined ? { ok: made.report } : { fail: made.refusal };
    }
    case 'timeout':
        return { ok: library.timeoutReport() };
    case 'describe':
        return { ok: library.catalogue([args[0]])[0] };
    default:
        return { fail: `Class not found or invalid action: MonacaCloudError.${action}` };
    }
}

/** The `cordova/exec` signature: exec(success, fail, service, action, args). */
function exec(success, fail, service, action, args) {
    // Cordova sends the arguments as JSON; so does this fake.
    const sent = JSON.parse(JSON.stringify(args));
    calls.push({ service, action, args: sent });
    setImmediate(() => { // Cordova calls back asynchronously
        if (failNext !== null) {
            const failure = failNext;
            failNext = null;
            fail(failure);
            return;
        }
        const reply = service === 'MonacaCloudError' ? answer(action, sent)
            : { fail: `Class not found: ${service}` };
        if ('ok' in reply) success(reply.ok);
        else fail(reply.fail);
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
    /** The next call goes to the error callback with `failure` (a string or an object). */
    failNextCall(failure) { failNext = failure; }
};
