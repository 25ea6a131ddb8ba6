//! Imports a preparation (TOML, XLSX or a CSV folder): read and checked here, written by
//! the store in one transaction: all of it or nothing.
//!
//! An import only ever adds a new meeting; a meeting already in the file (same title and
//! date) is refused, so nothing recorded during a meeting can be changed by an import.

use super::{ImportError, Preparation, Problem, read_file};
use crate::domain::Id;
use crate::messages::tr;
use crate::storage::{Imported, Setting, Store};
use chrono::{DateTime, Utc};
use std::path::Path;

/// Reads, checks and imports a preparation; returns the new meeting's id.
pub fn import_file(path: &Path, store: &mut Store, now: DateTime<Utc>) -> Result<Id, ImportError> {
    let preparation = read_file(path)?;
    import_preparation(path, &preparation, store, now)
}

/// Imports a preparation already read from `path` (named in the messages).
pub fn import_preparation(
    path: &Path,
    preparation: &Preparation,
    store: &mut Store,
    now: DateTime<Utc>,
) -> Result<Id, ImportError> {
    let prepared = &preparation.prepared;
    let settings = |meeting: Id| {
        let mut settings = Vec::new();
        if !preparation.office.is_empty() {
            settings.push((Setting::SummaryOffice(meeting), preparation.office.clone()));
        }
        if let Some(issue) = preparation.issue {
            settings.push((Setting::SummaryIssue(meeting), issue.to_string()));
        }
        if !preparation.mark.is_empty() {
            settings.push((Setting::ExportMark(meeting), preparation.mark.clone()));
        }
        if let Some(json) = preparation
            .rating
            .as_ref()
            .and_then(|scheme| serde_json::to_string(scheme).ok())
        {
            settings.push((Setting::RatingScheme(meeting), json));
        }
        settings
    };
    match store.import_meeting_with(prepared, now, settings)? {
        Imported::Added(id) => Ok(id),
        Imported::AlreadyThere(id) => Err(ImportError::Invalid {
            path: path.to_path_buf(),
            problems: vec![Problem {
                line: prepared.title_at.0,
                column: prepared.title_at.1,
                message: tr!(
                    "数据库中已有同名同日期的会议（编号 {id}）；导入只会新增会议，不会改动已记录的内容。\
                     如需另开一场，请修改 title（会议名称）或 date（会议日期）",
                    "The database already has a meeting with this name and date (number {id}); importing only adds meetings and never changes what has been recorded. To hold another one, change title (meeting name) or date (meeting date)",
                    id = id
                ),
                within: preparation.title_within.clone(),
                header: None,
            }],
        }),
    }
}
