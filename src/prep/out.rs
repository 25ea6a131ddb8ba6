//! A meeting's preparation written back out, as a workbook, a folder of CSV files or a TOML
//! prep file, so that it reads back as the same meeting (`shuze export-prep`); the template
//! is the same workbook with two example rows per sheet.

use super::Preparation;
use super::cells::numbered_cell;
use super::synonyms::{self, Key, SHEETS, Sheet};
use crate::domain::{Id, Word};
use crate::messages::tr;
use crate::storage::{StorageError, Store};
use crate::view::{PreparedMeeting, PreparedOfficial, PreparedQuestion};
use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, ExcelDateTime, Format, FormatAlign, FormatBorder, Note, Workbook,
};
use std::path::{Path, PathBuf};

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

/// The preparation of meeting `meeting` as it stands in the file: what an import wrote,
/// with the earlier follow-ups' progress as updated since. Questions raised on the spot are
/// not part of the preparation.
pub fn from_store(store: &Store, meeting: Id) -> Result<Preparation, StorageError> {
    let header = store.meeting(meeting)?;
    // As prepared: an attendee's arrival and leaving are recorded at the meeting.
    let attendees = store
        .attendees(meeting)?
        .into_iter()
        .map(|a| crate::domain::Attendee {
            id: 0,
            arrived_at: None,
            left_at: None,
            ..a
        })
        .collect();
    let mut officials = Vec::new();
    for slot in store.agenda(meeting)? {
        let detail = store.slot_detail(slot.id)?;
        let earlier_follow_ups = store
            .prepared_follow_ups(slot.id)?
            .into_iter()
            .map(|f| crate::domain::FollowUp { id: 0, ..f })
            .collect();
        officials.push(PreparedOfficial {
            questions: detail
                .questions
                .iter()
                .filter(|q| q.prepared)
                .map(|q| PreparedQuestion {
                    asker: q.asker.clone(),
                    text: q.text.clone(),
                })
                .collect(),
            duty_items: detail
                .duty_items
                .into_iter()
                .map(|d| crate::domain::DutyItem { id: 0, ..d })
                .collect(),
            risk_points: detail
                .risk_points
                .into_iter()
                .map(|r| crate::domain::RiskPoint { id: 0, ..r })
                .collect(),
            earlier_follow_ups,
            portrait: store
                .portrait_of_slot(slot.id)?
                .into_iter()
                .map(|f| crate::domain::PortraitFinding { id: 0, ..f })
                .collect(),
            talks: store
                .talks_of_slot(slot.id)?
                .into_iter()
                .map(|t| crate::domain::ReminderTalk { id: 0, ..t })
                .collect(),
            slot: crate::domain::AgendaSlot {
                id: 0,
                stage: Default::default(),
                skip_reason: String::new(),
                ..slot
            },
        });
    }
    let office = store
        .setting(&super::office_key(meeting))?
        .unwrap_or_default();
    let issue = store
        .setting(&super::issue_key(meeting))?
        .and_then(|i| i.parse().ok());
    let rating = store
        .setting(&crate::storage::rating_scheme_key(meeting))?
        .and_then(|json| serde_json::from_str(&json).ok());
    Ok(Preparation {
        prepared: PreparedMeeting {
            meeting: crate::domain::Meeting {
                id: 0,
                finished_at: None,
                ..header
            },
            title_at: (1, 1),
            attendees,
            officials,
        },
        office,
        issue,
        mark: store.export_mark(meeting)?.unwrap_or_default(),
        rating,
        title_within: None,
        warnings: Vec::new(),
    })
}

