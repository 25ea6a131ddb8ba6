use crate::util::char_width;
#[cfg(feature = "arbitrary")]
use arbitrary::Arbitrary;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// Specify how logical lines are soft-wrapped at render time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum WrapMode {
    /// Disable soft wrapping and keep horizontal scrolling behavior.
    None,
    /// Wrap only at word boundaries. Words wider than viewport are not split.
    Word,
    /// Wrap at grapheme boundaries.
    Glyph,
    /// Wrap at word boundaries, and fall back to grapheme wrapping for long words.
    WordOrGlyph,
    /// Wrap where Unicode's line-breaking algorithm (UAX #14) allows, dates kept whole
    /// (see [`line_breaks`]), falling back to grapheme wrapping for a piece wider than a
    /// row. (Patched in for shuze.)
    LineBreak,
}

/// Whether a line may not break between `before` and `after` although UAX #14 allows it:
/// inside a Chinese date or time (`2026年1月1日`, `8时30分`), between a digit and the
/// unit character after it and between 年 or 月 and the digit after it.
fn glued(before: char, after: char, before_before: Option<char>) -> bool {
    const UNITS: &str = "年月日号時时分秒";
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    (digit(before) && UNITS.contains(after))
        || ("年月".contains(before) && digit(after) && before_before.is_some_and(digit))
}

/// The byte offsets in `text` after which a line may break, in order, the end included:
/// UAX #14's break opportunities (never before `，。、；：？！）」』》` or after `（「『《`,
/// never inside a number or a Latin word), less those inside a date. (Patched in for
/// shuze: its panes break lines with it too.)
pub fn line_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    unicode_linebreak::linebreaks(text)
        .map(|(at, _)| at)
        .filter(move |&at| {
            if at == text.len() {
                return true;
            }
            let mut before = text[..at].chars().rev();
            let (Some(b), Some(a)) = (before.next(), text[at..].chars().next()) else {
                return true;
            };
            !glued(b, a, before.next())
        })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WrappedLine {
    pub row: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    pub start_col: usize,
    pub end_col: usize,
    pub first_in_row: bool,
    pub last_in_row: bool,
}

#[derive(Clone, Copy)]
struct Chunk {
    start: usize,
    end: usize,
}

pub(crate) fn effective_wrap_width(total_width: u16, line_number_len: Option<u8>) -> usize {
    let total_width = total_width as usize;
    let reserved = line_number_len.map(|len| len as usize + 2).unwrap_or(0);
    if total_width > reserved {
        total_width - reserved
    } else {
        1
    }
}

