//! Shared helpers: a real SQLite file in a temporary folder, loaded with the sample meeting.
#![allow(dead_code)]

pub mod pty;

use chrono::{DateTime, TimeZone, Utc};
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::Store;
use std::path::{Path, PathBuf};

/// How often a wait asks again whether its condition holds.
pub const POLL_INTERVAL: std::time::Duration = std::time::Duration::from_millis(20);

/// Whether `done()` comes to hold within `seconds`, asking every [`POLL_INTERVAL`].
pub fn eventually(seconds: u64, mut done: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    loop {
        if done() {
            return true;
        }
        if std::time::Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(POLL_INTERVAL);
    }
}

/// Lets `time` pass where the time itself is what a test is about, never to wait for
/// something: a typist's pace, the moment of a power cut, a lock held while keys come.
/// Each use says why. (tests/hygiene.rs allows a sleep here and in [`eventually`] only.)
pub fn pace(time: std::time::Duration) {
    std::thread::sleep(time);
}

/// Waits until `done()` holds; panics naming `what` after `seconds`. The one way these
/// tests wait: for a condition, with a deadline, never for a time.
pub fn wait_until(seconds: u64, what: &str, done: impl FnMut() -> bool) {
    assert!(eventually(seconds, done), "waited {seconds} s for {what}");
}

/// Runs shuze with `args` (stdin closed, stdout dropped); it must end within 10 s, or it is
/// killed and the test fails as a hang. Success and standard error.
pub fn shuze_within_deadline(args: &[&str]) -> (bool, String) {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("shuze-test-data"),
        )
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut status = None;
    eventually(10, || {
        status = child.try_wait().unwrap();
        status.is_some()
    });
    let Some(status) = status else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("{args:?} still running after 10 s: it hangs");
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (status.success(), stderr)
}

/// Whether the file at `db` holds `text` in a draft being typed, a kept revision or the
/// console's saved place (a half-filled form), read through a read-only connection.
pub fn file_holds_text(db: &Path, text: &str) -> bool {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let Ok(conn) = rusqlite::Connection::open_with_flags(db, flags) else {
        return false;
    };
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM text_draft_now WHERE instr(body, ?1))
             OR EXISTS (SELECT 1 FROM text_revision WHERE instr(body, ?1))
             OR EXISTS (SELECT 1 FROM console_state WHERE instr(state, ?1))",
        [text],
        |row| row.get(0),
    )
    .unwrap_or(false)
}

/// Waits until the file holds `text` (see [`file_holds_text`]): what was typed is saved.
pub fn wait_for_text_in_file(db: &Path, text: &str) {
    wait_until(10, &format!("{text:?} in the file"), || {
        file_holds_text(db, text)
    });
}

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

