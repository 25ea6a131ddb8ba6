//! End to end: the real binary in a pseudo-terminal, driven by key presses.

mod common;

use common::pty::Console;
use common::*;
use shuze::storage::Store;

#[test]
fn an_answer_typed_in_the_console_is_in_the_database_after_quitting() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = Console::start(&[db.to_str().unwrap()], 120, 36);
    console.wait_for("第 1/8 位", 10);
    console.begin_report();
    console.send("s");
    console.wait_for("提问质询", 5);
    console.send("\r");
    console.wait_for("记录回答", 5);
    console.send("查摆廉政风险点4个，制定防控措施7项");
    console.wait_for("制定防控措施7项", 5);
    console.send("\x1b");
    console.wait_for("已保存", 5);
    console.send("q");
    assert!(console.wait_exit(10), "clean exit");
    assert!(
        console.output().contains("meeting.db"),
        "the path is printed on exit"
    );

    let store = Store::open(&db).unwrap();
    let detail = store.slot_detail(store.agenda(1).unwrap()[0].id).unwrap();
    let answer = detail.questions[0].answer.as_ref().expect("answer saved");
    assert_eq!(answer.body, "查摆廉政风险点4个，制定防控措施7项");
    assert_eq!(
        store.agenda(1).unwrap()[0].stage,
        shuze::domain::Stage::Questions
    );
}

#[test]
fn sigterm_saves_the_text_being_typed_and_gives_the_terminal_back() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("第 1/8 位", 10);
    console.send("r");
    console.wait_for("记录点评", 5);
    console.send("会前准备充分");
    let pid = console.pid().unwrap();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(console.wait_exit(10), "SIGTERM ends the console cleanly");
    let output = console.output();
    assert!(
        output.contains("\x1b[?1049l"),
        "the main screen is restored"
    );
    assert!(output.contains("\x1b[?25h"), "the cursor is shown again");
    let store = Store::open(&db).unwrap();
    let remarks = store
        .slot_detail(store.agenda(1).unwrap()[0].id)
        .unwrap()
        .remarks;
    assert_eq!(remarks.unwrap().body, "会前准备充分");
}

#[test]
fn a_database_path_that_does_not_exist_exits_non_zero_with_advice() {
    let (dir, _) = temp_db();
    let missing = dir.path().join("nope.db");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("nope.db") && stderr.contains("shuze import"),
        "{stderr}"
    );
    assert!(!missing.exists(), "nothing is created by accident");
}
