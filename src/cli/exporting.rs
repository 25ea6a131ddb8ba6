//! `shuze export` and `shuze export-prep`: reading a meeting out of the file, saying what
//! the reader met on the way (a changed schema, text that is not UTF-8).

use super::{ExportArgs, sample_working_copy, written_line};
use crate::export::{self, Format, Minutes};
use crate::lock::RecorderLock;
use crate::messages::tr;
use crate::prep;
use crate::storage::Store;
use anyhow::{Result, bail};
use chrono::Utc;
use std::path::{Path, PathBuf};

/// `shuze export`: the record, the 纪要 and the ledger, read from the file without writing
/// to it.
pub(super) fn export(args: ExportArgs, asking: super::secret::Asking) -> Result<()> {
    remove_unfinished_on_signals()?;
    let db = match args.db {
        Some(db) => db,
        None => sample_working_copy(false)?,
    };
    super::secret::unlock(&db, asking)?;
    RecorderLock::refuse_other_names(&db)?;
    let store = open_for_export(&db)?;
    warn_of_changed_schema(&store);
    let meeting = match args.meeting {
        Some(id) => store.meeting(id)?.id,
        None => store.default_meeting()?,
    };
    let now = Utc::now();
    store.integrity_check()?;
    let mut minutes = Minutes::build(&store, meeting, args.include_notes, now)?;
    warn_of_invalid_text(&store);
    // What was warned of is said in the documents too.
    minutes.notices.extend(store.changed_schema_notice());
    minutes.notices.extend(store.invalid_text_notice());
    // The classification line: `--mark`, else the preparation's, else the default.
    if let Some(mark) = args.mark.clone().or(store.export_mark(meeting)?) {
        minutes.set_mark(&mark);
    }
    let options = export::Options {
        revisions: args.revisions,
        offset: export::local_offset(now),
        fonts: args.fonts,
    };
    // The 纪要's issue and office: from the command line, else as the preparation gave them.
    let stored = export::Filing::stored(&store, meeting)?;
    let filing = export::Filing {
        page_numbers: args.page_numbers,
        issue: args.issue.or(stored.issue),
        office: args.office.unwrap_or(stored.office),
    };
    // The copies are Word documents unless asked otherwise.
    let format = args.format.or(match args.kind {
        Some(export::Kind::Copies) => Some(Format::Docx),
        _ => None,
    });
    let given = args.kind.zip(format);
    // The file is written to below (the exports recorded): the reading ends here.
    drop(store);
    let paths = match (args.all, args.kind, format) {
        (Some(dir), _, _) => {
            match export::write_all_filed(&minutes, &dir, &options, &filing, args.force) {
                Err(export::ExportError::Partly { written, failed }) => {
                    for path in &written {
                        say!(written_line(path));
                    }
                    record_exports(&db, &export::records_of(&minutes, &written, None));
                    return Err(export::ExportError::Partly { written, failed }.into());
                }
                other => other?,
            }
        }
        (None, Some(export::Kind::Copies), Some(format)) => {
            // One file per leader in charge, into the folder given (beside the file else).
            let dir = args
                .output
                .unwrap_or_else(|| db.parent().map(Path::to_path_buf).unwrap_or_default());
            crate::files::create_private_dir(&dir)?;
            let mut paths = Vec::new();
            for (name, bytes) in export::copies(&minutes, format, &options, &filing)? {
                let path = dir.join(name);
                export::write_file(&path, &bytes, args.force)?;
                paths.push(path);
            }
            if paths.is_empty() {
                say!(tr!(
                    "本次会议没有向分管县领导抄告的问题",
                    "This meeting raised no follow-ups to copy to a leader in charge"
                ));
            }
            paths
        }
        (None, Some(kind), Some(format)) => {
            let path = args
                .output
                .unwrap_or_else(|| db.with_file_name(export::file_name(&minutes, kind, format)));
            let bytes = export::render_filed(&minutes, kind, format, &options, &filing)?;
            export::write_file(&path, &bytes, args.force)?;
            vec![path]
        }
        _ => bail!(tr!(
            "请给出 --kind 和 --format，或用 --all 文件夹 导出全部",
            "Give --kind and --format, or --all FOLDER to export everything"
        )),
    };
    for path in &paths {
        say!(written_line(path));
    }
    record_exports(&db, &export::records_of(&minutes, &paths, given));
    Ok(())
}

