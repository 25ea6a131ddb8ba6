//! Reading an XLSX workbook (Excel, WPS, LibreOffice) into grids with calamine: each sheet's
//! cells at their own row and column, merged cells spread over the cells they cover.

use super::ImportError;
use super::Within;
use super::cells::{Grid, Value};
use crate::messages::tr;
use calamine::{Data, Reader, SheetVisible, Xlsx};
use std::io::Cursor;
use std::path::Path;

/// A sheet bigger than this many rows or columns is not a preparation table: refused
/// (naming its last cell) before its grid is laid out, not cut short.
const MOST_ROWS: u32 = 100_000;
const MOST_COLUMNS: u32 = 200;
/// The most cells (rows × columns up to the last cell used) a sheet's grid may have.
const MOST_CELLS: u64 = 3_000_000;

/// True when the bytes are a zip package (an XLSX, whatever its name).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Every sheet of the workbook, hidden ones marked.
pub fn read_workbook(
    path: &Path,
    bytes: Vec<u8>,
    extension: &str,
) -> Result<Vec<Grid>, ImportError> {
    let unreadable = |message: String| ImportError::Unreadable {
        path: path.to_path_buf(),
        message,
    };
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || extension == "xls" || extension == "et" {
        return Err(unreadable(tr!(
            "这是旧版 Excel 97-2003 工作簿（.xls）、WPS 表格（.et）或加了密码的工作簿，不能直接读取：\
             请在 Excel 或 WPS 中打开，「另存为」Excel 工作簿（*.xlsx）且不设密码，再导入 .xlsx 文件",
            "This is an old Excel 97-2003 workbook (.xls), a WPS spreadsheet (.et) or a workbook with a password, which cannot be read directly: open it in Excel or WPS, \"Save As\" an Excel workbook (*.xlsx) without a password, then import the .xlsx file"
        )));
    }
    if extension == "ods" {
        return Err(unreadable(tr!(
            "这是 OpenDocument 表格（.ods）：请在 LibreOffice Calc 中「另存为」Excel 2007-365 (.xlsx)，\
             再导入 .xlsx 文件",
            "This is an OpenDocument spreadsheet (.ods): in LibreOffice Calc, \"Save As\" Excel 2007-365 (.xlsx), then import the .xlsx file"
        )));
    }
    if !is_workbook(&bytes) {
        let looks_like_text = bytes.iter().take(4096).all(|b| *b >= 0x09 && *b != 0x7f);
        let hint = if looks_like_text {
            tr!(
                "它的内容是文本（看起来是 CSV）：请把扩展名改为 .csv，和其他表的 CSV 放进同一个文件夹后导入该文件夹，\
                 或在 Excel/WPS 中打开后另存为 .xlsx",
                "its content is text (it looks like CSV): change the extension to .csv, put it in one folder with the CSV files of the other sheets and import that folder, or open it in Excel/WPS and save it as .xlsx"
            )
        } else {
            tr!(
                "文件可能已损坏或不是表格：请在 Excel/WPS 中打开确认，再另存为 .xlsx",
                "the file may be damaged or not a spreadsheet: open it in Excel/WPS to check, then save it as .xlsx"
            )
        };
        return Err(unreadable(tr!(
            "扩展名是 .{extension}，但内容不是 Excel 工作簿；{hint}",
            "The extension is .{extension}, but the content is not an Excel workbook; {hint}",
            extension = extension,
            hint = hint
        )));
    }
    let hidden_rows = super::package::inspect(&bytes).map_err(unreadable)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        unreadable(tr!(
            "无法读取工作簿：{error}；请在 Excel/WPS 中打开后重新保存为 .xlsx",
            "Cannot read the workbook: {error}; open it in Excel/WPS and save it again as .xlsx",
            error = e
        ))
    })?;
    let sheets: Vec<(String, bool)> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let mut grids = Vec::new();
    for (name, hidden) in sheets {
        let range = workbook.worksheet_range(&name).map_err(|e| {
            unreadable(tr!(
                "无法读取工作表「{name}」：{error}",
                "Cannot read the sheet '{name}': {error}",
                name = name,
                error = e
            ))
        })?;
        let mut rows: Vec<Vec<Value>> = Vec::new();
        if let (Some(start), Some(end)) = (range.start(), range.end()) {
            let (last_row, last_column) = end;
            let cells = (u64::from(last_row) + 1) * (u64::from(last_column) + 1);
            if last_row >= MOST_ROWS || last_column >= MOST_COLUMNS || cells > MOST_CELLS {
                return Err(unreadable(tr!(
                    "工作表「{name}」用到了第 {row} 行第 {column} 列（{cell}），超出准备表的上限（{rows} 行、{columns} 列、{cells} 个单元格）：\
                     请删去表格右边和下面不用的行列（选中后「删除」，不是清除内容），或把内容分到几张表",
                    "The sheet '{name}' reaches row {row}, column {column} ({cell}), beyond what a preparation may have ({rows} rows, {columns} columns, {cells} cells): delete the unused rows and columns to the right and below (select them and \"Delete\", not clear their contents), or spread the content over several sheets",
                    name = name,
                    row = last_row + 1,
                    column = super::column_letters(last_column as usize + 1),
                    cell = format!(
                        "{}{}",
                        super::column_letters(last_column as usize + 1),
                        last_row + 1
                    ),
                    rows = MOST_ROWS,
                    columns = MOST_COLUMNS,
                    cells = MOST_CELLS
                )));
            }
            rows = vec![vec![Value::Empty; last_column as usize + 1]; last_row as usize + 1];
            let percent = percent_cells(&mut workbook, &name);
            for (r, c, data) in range.used_cells() {
                let (row, column) = (start.0 + r as u32, start.1 + c as u32);
                if row <= last_row && column <= last_column {
                    rows[row as usize][column as usize] = match data {
                        Data::Float(n) if percent.contains(&(row, column)) => {
                            Value::Text(format!("{}%", super::cells::shown_number(n * 100.0)))
                        }
                        Data::Int(n) if percent.contains(&(row, column)) => {
                            Value::Text(format!("{}%", n * 100))
                        }
                        data => value(data),
                    };
                }
            }
            // A formula saved without its value (written by a program, never opened in
            // Excel) reads as blank; it is named as the formula it is.
            if let Ok(formulas) = workbook.worksheet_formula(&name)
                && let Some(at) = formulas.start()
            {
                for (r, c, formula) in formulas.used_cells() {
                    let (row, column) = (at.0 + r as u32, at.1 + c as u32);
                    if let Some(cell) = rows
                        .get_mut(row as usize)
                        .and_then(|cells| cells.get_mut(column as usize))
                        && cell.is_empty()
                        && !formula.is_empty()
                    {
                        *cell = Value::Formula(format!("={}", formula.replace("_xlfn.", "")));
                    }
                }
            }
            let merged = workbook.merge_cells_by_sheet_name(&name).map_err(|e| {
                unreadable(tr!(
                    "无法读取工作表「{name}」的合并单元格：{error}",
                    "Cannot read the merged cells of the sheet '{name}': {error}",
                    name = name,
                    error = e
                ))
            })?;
            for region in &merged {
                let (top, left) = (region.start.0 as usize, region.start.1 as usize);
                let Some(first) = rows.get(top).and_then(|r| r.get(left)).cloned() else {
                    continue;
                };
                let bottom = (region.end.0 as usize).min(rows.len().saturating_sub(1));
                for row in rows.iter_mut().take(bottom + 1).skip(top) {
                    let right = (region.end.1 as usize).min(row.len().saturating_sub(1));
                    for cell in row.iter_mut().take(right + 1).skip(left) {
                        if cell.is_empty() {
                            *cell = first.clone();
                        }
                    }
                }
            }
        }
        let hidden_rows = hidden_rows
            .get(&name)
            .map(|rows| rows.iter().filter_map(|r| r.checked_sub(1)).collect())
            .unwrap_or_default();
        grids.push(Grid {
            within: Within::Sheet(name),
            rows,
            hidden,
            fill_owner_down: false,
            hidden_rows,
        });
    }
    Ok(grids)
}

