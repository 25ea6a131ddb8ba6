//! The multi-line editor for answers, remarks and the private note.
//!
//! Wraps `ratatui_textarea::TextArea` (width-aware with full-width text) and adds what it
//! lacks: pasted text, and knowing what has to be saved when.
//!
//! Two kinds of save: the draft, a fraction of a second after a change (crash safety and
//! the audience view), and the revision kept for good, when the recorder pauses, after a
//! minute of typing on, and on leaving the editor.

use super::key::KeyEvent;
use crate::clean;
use crate::labels::Label;
use crate::view::TextTarget;
use chrono::{DateTime, Duration, Utc};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// How long typed text may stay unsaved: none. Each keystroke's draft is committed as soon
/// as the screen shows it (one commit took 0.45 ms, slowest 1.41, on the development disk:
/// BENCHMARKS.md), so the audience view can show it at once; keys that arrive together are
/// still saved in one commit, after the last of them.
pub const DRAFT_AFTER: Duration = Duration::zero();
/// A draft whose commit took at least this long (a USB stick, a network folder: one fsync
/// there takes 20 to 300 ms; 0.45 ms on the development disk) and during which the recorder
/// typed on holds the next draft back for as long as it took, so keys are not kept waiting
/// behind one commit after another: half the time at most goes to saving while they come.
/// The text is on screen meanwhile, and saved when leaving, quitting or on a signal as ever.
pub const SLOW_DRAFT: std::time::Duration = std::time::Duration::from_millis(80);
/// The longest a draft is held back after a slow one.
pub const SLOW_DRAFT_WAIT_MAX: Duration = Duration::seconds(1);
/// A pause this long keeps what was typed as a revision.
pub const KEEP_AFTER_PAUSE: Duration = Duration::seconds(3);
/// Typing on without a pause still keeps a revision this often.
pub const KEEP_AT_LEAST_EVERY: Duration = Duration::seconds(60);
/// After a failed save, the next try: soon for a busy database (another program's lock is
/// usually short), less often for a full disk.
pub const RETRY_BUSY: Duration = Duration::seconds(1);
pub const RETRY_FAILED: Duration = Duration::seconds(3);

pub struct Editor {
    pub target: TextTarget,
    pub title: Label,
    /// What is being answered or remarked on, shown above the text.
    pub context: String,
    pub area: TextArea<'static>,
    /// When the first unsaved change was made; `None` when everything is saved.
    pub dirty_since: Option<DateTime<Utc>>,
    /// When the first change not yet kept as a revision was made (it may be in a draft).
    pub unkept_since: Option<DateTime<Utc>>,
    /// When the text last changed.
    pub last_change: Option<DateTime<Utc>>,
    /// After a failed save: no new try before this.
    pub retry_at: Option<DateTime<Utc>>,
    /// After a slow draft: when the next may be saved if keys came during it (`SLOW_DRAFT`).
    pub slow_draft_until: Option<DateTime<Utc>>,
    /// After a slow draft during which keys came: no new draft before this.
    pub draft_not_before: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for Editor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Editor")
            .field("target", &self.target)
            .field("body", &self.body())
            .field("dirty_since", &self.dirty_since)
            .finish()
    }
}

impl Editor {
    /// Opens an editor on `body` with the caret at its end.
    pub fn new(target: TextTarget, title: Label, context: String, body: &str) -> Editor {
        let mut area = text_area(body);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Editor {
            target,
            title,
            context,
            area,
            dirty_since: None,
            unkept_since: None,
            last_change: None,
            retry_at: None,
            slow_draft_until: None,
            draft_not_before: None,
        }
    }

