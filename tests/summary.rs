//! The 纪要 says only what happened, in the Chinese a county commission files: no part for
//! an official who did not report, headings numbered in Chinese numerals to any count, no
//! "，。" where generated words meet typed text, the chair named as 马某书记, and the
//! meeting's decisions on earlier follow-ups said per official.

mod common;

use chrono::FixedOffset;
use common::*;
use shuze::export::{self, Filing, Format, Kind, Minutes, Options};

fn options() -> Options {
    Options {
        revisions: false,
        offset: FixedOffset::east_opt(8 * 3600).unwrap(),
        fonts: export::Fonts::Gb2312,
    }
}

fn summary(minutes: &Minutes) -> String {
    let bytes = export::render_filed(
        minutes,
        Kind::Summary,
        Format::Md,
        &options(),
        &Filing::default(),
    )
    .unwrap();
    String::from_utf8(bytes).unwrap()
}

/// The sample with its first official reported and the meeting ended.
fn ended() -> Minutes {
    let (_dir, db) = temp_db();
    let session = reported_sample(&db, true);
    Minutes::build(&session.store, 1, false, at(2_500)).unwrap()
}

#[test]
fn a_finished_summary_has_no_part_for_an_official_who_did_not_report() {
    let minutes = ended();
    let text = summary(&minutes);
    let silent: Vec<_> = minutes.officials.iter().filter(|o| !o.reported()).collect();
    assert!(
        !silent.is_empty(),
        "the sample has officials who did not report"
    );
    for o in &silent {
        let part = format!("关于{}{}述责述廉情况", o.unit_post(), o.slot.name);
        assert!(!text.contains(&part), "{part} in:\n{text}");
        assert!(
            text.contains(&format!("{}{}", o.unit_post(), o.slot.name)),
            "{} is named once",
            o.slot.name
        );
    }
    assert!(
        text.contains("未述责。现将会议议定事项纪要如下："),
        "{text}"
    );
    assert!(
        !text.contains("\n未述责") && !text.contains("本次会议未述责"),
        "{text}"
    );
}

#[test]
fn twenty_one_officials_are_numbered_to_twenty_one_in_chinese() {
    let mut minutes = ended();
    let first = minutes.officials[0].clone();
    minutes.officials = (1..=21)
        .map(|n| {
            let mut o = first.clone();
            o.slot.name = format!("官员{n}");
            o
        })
        .collect();
    let text = summary(&minutes);
    assert!(text.contains("## 二十、关于"), "{text}");
    assert!(text.contains("## 二十一、关于"), "{text}");
    assert!(text.contains("## 二十二、议定事项"), "{text}");
    assert!(!text.contains("## 21"), "{text}");
}

#[test]
fn no_comma_before_a_full_stop_where_typed_text_ends_in_one() {
    let mut minutes = ended();
    let o = &mut minutes.officials[0];
    o.remarks.last_mut().unwrap().body = "工作扎实，".into();
    o.follow_ups[0].problem = "谈话不全覆盖，".into();
    o.follow_ups[0].measure = "年底前全覆盖；".into();
    minutes.officials[1].slot.skip_reason = "外出学习，".into();
    let text = summary(&minutes);
    for doubled in ["，。", "；。", "。。", "，，", "（外出学习，）"] {
        assert!(!text.contains(doubled), "{doubled} in:\n{text}");
    }
    assert!(
        text.contains("工作扎实。") || text.contains("工作扎实\n"),
        "{text}"
    );
}

#[test]
fn the_chair_is_named_by_name_and_title() {
    let text = summary(&ended());
    assert!(text.contains("马某书记指出："), "{text}");
    assert!(text.contains("马某书记在总结讲话中强调："), "{text}");
    assert!(!text.contains("主持人点评指出"), "{text}");
}

#[test]
fn the_decisions_on_earlier_follow_ups_are_said_for_the_official() {
    let text = summary(&ended());
    assert!(
        text.contains(
            "会议对前期整改事项作出决定：“廉政谈话未实现逐级全覆盖”由整改中调整为已完成，\
             整改进展更新为：已完成全部村组干部廉政谈话。"
        ),
        "{text}"
    );
}

#[test]
fn an_early_leaver_is_said_to_leave_early_with_the_time_and_the_reason() {
    let mut minutes = ended();
    let zhou = minutes
        .attendees_at_end
        .iter_mut()
        .find(|a| a.name == "周某")
        .unwrap();
    zhou.left_at = Some(at(1_800));
    zhou.reason = "参加县防汛工作会议".into();
    let text = summary(&minutes);
    assert!(
        text.contains("周某（副县长，09:30早退，参加县防汛工作会议）"),
        "{text}"
    );
    assert!(
        text.find("**请假**").unwrap() < text.find("**列席**").unwrap(),
        "出席, 请假, 列席 in the standard's order"
    );
}

#[test]
fn a_draft_before_anyone_reported_names_them_as_still_to_come() {
    let (_dir, db) = temp_db();
    let session = sample_session(&db);
    let minutes = Minutes::build(&session.store, 1, false, at(10)).unwrap();
    let text = summary(&minutes);
    assert!(!text.contains("听取0位"), "{text}");
    assert!(text.contains("某某镇党委书记张某"), "{text}");
    assert!(
        text.contains("尚未述责。现将会议议定事项纪要如下："),
        "{text}"
    );
    assert!(text.contains("## 一、议定事项"), "{text}");
}
