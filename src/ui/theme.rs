//! Colours and borders of the interface, read from theme files in two steps: the raw file
//! (every field named, nothing unknown accepted) and the checked theme the drawing code
//! uses. Shipped themes live in `themes/`; a user's own, in the configuration folder,
//! replace a shipped one of the same name.

use crate::messages::tr;
use ratatui::style::Color;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// What can be wrong with a theme file.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("{file}:{line}:{column}: {message}")]
    Toml {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: {key} = \"{value}\"：{expected}")]
    Value {
        file: String,
        key: &'static str,
        value: String,
        expected: String,
    },
    #[error("{}", tr!("{file}：无法读取（{why}）", "{file}: cannot be read ({why})", file = .file, why = .cause))]
    Read { file: String, cause: std::io::Error },
}

/// A theme file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    /// The theme's name, as shown when cycling themes; a user theme with a shipped theme's
    /// name replaces it.
    name: String,
    /// Pane borders: "none" (coloured title rows), "ascii" (+ - |) or "line" (box drawing,
    /// only for terminals that draw those characters one cell wide).
    #[serde(default)]
    borders: Option<String>,
    /// Keeps the terminal's own colours (named colours and "reset"); the drawn-contrast test
    /// resolves them in the default palettes of xterm, GNOME Terminal and Windows Terminal.
    #[serde(default)]
    terminal_colours: bool,
    /// Screen background.
    background: String,
    /// Body text.
    text: String,
    /// Secondary text: labels, hints, prepared content.
    muted: String,
    /// Headings and the current official.
    accent: String,
    /// Background of the selected row.
    selection_background: String,
    /// Text of the selected row.
    selection_text: String,
    /// Pane title rows and borders (the background colour is written on it).
    border: String,
    /// Title row and border of the focused pane.
    focus_border: String,
    /// Text written on a coloured row (pane titles, footer keys, `+3` markers); the
    /// background colour when not given. A theme of the terminal's own colours needs it:
    /// there the background is "reset", which as a text colour is the terminal's text.
    #[serde(default)]
    title_text: Option<String>,
    /// Done, completed.
    ok: String,
    /// In progress, paused.
    warning: String,
    /// Errors and open problems.
    danger: String,
    /// Background of an overrun timer.
    overrun_background: String,
    /// Text of an overrun timer.
    overrun_text: String,
}

/// How panes are set apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Borders {
    /// A coloured title row and a blank column: no character of ambiguous width.
    #[default]
    None,
    /// `+`, `-` and `|`: safe in every terminal.
    Ascii,
    /// Box-drawing lines: only where the terminal draws them one cell wide.
    Line,
}

/// The checked colours the screens are drawn with.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub borders: Borders,
    pub terminal_colours: bool,
    pub background: Color,
    pub text: Color,
    pub muted: Color,
    pub accent: Color,
    pub selection_background: Color,
    pub selection_text: Color,
    pub border: Color,
    pub focus_border: Color,
    pub title_text: Color,
    pub ok: Color,
    pub warning: Color,
    pub danger: Color,
    pub overrun_background: Color,
    pub overrun_text: Color,
}

/// The shipped themes, the default first.
pub const SHIPPED: [(&str, &str); 4] = [
    (
        "projector-dark.toml",
        include_str!("../../themes/projector-dark.toml"),
    ),
    (
        "projector-light.toml",
        include_str!("../../themes/projector-light.toml"),
    ),
    (
        "max-contrast.toml",
        include_str!("../../themes/max-contrast.toml"),
    ),
    ("terminal.toml", include_str!("../../themes/terminal.toml")),
];

impl Theme {
    /// The default projector theme.
    pub fn projector_dark() -> Theme {
        Theme::from_toml(SHIPPED[0].1, SHIPPED[0].0)
            .expect("the shipped themes are checked by a test")
    }

