//! Themes: every shipped file loads and meets the contrast rule; a user's file replaces a
//! shipped one; a bad file is named with its key and what was expected, and the program
//! goes on; the choice cycles live and is remembered per database.

mod common;

use common::*;
use shuze::app::{Action, Command};
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::Store;
use shuze::ui::theme::{Registry, SHIPPED, Theme, contrast};
use std::path::Path;

#[test]
fn every_shipped_theme_file_is_one_the_program_ships_and_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut shipped: Vec<String> = SHIPPED.iter().map(|(f, _)| f.to_string()).collect();
    shipped.sort();
    assert_eq!(files, shipped, "every file in themes/ is built in");
    for (file, text) in SHIPPED {
        Theme::from_toml(text, file).unwrap_or_else(|e| panic!("{e}"));
    }
    let names: Vec<String> = Registry::load(None).names();
    assert_eq!(
        names,
        [
            "projector-dark",
            "projector-light",
            "max-contrast",
            "terminal"
        ]
    );
}

#[test]
fn every_shipped_theme_meets_the_contrast_rule() {
    for (file, text) in SHIPPED {
        let theme = Theme::from_toml(text, file).unwrap();
        if theme.terminal_colours {
            continue;
        }
        for (index, (what, fg, bg)) in theme.text_pairs().into_iter().enumerate() {
            let ratio =
                contrast(fg, bg).unwrap_or_else(|| panic!("{file}: {what} is not a 24-bit colour"));
            let needed = if index == 0 { 7.0 } else { 4.5 };
            assert!(
                ratio >= needed,
                "{file}: {what} has contrast {ratio:.2}, needs {needed}"
            );
        }
    }
}

#[test]
fn a_users_theme_replaces_the_shipped_one_and_a_bad_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let light = SHIPPED[1].1.replace("#0b4f9c", "#7a1f1f");
    std::fs::write(dir.path().join("my-light.toml"), &light).unwrap();
    let bad = SHIPPED[0]
        .1
        .replace("name = \"projector-dark\"", "name = \"mine\"")
        .replace("#ffd54f", "gold");
    std::fs::write(dir.path().join("mine.toml"), bad).unwrap();
    std::fs::write(
        dir.path().join("typo.toml"),
        "name = \"x\"\nbackgroud = \"#000000\"\n",
    )
    .unwrap();
    let registry = Registry::load(Some(dir.path()));
    assert_eq!(registry.themes.len(), 4, "the bad ones are left out");
    let replaced = registry.get("projector-light");
    assert_eq!(
        replaced.accent,
        ratatui::style::Color::Rgb(0x7a, 0x1f, 0x1f)
    );
    assert_eq!(registry.problems.len(), 2, "{:?}", registry.problems);
    let colour = &registry.problems[0];
    assert!(
        colour.contains("mine.toml")
            && colour.contains("accent")
            && colour.contains("gold")
            && colour.contains("#rrggbb"),
        "{colour}"
    );
    let typo = &registry.problems[1];
    assert!(
        typo.contains("typo.toml:2:1") && typo.contains("backgroud"),
        "{typo}"
    );
    assert_eq!(
        registry.get("no-such-theme").name,
        "projector-dark",
        "falls back to the default"
    );
}

#[test]
fn without_truecolor_every_colour_is_one_of_the_256() {
    let registry = Registry::load(None).in_256_colours();
    for theme in &registry.themes {
        for (_, fg, bg) in theme.text_pairs() {
            for colour in [fg, bg] {
                assert!(
                    !matches!(colour, ratatui::style::Color::Rgb(..)),
                    "{}: {colour:?}",
                    theme.name
                );
            }
        }
    }
}

#[test]
fn the_theme_key_cycles_and_the_choice_is_remembered_per_database() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.console.recorder.theme_names = Registry::load(None).names();
    s.handle(Action::Command(Command::CycleTheme), at(0));
    assert_eq!(s.console.recorder.theme, "projector-light");
    s.handle(Action::Command(Command::CycleTheme), at(1));
    assert_eq!(s.console.recorder.theme, "max-contrast");
    drop(s);
    let again = Session::open(Store::open(&path).unwrap(), None, Lang::Zh, at(2)).unwrap();
    assert_eq!(again.console.recorder.theme, "max-contrast");
}

#[test]
fn every_browsing_command_has_a_key() {
    use shuze::app::keys::binding;
    for command in Command::ALL {
        assert!(binding(*command).is_some(), "{command:?} has no key");
    }
}
