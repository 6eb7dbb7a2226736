/*
 * Monaca Backend errors for Cordova apps: the JavaScript face of the monaca-cloud-error library.
 *
 * Every error is made by the library in native code (the Rust core behind the Kotlin and Swift
 * wrappers, reached with `cordova/exec`), which hands over its report: every field of the error
 * in one JSON text (README.md at the repository root, "The report", schema 1). This file turns
 * a report into an object and nothing more: it knows no classification rule, no parameter rule
 * and no description format. The catalogue look-ups (kindOf, nameOf, descriptionOf) read the
 * tables below, generated from the library's catalogue.
 *
 * The error objects are compatible with the Monaca cloud SDK's `Monaca.cloud.Error`: their own
 * enumerable properties are exactly `code`, `message` and `data` (`data` is `{}` when the server
 * sent none), so `JSON.stringify(error)` and code written for the SDK see the same thing.
 *
 * Loaded by Cordova's module system (`cordova.define`), and by Node for the tests: nothing runs
 * at load time that needs Cordova; `cordova/exec` is required on the first native call.
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
 * text of data as sent, or null), params, jsonText (the JSON form). All read-only.
 */
class MonacaCloudError extends Error {
    constructor(report) {
        if (typeof report !== 'string') {
            throw new TypeError('MonacaCloudError is made from the library\'s report text; ' +
                'create(code, message, dataJson) makes a new error');
        }
        var r = JSON.parse(report);
        if (r === null || typeof r !== 'object' || typeof r.code !== 'number' ||
                typeof r.message !== 'string' || typeof r.json !== 'string' || !Array.isArray(r.params)) {
            throw new TypeError('not a report of the monaca-cloud-error library: ' + report);
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
 * Why create() refused its input, as the library explains it: `argument` (the argument at
 * fault, as the native side names it), `reason`, `offset` (a byte offset in the argument's
 * UTF-8), `line` and `column` (1-based, of a JSON fault in dataJson; 0 otherwise); the
 * `message` is the library's whole explanation.
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

function isRefusal(failure) {
    return failure !== null && typeof failure === 'object' && typeof failure.explanation === 'string';
}

// Calls a native action; rejects with a MonacaArgumentError for a refusal of create's input,
// with a plain Error for any other native failure (bad arguments, a library that cannot load).
function callNative(action, args) {
    var exec = require('cordova/exec');
    return new Promise(function (resolve, reject) {
        exec(resolve, function (failure) {
            reject(action === 'create' && isRefusal(failure) ? new MonacaArgumentError(failure)
                : new Error('MonacaCloudError.' + action + ' failed in native code: ' +
                    (typeof failure === 'string' ? failure : JSON.stringify(failure))));
        }, SERVICE, action, args);
    });
}

function errorFromReply(action, reply) {
    if (typeof reply !== 'string') {
        throw new Error('MonacaCloudError.' + action + ': unexpected native reply ' + JSON.stringify(reply));
    }
    return new MonacaCloudError(reply);
}

var BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Classifies one HTTP exchange with Monaca Backend. `status` is the HTTP status (0 when no
 * response arrived), `bodyBase64` the raw body bytes in standard base64 ('' for none). Resolves
 * to null for a success; rejects with a MonacaCloudError for an error, or with a TypeError /
 * Error when the arguments or the native call are at fault.
 */
function parseResponse(status, bodyBase64) {
    if (!Number.isInteger(status) || status < -2147483648 || status > 2147483647) {
        return Promise.reject(new TypeError('status must be a 32-bit integer, got ' + status));
    }
    if (typeof bodyBase64 !== 'string' || !BASE64.test(bodyBase64)) {
        return Promise.reject(new TypeError('bodyBase64 must be a standard base64 string'));
    }
    // The native side answers the report, or null for a success.
    return callNative('parseResponse', [status, bodyBase64]).then(function (reply) {
        if (reply === null) return null;
        throw errorFromReply('parseResponse', reply);
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
            throw new Error('MonacaCloudError.describe: unexpected native reply ' + JSON.stringify(reply));
        }
        return Object.freeze({ code: code, kind: reply.kind, name: reply.name || null, description: reply.description });
    });
}

module.exports = {
    MonacaCloudError: MonacaCloudError,
    MonacaArgumentError: MonacaArgumentError,
    Kind: Kind,
    Code: Code,
    kindOf: kindOf,
    nameOf: nameOf,
    descriptionOf: descriptionOf,
    parseResponse: parseResponse,
    create: create,
    timeout: timeout,
    describe: describe
};
