//! The record (会议记录) and the summary (会议纪要) as a plain list of blocks, built from the
//! minutes. Markdown, HTML and Word each render these blocks, so their wording is decided
//! here once. Minutes are official documents and are always written in Chinese.

pub mod copies;
mod record;
mod summary;
mod wording;

pub use record::record;
pub use summary::summary;
pub use wording::{numeral, tidy};

use super::minutes::{Minutes, OfficialMinutes};
use crate::domain::{Attendance, Attendee, FollowUp, Rating, Revision, Stage};
use crate::labels::{Label, Lang, Named};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// A document: a title and its blocks in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Ends in "（草稿）" while the meeting has not ended.
    pub title: String,
    /// Not final: the meeting has not ended. Word and HTML say so in the page header too.
    pub draft: bool,
    /// The title is a 纪要标志 (GB/T 9704, 10.3): red, its top 35 mm below the text block's.
    pub masthead: bool,
    /// The classification line: in the page header (Word, HTML), the first line (Markdown).
    pub mark: String,
    pub blocks: Vec<Block>,
}

impl Document {
    /// A document of `minutes`, titled `title`, marked as a draft until the meeting ended.
    fn of(minutes: &Minutes, title: String, mut blocks: Vec<Block>) -> Document {
        let notices = minutes.notices.iter().map(|notice| Block::Paragraph {
            lead: "说明：".into(),
            text: notice.clone(),
        });
        blocks.splice(0..0, notices);
        let draft = minutes.is_draft();
        let title = if draft {
            format!("{title}{}", Label::Draft.text(Lang::Zh))
        } else {
            title
        };
        Document {
            title,
            draft,
            masthead: false,
            mark: minutes.mark.clone(),
            blocks,
        }
    }
}

/// Under the signatures: the hash chain's last entry when the document was made, so that a
/// signed copy can be matched to the file (`shuze verify` prints the same hash).
fn chain_line(minutes: &Minutes, style: Style) -> Option<Block> {
    let head = minutes.chain.as_ref()?;
    let at = head.at.with_timezone(&style.offset);
    Some(Block::Paragraph {
        lead: "记录散列（SHA-256）：".into(),
        text: format!(
            "{}（链的第 {} 项，{}）",
            head.grouped(),
            head.seq,
            at.format("%Y年%-m月%-d日 %H:%M:%S")
        ),
    })
}

/// Where a `Spread` line has its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A rule below: the head of a 纪要 (issuing office and date).
    Below,
    /// Rules above and below: the issuing line at the end (印发).
    Around,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// "一、会议基本情况" (黑体 in Word).
    Heading(String),
    /// "（一）张某 某某镇党委书记" (楷体 in Word).
    Subheading(String),
    /// A body paragraph; `lead` is set in bold before the text.
    Paragraph { lead: String, text: String },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// "出席：马某（县委书记）、…": the word in 黑体, the names after it, wrapped lines
    /// aligned after the colon (a 纪要's 出席, 列席 and 请假).
    Roster { lead: String, text: String },
    /// A centred line: "第 3 期".
    Centred(String),
    /// One line with text at the left and at the right: "县纪委办公室 … 2026年12月18日".
    Spread {
        left: String,
        right: String,
        rule: Rule,
    },
    /// Where one official's part ends: a page break in print (HTML only).
    Break,
    /// Signature lines at the end.
    Signatures(Vec<String>),
}

/// How times are shown and what is added.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Local time of the meeting room.
    pub offset: FixedOffset,
    /// Add every earlier revision of each answer and remark.
    pub revisions: bool,
    /// The day the meeting was held (`meeting_day`): a time on another day prints its date.
    pub day: NaiveDate,
}

/// The day the meeting was held: the day its first stage started (in the room's time),
/// else the day it was prepared for.
pub fn meeting_day(minutes: &Minutes, offset: FixedOffset) -> NaiveDate {
    minutes
        .started_at
        .map(|t| t.with_timezone(&offset).date_naive())
        .unwrap_or(minutes.meeting.held_on)
}

/// The date a document is issued: the day it is made, never before the meeting's date.
pub fn issue_date(minutes: &Minutes, style: Style) -> NaiveDate {
    let made = minutes
        .generated_at
        .with_timezone(&style.offset)
        .date_naive();
    made.max(minutes.meeting.held_on).max(style.day)
}

pub fn chinese_date(date: NaiveDate) -> String {
    date.format("%Y年%-m月%-d日").to_string()
}

/// "19:24", or with its date when that is not the meeting's day ("12月8日09:05"; the
/// year too when it differs).
fn time_of_day(at: DateTime<Utc>, style: Style) -> String {
    use chrono::Datelike;
    let local = at.with_timezone(&style.offset);
    let format = if local.date_naive() == style.day {
        "%H:%M"
    } else if local.year() == style.day.year() {
        "%-m月%-d日%H:%M"
    } else {
        "%Y年%-m月%-d日%H:%M"
    };
    local.format(format).to_string()
}

/// "8分12秒".
fn duration(ms: i64) -> String {
    let seconds = ms.max(0) / 1000;
    format!("{}分{:02}秒", seconds / 60, seconds % 60)
}

