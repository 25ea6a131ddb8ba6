//! Reading the units' political portraits (政治画像) and reminder talks (提醒谈话): per
//! official for the card, per unit for the history view, counted for the year report.

use super::lossy::Lossy;
use super::{Result, Store};
use crate::domain::{Id, PortraitFinding, ReminderTalk};
use chrono::NaiveDate;

const FINDINGS: &str = "SELECT p.id, p.dimension, p.problem, p.suggestion FROM portrait_finding p";
const TALKS: &str = "SELECT t.id, t.held_on, t.talker, t.content FROM reminder_talk t";

impl Store {
    /// The portrait findings prepared with this official, in file order.
    pub fn portrait_of_slot(&self, slot: Id) -> Result<Vec<PortraitFinding>> {
        self.findings(
            &format!("{FINDINGS} WHERE p.slot_id = ?1 ORDER BY p.position, p.id"),
            slot,
        )
    }

    /// The reminder talks prepared with this official, in file order.
    pub fn talks_of_slot(&self, slot: Id) -> Result<Vec<ReminderTalk>> {
        self.talks(
            &format!("{TALKS} WHERE t.slot_id = ?1 ORDER BY t.position, t.id"),
            slot,
        )
    }

    /// Every portrait finding of a unit from every meeting in the file, each with the day
    /// of the meeting it was prepared for, oldest meeting first (for the history view).
    pub fn portrait_of_unit(&self, unit: Id) -> Result<Vec<(NaiveDate, PortraitFinding)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.held_on, p.id, p.dimension, p.problem, p.suggestion
             FROM portrait_finding p JOIN agenda_slot s ON s.id = p.slot_id
             JOIN meeting_now m ON m.id = s.meeting_id
             WHERE s.unit_id = ?1 ORDER BY m.held_on, m.id, p.position, p.id",
        )?;
        let rows = stmt.query_map([unit], |row| {
            let row = &Lossy(row);
            Ok((
                row.get(0)?,
                PortraitFinding {
                    id: row.get(1)?,
                    dimension: row.get(2)?,
                    problem: row.get(3)?,
                    suggestion: row.get(4)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every reminder talk held with a unit's head, from every meeting's preparation in the
    /// file, oldest first; a talk prepared for two meetings is listed once.
    pub fn talks_of_unit(&self, unit: Id) -> Result<Vec<ReminderTalk>> {
        let mut talks = self.talks(
            &format!(
                "{TALKS} JOIN agenda_slot s ON s.id = t.slot_id
                 WHERE s.unit_id = ?1 ORDER BY t.held_on, t.id"
            ),
            unit,
        )?;
        talks.dedup_by(|b, a| {
            (&a.held_on, &a.talker, &a.content) == (&b.held_on, &b.talker, &b.content)
        });
        Ok(talks)
    }

    fn findings(&self, sql: &str, key: Id) -> Result<Vec<PortraitFinding>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([key], |row| {
            let row = &Lossy(row);
            Ok(PortraitFinding {
                id: row.get(0)?,
                dimension: row.get(1)?,
                problem: row.get(2)?,
                suggestion: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn talks(&self, sql: &str, key: Id) -> Result<Vec<ReminderTalk>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([key], |row| {
            let row = &Lossy(row);
            Ok(ReminderTalk {
                id: row.get(0)?,
                held_on: row.get(1)?,
                talker: row.get(2)?,
                content: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The portrait findings prepared for the meetings held in `year` for a unit, counted
    /// per dimension in the five dimensions' order.
    pub(super) fn portrait_counts(&self, unit: Id, year: i32) -> Result<[u32; 5]> {
        use crate::domain::{PortraitDimension, Word};
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.dimension, count(*) FROM portrait_finding p
             JOIN agenda_slot s ON s.id = p.slot_id JOIN meeting_now m ON m.id = s.meeting_id
             WHERE s.unit_id = ?1 AND substr(m.held_on, 1, 4) = ?2 GROUP BY p.dimension",
        )?;
        let rows = stmt.query_map(rusqlite::params![unit, year.to_string()], |row| {
            let row = &Lossy(row);
            Ok((row.get::<_, PortraitDimension>(0)?, row.get::<_, u32>(1)?))
        })?;
        let mut counts = [0; 5];
        for row in rows {
            let (dimension, n) = row?;
            if let Some(at) = PortraitDimension::ALL.iter().position(|d| *d == dimension) {
                counts[at] = n;
            }
        }
        Ok(counts)
    }
}
