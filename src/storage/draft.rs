//! Drafts written as what changed: the text being typed is saved after every keystroke, and
//! rewriting all of it each time made a keystroke in a long answer cost what the answer
//! weighs (1.5 MB: 2.8 MB written, 103-160 ms). A draft is a body written now and then and
//! a small edit rewritten per keystroke (`text_draft_edit`: the body's first `head` bytes,
//! then `middle`, then its last `tail` bytes), so what a keystroke writes does not grow
//! with the text. The body is written again when the edit outgrows `EDIT_AT_MOST`, after
//! the text is kept as a revision, and at the first draft after the file is opened.

use super::{Result, Store};
use crate::domain::Id;
use crate::view::TextTarget;
use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};
use std::collections::HashMap;

/// The largest edit kept apart from its body; past it the whole text is written again, so
/// the text typed since is read back from one place. 16 KiB: a few minutes of typing.
pub const EDIT_AT_MOST: usize = 16 * 1024;

/// A draft's row, as `TextTarget::key` spells it: owner, kind, question (0 for none).
pub(super) type DraftKey = (Id, &'static str, Id);

/// The bodies of the drafts as this connection last wrote them, so that the next draft of
/// the same text is written as what changed since.
pub(super) type DraftBodies = HashMap<DraftKey, String>;

/// How a draft is written.
#[derive(Debug, PartialEq, Eq)]
enum Write<'a> {
    /// The whole text as the new body.
    Whole,
    /// The body's first `head` bytes, `middle`, and its last `tail` bytes.
    Edit {
        head: usize,
        tail: usize,
        middle: &'a str,
    },
}

/// The smallest way to write `text` over `body` (the body this connection wrote last).
fn plan<'a>(body: Option<&str>, text: &'a str) -> Write<'a> {
    let Some(body) = body else {
        return Write::Whole;
    };
    let head = common_prefix(body.as_bytes(), text.as_bytes());
    let room = body.len().min(text.len()) - head;
    let mut tail = common_suffix(body.as_bytes(), text.as_bytes()).min(room);
    let mut head = head;
    // On character boundaries in both (the same bytes, so the same boundaries).
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    while !text.is_char_boundary(text.len() - tail) || !body.is_char_boundary(body.len() - tail) {
        tail -= 1;
    }
    let middle = &text[head..text.len() - tail];
    match middle.len() > EDIT_AT_MOST {
        true => Write::Whole,
        false => Write::Edit { head, tail, middle },
    }
}

/// How many bytes `a` and `b` begin with alike: whole blocks first (a memory comparison),
/// then byte by byte.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 4096;
    let same = a
        .chunks(BLOCK)
        .zip(b.chunks(BLOCK))
        .take_while(|(x, y)| x == y)
        .count()
        * BLOCK;
    let same = same.min(a.len()).min(b.len());
    same + a[same..]
        .iter()
        .zip(&b[same..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many bytes `a` and `b` end with alike.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 4096;
    let blocks = a.rchunks(BLOCK).zip(b.rchunks(BLOCK));
    let same = (blocks.take_while(|(x, y)| x == y).count() * BLOCK)
        .min(a.len())
        .min(b.len());
    let (a, b) = (&a[..a.len() - same], &b[..b.len() - same]);
    same + a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

impl Store {
    /// Writes the draft of `target` in `tx` as what changed since the body this connection
    /// last wrote, or whole; returns the body to remember once `tx` is committed.
    pub(super) fn write_draft(
        tx: &Transaction,
        bodies: &DraftBodies,
        target: TextTarget,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(DraftKey, String)>> {
        let key = draft_key(target);
        match plan(bodies.get(&key).map(String::as_str), text) {
            Write::Whole => {
                write_body(tx, target, text, now)?;
                Ok(Some((key, text.to_string())))
            }
            Write::Edit { head, tail, middle } => {
                let (head, tail) = (wide(head), wide(tail));
                tx.prepare_cached(
                    "INSERT INTO text_draft_edit
                         (kind, owner_id, question_key, head, tail, middle, saved_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (kind, owner_id, question_key)
                     DO UPDATE SET head = ?4, tail = ?5, middle = ?6, saved_at = ?7",
                )?
                .execute(params![key.1, key.0, key.2, head, tail, middle, now])?;
                Ok(None)
            }
        }
    }

    /// Drops the draft of `target` (kept as a revision): the next is written whole.
    pub(super) fn drop_draft(tx: &Transaction, target: TextTarget) -> Result<()> {
        let (owner, kind, question) = draft_key(target);
        for table in ["text_draft", "text_draft_edit"] {
            tx.execute(
                &format!(
                    "DELETE FROM {table} WHERE kind = ?1 AND owner_id = ?2 AND question_key = ?3"
                ),
                params![kind, owner, question],
            )?;
        }
        Ok(())
    }
}

/// A byte count as SQLite stores it (64 bits: never narrowed).
fn wide(bytes: usize) -> i64 {
    i64::try_from(bytes).unwrap_or(i64::MAX)
}

pub(super) fn draft_key(target: TextTarget) -> DraftKey {
    let (owner, kind, question) = target.key();
    (owner, kind, question.unwrap_or(0))
}

/// The whole text as the draft's body; an edit of the body before goes.
fn write_body(tx: &Transaction, target: TextTarget, body: &str, now: DateTime<Utc>) -> Result<()> {
    let (owner, kind, question) = target.key();
    let (slot, meeting) = match target {
        TextTarget::Closing { .. } => (None, Some(owner)),
        _ => (Some(owner), None),
    };
    tx.prepare_cached(
        "INSERT INTO text_draft (kind, slot_id, meeting_id, question_id, body, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (kind, owner_id, question_key) DO UPDATE SET body = ?5, saved_at = ?6",
    )?
    .execute(params![kind, slot, meeting, question, body, now])?;
    tx.prepare_cached(
        "DELETE FROM text_draft_edit WHERE kind = ?1 AND owner_id = ?2 AND question_key = ?3",
    )?
    .execute(params![kind, owner, question.unwrap_or(0)])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(body: &str, write: &Write) -> String {
        match write {
            Write::Whole => unreachable!(),
            Write::Edit { head, tail, middle } => {
                format!("{}{middle}{}", &body[..*head], &body[body.len() - tail..])
            }
        }
    }

    #[test]
    fn an_edit_anywhere_is_written_as_what_changed() {
        let body = "述责述廉".repeat(3000);
        let cases = [
            format!("{body}再写一句"),
            format!("插在前面{body}"),
            body.replacen("述责", "述职", 1),
            body[..body.len() - 3].to_string(),
            body[3..].to_string(),
            String::new(),
            body.clone(),
        ];
        for text in cases {
            let write = plan(Some(&body), &text);
            assert!(matches!(write, Write::Edit { middle, .. } if middle.len() <= 12));
            assert_eq!(apply(&body, &write), text);
        }
    }

    #[test]
    fn a_repeated_text_splits_on_character_boundaries() {
        // The same bytes before and after a change that could be counted on either side.
        for (body, text) in [
            ("啊啊", "啊啊啊"),
            ("ab啊", "ab啊啊"),
            ("啊b", "啊啊b"),
            ("", "述"),
        ] {
            let write = plan(Some(body), text);
            assert_eq!(apply(body, &write), text, "{body} -> {text}");
        }
    }

    #[test]
    fn no_body_or_a_large_edit_is_written_whole() {
        assert_eq!(plan(None, "述责"), Write::Whole);
        let long = "述".repeat(EDIT_AT_MOST);
        assert_eq!(plan(Some("述责"), &long), Write::Whole);
    }
}
