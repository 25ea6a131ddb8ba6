//! Ordered, versioned schema migrations, tracked in SQLite's `user_version`.
//!
//! Each entry upgrades a file from the version before it; a file is always brought to
//! the newest version in place, inside one transaction per step. Never edit a shipped
//! step: add a new one.
//!
//! The CHECK constraints on enum columns spell their words out rather than building them
//! from `domain::Word` at run time: a shipped step must create the same table every time
//! it runs, on a new file or an old one, whatever the enums have become since. The test
//! below holds every list to the table, so a word added to an enum fails it until a new
//! step rebuilds the column's CHECK.

/// Migration steps; `MIGRATIONS[i]` takes a file from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12];

/// Every table the newest schema has, found by building it in memory once.
pub fn expected_tables() -> &'static [String] {
    static TABLES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let build = || -> rusqlite::Result<Vec<String>> {
            let conn = rusqlite::Connection::open_in_memory()?;
            for step in MIGRATIONS {
                conn.execute_batch(step)?;
            }
            super::table_names(&conn)
        };
        build().unwrap_or_default()
    })
}

/// The tables and columns a file of schema `version` has, built in memory.
pub fn tables_at(version: i64) -> rusqlite::Result<Vec<(String, Vec<String>)>> {
    let conn = rusqlite::Connection::open_in_memory()?;
    for step in MIGRATIONS.iter().take(version.max(0) as usize) {
        conn.execute_batch(step)?;
    }
    super::table_columns(&conn)
}

/// The version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

const V1: &str = r#"
CREATE TABLE unit (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);

CREATE TABLE meeting (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    held_on     TEXT NOT NULL,            -- local date, YYYY-MM-DD
    starts_at   TEXT,                     -- local time, HH:MM
    place       TEXT NOT NULL DEFAULT '',
    chair       TEXT NOT NULL,
    chair_post  TEXT NOT NULL DEFAULT '',
    recorder    TEXT NOT NULL,
    created_at  TEXT NOT NULL,            -- UTC, RFC 3339
    finished_at TEXT,
    UNIQUE (title, held_on)
);

CREATE TABLE attendee (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    post       TEXT NOT NULL DEFAULT '',
    attendance TEXT NOT NULL CHECK (attendance IN ('present', 'non_voting', 'absent')),
    reason     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE agenda_slot (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meeting(id),
    position       INTEGER NOT NULL,
    unit_id        INTEGER NOT NULL REFERENCES unit(id),
    name           TEXT NOT NULL,
    post           TEXT NOT NULL,
    supervisor     TEXT NOT NULL DEFAULT '',
    report_minutes INTEGER NOT NULL,
    written_only   INTEGER NOT NULL DEFAULT 0,
    stage          TEXT NOT NULL DEFAULT 'pending',
    skip_reason    TEXT NOT NULL DEFAULT '',
    UNIQUE (meeting_id, position)
);

CREATE TABLE stage_timing (
    slot_id        INTEGER NOT NULL REFERENCES agenda_slot(id),
    stage          TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    ended_at       TEXT,
    accumulated_ms INTEGER NOT NULL DEFAULT 0,
    running_since  TEXT,
    PRIMARY KEY (slot_id, stage)
);

CREATE TABLE duty_item (
    id       INTEGER PRIMARY KEY,
    slot_id  INTEGER NOT NULL REFERENCES agenda_slot(id),
    position INTEGER NOT NULL,
    source   TEXT NOT NULL CHECK (source IN ('annual_reminder', 'quarterly_dispatch', 'added_dispatch')),
    quarter  TEXT NOT NULL,
    text     TEXT NOT NULL,
    progress TEXT NOT NULL DEFAULT '',
    status   TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done'))
);
CREATE INDEX duty_item_slot ON duty_item(slot_id, position);

CREATE TABLE risk_point (
    id       INTEGER PRIMARY KEY,
    slot_id  INTEGER NOT NULL REFERENCES agenda_slot(id),
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    level    TEXT NOT NULL CHECK (level IN ('high', 'medium', 'low')),
    measures TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    rules    TEXT NOT NULL DEFAULT '[]'   -- JSON array of strings
);
CREATE INDEX risk_point_slot ON risk_point(slot_id, position);

CREATE TABLE question (
    id                  INTEGER PRIMARY KEY,
    slot_id             INTEGER NOT NULL REFERENCES agenda_slot(id),
    position            INTEGER NOT NULL,
    asker               TEXT NOT NULL,
    text                TEXT NOT NULL,
    prepared            INTEGER NOT NULL,
    asked_at            TEXT,
    needs_written_reply INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL
);
CREATE INDEX question_slot ON question(slot_id, position);

-- Answers, remarks and private notes: append-only; the newest row is the one shown.
CREATE TABLE text_revision (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('answer', 'remarks', 'note')),
    slot_id     INTEGER NOT NULL REFERENCES agenda_slot(id),
    question_id INTEGER REFERENCES question(id),
    body        TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    CHECK ((kind = 'answer') = (question_id IS NOT NULL))
);
CREATE INDEX text_revision_target ON text_revision(slot_id, kind, question_id, id);

CREATE TABLE rating (
    slot_id     INTEGER NOT NULL REFERENCES agenda_slot(id),
    round       INTEGER NOT NULL DEFAULT 1,
    voters      INTEGER NOT NULL CHECK (voters > 0),
    excellent   INTEGER NOT NULL CHECK (excellent >= 0),
    good        INTEGER NOT NULL CHECK (good >= 0),
    fair        INTEGER NOT NULL CHECK (fair >= 0),
    poor        INTEGER NOT NULL CHECK (poor >= 0),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (slot_id, round),
    CHECK (excellent + good + fair + poor <= voters)
);

