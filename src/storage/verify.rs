//! `shuze verify`: the chain walked entry by entry and every chained table row by row,
//! naming each entry or row changed, added or removed outside the program.

use super::chain::{CHAINED, ChainHead, head, parse_time};
use super::{Result, Store};
use crate::messages::tr;
use rusqlite::Connection;
use std::collections::HashMap;

/// What `verify` found.
#[derive(Debug, Default)]
pub struct ChainReport {
    /// How many entries the chain has.
    pub entries: i64,
    /// Where the chain starts: the time of its first entry and how many rows the file
    /// already held then (entered as they stood).
    pub start: Option<(chrono::DateTime<chrono::Utc>, i64)>,
    /// The record's last entry (exports aside): the hash exported documents print.
    pub head: Option<ChainHead>,
    /// Each export recorded: time, kind, format, path, the hash it printed.
    pub exports: Vec<ExportMade>,
    /// What was changed outside the program; empty when the record is intact.
    pub problems: Vec<Tamper>,
}

/// One export as the file recorded it.
#[derive(Debug, Clone)]
pub struct ExportMade {
    pub at: chrono::DateTime<chrono::Utc>,
    pub kind: String,
    pub format: String,
    pub path: String,
    pub record_hash: String,
}

/// One thing changed outside the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tamper {
    /// The schema differs from the program's (a trigger dropped or added…).
    Schema(String),
    /// The file has no chain at all.
    NoChain,
    /// An entry's fields do not give its hash.
    EntryChanged { seq: i64 },
    /// An entry does not name the hash of the one before it.
    LinkBroken { seq: i64 },
    /// Entries `from..=to` are missing from the middle or the end of the chain.
    EntriesMissing { from: i64, to: i64 },
    /// A row differs from what its last entry says.
    RowChanged { table: String, row: i64, seq: i64 },
    /// A row no entry speaks of.
    RowAdded { table: String, row: i64 },
    /// A row whose last entry says it is there, but it is not.
    RowRemoved { table: String, row: i64, seq: i64 },
}

impl std::fmt::Display for Tamper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Tamper::Schema(what) => tr!(
                "文件的结构被改动过：{what}",
                "The file's structure was changed: {what}",
                what = what
            ),
            Tamper::NoChain => tr!(
                "文件中没有记录链（chain_entry）",
                "The file has no record chain (chain_entry)"
            ),
            Tamper::EntryChanged { seq } => {
                tr!(
                    "链的第 {seq} 项被改过：其内容与它的散列不符",
                    "Entry {seq} of the chain was changed: its content does not give its hash",
                    seq = seq
                )
            }
            Tamper::LinkBroken { seq } => tr!(
                "链的第 {seq} 项与前一项接不上：前一项被改过或被换掉",
                "Entry {seq} of the chain does not link to the one before: that one was changed or replaced",
                seq = seq
            ),
            Tamper::EntriesMissing { from, to } if from == to => {
                tr!(
                    "链的第 {seq} 项被删除",
                    "Entry {seq} of the chain was removed",
                    seq = from
                )
            }
            Tamper::EntriesMissing { from, to } => {
                tr!(
                    "链的第 {from} 至 {to} 项被删除",
                    "Entries {from} to {to} of the chain were removed",
                    from = from,
                    to = to
                )
            }
            Tamper::RowChanged { table, row, seq } => tr!(
                "表 {table} 第 {row} 行在程序之外被改过（或其后的链项被删）：与链的第 {seq} 项记下的不符",
                "Table {table}, row {row} was changed outside the program (or the chain's entries after it removed): it is not what entry {seq} of the chain recorded",
                table = table,
                row = row,
                seq = seq
            ),
            Tamper::RowAdded { table, row } => tr!(
                "表 {table} 第 {row} 行不在链上：在程序之外加入，或记它的链项被删",
                "Table {table}, row {row} is not on the chain: added outside the program, or the entry that recorded it removed",
                table = table,
                row = row
            ),
            Tamper::RowRemoved { table, row, seq } => tr!(
                "表 {table} 第 {row} 行在程序之外被删除（链的第 {seq} 项记有它）",
                "Table {table}, row {row} was deleted outside the program (entry {seq} of the chain records it)",
                table = table,
                row = row,
                seq = seq
            ),
        };
        f.write_str(&text)
    }
}

/// The last entry of each row: (entry number, what happened, the row's hash).
type Latest = HashMap<(usize, i64), (i64, String, String)>;

