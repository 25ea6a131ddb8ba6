//! Issue 8's slips end to end: the real console in a pseudo-terminal, then the real export.
//! A stage taken back, an answer editor left empty, a question withdrawn, a follow-up's
//! deadline corrected, an official moved and the meeting ended: the record shows exactly
//! what happened and nothing else.

mod common;

use common::pty::Console;
use common::*;
use std::process::Command;

fn export(db: &std::path::Path, format: &str) -> String {
    let out = db.with_extension(format);
    let output = Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args([
            "export",
            db.to_str().unwrap(),
            "--kind",
            "record",
            "--format",
            format,
        ])
        .args(["-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn the_slips_of_an_afternoon_leave_nothing_false_in_the_record() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let mut console =
        Console::start_with_env(&[db.to_str().unwrap()], 120, 36, &[("XDG_DATA_HOME", data)]);
    console.wait_for("第 1/8 位", 10);
    // The report started by a slip and taken back at once.
    console.begin_report();
    console.send("S");
    console.wait_for("环节: 待述责", 5);
    // Enter on a question at 待述责: asked first; the answer editor left empty.
    console.send("\r");
    console.wait_for("请确认", 5);
    console.send("y");
    console.keep_date_if_asked("记录回答");
    console.send("\x1b");
    // The second question withdrawn.
    console.send("j");
    console.send("d");
    console.wait_for("撤回「", 5);
    console.send("y");
    console.wait_for("已撤回", 5);
    // An earlier follow-up's deadline corrected: to the follow-ups pane, `u`, the deadline.
    console.send("\t\t\t\t");
    console.send("u");
    console.wait_for("修改整改问题", 5);
    console.send("\t\t\t\t\t");
    console.send(&"\x7f".repeat(12));
    console.send("2027-06-30\r");
    // 张某 moved below 王某.
    console.send("J");
    console.wait_for("确认把张某下移一位", 5);
    console.send("y");
    console.wait_for("议程顺序已调整", 5);
    // The meeting ended.
    console.send("E");
    console.wait_for("确认散会", 5);
    console.send("y");
    console.wait_for("散会", 5);
    console.send("q");
    assert!(console.wait_exit(10), "leaves cleanly");

    let md = export(&db, "md");
    let json: serde_json::Value = serde_json::from_str(&export(&db, "json")).unwrap();
    let zhang = md.find("张某述责述廉").expect("张某 in the agenda");
    let wang = md.find("王某述责述廉").expect("王某 in the agenda");
    assert!(wang < zhang, "the agenda as corrected:\n{md}");
    assert!(
        !md.contains("（草稿）") && md.contains("散会（"),
        "ended:\n{md}"
    );
    assert!(
        !md.contains("有没有建立长效机制"),
        "the withdrawn question:\n{md}"
    );
    let official = json["officials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["slot"]["name"] == "张某")
        .unwrap();
    let stages: Vec<&str> = official["timings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        ["questions"],
        "no report was given, the questions started"
    );
    assert!(
        official["questions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["asked_at"].is_null() && q["answer"].is_null()),
        "no question asked, none answered: {}",
        official["questions"]
    );
    let deadline = official["earlier_follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["problem"] == "廉政谈话未实现逐级全覆盖")
        .unwrap()["deadline"]
        .clone();
    assert_eq!(deadline, "2027-06-30");
    let corrections = json["corrections"].as_array().unwrap();
    assert!(
        corrections
            .iter()
            .any(|c| c["kind"] == "question" && c["state"]["withdrawn"] == 1)
    );
    assert!(
        corrections
            .iter()
            .any(|c| c["kind"] == "follow_up" && c["state"]["deadline"] == "2027-06-30")
    );
    assert!(corrections.iter().any(|c| c["kind"] == "agenda"));
}
