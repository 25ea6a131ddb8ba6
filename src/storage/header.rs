//! Looks at a file before SQLite is let near it: is it ours, another program's, empty,
//! from a newer shuze? Reads the 100-byte SQLite header with a plain read, so a file that
//! is not ours is refused before a single byte of it is written.

use super::StorageError;
use std::io::Read;
use std::path::Path;

/// SQLite's `application_id` of a shuze file ("SHUZ"), set from schema version 5 on.
pub const APPLICATION_ID: i32 = 0x5348_555A;

/// What the header of an existing file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// A shuze file at this schema version.
    Ours { version: i64 },
    /// A SQLite file without an application id: a shuze file from before version 5, or
    /// another program's. Only its tables can tell.
    Unmarked,
}

/// Reads the header of `path` and refuses what is clearly not ours to open.
pub fn inspect(path: &Path) -> Result<Header, StorageError> {
    let owned = || path.to_path_buf();
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(StorageError::IsDirectory(owned()));
    }
    if !metadata.is_file() {
        return Err(StorageError::NotRegularFile(owned()));
    }
    let mut bytes = Vec::with_capacity(100);
    crate::files::open_regular(path, false)?
        .take(100)
        .read_to_end(&mut bytes)?;
    // SQLite deletes a write-ahead log it finds beside a zero-byte file (a file in WAL mode
    // always has its first page written): the log is someone else's, and both are left.
    if bytes.is_empty() {
        return match log_has_content(path) {
            true => Err(StorageError::EmptyBesideLog(owned())),
            false => Err(StorageError::Empty(owned())),
        };
    }
    if !bytes.starts_with(b"SQLite format 3\0") && super::cipher::looks_encrypted(path) {
        let (application_id, version) = super::cipher::header_of(path)?;
        return classify(path, application_id, version);
    }
    if bytes.len() < 100 || !bytes.starts_with(b"SQLite format 3\0") {
        return Err(StorageError::NotDatabase(owned()));
    }
    let word =
        |at: usize| i32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    classify(path, word(68), i64::from(word(60)))
}

/// Sorts a header by its application id and schema version (`user_version`).
pub fn classify(path: &Path, application_id: i32, version: i64) -> Result<Header, StorageError> {
    if application_id != APPLICATION_ID && application_id != 0 {
        return Err(StorageError::OtherProgram(path.to_path_buf()));
    }
    if version > super::latest_version() {
        return Err(StorageError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: super::latest_version(),
        });
    }
    Ok(match application_id {
        0 => Header::Unmarked,
        _ => Header::Ours { version },
    })
}

pub fn log_has_content(path: &Path) -> bool {
    let mut log = path.as_os_str().to_owned();
    log.push("-wal");
    std::fs::metadata(log).is_ok_and(|m| m.len() > 0)
}

/// Whether the folder holding `path` can take new files (SQLite's log files), checked
/// without writing to it. A read-only filesystem refuses even root.
pub fn folder_writable(path: &Path) -> bool {
    let folder = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    writable(&folder)
}

#[cfg(unix)]
fn writable(folder: &Path) -> bool {
    nix::unistd::access(folder, nix::unistd::AccessFlags::W_OK).is_ok()
}

// Windows: a folder's read-only attribute does not stop files being created in it, and
// access is decided by ACLs; SQLite's own open reports a folder it cannot write.
#[cfg(not(unix))]
fn writable(_folder: &Path) -> bool {
    true
}
