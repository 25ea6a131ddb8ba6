//! The tamper-evident record (issue 21): `shuze verify` on an intact file and on files
//! changed with SQL behind the program's back, the hash the exports print, and the
//! classification line in every format. The real binary on real files.

mod common;

use common::*;
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;
use std::process::{Command as Process, Output};

fn shuze(args: &[&str]) -> Output {
    Process::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("shuze-test-data"),
        )
        .output()
        .unwrap()
}

fn verify(db: &Path) -> (bool, String, String) {
    let out = shuze(&["verify", db.to_str().unwrap()]);
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

/// A file with a morning's recording in it (answers, remarks, a rating, a follow-up).
fn recorded(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("meeting.db");
    drop(recorded_sample(&path));
    path
}

/// What another tool does to change a table the triggers guard: drops the triggers named,
/// runs `sql`, and puts the triggers back as they were (so the schema compares equal).
fn behind_the_program(db: &Path, triggers: &[&str], sql: &str) {
    let conn = Connection::open(db).unwrap();
    let mut kept = Vec::new();
    for name in triggers {
        let text: String = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [name],
                |row| row.get(0),
            )
            .unwrap();
        conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
        kept.push(text);
    }
    conn.execute_batch(sql).unwrap();
    for text in kept {
        conn.execute_batch(&text).unwrap();
    }
}

fn one(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |row| row.get(0))
        .unwrap()
}

fn last_hash(db: &Path) -> String {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT hash FROM chain_entry WHERE tbl <> 'export_made' ORDER BY seq DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .unwrap()
}

/// The hash printed after "记录散列（SHA-256）" in `text`: eight groups of eight hex digits
/// (in a Word file, markup may stand between them).
fn printed_hash(text: &str) -> String {
    let at = text.find("SHA-256").expect("no hash printed");
    let groups: Vec<&str> = text[at..]
        .split(|c: char| !c.is_ascii_hexdigit())
        .filter(|word| word.len() == 8)
        .take(8)
        .collect();
    assert_eq!(groups.len(), 8, "no hash of 8 groups printed");
    groups.concat()
}

#[test]
fn an_intact_record_is_said_intact_with_its_last_hash() {
    let dir = tempfile::tempdir().unwrap();
    let db = recorded(dir.path());
    let (ok, out, err) = verify(&db);
    assert!(ok, "{out}{err}");
    assert!(out.contains("记录完整"), "{out}");
    assert_eq!(printed_hash(&out), last_hash(&db));
    assert!(out.contains("链始于"), "{out}");
}

#[test]
fn an_answer_changed_with_sql_is_named_by_table_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = recorded(dir.path());
    let row = one(
        &db,
        "SELECT max(id) FROM text_revision WHERE kind = 'answer'",
    );
    behind_the_program(
        &db,
        &["text_revision_no_update", "text_revision_chain_update"],
        &format!("UPDATE text_revision SET body = '我有收受红包' WHERE id = {row}"),
    );
    let (ok, out, err) = verify(&db);
    assert!(!ok, "{out}");
    assert!(!out.contains("记录完整"), "{out}");
    let named = format!("表 text_revision 第 {row} 行在程序之外被改过");
    assert!(err.contains(&named), "{err}");
}

#[test]
fn a_row_deleted_with_sql_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = recorded(dir.path());
    let row = one(&db, "SELECT max(rowid) FROM rating");
    behind_the_program(
        &db,
        &["rating_no_delete", "rating_chain_delete"],
        &format!("DELETE FROM rating WHERE rowid = {row}"),
    );
    let (ok, _, err) = verify(&db);
    assert!(!ok);
    assert!(
        err.contains(&format!("表 rating 第 {row} 行在程序之外被删除")),
        "{err}"
    );
}

#[test]
fn the_last_entry_removed_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = recorded(dir.path());
    let last = one(&db, "SELECT max(seq) FROM chain_entry");
    behind_the_program(
        &db,
        &["chain_entry_no_delete"],
        &format!("DELETE FROM chain_entry WHERE seq = {last}"),
    );
    let (ok, out, err) = verify(&db);
    assert!(!ok, "{out}");
    assert!(err.contains(&format!("链的第 {last} 项被删除")), "{err}");
}

