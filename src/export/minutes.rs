//! The minutes model: everything recorded about one meeting, read once from the store.
//! Every export format is written from this one value, so the formats cannot disagree.

use super::scrub::Scrub as _;
use crate::domain::rating_rules::{GroupTally, RatingScheme};
use crate::domain::{
    AgendaSlot, Attendance, Attendee, CardCounts, DutyItem, FollowUp, Id, Meeting, Question,
    Rating, Revision, RiskPoint, Stage, StageTiming,
};
use crate::storage::{Result, Store, TextTarget};
use crate::view::{Correction, FollowUpBefore};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The version of the JSON export's shape; raised when a field changes meaning.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Minutes {
    pub format_version: u32,
    pub generated_at: DateTime<Utc>,
    pub meeting: Meeting,
    /// When the first official began (the meeting's actual start).
    pub started_at: Option<DateTime<Utc>>,
    /// When the meeting was ended (散会); `None` while it goes on, whatever the clocks say.
    pub ended_at: Option<DateTime<Utc>>,
    pub attendees: Vec<Attendee>,
    /// The attendance as it stood at 散会 (what the 纪要 lists); those added after it are
    /// left out. While the meeting goes on, the attendance as it is.
    #[serde(skip)]
    pub attendees_at_end: Vec<Attendee>,
    /// When each attendee was added in the console, by id.
    #[serde(skip)]
    pub attendees_added_at: Vec<(Id, Option<DateTime<Utc>>)>,
    pub officials: Vec<OfficialMinutes>,
    /// Every revision of the chair's closing remarks, oldest first.
    pub closing_remarks: Vec<Revision>,
    /// The follow-ups this meeting changed, as they stood before it.
    pub follow_ups_before: Vec<FollowUpBefore>,
    /// Every correction made (withdrawals among them), oldest first: the JSON lists them;
    /// the documents show only the corrected state.
    pub corrections: Vec<Correction>,
    /// Whether private notes were asked for (`--include-notes`).
    pub notes_included: bool,
    /// What the reader of the file warned of (a schema another program changed, text that
    /// was not UTF-8): said at the head of each document, so the export is marked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
    /// The classification line (密级标志) every export carries: `--mark`, the prep's, or
    /// [`DEFAULT_MARK`].
    pub mark: String,
    /// The record's last entry in the file's hash chain when the export was made: its hash
    /// is printed by the documents and by `shuze verify`. `None` for a file without a chain.
    pub chain: Option<crate::storage::chain::ChainHead>,
    /// The meeting's rating scale, voter groups and rules (the prep's `[rating]`).
    #[serde(skip_serializing_if = "RatingScheme::is_default")]
    pub rating_scheme: RatingScheme,
}

impl OfficialMinutes {
    /// How the earlier follow-ups stand on the meeting's day.
    pub fn standing(&self) -> crate::view::Standing<'_> {
        crate::view::Standing {
            checks: &self.checks,
            day: self.meeting_day,
        }
    }
}

/// The classification line when neither `--mark` nor the prep gives one.
pub const DEFAULT_MARK: &str = "内部资料 注意保存";

/// One reporting official and everything recorded for them.
#[derive(Debug, Clone, Serialize)]
pub struct OfficialMinutes {
    pub slot: AgendaSlot,
    pub timings: Vec<StageTiming>,
    pub duty_items: Vec<DutyItem>,
    pub risk_points: Vec<RiskPoint>,
    pub counts: CardCounts,
    pub questions: Vec<QuestionMinutes>,
    /// Every revision of the chair's remarks, oldest first.
    pub remarks: Vec<Revision>,
    pub rating: Option<Rating>,
    pub follow_ups: Vec<FollowUp>,
    pub earlier_follow_ups: Vec<FollowUp>,
    /// The newest check of each earlier follow-up made up to this meeting.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<crate::domain::FollowUpCheck>,
    /// The meeting's day, that overdue working days are counted to.
    #[serde(skip)]
    pub meeting_day: Option<chrono::NaiveDate>,
    /// The newest round of tallies on the meeting's own scale.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tallies: Vec<GroupTally>,
    /// Rounds of the rating recorded (more than one: recounted).
    #[serde(skip)]
    pub rating_rounds: u32,
    /// The duty items and risk points ticked as mentioned in the report.
    #[serde(skip_serializing_if = "crate::view::Mentioned::is_empty")]
    pub mentioned: crate::view::Mentioned,
    /// Private notes, only when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<Revision>>,
    /// When the meeting ended (散会), for telling what came after.
    #[serde(skip)]
    pub ended_at: Option<DateTime<Utc>>,
    /// The rating as it stood at 散会 (the newest round recorded by then).
    #[serde(skip)]
    pub rating_at_end: Option<Rating>,
    /// When the newest rating round was recorded.
    #[serde(skip)]
    pub rating_recorded_at: Option<DateTime<Utc>>,
    /// When each follow-up raised for the official was written, by id.
    #[serde(skip)]
    pub follow_ups_raised_at: Vec<(Id, DateTime<Utc>)>,
}

