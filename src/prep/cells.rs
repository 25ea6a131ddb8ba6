//! What the workbook and CSV readers hand over: each sheet as a grid of cell values, with
//! merged cells already spread over the cells they cover; and the small readings of a
//! cell's text both share (dates, quarters, numbered lines).

use super::Within;
use chrono::{Datelike, NaiveDate};

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A date (or date-time) cell; `fraction` is the time of day as a part of a day.
    Date(NaiveDate, f64),
    Bool(bool),
    /// A formula's error value, as Excel shows it (`#REF!`).
    Error(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet (or CSV file).
#[derive(Debug, Clone)]
pub struct Grid {
    pub within: Within,
    /// `rows[r][c]` is the cell at row `r + 1`, column `c + 1`.
    pub rows: Vec<Vec<Value>>,
    /// Hidden in the workbook (a sheet the user may not know is there).
    pub hidden: bool,
    /// CSV has no merged cells: a blank 姓名 or 单位 takes the row above's (as a merged cell
    /// saved as CSV leaves it).
    pub fill_owner_down: bool,
}

impl Grid {
    pub fn cell(&self, row: usize, column: usize) -> &Value {
        self.rows
            .get(row)
            .and_then(|cells| cells.get(column))
            .unwrap_or(&Value::Empty)
    }
}

/// A cell's place, which a span's start indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub within: Within,
    /// From 1, as the spreadsheet numbers rows.
    pub row: usize,
    /// From 1 (shown as letters).
    pub column: usize,
}

/// Excel's serial day number 1 is 1900-01-01, counted as if 1900 had a 29 February.
pub fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(days))
}

/// A date written as text: 2026-12-31, 2026/12/31, 2026年12月31日, 2026.12.31 (months and
/// days with or without a leading zero, a time after it ignored), or an Excel serial number.
pub fn date_from_text(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(serial) = text.parse::<f64>()
        && !text.contains('.')
    {
        return from_serial(serial).filter(|d| d.year() >= 1950);
    }
    let date_part = text.split([' ', 'T']).next().unwrap_or("");
    let unified: String = date_part
        .trim_end_matches('日')
        .trim_end_matches('号')
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' | '-' | '－' => '-',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = unified.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str, most: usize| {
        (!s.is_empty() && s.len() <= most && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    NaiveDate::from_ymd_opt(
        number(year, 4).filter(|_| year.len() == 4)? as i32,
        number(month, 2)?,
        number(day, 2)?,
    )
}

/// A quarter as offices write it: 2026Q2, 2026-Q2, 2026年第二季度, 2026年2季度, 2026年二季度.
/// Anything else is returned as written, for the checker to refuse.
pub fn quarter(text: &str) -> String {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((year, rest)) = compact.split_once('年') {
        let digit = rest
            .trim_start_matches('第')
            .trim_end_matches("季度")
            .trim_end_matches('季');
        let q = match digit {
            "1" | "一" => Some(1),
            "2" | "二" => Some(2),
            "3" | "三" => Some(3),
            "4" | "四" => Some(4),
            _ => None,
        };
        if let Some(q) = q
            && year.len() == 4
            && year.chars().all(|c| c.is_ascii_digit())
        {
            return format!("{year}Q{q}");
        }
    }
    compact
}

/// The numbered items of a cell (`1.…` `2.…`, `1、`, `（1）`, `(1)`, `1)`, `①…②…`): one item per
/// number, a line without a number continuing the item before it. A cell with no numbers
/// gives one item per line.
pub fn numbered_items(text: &str) -> Vec<String> {
    // Circled numbers start an item wherever they stand.
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for c in line.chars() {
            if is_circled(c) && !current.trim().is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
        lines.push(current);
    }
    let marked: Vec<Option<String>> = lines.iter().map(|l| strip_number(l.trim())).collect();
    let any_marked = marked.iter().any(Option::is_some);
    let mut items: Vec<String> = Vec::new();
    for (line, stripped) in lines.iter().zip(marked) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match stripped {
            Some(rest) => items.push(rest),
            None if any_marked && !items.is_empty() => {
                let last = items.last_mut().expect("not empty");
                last.push_str(line);
            }
            None => items.push(line.to_string()),
        }
    }
    items
        .into_iter()
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

fn is_circled(c: char) -> bool {
    ('\u{2460}'..='\u{2473}').contains(&c) || ('\u{3251}'..='\u{325f}').contains(&c)
}

/// The line without its leading number, when it has one.
fn strip_number(line: &str) -> Option<String> {
    let mut chars = line.chars();
    let first = chars.next()?;
    if is_circled(first) {
        return Some(chars.as_str().trim_start().to_string());
    }
    let (open, rest) = match first {
        '(' | '（' => (true, chars.as_str()),
        _ => (false, line),
    };
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .collect();
    if digits.is_empty() || digits.chars().count() > 3 {
        return None;
    }
    let after = &rest[digits.len()..];
    let mut after_chars = after.chars();
    let mark = after_chars.next()?;
    let ok = if open {
        matches!(mark, ')' | '）')
    } else {
        matches!(mark, '.' | '．' | '、' | ')' | '）' | '，' | ',')
    };
    // "1.5万元" is a number, not an item: a full stop followed by a digit does not count.
    if !ok
        || (mark == '.'
            && after_chars
                .clone()
                .next()
                .is_some_and(|c| c.is_ascii_digit()))
    {
        return None;
    }
    Some(after_chars.as_str().trim_start().to_string())
}

/// The items written back into one cell, numbered so that they read back the same.
pub fn numbered_cell(items: &[String]) -> String {
    items
        .iter()
        .enumerate()
        .map(|(index, item)| format!("{}.{item}", index + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_offices_write() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 31);
        for text in [
            "2026-12-31",
            "2026/12/31",
            "2026年12月31日",
            "2026.12.31",
            "46387",
            " 2026-12-31 00:00:00",
        ] {
            assert_eq!(date_from_text(text), day, "{text}");
        }
        assert_eq!(
            date_from_text("2026/1/5"),
            NaiveDate::from_ymd_opt(2026, 1, 5)
        );
        for text in ["2026-13-01", "明年", "12/31/2026", "2026", "1.5"] {
            assert_eq!(date_from_text(text), None, "{text}");
        }
    }

    #[test]
    fn quarters_in_chinese() {
        assert_eq!(quarter("2026年第二季度"), "2026Q2");
        assert_eq!(quarter("2026年3季度"), "2026Q3");
        assert_eq!(quarter("2026Q1"), "2026Q1");
        assert_eq!(quarter("第二季度"), "第二季度");
    }

    #[test]
    fn numbered_lines_become_items() {
        assert_eq!(
            numbered_items("1.建立台账\n2.每季抽查\n  并通报\n3、公开结果"),
            ["建立台账", "每季抽查并通报", "公开结果"]
        );
        assert_eq!(
            numbered_items("①集体研究②公示③备案"),
            ["集体研究", "公示", "备案"]
        );
        assert_eq!(numbered_items("（1）甲\n(2)乙"), ["甲", "乙"]);
        assert_eq!(numbered_items("一行\n二行"), ["一行", "二行"]);
        assert_eq!(
            numbered_items("1.5万元以上须集体研究"),
            ["1.5万元以上须集体研究"]
        );
        let items = vec!["甲".to_string(), "乙".to_string()];
        assert_eq!(numbered_items(&numbered_cell(&items)), items);
    }
}
