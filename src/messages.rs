//! Messages of the command line, the store and the preparation checker, in the language the
//! user asked for. Written in Chinese where they are raised (`tr!`), put into English from one
//! table (`english.rs`) keyed by the Chinese text, as gettext does: the Chinese stays readable
//! beside the code, and every English text is in one place. A test holds each `tr!` in the
//! source to the table, with the same placeholders on both sides.
//!
//! The console's own labels are not here: `Label` and the functions of `labels` take the
//! language from the app's state. This module names none of ours, so that the lowest ones
//! (files, storage, the preparation checker) can speak through it.

mod english;

use std::fmt::Display;
use std::sync::atomic::{AtomicBool, Ordering};

/// Interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

static ENGLISH: AtomicBool = AtomicBool::new(false);

/// Sets the language of every message from now on (once, from the command line).
pub fn set_language(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

/// The language messages are written in: Chinese unless `set_language` said otherwise.
pub fn language() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// A message: `template` (Chinese) or its English, with each `{name}` replaced by its value.
///
/// `tr!("无法写入 {path}", path = p.display())`: the arguments are named, never captured, so
/// that the English can put them in another order. The macro also has the compiler check the
/// Chinese template against its arguments.
macro_rules! tr {
    ($zh:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        if false {
            let _ = format!($zh $(, $name = &$value)*);
        }
        $crate::messages::message(
            $zh,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    }};
}
pub(crate) use tr;

/// What `tr!` calls: the template in the language of the moment, filled in.
pub fn message(template: &'static str, values: &[(&str, &dyn Display)]) -> String {
    let text = match language() {
        Lang::Zh => template,
        Lang::En => english::english(template).unwrap_or(template),
    };
    fill(text, values)
}

/// `text` with each `{name}` replaced by the value of that name; `{{` and `}}` are braces.
fn fill(text: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if rest[open..].starts_with("{{") || rest[open..].starts_with("}}") {
            out.push_str(&rest[open..open + 1]);
            rest = &after[1..];
            continue;
        }
        let Some(close) = after.find('}').filter(|_| rest[open..].starts_with('{')) else {
            out.push_str(&rest[open..open + 1]);
            rest = after;
            continue;
        };
        let name = &after[..close];
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(&value.to_string()),
            None => {
                debug_assert!(false, "no value for {{{name}}} in {text:?}");
                out.push_str(&rest[open..open + close + 2]);
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// How the program's last words before it stops on an error begin.
pub fn error_line(message: &str) -> String {
    tr!("错误：{message}", message = message)
}

/// The `{name}`s of a template, sorted, each once (for the test of the table).
pub fn placeholders(text: &str) -> Vec<String> {
    let text = text.replace("{{", "").replace("}}", "");
    let mut names: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_string()))
        .collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_go_in_by_name_and_braces_stay() {
        let path = "/srv/会议.db";
        let n = 3;
        assert_eq!(
            fill(
                "{path} 第 {n} 行，{path} {{x}}",
                &[("n", &n), ("path", &path)]
            ),
            "/srv/会议.db 第 3 行，/srv/会议.db {x}"
        );
        assert_eq!(fill("没有占位", &[]), "没有占位");
    }

    #[test]
    fn placeholders_are_listed_once_each() {
        assert_eq!(placeholders("{b} {a} {b} {{c}}"), ["a", "b"]);
    }
}
