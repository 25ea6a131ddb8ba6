//! The follow-up ledger (问题整改台账, "four lists, one table"): one row per follow-up of
//! the units in the meeting, those raised in it and the earlier ones, with what the meeting
//! changed in each; as XLSX (for filing and printing on A4 landscape) and as CSV with a
//! byte-order mark and CR LF line ends (so Excel on Chinese Windows reads it as it writes).

use super::minutes::{Minutes, OfficialMinutes};
use super::{ExportError, Format, sentences};
use crate::domain::FollowUp;
use crate::labels::{FOLLOW_UP_FIELDS, Label, Lang, Named};
use chrono::{Datelike, FixedOffset, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format as Cell, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// The ledger's columns, in order: who, when raised, a follow-up's fields as every screen
/// and document names them, and what this meeting changed.
pub fn columns() -> Vec<&'static str> {
    let zh = |label: Label| label.text(Lang::Zh);
    let mut all: Vec<Label> = vec![
        Label::Number,
        Label::Official,
        Label::UnitAndPost,
        Label::RaisedOn,
    ];
    for field in FOLLOW_UP_FIELDS {
        all.push(field);
        if field == Label::Status {
            all.push(Label::ChangedInMeeting);
        }
    }
    all.into_iter().map(zh).collect()
}

/// Column widths in Excel's units (a digit of the 11 pt default font, 7 pixels): a 10.5 pt
/// Chinese character takes two. Chosen so that the columns print on two A4 landscape pages
/// with the first three repeated on the second, every header on one line.
const WIDTHS: [f64; 18] = [
    5.0, 8.0, 14.0, 10.5, 8.5, 8.5, 16.0, 13.0, 15.0, 8.5, 8.0, 10.5, 8.5, 13.0, 6.0, 16.5, 9.0,
    9.0,
];
/// The width of an extra column (the prep's own, after the ledger's).
const EXTRA_WIDTH: f64 = 12.0;
/// Columns repeated on every printed page: 序号, 述责对象, 单位职务.
const REPEATED: u16 = 3;
/// Excel adds 5 pixels to every column: in the same units.
const PADDING: f64 = 5.0 / 7.0;
/// The printable width of A4 landscape with 0.4 inch side margins is 149 units; 116 are
/// used, so that where the default font is wider than Calibri (LibreOffice without Carlito
/// draws DejaVu Sans, whose digits make every unit about a quarter wider) the two pages'
/// fit shrinks the text by no more than a few percent (measured by `tests/readers.rs`).
const PAGE_WIDTH: f64 = 116.0;
/// Text size: 五号, 10.5 pt (at least 9 pt printed, whatever the default font).
const FONT_SIZE: f64 = 10.5;
/// The East Asian font of every cell.
const FONT: &str = "仿宋";
/// GB2312: marks the font as the one for Chinese text.
const CHARSET_GB2312: u8 = 134;

/// The columns holding 提出时间 and the deadline, written as real dates in XLSX.
const RAISED: usize = 3;
const DEADLINE: usize = 11;

/// One ledger row: the cells as text, the number and the dates as such.
pub struct Row {
    pub cells: Vec<String>,
    pub number: usize,
    /// 提出时间: the meeting's day for what it raised, the day written for a 会后补记.
    pub raised: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
}

/// The rows of the ledger: per official in agenda order, this meeting's follow-ups, then
/// the unit's earlier ones. `day`: the day the meeting was held, in the room's time;
/// `offset`: the room's time.
pub fn rows(minutes: &Minutes, day: NaiveDate, offset: FixedOffset) -> Vec<Row> {
    let extra = extra_columns(minutes);
    let mut rows = Vec::new();
    for official in &minutes.officials {
        let raised = official.follow_ups.iter().map(|f| (f, true));
        let earlier = official.earlier_follow_ups.iter().map(|f| (f, false));
        for (f, this_meeting) in raised.chain(earlier) {
            let number = rows.len() + 1;
            let late_at = official
                .raised_at(f.id)
                .filter(|at| this_meeting && official.is_late(*at));
            let raised = match (this_meeting, late_at) {
                (true, Some(at)) => Some(at.with_timezone(&offset).date_naive()),
                (true, None) => Some(day),
                (false, _) => f.raised_on,
            };
            let mut cells = cells(minutes, official, f, this_meeting, number, raised);
            cells.extend(extra.iter().map(|header| {
                let field = f.extra.iter().find(|e| e.label == *header);
                field.map(|e| e.value.clone()).unwrap_or_default()
            }));
            rows.push(Row {
                cells,
                number,
                raised,
                deadline: f.deadline,
            });
        }
    }
    rows
}

