//! Colours of the interface, read from a theme file in two steps: the raw file (every field
//! named, nothing unknown accepted) and the checked theme the drawing code uses.

use ratatui::style::Color;
use serde::Deserialize;

/// What can be wrong with a theme file.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("主题文件格式错误 (theme file): {0}")]
    Toml(#[from] toml::de::Error),
    #[error("主题字段 {field} 的颜色 \"{value}\" 无效：应写成 #rrggbb")]
    Colour { field: &'static str, value: String },
}

/// A theme file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    /// The theme's name, as shown when cycling themes.
    name: String,
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
    /// Pane borders.
    border: String,
    /// Border of the focused pane.
    focus_border: String,
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

/// The checked colours the screens are drawn with.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub background: Color,
    pub text: Color,
    pub muted: Color,
    pub accent: Color,
    pub selection_background: Color,
    pub selection_text: Color,
    pub border: Color,
    pub focus_border: Color,
    pub ok: Color,
    pub warning: Color,
    pub danger: Color,
    pub overrun_background: Color,
    pub overrun_text: Color,
}

const PROJECTOR_DARK: &str = include_str!("../../themes/projector-dark.toml");

impl Theme {
    /// The default projector theme shipped in `themes/`.
    pub fn projector_dark() -> Theme {
        Theme::from_toml(PROJECTOR_DARK).expect("the shipped theme is checked by a test")
    }

    pub fn from_toml(text: &str) -> Result<Theme, ThemeError> {
        let raw: RawTheme = toml::from_str(text)?;
        let colour = |field: &'static str, value: &str| {
            parse_colour(value).ok_or_else(|| ThemeError::Colour {
                field,
                value: value.to_string(),
            })
        };
        Ok(Theme {
            background: colour("background", &raw.background)?,
            text: colour("text", &raw.text)?,
            muted: colour("muted", &raw.muted)?,
            accent: colour("accent", &raw.accent)?,
            selection_background: colour("selection_background", &raw.selection_background)?,
            selection_text: colour("selection_text", &raw.selection_text)?,
            border: colour("border", &raw.border)?,
            focus_border: colour("focus_border", &raw.focus_border)?,
            ok: colour("ok", &raw.ok)?,
            warning: colour("warning", &raw.warning)?,
            danger: colour("danger", &raw.danger)?,
            overrun_background: colour("overrun_background", &raw.overrun_background)?,
            overrun_text: colour("overrun_text", &raw.overrun_text)?,
            name: raw.name,
        })
    }
}

fn parse_colour(text: &str) -> Option<Color> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_theme_loads() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            Theme::from_toml(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }

    #[test]
    fn a_bad_colour_names_its_field() {
        let text = PROJECTOR_DARK.replace("#ffd54f", "yellow");
        let err = Theme::from_toml(&text).unwrap_err().to_string();
        assert!(err.contains("accent") && err.contains("yellow"), "{err}");
    }
}
