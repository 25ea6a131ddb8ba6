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
pub const MIGRATIONS: &[&str] = &[
    V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16,
];

/// Every table the newest schema has, found by building it in memory once.
pub fn expected_tables() -> &'static [String] {
    static TABLES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let build = || -> rusqlite::Result<Vec<String>> {
            let conn = rusqlite::Connection::open_in_memory()?;
            super::chain::register(&conn)?;
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
    super::chain::register(&conn)?;
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

/// The tamper-evident record (`storage::chain`): every row written to a recording table
/// appends an entry to `chain_entry` holding the SHA-256 of the row and of the entry
/// before, by the triggers below (`shuze_sha256` is registered by the program on each
/// connection, so a tool without it cannot write these tables without dropping a trigger);
/// exports are recorded in `export_made`. The rows a file held before this step are entered
/// as they stood, after a `start` entry.
const V12: &str = r#"
CREATE TABLE chain_entry (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl     TEXT NOT NULL,
    row_id  INTEGER NOT NULL,
    op      TEXT NOT NULL CHECK (op IN ('start', 'before', 'insert', 'update', 'delete')),
    content TEXT NOT NULL,                  -- shuze_sha256 of the row's columns
    at      TEXT NOT NULL,                  -- UTC, RFC 3339
    prev    TEXT NOT NULL,                  -- the hash of the entry before ('' for the first)
    hash    TEXT NOT NULL                   -- shuze_sha256(prev, seq, tbl, row_id, op, content, at)
);
CREATE TRIGGER chain_entry_no_update BEFORE UPDATE ON chain_entry
BEGIN SELECT RAISE(ABORT, 'chain_entry is append-only'); END;
CREATE TRIGGER chain_entry_no_delete BEFORE DELETE ON chain_entry
BEGIN SELECT RAISE(ABORT, 'chain_entry is append-only'); END;

-- The one way an entry is made: the next number, the last hash and the time are taken here.
CREATE VIEW chain_append AS SELECT tbl, row_id, op, content FROM chain_entry WHERE 0;
CREATE TRIGGER chain_append_insert INSTEAD OF INSERT ON chain_append
BEGIN
    INSERT INTO chain_entry (seq, tbl, row_id, op, content, at, prev, hash)
    SELECT s, NEW.tbl, NEW.row_id, NEW.op, NEW.content, a, p,
           shuze_sha256(p, s, NEW.tbl, NEW.row_id, NEW.op, NEW.content, a)
    FROM (SELECT coalesce((SELECT max(seq) FROM chain_entry), 0) + 1 AS s,
                 coalesce((SELECT hash FROM chain_entry ORDER BY seq DESC LIMIT 1), '') AS p,
                 strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS a);
END;

-- Each export: what, for which meeting, where, under which mark, and the record's hash it
-- printed.
CREATE TABLE export_made (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER REFERENCES meeting(id),
    kind        TEXT NOT NULL,
    format      TEXT NOT NULL,
    path        TEXT NOT NULL,
    mark        TEXT NOT NULL,
    record_hash TEXT NOT NULL,
    made_at     TEXT NOT NULL
);
CREATE TRIGGER export_made_no_update BEFORE UPDATE ON export_made
BEGIN SELECT RAISE(ABORT, 'export_made is append-only'); END;
CREATE TRIGGER export_made_no_delete BEFORE DELETE ON export_made
BEGIN SELECT RAISE(ABORT, 'export_made is append-only'); END;

-- The chain starts here; the rows already in the file are entered as they stand.
INSERT INTO chain_append VALUES ('chain', 12, 'start', shuze_sha256('start', 12));
INSERT INTO chain_append SELECT 'agenda_change', rowid, 'before', shuze_sha256(id, slot_id, position, name, post, supervisor, report_minutes, written_only, withdrawn, changed_at, origin) FROM agenda_change;
INSERT INTO chain_append SELECT 'agenda_slot', rowid, 'before', shuze_sha256(id, meeting_id, position, unit_id, name, post, supervisor, report_minutes, written_only, stage, skip_reason) FROM agenda_slot;
INSERT INTO chain_append SELECT 'attendee', rowid, 'before', shuze_sha256(id, meeting_id, position, name, post, attendance, reason, added_at, added_by) FROM attendee;
INSERT INTO chain_append SELECT 'attendee_change', rowid, 'before', shuze_sha256(id, attendee_id, attendance, reason, arrived_at, left_at, changed_at, origin) FROM attendee_change;
INSERT INTO chain_append SELECT 'duty_item', rowid, 'before', shuze_sha256(id, slot_id, position, source, quarter, text, progress, status, added_at, added_by) FROM duty_item;
INSERT INTO chain_append SELECT 'duty_item_change', rowid, 'before', shuze_sha256(id, duty_item_id, source, quarter, text, progress, status, withdrawn, changed_at, origin) FROM duty_item_change;
INSERT INTO chain_append SELECT 'follow_up', rowid, 'before', shuze_sha256(id, unit_id, slot_id, meeting_id, source, question_id, category, problem, task, measure, lead, owner, deadline, mode, progress, status, copied_to, raised_on, created_at, key) FROM follow_up;
INSERT INTO chain_append SELECT 'follow_up_change', rowid, 'before', shuze_sha256(id, follow_up_id, slot_id, category, problem, task, measure, lead, owner, deadline, mode, progress, status, copied_to, changed_at, source, question_id, origin) FROM follow_up_change;
INSERT INTO chain_append SELECT 'meeting', rowid, 'before', shuze_sha256(id, title, held_on, starts_at, place, chair, chair_post, recorder, created_at, finished_at, scrutineers, questions_minutes, remarks_minutes, rating_minutes, follow_ups_minutes) FROM meeting;
INSERT INTO chain_append SELECT 'meeting_change', rowid, 'before', shuze_sha256(id, meeting_id, held_on, changed_at) FROM meeting_change;
INSERT INTO chain_append SELECT 'meeting_revision', rowid, 'before', shuze_sha256(id, meeting_id, kind, body, saved_at) FROM meeting_revision;
INSERT INTO chain_append SELECT 'question', rowid, 'before', shuze_sha256(id, slot_id, position, asker, text, prepared, asked_at, needs_written_reply, created_at) FROM question;
INSERT INTO chain_append SELECT 'question_change', rowid, 'before', shuze_sha256(id, question_id, asker, text, asked_at, needs_written_reply, withdrawn, changed_at, written_reason, origin) FROM question_change;
INSERT INTO chain_append SELECT 'rating', rowid, 'before', shuze_sha256(slot_id, round, voters, excellent, good, fair, poor, recorded_at) FROM rating;
INSERT INTO chain_append SELECT 'risk_point', rowid, 'before', shuze_sha256(id, slot_id, position, text, level, measures, rules, added_at, added_by) FROM risk_point;
INSERT INTO chain_append SELECT 'risk_point_change', rowid, 'before', shuze_sha256(id, risk_point_id, text, level, measures, rules, withdrawn, changed_at, origin) FROM risk_point_change;
INSERT INTO chain_append SELECT 'stage_change', rowid, 'before', shuze_sha256(id, slot_id, from_stage, to_stage, at) FROM stage_change;
INSERT INTO chain_append SELECT 'stage_timing', rowid, 'before', shuze_sha256(slot_id, stage, started_at, ended_at, accumulated_ms, running_since) FROM stage_timing;
INSERT INTO chain_append SELECT 'text_revision', rowid, 'before', shuze_sha256(id, kind, slot_id, question_id, body, saved_at) FROM text_revision;
INSERT INTO chain_append SELECT 'unit', rowid, 'before', shuze_sha256(id, name) FROM unit;
CREATE TRIGGER agenda_change_chain_insert AFTER INSERT ON agenda_change BEGIN
    INSERT INTO chain_append VALUES ('agenda_change', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.name, NEW.post, NEW.supervisor, NEW.report_minutes, NEW.written_only, NEW.withdrawn, NEW.changed_at, NEW.origin));
