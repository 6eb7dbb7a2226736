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
    /** From the library's report text (`reportJson` in Kotlin, `reportJSON` in Swift). */
    constructor(report: string);
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
    /** Every message for a parameter over all entries of that name (dotted for nested ones); [] when none. */
    messagesFor(name: string): string[];
    /** The first message for a parameter, or null. */
    firstMessageFor(name: string): string | null;
    toString(): string;
    /** For JSON.stringify: `{code, message, data}`. */
    toJSON(): MonacaErrorJson;
}

/** Why create() refused its input, as the library explains it; `message` is the explanation. */
export declare class MonacaArgumentError extends TypeError {
    /** The argument at fault, as the native side names it. */
    readonly argument: string;
    /** The reason alone ('invalid UTF-8', 'expected a JSON value', ...). */
    readonly reason: string;
    /** The byte offset of the fault in the argument's UTF-8. */
    readonly offset: number;
    /** The 1-based line of a JSON fault in dataJson; 0 otherwise. */
    readonly line: number;
    /** The 1-based column (in characters) of a JSON fault in dataJson; 0 otherwise. */
    readonly column: number;
}

/** The kind of an integer code (TypeError for anything else). */
export declare function kindOf(code: number): MonacaErrorKind;

/** The symbolic name of a documented code, or null. */
export declare function nameOf(code: number): string | null;

/** The description of a code: its own for a documented code, its kind's otherwise. */
export declare function descriptionOf(code: number): string;

/**
 * Classifies an HTTP exchange natively. Resolves to null for a success; rejects with a
 * MonacaCloudError for an error (or a TypeError/Error for bad arguments or a native failure).
 */
export declare function parseResponse(status: number, bodyBase64: string): Promise<null>;

/**
 * Makes an error natively. Rejects with a MonacaArgumentError when `dataJson` is not one JSON
 * value (or a TypeError/Error for arguments of the wrong type or a native failure).
 */
export declare function create(code: number, message: string, dataJson?: string | null): Promise<MonacaCloudError>;

/** -11 "Connection timeout", made natively. */
export declare function timeout(): Promise<MonacaCloudError>;

export interface CodeDescription {
    readonly code: number;
    readonly kind: MonacaErrorKind;
    readonly name: string | null;
    readonly description: string;
}

/** kindOf, nameOf and descriptionOf in one entry, asked of the native library. */
export declare function describe(code: number): Promise<CodeDescription>;

declare global {
    interface CordovaPlugins {
        monacaCloudError: typeof import('./index');
    }
    interface Cordova {
        plugins: CordovaPlugins;
    }
}