#[test]
fn a_row_inserted_behind_the_program_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = recorded(dir.path());
    let insert = "INSERT INTO text_revision (kind, slot_id, body, saved_at)
                  VALUES ('remarks', 1, '后加的点评', '2026-12-18T02:00:00Z')";
    // Without the program's hashing function a plain tool cannot write the table at all.
    let refused = Connection::open(&db).unwrap().execute_batch(insert);
    assert!(
        refused.unwrap_err().to_string().contains("shuze_sha256"),
        "a plain insert went through"
    );
    behind_the_program(&db, &["text_revision_chain_insert"], insert);
    let row = one(&db, "SELECT max(id) FROM text_revision");
    let (ok, _, err) = verify(&db);
    assert!(!ok);
    assert!(
        err.contains(&format!("表 text_revision 第 {row} 行不在链上")),
        "{err}"
    );
}

#[test]
fn an_entry_rewritten_with_its_hash_breaks_the_link_to_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let db = recorded(dir.path());
    let middle = one(&db, "SELECT max(seq) / 2 FROM chain_entry");
    behind_the_program(
        &db,
        &["chain_entry_no_update"],
        &format!("UPDATE chain_entry SET hash = '00' || substr(hash, 3) WHERE seq = {middle}"),
    );
    let (ok, _, err) = verify(&db);
    assert!(!ok);
    assert!(err.contains(&format!("链的第 {middle} 项被改过")), "{err}");
    let next = middle + 1;
    assert!(
        err.contains(&format!("链的第 {next} 项与前一项接不上")),
        "{err}"
    );
}

#[test]
fn a_file_from_before_the_chain_starts_it_at_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    let conn = Connection::open(&db).unwrap();
    for step in &shuze::storage::schema_steps()[..11] {
        conn.execute_batch(step).unwrap();
    }
    conn.execute_batch(
        "PRAGMA user_version = 11;
         INSERT INTO unit (id, name) VALUES (1, '某某镇');
         INSERT INTO meeting (id, title, held_on, chair, recorder, created_at)
         VALUES (1, '会议', '2026-12-18', '马某', '李某', '2026-12-01T00:00:00Z');",
    )
    .unwrap();
    drop(conn);
    drop(shuze::storage::Store::open(&db).unwrap());
    let (ok, out, err) = verify(&db);
    assert!(ok, "{out}{err}");
    assert!(out.contains("升级到第 12 步时；此前已有的 2 行"), "{out}");
    // A row the upgrade entered as it stood, changed afterwards, is found like any other.
    behind_the_program(
        &db,
        &["unit_chain_update"],
        "UPDATE unit SET name = '某某乡' WHERE id = 1",
    );
    let (ok, _, err) = verify(&db);
    assert!(!ok);
    assert!(err.contains("表 unit 第 1 行在程序之外被改过"), "{err}");
}

fn zip_part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_hash_on_every_exported_document_is_the_one_verify_prints() {
    let dir = tempfile::tempdir().unwrap();
    let db = recorded(dir.path());
    let out = dir.path().join("导出");
    let made = shuze(&[
        "export",
        db.to_str().unwrap(),
        "--all",
        out.to_str().unwrap(),
    ]);
    assert!(made.status.success(), "{made:?}");
    let (ok, said, err) = verify(&db);
    assert!(ok, "{said}{err}");
    let verified = printed_hash(&said);
    for name in [
        "会议记录.md",
        "会议纪要.md",
        "会议记录.html",
        "会议纪要.html",
    ] {
        let text = read_named(&out, name);
        assert_eq!(printed_hash(&text), verified, "{name}");
    }
    for name in ["会议记录.docx", "会议纪要.docx"] {
        let xml = zip_part(&named(&out, name), "word/document.xml");
        assert_eq!(printed_hash(&xml), verified, "{name}");
    }
    let json: serde_json::Value = serde_json::from_str(&read_named(&out, "会议记录.json")).unwrap();
    assert_eq!(json["chain"]["hash"], verified.as_str());
    // Each file written is listed by verify, with the path it went to.
    assert!(said.contains("导出 9 次"), "{said}");
    assert!(said.contains("会议纪要.docx"), "{said}");
}

fn named(dir: &Path, ending: &str) -> std::path::PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(ending))
        .unwrap_or_else(|| panic!("no {ending} in {}", dir.display()))
}

fn read_named(dir: &Path, ending: &str) -> String {
    std::fs::read_to_string(named(dir, ending)).unwrap()
}

