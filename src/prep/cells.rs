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
    /// A formula saved without the value it gives (`=SUM(A1:A3)`).
    Formula(String),
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
    /// Rows hidden in the workbook, by hand or by a filter (indexes into `rows`).
    pub hidden_rows: Vec<usize>,
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

/// A number as a person would type it: 8, not 8.0; 85.5 as it is.
pub fn shown_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let rounded = (n * 1e9).round() / 1e9;
        rounded.to_string()
    }
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

/// The numbered items of a cell (`1.…` `2.…`, `1、`, `（1）`, `(1)`, `1)`, `①…②…`): numbers are
/// taken off only where they number a list, two or more items in sequence from 1; a line
/// without the next number continues the item before it. A cell with no such list gives one
/// item per line, as written ("3个工作日内", "1.5万元以上" and "1.1 严格审批" stay whole).
pub fn numbered_items(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let items = numbered_lines(&lines)
        .or_else(|| circled_items(text))
        .or_else(|| inline_items(text))
        .unwrap_or_else(|| lines.iter().map(|l| l.to_string()).collect());
    items
        .into_iter()
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

/// Lines numbered 1, 2, … (at least two): one item per number, the lines between joined to
/// the item before them; `None` when the lines hold no such list.
fn numbered_lines(lines: &[&str]) -> Option<Vec<String>> {
    let mut items: Vec<String> = Vec::new();
    let mut next = 1;
    for line in lines.iter().filter(|l| !l.is_empty()) {
        match strip_number(line) {
            Some((number, rest)) if number == next => {
                items.push(rest.to_string());
                next += 1;
            }
            _ if next > 1 => items.last_mut()?.push_str(line),
            _ => items.push(line.to_string()),
        }
    }
    (next > 2).then_some(items)
}

/// Items marked ①②… in sequence wherever they stand (at least two), the text before the
/// first kept as an item of its own; `None` otherwise.
fn circled_items(text: &str) -> Option<Vec<String>> {
    let mut items: Vec<String> = vec![String::new()];
    let mut next = 1;
    for c in text.chars() {
        if circled_number(c) == Some(next) {
            items.push(String::new());
            next += 1;
        } else if let Some(last) = items.last_mut() {
            last.push(c);
        }
    }
    let items = items
        .into_iter()
        .map(|item| item.lines().map(str::trim).collect::<String>())
        .collect();
    (next > 2).then_some(items)
}

/// A way of numbering items inside a line: the marks of item `n`, and whether a mark must
/// stand at the start or after a space or a stop (so 统一是 is not 一是, 11、 not 1、).
struct Style {
    marks: fn(u32) -> Vec<String>,
    after_a_stop: bool,
}

const STYLES: &[Style] = &[
    Style {
        marks: |n| vec![format!("（{n}）"), format!("({n})")],
        after_a_stop: false,
    },
    Style {
        marks: |n| vec![format!("{n}、")],
        after_a_stop: true,
    },
    Style {
        marks: |n| vec![format!("{n}."), format!("{n}．")],
        after_a_stop: true,
    },
    Style {
        marks: |n| {
            let zh = chinese_numeral(n);
            vec![
                format!("第{zh}，"),
                format!("第{zh},"),
                format!("第{zh}、"),
                format!("第{zh}是"),
            ]
        },
        after_a_stop: true,
    },
    Style {
        marks: |n| vec![format!("{}是", chinese_numeral(n))],
        after_a_stop: true,
    },
    Style {
        marks: |n| vec![format!("{}、", chinese_numeral(n))],
        after_a_stop: true,
    },
];

/// 一 to 十, then 十一 … 二十.
fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[(n - 10) as usize]),
        _ => format!(
            "{}十{}",
            DIGITS[(n / 10 % 10) as usize],
            DIGITS[(n % 10) as usize]
        ),
    }
}

/// Items numbered inside the text in one style, 1, 2, … in sequence (at least two):
/// `（1）甲（2）乙`, `1、甲；2、乙`, `1.甲 2.乙`, `一是…二是…`, `第一，…第二，…`, `一、…二、…`;
/// the marks taken off, the text before the first kept as an item; `None` otherwise.
fn inline_items(text: &str) -> Option<Vec<String>> {
    STYLES.iter().find_map(|style| split_by(text, style))
}

fn split_by(text: &str, style: &Style) -> Option<Vec<String>> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    for n in 1.. {
        let found = (style.marks)(n)
            .iter()
            .filter_map(|mark| mark_at(text, from, mark, style.after_a_stop))
            .min();
        match found {
            Some(cut) => {
                from = cut.1;
                cuts.push(cut);
            }
            None => break,
        }
    }
    if cuts.len() < 2 {
        return None;
    }
    let mut items = vec![text[..cuts[0].0].to_string()];
    for (index, (_, end)) in cuts.iter().enumerate() {
        let until = cuts.get(index + 1).map_or(text.len(), |next| next.0);
        items.push(text[*end..until].to_string());
    }
    let items = items
        .into_iter()
        .map(|item| {
            let joined: String = item.lines().map(str::trim).collect();
            joined
                .trim_end_matches(['；', ';', '，', ',', ' ', '\u{3000}'])
                .to_string()
        })
        .collect();
    Some(items)
}

