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

    /// When each attendee of the meeting was added in the console (`None`: prepared).
    pub fn attendees_added_at(&self, meeting: Id) -> Result<Vec<(Id, Option<DateTime<Utc>>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, added_at FROM attendee WHERE meeting_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([meeting], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What the recorder added or corrected in the console in `meeting` (not
    /// `import --update`): each thing once, with every text it has had, so that an update
    /// of the preparation can leave it alone.
    pub fn console_touched(&self, meeting: Id) -> Result<Vec<Touched>> {
        let mut stmt = self.conn.prepare_cached(CONSOLE_TOUCHED_SQL)?;
        let rows = stmt.query_map([meeting], |row| {
            let texts: String = row.get(3)?;
            Ok(Touched {
                kind: row.get(0)?,
                id: row.get(1)?,
                slot: row.get(2)?,
                texts: serde_json::from_str(&texts).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// One thing the console added or corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    /// duty_item, risk_point, question, attendee, agenda_fields or agenda_order.
    pub kind: String,
    pub id: Id,
    /// The official it belongs to (none for an attendee).
    pub slot: Option<Id>,
    /// Every text it has had: as prepared, then as corrected (an attendee's name).
    pub texts: Vec<String>,
}

const CONSOLE_TOUCHED_SQL: &str = "
WITH slots AS (SELECT id FROM agenda_slot WHERE meeting_id = ?1)
SELECT 'duty_item', d.id, d.slot_id,
       (SELECT json_group_array(t) FROM (SELECT d.text AS t UNION ALL
            SELECT text FROM duty_item_change WHERE duty_item_id = d.id))
FROM duty_item d
WHERE d.slot_id IN slots
  AND (d.added_by = 'console' OR EXISTS (SELECT 1 FROM duty_item_change c
                                         WHERE c.duty_item_id = d.id AND c.origin = 'console'))
UNION ALL
SELECT 'risk_point', r.id, r.slot_id,
       (SELECT json_group_array(t) FROM (SELECT r.text AS t UNION ALL
            SELECT text FROM risk_point_change WHERE risk_point_id = r.id))
FROM risk_point r
WHERE r.slot_id IN slots
  AND (r.added_by = 'console' OR EXISTS (SELECT 1 FROM risk_point_change c
                                         WHERE c.risk_point_id = r.id AND c.origin = 'console'))
UNION ALL
SELECT 'question', q.id, q.slot_id,
       (SELECT json_group_array(t) FROM (SELECT q.text AS t UNION ALL
            SELECT text FROM question_change WHERE question_id = q.id))
FROM question q
WHERE q.slot_id IN slots
  AND EXISTS (SELECT 1 FROM question_change c
              WHERE c.question_id = q.id AND c.origin = 'console'
                AND (c.text <> q.text OR c.asker <> q.asker OR c.withdrawn = 1))
UNION ALL
SELECT 'attendee', a.id, NULL, json_array(a.name)
FROM attendee a
WHERE a.meeting_id = ?1
  AND (a.added_by = 'console' OR EXISTS (SELECT 1 FROM attendee_change c
                                         WHERE c.attendee_id = a.id AND c.origin = 'console'))
UNION ALL
SELECT 'agenda_fields', s.id, s.id, json_array(s.name)
FROM agenda_slot s
WHERE s.meeting_id = ?1
  AND EXISTS (SELECT 1 FROM agenda_change c
              WHERE c.slot_id = s.id AND c.origin = 'console'
                AND (c.name <> s.name OR c.post <> s.post OR c.supervisor <> s.supervisor
                     OR c.report_minutes <> s.report_minutes
                     OR c.written_only <> s.written_only OR c.withdrawn = 1))
UNION ALL
SELECT 'agenda_order', s.id, s.id, json_array(s.name)
FROM agenda_slot s
WHERE s.meeting_id = ?1
  AND EXISTS (SELECT 1 FROM agenda_change c
              WHERE c.slot_id = s.id AND c.origin = 'console' AND c.position <> s.position)";
