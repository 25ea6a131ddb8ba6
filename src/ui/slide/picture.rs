//! The slide's pictures: a Chinese system font found by `fontdb`, rasterised by `ab_glyph`,
//! shown as Sixel or kitty graphics by `ratatui-image` (the default feature `pictures`).

use super::{Graphics, Line, Protocol, lock};
use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{DynamicImage, Rgb, RgbImage};
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::style::Color;
use ratatui::widgets::Widget;
use std::sync::Mutex;

/// A Chinese font: the database that holds it and its face.
pub struct ChineseFont {
    fonts: fontdb::Database,
    face: fontdb::ID,
}

/// Families looked for, in order: the common Chinese sans-serif fonts of Linux
/// distributions, Kylin and UOS, then Windows' and macOS's.
const FAMILIES: [&str; 12] = [
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "思源黑体",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "文泉驿正黑",
    "方正黑体_GBK",
    "Microsoft YaHei",
    "PingFang SC",
    "Droid Sans Fallback",
];

impl ChineseFont {
    /// The first of `FAMILIES` that `fonts` holds, bold where there is a bold face.
    pub fn find(fonts: fontdb::Database) -> Option<ChineseFont> {
        let face = FAMILIES.iter().find_map(|&family| {
            fonts.query(&fontdb::Query {
                families: &[fontdb::Family::Name(family)],
                weight: fontdb::Weight::BOLD,
                ..fontdb::Query::default()
            })
        })?;
        Some(ChineseFont { fonts, face })
    }

    /// The family's name, as the font gives it.
    pub fn family(&self) -> &str {
        self.fonts
            .face(self.face)
            .and_then(|face| face.families.first())
            .map_or("", |(name, _)| name.as_str())
    }

    /// `text` centred on a `width` x `height` picture of `background`, at the largest size
    /// that fits both ways but no larger than `most` pixels high; `None` when the font lacks
    /// one of its characters.
    pub fn picture(
        &self,
        text: &str,
        (width, height): (u32, u32),
        most: f32,
        colours: Colours,
    ) -> Option<RgbImage> {
        self.fonts
            .with_face_data(self.face, |data, index| {
                let font = FontRef::try_from_slice_and_index(data, index).ok()?;
                draw_text(&font, text, (width, height), most, colours)
            })
            .flatten()
    }

    /// The height in pixels `text` takes at the largest size that fits `width` x `height`.
    pub fn fitting_height(&self, text: &str, width: u32, height: u32) -> Option<f32> {
        self.fonts
            .with_face_data(self.face, |data, index| {
                let font = FontRef::try_from_slice_and_index(data, index).ok()?;
                fitting_size(&font, text, width, height)
            })
            .flatten()
    }
}

/// Lit and unlit pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colours {
    pub text: [u8; 3],
    pub background: [u8; 3],
}

impl Colours {
    /// The theme's colours as pixels; `None` for the terminal's own colours, which a
    /// picture cannot know.
    pub fn of(text: Color, background: Color) -> Option<Colours> {
        Some(Colours {
            text: rgb(text)?,
            background: rgb(background)?,
        })
    }
}

/// A 24-bit colour, or one of xterm's 256 above the first 16 (which the user's terminal
/// sets).
fn rgb(colour: Color) -> Option<[u8; 3]> {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match colour {
        Color::Rgb(r, g, b) => Some([r, g, b]),
        Color::Indexed(i @ 16..=231) => {
            let i = (i - 16) as usize;
            Some([LEVELS[i / 36], LEVELS[i / 6 % 6], LEVELS[i % 6]])
        }
        Color::Indexed(i @ 232..=255) => {
            let grey = 8 + 10 * (i - 232);
            Some([grey, grey, grey])
        }
        _ => None,
    }
}

/// Glyphs of `text` at `px` on one baseline from x = 0: `None` when one is missing.
fn glyphs(font: &FontRef, text: &str, px: f32) -> Option<Vec<ab_glyph::Glyph>> {
    let scaled = font.as_scaled(PxScale::from(px));
    let mut x = 0.0;
    let mut previous = None;
    let mut placed = Vec::new();
    for c in text.chars() {
        let id = font.glyph_id(c);
        if id.0 == 0 && !c.is_whitespace() {
            return None;
        }
        if let Some(previous) = previous {
            x += scaled.kern(previous, id);
        }
        placed.push(id.with_scale_and_position(px, point(x, scaled.ascent())));
        x += scaled.h_advance(id);
        previous = Some(id);
    }
    Some(placed)
}

