//! The prep file (准备文件): a human-editable TOML description of one meeting, checked
//! into a `PreparedMeeting` that the importer writes in one transaction.

mod check;
mod controls;
mod import;
mod raw;

pub use crate::source::line_column;
pub use crate::view::{PreparedMeeting, PreparedOfficial, PreparedQuestion};
pub use import::import_file;

use crate::storage::StorageError;
use std::fmt;
use std::path::{Path, PathBuf};

/// One thing wrong in a prep file, at a line and column (both from 1, columns in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Why a prep file was not imported. Nothing was written to the database.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("无法读取准备文件 {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}: 文件不是 UTF-8 编码（可能是 GBK），请用编辑器另存为 UTF-8 后再导入 (not UTF-8)"
    )]
    NotUtf8 { path: PathBuf },
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

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, problem) in self.problems.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                problem.line,
                problem.column,
                problem.message
            )?;
        }
        write!(
            f,
            "\n准备文件有 {} 处错误，数据库未作任何改动。",
            self.problems.len()
        )
    }
}

/// Reads and checks a prep file without touching any database.
pub fn read_file(path: &Path) -> Result<PreparedMeeting, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let source = String::from_utf8(bytes).map_err(|_| ImportError::NotUtf8 {
        path: path.to_path_buf(),
    })?;
    check::parse(&source).map_err(|problems| ImportError::Invalid {
        path: path.to_path_buf(),
        problems,
    })
}
