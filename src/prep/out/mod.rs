//! A meeting's preparation written back out, as a workbook, a folder of CSV files or a TOML
//! prep file, so that it reads back as the same meeting (`shuze export-prep`); the template
//! is the same workbook with two example rows per sheet.

use super::Preparation;
use super::cells::numbered_cell;
use super::synonyms::{self, Key, SHEETS, Sheet};
use crate::domain::{Id, Word};
use crate::messages::tr;
use crate::storage::{Setting, StorageError, Store};
use crate::view::{PreparedMeeting, PreparedOfficial, PreparedQuestion};
use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, ExcelDateTime, Format, FormatAlign, FormatBorder, Note, Workbook,
};
use std::path::{Path, PathBuf};

mod stored;
mod toml_file;
pub use stored::from_store;
pub use toml_file::render_toml;

/// The three forms of a preparation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Xlsx,
    Toml,
    /// A folder of UTF-8 CSV files with a byte-order mark, one per sheet.
    CsvFolder,
}

impl Form {
    /// `.xlsx` → workbook, `.toml` → prep file, anything else → a folder.
    pub fn for_path(path: &Path) -> Result<Form> {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "xlsx" => Ok(Form::Xlsx),
            "toml" => Ok(Form::Toml),
            "" => Ok(Form::CsvFolder),
            "csv" => bail!(tr!(
                "{path}: CSV 要写成一个文件夹（每张表一个 .csv 文件）：请给出文件夹名，如 -o 准备",
                "{path}: CSV is written as a folder (one .csv file per sheet): give a folder name, such as -o prep",
                path = path.display()
            )),
            other => bail!(tr!(
                "{path}: 不认得的扩展名 .{extension}：请用 .xlsx（Excel 工作簿）、.toml（准备文件）或文件夹名（CSV）",
                "{path}: unknown extension .{extension}: use .xlsx (Excel workbook), .toml (prep file) or a folder name (CSV)",
                path = path.display(),
                extension = other
            )),
        }
    }
}

/// One cell written out.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Text(String),
    Number(i64),
    Date(NaiveDate),
}

fn text(value: &str) -> Out {
    Out::Text(value.to_string())
}

/// A closed choice's Chinese word (the table's lists follow the domain's order).
fn zh<T: Word + PartialEq>(value: T, words: &'static [&'static str]) -> &'static str {
    let at = T::ALL.iter().position(|v| *v == value).unwrap_or(0);
    words[at]
}

fn word<T: Word + PartialEq>(value: T, words: &'static [&'static str]) -> Out {
    Out::Text(zh(value, words).to_string())
}

/// One sheet written out: its rows (without the header) in the table's column order, then
/// the extra columns (the prep's columns the program has no field for) by their headers.
pub struct SheetOut {
    pub sheet: &'static Sheet,
    /// The headers of the extra columns, after the sheet's own.
    pub extra: Vec<String>,
    pub rows: Vec<Vec<Out>>,
}

/// The extra fields of each row of a sheet that keeps them, in the sheet's row order.
fn row_extras<'p>(p: &'p PreparedMeeting, sheet: &Sheet) -> Vec<&'p [crate::domain::Extra]> {
    let officials = p.officials.iter();
    match sheet.name {
        synonyms::DUTIES => officials
            .flat_map(|o| &o.duty_items)
            .map(|d| d.extra.as_slice())
            .collect(),
        synonyms::RISKS => officials
            .flat_map(|o| &o.risk_points)
            .map(|r| r.extra.as_slice())
            .collect(),
        _ => officials
            .flat_map(|o| &o.earlier_follow_ups)
            .map(|f| f.extra.as_slice())
            .collect(),
    }
}

/// Every sheet's rows, those of the sheets that keep extra fields with their extra columns.
pub fn sheet_rows(preparation: &Preparation) -> Vec<SheetOut> {
    let p = &preparation.prepared;
    let mut out = Vec::new();
    for (sheet, mut rows) in own_rows(preparation) {
        let mut headers: Vec<String> = Vec::new();
        if sheet.keeps_extra() {
            let extras = row_extras(p, sheet);
            for field in extras.iter().flat_map(|e| e.iter()) {
                if !headers.contains(&field.label) {
                    headers.push(field.label.clone());
                }
            }
            for (row, extra) in rows.iter_mut().zip(extras) {
                row.extend(headers.iter().map(|header| {
                    let field = extra.iter().find(|e| e.label == *header);
                    text(field.map_or("", |e| e.value.as_str()))
                }));
            }
        }
        out.push(SheetOut {
            sheet,
            extra: headers,
            rows,
        });
    }
    out
}

