//! The SQLite store: opening a file safely, migrations, and the meeting's reads and writes.
//!
//! Knows nothing of the UI. Every write is its own committed transaction, so a keystroke's
//! change is on disk (WAL, `synchronous=FULL`) as soon as the call returns.

pub mod chain;
pub mod cipher;
mod continuity;
mod correct;
mod draft;
mod header;
mod history;
mod import;
mod lossy;
mod portrait;
mod read;
mod reading;
mod recorded;
mod report;
mod room;
mod schema;
mod setting;
mod shape;
mod sql_enums;
pub mod steps;
mod verify;
mod write;

pub use crate::domain::{AgendaChange, AgendaMove, QuestionChange};
pub use crate::view::{MeetingListing, SearchHit, SearchTarget, SlotDetail, TextTarget};
pub use header::APPLICATION_ID;
pub use import::Imported;
pub use recorded::Touched;
pub use room::ROOM_VIEW_VERSION;
pub use setting::Setting;
pub use verify::{ChainReport, ExportMade, Tamper};

pub use schema::latest_version;

/// The SQL of the first schema version, for tests that upgrade an old file.
pub fn first_schema() -> &'static str {
    schema::MIGRATIONS[0]
}

/// The SQL of every schema step, oldest first (`[i]` takes version `i` to `i + 1`), for
/// tests that build a file of an older version.
pub fn schema_steps() -> &'static [&'static str] {
    schema::MIGRATIONS
}

use crate::messages::tr;
use reading::{immutable_connection, read_only_connection, reads_as_it_stands};
use rusqlite::{Connection, OpenFlags};
use shape::{joined, schema_differences};
use std::path::{Path, PathBuf};

