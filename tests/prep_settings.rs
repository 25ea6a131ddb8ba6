//! The 设置 sheet of a preparation: values as an office writes them (★★★★, 休假) read as a
//! column's choices, before the program's own readings; each applied mapping said in the
//! import's summary, and a bad mapping refused at its sheet, row and column.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A CSV folder with the meeting, two attendees, one official, his risk points and `settings`
/// as 设置.csv (left out when empty).
fn folder(dir: &Path, settings: &str, levels: &[&str]) -> PathBuf {
    let folder = dir.join("准备");
    std::fs::create_dir(&folder).unwrap();
    let risks: String = levels
        .iter()
        .enumerate()
        .map(|(i, level)| format!("张某,风险{i},{level}\n"))
        .collect();
    let files = [
        (
            "会议信息",
            "会议名称,会议日期,主持人,记录人\n某县2026年度述责述廉会议,2026-12-18,马某,何某\n"
                .to_string(),
        ),
        (
            "出席人员",
            "姓名,职务,出席情况,缺席原因\n马某,县委书记,出席,\n赵某,副县长,休假,\n".to_string(),
        ),
        (
            "议程",
            "顺序,姓名,单位,职务,述责时长\n1,张某,某某镇,党委书记,8\n".to_string(),
        ),
        ("廉政风险点", format!("姓名,风险点,风险等级\n{risks}")),
        ("设置", settings.to_string()),
    ];
    for (name, text) in files.iter().filter(|(_, text)| !text.is_empty()) {
        std::fs::write(folder.join(format!("{name}.csv")), text).unwrap();
    }
    folder
}

fn import(prep: &Path, db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(["import"])
        .arg(prep)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap()
}

fn said(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string() + &String::from_utf8_lossy(&output.stderr)
}

fn assert_has(text: &str, words: &[&str]) {
    for word in words {
        assert!(text.contains(word), "missing {word:?} in\n{text}");
    }
}

fn stored(db: &Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut statement = conn.prepare(sql).unwrap();
    statement
        .query_map([], |row| row.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_mapping_of_the_settings_sheet_is_applied_before_the_defaults_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let settings = "列,原值,对应\n风险等级,★★★★,高\n风险等级,一级,中\n出席情况,休 假,缺席\n";
    let prep = folder(dir.path(), settings, &["★★★★", "一级", "★", "★★★★"]);
    let db = dir.path().join("m.db");
    let output = import(&prep, &db);
    let text = said(&output);
    assert!(output.status.success(), "{text}");
    let levels = stored(&db, "SELECT level FROM risk_point ORDER BY position");
    assert_eq!(levels, ["high", "medium", "low", "high"]);
    let absent = stored(
        &db,
        "SELECT attendance || ' ' || reason FROM attendee WHERE name = '赵某'",
    );
    assert_eq!(absent, ["absent 休假"]);
    assert_has(
        &text,
        &[
            "「风险等级」列的「★★★★」读作「高」（第 2、5 行，共 2 处）",
            "「风险等级」列的「一级」读作「中」（第 3 行，共 1 处）",
            "「风险等级」列的「★」读作「低」",
            "「出席情况」列的「休假」读作「缺席」",
        ],
    );
}

#[test]
fn a_bad_mapping_is_refused_at_its_cell_and_nothing_is_written() {
    let cases = [
        (
            "列,原值,对应\n风险等级,★★★★,很高\n",
            &[
                "设置.csv 第2行C列（对应）",
                "「很高」不是「风险等级」可选的值",
                "高、中、低",
            ][..],
        ),
        (
            "列,原值,对应\n备注,★★★★,高\n",
            &[
                "设置.csv 第2行A列（列）",
                "「备注」不是有可选值的列",
                "风险等级",
            ][..],
        ),
        (
            "列,原值,对应\n风险等级,★★★★,高\n风险等级,★★★★,低\n",
            &[
                "设置.csv 第3行B列（原值）",
                "「★★★★」在第 2 行已对应为「高」",
            ][..],
        ),
        (
            "列,原值,对应\n风险等级,,高\n",
            &["设置.csv 第2行B列（原值）", "「原值」不能为空"][..],
        ),
    ];
    for (settings, words) in cases {
        let dir = tempfile::tempdir().unwrap();
        let prep = folder(dir.path(), settings, &["★★★★"]);
        let db = dir.path().join("m.db");
        let output = import(&prep, &db);
        let text = said(&output);
        assert!(!output.status.success(), "{settings}: {text}");
        assert_has(&text, words);
        assert!(!db.exists(), "{settings}: a file was written");
    }
}
