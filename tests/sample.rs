//! The shipped sample meeting: the prep file and the database built from it agree, and the
//! sample has the shape the article describes.

mod common;

use common::*;
use shuze::storage::Store;
use std::collections::HashSet;
use std::path::Path;

/// Everything a meeting holds that an import writes, as text.
fn dump(store: &Store) -> String {
    let id = store.default_meeting().unwrap();
    let agenda = store.agenda(id).unwrap();
    // A follow-up's identity is new in every file that writes it.
    let details: Vec<_> = agenda
        .iter()
        .map(|s| {
            let mut detail = store.slot_detail(s.id).unwrap();
            for f in &mut detail.earlier_follow_ups {
                f.key.clear();
            }
            detail
        })
        .collect();
    format!(
        "{:#?}",
        (
            store.meeting(id).unwrap(),
            store.attendees(id).unwrap(),
            &agenda,
            details
        )
    )
}

#[test]
fn the_sample_database_is_the_sample_prep_file_imported() {
    let (dir, _) = temp_db();
    // Open a copy: the shipped file is never modified, not even by a migration.
    let copy = dir.path().join("copy.db");
    std::fs::copy(SAMPLE_DB, &copy).unwrap();
    let version: i64 = rusqlite::Connection::open(&copy)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        shuze::storage::latest_version(),
        "sample-db/sample.db is at the newest schema: rebuild it"
    );
    let shipped = Store::open(&copy).unwrap();
    let fresh = sample_store(&dir.path().join("fresh.db"));
    assert!(
        dump(&shipped) == dump(&fresh),
        "sample-db/sample.db is out of date: rebuild it with\n  rm -f target/sample.db && cargo run -- import sample-db/sample.toml --db target/sample.db && mv target/sample.db sample-db/sample.db"
    );
}

#[test]
fn the_sample_has_the_shape_of_the_article() {
    let (_dir, path) = temp_db();
    let store = sample_store(&path);
    let agenda = store.agenda(1).unwrap();
    assert_eq!(agenda.len(), 8);
    let units: HashSet<_> = agenda.iter().map(|s| s.unit.as_str()).collect();
    assert!(
        units.iter().any(|u| u.ends_with('镇') || u.ends_with('乡')),
        "townships"
    );
    assert!(
        units.iter().any(|u| u.starts_with('县')),
        "county departments"
    );
    let mut statuses = HashSet::new();
    for slot in &agenda {
        let d = store.slot_detail(slot.id).unwrap();
        assert!((4..=10).contains(&d.duty_items.len()), "{}", slot.name);
        let sources: HashSet<_> = d
            .duty_items
            .iter()
            .map(|i| format!("{:?}", i.source))
            .collect();
        assert_eq!(sources.len(), 3, "all three sources for {}", slot.name);
        let quarters: HashSet<_> = d.duty_items.iter().map(|i| i.quarter.clone()).collect();
        assert!(quarters.len() >= 2, "several quarters for {}", slot.name);
        assert!((3..=6).contains(&d.risk_points.len()), "{}", slot.name);
        assert!(d.risk_points.iter().all(|r| !r.measures.is_empty()));
        assert!((3..=5).contains(&d.questions.len()), "{}", slot.name);
        assert!(
            d.questions
                .iter()
                .any(|q| q.text.contains("廉政风险点") && q.text.contains("规章制度")),
            "the article's question for {}",
            slot.name
        );
        assert!(!d.earlier_follow_ups.is_empty(), "{}", slot.name);
        statuses.extend(
            d.earlier_follow_ups
                .iter()
                .map(|f| format!("{:?}", f.status)),
        );
    }
    assert_eq!(
        statuses.len(),
        4,
        "earlier follow-ups in every state: {statuses:?}"
    );
}

#[test]
fn the_sample_files_are_present_where_the_readme_says() {
    assert!(Path::new(SAMPLE_TOML).is_file());
    assert!(Path::new(SAMPLE_DB).is_file());
}
