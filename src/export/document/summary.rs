//! 会议纪要: the summary, block by block, as a county commission issues one: the head
//! (title, 第 N 期, issuing office and date), the opening sentence, one part per official
//! with the chair's remarks in full, the 议定事项, the chair's closing remarks in full,
//! 出席 / 列席 / 请假, and the issuing line (印发).

use super::*;
use crate::export::Filing;
use crate::export::sentences::{self as s, Facts};

/// 会议纪要: the summary.
pub fn summary(minutes: &Minutes, style: Style, filing: &Filing) -> Document {
    let m = &minutes.meeting;
    // Never before the meeting: a 纪要 made before the prepared date is dated on it.
    let issued = chinese_date(issue_date(minutes, style));
    let mut blocks = Vec::new();
    if let Some(n) = filing.issue {
        blocks.push(Block::Centred(format!("第{n}期")));
    }
    blocks.push(Block::Spread {
        left: filing.office.clone(),
        right: issued.clone(),
        rule: Rule::Below,
    });
    let facts = Facts::of_meeting(minutes);
    blocks.push(paragraph("", opening(minutes, style, &facts)));
    let mut part = 0;
    let mut next = || {
        part += 1;
        numeral(part)
    };
    // A final 纪要 says only what happened: those who did not report are named once, in
    // the opening sentence, with why.
    for o in minutes.officials.iter().filter(|o| o.reported()) {
        blocks.push(Block::Heading(format!(
            "{}、关于{}{}述责述廉情况",
            next(),
            o.unit_post(),
            o.slot.name
        )));
        blocks.extend(official_summary(minutes, o));
    }
    blocks.push(Block::Heading(format!("{}、议定事项", next())));
    blocks.extend(follow_up_list(minutes, None));
    if let Some(closing) = minutes
        .closing_at_end()
        .filter(|_| facts.allow(s::SUMMARY_CLOSING))
    {
        blocks.push(Block::Heading(format!("{}、会议要求", next())));
        blocks.push(paragraph(
            "",
            format!(
                "{}在总结讲话中强调：{}",
                chair_named(minutes),
                super::wording::sentence(&closing.body)
            ),
        ));
    }
    let late = minutes.added_after_count();
    if late > 0 && facts.allow(s::SUMMARY_ADDED_AFTER) {
        blocks.push(paragraph(
            "",
            format!("散会后另有会后补记{late}项，见会议记录，未计入本纪要。"),
        ));
    }
    for (lead, attendance) in [
        ("出席：", Attendance::Present),
        ("请假：", Attendance::Absent),
        ("列席：", Attendance::NonVoting),
    ] {
        let people = minutes.with(attendance);
        if !people.is_empty() {
            blocks.push(Block::Roster {
                lead: lead.into(),
                text: names(minutes, &people, true, style),
            });
        }
    }
    // The record's hash before the 版记, which stands last, at the foot of the page.
    blocks.extend(chain_line(minutes, style));
    blocks.push(Block::Spread {
        left: filing.office.clone(),
        right: format!("{issued}印发"),
        rule: Rule::Around,
    });
    for block in &mut blocks {
        if let Block::Paragraph { text, .. } = block {
            *text = tidy(text);
        }
    }
    Document {
        masthead: true,
        ..Document::of(minutes, format!("{}纪要", m.title), blocks)
    }
}

/// The chair as the 纪要's sentences name them: "马某书记".
fn chair_named(minutes: &Minutes) -> String {
    let m = &minutes.meeting;
    super::wording::named(&m.chair, &m.chair_post)
}

