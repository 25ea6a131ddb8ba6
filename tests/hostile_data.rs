//! Data that another program or a careless paste put in the file stays data: a follow-up
//! typed as a formula is text when LibreOffice opens the CSV ledger; a value that is not
//! UTF-8 shows with a replacement mark and a warning naming its place; a text longer than a
//! spreadsheet cell holds is cut in that format only.

mod common;

use chrono::FixedOffset;
use common::*;
use shuze::domain::{FollowUp, FollowUpMode, FollowUpSource, FollowUpStatus};
use shuze::export::{self, Format, Kind, Minutes, Options};
use std::path::Path;
use std::process::Command;

fn options() -> Options {
    Options {
        revisions: false,
        offset: FixedOffset::east_opt(8 * 3600).unwrap(),
        fonts: export::Fonts::Gb2312,
    }
}

fn follow_up(problem: &str, measure: &str, owner: &str) -> FollowUp {
    FollowUp {
        id: 0,
        source: FollowUpSource::Question,
        category: "\tTAB".into(),
        problem: problem.into(),
        task: "\r回车".into(),
        measure: measure.into(),
        lead: "-1+2".into(),
        owner: owner.into(),
        deadline: None,
        mode: FollowUpMode::ByDeadline,
        progress: String::new(),
        status: FollowUpStatus::NotStarted,
        copied_to: String::new(),
        raised_on: None,
        question: None,
    }
}

/// Converts `csv` to XLSX with LibreOffice's CSV import (comma, double quote, UTF-8) and
/// returns every cell's formula and value, as LibreOffice read them.
fn through_libreoffice(csv: &Path) -> (Vec<String>, Vec<String>) {
    use calamine::{Reader, Xlsx};
    let dir = csv.parent().unwrap();
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args([
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
        ])
        .arg("--outdir")
        .arg(dir.join("converted"))
        .arg(csv)
        .output()
        .expect("LibreOffice (soffice) is not installed: run tests/run.sh");
    assert!(output.status.success(), "{output:?}");
    let stem = csv.file_stem().unwrap().to_string_lossy().into_owned();
    let xlsx = dir.join("converted").join(format!("{stem}.xlsx"));
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let formulas = book.worksheet_formula(&sheet).unwrap();
    let values = book.worksheet_range(&sheet).unwrap();
    let text = |cells: &mut dyn Iterator<Item = String>| -> Vec<String> {
        cells.filter(|c| !c.is_empty()).collect()
    };
    (
        text(&mut formulas.used_cells().map(|(_, _, f)| f.clone())),
        text(&mut values.used_cells().map(|(_, _, v)| v.to_string())),
    )
}

#[test]
fn a_follow_up_typed_as_a_formula_is_text_when_libreoffice_opens_the_csv_ledger() {
    let (dir, db) = temp_db();
    let mut store = sample_store(&db);
    let hostile = follow_up(
        "=HYPERLINK(\"http://example.com/x\",\"点此查看\")",
        "+SUM(1,2)",
        "@SUM(3,4)",
    );
    store.add_follow_up(1, &hostile, at(60)).unwrap();
    let minutes = Minutes::build(&store, 1, false, at(120)).unwrap();
    let bytes = export::render(&minutes, Kind::Ledger, Format::Csv, &options()).unwrap();
    let csv = dir.path().join("ledger.csv");
    std::fs::write(&csv, bytes).unwrap();
    let (formulas, values) = through_libreoffice(&csv);
    assert!(formulas.is_empty(), "cells read as formulas: {formulas:?}");
    for typed in [
        "=HYPERLINK(\"http://example.com/x\",\"点此查看\")",
        "+SUM(1,2)",
        "@SUM(3,4)",
        "-1+2",
    ] {
        assert!(
            values.iter().any(|v| v.ends_with(typed)),
            "{typed} is not a text cell: {values:?}"
        );
    }
    // The XLSX ledger keeps the text as typed, as a string.
    let xlsx = export::render(&minutes, Kind::Ledger, Format::Xlsx, &options()).unwrap();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range("整改台账").unwrap();
    assert!(range.used_cells().any(|(_, _, v)| matches!(v,
        calamine::Data::String(s) if s == "=HYPERLINK(\"http://example.com/x\",\"点此查看\")")));
}
