//! The year in one report (`shuze report --year`): per unit, the ratings of each year it
//! reported (with the rules' result) and the follow-ups raised, completed on time, completed
//! late, open and overdue, with the completion rate, and the 政治画像 findings counted per
//! dimension; as Word (tables) and as a workbook with native charts (completion rate per
//! unit, ratings over the years).

use super::document::{Block, Document};
use super::{ExportError, Format, Options, docx};
use crate::domain::{PortraitDimension, Word};
use crate::labels::{Lang, Named};
use crate::view::UnitYear;
use chrono::{DateTime, Datelike, Utc};
use rust_xlsxwriter::{Chart, ChartType, Workbook, XlsxError};
use std::collections::BTreeSet;

const HEADER: [&str; 8] = [
    "单位",
    "测评结果",
    "提出整改",
    "按期完成",
    "逾期完成",
    "未完成",
    "其中已逾期",
    "完成率",
];

/// A unit's row of the table.
fn row(figure: &UnitYear, year: i32) -> Vec<String> {
    let ratings: Vec<String> = figure
        .ratings
        .iter()
        .filter(|r| r.held_on.year() == year)
        .map(|r| {
            let share = r
                .approval_percent
                .map(|p| format!("{p:.1}%"))
                .unwrap_or_else(|| "—".into());
            match r.result.is_empty() {
                true => share,
                false => format!("{share}（{}）", r.result),
            }
        })
        .collect();
    vec![
        figure.unit.clone(),
        ratings.join("；"),
        figure.raised.to_string(),
        figure.completed_on_time.to_string(),
        figure.completed_late.to_string(),
        figure.open.to_string(),
        figure.overdue.to_string(),
        figure
            .completion_percent()
            .map(|p| format!("{p:.1}%"))
            .unwrap_or_else(|| "—".into()),
    ]
}

/// The report as a Word document.
pub fn docx(
    figures: &[UnitYear],
    year: i32,
    options: &Options,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, ExportError> {
    let total = figures.iter().map(|f| f.raised).sum::<u32>();
    let done = figures
        .iter()
        .map(|f| f.completed_on_time + f.completed_late)
        .sum::<u32>();
    let blocks = vec![
        Block::Heading("一、总体情况".into()),
        Block::Paragraph {
            lead: String::new(),
            text: format!(
                "{year}年共有{}个单位述责述廉，会上提出整改问题{total}项，已完成{done}项。",
                figures.len()
            ),
        },
        Block::Heading("二、各单位情况".into()),
        Block::Table {
            header: HEADER.iter().map(|h| h.to_string()).collect(),
            rows: figures.iter().map(|f| row(f, year)).collect(),
        },
        Block::Heading("三、政治画像发现问题".into()),
        Block::Paragraph {
            lead: String::new(),
            text: format!(
                "各单位政治生态分析报告共发现问题{}个，按维度统计如下。",
                portrait_totals(figures).iter().sum::<u32>()
            ),
        },
        Block::Table {
            header: portrait_header(),
            rows: portrait_rows(figures)
                .into_iter()
                .map(|(unit, counts)| {
                    std::iter::once(unit)
                        .chain(counts.iter().map(u32::to_string))
                        .collect()
                })
                .collect(),
        },
    ];
    let doc = Document {
        title: format!("{year}年度述责述廉工作情况报告"),
        draft: false,
        // A report to the county committee is marked like every export.
        mark: super::minutes::DEFAULT_MARK.to_string(),
        masthead: false,
        blocks,
    };
    let properties = docx::Properties {
        author: "",
        created: now,
    };
    docx::render(&doc, options.fonts, Default::default(), &properties)
}

/// 单位, the five dimensions, 合计.
fn portrait_header() -> Vec<String> {
    std::iter::once("单位")
        .chain(PortraitDimension::ALL.iter().map(|d| d.name(Lang::Zh)))
        .chain(std::iter::once("合计"))
        .map(String::from)
        .collect()
}

/// The findings per dimension of all units together.
fn portrait_totals(figures: &[UnitYear]) -> [u32; 5] {
    let mut totals = [0; 5];
    for figure in figures {
        for (total, n) in totals.iter_mut().zip(figure.portrait) {
            *total += n;
        }
    }
    totals
}

/// A row per unit (its counts per dimension and their sum), then 合计.
fn portrait_rows(figures: &[UnitYear]) -> Vec<(String, [u32; 6])> {
    let with_sum = |counts: [u32; 5]| {
        let mut row = [0; 6];
        row[..5].copy_from_slice(&counts);
        row[5] = counts.iter().sum();
        row
    };
    let mut rows: Vec<(String, [u32; 6])> = figures
        .iter()
        .map(|f| (f.unit.clone(), with_sum(f.portrait)))
        .collect();
    rows.push(("合计".into(), with_sum(portrait_totals(figures))));
    rows
}

fn failed(e: XlsxError) -> ExportError {
    ExportError::Render {
        format: Format::Xlsx,
        message: e.to_string(),
    }
}

/// The report as a workbook: the table with a column chart of the completion rate, and the
/// ratings per year with a line chart (one line per unit).
pub fn xlsx(figures: &[UnitYear], year: i32) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("各单位").map_err(failed)?;
    for (column, title) in HEADER.iter().enumerate() {
        sheet.write(0, column as u16, *title).map_err(failed)?;
    }
    for (index, figure) in figures.iter().enumerate() {
        let r = index as u32 + 1;
        let cells = row(figure, year);
        sheet.write(r, 0, cells[0].as_str()).map_err(failed)?;
        sheet.write(r, 1, cells[1].as_str()).map_err(failed)?;
        let counts = [
            figure.raised,
            figure.completed_on_time,
            figure.completed_late,
            figure.open,
            figure.overdue,
        ];
        for (offset, n) in counts.iter().enumerate() {
            sheet.write(r, offset as u16 + 2, *n).map_err(failed)?;
        }
        let rate = figure.completion_percent().unwrap_or(0.0);
        sheet
            .write(r, 7, (rate * 10.0).round() / 10.0)
            .map_err(failed)?;
    }
    let last = figures.len() as u32;
    if last > 0 {
        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_categories(("各单位", 1, 0, last, 0))
            .set_values(("各单位", 1, 7, last, 7))
            .set_name("完成率（%）");
        chart.title().set_name(&format!("{year}年各单位整改完成率"));
        sheet.insert_chart(1, 9, &chart).map_err(failed)?;
    }
    ratings_sheet(&mut book, figures)?;
    portrait_sheet(&mut book, figures)?;
    book.save_to_buffer().map_err(failed)
}

