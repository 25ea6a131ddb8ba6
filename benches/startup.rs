//! `cargo bench`: start-up against a county's whole history in one file, the time from a
//! keystroke's save to a committed revision, and one frame of the console.
//!
//! Builds files of 1, 10 and 40 meetings (10 years of quarterly meetings) of 60 officials,
//! each with 9 duty items, 5 risk points, 4 prepared questions and 2 earlier follow-ups,
//! then times each step many times and prints the median and the slowest.

use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::{Store, TextTarget};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

const OFFICIALS: usize = 60;

fn prep(meeting: usize) -> String {
    let year = 2017 + meeting / 4;
    let month = 3 * (meeting % 4) + 3;
    let mut t = format!(
        "[meeting]\ntitle = \"某县{year}年第{}季度述责述廉会议\"\ndate = {year}-{month:02}-20\nchair = \"马某\"\nrecorder = \"何某\"\n",
        meeting % 4 + 1
    );
    for o in 1..=OFFICIALS {
        let _ = write!(
            t,
            "[[official]]\nposition = {o}\nname = \"官员{o}\"\nunit = \"县第{o}单位\"\npost = \"局长\"\nsupervisor = \"李某\"\nreport_minutes = 8\n"
        );
        for d in 0..9 {
            let source = ["年初提示", "按季派单", "适时增单"][d % 3];
            let _ = write!(
                t,
                "[[official.duty]]\nsource = \"{source}\"\nquarter = \"{year}Q{}\"\ntext = \"第{d}项主体责任事项，督促落实整改并按期报告\"\nprogress = \"已完成部署\"\nstatus = \"推进中\"\n",
                d % 4 + 1
            );
        }
        for r in 0..5 {
            let _ = write!(
                t,
                "[[official.risk]]\ntext = \"风险点{r}\"\nlevel = \"高\"\nmeasures = [\"措施一\", \"措施二\"]\nrules = [\"《制度》\"]\n"
            );
        }
        for q in 0..4 {
            let _ = write!(
                t,
                "[[official.question]]\nasker = \"某某\"\ntext = \"第{q}个问题：采取了哪些行动？\"\n"
            );
        }
        for f in 0..2 {
            let _ = write!(
                t,
                "[[official.earlier_follow_up]]\nproblem = \"以往问题{f}\"\nstatus = \"整改中\"\n"
            );
        }
    }
    t
}

fn build(dir: &Path, meetings: usize) -> std::path::PathBuf {
    let db = dir.join(format!("history-{meetings}.db"));
    let mut store = Store::create_or_open(&db).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    for m in 0..meetings {
        let file = dir.join("prep.toml");
        std::fs::write(&file, prep(m)).unwrap();
        shuze::prep::import_file(&file, &mut store, now).unwrap();
    }
    db
}

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

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    println!(
        "| meetings in the file | duty items | file size | open the file (with quick_check) | load the console (meeting, agenda, current official) | integrity_check (before an export) |"
    );
    println!("|---|---|---|---|---|---|");
    for meetings in [1, 10, 40] {
        let db = build(dir.path(), meetings);
        let size = std::fs::metadata(&db).unwrap().len();
        let open = time(30, || drop(Store::open(&db).unwrap()));
        let store = Store::open(&db).unwrap();
        let meeting = store.default_meeting().unwrap();
        let load = time(30, || {
            drop(shuze::session::load::console(&store, meeting, Lang::Zh, Utc::now()).unwrap());
        });
        let full = time(10, || store.integrity_check().unwrap());
        println!(
            "| {meetings} | {} | {:.1} MB | {} (max {}) | {} (max {}) | {} (max {}) |",
            meetings * OFFICIALS * 9,
            size as f64 / 1e6,
            ms(open.0),
            ms(open.1),
            ms(load.0),
            ms(load.1),
            ms(full.0),
            ms(full.1)
        );
    }
    let db = dir.path().join("history-1.db");
    let mut store = Store::open(&db).unwrap();
    let target = TextTarget::Answer {
        slot: 1,
        question: 1,
    };
    let mut n = 0;
    let save = time(200, || {
        n += 1;
        store
            .save_text(
                target,
                &format!("回答第{n}稿：查摆廉政风险点4个"),
                Utc::now(),
            )
            .unwrap();
    });
    println!(
        "\nsave one answer revision (commit, synchronous=FULL): median {}, max {} over 200",
        ms(save.0),
        ms(save.1)
    );
    let session = Session::open(Store::open(&db).unwrap(), None, Lang::Zh, Utc::now()).unwrap();
    let theme = shuze::ui::Theme::projector_dark();
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    let frame = time(200, || {
        terminal
            .draw(|f| shuze::ui::draw(f, &session.console, &theme))
            .unwrap();
    });
    println!(
        "draw one 160x45 frame (TestBackend): median {}, max {} over 200",
        ms(frame.0),
        ms(frame.1)
    );
}
