//! What the room must read on the projected pictures, at every size: the question while
//! its answer is typed, a paused or overrun clock in words, lists in whole pages, the
//! title screen, and the console's own line saying what the room sees.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use shuze::app::projection::{Picture, Projection};
use shuze::app::{Action, Command};
use shuze::session::Session;
use shuze::ui::{self, Theme, projection};
use unicode_width::UnicodeWidthStr;

/// The sizes the room is looked at in: the console's smallest, a laptop, a projector.
const SIZES: [(u16, u16); 5] = [(60, 18), (63, 18), (106, 29), (160, 45), (240, 67)];

fn rows(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        out.push('\n');
    }
    out
}

fn picture(p: &Projection, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| projection::draw(f, p, &Theme::projector_dark()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn console(s: &Session, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| ui::draw(f, &s.console, &Theme::projector_dark()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The first official at 提问质询, answers shown.
fn at_questions(path: &std::path::Path) -> Session {
    let mut s = sample_session(path);
    s.handle(Action::Command(Command::NextStage), at(100_000));
    s.handle(Action::Command(Command::NextStage), at(100_001));
    s.handle(
        Action::Command(Command::ToggleProjectedAnswers),
        at(100_002),
    );
    s
}

#[test]
fn the_question_stays_on_the_card_while_a_long_answer_is_typed() {
    let (_dir, path) = temp_db();
    let mut s = at_questions(&path);
    s.handle(Action::Command(Command::EditAnswer), at(100_003));
    let long = "我们制定了责任清单并逐项落实，谈话提醒四十二人次。".repeat(120);
    s.handle(
        Action::Paste(format!("{long}最后说到这里为止")),
        at(100_004),
    );
    s.console.now = at(100_010);
    let mut p = Projection::of(&s.console, &s.console.room);
    p.picture = Picture::Card;
    let question = p.question.clone().expect("a question at 提问质询");
    let opening: String = question.text.chars().take(4).collect();
    for (w, h) in SIZES {
        let screen = rows(&picture(&p, w, h));
        assert!(
            screen.contains(&format!("{}：", question.asker)) && screen.contains(&opening),
            "{w}x{h}: the asker and the question stay:\n{screen}"
        );
        assert!(
            // The last character: a line may break before it.
            screen.contains('止'),
            "{w}x{h}: the answer's last words:\n{screen}"
        );
        assert!(
            screen.contains("以上略"),
            "{w}x{h}: a mark that earlier text is above:\n{screen}"
        );
    }
}

/// The cells drawn in `colour` that are not blank.
fn drawn_in(buffer: &Buffer, colour: ratatui::style::Color) -> usize {
    buffer
        .content()
        .iter()
        .filter(|c| c.fg == colour && !c.symbol().trim().is_empty())
        .count()
}

#[test]
fn a_paused_clock_says_so_and_changes_colour_on_every_picture_with_a_clock() {
    let (_dir, path) = temp_db();
    let mut s = at_questions(&path);
    s.handle(Action::Command(Command::ToggleTimer), at(100_030));
    s.console.now = at(100_090);
    let theme = Theme::projector_dark();
    for shown in [Picture::Card, Picture::Spotlight, Picture::Agenda] {
        let mut p = Projection::of(&s.console, &s.console.room);
        p.picture = shown;
        for (w, h) in SIZES {
            let buffer = picture(&p, w, h);
            let screen = rows(&buffer);
            assert!(
                screen.contains("暂停"),
                "{shown:?} {w}x{h}: 暂停 in words:\n{screen}"
            );
            if shown != Picture::Agenda {
                assert!(
                    drawn_in(&buffer, theme.warning) > 0,
                    "{shown:?} {w}x{h}: the stopped clock in the warning colour:\n{screen}"
                );
            }
        }
    }
}

#[test]
fn an_overrun_says_so_in_words_on_every_picture_with_a_clock() {
    let (_dir, path) = temp_db();
    let mut s = at_questions(&path);
    s.console.now = at(100_000 + 3 * 3600);
    for shown in [Picture::Card, Picture::Spotlight] {
        let mut p = Projection::of(&s.console, &s.console.room);
        p.picture = shown;
        for (w, h) in SIZES {
            let screen = rows(&picture(&p, w, h));
            assert!(
                screen.contains("超时"),
                "{shown:?} {w}x{h}: 超时 in words:\n{screen}"
            );
        }
    }
}
