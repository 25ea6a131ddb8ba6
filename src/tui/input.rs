//! Reading the terminal: every byte it sends is handled, however fast it comes and in
//! whatever chunks, and a terminal that went away ends the console instead of spinning.
//!
//! crossterm's default reader waits on the terminal with edge-triggered epoll and returns
//! after each 1,024-byte read: what a fast paste left in the terminal's buffer then waited
//! for the next key (346 of 1,348 characters arrived). Built with `use-dev-tty` it waits
//! with `poll` and reads on while bytes are there; and when the terminal hangs up, its read
//! finds the end of the file over and over (95 % of a core). So this thread waits itself,
//! on the terminal and on window-size changes, and lets crossterm read only what is there;
//! a hang-up (the window closed, the pseudo-terminal's master gone) ends it.

use super::Wake;
use ratatui::crossterm::event;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long crossterm may wait for the rest of what the terminal is sending before the
/// thread goes back to waiting itself (an escape sequence split over two reads).
const REST_OF_A_READ: Duration = Duration::from_millis(2);

/// What the loop can ask the reading thread: whether it is still taking in bytes.
#[derive(Clone)]
pub(crate) struct Reading {
    busy: Arc<AtomicBool>,
    #[cfg(unix)]
    tty: Option<Arc<std::os::fd::OwnedFd>>,
}

impl Reading {
    /// True while bytes sent by the terminal are not yet all handed to the loop: some are
    /// waiting in the terminal, or being read and parsed.
    pub(crate) fn pending(&self) -> bool {
        self.busy.load(Ordering::SeqCst) || self.terminal_has_bytes()
    }

    #[cfg(unix)]
    fn terminal_has_bytes(&self) -> bool {
        use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
        use std::os::fd::AsFd;
        let Some(tty) = &self.tty else {
            return false;
        };
        let mut fds = [PollFd::new(tty.as_fd(), PollFlags::POLLIN)];
        matches!(poll(&mut fds, PollTimeout::ZERO), Ok(1..))
            && fds[0]
                .revents()
                .is_some_and(|r| r.contains(PollFlags::POLLIN) && !gone(r))
    }

    #[cfg(not(unix))]
    fn terminal_has_bytes(&self) -> bool {
        false
    }
}

/// Starts the thread that reads the terminal and sends what it reads to the loop.
pub(crate) fn listen(sender: Sender<Wake>) -> Reading {
    let busy = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    let reading = Reading {
        busy: busy.clone(),
        tty: unix::terminal().ok().map(Arc::new),
    };
    #[cfg(not(unix))]
    let reading = Reading { busy: busy.clone() };
    let waiter = reading.clone();
    std::thread::spawn(move || read_terminal(&sender, &waiter));
    reading
}

/// Waits for the terminal, takes in all it sent, and again, until the terminal or the loop
/// goes away.
fn read_terminal(sender: &Sender<Wake>, reading: &Reading) {
    #[cfg(unix)]
    let Some(waiter) = unix::Waiter::new(reading.tty.clone()) else {
        let _ = sender.send(Wake::TerminalLost);
        return;
    };
    // crossterm sets up its reader, and its own note of SIGWINCH, when first asked: now,
    // so that a window resized before the first key is redrawn.
    let _ = event::poll(Duration::ZERO);
    loop {
        #[cfg(unix)]
        if !waiter.wait(&reading.busy) {
            let _ = sender.send(Wake::TerminalLost);
            return;
        }
        let taken = take_what_is_there(sender);
        reading.busy.store(false, Ordering::SeqCst);
        match taken {
            Ok(true) => {}
            Ok(false) => return,
            Err(()) => {
                let _ = sender.send(Wake::TerminalLost);
                return;
            }
        }
    }
}

/// Hands every event crossterm can read now to the loop: `Ok(false)` when the loop is
/// gone, `Err` when the terminal is.
fn take_what_is_there(sender: &Sender<Wake>) -> Result<bool, ()> {
    // Elsewhere than Unix, crossterm waits for the console itself.
    let wait = match cfg!(unix) {
        true => REST_OF_A_READ,
        false => Duration::from_secs(3600),
    };
    loop {
        match event::poll(wait) {
            Ok(true) => {}
            Ok(false) => return Ok(true),
            Err(_) => return Err(()),
        }
        let event = event::read().map_err(|_| ())?;
        if sender.send(Wake::Terminal(event)).is_err() {
            return Ok(false);
        }
    }
}

/// The terminal hung up or the descriptor is no longer one.
#[cfg(unix)]
fn gone(revents: nix::poll::PollFlags) -> bool {
    use nix::poll::PollFlags;
    revents.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL)
}

#[cfg(unix)]
mod unix {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::io::{self, IsTerminal, Read};
    use std::os::fd::{AsFd, OwnedFd};
    use std::os::unix::net::UnixStream;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// The terminal crossterm reads: standard input when it is one, else `/dev/tty`.
    pub fn terminal() -> io::Result<OwnedFd> {
        match io::stdin().is_terminal() {
            true => io::stdin().as_fd().try_clone_to_owned(),
            false => Ok(std::fs::File::open("/dev/tty")?.into()),
        }
    }

    /// Waits on the terminal and on SIGWINCH (crossterm reads the new size when asked).
    pub struct Waiter {
        tty: Arc<OwnedFd>,
        resized: UnixStream,
    }

    impl Waiter {
        pub fn new(tty: Option<Arc<OwnedFd>>) -> Option<Waiter> {
            let (resized, sender) = UnixStream::pair().ok()?;
            resized.set_nonblocking(true).ok()?;
            sender.set_nonblocking(true).ok()?;
            signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, sender).ok()?;
            Some(Waiter { tty: tty?, resized })
        }

        /// Blocks until the terminal has bytes or the window changed size (true; `busy`
        /// is set before returning), or the terminal is gone (false).
        pub fn wait(&self, busy: &AtomicBool) -> bool {
            loop {
                let mut fds = [
                    PollFd::new(self.tty.as_fd(), PollFlags::POLLIN),
                    PollFd::new(self.resized.as_fd(), PollFlags::POLLIN),
                ];
                match poll(&mut fds, PollTimeout::NONE) {
                    Ok(_) => {}
                    Err(nix::errno::Errno::EINTR) => continue,
                    Err(_) => return false,
                }
                let terminal = fds[0].revents().unwrap_or(PollFlags::empty());
                let resized = fds[1].revents().unwrap_or(PollFlags::empty());
                if super::gone(terminal) {
                    return false;
                }
                if resized.contains(PollFlags::POLLIN) {
                    let mut drained = [0u8; 64];
                    while matches!((&self.resized).read(&mut drained), Ok(1..)) {}
                }
                if terminal.contains(PollFlags::POLLIN) || resized.contains(PollFlags::POLLIN) {
                    busy.store(true, Ordering::SeqCst);
                    return true;
                }
            }
        }
    }
}
