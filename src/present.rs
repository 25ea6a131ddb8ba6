//! `shuze present`: the audience view for a second terminal on the projector. It opens the
//! meeting file read-only and follows the recorder's console through it: every 100 ms it
//! asks SQLite whether anything was committed (`PRAGMA data_version`) and redraws from the
//! file when it was. No server, no network, no writes.

use crate::app::Console;
use crate::app::projection::{Picture, Projection};
use crate::domain::Id;
use crate::labels::Lang;
use crate::storage::{StorageError, Store};
use crate::tui::{self, Wake};
use crate::ui::{Registry, projection};
use chrono::Utc;
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// How often the file is asked for changes, in milliseconds: well inside the quarter
/// second promised.
pub const POLL_MS: u64 = 100;
const POLL: Duration = Duration::from_millis(POLL_MS);
const _: () = assert!(
    POLL_MS <= 250,
    "the audience view follows within a quarter second"
);

/// What the audience view shows, changed only by its own keys.
pub struct Audience {
    pub store: Store,
    pub meeting: Id,
    pub lang: Lang,
    pub picture: Picture,
    pub answers: bool,
    pub console: Console,
    seen_version: i64,
}

impl Audience {
    pub fn open(
        store: Store,
        meeting: Option<Id>,
        lang: Lang,
        answers: bool,
    ) -> Result<Audience, StorageError> {
        let meeting = match meeting {
            Some(id) => store.meeting(id)?.id,
            None => store.default_meeting()?,
        };
        let console = crate::session::load::console(&store, meeting, lang, Utc::now())?;
        let seen_version = store.data_version()?;
        Ok(Audience {
            store,
            meeting,
            lang,
            picture: Picture::Card,
            answers,
            console,
            seen_version,
        })
    }

    /// Reloads from the file when another connection has committed; true when it did.
    pub fn follow(&mut self) -> Result<bool, StorageError> {
        let version = self.store.data_version()?;
        if version == self.seen_version {
            return Ok(false);
        }
        self.seen_version = version;
        self.console =
            crate::session::load::console(&self.store, self.meeting, self.lang, Utc::now())?;
        Ok(true)
    }

    pub fn projection(&self) -> Projection {
        Projection::of(&self.console, self.picture, self.answers)
    }

    /// The audience view's own keys; returns false to quit.
    pub fn key(&mut self, code: KeyCode) -> bool {
        match code {
            KeyCode::Char('q') | KeyCode::Esc => return false,
            KeyCode::Char('b') | KeyCode::F(2) => {
                self.picture = match self.picture {
                    Picture::Blank => Picture::Card,
                    _ => Picture::Blank,
                }
            }
            KeyCode::Char('z') => {
                self.picture = match self.picture {
                    Picture::Spotlight => Picture::Card,
                    _ => Picture::Spotlight,
                }
            }
            KeyCode::Char('v') => self.answers = !self.answers,
            _ => {}
        }
        true
    }
}

/// Runs the audience view until `q`, a signal, or the terminal goes away. It redraws when
/// the file changed, on a key, and once a second while a clock runs.
pub fn run(
    db: &Path,
    meeting: Option<Id>,
    lang: Lang,
    answers: bool,
    themes: &Registry,
    log: &Path,
) -> anyhow::Result<()> {
    let store = Store::open_read_only(db)?;
    let mut audience = Audience::open(store, meeting, lang, answers)?;
    let (sender, receiver) = mpsc::channel();
    tui::listen_for_signals(sender.clone())?;
    tui::install_panic_hook(log.to_path_buf());
    let mut terminal = tui::enter()?;
    tui::listen_for_input(sender);
    let result = (|| -> anyhow::Result<()> {
        let mut drawn_second = None;
        let mut dirty = true;
        loop {
            let now = Utc::now();
            let second = now.timestamp();
            if dirty || (audience.console.timer_running() && drawn_second != Some(second)) {
                audience.console.now = now;
                let theme = themes.get(&audience.console.theme);
                terminal.draw(|frame| projection::draw(frame, &audience.projection(), theme))?;
                drawn_second = Some(second);
                dirty = false;
            }
            match receiver.recv_timeout(POLL) {
                Ok(Wake::Terminal(Event::Key(key))) if tui::is_suspend_key(key) => {
                    tui::pause_terminal(&mut terminal)?;
                    dirty = true;
                }
                Ok(Wake::Suspend) => {
                    tui::pause_terminal(&mut terminal)?;
                    dirty = true;
                }
                Ok(Wake::Resume) => {
                    tui::resume(&mut terminal)?;
                    dirty = true;
                }
                Ok(Wake::Terminal(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL)
                        && key.code == KeyCode::Char('c');
                    if ctrl_c || !audience.key(key.code) {
                        return Ok(());
                    }
                    dirty = true;
                }
                Ok(Wake::Terminal(_)) => dirty = true,
                // The audience view only reads: it starts no check of the file.
                Ok(Wake::Checked(_)) => {}
                Ok(Wake::TerminalLost | Wake::Signal) | Err(RecvTimeoutError::Disconnected) => {
                    return Ok(());
                }
                Err(RecvTimeoutError::Timeout) => dirty |= audience.follow()?,
            }
        }
    })();
    tui::leave();
    result
}
