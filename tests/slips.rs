//! Issue 8's rules through the state logic alone (no file, no terminal): the slips a
//! recorder makes under time pressure leave nothing false in the record, each step that
//! would is asked first, and every slip can be put right with a form.

mod common;

use common::*;
use shuze::app::{Action, Command, Confirmed, Console, Effect, FormKind, Mode, Pane, update};
use shuze::domain::{AgendaMove, Attendance, FollowUpSource, Stage, StageTiming};
use shuze::labels::Lang;
use shuze::storage::Store;
use shuze::view::TextTarget;
use std::path::Path;

fn console() -> Console {
    let mut store = Store::in_memory().unwrap();
    shuze::prep::import_file(Path::new(SAMPLE_TOML), &mut store, at(0)).unwrap();
    shuze::session::load::console(&store, 1, Lang::Zh, at(0)).unwrap()
}

fn run(c: &mut Console, command: Command) -> Vec<Effect> {
    update(c, Action::Command(command))
}

fn act(c: &mut Console, action: Action) -> Vec<Effect> {
    update(c, action)
}

/// The first official at `stage`, its clock started `seconds` ago and running.
fn at_stage(c: &mut Console, stage: Stage, seconds: i64) {
    let slot = c.snapshot.agenda[0].id;
    c.snapshot.agenda[0].stage = stage;
    c.snapshot.timings.retain(|(id, _)| *id != slot);
    if stage.is_timed() {
        c.snapshot.timings.push((
            slot,
            StageTiming {
                stage,
                started_at: at(1000 - seconds),
                ended_at: None,
                accumulated_ms: 0,
                running_since: Some(at(1000 - seconds)),
            },
        ));
    }
    c.now = at(1000);
}

fn confirming(c: &Console) -> Option<Confirmed> {
    match &c.recorder.mode {
        Mode::Confirm(confirmation) => Some(confirmation.then),
        _ => None,
    }
}

fn confirmation_text(c: &Console) -> String {
    match &c.recorder.mode {
        Mode::Confirm(confirmation) => confirmation.text.clone(),
        other => panic!("no question asked: {other:?}"),
    }
}

#[test]
fn an_answer_opened_before_the_report_asks_to_start_the_questions() {
    let mut c = console();
    let slot = c.snapshot.agenda[0].id;
    assert!(run(&mut c, Command::EditAnswer).is_empty());
    assert_eq!(confirming(&c), Some(Confirmed::StartQuestions));
    assert!(confirmation_text(&c).contains("尚在待述责"));
    assert!(
        act(&mut c, Action::Cancel).is_empty(),
        "Esc: nothing written"
    );
    assert!(matches!(c.recorder.mode, Mode::Browse));
    run(&mut c, Command::EditAnswer);
    let effects = act(&mut c, Action::Confirm);
    assert_eq!(
        effects,
        [Effect::SetStage {
            slot,
            from: Stage::Pending,
            to: Stage::Questions
        }],
        "the questions start; the question is not asked yet"
    );
    assert!(
        matches!(&c.recorder.mode, Mode::Editor(e) if matches!(e.target, TextTarget::Answer { .. }))
    );
}

#[test]
fn a_question_is_asked_at_its_answers_first_character_not_when_the_editor_opens() {
    let mut c = console();
    at_stage(&mut c, Stage::Questions, 10);
    let question = c.snapshot.detail.questions[0].id;
    assert!(run(&mut c, Command::EditAnswer).is_empty());
    c.now = at(1005);
    let left_empty = act(&mut c, Action::Cancel);
    assert!(
        !left_empty
            .iter()
            .any(|e| matches!(e, Effect::SetAsked { .. })),
        "an editor opened and left empty marks nothing: {left_empty:?}"
    );
    run(&mut c, Command::EditAnswer);
    c.now = at(1010);
    act(&mut c, Action::Paste("答".into()));
    c.now = at(1011);
    let saved = act(&mut c, Action::Tick);
    assert!(
        saved.contains(&Effect::SetAsked {
            question,
            asked: true,
            at: at(1010)
        }),
        "asked when the first character was typed: {saved:?}"
    );
    c.now = at(1012);
    act(&mut c, Action::Paste("复".into()));
    c.now = at(1013);
    let again = act(&mut c, Action::Tick);
    assert!(
        !again.iter().any(|e| matches!(e, Effect::SetAsked { .. })),
        "marked once"
    );
}

#[test]
fn y_marks_a_question_asked_and_takes_the_mark_back_while_unanswered() {
    let mut c = console();
    let question = c.snapshot.detail.questions[1].id;
    run(&mut c, Command::MoveDown);
    let marked = run(&mut c, Command::MarkAsked);
    assert!(matches!(
        marked.as_slice(),
        [Effect::SetAsked { question: q, asked: true, .. }] if *q == question
    ));
    c.snapshot.detail.questions[1].asked_at = Some(at(1));
    let unmarked = run(&mut c, Command::MarkAsked);
    assert!(matches!(
        unmarked.as_slice(),
        [Effect::SetAsked { asked: false, .. }]
    ));
    c.snapshot.detail.questions[1].answer = Some(shuze::domain::Revision {
        body: "已答".into(),
        saved_at: at(2),
        draft: false,
    });
    assert!(run(&mut c, Command::MarkAsked).is_empty());
    assert!(
        c.recorder
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("已有回答")
    );
}