/// The first place at or after `from` where `mark` stands as a list's mark: after a stop
/// when the style asks for it, and (for `1.`) not before a digit (1.5万).
fn mark_at(text: &str, from: usize, mark: &str, after_a_stop: bool) -> Option<(usize, usize)> {
    let mut start = from;
    while let Some(found) = text[start..].find(mark) {
        let at = start + found;
        let end = at + mark.len();
        let before = text[..at].chars().next_back();
        let stop = before.is_none_or(|c| c.is_whitespace() || "；;。，,：:、）)！!？?".contains(c));
        let digit_after = text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        let number_before = before.is_some_and(|c| c.is_ascii_digit());
        if (stop || !after_a_stop) && !digit_after && !number_before {
            return Some((at, end));
        }
        start = end;
    }
    None
}

/// The number of ① to ⑳ and ㉑ to ㉟.
fn circled_number(c: char) -> Option<u32> {
    match c {
        '\u{2460}'..='\u{2473}' => Some(c as u32 - 0x2460 + 1),
        '\u{3251}'..='\u{325f}' => Some(c as u32 - 0x3251 + 21),
        _ => None,
    }
}

/// The line's leading list number and the text after its mark (`1.` `1、` `1）` `(1)` …),
/// when it has one.
fn strip_number(line: &str) -> Option<(u32, &str)> {
    let (open, rest) = match line.chars().next()? {
        '(' => (true, &line[1..]),
        '（' => (true, &line['（'.len_utf8()..]),
        _ => (false, line),
    };
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .collect();
    if digits.is_empty() || digits.chars().count() > 3 {
        return None;
    }
    let number = digits
        .chars()
        .map(|c| c.to_digit(10).unwrap_or_else(|| c as u32 - '０' as u32))
        .fold(0, |n, d| n * 10 + d);
    let after = &rest[digits.len()..];
    let mark = after.chars().next()?;
    let ok = if open {
        matches!(mark, ')' | '）')
    } else {
        matches!(mark, '.' | '．' | '、' | ')' | '）' | '，' | ',')
    };
    ok.then(|| (number, after[mark.len_utf8()..].trim_start()))
}

/// The items written back into one cell so that they read back the same: one item as it
/// is, two or more numbered.
pub fn numbered_cell(items: &[String]) -> String {
    if let [item] = items {
        return item.clone();
    }
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

    #[test]
    fn numbering_inside_a_line_is_split() {
        for text in [
            "（1）资金分配集体研究（2）分配结果公开",
            "1、资金分配集体研究；2、分配结果公开",
            "1.资金分配集体研究 2.分配结果公开",
            "一是资金分配集体研究，二是分配结果公开",
            "第一，资金分配集体研究；第二，分配结果公开",
            "一、资金分配集体研究。二、分配结果公开",
        ] {
            let items = numbered_items(text);
            assert_eq!(items.len(), 2, "{text}: {items:?}");
            assert!(
                items[0].starts_with("资金分配集体研究"),
                "{text}: {items:?}"
            );
            assert_eq!(items[1], "分配结果公开", "{text}");
        }
        assert_eq!(numbered_items("1.甲 2.乙 3.丙"), ["甲", "乙", "丙"]);
        assert_eq!(
            numbered_items("措施：（1）甲（2）乙"),
            ["措施：", "甲", "乙"]
        );
    }

    /// A number that begins a sentence is its text, not a list's numbering.
    #[test]
    fn only_a_list_loses_its_numbers() {
        for text in [
            "3个工作日内完成审核",
            "1.5万元以上须集体研究",
            "1.1 严格审批",
            "1.建立台账",
            "（3）号文件执行",
        ] {
            assert_eq!(numbered_items(text), [text], "{text}");
        }
        assert_eq!(numbered_items("一、总则\n二、分则"), ["总则", "分则"]);
        assert_eq!(
            numbered_items("统一是关键，二是其次"),
            ["统一是关键，二是其次"]
        );
        assert_eq!(
            numbered_items("（3）号文件和（4）号文件"),
            ["（3）号文件和（4）号文件"]
        );
        assert_eq!(numbered_items("第1.5条，第2.5条"), ["第1.5条，第2.5条"]);
        assert_eq!(numbered_items("１．甲\n２．乙"), ["甲", "乙"]);
        assert_eq!(numbered_items("说明\n1.甲\n2.乙"), ["说明", "甲", "乙"]);
        assert_eq!(numbered_items("见①条"), ["见①条"]);
        for items in [
            vec!["3个工作日内完成审核"],
            vec!["1.5万元以上", "1.1 严格审批", "2.其他"],
            vec!["甲", "3、乙"],
            vec!["1.1 严格审批"],
        ] {
            let items: Vec<String> = items.into_iter().map(String::from).collect();
            let mut text = numbered_cell(&items);
            for _ in 0..3 {
                let back = numbered_items(&text);
                assert_eq!(back, items, "{text}");
                text = numbered_cell(&back);
            }
        }
    }
}
