//! The file's settings (the `setting` table) by what they are, not by string keys: the
//! key of each is written in one place, `Setting::key`.

use crate::domain::Id;

/// A value kept in the `setting` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// The console's colour theme, by name (one for the file).
    Theme,
    /// A meeting's rating scale, voter groups and rules (its prep's `[rating]`, as JSON).
    RatingScheme(Id),
    /// A meeting's 纪要 发文机关 (the meeting table has no column for it).
    SummaryOffice(Id),
    /// A meeting's 纪要 期号, as digits.
    SummaryIssue(Id),
    /// A meeting's classification line (密级标志) for its exports.
    ExportMark(Id),
    /// Who records a meeting (the recorder's lock).
    Recorder(Id),
    /// The file's own identity (see `Store::file_id`).
    FileId,
}

impl Setting {
    /// Its key in the `setting` table, as files already written have it.
    pub fn key(self) -> String {
        match self {
            Setting::Theme => "theme".into(),
            Setting::RatingScheme(meeting) => format!("rating.scheme.meeting-{meeting}"),
            Setting::SummaryOffice(meeting) => format!("summary.office.meeting-{meeting}"),
            Setting::SummaryIssue(meeting) => format!("summary.issue.meeting-{meeting}"),
            Setting::ExportMark(meeting) => format!("export.mark.meeting-{meeting}"),
            Setting::Recorder(meeting) => format!("recorder.meeting-{meeting}"),
            Setting::FileId => "file_id".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_are_those_files_already_have() {
        assert_eq!(Setting::Theme.key(), "theme");
        assert_eq!(Setting::RatingScheme(3).key(), "rating.scheme.meeting-3");
        assert_eq!(Setting::SummaryOffice(3).key(), "summary.office.meeting-3");
        assert_eq!(Setting::SummaryIssue(3).key(), "summary.issue.meeting-3");
        assert_eq!(Setting::ExportMark(3).key(), "export.mark.meeting-3");
        assert_eq!(Setting::Recorder(3).key(), "recorder.meeting-3");
        assert_eq!(Setting::FileId.key(), "file_id");
    }
}
