//! `shuze demo-data`: a deterministic meeting file at a county's scale, to measure start-up
//! and memory against ten years of history. The same file every time (a fixed seed).
//!
//! County scale: 60 units, 40 quarterly meetings of 20 officials each, every official with
//! 7 duty items, 5 risk points and 6 questions; every answer 200 to 2,000 Chinese characters
//! kept in 3 to 5 revisions; follow-ups (half due in 15 working days) and ratings; each
//! meeting checks the unit's earlier follow-ups still open. The newest meeting is left unfinished,
//! so the console opens it. About 50 MB.

use crate::domain::rating_rules::{RatingRule, RatingScheme};
use crate::domain::{
    AgendaSlot, Allotments, Attendance, Attendee, DutyItem, DutySource, DutyStatus, FollowUp,
    FollowUpMark, FollowUpMode, FollowUpSource, FollowUpStatus, Id, Meeting, PortraitDimension,
    PortraitFinding, Rating, ReminderTalk, RiskLevel, RiskPoint, Stage, Word, workdays,
};
use crate::storage::{Imported, Result, Setting, Store};
use crate::view::{PreparedMeeting, PreparedOfficial, PreparedQuestion, TextTarget};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// How much history to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// Ten years of a county: 40 meetings of 20 officials (about 50 MB).
    County,
    /// One meeting of 20 officials, for a quick look.
    Small,
}

impl Scale {
    fn meetings(self) -> usize {
        match self {
            Scale::County => 40,
            Scale::Small => 1,
        }
    }
}

const UNITS: usize = 60;
const OFFICIALS: usize = 20;
const SENTENCES: [&str; 8] = [
    "我们坚持把全面从严治党主体责任扛在肩上，",
    "对照年初提示清单逐项建立工作台账，",
    "召开专题会议研究部署党风廉政建设工作，",
    "针对查摆出的廉政风险点制定防控措施，",
    "完善了议事规则和财务管理等规章制度，",
    "对巡察反馈问题实行销号管理、限期整改，",
    "加强对下属单位和关键岗位的日常监督，",
    "下一步将继续压实责任，推动问题整改到位。",
];

/// The portrait's dimensions as the findings name them, in `PortraitDimension::ALL`'s order.
const DIMENSIONS: [&str; 5] = [
    "党内政治生活",
    "选人用人",
    "权力规范运行",
    "党员干部勤政廉政",
    "群众满意度评价",
];

/// A small deterministic generator (a linear congruential one): the same file every run.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }
}

/// Writes the demo history into a new file at `path` (which must not exist).
pub fn write(path: &std::path::Path, scale: Scale) -> Result<Store> {
    let mut store = Store::create(path)?;
    // A generated file needs no crash safety while it is written; it is checked at the end.
    store
        .connection()
        .pragma_update(None, "synchronous", "OFF")?;
    let mut dice = Dice(20_261_218);
    let meetings = scale.meetings();
    for index in 0..meetings {
        let held = held_on(index);
        let at = Utc.from_utc_datetime(&held.and_hms_opt(1, 0, 0).unwrap_or_default());
        let prepared = meeting(index, held, &mut dice);
        let Imported::Added(id) = store.import_meeting(&prepared, at)? else {
            continue;
        };
        store.set_setting(Setting::RatingScheme(id), &county_rules())?;
        if index + 1 < meetings {
            record(&mut store, id, at, &mut dice)?;
        }
    }
    store
        .connection()
        .pragma_update(None, "synchronous", "FULL")?;
    store.integrity_check()?;
    Ok(store)
}

/// The county's rating rules (as a prep's `[rating]` gives them): the four grades, 合格 at
/// two thirds 好 and 较好, 约谈提醒 past a third 差.
fn county_rules() -> String {
    let grades = RatingScheme::default().grades;
    let rule = |when: &str, result: &str, consequence: &str| {
        RatingRule::parse(when, None, &grades, &[]).map(|mut rule| {
            rule.result = result.into();
            rule.consequence = consequence.into();
            rule
        })
    };
    let rules = [
        rule("好+较好 >= 2/3", "合格", ""),
        rule("好+较好 < 2/3", "不合格", ""),
        rule("差 > 1/3", "", "约谈提醒"),
    ];
    let scheme = RatingScheme {
        rules: rules.into_iter().filter_map(|rule| rule.ok()).collect(),
        ..RatingScheme::default()
    };
    serde_json::to_string(&scheme).unwrap_or_default()
}

