//! Issue 26, item 1: what matters is readable without colour. The screen is rendered on
//! TestBackend and only its characters are read (every colour and emphasis stripped): the
//! focused pane, the selected row and each question's state must be there as marks or words.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuze::app::{Action, Command, Pane};
use shuze::session::Session;
use shuze::ui::{self, Theme};
use unicode_width::UnicodeWidthStr;

/// The screen's characters only, row by row: what a monochrome terminal shows.
fn monochrome(session: &Session, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &session.console, &Theme::projector_dark()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += symbol.width().max(1) as u16;
            }
            row
        })
        .collect()
}

fn run(session: &mut Session, command: Command, second: i64) {
    session.handle(Action::Command(command), at(second));
}

/// The row holding `needle`, or a failure that shows the screen.
fn row_with<'a>(screen: &'a [String], needle: &str) -> &'a str {
    screen
        .iter()
        .find(|row| row.contains(needle))
        .unwrap_or_else(|| panic!("no row shows {needle:?}:\n{}", screen.join("\n")))
}

#[test]
fn the_focused_pane_and_the_selected_row_are_marked_in_characters() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let screen = monochrome(&s, 160, 45);
    assert!(row_with(&screen, "提问与回答").contains("> 提问与回答"));
    assert!(!row_with(&screen, "廉政风险点 (").contains("> 廉政风险点"));
    assert!(row_with(&screen, "县纪委监委副书记").contains("> 1. "));
    assert!(!row_with(&screen, "县委巡察办主任").contains("> 2. "));

    run(&mut s, Command::MoveDown, 1);
    let screen = monochrome(&s, 160, 45);
    assert!(row_with(&screen, "县委巡察办主任").contains("> 2. "));
    assert!(!row_with(&screen, "县纪委监委副书记").contains("> 1. "));

    run(&mut s, Command::NextPane, 2);
    assert_eq!(s.console.recorder.focus, Pane::Duties);
    let screen = monochrome(&s, 160, 45);
    assert!(row_with(&screen, "主体责任事项 (").contains("> 主体责任事项"));
    assert!(!row_with(&screen, "提问与回答").contains("> 提问与回答"));
    assert!(row_with(&screen, "[年初提示 2026Q1]").contains("> [年初提示"));
}

#[test]
fn the_narrow_tab_bar_marks_the_focused_pane() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    run(&mut s, Command::NextPane, 1);
    let screen = monochrome(&s, 60, 30);
    let tabs = screen
        .iter()
        .find(|row| row.contains("点评") && row.contains("清单"))
        .unwrap_or_else(|| panic!("no tab bar:\n{}", screen.join("\n")));
    assert_eq!(tabs.matches('>').count(), 1, "{tabs}");
    assert!(tabs.contains(">事项"), "{tabs}");
}

#[test]
fn every_question_state_is_a_word_on_its_row() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let first = "县纪委监委副书记";
    assert!(row_with(&monochrome(&s, 160, 45), first).contains("[待问]"));

    // `y` changes what is on screen, not only the passing message.
    run(&mut s, Command::MarkAsked, 1);
    assert!(row_with(&monochrome(&s, 160, 45), first).contains("[已问]"));

    run(&mut s, Command::EditAnswer, 2);
    s.handle(Action::Paste("查摆风险点4个".into()), at(3));
    s.handle(Action::Cancel, at(4));
    assert!(row_with(&monochrome(&s, 160, 45), first).contains("[已答]"));

    run(&mut s, Command::ToggleWrittenReply, 5);
    // The `w` step asks for an optional reason: Enter, none.
    s.handle(Action::Confirm, at(6));
    let row = row_with(&monochrome(&s, 160, 45), first).to_string();
    assert!(
        row.contains("[已答]") && row.contains("[书面质询]"),
        "{row}"
    );

    // The others keep theirs.
    assert!(row_with(&monochrome(&s, 160, 45), "县委巡察办主任").contains("[待问]"));
}
