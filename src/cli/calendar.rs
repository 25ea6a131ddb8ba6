//! The holiday calendar in use: the shipped one, with the user's own file
//! (`~/.config/shuze/holidays.toml`) added on top, installed once before anything counts.

use crate::domain::workdays::{self, Calendar, CalendarError};
use crate::messages::tr;
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

/// The user's holiday file, whether or not it exists.
pub fn user_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "shuze").map(|d| d.config_dir().join("holidays.toml"))
}

/// Reads the user's file (when there is one) over the shipped calendar and installs it; a
/// file that cannot be read or is wrong stops the program, naming the file and the entry.
pub fn install() -> Result<()> {
    let mut calendar = Calendar::shipped();
    if let Some(path) = user_file().filter(|p| p.exists()) {
        add_file(&mut calendar, &path)?;
    }
    workdays::install(calendar);
    Ok(())
}

fn add_file(calendar: &mut Calendar, path: &Path) -> Result<()> {
    let file = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => bail!(tr!(
            "无法读取节假日文件 {file}：{err}",
            "Cannot read the holiday file {file}: {err}",
            file = file,
            err = err
        )),
    };
    let Err(err) = calendar.add(&text) else {
        return Ok(());
    };
    let why = match err {
        CalendarError::Layout(message) => tr!(
            "格式不对（{message}）",
            "not in the expected layout ({message})",
            message = message
        ),
        CalendarError::BadDate {
            entry,
            field,
            value,
        } => tr!(
            "第 {entry} 个 [[holiday]] 的 {field} 「{value}」 不是日期：应写成 2027-02-05 这样的年-月-日",
            "[[holiday]] number {entry}: {field} '{value}' is not a date: write it as a year-month-day like 2027-02-05",
            entry = entry,
            field = field,
            value = value
        ),
        CalendarError::Backwards { entry } => {
            tr!(
                "第 {entry} 个 [[holiday]] 的 to 早于 from",
                "[[holiday]] number {entry}: to is before from",
                entry = entry
            )
        }
    };
    bail!(tr!(
        "节假日文件 {file} 有误，未启动：{why}。改正或移走这个文件后再试",
        "The holiday file {file} is wrong, so shuze did not start: {why}. Correct or move the file, then try again",
        file = file,
        why = why
    ))
}
