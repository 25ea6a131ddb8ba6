//! The tamper-evident record: a hash chain over every row of the recording tables.
//!
//! Schema step 12 gives each recording table three triggers that append an entry to
//! `chain_entry` through the view `chain_append` whenever a row is inserted, updated or
//! deleted: the entry holds the SHA-256 of the row's columns (`content`) and its own hash over
//! the hash of the entry before, its number, the table, the row, what happened, the content and
//! the time. The hashing function `shuze_sha256` is this program's, registered on each of
//! its connections ([`register`]): `sqlite3` has none, so it cannot write these tables
//! without dropping a trigger first, and whatever it writes then has no entry or another
//! content than its entry says, which [`verify`](super::Store::verify_chain) finds.
//!
//! A new recording table joins the chain by its own three triggers in the step that makes
//! it and a line in [`CHAINED`]; a table that is not a record goes into [`EXEMPT`] with
//! why. A test fails for a table in neither, and for a chained table whose triggers or
//! columns are not those of [`CHAINED`].

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// Every table on the chain and its columns, in the order they are hashed (as step 12's
/// triggers list them).
#[rustfmt::skip]
pub const CHAINED: &[(&str, &[&str])] = &[
    ("agenda_change", &["id", "slot_id", "position", "name", "post", "supervisor", "report_minutes", "written_only", "withdrawn", "changed_at", "origin"]),
    ("agenda_slot", &["id", "meeting_id", "position", "unit_id", "name", "post", "supervisor", "report_minutes", "written_only", "stage", "skip_reason"]),
    ("attendee", &["id", "meeting_id", "position", "name", "post", "attendance", "reason", "added_at", "added_by"]),
    ("attendee_change", &["id", "attendee_id", "attendance", "reason", "arrived_at", "left_at", "changed_at", "origin"]),
    ("duty_item", &["id", "slot_id", "position", "source", "quarter", "text", "progress", "status", "added_at", "added_by"]),
    ("duty_item_change", &["id", "duty_item_id", "source", "quarter", "text", "progress", "status", "withdrawn", "changed_at", "origin"]),
    ("follow_up", &["id", "unit_id", "slot_id", "meeting_id", "source", "question_id", "category", "problem", "task", "measure", "lead", "owner", "deadline", "mode", "progress", "status", "copied_to", "raised_on", "created_at", "key", "deadline_workdays"]),
    ("follow_up_change", &["id", "follow_up_id", "slot_id", "category", "problem", "task", "measure", "lead", "owner", "deadline", "mode", "progress", "status", "copied_to", "changed_at", "source", "question_id", "origin"]),
    ("meeting", &["id", "title", "held_on", "starts_at", "place", "chair", "chair_post", "recorder", "created_at", "finished_at", "scrutineers", "questions_minutes", "remarks_minutes", "rating_minutes", "follow_ups_minutes"]),
    ("meeting_change", &["id", "meeting_id", "held_on", "changed_at"]),
    ("meeting_revision", &["id", "meeting_id", "kind", "body", "saved_at"]),
    ("question", &["id", "slot_id", "position", "asker", "text", "prepared", "asked_at", "needs_written_reply", "created_at"]),
    ("question_change", &["id", "question_id", "asker", "text", "asked_at", "needs_written_reply", "withdrawn", "changed_at", "written_reason", "origin"]),
    ("rating", &["slot_id", "round", "voters", "excellent", "good", "fair", "poor", "recorded_at"]),
    ("risk_point", &["id", "slot_id", "position", "text", "level", "measures", "rules", "added_at", "added_by"]),
    ("risk_point_change", &["id", "risk_point_id", "text", "level", "measures", "rules", "withdrawn", "changed_at", "origin"]),
    ("stage_change", &["id", "slot_id", "from_stage", "to_stage", "at"]),
    ("stage_timing", &["slot_id", "stage", "started_at", "ended_at", "accumulated_ms", "running_since"]),
    ("text_revision", &["id", "kind", "slot_id", "question_id", "body", "saved_at"]),
    ("unit", &["id", "name"]),
    ("export_made", &["id", "meeting_id", "kind", "format", "path", "mark", "record_hash", "made_at"]),
    ("follow_up_check", &["id", "follow_up_id", "slot_id", "mark", "comment", "checked_on", "checked_at"]),
    ("rating_tally", &["slot_id", "round", "voter_group", "grade", "ballots", "recorded_at"]),
    ("item_mention", &["id", "slot_id", "kind", "item_id", "mentioned", "marked_at"]),
    ("extra_field", &["id", "row_kind", "row_id", "position", "label", "value"]),
    ("portrait_finding", &["id", "slot_id", "position", "dimension", "problem", "suggestion"]),
    ("reminder_talk", &["id", "slot_id", "position", "held_on", "talker", "content"]),
];

