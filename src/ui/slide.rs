//! The spotlight as a slide: where the terminal shows images (the kitty graphics protocol or
//! Sixel, found at start-up) and a Chinese font is installed (Noto Sans CJK, Source Han Sans,
//! WenQuanYi … found through fontconfig's folders by `fontdb`), the name, the clock and the
//! unit are drawn in that font (rasterised by `ab_glyph`) and shown as pictures
//! (`ratatui-image`). Elsewhere the spotlight is drawn in Unifont (`big`).
//!
//! Nothing here runs unless the spotlight is shown on a terminal that shows images: the
//! fonts are looked for the first time a slide is drawn, and each picture is encoded once
//! and kept while its text, size and colours stay the same.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use std::sync::Mutex;

/// The pictures themselves: behind the default feature `pictures` (Cargo.toml says what
/// it costs); without it the spotlight is always drawn in Unifont.
#[cfg(feature = "pictures")]
mod picture;
#[cfg(feature = "pictures")]
pub use picture::{ChineseFont, Colours, set_font};

/// How the terminal shows images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Kitty,
    Sixel,
}

/// A terminal that shows images: how, a cell's size in pixels (width, height), and the
/// largest picture it shows, where it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Graphics {
    pub protocol: Protocol,
    pub cell: (u16, u16),
    pub largest: Option<(u16, u16)>,
}

impl Graphics {
    /// The part of `area` a picture may take: all of it, or the largest picture the
    /// terminal shows, in whole cells, centred across.
    #[cfg_attr(not(feature = "pictures"), allow(dead_code))]
    fn room(&self, area: Rect) -> Rect {
        let Some((width, height)) = self.largest else {
            return area;
        };
        let columns = (width / self.cell.0.max(1)).min(area.width);
        let rows = (height / self.cell.1.max(1)).min(area.height);
        Rect {
            x: area.x + (area.width - columns) / 2,
            width: columns,
            height: rows,
            ..area
        }
    }
}

/// A property of the terminal, found at start-up (`None`: no images).
static GRAPHICS: Mutex<Option<Graphics>> = Mutex::new(None);

pub fn set_graphics(graphics: Option<Graphics>) {
    *lock(&GRAPHICS) = graphics;
}

pub fn graphics() -> Option<Graphics> {
    *lock(&GRAPHICS)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One line of a slide: the text and its colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'a> {
    pub text: &'a str,
    pub colour: Color,
}

/// Draws `lines` as pictures in their rows of `area`, each centred: `false` (nothing drawn)
/// where the terminal shows no images, no Chinese font is installed, it lacks a character,
/// the theme's colours are the terminal's own, or the program was built without pictures.
pub fn draw(buf: &mut Buffer, area: Rect, lines: &[(Line, u16)], background: Color) -> bool {
    let Some(graphics) = graphics() else {
        return false;
    };
    #[cfg(feature = "pictures")]
    return picture::draw(buf, area, lines, background, graphics);
    #[cfg(not(feature = "pictures"))]
    {
        let _ = (buf, area, lines, background, graphics);
        false
    }
}
