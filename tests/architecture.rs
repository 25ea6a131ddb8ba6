//! Dependencies point one way: domain ← storage, prep, export ← app ← ui ← the faces (the
//! terminal loop, the audience view, the command line). Each module may name only the
//! modules listed for it; a `use crate::…` against the direction fails this test with the
//! file and line. (Run by `cargo test`, so CI keeps the house one-way.)

use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and the modules of ours it may name.
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("messages", &[]),
    ("clean", &[]),
    ("files", &["messages"]),
    ("source", &[]),
    ("view", &["domain"]),
    ("labels", &["domain", "messages"]),
    ("storage", &["domain", "view", "files", "messages"]),
    ("rescue", &["domain", "view", "files", "clean", "storage"]),
    (
        "prep",
        &[
            "domain", "view", "storage", "clean", "source", "labels", "files", "messages",
        ],
    ),
    (
        "export",
        &[
            "domain", "view", "storage", "labels", "files", "clean", "messages",
        ],
    ),
    ("lock", &["domain", "storage", "files", "messages"]),
    ("room_local", &["domain", "files"]),
    ("demo", &["domain", "view", "storage"]),
    ("app", &["domain", "view", "labels", "clean"]),
    (
        "ui",
        &["domain", "view", "labels", "app", "source", "messages"],
    ),
    (
        "session",
        &[
            "domain", "view", "labels", "app", "storage", "export", "rescue", "files",
        ],
    ),
    (
        "tui",
        &[
            "app",
            "session",
            "ui",
            "files",
            "storage",
            "messages",
            "room_local",
        ],
    ),
    (
        "present",
        &[
            "domain",
            "view",
            "labels",
            "app",
            "storage",
            "session",
            "tui",
            "ui",
            "lock",
            "room_local",
            "files",
        ],
    ),
    (
        "cli",
        &[
            "domain", "view", "labels", "app", "storage", "session", "tui", "ui", "present",
            "prep", "export", "lock", "files", "clean", "demo", "messages",
        ],
    ),
    ("lib", &[]),
    ("main", &[]),
];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top-level module a file belongs to: `src/app/update.rs` → `app`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    Path::new(first)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// Every `crate::NAME` (and `crate::{A, B::…}`) the code names, with its line; comments
/// are left out.
fn named_modules(text: &str) -> Vec<(usize, String)> {
    let code: String = text
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let line = code[..at].matches('\n').count() + 1;
        let rest = &code[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => top_level(group),
            None => vec![rest],
        };
        for name in names {
            let name: String = name
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((line, name));
            }
        }
    }
    found
}

/// The items of a `{…}` group at its own level (`app::{A, B}, storage::S}` gives `app::…`
/// and `storage::S`): nested groups are skipped whole.
fn top_level(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(group[start..at].trim());
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(group[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    items
}

#[test]
fn every_module_names_only_the_modules_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut against = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        let allowed = ALLOWED
            .iter()
            .find(|(name, _)| *name == module)
            .unwrap_or_else(|| panic!("{module} ({}) has no rule in ALLOWED", file.display()))
            .1;
        let text = std::fs::read_to_string(file).unwrap();
        for (line, named) in named_modules(&text) {
            if named != module && !allowed.contains(&named.as_str()) {
                against.push(format!(
                    "{}:{line}: {module} names {named}",
                    file.strip_prefix(&src).unwrap().display(),
                ));
            }
        }
    }
    println!(
        "dependency rule: {} files checked, {} against the direction",
        files.len(),
        against.len()
    );
    assert!(against.is_empty(), "{}", against.join("\n"));
}

#[test]
fn the_rule_catches_a_dependency_against_the_direction() {
    let named = named_modules(
        "use crate::storage::Store; // crate::ui in a comment\nuse crate::{app::Console,\n ui};",
    );
    let names: Vec<&str> = named.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["storage", "app", "ui"]);
    assert_eq!(named[1].0, 2, "the line of the group");
    let app = ALLOWED.iter().find(|(m, _)| *m == "app").unwrap().1;
    assert!(!app.contains(&"storage") && !app.contains(&"ui"));
    let labels = ALLOWED.iter().find(|(m, _)| *m == "labels").unwrap().1;
    assert!(!labels.contains(&"app"));
}

/// Parts of a module a face may not name at all, with why: the audience view holds the
/// meeting's snapshot and the room's own record, never the recorder's state.
const NOT_NAMED: &[(&str, &[&str], &str)] = &[(
    "present",
    &[
        "Console",
        "Recorder",
        "SaveHealth",
        "ResumePoint",
        "console_state",
        "recorder",
    ],
    "the audience view builds no recorder state",
)];

/// Each word of the code (comments left out) that is one of `names`, with its line.
fn words_named(text: &str, names: &[&str]) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (at, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        for word in code.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            if names.contains(&word) {
                found.push((at + 1, word.to_string()));
            }
        }
    }
    found
}

#[test]
fn the_audience_view_names_nothing_of_the_recorders_state() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut against = Vec::new();
    let mut checked = 0;
    for file in &files {
        let module = module_of(&src, file);
        let Some((_, names, why)) = NOT_NAMED.iter().find(|(m, _, _)| *m == module) else {
            continue;
        };
        checked += 1;
        let text = std::fs::read_to_string(file).unwrap();
        for (line, word) in words_named(&text, names) {
            against.push(format!(
                "{}:{line}: {module} names {word} ({why})",
                file.strip_prefix(&src).unwrap().display(),
            ));
        }
    }
    assert!(checked > 0, "no file of {NOT_NAMED:?} found");
    assert!(against.is_empty(), "{}", against.join("\n"));
}

#[test]
fn the_rule_catches_a_name_of_the_recorders_state() {
    let names = NOT_NAMED[0].1;
    let found = words_named(
        "// a Console in a comment\nuse crate::app::{Console, Snapshot};\nlet r = c.recorder.mode;",
        names,
    );
    assert_eq!(
        found,
        [(2, "Console".to_string()), (3, "recorder".to_string())]
    );
}
