//! Text that is not UTF-8 (written into the file by another tool, e.g. `sqlite3` with
//! `CAST(x'…' AS TEXT)`) is read with U+FFFD in place of each bad sequence instead of
//! stopping the read, and noted; [`Store::invalid_text_warning`] then names every such
//! field by table, column and row, so that the meeting still opens, exports and ends.

use super::{Result, Store};
use crate::messages::tr;
use rusqlite::{Row, RowIndex};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a text was read with replacement marks.
static REPLACED: AtomicBool = AtomicBool::new(false);
/// Set when a bad text not met before was read, until a warning named the fields.
static UNREPORTED: AtomicBool = AtomicBool::new(false);

/// Whether a bad text (by its hash) is met for the first time: reading the same one again
/// at every redraw is not news.
fn first_meeting(hash: u64) -> bool {
    static MET: std::sync::Mutex<Vec<u64>> = std::sync::Mutex::new(Vec::new());
    let mut met = MET
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if met.contains(&hash) {
        return false;
    }
    met.push(hash);
    true
}

/// A row whose text columns are read lossily: `Lossy(row).get(i)` where `row.get(i)` was.
pub struct Lossy<'a, 'stmt>(pub &'a Row<'stmt>);

impl Lossy<'_, '_> {
    pub fn get<I: RowIndex + Copy, T: Column>(&self, index: I) -> rusqlite::Result<T> {
        T::read(self.0, index)
    }
}

/// A value read from a column: text lossily, the rest as `FromSql` reads it.
pub trait Column: Sized {
    fn read<I: RowIndex + Copy>(row: &Row, index: I) -> rusqlite::Result<Self>;
}

impl Column for String {
    fn read<I: RowIndex + Copy>(row: &Row, index: I) -> rusqlite::Result<Self> {
        match row.get_ref(index)? {
            rusqlite::types::ValueRef::Text(bytes) => Ok(text(bytes)),
            _ => row.get(index),
        }
    }
}

impl Column for Option<String> {
    fn read<I: RowIndex + Copy>(row: &Row, index: I) -> rusqlite::Result<Self> {
        match row.get_ref(index)? {
            rusqlite::types::ValueRef::Text(bytes) => Ok(Some(text(bytes))),
            _ => row.get(index),
        }
    }
}

/// Bytes as text: as they are when UTF-8, else with U+FFFD for each bad sequence (noted).
fn text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            REPLACED.store(true, Ordering::Relaxed);
            use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
            let hash = BuildHasherDefault::<DefaultHasher>::default().hash_one(bytes);
            if first_meeting(hash) {
                UNREPORTED.store(true, Ordering::Relaxed);
            }
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

macro_rules! read_as_stored {
    ($($ty:ty),+ $(,)?) => {$(
        impl Column for $ty {
            fn read<I: RowIndex + Copy>(row: &Row, index: I) -> rusqlite::Result<Self> {
                row.get(index)
            }
        }
    )+};
}

use crate::domain::{
    Attendance, DutySource, DutyStatus, FollowUpMark, FollowUpMode, FollowUpSource, FollowUpStatus,
    PortraitDimension, RiskLevel, Stage,
};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
read_as_stored!(
    i64,
    Option<i64>,
    u32,
    Option<u32>,
    bool,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    NaiveDate,
    Option<NaiveDate>,
    Option<NaiveTime>,
    Stage,
    Attendance,
    Option<Attendance>,
    DutySource,
    DutyStatus,
    RiskLevel,
    FollowUpSource,
    FollowUpMode,
    FollowUpStatus,
    FollowUpMark,
    PortraitDimension,
);

/// How many fields the warning names; the rest are counted.
const NAMED: usize = 5;

impl Store {
    /// After a text that is not UTF-8 was read (shown with U+FFFD): a warning naming every
    /// such field of the file, by table, column and row. `None` while every text read was
    /// UTF-8 (the file is searched only then).
    pub fn invalid_text_warning(&self) -> Result<Option<String>> {
        if !REPLACED.load(Ordering::Relaxed) {
            return Ok(None);
        }
        UNREPORTED.store(false, Ordering::Relaxed);
        let fields = self.invalid_text_fields()?;
        if fields.is_empty() {
            return Ok(None);
        }
        let mut named = fields[..fields.len().min(NAMED)].join(&tr!("、", ", "));
        if fields.len() > NAMED {
            named.push_str(&tr!(
                "等 {count} 处",
                " and others, {count} in all",
                count = fields.len()
            ));
        }
        Ok(Some(tr!(
            "注意：这些文字不是 UTF-8（可能是其他程序写入的），显示和导出时以 � 代替：{fields}（{db}）",
            "Note: this text is not UTF-8 (perhaps written by another program) and is shown and exported with � in its place: {fields} ({db})",
            db = self.path().display(),
            fields = named
        )))
    }

    /// For the head of an exported document (in Chinese, as the minutes are): that some
    /// text read was not UTF-8 and shows �. `None` while every text read was UTF-8.
    pub fn invalid_text_notice(&self) -> Option<String> {
        REPLACED.load(Ordering::Relaxed).then(|| {
            "数据库中有的文字不是 UTF-8（可能是其他程序写入的），本文件中以 � 代替无法识别的部分。"
                .to_string()
        })
    }

    /// Like [`Store::invalid_text_warning`], only when a bad text not met before was read
    /// since the last warning: for the console after each key (moving to another official
    /// can bring one).
    pub fn new_invalid_text_warning(&self) -> Result<Option<String>> {
        match UNREPORTED.load(Ordering::Relaxed) {
            true => self.invalid_text_warning(),
            false => Ok(None),
        }
    }

    /// Every text field of the file that is not UTF-8, as `表 question 列 text 第 3 行`.
    fn invalid_text_fields(&self) -> Result<Vec<String>> {
        let mut found = Vec::new();
        for (table, columns) in super::table_columns(&self.conn)? {
            for column in columns {
                let sql = format!(
                    "SELECT rowid, CAST(\"{column}\" AS BLOB) FROM \"{table}\" WHERE typeof(\"{column}\") = 'text'"
                );
                let mut stmt = self.conn.prepare(&sql)?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    let bytes: Vec<u8> = row.get(1)?;
                    if std::str::from_utf8(&bytes).is_err() {
                        let id: i64 = row.get(0)?;
                        found.push(tr!(
                            "表 {table} 列 {column} 第 {row} 行",
                            "{table}.{column} row {row}",
                            table = table,
                            column = column,
                            row = id
                        ));
                    }
                }
            }
        }
        Ok(found)
    }
}
