//! The meeting as the file says it now, at one official: read-only to whoever shows it (the
//! recorder's console and the audience view alike). Filled in by the session from the
//! store; nothing here is the recorder's own.

use super::Pane;
use crate::domain::rating_rules::RatingScheme;
use crate::domain::{AgendaSlot, Attendee, Id, Meeting, Revision, Stage, StageClock, StageTiming};
use crate::view::{MeetingView, SlotDetail};
use chrono::{DateTime, Utc};

/// What the meeting file says now: the meeting, its agenda and clocks, who attends, and
/// the detail of the official on screen.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub meeting: Meeting,
    pub agenda: Vec<AgendaSlot>,
    pub timings: Vec<(Id, StageTiming)>,
    /// Present attendees with a vote: the default number of voters.
    pub voters: u32,
    /// Everyone on the attendance list, as it now stands.
    pub attendees: Vec<Attendee>,
    /// Index into `agenda` of the official on screen.
    pub current: usize,
    /// The detail of the official on screen.
    pub detail: SlotDetail,
    /// The chair's closing remarks for the whole meeting.
    pub closing: Option<Revision>,
    /// The meeting's rating scale, voter groups and rules (the prep's `[rating]`).
    pub rating_scheme: RatingScheme,
    /// The issuing office (发文机关) the preparation gave, shown on the title screen.
    pub issuing_office: String,
    /// What of the file's settings could not be read (the defaults stand in), in words.
    pub unreadable: Option<String>,
}

impl Snapshot {
    /// A meeting as the store hands it over, at the first official, with no detail yet.
    pub fn new(view: MeetingView) -> Snapshot {
        Snapshot {
            meeting: view.meeting,
            agenda: view.agenda,
            timings: view.timings,
            voters: view.voters,
            attendees: view.attendees,
            current: 0,
            detail: SlotDetail::default(),
            closing: view.closing,
            rating_scheme: RatingScheme::default(),
            issuing_office: String::new(),
            unreadable: None,
        }
    }

    /// Takes the meeting as it now stands; the same official stays on screen when the
    /// agenda's order changed.
    pub fn set_view(&mut self, view: MeetingView) {
        let on_screen = self.slot().map(|s| s.id);
        self.meeting = view.meeting;
        self.agenda = view.agenda;
        self.timings = view.timings;
        self.voters = view.voters;
        self.attendees = view.attendees;
        self.closing = view.closing;
        self.current = on_screen
            .and_then(|id| self.position(id))
            .unwrap_or(self.current)
            .min(self.agenda.len().saturating_sub(1));
    }

    /// Puts the official `slot` on screen (the first one when it is not on the agenda).
    pub fn go_to(&mut self, slot: Option<Id>) {
        self.current = slot.and_then(|id| self.position(id)).unwrap_or(0);
    }

    fn position(&self, slot: Id) -> Option<usize> {
        self.agenda.iter().position(|s| s.id == slot)
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

    /// The clock of `slot`'s current stage at `now`, when that stage is timed.
    pub fn stage_clock(&self, slot: &AgendaSlot, now: DateTime<Utc>) -> Option<StageClock> {
        let timing = self.timing(slot.id, slot.stage)?;
        let minutes = slot.allotted_minutes(slot.stage, &self.meeting.allotments);
        Some(StageClock::of(timing, minutes, now))
    }

    /// Milliseconds an official has held the floor by `now`, all stages together.
    pub fn slot_elapsed_ms(&self, slot: Id, now: DateTime<Utc>) -> i64 {
        self.timings
            .iter()
            .filter(|(id, _)| *id == slot)
            .map(|(_, t)| t.elapsed_ms(now))
            .sum()
    }

    /// Is any clock running (so the screen must redraw every second)?
    pub fn timer_running(&self) -> bool {
        self.timings.iter().any(|(_, t)| t.is_running())
    }

    /// Rows in a pane of the official on screen.
    pub fn pane_len(&self, pane: Pane) -> usize {
        let detail = &self.detail;
        match pane {
            Pane::Questions => detail.questions.len(),
            Pane::Duties => detail.duty_items.len(),
            Pane::Risks => super::portrait::dossier_len(detail),
            Pane::Remarks => 1,
            Pane::FollowUps => detail.follow_ups.len() + detail.earlier_follow_ups.len(),
        }
    }

    /// `row` kept on one of a pane's rows.
    pub fn row_in(&self, pane: Pane, row: usize) -> usize {
        row.min(self.pane_len(pane).saturating_sub(1))
    }
}
