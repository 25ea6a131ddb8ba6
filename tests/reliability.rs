//! Nothing typed is lost and bad input never crashes: broken files, a second recorder, a
//! full database, hostile pastes, huge meetings, and the real binary's panic path.

mod common;

use common::pty::Console;
use common::*;
use shuze::app::{Action, Command, Mode};
use shuze::labels::Lang;
use shuze::lock::RecorderLock;
use shuze::session::Session;
use shuze::storage::{StorageError, Store, TextTarget};
use std::path::Path;
use std::process::Command as Process;

fn shuze(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr_of(args: &[&std::ffi::OsStr]) -> String {
    let output = shuze(args);
    assert!(!output.status.success(), "must exit non-zero");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_truncated_database_is_refused_with_advice() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() / 2]).unwrap();
    let err = Store::open(&db).err().expect("refused");
    assert!(matches!(err, StorageError::Corrupt { .. }), "{err}");
    let message = stderr_of(&[db.as_os_str()]);
    assert!(
        message.contains("已损坏") && message.contains(".recover"),
        "{message}"
    );
}

#[test]
fn a_database_with_a_damaged_page_is_refused() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096;
    for b in &mut bytes[3 * page..3 * page + 200] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let err = Store::open(&db).err().expect("refused");
    assert!(matches!(err, StorageError::Corrupt { .. }), "{err}");
}

#[test]
fn a_file_that_is_not_a_database_says_so() {
    let (dir, _) = temp_db();
    let path = write_prep(dir.path(), "notes.db", &"这不是数据库。".repeat(500));
    let message = stderr_of(&[path.as_os_str()]);
    assert!(message.contains("不是 shuze 的数据库文件"), "{message}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "这不是数据库。".repeat(500),
        "untouched"
    );
}

#[test]
fn a_directory_a_missing_file_and_a_newer_file_each_get_their_message() {
    let (dir, _) = temp_db();
    assert!(stderr_of(&[dir.path().as_os_str()]).contains("是一个目录"));
    assert!(stderr_of(&[dir.path().join("none.db").as_os_str()]).contains("不存在"));
    let db = sample_copy(dir.path());
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert!(stderr_of(&[db.as_os_str()]).contains("更新版本"));
}

#[cfg(unix)]
#[test]
fn a_read_only_database_is_refused_before_anything_is_typed() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let message = stderr_of(&[db.as_os_str()]);
    assert!(message.contains("只读"), "{message}");
}

#[test]
fn a_full_database_keeps_the_text_in_the_editor_and_writes_a_rescue_file() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let pages: i64 = s
        .store
        .connection()
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap();
    s.store
        .connection()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    s.handle(Action::Command(Command::EditAnswer), at(0));
    // At 待述责 Enter asks first: confirmed, the questions start and the answer opens.
    s.handle(Action::Confirm, at(0));
    let text = "满盘时输入的回答。".repeat(2000);
    s.handle(Action::Paste(text.clone()), at(1));
    s.handle(Action::Tick, at(2));
    let message = s
        .console
        .saving
        .problem
        .clone()
        .expect("the failure is shown");
    assert!(
        message.contains("磁盘已满") && message.contains("rescue"),
        "{message}"
    );
    match &s.console.recorder.mode {
        Mode::Editor(editor) => {
            assert_eq!(editor.body(), text, "the text stays in the editor");
            assert!(editor.dirty_since.is_some(), "and is still unsaved");
        }
        other => panic!("{other:?}"),
    }
    let target = TextTarget::Answer {
        slot: 1,
        question: 1,
    };
    let identity = shuze::rescue::db_identity(&path);
    let rescue = path.with_file_name(shuze::rescue::file_name(&identity, target));
    assert!(
        message.contains(&rescue.display().to_string()),
        "names it: {message}"
    );
    assert!(std::fs::read_to_string(&rescue).unwrap().contains(&text));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&rescue).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Room again: the next tick saves it.
    s.store
        .connection()
        .pragma_update(None, "max_page_count", 1_000_000)
        .unwrap();
    s.handle(Action::Tick, at(3));
    assert!(
        s.console.saving.problem.is_some(),
        "not tried again at once"
    );
    s.handle(Action::Tick, at(6));
    let saved = s.store.slot_detail(1).unwrap().questions[0]
        .answer
        .clone()
        .unwrap()
        .body;
    assert_eq!(saved, text);
    assert_eq!(
        s.console.saving.problem, None,
        "the failure is no longer shown"
    );
    assert!(
        !rescue.exists(),
        "the rescue copy went once the text was saved"
    );
}

