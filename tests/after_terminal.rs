//! Issue 19 end to end: the real console in a pseudo-terminal, then the real export. A
//! question marked only `y` and `w` is written as what was recorded; an answer typed after
//! 散会 is a 会后补记, marked in the record and left out of the 纪要's counts.

mod common;

use common::pty::Console;
use common::*;
use std::process::Command;

fn export(db: &std::path::Path, kind: &str) -> String {
    let out = db.with_extension(format!("{kind}.md"));
    let output = Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args([
            "export",
            db.to_str().unwrap(),
            "--kind",
            kind,
            "--format",
            "md",
        ])
        .args(["-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn a_written_reply_and_an_answer_after_the_meeting_ended_are_written_as_recorded() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let mut console =
        Console::start_with_env(&[db.to_str().unwrap()], 120, 36, &[("XDG_DATA_HOME", data)]);
    console.wait_for("第 1/8 位", 10);
    console.begin_report();
    console.send("s");
    console.wait_for("提问质询", 5);
    // The first question marked put, then 书面质询 with no reason.
    console.send("y");
    console.send("w");
    console.wait_for("回答未能令人满意", 5);
    console.wait_for("Enter 不写理由", 5);
    console.send("\r");
    console.wait_for("已转为书面质询", 5);
    // The second question: put, and 书面质询 with the second reason, by its digit.
    console.send("jy");
    console.send("w");
    console.wait_for("需书面材料", 5);
    console.send("2");
    console.wait_for("已转为书面质询（需书面材料）", 5);
    console.wait_for("[书面质询：需书面材料]", 5);
    console.send("E");
    console.wait_for("确认散会", 5);
    console.send("y");
    console.wait_for("散会", 5);
    // After 散会: an answer to the third question, never put at the meeting.
    console.send("j\r");
    console.wait_for("记录回答", 5);
    console.send("会后补充答复");
    console.wait_for("会后补充答复", 5);
    console.send("\x1b");
    console.send("q");
    assert!(console.wait_exit(10), "leaves cleanly");

    let summary = export(&db, "summary");
    let record = export(&db, "record");
    assert!(
        summary.contains("会议对张某提问2个，张某回答0个"),
        "{summary}"
    );
    assert!(
        summary.contains(
            "县纪委监委副书记 某某所提1个问题转为书面质询；\
             县委巡察办主任 某某所提1个问题转为书面质询，理由：需书面材料。"
        ),
        "{summary}"
    );
    assert!(summary.contains("散会后另有会后补记1项"), "{summary}");
    for doc in [&summary, &record] {
        assert!(!doc.contains("未能令人满意"), "nobody chose it:\n{doc}");
    }
    assert_eq!(record.matches("书面质询理由").count(), 1, "{record}");
    assert!(record.contains("会后补充答复"), "{record}");
    let line = record
        .lines()
        .find(|l| l.contains("小散远"))
        .expect("the third question is in the record");
    assert!(line.contains("〔会后补记 "), "{line}");
    assert!(!line.contains("提问）"), "{line}");
    let late = &record[record.find("七、会后补记").expect("the list")..];
    assert!(late.contains("补记回答（张某"), "{late}");
    assert!(!late.contains("更正提问"), "{late}");
}