/// A question with its latest answer and every revision of it.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionMinutes {
    #[serde(flatten)]
    pub question: Question,
    pub answer_revisions: Vec<Revision>,
    /// The question as it stood at 散会, with its answer then; `None` when it was added
    /// after. While the meeting goes on, the question as it is.
    #[serde(skip)]
    pub at_end: Option<Question>,
    /// When the 书面质询 mark it has now was set.
    #[serde(skip)]
    pub written_at: Option<DateTime<Utc>>,
}

impl Minutes {
    /// Reads everything about `meeting` from the store, every text made fit for a
    /// document (`scrub`): the one way text reaches an export.
    pub fn build(
        store: &Store,
        meeting: Id,
        include_notes: bool,
        now: DateTime<Utc>,
    ) -> Result<Minutes> {
        let meeting = store.meeting(meeting)?;
        let meeting_id = meeting.id;
        let timings = store.timings(meeting.id)?;
        let mut officials = Vec::new();
        for slot in store.agenda_as_shown(meeting.id)? {
            let mine = timings
                .iter()
                .filter(|(id, _)| *id == slot.id)
                .map(|(_, t)| *t)
                .collect();
            officials.push(official(store, slot, mine, include_notes)?);
        }
        let started_at = timings.iter().map(|(_, t)| t.started_at).min();
        let mut minutes = Minutes {
            format_version: FORMAT_VERSION,
            generated_at: now,
            started_at,
            ended_at: meeting.finished_at,
            attendees: store.attendees(meeting.id)?,
            attendees_at_end: Vec::new(),
            attendees_added_at: store.attendees_added_at(meeting.id)?,
            closing_remarks: store.revisions(TextTarget::Closing {
                meeting: meeting.id,
            })?,
            follow_ups_before: store.follow_ups_before(meeting.id)?,
            corrections: store.corrections(meeting.id)?,
            meeting,
            officials,
            notes_included: include_notes,
            notices: Vec::new(),
            mark: DEFAULT_MARK.to_string(),
            chain: store.chain_head()?,
            rating_scheme: store.rating_scheme(meeting_id)?,
        };
        minutes.settle();
        minutes.scrub();
        Ok(minutes)
    }

    /// Sets the classification line (control characters removed, as from any data).
    pub fn set_mark(&mut self, mark: &str) {
        self.mark = mark.trim().to_string();
        super::scrub::Scrub::scrub(&mut self.mark);
    }

    /// Works out how everything stood at 散会 (what the 纪要 counts), and marks each
    /// correction made in the console after it as a 会后补记.
    fn settle(&mut self) {
        let end = self.ended_at;
        for c in &mut self.corrections {
            if c.origin == "console" && end.is_some_and(|e| c.changed_at > e) {
                c.origin = "after_meeting".into();
            }
        }
        self.attendees_at_end = match end {
            None => self.attendees.clone(),
            Some(end) => super::after::attendees_at(self, end),
        };
        for o in &mut self.officials {
            o.ended_at = end;
            o.rating_at_end = match end {
                None => o.rating,
                Some(_) => o.rating_at_end,
            };
            for q in &mut o.questions {
                q.written_at = super::after::written_at(q, &self.corrections);
                q.at_end = match end {
                    None => Some(q.question.clone()),
                    Some(end) => super::after::question_at(q, &self.corrections, end),
                };
            }
        }
    }

    /// The closing remarks as they stood at 散会.
    pub fn closing_at_end(&self) -> Option<&Revision> {
        latest_by(&self.closing_remarks, self.ended_at)
    }

    /// How many 会后补记 the record lists.
    pub fn added_after_count(&self) -> usize {
        super::after::entries(self).len()
    }

    /// Whether `at` is after 散会.
    pub fn is_late(&self, at: DateTime<Utc>) -> bool {
        self.ended_at.is_some_and(|end| at > end)
    }

    /// Attendees expected with a vote: present plus absent (at 散会).
    pub fn expected(&self) -> usize {
        self.attendees_at_end
            .iter()
            .filter(|a| a.attendance != Attendance::NonVoting)
            .count()
    }

    /// The attendees with `attendance` as it stood at 散会 (changes after are 会后补记).
    pub fn with(&self, attendance: Attendance) -> Vec<&Attendee> {
        self.attendees_at_end
            .iter()
            .filter(|a| a.attendance == attendance)
            .collect()
    }

