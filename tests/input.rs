//! Typing at any speed and a terminal that goes away, with the real binary in a
//! pseudo-terminal: 20 KB sent without bracketed paste in one write and byte by byte all
//! reach the screen and the file; SIGTERM right after it never claims more than is saved;
//! a closed terminal ends the console with the text saved, whatever its standard output is.

mod common;

use common::pty::Console;
use common::*;
use shuze::storage::Store;
use std::path::Path;

/// About 20 KB of Chinese text and ASCII in numbered sentences (so that order shows), a
/// line break (Enter, as a terminal sends a pasted one) after every 40th: what the
/// terminal sends, and the text it must become.
fn twenty_kilobytes() -> (String, String) {
    let (mut sent, mut text) = (String::new(), String::new());
    let mut i = 0;
    while sent.len() < 20_000 {
        let sentence = format!("第{i}句：述责述廉 answer {i}, 查摆问题{i}个; ");
        sent.push_str(&sentence);
        text.push_str(&sentence);
        if i % 40 == 39 {
            sent.push('\r');
            text.push('\n');
        }
        i += 1;
    }
    let end = format!("结束{i}");
    sent.push_str(&end);
    text.push_str(&end);
    (sent, text)
}

/// The console on a copy of the sample, its data folder in the temporary one, with the
/// first official's first answer open.
fn answering(db: &Path, data: &Path) -> Console {
    let env = [("XDG_DATA_HOME", data.to_str().unwrap())];
    let mut console = Console::start_with_env(&[db.to_str().unwrap()], 100, 30, &env);
    open_answer(&mut console);
    console
}

fn open_answer(console: &mut Console) {
    console.wait_for("第 1/8 位", 10);
    console.begin_report();
    console.send_now("s\r");
    console.wait_for("记录回答", 5);
}

/// The first answer as the file has it (the draft being typed, else the last revision).
fn answer_in_file(db: &Path) -> Option<String> {
    let store = Store::open_read_only(db).ok()?;
    let detail = store.slot_detail(1).ok()?;
    Some(detail.questions[0].answer.clone()?.body)
}

/// Waits until the file's answer is `expected`; on the deadline, says how far it got.
fn wait_for_answer(db: &Path, expected: &str, seconds: u64) {
    let mut last = None;
    if eventually(seconds, || {
        last = answer_in_file(db);
        last.as_deref() == Some(expected)
    }) {
        return;
    }
    let got = last.unwrap_or_default();
    let same = got
        .chars()
        .zip(expected.chars())
        .take_while(|(a, b)| a == b);
    panic!(
        "the file has {} of {} characters ({} in order from the start)",
        got.chars().count(),
        expected.chars().count(),
        same.count()
    );
}

/// The tail of the text shown in the editor: its last sentence, as the screen wraps it.
fn last_words(text: &str) -> String {
    text.rsplit("; ").next().unwrap().to_string()
}

#[test]
fn twenty_kilobytes_sent_in_one_write_without_bracketed_paste_all_arrive_in_order() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let console = answering(&db, &dir.path().join("data"));
    let (sent, text) = twenty_kilobytes();
    console.send_in_background(sent.as_bytes(), sent.len());
    console.wait_for(&last_words(&text), 30);
    wait_for_answer(&db, &text, 30);
}

#[test]
fn twenty_kilobytes_sent_one_byte_at_a_time_all_arrive_in_order() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let console = answering(&db, &dir.path().join("data"));
    let (sent, text) = twenty_kilobytes();
    console.send_in_background(sent.as_bytes(), 1);
    console.wait_for(&last_words(&text), 30);
    wait_for_answer(&db, &text, 30);
}

#[test]
fn sigterm_right_after_a_fast_paste_saves_all_of_it_before_saying_saved() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut console = answering(&db, &dir.path().join("data"));
    let (sent, text) = twenty_kilobytes();
    let sending = console.send_in_background(sent.as_bytes(), sent.len());
    // SIGTERM once the kernel has taken the last byte from the keyboard's side.
    wait_until(30, "the keyboard's side to take the last byte", || {
        sending.is_finished()
    });
    let pid = console.pid().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    console.wait_exit(30);
    let saved = answer_in_file(&db).unwrap_or_default();
    let claimed = console.output().contains("已保存");
    assert!(
        !claimed || saved == text,
        "said 已保存 with {} of {} characters in the file",
        saved.chars().count(),
        text.chars().count()
    );
    assert_eq!(
        saved, text,
        "what the terminal had sent before SIGTERM is kept"
    );
}

/// What was drawn without the control sequences (the console moves the cursor after
/// each wide character).
fn without_sequences(drawn: &str) -> String {
    let mut text = String::new();
    let mut chars = drawn.chars();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            text.push(c);
            continue;
        }
        for c in chars.by_ref() {
            if c.is_ascii_alphabetic() {
                break;
            }
        }
    }
    text
}

/// Waits until the file the console draws into holds `text` (control sequences aside).
fn file_shows(path: &Path, text: &str) {
    wait_until(
        10,
        &format!("{text:?} drawn into {}", path.display()),
        || {
            let drawn = std::fs::read(path).unwrap_or_default();
            without_sequences(&String::from_utf8_lossy(&drawn)).contains(text)
        },
    );
}

/// Whether process `pid` has ended (gone, or a zombie nobody reaped).
fn ended(pid: u32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat.rsplit(") ").next().and_then(|s| s.chars().next());
    matches!(state, None | Some('Z' | 'X'))
}

/// Types a few words into the first answer of a console in a session of its own, closes
/// its terminal, and checks that it ends within 5 s with the words in the file.
fn closing_the_terminal_ends_the_console(stdout_to_file: bool) {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let env = [("XDG_DATA_HOME", data.to_str().unwrap())];
    let out = dir.path().join("stdout.txt");
    let stdout = stdout_to_file.then_some(out.as_path());
    let args = [db.to_str().unwrap()];
    let mut console = Console::start_in_own_session(&args, 100, 30, &env, stdout);
    let pid = console.program_pid();
    let words = "窗口关掉之前的回答";
    if stdout_to_file {
        // Nothing on the screen: the file it is drawn into tells when keys are read.
        file_shows(&out, "1/8");
        console.send_now("s");
        // The first stage on another day than the sample's asks about the date: kept.
        let sample_day = chrono::NaiveDate::from_ymd_opt(2026, 12, 18).unwrap();
        if chrono::Local::now().date_naive() != sample_day {
            file_shows(&out, "保留原日期");
            console.send_now("n");
        }
        file_shows(&out, "述责报告");
        console.send_now("s");
        file_shows(&out, "提问质询");
        console.send_now("\r");
        file_shows(&out, "记录回答");
        console.send_now(words);
        wait_for_answer(&db, words, 10);
    } else {
        open_answer(&mut console);
        console.send_now(words);
        console.wait_for(words, 5);
    }
    console.close_terminal();
    let still = !eventually(5, || ended(pid));
    if still {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
    assert!(
        !still,
        "the console still runs 5 s after its terminal closed"
    );
    assert_eq!(answer_in_file(&db).as_deref(), Some(words));
}

#[test]
fn a_closed_terminal_ends_the_console_without_sighup() {
    closing_the_terminal_ends_the_console(false);
}

#[test]
fn a_closed_terminal_ends_the_console_with_its_output_sent_to_a_file() {
    closing_the_terminal_ends_the_console(true);
}
