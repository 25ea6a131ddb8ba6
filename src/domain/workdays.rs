//! Working days (工作日): the national holidays and make-up working days (调休) shipped in
//! `data/holidays.toml`, a user's own days added on top, and the arithmetic that turns a
//! deadline of "15个工作日" into a date and counts the working days a follow-up is overdue.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The holiday file shipped with the program, compiled in.
pub const SHIPPED: &str = include_str!("../../data/holidays.toml");

/// Which days are worked: Monday to Friday, less the holidays, plus the make-up days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    off: BTreeSet<NaiveDate>,
    worked: BTreeSet<NaiveDate>,
}

/// What is wrong in a holiday file, and where (entries counted from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// Not TOML of the expected layout; the parser's own words.
    Layout(String),
    /// A value that is not a date written as YYYY-MM-DD.
    BadDate {
        entry: usize,
        field: &'static str,
        value: String,
    },
    /// `to` before `from`.
    Backwards { entry: usize },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    holiday: Vec<RawHoliday>,
}

/// One `[[holiday]]`: the days off from `from` to `to`, and the weekend days worked instead.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    #[serde(default)]
    #[allow(dead_code)]
    name: String,
    from: String,
    /// The last day off; `from` alone when left out.
    to: Option<String>,
    #[serde(default)]
    workdays: Vec<String>,
}

fn date(entry: usize, field: &'static str, value: &str) -> Result<NaiveDate, CalendarError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| CalendarError::BadDate {
        entry,
        field,
        value: value.to_string(),
    })
}

impl Calendar {
    /// The shipped calendar (its file is checked by a test, so this cannot fail in use).
    pub fn shipped() -> Calendar {
        let mut calendar = Calendar::default();
        calendar.add(SHIPPED).unwrap_or_default();
        calendar
    }

    /// Adds the days of a holiday file: a day named in it wins over what was known.
    pub fn add(&mut self, text: &str) -> Result<(), CalendarError> {
        let raw: RawFile =
            toml::from_str(text).map_err(|e| CalendarError::Layout(e.message().to_string()))?;
        for (index, holiday) in raw.holiday.iter().enumerate() {
            let entry = index + 1;
            let from = date(entry, "from", &holiday.from)?;
            let to = match &holiday.to {
                Some(to) => date(entry, "to", to)?,
                None => from,
            };
            if to < from {
                return Err(CalendarError::Backwards { entry });
            }
            for day in from.iter_days().take_while(|d| *d <= to) {
                self.worked.remove(&day);
                self.off.insert(day);
            }
            for worked in &holiday.workdays {
                let day = date(entry, "workdays", worked)?;
                self.off.remove(&day);
                self.worked.insert(day);
            }
        }
        Ok(())
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.worked.contains(&day) {
            return true;
        }
        !self.off.contains(&day) && !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The day `count` working days after `from` (the day itself not counted).
    pub fn add_working_days(&self, from: NaiveDate, count: u32) -> NaiveDate {
        let mut day = from;
        let mut left = count;
        while left > 0 {
            match day.checked_add_days(Days::new(1)) {
                Some(next) => day = next,
                None => return day,
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The working days after `from` up to and including `to` (0 when `to` is not later).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count() as u32
    }
}

static INSTALLED: OnceLock<Calendar> = OnceLock::new();

/// Sets the calendar every part of the program counts with (once, at start-up, after the
/// user's file is read); later calls leave the first.
pub fn install(calendar: Calendar) {
    let _ = INSTALLED.set(calendar);
}

/// The calendar in use: the one installed at start-up, else the shipped one.
pub fn calendar() -> &'static Calendar {
    INSTALLED.get_or_init(Calendar::shipped)
}

/// A deadline written as a number of working days: "15个工作日", "15 个工作日", "15工作日",
/// "15 working days"; `None` for anything else (a date, for one).
pub fn working_days_in(text: &str) -> Option<u32> {
    let text = text.trim();
    let number = text
        .strip_suffix("个工作日")
        .or_else(|| text.strip_suffix("工作日"))
        .or_else(|| text.strip_suffix("working days"))
        .or_else(|| text.strip_suffix("working day"))?;
    number.trim().parse().ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_shipped_file_reads() {
        let mut calendar = Calendar::default();
        assert_eq!(calendar.add(SHIPPED), Ok(()));
        assert!(!calendar.is_working_day(day("2026-02-16")), "除夕 2026");
        assert!(
            calendar.is_working_day(day("2026-02-14")),
            "a Saturday worked"
        );
    }

    #[test]
    fn fifteen_working_days_across_the_spring_festival() {
        let calendar = Calendar::shipped();
        // Raised on Monday 2026-02-09: the 10th to the 13th (4), Saturday the 14th worked
        // (5), the 15th to the 23rd off, the 24th to the 27th (9), Saturday the 28th worked
        // (10), then 2 to 6 March (15).
        assert_eq!(
            calendar.add_working_days(day("2026-02-09"), 15),
            day("2026-03-06")
        );
        // With weekends alone it would have been 2 March.
        assert_eq!(
            Calendar::default().add_working_days(day("2026-02-09"), 15),
            day("2026-03-02")
        );
        assert_eq!(
            calendar.working_days_between(day("2026-02-09"), day("2026-03-06")),
            15
        );
        assert_eq!(
            calendar.working_days_between(day("2026-03-06"), day("2026-02-09")),
            0
        );
    }

    #[test]
    fn across_new_year_2027() {
        assert_eq!(
            Calendar::shipped().add_working_days(day("2026-12-21"), 15),
            day("2027-01-12")
        );
    }

    #[test]
    fn a_users_day_wins_over_the_shipped_one() {
        let mut calendar = Calendar::shipped();
        calendar
            .add("[[holiday]]\nname = \"县庆\"\nfrom = \"2026-03-03\"\nworkdays = [\"2026-02-15\"]\n")
            .unwrap();
        assert!(!calendar.is_working_day(day("2026-03-03")));
        assert!(calendar.is_working_day(day("2026-02-15")));
    }

    #[test]
    fn a_bad_file_says_which_entry_and_field() {
        let mut calendar = Calendar::default();
        let bad = "[[holiday]]\nfrom = \"2026-01-01\"\n[[holiday]]\nfrom = \"2026-13-01\"\n";
        assert_eq!(
            calendar.add(bad),
            Err(CalendarError::BadDate {
                entry: 2,
                field: "from",
                value: "2026-13-01".into()
            })
        );
        let backwards = "[[holiday]]\nfrom = \"2026-05-05\"\nto = \"2026-05-01\"\n";
        assert_eq!(
            calendar.add(backwards),
            Err(CalendarError::Backwards { entry: 1 })
        );
        assert!(matches!(
            calendar.add("[[holiday]]\nfrom = \"2026-05-05\"\nuntil = 3\n"),
            Err(CalendarError::Layout(_))
        ));
    }

    #[test]
    fn working_days_as_written() {
        for (text, expected) in [
            ("15个工作日", Some(15)),
            ("15 个工作日", Some(15)),
            ("10工作日", Some(10)),
            ("15 working days", Some(15)),
            ("1 working day", Some(1)),
            ("0个工作日", None),
            ("2027-01-12", None),
            ("十五个工作日", None),
        ] {
            assert_eq!(working_days_in(text), expected, "{text}");
        }
    }
}
