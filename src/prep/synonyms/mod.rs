//! The workbook's sheets and columns in ONE table: each column's header as the template
//! writes it, the other wordings offices use for it, whether it must be there, its closed
//! choices, its width and the note on its header cell. The reader, the template, the
//! export and the README's list of synonyms all come from here.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    // 会议信息
    Title,
    Date,
    Start,
    Place,
    Chair,
    ChairPost,
    Recorder,
    Scrutineers,
    QuestionsMinutes,
    RemarksMinutes,
    RatingMinutes,
    FollowUpsMinutes,
    Office,
    Issue,
    // 出席人员
    AttendeeName,
    AttendeePost,
    Attendance,
    Reason,
    // 议程
    Position,
    Name,
    Unit,
    Post,
    Supervisor,
    ReportMinutes,
    WrittenOnly,
    // 责任事项
    DutySource,
    Quarter,
    DutyText,
    DutyProgress,
    DutyStatus,
    // 廉政风险点
    RiskText,
    /// 风险表现形式: how the risk shows, read into the risk point's text after a colon.
    RiskForm,
    RiskLevel,
    Measures,
    Rules,
    // 提问
    Asker,
    QuestionText,
    // 以往整改
    FollowUpSource,
    Category,
    Problem,
    Task,
    Measure,
    Lead,
    Owner,
    Deadline,
    Mode,
    FollowUpProgress,
    FollowUpStatus,
    CopiedTo,
    RaisedOn,
    FollowUpKey,
    // 政治画像
    Dimension,
    PortraitProblem,
    Suggestion,
    // 提醒谈话
    TalkDate,
    Talker,
    TalkContent,
    // 设置
    /// The column a value mapping applies to, by its header (风险等级, 出席情况 …).
    MappedColumn,
    /// The value as the office writes it (★★★★).
    Written,
    /// What it is read as: one of the column's choices (高).
    MappedTo,
    /// A column offices keep that carries nothing for the meeting (序号): read without a warning.
    Ignored,
}

/// One column.
#[derive(Debug)]
pub struct Column {
    pub key: Key,
    /// As the template writes it.
    pub header: &'static str,
    /// The other wordings accepted (compared without spaces, `*` and bracketed remarks).
    pub also: &'static [&'static str],
    pub required: bool,
    /// The closed choices, in the order of the domain's values; empty for free text.
    pub choices: &'static [&'static str],
    /// Width in Excel's character units (a Chinese character takes about two).
    pub width: f64,
    /// The note on the header cell: what the column takes.
    pub note: &'static str,
}

/// One sheet (or CSV file of a folder).
#[derive(Debug)]
pub struct Sheet {
    pub name: &'static str,
    /// Other names the sheet (or the CSV file) may have.
    pub also: &'static [&'static str],
    pub required: bool,
    /// Rows tied to an official by 姓名 or 单位.
    pub per_official: bool,
    pub columns: &'static [Column],
}

pub const MEETING: &str = "会议信息";
pub const ATTENDEES: &str = "出席人员";
pub const AGENDA: &str = "议程";
pub const DUTIES: &str = "责任事项";
pub const RISKS: &str = "廉政风险点";
pub const QUESTIONS: &str = "提问";
pub const FOLLOW_UPS: &str = "以往整改";
pub const PORTRAITS: &str = "政治画像";
pub const TALKS: &str = "提醒谈话";
/// The value mappings: a value as offices write it, read as one of a column's choices.
pub const SETTINGS: &str = "设置";

/// What begins the first text of each of the template's example rows: a row so marked is
/// not imported.
pub const EXAMPLE_MARK: &str = "【示例】";

/// True when a cell's text marks its row as an example (`【示例】张某`, `示例：…`).
pub fn marks_example(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with(EXAMPLE_MARK) || text.starts_with("示例：") || text.starts_with("示例:")
}

/// The template's first sheet, read by the clerk and not imported.
pub const INSTRUCTIONS: &str = "填表说明";

/// Sheets (or CSV files) that explain the tables and are passed over on import.
pub const EXPLAINING: &[&str] = &[INSTRUCTIONS, "填报说明", "填写说明", "使用说明", "说明"];

/// True when a sheet by this name explains the tables (填表说明) and holds no rows.
pub fn explains(name: &str) -> bool {
    let is = |name: &str| {
        let wanted = normalise(name);
        EXPLAINING.iter().any(|e| normalise(e) == wanted)
    };
    // `模板-填表说明.csv` as LibreOffice names each sheet's CSV file.
    is(name) || name.rsplit_once('-').is_some_and(|(_, last)| is(last))
}

