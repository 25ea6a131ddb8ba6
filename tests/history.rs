//! History is kept by the schema, not by the code's good manners: revisions, ratings and
//! follow-ups cannot be changed or deleted, even with `sqlite3`; a follow-up's new status
//! and a recount are new rows; an older file keeps its drafts when it is upgraded.

mod common;

use common::*;
use shuze::domain::{FollowUpStatus, Rating};
use shuze::storage::Store;
use shuze::view::TextTarget;
use std::process::Command as Process;

/// Runs SQL through the `sqlite3` program when it is installed (tests/run.sh installs it),
/// else through rusqlite; returns whether SQLite accepted it.
fn sqlite3(db: &std::path::Path, sql: &str) -> bool {
    match Process::new("sqlite3").arg(db).arg(sql).output() {
        Ok(output) => output.status.success() && output.stderr.is_empty(),
        Err(_) => {
            eprintln!("sqlite3 not installed: the statement runs through rusqlite instead");
            rusqlite::Connection::open(db)
                .unwrap()
                .execute_batch(sql)
                .is_ok()
        }
    }
}

#[test]
fn revisions_ratings_and_follow_ups_cannot_be_changed_or_deleted() {
    let (_dir, path) = temp_db();
    let mut store = sample_store(&path);
    let target = TextTarget::Remarks { slot: 1 };
    store.save_text(target, "第一稿", at(1)).unwrap();
    let rating = Rating {
        voters: 20,
        excellent: 10,
        good: 5,
        fair: 3,
        poor: 1,
    };
    store.record_rating(1, rating, at(2)).unwrap();
    store
        .set_stage(
            1,
            shuze::domain::Stage::Pending,
            shuze::domain::Stage::Report,
            at(3),
        )
        .unwrap();
    store
        .update_follow_up(1, FollowUpStatus::Completed, "已完成", Some(1), at(4))
        .unwrap();
    store
        .save_text(TextTarget::Closing { meeting: 1 }, "总结", at(5))
        .unwrap();
    drop(store);
    assert!(
        sqlite3(&path, "INSERT INTO setting VALUES ('probe', '1')"),
        "the same way of writing works for what may change"
    );
    for sql in [
        "UPDATE text_revision SET body = '改过的'",
        "DELETE FROM text_revision",
        "UPDATE rating SET excellent = 20",
        "DELETE FROM rating",
        "UPDATE follow_up SET status = 'closed'",
        "DELETE FROM follow_up",
        "UPDATE agenda_slot SET stage = 'finished'",
        "UPDATE stage_timing SET stage = 'finished'",
        "INSERT INTO stage_timing (slot_id, stage, started_at) VALUES (1, 'later', '2026')",
        "UPDATE meeting_revision SET body = ''",
        "DELETE FROM meeting_revision",
        "UPDATE follow_up_change SET progress = ''",
        "DELETE FROM follow_up_change",
        "UPDATE question SET text = '改过的'",
        "DELETE FROM question",
        "UPDATE duty_item SET status = 'done'",
        "DELETE FROM duty_item",
        "UPDATE risk_point SET level = 'low'",
        "DELETE FROM risk_point",
        "UPDATE attendee SET attendance = 'absent'",
        "DELETE FROM attendee",
        "UPDATE agenda_slot SET position = 9",
        "UPDATE agenda_slot SET report_minutes = 1",
        "DELETE FROM agenda_slot",
        "UPDATE stage_change SET at = ''",
        "DELETE FROM stage_change",
        "INSERT INTO stage_change (slot_id, from_stage, to_stage, at) VALUES (1, 'x', 'report', '')",
    ] {
        assert!(!sqlite3(&path, sql), "refused: {sql}");
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.latest_revision(target).unwrap().unwrap().body,
        "第一稿"
    );
}

