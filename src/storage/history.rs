//! The history view's reading: every earlier meeting in the file in which the official's
//! unit, or the official under the same name, reported, with the rating, the questions and
//! answers, the remarks and the follow-ups with their checks. One set of queries for the
//! whole history (never a query per meeting or per row), read-only.

use super::continuity::{TallyRow, arrange};
use super::lossy::Lossy;
use super::read::{FOLLOW_UP_COLUMNS, follow_up_from_row};
use super::{Result, Store};
use crate::domain::history::{
    EarlierMeeting, EarlierQuestion, EarlierRating, History, TrackedFollowUp,
};
use crate::domain::rating_rules::RatingScheme;
use crate::domain::{FollowUp, FollowUpCheck, FollowUpMark, Id, Rating};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use std::collections::HashMap;

/// A name without its spaces (half- and full-width), as names are compared across meetings.
const BARE_NAME: &str = "replace(replace(s.name, ' ', ''), '　', '')";

/// The official on screen: their unit, name and meeting's day, and the earlier slots.
fn earlier_slots_sql() -> String {
    format!(
        "WITH me AS (
             SELECT s.id, s.meeting_id, s.unit_id, s.name, u.name AS unit, {BARE_NAME} AS bare,
                    m.held_on
             FROM agenda_now s JOIN meeting_now m ON m.id = s.meeting_id
             JOIN unit u ON u.id = s.unit_id WHERE s.id = ?1)
         SELECT s.id, s.meeting_id, m.title, m.held_on, m.finished_at IS NOT NULL, s.name,
                s.post, u.name, s.stage, s.skip_reason
         FROM agenda_now s JOIN meeting_now m ON m.id = s.meeting_id
         JOIN unit u ON u.id = s.unit_id, me
         WHERE NOT s.withdrawn AND s.meeting_id <> me.meeting_id
           AND (m.held_on < me.held_on OR (m.held_on = me.held_on AND m.id < me.meeting_id))
           AND (s.unit_id = me.unit_id OR {BARE_NAME} = me.bare)
         ORDER BY m.held_on DESC, m.id DESC, s.position"
    )
}

/// Whose history it is: the official on screen, their unit and their meeting's day.
struct Subject {
    official: String,
    unit: String,
    unit_id: Id,
    day: Option<NaiveDate>,
}

/// Follow-ups raised in the earlier slots (by slot), and those of the unit imported with a
/// preparation.
type Tracked = (HashMap<Id, Vec<TrackedFollowUp>>, Vec<TrackedFollowUp>);

/// The slots' ids as the JSON array the queries below take (`json_each(?1)`).
fn id_list(ids: &[Id]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}

impl Store {
    /// The history of the official of `slot`: empty when the file holds nothing earlier.
    pub fn history(&self, slot: Id) -> Result<History> {
        let Some(Subject {
            official,
            unit,
            unit_id,
            day,
        }) = self.history_subject(slot)?
        else {
            return Ok(History::default());
        };
        let mut slots = self.earlier_slots(slot)?;
        let ids: Vec<Id> = slots.iter().map(|(id, _, _)| *id).collect();
        let ids = id_list(&ids);
        let mut questions = self.earlier_questions(&ids)?;
        let mut remarks = self.earlier_remarks(&ids)?;
        let mut ratings = self.earlier_ratings(&ids, &slots)?;
        let (raised, imported) = self.tracked_follow_ups(&ids, unit_id, day)?;
        let mut raised = raised;
        let meetings = slots
            .drain(..)
            .map(|(id, _, mut meeting)| {
                meeting.questions = questions.remove(&id).unwrap_or_default();
                meeting.remarks = remarks.remove(&id);
                meeting.rating = ratings.remove(&id);
                meeting.follow_ups = raised.remove(&id).unwrap_or_default();
                meeting
            })
            .collect();
        Ok(History {
            official,
            unit,
            day,
            meetings,
            imported,
            portrait: self.portrait_of_unit(unit_id)?,
            talks: self.talks_of_unit(unit_id)?,
        })
    }

