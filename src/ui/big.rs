//! Large glyphs for the projected pictures, readable from across a room: GNU Unifont's
//! 16x16 bitmaps (all common Chinese characters, digits, Latin), never scaled down (a
//! Chinese character at half size is a blob), only up by whole pixels.
//!
//! Where the terminal draws ambiguous-width characters one cell wide (most do; see
//! `text::Ambiguous`), a pixel is one column and half a row, drawn with the half blocks
//! `▀ ▄ █`: a Chinese character takes 16x8 cells at scale 1. Where it draws them two cells
//! wide, the half blocks would push the row apart, so a pixel is two background-coloured
//! spaces on a whole row: 32x16 cells at scale 1.

use super::text::{self, Ambiguous};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// Larger than this the glyphs are only coarser, not more legible.
const LARGEST: usize = 8;

fn glyph(c: char) -> &'static unifont::Glyph {
    unifont::get_glyph(c)
        .or_else(|| unifont::get_glyph('?'))
        .expect("Unifont has '?'")
}

/// Cells (columns, rows) one pixel takes at scale 1, as twice its size: (1, 1) is a column
/// and half a row.
fn pixel_halves() -> (usize, usize) {
    match text::ambiguous() {
        Ambiguous::Narrow => (1, 1),
        Ambiguous::Wide => (2, 2),
    }
}

/// Cells taken by `text` at `scale`: (columns, rows).
pub fn size(text: &str, scale: usize) -> (usize, usize) {
    let (columns, halves) = pixel_halves();
    let pixels: usize = text.chars().map(|c| glyph(c).get_width()).sum();
    (pixels * columns * scale, 16 * halves * scale / 2)
}

/// The largest whole scale at which `text` fits `width` columns and `height` rows.
pub fn fitting_scale(text: &str, width: u16, height: u16) -> Option<usize> {
    (1..=LARGEST).rev().find(|&scale| {
        let (w, h) = size(text, scale);
        w <= width as usize && h <= height as usize
    })
}

/// `text` broken into lines (Chinese line breaking, numbers kept whole) at the largest
/// scale at which they all fit `width` columns and `height` rows, and that scale.
pub fn fitting_wrapped(text: &str, width: u16, height: u16) -> Option<(usize, Vec<String>)> {
    (1..=LARGEST).rev().find_map(|scale| {
        // Unifont's half-width glyph is 8 pixels: a display cell of the text.
        let per_cell = size("a", scale).0.max(1);
        let cells = width as usize / per_cell;
        if cells < 2 {
            return None;
        }
        let lines = text::wrap(text, cells);
        let rows = size("a", scale).1 * lines.len();
        let fits =
            rows <= height as usize && lines.iter().all(|l| size(l, scale).0 <= width as usize);
        fits.then_some((scale, lines))
    })
}

/// Draws `lines` at `scale`, one under the other, each centred, the block centred in
/// `area`.
pub fn draw_lines(buf: &mut Buffer, area: Rect, lines: &[String], scale: usize, colour: Color) {
    let line_rows = size("a", scale).1 as u16;
    let block = line_rows.saturating_mul(lines.len() as u16);
    let mut y = area.y + area.height.saturating_sub(block) / 2;
    for line in lines {
        let row = Rect {
            y,
            height: line_rows.min(area.bottom().saturating_sub(y)),
            ..area
        };
        draw(buf, row, line, scale, colour);
        y += line_rows;
    }
}

/// Draws `text` centred in `area` at `scale`, lit pixels in `colour`.
pub fn draw(buf: &mut Buffer, area: Rect, text: &str, scale: usize, colour: Color) {
    let (width, height) = size(text, scale);
    let left = area.x as usize + (area.width as usize).saturating_sub(width) / 2;
    let top = area.y as usize + (area.height as usize).saturating_sub(height) / 2;
    let (columns, halves) = pixel_halves();
    let mut x0 = left;
    for c in text.chars() {
        let g = glyph(c);
        let lit = |x: usize, half_row: usize| {
            let y = half_row / (halves * scale);
            y < 16 && g.get_pixel(x / (columns * scale), y)
        };
        let glyph_columns = g.get_width() * columns * scale;
        for dx in 0..glyph_columns {
            for dy in 0..height {
                let (cx, cy) = ((x0 + dx) as u16, (top + dy) as u16);
                if !area.contains((cx, cy).into()) {
                    continue;
                }
                let cell = &mut buf[(cx, cy)];
                if halves == 2 {
                    if lit(dx, dy * 2) {
                        match colour {
                            Color::Reset => cell.set_symbol(" ").set_style(Modifier::REVERSED),
                            _ => cell.set_symbol(" ").set_bg(colour),
                        };
                    }
                    continue;
                }
                let symbol = match (lit(dx, dy * 2), lit(dx, dy * 2 + 1)) {
                    (true, true) => "█",
                    (true, false) => "▀",
                    (false, true) => "▄",
                    (false, false) => continue,
                };
                cell.set_symbol(symbol).set_fg(colour);
            }
        }
        x0 += glyph_columns;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_character_is_sixteen_columns_by_eight_rows_at_scale_one() {
        assert_eq!(size("张", 1), (16, 8));
        assert_eq!(size("张", 2), (32, 16));
        assert_eq!(size("08:12", 1), (40, 8));
        assert_eq!(fitting_scale("张某", 80, 24), Some(2));
        assert_eq!(fitting_scale("张某", 40, 10), Some(1));
        assert_eq!(
            fitting_scale("张某", 20, 3),
            None,
            "never smaller than scale 1"
        );
    }
}