-- Follow-ups belong to a unit, so that they carry from one meeting to the next.
-- slot_id is the meeting slot that raised it; NULL for follow-ups from before (imported).
CREATE TABLE follow_up (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    slot_id     INTEGER REFERENCES agenda_slot(id),
    meeting_id  INTEGER REFERENCES meeting(id),  -- the meeting whose prep file listed it
    source      TEXT NOT NULL CHECK (source IN ('question', 'remarks', 'rating', 'feedback')),
    question_id INTEGER REFERENCES question(id),
    category    TEXT NOT NULL DEFAULT '',
    problem     TEXT NOT NULL,
    task        TEXT NOT NULL DEFAULT '',
    measure     TEXT NOT NULL DEFAULT '',
    lead        TEXT NOT NULL DEFAULT '',
    owner       TEXT NOT NULL DEFAULT '',
    deadline    TEXT,
    mode        TEXT NOT NULL CHECK (mode IN ('immediate', 'by_deadline', 'long_term')),
    progress    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'completed', 'closed')),
    copied_to   TEXT NOT NULL DEFAULT '',
    raised_on   TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX follow_up_unit ON follow_up(unit_id);
CREATE INDEX follow_up_slot ON follow_up(slot_id);

-- Where the recorder was: restored when the console opens the meeting again.
CREATE TABLE console_state (
    meeting_id INTEGER PRIMARY KEY REFERENCES meeting(id),
    state      TEXT NOT NULL,             -- JSON
    updated_at TEXT NOT NULL
);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"#;

/// Ballot scrutineers (计票人、监票人) and the chair's closing remarks (会议总结).
const V2: &str = r#"
ALTER TABLE meeting ADD COLUMN scrutineers TEXT NOT NULL DEFAULT '[]';  -- JSON array of names

-- Meeting-wide texts, append-only like text_revision.
CREATE TABLE meeting_revision (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
    kind       TEXT NOT NULL CHECK (kind IN ('closing')),
    body       TEXT NOT NULL,
    saved_at   TEXT NOT NULL
);
CREATE INDEX meeting_revision_target ON meeting_revision(meeting_id, kind, id);
"#;

/// The text being typed, saved every fraction of a second and replaced by the next save
/// (crash safety, and what the audience view shows); a revision is appended from it when
/// the recorder pauses or leaves the editor, so the history keeps every pause, not every
/// keystroke.
const V3: &str = r#"
CREATE TABLE text_draft (
    kind        TEXT NOT NULL CHECK (kind IN ('answer', 'remarks', 'note', 'closing')),
    owner_id    INTEGER NOT NULL,            -- agenda_slot.id, or meeting.id for 'closing'
    question_id INTEGER NOT NULL DEFAULT 0,  -- question.id for 'answer', else 0
    body        TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (kind, owner_id, question_id)
);
"#;

/// Minutes allotted to the stages after the report, per meeting (the report's own minutes
/// are per official).
const V4: &str = r#"
ALTER TABLE meeting ADD COLUMN questions_minutes INTEGER NOT NULL DEFAULT 10;
ALTER TABLE meeting ADD COLUMN remarks_minutes INTEGER NOT NULL DEFAULT 5;
ALTER TABLE meeting ADD COLUMN rating_minutes INTEGER NOT NULL DEFAULT 3;
ALTER TABLE meeting ADD COLUMN follow_ups_minutes INTEGER NOT NULL DEFAULT 5;
"#;

/// Marks the file as shuze's, so that opening can tell it from another program's SQLite
/// file before writing anything (`header.rs`). The number spells "SHUZ".
const V5: &str = "PRAGMA application_id = 1397249370;";

/// History kept by the schema itself, not by the code's habits:
/// - revisions, ratings and follow-ups cannot be updated or deleted (triggers refuse it);
/// - a follow-up's status and progress (and, later, any corrected field) change by a new
///   row in `follow_up_change` holding its whole new state, the newest being the current
///   value (`follow_up_now`);
/// - a recount of the rating is a new round, the newest being the result;
/// - the stage columns accept only the stage names (`domain::Word` spells them; a test
///   checks the lists against it);
/// - drafts point at their official, meeting and question with real foreign keys.
const V6: &str = r#"
CREATE TRIGGER text_revision_no_update BEFORE UPDATE ON text_revision
BEGIN SELECT RAISE(ABORT, 'text_revision is append-only: add a new revision'); END;
CREATE TRIGGER text_revision_no_delete BEFORE DELETE ON text_revision
BEGIN SELECT RAISE(ABORT, 'text_revision is append-only: revisions are never deleted'); END;
CREATE TRIGGER meeting_revision_no_update BEFORE UPDATE ON meeting_revision
BEGIN SELECT RAISE(ABORT, 'meeting_revision is append-only: add a new revision'); END;
CREATE TRIGGER meeting_revision_no_delete BEFORE DELETE ON meeting_revision
BEGIN SELECT RAISE(ABORT, 'meeting_revision is append-only: revisions are never deleted'); END;
CREATE TRIGGER rating_no_update BEFORE UPDATE ON rating
BEGIN SELECT RAISE(ABORT, 'rating is append-only: a recount is a new round'); END;
CREATE TRIGGER rating_no_delete BEFORE DELETE ON rating
BEGIN SELECT RAISE(ABORT, 'rating is append-only: rounds are never deleted'); END;
CREATE TRIGGER follow_up_no_update BEFORE UPDATE ON follow_up
BEGIN SELECT RAISE(ABORT, 'follow_up changes are new rows in follow_up_change'); END;
CREATE TRIGGER follow_up_no_delete BEFORE DELETE ON follow_up
BEGIN SELECT RAISE(ABORT, 'follow_up rows are never deleted'); END;

