//! Measuring and wrapping text by display width (a Chinese character takes two cells),
//! at grapheme boundaries, so nothing is cut in half or spills out of a pane.

use std::sync::atomic::{AtomicBool, Ordering};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// How the terminal draws characters of ambiguous width (East Asian Width "A": “ ” ‘ ’ — …
/// · ° ×, Greek, Cyrillic, box drawing): one cell in most set-ups, two in Chinese ones
/// (`xterm -cjk_width`, some CJK locales). Found at start-up by asking the terminal where
/// its cursor went after printing “, or forced with `--ambiguous`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Ambiguous {
    /// One cell each.
    #[default]
    Narrow,
    /// Two cells each.
    Wide,
}

/// A property of the terminal, the same for every screen: set once at start-up.
static AMBIGUOUS_WIDE: AtomicBool = AtomicBool::new(false);
static AMBIGUOUS_FORCED: AtomicBool = AtomicBool::new(false);

/// Measures text for a terminal that draws ambiguous-width characters as `mode` says.
pub fn set_ambiguous(mode: Ambiguous) {
    AMBIGUOUS_WIDE.store(mode == Ambiguous::Wide, Ordering::Relaxed);
}

/// As `set_ambiguous`, chosen by the user: the terminal is not asked.
pub fn force_ambiguous(mode: Ambiguous) {
    set_ambiguous(mode);
    AMBIGUOUS_FORCED.store(true, Ordering::Relaxed);
}

/// Whether the user chose (`--ambiguous`), so the terminal need not be asked.
pub fn ambiguous_forced() -> bool {
    AMBIGUOUS_FORCED.load(Ordering::Relaxed)
}

pub fn ambiguous() -> Ambiguous {
    match AMBIGUOUS_WIDE.load(Ordering::Relaxed) {
        true => Ambiguous::Wide,
        false => Ambiguous::Narrow,
    }
}

/// What the terminal's answer to the cursor-position query says, after “ was printed at
/// the start of a row: the cursor's column (0-based) is 1 when it took one cell, 2 when two.
pub fn ambiguous_from_column(column: u16) -> Option<Ambiguous> {
    match column {
        1 => Some(Ambiguous::Narrow),
        2 => Some(Ambiguous::Wide),
        _ => None,
    }
}

/// Cells a string takes on screen (ambiguous-width characters as the terminal draws them).
pub fn width(text: &str) -> usize {
    match ambiguous() {
        Ambiguous::Narrow => text.width(),
        Ambiguous::Wide => text.width_cjk(),
    }
}

/// Cells one grapheme takes; control characters are shown as nothing.
fn grapheme_width(g: &str) -> usize {
    if g.chars().all(char::is_control) {
        0
    } else {
        width(g)
    }
}

/// The character a terminal that draws ambiguous-width characters wide shows instead of
/// `c`: one of the same meaning whose width every terminal agrees on (the drawing library
/// places characters by their narrow width, so a wide-drawn “ would push the rest of its
/// row one cell to the right). `None` when `c` is drawn as it is.
fn definite(c: char) -> Option<char> {
    Some(match c {
        '\u{201C}' => '\u{301D}', // “ as 〝
        '\u{201D}' => '\u{301E}', // ” as 〞
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{2014}' | '\u{2015}' => '\u{FF0D}', // — as －
        '\u{2026}' => '\u{22EF}',              // … as ⋯
        '\u{00B7}' | '\u{2027}' => '\u{30FB}', // · as ・
        '\u{00D7}' => '\u{FF0A}',              // × as ＊
        '\u{00B0}' => '\u{2103}',              // ° as ℃ (temperatures)
        _ => return None,
    })
}

