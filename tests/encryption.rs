//! Encryption at rest: a meeting imported with `--encrypt`, opened with its passphrase in a
//! real terminal or from a key file, converted both ways and to a new passphrase; a wrong
//! passphrase said plainly; a key file others can read refused; and no readable text of an
//! encrypted meeting in any file the program writes (the bytes of a known answer grepped in
//! the file, its log and the rescue files).

mod common;

use common::pty::Console;
use common::{SAMPLE_TOML, wait_until};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PASSPHRASE: &str = "县纪委口令 2026";
/// In the sample's title: readable in a plain file, nowhere in an encrypted one.
const TITLE_WORDS: &str = "述责述廉会议";
const ANSWER: &str = "我没有收受红包甲乙丙";

fn shuze(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .current_dir(dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("LANG", "C.UTF-8")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A key file of the owner's only, holding `passphrase` and a line break.
fn key_file(dir: &Path, name: &str, passphrase: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("{passphrase}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    path
}

/// An encrypted copy of the sample meeting, `meeting.db` in `dir`, and its key file.
fn encrypted_sample(dir: &Path) -> (PathBuf, PathBuf) {
    let key = key_file(dir, "key", PASSPHRASE);
    let db = dir.join("meeting.db");
    let out = shuze(
        dir,
        &[
            "import",
            SAMPLE_TOML,
            "--db",
            "meeting.db",
            "--encrypt",
            "--key-file",
            "key",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    (db, key)
}

fn bytes_hold(path: &Path, text: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

/// Every file under `dir` (the data folder and the temporary rescue folder included when
/// they are inside it) whose bytes hold `text`.
fn files_holding(dir: &Path, text: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if bytes_hold(&path, text) {
                found.push(path);
            }
        }
    }
    found
}

/// The file's plain SQLite header, or not.
fn is_plain(path: &Path) -> bool {
    std::fs::read(path)
        .unwrap()
        .starts_with(b"SQLite format 3\0")
}

/// Whether the encrypted file holds `text` as the console saves it, read with `passphrase`.
fn holds_answer(db: &Path, passphrase: &str, text: &str) -> bool {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let Ok(conn) = rusqlite::Connection::open_with_flags(db, flags) else {
        return false;
    };
    if conn.pragma_update(None, "key", passphrase).is_err() {
        return false;
    }
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM text_draft_now WHERE instr(body, ?1))
             OR EXISTS (SELECT 1 FROM text_revision WHERE instr(body, ?1))",
        [text],
        |row| row.get(0),
    )
    .unwrap_or(false)
}

#[test]
fn an_encrypted_import_holds_no_readable_text_and_opens_with_its_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _key) = encrypted_sample(dir.path());
    assert!(!is_plain(&db));
    assert_eq!(
        files_holding(dir.path(), TITLE_WORDS),
        Vec::<PathBuf>::new()
    );
    // Without the passphrase SQLite itself reads nothing of it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert!(
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
            .is_err()
    );
    let listed = shuze(dir.path(), &["meetings", "meeting.db", "--key-file", "key"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert!(stdout(&listed).contains(TITLE_WORDS), "{}", stdout(&listed));
    // An export reads it too, the key from the file.
    let exported = shuze(
        dir.path(),
        &[
            "export",
            "meeting.db",
            "--kind",
            "record",
            "--format",
            "md",
            "-o",
            "record.md",
            "--key-file",
            "key",
        ],
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    // The sample stays plain: the console's working copy is not asked for a passphrase.
    assert!(is_plain(Path::new(common::SAMPLE_DB)));
}

#[test]
fn a_wrong_passphrase_is_said_plainly_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    encrypted_sample(dir.path());
    key_file(dir.path(), "wrong", "不是这个口令");
    for args in [
        &["meetings", "meeting.db", "--key-file", "wrong"][..],
        &[
            "export",
            "meeting.db",
            "--all",
            "out",
            "--key-file",
            "wrong",
        ],
        &["finish", "meeting.db", "--yes", "--key-file", "wrong"],
    ] {
        let out = shuze(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let said = stderr(&out);
        assert!(said.contains("口令不对"), "{args:?}: {said}");
        assert!(!said.contains("不是 shuze 的数据库"), "{said}");
        assert!(!said.contains("hmac"), "SQLCipher's own log: {said}");
    }
    let out = shuze(
        dir.path(),
        &[
            "--lang",
            "en",
            "meetings",
            "meeting.db",
            "--key-file",
            "wrong",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Wrong passphrase"),
        "{}",
        stderr(&out)
    );
    // Without a terminal or a key file: which file needs a passphrase, and how to give it.
    let out = shuze(dir.path(), &["meetings", "meeting.db"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("需要口令"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--key-file"), "{}", stderr(&out));
}

#[test]
fn a_key_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (_db, key) = encrypted_sample(dir.path());
    for mode in [0o644, 0o640, 0o604] {
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(mode)).unwrap();
        let out = shuze(dir.path(), &["meetings", "meeting.db", "--key-file", "key"]);
        assert_eq!(out.status.code(), Some(1));
        let said = stderr(&out);
        assert!(
            said.contains("口令文件 key") && said.contains("chmod 600"),
            "{said}"
        );
        assert!(stdout(&out).is_empty());
    }
    // And a new file is not created with one.
    let out = shuze(
        dir.path(),
        &[
            "import",
            SAMPLE_TOML,
            "--db",
            "new.db",
            "--encrypt",
            "--key-file",
            "key",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("new.db").exists());
    let missing = shuze(
        dir.path(),
        &["meetings", "meeting.db", "--key-file", "nokey"],
    );
    assert!(stderr(&missing).contains("找不到口令文件 nokey"));
}

#[test]
fn a_file_is_encrypted_decrypted_and_rekeyed_through_new_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::sample_copy(dir.path());
    assert!(bytes_hold(&db, TITLE_WORDS));
    key_file(dir.path(), "key", PASSPHRASE);

    let out = shuze(dir.path(), &["encrypt", "meeting.db", "--key-file", "key"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!is_plain(&db));
    assert_eq!(
        files_holding(dir.path(), TITLE_WORDS),
        Vec::<PathBuf>::new()
    );
    // No half-made file beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("converting")), "{names:?}");
    // Encrypting it again is refused, the file untouched.
    let before = std::fs::read(&db).unwrap();
    let again = shuze(dir.path(), &["encrypt", "meeting.db", "--key-file", "key"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("rekey"), "{}", stderr(&again));
    assert_eq!(std::fs::read(&db).unwrap(), before);

    key_file(dir.path(), "new-key", "新口令");
    let out = shuze(
        dir.path(),
        &[
            "rekey",
            "meeting.db",
            "--key-file",
            "key",
            "--new-key-file",
            "new-key",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let old = shuze(dir.path(), &["meetings", "meeting.db", "--key-file", "key"]);
    assert_eq!(old.status.code(), Some(1));
    assert!(stderr(&old).contains("口令不对"));
    let new = shuze(
        dir.path(),
        &["meetings", "meeting.db", "--key-file", "new-key"],
    );
    assert!(stdout(&new).contains(TITLE_WORDS), "{}", stderr(&new));

    let out = shuze(
        dir.path(),
        &[
            "decrypt",
            "meeting.db",
            "-o",
            "plain.db",
            "--key-file",
            "new-key",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let plain = dir.path().join("plain.db");
    assert!(is_plain(&plain) && bytes_hold(&plain, TITLE_WORDS));
    assert!(
        !is_plain(&db),
        "decrypt writes a new file and leaves the old one"
    );
    let listed = shuze(dir.path(), &["meetings", "plain.db"]);
    assert!(stdout(&listed).contains(TITLE_WORDS), "{}", stderr(&listed));
    // A decryption never overwrites a file.
    let before = std::fs::read(&plain).unwrap();
    let out = shuze(
        dir.path(),
        &[
            "decrypt",
            "meeting.db",
            "-o",
            "plain.db",
            "--key-file",
            "new-key",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&plain).unwrap(), before);
}

#[test]
fn the_console_asks_the_passphrase_three_times_and_keeps_nothing_readable() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = encrypted_sample(dir.path());
    let key_arg = key.to_string_lossy().into_owned();
    let data = dir.path().join("data");
    let data_home = data.to_string_lossy().into_owned();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let tmp_dir = tmp.to_string_lossy().into_owned();
    let env = [
        ("XDG_DATA_HOME", data_home.as_str()),
        ("TMPDIR", tmp_dir.as_str()),
    ];
    let db_arg = db.to_string_lossy().into_owned();

    // Three wrong tries: a plain message, exit 1, the file untouched.
    // Typed without waiting for each prompt: keys typed ahead are taken, never echoed.
    let mut console = Console::start_with_env(&[&db_arg], 120, 40, &env);
    console.wait_for("请输入口令", 20);
    console.send_now("错的\r错的\r");
    console.wait_for("还有 1 次", 20);
    console.send_now("错的\r");
    assert!(
        !console.wait_exit(30),
        "the console ends, failing, after three tries"
    );
    assert!(
        console.output().contains("口令不对"),
        "{}",
        console.screen()
    );
    assert!(
        !console.output().contains("错的"),
        "echoed: {}",
        console.screen()
    );

    // The right one on the second try: the console opens and records.
    let mut console = Console::start_with_env(&[&db_arg], 120, 40, &env);
    console.wait_for("请输入口令", 20);
    console.send_now("错的\r");
    console.wait_for("还有 2 次", 20);
    console.send_now(&format!("{PASSPHRASE}\r"));
    console.wait_for("待述责", 30);
    assert!(!console.screen().contains(PASSPHRASE), "typed without echo");
    console.begin_report();
    console.send_now("\r");
    console.wait_for("记录回答", 10);
    console.send_now(ANSWER);
    wait_until(20, "the answer in the encrypted file", || {
        holds_answer(&db, PASSPHRASE, ANSWER)
    });
    // Killed mid-answer: what is on disk (the file, its log) holds none of it readable.
    let killed = Command::new("kill")
        .args(["-9", &console.pid().unwrap().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(!console.wait_exit(10));
    assert_eq!(files_holding(dir.path(), ANSWER), Vec::<PathBuf>::new());
    assert_eq!(
        files_holding(dir.path(), TITLE_WORDS),
        Vec::<PathBuf>::new()
    );

    // Opened again with the key file: the answer is there.
    let mut console = Console::start_with_env(&[&db_arg, "--key-file", &key_arg], 120, 40, &env);
    console.wait_for(ANSWER, 30);
    console.send_now("\x1b");
    console.wait_for("待问", 10);
    console.send_now("q");
    assert!(console.wait_exit(20));
    assert_eq!(files_holding(dir.path(), ANSWER), Vec::<PathBuf>::new());
}

#[test]
fn an_encrypted_meetings_rescue_is_sealed_and_read_back_with_the_passphrase() {
    use shuze::rescue::{Owner, Rescue};
    use shuze::storage::cipher;
    use shuze::view::TextTarget;
    let dir = tempfile::tempdir().unwrap();
    let (db, _key) = encrypted_sample(dir.path());
    let rescue = Rescue {
        db: db.clone(),
        owner: Some(Owner {
            file: "0123456789abcdef0123456789abcdef".into(),
            meeting: 1,
        }),
        target: TextTarget::Answer {
            slot: 1,
            question: 1,
        },
        saved_at: common::at(0),
        body: ANSWER.into(),
    };
    let folder = dir.path().join("rescue");
    cipher::use_passphrase(Some(PASSPHRASE.into()));
    let written = shuze::rescue::write(&rescue, std::slice::from_ref(&folder)).unwrap();
    let found = shuze::rescue::find(
        &db,
        rescue.owner.as_ref().unwrap(),
        std::slice::from_ref(&folder),
    );
    cipher::use_passphrase(None);
    assert!(
        written.to_string_lossy().ends_with(".sealed"),
        "{written:?}"
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1.body, ANSWER);
    assert_eq!(files_holding(dir.path(), ANSWER), Vec::<PathBuf>::new());

    let file = written.to_string_lossy().into_owned();
    let shown = shuze(dir.path(), &["rescue", &file, "--key-file", "key"]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    assert!(stdout(&shown).contains(ANSWER), "{}", stdout(&shown));
    key_file(dir.path(), "wrong", "不是这个口令");
    let refused = shuze(dir.path(), &["rescue", &file, "--key-file", "wrong"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("口令不对"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn the_audience_view_of_an_encrypted_meeting_asks_the_passphrase_and_follows() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = encrypted_sample(dir.path());
    let db_arg = db.to_string_lossy().into_owned();
    let key_arg = key.to_string_lossy().into_owned();
    let data = dir.path().join("data").to_string_lossy().into_owned();
    let env = [("XDG_DATA_HOME", data.as_str())];
    let mut recorder = Console::start_with_env(&[&db_arg, "--key-file", &key_arg], 120, 36, &env);
    recorder.wait_for("第 1/8 位", 30);
    let mut audience = Console::start_with_env(&["present", &db_arg], 100, 30, &env);
    audience.wait_for("请输入口令", 20);
    audience.send_now(&format!("{PASSPHRASE}\r"));
    audience.wait_for("主持人", 30);
    recorder.send("1v");
    audience.wait_for("某某镇党委书记", 10);
    recorder.send("q");
    assert!(recorder.wait_exit(20));
    assert_eq!(
        files_holding(dir.path(), "某某镇党委书记"),
        Vec::<PathBuf>::new()
    );
}
