//! Only our own files are written, and one recorder per meeting whatever the file is
//! called: another program's SQLite file, an empty file, a newer file and a read-only
//! folder are refused by every command with their bytes unchanged; a second console
//! through a symbolic link or a hard link is refused; a failed import leaves no file.

mod common;

use common::pty::Console;
use common::*;
use std::path::Path;
use std::process::Command as Process;

fn shuze(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("shuze-test-data"),
        )
        .output()
        .unwrap()
}

/// Every command that opens a database, on `db`.
fn every_command(db: &str, out: &Path) -> Vec<Vec<String>> {
    let out = out.display().to_string();
    [
        vec![db],
        vec!["meetings", db],
        vec!["present", db],
        vec!["export", db, "--all", &out],
    ]
    .iter()
    .map(|args| args.iter().map(|a| a.to_string()).collect())
    .collect()
}

/// Runs every command on `db`; each must fail with `expected` in its message and leave
/// the file's bytes as they were, with no file of SQLite's made beside it.
fn refused_untouched(db: &Path, expected: &str) {
    let before = std::fs::read(db).unwrap();
    let out = db.with_file_name("export-dir");
    for args in every_command(db.to_str().unwrap(), &out) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = shuze(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} must fail");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("shuze import") || expected.contains("空文件"),
            "{args:?}: no import hint where importing is not the remedy: {stderr}"
        );
        assert_eq!(
            std::fs::read(db).unwrap(),
            before,
            "{args:?} changed the file"
        );
        for side in ["-wal", "-shm", "-journal"] {
            let side = format!("{}{side}", db.display());
            assert!(!Path::new(&side).exists(), "{args:?} made {side}");
        }
        assert!(!out.exists(), "{args:?} exported something");
    }
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let (dir, _) = temp_db();
    let db = dir.path().join("accounts.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT);
         INSERT INTO account (name) VALUES ('一');",
    )
    .unwrap();
    drop(conn);
    refused_untouched(&db, "另一个程序的 SQLite 数据库");
    // The same with an application id of its own and a user_version in our range.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", 3).unwrap();
    conn.pragma_update(None, "application_id", 7).unwrap();
    drop(conn);
    refused_untouched(&db, "另一个程序的 SQLite 数据库");
}

#[test]
fn an_empty_file_is_refused_untouched_by_every_command_and_by_import() {
    let (dir, _) = temp_db();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    refused_untouched(&db, "空文件");
    let output = shuze(&["import", SAMPLE_TOML, "--db", db.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("空文件"));
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "still empty");
}

#[test]
fn a_file_from_a_newer_shuze_in_rollback_journal_mode_is_refused_untouched() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    refused_untouched(&db, "更新版本的 shuze");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete", "its journal mode was left alone");
}

#[test]
fn a_file_on_a_read_only_folder_is_refused_with_its_own_message() {
    let (dir, _) = temp_db();
    let mount = dir.path().join("ro");
    std::fs::create_dir(&mount).unwrap();
    let bound = Process::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&mount)
        .status()
        .is_ok_and(|s| s.success());
    if !bound {
        skip("read-only folder test: cannot mount a filesystem here (not root)");
        return;
    }
    let db = sample_copy(&mount);
    let remounted = Process::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&mount)
        .status()
        .unwrap();
    assert!(remounted.success());
    let output = shuze(&[db.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let _ = Process::new("umount").arg(&mount).status();
    assert!(!output.status.success());
    assert!(stderr.contains("文件夹是只读的"), "{stderr}");
}

#[test]
fn meetings_never_writes_to_a_shuze_file() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let before = std::fs::read(&db).unwrap();
    let output = shuze(&["meetings", db.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("述责述廉会议"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_failed_import_into_a_new_path_leaves_no_file() {
    let (dir, _) = temp_db();
    let prep = write_prep(dir.path(), "bad.toml", "[meeting]\ntitle = 1\n");
    let db = dir.path().join("new.db");
    let output = shuze(&[
        "import",
        prep.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["bad.toml"], "nothing but the prep file");
}

#[test]
fn a_second_console_through_a_symbolic_or_hard_link_is_refused_and_writes_nothing() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let other = dir.path().join("elsewhere");
    std::fs::create_dir(&other).unwrap();
    let symbolic = other.join("link.db");
    let hard = other.join("hard.db");
    std::os::unix::fs::symlink(&db, &symbolic).unwrap();
    std::fs::hard_link(&db, &hard).unwrap();
    let mut first = Console::start(&[db.to_str().unwrap()], 100, 30);
    first.wait_for("第 1/8 位", 10);
    first.send("r");
    first.send("第一个控制台的点评");
    first.wait_for("第一个控制台的点评", 5);
    wait_for_text_in_file(&db, "第一个控制台的点评");
    let relative = format!("elsewhere/../{}", db.file_name().unwrap().to_string_lossy());
    for name in [
        symbolic.to_str().unwrap(),
        hard.to_str().unwrap(),
        &relative,
    ] {
        let before = std::fs::read(&db).unwrap();
        let output = Process::new(env!("CARGO_BIN_EXE_shuze"))
            .arg(name)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{name} must be refused");
        assert!(stderr.contains("另一个控制台"), "{name}: {stderr}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{name} wrote to the file"
        );
    }
    first.send("\x1b");
    first.send("q");
    assert!(first.wait_exit(10));
    let store = shuze::storage::Store::open(&db).unwrap();
    assert_eq!(
        store.slot_detail(1).unwrap().remarks.unwrap().body,
        "第一个控制台的点评"
    );
}

#[test]
fn no_lock_file_is_made_and_a_link_planted_at_the_old_lock_path_is_not_followed() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let victim = dir.path().join("someone-elses.txt");
    std::fs::write(&victim, "别人的文件").unwrap();
    let planted = dir.path().join("meeting.db.meeting-1.lock");
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("第 1/8 位", 10);
    console.send("q");
    assert!(console.wait_exit(10));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "别人的文件");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".lock"))
        .collect();
    assert_eq!(
        names,
        ["meeting.db.meeting-1.lock"],
        "only the planted link"
    );
}

