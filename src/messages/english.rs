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
        "{db} 是空文件（0 字节），旁边却有别的程序留下的日志 {db}-wal；SQLite 打开它会删掉这个日志，所以两个文件都未作改动。请检查路径，或把日志交给写它的程序",
        "{db} is empty (0 bytes), yet another program's log {db}-wal is beside it; SQLite would delete that log on opening, so both files are left unchanged. Check the path, or give the log back to the program that wrote it",
    ),
    (
        "{db} 在只读的位置，它最后写入的内容还在旁边的日志 {db}-wal 里，但没有 {db}-shm，SQLite 在这里读不到这些内容；为免导出缺了最后的记录，未读取。请把 {db} 和 {db}-wal 一起复制到可写的文件夹再导出",
        "{db} is on a read-only medium and its last writes are still in the log {db}-wal beside it, but without {db}-shm SQLite cannot read them there; so as not to export a record missing its last entries, it was not read. Copy {db} and {db}-wal together to a writable folder and export from there",
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
        "数据库正被另一个程序占用（加了写锁）",
        "The database is busy (another program holds its write lock)",
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
        "{db} 的格式第 {step} 步与本程序的不同（由改过这一步的 shuze 建立或升级）：为免写坏记录，不打开。请用建立它的那个版本打开，或用备份",
        "Step {step} of the format of {db} is not this program's (it was made or upgraded by a shuze whose step was changed): not opened, so as not to damage the record. Open it with the version that made it, or use a backup",
    ),
    (
        "数据库文件 {db} 缺少表 {missing}：文件已损坏或被其他程序改动过，为免丢失记录不再打开。请用备份恢复，或用 `sqlite3 {db} .recover` 抢救数据",
        "The database file {db} lacks the table {missing}: it is damaged or was changed by another program, and is not opened so that no record is lost. Restore a backup, or rescue the data with `sqlite3 {db} .recover`",
    ),
    (
        "数据库文件 {db} 的结构与 shuze 建的不同（{changes}）：文件被其他程序改动过，改动可能改写记录，因此不写入。请用备份恢复；`shuze export` 仍可读出其中的内容（会注明结构被改动）",
        "The schema of the database file {db} is not the one shuze makes ({changes}): another program changed the file, and such changes can rewrite the record, so nothing is written to it. Restore it from a backup; `shuze export` can still read out what it holds (saying that the schema was changed)",
    ),
    (
        "注意：数据库文件 {db} 的结构被其他程序改动过（{changes}）；视图按 shuze 自己的定义读出，但表中的内容可能已被改写",
        "Note: another program changed the schema of the database file {db} ({changes}); views are read as shuze defines them, but what the tables hold may have been rewritten",
    ),
    ("缺少{kind} {name}", "missing {kind} {name}"),
    (
        "注意：这些文字不是 UTF-8（可能是其他程序写入的），显示和导出时以 � 代替：{fields}（{db}）",
        "Note: this text is not UTF-8 (perhaps written by another program) and is shown and exported with � in its place: {fields} ({db})",
    ),
    ("等 {count} 处", " and others, {count} in all"),
    (
        "表 {table} 列 {column} 第 {row} 行",
        "{table}.{column} row {row}",
    ),
    ("多了{kind} {name}", "added {kind} {name}"),
    (
        "{kind} {name} 的定义被改过",
        "{kind} {name} defined differently",
    ),
    ("表", "table"),
    ("索引", "index"),
    ("视图", "view"),
    ("触发器", "trigger"),
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