/// What can go wrong with the database file.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{}", tr!(
        "数据库文件不存在：{db}。新建会议请先运行 `shuze import 准备文件.toml --db {db}`", "The database file does not exist: {db}. To start a meeting, first run `shuze import preparation.toml --db {db}`",
        db = .0.display()
    ))]
    NotFound(PathBuf),
    #[error("{}", tr!(
        "{db} 不是普通文件（可能是管道或设备），不能作为数据库打开", "{db} is not a regular file (a pipe or a device?) and cannot be opened as a database",
        db = .0.display()
    ))]
    NotRegularFile(PathBuf),
    #[error("{}", tr!(
        "{db} 是空文件（0 字节），不是 shuze 的数据库，未作改动。新建会议请用一个尚不存在的文件名：`shuze import 准备文件.toml --db 新文件.db`", "{db} is an empty file (0 bytes), not a shuze database; it was left untouched. To start a meeting, name a file that does not exist yet: `shuze import preparation.toml --db new.db`",
        db = .0.display()
    ))]
    Empty(PathBuf),
    #[error("{}", tr!(
        "{db} 是空文件（0 字节），旁边却有别的程序留下的日志 {db}-wal；SQLite 打开它会删掉这个日志，所以两个文件都未作改动。请检查路径，或把日志交给写它的程序", "{db} is empty (0 bytes), yet another program's log {db}-wal is beside it; SQLite would delete that log on opening, so both files are left unchanged. Check the path, or give the log back to the program that wrote it",
        db = .0.display()
    ))]
    EmptyBesideLog(PathBuf),
    #[error("{}", tr!(
        "{db} 是另一个程序的 SQLite 数据库，不是 shuze 的会议文件；为免损坏，未作任何改动。请检查路径", "{db} is another program's SQLite database, not a shuze meeting file; nothing was changed, so as not to damage it. Check the path",
        db = .0.display()
    ))]
    OtherProgram(PathBuf),
    #[error("{}", tr!(
        "数据库 {db} 所在的文件夹是只读的（SQLite 需要在旁边建日志文件），无法记录。请把文件复制到可写的文件夹再打开", "The folder of the database {db} is read-only (SQLite needs to create its log beside it), so nothing can be recorded. Copy the file to a writable folder and open it there",
        db = .0.display()
    ))]
    ReadOnlyFolder(PathBuf),
    #[error("{}", tr!(
        "{db} 在只读的位置，它最后写入的内容还在旁边的日志 {db}-wal 里，但没有 {db}-shm，SQLite 在这里读不到这些内容；为免导出缺了最后的记录，未读取。请把 {db} 和 {db}-wal 一起复制到可写的文件夹再导出", "{db} is on a read-only medium and its last writes are still in the log {db}-wal beside it, but without {db}-shm SQLite cannot read them there; so as not to export a record missing its last entries, it was not read. Copy {db} and {db}-wal together to a writable folder and export from there",
        db = .0.display()
    ))]
    LogOutOfReach(PathBuf),
    #[error("{}", tr!(
        "{db} 是加密的会议文件，需要口令：请在终端运行并输入口令，或用 --key-file 指定口令文件", "{db} is an encrypted meeting file and needs its passphrase: run this at a terminal and type it, or name a key file with --key-file",
        db = .0.display()
    ))]
    Encrypted(PathBuf),
    #[error("{}", tr!(
        "口令不对：打不开加密的会议文件 {db}（如果它不是加密的会议文件，也会这样）", "Wrong passphrase: the encrypted meeting file {db} does not open with it (a file that is not an encrypted meeting file says the same)",
        db = .0.display()
    ))]
    WrongPassphrase(PathBuf),
    #[error("{}", tr!("数据库正被另一个程序占用（加了写锁）", "The database is busy (another program holds its write lock)"))]
    Busy,
    #[error("{}", tr!("{db} 是一个目录，不是数据库文件", "{db} is a folder, not a database file", db = .0.display()))]
    IsDirectory(PathBuf),
    #[error("{}", tr!(
        "{db} 由更新版本的 shuze 写入（格式版本 {found}，本程序支持 {supported}）；请升级 shuze", "{db} was written by a newer shuze (schema {found}; this program knows up to {supported}); upgrade shuze",
        db = .path.display(),
        found = .found,
        supported = .supported
    ))]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{}", tr!(
        "无法打开数据库 {db}：{why}", "Cannot open the database {db}: {why}",
        db = .path.display(),
        why = .cause
    ))]
    Open {
        path: PathBuf,
        cause: rusqlite::Error,
    },
    #[error("{}", tr!(
        "{db} 不是 shuze 的数据库文件（也不是 SQLite 文件），未作改动。请检查路径", "{db} is not a shuze database (nor any SQLite file); it was left untouched. Check the path",
        db = .0.display()
    ))]
    NotDatabase(PathBuf),
    #[error("{}", tr!(
        "数据库文件 {db} 已损坏或不完整（{detail}）。请勿继续写入：先复制一份，再用备份恢复，或用 `sqlite3 {db} .recover` 抢救数据", "The database file {db} is damaged or incomplete ({detail}). Do not write to it: copy it first, then restore a backup, or rescue the data with `sqlite3 {db} .recover`",
        db = .path.display(),
        detail = .detail
    ))]
    Corrupt { path: PathBuf, detail: String },
    #[error("{}", tr!(
        "数据库文件 {db} 是只读的，无法记录。请复制到可写的位置，或修改文件权限后再打开", "The database file {db} is read-only, so nothing can be recorded. Copy it to a writable place, or change its permissions, and open it again",
        db = .0.display()
    ))]
    ReadOnly(PathBuf),
    #[error("{}", tr!(
        "{db} 的格式版本是 {found}，本程序为 {supported}：请先用 `shuze {db}` 打开一次以升级，或升级 shuze", "{db} is at schema {found}, this program at {supported}: open it once with `shuze {db}` to upgrade it, or upgrade shuze",
        db = .path.display(),
        found = .found,
        supported = .supported
    ))]
    OtherVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{}", tr!(
        "{db} 的格式第 {step} 步与本程序的不同（由改过这一步的 shuze 建立或升级）：为免写坏记录，不打开。请用建立它的那个版本打开，或用备份", "Step {step} of the format of {db} is not this program's (it was made or upgraded by a shuze whose step was changed): not opened, so as not to damage the record. Open it with the version that made it, or use a backup",
        db = .path.display(),
        step = .step
    ))]
    OtherStep { path: PathBuf, step: i64 },
    #[error("{}", tr!("磁盘已满或数据库已达大小上限，未能保存", "The disk is full or the database has reached its size limit: not saved"))]
    Full,
    #[error("{}", tr!(
        "数据库文件 {db} 缺少表 {missing}：文件已损坏或被其他程序改动过，为免丢失记录不再打开。请用备份恢复，或用 `sqlite3 {db} .recover` 抢救数据", "The database file {db} lacks the table {missing}: it is damaged or was changed by another program, and is not opened so that no record is lost. Restore a backup, or rescue the data with `sqlite3 {db} .recover`",
        db = .path.display(),
        missing = .missing
    ))]
    Incomplete { path: PathBuf, missing: String },
    #[error("{}", tr!(
        "数据库文件 {db} 的结构与 shuze 建的不同（{changes}）：文件被其他程序改动过，改动可能改写记录，因此不写入。请用备份恢复；`shuze export` 仍可读出其中的内容（会注明结构被改动）", "The schema of the database file {db} is not the one shuze makes ({changes}): another program changed the file, and such changes can rewrite the record, so nothing is written to it. Restore it from a backup; `shuze export` can still read out what it holds (saying that the schema was changed)",
        db = .path.display(),
        changes = .changes
    ))]
    SchemaChanged { path: PathBuf, changes: String },
    #[error("{}", tr!(
        "数据库文件 {db} 已被删除、移走或换掉，为免记录写进看不见的文件，已停止写入", "The database file {db} was deleted, moved or replaced; writing has stopped, so that nothing goes into a file nobody can see",
        db = .0.display()
    ))]
    Gone(PathBuf),
    #[error("{}", tr!("数据库错误：{why}", "Database error: {why}", why = .0))]
    Sql(rusqlite::Error),
    #[error("{}", tr!("文件错误：{why}", "File error: {why}", why = .0))]
    Io(std::io::Error),
    #[error("{}", tr!("会议 {meeting} 不存在", "There is no meeting {meeting}", meeting = .0))]
    NoSuchMeeting(i64),
    #[error("{}", tr!("数据库中没有会议，请先用 `shuze import` 导入准备文件", "The database holds no meeting: import a preparation first with `shuze import`"))]
    NoMeetings,
    #[error("{}", tr!(
        "投影画面的记录（room_view）无法读取：{why}",
        "The record of what the room sees (room_view) cannot be read: {why}",
        why = .0
    ))]
    RoomViewUnreadable(String),
    #[error("{}", tr!(
        "数据库中的设置 {key} 无法读取：{why}",
        "The setting {key} in the database cannot be read: {why}",
        key = .key,
        why = .why
    ))]
    SettingUnreadable { key: String, why: String },
}

