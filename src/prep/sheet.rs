//! From the grids of a workbook or a CSV folder to the raw structs a TOML prep file is read
//! into, so that the checker (`check`) makes every check of the meeting in one place. Here
//! only what belongs to spreadsheets: finding sheets and columns by their wordings,
//! reading cells (dates, numbers, choices, numbered lines), tying rows to officials.
//!
//! Every span in the raw structs is the index of the cell's place (`cells::Place`), so the
//! checker's problems name the sheet, row and column.

use super::cells::{self, Grid, Place, Value};
use super::check::{self, Places};
use super::raw::*;
use super::synonyms::{self, Key, Sheet};
use super::{ImportError, Preparation, Problem, Within, sort_problems};
use crate::messages::tr;
use crate::messages::{Lang, language};
use serde::de::DeserializeOwned;
use serde::de::value::{Error as ValueError, StrDeserializer};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// Excel's limit on a cell's text.
pub const MOST_CHARS: usize = 32_767;

/// How many rows from the top the header row is looked for in (offices put a title above it).
const HEADER_SEARCH: usize = 10;

/// Reads and checks the grids of a workbook or CSV folder at `path`.
pub fn read(path: &Path, grids: Vec<Grid>) -> Result<Preparation, ImportError> {
    let mut reader = Reader::default();
    let tables = reader.tables(&grids);
    if !reader.problems.is_empty() {
        return Err(invalid(path, reader.problems));
    }
    let raw = reader.raw(&tables);
    let (mut preparation, found) = check::check(&raw, Places::Cells(&reader.places));
    // A cell the reader found wrong is not reported a second time by the checker.
    let reported: Vec<_> = reader
        .problems
        .iter()
        .map(|p| (p.within.clone(), p.line, p.column))
        .collect();
    let mut problems = reader.problems;
    problems.extend(
        found
            .into_iter()
            .filter(|p| !reported.contains(&(p.within.clone(), p.line, p.column))),
    );
    if !problems.is_empty() {
        return Err(invalid(path, problems));
    }
    sort_problems(&mut reader.warnings);
    preparation.warnings = reader.warnings;
    Ok(preparation)
}

fn invalid(path: &Path, mut problems: Vec<Problem>) -> ImportError {
    sort_problems(&mut problems);
    ImportError::Invalid {
        path: path.to_path_buf(),
        problems,
    }
}

/// One sheet found: its grid, its header row and which column holds what.
struct Table<'g> {
    sheet: &'static Sheet,
    grid: &'g Grid,
    header_row: usize,
    columns: HashMap<Key, usize>,
}

impl Table<'_> {
    /// The data rows (indexes into the grid), blank ones left out.
    fn rows(&self) -> Vec<usize> {
        let keys: Vec<usize> = self
            .columns
            .iter()
            .filter(|(key, _)| {
                !(self.sheet.per_official && matches!(key, Key::Name | Key::Unit))
                    && **key != Key::Ignored
            })
            .map(|(_, column)| *column)
            .collect();
        (self.header_row + 1..self.grid.rows.len())
            .filter(|row| keys.iter().any(|c| !self.grid.cell(*row, *c).is_empty()))
            .collect()
    }
}

