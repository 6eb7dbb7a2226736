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

/** The documented codes. */
export declare const Code: Readonly<{
    PARSE_ERROR: -32700;
    INTERNAL_ERROR: -32603;
    INVALID_PARAMS: -32602;
    METHOD_NOT_FOUND: -32601;
    INVALID_REQUEST: -32600;
    INVALID_STATUS_CODE: -13;
    INVALID_RESPONSE: -12;
    CONNECTION_TIMED_OUT: -11;
    API_KEY_INVALID: 4;
    SESSION_ID_INVALID: 10;
    USER_LOGIN_REQUIRED: 11;
    DEVICE_ID_REQUIRED: 12;
    OPERATION_INVALID: 13;
    PERMISSION_DENIED: 14;
    PERMISSION_DENIED_NEGATIVE: -14;
    CALL_LIMIT_EXCEEDED: 9999;
    USER_DEFINED_MIN: 10000;
}>;

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