END;
CREATE TRIGGER agenda_change_chain_update AFTER UPDATE ON agenda_change BEGIN
    INSERT INTO chain_append VALUES ('agenda_change', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.name, NEW.post, NEW.supervisor, NEW.report_minutes, NEW.written_only, NEW.withdrawn, NEW.changed_at, NEW.origin));
END;
CREATE TRIGGER agenda_change_chain_delete AFTER DELETE ON agenda_change BEGIN
    INSERT INTO chain_append VALUES ('agenda_change', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.slot_id, OLD.position, OLD.name, OLD.post, OLD.supervisor, OLD.report_minutes, OLD.written_only, OLD.withdrawn, OLD.changed_at, OLD.origin));
END;
CREATE TRIGGER agenda_slot_chain_insert AFTER INSERT ON agenda_slot BEGIN
    INSERT INTO chain_append VALUES ('agenda_slot', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.meeting_id, NEW.position, NEW.unit_id, NEW.name, NEW.post, NEW.supervisor, NEW.report_minutes, NEW.written_only, NEW.stage, NEW.skip_reason));
END;
CREATE TRIGGER agenda_slot_chain_update AFTER UPDATE ON agenda_slot BEGIN
    INSERT INTO chain_append VALUES ('agenda_slot', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.meeting_id, NEW.position, NEW.unit_id, NEW.name, NEW.post, NEW.supervisor, NEW.report_minutes, NEW.written_only, NEW.stage, NEW.skip_reason));
END;
CREATE TRIGGER agenda_slot_chain_delete AFTER DELETE ON agenda_slot BEGIN
    INSERT INTO chain_append VALUES ('agenda_slot', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.meeting_id, OLD.position, OLD.unit_id, OLD.name, OLD.post, OLD.supervisor, OLD.report_minutes, OLD.written_only, OLD.stage, OLD.skip_reason));
END;
CREATE TRIGGER attendee_chain_insert AFTER INSERT ON attendee BEGIN
    INSERT INTO chain_append VALUES ('attendee', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.meeting_id, NEW.position, NEW.name, NEW.post, NEW.attendance, NEW.reason, NEW.added_at, NEW.added_by));
END;
CREATE TRIGGER attendee_chain_update AFTER UPDATE ON attendee BEGIN
    INSERT INTO chain_append VALUES ('attendee', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.meeting_id, NEW.position, NEW.name, NEW.post, NEW.attendance, NEW.reason, NEW.added_at, NEW.added_by));
END;
CREATE TRIGGER attendee_chain_delete AFTER DELETE ON attendee BEGIN
    INSERT INTO chain_append VALUES ('attendee', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.meeting_id, OLD.position, OLD.name, OLD.post, OLD.attendance, OLD.reason, OLD.added_at, OLD.added_by));
END;
CREATE TRIGGER attendee_change_chain_insert AFTER INSERT ON attendee_change BEGIN
    INSERT INTO chain_append VALUES ('attendee_change', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.attendee_id, NEW.attendance, NEW.reason, NEW.arrived_at, NEW.left_at, NEW.changed_at, NEW.origin));
