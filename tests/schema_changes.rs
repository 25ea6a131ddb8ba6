//! Our schema or nothing: a file whose schema was changed with the real `sqlite3` (a
//! no-update trigger dropped, an `AFTER INSERT` trigger added that rewrites answers, a
//! column, an index or a view added, a view changed) is refused for writing by the console,
//! `finish` and `import --db`, naming what changed, with the file unchanged; `export`,
//! `meetings` and `present` read it and say they read a changed file. A file made at every older schema version and
//! upgraded compares equal.

mod common;

use common::pty::Console;
use common::*;
use shuze::storage::Store;
use std::path::Path;
use std::process::Command as Process;

/// Runs `sql` on `db` with the `sqlite3` command-line shell.
fn sqlite3(db: &Path, sql: &str) {
    let output = Process::new("sqlite3")
        .arg(db)
        .arg(sql)
        .output()
        .expect("the sqlite3 shell is not installed (apt-get install sqlite3)");
    assert!(output.status.success(), "{sql}: {output:?}");
}

/// A prepared question of the sample, which the changed view below rewrites.
const ASKED: &str = "有没有建立长效机制";

/// Each change, and what the refusal must name.
const CHANGES: &[(&str, &str)] = &[
    (
        "DROP TRIGGER text_revision_no_update;",
        "缺少触发器 text_revision_no_update",
    ),
    (
        "CREATE TRIGGER rewrite AFTER INSERT ON text_revision WHEN NEW.body LIKE '%没有%'
         BEGIN INSERT INTO text_revision (kind, slot_id, question_id, body, saved_at)
         VALUES (NEW.kind, NEW.slot_id, NEW.question_id, replace(NEW.body, '没有', ''),
                 NEW.saved_at); END;",
        "多了触发器 rewrite",
    ),
    (
        "ALTER TABLE meeting ADD COLUMN remark TEXT;",
        "表 meeting 的定义被改过",
    ),
    (
        "CREATE INDEX question_text ON question(text);",
        "多了索引 question_text",
    ),
    (
        "CREATE VIEW everything AS SELECT * FROM meeting;",
        "多了视图 everything",
    ),
    (
        "DROP VIEW question_now; CREATE VIEW question_now AS
         SELECT id, slot_id, position, prepared, created_at, asker,
                replace(text, '没有', '') AS text, asked_at, needs_written_reply,
                0 AS withdrawn FROM question;",
        "视图 question_now 的定义被改过",
    ),
];

#[test]
fn a_schema_changed_with_sqlite3_is_refused_for_writing_naming_what_changed() {
    let (dir, _) = temp_db();
    let prep = write_prep(dir.path(), "second.toml", MINIMAL_PREP);
    for (sql, named) in CHANGES {
        let db = dir.path().join("changed.db");
        std::fs::copy(SAMPLE_DB, &db).unwrap();
        sqlite3(&db, sql);
        let before = std::fs::read(&db).unwrap();
        let name = db.to_str().unwrap();
        let prep = prep.to_str().unwrap();
        // The console, in a terminal of its own: refused before its first screen.
        let mut console = Console::start(&[name], 100, 30);
        console.wait_for(named, 10);
        assert!(!console.wait_exit(10), "{sql}: the console must be refused");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "the console changed it"
        );
        for args in [
            vec!["finish", name, "--yes"],
            vec!["import", prep, "--db", name],
        ] {
            let (success, stderr) = shuze_within_deadline(&args);
            assert!(!success, "{sql}: {args:?} must be refused");
            assert!(stderr.contains(named), "{sql}: {args:?}: {stderr}");
            assert_eq!(std::fs::read(&db).unwrap(), before, "{args:?} changed it");
            for side in ["-wal", "-shm"] {
                assert!(!Path::new(&format!("{name}{side}")).exists(), "{args:?}");
            }
        }
        // Reading goes on, and says what it reads.
        let out = dir.path().join("out");
        let (success, stderr) =
            shuze_within_deadline(&["export", name, "--all", out.to_str().unwrap()]);
        assert!(success, "{sql}: {stderr}");
        assert!(
            stderr.contains("结构被其他程序改动过") && stderr.contains(named),
            "{stderr}"
        );
        assert!(out.join("2026-12-18-会议记录.docx").is_file());
        // Through shuze's own views: the question the view rewrote reads as asked.
        let record = std::fs::read_to_string(out.join("2026-12-18-会议记录.json")).unwrap();
        assert!(record.contains(ASKED), "{sql}: the record lost {ASKED}");
        // The documents say it too, naming the objects.
        let document = std::fs::read_to_string(out.join("2026-12-18-会议记录.md")).unwrap();
        assert!(
            document.contains("结构被其他程序改动过"),
            "{sql}: the record does not say it"
        );
        let json: serde_json::Value = serde_json::from_str(&record).unwrap();
        let object = named.split(' ').find(|word| word.is_ascii()).unwrap();
        assert!(
            json["notices"][0].as_str().unwrap().contains(object),
            "{sql}"
        );
        let (success, stderr) = shuze_within_deadline(&["meetings", name]);
        assert!(success && stderr.contains(named), "{sql}: {stderr}");
        // The audience view shows the meeting and says it on leaving, not on the projector.
        let mut audience = Console::start(&["present", name], 100, 30);
        // Not yet begun: the title screen.
        audience.wait_for("主持人", 10);
        assert!(!audience.screen().contains("结构被其他程序改动过"));
        audience.send("q");
        assert!(audience.wait_exit(10), "{sql}: present");
        audience.wait_for(named, 5);
        assert_eq!(std::fs::read(&db).unwrap(), before, "export changed it");
        std::fs::remove_dir_all(&out).unwrap();
        std::fs::remove_file(&db).unwrap();
    }
}

#[test]
fn a_file_made_at_every_older_version_upgrades_to_a_schema_that_compares_equal() {
    let steps = shuze::storage::schema_steps();
    for version in 1..steps.len() {
        let (_dir, db) = temp_db();
        let conn = rusqlite::Connection::open(&db).unwrap();
        // Step 12's hash chain calls the program's SHA-256 function.
        shuze::storage::chain::register(&conn).unwrap();
        for step in &steps[..version] {
            conn.execute_batch(step).unwrap();
        }
        conn.pragma_update(None, "user_version", version as i64)
            .unwrap();
        drop(conn);
        let store = Store::open(&db).unwrap_or_else(|e| panic!("version {version}: {e}"));
        assert_eq!(store.schema_version().unwrap(), steps.len() as i64);
        drop(store);
        let read = Store::open_read_only(&db).unwrap();
        assert_eq!(read.changed_schema_warning(), None, "version {version}");
    }
}
