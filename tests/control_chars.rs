//! Control characters in data (issue 13): an `ESC ] 52` (write the clipboard), `ESC ] 0`
//! (window title) or `ESC [ 2J` (clear the screen), a BEL or a NUL in a title, a name or an
//! answer never reaches the terminal or a document, and a prep file holding one is refused.

mod common;

use common::*;
use shuze::app::Action::{Cancel, Command as C, Confirm, Paste, Step};
use shuze::app::Command::{AddQuestion, EditAnswer, NextStage};
use shuze::prep::{ImportError, import_file};
use shuze::storage::{Store, TextTarget};
use std::collections::BTreeSet;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// OSC 52, OSC 0, CSI 2J and BEL in a title.
const DIRTY_TITLE: &str = "某县\u{1b}]52;c;ZXZpbA==\u{7}述责述廉会议\u{1b}]0;evil\u{7}\u{1b}[2J";
/// What a document shows of it.
const CLEAN_TITLE: &str = "某县述责述廉会议";
/// NUL, BEL and CSI 2J in a name.
const DIRTY_NAME: &str = "张某\u{0}\u{7}\u{1b}[2J";
/// A text with colours, a window title and a NUL.
const DIRTY_TEXT: &str = "\u{1b}]0;evil\u{7}问题\u{1b}[31m描述\u{1b}[0m\u{0}\r\n第二行";

