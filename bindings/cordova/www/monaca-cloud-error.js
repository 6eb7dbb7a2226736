/*
 * Monaca Backend errors for Cordova apps: the JavaScript face of the monaca-cloud-error library.
 *
 * Every answer is made by the library: a response is read by its Rust core compiled to
 * WebAssembly, in this WebView (src/browser/monaca-cloud-error-wasm.js over the embedded copy
 * native/www/monaca-cloud-error-core.js: no bridge crossing per response, and readResponseSync
 * once ready() resolved); everything else in native code (the Rust core behind the Kotlin and
 * Swift wrappers, reached with `cordova/exec`). The answers: an error's report (every field in
 * one JSON text, README.md at the repository root, "The report", schema 1), a response's report (the result
 * as sent, the session, the loginToken, or the error's report), a request body, a URL. This
 * file turns those texts into objects and nothing more: it knows no classification rule, no
 * session rule, no parameter rule, no request format and no description format. The catalogue
 * look-ups (kindOf, nameOf, descriptionOf) read the tables below, generated from the library's
 * catalogue. MonacaCloudClient adds the one thing the core leaves out, the HTTP (`fetch`).
 *
 * The error objects are compatible with the Monaca cloud SDK's `Monaca.cloud.Error`: their own
 * enumerable properties are exactly `code`, `message` and `data` (`data` is `{}` when the server
 * sent none), so `JSON.stringify(error)` and code written for the SDK see the same thing.
 *
 * Loaded by Cordova's module system (`cordova.define`), and by Node for the tests: nothing runs
 * at load time that needs Cordova; `cordova/exec` is required on the first native call. At load
 * time the in-process core starts compiling when its two js-modules are there (plugin.xml); where
 * they are not, or where it cannot load (a Content-Security-Policy that allows neither
 * 'unsafe-eval' nor 'wasm-unsafe-eval', a WebView without WebAssembly), readResponse asks the
 * native bridge as before, and readResponseSync throws.
 */
'use strict';

var SERVICE = 'MonacaCloudError'; // the <feature> name in plugin.xml

/** Where a code comes from: the report's `kind` values, the same names as the Kotlin enum's. */
var Kind = Object.freeze({
    UNKNOWN: 'UNKNOWN',
    JSON_RPC: 'JSON_RPC',
    SERVER_DEFINED: 'SERVER_DEFINED',
    CLIENT: 'CLIENT',
    CLOUD_API: 'CLOUD_API',
    USER_DEFINED: 'USER_DEFINED'
});

// BEGIN GENERATED CATALOGUE (tests/generated.rs; do not edit)
/** The documented codes, generated from the library's catalogue (src/codes.rs). */
var Code = Object.freeze({
    PARSE_ERROR: -32700, // -32700 PARSE_ERROR: The server could not parse the JSON it received.
    INTERNAL_ERROR: -32603, // -32603 INTERNAL_ERROR: Internal JSON-RPC error.
    INVALID_PARAMS: -32602, // -32602 INVALID_PARAMS: Invalid method parameter(s).
    METHOD_NOT_FOUND: -32601, // -32601 METHOD_NOT_FOUND: The method does not exist or is not available.
    INVALID_REQUEST: -32600, // -32600 INVALID_REQUEST: The request is not a valid Request object.
    PERMISSION_DENIED_NEGATIVE: -14, // -14 PERMISSION_DENIED: Permission denied.
    INVALID_STATUS_CODE: -13, // -13 INVALID_STATUS_CODE: The server sent an invalid HTTP status code.
    INVALID_RESPONSE: -12, // -12 INVALID_RESPONSE: The server sent an invalid response.
    CONNECTION_TIMED_OUT: -11, // -11 CONNECTION_TIMED_OUT: The server connection timed out.
    API_KEY_INVALID: 4, // 4 API_KEY_INVALID: Cloud API key or Cloud ID invalid.
    SESSION_ID_INVALID: 10, // 10 SESSION_ID_INVALID: Session ID format invalid.
    USER_LOGIN_REQUIRED: 11, // 11 USER_LOGIN_REQUIRED: User login is required.
    DEVICE_ID_REQUIRED: 12, // 12 DEVICE_ID_REQUIRED: A device ID must be given.
    OPERATION_INVALID: 13, // 13 OPERATION_INVALID: Invalid operation.
    PERMISSION_DENIED: 14, // 14 PERMISSION_DENIED: Permission denied.
    CALL_LIMIT_EXCEEDED: 9999, // 9999 CALL_LIMIT_EXCEEDED: Monthly API call limit exceeded.
    USER_DEFINED_MIN: 10000
});