/// Every sheet's rows (without the header), in the table's column order.
fn own_rows(preparation: &Preparation) -> Vec<(&'static Sheet, Vec<Vec<Out>>)> {
    let p = &preparation.prepared;
    let m = &p.meeting;
    let mut out = Vec::new();
    for sheet in SHEETS {
        let mut rows: Vec<Vec<Out>> = Vec::new();
        let mut push = |owner: Option<&PreparedOfficial>, cell: &dyn Fn(Key) -> Option<Out>| {
            let serial = rows.len() as i64 + 1;
            rows.push(
                sheet
                    .columns
                    .iter()
                    .map(|c| match (c.key, owner) {
                        (Key::Ignored, _) => Out::Number(serial),
                        (Key::Name, Some(o)) => text(&o.slot.name),
                        (Key::Unit, Some(o)) => text(&o.slot.unit),
                        (key, _) => cell(key).unwrap_or(Out::Text(String::new())),
                    })
                    .collect(),
            );
        };
        match sheet.name {
            synonyms::MEETING => push(None, &|key| {
                Some(match key {
                    Key::Title => text(&m.title),
                    Key::Date => Out::Date(m.held_on),
                    Key::Start => text(
                        &m.starts_at
                            .map(|t| t.format("%H:%M").to_string())
                            .unwrap_or_default(),
                    ),
                    Key::Place => text(&m.place),
                    Key::Chair => text(&m.chair),
                    Key::ChairPost => text(&m.chair_post),
                    Key::Recorder => text(&m.recorder),
                    Key::Scrutineers => text(&m.scrutineers.join("、")),
                    Key::QuestionsMinutes => Out::Number(m.allotments.questions.into()),
                    Key::RemarksMinutes => Out::Number(m.allotments.remarks.into()),
                    Key::RatingMinutes => Out::Number(m.allotments.rating.into()),
                    Key::FollowUpsMinutes => Out::Number(m.allotments.follow_ups.into()),
                    Key::Office => text(&preparation.office),
                    Key::Issue => match preparation.issue {
                        Some(issue) => Out::Number(issue.into()),
                        None => text(""),
                    },
                    _ => return None,
                })
            }),
            synonyms::ATTENDEES => {
                for a in &p.attendees {
                    push(None, &|key| {
                        Some(match key {
                            Key::AttendeeName => text(&a.name),
                            Key::AttendeePost => text(&a.post),
                            Key::Attendance => word(a.attendance, synonyms::ATTENDANCE),
                            Key::Reason => text(&a.reason),
                            _ => return None,
                        })
                    });
                }
            }
            synonyms::AGENDA => {
                for o in &p.officials {
                    let s = &o.slot;
                    push(None, &|key| {
                        Some(match key {
                            Key::Position => Out::Number(s.position.into()),
                            Key::Name => text(&s.name),
                            Key::Unit => text(&s.unit),
                            Key::Post => text(&s.post),
                            Key::Supervisor => text(&s.supervisor),
                            Key::ReportMinutes => Out::Number(s.report_minutes.into()),
                            Key::WrittenOnly => text(if s.written_only { "是" } else { "否" }),
                            _ => return None,
                        })
                    });
                }
            }
            synonyms::DUTIES => {
                for o in &p.officials {
                    for d in &o.duty_items {
                        push(Some(o), &|key| {
                            Some(match key {
                                Key::DutySource => word(d.source, synonyms::DUTY_SOURCES),
                                Key::Quarter => text(&d.quarter),
                                Key::DutyText => text(&d.text),
                                Key::DutyProgress => text(&d.progress),
                                Key::DutyStatus => word(d.status, synonyms::DUTY_STATUSES),
                                _ => return None,
                            })
                        });
                    }
                }
            }
            synonyms::RISKS => {
                for o in &p.officials {
                    for r in &o.risk_points {
                        push(Some(o), &|key| {
                            Some(match key {
                                Key::RiskText => text(&r.text),
                                Key::RiskLevel => word(r.level, synonyms::RISK_LEVELS),
                                Key::Measures => text(&numbered_cell(&r.measures)),
                                Key::Rules => text(&numbered_cell(&r.rules)),
                                _ => return None,
                            })
                        });
                    }
                }
            }
            synonyms::PORTRAITS => {
                for o in &p.officials {
                    for f in &o.portrait {
                        push(Some(o), &|key| {
                            Some(match key {
                                Key::Dimension => word(f.dimension, synonyms::DIMENSIONS),
                                Key::PortraitProblem => text(&f.problem),
                                Key::Suggestion => text(&f.suggestion),
                                _ => return None,
                            })
                        });
                    }
                }
            }
            synonyms::TALKS => {
                for o in &p.officials {
                    for t in &o.talks {
                        push(Some(o), &|key| {
                            Some(match key {
                                Key::TalkDate => Out::Date(t.held_on),
                                Key::Talker => text(&t.talker),
                                Key::TalkContent => text(&t.content),
                                _ => return None,
                            })
                        });
                    }
                }
            }
            synonyms::QUESTIONS => {
                for o in &p.officials {
                    for q in &o.questions {
                        push(Some(o), &|key| {
                            Some(match key {
                                Key::Asker => text(&q.asker),
                                Key::QuestionText => text(&q.text),
                                _ => return None,
                            })
                        });
                    }
                }
            }
            // Mappings are applied as the prep is read: what it holds is in the template's values.
            synonyms::SETTINGS => {}
            _ => {
                for o in &p.officials {
                    for f in &o.earlier_follow_ups {
                        push(Some(o), &|key| {
                            Some(match key {
                                Key::FollowUpSource => word(f.source, synonyms::FOLLOW_UP_SOURCES),
                                Key::Category => text(&f.category),
                                Key::Problem => text(&f.problem),
                                Key::Task => text(&f.task),
                                Key::Measure => text(&f.measure),
                                Key::Lead => text(&f.lead),
                                Key::Owner => text(&f.owner),
                                Key::Deadline => f.deadline.map(Out::Date)?,
                                Key::Mode => word(f.mode, synonyms::FOLLOW_UP_MODES),
                                Key::FollowUpProgress => text(&f.progress),
                                Key::FollowUpStatus => word(f.status, synonyms::FOLLOW_UP_STATUSES),
                                Key::CopiedTo => text(&f.copied_to),
                                Key::RaisedOn => f.raised_on.map(Out::Date)?,
                                Key::FollowUpKey => text(&f.key),
                                _ => return None,
                            })
                        });
                    }
                }
            }
        }
        out.push((sheet, rows));
    }
    out
}