-- A change to a follow-up: each row holds the follow-up's whole state after the change.
CREATE TABLE follow_up_change (
    id           INTEGER PRIMARY KEY,
    follow_up_id INTEGER NOT NULL REFERENCES follow_up(id),
    slot_id      INTEGER REFERENCES agenda_slot(id),  -- the official whose report it was changed in
    category     TEXT NOT NULL,
    problem      TEXT NOT NULL,
    task         TEXT NOT NULL,
    measure      TEXT NOT NULL,
    lead         TEXT NOT NULL,
    owner        TEXT NOT NULL,
    deadline     TEXT,
    mode         TEXT NOT NULL CHECK (mode IN ('immediate', 'by_deadline', 'long_term')),
    progress     TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'completed', 'closed')),
    copied_to    TEXT NOT NULL,
    changed_at   TEXT NOT NULL
);
CREATE INDEX follow_up_change_target ON follow_up_change(follow_up_id, id);
CREATE TRIGGER follow_up_change_no_update BEFORE UPDATE ON follow_up_change
BEGIN SELECT RAISE(ABORT, 'follow_up_change is append-only'); END;
CREATE TRIGGER follow_up_change_no_delete BEFORE DELETE ON follow_up_change
BEGIN SELECT RAISE(ABORT, 'follow_up_change is append-only'); END;

-- Every follow-up as it stands now: its newest change, else as raised.
CREATE VIEW follow_up_now AS
SELECT f.id, f.unit_id, f.slot_id, f.meeting_id, f.source, f.question_id, f.raised_on,
       f.created_at,
       CASE WHEN c.id IS NULL THEN f.category ELSE c.category END AS category,
       CASE WHEN c.id IS NULL THEN f.problem ELSE c.problem END AS problem,
       CASE WHEN c.id IS NULL THEN f.task ELSE c.task END AS task,
       CASE WHEN c.id IS NULL THEN f.measure ELSE c.measure END AS measure,
       CASE WHEN c.id IS NULL THEN f.lead ELSE c.lead END AS lead,
       CASE WHEN c.id IS NULL THEN f.owner ELSE c.owner END AS owner,
       CASE WHEN c.id IS NULL THEN f.deadline ELSE c.deadline END AS deadline,
       CASE WHEN c.id IS NULL THEN f.mode ELSE c.mode END AS mode,
       CASE WHEN c.id IS NULL THEN f.progress ELSE c.progress END AS progress,
       CASE WHEN c.id IS NULL THEN f.status ELSE c.status END AS status,
       CASE WHEN c.id IS NULL THEN f.copied_to ELSE c.copied_to END AS copied_to
FROM follow_up f
LEFT JOIN follow_up_change c
       ON c.id = (SELECT max(id) FROM follow_up_change WHERE follow_up_id = f.id);

CREATE TRIGGER agenda_slot_stage_insert BEFORE INSERT ON agenda_slot
WHEN NEW.stage NOT IN ('pending', 'report', 'questions', 'remarks', 'rating', 'follow_ups', 'done', 'skipped')
BEGIN SELECT RAISE(ABORT, 'agenda_slot.stage is not a stage'); END;
CREATE TRIGGER agenda_slot_stage_update BEFORE UPDATE OF stage ON agenda_slot
WHEN NEW.stage NOT IN ('pending', 'report', 'questions', 'remarks', 'rating', 'follow_ups', 'done', 'skipped')
BEGIN SELECT RAISE(ABORT, 'agenda_slot.stage is not a stage'); END;
CREATE TRIGGER stage_timing_stage_insert BEFORE INSERT ON stage_timing
WHEN NEW.stage NOT IN ('pending', 'report', 'questions', 'remarks', 'rating', 'follow_ups', 'done', 'skipped')
BEGIN SELECT RAISE(ABORT, 'stage_timing.stage is not a stage'); END;
CREATE TRIGGER stage_timing_stage_update BEFORE UPDATE OF stage ON stage_timing
WHEN NEW.stage NOT IN ('pending', 'report', 'questions', 'remarks', 'rating', 'follow_ups', 'done', 'skipped')
BEGIN SELECT RAISE(ABORT, 'stage_timing.stage is not a stage'); END;

-- Drafts with real foreign keys (before: an owner id for either table, question 0 for none).
CREATE TABLE text_draft_v6 (
    kind         TEXT NOT NULL CHECK (kind IN ('answer', 'remarks', 'note', 'closing')),
    slot_id      INTEGER REFERENCES agenda_slot(id),
    meeting_id   INTEGER REFERENCES meeting(id),
    question_id  INTEGER REFERENCES question(id),
    body         TEXT NOT NULL,
    saved_at     TEXT NOT NULL,
    owner_id     INTEGER GENERATED ALWAYS AS (coalesce(slot_id, meeting_id)) VIRTUAL,
    question_key INTEGER GENERATED ALWAYS AS (ifnull(question_id, 0)) VIRTUAL,
    CHECK ((kind = 'closing') = (meeting_id IS NOT NULL AND slot_id IS NULL)),
    CHECK ((kind = 'closing') = (slot_id IS NULL)),
    CHECK ((kind = 'answer') = (question_id IS NOT NULL))
);
INSERT INTO text_draft_v6 (kind, slot_id, meeting_id, question_id, body, saved_at)
SELECT kind,
       CASE WHEN kind = 'closing' THEN NULL ELSE owner_id END,
       CASE WHEN kind = 'closing' THEN owner_id END,
       nullif(question_id, 0), body, saved_at
