//! Issue 26, item 4: messages that tell the truth once. An editor left empty says nothing
//! was recorded; a confirmation's keys, a form's keys and a prompt's title are on the
//! screen once; a search hit shows the words it matched. Screens on TestBackend, read as
//! characters only.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuze::app::{Action, Command, Mode};
use shuze::domain::Stage;
use shuze::session::Session;
use shuze::ui::{self, Theme};
use unicode_width::UnicodeWidthStr;

fn run(s: &mut Session, command: Command, second: i64) {
    s.handle(Action::Command(command), at(second));
}

fn screen(s: &Session, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &s.console, &Theme::projector_dark()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut rows = Vec::new();
    for y in 0..height {
        let mut row = String::new();
        let mut x = 0;
        while x < width {
            let symbol = buffer[(x, y)].symbol();
            row.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        rows.push(row);
    }
    rows.join("\n")
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
fn an_editor_left_empty_says_nothing_was_recorded() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    run(&mut s, Command::NextStage, 1);
    run(&mut s, Command::NextStage, 2);
    assert_eq!(s.console.slot().unwrap().stage, Stage::Questions);
    run(&mut s, Command::EditAnswer, 3);
    assert!(matches!(s.console.recorder.mode, Mode::Editor(_)));
    s.handle(Action::Cancel, at(4));
    assert_eq!(message(&s), "没有记录：内容为空");
    assert!(!screen(&s, 160, 45).contains("已保存"));
    assert!(
        s.store.slot_detail(1).unwrap().questions[0]
            .answer
            .is_none()
    );

    // Typed, then left: saved, as before.
    run(&mut s, Command::EditAnswer, 5);
    s.handle(Action::Paste("已整改".into()), at(6));
    s.handle(Action::Cancel, at(7));
    assert_eq!(message(&s), "已保存");
}

#[test]
fn a_confirmation_shows_its_keys_once() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    run(&mut s, Command::EditAnswer, 1);
    assert!(matches!(s.console.recorder.mode, Mode::Confirm(_)));
    for (width, height) in [(160, 45), (80, 24)] {
        let shown = screen(&s, width, height);
        assert_eq!(shown.matches("Esc/n 取消").count(), 1, "{shown}");
    }
}

#[test]
fn the_jump_prompt_says_its_title_once_and_a_form_its_keys_once() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    run(&mut s, Command::Jump, 1);
    let shown = screen(&s, 160, 45);
    assert_eq!(shown.matches("跳到第几位").count(), 1, "{shown}");
    assert_eq!(shown.matches("Esc 取消").count(), 1, "{shown}");
    // A refused key takes the box's key line; the footer then still has them.
    s.handle(
        Action::Input(shuze::app::key::KeyEvent::from(
            shuze::app::key::KeyCode::Char('x'),
        )),
        at(2),
    );
    let shown = screen(&s, 160, 45);
    assert!(shown.contains("只能填数字"), "{shown}");
    assert_eq!(shown.matches("Esc 取消").count(), 1, "{shown}");
}

#[test]
fn a_search_hit_shows_the_words_it_matched() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    run(&mut s, Command::Search, 1);
    s.handle(Action::Paste("具体的成效怎么样".into()), at(2));
    assert!(
        matches!(&s.console.recorder.mode, Mode::Search(search) if !search.hits.is_empty()),
        "{:?}",
        s.console.recorder.mode
    );
    for (width, height) in [(160, 45), (100, 30), (80, 24)] {
        let shown = screen(&s, width, height);
        let hit = shown
            .lines()
            .find(|row| row.contains("张某") && row.contains("具体的成效怎么样"));
        assert!(hit.is_some(), "{width}x{height}:\n{shown}");
    }
}

#[test]
fn a_form_hides_the_panes_behind_it() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let behind = "廉政谈话未实现逐级全覆盖";
    for (width, height) in [(120, 32), (160, 45), (80, 24)] {
        assert!(screen(&s, width, height).contains("问题清单"));
        run(&mut s, Command::AddFollowUp, 1);
        let shown = screen(&s, width, height);
        assert!(shown.contains("问题来源"), "{shown}");
        for pane_text in [behind, "主体责任事项 (", "廉政风险点 (", "（尚无点评）"]
        {
            assert!(
                !shown.contains(pane_text),
                "{width}x{height}: {pane_text}\n{shown}"
            );
        }
        s.handle(Action::Cancel, at(2));
    }
}
