//! Exports: the minutes model rendered as Word, HTML, Markdown and JSON, and the follow-up
//! ledger as a spreadsheet and CSV. Renderers are pure functions from the minutes to bytes;
//! files are written under a temporary name and renamed into place.

mod after;
pub mod document;
mod docx;
mod html;
pub mod ledger;
mod markdown;
pub mod minutes;
pub mod report;
mod scrub;
pub mod sentences;

pub use minutes::Minutes;

use crate::files;
use crate::labels::Label;
use crate::messages::tr;
use chrono::{DateTime, FixedOffset, Utc};
use std::path::{Path, PathBuf};

/// What is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// 会议记录: the full record.
    Record,
    /// 会议纪要: the summary.
    Summary,
    /// 问题整改台账: the follow-up ledger.
    Ledger,
    /// 抄告: one document per leader in charge with the follow-ups of the units they
    /// supervise (`copies`: several files, so not one of `ALL`).
    Copies,
}

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Docx,
    Html,
    Md,
    Json,
    Xlsx,
    Csv,
}

/// Which font names Word documents ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Fonts {
    /// 仿宋_GB2312, 楷体_GB2312, 方正小标宋简体 (GB/T 9704).
    #[default]
    Gb2312,
    /// 仿宋, 楷体, 宋体: the names a stock Windows machine has.
    Windows,
}

/// Where Word documents put the page number (GB/T 9704 allows both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum PageNumbers {
    /// 居中 (centred under the text).
    #[default]
    Centred,
    /// 外侧：单页居右、双页居左，空一字 (odd pages right, even pages left, one character in).
    Outside,
}

/// How the documents are filed, beyond `Options`: the page number's place and the 纪要's
/// head. The console's export key uses the head the preparation gave (`Filing::stored`);
/// the command line can set each.
#[derive(Debug, Clone, Default)]
pub struct Filing {
    pub page_numbers: PageNumbers,
    /// 第 N 期: the 纪要's issue number, when the office numbers them.
    pub issue: Option<u32>,
    /// 发文机关: the issuing office, printed in the 纪要's head and its issuing line.
    pub office: String,
}

impl Filing {
    /// The 纪要's 发文机关 and 期号 as the preparation gave them (kept in the file), the page
    /// number centred.
    pub fn stored(
        store: &crate::storage::Store,
        meeting: crate::domain::Id,
    ) -> Result<Filing, crate::storage::StorageError> {
        let (office, issue) = store.summary_head(meeting)?;
        Ok(Filing {
            page_numbers: PageNumbers::default(),
            issue,
            office,
        })
    }
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Record, Kind::Summary, Kind::Ledger];

    /// The formats this kind is written in.
    pub fn formats(self) -> &'static [Format] {
        match self {
            Kind::Record => &[Format::Docx, Format::Html, Format::Md, Format::Json],
            Kind::Summary => &[Format::Docx, Format::Html, Format::Md],
            Kind::Ledger => &[Format::Xlsx, Format::Csv],
            Kind::Copies => &[Format::Docx, Format::Xlsx],
        }
    }

    /// The name used in file names, in the language of the program.
    pub fn file_word(self) -> &'static str {
        let lang = crate::messages::language();
        let text = self.label().text(lang);
        text.strip_prefix("the ").unwrap_or(text)
    }

    fn label(self) -> Label {
        match self {
            Kind::Record => Label::KindRecord,
            Kind::Summary => Label::KindSummary,
            Kind::Ledger => Label::KindLedger,
            Kind::Copies => Label::KindCopies,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label().text(crate::messages::language()))
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let label = match self {
            Format::Docx => Label::FormatDocx,
            Format::Html => Label::FormatHtml,
            Format::Md => Label::FormatMd,
            Format::Json => Label::FormatJson,
            Format::Xlsx => Label::FormatXlsx,
            Format::Csv => Label::FormatCsv,
        };
        f.write_str(label.text(crate::messages::language()))
    }
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Md => "md",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }
}

/// How an export is made.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Add every earlier revision of answers and remarks to the record.
    pub revisions: bool,
    /// Local time of the meeting room, for the times shown.
    pub offset: FixedOffset,
    pub fonts: Fonts,
}

