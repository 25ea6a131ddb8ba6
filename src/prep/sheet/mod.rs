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
    /// The columns no field is named by, kept as each row's extra fields (where the sheet
    /// keeps them): index and header.
    extra: Vec<(usize, String)>,
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
    /// The value mappings of the 设置 sheet, read before the other sheets.
    mappings: Vec<settings::Mapping>,
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
}

mod finding;
mod meeting;
mod owned;
mod settings;
mod values;

use finding::*;
