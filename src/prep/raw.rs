//! The prep file exactly as written: serde structs over TOML, with spans for messages.
//!
//! Enum values are written in Chinese as the staff say them (`按季派单`); the English
//! database words are accepted too.

use serde::Deserialize;
use toml::Spanned;

/// A whole prep file: one meeting.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrep {
    pub meeting: Spanned<RawMeeting>,
    #[serde(default, rename = "attendee")]
    pub attendees: Vec<Spanned<RawAttendee>>,
    #[serde(default, rename = "official")]
    pub officials: Vec<Spanned<RawOfficial>>,
    /// `[rating]`: the meeting's own scale, voter groups and rules (TOML only).
    #[serde(default)]
    pub rating: Option<Spanned<RawRating>>,
}

/// `[rating]`: how this meeting's ratings are tallied and decided.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRating {
    /// The grades, best first; 好/较好/一般/差 when left out.
    #[serde(default)]
    pub grades: Vec<String>,
    /// The voter groups counted apart, e.g. 县领导 and 部门代表.
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<Spanned<RawRatingRule>>,
}

/// `[[rating.rule]]`: `when = "好+较好 >= 2/3"`, its result and consequence.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRatingRule {
    pub when: Spanned<String>,
    /// Counted in this voter group only; all groups when left out.
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub consequence: String,
}

/// `[meeting]`: the header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeeting {
    pub title: Spanned<String>,
    /// `2026-12-18` (a TOML date) or `"2026-12-18"`.
    pub date: Spanned<toml::Value>,
    /// `"09:00"`.
    #[serde(default)]
    pub start: Option<Spanned<String>>,
    #[serde(default)]
    pub place: String,
    pub chair: Spanned<String>,
    #[serde(default)]
    pub chair_post: String,
    pub recorder: Spanned<String>,
    /// 计票人、监票人.
    #[serde(default)]
    pub scrutineers: Vec<String>,
    /// Minutes for the stages after the report; each may be left out.
    #[serde(default)]
    pub minutes: Option<Spanned<RawAllotments>>,
    /// 发文机关 of the 纪要.
    #[serde(default)]
    pub office: String,
    /// 期号 of the 纪要.
    #[serde(default)]
    pub issue: Option<Spanned<i64>>,
    /// The classification line of the exports (密级标志); empty: the default.
    #[serde(default)]
    pub mark: String,
}

/// `minutes = { questions = 10, remarks = 5, rating = 3, follow_ups = 5 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAllotments {
    pub questions: Option<Spanned<i64>>,
    pub remarks: Option<Spanned<i64>>,
    pub rating: Option<Spanned<i64>>,
    pub follow_ups: Option<Spanned<i64>>,
}

/// `[[attendee]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttendee {
    pub name: Spanned<String>,
    #[serde(default)]
    pub post: String,
    pub attendance: RawAttendance,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Deserialize, Clone, Copy)]
pub enum RawAttendance {
    #[serde(rename = "出席", alias = "present")]
    Present,
    #[serde(rename = "列席", alias = "non_voting")]
    NonVoting,
    #[serde(rename = "缺席", alias = "absent")]
    Absent,
}

/// `[[official]]`: one reporting official and what is prepared for them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOfficial {
    pub position: Spanned<i64>,
    pub name: Spanned<String>,
    pub unit: Spanned<String>,
    pub post: Spanned<String>,
    #[serde(default)]
    pub supervisor: String,
    pub report_minutes: Spanned<i64>,
    #[serde(default)]
    pub written_only: bool,
    #[serde(default, rename = "duty")]
    pub duty_items: Vec<Spanned<RawDutyItem>>,
    #[serde(default, rename = "risk")]
    pub risk_points: Vec<Spanned<RawRiskPoint>>,
    #[serde(default, rename = "question")]
    pub questions: Vec<Spanned<RawQuestion>>,
    #[serde(default, rename = "earlier_follow_up")]
    pub earlier_follow_ups: Vec<Spanned<RawFollowUp>>,
    /// `[[official.portrait]]`: the unit's 政治画像, one finding a table.
    #[serde(default, rename = "portrait")]
    pub portrait: Vec<Spanned<RawFinding>>,
    /// `[[official.talk]]`: the reminder talks held with the official.
    #[serde(default, rename = "talk")]
    pub talks: Vec<Spanned<RawTalk>>,
}

/// `[[official.portrait]]`: one problem the 政治生态分析报告 found, in one of its five
/// dimensions, and the suggestion made.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinding {
    pub dimension: RawDimension,
    pub problem: Spanned<String>,
    #[serde(default)]
    pub suggestion: String,
}