FROM text_draft;
DROP TABLE text_draft;
ALTER TABLE text_draft_v6 RENAME TO text_draft;
CREATE UNIQUE INDEX text_draft_target ON text_draft(kind, owner_id, question_key);
"#;

/// Every slip can be put right, and each correction is kept:
/// - questions, duty items, risk points, the agenda's order and minutes, and attendance
///   change by a new row in a `*_change` table holding the whole new state, the newest
///   being the current one (`*_now` views); a withdrawn thing is a change that says so,
///   never a deleted row;
/// - the rows as prepared can no longer be updated or deleted (triggers refuse it); the
///   agenda's stage and skip reason stay the official's live state, and every move between
///   stages is logged in `stage_change`;
/// - things added during the meeting say when (`added_at`; NULL: from the prep file);
/// - the meeting's end (散会) is recorded once.
const V7: &str = r#"
ALTER TABLE duty_item ADD COLUMN added_at TEXT;
ALTER TABLE risk_point ADD COLUMN added_at TEXT;
ALTER TABLE attendee ADD COLUMN added_at TEXT;

CREATE TABLE question_change (
    id                  INTEGER PRIMARY KEY,
    question_id         INTEGER NOT NULL REFERENCES question(id),
    asker               TEXT NOT NULL,
    text                TEXT NOT NULL,
    asked_at            TEXT,
    needs_written_reply INTEGER NOT NULL CHECK (needs_written_reply IN (0, 1)),
    withdrawn           INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
    changed_at          TEXT NOT NULL
);
CREATE INDEX question_change_target ON question_change(question_id, id);

CREATE TABLE duty_item_change (
    id           INTEGER PRIMARY KEY,
    duty_item_id INTEGER NOT NULL REFERENCES duty_item(id),
    source       TEXT NOT NULL CHECK (source IN ('annual_reminder', 'quarterly_dispatch', 'added_dispatch')),
    quarter      TEXT NOT NULL,
    text         TEXT NOT NULL,
    progress     TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
    withdrawn    INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
    changed_at   TEXT NOT NULL
);
CREATE INDEX duty_item_change_target ON duty_item_change(duty_item_id, id);

CREATE TABLE risk_point_change (
    id            INTEGER PRIMARY KEY,
    risk_point_id INTEGER NOT NULL REFERENCES risk_point(id),
    text          TEXT NOT NULL,
    level         TEXT NOT NULL CHECK (level IN ('high', 'medium', 'low')),
    measures      TEXT NOT NULL,
    rules         TEXT NOT NULL,
    withdrawn     INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
    changed_at    TEXT NOT NULL
);
CREATE INDEX risk_point_change_target ON risk_point_change(risk_point_id, id);

-- The agenda's order (positions are swapped in one transaction), an official's name, post
-- and leader in charge as corrected, minutes, 书面述责, and an official taken off the agenda.
CREATE TABLE agenda_change (
    id             INTEGER PRIMARY KEY,
    slot_id        INTEGER NOT NULL REFERENCES agenda_slot(id),
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    post           TEXT NOT NULL,
    supervisor     TEXT NOT NULL,
    report_minutes INTEGER NOT NULL CHECK (report_minutes > 0),
    written_only   INTEGER NOT NULL CHECK (written_only IN (0, 1)),
    withdrawn      INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
    changed_at     TEXT NOT NULL
);
CREATE INDEX agenda_change_target ON agenda_change(slot_id, id);

-- Arriving late (arrived_at), leaving early (left_at), absent with a reason.
CREATE TABLE attendee_change (
    id          INTEGER PRIMARY KEY,
    attendee_id INTEGER NOT NULL REFERENCES attendee(id),
    attendance  TEXT NOT NULL CHECK (attendance IN ('present', 'non_voting', 'absent')),
    reason      TEXT NOT NULL,
    arrived_at  TEXT,
    left_at     TEXT,
    changed_at  TEXT NOT NULL
);
CREATE INDEX attendee_change_target ON attendee_change(attendee_id, id);