// code -> [kind, name, description] for every documented code.
var CATALOGUE = new Map([
    [-32700, [Kind.JSON_RPC, "PARSE_ERROR", "The server could not parse the JSON it received"]],
    [-32603, [Kind.JSON_RPC, "INTERNAL_ERROR", "Internal JSON-RPC error"]],
    [-32602, [Kind.JSON_RPC, "INVALID_PARAMS", "Invalid method parameter(s)"]],
    [-32601, [Kind.JSON_RPC, "METHOD_NOT_FOUND", "The method does not exist or is not available"]],
    [-32600, [Kind.JSON_RPC, "INVALID_REQUEST", "The request is not a valid Request object"]],
    [-14, [Kind.CLOUD_API, "PERMISSION_DENIED", "Permission denied"]],
    [-13, [Kind.CLIENT, "INVALID_STATUS_CODE", "The server sent an invalid HTTP status code"]],
    [-12, [Kind.CLIENT, "INVALID_RESPONSE", "The server sent an invalid response"]],
    [-11, [Kind.CLIENT, "CONNECTION_TIMED_OUT", "The server connection timed out"]],
    [4, [Kind.CLOUD_API, "API_KEY_INVALID", "Cloud API key or Cloud ID invalid"]],
    [10, [Kind.CLOUD_API, "SESSION_ID_INVALID", "Session ID format invalid"]],
    [11, [Kind.CLOUD_API, "USER_LOGIN_REQUIRED", "User login is required"]],
    [12, [Kind.CLOUD_API, "DEVICE_ID_REQUIRED", "A device ID must be given"]],
    [13, [Kind.CLOUD_API, "OPERATION_INVALID", "Invalid operation"]],
    [14, [Kind.CLOUD_API, "PERMISSION_DENIED", "Permission denied"]],
    [9999, [Kind.CLOUD_API, "CALL_LIMIT_EXCEEDED", "Monthly API call limit exceeded"]]
]);

// What the catalogue says of codes it does not list (src/codes.rs).
var SERVER_DEFINED_RANGE = Object.freeze([-32099, -32000]);
var KIND_DESCRIPTIONS = Object.freeze({ UNKNOWN: "Unknown error code", JSON_RPC: "JSON-RPC error", SERVER_DEFINED: "Implementation-defined server error", CLIENT: "Client error", CLOUD_API: "Cloud API error", USER_DEFINED: "User-defined error" });
// END GENERATED CATALOGUE

// ---- Catalogue look-ups (synchronous, from the generated tables) ----------------------------

function checkCode(code) {
    if (!Number.isInteger(code)) throw new TypeError('code must be an integer, got ' + code);
}

/** The kind of any integer code. */
function kindOf(code) {
    checkCode(code);
    var known = CATALOGUE.get(code);
    if (known) return known[0];
    if (code >= SERVER_DEFINED_RANGE[0] && code <= SERVER_DEFINED_RANGE[1]) return Kind.SERVER_DEFINED;
    if (code >= Code.USER_DEFINED_MIN) return Kind.USER_DEFINED;
    return Kind.UNKNOWN;
}

/** The symbolic name of a documented code ('INVALID_PARAMS'), or null. */
function nameOf(code) {
    checkCode(code);
    var known = CATALOGUE.get(code);
    return known ? known[1] : null;
}

/** The description of a code: its own for a documented code, its kind's otherwise. */
function descriptionOf(code) {
    checkCode(code);
    var known = CATALOGUE.get(code);
    return known ? known[2] : KIND_DESCRIPTIONS[kindOf(code)];
}

// ---- The error objects ------------------------------------------------------------------------

/** A report object already parsed from a response report (module-private). */
function ParsedReport(value) {
    this.value = value;
}

/** An error report text, parsed and checked for the members this file reads. */
function parseReport(report) {
    if (typeof report !== 'string') {
        throw new TypeError('MonacaCloudError is made from the library\'s report text; ' +
            'create(code, message, dataJson) makes a new error');
    }
    var r = JSON.parse(report);
    if (!isReport(r)) throw new TypeError('not a report of the monaca-cloud-error library: ' + report);
    return r;
}

function isReport(r) {
    return r !== null && typeof r === 'object' && typeof r.code === 'number' &&
        typeof r.message === 'string' && typeof r.json === 'string' && Array.isArray(r.params);
}

function define(target, name, value, enumerable) {
    Object.defineProperty(target, name, { value: value, enumerable: enumerable, writable: false, configurable: false });
}

/**
 * A Monaca Backend error, made from the library's report (the text the native side hands over;
 * `reportJson` in Kotlin, `reportJSON` in Swift). Apps get these from parseResponse, create and
 * timeout; `new MonacaCloudError(report)` is for a report that other native code of the app
 * passed to JavaScript.
 *
 * Own enumerable properties, as `Monaca.cloud.Error`: code, message, data (the parsed value, `{}`
 * when absent). Own non-enumerable ones: kind, codeName (the symbolic name or null), name (the
 * symbolic name, or 'MonacaCloudError' when there is none), description, detail, dataJson (the
 * text of data as sent, or null), params, jsonText (the JSON form), session (the session id the
 * response carried, to keep even on an error; null when none, and for errors not read from a
 * response). All read-only.
 */