END;
CREATE TRIGGER attendee_change_chain_update AFTER UPDATE ON attendee_change BEGIN
    INSERT INTO chain_append VALUES ('attendee_change', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.attendee_id, NEW.attendance, NEW.reason, NEW.arrived_at, NEW.left_at, NEW.changed_at, NEW.origin));
END;
CREATE TRIGGER attendee_change_chain_delete AFTER DELETE ON attendee_change BEGIN
    INSERT INTO chain_append VALUES ('attendee_change', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.attendee_id, OLD.attendance, OLD.reason, OLD.arrived_at, OLD.left_at, OLD.changed_at, OLD.origin));
END;
CREATE TRIGGER duty_item_chain_insert AFTER INSERT ON duty_item BEGIN
    INSERT INTO chain_append VALUES ('duty_item', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.source, NEW.quarter, NEW.text, NEW.progress, NEW.status, NEW.added_at, NEW.added_by));
END;
CREATE TRIGGER duty_item_chain_update AFTER UPDATE ON duty_item BEGIN
    INSERT INTO chain_append VALUES ('duty_item', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.source, NEW.quarter, NEW.text, NEW.progress, NEW.status, NEW.added_at, NEW.added_by));
END;
CREATE TRIGGER duty_item_chain_delete AFTER DELETE ON duty_item BEGIN
    INSERT INTO chain_append VALUES ('duty_item', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.slot_id, OLD.position, OLD.source, OLD.quarter, OLD.text, OLD.progress, OLD.status, OLD.added_at, OLD.added_by));
END;
CREATE TRIGGER duty_item_change_chain_insert AFTER INSERT ON duty_item_change BEGIN
    INSERT INTO chain_append VALUES ('duty_item_change', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.duty_item_id, NEW.source, NEW.quarter, NEW.text, NEW.progress, NEW.status, NEW.withdrawn, NEW.changed_at, NEW.origin));
END;
CREATE TRIGGER duty_item_change_chain_update AFTER UPDATE ON duty_item_change BEGIN
    INSERT INTO chain_append VALUES ('duty_item_change', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.duty_item_id, NEW.source, NEW.quarter, NEW.text, NEW.progress, NEW.status, NEW.withdrawn, NEW.changed_at, NEW.origin));
END;
CREATE TRIGGER duty_item_change_chain_delete AFTER DELETE ON duty_item_change BEGIN
    INSERT INTO chain_append VALUES ('duty_item_change', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.duty_item_id, OLD.source, OLD.quarter, OLD.text, OLD.progress, OLD.status, OLD.withdrawn, OLD.changed_at, OLD.origin));
END;
CREATE TRIGGER follow_up_chain_insert AFTER INSERT ON follow_up BEGIN
    INSERT INTO chain_append VALUES ('follow_up', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.unit_id, NEW.slot_id, NEW.meeting_id, NEW.source, NEW.question_id, NEW.category, NEW.problem, NEW.task, NEW.measure, NEW.lead, NEW.owner, NEW.deadline, NEW.mode, NEW.progress, NEW.status, NEW.copied_to, NEW.raised_on, NEW.created_at, NEW.key));
END;
CREATE TRIGGER follow_up_chain_update AFTER UPDATE ON follow_up BEGIN
    INSERT INTO chain_append VALUES ('follow_up', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.unit_id, NEW.slot_id, NEW.meeting_id, NEW.source, NEW.question_id, NEW.category, NEW.problem, NEW.task, NEW.measure, NEW.lead, NEW.owner, NEW.deadline, NEW.mode, NEW.progress, NEW.status, NEW.copied_to, NEW.raised_on, NEW.created_at, NEW.key));
END;
CREATE TRIGGER follow_up_chain_delete AFTER DELETE ON follow_up BEGIN
    INSERT INTO chain_append VALUES ('follow_up', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.unit_id, OLD.slot_id, OLD.meeting_id, OLD.source, OLD.question_id, OLD.category, OLD.problem, OLD.task, OLD.measure, OLD.lead, OLD.owner, OLD.deadline, OLD.mode, OLD.progress, OLD.status, OLD.copied_to, OLD.raised_on, OLD.created_at, OLD.key));
END;
CREATE TRIGGER follow_up_change_chain_insert AFTER INSERT ON follow_up_change BEGIN
    INSERT INTO chain_append VALUES ('follow_up_change', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.follow_up_id, NEW.slot_id, NEW.category, NEW.problem, NEW.task, NEW.measure, NEW.lead, NEW.owner, NEW.deadline, NEW.mode, NEW.progress, NEW.status, NEW.copied_to, NEW.changed_at, NEW.source, NEW.question_id, NEW.origin));
END;
CREATE TRIGGER follow_up_change_chain_update AFTER UPDATE ON follow_up_change BEGIN
    INSERT INTO chain_append VALUES ('follow_up_change', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.follow_up_id, NEW.slot_id, NEW.category, NEW.problem, NEW.task, NEW.measure, NEW.lead, NEW.owner, NEW.deadline, NEW.mode, NEW.progress, NEW.status, NEW.copied_to, NEW.changed_at, NEW.source, NEW.question_id, NEW.origin));
END;
CREATE TRIGGER follow_up_change_chain_delete AFTER DELETE ON follow_up_change BEGIN
    INSERT INTO chain_append VALUES ('follow_up_change', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.follow_up_id, OLD.slot_id, OLD.category, OLD.problem, OLD.task, OLD.measure, OLD.lead, OLD.owner, OLD.deadline, OLD.mode, OLD.progress, OLD.status, OLD.copied_to, OLD.changed_at, OLD.source, OLD.question_id, OLD.origin));
