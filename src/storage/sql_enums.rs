//! The domain's enums in the database: stored as the words of `domain::Word`, the one
//! table that also spells them in files and that the schema's CHECK constraints repeat.

use crate::domain::{
    Attendance, DutySource, DutyStatus, FollowUpMark, FollowUpMode, FollowUpSource, FollowUpStatus,
    PortraitDimension, RiskLevel, Stage, Word,
};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

macro_rules! stored_as_words {
    ($($ty:ident),+ $(,)?) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.word()))
            }
        }
        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let word = value.as_str()?;
                $ty::from_word(word).ok_or_else(|| {
                    FromSqlError::Other(format!("unknown {} '{word}'", $ty::WHAT).into())
                })
            }
        }
    )+};
}

stored_as_words!(
    Stage,
    Attendance,
    DutySource,
    DutyStatus,
    RiskLevel,
    FollowUpSource,
    FollowUpMode,
    FollowUpStatus,
    FollowUpMark,
    PortraitDimension,
);