/// The five dimensions, as the 政治生态分析报告 names them.
#[derive(Debug, Deserialize, Clone, Copy)]
pub enum RawDimension {
    #[serde(rename = "党内政治生活", alias = "party_life")]
    PartyLife,
    #[serde(rename = "选人用人", alias = "appointments")]
    Appointments,
    #[serde(rename = "权力规范运行", alias = "use_of_power")]
    UseOfPower,
    #[serde(rename = "党员干部勤政廉政", alias = "integrity")]
    Integrity,
    #[serde(rename = "群众满意度评价", alias = "public_satisfaction")]
    PublicSatisfaction,
}

/// `[[official.talk]]`: a reminder talk (提醒谈话): when, who talked, what was said.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTalk {
    /// `2026-06-03` (a TOML date) or `"2026-06-03"`.
    pub date: Spanned<toml::Value>,
    pub talker: Spanned<String>,
    #[serde(default)]
    pub content: String,
}

/// `[[official.duty]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDutyItem {
    pub source: RawDutySource,
    /// `"2026Q2"`.
    pub quarter: Spanned<String>,
    pub text: Spanned<String>,
    #[serde(default)]
    pub progress: String,
    #[serde(default)]
    pub status: Option<RawDutyStatus>,
    /// Columns the program has no field for, in the sheet's order: `[["备注", "…"], …]`.
    #[serde(default)]
    pub extra: Vec<(String, String)>,
}

#[derive(Debug, Deserialize, Clone, Copy)]
pub enum RawDutySource {
    #[serde(rename = "年初提示", alias = "annual_reminder")]
    AnnualReminder,
    #[serde(rename = "按季派单", alias = "quarterly_dispatch")]
    QuarterlyDispatch,
    #[serde(rename = "适时增单", alias = "added_dispatch")]
    AddedDispatch,
}

#[derive(Debug, Deserialize, Clone, Copy)]
pub enum RawDutyStatus {
    #[serde(rename = "未启动", alias = "not_started")]
    NotStarted,
    #[serde(rename = "推进中", alias = "in_progress")]
    InProgress,
    #[serde(rename = "已落实", alias = "done")]
    Done,
}

/// `[[official.risk]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRiskPoint {
    pub text: Spanned<String>,
    pub level: RawRiskLevel,
    #[serde(default)]
    pub measures: Vec<String>,
    #[serde(default)]
    pub rules: Vec<String>,
    /// Columns the program has no field for, in the sheet's order: `[["备注", "…"], …]`.
    #[serde(default)]
    pub extra: Vec<(String, String)>,
}

#[derive(Debug, Deserialize, Clone, Copy)]
pub enum RawRiskLevel {
    #[serde(rename = "高", alias = "high")]
    High,
    #[serde(rename = "中", alias = "medium")]
    Medium,
    #[serde(rename = "低", alias = "low")]
    Low,
}

/// `[[official.question]]`: a prepared question.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub asker: Spanned<String>,
    pub text: Spanned<String>,
}

/// `[[official.earlier_follow_up]]`: a follow-up raised before this meeting.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFollowUp {
    #[serde(default)]
    pub source: Option<RawFollowUpSource>,
    #[serde(default)]
    pub category: String,
    pub problem: Spanned<String>,
    #[serde(default)]
    pub task: String,
    #[serde(default)]
    pub measure: String,
    #[serde(default)]
    pub lead: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub deadline: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub mode: Option<RawFollowUpMode>,
    #[serde(default)]
    pub progress: String,
    pub status: RawFollowUpStatus,
    #[serde(default)]
    pub copied_to: Option<String>,
    #[serde(default)]
    pub raised_on: Option<Spanned<toml::Value>>,
    /// The follow-up's identity, as `export-prep` writes it: the next meeting's import
    /// finds the follow-up by it instead of copying it.
    #[serde(default)]
    pub key: Option<Spanned<String>>,
    /// Columns the program has no field for, in the sheet's order: `[["备注", "…"], …]`.
    #[serde(default)]
    pub extra: Vec<(String, String)>,
}

#[derive(Debug, Deserialize, Clone, Copy)]
pub enum RawFollowUpSource {
    #[serde(rename = "提问", alias = "question")]
    Question,
    #[serde(rename = "点评", alias = "remarks")]
    Remarks,
    #[serde(rename = "民主测评", alias = "rating")]
    Rating,
    #[serde(rename = "会前反馈", alias = "feedback")]
    Feedback,
}

#[derive(Debug, Deserialize, Clone, Copy)]
pub enum RawFollowUpMode {
    #[serde(rename = "立行立改", alias = "immediate")]
    Immediate,
    #[serde(rename = "限期整改", alias = "by_deadline")]
    ByDeadline,
    #[serde(rename = "长期坚持", alias = "long_term")]
    LongTerm,
}

#[derive(Debug, Deserialize, Clone, Copy)]
pub enum RawFollowUpStatus {
    #[serde(rename = "未启动", alias = "not_started")]
    NotStarted,
    #[serde(rename = "整改中", alias = "in_progress")]
    InProgress,
    #[serde(rename = "已完成", alias = "completed")]
    Completed,
    #[serde(rename = "已销号", alias = "closed")]
    Closed,
}
