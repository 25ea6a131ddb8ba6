//! How a file is read without being written: as it stands (`immutable`) when no program
//! has it open for writing, so that nothing is made beside it; with its write-ahead log when
//! there is one; and kept from being checkpointed under a reader that reads it as it
//! stands.

use super::{OPEN_WAIT, Result, StorageError, file_error, header, side_file};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// A read-only connection that takes no locks and writes no `-shm` beside the file: for
/// files nobody can be writing (another program's, or on a read-only medium).
pub(super) fn immutable_connection(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let uri = format!("file:{}?immutable=1", uri_path(path));
    Connection::open_with_flags(uri, flags)
        .and_then(|conn| super::cipher::unlock(&conn, path).map(|()| conn))
        .map_err(|source| file_error(path, StorageError::Sql(source)))
}

/// A path as the path part of an SQLite `file:` URI.
pub(super) fn uri_path(path: &Path) -> String {
    let mut text = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => text.push_str(&format!("%{:02X}", c as u32)),
            c => text.push(c),
        }
    }
    text
}

/// A connection that only reads. Without a write-ahead log beside the file (no program has
/// it open for writing, and nothing is left in a log) the file is read as it stands
/// (`immutable`), so that a reader makes no `-wal` or `-shm` that it could not remove
/// again (a read-only connection cannot take the lock to delete them). With a log, the log
/// is someone's and is read the usual way. On a read-only medium nobody can be writing: the
/// file is read as it stands unless a log holds its last writes (a console that crashed
/// before the file was archived), which SQLite reads there only through the `-shm` beside
/// it; without one the file is refused rather than read without its last writes.
pub(super) fn read_only_connection(path: &Path) -> Result<Connection> {
    match reading(path) {
        Reading::AsItStands => immutable_connection(path),
        Reading::LogOutOfReach => Err(StorageError::LogOutOfReach(path.to_path_buf())),
        Reading::WithLog => with_log(path),
    }
}

/// How a reader reads `path` (see [`read_only_connection`]).
enum Reading {
    /// `immutable`: nothing is made beside the file, nothing beside it is read.
    AsItStands,
    /// The usual read-only connection, reading the write-ahead log too.
    WithLog,
    /// On a read-only medium, a log with the file's last writes but no `-shm` to read it by.
    LogOutOfReach,
}

fn reading(path: &Path) -> Reading {
    let log = side_file(path, "-wal").symlink_metadata().is_ok();
    if header::folder_writable(path) {
        return if log {
            Reading::WithLog
        } else {
            Reading::AsItStands
        };
    }
    if !header::log_has_content(path) {
        return Reading::AsItStands;
    }
    match side_file(path, "-shm").symlink_metadata().is_ok() {
        true => Reading::WithLog,
        false => Reading::LogOutOfReach,
    }
}

/// Whether a reader of `path` takes the file as it stands (see [`read_only_connection`]).
pub(super) fn reads_as_it_stands(path: &Path) -> bool {
    matches!(reading(path), Reading::AsItStands)
}

/// SQLite's shared-lock bytes in its Unix VFS: `PENDING_BYTE` + 2, and 510 of them.
#[cfg(target_os = "linux")]
const SHARED_FIRST: i64 = 0x4000_0002;
#[cfg(target_os = "linux")]
const SHARED_SIZE: i64 = 510;

/// Kept while a file is read as it stands: a shared lock on SQLite's shared-lock bytes, so
/// that a program opening the file meanwhile cannot take the exclusive lock with which it
/// would copy its log into the file as it closes (it leaves the log, which the next opening
/// reads; its other writes go to the log, not under the reader). An open-file-description
/// lock (Linux), which SQLite closing descriptors of its own does not release. `Ok(None)`
/// where there is no such lock (not Linux: read unguarded); `Err` when a program holds the
/// file exclusively now (then read it the usual way).
pub(super) fn hold_still(path: &Path) -> std::result::Result<Option<std::fs::File>, ()> {
    #[cfg(target_os = "linux")]
    {
        use nix::fcntl::{FcntlArg, fcntl};
        use nix::libc;
        let file = crate::files::open_regular(path, false).map_err(|_| ())?;
        let range = libc::flock {
            l_type: libc::F_RDLCK as libc::c_short,
            l_whence: libc::SEEK_SET as libc::c_short,
            l_start: SHARED_FIRST,
            l_len: SHARED_SIZE,
            l_pid: 0,
        };
        fcntl(&file, FcntlArg::F_OFD_SETLK(&range)).map_err(|_| ())?;
        Ok(Some(file))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        Ok(None)
    }
}

/// The usual read-only connection, reading the write-ahead log.
pub(super) fn with_log(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .and_then(|conn| super::cipher::unlock(&conn, path).map(|()| conn))
        .map_err(|source| file_error(path, StorageError::Sql(source)))?;
    conn.busy_timeout(OPEN_WAIT)?;
    Ok(conn)
}
