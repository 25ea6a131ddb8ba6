//! Turns the raw prep file into checked meeting data, collecting every problem with its place.

use super::cells::Place;
use super::raw::*;
use super::{Preparation, Problem, Within, line_column, sort_problems};
use crate::domain::rating_rules::{RatingRule, RatingScheme, RuleError};
use crate::domain::{
    AgendaSlot, Allotments, Attendance, Attendee, DutyItem, DutySource, DutyStatus, FollowUp,
    FollowUpMode, FollowUpSource, FollowUpStatus, Meeting, PortraitDimension, PortraitFinding,
    ReminderTalk, RiskLevel, RiskPoint, Stage, workdays,
};
use crate::messages::tr;
use crate::view::{PreparedMeeting, PreparedOfficial, PreparedQuestion};
use chrono::{NaiveDate, NaiveTime};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

/// Parses and checks a prep file; every problem found is returned, in file order.
pub fn parse(source: &str) -> Result<Preparation, Vec<Problem>> {
    let mut problems = super::controls::problems(source);
    let prepared = match toml::from_str::<RawPrep>(source) {
        Ok(raw) => {
            let (prepared, mut found) = check(&raw, Places::Toml(source));
            problems.append(&mut found);
            Some(prepared)
        }
        Err(err) => {
            problems.push(syntax_problem(source, &err));
            None
        }
    };
    match prepared {
        Some(prepared) if problems.is_empty() => Ok(prepared),
        _ => {
            problems.sort_by_key(|problem| (problem.line, problem.column));
            Err(problems)
        }
    }
}

/// Where the spans of the raw structs point: into a TOML file's text, or (for a workbook or
/// a CSV folder) at cells, a span's start being the index of its cell's place.
#[derive(Clone, Copy)]
pub enum Places<'a> {
    Toml(&'a str),
    Cells(&'a [Place]),
}

impl Places<'_> {
    fn locate(&self, span: &Range<usize>) -> (Option<Within>, usize, usize) {
        match self {
            Places::Toml(source) => {
                let (line, column) = line_column(source, span.start);
                (None, line, column)
            }
            Places::Cells(places) => match places.get(span.start) {
                Some(place) => (Some(place.within.clone()), place.row, place.column),
                None => (None, 1, 1),
            },
        }
    }
}

/// Checks raw structs read from any form; the problems are sorted in reading order.
pub fn check(raw: &RawPrep, places: Places) -> (Preparation, Vec<Problem>) {
    let mut checker = Checker {
        places,
        problems: Vec::new(),
        keys: Vec::new(),
        held_on: None,
    };
    let prepared = checker.meeting(raw);
    let mut problems = checker.problems;
    sort_problems(&mut problems);
    (prepared, problems)
}

/// What TOML (or serde, for the file's shape) could not read, at its place.
fn syntax_problem(source: &str, err: &toml::de::Error) -> Problem {
    let (line, column) = err
        .span()
        .map(|span| line_column(source, span.start))
        .unwrap_or((1, 1));
    Problem::at(line, column, explain(err.message()))
}

/// Puts serde's English message into words the recorder can act on.
pub fn explain(message: &str) -> String {
    let hint = if message.starts_with("missing field") {
        tr!(
            "缺少必填字段，请在这张表里补上",
            "A required field is missing: add it to this table"
        )
    } else if message.starts_with("unknown field") {
        tr!(
            "未知字段：检查拼写，或删去这一行",
            "Unknown field: check its spelling, or delete this line"
        )
    } else if message.starts_with("unknown variant") {
        tr!(
            "取值不在允许的范围内，请改用下列之一",
            "Not one of the allowed values: use one of these"
        )
    } else if message.starts_with("invalid type") {
        tr!(
            "类型不对：文字要加英文双引号，数字不加引号",
            "Wrong type: text goes in double quotes, numbers without quotes"
        )
    } else if message.contains("duplicate key") {
        tr!(
            "同一张表里这个字段写了两次",
            "This field is written twice in the same table"
        )
    } else {
        tr!(
            "TOML 语法错误：检查引号、方括号和等号",
            "TOML syntax error: check the quotes, square brackets and equals signs"
        )
    };
    // serde's own words (in English) name the field or the choices.
    format!("{hint} ({})", message.trim())
}

struct Checker<'a> {
    places: Places<'a>,
    problems: Vec<Problem>,
    /// The follow-up identities read so far: each may stand on one row only.
    keys: Vec<String>,
    /// The meeting's date once read: a deadline in working days without a date raised
    /// counts from it.
    held_on: Option<NaiveDate>,
}

