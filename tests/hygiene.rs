//! No test sleeps a fixed time: tests wait for a condition with a deadline
//! (`common::eventually`, `wait_until`, `Console::wait_for`). The only sleeps in `tests/`
//! are the poll interval inside `eventually` and `pace`, the named pause for tests whose
//! subject is a time (a typist's pace, the moment of a power cut); a sleep anywhere else
//! fails here with the file and line.

use std::path::{Path, PathBuf};

/// Where a sleep may stand: the file (under `tests/`) and the function around it.
const ALLOWED: &[(&str, &str)] = &[("common/mod.rs", "eventually"), ("common/mod.rs", "pace")];

/// What a sleep looks like in Rust.
const SLEEP: &str = concat!("sle", "ep(");

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

/// The name of the function a line belongs to: the last `fn NAME` above it.
fn function_of(line: &str) -> Option<&str> {
    let at = line.find("fn ")?;
    let before = &line[..at];
    let starts = before.trim().is_empty() || before.trim_end().ends_with("pub");
    let name = line[at + 3..].split(['(', '<', ' ']).next()?;
    starts.then_some(name)
}

/// Each fixed sleep in the test sources: `file:line: text`.
fn fixed_sleeps(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for path in files(root) {
        let relative = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut function = "";
        for (number, line) in text.lines().enumerate() {
            if let Some(name) = function_of(line) {
                function = name;
            }
            let code = line.split("//").next().unwrap_or_default();
            if !code.contains(SLEEP) {
                continue;
            }
            if ALLOWED.contains(&(relative.as_str(), function)) {
                continue;
            }
            found.push(format!("tests/{relative}:{}: {}", number + 1, line.trim()));
        }
    }
    found
}

#[test]
fn no_test_sleeps_a_fixed_time() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let found = fixed_sleeps(&root);
    assert!(
        found.is_empty(),
        "fixed sleeps in tests (wait for a condition with a deadline: common::eventually, \
         wait_until, Console::wait_for; a time that is the test's subject: common::pace):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_a_sleep_outside_the_helpers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("common")).unwrap();
    let sleep = concat!("std::thread::sle", "ep(Duration::from_millis(150));");
    std::fs::write(
        dir.path().join("common/mod.rs"),
        format!("pub fn pace(time: Duration) {{\n    {sleep}\n}}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("slow.rs"),
        format!("fn a_test() {{\n    // a comment may say {sleep}\n    {sleep}\n}}\n"),
    )
    .unwrap();
    let found = fixed_sleeps(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("tests/slow.rs:3:"), "{found:?}");
}