#[test]
fn a_second_recorder_is_refused_and_told_who_holds_the_meeting() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut store = Store::open(&db).unwrap();
    let held = RecorderLock::acquire(&db, 1, &store).unwrap();
    held.announce(&mut store, 1, at(0));
    let message = stderr_of(&[db.as_os_str()]);
    assert!(message.contains("另一个控制台"), "{message}");
    assert!(
        message.contains(&std::process::id().to_string()),
        "names the process: {message}"
    );
    assert!(
        message.contains("shuze present"),
        "offers the audience view: {message}"
    );
}

#[test]
fn a_stale_lock_left_by_a_killed_console_is_taken_over() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut first = Console::start(&[db.as_os_str().to_str().unwrap()], 100, 30);
    first.wait_for("第 1/8 位", 10);
    let second = shuze(&[db.as_os_str()]);
    assert!(!second.status.success(), "refused while the first runs");
    Process::new("kill")
        .args(["-KILL", &first.pid().unwrap().to_string()])
        .status()
        .unwrap();
    first.wait_exit(10);
    let store = Store::open(&db).unwrap();
    let lock = RecorderLock::acquire(&db, 1, &store);
    assert!(lock.is_ok(), "taken over: {lock:?}");
}

#[test]
fn control_characters_emoji_and_rare_characters_are_stored_as_typed() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.handle(Action::Command(Command::EditRemarks), at(0));
    let typed = "好👍🏽 𠀀𪚥 表\u{1b}]0;title\u{7}情";
    s.handle(Action::Paste(typed.into()), at(1));
    s.handle(Action::Cancel, at(2));
    let stored = s.store.slot_detail(1).unwrap().remarks.unwrap().body;
    assert_eq!(stored, "好👍🏽 𠀀𪚥 表情", "the OSC removed whole");
}

#[test]
fn a_megabyte_pasted_is_stored_whole() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.handle(Action::Command(Command::EditAnswer), at(0));
    s.handle(Action::Confirm, at(0));
    let big = "述责述廉，".repeat(70_000);
    assert!(big.len() > 1_000_000);
    s.handle(Action::Paste(big.clone()), at(1));
    s.handle(Action::Cancel, at(2));
    let stored = s.store.slot_detail(1).unwrap().questions[0]
        .answer
        .clone()
        .unwrap()
        .body;
    assert_eq!(stored.len(), big.len());
}

#[test]
fn five_hundred_officials_with_long_names_open_and_move() {
    let (dir, db) = temp_db();
    let mut text = String::from(
        "[meeting]\ntitle = \"五百人会议\"\ndate = 2026-12-18\nchair = \"马某\"\nrecorder = \"何某\"\n",
    );
    for i in 1..=500 {
        text.push_str(&format!(
            "[[official]]\nposition = {i}\nname = \"{}\"\nunit = \"某某县某某镇某某村民委员会第{i}工作组\"\npost = \"组长\"\nreport_minutes = 5\n",
            "欧阳长长的名字".repeat(3)
        ));
    }
    let file = write_prep(dir.path(), "big.toml", &text);
    let mut store = Store::create_or_open(&db).unwrap();
    shuze::prep::import_file(&file, &mut store, at(0)).unwrap();
    let mut s = Session::open(store, None, Lang::Zh, at(0)).unwrap();
    s.handle(Action::Command(Command::Jump), at(1));
    s.handle(Action::Paste("499".into()), at(1));
    s.handle(Action::Confirm, at(1));
    assert_eq!(s.console.slot().unwrap().position, 499);
    s.handle(Action::Command(Command::NextOfficial), at(2));
    s.handle(Action::Command(Command::NextOfficial), at(2));
    assert_eq!(s.console.slot().unwrap().position, 500);
    for (w, h) in [(60, 18), (160, 45)] {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| shuze::ui::draw(f, &s.console, &shuze::ui::Theme::projector_dark()))
            .unwrap();
    }
}