END;
CREATE TRIGGER meeting_chain_insert AFTER INSERT ON meeting BEGIN
    INSERT INTO chain_append VALUES ('meeting', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.title, NEW.held_on, NEW.starts_at, NEW.place, NEW.chair, NEW.chair_post, NEW.recorder, NEW.created_at, NEW.finished_at, NEW.scrutineers, NEW.questions_minutes, NEW.remarks_minutes, NEW.rating_minutes, NEW.follow_ups_minutes));
END;
CREATE TRIGGER meeting_chain_update AFTER UPDATE ON meeting BEGIN
    INSERT INTO chain_append VALUES ('meeting', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.title, NEW.held_on, NEW.starts_at, NEW.place, NEW.chair, NEW.chair_post, NEW.recorder, NEW.created_at, NEW.finished_at, NEW.scrutineers, NEW.questions_minutes, NEW.remarks_minutes, NEW.rating_minutes, NEW.follow_ups_minutes));
END;
CREATE TRIGGER meeting_chain_delete AFTER DELETE ON meeting BEGIN
    INSERT INTO chain_append VALUES ('meeting', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.title, OLD.held_on, OLD.starts_at, OLD.place, OLD.chair, OLD.chair_post, OLD.recorder, OLD.created_at, OLD.finished_at, OLD.scrutineers, OLD.questions_minutes, OLD.remarks_minutes, OLD.rating_minutes, OLD.follow_ups_minutes));
END;
CREATE TRIGGER meeting_change_chain_insert AFTER INSERT ON meeting_change BEGIN
    INSERT INTO chain_append VALUES ('meeting_change', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.meeting_id, NEW.held_on, NEW.changed_at));
END;
CREATE TRIGGER meeting_change_chain_update AFTER UPDATE ON meeting_change BEGIN
    INSERT INTO chain_append VALUES ('meeting_change', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.meeting_id, NEW.held_on, NEW.changed_at));
END;
CREATE TRIGGER meeting_change_chain_delete AFTER DELETE ON meeting_change BEGIN
    INSERT INTO chain_append VALUES ('meeting_change', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.meeting_id, OLD.held_on, OLD.changed_at));
END;
CREATE TRIGGER meeting_revision_chain_insert AFTER INSERT ON meeting_revision BEGIN
    INSERT INTO chain_append VALUES ('meeting_revision', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.meeting_id, NEW.kind, NEW.body, NEW.saved_at));
END;
CREATE TRIGGER meeting_revision_chain_update AFTER UPDATE ON meeting_revision BEGIN
    INSERT INTO chain_append VALUES ('meeting_revision', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.meeting_id, NEW.kind, NEW.body, NEW.saved_at));
END;
CREATE TRIGGER meeting_revision_chain_delete AFTER DELETE ON meeting_revision BEGIN
    INSERT INTO chain_append VALUES ('meeting_revision', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.meeting_id, OLD.kind, OLD.body, OLD.saved_at));
END;
CREATE TRIGGER question_chain_insert AFTER INSERT ON question BEGIN
    INSERT INTO chain_append VALUES ('question', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.asker, NEW.text, NEW.prepared, NEW.asked_at, NEW.needs_written_reply, NEW.created_at));
END;
CREATE TRIGGER question_chain_update AFTER UPDATE ON question BEGIN
    INSERT INTO chain_append VALUES ('question', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.asker, NEW.text, NEW.prepared, NEW.asked_at, NEW.needs_written_reply, NEW.created_at));
END;
CREATE TRIGGER question_chain_delete AFTER DELETE ON question BEGIN
    INSERT INTO chain_append VALUES ('question', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.slot_id, OLD.position, OLD.asker, OLD.text, OLD.prepared, OLD.asked_at, OLD.needs_written_reply, OLD.created_at));
END;
CREATE TRIGGER question_change_chain_insert AFTER INSERT ON question_change BEGIN
    INSERT INTO chain_append VALUES ('question_change', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.question_id, NEW.asker, NEW.text, NEW.asked_at, NEW.needs_written_reply, NEW.withdrawn, NEW.changed_at, NEW.written_reason, NEW.origin));
END;
CREATE TRIGGER question_change_chain_update AFTER UPDATE ON question_change BEGIN
    INSERT INTO chain_append VALUES ('question_change', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.question_id, NEW.asker, NEW.text, NEW.asked_at, NEW.needs_written_reply, NEW.withdrawn, NEW.changed_at, NEW.written_reason, NEW.origin));
END;
CREATE TRIGGER question_change_chain_delete AFTER DELETE ON question_change BEGIN
    INSERT INTO chain_append VALUES ('question_change', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.question_id, OLD.asker, OLD.text, OLD.asked_at, OLD.needs_written_reply, OLD.withdrawn, OLD.changed_at, OLD.written_reason, OLD.origin));
END;
CREATE TRIGGER rating_chain_insert AFTER INSERT ON rating BEGIN
    INSERT INTO chain_append VALUES ('rating', NEW.rowid, 'insert', shuze_sha256(NEW.slot_id, NEW.round, NEW.voters, NEW.excellent, NEW.good, NEW.fair, NEW.poor, NEW.recorded_at));
END;
CREATE TRIGGER rating_chain_update AFTER UPDATE ON rating BEGIN
    INSERT INTO chain_append VALUES ('rating', NEW.rowid, 'update', shuze_sha256(NEW.slot_id, NEW.round, NEW.voters, NEW.excellent, NEW.good, NEW.fair, NEW.poor, NEW.recorded_at));
