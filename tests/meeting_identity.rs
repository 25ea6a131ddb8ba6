//! The same meeting, always: a console reopens the meeting it was recording whatever was
//! imported into the file meanwhile (a newer one is named, never opened), `shuze present`
//! follows the meeting the console has open (and says which it shows when none is open),
//! and rescued texts are offered only to the meeting of the file they were typed in.

mod common;

use common::pty::Console;
use common::*;
use shuze::app::Mode;
use shuze::labels::Lang;
use shuze::lock::RecorderLock;
use shuze::present::Audience;
use shuze::rescue::{self, Owner, Rescue};
use shuze::session::Session;
use shuze::storage::Store;
use shuze::view::TextTarget;
use std::path::{Path, PathBuf};

/// A second meeting, prepared for a later day than the sample's: the one a console used to
/// open instead of the meeting it was recording.
fn import_later_meeting(db: &Path) {
    let dir = db.parent().unwrap();
    let prep = MINIMAL_PREP.replace("2026-12-18", "2026-12-20");
    let prep = write_prep(dir, "next.toml", &prep);
    let mut store = Store::open(db).unwrap();
    shuze::prep::import_file(&prep, &mut store, at(5)).unwrap();
}

#[test]
fn a_console_reopens_the_meeting_it_recorded_and_names_a_later_import() {
    let (dir, path) = temp_db();
    let mut session = sample_session(&path);
    session.settle_in(at(1));
    assert_eq!(session.console.snapshot.meeting.id, 1);
    session.close();
    import_later_meeting(&path);

    let store = Store::open(&path).unwrap();
    let mut session = Session::open(store, None, Lang::Zh, at(10)).unwrap();
    session.settle_in(at(10));
    assert_eq!(
        session.console.snapshot.meeting.title, "某县纪委监委2026年度述责述廉会议",
        "the meeting recorded before, not the one imported since"
    );
    let said = session.console.recorder.message.clone().unwrap().text;
    assert!(
        said.contains("第2场「测试会议」（2026-12-20）") && said.contains("--meeting 2"),
        "{said}"
    );
    drop(dir);
}

#[test]
fn a_meeting_named_on_the_command_line_becomes_the_one_reopened() {
    let (_dir, path) = temp_db();
    sample_session(&path).close();
    import_later_meeting(&path);
    let store = Store::open(&path).unwrap();
    let mut second = Session::open(store, Some(2), Lang::Zh, at(10)).unwrap();
    second.settle_in(at(10));
    second.close();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.meeting_to_open().unwrap(), 2);
    let session = Session::open(store, None, Lang::Zh, at(20)).unwrap();
    assert_eq!(session.console.snapshot.meeting.title, "测试会议");
}

#[test]
fn the_audience_view_follows_the_console_and_says_when_none_records() {
    let (_dir, path) = temp_db();
    let mut console = sample_session(&path);
    console.settle_in(at(1));
    import_later_meeting(&path);

    let mut audience =
        Audience::open(Store::open_read_only(&path).unwrap(), None, Lang::Zh, false).unwrap();
    assert_eq!(audience.meeting, 1, "the console's meeting, not the newest");
    let notice = audience
        .projection()
        .notice
        .expect("no console holds the lock");
    assert!(
        notice.contains("控制台未在记录") && notice.contains("第1场"),
        "{notice}"
    );

    // A console takes the recorder's lock: the notice goes at the next look.
    let lock = RecorderLock::acquire(&path, 1, &console.store).unwrap();
    assert!(audience.follow().unwrap(), "the lock changed what is shown");
    assert_eq!(audience.projection().notice, None);
    drop(lock);
    assert!(audience.follow().unwrap());
    assert!(audience.projection().notice.is_some());

    // Gone for more than a minute: the room's clock stops where the console left it.
    let left = at(40);
    audience.set_now(left);
    assert_eq!(
        audience.next_clock_change(),
        Some(left + chrono::Duration::seconds(60)),
        "the view wakes when the console has been gone a minute"
    );
    audience.set_now(left + chrono::Duration::seconds(59));
    assert_eq!(
        audience.projection().now,
        left + chrono::Duration::seconds(59)
    );
    audience.set_now(left + chrono::Duration::seconds(150));
    let projection = audience.projection();
    assert_eq!(
        projection.now, left,
        "the clock stopped when the console went"
    );
    let notice = projection.notice.unwrap();
    assert!(notice.contains("控制台已离开2分钟：计时已停"), "{notice}");
    assert_eq!(
        audience.next_clock_change(),
        None,
        "a stopped clock wakes nothing"
    );

    // The console opens the other meeting: the audience view moves with it.
    console.close();
    let store = Store::open(&path).unwrap();
    let mut other = Session::open(store, Some(2), Lang::Zh, at(30)).unwrap();
    other.settle_in(at(30));
    assert!(audience.follow().unwrap());
    assert_eq!(audience.meeting, 2);
    assert_eq!(audience.snapshot.meeting.title, "测试会议");

    // A meeting named with --meeting stays, whatever the console opens.
    let pinned = Audience::open(
        Store::open_read_only(&path).unwrap(),
        Some(1),
        Lang::Zh,
        false,
    )
    .unwrap();
    assert_eq!(pinned.meeting, 1);
}

