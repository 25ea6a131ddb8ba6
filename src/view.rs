//! What the console, the audience view and the exports read: the domain's records put
//! together for one screen or one document. No I/O: the store fills these in.

use crate::domain::rating_rules::{GroupTally, RatingScheme};
use crate::domain::{
    AgendaSlot, Attendee, CardCounts, DutyItem, FollowUp, FollowUpCheck, FollowUpMark, Id, Meeting,
    Question, Rating, Revision, RiskPoint, StageTiming,
};
use chrono::NaiveDate;

/// A meeting as the console shows it, apart from one official's detail.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingView {
    pub meeting: Meeting,
    pub agenda: Vec<AgendaSlot>,
    /// Every stage clock of every official, with the official's slot id.
    pub timings: Vec<(Id, StageTiming)>,
    /// Present attendees with a vote: the default number of voters.
    pub voters: u32,
    /// Everyone on the attendance list, as it now stands.
    pub attendees: Vec<crate::domain::Attendee>,
    /// The newest text of the chair's closing remarks for the whole meeting.
    pub closing: Option<Revision>,
}

/// What a write changed, so that only that is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Changed {
    /// The agenda's stages and the clocks.
    pub agenda: bool,
    /// The current official's detail (answers, questions, rating, follow-ups).
    pub detail: bool,
    /// The closing remarks.
    pub closing: bool,
}

impl Changed {
    pub const NOTHING: Changed = Changed {
        agenda: false,
        detail: false,
        closing: false,
    };

    pub fn or(self, other: Changed) -> Changed {
        Changed {
            agenda: self.agenda || other.agenda,
            detail: self.detail || other.detail,
            closing: self.closing || other.closing,
        }
    }
}

/// Which typed text a revision belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextTarget {
    /// The answer to one question.
    Answer { slot: Id, question: Id },
    /// The chair's remarks (点评) on one official.
    Remarks { slot: Id },
    /// The recorder's private note on one official.
    Note { slot: Id },
    /// The chair's closing remarks (会议总结) for the whole meeting.
    Closing { meeting: Id },
}

impl TextTarget {
    pub fn kind(self) -> &'static str {
        match self {
            TextTarget::Answer { .. } => "answer",
            TextTarget::Remarks { .. } => "remarks",
            TextTarget::Note { .. } => "note",
            TextTarget::Closing { .. } => "closing",
        }
    }

    pub fn question(self) -> Option<Id> {
        match self {
            TextTarget::Answer { question, .. } => Some(question),
            _ => None,
        }
    }

    /// (owner row, kind, question): the slot, or the meeting for meeting-wide texts.
    pub(crate) fn key(self) -> (Id, &'static str, Option<Id>) {
        let owner = match self {
            TextTarget::Answer { slot, .. }
            | TextTarget::Remarks { slot }
            | TextTarget::Note { slot } => slot,
            TextTarget::Closing { meeting } => meeting,
        };
        (owner, self.kind(), self.question())
    }
}

/// A meeting with how far it has got, for choosing which one to open.
#[derive(Debug, Clone)]
pub struct MeetingListing {
    pub meeting: Meeting,
    pub slots: usize,
    pub closed_slots: usize,
}

impl MeetingListing {
    /// Ended by the recorder (散会); a meeting whose officials have all reported is still
    /// open until then.
    pub fn is_finished(&self) -> bool {
        self.meeting.finished_at.is_some()
    }
}

/// Everything shown for one official, loaded when the recorder moves to them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SlotDetail {
    pub duty_items: Vec<DutyItem>,
    pub risk_points: Vec<RiskPoint>,
    pub questions: Vec<Question>,
    pub remarks: Option<Revision>,
    /// Private recorder note: never projected or exported unless asked for.
    pub note: Option<Revision>,
    pub rating: Option<Rating>,
    /// Follow-ups raised for this official in this meeting.
    pub follow_ups: Vec<FollowUp>,
    /// Follow-ups of the same unit from before this meeting.
    pub earlier_follow_ups: Vec<FollowUp>,
    /// The newest check of each earlier follow-up up to this meeting (已完成, 整改中, 逾期).
    pub checks: Vec<FollowUpCheck>,
    /// The meeting's day: what overdue days are counted to.
    pub meeting_day: Option<NaiveDate>,
    /// The newest round of tallies on the meeting's own scale and voter groups.
    pub tallies: Vec<GroupTally>,
    /// Rounds of the rating recorded (more than one: a recount took place).
    pub rating_rounds: u32,
    /// The duty items and risk points ticked as mentioned in the report.
    pub mentioned: Mentioned,
    /// The unit's political portrait (政治画像): for the recorder only, never projected.
    pub portrait: Vec<crate::domain::PortraitFinding>,
    /// Reminder talks (提醒谈话) held with the official, newest first: for the recorder only.
    pub talks: Vec<crate::domain::ReminderTalk>,
}