pub type Result<T> = std::result::Result<T, StorageError>;

// Not `#[from]`, which would make it the error's source too: the message quotes it already.
impl From<std::io::Error> for StorageError {
    fn from(err: std::io::Error) -> Self {
        StorageError::Io(err)
    }
}

impl From<rusqlite::Error> for StorageError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => StorageError::Full,
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StorageError::Busy
            }
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
        _ => StorageError::Open {
            path,
            cause: source,
        },
    }
}

/// How long opening and the command-line tools wait for another program's lock.
const OPEN_WAIT: std::time::Duration = std::time::Duration::from_secs(5);
/// How long the console's check after its first frame waits for another program's lock: as
/// long as its saves do (`session::SAVE_WAIT`), since keys wait meanwhile.
const CHECK_WAIT: std::time::Duration = std::time::Duration::from_millis(50);

/// Checks an existing path and its header before any connection is made.
fn inspect_existing(path: &Path) -> Result<header::Header> {
    if !path.exists() {
        return Err(StorageError::NotFound(path.to_path_buf()));
    }
    header::inspect(path)
}

/// Confirms, through a read-only connection, that an unmarked file holds shuze's tables.
fn verify_tables(path: &Path) -> Result<()> {
    // An immutable look first: it makes no file beside another program's database. A file
    // whose newest content is still in its write-ahead log is looked at the usual way.
    let look = |conn| {
        let store = Store {
            conn,
            path: path.to_path_buf(),
            identity: None,
            as_it_stood: false,
            schema_changes: Vec::new(),
            origin: Origin::Console,
            held: None,
            drafts: Default::default(),
        };
        store.verify().map_err(|e| file_error(path, e))
    };
    match look(immutable_connection(path)?) {
        Err(_) if header::log_has_content(path) => look(read_only_connection(path)?),
        checked => checked,
    }
}