#[derive(Default)]
struct Reader {
    places: Vec<Place>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl Reader {
    fn problem(&mut self, within: &Within, row: usize, column: usize, message: String) {
        self.problems.push(Problem {
            line: row,
            column,
            message,
            within: Some(within.clone()),
        });
    }

    fn warn(&mut self, within: &Within, row: usize, column: usize, message: String) {
        self.warnings.push(Problem {
            line: row,
            column,
            message,
            within: Some(within.clone()),
        });
    }

    /// The span of the cell at grid row `row`, column `column` (both from 0).
    fn span(&mut self, within: &Within, row: usize, column: usize) -> Range<usize> {
        let index = self.places.len();
        self.places.push(Place {
            within: within.clone(),
            row: row + 1,
            column: column + 1,
        });
        index..index + 1
    }

    // ---- sheets and headers -------------------------------------------------------------

    fn tables<'g>(&mut self, grids: &'g [Grid]) -> Vec<Table<'g>> {
        let mut tables: Vec<Table> = Vec::new();
        for grid in grids {
            let shown = grid.within.sheet_name();
            let Some(sheet) = synonyms::sheet_named(shown) else {
                if !grid.hidden {
                    let message = match grid.within {
                        Within::Sheet(_) => tr!(
                            "工作表「{shown}」不是准备用的表，已忽略；准备用的表有：{sheets}",
                            shown = shown,
                            sheets = names()
                        ),
                        Within::CsvFile(_) => tr!(
                            "文件「{shown}」不是准备用的表，已忽略；准备用的表有：{sheets}",
                            shown = shown,
                            sheets = names()
                        ),
                    };
                    self.warn(&grid.within, 1, 1, message);
                }
                continue;
            };
            if grid.hidden {
                self.problem(
                    &grid.within,
                    1,
                    1,
                    tr!(
                        "工作表「{shown}」被隐藏了：看不见的内容也会导入。请在 Excel/WPS 中右击工作表标签「取消隐藏」，\
                         检查后再导入；不要的话请删除这张表",
                        shown = shown
                    ),
                );
                continue;
            }
            if let Some(first) = tables.iter().find(|t| t.sheet.name == sheet.name) {
                self.problem(
                    &grid.within,
                    1,
                    1,
                    tr!(
                        "「{shown}」和「{first}」都是「{sheet}」表：请只留一张",
                        shown = shown,
                        first = first.grid.within.sheet_name(),
                        sheet = sheet.name
                    ),
                );
                continue;
            }
            if let Some(table) = self.table(sheet, grid) {
                tables.push(table);
            }
        }
        let csv = grids
            .first()
            .is_some_and(|g| matches!(g.within, Within::CsvFile(_)));
        for sheet in synonyms::SHEETS.iter().filter(|s| s.required) {
            if !tables.iter().any(|t| t.sheet.name == sheet.name)
                && !grids.iter().any(|g| {
                    synonyms::sheet_named(g.within.sheet_name())
                        .is_some_and(|s| s.name == sheet.name)
                })
            {
                let also = listed(sheet.also.iter().copied());
                let (within, message) = match csv {
                    true => (
                        Within::CsvFile(format!("{}.csv", sheet.name)),
                        tr!(
                            "缺少文件「{sheet}.csv」：这张表必须有（可用模板 shuze template 生成）；表名也可写作 {also}",
                            sheet = sheet.name,
                            also = also
                        ),
                    ),
                    false => (
                        Within::Sheet(sheet.name.to_string()),
                        tr!(
                            "缺少工作表「{sheet}」：这张表必须有（可用模板 shuze template 生成）；表名也可写作 {also}",
                            sheet = sheet.name,
                            also = also
                        ),
                    ),
                };
                self.problem(&within, 1, 1, message);
            }
        }
        tables
    }

    fn table<'g>(&mut self, sheet: &'static Sheet, grid: &'g Grid) -> Option<Table<'g>> {
        let within = &grid.within;
        let recognised = |row: usize| {
            grid.rows[row]
                .iter()
                .filter(|v| matches!(v, Value::Text(t) if sheet.column(t).is_some()))
                .count()
        };
        let header_row = (0..grid.rows.len().min(HEADER_SEARCH))
            .map(|row| (recognised(row), row))
            .filter(|(count, _)| *count > 0)
            .max_by_key(|(count, row)| (*count, std::cmp::Reverse(*row)))
            .map(|(_, row)| row);
        let Some(header_row) = header_row else {
            self.problem(
                within,
                1,
                1,
                tr!(
                    "找不到表头：前 {rows} 行里没有认得的列名。第一行应是列名，如 {headers}",
                    rows = HEADER_SEARCH,
                    headers = listed(sheet.columns.iter().map(|c| c.header))
                ),
            );
            return None;
        };
        let mut columns: HashMap<Key, usize> = HashMap::new();
        for (index, value) in grid.rows[header_row].iter().enumerate() {
            let text = match value {
                Value::Text(text) => text.clone(),
                Value::Empty => continue,
                other => format!("{other:?}"),
            };
            match sheet.column(&text) {
                Some(column) if column.key == Key::Ignored => {}
                Some(column) => {
                    if let Some(first) = columns.insert(column.key, index) {
                        self.problem(
                            within,
                            header_row + 1,
                            index + 1,
                            tr!(
                                "「{text}」和第 {first} 列都是「{header}」列：请删去或改名其中一列",
                                text = text.trim(),
                                first = super::column_letters(first + 1),
                                header = column.header
                            ),
                        );
                    }
                }
                None => self.warn(
                    within,
                    header_row + 1,
                    index + 1,
                    tr!(
                        "不认得的列「{text}」，已忽略；这张表可用的列名见 README「准备表格」一节",
                        text = text.trim()
                    ),
                ),
            }
        }
        let mut complete = true;
        for column in sheet.columns.iter().filter(|c| c.required) {
            if !columns.contains_key(&column.key) {
                complete = false;
                self.problem(
                    within,
                    header_row + 1,
                    1,
                    tr!(
                        "缺少必填的列「{header}」：请在表头加上这一列，列名可写作 {words}",
                        header = column.header,
                        words = words(column)
                    ),
                );
            }
        }
        if sheet.per_official
            && !columns.contains_key(&Key::Name)
            && !columns.contains_key(&Key::Unit)
        {
            complete = false;
            self.problem(
                within,
                header_row + 1,
                1,
                tr!(
                    "缺少「{name}」或「{unit}」列：每行要对应议程中的一位述责人，至少要有其中一列；列名可写作 {names}，或 {units}",
                    name = sheet.column_of(Key::Name).header,
                    unit = sheet.column_of(Key::Unit).header,
                    names = words(sheet.column_of(Key::Name)),
                    units = words(sheet.column_of(Key::Unit))
                ),
            );
        }
        complete.then_some(Table {
            sheet,
            grid,
            header_row,
            columns,
        })
    }

    // ---- cells --------------------------------------------------------------------------

    /// A cell's text (line breaks as `\n`), with its problems reported: a formula error, a
    /// control character, more than a cell may hold.
    fn text_at(&mut self, table: &Table, row: usize, key: Key) -> (String, Range<usize>) {
        let Some(&column) = table.columns.get(&key) else {
            let span = self.span(&table.grid.within, row, 0);
            return (String::new(), span);
        };
        let within = &table.grid.within;
        let span = self.span(within, row, column);
        let text = match table.grid.cell(row, column) {
            Value::Empty => String::new(),
            Value::Text(text) => text.replace("\r\n", "\n").replace('\r', "\n"),
            Value::Number(n) => number_text(*n),
            Value::Date(date, _) => date.format("%Y-%m-%d").to_string(),
            Value::Bool(true) => "是".into(),
            Value::Bool(false) => "否".into(),
            Value::Error(error) => {
                self.problem(
                    within,
                    row + 1,
                    column + 1,
                    tr!(
                        "单元格是公式的错误值 {error}：请改正公式，或复制后「选择性粘贴→数值」换成它的值",
                        error = error
                    ),
                );
                String::new()
            }
        };
        let chars = text.chars().count();
        if chars > MOST_CHARS {
            self.problem(
                within,
                row + 1,
                column + 1,
                tr!(
                    "单元格有 {chars} 个字，超过了表格单元格的上限 {most} 字：请删减，或分成几行",
                    chars = chars,
                    most = MOST_CHARS
                ),
            );
            return (String::new(), span);
        }
        let found = super::controls::controls(&text);
        if !found.is_empty() {
            let shown: Vec<String> = found
                .iter()
                .map(|c| format!("U+{:04X}", u32::from(*c)))
                .collect();
            self.problem(
                within,
                row + 1,
                column + 1,
                tr!(
                    "单元格含控制字符 {found}：会议记录里不能有控制字符，请删去（多是从别处复制来的看不见的字符）；换行可以保留",
                    found = shown.join(" ")
                ),
            );
            return (String::new(), span);
        }
        (text, span)
    }

    fn text(&mut self, table: &Table, row: usize, key: Key) -> String {
        self.text_at(table, row, key).0.trim().to_string()
    }

    fn spanned_text(&mut self, table: &Table, row: usize, key: Key) -> Spanned<String> {
        let (text, span) = self.text_at(table, row, key);
        Spanned::new(span, text)
    }

    fn is_blank(table: &Table, row: usize, key: Key) -> bool {
        table
            .columns
            .get(&key)
            .is_none_or(|c| table.grid.cell(row, *c).is_empty())
    }

    /// A whole number (minutes, positions, an issue); a blank cell is `None`.
    fn integer(&mut self, table: &Table, row: usize, key: Key) -> Option<Spanned<i64>> {
        if Self::is_blank(table, row, key) {
            return None;
        }
        let column = table.columns[&key];
        let number = match table.grid.cell(row, column) {
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e12 => Some(*n as i64),
            _ => None,
        };
        let (text, span) = self.text_at(table, row, key);
        let number = number.or_else(|| {
            text.trim()
                .trim_end_matches("分钟")
                .trim_end_matches('分')
                .trim_start_matches('第')
                .trim_end_matches('期')
                .trim()
                .parse::<i64>()
                .ok()
        });
        match number {
            Some(n) => Some(Spanned::new(span, n)),
            None => {
                if !text.is_empty() {
                    self.problem(
                        &table.grid.within,
                        row + 1,
                        column + 1,
                        tr!("「{text}」不是整数：这一列填数字，如 8", text = text.trim()),
                    );
                }
                Some(Spanned::new(span, 0))
            }
        }
    }

    /// A required whole number.
    fn required_integer(&mut self, table: &Table, row: usize, key: Key) -> Spanned<i64> {
        match self.integer(table, row, key) {
            Some(n) => n,
            None => {
                let column = table.columns.get(&key).copied().unwrap_or(0);
                let span = self.span(&table.grid.within, row, column);
                self.problem(
                    &table.grid.within,
                    row + 1,
                    column + 1,
                    tr!(
                        "「{header}」不能为空：请填数字",
                        header = table.sheet.column_of(key).header
                    ),
                );
                Spanned::new(span, 0)
            }
        }
    }

    /// One of a column's closed choices, read by the same words as the TOML file (the
    /// English database words are accepted too); `None` when blank.
    fn choice<T: DeserializeOwned>(&mut self, table: &Table, row: usize, key: Key) -> Option<T> {
        let column = table.sheet.column_of(key);
        let (text, _) = self.text_at(table, row, key);
        let text = text.trim();
        let at = table.columns.get(&key).copied().unwrap_or(0);
        if text.is_empty() {
            if column.required {
                self.problem(
                    &table.grid.within,
                    row + 1,
                    at + 1,
                    tr!(
                        "「{header}」不能为空：请从下拉列表选 {choices} 之一",
                        header = column.header,
                        choices = listed(column.choices.iter().copied())
                    ),
                );
            }
            return None;
        }
        match T::deserialize(StrDeserializer::<ValueError>::new(text)) {
            Ok(value) => Some(value),
            Err(_) => {
                self.problem(
                    &table.grid.within,
                    row + 1,
                    at + 1,
                    tr!(
                        "「{text}」不是「{header}」可选的值：请从下拉列表选 {choices} 之一",
                        text = text,
                        header = column.header,
                        choices = listed(column.choices.iter().copied())
                    ),
                );
                None
            }
        }
    }

    /// 是 / 否 (also √, ✓, Y, yes, true, 1 and ×, N, no, false, 0); blank is no.
    fn yes_no(&mut self, table: &Table, row: usize, key: Key) -> bool {
        let (text, _) = self.text_at(table, row, key);
        match text.trim().to_lowercase().as_str() {
            "" | "否" | "×" | "n" | "no" | "false" | "0" | "不是" => false,
            "是" | "√" | "✓" | "y" | "yes" | "true" | "1" | "书面" => true,
            other => {
                let at = table.columns.get(&key).copied().unwrap_or(0);
                self.problem(
                    &table.grid.within,
                    row + 1,
                    at + 1,
                    tr!(
                        "「{text}」不是「{header}」可选的值：请填「{yes}」或「{no}」",
                        text = other,
                        header = table.sheet.column_of(key).header,
                        yes = synonyms::YES_NO[0],
                        no = synonyms::YES_NO[1]
                    ),
                );
                false
            }
        }
    }

    /// A date: a date cell, an Excel serial number or text in the usual forms; what is not
    /// a date is handed on as text for the checker to refuse at its cell.
    fn date(&mut self, table: &Table, row: usize, key: Key) -> Option<Spanned<toml::Value>> {
        if Self::is_blank(table, row, key) {
            return None;
        }
        let column = table.columns[&key];
        let date = match table.grid.cell(row, column) {
            Value::Date(date, _) => Some(*date),
            Value::Number(n) => cells::from_serial(*n),
            _ => None,
        };
        let (text, span) = self.text_at(table, row, key);
        let value = match date.or_else(|| cells::date_from_text(&text)) {
            Some(date) => toml_date(date),
            None => toml::Value::String(text),
        };
        Some(Spanned::new(span, value))
    }

    /// A time of day: a time cell or text like 09:00 (9:00, 9：00).
    fn time(&mut self, table: &Table, row: usize, key: Key) -> Option<Spanned<String>> {
        if Self::is_blank(table, row, key) {
            return None;
        }
        let column = table.columns[&key];
        let fraction = match table.grid.cell(row, column) {
            Value::Date(_, fraction) => Some(*fraction),
            Value::Number(n) if (0.0..1.0).contains(n) => Some(*n),
            _ => None,
        };
        let (text, span) = self.text_at(table, row, key);
        let text = match fraction {
            Some(fraction) => {
                let minutes = (fraction * 24.0 * 60.0).round() as i64;
                format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60)
            }
            None => {
                let text = text.trim().replace('：', ":");
                match text.split_once(':') {
                    Some((h, m)) if h.len() == 1 => format!("0{h}:{m}"),
                    _ => text,
                }
            }
        };
        Some(Spanned::new(span, text))
    }

    // ---- the meeting --------------------------------------------------------------------

    fn raw(&mut self, tables: &[Table]) -> RawPrep {
        let find = |name: &str| tables.iter().find(|t| t.sheet.name == name);
        let meeting_table = find(synonyms::MEETING).expect("a required sheet");
        let meeting = self.meeting(meeting_table);
        let attendees = find(synonyms::ATTENDEES)
            .map(|t| self.attendees(t))
            .unwrap_or_default();
        let mut officials = self.agenda(find(synonyms::AGENDA).expect("a required sheet"));
        for name in [
            synonyms::DUTIES,
            synonyms::RISKS,
            synonyms::QUESTIONS,
            synonyms::FOLLOW_UPS,
        ] {
            if let Some(table) = find(name) {
                self.per_official(table, &mut officials);
            }
        }
        RawPrep {
            rating: None,
            meeting,
            attendees,
            officials: officials
                .into_iter()
                .map(|(official, span)| Spanned::new(span, official))
                .collect(),
        }
    }

    fn meeting(&mut self, table: &Table) -> Spanned<RawMeeting> {
        let rows = table.rows();
        let within = &table.grid.within;
        let row = match rows.as_slice() {
            [] => {
                self.problem(
                    within,
                    table.header_row + 2,
                    1,
                    tr!(
                        "{sheet}表没有内容：表头下面一行填这场会议的名称、日期、主持人、记录人等",
                        sheet = synonyms::MEETING
                    ),
                );
                table.header_row + 1
            }
            [only] => *only,
            [first, second, ..] => {
                self.problem(
                    within,
                    second + 1,
                    1,
                    tr!(
                        "{sheet}表只能有一行内容（第 {first} 行）：一个文件准备一场会议，请删去这一行",
                        sheet = synonyms::MEETING,
                        first = first + 1
                    ),
                );
                *first
            }
        };
        let span = self.span(within, row, 0);
        let minutes = RawAllotments {
            questions: self.integer(table, row, Key::QuestionsMinutes),
            remarks: self.integer(table, row, Key::RemarksMinutes),
            rating: self.integer(table, row, Key::RatingMinutes),
            follow_ups: self.integer(table, row, Key::FollowUpsMinutes),
        };
        let any_minutes = minutes.questions.is_some()
            || minutes.remarks.is_some()
            || minutes.rating.is_some()
            || minutes.follow_ups.is_some();
        let date = match self.date(table, row, Key::Date) {
            Some(date) => date,
            None => {
                let (_, span) = self.text_at(table, row, Key::Date);
                Spanned::new(span, toml::Value::String(String::new()))
            }
        };
        let scrutineers = self.text(table, row, Key::Scrutineers);
        let meeting = RawMeeting {
            title: self.spanned_text(table, row, Key::Title),
            date,
            start: self.time(table, row, Key::Start),
            place: self.text(table, row, Key::Place),
            chair: self.spanned_text(table, row, Key::Chair),
            chair_post: self.text(table, row, Key::ChairPost),
            recorder: self.spanned_text(table, row, Key::Recorder),
            scrutineers: scrutineers
                .split(['、', ',', '，', ';', '；', '\n', ' ', '\u{3000}'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            minutes: any_minutes.then(|| Spanned::new(span.clone(), minutes)),
            office: self.text(table, row, Key::Office),
            issue: self.integer(table, row, Key::Issue),
        };
        Spanned::new(span, meeting)
    }

    fn attendees(&mut self, table: &Table) -> Vec<Spanned<RawAttendee>> {
        let mut attendees = Vec::new();
        for row in table.rows() {
            let span = self.span(&table.grid.within, row, 0);
            let attendance = self.choice(table, row, Key::Attendance);
            attendees.push(Spanned::new(
                span,
                RawAttendee {
                    name: self.spanned_text(table, row, Key::AttendeeName),
                    post: self.text(table, row, Key::AttendeePost),
                    attendance: attendance.unwrap_or(RawAttendance::Present),
                    reason: self.text(table, row, Key::Reason),
                },
            ));
        }
        attendees
    }

    fn agenda(&mut self, table: &Table) -> Vec<(RawOfficial, Range<usize>)> {
        let mut officials = Vec::new();
        for row in table.rows() {
            let span = self.span(&table.grid.within, row, 0);
            let official = RawOfficial {
                position: self.required_integer(table, row, Key::Position),
                name: self.spanned_text(table, row, Key::Name),
                unit: self.spanned_text(table, row, Key::Unit),
                post: self.spanned_text(table, row, Key::Post),
                supervisor: self.text(table, row, Key::Supervisor),
                report_minutes: self.required_integer(table, row, Key::ReportMinutes),
                written_only: self.yes_no(table, row, Key::WrittenOnly),
                duty_items: Vec::new(),
                risk_points: Vec::new(),
                questions: Vec::new(),
                earlier_follow_ups: Vec::new(),
            };
            officials.push((official, span));
        }
        officials
    }

    // ---- rows of one official -------------------------------------------------------------

    /// The official a row belongs to, by 姓名 or 单位 (a blank pair in a CSV file: the
    /// row above's); `None` when it belongs to none, with the problem reported.
    fn owner(
        &mut self,
        table: &Table,
        row: usize,
        officials: &[(RawOfficial, Range<usize>)],
        above: &mut Option<(String, String)>,
    ) -> Option<usize> {
        let within = &table.grid.within;
        let mut name = self.text(table, row, Key::Name);
        let mut unit = self.text(table, row, Key::Unit);
        if name.is_empty()
            && unit.is_empty()
            && table.grid.fill_owner_down
            && let Some((n, u)) = above.clone()
        {
            (name, unit) = (n, u);
        }
        *above = Some((name.clone(), unit.clone()));
        let column = |key: Key| table.columns.get(&key).copied().unwrap_or(0) + 1;
        let official_name = |o: &RawOfficial| o.name.get_ref().trim().to_string();
        let official_unit = |o: &RawOfficial| o.unit.get_ref().trim().to_string();
        if !name.is_empty() {
            let found: Vec<usize> = (0..officials.len())
                .filter(|i| official_name(&officials[*i].0) == name)
                .collect();
            let matching: Vec<usize> = found
                .iter()
                .copied()
                .filter(|i| unit.is_empty() || official_unit(&officials[*i].0) == unit)
                .collect();
            return match (found.len(), matching.as_slice()) {
                (0, _) => {
                    let all: Vec<String> = officials.iter().map(|o| official_name(&o.0)).collect();
                    self.problem(
                        within,
                        row + 1,
                        column(Key::Name),
                        tr!(
                            "「{name}」不在议程里：姓名须与「{agenda}」表一致，议程中的述责人有 {all}",
                            name = name,
                            agenda = synonyms::AGENDA,
                            all = listed(all.iter().map(String::as_str))
                        ),
                    );
                    None
                }
                (_, [one]) => Some(*one),
                (_, []) => {
                    let units: Vec<String> = found
                        .iter()
                        .map(|i| official_unit(&officials[*i].0))
                        .collect();
                    self.problem(
                        within,
                        row + 1,
                        column(Key::Unit),
                        tr!(
                            "议程中「{name}」的单位是「{units}」，与这里的「{unit}」不符：请改成一致",
                            name = name,
                            units = listed(units.iter().map(String::as_str)),
                            unit = unit
                        ),
                    );
                    None
                }
                _ => {
                    self.problem(
                        within,
                        row + 1,
                        column(Key::Name),
                        tr!("议程中有几位「{name}」：请同时填写单位以区分", name = name),
                    );
                    None
                }
            };
        }
        if unit.is_empty() {
            self.problem(
                within,
                row + 1,
                column(Key::Name),
                tr!("姓名和单位都空着：请至少填一个，说明这一行是哪位述责人的"),
            );
            return None;
        }
        let found: Vec<usize> = (0..officials.len())
            .filter(|i| official_unit(&officials[*i].0) == unit)
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            [] => {
                let all: Vec<String> = officials.iter().map(|o| official_unit(&o.0)).collect();
                self.problem(
                    within,
                    row + 1,
                    column(Key::Unit),
                    tr!(
                        "单位「{unit}」不在议程里：单位须与「{agenda}」表一致，议程中的单位有 {all}",
                        unit = unit,
                        agenda = synonyms::AGENDA,
                        all = listed(all.iter().map(String::as_str))
                    ),
                );
                None
            }
            _ => {
                self.problem(
                    within,
                    row + 1,
                    column(Key::Unit),
                    tr!(
                        "议程中「{unit}」有 {n} 位述责人：请填写姓名",
                        unit = unit,
                        n = found.len()
                    ),
                );
                None
            }
        }
    }

    fn per_official(&mut self, table: &Table, officials: &mut [(RawOfficial, Range<usize>)]) {
        let mut above = None;
        for row in table.rows() {
            let Some(index) = self.owner(table, row, officials, &mut above) else {
                continue;
            };
            let span = self.span(&table.grid.within, row, 0);
            let official = &mut officials[index].0;
            match table.sheet.name {
                synonyms::DUTIES => {
                    let source = self.choice(table, row, Key::DutySource);
                    let status = self.choice(table, row, Key::DutyStatus);
                    let (quarter, quarter_span) = self.text_at(table, row, Key::Quarter);
                    official.duty_items.push(Spanned::new(
                        span,
                        RawDutyItem {
                            source: source.unwrap_or(RawDutySource::AnnualReminder),
                            quarter: Spanned::new(quarter_span, cells::quarter(&quarter)),
                            text: self.spanned_text(table, row, Key::DutyText),
                            progress: self.text(table, row, Key::DutyProgress),
                            status,
                        },
                    ));
                }
                synonyms::RISKS => {
                    let level = self.choice(table, row, Key::RiskLevel);
                    let measures = self.text(table, row, Key::Measures);
                    let rules = self.text(table, row, Key::Rules);
                    official.risk_points.push(Spanned::new(
                        span,
                        RawRiskPoint {
                            text: self.spanned_text(table, row, Key::RiskText),
                            level: level.unwrap_or(RawRiskLevel::Low),
                            measures: cells::numbered_items(&measures),
                            rules: cells::numbered_items(&rules),
                        },
                    ));
                }
                synonyms::QUESTIONS => {
                    official.questions.push(Spanned::new(
                        span,
                        RawQuestion {
                            asker: self.spanned_text(table, row, Key::Asker),
                            text: self.spanned_text(table, row, Key::QuestionText),
                        },
                    ));
                }
                _ => {
                    let source = self.choice(table, row, Key::FollowUpSource);
                    let mode = self.choice(table, row, Key::Mode);
                    let status = self.choice(table, row, Key::FollowUpStatus);
                    let copied_to = self.text(table, row, Key::CopiedTo);
                    official.earlier_follow_ups.push(Spanned::new(
                        span,
                        RawFollowUp {
                            source,
                            category: self.text(table, row, Key::Category),
                            problem: self.spanned_text(table, row, Key::Problem),
                            task: self.text(table, row, Key::Task),
                            measure: self.text(table, row, Key::Measure),
                            lead: self.text(table, row, Key::Lead),
                            owner: self.text(table, row, Key::Owner),
                            deadline: self.date(table, row, Key::Deadline),
                            mode,
                            progress: self.text(table, row, Key::FollowUpProgress),
                            status: status.unwrap_or(RawFollowUpStatus::NotStarted),
                            copied_to: (!copied_to.is_empty()).then_some(copied_to),
                            raised_on: self.date(table, row, Key::RaisedOn),
                            key: (!Self::is_blank(table, row, Key::FollowUpKey))
                                .then(|| self.spanned_text(table, row, Key::FollowUpKey)),
                        },
                    ));
                }
            }
        }
    }
}

fn names() -> String {
    listed(synonyms::SHEETS.iter().map(|s| s.name))
}

/// Names from the workbook's form (sheets, headers, choices, officials) listed in a message:
/// 甲、乙 in Chinese; 'a', 'b' in English, each quoted as the data it is.
fn listed<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    quoted_list(names, "、", ", ")
}

/// A column's header and its other wordings: 姓名 / 名字.
fn words(column: &synonyms::Column) -> String {
    quoted_list(
        std::iter::once(column.header).chain(column.also.iter().copied()),
        " / ",
        " / ",
    )
}

fn quoted_list<'a>(names: impl IntoIterator<Item = &'a str>, zh: &str, en: &str) -> String {
    match language() {
        Lang::Zh => names.into_iter().collect::<Vec<_>>().join(zh),
        Lang::En => names
            .into_iter()
            .map(|name| format!("'{name}'"))
            .collect::<Vec<_>>()
            .join(en),
    }
}

/// A number as a person would type it: 8, not 8.0.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

fn toml_date(date: chrono::NaiveDate) -> toml::Value {
    use chrono::Datelike;
    toml::Value::Datetime(toml::value::Datetime {
        date: Some(toml::value::Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    })
}
