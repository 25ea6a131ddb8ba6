//! What the documents say: only what was recorded. After 散会 every addition is a 会后补记,
//! marked where it stands in the record and left out of the 纪要's counts; every sentence
//! the documents write of their own needs its recorded facts (`export::sentences`).

mod common;

use chrono::FixedOffset;
use common::*;
use shuze::app::Action::{Cancel, Command as C, Confirm, Input, Paste};
use shuze::app::Command;
use shuze::app::key::{KeyCode, KeyEvent};
use shuze::export::sentences::{self, Doc};
use shuze::export::{self, Format, Kind, Minutes, Options};
use shuze::session::Session;

fn options() -> Options {
    Options {
        revisions: false,
        offset: FixedOffset::east_opt(8 * 3600).unwrap(),
        fonts: export::Fonts::Gb2312,
    }
}

fn render(s: &Session, kind: Kind, format: Format) -> String {
    let minutes = Minutes::build(&s.store, 1, false, at(100_000)).unwrap();
    String::from_utf8(export::render(&minutes, kind, format, &options()).unwrap()).unwrap()
}

fn key(c: char) -> shuze::app::Action {
    Input(KeyEvent::from(KeyCode::Char(c)))
}

/// The part of a document about 张某 (from his heading to the next official's).
fn part_of_zhang(doc: &str) -> &str {
    let start = ["（一）张某", "关于某某镇党委书记张某"]
        .iter()
        .find_map(|h| doc.find(h))
        .unwrap();
    let end = doc[start..].find("王某").map_or(doc.len(), |i| start + i);
    &doc[start..end]
}

#[test]
fn an_answer_after_the_meeting_ended_is_a_late_entry_not_a_question_put() {
    let (_dir, path) = temp_db();
    let mut s = recorded_sample(&path);
    let t = 5_000;
    s.handle(C(Command::FinishMeeting), at(t));
    s.handle(Confirm, at(t));
    let summary_before = render(&s, Kind::Summary, Format::Md);
    assert!(
        summary_before.contains("会议对张某提问3个，张某回答3个"),
        "{summary_before}"
    );
    // The next morning: back to 张某, his third prepared question (never put), an answer.
    let next_day = t + 20 * 3600;
    s.handle(C(Command::Jump), at(next_day));
    s.handle(Paste("1".into()), at(next_day));
    s.handle(Confirm, at(next_day));
    // 孙某's clock still runs: leaving pauses it.
    s.handle(Confirm, at(next_day));
    s.handle(C(Command::MoveDown), at(next_day));
    s.handle(C(Command::MoveDown), at(next_day));
    s.handle(C(Command::EditAnswer), at(next_day + 1));
    s.handle(
        Paste("会后补充：已制定分级审批流程。".into()),
        at(next_day + 5),
    );
    s.handle(Cancel, at(next_day + 10));
    let record = render(&s, Kind::Record, Format::Md);
    let summary = render(&s, Kind::Summary, Format::Md);
    assert!(
        record.contains("会后补充：已制定分级审批流程。"),
        "{record}"
    );
    // The 纪要 counts what happened at the meeting, and says what came after.
    assert!(
        summary.contains("会议对张某提问3个，张某回答3个"),
        "{summary}"
    );
    assert!(summary.contains("散会后另有会后补记1项"), "{summary}");
    // The record: the question stands where it belongs, marked, with no time in the meeting.
    let line = record
        .lines()
        .find(|l| l.contains("村级工程项目“小散远”"))
        .expect("the question is in the record");
    assert!(line.contains("〔会后补记 12月19日〕"), "{line}");
    assert!(
        !line.contains("提问）"),
        "no time after 散会 as a time in it: {line}"
    );
    let late = &record[record.find("七、会后补记").expect("the list of 会后补记")..];
    assert!(late.contains("补记回答（张某"), "{late}");
    assert!(!late.contains("更正提问"), "{late}");
    assert!(
        part_of_zhang(&record).contains("提问3个，回答3个"),
        "the record's counts are the meeting's too"
    );
}