/// src/prep (in the order of mod.rs, check.rs, sheet.rs, xlsx.rs, csv_files.rs, controls.rs,
/// import.rs, out.rs, update.rs).
const PREPARATION: &[(&str, &str)] = &[
    (
        "无法读取准备文件 {path}：{why}",
        "Cannot read the prep file {path}: {why}",
    ),
    (
        "{path}: 文件不是 UTF-8 编码（可能是 GBK），请用编辑器另存为 UTF-8 后再导入",
        "{path}: the file is not UTF-8 (it may be GBK): save it as UTF-8 in an editor, then import it again",
    ),
    (
        "准备文件有 {n} 处错误，数据库未作任何改动。",
        "Problems in the prep file: {n}; nothing in the database was changed.",
    ),
    (
        "一场会议的准备要用几张表（{first}、{second}……）：请把这些 CSV 文件放进同一个文件夹，按工作表命名（如 {second}.csv），再导入这个文件夹",
        "A meeting's preparation takes several sheets ({first}, {second}, ...): put their CSV files in one folder, each named after its sheet (such as {second}.csv), then import that folder",
    ),
    (
        "缺少必填字段，请在这张表里补上",
        "A required field is missing: add it to this table",
    ),
    (
        "未知字段：检查拼写，或删去这一行",
        "Unknown field: check its spelling, or delete this line",
    ),
    (
        "取值不在允许的范围内，请改用下列之一",
        "Not one of the allowed values: use one of these",
    ),
    (
        "类型不对：文字要加英文双引号，数字不加引号",
        "Wrong type: text goes in double quotes, numbers without quotes",
    ),
    (
        "同一张表里这个字段写了两次",
        "This field is written twice in the same table",
    ),
    (
        "TOML 语法错误：检查引号、方括号和等号",
        "TOML syntax error: check the quotes, square brackets and equals signs",
    ),
    ("{field} 不能为空", "{field} must not be empty"),
    ("没有这一天", "there is no such day"),
    ("不是日期", "not a date"),
    (
        "{field} 「{given}」 日期无效（{why}）：应写成 2026-12-18 这样的年-月-日",
        "{field} '{given}' is not a valid date ({why}): write it as year-month-day, like 2026-12-18",
    ),
    ("start（开始时间）", "start (starting time)"),
    (
        "{field} 时间无效：应写成 09:00 这样的时:分",
        "{field} is not a valid time: write it as hours:minutes, like 09:00",
    ),
    ("title（会议名称）", "title (meeting name)"),
    ("date（会议日期）", "date (meeting date)"),
    ("chair（主持人）", "chair (chair)"),
    ("recorder（记录人）", "recorder (recorder)"),
    ("issue（纪要期号）", "issue (issue number of the minutes)"),
    (
        "{field} {value} 不合理：应为 1 到 9999 的整数",
        "{field} {value} is not plausible: it should be a whole number from 1 to 9999",
    ),
    (
        "minutes.{name}（环节时长）",
        "minutes.{name} (stage minutes)",
    ),
    (
        "{field} {value} 不合理：应为 1 到 120 分钟",
        "{field} {value} is not plausible: it should be 1 to 120 minutes",
    ),
    ("name（姓名）", "name (name)"),
    ("position（议程序号）", "position (agenda number)"),
    ("{field} 应从 1 开始", "{field} should start at 1"),
    (
        "议程序号 {value} 重复：第 {line} 行已用过，请改为未用的序号",
        "Agenda number {value} is repeated: line {line} already uses it; change it to an unused number",
    ),
    (
        "report_minutes（述责时长）",
        "report_minutes (reporting minutes)",
    ),
    ("unit（单位）", "unit (unit)"),
    ("post（职务）", "post (post)"),
    ("text（事项内容）", "text (duty item)"),
    ("quarter（季度）", "quarter (quarter)"),
    (
        "{field}\"{given}\" 无效：应写成 2026Q2 这样的年份加 Q1 到 Q4",
        "{field} '{given}' is not valid: write the year followed by Q1 to Q4, like 2026Q2",
    ),
    ("text（风险点）", "text (risk point)"),
    ("asker（提问人）", "asker (asker)"),
    ("text（问题）", "text (question)"),
    ("problem（问题）", "problem (problem)"),
    ("deadline（时限）", "deadline (time limit)"),
    ("raised_on（提出日期）", "raised_on (date raised)"),
    ("key（整改标识）", "key (follow-up identity)"),
    (
        "{field}「{key}」在另一行已出现：同一整改事项只能占一行（复制的行请清空整改标识）",
        "{field} '{key}' already stands on another row: one follow-up takes one row (clear the identity of a copied row)",
    ),
    (
        "议程顺序会上已修改，未应用：会上移动过的述责人和已开始述责的述责人保持原来的位置，其余述责人按新的顺序排在其他位置",
        "The agenda's order was changed at the meeting and is not applied: officials moved at the meeting and those who have started keep their places, the others take the remaining places in the new order",
    ),
    (
        "数据库中没有「{title}」（{date}）这场会议：准备表的会议名称或日期与已导入的会议不同，未更新。\
         如确是同一场会议，请加 --meeting 编号指明（编号见 shuze meetings {db}）",
        "The file has no meeting '{title}' ({date}): the preparation's meeting name or date differs from the meetings imported, so nothing was updated. If it is the same meeting, name it with --meeting N (the numbers: shuze meetings {db})",
    ),
    ("出席人员", "Attendee"),
    ("出席情况", "attendance"),
    ("议程", "agenda"),
    ("责任事项", "duty item"),
    ("廉政风险点", "risk point"),
    ("提问", "question"),
    (
        "{who}：{what}「{text}」会上已修改，未应用（保持会上记录的内容）",
        "{who}: {what} '{text}' was changed at the meeting and is not applied (what the meeting recorded stays)",
    ),
    (
        "以往整改 {known} 项已在本文件中（按整改标识找到），沿用原来的事项，未重复添加",
        "{known} earlier follow-ups are already in this file (found by their identity): the same follow-ups carry on, none added twice",
    ),
    (
        "{field} 应为导出准备文件时写入的32位标识（0-9、a-f），「{key}」不是；新的整改事项请留空",
        "{field} must be the 32-character identity written by export-prep (0-9, a-f), and '{key}' is not; leave it blank for a new follow-up",
    ),
    (
        "「{shown}」有内容，但表名和表头都认不出是哪张准备用的表（前几行有：{found}）：请把表名改为 {sheets} 之一，或删去这张表",
        "'{shown}' holds data, but neither its name nor its header says which sheet of the preparation it is (its first rows have: {found}): rename it to one of {sheets}, or delete it",
    ),
    ("表头有：{found}", "the header row has: {found}"),
    (
        "第 {rows} 行标有「{mark}」，是模板的示例行，未导入：填好本次会议的内容后请删去示例行",
        "Rows {rows} are marked '{mark}': they are the template's examples and were not imported; delete them once the meeting's own rows are in",
    ),
    (
        "{sheet}表只有示例行（标有「{mark}」）：请改成本次会议的名称、日期、主持人、记录人，并删去「{mark}」",
        "The sheet {sheet} has only the example row (marked '{mark}'): write this meeting's title, date, chair and recorder, and delete '{mark}'",
    ),
    ("「{sheet}」表", "in the sheet '{sheet}'"),
    (
        "「{name}」有 {n} 个{what}，超过 {most} 个：请确认没有把整个单位的台账、或同一张表重复算到这一位述责人名下",
        "'{name}' has {n} {what}, more than {most}: check that a whole unit's ledger, or the same sheet twice, was not put under this one official",
    ),
    ("……{place}另有 {n} 处错误", "… {n} more problems {place}"),
    (
        "「{sheet}」表「{header}」列",
        "in the sheet '{sheet}', column '{header}'",
    ),
    (
        "工作表「{name}」用到了第 {row} 行第 {column} 列（{cell}），超出准备表的上限（{rows} 行、{columns} 列、{cells} 个单元格）：请删去表格右边和下面不用的行列（选中后「删除」，不是清除内容），或把内容分到几张表",
        "The sheet '{name}' reaches row {row}, column {column} ({cell}), beyond what a preparation may have ({rows} rows, {columns} columns, {cells} cells): delete the unused rows and columns to the right and below (select them and \"Delete\", not clear their contents), or spread the content over several sheets",
    ),
    (
        "第 {rows} 行是隐藏的（手动隐藏或被筛选隐藏），共 {n} 行，未导入：要导入请在 Excel/WPS 中取消隐藏或清除筛选，或导入时加 --include-hidden",
        "Rows {rows} are hidden (by hand or by a filter), {n} in all, and were not imported: to import them, unhide them or clear the filter in Excel/WPS, or import with --include-hidden",
    ),
    (
        "第 {rows} 行是隐藏的，共 {n} 行，按 --include-hidden 一并导入",
        "Rows {rows} are hidden, {n} in all, and were imported as --include-hidden asks",
    ),
    (
        "工作簿的「{part}」解压后超过 {size} MB（上限 {most} MB）：这不是一份准备表的大小，可能是损坏的文件或「压缩炸弹」，未读取。请在 Excel/WPS 中打开检查，只留准备用的表后另存为 .xlsx",
        "The workbook's part '{part}' unpacks to more than {size} MB (at most {most} MB): no preparation is that big; it may be a damaged file or a \"zip bomb\", and was not read. Open it in Excel/WPS to check, keep only the preparation's sheets and save it as .xlsx again",
    ),
    (
        "文件是繁体中文 Big5 编码，不能不走样地读出：请在 Excel/WPS 中另存为「CSV UTF-8（逗号分隔）」",
        "The file is in Big5 (traditional Chinese) and cannot be read without garbling: in Excel/WPS, save it as \"CSV UTF-8 (Comma delimited)\"",
    ),
    (
        "单元格是公式 {formula}，文件里却没有它算出的值（多是程序生成、未在 Excel/WPS 中打开保存过）：请在 Excel/WPS 中打开后保存再导入，或把公式换成数值",
        "The cell holds the formula {formula} but the file has no value for it (mostly written by a program and never opened and saved in Excel/WPS): open and save it in Excel/WPS, then import again, or replace the formula by its value",
    ),
    ("{file}「{sheet}」表", "{file}, sheet '{sheet}'"),
    (
        "{file}「{sheet}」表第{row}行{column}列（{header}）",
        "{file}, sheet '{sheet}', row {row}, column {column} ({header})",
    ),
    (
        "{file}「{sheet}」表第{row}行{column}列",
        "{file}, sheet '{sheet}', row {row}, column {column}",
    ),
    (
        "{file} 第{row}行{column}列（{header}）",
        "{file}, row {row}, column {column} ({header})",
    ),
    (
        "{file} 第{row}行{column}列",
        "{file}, row {row}, column {column}",
    ),
    (
        "「{header}」可能是{column}列？",
        "is '{header}' the column '{column}'?",
    ),
    (
        "「{sheet}」表没有「{name}」「{unit}」列，表名和标题（{titles}）也没有指明议程中的哪个单位：请加一列「{unit}」，或在标题中写明单位；议程中的单位有 {units}",
        "The sheet '{sheet}' has no column '{name}' or '{unit}', and neither its name nor its title ({titles}) names a unit of the agenda: add a column '{unit}', or name the unit in the title; the agenda's units are {units}",
    ),
    (
        "「{header}」列的「{written}」读作「{read_as}」（第 {rows}{more} 行，共 {n} 处）",
        "'{written}' in the column '{header}' was read as '{read_as}' (rows {rows}{more}, {n} in all)",
    ),
    (
        "共导入：述责人 {officials} 位，责任事项 {duties} 项，廉政风险点 {risks} 个（防控措施 {measures} 条，制度依据 {rules} 条），提问 {questions} 个，以往整改 {follow_ups} 项，出席人员 {attendees} 位",
        "Imported: {officials} officials, {duties} duty items, {risks} risk points ({measures} measures, {rules} rules), {questions} questions, {follow_ups} earlier follow-ups, {attendees} attendees",
    ),
    (
        "工作表「{shown}」被隐藏了：看不见的内容也会导入。请在 Excel/WPS 中右击工作表标签「取消隐藏」，检查后再导入；不要的话请删除这张表",
        "The sheet '{shown}' is hidden: what cannot be seen would be imported too. In Excel/WPS, right-click the sheet tabs and choose \"Unhide\", check it, then import again; if it is not wanted, delete the sheet",
    ),
    (
        "「{shown}」和「{first}」都是「{sheet}」表：请只留一张",
        "'{shown}' and '{first}' are both the sheet '{sheet}': keep only one",
    ),
    (
        "缺少文件「{sheet}.csv」：这张表必须有（可用模板 shuze template 生成）；表名也可写作 {also}",
        "The file '{sheet}.csv' is missing: this sheet is required (shuze template writes one); it may also be named {also}",
    ),
    (
        "缺少工作表「{sheet}」：这张表必须有（可用模板 shuze template 生成）；表名也可写作 {also}",
        "The sheet '{sheet}' is missing: it is required (shuze template writes one); it may also be named {also}",
    ),
    (
        "找不到表头：前 {rows} 行里没有认得的列名。第一行应是列名，如 {headers}",
        "No header row: none of the first {rows} rows has a known column name. The first row should hold the column names, such as {headers}",
    ),
    (
        "「{text}」和第 {first} 列都是「{header}」列：请删去或改名其中一列",
        "'{text}' and column {first} are both the column '{header}': delete or rename one of them",
    ),
    (
        "不认得的列「{text}」，已忽略；这张表可用的列名见 README「准备表格」一节",
        "Unknown column '{text}', ignored; the column names this sheet can have are in the README, section \"Preparing in a spreadsheet\"",
    ),
    (
        "缺少必填的列「{header}」：请在表头加上这一列，列名可写作 {words}",
        "The required column '{header}' is missing: add it to the header row; it may be named {words}",
    ),
    (
        "缺少「{name}」或「{unit}」列：每行要对应议程中的一位述责人，至少要有其中一列；列名可写作 {names}，或 {units}",
        "The column '{name}' or '{unit}' is missing: each row must belong to an official of the agenda, so at least one of them is needed; they may be named {names}, or {units}",
    ),
    (
        "单元格是公式的错误值 {error}：请改正公式，或复制后「选择性粘贴→数值」换成它的值",
        "The cell holds a formula's error value {error}: correct the formula, or copy it and \"Paste Special → Values\" to keep its value",
    ),
    (
        "单元格有 {chars} 个字，超过了表格单元格的上限 {most} 字：请删减，或分成几行",
        "The cell has {chars} characters, more than a spreadsheet cell can hold ({most}): shorten it, or split it over several rows",
    ),
    (
        "单元格含控制字符 {found}：会议记录里不能有控制字符，请删去（多是从别处复制来的看不见的字符）；换行可以保留",
        "The cell has the control characters {found}: a meeting record cannot hold control characters; delete them (mostly invisible characters copied from elsewhere); line breaks may stay",
    ),
    (
        "「{text}」不是整数：这一列填数字，如 8",
        "'{text}' is not a whole number: this column takes a number, such as 8",
    ),
    (
        "「{header}」不能为空：请填数字",
        "'{header}' must not be empty: fill in a number",
    ),
    (
        "「{header}」不能为空：请从下拉列表选 {choices} 之一",
        "'{header}' must not be empty: choose one of {choices} from the drop-down list",
    ),
    (
        "「{text}」不是「{header}」可选的值：请从下拉列表选 {choices} 之一",
        "'{text}' is not one of the choices of '{header}': choose one of {choices} from the drop-down list",
    ),
    (
        "「{text}」不是「{header}」可选的值：请填「{yes}」或「{no}」",
        "'{text}' is not one of the choices of '{header}': fill in '{yes}' or '{no}'",
    ),
    (
        "{sheet}表没有内容：表头下面一行填这场会议的名称、日期、主持人、记录人等",
        "The sheet '{sheet}' is empty: the row below the header takes the meeting's name, date, chair, recorder and so on",
    ),
    (
        "{sheet}表只能有一行内容（第 {first} 行）：一个文件准备一场会议，请删去这一行",
        "The sheet '{sheet}' can have only one row (row {first} holds the meeting): one file prepares one meeting; delete this row",
    ),
    (
        "「{name}」不在议程里：姓名须与「{agenda}」表一致，议程中的述责人有 {all}",
        "'{name}' is not on the agenda: names must be as in the sheet '{agenda}', whose officials are {all}",
    ),
    (
        "议程中「{name}」的单位是「{units}」，与这里的「{unit}」不符：请改成一致",
        "On the agenda the unit of '{name}' is {units}, not '{unit}' as here: make them the same",
    ),
    (
        "议程中有几位「{name}」：请同时填写单位以区分",
        "The agenda has several officials named '{name}': fill in the unit as well to tell them apart",
    ),
    (
        "姓名和单位都空着：请至少填一个，说明这一行是哪位述责人的",
        "Name and unit are both blank: fill in at least one, to say whose row this is",
    ),
    (
        "单位「{unit}」不在议程里：单位须与「{agenda}」表一致，议程中的单位有 {all}",
        "The unit '{unit}' is not on the agenda: units must be as in the sheet '{agenda}', whose units are {all}",
    ),
    (
        "议程中「{unit}」有 {n} 位述责人：请填写姓名",
        "The agenda has {n} officials of '{unit}': fill in the name",
    ),
    (
        "这是旧版 Excel 97-2003 工作簿（.xls）、WPS 表格（.et）或加了密码的工作簿，不能直接读取：请在 Excel 或 WPS 中打开，「另存为」Excel 工作簿（*.xlsx）且不设密码，再导入 .xlsx 文件",
        "This is an old Excel 97-2003 workbook (.xls), a WPS spreadsheet (.et) or a workbook with a password, which cannot be read directly: open it in Excel or WPS, \"Save As\" an Excel workbook (*.xlsx) without a password, then import the .xlsx file",
    ),
    (
        "这是 OpenDocument 表格（.ods）：请在 LibreOffice Calc 中「另存为」Excel 2007-365 (.xlsx)，再导入 .xlsx 文件",
        "This is an OpenDocument spreadsheet (.ods): in LibreOffice Calc, \"Save As\" Excel 2007-365 (.xlsx), then import the .xlsx file",
    ),
    (
        "它的内容是文本（看起来是 CSV）：请把扩展名改为 .csv，和其他表的 CSV 放进同一个文件夹后导入该文件夹，或在 Excel/WPS 中打开后另存为 .xlsx",
        "its content is text (it looks like CSV): change the extension to .csv, put it in one folder with the CSV files of the other sheets and import that folder, or open it in Excel/WPS and save it as .xlsx",
    ),
    (
        "文件可能已损坏或不是表格：请在 Excel/WPS 中打开确认，再另存为 .xlsx",
        "the file may be damaged or not a spreadsheet: open it in Excel/WPS to check, then save it as .xlsx",
    ),
    (
        "扩展名是 .{extension}，但内容不是 Excel 工作簿；{hint}",
        "The extension is .{extension}, but the content is not an Excel workbook; {hint}",
    ),
    (
        "无法读取工作簿：{error}；请在 Excel/WPS 中打开后重新保存为 .xlsx",
        "Cannot read the workbook: {error}; open it in Excel/WPS and save it again as .xlsx",
    ),
    (
        "无法读取工作表「{name}」：{error}",
        "Cannot read the sheet '{name}': {error}",
    ),
    (
        "无法读取工作表「{name}」的合并单元格：{error}",
        "Cannot read the merged cells of the sheet '{name}': {error}",
    ),
    (
        "文件夹里没有 .csv 文件：每张表存为一个 CSV 文件，按工作表命名（{first}.csv、{second}.csv……）",
        "The folder has no .csv files: save each sheet as one CSV file named after the sheet ({first}.csv, {second}.csv, ...)",
    ),
    (
        "文件既不是 UTF-8 编码，也不是 GBK/GB18030 编码，无法不走样地读出汉字：请在 Excel/WPS 中另存为「CSV UTF-8（逗号分隔）」",
        "The file is neither UTF-8 nor GBK/GB18030, so its Chinese characters cannot be read faithfully: in Excel/WPS, save it as \"CSV UTF-8 (Comma delimited)\"",
    ),
    (
        "{key} 含控制字符 {found}（由 {escape} 之类的转义写出）：会议记录里不能有控制字符，请删去这些转义；换行和制表符可以保留",
        "{key} has the control characters {found} (written as escapes like {escape}): a meeting record cannot hold control characters; delete these escapes (line breaks and tabs may stay)",
    ),
    (
        "数据库中已有同名同日期的会议（编号 {id}）；导入只会新增会议，不会改动已记录的内容。如需另开一场，请修改 title（会议名称）或 date（会议日期）",
        "The database already has a meeting with this name and date (number {id}); importing only adds meetings and never changes what has been recorded. To hold another one, change title (meeting name) or date (meeting date)",
    ),
    (
        "{path}: CSV 要写成一个文件夹（每张表一个 .csv 文件）：请给出文件夹名，如 -o 准备",
        "{path}: CSV is written as a folder (one .csv file per sheet): give a folder name, such as -o prep",
    ),
    (
        "{path}: 不认得的扩展名 .{extension}：请用 .xlsx（Excel 工作簿）、.toml（准备文件）或文件夹名（CSV）",
        "{path}: unknown extension .{extension}: use .xlsx (Excel workbook), .toml (prep file) or a folder name (CSV)",
    ),
    ("无法生成工作簿", "Cannot make the workbook"),
    (
        "无法创建文件夹 {folder}",
        "Cannot create the folder {folder}",
    ),
    (
        "{file} 已存在：加 --force 覆盖，或换一个文件夹",
        "{file} already exists: add --force to replace it, or choose another folder",
    ),
    (
        "{file} 已存在：加 --force 覆盖，或换一个文件名",
        "{file} already exists: add --force to replace it, or choose another file name",
    ),
    ("无法写入 {file}", "Cannot write {file}"),
    (
        "新增述责人：{name}（{unit}，{post}），议程第 {place} 位",
        "New official: {name} ({unit}, {post}), number {place} on the agenda",
    ),
    ("姓名改为 {name}", "name changed to {name}"),
    ("职务改为 {post}", "post changed to {post}"),
    (
        "分管县领导改为 {supervisor}",
        "supervising county leader changed to {supervisor}",
    ),
    ("{who}：{changes}", "{who}: {changes}"),
    ("，", ", "),
    (
        "{who}（{unit}）从议程撤下（保留在数据库中）",
        "{who} ({unit}) taken off the agenda (kept in the database)",
    ),
    ("议程顺序改为：{names}", "Agenda order changed to: {names}"),
    ("、", ", "),
    (
        "{who}：新增以往整改「{problem}」",
        "{who}: new earlier follow-up '{problem}'",
    ),
    (
        "{who}：修改以往整改「{problem}」",
        "{who}: earlier follow-up '{problem}' changed",
    ),
    (
        "纪要发文机关改为「{office}」，期号改为第 {issue} 期",
        "Issuing office of the minutes changed to '{office}', issue number to {issue}",
    ),
    (
        "纪要发文机关改为「{office}」，期号改为（无）",
        "Issuing office of the minutes changed to '{office}', issue number to none",
    ),
    (
        "{who}：述责时长改为 {minutes} 分钟，书面述责",
        "{who}: report time changed to {minutes} minutes, reporting in writing",
    ),
    (
        "{who}：述责时长改为 {minutes} 分钟，现场述责",
        "{who}: report time changed to {minutes} minutes, reporting in person",
    ),
    (
        "{who}：新增责任事项「{text}」",
        "{who}: new duty item '{text}'",
    ),
    (
        "{who}：修改责任事项「{text}」",
        "{who}: duty item '{text}' changed",
    ),
    (
        "{who}：撤下责任事项「{text}」",
        "{who}: duty item '{text}' withdrawn",
    ),
    (
        "{who}：新增廉政风险点「{text}」",
        "{who}: new integrity risk point '{text}'",
    ),
    (
        "{who}：修改廉政风险点「{text}」",
        "{who}: integrity risk point '{text}' changed",
    ),
    (
        "{who}：撤下廉政风险点「{text}」",
        "{who}: integrity risk point '{text}' withdrawn",
    ),
    ("{who}：新增提问「{text}」", "{who}: new question '{text}'"),
    (
        "{who}：提问「{text}」的提问人改为 {asker}",
        "{who}: the asker of the question '{text}' changed to {asker}",
    ),
    (
        "{who}：撤下提问「{text}」",
        "{who}: question '{text}' withdrawn",
    ),
    (
        "出席人员 {name}：改为{attendance}",
        "Attendee {name}: now {attendance}",
    ),
    (
        "出席人员 {name}：改为{attendance}（{reason}）",
        "Attendee {name}: now {attendance} ({reason})",
    ),
    (
        "新增出席人员 {name}（{attendance}）",
        "New attendee {name} ({attendance})",
    ),
    (
        "会议信息（名称、日期、时间、地点、主持人、记录人、计票监票人、环节时长）的改动未应用：数据库（第 7 版）没有记录会议信息更正的表，改写会丢掉原来的内容；如确需改动，请作为新会议导入",
        "Changes to the meeting's details (name, date, time, place, chair, recorder, scrutineers, stage minutes) not applied: the database (version 7) has no table recording corrections of the meeting's details, and writing over them would lose what was there; if they must change, import it as a new meeting",
    ),
    (
        "出席人员 {name}：职务改为「{post}」未应用：数据库（第 7 版）记录出席情况的更正，不记录职务的更正",
        "Attendee {name}: the post change to '{post}' not applied: the database (version 7) records corrections of attendance, not of posts",
    ),
    (
        "出席人员 {name} 不在新的名单里，但未从名单撤下：数据库（第 7 版）不能撤下出席人员；如未到会，请在表中改为缺席并写明原因",
        "Attendee {name} is not in the new list but was not taken off it: the database (version 7) cannot take attendees off; if they did not come, mark them absent in the sheet and give the reason",
    ),
    (
        "{who} 已开始述责：其姓名、职务、分管县领导和准备内容（含以往整改）保持原样，会上记录的一切不动（如需更正请在控制台中修改）",
        "{who} has started reporting: their name, post, supervising leader and preparation (with earlier follow-ups) stay as they are, and everything recorded at the meeting is left alone (to correct it, use the console)",
    ),
    (
        "{who}（{unit}）不在新的议程里，但已开始述责，不从议程撤下：会上记录的一切保留",
        "{who} ({unit}) is not on the new agenda, but has started reporting, so stays on it: everything recorded at the meeting is kept",
    ),
    (
        "已开始述责的述责人保持在议程中原来的位置，其余述责人按新的顺序排在其他位置",
        "Officials who have started reporting keep their places on the agenda; the others take the remaining places in the new order",
    ),
    (
        "{who}：提问「{text}」已提出或已有回答，保留不撤",
        "{who}: the question '{text}' has been asked or answered, so it stays",
    ),
    (
        "{who}：以往整改「{problem}」已在会上更新，保持会上记录的内容",
        "{who}: the earlier follow-up '{problem}' was updated at the meeting, so what was recorded there stays",
    ),
    (
        "{who}：以往整改「{problem}」的来源、提出日期的改动未应用：整改事项的更正不含这两项",
        "{who}: changes to the source and date raised of the earlier follow-up '{problem}' not applied: corrections of follow-ups do not cover these two",
    ),
    (
        "{who}：以往整改「{problem}」不在新的表里，但整改事项不能撤下：台账一直跟踪到销号；如已整改完毕，请在表中把状态改为已销号",
        "{who}: the earlier follow-up '{problem}' is not in the new sheet, but follow-ups cannot be withdrawn: the ledger follows them until they are closed; if it is done, set its status to closed in the sheet",
    ),
];

/// Everything else: files, the terminal, errors, export, themes.
const OTHER: &[(&str, &str)] = &[
    ("{folder} 不是文件夹", "{folder} is not a folder"),
    ("{file} 不是普通文件", "{file} is not a regular file"),
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
    (
        "{file} 是一个符号链接，未写入（以免写到它指向的地方）；加 --force 以导出文件替换这个链接",
        "{file} is a symbolic link: nothing written (so as not to write where it leads); add --force to replace the link with the export",
    ),
    (
        "{count} 个文件未能导出（其余 {done} 个已写入）：{failed}",
        "{count} files could not be exported (the other {done} were written): {failed}",
    ),
    ("无法写入 {file}：{why}", "Cannot write {file}: {why}"),
    (
        "生成{format}失败：{why}",
        "Could not make the {format}: {why}",
    ),
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
    use super::super::placeholders;
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
