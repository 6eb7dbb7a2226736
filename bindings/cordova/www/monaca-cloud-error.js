/*
 * Monaca Backend errors for Cordova apps.
 *
 * Error objects made here are compatible with the Monaca cloud SDK's `Monaca.cloud.Error`:
 * their own enumerable properties are exactly `code`, `message` and `data` (`data` is `{}`
 * when the server sent none), so `JSON.stringify(error)` and code written for the SDK see the
 * same thing. They add `kind`, `name`, `params`, `detail` (non-enumerable) and
 * `messagesFor(param)`.
 *
 * The parsing itself happens in native code (the Rust library behind the Kotlin and Swift
 * wrappers), reached with `cordova/exec`; this file only turns the library's JSON form
 * (`{"code":..,"message":..,"data":..}`) into objects. Kind, name and validation params are
 * computed here from `code` and `data` with the library's own rules (see the error model
 * document), so an error made in JavaScript (`new MonacaCloudError(...)`) reads the same as
 * one that came from native code.
 *
 * Loaded by Cordova's module system (`cordova.define`), and by Node for the tests: nothing runs
 * at load time that needs Cordova; `cordova/exec` is required on the first native call.
 */
'use strict';

var SERVICE = 'MonacaCloudError'; // the <feature> name in plugin.xml

/** Where a code comes from. Same names as the Kotlin and Swift enums. */
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

/** The kind of any code. */
function kindOf(code) {
    var known = CATALOGUE.get(code);
    if (known) return known[0];
    if (code >= -32099 && code <= -32000) return Kind.SERVER_DEFINED;
    if (code >= Code.USER_DEFINED_MIN) return Kind.USER_DEFINED;
    return Kind.UNKNOWN;
}

/** The symbolic name of a documented code ('INVALID_PARAMS'), or null. */
function nameOf(code) {
    var known = CATALOGUE.get(code);
    return known ? known[1] : null;
}

// ---- Validation params ------------------------------------------------------------------
//
// Only for -32602 whose data is an object: one entry per member, in the server's order; a
// string is one message; an array gives one message per element (a non-string element as its
// JSON text), an empty one none; a nested object gives dotted names ('properties.age'), an
// empty one the name with no messages; any other value is one message, its JSON text.
//
// The rules are applied to a small syntax tree of the JSON text rather than to JSON.parse's
// result, because JSON.parse loses what the library keeps: a member that occurs twice (both
// entries are reported) and the text of numbers and nested values as sent ('1.0', '1e2',
// '{"x" : 1}'). A tree node is {type: 'object'|'array'|'string'|'other', raw, ...}.

function paramsFromTree(node) {
    var entries = [];
    if (node.type !== 'object') return entries;
    node.members.forEach(function (member) { collect(member.key, member.value, entries); });
    return entries;
}

function collect(name, node, entries) {
    switch (node.type) {
    case 'string':
        entries.push(entry(name, [node.value]));
        break;
    case 'array':
        entries.push(entry(name, node.items.map(function (item) {
            return item.type === 'string' ? item.value : item.raw;
        })));
        break;
    case 'object':
        if (node.members.length === 0) entries.push(entry(name, []));
        node.members.forEach(function (member) { collect(name + '.' + member.key, member.value, entries); });
        break;
    default:
        entries.push(entry(name, [node.raw]));
    }
}

function entry(name, messages) {
    return Object.freeze({ name: name, messages: Object.freeze(messages) });
}

// A tree for an already parsed value (data given to the constructor): the same rules, with
// JSON.stringify standing in for the text as sent.
function treeOfValue(value) {
    if (typeof value === 'string') return { type: 'string', value: value };
    if (Array.isArray(value)) return { type: 'array', items: value.map(treeOfValue), raw: JSON.stringify(value) };
    if (value !== null && typeof value === 'object') {
        return {
            type: 'object',
            members: Object.keys(value).map(function (key) { return { key: key, value: treeOfValue(value[key]) }; }),
            raw: JSON.stringify(value)
        };
    }
    var raw = JSON.stringify(value);
    return { type: 'other', raw: raw === undefined ? 'null' : raw };
}

// A minimal parser for JSON text that JSON.parse has already accepted: it keeps every member
// (duplicates too) and the exact source text of each value. Strings are decoded by JSON.parse.
function parseTree(text) {
    var pos = 0;
    function ws() { while (pos < text.length && ' \t\r\n'.indexOf(text[pos]) >= 0) pos++; }
    function stringEnd(start) { // index after the closing quote of the string opening at start
        var i = start + 1;
        while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
        return i + 1;
    }
    function value() {
        ws();
        var start = pos;
        var c = text[pos];
        if (c === '{') {
            pos++;
            var members = [];
            ws();
            if (text[pos] === '}') { pos++; } else {
                for (;;) {
                    ws();
                    var keyEnd = stringEnd(pos);
                    var key = JSON.parse(text.slice(pos, keyEnd));
                    pos = keyEnd;
                    ws(); pos++; // ':'
                    members.push({ key: key, value: value() });
                    ws();
                    if (text[pos++] === '}') break; // else ','
                }
            }
            return { type: 'object', members: members, raw: text.slice(start, pos) };
        }
        if (c === '[') {
            pos++;
            var items = [];
            ws();
            if (text[pos] === ']') { pos++; } else {
                for (;;) {
                    items.push(value());
                    ws();
                    if (text[pos++] === ']') break;
                }
            }
            return { type: 'array', items: items, raw: text.slice(start, pos) };
        }
        if (c === '"') {
            pos = stringEnd(pos);
            var raw = text.slice(start, pos);
            return { type: 'string', value: JSON.parse(raw), raw: raw };
        }
        while (pos < text.length && ',]} \t\r\n'.indexOf(text[pos]) < 0) pos++; // number, literal
        return { type: 'other', raw: text.slice(start, pos) };
    }
    return value();
}

