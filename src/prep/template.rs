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
    let agenda: Vec<(String, String)> = sample
        .prepared
        .officials
        .iter()
        .take(2)
        .map(|o| (o.slot.name.clone(), o.slot.unit.clone()))
        .collect();
    let mut sheets = out::sheet_rows(&sample);
    for (sheet, rows) in &mut sheets {
        if sheet.per_official {
            // One row for each of the agenda's two examples where each has one.
            let name = sheet.columns.iter().position(|c| c.key == Key::Name);
            let unit = sheet.columns.iter().position(|c| c.key == Key::Unit);
            let owner = |row: &Vec<Out>| {
                let at = |i: Option<usize>| match i.map(|i| &row[i]) {
                    Some(Out::Text(t)) => t.clone(),
                    _ => String::new(),
                };
                agenda.iter().position(|o| *o == (at(name), at(unit)))
            };
            let mut picked: Vec<Vec<Out>> = Vec::new();
            for wanted in 0..agenda.len() {
                if let Some(row) = rows.iter().find(|r| owner(r) == Some(wanted)) {
                    picked.push(row.clone());
                }
            }
            for row in rows.iter().filter(|r| owner(r).is_some()) {
                if picked.len() < 2 && !picked.contains(row) {
                    picked.push(row.clone());
                }
            }
            picked.sort_by_key(|r| owner(r));
            *rows = picked;
        }
        rows.truncate(2);
        for column in [Key::Position, Key::Ignored] {
            // Examples are numbered 1 and 2 whichever rows they came from.
            if let Some(at) = sheet.columns.iter().position(|c| c.key == column) {
                for (index, row) in rows.iter_mut().enumerate() {
                    row[at] = Out::Number(index as i64 + 1);
                }
            }
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
            out::write_new(output, &bytes, force)?;
            Ok(vec![output.to_path_buf()])
        }
        TemplateFormat::Csv => out::write_folder(&out::csv_files(&sheets)?, output, force),
    }
}
