//! `shuze import FILE --update`: a changed preparation applied to a meeting already in the
//! file, as dated corrections (schema v7's change rows): added things are added, changed
//! ones get a new state, removed ones are withdrawn, never deleted. Officials are matched by
//! name and unit, then by unit alone (a corrected name); their name, post, leader in charge,
//! place on the agenda and withdrawal are agenda changes, earlier follow-ups get a
//! `follow_up_change`. Nothing recorded is touched (answers, remarks, ratings, follow-ups
//! updated at the meeting, timings): an official who has started reporting keeps their
//! name, preparation and place, and a question already put is never withdrawn. What schema
//! v7 has no change row for (the meeting header, an attendee taken off the list or their
//! post, a follow-up's source or date, a follow-up taken off) is listed as not applied,
//! with the reason.

use super::Preparation;
use super::kept::{Kept, not_applied};
use crate::domain::{
    AgendaChange, AgendaSlot, Attendance, DutyItem, FollowUp, Id, RiskPoint, Stage,
};
use crate::messages::tr;
use crate::storage::{QuestionChange, Result, Store};
use crate::view::PreparedOfficial;
use chrono::{DateTime, Utc};
use describe::short;

mod describe;

/// One change to make.
#[derive(Debug, Clone)]
pub enum Step {
    /// A new official, at `official.slot.position`; `place` is where they stand in the
    /// agenda's new order (from 1).
    AddOfficial {
        official: PreparedOfficial,
        place: usize,
    },
    /// An official's name, post or leader in charge corrected (each `Some` is new).
    Official {
        slot: Id,
        who: String,
        change: AgendaChange,
    },
    /// An official not yet heard taken off the agenda (kept in the file, shown nowhere).
    WithdrawOfficial {
        slot: Id,
        who: String,
        unit: String,
    },
    /// The agenda in a new order: each moved official's new position, and the names in
    /// the new order for the listing.
    Order {
        moves: Vec<(Id, i64)>,
        names: Vec<String>,
    },
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
    /// A follow-up from before the meeting added to an official's unit.
    AddFollowUp {
        slot: Id,
        who: String,
        follow_up: FollowUp,
    },
    /// An earlier follow-up's new state (its `id` says which).
    ChangeFollowUp {
        who: String,
        follow_up: FollowUp,
    },
    /// The 纪要's 发文机关 and 期号.
    SummaryHead {
        office: String,
        issue: Option<u32>,
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

/// Compares the file's preparation with meeting `meeting` as it stands.
pub fn plan(store: &Store, meeting: Id, new: &Preparation) -> Result<Update> {
    let mut update = Update {
        meeting,
        ..Update::default()
    };
    let now = super::from_store(store, meeting)?;
    let kept = Kept::load(store, meeting)?;
    header(&now, new, &mut update);
    attendance(store, meeting, new, &kept, &mut update)?;
    officials(store, meeting, &now, new, &kept, &mut update)?;
    Ok(update)
}

/// The meeting header has no change rows in schema v7; the 纪要's head is a setting.
fn header(now: &Preparation, new: &Preparation, update: &mut Update) {
    let fields = |m: &crate::domain::Meeting| {
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
    if fields(&now.prepared.meeting) != fields(&new.prepared.meeting) {
        update.not_applied.push(tr!(
            "会议信息（名称、日期、时间、地点、主持人、记录人、计票监票人、环节时长）的改动未应用：\
             数据库（第 7 版）没有记录会议信息更正的表，改写会丢掉原来的内容；如确需改动，请作为新会议导入", "Changes to the meeting's details (name, date, time, place, chair, recorder, scrutineers, stage minutes) not applied: the database (version 7) has no table recording corrections of the meeting's details, and writing over them would lose what was there; if they must change, import it as a new meeting"
        ));
    }
    if (now.office.as_str(), now.issue) != (new.office.as_str(), new.issue) {
        update.steps.push(Step::SummaryHead {
            office: new.office.clone(),
            issue: new.issue,
        });
    }
}

fn attendance(
    store: &Store,
    meeting: Id,
    new: &Preparation,
    kept: &Kept,
    update: &mut Update,
) -> Result<()> {
    let attendees = store.attendees(meeting)?;
    for a in &new.prepared.attendees {
        if let Some(id) = kept.attendee_named(&a.name) {
            let old = attendees.iter().find(|old| old.id == id);
            if old.is_none_or(|old| (old.attendance, &old.reason) != (a.attendance, &a.reason)) {
                update.not_applied.push(not_applied(
                    &tr!("出席人员", "Attendee"),
                    &tr!("出席情况", "attendance"),
                    &a.name,
                ));
            }
            continue;
        }
        match attendees.iter().find(|old| old.name == a.name) {
            None => update.steps.push(Step::AddAttendee {
                name: a.name.clone(),
                post: a.post.clone(),
                attendance: a.attendance,
                reason: a.reason.clone(),
            }),
            Some(old) => {
                if old.attendance != a.attendance || old.reason != a.reason {
                    update.steps.push(Step::Attendance {
                        attendee: old.id,
                        name: a.name.clone(),
                        attendance: a.attendance,
                        reason: a.reason.clone(),
                    })
                }
                if old.post != a.post {
                    update.not_applied.push(tr!(
                        "出席人员 {name}：职务改为「{post}」未应用：数据库（第 7 版）记录出席情况的更正，不记录职务的更正", "Attendee {name}: the post change to '{post}' not applied: the database (version 7) records corrections of attendance, not of posts",
                        name = a.name,
                        post = a.post
                    ));
                }
            }
        }
    }
    for old in &attendees {
        if !new.prepared.attendees.iter().any(|a| a.name == old.name) {
            if kept.has("attendee", old.id) {
                let who = tr!("出席人员", "Attendee");
                let what = tr!("出席情况", "attendance");
                update.not_applied.push(not_applied(&who, &what, &old.name));
                continue;
            }
            update.not_applied.push(tr!(
                "出席人员 {name} 不在新的名单里，但未从名单撤下：数据库（第 7 版）不能撤下出席人员；\
                 如未到会，请在表中改为缺席并写明原因", "Attendee {name} is not in the new list but was not taken off it: the database (version 7) cannot take attendees off; if they did not come, mark them absent in the sheet and give the reason",
                name = old.name
            ));
        }
    }
    Ok(())
}

/// For each official of the file, the index of the agenda slot they are: the same name
/// and unit, else the one official of the same unit left unmatched (a corrected name).
fn match_officials(agenda: &[AgendaSlot], new: &[PreparedOfficial]) -> Vec<Option<usize>> {
    let mut taken = vec![false; agenda.len()];
    let mut found: Vec<Option<usize>> = new
        .iter()
        .map(|o| {
            let at = agenda
                .iter()
                .position(|s| s.name == o.slot.name && s.unit == o.slot.unit)?;
            taken[at] = true;
            Some(at)
        })
        .collect();
    for (index, o) in new.iter().enumerate() {
        if found[index].is_some() {
            continue;
        }
        let same_unit = |(i, s): &(usize, &AgendaSlot)| !taken[*i] && s.unit == o.slot.unit;
        let candidates: Vec<usize> = agenda
            .iter()
            .enumerate()
            .filter(same_unit)
            .map(|(i, _)| i)
            .collect();
        let others_of_unit = new
            .iter()
            .enumerate()
            .filter(|(j, other)| found[*j].is_none() && other.slot.unit == o.slot.unit)
            .count();
        if let ([at], 1) = (candidates.as_slice(), others_of_unit) {
            taken[*at] = true;
            found[index] = Some(*at);
        }
    }
    found
}

fn officials(
    store: &Store,
    meeting: Id,
    now: &Preparation,
    new: &Preparation,
    kept: &Kept,
    update: &mut Update,
) -> Result<()> {
    // `from_store` lists the officials in the agenda's order, as `agenda` does.
    let agenda = store.agenda(meeting)?;
    let matched = match_officials(&agenda, &new.prepared.officials);
    let changed_at_meeting: Vec<Id> = store
        .follow_ups_before(meeting)?
        .iter()
        .map(|b| b.follow_up)
        .collect();
    for (official, at) in new.prepared.officials.iter().zip(&matched) {
        if let Some(at) = at {
            let slot = &agenda[*at];
            let old = &now.prepared.officials[*at];
            if (&old.portrait, &old.talks) != (&official.portrait, &official.talks) {
                update.not_applied.push(tr!(
                    "{who}：政治画像和提醒谈话的改动未应用：导入后不再更改（如需更正，请作为新会议导入）",
                    "{who}: changes to the political portrait and reminder talks not applied: they are not changed once imported (to correct them, import the meeting anew)",
                    who = slot.name
                ));
            }
            if slot.stage == Stage::Pending {
                one_official(store, slot, official, &changed_at_meeting, kept, update)?;
            } else if !same_preparation(old, official) {
                update.not_applied.push(tr!(
                    "{who} 已开始述责：其姓名、职务、分管县领导和准备内容（含以往整改）保持原样，\
                     会上记录的一切不动（如需更正请在控制台中修改）", "{who} has started reporting: their name, post, supervising leader and preparation (with earlier follow-ups) stay as they are, and everything recorded at the meeting is left alone (to correct it, use the console)",
                    who = slot.name
                ));
            }
        }
    }
    for (index, slot) in agenda.iter().enumerate() {
        if matched.contains(&Some(index)) {
            continue;
        }
        if slot.stage == Stage::Pending {
            update.steps.push(Step::WithdrawOfficial {
                slot: slot.id,
                who: slot.name.clone(),
                unit: slot.unit.clone(),
            });
        } else {
            update.not_applied.push(tr!(
                "{who}（{unit}）不在新的议程里，但已开始述责，不从议程撤下：会上记录的一切保留", "{who} ({unit}) is not on the new agenda, but has started reporting, so stays on it: everything recorded at the meeting is kept",
                who = slot.name,
                unit = slot.unit
            ));
        }
    }
    order(store, meeting, &agenda, &matched, new, kept, update)
}

/// Whether two preparations of one official are the same, wherever they stand.
fn same_preparation(old: &PreparedOfficial, new: &PreparedOfficial) -> bool {
    let placed = |o: &PreparedOfficial| {
        let mut o = o.clone();
        o.slot.position = 0;
        o
    };
    placed(old) == placed(new)
}

/// The agenda's new order. Officials who have started reporting keep their positions; the
/// others (and the new ones) take the remaining positions in the file's order.
fn order(
    store: &Store,
    meeting: Id,
    agenda: &[AgendaSlot],
    matched: &[Option<usize>],
    new: &Preparation,
    kept: &Kept,
    update: &mut Update,
) -> Result<()> {
    // Officials moved in the console keep their places, as those who have started do.
    let started = |s: &AgendaSlot| s.stage != Stage::Pending || kept.has("agenda_order", s.id);
    // Positions to fill: those of the pending officials kept, then fresh ones for the new.
    let mut free: Vec<i64> = matched
        .iter()
        .flatten()
        .map(|at| &agenda[*at])
        .filter(|s| !started(s))
        .map(|s| i64::from(s.position))
        .collect();
    free.sort_unstable();
    let mut fresh = i64::from(store.free_agenda_position(meeting)?);
    let mut free = free.into_iter();
    let mut placed: Vec<(i64, String)> = agenda
        .iter()
        .enumerate()
        .filter(|(i, s)| started(s) && matched.contains(&Some(*i)))
        .map(|(_, s)| (i64::from(s.position), s.name.clone()))
        .collect();
    let mut moves = Vec::new();
    let mut added = Vec::new();
    for (official, at) in new.prepared.officials.iter().zip(matched) {
        match at.map(|i| &agenda[i]) {
            Some(slot) if started(slot) => {}
            Some(slot) => {
                let position = free.next().unwrap_or_else(|| {
                    fresh += 1;
                    fresh - 1
                });
                if position != i64::from(slot.position) {
                    moves.push((slot.id, position));
                }
                let name = official.slot.name.clone();
                placed.push((position, name));
            }
            None => {
                let position = free.next().unwrap_or_else(|| {
                    fresh += 1;
                    fresh - 1
                });
                let mut official = official.clone();
                official.slot.position = u32::try_from(position).unwrap_or(u32::MAX);
                placed.push((position, official.slot.name.clone()));
                added.push(official);
            }
        }
    }
    placed.sort_by_key(|(position, _)| *position);
    let place_of = |position: i64| placed.iter().position(|(p, _)| *p == position);
    for official in added {
        let place = place_of(i64::from(official.slot.position)).map_or(0, |p| p + 1);
        update.steps.push(Step::AddOfficial { official, place });
    }
    let names: Vec<String> = placed.into_iter().map(|(_, name)| name).collect();
    let in_file: Vec<&String> = new
        .prepared
        .officials
        .iter()
        .map(|o| &o.slot.name)
        .collect();
    if names.iter().collect::<Vec<_>>() != in_file {
        let moved_here = agenda.iter().any(|s| kept.has("agenda_order", s.id));
        update.not_applied.push(if moved_here {
            tr!(
                "议程顺序会上已修改，未应用：会上移动过的述责人和已开始述责的述责人保持原来的位置，其余述责人按新的顺序排在其他位置", "The agenda's order was changed at the meeting and is not applied: officials moved at the meeting and those who have started keep their places, the others take the remaining places in the new order"
            )
        } else {
            tr!("已开始述责的述责人保持在议程中原来的位置，其余述责人按新的顺序排在其他位置", "Officials who have started reporting keep their places on the agenda; the others take the remaining places in the new order")
        });
    }
    if !moves.is_empty() {
        update.steps.push(Step::Order { moves, names });
    }
    Ok(())
}

fn one_official(
    store: &Store,
    slot: &AgendaSlot,
    new: &PreparedOfficial,
    changed_at_meeting: &[Id],
    kept: &Kept,
    update: &mut Update,
) -> Result<()> {
    let who = slot.name.clone();
    let detail = store.slot_detail(slot.id)?;
    let earlier = store.prepared_follow_ups(slot.id)?;
    follow_ups(slot, &who, &earlier, new, changed_at_meeting, update);
    duty_items(slot, &who, &detail.duty_items, new, kept, update);
    risk_points(slot, &who, &detail.risk_points, new, kept, update);
    questions(slot, &who, &detail.questions, new, kept, update);
    if kept.has("agenda_fields", slot.id) {
        let same = (
            &slot.name,
            &slot.post,
            &slot.supervisor,
            slot.report_minutes,
            slot.written_only,
        ) == (
            &new.slot.name,
            &new.slot.post,
            &new.slot.supervisor,
            new.slot.report_minutes,
            new.slot.written_only,
        );
        if !same {
            update
                .not_applied
                .push(not_applied(&who, &tr!("议程", "agenda"), &slot.name));
        }
        return Ok(());
    }
    let identity = AgendaChange {
        name: (slot.name != new.slot.name).then(|| new.slot.name.clone()),
        post: (slot.post != new.slot.post).then(|| new.slot.post.clone()),
        supervisor: (slot.supervisor != new.slot.supervisor).then(|| new.slot.supervisor.clone()),
        ..AgendaChange::default()
    };
    if identity != AgendaChange::default() {
        update.steps.push(Step::Official {
            slot: slot.id,
            who: who.clone(),
            change: identity,
        });
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
    Ok(())
}

/// Duty items are matched by their text.
fn duty_items(
    slot: &AgendaSlot,
    who: &str,
    old_items: &[DutyItem],
    new: &PreparedOfficial,
    kept: &Kept,
    update: &mut Update,
) {
    for item in &new.duty_items {
        if let Some(id) = kept.with_text("duty_item", slot.id, &item.text) {
            let now = old_items.iter().find(|old| old.id == id);
            if now.is_none_or(|now| {
                DutyItem {
                    id: 0,
                    ..now.clone()
                } != *item
            }) {
                let what = tr!("责任事项", "duty item");
                update
                    .not_applied
                    .push(not_applied(who, &what, &short(&item.text)));
            }
            continue;
        }
        match old_items.iter().find(|old| old.text == item.text) {
            None => update.steps.push(Step::AddDuty {
                slot: slot.id,
                who: who.to_string(),
                item: item.clone(),
            }),
            Some(old)
                if DutyItem {
                    id: 0,
                    ..old.clone()
                } != *item =>
            {
                update.steps.push(Step::ChangeDuty {
                    who: who.to_string(),
                    item: DutyItem {
                        id: old.id,
                        ..item.clone()
                    },
                })
            }
            Some(_) => {}
        }
    }
    for old in old_items {
        if kept.has("duty_item", old.id) {
            if !new.duty_items.iter().any(|item| old.text == item.text) {
                let what = tr!("责任事项", "duty item");
                update
                    .not_applied
                    .push(not_applied(who, &what, &short(&old.text)));
            }
            continue;
        }
        if !new.duty_items.iter().any(|item| old.text == item.text) {
            update.steps.push(Step::WithdrawDuty {
                who: who.to_string(),
                item: old.clone(),
            });
        }
    }
}

/// Risk points are matched by their text.
fn risk_points(
    slot: &AgendaSlot,
    who: &str,
    old_points: &[RiskPoint],
    new: &PreparedOfficial,
    kept: &Kept,
    update: &mut Update,
) {
    for risk in &new.risk_points {
        if let Some(id) = kept.with_text("risk_point", slot.id, &risk.text) {
            let now = old_points.iter().find(|old| old.id == id);
            if now.is_none_or(|now| {
                RiskPoint {
                    id: 0,
                    ..now.clone()
                } != *risk
            }) {
                let what = tr!("廉政风险点", "risk point");
                update
                    .not_applied
                    .push(not_applied(who, &what, &short(&risk.text)));
            }
            continue;
        }
        match old_points.iter().find(|old| old.text == risk.text) {
            None => update.steps.push(Step::AddRisk {
                slot: slot.id,
                who: who.to_string(),
                risk: risk.clone(),
            }),
            Some(old)
                if RiskPoint {
                    id: 0,
                    ..old.clone()
                } != *risk =>
            {
                update.steps.push(Step::ChangeRisk {
                    who: who.to_string(),
                    risk: RiskPoint {
                        id: old.id,
                        ..risk.clone()
                    },
                })
            }
            Some(_) => {}
        }
    }
    for old in old_points {
        if kept.has("risk_point", old.id) {
            if !new.risk_points.iter().any(|risk| risk.text == old.text) {
                let what = tr!("廉政风险点", "risk point");
                update
                    .not_applied
                    .push(not_applied(who, &what, &short(&old.text)));
            }
            continue;
        }
        if !new.risk_points.iter().any(|risk| risk.text == old.text) {
            update.steps.push(Step::WithdrawRisk {
                who: who.to_string(),
                risk: old.clone(),
            });
        }
    }
}

/// Prepared questions are matched by their wording.
fn questions(
    slot: &AgendaSlot,
    who: &str,
    all: &[crate::domain::Question],
    new: &PreparedOfficial,
    kept: &Kept,
    update: &mut Update,
) {
    let old_questions: Vec<_> = all.iter().filter(|q| q.prepared).collect();
    for q in &new.questions {
        if let Some(id) = kept.with_text("question", slot.id, &q.text) {
            let now = old_questions.iter().find(|old| old.id == id);
            if now.is_none_or(|now| (&now.asker, &now.text) != (&q.asker, &q.text)) {
                let what = tr!("提问", "question");
                update
                    .not_applied
                    .push(not_applied(who, &what, &short(&q.text)));
            }
            continue;
        }
        match old_questions.iter().find(|old| old.text == q.text) {
            None => update.steps.push(Step::AddQuestion {
                slot: slot.id,
                who: who.to_string(),
                asker: q.asker.clone(),
                text: q.text.clone(),
            }),
            Some(old) if old.asker != q.asker => update.steps.push(Step::ChangeAsker {
                question: old.id,
                who: who.to_string(),
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
        if kept.has("question", old.id) {
            let what = tr!("提问", "question");
            update
                .not_applied
                .push(not_applied(who, &what, &short(&old.text)));
            continue;
        }
        if old.asked_at.is_some() || old.answer.is_some() {
            update.not_applied.push(tr!(
                "{who}：提问「{text}」已提出或已有回答，保留不撤",
                "{who}: the question '{text}' has been asked or answered, so it stays",
                who = who,
                text = short(&old.text)
            ));
        } else {
            update.steps.push(Step::WithdrawQuestion {
                question: old.id,
                who: who.to_string(),
                text: old.text.clone(),
            });
        }
    }
}

/// Earlier follow-ups (以往整改) are matched by their problem. One updated at this meeting
/// keeps what was recorded; one left out of the file stays (follow-ups are never taken
/// off: the ledger follows them until 已销号).
fn follow_ups(
    slot: &AgendaSlot,
    who: &str,
    earlier: &[FollowUp],
    new: &PreparedOfficial,
    changed_at_meeting: &[Id],
    update: &mut Update,
) {
    let same = |old: &FollowUp, f: &FollowUp| {
        if f.key.is_empty() {
            old.problem == f.problem
        } else {
            old.key == f.key
        }
    };
    for f in &new.earlier_follow_ups {
        let Some(old) = earlier.iter().find(|old| same(old, f)) else {
            update.steps.push(Step::AddFollowUp {
                slot: slot.id,
                who: who.to_string(),
                follow_up: f.clone(),
            });
            continue;
        };
        if (FollowUp {
            id: 0,
            key: f.key.clone(),
            ..old.clone()
        }) == *f
        {
            continue;
        }
        if changed_at_meeting.contains(&old.id) {
            update.not_applied.push(tr!(
                "{who}：以往整改「{problem}」已在会上更新，保持会上记录的内容", "{who}: the earlier follow-up '{problem}' was updated at the meeting, so what was recorded there stays",
                who = who,
                problem = short(&old.problem)
            ));
            continue;
        }
        if (old.source, old.raised_on) != (f.source, f.raised_on) {
            update.not_applied.push(tr!(
                "{who}：以往整改「{problem}」的来源、提出日期的改动未应用：整改事项的更正不含这两项", "{who}: changes to the source and date raised of the earlier follow-up '{problem}' not applied: corrections of follow-ups do not cover these two",
                who = who,
                problem = short(&old.problem)
            ));
        }
        let changed = FollowUp {
            id: old.id,
            source: old.source,
            raised_on: old.raised_on,
            question: old.question,
            key: old.key.clone(),
            ..f.clone()
        };
        if changed != *old {
            update.steps.push(Step::ChangeFollowUp {
                who: who.to_string(),
                follow_up: changed,
            });
        }
    }
    for old in earlier {
        if !new.earlier_follow_ups.iter().any(|f| same(old, f)) {
            update.not_applied.push(tr!(
                "{who}：以往整改「{problem}」不在新的表里，但整改事项不能撤下：台账一直跟踪到销号；\
                 如已整改完毕，请在表中把状态改为已销号", "{who}: the earlier follow-up '{problem}' is not in the new sheet, but follow-ups cannot be withdrawn: the ledger follows them until they are closed; if it is done, set its status to closed in the sheet",
                who = who,
                problem = short(&old.problem)
            ));
        }
    }
}

/// Makes every change in one transaction: all of them or none.
pub fn apply(store: &mut Store, update: &Update, now: DateTime<Utc>) -> Result<()> {
    let meeting = update.meeting;
    store.as_import_update(|store| {
        for step in &update.steps {
            match step {
                Step::AddOfficial { official, .. } => add_official(store, meeting, official, now)?,
                Step::Official { slot, change, .. } => store.change_agenda(*slot, change, now)?,
                Step::WithdrawOfficial { slot, .. } => {
                    let withdrawn = AgendaChange {
                        withdrawn: Some(true),
                        ..AgendaChange::default()
                    };
                    store.change_agenda(*slot, &withdrawn, now)?
                }
                Step::Order { moves, .. } => {
                    for (slot, position) in moves {
                        let moved = AgendaChange {
                            position: Some(*position),
                            ..AgendaChange::default()
                        };
                        store.change_agenda(*slot, &moved, now)?;
                    }
                }
                Step::AddFollowUp {
                    slot, follow_up, ..
                } => {
                    store.add_earlier_follow_up(*slot, follow_up, now)?;
                }
                Step::ChangeFollowUp { follow_up, .. } => {
                    store.change_follow_up(follow_up, None, now)?
                }
                Step::SummaryHead { office, issue } => {
                    store.set_summary_head(meeting, office, *issue)?
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

/// Writes a new official at a position no row holds (the agenda's rows keep their first
/// positions unique), then moves them to their place when it is another.
fn add_official(
    store: &mut Store,
    meeting: Id,
    official: &PreparedOfficial,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut written = official.clone();
    written.slot.position = store.free_agenda_position(meeting)?;
    let slot = store.add_prepared_official(meeting, &written, now)?;
    if written.slot.position != official.slot.position {
        let placed = AgendaChange {
            position: Some(i64::from(official.slot.position)),
            ..AgendaChange::default()
        };
        store.change_agenda(slot, &placed, now)?;
    }
    Ok(())
}
