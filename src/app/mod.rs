//! The console's state and its one place of change, `update`; no terminal in here.

pub mod action;
mod confirm;
mod continuity;
mod correct;
pub use correct::rescue_heading;
pub mod editor;
pub mod form;
pub mod key;
pub mod keys;
pub mod projection;
mod submit;
mod update;

pub use action::{Action, Command, Effect, FailedWrite, Failure};
pub use confirm::{Confirmation, Confirmed};
pub use editor::Editor;
pub use form::{FieldValue, Form, FormKind, FormPoint, Refused};
pub use update::update;

use crate::domain::{AgendaSlot, Id, Meeting, Stage, StageClock, StageTiming};
use crate::labels::{Label, Lang};
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

/// Where the recorder was, saved so that a restart (or a crash) comes back to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumePoint {
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

impl ResumePoint {
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

/// Everything the console knows about the meeting being run.
#[derive(Debug)]
pub struct Console {
    pub lang: Lang,
    pub meeting: Meeting,
    pub agenda: Vec<AgendaSlot>,
    pub timings: Vec<(Id, StageTiming)>,
    /// Present attendees with a vote: the default number of voters.
    pub voters: u32,
    /// Everyone on the attendance list, as it now stands.
    pub attendees: Vec<crate::domain::Attendee>,
    /// Index into `agenda` of the official on screen.
    pub current: usize,
    pub detail: SlotDetail,
    /// The chair's closing remarks for the whole meeting.
    pub closing: Option<crate::domain::Revision>,
    pub focus: Pane,
    /// The pane the recorder moved the focus to, per official (until that official's
    /// stage changes): coming back there keeps it, rather than the stage's own pane.
    pub chosen_focus: Vec<(Id, Pane)>,
    pub selected: [usize; 5],
    pub mode: Mode,
    /// The colour theme's name, remembered per database.
    pub theme: String,
    /// The themes `CycleTheme` goes through.
    pub theme_names: Vec<String>,
    /// This console shows the room's picture (the one-terminal layout) rather than the
    /// recorder's layout.
    pub projecting: bool,
    /// What the room sees (the picture, blanking, answers), chosen here and followed by
    /// the audience view through the file.
    pub room: projection::Room,
    /// The picture an audience view chose with its own keys (`b` there blanks its screen),
    /// shown instead of `room` in that room until the recorder changes the picture; read
    /// from beside the file (`room_local`), never written by the view into it.
    pub room_local: Option<projection::Room>,
    pub message: Option<Message>,
    /// Typed text the database has not taken, why, and where it was rescued to; shown in
    /// full until a save goes through.
    pub save_problem: Option<String>,
    /// The last failed save met another program's lock (it will go through by itself).
    pub save_waiting: bool,
    /// Quitting was asked for once while text was unsaved: the next quit leaves anyway.
    pub leave_unsaved: bool,
    /// The form last submitted, opened again if its write fails.
    pub last_form: Option<Form>,
    /// Texts whose editor was left while the database did not take them (each also in a
    /// rescue file): tried again at `left_retry_at`, on quitting, and taken back into the
    /// editor when it is opened on them again.
    pub left_unsaved: Vec<(TextTarget, String)>,
    /// When the texts left unsaved are next tried.
    pub left_retry_at: Option<DateTime<Utc>>,
    /// When writes that failed without a keystroke behind them (the resume point, the
    /// room's picture, when a question was put) are tried again.
    pub retry_at: Option<DateTime<Utc>>,
    /// Rescued texts still to offer after the one on screen.
    pub rescues: Vec<RescueOffer>,
    /// The time the state was last brought up to; timers are drawn against it.
    pub now: DateTime<Utc>,
    pub quit: bool,
    /// The recorder has been told that changes after 散会 are 会后补记 (said once).
    pub told_late: bool,
    /// The meeting's rating scale, voter groups and rules (the prep's `[rating]`).
    pub rating_scheme: crate::domain::rating_rules::RatingScheme,
    /// The issuing office (发文机关) the preparation gave, shown on the title screen.
    pub issuing_office: String,
}

impl Console {
    /// A console on a meeting as the store hands it over, at the first official, with no
    /// detail yet (see [`Console::set_detail`]).
    pub fn new(lang: Lang, view: MeetingView, theme: String, now: DateTime<Utc>) -> Console {
        Console {
            lang,
            meeting: view.meeting,
            agenda: view.agenda,
            timings: view.timings,
            voters: view.voters,
            attendees: view.attendees,
            current: 0,
            detail: SlotDetail::default(),
            closing: view.closing,
            focus: Pane::Questions,
            chosen_focus: Vec::new(),
            selected: [0; 5],
            mode: Mode::Browse,
            theme,
            theme_names: Vec::new(),
            projecting: false,
            room: projection::Room::default(),
            room_local: None,
            message: None,
            save_problem: None,
            save_waiting: false,
            leave_unsaved: false,
            last_form: None,
            left_unsaved: Vec::new(),
            left_retry_at: None,
            retry_at: None,
            rescues: Vec::new(),
            now,
            quit: false,
            told_late: false,
            rating_scheme: Default::default(),
            issuing_office: String::new(),
        }
    }

