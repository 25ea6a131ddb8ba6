//! The faults of a real afternoon, with the real binary in a pseudo-terminal: a disk that
//! fills while typing, a database another program holds locked, Ctrl-Z and `fg`, keys that
//! terminals send in one read, and a half-filled form when the power goes.

mod common;

use common::pty::Console;
use common::*;
use shuze::app::{Action, Mode};
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::{Store, TextTarget};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Duration;

/// The real binary on `db`, its data folder (rescue files) at `data`.
fn start(db: &Path, data: &Path) -> Console {
    Console::start_with_env(
        &[db.to_str().unwrap()],
        100,
        30,
        &[("XDG_DATA_HOME", data.to_str().unwrap())],
    )
}

/// The same, once the sample meeting's first official is on screen.
fn recording(db: &Path, data: &Path) -> Console {
    let console = start(db, data);
    console.wait_for("第 1/8 位", 10);
    console
}

fn signal(console: &Console, name: &str) {
    let pid = console.pid().unwrap().to_string();
    Process::new("kill")
        .args([&format!("-{name}"), &pid])
        .status()
        .unwrap();
}

/// The process state letter from /proc (R, S, T for stopped, …).
fn state(console: &Console) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", console.pid().unwrap()))
        .unwrap_or_default();
    stat.rsplit(") ")
        .next()
        .and_then(|s| s.chars().next())
        .unwrap_or('?')
}

fn wait_state(console: &Console, wanted: char) {
    wait_until(5, &format!("process state {wanted}"), || {
        state(console) == wanted
    });
}

/// Whether the program's output after byte `from` comes to hold `text` within 10 s (the
/// reader of the pseudo-terminal may lag behind the program).
fn output_shows(console: &Console, from: usize, text: &str) -> bool {
    eventually(10, || {
        console
            .output()
            .get(from..)
            .is_some_and(|out| out.contains(text))
    })
}

fn answer(db: &Path, question: usize) -> String {
    Store::open(db).unwrap().slot_detail(1).unwrap().questions[question]
        .answer
        .clone()
        .map(|a| a.body)
        .unwrap_or_default()
}

/// A small filesystem of its own (tmpfs, as root), unmounted when dropped.
struct SmallDisk {
    path: PathBuf,
}

impl SmallDisk {
    fn mount(path: PathBuf, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(&path).unwrap();
        let mounted = Process::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk { path })
    }

    /// Writes a file until the filesystem refuses another byte.
    fn fill(&self) {
        use std::io::Write;
        let mut file = std::fs::File::create(self.path.join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while file
            .write_all(&block)
            .and_then(|()| file.sync_all())
            .is_ok()
        {}
        let mut byte = std::fs::File::create(self.path.join("filler-2")).unwrap();
        while byte.write_all(b"x").and_then(|()| byte.sync_all()).is_ok() {}
    }

    fn free(&self) {
        let _ = std::fs::remove_file(self.path.join("filler"));
        let _ = std::fs::remove_file(self.path.join("filler-2"));
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg("-l").arg(&self.path).status();
    }
}

