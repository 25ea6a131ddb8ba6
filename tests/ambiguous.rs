//! Ambiguous-width characters (“ ” — … ·) measured as the terminal draws them: in a
//! terminal that draws them two cells wide (`xterm -cjk_width`), the panes are laid out
//! for it and the quotes are drawn as characters whose width every terminal agrees on, so
//! “ ” in the data never shifts a pane; the spotlight's glyphs use no half blocks there.
//! One test: the measuring is a property of the whole process.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use shuze::app::projection::Picture;
use shuze::ui::text::{self, Ambiguous};
use shuze::ui::{self, Theme, projection};
use unicode_width::UnicodeWidthStr;

fn render(s: &shuze::session::Session, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &s.console, &Theme::projector_dark()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Each row as a terminal that draws ambiguous-width characters wide would show it: the
/// cells it takes, counted with East Asian widths.
fn drawn_widths(buffer: &Buffer) -> Vec<usize> {
    (0..buffer.area.height)
        .map(|y| {
            let mut used = 0;
            let mut x = 0;
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
fn ambiguous_width_is_measured_as_the_terminal_draws_it() {
    assert_eq!(text::ambiguous_from_column(1), Some(Ambiguous::Narrow));
    assert_eq!(text::ambiguous_from_column(2), Some(Ambiguous::Wide));
    assert_eq!(
        text::ambiguous_from_column(0),
        None,
        "no answer that makes sense"
    );

    let (_dir, path) = temp_db();
    let s = sample_session(&path);
    // The sample's first question has “一把手”.
    for (w, h) in [(60, 18), (160, 45)] {
        text::set_ambiguous(Ambiguous::Narrow);
        assert_eq!(text::width("“一把手”"), 8);
        let narrow = render(&s, w, h);
        let shown: String = narrow.content.iter().map(|c| c.symbol()).collect();
        assert!(
            shown.contains('“'),
            "{w}x{h}: narrow terminals show “ as it is"
        );

        text::set_ambiguous(Ambiguous::Wide);
        assert_eq!(text::width("“一把手”"), 10);
        let wide = render(&s, w, h);
        let rows = drawn_widths(&wide);
        assert!(
            rows.iter().all(|&used| used == w as usize),
            "{w}x{h}: every row exactly as wide as the screen in a wide terminal: {rows:?}"
        );
        let shown: String = wide.content.iter().map(|c| c.symbol()).collect();
        assert!(
            shown.contains('〝') && shown.contains('〞') && !shown.contains('“'),
            "{w}x{h}: the quotes as 〝 〞"
        );
    }

    // The spotlight: half blocks in a narrow terminal, only spaces in a wide one.
    let mut p = s.console.projection(&s.console.room);
    p.picture = Picture::Spotlight;
    let theme = Theme::projector_dark();
    for mode in [Ambiguous::Narrow, Ambiguous::Wide] {
        text::set_ambiguous(mode);
        let mut terminal = Terminal::new(TestBackend::new(106, 29)).unwrap();
        terminal
            .draw(|frame| projection::draw(frame, &p, &theme))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let blocks = buffer
            .content
            .iter()
            .filter(|c| "▀▄█".contains(c.symbol()))
            .count();
        let lit = buffer
            .content
            .iter()
            .filter(|c| c.bg == theme.accent)
            .count();
        match mode {
            Ambiguous::Narrow => assert!(blocks > 50, "half blocks when narrow"),
            Ambiguous::Wide => assert!(blocks == 0 && lit > 50, "spaces when wide"),
        }
        if mode == Ambiguous::Wide {
            assert!(drawn_widths(buffer).iter().all(|&used| used == 106));
        }
    }
    text::set_ambiguous(Ambiguous::Narrow);
}