    /// The whole text, lines joined with `\n`.
    pub fn body(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The caret as (line, character), for resuming at the same place.
    pub fn caret(&self) -> (usize, usize) {
        let cursor = self.area.cursor();
        (cursor.0, cursor.1)
    }

    /// Puts the caret at (line, character), clamped to the text, however long its lines.
    ///
    /// The editor's own jump takes 16-bit positions (a paragraph of 80,000 characters came
    /// back with the caret at 65,535, and the next words went in 14,000 characters before
    /// its end), and stepping there one character at a time costs the paragraph's length
    /// each step. So the text is built again from what follows the caret, and what precedes
    /// it inserted in front: the insertion leaves the caret right after it.
    pub fn set_caret(&mut self, (row, col): (usize, usize)) {
        let lines = self.area.lines();
        let row = row.min(lines.len().saturating_sub(1));
        let line = lines.get(row).map_or("", String::as_str);
        let split = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        let mut before = lines[..row].join("\n");
        if row > 0 {
            before.push('\n');
        }
        before.push_str(&line[..split]);
        let mut after = line[split..].to_string();
        for rest in lines.iter().skip(row + 1) {
            after.push('\n');
            after.push_str(rest);
        }
        let mut area = text_area(&after);
        area.insert_str(&before);
        // Undo must not take back the text as it was opened.
        area.set_max_histories(area.max_histories());
        self.area = area;
    }

    pub fn input(&mut self, key: KeyEvent, now: DateTime<Utc>) {
        if self.area.input(ratatui_textarea::Input::from(key)) {
            self.touch(now);
        }
    }

    /// Inserts pasted text without terminal control sequences or control characters other
    /// than line breaks and tabs (`clean::for_document`).
    pub fn paste(&mut self, text: &str, now: DateTime<Utc>) {
        if self.area.insert_str(clean::for_document(text)) {
            self.touch(now);
        }
    }

    fn touch(&mut self, now: DateTime<Utc>) {
        self.dirty_since.get_or_insert(now);
        self.unkept_since.get_or_insert(now);
        self.last_change = Some(now);
    }

    /// The text is not in the database (taken back after its editor was left unsaved): it
    /// is saved as soon as a draft can be.
    pub fn mark_unsaved(&mut self, now: DateTime<Utc>) {
        self.dirty_since.get_or_insert(now);
        self.unkept_since.get_or_insert(now);
    }

    /// A save failed: everything is unsaved again, and tried again after a while.
    pub fn retry_later(&mut self, now: DateTime<Utc>, busy: bool) {
        self.dirty_since.get_or_insert(now);
        self.unkept_since.get_or_insert(now);
        self.retry_at = Some(now + if busy { RETRY_BUSY } else { RETRY_FAILED });
    }

    fn waiting(&self, now: DateTime<Utc>) -> bool {
        self.retry_at.is_some_and(|at| now < at)
    }

    /// True when the text should be kept as a revision now: after a pause, or after a
    /// minute of typing on.
    pub fn keep_due(&self, now: DateTime<Utc>) -> bool {
        let Some(since) = self.unkept_since.filter(|_| !self.waiting(now)) else {
            return false;
        };
        let paused = self
            .last_change
            .is_none_or(|at| now - at >= KEEP_AFTER_PAUSE);
        paused || now - since >= KEEP_AT_LEAST_EVERY
    }

    /// A draft's commit ended at `now` after `took`: when it was slow, the next one will
    /// wait as long if keys came meanwhile (`keys_waited`).
    pub fn draft_took(&mut self, took: std::time::Duration, now: DateTime<Utc>) {
        self.draft_not_before = None;
        self.slow_draft_until = (took >= SLOW_DRAFT).then(|| {
            let wait = Duration::from_std(took).unwrap_or(SLOW_DRAFT_WAIT_MAX);
            now + wait.min(SLOW_DRAFT_WAIT_MAX)
        });
    }

    /// Keys were waiting when a save ended: after a slow draft, the next is held back.
    pub fn keys_waited(&mut self) {
        if let Some(until) = self.slow_draft_until.take() {
            self.draft_not_before = Some(until);
        }
    }

    /// When the unsaved text falls due as a draft.
    fn draft_at(&self) -> Option<DateTime<Utc>> {
        let since = self.dirty_since?;
        let at = since + DRAFT_AFTER;
        Some(
            self.draft_not_before
                .map_or(at, |not_before| at.max(not_before)),
        )
    }

    /// True when unsaved text has waited long enough to be saved as a draft.
    pub fn draft_due(&self, now: DateTime<Utc>) -> bool {
        !self.waiting(now) && self.draft_at().is_some_and(|at| now >= at)
    }

    /// When the editor must next save something.
    pub fn next_save(&self) -> Option<DateTime<Utc>> {
        let draft = self.draft_at();
        let keep = self.unkept_since.map(|since| {
            let pause = self.last_change.unwrap_or(since) + KEEP_AFTER_PAUSE;
            pause.min(since + KEEP_AT_LEAST_EVERY)
        });
        let next = match (draft, keep) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        next.map(|at| self.retry_at.map_or(at, |retry| at.max(retry)))
    }

    /// Marks everything as saved and kept.
    pub fn kept(&mut self) {
        self.dirty_since = None;
        self.unkept_since = None;
    }
}

/// The editor's text area on `body`, the caret at its start: wrapped as the panes wrap
/// (UAX #14: never before ，。 or after （, dates and numbers kept whole); the caret's line
/// not underlined.
fn text_area(body: &str) -> TextArea<'static> {
    let mut area = TextArea::new(body.split('\n').map(str::to_string).collect());
    area.set_wrap_mode(WrapMode::LineBreak);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn editor() -> Editor {
        let target = TextTarget::Remarks { slot: 1 };
        Editor::new(target, Label::Remarks, String::new(), "")
    }

