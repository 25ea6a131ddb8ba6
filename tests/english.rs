//! English means English: with `--lang en`, or an English `LANG` and no `--lang`, the help
//! and every message are in English; in Chinese, Chinese. Every command and argument has its
//! English text. Data quoted from the file (the meeting's title, names) stays as written.

mod common;

use clap::CommandFactory;
use shuze::cli::{Cli, english};
use std::path::Path;
use std::process::Command;

fn help(args: &[&str], lang_env: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .env("LANG", lang_env)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_command_and_argument_has_its_english_text() {
    let command = Cli::command();
    let has = |sub: &str, arg: &str| {
        english::TEXTS
            .iter()
            .any(|(s, a, _)| *s == sub && *a == arg)
    };
    let skip = ["help", "version", "lang", "ambiguous"];
    let mut missing = Vec::new();
    let mut check = |sub: &str, cmd: &clap::Command| {
        if !has(sub, "") {
            missing.push(format!("{sub}: about"));
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if !skip.contains(&id) && !has(sub, id) {
                missing.push(format!("{sub}: {id}"));
            }
        }
    };
    check("", &command);
    for sub in command.get_subcommands() {
        check(sub.get_name(), sub);
    }
    assert!(missing.is_empty(), "no English text for {missing:?}");
}

#[test]
fn the_help_follows_lang_and_the_environment() {
    let chinese_about = "述责述廉会议记录控制台";
    let english_about = "Duty-and-integrity reporting meeting console";
    let asked = help(&["--lang", "en", "--help"], "zh_CN.UTF-8");
    assert!(
        asked.contains(english_about) && !asked.contains(chinese_about),
        "{asked}"
    );
    let from_env = help(&["--help"], "en_US.UTF-8");
    assert!(from_env.contains(english_about), "{from_env}");
    let chinese = help(&["--help"], "zh_CN.UTF-8");
    assert!(chinese.contains(chinese_about), "{chinese}");
    let over_env = help(&["--lang=zh", "--help"], "en_US.UTF-8");
    assert!(over_env.contains(chinese_about), "--lang wins over LANG");
    let finish = help(&["finish", "--lang", "en", "--help"], "zh_CN.UTF-8");
    assert!(finish.contains("End it without asking."), "{finish}");
    assert!(!finish.contains("不再询问"), "{finish}");
}

/// The real binary run with `LANG` set: its exit status, standard output and standard error.
fn shuze(args: &[&str], lang_env: &str) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .env("LANG", lang_env)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The Chinese characters of `text` outside what it quotes from the file ('…' and 「…」) and
/// outside the places (`file:sheet:row:column: `) that name the file's sheets.
fn chinese_outside_quotes(text: &str) -> String {
    let mut found = String::new();
    let text = text.strip_prefix("Error: ").unwrap_or(text);
    for line in text.lines() {
        let line = line
            .split_once(": ")
            .filter(|(place, _)| place.contains(".xlsx, sheet") || place.contains(".csv, row"))
            .map_or(line, |(_, message)| message);
        let mut quoted = None;
        for c in line.chars() {
            match (quoted, c) {
                (None, '\'') => quoted = Some('\''),
                (None, '「') => quoted = Some('」'),
                (Some(close), c) if c == close => quoted = None,
                (None, c) if ('\u{4e00}'..='\u{9fff}').contains(&c) => found.push(c),
                _ => {}
            }
        }
    }
    found
}

/// A preparation that reads but is wrong in three places: no chair, 500 minutes of report,
/// a question without its asker.
fn bad_preparation(dir: &std::path::Path) -> shuze::prep::Preparation {
    let good = common::write_prep(dir, "good.toml", common::MINIMAL_PREP);
    let mut preparation = shuze::prep::read_file(&good).unwrap();
    preparation.prepared.meeting.chair.clear();
    let official = &mut preparation.prepared.officials[0];
    official.slot.report_minutes = 500;
    official.questions[0].asker.clear();
    preparation
}

#[test]
fn import_problems_are_in_english_with_their_places_in_every_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    let db = db.to_str().unwrap();
    let toml = common::write_prep(
        dir.path(),
        "bad.toml",
        &common::MINIMAL_PREP
            .replace("date = 2026-12-18", "date = \"2027-02-30\"")
            .replace("chair = \"马某\"", "chair = \" \"")
            .replace("report_minutes = 8", "report_minutes = 200"),
    );
    let (ok, _, english) = shuze(
        &["import", "--lang", "en", toml.to_str().unwrap(), "--db", db],
        "zh_CN.UTF-8",
    );
    assert!(!ok, "{english}");
    for expected in [
        "bad.toml:4:8: date (meeting date) '2027-02-30' is not a valid date (there is no such day): \
         write it as year-month-day, like 2026-12-18",
        "bad.toml:5:9: chair (chair) must not be empty",
        "bad.toml:13:18: report_minutes (reporting minutes) 200 is not plausible: \
         it should be 1 to 120 minutes",
        "Problems in the prep file: 3; nothing in the database was changed.",
    ] {
        assert!(english.contains(expected), "{expected:?} in:\n{english}");
    }
    assert_eq!(chinese_outside_quotes(&english), "", "{english}");
    // Without --lang, a Chinese LANG: the same problems in Chinese.
    let (ok, _, chinese) = shuze(
        &["import", toml.to_str().unwrap(), "--db", db],
        "zh_CN.UTF-8",
    );
    assert!(!ok);
    assert!(
        chinese.contains("bad.toml:5:9: chair（主持人） 不能为空")
            && chinese.contains("准备文件有 3 处错误，数据库未作任何改动。"),
        "{chinese}"
    );
    // An English LANG and no --lang: English.
    let (_, _, from_env) = shuze(
        &["import", toml.to_str().unwrap(), "--db", db],
        "en_US.UTF-8",
    );
    assert!(
        from_env.contains("chair (chair) must not be empty"),
        "{from_env}"
    );

    let preparation = bad_preparation(dir.path());
    let workbook = dir.path().join("bad.xlsx");
    shuze::prep::write_prepared(&preparation, &workbook, false).unwrap();
    let folder = dir.path().join("bad_csv");
    shuze::prep::write_prepared(&preparation, &folder, false).unwrap();
    for (path, places) in [
        (
            &workbook,
            [
                "bad.xlsx, sheet '会议信息', row",
                "bad.xlsx, sheet '议程', row",
                "bad.xlsx, sheet '提问', row",
            ],
        ),
        (
            &folder,
            ["会议信息.csv, row", "议程.csv, row", "提问.csv, row"],
        ),
    ] {
        let path = path.to_str().unwrap();
        let (ok, _, english) = shuze(&["import", "--lang", "en", path, "--db", db], "zh_CN.UTF-8");
        assert!(!ok, "{english}");
        let lines: Vec<&str> = english.lines().collect();
        for (place, problem) in places.iter().zip([
            "'chair' must not be empty",
            "'reporting minutes' 500 is not plausible: it should be 1 to 120 minutes",
            "'asker' must not be empty",
        ]) {
            assert!(
                lines
                    .iter()
                    .any(|line| line.contains(place) && line.ends_with(problem)),
                "{place} … {problem} in:\n{english}"
            );
        }
        assert!(
            english.contains("Problems in the prep file: 3; nothing in the database was changed."),
            "{english}"
        );
        assert_eq!(chinese_outside_quotes(&english), "", "{english}");
        let (_, _, chinese) = shuze(&["import", path, "--db", db], "zh_CN.UTF-8");
        assert!(
            chinese.contains("「主持人」 不能为空") && chinese.contains("准备文件有 3 处错误"),
            "{chinese}"
        );
    }
    assert!(
        !std::path::Path::new(db).exists()
            || shuze::storage::Store::open(std::path::Path::new(db))
                .unwrap()
                .meetings()
                .unwrap()
                .is_empty(),
        "nothing imported"
    );
}

