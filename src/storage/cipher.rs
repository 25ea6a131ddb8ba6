//! Encryption at rest (SQLCipher): the passphrase of the encrypted file this process works
//! on, given to every connection that opens such a file; telling an encrypted file from one
//! that is not a database; converting a file to and from encryption and to a new passphrase
//! through a new file renamed into place only when complete; and small sealed files (the
//! rescues of an encrypted meeting) in the same format.
//!
//! The passphrase is held in memory only, for the life of the process: never written, never
//! logged, never on the command line.

use super::{Result, StorageError, side_file};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The passphrase of the encrypted file this process opens (one file per process).
static PASSPHRASE: Mutex<Option<String>> = Mutex::new(None);

/// The first 16 bytes of every plain SQLite file.
const PLAIN_MAGIC: &[u8] = b"SQLite format 3\0";

/// Sets the passphrase every later connection to an encrypted file is given.
pub fn use_passphrase(passphrase: Option<String>) {
    if let Ok(mut held) = PASSPHRASE.lock() {
        *held = passphrase;
    }
}

/// The passphrase in use, if any.
fn passphrase() -> Option<String> {
    PASSPHRASE.lock().ok().and_then(|held| held.clone())
}

/// Whether a passphrase is in use: the meeting is encrypted, and nothing of it may be
/// written in plain text beside it.
pub fn in_use() -> bool {
    passphrase().is_some()
}

/// Whether the file at `path` starts as a plain SQLite file does. An empty or missing file
/// is not plain (a file being created takes the passphrase in use, if any).
fn is_plain(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(16);
    crate::files::open_regular(path, false)
        .and_then(|file| file.take(16).read_to_end(&mut head))
        .is_ok()
        && head == PLAIN_MAGIC
}

/// Whether `path` looks like an encrypted file: a regular file of whole pages (at least
/// one) whose first bytes are not a plain SQLite file's. Only the passphrase can tell it
/// from another file of random bytes.
pub fn looks_encrypted(path: &Path) -> bool {
    let Ok(metadata) = std::fs::metadata(path) else {
        return false;
    };
    metadata.is_file() && metadata.len() >= 512 && metadata.len() % 512 == 0 && !is_plain(path)
}

/// Gives a new connection to `path` the passphrase in use, when the file is not plain: the
/// first statement on the connection, before anything is read.
pub(super) fn unlock(conn: &Connection, path: &Path) -> rusqlite::Result<()> {
    match passphrase() {
        Some(key) if !is_plain(path) => {
            quiet(conn);
            conn.pragma_update(None, "key", key)
        }
        _ => Ok(()),
    }
}

/// SQLCipher's own log (a failed page check on a wrong passphrase, printed on standard
/// error) is off: the program says what went wrong in its own words.
fn quiet(conn: &Connection) {
    let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
}

/// Whether `passphrase` opens the encrypted file at `path`, looked at read-only.
pub fn opens_with(path: &Path, passphrase: &str) -> bool {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    // Immutable when no log is beside it: the look makes no file beside it.
    let uri = match side_file(path, "-wal").exists() {
        true => format!("file:{}", super::reading::uri_path(path)),
        false => format!("file:{}?immutable=1", super::reading::uri_path(path)),
    };
    let Ok(conn) = Connection::open_with_flags(uri, flags) else {
        return false;
    };
    quiet(&conn);
    conn.pragma_update(None, "key", passphrase).is_ok()
        && conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
            .is_ok()
}

/// The schema version and application id of an encrypted file (its header is encrypted),
/// read with the passphrase in use; a wrong or missing passphrase is said so.
pub(super) fn header_of(path: &Path) -> Result<(i32, i64)> {
    let Some(key) = passphrase() else {
        return Err(StorageError::Encrypted(path.to_path_buf()));
    };
    if !opens_with(path, &key) {
        return Err(StorageError::WrongPassphrase(path.to_path_buf()));
    }
    let conn = super::reading::read_only_connection(path)?;
    let read = |pragma: &str| conn.pragma_query_value(None, pragma, |row| row.get::<_, i64>(0));
    Ok((read("application_id")? as i32, read("user_version")?))
}

