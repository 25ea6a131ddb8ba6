//! Reading meetings back: the header, the agenda, and one official's detail at a time,
//! so that opening a meeting costs the same however large the file's history is.

use super::lossy::Lossy;
use super::{Result, StorageError, Store};
use crate::domain::{
    AgendaSlot, Allotments, Attendee, DutyItem, FollowUp, Id, Meeting, Question, Rating, Revision,
    RiskPoint, StageTiming,
};
use crate::view::{
    Correction, FollowUpBefore, MeetingListing, MeetingView, SearchHit, SearchTarget, SlotDetail,
    TextTarget,
};
use rusqlite::{OptionalExtension, Row, params};

const MEETING_COLUMNS: &str = "id, title, held_on, starts_at, place, chair, chair_post, recorder, finished_at, scrutineers, \
     questions_minutes, remarks_minutes, rating_minutes, follow_ups_minutes";

fn meeting_from_row(row: &Row) -> rusqlite::Result<Meeting> {
    let row = &Lossy(row);
    Ok(Meeting {
        id: row.get(0)?,
        title: row.get(1)?,
        held_on: row.get(2)?,
        starts_at: row.get(3)?,
        place: row.get(4)?,
        chair: row.get(5)?,
        chair_post: row.get(6)?,
        recorder: row.get(7)?,
        finished_at: row.get(8)?,
        scrutineers: json_list(row.get(9)?),
        allotments: Allotments {
            questions: row.get(10)?,
            remarks: row.get(11)?,
            rating: row.get(12)?,
            follow_ups: row.get(13)?,
        },
    })
}

pub(super) const FOLLOW_UP_COLUMNS: &str = "source, category, problem, task, measure, lead, owner, deadline, \
     mode, progress, status, copied_to, raised_on, question_id, f.id, f.key, deadline_workdays, \
     (SELECT json_group_array(json_array(label, value)) FROM (SELECT label, value FROM extra_field \
      WHERE row_kind = 'follow_up' AND row_id = f.id ORDER BY position))";

pub(super) fn follow_up_from_row(row: &Row) -> rusqlite::Result<FollowUp> {
    let row = &Lossy(row);
    Ok(FollowUp {
        id: row.get(14)?,
        source: row.get(0)?,
        category: row.get(1)?,
        problem: row.get(2)?,
        task: row.get(3)?,
        measure: row.get(4)?,
        lead: row.get(5)?,
        owner: row.get(6)?,
        deadline: row.get(7)?,
        mode: row.get(8)?,
        progress: row.get(9)?,
        status: row.get(10)?,
        copied_to: row.get(11)?,
        raised_on: row.get(12)?,
        question: row.get(13)?,
        key: row.get::<_, Option<String>>(15)?.unwrap_or_default(),
        deadline_workdays: row.get(16)?,
        extra: extra_fields(row.get(17)?),
    })
}

/// The column of a row's extra fields as a JSON list of `[label, value]` pairs: `kind` is
/// the row's table, `id` the SQL naming its id.
fn extra_column(kind: &str, id: &str) -> String {
    format!(
        "(SELECT json_group_array(json_array(label, value)) FROM (SELECT label, value \
         FROM extra_field WHERE row_kind = '{kind}' AND row_id = {id} ORDER BY position))"
    )
}

/// Extra fields stored as a JSON list of `[label, value]` pairs (none when unreadable).
fn extra_fields(json: Option<String>) -> Vec<crate::domain::Extra> {
    let pairs: Vec<(String, String)> = json
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    pairs
        .into_iter()
        .map(|(label, value)| crate::domain::Extra { label, value })
        .collect()
}

fn revision_from_row(row: &Row) -> rusqlite::Result<Revision> {
    let row = &Lossy(row);
    Ok(Revision {
        body: row.get(0)?,
        saved_at: row.get(1)?,
        draft: false,
    })
}