class MonacaCloudError extends Error {
    constructor(report, session) {
        // A response's error arrives already parsed (inside the response report): ParsedReport.
        var r = report instanceof ParsedReport ? report.value : parseReport(report);
        if (session !== undefined && session !== null && typeof session !== 'string') {
            throw new TypeError('session must be a string or null');
        }
        super(r.message);
        // Error's constructor made `message` a non-enumerable own property; remake it so the
        // enumerable ones come in the SDK's order: code, message, data.
        delete this.message;
        define(this, 'code', r.code, true);
        define(this, 'message', r.message, true);
        define(this, 'data', r.data === null ? {} : JSON.parse(r.data), true);
        define(this, 'kind', r.kind, false);
        define(this, 'codeName', r.name, false);
        define(this, 'name', r.name === null ? 'MonacaCloudError' : r.name, false);
        define(this, 'description', r.description, false);
        define(this, 'detail', r.detail, false);
        define(this, 'dataJson', r.data, false);
        define(this, 'params', Object.freeze(r.params.map(function (p) {
            return Object.freeze({ name: p.name, messages: Object.freeze(p.messages) });
        })), false);
        define(this, 'jsonText', r.json, false);
        define(this, 'session', session === undefined ? null : session, false);
    }

    /** Every message for the parameter `name` over all entries of that name, in order; [] if none. */
    messagesFor(name) {
        var found = [];
        this.params.forEach(function (p) {
            if (p.name === name) p.messages.forEach(function (m) { found.push(m); });
        });
        return found;
    }

    /** The first message for the parameter `name`, or null. */
    firstMessageFor(name) {
        var found = this.messagesFor(name);
        return found.length > 0 ? found[0] : null;
    }

    /** The library's description (`description`). */
    toString() {
        return this.description;
    }

    /** For JSON.stringify: {code, message, data}, as `Monaca.cloud.Error`. */
    toJSON() {
        return { code: this.code, message: this.message, data: this.data };
    }
}

/**
 * Why create(), requestBody(), backendUrl() or checkUrl() refused its input, as the library
 * explains it: `argument` (the argument at fault, by its JavaScript name: 'message', 'dataJson',
 * 'method', 'params', 'apiKey', 'deviceId', 'session', 'backendId', 'url'), `reason`, `offset` (a byte offset in
 * the argument's UTF-8), `line` and `column` (1-based, of a JSON fault in dataJson or params; 0
 * otherwise); the `message` is the library's whole explanation.
 */
class MonacaArgumentError extends TypeError {
    constructor(why) {
        super(why.explanation);
        define(this, 'argument', why.argument, true);
        define(this, 'reason', why.reason, true);
        define(this, 'offset', why.offset, true);
        define(this, 'line', why.line, true);
        define(this, 'column', why.column, true);
    }
}
Object.defineProperty(MonacaArgumentError.prototype, 'name',
    { value: 'MonacaArgumentError', writable: true, enumerable: false, configurable: true });

// ---- Native calls -------------------------------------------------------------------------

// The actions whose refused input reaches the error callback as {argument, reason, ...}.
var REFUSING = ['create', 'requestBody', 'backendUrl', 'checkUrl'];

function isRefusal(failure) {
    return failure !== null && typeof failure === 'object' && typeof failure.explanation === 'string';
}

// The native bridge; where there is none (a page without Cordova, Monaca's preview), the
// WebAssembly core, when src/browser/monaca-cloud-error-wasm.js was loaded by a <script> tag.
function nativeExec() {
    try { return require('cordova/exec'); } catch (e) { /* no Cordova bridge */ }
    var wasm = typeof MonacaCloudErrorWasm !== 'undefined' ? MonacaCloudErrorWasm : null;
    if (wasm && wasm.exec) return wasm.exec;
    throw new Error('MonacaCloudError: no native bridge, and no WebAssembly core (monaca-cloud-error-wasm.js)');
}

// Calls a native action; rejects with a MonacaArgumentError for a refusal of the input, with a
// plain Error for any other native failure (bad arguments, a library that cannot load).
function callNative(action, args) {
    var exec = nativeExec();
    return new Promise(function (resolve, reject) {
        exec(resolve, function (failure) {
            reject(REFUSING.indexOf(action) >= 0 && isRefusal(failure) ? new MonacaArgumentError(failure)
                : new Error('MonacaCloudError.' + action + ' failed in native code: ' +
                    (typeof failure === 'string' ? failure : JSON.stringify(failure))));
        }, SERVICE, action, args);
    });
}

function unexpected(action, reply) {
    return new Error('MonacaCloudError.' + action + ': unexpected native reply ' + JSON.stringify(reply));
}

// A text answer of the native side (a report, a request body, a URL).
function textReply(action) {
    return function (reply) {
        if (typeof reply !== 'string') throw unexpected(action, reply);
        return reply;
    };
}

