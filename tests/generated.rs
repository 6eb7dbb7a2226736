//! The files generated from the library's own sources, committed so that every face builds
//! without running Rust, and checked here for staleness:
//!
//! - `include/monaca_cloud_error.h`, by cbindgen from `src/ffi.rs` (`scripts/rust/header.rs`,
//!   shared with the build script, which writes it only with `--features generate-header`:
//!   consumers and cross-builds for phones never compile cbindgen);
//! - the code catalogue of every face, from `src/codes.rs` (the one catalogue): the C
//!   constants in `src/ffi.rs`, Kotlin's `MonacaCloudError` constants, Swift's
//!   `MonacaCloudError.Code`, the JavaScript `Code` and `CATALOGUE` and the TypeScript `Code`,
//!   each between the lines `BEGIN GENERATED CATALOGUE` and `END GENERATED CATALOGUE`.
//!
//! - the face table and the call table of the bindings' READMEs, copied from `docs/api.md` and
//!   `docs/calls.md` (between `BEGIN FACE TABLE` and `END FACE TABLE`, and likewise `CALL
//!   TABLE`).
//!
//! - the Cordova plugin's copies of the wrappers, the JNI shim, the header, the R8 rules, LICENSE
//!   and CHANGELOG.md (`bindings/cordova/src/...`: `plugin.xml` finds them inside the plugin, so
//!   a git checkout or an npm tarball installs without a staging step), and plugin.xml's list
//!   of the wrapper files;
//! - the version and repository of `Cargo.toml` (the one place of both) in the plugin's
//!   `package.json` and `plugin.xml`, in the podspec and in the root `Package.swift`, and the C ABI version the Kotlin
//!   wrapper expects (`CHANGELOG.md` must have a section for the version).
//!
//! `MONACA_UPDATE_GENERATED=1 cargo test --test generated` (or `scripts/update-generated.sh`)
//! rewrites them; otherwise a stale file fails the test.

#[path = "../scripts/rust/header.rs"]
mod header;

use monaca_cloud_error::codes::{self, CodeInfo, CATALOGUE};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn updating() -> bool {
    std::env::var_os("MONACA_UPDATE_GENERATED").is_some_and(|v| v == "1")
}

/// One line of documentation for a code: `-32602 INVALID_PARAMS: Invalid method parameter(s).`
fn doc(info: &CodeInfo) -> String {
    format!("{} {}: {}.", info.code, info.name(), info.description())
}

const USER_DEFINED_DOC: &str = "The smallest user-defined code: 10000 and above are the app's own.";

/// A JSON string literal (valid in JavaScript too).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// `PERMISSION_DENIED_NEGATIVE` -> `permissionDeniedNegative`; `SESSION_ID_INVALID` ->
/// `sessionIDInvalid` (Swift's convention keeps the initialism ID whole).
fn swift_name(constant: &str) -> String {
    let mut name = String::new();
    for (index, word) in constant.split('_').enumerate() {
        let word = word.to_ascii_lowercase();
        if index == 0 {
            name.push_str(&word);
        } else if word == "id" {
            name.push_str("ID");
        } else {
            name.push_str(&word[..1].to_ascii_uppercase());
            name.push_str(&word[1..]);
        }
    }
    name
}

fn kind_symbol(info: &CodeInfo) -> &'static str {
    info.kind.symbol()
}

fn c_constants() -> Vec<String> {
    let mut lines = Vec::new();
    for info in CATALOGUE {
        lines.push(format!("/// {}", doc(info)));
        lines.push(format!(
            "pub const MONACA_CODE_{}: i64 = {};",
            info.constant, info.code
        ));
    }
    lines.push(format!("/// {USER_DEFINED_DOC}"));
    lines.push(format!(
        "pub const MONACA_CODE_USER_DEFINED_MIN: i64 = {};",
        codes::USER_DEFINED_MIN
    ));
    lines
}

fn kotlin_constants() -> Vec<String> {
    let mut lines = Vec::new();
    for info in CATALOGUE {
        lines.push(format!("/** {} */", doc(info)));
        lines.push(format!(
            "const val {}: Long = {}L",
            info.constant, info.code
        ));
    }
    lines.push(format!("/** {USER_DEFINED_DOC} */"));
    lines.push(format!(
        "const val USER_DEFINED_MIN: Long = {}L",
        codes::USER_DEFINED_MIN
    ));
    lines
}