// ---- The error class ----------------------------------------------------------------------

function define(target, name, value, enumerable) {
    Object.defineProperty(target, name, { value: value, enumerable: enumerable, writable: false, configurable: false });
}

/**
 * A Monaca Backend error, as `Monaca.cloud.Error` has it: `new MonacaCloudError(code, message,
 * data)`. Own enumerable properties: code, message, data ({} when absent, that is undefined). Non-enumerable:
 * kind, name (the code's symbolic name or null), params (validation messages, for -32602),
 * detail (why a client error was made, or null). All read-only.
 */
class MonacaCloudError extends Error {
    constructor(code, message, data, options) {
        super(message);
        if (!Number.isInteger(code)) throw new TypeError('code must be an integer, got ' + code);
        if (typeof message !== 'string') throw new TypeError('message must be a string');
        var hasData = data !== undefined; // absent; a `null` the server sent is kept as sent
        // Error's constructor made `message` a non-enumerable own property; remake it so the
        // enumerable ones come in the SDK's order: code, message, data.
        delete this.message;
        define(this, 'code', code, true);
        define(this, 'message', message, true);
        define(this, 'data', hasData ? data : {}, true);
        define(this, 'kind', kindOf(code), false);
        define(this, 'name', nameOf(code), false);
        var tree = options && options.dataTree ? options.dataTree : (hasData ? treeOfValue(data) : null);
        var params = code === Code.INVALID_PARAMS && tree ? paramsFromTree(tree) : [];
        define(this, 'params', Object.freeze(params), false);
        define(this, 'detail', options && typeof options.detail === 'string' ? options.detail : null, false);
    }

    /** Every validation message for `param` (a dotted name for nested ones), in order; [] if none. */
    messagesFor(param) {
        var found = [];
        this.params.forEach(function (p) { if (p.name === param) found.push.apply(found, p.messages); });
        return found;
    }

    toString() {
        return 'MonacaCloudError [' + this.code + (this.name ? ' ' + this.name : '') + ']: ' + this.message +
            (this.detail ? ' (' + this.detail + ')' : '');
    }
}

/**
 * An error from the library's JSON form (`monaca_error_to_json`, the wrappers' toJson()):
 * a JSON string, or an object already parsed from one. `null` (a success) gives null.
 * `detail` (optional) is the native side's explanation of a client error.
 *
 * From a string, `data` keeps duplicate members and the text of numbers in `params` exactly as
 * the library does; from an object, non-string values are re-serialised with JSON.stringify.
 * Throws SyntaxError for text that is not JSON, TypeError for a value that is not an error.
 */
function fromNative(json, detail) {
    var value = typeof json === 'string' ? JSON.parse(json) : json;
    if (value === null) return null;
    if (typeof value !== 'object' || Array.isArray(value) || !Number.isInteger(value.code) ||
            typeof value.message !== 'string') {
        throw new TypeError('not the JSON form of an error: ' + (typeof json === 'string' ? json : JSON.stringify(json)));
    }
    var dataTree = null;
    if (typeof json === 'string' && value.code === Code.INVALID_PARAMS && value.data !== undefined) {
        var top = parseTree(json);
        top.members.forEach(function (m) { if (m.key === 'data') dataTree = m.value; });
    }
    return new MonacaCloudError(value.code, value.message, value.data,
        { dataTree: dataTree, detail: typeof detail === 'string' ? detail : null });
}

/** -11 "Connection timeout": for the caller to report when its own request timed out. */
function timeout() {
    return new MonacaCloudError(Code.CONNECTION_TIMED_OUT, 'Connection timeout', {});
}

// ---- Native calls -------------------------------------------------------------------------

function callNative(action, args) {
    var exec = require('cordova/exec');
    return new Promise(function (resolve, reject) {
        exec(resolve, function (message) {
            reject(new Error('MonacaCloudError.' + action + ' failed in native code: ' + message));
        }, SERVICE, action, args);
    });
}

var BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Classifies one HTTP exchange with Monaca Backend in native code. `status` is the HTTP status
 * (0 when no response arrived), `bodyBase64` the raw body bytes in standard base64 ('' for
 * none). Resolves to null for a success response; rejects with a MonacaCloudError for an error
 * response (the server's error, -12 for an unusable body, -13 for a non-success status), or
 * with a TypeError / Error when the arguments or the native call are at fault.
 */
function parseResponse(status, bodyBase64) {
    if (!Number.isInteger(status) || status < -2147483648 || status > 2147483647) {
        return Promise.reject(new TypeError('status must be a 32-bit integer, got ' + status));
    }
    if (typeof bodyBase64 !== 'string' || !BASE64.test(bodyBase64)) {
        return Promise.reject(new TypeError('bodyBase64 must be a standard base64 string'));
    }
    // The native side answers [json, detail]: json is the library's JSON form, or null for a
    // success; detail is a string for client errors, else null.
    return callNative('parseResponse', [status, bodyBase64]).then(function (reply) {
        if (!Array.isArray(reply) || reply.length !== 2) {
            throw new Error('MonacaCloudError.parseResponse: unexpected native reply ' + JSON.stringify(reply));
        }
        var error = fromNative(reply[0], reply[1]);
        if (error) throw error;
        return null;
    });
}

/**
 * The library's catalogue entry for any code: resolves to {code, kind, name, description}
 * (name null for user-defined and unknown codes).
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
    Kind: Kind,
    Code: Code,
    kindOf: kindOf,
    nameOf: nameOf,
    fromNative: fromNative,
    timeout: timeout,
    parseResponse: parseResponse,
    describe: describe
};
