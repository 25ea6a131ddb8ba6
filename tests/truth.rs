//! Issue 19's console rules through the session (no terminal): numbers follow the agenda's
//! order; moving the official being heard is asked first; a meeting held on another day
//! than prepared has its date moved when the recorder says so; the first change after 散会
//! says so once.

mod common;

use common::*;
use shuze::app::{Action, Command, Confirmed, Mode, update};
use shuze::domain::{AgendaChange, AgendaMove, Stage};
use shuze::session::Session;
use shuze::storage::Store;

fn screen(s: &Session, w: u16, h: u16) -> String {
    use ratatui::{Terminal, backend::TestBackend};
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| shuze::ui::draw(f, &s.console, &shuze::ui::Theme::projector_dark()))
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

fn confirming(s: &Session) -> Option<Confirmed> {
    match &s.console.recorder.mode {
        Mode::Confirm(confirmation) => Some(confirmation.then),
        _ => None,
    }
}

/// 张某 to the end (G), 王某 down (J), 刘某 withdrawn: the file's positions have gaps; every
/// number shown is 1..7 in the new order.
fn moved_about(path: &std::path::Path) -> Session {
    let mut s = sample_session(path);
    s.handle(Action::Command(Command::MoveOfficialToEnd), at(1));
    s.handle(Action::Command(Command::MoveOfficialDown), at(2));
    let third = s.console.snapshot.agenda[2].id;
    s.store
        .change_agenda(
            third,
            &AgendaChange {
                withdrawn: Some(true),
                ..AgendaChange::default()
            },
            at(3),
        )
        .unwrap();
    let all = shuze::view::Changed {
        agenda: true,
        detail: true,
        closing: true,
    };
    shuze::session::load::reload(&s.store, &mut s.console, all).unwrap();
    s
}

#[test]
fn after_moves_every_number_follows_the_order() {
    let (_dir, path) = temp_db();
    let mut s = moved_about(&path);
    let names: Vec<String> = s
        .console
        .snapshot
        .agenda
        .iter()
        .map(|a| a.name.clone())
        .collect();
    let numbers: Vec<u32> = s
        .console
        .snapshot
        .agenda
        .iter()
        .map(|a| a.position)
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7], "{names:?}");
    assert_eq!(names.last().map(String::as_str), Some("张某"));
    let raw: Vec<u32> = s
        .store
        .agenda(1)
        .unwrap()
        .iter()
        .map(|a| a.position)
        .collect();
    assert_ne!(raw, numbers, "the file's positions have gaps: {raw:?}");

    // The agenda list and the header.
    let text = screen(&s, 160, 45);
    for (number, name) in (1..).zip(&names) {
        let row = format!("{number:>2} {name}");
        assert!(text.contains(&row), "{row} in the agenda:\n{text}");
    }
    // `g 4` goes to the official shown as 4.
    s.handle(Action::Command(Command::Jump), at(4));
    s.handle(Action::Paste("4".into()), at(4));
    s.handle(Action::Confirm, at(4));
    assert_eq!(s.console.slot().unwrap().name, names[3]);
    assert!(screen(&s, 160, 45).contains("第 4/7 位"));
    // Search names the last official by the number shown.
    s.handle(Action::Command(Command::Search), at(5));
    s.handle(Action::Paste("张某".into()), at(5));
    let text = screen(&s, 160, 45);
    assert!(text.contains("7 张某"), "{text}");
    assert!(
        !text.contains("9 张某") && !text.contains("8 张某"),
        "{text}"
    );
}

