//! The passphrase of an encrypted meeting file: asked on the terminal without echo, or read
//! from a key file only its owner can read (`--key-file`); never from the command line,
//! never written, never logged. A plain file asks for nothing.

use crate::messages::tr;
use crate::storage::{StorageError, cipher};
use anyhow::{Result, bail};
use std::path::Path;

/// Where the passphrase comes from, and how many tries the terminal gets.
#[derive(Debug, Clone, Copy)]
pub struct Asking<'a> {
    pub key_file: Option<&'a Path>,
    pub tries: u32,
}

/// When `db` is encrypted: finds the passphrase that opens it and gives it to every
/// connection from now on. A wrong one is said plainly (the terminal gets `tries`).
pub fn unlock(db: &Path, asking: Asking) -> Result<()> {
    if !cipher::looks_encrypted(db) {
        return Ok(());
    }
    if let Some(file) = asking.key_file {
        let passphrase = read_key_file(file)?;
        if !cipher::opens_with(db, &passphrase) {
            return Err(StorageError::WrongPassphrase(db.to_path_buf()).into());
        }
        cipher::use_passphrase(Some(passphrase));
        return Ok(());
    }
    if !can_ask() {
        return Err(StorageError::Encrypted(db.to_path_buf()).into());
    }
    // Raw from the first prompt to the last: keys typed ahead are never echoed.
    let raw = Raw::on()?;
    for attempt in 1..=asking.tries.max(1) {
        let passphrase = ask(&tr!(
            "会议文件 {db} 已加密，请输入口令：",
            "The meeting file {db} is encrypted. Passphrase: ",
            db = db.display()
        ))?;
        if cipher::opens_with(db, &passphrase) {
            cipher::use_passphrase(Some(passphrase));
            return Ok(());
        }
        let left = asking.tries.saturating_sub(attempt);
        if left > 0 {
            raw.line(&tr!(
                "口令不对，请再试（还有 {left} 次）",
                "Wrong passphrase, try again ({left} left)",
                left = left
            ));
        }
    }
    drop(raw);
    Err(StorageError::WrongPassphrase(db.to_path_buf()).into())
}

/// A new passphrase (a file being encrypted, or rekeyed): from the key file, or typed twice
/// on the terminal.
pub fn new_passphrase(key_file: Option<&Path>) -> Result<String> {
    if let Some(file) = key_file {
        return read_key_file(file);
    }
    if !can_ask() {
        bail!(tr!(
            "没有终端可以输入新口令：请在终端运行，或用 --key-file 指定口令文件",
            "No terminal to type a new passphrase on: run this at a terminal, or name a key file with --key-file"
        ));
    }
    let _raw = Raw::on()?;
    let first = ask(&tr!("新口令：", "New passphrase: "))?;
    if first.is_empty() {
        bail!(tr!(
            "口令不能为空，未作改动",
            "The passphrase cannot be empty; nothing was changed"
        ));
    }
    let again = ask(&tr!("再输入一次新口令：", "The new passphrase again: "))?;
    if first != again {
        bail!(tr!(
            "两次输入的口令不同，未作改动",
            "The two passphrases differ; nothing was changed"
        ));
    }
    Ok(first)
}

/// The passphrase in a key file: the whole file but its last line break. Refused when
/// anyone but its owner may read it, or when it is not this user's.
pub fn read_key_file(file: &Path) -> Result<String> {
    let Ok(metadata) = std::fs::metadata(file) else {
        bail!(tr!(
            "找不到口令文件 {file}",
            "Key file not found: {file}",
            file = file.display()
        ));
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if metadata.mode() & 0o077 != 0 {
            bail!(tr!(
                "口令文件 {file} 的权限是 {mode}，别人也能读，不使用。请改为只有自己能读：chmod 600 {file}",
                "The key file {file} has mode {mode}: others can read it, so it is not used. Make it yours only: chmod 600 {file}",
                file = file.display(),
                mode = format!("{:04o}", metadata.mode() & 0o7777)
            ));
        }
        if metadata.uid() != nix::unistd::geteuid().as_raw() {
            bail!(tr!(
                "口令文件 {file} 不属于当前用户，不使用",
                "The key file {file} belongs to another user, so it is not used",
                file = file.display()
            ));
        }
    }
    let _ = &metadata;
    let bytes = crate::files::read_regular(file).map_err(|err| {
        anyhow::anyhow!(tr!(
            "无法读取口令文件 {file}：{why}",
            "Cannot read the key file {file}: {why}",
            file = file.display(),
            why = err
        ))
    })?;
    let Ok(text) = String::from_utf8(bytes) else {
        bail!(tr!(
            "口令文件 {file} 不是 UTF-8 文字",
            "The key file {file} is not UTF-8 text",
            file = file.display()
        ));
    };
    let passphrase = text
        .strip_suffix('\n')
        .map(|t| t.strip_suffix('\r').unwrap_or(t))
        .unwrap_or(&text);
    if passphrase.is_empty() {
        bail!(tr!(
            "口令文件 {file} 是空的",
            "The key file {file} is empty",
            file = file.display()
        ));
    }
    Ok(passphrase.to_string())
}

fn can_ask() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal()
}

/// The terminal in raw mode (nothing typed is echoed) while this lives.
struct Raw;

impl Raw {
    fn on() -> Result<Raw> {
        crossterm::terminal::enable_raw_mode()?;
        Ok(Raw)
    }

    /// A line on standard error, which in raw mode needs its carriage return.
    fn line(&self, text: &str) {
        use std::io::Write as _;
        let _ = write!(
            std::io::stderr(),
            "{}\r\n",
            crate::clean::for_terminal(text)
        );
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// Reads a line from the terminal (in raw mode: nothing is echoed).
fn ask(prompt: &str) -> Result<String> {
    use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, read};
    use std::io::Write as _;
    let mut err = std::io::stderr();
    let _ = write!(err, "{prompt}");
    let _ = err.flush();
    let mut typed = String::new();
    let finished = loop {
        let key = match read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => key,
            Ok(Event::Paste(text)) => {
                typed.push_str(&text);
                continue;
            }
            Ok(_) => continue,
            Err(err) => break Err(err),
        };
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => break Ok(true),
            // A line feed (Ctrl-J) ends the line too.
            KeyCode::Char('j') if control => break Ok(true),
            KeyCode::Esc => break Ok(false),
            KeyCode::Char('c' | 'd') if control => break Ok(false),
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Char(_) if control => {}
            KeyCode::Char(c) => typed.push(c),
            _ => {}
        }
    };
    let _ = write!(err, "\r\n");
    match finished? {
        true => Ok(typed),
        false => bail!(tr!("未输入口令，已取消", "No passphrase given; cancelled")),
    }
}
