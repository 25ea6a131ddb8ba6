//! The spotlight as a slide (`ui::slide`): on a terminal that shows images, the name and the
//! clock are drawn in a Chinese system font as pictures; without images, without the font
//! or in the terminal's own colours, in Unifont. One test for what is drawn on screen: the
//! terminal's graphics and the font are properties of the whole process.
#![cfg(feature = "pictures")]

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use shuze::app::projection::Picture;
use shuze::app::{Action, Command};
use shuze::ui::slide::{self, ChineseFont, Colours, Graphics, Protocol};
use shuze::ui::{Theme, projection};

const DARK: Colours = Colours {
    text: [255, 213, 79],
    background: [11, 15, 20],
};

/// The installed Chinese font (tests/run.sh installs Noto Sans CJK), or `None` with a note.
fn system_font() -> Option<ChineseFont> {
    let mut fonts = fontdb::Database::new();
    fonts.load_system_fonts();
    let found = ChineseFont::find(fonts);
    if found.is_none() {
        common::skip("no Chinese font installed (fonts-noto-cjk; tests/run.sh installs it)");
    }
    found
}

fn lit(picture: &image::RgbImage) -> usize {
    picture.pixels().filter(|p| p.0 != DARK.background).count()
}

#[test]
fn a_slide_s_picture_is_the_text_in_the_font_centred_and_sized_to_its_place() {
    let Some(font) = system_font() else { return };
    let zhang = font.picture("张某", (800, 200), f32::MAX, DARK).unwrap();
    assert_eq!(zhang.dimensions(), (800, 200), "the place's size in pixels");
    let share = lit(&zhang) as f64 / (800.0 * 200.0);
    assert!(
        (0.03..0.6).contains(&share),
        "{}: strokes, not a blank or a block: {share:.3} lit",
        font.family()
    );
    let li = font.picture("李某", (800, 200), f32::MAX, DARK).unwrap();
    assert_ne!(zhang, li, "another name, another picture");

    // Each character in its own place: the clock's last digit changes only its right part.
    let (width, height) = (1000, 250);
    let a = font
        .picture("03:21", (width, height), f32::MAX, DARK)
        .unwrap();
    let b = font
        .picture("03:22", (width, height), f32::MAX, DARK)
        .unwrap();
    let differs = |x: u32| (0..height).any(|y| a.get_pixel(x, y) != b.get_pixel(x, y));
    let changed: Vec<u32> = (0..width).filter(|&x| differs(x)).collect();
    assert!(!changed.is_empty());
    assert!(
        changed[0] > width * 3 / 5,
        "only the last digit's columns change (from x = {})",
        changed[0]
    );

    // Centred, with the text as large as the place allows.
    let columns: Vec<u32> = (0..800)
        .filter(|&x| (0..200).any(|y| zhang.get_pixel(x, y).0 != DARK.background))
        .collect();
    let (left, right) = (columns[0], 799 - columns[columns.len() - 1]);
    assert!(
        left.abs_diff(right) <= 16,
        "centred: {left} and {right} px either side"
    );
    let rows: Vec<u32> = (0..200)
        .filter(|&y| (0..800).any(|x| zhang.get_pixel(x, y).0 != DARK.background))
        .collect();
    assert!(
        rows.len() > 140,
        "the name fills its height: {} of 200 rows",
        rows.len()
    );

    // No larger than asked: the clock below the name stays smaller.
    let small = font.picture("张某", (800, 200), 60.0, DARK).unwrap();
    assert!(lit(&small) * 4 < lit(&zhang));

    // A character the font does not have: no picture (the spotlight falls back to Unifont).
    assert!(
        font.picture("\u{E000}", (200, 100), f32::MAX, DARK)
            .is_none()
    );
}

