//! What the terminal says about itself, asked once at start-up in one round trip: how wide
//! it drew “ (the cursor's position after printing it), whether it shows images (the kitty
//! graphics query, Sixel as attribute 4 of its device attributes) and its cell size in
//! pixels (`ESC[16t`).
//!
//! The questions end with the Primary Device Attributes request (`ESC[c`), which nearly
//! every terminal answers, and in order: its answer ends the wait, so a terminal that
//! answers costs one round trip. One that answers nothing (a bare pseudo-terminal, a
//! serial line) costs `TIMEOUT`, and the terminal is taken to draw ambiguous characters
//! narrow and show no images.
//!
//! The kitty graphics query goes in a second round trip, only to a terminal that answered
//! the first in time: its answer (`ESC _ G … ESC \`) is the one crossterm would read as
//! keys if it came late (`G`, `i`, `3`, `1`, `O`, `K`: each a command of the console). The
//! other answers, late, are sequences crossterm reads and drops.

use crate::ui::slide::{Graphics, Protocol};
use crate::ui::text::{self, Ambiguous};
use ratatui::crossterm::style::Print;
use ratatui::crossterm::terminal::{Clear, ClearType};
use ratatui::crossterm::{cursor, execute};
use std::io::{self, Write};
use std::time::Duration;

/// How long a terminal that does not answer holds up the first screen.
pub const TIMEOUT: Duration = Duration::from_millis(500);
/// How long the second round may take: the terminal answered the first, so it answers
/// this one's device attributes too, and its kitty answer must not come after the wait.
const SECOND_TIMEOUT: Duration = Duration::from_secs(3);

/// Printed at the start of the first row, the cursor's position then asked for; the cell
/// size in pixels, the largest Sixel picture (XTSMGRAPHICS: xterm refuses pictures over
/// 1000x1000 pixels by default), and the device attributes last.
const QUERY: &str = "\u{201C}\x1b[6n\x1b[16t\x1b[?2;1;0S\x1b[c";

/// The kitty graphics query (a one-pixel image, queried, not shown), then the device
/// attributes again to end the wait.
const KITTY_QUERY: &str = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\\x1b[c";

/// The answers, as far as they came.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Answers {
    /// The cursor's column (1-based, as the terminal reports it) after “.
    pub cursor_column: Option<u16>,
    /// The kitty graphics query answered `OK`.
    pub kitty: bool,
    /// The device attributes include 4 (Sixel graphics).
    pub sixel: bool,
    /// A cell's width and height in pixels.
    pub cell_pixels: Option<(u16, u16)>,
    /// The largest Sixel picture the terminal shows (width, height in pixels).
    pub largest_sixel: Option<(u16, u16)>,
    /// The device attributes arrived: nothing more will.
    pub complete: bool,
}

impl Answers {
    /// How ambiguous-width characters are drawn: “ at column 1 leaves the cursor at column
    /// 2 when drawn narrow, 3 when wide.
    pub fn ambiguous(&self) -> Option<Ambiguous> {
        text::ambiguous_from_column(self.cursor_column?.checked_sub(1)?)
    }

    /// Images, when the terminal shows them and says its cell size (`ESC[16t`). The
    /// window's size in pixels divided by its cells is not enough: in xterm at 22 and 36
    /// points it gave cells of the wrong height, and each second's clock was drawn over
    /// the last one's and the unit.
    pub fn graphics(&self) -> Option<Graphics> {
        let protocol = match (self.kitty, self.sixel) {
            (true, _) => Protocol::Kitty,
            (false, true) => Protocol::Sixel,
            (false, false) => return None,
        };
        let cell = self.cell_pixels?;
        let largest = match protocol {
            Protocol::Sixel => self.largest_sixel,
            Protocol::Kitty => None,
        };
        Some(Graphics {
            protocol,
            cell,
            largest,
        })
    }
}