/// Tables that are not part of the record, and why.
pub const EXEMPT: &[(&str, &str)] = &[
    ("chain_entry", "the chain itself"),
    (
        "room_view",
        "what the room sees: rewritten at every picture change, not a record",
    ),
    (
        "console_state",
        "where the console was: rewritten at every move, not a record",
    ),
    (
        "setting",
        "the file's identity and the recorder's process: rewritten at each start",
    ),
    (
        "text_draft",
        "the text being typed: becomes a text_revision, which is chained",
    ),
    (
        "text_draft_edit",
        "the text being typed: becomes a text_revision, which is chained",
    ),
    (
        "schema_step",
        "the file's schema steps, held to their own sums (storage::steps)",
    ),
];

/// Registers `shuze_sha256` on a connection: the SHA-256, in lower-case hex, of its
/// arguments, each written with its type and length so that no two lists hash alike.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("shuze_sha256", -1, flags, |ctx| sha256_of_arguments(ctx))
}

fn sha256_of_arguments(ctx: &Context<'_>) -> rusqlite::Result<String> {
    let mut hasher = Sha256::new();
    for index in 0..ctx.len() {
        match ctx.get_raw(index) {
            ValueRef::Null => hasher.update([0u8]),
            ValueRef::Integer(i) => {
                hasher.update([1u8]);
                hasher.update(i.to_be_bytes());
            }
            ValueRef::Real(f) => {
                hasher.update([2u8]);
                hasher.update(f.to_bits().to_be_bytes());
            }
            ValueRef::Text(bytes) => tagged(&mut hasher, 3, bytes),
            ValueRef::Blob(bytes) => tagged(&mut hasher, 4, bytes),
        }
    }
    Ok(hex(&hasher.finalize()))
}

fn tagged(hasher: &mut Sha256, tag: u8, bytes: &[u8]) {
    hasher.update([tag]);
    hasher.update((bytes.len() as u64).to_be_bytes());
    hasher.update(bytes);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The record's last entry (exports left aside): the hash an exported document prints.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChainHead {
    /// The entry's number.
    pub seq: i64,
    /// Its hash.
    pub hash: String,
    /// When it was made (UTC).
    pub at: chrono::DateTime<chrono::Utc>,
}

impl ChainHead {
    /// The hash as documents and `shuze verify` print it: in groups of eight digits, so that
    /// a reader can compare it group by group and a printed line can break between groups.
    pub fn grouped(&self) -> String {
        grouped(&self.hash)
    }
}

/// A hash in groups of eight digits.
pub fn grouped(hash: &str) -> String {
    let digits: Vec<char> = hash.chars().collect();
    let groups: Vec<String> = digits.chunks(8).map(|c| c.iter().collect()).collect();
    groups.join(" ")
}

/// The record's last entry, leaving exports aside; `None` in a file without a chain.
pub fn head(conn: &Connection) -> rusqlite::Result<Option<ChainHead>> {
    let has_chain: bool = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'chain_entry'",
        [],
        |row| row.get(0),
    )?;
    if !has_chain {
        return Ok(None);
    }
    conn.query_row(
        "SELECT seq, hash, at FROM chain_entry WHERE tbl <> 'export_made'
         ORDER BY seq DESC LIMIT 1",
        [],
        |row| {
            let at: String = row.get(2)?;
            Ok(ChainHead {
                seq: row.get(0)?,
                hash: row.get(1)?,
                at: parse_time(&at),
            })
        },
    )
    .optional()
}

