//! The follow-up ledger (问题整改台账, "four lists, one table"): one row per follow-up raised
//! in the meeting, as XLSX (for filing and printing) and as CSV with a byte-order mark (so
//! Excel on Chinese Windows reads it as UTF-8).

use super::minutes::Minutes;
use super::{ExportError, Format};
use crate::domain::FollowUp;
use crate::labels::{FOLLOW_UP_FIELDS, Label, Lang, Named};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    ExcelDateTime, Format as Cell, FormatAlign, FormatBorder, Workbook, XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// The ledger's columns, in order: who, then a follow-up's fields as every screen and
/// document names them.
pub fn columns() -> Vec<&'static str> {
    let zh = |label: Label| label.text(Lang::Zh);
    [Label::Number, Label::Official, Label::UnitAndPost]
        .into_iter()
        .chain(FOLLOW_UP_FIELDS)
        .map(zh)
        .collect()
}

/// The column holding the deadline, written as a real date in XLSX.
const DEADLINE: usize = 10;

/// One ledger row: the cells as text, and the deadline as a date.
pub struct Row {
    pub cells: Vec<String>,
    pub deadline: Option<NaiveDate>,
}

/// The rows of the ledger, in agenda order.
pub fn rows(minutes: &Minutes) -> Vec<Row> {
    let mut rows = Vec::new();
    for official in &minutes.officials {
        for f in &official.follow_ups {
            let note = question_note(official, f);
            let cells = vec![
                (rows.len() + 1).to_string(),
                official.slot.name.clone(),
                official.unit_post(),
                f.source.name(Lang::Zh).to_string(),
                f.category.clone(),
                f.problem.clone(),
                f.task.clone(),
                f.measure.clone(),
                f.lead.clone(),
                f.owner.clone(),
                f.deadline
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                f.mode.name(Lang::Zh).to_string(),
                f.progress.clone(),
                f.status.name(Lang::Zh).to_string(),
                f.copied_to.clone(),
                note,
            ];
            rows.push(Row {
                cells,
                deadline: f.deadline,
            });
        }
    }
    rows
}

/// 备注: the question a follow-up came from.
fn question_note(official: &super::minutes::OfficialMinutes, f: &FollowUp) -> String {
    let Some(id) = f.question else {
        return String::new();
    };
    official
        .questions
        .iter()
        .find(|q| q.question.id == id)
        .map(|q| format!("源自{}提问：{}", q.question.asker, q.question.text))
        .unwrap_or_default()
}

pub fn render(minutes: &Minutes, format: Format) -> Result<Vec<u8>, ExportError> {
    let rows = rows(minutes);
    let result = match format {
        Format::Csv => csv(&rows).map_err(|e| e.to_string()),
        _ => xlsx(minutes, &rows).map_err(|e| e.to_string()),
    };
    result.map_err(|message| ExportError::Render { format, message })
}

fn csv(rows: &[Row]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(columns())?;
    for row in rows {
        writer.write_record(&row.cells)?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// Column width in Excel's character units: a Chinese character counts two.
/// Columns of running text get room for a phrase and wrap; the others fit their longest
/// entry. Widths are in Excel's character units, where a Chinese character counts two.
fn width_of(rows: &[Row], column: usize) -> f64 {
    let longest = rows
        .iter()
        .flat_map(|r| r.cells[column].lines().map(|l| l.width()).max())
        .chain([columns()[column].width()])
        .max()
        .unwrap_or(4);
    let widest = if TEXT_COLUMNS.contains(&column) {
        24.0
    } else {
        16.0
    };
    (longest as f64 + 2.0).clamp(6.0, widest)
}

/// 问题描述, 整改任务, 整改措施, 进展情况, 备注: running text.
const TEXT_COLUMNS: [usize; 5] = [5, 6, 7, 12, 15];

/// Row height in points for wrapped text: one 15 pt line per line the widest cell needs.
fn height_of(row: &Row, widths: &[f64]) -> f64 {
    let lines = row
        .cells
        .iter()
        .zip(widths)
        .map(|(cell, &width)| {
            cell.lines()
                .map(|l| (l.width() as f64 / (width - 1.0).max(1.0)).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    15.0 * lines
}

fn xlsx(minutes: &Minutes, rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("整改台账")?;
    let border = FormatBorder::Thin;
    let header = Cell::new()
        .set_bold()
        .set_border(border)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let text = Cell::new()
        .set_border(border)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let date = text.clone().set_num_format("yyyy-mm-dd");
    let columns = columns();
    let widths: Vec<f64> = (0..columns.len()).map(|c| width_of(rows, c)).collect();
    for (column, name) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *name, &header)?;
        sheet.set_column_width(column as u16, widths[column])?;
    }
    for (index, row) in rows.iter().enumerate() {
        let r = index as u32 + 1;
        sheet.set_row_height(r, height_of(row, &widths))?;
        for (column, cell) in row.cells.iter().enumerate() {
            match (column, row.deadline) {
                (DEADLINE, Some(d)) => {
                    let day =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_date_with_format(r, column as u16, &day, &date)?
                }
                _ => sheet.write_string_with_format(r, column as u16, cell, &text)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_header(format!(
        "&C{}问题整改台账",
        minutes.meeting.title.replace('&', "&&")
    ));
    sheet.set_footer("&C第 &P 页，共 &N 页");
    book.save_to_buffer()
}