fn swift_constants() -> Vec<String> {
    let mut lines = Vec::new();
    for info in CATALOGUE {
        lines.push(format!("/// {}", doc(info)));
        lines.push(format!(
            "public static let {}: Int64 = {}",
            swift_name(info.constant),
            info.code
        ));
    }
    lines.push(format!("/// {USER_DEFINED_DOC}"));
    lines.push(format!(
        "public static let userDefinedMin: Int64 = {}",
        codes::USER_DEFINED_MIN
    ));
    lines
}

fn javascript_tables() -> Vec<String> {
    let mut lines = vec![
        "/** The documented codes, generated from the library's catalogue (src/codes.rs). */"
            .into(),
        "var Code = Object.freeze({".into(),
    ];
    for info in CATALOGUE {
        lines.push(format!(
            "    {}: {}, // {}",
            info.constant,
            info.code,
            doc(info)
        ));
    }
    lines.push(format!("    USER_DEFINED_MIN: {}", codes::USER_DEFINED_MIN));
    lines.push("});".into());
    lines.push(String::new());
    lines.push("// code -> [kind, name, description] for every documented code.".into());
    lines.push("var CATALOGUE = new Map([".into());
    for (index, info) in CATALOGUE.iter().enumerate() {
        let comma = if index + 1 < CATALOGUE.len() { "," } else { "" };
        lines.push(format!(
            "    [{}, [Kind.{}, {}, {}]]{comma}",
            info.code,
            kind_symbol(info),
            quoted(info.name()),
            quoted(info.description())
        ));
    }
    lines.push("]);".into());
    lines.push(String::new());
    lines.push("// What the catalogue says of codes it does not list (src/codes.rs).".into());
    let range = codes::SERVER_DEFINED_RANGE;
    lines.push(format!(
        "var SERVER_DEFINED_RANGE = Object.freeze([{}, {}]);",
        range.start(),
        range.end()
    ));
    let mut descriptions = String::from("var KIND_DESCRIPTIONS = Object.freeze({ ");
    for (index, kind) in codes::Kind::ALL.iter().enumerate() {
        if index > 0 {
            descriptions.push_str(", ");
        }
        let _ = write!(
            descriptions,
            "{}: {}",
            kind.symbol(),
            quoted(kind.description())
        );
    }
    descriptions.push_str(" });");
    lines.push(descriptions);
    lines
}

fn typescript_code() -> Vec<String> {
    let mut lines = vec![
        "/** The documented codes, generated from the library's catalogue (src/codes.rs). */"
            .into(),
        "export declare const Code: Readonly<{".into(),
    ];
    for info in CATALOGUE {
        lines.push(format!("    /** {} */", doc(info)));
        lines.push(format!("    {}: {};", info.constant, info.code));
    }
    lines.push(format!("    /** {USER_DEFINED_DOC} */"));
    lines.push(format!(
        "    USER_DEFINED_MIN: {};",
        codes::USER_DEFINED_MIN
    ));
    lines.push("}>;".into());
    lines
}

/// The lines between the `BEGIN <what>` and `END <what>` markers of `text`.
fn region<'t>(text: &'t str, what: &str, path: &Path) -> Vec<&'t str> {
    let lines: Vec<&str> = text.lines().collect();
    let (begin, end) = markers(&lines, what, path);
    lines[begin + 1..end].to_vec()
}

/// The indexes of the `BEGIN <what>` and `END <what>` lines.
fn markers(lines: &[&str], what: &str, path: &Path) -> (usize, usize) {
    let find = |marker: String| {
        lines
            .iter()
            .position(|line| line.contains(&marker))
            .unwrap_or_else(|| panic!("{} has no {marker} line", path.display()))
    };
    let (begin, end) = (find(format!("BEGIN {what}")), find(format!("END {what}")));
    assert!(begin < end, "{}: markers out of order", path.display());
    (begin, end)
}

/// `text` with the lines between its BEGIN and END `what` markers replaced by `body`, indented
/// as the BEGIN marker is.
fn with_region(text: &str, what: &str, body: &[String], path: &Path) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let (begin, end) = markers(&lines, what, path);
    let indent: String = lines[begin]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    let mut out: String = lines[..=begin].concat();
    for line in body {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    out.push_str(&lines[end..].concat());
    out
}

/// Checks (or, when updating, writes) one generated file; returns a complaint when stale.
fn check(path: &Path, generated: &str) -> Option<String> {
    let committed =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    if committed == generated {
        return None;
    }
    if updating() {
        std::fs::write(path, generated).unwrap();
        println!("updated {}", path.display());
        return None;
    }
    Some(format!("{} is stale", path.display()))
}

