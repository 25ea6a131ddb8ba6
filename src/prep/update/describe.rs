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
                name = o.slot.name,
                unit = o.slot.unit,
                post = o.slot.post,
                place = place
            ),
            Step::Official { who, change, .. } => {
                let mut parts = Vec::new();
                if let Some(name) = &change.name {
                    parts.push(tr!("姓名改为 {name}", name = name));
                }
                if let Some(post) = &change.post {
                    parts.push(tr!("职务改为 {post}", post = post));
                }
                if let Some(supervisor) = &change.supervisor {
                    parts.push(tr!("分管县领导改为 {supervisor}", supervisor = supervisor));
                }
                tr!(
                    "{who}：{changes}",
                    who = who,
                    changes = parts.join(&tr!("，"))
                )
            }
            Step::WithdrawOfficial { who, unit, .. } => tr!(
                "{who}（{unit}）从议程撤下（保留在数据库中）",
                who = who,
                unit = unit
            ),
            Step::Order { names, .. } => {
                tr!("议程顺序改为：{names}", names = names.join(&tr!("、")))
            }
            Step::AddFollowUp { who, follow_up, .. } => tr!(
                "{who}：新增以往整改「{problem}」",
                who = who,
                problem = short(&follow_up.problem)
            ),
            Step::ChangeFollowUp { who, follow_up } => tr!(
                "{who}：修改以往整改「{problem}」",
                who = who,
                problem = short(&follow_up.problem)
            ),
            Step::SummaryHead { office, issue } => match issue {
                Some(issue) => tr!(
                    "纪要发文机关改为「{office}」，期号改为第 {issue} 期",
                    office = office,
                    issue = issue
                ),
                None => tr!(
                    "纪要发文机关改为「{office}」，期号改为（无）",
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
                    who = who,
                    minutes = minutes
                ),
                false => tr!(
                    "{who}：述责时长改为 {minutes} 分钟，现场述责",
                    who = who,
                    minutes = minutes
                ),
            },
            Step::AddDuty { who, item, .. } => tr!(
                "{who}：新增责任事项「{text}」",
                who = who,
                text = short(&item.text)
            ),
            Step::ChangeDuty { who, item } => tr!(
                "{who}：修改责任事项「{text}」",
                who = who,
                text = short(&item.text)
            ),
            Step::WithdrawDuty { who, item } => tr!(
                "{who}：撤下责任事项「{text}」",
                who = who,
                text = short(&item.text)
            ),
            Step::AddRisk { who, risk, .. } => tr!(
                "{who}：新增廉政风险点「{text}」",
                who = who,
                text = short(&risk.text)
            ),
            Step::ChangeRisk { who, risk } => tr!(
                "{who}：修改廉政风险点「{text}」",
                who = who,
                text = short(&risk.text)
            ),
            Step::WithdrawRisk { who, risk } => tr!(
                "{who}：撤下廉政风险点「{text}」",
                who = who,
                text = short(&risk.text)
            ),
            Step::AddQuestion { who, text, .. } => {
                tr!("{who}：新增提问「{text}」", who = who, text = short(text))
            }
            Step::ChangeAsker {
                who, asker, text, ..
            } => tr!(
                "{who}：提问「{text}」的提问人改为 {asker}",
                who = who,
                text = short(text),
                asker = asker
            ),
            Step::WithdrawQuestion { who, text, .. } => {
                tr!("{who}：撤下提问「{text}」", who = who, text = short(text))
            }
            Step::Attendance {
                name,
                attendance,
                reason,
                ..
            } => match reason.is_empty() {
                true => tr!(
                    "出席人员 {name}：改为{attendance}",
                    name = name,
                    attendance = attendance.name(language())
                ),
                false => tr!(
                    "出席人员 {name}：改为{attendance}（{reason}）",
                    name = name,
                    attendance = attendance.name(language()),
                    reason = reason
                ),
            },
            Step::AddAttendee {
                name, attendance, ..
            } => tr!(
                "新增出席人员 {name}（{attendance}）",
                name = name,
                attendance = attendance.name(language())
            ),
        }
    }
}