END;
CREATE TRIGGER rating_chain_delete AFTER DELETE ON rating BEGIN
    INSERT INTO chain_append VALUES ('rating', OLD.rowid, 'delete', shuze_sha256(OLD.slot_id, OLD.round, OLD.voters, OLD.excellent, OLD.good, OLD.fair, OLD.poor, OLD.recorded_at));
END;
CREATE TRIGGER risk_point_chain_insert AFTER INSERT ON risk_point BEGIN
    INSERT INTO chain_append VALUES ('risk_point', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.text, NEW.level, NEW.measures, NEW.rules, NEW.added_at, NEW.added_by));
END;
CREATE TRIGGER risk_point_chain_update AFTER UPDATE ON risk_point BEGIN
    INSERT INTO chain_append VALUES ('risk_point', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.text, NEW.level, NEW.measures, NEW.rules, NEW.added_at, NEW.added_by));
END;
CREATE TRIGGER risk_point_chain_delete AFTER DELETE ON risk_point BEGIN
    INSERT INTO chain_append VALUES ('risk_point', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.slot_id, OLD.position, OLD.text, OLD.level, OLD.measures, OLD.rules, OLD.added_at, OLD.added_by));
END;
CREATE TRIGGER risk_point_change_chain_insert AFTER INSERT ON risk_point_change BEGIN
    INSERT INTO chain_append VALUES ('risk_point_change', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.risk_point_id, NEW.text, NEW.level, NEW.measures, NEW.rules, NEW.withdrawn, NEW.changed_at, NEW.origin));
END;
CREATE TRIGGER risk_point_change_chain_update AFTER UPDATE ON risk_point_change BEGIN
    INSERT INTO chain_append VALUES ('risk_point_change', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.risk_point_id, NEW.text, NEW.level, NEW.measures, NEW.rules, NEW.withdrawn, NEW.changed_at, NEW.origin));
END;
CREATE TRIGGER risk_point_change_chain_delete AFTER DELETE ON risk_point_change BEGIN
    INSERT INTO chain_append VALUES ('risk_point_change', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.risk_point_id, OLD.text, OLD.level, OLD.measures, OLD.rules, OLD.withdrawn, OLD.changed_at, OLD.origin));
END;
CREATE TRIGGER stage_change_chain_insert AFTER INSERT ON stage_change BEGIN
    INSERT INTO chain_append VALUES ('stage_change', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.slot_id, NEW.from_stage, NEW.to_stage, NEW.at));
END;
CREATE TRIGGER stage_change_chain_update AFTER UPDATE ON stage_change BEGIN
    INSERT INTO chain_append VALUES ('stage_change', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.slot_id, NEW.from_stage, NEW.to_stage, NEW.at));
END;
CREATE TRIGGER stage_change_chain_delete AFTER DELETE ON stage_change BEGIN
    INSERT INTO chain_append VALUES ('stage_change', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.slot_id, OLD.from_stage, OLD.to_stage, OLD.at));
END;
CREATE TRIGGER stage_timing_chain_insert AFTER INSERT ON stage_timing BEGIN
    INSERT INTO chain_append VALUES ('stage_timing', NEW.rowid, 'insert', shuze_sha256(NEW.slot_id, NEW.stage, NEW.started_at, NEW.ended_at, NEW.accumulated_ms, NEW.running_since));
END;
CREATE TRIGGER stage_timing_chain_update AFTER UPDATE ON stage_timing BEGIN
    INSERT INTO chain_append VALUES ('stage_timing', NEW.rowid, 'update', shuze_sha256(NEW.slot_id, NEW.stage, NEW.started_at, NEW.ended_at, NEW.accumulated_ms, NEW.running_since));
END;
CREATE TRIGGER stage_timing_chain_delete AFTER DELETE ON stage_timing BEGIN
    INSERT INTO chain_append VALUES ('stage_timing', OLD.rowid, 'delete', shuze_sha256(OLD.slot_id, OLD.stage, OLD.started_at, OLD.ended_at, OLD.accumulated_ms, OLD.running_since));
END;
CREATE TRIGGER text_revision_chain_insert AFTER INSERT ON text_revision BEGIN
    INSERT INTO chain_append VALUES ('text_revision', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.kind, NEW.slot_id, NEW.question_id, NEW.body, NEW.saved_at));
END;
CREATE TRIGGER text_revision_chain_update AFTER UPDATE ON text_revision BEGIN
    INSERT INTO chain_append VALUES ('text_revision', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.kind, NEW.slot_id, NEW.question_id, NEW.body, NEW.saved_at));
END;
CREATE TRIGGER text_revision_chain_delete AFTER DELETE ON text_revision BEGIN
    INSERT INTO chain_append VALUES ('text_revision', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.kind, OLD.slot_id, OLD.question_id, OLD.body, OLD.saved_at));
END;
CREATE TRIGGER unit_chain_insert AFTER INSERT ON unit BEGIN
    INSERT INTO chain_append VALUES ('unit', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.name));
END;
CREATE TRIGGER unit_chain_update AFTER UPDATE ON unit BEGIN
    INSERT INTO chain_append VALUES ('unit', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.name));
END;
CREATE TRIGGER unit_chain_delete AFTER DELETE ON unit BEGIN
    INSERT INTO chain_append VALUES ('unit', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.name));
