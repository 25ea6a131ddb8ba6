//! The projected pictures in a terminal that draws ambiguous-width characters two cells
//! wide (`xterm -cjk_width`): every row keeps its width, and the large glyphs are still
//! large (lit cells, no half blocks). One test: the measuring is a property of the process.

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
    text::set_ambiguous(Ambiguous::Wide);
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
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal
                .draw(|frame| projection::draw(frame, &p, &theme))
                .unwrap();
            let buffer = terminal.backend().buffer();
            let widths = drawn_widths(buffer);
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
            let lit = buffer
                .content
                .iter()
                .filter(|c| c.bg == theme.accent)
                .count();
            // A Chinese character is 32x16 cells at scale 1 here: large from 160x45 on.
            let large = match picture {
                Picture::Card | Picture::Spotlight | Picture::Pause => w >= 160,
                Picture::Title => w >= 240,
                _ => false,
            };
            if large {
                assert!(lit > 100, "{picture:?} {w}x{h}: large glyphs ({lit} lit)");
            }
        }
    }
    text::set_ambiguous(Ambiguous::Narrow);
}
