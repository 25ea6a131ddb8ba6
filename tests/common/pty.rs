//! The real `shuze` binary in a real pseudo-terminal, its screen read back with vt100.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// How the pseudo-terminal answers the program's questions at start-up (a bare one answers
/// none: the harness answers for it, as a terminal would).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answering {
    /// The cursor at column 2 after “ (ambiguous characters narrow), device attributes
    /// without graphics: most terminals.
    Narrow,
    /// The cursor at column 3 after “, as `xterm -cjk_width` draws it.
    Wide,
    /// No answer at all.
    Silent,
    /// Narrow, and Sixel graphics (attribute 4) with cells of 10x20 pixels (`ESC[16t`).
    Sixel,
    /// Narrow, and the kitty graphics protocol with cells of 10x20 pixels.
    Kitty,
    /// As `Kitty`, but each answer late (a slow remote line): only once the program has
    /// stopped waiting and drawn its first frame.
    Late,
}

impl Answering {
    /// The answer to the questions in `chunk`, if any.
    fn answer(self, chunk: &[u8]) -> Vec<u8> {
        let asks = |question: &[u8]| chunk.windows(question.len()).any(|w| w == question);
        let mut answer = Vec::new();
        if self == Answering::Silent {
            return answer;
        }
        if asks(b"\x1b[6n") {
            answer.extend_from_slice(match self {
                Answering::Wide => b"\x1b[1;3R",
                _ => b"\x1b[1;2R",
            });
        }
        let graphics = matches!(self, Answering::Sixel | Answering::Kitty | Answering::Late);
        if asks(b"\x1b[16t") && graphics {
            answer.extend_from_slice(b"\x1b[6;20;10t");
        }
        if asks(b"\x1b_Gi=31") && matches!(self, Answering::Kitty | Answering::Late) {
            answer.extend_from_slice(b"\x1b_Gi=31;OK\x1b\\");
        }
        if asks(b"\x1b[c") {
            answer.extend_from_slice(match self {
                Answering::Sixel => b"\x1b[?62;4;22c",
                _ => b"\x1b[?62;22c" as &[u8],
            });
        }
        answer
    }
}

pub struct Console {
    child: Box<dyn Child + Send + Sync>,
    /// The keyboard, shared with the thread that answers the program's questions.
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    screen: Arc<Mutex<vt100::Parser>>,
    output: Arc<Mutex<Vec<u8>>>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Set to let the thread reading the terminal drop its side of it (`close_terminal`).
    closing: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    /// How many late answers (`Answering::Late`) have been written to the program.
    late_answers: Arc<AtomicUsize>,
}

/// How the program is started in the terminal.
enum Launch<'a> {
    /// As the terminal's own program (its session, so SIGHUP when the terminal closes).
    Direct,
    /// In a session of its own (`setsid`), so that closing the terminal sends it no SIGHUP,
    /// with standard output sent to a file when one is given.
    OwnSession(Option<&'a Path>),
}

