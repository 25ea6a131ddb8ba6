//! One recorder per meeting: a lock held on the database file itself, so that a symbolic
//! link, a hard link, a relative path or a bind mount all meet the same lock.
//!
//! On Unix the lock is one byte per meeting of the database file, far beyond any offset
//! SQLite uses, taken as an open-file-description lock on Linux (it is not released when
//! SQLite closes a descriptor of its own) and as a POSIX record lock on other Unix systems,
//! where closing any descriptor of the file releases it: there a console that opens a
//! second connection can lose its lock (untested: not a platform of this program's users). No lock file
//! is created, so there is no path to plant a link at. On Windows, where locks are
//! mandatory and would stop SQLite reading, it is a lock file beside the file's resolved
//! path, opened without following links (untested: this project builds on Linux only).
//!
//! Locks go with the process, so a console that crashed leaves no lock behind. Who holds a
//! meeting is written into the database (`setting`) for the message a second console shows.

use crate::domain::Id;
use crate::storage::Store;
use chrono::{DateTime, Local, Utc};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// Held while a console records a meeting; released when dropped (or the process ends).
/// Drop it only after the store is closed: closing a descriptor of the database file can
/// release SQLite's own record locks on systems without open-file-description locks.
#[derive(Debug)]
pub struct RecorderLock {
    _file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "这场会议正由另一个控制台记录（{holder}）。同一场会议只能有一个记录人，通过链接或别的路径打开同一文件也不行；\
         如需在另一个终端投影，请运行 `shuze present {db}`。(another recorder holds this meeting)"
    )]
    Held { holder: String, db: String },
    #[error("无法给数据库 {path} 加记录锁: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// The setting that says who records a meeting.
fn holder_key(meeting: Id) -> String {
    format!("recorder.meeting-{meeting}")
}

impl RecorderLock {
    /// Takes the recorder's lock on a meeting of the file at `db`, or says who has it (read
    /// from `store`, which may be a read-only look at the same file). Take it before the
    /// file is opened for writing, so that a second name never writes to it at all.
    pub fn acquire(db: &Path, meeting: Id, store: &Store) -> Result<RecorderLock, LockError> {
        let io = |source| LockError::Io {
            path: db.to_path_buf(),
            source,
        };
        match platform::try_lock(db, meeting).map_err(io)? {
            Some(file) => Ok(RecorderLock { _file: file }),
            None => Err(LockError::Held {
                holder: store
                    .setting(&holder_key(meeting))
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| "进程号未知".to_string()),
                db: db.display().to_string(),
            }),
        }
    }

    /// Writes who records the meeting into the file, for a second console's message.
    /// Only for the message: a failure here does not stop the recording.
    pub fn announce(&self, store: &mut Store, meeting: Id, now: DateTime<Utc>) {
        let since = now.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S");
        let holder = format!("进程 {}，{since} 起", std::process::id());
        let _ = store.set_setting(&holder_key(meeting), &holder);
    }
}

/// The byte locked for `meeting`: past 2^62, where no database of this program reaches.
#[cfg(unix)]
fn lock_offset(meeting: Id) -> i64 {
    (1_i64 << 62) + meeting
}

#[cfg(unix)]
mod platform {
    use super::*;
    use nix::errno::Errno;
    use nix::fcntl::{FcntlArg, fcntl};
    use nix::libc;

    /// The open, locked database file, or `None` when another process holds the lock.
    pub fn try_lock(db: &Path, meeting: Id) -> io::Result<Option<File>> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(db)?;
        let range = libc::flock {
            l_type: libc::F_WRLCK as libc::c_short,
            l_whence: libc::SEEK_SET as libc::c_short,
            l_start: lock_offset(meeting),
            l_len: 1,
            l_pid: 0,
        };
        match fcntl(&file, set_lock(&range)) {
            Ok(_) => Ok(Some(file)),
            Err(Errno::EAGAIN | Errno::EACCES) => Ok(None),
            Err(errno) => Err(io::Error::from(errno)),
        }
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn set_lock(range: &libc::flock) -> FcntlArg<'_> {
        FcntlArg::F_OFD_SETLK(range)
    }

    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn set_lock(range: &libc::flock) -> FcntlArg<'_> {
        FcntlArg::F_SETLK(range)
    }
}

#[cfg(windows)]
mod platform {
    use super::*;
    use std::fs::TryLockError;
    use std::os::windows::fs::OpenOptionsExt;

    /// Opens a link itself rather than what it points to.
    const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;

    /// The open, locked lock file, or `None` when another process holds the lock.
    pub fn try_lock(db: &Path, meeting: Id) -> io::Result<Option<File>> {
        let resolved = std::fs::canonicalize(db)?;
        let name = resolved
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = resolved.with_file_name(format!("{name}.meeting-{meeting}.lock"));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
            .open(&path)?;
        if !file.metadata()?.is_file() {
            return Err(io::Error::other(format!(
                "{} 不是普通文件（可能是链接），不能用作锁文件",
                path.display()
            )));
        }
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }
}
