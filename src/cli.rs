//! Command line: `shuze [DB]` runs the console, `shuze import FILE` loads a preparation
//! (TOML, XLSX or a CSV folder), `shuze template` writes the workbook to fill in and
//! `shuze export-prep` writes a meeting's preparation back out.

mod chinese;
pub mod english;

use crate::export::{Fonts, Format, Kind, PageNumbers};

/// `println!` that never panics: the terminal may be gone (a closed window) by the time the
/// last line is written, and the words are already saved. Control characters from the data
/// are shown as escapes (`clean::for_terminal`), never sent to the terminal.
macro_rules! say {
    ($line:expr) => {{
        use std::io::Write as _;
        let line: String = $line;
        let _ = writeln!(std::io::stdout(), "{}", crate::clean::for_terminal(&line));
    }};
}

/// `eprintln!` that never panics, with control characters shown as escapes like `say!`.
macro_rules! warn {
    ($line:expr) => {{
        use std::io::Write as _;
        let line: String = $line;
        let _ = writeln!(std::io::stderr(), "{}", crate::clean::for_terminal(&line));
    }};
}
mod calendar;
mod converting;
mod exporting;
mod secret;
mod verifying;

use crate::labels::Lang;
use crate::lock::RecorderLock;
use crate::messages::tr;
use crate::session::Session;
use crate::storage::Store;
use crate::ui::{Borders, Registry};
use crate::{files, prep, tui};
use anyhow::{Context, Result, bail};
use chrono::Utc;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use exporting::{export, export_prep, warn_of_changed_schema, warn_of_invalid_text};
use std::path::{Path, PathBuf};