-- Every move of an official from one stage to another, as it happened.
CREATE TABLE stage_change (
    id         INTEGER PRIMARY KEY,
    slot_id    INTEGER NOT NULL REFERENCES agenda_slot(id),
    from_stage TEXT NOT NULL,
    to_stage   TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX stage_change_slot ON stage_change(slot_id, id);
CREATE TRIGGER stage_change_stages BEFORE INSERT ON stage_change
WHEN NEW.from_stage NOT IN ('pending', 'report', 'questions', 'remarks', 'rating', 'follow_ups', 'done', 'skipped')
  OR NEW.to_stage NOT IN ('pending', 'report', 'questions', 'remarks', 'rating', 'follow_ups', 'done', 'skipped')
BEGIN SELECT RAISE(ABORT, 'stage_change names a stage that is not a stage'); END;

CREATE TRIGGER question_change_no_update BEFORE UPDATE ON question_change
BEGIN SELECT RAISE(ABORT, 'question_change is append-only'); END;
CREATE TRIGGER question_change_no_delete BEFORE DELETE ON question_change
BEGIN SELECT RAISE(ABORT, 'question_change is append-only'); END;
CREATE TRIGGER duty_item_change_no_update BEFORE UPDATE ON duty_item_change
BEGIN SELECT RAISE(ABORT, 'duty_item_change is append-only'); END;
CREATE TRIGGER duty_item_change_no_delete BEFORE DELETE ON duty_item_change
BEGIN SELECT RAISE(ABORT, 'duty_item_change is append-only'); END;
CREATE TRIGGER risk_point_change_no_update BEFORE UPDATE ON risk_point_change
BEGIN SELECT RAISE(ABORT, 'risk_point_change is append-only'); END;
CREATE TRIGGER risk_point_change_no_delete BEFORE DELETE ON risk_point_change
BEGIN SELECT RAISE(ABORT, 'risk_point_change is append-only'); END;
CREATE TRIGGER agenda_change_no_update BEFORE UPDATE ON agenda_change
BEGIN SELECT RAISE(ABORT, 'agenda_change is append-only'); END;
CREATE TRIGGER agenda_change_no_delete BEFORE DELETE ON agenda_change
BEGIN SELECT RAISE(ABORT, 'agenda_change is append-only'); END;
CREATE TRIGGER attendee_change_no_update BEFORE UPDATE ON attendee_change
BEGIN SELECT RAISE(ABORT, 'attendee_change is append-only'); END;
CREATE TRIGGER attendee_change_no_delete BEFORE DELETE ON attendee_change
BEGIN SELECT RAISE(ABORT, 'attendee_change is append-only'); END;
CREATE TRIGGER stage_change_no_update BEFORE UPDATE ON stage_change
BEGIN SELECT RAISE(ABORT, 'stage_change is append-only'); END;
CREATE TRIGGER stage_change_no_delete BEFORE DELETE ON stage_change
BEGIN SELECT RAISE(ABORT, 'stage_change is append-only'); END;

CREATE TRIGGER question_no_update BEFORE UPDATE ON question
BEGIN SELECT RAISE(ABORT, 'question changes are new rows in question_change'); END;
CREATE TRIGGER question_no_delete BEFORE DELETE ON question
BEGIN SELECT RAISE(ABORT, 'questions are withdrawn in question_change, never deleted'); END;
CREATE TRIGGER duty_item_no_update BEFORE UPDATE ON duty_item
BEGIN SELECT RAISE(ABORT, 'duty_item changes are new rows in duty_item_change'); END;
CREATE TRIGGER duty_item_no_delete BEFORE DELETE ON duty_item
BEGIN SELECT RAISE(ABORT, 'duty items are withdrawn in duty_item_change, never deleted'); END;
CREATE TRIGGER risk_point_no_update BEFORE UPDATE ON risk_point
BEGIN SELECT RAISE(ABORT, 'risk_point changes are new rows in risk_point_change'); END;
CREATE TRIGGER risk_point_no_delete BEFORE DELETE ON risk_point
BEGIN SELECT RAISE(ABORT, 'risk points are withdrawn in risk_point_change, never deleted'); END;
CREATE TRIGGER attendee_no_update BEFORE UPDATE ON attendee
BEGIN SELECT RAISE(ABORT, 'attendance changes are new rows in attendee_change'); END;
CREATE TRIGGER attendee_no_delete BEFORE DELETE ON attendee
BEGIN SELECT RAISE(ABORT, 'attendees are never deleted'); END;
CREATE TRIGGER agenda_slot_prepared_no_update
BEFORE UPDATE OF meeting_id, position, unit_id, name, post, supervisor, report_minutes,
                 written_only ON agenda_slot
BEGIN SELECT RAISE(ABORT, 'agenda changes are new rows in agenda_change'); END;
CREATE TRIGGER agenda_slot_no_delete BEFORE DELETE ON agenda_slot
BEGIN SELECT RAISE(ABORT, 'officials are never deleted from the agenda'); END;
CREATE TRIGGER meeting_finished_once BEFORE UPDATE OF finished_at ON meeting
WHEN OLD.finished_at IS NOT NULL AND NEW.finished_at IS NOT OLD.finished_at
BEGIN SELECT RAISE(ABORT, 'the meeting has ended: its end is recorded once'); END;

CREATE VIEW question_now AS
SELECT q.id, q.slot_id, q.position, q.prepared, q.created_at,
       CASE WHEN c.id IS NULL THEN q.asker ELSE c.asker END AS asker,
       CASE WHEN c.id IS NULL THEN q.text ELSE c.text END AS text,
       CASE WHEN c.id IS NULL THEN q.asked_at ELSE c.asked_at END AS asked_at,
       CASE WHEN c.id IS NULL THEN q.needs_written_reply ELSE c.needs_written_reply END
           AS needs_written_reply,
       ifnull(c.withdrawn, 0) AS withdrawn
FROM question q
LEFT JOIN question_change c
       ON c.id = (SELECT max(id) FROM question_change WHERE question_id = q.id);

CREATE VIEW duty_item_now AS
SELECT d.id, d.slot_id, d.position, d.added_at,
       CASE WHEN c.id IS NULL THEN d.source ELSE c.source END AS source,
       CASE WHEN c.id IS NULL THEN d.quarter ELSE c.quarter END AS quarter,
       CASE WHEN c.id IS NULL THEN d.text ELSE c.text END AS text,
       CASE WHEN c.id IS NULL THEN d.progress ELSE c.progress END AS progress,
       CASE WHEN c.id IS NULL THEN d.status ELSE c.status END AS status,
       ifnull(c.withdrawn, 0) AS withdrawn
FROM duty_item d
LEFT JOIN duty_item_change c
       ON c.id = (SELECT max(id) FROM duty_item_change WHERE duty_item_id = d.id);

CREATE VIEW risk_point_now AS
SELECT r.id, r.slot_id, r.position, r.added_at,
       CASE WHEN c.id IS NULL THEN r.text ELSE c.text END AS text,
       CASE WHEN c.id IS NULL THEN r.level ELSE c.level END AS level,
       CASE WHEN c.id IS NULL THEN r.measures ELSE c.measures END AS measures,
       CASE WHEN c.id IS NULL THEN r.rules ELSE c.rules END AS rules,
       ifnull(c.withdrawn, 0) AS withdrawn
FROM risk_point r
LEFT JOIN risk_point_change c
       ON c.id = (SELECT max(id) FROM risk_point_change WHERE risk_point_id = r.id);

CREATE VIEW agenda_now AS
SELECT s.id, s.meeting_id, s.unit_id, s.stage, s.skip_reason,
       CASE WHEN c.id IS NULL THEN s.position ELSE c.position END AS position,
       CASE WHEN c.id IS NULL THEN s.name ELSE c.name END AS name,
       CASE WHEN c.id IS NULL THEN s.post ELSE c.post END AS post,
       CASE WHEN c.id IS NULL THEN s.supervisor ELSE c.supervisor END AS supervisor,
       CASE WHEN c.id IS NULL THEN s.report_minutes ELSE c.report_minutes END AS report_minutes,
       CASE WHEN c.id IS NULL THEN s.written_only ELSE c.written_only END AS written_only,
       ifnull(c.withdrawn, 0) AS withdrawn
FROM agenda_slot s
LEFT JOIN agenda_change c
       ON c.id = (SELECT max(id) FROM agenda_change WHERE slot_id = s.id);

CREATE VIEW attendee_now AS
SELECT a.id, a.meeting_id, a.position, a.name, a.post, a.added_at,
       CASE WHEN c.id IS NULL THEN a.attendance ELSE c.attendance END AS attendance,
       CASE WHEN c.id IS NULL THEN a.reason ELSE c.reason END AS reason,
       c.arrived_at, c.left_at
FROM attendee a
LEFT JOIN attendee_change c
       ON c.id = (SELECT max(id) FROM attendee_change WHERE attendee_id = a.id);
"#;

/// What the recorder can now put right, and the day a meeting was really held:
/// - a follow-up's source and question are corrected like its other fields: rows of
///   `follow_up_change` written from now on hold them (`source` is never NULL in them);
///   older rows, where it is NULL, leave both as raised;
/// - a meeting held on another day than the one prepared gets its date moved by a new row
///   in `meeting_change`, the newest being its date (`meeting_now`); the prepared date stays
///   in `meeting` (`prepared_on` in the view).
const V8: &str = r#"
ALTER TABLE follow_up_change ADD COLUMN source TEXT
    CHECK (source IN ('question', 'remarks', 'rating', 'feedback'));
ALTER TABLE follow_up_change ADD COLUMN question_id INTEGER REFERENCES question(id);

DROP VIEW follow_up_now;
CREATE VIEW follow_up_now AS
SELECT f.id, f.unit_id, f.slot_id, f.meeting_id,
       CASE WHEN c.source IS NULL THEN f.source ELSE c.source END AS source,
       CASE WHEN c.source IS NULL THEN f.question_id ELSE c.question_id END AS question_id,
       f.raised_on, f.created_at,
       CASE WHEN c.id IS NULL THEN f.category ELSE c.category END AS category,
       CASE WHEN c.id IS NULL THEN f.problem ELSE c.problem END AS problem,
       CASE WHEN c.id IS NULL THEN f.task ELSE c.task END AS task,
       CASE WHEN c.id IS NULL THEN f.measure ELSE c.measure END AS measure,
       CASE WHEN c.id IS NULL THEN f.lead ELSE c.lead END AS lead,
       CASE WHEN c.id IS NULL THEN f.owner ELSE c.owner END AS owner,
       CASE WHEN c.id IS NULL THEN f.deadline ELSE c.deadline END AS deadline,
       CASE WHEN c.id IS NULL THEN f.mode ELSE c.mode END AS mode,
       CASE WHEN c.id IS NULL THEN f.progress ELSE c.progress END AS progress,
       CASE WHEN c.id IS NULL THEN f.status ELSE c.status END AS status,
       CASE WHEN c.id IS NULL THEN f.copied_to ELSE c.copied_to END AS copied_to
FROM follow_up f
LEFT JOIN follow_up_change c
       ON c.id = (SELECT max(id) FROM follow_up_change WHERE follow_up_id = f.id);

-- The meeting's date moved to the day it was held: each row the date from then on.
CREATE TABLE meeting_change (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
    held_on    TEXT NOT NULL,                 -- local date, YYYY-MM-DD
    changed_at TEXT NOT NULL
);
CREATE INDEX meeting_change_target ON meeting_change(meeting_id, id);
CREATE TRIGGER meeting_change_no_update BEFORE UPDATE ON meeting_change
BEGIN SELECT RAISE(ABORT, 'meeting_change is append-only'); END;
CREATE TRIGGER meeting_change_no_delete BEFORE DELETE ON meeting_change
BEGIN SELECT RAISE(ABORT, 'meeting_change is append-only'); END;
CREATE TRIGGER meeting_held_on_no_update BEFORE UPDATE OF held_on ON meeting
BEGIN SELECT RAISE(ABORT, 'a meeting date moves by a new row in meeting_change'); END;

CREATE VIEW meeting_now AS
SELECT m.id, m.title,
       CASE WHEN c.id IS NULL THEN m.held_on ELSE c.held_on END AS held_on,
       m.held_on AS prepared_on,
       m.starts_at, m.place, m.chair, m.chair_post, m.recorder, m.created_at, m.finished_at,
       m.scrutineers, m.questions_minutes, m.remarks_minutes, m.rating_minutes,
       m.follow_ups_minutes
FROM meeting m
LEFT JOIN meeting_change c
       ON c.id = (SELECT max(id) FROM meeting_change WHERE meeting_id = m.id);
"#;

/// What the documents need to say only what was recorded, and what a prep update needs to
/// leave the meeting alone:
/// - a 书面质询's reason, when the recorder chose one (`written_reason`, empty: none);
/// - where each correction came from (`origin`: the console, or `import --update`);
/// - a follow-up's identity across meetings (`key`), written into an exported prep, so that
///   the next meeting's import finds it instead of copying it; rows from before get one.
const V9: &str = r#"
ALTER TABLE question_change ADD COLUMN written_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE question_change ADD COLUMN origin TEXT NOT NULL DEFAULT 'console'
    CHECK (origin IN ('console', 'import'));
ALTER TABLE duty_item_change ADD COLUMN origin TEXT NOT NULL DEFAULT 'console'
    CHECK (origin IN ('console', 'import'));
ALTER TABLE risk_point_change ADD COLUMN origin TEXT NOT NULL DEFAULT 'console'
    CHECK (origin IN ('console', 'import'));
ALTER TABLE agenda_change ADD COLUMN origin TEXT NOT NULL DEFAULT 'console'
    CHECK (origin IN ('console', 'import'));
ALTER TABLE attendee_change ADD COLUMN origin TEXT NOT NULL DEFAULT 'console'
    CHECK (origin IN ('console', 'import'));
ALTER TABLE follow_up_change ADD COLUMN origin TEXT NOT NULL DEFAULT 'console'
    CHECK (origin IN ('console', 'import'));
ALTER TABLE duty_item ADD COLUMN added_by TEXT NOT NULL DEFAULT 'import'
    CHECK (added_by IN ('console', 'import'));
ALTER TABLE risk_point ADD COLUMN added_by TEXT NOT NULL DEFAULT 'import'
    CHECK (added_by IN ('console', 'import'));
ALTER TABLE attendee ADD COLUMN added_by TEXT NOT NULL DEFAULT 'import'
    CHECK (added_by IN ('console', 'import'));

ALTER TABLE follow_up ADD COLUMN key TEXT;
DROP TRIGGER follow_up_no_update;
UPDATE follow_up SET key = lower(hex(randomblob(16))) WHERE key IS NULL;
CREATE TRIGGER follow_up_no_update BEFORE UPDATE ON follow_up
BEGIN SELECT RAISE(ABORT, 'follow_up changes are new rows in follow_up_change'); END;
CREATE UNIQUE INDEX follow_up_key ON follow_up(key);
CREATE TRIGGER follow_up_has_key BEFORE INSERT ON follow_up WHEN NEW.key IS NULL
BEGIN SELECT RAISE(ABORT, 'a follow-up needs its key'); END;

DROP VIEW question_now;
CREATE VIEW question_now AS
SELECT q.id, q.slot_id, q.position, q.prepared, q.created_at,
       CASE WHEN c.id IS NULL THEN q.asker ELSE c.asker END AS asker,
       CASE WHEN c.id IS NULL THEN q.text ELSE c.text END AS text,
       CASE WHEN c.id IS NULL THEN q.asked_at ELSE c.asked_at END AS asked_at,
       CASE WHEN c.id IS NULL THEN q.needs_written_reply ELSE c.needs_written_reply END
           AS needs_written_reply,
       ifnull(c.withdrawn, 0) AS withdrawn,
       ifnull(c.written_reason, '') AS written_reason
FROM question q
LEFT JOIN question_change c
       ON c.id = (SELECT max(id) FROM question_change WHERE question_id = q.id);

DROP VIEW follow_up_now;
CREATE VIEW follow_up_now AS
SELECT f.id, f.unit_id, f.slot_id, f.meeting_id,
       CASE WHEN c.source IS NULL THEN f.source ELSE c.source END AS source,
       CASE WHEN c.source IS NULL THEN f.question_id ELSE c.question_id END AS question_id,
       f.raised_on, f.created_at, f.key,
       CASE WHEN c.id IS NULL THEN f.category ELSE c.category END AS category,
       CASE WHEN c.id IS NULL THEN f.problem ELSE c.problem END AS problem,
       CASE WHEN c.id IS NULL THEN f.task ELSE c.task END AS task,
       CASE WHEN c.id IS NULL THEN f.measure ELSE c.measure END AS measure,
       CASE WHEN c.id IS NULL THEN f.lead ELSE c.lead END AS lead,
       CASE WHEN c.id IS NULL THEN f.owner ELSE c.owner END AS owner,
       CASE WHEN c.id IS NULL THEN f.deadline ELSE c.deadline END AS deadline,
       CASE WHEN c.id IS NULL THEN f.mode ELSE c.mode END AS mode,
       CASE WHEN c.id IS NULL THEN f.progress ELSE c.progress END AS progress,
       CASE WHEN c.id IS NULL THEN f.status ELSE c.status END AS status,
       CASE WHEN c.id IS NULL THEN f.copied_to ELSE c.copied_to END AS copied_to
FROM follow_up f
LEFT JOIN follow_up_change c
       ON c.id = (SELECT max(id) FROM follow_up_change WHERE follow_up_id = f.id);
"#;

/// A draft written as what changed: typing in a long answer rewrote the whole of it on
/// every keystroke (a 1.5 MB answer: 2.8 MB written per key, 103-160 ms). The draft as it
/// stands is its body's first `head` bytes, then `middle`, then the body's last `tail`
/// bytes; each keystroke rewrites only this small row. The body is written again, and the
/// row dropped, when the edit grows past a few kilobytes and when the text is kept as a
/// revision (`storage::draft`). `text_draft_now` is every draft as it stands.
const V10: &str = r#"
CREATE TABLE text_draft_edit (
    kind         TEXT NOT NULL CHECK (kind IN ('answer', 'remarks', 'note', 'closing')),
    owner_id     INTEGER NOT NULL,
    question_key INTEGER NOT NULL,
    head         INTEGER NOT NULL CHECK (head >= 0),
    tail         INTEGER NOT NULL CHECK (tail >= 0),
    middle       TEXT NOT NULL,
    saved_at     TEXT NOT NULL,
    PRIMARY KEY (kind, owner_id, question_key)
);

CREATE VIEW text_draft_now AS
SELECT d.kind, d.slot_id, d.meeting_id, d.question_id, d.owner_id, d.question_key,
       CASE WHEN e.kind IS NULL THEN d.body
            ELSE CAST(substr(CAST(d.body AS BLOB), 1, e.head) AS TEXT) || e.middle
                 || CAST(substr(CAST(d.body AS BLOB),
                                length(CAST(d.body AS BLOB)) - e.tail + 1, e.tail) AS TEXT)
       END AS body,
       coalesce(e.saved_at, d.saved_at) AS saved_at
FROM text_draft d
LEFT JOIN text_draft_edit e
       ON e.kind = d.kind AND e.owner_id = d.owner_id AND e.question_key = d.question_key;
"#;

/// Each step applied to the file, with the SHA-256 of its text (`storage::steps`): a file
/// made by a build whose step differs is noticed and refused.
const V11: &str = r#"
CREATE TABLE schema_step (
    step       INTEGER PRIMARY KEY,
    sha256     TEXT NOT NULL,
    applied_at TEXT NOT NULL,                 -- UTC, RFC 3339
    how        TEXT NOT NULL CHECK (how IN ('applied', 'before'))
);
CREATE TRIGGER schema_step_no_update BEFORE UPDATE ON schema_step
BEGIN SELECT RAISE(ABORT, 'schema_step is append-only'); END;
CREATE TRIGGER schema_step_no_delete BEFORE DELETE ON schema_step
BEGIN SELECT RAISE(ABORT, 'schema_step is append-only'); END;
"#;

/// What the room sees (`domain::RoomView`), its own record apart from the recorder's resume
/// point: written by the console, read by `shuze present`. One row per meeting, in columns;
/// `version` is the record's format (1). A file recorded before it takes the room from the
/// recorder's saved place.
const V12: &str = r#"
CREATE TABLE room_view (
    meeting_id INTEGER PRIMARY KEY REFERENCES meeting(id),
    version    INTEGER NOT NULL,
    slot_id    INTEGER REFERENCES agenda_slot(id),  -- the official on screen
    question   INTEGER NOT NULL,                  -- the question shown, by its place (0 first)
    follow_up  INTEGER NOT NULL,                  -- the follow-up whose page is shown, likewise
    picture    TEXT NOT NULL,                     -- domain::Picture, kebab-case
    blank      INTEGER NOT NULL CHECK (blank IN (0, 1)),
    answers    INTEGER NOT NULL CHECK (answers IN (0, 1)),
    resume_at  TEXT,                              -- UTC, RFC 3339
    serial     INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO room_view (meeting_id, version, slot_id, question, follow_up, picture, blank, answers,
                       resume_at, serial, updated_at)
SELECT c.meeting_id, 1,
       (SELECT s.id FROM agenda_slot s WHERE s.id = json_extract(c.state, '$.slot')),
       coalesce(json_extract(c.state, '$.selected[0]'), 0),
       coalesce(json_extract(c.state, '$.selected[4]'), 0),
       coalesce(json_extract(c.state, '$.room.picture'), 'card'),
       coalesce(json_extract(c.state, '$.room.blank'), 0),
       coalesce(json_extract(c.state, '$.room.answers'), 0),
       json_extract(c.state, '$.room.resume_at'),
       coalesce(json_extract(c.state, '$.room.serial'), 0),
       c.updated_at
FROM console_state c
WHERE json_valid(c.state);
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Word;
    use crate::domain::{
        Attendance, DutySource, DutyStatus, FollowUpMode, FollowUpSource, FollowUpStatus,
        RiskLevel, Stage,
    };

    /// Every enum column, and the words the code stores in it.
    fn enum_columns() -> Vec<(&'static str, &'static [&'static str])> {
        vec![
            ("attendance IN", Attendance::WORDS),
            ("source IN", DutySource::WORDS),
            ("status IN", DutyStatus::WORDS),
            ("level IN", RiskLevel::WORDS),
            ("source IN", FollowUpSource::WORDS),
            ("mode IN", FollowUpMode::WORDS),
            ("status IN", FollowUpStatus::WORDS),
            ("NEW.stage NOT IN", Stage::WORDS),
        ]
    }

    #[test]
    fn every_enum_column_accepts_exactly_the_words_the_code_stores() {
        let schema = MIGRATIONS.concat();
        for (column, names) in enum_columns() {
            let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
            let list = format!("{column} ({})", quoted.join(", "));
            assert!(schema.contains(&list), "the schema lacks {list}");
        }
    }
}
