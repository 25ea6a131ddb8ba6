//! The meeting's vocabulary: plain data types named as in the domain guide, no I/O.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

pub mod history;
mod names;
pub mod portrait;
pub mod rating_rules;
pub mod workdays;
pub use names::Word;
pub use portrait::{PortraitDimension, PortraitFinding, ReminderTalk};

/// Database row id.
pub type Id = i64;

/// Header of a duty-and-integrity reporting meeting (述责述廉会议).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub id: Id,
    pub title: String,
    pub held_on: NaiveDate,
    pub starts_at: Option<NaiveTime>,
    pub place: String,
    pub chair: String,
    pub chair_post: String,
    pub recorder: String,
    /// 计票人、监票人, named where a rating is held.
    pub scrutineers: Vec<String>,
    /// Minutes for the stages after the report.
    pub allotments: Allotments,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Minutes allotted to the stages after each official's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Allotments {
    pub questions: u32,
    pub remarks: u32,
    pub rating: u32,
    pub follow_ups: u32,
}

impl Default for Allotments {
    /// What a county's meeting usually gives: 10, 5, 3 and 5 minutes.
    fn default() -> Self {
        Allotments {
            questions: 10,
            remarks: 5,
            rating: 3,
            follow_ups: 5,
        }
    }
}

/// Whether an attendee is present with a vote, present without one, or absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendance {
    /// 出席
    Present,
    /// 列席
    NonVoting,
    /// 缺席
    Absent,
}

/// Someone in the room (or absent from it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendee {
    /// The row's id; 0 before it is stored.
    #[serde(skip)]
    pub id: Id,
    pub name: String,
    pub post: String,
    pub attendance: Attendance,
    pub reason: String,
    /// Came in after the meeting began (迟到), at this time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrived_at: Option<DateTime<Utc>>,
    /// Left before the end (早退), at this time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_at: Option<DateTime<Utc>>,
}

/// Where an official is in the meeting; `Skipped` carries no reason here, the slot does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Stage {
    #[default]
    Pending,
    Report,
    Questions,
    Remarks,
    Rating,
    FollowUps,
    Done,
    Skipped,
}

impl Stage {
    /// The stages that carry a timer, in meeting order.
    pub const TIMED: [Stage; 5] = [
        Stage::Report,
        Stage::Questions,
        Stage::Remarks,
        Stage::Rating,
        Stage::FollowUps,
    ];

    /// The stage after this one when the recorder moves on.
    pub fn next(self) -> Stage {
        match self {
            Stage::Pending => Stage::Report,
            Stage::Report => Stage::Questions,
            Stage::Questions => Stage::Remarks,
            Stage::Remarks => Stage::Rating,
            Stage::Rating => Stage::FollowUps,
            Stage::FollowUps | Stage::Done => Stage::Done,
            Stage::Skipped => Stage::Skipped,
        }
    }

    /// The stage before this one when the recorder steps back.
    pub fn previous(self) -> Stage {
        match self {
            Stage::Pending | Stage::Report => Stage::Pending,
            Stage::Questions => Stage::Report,
            Stage::Remarks => Stage::Questions,
            Stage::Rating => Stage::Remarks,
            Stage::FollowUps => Stage::Rating,
            Stage::Done => Stage::FollowUps,
            Stage::Skipped => Stage::Pending,
        }
    }

    /// True while the official holds the floor.
    pub fn is_timed(self) -> bool {
        Stage::TIMED.contains(&self)
    }

    /// True once nothing more is expected of this official.
    pub fn is_closed(self) -> bool {
        matches!(self, Stage::Done | Stage::Skipped)
    }
}

/// One reporting official (一把手) in the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaSlot {
    pub id: Id,
    pub position: u32,
    pub name: String,
    pub unit: String,
    pub post: String,
    /// 分管县领导: the leader in charge, who is copied on follow-ups.
    pub supervisor: String,
    pub report_minutes: u32,
    /// 书面述责: reports in writing only, no speech.
    pub written_only: bool,
    pub stage: Stage,
    pub skip_reason: String,
}

impl AgendaSlot {
    /// Minutes allotted to a stage: the report as prepared for this official, the others
    /// as the meeting gives them.
    pub fn allotted_minutes(&self, stage: Stage, meeting: &Allotments) -> u32 {
        match stage {
            Stage::Report => self.report_minutes,
            Stage::Questions => meeting.questions,
            Stage::Remarks => meeting.remarks,
            Stage::Rating => meeting.rating,
            Stage::FollowUps => meeting.follow_ups,
            Stage::Pending | Stage::Done | Stage::Skipped => 0,
        }
    }