#[test]
fn the_panic_path_gives_the_terminal_back_and_keeps_what_was_typed() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let home = dir.path().join("home");
    let mut console = Console::start_with_env(
        &[db.to_str().unwrap()],
        100,
        30,
        &[
            ("SHUZE_TEST_PANIC", "1"),
            ("HOME", home.to_str().unwrap()),
            ("XDG_DATA_HOME", home.join("data").to_str().unwrap()),
        ],
    );
    console.wait_for("第 1/8 位", 10);
    console.send("r");
    console.wait_for("记录点评", 5);
    console.send("崩溃前输入的点评");
    console.send("\x1b[24~");
    assert!(!console.wait_exit(10), "a panic ends with a failure exit");
    let screen = console.screen();
    assert!(
        !screen.contains("记录点评"),
        "back on the main screen:\n{screen}"
    );
    let output = console.output();
    let after = output.rsplit("\x1b[?1049l").next().unwrap();
    assert!(
        after.contains("内部错误") && after.contains(".log"),
        "a short message with the log: {after}"
    );
    let logs: Vec<_> = std::fs::read_dir(home.join("data/shuze/logs"))
        .unwrap()
        .collect();
    assert_eq!(logs.len(), 1, "the details are in one log file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let log = logs[0].as_ref().unwrap().path();
        assert_eq!(
            std::fs::metadata(&log).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(
            std::fs::read_to_string(&log)
                .unwrap()
                .contains("test panic"),
            "the log has the details"
        );
    }
    assert!(output.contains("\x1b[?25h"), "the cursor is shown");
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.slot_detail(1).unwrap().remarks.unwrap().body,
        "崩溃前输入的点评"
    );
}

/// Runs `tmux -L SOCKET ARGS` and returns what it printed.
fn tmux(socket: &str, args: &[&str]) -> String {
    let output = Process::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux is installed (.ci/run installs it)");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn closing_the_window_saves_the_text_and_exits_quietly() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let socket = format!("shuze-test-{}", std::process::id());
    let command = format!(
        "XDG_DATA_HOME={} {} {}",
        data.display(),
        env!("CARGO_BIN_EXE_shuze"),
        db.display()
    );
    tmux(
        &socket,
        &["new-session", "-d", "-x", "100", "-y", "30", &command],
    );
    let pid = tmux(&socket, &["display-message", "-p", "#{pane_pid}"])
        .trim()
        .to_string();
    let shows = |text: &str| tmux(&socket, &["capture-pane", "-p"]).contains(text);
    wait_until(10, "the first screen", || shows("第 1/8 位"));
    tmux(&socket, &["send-keys", "m"]);
    wait_until(5, "the note's editor", || shows("不投影、不导出"));
    tmux(&socket, &["send-keys", "-l", "窗口被关掉之前的备注"]);
    wait_until(5, "the note on screen", || shows("窗口被关掉之前的备注"));
    tmux(&socket, &["kill-server"]);
    wait_until(10, "the console to end with its window", || {
        !Path::new(&format!("/proc/{pid}")).exists()
    });
    assert!(
        !data.join("shuze/logs").exists(),
        "no internal error on the way out"
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.slot_detail(1).unwrap().note.unwrap().body,
        "窗口被关掉之前的备注"
    );
    let reopened = Session::open(store, None, Lang::Zh, at(0)).unwrap();
    assert!(
        matches!(reopened.console.recorder.mode, Mode::Browse),
        "a private note is not reopened on the screen"
    );
}

#[test]
fn sighup_saves_the_text() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("第 1/8 位", 10);
    console.send("r");
    console.send("挂断信号之前的点评");
    let pid = console.pid().unwrap().to_string();
    Process::new("kill").args(["-HUP", &pid]).status().unwrap();
    assert!(console.wait_exit(10));
    let remarks = Store::open(&db)
        .unwrap()
        .slot_detail(1)
        .unwrap()
        .remarks
        .unwrap()
        .body;
    assert_eq!(remarks, "挂断信号之前的点评");
}

#[test]
fn resizing_to_one_cell_and_back_redraws_the_whole_console() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("第 1/8 位", 10);
    console.resize(1, 1);
    console.resize(100, 30);
    console.send("n");
    console.wait_for("第 2/8 位", 5);
    console.wait_for("王某", 5);
    console.send("q");
    assert!(console.wait_exit(10));
}