/// One unit's year (`shuze report --year`): its ratings and its follow-ups' ends.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct UnitYear {
    pub unit: String,
    /// Its rating at each meeting it reported at, oldest first (every year in the file).
    pub ratings: Vec<YearRating>,
    /// Follow-ups raised at the year's meetings.
    pub raised: u32,
    /// Completed by the deadline (or with no date of completion recorded).
    pub completed_on_time: u32,
    pub completed_late: u32,
    /// Not completed; `overdue` of them past the deadline.
    pub open: u32,
    pub overdue: u32,
    /// The 政治画像 findings prepared for the year's meetings, per dimension in the order
    /// of `PortraitDimension::ALL`.
    pub portrait: [u32; 5],
}

impl UnitYear {
    /// Completed of raised, in percent (`None` when none was raised).
    pub fn completion_percent(&self) -> Option<f64> {
        (self.raised > 0).then(|| {
            f64::from(self.completed_on_time + self.completed_late) * 100.0 / f64::from(self.raised)
        })
    }
}

/// A unit's rating at one meeting: the share of 好 and 较好, and the rules' result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct YearRating {
    pub held_on: NaiveDate,
    pub approval_percent: Option<f64>,
    pub result: String,
}

/// The duty items and risk points ticked as mentioned in an official's report, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Mentioned {
    pub duty_items: Vec<Id>,
    pub risk_points: Vec<Id>,
}

impl Mentioned {
    pub fn is_empty(&self) -> bool {
        self.duty_items.is_empty() && self.risk_points.is_empty()
    }
}

impl SlotDetail {
    /// The numbers the article's question asks for.
    pub fn counts(&self) -> CardCounts {
        CardCounts {
            duty_items: self.duty_items.len(),
            risk_points: self.risk_points.len(),
            measures: self.risk_points.iter().map(|r| r.measures.len()).sum(),
            rules: self.risk_points.iter().map(|r| r.rules.len()).sum(),
            open_earlier_follow_ups: self
                .earlier_follow_ups
                .iter()
                .filter(|f| self.still_open(f))
                .count(),
            overdue_earlier_follow_ups: self
                .earlier_follow_ups
                .iter()
                .filter(|f| self.overdue(f))
                .count(),
        }
    }

    /// The ballots the rules decide on: the tallies on the meeting's scale, else the
    /// four-grade rating as one group (when the scale is the default one).
    pub fn rating_tallies(&self, scheme: &RatingScheme) -> Vec<GroupTally> {
        tallies_for(scheme, &self.tallies, self.rating.as_ref())
    }

    /// How the earlier follow-ups stand on the meeting's day.
    pub fn standing(&self) -> Standing<'_> {
        Standing {
            checks: &self.checks,
            day: self.meeting_day,
        }
    }

    pub fn check(&self, follow_up: Id) -> Option<&FollowUpCheck> {
        self.standing().check(follow_up)
    }

    pub fn still_open(&self, f: &FollowUp) -> bool {
        self.standing().still_open(f)
    }

    pub fn overdue_days(&self, f: &FollowUp) -> u32 {
        self.standing().overdue_days(f)
    }

    pub fn overdue(&self, f: &FollowUp) -> bool {
        self.standing().overdue(f)
    }
}

/// The ballots the rules decide on, from the tallies on the meeting's scale or the
/// four-grade rating.
pub fn tallies_for(
    scheme: &RatingScheme,
    tallies: &[GroupTally],
    rating: Option<&Rating>,
) -> Vec<GroupTally> {
    if !tallies.is_empty() {
        return tallies.to_vec();
    }
    match rating {
        Some(r) if scheme.grades.len() == 4 && scheme.groups.is_empty() => vec![GroupTally {
            group: String::new(),
            counts: vec![r.excellent, r.good, r.fair, r.poor],
        }],
        _ => Vec::new(),
    }
}

