//! 会后补记: what was written or changed after 散会. Each question is worked out as it
//! stood when the meeting ended (what the 纪要 counts), and every later change is listed
//! with its right kind (补记回答, 修改回答, 补记书面质询, 更正提问 …) and its time.

use super::minutes::{Minutes, OfficialMinutes, QuestionMinutes};
use crate::domain::{Attendance, Attendee, Question, Revision, Word as _};
use crate::view::Correction;
use chrono::{DateTime, Utc};
use serde_json::Value;

/// One thing added or changed after 散会.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateEntry {
    pub at: DateTime<Utc>,
    /// "补记回答（张某，问题：……）".
    pub text: String,
}

/// The question as it stood at `end`, with its answer then; `None` when it was raised or
/// withdrawn-and-restored after (it was not in the meeting).
pub fn question_at(
    q: &QuestionMinutes,
    corrections: &[Correction],
    end: DateTime<Utc>,
) -> Option<Question> {
    let mine: Vec<&Correction> = corrections
        .iter()
        .filter(|c| c.kind == "question" && c.target == q.question.id)
        .collect();
    let state = mine
        .iter()
        .rev()
        .find(|c| c.changed_at <= end)
        .map(|c| &c.state)
        .or_else(|| mine.first().map(|c| &c.before));
    let mut at = q.question.clone();
    if let Some(state) = state {
        if flag(state, "withdrawn") {
            return None;
        }
        at.asker = text(state, "asker").unwrap_or(at.asker);
        at.text = text(state, "text").unwrap_or(at.text);
        at.asked_at = text(state, "asked_at").and_then(|t| t.parse().ok());
        at.needs_written_reply = flag(state, "needs_written_reply");
        at.written_reason = text(state, "written_reason").unwrap_or_default();
    }
    // A question on the spot is put when it is written: one written after 散会 was not.
    if !at.prepared && at.asked_at.is_none_or(|t| t > end) {
        return None;
    }
    at.answer = q
        .answer_revisions
        .iter()
        .rfind(|r| r.saved_at <= end)
        .cloned();
    Some(at)
}

/// The attendance as it stood at `end`: each attendee's state then, those added after left
/// out.
pub fn attendees_at(minutes: &Minutes, end: DateTime<Utc>) -> Vec<Attendee> {
    minutes
        .attendees
        .iter()
        .filter(|a| {
            let added = minutes
                .attendees_added_at
                .iter()
                .find(|(id, _)| *id == a.id);
            added.and_then(|(_, at)| *at).is_none_or(|at| at <= end)
        })
        .map(|a| {
            let mine: Vec<&Correction> = minutes
                .corrections
                .iter()
                .filter(|c| c.kind == "attendee" && c.target == a.id)
                .collect();
            let state = mine
                .iter()
                .rev()
                .find(|c| c.changed_at <= end)
                .map(|c| &c.state)
                .or_else(|| mine.iter().find(|c| c.changed_at > end).map(|c| &c.before));
            let mut at = a.clone();
            if let Some(state) = state {
                if let Some(attendance) =
                    text(state, "attendance").and_then(|w| Attendance::from_word(&w))
                {
                    at.attendance = attendance;
                }
                at.reason = text(state, "reason").unwrap_or_default();
                at.arrived_at = text(state, "arrived_at").and_then(|t| t.parse().ok());
                at.left_at = text(state, "left_at").and_then(|t| t.parse().ok());
            }
            at
        })
        .collect()
}

/// When the question's 书面质询 mark was last set.
pub fn written_at(q: &QuestionMinutes, corrections: &[Correction]) -> Option<DateTime<Utc>> {
    corrections
        .iter()
        .filter(|c| c.kind == "question" && c.target == q.question.id)
        .filter(|c| {
            flag(&c.state, "needs_written_reply") && !flag(&c.before, "needs_written_reply")
        })
        .map(|c| c.changed_at)
        .next_back()
}

fn text(state: &Value, key: &str) -> Option<String> {
    state.get(key).and_then(Value::as_str).map(str::to_string)
}

fn flag(state: &Value, key: &str) -> bool {
    state.get(key).and_then(Value::as_i64) == Some(1)
}

/// Everything added or changed after 散会, oldest first; nothing while the meeting goes on.
pub fn entries(minutes: &Minutes) -> Vec<LateEntry> {
    let Some(end) = minutes.ended_at else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    for o in &minutes.officials {
        official(o, minutes, end, &mut entries);
    }
    if let Some(entry) = text_entry(&minutes.closing_remarks, end, "主持人总结讲话") {
        entries.push(entry);
    }
    for (id, at) in &minutes.attendees_added_at {
        let name = minutes.attendees.iter().find(|a| a.id == *id);
        if let (Some(at), Some(a)) = (at.filter(|at| *at > end), name) {
            entries.push(LateEntry {
                at,
                text: format!("补记出席人员：{}", a.name),
            });
        }
    }
    for c in minutes
        .corrections
        .iter()
        .filter(|c| c.changed_at > end && c.kind != "question")
    {
        entries.push(LateEntry {
            at: c.changed_at,
            text: other_correction(c, minutes),
        });
    }
    entries.sort_by_key(|e| e.at);
    entries
}

