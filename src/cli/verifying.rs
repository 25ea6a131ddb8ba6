//! `shuze verify`: the hash chain and the tables checked, what was changed outside the
//! program named, every export listed.

use crate::lock::RecorderLock;
use crate::messages::tr;
use crate::storage::{ChainReport, Store};
use anyhow::{Result, bail};
use chrono::{DateTime, Local, Utc};
use std::path::Path;

/// Checks the file at `db` (reads only); exit status 1 when anything was changed.
pub(super) fn verify(db: &Path) -> Result<()> {
    RecorderLock::refuse_other_names(db)?;
    let store = Store::open_read_only(db)?;
    let report = store.verify_chain()?;
    say_start(&report);
    say_exports(&report);
    if !report.problems.is_empty() {
        warn!(tr!(
            "{db} 的记录在程序之外被改动过（{count} 处）：",
            "The record in {db} was changed outside the program ({count} places):",
            db = db.display(),
            count = report.problems.len()
        ));
        for problem in &report.problems {
            warn!(format!("  - {problem}"));
        }
        bail!(tr!(
            "记录不完整：不能以它为准",
            "The record is not intact: it cannot be relied on"
        ));
    }
    let Some(head) = &report.head else {
        bail!(tr!(
            "记录不完整：不能以它为准",
            "The record is not intact: it cannot be relied on"
        ));
    };
    say!(tr!(
        "记录完整：链上 {entries} 项，每一项、每一行都与链相符。",
        "The record is intact: {entries} entries on the chain, every entry and every row as the chain says.",
        entries = report.entries
    ));
    say!(tr!(
        "记录散列（SHA-256）：{hash}（链的第 {seq} 项，{at}）",
        "Record hash (SHA-256): {hash} (entry {seq} of the chain, {at})",
        hash = head.grouped(),
        seq = head.seq,
        at = local(head.at)
    ));
    Ok(())
}

/// Where the chain starts: with the file, or at the upgrade that began it.
fn say_start(report: &ChainReport) {
    match report.start {
        Some((at, 0)) => say!(tr!(
            "链始于 {at}。",
            "The chain starts at {at}.",
            at = local(at)
        )),
        Some((at, rows)) => say!(tr!(
            "链始于 {at} 升级到第 12 步时；此前已有的 {rows} 行按当时的内容记入，此前的改动无从核验。",
            "The chain starts at {at}, when the file was upgraded to step 12; the {rows} rows it held then were entered as they stood, and changes before that cannot be verified.",
            at = local(at),
            rows = rows
        )),
        None => {}
    }
}

fn say_exports(report: &ChainReport) {
    if report.exports.is_empty() {
        say!(tr!("尚无导出记录。", "No exports recorded yet."));
        return;
    }
    say!(tr!(
        "导出 {count} 次：",
        "Exported {count} times:",
        count = report.exports.len()
    ));
    for made in &report.exports {
        let hash: String = made.record_hash.chars().take(16).collect();
        let hash = crate::storage::chain::grouped(&hash);
        say!(tr!(
            "  {at}  {kind} {format}  {path}（当时的记录散列 {hash}…）",
            "  {at}  {kind} {format}  {path} (the record's hash then {hash}…)",
            at = local(made.at),
            kind = made.kind,
            format = made.format,
            path = made.path,
            hash = hash
        ));
    }
}

fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}