/// Rows of a list that offer drop-downs beyond the written ones.
const VALIDATED_ROWS: u32 = 2000;

/// The workbook: a frozen header with a note on each cell, widths for Chinese text,
/// drop-down lists for every closed choice, dates as date cells.
pub fn workbook(sheets: &[SheetOut]) -> Result<Vec<u8>> {
    workbook_with(sheets, &[])
}

/// The workbook with a first sheet 填表说明 of these lines (none when empty).
pub fn workbook_with(sheets: &[SheetOut], instructions: &[String]) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    if !instructions.is_empty() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(synonyms::INSTRUCTIONS)?;
        sheet.set_column_width(0, 110)?;
        sheet.set_landscape();
        sheet.set_paper_size(9);
        sheet.set_print_fit_to_pages(1, 0);
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let heading = wrap.clone().set_bold();
        for (row, line) in instructions.iter().enumerate() {
            let is_heading = row == 0 || line.starts_with(['一', '二', '三', '四', '五']);
            let format = if is_heading { &heading } else { &wrap };
            sheet.write_string_with_format(row as u32, 0, line, format)?;
        }
    }
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin);
    let required_header = header.clone().set_font_color(Color::RGB(0xC00000));
    let body = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_num_format("@");
    let number = Format::new().set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Top);
    for SheetOut { sheet, extra, rows } in sheets {
        let worksheet = workbook.add_worksheet();
        for (at, shown) in extra.iter().enumerate() {
            let c = (sheet.columns.len() + at) as u16;
            worksheet.write_string_with_format(0, c, shown, &header)?;
            worksheet.set_column_width(c, 16)?;
        }
        worksheet.set_name(sheet.name)?;
        worksheet.set_row_height(0, 30)?;
        for (c, column) in sheet.columns.iter().enumerate() {
            let c = c as u16;
            let shown = if column.required {
                format!("{}*", column.header)
            } else {
                column.header.to_string()
            };
            let format = if column.required {
                &required_header
            } else {
                &header
            };
            worksheet.write_string_with_format(0, c, &shown, format)?;
            worksheet.set_column_width(c, column.width)?;
            let mut note = column.note.to_string();
            if !column.also.is_empty() {
                note.push_str(&format!("\n也可写作：{}", column.also.join("、")));
            }
            worksheet.insert_note(
                0,
                c,
                &Note::new(note)
                    .add_author_prefix(false)
                    .set_width(260)
                    .set_height(120),
            )?;
            if !column.choices.is_empty() {
                let validation = DataValidation::new()
                    .allow_list_strings(column.choices)?
                    .set_error_title(column.header)?
                    .set_error_message(format!("请从下拉列表选：{}", column.choices.join("、")))?;
                let last = if sheet.name == synonyms::MEETING {
                    1
                } else {
                    VALIDATED_ROWS
                };
                worksheet.add_data_validation(1, c, last, c, &validation)?;
            }
        }
        worksheet.set_freeze_panes(1, 0)?;
        // Printed on A4 landscape, as wide as one page, the header on every page.
        worksheet.set_landscape();
        worksheet.set_paper_size(9);
        worksheet.set_print_fit_to_pages(1, 0);
        worksheet.set_repeat_rows(0, 0)?;
        let example_body = body
            .clone()
            .set_italic()
            .set_font_color(Color::RGB(0x808080));
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            // The template's example rows in grey italics, beside their 【示例】 mark.
            let example = row
                .iter()
                .any(|cell| matches!(cell, Out::Text(t) if synonyms::marks_example(t)));
            let body = if example { &example_body } else { &body };
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Out::Text(value) if value.is_empty() => {
                        worksheet.write_blank(r, c, body)?;
                    }
                    Out::Text(value) => {
                        worksheet.write_string_with_format(r, c, value, body)?;
                    }
                    Out::Number(n) => {
                        worksheet.write_number_with_format(r, c, *n as f64, &number)?;
                    }
                    Out::Date(d) => {
                        let day = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )?;
                        worksheet.write_datetime_with_format(r, c, &day, &date)?;
                    }
                }
            }
        }
    }
    workbook
        .save_to_buffer()
        .context(tr!("无法生成工作簿", "Cannot make the workbook"))
}

