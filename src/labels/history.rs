//! The history view's sentences, in Chinese and English: an earlier meeting's heading,
//! who reported, the rating, a question's answer, a follow-up and how it ended.

use super::{Lang, Named};
use crate::domain::Stage;
use crate::domain::history::{EarlierMeeting, EarlierRating, TrackedFollowUp};
use chrono::NaiveDate;

/// "以往会议记录（只读） · 张某 · 某某镇": the view's title.
pub fn title(lang: Lang, official: &str, unit: &str) -> String {
    let head = super::Label::HistoryTitle.text(lang);
    match lang {
        Lang::Zh => format!("{head}  {official}  {unit}"),
        Lang::En => format!("{head}: {official}, {unit}"),
    }
}

/// The history could not be read (the file busy or damaged): nothing else is affected.
pub fn not_read(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("未能读取以往会议记录：{reason}。记录未受影响，可稍后再按 H"),
        Lang::En => {
            format!(
                "Could not read the earlier meetings: {reason}. Nothing was changed; press H again later"
            )
        }
    }
}

/// "2026-01-20  一季度述责述廉会议（未散会）".
pub fn meeting_heading(lang: Lang, title: &str, held_on: NaiveDate, finished: bool) -> String {
    let date = held_on.format("%Y-%m-%d");
    match (lang, finished) {
        (Lang::Zh, true) => format!("{date}  {title}"),
        (Lang::Zh, false) => format!("{date}  {title}（未散会）"),
        (Lang::En, true) => format!("{date}  {title}"),
        (Lang::En, false) => format!("{date}  {title} (not ended)"),
    }
}

/// "述责人：张某（某某镇 党委书记）".
pub fn reporter(lang: Lang, meeting: &EarlierMeeting) -> String {
    let (name, unit, post) = (&meeting.official, &meeting.unit, &meeting.post);
    match lang {
        Lang::Zh => format!("述责人：{name}（{unit} {post}）"),
        Lang::En => format!("Reported: {name} ({unit}, {post})"),
    }
}

/// What became of the official when they did not report: skipped (with the reason) or
/// never heard; `None` once they reported.
pub fn not_reported(lang: Lang, stage: Stage, reason: &str) -> Option<String> {
    let reason = reason.trim();
    match (lang, stage, reason.is_empty()) {
        (_, Stage::Skipped, false) => Some(match lang {
            Lang::Zh => format!("未述责：已跳过（{reason}）"),
            Lang::En => format!("Did not report: skipped ({reason})"),
        }),
        (Lang::Zh, Stage::Skipped | Stage::Pending, _) => Some("未述责".into()),
        (Lang::En, Stage::Skipped | Stage::Pending, _) => Some("Did not report".into()),
        _ => None,
    }
}

/// The rating in lines: the ballots, then what the rules decided and that a recount
/// took place.
pub fn rating_lines(lang: Lang, rating: &EarlierRating) -> Vec<String> {
    let mut lines = match (rating.voters, rating.tallies.as_slice()) {
        // The four-grade form: its grades in the console's language.
        (Some(voters), [one]) if one.counts.len() == 4 => {
            let rating = crate::domain::Rating {
                voters,
                excellent: one.counts[0],
                good: one.counts[1],
                fair: one.counts[2],
                poor: one.counts[3],
            };
            vec![super::rating_line(lang, &rating)]
        }
        _ => tally_lines(lang, rating),
    };
    if rating.ruled {
        lines.push(super::rating_outcome(lang, &rating.outcome));
    }
    if rating.rounds > 1 {
        lines.push(super::recounted(lang, rating.rounds));
    }
    lines
}

/// "县领导：廉洁 5，基本廉洁 2": each voter group's ballots on the meeting's own scale (its
/// grades and groups are the prep's words).
fn tally_lines(lang: Lang, rating: &EarlierRating) -> Vec<String> {
    let comma = match lang {
        Lang::Zh => "，",
        Lang::En => ", ",
    };
    rating
        .tallies
        .iter()
        .map(|tally| {
            let counts: Vec<String> = rating
                .grades
                .iter()
                .zip(&tally.counts)
                .map(|(grade, n)| format!("{grade} {n}"))
                .collect();
            match tally.group.as_str() {
                "" => counts.join(comma),
                group => super::labelled(lang, group, &counts.join(comma)),
            }
        })
        .collect()
}

/// "书面质询（需书面材料）".
pub fn written_reply(lang: Lang, reason: &str) -> String {
    let mark = match lang {
        Lang::Zh => "书面质询",
        Lang::En => "Written reply",
    };
    match reason.trim() {
        "" => mark.to_string(),
        reason => super::noted(lang, mark, super::written_reason(lang, reason)),
    }
}

/// "状态：整改中；完成时限：15个工作日（2026-02-10前）；逾期 10 个工作日".
pub fn follow_up_state(lang: Lang, tracked: &TrackedFollowUp) -> String {
    let f = &tracked.follow_up;
    let mut parts = vec![super::labelled(
        lang,
        super::Label::Status.text(lang),
        f.status.name(lang),
    )];
    let deadline = super::deadline_text(lang, f.deadline, f.deadline_workdays);
    if !deadline.is_empty() {
        parts.push(super::labelled(
            lang,
            super::Label::Deadline.text(lang),
            &deadline,
        ));
    }
    if tracked.overdue_days > 0 {
        parts.push(super::overdue_days(lang, tracked.overdue_days));
    }
    parts.join(super::list_separator(lang))
}

/// "核查：逾期：仍未完成（2026-03-02核查）".
pub fn check(lang: Lang, check: &crate::domain::FollowUpCheck) -> String {
    let head = match lang {
        Lang::Zh => "核查",
        Lang::En => "Checked",
    };
    super::labelled(lang, head, &super::check_line(lang, check))
}

/// "提出：2025-10-12": when an imported follow-up was raised.
pub fn raised_on(lang: Lang, day: NaiveDate) -> String {
    super::labelled(
        lang,
        super::Label::RaisedOn.text(lang),
        &day.format("%Y-%m-%d").to_string(),
    )
}

/// "第 12–30 行，共 140 行": where the view is.
pub fn position(lang: Lang, first: usize, last: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {first}-{last} 行，共 {total} 行"),
        Lang::En => format!("lines {first}-{last} of {total}"),
    }
}

/// "/ 整改   3 处": the search line, with how many places hold the words.
pub fn search_line(lang: Lang, query: &str, hits: usize) -> String {
    match (lang, hits) {
        (Lang::Zh, 0) if !query.is_empty() => format!("/{query}   没有找到"),
        (Lang::Zh, _) if query.is_empty() => "/".into(),
        (Lang::Zh, n) => format!("/{query}   {n} 处"),
        (Lang::En, 0) if !query.is_empty() => format!("/{query}   nothing found"),
        (Lang::En, _) if query.is_empty() => "/".into(),
        (Lang::En, 1) => format!("/{query}   1 match"),
        (Lang::En, n) => format!("/{query}   {n} matches"),
    }
}

/// "1 个" in the 以往 headings: the number of earlier meetings found.
pub fn meetings_found(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Zh, n) => format!("本文件中此前的会议 {n} 次（新的在前）"),
        (Lang::En, 1) => "1 earlier meeting in the file".into(),
        (Lang::En, n) => format!("{n} earlier meetings in the file (newest first)"),
    }
}
