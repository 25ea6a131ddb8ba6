//! Every sentence the record, the 纪要 and the ledger write of their own (not the recorder's
//! text), each with the recorded facts it states: one table, so that a sentence is written
//! only when its facts were recorded, and a test can hold the documents to it.

use super::minutes::{Minutes, OfficialMinutes};
use crate::domain::{FollowUpSource, Stage};

/// A recorded fact a generated sentence states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// The report's time was taken (the report stage ran).
    ReportTimed,
    /// The official reports in writing (书面述责, as prepared).
    WrittenReport,
    /// The official was skipped, with the reason typed.
    Skipped,
    /// A question was put (it has the time it was put, or an answer).
    QuestionPut,
    /// A question was marked 书面质询 (`w`).
    WrittenReply,
    /// A reason was chosen at `w`.
    WrittenReason,
    /// Rating tallies were entered.
    RatingRecorded,
    /// The chair's remarks were typed.
    RemarksRecorded,
    /// A follow-up was raised for the official.
    FollowUpRaised,
    /// A follow-up was raised with 提问 as its source and the question picked.
    FollowUpFromQuestion,
    /// An earlier follow-up was updated in this meeting.
    FollowUpUpdated,
    /// The closing remarks were typed.
    ClosingRecorded,
    /// The meeting was ended (散会).
    MeetingEnded,
    /// Something was added or changed after 散会.
    AddedAfter,
    /// An attendee's arrival or leaving time was recorded at the meeting.
    CameOrWent,
    /// An earlier follow-up of the unit was checked (已完成, 整改中 or 逾期: `C`).
    FollowUpChecked,
}

/// Which document writes a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Record,
    Summary,
    Ledger,
}

/// A sentence a document writes of its own: words that are always in it (to find it in a
/// document), and the facts it needs.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub doc: Doc,
    pub words: &'static str,
    pub needs: &'static [Fact],
}

use Doc::*;
use Fact::*;

macro_rules! sentences {
    ($($name:ident: $doc:ident, $words:literal, [$($fact:ident),*];)*) => {
        $(pub const $name: Sentence = Sentence { doc: $doc, words: $words, needs: &[$($fact),*] };)*
        /// Every sentence of the table.
        pub const ALL: &[Sentence] = &[$($name),*];
    };
}

sentences! {
    RECORD_CAME_AND_WENT: Record, "迟到、早退", [CameOrWent];
    RECORD_SCRUTINEERS: Record, "计票人、监票人", [RatingRecorded];
    RECORD_AGENDA_RATING: Record, "．民主测评", [RatingRecorded];
    RECORD_SKIPPED: Record, "已跳过，原因", [Skipped];
    RECORD_WRITTEN_REPORT: Record, "书面报告。", [WrittenReport];
    RECORD_ORAL_REPORT: Record, "口头报告，用时", [ReportTimed];
    RECORD_QUESTION_COUNTS: Record, "提问与回答", [];
    RECORD_WRITTEN_COUNT: Record, "其中书面质询", [WrittenReply];
    RECORD_QUESTION_TIME: Record, "提问）：", [QuestionPut];
    RECORD_WRITTEN_REPLY: Record, "会上转为书面质询", [WrittenReply];
    RECORD_WRITTEN_REASON: Record, "书面质询理由", [WrittenReply, WrittenReason];
    RECORD_RATING_TABLE: Record, "测评结果", [RatingRecorded];
    RECORD_NO_RATING: Record, "本次会议未进行民主测评。", [];
    RECORD_NO_PLACE: Record, "（未填写）", [];
    RECORD_NOT_YET: Record, "尚未述责。", [];
    RECORD_NOT_REPORTED: Record, "本次会议未述责。", [MeetingEnded];
    RECORD_NO_REPORT: Record, "未作报告。", [];
    RECORD_NOT_ASKED: Record, "个准备的问题未提问", [];
    RECORD_ON_THE_SPOT: Record, "【现场提问】", [QuestionPut];
    RECORD_NO_ANSWER: Record, "（未记录回答）", [QuestionPut];
    RECORD_NO_TEXT: Record, "（未记录）", [];
    RECORD_NO_FOLLOW_UPS: Record, "本次会议未形成整改事项。", [];
    RECORD_ENDED: Record, "散会（", [MeetingEnded];
    RECORD_ADDED_AFTER: Record, "会后补记", [MeetingEnded, AddedAfter];
    RECORD_NOT_MENTIONED: Record, "对照清单：", [];
    RECORD_EARLIER: Record, "以往问题整改情况：", [];
    RECORD_EARLIER_OVERDUE: Record, "个工作日。", [];
    RECORD_CHECK: Record, "核查：", [FollowUpChecked];
    RECORD_NOT_CHECKED: Record, "本次未核查（", [];
    SUMMARY_OPENING: Summary, "现将会议议定事项纪要如下：", [];
    SUMMARY_IN_WRITING: Summary, "（其中书面述责", [WrittenReport];
    SUMMARY_QUESTIONING: Summary, "进行提问质询", [QuestionPut];
    SUMMARY_RATING_HELD: Summary, "和民主测评", [RatingRecorded];
    SUMMARY_ORAL_REPORT: Summary, "作了述责述廉报告。", [ReportTimed];
    SUMMARY_WRITTEN_REPORT: Summary, "提交了书面述责述廉报告。", [WrittenReport];
    SUMMARY_ASKED: Summary, "会议对", [QuestionPut];
    SUMMARY_NOT_ASKED: Summary, "会议未对其提问。", [];
    SUMMARY_WRITTEN_REPLY: Summary, "转为书面质询", [WrittenReply];
    SUMMARY_WRITTEN_REASON: Summary, "，理由：", [WrittenReply, WrittenReason];
    SUMMARY_RATING: Summary, "民主测评参评", [RatingRecorded];
    SUMMARY_FOLLOW_UPS: Summary, "会议议定整改事项", [FollowUpRaised];
    SUMMARY_REMARKS: Summary, "指出：", [RemarksRecorded];
    SUMMARY_EARLIER_FOLLOW_UPS: Summary, "会议对前期整改事项作出决定：", [FollowUpUpdated];
    SUMMARY_CLOSING: Summary, "在总结讲话中强调：", [ClosingRecorded];
    SUMMARY_ADDED_AFTER: Summary, "会后补记", [MeetingEnded, AddedAfter];
    LEDGER_RAISED_HERE: Ledger, "本次会议提出", [FollowUpRaised];
    LEDGER_NOT_UPDATED: Ledger, "未更新", [];
    LEDGER_CHECKED: Ledger, "已核实，未变化", [FollowUpUpdated];
    LEDGER_FROM_QUESTION: Ledger, "源自", [FollowUpFromQuestion];
    LEDGER_CHECK: Ledger, "核查：", [FollowUpChecked];
    LEDGER_OVERDUE_DAYS: Ledger, "个工作日", [];
}

