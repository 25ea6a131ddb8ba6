//! 抄告 (双向抄告): per leader in charge, the follow-ups raised in this meeting for every
//! unit they supervise, with the unit, official, problem, measure and deadline.

use super::*;
use crate::labels;

/// The leaders in charge of the officials who have follow-ups raised in this meeting, in
/// agenda order, each once; officials without one are left out.
pub fn leaders(minutes: &Minutes) -> Vec<String> {
    let mut leaders: Vec<String> = Vec::new();
    for o in &minutes.officials {
        let leader = o.slot.supervisor.trim();
        if !leader.is_empty() && !o.follow_ups.is_empty() && !leaders.iter().any(|l| l == leader) {
            leaders.push(leader.to_string());
        }
    }
    leaders
}

/// The table of one leader's copy: a row per follow-up of the units they supervise.
pub fn rows(minutes: &Minutes, leader: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let header = ["序号", "单位", "述责人", "问题", "整改措施", "完成时限"];
    let mut rows = Vec::new();
    let theirs = minutes
        .officials
        .iter()
        .filter(|o| o.slot.supervisor.trim() == leader);
    for o in theirs {
        for f in &o.follow_ups {
            rows.push(vec![
                (rows.len() + 1).to_string(),
                o.slot.unit.clone(),
                format!("{}（{}）", o.slot.name, o.slot.post),
                f.problem.clone(),
                f.measure.clone(),
                labels::deadline_text(Lang::Zh, f.deadline, f.deadline_workdays),
            ]);
        }
    }
    (header.iter().map(|h| h.to_string()).collect(), rows)
}

/// One leader's copy as a document, in the layout of the other Word exports.
pub fn copy(minutes: &Minutes, leader: &str) -> Document {
    let meeting = &minutes.meeting;
    let (header, rows) = rows(minutes, leader);
    let blocks = vec![
        paragraph("", format!("{leader}：")),
        paragraph(
            "",
            format!(
                "{}于{}召开。现将会议对您分管单位提出的问题清单抄告如下（共{}项），请督促指导整改落实。",
                meeting.title,
                meeting.held_on.format("%Y年%-m月%-d日"),
                rows.len()
            ),
        ),
        Block::Table { header, rows },
    ];
    Document::of(minutes, format!("问题清单抄告（{leader}）"), blocks)
}