fn official(o: &OfficialMinutes, minutes: &Minutes, end: DateTime<Utc>, out: &mut Vec<LateEntry>) {
    let name = &o.slot.name;
    for q in &o.questions {
        questions(o, q, minutes, end, out);
    }
    if let Some(entry) = text_entry(&o.remarks, end, &format!("对{name}的点评")) {
        out.push(entry);
    }
    if let Some(at) = o.rating_recorded_at.filter(|at| *at > end) {
        let verb = if o.rating_at_end.is_some() {
            "重新录入"
        } else {
            "补记"
        };
        out.push(LateEntry {
            at,
            text: format!("{verb}{name}的民主测评结果"),
        });
    }
    for f in &o.follow_ups {
        if let Some(at) = o.raised_at(f.id).filter(|at| *at > end) {
            out.push(LateEntry {
                at,
                text: format!("补记整改事项（{name}）：{}", f.problem),
            });
        }
    }
}

fn short(text: &str) -> String {
    let cut: String = text.chars().take(20).collect();
    if cut.chars().count() < text.chars().count() {
        format!("{cut}……")
    } else {
        cut
    }
}

fn questions(
    o: &OfficialMinutes,
    q: &QuestionMinutes,
    minutes: &Minutes,
    end: DateTime<Utc>,
    out: &mut Vec<LateEntry>,
) {
    let name = &o.slot.name;
    let what = format!("{name}，问题：{}", short(&q.question.text));
    if q.at_end.is_none()
        && let Some(at) = q.question.asked_at
    {
        out.push(LateEntry {
            at,
            text: format!(
                "补记提问（{name}）：{}：{}",
                q.question.asker, q.question.text
            ),
        });
    }
    let late_answer = q
        .answer_revisions
        .iter()
        .rfind(|r| r.saved_at > end && !r.draft && !r.body.trim().is_empty());
    let answered_then = q
        .at_end
        .as_ref()
        .and_then(|a| a.answer.as_ref())
        .is_some_and(|a| !a.body.trim().is_empty());
    if let Some(r) = late_answer {
        let verb = if answered_then {
            "修改回答"
        } else {
            "补记回答"
        };
        out.push(LateEntry {
            at: r.saved_at,
            text: format!("{verb}（{what}）"),
        });
    }
    let changes = minutes
        .corrections
        .iter()
        .filter(|c| c.kind == "question" && c.target == q.question.id && c.changed_at > end);
    for c in changes {
        if let Some(kind) = question_change(c, late_answer.is_some() || q.at_end.is_none()) {
            out.push(LateEntry {
                at: c.changed_at,
                text: format!("{kind}（{what}）"),
            });
        }
    }
}

/// What a change to a question after 散会 was; `None` for the time it was put, set by an
/// answer that is listed already.
fn question_change(c: &Correction, answer_listed: bool) -> Option<String> {
    let was = |key: &str| c.before.get(key).cloned().unwrap_or(Value::Null);
    let now = |key: &str| c.state.get(key).cloned().unwrap_or(Value::Null);
    let changed = |key: &str| was(key) != now(key);
    if flag(&c.state, "withdrawn") && changed("withdrawn") {
        return Some("撤回提问".into());
    }
    if changed("text") || changed("asker") {
        return Some("更正提问".into());
    }
    if changed("needs_written_reply") {
        if !flag(&c.state, "needs_written_reply") {
            return Some("撤销书面质询".into());
        }
        return Some(
            match text(&c.state, "written_reason").filter(|r| !r.is_empty()) {
                Some(reason) => format!("补记书面质询，理由：{reason}"),
                None => "补记书面质询".into(),
            },
        );
    }
    if changed("written_reason") {
        return Some("更正书面质询理由".into());
    }
    if changed("asked_at") && !answer_listed {
        return Some(if now("asked_at").is_null() {
            "改为未提问".into()
        } else {
            "补记提问".into()
        });
    }
    None
}

/// 补记 or 修改 of a typed text (remarks, closing): its newest revision after 散会.
fn text_entry(revisions: &[Revision], end: DateTime<Utc>, what: &str) -> Option<LateEntry> {
    let late = revisions
        .iter()
        .rfind(|r| r.saved_at > end && !r.draft && !r.body.trim().is_empty())?;
    let before = revisions
        .iter()
        .rfind(|r| r.saved_at <= end)
        .is_some_and(|r| !r.body.trim().is_empty());
    let verb = if before { "修改" } else { "补记" };
    Some(LateEntry {
        at: late.saved_at,
        text: format!("{verb}{what}"),
    })
}

/// A correction after 散会 of anything but a question, with the name of what it changed.
fn other_correction(c: &Correction, minutes: &Minutes) -> String {
    let what = match c.kind.as_str() {
        "duty_item" => "主体责任事项",
        "risk_point" => "廉政风险点",
        "agenda" => "议程",
        "attendee" => "出席情况",
        "meeting" => "会议日期",
        "follow_up" => "整改事项",
        _ => "记录",
    };
    let verb = if flag(&c.state, "withdrawn") {
        "撤回"
    } else {
        "更正"
    };
    let named = match c.kind.as_str() {
        "attendee" => minutes
            .attendees
            .iter()
            .find(|a| a.id == c.target)
            .map(|a| a.name.clone()),
        "agenda" => text(&c.state, "name"),
        "meeting" => text(&c.state, "held_on"),
        _ => ["text", "problem"].iter().find_map(|k| text(&c.state, k)),
    };
    match named {
        Some(name) => format!("{verb}{what}：{name}"),
        None => format!("{verb}{what}"),
    }
}