#[test]
fn a_disk_that_fills_while_typing_loses_nothing_and_says_where_the_text_is() {
    let (dir, _) = temp_db();
    let Some(disk) = SmallDisk::mount(dir.path().join("disk"), "3m") else {
        skip("full-disk test: cannot mount a small filesystem here (not root)");
        return;
    };
    let db = sample_copy(&disk.path);
    let data = dir.path().join("data");
    let mut console = recording(&db, &data);
    console.begin_report();
    console.send("s\r");
    console.wait_for("记录回答", 5);
    console.send("满盘之前的回答，");
    wait_for_text_in_file(&db, "满盘之前的回答，");
    disk.fill();
    let after = "满盘之后接着输入的回答。";
    console.send(after);
    console.wait_for("未能保存", 10);
    console.wait_for(after, 2);
    // Esc leaves the editor: the text is kept (and rescued), the failure stays shown.
    console.send("\x1b");
    console.wait_for("q 保存并退出", 5);
    console.wait_for("再打开编辑框即可接着写", 5);
    // Quitting asks first, then leaves with a failure and names the rescue file.
    console.send("\x03");
    console.wait_for("未退出", 5);
    console.send("\x03");
    assert!(
        !console.wait_exit(10),
        "an exit with unsaved text is a failure"
    );
    let output = console.output();
    let rescue_dir = data.join("shuze").join("rescue");
    let target = TextTarget::Answer {
        slot: 1,
        question: 1,
    };
    let identity = shuze::rescue::db_identity(&db);
    let rescue = rescue_dir.join(shuze::rescue::file_name(&identity, target));
    let said: String = output.split_whitespace().collect();
    assert!(
        said.contains(&rescue.display().to_string()),
        "the last words name the rescue file {}:\n{output}",
        rescue.display()
    );
    assert!(!output.contains("已保存："), "never claims it saved");
    let text = std::fs::read_to_string(&rescue).unwrap();
    assert!(
        text.ends_with("满盘之前的回答，满盘之后接着输入的回答。"),
        "{text}"
    );
    drop(console);

    // Room again: the next start offers the rescued text, and one key takes it.
    disk.free();
    let store = Store::open(&db).unwrap();
    let mut session = Session::open(store, None, Lang::Zh, at(0)).unwrap();
    session.rescue_folders.push(rescue_dir);
    session.offer_rescues();
    assert!(
        matches!(&session.console.recorder.mode, Mode::Rescue(offer) if offer.rescued.ends_with("回答。")),
        "{:?}",
        session.console.recorder.mode
    );
    session.handle(Action::Confirm, chrono::Utc::now());
    drop(session);
    assert_eq!(answer(&db, 0), "满盘之前的回答，满盘之后接着输入的回答。");
    assert!(!rescue.exists(), "taken, so no longer offered");
}

#[test]
fn a_database_held_by_another_program_does_not_freeze_typing() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("第 1/8 位", 10);
    console.begin_report();
    console.send("s\r");
    console.wait_for("记录回答", 5);
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO setting VALUES ('held', '1');")
        .unwrap();
    // The issue's ten seconds of a held lock, keys coming at a typist's pace all along (each
    // a save that meets the lock): 23 pieces 450 ms apart are more than ten seconds however
    // fast each echo comes.
    let mut typed = String::new();
    for round in 0..23 {
        let piece = format!("第{round}句");
        console.send(&piece);
        typed.push_str(&piece);
        // On screen while every save meets the lock (how fast: BENCHMARKS.md).
        console.wait_for(&typed, 10);
        // A typist's pace is what this test is about: keys spread over the held lock.
        pace(Duration::from_millis(450));
    }
    console.wait_for("等待保存", 10);
    assert_ne!(
        answer(&db, 0),
        typed,
        "nothing reached the file while it was held: the echo did not wait for it"
    );
    holder.execute_batch("COMMIT").unwrap();
    drop(holder);
    wait_until(8, "the answer saved once the lock was released", || {
        answer(&db, 0) == typed
    });
    console.send("\x1b");
    console.send("q");
    assert!(console.wait_exit(10), "everything saved: a clean exit");
}

/// The issue's keys: after a save that failed (another program holds the file), Esc, `j`,
/// `d`, `y`, `s`, `t` and `q` were typed into the answer. Now Esc leaves the editor and
/// the rest are commands; the text waits, is saved once the file is free, and is only what
/// was typed as text.
#[test]
fn keys_typed_after_a_failed_save_are_commands_and_never_enter_the_text() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let mut console = recording(&db, &data);
    console.begin_report();
    console.send_now("s\r");
    console.wait_for("记录回答", 5);
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO setting VALUES ('held', '1');")
        .unwrap();
    let words = "文件被占用时写下的回答";
    console.send_now(words);
    console.wait_for("等待保存", 10);
    console.send_now("\x1b");
    console.wait_for("q 保存并退出", 5);
    console.wait_for("再打开编辑框即可接着写", 5);
    // Commands now: a move, then quitting, which waits for the text.
    console.send_now("j");
    console.send_now("q");
    console.wait_for("未退出", 10);
    holder.execute_batch("COMMIT").unwrap();
    drop(holder);
    wait_until(
        10,
        "the answer saved by itself once the file is free",
        || answer(&db, 0) == words,
    );
    console.send_now("q");
    assert!(console.wait_exit(10), "everything saved: a clean exit");
    assert_eq!(answer(&db, 0), words, "only what was typed as text");
}

