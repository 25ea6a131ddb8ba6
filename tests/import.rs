//! Importing prep files: every error names the file, line and column; a bad file changes
//! nothing; an import never touches what was recorded.

mod common;

use common::*;
use shuze::prep::{ImportError, import_file};
use shuze::storage::{Store, TextTarget};

/// Imports `text` into a fresh database and returns the error message.
fn import_error(text: &str) -> String {
    let (dir, db) = temp_db();
    let file = write_prep(dir.path(), "prep.toml", text);
    let mut store = Store::create_or_open(&db).unwrap();
    let err = import_file(&file, &mut store, at(0)).expect_err("the file is wrong");
    assert!(
        store.meetings().unwrap().is_empty(),
        "nothing may be written"
    );
    err.to_string()
}

fn assert_names(message: &str, line_col: &str, words: &[&str]) {
    assert!(
        message.contains(&format!("prep.toml:{line_col}:")),
        "{message}"
    );
    for word in words {
        assert!(message.contains(word), "missing {word:?} in {message}");
    }
}

#[test]
fn the_minimal_file_imports() {
    let (dir, db) = temp_db();
    let file = write_prep(dir.path(), "prep.toml", MINIMAL_PREP);
    let mut store = Store::create_or_open(&db).unwrap();
    let id = import_file(&file, &mut store, at(0)).unwrap();
    let agenda = store.agenda(id).unwrap();
    assert_eq!(agenda.len(), 1);
    assert_eq!(agenda[0].unit, "某某镇");
    assert_eq!(
        store.slot_detail(agenda[0].id).unwrap().questions[0].text,
        "采取了哪些行动？"
    );
}

#[test]
fn a_missing_field_names_its_line_and_column() {
    let text = MINIMAL_PREP.replace("name = \"张某\"\n", "");
    let message = import_error(&text);
    assert_names(&message, "8:1", &["缺少必填字段", "name"]);
}

#[test]
fn an_unknown_source_kind_lists_the_allowed_ones() {
    let text = format!(
        "{MINIMAL_PREP}\n[[official.duty]]\nsource = \"按月派单\"\nquarter = \"2026Q2\"\ntext = \"事项\"\n"
    );
    let message = import_error(&text);
    assert_names(
        &message,
        "20:10",
        &["按月派单", "按季派单", "年初提示", "适时增单"],
    );
}

#[test]
fn a_bad_date_says_how_to_write_it() {
    let text = MINIMAL_PREP.replace("date = 2026-12-18", "date = \"2026年12月18日\"");
    let message = import_error(&text);
    assert_names(&message, "4:8", &["日期无效", "2026-12-18"]);
}

#[test]
fn a_duplicate_agenda_position_points_at_the_second_one() {
    let text = format!(
        "{MINIMAL_PREP}\n[[official]]\nposition = 1\nname = \"王某\"\nunit = \"县财政局\"\npost = \"局长\"\nreport_minutes = 8\n"
    );
    let message = import_error(&text);
    assert_names(&message, "20:12", &["议程序号 1 重复", "第 9 行"]);
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let text = MINIMAL_PREP
        .replace("report_minutes = 8", "report_minutes = 800")
        .replace("recorder = \"何某\"", "recorder = \"  \"");
    let message = import_error(&text);
    assert_names(&message, "6:12", &["recorder", "不能为空"]);
    assert_names(&message, "13:18", &["800"]);
    assert!(message.contains("2 处错误"), "{message}");
}

#[test]
fn a_bad_quarter_and_a_toml_syntax_error_are_placed() {
    let text = format!(
        "{MINIMAL_PREP}\n[[official.duty]]\nsource = \"按季派单\"\nquarter = \"第二季度\"\ntext = \"事项\"\n"
    );
    assert_names(&import_error(&text), "21:11", &["季度", "2026Q2"]);
    let broken = MINIMAL_PREP.replace("chair = \"马某\"", "chair = \"马某");
    assert_names(&import_error(&broken), "5:12", &["TOML"]);
}

#[test]
fn a_gbk_file_is_refused_with_advice() {
    let (dir, db) = temp_db();
    let file = dir.path().join("prep.toml");
    // "会议" in GBK.
    std::fs::write(&file, [0xbb, 0xe1, 0xd2, 0xe9]).unwrap();
    let mut store = Store::create_or_open(&db).unwrap();
    let err = import_file(&file, &mut store, at(0)).unwrap_err();
    assert!(matches!(err, ImportError::NotUtf8 { .. }));
    assert!(err.to_string().contains("UTF-8"), "{err}");
}

#[test]
fn a_missing_file_is_named() {
    let (dir, db) = temp_db();
    let mut store = Store::create_or_open(&db).unwrap();
    let err = import_file(&dir.path().join("nope.toml"), &mut store, at(0)).unwrap_err();
    assert!(err.to_string().contains("nope.toml"), "{err}");
}

#[test]
fn importing_the_same_meeting_again_changes_nothing_recorded() {
    let (dir, db) = temp_db();
    let mut store = sample_store(&db);
    let slot = store.agenda(1).unwrap()[0].id;
    store
        .save_text(TextTarget::Remarks { slot }, "会上点评", at(5))
        .unwrap();
    let before = std::fs::read(SAMPLE_TOML).unwrap();
    let file = dir.path().join("again.toml");
    std::fs::write(&file, &before).unwrap();
    let err = import_file(&file, &mut store, at(10)).unwrap_err();
    assert!(err.to_string().contains("已有同名同日期的会议"), "{err}");
    assert!(err.to_string().contains("again.toml:5:9:"), "{err}");
    assert_eq!(store.meetings().unwrap().len(), 1);
    assert_eq!(
        store.slot_detail(slot).unwrap().remarks.unwrap().body,
        "会上点评"
    );
}

#[test]
fn the_command_line_import_exits_non_zero_and_names_the_line() {
    let (dir, db) = temp_db();
    let text = MINIMAL_PREP.replace("report_minutes = 8", "report_minutes = \"八\"");
    let file = write_prep(dir.path(), "prep.toml", &text);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args([
            "import",
            file.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("prep.toml:13:18"), "{stderr}");
    assert!(stderr.contains("数据库未作任何改动"), "{stderr}");
}

#[test]
fn stage_minutes_come_from_the_file_and_a_bad_one_is_placed() {
    let (dir, db) = temp_db();
    let text = MINIMAL_PREP.replace(
        "recorder = \"何某\"",
        "recorder = \"何某\"\nminutes = { questions = 15, rating = 2 }",
    );
    let file = write_prep(dir.path(), "prep.toml", &text);
    let mut store = Store::create_or_open(&db).unwrap();
    let id = import_file(&file, &mut store, at(0)).unwrap();
    let allotments = store.meeting(id).unwrap().allotments;
    assert_eq!(
        (allotments.questions, allotments.remarks, allotments.rating),
        (15, 5, 2)
    );
    let bad = MINIMAL_PREP.replace(
        "recorder = \"何某\"",
        "recorder = \"何某\"\nminutes = { questions = 0 }",
    );
    assert_names(
        &import_error(&bad),
        "7:25",
        &["minutes.questions", "1 到 120"],
    );
}

#[test]
fn a_quarter_of_six_bytes_that_are_not_ascii_is_refused_not_a_panic() {
    let text = format!(
        "{MINIMAL_PREP}\n[[official.duty]]\nsource = \"按季派单\"\nquarter = \"甲甲\"\ntext = \"事项\"\n"
    );
    assert_names(&import_error(&text), "21:11", &["季度", "2026Q2"]);
}