#[test]
fn a_question_marked_only_for_a_written_reply_says_only_that() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.handle(C(Command::NextStage), at(0));
    s.handle(C(Command::NextStage), at(60));
    s.handle(C(Command::MarkAsked), at(70));
    s.handle(C(Command::ToggleWrittenReply), at(80));
    s.handle(Confirm, at(81));
    let record = render(&s, Kind::Record, Format::Md);
    let summary = render(&s, Kind::Summary, Format::Md);
    for doc in [&record, &summary] {
        assert!(!doc.contains("未能令人满意"), "nobody recorded it:\n{doc}");
        assert!(!doc.contains("要求会后书面答复"), "{doc}");
        assert!(!doc.contains("理由"), "{doc}");
    }
    assert!(
        part_of_zhang(&record).contains("会上转为书面质询"),
        "{record}"
    );
    assert!(
        part_of_zhang(&summary).contains("所提1个问题转为书面质询。"),
        "{summary}"
    );
    // With a reason chosen, that reason and no other.
    s.handle(C(Command::ToggleWrittenReply), at(90));
    s.handle(C(Command::ToggleWrittenReply), at(91));
    s.handle(key('2'), at(92));
    let summary = render(&s, Kind::Summary, Format::Md);
    assert!(
        summary.contains("转为书面质询，理由：需书面材料。"),
        "{summary}"
    );
    assert!(!summary.contains("未能令人满意"), "{summary}");
}

/// The table of sentences held to the documents: each sentence's words appear in a
/// recorded meeting that has its facts, and none appears in a meeting that has none.
#[test]
fn every_generated_sentence_needs_its_recorded_facts() {
    let (_dir, full) = temp_db();
    let mut s = recorded_sample(&full);
    s.handle(C(Command::FinishMeeting), at(5_000));
    s.handle(Confirm, at(5_000));
    s.handle(C(Command::Jump), at(90_000));
    s.handle(Paste("1".into()), at(90_000));
    s.handle(Confirm, at(90_000));
    s.handle(Confirm, at(90_000));
    s.handle(C(Command::MoveDown), at(90_000));
    s.handle(C(Command::MoveDown), at(90_000));
    s.handle(C(Command::EditAnswer), at(90_001));
    s.handle(Paste("会后补充。".into()), at(90_002));
    s.handle(Cancel, at(90_003));
    let full_docs = [
        (Doc::Record, render(&s, Kind::Record, Format::Md)),
        (Doc::Summary, render(&s, Kind::Summary, Format::Md)),
        (Doc::Ledger, render(&s, Kind::Ledger, Format::Csv)),
    ];
    // Nothing recorded but the start and the end: no sentence with a fact may be written.
    let dir = tempfile::tempdir().unwrap();
    let mut bare = sample_session(&dir.path().join("bare.db"));
    bare.handle(C(Command::FinishMeeting), at(10));
    bare.handle(Confirm, at(10));
    let bare_docs = [
        (Doc::Record, render(&bare, Kind::Record, Format::Md)),
        (Doc::Summary, render(&bare, Kind::Summary, Format::Md)),
        (Doc::Ledger, render(&bare, Kind::Ledger, Format::Csv)),
    ];
    use sentences::Fact::*;
    let bare_facts = [WrittenReport, MeetingEnded];
    for sentence in sentences::ALL {
        let doc = |docs: &[(Doc, String)]| {
            docs.iter()
                .find(|(d, _)| *d == sentence.doc)
                .map(|(_, text)| text.clone())
                .unwrap()
        };
        let unrecorded = sentence.needs.iter().any(|f| !bare_facts.contains(f));
        if unrecorded {
            assert!(
                !doc(&bare_docs).contains(sentence.words),
                "{:?} written without its facts {:?}",
                sentence.words,
                sentence.needs
            );
        }
        let negative = sentence.needs.is_empty();
        let shown_somewhere =
            doc(&full_docs).contains(sentence.words) || doc(&bare_docs).contains(sentence.words);
        assert!(
            negative || shown_somewhere || OPTIONAL.contains(&sentence.words),
            "{:?} is never written: is it still in the code?",
            sentence.words
        );
    }
}

