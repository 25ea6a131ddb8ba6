//! The projected pictures in a terminal that draws ambiguous-width characters two cells
//! wide (`xterm -cjk_width`): every row keeps its width, and the large glyphs are as large
//! as in a narrow terminal at every size (lit cells and Braille halves, no half blocks). One test: the measuring is a property of the process.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use shuze::app::projection::{Picture, Projection};
use shuze::app::{Action, Command};
use shuze::ui::text::{self, Ambiguous};
use shuze::ui::{Theme, projection};
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 5] = [(60, 18), (63, 18), (106, 29), (160, 45), (240, 67)];

/// Each row's cells as a terminal that draws ambiguous-width characters wide counts them.
fn drawn_widths(buffer: &Buffer) -> Vec<usize> {
    (0..buffer.area.height)
        .map(|y| {
            let (mut used, mut x) = (0, 0);
            while x < buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                used += symbol.width_cjk().max(1);
                x += symbol.width().max(1) as u16;
            }
            used
        })
        .collect()
}

/// Cells of the narrow terminal's large glyphs drawn alike in the wide one (a half block as
/// Braille dots of its colour, a full block as a space on its colour), and how many there
/// are in the narrow one.
fn glyphs_alike(narrow: &Buffer, wide: &Buffer) -> (usize, usize) {
    let glyph = |c: &&ratatui::buffer::Cell| "▀▄█".contains(c.symbol());
    let alike = narrow
        .content
        .iter()
        .zip(&wide.content)
        .filter(|(n, _)| glyph(n))
        .filter(|(n, wide)| match n.symbol() {
            "▀" => wide.symbol() == "⠛" && wide.fg == n.fg,
            "▄" => wide.symbol() == "⣤" && wide.fg == n.fg,
            _ => wide.symbol() == " " && wide.bg == n.fg,
        })
        .count();
    (alike, narrow.content.iter().filter(glyph).count())
}

fn render(p: &Projection, theme: &Theme, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| projection::draw(frame, p, theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

#[test]
fn every_picture_keeps_its_rows_and_its_large_glyphs_where_ambiguous_characters_are_wide() {
    let (_dir, path) = temp_db();
    let mut s = recorded_sample(&path);
    s.handle(Action::Command(Command::Jump), at(100_000));
    s.handle(Action::Paste("1".into()), at(100_000));
    s.handle(Action::Confirm, at(100_000));
    s.handle(Action::Confirm, at(100_000));
    s.handle(Action::Command(Command::PreviousStage), at(100_001));
    s.handle(Action::Command(Command::PreviousStage), at(100_001));
    s.handle(Action::Command(Command::PreviousStage), at(100_001));
    s.handle(
        Action::Command(Command::ToggleProjectedAnswers),
        at(100_002),
    );
    s.console.snapshot.meeting.title = "某县纪委监委“2026”述责述廉会议".into();
    let theme = Theme::projector_dark();
    let mut base = s.console.projection(&s.console.room);
    base.resume_at = Some(at(100_600));
    if let Some(q) = base.question.as_mut() {
        q.answer = Some("已建立台账——“一人一档”。".repeat(60));
    }
    for picture in [
        Picture::Card,
        Picture::Spotlight,
        Picture::Rating,
        Picture::FollowUps,
        Picture::Agenda,
        Picture::Pause,
        Picture::Title,
    ] {
        let p = Projection {
            picture,
            ..base.clone()
        };
        for (w, h) in SIZES {
            text::set_ambiguous(Ambiguous::Wide);
            let buffer = render(&p, &theme, w, h);
            let widths = drawn_widths(&buffer);
            assert!(
                widths.iter().all(|&used| used == w as usize),
                "{picture:?} {w}x{h}: rows as drawn wide {widths:?}"
            );
            let blocks = buffer
                .content
                .iter()
                .filter(|c| "▀▄█".contains(c.symbol()))
                .count();
            assert_eq!(blocks, 0, "{picture:?} {w}x{h}: no half blocks");
            // Every cell of a large glyph where the narrow terminal has it, drawn with
            // characters one cell wide everywhere: the glyphs are as large in both. (The
            // title's “ is 〝 in a wide terminal, a glyph twice as wide: compared on a title
            // without it.)
            let mut plain = p.clone();
            plain.title = "某县纪委监委2026年述责述廉会议".into();
            plain.meeting.title = plain.title.clone();
            text::set_ambiguous(Ambiguous::Narrow);
            let narrow = render(&plain, &theme, w, h);
            text::set_ambiguous(Ambiguous::Wide);
            let wide = render(&plain, &theme, w, h);
            let (glyph_cells, narrow_cells) = glyphs_alike(&narrow, &wide);
            assert_eq!(
                glyph_cells, narrow_cells,
                "{picture:?} {w}x{h}: the large glyphs where the narrow terminal has them"
            );
            // The name (and on the card the clock) large at every size, the smallest too.
            let large = matches!(picture, Picture::Card | Picture::Spotlight | Picture::Pause)
                || (picture == Picture::Title && w >= 106);
            if large {
                assert!(
                    glyph_cells > 50,
                    "{picture:?} {w}x{h}: large glyphs ({glyph_cells} cells)"
                );
            }
        }
    }
    text::set_ambiguous(Ambiguous::Narrow);
}
