//! 会议记录: the full record, block by block.

use super::*;
use crate::domain::StageClock;
use crate::export::minutes::QuestionMinutes;
use crate::export::sentences::{self as s, Facts};
use crate::labels;

/// 会议记录: the full record.
pub fn record(minutes: &Minutes, style: Style) -> Document {
    let facts = Facts::of_meeting(minutes);
    let mut blocks = vec![Block::Heading("一、会议基本情况".into())];
    blocks.extend(basics(minutes, style));
    blocks.push(Block::Heading("二、会议议程".into()));
    blocks.extend(agenda(minutes));
    blocks.push(Block::Heading("三、述责述廉情况".into()));
    for (index, official) in minutes.officials.iter().enumerate() {
        // A new page in print only for an official with something recorded: one who did
        // not report is a line under the one before.
        if index > 0 && official.reported() {
            blocks.push(Block::Break);
        }
        blocks.extend(official_record(
            index,
            official,
            minutes.generated_at,
            style,
        ));
    }
    blocks.push(Block::Heading("四、民主测评".into()));
    blocks.push(rating_table(minutes, style));
    blocks.extend(rating_by_rules(minutes));
    blocks.push(Block::Heading("五、主持人总结讲话".into()));
    blocks.extend(text_with_history(
        minutes.closing(),
        &minutes.closing_remarks,
        minutes.ended_at,
        style,
    ));
    blocks.push(Block::Heading("六、议定事项".into()));
    blocks.extend(follow_up_list(minutes, Some(style)));
    // Only an ended meeting has a 散会 time: a draft says nothing of it.
    if let Some(end) = minutes.ended_at.filter(|_| facts.allow(s::RECORD_ENDED)) {
        blocks.push(paragraph(
            "",
            format!("散会（{}）。", time_of_day(end, style)),
        ));
    }
    if facts.allow(s::RECORD_ADDED_AFTER) {
        blocks.push(Block::Heading("七、会后补记".into()));
        blocks.extend(added_after(minutes, style));
    }
    blocks.push(Block::Signatures(vec![
        "主持人（签字）：".into(),
        "记录人（签字）：".into(),
    ]));
    blocks.extend(chain_line(minutes, style));
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
                names(minutes, &present, true, style)
            ),
        ),
    ];
    let non_voting = minutes.with(Attendance::NonVoting);
    if !non_voting.is_empty() {
        blocks.push(paragraph(
            "列席：",
            names(minutes, &non_voting, true, style),
        ));
    }
    let absent = minutes.with(Attendance::Absent);
    if !absent.is_empty() {
        blocks.push(paragraph("缺席：", names(minutes, &absent, true, style)));
    }
    // Times of the meeting only: one recorded as after 散会 is not a time in it.
    let in_meeting = |t: &DateTime<Utc>| !minutes.is_late(*t);
    let came_and_went: Vec<String> = minutes
        .attendees_at_end
        .iter()
        .filter_map(|a| {
            let arrived = a
                .arrived_at
                .filter(in_meeting)
                .map(|t| format!("{}到会", time_of_day(t, style)));
            let left = a
                .left_at
                .filter(in_meeting)
                .map(|t| format!("{}离会", time_of_day(t, style)));
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
    now: DateTime<Utc>,
    style: Style,
) -> Vec<Block> {
    let facts = Facts::of(o);
    let minutes_ended = o.ended_at.is_some();
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
    blocks.push(paragraph("述责报告：", report_line(o, &facts, now)));
    blocks.extend(duty_record(o));
    blocks.extend(risk_record(o));
    blocks.extend(not_mentioned(o));
    blocks.push(paragraph("提问与回答：", question_counts_line(o, &facts)));
    let asked = o.questions.iter().filter(|q| was_asked(&q.question));
    for (i, q) in asked.enumerate() {
        blocks.extend(question_record(i, q, o, style));
    }
    blocks.extend(earlier_checked(o));
    blocks.push(paragraph(
        "主持人点评：",
        late_text(&o.remarks, o.ended_at, style),
    ));
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

/// 对照清单: the dispatched duty items (按季派单, 适时增单) the report never mentioned, as the
/// recorder ticked them; nothing when none was dispatched.
fn not_mentioned(o: &OfficialMinutes) -> Vec<Block> {
    let dispatched: Vec<_> = o
        .duty_items
        .iter()
        .filter(|d| d.source != crate::domain::DutySource::AnnualReminder)
        .collect();
    if dispatched.is_empty() {
        return Vec::new();
    }
    let missed: Vec<_> = dispatched
        .iter()
        .filter(|d| !o.mentioned.duty_items.contains(&d.id))
        .collect();
    let mut text = format!(
        "派单事项{}项，述责中提及{}项",
        dispatched.len(),
        dispatched.len() - missed.len()
    );
    if missed.is_empty() {
        text.push('。');
        return vec![paragraph(s::RECORD_NOT_MENTIONED.words, text)];
    }
    text.push_str("，未提及：");
    let items: Vec<String> = missed
        .iter()
        .map(|d| {
            format!(
                "【{}，{}】{}",
                d.source.name(Lang::Zh),
                quarter(&d.quarter),
                d.text.trim_end_matches('。')
            )
        })
        .collect();
    text.push_str(&items.join("；"));
    text.push('。');
    vec![paragraph(s::RECORD_NOT_MENTIONED.words, text)]
}

/// 以往问题整改情况: each earlier follow-up of the unit with its deadline, the working days
/// it is overdue and what the check in this meeting found; nothing when the unit has none.
fn earlier_checked(o: &OfficialMinutes) -> Vec<Block> {
    if o.earlier_follow_ups.is_empty() {
        return Vec::new();
    }
    let standing = o.standing();
    let open = o
        .earlier_follow_ups
        .iter()
        .filter(|f| standing.still_open(f))
        .count();
    let overdue = o
        .earlier_follow_ups
        .iter()
        .filter(|f| standing.overdue(f))
        .count();
    let mut blocks = vec![paragraph(
        s::RECORD_EARLIER.words,
        format!(
            "共{}项，未结{open}项，其中逾期{overdue}项。",
            o.earlier_follow_ups.len()
        ),
    )];
    for (i, f) in o.earlier_follow_ups.iter().enumerate() {
        let mut line = format!("{}．{}", i + 1, f.problem.trim_end_matches('。'));
        let deadline = labels::deadline_text(Lang::Zh, f.deadline, f.deadline_workdays);
        if !deadline.is_empty() {
            line.push_str(&format!("（时限：{deadline}）"));
        }
        line.push('。');
        let days = standing.overdue_days(f);
        if days > 0 {
            line.push_str(&format!("逾期{days}{}", s::RECORD_EARLIER_OVERDUE.words));
        }
        match standing.check(f.id) {
            Some(check) => line.push_str(&format!(
                "{}{}。",
                s::RECORD_CHECK.words,
                labels::check_line(Lang::Zh, check)
            )),
            None => line.push_str(&format!(
                "{}{}）。",
                s::RECORD_NOT_CHECKED.words,
                f.status.name(Lang::Zh)
            )),
        }
        line.push_str(&other(&f.extra));
        blocks.push(paragraph("", line));
    }
    blocks
}

/// "提问3个，回答3个，其中书面质询1个；另有1个准备的问题未提问。": as things stood at 散会.
pub(super) fn question_counts_line(o: &OfficialMinutes, facts: &Facts) -> String {
    let c = QuestionCounts::of(o);
    let mut line = format!("提问{}个，回答{}个", c.asked, c.answered);
    if c.written > 0 && facts.allow(s::RECORD_WRITTEN_COUNT) {
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
                "{}．【{}，{}】{}。落实情况：{}（{}）。{}",
                i + 1,
                d.source.name(Lang::Zh),
                quarter(&d.quarter),
                d.text.trim_end_matches('。'),
                progress.trim_end_matches('。'),
                d.status.name(Lang::Zh),
                other(&d.extra)
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
                "{}．【{}】{}。防控措施：{}。{rules}{}",
                i + 1,
                r.level.name(Lang::Zh),
                r.text,
                r.measures.join("；"),
                other(&r.extra)
            ),
        ));
    }
    blocks
}