/// 是 / 否 for yes-or-no columns.
pub const YES_NO: &[&str] = &["是", "否"];
pub const ATTENDANCE: &[&str] = &["出席", "列席", "缺席"];
pub const DUTY_SOURCES: &[&str] = &["年初提示", "按季派单", "适时增单"];
pub const DUTY_STATUSES: &[&str] = &["未启动", "推进中", "已落实"];
pub const RISK_LEVELS: &[&str] = &["高", "中", "低"];
pub const FOLLOW_UP_SOURCES: &[&str] = &["提问", "点评", "民主测评", "会前反馈"];
pub const FOLLOW_UP_MODES: &[&str] = &["立行立改", "限期整改", "长期坚持"];
pub const FOLLOW_UP_STATUSES: &[&str] = &["未启动", "整改中", "已完成", "已销号"];
pub const DIMENSIONS: &[&str] = &[
    "党内政治生活",
    "选人用人",
    "权力规范运行",
    "党员干部勤政廉政",
    "群众满意度评价",
];

mod columns;
mod meeting_sheets;
mod official_sheets;

/// Every sheet, in the workbook's order.
pub const SHEETS: &[Sheet] = &[
    meeting_sheets::MEETING_SHEET,
    meeting_sheets::ATTENDEES_SHEET,
    meeting_sheets::AGENDA_SHEET,
    official_sheets::DUTIES_SHEET,
    official_sheets::RISKS_SHEET,
    official_sheets::QUESTIONS_SHEET,
    official_sheets::FOLLOW_UPS_SHEET,
    official_sheets::PORTRAITS_SHEET,
    official_sheets::TALKS_SHEET,
    meeting_sheets::SETTINGS_SHEET,
];

/// A header or sheet name as compared: without spaces, line breaks, `*` marks and any
/// bracketed remark (`述责时长（分钟）` → `述责时长`), full-width letters and digits folded.
pub fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars().map(half_width) {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '*' | '\u{feff}' | ':' => {}
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out.to_lowercase()
}

/// A full-width letter, digit or sign as its half-width one (`８` → `8`, `（` → `(`), the
/// ideographic space as a space; anything else as it is.
pub fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

/// A cell's text with full-width letters and digits folded (for values, not free text).
pub fn folded(text: &str) -> String {
    text.chars().map(half_width).collect()
}

/// Endings of a header that says something about what it names (分管领导意见 is an opinion,
/// not the leader): such a header is not taken for the column whose word it contains.
const ABOUT: &[&str] = &["意见", "备注", "说明", "批示", "建议", "评价"];

/// True when a header ends in one of [`ABOUT`] after other words.
fn says_about(header: &str) -> bool {
    ABOUT
        .iter()
        .any(|end| header.ends_with(end) && header.chars().count() > end.chars().count())
}

/// The shortest word a header is recognised by when it only contains it.
const SHORTEST_CONTAINED: usize = 2;
/// A header longer than this is text, not a header, when nothing names it exactly.
const LONGEST_HEADER: usize = 12;

/// How well a header names a column, best first: the template's header, another wording,
/// a part between slashes (`单位/科室`), a wording inside it (`主要防控措施及要求`, the longest
/// wording wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// By a wording of this many characters inside the header.
    Contains(usize),
    Part,
    Also,
    Header,
}

