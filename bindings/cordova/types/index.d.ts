// Type declarations for cordova-plugin-monaca-cloud-error (www/monaca-cloud-error.js).
// In a Cordova app the module is at `cordova.plugins.monacaCloudError` (declared at the end of
// this file; a file that names no import sees it after `/// <reference types=
// "cordova-plugin-monaca-cloud-error" />`); bundlers can also import it from
// 'cordova-plugin-monaca-cloud-error'.

/** Where an error code comes from. */
export type MonacaErrorKind =
    | 'UNKNOWN'
    | 'JSON_RPC'
    | 'SERVER_DEFINED'
    | 'CLIENT'
    | 'CLOUD_API'
    | 'USER_DEFINED';

export declare const Kind: Readonly<{ [K in MonacaErrorKind]: K }>;

// BEGIN GENERATED CATALOGUE (tests/generated.rs; do not edit)
/** The documented codes, generated from the library's catalogue (src/codes.rs). */
export declare const Code: Readonly<{
    /** -32700 PARSE_ERROR: The server could not parse the JSON it received. */
    PARSE_ERROR: -32700;
    /** -32603 INTERNAL_ERROR: Internal JSON-RPC error. */
    INTERNAL_ERROR: -32603;
    /** -32602 INVALID_PARAMS: Invalid method parameter(s). */
    INVALID_PARAMS: -32602;
    /** -32601 METHOD_NOT_FOUND: The method does not exist or is not available. */
    METHOD_NOT_FOUND: -32601;
    /** -32600 INVALID_REQUEST: The request is not a valid Request object. */
    INVALID_REQUEST: -32600;
    /** -14 PERMISSION_DENIED: Permission denied. */
    PERMISSION_DENIED_NEGATIVE: -14;
    /** -13 INVALID_STATUS_CODE: The server sent an invalid HTTP status code. */
    INVALID_STATUS_CODE: -13;
    /** -12 INVALID_RESPONSE: The server sent an invalid response. */
    INVALID_RESPONSE: -12;
    /** -11 CONNECTION_TIMED_OUT: The server connection timed out. */
    CONNECTION_TIMED_OUT: -11;
    /** 4 API_KEY_INVALID: Cloud API key or Cloud ID invalid. */
    API_KEY_INVALID: 4;
    /** 10 SESSION_ID_INVALID: Session ID format invalid. */
    SESSION_ID_INVALID: 10;
    /** 11 USER_LOGIN_REQUIRED: User login is required. */
    USER_LOGIN_REQUIRED: 11;
    /** 12 DEVICE_ID_REQUIRED: A device ID must be given. */
    DEVICE_ID_REQUIRED: 12;
    /** 13 OPERATION_INVALID: Invalid operation. */
    OPERATION_INVALID: 13;
    /** 14 PERMISSION_DENIED: Permission denied. */
    PERMISSION_DENIED: 14;
    /** 9999 CALL_LIMIT_EXCEEDED: Monthly API call limit exceeded. */
    CALL_LIMIT_EXCEEDED: 9999;
    /** The smallest user-defined code: 10000 and above are the app's own. */
    USER_DEFINED_MIN: 10000;
}>;
// END GENERATED CATALOGUE

/** The validation messages of one parameter (-32602 only); nested names are dotted. Frozen. */
export interface MonacaParam {
    readonly name: string;
    readonly messages: readonly string[];
}

/** JSON text as the server sent it, parsed. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The JSON form of an error, as `Monaca.cloud.Error` serialises. */
export interface MonacaErrorJson {
    code: number;
    message: string;
    data: JsonValue;
}

/**
 * A Monaca Backend error, compatible with `Monaca.cloud.Error`: own enumerable properties
 * `code`, `message` and `data` (`{}` when absent); everything else is non-enumerable. All
 * properties are read-only. Made by the native library; JavaScript reads its report.
 */
export declare class MonacaCloudError extends Error {
    /**
     * From the library's report text (`reportJson` in Kotlin, `reportJSON` in Swift), and the
     * session its response carried (null or absent: none).
     */
    constructor(report: string, session?: string | null);
    /** The code; a code beyond ±2^53 is the nearest number (`jsonText` has it exactly). */
    readonly code: number;
    readonly message: string;
    /** The server's data, parsed; `{}` when absent. */
    readonly data: JsonValue;
    /** The family of `code`. */
    readonly kind: MonacaErrorKind;
    /** The symbolic name of a documented code ('INVALID_PARAMS'), null otherwise. */
    readonly codeName: string | null;
    /** The `Error` name: `codeName`, or 'MonacaCloudError' when there is none. */
    readonly name: string;
    /** The library's one-line description; also what toString() returns. */
    readonly description: string;
    /** Why a client error (-12, -13) was made; else null. */
    readonly detail: string | null;
    /** The JSON text of data exactly as sent, or null when absent. */
    readonly dataJson: string | null;
    /** Validation messages in the server's order, duplicates kept (only -32602 with object data). */
    readonly params: readonly MonacaParam[];
    /** The library's JSON form, `{"code":..,"message":..,"data":..}`, as text. */
    readonly jsonText: string;
    /**
     * The session id the response carried, to keep even on an error (the SDK reads the header
     * on errors too); null when it carried none, and for errors not read from a response.
     */
    readonly session: string | null;
    /** Every message for a parameter over all entries of that name (dotted for nested ones); [] when none. */
    messagesFor(name: string): string[];
    /** The first message for a parameter, or null. */
    firstMessageFor(name: string): string | null;
    toString(): string;
    /** For JSON.stringify: `{code, message, data}`. */
    toJSON(): MonacaErrorJson;
}

