//! The history view (`H`): the official's earlier meetings from the file, read-only,
//! scrolled and searched with the keyboard. No key in it writes anything, and nothing of
//! it reaches the room: the room keeps its picture while it is open.

use super::key::{KeyCode, KeyEvent};
use super::{Action, Console, Effect, Mode};
use crate::domain::history::{History, TrackedFollowUp};
use crate::labels::{self, Label, Lang, Named, history as words};
use std::cell::RefCell;

/// How a line of the history is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// An earlier meeting's date and name.
    Meeting,
    /// A part of a meeting: 提问与回答, 点评, 民主测评, 问题清单.
    Part,
    Text,
    /// Said about the text rather than part of it (none recorded, a count).
    Muted,
    Blank,
}

/// One paragraph of the history: wrapped by the screen, its later rows indented under
/// the end of `prefix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    pub kind: LineKind,
    pub prefix: String,
    pub text: String,
}

impl HistoryLine {
    fn new(kind: LineKind, prefix: impl Into<String>, text: impl Into<String>) -> HistoryLine {
        HistoryLine {
            kind,
            prefix: prefix.into(),
            text: text.into(),
        }
    }

    /// The line as shown, prefix and text.
    pub fn shown(&self) -> String {
        format!("{}{}", self.prefix, self.text)
    }
}

/// What the last frame measured of the history as it wrapped it: the rows of the screen
/// are the screen's to know, and moving by rows needs them. Written by drawing only, which
/// wraps the lines again only when the width changed (the history itself never does).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measured {
    /// The width the rows were wrapped to.
    pub width: usize,
    /// Every row, wrapped, with how its line is drawn.
    pub rows: Vec<(LineKind, String)>,
    /// Rows of text in view.
    pub page: usize,
    /// The first row of each line, and the total number of rows last.
    pub line_rows: Vec<usize>,
    /// The words `match_rows` were found for.
    pub matched: String,
    /// The rows that hold the search's words.
    pub match_rows: Vec<usize>,
}

impl Measured {
    fn total(&self) -> usize {
        self.line_rows.last().copied().unwrap_or(0)
    }

    /// The first row the view can start at and still be full.
    fn last_top(&self) -> Option<usize> {
        (self.page > 0).then(|| self.total().saturating_sub(self.page))
    }
}

/// The open history: its lines, the first row in view and the search.
#[derive(Debug)]
pub struct HistoryView {
    pub official: String,
    pub unit: String,
    pub lines: Vec<HistoryLine>,
    /// The first row in view (rows as the last frame wrapped the lines).
    pub top: usize,
    /// The words searched for (`/`), kept after Enter for `n`/`N`.
    pub query: String,
    /// The search line has the keyboard.
    pub typing: bool,
    /// Places in the lines holding the words.
    pub hits: usize,
    /// The row of the match `n`/`N` last went to.
    pub current: Option<usize>,
    pub measured: RefCell<Measured>,
}

impl HistoryView {
    pub fn new(history: &History, lang: Lang) -> HistoryView {
        HistoryView {
            official: history.official.clone(),
            unit: history.unit.clone(),
            lines: lines_of(history, lang),
            top: 0,
            query: String::new(),
            typing: false,
            hits: 0,
            current: None,
            measured: RefCell::new(Measured::default()),
        }
    }

    /// Goes to row `top`, kept within the history as last measured.
    fn scroll_to(&mut self, top: usize) {
        let last = self.measured.borrow().last_top();
        self.top = last.map_or(top, |last| top.min(last));
    }

    fn page(&self) -> usize {
        self.measured.borrow().page.max(1)
    }

    /// The words changed: counted again, and the view moved to the first line holding them
    /// at or after the line in view.
    fn search_changed(&mut self) {
        let needle = self.query.trim().to_ascii_lowercase();
        self.current = None;
        self.hits = 0;
        if needle.is_empty() {
            return;
        }
        let found: Vec<(usize, usize)> = self
            .lines
            .iter()
            .enumerate()
            .map(|(index, line)| {
                let count = line.shown().to_ascii_lowercase().matches(&needle).count();
                (index, count)
            })
            .filter(|(_, count)| *count > 0)
            .collect();
        self.hits = found.iter().map(|(_, count)| count).sum();
        let line_rows = self.measured.borrow().line_rows.clone();
        let in_view = line_rows
            .iter()
            .rposition(|row| *row <= self.top)
            .unwrap_or(0);
        let first = found
            .iter()
            .find(|(index, _)| *index >= in_view)
            .or(found.first());
        if let Some(row) = first.and_then(|(index, _)| line_rows.get(*index)) {
            self.current = Some(*row);
            self.scroll_to(row.saturating_sub(self.page() / 3));
        }
    }