    /// Goes back to the official, pane and rows where the recorder was.
    pub fn place(&mut self, point: &ResumePoint) {
        self.current = point
            .slot
            .and_then(|id| self.agenda.iter().position(|s| s.id == id))
            .unwrap_or(0);
        self.focus = point.focus;
        self.selected = point.selected;
        self.room = point.room;
    }

    /// Takes the meeting as it now stands (after a write changed stages or clocks).
    pub fn set_view(&mut self, view: MeetingView) {
        let on_screen = self.slot().map(|s| s.id);
        self.meeting = view.meeting;
        self.agenda = view.agenda;
        self.timings = view.timings;
        self.voters = view.voters;
        self.attendees = view.attendees;
        self.closing = view.closing;
        // The same official stays on screen when the agenda's order changed.
        self.current = on_screen
            .and_then(|id| self.agenda.iter().position(|s| s.id == id))
            .unwrap_or(self.current)
            .min(self.agenda.len().saturating_sub(1));
    }

    /// Takes the current official's detail; selections stay within their panes.
    pub fn set_detail(&mut self, detail: SlotDetail) {
        self.detail = detail;
        self.keep_selections_in_panes();
    }

    /// Each pane's selection on one of its rows (after the detail or the place changed).
    pub fn keep_selections_in_panes(&mut self) {
        for pane in Pane::ALL {
            let last = self.pane_len(pane).saturating_sub(1);
            self.selected[pane.index()] = self.selected[pane.index()].min(last);
        }
    }

    /// The official on screen; `None` only for a meeting without officials.
    pub fn slot(&self) -> Option<&AgendaSlot> {
        self.agenda.get(self.current)
    }

    pub fn timing(&self, slot: Id, stage: Stage) -> Option<&StageTiming> {
        self.timings
            .iter()
            .find(|(id, t)| *id == slot && t.stage == stage)
            .map(|(_, t)| t)
    }

    /// The clock of the current official's current stage.
    pub fn current_timing(&self) -> Option<&StageTiming> {
        let slot = self.slot()?;
        self.timing(slot.id, slot.stage)
    }

    /// The clock of `slot`'s current stage, when that stage is timed.
    pub fn stage_clock(&self, slot: &AgendaSlot) -> Option<StageClock> {
        let timing = self.timing(slot.id, slot.stage)?;
        let minutes = slot.allotted_minutes(slot.stage, &self.meeting.allotments);
        Some(StageClock::of(timing, minutes, self.now))
    }