/// Quarterly, from the first quarter of 2017.
fn held_on(index: usize) -> NaiveDate {
    let year = 2017 + (index / 4) as i32;
    let month = 3 * (index % 4) as u32 + 3;
    NaiveDate::from_ymd_opt(year, month, 20).unwrap_or_default()
}

fn meeting(index: usize, held: NaiveDate, dice: &mut Dice) -> PreparedMeeting {
    let title = format!(
        "某县{}年第{}季度述责述廉会议",
        held.format("%Y"),
        index % 4 + 1
    );
    let attendees = (1..=25)
        .map(|n| Attendee {
            id: 0,
            arrived_at: None,
            left_at: None,
            name: format!("参会人{n}"),
            post: "县委委员".into(),
            attendance: Attendance::Present,
            reason: String::new(),
        })
        .collect();
    let officials = (0..OFFICIALS)
        .map(|n| official(n, index, held, dice))
        .collect();
    PreparedMeeting {
        meeting: Meeting {
            id: 0,
            title,
            held_on: held,
            starts_at: None,
            place: "县委第一会议室".into(),
            chair: "马某".into(),
            chair_post: "县委书记".into(),
            recorder: "何某".into(),
            scrutineers: vec!["冯某".into(), "许某".into()],
            allotments: Allotments::default(),
            finished_at: None,
        },
        title_at: (1, 1),
        attendees,
        officials,
    }
}

fn official(n: usize, index: usize, held: NaiveDate, dice: &mut Dice) -> PreparedOfficial {
    let unit = (n * 3 + index * OFFICIALS) % UNITS + 1;
    let quarter = format!("{}Q{}", held.format("%Y"), index % 4 + 1);
    PreparedOfficial {
        slot: AgendaSlot {
            id: 0,
            position: n as u32 + 1,
            name: format!("官员{unit}"),
            unit: format!("县第{unit}单位"),
            post: "党组书记、局长".into(),
            supervisor: "李某（县委副书记）".into(),
            report_minutes: 8,
            written_only: false,
            stage: Stage::Pending,
            skip_reason: String::new(),
        },
        duty_items: (0..7)
            .map(|d| DutyItem {
                id: 0,
                source: [
                    DutySource::AnnualReminder,
                    DutySource::QuarterlyDispatch,
                    DutySource::AddedDispatch,
                ][d % 3],
                quarter: quarter.clone(),
                text: format!("第{}项主体责任事项：{}", d + 1, SENTENCES[dice.below(8)]),
                progress: SENTENCES[dice.below(8)].into(),
                status: DutyStatus::InProgress,
                extra: Vec::new(),
            })
            .collect(),
        risk_points: (0..5)
            .map(|r| RiskPoint {
                id: 0,
                text: format!("廉政风险点{}", r + 1),
                level: [RiskLevel::High, RiskLevel::Medium, RiskLevel::Low][r % 3],
                measures: vec!["建立台账".into(), "定期检查".into()],
                rules: vec!["《内部管理制度》".into()],
                extra: Vec::new(),
            })
            .collect(),
        questions: (0..6)
            .map(|q| PreparedQuestion {
                asker: "县纪委监委副书记 某某".into(),
                text: format!("第{}个问题：{}", q + 1, SENTENCES[dice.below(8)]),
            })
            .collect(),
        earlier_follow_ups: Vec::new(),
        portrait: portrait(n, index),
        talks: talks(n, index, held),
    }
}

/// The unit's 政治画像 for this meeting: none to three findings, their dimensions taken in
/// turn (without the dice, so that the rest of the file stays as it was).
fn portrait(n: usize, index: usize) -> Vec<PortraitFinding> {
    (0..(n + index) % 4)
        .map(|k| {
            let at = (index * 7 + n * 3 + k) % 5;
            PortraitFinding {
                id: 0,
                dimension: PortraitDimension::ALL[at],
                problem: format!("{}方面存在薄弱环节（第{}条）", DIMENSIONS[at], k + 1),
                suggestion: "建议对照问题清单逐项整改".into(),
            }
        })
        .collect()
}

/// A reminder talk a month before the meeting with every third official.
fn talks(n: usize, index: usize, held: NaiveDate) -> Vec<ReminderTalk> {
    if !(n + index).is_multiple_of(3) {
        return Vec::new();
    }
    vec![ReminderTalk {
        id: 0,
        held_on: held - Duration::days(30),
        talker: "县纪委书记 马某".into(),
        content: "提醒其严格落实主体责任，抓好问题整改".into(),
    }]
}

