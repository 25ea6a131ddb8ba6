//! The list `import --update` shows before it asks: one line per change.

use super::Step;
use crate::labels::Named;
use crate::messages::language;
use crate::messages::tr;

/// A text cut to 24 characters for a line of the list.
pub(super) fn short(text: &str) -> String {
    let mut out: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        out.push('…');
    }
    out
}

/// What happened to a row of an official's preparation.
enum Change {
    Added,
    Changed,
    Withdrawn,
}

/// One line for a row added, changed or withdrawn: `kind` names the row's kind in the
/// user's language, `text` is the row's text (cut short).
fn row_line(who: &str, change: Change, kind: &str, text: &str) -> String {
    let text = short(text);
    match change {
        Change::Added => tr!(
            "{who}：新增{kind}「{text}」",
            "{who}: new {kind} '{text}'",
            who = who,
            kind = kind,
            text = text
        ),
        Change::Changed => tr!(
            "{who}：修改{kind}「{text}」",
            "{who}: {kind} '{text}' changed",
            who = who,
            kind = kind,
            text = text
        ),
        Change::Withdrawn => tr!(
            "{who}：撤下{kind}「{text}」",
            "{who}: {kind} '{text}' withdrawn",
            who = who,
            kind = kind,
            text = text
        ),
    }
}

impl Step {
    /// One line for the list shown before asking.
    pub fn describe(&self) -> String {
        match self {
            Step::AddOfficial { official: o, place } => tr!(
                "新增述责人：{name}（{unit}，{post}），议程第 {place} 位",
                "New official: {name} ({unit}, {post}), number {place} on the agenda",
                name = o.slot.name,
                unit = o.slot.unit,
                post = o.slot.post,
                place = place
            ),
            Step::Official { who, change, .. } => {
                let mut parts = Vec::new();
                if let Some(name) = &change.name {
                    parts.push(tr!(
                        "姓名改为 {name}",
                        "name changed to {name}",
                        name = name
                    ));
                }
                if let Some(post) = &change.post {
                    parts.push(tr!(
                        "职务改为 {post}",
                        "post changed to {post}",
                        post = post
                    ));
                }
                if let Some(supervisor) = &change.supervisor {
                    parts.push(tr!(
                        "分管县领导改为 {supervisor}",
                        "supervising county leader changed to {supervisor}",
                        supervisor = supervisor
                    ));
                }
                tr!(
                    "{who}：{changes}",
                    "{who}: {changes}",
                    who = who,
                    changes = parts.join(&tr!("，", ", "))
                )
            }
            Step::WithdrawOfficial { who, unit, .. } => tr!(
                "{who}（{unit}）从议程撤下（保留在数据库中）",
                "{who} ({unit}) taken off the agenda (kept in the database)",
                who = who,
                unit = unit
            ),
            Step::Order { names, .. } => {
                tr!(
                    "议程顺序改为：{names}",
                    "Agenda order changed to: {names}",
                    names = names.join(&tr!("、", ", "))
                )
            }
            Step::AddFollowUp { who, follow_up, .. } => row_line(
                who,
                Change::Added,
                &tr!("以往整改", "earlier follow-up"),
                &follow_up.problem,
            ),
            Step::ChangeFollowUp { who, follow_up, .. } => row_line(
                who,
                Change::Changed,
                &tr!("以往整改", "earlier follow-up"),
                &follow_up.problem,
            ),
            Step::SummaryHead { office, issue } => match issue {
                Some(issue) => tr!(
                    "纪要发文机关改为「{office}」，期号改为第 {issue} 期",
                    "Issuing office of the minutes changed to '{office}', issue number to {issue}",
                    office = office,
                    issue = issue
                ),
                None => tr!(
                    "纪要发文机关改为「{office}」，期号改为（无）",
                    "Issuing office of the minutes changed to '{office}', issue number to none",
                    office = office
                ),
            },
            Step::Allotment {
                who,
                minutes,
                written_only,
                ..
            } => match written_only {
                true => tr!(
                    "{who}：述责时长改为 {minutes} 分钟，书面述责",
                    "{who}: report time changed to {minutes} minutes, reporting in writing",
                    who = who,
                    minutes = minutes
                ),
                false => tr!(
                    "{who}：述责时长改为 {minutes} 分钟，现场述责",
                    "{who}: report time changed to {minutes} minutes, reporting in person",
                    who = who,
                    minutes = minutes
                ),
            },
            Step::AddDuty { who, item, .. } => row_line(
                who,
                Change::Added,
                &tr!("责任事项", "duty item"),
                &item.text,
            ),
            Step::ChangeDuty { who, item, .. } => row_line(
                who,
                Change::Changed,
                &tr!("责任事项", "duty item"),
                &item.text,
            ),
            Step::WithdrawDuty { who, item, .. } => row_line(
                who,
                Change::Withdrawn,
                &tr!("责任事项", "duty item"),
                &item.text,
            ),
            Step::AddRisk { who, risk, .. } => row_line(
                who,
                Change::Added,
                &tr!("廉政风险点", "integrity risk point"),
                &risk.text,
            ),
            Step::ChangeRisk { who, risk, .. } => row_line(
                who,
                Change::Changed,
                &tr!("廉政风险点", "integrity risk point"),
                &risk.text,
            ),
            Step::WithdrawRisk { who, risk, .. } => row_line(
                who,
                Change::Withdrawn,
                &tr!("廉政风险点", "integrity risk point"),
                &risk.text,
            ),
            Step::AddQuestion { who, text, .. } => {
                row_line(who, Change::Added, &tr!("提问", "question"), text)
            }
            Step::ChangeAsker {
                who, asker, text, ..
            } => tr!(
                "{who}：提问「{text}」的提问人改为 {asker}",
                "{who}: the asker of the question '{text}' changed to {asker}",
                who = who,
                text = short(text),
                asker = asker
            ),
            Step::WithdrawQuestion { who, text, .. } => {
                row_line(who, Change::Withdrawn, &tr!("提问", "question"), text)
            }
            Step::Attendance {
                name,
                attendance,
                reason,
                ..
            } => match reason.is_empty() {
                true => tr!(
                    "出席人员 {name}：改为{attendance}",
                    "Attendee {name}: now {attendance}",
                    name = name,
                    attendance = attendance.name(language())
                ),
                false => tr!(
                    "出席人员 {name}：改为{attendance}（{reason}）",
                    "Attendee {name}: now {attendance} ({reason})",
                    name = name,
                    attendance = attendance.name(language()),
                    reason = reason
                ),
            },
            Step::AddAttendee {
                name, attendance, ..
            } => tr!(
                "新增出席人员 {name}（{attendance}）",
                "New attendee {name} ({attendance})",
                name = name,
                attendance = attendance.name(language())
            ),
        }
    }
}