/// Reads the terminal's answers out of `bytes` (anything else in between, a key typed
/// during the wait, is passed over).
pub fn parse(bytes: &[u8]) -> Answers {
    let mut answers = Answers::default();
    let mut rest = bytes;
    while let Some(start) = rest.iter().position(|&b| b == 0x1b) {
        rest = &rest[start + 1..];
        match rest.first() {
            Some(b'[') => {
                let Some((params, end, after)) = csi(&rest[1..]) else {
                    break;
                };
                answer_csi(&mut answers, params, end);
                rest = after;
            }
            Some(b'_') => {
                let Some(end) = rest.windows(2).position(|w| w == b"\x1b\\") else {
                    break;
                };
                answers.kitty |= rest[1..end].starts_with(b"Gi=31;OK");
                rest = &rest[end + 2..];
            }
            _ => {}
        }
    }
    answers
}

/// A control sequence's parameters, final byte and what follows it; `None` when it is not
/// complete yet.
fn csi(bytes: &[u8]) -> Option<(&str, u8, &[u8])> {
    let end = bytes.iter().position(|b| (0x40..=0x7e).contains(b))?;
    let params = std::str::from_utf8(&bytes[..end]).unwrap_or("");
    Some((params, bytes[end], &bytes[end + 1..]))
}

fn answer_csi(answers: &mut Answers, params: &str, end: u8) {
    let numbers = |s: &str| -> Vec<u16> { s.split(';').filter_map(|n| n.parse().ok()).collect() };
    match (end, params.strip_prefix('?')) {
        (b'c', Some(attributes)) => {
            answers.sixel |= numbers(attributes).contains(&4);
            answers.complete = true;
        }
        (b'S', Some(graphics)) => {
            if let [2, 0, width, height] = numbers(graphics)[..] {
                answers.largest_sixel = Some((width, height));
            }
        }
        (b'R', None) => {
            if let [_row, column] = numbers(params)[..] {
                answers.cursor_column = Some(column);
            }
        }
        (b't', None) => {
            if let [6, height, width] = numbers(params)[..]
                && height > 0
                && width > 0
            {
                answers.cell_pixels = Some((width, height));
            }
        }
        _ => {}
    }
}

/// Asks the terminal (in raw mode, on the alternate screen, before anything reads keys) and
/// clears what the questions printed.
pub fn ask(stdout: &mut io::Stdout) -> Answers {
    let mut answers = match execute!(stdout, cursor::MoveTo(0, 0), Print(QUERY)) {
        Ok(()) => read_answers(TIMEOUT),
        Err(_) => Answers::default(),
    };
    if answers.complete
        && cfg!(unix)
        && !in_multiplexer(|name| std::env::var(name).ok())
        && execute!(stdout, Print(KITTY_QUERY)).is_ok()
    {
        answers.kitty = read_answers(SECOND_TIMEOUT).kitty;
    }
    let _ = execute!(stdout, Clear(ClearType::All), cursor::MoveTo(0, 0));
    let _ = stdout.flush();
    answers
}

/// Inside tmux or GNU screen, which take an application program command (`ESC _ … ESC \`,
/// the kitty query's envelope) as the window's title and show no kitty images without a
/// passthrough: the query is not sent there.
fn in_multiplexer(var: impl Fn(&str) -> Option<String>) -> bool {
    let term = var("TERM").unwrap_or_default();
    var("TMUX").is_some()
        || var("STY").is_some()
        || term.starts_with("tmux")
        || term.starts_with("screen")
}