/// The headers of the follow-ups' extra fields (the prep's columns the program has no
/// field for), in the order first met: the ledger's last columns.
pub fn extra_columns(minutes: &Minutes) -> Vec<String> {
    let mut headers: Vec<String> = Vec::new();
    for official in &minutes.officials {
        let all = official
            .follow_ups
            .iter()
            .chain(&official.earlier_follow_ups);
        for field in all.flat_map(|f| &f.extra) {
            if !headers.contains(&field.label) {
                headers.push(field.label.clone());
            }
        }
    }
    headers
}

/// The ledger's header row: its own columns, then the extra ones.
fn header_row(minutes: &Minutes) -> Vec<String> {
    let own = columns().into_iter().map(String::from);
    own.chain(extra_columns(minutes)).collect()
}

fn cells(
    minutes: &Minutes,
    official: &OfficialMinutes,
    f: &FollowUp,
    this_meeting: bool,
    number: usize,
    raised: Option<NaiveDate>,
) -> Vec<String> {
    // Raised after 散会: a 会后补记, not a decision of the meeting (said in 本次会议更新).
    let late = this_meeting
        && official
            .raised_at(f.id)
            .is_some_and(|at| official.is_late(at));
    let mut cells = vec![
        number.to_string(),
        official.slot.name.clone(),
        official.unit_post(),
        raised
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    ];
    let mut fields = fields(f).into_iter();
    // Source to status, what this meeting changed, then 抄送.
    cells.extend(fields.by_ref().take(FIELDS - 1));
    cells.push(if late {
        "会后补记".to_string()
    } else {
        checked(official, f, this_meeting, change(minutes, f, this_meeting))
    });
    cells.extend(fields);
    cells.push(question_note(official, f));
    cells
}

/// A follow-up's own fields, as `FOLLOW_UP_FIELDS` names them, up to 抄送 (备注 is the
/// ledger's).
const FIELDS: usize = 12;

fn fields(f: &FollowUp) -> [String; FIELDS] {
    [
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
    ]
}

/// 本次会议更新: each field this meeting changed, before → after, as
/// "整改时限：2027-03-31→2027-06-30；整改状态：整改中→已完成".
fn change(minutes: &Minutes, f: &FollowUp, this_meeting: bool) -> String {
    if this_meeting {
        return "本次会议提出".into();
    }
    let Some(before) = minutes.before(f.id) else {
        return "未更新".into();
    };
    let blank = |text: &str| {
        if text.trim().is_empty() {
            "（未填写）".to_string()
        } else {
            text.to_string()
        }
    };
    let parts: Vec<String> = FOLLOW_UP_FIELDS
        .iter()
        .zip(fields(&before.state).iter().zip(fields(f).iter()))
        .filter(|(_, (old, new))| old != new)
        .map(|(label, (old, new))| {
            format!("{}：{}→{}", label.text(Lang::Zh), blank(old), blank(new))
        })
        .collect();
    if parts.is_empty() {
        "已核实，未变化".into()
    } else {
        parts.join("；")
    }
}

/// An earlier follow-up's check in this meeting, before what else the meeting changed, and
/// the working days it is overdue on the meeting's day (counted as the record counts them):
/// "核查：逾期：仍在推进（2027-01-12核查）；逾期10个工作日" (with "；未更新" left out).
fn checked(official: &OfficialMinutes, f: &FollowUp, this_meeting: bool, change: String) -> String {
    if this_meeting {
        return change;
    }
    let standing = official.standing();
    let mut parts = Vec::new();
    if let Some(check) = standing
        .check(f.id)
        .filter(|c| Some(c.checked_on) == official.meeting_day)
    {
        parts.push(format!(
            "{}{}",
            sentences::LEDGER_CHECK.words,
            crate::labels::check_line(Lang::Zh, check)
        ));
    }
    let days = standing.overdue_days(f);
    if days > 0 {
        parts.push(format!(
            "逾期{days}{}",
            sentences::LEDGER_OVERDUE_DAYS.words
        ));
    }
    if parts.is_empty() || change != "未更新" {
        parts.push(change);
    }
    parts.join("；")
}

