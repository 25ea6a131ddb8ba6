//! Between meetings: the earlier follow-ups checked in a meeting (已完成, 整改中, 逾期 with a
//! comment), each check a row of its own in `follow_up_check`, never changed; the meeting's
//! own rating scheme and its tallies per voter group, a recount a new round.

use super::lossy::Lossy;
use super::{Result, Setting, StorageError, Store};
use crate::domain::rating_rules::{GroupTally, RatingScheme};
use crate::domain::{FollowUpCheck, FollowUpMark, Id};
use crate::view::Mentioned;
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

impl Store {
    /// The meeting's rating scheme: the prep's, else the four default grades and no rules.
    /// One that cannot be read is an error (never the default grades in its place).
    pub fn rating_scheme(&self, meeting: Id) -> Result<RatingScheme> {
        let setting = Setting::RatingScheme(meeting);
        match self.setting(setting)? {
            None => Ok(RatingScheme::default()),
            Some(json) => {
                serde_json::from_str(&json).map_err(|e| StorageError::SettingUnreadable {
                    key: setting.key(),
                    why: e.to_string(),
                })
            }
        }
    }

    /// Records the tallies on the meeting's own scale as a new round (a recount never
    /// overwrites the round before).
    pub fn record_tallies(
        &mut self,
        slot: Id,
        scheme: &RatingScheme,
        tallies: &[GroupTally],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let round: i64 = tx.query_row(
            "SELECT ifnull(max(round), 0) + 1 FROM rating_tally WHERE slot_id = ?1",
            [slot],
            |row| row.get(0),
        )?;
        for tally in tallies {
            for (grade, ballots) in scheme.grades.iter().zip(&tally.counts) {
                tx.execute(
                    "INSERT INTO rating_tally (slot_id, round, voter_group, grade, ballots,
                         recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![slot, round, tally.group, grade, ballots, now],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The newest round of tallies on the meeting's own scale, and how many rounds there
    /// were (0: none recorded).
    pub fn tallies(&self, slot: Id, scheme: &RatingScheme) -> Result<(Vec<GroupTally>, u32)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT voter_group, grade, ballots, round FROM rating_tally
             WHERE slot_id = ?1 AND round = (SELECT max(round) FROM rating_tally WHERE slot_id = ?1)",
        )?;
        let rows = stmt.query_map([slot], |row| {
            let row = &Lossy(row);
            let tally: TallyRow = (row.get(0)?, row.get(1)?, row.get(2)?);
            Ok((tally, row.get::<_, u32>(3)?))
        })?;
        let rows: Vec<(TallyRow, u32)> = rows.collect::<rusqlite::Result<_>>()?;
        let Some(rounds) = rows.first().map(|r| r.1) else {
            return Ok((Vec::new(), 0));
        };
        let rows: Vec<TallyRow> = rows.into_iter().map(|r| r.0).collect();
        Ok((arrange(scheme, &rows), rounds))
    }

    /// The newest tallies of the slot on its meeting's scale, with their round.
    pub fn slot_tallies(&self, slot: Id) -> Result<(Vec<GroupTally>, u32)> {
        let meeting: Option<Id> = self
            .conn
            .query_row(
                "SELECT meeting_id FROM agenda_slot WHERE id = ?1",
                [slot],
                |row| Lossy(row).get(0),
            )
            .optional()?;
        match meeting {
            Some(meeting) => {
                // A scheme that cannot be read is said where the meeting is opened (and stops
                // an export); the tallies on screen are read on the default grades meanwhile.
                let scheme = match self.rating_scheme(meeting) {
                    Err(StorageError::SettingUnreadable { .. }) => RatingScheme::default(),
                    read => read?,
                };
                self.tallies(slot, &scheme)
            }
            None => Ok((Vec::new(), 0)),
        }
    }

    /// Rounds of the rating recorded for the slot, on either scale.
    pub fn rating_rounds_of(&self, slot: Id) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT max((SELECT count(*) FROM rating WHERE slot_id = ?1),
                        (SELECT ifnull(max(round), 0) FROM rating_tally WHERE slot_id = ?1))",
            [slot],
            |row| Lossy(row).get(0),
        )?)
    }
}

impl Store {
    /// Ticks a duty item (`risk` false) or risk point as mentioned in the official's
    /// report, or takes the tick back: a new row, the newest being its state.
    pub fn set_mentioned(
        &mut self,
        slot: Id,
        risk: bool,
        item: Id,
        mentioned: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let kind = if risk { "risk_point" } else { "duty_item" };
        self.conn.execute(
            "INSERT INTO item_mention (slot_id, kind, item_id, mentioned, marked_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![slot, kind, item, mentioned, now],
        )?;
        Ok(())
    }

    /// The duty items and risk points of the slot ticked as mentioned now.
    pub fn mentioned(&self, slot: Id) -> Result<Mentioned> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.kind, m.item_id FROM item_mention m
             WHERE m.slot_id = ?1 AND m.mentioned = 1
               AND m.id = (SELECT max(x.id) FROM item_mention x WHERE x.slot_id = m.slot_id
                           AND x.kind = m.kind AND x.item_id = m.item_id)",
        )?;
        let rows = stmt.query_map([slot], |row| {
            let row = &Lossy(row);
            Ok((row.get::<_, String>(0)?, row.get::<_, Id>(1)?))
        })?;
        let mut mentioned = Mentioned::default();
        for row in rows {
            let (kind, id) = row?;
            match kind.as_str() {
                "risk_point" => mentioned.risk_points.push(id),
                _ => mentioned.duty_items.push(id),
            }
        }
        Ok(mentioned)
    }
}

/// One stored tally: (voter group, grade, ballots).
pub(super) type TallyRow = (String, String, u32);

/// Rows of (group, grade, ballots) as tallies in the scheme's order of groups and grades.
pub(super) fn arrange(scheme: &RatingScheme, rows: &[TallyRow]) -> Vec<GroupTally> {
    scheme
        .tallied_groups()
        .into_iter()
        .map(|group| GroupTally {
            counts: scheme
                .grades
                .iter()
                .map(|grade| {
                    rows.iter()
                        .find(|r| r.0 == group && r.1 == *grade)
                        .map(|r| r.2)
                        .unwrap_or(0)
                })
                .collect(),
            group,
        })
        .collect()
}