#[test]
fn every_file_beside_the_database_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _) = temp_db();
    let db = dir.path().join("new.db");
    let output = shuze(&["import", SAMPLE_TOML, "--db", db.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("第 1/8 位", 10);
    console.send("r");
    console.send("点评");
    wait_for_text_in_file(&db, "点评");
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} is {mode:o}", path.display());
    }
    console.send("\x1bq");
    assert!(console.wait_exit(10));
}

#[test]
fn a_file_with_a_dropped_table_is_refused_with_the_table_named() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA foreign_keys = OFF; DROP TABLE follow_up;")
        .unwrap();
    for args in [
        vec!["meetings", db.to_str().unwrap()],
        vec![db.to_str().unwrap()],
    ] {
        let output = shuze(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?}");
        assert!(stderr.contains("缺少表 follow_up"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_hard_link_is_refused_even_for_another_meeting_and_nothing_is_made_beside_it() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let second = std::fs::read_to_string(SAMPLE_TOML)
        .unwrap()
        .replace("某县纪委监委2026年度述责述廉会议", "第二场会议");
    let prep = write_prep(dir.path(), "second.toml", &second);
    let output = shuze(&[
        "import",
        prep.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let other = dir.path().join("elsewhere");
    std::fs::create_dir(&other).unwrap();
    let hard = other.join("hard.db");
    std::fs::hard_link(&db, &hard).unwrap();
    let mut first = Console::start(&[db.to_str().unwrap(), "--meeting", "1"], 100, 30);
    first.wait_for("第 1/8 位", 10);
    let output = shuze(&[hard.to_str().unwrap(), "--meeting", "2"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "another meeting through a hard link is refused"
    );
    assert!(stderr.contains("另一个路径"), "{stderr}");
    for reader in ["meetings", "present"] {
        let output = shuze(&[reader, hard.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success(),
            "{reader} through the link is refused"
        );
        assert!(stderr.contains("另一个路径"), "{reader}: {stderr}");
    }
    let beside: Vec<String> = std::fs::read_dir(&other)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["hard.db"], "no log files made beside the link");
    // The same name, another meeting: allowed.
    let mut second = Console::start(&[db.to_str().unwrap(), "--meeting", "2"], 100, 30);
    second.wait_for("第二场会议", 10);
    second.send("q");
    assert!(second.wait_exit(10));
    first.send("q");
    assert!(first.wait_exit(10));
}

#[test]
fn another_programs_file_with_shuze_like_table_names_is_refused_untouched() {
    let (dir, _) = temp_db();
    let db = dir.path().join("look-alike.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE meeting (id); CREATE TABLE agenda_slot (id);
         CREATE TABLE question (id); CREATE TABLE text_revision (id);
         PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(conn);
    refused_untouched(&db, "另一个程序的 SQLite 数据库");
}