/// 述责述廉会议记录控制台：逐位述责、记录回答、点评、测评和问题清单，随打随存入本地 SQLite。
#[derive(Debug, Parser)]
#[command(name = "shuze", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Commands>,
    /// 会议数据库（SQLite 文件）。省略时打开示例会议的工作副本。
    db: Option<PathBuf>,
    /// 打开指定编号的会议（默认：最近一场未结束的会议）。
    #[arg(long)]
    meeting: Option<i64>,
    /// 界面语言：zh（中文）或 en（英文）；省略时随 LANG。
    #[arg(long, value_enum, global = true)]
    lang: Option<Lang>,
    /// 重新开始示例：旧的工作副本改名保留，换上一份新的示例会议。
    #[arg(long)]
    reset_sample: bool,
    /// 栏目边框：none（色条，默认）、ascii（+-|）或 line（制表符，仅限把制表符显示为单宽的终端）。
    #[arg(long, value_enum)]
    borders: Option<Borders>,
    /// 歧义宽度字符（“ ” … · 等）占几格：narrow（一格）或 wide（两格，xterm -cjk_width 等中文设置）。省略时启动时询问终端。
    #[arg(long, value_enum, global = true)]
    ambiguous: Option<crate::ui::text::Ambiguous>,
    /// 加密会议文件的口令文件（只许本人读写，权限 600）；省略时在终端输入口令。口令从不写在命令行上。
    #[arg(long, value_name = "PATH", global = true)]
    key_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Commands {
    /// 导入会议准备（Excel 工作簿 .xlsx、CSV 文件夹或 TOML 准备文件），新建一场会议。
    Import {
        /// 准备文件：.xlsx 工作簿、放 CSV 文件的文件夹，或 .toml 准备文件。
        file: PathBuf,
        /// 写入的数据库；省略时为准备文件同名的 .db 文件。
        #[arg(long)]
        db: Option<PathBuf>,
        /// 把修改过的准备应用到数据库中已有的会议：增、改、撤都记为带日期的更正，会上记录的内容一概不动。
        #[arg(long)]
        update: bool,
        /// 与 --update 一起：要更新的会议编号（默认：同名同日期的会议；没有同名同日期的会议时必须指明）。
        #[arg(long, requires = "update")]
        meeting: Option<i64>,
        /// 与 --update 一起：不再询问，直接应用。
        #[arg(long, requires = "update")]
        yes: bool,
        /// 工作簿中隐藏的行（手动隐藏或被筛选隐藏）也导入；默认不导入并列出这些行。
        #[arg(long)]
        include_hidden: bool,
        /// 新建加密的会议文件（SQLCipher）：在终端输入两次口令，或用 --key-file。
        #[arg(long, conflicts_with = "update")]
        encrypt: bool,
    },
    /// 生成准备用的 Excel 模板（每类内容一张表，附两行示例），或同样内容的 CSV 文件夹。
    Template {
        /// 输出：.xlsx 文件，或（--format csv 时）文件夹。
        #[arg(short, long, default_value = "准备.xlsx")]
        output: PathBuf,
        /// xlsx（Excel 工作簿，默认）或 csv（每张表一个 UTF-8 CSV 文件）。
        #[arg(long, value_enum, default_value_t = prep::TemplateFormat::Xlsx)]
        format: prep::TemplateFormat,
        /// 覆盖已存在的文件。
        #[arg(long)]
        force: bool,
    },
    /// 把一场会议的准备内容写回 .xlsx、.toml 或 CSV 文件夹，可修改后作为下一场导入。
    ExportPrep {
        /// 会议数据库；省略时为示例会议的工作副本。
        db: Option<PathBuf>,
        /// 会议编号（默认：最近一场未结束的会议）。
        #[arg(long)]
        meeting: Option<i64>,
        /// 输出：FILE.xlsx、FILE.toml，或文件夹（CSV）。
        #[arg(short, long)]
        output: PathBuf,
        /// 覆盖已存在的文件。
        #[arg(long)]
        force: bool,
    },
    /// 导出会议记录、会议纪要和整改台账（Word、网页、Markdown、JSON、Excel、CSV）。
    Export(ExportArgs),
    /// 观众画面：在投影用的第二个终端里只读地跟随记录人的控制台（不显示私人备注和按键说明）。
    Present {
        /// 会议数据库；省略时为示例会议的工作副本。
        db: Option<PathBuf>,
        /// 会议编号（默认：最近一场未结束的会议）。
        #[arg(long)]
        meeting: Option<i64>,
        /// 同时显示正在记录的回答。
        #[arg(long)]
        answers: bool,
    },
    /// 年度报告：各单位历年测评、当年整改问题的完成情况和完成率（Word 和带图表的 Excel）。
    Report {
        /// 会议数据库。
        db: PathBuf,
        /// 年份。
        #[arg(long)]
        year: i32,
        /// 写入的文件夹（默认：数据库所在的文件夹）。
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 覆盖已有的文件。
        #[arg(long)]
        force: bool,
    },
    /// 生成演示用的会议文件（固定内容），用于测量启动时间和内存：county 为一个县十年的会议。
    DemoData {
        /// 规模：county（40 场会议，约 50 MB）或 small（1 场）。
        #[arg(long, value_enum, default_value_t = crate::demo::Scale::County)]
        scale: crate::demo::Scale,
        /// 新文件的路径（不能已存在）。
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 散会：记下会议结束的时间（此后导出的记录不再是草稿；此后的修改注明为会后补记）。
    Finish {
        /// 会议数据库。
        db: PathBuf,
        /// 会议编号（默认：最近一场未结束的会议）。
        #[arg(long)]
        meeting: Option<i64>,
        /// 不再询问，直接散会。
        #[arg(long)]
        yes: bool,
    },
    /// 列出数据库中的会议及其编号。
    Meetings {
        /// 会议数据库。
        db: PathBuf,
    },
    /// 核验记录：逐项检查散列链和各表，说明记录完整（附最后的散列），或指出在程序之外被改、加、删的项和行；列出每次导出。
    Verify {
        /// 会议数据库。
        db: PathBuf,
    },
    /// 加密一个未加密的会议文件（写成新文件，完成后才替换原文件）。
    Encrypt {
        /// 会议数据库。
        db: PathBuf,
    },
    /// 把加密的会议文件解密，写成一个新的未加密文件。
    Decrypt {
        /// 加密的会议数据库。
        db: PathBuf,
        /// 新的未加密文件（不能已存在）。
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 更换加密会议文件的口令（写成新文件，完成后才替换原文件）。
    Rekey {
        /// 加密的会议数据库。
        db: PathBuf,
        /// 新口令的口令文件（权限 600）；省略时在终端输入两次新口令。旧口令照常用 --key-file 或在终端输入。
        #[arg(long, value_name = "PATH")]
        new_key_file: Option<PathBuf>,
    },
    /// 显示一个抢救文件（数据库没能存下的文字）的内容；加密会议的抢救文件要输入口令。
    Rescue {
        /// 抢救文件（….rescue-….txt 或 ….rescue-….sealed）。
        file: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// 会议数据库；省略时为示例会议的工作副本。
    db: Option<PathBuf>,
    /// 会议编号（默认：最近一场未结束的会议）。
    #[arg(long)]
    meeting: Option<i64>,
    /// record（会议记录）、summary（会议纪要）或 ledger（整改台账）。
    #[arg(long, value_enum, required_unless_present = "all")]
    kind: Option<Kind>,
    /// docx、html、md、json（记录、纪要）；xlsx、csv（台账）；docx（默认）或 xlsx（抄告）。
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// 输出文件（默认：数据库旁，以日期和种类命名）。
    #[arg(short, long, conflicts_with = "all")]
    output: Option<PathBuf>,
    /// 把所有种类、所有格式写入此文件夹。
    #[arg(long, value_name = "DIR", conflicts_with_all = ["kind", "format"])]
    all: Option<PathBuf>,
    /// 包含记录人的私人备注（默认不导出）。
    #[arg(long)]
    include_notes: bool,
    /// 在会议记录中附上回答和点评的修改记录。
    #[arg(long)]
    revisions: bool,
    /// 覆盖已存在的文件。
    #[arg(long)]
    force: bool,
    /// Word 文件使用的字体名：gb2312（仿宋_GB2312 等）或 windows（仿宋、楷体）。
    #[arg(long, value_enum, default_value_t = Fonts::Gb2312)]
    fonts: Fonts,
    /// Word 文件的页码位置：centred（居中，默认）或 outside（单页居右、双页居左）。
    #[arg(long, value_enum, default_value_t = PageNumbers::Centred)]
    page_numbers: PageNumbers,
    /// 会议纪要的期号（第 N 期）；省略时用准备表「会议信息」里的期号。
    #[arg(long, value_name = "N")]
    issue: Option<u32>,
    /// 会议纪要的发文机关，印在版头和印发栏，如「中共某县纪委办公室」；省略时用准备表里的。
    #[arg(long, value_name = "机关")]
    office: Option<String>,
    /// 密级标志（印在 Word、网页的页眉，Markdown 的第一行，JSON 的 mark，Excel 的打印页眉）；省略时用准备表里的，再省略为「内部资料 注意保存」。
    #[arg(long, value_name = "TEXT")]
    mark: Option<String>,
}

impl Cli {
    /// Reads the command line, with `--help` in the language asked for (`--lang`, else
    /// `LANG`).
    pub fn from_command_line() -> Cli {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let mut command = Cli::command();
        let lang = english::asked_for(&args, |name| std::env::var(name).ok());
        crate::messages::set_language(lang);
        command = match lang {
            Lang::En => english::english(command),
            Lang::Zh => chinese::chinese(command),
        };
        let matches = command.clone().get_matches_from(args);
        let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
        // The console's own arguments mean nothing to a command; `--lang` and `--ambiguous`
        // go with either, before or after the command's name.
        if cli.command.is_some() {
            let console_only = ["db", "meeting", "reset_sample", "borders"];
            if let Some(given) = console_only
                .iter()
                .find(|id| matches.value_source(id) == Some(clap::parser::ValueSource::CommandLine))
            {
                let name = matches.subcommand_name().unwrap_or_default().to_string();
                command
                    .error(
                        clap::error::ErrorKind::ArgumentConflict,
                        tr!(
                            "控制台的参数 {argument} 不能与命令 {command} 同用，请去掉", "The console's argument {argument} does not go with the command {command}: leave it out",
                            argument = format!("--{}", given.replace('_', "-")),
                            command = name
                        ),
                    )
                    .exit();
            }
        }
        cli
    }

    /// The interface language: `--lang`, else the environment's.
    pub fn lang(&self) -> Lang {
        self.lang
            .unwrap_or_else(|| english::from_environment(|name| std::env::var(name).ok()))
    }
}

/// The sample meeting's database, built from `sample-db/sample.toml`.
const SAMPLE_DB: &[u8] = include_bytes!("../sample-db/sample.db");

pub fn run(cli: Cli) -> Result<()> {
    files::keep_created_files_private();
    let lang = cli.lang();
    crate::messages::set_language(lang);
    if let Some(mode) = cli.ambiguous {
        crate::ui::text::force_ambiguous(mode);
    }
    let key_file = cli.key_file.as_deref();
    // A command asks once; the console and the audience view, where someone sits at the
    // terminal, three times.
    let once = secret::Asking { key_file, tries: 1 };
    let thrice = secret::Asking { key_file, tries: 3 };
    calendar::install()?;
    match cli.command {
        Some(Commands::Import {
            file,
            db,
            update: true,
            meeting,
            yes,
            ..
        }) => import_update(&file, db, meeting, yes, once),
        Some(Commands::Import {
            file,
            db,
            include_hidden,
            encrypt,
            ..
        }) => import(&file, db, include_hidden, encrypt, once),
        Some(Commands::Export(args)) => export(args, once),
        Some(Commands::Template {
            output,
            format,
            force,
        }) => {
            for path in prep::write_template(&output, format, force)? {
                say!(written_line(&path));
            }
            say!(tr!(
                "填好后导入：shuze import {file}",
                "Fill it in, then import it: shuze import {file}",
                file = output.display()
            ));
            Ok(())
        }
        Some(Commands::ExportPrep {
            db,
            meeting,
            output,
            force,
        }) => export_prep(db, meeting, &output, force, once),
        Some(Commands::Meetings { db }) => {
            secret::unlock(&db, once)?;
            list_meetings(&db)
        }
        Some(Commands::Verify { db }) => {
            secret::unlock(&db, once)?;
            verifying::verify(&db)
        }
        Some(Commands::Finish { db, meeting, yes }) => {
            secret::unlock(&db, once)?;
            finish(&db, meeting, yes)
        }
        Some(Commands::Encrypt { db }) => converting::encrypt(&db, key_file),
        Some(Commands::Decrypt { db, output }) => converting::decrypt(&db, &output, once),
        Some(Commands::Rekey { db, new_key_file }) => {
            converting::rekey(&db, once, new_key_file.as_deref())
        }
        Some(Commands::Rescue { file }) => converting::show_rescue(&file, thrice),
        Some(Commands::Report {
            db,
            year,
            output,
            force,
        }) => {
            secret::unlock(&db, once)?;
            exporting::year_report(&db, year, output, force)
        }
        Some(Commands::DemoData { scale, output }) => {
            let store = crate::demo::write(&output, scale).with_context(|| {
                tr!(
                    "无法写入演示文件 {file}",
                    "Cannot write the demo file {file}",
                    file = output.display()
                )
            })?;
            let meetings = store.meetings()?.len();
            say!(tr!(
                "已写入演示文件 {file}（{meetings} 场会议）",
                "Wrote the demo file {file} ({meetings} meetings)",
                file = output.display(),
                meetings = meetings
            ));
            Ok(())
        }
        Some(Commands::Present {
            db,
            meeting,
            answers,
        }) => {
            let db = match db {
                Some(db) => db,
                None => sample_working_copy(false)?,
            };
            secret::unlock(&db, thrice)?;
            // Through another name it would read the file without the recorder's log.
            RecorderLock::refuse_other_names(&db)?;
            let shown = crate::present::run(
                &db,
                meeting,
                lang,
                answers,
                &themes(cli.borders),
                &log_path(),
            );
            // Said on the recorder's terminal once the view ends, never on the projector.
            if let Ok(store) = Store::open_read_only(&db) {
                warn_of_changed_schema(&store);
            }
            shown
        }
        None => console(&cli, thrice),
    }
}

fn import(
    file: &Path,
    db: Option<PathBuf>,
    include_hidden: bool,
    encrypt: bool,
    asking: secret::Asking,
) -> Result<()> {
    let db = db.unwrap_or_else(|| file.with_extension("db"));
    let created = db.symlink_metadata().is_err();
    if !created {
        if encrypt {
            bail!(tr!(
                "{db} 已存在：--encrypt 只用于新建的会议文件；已有的文件请用 `shuze encrypt {db}` 加密",
                "{db} exists: --encrypt is for a new meeting file; encrypt an existing one with `shuze encrypt {db}`",
                db = db.display()
            ));
        }
        secret::unlock(&db, asking)?;
        RecorderLock::refuse_other_names(&db)?;
    }
    // Read and checked before the database is touched; warnings shown either way.
    let preparation = prep::read_file_with(file, prep::ReadOptions { include_hidden })?;
    for warning in &preparation.warnings {
        warn!(hint(file, warning));
    }
    if encrypt {
        crate::storage::cipher::use_passphrase(Some(secret::new_passphrase(asking.key_file)?));
    }
    let mut store = Store::create_or_open(&db)?;
    let known = store.known_follow_ups(&preparation.prepared)?;
    let id = match prep::import_preparation(file, &preparation, &mut store, Utc::now()) {
        Ok(id) => id,
        Err(err) => {
            // A new file that did not get its meeting is not left behind.
            if created {
                drop(store);
                crate::storage::remove_database_files(&db);
            }
            return Err(err.into());
        }
    };
    let meeting = store.meeting(id)?;
    let officials = store.agenda(id)?.len();
    say!(tr!(
        "已导入「{title}」（会议编号 {id}，述责人 {officials} 位）到 {db}",
        "Imported '{title}' (meeting {id}, {officials} officials) into {db}",
        title = meeting.title,
        id = id,
        officials = officials,
        db = db.display()
    ));
    say!(counted(&preparation.prepared));
    if known > 0 {
        say!(tr!(
            "以往整改 {known} 项已在本文件中（按整改标识找到），沿用原来的事项，未重复添加",
            "{known} earlier follow-ups are already in this file (found by their identity): the same follow-ups carry on, none added twice",
            known = known
        ));
    }
    Ok(())
}

/// Every kind of row a preparation brought, counted: what the clerk checks against the
/// tables they sent.
fn counted(prepared: &prep::PreparedMeeting) -> String {
    let officials = &prepared.officials;
    let sum =
        |count: fn(&prep::PreparedOfficial) -> usize| officials.iter().map(count).sum::<usize>();
    tr!(
        "共导入：述责人 {officials} 位，责任事项 {duties} 项，廉政风险点 {risks} 个（防控措施 {measures} 条，制度依据 {rules} 条），提问 {questions} 个，以往整改 {follow_ups} 项，出席人员 {attendees} 位",
        "Imported: {officials} officials, {duties} duty items, {risks} risk points ({measures} measures, {rules} rules), {questions} questions, {follow_ups} earlier follow-ups, {attendees} attendees",
        officials = officials.len(),
        duties = sum(|o| o.duty_items.len()),
        risks = sum(|o| o.risk_points.len()),
        measures = sum(|o| o.risk_points.iter().map(|r| r.measures.len()).sum()),
        rules = sum(|o| o.risk_points.iter().map(|r| r.rules.len()).sum()),
        questions = sum(|o| o.questions.len()),
        follow_ups = sum(|o| o.earlier_follow_ups.len()),
        attendees = prepared.attendees.len()
    ) + &portrait_counted(officials)
}

/// The portraits' findings and the reminder talks a preparation brought, when it brought any.
fn portrait_counted(officials: &[prep::PreparedOfficial]) -> String {
    let findings: usize = officials.iter().map(|o| o.portrait.len()).sum();
    let talks: usize = officials.iter().map(|o| o.talks.len()).sum();
    if findings + talks == 0 {
        return String::new();
    }
    tr!(
        "，政治画像问题 {findings} 条，提醒谈话 {talks} 次",
        ", {findings} portrait findings, {talks} reminder talks",
        findings = findings,
        talks = talks
    )
}

/// `shuze import FILE --update`: shows what the changed preparation will change in a
/// meeting already in the file, asks, and applies it as dated corrections.
fn import_update(
    file: &Path,
    db: Option<PathBuf>,
    meeting: Option<i64>,
    yes: bool,
    asking: secret::Asking,
) -> Result<()> {
    let db = db.unwrap_or_else(|| file.with_extension("db"));
    if db.symlink_metadata().is_err() {
        bail!(tr!(
            "{db} 不存在：--update 只更新已导入的会议；新会议请不加 --update 导入",
            "{db} does not exist: --update only updates a meeting already imported; import a new meeting without --update",
            db = db.display()
        ));
    }
    let preparation = prep::read_file(file)?;
    for warning in &preparation.warnings {
        warn!(hint(file, warning));
    }
    secret::unlock(&db, asking)?;
    RecorderLock::refuse_other_names(&db)?;
    let mut store = Store::open(&db)?;
    let meeting = match meeting {
        Some(id) => store.meeting(id)?.id,
        None => {
            let header = &preparation.prepared.meeting;
            let same = store
                .meetings()?
                .into_iter()
                .find(|m| m.meeting.title == header.title && m.meeting.held_on == header.held_on);
            // A workbook of another meeting is never applied to whichever is open.
            match same {
                Some(listing) => listing.meeting.id,
                None => bail!(tr!(
                    "数据库中没有「{title}」（{date}）这场会议：准备表的会议名称或日期与已导入的会议不同，未更新。\
                     如确是同一场会议，请加 --meeting 编号指明（编号见 shuze meetings {db}）",
                    "The file has no meeting '{title}' ({date}): the preparation's meeting name or date differs from the meetings imported, so nothing was updated. If it is the same meeting, name it with --meeting N (the numbers: shuze meetings {db})",
                    title = header.title,
                    date = header.held_on,
                    db = db.display()
                )),
            }
        }
    };
    // No console may be recording the meeting while its preparation changes under it.
    let _lock = RecorderLock::acquire(&db, meeting, &store)?;
    let title = store.meeting(meeting)?.title;
    let update = prep::plan_update(&store, meeting, &preparation)?;
    say!(tr!(
        "更新会议「{title}」（编号 {meeting}）：",
        "Updating the meeting '{title}' (number {meeting}):",
        title = title,
        meeting = meeting
    ));
    for step in &update.steps {
        say!(format!("  · {}", step.describe()));
    }
    for kept in &update.not_applied {
        say!(tr!(
            "  未应用：{kept}",
            "  Not applied: {kept}",
            kept = kept
        ));
    }
    if update.steps.is_empty() {
        say!(tr!(
            "没有可应用的改动，数据库未作改动。",
            "Nothing to apply; the database is unchanged."
        ));
        return Ok(());
    }
    if !yes {
        use std::io::{BufRead, Write as _};
        print!(
            "{}",
            tr!(
                "应用以上 {n} 处改动？[y/N] ",
                "Apply the {n} changes above? [y/N] ",
                n = update.steps.len()
            )
        );
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "是") {
            say!(tr!("未作改动。", "Nothing changed."));
            return Ok(());
        }
    }
    prep::apply_update(&mut store, &update, Utc::now())?;
    say!(tr!(
        "已应用 {n} 处改动（均记为更正，原内容保留）。",
        "Applied {n} changes (each recorded as a correction; what was there before is kept).",
        n = update.steps.len()
    ));
    Ok(())
}

/// `shuze finish`: records 散会 after saying who has not reported, as the console's `E`
/// does. Refused while a console records the meeting (its recorder ends it there).
fn finish(db: &Path, meeting: Option<i64>, yes: bool) -> Result<()> {
    use crate::labels::Named;
    use std::io::{BufRead, IsTerminal};
    Store::refuse_what_is_not_ours(db)?;
    RecorderLock::refuse_other_names(db)?;
    let mut store = Store::open(db)?;
    let meeting = match meeting {
        Some(id) => store.meeting(id)?.id,
        None => store.default_meeting()?,
    };
    let _lock = RecorderLock::acquire(db, meeting, &store)?;
    let header = store.meeting(meeting)?;
    let lang = crate::messages::language();
    if let Some(at) = header.finished_at {
        bail!(crate::labels::already_finished(lang, at));
    }
    let now = Utc::now();
    let not_done: Vec<String> = store
        .agenda(meeting)?
        .iter()
        .filter(|s| {
            !matches!(
                s.stage,
                crate::domain::Stage::Done | crate::domain::Stage::Skipped
            )
        })
        .map(|s| {
            tr!(
                "{name}（{stage}）",
                "{name} ({stage})",
                name = s.name,
                stage = s.stage.name(lang)
            )
        })
        .collect();
    warn_of_invalid_text(&store);
    say!(tr!("「{title}」", "'{title}'", title = header.title));
    say!(crate::labels::finish_confirm(lang, now, &not_done));
    if !yes {
        if !std::io::stdin().is_terminal() {
            bail!(tr!(
                "没有终端可以确认：确认散会请加 --yes",
                "No terminal to confirm on: add --yes to end the meeting"
            ));
        }
        say!(tr!(
            "输入 y 确认散会，其他任何输入取消：",
            "Type y to end the meeting, anything else to cancel:"
        ));
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "是") {
            say!(tr!(
                "未散会，未作改动。",
                "The meeting was not ended; nothing changed."
            ));
            return Ok(());
        }
    }
    store.finish_meeting(meeting, now)?;
    say!(crate::labels::finished(lang, now));
    Ok(())
}

/// Reads only: listing never changes a file, not even a shuze file's journal mode.
fn list_meetings(db: &Path) -> Result<()> {
    RecorderLock::refuse_other_names(db)?;
    let store = Store::open_read_only(db)?;
    warn_of_changed_schema(&store);
    for listing in store.meetings()? {
        let m = &listing.meeting;
        let state = if listing.is_finished() {
            tr!("已结束", "ended")
        } else {
            tr!("进行中", "in progress")
        };
        say!(tr!(
            "{id}  {date}  {title}  {done}/{officials} 位已完成  {state}",
            "{id}  {date}  {title}  {done}/{officials} officials done  {state}",
            id = format!("{:>4}", m.id),
            date = m.held_on,
            title = m.title,
            done = listing.closed_slots,
            officials = listing.slots,
            state = state
        ));
    }
    warn_of_invalid_text(&store);
    Ok(())
}

fn console(cli: &Cli, asking: secret::Asking) -> Result<()> {
    let (path, is_sample) = match &cli.db {
        Some(path) => (path.clone(), false),
        None => (sample_working_copy(cli.reset_sample)?, true),
    };
    secret::unlock(&path, asking)?;
    Store::refuse_what_is_not_ours(&path)?;
    RecorderLock::refuse_other_names(&path)?;
    let early = lock_before_writing(&path, cli.meeting)?;
    let store = Store::open_for_console(&path)?;
    let mut session = Session::open(store, cli.meeting, cli.lang(), Utc::now())?;
    let meeting = session.console.snapshot.meeting.id;
    // A lock that turns out not to be needed is still kept until the store is closed:
    // closing its descriptor would release SQLite's own locks on the file.
    let lock = match &early {
        Some((id, _)) if *id == meeting => None,
        _ => Some(RecorderLock::acquire(&path, meeting, &session.store)?),
    };
    let held = lock.as_ref().or(early.as_ref().map(|(_, l)| l));
    if let Some(held) = held {
        held.announce(&mut session.store, meeting, Utc::now());
    }
    session.settle_in(Utc::now());
    session.rescue_folders.push(data_dir().join("rescue"));
    session.rescue_folders.push(files::temp_folder());
    session.offer_rescues();
    if let Ok(Some(warning)) = session.store.new_invalid_text_warning() {
        session.console.warn(warning);
    }
    let themes = themes(cli.borders);
    session.console.recorder.theme_names = themes.names();
    if let Some(problem) = themes.problems.first() {
        session.console.warn(problem.clone());
    }
    let ran = tui::run(&mut session, &themes, &log_path());
    let unsaved = session.unsaved_report();
    // The store closes before the locks are let go (see `RecorderLock`).
    let closed = session.close();
    if let Some(aside) = &closed.log_aside {
        warn!(crate::labels::log_set_aside(
            cli.lang(),
            &aside.display().to_string()
        ));
    }
    drop((lock, early));
    // A file no longer where it was opened is never called saved there.
    let was = path.display().to_string();
    let gone = match &closed.now_at {
        Some(now) => Some(crate::labels::db_moved(
            cli.lang(),
            &was,
            &now.display().to_string(),
        )),
        None => closed
            .gone
            .then(|| crate::labels::db_gone(cli.lang(), &was)),
    };
    let unsaved = match (unsaved, gone) {
        (Some(report), Some(gone)) => Some(format!("{gone}\n{report}")),
        (report, gone) => report.or(gone),
    };
    match (ran, unsaved) {
        (Ok(()), None) => {}
        (Ok(()), Some(report)) => bail!(report),
        (Err(err), None) => return Err(err.into()),
        // The words that are not in the database come first, whatever else went wrong.
        (Err(err), Some(report)) => bail!("{report}\n{err}"),
    }
    if is_sample {
        say!(tr!(
            "示例会议工作副本：{db}",
            "Working copy of the sample meeting: {db}",
            db = path.display()
        ));
    } else {
        say!(tr!("已保存：{db}", "Saved: {db}", db = path.display()));
    }
    Ok(())
}

/// Finds the meeting through a read-only look at the file and takes its recorder's lock
/// before the file is opened for writing: through a second name (a hard link has a log of
/// its own) nothing is written. A file that needs upgrading first is locked after opening.
fn lock_before_writing(path: &Path, meeting: Option<i64>) -> Result<Option<(i64, RecorderLock)>> {
    let Ok(store) = Store::open_read_only(path) else {
        return Ok(None);
    };
    let id = match meeting {
        Some(id) => store.meeting(id)?.id,
        None => store.meeting_to_open()?,
    };
    Ok(Some((id, RecorderLock::acquire(path, id, &store)?)))
}

/// The working copy of the sample meeting in the user's data folder, created on first use.
/// The shipped themes and the user's (`~/.config/shuze/themes/*.toml`), in the colours and
/// borders this terminal can show.
fn themes(borders: Option<Borders>) -> Registry {
    let user =
        directories::ProjectDirs::from("", "", "shuze").map(|d| d.config_dir().join("themes"));
    let mut registry = Registry::load(user.as_deref());
    if !crate::ui::theme::truecolor_terminal() {
        registry = registry.in_256_colours();
    }
    match borders {
        Some(borders) => registry.with_borders(borders),
        None => registry,
    }
}

/// Where the details of an internal error go.
fn log_path() -> PathBuf {
    data_dir()
        .join("logs")
        .join(format!("shuze-{}.log", Utc::now().format("%Y%m%d-%H%M%S")))
}

/// The user's data folder for shuze (the sample's working copy, logs).
fn data_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "shuze")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("shuze"))
}

