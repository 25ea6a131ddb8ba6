//! Large glyphs for the spotlight view, readable from across a room: GNU Unifont's 16x16
//! bitmaps (all common Chinese characters, digits, Latin), each pixel drawn as two
//! background-coloured spaces. No half-blocks: their width is ambiguous in East Asian
//! terminals. Smaller windows get the glyphs at half size, or plain text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

/// Pixels per drawn cell, largest glyphs first: 1 gives 32x16 cells for a Chinese character,
/// 2 gives 16x8. Smaller than that a Chinese character is no longer legible: plain text
/// is drawn instead.
const STEPS: [usize; 2] = [1, 2];

fn glyph(c: char) -> &'static unifont::Glyph {
    unifont::get_glyph(c)
        .or_else(|| unifont::get_glyph('?'))
        .expect("Unifont has '?'")
}

/// Cells taken by `text` at a step: (columns, rows).
pub fn size(text: &str, step: usize) -> (usize, usize) {
    let columns = text.chars().map(|c| glyph(c).get_width() / step * 2).sum();
    (columns, 16 / step)
}

/// The largest step at which `text` fits `width` columns and `height` rows.
pub fn fitting_step(text: &str, width: u16, height: u16) -> Option<usize> {
    STEPS.into_iter().find(|&step| {
        let (w, h) = size(text, step);
        w <= width as usize && h <= height as usize
    })
}

/// Is the `step` x `step` block at (x, y) lit? At full size, its pixel; smaller, when at
/// least a quarter of its pixels are (a one-pixel stroke through a 2x2 block keeps it, a
/// stray corner does not, so strokes stay apart).
fn lit(g: &unifont::Glyph, x: usize, y: usize, step: usize) -> bool {
    let count = (0..step)
        .flat_map(|dy| (0..step).map(move |dx| (dx, dy)))
        .filter(|&(dx, dy)| g.get_pixel(x * step + dx, y * step + dy))
        .count();
    count * 4 >= step * step && count > 0 && (step == 1 || count >= 2)
}

/// Draws `text` centred in `area` at `step`, lit pixels in `colour`.
pub fn draw(buf: &mut Buffer, area: Rect, text: &str, step: usize, colour: Color) {
    let (width, height) = size(text, step);
    let left = area.x + (area.width.saturating_sub(width as u16)) / 2;
    let top = area.y + (area.height.saturating_sub(height as u16)) / 2;
    let mut x0 = left as usize;
    for c in text.chars() {
        let g = glyph(c);
        let columns = g.get_width() / step;
        for y in 0..16 / step {
            for x in 0..columns {
                if !lit(g, x, y, step) {
                    continue;
                }
                for half in 0..2 {
                    let (cx, cy) = ((x0 + x * 2 + half) as u16, top + y as u16);
                    if area.contains((cx, cy).into()) {
                        buf[(cx, cy)].set_symbol(" ").set_bg(colour);
                    }
                }
            }
        }
        x0 += columns * 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_character_is_sixteen_pixels_square() {
        assert_eq!(size("张", 1), (32, 16));
        assert_eq!(size("08:12", 2), (40, 8));
        assert_eq!(fitting_step("张某", 80, 24), Some(1));
        assert_eq!(fitting_step("张某", 40, 24), Some(2));
        assert_eq!(fitting_step("张某", 10, 3), None);
    }

    #[test]
    fn glyphs_are_drawn_with_spaces_only() {
        let area = Rect::new(0, 0, 40, 10);
        let mut buf = Buffer::empty(area);
        draw(&mut buf, area, "述", 2, Color::Yellow);
        let lit = buf.content.iter().filter(|c| c.bg == Color::Yellow).count();
        assert!(lit > 20, "the character is drawn");
        assert!(buf.content.iter().all(|c| c.symbol() == " "), "only spaces");
    }
}
