//! Never touch what is not ours, never hang: a FIFO, a socket or a device is refused by every
//! command at once (as the database, and as the preparation to import); a zero-byte file with another program's `-wal` beside it is refused
//! with both files unchanged; and the readers (`meetings`, `present`, `export`) leave no
//! `-wal` or `-shm` beside a file they only read.

mod common;

use common::pty::Console;
use common::*;
use std::path::Path;

/// Every command that opens a database file, on `db`.
fn every_command(db: &str, out: &str) -> Vec<Vec<String>> {
    let prep = SAMPLE_TOML;
    [
        vec![db],
        vec!["meetings", db],
        vec!["present", db],
        vec!["export", db, "--all", out],
        vec!["export-prep", db, "-o", out],
        vec!["import", prep, "--db", db],
        vec!["import", prep, "--db", db, "--update", "--yes"],
        vec!["finish", db, "--yes"],
    ]
    .iter()
    .map(|args| args.iter().map(|a| a.to_string()).collect())
    .collect()
}

fn refused_by_every_command(db: &Path, expected: &str) {
    let out = db.with_file_name("out");
    for args in every_command(db.to_str().unwrap(), out.to_str().unwrap()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (success, stderr) = shuze_within_deadline(&args);
        assert!(!success, "{args:?} must be refused");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!out.exists(), "{args:?} wrote {}", out.display());
    }
}

#[test]
fn a_fifo_a_socket_and_a_device_are_refused_by_every_command_at_once() {
    let (dir, _) = temp_db();
    let fifo = dir.path().join("fifo.db");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    refused_by_every_command(&fifo, "不是普通文件");
    let socket = dir.path().join("socket.db");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    refused_by_every_command(&socket, "不是普通文件");
    let device = dir.path().join("null.db");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    refused_by_every_command(&device, "不是普通文件");
    // A FIFO given as the preparation, alone or in a folder of CSV files.
    let prep = dir.path().join("prep.toml");
    nix::unistd::mkfifo(&prep, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let folder = dir.path().join("prep");
    std::fs::create_dir(&folder).unwrap();
    nix::unistd::mkfifo(&folder.join("议程.csv"), nix::sys::stat::Mode::S_IRWXU).unwrap();
    let new = dir.path().join("new.db");
    for (prep, expected) in [(&prep, "不是普通文件"), (&folder, "没有 .csv 文件")] {
        let args = [
            "import",
            prep.to_str().unwrap(),
            "--db",
            new.to_str().unwrap(),
        ];
        let (success, stderr) = shuze_within_deadline(&args);
        assert!(!success && stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!new.exists(), "{args:?} left {}", new.display());
    }
}

#[test]
fn a_zero_byte_file_with_another_programs_log_beside_it_is_refused_and_both_kept() {
    let (dir, _) = temp_db();
    // Another program's database in WAL mode, its last writes still in the log.
    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    conn.execute_batch("CREATE TABLE account (id, name); INSERT INTO account VALUES (1, '一');")
        .unwrap();
    let log = std::fs::read(dir.path().join("other.db-wal")).unwrap();
    drop(conn);
    assert!(!log.is_empty());
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    let wal = dir.path().join("empty.db-wal");
    std::fs::write(&wal, &log).unwrap();
    refused_by_every_command(&db, "旁边却有别的程序留下的日志");
    assert_eq!(std::fs::read(&db).unwrap(), b"", "still empty");
    assert_eq!(std::fs::read(&wal).unwrap(), log, "the log is as it was");
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_readers_leave_nothing_beside_a_file_they_only_read() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let out = dir.path().join("out");
    let name = db.to_str().unwrap();
    let mut before = std::fs::read(&db).unwrap();
    for args in [
        vec!["export", name, "--all", out.to_str().unwrap()],
        vec!["meetings", name],
        vec![
            "export-prep",
            name,
            "-o",
            dir.path().join("prep.toml").to_str().unwrap(),
        ],
    ] {
        let (success, stderr) = shuze_within_deadline(&args);
        assert!(success, "{args:?}: {stderr}");
        let beside: Vec<String> = names(dir.path())
            .into_iter()
            .filter(|n| n.starts_with("meeting.db"))
            .collect();
        assert_eq!(beside, ["meeting.db"], "{args:?} left files beside it");
        if args[0] == "export" {
            // An export records itself in the file (on its hash chain), and only that.
            assert_ne!(
                std::fs::read(&db).unwrap(),
                before,
                "the export is not recorded"
            );
            before = std::fs::read(&db).unwrap();
        }
    }
    let mut audience = Console::start(&["present", name], 100, 30);
    audience.wait_for("述责", 10);
    audience.send("q");
    assert!(audience.wait_exit(10));
    let beside: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("meeting.db"))
        .collect();
    assert_eq!(beside, ["meeting.db"], "present left files beside it");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is unchanged");
}

#[test]
fn the_audience_view_started_before_the_console_follows_what_it_records() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let name = db.to_str().unwrap();
    let mut audience = Console::start(&["present", name], 100, 30);
    // A meeting not yet begun: its title screen, until the recorder shows the card.
    audience.wait_for("主持人", 10);
    let mut console = Console::start(&[name], 100, 30);
    console.wait_for("第 1/8 位", 10);
    console.send("1");
    audience.wait_for("第 1/8 位", 10);
    console.send("n");
    console.wait_for("第 2/8 位", 5);
    audience.wait_for("第 2/8 位", 10);
    console.send("q");
    assert!(console.wait_exit(10));
    audience.send("q");
    assert!(audience.wait_exit(10));
}

#[test]
fn a_file_read_as_it_stands_is_not_rewritten_under_its_reader() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let before = std::fs::read(&db).unwrap();
    let reader = shuze::storage::Store::open_read_only(&db).unwrap();
    assert!(
        !dir.path().join("meeting.db-wal").exists(),
        "read as it stands"
    );
    // Another program opens the file, writes and closes: its close would copy its log into
    // the file the reader reads without locks.
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer
        .execute("INSERT INTO setting (key, value) VALUES ('theme', 'v')", [])
        .unwrap();
    drop(writer);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "rewritten under the reader"
    );
    assert_eq!(reader.meetings().unwrap().len(), 1);
    drop(reader);
    // Afterwards the log is copied in by the next program that opens the file.
    let store = shuze::storage::Store::open(&db).unwrap();
    assert_eq!(
        store
            .setting(shuze::storage::Setting::Theme)
            .unwrap()
            .as_deref(),
        Some("v")
    );
}
