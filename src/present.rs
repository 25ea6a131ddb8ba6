//! `shuze present`: the audience view for a second terminal on the projector. It opens the
//! meeting file read-only and follows the recorder's console through it: when the file or
//! its write-ahead log changes (a notification from the operating system, `notify`), and
//! once a second in case one was missed, it asks SQLite whether anything was committed
//! (`PRAGMA data_version`) and redraws from the file when it was. No server, no network, no
//! writes. It holds the meeting's snapshot and what the room sees (the picture, blanking,
//! answers: the recorder's choice, read from the room's own record `room_view`), never the
//! recorder's state; its own keys (the console's picture keys) override the picture here
//! until the recorder next changes it.

use crate::app::key::{KeyCode, KeyEvent};
use crate::app::projection::{self as picture, Projection, Room};
use crate::app::{Action, Command, Mode, Pane, Snapshot, keys};
use crate::domain::{Id, RoomView};
use crate::labels::Lang;
use crate::lock::LockWatch;
use crate::session::load;
use crate::storage::{Setting, StorageError, Store};
use crate::tui::{self, Wake};
use crate::ui::{Registry, projection};
use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{Event, KeyEventKind};
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How often the file is asked for changes without a notification: the slow fallback (a
/// file system that gives none, or one missed). An idle audience view wakes no more often.
pub const POLL: Duration = Duration::from_secs(1);

/// After a notification, the file is asked again this long after it: SQLite writes the log
/// first and publishes the commit in its shared-memory index (which gives no notification)
/// a moment later, so the notification can come a little early.
const RECHECKS: [Duration; 2] = [Duration::from_millis(5), Duration::from_millis(40)];

/// A notification that showed no commit yet is followed by a question this often, until a
/// commit shows or `AWAIT_FOR` has passed: on a slow disk (a USB stick, a network folder)
/// the commit is published only after the log's fsync, 20 to 300 ms after the log was
/// written (BENCHMARKS.md, slow disk). Without it the room waited for the slow poll.
const AWAIT_EVERY: Duration = Duration::from_millis(20);
const AWAIT_FOR: Duration = Duration::from_secs(1);

/// When the file is asked next after notifications: the fixed rechecks, and while a
/// notification's commit has not shown, every `AWAIT_EVERY`.
#[derive(Debug, Default)]
struct Rechecks {
    at: Vec<Instant>,
    /// A notification came that showed no commit: asking often until this moment.
    awaiting_until: Option<Instant>,
}

impl Rechecks {
    /// A notification came at `now`; `changed`: whether asking the file then showed a commit.
    fn notified(&mut self, now: Instant, changed: bool) {
        self.at = RECHECKS.iter().map(|d| now + *d).collect();
        self.awaiting_until = (!changed).then(|| now + AWAIT_FOR);
    }

    /// The file was asked at `now` without a notification; `changed` as above.
    fn asked(&mut self, now: Instant, changed: bool) {
        self.at.retain(|t| *t > now);
        if changed || self.awaiting_until.is_some_and(|until| now >= until) {
            self.awaiting_until = None;
        }
    }

    /// When to ask next, if sooner than anything else.
    fn next(&self, now: Instant) -> Option<Instant> {
        let awaiting = self.awaiting_until.map(|_| now + AWAIT_EVERY);
        self.at.first().copied().into_iter().chain(awaiting).min()
    }
}

/// What the audience view shows: the recorder's meeting as the file has it, in the
/// picture the recorder chose (`shown.room`) or, until the recorder next changes it, the
/// one chosen by this view's own keys.
pub struct Audience {
    pub store: Store,
    pub meeting: Id,
    pub lang: Lang,
    /// The meeting as the file says it now, at the official the room sees.
    pub snapshot: Snapshot,
    /// What the room sees as the recorder's console last wrote it (its own record), its
    /// question and follow-up kept on the official's rows.
    pub shown: RoomView,
    /// The colour theme's name, as the recorder chose it for this file.
    pub theme: String,
    /// The time the picture is drawn at.
    pub now: DateTime<Utc>,
    /// The picture chosen with this view's own keys, shown instead of the recorder's until
    /// the recorder changes theirs.
    pub local: Option<Room>,
    seen_version: i64,
    /// The official whose detail is shown, and its mark when it was read.
    detail_mark: Option<(Id, String)>,
    /// The meeting was named (`--meeting`): shown whatever the console opens.
    pinned: bool,
    /// A console holds the recorder's lock on the meeting shown (looked at on each follow).
    recorded: bool,
    /// This view's clock when it first drew the lock gone (see [`Audience::set_now`]);
    /// `None` while recorded.
    unrecorded_since: Option<DateTime<Utc>>,
    /// Why the record of what the room sees could not be read, shown on the picture.
    unreadable: Option<String>,
    /// Where the locks are looked at; last, so that it is closed after the store (see
    /// [`LockWatch`]). `None` where the file could not be opened for it: nothing is said.
    watch: Option<LockWatch>,
}

impl Audience {
    pub fn open(
        store: Store,
        meeting: Option<Id>,
        lang: Lang,
        answers: bool,
    ) -> Result<Audience, StorageError> {
        let pinned = meeting.is_some();
        let meeting = match meeting {
            Some(id) => store.meeting(id)?.id,
            None => store.meeting_to_open()?,
        };
        // The version first: whatever is committed after it is followed.
        let seen_version = store.data_version()?;
        let (snapshot, shown, unreadable) = room_snapshot(&store, meeting)?;
        // `--answers` is this view's own choice, until the recorder changes the picture.
        let local = answers.then_some(Room {
            answers: true,
            ..shown.room
        });
        let theme = store.setting(Setting::Theme)?.unwrap_or_default();
        let watch = LockWatch::open(store.path()).ok();
        let recorded = watch.as_ref().is_none_or(|w| w.is_recorded(meeting));
        Ok(Audience {
            store,
            meeting,
            lang,
            snapshot,
            shown,
            theme,
            now: Utc::now(),
            local,
            seen_version,
            // No mark yet: the first change read reads the detail again too.
            detail_mark: None,
            pinned,
            recorded,
            unrecorded_since: None,
            unreadable,
            watch,
        })
    }

    /// Looks whether a console records the meeting shown, and, unless the meeting was
    /// named, moves to the one a console opened since; true when either changed.
    fn follow_console(&mut self) -> Result<bool, StorageError> {
        let mut changed = false;
        if !self.pinned
            && let Some(opened) = self.store.console_meeting()?
            && opened != self.meeting
        {
            let answers = self.local.is_some_and(|room| room.answers);
            (self.snapshot, self.shown, self.unreadable) = room_snapshot(&self.store, opened)?;
            self.meeting = opened;
            self.local = answers.then_some(Room {
                answers: true,
                ..self.shown.room
            });
            self.detail_mark = None;
            changed = true;
        }
        Ok(self.look_at_lock() || changed)
    }

    /// Looks whether a console records the meeting shown; true when that changed.
    fn look_at_lock(&mut self) -> bool {
        let recorded = self
            .watch
            .as_ref()
            .is_none_or(|w| w.is_recorded(self.meeting));
        let changed = recorded != self.recorded;
        self.recorded = recorded;
        if recorded {
            self.unrecorded_since = None;
        }
        changed
    }

    /// Reads again from the file when another connection has committed; true when it did.
    /// The meeting's header, agenda, clocks and closing remarks, the recorder's place and
    /// the theme are read each time (a few small rows, however long the history); the
    /// official's detail, the bulk of it, only when its mark moved or the place changed
    /// official. The picture is the recorder's; when the recorder changed it, this view's
    /// own choice gives way. The recorder's editor is not shown.
    pub fn follow(&mut self) -> Result<bool, StorageError> {
        let switched = self.store.follow_writer()?;
        let version = self.store.data_version()?;
        if version == self.seen_version && !switched {
            // A console that quit or crashed commits nothing: its lock is looked at anyway.
            return Ok(self.look_at_lock());
        }
        self.seen_version = version;
        self.follow_console()?;
        self.snapshot
            .set_view(self.store.meeting_view(self.meeting)?);
        self.theme = self.store.setting(Setting::Theme)?.unwrap_or_default();
        // What the room sees is its own record: the recorder's state is never read.
        let (view, unreadable) = read_room(&self.store, self.meeting)?;
        self.unreadable = unreadable;
        if let Some(view) = view {
            if view.room != self.shown.room {
                self.local = None;
            }
            self.snapshot.go_to(view.slot);
            self.shown = view;
        }
        let mark = match self.snapshot.slot() {
            Some(slot) => Some((slot.id, self.store.detail_mark(slot.id)?)),
            None => None,
        };
        if mark != self.detail_mark {
            self.snapshot.detail = load::detail(&self.store, &self.snapshot)?;
            self.detail_mark = mark;
        }
        self.shown = kept_in_panes(&self.snapshot, self.shown);
        Ok(true)
    }

    /// What the room sees now: this view's own choice, else the recorder's.
    pub fn room(&self) -> Room {
        self.local.unwrap_or(self.shown.room)
    }

    pub fn projection(&self) -> Projection {
        let view = RoomView {
            room: self.room(),
            ..self.shown
        };
        // The recorder's editor is never read: an answer shows as saved.
        let mut projection = Projection::of(&self.snapshot, &view, None, self.lang, self.now);
        let meeting = &self.snapshot.meeting;
        projection.notice = match self.unrecorded_since {
            // What the room sees could not be read: said first.
            _ if self.unreadable.is_some() => self.unreadable.clone(),
            None if self.recorded => None,
            // The recorder has been gone too long for the room's clock to mean anything:
            // it stops where the recorder left it, and the corner says so.
            Some(since) if self.now - since >= CONSOLE_GONE => {
                projection.now = since;
                let minutes = (self.now - since).num_minutes();
                Some(crate::labels::console_gone(self.lang, minutes))
            }
            _ => Some(crate::labels::not_recorded(
                self.lang,
                meeting.id,
                &meeting.title,
            )),
        };
        projection
    }

    /// The time the picture is drawn at; the first one after the console's lock went is
    /// when the recorder was seen gone.
    pub fn set_now(&mut self, now: DateTime<Utc>) {
        self.now = now;
        if !self.recorded && self.unrecorded_since.is_none() {
            self.unrecorded_since = Some(now);
        }
    }

    /// When the shown text of a running clock changes next (as of the last drawing).
    /// While no console records, the picture changes once more when the recorder has been
    /// gone long enough (the corner says so), and the stopped clock changes no more.
    pub fn next_clock_change(&self) -> Option<chrono::DateTime<Utc>> {
        let clock =
            crate::app::next_clock_change(&self.snapshot.timings, self.room().resume_at, self.now);
        match self.unrecorded_since.map(|since| since + CONSOLE_GONE) {
            Some(gone) if self.now >= gone => None,
            Some(gone) => Some(clock.map_or(gone, |at| at.min(gone))),
            None => clock,
        }
    }

    /// A key, read with the console's key table; only the picture's commands are taken,
    /// as this view's own choice (nothing is ever written). Returns false to quit (`q`,
    /// Esc, Ctrl-C).
    pub fn key(&mut self, key: KeyEvent) -> bool {
        if key.code == KeyCode::Esc {
            return false;
        }
        match keys::action_for(&Mode::Browse, key) {
            Some(Action::Command(Command::Quit)) => false,
            Some(Action::Command(command)) if command.changes_picture() => {
                let mut room = self.room();
                picture::choose(&mut room, command, self.now);
                self.local = Some(room);
                true
            }
            _ => true,
        }
    }
}

/// How long the console may be gone (a restart after a crash takes seconds) before the
/// room's clock stops and the corner says the recorder has gone.
const CONSOLE_GONE: chrono::Duration = chrono::Duration::minutes(1);

/// The meeting as the file has it, at the official the room sees, with what the room sees
/// (`room_view`): nothing of the recorder's own. With it, why the room's record could not
/// be read.
fn room_snapshot(
    store: &Store,
    meeting: Id,
) -> Result<(Snapshot, RoomView, Option<String>), StorageError> {
    let (view, unreadable) = read_room(store, meeting)?;
    let view = view.unwrap_or_default();
    let snapshot = load::snapshot(store, meeting, view.slot)?;
    let view = kept_in_panes(&snapshot, view);
    Ok((snapshot, view, unreadable))
}

/// The room's own record of `meeting` (`None` before a console wrote one), or why it
/// cannot be read (said on the picture; the view goes on).
fn read_room(
    store: &Store,
    meeting: Id,
) -> Result<(Option<RoomView>, Option<String>), StorageError> {
    match store.room_view(meeting) {
        Ok(view) => Ok((view, None)),
        Err(problem @ StorageError::RoomViewUnreadable(_)) => Ok((None, Some(problem.to_string()))),
        Err(other) => Err(other),
    }
}

/// `view` with its question and follow-up on rows the official has.
fn kept_in_panes(snapshot: &Snapshot, view: RoomView) -> RoomView {
    RoomView {
        question: snapshot.row_in(Pane::Questions, view.question),
        follow_up: snapshot.row_in(Pane::FollowUps, view.follow_up),
        ..view
    }
}

/// Wakes the loop when the meeting file or its write-ahead log changes. The folder is
/// watched, not the files: SQLite creates and removes the log as connections come and go.
/// `None` where the platform gives no notifications: the slow poll is then all there is.
fn watch(db: &Path, sender: Sender<Wake>) -> Option<notify::RecommendedWatcher> {
    let db = db.canonicalize().ok()?;
    let name = db.file_name()?.to_os_string();
    let mut log = name.clone();
    log.push("-wal");
    crate::files::watch_folder(db.parent()?, vec![name, log], move || {
        let _ = sender.send(Wake::FileChanged);
    })
}

/// Runs the audience view until `q`, a signal, or the terminal goes away. It redraws when
/// the file changed, on a key, and once a second while a clock runs; idle, it wakes once a
/// second.
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
    // Kept alive for as long as the loop runs; dropping it stops the notifications.
    let _watcher = watch(db, sender.clone());
    tui::install_panic_hook(log.to_path_buf());
    let mut terminal = tui::enter()?;
    tui::listen_for_input(sender);
    let result = (|| -> anyhow::Result<()> {
        // When a running clock's text changes next: the screen is drawn again then.
        let mut clock_changes: Option<chrono::DateTime<Utc>> = None;
        let mut dirty = true;
        let mut next_poll = Instant::now() + POLL;
        let mut rechecks = Rechecks::default();
        // This view's own choice, told to the console beside the file (removed on leaving).
        let mut told = crate::room_local::Publisher::new(db);
        loop {
            let now = Utc::now();
            told.publish(audience.meeting, audience.local, now);
            if dirty || clock_changes.is_some_and(|at| at <= now) {
                audience.set_now(now);
                let theme = themes.get(&audience.theme);
                terminal.draw(|frame| projection::draw(frame, &audience.projection(), theme))?;
                clock_changes = audience.next_clock_change();
                dirty = false;
            }
            // While a clock runs, the poll rides on its once-a-second redraw: one wake-up.
            let mut wake_at = match clock_changes {
                Some(at) => Instant::now() + (at - Utc::now()).to_std().unwrap_or_default(),
                None => next_poll,
            };
            if let Some(recheck) = rechecks.next(Instant::now()) {
                wake_at = wake_at.min(recheck);
            }
            let wait = wake_at.saturating_duration_since(Instant::now());
            match receiver.recv_timeout(wait) {
                Ok(Wake::FileChanged) => {
                    let changed = audience.follow()?;
                    dirty |= changed;
                    rechecks.notified(Instant::now(), changed);
                }
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
                    if !audience.key(tui::key_of(key)) {
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
                Err(RecvTimeoutError::Timeout) => {
                    // A recheck, the slow poll, or a clock's next second: each asks the
                    // file (a cheap question when nothing was committed).
                    let at = Instant::now();
                    next_poll = at + POLL;
                    let changed = audience.follow()?;
                    dirty |= changed;
                    rechecks.asked(at, changed);
                }
            }
        }
    })();
    tui::leave();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notification_before_its_commit_shows_is_followed_until_it_shows() {
        let start = Instant::now();
        let mut rechecks = Rechecks::default();
        assert_eq!(rechecks.next(start), None, "idle: only the slow poll");
        // The log was written, the commit not yet published (a slow fsync).
        rechecks.notified(start, false);
        assert_eq!(rechecks.next(start), Some(start + RECHECKS[0]));
        let mut now = start;
        for _ in 0..10 {
            now = rechecks.next(now).unwrap();
            rechecks.asked(now, false);
        }
        let later = now + Duration::from_millis(300);
        assert_eq!(
            rechecks.next(later),
            Some(later + AWAIT_EVERY),
            "still asking"
        );
        rechecks.asked(later, true);
        assert_eq!(
            rechecks.next(later),
            None,
            "the commit showed: back to the poll"
        );
    }

    #[test]
    fn a_notification_whose_commit_showed_gets_the_two_rechecks_only() {
        let start = Instant::now();
        let mut rechecks = Rechecks::default();
        rechecks.notified(start, true);
        let first = rechecks.next(start).unwrap();
        assert_eq!(first, start + RECHECKS[0]);
        rechecks.asked(first, false);
        let second = rechecks.next(first).unwrap();
        assert_eq!(second, start + RECHECKS[1]);
        rechecks.asked(second, false);
        assert_eq!(rechecks.next(second), None);
    }

    #[test]
    fn a_commit_that_never_shows_is_awaited_a_second_at_most() {
        let start = Instant::now();
        let mut rechecks = Rechecks::default();
        rechecks.notified(start, false);
        let end = start + AWAIT_FOR;
        rechecks.asked(end, false);
        assert_eq!(
            rechecks.next(end),
            None,
            "a checkpoint's write: the poll takes over"
        );
    }
}