    /// The stage after `self.stage`; a written-only report (书面述责) has no speech.
    pub fn next_stage(&self) -> Stage {
        match (self.stage, self.written_only) {
            (Stage::Pending, true) => Stage::Questions,
            (stage, _) => stage.next(),
        }
    }

    /// The stage before `self.stage`.
    pub fn previous_stage(&self) -> Stage {
        match (self.stage, self.written_only) {
            (Stage::Questions, true) => Stage::Pending,
            (stage, _) => stage.previous(),
        }
    }
}

/// The running time of one stage of one official.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StageTiming {
    pub stage: Stage,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Milliseconds counted before `running_since` (earlier runs before a pause).
    pub accumulated_ms: i64,
    /// When the clock was last started; `None` while paused or ended.
    pub running_since: Option<DateTime<Utc>>,
}

impl StageTiming {
    /// Milliseconds this stage has run until `now`, pauses excluded.
    pub fn elapsed_ms(&self, now: DateTime<Utc>) -> i64 {
        let running = self
            .running_since
            .map(|since| (now - since).num_milliseconds().max(0))
            .unwrap_or(0);
        self.accumulated_ms + running
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }
}

/// A stage's clock at one moment: the time used against the time allotted. The one place
/// where elapsed, remaining and overrun are worked out, for the console, the projection and
/// the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageClock {
    pub elapsed_ms: i64,
    pub allotted_ms: i64,
    pub running: bool,
}

impl StageClock {
    pub fn of(timing: &StageTiming, allotted_minutes: u32, now: DateTime<Utc>) -> StageClock {
        StageClock {
            elapsed_ms: timing.elapsed_ms(now),
            allotted_ms: allotted_minutes as i64 * 60_000,
            running: timing.is_running(),
        }
    }

    /// How far past the allotment, once it is passed.
    pub fn overrun_ms(&self) -> Option<i64> {
        (self.elapsed_ms > self.allotted_ms).then(|| self.elapsed_ms - self.allotted_ms)
    }

    /// "03:12": the time used, whole seconds (rounded down).
    pub fn elapsed(&self) -> String {
        clock(self.elapsed_ms)
    }

    pub fn allotted(&self) -> String {
        clock(self.allotted_ms)
    }

    /// The time left, rounded up to the second, so that what is shown as used and as left
    /// always adds up to the allotment.
    pub fn remaining(&self) -> String {
        clock((self.allotted_ms - self.elapsed_ms).max(0) + 999)
    }

    /// "-01:05" past the allotment (rounded down, like the time used).
    pub fn overrun(&self) -> Option<String> {
        self.overrun_ms().map(|ms| format!("-{}", clock(ms)))
    }
}

/// "03:12", or "1:03:12" past an hour: whole seconds, rounded down.
pub fn clock(ms: i64) -> String {
    let seconds = ms.max(0) / 1000;
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// How a duty item reached the official.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DutySource {
    /// 年初提示
    AnnualReminder,
    /// 按季派单
    QuarterlyDispatch,
    /// 适时增单
    AddedDispatch,
}

/// How far a duty item has been carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DutyStatus {
    /// 未启动
    NotStarted,
    /// 推进中
    InProgress,
    /// 已落实
    Done,
}

/// 主体责任事项.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DutyItem {
    /// The row's id; 0 before it is stored.
    #[serde(skip)]
    pub id: Id,
    pub source: DutySource,
    /// Year and quarter, "2026Q2".
    pub quarter: String,
    pub text: String,
    /// 落实情况.
    pub progress: String,
    pub status: DutyStatus,
    /// The prep's columns the program has no field for, in the sheet's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Extra>,
}

/// 高 / 中 / 低.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskLevel {
    High,
    Medium,
    Low,
}

/// 廉政风险点 with its 防控措施 and 完善制度.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskPoint {
    /// The row's id; 0 before it is stored.
    #[serde(skip)]
    pub id: Id,
    pub text: String,
    pub level: RiskLevel,
    pub measures: Vec<String>,
    pub rules: Vec<String>,
    /// The prep's columns the program has no field for, in the sheet's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Extra>,
}

/// One revision of a text typed during the meeting; revisions are never overwritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    pub body: String,
    pub saved_at: DateTime<Utc>,
    /// Saved while being typed and not yet kept as a revision of its own (the console
    /// stopped before the recorder paused or left the editor).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

/// The reasons a recorder may give for a 书面质询 at `w` (optional: none is also a choice);
/// the documents write the one chosen, never one that was not.
pub const WRITTEN_REASONS: [&str; 3] = ["回答未能令人满意", "需书面材料", "会上未及回答"];