/// The facts recorded, for one official or the whole meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts(Vec<Fact>);

impl Facts {
    /// These facts, and `fact` when it was `recorded`.
    pub fn with(mut self, fact: Fact, recorded: bool) -> Facts {
        if recorded && !self.0.contains(&fact) {
            self.0.push(fact);
        }
        self
    }

    /// Whether `fact` was recorded.
    pub fn has(&self, fact: Fact) -> bool {
        self.0.contains(&fact)
    }

    /// Whether `sentence` may be written: every fact it states was recorded.
    pub fn allow(&self, sentence: Sentence) -> bool {
        sentence.needs.iter().all(|f| self.has(*f))
    }

    /// What was recorded for one official at the meeting (as it stood at 散会).
    pub fn of(o: &OfficialMinutes) -> Facts {
        let at_meeting = o.questions_at_end();
        Facts::default()
            .with(ReportTimed, o.timing(Stage::Report).is_some())
            .with(WrittenReport, o.slot.written_only)
            .with(Skipped, o.slot.stage == Stage::Skipped)
            .with(
                QuestionPut,
                at_meeting.iter().any(|q| super::document::was_asked(q)),
            )
            .with(
                WrittenReply,
                at_meeting
                    .iter()
                    .any(|q| super::document::was_asked(q) && q.needs_written_reply),
            )
            .with(
                WrittenReason,
                at_meeting
                    .iter()
                    .any(|q| q.needs_written_reply && !q.written_reason.is_empty()),
            )
            .with(RatingRecorded, o.rating_at_end.is_some())
            .with(RemarksRecorded, o.remarks_at_end().is_some())
            .with(FollowUpRaised, !o.follow_ups_at_end().is_empty())
            .with(
                FollowUpFromQuestion,
                o.follow_ups
                    .iter()
                    .any(|f| f.source == FollowUpSource::Question && f.question.is_some()),
            )
            .with(FollowUpChecked, !o.checks.is_empty())
    }

    /// What was recorded for the meeting as a whole, every official's facts among them.
    pub fn of_meeting(m: &Minutes) -> Facts {
        let mut facts = Facts::default();
        for o in &m.officials {
            for fact in Facts::of(o).0 {
                facts = facts.with(fact, true);
            }
        }
        facts
            .with(ClosingRecorded, m.closing_at_end().is_some())
            .with(MeetingEnded, m.ended_at.is_some())
            .with(AddedAfter, m.added_after_count() > 0)
            .with(
                CameOrWent,
                m.attendees
                    .iter()
                    .any(|a| a.arrived_at.is_some() || a.left_at.is_some()),
            )
            .with(FollowUpUpdated, !m.follow_ups_before.is_empty())
    }
}