function errorFromReply(action, reply) {
    return new MonacaCloudError(textReply(action)(reply));
}

// Object.prototype.toString's name, which cordova-js also uses to find ArrayBuffers (it works
// across frames, where instanceof does not).
function typeName(value) {
    return Object.prototype.toString.call(value).slice(8, -1);
}

function checkStatus(status) {
    if (!Number.isInteger(status) || status < -2147483648 || status > 2147483647) {
        throw new TypeError('status must be a 32-bit integer, got ' + status);
    }
}

/**
 * The body as one ArrayBuffer holding exactly its bytes: what cordova/exec carries as binary
 * (base64 on Android's bridge, NSData on iOS). A string is text, sent as its UTF-8.
 */
function bodyBuffer(body) {
    if (typeof body === 'string') return new TextEncoder().encode(body).buffer;
    if (typeName(body) === 'ArrayBuffer') return body;
    if (ArrayBuffer.isView(body) && typeName(body) === 'Uint8Array') {
        var whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength &&
            typeName(body.buffer) === 'ArrayBuffer';
        return whole ? body.buffer : new Uint8Array(body).buffer; // a view of part: copy its bytes
    }
    throw new TypeError('body must be a string (text, sent as UTF-8), an ArrayBuffer or a Uint8Array');
}

function checkMethod(method) {
    if (method !== undefined && method !== null && typeof method !== 'string') {
        throw new TypeError('method must be the called method\'s name (a string), or null when it is unknown');
    }
    return method === undefined ? null : method;
}

// ---- The in-process core ------------------------------------------------------------------------

// The Rust core in this WebView: the js-modules MonacaCloudErrorWasm (the byte mover) and
// MonacaCloudErrorCore (the module's bytes, generated by scripts/build-wasm.sh) of plugin.xml;
// else, on a page without Cordova, the global MonacaCloudErrorWasm of a <script> tag, over the
// .wasm beside it. null when neither is there.
function findCore() {
    var wasm = null;
    var source = null;
    try {
        wasm = require('cordova-plugin-monaca-cloud-error.MonacaCloudErrorWasm');
        source = require('cordova-plugin-monaca-cloud-error.MonacaCloudErrorCore');
    } catch (e) {
        wasm = source = null; // not under Cordova (or an older package without the core)
    }
    if (wasm === null && typeof MonacaCloudErrorWasm !== 'undefined' && MonacaCloudErrorWasm.source) {
        wasm = MonacaCloudErrorWasm;
        source = MonacaCloudErrorWasm.source;
    }
    if (wasm === null || typeof wasm.inProcess !== 'function' || typeof WebAssembly !== 'object') return null;
    return wasm.inProcess(source);
}

var core = findCore();
var coreFailure = null; // why the core could not load, once it could not
if (core !== null) {
    core.ready().catch(function (e) { coreFailure = e; });
}

function coreError(e) {
    return new Error('MonacaCloudError: the WebAssembly core cannot be loaded in this WebView: ' + e +
        ' (a Content-Security-Policy must allow \'unsafe-eval\' or \'wasm-unsafe-eval\' in script-src, ' +
        'or in default-src when there is no script-src)');
}

/**
 * Resolves (to undefined) once the in-process core is loaded, when readResponseSync can answer;
 * rejects with an Error saying why it cannot be (no core in this copy of the plugin, a
 * Content-Security-Policy without 'unsafe-eval' or 'wasm-unsafe-eval', no WebAssembly). The
 * core starts loading when this file is loaded; a failed load is tried again by the next ready().
 */
function ready() {
    if (core === null) {
        return Promise.reject(new Error('MonacaCloudError: no WebAssembly core here (the js-modules ' +
            'MonacaCloudErrorWasm and MonacaCloudErrorCore of plugin.xml, or monaca-cloud-error-wasm.js by a <script> tag)'));
    }
    return core.ready().then(function () { coreFailure = null; }, function (e) {
        coreFailure = e;
        throw coreError(e);
    });
}

// The core's answer to readResponse (the response report text), or a thrown Error.
function coreReadResponse(args) {
    var outcome;
    try {
        outcome = core.answer('readResponse', args);
    } catch (e) {
        throw new Error('MonacaCloudError.readResponse: the WebAssembly core failed: ' + e);
    }
    if (!outcome.ok) {
        throw new Error('MonacaCloudError.readResponse failed in the WebAssembly core: ' +
            (typeof outcome.reply === 'string' ? outcome.reply : JSON.stringify(outcome.reply)));
    }
    return outcome.reply;
}