/// 备注: the question a follow-up came from, when the recorder gave 提问 as its source and
/// picked the question.
fn question_note(official: &OfficialMinutes, f: &FollowUp) -> String {
    use super::sentences::{Fact, Facts, LEDGER_FROM_QUESTION};
    let facts = Facts::default().with(
        Fact::FollowUpFromQuestion,
        f.source == crate::domain::FollowUpSource::Question && f.question.is_some(),
    );
    let Some(id) = f.question.filter(|_| facts.allow(LEDGER_FROM_QUESTION)) else {
        return String::new();
    };
    official
        .questions
        .iter()
        .find(|q| q.question.id == id)
        .map(|q| format!("源自{}提问：{}", q.question.asker, q.question.text))
        .unwrap_or_default()
}

/// The ledger in `format`; `day` and `offset` as for `rows`.
pub fn render(
    minutes: &Minutes,
    format: Format,
    day: NaiveDate,
    offset: FixedOffset,
) -> Result<Vec<u8>, ExportError> {
    let rows = rows(minutes, day, offset);
    let result = match format {
        Format::Csv => csv(&header_row(minutes), &rows).map_err(|e| e.to_string()),
        _ => xlsx(minutes, &rows).map_err(|e| e.to_string()),
    };
    result.map_err(|message| ExportError::Render { format, message })
}

fn csv(header: &[String], rows: &[Row]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.cells.iter().map(|cell| as_text(cell).into_owned()))?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) or that begins
/// with a tab or carriage return, led by an apostrophe so that Excel and LibreOffice show
/// it as text: a follow-up typed as `=HYPERLINK(…)` never becomes a live link. (The XLSX
/// ledger writes every cell as a string and needs no mark.)
fn as_text(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Row height in points for wrapped text: one 14.5 pt line per line the fullest cell needs.
/// Measured as the Chinese font draws it: ambiguous characters (→ “ ”) two units wide, and
/// a unit less per line for what the wrap wastes at a date or number it does not break.
fn height_of(cells: &[String]) -> f64 {
    let lines = cells
        .iter()
        .zip(WIDTHS)
        .map(|(cell, width)| {
            cell.lines()
                .map(|l| {
                    (l.width_cjk() as f64 / (width - 2.0).max(1.0))
                        .ceil()
                        .max(1.0)
                })
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    14.5 * lines + 2.0
}

/// Where the printed pages divide the columns: each page as full as it can be, the
/// repeated columns counted on every page after the first.
fn page_breaks() -> Vec<u32> {
    let repeated: f64 = WIDTHS[..REPEATED as usize]
        .iter()
        .map(|w| w + PADDING)
        .sum();
    let mut breaks = Vec::new();
    let mut used = 0.0;
    for (column, width) in WIDTHS.iter().map(|w| w + PADDING).enumerate() {
        if used + width > PAGE_WIDTH {
            breaks.push(column as u32);
            used = repeated;
        }
        used += width;
    }
    breaks
}

fn cell_format() -> Cell {
    Cell::new()
        .set_font_name(FONT)
        .set_font_charset(CHARSET_GB2312)
        .set_font_size(FONT_SIZE)
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

fn xlsx(minutes: &Minutes, rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("整改台账")?;
    let header = cell_format().set_bold().set_align(FormatAlign::Center);
    let text = cell_format().set_align(FormatAlign::Left);
    let centred = cell_format().set_align(FormatAlign::Center);
    let date = centred.clone().set_num_format("yyyy-mm-dd");
    let number = centred.clone().set_num_format("0");
    let columns = header_row(minutes);
    for (column, name) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, name, &header)?;
        let width = WIDTHS.get(column).copied().unwrap_or(EXTRA_WIDTH);
        sheet.set_column_width(column as u16, width)?;
    }
    sheet.set_row_height(0, height_of(&columns))?;
    for (index, row) in rows.iter().enumerate() {
        let r = index as u32 + 1;
        sheet.set_row_height(r, height_of(&row.cells).min(MAX_ROW_HEIGHT))?;
        for (column, cell) in row.cells.iter().enumerate() {
            let c = column as u16;
            let day = match column {
                RAISED => row.raised,
                DEADLINE => row.deadline,
                _ => None,
            };
            match (column, day) {
                (0, _) => sheet.write_number_with_format(r, c, row.number as f64, &number)?,
                (_, Some(d)) => {
                    let day =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_date_with_format(r, c, &day, &date)?
                }
                (3, _) => sheet.write_string_with_format(r, c, fit_cell(cell), &centred)?,
                _ => sheet.write_string_with_format(r, c, fit_cell(cell), &text)?,
            };
        }
    }
    sheet.set_freeze_panes(1, REPEATED)?;
    sheet.autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)?;
    let title = title(minutes);
    print_setup(sheet, &title, &minutes.mark)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author(&minutes.meeting.recorder),
    );
    book.save_to_buffer()
}