#[test]
fn an_update_lists_its_changes_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    drop(common::sample_store(&db));
    let store = shuze::storage::Store::open(&db).unwrap();
    let mut preparation = shuze::prep::from_store(&store, 1).unwrap();
    drop(store);
    let official = &mut preparation.prepared.officials[2];
    let who = official.slot.name.clone();
    official.questions.push(shuze::prep::PreparedQuestion {
        asker: "钱某".into(),
        text: "前一天加的问题".into(),
    });
    official.slot.report_minutes += 1;
    let minutes = official.slot.report_minutes;
    let file = dir.path().join("changed.xlsx");
    shuze::prep::write_prepared(&preparation, &file, false).unwrap();
    let args = [
        "import",
        file.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--update",
    ];
    let (_, shown, _) = shuze(&[&args[..], &["--lang", "en"]].concat(), "zh_CN.UTF-8");
    for expected in [
        format!("{who}: new question '前一天加的问题'"),
        format!("{who}: report time changed to {minutes} minutes"),
        "Apply the 2 changes above? [y/N]".to_string(),
        "Nothing changed.".to_string(),
    ] {
        assert!(shown.contains(&expected), "{expected:?} in:\n{shown}");
    }
    for chinese in ["新增提问", "述责时长改为", "未作改动"] {
        assert!(!shown.contains(chinese), "{chinese} in:\n{shown}");
    }
    let (_, chinese, _) = shuze(&args, "zh_CN.UTF-8");
    assert!(
        chinese.contains(&format!("{who}：新增提问「前一天加的问题」")),
        "{chinese}"
    );
}

