//! What the room may see: the current official's card, the stage and its clock, the current
//! question and (when asked for) its answer. Built from the console's state; it has no
//! field for private notes, forms or key help, so they cannot reach the projector.

use super::{Console, Mode, Pane};
use crate::domain::{AgendaSlot, Allotments, CardCounts, Stage, StageClock, StageTiming};
use crate::labels::Lang;
use crate::view::TextTarget;
use chrono::{DateTime, Utc};

/// How the projected picture is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Picture {
    /// Card, stage, timer and question.
    #[default]
    Card,
    /// Name, unit and timer in large glyphs filling the screen.
    Spotlight,
    /// Black, with the meeting title only.
    Blank,
}

/// The projected view of the meeting at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub lang: Lang,
    pub title: String,
    pub picture: Picture,
    /// Which official, of how many.
    pub position: (usize, usize),
    pub official: Option<AgendaSlot>,
    pub counts: CardCounts,
    pub timing: Option<StageTiming>,
    pub allotments: Allotments,
    pub question: Option<ProjectedQuestion>,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectedQuestion {
    pub number: usize,
    pub asker: String,
    pub text: String,
    /// The answer as recorded so far; `None` unless answers are shown.
    pub answer: Option<String>,
}

impl Projection {
    /// The room's view of `console`; `answers` adds the answer as it is recorded.
    pub fn of(console: &Console, picture: Picture, answers: bool) -> Projection {
        let slot = console.slot();
        let questions = &console.detail.questions;
        let index = console.selection(Pane::Questions);
        let question = questions.get(index).map(|q| {
            let typing = match &console.mode {
                Mode::Editor(editor)
                    if editor.target
                        == TextTarget::Answer {
                            slot: slot.map(|s| s.id).unwrap_or(0),
                            question: q.id,
                        } =>
                {
                    Some(editor.body())
                }
                _ => None,
            };
            let saved = q.answer.as_ref().map(|a| a.body.clone());
            ProjectedQuestion {
                number: index + 1,
                asker: q.asker.clone(),
                text: q.text.clone(),
                answer: if answers { typing.or(saved) } else { None },
            }
        });
        let show_question = slot.is_some_and(|s| matches!(s.stage, Stage::Questions));
        Projection {
            lang: console.lang,
            title: console.meeting.title.clone(),
            picture,
            position: (console.current + 1, console.agenda.len()),
            official: slot.cloned(),
            counts: console.detail.counts(),
            timing: console.current_timing().copied(),
            allotments: console.meeting.allotments,
            question: question.filter(|_| show_question),
            now: console.now,
        }
    }

    /// The current stage's clock, when the stage is timed.
    pub fn clock(&self) -> Option<StageClock> {
        let slot = self.official.as_ref()?;
        let minutes = slot.allotted_minutes(slot.stage, &self.allotments);
        Some(StageClock::of(self.timing.as_ref()?, minutes, self.now))
    }
}
