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

fn names(store: &Store) -> Vec<String> {
    store
        .agenda(1)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect()
}

#[test]
fn an_update_corrects_officials_their_order_and_earlier_follow_ups_but_not_one_heard() {
    let (_dir, db) = temp_db();
    let mut store = sample_store(&db);
    let agenda = store.agenda(1).unwrap();
    let (first, second, third, fourth) = (agenda[0].id, agenda[1].id, agenda[2].id, agenda[3].id);
    // 张某 has started reporting.
    store
        .set_stage(first, Stage::Pending, Stage::Report, at(10))
        .unwrap();
    let mut changed = prep::from_store(&store, 1).unwrap();
    let mut officials = changed.prepared.officials.clone();
    // 张某 renamed and put last: not applied, they have been heard.
    let mut heard = officials.remove(0);
    heard.slot.name = "张某某".into();
    // 王某: post and leader in charge corrected; earlier follow-ups: one updated, one left
    // out, one added.
    officials[0].slot.post = "局长（主持工作）".into();
    officials[0].slot.supervisor = "钱某（副县长）".into();
    let follow_ups = &mut officials[0].earlier_follow_ups;
    follow_ups[0].progress = "已建立周调度".into();
    follow_ups[0].status = shuze::domain::FollowUpStatus::Completed;
    let dropped = follow_ups.remove(1);
    let mut raised = follow_ups[0].clone();
    raised.problem = "会前新发现的问题".into();
    // A new row typed into the workbook has no identity yet.
    raised.key.clear();
    follow_ups.push(raised);
    // 刘某's name corrected (same unit).
    officials[1].slot.name = "刘某某".into();
    // 杨某 taken off the agenda.
    let yang = officials.remove(2);
    // 黄某 and 吴某 change places; a new official between 王某 and 刘某某.
    officials.swap(2, 3);
    let mut newcomer = officials[0].clone();
    newcomer.slot.name = "新某".into();
    newcomer.slot.unit = "县水利局".into();
    newcomer.earlier_follow_ups.clear();
    officials.insert(1, newcomer);
    officials.push(heard);
    changed.prepared.officials = officials;
    // The 纪要's head changes; the place and an attendee's removal cannot.
    changed.office = "中共某县纪委办公室（新）".into();
    changed.issue = Some(12);
    changed.prepared.meeting.place = "县委第二会议室".into();
    let gone = changed.prepared.attendees.remove(0);

    let update = plan_update(&store, 1, &changed).unwrap();
    let lines: Vec<String> = update.steps.iter().map(Step::describe).collect();
    let listed = |text: &str| lines.iter().any(|l| l.contains(text));
    for text in [
        "王某：职务改为 局长（主持工作），分管县领导改为 钱某（副县长）",
        "刘某：姓名改为 刘某某",
        "杨某（某某乡）从议程撤下",
        "议程顺序改为：张某、王某、新某、刘某某、吴某、黄某、孙某、郑某",
        "新增述责人：新某（县水利局",
        "议程第 3 位",
        "王某：修改以往整改「专项资金拨付进度滞后」",
        "王某：新增以往整改「会前新发现的问题」",
        "纪要发文机关改为「中共某县纪委办公室（新）」，期号改为第 12 期",
    ] {
        assert!(listed(text), "{text} in {lines:#?}");
    }
    assert!(!listed("张某某"), "{lines:#?}");
    let kept = |text: &str| update.not_applied.iter().any(|n| n.contains(text));
    for text in [
        "张某 已开始述责",
        "已开始述责的述责人保持在议程中原来的位置",
        "没有记录会议信息更正的表",
        &format!("出席人员 {} 不在新的名单里", gone.name),
        "不能撤下出席人员",
        &format!("以往整改「{}」不在新的表里", dropped.problem),
    ] {
        assert!(kept(text), "{text} in {:#?}", update.not_applied);
    }

    apply_update(&mut store, &update, at(100)).unwrap();
    assert_eq!(
        names(&store),
        [
            "张某",
            "王某",
            "新某",
            "刘某某",
            "吴某",
            "黄某",
            "孙某",
            "郑某"
        ]
    );
    let agenda = store.agenda(1).unwrap();
    assert_eq!(agenda[0].id, first, "the heard official keeps their place");
    assert_eq!(agenda[0].stage, Stage::Report);
    assert_eq!(
        (agenda[1].post.as_str(), agenda[1].supervisor.as_str()),
        ("局长（主持工作）", "钱某（副县长）")
    );
    assert_eq!(agenda[1].id, second);
    assert_eq!(
        agenda[3].id, third,
        "a corrected name keeps the official's rows"
    );
    assert!(!store.slot_detail(third).unwrap().questions.is_empty());
    // Withdrawn, never deleted.
    assert!(!agenda.iter().any(|s| s.id == fourth));
    let rows: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM agenda_slot WHERE name = ?1",
            [&yang.slot.name],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(rows, 1);
    // Earlier follow-ups of 王某: updated, the dropped one still there, the new one added.
    let earlier = store.prepared_follow_ups(second).unwrap();
    let problems: Vec<&str> = earlier.iter().map(|f| f.problem.as_str()).collect();
    assert!(problems.contains(&dropped.problem.as_str()), "{problems:?}");
    assert!(problems.contains(&"会前新发现的问题"), "{problems:?}");
    let updated = earlier
        .iter()
        .find(|f| f.problem == "专项资金拨付进度滞后")
        .unwrap();
    assert_eq!(updated.progress, "已建立周调度");
    assert_eq!(updated.status, shuze::domain::FollowUpStatus::Completed);
    assert_eq!(
        store.summary_head(1).unwrap(),
        ("中共某县纪委办公室（新）".to_string(), Some(12))
    );
    assert_eq!(
        store.meeting(1).unwrap().place,
        prep::from_store(&store, 1).unwrap().prepared.meeting.place
    );
    assert_ne!(store.meeting(1).unwrap().place, "县委第二会议室");
    assert!(
        store
            .attendees(1)
            .unwrap()
            .iter()
            .any(|a| a.name == gone.name)
    );
    // The same file again changes nothing more.
    let again = plan_update(&store, 1, &changed).unwrap();
    let again: Vec<String> = again.steps.iter().map(Step::describe).collect();
    assert!(again.is_empty(), "{again:#?}");
}