/// "县某局局长李某（外出学习）、县某镇镇长王某未述责。": every official who did not report,
/// with the reason typed; in a draft, those still to come as 尚未述责.
fn not_reported(minutes: &Minutes) -> String {
    let named = |o: &&OfficialMinutes| {
        let reason = super::wording::clause(&o.slot.skip_reason);
        if reason.is_empty() {
            format!("{}{}", o.unit_post(), o.slot.name)
        } else {
            format!("{}{}（{reason}）", o.unit_post(), o.slot.name)
        }
    };
    let skipped: Vec<String> = minutes
        .officials
        .iter()
        .filter(|o| o.slot.stage == Stage::Skipped || (!o.reported() && !minutes.is_draft()))
        .map(|o| named(&o))
        .collect();
    let pending: Vec<String> = minutes
        .officials
        .iter()
        .filter(|o| o.slot.stage == Stage::Pending && minutes.is_draft())
        .map(|o| named(&o))
        .collect();
    let mut text = String::new();
    if !skipped.is_empty() {
        text.push_str(&format!("{}未述责。", super::wording::list(&skipped)));
    }
    if !pending.is_empty() {
        text.push_str(&format!("{}尚未述责。", super::wording::list(&pending)));
    }
    text
}

/// 会议对前期整改事项作出决定: each earlier follow-up this meeting changed, as it was decided
/// ("“廉政谈话未实现逐级全覆盖”由整改中调整为已完成（已完成全部村组干部廉政谈话）").
fn earlier_decisions(minutes: &Minutes, o: &OfficialMinutes) -> String {
    use super::wording::clause;
    let decided: Vec<String> = o
        .earlier_follow_ups
        .iter()
        .filter_map(|f| minutes.before(f.id).map(|b| (f, &b.state)))
        .map(|(now, then)| {
            let mut text = format!("“{}”", clause(&now.problem));
            let mut changed = false;
            if now.status != then.status {
                text.push_str(&format!(
                    "由{}调整为{}",
                    then.status.name(Lang::Zh),
                    now.status.name(Lang::Zh)
                ));
                changed = true;
            }
            if clause(&now.progress) != clause(&then.progress) && !now.progress.trim().is_empty() {
                let lead = if changed { "，" } else { "" };
                text.push_str(&format!("{lead}整改进展更新为：{}", clause(&now.progress)));
                changed = true;
            }
            if now.deadline != then.deadline {
                let date = now
                    .deadline
                    .map(chinese_date)
                    .unwrap_or_else(|| "不设时限".into());
                let lead = if changed { "，" } else { "" };
                text.push_str(&format!("{lead}整改时限调整为{date}"));
                changed = true;
            }
            if !changed {
                text.push_str("经核实无变化");
            }
            text
        })
        .collect();
    if decided.is_empty() {
        return String::new();
    }
    format!("会议对前期整改事项作出决定：{}。", decided.join("；"))
}

/// "县委书记马某": the chair's post before the name.
fn chair(minutes: &Minutes) -> String {
    let m = &minutes.meeting;
    format!("{}{}", m.chair_post, m.chair)
}

/// "2026年12月18日，县委书记马某在县委第一会议室主持召开……现将会议议定事项纪要如下："
fn opening(minutes: &Minutes, style: Style, facts: &Facts) -> String {
    let m = &minutes.meeting;
    let place = if m.place.is_empty() {
        String::new()
    } else {
        format!("在{}", m.place)
    };
    let reported: Vec<&OfficialMinutes> =
        minutes.officials.iter().filter(|o| o.reported()).collect();
    let in_writing = reported.iter().filter(|o| o.slot.written_only).count();
    let written = if in_writing > 0 {
        format!("（其中书面述责{in_writing}位）")
    } else {
        String::new()
    };
    let absent = not_reported(minutes);
    let held = match (
        facts.allow(s::SUMMARY_QUESTIONING),
        facts.allow(s::SUMMARY_RATING_HELD),
    ) {
        (true, true) => "，进行提问质询和民主测评",
        (true, false) => "，进行提问质询",
        (false, true) => "，进行民主测评",
        (false, false) => "",
    };
    // A draft made before anyone reported says no "听取0位".
    let heard = if reported.is_empty() {
        String::new()
    } else {
        format!(
            "，听取{}位单位主要负责人述责述廉报告{written}{held}",
            reported.len()
        )
    };
    format!(
        "{}，{}{place}主持召开{}{heard}。{absent}现将会议议定事项纪要如下：",
        chinese_date(style.day),
        chair(minutes),
        m.title,
    )
}

