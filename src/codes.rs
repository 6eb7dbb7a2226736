//! The catalogue of Monaca Backend error codes: one table holding each documented code's kind,
//! symbolic name and description, and the rules that give a kind to every other code.

/// The family an error code belongs to, decided from the code alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Any code no rule below covers (kept as it came).
    Unknown,
    /// A code defined by the JSON-RPC 2.0 specification (-32700, -32603, -32602, -32601, -32600).
    JsonRpc,
    /// An implementation-defined server error (-32099 to -32000).
    ServerDefined,
    /// An error made on the client: -13, -12 or -11.
    Client,
    /// A Monaca Cloud API code: 4, 10, 11, 12, 13, 14, -14 or 9999.
    CloudApi,
    /// A user-defined code (10000 and above).
    UserDefined,
}

impl Kind {
    /// A short label: "JSON-RPC", "server-defined", "client", "Cloud API", "user-defined" or
    /// "unknown".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Unknown => "unknown",
            Kind::JsonRpc => "JSON-RPC",
            Kind::ServerDefined => "server-defined",
            Kind::Client => "client",
            Kind::CloudApi => "Cloud API",
            Kind::UserDefined => "user-defined",
        }
    }

    /// The kind's symbol, the same in every face: "UNKNOWN", "JSON_RPC", "SERVER_DEFINED",
    /// "CLIENT", "CLOUD_API" or "USER_DEFINED" (the C enum's names without `MONACA_KIND_`).
    pub fn symbol(self) -> &'static str {
        match self {
            Kind::Unknown => "UNKNOWN",
            Kind::JsonRpc => "JSON_RPC",
            Kind::ServerDefined => "SERVER_DEFINED",
            Kind::Client => "CLIENT",
            Kind::CloudApi => "CLOUD_API",
            Kind::UserDefined => "USER_DEFINED",
        }
    }

    /// Every kind, in the order of the C enum's values (0 to 5).
    pub const ALL: [Kind; 6] = [
        Kind::Unknown,
        Kind::JsonRpc,
        Kind::ServerDefined,
        Kind::Client,
        Kind::CloudApi,
        Kind::UserDefined,
    ];

    /// A short English description of the kind, used for codes that have no entry of their own.
    pub fn description(self) -> &'static str {
        strip_nul(self.description_z())
    }

    pub(crate) fn description_z(self) -> &'static str {
        match self {
            Kind::Unknown => "Unknown error code\0",
            Kind::JsonRpc => "JSON-RPC error\0",
            Kind::ServerDefined => "Implementation-defined server error\0",
            Kind::Client => "Client error\0",
            Kind::CloudApi => "Cloud API error\0",
            Kind::UserDefined => "User-defined error\0",
        }
    }
}

/// One documented code. Its texts are stored with a trailing NUL so that the C ABI can hand
/// them out as they are; the methods return them without it.
#[derive(Debug)]
pub struct CodeInfo {
    pub code: i64,
    pub kind: Kind,
    /// The name of this code's Rust constant (`PERMISSION_DENIED_NEGATIVE` for -14, whose
    /// symbolic name is `PERMISSION_DENIED`): the name the faces' constants take.
    pub constant: &'static str,
    name_z: &'static str,
    description_z: &'static str,
}

impl CodeInfo {
    /// The symbolic name, e.g. `INVALID_PARAMS`.
    pub fn name(&self) -> &'static str {
        strip_nul(self.name_z)
    }

    /// An English description of the code.
    pub fn description(&self) -> &'static str {
        strip_nul(self.description_z)
    }
}

/// Drops the trailing NUL of a NUL-terminated static text.
pub(crate) fn strip_nul(text_z: &'static str) -> &'static str {
    text_z.strip_suffix('\0').unwrap_or(text_z)
}

macro_rules! catalogue {
    ($($constant:ident = $code:expr, $kind:ident, $name:literal, $description:literal;)*) => {
        $(
            #[doc = concat!("`", $name, "`: ", $description, ".")]
            pub const $constant: i64 = $code;
        )*
        /// Every documented code, sorted by code.
        pub static CATALOGUE: &[CodeInfo] = &[
            $(CodeInfo {
                code: $code,
                kind: Kind::$kind,
                constant: stringify!($constant),
                name_z: concat!($name, "\0"),
                description_z: concat!($description, "\0"),
            },)*
        ];
    };
}

catalogue! {
    PARSE_ERROR = -32700, JsonRpc, "PARSE_ERROR", "The server could not parse the JSON it received";
    INTERNAL_ERROR = -32603, JsonRpc, "INTERNAL_ERROR", "Internal JSON-RPC error";
    INVALID_PARAMS = -32602, JsonRpc, "INVALID_PARAMS", "Invalid method parameter(s)";
    METHOD_NOT_FOUND = -32601, JsonRpc, "METHOD_NOT_FOUND", "The method does not exist or is not available";
    INVALID_REQUEST = -32600, JsonRpc, "INVALID_REQUEST", "The request is not a valid Request object";
    PERMISSION_DENIED_NEGATIVE = -14, CloudApi, "PERMISSION_DENIED", "Permission denied";
    INVALID_STATUS_CODE = -13, Client, "INVALID_STATUS_CODE", "The server sent an invalid HTTP status code";
    INVALID_RESPONSE = -12, Client, "INVALID_RESPONSE", "The server sent an invalid response";
    CONNECTION_TIMED_OUT = -11, Client, "CONNECTION_TIMED_OUT", "The server connection timed out";
    API_KEY_INVALID = 4, CloudApi, "API_KEY_INVALID", "Cloud API key or Cloud ID invalid";
    SESSION_ID_INVALID = 10, CloudApi, "SESSION_ID_INVALID", "Session ID format invalid";
    USER_LOGIN_REQUIRED = 11, CloudApi, "USER_LOGIN_REQUIRED", "User login is required";
    DEVICE_ID_REQUIRED = 12, CloudApi, "DEVICE_ID_REQUIRED", "A device ID must be given";
    OPERATION_INVALID = 13, CloudApi, "OPERATION_INVALID", "Invalid operation";
    PERMISSION_DENIED = 14, CloudApi, "PERMISSION_DENIED", "Permission denied";
    CALL_LIMIT_EXCEEDED = 9999, CloudApi, "CALL_LIMIT_EXCEEDED", "Monthly API call limit exceeded";
}

/// The smallest user-defined code.
pub const USER_DEFINED_MIN: i64 = 10000;
/// The implementation-defined server error range of JSON-RPC 2.0.
pub const SERVER_DEFINED_RANGE: std::ops::RangeInclusive<i64> = -32099..=-32000;

/// The catalogue entry of a documented code.
pub fn lookup(code: i64) -> Option<&'static CodeInfo> {
    CATALOGUE
        .binary_search_by_key(&code, |info| info.code)
        .ok()
        .map(|index| &CATALOGUE[index])
}

