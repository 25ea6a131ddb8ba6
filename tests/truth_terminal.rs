//! Issue 19's console rules end to end: the real console in a pseudo-terminal, then the
//! real file. Forms choose nothing for the recorder; Ctrl-C keeps what SIGTERM keeps.

mod common;

use common::pty::Console;
use common::*;
use shuze::domain::FollowUpSource;
use shuze::storage::Store;

const RIGHT: &str = "\x1b[C";

fn start(db: &std::path::Path, data: &std::path::Path) -> Console {
    let data = data.to_str().unwrap();
    let console =
        Console::start_with_env(&[db.to_str().unwrap()], 120, 36, &[("XDG_DATA_HOME", data)]);
    console.wait_for("第 1/8 位", 10);
    console
}

#[test]
fn a_follow_up_from_the_remarks_and_a_new_attendee_are_recorded_as_typed() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = start(&db, &dir.path().join("data"));
    // The follow-up form: no source chosen; 点评 chosen, no question.
    console.send("f");
    console.wait_for("问题来源: < （未选择） >", 5);
    console.send(RIGHT);
    console.wait_for("问题来源: < 点评 >", 5);
    console.send("\t\t");
    console.send("点评指出台账不全");
    console.wait_for("点评指出台账不全", 5);
    console.send("\r");
    console.wait_for("问题清单 (3)", 5);
    // The attendance form: nobody chosen; 出席 and a new name.
    console.send("A");
    console.wait_for("人员: < （未选择） >", 5);
    console.send("\t");
    console.send(RIGHT);
    console.send("\t\t\t");
    console.send("新来的人");
    console.wait_for("新来的人", 5);
    // Enter, then q: read in order, q quits only once the form has closed.
    console.send("\r");
    console.send("q");
    assert!(console.wait_exit(10), "leaves cleanly");

    let store = Store::open(&db).unwrap();
    let slot = store.agenda(1).unwrap()[0].id;
    let follow_up = &store.slot_detail(slot).unwrap().follow_ups[0];
    assert_eq!(follow_up.problem, "点评指出台账不全");
    assert_eq!(follow_up.source, FollowUpSource::Remarks);
    assert_eq!(follow_up.question, None, "no question attached");
    let attendees = store.attendees(1).unwrap();
    let new = attendees.iter().find(|a| a.name == "新来的人");
    assert!(new.is_some(), "added as new: {attendees:?}");
    let chair = attendees.iter().find(|a| a.name == "马某").unwrap();
    assert_eq!(
        (chair.arrived_at, chair.left_at),
        (None, None),
        "the chair untouched"
    );
}

#[test]
fn ctrl_c_keeps_a_half_filled_form_and_an_open_editor_for_the_next_start() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let mut console = start(&db, &data);
    console.send("a");
    console.send("县人大代表 某某");
    console.send("\t");
    console.send("半句现场提问");
    console.wait_for("半句现场提问", 5);
    console.send_now("\x03");
    assert!(console.wait_exit(10), "Ctrl-C leaves cleanly");
    assert!(
        console.output().contains("已保存"),
        "all of it is in the file"
    );
    drop(console);

    let mut console = start(&db, &data);
    console.wait_for("半句现场提问", 5);
    console.wait_for("县人大代表 某某", 5);
    console.send("\x1b");
    console.send("r");
    console.send("会前准备充分");
    console.wait_for("会前准备充分", 5);
    console.send_now("\x03");
    assert!(console.wait_exit(10));
    drop(console);

    let console = start(&db, &data);
    console.wait_for("记录点评", 5);
    console.wait_for("会前准备充分", 5);
    let store = Store::open(&db).unwrap();
    let remarks = store.slot_detail(store.agenda(1).unwrap()[0].id).unwrap();
    assert_eq!(remarks.remarks.unwrap().body, "会前准备充分");
}

#[test]
fn after_g_the_agenda_g_and_the_header_number_the_new_order() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = start(&db, &dir.path().join("data"));
    console.wait_for(" 1 张某", 5);
    console.send("G");
    console.wait_for("议程顺序已调整", 5);
    console.wait_for(" 8 张某", 5);
    console.wait_for(" 1 王某", 5);
    console.wait_for("第 8/8 位  张某", 5);
    console.send("g");
    console.send("1\r");
    console.wait_for("第 1/8 位  王某", 5);
    console.send("q");
    assert!(console.wait_exit(10));
}

/// A meeting prepared for a day long past: the first stage asks to move its date to today;
/// `y` moves it, and the record says the day it was held.
#[test]
fn the_first_stage_on_another_day_asks_and_y_moves_the_date() {
    let (dir, _) = temp_db();
    let prep = write_prep(
        dir.path(),
        "prep.toml",
        &MINIMAL_PREP.replace("2026-12-18", "2020-01-06"),
    );
    let db = dir.path().join("meeting.db");
    let imported = std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args([
            "import",
            prep.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");
    let data = dir.path().join("data");
    let mut console = Console::start_with_env(
        &[db.to_str().unwrap()],
        120,
        36,
        &[("XDG_DATA_HOME", data.to_str().unwrap())],
    );
    console.wait_for("第 1/1 位", 10);
    console.send("s");
    console.wait_for("会议准备的日期是2020年1月6日", 5);
    console.wait_for("Esc/n 保留原日期", 5);
    let today = chrono::Local::now().date_naive();
    console.send("y");
    console.wait_for("述责报告", 5);
    console.wait_for(&today.format("%Y-%m-%d").to_string(), 5);
    console.send("q");
    assert!(console.wait_exit(10));
    drop(console);

    let store = Store::open(&db).unwrap();
    assert_eq!(store.meeting(1).unwrap().held_on, today);
    let out = dir.path().join("record.md");
    let exported = std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(["export", db.to_str().unwrap(), "--kind", "record"])
        .args(["--format", "md", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(exported.status.success(), "{exported:?}");
    let record = std::fs::read_to_string(out).unwrap();
    let day = today.format("%Y年%-m月%-d日").to_string();
    assert!(record.contains(&format!("**时间**：{day}")), "{record}");
    assert!(!record.contains("2020年1月6日"), "{record}");
}
