//! The console's behaviour without a terminal: keys go through the real key map into a
//! session on a real SQLite file, and the tests look at the state and the database.

mod common;

use chrono::{DateTime, Utc};
use common::*;
use shuze::app::key::{KeyCode, KeyEvent, KeyModifiers};
use shuze::app::{Action, Mode, Pane, keys};
use shuze::domain::{FollowUpStatus, Stage};
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::Store;

/// Presses one key at time `now`, as the terminal loop would.
fn press(session: &mut Session, code: KeyCode, now: DateTime<Utc>) {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    if let Some(action) = keys::action_for(
        &session.console.recorder.mode,
        KeyEvent::new(code, modifiers),
    ) {
        session.handle(action, now);
    }
}

fn press_all(session: &mut Session, codes: &[KeyCode], now: DateTime<Utc>) {
    for code in codes {
        press(session, *code, now);
    }
}

/// Types text character by character, as an input method without paste would.
fn type_text(session: &mut Session, text: &str, now: DateTime<Utc>) {
    for c in text.chars() {
        press(session, KeyCode::Char(c), now);
    }
}

use KeyCode::{Backspace, Char, Enter, Esc, Right, Tab};

fn stage(session: &Session) -> Stage {
    session.console.slot().unwrap().stage
}

fn message(session: &Session) -> String {
    session
        .console
        .recorder
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn form_error(session: &Session) -> String {
    match &session.console.recorder.mode {
        Mode::Form(form) => form.error.clone().unwrap_or_default(),
        other => panic!("no form open: {other:?}"),
    }
}

#[test]
fn one_official_through_every_stage_is_recorded_and_comes_back_after_a_restart() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press(&mut s, Char('s'), at(0));
    assert_eq!(stage(&s), Stage::Report);
    press(&mut s, Char('s'), at(300));
    assert_eq!(stage(&s), Stage::Questions);
    // Answer the first prepared question.
    press(&mut s, Enter, at(310));
    type_text(&mut s, "查摆风险点4个，制定措施7项", at(320));
    press(&mut s, Esc, at(330));
    // A question raised on the spot, then its answer.
    press(&mut s, Char('a'), at(340));
    type_text(&mut s, "县政协委员 某某", at(341));
    press(&mut s, Tab, at(342));
    type_text(&mut s, "村级谈话为何没有全覆盖？", at(343));
    press(&mut s, Enter, at(344));
    assert_eq!(
        s.console.selection(Pane::Questions),
        3,
        "the new question is selected"
    );
    press(&mut s, Enter, at(350));
    type_text(&mut s, "年底前完成", at(351));
    press(&mut s, Esc, at(352));
    press(&mut s, Char('w'), at(353));
    press(&mut s, Enter, at(353));
    // Remarks, rating, follow-up.
    press_all(&mut s, &[Char('s'), Char('r')], at(400));
    type_text(&mut s, "整改要见实效", at(401));
    press_all(&mut s, &[Esc, Char('s'), Char('t')], at(402));
    // The caret starts on the first tally; each digit typed replaces the 0 shown.
    type_text(&mut s, "5", at(403));
    press(&mut s, Tab, at(403));
    type_text(&mut s, "2", at(403));
    press(&mut s, Enter, at(404));
    press_all(&mut s, &[Char('s'), Char('f')], at(500));
    // 问题来源: 点评 chosen, then to the problem.
    press_all(&mut s, &[Right, Tab, Tab], at(500));
    type_text(&mut s, "村级谈话未全覆盖", at(501));
    press_all(&mut s, &[Tab, Tab], at(502));
    type_text(&mut s, "年底前完成谈话", at(503));
    press_all(&mut s, &[Tab, Tab, Tab], at(504));
    type_text(&mut s, "2027-03-31", at(505));
    press(&mut s, Enter, at(506));
    press(&mut s, Char('s'), at(600));
    assert_eq!(stage(&s), Stage::Done);
    drop(s);

    let store = Store::open(&path).unwrap();
    let slot = store.agenda(1).unwrap()[0].clone();
    assert_eq!(slot.stage, Stage::Done);
    let d = store.slot_detail(slot.id).unwrap();
    assert_eq!(
        d.questions[0].answer.as_ref().unwrap().body,
        "查摆风险点4个，制定措施7项"
    );
    assert_eq!(
        d.questions[0].asked_at,
        Some(at(320)),
        "asked with the answer's first character, not when the editor opened"
    );
    let added = &d.questions[3];
    assert_eq!(
        (added.asker.as_str(), added.prepared),
        ("县政协委员 某某", false)
    );
    assert_eq!(added.answer.as_ref().unwrap().body, "年底前完成");
    assert!(added.needs_written_reply);
    assert_eq!(d.remarks.unwrap().body, "整改要见实效");
    let rating = d.rating.unwrap();
    assert_eq!((rating.voters, rating.excellent, rating.good), (7, 5, 2));
    let f = &d.follow_ups[0];
    assert_eq!(f.problem, "村级谈话未全覆盖");
    assert_eq!(f.measure, "年底前完成谈话");
    assert_eq!(f.deadline.unwrap().to_string(), "2027-03-31");
    assert_eq!(
        f.copied_to, slot.supervisor,
        "copied to the leader in charge by default"
    );
    assert_eq!(f.status, FollowUpStatus::NotStarted);
    let report = store
        .timings(1)
        .unwrap()
        .into_iter()
        .find(|(_, t)| t.stage == Stage::Report)
        .unwrap()
        .1;
    assert_eq!(report.elapsed_ms(at(9999)), 300_000);

    let again = Session::open(store, None, Lang::Zh, at(700)).unwrap();
    assert_eq!(again.console.snapshot.current, 0);
    assert_eq!(again.console.recorder.focus, Pane::FollowUps);
}

