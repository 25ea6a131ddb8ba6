//! What the recorder writes during the meeting. Each call is one committed transaction.

use super::lossy::Lossy;
use super::{Result, Setting, Store};
use crate::domain::{FollowUp, FollowUpStatus, Id, QuestionChange, Rating, Stage};
use crate::view::TextTarget;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

impl Store {
    /// Keeps a typed text as a revision of its own and drops its draft; returns false when
    /// it equals the last revision kept.
    pub fn save_text(
        &mut self,
        target: TextTarget,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let changed = self.last_kept(target)?.map(|r| r.body).unwrap_or_default() != body;
        let (owner, kind, question) = target.key();
        let tx = self.conn.transaction()?;
        Store::drop_draft(&tx, target)?;
        if changed {
            match target {
                TextTarget::Closing { .. } => tx.execute(
                    "INSERT INTO meeting_revision (meeting_id, kind, body, saved_at)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![owner, kind, body, now],
                )?,
                _ => tx.execute(
                    "INSERT INTO text_revision (kind, slot_id, question_id, body, saved_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![kind, owner, question, body, now],
                )?,
            };
        }
        tx.commit()?;
        self.drafts.remove(&super::draft::draft_key(target));
        Ok(changed)
    }

    /// Saves the text being typed, replacing the previous draft of it. Committed at once:
    /// a crash loses nothing saved here, and the audience view shows it.
    pub fn save_draft(&mut self, target: TextTarget, body: &str, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn.transaction()?;
        let written = Store::write_draft(&tx, &self.drafts, target, body, now)?;
        tx.commit()?;
        self.drafts.extend(written);
        Ok(())
    }

    /// The draft being typed and where the recorder is (the caret included), committed
    /// together: after a crash the editor comes back with its text and its caret.
    pub fn save_draft_and_place(
        &mut self,
        target: TextTarget,
        body: &str,
        meeting: Id,
        place: &str,
        room: &crate::domain::RoomView,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let written = Store::write_draft(&tx, &self.drafts, target, body, now)?;
        upsert_place(&tx, meeting, place, now)?;
        super::room::upsert_room_view(&tx, meeting, room, now)?;
        tx.commit()?;
        self.drafts.extend(written);
        Ok(())
    }