/// `其他：备注：…；分管领导意见：…。` after a row with extra fields; nothing after one without.
fn other(extra: &[crate::domain::Extra]) -> String {
    if extra.is_empty() {
        return String::new();
    }
    let fields = crate::domain::Extra::joined(extra, "：", "；");
    format!("其他：{fields}。")
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

fn report_line(o: &OfficialMinutes, facts: &Facts, now: DateTime<Utc>) -> String {
    if facts.allow(s::RECORD_WRITTEN_REPORT) {
        return "书面报告。".into();
    }
    let Some(timing) = o
        .timing(Stage::Report)
        .filter(|_| facts.allow(s::RECORD_ORAL_REPORT))
    else {
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

/// One question as recorded: what was added after 散会 stands where it belongs, marked
/// 〔会后补记 date〕, and a time after 散会 is not printed as a time in the meeting.
fn question_record(i: usize, q: &QuestionMinutes, o: &OfficialMinutes, style: Style) -> Vec<Block> {
    let question = &q.question;
    let then = q.at_end.as_ref();
    let put_then = then.is_some_and(was_asked);
    let asked = question
        .asked_at
        .filter(|t| !o.is_late(*t))
        .map(|t| format!("（{}提问）", time_of_day(t, style)))
        .unwrap_or_default();
    let kind = if question.prepared {
        ""
    } else {
        "【现场提问】"
    };
    let late_put = if put_then {
        String::new()
    } else {
        let at = question
            .asked_at
            .or(question.answer.as_ref().map(|a| a.saved_at));
        at.map(|at| late_mark(at, style)).unwrap_or_default()
    };
    let mut blocks = vec![paragraph(
        "",
        format!(
            "{}．{late_put}{kind}{}{asked}：{}",
            i + 1,
            question.asker,
            question.text
        ),
    )];
    let answer = match &question.answer {
        Some(a) if !a.body.trim().is_empty() => {
            let then_body = then
                .and_then(|t| t.answer.as_ref())
                .map(|a| a.body.as_str());
            let mark = if put_then && then_body != Some(a.body.as_str()) {
                late_mark(a.saved_at, style)
            } else {
                String::new()
            };
            format!("{}{mark}", a.body)
        }
        _ => "（未记录回答）".into(),
    };
    blocks.push(paragraph("回答：", answer));
    if question.needs_written_reply {
        // Marked at the meeting, or after 散会 (then not "会上", and marked with its date).
        let marked_then = then.is_some_and(|t| t.needs_written_reply);
        let text = match q.written_at.filter(|at| o.is_late(*at)) {
            Some(at) if !marked_then => format!("转为书面质询。{}", late_mark(at, style)),
            _ => "会上转为书面质询。".to_string(),
        };
        blocks.push(paragraph("书面质询：", text));
        if !question.written_reason.is_empty() {
            blocks.push(paragraph(
                "书面质询理由：",
                format!("{}。", question.written_reason),
            ));
        }
    }
    if style.revisions {
        blocks.extend(history(&q.answer_revisions, style));
    }
    blocks
}

/// The newest text, marked 〔会后补记 date〕 when it was written after 散会.
fn late_text(all: &[Revision], end: Option<DateTime<Utc>>, style: Style) -> String {
    let Some(latest) = all.last().filter(|r| !r.body.trim().is_empty()) else {
        return "（未记录）".into();
    };
    match end {
        Some(end) if latest.saved_at > end => {
            format!("{}{}", latest.body, late_mark(latest.saved_at, style))
        }
        _ => latest.body.clone(),
    }
}

fn text_with_history(
    latest: Option<&Revision>,
    all: &[Revision],
    end: Option<DateTime<Utc>>,
    style: Style,
) -> Vec<Block> {
    let text = match latest {
        Some(_) => late_text(all, end, style),
        None => "（未记录）".into(),
    };
    let mut blocks = vec![paragraph("", text)];
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

fn rating_table(minutes: &Minutes, style: Style) -> Block {
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
            let mark = o
                .rating_recorded_at
                .filter(|at| o.is_late(*at))
                .map(|at| late_mark(at, style))
                .unwrap_or_default();
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
                format!("{}{mark}", rating_result(&r)),
            ])
        })
        .collect();
    Block::Table {
        header: header.iter().map(|s| s.to_string()).collect(),
        rows,
    }
}

