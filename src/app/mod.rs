//! The console's state and its one place of change, `update`; no terminal in here.

pub mod action;
mod confirm;
mod continuity;
mod correct;
pub use correct::rescue_heading;
pub mod editor;
pub mod form;
pub mod history;
pub mod key;
pub mod keys;
pub mod portrait;
pub mod projection;
mod recorder;
mod snapshot;
mod submit;
mod update;

pub use action::{Action, Command, Effect, FailedWrite, Failure};
pub use confirm::{Confirmation, Confirmed};
pub use editor::Editor;
pub use form::{FieldValue, Form, FormKind, FormPoint, Refused, SavedValue};
pub use recorder::{Recorder, SaveHealth};
pub use snapshot::Snapshot;
pub use update::update;

use crate::domain::{AgendaSlot, Id, Stage, StageClock, StageTiming};
use crate::labels::{self, Label, Lang};
use crate::view::{MeetingView, SearchHit, SlotDetail, TextTarget};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The panes of an official's page, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pane {
    Questions,
    Duties,
    Risks,
    Remarks,
    FollowUps,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Questions,
        Pane::Duties,
        Pane::Risks,
        Pane::Remarks,
        Pane::FollowUps,
    ];

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn label(self) -> Label {
        match self {
            Pane::Questions => Label::Questions,
            Pane::Duties => Label::DutyItems,
            Pane::Risks => Label::RiskPoints,
            Pane::Remarks => Label::RemarksPane,
            Pane::FollowUps => Label::FollowUpsPane,
        }
    }

    /// The name in a tab bar too narrow for the full names.
    pub fn short_label(self) -> Label {
        match self {
            Pane::Questions => Label::QuestionsShort,
            Pane::Duties => Label::DutyItemsShort,
            Pane::Risks => Label::RiskPointsShort,
            Pane::Remarks => Label::RemarksShort,
            Pane::FollowUps => Label::FollowUpsShort,
        }
    }
}

/// What has the keyboard.
#[derive(Debug)]
pub enum Mode {
    Browse,
    Editor(Box<Editor>),
    Form(Form),
    Search(SearchBox),
    Help,
    /// A list to read (the files an export wrote); any key closes it.
    Notice(Vec<String>),
    /// Text that was rescued into a file when it could not be saved, offered back.
    Rescue(RescueOffer),
    /// A step that changes the record, waiting for Enter or Esc.
    Confirm(Confirmation),
    /// The official's earlier meetings (`H`): read-only, never projected.
    History(Box<history::HistoryView>),
}

/// A rescued text newer than what the database holds for the same place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RescueOffer {
    pub path: std::path::PathBuf,
    pub target: TextTarget,
    /// Which answer, remarks or note it is, in words.
    pub context: String,
    pub rescued: String,
    pub rescued_at: DateTime<Utc>,
    /// The database's newest text for the same place.
    pub saved: String,
}

/// The search box and its live results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchBox {
    pub query: String,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
}

/// A line in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

/// The resume point's format, saved with it: raised when a saved point's meaning changes.
/// A point without it is of the first format; one newer than this is refused, and said.
pub const RESUME_FORMAT: u32 = 1;

/// Where the recorder was, saved so that a restart (or a crash) comes back to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumePoint {
    /// The format it was written in ([`RESUME_FORMAT`]).
    #[serde(default = "first_format")]
    pub format: u32,
    pub slot: Option<Id>,
    pub focus: Pane,
    pub selected: [usize; 5],
    /// The editor that was open, with its caret.
    #[serde(default)]
    pub editing: Option<EditingPoint>,
    /// The form that was open, with what had been typed into it.
    #[serde(default)]
    pub form: Option<FormPoint>,
    /// What the room sees: `shuze present` follows it from here.
    #[serde(default)]
    pub room: projection::Room,
}

fn first_format() -> u32 {
    1
}

/// Why a saved resume point could not be taken back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceUnreadable {
    /// Not the JSON of a resume point (the reader's words).
    #[error("{0}")]
    Garbled(String),
    /// Written by a newer shuze, in a format this one does not know.
    #[error("format {0}")]
    Newer(u32),
}

impl PlaceUnreadable {
    /// The recorder's message: the console starts at the first official instead.
    pub fn say(&self, lang: Lang) -> String {
        let why = match self {
            PlaceUnreadable::Garbled(why) => why.clone(),
            PlaceUnreadable::Newer(format) => labels::newer_format(lang, *format, RESUME_FORMAT),
        };
        labels::place_unreadable(lang, &why)
    }
}

impl ResumePoint {
    /// A point as saved (its JSON), or why it cannot be taken back.
    pub fn read(json: &str) -> Result<ResumePoint, PlaceUnreadable> {
        let point: ResumePoint =
            serde_json::from_str(json).map_err(|e| PlaceUnreadable::Garbled(e.to_string()))?;
        if point.format > RESUME_FORMAT {
            return Err(PlaceUnreadable::Newer(point.format));
        }
        Ok(point)
    }