/// Sentences the recorded sample has no fact for: no late arrival, no question put and left
/// unanswered, no earlier follow-up saved unchanged, no follow-up from a question, none
/// raised after 散会 (its own test has one), no earlier follow-up changed (tests/summary.rs
/// has one), no earlier follow-up checked (tests/continuity.rs checks some).
const OPTIONAL: &[&str] = &[
    "核查：",
    "迟到、早退",
    "会议对前期整改事项作出决定：",
    "（未记录回答）",
    "已核实，未变化",
    "源自",
];

/// The JSON with `--revisions`: every correction with its state before and after, its time
/// and who made it (the console, `import --update`, or the console after 散会).
#[test]
fn the_json_gives_every_correction_before_and_after_and_its_origin() {
    use shuze::domain::{AgendaChange, AgendaMove, Attendance, QuestionChange};
    let dir = tempfile::tempdir().unwrap();
    let mut store = sample_store(&dir.path().join("m.db"));
    let agenda = store.agenda(1).unwrap();
    let wang = store.slot_detail(agenda[1].id).unwrap();
    let reword = QuestionChange {
        text: Some("改过的问题".into()),
        asker: Some("钱某".into()),
        ..QuestionChange::default()
    };
    store
        .change_question(wang.questions[0].id, &reword, at(1))
        .unwrap();
    store
        .change_allotment(agenda[1].id, 5, true, at(2))
        .unwrap();
    store
        .move_official(agenda[2].id, AgendaMove::Up, at(3))
        .unwrap();
    let lin = store.attendees(1).unwrap()[1].id;
    store
        .change_attendance(lin, Attendance::Absent, "临时公务", None, None, at(4))
        .unwrap();
    let mut duty = wang.duty_items[0].clone();
    duty.progress = "已完成".into();
    store.change_duty_item(&duty, false, at(5)).unwrap();
    // An update of the preparation, then 散会, then a slip put right after it.
    let mut prepared = shuze::prep::from_store(&store, 1).unwrap();
    prepared.prepared.officials[3].risk_points[0].level = shuze::domain::RiskLevel::Low;
    let update = shuze::prep::plan_update(&store, 1, &prepared).unwrap();
    shuze::prep::apply_update(&mut store, &update, at(6)).unwrap();
    store.finish_meeting(1, at(100)).unwrap();
    let rename = AgendaChange {
        post: Some("局长（会后更正）".into()),
        ..AgendaChange::default()
    };
    store.change_agenda(agenda[3].id, &rename, at(200)).unwrap();
    let minutes = Minutes::build(&store, 1, false, at(300)).unwrap();
    let json = |revisions: bool| -> serde_json::Value {
        let options = Options {
            revisions,
            ..options()
        };
        serde_json::from_slice(
            &export::render(&minutes, Kind::Record, Format::Json, &options).unwrap(),
        )
        .unwrap()
    };
    let full = json(true);
    let corrections = full["corrections"].as_array().unwrap();
    let find = |kind: &str, key: &str, value: serde_json::Value| {
        corrections
            .iter()
            .find(|c| c["kind"] == kind && c["state"][key] == value)
            .unwrap_or_else(|| panic!("{kind} {key} in {corrections:#?}"))
    };
    let question = find("question", "text", "改过的问题".into());
    assert_eq!(question["before"]["text"], wang.questions[0].text.as_str());
    assert_eq!(
        question["before"]["asker"],
        wang.questions[0].asker.as_str()
    );
    assert_eq!(question["origin"], "console");
    let allotment = find("agenda", "written_only", 1.into());
    assert_eq!(allotment["before"]["written_only"], 0);
    assert_eq!(allotment["before"]["report_minutes"], 8);
    let moved = corrections
        .iter()
        .find(|c| c["kind"] == "agenda" && c["target"] == agenda[2].id)
        .unwrap();
    assert_eq!(moved["state"]["position"], 2);
    assert_eq!(moved["before"]["position"], 3);
    let absent = find("attendee", "attendance", "absent".into());
    assert_eq!(absent["before"]["attendance"], "present");
    let progress = find("duty_item", "progress", "已完成".into());
    assert_ne!(progress["before"]["progress"], "已完成");
    let level = find("risk_point", "level", "low".into());
    assert_eq!(level["origin"], "import");
    assert_eq!(level["before"]["level"], "high");
    let late = find("agenda", "post", "局长（会后更正）".into());
    assert_eq!(late["origin"], "after_meeting");
    assert!(late["changed_at"].is_string());
    // Without --revisions the JSON keeps its shape: no before, no origin.
    let plain = json(false);
    for c in plain["corrections"].as_array().unwrap() {
        assert!(
            c.get("before").is_none() && c.get("origin").is_none(),
            "{c}"
        );
    }
}

