//! Ordered, versioned schema migrations, tracked in SQLite's `user_version`.
//!
//! Each entry upgrades a file from the version before it; a file is always brought to
//! the newest version in place, inside one transaction per step. Never edit a shipped
//! step: add a new one.

/// Migration steps; `MIGRATIONS[i]` takes a file from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5];

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