/// The answers read from the terminal until the device attributes arrive or `timeout`.
#[cfg(unix)]
fn read_answers(timeout: Duration) -> Answers {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::io::IsTerminal;
    use std::os::fd::AsFd;
    use std::time::Instant;

    // Where crossterm reads keys: standard input when it is the terminal, else /dev/tty.
    let tty = match io::stdin().is_terminal() {
        true => None,
        false => std::fs::File::open("/dev/tty").ok(),
    };
    let stdin = io::stdin();
    let fd = match &tty {
        Some(file) => file.as_fd(),
        None => stdin.as_fd(),
    };
    let deadline = Instant::now() + timeout;
    let mut bytes = Vec::new();
    let mut answers = Answers::default();
    while !answers.complete {
        let left = deadline.saturating_duration_since(Instant::now());
        let wait = PollTimeout::try_from(left).unwrap_or(PollTimeout::ZERO);
        let mut fds = [PollFd::new(fd, PollFlags::POLLIN)];
        if left.is_zero() || !matches!(poll(&mut fds, wait), Ok(1..)) {
            break;
        }
        let mut chunk = [0u8; 256];
        match nix::unistd::read(fd, &mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
        }
        answers = parse(&bytes);
    }
    answers
}

/// Windows (untested): crossterm reads the cursor's position through the console API, which
/// answers at once; the console's own measure of “ is what Windows Terminal draws. Images
/// are not asked about there (the answers would come through the console's input records):
/// the spotlight is drawn in Unifont.
#[cfg(not(unix))]
fn read_answers(_timeout: Duration) -> Answers {
    Answers {
        cursor_column: cursor::position().ok().map(|(column, _)| column + 1),
        complete: true,
        ..Answers::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmux_and_screen_are_not_asked_the_kitty_query() {
        let env = |pairs: &'static [(&str, &str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_string())
            }
        };
        assert!(in_multiplexer(env(&[("TMUX", "/tmp/tmux-0/default,1,0")])));
        assert!(in_multiplexer(env(&[("TERM", "screen-256color")])));
        assert!(in_multiplexer(env(&[("STY", "1234.pts-0.host")])));
        assert!(!in_multiplexer(env(&[("TERM", "xterm-kitty")])));
        assert!(!in_multiplexer(env(&[])));
    }

    #[test]
    fn every_answer_is_read_in_one_stream() {
        let answers = parse(b"\x1b[1;2R\x1b_Gi=31;OK\x1b\\\x1b[6;20;10t\x1b[?63;1;2;4;6;9;15;22c");
        assert_eq!(answers.cursor_column, Some(2));
        assert_eq!(answers.ambiguous(), Some(Ambiguous::Narrow));
        assert!(answers.kitty && answers.sixel && answers.complete);
        assert_eq!(answers.cell_pixels, Some((10, 20)));
        let graphics = answers.graphics().unwrap();
        assert_eq!(graphics.protocol, Protocol::Kitty);
        assert_eq!(graphics.cell, (10, 20));
    }

    #[test]
    fn a_plain_terminal_answers_the_cursor_and_its_attributes_only() {
        let answers = parse(b"\x1b[1;3R\x1b[?62;22c");
        assert_eq!(answers.ambiguous(), Some(Ambiguous::Wide));
        assert!(answers.complete && !answers.kitty && !answers.sixel);
        assert_eq!(answers.graphics(), None, "no images");
    }

    #[test]
    fn sixel_without_the_terminal_s_cell_size_is_no_image() {
        let answers = parse(b"\x1b[1;2R\x1b[?63;4c");
        assert_eq!(answers.graphics(), None, "no size: no pixels to draw");
        let graphics = parse(b"\x1b[6;18;9t\x1b[?63;4c").graphics().unwrap();
        assert_eq!(graphics.protocol, Protocol::Sixel);
        assert_eq!(graphics.largest, None, "no limit given");
    }

    #[test]
    fn half_an_answer_or_none_is_not_complete() {
        assert!(!parse(b"\x1b[1;2").complete);
        assert_eq!(parse(b"\x1b[1;2").cursor_column, None);
        assert_eq!(parse(b"").ambiguous(), None);
        assert!(
            !parse(b"\x1b_Gi=31;OK").kitty,
            "the kitty answer not ended yet"
        );
        let refused = parse(b"\x1b_Gi=31;ENOTSUPPORTED:no\x1b\\\x1b[?62c");
        assert!(!refused.kitty && refused.complete);
        assert_eq!(
            parse(b"\x1b[1;9R").ambiguous(),
            None,
            "a column that makes no sense"
        );
    }
}