/// The real binary run with `LANG` set: whether it succeeded, and all it printed.
fn run(args: &[&str], lang_env: &str) -> (bool, String) {
    let (ok, out, err) = shuze(args, lang_env);
    (ok, out + &err)
}

const TITLE: &str = "某县纪委监委2026年度述责述廉会议";

/// English with the data taken out: no Chinese character or full-width punctuation left.
fn assert_english(text: &str, data: &[&str]) {
    let cjk =
        |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    let mut rest = text.to_string();
    for quoted in data {
        rest = rest.replace(quoted, "");
    }
    assert!(!rest.chars().any(cjk), "not all English:\n{text}");
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_command_line_speaks_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-db/sample.toml");

    let imported = run(
        &["--lang", "en", "import", path(&sample), "--db", path(&db)],
        "zh_CN.UTF-8",
    );
    let (ok, text) = imported;
    assert!(ok, "{text}");
    assert!(
        text.starts_with(&format!("Imported '{TITLE}' (meeting 1,")),
        "{text}"
    );
    assert_english(&text, &[TITLE]);

    let listed = run(&["meetings", path(&db)], "en_US.UTF-8");
    let (_, text) = listed;
    assert!(text.contains("officials done  in progress"), "{text}");
    assert_english(&text, &[TITLE]);

    let chinese = run(&["meetings", path(&db)], "zh_CN.UTF-8");
    assert!(chinese.1.contains("位已完成  进行中"), "{}", chinese.1);

    let refused = run(&["finish", path(&db)], "en_US.UTF-8");
    let (ok, text) = refused;
    assert!(!ok);
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
    let exported = run(
        &["export", path(&db), "--all", path(&folder)],
        "en_US.UTF-8",
    );
    let (ok, text) = exported;
    assert!(ok, "{text}");
    assert!(text.lines().all(|l| l.starts_with("Written: ")), "{text}");

    let again = run(
        &["--lang", "en", "export", path(&db), "--all", path(&folder)],
        "zh_CN.UTF-8",
    );
    let (ok, text) = again;
    assert!(!ok);
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
        let output = run(&["meetings", path(file)], "en_GB.UTF-8");
        let (ok, text) = output;
        assert!(!ok, "{text}");
        assert!(
            text.starts_with("Error: ") && text.contains(english),
            "{text}"
        );
        assert_english(&text, &[]);
        let (_, text) = run(&["meetings", path(file)], "zh_CN.UTF-8");
        assert!(
            text.starts_with("错误：") && text.contains(chinese),
            "{text}"
        );
    }
    let (dir, _) = common::temp_db();
    let db = common::sample_copy(dir.path());
    let output = run(
        &["--lang", "en", "meetings", path(&db), "--meeting", "9"],
        "C",
    );
    let (ok, text) = output;
    assert!(!ok);
    assert!(text.contains("error") || text.contains("Error"), "{text}");
    assert_english(&text, &[]);
}

#[test]
fn a_console_argument_given_with_a_command_is_refused_by_name() {
    let (ok, text) = run(&["--meeting", "2", "meetings", "x.db"], "en_US.UTF-8");
    assert!(!ok);
    assert!(
        text.contains("--meeting does not go with the command meetings"),
        "{text}"
    );
    let (ok, text) = run(&["--borders", "ascii", "finish", "x.db"], "zh_CN.UTF-8");
    assert!(!ok);
    assert!(text.contains("--borders 不能与命令 finish 同用"), "{text}");
}
