//! `shuze import FILE --update`: a changed preparation becomes dated corrections; nothing
//! recorded is touched, an official already heard keeps their preparation, a question
//! already answered is never withdrawn.

mod common;

use common::*;
use shuze::domain::{DutyStatus, Stage};
use shuze::prep::{self, Step, apply_update, plan_update, read_file};
use shuze::storage::{Store, TextTarget};
use std::path::Path;

#[test]
fn an_update_changes_the_preparation_and_keeps_every_recorded_word() {
    let (_dir, db) = temp_db();
    let mut store = sample_store(&db);
    let agenda = store.agenda(1).unwrap();
    let (first, second) = (agenda[0].id, agenda[1].id);
    // The first official has been heard; the second's first question already answered.
    store
        .set_stage(first, Stage::Pending, Stage::Report, at(10))
        .unwrap();
    store
        .save_text(TextTarget::Remarks { slot: first }, "会上点评", at(20))
        .unwrap();
    let asked = store.slot_detail(second).unwrap().questions[0].id;
    store
        .save_text(
            TextTarget::Answer {
                slot: second,
                question: asked,
            },
            "已经整改",
            at(30),
        )
        .unwrap();
    let before_second = store.slot_detail(second).unwrap();

    let mut changed = read_file(Path::new(SAMPLE_TOML)).unwrap();
    let officials = &mut changed.prepared.officials;
    // Changes for the first official are not applied: they have been heard.
    officials[0].duty_items.clear();
    // The second: one duty item done now, one added, a risk point taken off, the answered
    // question dropped (kept), the others dropped (withdrawn), one added.
    let second_prep = &mut officials[1];
    second_prep.duty_items[0].status = DutyStatus::Done;
    let mut added = second_prep.duty_items[0].clone();
    added.text = "会前新增的事项".into();
    second_prep.duty_items.push(added);
    let withdrawn_risk = second_prep.risk_points.remove(0);
    second_prep.questions.clear();
    second_prep.questions.push(shuze::prep::PreparedQuestion {
        asker: "钱某".into(),
        text: "新增的问题".into(),
    });
    second_prep.slot.report_minutes = 6;
    // A new official at the end and a new attendee.
    let mut newcomer = officials[1].clone();
    newcomer.slot.name = "孙某".into();
    newcomer.slot.unit = "县水利局".into();
    officials.push(newcomer);
    let mut guest = changed.prepared.attendees[0].clone();
    guest.name = "郑某".into();
    changed.prepared.attendees.push(guest);

    let update = plan_update(&store, 1, &changed).unwrap();
    let lines: Vec<String> = update.steps.iter().map(Step::describe).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("新增责任事项「会前新增的事项」")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("新增述责人：孙某")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("新增出席人员 郑某")),
        "{lines:?}"
    );
    assert!(
        update.not_applied.iter().any(|n| n.contains("已开始述责")),
        "{:?}",
        update.not_applied
    );
    assert!(
        update
            .not_applied
            .iter()
            .any(|n| n.contains("已提出或已有回答")),
        "{:?}",
        update.not_applied
    );
    apply_update(&mut store, &update, at(100)).unwrap();

    let after = store.slot_detail(second).unwrap();
    assert_eq!(after.duty_items[0].status, DutyStatus::Done);
    assert_eq!(after.duty_items.len(), before_second.duty_items.len() + 1);
    assert!(
        !after
            .risk_points
            .iter()
            .any(|r| r.text == withdrawn_risk.text)
    );
    let texts: Vec<&str> = after.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        [before_second.questions[0].text.as_str(), "新增的问题"]
    );
    assert_eq!(after.questions[0].answer.as_ref().unwrap().body, "已经整改");
    let agenda = store.agenda(1).unwrap();
    assert_eq!(agenda[1].report_minutes, 6);
    assert_eq!(agenda.last().unwrap().name, "孙某");
    // The first official: preparation and record as they were.
    let first_now = store.slot_detail(first).unwrap();
    assert!(!first_now.duty_items.is_empty());
    assert_eq!(first_now.remarks.unwrap().body, "会上点评");
    assert_eq!(agenda[0].stage, Stage::Report);
    // Withdrawn is not deleted: the risk point's row is still in the file.
    let rows: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM risk_point WHERE text = ?1",
            [&withdrawn_risk.text],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(rows, 1);
    // The same file again changes nothing more.
    let again = plan_update(&store, 1, &changed).unwrap();
    assert!(again.steps.is_empty(), "{:?}", again.steps);
}

#[test]
fn the_command_line_shows_the_changes_and_applies_them_with_yes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("会议.db");
    drop(sample_store(&db));
    let store = Store::open(&db).unwrap();
    let mut preparation = prep::from_store(&store, 1).unwrap();
    drop(store);
    preparation.prepared.officials[2]
        .questions
        .push(shuze::prep::PreparedQuestion {
            asker: "钱某".into(),
            text: "前一天加的问题".into(),
        });
    let file = dir.path().join("改.xlsx");
    prep::write_prepared(&preparation, &file, false).unwrap();
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
            .args([
                "import",
                file.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
                "--update",
            ])
            .args(extra)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    let asked = run(&[]);
    let shown = String::from_utf8_lossy(&asked.stdout).to_string();
    assert!(shown.contains("新增提问「前一天加的问题」"), "{shown}");
    assert!(shown.contains("未作改动"), "no answer is no: {shown}");
    let applied = run(&["--yes"]);
    assert!(applied.status.success(), "{applied:?}");
    assert!(String::from_utf8_lossy(&applied.stdout).contains("已应用 1 处改动"));
    let store = Store::open(&db).unwrap();
    let slot = store.agenda(1).unwrap()[2].id;
    let questions = store.slot_detail(slot).unwrap().questions;
    assert_eq!(questions.last().unwrap().text, "前一天加的问题");
    assert!(questions.last().unwrap().prepared);
}