#[test]
fn ctrl_z_and_fg_give_the_terminal_back_and_take_it_again() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("第 1/8 位", 10);
    for stop in ["SIGTSTP", "Ctrl-Z"] {
        let before = console.output().len();
        match stop {
            "SIGTSTP" => signal(&console, "TSTP"),
            _ => console.send("\x1a"),
        }
        wait_state(&console, 'T');
        assert!(
            output_shows(&console, before, "\x1b[?1049l"),
            "{stop}: main screen back"
        );
        signal(&console, "CONT");
        wait_state(&console, 'S');
        assert!(
            output_shows(&console, before, "\x1b[?1049h"),
            "{stop}: alternate screen again"
        );
        // One key, no Enter: raw mode is on again.
        console.send("n");
        console.wait_for("第 2/8 位", 5);
        console.send("p");
        console.wait_for("第 1/8 位", 5);
    }
    console.send("q");
    assert!(console.wait_exit(10));
}

#[test]
fn ctrl_j_is_a_line_break_and_esc_then_a_letter_in_one_read_are_two_keys() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("第 1/8 位", 10);
    console.begin_report();
    console.send("s\r");
    console.wait_for("记录回答", 5);
    console.send("第一行");
    console.send("\n");
    console.send("第二行");
    // Esc and `n` arrive together, as a fast typist's do.
    console.send("\x1bn");
    // `n` arrived as a key: leaving a running clock is asked first.
    console.wait_for("请确认", 5);
    console.send("y");
    console.wait_for("第 2/8 位", 5);
    assert_eq!(answer(&db, 0), "第一行\n第二行");
    console.send("q");
    assert!(console.wait_exit(10));
}

#[test]
fn a_half_filled_form_comes_back_after_a_kill() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("第 1/8 位", 10);
    console.send("a");
    console.send("县人大代表 某某");
    console.send("\t");
    console.send("半句现场提问");
    wait_for_text_in_file(&db, "半句现场提问");
    signal(&console, "KILL");
    console.wait_exit(10);
    drop(console);
    let session = Session::open(Store::open(&db).unwrap(), None, Lang::Zh, at(0)).unwrap();
    match &session.console.recorder.mode {
        Mode::Form(form) => {
            assert_eq!(form.text(0), "县人大代表 某某");
            assert_eq!(form.text(1), "半句现场提问");
            assert_eq!(form.focus, 1);
        }
        other => panic!("the form did not come back: {other:?}"),
    }
}

