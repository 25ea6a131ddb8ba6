use crate::cursor::{DataCursor, ScreenCursor};
use crate::history::Changed;
use crate::textarea::TextArea;
use crate::util::{char_width, num_digits};
use crate::wrap::{
    WrapMode, WrappedLine, effective_wrap_width, rows_from, split_range_by_grapheme_width,
    wrapped_rows,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ScreenLine {
    pub wrapped: WrappedLine,
    pub screen_width: usize,
    pub cursor_max_col: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DataLine {
    pub first_screen_line: usize,
    pub screen_line_count: usize,
    pub pure_ascii: bool,
}

fn is_pure_ascii(line: &str) -> bool {
    line.is_ascii() && !line.contains('\t')
}

fn char_display_width(c: char, col: usize, tab_len: u8, mask: Option<char>) -> usize {
    // A masked line is drawn as one mask character per char, so each char is as wide as the mask.
    if let Some(mask) = mask {
        char_width(mask)
    } else if c == '\t' {
        let tab = tab_len.max(1) as usize;
        let pad = tab - (col % tab);
        pad.max(1)
    } else {
        char_width(c)
    }
}

fn display_width(text: &str, tab_len: u8, mask: Option<char>) -> usize {
    let mut col = 0usize;
    for c in text.chars() {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn screen_col_for_char_offset(
    text: &str,
    char_offset: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    for c in text.chars().take(char_offset) {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn char_offset_for_screen_col(
    text: &str,
    screen_col: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    let mut chars = 0usize;
    for c in text.chars() {
        if col >= screen_col {
            break;
        }
        let width = char_display_width(c, col, tab_len, mask);
        if col + width > screen_col {
            break;
        }
        col += width;
        chars += 1;
    }
    chars
}

impl TextArea<'_> {
    fn fallback_rows(&self) -> Vec<WrappedLine> {
        self.lines
            .iter()
            .enumerate()
            .map(|(row, line)| WrappedLine {
                row,
                start_byte: 0,
                end_byte: line.len(),
                start_col: 0,
                end_col: line.chars().count(),
                first_in_row: true,
                last_in_row: true,
            })
            .collect()
    }

    fn wrap_width(&self) -> Option<usize> {
        if self.wrap_mode() != WrapMode::None {
            let width = self.area.get().width;
            if width > 0 {
                let line_number_len = self
                    .line_number_style()
                    .map(|_| num_digits(self.lines.len()));
                Some(effective_wrap_width(width, line_number_len))
            } else {
                None
            }
        } else {
            None
        }
    }

    /// The screen row for one wrapped piece of a line.
    fn screen_line_of(&self, wrapped: WrappedLine) -> ScreenLine {
        let fragment = &self.lines[wrapped.row][wrapped.start_byte..wrapped.end_byte];
        let char_count = wrapped.end_col.saturating_sub(wrapped.start_col);
        let cursor_max_col = if wrapped.last_in_row {
            display_width(fragment, self.tab_length(), self.mask_char())
        } else {
            screen_col_for_char_offset(
                fragment,
                char_count.saturating_sub(1),
                self.tab_length(),
                self.mask_char(),
            )
        };
        ScreenLine {
            wrapped,
            screen_width: display_width(fragment, self.tab_length(), self.mask_char()),
            cursor_max_col,
        }
    }

    /// After an edit: re-wraps the rows from just before what `changed` up to where the
    /// rows fall where they fell before (moved by what was inserted or deleted), and keeps
    /// the other rows, so a key costs the rows around it, not the whole text (the whole map
    /// was built again on every key: 5.4 ms in a 100 KB paragraph). Anything it cannot
    /// follow builds the whole map again.
    pub(crate) fn screen_map_update(&self, changed: Changed) {
        let Some(width) = self.wrap_width() else {
            return self.screen_map_load();
        };
        // Wrapping depends on the line count only through line numbers' width.
        if self.line_number_style().is_some() {
            return self.screen_map_load();
        }
        let mut screen_lines = self.screen_lines.borrow_mut();
        let old_pointers = self.data_pointers.borrow().clone();
        let Changed {
            start,
            old_end,
            new_end,
        } = changed;
        let consistent = start <= old_end
            && start <= new_end
            && old_end.0 < old_pointers.len()
            && new_end.0 < self.lines.len()
            && old_pointers.len() + new_end.0 == self.lines.len() + old_end.0
            && self.lines[start.0].is_char_boundary(start.1)
            && self.lines[new_end.0].is_char_boundary(new_end.1)
            && old_pointers.iter().all(|p| p.screen_line_count > 0)
            && screen_lines.len()
                == old_pointers
                    .last()
                    .map_or(0, |p| p.first_screen_line + p.screen_line_count);
        if !consistent {
            drop(screen_lines);
            return self.screen_map_load();
        }

        // The first row to wrap again: two rows before the one the edit starts in (a
        // shorter word may now fit on the row before), never before the line's start.
        let first = old_pointers[start.0].first_screen_line;
        let rows = first..first + old_pointers[start.0].screen_line_count;
        let edited = rows
            .clone()
            .rev()
            .find(|&r| screen_lines[r].wrapped.start_byte <= start.1)
            .unwrap_or(first);
        let from_row = edited.saturating_sub(2).max(first);
        let from = screen_lines[from_row].wrapped;

        // The old rows of the line the edit ends in, after the edit: where wrapping may
        // meet them again.
        let old_last = old_pointers[old_end.0].clone();
        let old_tail =
            old_last.first_screen_line..old_last.first_screen_line + old_last.screen_line_count;
        let old_tail = &screen_lines[old_tail];

        // Rows after the edit wrapped again at most: more than the screen shows below it.
        // In text whose rows never fall back where they were (Chinese without spaces, all
        // its rows full), the rest of the paragraph is joined to its old rows by a short row
        // out of sight, and wrapped again at the next cursor move.
        let most_after = usize::from(self.area.get().height).max(8) + 2;
        let mut after = 0usize;
        let mut fresh = Vec::new();
        let mut met: Option<(usize, usize)> = None; // (index in old_tail, new start col)
        let mut stopped: Option<(usize, usize)> = None; // (byte, col) where wrapping stopped
        for row in start.0..=new_end.0 {
            let line = &self.lines[row];
            let (from_byte, mut col) = if row == start.0 {
                (from.start_byte, from.start_col)
            } else {
                (0, 0)
            };
            rows_from(
                line,
                from_byte,
                self.wrap_mode(),
                width,
                self.tab_length(),
                self.mask_char(),
                &mut |s, e| {
                    if row == new_end.0 && s > new_end.1 {
                        let old_start = s - new_end.1 + old_end.1;
                        if let Ok(i) =
                            old_tail.binary_search_by_key(&old_start, |l| l.wrapped.start_byte)
                        {
                            met = Some((i, col));
                            return false;
                        }
                        after += 1;
                        if after > most_after {
                            stopped = Some((s, col));
                            return false;
                        }
                    }
                    let end_col = col + line[s..e].chars().count();
                    fresh.push(WrappedLine {
                        row,
                        start_byte: s,
                        end_byte: e,
                        start_col: col,
                        end_col,
                        first_in_row: s == 0,
                        last_in_row: e == line.len(),
                    });
                    col = end_col;
                    true
                },
            );
        }

        if let Some((s, col)) = stopped {
            // The first old row starting after `s`, and rows up to it.
            let line = &self.lines[new_end.0];
            let old_after = s - new_end.1 + old_end.1;
            let i = old_tail.partition_point(|l| l.wrapped.start_byte <= old_after);
            let joint = old_tail
                .get(i)
                .map_or(line.len(), |l| l.wrapped.start_byte + new_end.1 - old_end.1);
            let mut pieces = Vec::new();
            split_range_by_grapheme_width(
                line,
                s,
                joint,
                width,
                self.tab_length(),
                self.mask_char(),
                &mut pieces,
            );
            let mut col = col;
            for (s, e) in pieces {
                let end_col = col + line[s..e].chars().count();
                fresh.push(WrappedLine {
                    row: new_end.0,
                    start_byte: s,
                    end_byte: e,
                    start_col: col,
                    end_col,
                    first_in_row: s == 0,
                    last_in_row: e == line.len(),
                });
                col = end_col;
            }
            if i < old_tail.len() {
                met = Some((i, col));
            }
            self.rewrap_pending.set(true);
        }

        let mut kept_tail = Vec::new();
        if let Some((i, new_col)) = met {
            let old = old_tail[i].wrapped;
            for l in &old_tail[i..] {
                let mut w = l.wrapped;
                w.row = new_end.0;
                w.start_byte = w.start_byte + new_end.1 - old_end.1;
                w.end_byte = w.end_byte + new_end.1 - old_end.1;
                w.start_col = w.start_col - old.start_col + new_col;
                w.end_col = w.end_col - old.start_col + new_col;
                kept_tail.push(ScreenLine { wrapped: w, ..*l });
            }
        }

        let after_old = old_last.first_screen_line + old_last.screen_line_count;
        let mut rest: Vec<ScreenLine> = screen_lines[after_old..].to_vec();
        for l in &mut rest {
            l.wrapped.row = l.wrapped.row + new_end.0 - old_end.0;
        }
        let fresh: Vec<ScreenLine> = fresh.into_iter().map(|w| self.screen_line_of(w)).collect();
        screen_lines.truncate(from_row);
        screen_lines.extend(fresh);
        screen_lines.extend(kept_tail);
        screen_lines.extend(rest);

        let mut data_pointers = vec![DataLine::default(); self.lines.len()];
        for (i, l) in screen_lines.iter().enumerate() {
            let p = &mut data_pointers[l.wrapped.row];
            if p.screen_line_count == 0 {
                p.first_screen_line = i;
            }
            p.screen_line_count += 1;
        }
        for (row, p) in data_pointers.iter_mut().enumerate() {
            p.pure_ascii = if row < start.0 {
                old_pointers[row].pure_ascii
            } else if row <= new_end.0 {
                is_pure_ascii(&self.lines[row])
            } else {
                old_pointers[row + old_end.0 - new_end.0].pure_ascii
            };
        }
        drop(screen_lines);
        *self.data_pointers.borrow_mut() = data_pointers;
    }

    /// For tests of the incremental update: the screen map covers every line with rows
    /// that follow each other, and from the top to `rows_below` rows below the caret's it
    /// is the one built from scratch (or the whole of it, when no rows were left to wrap
    /// again at the next cursor move). The map is left as it was.
    #[doc(hidden)]
    pub fn screen_map_check(&self, rows_below: usize) -> Result<(), String> {
        let (lines, pointers, pending) = (
            self.screen_lines.borrow().clone(),
            self.data_pointers.borrow().clone(),
            self.rewrap_pending.get(),
        );
        let caret_row = self.screen_cursor().row;
        self.screen_map_load();
        let (full, full_pointers) = (
            self.screen_lines.borrow().clone(),
            self.data_pointers.borrow().clone(),
        );
        *self.screen_lines.borrow_mut() = lines.clone();
        *self.data_pointers.borrow_mut() = pointers.clone();
        self.rewrap_pending.set(pending);

        let mut next = (0usize, 0usize, 0usize); // line, byte, col
        for (i, l) in lines.iter().enumerate() {
            let w = l.wrapped;
            if (w.row, w.start_byte, w.start_col) != next {
                return Err(format!(
                    "row {i} does not follow the one before: {w:?}, {next:?}"
                ));
            }
            let line = &self.lines[w.row];
            let p = &pointers[w.row];
            if w.end_col - w.start_col != line[w.start_byte..w.end_byte].chars().count()
                || w.first_in_row != (w.start_byte == 0)
                || w.last_in_row != (w.end_byte == line.len())
                || !(p.first_screen_line..p.first_screen_line + p.screen_line_count).contains(&i)
            {
                return Err(format!("row {i} is wrong: {w:?}"));
            }
            next = if w.last_in_row {
                (w.row + 1, 0, 0)
            } else {
                (w.row, w.end_byte, w.end_col)
            };
        }
        if next != (self.lines.len(), 0, 0) || pointers.len() != self.lines.len() {
            return Err(format!("the rows end at {next:?}"));
        }
        if !pending && (lines != full || pointers != full_pointers) {
            return Err("the rows are not those of a full wrap".to_string());
        }
        let upto = (caret_row + rows_below + 1).min(full.len());
        if lines.get(..upto) != full.get(..upto) {
            return Err(format!("rows up to {upto} are not those of a full wrap"));
        }
        Ok(())
    }

    pub(crate) fn screen_map_load(&self) {
        self.rewrap_pending.set(false);
        let wrap_width = self.wrap_width();

        let rows = match wrap_width {
            Some(width) => wrapped_rows(
                &self.lines,
                self.wrap_mode(),
                width,
                self.tab_length(),
                self.mask_char(),
            ),
            None => self.fallback_rows(),
        };

        let mut screen_lines = Vec::with_capacity(rows.len());
        let mut data_pointers = vec![DataLine::default(); self.lines.len()];
        let mut current_row = 0usize;

        for (screen_idx, wrapped) in rows.into_iter().enumerate() {
            while current_row < wrapped.row {
                current_row += 1;
            }

            if data_pointers[wrapped.row].screen_line_count == 0 {
                data_pointers[wrapped.row].first_screen_line = screen_idx;
                data_pointers[wrapped.row].pure_ascii = is_pure_ascii(&self.lines[wrapped.row]);
            }
            data_pointers[wrapped.row].screen_line_count += 1;

            let fragment = &self.lines[wrapped.row][wrapped.start_byte..wrapped.end_byte];
            let char_count = wrapped.end_col.saturating_sub(wrapped.start_col);
            let cursor_max_col = if wrapped.last_in_row {
                display_width(fragment, self.tab_length(), self.mask_char())
            } else {
                screen_col_for_char_offset(
                    fragment,
                    char_count.saturating_sub(1),
                    self.tab_length(),
                    self.mask_char(),
                )
            };
            screen_lines.push(ScreenLine {
                wrapped,
                screen_width: display_width(fragment, self.tab_length(), self.mask_char()),
                cursor_max_col,
            });
        }

        *self.screen_lines.borrow_mut() = screen_lines;
        *self.data_pointers.borrow_mut() = data_pointers;
    }

    pub(crate) fn screen_lines_count(&self) -> usize {
        self.screen_lines.borrow().len()
    }

    pub(crate) fn screen_line_width(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].screen_width
    }

    pub(crate) fn screen_line_max_cursor_col(&self, row: usize) -> usize {
        self.screen_lines.borrow()[row].cursor_max_col
    }

    pub(crate) fn screen_line(&self, row: usize) -> ScreenLine {
        self.screen_lines.borrow()[row]
    }

    pub(crate) fn screen_to_array(&self, screen: ScreenCursor) -> DataCursor {
        if let Some(dc) = screen.dc {
            return dc;
        }

        let line = self.screen_line(screen.row);
        let fragment =
            &self.lines[line.wrapped.row][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset =
            char_offset_for_screen_col(fragment, screen.col, self.tab_length(), self.mask_char());
        DataCursor(line.wrapped.row, line.wrapped.start_col + char_offset)
    }

    pub(crate) fn array_to_screen(&self, array: DataCursor) -> ScreenCursor {
        let data_line = &self.data_pointers.borrow()[array.0];
        let screen_lines = self.screen_lines.borrow();

        // The row holding the column: the last one starting at or before it (a column at
        // the end of a row that is not its line's last is the next row's start). Searched,
        // not walked, and the char found in that row, not counted from the line's start: a
        // paragraph of 1.5 MB has 10,000 rows, and this runs several times a frame.
        let first = data_line.first_screen_line;
        let rows = &screen_lines[first..first + data_line.screen_line_count];
        let screen_idx = first
            + rows
                .partition_point(|l| l.wrapped.start_col <= array.1)
                .saturating_sub(1);

        let line = screen_lines[screen_idx];
        let fragment = &self.lines[array.0][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset = array.1.saturating_sub(line.wrapped.start_col);
        let col =
            screen_col_for_char_offset(fragment, char_offset, self.tab_length(), self.mask_char());

        ScreenCursor {
            row: screen_idx,
            col,
            char: fragment.chars().nth(char_offset),
            dc: Some(array),
        }
    }

    pub(crate) fn data_cursor(&self, screen: ScreenCursor) -> DataCursor {
        screen.to_array_cursor(self)
    }

    pub(crate) fn increment_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 + 1))
    }

    pub(crate) fn decrement_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_core::layout::Rect;

    fn make_textarea(lines: &[&str], wrap_mode: WrapMode, width: u16) -> TextArea<'static> {
        let mut textarea = TextArea::from(lines.iter().copied());
        textarea.set_wrap_mode(wrap_mode);
        textarea.area.set(Rect {
            x: 0,
            y: 0,
            width,
            height: 40,
        });
        textarea.screen_map_load();
        textarea
    }

    fn assert_round_trips(textarea: &TextArea<'_>) {
        for (row, line) in textarea.lines.iter().enumerate() {
            for col in 0..=line.chars().count() {
                let dc = DataCursor(row, col);
                let sc = textarea.array_to_screen(dc);
                assert_eq!(textarea.screen_to_array(sc), dc);

                let detached = ScreenCursor { dc: None, ..sc };
                assert_eq!(textarea.screen_to_array(detached), dc);
                assert_eq!(
                    textarea.array_to_screen(textarea.screen_to_array(detached)),
                    sc
                );
            }
        }
    }

    #[test]
    fn screen_map_round_trips_ascii_word_wrap() {
        let textarea = make_textarea(
            &[
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ],
            WrapMode::Word,
            24,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_cjk_glyph_wrap() {
        let textarea = make_textarea(
            &["混合中文字符和ASCIIabc来验证屏幕坐标与数据坐标的往返转换。"],
            WrapMode::Glyph,
            12,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_multilingual_word_or_glyph_wrap() {
        let textarea = make_textarea(
            &[
                "ASCII and русский текст can share one buffer.",
                "第二行 mixed-width 内容 with English words.",
            ],
            WrapMode::WordOrGlyph,
            18,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }
}
