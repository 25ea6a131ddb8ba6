//! Large glyphs for the projected pictures, readable from across a room: GNU Unifont's
//! 16x16 bitmaps (all common Chinese characters, digits, Latin), never scaled down (a
//! Chinese character at half size is a blob), only up by whole pixels.
//!
//! A pixel is one column and half a row: a Chinese character takes 16x8 cells at scale 1.
//! Where the terminal draws ambiguous-width characters one cell wide (most do; see
//! `text::Ambiguous`), it is drawn with the half blocks `▀ ▄ █`. Where it draws them two
//! cells wide (`xterm -cjk_width`), the half blocks would push the row apart, so only
//! characters every terminal draws one cell wide are used: a cell lit in full is a
//! background-coloured space, a lit upper or lower half the Braille dots `⠛` or `⣤`. The
//! glyphs are then as large in both (they once took twice the columns and rows there, too
//! many for a name below 160x45).

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

/// Cells taken by `text` at `scale`: (columns, rows).
pub fn size(text: &str, scale: usize) -> (usize, usize) {
    let pixels: usize = text.chars().map(|c| glyph(c).get_width()).sum();
    (pixels * scale, 8 * scale)
}

/// The character for a cell whose upper and lower halves are lit as given, and whether it
/// is drawn as a background-coloured space (lit in full where the half blocks are wide).
fn cell_symbol(upper: bool, lower: bool, wide: bool) -> Option<(&'static str, bool)> {
    Some(match (upper, lower, wide) {
        (false, false, _) => return None,
        (true, true, false) => ("█", false),
        (true, false, false) => ("▀", false),
        (false, true, false) => ("▄", false),
        (true, true, true) => (" ", true),
        (true, false, true) => ("⠛", false),
        (false, true, true) => ("⣤", false),
    })
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
    let wide = text::ambiguous() == Ambiguous::Wide;
    let mut x0 = left;
    for c in text.chars() {
        let g = glyph(c);
        let lit = |x: usize, half_row: usize| {
            let y = half_row / scale;
            y < 16 && g.get_pixel(x / scale, y)
        };
        let glyph_columns = g.get_width() * scale;
        for dx in 0..glyph_columns {
            for dy in 0..height {
                let (cx, cy) = ((x0 + dx) as u16, (top + dy) as u16);
                if !area.contains((cx, cy).into()) {
                    continue;
                }
                let Some((symbol, filled)) =
                    cell_symbol(lit(dx, dy * 2), lit(dx, dy * 2 + 1), wide)
                else {
                    continue;
                };
                let cell = &mut buf[(cx, cy)];
                match (filled, colour) {
                    (true, Color::Reset) => cell.set_symbol(symbol).set_style(Modifier::REVERSED),
                    (true, _) => cell.set_symbol(symbol).set_bg(colour),
                    (false, _) => cell.set_symbol(symbol).set_fg(colour),
                };
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