#[test]
fn an_export_that_runs_out_of_room_fails_and_leaves_no_temporary_file() {
    let (dir, _) = temp_db();
    let Some(disk) = SmallDisk::mount(dir.path().join("disk"), "1m") else {
        skip("export on a full disk: cannot mount a small filesystem here (not root)");
        return;
    };
    let db = sample_copy(dir.path());
    disk.fill();
    let target = disk.path.join("会议记录.docx");
    let output = Process::new(env!("CARGO_BIN_EXE_shuze"))
        .args([
            "export",
            db.to_str().unwrap(),
            "--kind",
            "record",
            "--format",
            "docx",
        ])
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert!(!output.status.success(), "a failed export says so");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("会议记录.docx"), "names the file: {stderr}");
    let left: Vec<String> = std::fs::read_dir(&disk.path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("filler"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_database_deleted_while_typing_loses_nothing_and_never_claims_it_saved() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let mut console = recording(&db, &data);
    console.begin_report();
    console.send("s\r");
    console.wait_for("记录回答", 5);
    console.send("删除之前，");
    wait_for_text_in_file(&db, "删除之前，");
    let identity = shuze::rescue::db_identity(&db);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    console.send("删除之后的重要文字。");
    console.wait_for("已被删除", 10);
    // Esc leaves the editor; the failure stays shown.
    console.send("\x1b");
    console.wait_for("q 保存并退出", 5);
    console.wait_for("已被删除", 2);
    console.send("\x03");
    console.wait_for("未退出", 5);
    console.send("\x03");
    assert!(!console.wait_exit(10), "exits with a failure");
    let output = console.output();
    assert!(!output.contains("已保存："), "never claims it saved");
    let target = TextTarget::Answer {
        slot: 1,
        question: 1,
    };
    let beside = db.with_file_name(shuze::rescue::file_name(&identity, target));
    let text = std::fs::read_to_string(&beside).expect("rescued beside the (gone) database");
    assert!(text.ends_with("删除之前，删除之后的重要文字。"), "{text}");
}

#[test]
fn a_form_submitted_on_a_full_disk_is_kept_and_quitting_asks_first() {
    let (dir, _) = temp_db();
    let Some(disk) = SmallDisk::mount(dir.path().join("disk"), "3m") else {
        skip("form on a full disk: cannot mount a small filesystem here (not root)");
        return;
    };
    let db = sample_copy(&disk.path);
    let data = dir.path().join("data");
    let mut console = recording(&db, &data);
    console.send("a");
    console.send("提问人乙");
    console.send("\t");
    console.send("满盘时提交的问题");
    disk.fill();
    console.send("\r");
    console.wait_for("未能写入", 10);
    console.send("（补充的字）");
    console.send("\x03");
    console.wait_for("未退出", 5);
    console.send("\x03");
    assert!(!console.wait_exit(10), "exits with a failure");
    assert!(!console.output().contains("已保存："));
    let kept: Vec<String> = std::fs::read_dir(data.join("shuze/rescue"))
        .expect("the form is kept in the data folder")
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        kept.iter()
            .any(|t| t.contains("提问人乙") && t.contains("满盘时提交的问题（补充的字）")),
        "{kept:?}"
    );
}

#[test]
fn rescue_files_planted_by_someone_else_or_that_are_not_plain_files_are_never_offered() {
    use std::os::unix::fs::{chown, symlink};
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let owner = shuze::rescue::Owner {
        file: Store::open(&db).unwrap().file_id().unwrap().unwrap(),
        meeting: 1,
    };
    let rescue_of = |target, body: &str| shuze::rescue::Rescue {
        db: shuze::rescue::db_identity(&db),
        owner: Some(owner.clone()),
        target,
        saved_at: at(1_000_000),
        body: body.into(),
    };
    let answer = |question| TextTarget::Answer { slot: 1, question };
    let identity = shuze::rescue::db_identity(&db);
    let name = |target| shuze::rescue::file_name(&identity, target);
    // Someone else's folder, holding a well-formed rescue file.
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let planted = shared.join(name(answer(1)));
    std::fs::write(&planted, rescue_of(answer(1), "植入的回答").to_text()).unwrap();
    chown(&planted, Some(65534), Some(65534)).unwrap();
    chown(&shared, Some(65534), Some(65534)).unwrap();
    // In our own folder: a pipe and a link to an endless device at rescue names.
    let fifo = dir.path().join(name(answer(2)));
    assert!(
        Process::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    symlink("/dev/zero", dir.path().join(name(answer(3)))).unwrap();
    // And one real rescue of ours, holding control sequences.
    let ours = dir.path().join(name(TextTarget::Remarks { slot: 1 }));
    let dirty = "点评\u{1b}]52;c;ZXZpbA==\u{7}结束";
    std::fs::write(
        &ours,
        rescue_of(TextTarget::Remarks { slot: 1 }, dirty).to_text(),
    )
    .unwrap();

    let (sender, receiver) = std::sync::mpsc::channel();
    let folders = vec![dir.path().to_path_buf(), shared];
    std::thread::spawn(move || {
        let store = Store::open(&db).unwrap();
        let mut session = Session::open(store, None, Lang::Zh, at(0)).unwrap();
        session.rescue_folders = folders;
        session.offer_rescues();
        let offered: Vec<(TextTarget, String)> = match &session.console.recorder.mode {
            Mode::Rescue(first) => std::iter::once(first)
                .chain(&session.console.saving.rescues)
                .map(|o| (o.target, o.rescued.clone()))
                .collect(),
            _ => Vec::new(),
        };
        let _ = sender.send(offered);
    });
    let offered = receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("looking for rescues does not hang on a pipe or a device");
    assert_eq!(
        offered,
        [(TextTarget::Remarks { slot: 1 }, "点评结束".to_string())],
        "only our own plain file, cleaned"
    );
}

#[test]
fn a_database_replaced_under_the_console_is_left_readable() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let other = dir.path().join("other.db");
    std::fs::copy(SAMPLE_DB, &other).unwrap();
    let data = dir.path().join("data");
    let mut console = recording(&db, &data);
    console.begin_report();
    console.send("s\r");
    console.wait_for("记录回答", 5);
    console.send("替换之前，");
    wait_for_text_in_file(&db, "替换之前，");
    std::fs::rename(&other, &db).unwrap();
    console.send("替换之后。");
    console.wait_for("已被删除", 10);
    console.send("\x03");
    console.wait_for("未退出", 5);
    console.send("\x03");
    assert!(!console.wait_exit(10), "exits with a failure");
    assert!(
        console.output().contains("另存为"),
        "says where the old log went"
    );
    // The file now at the path reads as itself, not with the old file's log.
    let store = Store::open(&db).expect("the new file opens");
    store.integrity_check().expect("and is whole");
    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .contains(".wal-of-the-file-replaced-")
        });
    assert!(aside, "the old log is kept aside");
}

