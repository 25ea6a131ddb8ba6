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
            Step::AddFollowUp { who, follow_up, .. } => tr!(
                "{who}：新增以往整改「{problem}」",
                "{who}: new earlier follow-up '{problem}'",
                who = who,
                problem = short(&follow_up.problem)
            ),
            Step::ChangeFollowUp { who, follow_up } => tr!(
                "{who}：修改以往整改「{problem}」",
                "{who}: earlier follow-up '{problem}' changed",
                who = who,
                problem = short(&follow_up.problem)
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
            Step::AddDuty { who, item, .. } => tr!(
                "{who}：新增责任事项「{text}」",
                "{who}: new duty item '{text}'",
                who = who,
                text = short(&item.text)
            ),
            Step::ChangeDuty { who, item } => tr!(
                "{who}：修改责任事项「{text}」",
                "{who}: duty item '{text}' changed",
                who = who,
                text = short(&item.text)
            ),
            Step::WithdrawDuty { who, item } => tr!(
                "{who}：撤下责任事项「{text}」",
                "{who}: duty item '{text}' withdrawn",
                who = who,
                text = short(&item.text)
            ),
            Step::AddRisk { who, risk, .. } => tr!(
                "{who}：新增廉政风险点「{text}」",
                "{who}: new integrity risk point '{text}'",
                who = who,
                text = short(&risk.text)
            ),
            Step::ChangeRisk { who, risk } => tr!(
                "{who}：修改廉政风险点「{text}」",
                "{who}: integrity risk point '{text}' changed",
                who = who,
                text = short(&risk.text)
            ),
            Step::WithdrawRisk { who, risk } => tr!(
                "{who}：撤下廉政风险点「{text}」",
                "{who}: integrity risk point '{text}' withdrawn",
                who = who,
                text = short(&risk.text)
            ),
            Step::AddQuestion { who, text, .. } => {
                tr!(
                    "{who}：新增提问「{text}」",
                    "{who}: new question '{text}'",
                    who = who,
                    text = short(text)
                )
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
                tr!(
                    "{who}：撤下提问「{text}」",
                    "{who}: question '{text}' withdrawn",
                    who = who,
                    text = short(text)
                )
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