/// Which way a file is converted.
pub enum Conversion<'a> {
    /// A plain file encrypted with this passphrase.
    Encrypt(&'a str),
    /// An encrypted file (opened with the passphrase in use) written out plain.
    Decrypt,
    /// An encrypted file (opened with the passphrase in use) under a new passphrase.
    Rekey(&'a str),
}

/// Writes the whole of the open file `from` into `to` (a new file, or the file `from` has
/// open), encrypted, plain or under a new passphrase, with SQLCipher's `sqlcipher_export`:
/// into a temporary file beside `to`, read back, and renamed to `to` only once complete and
/// once `from` is closed (its log copied into the old file and gone, so that no log of the
/// old file is ever read as the new one's). Nothing is left behind on failure.
pub(super) fn convert(from: Connection, to: &Path, how: &Conversion) -> Result<()> {
    let temp = temporary_beside(to);
    super::remove_database_files(&temp);
    let written = export_into(&from, &temp, how)
        .and_then(|()| check_written(&temp, how))
        .and_then(|()| from.close().map_err(|(_, err)| StorageError::from(err)))
        .and_then(|()| {
            if side_file(to, "-wal").exists() {
                return Err(StorageError::Busy);
            }
            let _ = std::fs::remove_file(side_file(to, "-shm"));
            Ok(std::fs::rename(&temp, to)?)
        });
    if written.is_err() {
        super::remove_database_files(&temp);
    }
    written
}

fn export_into(from: &Connection, temp: &Path, how: &Conversion) -> Result<()> {
    crate::files::create_private_file(temp)?;
    let key = match how {
        Conversion::Encrypt(key) | Conversion::Rekey(key) => *key,
        Conversion::Decrypt => "",
    };
    let version: i64 = from.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let id: i32 = from.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let name = temp.to_string_lossy();
    from.execute("ATTACH DATABASE ?1 AS converted KEY ?2", [&*name, key])?;
    let exported = (|| {
        from.query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))?;
        from.pragma_update(Some("converted"), "user_version", version)?;
        from.pragma_update(Some("converted"), "application_id", id)?;
        from.query_row("PRAGMA converted.journal_mode = WAL", [], |_| Ok(()))
    })();
    let detached = from.execute("DETACH DATABASE converted", []);
    exported?;
    detached?;
    Ok(())
}

/// Reads the new file back with its own passphrase: every page checked.
fn check_written(temp: &Path, how: &Conversion) -> Result<()> {
    let conn = Connection::open_with_flags(temp, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    match how {
        Conversion::Encrypt(key) | Conversion::Rekey(key) => {
            conn.pragma_update(None, "key", key)?
        }
        Conversion::Decrypt => {}
    }
    let found: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
    if found != "ok" {
        return Err(StorageError::Corrupt {
            path: temp.to_path_buf(),
            detail: found,
        });
    }
    // The log copied into the file: the new file is whole by itself when it is renamed.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// `.NAME.converting-PID` beside `to`: on the same filesystem, so the rename is atomic.
fn temporary_beside(to: &Path) -> PathBuf {
    let name = to
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    to.with_file_name(format!(".{name}.converting-{}", std::process::id()))
}

/// Writes `text` as a small file sealed with the passphrase in use (a one-table SQLCipher
/// file, no journal: it is written under a temporary name and renamed by the caller).
pub fn seal(path: &Path, text: &str) -> Result<()> {
    let Some(key) = passphrase() else {
        return Err(StorageError::Encrypted(path.to_path_buf()));
    };
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "key", key)?;
    conn.query_row("PRAGMA journal_mode = OFF", [], |_| Ok(()))?;
    conn.execute_batch("CREATE TABLE sealed (text TEXT NOT NULL)")?;
    conn.execute("INSERT INTO sealed (text) VALUES (?1)", [text])?;
    conn.close().map_err(|(_, err)| err)?;
    Ok(())
}

/// Reads back a file written by [`seal`] with the passphrase in use.
pub fn unseal(path: &Path) -> Result<String> {
    let Some(key) = passphrase() else {
        return Err(StorageError::Encrypted(path.to_path_buf()));
    };
    if !opens_with(path, &key) {
        return Err(StorageError::WrongPassphrase(path.to_path_buf()));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.pragma_update(None, "key", key)?;
    Ok(conn.query_row("SELECT text FROM sealed", [], |row| row.get(0))?)
}
