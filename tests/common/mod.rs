//! Shared helpers: a real SQLite file in a temporary folder, loaded with the sample meeting.
#![allow(dead_code)]

pub mod pty;

use chrono::{DateTime, TimeZone, Utc};
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::Store;
use std::path::{Path, PathBuf};

pub const SAMPLE_TOML: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-db/sample.toml");
pub const SAMPLE_DB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-db/sample.db");

/// A fixed moment, so timings are exact.
pub fn at(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 18, 1, 0, 0).unwrap() + chrono::Duration::seconds(seconds)
}

/// A temporary folder and a database path inside it.
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meeting.db");
    (dir, path)
}

/// A new database file holding the sample meeting.
pub fn sample_store(path: &Path) -> Store {
    let mut store = Store::create_or_open(path).unwrap();
    shuze::prep::import_file(Path::new(SAMPLE_TOML), &mut store, at(0)).unwrap();
    store
}

/// A session on a fresh copy of the sample meeting.
pub fn sample_session(path: &Path) -> Session {
    Session::open(sample_store(path), None, Lang::Zh, at(0)).unwrap()
}

/// Writes a prep file into `dir` and returns its path.
pub fn write_prep(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The smallest valid prep file.
pub const MINIMAL_PREP: &str = r#"
[meeting]
title = "测试会议"
date = 2026-12-18
chair = "马某"
recorder = "何某"

[[official]]
position = 1
name = "张某"
unit = "某某镇"
post = "党委书记"
report_minutes = 8

[[official.question]]
asker = "某某"
text = "采取了哪些行动？"
"#;
