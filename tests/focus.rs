//! Issue 26, item 2: the focus follows the work. Moving to an official puts the pane its
//! stage needs in focus, unless the recorder chose another pane for that official; Enter
//! does what the footer names, and the footer names it for the pane in focus.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuze::app::{Action, Command, FormKind, Mode, Pane};
use shuze::domain::Stage;
use shuze::labels::Label;
use shuze::session::Session;
use shuze::ui::{self, Theme};
use unicode_width::UnicodeWidthStr;

fn run(s: &mut Session, command: Command, second: i64) {
    s.handle(Action::Command(command), at(second));
}

/// The footer's row of keys, characters only.
fn footer(s: &Session) -> String {
    let (width, height) = (200, 45);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &s.console, &Theme::projector_dark()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut row = String::new();
    let mut x = 0;
    while x < width {
        let symbol = buffer[(x, height - 1)].symbol();
        row.push_str(symbol);
        x += symbol.width().max(1) as u16;
    }
    row
}

/// 张某 taken to `stage`, the clock paused so that leaving asks nothing.
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
    run(s, Command::ToggleTimer, second);
}

#[test]
fn the_next_official_opens_on_the_pane_of_his_stage_not_the_last_ones() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    first_at(&mut s, Stage::FollowUps);
    assert_eq!(s.console.recorder.focus, Pane::FollowUps);

    run(&mut s, Command::NextOfficial, 30);
    assert_eq!(s.console.slot().unwrap().name, "王某");
    assert_eq!(s.console.recorder.focus, Pane::Questions, "王某 is 待述责");
    // Enter at 王某 is about his questions, never 更新整改进展 of 张某's pane.
    run(&mut s, Command::EditAnswer, 31);
    assert!(
        !matches!(&s.console.recorder.mode, Mode::Form(f) if matches!(f.kind, FormKind::UpdateFollowUp(_))),
        "{:?}",
        s.console.recorder.mode
    );
    s.handle(Action::Cancel, at(32));

    run(&mut s, Command::PreviousOfficial, 33);
    assert_eq!(
        s.console.recorder.focus,
        Pane::FollowUps,
        "张某 is at 问题清单"
    );
}

#[test]
fn a_pane_the_recorder_chose_for_an_official_stays_when_coming_back() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    first_at(&mut s, Stage::Remarks);
    assert_eq!(s.console.recorder.focus, Pane::Remarks);
    run(&mut s, Command::NextPane, 20);
    assert_eq!(s.console.recorder.focus, Pane::FollowUps);

    run(&mut s, Command::NextOfficial, 21);
    assert_eq!(s.console.recorder.focus, Pane::Questions);
    run(&mut s, Command::PreviousOfficial, 22);
    assert_eq!(
        s.console.recorder.focus,
        Pane::FollowUps,
        "the recorder's choice for 张某"
    );

    // A new stage puts its own pane in focus, and that is what coming back finds.
    run(&mut s, Command::ToggleTimer, 23);
    run(&mut s, Command::NextStage, 24);
    assert_eq!(s.console.slot().unwrap().stage, Stage::Rating);
    assert_eq!(s.console.recorder.focus, Pane::Remarks);
    run(&mut s, Command::ToggleTimer, 25);
    run(&mut s, Command::NextOfficial, 26);
    run(&mut s, Command::PreviousOfficial, 27);
    assert_eq!(s.console.recorder.focus, Pane::Remarks);
}

#[test]
fn the_footer_names_what_enter_does_in_each_pane_and_enter_does_it() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    first_at(&mut s, Stage::Questions);
    let cases: [(Pane, &str); 5] = [
        (Pane::Questions, "Enter 记录回答"),
        (Pane::Duties, "Enter 修改所选"),
        (Pane::Risks, "Enter 修改所选"),
        (Pane::Remarks, "Enter 记录点评"),
        (Pane::FollowUps, "Enter 更新整改进展"),
    ];
    let mut second = 40;
    for (pane, named) in cases {
        while s.console.recorder.focus != pane {
            run(&mut s, Command::NextPane, second);
        }
        let row = footer(&s);
        assert!(row.contains(named), "{pane:?}: {row}");
        assert_eq!(row.matches("Enter").count(), 1, "{row}");
        run(&mut s, Command::EditAnswer, second);
        let opened = match &s.console.recorder.mode {
            Mode::Editor(e) => e.title,
            Mode::Form(f) => f.title,
            other => panic!("{pane:?}: Enter opened {other:?}"),
        };
        let expected = match pane {
            Pane::Questions => Label::EditingAnswer,
            Pane::Remarks => Label::EditingRemarks,
            Pane::FollowUps => Label::UpdateFollowUpTitle,
            Pane::Duties | Pane::Risks => opened,
        };
        assert_eq!(opened, expected, "{pane:?}");
        s.handle(Action::Cancel, at(second + 1));
        assert!(
            matches!(s.console.recorder.mode, Mode::Browse),
            "{:?}",
            s.console.recorder.mode
        );
        second += 2;
    }
}
