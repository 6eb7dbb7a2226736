// Stands in for Cordova's `cordova/exec` and the plugin's native classes in Node: it answers
// the plugin's actions with the protocol of src/android/MonacaCloudErrorPlugin.kt and
// src/ios/MonacaCloudErrorPlugin.swift, computing every answer with the real library
// (library.js). It carries the arguments as cordova-android's exec does (an ArrayBuffer becomes
// its base64 text, then everything goes as JSON), so JavaScript that sends anything else than
// an ArrayBuffer for bytes fails here as it would on a device. It records each call so tests
// can check what JavaScript sent.
'use strict';

const Module = require('node:module');
const library = require('./library');

const calls = [];
let failNext = null; // a failure to send to the error callback instead of answering

// The argument names of a refusal, as JavaScript knows them (the plugin classes rename the
// wrappers' names the same way): the C ABI's name -> the JavaScript parameter's.
const JS_NAMES = { data_json: 'dataJson', params_json: 'params', api_key: 'apiKey', device_id: 'deviceId',
    backend_id: 'backendId' };

function refusal(why) {
    return { fail: { ...why, argument: JS_NAMES[why.argument] || why.argument } };
}

// {ok: reply} for the success callback, {fail: reply} for the error callback.
function answer(action, args) {
    switch (action) {
    case 'readResponse': { // the body arrives as base64 (Android's bridge): the response report
        if (args.length !== 4) return { fail: 'bad arguments for readResponse: expected [method, status, body, sessionHeader]' };
        const [method, status, bodyBase64, sessionHeader] = args;
        if (typeof bodyBase64 !== 'string') return { fail: 'bad arguments for readResponse: the body is not bytes' };
        return { ok: library.responseReport(method, Buffer.from(bodyBase64, 'base64'), status, sessionHeader) };
    }
    case 'requestBody': { // the body, or the refusal
        if (args.length !== 5) return { fail: 'bad arguments for requestBody: expected [method, paramsJson, apiKey, deviceId, session]' };
        const made = library.requestBody(...args);
        return 'text' in made ? { ok: made.text } : refusal(made.refusal);
    }
    case 'checkUrl': { // "OK", or the refusal
        const made = library.checkUrl(args[0]);
        return 'text' in made ? { ok: made.text } : refusal(made.refusal);
    }
    case 'bodyTooLarge':
        return { ok: library.bodyTooLargeReport(args[0]) };
    case 'backendUrl': {
        const made = library.backendUrl(args[0]);
        return 'text' in made ? { ok: made.text } : refusal(made.refusal);
    }
    case 'create': { // the report, or the refusal {argument, reason, ...} to the error callback
        const [code, message, dataJson] = args;
        const made = library.create(code, message, dataJson);
        return made.report !== undefined ? { ok: made.report } : refusal(made.refusal);
    }
    case 'timeout':
        return { ok: library.timeoutReport() };
    case 'describe':
        return { ok: library.catalogue([args[0]])[0] };
    default:
        return { fail: `Class not found or invalid action: MonacaCloudError.${action}` };
    }
}

// As cordova-android's exec (cordova.js, androidExec): ArrayBuffer arguments become base64.
function carried(args) {
    return JSON.parse(JSON.stringify(args.map((arg) => (Object.prototype.toString.call(arg) === '[object ArrayBuffer]'
        ? Buffer.from(arg).toString('base64') : arg))));
}

/** The `cordova/exec` signature: exec(success, fail, service, action, args). */
function exec(success, fail, service, action, args) {
    const sent = carried(args);
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
