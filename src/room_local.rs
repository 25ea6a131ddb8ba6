//! The audience view's own choice of picture, told to the console: a small owner-only
//! file beside the meeting's (`<db>.room-local`), since the view never writes the meeting's
//! database. The view writes it whole (a new file renamed over the old one) when its
//! choice changes and again every `HEARTBEAT`, and removes it when its choice gives way
//! or it quits. The console reads it when the folder changes and, while it shows a choice,
//! every few seconds; a file whose writer is gone (its process ended, or no heartbeat for
//! `STALE`) is ignored.
//!
//! One view at a time: a second view's choice replaces the first's. On Windows the writer
//! is not looked for (no process check): a choice is given up after `STALE` without a
//! heartbeat (untested there: this project builds on Linux only).

use crate::domain::{Id, Room};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

/// How often the view writes its choice again while it holds one.
pub const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(20);

/// A choice not written again for this long is the choice of a view that has gone.
pub const STALE: chrono::Duration = chrono::Duration::minutes(1);

/// The largest file read: a few hundred bytes are written.
const LARGEST: u64 = 4096;

/// What the file says: who wrote it, for which meeting, their choice and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalChoice {
    /// The audience view's process.
    pub pid: u32,
    pub meeting: Id,
    pub room: Room,
    /// When it was last written.
    pub heartbeat: DateTime<Utc>,
}

/// The file beside `db` (its resolved path, so that a link to it meets the same file).
pub fn path_for(db: &Path) -> PathBuf {
    let db = db.canonicalize().unwrap_or_else(|_| db.to_path_buf());
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".room-local");
    db.with_file_name(name)
}

/// Writes `choice` to `path` whole: a new private file, renamed over the old one.
pub fn write(path: &Path, choice: &LocalChoice) -> io::Result<()> {
    let bytes = serde_json::to_vec(choice).map_err(io::Error::other)?;
    let mut temporary = path.as_os_str().to_os_string();
    temporary.push(format!(".{}.tmp", choice.pid));
    let temporary = PathBuf::from(temporary);
    let _ = std::fs::remove_file(&temporary);
    crate::files::write_private(&temporary, &bytes)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Removes the file at `path` when it is this process's (a later view's is left).
pub fn remove_own(path: &Path) {
    if read_file(path).is_some_and(|choice| choice.pid == std::process::id()) {
        let _ = std::fs::remove_file(path);
    }
}

/// The audience view's side: writes its choice when it changes and each `HEARTBEAT`,
/// removes the file when it has none; a folder it cannot write to is left alone (the
/// console then does not know).
#[derive(Debug)]
pub struct Publisher {
    path: PathBuf,
    published: Option<(Id, Room)>,
    written: std::time::Instant,
}

impl Publisher {
    pub fn new(db: &Path) -> Publisher {
        Publisher {
            path: path_for(db),
            published: None,
            written: std::time::Instant::now(),
        }
    }

    /// Tells the console `local`, this view's choice for `meeting` (`None`: the recorder's
    /// picture is shown), when it changed or the heartbeat is due.
    pub fn publish(&mut self, meeting: Id, local: Option<Room>, now: DateTime<Utc>) {
        let choice = local.map(|room| (meeting, room));
        let due = self.written.elapsed() >= HEARTBEAT;
        if choice == self.published && !(due && choice.is_some()) {
            return;
        }
        self.written = std::time::Instant::now();
        self.published = choice;
        match choice {
            Some((meeting, room)) => {
                let pid = std::process::id();
                let heartbeat = now;
                let _ = write(
                    &self.path,
                    &LocalChoice {
                        pid,
                        meeting,
                        room,
                        heartbeat,
                    },
                );
            }
            None => remove_own(&self.path),
        }
    }
}

impl Drop for Publisher {
    fn drop(&mut self) {
        if self.published.is_some() {
            remove_own(&self.path);
        }
    }
}

fn read_file(path: &Path) -> Option<LocalChoice> {
    if std::fs::symlink_metadata(path).ok()?.len() > LARGEST {
        return None;
    }
    let bytes = crate::files::read_regular(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The choice of a live audience view of `meeting` at `path`, as of `now`; `None` when
/// there is none, it is unreadable, for another meeting, or its writer has gone.
pub fn read(path: &Path, meeting: Id, now: DateTime<Utc>) -> Option<Room> {
    let choice = read_file(path)?;
    let fresh = now - choice.heartbeat < STALE && choice.heartbeat - now < STALE;
    (choice.meeting == meeting && fresh && alive(choice.pid)).then_some(choice.room)
}

/// Calls `changed` when the file beside `db` is written or removed. The folder is watched
/// (the file is replaced, not written in place); `None` where the platform gives no
/// notifications.
pub fn watch(db: &Path, changed: impl Fn() + Send + 'static) -> Option<notify::RecommendedWatcher> {
    let path = path_for(db);
    let name = path.file_name()?.to_os_string();
    crate::files::watch_folder(path.parent()?, vec![name], changed)
}

/// Whether the process `pid` still runs.
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    use nix::errno::Errno;
    let Ok(pid) = i32::try_from(pid) else {
        return false;
    };
    match nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None) {
        Ok(()) => true,
        // Someone else's process under that number: still running.
        Err(Errno::EPERM) => true,
        Err(_) => false,
    }
}

/// Whether the process `pid` still runs: not looked at here, the heartbeat decides.
#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Picture;

    fn choice(pid: u32, heartbeat: DateTime<Utc>) -> LocalChoice {
        LocalChoice {
            pid,
            meeting: 1,
            room: Room {
                blank: true,
                picture: Picture::Card,
                ..Room::default()
            },
            heartbeat,
        }
    }

    #[test]
    fn a_live_fresh_choice_is_read_a_stale_or_dead_or_other_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_for(&dir.path().join("m.db"));
        let now = Utc::now();
        assert_eq!(read(&path, 1, now), None, "no file");
        write(&path, &choice(std::process::id(), now)).unwrap();
        assert!(read(&path, 1, now).is_some_and(|room| room.blank));
        assert_eq!(read(&path, 2, now), None, "another meeting");
        assert_eq!(
            read(&path, 1, now + STALE),
            None,
            "no heartbeat for a minute"
        );
        write(&path, &choice(u32::MAX - 1, now)).unwrap();
        assert_eq!(read(&path, 1, now), None, "its writer has gone");
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(read(&path, 1, now), None, "unreadable");
        write(&path, &choice(std::process::id(), now)).unwrap();
        remove_own(&path);
        assert!(!path.exists(), "removed by its writer");
    }
}