#[cfg(unix)]
#[test]
fn the_sample_working_copy_and_its_folder_are_private_and_its_path_is_printed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let shipped = std::fs::read(SAMPLE_DB).unwrap();
    let mut console =
        Console::start_with_env(&[], 100, 30, &[("XDG_DATA_HOME", data.to_str().unwrap())]);
    console.wait_for("第 1/8 位", 10);
    console.send("q");
    assert!(console.wait_exit(10));
    let folder = data.join("shuze");
    let copy = folder.join("sample-working.db");
    assert!(
        console.output().contains("sample-working.db"),
        "the path is printed on exit"
    );
    assert_eq!(
        std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777,
        0o700
    );
    for entry in std::fs::read_dir(&folder).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", entry.path().display());
        }
    }
    assert!(
        std::fs::read(SAMPLE_DB).unwrap() == shipped,
        "sample-db/ is never modified"
    );
    assert!(copy.is_file());
}

#[test]
fn an_official_with_nothing_prepared_can_be_run() {
    let (dir, db) = temp_db();
    let text = MINIMAL_PREP
        .split("[[official.question]]")
        .next()
        .unwrap()
        .to_string();
    let file = write_prep(dir.path(), "bare.toml", &text);
    let mut store = Store::create_or_open(&db).unwrap();
    shuze::prep::import_file(&file, &mut store, at(0)).unwrap();
    let mut s = Session::open(store, None, Lang::Zh, at(0)).unwrap();
    s.handle(Action::Command(Command::NextStage), at(1));
    s.handle(Action::Command(Command::NextStage), at(2));
    s.handle(Action::Command(Command::EditAnswer), at(3));
    assert!(
        s.console
            .recorder
            .message
            .clone()
            .unwrap()
            .text
            .contains("现场提问")
    );
    for pane in 0..5 {
        s.handle(Action::Command(Command::MoveDown), at(4 + pane));
        s.handle(Action::Command(Command::NextPane), at(4 + pane));
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| shuze::ui::draw(f, &s.console, &shuze::ui::Theme::projector_dark()))
        .unwrap();
}

#[test]
fn a_form_retried_after_a_full_disk_shows_what_it_wrote() {
    use shuze::app::Action::{Confirm, Paste, Step};
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let pages: i64 = s
        .store
        .connection()
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap();
    let questions = s.console.snapshot.detail.questions.len();
    s.store
        .connection()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    s.handle(Action::Command(Command::AddQuestion), at(1));
    s.handle(Paste("人大代表".into()), at(2));
    s.handle(Step(1), at(3));
    s.handle(Paste("满盘时的现场提问".repeat(300)), at(4));
    s.handle(Confirm, at(5));
    assert!(
        matches!(s.console.recorder.mode, Mode::Form(_)),
        "the form is back"
    );
    assert!(s.console.saving.problem.is_some());
    s.store
        .connection()
        .pragma_update(None, "max_page_count", 1_000_000)
        .unwrap();
    s.handle(Confirm, at(6));
    assert_eq!(
        s.console.snapshot.detail.questions.len(),
        questions + 1,
        "the retried question is on screen"
    );
    assert_eq!(s.console.saving.problem, None, "and the failure is gone");
}

#[test]
fn the_start_up_questions_leave_tmux_s_pane_title_alone() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let socket = format!("shuze-title-{}", std::process::id());
    let command = format!(
        "XDG_DATA_HOME={} {} {}",
        data.display(),
        env!("CARGO_BIN_EXE_shuze"),
        db.display()
    );
    tmux(
        &socket,
        &["new-session", "-d", "-x", "100", "-y", "30", &command],
    );
    let shows = |text: &str| tmux(&socket, &["capture-pane", "-p"]).contains(text);
    wait_until(10, "the first screen", || shows("第 1/8 位"));
    let title = tmux(&socket, &["display-message", "-p", "#{pane_title}"]);
    tmux(&socket, &["kill-server"]);
    assert!(
        !title.contains("Gi=") && !title.contains("AAAA"),
        "the kitty query became the pane's title: {title}"
    );
}