END;
CREATE TRIGGER export_made_chain_insert AFTER INSERT ON export_made BEGIN
    INSERT INTO chain_append VALUES ('export_made', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.meeting_id, NEW.kind, NEW.format, NEW.path, NEW.mark, NEW.record_hash, NEW.made_at));
END;
CREATE TRIGGER export_made_chain_update AFTER UPDATE ON export_made BEGIN
    INSERT INTO chain_append VALUES ('export_made', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.meeting_id, NEW.kind, NEW.format, NEW.path, NEW.mark, NEW.record_hash, NEW.made_at));
END;
CREATE TRIGGER export_made_chain_delete AFTER DELETE ON export_made BEGIN
    INSERT INTO chain_append VALUES ('export_made', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.meeting_id, OLD.kind, OLD.format, OLD.path, OLD.mark, OLD.record_hash, OLD.made_at));
END;
"#;

/// Continuity between meetings (issue 22), its tables on the hash chain (step 12):
/// - `follow_up_check`: an earlier follow-up checked in this meeting (已完成, 整改中 or
///   逾期, with a comment), dated; append-only, the newest per follow-up being its mark;
/// - a deadline set as a number of working days keeps that number
///   (`follow_up.deadline_workdays`), so that the record shows both it and its date; the
///   view gives it while the deadline is still the one it made;
/// - `rating_tally`: a rating on the meeting's own scale and voter groups (the scheme is the
///   prep's, in `setting`), one row per group and grade; a recount is a new round, never an
///   overwrite (append-only);
/// - `item_mention`: a duty item or risk point ticked as mentioned in the official's report
///   (or the tick taken back), each a row, the newest per item its state (append-only).
const V13: &str = r#"
CREATE TABLE follow_up_check (
    id           INTEGER PRIMARY KEY,
    follow_up_id INTEGER NOT NULL REFERENCES follow_up(id),
    slot_id      INTEGER NOT NULL REFERENCES agenda_slot(id),  -- the official it was checked with
    mark         TEXT NOT NULL CHECK (mark IN ('completed', 'in_progress', 'overdue')),
    comment      TEXT NOT NULL,
    checked_on   TEXT NOT NULL,                 -- local date, YYYY-MM-DD
    checked_at   TEXT NOT NULL                  -- UTC, RFC 3339
);
CREATE INDEX follow_up_check_target ON follow_up_check(follow_up_id, id);
CREATE TRIGGER follow_up_check_no_update BEFORE UPDATE ON follow_up_check
BEGIN SELECT RAISE(ABORT, 'follow_up_check is append-only: check it again'); END;
CREATE TRIGGER follow_up_check_no_delete BEFORE DELETE ON follow_up_check
BEGIN SELECT RAISE(ABORT, 'follow_up_check is append-only'); END;

DROP TRIGGER follow_up_no_update;
ALTER TABLE follow_up ADD COLUMN deadline_workdays INTEGER CHECK (deadline_workdays > 0);
CREATE TRIGGER follow_up_no_update BEFORE UPDATE ON follow_up
BEGIN SELECT RAISE(ABORT, 'follow_up changes are new rows in follow_up_change'); END;

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
       CASE WHEN c.id IS NULL THEN f.copied_to ELSE c.copied_to END AS copied_to,
       CASE WHEN c.id IS NULL OR c.deadline IS f.deadline THEN f.deadline_workdays END
           AS deadline_workdays
FROM follow_up f
LEFT JOIN follow_up_change c
       ON c.id = (SELECT max(id) FROM follow_up_change WHERE follow_up_id = f.id);

CREATE TABLE rating_tally (
    slot_id     INTEGER NOT NULL REFERENCES agenda_slot(id),
    round       INTEGER NOT NULL CHECK (round > 0),
    voter_group TEXT NOT NULL,                  -- '' for the one unnamed group
    grade       TEXT NOT NULL,
    ballots     INTEGER NOT NULL CHECK (ballots >= 0),
    recorded_at TEXT NOT NULL,                  -- UTC, RFC 3339
    PRIMARY KEY (slot_id, round, voter_group, grade)
);
CREATE TRIGGER rating_tally_no_update BEFORE UPDATE ON rating_tally
BEGIN SELECT RAISE(ABORT, 'rating_tally is append-only: a recount is a new round'); END;
CREATE TRIGGER rating_tally_no_delete BEFORE DELETE ON rating_tally
BEGIN SELECT RAISE(ABORT, 'rating_tally is append-only: rounds are never deleted'); END;

CREATE TABLE item_mention (
    id        INTEGER PRIMARY KEY,
    slot_id   INTEGER NOT NULL REFERENCES agenda_slot(id),
    kind      TEXT NOT NULL CHECK (kind IN ('duty_item', 'risk_point')),
    item_id   INTEGER NOT NULL,                 -- duty_item.id or risk_point.id
    mentioned INTEGER NOT NULL CHECK (mentioned IN (0, 1)),
    marked_at TEXT NOT NULL                     -- UTC, RFC 3339
);
CREATE INDEX item_mention_target ON item_mention(slot_id, kind, item_id, id);
CREATE TRIGGER item_mention_no_update BEFORE UPDATE ON item_mention
BEGIN SELECT RAISE(ABORT, 'item_mention is append-only: mark it again'); END;
CREATE TRIGGER item_mention_no_delete BEFORE DELETE ON item_mention
BEGIN SELECT RAISE(ABORT, 'item_mention is append-only'); END;