fn spotlight(theme: &Theme, w: u16, h: u16) -> Buffer {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.handle(Action::Command(Command::NextStage), at(0));
    s.console.now = at(75);
    let mut p = s.console.projection(&s.console.room);
    p.picture = Picture::Spotlight;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| projection::draw(frame, &p, theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Cells holding a picture's escape sequence (Sixel: `ESC P … q`), and half blocks (Unifont).
fn pictures_and_blocks(buffer: &Buffer) -> (Vec<String>, usize) {
    let pictures = buffer
        .content
        .iter()
        .map(|c| c.symbol())
        .filter(|s| s.contains("\x1bP"))
        .map(str::to_string)
        .collect();
    let blocks = buffer
        .content
        .iter()
        .filter(|c| "▀▄█".contains(c.symbol()))
        .count();
    (pictures, blocks)
}

/// A Sixel picture's size in pixels, from its raster attributes (`"1;1;width;height`).
fn raster(picture: &str) -> (u32, u32) {
    let raster = picture.split("\"1;1;").nth(1).expect("raster attributes");
    let mut numbers = raster.split(|c: char| !c.is_ascii_digit());
    let mut next = || numbers.next().unwrap().parse().unwrap();
    (next(), next())
}

#[test]
fn the_spotlight_is_a_slide_only_with_images_a_chinese_font_and_known_colours() {
    let theme = Theme::projector_dark();
    // No images (the default): Unifont.
    let (pictures, blocks) = pictures_and_blocks(&spotlight(&theme, 106, 29));
    assert!(pictures.is_empty() && blocks > 50, "Unifont without images");

    let Some(font) = system_font() else { return };
    slide::set_font(Some(font));
    slide::set_graphics(Some(Graphics {
        protocol: Protocol::Sixel,
        cell: (10, 20),
        largest: None,
    }));
    let buffer = spotlight(&theme, 106, 29);
    let (pictures, blocks) = pictures_and_blocks(&buffer);
    assert_eq!(blocks, 0, "no Unifont glyphs on a slide");
    assert_eq!(
        pictures.len(),
        4,
        "name, the clock's label, the clock, the unit"
    );
    assert!(
        pictures
            .iter()
            .all(|p| p.contains('q') && p.ends_with("\x1b\\"))
    );
    // The name's picture is the first and the tallest.
    let heights: Vec<u32> = pictures.iter().map(|p| raster(p).1).collect();
    assert!(
        heights[0] > heights[1] && heights[0] > heights[3],
        "{heights:?}"
    );

    // A terminal that shows Sixel pictures up to 1000x1000 pixels (xterm's default): each
    // picture within it (the Sixel raster attributes: "1;1;width;height).
    slide::set_graphics(Some(Graphics {
        protocol: Protocol::Sixel,
        cell: (10, 20),
        largest: Some((1000, 1000)),
    }));
    let (pictures, _) = pictures_and_blocks(&spotlight(&theme, 192, 54));
    assert_eq!(pictures.len(), 4);
    for picture in &pictures {
        let (width, _) = raster(picture);
        assert!(width <= 1000, "{width} pixels wide");
    }
    slide::set_graphics(Some(Graphics {
        protocol: Protocol::Sixel,
        cell: (10, 20),
        largest: None,
    }));

    // In a theme with 256 colours too (a terminal without COLORTERM=truecolor).
    let (pictures, _) = pictures_and_blocks(&spotlight(&theme.in_256_colours(), 60, 18));
    assert_eq!(pictures.len(), 4, "60x18, 256 colours");

    // The terminal's own colours cannot be painted into a picture: Unifont.
    let terminal_theme = Theme::from_toml(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/terminal.toml"))
            .unwrap(),
        "terminal.toml",
    )
    .unwrap();
    let (pictures, blocks) = pictures_and_blocks(&spotlight(&terminal_theme, 106, 29));
    assert!(
        pictures.is_empty() && blocks > 50,
        "Unifont in the terminal's colours"
    );

    // No Chinese font installed: Unifont.
    slide::set_font(None);
    let (pictures, blocks) = pictures_and_blocks(&spotlight(&theme, 106, 29));
    assert!(
        pictures.is_empty() && blocks > 50,
        "Unifont without the font"
    );
    slide::set_graphics(None);
}
