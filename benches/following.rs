//! `cargo bench --bench following`: how often an idle audience view (`shuze present`) wakes.
//!
//! The real binary runs in a pseudo-terminal on a copy of the sample meeting; the voluntary
//! context switches of all its threads (`/proc/PID/task/*/status`) are counted over a quiet
//! stretch: each is a wake-up from a sleep. Then the same with a stage clock running (it
//! redraws once a second) and while another connection commits ten times a second (it
//! follows each commit). Linux only (it reads `/proc`); elsewhere it says so.
//!
//! `-- --quick` counts for one second instead of thirty (CI runs that).

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

/// Voluntary context switches of every thread of `pid`, summed.
fn wakes(pid: u32) -> Option<u64> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let mut sum = 0;
    for task in tasks.flatten() {
        let status = std::fs::read_to_string(task.path().join("status")).ok()?;
        for line in status.lines() {
            if let Some(n) = line.strip_prefix("voluntary_ctxt_switches:") {
                sum += n.trim().parse::<u64>().ok()?;
            }
        }
    }
    Some(sum)
}

fn per_second(pid: u32, seconds: u64, mut during: impl FnMut()) -> f64 {
    let start = wakes(pid).unwrap_or(0);
    let began = Instant::now();
    while began.elapsed() < Duration::from_secs(seconds) {
        during();
    }
    let end = wakes(pid).unwrap_or(0);
    (end - start) as f64 / began.elapsed().as_secs_f64()
}

fn main() {
    if !Path::new("/proc/self/task").exists() {
        println!("following: /proc is not there (not Linux): nothing measured");
        return;
    }
    let quick = std::env::args().any(|a| a == "--quick");
    let seconds = if quick { 1 } else { 30 };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sample.db");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/sample-db/sample.db"),
        &db,
    )
    .unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 45,
            cols: 160,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_shuze"));
    command.args(["present", db.to_str().unwrap()]);
    command.env("XDG_DATA_HOME", dir.path());
    command.env("XDG_CONFIG_HOME", dir.path());
    let mut child = pty.slave.spawn_command(command).unwrap();
    let pid = child.process_id().unwrap();
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            // The start-up's cursor-position query, answered as a terminal would.
            if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                let _ = writer.write_all(b"\x1b[1;1R");
            }
        }
    });
    std::thread::sleep(Duration::from_secs(2));
    println!("| audience view | wake-ups per second |\n|---|---|");
    let idle = per_second(pid, seconds, || {
        std::thread::sleep(Duration::from_millis(100))
    });
    println!("| idle, nothing written | {idle:.1} |");
    let mut store = shuze::storage::Store::open(&db).unwrap();
    let now = chrono::Utc::now();
    let slot = store.meeting_view(1).unwrap().agenda[0].id;
    store
        .set_stage(
            slot,
            shuze::domain::Stage::Pending,
            shuze::domain::Stage::Report,
            now,
        )
        .unwrap();
    std::thread::sleep(Duration::from_secs(1));
    let ticking = per_second(pid, seconds, || {
        std::thread::sleep(Duration::from_millis(100))
    });
    println!("| a stage clock running (redraws each second) | {ticking:.1} |");
    let target = shuze::storage::TextTarget::Remarks { slot };
    let mut n = 0;
    let typing = per_second(pid, seconds, || {
        n += 1;
        store
            .save_draft(target, &format!("点评第{n}稿"), chrono::Utc::now())
            .unwrap();
        std::thread::sleep(Duration::from_millis(100));
    });
    println!("| a clock running and 10 commits a second | {typing:.1} |");
    let _ = child.kill();
    if quick {
        println!("(quick mode: one second each; figures are not meaningful)");
    }
}
