//! Messages of the command line, the store and the preparation checker, in the language the
//! user asked for. Each message is written in both languages where it is raised (`tr!`), and
//! the compiler holds each text to the message's arguments. The language is set once, from
//! the command line (`set_language`).
//!
//! The console's own labels are not here: `Label` and the functions of `labels` take the
//! language from the app's state (set from the same command line). This module names none
//! of ours, so that the lowest ones (files, storage, the preparation checker) can speak
//! through it.

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

/// A message in the language of the program, both languages written where it is raised:
///
/// `tr!("无法写入 {path}", "Cannot write {path}", path = p.display())`.
///
/// The arguments are named, never captured, so that the English can put them in another
/// order. Both texts go through `format!`, so the compiler checks each against the
/// arguments: a message without its English, or a text that leaves out one of the
/// arguments, does not compile (and `tests/english.rs` runs them in both languages).
macro_rules! tr {
    ($zh:literal, $en:literal $(, $name:ident = $value:expr)* $(,)?) => {
        match $crate::messages::language() {
            $crate::messages::Lang::Zh => format!($zh $(, $name = &$value)*),
            $crate::messages::Lang::En => format!($en $(, $name = &$value)*),
        }
    };
}
pub(crate) use tr;

/// How the program's last words before it stops on an error begin.
pub fn error_line(message: &str) -> String {
    tr!("错误：{message}", "Error: {message}", message = message)
}
