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
use super::synonyms::{self, Fit, Key, Sheet};
use super::{ImportError, Preparation, Problem, Within, sort_problems, written};
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

/// More risk points or duty items than this for one official is warned of.
const MOST_PER_OFFICIAL: usize = 200;

/// How many rows from the top the header row is looked for in (offices put a title above it).
const HEADER_SEARCH: usize = 10;

/// Reads and checks the grids of a workbook or CSV folder at `path`.
pub fn read(
    path: &Path,
    grids: Vec<Grid>,
    include_hidden: bool,
) -> Result<Preparation, ImportError> {
    let mut reader = Reader {
        include_hidden,
        ..Reader::default()
    };
    let tables = reader.tables(&grids);
    if !reader.problems.is_empty() {
        let mut problems = std::mem::take(&mut reader.problems);
        reader.name_columns(&mut problems);
        return Err(invalid(path, problems));
    }
    let raw = reader.raw(&tables);
    let (mut preparation, found) = check::check(&raw, Places::Cells(&reader.places));
    // A cell the reader found wrong is not reported a second time by the checker.
    let reported: std::collections::HashSet<_> = reader
        .problems
        .iter()
        .map(|p| (p.within.clone(), p.line, p.column))
        .collect();
    let mut problems = std::mem::take(&mut reader.problems);
    problems.extend(
        found
            .into_iter()
            .filter(|p| !reported.contains(&(p.within.clone(), p.line, p.column))),
    );
    if !problems.is_empty() {
        reader.name_columns(&mut problems);
        return Err(invalid(path, problems));
    }
    let mut warnings = std::mem::take(&mut reader.warnings);
    reader.name_columns(&mut warnings);
    sort_problems(&mut warnings);
    preparation.warnings = warnings;
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
    /// What names the table's one unit where it has no 姓名 or 单位 column: the sheet's
    /// own name (when it is not a sheet's name) and the title rows above the header.
    titles: Vec<String>,
    /// Hidden rows are read too (`--include-hidden`).
    include_hidden: bool,
}

impl Table<'_> {
    /// True when the rows name no official: the unit comes from the sheet's name or title.
    fn fixed_owner(&self) -> bool {
        self.sheet.per_official
            && !self.columns.contains_key(&Key::Name)
            && !self.columns.contains_key(&Key::Unit)
    }

    /// The data rows to read (indexes into the grid): blank ones left out, and hidden ones
    /// unless asked for.
    fn rows(&self) -> Vec<usize> {
        let mut rows = self.filled_rows();
        if !self.include_hidden {
            rows.retain(|row| !self.grid.hidden_rows.contains(row));
        }
        rows.retain(|row| !self.example(*row));
        rows
    }

    /// True when a cell of the row marks it as the template's example (【示例】).
    fn example(&self, row: usize) -> bool {
        self.grid.rows[row]
            .iter()
            .any(|v| matches!(v, Value::Text(t) if synonyms::marks_example(t)))
    }

    /// The example rows with something in them.
    fn examples(&self) -> Vec<usize> {
        self.filled_rows()
            .into_iter()
            .filter(|row| self.example(*row))
            .collect()
    }

    /// The rows below the header with something in them.
    fn filled_rows(&self) -> Vec<usize> {
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
    /// Rows hidden in the workbook are read too.
    include_hidden: bool,
    places: Vec<Place>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// The meeting's year, for quarters and deadlines written without one.
    year: Option<i32>,
    /// Each table's header row (from 1) and its headers, to name a cell's column in words.
    headers: Vec<(Within, usize, Vec<String>)>,
    /// Values read another way (`★★★` as 高), by sheet, column and the reading: the rows.
    readings: Vec<(Reading, Vec<usize>)>,
}

/// A value read as another: where (sheet, column) and what it became.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reading {
    within: Within,
    column: usize,
    header: &'static str,
    written: String,
    read_as: String,
}

impl Reader {
    fn problem(&mut self, within: &Within, row: usize, column: usize, message: String) {
        self.problems.push(Problem {
            line: row,
            column,
            message,
            within: Some(within.clone()),
            header: None,
        });
    }

    fn warn(&mut self, within: &Within, row: usize, column: usize, message: String) {
        self.warnings.push(Problem {
            line: row,
            column,
            message,
            within: Some(within.clone()),
            header: None,
        });
    }