impl Sheet {
    /// The column a header names, if any: ranked as `Fit` says, the sheet's first column
    /// on a tie.
    pub fn column(&'static self, header: &str) -> Option<&'static Column> {
        self.fit(header).map(|(column, _)| column)
    }

    /// The column a header names and how well.
    pub fn fit(&'static self, header: &str) -> Option<(&'static Column, Fit)> {
        let wanted = normalise(header);
        if wanted.is_empty() {
            return None;
        }
        let exact = |text: &str| {
            self.columns.iter().find_map(|c| {
                if normalise(c.header) == text {
                    Some((c, Fit::Header))
                } else if c.also.iter().any(|a| normalise(a) == text) {
                    Some((c, Fit::Also))
                } else {
                    None
                }
            })
        };
        if let Some(found) = exact(&wanted) {
            return Some(found);
        }
        let parts: Vec<&str> = wanted
            .split(['/', '／', '|', '、', '\\'])
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1
            && let Some((column, _)) = parts.iter().find_map(|p| exact(p))
        {
            return Some((column, Fit::Part));
        }
        if wanted.chars().count() > LONGEST_HEADER || says_about(&wanted) {
            return None;
        }
        let mut best: Option<(&'static Column, usize)> = None;
        for column in self.columns {
            for word in std::iter::once(column.header).chain(column.also.iter().copied()) {
                let word = normalise(word);
                let length = word.chars().count();
                if length >= SHORTEST_CONTAINED
                    && wanted.contains(&word)
                    && best.is_none_or(|(_, most)| length > most)
                {
                    best = Some((column, length));
                }
            }
        }
        best.map(|(column, length)| (column, Fit::Contains(length)))
    }

    /// All the words accepted for a column, the template's first.
    pub fn words(column: &Column) -> String {
        std::iter::once(column.header)
            .chain(column.also.iter().copied())
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// True when a column no field is named by is kept with each row (责任事项, 廉政风险点
    /// and 以往整改: shown on the card, in the record and the ledger); elsewhere it is named
    /// and left out.
    pub fn keeps_extra(&self) -> bool {
        matches!(self.name, DUTIES | RISKS | FOLLOW_UPS)
    }

    /// The column of `key` (one the sheet has).
    pub fn column_of(&'static self, key: Key) -> &'static Column {
        self.columns
            .iter()
            .find(|c| c.key == key)
            .expect("the key is one of the sheet's")
    }
}

/// The sheet with this name (or one of its other names); a CSV file LibreOffice wrote for
/// each sheet of a workbook (`准备-议程.csv`) is known by the part after the last `-`.
pub fn sheet_named(name: &str) -> Option<&'static Sheet> {
    exactly_named(name).or_else(|| {
        let (_, last) = name.rsplit_once('-')?;
        exactly_named(last)
    })
}

/// The sheet whose name or other name stands inside this one (`附件2 廉政风险点防控台账`,
/// `附件1：主体责任清单`), the longest wording winning; `None` on a tie between two sheets.
pub fn sheet_within_name(name: &str) -> Option<&'static Sheet> {
    let wanted = normalise(name);
    let mut best: Vec<(&'static Sheet, usize)> = Vec::new();
    for sheet in SHEETS {
        let longest = std::iter::once(sheet.name)
            .chain(sheet.also.iter().copied())
            .map(normalise)
            .filter(|word| word.chars().count() >= SHORTEST_CONTAINED && wanted.contains(word))
            .map(|word| word.chars().count())
            .max();
        if let Some(length) = longest {
            best.push((sheet, length));
        }
    }
    best.sort_by_key(|(_, length)| std::cmp::Reverse(*length));
    match best.as_slice() {
        [(sheet, _)] => Some(sheet),
        [(sheet, first), (_, second), ..] if first > second => Some(sheet),
        _ => None,
    }
}

fn exactly_named(name: &str) -> Option<&'static Sheet> {
    let wanted = normalise(name);
    SHEETS
        .iter()
        .find(|s| normalise(s.name) == wanted)
        .or_else(|| {
            SHEETS
                .iter()
                .find(|s| s.also.iter().any(|a| normalise(a) == wanted))
        })
}

/// The sheet's place in the workbook, for sorting problems.
pub fn rank(name: &str) -> usize {
    SHEETS
        .iter()
        .position(|s| s.name == name)
        .unwrap_or(SHEETS.len())
}

/// The README's table of sheets and column wordings (a test keeps the README in step).
pub fn markdown() -> String {
    let mut out = String::from(
        "| 工作表 | 列（模板的写法） | 也认作 | 必填 | 可选值 |\n|---|---|---|---|---|\n",
    );
    for sheet in SHEETS {
        for column in sheet.columns {
            let sheet_name = if sheet.also.is_empty() {
                sheet.name.to_string()
            } else {
                format!("{}（也认作：{}）", sheet.name, sheet.also.join("、"))
            };
            let required = match (column.required, sheet.per_official, column.key) {
                (true, _, _) => "是",
                (false, true, Key::Name | Key::Unit) => "二选一",
                _ => "",
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                if column.key == sheet.columns[0].key {
                    sheet_name
                } else {
                    String::new()
                },
                column.header,
                column.also.join("、"),
                required,
                column.choices.join("、")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_wording_names_two_columns_of_a_sheet() {
        for sheet in SHEETS {
            let mut seen = std::collections::HashMap::new();
            for column in sheet.columns {
                for word in std::iter::once(column.header).chain(column.also.iter().copied()) {
                    let before = seen.insert(normalise(word), column.header);
                    assert!(
                        before.is_none() || before == Some(column.header),
                        "{}: {word} names {} and {}",
                        sheet.name,
                        before.unwrap(),
                        column.header
                    );
                }
            }
        }
    }

    #[test]
    fn bracketed_remarks_and_marks_are_left_out() {
        let agenda = sheet_named("议程").unwrap();
        assert_eq!(
            agenda.column("述责时长（分钟）").unwrap().key,
            Key::ReportMinutes
        );
        assert_eq!(agenda.column(" *姓 名").unwrap().key, Key::Name);
        let risks = sheet_named("廉政风险点防控台账").unwrap();
        assert_eq!(
            risks.column("防控要点及防控措施").unwrap().key,
            Key::Measures
        );
        assert_eq!(risks.column("等级").unwrap().key, Key::RiskLevel);
    }
}