/// 历年测评: a unit per row, a year per column (the share of 好 and 较好 at its last meeting
/// of the year), and a line per unit over the years.
fn ratings_sheet(book: &mut Workbook, figures: &[UnitYear]) -> Result<(), ExportError> {
    let years: BTreeSet<i32> = figures
        .iter()
        .flat_map(|f| f.ratings.iter().map(|r| r.held_on.year()))
        .collect();
    let years: Vec<i32> = years.into_iter().collect();
    let sheet = book.add_worksheet().set_name("历年测评").map_err(failed)?;
    sheet.write(0, 0, "单位").map_err(failed)?;
    for (column, year) in years.iter().enumerate() {
        sheet
            .write(0, column as u16 + 1, format!("{year}"))
            .map_err(failed)?;
    }
    for (index, figure) in figures.iter().enumerate() {
        let r = index as u32 + 1;
        sheet.write(r, 0, figure.unit.as_str()).map_err(failed)?;
        for (column, year) in years.iter().enumerate() {
            let share = figure
                .ratings
                .iter()
                .rfind(|x| x.held_on.year() == *year)
                .and_then(|x| x.approval_percent);
            if let Some(share) = share {
                let share = (share * 10.0).round() / 10.0;
                sheet.write(r, column as u16 + 1, share).map_err(failed)?;
            }
        }
    }
    if years.is_empty() || figures.is_empty() {
        return Ok(());
    }
    let mut chart = Chart::new(ChartType::Line);
    let last_column = years.len() as u16;
    for index in 0..figures.len() as u32 {
        let r = index + 1;
        chart
            .add_series()
            .set_categories(("历年测评", 0, 1, 0, last_column))
            .set_values(("历年测评", r, 1, r, last_column))
            .set_name(("历年测评", r, 0));
    }
    chart.title().set_name("历年测评（好和较好占比，%）");
    sheet
        .insert_chart(1, last_column + 2, &chart)
        .map_err(failed)?;
    Ok(())
}

/// 政治画像: the findings of the units' 政治生态分析报告 counted per dimension, a unit per row
/// and 合计 last.
fn portrait_sheet(book: &mut Workbook, figures: &[UnitYear]) -> Result<(), ExportError> {
    let sheet = book.add_worksheet().set_name("政治画像").map_err(failed)?;
    for (column, title) in portrait_header().iter().enumerate() {
        sheet
            .write(0, column as u16, title.as_str())
            .map_err(failed)?;
    }
    for (index, (unit, counts)) in portrait_rows(figures).iter().enumerate() {
        let r = index as u32 + 1;
        sheet.write(r, 0, unit.as_str()).map_err(failed)?;
        for (column, n) in counts.iter().enumerate() {
            sheet.write(r, column as u16 + 1, *n).map_err(failed)?;
        }
    }
    Ok(())
}
