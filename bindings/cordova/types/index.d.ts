// Type declarations for cordova-plugin-monaca-cloud-error (www/monaca-cloud-error.js).
// In a Cordova app the module is at `cordova.plugins.monacaCloudError`; bundlers can also
// import it from 'cordova-plugin-monaca-cloud-error'.

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

/** The validation messages of one parameter (-32602 only); nested names are dotted. */
export interface MonacaParam {
    readonly name: string;
    readonly messages: readonly string[];
}

/** JSON text as the server sent it, parsed. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A Monaca Backend error, compatible with `Monaca.cloud.Error`: own enumerable properties
 * `code`, `message` and `data` (`{}` when absent).
 *
 * At run time it is a subclass of `Error` (`instanceof Error`, with a `stack`). It is not
 * declared so here because its `name` is the code's symbolic name or null, which TypeScript
 * does not allow for an `Error` subclass (whose `name` must be a string).
 */
export declare class MonacaCloudError {
    constructor(code: number, message: string, data?: JsonValue);
    readonly code: number;
    readonly message: string;
    readonly data: JsonValue;
    /** The family of `code`. */
    readonly kind: MonacaErrorKind;
    /** The symbolic name of a documented code ('INVALID_PARAMS'), null otherwise. */
    readonly name: string | null;
    /** Validation messages in the server's order (only for -32602 with object data). */
    readonly params: readonly MonacaParam[];
    /** Why a client error (-12, -13) was made, when it came from native code; else null. */
    readonly detail: string | null;
    readonly stack?: string;
    /** Every message for a parameter (dotted name for nested ones); [] when none. */
    messagesFor(param: string): string[];
    toString(): string;
}

/** The symbolic name of a documented code, or null. */
export declare function nameOf(code: number): string | null;

export declare function kindOf(code: number): MonacaErrorKind;

/**
 * An error from the library's JSON form (a string, or the object parsed from it); null for
 * 'null' (a success). Throws SyntaxError / TypeError for anything else.
 */
export declare function fromNative(json: string | object | null, detail?: string | null): MonacaCloudError | null;

/** -11 "Connection timeout". */
export declare function timeout(): MonacaCloudError;

/**
 * Classifies an HTTP exchange natively. Resolves to null for a success response; rejects with
 * a MonacaCloudError for an error response (or a TypeError/Error for bad arguments or a native
 * failure).
 */
export declare function parseResponse(status: number, bodyBase64: string): Promise<null>;

export interface CodeDescription {
    readonly code: number;
    readonly kind: MonacaErrorKind;
    readonly name: string | null;
    readonly description: string;
}

/** The native library's catalogue entry for a code. */
export declare function describe(code: number): Promise<CodeDescription>;

declare global {
    interface CordovaPlugins {
        monacaCloudError: typeof import('./index');
    }
    interface Cordova {
        plugins: CordovaPlugins;
    }
}