#[test]
fn generated_files_are_up_to_date() {
    let root = root();
    let regions: [(&str, Vec<String>); 5] = [
        ("src/ffi.rs", c_constants()),
        (
            "bindings/android/kotlin/src/dev/cloudrpc/monaca/MonacaCloudError.kt",
            kotlin_constants(),
        ),
        (
            "bindings/ios/Sources/MonacaCloudError/MonacaCloudError.swift",
            swift_constants(),
        ),
        (
            "bindings/cordova/www/monaca-cloud-error.js",
            javascript_tables(),
        ),
        ("bindings/cordova/types/index.d.ts", typescript_code()),
    ];
    let mut stale = Vec::new();
    for (file, body) in &regions {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let generated = with_region(&text, "GENERATED CATALOGUE", body, &path);
        stale.extend(check(&path, &generated));
    }
    // The tables of docs/ (their one source), copied into each binding's README.
    for (what, source, rows) in [
        ("FACE TABLE", "docs/api.md", 20),
        ("CALL TABLE", "docs/calls.md", 10),
    ] {
        let source = root.join(source);
        let source_text = std::fs::read_to_string(&source).unwrap();
        let table: Vec<String> = region(&source_text, what, &source)
            .into_iter()
            .map(str::to_owned)
            .collect();
        assert!(
            table.len() > rows,
            "{}'s {what} looks empty",
            source.display()
        );
        for face in ["android", "cordova", "ios"] {
            let path = root.join(format!("bindings/{face}/README.md"));
            let text = std::fs::read_to_string(&path).unwrap();
            stale.extend(check(&path, &with_region(&text, what, &table, &path)));
        }
    }
    // The header last: cbindgen reads src/ffi.rs as it is now on disk.
    let header = header::generate(&root);
    stale.extend(check(&root.join("include/monaca_cloud_error.h"), &header));
    assert!(
        stale.is_empty(),
        "{}: run scripts/update-generated.sh and commit the result",
        stale.join(", ")
    );
}

#[test]
fn swift_names_follow_the_wrappers_convention() {
    assert_eq!(swift_name("PARSE_ERROR"), "parseError");
    assert_eq!(swift_name("SESSION_ID_INVALID"), "sessionIDInvalid");
    assert_eq!(swift_name("API_KEY_INVALID"), "apiKeyInvalid");
    assert_eq!(
        swift_name("PERMISSION_DENIED_NEGATIVE"),
        "permissionDeniedNegative"
    );
}

/// The plugin's copies: (source, copy), files or whole folders (a folder's copy holds exactly its
/// files).
const PLUGIN_COPIES: [(&str, &str); 9] = [
    (
        "bindings/android/kotlin/src/dev/cloudrpc/monaca",
        "bindings/cordova/src/android/wrapper",
    ),
    (
        "bindings/ios/Sources/MonacaCloudError",
        "bindings/cordova/src/ios/wrapper",
    ),
    (
        "bindings/android/jni/CMakeLists.txt",
        "bindings/cordova/src/android/jni/CMakeLists.txt",
    ),
    (
        "bindings/android/jni/monaca_jni.c",
        "bindings/cordova/src/android/jni/monaca_jni.c",
    ),
    (
        "bindings/android/jni/exports.map",
        "bindings/cordova/src/android/jni/exports.map",
    ),
    (
        "include/monaca_cloud_error.h",
        "bindings/cordova/src/android/jni/monaca_cloud_error.h",
    ),
    (
        "bindings/android/proguard-rules.pro",
        "bindings/cordova/src/android/proguard-rules.pro",
    ),
    ("LICENSE", "bindings/cordova/LICENSE"),
    ("CHANGELOG.md", "bindings/cordova/CHANGELOG.md"),
];

/// The file names in a folder, sorted.
fn file_names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Checks (or, when updating, writes) one copied file; returns a complaint when stale.
fn check_copy(source: &Path, copy: &Path) -> Option<String> {
    let wanted =
        std::fs::read(source).unwrap_or_else(|error| panic!("{}: {error}", source.display()));
    if std::fs::read(copy).ok().as_deref() == Some(&wanted[..]) {
        return None;
    }
    if updating() {
        std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
        std::fs::write(copy, &wanted).unwrap();
        println!("updated {}", copy.display());
        return None;
    }
    Some(format!(
        "{} is not a copy of {}",
        copy.display(),
        source.display()
    ))
}

/// `text` with the value between the first `before` and the next `after` set to `value`.
fn with_value(text: &str, before: &str, after: &str, value: &str, path: &Path) -> String {
    let start = text
        .find(before)
        .unwrap_or_else(|| panic!("{}: no {before:?}", path.display()))
        + before.len();
    let end = start
        + text[start..]
            .find(after)
            .unwrap_or_else(|| panic!("{}: no {after:?} after {before:?}", path.display()));
    format!("{}{value}{}", &text[..start], &text[end..])
}