    /// The point as saved: its JSON.
    pub fn write(&self) -> String {
        // A struct of numbers, strings and enums: serialising it cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The same point with the caret left out.
    pub fn without_caret(&self) -> ResumePoint {
        let mut point = self.clone();
        if let Some(editing) = &mut point.editing {
            editing.caret = (0, 0);
        }
        point
    }
}

/// The editor that was open when the recorder's place was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditingPoint {
    pub kind: EditingKind,
    pub question: Option<Id>,
    pub caret: (usize, usize),
}

/// Which text an editor was open on, as saved (the words of `TextTarget::kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EditingKind {
    Answer,
    Remarks,
    Note,
    Closing,
}

impl EditingKind {
    pub fn of(target: TextTarget) -> EditingKind {
        match target {
            TextTarget::Answer { .. } => EditingKind::Answer,
            TextTarget::Remarks { .. } => EditingKind::Remarks,
            TextTarget::Note { .. } => EditingKind::Note,
            TextTarget::Closing { .. } => EditingKind::Closing,
        }
    }
}

/// Everything the console knows: the meeting as the file says it now, the recorder's own
/// state, whether what was typed reached the file, and the clock.
#[derive(Debug)]
pub struct Console {
    pub lang: Lang,
    /// The meeting as the file says it now (read-only here: the session fills it in).
    pub snapshot: Snapshot,
    /// The recorder's place, modes, forms and messages.
    pub recorder: Recorder,
    /// What the room sees (the picture, blanking, answers), chosen here and followed by
    /// the audience view through the file.
    pub room: projection::Room,
    /// The picture an audience view chose with its own keys (`b` there blanks its screen),
    /// shown instead of `room` in that room until the recorder changes the picture; read
    /// from beside the file (`room_local`), never written by the view into it.
    pub room_local: Option<projection::Room>,
    /// Whether what was typed reached the file, and what waits to be tried again.
    pub saving: SaveHealth,
    /// The time the state was last brought up to; timers are drawn against it.
    pub now: DateTime<Utc>,
    pub quit: bool,
}

impl Console {
    /// A console on a meeting as the file says it now (the official on screen and its
    /// detail as `snapshot` has them), its recorder browsing in `theme`.
    pub fn new(lang: Lang, snapshot: Snapshot, theme: String, now: DateTime<Utc>) -> Console {
        Console {
            lang,
            snapshot,
            recorder: Recorder::new(theme),
            room: projection::Room::default(),
            room_local: None,
            saving: SaveHealth::default(),
            now,
            quit: false,
        }
    }

    /// Goes back to the official, pane and rows where the recorder was.
    pub fn place(&mut self, point: &ResumePoint) {
        self.snapshot.go_to(point.slot);
        self.recorder.focus = point.focus;
        self.recorder.selected = point.selected;
        self.room = point.room;
    }

    /// Takes the meeting as it now stands (after a write changed stages or clocks).
    pub fn set_view(&mut self, view: MeetingView) {
        self.snapshot.set_view(view);
    }

    /// Takes the current official's detail; selections stay within their panes.
    pub fn set_detail(&mut self, detail: SlotDetail) {
        self.snapshot.detail = detail;
        self.keep_selections_in_panes();
    }

    /// Each pane's selection on one of its rows (after the detail or the place changed).
    pub fn keep_selections_in_panes(&mut self) {
        for pane in Pane::ALL {
            let row = self.recorder.selected[pane.index()];
            self.recorder.selected[pane.index()] = self.snapshot.row_in(pane, row);
        }
    }

    /// The official on screen; `None` only for a meeting without officials.
    pub fn slot(&self) -> Option<&AgendaSlot> {
        self.snapshot.slot()
    }

    pub fn timing(&self, slot: Id, stage: Stage) -> Option<&StageTiming> {
        self.snapshot.timing(slot, stage)
    }

    /// The clock of the current official's current stage.
    pub fn current_timing(&self) -> Option<&StageTiming> {
        self.snapshot.current_timing()
    }

    /// The clock of `slot`'s current stage, when that stage is timed.
    pub fn stage_clock(&self, slot: &AgendaSlot) -> Option<StageClock> {
        self.snapshot.stage_clock(slot, self.now)
    }

    /// Milliseconds an official has held the floor, all stages together.
    pub fn slot_elapsed_ms(&self, slot: Id) -> i64 {
        self.snapshot.slot_elapsed_ms(slot, self.now)
    }

    /// Rows in a pane, for moving the selection.
    pub fn pane_len(&self, pane: Pane) -> usize {
        self.snapshot.pane_len(pane)
    }

    pub fn selection(&self, pane: Pane) -> usize {
        self.recorder.selected[pane.index()]
    }

    /// Is any clock running (so the screen must redraw every second)?
    pub fn timer_running(&self) -> bool {
        self.snapshot.timer_running()
    }

