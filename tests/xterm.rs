//! The projected card in a real terminal as a room sees it: xterm under Xvfb at 1920x1080
//! with the back row's fonts (14 and 36 points, Unifont's glyphs: no Sixel), the screen
//! read back as pixels and the official's name measured. The name must not shrink as the
//! font grows: at 36 points it is still drawn in large glyphs, not as a line of text, also
//! in `xterm -cjk_width` (ambiguous-width characters two cells wide).
//!
//! Needs `xterm`, `Xvfb` and `xwd` (`tests/run.sh` installs them); skipped visibly where
//! they are missing.

mod common;

use common::*;
use shuze::app::Action::Command as C;
use shuze::app::Command::{NextStage, ShowCard};
use std::path::Path;
use std::process::{Child, Command as Process, Stdio};

/// The name's colour in the default theme (`themes/projector-dark.toml`, accent #ffd54f),
/// as xterm may round it: strong red and green, little blue.
fn is_name_colour([r, g, b]: [u8; 3]) -> bool {
    r > 200 && g > 150 && b < 140
}

/// Kills and reaps a child when dropped.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn installed(program: &str) -> bool {
    Process::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// An X server stopped with SIGTERM when dropped, so that it removes its lock file and
/// socket (killed, it leaves both, and a later server on that display cannot start).
struct XServer(Child);

impl Drop for XServer {
    fn drop(&mut self) {
        let _ = Process::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

/// An X server of its own on a display it chose free (`-displayfd`: it writes the number
/// once it accepts connections), whatever other servers or stale locks there are.
fn x_server() -> (XServer, String) {
    use std::io::BufRead;
    let mut server = Process::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1920x1080x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    let mut number = String::new();
    let out = server.stdout.take().expect("Xvfb's output");
    let _ = std::io::BufReader::new(out).read_line(&mut number);
    let number = number.trim().to_string();
    let server = XServer(server);
    assert!(
        !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()),
        "Xvfb did not say which display it took ({number:?})"
    );
    (server, format!(":{number}"))
}

/// The whole screen as rows of RGB pixels, read with `xwd` (ZPixmap, 24 or 32 bits).
fn screen(display: &str) -> Option<Vec<Vec<[u8; 3]>>> {
    let out = Process::new("xwd")
        .args(["-root", "-silent", "-display", display])
        .output()
        .ok()?;
    parse_xwd(&out.stdout)
}

fn parse_xwd(bytes: &[u8]) -> Option<Vec<Vec<[u8; 3]>>> {
    let field = |i: usize| -> Option<u32> {
        Some(u32::from_be_bytes(
            bytes.get(i * 4..i * 4 + 4)?.try_into().ok()?,
        ))
    };
    let header = field(0)? as usize;
    let (width, height) = (field(4)? as usize, field(5)? as usize);
    let byte_order = field(7)?;
    let bits = field(11)? as usize;
    let line = field(12)? as usize;
    let colours = field(19)? as usize;
    if bits != 32 && bits != 24 {
        return None;
    }
    let data = bytes.get(header + colours * 12..)?;
    let step = bits / 8;
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| {
                    let at = y * line + x * step;
                    let p = data.get(at..at + 3)?;
                    // LSBFirst: blue, green, red in memory.
                    Some(match byte_order {
                        0 => [p[2], p[1], p[0]],
                        _ => [p[step - 3], p[step - 2], p[step - 1]],
                    })
                })
                .collect()
        })
        .collect()
}

/// How many pixel rows the name's glyphs span (top of the highest to the bottom of the
/// lowest row in its colour), 0 when none is drawn.
fn name_height(pixels: &[Vec<[u8; 3]>]) -> usize {
    let rows: Vec<usize> = pixels
        .iter()
        .enumerate()
        .filter(|(_, row)| row.iter().filter(|&&p| is_name_colour(p)).count() > 2)
        .map(|(y, _)| y)
        .collect();
    match (rows.first(), rows.last()) {
        (Some(top), Some(bottom)) => bottom - top + 1,
        _ => 0,
    }
}

/// The audience view in a maximised xterm at `points` (ambiguous-width characters two
/// cells wide with `cjk`), the name's height once drawn.
fn measured(display: &str, db: &Path, data: &Path, points: &str, cjk: bool) -> usize {
    let term = Process::new("xterm")
        .args(["-geometry", "1920x1080+0+0", "-maximized"])
        .args(if cjk { &["-cjk_width"][..] } else { &[] })
        .args(["-fa", "Noto Sans Mono CJK SC", "-fs", points])
        .args(["-bg", "#0b0f14", "-fg", "#f4f6f8", "-e"])
        .arg(env!("CARGO_BIN_EXE_shuze"))
        .arg("present")
        .arg(db)
        .env("DISPLAY", display)
        .env("XDG_DATA_HOME", data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("xterm starts");
    let _term = Reaped(term);
    // The name is drawn once its colour covers more than a line of text would, or after
    // the deadline whatever is there (a name in words is the failure this test is for).
    let mut height = 0;
    let drawn = eventually(30, || {
        height = screen(display).map_or(0, |p| name_height(&p));
        height > 0
    });
    assert!(
        drawn,
        "{points} pt: nothing in the name's colour on the screen"
    );
    // One more look after a further frame could only add rows: the card is drawn whole.
    screen(display).map_or(height, |p| name_height(&p).max(height))
}

#[test]
fn the_name_is_as_large_at_36_points_as_at_14() {
    let missing: Vec<&str> = ["xterm", "Xvfb", "xwd"]
        .into_iter()
        .filter(|p| !installed(p))
        .collect();
    if !missing.is_empty() {
        skip(&format!(
            "the card in xterm: {} not installed",
            missing.join(", ")
        ));
        return;
    }
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let mut session = shuze::session::Session::open(
        shuze::storage::Store::open(&db).unwrap(),
        None,
        shuze::labels::Lang::Zh,
        at(0),
    )
    .unwrap();
    session.handle(C(NextStage), at(1));
    session.handle(C(ShowCard), at(2));
    session.close();

    let (_server, display) = x_server();
    let small = measured(&display, &db, &data, "14", false);
    let large = measured(&display, &db, &data, "36", false);
    let wide = measured(&display, &db, &data, "36", true);
    eprintln!(
        "name height: {small} px at 14 pt, {large} px at 36 pt, {wide} px at 36 pt with -cjk_width"
    );
    // A line of text at 36 points is about 50 pixels; the name's glyphs take 8 rows or more.
    assert!(
        large >= small && large > 150,
        "the name is {small} px high at 14 pt and {large} px at 36 pt"
    );
    assert!(
        wide > 150,
        "xterm -cjk_width at 36 pt: the name is {wide} px high (in words, not large glyphs)"
    );
}
