//! The documentation a newcomer follows: every relative link of the README, of `docs/*.md` and
//! of the bindings' READMEs leads somewhere (a file or folder of the repository, and a heading
//! of it when the link names one), and the README shows the two commands.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown files whose links are checked, relative to the repository.
fn documents() -> Vec<PathBuf> {
    let root = root();
    let mut files = vec![PathBuf::from("README.md")];
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .map(|path| path.strip_prefix(&root).unwrap().to_owned())
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "docs/ has no page");
    files.extend(pages);
    for face in ["android", "cordova", "ios"] {
        files.push(PathBuf::from(format!("bindings/{face}/README.md")));
    }
    files
}

/// The lines of `text` outside fenced code blocks, with their line numbers (1-based).
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut in_fence = false;
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence {
            lines.push((index + 1, line));
        }
    }
    lines
}

/// `line` without its inline code spans (`` `...` ``), where brackets are not links.
fn without_code(line: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for c in line.chars() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code {
            out.push(c);
        }
    }
    out
}

/// The targets of the inline links `[text](target)` and reference definitions `[x]: target`
/// of one line.
fn link_targets(line: &str) -> Vec<String> {
    let line = without_code(line);
    let mut targets = Vec::new();
    let trimmed = line.trim_start();
    if trimmed.starts_with('[') {
        if let Some(end) = trimmed
            .find("]:")
            .filter(|&end| !trimmed[1..end].contains(']'))
        {
            let target = trimmed[end + 2..].split_whitespace().next().unwrap_or("");
            targets.push(target.to_owned());
        }
    }
    let mut rest = line.as_str();
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else { break };
        let target = after[..end].split_whitespace().next().unwrap_or("");
        targets.push(target.trim_matches(['<', '>']).to_owned());
        rest = &after[end..];
    }
    targets
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a Markdown file's headings (a repeated heading gets `-1`, `-2`, ...).
fn anchors(text: &str) -> HashSet<String> {
    let mut found = HashSet::new();
    for (_, line) in prose_lines(text) {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if hashes == 0 || hashes > 6 || !line[hashes..].starts_with(' ') {
            continue;
        }
        let base = slug(&line[hashes..]);
        let mut anchor = base.clone();
        let mut count = 0;
        while found.contains(&anchor) {
            count += 1;
            anchor = format!("{base}-{count}");
        }
        found.insert(anchor);
    }
    found
}

/// Why a relative link of `document` leads nowhere, or None when it resolves.
fn broken(document: &Path, target: &str) -> Option<String> {
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let file = if path.is_empty() {
        root().join(document)
    } else {
        root().join(document).parent().unwrap().join(path)
    };
    if !file.exists() {
        return Some(format!("{} does not exist", file.display()));
    }
    let anchor = anchor?;
    if !file.extension().is_some_and(|ext| ext == "md") {
        return None;
    }
    let text = std::fs::read_to_string(&file).unwrap();
    if anchors(&text).contains(anchor) {
        None
    } else {
        Some(format!("{} has no heading #{anchor}", file.display()))
    }
}

/// A scheme (`https:`, `mailto:`) makes a link absolute: those are not checked here.
fn is_relative(target: &str) -> bool {
    let scheme_end = target.find(':');
    let path_start = target.find(['/', '#']);
    !target.is_empty()
        && match (scheme_end, path_start) {
            (Some(colon), Some(slash)) => slash < colon,
            (Some(_), None) => false,
            (None, _) => true,
        }
}

/// Every broken relative link of `documents`, as `file:line: target: why`.
fn broken_links(documents: &[PathBuf]) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut faults = Vec::new();
    for document in documents {
        let text = std::fs::read_to_string(root().join(document))
            .unwrap_or_else(|error| panic!("{}: {error}", document.display()));
        for (number, line) in prose_lines(&text) {
            for target in link_targets(line).into_iter().filter(|t| is_relative(t)) {
                checked += 1;
                if let Some(why) = broken(document, &target) {
                    faults.push(format!("{}:{number}: {target}: {why}", document.display()));
                }
            }
        }
    }
    (checked, faults)
}

#[test]
fn every_relative_link_resolves() {
    let documents = documents();
    let (checked, faults) = broken_links(&documents);
    assert!(
        checked >= 20,
        "only {checked} relative links found: the scan is broken"
    );
    assert!(faults.is_empty(), "broken links:\n{}", faults.join("\n"));
}

#[test]
fn the_link_reader_sees_links_and_anchors() {
    assert_eq!(
        link_targets("see [a](docs/a.md#x) and [b](<b c.md>) but not `[c](d)`"),
        ["docs/a.md#x", "b"]
    );
    assert_eq!(link_targets("[ref]: docs/ref.md"), ["docs/ref.md"]);
    assert_eq!(
        slug(" Failure type: `MonacaArgumentError`"),
        "failure-type-monacaargumenterror"
    );
    assert_eq!(
        slug(" A Backend call, end to end"),
        "a-backend-call-end-to-end"
    );
    let found = anchors("# T\n## Use\n```\n## not a heading\n```\n## Use\n");
    let expected: HashSet<String> = ["t", "use", "use-1"].map(String::from).into();
    assert_eq!(found, expected);
    assert!(is_relative("docs/api.md") && is_relative("#install") && is_relative("../LICENSE"));
    assert!(!is_relative("https://github.com/x") && !is_relative("mailto:a@b"));
    // A missing file and a missing heading are both found.
    let readme = Path::new("README.md");
    assert!(broken(readme, "docs/no-such-page.md").is_some());
    assert!(broken(readme, "docs/api.md#no-such-heading").is_some());
    assert!(broken(readme, "docs/api.md#the-report").is_none());
}

#[test]
fn readme_shows_the_two_commands() {
    // What the main job prints is compared with README's copy in tests/cli.rs (which runs it).
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let main_job = "cargo run --release --bin monaca-error -- tests/fixtures/invalid-params.json";
    assert!(readme.contains(&format!("```sh\n{main_job}\n```")));
    assert!(readme.contains("```sh\nbash scripts/test-all.sh\n```"));
}