#[test]
fn a_follow_up_updated_at_the_meeting_keeps_what_was_recorded() {
    let (_dir, db) = temp_db();
    let mut store = sample_store(&db);
    let agenda = store.agenda(1).unwrap();
    let (first, second) = (agenda[0].id, agenda[1].id);
    // At 张某's report, 王某's unit's follow-up was updated (the console can do so).
    let mut recorded = store.prepared_follow_ups(second).unwrap()[0].clone();
    recorded.progress = "会上说明：已整改".into();
    store
        .change_follow_up(&recorded, Some(first), at(20))
        .unwrap();
    let mut changed = prep::from_store(&store, 1).unwrap();
    changed.prepared.officials[1].earlier_follow_ups[0].progress = "表里的旧说法".into();
    let update = plan_update(&store, 1, &changed).unwrap();
    assert!(update.steps.is_empty(), "{:?}", update.steps);
    assert!(
        update
            .not_applied
            .iter()
            .any(|n| n.contains("已在会上更新")),
        "{:?}",
        update.not_applied
    );
}

/// The workbook from before the meeting, applied with `--update` after the recorder put
/// slips right in the console for officials not yet heard: every console correction stays,
/// and each is listed as not applied (会上已修改).
#[test]
fn an_update_from_before_the_meeting_undoes_nothing_done_in_the_console() {
    use shuze::domain::{AgendaMove, Attendance, QuestionChange};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("会议.db");
    let mut store = sample_store(&db);
    let before = prep::from_store(&store, 1).unwrap();
    prep::write_prepared(&before, &dir.path().join("会前.xlsx"), false).unwrap();
    let agenda = store.agenda(1).unwrap();
    let wang = agenda[1].id;
    let detail = store.slot_detail(wang).unwrap();
    // In the console, before 王某 reports: an absence, a corrected risk point, a
    // withdrawn question, a duty item added and one withdrawn, 刘某 moved up.
    let lin = store.attendees(1).unwrap()[1].clone();
    store
        .change_attendance(lin.id, Attendance::Absent, "临时公务", None, None, at(5))
        .unwrap();
    let mut risk = detail.risk_points[0].clone();
    risk.text = "预算资金分配与调整".into();
    store.change_risk_point(&risk, false, at(6)).unwrap();
    let question = detail.questions[1].clone();
    let withdraw = QuestionChange {
        withdrawn: Some(true),
        ..QuestionChange::default()
    };
    store
        .change_question(question.id, &withdraw, at(7))
        .unwrap();
    let mut added = detail.duty_items[0].clone();
    added.text = "会上补充的责任事项".into();
    store.add_duty_item(wang, &added, at(8)).unwrap();
    store
        .change_duty_item(&detail.duty_items[1], true, at(9))
        .unwrap();
    store
        .move_official(agenda[2].id, AgendaMove::Up, at(10))
        .unwrap();
    let corrected = |store: &Store| {
        let d = store.slot_detail(wang).unwrap();
        (
            store.attendees(1).unwrap(),
            d.risk_points,
            d.questions
                .iter()
                .map(|q| q.text.clone())
                .collect::<Vec<_>>(),
            d.duty_items,
            names(store),
        )
    };
    let console = corrected(&store);
    let update = plan_update(
        &store,
        1,
        &read_file(&dir.path().join("会前.xlsx")).unwrap(),
    )
    .unwrap();
    let lines: Vec<String> = update.steps.iter().map(Step::describe).collect();
    assert!(lines.is_empty(), "nothing to change back: {lines:#?}");
    for text in [
        "林某",
        "预算资金分配",
        &question.text.chars().take(10).collect::<String>(),
        "会上补充的责任事项",
        &detail.duty_items[1]
            .text
            .chars()
            .take(10)
            .collect::<String>(),
        "议程顺序会上已修改",
    ] {
        assert!(
            update
                .not_applied
                .iter()
                .any(|n| n.contains(text) && n.contains("会上已修改")),
            "{text} in {:#?}",
            update.not_applied
        );
    }
    drop(store);
    // The same through the command line: applied, and the console's work is all there.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
        .current_dir(dir.path())
        .args([
            "import",
            "会前.xlsx",
            "--db",
            "会议.db",
            "--update",
            "--yes",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("会上已修改"), "{said}");
    let store = Store::open(&db).unwrap();
    assert!(
        corrected(&store) == console,
        "the console's corrections stay"
    );
}

/// A workbook whose meeting (title and date) is not in the file is refused with `--update`
/// unless `--meeting` names the target; nothing changes.
#[test]
fn an_update_of_another_meeting_is_refused_unless_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("会议.db");
    let store = sample_store(&db);
    let mut other = prep::from_store(&store, 1).unwrap();
    drop(store);
    other.prepared.meeting.title = "另一场会议".into();
    other.prepared.officials[0].slot.report_minutes = 9;
    prep::write_prepared(&other, &dir.path().join("另一场.toml"), false).unwrap();
    let before = std::fs::read(&db).unwrap();
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
            .current_dir(dir.path())
            .args([
                "import",
                "另一场.toml",
                "--db",
                "会议.db",
                "--update",
                "--yes",
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let refused = run(&[]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("没有「另一场会议」") && said.contains("--meeting"),
        "{said}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing written");
    let named = run(&["--meeting", "1"]);
    assert!(named.status.success(), "{named:?}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.agenda(1).unwrap()[0].report_minutes, 9);
}

/// A changed 政治画像 or 提醒谈话 in the update's file is listed as not applied, and the
/// findings and talks in the file stay as imported.
#[test]
fn an_update_lists_a_changed_portrait_as_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("会议.db");
    drop(sample_store(&db));
    let store = Store::open(&db).unwrap();
    let mut preparation = prep::from_store(&store, 1).unwrap();
    drop(store);
    preparation.prepared.officials[0].portrait[0].problem = "改过的问题".into();
    let file = dir.path().join("改.toml");
    prep::write_prepared(&preparation, &file, false).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args([
            "import",
            file.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .args(["--update", "--yes"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        shown.contains("张某：政治画像和提醒谈话的改动未应用"),
        "{shown}"
    );
    let store = Store::open(&db).unwrap();
    let slot = store.agenda(1).unwrap()[0].id;
    let portrait = store.portrait_of_slot(slot).unwrap();
    assert_eq!(portrait.len(), 2);
    assert!(portrait.iter().all(|f| f.problem != "改过的问题"));
}