-- On the hash chain (step 12): follow_up's triggers hash its new column, and its rows are
-- entered again as they now stand; the new tables get their three triggers.
DROP TRIGGER follow_up_chain_insert;
DROP TRIGGER follow_up_chain_update;
DROP TRIGGER follow_up_chain_delete;
CREATE TRIGGER follow_up_chain_insert AFTER INSERT ON follow_up BEGIN
    INSERT INTO chain_append VALUES ('follow_up', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.unit_id, NEW.slot_id, NEW.meeting_id, NEW.source, NEW.question_id, NEW.category, NEW.problem, NEW.task, NEW.measure, NEW.lead, NEW.owner, NEW.deadline, NEW.mode, NEW.progress, NEW.status, NEW.copied_to, NEW.raised_on, NEW.created_at, NEW.key, NEW.deadline_workdays));
END;
CREATE TRIGGER follow_up_chain_update AFTER UPDATE ON follow_up BEGIN
    INSERT INTO chain_append VALUES ('follow_up', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.unit_id, NEW.slot_id, NEW.meeting_id, NEW.source, NEW.question_id, NEW.category, NEW.problem, NEW.task, NEW.measure, NEW.lead, NEW.owner, NEW.deadline, NEW.mode, NEW.progress, NEW.status, NEW.copied_to, NEW.raised_on, NEW.created_at, NEW.key, NEW.deadline_workdays));
END;
CREATE TRIGGER follow_up_chain_delete AFTER DELETE ON follow_up BEGIN
    INSERT INTO chain_append VALUES ('follow_up', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.unit_id, OLD.slot_id, OLD.meeting_id, OLD.source, OLD.question_id, OLD.category, OLD.problem, OLD.task, OLD.measure, OLD.lead, OLD.owner, OLD.deadline, OLD.mode, OLD.progress, OLD.status, OLD.copied_to, OLD.raised_on, OLD.created_at, OLD.key, OLD.deadline_workdays));
END;
INSERT INTO chain_append SELECT 'follow_up', rowid, 'update', shuze_sha256(id, unit_id, slot_id, meeting_id, source, question_id, category, problem, task, measure, lead, owner, deadline, mode, progress, status, copied_to, raised_on, created_at, key, deadline_workdays) FROM follow_up;
CREATE TRIGGER follow_up_check_chain_insert AFTER INSERT ON follow_up_check BEGIN
    INSERT INTO chain_append VALUES ('follow_up_check', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.follow_up_id, NEW.slot_id, NEW.mark, NEW.comment, NEW.checked_on, NEW.checked_at));
END;
CREATE TRIGGER follow_up_check_chain_update AFTER UPDATE ON follow_up_check BEGIN
    INSERT INTO chain_append VALUES ('follow_up_check', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.follow_up_id, NEW.slot_id, NEW.mark, NEW.comment, NEW.checked_on, NEW.checked_at));
END;
CREATE TRIGGER follow_up_check_chain_delete AFTER DELETE ON follow_up_check BEGIN
    INSERT INTO chain_append VALUES ('follow_up_check', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.follow_up_id, OLD.slot_id, OLD.mark, OLD.comment, OLD.checked_on, OLD.checked_at));
END;
CREATE TRIGGER rating_tally_chain_insert AFTER INSERT ON rating_tally BEGIN
    INSERT INTO chain_append VALUES ('rating_tally', NEW.rowid, 'insert', shuze_sha256(NEW.slot_id, NEW.round, NEW.voter_group, NEW.grade, NEW.ballots, NEW.recorded_at));
END;
CREATE TRIGGER rating_tally_chain_update AFTER UPDATE ON rating_tally BEGIN
    INSERT INTO chain_append VALUES ('rating_tally', NEW.rowid, 'update', shuze_sha256(NEW.slot_id, NEW.round, NEW.voter_group, NEW.grade, NEW.ballots, NEW.recorded_at));
END;
CREATE TRIGGER rating_tally_chain_delete AFTER DELETE ON rating_tally BEGIN
    INSERT INTO chain_append VALUES ('rating_tally', OLD.rowid, 'delete', shuze_sha256(OLD.slot_id, OLD.round, OLD.voter_group, OLD.grade, OLD.ballots, OLD.recorded_at));
END;
CREATE TRIGGER item_mention_chain_insert AFTER INSERT ON item_mention BEGIN
    INSERT INTO chain_append VALUES ('item_mention', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.slot_id, NEW.kind, NEW.item_id, NEW.mentioned, NEW.marked_at));
END;
CREATE TRIGGER item_mention_chain_update AFTER UPDATE ON item_mention BEGIN
    INSERT INTO chain_append VALUES ('item_mention', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.slot_id, NEW.kind, NEW.item_id, NEW.mentioned, NEW.marked_at));
END;
CREATE TRIGGER item_mention_chain_delete AFTER DELETE ON item_mention BEGIN
    INSERT INTO chain_append VALUES ('item_mention', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.slot_id, OLD.kind, OLD.item_id, OLD.mentioned, OLD.marked_at));
END;
"#;

/// What the room sees (`domain::RoomView`), its own record apart from the recorder's resume
/// point: written by the console, read by `shuze present`. One row per meeting, in columns;
/// `version` is the record's format (1). A file recorded before it takes the room from the
/// recorder's saved place.
const V14: &str = r#"
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