fn official_summary(minutes: &Minutes, o: &OfficialMinutes) -> Vec<Block> {
    let scheme = &minutes.rating_scheme;
    let name = &o.slot.name;
    let facts = Facts::of(o);
    let mut text = if facts.allow(s::SUMMARY_WRITTEN_REPORT) {
        format!("{name}提交了书面述责述廉报告。")
    } else if facts.allow(s::SUMMARY_ORAL_REPORT) {
        format!("{name}作了述责述廉报告。")
    } else {
        String::new()
    };
    text.push_str(&questions_sentence(o, &facts));
    if let Some(r) = o.rating_at_end.filter(|_| facts.allow(s::SUMMARY_RATING)) {
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
    text.push_str(&rules_sentence(o, scheme));
    let raised = o.follow_ups_at_end().len();
    if raised > 0 && facts.allow(s::SUMMARY_FOLLOW_UPS) {
        text.push_str(&format!("会议议定整改事项{raised}项（见议定事项）。"));
    }
    let earlier = earlier_decisions(minutes, o);
    if !earlier.is_empty() && Facts::of_meeting(minutes).allow(s::SUMMARY_EARLIER_FOLLOW_UPS) {
        text.push_str(&earlier);
    }
    let mut blocks = vec![paragraph("", text)];
    if let Some(remarks) = o
        .remarks_at_end()
        .filter(|_| facts.allow(s::SUMMARY_REMARKS))
    {
        blocks.push(paragraph(
            "",
            format!(
                "{}指出：{}",
                chair_named(minutes),
                super::wording::sentence(&remarks.body)
            ),
        ));
    }
    blocks
}

/// Counted as the record counts them (as things stood at 散会), with 书面质询 named as it was
/// recorded: the askers, and the reasons only when the recorder chose them.
/// The meeting's own scale and rules: the tallies per group (when not the four grades), what
/// the rules decide, and the recount ("经重新计票，以第2轮为准。"); empty on the default scale
/// without rules.
fn rules_sentence(
    o: &OfficialMinutes,
    scheme: &crate::domain::rating_rules::RatingScheme,
) -> String {
    if scheme.is_default() {
        return String::new();
    }
    let tallies = crate::view::tallies_for(scheme, &o.tallies, o.rating.as_ref());
    if tallies.is_empty() {
        return String::new();
    }
    let mut text = String::new();
    if !o.tallies.is_empty() {
        text.push_str(&format!(
            "民主测评{}。",
            crate::labels::tally_lines(&scheme.grades, &o.tallies).join("；")
        ));
    }
    if !scheme.rules.is_empty() {
        let outcome = scheme.decide(&tallies);
        text.push_str(&format!(
            "按测评规则，{}。",
            crate::labels::rating_outcome(Lang::Zh, &outcome)
        ));
    }
    if o.rating_rounds > 1 {
        text.push_str(&format!("经重新计票，以第{}轮为准。", o.rating_rounds));
    }
    text
}

fn questions_sentence(o: &OfficialMinutes, facts: &Facts) -> String {
    let c = QuestionCounts::of(o);
    let name = &o.slot.name;
    if !facts.allow(s::SUMMARY_ASKED) {
        return "会议未对其提问。".into();
    }
    let mut text = format!("会议对{name}提问{}个，{name}回答{}个", c.asked, c.answered);
    let written: Vec<&crate::domain::Question> = o
        .questions_at_end()
        .into_iter()
        .filter(|q| was_asked(q) && q.needs_written_reply)
        .collect();
    if facts.allow(s::SUMMARY_WRITTEN_REPLY) {
        // One clause per asker and reason, in the order asked: a reason only where chosen.
        let mut groups: Vec<(&str, &str, usize)> = Vec::new();
        for q in &written {
            match groups
                .iter_mut()
                .find(|(asker, reason, _)| *asker == q.asker && *reason == q.written_reason)
            {
                Some(group) => group.2 += 1,
                None => groups.push((&q.asker, &q.written_reason, 1)),
            }
        }
        for (asker, reason, n) in groups {
            text.push_str(&format!("；{asker}所提{n}个问题转为书面质询"));
            if !reason.is_empty() && facts.allow(s::SUMMARY_WRITTEN_REASON) {
                text.push_str(&format!("，理由：{reason}"));
            }
        }
    }
    text.push('。');
    text
}