fn sample_working_copy(reset: bool) -> Result<PathBuf> {
    let dir = data_dir();
    files::create_private_dir(&dir).with_context(|| {
        tr!(
            "无法创建数据目录 {folder}",
            "Cannot create the data folder {folder}",
            folder = dir.display()
        )
    })?;
    let path = dir.join("sample-working.db");
    if reset && path.exists() {
        let kept = dir.join(format!(
            "sample-working-{}.db",
            Utc::now().format("%Y%m%d-%H%M%S")
        ));
        std::fs::rename(&path, &kept)?;
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", path.display()));
            if side.exists() {
                std::fs::rename(&side, format!("{}{suffix}", kept.display()))?;
            }
        }
        warn!(tr!(
            "旧的工作副本已改名保留：{file}",
            "The old working copy was kept under a new name: {file}",
            file = kept.display()
        ));
    }
    if !path.exists() {
        files::write_private(&path, SAMPLE_DB).with_context(|| {
            tr!(
                "无法写入示例工作副本 {file}",
                "Cannot write the sample's working copy {file}",
                file = path.display()
            )
        })?;
        // A copy of its own: the rescues of an earlier copy are never offered to it.
        Store::open(&path)?.renew_file_id()?;
    }
    if !path.is_file() {
        bail!(tr!(
            "{file} 不是文件",
            "{file} is not a file",
            file = path.display()
        ));
    }
    Ok(path)
}

/// "Written: FILE", for each file a command writes.
fn written_line(path: &Path) -> String {
    tr!("已写入：{file}", "Written: {file}", file = path.display())
}

/// A warning of the preparation checker, with its place.
fn hint(file: &Path, warning: &prep::Problem) -> String {
    tr!(
        "{place}: 提示: {message}",
        "{place}: note: {message}",
        place = warning.place(file),
        message = warning.message
    )
}