/// A question (提问 / 质询) and the latest revision of its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub id: Id,
    pub position: u32,
    pub asker: String,
    pub text: String,
    /// Prepared before the meeting, or raised on the spot.
    pub prepared: bool,
    pub asked_at: Option<DateTime<Utc>>,
    /// 书面质询: a written reply is due.
    pub needs_written_reply: bool,
    /// Why, when the recorder chose a reason at `w` (empty: none given).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub written_reason: String,
    pub answer: Option<Revision>,
}

/// 民主测评 tallies of one round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Rating {
    pub voters: u32,
    pub excellent: u32,
    pub good: u32,
    pub fair: u32,
    pub poor: u32,
}

impl Rating {
    /// Ballots counted across the four grades.
    pub fn counted(&self) -> u32 {
        self.excellent + self.good + self.fair + self.poor
    }
}

/// Why a rating cannot be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingError {
    /// The four grades add up to more ballots than voters.
    TooManyBallots {
        counted: u32,
        voters: u32,
    },
    NoVoters,
}

impl Rating {
    /// Share of 好 and 较好 among the counted ballots, in percent.
    pub fn approval_percent(&self) -> Option<f64> {
        let counted = self.counted();
        (counted > 0).then(|| (self.excellent + self.good) as f64 * 100.0 / counted as f64)
    }

    pub fn validate(&self) -> Result<(), RatingError> {
        if self.voters == 0 {
            return Err(RatingError::NoVoters);
        }
        if self.counted() > self.voters {
            return Err(RatingError::TooManyBallots {
                counted: self.counted(),
                voters: self.voters,
            });
        }
        Ok(())
    }
}

/// Where a follow-up was raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpSource {
    /// 提问
    Question,
    /// 点评
    Remarks,
    /// 民主测评
    Rating,
    /// 会前反馈
    Feedback,
}

/// 整改方式.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpMode {
    /// 立行立改
    Immediate,
    /// 限期整改
    ByDeadline,
    /// 长期坚持
    LongTerm,
}

/// 未启动 / 整改中 / 已完成 / 已销号.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpStatus {
    NotStarted,
    InProgress,
    Completed,
    Closed,
}

impl FollowUpStatus {
    /// Still to be fixed: counts against the unit.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            FollowUpStatus::NotStarted | FollowUpStatus::InProgress
        )
    }
}

/// One row of the "four lists, one table" (四张清单一张表).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// Row id; 0 until written.
    pub id: Id,
    pub source: FollowUpSource,
    pub category: String,
    /// 问题
    pub problem: String,
    /// 整改任务
    pub task: String,
    /// 整改措施
    pub measure: String,
    /// 责任领导
    pub lead: String,
    /// 责任单位/责任人
    pub owner: String,
    /// 时限
    pub deadline: Option<NaiveDate>,
    /// The deadline as it was set, in working days (`15个工作日`), when it was: the
    /// record shows both; `None` when a date was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_workdays: Option<u32>,
    pub mode: FollowUpMode,
    pub progress: String,
    pub status: FollowUpStatus,
    /// 抄告: the leader in charge by default.
    pub copied_to: String,
    /// Date raised (earlier follow-ups) or recorded (this meeting).
    pub raised_on: Option<NaiveDate>,
    /// The question it came from, when raised on a question of this meeting.
    pub question: Option<Id>,
    /// Its identity for ever, across meetings and files (32 hex digits, written into an
    /// exported prep so that the next meeting's import finds it); empty until written.
    pub key: String,
    /// The prep's columns the program has no field for (备注, 分管领导意见 …), in the
    /// sheet's order: shown on the card, listed in the ledger, written back by export-prep.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<Extra>,
}

/// A column of the prep the program has no field for, kept with its row: the header and the
/// row's cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extra {
    pub label: String,
    pub value: String,
}

impl Extra {
    /// Fields in one line, each `label{colon}value`, `between` them: `备注：…；分管领导意见：…`.
    pub fn joined(fields: &[Extra], colon: &str, between: &str) -> String {
        let fields: Vec<String> = fields
            .iter()
            .map(|e| format!("{}{colon}{}", e.label, e.value))
            .collect();
        fields.join(between)
    }
}

/// What the recorder found when an earlier follow-up was checked in this meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpMark {
    /// 已完成
    Completed,
    /// 整改中
    InProgress,
    /// 逾期
    Overdue,
}

/// An earlier follow-up checked in a meeting: the mark, the recorder's comment and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUpCheck {
    pub follow_up: Id,
    pub mark: FollowUpMark,
    pub comment: String,
    /// The meeting's day (local).
    pub checked_on: NaiveDate,
    pub checked_at: DateTime<Utc>,
}