/// `key = "value"` of Cargo.toml's [package].
fn cargo_field(key: &str) -> String {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let line = manifest
        .lines()
        .find(|line| line.starts_with(&format!("{key} = \"")))
        .unwrap_or_else(|| panic!("Cargo.toml has no {key}"));
    line.split('"').nth(1).unwrap().to_owned()
}

#[test]
fn plugin_copies_versions_and_abi_are_up_to_date() {
    let root = root();
    let mut stale = Vec::new();
    for (source, copy) in PLUGIN_COPIES {
        let (source, copy) = (root.join(source), root.join(copy));
        if !source.is_dir() {
            stale.extend(check_copy(&source, &copy));
            continue;
        }
        let names = file_names(&source);
        for name in &names {
            stale.extend(check_copy(&source.join(name), &copy.join(name)));
        }
        for extra in file_names(&copy)
            .into_iter()
            .filter(|name| !names.contains(name))
        {
            if updating() {
                std::fs::remove_file(copy.join(&extra)).unwrap();
                println!("removed {}", copy.join(&extra).display());
            } else {
                stale.push(format!("{} has no source", copy.join(&extra).display()));
            }
        }
    }

    // plugin.xml names every wrapper file, and no other.
    let plugin_xml = root.join("bindings/cordova/plugin.xml");
    let xml = std::fs::read_to_string(&plugin_xml).unwrap();
    for folder in ["src/android/wrapper/", "src/ios/wrapper/"] {
        let mut listed: Vec<&str> = xml
            .split(&format!("src=\"{folder}"))
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        listed.sort_unstable();
        let files = file_names(&root.join("bindings/cordova").join(folder));
        assert_eq!(
            listed, files,
            "plugin.xml must have one <source-file src=\"{folder}...\"> per file of that folder"
        );
    }

    // The version and the repository, from Cargo.toml.
    let version = cargo_field("version");
    let repository = cargo_field("repository");
    let package_json = root.join("bindings/cordova/package.json");
    let text = std::fs::read_to_string(&package_json).unwrap();
    let text = with_value(&text, "\"version\": \"", "\"", &version, &package_json);
    let text = with_value(
        &text,
        "\"url\": \"git+",
        ".git\"",
        &repository,
        &package_json,
    );
    let text = with_value(
        &text,
        "\"bugs\": {\n    \"url\": \"",
        "/issues\"",
        &repository,
        &package_json,
    );
    stale.extend(check(&package_json, &text));
    let text = with_value(
        &xml,
        "id=\"cordova-plugin-monaca-cloud-error\"\n        version=\"",
        "\"",
        &version,
        &plugin_xml,
    );
    stale.extend(check(&plugin_xml, &text));
    let podspec = root.join("bindings/ios/MonacaCloudError.podspec");
    let text = std::fs::read_to_string(&podspec).unwrap();
    let text = with_value(&text, "s.version           = '", "'", &version, &podspec);
    let text = with_value(&text, "s.homepage          = '", "'", &repository, &podspec);
    let text = with_value(
        &text,
        "s.source            = { :http => \"",
        "/releases/",
        &repository,
        &podspec,
    );
    stale.extend(check(&podspec, &text));
    let manifest = root.join("Package.swift");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let text = with_value(&text, "let version = \"", "\"", &version, &manifest);
    let text = with_value(
        &text,
        "\n            url: \"",
        "/releases/",
        &repository,
        &manifest,
    );
    let text = with_value(&text, ".package(url: \"", "\"", &repository, &manifest);
    stale.extend(check(&manifest, &text));
    let changelog = std::fs::read_to_string(root.join("CHANGELOG.md")).unwrap();
    assert!(
        changelog
            .lines()
            .any(|line| line.starts_with(&format!("## {version} "))),
        "CHANGELOG.md has no section \"## {version} ...\""
    );

    // The C ABI version the Kotlin wrapper (and so its JNI shim) expects.
    let native_kt = root.join("bindings/android/kotlin/src/dev/cloudrpc/monaca/MonacaNative.kt");
    let text = std::fs::read_to_string(&native_kt).unwrap();
    let abi = monaca_cloud_error::ffi::MONACA_ABI_VERSION.to_string();
    let text = with_value(
        &text,
        "const val EXPECTED_ABI_VERSION: Long = ",
        "\n",
        &abi,
        &native_kt,
    );
    stale.extend(check(&native_kt, &text));

    assert!(
        stale.is_empty(),
        "{}: run scripts/update-generated.sh and commit the result",
        stale.join(", ")
    );
}
