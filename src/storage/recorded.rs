//! When things were recorded, for the documents to tell what happened at the meeting from
//! what was added after 散会 (会后补记).

use super::{Result, Store};
use crate::domain::{Id, Rating};
use chrono::{DateTime, Utc};

impl Store {
    /// Every round of the official's rating with the time it was recorded, oldest first.
    pub fn rating_rounds(&self, slot: Id) -> Result<Vec<(Rating, DateTime<Utc>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT voters, excellent, good, fair, poor, recorded_at FROM rating
             WHERE slot_id = ?1 ORDER BY round",
        )?;
        let rows = stmt.query_map([slot], |row| {
            let rating = Rating {
                voters: row.get(0)?,
                excellent: row.get(1)?,
                good: row.get(2)?,
                fair: row.get(3)?,
                poor: row.get(4)?,
            };
            Ok((rating, row.get(5)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// When each follow-up raised for the official was written, by id.
    pub fn follow_ups_raised_at(&self, slot: Id) -> Result<Vec<(Id, DateTime<Utc>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, created_at FROM follow_up WHERE slot_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([slot], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// When the meeting of an official's slot ended (散会), if it has.
    pub fn meeting_end(&self, slot: Id) -> Result<Option<DateTime<Utc>>> {
        Ok(self.conn.query_row(
            "SELECT m.finished_at FROM meeting m JOIN agenda_slot s ON s.meeting_id = m.id
             WHERE s.id = ?1",
            [slot],
            |row| row.get(0),
        )?)
    }
}