/// What the glyphs' strokes cover: (left, top, right, bottom) in pixels.
fn ink(font: &FontRef, glyphs: &[ab_glyph::Glyph]) -> Option<(f32, f32, f32, f32)> {
    glyphs
        .iter()
        .filter_map(|g| font.outline_glyph(g.clone()))
        .map(|outline| outline.px_bounds())
        .map(|b| (b.min.x, b.min.y, b.max.x, b.max.y))
        .reduce(|a, b| (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)))
}

/// Where `text` at `px` is drawn, to centre it: across, from its first glyph's origin to
/// the last one's advance (a clock's digits are equally wide, so it does not move as it
/// counts); down, the strokes of its characters and of 国 (so names and times sit alike).
fn extent(font: &FontRef, text: &str, px: f32) -> Option<(f32, f32, f32, f32)> {
    let placed = glyphs(font, text, px)?;
    let (_, top, _, bottom) = ink(font, &placed)?;
    let (_, square_top, _, square_bottom) = ink(font, &glyphs(font, "国", px)?)?;
    let last = placed.last()?;
    let right = last.position.x + font.as_scaled(PxScale::from(px)).h_advance(last.id);
    Some((0.0, top.min(square_top), right, bottom.max(square_bottom)))
}

/// The size (ab_glyph's pixel scale) at which the strokes of `text` fill `width` x
/// `height`, by height or by width, whichever is reached first.
fn fitting_size(font: &FontRef, text: &str, width: u32, height: u32) -> Option<f32> {
    const PROBE: f32 = 100.0;
    let (left, top, right, bottom) = extent(font, text, PROBE)?;
    let by_height = height as f32 * PROBE / (bottom - top).max(1.0);
    let by_width = width as f32 * PROBE / (right - left).max(1.0);
    Some(by_height.min(by_width).floor()).filter(|&px| px >= 1.0)
}

fn draw_text(
    font: &FontRef,
    text: &str,
    (width, height): (u32, u32),
    most: f32,
    colours: Colours,
) -> Option<RgbImage> {
    let px = fitting_size(font, text, width, height)?.min(most);
    let placed = glyphs(font, text, px)?;
    let (left, top, right, bottom) = extent(font, text, px)?;
    let dx = (width as f32 - (right - left)) / 2.0 - left;
    let dy = (height as f32 - (bottom - top)) / 2.0 - top;
    let mut picture = RgbImage::from_pixel(width, height, Rgb(colours.background));
    for mut glyph in placed {
        glyph.position = point(glyph.position.x + dx, glyph.position.y + dy);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        outline.draw(|x, y, coverage| {
            let (px, py) = (
                bounds.min.x as i64 + x as i64,
                bounds.min.y as i64 + y as i64,
            );
            if px < 0 || py < 0 || px >= width as i64 || py >= height as i64 {
                return;
            }
            let pixel = picture.get_pixel_mut(px as u32, py as u32);
            let mix = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * coverage.min(1.0)) as u8;
            for channel in 0..3 {
                pixel.0[channel] = mix(colours.background[channel], colours.text[channel]);
            }
        });
    }
    Some(picture)
}

/// Whether the fonts were looked for, and what was found.
enum Search {
    NotYet,
    Done(Option<ChineseFont>),
}

static FONT: Mutex<Search> = Mutex::new(Search::NotYet);

/// Uses `font` for slides (`None`: Unifont), instead of looking in the system's folders.
pub fn set_font(font: Option<ChineseFont>) {
    *lock(&FONT) = Search::Done(font);
}

/// Runs `f` with the Chinese font, looked for in the system's font folders the first time.
fn with_font<T>(f: impl FnOnce(&ChineseFont) -> Option<T>) -> Option<T> {
    let mut search = lock(&FONT);
    if let Search::NotYet = *search {
        let mut fonts = fontdb::Database::new();
        fonts.load_system_fonts();
        *search = Search::Done(ChineseFont::find(fonts));
    }
    match &*search {
        Search::Done(Some(font)) => f(font),
        _ => None,
    }
}

/// A picture encoded for the terminal, kept while its text, size and colours stay.
struct Encoded {
    key: (String, Rect, Colours, u32),
    picture: ratatui_image::protocol::Protocol,
}

/// The pictures of the last slides drawn: the name's stays while the clock's changes.
static ENCODED: Mutex<Vec<Encoded>> = Mutex::new(Vec::new());
const KEPT: usize = 8;