/// Takes every official of a past meeting through the whole meeting: the stages, answers
/// in several revisions, remarks, a rating and a follow-up.
fn record(store: &mut Store, meeting: Id, start: DateTime<Utc>, dice: &mut Dice) -> Result<()> {
    let mut now = start;
    for slot in store.agenda(meeting)? {
        let mut stage = Stage::Pending;
        while stage != Stage::Done {
            let next = stage.next();
            store.set_stage(slot.id, stage, next, now)?;
            now += Duration::minutes(3);
            stage = next;
            if stage == Stage::Questions {
                answer_all(store, slot.id, now, dice)?;
            }
        }
        store.record_rating(slot.id, rating(dice), now)?;
        store.save_text(TextTarget::Remarks { slot: slot.id }, &text(dice, 300), now)?;
        check_earlier(store, slot.id, now, dice)?;
        // Most duty items mentioned in the report; the rest left for the 对照清单.
        for item in store.slot_detail(slot.id)?.duty_items {
            if dice.below(4) > 0 {
                store.set_mentioned(slot.id, false, item.id, true, now)?;
            }
        }
        store.add_follow_up(slot.id, &follow_up(now, dice), now)?;
    }
    Ok(())
}

/// The unit's earlier follow-ups not yet found completed, checked with the official: most
/// 已完成, some 整改中, a few 逾期.
fn check_earlier(store: &mut Store, slot: Id, now: DateTime<Utc>, dice: &mut Dice) -> Result<()> {
    let detail = store.slot_detail(slot)?;
    for f in detail
        .earlier_follow_ups
        .iter()
        .filter(|f| detail.still_open(f))
    {
        let (mark, comment) = match dice.below(6) {
            0 => (FollowUpMark::Overdue, "未按期完成，已提醒"),
            1 | 2 => (FollowUpMark::InProgress, "正在推进"),
            _ => (FollowUpMark::Completed, "已整改到位"),
        };
        store.check_follow_up(f.id, slot, mark, comment, now)?;
    }
    Ok(())
}

fn answer_all(store: &mut Store, slot: Id, now: DateTime<Utc>, dice: &mut Dice) -> Result<()> {
    for question in store.slot_detail(slot)?.questions {
        store.mark_asked(question.id, now)?;
        let length = dice.between(200, 2_000);
        let full = text(dice, length);
        let revisions = dice.between(3, 5);
        let target = TextTarget::Answer {
            slot,
            question: question.id,
        };
        let chars: Vec<char> = full.chars().collect();
        for r in 1..=revisions {
            let body: String = chars[..chars.len() * r / revisions].iter().collect();
            store.save_text(target, &body, now + Duration::seconds(r as i64 * 20))?;
        }
    }
    Ok(())
}

/// About `length` characters of plausible answer text.
fn text(dice: &mut Dice, length: usize) -> String {
    let mut body = String::new();
    while body.chars().count() < length {
        body.push_str(SENTENCES[dice.below(SENTENCES.len())]);
    }
    body.chars().take(length).collect()
}

fn rating(dice: &mut Dice) -> Rating {
    let excellent = dice.between(10, 18) as u32;
    Rating {
        voters: 25,
        excellent,
        good: 20 - excellent.min(20),
        fair: 3,
        poor: 1,
    }
}

/// A follow-up raised at the meeting: half with a deadline of 15 working days, half with a
/// date 90 days on.
fn follow_up(now: DateTime<Utc>, dice: &mut Dice) -> FollowUp {
    let raised = now.date_naive();
    let (deadline, deadline_workdays) = if dice.below(2) == 0 {
        (workdays::calendar().add_working_days(raised, 15), Some(15))
    } else {
        ((now + Duration::days(90)).date_naive(), None)
    };
    FollowUp {
        id: 0,
        source: FollowUpSource::Remarks,
        category: "作风建设".into(),
        problem: "落实主体责任有差距".into(),
        task: "压实责任".into(),
        measure: "制定整改方案".into(),
        lead: "分管领导".into(),
        owner: "单位主要负责人".into(),
        deadline: Some(deadline),
        deadline_workdays,
        mode: FollowUpMode::ByDeadline,
        progress: String::new(),
        status: FollowUpStatus::InProgress,
        copied_to: "李某（县委副书记）".into(),
        raised_on: Some(now.date_naive()),
        question: None,
        key: String::new(),
        extra: Vec::new(),
    }
}