/// What can go wrong while exporting.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}", tr!(
        "{kind}不能导出为{format}；可用的格式：{allowed}", "Cannot export {kind} as {format}; the formats it has: {allowed}",
        kind = .kind,
        format = .format,
        allowed = .allowed
    ))]
    Unsupported {
        kind: Kind,
        format: Format,
        allowed: String,
    },
    #[error("{}", tr!("{file} 已存在；加 --force 覆盖", "{file} exists already; add --force to overwrite it", file = .0.display()))]
    Exists(PathBuf),
    #[error("{}", tr!(
        "{file} 是一个符号链接，未写入（以免写到它指向的地方）；加 --force 以导出文件替换这个链接", "{file} is a symbolic link: nothing written (so as not to write where it leads); add --force to replace the link with the export",
        file = .0.display()
    ))]
    Link(PathBuf),
    #[error("{}", tr!(
        "{count} 个文件未能导出（其余 {done} 个已写入）：{failed}", "{count} files could not be exported (the other {done} were written): {failed}",
        count = .failed.len(),
        done = .written.len(),
        failed = .failed.join("；")
    ))]
    Partly {
        /// The files that were written.
        written: Vec<PathBuf>,
        /// Why each of the others was not.
        failed: Vec<String>,
    },
    #[error("{}", tr!("无法写入 {file}：{why}", "Cannot write {file}: {why}", file = .path.display(), why = .cause))]
    Write {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{}", tr!("生成{format}失败：{why}", "Could not make the {format}: {why}", format = .format, why = .message))]
    Render { format: Format, message: String },
}

