//! The answer editor breaks lines as the panes do (UAX #14, dates kept whole): a row never
//! starts with ，or 。 and never ends with （, and 2026年1月1日 is never split; the caret
//! still moves up and down across the wrapped rows onto the character drawn there.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use shuze::app::key::{KeyCode, KeyEvent, KeyModifiers};
use shuze::app::{Action, Mode, keys};
use shuze::session::Session;

fn press(session: &mut Session, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = keys::action_for(&session.console.recorder.mode, key) {
        session.handle(action, at(10));
    }
}

/// The answer's editor open on the first question, `text` typed into it.
fn typed(path: &std::path::Path, text: &str) -> Session {
    let mut session = sample_session(path);
    for code in [KeyCode::Char('s'), KeyCode::Char('s'), KeyCode::Enter] {
        press(&mut session, code);
    }
    session.handle(Action::Paste(text.to_string()), at(2));
    assert!(matches!(session.console.recorder.mode, Mode::Editor(_)));
    session
}

/// The editor's text drawn `width` cells wide: its rows, and the terminal's cursor.
fn drawn(session: &Session, width: u16, height: u16) -> (Vec<String>, (u16, u16)) {
    let Mode::Editor(editor) = &session.console.recorder.mode else {
        panic!("the editor is not open");
    };
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            frame.render_widget(&editor.area, frame.area());
            let caret = editor.area.screen_cursor();
            let (top, left) = editor.area.scroll_offset();
            frame.set_cursor_position((
                (caret.col - left as usize) as u16,
                (caret.row - top) as u16,
            ));
        })
        .unwrap();
    let cursor = terminal.backend_mut().get_cursor_position().unwrap();
    let buffer = terminal.backend().buffer();
    let rows = (0..height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
            }
            row.trim_end().to_string()
        })
        .collect();
    (rows, (cursor.x, cursor.y))
}

/// Sentences of every length up to 29 characters, each ending in ，or 。, with a date and
/// brackets among them: at any width glyph wrapping would start some row with ，.
fn answer() -> String {
    (1..30)
        .map(|n| {
            let words: String = "建立健全责任清单落实整改措施"
                .chars()
                .cycle()
                .take(n)
                .collect();
            match n % 3 {
                0 => format!("{words}于2026年1月1日（一）完成，"),
                1 => format!("{words}。"),
                _ => format!("{words}，"),
            }
        })
        .collect()
}

#[test]
fn the_editor_breaks_lines_by_chinese_rules_and_keeps_dates_whole() {
    let (_dir, path) = temp_db();
    let text = answer();
    let mut session = typed(&path, &text);
    for width in 20..=64 {
        // Drawn twice: the first drawing tells the editor its width.
        drawn(&session, width, 80);
        let (rows, _) = drawn(&session, width, 80);
        let shown: String = rows.concat();
        assert_eq!(
            shown.replace(' ', ""),
            text,
            "{width}: every character drawn once"
        );
        for row in rows.iter().filter(|r| !r.is_empty()) {
            assert!(
                !row.starts_with(['，', '。', '）']),
                "{width}: a row starts with closing punctuation: {row}\n{}",
                rows.join("\n")
            );
            assert!(
                !row.ends_with('（'),
                "{width}: a row ends with （: {row}\n{}",
                rows.join("\n")
            );
            if row.contains("2026") || row.contains("1日") {
                assert!(
                    row.contains("2026年1月1日"),
                    "{width}: the date split: {row}\n{}",
                    rows.join("\n")
                );
            }
        }
    }
    // Still typed into where the caret is.
    press(&mut session, KeyCode::Char('终'));
    let Mode::Editor(editor) = &session.console.recorder.mode else {
        panic!("the editor is not open");
    };
    assert_eq!(editor.body(), format!("{text}终"));
}

/// The row the cursor is drawn on, after checking that the character drawn under it is
/// the one after the caret in the text.
fn cursor_row(session: &Session, chars: &[char], width: u16, height: u16) -> u16 {
    let (rows, (x, y)) = drawn(session, width, height);
    let Mode::Editor(editor) = &session.console.recorder.mode else {
        panic!("the editor is not open");
    };
    let caret = editor.caret();
    let row = &rows[y as usize];
    let mut cells = 0;
    let under = row.chars().find(|c| {
        let found = cells >= x as usize;
        cells += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(1);
        found
    });
    assert_eq!(
        under,
        chars.get(caret.1).copied(),
        "row {y}, caret {caret:?}: {row}"
    );
    y
}

#[test]
fn the_caret_moves_up_and_down_onto_the_character_drawn_there() {
    let (_dir, path) = temp_db();
    let text = answer();
    let chars: Vec<char> = text.chars().collect();
    let mut session = typed(&path, &text);
    let (width, height) = (37, 120);
    drawn(&session, width, height);
    let rows = drawn(&session, width, height)
        .0
        .iter()
        .filter(|r| !r.is_empty())
        .count() as u16;
    let top = KeyEvent::new(
        KeyCode::Up,
        KeyModifiers {
            ctrl: true,
            alt: true,
            shift: false,
        },
    );
    if let Some(action) = keys::action_for(&session.console.recorder.mode, top) {
        session.handle(action, at(3));
    }
    press(&mut session, KeyCode::Home);
    press(&mut session, KeyCode::Right);
    press(&mut session, KeyCode::Right);
    assert_eq!(cursor_row(&session, &chars, width, height), 0);
    // Down row by row to the last, then up again to the first.
    for expected in 1..rows {
        press(&mut session, KeyCode::Down);
        assert_eq!(
            cursor_row(&session, &chars, width, height),
            expected,
            "down"
        );
    }
    for expected in (0..rows - 1).rev() {
        press(&mut session, KeyCode::Up);
        assert_eq!(cursor_row(&session, &chars, width, height), expected, "up");
    }
}
