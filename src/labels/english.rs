//! The English of every message written with `tr!`, keyed by its Chinese text (see
//! `messages.rs`). One table per part of the program, in the order of the source.

/// The English of the message whose Chinese is `zh`.
pub fn english(zh: &str) -> Option<&'static str> {
    TABLES
        .iter()
        .flat_map(|table| table.iter())
        .find(|(key, _)| *key == zh)
        .map(|(_, en)| *en)
}

pub const TABLES: [&[(&str, &str)]; 4] = [COMMAND_LINE, STORE, PREPARATION, OTHER];

/// src/cli.rs, src/main.rs.
const COMMAND_LINE: &[(&str, &str)] = &[
    ("已写入：{file}", "Written: {file}"),
    (
        "填好后导入：shuze import {file}",
        "Fill it in, then import it: shuze import {file}",
    ),
    (
        "无法写入演示文件 {file}",
        "Cannot write the demo file {file}",
    ),
    (
        "已写入演示文件 {file}（{meetings} 场会议）",
        "Wrote the demo file {file} ({meetings} meetings)",
    ),
    ("{place}: 提示: {message}", "{place}: note: {message}"),
    (
        "已导入「{title}」（会议编号 {id}，述责人 {officials} 位）到 {db}",
        "Imported '{title}' (meeting {id}, {officials} officials) into {db}",
    ),
    (
        "{db} 不存在：--update 只更新已导入的会议；新会议请不加 --update 导入",
        "{db} does not exist: --update only updates a meeting already imported; import a new meeting without --update",
    ),
    (
        "更新会议「{title}」（编号 {meeting}）：",
        "Updating the meeting '{title}' (number {meeting}):",
    ),
    ("  未应用：{kept}", "  Not applied: {kept}"),
    (
        "没有可应用的改动，数据库未作改动。",
        "Nothing to apply; the database is unchanged.",
    ),
    (
        "应用以上 {n} 处改动？[y/N] ",
        "Apply the {n} changes above? [y/N] ",
    ),
    ("未作改动。", "Nothing changed."),
    (
        "已应用 {n} 处改动（均记为更正，原内容保留）。",
        "Applied {n} changes (each recorded as a correction; what was there before is kept).",
    ),
    (
        "请给出 --kind 和 --format，或用 --all 文件夹 导出全部",
        "Give --kind and --format, or --all FOLDER to export everything",
    ),
    (
        "没有终端可以确认：确认散会请加 --yes",
        "No terminal to confirm on: add --yes to end the meeting",
    ),
    (
        "输入 y 确认散会，其他任何输入取消：",
        "Type y to end the meeting, anything else to cancel:",
    ),
    (
        "未散会，未作改动。",
        "The meeting was not ended; nothing changed.",
    ),
    ("已结束", "ended"),
    ("进行中", "in progress"),
    (
        "{id}  {date}  {title}  {done}/{officials} 位已完成  {state}",
        "{id}  {date}  {title}  {done}/{officials} officials done  {state}",
    ),
    (
        "示例会议工作副本：{db}",
        "Working copy of the sample meeting: {db}",
    ),
    ("已保存：{db}", "Saved: {db}"),
    (
        "无法创建数据目录 {folder}",
        "Cannot create the data folder {folder}",
    ),
    (
        "旧的工作副本已改名保留：{file}",
        "The old working copy was kept under a new name: {file}",
    ),
    (
        "无法写入示例工作副本 {file}",
        "Cannot write the sample's working copy {file}",
    ),
    ("{file} 不是文件", "{file} is not a file"),
];

/// src/storage, src/lock.rs.
const STORE: &[(&str, &str)] = &[];

/// src/prep.
const PREPARATION: &[(&str, &str)] = &[];

/// Everything else: files, rescue, terminal, export, themes.
const OTHER: &[(&str, &str)] = &[];

#[cfg(test)]
mod tests {
    use super::super::messages::placeholders;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// Each `tr!` of the source: (file, Chinese template, names of its arguments).
    fn calls() -> Vec<(String, String, Vec<String>)> {
        let mut found = Vec::new();
        let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with(file!()) {
                    let code: String = std::fs::read_to_string(&path)
                        .unwrap()
                        .lines()
                        .filter(|line| !line.trim_start().starts_with("//"))
                        .map(|line| format!("{line}\n"))
                        .collect();
                    for (at, _) in code.match_indices("tr!(") {
                        let before = code[..at].chars().next_back().unwrap_or(' ');
                        if before.is_alphanumeric() || before == '_' {
                            continue;
                        }
                        let (template, rest) = literal(code[at + 4..].trim_start())
                            .unwrap_or_else(|| panic!("{}: tr! without a literal", path.display()));
                        found.push((path.display().to_string(), template, names(rest)));
                    }
                }
            }
        }
        found
    }

    /// The string literal at the start of `code`, decoded, and the code after it.
    fn literal(code: &str) -> Option<(String, &str)> {
        let mut chars = code.strip_prefix('"')?.char_indices();
        let mut text = String::new();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Some((text, &code[i + 2..])),
                '\\' => match chars.next()?.1 {
                    'n' => text.push('\n'),
                    't' => text.push('\t'),
                    '\n' => {
                        let rest = chars.as_str();
                        let skipped = rest.len() - rest.trim_start().len();
                        for _ in 0..rest[..skipped].chars().count() {
                            chars.next();
                        }
                    }
                    other => text.push(other),
                },
                c => text.push(c),
            }
        }
        None
    }

    /// The `name = value` names up to the call's closing bracket.
    fn names(rest: &str) -> Vec<String> {
        let mut depth = 0;
        let mut in_string = false;
        let mut end = rest.len();
        let mut previous = ' ';
        for (i, c) in rest.char_indices() {
            match c {
                '"' if previous != '\\' => in_string = !in_string,
                '(' | '[' | '{' if !in_string => depth += 1,
                ')' | ']' | '}' if !in_string && depth == 0 => {
                    end = i;
                    break;
                }
                ')' | ']' | '}' if !in_string => depth -= 1,
                _ => {}
            }
            previous = c;
        }
        let mut names: Vec<String> = rest[..end]
            .split(',')
            .filter_map(|arg| {
                let (name, value) = arg.split_once('=')?;
                let name = name.trim();
                let plain = name.chars().all(|c| c.is_alphanumeric() || c == '_');
                (plain && !name.is_empty() && !value.starts_with('=')).then(|| name.to_string())
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_message_has_its_english_with_the_same_placeholders() {
        let calls = calls();
        assert!(
            calls.len() > 10,
            "the scan found only {} tr! calls",
            calls.len()
        );
        let mut missing = Vec::new();
        for (file, template, names) in &calls {
            assert_eq!(
                &placeholders(template),
                names,
                "{file}: the arguments of tr!({template:?}) are not its placeholders"
            );
            if super::english(template).is_none() {
                missing.push(format!("{file}: {template:?}"));
            }
        }
        assert!(
            missing.is_empty(),
            "no English for:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn the_table_has_each_message_once_with_its_placeholders_and_no_other() {
        let used: BTreeSet<String> = calls().into_iter().map(|(_, t, _)| t).collect();
        let mut seen = BTreeSet::new();
        for (zh, en) in super::TABLES.iter().flat_map(|t| t.iter()) {
            assert!(seen.insert(*zh), "{zh:?} is in the table twice");
            assert_eq!(placeholders(zh), placeholders(en), "{zh:?} → {en:?}");
            assert!(
                used.contains(*zh),
                "{zh:?} is no longer used: take it out of the table"
            );
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{en:?} is not English"
            );
        }
    }
}