impl Checker<'_> {
    fn report(&mut self, span: Range<usize>, message: String) {
        let (within, line, column) = self.places.locate(&span);
        self.problems.push(Problem {
            line,
            column,
            message,
            within,
            header: None,
        });
    }

    /// How a field is named in a message: `name` is its TOML form, `title（会议名称）` (in
    /// English `title (meeting name)`); a spreadsheet's columns have headers only, so there
    /// the TOML key is left out: `「会议名称」` (`'meeting name'`).
    fn field(&self, name: String) -> String {
        match self.places {
            Places::Toml(_) => name,
            Places::Cells(_) => header_words_only(&name),
        }
    }

    /// A required text: must not be blank.
    fn text(&mut self, value: &Spanned<String>, field: String) -> String {
        let text = value.get_ref().trim();
        if text.is_empty() {
            let field = self.field(field);
            self.report(
                value.span(),
                tr!(
                    "{field} 不能为空",
                    "{field} must not be empty",
                    field = field
                ),
            );
        }
        text.to_string()
    }

    fn date(&mut self, value: &Spanned<toml::Value>, field: String) -> Option<NaiveDate> {
        let parsed = match value.get_ref() {
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
                .date
                .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
            toml::Value::String(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok(),
            _ => None,
        };
        if parsed.is_none() {
            let (given, why) = match value.get_ref() {
                toml::Value::String(text) if looks_like_a_date(text) => (
                    text.trim().to_string(),
                    tr!("没有这一天", "there is no such day"),
                ),
                toml::Value::String(text) => {
                    (text.trim().to_string(), tr!("不是日期", "not a date"))
                }
                other => (other.to_string(), tr!("不是日期", "not a date")),
            };
            let field = self.field(field);
            self.report(
                value.span(),
                tr!(
                    "{field} 「{given}」 日期无效（{why}）：应写成 2026-12-18 这样的年-月-日", "{field} '{given}' is not a valid date ({why}): write it as year-month-day, like 2026-12-18",
                    field = field,
                    given = given,
                    why = why
                ),
            );
        }
        parsed
    }

    fn meeting(&mut self, raw: &RawPrep) -> Preparation {
        let header = raw.meeting.get_ref();
        let starts_at = header.start.as_ref().and_then(|start| {
            let parsed = NaiveTime::parse_from_str(start.get_ref().trim(), "%H:%M").ok();
            if parsed.is_none() {
                let field = self.field(tr!("start（开始时间）", "start (starting time)"));
                self.report(
                    start.span(),
                    tr!(
                        "{field} 时间无效：应写成 09:00 这样的时:分",
                        "{field} is not a valid time: write it as hours:minutes, like 09:00",
                        field = field
                    ),
                );
            }
            parsed
        });
        let meeting = Meeting {
            id: 0,
            title: self.text(
                &header.title,
                tr!("title（会议名称）", "title (meeting name)"),
            ),
            held_on: self
                .date(&header.date, tr!("date（会议日期）", "date (meeting date)"))
                .unwrap_or_default(),
            starts_at,
            place: header.place.trim().to_string(),
            chair: self.text(&header.chair, tr!("chair（主持人）", "chair (chair)")),
            chair_post: header.chair_post.trim().to_string(),
            recorder: self.text(
                &header.recorder,
                tr!("recorder（记录人）", "recorder (recorder)"),
            ),
            scrutineers: header
                .scrutineers
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            allotments: self.allotments(header.minutes.as_ref()),
            finished_at: None,
        };
        self.held_on = Some(meeting.held_on).filter(|d| *d != NaiveDate::default());
        let attendees = raw.attendees.iter().map(|a| self.attendee(a)).collect();
        self.check_positions(&raw.officials);
        let mut officials: Vec<PreparedOfficial> =
            raw.officials.iter().map(|o| self.official(o)).collect();
        officials.sort_by_key(|o| o.slot.position);
        let issue = header.issue.as_ref().and_then(|issue| {
            let value = *issue.get_ref();
            if (1..=9999).contains(&value) {
                Some(value as u32)
            } else {
                let field = self.field(tr!("issue（纪要期号）", "issue (issue number of the minutes)"));
                self.report(
                    issue.span(),
                    tr!(
                        "{field} {value} 不合理：应为 1 到 9999 的整数", "{field} {value} is not plausible: it should be a whole number from 1 to 9999",
                        field = field,
                        value = value
                    ),
                );
                None
            }
        });
        let (title_within, line, column) = self.places.locate(&header.title.span());
        Preparation {
            prepared: PreparedMeeting {
                meeting,
                title_at: (line, column),
                attendees,
                officials,
            },
            office: header.office.trim().to_string(),
            issue,
            mark: header.mark.trim().to_string(),
            rating: raw.rating.as_ref().map(|r| self.rating(r)),
            title_within,
            warnings: Vec::new(),
        }
    }

    /// `[rating]`: the scale (the default four grades when none is given), the groups and
    /// each rule read against them; a rule that cannot be read is reported at its place.
    fn rating(&mut self, raw: &Spanned<RawRating>) -> RatingScheme {
        let r = raw.get_ref();
        let clean = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let mut scheme = RatingScheme {
            grades: clean(&r.grades),
            groups: clean(&r.groups),
            rules: Vec::new(),
        };
        if scheme.grades.is_empty() {
            scheme.grades = RatingScheme::default().grades;
        }
        for raw_rule in &r.rules {
            let rule = raw_rule.get_ref();
            let when = rule.when.get_ref();
            match RatingRule::parse(when, rule.group.as_deref(), &scheme.grades, &scheme.groups) {
                Ok(mut parsed) => {
                    parsed.result = rule.result.trim().to_string();
                    parsed.consequence = rule.consequence.trim().to_string();
                    scheme.rules.push(parsed);
                }
                Err(err) => {
                    let why = match err {
                        RuleError::NoComparison => tr!(
                            "没有比较符号（>=、>、<=、<）",
                            "there is no comparison (>=, >, <=, <)"
                        ),
                        RuleError::UnknownGrade(grade) => {
                            tr!(
                                "「{grade}」不是 grades 中的等次",
                                "'{grade}' is not one of the grades",
                                grade = grade
                            )
                        }
                        RuleError::BadShare(share) => {
                            tr!(
                                "「{share}」不是 2/3 或 50% 这样的比例",
                                "'{share}' is not a share like 2/3 or 50%",
                                share = share
                            )
                        }
                        RuleError::UnknownGroup(group) => {
                            tr!(
                                "「{group}」不是 groups 中的参评人员类别",
                                "'{group}' is not one of the groups",
                                group = group
                            )
                        }
                    };
                    self.report(
                        rule.when.span(),
                        tr!(
                            "测评规则 when 「{when}」 无法识别：{why}；应写成 \"好+较好 >= 2/3\" 这样", "The rating rule's when '{when}' cannot be read: {why}; write it like \"A+B >= 2/3\" with the grades' names",
                            when = when,
                            why = why
                        ),
                    );
                }
            }
        }
        scheme
    }

    /// Stage minutes from `[meeting] minutes = { … }`, the usual ones where left out.
    fn allotments(&mut self, raw: Option<&Spanned<RawAllotments>>) -> Allotments {
        let usual = Allotments::default();
        let Some(raw) = raw else {
            return usual;
        };
        let m = raw.get_ref();
        let mut minutes = |value: &Option<Spanned<i64>>, fallback: u32, name: &str| match value {
            None => fallback,
            Some(n) if (1..=120).contains(n.get_ref()) => *n.get_ref() as u32,
            Some(n) => {
                let field = self.field(tr!(
                    "minutes.{name}（环节时长）",
                    "minutes.{name} (stage minutes)",
                    name = name
                ));
                self.report(
                    n.span(),
                    tr!(
                        "{field} {value} 不合理：应为 1 到 120 分钟",
                        "{field} {value} is not plausible: it should be 1 to 120 minutes",
                        field = field,
                        value = n.get_ref()
                    ),
                );
                fallback
            }
        };
        Allotments {
            questions: minutes(&m.questions, usual.questions, "questions"),
            remarks: minutes(&m.remarks, usual.remarks, "remarks"),
            rating: minutes(&m.rating, usual.rating, "rating"),
            follow_ups: minutes(&m.follow_ups, usual.follow_ups, "follow_ups"),
        }
    }

    fn attendee(&mut self, raw: &Spanned<RawAttendee>) -> Attendee {
        let attendee = raw.get_ref();
        Attendee {
            id: 0,
            arrived_at: None,
            left_at: None,
            name: self.text(&attendee.name, tr!("name（姓名）", "name (name)")),
            post: attendee.post.trim().to_string(),
            attendance: match attendee.attendance {
                RawAttendance::Present => Attendance::Present,
                RawAttendance::NonVoting => Attendance::NonVoting,
                RawAttendance::Absent => Attendance::Absent,
            },
            reason: attendee.reason.trim().to_string(),
        }
    }

    fn check_positions(&mut self, officials: &[Spanned<RawOfficial>]) {
        let mut seen: HashMap<i64, usize> = HashMap::new();
        for official in officials {
            let position = &official.get_ref().position;
            let value = *position.get_ref();
            if value < 1 {
                let field = self.field(tr!("position（议程序号）", "position (agenda number)"));
                self.report(
                    position.span(),
                    tr!(
                        "{field} 应从 1 开始",
                        "{field} should start at 1",
                        field = field
                    ),
                );
            } else if let Some(first_line) = seen.get(&value) {
                self.report(
                    position.span(),
                    tr!(
                        "议程序号 {value} 重复：第 {line} 行已用过，请改为未用的序号", "Agenda number {value} is repeated: line {line} already uses it; change it to an unused number",
                        value = value,
                        line = first_line
                    ),
                );
            } else {
                seen.insert(value, self.places.locate(&position.span()).1);
            }
        }
    }

    fn official(&mut self, raw: &Spanned<RawOfficial>) -> PreparedOfficial {
        let official = raw.get_ref();
        let minutes = *official.report_minutes.get_ref();
        if !(1..=120).contains(&minutes) {
            let field = self.field(tr!(
                "report_minutes（述责时长）",
                "report_minutes (reporting minutes)"
            ));
            self.report(
                official.report_minutes.span(),
                tr!(
                    "{field} {value} 不合理：应为 1 到 120 分钟",
                    "{field} {value} is not plausible: it should be 1 to 120 minutes",
                    field = field,
                    value = minutes
                ),
            );
        }
        let supervisor = official.supervisor.trim().to_string();
        let slot = AgendaSlot {
            id: 0,
            position: (*official.position.get_ref()).clamp(0, u32::MAX.into()) as u32,
            name: self.text(&official.name, tr!("name（姓名）", "name (name)")),
            unit: self.text(&official.unit, tr!("unit（单位）", "unit (unit)")),
            post: self.text(&official.post, tr!("post（职务）", "post (post)")),
            supervisor: supervisor.clone(),
            report_minutes: minutes.clamp(0, 120) as u32,
            written_only: official.written_only,
            stage: Stage::Pending,
            skip_reason: String::new(),
        };
        PreparedOfficial {
            slot,
            duty_items: official.duty_items.iter().map(|d| self.duty(d)).collect(),
            risk_points: official.risk_points.iter().map(|r| self.risk(r)).collect(),
            questions: official
                .questions
                .iter()
                .map(|q| self.question(q))
                .collect(),
            earlier_follow_ups: official
                .earlier_follow_ups
                .iter()
                .map(|f| self.follow_up(f, &supervisor))
                .collect(),
            portrait: official.portrait.iter().map(|f| self.finding(f)).collect(),
            talks: official.talks.iter().filter_map(|t| self.talk(t)).collect(),
        }
    }

    fn finding(&mut self, raw: &Spanned<RawFinding>) -> PortraitFinding {
        let finding = raw.get_ref();
        PortraitFinding {
            id: 0,
            dimension: match finding.dimension {
                RawDimension::PartyLife => PortraitDimension::PartyLife,
                RawDimension::Appointments => PortraitDimension::Appointments,
                RawDimension::UseOfPower => PortraitDimension::UseOfPower,
                RawDimension::Integrity => PortraitDimension::Integrity,
                RawDimension::PublicSatisfaction => PortraitDimension::PublicSatisfaction,
            },
            problem: self.text(
                &finding.problem,
                tr!("problem（问题）", "problem (problem)"),
            ),
            suggestion: finding.suggestion.trim().to_string(),
        }
    }

    fn talk(&mut self, raw: &Spanned<RawTalk>) -> Option<ReminderTalk> {
        let talk = raw.get_ref();
        let talker = self.text(
            &talk.talker,
            tr!("talker（谈话人）", "talker (talked with by)"),
        );
        let field = tr!("date（谈话日期）", "date (date of the talk)");
        let held_on = match talk.date.get_ref() {
            // A blank cell of the workbook: said to be empty, not to be a wrong date.
            toml::Value::String(text) if text.trim().is_empty() => {
                self.text(&Spanned::new(talk.date.span(), String::new()), field);
                None
            }
            _ => self.date(&talk.date, field),
        }?;
        Some(ReminderTalk {
            id: 0,
            held_on,
            talker,
            content: talk.content.trim().to_string(),
        })
    }

    fn duty(&mut self, raw: &Spanned<RawDutyItem>) -> DutyItem {
        let item = raw.get_ref();
        DutyItem {
            id: 0,
            source: match item.source {
                RawDutySource::AnnualReminder => DutySource::AnnualReminder,
                RawDutySource::QuarterlyDispatch => DutySource::QuarterlyDispatch,
                RawDutySource::AddedDispatch => DutySource::AddedDispatch,
            },
            quarter: self.quarter(&item.quarter),
            text: self.text(&item.text, tr!("text（事项内容）", "text (duty item)")),
            progress: item.progress.trim().to_string(),
            status: match item.status {
                None | Some(RawDutyStatus::NotStarted) => DutyStatus::NotStarted,
                Some(RawDutyStatus::InProgress) => DutyStatus::InProgress,
                Some(RawDutyStatus::Done) => DutyStatus::Done,
            },
            extra: extra_fields(&item.extra),
        }
    }

    /// "2026Q2" or "2026-Q2" → "2026Q2".
    fn quarter(&mut self, raw: &Spanned<String>) -> String {
        let text = raw.get_ref().trim().to_uppercase().replace('-', "");
        // Six ASCII characters first: slicing "甲甲" (six bytes) at 4 would split a character.
        let valid = text.len() == 6
            && text.is_ascii()
            && text[..4].chars().all(|c| c.is_ascii_digit())
            && matches!(&text[4..], "Q1" | "Q2" | "Q3" | "Q4");
        if !valid {
            let field = self.field(tr!("quarter（季度）", "quarter (quarter)"));
            self.report(
                raw.span(),
                tr!(
                    "{field}\"{given}\" 无效：应写成 2026Q2 这样的年份加 Q1 到 Q4", "{field} '{given}' is not valid: write the year followed by Q1 to Q4, like 2026Q2",
                    field = field,
                    given = raw.get_ref()
                ),
            );
        }
        text
    }

    fn risk(&mut self, raw: &Spanned<RawRiskPoint>) -> RiskPoint {
        let risk = raw.get_ref();
        let clean = |items: &[String]| {
            items
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        RiskPoint {
            id: 0,
            text: self.text(&risk.text, tr!("text（风险点）", "text (risk point)")),
            level: match risk.level {
                RawRiskLevel::High => RiskLevel::High,
                RawRiskLevel::Medium => RiskLevel::Medium,
                RawRiskLevel::Low => RiskLevel::Low,
            },
            measures: clean(&risk.measures),
            rules: clean(&risk.rules),
            extra: extra_fields(&risk.extra),
        }
    }

    fn question(&mut self, raw: &Spanned<RawQuestion>) -> PreparedQuestion {
        let question = raw.get_ref();
        PreparedQuestion {
            asker: self.text(&question.asker, tr!("asker（提问人）", "asker (asker)")),
            text: self.text(&question.text, tr!("text（问题）", "text (question)")),
        }
    }

    fn follow_up(&mut self, raw: &Spanned<RawFollowUp>, supervisor: &str) -> FollowUp {
        let f = raw.get_ref();
        FollowUp {
            id: 0,
            source: match f.source {
                Some(RawFollowUpSource::Question) => FollowUpSource::Question,
                Some(RawFollowUpSource::Remarks) => FollowUpSource::Remarks,
                Some(RawFollowUpSource::Rating) => FollowUpSource::Rating,
                None | Some(RawFollowUpSource::Feedback) => FollowUpSource::Feedback,
            },
            category: f.category.trim().to_string(),
            problem: self.text(&f.problem, tr!("problem（问题）", "problem (problem)")),
            task: f.task.trim().to_string(),
            measure: f.measure.trim().to_string(),
            lead: f.lead.trim().to_string(),
            owner: f.owner.trim().to_string(),
            deadline: self.deadline(f),
            mode: match f.mode {
                Some(RawFollowUpMode::Immediate) => FollowUpMode::Immediate,
                None | Some(RawFollowUpMode::ByDeadline) => FollowUpMode::ByDeadline,
                Some(RawFollowUpMode::LongTerm) => FollowUpMode::LongTerm,
            },
            progress: f.progress.trim().to_string(),
            status: match f.status {
                RawFollowUpStatus::NotStarted => FollowUpStatus::NotStarted,
                RawFollowUpStatus::InProgress => FollowUpStatus::InProgress,
                RawFollowUpStatus::Completed => FollowUpStatus::Completed,
                RawFollowUpStatus::Closed => FollowUpStatus::Closed,
            },
            copied_to: f
                .copied_to
                .as_deref()
                .map(str::trim)
                .unwrap_or(supervisor)
                .to_string(),
            question: None,
            raised_on: f.raised_on.as_ref().and_then(|d| {
                self.date(d, tr!("raised_on（提出日期）", "raised_on (date raised)"))
            }),
            key: f.key.as_ref().map(|k| self.key(k)).unwrap_or_default(),
            extra: extra_fields(&f.extra),
            deadline_workdays: f.deadline.as_ref().and_then(workdays_written),
        }
    }

    /// A follow-up's deadline: a date, or `15个工作日` counted by the holiday calendar from
    /// the day it was raised (the meeting's day when none is given).
    fn deadline(&mut self, f: &RawFollowUp) -> Option<NaiveDate> {
        let value = f.deadline.as_ref()?;
        let Some(days) = workdays_written(value) else {
            return self.date(value, tr!("deadline（时限）", "deadline (time limit)"));
        };
        let raised_on = match f.raised_on.as_ref() {
            Some(raised) => self.date(
                raised,
                tr!("raised_on（提出日期）", "raised_on (date raised)"),
            )?,
            None => self.held_on?,
        };
        Some(workdays::calendar().add_working_days(raised_on, days))
    }

    /// A follow-up's identity: 32 hex digits as `export-prep` wrote them, on one row only.
    fn key(&mut self, value: &Spanned<String>) -> String {
        let key = value.get_ref().trim().to_ascii_lowercase();
        if self.keys.contains(&key) {
            let field = self.field(tr!("key（整改标识）", "key (follow-up identity)"));
            self.report(
                value.span(),
                tr!(
                    "{field}「{key}」在另一行已出现：同一整改事项只能占一行（复制的行请清空整改标识）", "{field} '{key}' already stands on another row: one follow-up takes one row (clear the identity of a copied row)",
                    field = field,
                    key = key
                ),
            );
        }
        self.keys.push(key.clone());
        if key.len() != 32 || !key.chars().all(|c| c.is_ascii_hexdigit()) {
            let field = self.field(tr!("key（整改标识）", "key (follow-up identity)"));
            self.report(
                value.span(),
                tr!(
                    "{field} 应为导出准备文件时写入的32位标识（0-9、a-f），「{key}」不是；新的整改事项请留空", "{field} must be the 32-character identity written by export-prep (0-9, a-f), and '{key}' is not; leave it blank for a new follow-up",
                    field = field,
                    key = value.get_ref().trim()
                ),
            );
        }
        key
    }
}

/// Whether `text` is written as a date (year, month and day in numbers), so that a date
/// that cannot be is one with no such day (2027-02-30).
fn looks_like_a_date(text: &str) -> bool {
    let numbers: Vec<&str> = text
        .trim()
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .collect();
    matches!(numbers.as_slice(), [year, _, _] if year.len() == 4)
        && text
            .trim()
            .chars()
            .all(|c| c.is_ascii_digit() || "-/.年月日".contains(c))
}

/// The number of working days a deadline is written as (`15个工作日`, `15 working days`).
fn workdays_written(value: &Spanned<toml::Value>) -> Option<u32> {
    match value.get_ref() {
        toml::Value::String(text) => workdays::working_days_in(text),
        _ => None,
    }
}

/// A field's name for a spreadsheet: `deadline（时限）` becomes `「时限」`, the column's
/// header, and `deadline (time limit)` becomes `'time limit'`.
fn header_words_only(name: &str) -> String {
    if let Some((_, header)) = name.split_once('（') {
        format!("「{}」", header.trim_end_matches('）'))
    } else if let Some((_, meaning)) = name.split_once(" (") {
        format!("'{}'", meaning.trim_end_matches(')'))
    } else {
        name.to_string()
    }
}

/// A row's extra columns as the prep gives them: header and value trimmed, blank cells left
/// out.
fn extra_fields(pairs: &[(String, String)]) -> Vec<crate::domain::Extra> {
    pairs
        .iter()
        .map(|(label, value)| crate::domain::Extra {
            label: label.trim().to_string(),
            value: value.trim().to_string(),
        })
        .filter(|e| !e.label.is_empty() && !e.value.is_empty())
        .collect()
}