/**
 * Reads one HTTP exchange with Monaca Backend with the library: in this WebView by the in-process
 * core (no bridge crossing; waiting for the core only while it loads), or natively over the
 * bridge where the core is not there or cannot load. `method` (the called method, such as
 * 'User.login': after a successful User.logout or User.unregister the response ends the
 * session; null when unknown, which never ends one), `status` (0 when no response arrived),
 * `body` (a string: text, read as its UTF-8; an ArrayBuffer or a Uint8Array: the bytes as
 * received, which the library decodes as the SDK's browser would) and the value of the
 * `X-Set-Monaca-Cloud-Session` header (null or absent without one; repeated headers as fetch
 * joins them, "s1, s2"). Resolves to {result, session, endsSession, loginToken} (result: the
 * result, JSON.parse'd from the text the server sent; session: the header's value to keep, or
 * null when there is none to keep; endsSession: true when the client must forget its session and
 * login token); rejects with the MonacaCloudError (its `session`: the session to keep, even then),
 * or with a TypeError / Error when the arguments or the native call are at fault.
 */
function readResponse(method, status, body, sessionHeader) {
    var args;
    try {
        args = readArguments(method, status, body, sessionHeader);
    } catch (e) {
        return Promise.reject(e);
    }
    // In this WebView once the core is loaded; over the bridge where it is not there or cannot load.
    if (core !== null && core.isReady()) return new Promise(function (resolve) { resolve(readReport(coreReadResponse(args))); });
    var loaded = core === null ? Promise.resolve(false) : core.ready().then(function () { return true; }, function (e) {
        coreFailure = e;
        return false;
    });
    return loaded.then(function (inProcess) {
        if (inProcess && core.isReady()) return readReport(coreReadResponse(args));
        return callNative('readResponse', args).then(readReport);
    });
}

/**
 * readResponse answered synchronously by the in-process core (no bridge, no Promise): returns
 * {result, session, endsSession, loginToken}; throws the MonacaCloudError (with its `session`),
 * a TypeError for arguments of the wrong type, or an Error when the core is not loaded (before
 * ready() resolved, or where it cannot load).
 */
function readResponseSync(method, status, body, sessionHeader) {
    var args = readArguments(method, status, body, sessionHeader);
    if (core === null || !core.isReady()) {
        if (core === null) throw new Error('MonacaCloudError.readResponseSync: no WebAssembly core here; readResponse asks the native side');
        if (coreFailure !== null) throw coreError(coreFailure);
        throw new Error('MonacaCloudError.readResponseSync: the WebAssembly core is not loaded yet: wait for ready()');
    }
    return readReport(coreReadResponse(args));
}

// readResponse's arguments checked, as the core and the native side take them: [method|null,
// status, the body's bytes (an ArrayBuffer), sessionHeader|null].
function readArguments(method, status, body, sessionHeader) {
    var calledMethod = checkMethod(method);
    checkStatus(status);
    var bytes = bodyBuffer(body);
    if (sessionHeader !== undefined && sessionHeader !== null && typeof sessionHeader !== 'string') {
        throw new TypeError('sessionHeader must be a string, null or absent');
    }
    return [calledMethod, status, bytes, sessionHeader === undefined ? null : sessionHeader];
}

// The response report: {session, endsSession, loginToken, result} (the result spliced in as the
// server sent it) or {session, endsSession, loginToken, error: <the error report>}: the object
// readResponse resolves to, or the MonacaCloudError thrown.
function readReport(reply) {
    var r = JSON.parse(textReply('readResponse')(reply));
    if (r === null || typeof r !== 'object' || !('session' in r) || typeof r.endsSession !== 'boolean') {
        throw unexpected('readResponse', reply);
    }
    if ('error' in r) {
        if (!isReport(r.error)) throw unexpected('readResponse', reply);
        throw new MonacaCloudError(new ParsedReport(r.error), r.session);
    }
    return { result: r.result, session: r.session, endsSession: r.endsSession, loginToken: r.loginToken };
}

/**
 * The same reading as readResponse, for the result alone: resolves to the result; rejects with
 * the MonacaCloudError (with its `session`).
 */
function parseResponse(method, status, body, sessionHeader) {
    return readResponse(method, status, body, sessionHeader).then(function (response) { return response.result; });
}

/**
 * The body of a call, written natively as the SDK writes it: `method` (a dotted name such as
 * 'User.login'), `params` (an object, sent as JSON.stringify writes it; or JSON text; null or
 * absent for {}) and `credentials` {apiKey, deviceId, session?}; the JSON-RPC id is always "1",
 * as the SDK sends it. Resolves to the text to POST; rejects with a MonacaArgumentError for input the
 * library refuses (a method that is not a dotted name, params that are not one JSON object or
 * that hold __api_key, __device or __session), with a TypeError for arguments of the wrong type.
 */
