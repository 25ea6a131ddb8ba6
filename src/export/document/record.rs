//! 会议记录: the full record, block by block.

use super::*;
use crate::domain::StageClock;
use crate::export::minutes::QuestionMinutes;
use crate::labels;

/// 会议记录: the full record.
pub fn record(minutes: &Minutes, style: Style) -> Document {
    let mut blocks = vec![Block::Heading("一、会议基本情况".into())];
    blocks.extend(basics(minutes, style));
    blocks.push(Block::Heading("二、会议议程".into()));
    blocks.extend(agenda(minutes));
    blocks.push(Block::Heading("三、述责述廉情况".into()));
    for (index, official) in minutes.officials.iter().enumerate() {
        if index > 0 {
            blocks.push(Block::Break);
        }
        blocks.extend(official_record(
            index,
            official,
            minutes.ended_at.is_some(),
            minutes.generated_at,
            style,
        ));
    }
    blocks.push(Block::Heading("四、民主测评".into()));
    blocks.push(rating_table(minutes));
    blocks.push(Block::Heading("五、主持人总结讲话".into()));
    blocks.extend(text_with_history(
        minutes.closing(),
        &minutes.closing_remarks,
        style,
    ));
    blocks.push(Block::Heading("六、议定事项".into()));
    blocks.extend(follow_up_list(minutes));
    // Only an ended meeting has a 散会 time: a draft says nothing of it.
    if let Some(end) = minutes.ended_at {
        blocks.push(paragraph(
            "",
            format!("散会（{}）。", time_of_day(end, style)),
        ));
        let later = added_after(minutes, end, style);
        if !later.is_empty() {
            blocks.push(Block::Heading("七、会后补记".into()));
            blocks.extend(later);
        }
    }
    blocks.push(Block::Signatures(vec![
        "主持人（签字）：".into(),
        "记录人（签字）：".into(),
    ]));
    Document::of(minutes, format!("{}记录", minutes.meeting.title), blocks)
}

fn basics(minutes: &Minutes, style: Style) -> Vec<Block> {
    let m = &minutes.meeting;
    let start = minutes
        .started_at
        .map(|t| time_of_day(t, style))
        .or(m.starts_at.map(|t| t.format("%H:%M").to_string()));
    let end = minutes.ended_at.map(|t| time_of_day(t, style));
    // The day it was held (its first stage's), the times on other days with their dates.
    let day = chinese_date(style.day);
    let time = match (start, end) {
        (Some(s), Some(e)) => format!("{day} {s}至{e}"),
        (Some(s), None) => format!("{day} {s}开始"),
        _ => day,
    };
    let present = minutes.with(Attendance::Present);
    let chair = if m.chair_post.is_empty() {
        m.chair.clone()
    } else {
        format!("{}（{}）", m.chair, m.chair_post)
    };
    let mut blocks = vec![
        paragraph("时间：", time),
        paragraph(
            "地点：",
            if m.place.is_empty() {
                "（未填写）".to_string()
            } else {
                m.place.clone()
            },
        ),
        paragraph("主持人：", chair),
        paragraph(
            "出席：",
            format!(
                "应到{}人，实到{}人。{}",
                minutes.expected(),
                present.len(),
                names(&present, false)
            ),
        ),
    ];
    let non_voting = minutes.with(Attendance::NonVoting);
    if !non_voting.is_empty() {
        blocks.push(paragraph("列席：", names(&non_voting, true)));
    }
    let absent = minutes.with(Attendance::Absent);
    if !absent.is_empty() {
        blocks.push(paragraph("缺席：", names(&absent, true)));
    }
    let came_and_went: Vec<String> = minutes
        .attendees
        .iter()
        .filter_map(|a| {
            let arrived = a
                .arrived_at
                .map(|t| format!("{}到会", time_of_day(t, style)));
            let left = a.left_at.map(|t| format!("{}离会", time_of_day(t, style)));
            let times: Vec<String> = arrived.into_iter().chain(left).collect();
            (!times.is_empty()).then(|| format!("{}（{}）", a.name, times.join("，")))
        })
        .collect();
    if !came_and_went.is_empty() {
        blocks.push(paragraph("迟到、早退：", came_and_went.join("、")));
    }
    blocks.push(paragraph("记录人：", m.recorder.clone()));
    if minutes.rated() && !m.scrutineers.is_empty() {
        blocks.push(paragraph("计票人、监票人：", m.scrutineers.join("、")));
    }
    blocks
}

fn agenda(minutes: &Minutes) -> Vec<Block> {
    let mut items: Vec<String> = minutes
        .officials
        .iter()
        .map(|o| format!("{}{}述责述廉", o.unit_post(), o.slot.name))
        .collect();
    if minutes.rated() {
        items.push("民主测评".into());
    }
    items.push("主持人总结讲话".into());
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| paragraph("", format!("{}．{item}", i + 1)))
        .collect()
}