    /// Warns of an official with more risk points or duty items than one person keeps.
    fn warn_many(&mut self, officials: &[(RawOfficial, Range<usize>)]) {
        for (official, span) in officials {
            let place = self.places[span.start].clone();
            for (n, what) in [
                (official.risk_points.len(), synonyms::RISKS),
                (official.duty_items.len(), synonyms::DUTIES),
            ] {
                if n > MOST_PER_OFFICIAL {
                    let message = tr!(
                        "「{name}」有 {n} 个{what}，超过 {most} 个：请确认没有把整个单位的台账、或同一张表重复算到这一位述责人名下",
                        "'{name}' has {n} {what}, more than {most}: check that a whole unit's ledger, or the same sheet twice, was not put under this one official",
                        name = official.name.get_ref().trim(),
                        n = n,
                        what = what,
                        most = MOST_PER_OFFICIAL
                    );
                    self.warn(&place.within, place.row, place.column, message);
                }
            }
        }
    }

    /// Says which rows were left out as the template's examples.
    fn warn_examples(&mut self, table: &Table) {
        let examples = table.examples();
        let Some(first) = examples.first() else {
            return;
        };
        let message = tr!(
            "第 {rows} 行标有「{mark}」，是模板的示例行，未导入：填好本次会议的内容后请删去示例行",
            "Rows {rows} are marked '{mark}': they are the template's examples and were not imported; delete them once the meeting's own rows are in",
            rows = numbered_rows(&examples),
            mark = synonyms::EXAMPLE_MARK
        );
        self.warn(&table.grid.within, first + 1, 1, message);
    }

    /// Says which rows with data are hidden (by hand or by a filter): left out, or read
    /// as asked.
    fn warn_hidden(&mut self, table: &Table) {
        let hidden: Vec<usize> = table
            .filled_rows()
            .into_iter()
            .filter(|row| table.grid.hidden_rows.contains(row))
            .collect();
        let Some(first) = hidden.first() else {
            return;
        };
        let rows = numbered_rows(&hidden);
        let message = match table.include_hidden {
            false => tr!(
                "第 {rows} 行是隐藏的（手动隐藏或被筛选隐藏），共 {n} 行，未导入：要导入请在 Excel/WPS 中取消隐藏或清除筛选，或导入时加 --include-hidden",
                "Rows {rows} are hidden (by hand or by a filter), {n} in all, and were not imported: to import them, unhide them or clear the filter in Excel/WPS, or import with --include-hidden",
                rows = rows,
                n = hidden.len()
            ),
            true => tr!(
                "第 {rows} 行是隐藏的，共 {n} 行，按 --include-hidden 一并导入",
                "Rows {rows} are hidden, {n} in all, and were imported as --include-hidden asks",
                rows = rows,
                n = hidden.len()
            ),
        };
        self.warn(&table.grid.within, first + 1, 1, message);
    }

    /// Names each problem's column by its header where the problem is in a table's rows.
    fn name_columns(&self, problems: &mut [Problem]) {
        for problem in problems {
            let Some(within) = &problem.within else {
                continue;
            };
            let header = self
                .headers
                .iter()
                .find(|(w, row, _)| w == within && problem.line > *row)
                .and_then(|(_, _, headers)| headers.get(problem.column.checked_sub(1)?))
                .filter(|h| !h.is_empty());
            problem.header = header.map(|h| {
                h.replace(['\n', '\r'], "")
                    .trim_matches(['*', '＊', ' '])
                    .to_string()
            });
        }
    }

    /// Notes that the cell at `row` of `key`'s column, written `written`, was read as
    /// `read_as`; the summary says it once per sheet, column and value.
    fn read_as(&mut self, table: &Table, row: usize, key: Key, written: &str, read_as: String) {
        let reading = Reading {
            within: table.grid.within.clone(),
            column: table.columns.get(&key).copied().unwrap_or(0),
            header: table.sheet.column_of(key).header,
            written: written.trim().to_string(),
            read_as,
        };
        match self.readings.iter_mut().find(|(r, _)| *r == reading) {
            Some((_, rows)) => rows.push(row),
            None => self.readings.push((reading, vec![row])),
        }
    }

