//! The terminal asked at start-up, end to end: the real binary in a pseudo-terminal that
//! answers the cursor-position query as a narrow or a wide terminal would (or answers
//! nothing), and the screen drawn by what it said.

mod common;

use common::pty::{Answering, Console};
use common::*;

/// The console on the sample at 160x45, answered as `answering` says, showing the first
/// question (“一把手” is in it).
fn console(answering: Answering) -> (tempfile::TempDir, Console) {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let console = Console::start_answering(&[db.to_str().unwrap()], 160, 45, &[], answering);
    console.wait_for("第 1/8 位", 10);
    console.wait_for("一把手", 5);
    (dir, console)
}

/// The screen's row showing `text`.
fn row_with(screen: &str, text: &str) -> String {
    screen
        .lines()
        .find(|line| line.contains(text))
        .unwrap_or_else(|| panic!("no row shows {text:?}:\n{screen}"))
        .to_string()
}

#[test]
fn a_narrow_terminal_gets_the_quotes_as_they_are() {
    let (_dir, console) = console(Answering::Narrow);
    let screen = console.screen();
    let row = row_with(&screen, "一把手");
    assert!(
        row.contains("“一把手”"),
        "narrow: “ ” drawn as they are: {row}"
    );
    assert!(!screen.contains('〝'));
}

#[test]
fn a_wide_terminal_gets_quotes_of_a_width_every_terminal_agrees_on() {
    let (_dir, console) = console(Answering::Wide);
    let screen = console.screen();
    let row = row_with(&screen, "一把手");
    assert!(
        row.contains("〝一把手〞"),
        "wide: “ ” drawn as 〝 〞, two cells in every terminal: {row}"
    );
    assert!(!screen.contains('“') && !screen.contains('”'));
}

#[test]
fn a_terminal_that_answers_nothing_still_gets_the_console() {
    let (_dir, mut console) = console(Answering::Silent);
    let row = row_with(&console.screen(), "一把手");
    assert!(row.contains("“一把手”"), "taken as narrow: {row}");
    console.begin_report();
    console.send("q");
    assert!(console.wait_exit(10), "clean exit");
}

fn has_chinese_font() -> bool {
    let fonts = std::process::Command::new("fc-list").output();
    let has_font = fonts.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("CJK"));
    if !has_font {
        common::skip("no Chinese font installed (fonts-noto-cjk; tests/run.sh installs it)");
    }
    has_font
}

#[test]
fn a_terminal_with_sixel_gets_the_spotlight_as_a_slide() {
    if !has_chinese_font() {
        return;
    }
    let (_dir, mut console) = console(Answering::Sixel);
    assert!(!console.output().contains("\x1bP"), "no picture before z");
    console.send("z");
    console.send("P");
    // Encoding the pictures takes a while in a debug build.
    common::eventually(20, || console.output().contains("\x1bP"));
    let drawn = console.output();
    assert!(
        drawn.contains("\x1bP") && drawn.contains("\x1b\\"),
        "the name and the clock sent as Sixel pictures:\n{}",
        console.screen()
    );
    let screen = console.screen();
    assert!(
        !screen.contains('█') && !screen.contains('▀') && !screen.contains('▄'),
        "no Unifont half blocks:\n{screen}"
    );
}

#[test]
fn a_kitty_terminal_is_asked_in_a_second_round_and_gets_kitty_pictures() {
    if !has_chinese_font() {
        return;
    }
    let (_dir, mut console) = console(Answering::Kitty);
    let queries = console.output().matches("\x1b_G").count();
    assert_eq!(queries, 1, "asked once whether it shows kitty images");
    console.send("z");
    console.send("P");
    common::eventually(20, || console.output().matches("\x1b_G").count() > queries);
    assert!(
        console.output().matches("\x1b_G").count() > queries,
        "the spotlight sent as kitty pictures:\n{}",
        console.screen()
    );
}

#[test]
fn answers_that_come_late_are_never_taken_for_keys() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console =
        Console::start_answering(&[db.to_str().unwrap()], 160, 45, &[], Answering::Late);
    console.wait_for("第 1/8 位", 10);
    // The late answers to the first round arrive once the program has drawn its first
    // screen, and are read as what they are: keys typed after them are taken after them,
    // so once these have moved to the next question and back, the answers have been read.
    console.wait_late_answers(1);
    console.send("j");
    console.wait_for("> 2. [待问]", 10);
    console.send("k");
    console.wait_for("> 1. [待问]", 10);
    assert!(
        !console.output().contains("\x1b_G"),
        "no kitty query to a terminal that did not answer in time: its answer reads as keys"
    );
    let screen = console.screen();
    assert!(
        row_with(&screen, "第 1/8 位").contains("张某"),
        "the first official still first:\n{screen}"
    );
    console.send("q");
    assert!(console.wait_exit(10), "clean exit");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let changes: i64 = conn
        .query_row("SELECT count(*) FROM agenda_change", [], |r| r.get(0))
        .unwrap();
    assert_eq!(changes, 0, "the agenda untouched");
}
