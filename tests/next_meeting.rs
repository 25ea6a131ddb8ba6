//! From one meeting to the next: a follow-up keeps one identity. The prep exported after a
//! meeting carries it, the next meeting's import finds it instead of copying it, so the
//! ledger lists it once and the card counts it once; an import of the same follow-ups again
//! says so and adds nothing.

mod common;

use common::*;
use shuze::domain::{FollowUp, FollowUpMode, FollowUpSource, FollowUpStatus};
use shuze::storage::Store;
use std::path::Path;
use std::process::{Command, Output};

fn shuze(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_shuze"))
        .current_dir(dir)
        .env("LANG", "zh_CN.UTF-8")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    out
}

/// The sample meeting with one follow-up raised for 张某 at the meeting.
fn first_meeting(db: &Path) {
    let mut store = sample_store(db);
    let slot = store.agenda(1).unwrap()[0].id;
    let raised = FollowUp {
        id: 0,
        source: FollowUpSource::Remarks,
        category: String::new(),
        problem: "村级工程项目监管存在漏洞".into(),
        task: String::new(),
        measure: "全面排查在建项目".into(),
        lead: String::new(),
        owner: "张某".into(),
        deadline: None,
        deadline_workdays: None,
        mode: FollowUpMode::ByDeadline,
        progress: String::new(),
        status: FollowUpStatus::NotStarted,
        copied_to: "李某（县委副书记）".into(),
        raised_on: Some(at(0).date_naive()),
        question: None,
        key: String::new(),
        extra: Vec::new(),
    };
    store.add_follow_up(slot, &raised, at(60)).unwrap();
    store.finish_meeting(1, at(120)).unwrap();
}

/// The ledger's rows naming `problem`.
fn ledger_rows(dir: &Path, meeting: &str, problem: &str) -> usize {
    let name = format!("台账-{meeting}.csv");
    shuze(
        dir,
        &[
            "export",
            "meeting.db",
            "--meeting",
            meeting,
            "--kind",
            "ledger",
            "--format",
            "csv",
            "-o",
            &name,
            "--force",
        ],
    );
    let csv = std::fs::read_to_string(dir.join(&name)).unwrap();
    csv.lines().filter(|l| l.contains(problem)).count()
}

#[test]
fn the_next_meeting_from_an_exported_prep_does_not_double_a_follow_up() {
    for form in ["下次.toml", "下次.xlsx", "下次"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("meeting.db");
        first_meeting(&db);
        shuze(dir.path(), &["export-prep", "meeting.db", "-o", form]);
        // The next meeting: the exported prep, retitled and dated (as the README says).
        let path = dir.path().join(form);
        let mut next = shuze::prep::read_file(&path).unwrap();
        let keys: Vec<String> = next
            .prepared
            .officials
            .iter()
            .flat_map(|o| &o.earlier_follow_ups)
            .map(|f| f.key.clone())
            .collect();
        assert!(
            keys.iter().all(|k| k.len() == 32),
            "{form}: every follow-up carries its identity: {keys:?}"
        );
        next.prepared.meeting.title = "某县纪委监委2027年度述责述廉会议".into();
        next.prepared.meeting.held_on = chrono::NaiveDate::from_ymd_opt(2027, 12, 18).unwrap();
        let toml = dir.path().join("2027.toml");
        std::fs::write(&toml, shuze::prep::render_toml(&next)).unwrap();
        let said = shuze(dir.path(), &["import", "2027.toml", "--db", "meeting.db"]);
        let said = String::from_utf8_lossy(&said.stdout);
        assert!(
            said.contains(&format!("以往整改 {} 项已在本文件中", keys.len())),
            "{form}: {said}"
        );
        let store = Store::open(&db).unwrap();
        let slot = store.agenda(2).unwrap()[0].id;
        let detail = store.slot_detail(slot).unwrap();
        let named = detail
            .earlier_follow_ups
            .iter()
            .filter(|f| f.problem == "村级工程项目监管存在漏洞")
            .count();
        assert_eq!(named, 1, "{form}: the card lists it once");
        assert_eq!(
            detail.counts().open_earlier_follow_ups,
            2,
            "{form}: 张某's open follow-ups: the one raised and the sample's one in progress"
        );
        drop(store);
        assert_eq!(
            ledger_rows(dir.path(), "2", "村级工程项目监管存在漏洞"),
            1,
            "{form}"
        );
        assert_eq!(
            ledger_rows(dir.path(), "2", "廉政谈话未实现逐级全覆盖"),
            1,
            "{form}"
        );
        // The same follow-ups once more, as a third meeting: found again, nothing added.
        next.prepared.meeting.title = "第三场".into();
        std::fs::write(&toml, shuze::prep::render_toml(&next)).unwrap();
        shuze(dir.path(), &["import", "2027.toml", "--db", "meeting.db"]);
        let store = Store::open(&db).unwrap();
        let all: i64 = store
            .agenda(3)
            .unwrap()
            .iter()
            .map(|s| store.slot_detail(s.id).unwrap().earlier_follow_ups.len() as i64)
            .sum();
        let first: i64 = store
            .agenda(1)
            .unwrap()
            .iter()
            .map(|s| {
                let d = store.slot_detail(s.id).unwrap();
                (d.earlier_follow_ups.len() + d.follow_ups.len()) as i64
            })
            .sum();
        assert_eq!(
            all, first,
            "{form}: the third meeting has the same follow-ups, once"
        );
    }
}

/// A row copied in the workbook with its 整改标识, or an identity mistyped, is refused at its
/// cell: one follow-up takes one row, and nothing is imported.
#[test]
fn a_copied_or_mistyped_follow_up_identity_is_refused_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    first_meeting(&db);
    shuze(
        dir.path(),
        &["export-prep", "meeting.db", "-o", "下次.toml"],
    );
    let path = dir.path().join("下次.toml");
    let mut next = shuze::prep::read_file(&path).unwrap();
    next.prepared.meeting.title = "下一场".into();
    let copied = next.prepared.officials[0].earlier_follow_ups[0].clone();
    next.prepared.officials[0].earlier_follow_ups.push(copied);
    let text = shuze::prep::render_toml(&next);
    for (name, text) in [
        ("复制.toml", text.clone()),
        ("错字.toml", {
            let key = &next.prepared.officials[1].earlier_follow_ups[0].key;
            text.replace(key.as_str(), "not-an-identity")
        }),
    ] {
        std::fs::write(dir.path().join(name), &text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_shuze"))
            .current_dir(dir.path())
            .args(["import", name, "--db", "meeting.db"])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{name}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains(&format!("{name}:")) && said.contains("整改标识"),
            "{said}"
        );
        let store = Store::open(&db).unwrap();
        assert_eq!(
            store.meetings().unwrap().len(),
            1,
            "{name}: nothing imported"
        );
    }
}
