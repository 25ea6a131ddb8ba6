//! The schema a file has, compared with the one shuze's migrations make: every table, index,
//! view and trigger of `sqlite_schema`, by name and by its SQL with spacing, comments and
//! needless quotes taken out. A file whose schema differs (a no-update trigger dropped, an
//! `AFTER INSERT` trigger added that rewrites answers, a column added) is not written to.

use super::schema::MIGRATIONS;
use crate::messages::tr;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::Path;

/// Every object of a schema by name: its type and its normalised SQL.
pub type Shape = BTreeMap<String, (String, String)>;

/// What differs in a file's schema from the expected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// An object the migrations make is not in the file.
    Missing { kind: String, name: String },
    /// The file has an object the migrations do not make.
    Added { kind: String, name: String },
    /// An object has another definition than the migrations give it.
    Changed { kind: String, name: String },
}

impl Difference {
    /// The object's name.
    pub fn name(&self) -> &str {
        match self {
            Difference::Missing { name, .. }
            | Difference::Added { name, .. }
            | Difference::Changed { name, .. } => name,
        }
    }
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Difference::Missing { kind, name } => {
                tr!(
                    "缺少{kind} {name}",
                    "missing {kind} {name}",
                    kind = kind_word(kind),
                    name = name
                )
            }
            Difference::Added { kind, name } => {
                tr!(
                    "多了{kind} {name}",
                    "added {kind} {name}",
                    kind = kind_word(kind),
                    name = name
                )
            }
            Difference::Changed { kind, name } => {
                tr!(
                    "{kind} {name} 的定义被改过",
                    "{kind} {name} defined differently",
                    kind = kind_word(kind),
                    name = name
                )
            }
        };
        f.write_str(&text)
    }
}

fn kind_word(kind: &str) -> String {
    match kind {
        "table" => tr!("表", "table"),
        "index" => tr!("索引", "index"),
        "view" => tr!("视图", "view"),
        "trigger" => tr!("触发器", "trigger"),
        other => other.to_string(),
    }
}

/// The schema of a connection's main database (SQLite's own objects and the indexes it
/// makes for UNIQUE constraints, which follow from the tables' SQL, left out).
pub fn of(conn: &Connection) -> rusqlite::Result<Shape> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema
         WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |row| {
        let sql: String = row.get(2)?;
        Ok((row.get::<_, String>(1)?, (row.get(0)?, normalise(&sql))))
    })?;
    rows.collect()
}

/// The schema the first `version` migration steps make, built in memory.
pub fn at(version: i64) -> rusqlite::Result<Shape> {
    let conn = Connection::open_in_memory()?;
    super::chain::register(&conn)?;
    for step in MIGRATIONS.iter().take(version.max(0) as usize) {
        conn.execute_batch(step)?;
    }
    of(&conn)
}

/// SHA-256 of the newest schema's shape ([`digest`]): a file whose schema has it is as the
/// migrations make it, known without building that schema in memory (about 12 ms of every
/// start). A test holds it to the migrations: after adding a step, put in the digest the
/// test prints.
const LATEST_DIGEST: &str = "c402386a813cf624be4943ba5b802886612dfb54dba6a813460b699ab54f8e57";

/// The shape as one SHA-256, hex: each object's name, type and normalised SQL, in name order.
pub fn digest(shape: &Shape) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for (name, (kind, sql)) in shape {
        for part in [name, kind, sql] {
            hasher.update(part.as_bytes());
            hasher.update([0]);
        }
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the schema of `conn` is the newest exactly as the migrations make it.
pub fn is_latest(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(digest(&of(conn)?) == LATEST_DIGEST)
}

/// The schema of the newest version, built once.
fn latest() -> rusqlite::Result<&'static Shape> {
    static LATEST: std::sync::OnceLock<Shape> = std::sync::OnceLock::new();
    if let Some(shape) = LATEST.get() {
        return Ok(shape);
    }
    let shape = at(MIGRATIONS.len() as i64)?;
    Ok(LATEST.get_or_init(|| shape))
}

/// Puts shuze's own definition of every view that `differences` found changed or missing
/// in front of the file's, as a temporary view of the same name (temporary objects come
/// first in SQLite's name lookup): a reader reads the tables as shuze's views read them,
/// never through a view another program rewrote. The file is not written.
pub fn shadow_views(conn: &Connection, differences: &[Difference]) -> rusqlite::Result<()> {
    for difference in differences {
        let (Difference::Changed { kind, name } | Difference::Missing { kind, name }) = difference
        else {
            continue;
        };
        if kind != "view" {
            continue;
        }
        // Built only when a view differs: a file of the newest schema never needs it.
        let Some((_, sql)) = latest()?.get(name) else {
            continue;
        };
        if let Some(body) = sql.strip_prefix("CREATE VIEW ") {
            conn.execute_batch(&format!("CREATE TEMP VIEW {body}"))?;
        }
    }
    Ok(())
}