fn official_record(
    index: usize,
    o: &OfficialMinutes,
    minutes_ended: bool,
    now: DateTime<Utc>,
    style: Style,
) -> Vec<Block> {
    let mut blocks = vec![Block::Subheading(format!(
        "（{}）{} {}",
        numeral(index + 1),
        o.slot.name,
        o.unit_post()
    ))];
    let not_reported = format!("{}：", Label::NotReported.text(Lang::Zh));
    if o.slot.stage == Stage::Skipped {
        blocks.push(paragraph(
            &not_reported,
            format!("已跳过，原因：{}。", o.slot.skip_reason),
        ));
        return blocks;
    }
    if !o.reported() {
        let when = if minutes_ended {
            "本次会议未述责。"
        } else {
            "尚未述责。"
        };
        blocks.push(paragraph(&not_reported, when));
        return blocks;
    }
    blocks.push(paragraph("述责报告：", report_line(o, now)));
    blocks.extend(duty_record(o));
    blocks.extend(risk_record(o));
    blocks.push(paragraph("提问与回答：", question_counts_line(o)));
    let asked = o.questions.iter().filter(|q| was_asked(&q.question));
    for (i, q) in asked.enumerate() {
        blocks.extend(question_record(i, q, style));
    }
    blocks.push(paragraph("主持人点评：", latest_or_none(o.remarks())));
    if style.revisions {
        blocks.extend(history(&o.remarks, style));
    }
    if let Some(notes) = &o.notes {
        let note = notes
            .last()
            .map(|n| n.body.clone())
            .unwrap_or_else(|| "（无）".into());
        blocks.push(paragraph("记录人备注：", note));
    }
    blocks
}

/// "提问3个，回答3个，其中书面质询1个；另有1个准备的问题未提问。"
pub(super) fn question_counts_line(o: &OfficialMinutes) -> String {
    let c = QuestionCounts::of(o);
    let mut line = format!("提问{}个，回答{}个", c.asked, c.answered);
    if c.written > 0 {
        line.push_str(&format!("，其中书面质询{}个", c.written));
    }
    if c.not_asked > 0 {
        line.push_str(&format!("；另有{}个准备的问题未提问", c.not_asked));
    }
    line.push('。');
    line
}

/// The duty items with source, quarter, progress and status.
fn duty_record(o: &OfficialMinutes) -> Vec<Block> {
    let mut blocks = vec![paragraph(
        "主体责任事项：",
        format!("共{}项。", o.duty_items.len()),
    )];
    for (i, d) in o.duty_items.iter().enumerate() {
        let progress = if d.progress.is_empty() {
            "（未报告）"
        } else {
            &d.progress
        };
        blocks.push(paragraph(
            "",
            format!(
                "{}．【{}，{}】{}。落实情况：{}（{}）。",
                i + 1,
                d.source.name(Lang::Zh),
                quarter(&d.quarter),
                d.text.trim_end_matches('。'),
                progress.trim_end_matches('。'),
                d.status.name(Lang::Zh)
            ),
        ));
    }
    blocks
}

/// The risk points with their measures and rules, and the counts the article asks for.
fn risk_record(o: &OfficialMinutes) -> Vec<Block> {
    let c = o.counts;
    let mut blocks = vec![paragraph(
        "廉政风险点：",
        format!(
            "共{}个，防控措施{}项，完善制度{}项。",
            c.risk_points, c.measures, c.rules
        ),
    )];
    for (i, r) in o.risk_points.iter().enumerate() {
        let rules = if r.rules.is_empty() {
            String::new()
        } else {
            format!("完善制度：{}。", r.rules.join("、"))
        };
        blocks.push(paragraph(
            "",
            format!(
                "{}．【{}】{}。防控措施：{}。{rules}",
                i + 1,
                r.level.name(Lang::Zh),
                r.text,
                r.measures.join("；")
            ),
        ));
    }
    blocks
}

/// "2026Q2" → "2026年第二季度".
fn quarter(q: &str) -> String {
    match (
        q.get(..4),
        q.get(5..6).and_then(|d| d.parse::<usize>().ok()),
    ) {
        (Some(year), Some(n)) => format!("{year}年第{}季度", numeral(n)),
        _ => q.to_string(),
    }
}

fn report_line(o: &OfficialMinutes, now: DateTime<Utc>) -> String {
    if o.slot.written_only {
        return "书面报告。".into();
    }
    let Some(timing) = o.timing(Stage::Report) else {
        return "未作报告。".into();
    };
    let clock = StageClock::of(
        timing,
        o.slot.report_minutes,
        timing.ended_at.unwrap_or(now),
    );
    let over = if clock.overrun_ms().is_some() {
        "，超时"
    } else {
        ""
    };
    format!(
        "口头报告，用时{}（安排{}分钟{over}）。",
        duration(clock.elapsed_ms),
        o.slot.report_minutes
    )
}

