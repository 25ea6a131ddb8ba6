//! How the domain's enums are spelled in the database: stable English words.

use crate::domain::{
    Attendance, DutySource, DutyStatus, FollowUpMode, FollowUpSource, FollowUpStatus, RiskLevel,
    Stage,
};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// The words an enum is stored as, in declaration order: the one list the schema's CHECK
/// constraints and triggers must repeat (a test in `schema.rs` holds them to it).
pub trait SqlNames {
    const NAMES: &'static [&'static str];
}

macro_rules! sql_text_enum {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl SqlNames for $ty {
            const NAMES: &'static [&'static str] = &[$($text),+];
        }
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(match self { $($ty::$variant => $text),+ }))
            }
        }
        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                match value.as_str()? {
                    $($text => Ok($ty::$variant),)+
                    other => Err(FromSqlError::Other(
                        format!("unknown {} '{other}'", stringify!($ty)).into(),
                    )),
                }
            }
        }
    };
}

sql_text_enum!(Stage {
    Pending => "pending", Report => "report", Questions => "questions", Remarks => "remarks",
    Rating => "rating", FollowUps => "follow_ups", Done => "done", Skipped => "skipped",
});
sql_text_enum!(Attendance { Present => "present", NonVoting => "non_voting", Absent => "absent" });
sql_text_enum!(DutySource {
    AnnualReminder => "annual_reminder", QuarterlyDispatch => "quarterly_dispatch",
    AddedDispatch => "added_dispatch",
});
sql_text_enum!(DutyStatus { NotStarted => "not_started", InProgress => "in_progress", Done => "done" });
sql_text_enum!(RiskLevel { High => "high", Medium => "medium", Low => "low" });
sql_text_enum!(FollowUpSource {
    Question => "question", Remarks => "remarks", Rating => "rating", Feedback => "feedback",
});
sql_text_enum!(FollowUpMode {
    Immediate => "immediate", ByDeadline => "by_deadline", LongTerm => "long_term",
});
sql_text_enum!(FollowUpStatus {
    NotStarted => "not_started", InProgress => "in_progress", Completed => "completed",
    Closed => "closed",
});
