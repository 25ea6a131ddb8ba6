//! The five panes side by side: the questions and remarks above, the duty items, risk
//! points and follow-ups below. Heights and widths are shared by what the panes hold, so
//! that no pane is cut while another above, below or beside it shows empty rows.

use super::{Theme, panes};
use crate::app::{Console, Pane};
use ratatui::layout::Rect;

/// No pane narrower than this share of its row (1/n): text wrapped into a sliver is no use.
const NARROWEST: u16 = 6;

/// Where the agenda column and each pane go in `below` (the body under the card), the
/// panes in the order of `Pane::ALL`'s rows: the upper panes, then the lower ones. The
/// agenda column stands beside the upper panes; when it fits there, the lower panes take
/// the whole width under both, so that no row of the agenda column stands empty while a
/// pane beside it is cut.
pub fn layout(
    below: Rect,
    agenda_width: u16,
    console: &Console,
    theme: &Theme,
) -> (Rect, Vec<(Pane, Rect)>) {
    let upper = [Pane::Questions, Pane::Remarks];
    let lower = [Pane::Duties, Pane::Risks, Pane::FollowUps];
    let grid = Rect {
        x: below.x + agenda_width + 1,
        width: below.width.saturating_sub(agenda_width + 1),
        ..below
    };
    let upper_needs = Needs::measure(&upper, grid.width, console, theme);
    let wide_needs = Needs::measure(&lower, below.width, console, theme);
    let available = below.height.saturating_sub(1);
    let agenda_rows = agenda_rows_needed(console, theme);
    let upper_rows = super::share_height(
        available,
        upper_needs.fewest_rows().max(agenda_rows),
        wide_needs.fewest_rows(),
    );
    let (agenda, lower_area, lower_needs) = if upper_rows >= agenda_rows {
        let agenda = Rect {
            width: agenda_width,
            height: upper_rows,
            ..below
        };
        (agenda, below, wide_needs)
    } else {
        // The agenda column needs the whole height: the panes share what is beside it.
        let agenda = Rect {
            width: agenda_width,
            ..below
        };
        let lower_needs = Needs::measure(&lower, grid.width, console, theme);
        (agenda, grid, lower_needs)
    };
    let upper_rows = match lower_area == below {
        true => upper_rows,
        false => super::share_height(
            available,
            upper_needs.fewest_rows(),
            lower_needs.fewest_rows(),
        ),
    };
    let lower_rows = available.saturating_sub(upper_rows);
    let upper_area = Rect {
        height: upper_rows,
        ..grid
    };
    let lower_area = Rect {
        y: below.y + upper_rows + 1,
        height: lower_rows,
        ..lower_area
    };
    let mut out = place(&upper, upper_area, &upper_needs.widths_for(upper_rows));
    out.extend(place(
        &lower,
        lower_area,
        &lower_needs.widths_for(lower_rows),
    ));
    (agenda, out)
}

/// The rows the agenda column takes with every official in view: its title (or frame)
/// and one row each.
fn agenda_rows_needed(console: &Console, theme: &Theme) -> u16 {
    let frame_rows = match theme.borders {
        super::theme::Borders::None => 1,
        _ => 2,
    };
    (console.snapshot.agenda.len() as u16).saturating_add(frame_rows)
}

/// Cuts `area` into columns of `widths`, one blank column between them.
fn place(panes: &[Pane], area: Rect, widths: &[u16]) -> Vec<(Pane, Rect)> {
    let mut x = area.x;
    panes
        .iter()
        .zip(widths)
        .map(|(&pane, &width)| {
            let rect = Rect { x, width, ..area };
            x += width + 1;
            (pane, rect)
        })
        .collect()
}

/// How many widths of each pane are tried: the text is wrapped once for each.
const TRIED_WIDTHS: u16 = 16;

/// The rows each pane of a row needs at each width it may take. The widths are steps of
/// `step` from the narrowest (the last pane: from the widest down), so that the panes'
/// widths of any split add up to the row's.
struct Needs {
    least: u16,
    most: u16,
    step: u16,
    /// `rows[pane][k]`: at `least + k * step`, for the last pane `most - k * step`.
    rows: Vec<Vec<u16>>,
}

