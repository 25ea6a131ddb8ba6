//! Issue 26, item 3: forms start where the work is. The caret starts on the field to fill,
//! a digit or a first character typed into a choice field picks an option, a prefilled
//! number gives way to the first digit typed, and what a field cannot take is said, naming
//! the field, never dropped silently.

mod common;

use common::*;
use shuze::app::key::{KeyCode, KeyEvent};
use shuze::app::{Action, Command, Form, FormKind, Mode, Pane};
use shuze::domain::Stage;
use shuze::session::Session;

fn run(s: &mut Session, command: Command, second: i64) {
    s.handle(Action::Command(command), at(second));
}

fn key(s: &mut Session, code: KeyCode, second: i64) {
    s.handle(Action::Input(KeyEvent::from(code)), at(second));
}

fn typed(s: &mut Session, text: &str, second: i64) {
    for c in text.chars() {
        key(s, KeyCode::Char(c), second);
    }
}

fn form(s: &Session) -> &Form {
    match &s.console.recorder.mode {
        Mode::Form(form) => form,
        other => panic!("no form open: {other:?}"),
    }
}

/// 张某 taken to `stage`.
fn first_at(s: &mut Session, stage: Stage) {
    let mut second = 1;
    while s.console.slot().unwrap().stage != stage {
        run(s, Command::NextStage, second);
        second += 1;
        assert!(
            matches!(s.console.recorder.mode, Mode::Browse),
            "{:?}",
            s.console.recorder.mode
        );
    }
}

#[test]
fn the_progress_form_starts_on_the_status_and_typed_characters_choose_it() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    first_at(&mut s, Stage::FollowUps);
    assert_eq!(s.console.recorder.focus, Pane::FollowUps);
    run(&mut s, Command::EditAnswer, 10);
    assert!(matches!(form(&s).kind, FormKind::UpdateFollowUp(_)));
    assert_eq!(form(&s).focus, 0, "the caret on 状态");
    let before = form(&s).fields[0].shown().to_string();
    key(&mut s, KeyCode::Right, 11);
    assert_ne!(
        form(&s).fields[0].shown(),
        before,
        "Right changes the status"
    );

    typed(&mut s, "未", 12);
    assert_eq!(form(&s).fields[0].shown(), "未启动");
    typed(&mut s, "已", 12);
    assert_eq!(form(&s).fields[0].shown(), "已完成");
    typed(&mut s, "已", 13);
    assert_eq!(form(&s).fields[0].shown(), "已销号");
    typed(&mut s, "２", 14);
    assert_eq!(form(&s).fields[0].shown(), "整改中", "the second option");

    // A character no option has: said, naming the field; the choice stays.
    typed(&mut s, "x", 15);
    assert_eq!(form(&s).fields[0].shown(), "整改中");
    let error = form(&s).error.clone().expect("a message for the dropped x");
    assert!(error.contains("状态") && error.contains('x'), "{error}");
    // The next key that is taken clears it.
    key(&mut s, KeyCode::Left, 16);
    assert_eq!(form(&s).error, None);
}

#[test]
fn the_rating_form_starts_on_the_first_tally_and_a_prefilled_number_gives_way() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    first_at(&mut s, Stage::Rating);
    run(&mut s, Command::RecordRating, 10);
    let voters = form(&s).fields[0].shown().to_string();
    assert_ne!(voters, "0", "the voters come prefilled from the attendance");
    assert_eq!(
        form(&s).focus,
        1,
        "the caret on the first tally, not on 参评人数"
    );

    typed(&mut s, "４", 11);
    typed(&mut s, "3", 11);
    assert_eq!(form(&s).fields[1].shown(), "43");

    // Back on the prefilled voters: the first digit replaces them, the next one follows.
    key(&mut s, KeyCode::Up, 12);
    assert_eq!(form(&s).focus, 0);
    typed(&mut s, "４", 13);
    assert_eq!(form(&s).fields[0].shown(), "4", "not {voters}4");
    typed(&mut s, "8", 14);
    assert_eq!(form(&s).fields[0].shown(), "48");
    // Backspace edits what is there: no replacing after it.
    key(&mut s, KeyCode::Down, 15);
    key(&mut s, KeyCode::Backspace, 15);
    typed(&mut s, "5", 15);
    assert_eq!(form(&s).fields[1].shown(), "45");

    // A letter in a number field is said, not dropped silently.
    typed(&mut s, "a", 16);
    assert_eq!(form(&s).fields[1].shown(), "45");
    let error = form(&s).error.clone().expect("a message for the dropped a");
    assert!(error.contains("「好」") && error.contains('a'), "{error}");
}

#[test]
fn a_follow_up_source_is_chosen_by_its_number() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    first_at(&mut s, Stage::FollowUps);
    run(&mut s, Command::AddFollowUp, 10);
    assert_eq!(form(&s).focus, 0, "the caret on 问题来源");
    let options = match &form(&s).fields[0].value {
        shuze::app::FieldValue::Choice { options, .. } => options.clone(),
        other => panic!("{other:?}"),
    };
    typed(&mut s, "2", 11);
    assert_eq!(form(&s).fields[0].shown(), options[1]);
    typed(&mut s, "9", 12);
    assert!(options.len() < 9);
    assert_eq!(form(&s).fields[0].shown(), options[1], "no ninth option");
    assert!(form(&s).error.as_deref().unwrap_or("").contains('9'));
}