/// Earlier follow-ups as they stand on a meeting's day: the checks made up to it.
#[derive(Debug, Clone, Copy)]
pub struct Standing<'a> {
    pub checks: &'a [FollowUpCheck],
    pub day: Option<NaiveDate>,
}

impl<'a> Standing<'a> {
    /// The newest check of an earlier follow-up, when it was checked.
    pub fn check(&self, follow_up: Id) -> Option<&'a FollowUpCheck> {
        self.checks.iter().find(|c| c.follow_up == follow_up)
    }

    /// Open: its status says so and no check found it completed.
    pub fn still_open(&self, f: &FollowUp) -> bool {
        let completed = self
            .check(f.id)
            .is_some_and(|c| c.mark == FollowUpMark::Completed);
        f.status.is_open() && !completed
    }

    /// Working days an earlier follow-up is past its deadline on the meeting's day, while
    /// it is open.
    pub fn overdue_days(&self, f: &FollowUp) -> u32 {
        match self.day {
            Some(day) if self.still_open(f) => f.overdue_on(day),
            _ => 0,
        }
    }

    /// Open and past its deadline, or checked as 逾期.
    pub fn overdue(&self, f: &FollowUp) -> bool {
        let marked = self
            .check(f.id)
            .is_some_and(|c| c.mark == FollowUpMark::Overdue);
        self.still_open(f) && (marked || self.overdue_days(f) > 0)
    }
}

/// Which pane row a search hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchTarget {
    Official,
    DutyItem(usize),
    RiskPoint(usize),
    Question(usize),
    /// The chair's remarks on the official.
    Remarks,
    /// A row of the follow-ups pane: this meeting's first, then earlier ones.
    FollowUp(usize),
    /// The chair's closing remarks for the whole meeting.
    Closing,
}

/// One place in the meeting where the search text occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub slot_index: usize,
    pub target: SearchTarget,
    pub excerpt: String,
}

/// A checked meeting, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedMeeting {
    /// Header; `id` is 0 until written.
    pub meeting: Meeting,
    /// Where the title stands in the file, for the "already imported" message.
    pub title_at: (usize, usize),
    pub attendees: Vec<Attendee>,
    pub officials: Vec<PreparedOfficial>,
}

/// One official with what was prepared for them.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedOfficial {
    /// `id` is 0 until written.
    pub slot: AgendaSlot,
    pub duty_items: Vec<DutyItem>,
    pub risk_points: Vec<RiskPoint>,
    pub questions: Vec<PreparedQuestion>,
    pub earlier_follow_ups: Vec<FollowUp>,
    /// The unit's political portrait (政治画像): its findings per dimension.
    pub portrait: Vec<crate::domain::PortraitFinding>,
    /// Reminder talks (提醒谈话) held with the official.
    pub talks: Vec<crate::domain::ReminderTalk>,
}

/// A question prepared before the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedQuestion {
    pub asker: String,
    pub text: String,
}

/// A follow-up as it stood before a meeting changed it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FollowUpBefore {
    pub follow_up: Id,
    /// Every field as it stood then (in the JSON beside `follow_up`, as before, when only
    /// status and progress were kept).
    #[serde(flatten)]
    pub state: crate::domain::FollowUp,
}

/// One correction made during (or after) a meeting: what it corrected and the whole state
/// after it, as the file keeps it. Listed in the JSON export, withdrawals among them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Correction {
    /// question, duty_item, risk_point, agenda, attendee or follow_up.
    pub kind: String,
    /// The id of what it corrected.
    pub target: Id,
    pub changed_at: chrono::DateTime<chrono::Utc>,
    /// Every field after the change (`withdrawn: 1` for a withdrawal).
    pub state: serde_json::Value,
    /// Every field before it: the change before, else as prepared or first recorded.
    /// Written to the JSON only with `--revisions`.
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub before: serde_json::Value,
    /// Who made it: `console`, `import` (`import --update`), or `after_meeting` (in the
    /// console after 散会: a 会后补记). Written to the JSON only with `--revisions`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub origin: String,
}