/// Attendance changed after 散会 (an absence marked, a person added) is a 会后补记: the
/// 纪要 and the record's head list the attendance as it stood at 散会.
#[test]
fn attendance_changed_after_the_meeting_ended_is_a_late_entry() {
    use shuze::domain::Attendance;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut store = sample_store(&path);
    store.finish_meeting(1, at(100)).unwrap();
    let lin = store.attendees(1).unwrap()[1].clone();
    store
        .change_attendance(
            lin.id,
            Attendance::Absent,
            "会后才知道请过假",
            None,
            None,
            at(200),
        )
        .unwrap();
    store
        .add_attendee(1, "晚某", "县委委员", Attendance::Present, at(300))
        .unwrap();
    let s = Session::open(store, None, shuze::labels::Lang::Zh, at(400)).unwrap();
    let summary = render(&s, Kind::Summary, Format::Md);
    let record = render(&s, Kind::Record, Format::Md);
    let present = summary
        .lines()
        .find(|l| l.contains("出席"))
        .expect("出席 in the 纪要");
    assert!(present.contains(&lin.name), "{present}");
    assert!(
        !summary.contains("晚某") && !summary.contains("会后才知道"),
        "{summary}"
    );
    assert!(summary.contains("散会后另有会后补记2项"), "{summary}");
    let late = &record[record.find("七、会后补记").unwrap()..];
    assert!(
        late.contains(&format!("更正出席情况：{}", lin.name)),
        "{late}"
    );
    assert!(late.contains("补记出席人员：晚某"), "{late}");
    let head = &record[..record.find("二、会议议程").unwrap()];
    assert!(
        !head.contains("会后才知道") && !head.contains("晚某"),
        "{head}"
    );
}

/// `w` pressed after 散会 on a question put at the meeting: not "会上", marked with its date,
/// listed as 补记书面质询, and not in the 纪要.
#[test]
fn a_written_reply_marked_after_the_meeting_ended_is_not_said_to_be_at_it() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.handle(C(Command::NextStage), at(0));
    s.handle(C(Command::NextStage), at(60));
    s.handle(C(Command::MarkAsked), at(70));
    s.handle(C(Command::FinishMeeting), at(100));
    s.handle(Confirm, at(100));
    s.handle(C(Command::ToggleWrittenReply), at(90_000));
    s.handle(key('3'), at(90_000));
    let record = render(&s, Kind::Record, Format::Md);
    let summary = render(&s, Kind::Summary, Format::Md);
    assert!(!record.contains("会上转为书面质询"), "{record}");
    assert!(
        record.contains("转为书面质询。〔会后补记 12月19日〕"),
        "{record}"
    );
    assert!(
        record.contains("（会后补记）补记书面质询，理由：会上未及回答（张某"),
        "{record}"
    );
    assert!(!summary.contains("书面质询"), "{summary}");
    assert!(summary.contains("散会后另有会后补记1项"), "{summary}");
}