    /// The official's name, unit (name and id) and meeting day.
    fn history_subject(&self, slot: Id) -> Result<Option<Subject>> {
        Ok(self
            .conn
            .query_row(
                "SELECT s.name, u.name, s.unit_id, m.held_on FROM agenda_now s
                 JOIN unit u ON u.id = s.unit_id JOIN meeting_now m ON m.id = s.meeting_id
                 WHERE s.id = ?1",
                [slot],
                |row| {
                    let row = &Lossy(row);
                    Ok(Subject {
                        official: row.get(0)?,
                        unit: row.get(1)?,
                        unit_id: row.get(2)?,
                        day: row.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// The earlier slots of the unit or the person, newest meeting first: (slot, meeting,
    /// the meeting as far as its header and the official go).
    fn earlier_slots(&self, slot: Id) -> Result<Vec<(Id, Id, EarlierMeeting)>> {
        let mut stmt = self.conn.prepare_cached(&earlier_slots_sql())?;
        let rows = stmt.query_map([slot], |row| {
            let row = &Lossy(row);
            Ok((
                row.get(0)?,
                row.get(1)?,
                EarlierMeeting {
                    title: row.get(2)?,
                    held_on: row.get(3)?,
                    finished: row.get(4)?,
                    official: row.get(5)?,
                    post: row.get(6)?,
                    unit: row.get(7)?,
                    stage: row.get(8)?,
                    skip_reason: row.get(9)?,
                    rating: None,
                    questions: Vec::new(),
                    remarks: None,
                    follow_ups: Vec::new(),
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The questions put in the slots (asked, answered or turned into 书面质询), each with
    /// its answer's newest text, by slot.
    fn earlier_questions(&self, ids: &str) -> Result<HashMap<Id, Vec<EarlierQuestion>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT q.slot_id, q.asker, q.text, q.needs_written_reply, q.written_reason,
                    coalesce(d.body, r.body)
             FROM question_now q
             LEFT JOIN text_draft_now d
                  ON d.kind = 'answer' AND d.owner_id = q.slot_id AND d.question_key = q.id
             LEFT JOIN text_revision r ON r.id =
                  (SELECT max(t.id) FROM text_revision t
                   WHERE t.slot_id = q.slot_id AND t.kind = 'answer' AND t.question_id = q.id)
             WHERE q.slot_id IN (SELECT value FROM json_each(?1)) AND NOT q.withdrawn
               AND (q.asked_at IS NOT NULL OR q.needs_written_reply
                    OR coalesce(d.body, r.body) IS NOT NULL)
             ORDER BY q.slot_id, q.position",
        )?;
        let rows = stmt.query_map([ids], |row| {
            let row = &Lossy(row);
            let answer: Option<String> = row.get(5)?;
            Ok((
                row.get::<_, Id>(0)?,
                EarlierQuestion {
                    asker: row.get(1)?,
                    text: row.get(2)?,
                    written_reply: row.get(3)?,
                    written_reason: row.get(4)?,
                    answer: answer.filter(|a| !a.trim().is_empty()),
                },
            ))
        })?;
        let mut by_slot: HashMap<Id, Vec<EarlierQuestion>> = HashMap::new();
        for row in rows {
            let (slot, question) = row?;
            by_slot.entry(slot).or_default().push(question);
        }
        Ok(by_slot)
    }

    /// The chair's remarks on each slot: the draft being typed, else the last revision.
    fn earlier_remarks(&self, ids: &str) -> Result<HashMap<Id, String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.value, coalesce(
                 (SELECT d.body FROM text_draft_now d
                  WHERE d.kind = 'remarks' AND d.owner_id = s.value AND d.question_key = 0),
                 (SELECT t.body FROM text_revision t
                  WHERE t.slot_id = s.value AND t.kind = 'remarks' ORDER BY t.id DESC LIMIT 1))
             FROM json_each(?1) s",
        )?;
        let rows = stmt.query_map([ids], |row| {
            let row = &Lossy(row);
            Ok((row.get::<_, Id>(0)?, row.get::<_, Option<String>>(1)?))
        })?;
        let mut by_slot = HashMap::new();
        for row in rows {
            if let (slot, Some(body)) = row?
                && !body.trim().is_empty()
            {
                by_slot.insert(slot, body);
            }
        }
        Ok(by_slot)
    }

    /// Each slot's rating: the final round on its meeting's scale (the four-grade form, or
    /// the tallies per voter group), with what the meeting's rules decided.
    fn earlier_ratings(
        &self,
        ids: &str,
        slots: &[(Id, Id, EarlierMeeting)],
    ) -> Result<HashMap<Id, EarlierRating>> {
        let schemes = self.rating_schemes()?;
        let four = self.final_ratings(ids)?;
        let mut tallies = self.final_tallies(ids)?;
        let mut ratings = HashMap::new();
        for (slot, meeting, _) in slots {
            let scheme = schemes.get(meeting).cloned().unwrap_or_default();
            let rating = four.get(slot);
            let (rows, own_rounds) = tallies.remove(slot).unwrap_or_default();
            let own = match rows.is_empty() {
                true => Vec::new(),
                false => arrange(&scheme, &rows),
            };
            let counted = crate::view::tallies_for(&scheme, &own, rating.map(|(r, _)| r));
            if counted.is_empty() {
                continue;
            }
            let rounds = rating.map(|(_, n)| *n).unwrap_or(0).max(own_rounds);
            ratings.insert(
                *slot,
                EarlierRating {
                    outcome: scheme.decide(&counted),
                    voters: rating.filter(|_| own.is_empty()).map(|(r, _)| r.voters),
                    tallies: counted,
                    rounds,
                    ruled: !scheme.rules.is_empty(),
                    grades: scheme.grades,
                },
            );
        }
        Ok(ratings)
    }

    /// Every meeting's own rating scheme, by meeting (those without one are absent).
    fn rating_schemes(&self) -> Result<HashMap<Id, RatingScheme>> {
        // The keys are the prefix and the meeting's id: the key of meeting 0, less its 0.
        let key = super::Setting::RatingScheme(0).key();
        let prefix = &key[..key.len() - 1];
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, value FROM setting WHERE substr(key, 1, ?2) = ?1")?;
        let rows = stmt.query_map(rusqlite::params![prefix, prefix.len() as i64], |row| {
            let row = &Lossy(row);
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut schemes = HashMap::new();
        for row in rows {
            let (key, json) = row?;
            let meeting = key[prefix.len()..].parse::<Id>().ok();
            let scheme = serde_json::from_str::<RatingScheme>(&json).ok();
            if let (Some(meeting), Some(scheme)) = (meeting, scheme) {
                schemes.insert(meeting, scheme);
            }
        }
        Ok(schemes)
    }

    /// The four-grade rating's final round of each slot, with the number of rounds.
    fn final_ratings(&self, ids: &str) -> Result<HashMap<Id, (Rating, u32)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.slot_id, r.voters, r.excellent, r.good, r.fair, r.poor,
                    (SELECT count(*) FROM rating x WHERE x.slot_id = r.slot_id)
             FROM rating r
             WHERE r.slot_id IN (SELECT value FROM json_each(?1))
               AND r.round = (SELECT max(x.round) FROM rating x WHERE x.slot_id = r.slot_id)",
        )?;
        let rows = stmt.query_map([ids], |row| {
            let row = &Lossy(row);
            let rating = Rating {
                voters: row.get(1)?,
                excellent: row.get(2)?,
                good: row.get(3)?,
                fair: row.get(4)?,
                poor: row.get(5)?,
            };
            Ok((row.get::<_, Id>(0)?, (rating, row.get::<_, u32>(6)?)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The tallies on a meeting's own scale: each slot's final round as (group, grade,
    /// ballots) rows, with the round's number.
    fn final_tallies(&self, ids: &str) -> Result<HashMap<Id, (Vec<TallyRow>, u32)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.slot_id, t.voter_group, t.grade, t.ballots, t.round
             FROM rating_tally t
             WHERE t.slot_id IN (SELECT value FROM json_each(?1))
               AND t.round = (SELECT max(x.round) FROM rating_tally x WHERE x.slot_id = t.slot_id)
             ORDER BY t.slot_id, t.rowid",
        )?;
        let rows = stmt.query_map([ids], |row| {
            let row = &Lossy(row);
            Ok((
                row.get::<_, Id>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, u32>(3)?,
                row.get::<_, u32>(4)?,
            ))
        })?;
        let mut raw: HashMap<Id, (Vec<TallyRow>, u32)> = HashMap::new();
        for row in rows {
            let (slot, group, grade, ballots, round) = row?;
            let entry = raw.entry(slot).or_default();
            entry.0.push((group, grade, ballots));
            entry.1 = round;
        }
        Ok(raw)
    }

    /// The follow-ups raised in the slots (by slot) and those of the unit that came in with
    /// a preparation, each with its checks up to `day` and its overdue working days then.
    fn tracked_follow_ups(&self, ids: &str, unit: Id, day: Option<NaiveDate>) -> Result<Tracked> {
        let sql = format!(
            "SELECT {FOLLOW_UP_COLUMNS}, f.slot_id FROM follow_up_now f
             WHERE f.slot_id IN (SELECT value FROM json_each(?1))
                OR (f.slot_id IS NULL AND f.unit_id = ?2
                    AND (f.raised_on IS NULL OR ?3 IS NULL OR f.raised_on <= ?3))
             ORDER BY f.raised_on, f.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![ids, unit, day], |row| {
            // The slot is the last column, after however many a follow-up has.
            let slot = row.as_ref().column_count() - 1;
            Ok((
                follow_up_from_row(row)?,
                Lossy(row).get::<_, Option<Id>>(slot)?,
            ))
        })?;
        let found: Vec<(FollowUp, Option<Id>)> = rows.collect::<rusqlite::Result<_>>()?;
        let follow_up_ids: Vec<Id> = found.iter().map(|(f, _)| f.id).collect();
        let mut checks = self.checks_of(&id_list(&follow_up_ids), day)?;
        let mut raised: HashMap<Id, Vec<TrackedFollowUp>> = HashMap::new();
        let mut imported = Vec::new();
        for (follow_up, slot) in found {
            let checks = checks.remove(&follow_up.id).unwrap_or_default();
            let tracked = track(follow_up, checks, day);
            match slot {
                Some(slot) => raised.entry(slot).or_default().push(tracked),
                None => imported.push(tracked),
            }
        }
        Ok((raised, imported))
    }

    /// Every check of the follow-ups made up to `day`, oldest first, by follow-up.
    fn checks_of(
        &self,
        ids: &str,
        day: Option<NaiveDate>,
    ) -> Result<HashMap<Id, Vec<FollowUpCheck>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.follow_up_id, c.mark, c.comment, c.checked_on, c.checked_at
             FROM follow_up_check c
             WHERE c.follow_up_id IN (SELECT value FROM json_each(?1))
               AND (?2 IS NULL OR c.checked_on <= ?2)
             ORDER BY c.id",
        )?;
        let rows = stmt.query_map(rusqlite::params![ids, day], |row| {
            let row = &Lossy(row);
            Ok(FollowUpCheck {
                follow_up: row.get(0)?,
                mark: row.get(1)?,
                comment: row.get(2)?,
                checked_on: row.get(3)?,
                checked_at: row.get(4)?,
            })
        })?;
        let mut by_follow_up: HashMap<Id, Vec<FollowUpCheck>> = HashMap::new();
        for row in rows {
            let check = row?;
            by_follow_up.entry(check.follow_up).or_default().push(check);
        }
        Ok(by_follow_up)
    }
}

/// A follow-up with its checks, and the working days it is overdue on `day` while open
/// (its status open and no check found it completed).
fn track(
    follow_up: FollowUp,
    checks: Vec<FollowUpCheck>,
    day: Option<NaiveDate>,
) -> TrackedFollowUp {
    let completed = checks
        .last()
        .is_some_and(|c| c.mark == FollowUpMark::Completed);
    let open = follow_up.status.is_open() && !completed;
    let overdue_days = match day {
        Some(day) if open => follow_up.overdue_on(day),
        _ => 0,
    };
    TrackedFollowUp {
        follow_up,
        checks,
        overdue_days,
    }
}