impl super::Store {
    /// The record's last entry in the chain (exports aside), as documents print it.
    pub fn chain_head(&self) -> super::Result<Option<ChainHead>> {
        Ok(head(&self.conn)?)
    }

    /// Records an export in the file (`export_made`, and so in the chain): what, for which
    /// meeting, to which path, under which mark, and the record's hash it printed.
    pub fn record_export(&self, made: &ExportRecord) -> super::Result<()> {
        self.conn.execute(
            "INSERT INTO export_made (meeting_id, kind, format, path, mark, record_hash, made_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                made.meeting,
                made.kind,
                made.format,
                made.path,
                made.mark,
                made.record_hash,
                chrono::Utc::now().to_rfc3339(),
            ],
        )?;
        Ok(())
    }
}

/// One export, as [`Store::record_export`](super::Store::record_export) records it.
#[derive(Debug, Clone)]
pub struct ExportRecord {
    pub meeting: crate::domain::Id,
    /// `record`, `summary` or `ledger`.
    pub kind: String,
    /// `docx`, `html`, `md`, `json`, `xlsx` or `csv`.
    pub format: String,
    /// Where it was written (absolute where it can be).
    pub path: String,
    pub mark: String,
    /// The record's hash the export printed (empty for a file without a chain).
    pub record_hash: String,
}

/// A time as the chain writes it; the epoch when it cannot be read (a tampered entry).
pub(super) fn parse_time(text: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latest() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        for step in super::super::schema::MIGRATIONS {
            conn.execute_batch(step).unwrap();
        }
        conn
    }

    fn trigger_sql(conn: &Connection, name: &str) -> Option<String> {
        conn.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
            [name],
            |row| row.get(0),
        )
        .optional()
        .unwrap()
    }

    #[test]
    fn every_table_is_on_the_chain_or_says_why_not() {
        let conn = latest();
        for table in super::super::table_names(&conn).unwrap() {
            let chained = CHAINED.iter().any(|(name, _)| *name == table);
            let exempt = EXEMPT.iter().any(|(name, _)| *name == table);
            assert!(
                chained != exempt,
                "table {table}: add it to storage::chain::CHAINED with its three triggers \
                 (see schema step 12), or to EXEMPT with why it is not a record"
            );
        }
    }

    #[test]
    fn every_chained_table_hashes_all_its_columns_on_insert_update_and_delete() {
        let conn = latest();
        let tables = super::super::table_columns(&conn).unwrap();
        for (table, columns) in CHAINED {
            let found = tables.iter().find(|(name, _)| name == table);
            let found = found.unwrap_or_else(|| panic!("{table} is not in the schema"));
            assert_eq!(&found.1, columns, "{table}: CHAINED lists other columns");
            for (op, row) in [("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")] {
                let name = format!("{table}_chain_{op}");
                let sql = trigger_sql(&conn, &name).unwrap_or_else(|| panic!("no {name}"));
                let listed: Vec<String> = columns.iter().map(|c| format!("{row}.{c}")).collect();
                let hashed = format!("shuze_sha256({})", listed.join(", "));
                assert!(sql.contains(&hashed), "{name} does not hash {hashed}");
                assert!(
                    sql.contains(&format!("('{table}', {row}.rowid, '{op}'")),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn a_row_written_appends_an_entry_linked_to_the_one_before() {
        let conn = latest();
        conn.execute("INSERT INTO unit (name) VALUES ('某某镇')", [])
            .unwrap();
        conn.execute("UPDATE unit SET name = '某某乡'", []).unwrap();
        let entries: Vec<(i64, String, String, String, String)> = conn
            .prepare("SELECT seq, tbl, op, prev, hash FROM chain_entry ORDER BY seq")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let ops: Vec<&str> = entries.iter().map(|e| e.2.as_str()).collect();
        assert_eq!(ops, ["start", "insert", "update"]);
        assert_eq!(entries[0].3, "");
        assert_eq!(entries[1].3, entries[0].4);
        assert_eq!(entries[2].3, entries[1].4);
        assert_eq!(head(&conn).unwrap().unwrap().hash, entries[2].4);
    }
}