    /// One 提示 line per value read another way: where first, how many rows.
    fn report_readings(&mut self) {
        for (reading, rows) in std::mem::take(&mut self.readings) {
            let shown: Vec<String> = rows.iter().take(5).map(|r| (r + 1).to_string()).collect();
            let more = if rows.len() > 5 { "…" } else { "" };
            let message = tr!(
                "「{header}」列的「{written}」读作「{read_as}」（第 {rows}{more} 行，共 {n} 处）",
                "'{written}' in the column '{header}' was read as '{read_as}' (rows {rows}{more}, {n} in all)",
                header = reading.header,
                written = reading.written,
                read_as = reading.read_as,
                rows = shown.join("、"),
                more = more,
                n = rows.len()
            );
            self.warn(&reading.within, rows[0] + 1, reading.column + 1, message);
        }
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
        let mut seen: Vec<&'static str> = Vec::new();
        for grid in grids {
            let shown = grid.within.sheet_name();
            if synonyms::explains(shown) {
                continue;
            }
            let named = synonyms::sheet_named(shown);
            let Some(sheet) = named
                .or_else(|| kind_by_headers(grid))
                .or_else(|| synonyms::sheet_within_name(shown))
            else {
                if !grid.hidden && has_data(grid) {
                    let message = tr!(
                        "「{shown}」有内容，但表名和表头都认不出是哪张准备用的表（前几行有：{found}）：请把表名改为 {sheets} 之一，或删去这张表",
                        "'{shown}' holds data, but neither its name nor its header says which sheet of the preparation it is (its first rows have: {found}): rename it to one of {sheets}, or delete it",
                        shown = shown,
                        found = listed(first_texts(grid).iter().map(String::as_str)),
                        sheets = names()
                    );
                    self.problem(&grid.within, 0, 0, message);
                }
                continue;
            };
            seen.push(sheet.name);
            if grid.hidden {
                self.problem(
                    &grid.within,
                    0,
                    0,
                    tr!(
                        "工作表「{shown}」被隐藏了：看不见的内容也会导入。请在 Excel/WPS 中右击工作表标签「取消隐藏」，\
                         检查后再导入；不要的话请删除这张表", "The sheet '{shown}' is hidden: what cannot be seen would be imported too. In Excel/WPS, right-click the sheet tabs and choose \"Unhide\", check it, then import again; if it is not wanted, delete the sheet",
                        shown = shown
                    ),
                );
                continue;
            }
            let Some(table) = self.table(sheet, grid, named.is_some()) else {
                continue;
            };
            // Per-unit sheets (one per unit, named by it) are read together; two sheets
            // that both name their officials in columns would import the rows twice.
            let duplicate = tables.iter().find(|t| {
                t.sheet.name == sheet.name
                    && !(sheet.per_official && (t.fixed_owner() || table.fixed_owner()))
            });
            if let Some(first) = duplicate {
                let message = tr!(
                    "「{shown}」和「{first}」都是「{sheet}」表：请只留一张",
                    "'{shown}' and '{first}' are both the sheet '{sheet}': keep only one",
                    shown = shown,
                    first = first.grid.within.sheet_name(),
                    sheet = sheet.name
                );
                self.problem(&grid.within, 0, 0, message);
                continue;
            }
            self.warn_hidden(&table);
            self.warn_examples(&table);
            tables.push(table);
        }
        let csv = grids
            .first()
            .is_some_and(|g| matches!(g.within, Within::CsvFile(_)));
        for sheet in synonyms::SHEETS.iter().filter(|s| s.required) {
            if !seen.contains(&sheet.name) {
                let also = listed(sheet.also.iter().copied());
                let (within, message) = match csv {
                    true => (
                        Within::CsvFile(format!("{}.csv", sheet.name)),
                        tr!(
                            "缺少文件「{sheet}.csv」：这张表必须有（可用模板 shuze template 生成）；表名也可写作 {also}",
                            "The file '{sheet}.csv' is missing: this sheet is required (shuze template writes one); it may also be named {also}",
                            sheet = sheet.name,
                            also = also
                        ),
                    ),
                    false => (
                        Within::Sheet(sheet.name.to_string()),
                        tr!(
                            "缺少工作表「{sheet}」：这张表必须有（可用模板 shuze template 生成）；表名也可写作 {also}",
                            "The sheet '{sheet}' is missing: it is required (shuze template writes one); it may also be named {also}",
                            sheet = sheet.name,
                            also = also
                        ),
                    ),
                };
                self.problem(&within, 0, 0, message);
            }
        }
        tables
    }

