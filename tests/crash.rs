//! Crash test, run by `cargo test` (its own main, so the rounds show in the log): the real
//! binary in a pseudo-terminal records an answer, is killed with SIGKILL just over a second
//! after the last keystroke, and the text must be in the database, which must pass SQLite's
//! integrity check, and the console must reopen the editor with it.

mod common;

use common::pty::Console;
use common::*;
use shuze::app::Mode;
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::Store;
use std::time::Duration;

const ROUNDS: u64 = 20;

fn main() {
    let mut lost = Vec::new();
    for round in 0..ROUNDS {
        if let Err(problem) = round_trip(round) {
            eprintln!("crash round {round}: {problem}");
            lost.push(round);
        }
    }
    let kept = ROUNDS as usize - lost.len();
    println!(
        "crash test: {ROUNDS} rounds of typing, SIGKILL 1.05 to 1.53 s after the last key: {kept} kept every word, {} lost text",
        lost.len()
    );
    println!("crash: {kept} passed, {} failed", lost.len());
    if !lost.is_empty() {
        std::process::exit(1);
    }
}

fn round_trip(round: u64) -> Result<(), String> {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("第 1/8 位", 15);
    console.send("ss\r");
    console.wait_for("记录回答", 5);
    let mut typed = String::new();
    for piece in 0..(2 + round % 4) {
        let words = format!("第{round}轮第{piece}句，查摆风险点{piece}个。");
        console.send(&words);
        typed.push_str(&words);
    }
    console.wait_for(&format!("查摆风险点{}个。", 1 + round % 4), 5);
    std::thread::sleep(Duration::from_millis(1050 + 25 * round));
    let pid = console.pid().ok_or("no pid")?;
    std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .map_err(|e| e.to_string())?;
    console.wait_exit(10);
    drop(console);

    let store = Store::open(&db).map_err(|e| format!("reopen: {e}"))?;
    store
        .integrity_check()
        .map_err(|e| format!("integrity: {e}"))?;
    let answer = store.slot_detail(1).map_err(|e| e.to_string())?.questions[0]
        .answer
        .clone()
        .map(|a| a.body)
        .unwrap_or_default();
    if answer != typed {
        return Err(format!("saved {answer:?}, typed {typed:?}"));
    }
    let session = Session::open(store, None, Lang::Zh, at(0)).map_err(|e| e.to_string())?;
    match &session.console.mode {
        Mode::Editor(editor) if editor.body() == typed => Ok(()),
        other => Err(format!(
            "the editor did not reopen with the text: {other:?}"
        )),
    }
}
