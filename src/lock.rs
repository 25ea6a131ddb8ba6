//! One recorder per meeting: a lock held on the database file itself, so that a symbolic
//! link, a hard link, a relative path or a bind mount all meet the same lock.
//!
//! On Unix the lock is one byte per meeting of the database file, far beyond any offset
//! SQLite uses. Each console also holds a shared lock on a byte standing for the name it
//! opened the file by, so that a console under another name (a hard link, whose write-ahead
//! log SQLite keeps apart) is refused even for another meeting. On Linux these are
//! open-file-description locks, not released when SQLite closes a descriptor of its own; on
//! other Unix systems they are POSIX record locks, which closing any descriptor of the file
//! releases (untested: not a platform of this program's users). No lock file is created, so
//! there is no path to plant a link at. On Windows, where locks are mandatory and would stop
//! SQLite reading, it is a lock file beside the file's resolved path, opened without
//! following links; hard links are not told apart there (untested: this project builds on
//! Linux only).
//!
//! Locks go with the process, so a console that crashed leaves no lock behind. Who holds a
//! meeting is written into the database (`setting`) for the message a second console shows.

use crate::domain::Id;
use crate::messages::tr;
use crate::storage::{Setting, Store};
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
    #[error("{}", tr!(
        "这场会议正由另一个控制台记录（{holder}）。同一场会议只能有一个记录人，通过链接或别的路径打开同一文件也不行；如需在另一个终端投影，请运行 `shuze present {db}`。", "Another console is recording this meeting ({holder}). A meeting has one recorder, also through a link or another path to the same file; to project it from another terminal, run `shuze present {db}`.",
        holder = .holder,
        db = .db
    ))]
    Held { holder: String, db: String },
    #[error("{}", tr!(
        "数据库 {db} 正由另一个控制台通过另一个路径（硬链接或另一个挂载点）记录。同一个文件只能通过同一个路径记录，否则两边的记录会写进不同的日志而互相覆盖；请用那个控制台使用的路径打开，或先退出它。", "Another console is recording the database {db} under another path (a hard link or another mount). A file is recorded under one path only, or the two would write to different logs and overwrite each other; open it by the path that console uses, or quit it first.",
        db = .db
    ))]
    OtherName { db: String },
    #[error("{}", tr!(
        "无法给数据库 {db} 加记录锁：{why}", "Cannot take the recorder's lock on the database {db}: {why}",
        db = .path.display(),
        why = .cause
    ))]
    Io { path: PathBuf, cause: io::Error },
}

/// What trying the lock found.
enum Claim {
    Locked(File),
    /// Another console records this meeting.
    MeetingHeld,
    /// Another console records this file under another name.
    OtherName,
}

impl RecorderLock {
    /// Takes the recorder's lock on a meeting of the file at `db`, or says who has it (read
    /// from `store`, which may be a read-only look at the same file). Take it before the
    /// file is opened for writing, so that a second name never writes to it at all.
    pub fn acquire(db: &Path, meeting: Id, store: &Store) -> Result<RecorderLock, LockError> {
        let shown = db.display().to_string();
        match platform::try_lock(db, meeting).map_err(|e| io_error(db, e))? {
            Claim::Locked(file) => Ok(RecorderLock { _file: file }),
            Claim::OtherName => Err(LockError::OtherName { db: shown }),
            Claim::MeetingHeld => Err(LockError::Held {
                holder: store
                    .setting(Setting::Recorder(meeting))
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| tr!("进程号未知", "process number unknown")),
                db: shown,
            }),
        }
    }

    /// Refuses at once, before SQLite opens the file at all, when a console records it
    /// under another name ([`RecorderLock::acquire`] checks again while it locks).
    pub fn refuse_other_names(db: &Path) -> Result<(), LockError> {
        match platform::recorded_under_another_name(db).map_err(|e| io_error(db, e))? {
            true => Err(LockError::OtherName {
                db: db.display().to_string(),
            }),
            false => Ok(()),
        }
    }

    /// Writes who records the meeting into the file, for a second console's message.
    /// Only for the message: a failure here does not stop the recording.
    pub fn announce(&self, store: &mut Store, meeting: Id, now: DateTime<Utc>) {
        let since = now.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S");
        let holder = tr!(
            "进程 {process}，{since} 起",
            "process {process}, since {since}",
            process = std::process::id(),
            since = since
        );
        let _ = store.set_setting(Setting::Recorder(meeting), &holder);
    }
}

/// A look at the recorders' locks, for a reader of the file (the audience view): whether a
/// console records a meeting now. It takes nothing. Keep it as long as the reader's SQLite
/// connection, and drop it after: on Unix, closing any descriptor of the file lets go of the
/// POSIX locks SQLite holds on it in this process, so the file is opened once, not per look.
pub struct LockWatch {
    #[cfg(unix)]
    file: File,
    #[cfg(not(unix))]
    db: PathBuf,
}

impl LockWatch {
    pub fn open(db: &Path) -> io::Result<LockWatch> {
        #[cfg(unix)]
        return Ok(LockWatch {
            file: crate::files::open_regular(db, false)?,
        });
        #[cfg(not(unix))]
        return Ok(LockWatch {
            db: db.to_path_buf(),
        });
    }

    /// Whether a console holds the recorder's lock on `meeting` now; `false` when the
    /// lock cannot be looked at.
    pub fn is_recorded(&self, meeting: Id) -> bool {
        platform::is_recorded(self, meeting).unwrap_or(false)
    }
}

fn io_error(db: &Path, cause: io::Error) -> LockError {
    LockError::Io {
        path: db.to_path_buf(),
        cause,
    }
}

#[cfg(unix)]
mod platform {
    use super::*;
    use nix::errno::Errno;
    use nix::fcntl::{FcntlArg, fcntl};
    use nix::libc;