    /// `n` (forward) or `N`: the next row holding the words, round to the start at the end.
    fn next_match(&mut self, forward: bool) {
        let rows = self.measured.borrow().match_rows.clone();
        if rows.is_empty() {
            return;
        }
        let from = self.current.unwrap_or(self.top);
        let next = if forward {
            rows.iter().find(|r| **r > from).or(rows.first())
        } else {
            rows.iter().rev().find(|r| **r < from).or(rows.last())
        };
        if let Some(row) = next.copied() {
            self.current = Some(row);
            self.scroll_to(row.saturating_sub(self.page() / 3));
        }
    }
}

/// Loads the history of the official on screen.
pub(super) fn open(console: &mut Console) -> Vec<Effect> {
    match console.slot() {
        Some(slot) => vec![Effect::LoadHistory { slot: slot.id }],
        None => {
            console.warn(Label::NoOfficials.text(console.lang));
            Vec::new()
        }
    }
}

/// The history was read: shown, unless something else took the keyboard meanwhile.
pub(super) fn loaded(console: &mut Console, history: &History) {
    if matches!(console.recorder.mode, Mode::Browse) {
        console.recorder.mode = Mode::History(Box::new(HistoryView::new(history, console.lang)));
    }
}

/// A key in the history view. Nothing here returns a write.
pub(super) fn key(console: &mut Console, action: Action) -> Vec<Effect> {
    let Mode::History(view) = &mut console.recorder.mode else {
        return Vec::new();
    };
    if view.typing {
        search_key(view, action);
        return Vec::new();
    }
    match action {
        Action::Cancel => console.recorder.mode = Mode::Browse,
        Action::Input(key) => match key.code {
            KeyCode::Char('H' | 'q') => console.recorder.mode = Mode::Browse,
            KeyCode::Char('P') => console.recorder.projecting = !console.recorder.projecting,
            _ => move_by(view, key),
        },
        _ => {}
    }
    Vec::new()
}

/// Scrolling and the search keys of the history.
fn move_by(view: &mut HistoryView, key: KeyEvent) {
    let page = view.page();
    match key.code {
        KeyCode::Char('j') | KeyCode::Down => view.scroll_to(view.top.saturating_add(1)),
        KeyCode::Char('k') | KeyCode::Up => view.scroll_to(view.top.saturating_sub(1)),
        KeyCode::PageDown | KeyCode::Char(' ') => view.scroll_to(view.top.saturating_add(page)),
        KeyCode::PageUp | KeyCode::Char('b') => view.scroll_to(view.top.saturating_sub(page)),
        KeyCode::Home => view.scroll_to(0),
        KeyCode::End => view.scroll_to(usize::MAX),
        KeyCode::Char('/') => {
            view.typing = true;
            view.query.clear();
            view.search_changed();
        }
        KeyCode::Char('n') => view.next_match(true),
        KeyCode::Char('N') => view.next_match(false),
        _ => {}
    }
}

/// A key while the search line has the keyboard: the words as typed, Enter keeps them for
/// `n`/`N`, Esc drops the search.
fn search_key(view: &mut HistoryView, action: Action) {
    match action {
        Action::Input(key) => match key.code {
            KeyCode::Char(c) => view.query.push(c),
            KeyCode::Backspace => {
                view.query.pop();
            }
            _ => return,
        },
        Action::Paste(text) => view.query.push_str(&super::form::clean_line(&text)),
        Action::Confirm => {
            view.typing = false;
            return;
        }
        Action::Cancel => {
            view.typing = false;
            view.query.clear();
        }
        _ => return,
    }
    view.search_changed();
}

/// The history as lines: each earlier meeting, newest first, then the follow-ups that
/// came in with a preparation.
pub fn lines_of(history: &History, lang: Lang) -> Vec<HistoryLine> {
    let mut lines = Vec::new();
    if history.is_empty() {
        lines.push(HistoryLine::new(
            LineKind::Muted,
            "",
            Label::NoHistory.text(lang),
        ));
    } else if !history.meetings.is_empty() {
        let found = words::meetings_found(lang, history.meetings.len());
        lines.push(HistoryLine::new(LineKind::Muted, "", found));
    }
    portrait_and_talks(history, lang, &mut lines);
    for meeting in &history.meetings {
        meeting_lines(meeting, lang, &mut lines);
    }
    if !history.imported.is_empty() {
        lines.push(HistoryLine::new(LineKind::Blank, "", ""));
        let heading = Label::HistoryImported.text(lang);
        lines.push(HistoryLine::new(LineKind::Meeting, "", heading));
        for (index, tracked) in history.imported.iter().enumerate() {
            follow_up_lines(index, tracked, lang, true, &mut lines);
        }
    }
    lines
}