impl Store {
    /// Walks the chain and the chained tables (see [`ChainReport`]).
    pub fn verify_chain(&self) -> Result<ChainReport> {
        let mut report = ChainReport::default();
        for change in &self.schema_changes {
            report.problems.push(Tamper::Schema(change.to_string()));
        }
        if head(&self.conn)?.is_none() && !has_chain(&self.conn)? {
            report.problems.push(Tamper::NoChain);
            return Ok(report);
        }
        let latest = walk_chain(&self.conn, &mut report)?;
        walk_tables(&self.conn, latest, &mut report.problems)?;
        report.head = head(&self.conn)?;
        report.exports = exports(&self.conn)?;
        Ok(report)
    }
}

fn has_chain(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'chain_entry'",
        [],
        |row| row.get(0),
    )
}

fn walk_chain(conn: &Connection, report: &mut ChainReport) -> rusqlite::Result<Latest> {
    let index: HashMap<&str, usize> = CHAINED
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (*name, i))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT seq, tbl, row_id, op, content, at, prev, hash,
                shuze_sha256(prev, seq, tbl, row_id, op, content, at)
         FROM chain_entry ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut latest = Latest::new();
    let (mut expected, mut before, mut start_rows) = (1i64, String::new(), 0i64);
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let tbl: String = row.get(1)?;
        let (row_id, op): (i64, String) = (row.get(2)?, row.get(3)?);
        let (prev, hash): (String, String) = (row.get(6)?, row.get(7)?);
        if seq == 1 && op == "start" {
            report.start = Some((parse_time(&row.get::<_, String>(5)?), 0));
        }
        if seq != expected {
            let (from, to) = (expected, seq - 1);
            report.problems.push(Tamper::EntriesMissing { from, to });
        } else if prev != before {
            report.problems.push(Tamper::LinkBroken { seq });
        }
        if hash != row.get::<_, String>(8)? {
            report.problems.push(Tamper::EntryChanged { seq });
        }
        if op == "before" {
            start_rows += 1;
        }
        if let Some(table) = index.get(tbl.as_str()) {
            latest.insert((*table, row_id), (seq, op, row.get(4)?));
        }
        report.entries += 1;
        (expected, before) = (seq + 1, hash);
    }
    if let Some(start) = report.start.as_mut() {
        start.1 = start_rows;
    }
    // AUTOINCREMENT keeps the highest number ever given: entries cut from the end show.
    let given: i64 = conn.query_row(
        "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'chain_entry'), 0)",
        [],
        |row| row.get(0),
    )?;
    if given >= expected {
        let (from, to) = (expected, given);
        report.problems.push(Tamper::EntriesMissing { from, to });
    }
    Ok(latest)
}

fn walk_tables(conn: &Connection, mut latest: Latest, problems: &mut Vec<Tamper>) -> Result<()> {
    for (index, (table, columns)) in CHAINED.iter().enumerate() {
        let sql = format!(
            "SELECT rowid, shuze_sha256({}) FROM {table} ORDER BY rowid",
            columns.join(", ")
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (row_id, content): (i64, String) = (row.get(0)?, row.get(1)?);
            let table = table.to_string();
            match latest.remove(&(index, row_id)) {
                None => problems.push(Tamper::RowAdded { table, row: row_id }),
                Some((_, op, _)) if op == "delete" => {
                    problems.push(Tamper::RowAdded { table, row: row_id })
                }
                Some((seq, _, hashed)) if hashed != content => problems.push(Tamper::RowChanged {
                    table,
                    row: row_id,
                    seq,
                }),
                Some(_) => {}
            }
        }
    }
    let mut gone: Vec<_> = latest
        .into_iter()
        .filter(|(_, (_, op, _))| op != "delete")
        .map(|((index, row), (seq, _, _))| (seq, CHAINED[index].0.to_string(), row))
        .collect();
    gone.sort();
    for (seq, table, row) in gone {
        problems.push(Tamper::RowRemoved { table, row, seq });
    }
    Ok(())
}

fn exports(conn: &Connection) -> rusqlite::Result<Vec<ExportMade>> {
    let mut stmt = conn
        .prepare("SELECT made_at, kind, format, path, record_hash FROM export_made ORDER BY id")?;
    stmt.query_map([], |row| {
        Ok(ExportMade {
            at: parse_time(&row.get::<_, String>(0)?),
            kind: row.get(1)?,
            format: row.get(2)?,
            path: row.get(3)?,
            record_hash: row.get(4)?,
        })
    })?
    .collect()
}