/// Every sheet's rows (without the header), in the table's column order.
pub fn sheet_rows(preparation: &Preparation) -> Vec<(&'static Sheet, Vec<Vec<Out>>)> {
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
pub fn workbook(sheets: &[(&'static Sheet, Vec<Vec<Out>>)]) -> Result<Vec<u8>> {
    workbook_with(sheets, &[])
}

/// The workbook with a first sheet 填表说明 of these lines (none when empty).
pub fn workbook_with(
    sheets: &[(&'static Sheet, Vec<Vec<Out>>)],
    instructions: &[String],
) -> Result<Vec<u8>> {
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
    for (sheet, rows) in sheets {
        let worksheet = workbook.add_worksheet();
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
pub fn csv_files(sheets: &[(&'static Sheet, Vec<Vec<Out>>)]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for (sheet, rows) in sheets {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        writer.write_record(sheet.columns.iter().map(|c| c.header))?;
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

/// A TOML string, quoted and escaped.
fn q(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// `[rating]` and its rules as the prep file writes them.
fn rating_toml(scheme: &crate::domain::rating_rules::RatingScheme) -> String {
    let list = |items: &[String]| items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ");
    let mut out = format!(
        "\n[rating]\ngrades = [{}]\ngroups = [{}]\n",
        list(&scheme.grades),
        list(&scheme.groups)
    );
    for rule in &scheme.rules {
        out.push_str(&format!("\n[[rating.rule]]\nwhen = {}\n", q(&rule.when)));
        if let Some(group) = &rule.group {
            out.push_str(&format!("group = {}\n", q(group)));
        }
        out.push_str(&format!(
            "result = {}\nconsequence = {}\n",
            q(&rule.result),
            q(&rule.consequence)
        ));
    }
    out
}

/// The preparation as a TOML prep file.
pub fn render_toml(preparation: &Preparation) -> String {
    let p = &preparation.prepared;
    let m = &p.meeting;
    let mut out = String::from(
        "# 述责述廉会议准备文件（由 shuze export-prep 写出）。格式说明见 README.md「准备文件格式」一节。\n\n[meeting]\n",
    );
    out.push_str(&format!("title = {}\ndate = {}\n", q(&m.title), m.held_on));
    if let Some(start) = m.starts_at {
        out.push_str(&format!(
            "start = {}\n",
            q(&start.format("%H:%M").to_string())
        ));
    }
    out.push_str(&format!(
        "place = {}\nchair = {}\nchair_post = {}\nrecorder = {}\n",
        q(&m.place),
        q(&m.chair),
        q(&m.chair_post),
        q(&m.recorder)
    ));
    let scrutineers: Vec<String> = m.scrutineers.iter().map(|s| q(s)).collect();
    out.push_str(&format!("scrutineers = [{}]\n", scrutineers.join(", ")));
    let a = &m.allotments;
    out.push_str(&format!(
        "minutes = {{ questions = {}, remarks = {}, rating = {}, follow_ups = {} }}\n",
        a.questions, a.remarks, a.rating, a.follow_ups
    ));
    if !preparation.office.is_empty() {
        out.push_str(&format!("office = {}\n", q(&preparation.office)));
    }
    if let Some(issue) = preparation.issue {
        out.push_str(&format!("issue = {issue}\n"));
    }
    if !preparation.mark.is_empty() {
        out.push_str(&format!("mark = {}\n", q(&preparation.mark)));
    }
    if let Some(scheme) = &preparation.rating {
        out.push_str(&rating_toml(scheme));
    }
    for attendee in &p.attendees {
        out.push_str(&format!(
            "\n[[attendee]]\nname = {}\npost = {}\nattendance = {}\nreason = {}\n",
            q(&attendee.name),
            q(&attendee.post),
            q(zh(attendee.attendance, synonyms::ATTENDANCE)),
            q(&attendee.reason)
        ));
    }
    for o in &p.officials {
        let s = &o.slot;
        out.push_str(&format!(
            "\n[[official]]\nposition = {}\nname = {}\nunit = {}\npost = {}\nsupervisor = {}\nreport_minutes = {}\nwritten_only = {}\n",
            s.position,
            q(&s.name),
            q(&s.unit),
            q(&s.post),
            q(&s.supervisor),
            s.report_minutes,
            s.written_only
        ));
        for d in &o.duty_items {
            out.push_str(&format!(
                "\n[[official.duty]]\nsource = {}\nquarter = {}\ntext = {}\nprogress = {}\nstatus = {}\n",
                q(zh(d.source, synonyms::DUTY_SOURCES)),
                q(&d.quarter),
                q(&d.text),
                q(&d.progress),
                q(zh(d.status, synonyms::DUTY_STATUSES))
            ));
        }
        for r in &o.risk_points {
            let list = |items: &[String]| items.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ");
            out.push_str(&format!(
                "\n[[official.risk]]\ntext = {}\nlevel = {}\nmeasures = [{}]\nrules = [{}]\n",
                q(&r.text),
                q(zh(r.level, synonyms::RISK_LEVELS)),
                list(&r.measures),
                list(&r.rules)
            ));
        }
        for f in &o.portrait {
            out.push_str(&format!(
                "\n[[official.portrait]]\ndimension = {}\nproblem = {}\nsuggestion = {}\n",
                q(zh(f.dimension, synonyms::DIMENSIONS)),
                q(&f.problem),
                q(&f.suggestion)
            ));
        }
        for t in &o.talks {
            out.push_str(&format!(
                "\n[[official.talk]]\ndate = {}\ntalker = {}\ncontent = {}\n",
                t.held_on.format("%Y-%m-%d"),
                q(&t.talker),
                q(&t.content)
            ));
        }
        for question in &o.questions {
            out.push_str(&format!(
                "\n[[official.question]]\nasker = {}\ntext = {}\n",
                q(&question.asker),
                q(&question.text)
            ));
        }
        for f in &o.earlier_follow_ups {
            out.push_str(&format!(
                "\n[[official.earlier_follow_up]]\nsource = {}\ncategory = {}\nproblem = {}\ntask = {}\nmeasure = {}\nlead = {}\nowner = {}\n",
                q(zh(f.source, synonyms::FOLLOW_UP_SOURCES)),
                q(&f.category),
                q(&f.problem),
                q(&f.task),
                q(&f.measure),
                q(&f.lead),
                q(&f.owner)
            ));
            if let Some(deadline) = f.deadline {
                out.push_str(&format!("deadline = {deadline}\n"));
            }
            out.push_str(&format!(
                "mode = {}\nprogress = {}\nstatus = {}\ncopied_to = {}\n",
                q(zh(f.mode, synonyms::FOLLOW_UP_MODES)),
                q(&f.progress),
                q(zh(f.status, synonyms::FOLLOW_UP_STATUSES)),
                q(&f.copied_to)
            ));
            if let Some(raised) = f.raised_on {
                out.push_str(&format!("raised_on = {raised}\n"));
            }
            if !f.key.is_empty() {
                out.push_str(&format!("key = {}\n", q(&f.key)));
            }
        }
    }
    out
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