/// `text` followed by spaces to `cells` cells (cut to them when longer).
pub fn pad(text: &str, cells: usize) -> String {
    let cut = truncate(text, cells);
    let fill = cells.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// Spaces, then `text`, to `cells` cells (numbers lined up on the right).
pub fn pad_left(text: &str, cells: usize) -> String {
    let cut = truncate(text, cells);
    let fill = cells.saturating_sub(width(&cut));
    format!("{}{cut}", " ".repeat(fill))
}

/// Replaces control characters (from pasted text) so they are never sent to the terminal,
/// and, in a terminal that draws them wide, the common ambiguous-width punctuation by
/// characters of a width every terminal agrees on.
pub fn printable(text: &str) -> String {
    let wide = ambiguous() == Ambiguous::Wide;
    text.chars()
        .map(|c| match c {
            c if c.is_control() => ' ',
            c if wide => definite(c).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// The longest prefix of `text` that fits in `max` cells; an ellipsis-free cut at a
/// grapheme boundary.
pub fn truncate(text: &str, max: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for g in printable(text).graphemes(true) {
        let w = grapheme_width(g);
        if used + w > max {
            break;
        }
        used += w;
        if w > 0 {
            out.push_str(g);
        }
    }
    out
}

/// Like `truncate`, but marks a cut with a trailing "~" (ASCII: never ambiguous in width).
pub fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return printable(text);
    }
    if max == 0 {
        return String::new();
    }
    let mut cut = truncate(text, max - 1);
    cut.push('~');
    cut
}

/// The longest suffix of `text` that fits in `max` cells (to keep a caret in view).
pub fn tail(text: &str, max: usize) -> String {
    let mut used = 0;
    let text = printable(text);
    let mut parts: Vec<&str> = Vec::new();
    for g in text.graphemes(true).rev() {
        let w = grapheme_width(g);
        if used + w > max {
            break;
        }
        used += w;
        parts.push(g);
    }
    parts.into_iter().rev().collect()
}

/// Wraps text into lines of at most `max` cells. Line breaks in the text are kept. Lines
/// break where Unicode's line-breaking algorithm (UAX #14) allows: between Chinese
/// characters, never before `，。、；：？！）」』》` or after `（「『《`, never inside a
/// number, a date or a Latin word. Only a word longer than a whole line is cut. The answer
/// editor breaks its rows at the same places (`ratatui_textarea::line_breaks`).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(&printable(paragraph), max, &mut lines, usize::MAX);
    }
    lines
}

/// Wraps one paragraph onto `lines`, stopping once they number `limit` (what is wrapped
/// further could not be shown).
fn wrap_paragraph(paragraph: &str, max: usize, lines: &mut Vec<String>, limit: usize) {
    if lines.len() >= limit {
        return;
    }
    let mut line = String::new();
    let mut used = 0;
    let mut start = 0;
    for end in ratatui_textarea::line_breaks(paragraph) {
        // A piece that may not be broken, with the spaces after it.
        let piece = &paragraph[start..end];
        start = end;
        let shown = width(piece.trim_end());
        if used + shown <= max {
            line.push_str(piece);
            used += width(piece);
            continue;
        }
        if !line.trim().is_empty() {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            if lines.len() >= limit {
                return;
            }
        }
        line.clear();
        used = 0;
        if shown <= max {
            line.push_str(piece);
            used = width(piece);
            continue;
        }
        for g in piece.graphemes(true) {
            let gw = grapheme_width(g);
            if used + gw > max {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                if lines.len() >= limit {
                    return;
                }
                used = 0;
                if g.trim().is_empty() {
                    continue;
                }
            }
            line.push_str(g);
            used += gw;
        }
    }
    lines.push(line.trim_end().to_string());
}

/// Wraps `text` after a first-line prefix, indenting the following lines by `indent` cells.
pub fn wrap_hanging(prefix: &str, text: &str, indent: usize, max: usize) -> Vec<String> {
    wrap_hanging_rows(prefix, text, indent, max, usize::MAX)
}

