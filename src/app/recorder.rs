//! The recorder's own state at the console: where they are, what has the keyboard, what
//! they were told. Nothing of it reaches the room or the file but the resume point.

use super::{Form, Message, Mode, Pane, RescueOffer};
use crate::domain::Id;
use crate::view::TextTarget;
use chrono::{DateTime, Utc};

/// What the recorder has open and chosen: never read by the audience view.
#[derive(Debug)]
pub struct Recorder {
    pub focus: Pane,
    /// The pane the recorder moved the focus to, per official (until that official's
    /// stage changes): coming back there keeps it, rather than the stage's own pane.
    pub chosen_focus: Vec<(Id, Pane)>,
    pub selected: [usize; 5],
    pub mode: Mode,
    /// The colour theme's name, remembered per database.
    pub theme: String,
    /// The themes `CycleTheme` goes through.
    pub theme_names: Vec<String>,
    /// This console shows the room's picture (the one-terminal layout) rather than the
    /// recorder's layout.
    pub projecting: bool,
    pub message: Option<Message>,
    /// The recorder has been told that changes after 散会 are 会后补记 (said once).
    pub told_late: bool,
}

impl Recorder {
    /// Browsing the first pane, nothing chosen or said yet, in `theme`.
    pub fn new(theme: String) -> Recorder {
        Recorder {
            focus: Pane::Questions,
            chosen_focus: Vec::new(),
            selected: [0; 5],
            mode: Mode::Browse,
            theme,
            theme_names: Vec::new(),
            projecting: false,
            message: None,
            told_late: false,
        }
    }
}

/// Whether what was typed reached the file, and what waits to be tried again.
#[derive(Debug, Default)]
pub struct SaveHealth {
    /// Typed text the database has not taken, why, and where it was rescued to; shown in
    /// full until a save goes through.
    pub problem: Option<String>,
    /// The last failed save met another program's lock (it will go through by itself).
    pub waiting: bool,
    /// Quitting was asked for once while text was unsaved: the next quit leaves anyway.
    pub leave_unsaved: bool,
    /// The form last submitted, opened again if its write fails.
    pub last_form: Option<Form>,
    /// Texts whose editor was left while the database did not take them (each also in a
    /// rescue file): tried again at `left_retry_at`, on quitting, and taken back into the
    /// editor when it is opened on them again.
    pub left_unsaved: Vec<(TextTarget, String)>,
    /// When the texts left unsaved are next tried.
    pub left_retry_at: Option<DateTime<Utc>>,
    /// When writes that failed without a keystroke behind them (the resume point, the
    /// room's picture, when a question was put) are tried again.
    pub retry_at: Option<DateTime<Utc>>,
    /// Rescued texts still to offer after the one on screen.
    pub rescues: Vec<RescueOffer>,
}
