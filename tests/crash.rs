//! Crash test, run by `cargo test` (its own main, so the rounds show in the log): the real
//! binary in a pseudo-terminal is killed with SIGKILL at the moments a power cut could come,
//! and what was typed must be in the database, which must pass SQLite's integrity check:
//! - 0.2 s after the last key of an answer (and again just over a second after);
//! - 0.2 s after a 200 KB paste has reached the screen;
//! - at once after leaving the editor with Esc;
//! - with a half-filled form open (it must come back with what was typed);
//! - 0.2 s after a 100 KB paste in one paragraph (over 65,535 characters), then started
//!   again and typed on: the new words must land at the end, where the caret was.

mod common;

use common::pty::Console;
use common::*;
use shuze::app::Mode;
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::Store;
use std::path::Path;
use std::time::Duration;

/// The moments, each tried this many times. A power cut comes at a time, not at an event:
/// each moment is a time after what the recorder sees (the words on screen, Esc sent),
/// spread over the saving schedule (a draft at once, a revision after a second's pause)
/// and moved by a few milliseconds each round, so these are `pace`, not waits.
const MOMENTS: [Moment; 6] = [
    Moment::AfterTyping { wait_ms: 200 },
    Moment::AfterTyping { wait_ms: 1050 },
    Moment::AfterPaste,
    Moment::AfterLeaving,
    Moment::InForm,
    Moment::LongParagraph,
];
const EACH: u64 = 8;

#[derive(Debug, Clone, Copy)]
enum Moment {
    AfterTyping { wait_ms: u64 },
    AfterPaste,
    AfterLeaving,
    InForm,
    LongParagraph,
}

fn main() {
    let mut lost = Vec::new();
    let mut rounds = 0;
    for moment in MOMENTS {
        for round in 0..EACH {
            rounds += 1;
            if let Err(problem) = round_trip(moment, round) {
                eprintln!("crash round {moment:?} {round}: {problem}");
                lost.push((moment, round));
            }
        }
    }
    let kept = rounds - lost.len();
    println!(
        "crash test: {rounds} rounds, SIGKILL 0.2 s and 1.05 s after the last key, 0.2 s after a 200 KB paste, right after Esc, in a half-filled form, and 0.2 s after a 100 KB paragraph then typed on: {kept} kept every word, {} lost text",
        lost.len()
    );
    println!("crash: {kept} passed, {} failed", lost.len());
    if !lost.is_empty() {
        std::process::exit(1);
    }
}

fn round_trip(moment: Moment, round: u64) -> Result<(), String> {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("第 1/8 位", 15);
    let jitter = Duration::from_millis(13 * round);
    let expected = match moment {
        Moment::InForm => return form_round(console, &db, round, jitter),
        Moment::LongParagraph => return long_paragraph_round(console, &db, round, jitter),
        Moment::AfterTyping { wait_ms } => {
            let typed = type_answer(&mut console, round);
            pace(Duration::from_millis(wait_ms) + jitter);
            typed
        }
        Moment::AfterPaste => {
            console.begin_report();
            console.send("s\r");
            console.wait_for("记录回答", 5);
            let end = format!("粘贴结束{round}");
            let pasted = format!("{}{end}", "粘贴的长篇回答，".repeat(8_500));
            console.send(&format!("\x1b[200~{pasted}\x1b[201~"));
            console.wait_for(&end, 20);
            pace(Duration::from_millis(200) + jitter);
            pasted
        }
        Moment::AfterLeaving => {
            let typed = type_answer(&mut console, round);
            console.send_now("\x1b");
            pace(jitter / 4);
            typed
        }
    };
    kill(&mut console)?;
    let store = reopen(&db)?;
    let answer = store.slot_detail(1).map_err(|e| e.to_string())?.questions[0]
        .answer
        .clone()
        .map(|a| a.body)
        .unwrap_or_default();
    if answer != expected {
        return Err(format!(
            "saved {} characters, typed {}",
            answer.chars().count(),
            expected.chars().count()
        ));
    }
    let session = Session::open(store, None, Lang::Zh, at(0)).map_err(|e| e.to_string())?;
    match (&session.console.recorder.mode, moment) {
        (Mode::Editor(editor), _) if editor.body() == expected => Ok(()),
        (Mode::Browse, Moment::AfterLeaving) => Ok(()),
        (other, _) => Err(format!(
            "the editor did not reopen with the text: {other:?}"
        )),
    }
}