#[test]
fn a_stage_taken_back_within_the_minute_leaves_no_timing_and_later_is_asked() {
    let mut c = console();
    let slot = c.snapshot.agenda[0].id;
    at_stage(&mut c, Stage::Report, 4);
    assert_eq!(
        run(&mut c, Command::PreviousStage),
        [Effect::TakeBackStage {
            slot,
            from: Stage::Report,
            to: Stage::Pending
        }],
        "four seconds: a slip, taken back without a question"
    );
    at_stage(&mut c, Stage::Questions, 90);
    assert!(run(&mut c, Command::PreviousStage).is_empty());
    assert_eq!(
        confirming(&c),
        Some(Confirmed::TakeBack { to: Stage::Report })
    );
    let text = confirmation_text(&c);
    assert!(text.contains("01:30") && text.contains("保留"), "{text}");
    assert_eq!(
        act(&mut c, Action::Confirm),
        [Effect::SetStage {
            slot,
            from: Stage::Questions,
            to: Stage::Report
        }]
    );
}

#[test]
fn leaving_a_running_clock_is_asked_and_pauses_it_and_the_ends_say_so() {
    let mut c = console();
    let slot = c.snapshot.agenda[0].id;
    assert!(run(&mut c, Command::PreviousOfficial).is_empty());
    assert!(c.recorder.message.as_ref().unwrap().text.contains("第一位"));
    at_stage(&mut c, Stage::Report, 30);
    assert!(run(&mut c, Command::NextOfficial).is_empty());
    assert!(confirmation_text(&c).contains("暂停计时"));
    assert_eq!(c.snapshot.current, 0, "not moved yet");
    assert_eq!(
        act(&mut c, Action::Confirm),
        [
            Effect::SetTimer {
                slot,
                stage: Stage::Report,
                running: false
            },
            Effect::Load
        ]
    );
    assert_eq!(c.snapshot.current, 1);
    c.snapshot.current = c.snapshot.agenda.len() - 1;
    assert!(run(&mut c, Command::NextOfficial).is_empty());
    assert!(
        c.recorder
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("没有下一位")
    );
}

#[test]
fn ending_the_meeting_lists_who_has_not_reported_and_happens_once() {
    let mut c = console();
    c.snapshot.agenda[0].stage = Stage::Done;
    assert!(run(&mut c, Command::FinishMeeting).is_empty());
    let text = confirmation_text(&c);
    assert!(
        text.contains("确认散会") && text.contains("王某（待述责）"),
        "{text}"
    );
    assert!(
        !text.contains("张某"),
        "done officials are not listed: {text}"
    );
    assert_eq!(
        act(&mut c, Action::Confirm),
        [Effect::FinishMeeting { meeting: 1 }]
    );
    c.snapshot.meeting.finished_at = Some(at(2000));
    assert!(run(&mut c, Command::FinishMeeting).is_empty());
    assert!(c.recorder.message.as_ref().unwrap().text.contains("已于"));
}

#[test]
fn withdrawing_asks_and_names_what_goes() {
    let mut c = console();
    let question = c.snapshot.detail.questions[0].id;
    assert!(run(&mut c, Command::Withdraw).is_empty());
    assert!(confirmation_text(&c).contains(&c.snapshot.detail.questions[0].text));
    assert_eq!(
        act(&mut c, Action::Confirm),
        [Effect::Withdraw {
            pane: Pane::Questions,
            id: question
        }]
    );
    run(&mut c, Command::NextPane);
    run(&mut c, Command::NextPane);
    run(&mut c, Command::NextPane);
    assert!(run(&mut c, Command::Withdraw).is_empty());
    assert!(
        matches!(c.recorder.mode, Mode::Browse),
        "remarks cannot be withdrawn"
    );
}

fn form_kind(c: &Console) -> Option<FormKind> {
    match &c.recorder.mode {
        Mode::Form(form) => Some(form.kind),
        _ => None,
    }
}

/// Replaces the text of field `index` of the open form.
fn retype(c: &mut Console, index: usize, text: &str) {
    let Mode::Form(form) = &mut c.recorder.mode else {
        panic!("no form")
    };
    form.focus = index;
    if let shuze::app::form::FieldValue::Text(s) | shuze::app::form::FieldValue::Number(s) =
        &mut form.fields[index].value
    {
        s.clear();
    }
    act(c, Action::Paste(text.into()));
}