/// A rescue of the sample's first answer, written as the console writes one.
fn rescue_in(dir: &Path, db: &Path, owner: Option<Owner>, body: &str) -> PathBuf {
    let rescue = Rescue {
        db: rescue::db_identity(db),
        owner,
        target: TextTarget::Answer {
            slot: 1,
            question: 1,
        },
        saved_at: at(100),
        body: body.into(),
    };
    rescue::write(&rescue, &[dir.to_path_buf()]).unwrap()
}

fn offered(db: &Path, dir: &Path) -> Vec<String> {
    let store = Store::open(db).unwrap();
    let mut session = Session::open(store, Some(1), Lang::Zh, at(200)).unwrap();
    session.rescue_folders = vec![dir.to_path_buf()];
    session.offer_rescues();
    match &session.console.recorder.mode {
        Mode::Rescue(first) => std::iter::once(first)
            .chain(&session.console.saving.rescues)
            .map(|o| o.rescued.clone())
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn a_rescue_is_offered_to_its_own_meeting_only_never_to_a_file_put_in_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("会议.db");
    let first = sample_store(&path);
    let owner = |store: &Store, meeting| Owner {
        file: store
            .file_id()
            .unwrap()
            .expect("a file has its identity from creation"),
        meeting,
    };
    let mine = owner(&first, 1);
    let first_file = mine.file.clone();
    drop(first);
    rescue_in(dir.path(), &path, Some(mine), "甲文件的回答");
    assert_eq!(offered(&path, dir.path()), ["甲文件的回答"]);

    // Another file, made from the same preparation, is put at the same path.
    let other = dir.path().join("另一个.db");
    drop(sample_store(&other));
    shuze::storage::remove_database_files(&path);
    std::fs::rename(&other, &path).unwrap();
    assert_eq!(
        offered(&path, dir.path()),
        Vec::<String>::new(),
        "meeting 1 of another file is another meeting"
    );
    let store = Store::open(&path).unwrap();
    let theirs = owner(&store, 1);
    let another_meeting = owner(&store, 2);
    drop(store);
    assert_ne!(theirs.file, first_file);

    // A rescue of another meeting of the same file, and one that does not say whose it is.
    rescue_in(dir.path(), &path, Some(another_meeting), "第二场会议的回答");
    assert_eq!(offered(&path, dir.path()), Vec::<String>::new());
    rescue_in(dir.path(), &path, None, "不知属于谁的回答");
    assert_eq!(offered(&path, dir.path()), Vec::<String>::new());
    rescue_in(dir.path(), &path, Some(theirs), "乙文件的回答");
    assert_eq!(offered(&path, dir.path()), ["乙文件的回答"]);
}

#[test]
fn copies_of_a_file_keep_its_identity_and_a_new_file_has_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    let id_a = sample_store(&a).file_id().unwrap().unwrap();
    let id_b = sample_store(&b).file_id().unwrap().unwrap();
    assert_ne!(id_a, id_b);
    assert_eq!(id_a.len(), 32);
    let copy = dir.path().join("copy.db");
    std::fs::copy(&a, &copy).unwrap();
    assert_eq!(
        Store::open(&copy).unwrap().file_id().unwrap().unwrap(),
        id_a
    );
    let mut renewed = Store::open(&copy).unwrap();
    renewed.renew_file_id().unwrap();
    assert_ne!(renewed.file_id().unwrap().unwrap(), id_a);
}

#[test]
fn after_a_kill_and_a_later_import_the_restart_opens_the_same_meeting_with_its_editor() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let arg = db.to_str().unwrap();
    let mut console = Console::start(&[arg], 120, 36);
    console.wait_for("第 1/8 位", 15);
    console.begin_report();
    console.send("s\r");
    console.wait_for("记录回答", 5);
    console.send("被杀之前写下的回答");
    wait_for_text_in_file(&db, "被杀之前写下的回答");
    let pid = console.pid().unwrap().to_string();
    std::process::Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .unwrap();
    assert!(!console.wait_exit(10));

    let prep = write_prep(
        dir.path(),
        "next.toml",
        &MINIMAL_PREP.replace("2026-12-18", "2026-12-20"),
    );
    let imported = std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(["import", prep.to_str().unwrap(), "--db", arg])
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");

    let mut again = Console::start(&[arg], 120, 36);
    again.wait_for("被杀之前写下的回答", 15);
    again.wait_for("另有后来导入的会议", 5);
    let screen = again.screen();
    assert!(screen.contains("张某"), "{screen}");
    // The editor is open where it was: what is typed now follows the words.
    again.send("，接着写");
    wait_for_text_in_file(&db, "被杀之前写下的回答，接着写");
    again.send("\x1b");
    again.send("q");
    assert!(again.wait_exit(10), "{}", again.screen());
}
