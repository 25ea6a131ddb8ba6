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
        deadline_workdays: None,
        mode: FollowUpMode::ByDeadline,
        progress: String::new(),
        status: FollowUpStatus::NotStarted,
        copied_to: String::new(),
        raised_on: None,
        question: None,
        key: String::new(),
        extra: Vec::new(),
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

fn shuze(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("shuze-test-data"),
        )
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// Values that are not UTF-8, written the way the schema lets another tool write: answers
/// of the first and second officials as new revisions (我没\xff有, 已\xff整改), a
/// question's text as a new change (你\xff好), and the meeting's place in place.
const NOT_UTF8: &str = "
    INSERT INTO text_revision (kind, slot_id, question_id, body, saved_at)
    VALUES ('answer', 1, 1, CAST(x'e68891e6b2a1ffe69c89' AS TEXT), '2026-12-18T01:00:00+00:00');
    INSERT INTO question_change (question_id, asker, text, asked_at, needs_written_reply,
        withdrawn, changed_at)
    SELECT id, asker, CAST(x'e4bda0ffe5a5bd' AS TEXT), asked_at, needs_written_reply, 0,
        '2026-12-18T01:00:00+00:00' FROM question WHERE id = 2;
    UPDATE meeting SET place = CAST(x'e4bc9ae8aeaeff' AS TEXT);
    INSERT INTO text_revision (kind, slot_id, question_id, body, saved_at)
    SELECT 'answer', 2, id, CAST(x'e5b7b2ffe695b4e694b9' AS TEXT), '2026-12-18T01:00:00+00:00'
    FROM question WHERE slot_id = 2 ORDER BY position LIMIT 1;";

#[test]
fn text_that_is_not_utf8_shows_marked_and_named_and_the_meeting_exports_and_ends() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    // Written as the program writes, through the hash chain's function (the sqlite3 shell
    // has none; tests/chain.rs is about what it can do).
    let conn = rusqlite::Connection::open(&db).unwrap();
    shuze::storage::chain::register(&conn).unwrap();
    conn.execute_batch(NOT_UTF8).unwrap();
    drop(conn);
    let name = db.to_str().unwrap();
    let out = dir.path().join("out");
    let output = shuze(&["export", name, "--all", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    for field in [
        "表 text_revision 列 body 第",
        "表 question_change 列 text 第",
        "表 meeting 列 place 第 1 行",
    ] {
        assert!(stderr.contains(field), "{field} not named: {stderr}");
    }
    let record = std::fs::read_to_string(out.join("2026-12-18-会议记录.json")).unwrap();
    for shown in ["我没\u{fffd}有", "你\u{fffd}好", "会议\u{fffd}"] {
        assert!(record.contains(shown), "{shown} not in the record");
    }
    let document = std::fs::read_to_string(out.join("2026-12-18-会议记录.md")).unwrap();
    assert!(
        document.contains("不是 UTF-8"),
        "the record does not say it"
    );
    // The console opens the meeting, shows the answer and says what it replaced.
    let mut console = common::pty::Console::start(&[name], 120, 40);
    console.wait_for("不是 UTF-8", 10);
    // (The screen reader, vt100, drops U+FFFD: what the program wrote is checked for it.)
    console.wait_for("答: 我没有", 5);
    for shown in ["\u{fffd}有", "\u{fffd}好"] {
        assert!(console.output().contains(shown), "{shown} not written");
    }
    // A key clears the word; the next official brings another such text, and the word back.
    console.send("j");
    console.wait_gone("不是 UTF-8", 5);
    console.send("n");
    console.wait_for("答: 已整", 5);
    console.wait_for("不是 UTF-8", 5);
    console.send("q");
    assert!(console.wait_exit(10), "{}", console.screen());
    let output = shuze(&["finish", name, "--yes"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("表 meeting 列 place 第 1 行"), "{stderr}");
    let store = shuze::storage::Store::open(&db).unwrap();
    assert!(
        store.meeting(1).unwrap().finished_at.is_some(),
        "the meeting ended"
    );
}

#[test]
fn a_follow_up_longer_than_an_excel_cell_is_cut_there_only_and_every_file_is_written() {
    use calamine::Reader;
    let (dir, db) = temp_db();
    let mut store = sample_store(&db);
    let long = "整改".repeat(20_000) + "（完）";
    let plain = FollowUp {
        category: String::new(),
        task: String::new(),
        lead: String::new(),
        ..follow_up(&long, "措施", "张某")
    };
    store.add_follow_up(1, &plain, at(60)).unwrap();
    drop(store);
    let out = dir.path().join("out");
    let output = shuze(&[
        "export",
        db.to_str().unwrap(),
        "--all",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let csv = std::fs::read_to_string(out.join("2026-12-18-整改台账（草稿）.csv")).unwrap();
    assert!(csv.contains(&long), "the CSV holds the whole text");
    let record = std::fs::read_to_string(out.join("2026-12-18-会议记录.md")).unwrap();
    assert!(record.contains(&long), "the record holds the whole text");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(out.join("2026-12-18-整改台账（草稿）.xlsx")).unwrap();
    let range = book.worksheet_range("整改台账").unwrap();
    let cut = range
        .used_cells()
        .map(|(_, _, v)| v.to_string())
        .find(|v| v.starts_with("整改整改"))
        .expect("the follow-up is in the workbook");
    assert_eq!(cut.chars().count(), 32_767);
    assert!(cut.contains("超出 Excel 单元格上限"), "the cut is marked");
    assert_valid_ooxml(&[&out.join("2026-12-18-整改台账（草稿）.xlsx")]);
}
