//! `shuze import FILE --update`: a changed preparation applied to a meeting already in the
//! file, as dated corrections (schema v7's change rows): added things are added, changed
//! ones get a new state, removed ones are withdrawn, never deleted. Nothing recorded is
//! touched (answers, remarks, ratings, follow-ups, timings), an official who has already
//! been heard keeps their preparation as it was, and a question already put is never
//! withdrawn. What the schema cannot yet take (a changed header, an official's name, unit
//! or post, an official taken off the agenda, the agenda's order, earlier follow-ups) is
//! listed as not applied.

use super::Preparation;
use crate::domain::{AgendaSlot, Attendance, DutyItem, Id, RiskPoint, Stage, Word};
use crate::storage::{QuestionChange, Result, Store};
use crate::view::PreparedOfficial;
use chrono::{DateTime, Utc};

/// One change to make.
#[derive(Debug, Clone)]
pub enum Step {
    AddOfficial(PreparedOfficial),
    Allotment {
        slot: Id,
        who: String,
        minutes: u32,
        written_only: bool,
    },
    AddDuty {
        slot: Id,
        who: String,
        item: DutyItem,
    },
    ChangeDuty {
        who: String,
        item: DutyItem,
    },
    WithdrawDuty {
        who: String,
        item: DutyItem,
    },
    AddRisk {
        slot: Id,
        who: String,
        risk: RiskPoint,
    },
    ChangeRisk {
        who: String,
        risk: RiskPoint,
    },
    WithdrawRisk {
        who: String,
        risk: RiskPoint,
    },
    AddQuestion {
        slot: Id,
        who: String,
        asker: String,
        text: String,
    },
    ChangeAsker {
        question: Id,
        who: String,
        asker: String,
        text: String,
    },
    WithdrawQuestion {
        question: Id,
        who: String,
        text: String,
    },
    Attendance {
        attendee: Id,
        name: String,
        attendance: Attendance,
        reason: String,
    },
    AddAttendee {
        name: String,
        post: String,
        attendance: Attendance,
        reason: String,
    },
}

/// What an update will do, and what it leaves as it is.
#[derive(Debug, Clone, Default)]
pub struct Update {
    pub meeting: Id,
    pub steps: Vec<Step>,
    /// Differences not applied, each with the reason.
    pub not_applied: Vec<String>,
}

fn short(text: &str) -> String {
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
            Step::AddOfficial(o) => format!(
                "新增述责人：{}（{}，{}），议程第 {} 位",
                o.slot.name, o.slot.unit, o.slot.post, o.slot.position
            ),
            Step::Allotment {
                who,
                minutes,
                written_only,
                ..
            } => format!(
                "{who}：述责时长改为 {minutes} 分钟{}",
                if *written_only {
                    "，书面述责"
                } else {
                    "，现场述责"
                }
            ),
            Step::AddDuty { who, item, .. } => {
                format!("{who}：新增责任事项「{}」", short(&item.text))
            }
            Step::ChangeDuty { who, item } => {
                format!("{who}：修改责任事项「{}」", short(&item.text))
            }
            Step::WithdrawDuty { who, item } => {
                format!("{who}：撤下责任事项「{}」", short(&item.text))
            }
            Step::AddRisk { who, risk, .. } => {
                format!("{who}：新增廉政风险点「{}」", short(&risk.text))
            }
            Step::ChangeRisk { who, risk } => {
                format!("{who}：修改廉政风险点「{}」", short(&risk.text))
            }
            Step::WithdrawRisk { who, risk } => {
                format!("{who}：撤下廉政风险点「{}」", short(&risk.text))
            }
            Step::AddQuestion { who, text, .. } => format!("{who}：新增提问「{}」", short(text)),
            Step::ChangeAsker {
                who, asker, text, ..
            } => {
                format!("{who}：提问「{}」的提问人改为 {asker}", short(text))
            }
            Step::WithdrawQuestion { who, text, .. } => {
                format!("{who}：撤下提问「{}」", short(text))
            }
            Step::Attendance {
                name,
                attendance,
                reason,
                ..
            } => format!(
                "出席人员 {name}：改为{}{}",
                zh_attendance(*attendance),
                if reason.is_empty() {
                    String::new()
                } else {
                    format!("（{reason}）")
                }
            ),
            Step::AddAttendee {
                name, attendance, ..
            } => {
                format!("新增出席人员 {name}（{}）", zh_attendance(*attendance))
            }
        }
    }
}