#[test]
fn the_recorder_returns_to_the_same_official_pane_and_row() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press_all(
        &mut s,
        &[Char('n'), Char('n'), Tab, Char('j'), Char('j'), Char('s')],
        at(1),
    );
    drop(s);
    let s = Session::open(Store::open(&path).unwrap(), None, Lang::Zh, at(100)).unwrap();
    assert_eq!(s.console.snapshot.current, 2);
    assert_eq!(s.console.recorder.focus, Pane::Duties);
    assert_eq!(s.console.selection(Pane::Duties), 2);
    assert_eq!(stage(&s), Stage::Report);
    let timing = s.console.current_timing().unwrap();
    assert!(
        timing.is_running(),
        "the clock kept running while the console was closed"
    );
    assert_eq!(timing.elapsed_ms(at(100)), 99_000);
}

/// The saved place is the recorder's own state: when it cannot be read (garbled, or written
/// by a newer shuze), the console starts at the first official and says so, rather than
/// dropping it in silence.
#[test]
fn a_saved_place_that_cannot_be_read_is_said() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press_all(&mut s, &[Char('n'), Char('n'), Tab], at(1));
    drop(s);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for (state, why) in [
        ("{not json", "key must be a string"),
        (
            r#"{"format": 9, "slot": 3, "focus": "Duties", "selected": [0,0,0,0,0]}"#,
            "格式9",
        ),
    ] {
        conn.execute("UPDATE console_state SET state = ?1", [state])
            .unwrap();
        let s = Session::open(Store::open(&path).unwrap(), None, Lang::Zh, at(100)).unwrap();
        let said = message(&s);
        assert!(said.contains("上次的位置无法读取"), "{state}: {said}");
        assert!(said.contains(why), "{state}: {said}");
        assert_eq!(s.console.snapshot.current, 0, "{state}: the first official");
    }
}

/// A half-filled form comes back; a saved value that does not fit it (another kind of
/// field) is said, not dropped in silence.
#[test]
fn a_form_value_that_does_not_fit_is_said_when_the_form_comes_back() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press_all(&mut s, &[Tab], at(1));
    drop(s);
    let state = r#"{"format":1,"slot":1,"focus":"Questions","selected":[0,0,0,0,0],
        "form":{"kind":"AddQuestion","values":[{"choice":3},{"text":"半句"}],"focus":1}}"#;
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE console_state SET state = ?1", [state])
        .unwrap();
    let s = Session::open(Store::open(&path).unwrap(), None, Lang::Zh, at(100)).unwrap();
    let Mode::Form(form) = &s.console.recorder.mode else {
        panic!("the form is back: {:?}", s.console.recorder.mode);
    };
    assert_eq!(form.text(1), "半句");
    let said = message(&s);
    assert!(
        said.contains("有1项") && said.contains("未能填回"),
        "{said}"
    );
}

