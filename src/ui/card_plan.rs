//! How the projected card shares its rows at any size: the name and the clock in large
//! glyphs first (the largest things on it, whatever the terminal's font size makes of the
//! screen), then the lines of words in order of what the room needs, then the question.

use super::big;

/// The card's rows at one size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardPlan {
    /// The name's glyph scale; `None`: in bold words.
    pub name: Option<usize>,
    /// The clock's glyph scale; `None`: on the stage's line, in words.
    pub clock: Option<usize>,
    pub supervisor: bool,
    pub counts: bool,
    /// Blank rows between the parts, most needed first: before the stage's line, after the
    /// clock, after the name, after the counts.
    pub gaps: u16,
}

/// What is kept, most first (supervisor, counts, blank rows, rows of the question): every
/// line with six rows of the question, then fewer rows and blanks, then the name, the unit,
/// the stage and the clock alone.
type Step = (bool, bool, u16, u16);
const STEPS: [Step; 4] = [
    (true, true, 4, 6),
    (true, true, 2, 3),
    (false, true, 1, 2),
    (false, false, 0, 0),
];

impl CardPlan {
    /// The plan for `width` x `height` cells: the name as large as it can be (its glyphs on
    /// at most half the rows, unless at Unifont's own size), with the clock large too and
    /// the question kept; else the name and clock large alone; else the name large and the
    /// clock in words; else everything in words.
    pub fn choose(width: u16, height: u16, name: &str, clock: &str) -> CardPlan {
        let passes: [(&[Step], bool); 3] = [
            (&STEPS[..3], true),
            (&STEPS[3..], true),
            (&STEPS[..], false),
        ];
        passes
            .into_iter()
            .find_map(|(steps, clock_large)| {
                largest(width, height, name, clock, steps, clock_large)
            })
            .unwrap_or(CardPlan {
                name: None,
                clock: None,
                supervisor: true,
                counts: true,
                gaps: 4,
            })
    }

    /// Rows taken by everything but the question.
    pub fn rows(&self, name: &str, clock: &str) -> u16 {
        let glyph_rows =
            |text: &str, scale: Option<usize>| scale.map_or(0, |s| big::size(text, s).1 as u16);
        let name_rows = glyph_rows(name, self.name).max(1);
        // The heading, the unit and post, the stage's line.
        3 + name_rows
            + glyph_rows(clock, self.clock)
            + u16::from(self.supervisor)
            + u16::from(self.counts)
            + self.gaps
    }
}

/// The plan with the name at the largest scale at which one of `steps` (the first that
/// fits) leaves the rest its rows, the clock large too when `clock_large`.
fn largest(
    width: u16,
    height: u16,
    name: &str,
    clock: &str,
    steps: &[Step],
    clock_large: bool,
) -> Option<CardPlan> {
    let largest = big::fitting_scale(name, width, height)?;
    let clock_largest = match clock_large && !clock.is_empty() {
        true => Some(big::fitting_scale(clock, width, height)?),
        false => None,
    };
    let within_half = |&scale: &usize| scale == 1 || big::size(name, scale).1 as u16 <= height / 2;
    (1..=largest).rev().filter(within_half).find_map(|scale| {
        steps
            .iter()
            .find_map(|&(supervisor, counts, gaps, question)| {
                // The clock as large as leaves the name larger (or both at Unifont's size).
                let clocks: Vec<Option<usize>> = match clock_largest {
                    Some(most) => (1..=most.min(scale.max(2) - 1)).rev().map(Some).collect(),
                    None => vec![None],
                };
                clocks.into_iter().find_map(|clock_scale| {
                    let plan = CardPlan {
                        name: Some(scale),
                        clock: clock_scale,
                        supervisor,
                        counts,
                        gaps,
                    };
                    (plan.rows(name, clock) + question <= height).then_some(plan)
                })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_sixty_by_sixteen_the_name_and_clock_are_large_and_the_rest_in_words() {
        // 60x18 less its margins; half blocks: a Chinese character is 16x8 cells at scale 1.
        let plan = CardPlan::choose(54, 16, "张某", "07:59");
        assert_eq!(plan.name, Some(1));
        assert_eq!(
            plan.clock, None,
            "8 + 8 rows and three lines of words do not fit"
        );
        let plan = CardPlan::choose(54, 20, "张某", "07:59");
        assert_eq!((plan.name, plan.clock), (Some(1), Some(1)));
        assert!(!plan.supervisor && plan.gaps == 0);
    }

    #[test]
    fn a_large_screen_keeps_every_line_and_six_rows_of_question() {
        let plan = CardPlan::choose(144, 41, "张某", "07:59");
        assert!(plan.supervisor && plan.counts && plan.gaps == 4);
        let name = plan.name.unwrap();
        assert!(name >= 2 && plan.clock.unwrap() < name);
        assert!(plan.rows("张某", "07:59") + 6 <= 41);
        // xterm at 14 points on 1920x1080 with a CJK font: 95x37 cells.
        let plan = CardPlan::choose(87, 35, "张某", "07:59");
        assert_eq!((plan.name, plan.clock), (Some(2), Some(1)), "{plan:?}");
    }

    #[test]
    fn too_small_for_glyphs_is_words() {
        let plan = CardPlan::choose(30, 6, "张某", "07:59");
        assert_eq!((plan.name, plan.clock), (None, None));
    }
}