fn zh_attendance(a: Attendance) -> &'static str {
    let at = Attendance::ALL.iter().position(|v| *v == a).unwrap_or(0);
    super::synonyms::ATTENDANCE[at]
}

/// Compares the file's preparation with meeting `meeting` as it stands.
pub fn plan(store: &Store, meeting: Id, new: &Preparation) -> Result<Update> {
    let mut update = Update {
        meeting,
        ..Update::default()
    };
    let now = super::from_store(store, meeting)?;
    let (old_m, new_m) = (&now.prepared.meeting, &new.prepared.meeting);
    let header = |m: &crate::domain::Meeting| {
        (
            m.title.clone(),
            m.held_on,
            m.starts_at,
            m.place.clone(),
            m.chair.clone(),
            m.chair_post.clone(),
            m.recorder.clone(),
            m.scrutineers.clone(),
            m.allotments,
        )
    };
    if header(old_m) != header(new_m) {
        update
            .not_applied
            .push("会议信息（名称、日期、时间、地点、主持人、记录人、计票监票人、环节时长）的改动未应用：会议信息还不能在导入时修改".into());
    }
    if (now.office.as_str(), now.issue) != (new.office.as_str(), new.issue) {
        update
            .not_applied
            .push("纪要的发文机关、期号的改动未应用：导出时请用 --office、--issue".into());
    }
    attendance(store, meeting, new, &mut update)?;
    let agenda = store.agenda(meeting)?;
    let mut next_position = agenda.iter().map(|s| s.position).max().unwrap_or(0);
    for official in &new.prepared.officials {
        let found = agenda
            .iter()
            .find(|s| s.name == official.slot.name && s.unit == official.slot.unit);
        match found {
            None => {
                next_position += 1;
                let mut added = official.clone();
                added.slot.position = next_position;
                update.steps.push(Step::AddOfficial(added));
            }
            Some(slot) => one_official(store, slot, official, &mut update)?,
        }
    }
    for slot in &agenda {
        let kept = new
            .prepared
            .officials
            .iter()
            .any(|o| o.slot.name == slot.name && o.slot.unit == slot.unit);
        if !kept {
            update.not_applied.push(format!(
                "{}（{}）不在新的议程里，但不能从议程撤下：如不述责，请在控制台中跳过并写明原因",
                slot.name, slot.unit
            ));
        }
    }
    let order = |officials: Vec<(String, String)>| officials;
    let old_order = order(
        agenda
            .iter()
            .map(|s| (s.name.clone(), s.unit.clone()))
            .collect(),
    );
    let new_order: Vec<(String, String)> = new
        .prepared
        .officials
        .iter()
        .map(|o| (o.slot.name.clone(), o.slot.unit.clone()))
        .filter(|key| old_order.contains(key))
        .collect();
    let old_kept: Vec<_> = old_order
        .iter()
        .filter(|k| new_order.contains(k))
        .cloned()
        .collect();
    if old_kept != new_order {
        update
            .not_applied
            .push("议程顺序的改动未应用：请在控制台中上移、下移述责人".into());
    }
    Ok(update)
}