function requestBody(method, params, credentials) {
    var paramsJson = null;
    try {
        if (arguments.length > 3) {
            throw new TypeError('requestBody takes no id: every body has "id":"1", as Monaca\'s SDK sends');
        }
        if (typeof method !== 'string') throw new TypeError('method must be a string');
        if (typeof params === 'string') paramsJson = params;
        else if (params !== undefined && params !== null) paramsJson = JSON.stringify(params);
        if (credentials === null || typeof credentials !== 'object' || typeof credentials.apiKey !== 'string' ||
                typeof credentials.deviceId !== 'string') {
            throw new TypeError('credentials must be {apiKey: string, deviceId: string, session?: string | null}');
        }
        var session = credentials.session === undefined ? null : credentials.session;
        if (session !== null && typeof session !== 'string') throw new TypeError('credentials.session must be a string or null');
    } catch (e) {
        return Promise.reject(e);
    }
    return callNative('requestBody', [method, paramsJson, credentials.apiKey, credentials.deviceId, session])
        .then(textReply('requestBody'));
}

/**
 * The endpoint URL of a backend (https://cloud.monaca.mobi/json-rpc/<backendId>), written
 * natively; rejects with a MonacaArgumentError for an id the library refuses.
 */
function backendUrl(backendId) {
    if (typeof backendId !== 'string') return Promise.reject(new TypeError('backendId must be a string'));
    return callNative('backendUrl', [backendId]).then(textReply('backendUrl'));
}

/**
 * Checks an endpoint URL natively, as every client does before it connects: https:// to any
 * host, http:// only to a loopback host (localhost, 127.x.y.z, [::1]). Resolves (to undefined)
 * for an accepted URL; rejects with a MonacaArgumentError (argument 'url') for any other.
 */
function checkUrl(url) {
    if (typeof url !== 'string') return Promise.reject(new TypeError('url must be a string'));
    return callNative('checkUrl', [url]).then(function (reply) {
        if (reply !== 'OK') throw unexpected('checkUrl', reply);
    });
}

/**
 * Makes an error with any code, message and data (`dataJson`: the JSON text of one value, or
 * null / absent for none). Resolves to the MonacaCloudError; rejects with a MonacaArgumentError
 * when the library refuses the input (dataJson is not one JSON value), with a TypeError for
 * arguments of the wrong type, or an Error for a native failure.
 */
function create(code, message, dataJson) {
    if (!Number.isSafeInteger(code)) {
        return Promise.reject(new TypeError('code must be a safe integer, got ' + code));
    }
    if (typeof message !== 'string') {
        return Promise.reject(new TypeError('message must be a string'));
    }
    if (dataJson !== undefined && dataJson !== null && typeof dataJson !== 'string') {
        return Promise.reject(new TypeError('dataJson must be JSON text (a string), null or absent'));
    }
    return callNative('create', [code, message, dataJson === undefined ? null : dataJson])
        .then(function (reply) { return errorFromReply('create', reply); });
}

/** Resolves to the -11 "Connection timeout" error, for a request that the app timed out. */
function timeout() {
    return callNative('timeout', []).then(function (reply) { return errorFromReply('timeout', reply); });
}

/**
 * Resolves to the -12 "Invalid response" error of a body larger than `limit` bytes (its detail
 * names the limit), for a client that stopped reading at its cap.
 */
function bodyTooLarge(limit) {
    if (!Number.isSafeInteger(limit) || limit < 0) {
        return Promise.reject(new TypeError('limit must be a number of bytes (a safe integer, 0 or more), got ' + limit));
    }
    return callNative('bodyTooLarge', [limit]).then(function (reply) { return errorFromReply('bodyTooLarge', reply); });
}

/**
 * The native library's catalogue entry for a code: resolves to {code, kind, name, description}
 * (name null when there is none). The same answer as kindOf, nameOf and descriptionOf, asked of
 * the native library: a check that the app's native library is there and has this catalogue.
 */
function describe(code) {
    if (!Number.isSafeInteger(code)) {
        return Promise.reject(new TypeError('code must be a safe integer, got ' + code));
    }
    return callNative('describe', [code]).then(function (reply) {
        if (reply === null || typeof reply !== 'object' || typeof reply.description !== 'string') {
            throw unexpected('describe', reply);
        }
        return Object.freeze({ code: code, kind: reply.kind, name: reply.name || null, description: reply.description });
    });
}

// ---- A whole call over fetch --------------------------------------------------------------------

var SESSION_HEADER = 'X-Set-Monaca-Cloud-Session';
var DEFAULT_TIMEOUT_MS = 30000; // the same default in every face
var DEFAULT_MAX_BODY_BYTES = 33554432; // 32 MiB, the same default in every face

