//! English means English for messages too: with `--lang en` (or an English `LANG`) what the
//! command line says, and what the store and the lock say through it, is English; without
//! it, Chinese. Data quoted from the file (the meeting's title, names) stays as written.

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const TITLE: &str = "某县纪委监委2026年度述责述廉会议";

fn shuze(lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn is_cjk(c: char) -> bool {
    ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// English with the data taken out: no Chinese character or full-width punctuation left.
fn assert_english(text: &str, data: &[&str]) {
    let mut rest = text.to_string();
    for quoted in data {
        rest = rest.replace(quoted, "");
    }
    assert!(!rest.chars().any(is_cjk), "not all English:\n{text}");
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_command_line_speaks_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-db/sample.toml");

    let imported = shuze(
        "zh_CN.UTF-8",
        &["--lang", "en", "import", path(&sample), "--db", path(&db)],
    );
    assert!(imported.status.success(), "{imported:?}");
    let text = said(&imported);
    assert!(
        text.starts_with(&format!("Imported '{TITLE}' (meeting 1,")),
        "{text}"
    );
    assert_english(&text, &[TITLE]);

    let listed = shuze("en_US.UTF-8", &["meetings", path(&db)]);
    let text = said(&listed);
    assert!(text.contains("officials done  in progress"), "{text}");
    assert_english(&text, &[TITLE]);

    let chinese = shuze("zh_CN.UTF-8", &["meetings", path(&db)]);
    assert!(
        said(&chinese).contains("位已完成  进行中"),
        "{}",
        said(&chinese)
    );

    let refused = shuze("en_US.UTF-8", &["finish", path(&db)]);
    assert!(!refused.status.success());
    let text = said(&refused);
    assert!(
        text.contains("Error: No terminal to confirm on: add --yes"),
        "{text}"
    );
    assert!(text.contains("Not yet done: 张某 (pending)"), "{text}");
    let names: Vec<String> = rusqlite::Connection::open(&db)
        .unwrap()
        .prepare("SELECT name FROM agenda_now")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut data: Vec<&str> = names.iter().map(String::as_str).collect();
    data.push(TITLE);
    assert_english(&text, &data);

    let folder = dir.path().join("out");
    let exported = shuze(
        "en_US.UTF-8",
        &["export", path(&db), "--all", path(&folder)],
    );
    assert!(exported.status.success(), "{exported:?}");
    let text = said(&exported);
    assert!(text.lines().all(|l| l.starts_with("Written: ")), "{text}");

    let again = shuze(
        "zh_CN.UTF-8",
        &["--lang", "en", "export", path(&db), "--all", path(&folder)],
    );
    assert!(!again.status.success());
    let text = said(&again);
    assert!(text.contains("exists already; add --force"), "{text}");
    // The documents are Chinese, and so are their file names.
    assert_english(&text, &["会议记录"]);
}

#[test]
fn the_store_says_what_is_wrong_with_a_file_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    for (file, english, chinese) in [
        (
            &missing,
            "The database file does not exist",
            "数据库文件不存在",
        ),
        (
            &empty,
            "is an empty file (0 bytes), not a shuze database",
            "是空文件",
        ),
        (
            &other,
            "is another program's SQLite database",
            "是另一个程序的 SQLite 数据库",
        ),
    ] {
        let output = shuze("en_GB.UTF-8", &["meetings", path(file)]);
        assert!(!output.status.success(), "{output:?}");
        let text = said(&output);
        assert!(
            text.starts_with("Error: ") && text.contains(english),
            "{text}"
        );
        assert_english(&text, &[]);
        let output = shuze("zh_CN.UTF-8", &["meetings", path(file)]);
        let text = said(&output);
        assert!(
            text.starts_with("错误：") && text.contains(chinese),
            "{text}"
        );
    }
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let output = shuze(
        "C",
        &["--lang", "en", "meetings", path(&db), "--meeting", "9"],
    );
    let text = said(&output);
    assert!(!output.status.success());
    assert!(text.contains("error") || text.contains("Error"), "{text}");
    assert_english(&text, &[]);
}