fn attendance(store: &Store, meeting: Id, new: &Preparation, update: &mut Update) -> Result<()> {
    let attendees = store.attendees(meeting)?;
    for a in &new.prepared.attendees {
        match attendees.iter().find(|old| old.name == a.name) {
            None => update.steps.push(Step::AddAttendee {
                name: a.name.clone(),
                post: a.post.clone(),
                attendance: a.attendance,
                reason: a.reason.clone(),
            }),
            Some(old) if old.attendance != a.attendance || old.reason != a.reason => {
                update.steps.push(Step::Attendance {
                    attendee: old.id,
                    name: a.name.clone(),
                    attendance: a.attendance,
                    reason: a.reason.clone(),
                })
            }
            Some(_) => {}
        }
    }
    for old in &attendees {
        if !new.prepared.attendees.iter().any(|a| a.name == old.name) {
            update.not_applied.push(format!(
                "出席人员 {} 不在新的名单里，但不能从名单撤下：如未到会，请改为缺席并写明原因",
                old.name
            ));
        }
    }
    Ok(())
}

fn one_official(
    store: &Store,
    slot: &AgendaSlot,
    new: &PreparedOfficial,
    update: &mut Update,
) -> Result<()> {
    let who = slot.name.clone();
    let detail = store.slot_detail(slot.id)?;
    let old_questions: Vec<_> = detail.questions.iter().filter(|q| q.prepared).collect();
    let same_text = |a: &DutyItem, b: &DutyItem| a.text == b.text;
    let unchanged = detail.duty_items.len() == new.duty_items.len()
        && detail
            .duty_items
            .iter()
            .zip(&new.duty_items)
            .all(|(a, b)| DutyItem { id: 0, ..a.clone() } == *b)
        && detail
            .risk_points
            .iter()
            .map(|r| RiskPoint { id: 0, ..r.clone() })
            .eq(new.risk_points.iter().cloned())
        && old_questions
            .iter()
            .map(|q| (q.asker.as_str(), q.text.as_str()))
            .eq(new
                .questions
                .iter()
                .map(|q| (q.asker.as_str(), q.text.as_str())))
        && (slot.report_minutes, slot.written_only)
            == (new.slot.report_minutes, new.slot.written_only);
    if (slot.post.as_str(), slot.supervisor.as_str())
        != (new.slot.post.as_str(), new.slot.supervisor.as_str())
    {
        update.not_applied.push(format!(
            "{who}：职务、分管县领导的改动未应用：议程中的述责人信息还不能在导入时修改"
        ));
    }
    if unchanged {
        return Ok(());
    }
    if slot.stage != Stage::Pending {
        update.not_applied.push(format!(
            "{who} 已开始述责：其准备内容保持原样，会上记录的一切不动（如需更正请在控制台中修改）"
        ));
        return Ok(());
    }
    if (slot.report_minutes, slot.written_only) != (new.slot.report_minutes, new.slot.written_only)
    {
        update.steps.push(Step::Allotment {
            slot: slot.id,
            who: who.clone(),
            minutes: new.slot.report_minutes,
            written_only: new.slot.written_only,
        });
    }
    // Duty items and risk points are matched by their text.
    for item in &new.duty_items {
        match detail.duty_items.iter().find(|old| same_text(old, item)) {
            None => update.steps.push(Step::AddDuty {
                slot: slot.id,
                who: who.clone(),
                item: item.clone(),
            }),
            Some(old)
                if DutyItem {
                    id: 0,
                    ..old.clone()
                } != *item =>
            {
                update.steps.push(Step::ChangeDuty {
                    who: who.clone(),
                    item: DutyItem {
                        id: old.id,
                        ..item.clone()
                    },
                })
            }
            Some(_) => {}
        }
    }
    for old in &detail.duty_items {
        if !new.duty_items.iter().any(|item| same_text(old, item)) {
            update.steps.push(Step::WithdrawDuty {
                who: who.clone(),
                item: old.clone(),
            });
        }
    }
    for risk in &new.risk_points {
        match detail.risk_points.iter().find(|old| old.text == risk.text) {
            None => update.steps.push(Step::AddRisk {
                slot: slot.id,
                who: who.clone(),
                risk: risk.clone(),
            }),
            Some(old)
                if RiskPoint {
                    id: 0,
                    ..old.clone()
                } != *risk =>
            {
                update.steps.push(Step::ChangeRisk {
                    who: who.clone(),
                    risk: RiskPoint {
                        id: old.id,
                        ..risk.clone()
                    },
                })
            }
            Some(_) => {}
        }
    }
    for old in &detail.risk_points {
        if !new.risk_points.iter().any(|risk| risk.text == old.text) {
            update.steps.push(Step::WithdrawRisk {
                who: who.clone(),
                risk: old.clone(),
            });
        }
    }
    // Questions are matched by their wording.
    for q in &new.questions {
        match old_questions.iter().find(|old| old.text == q.text) {
            None => update.steps.push(Step::AddQuestion {
                slot: slot.id,
                who: who.clone(),
                asker: q.asker.clone(),
                text: q.text.clone(),
            }),
            Some(old) if old.asker != q.asker => update.steps.push(Step::ChangeAsker {
                question: old.id,
                who: who.clone(),
                asker: q.asker.clone(),
                text: q.text.clone(),
            }),
            Some(_) => {}
        }
    }
    for old in &old_questions {
        if new.questions.iter().any(|q| q.text == old.text) {
            continue;
        }
        if old.asked_at.is_some() || old.answer.is_some() {
            update.not_applied.push(format!(
                "{who}：提问「{}」已提出或已有回答，保留不撤",
                short(&old.text)
            ));
        } else {
            update.steps.push(Step::WithdrawQuestion {
                question: old.id,
                who: who.clone(),
                text: old.text.clone(),
            });
        }
    }
    Ok(())
}

