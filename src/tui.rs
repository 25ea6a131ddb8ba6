//! The terminal loop: draw from the state, wait for a key, a paste, a signal or the next
//! deadline, turn it into an action, let the session apply it. Nothing else.
//!
//! No busy loop: the loop sleeps until input arrives or the state asks to be woken (a
//! running clock, unsaved text). SIGTERM and SIGHUP save and restore the terminal.

use crate::app::{Action, keys};
use crate::session::Session;
use crate::ui::{self, Theme};
use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use std::io::{self, Stdout};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// What wakes the loop.
enum Wake {
    Terminal(Event),
    /// The terminal is gone (read failed): save and leave.
    TerminalLost,
    /// SIGTERM, SIGHUP or SIGINT.
    Signal,
}

/// Runs the console until the recorder quits, a signal arrives or the terminal goes away.
pub fn run(session: &mut Session, theme: &Theme) -> io::Result<()> {
    let (sender, receiver) = mpsc::channel();
    listen_for_signals(sender.clone())?;
    let mut terminal = enter()?;
    listen_for_input(sender);
    let result = event_loop(&mut terminal, session, theme, &receiver);
    session.save_all(Utc::now());
    leave();
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    session: &mut Session,
    theme: &Theme,
    receiver: &Receiver<Wake>,
) -> io::Result<()> {
    loop {
        session.console.now = Utc::now();
        terminal.draw(|frame| ui::draw(frame, &session.console, theme))?;
        if session.console.quit {
            return Ok(());
        }
        let wait = session
            .console
            .next_deadline()
            .map(|at| (at - Utc::now()).to_std().unwrap_or(Duration::ZERO))
            .unwrap_or(Duration::from_secs(3600));
        let action = match receiver.recv_timeout(wait) {
            Ok(Wake::Terminal(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                keys::action_for(&session.console.mode, key)
            }
            Ok(Wake::Terminal(Event::Paste(text))) => Some(Action::Paste(text)),
            Ok(Wake::Terminal(_)) => None,
            Ok(Wake::TerminalLost | Wake::Signal) | Err(RecvTimeoutError::Disconnected) => {
                return Ok(());
            }
            Err(RecvTimeoutError::Timeout) => Some(Action::Tick),
        };
        if let Some(action) = action {
            session.handle(action, Utc::now());
        }
    }
}

fn listen_for_input(sender: Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            let wake = match event::read() {
                Ok(event) => Wake::Terminal(event),
                Err(_) => Wake::TerminalLost,
            };
            let lost = matches!(wake, Wake::TerminalLost);
            if sender.send(wake).is_err() || lost {
                return;
            }
        }
    });
}

fn listen_for_signals(sender: Sender<Wake>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        for _ in signals.forever() {
            if sender.send(Wake::Signal).is_err() {
                return;
            }
        }
    });
    Ok(())
}

fn enter() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    if let Err(err) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
        leave();
        return Err(err);
    }
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

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}
