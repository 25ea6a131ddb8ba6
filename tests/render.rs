//! The screens on ratatui's TestBackend with the Chinese sample: the key facts at every
//! size, full-width characters never cut in half, panes never overlapping.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use shuze::app::{Action, Mode};
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::ui::{self, Theme};
use unicode_width::UnicodeWidthStr;

fn render(session: &Session, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &session.console, &Theme::projector_dark()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The visible text of each row (the cell after a wide character is not repeated).
fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < area.width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += symbol.width().max(1) as u16;
            }
            row
        })
        .collect()
}

fn screen(buffer: &Buffer) -> String {
    rows(buffer).join("\n")
}

/// Every wide character has its second cell free and inside the screen.
fn assert_no_cut_wide_characters(buffer: &Buffer) {
    let area = buffer.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let symbol = buffer[(x, y)].symbol();
            if symbol.width() == 2 {
                assert!(
                    x + 1 < area.width,
                    "wide {symbol:?} cut at the right edge, row {y}"
                );
                let next = buffer[(x + 1, y)].symbol();
                assert!(
                    next == " " || next.is_empty(),
                    "wide {symbol:?} at ({x},{y}) overwritten by {next:?}\n{}",
                    screen(buffer)
                );
            }
        }
    }
}

/// A session on the sample with long Chinese answers recorded for the first official.
fn recorded_session(path: &std::path::Path) -> Session {
    let mut s = sample_session(path);
    s.handle(Action::Command(shuze::app::Command::NextStage), at(0));
    s.handle(Action::Command(shuze::app::Command::NextStage), at(60));
    s.handle(Action::Command(shuze::app::Command::EditAnswer), at(61));
    let answer = "今年以来，我们聚焦“关键少数”，查摆廉政风险点4个，制定防控措施7项，完善规章制度3项。\
                  下一步将把廉政谈话覆盖到全部村组干部，Q4 complete 100% coverage。";
    s.handle(Action::Paste(answer.repeat(3)), at(62));
    s.handle(Action::Cancel, at(63));
    s.console.now = at(90);
    s
}

const SIZES: [(u16, u16); 6] = [
    (60, 18),
    (80, 24),
    (120, 36),
    (160, 45),
    (200, 60),
    (240, 67),
];

#[test]
fn every_size_shows_the_key_facts_without_cutting_a_wide_character() {
    let (_dir, path) = temp_db();
    let session = recorded_session(&path);
    for (w, h) in SIZES {
        let buffer = render(&session, w, h);
        let text = screen(&buffer);
        for fact in [
            "某县纪委监委2026年度述责述廉会议",
            "第 1/8 位",
            "张某",
            "提问质询",
            "用时 00:30 / 10:00",
            "责任事项 6",
        ] {
            assert!(text.contains(fact), "{w}x{h} lacks {fact:?}:\n{text}");
        }
        assert!(
            text.contains("答: 今年以来"),
            "{w}x{h} shows the answer:\n{text}"
        );
        assert_no_cut_wide_characters(&buffer);
    }
}

#[test]
fn the_wide_layout_shows_all_panes_side_by_side_with_clear_gaps() {
    let (_dir, path) = temp_db();
    let session = recorded_session(&path);
    let buffer = render(&session, 160, 45);
    let text = screen(&buffer);
    for title in [
        "议程",
        "提问与回答 (3)",
        "点评、测评、备注",
        "主体责任事项 (6)",
        "廉政风险点 (4)",
        "问题清单 (2)",
    ] {
        assert!(text.contains(title), "{title}:\n{text}");
    }
    for name in ["王某", "刘某", "郑某"] {
        assert!(text.contains(name), "the agenda lists {name}");
    }
    // The agenda column ends at column 26 (160 / 6); the column after it is the gap (below
    // the card, which spans the width) down to the lower panes, which take the whole width
    // under the agenda: its eight officials leave no empty rows beside a cut pane.
    let lower = text
        .lines()
        .position(|line| line.contains("主体责任事项 (6)"))
        .expect("the lower panes") as u16;
    for y in 5..lower - 1 {
        assert_eq!(
            buffer[(26, y)].symbol(),
            " ",
            "gap column at row {y}:\n{text}"
        );
    }
    let title_at = text
        .lines()
        .nth(lower as usize)
        .unwrap()
        .find("主体责任事项")
        .unwrap();
    assert!(
        title_at < 26,
        "the duty items start under the agenda column:\n{text}"
    );
    assert!(text.contains("s 下一环节"), "the footer lists the keys");
}

#[test]
fn the_narrow_layout_names_every_pane_and_collapses_the_agenda() {
    let (_dir, path) = temp_db();
    let session = recorded_session(&path);
    let text = screen(&render(&session, 80, 24));
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[2].starts_with("议程: [1 提问]"), "{}", rows[2]);
    for title in [
        "提问与回答",
        "主体责任事项",
        "廉政风险点",
        "点评、测评、备注",
        "问题清单",
    ] {
        // Under the card's three rows (the first official's unit has a 政治画像).
        assert!(rows[6].contains(title), "tab bar: {}", rows[6]);
    }
}

#[test]
fn an_overrun_shows_a_minus_sign_and_a_word() {
    let (_dir, path) = temp_db();
    let mut session = recorded_session(&path);
    session.console.now = at(60 + 11 * 60 + 5);
    let text = screen(&render(&session, 120, 36));
    assert!(text.contains("超时 -01:05"), "{text}");
}