impl Needs {
    fn measure(row: &[Pane], width: u16, console: &Console, theme: &Theme) -> Needs {
        let count = row.len() as u16;
        let total = width.saturating_sub(count - 1);
        let least = (total / NARROWEST).max(1);
        let most = total.saturating_sub(least * (count - 1)).max(least);
        let step = ((most - least) / TRIED_WIDTHS).max(1);
        let steps = (most - least) / step;
        let last = row.len() - 1;
        let rows = row
            .iter()
            .enumerate()
            .map(|(index, &pane)| {
                (0..=steps)
                    .map(|k| {
                        let w = match index == last {
                            true => most - k * step,
                            false => least + k * step,
                        };
                        panes::rows_needed(pane, w, console, theme)
                    })
                    .collect()
            })
            .collect();
        Needs {
            least,
            most,
            step,
            rows,
        }
    }

    fn need(&self, pane: usize, k: u16) -> u16 {
        self.rows[pane].get(k as usize).copied().unwrap_or(u16::MAX)
    }

    fn width(&self, pane: usize, k: u16) -> u16 {
        match pane + 1 == self.rows.len() {
            true => self.most - k * self.step,
            false => self.least + k * self.step,
        }
    }

    /// Every way of sharing the row's width, as each pane's step (see `rows`).
    fn splits(&self) -> Vec<Vec<u16>> {
        let steps = (self.most - self.least) / self.step;
        let mut out = vec![Vec::new()];
        for _ in 1..self.rows.len() {
            out = out
                .into_iter()
                .flat_map(|split: Vec<u16>| {
                    let used: u16 = split.iter().sum();
                    (0..=steps - used).map(move |k| {
                        let mut next = split.clone();
                        next.push(k);
                        next
                    })
                })
                .collect();
        }
        for split in &mut out {
            split.push(split.iter().sum());
        }
        out
    }

    fn widths(&self, split: &[u16]) -> Vec<u16> {
        split
            .iter()
            .enumerate()
            .map(|(pane, &k)| self.width(pane, k))
            .collect()
    }

    fn tallest(&self, split: &[u16]) -> u16 {
        split
            .iter()
            .enumerate()
            .map(|(pane, &k)| self.need(pane, k))
            .max()
            .unwrap_or(0)
    }

    /// The fewest rows the row can take with everything in view.
    fn fewest_rows(&self) -> u16 {
        self.splits()
            .iter()
            .map(|s| self.tallest(s))
            .min()
            .unwrap_or(0)
    }

    /// The widths for a row `height` rows tall: everything in view when it can be (the
    /// tallest pane as short as it can be); otherwise the fewest rows hidden and left empty,
    /// an empty row counting double, so that a short pane is made narrower to give its
    /// width to the one that is cut.
    fn widths_for(&self, height: u16) -> Vec<u16> {
        let splits = self.splits();
        let fits = |s: &&Vec<u16>| self.tallest(s) <= height;
        if splits.iter().any(|s| fits(&s)) {
            let best = splits
                .iter()
                .filter(fits)
                .min_by_key(|s| (self.tallest(s), self.imbalance(s)));
            return best.map(|s| self.widths(s)).unwrap_or_default();
        }
        let cost = |s: &Vec<u16>| -> (u32, u32) {
            let (mut hidden, mut empty) = (0u32, 0u32);
            for (pane, &k) in s.iter().enumerate() {
                let need = u32::from(self.need(pane, k));
                let height = u32::from(height);
                hidden += need.saturating_sub(height);
                empty += height.saturating_sub(need);
            }
            (hidden + 2 * empty, hidden)
        };
        splits
            .iter()
            .min_by_key(|s| cost(s))
            .map(|s| self.widths(s))
            .unwrap_or_default()
    }

    /// How far a split is from equal widths (a tie-breaker for a calm layout).
    fn imbalance(&self, split: &[u16]) -> u16 {
        let widths = self.widths(split);
        let fair = widths.iter().sum::<u16>() / split.len().max(1) as u16;
        widths.iter().map(|&w| w.abs_diff(fair)).max().unwrap_or(0)
    }
}
