//! What the room may see: the picture the recorder chose (the official's card, the
//! spotlight, the rating result, the follow-ups, the agenda, a pause or the title screen)
//! and what it shows. Built from the meeting's snapshot and what the room sees (its own
//! record); it has no field for private notes, forms or key help, so they cannot reach the
//! projector.

use super::{Command, Console, Mode, Snapshot};
use crate::domain::{
    AgendaSlot, Allotments, CardCounts, FollowUp, Id, Meeting, Rating, RoomView, Stage, StageClock,
    StageTiming,
};
use crate::labels::Lang;
use crate::view::TextTarget;
use chrono::{DateTime, Duration, Utc};

pub use crate::domain::{Picture, Room};

/// How much `+`/`-` move the pause screen's countdown.
pub const PAUSE_STEP: Duration = Duration::minutes(5);

/// Applies a picture command to what the room sees, at `now`; false when `command` is not
/// one. The console's `update` and the audience view's own keys both change it here.
pub fn choose(room: &mut Room, command: Command, now: DateTime<Utc>) -> bool {
    // A picture's key shows it, or the card again when it is already shown.
    let pick = |room: &mut Room, picture: Picture| {
        room.picture = if room.picture == picture && !room.blank {
            Picture::Card
        } else {
            picture
        };
        room.blank = false;
    };
    match command {
        Command::ToggleBlank => room.blank = !room.blank,
        Command::ToggleSpotlight => pick(room, Picture::Spotlight),
        Command::ToggleProjectedAnswers => room.answers = !room.answers,
        Command::ShowCard => {
            room.picture = Picture::Card;
            room.blank = false;
        }
        Command::ShowRating => pick(room, Picture::Rating),
        Command::ShowFollowUps => pick(room, Picture::FollowUps),
        Command::ShowAgenda => pick(room, Picture::Agenda),
        Command::ShowPause => {
            pick(room, Picture::Pause);
            room.resume_at = None;
        }
        Command::ShowTitle => pick(room, Picture::Title),
        Command::PauseLonger | Command::PauseShorter => {
            let from = room.resume_at.filter(|at| *at > now).unwrap_or(now);
            let at = if command == Command::PauseLonger {
                from + PAUSE_STEP
            } else {
                from - PAUSE_STEP
            };
            room.resume_at = (at > now).then_some(at);
            room.picture = Picture::Pause;
            room.blank = false;
        }
        _ => return false,
    }
    room.serial += 1;
    true
}

/// The picture the room sees: the one chosen, except that the official's card is the
/// title screen in a meeting not yet begun (no official past 待述责) until the recorder
/// chooses a picture, and the closing picture (the title with 散会) once the meeting is
/// closed.
pub fn shown(snapshot: &Snapshot, room: &Room) -> Picture {
    let begun = snapshot.agenda.iter().any(|s| s.stage != Stage::Pending);
    let closed = snapshot.meeting.finished_at.is_some();
    match room.shown() {
        Picture::Card if closed || !begun && room.serial == 0 => Picture::Title,
        picture => picture,
    }
}

/// One official in the agenda picture, with the time they have held the floor.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaRow {
    pub slot: AgendaSlot,
    pub elapsed_ms: i64,
}

/// The projected view of the meeting at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub lang: Lang,
    pub title: String,
    /// The meeting's header, for the title screen.
    pub meeting: Meeting,
    pub picture: Picture,
    /// Which official, of how many.
    pub position: (usize, usize),
    pub official: Option<AgendaSlot>,
    pub counts: CardCounts,
    pub timing: Option<StageTiming>,
    pub allotments: Allotments,
    pub question: Option<ProjectedQuestion>,
    /// The official's rating, once recorded.
    pub rating: Option<Rating>,
    /// The follow-ups agreed for the official in this meeting.
    pub follow_ups: Vec<FollowUp>,
    /// The follow-up the recorder has selected, so that its page is the one shown.
    pub follow_up_selected: usize,
    /// Every official, in agenda order.
    pub agenda: Vec<AgendaRow>,
    /// When the meeting resumes (the pause screen's countdown).
    pub resume_at: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
    /// A line in the bottom corner about what is shown (the audience view: no console
    /// records this meeting now).
    pub notice: Option<String>,
    /// The issuing office, for the title screen.
    pub office: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectedQuestion {
    pub number: usize,
    pub asker: String,
    pub text: String,
    /// The answer as recorded so far; `None` unless answers are shown.
    pub answer: Option<String>,
}