/// The kind of any code.
pub fn kind_of(code: i64) -> Kind {
    match lookup(code) {
        Some(info) => info.kind,
        None if SERVER_DEFINED_RANGE.contains(&code) => Kind::ServerDefined,
        None if code >= USER_DEFINED_MIN => Kind::UserDefined,
        None => Kind::Unknown,
    }
}

/// The symbolic name of a documented code; user-defined and unknown codes have none.
pub fn name_of(code: i64) -> Option<&'static str> {
    lookup(code).map(CodeInfo::name)
}

/// The description of a code: its own for a documented code, its kind's otherwise.
pub fn description_of(code: i64) -> &'static str {
    strip_nul(description_of_z(code))
}

/// [`name_of`] with a trailing NUL, `"\0"` when there is none.
pub(crate) fn name_of_z(code: i64) -> &'static str {
    lookup(code).map_or("\0", |info| info.name_z)
}

/// [`description_of`] with a trailing NUL.
pub(crate) fn description_of_z(code: i64) -> &'static str {
    match lookup(code) {
        Some(info) => info.description_z,
        None => kind_of(code).description_z(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_sorted_and_unique_so_binary_search_works() {
        assert!(CATALOGUE.windows(2).all(|pair| pair[0].code < pair[1].code));
    }

    #[test]
    fn every_documented_code_has_its_kind_and_name() {
        let expected = [
            (-32700, Kind::JsonRpc, "PARSE_ERROR"),
            (-32603, Kind::JsonRpc, "INTERNAL_ERROR"),
            (-32602, Kind::JsonRpc, "INVALID_PARAMS"),
            (-32601, Kind::JsonRpc, "METHOD_NOT_FOUND"),
            (-32600, Kind::JsonRpc, "INVALID_REQUEST"),
            (-13, Kind::Client, "INVALID_STATUS_CODE"),
            (-12, Kind::Client, "INVALID_RESPONSE"),
            (-11, Kind::Client, "CONNECTION_TIMED_OUT"),
            (4, Kind::CloudApi, "API_KEY_INVALID"),
            (10, Kind::CloudApi, "SESSION_ID_INVALID"),
            (11, Kind::CloudApi, "USER_LOGIN_REQUIRED"),
            (12, Kind::CloudApi, "DEVICE_ID_REQUIRED"),
            (13, Kind::CloudApi, "OPERATION_INVALID"),
            (14, Kind::CloudApi, "PERMISSION_DENIED"),
            (-14, Kind::CloudApi, "PERMISSION_DENIED"),
            (9999, Kind::CloudApi, "CALL_LIMIT_EXCEEDED"),
        ];
        for (code, kind, name) in expected {
            assert_eq!(kind_of(code), kind, "kind of {code}");
            assert_eq!(name_of(code), Some(name), "name of {code}");
            assert!(!description_of(code).is_empty());
        }
        assert_eq!(CATALOGUE.len(), expected.len());
    }

    #[test]
    fn ranges_decide_undocumented_codes() {
        for code in [-32099, -32050, -32000] {
            assert_eq!(kind_of(code), Kind::ServerDefined);
            assert_eq!(name_of(code), None);
        }
        for code in [10000, 10001, i64::MAX] {
            assert_eq!(kind_of(code), Kind::UserDefined);
            assert_eq!(name_of(code), None);
            assert_eq!(description_of(code), "User-defined error");
        }
        for code in [
            i64::MIN,
            -32768,
            -32701,
            -32100,
            -31999,
            -15,
            -10,
            0,
            1,
            5,
            9998,
        ] {
            assert_eq!(kind_of(code), Kind::Unknown, "{code}");
            assert_eq!(name_of(code), None);
        }
    }
}