    /// Reads a theme; `file` names it in messages.
    pub fn from_toml(text: &str, file: &str) -> Result<Theme, ThemeError> {
        let raw: RawTheme = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| crate::source::line_column(text, s.start))
                .unwrap_or((1, 1));
            ThemeError::Toml {
                file: file.to_string(),
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        let colour = |key: &'static str, value: &str| {
            parse_colour(value).ok_or_else(|| ThemeError::Value {
                file: file.to_string(),
                key,
                value: value.to_string(),
                expected: tr!(
                    "应为 #rrggbb、reset 或颜色名（black, red, green, yellow, blue, magenta, cyan, gray, white …）", "expected #rrggbb, reset or a colour name (black, red, green, yellow, blue, magenta, cyan, gray, white …)"
                ),
            })
        };
        let borders = match raw.borders.as_deref() {
            None | Some("none") => Borders::None,
            Some("ascii") => Borders::Ascii,
            Some("line") => Borders::Line,
            Some(other) => {
                return Err(ThemeError::Value {
                    file: file.to_string(),
                    key: "borders",
                    value: other.to_string(),
                    expected: tr!("应为 none、ascii 或 line", "expected none, ascii or line"),
                });
            }
        };
        Ok(Theme {
            borders,
            terminal_colours: raw.terminal_colours,
            background: colour("background", &raw.background)?,
            text: colour("text", &raw.text)?,
            muted: colour("muted", &raw.muted)?,
            accent: colour("accent", &raw.accent)?,
            selection_background: colour("selection_background", &raw.selection_background)?,
            selection_text: colour("selection_text", &raw.selection_text)?,
            border: colour("border", &raw.border)?,
            focus_border: colour("focus_border", &raw.focus_border)?,
            title_text: colour(
                "title_text",
                raw.title_text.as_deref().unwrap_or(&raw.background),
            )?,
            ok: colour("ok", &raw.ok)?,
            warning: colour("warning", &raw.warning)?,
            danger: colour("danger", &raw.danger)?,
            overrun_background: colour("overrun_background", &raw.overrun_background)?,
            overrun_text: colour("overrun_text", &raw.overrun_text)?,
            name: raw.name,
        })
    }

    /// The same theme for a terminal without 24-bit colour: each colour becomes the nearest
    /// of the 256 the terminal has.
    pub fn in_256_colours(&self) -> Theme {
        let c = to_256;
        Theme {
            background: c(self.background),
            text: c(self.text),
            muted: c(self.muted),
            accent: c(self.accent),
            selection_background: c(self.selection_background),
            selection_text: c(self.selection_text),
            border: c(self.border),
            focus_border: c(self.focus_border),
            title_text: c(self.title_text),
            ok: c(self.ok),
            warning: c(self.warning),
            danger: c(self.danger),
            overrun_background: c(self.overrun_background),
            overrun_text: c(self.overrun_text),
            ..self.clone()
        }
    }

    /// The pairs of (text, background) colours the screens draw, for the contrast rule:
    /// the first must reach 7:1, the rest 4.5:1.
    pub fn text_pairs(&self) -> Vec<(&'static str, Color, Color)> {
        vec![
            ("text", self.text, self.background),
            ("muted", self.muted, self.background),
            ("accent", self.accent, self.background),
            ("ok", self.ok, self.background),
            ("warning", self.warning, self.background),
            ("danger", self.danger, self.background),
            ("selection", self.selection_text, self.selection_background),
            ("overrun", self.overrun_text, self.overrun_background),
            ("title row", self.title_text, self.border),
            ("focused title row", self.title_text, self.focus_border),
            ("footer key", self.title_text, self.border),
        ]
    }
}