/// How the schema of `conn`, at schema `version`, differs from what the migrations make.
pub fn differences(conn: &Connection, version: i64) -> rusqlite::Result<Vec<Difference>> {
    let found = of(conn)?;
    if version == MIGRATIONS.len() as i64 && digest(&found) == LATEST_DIGEST {
        return Ok(Vec::new());
    }
    let owned;
    let expected = match version == MIGRATIONS.len() as i64 {
        true => latest()?,
        false => {
            owned = at(version)?;
            &owned
        }
    };
    Ok(compare(expected, &found))
}

/// The differences of `found` from `expected`, in name order.
pub fn compare(expected: &Shape, found: &Shape) -> Vec<Difference> {
    let mut differences = Vec::new();
    for (name, (kind, sql)) in expected {
        let (kind, name) = (kind.clone(), name.clone());
        match found.get(&name) {
            None => differences.push(Difference::Missing { kind, name }),
            Some(other) if other != &(kind.clone(), sql.clone()) => {
                differences.push(Difference::Changed { kind, name })
            }
            Some(_) => {}
        }
    }
    for (name, (kind, _)) in found {
        if !expected.contains_key(name) {
            differences.push(Difference::Added {
                kind: kind.clone(),
                name: name.clone(),
            });
        }
    }
    differences
}

/// SQL as compared: comments dropped, each run of spaces one space (none next to brackets
/// and commas); quoted names and string literals as they are. Two definitions that SQLite
/// reads alike may still differ here (another word order, other quotes), never the reverse:
/// what differs in meaning always differs. (The expected schema is made by the same SQLite
/// running the same steps, so a shuze file compares equal.)
pub fn normalise(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                flush_space(&mut out, &mut space, '\'');
                out.push(c);
                copy_quoted(&mut chars, &mut out, '\'');
            }
            '"' | '`' | '[' => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
                copy_quoted(&mut chars, &mut out, if c == '[' { ']' } else { c });
            }
            '-' if chars.peek() == Some(&'-') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                space = true;
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            c => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out
}

/// Writes the pending space before `next`, unless it is next to a bracket or a comma.
fn flush_space(out: &mut String, space: &mut bool, next: char) {
    let after_tight = out.ends_with(['(', ',']) || out.is_empty();
    if *space && !after_tight && !matches!(next, ')' | ',' | '(') {
        out.push(' ');
    }
    *space = false;
}

/// Copies a quoted run up to and including its closing quote (a doubled quote is kept).
fn copy_quoted(chars: &mut std::iter::Peekable<std::str::Chars>, out: &mut String, close: char) {
    while let Some(c) = chars.next() {
        out.push(c);
        if c == close {
            if close != ']' && chars.peek() == Some(&close) {
                out.push(chars.next().unwrap_or(close));
                continue;
            }
            return;
        }
    }
}

/// How the schema behind `conn` differs from what shuze's migrations make for its version.
pub(super) fn schema_differences(conn: &Connection, path: &Path) -> super::Result<Vec<Difference>> {
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|e| super::file_error(path, e.into()))?;
    differences(conn, version).map_err(|e| super::file_error(path, e.into()))
}

/// Differences as one line: 缺少触发器 x、多了触发器 y.
pub(super) fn joined(differences: &[Difference]) -> String {
    let words: Vec<String> = differences.iter().map(ToString::to_string).collect();
    words.join(&tr!("、", ", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spacing_and_comments_do_not_count() {
        let a =
            "CREATE TABLE \"text_draft\" (\n    kind  TEXT NOT NULL, -- the kind\n    body TEXT )";
        let b = "CREATE TABLE \"text_draft\" (kind TEXT NOT NULL, /* c */ body TEXT)";
        assert_eq!(normalise(a), normalise(b));
        assert_eq!(
            normalise(b),
            "CREATE TABLE \"text_draft\"(kind TEXT NOT NULL,body TEXT)"
        );
    }

    #[test]
    fn what_differs_in_meaning_still_differs() {
        let a = "SELECT RAISE(ABORT, 'a  b -- c')";
        let b = "SELECT RAISE(ABORT, 'a b')";
        assert_ne!(normalise(a), normalise(b));
        assert_eq!(normalise(a), "SELECT RAISE(ABORT,'a  b -- c')");
        assert_ne!(normalise("\"x\" = 1"), normalise("x = 1"));
    }

    #[test]
    fn the_newest_digest_is_that_of_the_migrations() {
        let built = digest(&at(MIGRATIONS.len() as i64).unwrap());
        assert_eq!(
            built, LATEST_DIGEST,
            "the migrations changed: set LATEST_DIGEST in src/storage/shape.rs to {built:?}"
        );
    }

    #[test]
    fn every_version_built_step_by_step_compares_equal_to_itself() {
        for version in 0..=MIGRATIONS.len() as i64 {
            let conn = Connection::open_in_memory().unwrap();
            super::super::chain::register(&conn).unwrap();
            for step in MIGRATIONS.iter().take(version as usize) {
                conn.execute_batch(step).unwrap();
            }
            assert_eq!(differences(&conn, version).unwrap(), []);
        }
    }
}
