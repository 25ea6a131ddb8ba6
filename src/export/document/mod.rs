//! The record (会议记录) and the summary (会议纪要) as a plain list of blocks, built from the
//! minutes. Markdown, HTML and Word each render these blocks, so their wording is decided
//! here once. Minutes are official documents and are always written in Chinese.

mod record;
mod summary;

pub use record::record;
pub use summary::summary;

use super::minutes::{Minutes, OfficialMinutes};
use crate::domain::{Attendance, Attendee, FollowUp, Rating, Revision, Stage};
use crate::labels::{Label, Lang, Named};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// A document: a title and its blocks in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
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
    /// Where one official's part ends: a page break in print.
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
}

const NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

/// 一, 二, … for headings; Arabic numbers past twenty.
pub fn numeral(n: usize) -> String {
    NUMERALS
        .get(n.wrapping_sub(1))
        .map(|s| s.to_string())
        .unwrap_or_else(|| n.to_string())
}

pub fn chinese_date(date: NaiveDate) -> String {
    date.format("%Y年%-m月%-d日").to_string()
}

fn time_of_day(at: DateTime<Utc>, style: Style) -> String {
    at.with_timezone(&style.offset).format("%H:%M").to_string()
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

/// "马某、林某", or with details "赵某（副县长，外出参加省级培训）".
fn names(people: &[&Attendee], with_details: bool) -> String {
    people
        .iter()
        .map(|a| {
            let details: Vec<&str> = [a.post.as_str(), a.reason.as_str()]
                .into_iter()
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

fn follow_up_list(minutes: &Minutes) -> Vec<Block> {
    let all: Vec<(&OfficialMinutes, &FollowUp)> = minutes
        .officials
        .iter()
        .flat_map(|o| o.follow_ups.iter().map(move |f| (o, f)))
        .collect();
    if all.is_empty() {
        return vec![paragraph("", "本次会议未形成整改事项。")];
    }
    all.iter()
        .enumerate()
        .map(|(i, (o, f))| {
            paragraph(
                "",
                format!(
                    "{}．{}（{}）：{}",
                    i + 1,
                    o.slot.name,
                    o.unit_post(),
                    follow_up_sentence(f)
                ),
            )
        })
        .collect()
}