impl Console {
    /// The room's view of this console's meeting, place and answer being typed, with the
    /// picture and choices of `room`.
    pub fn projection(&self, room: &Room) -> Projection {
        let view = RoomView {
            room: *room,
            ..self.room_view()
        };
        // The answer being typed, shown as it is typed (only when answers are shown).
        let typing = match &self.recorder.mode {
            Mode::Editor(editor) if room.answers => match editor.target {
                TextTarget::Answer { question, .. } => Some((question, editor.body())),
                _ => None,
            },
            _ => None,
        };
        Projection::of(&self.snapshot, &view, typing, self.lang, self.now)
    }
}

impl Projection {
    /// The room's view of `snapshot` (at the official `view` names) with the picture,
    /// question and follow-up of `view`, at `now`; `typing`: an answer being typed, with
    /// its question, shown instead of the saved one.
    pub fn of(
        snapshot: &Snapshot,
        view: &RoomView,
        typing: Option<(Id, String)>,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Projection {
        let room = &view.room;
        let slot = snapshot.slot();
        let detail = &snapshot.detail;
        let index = view.question;
        let question = detail.questions.get(index).map(|q| {
            let typed = typing
                .as_ref()
                .filter(|(question, _)| *question == q.id)
                .map(|(_, body)| body.clone());
            let saved = q.answer.as_ref().map(|a| a.body.clone());
            ProjectedQuestion {
                number: index + 1,
                asker: q.asker.clone(),
                text: q.text.clone(),
                answer: if room.answers { typed.or(saved) } else { None },
            }
        });
        let show_question = slot.is_some_and(|s| matches!(s.stage, Stage::Questions));
        let agenda = snapshot
            .agenda
            .iter()
            .map(|slot| AgendaRow {
                slot: slot.clone(),
                elapsed_ms: snapshot.slot_elapsed_ms(slot.id, now),
            })
            .collect();
        Projection {
            lang,
            title: snapshot.meeting.title.clone(),
            meeting: snapshot.meeting.clone(),
            picture: shown(snapshot, room),
            position: (snapshot.current + 1, snapshot.agenda.len()),
            official: slot.cloned(),
            counts: detail.counts(),
            timing: snapshot.current_timing().copied(),
            allotments: snapshot.meeting.allotments,
            question: question.filter(|_| show_question),
            rating: detail.rating,
            follow_ups: detail.follow_ups.clone(),
            follow_up_selected: view.follow_up,
            agenda,
            resume_at: room.resume_at,
            now,
            notice: None,
            office: snapshot.issuing_office.clone(),
        }
    }

    /// The current stage's clock, when the stage is timed.
    pub fn clock(&self) -> Option<StageClock> {
        let slot = self.official.as_ref()?;
        let minutes = slot.allotted_minutes(slot.stage, &self.allotments);
        Some(StageClock::of(self.timing.as_ref()?, minutes, self.now))
    }

    /// Milliseconds until the meeting resumes, when a countdown is set (0 once due).
    pub fn until_resume_ms(&self) -> Option<i64> {
        self.resume_at
            .map(|at| (at - self.now).num_milliseconds().max(0))
    }

    /// Whether the picture changes by itself each second (a clock or a countdown).
    pub fn ticks(&self) -> bool {
        match self.picture {
            Picture::Pause => self.resume_at.is_some(),
            Picture::Blank | Picture::Title | Picture::Rating | Picture::FollowUps => false,
            Picture::Card | Picture::Spotlight | Picture::Agenda => {
                self.timing.is_some_and(|t| t.is_running())
            }
        }
    }
}
