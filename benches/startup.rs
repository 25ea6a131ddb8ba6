//! `cargo bench --bench startup`: start-up against a county's whole history in one file,
//! `shuze verify` on it, the time to save a keystroke's text, and one frame of the console.
//!
//! Files: the shipped sample meeting, and the county file of `shuze demo-data --scale county`
//! (40 quarterly meetings of 20 officials, answers in 3 to 5 revisions: about 54 MB). Each
//! step is timed many times; the median and the slowest are printed.
//!
//! `cargo bench --bench startup -- --quick` runs every step once on a small file: CI does
//! that, so the benchmark keeps compiling and running.

use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuze::demo::Scale;
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::{Store, TextTarget};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn time(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut all: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    all.sort();
    (all[all.len() / 2], all[all.len() - 1])
}

fn ms(d: (Duration, Duration)) -> String {
    format!(
        "{:.2} ms ({:.2})",
        d.0.as_secs_f64() * 1000.0,
        d.1.as_secs_f64() * 1000.0
    )
}

/// The files to open: the sample, and the county file (a small one in quick mode).
fn files(dir: &Path, quick: bool) -> Vec<(&'static str, PathBuf)> {
    let sample = dir.join("sample.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/sample-db/sample.db"),
        &sample,
    )
    .unwrap();
    let county = dir.join("county.db");
    let scale = if quick { Scale::Small } else { Scale::County };
    drop(shuze::demo::write(&county, scale).unwrap());
    vec![("sample", sample), ("county", county)]
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = |n: usize| if quick { 1 } else { n };
    let dir = tempfile::tempdir().unwrap();
    println!(
        "| file | size | open (before the first frame) | load the console | quick_check (after the first frame) | integrity_check (before an export) |"
    );
    println!("|---|---|---|---|---|---|");
    let mut verified = Vec::new();
    for (name, db) in files(dir.path(), quick) {
        let size = std::fs::metadata(&db).unwrap().len() as f64 / 1e6;
        let open = time(runs(30), || drop(Store::open_for_console(&db).unwrap()));
        let store = Store::open_for_console(&db).unwrap();
        let meeting = store.default_meeting().unwrap();
        let load = time(runs(30), || {
            drop(shuze::session::load::console(&store, meeting, Lang::Zh, Utc::now()).unwrap());
        });
        let check = time(runs(10), || Store::check_file(&db).unwrap());
        let full = time(runs(5), || store.integrity_check().unwrap());
        println!(
            "| {name} | {size:.1} MB | {} | {} | {} | {} |",
            ms(open),
            ms(load),
            ms(check),
            ms(full)
        );
        // `shuze verify`: the hash chain and every chained table, on a connection that reads.
        let verify = time(runs(5), || {
            let reader = Store::open_read_only(&db).unwrap();
            assert!(reader.verify_chain().unwrap().problems.is_empty());
        });
        verified.push(format!("| {name} | {} |", ms(verify)));
    }
    println!("\n| file | shuze verify (open to read, walk the chain and the tables) |\n|---|---|");
    for line in verified {
        println!("{line}");
    }
    let db = dir.path().join("sample.db");
    let mut store = Store::open(&db).unwrap();
    let target = TextTarget::Answer {
        slot: 1,
        question: 1,
    };
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("回答第{n}稿：查摆廉政风险点4个")
    };
    let draft = time(runs(200), || {
        store.save_draft(target, &next(), Utc::now()).unwrap();
    });
    let save = time(runs(200), || {
        store.save_text(target, &next(), Utc::now()).unwrap();
    });
    println!("\n| step | median (slowest) |\n|---|---|");
    println!(
        "| save a draft (one keystroke's text; commit, synchronous=FULL) | {} |",
        ms(draft)
    );
    println!(
        "| keep an answer revision (commit, synchronous=FULL) | {} |",
        ms(save)
    );
    let session = Session::open(Store::open(&db).unwrap(), None, Lang::Zh, Utc::now()).unwrap();
    let theme = shuze::ui::Theme::projector_dark();
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let frame = time(runs(200), || {
        terminal
            .draw(|f| shuze::ui::draw(f, &session.console, &theme))
            .unwrap();
    });
    println!("| draw one 160x45 frame (TestBackend) | {} |", ms(frame));
    if quick {
        println!(
            "(quick mode: every step once, on a one-meeting file; figures are not meaningful)"
        );
    }
}