impl Console {
    /// Starts `shuze ARGS` in a `cols` x `rows` terminal.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Console {
        Console::start_with_env(args, cols, rows, &[])
    }

    /// Starts `shuze ARGS` with extra environment variables.
    pub fn start_with_env(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Console {
        Console::start_answering(args, cols, rows, env, Answering::Narrow)
    }

    /// Starts `shuze ARGS` in a terminal that answers its questions as `answering` says.
    pub fn start_answering(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        answering: Answering,
    ) -> Console {
        Console::launch(args, cols, rows, env, answering, Launch::Direct)
    }

    /// Starts `shuze ARGS` in a session of its own, its standard output sent to `stdout`
    /// when given: when the terminal closes, only its reads and writes can tell.
    pub fn start_in_own_session(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        stdout: Option<&Path>,
    ) -> Console {
        let launch = Launch::OwnSession(stdout);
        Console::launch(args, cols, rows, env, Answering::Narrow, launch)
    }

    fn launch(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        answering: Answering,
        launch: Launch,
    ) -> Console {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = match launch {
            Launch::Direct => CommandBuilder::new(env!("CARGO_BIN_EXE_shuze")),
            Launch::OwnSession(stdout) => {
                let mut sh = CommandBuilder::new("sh");
                let script = match stdout {
                    Some(_) => r#"exec setsid -w "$@" > "$SHUZE_TEST_STDOUT""#,
                    None => r#"exec setsid -w "$@""#,
                };
                sh.args(["-c", script, "sh", env!("CARGO_BIN_EXE_shuze")]);
                if let Some(path) = stdout {
                    sh.env("SHUZE_TEST_STDOUT", path);
                }
                sh
            }
        };
        command.args(args);
        command.cwd(std::env::current_dir().unwrap());
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pty.slave.spawn_command(command).expect("shuze starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = Arc::new(Mutex::new(pty.master.take_writer().unwrap()));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(rows).unwrap(),
            std::num::NonZero::new(cols).unwrap(),
            0,
        )));
        let output = Arc::new(Mutex::new(Vec::new()));
        let (screen_in, output_in) = (screen.clone(), output.clone());
        let answers = writer.clone();
        let closing = Arc::new(AtomicBool::new(false));
        let closed = closing.clone();
        let late_answers = Arc::new(AtomicUsize::new(0));
        let (late_sent, drawn) = (late_answers.clone(), screen.clone());
        let reading = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || closed.load(Ordering::SeqCst) {
                    break;
                }
                let chunk = &buf[..n];
                // A bare pseudo-terminal answers nothing: answer as a terminal would.
                let answer = answering.answer(chunk);
                if !answer.is_empty() {
                    let answers = answers.clone();
                    let late = answering == Answering::Late;
                    let (late_sent, drawn) = (late_sent.clone(), drawn.clone());
                    let write = move || {
                        // Late: only once the program has stopped waiting and drawn its
                        // first frame (more than the “ its questions print).
                        if late {
                            super::eventually(30, || {
                                let shown = drawn.lock().unwrap().screen().contents();
                                shown.trim().chars().count() > 1
                            });
                        }
                        let mut keyboard = answers.lock().unwrap();
                        let _ = keyboard.write_all(&answer);
                        let _ = keyboard.flush();
                        late_sent.fetch_add(usize::from(late), Ordering::SeqCst);
                    };
                    match late {
                        true => drop(std::thread::spawn(write)),
                        false => write(),
                    }
                }
                screen_in.lock().unwrap().process(chunk);
                output_in.lock().unwrap().extend_from_slice(chunk);
            }
        });
        Console {
            child,
            writer,
            screen,
            output,
            master: Some(pty.master),
            closing,
            reader: Some(reading),
            late_answers,
        }
    }

    /// Closes the terminal as a window manager would: every descriptor of its master side
    /// (the keyboard, the screen's reader) is closed, and the kernel hangs it up.
    pub fn close_terminal(&mut self) {
        let master = self.master.take().expect("the terminal is open");
        self.closing.store(true, Ordering::SeqCst);
        // The screen's reader waits in a read: a byte written on the program's side wakes it.
        let slave = master.tty_name().expect("a named pseudo-terminal");
        let mut side = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(slave)
            .unwrap();
        // portable-pty's writer, dropped below, types a newline and the EOF character into
        // the terminal (to end a shell's line); a window that goes away types nothing, so
        // the EOF character is switched off first and the writer then leaves it alone.
        #[cfg(unix)]
        {
            use nix::sys::termios::{SetArg, SpecialCharacterIndices, tcgetattr, tcsetattr};
            let mut modes = tcgetattr(&side).unwrap();
            modes.control_chars[SpecialCharacterIndices::VEOF as usize] = 0;
            tcsetattr(&side, SetArg::TCSANOW, &modes).unwrap();
        }
        side.write_all(b" ").unwrap();
        drop(side);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        *self.writer.lock().unwrap() = Box::new(std::io::sink());
        drop(master);
    }

    /// The process id of the program itself, when it runs in a session of its own (the
    /// terminal's own process is then `setsid`, its parent).
    pub fn program_pid(&self) -> u32 {
        let parent = self.pid().expect("started");
        let children = format!("/proc/{parent}/task/{parent}/children");
        let mut pid = None;
        super::wait_until(5, "setsid to start the program", || {
            let listed = std::fs::read_to_string(&children).unwrap_or_default();
            pid = listed.split_whitespace().next().map(|p| p.parse().unwrap());
            pid.is_some()
        });
        pid.unwrap()
    }

    pub fn screen(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Reads the screen's cells (their attributes too) as they are now.
    pub fn with_screen<R>(&self, read: impl FnOnce(&vt100::Screen) -> R) -> R {
        read(self.screen.lock().unwrap().screen())
    }

    /// Everything the program wrote, as text.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    /// Waits until the screen shows `text`; panics with the screen after `seconds`.
    pub fn wait_for(&self, text: &str, seconds: u64) {
        if !super::eventually(seconds, || self.shows(text)) {
            panic!("the screen never showed {text:?}:\n{}", self.screen());
        }
    }

    /// Whether the screen shows `text` (text may wrap onto the next row).
    fn shows(&self, text: &str) -> bool {
        let screen = self.screen();
        let joined: String = screen.lines().map(str::trim_end).collect();
        screen.contains(text) || joined.contains(text)
    }

    /// Waits until the screen shows one of `texts`; the index of the first shown. Panics
    /// with the screen after `seconds`.
    pub fn wait_for_any(&self, texts: &[&str], seconds: u64) -> usize {
        let mut shown = None;
        if super::eventually(seconds, || {
            shown = texts.iter().position(|t| self.shows(t));
            shown.is_some()
        }) {
            return shown.unwrap();
        }
        panic!(
            "the screen never showed any of {texts:?}:\n{}",
            self.screen()
        );
    }

    /// Waits until the screen no longer shows `text`; panics with the screen after `seconds`.
    pub fn wait_gone(&self, text: &str, seconds: u64) {
        if super::eventually(seconds, || !self.screen().contains(text)) {
            return;
        }
        panic!("the screen still shows {text:?}:\n{}", self.screen());
    }

    /// `s` at 待述责 for the meeting's first stage: on another day than the sample's date
    /// (the machine's clock) the console asks whether to move the meeting's date; `n` keeps
    /// it. Returns once the report has begun.
    pub fn begin_report(&mut self) {
        self.send_now("s");
        self.keep_date_if_asked("述责报告");
    }

    /// Waits for `then`; when the question about the meeting's date comes first (the first
    /// stage on another day than prepared), answers `n` (keep the date) and waits again.
    pub fn keep_date_if_asked(&mut self, then: &str) {
        if self.wait_for_any(&["会议准备的日期是", then], 5) == 0 {
            self.send_now("n");
        }
        self.wait_for(then, 5);
    }

    /// Types bytes as the keyboard would and waits (up to 10 s) for the frame they bring:
    /// until the screen differs from what it showed before them. A frame is no proof that
    /// every key has been taken in (a clock may tick, a burst may be drawn in two frames):
    /// a test that needs what the keys do waits for it (`wait_for`, `wait_until`). Keys that
    /// change nothing on screen go with `send_now`.
    pub fn send(&mut self, bytes: &str) {
        let before = self.frame();
        self.send_now(bytes);
        if !super::eventually(10, || self.frame() != before) {
            panic!(
                "the screen did not change in 10 s after {bytes:?} (keys that change nothing on screen: send_now):\n{}",
                self.screen()
            );
        }
    }

    /// What the screen shows now, with its colours and the cursor: two frames that differ
    /// only in a highlight differ here.
    fn frame(&self) -> (String, (u16, u16), bool) {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        (
            screen.contents_formatted(),
            screen.cursor_position(),
            screen.hide_cursor(),
        )
    }

    /// Types bytes and returns at once, for a kill right after them.
    pub fn send_now(&mut self, bytes: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(bytes.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Sends `bytes` from another thread, in writes of `chunk` bytes (1: as a slow line or
    /// a terminal that forwards each byte as it comes would), and returns at once: a
    /// program that stops reading cannot hold the test up (its checks fail instead). The
    /// thread ends when all is written or the terminal is gone.
    pub fn send_in_background(&self, bytes: &[u8], chunk: usize) -> JoinHandle<()> {
        let writer = self.writer.clone();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            for piece in bytes.chunks(chunk) {
                let mut writer = writer.lock().unwrap();
                if writer
                    .write_all(piece)
                    .and_then(|()| writer.flush())
                    .is_err()
                {
                    return;
                }
            }
        })
    }

    /// Waits until `count` late answers (`Answering::Late`) have been written to the program.
    pub fn wait_late_answers(&self, count: usize) {
        super::wait_until(30, "the late answers written", || {
            self.late_answers.load(Ordering::SeqCst) >= count
        });
    }

    /// Waits for the program to end and returns whether it succeeded.
    pub fn wait_exit(&mut self, seconds: u64) -> bool {
        let mut ended = None;
        if super::eventually(seconds, || {
            ended = self.child.try_wait().unwrap();
            ended.is_some()
        }) {
            return ended.is_some_and(|status| status.success());
        }
        let _ = self.child.kill();
        panic!("shuze did not exit:\n{}", self.screen());
    }

    /// Resizes the terminal, as dragging the window would.
    pub fn resize(&self, cols: u16, rows: u16) {
        let drawn = self.output.lock().unwrap().len();
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.screen.lock().unwrap().screen_mut().set_size(
            std::num::NonZero::new(rows).unwrap(),
            std::num::NonZero::new(cols).unwrap(),
        );
        // The program redraws the whole screen at its new size: wait for that frame.
        super::wait_until(10, "a frame after the resize", || {
            self.output.lock().unwrap().len() > drawn
        });
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
