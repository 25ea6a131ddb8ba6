//! Putting slips right: each correction is a new row holding the whole new state of what it
//! corrects (the newest row is the current state: the `*_now` views of schema v7); nothing
//! is updated in place or deleted, so the history of every change stays in the file.

use super::{Result, Store};
use crate::domain::{
    AgendaChange, AgendaMove, Attendance, DutyItem, FollowUp, Id, QuestionChange, RiskPoint,
};
use chrono::{DateTime, Utc};
use rusqlite::params;

impl Store {
    /// Records a change to a question (wording, asker, asked, 书面质询, withdrawn).
    pub fn change_question(
        &mut self,
        question: Id,
        change: &QuestionChange,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (set_asked, asked_at) = match change.asked_at {
            Some(at) => (true, at),
            None => (false, None),
        };
        self.conn.execute(
            "INSERT INTO question_change (question_id, asker, text, asked_at,
                 needs_written_reply, withdrawn, changed_at, written_reason, origin)
             SELECT id, coalesce(?2, asker), coalesce(?3, text),
                    CASE WHEN ?4 THEN ?5 ELSE asked_at END,
                    coalesce(?6, needs_written_reply), coalesce(?7, withdrawn), ?8,
                    coalesce(?9, written_reason), ?10
             FROM question_now WHERE id = ?1",
            params![
                question,
                change.asker,
                change.text,
                set_asked,
                asked_at,
                change.needs_written_reply,
                change.withdrawn,
                now,
                change.written_reason,
                self.origin.word()
            ],
        )?;
        Ok(())
    }

    /// Adds a duty item during the meeting; it goes last.
    pub fn add_duty_item(&mut self, slot: Id, item: &DutyItem, now: DateTime<Utc>) -> Result<Id> {
        self.conn.execute(
            "INSERT INTO duty_item (slot_id, position, source, quarter, text, progress, status,
                 added_at, added_by)
             VALUES (?1, (SELECT ifnull(max(position), 0) + 1 FROM duty_item WHERE slot_id = ?1),
                     ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                slot,
                item.source,
                item.quarter,
                item.text,
                item.progress,
                item.status,
                now,
                self.origin.word()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records a duty item's corrected state (its `id` says which), or its withdrawal.
    pub fn change_duty_item(
        &mut self,
        item: &DutyItem,
        withdrawn: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO duty_item_change (duty_item_id, source, quarter, text, progress, status,
                 withdrawn, changed_at, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                item.id,
                item.source,
                item.quarter,
                item.text,
                item.progress,
                item.status,
                withdrawn,
                now,
                self.origin.word()
            ],
        )?;
        Ok(())
    }

    /// Adds a risk point during the meeting; it goes last.
    pub fn add_risk_point(&mut self, slot: Id, risk: &RiskPoint, now: DateTime<Utc>) -> Result<Id> {
        self.conn.execute(
            "INSERT INTO risk_point (slot_id, position, text, level, measures, rules, added_at,
                 added_by)
             VALUES (?1, (SELECT ifnull(max(position), 0) + 1 FROM risk_point WHERE slot_id = ?1),
                     ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                slot,
                risk.text,
                risk.level,
                json(&risk.measures),
                json(&risk.rules),
                now,
                self.origin.word()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records a risk point's corrected state (its `id` says which), or its withdrawal.
    pub fn change_risk_point(
        &mut self,
        risk: &RiskPoint,
        withdrawn: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO risk_point_change (risk_point_id, text, level, measures, rules,
                 withdrawn, changed_at, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                risk.id,
                risk.text,
                risk.level,
                json(&risk.measures),
                json(&risk.rules),
                withdrawn,
                now,
                self.origin.word()
            ],
        )?;
        Ok(())
    }

    /// Moves an official up or down the agenda (trading places with the neighbour) or to
    /// its end; false when there is nowhere to go.
    pub fn move_official(&mut self, slot: Id, to: AgendaMove, now: DateTime<Utc>) -> Result<bool> {
        let tx = self.conn.savepoint()?;
        let (meeting, position): (Id, i64) = tx.query_row(
            "SELECT meeting_id, position FROM agenda_now WHERE id = ?1",
            [slot],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let neighbour_sql = match to {
            AgendaMove::Up => {
                "SELECT id, position FROM agenda_now WHERE meeting_id = ?1 AND position < ?2
                 ORDER BY position DESC LIMIT 1"
            }
            AgendaMove::Down => {
                "SELECT id, position FROM agenda_now WHERE meeting_id = ?1 AND position > ?2
                 ORDER BY position LIMIT 1"
            }
            AgendaMove::ToEnd => {
                "SELECT NULL, max(position) + 1 FROM agenda_now WHERE meeting_id = ?1
                 AND NOT withdrawn HAVING max(position) > ?2"
            }
        };
        let found: Option<(Option<Id>, i64)> = {
            let mut stmt = tx.prepare(neighbour_sql)?;
            let mut rows = stmt.query(params![meeting, position])?;
            match rows.next()? {
                Some(row) => Some((row.get(0)?, row.get(1)?)),
                None => None,
            }
        };
        let Some((neighbour, new_position)) = found else {
            return Ok(false);
        };
        let moved = AgendaChange {
            position: Some(new_position),
            ..AgendaChange::default()
        };
        set_agenda(&tx, slot, &moved, now, self.origin)?;
        if let Some(other) = neighbour {
            let swapped = AgendaChange {
                position: Some(position),
                ..AgendaChange::default()
            };
            set_agenda(&tx, other, &swapped, now, self.origin)?;
        }
        tx.commit()?;
        Ok(true)
    }

    /// Records a change to an official's place on the agenda: name, post, leader in
    /// charge, minutes, 书面述责, or taken off the agenda (`withdrawn`).
    pub fn change_agenda(
        &mut self,
        slot: Id,
        change: &AgendaChange,
        now: DateTime<Utc>,
    ) -> Result<()> {
        set_agenda(&self.conn, slot, change, now, self.origin)
    }

    /// Changes an official's allotted report minutes and whether they report in writing.
    pub fn change_allotment(
        &mut self,
        slot: Id,
        report_minutes: u32,
        written_only: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let change = AgendaChange {
            report_minutes: Some(report_minutes),
            written_only: Some(written_only),
            ..AgendaChange::default()
        };
        self.change_agenda(slot, &change, now)
    }

    /// Records an attendee's attendance as it now stands: present (with the time they
    /// arrived, when late), left early (with the time), or absent with a reason.
    pub fn change_attendance(
        &mut self,
        attendee: Id,
        attendance: Attendance,
        reason: &str,
        arrived_at: Option<DateTime<Utc>>,
        left_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO attendee_change (attendee_id, attendance, reason, arrived_at, left_at,
                 changed_at, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                attendee,
                attendance,
                reason,
                arrived_at,
                left_at,
                now,
                self.origin.word()
            ],
        )?;
        Ok(())
    }

    /// Adds someone to the attendance list during the meeting.
    pub fn add_attendee(
        &mut self,
        meeting: Id,
        name: &str,
        post: &str,
        attendance: Attendance,
        now: DateTime<Utc>,
    ) -> Result<Id> {
        self.add_late_attendee(meeting, name, post, attendance, None, now)
    }

    /// Adds someone to the attendance list with the time they arrived, when late: both
    /// rows or neither, so a failed write can be tried again without a second person.
    pub fn add_late_attendee(
        &mut self,
        meeting: Id,
        name: &str,
        post: &str,
        attendance: Attendance,
        arrived_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<Id> {
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO attendee (meeting_id, position, name, post, attendance, added_at,
                 added_by)
             VALUES (?1, (SELECT ifnull(max(position), 0) + 1 FROM attendee WHERE meeting_id = ?1),
                     ?2, ?3, ?4, ?5, ?6)",
            params![meeting, name, post, attendance, now, self.origin.word()],
        )?;
        let id = tx.last_insert_rowid();
        if let Some(at) = arrived_at {
            tx.execute(
                "INSERT INTO attendee_change (attendee_id, attendance, reason, arrived_at,
                     left_at, changed_at, origin)
                 VALUES (?1, ?2, '', ?3, NULL, ?4, ?5)",
                params![id, attendance, at, now, self.origin.word()],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Records a follow-up's corrected state, every field (in `slot`'s report, when the
    /// console is at one); the follow-up as raised is kept.
    pub fn change_follow_up(
        &mut self,
        follow_up: &FollowUp,
        slot: Option<Id>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO follow_up_change (follow_up_id, slot_id, category, problem, task,
                 measure, lead, owner, deadline, mode, progress, status, copied_to, changed_at,
                 source, question_id, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                follow_up.id,
                slot,
                follow_up.category,
                follow_up.problem,
                follow_up.task,
                follow_up.measure,
                follow_up.lead,
                follow_up.owner,
                follow_up.deadline,
                follow_up.mode,
                follow_up.progress,
                follow_up.status,
                follow_up.copied_to,
                now,
                follow_up.source,
                follow_up.question,
                self.origin.word()
            ],
        )?;
        Ok(())
    }

    /// Moves the meeting's date to the day it is really held (`held_on`, local): a dated
    /// row of its own; the prepared date stays in the file.
    pub fn move_meeting_date(
        &mut self,
        meeting: Id,
        held_on: chrono::NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meeting_change (meeting_id, held_on, changed_at) VALUES (?1, ?2, ?3)",
            params![meeting, held_on, now],
        )?;
        Ok(())
    }

    /// Makes the changes `apply` writes as `import --update`'s (their `origin`), in one
    /// transaction: all of them or none.
    pub fn as_import_update<T>(
        &mut self,
        apply: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        self.origin = super::Origin::Import;
        let done = self.in_one_transaction(apply);
        self.origin = super::Origin::Console;
        done
    }

    /// Records the meeting's end (散会) at `now`; false when it had already ended.
    pub fn finish_meeting(&mut self, meeting: Id, now: DateTime<Utc>) -> Result<bool> {
        let changed = self.conn.execute(
            "UPDATE meeting SET finished_at = ?2 WHERE id = ?1 AND finished_at IS NULL",
            params![meeting, now],
        )?;
        Ok(changed == 1)
    }
}

/// A new agenda row for `slot` with the given fields replaced.
fn set_agenda(
    conn: &rusqlite::Connection,
    slot: Id,
    change: &AgendaChange,
    now: DateTime<Utc>,
    origin: super::Origin,
) -> Result<()> {
    conn.execute(
        "INSERT INTO agenda_change (slot_id, position, name, post, supervisor, report_minutes,
             written_only, withdrawn, changed_at, origin)
         SELECT id, coalesce(?2, position), coalesce(?3, name), coalesce(?4, post),
                coalesce(?5, supervisor), coalesce(?6, report_minutes),
                coalesce(?7, written_only), coalesce(?8, withdrawn), ?9, ?10
         FROM agenda_now WHERE id = ?1",
        params![
            slot,
            change.position,
            change.name,
            change.post,
            change.supervisor,
            change.report_minutes,
            change.written_only,
            change.withdrawn,
            now,
            origin.word()
        ],
    )?;
    Ok(())
}

fn json(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}
