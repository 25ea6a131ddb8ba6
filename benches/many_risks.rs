//! `cargo bench --bench many_risks`: the console on an official with 12,500 risk points
//! (a whole county's ledger put under one name): what `n` (to that official, and on from
//! them) costs, the session's part (loading the page) and one 160x45 frame, the risk pane
//! focused and its last risk point selected. The target is 50 ms for `n` with its frame.
//!
//! `-- --quick`: 5 rounds (CI runs that).

use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuze::app::key::{KeyCode, KeyEvent};
use shuze::app::keys;
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::Store;
use std::fmt::Write;
use std::time::{Duration, Instant};

fn median_max(mut all: Vec<Duration>) -> String {
    all.sort();
    format!(
        "{:.1} ms ({:.1})",
        all[all.len() / 2].as_secs_f64() * 1000.0,
        all[all.len() - 1].as_secs_f64() * 1000.0
    )
}

/// A preparation of three officials, the second with `n` risk points.
fn preparation(n: usize) -> String {
    let mut toml = String::from(
        "[meeting]\ntitle = \"风险点很多的会议\"\ndate = 2026-12-18\nchair = \"马某\"\nrecorder = \"何某\"\n",
    );
    for (position, name) in [(1, "张某"), (2, "王某"), (3, "刘某")] {
        write!(
            toml,
            "\n[[official]]\nposition = {position}\nname = \"{name}\"\nunit = \"单位{position}\"\npost = \"局长\"\nreport_minutes = 8\n"
        )
        .unwrap();
        if position == 2 {
            for i in 0..n {
                write!(
                    toml,
                    "\n[[official.risk]]\ntext = \"第{i}个风险点：资金分配与项目审批\"\nlevel = \"高\"\nmeasures = [\"集体研究\", \"结果公开\"]\n"
                )
                .unwrap();
            }
        }
    }
    toml
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
    let rounds = if quick { 5 } else { 20 };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("prep.toml");
    std::fs::write(&file, preparation(12_500)).unwrap();
    let db = dir.path().join("many.db");
    let mut store = Store::create_or_open(&db).unwrap();
    let started = Instant::now();
    shuze::prep::import_file(&file, &mut store, Utc::now()).unwrap();
    println!(
        "import of 12,500 risk points: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    drop(store);
    let mut session = Session::open(Store::open(&db).unwrap(), None, Lang::Zh, Utc::now()).unwrap();
    let theme = shuze::ui::Theme::projector_dark();
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let mut draw = |session: &Session| {
        let started = Instant::now();
        terminal
            .draw(|f| shuze::ui::draw(f, &session.console, &theme))
            .unwrap();
        started.elapsed()
    };
    draw(&session);
    let (mut keys, mut frames) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        // From the first official to the one with 12,500 risk points, and on to the third.
        for code in [KeyCode::Char('n'), KeyCode::Char('n')] {
            keys.push(press(&mut session, code));
            frames.push(draw(&session));
        }
        // Back to the first: `p`.
        press(&mut session, KeyCode::Char('p'));
        press(&mut session, KeyCode::Char('p'));
        draw(&session);
    }
    println!("| `n` (session) | frame 160x45 | both |");
    println!("|---|---|---|");
    let both: Vec<Duration> = keys.iter().zip(&frames).map(|(k, f)| *k + *f).collect();
    println!(
        "| {} | {} | {} |",
        median_max(keys),
        median_max(frames),
        median_max(both)
    );
    if quick {
        println!("(quick mode: {rounds} rounds; figures are not meaningful)");
    }
}
