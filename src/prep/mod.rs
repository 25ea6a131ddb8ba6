//! The prep file (准备文件): one meeting described in a TOML file, an XLSX workbook or a
//! folder of CSV files, checked into a `PreparedMeeting` that the importer writes in one
//! transaction. The workbook and CSV readers build the same raw structs the TOML file is
//! read into, so every check is made in one place (`check`).

mod cells;
mod check;
mod controls;
mod csv_files;
mod import;
mod kept;
mod out;
mod package;
mod raw;
mod sheet;
pub mod synonyms;
mod template;
mod update;
mod written;
mod xlsx;

pub use crate::source::line_column;
pub use crate::view::{PreparedMeeting, PreparedOfficial, PreparedQuestion};
pub use import::{import_file, import_preparation};
pub use out::{Form, from_store, render_toml, write_prepared};
pub use template::{TemplateFormat, write_template};
pub use update::{Step, Update, apply as apply_update, plan as plan_update};

use crate::messages::tr;
use crate::storage::StorageError;
use std::fmt;

use std::path::{Path, PathBuf};

/// One thing wrong in a prep file, at a line and column (both from 1, columns in characters);
/// in a workbook at a sheet's row and column, in a CSV folder at a file's row and column
/// (rows as a spreadsheet numbers them, columns shown as letters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The sheet or CSV file; `None` in a TOML file.
    pub within: Option<Within>,
    /// The header of the problem's column in a sheet, when it has one.
    pub header: Option<String>,
}

/// Where in a workbook or a CSV folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Within {
    /// A sheet of an XLSX workbook, by its name in the workbook.
    Sheet(String),
    /// A CSV file of a folder, by its file name.
    CsvFile(String),
}

impl Within {
    /// The name of the sheet this is (the CSV file's name without `.csv`).
    pub fn sheet_name(&self) -> &str {
        match self {
            Within::Sheet(name) => name,
            Within::CsvFile(file) => file.strip_suffix(".csv").unwrap_or(file),
        }
    }
}

impl Problem {
    /// A problem at a line and column of a TOML file.
    pub fn at(line: usize, column: usize, message: String) -> Problem {
        Problem {
            line,
            column,
            message,
            within: None,
            header: None,
        }
    }

    /// How the problem's place is written before its message: a TOML file's line and
    /// column; a sheet's row, column letter and header in words (`「廉政风险点」表第10行B列
    /// （风险等级）`); a whole sheet by its name.
    pub fn place(&self, path: &Path) -> String {
        let (file, sheet) = match &self.within {
            None => return format!("{}:{}:{}", path.display(), self.line, self.column),
            Some(Within::Sheet(sheet)) => (path.display().to_string(), Some(sheet)),
            Some(Within::CsvFile(file)) => (path.join(file).display().to_string(), None),
        };
        let row = self.line;
        let column = column_letters(self.column);
        match (sheet, row, &self.header) {
            (Some(sheet), 0, _) => tr!(
                "{file}「{sheet}」表",
                "{file}, sheet '{sheet}'",
                file = file,
                sheet = sheet
            ),
            (None, 0, _) => file,
            (Some(sheet), _, Some(header)) => tr!(
                "{file}「{sheet}」表第{row}行{column}列（{header}）",
                "{file}, sheet '{sheet}', row {row}, column {column} ({header})",
                file = file,
                sheet = sheet,
                row = row,
                column = column,
                header = header
            ),
            (Some(sheet), _, None) => tr!(
                "{file}「{sheet}」表第{row}行{column}列",
                "{file}, sheet '{sheet}', row {row}, column {column}",
                file = file,
                sheet = sheet,
                row = row,
                column = column
            ),
            (None, _, Some(header)) => tr!(
                "{file} 第{row}行{column}列（{header}）",
                "{file}, row {row}, column {column} ({header})",
                file = file,
                row = row,
                column = column,
                header = header
            ),
            (None, _, None) => tr!(
                "{file} 第{row}行{column}列",
                "{file}, row {row}, column {column}",
                file = file,
                row = row,
                column = column
            ),
        }
    }

    /// For sorting: sheets in the workbook's order, then rows and columns.
    fn order(&self) -> (usize, usize, usize) {
        let sheet = self
            .within
            .as_ref()
            .map(|w| synonyms::rank(synonyms::sheet_named(w.sheet_name()).map_or("", |s| s.name)))
            .unwrap_or(0);
        (sheet, self.line, self.column)
    }
}

/// Sorts problems into the order they are read in: by sheet, row and column.
pub fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by_key(Problem::order);
}

/// A spreadsheet's column letters: 1 → A, 27 → AA.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let digit = (column - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        column = (column - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A checked preparation: the meeting, with what the 纪要 needs that the meeting table
/// has no column for (kept in the `setting` table under the meeting's id), and the
/// warnings of a spreadsheet (unknown columns or sheets, ignored).
#[derive(Debug, Clone, PartialEq)]
pub struct Preparation {
    pub prepared: PreparedMeeting,
    /// 发文机关 of the 纪要; empty when not given.
    pub office: String,
    /// 期号 of the 纪要.
    pub issue: Option<u32>,
    /// The classification line of the exports; empty when not given (the default then).
    pub mark: String,
    /// The meeting's rating scale, voter groups and rules (`[rating]`), when given.
    pub rating: Option<crate::domain::rating_rules::RatingScheme>,
    /// The sheet the title stands in (with `prepared.title_at` its row and column).
    pub title_within: Option<Within>,
    pub warnings: Vec<Problem>,
}

