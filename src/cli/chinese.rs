//! `--help` in Chinese throughout: clap's own words (Usage, Options, Arguments, Commands,
//! Possible values, the help and version flags) replaced by ours, for the command and each
//! of its subcommands.

use clap::{Arg, Command};

/// The heading of the positional arguments, the options and the subcommands.
const ARGUMENTS: &str = "参数";
const OPTIONS: &str = "选项";
const COMMANDS: &str = "命令";

/// The command (built, so that clap's own flags and `help` subcommand are there) with every
/// word of clap's in Chinese.
pub fn chinese(mut command: Command) -> Command {
    command.build();
    in_chinese(command)
}

fn in_chinese(command: Command) -> Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let mut command = command
        .help_template("{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading(COMMANDS);
    for id in ids {
        command = command.mut_arg(id, argument);
    }
    for name in names {
        command = command.mut_subcommand(name, |sub| {
            let sub = match sub.get_name() {
                "help" => sub.about("显示本帮助或所给命令的帮助"),
                _ => sub,
            };
            in_chinese(sub)
        });
    }
    command
}

/// One argument: its heading, clap's help texts, and its choices and default said in Chinese.
fn argument(arg: Arg) -> Arg {
    let heading = if arg.is_positional() {
        ARGUMENTS
    } else {
        OPTIONS
    };
    let mut help = match arg.get_id().as_str() {
        "help" => "显示帮助".to_string(),
        "version" => "显示版本".to_string(),
        _ => arg.get_help().map(|h| h.to_string()).unwrap_or_default(),
    };
    let choices: Vec<String> =
        if arg.is_hide_possible_values_set() || !arg.get_action().takes_values() {
            Vec::new()
        } else {
            arg.get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect()
        };
    let mut said = String::new();
    if !choices.is_empty() && !choices.iter().all(|c| help.contains(c.as_str())) {
        said.push_str(&format!("（可选：{}）", choices.join("、")));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let show_default = arg.get_action().takes_values() && !arg.is_hide_default_value_set();
    if show_default && !defaults.is_empty() && !help.contains("默认") {
        said.push_str(&format!("（默认：{}）", defaults.join("、")));
    }
    let long = match arg.get_id().as_str() {
        "help" => Some("显示帮助（-h 为摘要）".to_string()),
        _ => arg.get_long_help().map(|h| format!("{h}{said}")),
    };
    help.push_str(&said);
    let arg = match long {
        Some(long) => arg.long_help(long),
        None => arg,
    };
    arg.help(help)
        .hide_possible_values(true)
        .hide_default_value(true)
        .help_heading(heading)
}