#[test]
fn the_exports_and_the_projection_number_the_agenda_as_shown() {
    use shuze::export::{self, Format, Kind, Minutes, Options};
    let (_dir, path) = temp_db();
    let s = moved_about(&path);
    let projection = s.console.projection(&s.console.room);
    let numbers: Vec<u32> = projection.agenda.iter().map(|r| r.slot.position).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    drop(s);
    let store = Store::open(&path).unwrap();
    let minutes = Minutes::build(&store, 1, false, at(10_000)).unwrap();
    let options = Options {
        revisions: false,
        offset: chrono::FixedOffset::east_opt(8 * 3600).unwrap(),
        fonts: export::Fonts::Gb2312,
    };
    let json: serde_json::Value = serde_json::from_slice(
        &export::render(&minutes, Kind::Record, Format::Json, &options).unwrap(),
    )
    .unwrap();
    let positions: Vec<i64> = json["officials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["slot"]["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, [1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn moving_the_official_being_heard_is_asked_first() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let first = s.console.snapshot.agenda[0].id;
    s.handle(Action::Command(Command::NextStage), at(0));
    if confirming(&s).is_some() {
        // A date question at the first start (see below) is not this test's.
        s.handle(Action::Cancel, at(0));
    }
    assert_eq!(s.console.slot().unwrap().stage, Stage::Report);
    for (command, to) in [
        (Command::MoveOfficialToEnd, AgendaMove::ToEnd),
        (Command::MoveOfficialDown, AgendaMove::Down),
    ] {
        s.handle(Action::Command(command), at(10));
        assert_eq!(
            confirming(&s),
            Some(Confirmed::Move { slot: first, to }),
            "{command:?}"
        );
        let Mode::Confirm(c) = &s.console.recorder.mode else {
            panic!()
        };
        assert!(
            c.text.contains("张某") && c.text.contains("正在"),
            "{}",
            c.text
        );
        s.handle(Action::Cancel, at(11));
        assert_eq!(s.console.snapshot.agenda[0].id, first, "Esc: not moved");
    }
    s.handle(Action::Command(Command::MoveOfficialToEnd), at(12));
    s.handle(Action::Confirm, at(13));
    assert_eq!(
        s.console.snapshot.agenda.last().unwrap().id,
        first,
        "Enter: moved"
    );
    assert_eq!(s.console.slot().unwrap().id, first, "still on screen");

    // An official not yet heard moves at once.
    let mut c = s.console;
    c.snapshot.current = 0;
    c.recorder.mode = Mode::Browse;
    let effects = update(&mut c, Action::Command(Command::MoveOfficialDown));
    assert!(matches!(
        effects.as_slice(),
        [shuze::app::Effect::MoveOfficial { .. }]
    ));
}

fn message(s: &Session) -> String {
    s.console
        .recorder
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_first_change_after_the_meeting_ended_says_so_once() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.handle(Action::Command(Command::FinishMeeting), at(100));
    s.handle(Action::Confirm, at(100));
    let ended = shuze::labels::time_of_day(at(100));
    assert!(s.console.snapshot.meeting.finished_at.is_some());
    // Moving about and looking change nothing: nothing said.
    s.handle(Action::Command(Command::MoveDown), at(200));
    s.handle(Action::Command(Command::NextOfficial), at(201));
    s.handle(Action::Command(Command::PreviousOfficial), at(202));
    assert!(!message(&s).contains("会后补记"), "{}", message(&s));
    // The first change: an answer typed (the questions start with it).
    let said = format!("会议已于{ended}散会：此后的修改记为会后补记");
    s.handle(Action::Command(Command::EditAnswer), at(300));
    assert!(
        !message(&s).contains("会后补记"),
        "asked first, nothing changed yet"
    );
    s.handle(Action::Confirm, at(300));
    assert_eq!(message(&s), said, "said at the first change");
    s.handle(Action::Paste("会后补充的回答".into()), at(301));
    s.handle(Action::Cancel, at(310));
    // Said once: the next change says something else.
    s.handle(Action::Command(Command::AddQuestion), at(400));
    s.handle(Action::Paste("县人大代表 某某".into()), at(401));
    s.handle(Action::Step(1), at(401));
    s.handle(Action::Paste("补问".into()), at(401));
    s.handle(Action::Confirm, at(402));
    assert_ne!(message(&s), said, "said once");
}

#[test]
fn the_late_entry_message_is_said_at_the_first_write_after_the_end() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.handle(Action::Command(Command::FinishMeeting), at(100));
    s.handle(Action::Confirm, at(100));
    let ended = shuze::labels::time_of_day(at(100));
    let said = format!("会议已于{ended}散会：此后的修改记为会后补记");
    s.handle(Action::Command(Command::ToggleWrittenReply), at(200));
    // The `w` step asks for an optional reason first: Enter, none.
    s.handle(Action::Confirm, at(200));
    assert_eq!(message(&s), said);
    s.handle(Action::Command(Command::ToggleWrittenReply), at(201));
    assert_ne!(message(&s), said, "once");
}

const DAY: i64 = 86_400;

/// The sample (prepared for 2026-12-18) run eleven days early, on 2026-12-07.
fn early(seconds: i64) -> chrono::DateTime<chrono::Utc> {
    at(-11 * DAY + seconds)
}

fn rendered(path: &std::path::Path, kind: shuze::export::Kind, generated: i64) -> String {
    use shuze::export::{self, Format, Minutes, Options};
    let store = Store::open(path).unwrap();
    let minutes = Minutes::build(&store, 1, false, at(generated)).unwrap();
    let options = Options {
        revisions: false,
        offset: chrono::FixedOffset::east_opt(8 * 3600).unwrap(),
        fonts: export::Fonts::Gb2312,
    };
    String::from_utf8(export::render(&minutes, kind, Format::Md, &options).unwrap()).unwrap()
}

#[test]
fn the_first_stage_on_another_day_asks_to_move_the_meetings_date() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let prepared = s.console.snapshot.meeting.held_on;
    let t = early(0);
    let today = t.with_timezone(&chrono::Local).date_naive();
    s.handle(Action::Command(Command::NextStage), t);
    assert_eq!(
        confirming(&s),
        Some(Confirmed::MoveDate {
            today,
            stage: Stage::Report,
            answer: false
        })
    );
    let Mode::Confirm(c) = &s.console.recorder.mode else {
        panic!()
    };
    assert!(
        c.text.contains("2026年12月18日") && c.text.contains("2026年12月7日"),
        "{}",
        c.text
    );
    assert_eq!(s.console.slot().unwrap().stage, Stage::Pending, "not yet");
    s.handle(Action::Confirm, t);
    assert_eq!(s.console.slot().unwrap().stage, Stage::Report, "begun");
    assert_eq!(s.console.snapshot.meeting.held_on, today, "the date moved");
    // In the file: a dated change, the prepared date kept; no second question.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (moved_to, prepared_kept): (String, String) = conn
        .query_row(
            "SELECT c.held_on, m.held_on FROM meeting_change c JOIN meeting m ON m.id = c.meeting_id",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(moved_to, today.to_string());
    assert_eq!(prepared_kept, prepared.to_string());
    assert!(
        conn.execute("UPDATE meeting_change SET held_on = '2020-01-01'", [])
            .is_err(),
        "append-only"
    );
    s.handle(Action::Command(Command::NextStage), early(600));
    assert!(confirming(&s).is_none(), "asked once, at the first stage");

    // The record and the 纪要 are dated the day it was held.
    let record = rendered(&path, shuze::export::Kind::Record, -11 * DAY + 700);
    assert!(record.contains("2026年12月7日 09:00"), "{record}");
    assert!(!record.contains("2026年12月18日"), "{record}");
    let summary = rendered(&path, shuze::export::Kind::Summary, -11 * DAY + 700);
    assert!(summary.contains("2026年12月7日印发"), "{summary}");
}

#[test]
fn esc_keeps_the_prepared_date_and_no_document_is_dated_before_it() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let prepared = s.console.snapshot.meeting.held_on;
    let t = early(0);
    s.handle(Action::Command(Command::NextStage), t);
    assert!(confirming(&s).is_some());
    s.handle(Action::Cancel, t);
    assert_eq!(
        s.console.slot().unwrap().stage,
        Stage::Report,
        "begun all the same"
    );
    assert_eq!(
        s.console.snapshot.meeting.held_on, prepared,
        "the date kept"
    );
    assert!(message(&s).contains("2026年12月18日"), "{}", message(&s));
    // 散会 after midnight: its time carries its date.
    s.handle(Action::Command(Command::FinishMeeting), early(DAY));
    s.handle(Action::Confirm, early(DAY));
    drop(s);

    let record = rendered(&path, shuze::export::Kind::Record, -11 * DAY + DAY + 60);
    assert!(
        record.contains("2026年12月7日 09:00至12月8日09:00"),
        "the times as they happened:\n{record}"
    );
    assert!(record.contains("散会（12月8日09:00）"), "{record}");
    let summary = rendered(&path, shuze::export::Kind::Summary, -11 * DAY + DAY + 60);
    assert!(
        summary.contains("2026年12月18日印发"),
        "never before the meeting's date:\n{summary}"
    );
    assert!(!summary.contains("2026年12月8日印发"), "{summary}");
}