    /// Milliseconds an official has held the floor, all stages together.
    pub fn slot_elapsed_ms(&self, slot: Id) -> i64 {
        self.timings
            .iter()
            .filter(|(id, _)| *id == slot)
            .map(|(_, t)| t.elapsed_ms(self.now))
            .sum()
    }

    /// Rows in a pane, for moving the selection.
    pub fn pane_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Questions => self.detail.questions.len(),
            Pane::Duties => self.detail.duty_items.len(),
            Pane::Risks => self.detail.risk_points.len(),
            Pane::Remarks => 1,
            Pane::FollowUps => self.detail.follow_ups.len() + self.detail.earlier_follow_ups.len(),
        }
    }

    pub fn selection(&self, pane: Pane) -> usize {
        self.selected[pane.index()]
    }

    /// Is any clock running (so the screen must redraw every second)?
    pub fn timer_running(&self) -> bool {
        self.timings.iter().any(|(_, t)| t.is_running())
    }

    /// Keys came while something was saved: the editor's next draft may wait
    /// (`Editor::keys_waited`).
    pub fn keys_waited(&mut self) {
        if let Mode::Editor(editor) = &mut self.mode {
            editor.keys_waited();
        }
    }

    /// When the loop must wake even without input: when a running clock's shown second
    /// changes, or the moment unsaved text falls due.
    pub fn next_deadline(&self) -> Option<DateTime<Utc>> {
        let save = match &self.mode {
            Mode::Editor(editor) => editor.next_save(),
            _ => None,
        };
        let resume_at = self.room.resume_at.filter(|_| self.projecting);
        let tick = next_clock_change(&self.timings, resume_at, self.now);
        [save, tick, self.retry_at, self.left_retry_at]
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

    /// Shows what the room sees (the audience view): the official, the question and the
    /// follow-up page and the picture the console wrote.
    pub fn show_room(&mut self, view: &crate::domain::RoomView) {
        self.current = view
            .slot
            .and_then(|id| self.agenda.iter().position(|s| s.id == id))
            .unwrap_or(0);
        self.selected[Pane::Questions.index()] = view.question;
        self.selected[Pane::FollowUps.index()] = view.follow_up;
        self.room = view.room;
    }

    /// Where the recorder is now, to be saved for the next start.
    pub fn resume_point(&self) -> ResumePoint {
        let editing = match &self.mode {
            Mode::Editor(editor) => Some(EditingPoint {
                kind: EditingKind::of(editor.target),
                question: editor.target.question(),
                caret: editor.caret(),
            }),
            _ => None,
        };
        let form = match &self.mode {
            Mode::Form(form) => Some(form.point()),
            _ => None,
        };
        ResumePoint {
            slot: self.slot().map(|s| s.id),
            focus: self.focus,
            selected: self.selected,
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
            form.restore(saved);
            self.mode = Mode::Form(form);
        }
    }

    fn reopen_editor(&mut self, point: &EditingPoint) {
        let slot = self.slot().map(|s| s.id);
        let target = match (point.kind, point.question, slot) {
            (EditingKind::Closing, _, _) => TextTarget::Closing {
                meeting: self.meeting.id,
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
            self.mode = Mode::Editor(Box::new(editor));
        }
    }

    /// Shows the first rescued text and keeps the others for after it. An editor reopened
    /// where the console stopped gives way (its text is in the database, and the rescue
    /// may be newer than it); a half-filled form keeps the screen, and the offers wait
    /// until it is closed.
    pub fn offer(&mut self, mut offers: Vec<RescueOffer>) {
        offers.reverse();
        self.rescues = offers;
        if matches!(self.mode, Mode::Editor(_)) && !self.rescues.is_empty() {
            self.mode = Mode::Browse;
        }
        self.offer_next();
    }

    /// Puts the next waiting rescue on screen when nothing else has the keyboard.
    pub fn offer_next(&mut self) {
        if matches!(self.mode, Mode::Browse)
            && let Some(next) = self.rescues.pop()
        {
            self.mode = Mode::Rescue(next);
        }
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
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
