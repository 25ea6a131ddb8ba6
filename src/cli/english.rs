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
        "verify",
        "",
        "Verify the record: walk the hash chain and the tables, and say that the record is intact (with the last hash), or which entries and rows were changed, added or removed outside the program; list every export.",
    ),
    ("verify", "db", "The meeting database."),
    (
        "export",
        "mark",
        "The classification line (in the page header of Word and HTML, the first line of Markdown, the JSON's mark, the Excel print header); without it, the preparation's, else the usual mark for internal material (internal material, keep safe: written in Chinese).",
    ),
    (
        "export",
        "",
        "Export the record, the summary (the minutes) and the follow-up ledger (Word, web page, Markdown, JSON, Excel, CSV).",
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
    (
        "export",
        "kind",
        "record (the full record), summary (the summary) or ledger (the follow-up ledger).",
    ),
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
        "Font names in Word files: gb2312 (FangSong_GB2312, KaiTi_GB2312 and the title font of GB/T 9704) or windows (FangSong, KaiTi and SimSun, as a stock Windows machine has them).",
    ),
    (
        "export",
        "page_numbers",
        "Page numbers in Word files: centred (default) or outside (odd pages right, even pages left).",
    ),
    (
        "export",
        "issue",
        "The summary's issue number; default: the one in the preparation.",
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
        "report",
        "",
        "The year report: per unit, its ratings over the years and how the year's follow-ups ended, with the completion rate (Word, and Excel with charts).",
    ),
    ("report", "db", "The meeting database."),
    ("report", "year", "The year."),
    (
        "report",
        "output",
        "The folder to write into (default: the database's folder).",
    ),
    ("report", "force", "Replace files that exist."),
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
        "End the meeting: record when it ended. Exports are no longer drafts; later changes are marked as added after the meeting.",
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
    (
        "",
        "key_file",
        "The key file of an encrypted meeting file (readable by its owner only, mode 600); without it the passphrase is typed at the terminal. A passphrase is never given on the command line.",
    ),
    (
        "import",
        "encrypt",
        "Create an encrypted meeting file (SQLCipher): type the passphrase twice at the terminal, or use --key-file.",
    ),
    (
        "encrypt",
        "",
        "Encrypt an unencrypted meeting file (written as a new file that replaces the old one only once complete).",
    ),
    ("encrypt", "db", "The meeting database."),
    (
        "decrypt",
        "",
        "Decrypt an encrypted meeting file into a new unencrypted file.",
    ),
    ("decrypt", "db", "The encrypted meeting database."),
    (
        "decrypt",
        "output",
        "The new unencrypted file (must not exist).",
    ),
    (
        "rekey",
        "",
        "Change an encrypted meeting file's passphrase (written as a new file that replaces the old one only once complete).",
    ),
    ("rekey", "db", "The encrypted meeting database."),
    (
        "rekey",
        "new_key_file",
        "The key file of the new passphrase (mode 600); without it the new passphrase is typed twice at the terminal. The old one comes from --key-file or the terminal as usual.",
    ),
    (
        "rescue",
        "",
        "Show the text of a rescue file (words the database could not take); an encrypted meeting's rescue file asks for the passphrase.",
    ),
    (
        "rescue",
        "file",
        "The rescue file (….rescue-….txt, or ….rescue-….sealed for an encrypted meeting).",
    ),
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
    // The template's file is named in the language of its user (its sheets stay Chinese).
    command = command.mut_subcommand("template", |s| {
        s.mut_arg("output", |a| a.default_value("prep.xlsx"))
    });
    without_chinese_choices(command)
}

/// The command with no choice explained, and no value named, in Chinese: the texts above say
/// what each choice means.
fn without_chinese_choices(mut command: Command) -> Command {
    let chinese = |text: &str| text.chars().any(|c| ('\u{3000}'..='\u{9fff}').contains(&c));
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        command = command.mut_arg(id, |arg| {
            let explained_in_chinese = arg
                .get_possible_values()
                .iter()
                .any(|v| v.get_help().is_some_and(|h| chinese(&h.to_string())));
            let named_in_chinese = arg
                .get_value_names()
                .is_some_and(|names| names.iter().any(|n| chinese(n)));
            let hide = explained_in_chinese || arg.is_hide_possible_values_set();
            let arg = arg.hide_possible_values(hide);
            match named_in_chinese {
                true => arg.value_name("TEXT"),
                false => arg,
            }
        });
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, without_chinese_choices);
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
