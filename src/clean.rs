//! Text from data made safe where it goes: visible escapes on a terminal, terminal control
//! sequences and control characters removed from documents and from pasted text.
//!
//! A meeting's words come from prep files, pastes and databases written by other tools; an
//! `ESC ] 52` (write the clipboard) or `ESC [ 2J` (clear the screen) in a title must neither
//! act on the recorder's terminal nor break a Word file (XML 1.0 forbids most of C0).

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::Chars;

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// The 8-bit forms of CSI, OSC, ST and the string introducers DCS, SOS, PM, APC.
const CSI_8BIT: char = '\u{9b}';
const OSC_8BIT: char = '\u{9d}';
const ST_8BIT: char = '\u{9c}';
const STRING_8BIT: [char; 4] = ['\u{90}', '\u{98}', '\u{9e}', '\u{9f}'];

/// For a line printed to a terminal: every control character (C0, DEL, C1) except `\n` and
/// `\t` shown as a visible escape, `\u{1b}`, so nothing in the data acts on the terminal.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden_on_terminal(c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

fn hidden_on_terminal(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t')
}

/// What may go into a document, and into the editor from a paste: terminal control sequences
/// removed whole (CSI, OSC, DCS/SOS/PM/APC strings, other `ESC` sequences, 7- and 8-bit),
/// `\r\n` and a lone `\r` made `\n`, every other control character but `\n` and `\t` dropped,
/// and the two characters XML 1.0 forbids beyond them (U+FFFE, U+FFFF) too.
///
/// A string sequence (`ESC ]`, `ESC P` …) that is never terminated ends at its line's end,
/// so a stray introducer costs at most the rest of one line, never the rest of an answer.
pub fn for_document(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\r' || unfit_for_document(c)) {
        return Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                clean.push('\n');
            }
            ESC => skip_escape(&mut chars),
            CSI_8BIT => skip_control_sequence(&mut chars),
            OSC_8BIT => skip_string(&mut chars, true),
            c if STRING_8BIT.contains(&c) => skip_string(&mut chars, false),
            c if unfit_for_document(c) => {}
            c => clean.push(c),
        }
    }
    Cow::Owned(clean)
}

fn unfit_for_document(c: char) -> bool {
    hidden_on_terminal(c) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// Skips what follows an `ESC`: a control sequence, a string, or an escape sequence
/// (intermediates 0x20–0x2F, then a final 0x30–0x7E: `ESC c`, `ESC ( B`).
fn skip_escape(chars: &mut Peekable<Chars<'_>>) {
    match chars.next_if(|c| (' '..='~').contains(c)) {
        Some('[') => skip_control_sequence(chars),
        Some(']') => skip_string(chars, true),
        Some('P' | 'X' | '^' | '_') => skip_string(chars, false),
        Some(' '..='/') => {
            while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
            chars.next_if(|c| ('0'..='~').contains(c));
        }
        _ => {}
    }
}

/// Skips a CSI's parameters and intermediates (0x20–0x3F) and its final byte (0x40–0x7E);
/// anything else ends it, and is kept.
fn skip_control_sequence(chars: &mut Peekable<Chars<'_>>) {
    while chars.next_if(|c| (' '..='?').contains(c)).is_some() {}
    chars.next_if(|c| ('@'..='~').contains(c));
}

/// Skips a string up to its terminator: ST (`ESC \` or 0x9C), or BEL after an OSC. An
/// `ESC` not followed by `\` ends the string and starts a sequence of its own; a line break
/// ends an unterminated string and is kept.
fn skip_string(chars: &mut Peekable<Chars<'_>>, bel_ends: bool) {
    while let Some(c) = chars.next_if(|&c| c != '\n' && c != '\r') {
        match c {
            ST_8BIT => return,
            BEL if bel_ends => return,
            ESC => {
                if chars.next_if_eq(&'\\').is_none() {
                    skip_escape(chars);
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_sees_controls_as_escapes() {
        assert_eq!(
            for_terminal("标题\u{1b}]52;c;Zm9v\u{7}\u{0}\u{7f}\u{9b}"),
            "标题\\u{1b}]52;c;Zm9v\\u{7}\\u{0}\\u{7f}\\u{9b}"
        );
        assert_eq!(for_terminal("甲\r乙"), "甲\\u{d}乙");
    }

    #[test]
    fn the_terminal_keeps_line_breaks_tabs_and_borrows_clean_text() {
        assert_eq!(for_terminal("一\n二\t三"), "一\n二\t三");
        assert!(matches!(for_terminal("干净的文字"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_document_loses_whole_sequences() {
        assert_eq!(
            for_document("前文\u{1b}[2J\u{1b}]0;evil\u{7}后文\r\n下一行"),
            "前文后文\n下一行"
        );
        assert_eq!(for_document("甲\u{1b}[1;31m红\u{1b}[0m乙"), "甲红乙");
        assert_eq!(for_document("复制\u{1b}]52;c;Zm9v\u{1b}\\完"), "复制完");
        assert_eq!(
            for_document("甲\u{1b}P1$r\u{1b}\\乙\u{1b}_apc\u{1b}\\丙"),
            "甲乙丙"
        );
        assert_eq!(for_document("甲\u{1b}c乙\u{1b}(B丙\u{1b}7丁"), "甲乙丙丁");
    }

    #[test]
    fn a_document_loses_c1_controls_and_their_sequences() {
        assert_eq!(for_document("甲\u{9b}2J乙\u{9d}0;t\u{9c}丙"), "甲乙丙");
        assert_eq!(for_document("甲\u{85}乙\u{90}q\u{9c}丙\u{80}"), "甲乙丙");
    }

    #[test]
    fn an_unterminated_string_ends_with_its_line() {
        assert_eq!(for_document("答复\u{1b}]52;c;Zm9v"), "答复");
        assert_eq!(for_document("甲\u{1b}]0;标题\n乙"), "甲\n乙");
        assert_eq!(for_document("甲\u{1b}"), "甲");
        assert_eq!(for_document("甲\u{1b}[12"), "甲");
    }

    #[test]
    fn an_escape_before_chinese_text_keeps_the_text() {
        assert_eq!(for_document("甲\u{1b}乙"), "甲乙");
        assert_eq!(for_document("甲\u{1b}[乙"), "甲乙");
        assert_eq!(for_document("甲\u{1b}]0;x\u{1b}[2J乙"), "甲乙");
    }

    #[test]
    fn a_document_drops_other_controls_and_xml_invalid_characters() {
        assert_eq!(
            for_document("甲\u{0}\u{7}\u{8}\u{c}\u{7f}乙\u{fffe}\u{ffff}丙\r丁"),
            "甲乙丙\n丁"
        );
        assert_eq!(for_document("一\n\t二"), "一\n\t二");
        assert!(matches!(for_document("干净的文字\n"), Cow::Borrowed(_)));
    }
}