/// `text` with every control character as a TOML `\uXXXX` escape.
fn toml_escaped(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() => format!("\\u{:04x}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

/// Replaces the one occurrence of `from`.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} once in the sample");
    text.replacen(from, to, 1)
}

/// Line and column (from 1, columns in characters) of the one occurrence of `needle`.
fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The sample prep file with a dirty title, two dirty official names and a dirty question,
/// written with `\u`, `\e`, `\b` and `\f` escapes; and the places of the four strings.
fn dirty_prep() -> (String, Vec<String>) {
    let sample = std::fs::read_to_string(SAMPLE_TOML).unwrap();
    let title = format!("\"{}\"", toml_escaped(DIRTY_TITLE));
    let zhang = format!("\"{}\"", toml_escaped(DIRTY_NAME));
    let wang = "\"王某\\u0007\\u0000\"";
    let question = "\"巡察反馈的问题\\e[2J\\b\\f整改到了哪一步？\"";
    let text = replace_once(&sample, "\"某县纪委监委2026年度述责述廉会议\"", &title);
    let text = replace_once(&text, "name = \"张某\"", &format!("name = {zhang}"));
    let text = replace_once(&text, "name = \"王某\"", &format!("name = {wang}"));
    let text = replace_once(
        &text,
        "\"巡察反馈的惠民资金发放不规范问题，目前整改到了哪一步？有没有建立长效机制？\"",
        question,
    );
    let mut places: Vec<_> = [title.as_str(), &zhang, wang, question]
        .iter()
        .map(|value| place(&text, value))
        .collect();
    places.sort();
    let places = places.iter().map(|(l, c)| format!("{l}:{c}")).collect();
    (text, places)
}

/// No control character a terminal acts on: ESC, BEL, NUL, any C0 but tab and line breaks,
/// DEL, C1.
fn assert_no_controls(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let found: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        .collect();
    assert!(found.is_empty(), "{what} holds {found:?}:\n{text}");
}

fn shuze(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_prep_file_with_control_characters_is_refused_with_every_place() {
    let (text, places) = dirty_prep();
    let (dir, db) = temp_db();
    let file = write_prep(dir.path(), "dirty.toml", &text);
    let mut store = Store::create_or_open(&db).unwrap();
    let Err(ImportError::Invalid { problems, .. }) = import_file(&file, &mut store, at(0)) else {
        panic!("a file with control characters is refused");
    };
    let found: Vec<String> = problems
        .iter()
        .map(|p| format!("{}:{}", p.line, p.column))
        .collect();
    assert_eq!(found, places, "{problems:?}");
    assert!(problems.iter().all(|p| p.message.contains("控制字符")));
    assert!(
        problems[0].message.contains("\\u{1b} \\u{7}"),
        "{problems:?}"
    );
    assert!(store.meetings().unwrap().is_empty(), "nothing written");
}

#[test]
fn the_command_line_import_names_each_place_and_changes_nothing() {
    let (text, places) = dirty_prep();
    let dir = tempfile::tempdir().unwrap();
    let db = sample_copy(dir.path());
    let file = write_prep(dir.path(), "dirty.toml", &text);
    let output = shuze(&[
        "import",
        file.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert_no_controls("stdout", &output.stdout);
    assert_no_controls("stderr", &output.stderr);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for place in &places {
        assert!(
            stderr.contains(&format!("dirty.toml:{place}: ")),
            "{stderr}"
        );
    }
    assert!(stderr.contains("数据库未作任何改动"), "{stderr}");
    let store = Store::open(&db).unwrap();
    let meetings = store.meetings().unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(
        meetings[0].meeting.title,
        "某县纪委监委2026年度述责述廉会议"
    );
}

#[test]
fn pasted_control_sequences_are_removed_whole() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    for (step, action) in [
        C(NextStage),
        C(NextStage),
        C(EditAnswer),
        Paste("前文\u{1b}[2J\u{1b}]0;evil\u{7}后文\r\n下一行".into()),
        Cancel,
        C(AddQuestion),
        Paste("委员\u{1b}[1m某某\u{7}".into()),
        Step(1),
        Paste("为何\u{1b}]52;c;ZXZpbA==\u{7}迟迟\r\n没有开展？".into()),
        Confirm,
    ]
    .into_iter()
    .enumerate()
    {
        s.handle(action, at(10 * step as i64));
    }
    let slot = s.store.agenda(1).unwrap()[0].id;
    let questions = s.store.slot_detail(slot).unwrap().questions;
    let answer = questions[0].answer.as_ref().expect("the answer is saved");
    assert_eq!(answer.body, "前文后文\n下一行");
    let added = questions.last().unwrap();
    assert_eq!(
        (added.asker.as_str(), added.text.as_str()),
        ("委员某某", "为何迟迟 没有开展？")
    );
}

/// The recorded sample in `dir/NAME`, with dirty text put straight into the database, as a
/// file from an older version or another tool could hold it.
fn dirty_db(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut session = recorded_sample(&path);
    let slot = session.store.agenda(1).unwrap()[0].id;
    let question = session.store.slot_detail(slot).unwrap().questions[0].id;
    let answer = TextTarget::Answer { slot, question };
    session
        .store
        .save_text(answer, DIRTY_TEXT, at(300_000))
        .unwrap();
    drop(session);
    let db = rusqlite::Connection::open(&path).unwrap();
    // The hash chain's function, so that the chain's triggers run (what is tested here is
    // the text, not the chain: tests/chain.rs).
    shuze::storage::chain::register(&db).unwrap();
    // Another tool could drop the schema's guards and write in place.
    db.execute_batch(
        "DROP TRIGGER agenda_slot_prepared_no_update; DROP TRIGGER question_no_update;
         DROP TRIGGER duty_item_no_update; DROP TRIGGER risk_point_no_update;
         DROP TRIGGER attendee_no_update;",
    )
    .unwrap();
    let updates = [
        ("UPDATE meeting SET title = ?1", DIRTY_TITLE),
        ("UPDATE meeting SET place = ?1, chair = ?1", DIRTY_TEXT),
        (
            "UPDATE agenda_slot SET name = ?1 WHERE position IN (1, 2)",
            DIRTY_NAME,
        ),
        ("UPDATE unit SET name = name || ?1", "\u{1b}]0;evil\u{7}"),
        ("UPDATE question SET text = ?1, asker = ?1", DIRTY_TEXT),
        ("UPDATE duty_item SET progress = ?1", DIRTY_TEXT),
        (
            "UPDATE risk_point SET text = ?1, measures = json_array(?1)",
            DIRTY_TEXT,
        ),
        (
            "UPDATE attendee SET name = ?1 WHERE position = 1",
            DIRTY_NAME,
        ),
        // Revisions and follow-ups only grow (the schema refuses updates): dirty text
        // arrives as newer rows.
        (
            "INSERT INTO text_revision (kind, slot_id, question_id, body, saved_at)
             SELECT kind, slot_id, question_id, body || ?1, saved_at FROM text_revision",
            DIRTY_TEXT,
        ),
        (
            "INSERT INTO follow_up_change (follow_up_id, category, problem, task, measure,
                 lead, owner, deadline, mode, progress, status, copied_to, changed_at)
             SELECT id, category, ?1, ?1, measure, lead, owner, deadline, mode, ?1, status,
                 copied_to, created_at FROM follow_up",
            DIRTY_TEXT,
        ),
    ];
    for (sql, text) in updates {
        assert!(db.execute(sql, [text]).unwrap() > 0, "{sql}");
    }
    path
}

/// Exports everything from `db` into `dir/out` with the real binary; returns the files.
fn export_all(db: &Path, dir: &Path) -> Vec<PathBuf> {
    let out = dir.join("out");
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
    assert_no_controls("export stdout", &output.stdout);
    assert_no_controls("export stderr", &output.stderr);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    // The three kinds in their formats, and a copy for each leader in charge.
    let copies = files
        .iter()
        .filter(|f| f.to_string_lossy().contains("抄告"))
        .count();
    assert_eq!((files.len() - copies, copies > 0), (9, true), "{files:?}");
    files
}

/// Every part of a DOCX or XLSX, by name.
fn parts(file: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(file).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|index| {
            let mut part = zip.by_index(index).unwrap();
            let mut data = Vec::new();
            part.read_to_end(&mut data).unwrap();
            (part.name().unwrap().to_string(), data)
        })
        .collect()
}

fn has_xmllint() -> bool {
    Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn say_skipped(what: &str) {
    skip(&format!("control_chars: {what}"));
}

/// `xmllint --noout -` on `xml`: its complaint when not well-formed.
fn well_formed(xml: &[u8]) -> Result<(), String> {
    let mut child = Command::new("xmllint")
        .args(["--noout", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(xml).unwrap();
    let output = child.wait_with_output().unwrap();
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

fn assert_file_clean(file: &Path, xmllint: bool) {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let zipped = matches!(name.rsplit('.').next(), Some("docx" | "xlsx"));
    if !zipped {
        let bytes = std::fs::read(file).unwrap();
        assert_no_controls(&name, &bytes);
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains("问题描述"),
            "{name} shows the dirty text, cleaned"
        );
        for escape in [
            "\\u001b", "\\u0007", "\\u0000", "\\u{1b}", "&#27;", "&#x1b;",
        ] {
            assert!(!text.contains(escape), "{name} holds {escape}");
        }
        return;
    }
    for (part, data) in parts(file) {
        assert_no_controls(&format!("{name}: {part}"), &data);
        let text = String::from_utf8_lossy(&data);
        assert!(!text.contains(['\u{fffe}', '\u{ffff}']), "{name}: {part}");
        assert!(
            !text.contains("&#27;") && !text.contains("&#x1b;"),
            "{name}: {part}"
        );
        let xml = part.ends_with(".xml") || part.ends_with(".rels");
        if xmllint && xml {
            let checked = well_formed(&data);
            assert!(
                checked.is_ok(),
                "{name}: {part} is not well-formed XML: {checked:?}"
            );
        }
    }
}

#[test]
fn dirty_text_in_the_database_reaches_neither_terminal_nor_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = dirty_db(dir.path(), "dirty.db");
    let listed = shuze(&["meetings", db.to_str().unwrap()]);
    assert!(listed.status.success());
    assert_no_controls("meetings stdout", &listed.stdout);
    assert_no_controls("meetings stderr", &listed.stderr);
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert!(
        stdout.contains("某县\\u{1b}]52;c;ZXZpbA==\\u{7}述责"),
        "{stdout}"
    );

    let xmllint = has_xmllint();
    if !xmllint {
        say_skipped(
            "xmllint well-formedness of DOCX/XLSX parts: xmllint not installed (apt-get install libxml2-utils); parts checked for control characters only",
        );
    }
    let files = export_all(&db, dir.path());
    for file in &files {
        assert_file_clean(file, xmllint);
    }
    let record = files
        .iter()
        .find(|f| f.ends_with("2026-12-18-会议记录.md"))
        .unwrap();
    let record = std::fs::read_to_string(record).unwrap();
    assert!(
        record.starts_with(&format!("内部资料 注意保存\n\n# {CLEAN_TITLE}记录")),
        "{record}"
    );
    assert!(
        record.contains("问题描述  \n第二行"),
        "the line break kept:\n{record}"
    );
}

/// The problems `ooxml-validate` finds in `file`, without its path and repeat counts.
fn schema_problems(tool: &Path, file: &Path) -> (bool, BTreeSet<String>) {
    let output = Command::new(tool).arg(file).output().unwrap();
    let prefix = format!("{}: ", file.display());
    let report = String::from_utf8_lossy(&output.stdout);
    let problems = report
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix))
        .map(|line| line.split("  (x").next().unwrap_or(line).to_string())
        .collect();
    (output.status.success(), problems)
}

#[test]
fn dirty_text_adds_no_schema_problem_to_word_or_excel() {
    if !has_xmllint() {
        say_skipped(
            "ooxml-validate of DOCX/XLSX: xmllint not installed (apt-get install libxml2-utils)",
        );
        return;
    }
    let Some(tool) = ooxml_validator() else {
        return;
    };
    let dirty_dir = tempfile::tempdir().unwrap();
    let clean_dir = tempfile::tempdir().unwrap();
    let dirty = export_all(&dirty_db(dirty_dir.path(), "dirty.db"), dirty_dir.path());
    let clean_db = clean_dir.path().join("clean.db");
    drop(recorded_sample(&clean_db));
    let clean = export_all(&clean_db, clean_dir.path());
    for (dirty, clean) in dirty.iter().zip(&clean) {
        if let Some("docx" | "xlsx") = dirty.extension().and_then(|e| e.to_str()) {
            for file in [dirty, clean] {
                let (valid, found) = schema_problems(&tool, file);
                assert!(valid && found.is_empty(), "{}: {found:?}", file.display());
            }
        }
    }
}