/// One UTF-8 CSV file with a byte-order mark per sheet (Excel then reads it as UTF-8).
pub fn csv_files(sheets: &[SheetOut]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for SheetOut { sheet, extra, rows } in sheets {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        let own = sheet.columns.iter().map(|c| c.header);
        writer.write_record(own.chain(extra.iter().map(String::as_str)))?;
        for row in rows {
            writer.write_record(row.iter().map(|cell| match cell {
                Out::Text(t) => t.clone(),
                Out::Number(n) => n.to_string(),
                Out::Date(d) => d.format("%Y-%m-%d").to_string(),
            }))?;
        }
        files.push((format!("{}.csv", sheet.name), writer.into_inner()?));
    }
    Ok(files)
}

/// Writes the preparation at `path` in the form its name asks for; returns the files
/// written. An existing file is replaced only when `force`.
pub fn write_prepared(preparation: &Preparation, path: &Path, force: bool) -> Result<Vec<PathBuf>> {
    match Form::for_path(path)? {
        Form::Xlsx => {
            let bytes = workbook(&sheet_rows(preparation))?;
            write_new(path, &bytes, force)?;
            Ok(vec![path.to_path_buf()])
        }
        Form::Toml => {
            write_new(path, render_toml(preparation).as_bytes(), force)?;
            Ok(vec![path.to_path_buf()])
        }
        Form::CsvFolder => write_folder(&csv_files(&sheet_rows(preparation))?, path, force),
    }
}

/// Writes files into a folder (created when missing).
pub fn write_folder(files: &[(String, Vec<u8>)], dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| {
        tr!(
            "无法创建文件夹 {folder}",
            "Cannot create the folder {folder}",
            folder = dir.display()
        )
    })?;
    if !force && let Some((name, _)) = files.iter().find(|(name, _)| dir.join(name).exists()) {
        bail!(tr!(
            "{file} 已存在：加 --force 覆盖，或换一个文件夹",
            "{file} already exists: add --force to replace it, or choose another folder",
            file = dir.join(name).display()
        ));
    }
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        write_new(&path, bytes, true)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes a file under a temporary name and renames it into place, so a crash never leaves
/// half a workbook; an existing file is replaced only when `force`. (The command line makes
/// every created file readable by its owner only.)
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if !force && path.symlink_metadata().is_ok() {
        bail!(tr!(
            "{file} 已存在：加 --force 覆盖，或换一个文件名",
            "{file} already exists: add --force to replace it, or choose another file name",
            file = path.display()
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.with_context(|| {
        tr!(
            "无法写入 {file}",
            "Cannot write {file}",
            file = path.display()
        )
    })
}
