//! Issue 18, item 2: typing into a long answer. An answer of more than 100 KB with a
//! paragraph of more than 65,535 characters takes words at its start, in the middle of that
//! paragraph and at its end: the caret is after each word typed, the word is on screen at
//! the caret, and the file holds the text with the word where it was typed. The editor
//! re-wraps only the rows around an edit (vendor/ratatui-textarea), so these check that
//! what it draws and saves is still the whole text.

mod common;

use chrono::{DateTime, Utc};
use common::*;
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use shuze::app::key::{KeyCode, KeyEvent, KeyModifiers};
use shuze::app::{Action, Mode, keys};
use shuze::session::Session;
use shuze::storage::Store;
use std::path::Path;

fn press(session: &mut Session, key: KeyEvent, now: DateTime<Utc>) {
    if let Some(action) = keys::action_for(&session.console.recorder.mode, key) {
        session.handle(action, now);
    }
}

fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn caret(session: &Session) -> (usize, usize) {
    match &session.console.recorder.mode {
        Mode::Editor(editor) => editor.caret(),
        other => panic!("the editor is not open: {other:?}"),
    }
}

/// The first answer as the file has it (the draft being typed, else the last revision).
fn answer_in_file(db: &Path) -> String {
    let store = Store::open_read_only(db).unwrap();
    let detail = store.slot_detail(1).unwrap();
    detail.questions[0].answer.clone().unwrap().body
}

/// What the console shows at 160x45 around the terminal's cursor: its row and the one
/// above (where a word typed at a row's end is), without blank cells (a wide character is
/// followed by one), and the character under the cursor.
fn at_cursor(session: &Session, terminal: &mut Terminal<TestBackend>) -> (String, String) {
    let theme = shuze::ui::Theme::projector_dark();
    // Drawn whole: the test backend keeps a cell's old text beside a wide character.
    terminal.clear().unwrap();
    terminal
        .draw(|f| shuze::ui::draw(f, &session.console, &theme))
        .unwrap();
    let cursor = terminal.backend_mut().get_cursor_position().unwrap();
    let buffer = terminal.backend().buffer();
    let row = |y: u16| -> String {
        (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .filter(|s| *s != " ")
            .collect()
    };
    let rows = format!("{}\n{}", row(cursor.y.saturating_sub(1)), row(cursor.y));
    (rows, buffer[(cursor.x, cursor.y)].symbol().to_string())
}

/// The character after the caret in the answer's text.
fn after_caret(text: &str, (row, col): (usize, usize)) -> String {
    let line = text.split('\n').nth(row).unwrap();
    line.chars().nth(col).map(String::from).unwrap_or_default()
}

/// Inserts `word` at character `col` of line `row`.
fn with_word(text: &str, (row, col): (usize, usize), word: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let line = &mut lines[row];
    let at = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
    line.insert_str(at, word);
    lines.join("\n")
}

#[test]
fn a_long_answer_takes_words_at_its_start_in_its_long_paragraph_and_at_its_end() {
    let (_dir, db) = temp_db();
    let mut session = sample_session(&db);
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    for code in [KeyCode::Char('s'), KeyCode::Char('s'), KeyCode::Enter] {
        press(&mut session, plain(code), at(1));
    }
    let long = "述责述廉ab".repeat(12_000);
    let mut text = format!("开头一段。\n{long}\n结尾一段。");
    assert!(text.len() > 100_000 && long.chars().count() > 65_535);
    session.handle(Action::Paste(text.clone()), at(2));
    session.handle(Action::Tick, at(2));
    assert_eq!(answer_in_file(&db), text);
    at_cursor(&session, &mut terminal);

    // At the end.
    press(&mut session, plain(KeyCode::Char('终')), at(3));
    session.handle(Action::Tick, at(3));
    text.push('终');
    assert_eq!(caret(&session), (2, 6));
    assert_eq!(answer_in_file(&db), text, "the word at the end");
    let (rows, _) = at_cursor(&session, &mut terminal);
    assert!(rows.contains("结尾一段。终"), "{rows}");

    // In the middle of the long paragraph: up 300 rows on screen from its end.
    press(&mut session, plain(KeyCode::Up), at(4));
    press(&mut session, plain(KeyCode::End), at(4));
    for _ in 0..300 {
        press(&mut session, plain(KeyCode::Up), at(4));
    }
    let middle = caret(&session);
    assert_eq!(middle.0, 1);
    assert!(
        (10_000..long.chars().count() - 10_000).contains(&middle.1),
        "{middle:?}"
    );
    at_cursor(&session, &mut terminal);
    press(&mut session, plain(KeyCode::Char('中')), at(5));
    session.handle(Action::Tick, at(5));
    text = with_word(&text, middle, "中");
    assert_eq!(caret(&session), (1, middle.1 + 1));
    assert_eq!(answer_in_file(&db), text, "the word in the middle");
    let (rows, under) = at_cursor(&session, &mut terminal);
    assert!(rows.contains('中'), "{rows}");
    assert_eq!(
        under,
        after_caret(&text, caret(&session)),
        "the cursor at the caret"
    );

    // Five rows down from there, the rows below the word kept as they were.
    for _ in 0..5 {
        press(&mut session, plain(KeyCode::Down), at(5));
    }
    let below = caret(&session);
    let (_, under) = at_cursor(&session, &mut terminal);
    assert_eq!(under, after_caret(&text, below), "the cursor at the caret");
    press(&mut session, plain(KeyCode::Char('下')), at(5));
    session.handle(Action::Tick, at(5));
    text = with_word(&text, below, "下");
    assert_eq!(caret(&session), (1, below.1 + 1));
    assert_eq!(answer_in_file(&db), text, "the word below");
    let (rows, under) = at_cursor(&session, &mut terminal);
    assert!(rows.contains('下'), "{rows}");
    assert_eq!(
        under,
        after_caret(&text, caret(&session)),
        "the cursor at the caret"
    );

    // At the start: to the first line (Ctrl+Alt+Up), then to its start (Home).
    let ctrl_alt = KeyModifiers {
        ctrl: true,
        alt: true,
        shift: false,
    };
    let top = KeyEvent::new(KeyCode::Up, ctrl_alt);
    press(&mut session, top, at(6));
    press(&mut session, plain(KeyCode::Home), at(6));
    press(&mut session, plain(KeyCode::Char('始')), at(7));
    session.handle(Action::Tick, at(7));
    text.insert(0, '始');
    assert_eq!(caret(&session), (0, 1));
    assert_eq!(answer_in_file(&db), text, "the word at the start");
    let (rows, under) = at_cursor(&session, &mut terminal);
    assert!(rows.contains("始开头一段。"), "{rows}");
    assert_eq!(under, "开");

    // Deleting the words again, each where it is.
    press(&mut session, plain(KeyCode::Backspace), at(8));
    let end = caret(&session);
    assert_eq!(end, (0, 0));
    session.handle(Action::Tick, at(8));
    text.remove(0);
    assert_eq!(answer_in_file(&db), text);
}