/// Makes every change in one transaction: all of them or none.
pub fn apply(store: &mut Store, update: &Update, now: DateTime<Utc>) -> Result<()> {
    let meeting = update.meeting;
    store.in_one_transaction(|store| {
        for step in &update.steps {
            match step {
                Step::AddOfficial(official) => {
                    store.add_prepared_official(meeting, official, now)?;
                }
                Step::Allotment {
                    slot,
                    minutes,
                    written_only,
                    ..
                } => store.change_allotment(*slot, *minutes, *written_only, now)?,
                Step::AddDuty { slot, item, .. } => {
                    store.add_duty_item(*slot, item, now)?;
                }
                Step::ChangeDuty { item, .. } => store.change_duty_item(item, false, now)?,
                Step::WithdrawDuty { item, .. } => store.change_duty_item(item, true, now)?,
                Step::AddRisk { slot, risk, .. } => {
                    store.add_risk_point(*slot, risk, now)?;
                }
                Step::ChangeRisk { risk, .. } => store.change_risk_point(risk, false, now)?,
                Step::WithdrawRisk { risk, .. } => store.change_risk_point(risk, true, now)?,
                Step::AddQuestion {
                    slot, asker, text, ..
                } => {
                    store.add_prepared_question(*slot, asker, text, now)?;
                }
                Step::ChangeAsker {
                    question, asker, ..
                } => store.change_question(
                    *question,
                    &QuestionChange {
                        asker: Some(asker.clone()),
                        ..QuestionChange::default()
                    },
                    now,
                )?,
                Step::WithdrawQuestion { question, .. } => store.change_question(
                    *question,
                    &QuestionChange {
                        withdrawn: Some(true),
                        ..QuestionChange::default()
                    },
                    now,
                )?,
                Step::Attendance {
                    attendee,
                    attendance,
                    reason,
                    ..
                } => store.change_attendance(*attendee, *attendance, reason, None, None, now)?,
                Step::AddAttendee {
                    name,
                    post,
                    attendance,
                    reason,
                } => {
                    let id = store.add_attendee(meeting, name, post, *attendance, now)?;
                    if !reason.is_empty() {
                        store.change_attendance(id, *attendance, reason, None, None, now)?;
                    }
                }
            }
        }
        Ok(())
    })
}