    fn at(ms: i64) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(1_800_000_000_000 + ms).unwrap()
    }

    fn type_char(editor: &mut Editor, c: char, now: DateTime<Utc>) {
        let key = KeyEvent::new(super::super::key::KeyCode::Char(c), Default::default());
        editor.input(key, now);
    }

    #[test]
    fn keys_typed_during_a_slow_draft_wait_as_long_for_the_next_and_stay_in_the_editor() {
        let mut editor = editor();
        type_char(&mut editor, '述', at(0));
        assert!(editor.draft_due(at(0)), "the first key is saved at once");
        editor.dirty_since = None;
        editor.draft_took(std::time::Duration::from_millis(300), at(300));
        editor.keys_waited();
        type_char(&mut editor, '责', at(350));
        assert!(
            !editor.draft_due(at(350)),
            "held back after a 300 ms commit"
        );
        assert!(!editor.draft_due(at(599)));
        assert_eq!(editor.next_save(), Some(at(600)));
        assert!(editor.draft_due(at(600)));
        assert_eq!(editor.body(), "述责", "the text is in the editor meanwhile");
    }

    #[test]
    fn after_a_fast_draft_the_next_is_saved_at_once() {
        let mut editor = editor();
        type_char(&mut editor, '述', at(0));
        editor.dirty_since = None;
        editor.draft_took(std::time::Duration::from_millis(1), at(1));
        type_char(&mut editor, '责', at(2));
        assert!(editor.draft_due(at(2)));
    }

    #[test]
    fn a_key_typed_after_a_slow_draft_ended_is_saved_at_once() {
        let mut editor = editor();
        type_char(&mut editor, '述', at(0));
        editor.dirty_since = None;
        editor.draft_took(std::time::Duration::from_millis(300), at(300));
        type_char(&mut editor, '责', at(320));
        assert!(editor.draft_due(at(320)), "no key waited for that save");
    }

    #[test]
    fn the_caret_goes_back_where_it_was_in_a_paragraph_longer_than_65535_characters() {
        let body = format!("{}\n{}", "第一段".repeat(3), "述责述廉ab".repeat(20_000));
        let mut editor = Editor::new(
            TextTarget::Remarks { slot: 1 },
            Label::Remarks,
            String::new(),
            &body,
        );
        for caret in [(1, 120_000), (1, 99_999), (1, 65_536), (0, 4), (1, 0)] {
            editor.set_caret(caret);
            assert_eq!(editor.caret(), caret);
            assert_eq!(editor.body(), body, "the text is unchanged");
        }
        editor.set_caret((7, 1_000_000));
        assert_eq!(editor.caret(), (1, 120_000), "clamped to the end");
        type_char(&mut editor, '。', at(0));
        assert!(editor.body().ends_with("ab。"));
        assert!(
            !editor.area.undo() || editor.body() == body,
            "undo never takes the text"
        );
    }

    /// Draws the editor's text into a `width` x `height` buffer, as the console does.
    fn draw(editor: &Editor, width: u16, height: u16) -> ratatui::buffer::Buffer {
        use ratatui::widgets::Widget;
        let rect = ratatui::layout::Rect::new(0, 0, width, height);
        let mut buffer = ratatui::buffer::Buffer::empty(rect);
        (&editor.area).render(rect, &mut buffer);
        buffer
    }

    fn rows(buffer: &ratatui::buffer::Buffer) -> Vec<String> {
        let area = buffer.area;
        (0..area.height)
            .map(|y| {
                let cells = (0..area.width).map(|x| buffer[(x, y)].symbol().to_string());
                cells.collect::<String>().replace(' ', "")
            })
            .collect()
    }

    /// An edit re-wraps only the rows around it: after every kind of edit anywhere in a long
    /// text of paragraphs (typing, deleting, line breaks, pastes of several lines, undo,
    /// redo), the rows follow each other over the whole text and, from the top to a screen
    /// below the caret, are those a full wrap of the whole text gives (all of them, but for
    /// rows far below an edit in Chinese text, which the next cursor move wraps again).
    #[test]
    fn the_rows_after_an_edit_are_those_of_a_full_wrap() {
        use super::super::key::{KeyCode, KeyModifiers};
        let piece = "查摆廉政风险点4个，制定防控措施7项 (risk points) ";
        let body = format!(
            "{}\n\n{}\n短的一段\n{}\n{}",
            piece.repeat(300),
            "supercalifragilistic ".repeat(40),
            piece.repeat(200),
            "述责述廉".repeat(1_000)
        );
        let mut editor = Editor::new(
            TextTarget::Remarks { slot: 1 },
            Label::Remarks,
            String::new(),
            &body,
        );
        draw(&editor, 37, 12);
        editor.area.screen_map_check(12).unwrap();
        let mut seed: u64 = 18;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
        for step in 0..150 {
            if step % 3 == 0 {
                let lines = editor.area.lines();
                let row = next(lines.len() as u64) as usize;
                let col = next(lines[row].chars().count() as u64 + 1) as usize;
                editor.set_caret((row, col));
            } else {
                // A move wraps again whatever the last edits left to wrap.
                let moves = [KeyCode::Down, KeyCode::Up, KeyCode::Right, KeyCode::Left];
                editor.input(plain(moves[next(4) as usize]), at(step));
                if let Err(e) = editor.area.screen_map_check(usize::MAX / 2) {
                    panic!("step {step}, after a move: {e}");
                }
            }
            draw(&editor, 37, 12);
            let before = editor.body();
            match next(12) {
                0 => editor.paste("第一行\nsecond line 第二\n", at(step)),
                1 => editor.paste("插入 words 一段", at(step)),
                2 => editor.input(plain(KeyCode::Enter), at(step)),
                3 => editor.input(plain(KeyCode::Backspace), at(step)),
                4 => editor.input(plain(KeyCode::Delete), at(step)),
                5 => editor.input(ctrl('w'), at(step)),
                6 => editor.input(ctrl('k'), at(step)),
                7 => {
                    editor.input(plain(KeyCode::Char(' ')), at(step));
                    editor.input(ctrl('u'), at(step));
                    assert_eq!(editor.body(), before, "undo takes back the space");
                    editor.input(ctrl('r'), at(step));
                }
                8 => editor.input(plain(KeyCode::Char('x')), at(step)),
                _ => editor.input(plain(KeyCode::Char('述')), at(step)),
            }
            if let Err(e) = editor.area.screen_map_check(12) {
                panic!("step {step}, caret {:?}: {e}", editor.caret());
            }
        }
    }

    /// A paragraph that wraps to more than 65,535 rows on screen is drawn where the caret is:
    /// the editor's scroll position was 16-bit and showed rows from near the top instead.
    #[test]
    fn the_caret_and_its_text_are_drawn_more_than_65535_rows_down() {
        let body = format!("{}终", "述".repeat(140_000));
        let mut editor = Editor::new(
            TextTarget::Remarks { slot: 1 },
            Label::Remarks,
            String::new(),
            &body,
        );
        draw(&editor, 4, 3);
        type_char(&mut editor, '完', at(0));
        let drawn = rows(&draw(&editor, 4, 3));
        assert_eq!(
            drawn.last().map(String::as_str),
            Some("终完"),
            "the end of the text on the last row: {drawn:?}"
        );
    }

    #[test]
    fn a_draft_is_held_back_a_second_at_most() {
        let mut editor = editor();
        type_char(&mut editor, '述', at(0));
        editor.dirty_since = None;
        editor.draft_took(std::time::Duration::from_secs(5), at(5_000));
        editor.keys_waited();
        type_char(&mut editor, '责', at(5_001));
        assert!(editor.draft_due(at(6_000)));
    }
}