/**
 * A client of one backend: `new MonacaCloudClient({backendId, apiKey, deviceId, timeoutMs,
 * maxBodyBytes})` (or `url` instead of `backendId`; `session` to start from one kept from
 * before; `fetch` to bring another implementation than the global one). `call(method, params)`
 * writes the body natively, POSTs it with fetch and reads the exchange natively, then applies
 * what the response says of the session: after a successful User.logout or User.unregister
 * the session and the login token are forgotten; otherwise a session or a login token it
 * carries (a result's or an error's session) is kept (`currentSession`, `loginToken`) and the
 * session sent as the next call's __session, as the Kotlin and Swift clients do.
 *
 * What it never does, whatever the server answers: follow a redirect (a 3xx is handed to the
 * library as its status: -13), connect to a URL the library's checkUrl refuses (http:// is
 * for loopback only: a MonacaArgumentError before any connection), read more than
 * `maxBodyBytes` of the decoded body (then it stops reading: the library's -12 bodyTooLarge),
 * or take longer than `timeoutMs` for the whole exchange, connection, head and body (the
 * library's -11). A request that got no whole response (connection refused, reset, a body
 * shorter than announced) is the library's answer for status 0 (-13).
 */
class MonacaCloudClient {
    constructor(options) {
        var o = options || {};
        if ((typeof o.backendId === 'string') === (typeof o.url === 'string')) {
            throw new TypeError('MonacaCloudClient needs a backendId or a url (a string), not both');
        }
        if (typeof o.apiKey !== 'string' || typeof o.deviceId !== 'string') {
            throw new TypeError('MonacaCloudClient needs apiKey and deviceId (strings)');
        }
        var timeoutMs = o.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : o.timeoutMs;
        if (typeof timeoutMs !== 'number' || !(timeoutMs > 0 && timeoutMs <= 2147483647)) {
            throw new TypeError('timeoutMs must be a number of milliseconds above 0, got ' + timeoutMs);
        }
        var maxBodyBytes = o.maxBodyBytes === undefined ? DEFAULT_MAX_BODY_BYTES : o.maxBodyBytes;
        if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) {
            throw new TypeError('maxBodyBytes must be a number of bytes (a safe integer, 0 or more), got ' + maxBodyBytes);
        }
        var fetchImpl = o.fetch !== undefined ? o.fetch : typeof fetch === 'function' ? fetch : undefined;
        if (typeof fetchImpl !== 'function') throw new TypeError('no fetch here: pass options.fetch');
        if (o.session !== undefined && o.session !== null && typeof o.session !== 'string') {
            throw new TypeError('session must be a string or null');
        }
        define(this, 'timeoutMs', timeoutMs, true);
        define(this, 'maxBodyBytes', maxBodyBytes, true);
        this._session = o.session === undefined ? null : o.session;
        this._loginToken = null;
        this._options = { backendId: o.backendId, url: o.url, apiKey: o.apiKey, deviceId: o.deviceId, fetch: fetchImpl };
        this._checkedUrl = null; // the endpoint URL once the library accepted it
    }

    /**
     * Calls `method` with `params` (an object, JSON text, or null / absent for {}): resolves to
     * the result; rejects with a MonacaCloudError (the server's error; -12, -13; -11 for a
     * timeout), a MonacaArgumentError (a refused url, backendId, method or params) or a
     * TypeError.
     */
    call(method, params) {
        var self = this;
        var o = self._options;
        var credentials = { apiKey: o.apiKey, deviceId: o.deviceId, session: self._session };
        return Promise.all([self._endpoint(), requestBody(method, params, credentials)])
            .then(function (both) {
                return exchange(o.fetch, both[0], both[1], method, self.timeoutMs, self.maxBodyBytes);
            })
            .then(function (response) {
                self._keep(response.endsSession, response.session, response.loginToken);
                return response.result;
            }, function (error) {
                if (error instanceof MonacaCloudError) self._keep(false, error.session, null);
                throw error;
            });
    }

    // The URL to POST to, checked by the library before the first connection (a refusal is
    // asked again at the next call; an accepted URL is remembered).
    _endpoint() {
        var self = this;
        if (self._checkedUrl !== null) return Promise.resolve(self._checkedUrl);
        var o = self._options;
        var url = o.url !== undefined ? Promise.resolve(o.url) : backendUrl(o.backendId);
        return url.then(function (u) {
            return checkUrl(u).then(function () {
                self._checkedUrl = u;
                return u;
            });
        });
    }

    // The whole session rule of a client; the rest is the library's (readResponse's answer).
    _keep(endsSession, session, loginToken) {
        if (endsSession) {
            this._session = null;
            this._loginToken = null;
            return;
        }
        if (session !== null) this._session = session;
        if (loginToken !== null) this._loginToken = loginToken;
    }

    /** The session sent as __session: the last one a response carried (null before any, and after a logout). */
    get currentSession() {
        return this._session;
    }

    /** The last loginToken a result held (null before any, and after a logout). */
    get loginToken() {
        return this._loginToken;
    }
}

// A fetch that does not give what the client reads (a Response with a body stream of bytes):
// the app's mistake, not the server's, so never taken for "no response".
class FetchMisuse extends TypeError {}

// Why an exchange ended before a whole response was read.
var TIMED_OUT = 'timed out';
var TOO_LARGE = 'too large';

