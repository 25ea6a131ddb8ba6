//! The one table of the words each of the domain's enums is written as: in the prep file
//! and the JSON export (serde), in the database (storage's `ToSql`/`FromSql`), and in the
//! schema's CHECK constraints (a test in `storage/schema.rs` holds each to this table).
//! Stable English words: files written with them are read again years later.

use super::{
    Attendance, DutySource, DutyStatus, FollowUpMark, FollowUpMode, FollowUpSource, FollowUpStatus,
    PortraitDimension, RiskLevel, Stage,
};

/// An enum written as one word per variant.
pub trait Word: Sized + Copy + 'static {
    /// The words, in declaration order.
    const WORDS: &'static [&'static str];
    /// The variants, in the same order.
    const ALL: &'static [Self];
    /// What this enum is called in a message.
    const WHAT: &'static str;

    fn word(self) -> &'static str;

    fn from_word(word: &str) -> Option<Self> {
        let at = Self::WORDS.iter().position(|name| *name == word)?;
        Some(Self::ALL[at])
    }
}

macro_rules! named {
    ($ty:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl Word for $ty {
            const WORDS: &'static [&'static str] = &[$($word),+];
            const ALL: &'static [Self] = &[$($ty::$variant),+];
            const WHAT: &'static str = stringify!($ty);

            fn word(self) -> &'static str {
                match self { $($ty::$variant => $word),+ }
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, to: S) -> Result<S::Ok, S::Error> {
                to.serialize_str(self.word())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(from: D) -> Result<Self, D::Error> {
                let word = String::deserialize(from)?;
                $ty::from_word(&word)
                    .ok_or_else(|| serde::de::Error::unknown_variant(&word, $ty::WORDS))
            }
        }
    };
}

named!(Stage {
    Pending => "pending", Report => "report", Questions => "questions", Remarks => "remarks",
    Rating => "rating", FollowUps => "follow_ups", Done => "done", Skipped => "skipped",
});
named!(Attendance { Present => "present", NonVoting => "non_voting", Absent => "absent" });
named!(DutySource {
    AnnualReminder => "annual_reminder", QuarterlyDispatch => "quarterly_dispatch",
    AddedDispatch => "added_dispatch",
});
named!(DutyStatus { NotStarted => "not_started", InProgress => "in_progress", Done => "done" });
named!(RiskLevel { High => "high", Medium => "medium", Low => "low" });
named!(FollowUpSource {
    Question => "question", Remarks => "remarks", Rating => "rating", Feedback => "feedback",
});
named!(FollowUpMode {
    Immediate => "immediate", ByDeadline => "by_deadline", LongTerm => "long_term",
});
named!(FollowUpStatus {
    NotStarted => "not_started", InProgress => "in_progress", Completed => "completed",
    Closed => "closed",
});

named!(PortraitDimension {
    PartyLife => "party_life", Appointments => "appointments", UseOfPower => "use_of_power",
    Integrity => "integrity", PublicSatisfaction => "public_satisfaction",
});
named!(FollowUpMark { Completed => "completed", InProgress => "in_progress", Overdue => "overdue" });

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: Word + PartialEq + std::fmt::Debug + serde::Serialize>() {
        for (value, word) in T::ALL.iter().zip(T::WORDS) {
            assert_eq!(value.word(), *word);
            assert_eq!(T::from_word(word), Some(*value));
            assert_eq!(serde_json::to_string(value).unwrap(), format!("\"{word}\""));
        }
        assert_eq!(T::from_word("nonsense"), None);
    }

    #[test]
    fn every_word_names_its_variant_in_the_database_and_in_files() {
        round_trips::<Stage>();
        round_trips::<Attendance>();
        round_trips::<DutySource>();
        round_trips::<DutyStatus>();
        round_trips::<RiskLevel>();
        round_trips::<FollowUpSource>();
        round_trips::<FollowUpMode>();
        round_trips::<FollowUpStatus>();
        round_trips::<FollowUpMark>();
    }

    #[test]
    fn an_unknown_word_in_a_file_is_named_with_the_words_allowed() {
        let err = serde_json::from_str::<RiskLevel>("\"severe\"").unwrap_err();
        assert!(
            err.to_string()
                .contains("unknown variant `severe`, expected one of `high`, `medium`, `low`"),
            "{err}"
        );
    }
}