#[test]
fn enter_on_a_question_at_the_first_stage_on_another_day_asks_both_then_answers() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let t = early(0);
    s.handle(Action::Command(Command::EditAnswer), t);
    assert_eq!(confirming(&s), Some(Confirmed::StartQuestions));
    s.handle(Action::Confirm, t);
    assert!(
        matches!(
            confirming(&s),
            Some(Confirmed::MoveDate {
                stage: Stage::Questions,
                answer: true,
                ..
            })
        ),
        "then the date: {:?}",
        confirming(&s)
    );
    s.handle(Action::Cancel, t);
    assert_eq!(s.console.slot().unwrap().stage, Stage::Questions);
    assert!(
        matches!(s.console.recorder.mode, Mode::Editor(_)),
        "the answer opens"
    );
    assert_eq!(s.console.snapshot.meeting.held_on.to_string(), "2026-12-18");

    // An answer typed at the first question goes into the answer, no date question between.
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.handle(Action::Command(Command::EditAnswer), t);
    s.handle(Action::Paste("先打的字".into()), t);
    let Mode::Editor(editor) = &s.console.recorder.mode else {
        panic!("{:?}", s.console.recorder.mode)
    };
    assert_eq!(editor.body(), "先打的字");
}

/// Ctrl-C with a half-filled form while another program holds the file's write lock: the
/// form cannot go into the resume point, so its words go to a rescue file and the exit
/// report names it (the console then says nothing of 已保存).
#[test]
fn ctrl_c_with_a_form_the_file_will_not_take_reports_it_unsaved() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.handle(Action::Command(Command::AddQuestion), at(1));
    s.handle(Action::Paste("县人大代表 某某".into()), at(2));
    assert_eq!(s.unsaved_report(), None);
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    // Typed while the lock is held: only on screen.
    s.handle(Action::Step(1), at(3));
    s.handle(Action::Paste("锁住之后的半句".into()), at(3));
    s.handle(Action::Command(Command::Quit), at(4));
    assert!(s.console.quit);
    s.save_all(at(4));
    let report = s.unsaved_report().expect("reported unsaved");
    let rescue = report
        .split_whitespace()
        .find(|w| w.contains(".rescue-form-"))
        .unwrap_or_else(|| panic!("names its rescue file: {report}"));
    let kept = std::fs::read_to_string(rescue).unwrap();
    assert!(kept.contains("锁住之后的半句"), "{kept}");
    holder.execute_batch("ROLLBACK").unwrap();
}