/// A copy of the shipped sample database in `dir`, as `meeting.db`.
pub fn sample_copy(dir: &Path) -> PathBuf {
    let path = dir.join("meeting.db");
    std::fs::copy(SAMPLE_DB, &path).unwrap();
    path
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

/// The sample meeting with a morning's recording: the first official taken through every
/// stage (answers, a question on the spot, remarks, rating, a follow-up), the second
/// skipped, the seventh (written only) questioned, a private note and closing remarks.
pub fn recorded_sample(path: &Path) -> Session {
    use shuze::app::Action::{Cancel, Command as C, Confirm, Paste, Step};
    use shuze::app::Command::*;
    let mut s = sample_session(path);
    let mut t = 0;
    let mut go = |s: &mut Session, action: shuze::app::Action, seconds: i64| {
        t += seconds;
        s.handle(action, at(t));
    };
    go(&mut s, C(NextStage), 0);
    go(&mut s, C(NextStage), 7 * 60 + 42);
    go(&mut s, C(EditAnswer), 30);
    go(&mut s, Paste("我们制定了责任清单，".into()), 20);
    go(&mut s, shuze::app::Action::Tick, 1);
    // A pause: what was typed so far is kept as a revision of its own.
    go(&mut s, shuze::app::Action::Tick, 3);
    go(
        &mut s,
        Paste("查摆廉政风险点4个，制定防控措施7项，完善制度3项。\n村级谈话年底前全覆盖。".into()),
        40,
    );
    go(&mut s, Cancel, 5);
    go(&mut s, C(MoveDown), 10);
    go(&mut s, C(EditAnswer), 5);
    go(
        &mut s,
        Paste("已追回多发资金1.2万元，正在建立台账。".into()),
        60,
    );
    go(&mut s, Cancel, 1);
    go(&mut s, C(ToggleWrittenReply), 5);
    // The recorder picks the first reason: 回答未能令人满意.
    go(
        &mut s,
        shuze::app::Action::Input(shuze::app::key::KeyEvent::from(
            shuze::app::key::KeyCode::Char('1'),
        )),
        0,
    );
    go(&mut s, C(AddQuestion), 20);
    go(&mut s, Paste("县政协委员 某某".into()), 5);
    go(&mut s, Step(1), 1);
    go(&mut s, Paste("家风教育为何迟迟没有开展？".into()), 10);
    go(&mut s, Confirm, 2);
    go(&mut s, C(EditAnswer), 5);
    go(&mut s, Paste("方案已定，下月组织实施。".into()), 30);
    go(&mut s, Cancel, 1);
    go(&mut s, C(NextStage), 60);
    go(&mut s, C(EditRemarks), 10);
    go(
        &mut s,
        Paste("责任清单落实较好。但村级谈话覆盖不足，家风教育滞后，要限期整改。".into()),
        90,
    );
    go(&mut s, Cancel, 1);
    go(&mut s, C(EditNote), 5);
    go(&mut s, Paste("会后单独提醒张某注意汇报时长".into()), 10);
    go(&mut s, Cancel, 1);
    go(&mut s, C(NextStage), 20);
    // The tallies form opens on 好 (the first tally), 较好 next.
    go(&mut s, C(RecordRating), 5);
    for (field, count) in ["5", "2"].into_iter().enumerate() {
        if field > 0 {
            go(&mut s, Step(1), 1);
        }
        go(
            &mut s,
            shuze::app::Action::Input(shuze::app::key::KeyEvent::from(
                shuze::app::key::KeyCode::Backspace,
            )),
            0,
        );
        go(&mut s, Paste(count.into()), 1);
    }
    go(&mut s, Confirm, 5);
    go(&mut s, C(NextStage), 60);
    go(&mut s, C(AddFollowUp), 5);
    // From the first question (its answer promised the talks): 提问 and the question
    // chosen by the recorder (the form chooses neither), then the problem.
    let right = || {
        shuze::app::Action::Input(shuze::app::key::KeyEvent::from(
            shuze::app::key::KeyCode::Right,
        ))
    };
    // 问题来源: （未选择）, 点评, 民主测评, 会前反馈, 提问, then 提问 with each question.
    for _ in 0..5 {
        go(&mut s, right(), 0);
    }
    go(&mut s, Step(2), 0);
    go(&mut s, Paste("村级廉政谈话未全覆盖".into()), 20);
    go(&mut s, Step(2), 1);
    go(&mut s, Paste("年底前完成全部村组干部谈话".into()), 20);
    go(&mut s, Step(3), 1);
    go(&mut s, Paste("2027-03-31".into()), 5);
    go(&mut s, Confirm, 2);
    go(&mut s, C(NextStage), 30);
    go(&mut s, C(NextOfficial), 5);
    go(&mut s, C(Skip), 5);
    go(&mut s, Paste("外出参加省级培训，书面请假".into()), 10);
    go(&mut s, Confirm, 2);
    go(&mut s, C(Jump), 5);
    go(&mut s, Paste("7".into()), 1);
    go(&mut s, Confirm, 1);
    go(&mut s, C(NextStage), 5);
    go(&mut s, C(EditAnswer), 10);
    go(
        &mut s,
        Paste("已追回违规医保基金46万元，涉及两家民营医院。".into()),
        60,
    );
    go(&mut s, Cancel, 1);
    go(&mut s, C(EditClosing), 600);
    go(
        &mut s,
        Paste("各单位要对照点评意见逐项整改。整改情况于三月底前报县纪委监委。".into()),
        120,
    );
    go(&mut s, Cancel, 1);
    s
}

/// A check that cannot run here (a tool from outside the repository, root): said where a
/// person sees it, a line in `$SHUZE_SKIP_LOG` that `tests/run.sh` lists at its end (the
/// harness swallows what passing tests print), and a failure where every check must run
/// (`SHUZE_NO_SKIP`, set by `.ci/run`).
pub fn skip(what: &str) {
    if std::env::var_os("SHUZE_NO_SKIP").is_some() {
        panic!("this check must run here (SHUZE_NO_SKIP) but cannot: {what}");
    }
    eprintln!("SKIPPED {what}");
    if let Some(log) = std::env::var_os("SHUZE_SKIP_LOG") {
        use std::io::Write;
        let test = std::thread::current().name().unwrap_or("main").to_string();
        let file = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(log);
        if let Ok(mut file) = file {
            let _ = writeln!(file, "{test}: {what}");
        }
    }
}

/// The shared OOXML validator (`../shared/tools/ooxml-validate`, or `$OOXML_VALIDATE`),
/// when it is there.
pub fn ooxml_validator() -> Option<PathBuf> {
    let tool = std::env::var_os("OOXML_VALIDATE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/ooxml-validate")
        });
    if tool.is_file() {
        return Some(tool);
    }
    skip(&format!(
        "OOXML schema check: no validator at {} (the shared tools beside the repository, or OOXML_VALIDATE)",
        tool.display()
    ));
    None
}

/// Checks Word and Excel files against the ECMA-376 schemas with the shared validator
/// (it needs xmllint, which tests/run.sh installs); skipped where the validator is not.
pub fn assert_valid_ooxml(files: &[&Path]) {
    let Some(tool) = ooxml_validator() else {
        return;
    };
    let output = std::process::Command::new(&tool)
        .args(files)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "not valid OOXML:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Writes `bytes` as `name` in a temporary folder and checks it like `assert_valid_ooxml`.
pub fn assert_valid_ooxml_bytes(name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    assert_valid_ooxml(&[&path]);
}

/// The recorded sample after two officials reported (the first in full, the seventh in
/// writing), with the first official's earlier follow-up updated in the meeting; ended
/// (`finished_at` set, as the console's end key will set it) when `ended`.
pub fn reported_sample(path: &Path, ended: bool) -> Session {
    let mut session = recorded_sample(path);
    let slot = session.store.agenda(1).unwrap()[0].id;
    let earlier = session.store.slot_detail(slot).unwrap().earlier_follow_ups;
    session
        .store
        .update_follow_up(
            earlier[0].id,
            shuze::domain::FollowUpStatus::Completed,
            "已完成全部村组干部廉政谈话",
            Some(slot),
            at(2_300),
        )
        .unwrap();
    if ended {
        let conn = rusqlite::Connection::open(path).unwrap();
        shuze::storage::chain::register(&conn).unwrap();
        conn.execute(
            "UPDATE meeting SET finished_at = ?1 WHERE id = 1",
            [at(2_400)],
        )
        .unwrap();
    }
    session
}
