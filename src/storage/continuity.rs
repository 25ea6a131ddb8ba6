//! Between meetings: the earlier follow-ups checked in a meeting (已完成, 整改中, 逾期 with a
//! comment), each check a row of its own in `follow_up_check`, never changed.

use super::lossy::Lossy;
use super::{Result, Store};
use crate::domain::{FollowUpCheck, FollowUpMark, Id};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Records what the recorder found when checking an earlier follow-up with the official
    /// of `slot`, dated the meeting's day.
    pub fn check_follow_up(
        &mut self,
        follow_up: Id,
        slot: Id,
        mark: FollowUpMark,
        comment: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO follow_up_check (follow_up_id, slot_id, mark, comment, checked_on,
                 checked_at)
             SELECT ?1, s.id, ?3, ?4, m.held_on, ?5
             FROM agenda_slot s JOIN meeting_now m ON m.id = s.meeting_id WHERE s.id = ?2",
            params![follow_up, slot, mark, comment.trim(), now],
        )?;
        Ok(())
    }

    /// The newest check of each follow-up of the slot's unit made in the slot's meeting or
    /// in one held before it.
    pub fn follow_up_checks(&self, slot: Id) -> Result<Vec<FollowUpCheck>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.follow_up_id, c.mark, c.comment, c.checked_on, c.checked_at
             FROM follow_up_check c
             JOIN follow_up f ON f.id = c.follow_up_id
             JOIN agenda_slot s ON s.id = ?1
             JOIN meeting_now m ON m.id = s.meeting_id
             WHERE f.unit_id = s.unit_id AND c.checked_on <= m.held_on
               AND c.id = (SELECT max(x.id) FROM follow_up_check x
                           WHERE x.follow_up_id = c.follow_up_id AND x.checked_on <= m.held_on)
             ORDER BY c.follow_up_id",
        )?;
        let rows = stmt.query_map([slot], |row| {
            let row = &Lossy(row);
            Ok(FollowUpCheck {
                follow_up: row.get(0)?,
                mark: row.get(1)?,
                comment: row.get(2)?,
                checked_on: row.get(3)?,
                checked_at: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The day the slot's meeting is held.
    pub fn meeting_day(&self, slot: Id) -> Result<Option<NaiveDate>> {
        Ok(self
            .conn
            .query_row(
                "SELECT m.held_on FROM agenda_slot s JOIN meeting_now m ON m.id = s.meeting_id
                 WHERE s.id = ?1",
                [slot],
                |row| Lossy(row).get(0),
            )
            .optional()?)
    }
}
