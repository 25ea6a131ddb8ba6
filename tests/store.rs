//! The store on a real SQLite file: migrations, pragmas, revisions, permissions.

mod common;

use common::*;
use shuze::storage::{StorageError, Store, TextTarget, latest_version};

#[test]
fn a_new_file_gets_the_whole_schema_wal_and_full_sync() {
    let (_dir, path) = temp_db();
    let mut store = Store::create_or_open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    let conn = store.connection();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let sync: i64 = conn
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
}

#[test]
fn a_file_written_by_the_first_schema_is_upgraded_in_place_keeping_its_data() {
    let (_dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(shuze::storage::first_schema()).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO meeting (title, held_on, chair, recorder, created_at)
             VALUES ('旧会议', '2025-12-20', '马某', '何某', '2025-12-20 01:00:00+00:00');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    let meetings = store.meetings().unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].meeting.title, "旧会议");
}

#[test]
fn a_file_from_a_newer_version_is_refused_with_a_message() {
    let (_dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 5)
            .unwrap();
    }
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StorageError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("更新版本"), "{err}");
}

#[test]
fn missing_path_and_directory_are_named_in_the_message() {
    let (dir, path) = temp_db();
    let err = Store::open(&path).err().unwrap();
    assert!(err.to_string().contains("meeting.db"), "{err}");
    let err = Store::open(dir.path()).err().unwrap();
    assert!(matches!(err, StorageError::IsDirectory(_)), "{err}");
}

#[test]
fn a_file_that_is_not_sqlite_gets_a_clear_error() {
    let (dir, _) = temp_db();
    let path = write_prep(dir.path(), "notes.db", "这不是数据库，只是一段文字。\n");
    let err = Store::open(&path).err().expect("refused");
    assert!(err.to_string().contains("notes.db"), "{err}");
}

#[test]
fn every_revision_is_kept_and_the_latest_is_shown() {
    let (_dir, path) = temp_db();
    let mut store = sample_store(&path);
    let meeting = store.default_meeting().unwrap();
    let slot = store.agenda(meeting).unwrap()[0].id;
    let question = store.slot_detail(slot).unwrap().questions[0].id;
    let target = TextTarget::Answer { slot, question };
    for (i, body) in ["我们", "我们制定了", "我们制定了清单"].iter().enumerate() {
        assert!(store.save_text(target, body, at(i as i64)).unwrap());
    }
    assert!(
        !store.save_text(target, "我们制定了清单", at(9)).unwrap(),
        "an unchanged text is not saved again"
    );
    let revisions = store.revisions(target).unwrap();
    let bodies: Vec<_> = revisions.iter().map(|r| r.body.as_str()).collect();
    assert_eq!(bodies, ["我们", "我们制定了", "我们制定了清单"]);
    let shown = store.slot_detail(slot).unwrap().questions[0]
        .answer
        .clone()
        .unwrap();
    assert_eq!(shown.body, "我们制定了清单");
    assert_eq!(shown.saved_at, at(2));
}

#[test]
fn a_revision_survives_reopening_the_file() {
    let (_dir, path) = temp_db();
    let slot = {
        let mut store = sample_store(&path);
        let slot = store.agenda(1).unwrap()[0].id;
        store
            .save_text(TextTarget::Remarks { slot }, "总体较好", at(1))
            .unwrap();
        slot
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.slot_detail(slot).unwrap().remarks.unwrap().body,
        "总体较好"
    );
}

#[cfg(unix)]
#[test]
fn a_database_the_program_creates_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = temp_db();
    let _store = sample_store(&path);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn stage_timings_add_up_across_pauses() {
    use shuze::domain::Stage;
    let (_dir, path) = temp_db();
    let mut store = sample_store(&path);
    let slot = store.agenda(1).unwrap()[0].id;
    store
        .set_stage(slot, Stage::Pending, Stage::Report, at(0))
        .unwrap();
    store
        .set_timer_running(slot, Stage::Report, false, at(60))
        .unwrap();
    store
        .set_timer_running(slot, Stage::Report, true, at(300))
        .unwrap();
    store
        .set_stage(slot, Stage::Report, Stage::Questions, at(330))
        .unwrap();
    let timings = store.timings(1).unwrap();
    let report = timings
        .iter()
        .find(|(_, t)| t.stage == Stage::Report)
        .unwrap()
        .1;
    assert_eq!(
        report.elapsed_ms(at(1000)),
        90_000,
        "60 s, a pause, then 30 s"
    );
    assert_eq!(report.ended_at, Some(at(330)));
    let questions = timings
        .iter()
        .find(|(_, t)| t.stage == Stage::Questions)
        .unwrap()
        .1;
    assert_eq!(questions.elapsed_ms(at(390)), 60_000);
}