/// The query for the revisions of a text, and its three key values.
fn revision_query(
    target: TextTarget,
    order: &str,
    limit: &str,
) -> (String, (Id, &'static str, Option<Id>)) {
    let sql = match target {
        TextTarget::Closing { .. } => format!(
            "SELECT body, saved_at FROM meeting_revision
             WHERE meeting_id = ?1 AND kind = ?2 AND ?3 IS NULL ORDER BY id {order} {limit}"
        ),
        _ => format!(
            "SELECT body, saved_at FROM text_revision
             WHERE slot_id = ?1 AND kind = ?2 AND question_id IS ?3 ORDER BY id {order} {limit}"
        ),
    };
    (sql, target.key())
}

pub(super) fn json_list(text: String) -> Vec<String> {
    serde_json::from_str(&text).unwrap_or_else(|_| vec![text])
}

impl Store {
    /// Every meeting in the file, newest first.
    pub fn meetings(&self) -> Result<Vec<MeetingListing>> {
        let sql = format!(
            "SELECT {MEETING_COLUMNS},
                (SELECT count(*) FROM agenda_slot s WHERE s.meeting_id = m.id),
                (SELECT count(*) FROM agenda_slot s WHERE s.meeting_id = m.id
                    AND s.stage IN ('done', 'skipped'))
             FROM meeting_now m ORDER BY held_on DESC, id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |row| {
            let row = &Lossy(row);
            Ok(MeetingListing {
                meeting: meeting_from_row(row.0)?,
                slots: row.get::<_, i64>(14)? as usize,
                closed_slots: row.get::<_, i64>(15)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The meeting a console opens, and the audience view shows, when none is named: the
    /// one a console recorded last (kept per meeting in `console_state`, written when a
    /// console opens it), whatever was imported into the file since; else
    /// [`Store::default_meeting`].
    pub fn meeting_to_open(&self) -> Result<Id> {
        match self.console_meeting()? {
            Some(id) => Ok(id),
            None => self.default_meeting(),
        }
    }

    /// The meeting a console opened or wrote its place for last, if it is still in the file.
    pub fn console_meeting(&self) -> Result<Option<Id>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT c.meeting_id FROM console_state c JOIN meeting m ON m.id = c.meeting_id
                 ORDER BY c.updated_at DESC, c.meeting_id DESC LIMIT 1",
            )?
            .query_row([], |row| row.get(0))
            .optional()?)
    }

    /// The meetings imported into the file after `id` and not yet ended: mentioned when the
    /// console opens `id`, never opened in its place.
    pub fn newer_meetings(&self, id: Id) -> Result<Vec<MeetingListing>> {
        let mut meetings = self.meetings()?;
        meetings.retain(|m| m.meeting.id > id && !m.is_finished());
        meetings.sort_by_key(|m| m.meeting.id);
        Ok(meetings)
    }

    /// The meeting the console should open in a file no console has recorded yet: the most
    /// recent unfinished one, else the newest.
    pub fn default_meeting(&self) -> Result<Id> {
        let meetings = self.meetings()?;
        meetings
            .iter()
            .find(|m| !m.is_finished())
            .or(meetings.first())
            .map(|m| m.meeting.id)
            .ok_or(StorageError::NoMeetings)
    }

    /// The meeting, its agenda, clocks, voters and closing remarks: what the console shows
    /// before one official's detail.
    pub fn meeting_view(&self, id: Id) -> Result<MeetingView> {
        let attendees = self.attendees(id)?;
        let voters = attendees
            .iter()
            .filter(|a| a.attendance == crate::domain::Attendance::Present && a.left_at.is_none())
            .count() as u32;
        Ok(MeetingView {
            meeting: self.meeting(id)?,
            agenda: self.agenda_as_shown(id)?,
            timings: self.timings(id)?,
            voters,
            attendees,
            closing: self.latest_revision(TextTarget::Closing { meeting: id })?,
        })
    }

    pub fn meeting(&self, id: Id) -> Result<Meeting> {
        let sql = format!("SELECT {MEETING_COLUMNS} FROM meeting_now WHERE id = ?1");
        self.conn
            .query_row(&sql, [id], meeting_from_row)
            .optional()?
            .ok_or(StorageError::NoSuchMeeting(id))
    }

    pub fn attendees(&self, meeting: Id) -> Result<Vec<Attendee>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, post, attendance, reason, arrived_at, left_at FROM attendee_now
             WHERE meeting_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt.query_map([meeting], |row| {
            let row = &Lossy(row);
            Ok(Attendee {
                id: row.get(0)?,
                name: row.get(1)?,
                post: row.get(2)?,
                attendance: row.get(3)?,
                reason: row.get(4)?,
                arrived_at: row.get(5)?,
                left_at: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The agenda in order, each official's `position` the number every screen and document
    /// shows: 1..N in the current order, withdrawn officials left out (moves leave gaps in
    /// the file's positions, which only the prep's update works with).
    pub fn agenda_as_shown(&self, meeting: Id) -> Result<Vec<AgendaSlot>> {
        let mut agenda = self.agenda(meeting)?;
        for (number, slot) in (1..).zip(agenda.iter_mut()) {
            slot.position = number;
        }
        Ok(agenda)
    }

    /// The agenda in order, with the positions the file holds.
    pub fn agenda(&self, meeting: Id) -> Result<Vec<AgendaSlot>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.position, s.name, u.name, s.post, s.supervisor, s.report_minutes,
                    s.written_only, s.stage, s.skip_reason
             FROM agenda_now s JOIN unit u ON u.id = s.unit_id
             WHERE s.meeting_id = ?1 AND NOT s.withdrawn ORDER BY s.position, s.id",
        )?;
        let rows = stmt.query_map([meeting], |row| {
            let row = &Lossy(row);
            Ok(AgendaSlot {
                id: row.get(0)?,
                position: row.get(1)?,
                name: row.get(2)?,
                unit: row.get(3)?,
                post: row.get(4)?,
                supervisor: row.get(5)?,
                report_minutes: row.get(6)?,
                written_only: row.get(7)?,
                stage: row.get(8)?,
                skip_reason: row.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stage timings of every official of the meeting, as (slot id, timing).
    pub fn timings(&self, meeting: Id) -> Result<Vec<(Id, StageTiming)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.slot_id, t.stage, t.started_at, t.ended_at, t.accumulated_ms, t.running_since
             FROM stage_timing t JOIN agenda_slot s ON s.id = t.slot_id
             WHERE s.meeting_id = ?1",
        )?;
        let rows = stmt.query_map([meeting], |row| {
            let row = &Lossy(row);
            Ok((
                row.get(0)?,
                StageTiming {
                    stage: row.get(1)?,
                    started_at: row.get(2)?,
                    ended_at: row.get(3)?,
                    accumulated_ms: row.get(4)?,
                    running_since: row.get(5)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything shown for one official.
    pub fn slot_detail(&self, slot: Id) -> Result<SlotDetail> {
        Ok(SlotDetail {
            duty_items: self.duty_items(slot)?,
            risk_points: self.risk_points(slot)?,
            questions: self.questions(slot)?,
            remarks: self.latest_revision(TextTarget::Remarks { slot })?,
            note: self.latest_revision(TextTarget::Note { slot })?,
            rating: self.rating(slot)?,
            follow_ups: self.follow_ups_raised(slot)?,
            earlier_follow_ups: self.earlier_follow_ups(slot)?,
            checks: self.follow_up_checks(slot)?,
            meeting_day: self.meeting_day(slot)?,
            tallies: self.slot_tallies(slot)?.0,
            rating_rounds: self.rating_rounds_of(slot)?,
            mentioned: self.mentioned(slot)?,
            portrait: self.portrait_of_slot(slot)?,
            talks: {
                let mut talks = self.talks_of_slot(slot)?;
                talks.sort_by_key(|t| std::cmp::Reverse(t.held_on));
                talks
            },
        })
    }

    /// A mark that moves whenever anything [`Store::slot_detail`] reads for `slot` may have
    /// changed: the count and newest id of append-only rows, every column of the few rows
    /// written in place (questions, drafts, duty items, risk points). Follow-ups are marked
    /// file-wide, since earlier meetings' count too. Reading it costs far less than the
    /// detail (no answer's text but a draft's), so the audience view reads the detail
    /// again only when it moved.
    pub fn detail_mark(&self, slot: Id) -> Result<String> {
        let mut stmt = self.conn.prepare_cached(DETAIL_MARK_SQL)?;
        Ok(stmt.query_row([slot], |row| Lossy(row).get(0))?)
    }

    fn duty_items(&self, slot: Id) -> Result<Vec<DutyItem>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, source, quarter, text, progress, status, {} FROM duty_item_now d
             WHERE slot_id = ?1 AND NOT withdrawn ORDER BY position, id",
            extra_column("duty_item", "d.id")
        ))?;
        let rows = stmt.query_map([slot], |row| {
            let row = &Lossy(row);
            Ok(DutyItem {
                id: row.get(0)?,
                source: row.get(1)?,
                quarter: row.get(2)?,
                text: row.get(3)?,
                progress: row.get(4)?,
                status: row.get(5)?,
                extra: extra_fields(row.get(6)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn risk_points(&self, slot: Id) -> Result<Vec<RiskPoint>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, text, level, measures, rules, {} FROM risk_point_now r
             WHERE slot_id = ?1 AND NOT withdrawn ORDER BY position, id",
            extra_column("risk_point", "r.id")
        ))?;
        let rows = stmt.query_map([slot], |row| {
            let row = &Lossy(row);
            Ok(RiskPoint {
                id: row.get(0)?,
                text: row.get(1)?,
                level: row.get(2)?,
                measures: json_list(row.get(3)?),
                rules: json_list(row.get(4)?),
                extra: extra_fields(row.get(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The official's questions, each with its newest answer (the draft being typed, else
    /// the last revision), in one query.
    fn questions(&self, slot: Id) -> Result<Vec<Question>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT q.id, q.position, q.asker, q.text, q.prepared, q.asked_at,
                    q.needs_written_reply, coalesce(d.body, r.body),
                    coalesce(d.saved_at, r.saved_at), d.body IS NOT NULL, q.written_reason
             FROM question_now q
             LEFT JOIN text_draft_now d
                  ON d.kind = 'answer' AND d.owner_id = q.slot_id AND d.question_key = q.id
             LEFT JOIN text_revision r ON r.id =
                  (SELECT max(t.id) FROM text_revision t
                   WHERE t.slot_id = q.slot_id AND t.kind = 'answer' AND t.question_id = q.id)
             WHERE q.slot_id = ?1 AND NOT q.withdrawn ORDER BY q.position",
        )?;
        let rows = stmt.query_map([slot], |row| {
            let row = &Lossy(row);
            let body: Option<String> = row.get(7)?;
            let answer = match body {
                Some(body) => Some(Revision {
                    body,
                    saved_at: row.get(8)?,
                    draft: row.get(9)?,
                }),
                None => None,
            };
            Ok(Question {
                id: row.get(0)?,
                position: row.get(1)?,
                asker: row.get(2)?,
                text: row.get(3)?,
                prepared: row.get(4)?,
                asked_at: row.get(5)?,
                needs_written_reply: row.get(6)?,
                written_reason: row.get(10)?,
                answer,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every revision of one text, oldest first; a draft not yet kept as a revision last.
    pub fn revisions(&self, target: TextTarget) -> Result<Vec<Revision>> {
        let (sql, key) = revision_query(target, "ASC", "");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![key.0, key.1, key.2], revision_from_row)?;
        let mut all: Vec<Revision> = rows.collect::<rusqlite::Result<_>>()?;
        if let Some(draft) = self.draft(target)? {
            all.push(draft);
        }
        Ok(all)
    }

    /// The newest text: the draft being typed, else the last revision.
    pub fn latest_revision(&self, target: TextTarget) -> Result<Option<Revision>> {
        match self.draft(target)? {
            Some(draft) => Ok(Some(draft)),
            None => self.last_kept(target),
        }
    }

    /// The last revision kept, drafts aside.
    pub(super) fn last_kept(&self, target: TextTarget) -> Result<Option<Revision>> {
        let (sql, key) = revision_query(target, "DESC", "LIMIT 1");
        Ok(self
            .conn
            .query_row(&sql, params![key.0, key.1, key.2], revision_from_row)
            .optional()?)
    }

    /// The text saved while it was typed and not yet kept as a revision.
    pub(super) fn draft(&self, target: TextTarget) -> Result<Option<Revision>> {
        let (owner, kind, question) = target.key();
        Ok(self
            .conn
            .query_row(
                "SELECT body, saved_at FROM text_draft_now
                 WHERE kind = ?1 AND owner_id = ?2 AND question_key = ?3",
                params![kind, owner, question.unwrap_or(0)],
                |row| {
                    let row = &Lossy(row);
                    Ok(Revision {
                        body: row.get(0)?,
                        saved_at: row.get(1)?,
                        draft: true,
                    })
                },
            )
            .optional()?)
    }

    fn rating(&self, slot: Id) -> Result<Option<Rating>> {
        Ok(self
            .conn
            .query_row(
                "SELECT voters, excellent, good, fair, poor FROM rating
                 WHERE slot_id = ?1 ORDER BY round DESC LIMIT 1",
                [slot],
                |row| {
                    let row = &Lossy(row);
                    Ok(Rating {
                        voters: row.get(0)?,
                        excellent: row.get(1)?,
                        good: row.get(2)?,
                        fair: row.get(3)?,
                        poor: row.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    fn follow_ups_raised(&self, slot: Id) -> Result<Vec<FollowUp>> {
        let sql = format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up_now f WHERE f.slot_id = ?1 ORDER BY f.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([slot], follow_up_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The follow-ups of the slot's unit from before its meeting (a prep file's
    /// `earlier_follow_up`s, those it linked to by their identity, and those raised at
    /// earlier meetings), as they stand now: for writing the preparation back out, each once.
    pub fn prepared_follow_ups(&self, slot: Id) -> Result<Vec<FollowUp>> {
        self.follow_ups_before_meeting(slot, "f.id")
    }

    /// Follow-ups of the slot's unit not raised in the slot's meeting and not raised after it.
    fn earlier_follow_ups(&self, slot: Id) -> Result<Vec<FollowUp>> {
        self.follow_ups_before_meeting(slot, "f.raised_on, f.id")
    }

    fn follow_ups_before_meeting(&self, slot: Id, order: &str) -> Result<Vec<FollowUp>> {
        let sql = format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up_now f
             JOIN agenda_slot s ON s.id = ?1
             JOIN meeting m ON m.id = s.meeting_id
             WHERE f.unit_id = s.unit_id
               AND (f.slot_id IS NULL OR f.slot_id NOT IN
                    (SELECT id FROM agenda_slot WHERE meeting_id = m.id))
               AND (f.raised_on IS NULL OR f.raised_on <= m.held_on)
             ORDER BY {order}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([slot], follow_up_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Where `text` occurs in the meeting (private notes excluded: search results are projected).
    pub fn search(&self, meeting: Id, text: &str) -> Result<Vec<SearchHit>> {
        let mut stmt = self.conn.prepare_cached(SEARCH_SQL)?;
        let rows = stmt.query_map(params![meeting, text], |row| {
            let row = &Lossy(row);
            let kind: String = row.get(1)?;
            let index = row.get::<_, i64>(2)? as usize;
            let target = match kind.as_str() {
                "duty" => SearchTarget::DutyItem(index),
                "risk" => SearchTarget::RiskPoint(index),
                "question" => SearchTarget::Question(index),
                "remarks" => SearchTarget::Remarks,
                "follow_up" => SearchTarget::FollowUp(index),
                "closing" => SearchTarget::Closing,
                _ => SearchTarget::Official,
            };
            Ok(SearchHit {
                slot_index: row.get::<_, i64>(0)? as usize,
                target,
                excerpt: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Rows of every searchable pane, numbered as the panes number them, filtered by `instr`.
const SEARCH_SQL: &str = "
WITH slots AS (
    SELECT s.id, s.name, u.name AS unit, s.post,
           row_number() OVER (ORDER BY s.position) - 1 AS slot_index
    FROM agenda_now s JOIN unit u ON u.id = s.unit_id
    WHERE s.meeting_id = ?1 AND NOT s.withdrawn
),
rows AS (
    SELECT slot_index, 'official' AS kind, 0 AS idx, name || ' ' || unit || post AS body, 0 AS ord
    FROM slots
    UNION ALL
    SELECT sl.slot_index, 'duty', row_number() OVER (PARTITION BY d.slot_id ORDER BY d.position, d.id) - 1,
           d.text || ' ' || d.progress, 1
    FROM duty_item_now d JOIN slots sl ON sl.id = d.slot_id WHERE NOT d.withdrawn
    UNION ALL
    SELECT sl.slot_index, 'risk', row_number() OVER (PARTITION BY r.slot_id ORDER BY r.position, r.id) - 1,
           r.text || ' ' || ifnull((SELECT group_concat(value, '；') FROM json_each(r.measures)), '')
               || ' ' || ifnull((SELECT group_concat(value, '；') FROM json_each(r.rules)), ''), 2
    FROM risk_point_now r JOIN slots sl ON sl.id = r.slot_id WHERE NOT r.withdrawn
    UNION ALL
    SELECT sl.slot_index, 'question',
           row_number() OVER (PARTITION BY q.slot_id ORDER BY q.position) - 1,
           q.asker || '：' || q.text || ' ' || coalesce(
               (SELECT body FROM text_draft_now d WHERE d.kind = 'answer' AND d.owner_id = q.slot_id
                    AND d.question_id = q.id),
               (SELECT body FROM text_revision t WHERE t.kind = 'answer' AND t.question_id = q.id
                    ORDER BY t.id DESC LIMIT 1), ''), 3
    FROM question_now q JOIN slots sl ON sl.id = q.slot_id WHERE NOT q.withdrawn
    UNION ALL
    SELECT sl.slot_index, 'remarks', 0, t.body, 4
    FROM slots sl JOIN (
        SELECT slot_id, body FROM text_draft_now WHERE kind = 'remarks'
        UNION ALL
        SELECT r.slot_id, r.body FROM text_revision r
        WHERE r.kind = 'remarks' AND r.id = (SELECT max(id) FROM text_revision
                                            WHERE slot_id = r.slot_id AND kind = 'remarks')
          AND NOT EXISTS (SELECT 1 FROM text_draft_now d WHERE d.kind = 'remarks'
                          AND d.slot_id = r.slot_id)
    ) t ON t.slot_id = sl.id
    UNION ALL
    SELECT sl.slot_index, 'follow_up',
           row_number() OVER (PARTITION BY f.slot_id ORDER BY f.id) - 1,
           f.problem || ' ' || f.task || ' ' || f.measure || ' ' || f.owner || ' ' || f.progress, 5
    FROM follow_up_now f JOIN slots sl ON sl.id = f.slot_id
    UNION ALL
    SELECT sl.slot_index, 'follow_up',
           (SELECT count(*) FROM follow_up x WHERE x.slot_id = sl.id)
               + row_number() OVER (PARTITION BY sl.id ORDER BY f.raised_on, f.id) - 1,
           f.problem || ' ' || f.task || ' ' || f.measure || ' ' || f.owner || ' ' || f.progress, 6
    FROM slots sl
    JOIN agenda_slot s ON s.id = sl.id
    JOIN meeting m ON m.id = s.meeting_id
    JOIN follow_up_now f ON f.unit_id = s.unit_id
    WHERE (f.slot_id IS NULL OR f.slot_id NOT IN (SELECT id FROM agenda_slot WHERE meeting_id = m.id))
      AND (f.raised_on IS NULL OR f.raised_on <= m.held_on)
    UNION ALL
    SELECT 0, 'closing', 0, body, 7 FROM (
        SELECT body FROM text_draft_now WHERE kind = 'closing' AND meeting_id = ?1
        UNION ALL
        SELECT body FROM (SELECT body FROM meeting_revision WHERE meeting_id = ?1
                          AND kind = 'closing' ORDER BY id DESC LIMIT 1)
        WHERE NOT EXISTS (SELECT 1 FROM text_draft_now WHERE kind = 'closing' AND meeting_id = ?1)
    )
)
SELECT slot_index, kind, idx, body FROM rows
WHERE instr(lower(body), lower(?2)) > 0
ORDER BY slot_index, ord, idx
LIMIT 200";

const DETAIL_MARK_SQL: &str = "SELECT json_array(
    (SELECT count(*) || '.' || ifnull(max(id), 0) FROM text_revision WHERE slot_id = ?1),
    (SELECT group_concat(quote(kind) || quote(question_id) || quote(saved_at) || quote(body), ',')
       FROM text_draft_now WHERE slot_id = ?1),
    (SELECT group_concat(quote(id) || quote(position) || quote(asker) || quote(text)
                         || quote(prepared) || quote(asked_at) || quote(needs_written_reply)
                         || quote(withdrawn), ',')
       FROM question_now WHERE slot_id = ?1),
    (SELECT group_concat(quote(id) || quote(position) || quote(source) || quote(quarter)
                         || quote(text) || quote(progress) || quote(status) || quote(withdrawn), ',')
       FROM duty_item_now WHERE slot_id = ?1),
    (SELECT group_concat(quote(id) || quote(position) || quote(text) || quote(level)
                         || quote(measures) || quote(rules) || quote(withdrawn), ',')
       FROM risk_point_now WHERE slot_id = ?1),
    (SELECT count(*) || '.' || ifnull(max(round), 0) FROM rating WHERE slot_id = ?1),
    (SELECT count(*) FROM rating_tally WHERE slot_id = ?1),
    (SELECT max(id) FROM follow_up),
    (SELECT max(id) FROM follow_up_change),
    (SELECT max(id) FROM follow_up_check),
    (SELECT max(id) FROM item_mention WHERE slot_id = ?1))";

impl Store {
    /// The follow-ups changed in `meeting` (in one of its officials' reports), each as it
    /// stood before the meeting's first change to it: what the ledger shows as "before".
    pub fn follow_ups_before(&self, meeting: Id) -> Result<Vec<FollowUpBefore>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.source,
                    CASE WHEN p.id IS NULL THEN f.category ELSE p.category END,
                    CASE WHEN p.id IS NULL THEN f.problem ELSE p.problem END,
                    CASE WHEN p.id IS NULL THEN f.task ELSE p.task END,
                    CASE WHEN p.id IS NULL THEN f.measure ELSE p.measure END,
                    CASE WHEN p.id IS NULL THEN f.lead ELSE p.lead END,
                    CASE WHEN p.id IS NULL THEN f.owner ELSE p.owner END,
                    CASE WHEN p.id IS NULL THEN f.deadline ELSE p.deadline END,
                    CASE WHEN p.id IS NULL THEN f.mode ELSE p.mode END,
                    CASE WHEN p.id IS NULL THEN f.progress ELSE p.progress END,
                    CASE WHEN p.id IS NULL THEN f.status ELSE p.status END,
                    CASE WHEN p.id IS NULL THEN f.copied_to ELSE p.copied_to END,
                    f.raised_on, f.question_id, f.id, f.key,
                    CASE WHEN p.id IS NULL OR p.deadline IS f.deadline THEN f.deadline_workdays END,
                    (SELECT json_group_array(json_array(label, value)) FROM
                        (SELECT label, value FROM extra_field
                         WHERE row_kind = 'follow_up' AND row_id = f.id ORDER BY position))
             FROM follow_up_change c
             JOIN follow_up f ON f.id = c.follow_up_id
             LEFT JOIN follow_up_change p ON p.id =
                  (SELECT max(id) FROM follow_up_change
                   WHERE follow_up_id = c.follow_up_id AND id < c.id)
             WHERE c.id = (SELECT min(x.id) FROM follow_up_change x
                           JOIN agenda_slot s ON s.id = x.slot_id
                           WHERE x.follow_up_id = c.follow_up_id AND s.meeting_id = ?1)
             ORDER BY c.follow_up_id",
        )?;
        let rows = stmt.query_map([meeting], |row| {
            let row = &Lossy(row);
            let state = follow_up_from_row(row.0)?;
            Ok(FollowUpBefore {
                follow_up: state.id,
                state,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// Every correction made in `meeting`, oldest first: questions, duty items, risk
    /// points, the agenda, attendance and the follow-ups of its officials' units.
    pub fn corrections(&self, meeting: Id) -> Result<Vec<Correction>> {
        let mut stmt = self.conn.prepare_cached(CORRECTIONS_SQL)?;
        let rows = stmt.query_map([meeting], |row| {
            let row = &Lossy(row);
            let state: String = row.get(3)?;
            let before: String = row.get(7)?;
            Ok(Correction {
                kind: row.get(0)?,
                target: row.get(1)?,
                changed_at: row.get(2)?,
                state: serde_json::from_str(&state).unwrap_or(serde_json::Value::Null),
                before: serde_json::from_str(&before).unwrap_or(serde_json::Value::Null),
                origin: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

const CORRECTIONS_SQL: &str = "
WITH slots AS (SELECT id FROM agenda_slot WHERE meeting_id = ?1)
SELECT 'question', c.question_id, c.changed_at,
       json_object('asker', c.asker, 'text', c.text, 'asked_at', strftime('%Y-%m-%dT%H:%M:%SZ', c.asked_at),
                   'needs_written_reply', c.needs_written_reply, 'withdrawn', c.withdrawn,
                   'written_reason', c.written_reason), c.id, 1, c.origin,
       CASE WHEN p.id IS NULL THEN
           json_object('asker', q.asker, 'text', q.text, 'asked_at', strftime('%Y-%m-%dT%H:%M:%SZ', q.asked_at),
                       'needs_written_reply', q.needs_written_reply, 'withdrawn', 0,
                       'written_reason', '')
       ELSE
           json_object('asker', p.asker, 'text', p.text, 'asked_at', strftime('%Y-%m-%dT%H:%M:%SZ', p.asked_at),
                       'needs_written_reply', p.needs_written_reply, 'withdrawn', p.withdrawn,
                       'written_reason', p.written_reason)
       END
FROM question_change c JOIN question q ON q.id = c.question_id
LEFT JOIN question_change p ON p.id =
     (SELECT max(id) FROM question_change WHERE question_id = c.question_id AND id < c.id)
WHERE q.slot_id IN slots
UNION ALL
SELECT 'duty_item', c.duty_item_id, c.changed_at,
       json_object('source', c.source, 'quarter', c.quarter, 'text', c.text,
                   'progress', c.progress, 'status', c.status, 'withdrawn', c.withdrawn), c.id, 2, c.origin,
       CASE WHEN p.id IS NULL THEN
           json_object('source', d.source, 'quarter', d.quarter, 'text', d.text,
                       'progress', d.progress, 'status', d.status, 'withdrawn', 0)
       ELSE
           json_object('source', p.source, 'quarter', p.quarter, 'text', p.text,
                       'progress', p.progress, 'status', p.status, 'withdrawn', p.withdrawn)
       END
FROM duty_item_change c JOIN duty_item d ON d.id = c.duty_item_id
LEFT JOIN duty_item_change p ON p.id =
     (SELECT max(id) FROM duty_item_change WHERE duty_item_id = c.duty_item_id AND id < c.id)
WHERE d.slot_id IN slots
UNION ALL
SELECT 'risk_point', c.risk_point_id, c.changed_at,
       json_object('text', c.text, 'level', c.level, 'measures', json(c.measures),
                   'rules', json(c.rules), 'withdrawn', c.withdrawn), c.id, 3, c.origin,
       CASE WHEN p.id IS NULL THEN
           json_object('text', r.text, 'level', r.level, 'measures', json(r.measures),
                       'rules', json(r.rules), 'withdrawn', 0)
       ELSE
           json_object('text', p.text, 'level', p.level, 'measures', json(p.measures),
                       'rules', json(p.rules), 'withdrawn', p.withdrawn)
       END
FROM risk_point_change c JOIN risk_point r ON r.id = c.risk_point_id
LEFT JOIN risk_point_change p ON p.id =
     (SELECT max(id) FROM risk_point_change WHERE risk_point_id = c.risk_point_id AND id < c.id)
WHERE r.slot_id IN slots
UNION ALL
SELECT 'agenda', c.slot_id, c.changed_at,
       json_object('position', c.position, 'name', c.name, 'post', c.post,
                   'supervisor', c.supervisor, 'report_minutes', c.report_minutes,
                   'written_only', c.written_only, 'withdrawn', c.withdrawn), c.id, 4, c.origin,
       CASE WHEN p.id IS NULL THEN
           json_object('position', s.position, 'name', s.name, 'post', s.post,
                       'supervisor', s.supervisor, 'report_minutes', s.report_minutes,
                       'written_only', s.written_only, 'withdrawn', 0)
       ELSE
           json_object('position', p.position, 'name', p.name, 'post', p.post,
                       'supervisor', p.supervisor, 'report_minutes', p.report_minutes,
                       'written_only', p.written_only, 'withdrawn', p.withdrawn)
       END
FROM agenda_change c JOIN agenda_slot s ON s.id = c.slot_id
LEFT JOIN agenda_change p ON p.id =
     (SELECT max(id) FROM agenda_change WHERE slot_id = c.slot_id AND id < c.id)
WHERE c.slot_id IN slots
UNION ALL
SELECT 'attendee', c.attendee_id, c.changed_at,
       json_object('attendance', c.attendance, 'reason', c.reason,
                   'arrived_at', strftime('%Y-%m-%dT%H:%M:%SZ', c.arrived_at), 'left_at', strftime('%Y-%m-%dT%H:%M:%SZ', c.left_at)), c.id, 5, c.origin,
       CASE WHEN p.id IS NULL THEN
           json_object('attendance', a.attendance, 'reason', a.reason, 'arrived_at', NULL, 'left_at', NULL)
       ELSE
           json_object('attendance', p.attendance, 'reason', p.reason,
                       'arrived_at', strftime('%Y-%m-%dT%H:%M:%SZ', p.arrived_at), 'left_at', strftime('%Y-%m-%dT%H:%M:%SZ', p.left_at))
       END
FROM attendee_change c JOIN attendee a ON a.id = c.attendee_id
LEFT JOIN attendee_change p ON p.id =
     (SELECT max(id) FROM attendee_change WHERE attendee_id = c.attendee_id AND id < c.id)
WHERE a.meeting_id = ?1
UNION ALL
SELECT 'follow_up', c.follow_up_id, c.changed_at,
       json_object('category', c.category, 'problem', c.problem, 'task', c.task,
                   'measure', c.measure, 'lead', c.lead, 'owner', c.owner,
                   'deadline', c.deadline, 'mode', c.mode, 'progress', c.progress,
                   'status', c.status, 'copied_to', c.copied_to, 'source', c.source,
                   'question', c.question_id), c.id, 6, c.origin,
       CASE WHEN p.id IS NULL THEN
           json_object('category', f.category, 'problem', f.problem, 'task', f.task,
                       'measure', f.measure, 'lead', f.lead, 'owner', f.owner,
                       'deadline', f.deadline, 'mode', f.mode, 'progress', f.progress,
                       'status', f.status, 'copied_to', f.copied_to, 'source', f.source,
                       'question', f.question_id)
       ELSE
           json_object('category', p.category, 'problem', p.problem, 'task', p.task,
                       'measure', p.measure, 'lead', p.lead, 'owner', p.owner,
                       'deadline', p.deadline, 'mode', p.mode, 'progress', p.progress,
                       'status', p.status, 'copied_to', p.copied_to,
                       'source', ifnull(p.source, f.source),
                       'question', CASE WHEN p.source IS NULL THEN f.question_id
                                        ELSE p.question_id END)
       END
FROM follow_up_change c JOIN follow_up f ON f.id = c.follow_up_id
LEFT JOIN follow_up_change p ON p.id =
     (SELECT max(id) FROM follow_up_change WHERE follow_up_id = c.follow_up_id AND id < c.id)
WHERE c.slot_id IN slots
UNION ALL
SELECT 'meeting', c.meeting_id, c.changed_at, json_object('held_on', c.held_on), c.id, 7,
       'console',
       CASE WHEN p.id IS NULL THEN json_object('held_on', m.held_on)
            ELSE json_object('held_on', p.held_on) END
FROM meeting_change c JOIN meeting m ON m.id = c.meeting_id
LEFT JOIN meeting_change p ON p.id =
     (SELECT max(id) FROM meeting_change WHERE meeting_id = c.meeting_id AND id < c.id)
WHERE c.meeting_id = ?1
ORDER BY 3, 6, 5";