/// A meeting's rating scheme (its grades and rules) that cannot be read is said when the
/// console opens, never replaced by the default grades in silence; an export stops on it.
#[test]
fn a_rating_scheme_that_cannot_be_read_is_said() {
    let (_dir, path) = temp_db();
    drop(sample_session(&path));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO setting (key, value) VALUES ('rating.scheme.meeting-1', '{\"grades\": 7')",
        [],
    )
    .unwrap();
    let s = Session::open(Store::open(&path).unwrap(), None, Lang::Zh, at(100)).unwrap();
    let said = message(&s);
    assert!(said.contains("rating.scheme.meeting-1"), "{said}");
    assert!(said.contains("无法读取"), "{said}");
    let store = Store::open(&path).unwrap();
    assert!(store.rating_scheme(1).is_err(), "an export reads it too");
}

/// Keys read together (held `j`, or typed while a slow disk saved): the place is saved
/// once, after the last of them, and a restart comes back to it; what a key changes (a
/// stage) is written at once.
#[test]
fn keys_read_together_save_the_place_after_the_last_and_the_stage_at_once() {
    use KeyCode::{Char, Tab};
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let in_file = |sql: &str| -> String {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.query_row(sql, [], |row| row.get(0))
            .unwrap_or_default()
    };
    let focus = || in_file("SELECT json_extract(state, '$.focus') FROM console_state");
    let stage = || in_file("SELECT stage FROM agenda_slot WHERE id = 1");
    let focus_before = focus();
    for code in [Tab, Char('j'), Char('s'), Char('j')] {
        let action = keys::action_for(
            &s.console.recorder.mode,
            KeyEvent::new(code, KeyModifiers::NONE),
        );
        s.handle_key(action.unwrap(), at(1), true);
    }
    assert_eq!(focus(), focus_before, "the place waits for the last key");
    assert_eq!(stage(), "report", "a stage is written with its key");
    let action = keys::action_for(
        &s.console.recorder.mode,
        KeyEvent::new(Char('j'), KeyModifiers::NONE),
    );
    s.handle_key(action.unwrap(), at(1), false);
    assert_eq!(focus(), "Duties");
    drop(s);
    let s = Session::open(Store::open(&path).unwrap(), None, Lang::Zh, at(100)).unwrap();
    assert_eq!(s.console.recorder.focus, Pane::Duties);
    assert_eq!(s.console.selection(Pane::Duties), 3);
}

#[test]
fn typed_text_is_due_at_the_next_wake_up_and_a_crash_reopens_the_editor_in_place() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    // At 待述责 Enter asks first; Enter again starts the questions and opens the answer.
    press_all(&mut s, &[Enter, Enter], at(0));
    type_text(&mut s, "第一句", at(10));
    let answer = |path| {
        let store = Store::open(path).unwrap();
        store.slot_detail(1).unwrap().questions[0]
            .answer
            .clone()
            .map(|a| a.body)
    };
    let t = at(10);
    // The draft is due at once: the loop's next wake-up (right after drawing) saves it.
    assert!(s.console.next_deadline().unwrap() <= t);
    s.handle(Action::Tick, t);
    assert_eq!(answer(&path).as_deref(), Some("第一句"));
    // Crash: the session is dropped without saving anything more.
    drop(s);
    let s = Session::open(Store::open(&path).unwrap(), None, Lang::Zh, at(20)).unwrap();
    match &s.console.recorder.mode {
        Mode::Editor(editor) => {
            assert_eq!(editor.body(), "第一句");
            assert_eq!(editor.caret(), (0, 3));
        }
        other => panic!("the editor should be open again: {other:?}"),
    }
}

#[test]
fn pasted_text_keeps_line_breaks_and_drops_escape_sequences() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press(&mut s, Char('r'), at(0));
    s.handle(
        Action::Paste("第一条\r\n第二条\u{1b}[31m红\u{7}".into()),
        at(1),
    );
    press(&mut s, Esc, at(2));
    let remarks = s.store.slot_detail(1).unwrap().remarks.unwrap().body;
    assert_eq!(remarks, "第一条\n第二条红");
}