// Reads a fetch Response's body (decoded by fetch: gzip inflated) through its stream, at most
// `limit` bytes: resolves to an ArrayBuffer holding exactly the body, or to TOO_LARGE as soon
// as it holds more (the rest is cancelled, never read nor kept). A stream that fails (a reset,
// a body shorter than its Content-Length, an abort) rejects.
function readBody(response, limit) {
    if (response.body === null) return Promise.resolve(new ArrayBuffer(0)); // no body (204, opaque redirect)
    if (!response.body || typeof response.body.getReader !== 'function') {
        return Promise.reject(new FetchMisuse('fetch must resolve to a Response whose body is a ReadableStream'));
    }
    var reader = response.body.getReader();
    var chunks = [];
    var size = 0;
    function next() {
        return reader.read().then(function (step) {
            if (step.done) return joined(chunks, size);
            var chunk = step.value;
            if (typeName(chunk) !== 'Uint8Array') throw new FetchMisuse('the body stream gave something else than bytes');
            if (chunk.byteLength > limit - size) {
                chunks.length = 0;
                reader.cancel().catch(function () { /* the stream may already have failed */ });
                return TOO_LARGE;
            }
            chunks.push(chunk);
            size += chunk.byteLength;
            return next();
        });
    }
    return next();
}

function joined(chunks, size) {
    if (chunks.length === 1 && chunks[0].byteOffset === 0 && chunks[0].byteLength === chunks[0].buffer.byteLength) {
        return chunks[0].buffer;
    }
    var whole = new Uint8Array(size);
    var at = 0;
    chunks.forEach(function (chunk) {
        whole.set(chunk, at);
        at += chunk.byteLength;
    });
    return whole.buffer;
}

// POSTs a body and reads the exchange natively (readResponse's answer for `method`). One
// deadline covers it all: at `timeoutMs` the request (or its body) is aborted and the call
// rejects with the library's -11 error, whether or not the fetch honours the abort. The body
// is read up to `maxBodyBytes` (else the library's bodyTooLarge error). `redirect: 'manual'`:
// a 3xx is never followed; node's fetch hands the 3xx response itself over, a browser's an
// opaque-redirect response (status 0, no headers, no body); either goes to the library with its
// status. A fetch that fails, or a body that cannot be read whole, is no response (status 0).
function exchange(fetchImpl, url, body, method, timeoutMs, maxBodyBytes) {
    var controller = new AbortController();
    var timer;
    var ended = null; // TIMED_OUT or TOO_LARGE once the exchange is cut short
    var deadline = new Promise(function (resolve) {
        timer = setTimeout(function () {
            if (ended === null) ended = TIMED_OUT;
            controller.abort();
            resolve(TIMED_OUT);
        }, timeoutMs);
    });
    var init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body, redirect: 'manual',
        signal: controller.signal };
    var answered = Promise.resolve()
        .then(function () { return fetchImpl(url, init); }) // unbound: window.fetch refuses another `this`
        .then(function (response) {
            if (response === null || typeof response !== 'object' || !response.headers ||
                    typeof response.headers.get !== 'function' || !Number.isInteger(response.status)) {
                throw new FetchMisuse('fetch must resolve to a Response (status, headers, body)');
            }
            var header = response.headers.get(SESSION_HEADER);
            return readBody(response, maxBodyBytes).then(function (bytes) {
                if (bytes === TOO_LARGE) {
                    if (ended === null) ended = TOO_LARGE;
                    controller.abort(); // the connection, too
                    return ended;
                }
                return { status: response.status, bytes: bytes, session: header };
            });
        })
        .catch(function (e) {
            if (ended !== null) return ended; // aborted by the deadline (or after the cap)
            if (e instanceof FetchMisuse) throw e;
            return { status: 0, bytes: new ArrayBuffer(0), session: null }; // no (whole) response
        });
    return Promise.race([answered, deadline]).then(function (got) {
        clearTimeout(timer);
        if (got === TIMED_OUT) return timeout().then(function (error) { throw error; });
        if (got === TOO_LARGE) return bodyTooLarge(maxBodyBytes).then(function (error) { throw error; });
        return readResponse(method, got.status, got.bytes, got.session);
    }, function (e) {
        clearTimeout(timer);
        throw e;
    });
}

module.exports = {
    MonacaCloudError: MonacaCloudError,
    MonacaArgumentError: MonacaArgumentError,
    MonacaCloudClient: MonacaCloudClient,
    Kind: Kind,
    Code: Code,
    kindOf: kindOf,
    nameOf: nameOf,
    descriptionOf: descriptionOf,
    ready: ready,
    readResponse: readResponse,
    readResponseSync: readResponseSync,
    parseResponse: parseResponse,
    requestBody: requestBody,
    backendUrl: backendUrl,
    create: create,
    timeout: timeout,
    bodyTooLarge: bodyTooLarge,
    checkUrl: checkUrl,
    describe: describe
};