pub(crate) fn wrapped_rows(
    lines: &[String],
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<WrappedLine> {
    let mut rows = Vec::new();

    for (row, line) in lines.iter().enumerate() {
        let ranges = line_ranges(line, mode, width, tab_len, mask);
        let mut start_col = 0usize;
        for (i, (start_byte, end_byte)) in ranges.iter().copied().enumerate() {
            let end_col = start_col + line[start_byte..end_byte].chars().count();
            rows.push(WrappedLine {
                row,
                start_byte,
                end_byte,
                start_col,
                end_col,
                first_in_row: i == 0,
                last_in_row: i + 1 == ranges.len(),
            });
            start_col = end_col;
        }
    }

    rows
}

pub(crate) fn line_ranges(
    line: &str,
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<(usize, usize)> {
    if mode == WrapMode::None {
        return vec![(0, line.len())];
    }

    let width = width.max(1);
    let mut out = match mode {
        WrapMode::None => vec![(0, line.len())],
        WrapMode::Glyph => {
            let mut chunks = Vec::new();
            split_range_by_grapheme_width(line, 0, line.len(), width, tab_len, mask, &mut chunks);
            chunks
        }
        WrapMode::Word => wrap_word_chunks(line, width, tab_len, mask, false),
        WrapMode::WordOrGlyph => wrap_word_chunks(line, width, tab_len, mask, true),
        WrapMode::LineBreak => {
            let mut out = Vec::new();
            line_break_rows_from(line, 0, width, tab_len, mask, &mut |s, e| {
                out.push((s, e));
                true
            });
            out
        }
    };

    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

fn wrap_word_chunks(
    line: &str,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    fallback_to_glyph: bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    word_rows_from(
        line,
        0,
        width,
        tab_len,
        mask,
        fallback_to_glyph,
        &mut |s, e| {
            out.push((s, e));
            true
        },
    );
    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

/// The rows of `line` from byte `from` (the start of a row) on, as `line_ranges` cuts them,
/// given to `row` one at a time until it returns false. With the whole line (`from` 0) this
/// is `line_ranges`; the screen map starts later to re-wrap only what an edit changed.
pub(crate) fn rows_from(
    line: &str,
    from: usize,
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    row: &mut dyn FnMut(usize, usize) -> bool,
) {
    let width = width.max(1);
    let mut any = false;
    let mut counted = |s: usize, e: usize| {
        any = true;
        row(s, e)
    };
    match mode {
        WrapMode::None => {
            counted(from, line.len());
        }
        WrapMode::Glyph => {
            let mut chunks = Vec::new();
            split_range_by_grapheme_width(
                line,
                from,
                line.len(),
                width,
                tab_len,
                mask,
                &mut chunks,
            );
            for (s, e) in chunks {
                if !counted(s, e) {
                    break;
                }
            }
        }
        WrapMode::Word => word_rows_from(line, from, width, tab_len, mask, false, &mut counted),
        WrapMode::WordOrGlyph => {
            word_rows_from(line, from, width, tab_len, mask, true, &mut counted)
        }
        WrapMode::LineBreak => line_break_rows_from(line, from, width, tab_len, mask, &mut counted),
    }
    if !any {
        row(from, from);
    }
}

fn word_rows_from(
    line: &str,
    from: usize,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    fallback_to_glyph: bool,
    row: &mut dyn FnMut(usize, usize) -> bool,
) {
    let mut chunks = UnicodeSegmentation::split_word_bound_indices(&line[from..])
        .map(|(start, text)| Chunk {
            start: from + start,
            end: from + start + text.len(),
        })
        .peekable();

    let mut seg_start = from;
    let mut seg_end = seg_start;
    let mut seg_width = 0usize;

    while let Some(&chunk) = chunks.peek() {
        if seg_end == seg_start {
            seg_start = chunk.start;
        }

        let chunk_width = display_width_from(chunk_text(line, chunk), seg_width, tab_len, mask);
        if seg_width + chunk_width <= width {
            seg_end = chunk.end;
            seg_width += chunk_width;
            chunks.next();
            continue;
        }

        if seg_end > seg_start {
            if !row(seg_start, seg_end) {
                return;
            }
            seg_start = seg_end;
            seg_width = 0;
            continue;
        }

        if fallback_to_glyph {
            let mut pieces = Vec::new();
            split_range_by_grapheme_width(
                line,
                chunk.start,
                chunk.end,
                width,
                tab_len,
                mask,
                &mut pieces,
            );
            for (s, e) in pieces {
                if !row(s, e) {
                    return;
                }
            }
        } else if !row(chunk.start, chunk.end) {
            return;
        }

        chunks.next();
        seg_start = chunk.end;
        seg_end = chunk.end;
        seg_width = 0;
    }

    if seg_end > seg_start {
        row(seg_start, seg_end);
    }
}

/// Characters before a row's start read to find the breaks after it.
const CONTEXT: usize = 16;

/// As `word_rows_from`, the pieces being what `line_breaks` allows between: a row takes
/// whole pieces while they fit; a piece wider than a row is cut at graphemes.
fn line_break_rows_from(
    line: &str,
    from: usize,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    row: &mut dyn FnMut(usize, usize) -> bool,
) {
    let mut seg_start = from;
    let mut seg_end = from;
    let mut seg_width = 0usize;
    let mut piece_start = from;
    // The breaks as the whole line has them: a few characters before `from` are read too
    // (a break depends on what stands before it), not the line from its start.
    let context = line[..from]
        .char_indices()
        .rev()
        .nth(CONTEXT)
        .map_or(0, |(at, _)| at);
    let breaks = line_breaks(&line[context..])
        .map(|at| context + at)
        .filter(|&at| at > from);
    for end in breaks {
        let piece = Chunk {
            start: piece_start,
            end,
        };
        piece_start = end;
        let piece_width = display_width_from(chunk_text(line, piece), seg_width, tab_len, mask);
        if seg_width + piece_width <= width {
            seg_end = piece.end;
            seg_width += piece_width;
            continue;
        }
        if seg_end > seg_start && !row(seg_start, seg_end) {
            return;
        }
        seg_start = piece.start;
        seg_end = piece.start;
        seg_width = 0;
        let piece_width = display_width_from(chunk_text(line, piece), 0, tab_len, mask);
        if piece_width <= width {
            seg_end = piece.end;
            seg_width = piece_width;
            continue;
        }
        let mut pieces = Vec::new();
        split_range_by_grapheme_width(line, piece.start, piece.end, width, tab_len, mask, &mut pieces);
        // The last part of a long piece begins the next row: what follows may join it.
        let last = pieces.pop();
        for (s, e) in pieces {
            if !row(s, e) {
                return;
            }
        }
        if let Some((s, e)) = last {
            seg_start = s;
            seg_end = e;
            seg_width = display_width_from(&line[s..e], 0, tab_len, mask);
        }
    }
    if seg_end > seg_start {
        row(seg_start, seg_end);
    }
}

pub(crate) fn split_range_by_grapheme_width(
    line: &str,
    start: usize,
    end: usize,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    out: &mut Vec<(usize, usize)>,
) {
    let mut segment_start = start;
    while segment_start < end {
        let mut segment_end = segment_start;
        let mut segment_width = 0usize;

        for (offset, grapheme) in
            UnicodeSegmentation::grapheme_indices(&line[segment_start..end], true)
        {
            let grapheme_start = segment_start + offset;
            let grapheme_end = grapheme_start + grapheme.len();
            let next_width = display_width_to(grapheme, segment_width, tab_len, mask);
            let grapheme_width = next_width.saturating_sub(segment_width);

            if segment_end != segment_start && segment_width + grapheme_width > width {
                break;
            }

            segment_end = grapheme_end;
            segment_width = next_width;
            if segment_width > width {
                break;
            }
        }

        if segment_end == segment_start {
            if let Some(ch) = line[segment_start..end].chars().next() {
                segment_end = segment_start + ch.len_utf8();
            } else {
                break;
            }
        }

        out.push((segment_start, segment_end));
        segment_start = segment_end;
    }
}

#[inline]
fn chunk_text(line: &str, chunk: Chunk) -> &str {
    &line[chunk.start..chunk.end]
}

fn display_width_from(text: &str, start_width: usize, tab_len: u8, mask: Option<char>) -> usize {
    display_width_to(text, start_width, tab_len, mask).saturating_sub(start_width)
}

fn display_width_to(text: &str, mut width: usize, tab_len: u8, mask: Option<char>) -> usize {
    for c in text.chars() {
        // A masked line is drawn as one mask character per char,
        // so each char is as wide as the mask.
        if let Some(mask) = mask {
            width += char_width(mask);
        } else if c == '\t' {
            if tab_len > 0 {
                let tab = tab_len as usize;
                let pad = tab - (width % tab);
                width += pad;
            }
        } else {
            width += char_width(c);
        }
    }
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(line: &str, mode: WrapMode, width: usize) -> Vec<&str> {
        line_ranges(line, mode, width, 4, None)
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    fn masked_segments(line: &str, mode: WrapMode, width: usize, mask: char) -> Vec<&str> {
        line_ranges(line, mode, width, 4, Some(mask))
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    #[test]
    fn word_wrap_keeps_long_word() {
        let have = segments("helloworld", WrapMode::Word, 4);
        assert_eq!(have, vec!["helloworld"]);
    }

    #[test]
    fn word_or_glyph_wrap_splits_long_word() {
        let have = segments("helloworld", WrapMode::WordOrGlyph, 4);
        assert_eq!(have, vec!["hell", "owor", "ld"]);
    }

    #[test]
    fn glyph_wrap_handles_wide_chars() {
        let have = segments("ab犬猫", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["ab犬", "猫"]);
    }

    #[test]
    fn glyph_wrap_keeps_combining_grapheme_cluster() {
        let have = segments("e\u{301}x", WrapMode::Glyph, 1);
        assert_eq!(have, vec!["e\u{301}", "x"]);
    }

    #[test]
    fn tab_width_is_accounted_for_in_wrap() {
        let have = segments("\tX", WrapMode::WordOrGlyph, 2);
        assert_eq!(have, vec!["\t", "X"]);
    }

    #[test]
    fn glyph_wrap_preserves_full_mixed_width_row_capacity() {
        let have = segments("a中bcde", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["a中b", "cde"]);
    }

    #[test]
    fn mask_wraps_by_the_mask_width() {
        let have = masked_segments("a中\tcde", WrapMode::Glyph, 4, '*');
        assert_eq!(have, vec!["a中\tc", "de"]);
        let have = masked_segments("abcd", WrapMode::WordOrGlyph, 4, '＊');
        assert_eq!(have, vec!["ab", "cd"]);
    }

    #[test]
    fn line_break_wrap_keeps_punctuation_and_dates_in_place() {
        // Glyph wrapping would start a row with ，and split the date.
        assert_eq!(
            segments("于2026年1月1日召开，（一）要求", WrapMode::LineBreak, 12),
            vec!["于", "2026年1月1日", "召开，（一）", "要求"]
        );
        assert_eq!(
            segments("甲乙，丙丁（戊己", WrapMode::LineBreak, 6),
            vec!["甲乙，", "丙丁", "（戊己"]
        );
        assert_eq!(
            segments("甲乙丙，丁", WrapMode::LineBreak, 6),
            vec!["甲乙", "丙，丁"]
        );
        assert_eq!(
            segments("helloworld", WrapMode::LineBreak, 4),
            vec!["hell", "owor", "ld"]
        );
    }

    #[test]
    fn halfwidth_sound_marks_take_a_cell() {
        let have = segments("ｶﾞﾊﾟ", WrapMode::Glyph, 2);
        assert_eq!(have, vec!["ｶﾞ", "ﾊﾟ"]);
    }
}