/// A follow-up raised after 散会: marked in the record's 议定事项 and the ledger, not in the
/// 纪要's.
#[test]
fn a_follow_up_raised_after_the_meeting_ended_is_a_late_entry() {
    use shuze::domain::{FollowUp, FollowUpMode, FollowUpSource, FollowUpStatus};
    let dir = tempfile::tempdir().unwrap();
    let mut store = sample_store(&dir.path().join("m.db"));
    store.finish_meeting(1, at(100)).unwrap();
    let slot = store.agenda(1).unwrap()[0].id;
    let late = FollowUp {
        id: 0,
        source: FollowUpSource::Remarks,
        category: String::new(),
        problem: "会后想起的问题".into(),
        task: String::new(),
        measure: String::new(),
        lead: String::new(),
        owner: String::new(),
        deadline: None,
        deadline_workdays: None,
        mode: FollowUpMode::ByDeadline,
        progress: String::new(),
        status: FollowUpStatus::NotStarted,
        copied_to: String::new(),
        raised_on: None,
        question: None,
        key: String::new(),
        extra: Vec::new(),
    };
    store.add_follow_up(slot, &late, at(90_000)).unwrap();
    let s = Session::open(store, None, shuze::labels::Lang::Zh, at(90_100)).unwrap();
    let record = render(&s, Kind::Record, Format::Md);
    let summary = render(&s, Kind::Summary, Format::Md);
    let ledger = render(&s, Kind::Ledger, Format::Csv);
    assert!(
        record.contains("〔会后补记 12月19日〕张某（某某镇党委书记）：会后想起的问题"),
        "{record}"
    );
    assert!(
        record.contains("补记整改事项（张某）：会后想起的问题"),
        "{record}"
    );
    assert!(!summary.contains("会后想起的问题"), "{summary}");
    assert!(summary.contains("本次会议未形成整改事项。"), "{summary}");
    let row = ledger
        .lines()
        .find(|l| l.contains("会后想起的问题"))
        .unwrap();
    assert!(
        row.contains(",2026-12-19,") && row.contains(",会后补记,"),
        "{row}"
    );
}

/// Remarks and tallies entered after 散会: marked in the record, listed, and not in the 纪要.
#[test]
fn remarks_and_a_rating_after_the_meeting_ended_are_late_entries() {
    use shuze::domain::Rating;
    use shuze::storage::TextTarget;
    let dir = tempfile::tempdir().unwrap();
    let mut store = sample_store(&dir.path().join("m.db"));
    let slot = store.agenda(1).unwrap()[0].id;
    store
        .set_stage(
            slot,
            shuze::domain::Stage::Pending,
            shuze::domain::Stage::Report,
            at(10),
        )
        .unwrap();
    store.finish_meeting(1, at(100)).unwrap();
    store
        .save_text(TextTarget::Remarks { slot }, "会后补写的点评", at(90_000))
        .unwrap();
    let rating = Rating {
        voters: 7,
        excellent: 5,
        good: 2,
        fair: 0,
        poor: 0,
    };
    store.record_rating(slot, rating, at(90_100)).unwrap();
    let s = Session::open(store, None, shuze::labels::Lang::Zh, at(90_200)).unwrap();
    let record = render(&s, Kind::Record, Format::Md);
    let summary = render(&s, Kind::Summary, Format::Md);
    assert!(
        record.contains("会后补写的点评〔会后补记 12月19日〕"),
        "{record}"
    );
    assert!(
        record.contains("占有效票100.0%〔会后补记 12月19日〕"),
        "{record}"
    );
    let late = &record[record.find("七、会后补记").unwrap()..];
    assert!(
        late.contains("补记对张某的点评") && late.contains("补记张某的民主测评结果"),
        "{late}"
    );
    assert!(!summary.contains("会后补写的点评"), "{summary}");
    assert!(!summary.contains("民主测评参评"), "{summary}");
    assert!(!summary.contains("和民主测评"), "{summary}");
    assert!(summary.contains("散会后另有会后补记2项"), "{summary}");
}
