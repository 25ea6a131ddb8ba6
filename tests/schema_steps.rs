//! A schema that cannot drift: each migration step applied to a file is recorded with the
//! SHA-256 of its text, and a file made by a build whose step differs is refused by every
//! command, naming the step, and left as it was.

mod common;

use common::*;
use shuze::storage::{StorageError, Store, schema_steps, steps};
use std::process::Command;

fn recorded(path: &std::path::Path) -> Vec<(i64, String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT step, sha256, how FROM schema_step ORDER BY step")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_new_file_records_every_step_it_was_built_with() {
    let (_dir, path) = temp_db();
    drop(sample_store(&path));
    let rows = recorded(&path);
    assert_eq!(rows.len(), schema_steps().len());
    for (step, sum, how) in rows {
        assert_eq!(sum, steps::sum(schema_steps()[(step - 1) as usize]));
        assert_eq!(how, "applied");
    }
}

#[test]
fn an_older_file_records_its_earlier_steps_as_before_and_the_rest_as_applied() {
    let (_dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for step in &schema_steps()[..5] {
            conn.execute_batch(step).unwrap();
        }
        conn.pragma_update(None, "user_version", 5).unwrap();
    }
    drop(Store::open(&path).unwrap());
    let hows: Vec<(i64, String)> = recorded(&path).into_iter().map(|r| (r.0, r.2)).collect();
    let expected: Vec<(i64, String)> = (1..=schema_steps().len() as i64)
        .map(|s| (s, if s <= 5 { "before" } else { "applied" }.to_string()))
        .collect();
    assert_eq!(hows, expected);
}

#[test]
fn a_file_whose_step_differs_is_refused_by_name_and_left_as_it_was() {
    let (dir, path) = temp_db();
    drop(sample_store(&path));
    {
        // A build whose sixth step was edited after it shipped made this file.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER schema_step_no_update;
             UPDATE schema_step SET sha256 = 'e0' || substr(sha256, 3) WHERE step = 6;
             CREATE TRIGGER schema_step_no_update BEFORE UPDATE ON schema_step
             BEGIN SELECT RAISE(ABORT, 'schema_step is append-only'); END;
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(
        matches!(err, StorageError::OtherStep { step: 6, .. }),
        "{err}"
    );
    let err = Store::open_read_only(&path).err().expect("refused");
    assert!(err.to_string().contains("第 6 步"), "{err}");
    for args in [
        vec![path.to_str().unwrap()],
        vec!["meetings", path.to_str().unwrap()],
        vec![
            "export",
            path.to_str().unwrap(),
            "--all",
            dir.path().join("out").to_str().unwrap(),
        ],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_shuze"))
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("第 6 步"), "{args:?}: {stderr}");
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
    assert!(!dir.path().join("out").exists());
}
