//! Writing a prepared meeting (from a prep file) into the file: the importer's SQL.

use super::{Result, Setting, StorageError, Store};
use crate::domain::Id;
use crate::view::{PreparedMeeting, PreparedOfficial};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    /// The meeting was added with this id.
    Added(Id),
    /// A meeting with the same title and date is already in the file (this id): nothing
    /// was written, so nothing recorded can be changed by an import.
    AlreadyThere(Id),
}

impl Store {
    /// Writes a prepared meeting in one transaction: all of it or nothing.
    pub fn import_meeting(
        &mut self,
        prepared: &PreparedMeeting,
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        self.import_meeting_with(prepared, now, |_| Vec::new())
    }

    /// Writes a prepared meeting and the settings `settings` gives for its new id (the
    /// 纪要's 发文机关 and 期号, which the meeting table has no column for) in one
    /// transaction: all of it or nothing.
    pub fn import_meeting_with(
        &mut self,
        prepared: &PreparedMeeting,
        now: DateTime<Utc>,
        settings: impl FnOnce(Id) -> Vec<(Setting, String)>,
    ) -> Result<Imported> {
        let tx = self.conn.transaction()?;
        let meeting = match insert_meeting(&tx, prepared, now)? {
            Imported::Added(id) => id,
            there => return Ok(there),
        };
        for official in &prepared.officials {
            insert_official(&tx, meeting, official, now)?;
        }
        for (key, value) in settings(meeting) {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key.key(), value],
            )?;
        }
        tx.commit()?;
        Ok(Imported::Added(meeting))
    }
}

impl Store {
    /// Runs `apply` in one transaction: every write it makes, or none. For `shuze import
    /// --update`, whose writes are the correction methods that write one statement each.
    pub fn in_one_transaction<T>(
        &mut self,
        apply: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match apply(self) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Err(err) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(err)
            }
        }
    }

    /// Adds an official to a meeting's agenda with what was prepared for them (an update's
    /// new official), at `official.slot.position`.
    pub fn add_prepared_official(
        &mut self,
        meeting: Id,
        official: &PreparedOfficial,
        now: DateTime<Utc>,
    ) -> Result<Id> {
        insert_official(&self.conn, meeting, official, now)?;
        Ok(self.conn.query_row(
            "SELECT max(id) FROM agenda_slot WHERE meeting_id = ?1",
            [meeting],
            |row| row.get(0),
        )?)
    }

    /// Adds a prepared question at the end of an official's questions (an update's).
    pub fn add_prepared_question(
        &mut self,
        slot: Id,
        asker: &str,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Id> {
        self.conn.execute(
            "INSERT INTO question (slot_id, position, asker, text, prepared, created_at)
             VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM question WHERE slot_id = ?1),
                     ?2, ?3, 1, ?4)",
            params![slot, asker, text, now],
        )?;
        Ok(self.conn.last_insert_rowid())
    }
}

fn insert_meeting(
    tx: &Transaction,
    prepared: &PreparedMeeting,
    now: DateTime<Utc>,
) -> rusqlite::Result<Imported> {
    let header = &prepared.meeting;
    let existing: Option<Id> = tx
        .query_row(
            "SELECT id FROM meeting WHERE title = ?1 AND held_on = ?2",
            params![header.title, header.held_on],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(Imported::AlreadyThere(id));
    }
    tx.execute(
        "INSERT INTO meeting (title, held_on, starts_at, place, chair, chair_post, recorder,
             created_at, scrutineers, questions_minutes, remarks_minutes, rating_minutes,
             follow_ups_minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            header.title,
            header.held_on,
            header.starts_at.map(|t| t.format("%H:%M").to_string()),
            header.place,
            header.chair,
            header.chair_post,
            header.recorder,
            now,
            serde_json::to_string(&header.scrutineers).unwrap_or_default(),
            header.allotments.questions,
            header.allotments.remarks,
            header.allotments.rating,
            header.allotments.follow_ups
        ],
    )?;
    let meeting = tx.last_insert_rowid();
    for (position, attendee) in prepared.attendees.iter().enumerate() {
        tx.execute(
            "INSERT INTO attendee (meeting_id, position, name, post, attendance, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                meeting,
                position as i64 + 1,
                attendee.name,
                attendee.post,
                attendee.attendance,
                attendee.reason
            ],
        )?;
    }
    Ok(Imported::Added(meeting))
}