fn parse_colour(text: &str) -> Option<Color> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?));
    }
    Some(match text {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "dark-gray" | "dark-grey" => Color::DarkGray,
        "light-red" => Color::LightRed,
        "light-green" => Color::LightGreen,
        "light-yellow" => Color::LightYellow,
        "light-blue" => Color::LightBlue,
        "light-magenta" => Color::LightMagenta,
        "light-cyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

/// WCAG 2 contrast ratio of two 24-bit colours; `None` for terminal colours.
pub fn contrast(a: Color, b: Color) -> Option<f64> {
    fn luminance(c: Color) -> Option<f64> {
        let Color::Rgb(r, g, b) = c else {
            return None;
        };
        let channel = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        Some(0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b))
    }
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// The nearest xterm-256 colour (6x6x6 cube or grey ramp) to a 24-bit colour.
fn to_256(colour: Color) -> Color {
    let Color::Rgb(r, g, b) = colour else {
        return colour;
    };
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let nearest_level = |v: u8| {
        (0..6)
            .min_by_key(|&i| (LEVELS[i] as i32 - v as i32).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (nearest_level(r), nearest_level(g), nearest_level(b));
    let cube = (LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    let grey_index = (((r as u32 + g as u32 + b as u32) / 3).saturating_sub(8) / 10).min(23) as u8;
    let grey = 8 + 10 * grey_index;
    let distance = |(x, y, z): (u8, u8, u8)| {
        let d = |p: u8, q: u8| (p as i32 - q as i32).pow(2);
        d(x, r) + d(y, g) + d(z, b)
    };
    if distance((grey, grey, grey)) < distance(cube) {
        Color::Indexed(232 + grey_index)
    } else {
        Color::Indexed(16 + 36 * ri as u8 + 6 * gi as u8 + bi as u8)
    }
}

/// Does the terminal say it shows 24-bit colour (`COLORTERM`)?
pub fn truecolor_terminal() -> bool {
    std::env::var("COLORTERM")
        .map(|v| matches!(v.to_ascii_lowercase().as_str(), "truecolor" | "24bit"))
        .unwrap_or(false)
}

/// The themes to choose from: the shipped ones, replaced or joined by the user's.
#[derive(Debug, Clone)]
pub struct Registry {
    pub themes: Vec<Theme>,
    /// One line per user theme file that could not be used (the program goes on without it).
    pub problems: Vec<String>,
}

impl Registry {
    /// Loads the shipped themes and every `*.toml` in `user_dir`.
    pub fn load(user_dir: Option<&Path>) -> Registry {
        let mut themes: Vec<Theme> = SHIPPED
            .iter()
            .filter_map(|(file, text)| Theme::from_toml(text, file).ok())
            .collect();
        let mut problems = Vec::new();
        for path in user_dir.map(theme_files).unwrap_or_default() {
            let file = path.display().to_string();
            let theme = std::fs::read_to_string(&path)
                .map_err(|cause| ThemeError::Read {
                    file: file.clone(),
                    cause,
                })
                .and_then(|text| Theme::from_toml(&text, &file));
            match theme {
                Ok(theme) => match themes.iter_mut().find(|t| t.name == theme.name) {
                    Some(shipped) => *shipped = theme,
                    None => themes.push(theme),
                },
                Err(err) => problems.push(err.to_string()),
            }
        }
        Registry { themes, problems }
    }

    /// The theme called `name`, or the default.
    pub fn get(&self, name: &str) -> &Theme {
        self.themes
            .iter()
            .find(|t| t.name == name)
            .unwrap_or(&self.themes[0])
    }

    pub fn names(&self) -> Vec<String> {
        self.themes.iter().map(|t| t.name.clone()).collect()
    }

    /// Every theme for a terminal without 24-bit colour.
    pub fn in_256_colours(mut self) -> Registry {
        self.themes = self.themes.iter().map(Theme::in_256_colours).collect();
        self
    }

    /// Every theme drawn with the given border style.
    pub fn with_borders(mut self, borders: Borders) -> Registry {
        for theme in &mut self.themes {
            theme.borders = borders;
        }
        self
    }
}

fn theme_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_256_colour_keeps_greys_grey_and_primaries_primary() {
        assert_eq!(to_256(Color::Rgb(0, 0, 0)), Color::Indexed(16));
        assert_eq!(to_256(Color::Rgb(255, 255, 255)), Color::Indexed(231));
        assert_eq!(to_256(Color::Rgb(255, 0, 0)), Color::Indexed(196));
        assert_eq!(to_256(Color::Rgb(128, 128, 128)), Color::Indexed(244));
        assert_eq!(to_256(Color::Reset), Color::Reset);
    }

    #[test]
    fn contrast_matches_wcag() {
        let black = Color::Rgb(0, 0, 0);
        let white = Color::Rgb(255, 255, 255);
        assert!((contrast(black, white).unwrap() - 21.0).abs() < 0.01);
        assert!((contrast(Color::Rgb(0x77, 0x77, 0x77), white).unwrap() - 4.48).abs() < 0.01);
    }
}