    /// The sheet's header row (the row among the first few naming the most columns; of a
    /// two-row merged header the lower, which names each column) and its columns.
    fn table<'g>(
        &mut self,
        sheet: &'static Sheet,
        grid: &'g Grid,
        named: bool,
    ) -> Option<Table<'g>> {
        let within = &grid.within;
        let Some(header_row) = header_row(sheet, grid) else {
            self.problem(
                within,
                0,
                0,
                tr!(
                    "找不到表头：前 {rows} 行里没有认得的列名。第一行应是列名，如 {headers}", "No header row: none of the first {rows} rows has a known column name. The first row should hold the column names, such as {headers}",
                    rows = HEADER_SEARCH,
                    headers = listed(sheet.columns.iter().map(|c| c.header))
                ),
            );
            return None;
        };
        let mut columns: HashMap<Key, (usize, Fit)> = HashMap::new();
        let mut unknown: Vec<(usize, String)> = Vec::new();
        for (index, value) in grid.rows[header_row].iter().enumerate() {
            let text = match value {
                Value::Text(text) => text.trim().to_string(),
                Value::Empty => continue,
                other => format!("{other:?}"),
            };
            let Some((column, fit)) = sheet.fit(&text) else {
                unknown.push((index, text));
                continue;
            };
            if column.key == Key::Ignored {
                continue;
            }
            let Some(&(first, first_fit)) = columns.get(&column.key) else {
                columns.insert(column.key, (index, fit));
                continue;
            };
            // A header merged over several columns names the first of them.
            if grid.cell(header_row, first) == value && index == first + 1 {
                continue;
            }
            match fit.cmp(&first_fit) {
                std::cmp::Ordering::Greater => {
                    unknown.push((first, cell_text(grid.cell(header_row, first))));
                    columns.insert(column.key, (index, fit));
                }
                std::cmp::Ordering::Less => unknown.push((index, text)),
                std::cmp::Ordering::Equal => self.problem(
                    within,
                    header_row + 1,
                    index + 1,
                    tr!(
                        "「{text}」和第 {first} 列都是「{header}」列：请删去或改名其中一列", "'{text}' and column {first} are both the column '{header}': delete or rename one of them",
                        text = text,
                        first = super::column_letters(first + 1),
                        header = column.header
                    ),
                ),
            }
        }
        unknown.sort();
        for (index, text) in &unknown {
            self.warn(
                within,
                header_row + 1,
                index + 1,
                tr!(
                    "不认得的列「{text}」，已忽略；这张表可用的列名见 README「准备表格」一节", "Unknown column '{text}', ignored; the column names this sheet can have are in the README, section \"Preparing in a spreadsheet\"",
                    text = text
                ),
            );
        }
        let columns: HashMap<Key, usize> = columns.into_iter().map(|(k, (c, _))| (k, c)).collect();
        let all: Vec<String> = grid.rows[header_row].iter().map(cell_text).collect();
        self.headers
            .push((within.clone(), header_row + 1, all.clone()));
        let headers: Vec<String> = all.into_iter().filter(|t| !t.is_empty()).collect();
        let found = listed(headers.iter().map(String::as_str));
        let unknown_texts: Vec<&str> = unknown.iter().map(|(_, t)| t.as_str()).collect();
        let mut complete = true;
        for column in sheet.columns.iter().filter(|c| c.required) {
            if !columns.contains_key(&column.key) {
                complete = false;
                let message = tr!(
                    "缺少必填的列「{header}」：请在表头加上这一列，列名可写作 {words}",
                    "The required column '{header}' is missing: add it to the header row; it may be named {words}",
                    header = column.header,
                    words = words(column)
                );
                let message = with_found(message, &found, closest(&[column], &unknown_texts));
                self.problem(within, header_row + 1, 1, message);
            }
        }
        let titles = titles(grid, header_row, named);
        if sheet.per_official
            && !columns.contains_key(&Key::Name)
            && !columns.contains_key(&Key::Unit)
            && titles.is_empty()
        {
            complete = false;
            let owners = [sheet.column_of(Key::Name), sheet.column_of(Key::Unit)];
            let message = tr!(
                "缺少「{name}」或「{unit}」列：每行要对应议程中的一位述责人，至少要有其中一列；列名可写作 {names}，或 {units}",
                "The column '{name}' or '{unit}' is missing: each row must belong to an official of the agenda, so at least one of them is needed; they may be named {names}, or {units}",
                name = sheet.column_of(Key::Name).header,
                unit = sheet.column_of(Key::Unit).header,
                names = words(sheet.column_of(Key::Name)),
                units = words(sheet.column_of(Key::Unit))
            );
            let message = with_found(message, &found, closest(&owners, &unknown_texts));
            self.problem(within, header_row + 1, 1, message);
        }
        complete.then_some(Table {
            sheet,
            grid,
            header_row,
            columns,
            titles,
            include_hidden: self.include_hidden,
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
            Value::Formula(formula) => {
                self.problem(
                    within,
                    row + 1,
                    column + 1,
                    tr!(
                        "单元格是公式 {formula}，文件里却没有它算出的值（多是程序生成、未在 Excel/WPS 中打开保存过）：请在 Excel/WPS 中打开后保存再导入，或把公式换成数值", "The cell holds the formula {formula} but the file has no value for it (mostly written by a program and never opened and saved in Excel/WPS): open and save it in Excel/WPS, then import again, or replace the formula by its value",
                        formula = formula
                    ),
                );
                String::new()
            }
            Value::Error(error) => {
                self.problem(
                    within,
                    row + 1,
                    column + 1,
                    tr!(
                        "单元格是公式的错误值 {error}：请改正公式，或复制后「选择性粘贴→数值」换成它的值", "The cell holds a formula's error value {error}: correct the formula, or copy it and \"Paste Special → Values\" to keep its value",
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
                    "单元格有 {chars} 个字，超过了表格单元格的上限 {most} 字：请删减，或分成几行", "The cell has {chars} characters, more than a spreadsheet cell can hold ({most}): shorten it, or split it over several rows",
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
                    "单元格含控制字符 {found}：会议记录里不能有控制字符，请删去（多是从别处复制来的看不见的字符）；换行可以保留", "The cell has the control characters {found}: a meeting record cannot hold control characters; delete them (mostly invisible characters copied from elsewhere); line breaks may stay",
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
        let folded = synonyms::folded(&text);
        if folded != text && number.is_none() {
            let read = folded.trim().to_string();
            self.read_as(table, row, key, &text, read);
        }
        let number = number.or_else(|| {
            folded
                .trim()
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
                        tr!(
                            "「{text}」不是整数：这一列填数字，如 8",
                            "'{text}' is not a whole number: this column takes a number, such as 8",
                            text = text.trim()
                        ),
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
                        "'{header}' must not be empty: fill in a number",
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
            if column.required && Self::is_blank(table, row, key) {
                self.problem(
                    &table.grid.within,
                    row + 1,
                    at + 1,
                    tr!(
                        "「{header}」不能为空：请从下拉列表选 {choices} 之一", "'{header}' must not be empty: choose one of {choices} from the drop-down list",
                        header = column.header,
                        choices = listed(column.choices.iter().copied())
                    ),
                );
            }
            return None;
        }
        let mapped = match key {
            Key::RiskLevel => written::risk_level(text)
                .filter(|level| *level != text)
                .map(str::to_string),
            _ => None,
        }
        .or_else(|| {
            let folded = synonyms::folded(text);
            (folded != text).then_some(folded)
        });
        let read = mapped.as_deref().unwrap_or(text);
        match T::deserialize(StrDeserializer::<ValueError>::new(read)) {
            Ok(value) => {
                if let Some(mapped) = &mapped {
                    let written = text.to_string();
                    self.read_as(table, row, key, &written, mapped.clone());
                }
                Some(value)
            }
            Err(_) => {
                self.problem(
                    &table.grid.within,
                    row + 1,
                    at + 1,
                    tr!(
                        "「{text}」不是「{header}」可选的值：请从下拉列表选 {choices} 之一", "'{text}' is not one of the choices of '{header}': choose one of {choices} from the drop-down list",
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
                        "「{text}」不是「{header}」可选的值：请填「{yes}」或「{no}」", "'{text}' is not one of the choices of '{header}': fill in '{yes}' or '{no}'",
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
        let folded = synonyms::folded(&text);
        let written = match (date, self.year) {
            (None, Some(year)) => match written::deadline(&folded, year) {
                Some(written::Deadline::Day(day)) => Some(day),
                _ => None,
            },
            _ => None,
        };
        if let Some(day) = written {
            self.read_as(table, row, key, &text, day.format("%Y-%m-%d").to_string());
        }
        let value = match date.or(written).or_else(|| cells::date_from_text(&folded)) {
            Some(date) => toml_date(date),
            None => toml::Value::String(text),
        };
        Some(Spanned::new(span, value))
    }

    /// A quarter: as the template writes it, or without its year (第一季度, Q1) in the
    /// meeting's year.
    fn quarter(&mut self, table: &Table, row: usize, written: &str) -> String {
        let folded = synonyms::folded(written);
        let quarter = cells::quarter(&folded);
        if quarter.contains('Q') && quarter.len() == 6 {
            if folded != written {
                self.read_as(table, row, Key::Quarter, written, quarter.clone());
            }
            return quarter;
        }
        match self
            .year
            .and_then(|year| written::quarter_of_year(&folded, year))
        {
            Some(read) => {
                self.read_as(table, row, Key::Quarter, written, read.clone());
                read
            }
            None => quarter,
        }
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
            synonyms::PORTRAITS,
            synonyms::TALKS,
        ] {
            for table in tables.iter().filter(|t| t.sheet.name == name) {
                self.per_official(table, &mut officials);
            }
        }
        self.report_readings();
        self.warn_many(&officials);
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
            [] if !table.examples().is_empty() => {
                self.problem(
                    within,
                    table.examples()[0] + 1,
                    1,
                    tr!(
                        "{sheet}表只有示例行（标有「{mark}」）：请改成本次会议的名称、日期、主持人、记录人，并删去「{mark}」", "The sheet {sheet} has only the example row (marked '{mark}'): write this meeting's title, date, chair and recorder, and delete '{mark}'",
                        sheet = synonyms::MEETING,
                        mark = synonyms::EXAMPLE_MARK
                    ),
                );
                table.header_row + 1
            }
            [] => {
                self.problem(
                    within,
                    table.header_row + 2,
                    1,
                    tr!(
                        "{sheet}表没有内容：表头下面一行填这场会议的名称、日期、主持人、记录人等", "The sheet '{sheet}' is empty: the row below the header takes the meeting's name, date, chair, recorder and so on",
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
                        "{sheet}表只能有一行内容（第 {first} 行）：一个文件准备一场会议，请删去这一行", "The sheet '{sheet}' can have only one row (row {first} holds the meeting): one file prepares one meeting; delete this row",
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
        if let toml::Value::Datetime(moment) = date.get_ref() {
            self.year = moment.date.map(|d| i32::from(d.year));
        }
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
            mark: String::new(),
        };
        Spanned::new(span, meeting)
    }

    fn attendees(&mut self, table: &Table) -> Vec<Spanned<RawAttendee>> {
        let mut attendees = Vec::new();
        for row in table.rows() {
            let span = self.span(&table.grid.within, row, 0);
            let written = self.text(table, row, Key::Attendance);
            let mut reason = self.text(table, row, Key::Reason);
            let attendance = if written::on_leave(&written) {
                let absent = synonyms::ATTENDANCE[2];
                self.read_as(table, row, Key::Attendance, &written, absent.to_string());
                if reason.is_empty() {
                    reason = written;
                }
                Some(RawAttendance::Absent)
            } else {
                self.choice(table, row, Key::Attendance)
            };
            attendees.push(Spanned::new(
                span,
                RawAttendee {
                    name: self.spanned_text(table, row, Key::AttendeeName),
                    post: self.text(table, row, Key::AttendeePost),
                    attendance: attendance.unwrap_or(RawAttendance::Present),
                    reason,
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
                portrait: Vec::new(),
                talks: Vec::new(),
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
        fixed: Option<&str>,
    ) -> Option<usize> {
        let within = &table.grid.within;
        let mut name = self.text(table, row, Key::Name);
        let mut unit = match fixed {
            Some(unit) => unit.to_string(),
            None => self.text(table, row, Key::Unit),
        };
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
                .filter(|i| same(&official_name(&officials[*i].0), &name))
                .collect();
            let matching: Vec<usize> = found
                .iter()
                .copied()
                .filter(|i| unit.is_empty() || same(&official_unit(&officials[*i].0), &unit))
                .collect();
            return match (found.len(), matching.as_slice()) {
                (0, _) => {
                    let all: Vec<String> = officials.iter().map(|o| official_name(&o.0)).collect();
                    self.problem(
                        within,
                        row + 1,
                        column(Key::Name),
                        tr!(
                            "「{name}」不在议程里：姓名须与「{agenda}」表一致，议程中的述责人有 {all}", "'{name}' is not on the agenda: names must be as in the sheet '{agenda}', whose officials are {all}",
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
                            "议程中「{name}」的单位是「{units}」，与这里的「{unit}」不符：请改成一致", "On the agenda the unit of '{name}' is {units}, not '{unit}' as here: make them the same",
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
                        tr!("议程中有几位「{name}」：请同时填写单位以区分", "The agenda has several officials named '{name}': fill in the unit as well to tell them apart", name = name),
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
                tr!(
                    "姓名和单位都空着：请至少填一个，说明这一行是哪位述责人的",
                    "Name and unit are both blank: fill in at least one, to say whose row this is"
                ),
            );
            return None;
        }
        let found: Vec<usize> = (0..officials.len())
            .filter(|i| same(&official_unit(&officials[*i].0), &unit))
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
                        "单位「{unit}」不在议程里：单位须与「{agenda}」表一致，议程中的单位有 {all}", "The unit '{unit}' is not on the agenda: units must be as in the sheet '{agenda}', whose units are {all}",
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
                        "The agenda has {n} officials of '{unit}': fill in the name",
                        unit = unit,
                        n = found.len()
                    ),
                );
                None
            }
        }
    }

    /// The agenda's unit that a table without 姓名 and 单位 columns belongs to, named by its
    /// sheet's name or title (`某县财政局廉政风险点防控一览表`); reported when none or several.
    fn fixed_unit(
        &mut self,
        table: &Table,
        officials: &[(RawOfficial, Range<usize>)],
    ) -> Option<String> {
        let mut units: Vec<String> = officials
            .iter()
            .map(|(o, _)| o.unit.get_ref().trim().to_string())
            .collect();
        units.dedup();
        for title in &table.titles {
            let title = squeezed(title);
            let mut named: Vec<&String> = units
                .iter()
                .filter(|u| !u.is_empty() && title.contains(&squeezed(u)))
                .collect();
            named.dedup();
            // 县财政局 inside 某县财政局…: the longest unit named wins over one inside it.
            named.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
            if let Some(first) = named.first()
                && named.iter().skip(1).all(|u| first.contains(u.as_str()))
            {
                return Some(first.to_string());
            }
        }
        let message = tr!(
            "「{sheet}」表没有「{name}」「{unit}」列，表名和标题（{titles}）也没有指明议程中的哪个单位：请加一列「{unit}」，或在标题中写明单位；议程中的单位有 {units}",
            "The sheet '{sheet}' has no column '{name}' or '{unit}', and neither its name nor its title ({titles}) names a unit of the agenda: add a column '{unit}', or name the unit in the title; the agenda's units are {units}",
            sheet = table.grid.within.sheet_name(),
            name = table.sheet.column_of(Key::Name).header,
            unit = table.sheet.column_of(Key::Unit).header,
            titles = listed(table.titles.iter().map(String::as_str)),
            units = listed(units.iter().map(String::as_str))
        );
        self.problem(&table.grid.within, table.header_row + 1, 1, message);
        None
    }

    fn per_official(&mut self, table: &Table, officials: &mut [(RawOfficial, Range<usize>)]) {
        let mut above = None;
        let fixed = match table.fixed_owner() {
            true => match self.fixed_unit(table, officials) {
                Some(unit) => Some(unit),
                None => return,
            },
            false => None,
        };
        for row in table.rows() {
            let Some(index) = self.owner(table, row, officials, &mut above, fixed.as_deref())
            else {
                continue;
            };
            let span = self.span(&table.grid.within, row, 0);
            let official = &mut officials[index].0;
            match table.sheet.name {
                synonyms::DUTIES => {
                    let source = self.choice(table, row, Key::DutySource);
                    let status = self.choice(table, row, Key::DutyStatus);
                    let (quarter, quarter_span) = self.text_at(table, row, Key::Quarter);
                    let quarter = self.quarter(table, row, &quarter);
                    official.duty_items.push(Spanned::new(
                        span,
                        RawDutyItem {
                            source: source.unwrap_or(RawDutySource::AnnualReminder),
                            quarter: Spanned::new(quarter_span, quarter),
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
                    let mut text = self.spanned_text(table, row, Key::RiskText);
                    let form = self.text(table, row, Key::RiskForm);
                    if !form.is_empty() {
                        let joined = format!("{}：{form}", text.get_ref().trim());
                        *text.get_mut() = joined;
                    }
                    official.risk_points.push(Spanned::new(
                        span,
                        RawRiskPoint {
                            text,
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
                synonyms::PORTRAITS => {
                    // A dimension that is not one of the five is reported at its cell.
                    let Some(dimension) = self.choice(table, row, Key::Dimension) else {
                        continue;
                    };
                    official.portrait.push(Spanned::new(
                        span,
                        RawFinding {
                            dimension,
                            problem: self.spanned_text(table, row, Key::PortraitProblem),
                            suggestion: self.text(table, row, Key::Suggestion),
                        },
                    ));
                }
                synonyms::TALKS => {
                    let (_, date_span) = self.text_at(table, row, Key::TalkDate);
                    let date = self.date(table, row, Key::TalkDate).unwrap_or_else(|| {
                        Spanned::new(date_span, toml::Value::String(String::new()))
                    });
                    official.talks.push(Spanned::new(
                        span,
                        RawTalk {
                            date,
                            talker: self.spanned_text(table, row, Key::Talker),
                            content: self.text(table, row, Key::TalkContent),
                        },
                    ));
                }
                _ => {
                    let source = self.choice(table, row, Key::FollowUpSource);
                    let mut mode = self.choice(table, row, Key::Mode);
                    let deadline = self.text(table, row, Key::Deadline);
                    let ongoing = self.year.is_some_and(|year| {
                        written::deadline(&deadline, year) == Some(written::Deadline::Ongoing)
                    });
                    if ongoing {
                        let long_term = synonyms::FOLLOW_UP_MODES[2];
                        self.read_as(table, row, Key::Deadline, &deadline, long_term.to_string());
                        mode = mode.or(Some(RawFollowUpMode::LongTerm));
                    }
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
                            deadline: match ongoing {
                                true => None,
                                false => self.date(table, row, Key::Deadline),
                            },
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

/// The distinct columns a row's cells name in `sheet`.
fn keys_named(sheet: &'static Sheet, cells: &[Value]) -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    for value in cells {
        if let Value::Text(text) = value
            && let Some(column) = sheet.column(text)
            && !keys.contains(&column.key)
        {
            keys.push(column.key);
        }
    }
    keys
}

/// The header row: of the first rows, the one naming the most distinct columns (the lower
/// row of a two-row merged header names more than the merged row above it).
fn header_row(sheet: &'static Sheet, grid: &Grid) -> Option<usize> {
    (0..grid.rows.len().min(HEADER_SEARCH))
        .map(|row| (keys_named(sheet, &grid.rows[row]).len(), row))
        .filter(|(count, _)| *count > 0)
        .max_by_key(|(count, row)| (*count, std::cmp::Reverse(*row)))
        .map(|(_, row)| row)
}

/// The sheet a sheet with an unknown name is by its header: the kind whose required
/// columns are all there, naming the most columns; `None` when no kind has them all.
fn kind_by_headers(grid: &Grid) -> Option<&'static Sheet> {
    let mut best: Option<(&'static Sheet, usize)> = None;
    for sheet in synonyms::SHEETS {
        let Some(row) = header_row(sheet, grid) else {
            continue;
        };
        let keys = keys_named(sheet, &grid.rows[row]);
        let complete = sheet
            .columns
            .iter()
            .filter(|c| c.required)
            .all(|c| keys.contains(&c.key));
        let owners = !sheet.per_official || keys.contains(&Key::Name) || keys.contains(&Key::Unit);
        let named = keys
            .iter()
            .filter(|k| !matches!(k, Key::Ignored | Key::Name | Key::Unit))
            .count();
        if complete && named > 0 && best.is_none_or(|(_, most)| named + usize::from(owners) > most)
        {
            best = Some((sheet, named + usize::from(owners)));
        }
    }
    best.map(|(sheet, _)| sheet)
}

/// True when any cell holds something.
fn has_data(grid: &Grid) -> bool {
    grid.rows.iter().flatten().any(|v| !v.is_empty())
}

/// A cell as text, for naming headers.
fn cell_text(value: &Value) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(text) => text.trim().to_string(),
        Value::Number(n) => number_text(*n),
        other => format!("{other:?}"),
    }
}

/// The first few texts of a sheet, for naming what it holds.
fn first_texts(grid: &Grid) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    for value in grid.rows.iter().take(HEADER_SEARCH).flatten() {
        let mut text = cell_text(value);
        if let Some((cut, _)) = text.char_indices().nth(20) {
            text.truncate(cut);
            text.push('…');
        }
        if !text.is_empty() && !texts.contains(&text) {
            texts.push(text);
        }
        if texts.len() == 6 {
            break;
        }
    }
    texts
}

/// What may name a table's one unit: the sheet's name when it is not a sheet's name, and
/// each text above the header row.
fn titles(grid: &Grid, header_row: usize, named: bool) -> Vec<String> {
    let mut titles: Vec<String> = Vec::new();
    if !named {
        titles.push(grid.within.sheet_name().to_string());
    }
    for value in grid.rows.iter().take(header_row).flatten() {
        let text = cell_text(value);
        if !text.is_empty() && !titles.contains(&text) {
            titles.push(text);
        }
    }
    titles
}

/// The unknown header most like one of `columns` (sharing the most characters with one
/// of their wordings, two at least).
fn closest(columns: &[&synonyms::Column], headers: &[&str]) -> Option<(String, &'static str)> {
    let mut best: Option<(usize, String, &'static str)> = None;
    for header in headers {
        let header_chars: Vec<char> = synonyms::normalise(header).chars().collect();
        for column in columns {
            for word in std::iter::once(column.header).chain(column.also.iter().copied()) {
                let shared = synonyms::normalise(word)
                    .chars()
                    .filter(|c| header_chars.contains(c))
                    .count();
                if shared >= 2 && best.as_ref().is_none_or(|(most, _, _)| shared > *most) {
                    best = Some((shared, header.to_string(), column.header));
                }
            }
        }
    }
    best.map(|(_, header, column)| (header, column))
}

/// A missing column's message with the headers found and the closest one.
fn with_found(message: String, found: &str, closest: Option<(String, &'static str)>) -> String {
    let found = tr!(
        "表头有：{found}",
        "the header row has: {found}",
        found = found
    );
    match closest {
        Some((header, column)) => format!(
            "{message}；{found}；{}",
            tr!(
                "「{header}」可能是{column}列？",
                "is '{header}' the column '{column}'?",
                header = header,
                column = column
            )
        ),
        None => format!("{message}；{found}"),
    }
}

/// Row numbers (from 0) as a sheet numbers them, the first twenty: 3、5、8…
fn numbered_rows(rows: &[usize]) -> String {
    let mut shown: Vec<String> = rows.iter().take(20).map(|r| (r + 1).to_string()).collect();
    if rows.len() > 20 {
        shown.push("…".into());
    }
    shown.join("、")
}

/// Text without any spaces (full-width ones too), for comparing names and units.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Two names or units the same but for spaces (`王　英` is 王英).
fn same(a: &str, b: &str) -> bool {
    squeezed(a) == squeezed(b)
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