fn unit_id(tx: &Connection, name: &str) -> rusqlite::Result<Id> {
    tx.execute("INSERT OR IGNORE INTO unit (name) VALUES (?1)", [name])?;
    tx.query_row("SELECT id FROM unit WHERE name = ?1", [name], |row| {
        row.get(0)
    })
}

fn insert_official(
    tx: &Connection,
    meeting: Id,
    official: &PreparedOfficial,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let slot = &official.slot;
    let unit = unit_id(tx, &slot.unit)?;
    tx.execute(
        "INSERT INTO agenda_slot (meeting_id, position, unit_id, name, post, supervisor,
             report_minutes, written_only)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            meeting,
            slot.position,
            unit,
            slot.name,
            slot.post,
            slot.supervisor,
            slot.report_minutes,
            slot.written_only
        ],
    )?;
    let slot_id = tx.last_insert_rowid();
    insert_prepared(tx, slot_id, official, now)?;
    insert_earlier_follow_ups(tx, unit, meeting, official, now)
}

/// Duty items, risk points and prepared questions, in file order.
fn insert_prepared(
    tx: &Connection,
    slot_id: Id,
    official: &PreparedOfficial,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    for (index, item) in official.duty_items.iter().enumerate() {
        tx.execute(
            "INSERT INTO duty_item (slot_id, position, source, quarter, text, progress, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                slot_id,
                index as i64 + 1,
                item.source,
                item.quarter,
                item.text,
                item.progress,
                item.status
            ],
        )?;
        insert_extra(tx, "duty_item", tx.last_insert_rowid(), &item.extra)?;
    }
    for (index, risk) in official.risk_points.iter().enumerate() {
        tx.execute(
            "INSERT INTO risk_point (slot_id, position, text, level, measures, rules)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                slot_id,
                index as i64 + 1,
                risk.text,
                risk.level,
                serde_json::to_string(&risk.measures).unwrap_or_default(),
                serde_json::to_string(&risk.rules).unwrap_or_default()
            ],
        )?;
        insert_extra(tx, "risk_point", tx.last_insert_rowid(), &risk.extra)?;
    }
    for (index, question) in official.questions.iter().enumerate() {
        tx.execute(
            "INSERT INTO question (slot_id, position, asker, text, prepared, created_at)
             VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            params![
                slot_id,
                index as i64 + 1,
                question.asker,
                question.text,
                now
            ],
        )?;
    }
    insert_portrait(tx, slot_id, official)
}

/// The unit's portrait findings and the reminder talks, in file order.
fn insert_portrait(
    tx: &Connection,
    slot_id: Id,
    official: &PreparedOfficial,
) -> rusqlite::Result<()> {
    for (index, finding) in official.portrait.iter().enumerate() {
        tx.execute(
            "INSERT INTO portrait_finding (slot_id, position, dimension, problem, suggestion)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                slot_id,
                index as i64 + 1,
                finding.dimension,
                finding.problem,
                finding.suggestion
            ],
        )?;
    }
    for (index, talk) in official.talks.iter().enumerate() {
        tx.execute(
            "INSERT INTO reminder_talk (slot_id, position, held_on, talker, content)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                slot_id,
                index as i64 + 1,
                talk.held_on.format("%Y-%m-%d").to_string(),
                talk.talker,
                talk.content
            ],
        )?;
    }
    Ok(())
}

/// Follow-ups of the unit from before this meeting; they carry into the next meetings.
fn insert_earlier_follow_ups(
    tx: &Connection,
    unit: Id,
    meeting: Id,
    official: &PreparedOfficial,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    for f in &official.earlier_follow_ups {
        if !known_follow_up(tx, &f.key)? {
            insert_follow_up(tx, unit, meeting, f, now)?;
        }
    }
    Ok(())
}

/// Whether the file already holds the follow-up with this identity: it then carries into
/// the new meeting as it is (by its unit), and is not copied.
fn known_follow_up(tx: &Connection, key: &str) -> rusqlite::Result<bool> {
    if key.is_empty() {
        return Ok(false);
    }
    tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM follow_up WHERE key = ?1)",
        [key],
        |row| row.get(0),
    )
}