/// Why a prep file was not imported. Nothing was written to the database.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}", tr!("无法读取准备文件 {path}：{why}", "Cannot read the prep file {path}: {why}", path = path.display(), why = cause))]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "{}",
        tr!(
            "{path}: 文件不是 UTF-8 编码（可能是 GBK），请用编辑器另存为 UTF-8 后再导入", "{path}: the file is not UTF-8 (it may be GBK): save it as UTF-8 in an editor, then import it again",
            path = path.display()
        )
    )]
    NotUtf8 { path: PathBuf },
    #[error("{path}: {message}")]
    Unreadable { path: PathBuf, message: String },
    #[error("{}", ProblemList { path, problems })]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error(transparent)]
    Storage(#[from] StorageError),
}

struct ProblemList<'a> {
    path: &'a Path,
    problems: &'a [Problem],
}

/// How many problems are shown with their cells; the rest are counted by sheet and column.
pub const SHOWN_PROBLEMS: usize = 20;

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, problem) in self.problems.iter().take(SHOWN_PROBLEMS).enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {}", problem.place(self.path), problem.message)?;
        }
        for (where_, count) in
            rest_by_column(&self.problems[SHOWN_PROBLEMS.min(self.problems.len())..])
        {
            write!(
                f,
                "\n{}",
                tr!(
                    "……{place}另有 {n} 处错误",
                    "… {n} more problems {place}",
                    place = where_,
                    n = count
                )
            )?;
        }
        write!(
            f,
            "\n{}",
            tr!(
                "准备文件有 {n} 处错误，数据库未作任何改动。",
                "Problems in the prep file: {n}; nothing in the database was changed.",
                n = self.problems.len()
            )
        )
    }
}

/// The problems not shown one by one, counted by sheet and column (in the order first met).
fn rest_by_column(problems: &[Problem]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for problem in problems {
        let sheet = problem
            .within
            .as_ref()
            .map(|w| w.sheet_name().to_string())
            .unwrap_or_default();
        let place = match &problem.header {
            Some(header) => tr!(
                "「{sheet}」表「{header}」列",
                "in the sheet '{sheet}', column '{header}'",
                sheet = sheet,
                header = header
            ),
            None if sheet.is_empty() => String::new(),
            None => tr!("「{sheet}」表", "in the sheet '{sheet}'", sheet = sheet),
        };
        match counts.iter_mut().find(|(p, _)| *p == place) {
            Some((_, count)) => *count += 1,
            None => counts.push((place, 1)),
        }
    }
    counts
}

/// How a preparation is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Rows hidden in a workbook (by hand or by a filter) are read too; otherwise they are
    /// left out with a warning naming them.
    pub include_hidden: bool,
}

/// Reads and checks a preparation without touching any database: a TOML file, an XLSX
/// workbook (`.xlsx`), or a folder of CSV files named after the sheets.
pub fn read_file(path: &Path) -> Result<Preparation, ImportError> {
    read_file_with(path, ReadOptions::default())
}

/// `read_file` with options.
pub fn read_file_with(path: &Path, options: ReadOptions) -> Result<Preparation, ImportError> {
    let read_error = |cause| ImportError::Read {
        path: path.to_path_buf(),
        cause,
    };
    if path.is_dir() {
        let grids = csv_files::read_folder(path)?;
        return sheet::read(path, grids, options.include_hidden);
    }
    let bytes = crate::files::read_regular(path).map_err(read_error)?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "xlsx" | "xlsm" | "xls" | "et" | "ods" => {
            let grids = xlsx::read_workbook(path, bytes, &extension)?;
            sheet::read(path, grids, options.include_hidden)
        }
        "csv" => Err(ImportError::Unreadable {
            path: path.to_path_buf(),
            message: tr!(
                "一场会议的准备要用几张表（{first}、{second}……）：请把这些 CSV 文件放进同一个文件夹，\
                 按工作表命名（如 {second}.csv），再导入这个文件夹",
                "A meeting's preparation takes several sheets ({first}, {second}, ...): put their CSV files in one folder, each named after its sheet (such as {second}.csv), then import that folder",
                first = synonyms::MEETING,
                second = synonyms::AGENDA
            ),
        }),
        _ if xlsx::is_workbook(&bytes) => {
            let grids = xlsx::read_workbook(path, bytes, "xlsx")?;
            sheet::read(path, grids, options.include_hidden)
        }
        _ => read_toml(path, bytes),
    }
}

fn read_toml(path: &Path, bytes: Vec<u8>) -> Result<Preparation, ImportError> {
    let source = String::from_utf8(bytes).map_err(|_| ImportError::NotUtf8 {
        path: path.to_path_buf(),
    })?;
    check::parse(&source).map_err(|problems| ImportError::Invalid {
        path: path.to_path_buf(),
        problems,
    })
}