/// The cells of a sheet shown as percentages (a number format with `%`), so 85 % reads as
/// 85%, not 0.85.
fn percent_cells(
    workbook: &mut Xlsx<Cursor<Vec<u8>>>,
    name: &str,
) -> std::collections::HashSet<(u32, u32)> {
    let Ok(styles) = workbook.worksheet_style(name) else {
        return Default::default();
    };
    styles
        .cells()
        .filter(|(_, _, style)| {
            style
                .number_format
                .as_ref()
                // Built-in formats 9 (0%) and 10 (0.00%) carry no code of their own.
                .is_some_and(|f| f.format_code.contains('%') || matches!(f.format_id, Some(9 | 10)))
        })
        .map(|(row, column, _)| (row, column))
        .collect()
}

fn value(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(text) => Value::Text(text.clone()),
        Data::Int(n) => Value::Number(*n as f64),
        Data::Float(n) => Value::Number(*n),
        Data::Bool(b) => Value::Bool(*b),
        // A time of day alone (9:30) is the time shown, not 1899-12-31.
        Data::DateTime(dt) if (0.0..1.0).contains(&dt.as_f64()) => {
            let minutes = (dt.as_f64() * 24.0 * 60.0).round() as i64;
            Value::Text(format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60))
        }
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(moment) if dt.is_datetime() => {
                let serial = dt.as_f64();
                Value::Date(moment.date(), serial - serial.floor())
            }
            _ => Value::Number(dt.as_f64()),
        },
        Data::DateTimeIso(text) | Data::DurationIso(text) => {
            match super::cells::date_from_text(text) {
                Some(date) => Value::Date(date, 0.0),
                None => Value::Text(text.clone()),
            }
        }
        Data::Error(error) => Value::Error(error.to_string()),
    }
}