impl FollowUp {
    /// Working days past its deadline on `day` (0 when not past, or without a deadline).
    pub fn overdue_on(&self, day: NaiveDate) -> u32 {
        self.deadline
            .map(|deadline| workdays::calendar().working_days_between(deadline, day))
            .unwrap_or(0)
    }
}

/// Counts the article's question asks for, shown on the official's card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct CardCounts {
    pub duty_items: usize,
    pub risk_points: usize,
    pub measures: usize,
    pub rules: usize,
    pub open_earlier_follow_ups: usize,
    /// Earlier follow-ups still open and past their deadline (or checked as 逾期).
    pub overdue_earlier_follow_ups: usize,
}

/// How the projected picture is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Picture {
    /// The current official: card, stage, clock and question.
    #[default]
    Card,
    /// Name, unit and timer in large glyphs filling the screen.
    Spotlight,
    /// The official's rating result (民主测评), as a large table.
    Rating,
    /// The follow-ups agreed for the official (问题清单).
    FollowUps,
    /// The agenda: who has reported, who is next, and their times.
    Agenda,
    /// 休会, with a countdown to resuming when one is set.
    Pause,
    /// The meeting's title, date, place and chair, before it starts.
    Title,
    /// Black, with the meeting title only.
    Blank,
}

/// What the room sees, as the recorder chose it: part of the meeting's state, saved with
/// the console's resume point so that `shuze present` follows it. Every field has a
/// default, so a file written before it existed reads as the official's card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Room {
    /// The picture chosen (never `Blank`: blanking is `blank`, over whatever is chosen).
    pub picture: Picture,
    /// Blanked: black with the title only, until blanked again.
    pub blank: bool,
    /// The answer to the selected question is shown as it is typed.
    pub answers: bool,
    /// When the meeting resumes, counted down on the pause screen.
    pub resume_at: Option<DateTime<Utc>>,
    /// Counts the recorder's changes, so that an audience view knows the recorder changed
    /// the picture even when it came back to the same one.
    pub serial: u64,
}

/// What the room sees, as the audience view reads it: the official on screen and the
/// picture. The console writes it (`Store::save_room_view`) whenever either changes;
/// `shuze present` reads only this, never the recorder's own state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoomView {
    /// The agenda slot of the official on screen; `None` before any is chosen.
    pub slot: Option<Id>,
    /// The question shown (its place in the official's list, 0 first).
    pub question: usize,
    /// The follow-up whose page is shown (its place, 0 first).
    pub follow_up: usize,
    pub room: Room,
}

impl Room {
    /// The picture drawn now.
    pub fn shown(&self) -> Picture {
        if self.blank {
            Picture::Blank
        } else {
            self.picture
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_used_and_the_time_left_add_up_to_the_allotment() {
        for elapsed_ms in [0, 1, 999, 1_000, 1_001, 150_500, 449_999, 480_000] {
            let clock = StageClock {
                elapsed_ms,
                allotted_ms: 480_000,
                running: true,
            };
            let seconds = |text: String| {
                let (m, s) = text.split_once(':').unwrap();
                m.parse::<i64>().unwrap() * 60 + s.parse::<i64>().unwrap()
            };
            assert_eq!(
                seconds(clock.elapsed()) + seconds(clock.remaining()),
                480,
                "{elapsed_ms}"
            );
            assert_eq!(clock.overrun(), None);
        }
        let over = StageClock {
            elapsed_ms: 545_000,
            allotted_ms: 480_000,
            running: false,
        };
        assert_eq!(over.overrun().as_deref(), Some("-01:05"));
        assert_eq!(clock(3_723_000), "1:02:03");
    }
}

/// A change to a question: each `Some` replaces that field, `None` keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionChange {
    pub asker: Option<String>,
    pub text: Option<String>,
    /// `Some(None)` marks it not asked after all.
    pub asked_at: Option<Option<DateTime<Utc>>>,
    pub needs_written_reply: Option<bool>,
    pub withdrawn: Option<bool>,
    /// The 书面质询's reason as the recorder chose it (empty: none given).
    pub written_reason: Option<String>,
}

/// Where an official moves in the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaMove {
    Up,
    Down,
    ToEnd,
}

/// A change to an official's place on the agenda: each `Some` replaces that field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgendaChange {
    pub position: Option<i64>,
    pub name: Option<String>,
    pub post: Option<String>,
    pub supervisor: Option<String>,
    pub report_minutes: Option<u32>,
    pub written_only: Option<bool>,
    /// Taken off the agenda (kept in the file, shown nowhere).
    pub withdrawn: Option<bool>,
}
