//! `shuze template`: the workbook (or CSV folder) to fill in, with two example rows per
//! sheet taken from the sample meeting.

use super::out::{self, Out};
use super::synonyms::{self, Key};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The template's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TemplateFormat {
    /// One Excel workbook (.xlsx).
    #[default]
    Xlsx,
    /// A folder of UTF-8 CSV files, one per sheet.
    Csv,
}

const SAMPLE: &str = include_str!("../../sample-db/sample.toml");

/// The template's sheets: the sample meeting cut to two rows per sheet, the 纪要's office
/// and issue filled in as an example.
pub fn template_rows() -> Vec<(&'static synonyms::Sheet, Vec<Vec<Out>>)> {
    let mut sample = super::check::parse(SAMPLE).expect("the sample prep file is valid");
    sample.office = "中共某县纪委办公室".into();
    sample.issue = Some(1);
    let mut sheets = out::sheet_rows(&sample);
    for (sheet, rows) in &mut sheets {
        rows.truncate(2);
        // Examples are numbered 1 and 2 whichever officials they came from.
        if let Some(position) = sheet.columns.iter().position(|c| c.key == Key::Position) {
            for (index, row) in rows.iter_mut().enumerate() {
                row[position] = Out::Number(index as i64 + 1);
            }
        }
    }
    // The examples of the other sheets belong to the two officials of the agenda's example.
    let agenda: Vec<(String, String)> = sample
        .prepared
        .officials
        .iter()
        .take(2)
        .map(|o| (o.slot.name.clone(), o.slot.unit.clone()))
        .collect();
    for (sheet, rows) in &mut sheets {
        if !sheet.per_official {
            continue;
        }
        let name = sheet.columns.iter().position(|c| c.key == Key::Name);
        let unit = sheet.columns.iter().position(|c| c.key == Key::Unit);
        let official = |row: &Vec<Out>| {
            let at = |i: Option<usize>| match i.map(|i| &row[i]) {
                Some(Out::Text(t)) => t.clone(),
                _ => String::new(),
            };
            agenda.contains(&(at(name), at(unit)))
        };
        if !rows.iter().all(official) {
            let all = out::sheet_rows(&sample)
                .into_iter()
                .find(|(s, _)| s.name == sheet.name)
                .map(|(_, rows)| rows)
                .unwrap_or_default();
            *rows = all.into_iter().filter(official).take(2).collect();
        }
    }
    sheets
}

/// Writes the template at `output`: a workbook, or a folder of CSV files.
pub fn write_template(output: &Path, format: TemplateFormat, force: bool) -> Result<Vec<PathBuf>> {
    let sheets = template_rows();
    match format {
        TemplateFormat::Xlsx => {
            let bytes = out::workbook(&sheets)?;
            crate::export::write_file(output, &bytes, force)?;
            Ok(vec![output.to_path_buf()])
        }
        TemplateFormat::Csv => out::write_folder(&out::csv_files(&sheets)?, output, force),
    }
}