/// Records the exports in the file (and so on its hash chain). A file that cannot take
/// the write (a read-only medium, a schema changed by another program) keeps the export,
/// with a warning that `verify` will not list it.
fn record_exports(db: &Path, made: &[crate::storage::chain::ExportRecord]) {
    let recorded = Store::open(db).and_then(|store| {
        made.iter()
            .try_for_each(|record| store.record_export(record))
    });
    if let Err(why) = recorded {
        warn!(tr!(
            "注意：这次导出未能记入 {db}（{why}），shuze verify 不会列出它",
            "Note: this export could not be recorded in {db} ({why}); shuze verify will not list it",
            db = db.display(),
            why = why
        ));
    }
}

/// `shuze report --year`: the year's figures per unit, as Word and as a workbook with
/// charts, read from the file without writing to it.
pub(super) fn year_report(
    db: &Path,
    year: i32,
    output: Option<PathBuf>,
    force: bool,
) -> Result<()> {
    RecorderLock::refuse_other_names(db)?;
    let store = open_for_export(db)?;
    warn_of_changed_schema(&store);
    let now = Utc::now();
    let offset = export::local_offset(now);
    let today = now.with_timezone(&offset).date_naive();
    let year_end = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
    let figures = store.year_figures(year, today.min(year_end))?;
    if figures.is_empty() {
        bail!(tr!(
            "{year}年没有举行述责述廉会议",
            "No reporting meeting was held in {year}",
            year = year
        ));
    }
    let dir = output.unwrap_or_else(|| db.parent().map(Path::to_path_buf).unwrap_or_default());
    crate::files::create_private_dir(&dir)?;
    let options = export::Options {
        revisions: false,
        offset,
        fonts: Default::default(),
    };
    let name = format!("{year}年度述责述廉工作情况报告");
    let files = [
        (
            Format::Docx,
            export::report::docx(&figures, year, &options, now)?,
        ),
        (Format::Xlsx, export::report::xlsx(&figures, year)?),
    ];
    for (format, bytes) in files {
        let path = dir.join(format!("{name}.{}", format.extension()));
        export::write_file(&path, &bytes, force)?;
        say!(written_line(&path));
    }
    Ok(())
}

/// An export only reads: from a read-only file, folder or medium too, with nothing made
/// beside the file. A file of an older schema is upgraded first, in place, as opening it in
/// the console would (so that one is not exported from a read-only medium).
fn open_for_export(db: &Path) -> Result<Store> {
    match Store::open_read_only(db) {
        Err(crate::storage::StorageError::OtherVersion {
            found, supported, ..
        }) if found < supported => Ok(Store::open(db)?),
        other => Ok(other?),
    }
}

/// Names the fields read with U+FFFD in place of text that is not UTF-8, if any.
pub(super) fn warn_of_invalid_text(store: &Store) {
    if let Ok(Some(warning)) = store.invalid_text_warning() {
        warn!(warning);
    }
}

/// A reader of a file whose schema another program changed says so before what it read.
pub(super) fn warn_of_changed_schema(store: &Store) {
    if let Some(warning) = store.changed_schema_warning() {
        warn!(warning);
    }
}

/// Writes a meeting's preparation back out (reads only).
pub(super) fn export_prep(
    db: Option<PathBuf>,
    meeting: Option<i64>,
    output: &Path,
    force: bool,
    asking: super::secret::Asking,
) -> Result<()> {
    let db = match db {
        Some(db) => db,
        None => sample_working_copy(false)?,
    };
    super::secret::unlock(&db, asking)?;
    RecorderLock::refuse_other_names(&db)?;
    let store = Store::open_read_only(&db)?;
    warn_of_changed_schema(&store);
    let meeting = match meeting {
        Some(id) => store.meeting(id)?.id,
        None => store.default_meeting()?,
    };
    let preparation = prep::from_store(&store, meeting)?;
    for path in prep::write_prepared(&preparation, output, force)? {
        say!(written_line(&path));
    }
    Ok(())
}

/// A signal in the middle of an export removes its temporary files before the program
/// ends (exit status 128 + the signal's number, as a shell reports it).
fn remove_unfinished_on_signals() -> Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    #[cfg(unix)]
    let watched = [SIGTERM, SIGINT, signal_hook::consts::SIGHUP];
    #[cfg(not(unix))]
    let watched = [SIGTERM, SIGINT];
    let mut signals = signal_hook::iterator::Signals::new(watched)?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            export::remove_unfinished();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}