#[test]
fn a_file_found_damaged_after_the_first_frame_is_not_written_to_at_all() {
    let (dir, _) = temp_db();
    let db = dir.path().join("damaged.db");
    let output = Process::new(env!("CARGO_BIN_EXE_shuze"))
        .args(["demo-data", "--scale", "small", "-o", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let mut bytes = std::fs::read(&db).unwrap();
    // A page near the end: the last officials' rows, which the first frame does not read;
    // from its cell pointers on, so that the damage is to the page's structure whatever
    // free space the page has (the quick check reads no row's content).
    let at = bytes.len() - 2 * 4096 + 8;
    for (i, b) in bytes[at..at + 2_100].iter_mut().enumerate() {
        *b = b"GARBAGE"[i % 7];
    }
    std::fs::write(&db, &bytes).unwrap();
    let data = dir.path().join("data");
    let mut console = start(&db, &data);
    console.wait_for("检查未通过", 10);
    // Enter at 待述责 asks to start the questions (the stage cannot be written: it stays).
    console.send("\r");
    console.wait_for("请确认", 5);
    console.send("y");
    console.keep_date_if_asked("记录回答");
    console.send("损坏之后输入的文字");
    console.wait_for("损坏之后输入的文字", 5);
    console.send("\x03");
    console.send("\x03");
    assert!(!console.wait_exit(10), "exits with a failure");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the damaged file is as it was"
    );
}

/// What the file says the room sees (the resume point's picture), read as the audience view
/// reads it.
fn room_picture(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let state: String = conn
        .query_row("SELECT state FROM console_state", [], |row| row.get(0))
        .unwrap_or_default();
    let point: serde_json::Value = serde_json::from_str(&state).unwrap_or_default();
    point["room"]["picture"]
        .as_str()
        .unwrap_or("card")
        .to_string()
}

fn asked_at(db: &Path, question: usize) -> Option<chrono::DateTime<chrono::Utc>> {
    Store::open(db).unwrap().slot_detail(1).unwrap().questions[question].asked_at
}

#[test]
fn a_picture_chosen_and_an_answer_begun_on_a_full_disk_reach_the_file_once_there_is_room() {
    let (dir, _) = temp_db();
    let Some(disk) = SmallDisk::mount(dir.path().join("disk"), "3m") else {
        skip("picture on a full disk: cannot mount a small filesystem here (not root)");
        return;
    };
    let db = sample_copy(&disk.path);
    let data = dir.path().join("data");
    let mut console = recording(&db, &data);
    console.begin_report();
    console.send("s");
    console.wait_for("提问质询", 5);
    disk.fill();
    // The room's picture: the console says the audience view has not changed.
    console.send("4");
    console.wait_for("观众画面尚未切换", 10);
    assert_eq!(room_picture(&db), "card", "nothing reached the file");
    disk.free();
    wait_until(
        10,
        "the picture reached the file by itself once there was room",
        || room_picture(&db) == "agenda",
    );
    console.wait_for("观众画面已切换", 5);
    // The first characters of an answer: the question counts as asked from then.
    disk.fill();
    let before = chrono::Utc::now();
    console.send("\r");
    console.wait_for("记录回答", 5);
    console.send("满盘时开始的回答");
    console.wait_for("未能保存", 10);
    assert_eq!(asked_at(&db, 0), None);
    disk.free();
    wait_until(10, "the answer saved", || {
        answer(&db, 0) == "满盘时开始的回答"
    });
    wait_until(
        10,
        "the question asked from its answer's first character",
        || asked_at(&db, 0).is_some(),
    );
    let asked = asked_at(&db, 0).unwrap();
    let typed = before - chrono::Duration::seconds(1);
    assert!(asked >= typed, "asked at {asked}, when it was typed");
    // Everything is in the file: the failure goes and the exit is clean.
    console.send("\x1b");
    console.wait_for("已保存", 5);
    console.send("q");
    assert!(console.wait_exit(10), "{}", console.output());
}

fn finished_at(db: &Path) -> Option<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT finished_at FROM meeting", [], |row| row.get(0))
        .unwrap()
}