/**
 * Why create(), requestBody(), backendUrl() or checkUrl() refused its input, as the library
 * explains it; `message` is the explanation.
 */
export declare class MonacaArgumentError extends TypeError {
    /**
     * The argument at fault, by its JavaScript name: 'message', 'dataJson', 'method', 'params',
     * 'apiKey', 'deviceId', 'session', 'backendId' or 'url'.
     */
    readonly argument: string;
    /** The reason alone ('invalid UTF-8', 'expected a JSON value', ...). */
    readonly reason: string;
    /** The byte offset of the fault in the argument's UTF-8. */
    readonly offset: number;
    /** The 1-based line of a JSON fault in dataJson or params; 0 otherwise. */
    readonly line: number;
    /** The 1-based column (in characters) of a JSON fault in dataJson or params; 0 otherwise. */
    readonly column: number;
}

/** The kind of an integer code (TypeError for anything else). */
export declare function kindOf(code: number): MonacaErrorKind;

/** The symbolic name of a documented code, or null. */
export declare function nameOf(code: number): string | null;

/** The description of a code: its own for a documented code, its kind's otherwise. */
export declare function descriptionOf(code: number): string;

/**
 * A response body: a string is text (sent as its UTF-8); an ArrayBuffer or a Uint8Array holds
 * the bytes as received (decoded by the library as the SDK's browser would: BOM, UTF-16,
 * invalid UTF-8).
 */
export type ResponseBody = string | ArrayBuffer | Uint8Array;

/** What a successful exchange gives. */
export interface MonacaResponse<T = unknown> {
    /** The result, parsed (JSON.parse) from the text the server sent. */
    readonly result: T;
    /**
     * The session id to keep and send as the next call's __session; null when there is none to
     * keep (no header, an empty or blank one, one holding a control character): keep your own.
     */
    readonly session: string | null;
    /**
     * True after a successful User.logout or User.unregister: forget the session and the login
     * token (`session` and `loginToken` are then null).
     */
    readonly endsSession: boolean;
    /** The `loginToken` of an object result (what User.login answers), as text; or null. */
    readonly loginToken: string | null;
}

/**
 * Resolves once the library's WebAssembly core is loaded in this WebView (then readResponseSync
 * answers); rejects with an Error saying why it cannot be (a Content-Security-Policy without
 * 'unsafe-eval' or 'wasm-unsafe-eval', no WebAssembly). It starts loading with the plugin.
 */
export declare function ready(): Promise<void>;

/**
 * Reads an HTTP exchange with the library, in this WebView (its WebAssembly core: no bridge
 * crossing), or natively where the core cannot load: the called method ('User.login'; null when
 * unknown, which never ends a session), the HTTP status (0 when no response arrived), the body
 * and the `X-Set-Monaca-Cloud-Session` header's value (null or absent without one). Resolves to
 * the result, session, endsSession and loginToken; rejects with the MonacaCloudError (with its
 * `session`), or a TypeError/Error for bad arguments or a native failure. `T` is what the app
 * expects the result to be: it is not checked.
 */
export declare function readResponse<T = unknown>(method: string | null, status: number, body: ResponseBody,
    sessionHeader?: string | null): Promise<MonacaResponse<T>>;

/**
 * readResponse answered at once by the WebAssembly core, once ready() resolved: returns what
 * readResponse resolves to; throws the MonacaCloudError, a TypeError for bad arguments, or an
 * Error while the core is not loaded.
 */
export declare function readResponseSync<T = unknown>(method: string | null, status: number, body: ResponseBody,
    sessionHeader?: string | null): MonacaResponse<T>;

/** readResponse, resolving to the result alone. */
export declare function parseResponse<T = unknown>(method: string | null, status: number, body: ResponseBody,
    sessionHeader?: string | null): Promise<T>;

/** The params of a call: an object (sent as JSON.stringify writes it), JSON text, or none ({}). */
export type MonacaParams = object | string | null | undefined;