/// Every table of a connection's main database with its columns, sorted by table.
fn table_columns(conn: &Connection) -> rusqlite::Result<Vec<(String, Vec<String>)>> {
    let mut tables = Vec::new();
    for table in table_names(conn)? {
        let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
        let columns = stmt
            .query_map([&table], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        tables.push((table, columns));
    }
    Ok(tables)
}

/// A file's device and inode (Unix); `None` elsewhere or when it cannot be read.
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The tables of a connection's main database, sorted.
fn table_names(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    stmt.query_map([], |row| row.get(0))?.collect()
}

/// `会议.db-wal` and the like: a name beside the database's.
fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a database file and SQLite's files beside it (after a failed creation).
pub fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(side_file(path, suffix));
    }
}

/// An open meeting database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The file's device and inode when it was opened for writing (Unix), to notice a file
    /// deleted, moved or replaced under the console.
    identity: Option<(u64, u64)>,
    /// The drafts' bodies as this connection last wrote them (`draft`).
    drafts: draft::DraftBodies,
    /// Read as the file stood when opened (`immutable`): no writer had it open.
    as_it_stood: bool,
    /// How the schema of a file opened to read differs from shuze's (empty: not at all).
    schema_changes: Vec<shape::Difference>,
    /// Kept while the file is read as it stands (`reading::hold_still`).
    held: Option<std::fs::File>,
    /// Who makes the changes written now: the console, or `import --update`.
    origin: Origin,
}

/// Where a correction came from: kept with every change row (schema v8), so that an update
/// of the preparation leaves alone what the recorder changed in the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Typed in the console.
    #[default]
    Console,
    /// Applied by `shuze import FILE --update`.
    Import,
}

impl Origin {
    /// The word the file stores.
    pub fn word(self) -> &'static str {
        match self {
            Origin::Console => "console",
            Origin::Import => "import",
        }
    }
}