/// `wrap_hanging`, the first `rows` lines only: a long text costs what can be shown.
pub fn wrap_hanging_rows(
    prefix: &str,
    text: &str,
    indent: usize,
    max: usize,
    rows: usize,
) -> Vec<String> {
    let first_room = max.saturating_sub(width(prefix)).max(2);
    let rest_room = max.saturating_sub(indent).max(2);
    let pad = " ".repeat(indent);
    let mut out = Vec::new();
    for (index, paragraph) in text.split('\n').enumerate() {
        if out.len() >= rows {
            break;
        }
        let paragraph = printable(paragraph);
        let room = if index == 0 { first_room } else { rest_room };
        let mut first = Vec::new();
        wrap_paragraph(&paragraph, room.max(2), &mut first, 1);
        let head = first.swap_remove(0);
        let lead = if index == 0 { prefix } else { &pad };
        out.push(format!("{lead}{head}"));
        let rest = paragraph[head.len()..].trim_start();
        if !rest.is_empty() {
            let mut lines = Vec::new();
            let left = rows - out.len();
            wrap_paragraph(rest, rest_room.max(2), &mut lines, left);
            out.extend(lines.into_iter().map(|l| format!("{pad}{l}")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_at_two_cells_per_character() {
        let lines = wrap("廉政风险点防控措施", 8);
        assert_eq!(lines, ["廉政风险", "点防控措", "施"]);
        assert!(lines.iter().all(|l| width(l) <= 8));
    }

    #[test]
    fn odd_width_never_cuts_a_wide_character() {
        let lines = wrap("一把手ab述责", 5);
        assert!(lines.iter().all(|l| width(l) <= 5), "{lines:?}");
        assert_eq!(lines.concat(), "一把手ab述责");
    }

    #[test]
    fn latin_words_stay_whole() {
        assert_eq!(wrap("duty item report", 10), ["duty item", "report"]);
    }

    #[test]
    fn truncate_and_fit_respect_width() {
        assert_eq!(truncate("县财政局", 5), "县财");
        assert_eq!(fit("县财政局局长", 7), "县财政~");
        assert_eq!(tail("县财政局", 5), "政局");
    }

    #[test]
    fn hanging_indent_keeps_every_line_inside() {
        let lines = wrap_hanging("1. ", "你作为单位一把手采取了哪些行动", 3, 12);
        assert!(lines[0].starts_with("1. "));
        assert!(lines[1..].iter().all(|l| l.starts_with("   ")));
        assert!(lines.iter().all(|l| width(l) <= 12), "{lines:?}");
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let lines = wrap("查摆风险点四个，制定措施", 14);
        assert_eq!(lines, ["查摆风险点四", "个，制定措施"]);
    }

    #[test]
    fn dates_numbers_and_opening_brackets_stay_whole() {
        for (text, max) in [
            ("整改时限为2027-03-31，逐项销号", 14),
            ("查摆出风险点（含高风险3个）并整改", 14),
            ("谈话提醒42人次、函询12件。整改完成", 10),
        ] {
            let lines = wrap(text, max);
            assert_eq!(lines.concat(), text.replace(' ', ""), "{lines:?}");
            for line in &lines {
                assert!(width(line) <= max, "{lines:?}");
                let first = line.chars().next().unwrap_or(' ');
                assert!(!"，。、；：？！）」』》".contains(first), "{lines:?}");
                let last = line.chars().last().unwrap_or(' ');
                assert!(!"（「『《".contains(last), "{lines:?}");
            }
            assert!(!lines.iter().any(|l| l.ends_with("2027-03-")), "{lines:?}");
            for number in ["2027-03-31", "42", "12", "3"] {
                let whole = !text.contains(number) || lines.iter().any(|l| l.contains(number));
                assert!(whole, "{number} whole: {lines:?}");
            }
        }
    }

    #[test]
    fn control_characters_never_reach_the_screen() {
        assert_eq!(wrap("a\u{1b}[2Jb", 20), ["a [2Jb"]);
    }
}