/// Starts an answer and types a few sentences, each a separate burst of keys.
fn type_answer(console: &mut Console, round: u64) -> String {
    console.begin_report();
    console.send("s\r");
    console.wait_for("记录回答", 5);
    let mut typed = String::new();
    for piece in 0..(2 + round % 4) {
        let words = format!("第{round}轮第{piece}句，查摆风险点{piece}个。");
        console.send(&words);
        typed.push_str(&words);
    }
    console.wait_for(&format!("查摆风险点{}个。", 1 + round % 4), 5);
    typed
}

/// A 100 KB answer in one paragraph, longer than 65,535 characters, when the power goes;
/// started again, the recorder types on: the words go at the end, where the caret was.
fn long_paragraph_round(
    mut console: Console,
    db: &Path,
    round: u64,
    jitter: Duration,
) -> Result<(), String> {
    console.begin_report();
    console.send("s\r");
    console.wait_for("记录回答", 5);
    let end = format!("长段结束{round}");
    let pasted = format!("{}{end}", "answer述责a1".repeat(8_400));
    console.send(&format!("\x1b[200~{pasted}\x1b[201~"));
    console.wait_for(&end, 20);
    pace(Duration::from_millis(200) + jitter);
    kill(&mut console)?;
    reopen(db)?;
    let mut console = Console::start(&[db.to_str().unwrap()], 100, 30);
    console.wait_for("记录回答", 15);
    let more = format!("接着写的第{round}句。");
    console.send(&more);
    console.wait_for(&more, 5);
    console.send("\x1b");
    console.wait_for("已保存", 5);
    console.send("q");
    console.wait_exit(10);
    let store = reopen(db)?;
    let answer = store.slot_detail(1).map_err(|e| e.to_string())?.questions[0]
        .answer
        .clone()
        .map(|a| a.body)
        .unwrap_or_default();
    if answer != format!("{pasted}{more}") {
        let at = answer.find(&more).map(|i| answer[..i].chars().count());
        return Err(format!(
            "the words typed after the restart are at character {at:?} of {}, not at the end",
            answer.chars().count()
        ));
    }
    Ok(())
}

/// A question raised on the spot, half typed, when the power goes.
fn form_round(mut console: Console, db: &Path, round: u64, jitter: Duration) -> Result<(), String> {
    console.send("a");
    console.send("县人大代表 某某");
    console.send("\t");
    let half = format!("第{round}个没写完的现场提问");
    console.send(&half);
    console.wait_for(&half, 5);
    pace(Duration::from_millis(200) + jitter);
    kill(&mut console)?;
    let store = reopen(db)?;
    let session = Session::open(store, None, Lang::Zh, at(0)).map_err(|e| e.to_string())?;
    match &session.console.recorder.mode {
        Mode::Form(form) if form.text(0) == "县人大代表 某某" && form.text(1) == half => {
            Ok(())
        }
        other => Err(format!("the form did not come back: {other:?}")),
    }
}

fn kill(console: &mut Console) -> Result<(), String> {
    let pid = console.pid().ok_or("no pid")?;
    std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .map_err(|e| e.to_string())?;
    console.wait_exit(10);
    Ok(())
}

fn reopen(db: &Path) -> Result<Store, String> {
    let store = Store::open(db).map_err(|e| format!("reopen: {e}"))?;
    store
        .integrity_check()
        .map_err(|e| format!("integrity: {e}"))?;
    Ok(store)
}
