//! The year in figures (`shuze report --year`): per unit, its ratings of every year it
//! reported and the follow-ups raised at the year's meetings and how they ended, read once.

use super::lossy::Lossy;
use super::{Result, Store};
use crate::domain::Rating;
use crate::domain::rating_rules::RatingScheme;
use crate::view::{UnitYear, YearRating, tallies_for};
use chrono::NaiveDate;

impl Store {
    /// Every unit that reported at a meeting held in `year`, in name order, with its figures
    /// as of `as_of` (overdue: still open and past its deadline then).
    pub fn year_figures(&self, year: i32, as_of: NaiveDate) -> Result<Vec<UnitYear>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT u.id, u.name FROM unit u
             JOIN agenda_slot s ON s.unit_id = u.id
             JOIN meeting_now m ON m.id = s.meeting_id
             WHERE substr(m.held_on, 1, 4) = ?1 ORDER BY u.name",
        )?;
        let units = stmt.query_map([year.to_string()], |row| {
            let row = &Lossy(row);
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?;
        let units: Vec<_> = units.collect::<rusqlite::Result<_>>()?;
        let mut figures = Vec::new();
        for (unit, name) in units {
            let mut figure = UnitYear {
                unit: name,
                ratings: self.unit_ratings(unit)?,
                portrait: self.portrait_counts(unit, year)?,
                ..UnitYear::default()
            };
            self.count_follow_ups(unit, year, as_of, &mut figure)?;
            figures.push(figure);
        }
        Ok(figures)
    }

    /// The unit's rating at each meeting it reported at, oldest first: the newest round, the
    /// share of 好 and 较好 and what the meeting's rules decide.
    fn unit_ratings(&self, unit: i64) -> Result<Vec<YearRating>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.held_on, r.voters, r.excellent, r.good, r.fair, r.poor, s.id
             FROM agenda_slot s JOIN meeting_now m ON m.id = s.meeting_id
             JOIN rating r ON r.slot_id = s.id
             WHERE s.unit_id = ?1
               AND r.round = (SELECT max(round) FROM rating WHERE slot_id = s.id)
             ORDER BY m.held_on, m.id",
        )?;
        let rows = stmt.query_map([unit], |row| {
            let row = &Lossy(row);
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, NaiveDate>(1)?,
                Rating {
                    voters: row.get(2)?,
                    excellent: row.get(3)?,
                    good: row.get(4)?,
                    fair: row.get(5)?,
                    poor: row.get(6)?,
                },
            ))
        })?;
        let rows: Vec<_> = rows.collect::<rusqlite::Result<_>>()?;
        let mut ratings = Vec::new();
        for (meeting, held_on, rating) in rows {
            let scheme: RatingScheme = self.rating_scheme(meeting)?;
            let outcome = scheme.decide(&tallies_for(&scheme, &[], Some(&rating)));
            ratings.push(YearRating {
                held_on,
                approval_percent: rating.approval_percent(),
                result: outcome.result.unwrap_or_default(),
            });
        }
        Ok(ratings)
    }

    /// The follow-ups raised for the unit at the year's meetings: completed on time (or
    /// completed with no date recorded), completed late, open, and open past the deadline.
    fn count_follow_ups(
        &self,
        unit: i64,
        year: i32,
        as_of: NaiveDate,
        figure: &mut UnitYear,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.deadline, n.status,
                    (SELECT min(d) FROM (
                        SELECT substr(c.changed_at, 1, 10) AS d FROM follow_up_change c
                        WHERE c.follow_up_id = f.id AND c.status IN ('completed', 'closed')
                        UNION ALL
                        SELECT k.checked_on FROM follow_up_check k
                        WHERE k.follow_up_id = f.id AND k.mark = 'completed')),
                    (SELECT k.mark FROM follow_up_check k WHERE k.follow_up_id = f.id
                     ORDER BY k.id DESC LIMIT 1)
             FROM follow_up f JOIN follow_up_now n ON n.id = f.id
             JOIN agenda_slot s ON s.id = f.slot_id
             JOIN meeting_now m ON m.id = s.meeting_id
             WHERE f.unit_id = ?1 AND substr(m.held_on, 1, 4) = ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![unit, year.to_string()], |row| {
            let row = &Lossy(row);
            Ok((
                row.get::<_, Option<NaiveDate>>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<NaiveDate>>(2)?,
                row.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (deadline, status, done_on, last_mark) = row?;
            figure.raised += 1;
            let completed = matches!(status.as_str(), "completed" | "closed")
                || last_mark.as_deref() == Some("completed");
            match (completed, deadline, done_on) {
                (true, Some(deadline), Some(done)) if done > deadline => figure.completed_late += 1,
                (true, ..) => figure.completed_on_time += 1,
                (false, Some(deadline), _) if deadline < as_of => {
                    figure.open += 1;
                    figure.overdue += 1;
                }
                (false, ..) => figure.open += 1,
            }
        }
        Ok(())
    }
}