#[test]
fn a_written_only_official_goes_straight_to_questions() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press(&mut s, Char('g'), at(0));
    type_text(&mut s, "7", at(0));
    press(&mut s, Enter, at(0));
    assert!(s.console.slot().unwrap().written_only);
    press(&mut s, Char('s'), at(1));
    assert_eq!(stage(&s), Stage::Questions);
    press(&mut s, Char('S'), at(2));
    assert_eq!(stage(&s), Stage::Pending);
}

#[test]
fn tallies_above_the_voters_are_refused_and_nothing_is_written() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press(&mut s, Char('t'), at(0));
    press_all(&mut s, &[Tab, Backspace], at(0));
    type_text(&mut s, "6", at(0));
    press_all(&mut s, &[Tab, Backspace], at(0));
    type_text(&mut s, "2", at(0));
    press(&mut s, Enter, at(0));
    assert!(
        form_error(&s).contains("合计 8 张，超过参评人数 7 人"),
        "{}",
        form_error(&s)
    );
    assert_eq!(s.store.slot_detail(1).unwrap().rating, None);
    press(&mut s, Esc, at(0));
    assert!(matches!(s.console.recorder.mode, Mode::Browse));
}

#[test]
fn a_follow_up_needs_a_problem_and_a_real_deadline() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press(&mut s, Char('f'), at(0));
    press(&mut s, Enter, at(0));
    assert!(form_error(&s).contains("问题来源"), "{}", form_error(&s));
    press_all(&mut s, &[Right, Right, Enter], at(0));
    assert!(
        form_error(&s).contains("「问题描述」"),
        "{}",
        form_error(&s)
    );
    type_text(&mut s, "台账不全", at(0));
    press_all(&mut s, &[Tab, Tab, Tab, Tab, Tab], at(0));
    type_text(&mut s, "明年三月", at(0));
    press(&mut s, Enter, at(0));
    assert!(form_error(&s).contains("2027-03-31"), "{}", form_error(&s));
    assert!(s.store.slot_detail(1).unwrap().follow_ups.is_empty());
}

#[test]
fn skipping_needs_a_reason_and_records_it() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press_all(&mut s, &[Char('x'), Enter], at(0));
    assert!(form_error(&s).contains("跳过原因"));
    type_text(&mut s, "外出学习，书面请假", at(0));
    press(&mut s, Enter, at(0));
    let slot = s.store.agenda(1).unwrap()[0].clone();
    assert_eq!(
        (slot.stage, slot.skip_reason.as_str()),
        (Stage::Skipped, "外出学习，书面请假")
    );
    press(&mut s, Char('s'), at(1));
    assert!(message(&s).contains("已跳过"), "{}", message(&s));
}

#[test]
fn jumping_to_a_number_outside_the_agenda_says_which_numbers_exist() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press(&mut s, Char('g'), at(0));
    type_text(&mut s, "12", at(0));
    press(&mut s, Enter, at(0));
    assert!(form_error(&s).contains("1 到 8"), "{}", form_error(&s));
    press_all(&mut s, &[Backspace, Backspace], at(0));
    type_text(&mut s, "5", at(0));
    press(&mut s, Enter, at(0));
    assert_eq!(s.console.slot().unwrap().name, "黄某");
}

#[test]
fn search_finds_a_question_of_another_official_and_goes_there() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press(&mut s, Char('/'), at(0));
    type_text(&mut s, "欠缴", at(0));
    match &s.console.recorder.mode {
        Mode::Search(search) => assert!(!search.hits.is_empty()),
        other => panic!("{other:?}"),
    }
    press(&mut s, Enter, at(0));
    assert_eq!(s.console.slot().unwrap().name, "黄某");
    let pane = s.console.recorder.focus;
    assert_eq!(pane, Pane::Duties, "the first hit is a duty item");
}