    /// The byte of `meeting`: past 2^62, where no database of this program reaches.
    fn meeting_offset(meeting: Id) -> i64 {
        (1_i64 << 62) + meeting
    }

    /// The bytes standing for names: from 2^61, one for each 32-bit hash of a path.
    const NAME_BASE: i64 = 1_i64 << 61;
    const NAME_SPAN: i64 = 1_i64 << 32;

    /// The byte of the name `db` resolves to (links followed, `..` removed).
    fn name_offset(db: &Path) -> i64 {
        use std::os::unix::ffi::OsStrExt;
        let resolved = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
        // FNV-1a, 32 bits: the same name gives the same byte in every process.
        let hash = resolved
            .as_os_str()
            .as_bytes()
            .iter()
            .fold(0x811c_9dc5_u32, |h, b| {
                (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
            });
        NAME_BASE + i64::from(hash)
    }

    /// Claims the file under its name and locks the meeting.
    pub fn try_lock(db: &Path, meeting: Id) -> io::Result<Claim> {
        let file = crate::files::open_regular(db, true)?;
        let name = name_offset(db);
        if !lock(&file, libc::F_RDLCK, name)? || locked_elsewhere(&file, name)? {
            return Ok(Claim::OtherName);
        }
        match lock(&file, libc::F_WRLCK, meeting_offset(meeting))? {
            true => Ok(Claim::Locked(file)),
            false => Ok(Claim::MeetingHeld),
        }
    }

    /// Whether a console holds the recorder's lock on `meeting` (only looks).
    pub fn is_recorded(watch: &LockWatch, meeting: Id) -> io::Result<bool> {
        held(&watch.file, meeting_offset(meeting), 1)
    }

    pub fn recorded_under_another_name(db: &Path) -> io::Result<bool> {
        // Nobody records a file that is not there, nor a FIFO, socket or device (whose open
        // could wait forever): opening it will say so.
        match std::fs::metadata(db) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(false),
            Ok(found) if !found.is_file() => return Ok(false),
            _ => {}
        }
        let file = crate::files::open_regular(db, false)?;
        locked_elsewhere(&file, name_offset(db))
    }

    /// Whether another console holds any name's byte but `name`'s.
    fn locked_elsewhere(file: &File, name: i64) -> io::Result<bool> {
        let end = NAME_BASE + NAME_SPAN;
        Ok(held(file, NAME_BASE, name - NAME_BASE)? || held(file, name + 1, end - name - 1)?)
    }

    fn range(kind: libc::c_int, start: i64, len: i64) -> libc::flock {
        libc::flock {
            l_type: kind as libc::c_short,
            l_whence: libc::SEEK_SET as libc::c_short,
            l_start: start,
            l_len: len,
            l_pid: 0,
        }
    }

    /// Takes a lock on one byte; `false` when another holds a conflicting one.
    fn lock(file: &File, kind: libc::c_int, at: i64) -> io::Result<bool> {
        match fcntl(file, set_lock(&range(kind, at, 1))) {
            Ok(_) => Ok(true),
            Err(Errno::EAGAIN | Errno::EACCES) => Ok(false),
            Err(errno) => Err(io::Error::from(errno)),
        }
    }

    /// Whether another open file holds any lock in the range.
    fn held(file: &File, start: i64, len: i64) -> io::Result<bool> {
        if len <= 0 {
            return Ok(false);
        }
        let mut probe = range(libc::F_WRLCK, start, len);
        fcntl(file, get_lock(&mut probe)).map_err(io::Error::from)?;
        Ok(probe.l_type != libc::F_UNLCK as libc::c_short)
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn set_lock(range: &libc::flock) -> FcntlArg<'_> {
        FcntlArg::F_OFD_SETLK(range)
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn get_lock(range: &mut libc::flock) -> FcntlArg<'_> {
        FcntlArg::F_OFD_GETLK(range)
    }

    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn set_lock(range: &libc::flock) -> FcntlArg<'_> {
        FcntlArg::F_SETLK(range)
    }

    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn get_lock(range: &mut libc::flock) -> FcntlArg<'_> {
        FcntlArg::F_GETLK(range)
    }
}

#[cfg(windows)]
mod platform {
    use super::*;
    use std::fs::TryLockError;
    use std::os::windows::fs::OpenOptionsExt;

    /// Opens a link itself rather than what it points to.
    const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;

    /// Hard links are not told apart on Windows (see the module's note).
    pub fn recorded_under_another_name(_db: &Path) -> io::Result<bool> {
        Ok(false)
    }

    /// The lock file of `meeting`, beside the database's resolved path.
    fn lock_path(db: &Path, meeting: Id) -> io::Result<std::path::PathBuf> {
        let resolved = std::fs::canonicalize(db)?;
        let name = resolved
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(resolved.with_file_name(format!("{name}.meeting-{meeting}.lock")))
    }

    /// Whether a console holds the lock file of `meeting` (a shared lock taken and let go;
    /// the lock file is not the database, so opening and closing it each time is safe).
    pub fn is_recorded(watch: &LockWatch, meeting: Id) -> io::Result<bool> {
        let file = match File::open(lock_path(&watch.db, meeting)?) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(false),
            other => other?,
        };
        match file.try_lock_shared() {
            Ok(()) => file.unlock().map(|()| false),
            Err(TryLockError::WouldBlock) => Ok(true),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    /// The open, locked lock file, or the news that another console holds it.
    pub fn try_lock(db: &Path, meeting: Id) -> io::Result<Claim> {
        let path = lock_path(db, meeting)?;
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
            Ok(()) => Ok(Claim::Locked(file)),
            Err(TryLockError::WouldBlock) => Ok(Claim::MeetingHeld),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }
}
