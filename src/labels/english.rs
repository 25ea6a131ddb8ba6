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

/// src/cli.rs.
const COMMAND_LINE: &[(&str, &str)] = &[
    (
        "控制台的参数 {argument} 不能与命令 {command} 同用，请去掉",
        "The console's argument {argument} does not go with the command {command}: leave it out",
    ),
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
    ("「{title}」", "'{title}'"),
    ("{name}（{stage}）", "{name} ({stage})"),
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
const STORE: &[(&str, &str)] = &[
    (
        "数据库文件不存在：{db}。新建会议请先运行 `shuze import 准备文件.toml --db {db}`",
        "The database file does not exist: {db}. To start a meeting, first run `shuze import preparation.toml --db {db}`",
    ),
    (
        "{db} 不是普通文件（可能是管道或设备），不能作为数据库打开",
        "{db} is not a regular file (a pipe or a device?) and cannot be opened as a database",
    ),
    (
        "{db} 是空文件（0 字节），不是 shuze 的数据库，未作改动。新建会议请用一个尚不存在的文件名：`shuze import 准备文件.toml --db 新文件.db`",
        "{db} is an empty file (0 bytes), not a shuze database; it was left untouched. To start a meeting, name a file that does not exist yet: `shuze import preparation.toml --db new.db`",
    ),
    (
        "{db} 是另一个程序的 SQLite 数据库，不是 shuze 的会议文件；为免损坏，未作任何改动。请检查路径",
        "{db} is another program's SQLite database, not a shuze meeting file; nothing was changed, so as not to damage it. Check the path",
    ),
    (
        "数据库 {db} 所在的文件夹是只读的（SQLite 需要在旁边建日志文件），无法记录。请把文件复制到可写的文件夹再打开",
        "The folder of the database {db} is read-only (SQLite needs to create its log beside it), so nothing can be recorded. Copy the file to a writable folder and open it there",
    ),
    (
        "数据库正被另一个程序占用（加了写锁），稍后自动重试",
        "The database is busy (another program holds its write lock); trying again shortly",
    ),
    (
        "{db} 是一个目录，不是数据库文件",
        "{db} is a folder, not a database file",
    ),
    (
        "{db} 由更新版本的 shuze 写入（格式版本 {found}，本程序支持 {supported}）；请升级 shuze",
        "{db} was written by a newer shuze (schema {found}; this program knows up to {supported}); upgrade shuze",
    ),
    (
        "无法打开数据库 {db}：{why}",
        "Cannot open the database {db}: {why}",
    ),
    (
        "{db} 不是 shuze 的数据库文件（也不是 SQLite 文件），未作改动。请检查路径",
        "{db} is not a shuze database (nor any SQLite file); it was left untouched. Check the path",
    ),
    (
        "数据库文件 {db} 已损坏或不完整（{detail}）。请勿继续写入：先复制一份，再用备份恢复，或用 `sqlite3 {db} .recover` 抢救数据",
        "The database file {db} is damaged or incomplete ({detail}). Do not write to it: copy it first, then restore a backup, or rescue the data with `sqlite3 {db} .recover`",
    ),
    (
        "数据库文件 {db} 是只读的，无法记录。请复制到可写的位置，或修改文件权限后再打开",
        "The database file {db} is read-only, so nothing can be recorded. Copy it to a writable place, or change its permissions, and open it again",
    ),
    (
        "{db} 的格式版本是 {found}，本程序为 {supported}：请先用 `shuze {db}` 打开一次以升级，或升级 shuze",
        "{db} is at schema {found}, this program at {supported}: open it once with `shuze {db}` to upgrade it, or upgrade shuze",
    ),
    (
        "磁盘已满或数据库已达大小上限，未能保存",
        "The disk is full or the database has reached its size limit: not saved",
    ),
    (
        "数据库文件 {db} 缺少表 {missing}：文件已损坏或被其他程序改动过，为免丢失记录不再打开。请用备份恢复，或用 `sqlite3 {db} .recover` 抢救数据",
        "The database file {db} lacks the table {missing}: it is damaged or was changed by another program, and is not opened so that no record is lost. Restore a backup, or rescue the data with `sqlite3 {db} .recover`",
    ),
    (
        "数据库文件 {db} 已被删除、移走或换掉，为免记录写进看不见的文件，已停止写入",
        "The database file {db} was deleted, moved or replaced; writing has stopped, so that nothing goes into a file nobody can see",
    ),
    ("数据库错误：{why}", "Database error: {why}"),
    ("文件错误：{why}", "File error: {why}"),
    ("会议 {meeting} 不存在", "There is no meeting {meeting}"),
    (
        "数据库中没有会议，请先用 `shuze import` 导入准备文件",
        "The database holds no meeting: import a preparation first with `shuze import`",
    ),
    (
        "这场会议正由另一个控制台记录（{holder}）。同一场会议只能有一个记录人，通过链接或别的路径打开同一文件也不行；如需在另一个终端投影，请运行 `shuze present {db}`。",
        "Another console is recording this meeting ({holder}). A meeting has one recorder, also through a link or another path to the same file; to project it from another terminal, run `shuze present {db}`.",
    ),
    (
        "数据库 {db} 正由另一个控制台通过另一个路径（硬链接或另一个挂载点）记录。同一个文件只能通过同一个路径记录，否则两边的记录会写进不同的日志而互相覆盖；请用那个控制台使用的路径打开，或先退出它。",
        "Another console is recording the database {db} under another path (a hard link or another mount). A file is recorded under one path only, or the two would write to different logs and overwrite each other; open it by the path that console uses, or quit it first.",
    ),
    (
        "无法给数据库 {db} 加记录锁：{why}",
        "Cannot take the recorder's lock on the database {db}: {why}",
    ),
    ("进程号未知", "process number unknown"),
    (
        "进程 {process}，{since} 起",
        "process {process}, since {since}",
    ),
];

/// src/prep.
const PREPARATION: &[(&str, &str)] = &[];

/// Everything else: files, the terminal, errors, export, themes.
const OTHER: &[(&str, &str)] = &[
    ("{folder} 不是文件夹", "{folder} is not a folder"),
    ("{folder} 属于其他用户", "{folder} belongs to another user"),
    (
        "内部错误，终端已恢复，已输入的文字已尽力保存。详情见 {log}",
        "Internal error: the terminal is restored and the text typed was saved as far as possible. Details in {log}",
    ),
    (
        "shuze 遇到内部错误，终端已恢复。详情见 {log}",
        "shuze met an internal error; the terminal is restored. Details in {log}",
    ),
    ("错误：{message}", "Error: {message}"),
    (
        "{kind}不能导出为{format}；可用的格式：{allowed}",
        "The {kind} cannot be exported as {format}; the formats it has: {allowed}",
    ),
    (
        "{file} 已存在；加 --force 覆盖",
        "{file} exists already; add --force to overwrite it",
    ),
    ("无法写入 {file}：{why}", "Cannot write {file}: {why}"),
    (
        "生成{format}失败：{why}",
        "Could not make the {format}: {why}",
    ),
    ("、", ", "),
    (
        "{file}：无法读取（{why}）",
        "{file}: cannot be read ({why})",
    ),
    (
        "应为 #rrggbb、reset 或颜色名（black, red, green, yellow, blue, magenta, cyan, gray, white …）",
        "expected #rrggbb, reset or a colour name (black, red, green, yellow, blue, magenta, cyan, gray, white …)",
    ),
    ("应为 none、ascii 或 line", "expected none, ascii or line"),
];

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