/// Renders one kind in one format, filed the default way.
pub fn render(
    minutes: &Minutes,
    kind: Kind,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, ExportError> {
    render_filed(minutes, kind, format, options, &Filing::default())
}

/// Renders one kind in one format.
pub fn render_filed(
    minutes: &Minutes,
    kind: Kind,
    format: Format,
    options: &Options,
    filing: &Filing,
) -> Result<Vec<u8>, ExportError> {
    let style = document::Style {
        offset: options.offset,
        revisions: options.revisions,
        day: document::meeting_day(minutes, options.offset),
    };
    let doc = || match kind {
        Kind::Summary => document::summary(minutes, style, filing),
        _ => document::record(minutes, style),
    };
    let properties = docx::Properties {
        author: &minutes.meeting.recorder,
        created: minutes.generated_at,
    };
    match (kind, format) {
        (Kind::Ledger, Format::Xlsx | Format::Csv) => {
            ledger::render(minutes, format, style.day, options.offset)
        }
        (Kind::Record, Format::Json) => json(minutes, options.revisions),
        (Kind::Record | Kind::Summary, Format::Md) => Ok(markdown::render(&doc()).into_bytes()),
        (Kind::Record | Kind::Summary, Format::Html) => Ok(html::render(&doc())?.into_bytes()),
        // Several files, one per leader: `copies`.
        (Kind::Copies, _) => Err(ExportError::Render {
            format,
            message: tr!(
                "抄告按分管县领导各写一个文件",
                "The copies are one file per leader in charge"
            ),
        }),
        (Kind::Record | Kind::Summary, Format::Docx) => {
            docx::render(&doc(), options.fonts, filing.page_numbers, &properties)
        }
        _ => {
            let allowed = kind.formats().iter().map(|f| f.to_string());
            Err(ExportError::Unsupported {
                kind,
                format,
                allowed: allowed.collect::<Vec<_>>().join(&tr!("、", ", ")),
            })
        }
    }
}

/// The minutes as JSON; with `revisions`, each correction with its state before and who made
/// it (console, import update, or after 散会).
fn json(minutes: &Minutes, revisions: bool) -> Result<Vec<u8>, ExportError> {
    let mut shown;
    let minutes = if revisions {
        minutes
    } else {
        shown = minutes.clone();
        for c in &mut shown.corrections {
            c.before = serde_json::Value::Null;
            c.origin.clear();
        }
        &shown
    };
    let mut bytes = serde_json::to_vec_pretty(minutes).map_err(|e| ExportError::Render {
        format: Format::Json,
        message: e.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// How each file written is recorded in the database (`shuze verify` lists them): the kind
/// and format of each, found by its name among those of `--all` when not given.
pub fn records_of(
    minutes: &Minutes,
    written: &[PathBuf],
    given: Option<(Kind, Format)>,
) -> Vec<crate::storage::chain::ExportRecord> {
    let of_name = |path: &Path| {
        let name = path.file_name()?.to_str()?;
        Kind::ALL
            .into_iter()
            .flat_map(|kind| kind.formats().iter().map(move |&format| (kind, format)))
            .find(|&(kind, format)| file_name(minutes, kind, format) == name)
    };
    written
        .iter()
        .filter_map(|path| {
            let (kind, format) = given.or_else(|| of_name(path))?;
            let path = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            Some(crate::storage::chain::ExportRecord {
                meeting: minutes.meeting.id,
                kind: format!("{kind:?}").to_lowercase(),
                format: format.extension().to_string(),
                path: path.display().to_string(),
                mark: minutes.mark.clone(),
                record_hash: minutes
                    .chain
                    .as_ref()
                    .map(|h| h.hash.clone())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// The copies to the leaders in charge (双向抄告) in `format`: a file name and its bytes per
/// leader, "2026-12-18-抄告-李某（县委副书记）.docx".
pub fn copies(
    minutes: &Minutes,
    format: Format,
    options: &Options,
    filing: &Filing,
) -> Result<Vec<(String, Vec<u8>)>, ExportError> {
    let properties = docx::Properties {
        author: &minutes.meeting.recorder,
        created: minutes.generated_at,
    };
    let mut files = Vec::new();
    for leader in document::copies::leaders(minutes) {
        let name = format!(
            "{}-{}-{}.{}",
            minutes.meeting.held_on.format("%Y-%m-%d"),
            Kind::Copies.file_word(),
            file_safe(&leader),
            format.extension()
        );
        let bytes = match format {
            Format::Docx => docx::render(
                &document::copies::copy(minutes, &leader),
                options.fonts,
                filing.page_numbers,
                &properties,
            )?,
            Format::Xlsx => copy_sheet(minutes, &leader)?,
            other => {
                return Err(ExportError::Unsupported {
                    kind: Kind::Copies,
                    format: other,
                    allowed: Kind::Copies
                        .formats()
                        .iter()
                        .map(|f| f.to_string())
                        .collect::<Vec<_>>()
                        .join(&tr!("、", ", ")),
                });
            }
        };
        files.push((name, bytes));
    }
    Ok(files)
}

/// A name as a part of a file name: characters no file system takes become "_".
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect()
}

/// One leader's copy as a worksheet: the title, then the table.
fn copy_sheet(minutes: &Minutes, leader: &str) -> Result<Vec<u8>, ExportError> {
    let (header, rows) = document::copies::rows(minutes, leader);
    let failed = |e: rust_xlsxwriter::XlsxError| ExportError::Render {
        format: Format::Xlsx,
        message: e.to_string(),
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write(0, 0, format!("问题清单抄告（{leader}）"))
        .map_err(failed)?;
    for (row, cells) in std::iter::once(&header).chain(&rows).enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            sheet
                .write(row as u32 + 2, column as u16, cell.as_str())
                .map_err(failed)?;
        }
    }
    book.save_to_buffer().map_err(failed)
}

/// "2026-12-18-会议记录.docx" ("2026-12-18-record.docx" in English); a ledger made before 散会
/// "2026-12-18-整改台账（草稿）.xlsx".
pub fn file_name(minutes: &Minutes, kind: Kind, format: Format) -> String {
    let draft = if kind == Kind::Ledger && minutes.is_draft() {
        Label::Draft.text(crate::messages::language())
    } else {
        ""
    };
    format!(
        "{}-{}{draft}.{}",
        minutes.meeting.held_on.format("%Y-%m-%d"),
        kind.file_word(),
        format.extension()
    )
}

/// Writes every kind in every format into `dir`, filed the default way; returns the files
/// written.
pub fn write_all(
    minutes: &Minutes,
    dir: &Path,
    options: &Options,
    force: bool,
) -> Result<Vec<PathBuf>, ExportError> {
    write_all_filed(minutes, dir, options, &Filing::default(), force)
}

/// Writes every kind in every format into `dir`; returns the files written. Nothing is
/// written when one of the files exists already (without `force`); a file that cannot be
/// made (a text too long for its format, a full disk) does not stop the others, and the
/// error names it after they are written. A folder made for the export and left empty is
/// removed.
pub fn write_all_filed(
    minutes: &Minutes,
    dir: &Path,
    options: &Options,
    filing: &Filing,
    force: bool,
) -> Result<Vec<PathBuf>, ExportError> {
    let planned: Vec<(Kind, Format, PathBuf)> = Kind::ALL
        .into_iter()
        .flat_map(|kind| kind.formats().iter().map(move |&format| (kind, format)))
        .map(|(kind, format)| (kind, format, dir.join(file_name(minutes, kind, format))))
        .collect();
    for (_, _, path) in &planned {
        refuse_existing(path, force)?;
    }
    let made = dir.symlink_metadata().is_err();
    files::create_private_dir(dir).map_err(|cause| ExportError::Write {
        path: dir.to_path_buf(),
        cause,
    })?;
    let mut written = Vec::new();
    let mut failed = Vec::new();
    for (kind, format, path) in planned {
        let made = render_filed(minutes, kind, format, options, filing)
            .and_then(|bytes| write_file(&path, &bytes, force));
        match made {
            Ok(()) => written.push(path),
            Err(err) => failed.push(err.to_string()),
        }
    }
    // The copies to the leaders in charge, in Word.
    match copies(minutes, Format::Docx, options, filing) {
        Ok(copies) => {
            for (name, bytes) in copies {
                let path = dir.join(name);
                match write_file(&path, &bytes, force) {
                    Ok(()) => written.push(path),
                    Err(err) => failed.push(err.to_string()),
                }
            }
        }
        Err(err) => failed.push(err.to_string()),
    }
    if written.is_empty() && made {
        let _ = std::fs::remove_dir(dir);
    }
    match failed.is_empty() {
        true => Ok(written),
        false => Err(ExportError::Partly { written, failed }),
    }
}

/// Refuses to replace what is at `path` without `force`: a file, a folder, or a symbolic
/// link, followed or dangling (replacing the link would write where it did not lead).
fn refuse_existing(path: &Path, force: bool) -> Result<(), ExportError> {
    if force {
        return Ok(());
    }
    match path.symlink_metadata() {
        Err(_) => Ok(()),
        Ok(found) if found.file_type().is_symlink() => Err(ExportError::Link(path.to_path_buf())),
        Ok(_) => Err(ExportError::Exists(path.to_path_buf())),
    }
}

/// Writes a file under a temporary name and renames it into place, so a crash never leaves
/// half a document; refuses to replace an existing file or a symbolic link unless `force`
/// (which replaces the link itself, never the file it leads to).
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    refuse_existing(path, force)?;
    let error = |cause| ExportError::Write {
        path: path.to_path_buf(),
        cause,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&temp);
    unfinished().push(temp.clone());
    let written = files::write_private(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    unfinished().retain(|p| p != &temp);
    written.map_err(error)
}

/// Temporary files being written now: removed if a signal ends the program mid-export.
fn unfinished() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    static WRITING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    WRITING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes the temporary files of writes still under way (called on SIGTERM, SIGINT and
/// SIGHUP, before leaving), so an interrupted export leaves nothing half-written behind.
pub fn remove_unfinished() {
    for temp in unfinished().drain(..) {
        let _ = std::fs::remove_file(temp);
    }
}

/// The default folder for an export of everything: beside the database, stamped with the time,
/// named in the language of the program.
pub fn default_dir(db: &Path, now: DateTime<Utc>, offset: FixedOffset) -> PathBuf {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = now.with_timezone(&offset).format("%Y%m%d-%H%M%S");
    db.with_file_name(tr!(
        "{stem}-导出-{stamp}",
        "{stem}-export-{stamp}",
        stem = stem,
        stamp = stamp
    ))
}

/// The machine's local offset, for showing times in the meeting room's time.
pub fn local_offset(at: DateTime<Utc>) -> FixedOffset {
    *at.with_timezone(&chrono::Local).offset()
}
