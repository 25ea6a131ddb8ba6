//! `shuze finish DB`: 散会 from the command line, once, never without a confirmation.

mod common;

use common::*;
use std::process::{Command, Stdio};

fn finish(db: &std::path::Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_shuze"))
        .arg("finish")
        .arg(db)
        .args(extra)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn finished_at(db: &std::path::Path) -> Option<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT finished_at FROM meeting WHERE id = 1", [], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn finishing_asks_lists_who_has_not_reported_and_happens_once() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let refused = finish(&db, &[]);
    assert!(!refused.status.success(), "no terminal, no --yes: refused");
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("--yes"), "{message}");
    assert_eq!(finished_at(&db), None, "nothing changed");

    let done = finish(&db, &["--yes"]);
    assert!(done.status.success(), "{done:?}");
    let said = String::from_utf8_lossy(&done.stdout);
    assert!(
        said.contains("尚未完成述责") && said.contains("张某（待述责）"),
        "{said}"
    );
    assert!(finished_at(&db).is_some());

    let again = finish(&db, &["--yes"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("已于"));
}
