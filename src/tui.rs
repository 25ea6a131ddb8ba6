//! The terminal loop: draw from the state, wait for a key, a paste, a signal or the next
//! deadline, turn it into an action, let the session apply it. Nothing else.
//!
//! No busy loop: the loop sleeps until input arrives or the state asks to be woken (a
//! running clock, unsaved text). SIGTERM and SIGHUP save and restore the terminal.

use crate::app::{Action, key, keys};
use crate::session::Session;
use crate::storage::{StorageError, Store};
use crate::ui::{self, Registry};
use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEventKind,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use std::io::{self, Stdout};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// Keys read together are drawn in one frame, but the screen is drawn at least this often
/// while they keep coming (a held key whose every press is a slow save, say).
const MAX_FRAME_GAP: Duration = Duration::from_millis(50);

mod input;
mod probe;

/// What wakes the loop.
pub(crate) enum Wake {
    Terminal(Event),
    /// The terminal is gone (read failed): save and leave.
    TerminalLost,
    /// SIGTERM, SIGHUP or SIGINT.
    Signal,
    /// SIGTSTP (Ctrl-Z from the shell, or `kill -TSTP`): give the terminal back and stop.
    Suspend,
    /// SIGCONT: the program runs again (after `fg`): take the terminal back and redraw.
    Resume,
    /// The check of the file that runs after the first frame has finished: `Err` with what
    /// is damaged. (A check that could not run, a busy file say, is no finding.)
    Checked(Result<(), String>),
    /// The meeting file or its write-ahead log changed (the audience view's watcher).
    FileChanged,
}