fn paragraph(lead: &str, text: impl Into<String>) -> Block {
    Block::Paragraph {
        lead: lead.to_string(),
        text: text.into(),
    }
}

/// "马某、林某", or with details: the post, a late arrival or early leave with its time
/// (at the meeting, not after 散会) and the reason typed: "周某（副县长，10:30早退，参加县
/// 防汛工作会议）".
fn names(minutes: &Minutes, people: &[&Attendee], with_details: bool, style: Style) -> String {
    people
        .iter()
        .map(|a| {
            let in_meeting = |t: &DateTime<Utc>| !minutes.is_late(*t);
            let came = a
                .arrived_at
                .filter(in_meeting)
                .map(|t| format!("{}迟到", time_of_day(t, style)));
            let went = a
                .left_at
                .filter(in_meeting)
                .map(|t| format!("{}早退", time_of_day(t, style)));
            let details: Vec<String> = [Some(a.post.clone()), came, went]
                .into_iter()
                .flatten()
                .chain([wording::clause(&a.reason).to_string()])
                .filter(|s| !s.is_empty())
                .collect();
            if with_details && !details.is_empty() {
                format!("{}（{}）", a.name, details.join("，"))
            } else {
                a.name.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// How an official's questions went, counted one way for the record and the summary: a
/// question counts as asked once it was put (it has a time), as answered when its answer
/// is not blank, and as 书面质询 when a written reply was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QuestionCounts {
    pub asked: usize,
    pub answered: usize,
    pub written: usize,
    /// Prepared and never put.
    pub not_asked: usize,
}

impl QuestionCounts {
    /// Counted as things stood at 散会: what was added after is a 会后补记, not counted.
    pub fn of(o: &OfficialMinutes) -> QuestionCounts {
        let mut counts = QuestionCounts::default();
        for q in o.questions_at_end() {
            if !was_asked(q) {
                counts.not_asked += 1;
                continue;
            }
            counts.asked += 1;
            if q.answer.as_ref().is_some_and(|a| !a.body.trim().is_empty()) {
                counts.answered += 1;
            }
            if q.needs_written_reply {
                counts.written += 1;
            }
        }
        counts
    }
}

/// A question put in the meeting: it has the time it was asked, or an answer.
pub fn was_asked(q: &crate::domain::Question) -> bool {
    q.asked_at.is_some() || q.answer.as_ref().is_some_and(|a| !a.body.trim().is_empty())
}

/// "好和较好17票，占85.0%" — the result of a rating.
pub fn rating_result(r: &Rating) -> String {
    match r.approval_percent() {
        Some(p) => format!("好和较好{}票，占有效票{p:.1}%", r.excellent + r.good),
        None => "无有效票".into(),
    }
}

/// One follow-up in a sentence.
pub fn follow_up_sentence(f: &FollowUp) -> String {
    let mut parts = vec![format!("{}。", f.problem.trim_end_matches('。'))];
    let mut add = |label: &str, value: &str| {
        if !value.is_empty() {
            parts.push(format!("{label}：{}。", value.trim_end_matches('。')));
        }
    };
    let zh = |label: Label| label.text(Lang::Zh);
    add(zh(Label::Task), &f.task);
    add(zh(Label::Measure), &f.measure);
    add(zh(Label::Lead), &f.lead);
    add(zh(Label::Owner), &f.owner);
    add(
        zh(Label::Deadline),
        &f.deadline.map(chinese_date).unwrap_or_default(),
    );
    add(zh(Label::Mode), f.mode.name(Lang::Zh));
    add(zh(Label::CopiedTo), &f.copied_to);
    parts.concat()
}

/// 议定事项: every follow-up raised at the meeting; with `late`, those raised after 散会
/// too, marked as 会后补记 (the record), else left out (the 纪要).
fn follow_up_list(minutes: &Minutes, late: Option<Style>) -> Vec<Block> {
    let all: Vec<(&OfficialMinutes, &FollowUp, Option<DateTime<Utc>>)> = minutes
        .officials
        .iter()
        .flat_map(|o| {
            o.follow_ups.iter().map(move |f| {
                let after = o.raised_at(f.id).filter(|at| o.is_late(*at));
                (o, f, after)
            })
        })
        .filter(|(_, _, after)| after.is_none() || late.is_some())
        .collect();
    if all.is_empty() {
        return vec![paragraph("", "本次会议未形成整改事项。")];
    }
    all.iter()
        .enumerate()
        .map(|(i, (o, f, after))| {
            let mark = match (after, late) {
                (Some(at), Some(style)) => late_mark(*at, style),
                _ => String::new(),
            };
            paragraph(
                "",
                format!(
                    "{}．{mark}{}（{}）：{}",
                    i + 1,
                    o.slot.name,
                    o.unit_post(),
                    follow_up_sentence(f)
                ),
            )
        })
        .collect()
}

/// "〔会后补记 12月8日〕": what was written after 散会, where it stands in the record.
pub fn late_mark(at: DateTime<Utc>, style: Style) -> String {
    format!(
        "〔会后补记 {}〕",
        at.with_timezone(&style.offset).format("%-m月%-d日")
    )
}