#[test]
fn the_editor_shows_the_question_and_puts_the_cursor_at_the_caret() {
    let (_dir, path) = temp_db();
    let mut session = recorded_session(&path);
    session.handle(Action::Command(shuze::app::Command::EditAnswer), at(100));
    session.handle(Action::Paste("补充".into()), at(101));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &session.console, &Theme::projector_dark()))
        .unwrap();
    let text = screen(terminal.backend().buffer());
    assert!(text.contains("记录回答  张某"), "{text}");
    assert!(text.contains("县纪委监委副书记 某某：你作为单位"), "{text}");
    let cursor = terminal.get_cursor_position().unwrap();
    let row = rows(terminal.backend().buffer())[cursor.y as usize].clone();
    assert!(
        row.trim_end().ends_with("补充"),
        "caret row: {row:?} at {cursor:?}"
    );
    assert!(matches!(session.console.recorder.mode, Mode::Editor(_)));
}

#[test]
fn the_private_note_is_not_shown_on_the_console_screen() {
    let (_dir, path) = temp_db();
    let mut session = recorded_session(&path);
    session.handle(Action::Command(shuze::app::Command::EditNote), at(100));
    session.handle(Action::Paste("此人情绪激动，会后单独谈话".into()), at(101));
    session.handle(Action::Cancel, at(102));
    for (w, h) in SIZES {
        let text = screen(&render(&session, w, h));
        assert!(!text.contains("情绪激动"), "{w}x{h}:\n{text}");
    }
    assert!(screen(&render(&session, 160, 45)).contains("私人备注: 已记录，不投影"));
}

#[test]
fn below_the_minimum_size_it_says_how_large_the_window_must_be() {
    let (_dir, path) = temp_db();
    let session = sample_session(&path);
    for (w, h) in [(59, 18), (60, 17), (20, 5), (1, 1)] {
        let buffer = render(&session, w, h);
        assert_no_cut_wide_characters(&buffer);
        if w >= 20 {
            assert!(screen(&buffer).contains("窗口太小"), "{w}x{h}");
        }
    }
}

#[test]
fn english_labels_with_lang_en() {
    let (_dir, path) = temp_db();
    let store = sample_store(&path);
    let session = Session::open(store, None, Lang::En, at(0)).unwrap();
    let text = screen(&render(&session, 160, 45));
    for label in [
        "official 1 of 8",
        "Stage: pending",
        "Duty items (6)",
        "s start the report",
    ] {
        assert!(text.contains(label), "{label}:\n{text}");
    }
}

#[test]
fn every_overlay_draws_at_the_smallest_size() {
    use shuze::app::Command::*;
    let (_dir, path) = temp_db();
    let mut session = recorded_session(&path);
    for command in [
        Help,
        Search,
        AddQuestion,
        RecordRating,
        AddFollowUp,
        Skip,
        Jump,
        EditRemarks,
    ] {
        session.handle(Action::Command(command), at(200));
        for (w, h) in [(60, 18), (80, 24)] {
            assert_no_cut_wide_characters(&render(&session, w, h));
        }
        session.handle(Action::Cancel, at(201));
        session.handle(Action::CloseOverlay, at(201));
        assert!(
            matches!(session.console.recorder.mode, Mode::Browse),
            "{command:?} closes"
        );
    }
}

#[test]
fn ascii_and_line_borders_frame_every_pane_at_every_size() {
    let (_dir, path) = temp_db();
    let session = recorded_session(&path);
    for borders in [shuze::ui::Borders::Ascii, shuze::ui::Borders::Line] {
        let theme = Theme {
            borders,
            ..Theme::projector_dark()
        };
        for (w, h) in SIZES {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal
                .draw(|frame| ui::draw(frame, &session.console, &theme))
                .unwrap();
            let buffer = terminal.backend().buffer().clone();
            assert_no_cut_wide_characters(&buffer);
            let text = screen(&buffer);
            assert!(text.contains("提问"), "{borders:?} {w}x{h}:\n{text}");
            if borders == shuze::ui::Borders::Ascii && w >= 110 {
                assert!(
                    text.contains("+-") && !text.contains('─'),
                    "{w}x{h}:\n{text}"
                );
            }
        }
    }
}

#[test]
fn the_help_lists_every_key_at_every_size() {
    let (_dir, path) = temp_db();
    let mut session = recorded_session(&path);
    session.handle(Action::Command(shuze::app::Command::Help), at(100));
    for (w, h) in SIZES {
        let buffer = render(&session, w, h);
        assert_no_cut_wide_characters(&buffer);
        let text = screen(&buffer);
        for binding in shuze::app::keys::BROWSE_KEYS {
            assert!(
                text.contains(&format!(" {} ", binding.shown)),
                "{w}x{h} lacks {}:\n{text}",
                binding.shown
            );
        }
        assert!(
            text.contains("Ctrl-C") && text.contains("Ctrl-Z") && text.contains("Esc"),
            "{w}x{h}:\n{text}"
        );
    }
}

#[test]
fn the_stage_clock_counts_against_the_meetings_own_minutes() {
    let (dir, db) = temp_db();
    let text = MINIMAL_PREP.replace(
        "recorder = \"何某\"",
        "recorder = \"何某\"\nminutes = { questions = 15 }",
    );
    let file = write_prep(dir.path(), "prep.toml", &text);
    let mut store = shuze::storage::Store::create_or_open(&db).unwrap();
    shuze::prep::import_file(&file, &mut store, at(0)).unwrap();
    let mut session = Session::open(store, None, Lang::Zh, at(0)).unwrap();
    session.handle(Action::Command(shuze::app::Command::NextStage), at(0));
    session.handle(Action::Command(shuze::app::Command::NextStage), at(60));
    session.console.now = at(120);
    let text = screen(&render(&session, 120, 36));
    assert!(text.contains("用时 01:00 / 15:00"), "{text}");
}
