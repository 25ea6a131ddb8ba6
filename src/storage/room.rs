//! What the room sees (`domain::RoomView`), in its own table `room_view`: written by the
//! console when the official on screen or the picture changes, read by `shuze present`.

use super::{Result, StorageError, Store};
use crate::domain::{Id, Picture, Room, RoomView};
use crate::messages::tr;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

/// The format of the record this build writes and reads.
pub const ROOM_VIEW_VERSION: i64 = 1;

impl Store {
    /// What the room of `meeting` sees, as the console last wrote it; `None` before it
    /// wrote any. A record this build cannot read is an error naming what is wrong.
    pub fn room_view(&self, meeting: Id) -> Result<Option<RoomView>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT version, slot_id, picture, blank, answers, resume_at, serial, question,
                        follow_up
                 FROM room_view WHERE meeting_id = ?1",
            )?
            .query_row([meeting], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, Option<Id>>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, bool>(3)?,
                    row.get::<_, bool>(4)?,
                    row.get::<_, Option<DateTime<Utc>>>(5)?,
                    row.get::<_, i64>(6)?,
                    row.get::<_, i64>(7)?,
                    row.get::<_, i64>(8)?,
                ))
            })
            .optional()?;
        let Some((version, slot, picture, blank, answers, resume_at, serial, question, follow_up)) =
            row
        else {
            return Ok(None);
        };
        if version != ROOM_VIEW_VERSION {
            return Err(unreadable(tr!(
                "格式版本 {version}，本程序只认版本 {ours}",
                "its format is version {version}; this program reads version {ours}",
                version = version,
                ours = ROOM_VIEW_VERSION
            )));
        }
        let picture = serde_json::from_value::<Picture>(serde_json::Value::String(picture))
            .map_err(|e| unreadable(e.to_string()))?;
        let room = Room {
            picture,
            blank,
            answers,
            resume_at,
            serial: serial.max(0) as u64,
        };
        Ok(Some(RoomView {
            slot,
            question: question.max(0) as usize,
            follow_up: follow_up.max(0) as usize,
            room,
        }))
    }
}

fn unreadable(why: String) -> StorageError {
    StorageError::RoomViewUnreadable(why)
}

/// Writes what the room of `meeting` sees, in the transaction of the recorder's place;
/// `updated_at` is when it last changed.
pub(super) fn upsert_room_view(
    tx: &Transaction,
    meeting: Id,
    view: &RoomView,
    now: DateTime<Utc>,
) -> Result<()> {
    let picture = serde_json::to_value(view.room.picture)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let room = &view.room;
    tx.prepare_cached(
        "INSERT INTO room_view (meeting_id, version, slot_id, picture, blank, answers,
                                resume_at, serial, updated_at, question, follow_up)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (meeting_id) DO UPDATE SET version = ?2, slot_id = ?3, picture = ?4,
             blank = ?5, answers = ?6, resume_at = ?7, serial = ?8, updated_at = ?9,
             question = ?10, follow_up = ?11
         -- Saved with every draft: the row is written only when the room's picture changed.
         WHERE version IS NOT ?2 OR slot_id IS NOT ?3 OR picture IS NOT ?4 OR blank IS NOT ?5
            OR answers IS NOT ?6 OR resume_at IS NOT ?7 OR serial IS NOT ?8
            OR question IS NOT ?10 OR follow_up IS NOT ?11",
    )?
    .execute(params![
        meeting,
        ROOM_VIEW_VERSION,
        view.slot,
        picture,
        room.blank,
        room.answers,
        room.resume_at,
        room.serial as i64,
        now,
        view.question as i64,
        view.follow_up as i64
    ])?;
    Ok(())
}