    /// Keys came while something was saved: the editor's next draft may wait
    /// (`Editor::keys_waited`).
    pub fn keys_waited(&mut self) {
        if let Mode::Editor(editor) = &mut self.recorder.mode {
            editor.keys_waited();
        }
    }

    /// When the loop must wake even without input: when a running clock's shown second
    /// changes, or the moment unsaved text falls due.
    pub fn next_deadline(&self) -> Option<DateTime<Utc>> {
        let save = match &self.recorder.mode {
            Mode::Editor(editor) => editor.next_save(),
            _ => None,
        };
        let resume_at = self.room.resume_at.filter(|_| self.recorder.projecting);
        let tick = next_clock_change(&self.snapshot.timings, resume_at, self.now);
        [save, tick, self.saving.retry_at, self.saving.left_retry_at]
            .into_iter()
            .flatten()
            .min()
    }

    /// What the room sees now: the official on screen and the picture.
    pub fn room_view(&self) -> crate::domain::RoomView {
        crate::domain::RoomView {
            slot: self.slot().map(|s| s.id),
            question: self.selection(Pane::Questions),
            follow_up: self.selection(Pane::FollowUps),
            room: self.room,
        }
    }

    /// Where the recorder is now, to be saved for the next start.
    pub fn resume_point(&self) -> ResumePoint {
        let editing = match &self.recorder.mode {
            Mode::Editor(editor) => Some(EditingPoint {
                kind: EditingKind::of(editor.target),
                question: editor.target.question(),
                caret: editor.caret(),
            }),
            _ => None,
        };
        let form = match &self.recorder.mode {
            Mode::Form(form) => Some(form.point()),
            _ => None,
        };
        ResumePoint {
            format: RESUME_FORMAT,
            slot: self.slot().map(|s| s.id),
            focus: self.recorder.focus,
            selected: self.recorder.selected,
            editing,
            form,
            room: self.room,
        }
    }

    /// Opens again the editor or the half-filled form that was open when the console last
    /// stopped.
    pub fn reopen(&mut self, point: ResumePoint) {
        if let Some(editing) = &point.editing {
            self.reopen_editor(editing);
        }
        if let Some(saved) = &point.form
            && let Some(mut form) = submit::form_for(self, saved.kind)
        {
            let not_taken = form.restore(saved);
            self.recorder.mode = Mode::Form(form);
            if not_taken > 0 {
                self.warn(labels::form_not_all_restored(self.lang, not_taken));
            }
        }
    }

    fn reopen_editor(&mut self, point: &EditingPoint) {
        let slot = self.slot().map(|s| s.id);
        let target = match (point.kind, point.question, slot) {
            (EditingKind::Closing, _, _) => TextTarget::Closing {
                meeting: self.snapshot.meeting.id,
            },
            (EditingKind::Answer, Some(question), Some(slot)) => {
                TextTarget::Answer { slot, question }
            }
            (EditingKind::Remarks, _, Some(slot)) => TextTarget::Remarks { slot },
            // A private note is saved but not reopened: the screen may be on the projector.
            _ => return,
        };
        if let Some(mut editor) = update::editor_for(self, target) {
            editor.set_caret(point.caret);
            self.recorder.mode = Mode::Editor(Box::new(editor));
        }
    }

    /// Shows the first rescued text and keeps the others for after it. An editor reopened
    /// where the console stopped gives way (its text is in the database, and the rescue
    /// may be newer than it); a half-filled form keeps the screen, and the offers wait
    /// until it is closed.
    pub fn offer(&mut self, mut offers: Vec<RescueOffer>) {
        offers.reverse();
        self.saving.rescues = offers;
        if matches!(self.recorder.mode, Mode::Editor(_)) && !self.saving.rescues.is_empty() {
            self.recorder.mode = Mode::Browse;
        }
        self.offer_next();
    }

    /// Puts the next waiting rescue on screen when nothing else has the keyboard.
    pub fn offer_next(&mut self) {
        if matches!(self.recorder.mode, Mode::Browse)
            && let Some(next) = self.saving.rescues.pop()
        {
            self.recorder.mode = Mode::Rescue(next);
        }
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.recorder.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.recorder.message = Some(Message {
            text: text.into(),
            is_error: true,
        });
    }
}

/// When the text of a running clock next changes: a stage's time used (counting up) or the
/// pause's time left until `resume_at` (counting down), both shown in whole seconds rounded
/// down, so each changes as its milliseconds pass a thousand. `None` when no clock runs.
pub fn next_clock_change(
    timings: &[(Id, StageTiming)],
    resume_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let counting_up = timings
        .iter()
        .filter(|(_, t)| t.is_running())
        .map(|(_, t)| 1000 - t.elapsed_ms(now).rem_euclid(1000));
    let counting_down = resume_at
        .map(|at| (at - now).num_milliseconds())
        .filter(|left| *left > 0)
        .map(|left| match left % 1000 {
            0 => 1000,
            part => part,
        });
    counting_up
        .chain(counting_down)
        .min()
        .map(|ms| now + chrono::Duration::milliseconds(ms))
}