    /// Moves an official from one stage to another: the old stage's clock stops, the new
    /// one's starts (or resumes, when stepping back into it).
    pub fn set_stage(
        &mut self,
        slot: Id,
        from: Stage,
        to: Stage,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        end_timing(&tx, slot, from, now)?;
        enter_stage(&tx, slot, from, to, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Takes back a stage entered by a slip: its clock leaves no timing behind (the move
    /// in and out stays in `stage_change`), and the stage before it goes on.
    pub fn take_back_stage(
        &mut self,
        slot: Id,
        from: Stage,
        to: Stage,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM stage_timing WHERE slot_id = ?1 AND stage = ?2",
            params![slot, from],
        )?;
        enter_stage(&tx, slot, from, to, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Skips an official (absent, excused …); the reason goes into the minutes.
    pub fn skip(&mut self, slot: Id, from: Stage, reason: &str, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn.transaction()?;
        end_timing(&tx, slot, from, now)?;
        tx.execute(
            "UPDATE agenda_slot SET stage = 'skipped', skip_reason = ?2 WHERE id = ?1",
            params![slot, reason],
        )?;
        log_stage(&tx, slot, from, Stage::Skipped, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Pauses or resumes the clock of a stage.
    pub fn set_timer_running(
        &mut self,
        slot: Id,
        stage: Stage,
        running: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        if running {
            tx.execute(
                "UPDATE stage_timing SET running_since = ?3
                 WHERE slot_id = ?1 AND stage = ?2 AND running_since IS NULL AND ended_at IS NULL",
                params![slot, stage, now],
            )?;
        } else {
            stop_clock(&tx, slot, stage, now, None)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Notes when a question was put (its answer's first character, or the recorder's
    /// mark); a question already asked keeps its time.
    pub fn mark_asked(&mut self, question: Id, now: DateTime<Utc>) -> Result<()> {
        let asked: bool = self.conn.query_row(
            "SELECT asked_at IS NOT NULL FROM question_now WHERE id = ?1",
            [question],
            |row| Lossy(row).get(0),
        )?;
        if asked {
            return Ok(());
        }
        let change = QuestionChange {
            asked_at: Some(Some(now)),
            ..QuestionChange::default()
        };
        self.change_question(question, &change, now)
    }

    /// Adds a question raised on the spot; it goes last and counts as asked now.
    pub fn add_question(
        &mut self,
        slot: Id,
        asker: &str,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Id> {
        self.conn.execute(
            "INSERT INTO question (slot_id, position, asker, text, prepared, asked_at, created_at)
             VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM question WHERE slot_id = ?1),
                     ?2, ?3, 0, ?4, ?4)",
            params![slot, asker, text, now],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Marks a question as needing a written reply (书面质询) with the reason the recorder
    /// chose (empty: none), or clears the mark and its reason.
    pub fn set_written_reply(
        &mut self,
        question: Id,
        needed: bool,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let change = QuestionChange {
            needs_written_reply: Some(needed),
            written_reason: Some(if needed {
                reason.to_string()
            } else {
                String::new()
            }),
            ..QuestionChange::default()
        };
        self.change_question(question, &change, now)
    }

    /// Records the tallies; a recount is a new round, and the newest round is the result.
    pub fn record_rating(&mut self, slot: Id, rating: Rating, now: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO rating (slot_id, round, voters, excellent, good, fair, poor, recorded_at)
             VALUES (?1, (SELECT ifnull(max(round), 0) + 1 FROM rating WHERE slot_id = ?1),
                     ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                slot,
                rating.voters,
                rating.excellent,
                rating.good,
                rating.fair,
                rating.poor,
                now
            ],
        )?;
        Ok(())
    }

    /// Adds a follow-up raised for an official in this meeting.
    pub fn add_follow_up(
        &mut self,
        slot: Id,
        follow_up: &FollowUp,
        now: DateTime<Utc>,
    ) -> Result<Id> {
        self.conn.execute(
            "INSERT INTO follow_up (unit_id, slot_id, meeting_id, source, question_id, category,
                 problem, task, measure, lead, owner, deadline, mode, progress, status, copied_to,
                 raised_on, created_at, key, deadline_workdays)
             SELECT unit_id, id, meeting_id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                 ?14, ?15, ?16, coalesce(nullif(?17, ''), lower(hex(randomblob(16)))), ?18
             FROM agenda_slot WHERE id = ?1",
            params![
                slot,
                follow_up.source,
                follow_up.question,
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
                follow_up.raised_on,
                now,
                follow_up.key,
                follow_up.deadline_workdays
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records how a follow-up stands now, as a new change (in `slot`'s report, when the
    /// console is at one); the follow-up as raised is kept.
    pub fn update_follow_up(
        &mut self,
        id: Id,
        status: FollowUpStatus,
        progress: &str,
        slot: Option<Id>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO follow_up_change (follow_up_id, slot_id, category, problem, task,
                 measure, lead, owner, deadline, mode, progress, status, copied_to, changed_at)
             SELECT id, ?2, category, problem, task, measure, lead, owner, deadline, mode,
                 ?4, ?3, copied_to, ?5
             FROM follow_up_now WHERE id = ?1",
            params![id, slot, status, progress, now],
        )?;
        Ok(())
    }

    /// Remembers a setting of this database (the theme, say).
    pub fn set_setting(&mut self, setting: Setting, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = ?2",
            params![setting.key(), value],
        )?;
        Ok(())
    }

    /// The file's own identity: a random id written into it when it was created (or first
    /// opened for writing by a version that knew of it). Copies of the file keep it; another
    /// file given the same name has its own. Rescue files carry it.
    pub fn file_id(&self) -> Result<Option<String>> {
        self.setting(Setting::FileId)
    }

    /// Writes the file's identity when it has none yet (reading first: an open writes
    /// nothing to a file that has one).
    pub(super) fn ensure_file_id(&self) -> Result<()> {
        if self.file_id()?.is_none() {
            self.conn.execute(
                "INSERT OR IGNORE INTO setting (key, value) VALUES (?1, lower(hex(randomblob(16))))",
                [Setting::FileId.key()],
            )?;
        }
        Ok(())
    }

    /// Gives the file an identity of its own: a new copy that is to be a file of its own
    /// (the sample's working copy), not the same file as what it was copied from.
    pub fn renew_file_id(&mut self) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, lower(hex(randomblob(16))))
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [Setting::FileId.key()],
        )?;
        Ok(())
    }

    pub fn setting(&self, setting: Setting) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [setting.key()],
                |row| {
                    let row = &Lossy(row);
                    row.get(0)
                },
            )
            .optional()?)
    }

    /// Where the console was, as the console serialised it.
    pub fn console_state(&self, meeting: Id) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT state FROM console_state WHERE meeting_id = ?1",
                [meeting],
                |row| Lossy(row).get(0),
            )
            .optional()?)
    }

    pub fn save_console_state(
        &mut self,
        meeting: Id,
        state: &str,
        room: &crate::domain::RoomView,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        upsert_place(&tx, meeting, state, now)?;
        super::room::upsert_room_view(&tx, meeting, room, now)?;
        tx.commit()?;
        Ok(())
    }
}

fn upsert_place(tx: &Transaction, meeting: Id, state: &str, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO console_state (meeting_id, state, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (meeting_id) DO UPDATE SET state = ?2, updated_at = ?3",
    )?
    .execute(params![meeting, state, now])?;
    Ok(())
}

fn end_timing(tx: &Transaction, slot: Id, stage: Stage, now: DateTime<Utc>) -> Result<()> {
    stop_clock(tx, slot, stage, now, Some(now))
}

/// Adds the running time to the stage's total and stops its clock; `ended` closes the stage.
fn stop_clock(
    tx: &Transaction,
    slot: Id,
    stage: Stage,
    now: DateTime<Utc>,
    ended: Option<DateTime<Utc>>,
) -> Result<()> {
    let running: Option<Option<DateTime<Utc>>> = tx
        .query_row(
            "SELECT running_since FROM stage_timing
             WHERE slot_id = ?1 AND stage = ?2 AND ended_at IS NULL",
            params![slot, stage],
            |row| Lossy(row).get(0),
        )
        .optional()?;
    let Some(running_since) = running else {
        return Ok(());
    };
    let ran_ms = running_since
        .map(|since| (now - since).num_milliseconds().max(0))
        .unwrap_or(0);
    tx.execute(
        "UPDATE stage_timing SET accumulated_ms = accumulated_ms + ?3, running_since = NULL,
             ended_at = ?4
         WHERE slot_id = ?1 AND stage = ?2",
        params![slot, stage, ran_ms, ended],
    )?;
    Ok(())
}

/// Only one official holds the floor: starting a stage pauses any other official's clock.
fn pause_others(tx: &Transaction, slot: Id, now: DateTime<Utc>) -> Result<()> {
    let running: Vec<(Id, Stage)> = {
        let mut stmt = tx.prepare(
            "SELECT t.slot_id, t.stage FROM stage_timing t JOIN agenda_slot s ON s.id = t.slot_id
             WHERE s.meeting_id = (SELECT meeting_id FROM agenda_slot WHERE id = ?1)
               AND t.slot_id != ?1 AND t.running_since IS NOT NULL",
        )?;
        let rows = stmt.query_map([slot], |row| Ok((Lossy(row).get(0)?, Lossy(row).get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (other, stage) in running {
        stop_clock(tx, other, stage, now, None)?;
    }
    Ok(())
}

fn start_timing(tx: &Transaction, slot: Id, stage: Stage, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO stage_timing (slot_id, stage, started_at, running_since)
         VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (slot_id, stage) DO UPDATE SET running_since = ?3, ended_at = NULL",
        params![slot, stage, now],
    )?;
    Ok(())
}

/// Puts the official at `to`: its clock starts or resumes (the others pause), and the move
/// is logged.
fn enter_stage(
    tx: &Transaction,
    slot: Id,
    from: Stage,
    to: Stage,
    now: DateTime<Utc>,
) -> Result<()> {
    if to.is_timed() {
        pause_others(tx, slot, now)?;
        start_timing(tx, slot, to, now)?;
    }
    tx.execute(
        "UPDATE agenda_slot SET stage = ?2, skip_reason = '' WHERE id = ?1",
        params![slot, to],
    )?;
    log_stage(tx, slot, from, to, now)
}

/// Logs a move between stages as it happened.
fn log_stage(tx: &Transaction, slot: Id, from: Stage, to: Stage, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO stage_change (slot_id, from_stage, to_stage, at) VALUES (?1, ?2, ?3, ?4)",
        params![slot, from, to, now],
    )?;
    Ok(())
}