#[test]
fn starting_an_official_pauses_the_clock_of_the_one_before() {
    use shuze::domain::Stage;
    let (_dir, path) = temp_db();
    let mut store = sample_store(&path);
    let agenda = store.agenda(1).unwrap();
    let (first, second) = (agenda[0].id, agenda[1].id);
    store
        .set_stage(first, Stage::Pending, Stage::Report, at(0))
        .unwrap();
    store
        .set_stage(second, Stage::Pending, Stage::Report, at(120))
        .unwrap();
    let timings = store.timings(1).unwrap();
    let of = |slot| timings.iter().find(|(id, _)| *id == slot).unwrap().1;
    assert!(!of(first).is_running());
    assert_eq!(of(first).elapsed_ms(at(600)), 120_000);
    assert!(of(second).is_running());
}

#[test]
fn a_draft_is_replaced_while_typing_and_kept_as_a_revision_at_a_pause() {
    let (_dir, path) = temp_db();
    let mut store = sample_store(&path);
    let target = TextTarget::Remarks { slot: 1 };
    store.save_draft(target, "总体", at(1)).unwrap();
    store.save_draft(target, "总体较好", at(2)).unwrap();
    let latest = store.latest_revision(target).unwrap().unwrap();
    assert_eq!(
        (latest.body.as_str(), latest.draft),
        ("总体较好", true),
        "the draft is what is shown"
    );
    assert!(store.save_text(target, "总体较好", at(5)).unwrap());
    let kept = store.revisions(target).unwrap();
    assert_eq!(
        kept.len(),
        1,
        "one revision for the pause, none per keystroke"
    );
    assert!(!kept[0].draft);
    store.save_draft(target, "总体较好，但", at(6)).unwrap();
    let all = store.revisions(target).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all[1].draft, "an unkept draft comes last, marked");
}

/// Bytes the write-ahead log grew by while `f` ran (nothing checkpoints it back meanwhile:
/// SQLite does so only past 1,000 pages).
fn logged_by(path: &std::path::Path, f: impl FnOnce()) -> u64 {
    let wal = path.with_file_name(format!(
        "{}-wal",
        path.file_name().unwrap().to_string_lossy()
    ));
    let size = || std::fs::metadata(&wal).map_or(0, |m| m.len());
    let before = size();
    f();
    size() - before
}

/// A keystroke in a 1 MB answer writes about what a keystroke in a short one does (the
/// whole answer was written again on every key: 2.8 MB for a 1.5 MB answer), and the draft
/// read back is the text typed, wherever it was changed, after the file is opened again and
/// after it is kept as a revision.
#[test]
fn a_keystroke_in_a_long_answer_writes_what_changed_not_the_whole_answer() {
    let (_dir, path) = temp_db();
    let mut store = sample_store(&path);
    let target = TextTarget::Answer {
        slot: 1,
        question: 1,
    };
    let answer = |store: &Store| store.latest_revision(target).unwrap().unwrap().body;
    let mut text = "查摆廉政风险点，制定防控措施。".repeat(25_000);
    assert!(text.len() > 1_000_000);
    store.save_draft(target, &text, at(1)).unwrap();
    text.push('再');
    let key = logged_by(&path, || store.save_draft(target, &text, at(2)).unwrap());
    assert!(key < 64 * 1024, "one keystroke wrote {key} bytes");
    assert_eq!(answer(&store), text);
    // In the middle, then at the start: still the text as typed.
    text.insert_str(600_000, "中间插入");
    store.save_draft(target, &text, at(3)).unwrap();
    assert_eq!(answer(&store), text);
    text.replace_range(0..3, "检");
    store.save_draft(target, &text, at(4)).unwrap();
    assert_eq!(answer(&store), text);
    // Opened again (after a crash, say): read back whole, and typed on.
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(answer(&store), text);
    text.push_str("重启后接着写");
    store.save_draft(target, &text, at(5)).unwrap();
    text.push('。');
    let key = logged_by(&path, || store.save_draft(target, &text, at(6)).unwrap());
    assert!(
        key < 64 * 1024,
        "one keystroke after reopening wrote {key} bytes"
    );
    assert_eq!(answer(&store), text);
    // Kept as a revision: the draft goes, the next is written from the new text.
    assert!(store.save_text(target, &text, at(7)).unwrap());
    assert_eq!(store.revisions(target).unwrap().len(), 1);
    text.push('！');
    store.save_draft(target, &text, at(8)).unwrap();
    assert_eq!(answer(&store), text);
    let read_only = Store::open_read_only(&path).unwrap();
    assert_eq!(
        read_only.slot_detail(1).unwrap().questions[0]
            .answer
            .as_ref()
            .unwrap()
            .body,
        text
    );
}