/// Runs the console until the recorder quits, a signal arrives or the terminal goes away.
///
/// A panic anywhere in the loop gives the terminal back, writes the details to `log`, and
/// still saves what was typed before the error is reported.
pub fn run(session: &mut Session, themes: &Registry, log: &Path) -> io::Result<()> {
    let (sender, receiver) = mpsc::channel();
    listen_for_signals(sender.clone())?;
    install_panic_hook(log.to_path_buf());
    let mut terminal = enter()?;
    let checker = sender.clone();
    let reading = listen_for_input(sender);
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, session, themes, &receiver, checker, &reading)
    }));
    let saved = panic::catch_unwind(AssertUnwindSafe(|| session.save_all(Utc::now())));
    leave();
    match (outcome, saved) {
        (Ok(result), Ok(())) => result,
        (Ok(_), Err(_)) | (Err(_), _) => Err(io::Error::other(crate::messages::tr!(
            "内部错误，终端已恢复，已输入的文字已尽力保存。详情见 {log}",
            "Internal error: the terminal is restored and the text typed was saved as far as possible. Details in {log}",
            log = log.display()
        ))),
    }
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    session: &mut Session,
    themes: &Registry,
    receiver: &Receiver<Wake>,
    checker: Sender<Wake>,
    reading: &input::Reading,
) -> io::Result<()> {
    let told = checker.clone();
    // Kept alive while the loop runs: an audience view's own choice wakes the console.
    // Without notifications it is looked for every few seconds instead.
    let watcher = crate::room_local::watch(session.store.path(), move || {
        let _ = told.send(Wake::FileChanged);
    });
    let mut checker = Some(checker);
    // What was read after a key, before the screen was drawn again: keys that arrived
    // together (a burst, or typed during a slow save) are all taken before one frame.
    let mut queued: Option<Wake> = None;
    let mut last_frame = Instant::now();
    // A signal came: what the terminal had sent before it is still taken in, then leave.
    let mut leaving: Option<Instant> = None;
    let room_local = crate::room_local::path_for(session.store.path());
    let mut room_local_read: Option<Instant> = None;
    loop {
        if session.console.quit {
            return Ok(());
        }
        // An audience view's own choice: read at start, when it is written, and while one
        // is shown every few seconds (its view may have gone without a word).
        // (Unwatched, `wait` below wakes the loop as often.)
        if room_local_read.is_none_or(|at| at.elapsed() >= ROOM_LOCAL_RECHECK) {
            let meeting = session.console.snapshot.meeting.id;
            session.console.room_local = crate::room_local::read(&room_local, meeting, Utc::now());
            room_local_read = Some(Instant::now());
        }
        if let Some(since) = leaving
            && queued.is_none()
        {
            match typed_before_leaving(receiver, reading, since) {
                Some(wake) => queued = Some(wake),
                None => return Ok(()),
            }
        }
        if leaving.is_none() && (queued.is_none() || last_frame.elapsed() >= MAX_FRAME_GAP) {
            last_frame = Instant::now();
            session.console.now = Utc::now();
            let theme = themes.get(&session.console.recorder.theme);
            terminal.draw(|frame| ui::draw(frame, &session.console, theme))?;
            if let Some(sender) = checker.take() {
                check_after_first_frame(session.store.path().to_path_buf(), sender);
            }
        }
        let wait = session
            .console
            .next_deadline()
            .map(|at| (at - Utc::now()).to_std().unwrap_or(Duration::ZERO))
            .unwrap_or(Duration::from_secs(3600));
        let wait = match session.console.room_local.is_some() || watcher.is_none() {
            true => wait.min(ROOM_LOCAL_RECHECK),
            false => wait,
        };
        let wake = match queued.take() {
            Some(wake) => Ok(wake),
            None => receiver.recv_timeout(wait),
        };
        let action = match wake {
            Ok(Wake::Terminal(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                panic_if_asked(key.code);
                if is_suspend_key(key) && leaving.is_none() {
                    suspend(terminal, session)?;
                    continue;
                }
                if let Some(typed) = typed_in_editor(&session.console.recorder.mode, key) {
                    // A run of typed characters already read (a paste the terminal did not
                    // bracket, an input method's phrase) goes in as one insertion.
                    let (text, next) =
                        typed_together(typed, receiver, &session.console.recorder.mode);
                    let more =
                        matches!(next, Some(Wake::Terminal(Event::Key(_) | Event::Paste(_))));
                    session.handle_key(Action::Paste(text), Utc::now(), more);
                    queued = next;
                    continue;
                }
                let next = receiver.try_recv().ok();
                let more = matches!(next, Some(Wake::Terminal(Event::Key(_) | Event::Paste(_))));
                // Each key is read in the mode the key before it left.
                for key in keys::split_escape(key_of(key)) {
                    if let Some(action) = keys::action_for(&session.console.recorder.mode, key) {
                        session.handle_key(action, Utc::now(), more);
                    }
                }
                queued = next;
                continue;
            }
            Ok(Wake::Terminal(Event::Paste(text))) => Some(Action::Paste(text)),
            Ok(Wake::Terminal(_)) => None,
            Ok(Wake::Suspend) => {
                suspend(terminal, session)?;
                continue;
            }
            Ok(Wake::Resume) => {
                resume(terminal)?;
                continue;
            }
            Ok(Wake::Checked(Ok(()))) => continue,
            Ok(Wake::FileChanged) => {
                room_local_read = None;
                continue;
            }
            Ok(Wake::Checked(Err(problem))) => {
                session.hold(problem, Utc::now());
                continue;
            }
            Ok(Wake::Signal) => {
                leaving = Some(Instant::now());
                continue;
            }
            Ok(Wake::TerminalLost) | Err(RecvTimeoutError::Disconnected) => return Ok(()),
            Err(RecvTimeoutError::Timeout) => Some(Action::Tick),
        };
        if let Some(action) = action {
            session.handle(action, Utc::now());
            // Keys that came while it saved (a slow disk): the next draft may wait.
            queued = receiver.try_recv().ok();
            if matches!(
                queued,
                Some(Wake::Terminal(Event::Key(_) | Event::Paste(_)))
            ) {
                session.console.keys_waited();
            }
        }
    }
}

/// How often an audience view's own choice is read again while one is shown.
const ROOM_LOCAL_RECHECK: Duration = Duration::from_secs(5);

/// The most characters put into the editor in one insertion: a longer run of typing is
/// drawn in between.
const TYPED_TOGETHER_AT_MOST: usize = 4096;

/// The character a key types into an open editor: a character without Ctrl or Alt, or a
/// new line for Enter (as `keys::action_for` reads them there).
fn typed_in_editor(mode: &crate::app::Mode, key: event::KeyEvent) -> Option<char> {
    use event::KeyModifiers as Held;
    let plain = (key.modifiers - Held::SHIFT).is_empty();
    if !matches!(mode, crate::app::Mode::Editor(_)) || !plain {
        return None;
    }
    match key.code {
        KeyCode::Char(c) if !c.is_control() => Some(c),
        KeyCode::Enter => Some('\n'),
        _ => None,
    }
}

/// `first` and the characters typed right after it that are already read, and what was
/// read after them.
fn typed_together(
    first: char,
    receiver: &Receiver<Wake>,
    mode: &crate::app::Mode,
) -> (String, Option<Wake>) {
    let mut text = String::from(first);
    let mut count = 1;
    while count < TYPED_TOGETHER_AT_MOST {
        match receiver.try_recv() {
            Ok(Wake::Terminal(Event::Key(key))) if key.kind == KeyEventKind::Release => {}
            Ok(Wake::Terminal(Event::Key(key))) => match typed_in_editor(mode, key) {
                Some(c) => {
                    text.push(c);
                    count += 1;
                }
                None => return (text, Some(Wake::Terminal(Event::Key(key)))),
            },
            Ok(other) => return (text, Some(other)),
            Err(_) => return (text, None),
        }
    }
    (text, None)
}

/// The longest the console takes in what the terminal sent before a signal, so that a
/// terminal that keeps sending cannot hold the exit back for ever.
const LEAVING_TAKES_AT_MOST: Duration = Duration::from_secs(5);

/// After SIGTERM, SIGHUP or SIGINT: the next key or paste the terminal had sent before it,
/// read or still being read (so that what was typed is saved, and nothing is said to be
/// saved that was not); `None` once there is none.
fn typed_before_leaving(
    receiver: &Receiver<Wake>,
    reading: &input::Reading,
    since: Instant,
) -> Option<Wake> {
    let typed = |wake: &Wake| matches!(wake, Wake::Terminal(Event::Key(_) | Event::Paste(_)));
    while since.elapsed() < LEAVING_TAKES_AT_MOST {
        let pending = reading.pending();
        match receiver.recv_timeout(Duration::from_millis(5)) {
            Ok(wake) if typed(&wake) => return Some(wake),
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) if !pending => return None,
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    None
}

/// SQLite's quick check reads every page, so it grows with the file: it runs once the first
/// frame is on screen, on a connection of its own, and a damaged file stops every write the
/// moment it is found. It runs here, not on a thread: 0.7 ms on the sample, 42 ms on a
/// county's ten years (BENCHMARKS.md), while keys wait in the input thread; on a thread of
/// its own, what its connection had allocated stayed resident in that thread's malloc arena
/// (0.45 MB of the console's 7).
fn check_after_first_frame(path: PathBuf, sender: Sender<Wake>) {
    let result = match Store::check_file(&path) {
        Err(damage @ (StorageError::Corrupt { .. } | StorageError::NotDatabase(_))) => {
            Err(damage.to_string())
        }
        _ => Ok(()),
    };
    let _ = sender.send(Wake::Checked(result));
}

/// The terminal's key event as the app's own key.
pub(crate) fn key_of(event: event::KeyEvent) -> key::KeyEvent {
    use event::KeyCode as Term;
    use key::KeyCode;
    let code = match event.code {
        Term::Char(c) => KeyCode::Char(c),
        Term::Enter => KeyCode::Enter,
        Term::Esc => KeyCode::Esc,
        Term::Backspace => KeyCode::Backspace,
        Term::Delete => KeyCode::Delete,
        Term::Tab => KeyCode::Tab,
        Term::BackTab => KeyCode::BackTab,
        Term::Up => KeyCode::Up,
        Term::Down => KeyCode::Down,
        Term::Left => KeyCode::Left,
        Term::Right => KeyCode::Right,
        Term::Home => KeyCode::Home,
        Term::End => KeyCode::End,
        Term::PageUp => KeyCode::PageUp,
        Term::PageDown => KeyCode::PageDown,
        Term::F(n) => KeyCode::F(n),
        _ => KeyCode::Other,
    };
    let held = |m| event.modifiers.contains(m);
    key::KeyEvent::new(
        code,
        key::KeyModifiers {
            ctrl: held(event::KeyModifiers::CONTROL),
            alt: held(event::KeyModifiers::ALT),
            shift: held(event::KeyModifiers::SHIFT),
        },
    )
}

/// Ctrl-Z: in raw mode the terminal sends it as a key rather than stopping the program.
pub(crate) fn is_suspend_key(key: event::KeyEvent) -> bool {
    cfg!(unix)
        && key.code == KeyCode::Char('z')
        && key.modifiers.contains(event::KeyModifiers::CONTROL)
}

/// Saves, then stops as the shell expects of Ctrl-Z.
fn suspend(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    session: &mut Session,
) -> io::Result<()> {
    session.save_all(Utc::now());
    pause_terminal(terminal)
}

/// Gives the terminal back and stops the process; after `fg` takes the terminal again and
/// redraws all of it.
pub(crate) fn pause_terminal(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
    leave();
    stop_process()?;
    resume(terminal)
}

#[cfg(unix)]
fn stop_process() -> io::Result<()> {
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
}

// Windows has no job control: Ctrl-Z is not a suspend key there.
#[cfg(not(unix))]
fn stop_process() -> io::Result<()> {
    Ok(())
}

/// Raw mode, the alternate screen and pasting back on, and every cell drawn again.
pub(crate) fn resume(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    // Clears the screen and forgets the last frame, without asking the terminal where its
    // cursor is (`Terminal::clear` does, and not every terminal answers).
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Reads the terminal on a thread of its own (`input`); what it reads comes as `Wake`s.
pub(crate) fn listen_for_input(sender: Sender<Wake>) -> input::Reading {
    input::listen(sender)
}

pub(crate) fn listen_for_signals(sender: Sender<Wake>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(signals::WATCHED)?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if sender.send(signals::wake_for(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

#[cfg(unix)]
mod signals {
    use super::Wake;
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};

    pub const WATCHED: [i32; 5] = [SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT];

    pub fn wake_for(signal: i32) -> Wake {
        match signal {
            SIGTSTP => Wake::Suspend,
            SIGCONT => Wake::Resume,
            _ => Wake::Signal,
        }
    }
}

// Windows: closing the console window and Ctrl-Break arrive as these two (untested here).
#[cfg(not(unix))]
mod signals {
    use super::Wake;
    use signal_hook::consts::{SIGINT, SIGTERM};

    pub const WATCHED: [i32; 2] = [SIGTERM, SIGINT];

    pub fn wake_for(_signal: i32) -> Wake {
        Wake::Signal
    }
}

pub(crate) fn enter() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    if let Err(err) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
        leave();
        return Err(err);
    }
    let answers = probe::ask(&mut stdout);
    if !crate::ui::text::ambiguous_forced()
        && let Some(mode) = answers.ambiguous()
    {
        crate::ui::text::set_ambiguous(mode);
    }
    crate::ui::slide::set_graphics(answers.graphics());
    Terminal::new(CrosstermBackend::new(stdout))
}

/// Gives the terminal back: raw mode off, main screen, cursor shown. Errors are ignored:
/// the terminal may already be gone.
pub fn leave() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

/// The test-only trigger of the panic path: F12 panics when `SHUZE_TEST_PANIC` is set.
fn panic_if_asked(code: KeyCode) {
    if code == KeyCode::F(12) && std::env::var_os("SHUZE_TEST_PANIC").is_some() {
        panic!("test panic requested with F12 (SHUZE_TEST_PANIC)");
    }
}

/// On a panic: terminal back first, then the details into the log file, then one short line.
pub(crate) fn install_panic_hook(log: PathBuf) {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        leave();
        // A panic's message may quote the meeting's text: not written of an encrypted one.
        let what = match crate::storage::cipher::in_use() {
            true => format!(
                "panicked at {} (message left out: the meeting file is encrypted)",
                info.location().map(ToString::to_string).unwrap_or_default()
            ),
            false => info.to_string(),
        };
        let details = format!(
            "{}\n{what}\n\n{}\n",
            Utc::now().to_rfc3339(),
            std::backtrace::Backtrace::force_capture()
        );
        let written = log
            .parent()
            .map(|dir| crate::files::create_private_dir(dir).is_ok())
            .unwrap_or(false)
            && append_private(&log, &details).is_ok();
        if written {
            use std::io::Write as _;
            let message = crate::messages::tr!(
                "shuze 遇到内部错误，终端已恢复。详情见 {log}",
                "shuze met an internal error; the terminal is restored. Details in {log}",
                log = log.display()
            );
            let _ = writeln!(io::stderr(), "{message}");
        } else {
            previous(info);
        }
    }));
}

fn append_private(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    if !path.exists() {
        crate::files::create_private_file(path)?;
    }
    let mut file = std::fs::OpenOptions::new().append(true).open(path)?;
    file.write_all(text.as_bytes())
}