/// The meeting's own scale and rules (`[rating]`): per official, the tallies of each voter
/// group, what the rules decide and whether it was recounted (the final round counts).
fn rating_by_rules(minutes: &Minutes) -> Vec<Block> {
    let scheme = &minutes.rating_scheme;
    if scheme.is_default() {
        return Vec::new();
    }
    let mut blocks = Vec::new();
    for o in &minutes.officials {
        let tallies = crate::view::tallies_for(scheme, &o.tallies, o.rating.as_ref());
        if tallies.is_empty() {
            continue;
        }
        let mut text = labels::tally_lines(&scheme.grades, &o.tallies).join("；");
        if !text.is_empty() {
            text.push('。');
        }
        if !scheme.rules.is_empty() {
            text.push_str(&labels::rating_outcome(Lang::Zh, &scheme.decide(&tallies)));
            text.push('。');
        }
        if o.rating_rounds > 1 {
            text.push_str(&format!("经重新计票，以第{}轮为准。", o.rating_rounds));
        }
        blocks.push(paragraph(&format!("{}：", o.slot.name), text));
    }
    blocks
}

/// 会后补记: what was written or corrected after 散会, each with its time and kind, so that
/// the record says which parts came later.
fn added_after(minutes: &Minutes, style: Style) -> Vec<Block> {
    crate::export::after::entries(minutes)
        .into_iter()
        .map(|entry| {
            let at = entry
                .at
                .with_timezone(&style.offset)
                .format("%-m月%-d日%H:%M");
            let end = if entry.text.ends_with(['。', '？', '！']) {
                ""
            } else {
                "。"
            };
            paragraph("", format!("{at}（会后补记）{}{end}", entry.text))
        })
        .collect()
}
