//! 会议纪要: the summary, block by block.

use super::*;

/// The first sentence of the remarks, for the summary.
fn brief(text: &str) -> String {
    let first = text
        .split_inclusive(['。', '\n'])
        .next()
        .unwrap_or(text)
        .trim();
    let mut out: String = first.chars().take(120).collect();
    if first.chars().count() > 120 {
        out.push('…');
    }
    out
}

/// 会议纪要: the summary.
pub fn summary(minutes: &Minutes) -> Document {
    let m = &minutes.meeting;
    let place = if m.place.is_empty() {
        String::new()
    } else {
        format!("在{}", m.place)
    };
    let opening = format!(
        "{}，{}{place}主持召开{}，听取{}位单位主要负责人述责述廉报告，进行提问质询{}。现将会议议定事项纪要如下：",
        m.held_on.format("%-m月%-d日"),
        m.chair,
        m.title,
        minutes.officials.len(),
        if minutes.rated() {
            "和民主测评"
        } else {
            ""
        }
    );
    let mut blocks = vec![paragraph("", opening)];
    for (index, o) in minutes.officials.iter().enumerate() {
        blocks.push(Block::Heading(format!(
            "{}、关于{}{}述责述廉情况",
            numeral(index + 1),
            o.unit_post(),
            o.slot.name
        )));
        blocks.push(paragraph("", official_summary(o)));
    }
    blocks.push(Block::Heading(format!(
        "{}、整改事项",
        numeral(minutes.officials.len() + 1)
    )));
    blocks.extend(follow_up_list(minutes));
    if let Some(closing) = minutes.closing() {
        blocks.push(paragraph("会议要求：", brief(&closing.body)));
    }
    blocks.push(paragraph(
        "出席：",
        names(&minutes.with(Attendance::Present), false),
    ));
    let absent = minutes.with(Attendance::Absent);
    if !absent.is_empty() {
        blocks.push(paragraph("请假：", names(&absent, true)));
    }
    let non_voting = minutes.with(Attendance::NonVoting);
    if !non_voting.is_empty() {
        blocks.push(paragraph("列席：", names(&non_voting, false)));
    }
    Document {
        title: format!("{}纪要", m.title),
        blocks,
    }
}

fn official_summary(o: &OfficialMinutes) -> String {
    let name = &o.slot.name;
    if o.slot.stage == Stage::Skipped {
        return format!("{name}未述责（{}）。", o.slot.skip_reason);
    }
    let mut text = if o.slot.written_only {
        format!("{name}提交了书面述责述廉报告。")
    } else if o.timing(Stage::Report).is_some() {
        format!("{name}作了述责述廉报告。")
    } else {
        format!("{name}尚未作述责述廉报告。")
    };
    let asked: Vec<_> = o
        .questions
        .iter()
        .filter(|q| q.question.asked_at.is_some())
        .collect();
    if !asked.is_empty() {
        let answered = asked.iter().filter(|q| q.question.answer.is_some()).count();
        text.push_str(&format!(
            "会议提出{}个问题，{name}回答了{answered}个",
            asked.len()
        ));
        let written = asked
            .iter()
            .filter(|q| q.question.needs_written_reply)
            .count();
        if written > 0 {
            text.push_str(&format!("，其中{written}个问题要求会后书面答复"));
        }
        text.push('。');
    }
    if let Some(r) = o.rating {
        let [excellent, good, fair, poor] = crate::labels::rating_grades(Lang::Zh);
        text.push_str(&format!(
            "民主测评参评{}人，{excellent}{}票、{good}{}票、{fair}{}票、{poor}{}票，{}。",
            r.voters,
            r.excellent,
            r.good,
            r.fair,
            r.poor,
            rating_result(&r)
        ));
    }
    if let Some(remarks) = o.remarks() {
        text.push_str(&format!("主持人点评指出：{}", brief(&remarks.body)));
        if !text.ends_with('。') && !text.ends_with('…') {
            text.push('。');
        }
    }
    if !o.follow_ups.is_empty() {
        text.push_str(&format!(
            "会议议定整改事项{}项（见整改事项）。",
            o.follow_ups.len()
        ));
    }
    text
}