/// Pixel sizes for the lines of a slide (name, the clock's label, the clock, the unit),
/// each as large as its rows allow within the hierarchy: the clock no larger than the
/// name, the label and the unit at most half the clock (or the name, with no clock).
fn sizes(font: &ChineseFont, lines: &[(Line, u16)], width: u32, cell: (u16, u16)) -> Vec<f32> {
    let fits: Vec<f32> = lines
        .iter()
        .map(|(line, rows)| {
            let height = *rows as u32 * cell.1 as u32;
            font.fitting_height(line.text, width, height).unwrap_or(0.0)
        })
        .collect();
    let name = fits.first().copied().unwrap_or(0.0);
    let clock = fits.get(2).copied().unwrap_or(0.0).min(name);
    let small = match clock > 0.0 {
        true => clock / 2.0,
        false => name / 2.0,
    };
    fits.iter()
        .enumerate()
        .map(|(i, &fit)| match i {
            0 => name,
            2 => clock,
            _ => fit.min(small),
        })
        .collect()
}

/// Draws `lines` as pictures in their rows of `area`, each centred: `false` (nothing drawn)
/// where the terminal shows no images, no Chinese font is installed, it lacks a character,
/// or the theme's colours are the terminal's own.
pub fn draw(
    buf: &mut Buffer,
    area: Rect,
    lines: &[(Line, u16)],
    background: Color,
    graphics: Graphics,
) -> bool {
    let room = graphics.room(area);
    let width = room.width as u32 * graphics.cell.0 as u32;
    with_font(|font| {
        let sizes = sizes(font, lines, width, graphics.cell);
        let mut pictures = Vec::new();
        let mut y = area.y;
        for ((line, rows), px) in lines.iter().zip(sizes) {
            let tall = (*rows).min(room.height);
            let place = Rect::new(room.x, y, room.width, tall).intersection(area);
            y = y.saturating_add(*rows);
            if place.is_empty() || line.text.is_empty() {
                continue;
            }
            let colours = Colours::of(line.colour, background)?;
            let pixels = (width, place.height as u32 * graphics.cell.1 as u32);
            let picture = font.picture(line.text, pixels, px.max(1.0), colours)?;
            pictures.push((line.text, place, colours, px as u32, picture));
        }
        for (text, place, colours, px, picture) in pictures {
            show(
                buf,
                graphics,
                (text.to_string(), place, colours, px),
                picture,
            );
        }
        Some(())
    })
    .is_some()
}

/// Shows a picture in its place, encoded once for as long as it stays the same.
fn show(
    buf: &mut Buffer,
    graphics: Graphics,
    key: (String, Rect, Colours, u32),
    picture: RgbImage,
) {
    let mut encoded = lock(&ENCODED);
    if let Some(found) = encoded.iter().position(|e| e.key == key) {
        let kept = encoded.remove(found);
        encoded.push(kept);
    } else {
        let place = key.1;
        #[allow(deprecated)] // The cell size is known from the start-up probe, not asked again.
        let mut picker = ratatui_image::picker::Picker::from_fontsize(graphics.cell.into());
        picker.set_protocol_type(match graphics.protocol {
            Protocol::Kitty => ratatui_image::picker::ProtocolType::Kitty,
            Protocol::Sixel => ratatui_image::picker::ProtocolType::Sixel,
        });
        let size = Size::new(place.width, place.height);
        let resize = ratatui_image::Resize::Fit(None);
        let Ok(picture) = picker.new_protocol(DynamicImage::ImageRgb8(picture), size, resize)
        else {
            return;
        };
        if encoded.len() >= KEPT {
            encoded.remove(0);
        }
        encoded.push(Encoded { key, picture });
    }
    if let Some(last) = encoded.last() {
        ratatui_image::Image::new(&last.picture).render(last.key.1, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xterm_s_256_colours_are_known_the_first_16_are_not() {
        assert_eq!(rgb(Color::Indexed(16)), Some([0, 0, 0]));
        assert_eq!(rgb(Color::Indexed(231)), Some([255, 255, 255]));
        assert_eq!(rgb(Color::Indexed(232)), Some([8, 8, 8]));
        assert_eq!(rgb(Color::Rgb(1, 2, 3)), Some([1, 2, 3]));
        assert_eq!(rgb(Color::White), None);
        assert_eq!(rgb(Color::Reset), None);
    }

    #[test]
    fn no_font_is_found_in_an_empty_database() {
        assert!(ChineseFont::find(fontdb::Database::new()).is_none());
    }
}