/// Every format's place for the mark holds `mark`.
fn assert_marked(dir: &Path, mark: &str) {
    for name in ["会议记录.docx", "会议纪要.docx"] {
        let header = zip_part(&named(dir, name), "word/header1.xml");
        assert!(header.contains(mark), "{name}'s page header: {header}");
    }
    for name in ["会议记录.html", "会议纪要.html"] {
        let html = read_named(dir, name);
        let header = &html[html.find("<header").unwrap()..html.find("</header>").unwrap()];
        assert!(header.contains(mark), "{name}: {header}");
    }
    for name in ["会议记录.md", "会议纪要.md"] {
        let md = read_named(dir, name);
        assert_eq!(md.lines().next(), Some(mark), "{name}");
    }
    let json: serde_json::Value = serde_json::from_str(&read_named(dir, "会议记录.json")).unwrap();
    assert_eq!(json["mark"], mark);
    let sheet = zip_part(
        &named(dir, "整改台账（草稿）.xlsx"),
        "xl/worksheets/sheet1.xml",
    );
    let header = &sheet[sheet.find("<oddHeader>").expect("no print header")..];
    let header = &header[..header.find("</oddHeader>").unwrap()];
    assert!(header.starts_with("<oddHeader>&amp;L"), "{header}");
    assert!(header.contains(mark), "the XLSX print header: {header}");
}

#[test]
fn every_export_is_marked_for_internal_use_unless_told_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let db = recorded(dir.path());
    let plain = dir.path().join("默认");
    let made = shuze(&[
        "export",
        db.to_str().unwrap(),
        "--all",
        plain.to_str().unwrap(),
    ]);
    assert!(made.status.success(), "{made:?}");
    assert_marked(&plain, "内部资料 注意保存");
    let other = dir.path().join("另定");
    let made = shuze(&[
        "export",
        db.to_str().unwrap(),
        "--all",
        other.to_str().unwrap(),
        "--mark",
        "秘密★1年",
    ]);
    assert!(made.status.success(), "{made:?}");
    assert_marked(&other, "秘密★1年");
}

#[test]
fn the_prep_file_gives_the_mark_and_the_command_line_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let toml = std::fs::read_to_string(SAMPLE_TOML).unwrap();
    let toml = toml.replacen("[meeting]\n", "[meeting]\nmark = \"机密 会后收回\"\n", 1);
    let prep = write_prep(dir.path(), "prep.toml", &toml);
    let db = dir.path().join("m.db");
    let imported = shuze(&[
        "import",
        prep.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(imported.status.success(), "{imported:?}");
    let out = dir.path().join("out.md");
    let args = [
        "export",
        db.to_str().unwrap(),
        "--kind",
        "record",
        "--format",
        "md",
    ];
    let made = shuze(&[&args[..], &["-o", out.to_str().unwrap()]].concat());
    assert!(made.status.success(), "{made:?}");
    let md = std::fs::read_to_string(&out).unwrap();
    assert_eq!(md.lines().next(), Some("机密 会后收回"));
    let again = dir.path().join("again.md");
    let made = shuze(
        &[
            &args[..],
            &["-o", again.to_str().unwrap(), "--mark", "内部"],
        ]
        .concat(),
    );
    assert!(made.status.success(), "{made:?}");
    let md = std::fs::read_to_string(&again).unwrap();
    assert_eq!(md.lines().next(), Some("内部"));
}

#[test]
fn verify_says_why_it_cannot_check_a_file_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothere.db");
    let (ok, _, err) = verify(&missing);
    assert!(
        !ok && err.contains("数据库文件不存在") && err.contains("nothere.db"),
        "{err}"
    );
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "hello").unwrap();
    let (ok, _, err) = verify(&junk);
    assert!(!ok && err.contains("不是 shuze 的数据库文件"), "{err}");
    assert_eq!(std::fs::read(&junk).unwrap(), b"hello");
    // A file of step 11 has no chain yet: opening it once starts one.
    let old = dir.path().join("old.db");
    let conn = Connection::open(&old).unwrap();
    for step in &shuze::storage::schema_steps()[..11] {
        conn.execute_batch(step).unwrap();
    }
    conn.execute_batch("PRAGMA user_version = 11").unwrap();
    drop(conn);
    let (ok, _, err) = verify(&old);
    assert!(!ok && err.contains("的格式版本是 11"), "{err}");
}
