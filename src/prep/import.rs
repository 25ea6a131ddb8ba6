//! Imports a prep file: read and checked here, written by the store in one transaction:
//! all of it or nothing.
//!
//! An import only ever adds a new meeting; a meeting already in the file (same title and
//! date) is refused, so nothing recorded during a meeting can be changed by an import.

use super::{ImportError, Problem, read_file};
use crate::domain::Id;
use crate::storage::{Imported, Store};
use chrono::{DateTime, Utc};
use std::path::Path;

/// Reads, checks and imports a prep file; returns the new meeting's id.
pub fn import_file(path: &Path, store: &mut Store, now: DateTime<Utc>) -> Result<Id, ImportError> {
    let prepared = read_file(path)?;
    match store.import_meeting(&prepared, now)? {
        Imported::Added(id) => Ok(id),
        Imported::AlreadyThere(id) => Err(ImportError::Invalid {
            path: path.to_path_buf(),
            problems: vec![Problem {
                line: prepared.title_at.0,
                column: prepared.title_at.1,
                message: format!(
                    "数据库中已有同名同日期的会议（编号 {id}）；导入只会新增会议，不会改动已记录的内容。\
                     如需另开一场，请修改 title 或 date"
                ),
            }],
        }),
    }
}
