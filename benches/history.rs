//! `cargo bench --bench history`: `H` on the county file (`shuze demo-data --scale county`:
//! ten years, 40 meetings of 20 officials): the newest meeting's first official, whose unit
//! reported at the 39 meetings before it. Measured: the session's part (`Store::history`,
//! one set of queries, and the view's lines), one 160x45 frame of the history (every line
//! wrapped), End, and a search typed (`/` and two characters, each a frame).
//!
//! `-- --quick`: the small demo file (one meeting: an empty history), 3 rounds (CI).

use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuze::app::key::{KeyCode, KeyEvent};
use shuze::app::{Mode, keys};
use shuze::demo::Scale;
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::Store;
use std::time::{Duration, Instant};

fn median_max(mut all: Vec<Duration>) -> String {
    all.sort();
    format!(
        "{:.1} ms ({:.1})",
        all[all.len() / 2].as_secs_f64() * 1000.0,
        all[all.len() - 1].as_secs_f64() * 1000.0
    )
}

fn press(session: &mut Session, code: KeyCode) -> Duration {
    let key = KeyEvent::new(code, Default::default());
    let started = Instant::now();
    if let Some(action) = keys::action_for(&session.console.recorder.mode, key) {
        session.handle(action, Utc::now());
    }
    started.elapsed()
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rounds = if quick { 3 } else { 20 };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("county.db");
    let scale = if quick { Scale::Small } else { Scale::County };
    drop(shuze::demo::write(&db, scale).unwrap());
    let store = Store::open(&db).unwrap();
    let newest = store.meetings().unwrap()[0].meeting.id;
    let mut session = Session::open(store, Some(newest), Lang::Zh, Utc::now()).unwrap();
    let theme = shuze::ui::Theme::projector_dark();
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let mut draw = |session: &Session| {
        let started = Instant::now();
        terminal
            .draw(|frame| shuze::ui::draw(frame, &session.console, &theme))
            .unwrap();
        started.elapsed()
    };
    let (mut open, mut frame, mut end, mut search) = (vec![], vec![], vec![], vec![]);
    let mut browse = vec![];
    let mut lines = 0;
    for _ in 0..rounds {
        browse.push(draw(&session));
        open.push(press(&mut session, KeyCode::Char('H')));
        if let Mode::History(view) = &session.console.recorder.mode {
            lines = view.lines.len();
        }
        frame.push(draw(&session));
        end.push(press(&mut session, KeyCode::End) + draw(&session));
        let mut typed = Duration::ZERO;
        for c in ['/', '整', '改'] {
            typed += press(&mut session, KeyCode::Char(c)) + draw(&session);
        }
        search.push(typed);
        press(&mut session, KeyCode::Esc);
        press(&mut session, KeyCode::Esc);
        assert!(matches!(session.console.recorder.mode, Mode::Browse));
    }
    println!("history of the newest meeting's first official: {lines} lines");
    println!(
        "| the console's frame (for scale) | H (read and lines) | its first 160x45 frame | End with its frame | / and two characters, with frames |"
    );
    println!(
        "| {} | {} | {} | {} | {} |",
        median_max(browse),
        median_max(open),
        median_max(frame),
        median_max(end),
        median_max(search)
    );
}