impl Store {
    /// Opens an existing shuze file, upgrading its schema in place. The file is looked at
    /// before SQLite opens it for writing: another program's database, an empty file, one
    /// from a newer shuze or on a read-only folder is refused untouched.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_checking(path, true)
    }

    /// Opens like [`Store::open`], but leaves SQLite's quick check, which reads every page
    /// and grows with the file, to [`Store::check_file`] on a second connection after the
    /// console's first frame, so that start-up does not grow with a county's history. (A
    /// file that needed upgrading is checked at once.)
    pub fn open_for_console(path: &Path) -> Result<Store> {
        Store::open_checking(path, false)
    }

    /// SQLite's quick check of the file at `path` through a read-only connection of its own,
    /// for the console to run after its first frame. It waits for another program's lock no
    /// longer than the console's writes do: busy, the check is left for the next start.
    pub fn check_file(path: &Path) -> Result<()> {
        let store = Store {
            conn: read_only_connection(path)?,
            path: path.to_path_buf(),
            identity: None,
            as_it_stood: false,
            schema_changes: Vec::new(),
            origin: Origin::Console,
            held: None,
            drafts: Default::default(),
        };
        store.conn.busy_timeout(CHECK_WAIT)?;
        // The check reads every page once: a small cache is enough and keeps the memory
        // the console holds afterwards from growing with the file.
        store.conn.pragma_update(None, "cache_size", -256)?;
        store.quick_check().map_err(|err| file_error(path, err))
    }

    fn open_checking(path: &Path, check_now: bool) -> Result<Store> {
        Store::refuse_what_is_not_ours(path)?;
        Store::open_writable(path, check_now)
    }

    /// Everything [`Store::open`] checks before SQLite opens the file for writing: that it
    /// is a shuze file, not from a newer shuze, writable, on a writable folder. Reads only.
    pub fn refuse_what_is_not_ours(path: &Path) -> Result<()> {
        let header = inspect_existing(path)?;
        if !matches!(header, header::Header::Ours { .. }) {
            verify_tables(path)?;
        }
        if std::fs::metadata(path)?.permissions().readonly() {
            return Err(StorageError::ReadOnly(path.to_path_buf()));
        }
        if !header::folder_writable(path) {
            return Err(StorageError::ReadOnlyFolder(path.to_path_buf()));
        }
        let changed = schema_differences(&read_only_connection(path)?, path)?;
        match changed.is_empty() {
            true => Ok(()),
            false => Err(StorageError::SchemaChanged {
                path: path.to_path_buf(),
                changes: joined(&changed),
            }),
        }
    }

    /// When the file was opened to read and its schema is not what shuze's migrations make
    /// (changed by another program): a warning naming what differs, for a reader to show
    /// beside what it read.
    pub fn changed_schema_warning(&self) -> Option<String> {
        if self.schema_changes.is_empty() {
            return None;
        }
        Some(tr!(
            "注意：数据库文件 {db} 的结构被其他程序改动过（{changes}）；视图按 shuze 自己的定义读出，但表中的内容可能已被改写",
            "Note: another program changed the schema of the database file {db} ({changes}); views are read as shuze defines them, but what the tables hold may have been rewritten",
            db = self.path.display(),
            changes = joined(&self.schema_changes)
        ))
    }

    /// The same, for the head of an exported document (always in Chinese, as the minutes
    /// are): the objects by name, no path.
    pub fn changed_schema_notice(&self) -> Option<String> {
        if self.schema_changes.is_empty() {
            return None;
        }
        let names: Vec<&str> = self.schema_changes.iter().map(|d| d.name()).collect();
        Some(format!(
            "本文件导出自结构被其他程序改动过的数据库文件（改动的对象：{}），其中的内容可能已被改写。",
            names.join("、")
        ))
    }

    /// Opens a shuze file strictly for reading (the audience view, `shuze meetings`,
    /// `export`): no migration, no write, nothing made beside a file no program has open
    /// (`reading.rs`). A schema changed by another program is noted
    /// ([`Store::changed_schema_warning`]) and read through shuze's own views.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        inspect_existing(path)?;
        // Read as it stands only while no program can copy its log into the file meanwhile.
        let (conn, as_it_stood, held) = match reads_as_it_stands(path) {
            true => match reading::hold_still(path) {
                Ok(held) => (immutable_connection(path)?, true, held),
                // A program holds the file exclusively now (copying its log in): read the log.
                Err(()) => (reading::with_log(path)?, false, None),
            },
            false => (read_only_connection(path)?, false, None),
        };
        let store = Store {
            conn,
            path: path.to_path_buf(),
            identity: None,
            as_it_stood,
            schema_changes: Vec::new(),
            origin: Origin::Console,
            held,
            drafts: Default::default(),
        };
        chain::register(&store.conn)?;
        store.verify().map_err(|e| file_error(path, e))?;
        let found = store.schema_version().map_err(|e| file_error(path, e))?;
        if found != latest_version() {
            return Err(StorageError::OtherVersion {
                path: path.to_path_buf(),
                found,
                supported: latest_version(),
            });
        }
        store.check_tables()?;
        steps::check(&store.conn, path)?;
        let mut store = store;
        store.schema_changes = schema_differences(&store.conn, path)?;
        shape::shadow_views(&store.conn, &store.schema_changes)
            .map_err(|e| file_error(path, e.into()))?;
        Ok(store)
    }

    /// Refuses a file that lacks a table of the newest schema (dropped by hand or by another
    /// program), before a query fails on it in the middle of a meeting.
    fn check_tables(&self) -> Result<()> {
        // The newest schema exactly: every table is there (no schema built to compare).
        if shape::is_latest(&self.conn).map_err(|e| file_error(&self.path, e.into()))? {
            return Ok(());
        }
        let found = table_names(&self.conn)?;
        let missing: Vec<&str> = schema::expected_tables()
            .iter()
            .filter(|t| !found.contains(t))
            .map(String::as_str)
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(StorageError::Incomplete {
            path: self.path.clone(),
            missing: missing.join("、"),
        })
    }

    /// For a reader that follows a recording (the audience view): once a program opens the
    /// file for writing (its write-ahead log appears), a file read as it stood is read the
    /// usual way from then on, to see what is written. True when it switched.
    pub fn follow_writer(&mut self) -> Result<bool> {
        if !self.as_it_stood || reads_as_it_stands(&self.path) {
            return Ok(false);
        }
        self.conn = read_only_connection(&self.path)?;
        shape::shadow_views(&self.conn, &self.schema_changes)
            .map_err(|e| file_error(&self.path, e.into()))?;
        self.as_it_stood = false;
        self.held = None;
        Ok(true)
    }

    /// A number that changes whenever another connection commits to the file.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))?)
    }

    /// Creates a new database file (readable by its owner only); `path` must not exist.
    /// On failure nothing is left behind.
    pub fn create(path: &Path) -> Result<Store> {
        crate::files::create_private_file(path)?;
        Store::open_writable(path, true).inspect_err(|_| remove_database_files(path))
    }

    /// Opens a shuze file, or creates it when `path` does not exist yet.
    pub fn create_or_open(path: &Path) -> Result<Store> {
        match path.symlink_metadata() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Store::create(path),
            _ => Store::open(path),
        }
    }

    /// How long a write waits for another program's lock before it gives up with
    /// [`StorageError::Busy`]. The console keeps this short so typing never freezes.
    pub fn set_busy_timeout(&self, wait: std::time::Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// A private in-memory database, for tests and dry runs.
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
            identity: None,
            as_it_stood: false,
            schema_changes: Vec::new(),
            origin: Origin::Console,
            held: None,
            drafts: Default::default(),
        };
        store.prepare()?;
        Ok(store)
    }

    fn open_writable(path: &Path, check_now: bool) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .and_then(|conn| cipher::unlock(&conn, path).map(|()| conn))
            .map_err(|source| file_error(path, StorageError::Sql(source)))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            identity: None,
            as_it_stood: false,
            schema_changes: Vec::new(),
            origin: Origin::Console,
            held: None,
            drafts: Default::default(),
        };
        let found = store.prepare().map_err(|err| file_error(path, err))?;
        if check_now || found < latest_version() {
            store.quick_check().map_err(|err| file_error(path, err))?;
        }
        store.check_tables()?;
        store.identity = file_identity(path);
        if store.conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StorageError::ReadOnly(path.to_path_buf()));
        }
        Ok(store)
    }

    /// Refuses a file whose application id, schema version or tables are not a shuze
    /// file's, reading only.
    fn verify(&self) -> Result<()> {
        let application_id: i32 = self
            .conn
            .pragma_query_value(None, "application_id", |row| row.get(0))?;
        header::classify(&self.path, application_id, self.schema_version()?)?;
        if application_id == APPLICATION_ID {
            return Ok(());
        }
        // Unmarked: a shuze file from before schema 5 has exactly the tables and columns of
        // its version; anything else is another program's.
        let version = self.schema_version()?;
        let ours = version > 0
            && table_columns(&self.conn)?
                == schema::tables_at(version).map_err(StorageError::Sql)?;
        match ours {
            true => Ok(()),
            false => Err(StorageError::OtherProgram(self.path.clone())),
        }
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

    /// Sets the connection up and brings the schema to the newest version; returns the
    /// version the file had.
    fn prepare(&mut self) -> Result<i64> {
        self.conn.busy_timeout(OPEN_WAIT)?;
        chain::register(&self.conn)?;
        // Every statement run per keystroke or per official is prepared once.
        self.conn.set_prepared_statement_cache_capacity(64);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // Before anything is written: a file from a newer shuze keeps its journal mode.
        let found = self.schema_version()?;
        if found > latest_version() {
            return Err(StorageError::TooNew {
                path: self.path.clone(),
                found,
                supported: latest_version(),
            });
        }
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        steps::check(&self.conn, &self.path)?;
        self.migrate(found)?;
        // Not a reason to refuse the meeting (a full disk at the first open after an
        // upgrade): rescue files then say an empty identity and are kept, not offered.
        let _ = self.ensure_file_id();
        Ok(found)
    }

    fn migrate(&mut self, found: i64) -> Result<()> {
        for (index, step) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(step)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
            steps::record(&tx, found, index as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Refuses to go on writing when the file opened is no longer at its path: deleted,
    /// moved or replaced while the console ran (the writes would reach a file nobody sees).
    pub fn still_in_place(&self) -> Result<()> {
        let here = std::fs::metadata(&self.path).is_ok();
        let same = self.identity.is_none() || file_identity(&self.path) == self.identity;
        match here && same {
            true => Ok(()),
            false => Err(StorageError::Gone(self.path.clone())),
        }
    }

    /// Leaves the file as it is from now on: when the connection closes, its write-ahead
    /// log is not copied into the file (the log keeps what was written; the file's bytes
    /// stay as they were). For a damaged file, or one replaced under the console.
    pub fn leave_file_as_it_is(&self) {
        let _ = self.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        );
    }

    /// Copies what the write-ahead log holds into the file this connection has open, wherever
    /// that file is now: a file moved away under the console takes its last writes with it
    /// (a deleted or replaced one is no longer anybody's, so writing into it harms nothing).
    /// Never for a damaged file.
    pub fn checkpoint_into_open_file(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(FULL)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Where the file this connection opened is now (it may have been moved): found among the
    /// process's open files by its device and inode. `None` when it was deleted or cannot be
    /// told (not Linux).
    pub fn where_now(&self) -> Option<PathBuf> {
        #[cfg(target_os = "linux")]
        {
            let wanted = self.identity?;
            let entries = std::fs::read_dir("/proc/self/fd").ok()?;
            entries.flatten().find_map(|entry| {
                let target = std::fs::read_link(entry.path()).ok()?;
                let here = file_identity(&target) == Some(wanted);
                here.then_some(target)
            })
        }
        #[cfg(not(target_os = "linux"))]
        {
            None
        }
    }

    /// The device and inode of the write-ahead log beside the file (Unix), to know later
    /// whether the log at that path is still this connection's.
    pub fn log_identity(&self) -> Option<(u64, u64)> {
        file_identity(&side_file(&self.path, "-wal"))
    }

    /// After the file was replaced or moved away under the console and the store closed:
    /// its write-ahead log, if it is still the one at `path` (`identity`), would be read as
    /// the new file's and make it look damaged. It is renamed aside (it holds the old file's
    /// last writes, so it is kept), and the shared-memory index is removed.
    pub fn set_aside_log(path: &Path, identity: Option<(u64, u64)>) -> Option<PathBuf> {
        let log = side_file(path, "-wal");
        if identity.is_none() || file_identity(&log) != identity {
            return None;
        }
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let aside = side_file(path, &format!(".wal-of-the-file-replaced-{stamp}"));
        std::fs::rename(&log, &aside).ok()?;
        let _ = std::fs::remove_file(side_file(path, "-shm"));
        Some(aside)
    }

    /// Writes the whole file, encrypted, plain or under a new passphrase
    /// ([`cipher::Conversion`]), into a new file renamed to `to` (a new path, or this file's
    /// own) only once complete, read back, and this connection closed.
    pub fn convert_to(self, to: &Path, how: &cipher::Conversion) -> Result<()> {
        let Store { conn, .. } = self;
        cipher::convert(conn, to, how).map_err(|err| file_error(to, err))
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