fn question_changes(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT text FROM question_change ORDER BY id")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn corrections_behind_another_programs_lock_say_they_were_not_done_and_go_through_when_asked_again()
{
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let mut console = recording(&db, &data);
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO setting VALUES ('held', '1');")
        .unwrap();
    // A question's wording corrected while the file is held: the form stays, saying so.
    console.send("u");
    console.wait_for("修改提问", 5);
    console.send("（锁定时修改）");
    console.send("\r");
    console.wait_for("表单仍在", 10);
    // Esc closes it at once; the screen says where its content is.
    let ended = console.output().len();
    console.send("\x1b");
    console.wait_for("表单未写入数据库", 5);
    // Given up, it is kept, saying whose it was and what it corrected.
    let kept: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".rescue-form-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(
        kept.iter().any(|t| t.contains("述责人：1．张某")
            && t.contains("修改前：县纪委监委副书记 某某：你作为单位")
            && t.contains("具体的成效怎么样？（锁定时修改）")),
        "{kept:?}"
    );
    console.send("E");
    console.wait_for("请确认", 5);
    console.send("\r");
    console.wait_for("此操作未执行", 10);
    assert!(
        !console.output()[ended..].contains("自动重试"),
        "never promises a retry that does not happen"
    );
    holder.execute_batch("COMMIT").unwrap();
    drop(holder);
    assert!(question_changes(&db).is_empty(), "nothing was written");
    assert_eq!(finished_at(&db), None);
    // Asked again once the file is free: each is written once.
    console.send("u");
    console.wait_for("修改提问", 5);
    console.send("（锁定时修改）\r");
    console.send("E");
    console.wait_for("请确认", 5);
    console.send("\r");
    console.wait_for("散会：", 5);
    wait_until(5, "ended", || finished_at(&db).is_some());
    let changes = question_changes(&db);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(changes[0].ends_with("（锁定时修改）"), "{changes:?}");
    console.send("q");
    assert!(
        console.wait_exit(10),
        "everything is in the file: a clean exit"
    );
}

