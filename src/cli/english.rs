//! `--help` in English. The Chinese texts are the doc comments on the command's types; with
//! `--lang en` (or an English `LANG` and no `--lang`) these take their place, one entry per
//! command and argument. A test holds the table to the commands, so none is left out.

use crate::labels::Lang;
use clap::Command;

/// (subcommand, argument, text): an empty subcommand is the program itself, an empty
/// argument the command's own description.
pub const TEXTS: &[(&str, &str, &str)] = &[
    (
        "",
        "",
        "Duty-and-integrity reporting meeting console: step through each official's report, record answers, remarks, ratings and follow-ups, saved to a local SQLite file as they are typed.",
    ),
    (
        "",
        "db",
        "The meeting database (SQLite file). Without it, the sample meeting's working copy opens.",
    ),
    (
        "",
        "meeting",
        "Open the meeting with this number (default: the most recent meeting not yet ended).",
    ),
    (
        "",
        "lang",
        "Interface language: zh (Chinese) or en (English). Without it, the language of LANG.",
    ),
    (
        "",
        "reset_sample",
        "Start the sample afresh: the old working copy is kept under a new name.",
    ),
    (
        "",
        "borders",
        "Pane borders: none (a coloured title row, default), ascii (+-|) or line (box drawing, only where the terminal draws it one cell wide).",
    ),
    (
        "",
        "ambiguous",
        "How many cells ambiguous-width characters (“ ” … ·) take: narrow or wide (xterm -cjk_width and other Chinese set-ups). Without it, the terminal is asked at start-up.",
    ),
    (
        "import",
        "",
        "Import a meeting's preparation (an .xlsx workbook, a folder of CSV files or a TOML file) as a new meeting.",
    ),
    (
        "import",
        "file",
        "The preparation: an .xlsx workbook, a folder of CSV files, or a .toml file.",
    ),
    (
        "import",
        "db",
        "The database to write; default: a .db file named after the preparation.",
    ),
    (
        "import",
        "update",
        "Apply a changed preparation to a meeting already in the database: additions, changes and removals become dated corrections; nothing recorded is touched.",
    ),
    (
        "import",
        "meeting",
        "With --update: the meeting to update (default: the one of the same title and date; without one it must be named).",
    ),
    ("import", "yes", "With --update: apply without asking."),
    (
        "import",
        "include_hidden",
        "Import the rows hidden in a workbook too (by hand or by a filter); by default they are left out and listed.",
    ),
    (
        "template",
        "",
        "Write the preparation template (an Excel workbook, one sheet per kind of data, two example rows each), or the same as a folder of CSV files.",
    ),
    (
        "template",
        "output",
        "Output: an .xlsx file, or (with --format csv) a folder.",
    ),
    (
        "template",
        "format",
        "xlsx (an Excel workbook, default) or csv (one UTF-8 CSV file per sheet).",
    ),
    ("template", "force", "Overwrite files that exist."),
    (
        "export-prep",
        "",
        "Write a meeting's preparation back out as .xlsx, .toml or a CSV folder, to edit and import as the next meeting.",
    ),
    (
        "export-prep",
        "db",
        "The meeting database; default: the sample meeting's working copy.",
    ),
    (
        "export-prep",
        "meeting",
        "The meeting's number (default: the most recent not yet ended).",
    ),
    (
        "export-prep",
        "output",
        "Output: FILE.xlsx, FILE.toml, or a folder (CSV).",
    ),
    ("export-prep", "force", "Overwrite files that exist."),
    (
        "export",
        "",
        "Export the record, the summary (纪要) and the follow-up ledger (Word, web page, Markdown, JSON, Excel, CSV).",
    ),
    (
        "export",
        "db",
        "The meeting database; default: the sample meeting's working copy.",
    ),
    (
        "export",
        "meeting",
        "The meeting's number (default: the most recent not yet ended).",
    ),
    ("export", "kind", "record, summary or ledger."),
    (
        "export",
        "format",
        "docx, html, md, json (record, summary); xlsx, csv (ledger).",
    ),
    (
        "export",
        "output",
        "The output file (default: beside the database, named by date and kind).",
    ),
    (
        "export",
        "all",
        "Write every kind in every format into this folder.",
    ),
    (
        "export",
        "include_notes",
        "Include the recorder's private notes (left out by default).",
    ),
    (
        "export",
        "revisions",
        "Add the revisions of answers and remarks to the record.",
    ),
    ("export", "force", "Overwrite files that exist."),
    (
        "export",
        "fonts",
        "Font names in Word files: gb2312 (仿宋_GB2312 …) or windows (仿宋, 楷体).",
    ),
    (
        "export",
        "page_numbers",
        "Page numbers in Word files: centred (default) or outside (odd pages right, even pages left).",
    ),
    (
        "export",
        "issue",
        "The summary's issue number (第 N 期); default: the one in the preparation.",
    ),
    (
        "export",
        "office",
        "The summary's issuing office, printed in its head and issuing line; default: the one in the preparation.",
    ),
    (
        "present",
        "",
        "The audience view: follows the recorder's console read-only in a second terminal on the projector (never private notes or key help).",
    ),
    (
        "present",
        "db",
        "The meeting database; default: the sample meeting's working copy.",
    ),
    (
        "present",
        "meeting",
        "The meeting's number (default: the most recent not yet ended).",
    ),
    (
        "present",
        "answers",
        "Also show the answers as they are recorded.",
    ),
    (
        "demo-data",
        "",
        "Write a demonstration meeting file (fixed content) to measure start-up and memory: county is ten years of a county's meetings.",
    ),
    (
        "demo-data",
        "scale",
        "county (40 meetings, about 50 MB) or small (one meeting).",
    ),
    (
        "demo-data",
        "output",
        "The new file's path (must not exist).",
    ),
    (
        "finish",
        "",
        "End the meeting (散会): record when it ended. Exports are no longer drafts; later changes are marked as added after the meeting.",
    ),
    ("finish", "db", "The meeting database."),
    (
        "finish",
        "meeting",
        "The meeting's number (default: the most recent not yet ended).",
    ),
    ("finish", "yes", "End it without asking."),
    (
        "meetings",
        "",
        "List the meetings in a database with their numbers.",
    ),
    ("meetings", "db", "The meeting database."),
];

/// The command with its English texts.
pub fn english(mut command: Command) -> Command {
    for &(sub, arg, text) in TEXTS {
        command = match (sub, arg) {
            ("", "") => command.about(text),
            ("", arg) => command.mut_arg(arg, |a| a.help(text)),
            (sub, "") => command.mut_subcommand(sub, |s| s.about(text)),
            (sub, arg) => command.mut_subcommand(sub, |s| s.mut_arg(arg, |a| a.help(text))),
        };
    }
    command
}

/// The interface language asked for: `--lang`, else the environment's (LC_ALL, LC_MESSAGES,
/// LANG, the first that is set): English for `en…`, Chinese otherwise.
pub fn asked_for(args: &[std::ffi::OsString], env: impl Fn(&str) -> Option<String>) -> Lang {
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => continue,
        };
        return if value == Some("en") {
            Lang::En
        } else {
            Lang::Zh
        };
    }
    from_environment(env)
}

/// The language of the environment's locale: English for `en…`, Chinese otherwise.
pub fn from_environment(env: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| env(name).filter(|v| !v.is_empty()));
    match locale {
        Some(locale) if locale.starts_with("en") => Lang::En,
        _ => Lang::Zh,
    }
}