/// The unit's political portrait (政治画像, each finding dated by the meeting that brought
/// it) and the reminder talks (提醒谈话) held with its head, above its meetings.
fn portrait_and_talks(history: &History, lang: Lang, lines: &mut Vec<HistoryLine>) {
    let heading = |label: Label, lines: &mut Vec<HistoryLine>| {
        lines.push(HistoryLine::new(LineKind::Blank, "", ""));
        lines.push(HistoryLine::new(LineKind::Meeting, "", label.text(lang)));
    };
    if !history.portrait.is_empty() {
        heading(Label::Portrait, lines);
    }
    for (day, finding) in &history.portrait {
        let prefix = format!("  {day} [{}] ", finding.dimension.name(lang));
        lines.push(HistoryLine::new(LineKind::Text, prefix, &finding.problem));
        if !finding.suggestion.trim().is_empty() {
            let prefix = format!("    {}: ", Label::Suggestion.text(lang));
            lines.push(HistoryLine::new(
                LineKind::Muted,
                prefix,
                &finding.suggestion,
            ));
        }
    }
    if !history.talks.is_empty() {
        heading(Label::ReminderTalks, lines);
    }
    for talk in &history.talks {
        let prefix = format!("  {} {}: ", talk.held_on, talk.talker);
        lines.push(HistoryLine::new(LineKind::Text, prefix, &talk.content));
    }
}

fn meeting_lines(
    meeting: &crate::domain::history::EarlierMeeting,
    lang: Lang,
    lines: &mut Vec<HistoryLine>,
) {
    let blank = || HistoryLine::new(LineKind::Blank, "", "");
    let heading = words::meeting_heading(lang, &meeting.title, meeting.held_on, meeting.finished);
    lines.push(blank());
    lines.push(HistoryLine::new(LineKind::Meeting, "", heading));
    lines.push(HistoryLine::new(
        LineKind::Text,
        "",
        words::reporter(lang, meeting),
    ));
    if let Some(said) = words::not_reported(lang, meeting.stage, &meeting.skip_reason) {
        lines.push(HistoryLine::new(LineKind::Muted, "", said));
    }
    if let Some(rating) = &meeting.rating {
        lines.push(part(Label::Rating, lang));
        for line in words::rating_lines(lang, rating) {
            lines.push(HistoryLine::new(LineKind::Text, "  ", line));
        }
    }
    lines.push(part(Label::Questions, lang));
    if meeting.questions.is_empty() {
        lines.push(muted("  ", Label::HistoryNoQuestions, lang));
    }
    for (index, question) in meeting.questions.iter().enumerate() {
        let asked = labels::labelled(lang, &question.asker, &question.text);
        lines.push(HistoryLine::new(
            LineKind::Text,
            format!("  {}. ", index + 1),
            asked,
        ));
        let answer_prefix = format!(
            "     {}",
            labels::labelled(lang, Label::Answer.text(lang), "")
        );
        match &question.answer {
            Some(answer) => lines.push(HistoryLine::new(LineKind::Text, answer_prefix, answer)),
            None => lines.push(muted(&answer_prefix, Label::NoAnswer, lang)),
        }
        if question.written_reply {
            let said = words::written_reply(lang, &question.written_reason);
            lines.push(HistoryLine::new(LineKind::Text, "     ", said));
        }
    }
    if let Some(remarks) = &meeting.remarks {
        lines.push(part(Label::Remarks, lang));
        lines.push(HistoryLine::new(LineKind::Text, "  ", remarks));
    }
    lines.push(part(Label::FollowUpsPane, lang));
    if meeting.follow_ups.is_empty() {
        lines.push(muted("  ", Label::HistoryNoFollowUps, lang));
    }
    for (index, tracked) in meeting.follow_ups.iter().enumerate() {
        follow_up_lines(index, tracked, lang, false, lines);
    }
}

fn part(label: Label, lang: Lang) -> HistoryLine {
    HistoryLine::new(LineKind::Part, "", label.text(lang))
}

fn muted(prefix: &str, label: Label, lang: Lang) -> HistoryLine {
    HistoryLine::new(LineKind::Muted, prefix, label.text(lang))
}

/// A follow-up: its problem, its state and deadline, and every dated check.
fn follow_up_lines(
    index: usize,
    tracked: &TrackedFollowUp,
    lang: Lang,
    with_day: bool,
    lines: &mut Vec<HistoryLine>,
) {
    let f = &tracked.follow_up;
    lines.push(HistoryLine::new(
        LineKind::Text,
        format!("  {}. ", index + 1),
        &f.problem,
    ));
    let pad = "     ";
    if with_day && let Some(day) = f.raised_on {
        lines.push(HistoryLine::new(
            LineKind::Muted,
            pad,
            words::raised_on(lang, day),
        ));
    }
    if !f.measure.trim().is_empty() {
        let measure = labels::labelled(lang, Label::Measure.text(lang), &f.measure);
        lines.push(HistoryLine::new(LineKind::Text, pad, measure));
    }
    let state = words::follow_up_state(lang, tracked);
    lines.push(HistoryLine::new(LineKind::Text, pad, state));
    if !f.progress.trim().is_empty() {
        let progress = labels::labelled(lang, Label::FollowUpProgress.text(lang), &f.progress);
        lines.push(HistoryLine::new(LineKind::Text, pad, progress));
    }
    for check in &tracked.checks {
        lines.push(HistoryLine::new(
            LineKind::Text,
            pad,
            words::check(lang, check),
        ));
    }
}