#[test]
fn the_timer_pauses_and_resumes_with_space() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    press(&mut s, Char(' '), at(0));
    assert!(message(&s).contains("不计时"), "{}", message(&s));
    press(&mut s, Char('s'), at(0));
    press(&mut s, Char(' '), at(60));
    assert!(!s.console.current_timing().unwrap().is_running());
    press(&mut s, Char(' '), at(600));
    assert_eq!(
        s.console.current_timing().unwrap().elapsed_ms(at(630)),
        90_000
    );
}

#[test]
fn a_meeting_without_officials_opens_and_says_so() {
    let (dir, db) = temp_db();
    let text = MINIMAL_PREP
        .split("[[official]]")
        .next()
        .unwrap()
        .to_string();
    let file = write_prep(dir.path(), "empty.toml", &text);
    let mut store = Store::create_or_open(&db).unwrap();
    shuze::prep::import_file(&file, &mut store, at(0)).unwrap();
    let mut s = Session::open(store, None, Lang::Zh, at(0)).unwrap();
    for code in [
        Char('s'),
        Enter,
        Char('a'),
        Char('t'),
        Char('f'),
        Char('n'),
        Char(' '),
        Char('x'),
    ] {
        press(&mut s, code, at(1));
        press(&mut s, Esc, at(1));
    }
    assert!(message(&s).contains("没有述责人"), "{}", message(&s));
}

#[test]
fn the_most_recent_unfinished_meeting_opens_unless_another_is_chosen() {
    let (dir, db) = temp_db();
    let store = sample_store(&db);
    drop(store);
    let later = MINIMAL_PREP.replace("2026-12-18", "2027-03-20");
    let file = write_prep(dir.path(), "q1.toml", &later);
    let mut store = Store::open(&db).unwrap();
    let newer = shuze::prep::import_file(&file, &mut store, at(0)).unwrap();
    let s = Session::open(store, None, Lang::Zh, at(0)).unwrap();
    assert_eq!(s.console.snapshot.meeting.id, newer);
    let s = Session::open(s.store, Some(1), Lang::Zh, at(0)).unwrap();
    assert_eq!(
        s.console.snapshot.meeting.title,
        "某县纪委监委2026年度述责述廉会议"
    );
    assert!(Session::open(Store::open(&db).unwrap(), Some(99), Lang::Zh, at(0)).is_err());
}

#[test]
fn ctrl_c_quits_from_a_form_the_search_and_the_help() {
    use shuze::app::key::KeyModifiers as M;
    for opener in [Char('t'), Char('/'), Char('?'), Char('f')] {
        let (_dir, path) = temp_db();
        let mut s = sample_session(&path);
        press(&mut s, opener, at(0));
        let ctrl_c = keys::action_for(
            &s.console.recorder.mode,
            KeyEvent::new(Char('c'), M::CONTROL),
        )
        .unwrap();
        s.handle(ctrl_c, at(1));
        assert!(s.console.quit, "{opener:?}");
    }
}

#[test]
fn a_minute_of_steady_typing_keeps_few_revisions_and_loses_nothing() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    // At 待述责 Enter asks first; Enter again starts the questions and opens the answer.
    press_all(&mut s, &[Enter, Enter], at(0));
    let start = at(1);
    let mut typed = String::new();
    for i in 0..200 {
        let t = start + chrono::Duration::milliseconds(300 * i);
        let c = char::from_u32(0x4e00 + i as u32).unwrap();
        press(&mut s, Char(c), t);
        typed.push(c);
        s.handle(Action::Tick, t + chrono::Duration::milliseconds(150));
        let shown = s.store.slot_detail(1).unwrap().questions[0]
            .answer
            .clone()
            .unwrap()
            .body;
        assert_eq!(
            shown, typed,
            "every character is on disk 150 ms after it was typed"
        );
    }
    let pause = start + chrono::Duration::seconds(64);
    s.handle(Action::Tick, pause);
    let kept = s
        .store
        .revisions(shuze::storage::TextTarget::Answer {
            slot: 1,
            question: 1,
        })
        .unwrap();
    assert!(
        kept.len() <= 3,
        "60 s of typing keeps {} revisions",
        kept.len()
    );
    assert_eq!(kept.last().unwrap().body, typed);
    assert!(!kept.last().unwrap().draft, "the pause kept it");
}

