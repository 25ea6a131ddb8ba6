//! `cargo bench --bench long_answer`: what one keystroke at the end of a long answer in one
//! paragraph costs the console, part by part, and what it writes.
//!
//! For answers of 0, 100 KB and 1.5 MB (Chinese text with ASCII, no line break), kept as
//! the first answer of a copy of the sample, the console's session opens its editor
//! (`s s Enter`) and takes 50 keystrokes as the terminal loop does: the key (`handle_key`),
//! the draft it commits (`Tick`), and one 160x45 frame (`TestBackend`). Each part is timed;
//! the median and the slowest are printed, with the bytes the write-ahead log grew by per
//! keystroke. `benches/long-answer.sh` measures the same on screen, in tmux.
//!
//! `-- --quick`: 5 keystrokes, answers of 0 and 100 KB (CI runs that).

use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuze::app::key::{KeyCode, KeyEvent};
use shuze::app::{Action, keys};
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::{Store, TextTarget};
use std::path::Path;
use std::time::{Duration, Instant};

fn median_max(mut all: Vec<Duration>) -> String {
    all.sort();
    format!(
        "{:.2} ms ({:.2})",
        all[all.len() / 2].as_secs_f64() * 1000.0,
        all[all.len() - 1].as_secs_f64() * 1000.0
    )
}

fn wal_len(db: &Path) -> u64 {
    let wal = db.with_file_name(format!("{}-wal", db.file_name().unwrap().to_string_lossy()));
    std::fs::metadata(wal).map_or(0, |m| m.len())
}

/// A session on a copy of the sample whose first answer is `size` bytes in one paragraph,
/// its editor open.
fn session_on(dir: &Path, size: usize) -> (Session, std::path::PathBuf) {
    let db = dir.join(format!("answer-{size}.db"));
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/sample-db/sample.db"),
        &db,
    )
    .unwrap();
    // Held today, so that the first stage does not ask to move the meeting's date (the
    // keys went to that question, and nothing was typed into the answer).
    let conn = rusqlite::Connection::open(&db).unwrap();
    // Written as the program writes: the hash chain's triggers call its function.
    shuze::storage::chain::register(&conn).unwrap();
    conn.execute(
        "INSERT INTO meeting_change (meeting_id, held_on, changed_at)
             VALUES (1, date('now', 'localtime'), '2026-01-01T00:00:00Z')",
        [],
    )
    .unwrap();
    if size > 0 {
        let piece = "查摆廉政风险点4个，制定防控措施7项 (risk points) ";
        let body = piece.repeat(size / piece.len() + 1);
        let target = TextTarget::Answer {
            slot: 1,
            question: 1,
        };
        Store::open(&db)
            .unwrap()
            .save_text(target, &body, Utc::now())
            .unwrap();
    }
    let mut session = Session::open(Store::open(&db).unwrap(), None, Lang::Zh, Utc::now()).unwrap();
    for code in [KeyCode::Char('s'), KeyCode::Char('s'), KeyCode::Enter] {
        let key = KeyEvent::new(code, Default::default());
        if let Some(action) = keys::action_for(&session.console.recorder.mode, key) {
            session.handle(action, Utc::now());
        }
    }
    assert!(
        matches!(session.console.recorder.mode, shuze::app::Mode::Editor(_)),
        "the answer's editor is open: {:?}",
        session.console.recorder.mode
    );
    (session, db)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let keystrokes = if quick { 5 } else { 50 };
    let sizes: &[usize] = if quick {
        &[0, 100_000]
    } else {
        &[0, 100_000, 1_500_000]
    };
    let dir = tempfile::tempdir().unwrap();
    let theme = shuze::ui::Theme::projector_dark();
    println!("| answer | key | draft commit | frame (160x45) | logged per key |");
    println!("|---|---|---|---|---|");
    for &size in sizes {
        let (mut session, db) = session_on(dir.path(), size);
        let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
        let mut draw = |session: &Session| {
            terminal
                .draw(|f| shuze::ui::draw(f, &session.console, &theme))
                .unwrap();
        };
        draw(&session);
        // The first draft after opening writes the body whole; the keys measured follow it.
        let first = KeyEvent::new(KeyCode::Char('始'), Default::default());
        session.handle_key(Action::Input(first), Utc::now(), false);
        session.handle(Action::Tick, Utc::now());
        let (mut keys, mut drafts, mut frames) = (Vec::new(), Vec::new(), Vec::new());
        let logged_before = wal_len(&db);
        for _ in 0..keystrokes {
            let key = KeyEvent::new(KeyCode::Char('述'), Default::default());
            let started = Instant::now();
            session.handle_key(Action::Input(key), Utc::now(), false);
            keys.push(started.elapsed());
            let started = Instant::now();
            session.handle(Action::Tick, Utc::now());
            drafts.push(started.elapsed());
            let started = Instant::now();
            draw(&session);
            frames.push(started.elapsed());
        }
        let logged = (wal_len(&db) - logged_before) / keystrokes as u64;
        println!(
            "| {} KB | {} | {} | {} | {logged} bytes |",
            size / 1000,
            median_max(keys),
            median_max(drafts),
            median_max(frames)
        );
    }
    if quick {
        println!("(quick mode: 5 keystrokes each; figures are not meaningful)");
    }
}