#[test]
fn a_follow_ups_new_status_and_a_recount_are_new_rows_the_newest_shown() {
    let (_dir, path) = temp_db();
    let mut store = sample_store(&path);
    let earlier = store.slot_detail(1).unwrap().earlier_follow_ups[0].clone();
    store
        .update_follow_up(
            earlier.id,
            FollowUpStatus::InProgress,
            "已制定计划",
            Some(1),
            at(1),
        )
        .unwrap();
    store
        .update_follow_up(
            earlier.id,
            FollowUpStatus::Completed,
            "已全部谈话",
            Some(1),
            at(2),
        )
        .unwrap();
    let now = store.slot_detail(1).unwrap().earlier_follow_ups[0].clone();
    assert_eq!(
        (now.status, now.progress.as_str()),
        (FollowUpStatus::Completed, "已全部谈话")
    );
    let first = |r: u32| Rating {
        voters: 20,
        excellent: r,
        good: 0,
        fair: 0,
        poor: 0,
    };
    store.record_rating(1, first(10), at(3)).unwrap();
    store.record_rating(1, first(12), at(4)).unwrap();
    assert_eq!(store.slot_detail(1).unwrap().rating.unwrap().excellent, 12);
    let conn = store.connection();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM follow_up_change"),
        2,
        "both changes kept"
    );
    assert_eq!(
        count("SELECT count(*) FROM rating WHERE slot_id = 1"),
        2,
        "both rounds kept"
    );
    let raised: String = conn
        .query_row(
            "SELECT status FROM follow_up WHERE id = ?1",
            [earlier.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(raised, "in_progress", "the follow-up as raised is kept");
}

#[test]
fn a_file_from_schema_five_keeps_its_drafts_when_upgraded() {
    let (_dir, path) = temp_db();
    let conn = rusqlite::Connection::open(&path).unwrap();
    for step in &shuze::storage::schema_steps()[..5] {
        conn.execute_batch(step).unwrap();
    }
    conn.pragma_update(None, "user_version", 5).unwrap();
    conn.execute_batch(
        "INSERT INTO unit (id, name) VALUES (1, '某某镇');
         INSERT INTO meeting (id, title, held_on, chair, recorder, created_at)
             VALUES (1, '会议', '2026-12-18', '马某', '何某', '2026-12-18T01:00:00Z');
         INSERT INTO agenda_slot (id, meeting_id, position, unit_id, name, post, report_minutes)
             VALUES (1, 1, 1, 1, '张某', '党委书记', 8);
         INSERT INTO question (id, slot_id, position, asker, text, prepared, created_at)
             VALUES (7, 1, 1, '某某', '问题', 1, '2026-12-18T01:00:00Z');
         INSERT INTO text_draft VALUES ('answer', 1, 7, '回答的草稿', '2026-12-18T01:05:00Z');
         INSERT INTO text_draft VALUES ('closing', 1, 0, '总结的草稿', '2026-12-18T01:06:00Z');",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        shuze::storage::latest_version()
    );
    let answer = TextTarget::Answer {
        slot: 1,
        question: 7,
    };
    let closing = TextTarget::Closing { meeting: 1 };
    let draft = store.latest_revision(answer).unwrap().unwrap();
    assert!(draft.draft && draft.body == "回答的草稿");
    let mut store = store;
    store
        .save_draft(answer, "回答的草稿，接着写", at(1))
        .unwrap();
    store
        .save_draft(answer, "回答的草稿，接着写完", at(2))
        .unwrap();
    assert_eq!(
        store.latest_revision(answer).unwrap().unwrap().body,
        "回答的草稿，接着写完"
    );
    let drafts: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM text_draft", [], |r| r.get(0))
        .unwrap();
    assert_eq!(drafts, 2, "one draft per place, replaced");
    assert_eq!(
        store.latest_revision(closing).unwrap().unwrap().body,
        "总结的草稿"
    );
}

/// Every closed-choice column accepts the words the code stores and refuses any other:
/// each statement is tried with a word from `domain::Word` (accepted) and with `bogus`
/// (refused), so a column without its check fails here.
#[test]
fn every_closed_choice_column_refuses_a_word_the_code_does_not_store() {
    use shuze::domain::Word;
    use shuze::domain::{
        Attendance, DutySource, DutyStatus, FollowUpMode, FollowUpSource, FollowUpStatus,
        RiskLevel, Stage,
    };
    let (_dir, path) = temp_db();
    drop(sample_store(&path));
    let conn = rusqlite::Connection::open(&path).unwrap();
    // The hash chain's function, as the program has it: what is tested is the CHECKs.
    shuze::storage::chain::register(&conn).unwrap();
    let f = "(SELECT min(id) FROM follow_up)";
    let cases: Vec<(String, &[&str])> = vec![
        (
            "INSERT INTO attendee (meeting_id, position, name, attendance) VALUES (1, 99, 'x', ?1)"
                .into(),
            Attendance::WORDS,
        ),
        (
            "INSERT INTO duty_item (slot_id, position, source, quarter, text, status)
             VALUES (1, 99, ?1, '2026Q1', 'x', 'done')"
                .into(),
            DutySource::WORDS,
        ),
        (
            "INSERT INTO duty_item (slot_id, position, source, quarter, text, status)
             VALUES (1, 99, 'annual_reminder', '2026Q1', 'x', ?1)"
                .into(),
            DutyStatus::WORDS,
        ),
        (
            "INSERT INTO risk_point (slot_id, position, text, level) VALUES (1, 99, 'x', ?1)"
                .into(),
            RiskLevel::WORDS,
        ),
        (
            "INSERT INTO follow_up (unit_id, source, problem, mode, status, created_at, key)
             VALUES (1, ?1, 'x', 'immediate', 'closed', '2026', lower(hex(randomblob(16))))"
                .into(),
            FollowUpSource::WORDS,
        ),
        (
            "INSERT INTO follow_up (unit_id, source, problem, mode, status, created_at, key)
             VALUES (1, 'feedback', 'x', ?1, 'closed', '2026', lower(hex(randomblob(16))))"
                .into(),
            FollowUpMode::WORDS,
        ),
        (
            "INSERT INTO follow_up (unit_id, source, problem, mode, status, created_at, key)
             VALUES (1, 'feedback', 'x', 'immediate', ?1, '2026', lower(hex(randomblob(16))))"
                .into(),
            FollowUpStatus::WORDS,
        ),
        (
            format!(
                "INSERT INTO follow_up_change (follow_up_id, category, problem, task, measure,
                     lead, owner, mode, progress, status, copied_to, changed_at)
                 VALUES ({f}, '', 'x', '', '', '', '', ?1, '', 'closed', '', '2026')"
            ),
            FollowUpMode::WORDS,
        ),
        (
            format!(
                "INSERT INTO follow_up_change (follow_up_id, category, problem, task, measure,
                     lead, owner, mode, progress, status, copied_to, changed_at)
                 VALUES ({f}, '', 'x', '', '', '', '', 'immediate', '', ?1, '', '2026')"
            ),
            FollowUpStatus::WORDS,
        ),
        (
            "UPDATE agenda_slot SET stage = ?1 WHERE id = 1".into(),
            Stage::WORDS,
        ),
        (
            "INSERT INTO stage_timing (slot_id, stage, started_at) VALUES (2, ?1, '2026')".into(),
            Stage::WORDS,
        ),
    ];
    for (sql, names) in cases {
        let good = names[names.len() - 1];
        assert!(conn.execute(&sql, [good]).is_ok(), "{good} accepted: {sql}");
        assert!(
            conn.execute(&sql, ["bogus"]).is_err(),
            "bogus refused: {sql}"
        );
    }
}