fn question_record(i: usize, q: &QuestionMinutes, style: Style) -> Vec<Block> {
    let question = &q.question;
    let asked = question
        .asked_at
        .map(|t| format!("（{}提问）", time_of_day(t, style)))
        .unwrap_or_default();
    let kind = if question.prepared {
        ""
    } else {
        "【现场提问】"
    };
    let mut blocks = vec![paragraph(
        "",
        format!(
            "{}．{kind}{}{asked}：{}",
            i + 1,
            question.asker,
            question.text
        ),
    )];
    let answer = match &question.answer {
        Some(a) if !a.body.trim().is_empty() => a.body.clone(),
        _ => "（未记录回答）".into(),
    };
    blocks.push(paragraph("回答：", answer));
    if question.needs_written_reply {
        blocks.push(paragraph(
            "书面质询：",
            "回答未能令人满意，要求会后书面答复。",
        ));
    }
    if style.revisions {
        blocks.extend(history(&q.answer_revisions, style));
    }
    blocks
}

fn latest_or_none(revision: Option<&Revision>) -> String {
    revision
        .map(|r| r.body.clone())
        .unwrap_or_else(|| "（未记录）".into())
}

fn text_with_history(latest: Option<&Revision>, all: &[Revision], style: Style) -> Vec<Block> {
    let mut blocks = vec![paragraph("", latest_or_none(latest))];
    if style.revisions {
        blocks.extend(history(all, style));
    }
    blocks
}

/// Earlier revisions, oldest first (the last one is the text itself).
fn history(revisions: &[Revision], style: Style) -> Vec<Block> {
    let earlier = &revisions[..revisions.len().saturating_sub(1)];
    earlier
        .iter()
        .map(|r| {
            let at = r.saved_at.with_timezone(&style.offset).format("%H:%M:%S");
            paragraph("修改记录：", format!("{at} 曾记为“{}”", r.body))
        })
        .collect()
}

fn rating_table(minutes: &Minutes) -> Block {
    let rated: Vec<_> = minutes
        .officials
        .iter()
        .filter(|o| o.rating.is_some())
        .collect();
    if rated.is_empty() {
        return paragraph("", "本次会议未进行民主测评。");
    }
    let [excellent, good, fair, poor] = labels::rating_grades(Lang::Zh);
    let header = [
        "序号",
        "述责人",
        "单位职务",
        "参评人数",
        "有效票",
        excellent,
        good,
        fair,
        poor,
        "测评结果",
    ];
    let rows = rated
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let r = o.rating?;
            Some(vec![
                (i + 1).to_string(),
                o.slot.name.clone(),
                o.unit_post(),
                r.voters.to_string(),
                r.counted().to_string(),
                r.excellent.to_string(),
                r.good.to_string(),
                r.fair.to_string(),
                r.poor.to_string(),
                rating_result(&r),
            ])
        })
        .collect();
    Block::Table {
        header: header.iter().map(|s| s.to_string()).collect(),
        rows,
    }
}

/// 会后补记: what was written or corrected after 散会, each with its time, so that the
/// record says which parts came later.
fn added_after(minutes: &Minutes, end: DateTime<Utc>, style: Style) -> Vec<Block> {
    let when = |t: DateTime<Utc>| {
        t.with_timezone(&style.offset)
            .format("%-m月%-d日%H:%M")
            .to_string()
    };
    let mut lines: Vec<(DateTime<Utc>, String)> = Vec::new();
    let mut texts = |revisions: &[Revision], what: String| {
        if let Some(last) = revisions.iter().rfind(|r| r.saved_at > end && !r.draft) {
            lines.push((last.saved_at, format!("补记{what}")));
        }
    };
    for o in &minutes.officials {
        for (i, q) in o.questions.iter().enumerate() {
            texts(
                &q.answer_revisions,
                format!("{}第{}个问题的回答", o.slot.name, i + 1),
            );
        }
        texts(&o.remarks, format!("对{}的点评", o.slot.name));
    }
    texts(&minutes.closing_remarks, "主持人总结讲话".into());
    for c in minutes.corrections.iter().filter(|c| c.changed_at > end) {
        let what = match c.kind.as_str() {
            "question" => "提问",
            "duty_item" => "主体责任事项",
            "risk_point" => "廉政风险点",
            "agenda" => "议程",
            "attendee" => "出席情况",
            "meeting" => "会议日期",
            _ => "整改问题",
        };
        let withdrawn = c.state.get("withdrawn").and_then(|w| w.as_i64()) == Some(1);
        let verb = if withdrawn { "撤回" } else { "更正" };
        let text = ["text", "problem"]
            .iter()
            .find_map(|k| c.state.get(*k).and_then(|v| v.as_str()))
            .map(|t| format!("：{t}"))
            .unwrap_or_default();
        lines.push((c.changed_at, format!("{verb}{what}{text}")));
    }
    lines.sort_by_key(|(at, _)| *at);
    lines
        .into_iter()
        .map(|(at, line)| {
            let end = if line.ends_with(['。', '？', '！']) {
                ""
            } else {
                "。"
            };
            paragraph("", format!("{}（会后补记）{line}{end}", when(at)))
        })
        .collect()
}
