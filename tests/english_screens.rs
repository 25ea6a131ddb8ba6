//! With `--lang en` no Chinese shows outside the meeting's own data: every screen, form,
//! overlay and projected picture of a meeting whose data is all Latin letters, and the help
//! of every command. In Chinese, the help has no English heading of clap's.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuze::app::{Action, Command, Mode};
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::ui::{self, Theme};
use std::path::Path;

/// Chinese characters and full-width punctuation (what English text never has).
fn is_cjk(c: char) -> bool {
    ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// Fields whose values the prep reader takes as choices written in Chinese.
const CHOICES: [&str; 5] = [
    "source =",
    "status =",
    "level =",
    "attendance =",
    "dimension =",
];

/// The sample's prep file with every Chinese character of its data written as Latin letters
/// (the same character always the same letters), its Chinese choices kept.
fn latin_sample(dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(SAMPLE_TOML).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let line = line.split_once(" #").map_or(line, |(data, _)| data);
        if line.starts_with('#') {
            continue;
        }
        if CHOICES.iter().any(|key| line.starts_with(key)) {
            out.push_str(line);
        } else {
            for c in line.chars() {
                if is_cjk(c) {
                    let n = c as u32;
                    out.push(char::from(b'A' + (n % 26) as u8));
                    out.push(char::from(b'a' + (n / 26 % 26) as u8));
                } else {
                    out.push(c);
                }
            }
        }
        out.push('\n');
    }
    write_prep(dir, "latin.toml", &out)
}

fn english_session(dir: &Path) -> Session {
    shuze::messages::set_language(Lang::En);
    let mut store = shuze::storage::Store::create_or_open(&dir.join("meeting.db")).unwrap();
    shuze::prep::import_file(&latin_sample(dir), &mut store, at(0)).unwrap();
    Session::open(store, None, Lang::En, at(0)).unwrap()
}

/// The screen's text, row by row.
fn screen(session: &Session, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &session.console, &Theme::projector_dark()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_english(session: &Session, what: &str) {
    for (w, h) in [(160, 45), (80, 24)] {
        let text = screen(session, w, h);
        let lines: Vec<&str> = text.lines().filter(|l| l.chars().any(is_cjk)).collect();
        assert!(
            lines.is_empty(),
            "{what} at {w}x{h} shows Chinese:\n{}",
            lines.join("\n")
        );
    }
}

/// Every command from the browsing screen, each screen it opens checked, then closed again.
fn every_command(session: &mut Session, t: &mut i64, when: &str) {
    for &command in Command::ALL {
        if command == Command::Quit {
            continue;
        }
        *t += 1;
        session.handle(Action::Command(command), at(*t));
        assert_english(session, &format!("{when}, {command:?}"));
        for close in [Action::Cancel, Action::CloseOverlay, Action::Cancel] {
            if !matches!(session.console.recorder.mode, Mode::Browse) {
                session.handle(close, at(*t));
            }
        }
    }
}

#[test]
fn every_screen_form_overlay_and_picture_is_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = english_session(dir.path());
    let mut t = 0;
    assert_english(&session, "the first screen");
    every_command(&mut session, &mut t, "pending");
    for (action, what) in [
        (Action::Command(Command::NextStage), "reporting"),
        (Action::Command(Command::NextStage), "questions"),
        (Action::Command(Command::EditAnswer), "the answer's editor"),
        (
            Action::Paste("We listed the duties.".into()),
            "an answer typed",
        ),
        (Action::Cancel, "an answer kept"),
        (
            Action::Command(Command::ToggleProjection),
            "the room's picture",
        ),
        (Action::Command(Command::ShowRating), "the rating projected"),
        (
            Action::Command(Command::ShowFollowUps),
            "the follow-ups projected",
        ),
        (Action::Command(Command::ShowAgenda), "the agenda projected"),
        (Action::Command(Command::ShowPause), "the pause projected"),
        (Action::Command(Command::ShowTitle), "the title projected"),
        (Action::Command(Command::ShowCard), "the card projected"),
        (Action::Command(Command::ToggleSpotlight), "the spotlight"),
        (
            Action::Command(Command::ToggleSpotlight),
            "the spotlight gone",
        ),
        (
            Action::Command(Command::ToggleProjection),
            "back to the console",
        ),
    ] {
        t += 30;
        session.handle(action, at(t));
        assert_english(&session, what);
    }
    every_command(&mut session, &mut t, "in the questions");
    for _ in 0..4 {
        t += 60;
        session.handle(Action::Command(Command::NextStage), at(t));
        every_command(&mut session, &mut t, "a later stage");
    }
}

fn help(args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// clap's own words, which the Chinese help must not show.
const CLAP_ENGLISH: [&str; 6] = [
    "Usage:",
    "Options:",
    "Commands:",
    "Arguments:",
    "Possible values",
    "Print help",
];

#[test]
fn the_help_of_every_command_is_in_one_language() {
    use clap::CommandFactory;
    let mut commands = vec![String::new()];
    commands.extend(
        shuze::cli::Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string()),
    );
    for sub in &commands {
        let args: Vec<&str> = [sub.as_str(), "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let english = help(&[&["--lang", "en"], &args[..]].concat());
        let found: String = english.chars().filter(|c| is_cjk(*c)).collect();
        assert!(found.is_empty(), "{sub} --help shows {found:?}:\n{english}");
        let chinese = help(&args);
        for heading in CLAP_ENGLISH {
            assert!(
                !chinese.contains(heading),
                "{sub} --help in Chinese shows {heading:?}:\n{chinese}"
            );
        }
    }
}