    /// How `follow_up` stood before this meeting changed it; `None` when it did not.
    pub fn before(&self, follow_up: Id) -> Option<&FollowUpBefore> {
        self.follow_ups_before
            .iter()
            .find(|b| b.follow_up == follow_up)
    }

    pub fn closing(&self) -> Option<&Revision> {
        latest(&self.closing_remarks)
    }

    /// Not final: the meeting has not been ended.
    pub fn is_draft(&self) -> bool {
        self.meeting.finished_at.is_none()
    }

    /// True when any official was rated (scrutineers are then named).
    pub fn rated(&self) -> bool {
        self.officials.iter().any(|o| o.rating.is_some())
    }
}

impl OfficialMinutes {
    pub fn timing(&self, stage: Stage) -> Option<&StageTiming> {
        self.timings.iter().find(|t| t.stage == stage)
    }

    pub fn remarks(&self) -> Option<&Revision> {
        latest(&self.remarks)
    }

    /// Whether the official has reported (orally or in writing): neither pending nor skipped.
    pub fn reported(&self) -> bool {
        !matches!(self.slot.stage, Stage::Pending | Stage::Skipped)
    }

    /// "单位职务" as written after a name: 某某镇党委书记.
    pub fn unit_post(&self) -> String {
        format!("{}{}", self.slot.unit, self.slot.post)
    }

    /// The questions as they stood at 散会 (those added after left out).
    pub fn questions_at_end(&self) -> Vec<&Question> {
        self.questions
            .iter()
            .filter_map(|q| q.at_end.as_ref())
            .collect()
    }

    /// The remarks as they stood at 散会.
    pub fn remarks_at_end(&self) -> Option<&Revision> {
        latest_by(&self.remarks, self.ended_at)
    }

    /// The follow-ups raised at the meeting (not after 散会).
    pub fn follow_ups_at_end(&self) -> Vec<&FollowUp> {
        self.follow_ups
            .iter()
            .filter(|f| self.raised_at(f.id).is_none_or(|at| !self.is_late(at)))
            .collect()
    }

    /// When a follow-up raised for the official was written.
    pub fn raised_at(&self, follow_up: Id) -> Option<DateTime<Utc>> {
        self.follow_ups_raised_at
            .iter()
            .find(|(id, _)| *id == follow_up)
            .map(|(_, at)| *at)
    }

    /// Whether `at` is after 散会.
    pub fn is_late(&self, at: DateTime<Utc>) -> bool {
        self.ended_at.is_some_and(|end| at > end)
    }
}

/// The newest non-blank revision saved by `end` (any, while the meeting goes on).
fn latest_by(revisions: &[Revision], end: Option<DateTime<Utc>>) -> Option<&Revision> {
    match end {
        None => latest(revisions),
        Some(end) => revisions
            .iter()
            .rfind(|r| r.saved_at <= end)
            .filter(|r| !r.body.trim().is_empty()),
    }
}

/// The newest non-blank revision.
fn latest(revisions: &[Revision]) -> Option<&Revision> {
    revisions.last().filter(|r| !r.body.trim().is_empty())
}

fn official(
    store: &Store,
    slot: AgendaSlot,
    timings: Vec<StageTiming>,
    include_notes: bool,
) -> Result<OfficialMinutes> {
    let detail = store.slot_detail(slot.id)?;
    let counts = detail.counts();
    let mut questions = Vec::new();
    for question in detail.questions {
        let answer_revisions = store.revisions(TextTarget::Answer {
            slot: slot.id,
            question: question.id,
        })?;
        questions.push(QuestionMinutes {
            question,
            answer_revisions,
            at_end: None,
            written_at: None,
        });
    }
    let notes = if include_notes {
        Some(store.revisions(TextTarget::Note { slot: slot.id })?)
    } else {
        None
    };
    let rounds = store.rating_rounds(slot.id)?;
    let ended_at = store.meeting_end(slot.id)?;
    let rating_at_end = rounds
        .iter()
        .rfind(|(_, at)| ended_at.is_none_or(|end| *at <= end))
        .map(|(rating, _)| *rating);
    Ok(OfficialMinutes {
        ended_at,
        rating_at_end,
        rating_recorded_at: rounds.last().map(|(_, at)| *at),
        follow_ups_raised_at: store.follow_ups_raised_at(slot.id)?,
        remarks: store.revisions(TextTarget::Remarks { slot: slot.id })?,
        slot,
        timings,
        duty_items: detail.duty_items,
        risk_points: detail.risk_points,
        counts,
        questions,
        rating: detail.rating,
        follow_ups: detail.follow_ups,
        earlier_follow_ups: detail.earlier_follow_ups,
        checks: detail.checks,
        meeting_day: detail.meeting_day,
        tallies: detail.tallies,
        rating_rounds: detail.rating_rounds,
        mentioned: detail.mentioned,
        notes,
    })
}