/// Excel's tallest row, in points.
const MAX_ROW_HEIGHT: f64 = 409.0;
/// Excel's most characters in one cell.
const CELL_LIMIT: usize = 32_767;
/// Ends a cell cut to Excel's limit: the CSV ledger and the documents hold the whole text.
const CUT_MARK: &str =
    "……【此格超出 Excel 单元格上限 32767 字，以下从略；全文见 CSV 台账和会议记录】";

/// A cell's text as Excel can hold it: cut with a visible mark past 32,767 characters
/// (counted as Excel counts them, in UTF-16 units), where writing it whole would fail the
/// whole workbook.
fn fit_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.encode_utf16().count() <= CELL_LIMIT {
        return cell.into();
    }
    let room = CELL_LIMIT - CUT_MARK.encode_utf16().count();
    let mut kept = String::new();
    let mut units = 0;
    for c in cell.chars() {
        units += c.len_utf16();
        if units > room {
            break;
        }
        kept.push(c);
    }
    kept.push_str(CUT_MARK);
    kept.into()
}

/// "某县…会议问题整改台账", with "（草稿）" before 散会: the page header and the file's title.
pub fn title(minutes: &Minutes) -> String {
    let draft = if minutes.is_draft() {
        Label::Draft.text(Lang::Zh)
    } else {
        ""
    };
    format!("{}问题整改台账{draft}", minutes.meeting.title)
}

/// A4 landscape, the header row and the first columns on every page, the columns divided
/// between two pages and printed across then down (each page of rows' left half followed
/// by its right half), fitted to two pages wide where a machine's fonts make the columns
/// wider than they are with Calibri's metrics.
fn print_setup(sheet: &mut Worksheet, title: &str, mark: &str) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_margins(0.4, 0.4, 0.7, 0.6, 0.3, 0.3);
    sheet.set_print_fit_to_pages(2, 0);
    sheet.set_page_order(false);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_repeat_columns(0, REPEATED - 1)?;
    sheet.set_vertical_page_breaks(&page_breaks())?;
    // The classification line at the left of the print header.
    let left = match mark.is_empty() {
        true => String::new(),
        false => format!("&L&\"{FONT}\"&11{}", mark.replace('&', "&&")),
    };
    sheet.set_header(format!(
        "{left}&C&\"{FONT}\"&12{}",
        title.replace('&', "&&")
    ));
    sheet.set_footer(format!("&C&\"{FONT}\"&11第 &P 页，共 &N 页"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_past_excels_limit_is_cut_with_a_mark_and_no_other_is() {
        let long = "问".repeat(40_000) + "𠀀";
        let fitted = fit_cell(&long);
        assert_eq!(fitted.encode_utf16().count(), CELL_LIMIT);
        assert!(fitted.ends_with(CUT_MARK));
        let whole = "问".repeat(CELL_LIMIT);
        assert_eq!(fit_cell(&whole), whole.as_str());
    }

    #[test]
    fn a_long_change_gets_the_lines_the_chinese_font_needs() {
        // Four fields corrected: eight lines of the 16.5-unit column (six of the 24 units
        // it had when the ledger printed at 100% only with Calibri's metrics).
        let mut cells = vec![String::new(); WIDTHS.len()];
        cells[15] = "责任人：张某→李某某；完成时限：2026-12-31→2027-06-30；\
                     进展情况：（未填写）→已完成全部谈话；状态：整改中→已完成"
            .to_string();
        assert_eq!(height_of(&cells), 14.5 * 8.0 + 2.0);
        assert_eq!(height_of(&vec![String::new(); WIDTHS.len()]), 14.5 + 2.0);
    }
}