#[test]
fn search_finds_an_answer_while_it_is_still_a_draft() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    // At 待述责 Enter asks first; Enter again starts the questions and opens the answer.
    press_all(&mut s, &[Enter, Enter], at(0));
    type_text(&mut s, "独一无二的回答", at(1));
    s.handle(Action::Tick, at(2));
    assert!(
        matches!(s.console.recorder.mode, Mode::Editor(_)),
        "still typing: only a draft is saved"
    );
    let hits = s.store.search(1, "独一无二").unwrap();
    assert_eq!(hits.len(), 1);
}

#[test]
fn an_earlier_follow_up_is_brought_up_to_date_from_the_follow_ups_pane() {
    use KeyCode::{Down, Right};
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let open_before = s.console.snapshot.detail.counts().open_earlier_follow_ups;
    assert_eq!(open_before, 1, "张某 has one earlier follow-up still open");
    while s.console.recorder.focus != Pane::FollowUps {
        press(&mut s, Tab, at(0));
    }
    press(&mut s, Enter, at(1));
    match &s.console.recorder.mode {
        Mode::Form(form) => assert_eq!(form.fields[0].shown(), "整改中"),
        other => panic!("{other:?}"),
    }
    // The caret starts on the status.
    press_all(&mut s, &[Right, Down], at(2));
    type_text(&mut s, "村组干部已谈话到位", at(3));
    press(&mut s, Enter, at(4));
    let earlier = &s.store.slot_detail(1).unwrap().earlier_follow_ups[0];
    assert_eq!(earlier.status, FollowUpStatus::Completed);
    assert!(earlier.progress.ends_with("村组干部已谈话到位"));
    assert_eq!(
        s.console.snapshot.detail.counts().open_earlier_follow_ups,
        0,
        "the card counts it closed"
    );
}

/// An answer of 1 MB in one paragraph (over 65,535 characters) reopens with its caret where
/// it was, three characters before the end, not at character 65,535.
#[test]
fn a_one_megabyte_paragraph_reopens_with_the_caret_where_it_was() {
    let (_dir, path) = temp_db();
    let mut session = sample_session(&path);
    press_all(
        &mut session,
        &[KeyCode::Char('s'), KeyCode::Char('s'), KeyCode::Enter],
        at(1),
    );
    let text = "述责述廉ab".repeat(75_000);
    assert!(text.len() > 1_000_000);
    session.handle(Action::Paste(text.clone()), at(2));
    press_all(&mut session, &[KeyCode::Left; 3], at(3));
    session.handle(Action::Tick, at(4));
    let caret = (0, text.chars().count() - 3);
    match &session.console.recorder.mode {
        Mode::Editor(editor) => assert_eq!(editor.caret(), caret),
        other => panic!("{other:?}"),
    }
    drop(session);
    let session = Session::open(Store::open(&path).unwrap(), None, Lang::Zh, at(5)).unwrap();
    match &session.console.recorder.mode {
        Mode::Editor(editor) => {
            assert_eq!(editor.body(), text);
            assert_eq!(editor.caret(), caret, "the caret where it was");
        }
        other => panic!("the editor did not come back: {other:?}"),
    }
}

#[test]
fn a_running_clock_wakes_the_loop_exactly_when_its_shown_second_changes() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    // The report starts 0.3 s into a second of the wall clock.
    let started = at(0) + chrono::Duration::milliseconds(300);
    s.handle(Action::Command(shuze::app::Command::NextStage), started);
    assert!(s.console.timer_running());
    let shown = |s: &Session, now| {
        let timing = s.console.current_timing().unwrap();
        shuze::domain::StageClock::of(timing, 8, now).elapsed()
    };
    s.console.now = at(5);
    let wake = s.console.next_deadline().unwrap();
    assert_eq!(wake, at(5) + chrono::Duration::milliseconds(300));
    assert_eq!(shown(&s, wake - chrono::Duration::milliseconds(1)), "00:04");
    assert_eq!(shown(&s, wake), "00:05");
    // Drawn at that moment, the next wake is one second on: once a second, no more.
    s.console.now = wake;
    assert_eq!(
        s.console.next_deadline().unwrap(),
        wake + chrono::Duration::seconds(1)
    );
}