/// Every correction is a new row; what the console and the exports read is the newest, and
/// the state before it stays in the file.
#[test]
fn corrections_are_new_rows_and_the_newest_is_what_is_read() {
    use shuze::domain::{Attendance, Stage};
    use shuze::storage::{AgendaMove, QuestionChange};
    let (_dir, path) = temp_db();
    let mut store = sample_store(&path);
    let detail = store.slot_detail(1).unwrap();
    let question = detail.questions[0].id;
    store
        .change_question(
            question,
            &QuestionChange {
                text: Some("改正后的问题".into()),
                asker: Some("县纪委 某某".into()),
                ..Default::default()
            },
            at(1),
        )
        .unwrap();
    let withdrawn = detail.questions[1].id;
    store
        .change_question(
            withdrawn,
            &QuestionChange {
                withdrawn: Some(true),
                ..Default::default()
            },
            at(2),
        )
        .unwrap();
    let mut item = detail.duty_items[0].clone();
    item.text = "改正后的事项".into();
    store.change_duty_item(&item, false, at(3)).unwrap();
    store
        .change_duty_item(&detail.duty_items[1], true, at(4))
        .unwrap();
    let first = store.agenda(1).unwrap()[0].clone();
    assert!(
        !store
            .move_official(first.id, AgendaMove::Up, at(5))
            .unwrap(),
        "the first cannot go up"
    );
    assert!(
        store
            .move_official(first.id, AgendaMove::Down, at(5))
            .unwrap()
    );
    let attendee = store.attendees(1).unwrap()[0].clone();
    store
        .change_attendance(
            attendee.id,
            Attendance::Present,
            "",
            Some(at(600)),
            None,
            at(6),
        )
        .unwrap();
    store
        .set_stage(1, Stage::Pending, Stage::Report, at(7))
        .unwrap();

    let now = store.slot_detail(1).unwrap();
    assert_eq!(now.questions[0].text, "改正后的问题");
    assert_eq!(now.questions[0].asker, "县纪委 某某");
    assert!(
        now.questions.iter().all(|q| q.id != withdrawn),
        "withdrawn: not shown"
    );
    assert_eq!(now.duty_items[0].text, "改正后的事项");
    assert_eq!(now.duty_items.len(), detail.duty_items.len() - 1);
    let agenda = store.agenda(1).unwrap();
    assert_eq!(agenda[1].id, first.id, "moved down one place");
    assert_eq!(store.attendees(1).unwrap()[0].arrived_at, Some(at(600)));
    drop(store);

    let db = rusqlite::Connection::open(&path).unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM question WHERE text = '改正后的问题'"),
        0,
        "the question as prepared is kept"
    );
    assert_eq!(count("SELECT count(*) FROM question_change"), 2);
    assert_eq!(
        count("SELECT count(*) FROM question_now WHERE withdrawn"),
        1
    );
    assert_eq!(
        count("SELECT count(*) FROM agenda_change"),
        2,
        "both places"
    );
    assert_eq!(
        count("SELECT count(*) FROM stage_change WHERE to_stage = 'report'"),
        1
    );
}