#[test]
fn a_question_is_corrected_with_the_form_that_added_it() {
    let mut c = console();
    let question = c.snapshot.detail.questions[0].id;
    run(&mut c, Command::EditSelected);
    assert_eq!(form_kind(&c), Some(FormKind::EditQuestion(question)));
    retype(&mut c, 1, "改正后的问题");
    assert_eq!(
        act(&mut c, Action::Confirm),
        [Effect::ChangeQuestion {
            question,
            asker: c.snapshot.detail.questions[0].asker.clone(),
            text: "改正后的问题".into()
        }]
    );
}

#[test]
fn every_field_of_a_follow_up_can_be_corrected() {
    let mut c = console();
    c.recorder.focus = Pane::FollowUps;
    let earlier = c.snapshot.detail.earlier_follow_ups[0].clone();
    run(&mut c, Command::EditSelected);
    assert_eq!(form_kind(&c), Some(FormKind::EditFollowUp(earlier.id)));
    retype(&mut c, 7, "2027/6/30");
    retype(&mut c, 2, "改正后的问题描述");
    let effects = act(&mut c, Action::Confirm);
    let [Effect::ChangeFollowUp { follow_up }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(follow_up.id, earlier.id);
    assert_eq!(follow_up.deadline.unwrap().to_string(), "2027-06-30");
    assert_eq!(follow_up.problem, "改正后的问题描述");
    assert_eq!(follow_up.owner, earlier.owner, "the rest as it was");

    run(&mut c, Command::EditSelected);
    retype(&mut c, 7, "明年");
    assert!(act(&mut c, Action::Confirm).is_empty());
    let Mode::Form(form) = &c.recorder.mode else {
        panic!()
    };
    assert!(form.error.as_ref().unwrap().contains("明年"));
}

#[test]
fn the_agenda_order_minutes_and_written_report_can_be_changed() {
    let mut c = console();
    let slot = c.snapshot.agenda[0].id;
    assert!(run(&mut c, Command::MoveOfficialUp).is_empty());
    assert!(
        c.recorder.message.as_ref().unwrap().is_error,
        "the first cannot go up"
    );
    assert_eq!(
        run(&mut c, Command::MoveOfficialDown),
        [Effect::MoveOfficial {
            slot,
            to: AgendaMove::Down
        }]
    );
    assert_eq!(
        run(&mut c, Command::MoveOfficialToEnd),
        [Effect::MoveOfficial {
            slot,
            to: AgendaMove::ToEnd
        }]
    );
    run(&mut c, Command::ChangeAllotment);
    assert_eq!(form_kind(&c), Some(FormKind::Allotment));
    retype(&mut c, 0, "0");
    assert!(act(&mut c, Action::Confirm).is_empty(), "0 minutes refused");
    retype(&mut c, 0, "12");
    act(
        &mut c,
        Action::Input(shuze::app::key::KeyEvent::from(
            shuze::app::key::KeyCode::Down,
        )),
    );
    act(
        &mut c,
        Action::Input(shuze::app::key::KeyEvent::from(
            shuze::app::key::KeyCode::Right,
        )),
    );
    assert_eq!(
        act(&mut c, Action::Confirm),
        [Effect::ChangeAllotment {
            slot,
            report_minutes: 12,
            written_only: true
        }]
    );
}

/// Presses Right in field `index` of the open form `times` times (a choice moves one
/// option each press), as the recorder does.
fn press_right(c: &mut Console, index: usize, times: usize) {
    if let Mode::Form(form) = &mut c.recorder.mode {
        form.focus = index;
    }
    for _ in 0..times {
        act(
            c,
            Action::Input(shuze::app::key::KeyEvent::from(
                shuze::app::key::KeyCode::Right,
            )),
        );
    }
}

#[test]
fn a_late_arrival_and_a_new_attendee_are_recorded_with_their_times() {
    let mut c = console();
    let first = c.snapshot.attendees[0].clone();
    run(&mut c, Command::Attendance);
    assert_eq!(form_kind(&c), Some(FormKind::Attendance));
    assert_eq!(form(&c).focus, 0, "the form starts on 人员");
    assert_eq!(form(&c).fields[0].shown(), "（未选择）", "nobody chosen");
    assert_eq!(form(&c).fields[1].shown(), "（未选择）", "no status chosen");
    press_right(&mut c, 0, 1);
    assert!(act(&mut c, Action::Confirm).is_empty(), "no status chosen");
    assert!(form(&c).error.as_ref().unwrap().contains("请选择「情况」"));
    assert_eq!(form(&c).focus, 1);
    press_right(&mut c, 1, 4);
    assert_eq!(form(&c).fields[1].shown(), "迟到");
    retype(&mut c, 2, "09:20");
    let effects = act(&mut c, Action::Confirm);
    let [
        Effect::ChangeAttendance {
            attendee,
            attendance,
            arrived_at,
            left_at,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(*attendee, first.id);
    assert_eq!(*attendance, Attendance::Present);
    let local = arrived_at.unwrap().with_timezone(&chrono::Local);
    assert_eq!(local.format("%H:%M").to_string(), "09:20");
    assert_eq!(*left_at, None);

    run(&mut c, Command::Attendance);
    press_right(&mut c, 0, 1);
    press_right(&mut c, 1, 4);
    retype(&mut c, 2, "9点");
    assert!(act(&mut c, Action::Confirm).is_empty(), "not a time");
    act(&mut c, Action::Cancel);
}

#[test]
fn a_new_attendee_typed_into_the_attendance_form_is_added_as_new() {
    let mut c = console();
    let chair = c.snapshot.attendees[0].name.clone();
    run(&mut c, Command::Attendance);
    // 人员 left as it opened: the name typed decides.
    press_right(&mut c, 1, 1);
    retype(&mut c, 4, "新来的人");
    retype(&mut c, 5, "县某局副局长");
    let effects = act(&mut c, Action::Confirm);
    assert!(
        matches!(effects.as_slice(), [Effect::AddAttendee { name, post, attendance: Attendance::Present, .. }]
            if name == "新来的人" && post == "县某局副局长"),
        "added as new, nobody else touched: {effects:?}"
    );

    // Someone on the list and a new name: which one is asked, nothing written.
    run(&mut c, Command::Attendance);
    press_right(&mut c, 0, 1);
    press_right(&mut c, 1, 1);
    retype(&mut c, 4, "新来的人");
    assert!(act(&mut c, Action::Confirm).is_empty());
    let error = form(&c).error.clone().unwrap();
    assert!(
        error.contains(&chair) && error.contains("新来的人"),
        "{error}"
    );
    act(&mut c, Action::Cancel);

    // Nobody chosen and no name: asked to choose.
    run(&mut c, Command::Attendance);
    press_right(&mut c, 1, 1);
    assert!(act(&mut c, Action::Confirm).is_empty());
    assert!(form(&c).error.as_ref().unwrap().contains("请选择「人员」"));
    assert_eq!(form(&c).focus, 0);
}

#[test]
fn a_form_left_as_it_opened_writes_nothing() {
    let mut c = console();
    for command in [
        Command::RecordRating,
        Command::ChangeAllotment,
        Command::EditSelected,
    ] {
        run(&mut c, command);
        assert!(form_kind(&c).is_some(), "{command:?} opens a form");
        assert!(
            act(&mut c, Action::Confirm).is_empty(),
            "{command:?}: nothing written"
        );
        assert!(
            matches!(c.recorder.mode, Mode::Browse),
            "{command:?}: closed"
        );
        assert_eq!(
            c.recorder.message.as_ref().unwrap().text,
            "表单未作修改，没有写入"
        );
    }
    c.recorder.focus = Pane::FollowUps;
    run(&mut c, Command::EditSelected);
    assert!(
        act(&mut c, Action::Confirm).is_empty(),
        "a follow-up unchanged"
    );
    assert!(matches!(c.recorder.mode, Mode::Browse));
    // The forms that add say what is to be chosen or typed, and write nothing.
    for command in [Command::Attendance, Command::AddFollowUp] {
        run(&mut c, command);
        assert!(act(&mut c, Action::Confirm).is_empty(), "{command:?}");
        assert!(form(&c).error.as_ref().unwrap().contains("请选择"));
        act(&mut c, Action::Cancel);
    }
}

/// The slip sequences of issue 8 on a real file, then the exported record: it says what
/// happened and nothing else, and the JSON keeps the history of every correction.
#[test]
fn after_the_slips_the_record_says_only_what_happened() {
    use shuze::app::Action::{Cancel, Command as C, Confirm, Paste};
    use shuze::export::{self, Format, Kind, Minutes, Options};
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let mut t = 0;
    let mut go = |s: &mut shuze::session::Session, action: Action, seconds: i64| {
        t += seconds;
        s.handle(action, at(t));
    };
    // 张某: the report started by a slip and taken back at once.
    go(&mut s, C(Command::NextStage), 0);
    go(&mut s, C(Command::PreviousStage), 4);
    // An answer editor opened by mistake (confirmed into the questions) and left empty.
    go(&mut s, C(Command::EditAnswer), 5);
    go(&mut s, Confirm, 1);
    go(&mut s, Cancel, 3);
    // The second question withdrawn; 张某 moved below 王某.
    go(&mut s, C(Command::MoveDown), 1);
    go(&mut s, C(Command::Withdraw), 1);
    go(&mut s, Confirm, 1);
    go(&mut s, C(Command::MoveOfficialDown), 1);
    // 张某 is being heard (提问质询): the move is asked first.
    go(&mut s, Confirm, 1);
    // An earlier follow-up's deadline corrected.
    s.console.recorder.focus = Pane::FollowUps;
    go(&mut s, C(Command::EditSelected), 1);
    if let Mode::Form(form) = &mut s.console.recorder.mode {
        form.focus = 7;
        if let shuze::app::form::FieldValue::Text(text) = &mut form.fields[7].value {
            text.clear();
        }
    }
    go(&mut s, Paste("2027-06-30".into()), 1);
    go(&mut s, Confirm, 1);
    go(&mut s, C(Command::FinishMeeting), 1);
    go(&mut s, Confirm, 1);
    // After 散会: a correction, dated as added later.
    s.console.recorder.focus = Pane::Questions;
    go(&mut s, C(Command::EditSelected), 600);
    go(&mut s, Paste("（补）".into()), 1);
    go(&mut s, Confirm, 1);
    let question_text = s.console.snapshot.detail.questions[1].text.clone();
    drop(s);

    let store = Store::open(&path).unwrap();
    let minutes = Minutes::build(&store, 1, false, at(10_000)).unwrap();
    let options = Options {
        revisions: false,
        offset: chrono::FixedOffset::east_opt(8 * 3600).unwrap(),
        fonts: export::Fonts::Gb2312,
    };
    let md =
        String::from_utf8(export::render(&minutes, Kind::Record, Format::Md, &options).unwrap())
            .unwrap();
    let json =
        String::from_utf8(export::render(&minutes, Kind::Record, Format::Json, &options).unwrap())
            .unwrap();
    let zhang = md.find("张某述责述廉").unwrap();
    let wang = md.find("王某述责述廉").unwrap();
    assert!(wang < zhang, "the agenda as corrected:\n{md}");
    assert!(!md.contains("（草稿）"), "the meeting was ended:\n{md}");
    assert!(md.contains("散会（"), "{md}");
    assert!(
        !md.contains("口头述责") || !md[zhang..].contains("0分04秒"),
        "no report of four seconds:\n{md}"
    );
    assert!(
        !md.contains("有没有建立长效机制"),
        "the withdrawn question is nowhere in the record:\n{md}"
    );
    let ledger =
        String::from_utf8(export::render(&minutes, Kind::Ledger, Format::Csv, &options).unwrap())
            .unwrap();
    let row = ledger
        .lines()
        .find(|l| l.contains("廉政谈话未实现逐级全覆盖"))
        .unwrap();
    assert!(
        row.contains(",2027-06-30,") && row.contains("完成时限：2026-12-31→2027-06-30"),
        "the corrected deadline in the ledger, and named as corrected: {row}"
    );
    assert!(
        md.contains("会后补记"),
        "the later correction is marked:\n{md}"
    );
    assert!(question_text.ends_with("（补）"), "{question_text}");
    assert!(
        md.contains("（会后补记）更正提问（张某，问题：村级工程项目"),
        "{md}"
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let corrections = value["corrections"].as_array().unwrap();
    let kinds: Vec<&str> = corrections
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    for kind in ["question", "agenda", "follow_up"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    assert!(
        corrections
            .iter()
            .any(|c| c["kind"] == "question" && c["state"]["withdrawn"] == 1),
        "the withdrawal is listed in the JSON"
    );
    let zhang_json = value["officials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["slot"]["name"] == "张某")
        .unwrap();
    assert!(
        zhang_json["timings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["stage"] != "report"),
        "no report timing: {}",
        zhang_json["timings"]
    );
    assert!(
        zhang_json["questions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["asked_at"].is_null()),
        "no question was asked: {}",
        zhang_json["questions"]
    );
}

fn form(c: &Console) -> &shuze::app::Form {
    match &c.recorder.mode {
        Mode::Form(form) => form,
        other => panic!("no form: {other:?}"),
    }
}

fn key(c: &mut Console, ch: char) {
    act(
        c,
        Action::Input(shuze::app::key::KeyEvent::from(
            shuze::app::key::KeyCode::Char(ch),
        )),
    );
}

#[test]
fn the_rating_form_catches_slips_without_getting_in_the_way() {
    let mut c = console();
    let slot = c.snapshot.agenda[0].id;
    let present = c.snapshot.voters;
    run(&mut c, Command::RecordRating);
    assert_eq!(
        form(&c).text(0),
        present.to_string(),
        "voters: those present"
    );
    assert_eq!(form(&c).focus, 1, "the caret on the first tally");
    key(&mut c, '２');
    assert_eq!(
        form(&c).text(1),
        "2",
        "a full-width digit, typed over the 0"
    );
    act(&mut c, Action::Step(1));
    if let Mode::Form(f) = &mut c.recorder.mode {
        f.fields[2].value = shuze::app::form::FieldValue::Number(String::new());
    }
    assert!(act(&mut c, Action::Confirm).is_empty(), "an empty tally");
    assert!(form(&c).error.as_ref().unwrap().contains("不能为空"));
    assert_eq!(form(&c).focus, 2, "the caret goes to the empty field");
    key(&mut c, '1');
    retype(&mut c, 0, "0");
    assert!(act(&mut c, Action::Confirm).is_empty());
    assert!(form(&c).error.as_ref().unwrap().contains("不能为 0"));
    retype(&mut c, 0, &(present + 5).to_string());
    assert!(
        act(&mut c, Action::Confirm).is_empty(),
        "more than present: asked"
    );
    assert!(form(&c).error.as_ref().unwrap().contains("再按 Enter"));
    let effects = act(&mut c, Action::Confirm);
    assert!(
        matches!(effects.as_slice(), [Effect::RecordRating { slot: s, rating }]
            if *s == slot && rating.voters == present + 5 && rating.excellent == 2 && rating.good == 1),
        "the second Enter goes on: {effects:?}"
    );
}

/// Sets the choice of field `index` of the open form.
fn choose(c: &mut Console, index: usize, option: usize) {
    if let Mode::Form(form) = &mut c.recorder.mode
        && let shuze::app::form::FieldValue::Choice { index: chosen, .. } =
            &mut form.fields[index].value
    {
        *chosen = option;
    }
}

#[test]
fn the_follow_up_form_names_its_question_and_asks_about_a_past_deadline() {
    let mut c = console();
    at_stage(&mut c, Stage::Questions, 10);
    run(&mut c, Command::MoveDown);
    let chosen = c.snapshot.detail.questions[1].clone();
    run(&mut c, Command::AddFollowUp);
    assert_eq!(form(&c).focus, 0, "the form starts on 问题来源");
    assert_eq!(form(&c).fields[0].shown(), "（未选择）", "no source chosen");
    press_right(&mut c, 0, 4);
    assert_eq!(form(&c).fields[0].shown(), "提问", "提问 with no question");
    press_right(&mut c, 0, 2);
    let shown = form(&c).fields[0].shown().to_string();
    assert!(
        shown.starts_with("提问：2．")
            && chosen
                .text
                .starts_with(shown.trim_start_matches("提问：2．").trim_end_matches('…')),
        "the question picked, by its text: {shown}"
    );
    retype(&mut c, 2, "问题描述");
    retype(&mut c, 7, "2020-01-01");
    assert!(act(&mut c, Action::Confirm).is_empty());
    assert!(form(&c).error.as_ref().unwrap().contains("早于会议日期"));
    assert_eq!(form(&c).focus, 7, "at the deadline");
    let effects = act(&mut c, Action::Confirm);
    let [Effect::AddFollowUp { follow_up, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(follow_up.question, Some(chosen.id));
    assert_eq!(follow_up.source, FollowUpSource::Question);
    assert_eq!(follow_up.deadline.unwrap().to_string(), "2020-01-01");

    run(&mut c, Command::AddFollowUp);
    retype(&mut c, 7, "下个月");
    assert!(act(&mut c, Action::Confirm).is_empty());
    assert_eq!(form(&c).focus, 0, "the source comes first");
    assert!(
        form(&c)
            .error
            .as_ref()
            .unwrap()
            .contains("请选择「问题来源」")
    );
    press_right(&mut c, 0, 4);
    assert!(act(&mut c, Action::Confirm).is_empty());
    assert_eq!(form(&c).focus, 2, "then the empty problem");
    retype(&mut c, 2, "问题描述");
    assert!(act(&mut c, Action::Confirm).is_empty());
    assert!(form(&c).error.as_ref().unwrap().contains("下个月"));
    assert_eq!(form(&c).focus, 7);
}

#[test]
fn a_follow_up_from_the_remarks_has_no_question_attached() {
    let mut c = console();
    at_stage(&mut c, Stage::Questions, 10);
    run(&mut c, Command::AddFollowUp);
    press_right(&mut c, 0, 1);
    assert_eq!(form(&c).fields[0].shown(), "点评");
    retype(&mut c, 2, "点评指出的问题");
    let effects = act(&mut c, Action::Confirm);
    let [Effect::AddFollowUp { follow_up, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(follow_up.source, FollowUpSource::Remarks);
    assert_eq!(follow_up.question, None, "no question attached");
}

#[test]
fn u_puts_a_follow_ups_source_and_question_right() {
    let mut c = console();
    let question = c.snapshot.detail.questions[0].id;
    c.snapshot.detail.follow_ups.push(shuze::domain::FollowUp {
        id: 99,
        source: FollowUpSource::Question,
        question: Some(question),
        ..c.snapshot.detail.earlier_follow_ups[0].clone()
    });
    c.recorder.focus = Pane::FollowUps;
    c.recorder.selected[Pane::FollowUps.index()] = 0;
    run(&mut c, Command::EditSelected);
    assert_eq!(form_kind(&c), Some(FormKind::EditFollowUp(99)));
    assert!(form(&c).fields[0].shown().starts_with("提问：1．"));
    // To 点评, which has no question.
    choose(&mut c, 0, 1);
    assert_eq!(form(&c).fields[0].shown(), "点评");
    let effects = act(&mut c, Action::Confirm);
    let [Effect::ChangeFollowUp { follow_up }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(follow_up.source, FollowUpSource::Remarks);
    assert_eq!(follow_up.question, None);
    // Back to nothing chosen: asked to choose, nothing written.
    run(&mut c, Command::EditSelected);
    choose(&mut c, 0, 0);
    assert!(act(&mut c, Action::Confirm).is_empty());
    assert!(
        form(&c)
            .error
            .as_ref()
            .unwrap()
            .contains("请选择「问题来源」")
    );
}

#[test]
fn jump_with_nothing_typed_says_what_to_type() {
    let mut c = console();
    run(&mut c, Command::Jump);
    assert!(act(&mut c, Action::Confirm).is_empty());
    assert!(
        form(&c).error.as_ref().unwrap().contains("1 到 8"),
        "{:?}",
        form(&c).error
    );
}

fn screen(c: &Console, w: u16, h: u16) -> String {
    use ratatui::{Terminal, backend::TestBackend};
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| shuze::ui::draw(f, c, &shuze::ui::Theme::projector_dark()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

/// Used and left add up to the allotment, and the header keeps the clock whole at every
/// size: words go before digits.
#[test]
fn the_clocks_agree_and_stay_whole_at_every_size() {
    let mut c = console();
    // 2 min 30.4 s into a 10-minute report: 02:30 used, 07:30 left (rounded up).
    at_stage(&mut c, Stage::Report, 0);
    c.snapshot.timings[0].1.running_since =
        Some(at(1000) - chrono::Duration::milliseconds(150_400));
    let clock = c.stage_clock(&c.snapshot.agenda[0].clone()).unwrap();
    let (used, left) = (clock.elapsed(), clock.remaining());
    let seconds = |t: &str| {
        let (m, s) = t.split_once(':').unwrap();
        m.parse::<i64>().unwrap() * 60 + s.parse::<i64>().unwrap()
    };
    assert_eq!(
        seconds(&used) + seconds(&left),
        clock.allotted_ms / 1000,
        "{used} + {left}"
    );
    for (w, h) in [(60, 18), (80, 24), (160, 45)] {
        let text = screen(&c, w, h);
        let header: String = text.lines().take(3).collect::<Vec<_>>().join("\n");
        assert!(
            header.contains(&format!("剩余 {left}")),
            "{w}x{h}: the time left whole:\n{header}"
        );
        assert!(header.contains(&used), "{w}x{h}:\n{header}");
    }
    // Paused and past its time.
    c.snapshot.timings[0].1.running_since = None;
    c.snapshot.timings[0].1.accumulated_ms = clock.allotted_ms + 65_000;
    for (w, h) in [(60, 18), (80, 24)] {
        let text = screen(&c, w, h);
        let header: String = text.lines().take(3).collect::<Vec<_>>().join("\n");
        assert!(header.contains("超时 -01:05"), "{w}x{h}:\n{header}");
        assert!(header.contains("[已暂停]"), "{w}x{h}:\n{header}");
    }
    let text = screen(&c, 160, 45);
    assert!(
        text.contains("议程（用时为各人合计）"),
        "the agenda says what its times are:\n{text}"
    );
}

/// Search finds everything the screen can show, and a hit goes to its official, pane and
/// row: remarks, closing remarks, follow-ups of this meeting and earlier ones, and a risk
/// point's measures as text.
#[test]
fn search_finds_everything_the_screen_can_show() {
    use shuze::view::SearchTarget;
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let wang = s.store.agenda(1).unwrap()[1].id;
    s.store
        .save_text(
            TextTarget::Remarks { slot: wang },
            "点评里的独特说法",
            at(1),
        )
        .unwrap();
    s.store
        .save_text(
            TextTarget::Closing { meeting: 1 },
            "总结里的独特说法",
            at(2),
        )
        .unwrap();
    let hits = |s: &shuze::session::Session, text: &str| s.store.search(1, text).unwrap();
    let remarks = hits(&s, "点评里的独特");
    assert_eq!(remarks.len(), 1);
    assert_eq!(
        (remarks[0].slot_index, remarks[0].target),
        (1, SearchTarget::Remarks)
    );
    assert_eq!(hits(&s, "总结里的独特")[0].target, SearchTarget::Closing);
    let earlier = hits(&s, "家风教育常态化");
    assert!(
        earlier
            .iter()
            .any(|h| h.slot_index == 0 && h.target == SearchTarget::FollowUp(1)),
        "the second earlier follow-up of 张某: {earlier:?}"
    );
    let measure = hits(&s, "镇纪委全程监督");
    assert_eq!(measure[0].target, SearchTarget::RiskPoint(0));
    assert!(
        !measure[0].excerpt.contains("[\""),
        "measures as text, not JSON: {}",
        measure[0].excerpt
    );
    // Choosing the follow-up hit: that official, the follow-ups pane, that row.
    s.handle(Action::Command(Command::NextOfficial), at(3));
    s.handle(Action::Command(Command::Search), at(4));
    s.handle(Action::Paste("家风教育常态化开展落实".into()), at(5));
    s.handle(Action::Confirm, at(6));
    assert_eq!(s.console.snapshot.current, 0);
    assert_eq!(s.console.recorder.focus, Pane::FollowUps);
    assert_eq!(s.console.selection(Pane::FollowUps), 1);
    let shown = &s.console.snapshot.detail.earlier_follow_ups[1].problem;
    assert!(shown.contains("家风教育"), "the row the hit named: {shown}");
}

#[test]
fn theme_names_follow_the_language_and_the_closing_editor_names_the_meeting() {
    use shuze::labels::theme_chosen;
    assert!(theme_chosen(Lang::Zh, "projector-light").contains("投影浅色"));
    assert!(!theme_chosen(Lang::Zh, "projector-light").contains("projector"));
    assert!(theme_chosen(Lang::En, "max-contrast").contains("maximum contrast"));
    let mut c = console();
    run(&mut c, Command::EditClosing);
    let text = screen(&c, 100, 30);
    let title_row = text
        .lines()
        .find(|l| l.contains("会议总结"))
        .unwrap_or_default();
    assert!(
        title_row.contains(&c.snapshot.meeting.title) && !title_row.contains("张某"),
        "the closing remarks are the meeting's: {title_row}"
    );
}

/// An answer typed before the question at 待述责 was noticed goes into the answer.
#[test]
fn an_answer_typed_over_the_question_is_kept() {
    let mut c = console();
    run(&mut c, Command::EditAnswer);
    assert_eq!(confirming(&c), Some(Confirmed::StartQuestions));
    key(&mut c, '已');
    assert!(
        matches!(&c.recorder.mode, Mode::Editor(e) if e.body() == "已"),
        "the questions started and the character is in the answer: {:?}",
        c.recorder.mode
    );
    let mut c = console();
    run(&mut c, Command::EditAnswer);
    let effects = act(&mut c, Action::Paste("整段粘贴的回答".into()));
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::SetStage {
            to: Stage::Questions,
            ..
        }
    )));
    assert!(matches!(&c.recorder.mode, Mode::Editor(e) if e.body() == "整段粘贴的回答"));
    // A question that does not lead into text ignores typing.
    let mut c = console();
    run(&mut c, Command::FinishMeeting);
    key(&mut c, '散');
    assert_eq!(confirming(&c), Some(Confirmed::Finish));
}

/// A follow-up filed with the old default source (提问, the selected question) is put
/// right with `u` in the file: its source becomes 点评 with no question, the history kept.
#[test]
fn a_follow_ups_corrected_source_reaches_the_file_and_the_ledger() {
    use shuze::export::{self, Format, Kind, Minutes, Options};
    let (_dir, path) = temp_db();
    let mut s = recorded_sample(&path);
    s.handle(Action::Command(Command::Jump), at(9_000));
    s.handle(Action::Paste("1".into()), at(9_000));
    s.handle(Action::Confirm, at(9_000));
    if matches!(s.console.recorder.mode, Mode::Confirm(_)) {
        s.handle(Action::Confirm, at(9_000));
    }
    s.console.recorder.focus = Pane::FollowUps;
    s.console.recorder.selected[Pane::FollowUps.index()] = 0;
    let raised = s.console.snapshot.detail.follow_ups[0].clone();
    assert_eq!(raised.source, FollowUpSource::Question);
    s.handle(Action::Command(Command::EditSelected), at(9_001));
    // 点评, the second choice.
    choose(&mut s.console, 0, 1);
    s.handle(Action::Confirm, at(9_002));
    assert!(
        matches!(s.console.recorder.mode, Mode::Browse),
        "{:?}",
        s.console.recorder.mode
    );
    let slot = s.console.slot().unwrap().id;
    drop(s);

    let store = Store::open(&path).unwrap();
    let now = &store.slot_detail(slot).unwrap().follow_ups[0];
    assert_eq!(now.id, raised.id);
    assert_eq!(now.source, FollowUpSource::Remarks);
    assert_eq!(now.question, None);
    assert_eq!(now.problem, raised.problem, "the rest as it was");
    let minutes = Minutes::build(&store, 1, false, at(10_000)).unwrap();
    let options = Options {
        revisions: false,
        offset: chrono::FixedOffset::east_opt(8 * 3600).unwrap(),
        fonts: export::Fonts::Gb2312,
    };
    let csv =
        String::from_utf8(export::render(&minutes, Kind::Ledger, Format::Csv, &options).unwrap())
            .unwrap();
    let row = csv.lines().find(|l| l.contains(&raised.problem)).unwrap();
    assert!(row.contains(",点评,") && !row.contains("源自"), "{row}");
}