fn insert_follow_up(
    tx: &Connection,
    unit: Id,
    meeting: Id,
    f: &crate::domain::FollowUp,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO follow_up (unit_id, slot_id, meeting_id, source, category, problem, task,
             measure, lead, owner, deadline, mode, progress, status, copied_to, raised_on,
             created_at, key, deadline_workdays)
         VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 coalesce(nullif(?17, ''), lower(hex(randomblob(16)))), ?18)",
        params![
            unit,
            meeting,
            f.source,
            f.category,
            f.problem,
            f.task,
            f.measure,
            f.lead,
            f.owner,
            f.deadline,
            f.mode,
            f.progress,
            f.status,
            f.copied_to,
            f.raised_on,
            now,
            f.key,
            f.deadline_workdays
        ],
    )?;
    insert_extra(tx, "follow_up", tx.last_insert_rowid(), &f.extra)
}

/// A row's extra fields (the prep's columns without a field), in their order.
fn insert_extra(
    tx: &Connection,
    row_kind: &str,
    row_id: Id,
    extra: &[crate::domain::Extra],
) -> rusqlite::Result<()> {
    for (position, field) in extra.iter().enumerate() {
        tx.execute(
            "INSERT INTO extra_field (row_kind, row_id, position, label, value)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![row_kind, row_id, position as i64, field.label, field.value],
        )?;
    }
    Ok(())
}

impl Store {
    /// The classification line the preparation gave for the meeting's exports, if any.
    pub fn export_mark(&self, meeting: Id) -> Result<Option<String>> {
        Ok(self
            .setting(Setting::ExportMark(meeting))?
            .filter(|mark| !mark.trim().is_empty()))
    }

    /// The 纪要's 发文机关 and 期号 as the preparation gave them (empty and `None` when not
    /// given).
    pub fn summary_head(&self, meeting: Id) -> Result<(String, Option<u32>)> {
        let office = self
            .setting(Setting::SummaryOffice(meeting))?
            .unwrap_or_default();
        let setting = Setting::SummaryIssue(meeting);
        let issue = match self.setting(setting)?.filter(|issue| !issue.is_empty()) {
            None => None,
            Some(issue) => Some(issue.parse().map_err(|e: std::num::ParseIntError| {
                StorageError::SettingUnreadable {
                    key: setting.key(),
                    why: format!("{issue:?}: {e}"),
                }
            })?),
        };
        Ok((office, issue))
    }

    /// Records the 纪要's 发文机关 and 期号 as an updated preparation gives them.
    pub fn set_summary_head(
        &mut self,
        meeting: Id,
        office: &str,
        issue: Option<u32>,
    ) -> Result<()> {
        self.set_setting(Setting::SummaryOffice(meeting), office)?;
        let issue = issue.map(|n| n.to_string()).unwrap_or_default();
        self.set_setting(Setting::SummaryIssue(meeting), &issue)
    }

    /// A position no official of the meeting holds, as prepared or as moved since (withdrawn
    /// ones included): where an update's new official is first written.
    pub fn free_agenda_position(&self, meeting: Id) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT max(ifnull((SELECT max(position) FROM agenda_slot WHERE meeting_id = ?1), 0),
                        ifnull((SELECT max(position) FROM agenda_now WHERE meeting_id = ?1), 0)) + 1",
            [meeting],
            |row| row.get(0),
        )?)
    }

    /// How many of the preparation's earlier follow-ups the file already holds (by their
    /// identity, `key`): an import links to them instead of adding them again.
    pub fn known_follow_ups(&self, prepared: &PreparedMeeting) -> Result<usize> {
        let mut known = 0;
        for f in prepared
            .officials
            .iter()
            .flat_map(|o| &o.earlier_follow_ups)
        {
            if known_follow_up(&self.conn, &f.key)? {
                known += 1;
            }
        }
        Ok(known)
    }

    /// Adds a follow-up from before the meeting to an official's unit (an update's new row
    /// of 以往整改), as the import writes them.
    pub fn add_earlier_follow_up(
        &mut self,
        slot: Id,
        follow_up: &crate::domain::FollowUp,
        now: DateTime<Utc>,
    ) -> Result<Id> {
        let (unit, meeting): (Id, Id) = self.conn.query_row(
            "SELECT unit_id, meeting_id FROM agenda_slot WHERE id = ?1",
            [slot],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        if known_follow_up(&self.conn, &follow_up.key)? {
            // Already in the file (by its identity): carried on, not copied.
            return Ok(self.conn.query_row(
                "SELECT id FROM follow_up WHERE key = ?1",
                [&follow_up.key],
                |row| row.get(0),
            )?);
        }
        insert_follow_up(&self.conn, unit, meeting, follow_up, now)?;
        Ok(self.conn.last_insert_rowid())
    }
}