/// The prep's columns the program has no field for (备注, 分管领导意见 …), kept with their
/// row: `row_kind` names the row's table and `row_id` its id, `position` the column's place
/// among the row's extra fields. Written by the import and never changed (append-only); on
/// the hash chain like the prepared rows.
const V15: &str = r#"
CREATE TABLE extra_field (
    id       INTEGER PRIMARY KEY,
    row_kind TEXT NOT NULL CHECK (row_kind IN ('agenda_slot', 'duty_item', 'risk_point', 'question', 'follow_up')),
    row_id   INTEGER NOT NULL,
    position INTEGER NOT NULL CHECK (position >= 0),
    label    TEXT NOT NULL,
    value    TEXT NOT NULL,
    UNIQUE (row_kind, row_id, position)
);
CREATE TRIGGER extra_field_no_update BEFORE UPDATE ON extra_field
BEGIN SELECT RAISE(ABORT, 'extra_field is append-only'); END;
CREATE TRIGGER extra_field_no_delete BEFORE DELETE ON extra_field
BEGIN SELECT RAISE(ABORT, 'extra_field is append-only'); END;
CREATE TRIGGER extra_field_chain_insert AFTER INSERT ON extra_field BEGIN
    INSERT INTO chain_append VALUES ('extra_field', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.row_kind, NEW.row_id, NEW.position, NEW.label, NEW.value));
END;
CREATE TRIGGER extra_field_chain_update AFTER UPDATE ON extra_field BEGIN
    INSERT INTO chain_append VALUES ('extra_field', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.row_kind, NEW.row_id, NEW.position, NEW.label, NEW.value));
END;
CREATE TRIGGER extra_field_chain_delete AFTER DELETE ON extra_field BEGIN
    INSERT INTO chain_append VALUES ('extra_field', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.row_kind, OLD.row_id, OLD.position, OLD.label, OLD.value));
END;
"#;

/// The unit's political portrait (政治画像: the findings of its 政治生态分析报告, per
/// dimension) and the reminder talks (提醒谈话) held with its head, prepared per official
/// like the risk points; fixed once imported, and on the hash chain.
const V16: &str = r#"
CREATE TABLE portrait_finding (
    id         INTEGER PRIMARY KEY,
    slot_id    INTEGER NOT NULL REFERENCES agenda_slot(id),
    position   INTEGER NOT NULL,
    dimension  TEXT NOT NULL CHECK (dimension IN ('party_life', 'appointments', 'use_of_power', 'integrity', 'public_satisfaction')),
    problem    TEXT NOT NULL,
    suggestion TEXT NOT NULL DEFAULT ''
);
CREATE INDEX portrait_finding_slot ON portrait_finding(slot_id, position);
CREATE TABLE reminder_talk (
    id       INTEGER PRIMARY KEY,
    slot_id  INTEGER NOT NULL REFERENCES agenda_slot(id),
    position INTEGER NOT NULL,
    held_on  TEXT NOT NULL,                   -- local date, YYYY-MM-DD
    talker   TEXT NOT NULL,
    content  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reminder_talk_slot ON reminder_talk(slot_id, position);
CREATE TRIGGER portrait_finding_no_update BEFORE UPDATE ON portrait_finding
BEGIN SELECT RAISE(ABORT, 'portrait findings are prepared data, never changed'); END;
CREATE TRIGGER portrait_finding_no_delete BEFORE DELETE ON portrait_finding
BEGIN SELECT RAISE(ABORT, 'portrait findings are prepared data, never deleted'); END;
CREATE TRIGGER reminder_talk_no_update BEFORE UPDATE ON reminder_talk
BEGIN SELECT RAISE(ABORT, 'reminder talks are prepared data, never changed'); END;
CREATE TRIGGER reminder_talk_no_delete BEFORE DELETE ON reminder_talk
BEGIN SELECT RAISE(ABORT, 'reminder talks are prepared data, never deleted'); END;
CREATE TRIGGER portrait_finding_chain_insert AFTER INSERT ON portrait_finding BEGIN
    INSERT INTO chain_append VALUES ('portrait_finding', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.dimension, NEW.problem, NEW.suggestion));
END;
CREATE TRIGGER portrait_finding_chain_update AFTER UPDATE ON portrait_finding BEGIN
    INSERT INTO chain_append VALUES ('portrait_finding', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.dimension, NEW.problem, NEW.suggestion));
END;
CREATE TRIGGER portrait_finding_chain_delete AFTER DELETE ON portrait_finding BEGIN
    INSERT INTO chain_append VALUES ('portrait_finding', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.slot_id, OLD.position, OLD.dimension, OLD.problem, OLD.suggestion));
END;
CREATE TRIGGER reminder_talk_chain_insert AFTER INSERT ON reminder_talk BEGIN
    INSERT INTO chain_append VALUES ('reminder_talk', NEW.rowid, 'insert', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.held_on, NEW.talker, NEW.content));
END;
CREATE TRIGGER reminder_talk_chain_update AFTER UPDATE ON reminder_talk BEGIN
    INSERT INTO chain_append VALUES ('reminder_talk', NEW.rowid, 'update', shuze_sha256(NEW.id, NEW.slot_id, NEW.position, NEW.held_on, NEW.talker, NEW.content));
END;
CREATE TRIGGER reminder_talk_chain_delete AFTER DELETE ON reminder_talk BEGIN
    INSERT INTO chain_append VALUES ('reminder_talk', OLD.rowid, 'delete', shuze_sha256(OLD.id, OLD.slot_id, OLD.position, OLD.held_on, OLD.talker, OLD.content));
END;
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Word;
    use crate::domain::{
        Attendance, DutySource, DutyStatus, FollowUpMark, FollowUpMode, FollowUpSource,
        FollowUpStatus, PortraitDimension, RiskLevel, Stage,
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
            ("mark IN", FollowUpMark::WORDS),
            ("dimension IN", PortraitDimension::WORDS),
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
