//! An official's (or unit's) earlier meetings in the file, as the history view shows them:
//! read-only, newest first, in the meeting's words.

use super::rating_rules::{GroupTally, RatingOutcome};
use super::{FollowUp, FollowUpCheck, Stage};
use chrono::NaiveDate;

/// What the file holds from before the meeting on screen for one official: every earlier
/// meeting in which the same unit or the same person reported, and the unit's follow-ups
/// that came in with a preparation (raised before any meeting in the file).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The official on screen, and their unit.
    pub official: String,
    pub unit: String,
    /// The day of the meeting on screen: overdue working days are counted to it.
    pub day: Option<NaiveDate>,
    /// Newest first.
    pub meetings: Vec<EarlierMeeting>,
    /// The unit's follow-ups from before the file's meetings (a prep's 以往问题).
    pub imported: Vec<TrackedFollowUp>,
    /// The unit's political portrait (政治画像), each finding with the day of the meeting
    /// whose preparation brought it, oldest first.
    pub portrait: Vec<(NaiveDate, super::PortraitFinding)>,
    /// The reminder talks (提醒谈话) held with the unit's head, oldest first.
    pub talks: Vec<super::ReminderTalk>,
}

impl History {
    /// Nothing earlier in the file: no meeting and no imported follow-up.
    pub fn is_empty(&self) -> bool {
        self.meetings.is_empty() && self.imported.is_empty()
    }
}

/// One earlier meeting as it went for the unit.
#[derive(Debug, Clone, PartialEq)]
pub struct EarlierMeeting {
    pub title: String,
    pub held_on: NaiveDate,
    /// 散会 was recorded.
    pub finished: bool,
    /// Who reported then, their post and unit.
    pub official: String,
    pub post: String,
    pub unit: String,
    /// Where the official got to (`Skipped` with `skip_reason`).
    pub stage: Stage,
    pub skip_reason: String,
    pub rating: Option<EarlierRating>,
    pub questions: Vec<EarlierQuestion>,
    /// The chair's remarks (点评), final revision.
    pub remarks: Option<String>,
    pub follow_ups: Vec<TrackedFollowUp>,
}

/// The rating's final round, on that meeting's scale.
#[derive(Debug, Clone, PartialEq)]
pub struct EarlierRating {
    /// The scale, best first.
    pub grades: Vec<String>,
    /// Ballots per voter group and grade.
    pub tallies: Vec<GroupTally>,
    /// Voters, when the four-grade form gave them.
    pub voters: Option<u32>,
    /// What that meeting's rules decided (empty without rules).
    pub outcome: RatingOutcome,
    /// Rounds recorded: more than one means a recount took place.
    pub rounds: u32,
    /// The meeting had rating rules.
    pub ruled: bool,
}

/// A question put to the official, with its answer's final revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierQuestion {
    pub asker: String,
    pub text: String,
    pub answer: Option<String>,
    /// 书面质询, and its reason when one was chosen.
    pub written_reply: bool,
    pub written_reason: String,
}

/// A follow-up and how it ended: its state now, every dated check, and the working days it
/// is past its deadline on the day of the meeting on screen while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedFollowUp {
    pub follow_up: FollowUp,
    /// Oldest first.
    pub checks: Vec<FollowUpCheck>,
    pub overdue_days: u32,
}

impl TrackedFollowUp {
    /// The newest check, when it was checked.
    pub fn last_check(&self) -> Option<&FollowUpCheck> {
        self.checks.last()
    }
}
