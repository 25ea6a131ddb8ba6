//! The SQLite store: opening a file safely, migrations, and the meeting's reads and writes.
//!
//! Knows nothing of the UI. Every write is its own committed transaction, so a keystroke's
//! change is on disk (WAL, `synchronous=FULL`) as soon as the call returns.

mod read;
mod schema;
mod sql_enums;
mod write;

pub use read::{MeetingListing, SearchHit, SearchTarget, SlotDetail};
pub use schema::latest_version;

/// The SQL of the first schema version, for tests that upgrade an old file.
pub fn first_schema() -> &'static str {
    schema::MIGRATIONS[0]
}
pub use write::TextTarget;

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// What can go wrong with the database file.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("数据库文件不存在: {0} (database file not found)")]
    NotFound(PathBuf),
    #[error("{0} 是一个目录，不是数据库文件 (is a directory, not a database file)")]
    IsDirectory(PathBuf),
    #[error(
        "{path} 由更新版本的 shuze 写入 (schema {found}，本程序支持 {supported})；请升级 shuze (written by a newer shuze)"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("无法打开数据库 {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{0} 不是 shuze 的数据库文件（也不是 SQLite 文件）。请检查路径；新建会议请用 `shuze import` (not a database)"
    )]
    NotDatabase(PathBuf),
    #[error(
        "数据库文件 {path} 已损坏或不完整（{detail}）。请勿继续写入：先复制一份，再用备份恢复，或用 `sqlite3 {path} .recover` 抢救数据 (corrupt)"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "数据库文件 {0} 是只读的，无法记录。请复制到可写的位置，或修改文件权限后再打开 (read-only)"
    )]
    ReadOnly(PathBuf),
    #[error(
        "{path} 的格式版本是 {found}，本程序为 {supported}：请先用 `shuze {path}` 打开一次以升级，或升级 shuze (schema version differs)"
    )]
    OtherVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("磁盘已满或数据库已达大小上限，未能保存 (disk full)")]
    Full,
    #[error("数据库错误: {0}")]
    Sql(rusqlite::Error),
    #[error("文件错误: {0}")]
    Io(#[from] std::io::Error),
    #[error("会议 {0} 不存在 (no such meeting)")]
    NoSuchMeeting(i64),
    #[error("数据库中没有会议，请先用 `shuze import` 导入准备文件 (the database holds no meeting)")]
    NoMeetings,
}

pub type Result<T> = std::result::Result<T, StorageError>;

impl From<rusqlite::Error> for StorageError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => StorageError::Full,
            _ => StorageError::Sql(err),
        }
    }
}

/// Names the file in errors that mean the file itself is unusable.
fn file_error(path: &Path, err: StorageError) -> StorageError {
    let path = path.to_path_buf();
    let source = match err {
        StorageError::Sql(source) => source,
        other => return other,
    };
    match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StorageError::NotDatabase(path),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => StorageError::Corrupt {
            path,
            detail: source.to_string(),
        },
        Some(rusqlite::ErrorCode::ReadOnly) => StorageError::ReadOnly(path),
        _ => StorageError::Open { path, source },
    }
}

/// An open meeting database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens an existing database file, upgrading its schema in place.
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(StorageError::IsDirectory(path.to_path_buf()));
        }
        if !path.exists() {
            return Err(StorageError::NotFound(path.to_path_buf()));
        }
        Store::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    /// Opens a database strictly for reading (the audience view): no migration, no write.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(StorageError::IsDirectory(path.to_path_buf()));
        }
        if !path.exists() {
            return Err(StorageError::NotFound(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| file_error(path, StorageError::Sql(source)))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        let found = store.schema_version().map_err(|e| file_error(path, e))?;
        if found != latest_version() {
            return Err(StorageError::OtherVersion {
                path: path.to_path_buf(),
                found,
                supported: latest_version(),
            });
        }
        Ok(store)
    }

    /// A number that changes whenever another connection commits to the file.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))?)
    }

    /// Opens a database file, creating it (readable by its owner only) when missing.
    pub fn create_or_open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(StorageError::IsDirectory(path.to_path_buf()));
        }
        if !path.exists() {
            crate::files::create_private_file(path)?;
        }
        Store::open(path)
    }

    /// A private in-memory database, for tests and dry runs.
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
        };
        store.prepare()?;
        Ok(store)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store> {
        if std::fs::metadata(path)?.permissions().readonly() {
            return Err(StorageError::ReadOnly(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|source| file_error(path, StorageError::Sql(source)))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.prepare().map_err(|err| file_error(path, err))?;
        store.quick_check().map_err(|err| file_error(path, err))?;
        if store.conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StorageError::ReadOnly(path.to_path_buf()));
        }
        Ok(store)
    }

    /// SQLite's quick check (structure and page integrity, linear in the file's size).
    pub fn quick_check(&self) -> Result<()> {
        self.check("quick_check")
    }

    /// SQLite's full integrity check, run before an export.
    pub fn integrity_check(&self) -> Result<()> {
        self.check("integrity_check")
    }

    fn check(&self, pragma: &str) -> Result<()> {
        let mut stmt = self.conn.prepare(&format!("PRAGMA {pragma}"))?;
        let found: Vec<String> = stmt
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if found == ["ok"] {
            return Ok(());
        }
        Err(StorageError::Corrupt {
            path: self.path.clone(),
            detail: found.into_iter().take(3).collect::<Vec<_>>().join("; "),
        })
    }

    fn prepare(&mut self) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.migrate()
    }

    fn migrate(&mut self) -> Result<()> {
        let found: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?;
        if found > latest_version() {
            return Err(StorageError::TooNew {
                path: self.path.clone(),
                found,
                supported: latest_version(),
            });
        }
        for (index, step) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(step)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The raw connection, for the importer's single transaction and for tests.
    pub fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }
}
