//! One recorder per meeting: an operating-system lock on a small file beside the database.
//!
//! The lock goes with the process, so a console that crashed or was killed leaves no lock
//! behind: its file is simply taken over (it stays beside the database, unlocked). The file says who holds it, for the message a
//! second console shows.

use crate::domain::Id;
use crate::files;
use chrono::{DateTime, Local, Utc};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Held while a console records a meeting; released when dropped (or the process ends).
#[derive(Debug)]
pub struct RecorderLock {
    file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "这场会议正由另一个控制台记录（进程 {holder}）。同一场会议只能有一个记录人；\
         如需在另一个终端投影，请运行 `shuze present {db}`。(another recorder holds this meeting)"
    )]
    Held { holder: String, db: String },
    #[error("无法创建锁文件 {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// `<db>.meeting-<id>.lock` beside the database.
pub fn lock_path(db: &Path, meeting: Id) -> PathBuf {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    db.with_file_name(format!("{name}.meeting-{meeting}.lock"))
}

impl RecorderLock {
    /// Takes the recorder's lock on a meeting, or says who has it.
    pub fn acquire(db: &Path, meeting: Id, now: DateTime<Utc>) -> Result<RecorderLock, LockError> {
        let path = lock_path(db, meeting);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        if !path.exists() {
            match files::create_private_file(&path) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io(e)),
            }
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(LockError::Held {
                    holder: holder.trim().to_string(),
                    db: db.display().to_string(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        let since = now.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S");
        let holder = format!("{}，{since} 起", std::process::id());
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        file.write_all(holder.as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)?;
        Ok(RecorderLock { file })
    }
}

// The file stays when the lock is released: deleting it could let a console that opened it
// a moment before lock a file no one else can see. A file nobody locks is a free meeting.
impl Drop for RecorderLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}
