//! English means English: with `--lang en`, or an English `LANG` and no `--lang`, the help
//! is in English; in Chinese, Chinese. Every command and argument has its English text.

use clap::CommandFactory;
use shuze::cli::{Cli, english};
use std::process::Command;

fn help(args: &[&str], lang_env: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .env("LANG", lang_env)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_command_and_argument_has_its_english_text() {
    let command = Cli::command();
    let has = |sub: &str, arg: &str| {
        english::TEXTS
            .iter()
            .any(|(s, a, _)| *s == sub && *a == arg)
    };
    let skip = ["help", "version", "lang", "ambiguous"];
    let mut missing = Vec::new();
    let mut check = |sub: &str, cmd: &clap::Command| {
        if !has(sub, "") {
            missing.push(format!("{sub}: about"));
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if !skip.contains(&id) && !has(sub, id) {
                missing.push(format!("{sub}: {id}"));
            }
        }
    };
    check("", &command);
    for sub in command.get_subcommands() {
        check(sub.get_name(), sub);
    }
    assert!(missing.is_empty(), "no English text for {missing:?}");
}

#[test]
fn the_help_follows_lang_and_the_environment() {
    let chinese_about = "述责述廉会议记录控制台";
    let english_about = "Duty-and-integrity reporting meeting console";
    let asked = help(&["--lang", "en", "--help"], "zh_CN.UTF-8");
    assert!(
        asked.contains(english_about) && !asked.contains(chinese_about),
        "{asked}"
    );
    let from_env = help(&["--help"], "en_US.UTF-8");
    assert!(from_env.contains(english_about), "{from_env}");
    let chinese = help(&["--help"], "zh_CN.UTF-8");
    assert!(chinese.contains(chinese_about), "{chinese}");
    let over_env = help(&["--lang=zh", "--help"], "en_US.UTF-8");
    assert!(over_env.contains(chinese_about), "--lang wins over LANG");
    let finish = help(&["finish", "--lang", "en", "--help"], "zh_CN.UTF-8");
    assert!(finish.contains("End it without asking."), "{finish}");
    assert!(!finish.contains("不再询问"), "{finish}");
}