#[test]
fn a_form_given_up_on_a_full_disk_keeps_what_was_typed_after_the_failure() {
    let (dir, _) = temp_db();
    let Some(disk) = SmallDisk::mount(dir.path().join("disk"), "3m") else {
        skip("form given up on a full disk: cannot mount a small filesystem here (not root)");
        return;
    };
    let db = sample_copy(&disk.path);
    let data = dir.path().join("data");
    let mut console = recording(&db, &data);
    // M: the report's minutes, corrected on a full disk.
    console.send("M");
    console.wait_for("述责时长与方式", 5);
    console.send("\x7f12");
    disk.fill();
    console.send("\r");
    console.wait_for("表单仍在", 10);
    // More typed after the failure, then Esc: closed, and kept as it stands.
    console.send("\x7f\x7f15");
    console.send("\x1b");
    console.wait_for("内容已另存到", 5);
    console.send("q");
    assert!(
        !console.wait_exit(10),
        "exits with a failure: a form is not in the file"
    );
    let output = console.output();
    assert!(!output.contains("已保存 (saved)"), "never claims it saved");
    let kept: Vec<(PathBuf, String)> = std::fs::read_dir(data.join("shuze/rescue"))
        .expect("the form is kept in the data folder")
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let said: String = output.split_whitespace().collect();
    let last = kept
        .iter()
        .find(|(_, t)| t.contains("述责时长（分钟）：15"))
        .unwrap_or_else(|| panic!("what was typed after the failure is kept: {kept:?}"));
    assert!(last.1.contains("述责人：1．张某"), "{}", last.1);
    assert!(
        said.contains(&last.0.display().to_string()),
        "the last words name {}:\n{output}",
        last.0.display()
    );
    disk.free();
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.meeting_view(1).unwrap().agenda[0].report_minutes,
        8,
        "nothing half-written"
    );
}

#[test]
fn a_database_moved_under_the_console_keeps_its_corrections_and_the_exit_says_where_it_is() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let mut console = recording(&db, &data);
    // The official moved down the agenda, a duty item corrected.
    console.send("J");
    console.wait_for("议程顺序已调整", 5);
    console.send("\tu");
    console.wait_for("主体责任事项", 5);
    console.send("（移走之前的修改）\r");
    wait_until(10, "the correction in the file", || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM duty_item_change WHERE instr(text, '移走之前的修改'))",
            [],
            |row| row.get(0),
        )
        .unwrap_or(false)
    });
    let moved = dir.path().join("moved.db");
    std::fs::rename(&db, &moved).unwrap();
    console.send("J");
    console.wait_for("已被删除", 10);
    console.send("q");
    assert!(
        !console.wait_exit(10),
        "a file no longer where it was is a failure"
    );
    let said: String = console.output().split_whitespace().collect();
    assert!(
        !said.contains("已保存(saved)"),
        "never saved at the old path:\n{said}"
    );
    assert!(
        said.contains(&moved.display().to_string()),
        "names where it is:\n{said}"
    );
    // The moved file holds what was written before the move, and only that.
    let store = Store::open(&moved).unwrap();
    let agenda = store.agenda(1).unwrap();
    assert_eq!(agenda[1].name, "张某", "moved down once");
    let items = store.slot_detail(agenda[1].id).unwrap().duty_items;
    assert!(
        items[0].text.ends_with("（移走之前的修改）"),
        "{:?}",
        items[0]
    );
}

#[test]
fn an_attendee_added_late_is_all_written_or_not_at_all() {
    let (_dir, db) = temp_db();
    let mut session = sample_session(&db);
    let before = session.console.snapshot.attendees.len();
    // The second of the two rows fails, as a full disk can make it.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON attendee_change
             BEGIN SELECT RAISE(ABORT, 'refused'); END;",
        )
        .unwrap();
    session.handle(Action::Command(shuze::app::Command::Attendance), at(60));
    let Mode::Form(form) = &mut session.console.recorder.mode else {
        panic!("{:?}", session.console.recorder.mode);
    };
    let new = form.fields[0].shown().to_string();
    if let shuze::app::FieldValue::Choice { options, index } = &mut form.fields[0].value {
        *index = options.len() - 1;
    }
    assert_ne!(new, form.fields[0].shown());
    // 迟到, at the time the form proposes.
    if let shuze::app::FieldValue::Choice { index, .. } = &mut form.fields[1].value {
        *index = 4;
    }
    form.fields[4].value = shuze::app::FieldValue::Text("迟到的新人".into());
    session.handle(Action::Confirm, at(61));
    let Mode::Form(form) = &session.console.recorder.mode else {
        panic!("the form stays: {:?}", session.console.recorder.mode);
    };
    assert!(
        form.unsaved,
        "kept because its write failed: {:?}",
        form.error
    );
    drop(session);
    let store = Store::open_read_only(&db).unwrap();
    let view = store.meeting_view(1).unwrap();
    assert_eq!(
        view.attendees.len(),
        before,
        "no attendee without their arrival"
    );
}