/** What every call carries besides its params (the SDK's __api_key, __device and __session). */
export interface MonacaCredentials {
    apiKey: string;
    deviceId: string;
    /** The session kept from an earlier response; null or absent before there is one. */
    session?: string | null;
}

/**
 * The JSON-RPC body of a call, written natively as the SDK writes it (its id is always "1").
 * Rejects with a MonacaArgumentError for a method that is not a dotted name, params that are
 * not one JSON object or that hold __api_key, __device or __session.
 */
export declare function requestBody(method: string, params: MonacaParams, credentials: MonacaCredentials): Promise<string>;

/** The endpoint URL of a backend, written natively; a MonacaArgumentError for a refused id. */
export declare function backendUrl(backendId: string): Promise<string>;

/**
 * Checks an endpoint URL natively (https:// anywhere, http:// on a loopback host only):
 * resolves when accepted, rejects with a MonacaArgumentError (argument 'url') otherwise.
 */
export declare function checkUrl(url: string): Promise<void>;

/** The part of `fetch` that MonacaCloudClient uses (the global fetch is one). */
export type MonacaFetch = (url: string, init: {
    method: 'POST';
    headers: { [name: string]: string };
    body: string;
    redirect: 'manual';
    signal: AbortSignal;
}) => Promise<{
    readonly status: number;
    readonly headers: { get(name: string): string | null };
    /** The body's bytes as fetch decoded them; null for none. */
    readonly body: ReadableStream<Uint8Array> | null;
}>;

interface MonacaCloudClientCommonOptions {
    apiKey: string;
    deviceId: string;
    /** Milliseconds for the whole exchange (connection, head, body) before -11 (30000 when absent). */
    timeoutMs?: number;
    /** The most body bytes read, after decoding (33554432 when absent); beyond, -12. */
    maxBodyBytes?: number;
    /** A session kept from before (e.g. stored by the app), sent with the first call. */
    session?: string | null;
    /** Another fetch than the global one (tests, a polyfill). */
    fetch?: MonacaFetch;
}

/** A backend by its id, or by an endpoint URL of your own (one of the two). */
export type MonacaCloudClientOptions = MonacaCloudClientCommonOptions &
    ({ backendId: string; url?: undefined } | { url: string; backendId?: undefined });

/**
 * A whole call over `fetch`, keeping the session between calls as the library's response says:
 * the body and the URL are written natively, the URL checked natively (http:// for loopback
 * only), the exchange read natively. Never follows a redirect. Rejects with a MonacaCloudError
 * (the server's error; -12, also for a body over `maxBodyBytes`; -13 for a 3xx, another status,
 * or no whole response; -11 after `timeoutMs`), a MonacaArgumentError (a refused url, backendId,
 * method or params) or a TypeError.
 */
export declare class MonacaCloudClient {
    constructor(options: MonacaCloudClientOptions);
    /**
     * The session sent as __session: the last one a response carried (a result's or an error's);
     * null before any, and after a successful User.logout or User.unregister.
     */
    readonly currentSession: string | null;
    /** The last loginToken a result held; null before any, and after a logout. */
    readonly loginToken: string | null;
    readonly timeoutMs: number;
    readonly maxBodyBytes: number;
    call<T = unknown>(method: string, params?: MonacaParams): Promise<T>;
}

/**
 * Makes an error natively. Rejects with a MonacaArgumentError when `dataJson` is not one JSON
 * value (or a TypeError/Error for arguments of the wrong type or a native failure).
 */
export declare function create(code: number, message: string, dataJson?: string | null): Promise<MonacaCloudError>;

/** -11 "Connection timeout", made natively. */
export declare function timeout(): Promise<MonacaCloudError>;

/** -12 "Invalid response" for a body larger than `limit` bytes (the detail names it), made natively. */
export declare function bodyTooLarge(limit: number): Promise<MonacaCloudError>;

export interface CodeDescription {
    readonly code: number;
    readonly kind: MonacaErrorKind;
    readonly name: string | null;
    readonly description: string;
}

/** kindOf, nameOf and descriptionOf in one entry, asked of the native library. */
export declare function describe(code: number): Promise<CodeDescription>;

// What the plugin adds to the app's globals: `cordova.plugins.monacaCloudError`. The `cordova`
// global itself is declared too, so that no other package is needed; each declaration has the
// very shape @types/cordova gives it (`declare var cordova: Cordova`, `Cordova.plugins:
// CordovaPlugins`), so that the two merge when @types/cordova is installed as well.
declare global {
    interface CordovaPlugins {
        monacaCloudError: typeof import('./index');
    }
    interface Cordova {
        plugins: CordovaPlugins;
    }
    var cordova: Cordova;
}
