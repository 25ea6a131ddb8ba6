//! Rescue files: typed text the database could not take (a full disk, a broken file), kept
//! as plain text where there is room, and found again when the meeting is next opened.
//!
//! A rescue file starts with four `#` lines naming the database, the text and the time, so
//! a file found in the data folder or the temporary folder is matched to its database.
//!
//! The rescues of an encrypted meeting are sealed with its passphrase (`….sealed`, a small
//! SQLCipher file, `storage::cipher::seal`): nothing of the meeting is written in plain text.

use crate::domain::Id;
use crate::files;
use crate::storage::cipher;
use crate::view::TextTarget;
use chrono::{DateTime, Utc};
use std::io;
use std::path::{Path, PathBuf};

const MAGIC: &str = "# shuze 未保存的文字 (unsaved text)";

/// The meeting a rescued text belongs to: the file's own identity (a random id written
/// into it when it was created, kept by its copies, not by another file given its name)
/// and the meeting's id in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub file: String,
    pub meeting: Id,
}

/// One rescued text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rescue {
    /// The database the text belongs to, as an absolute path (for the reader, and the
    /// file's name).
    pub db: PathBuf,
    /// Whose it is; `None` in a file written before rescues carried it (never offered).
    pub owner: Option<Owner>,
    pub target: TextTarget,
    pub saved_at: DateTime<Utc>,
    pub body: String,
}

impl Rescue {
    pub fn to_text(&self) -> String {
        let owner = match &self.owner {
            Some(owner) => format!("# of: {} {}\n", owner.file, owner.meeting),
            None => String::new(),
        };
        format!(
            "{MAGIC}\n# db: {}\n{owner}# target: {}\n# saved: {}\n{}",
            self.db.display(),
            encode(self.target),
            self.saved_at.to_rfc3339(),
            self.body
        )
    }

    /// Reads a rescue file's text; `None` for anything else.
    pub fn parse(text: &str) -> Option<Rescue> {
        let (head, text) = text.split_once('\n')?;
        let (db, mut text) = text.split_once('\n')?;
        if head != MAGIC {
            return None;
        }
        let db = db.strip_prefix("# db: ")?;
        let mut owner = None;
        if let Some(rest) = text.strip_prefix("# of: ") {
            let (line, after) = rest.split_once('\n')?;
            let (file, meeting) = line.split_once(' ')?;
            owner = Some(Owner {
                file: file.to_string(),
                meeting: meeting.parse().ok()?,
            });
            text = after;
        }
        let mut lines = text.splitn(3, '\n');
        let target = decode(lines.next()?.strip_prefix("# target: ")?)?;
        let saved_at = lines.next()?.strip_prefix("# saved: ")?;
        Some(Rescue {
            db: PathBuf::from(db),
            owner,
            target,
            saved_at: DateTime::parse_from_rfc3339(saved_at).ok()?.to_utc(),
            body: lines.next().unwrap_or_default().to_string(),
        })
    }
}

fn encode(target: TextTarget) -> String {
    match target {
        TextTarget::Answer { slot, question } => format!("answer {slot} {question}"),
        TextTarget::Remarks { slot } => format!("remarks {slot}"),
        TextTarget::Note { slot } => format!("note {slot}"),
        TextTarget::Closing { meeting } => format!("closing {meeting}"),
    }
}

fn decode(text: &str) -> Option<TextTarget> {
    let mut words = text.split(' ');
    let kind = words.next()?;
    let first: Id = words.next()?.parse().ok()?;
    let second: Option<Id> = words.next().and_then(|w| w.parse().ok());
    Some(match (kind, second) {
        ("answer", Some(question)) => TextTarget::Answer {
            slot: first,
            question,
        },
        ("remarks", None) => TextTarget::Remarks { slot: first },
        ("note", None) => TextTarget::Note { slot: first },
        ("closing", None) => TextTarget::Closing { meeting: first },
        _ => return None,
    })
}

/// `会议.db.1a2b3c4d.rescue-`: how the names of a database's rescue files begin, in every
/// folder. The hash of the database's whole path keeps two `会议.db` of different folders
/// apart in the shared data and temporary folders; a long name is shortened (at a
/// character) so that the whole name stays within the 255 bytes a filesystem allows.
fn prefix(db: &Path) -> String {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut cut = name.len().min(NAME_BYTES);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let hash = db
        .to_string_lossy()
        .as_bytes()
        .iter()
        .fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
        });
    format!("{}.{hash:08x}.rescue-", &name[..cut])
}

/// `会议.db.1a2b3c4d.rescue-answer-3-12.txt`: the file of a rescued text, `db` being the
/// database's identity ([`db_identity`]).
pub fn file_name(db: &Path, target: TextTarget) -> String {
    format!(
        "{}{}.{}",
        prefix(db),
        encode(target).replace(' ', "-"),
        extension()
    )
}

/// `txt`, or `sealed` while the meeting is encrypted.
fn extension() -> &'static str {
    match cipher::in_use() {
        true => "sealed",
        false => "txt",
    }
}

/// A rescue file's text: plain, or unsealed with the meeting's passphrase.
fn read_text(path: &Path) -> Option<String> {
    match path.extension().is_some_and(|e| e == "sealed") {
        true => cipher::unseal(path).ok(),
        false => std::fs::read(path)
            .ok()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
    }
}

/// The most of a database's name a rescue file's name keeps.
const NAME_BYTES: usize = 150;
/// A rescue file larger than this is not ours (a meeting's answer is far smaller).
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The database's path as rescue files name it: absolute, links resolved.
pub fn db_identity(db: &Path) -> PathBuf {
    std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf())
}

/// Writes the rescue into the first of `folders` that takes it whole, replacing an older
/// rescue of the same text there only once the new one is complete. Returns where it went,
/// or every folder's failure.
pub fn write(rescue: &Rescue, folders: &[PathBuf]) -> Result<PathBuf, String> {
    let name = file_name(&rescue.db, rescue.target);
    write_first(folders, &name, rescue.to_text().as_bytes())
}

/// Writes plain text (a form's content) as `….rescue-KIND.txt` into the first folder that
/// takes it. It has no rescue header, so it is kept for the recorder, not offered back.
pub fn write_plain(
    db: &Path,
    kind: &str,
    text: &str,
    folders: &[PathBuf],
) -> Result<PathBuf, String> {
    write_first(
        folders,
        &format!("{}{kind}.{}", prefix(db), extension()),
        text.as_bytes(),
    )
}

fn write_first(folders: &[PathBuf], name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let mut failures = Vec::new();
    for folder in folders {
        let path = folder.join(name);
        match write_whole(folder, &path, bytes) {
            Ok(()) => return Ok(path),
            Err(e) => failures.push(format!("{}: {e}", folder.display())),
        }
    }
    Err(failures.join("；"))
}

fn write_whole(folder: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    files::private_folder(folder)?;
    let temp = path.with_extension(format!("{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&temp);
    let written = match cipher::in_use() {
        true => files::create_private_file(&temp).and_then(|_| {
            cipher::seal(&temp, &String::from_utf8_lossy(bytes)).map_err(io::Error::other)
        }),
        false => files::write_private(&temp, bytes),
    };
    let written = written.and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Every rescue of the texts of `owner`'s meeting in the database `identity` found in
/// `folders`, with its file, oldest first. A rescue of another file that was given the same
/// name, of another meeting, or one that does not say whose it is, is not among them.
pub fn find(identity: &Path, owner: &Owner, folders: &[PathBuf]) -> Vec<(PathBuf, Rescue)> {
    let prefix = &prefix(identity);
    let mut found = Vec::new();
    for folder in folders.iter().filter(|f| ours(f, true)) {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            let named = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(prefix)
                    && (n.ends_with(".txt") || n.ends_with(".sealed"))
                    && !n.contains(".done-")
            });
            let rescue = (named && ours(&path, false))
                .then(|| read_text(&path))
                .flatten()
                .and_then(|text| Rescue::parse(&text));
            let whose = |r: &Rescue| r.db == identity && r.owner.as_ref() == Some(owner);
            if let Some(mut rescue) = rescue.filter(whose) {
                rescue.body = crate::clean::for_document(&rescue.body).into_owned();
                found.push((path, rescue));
            }
        }
    }
    found.sort_by_key(|(_, r)| r.saved_at);
    found
}

/// Whether a path is a folder (or a plain file of a sensible size) of this user's: not a
/// link, a pipe or a device, nor planted by someone else in a shared folder.
fn ours(path: &Path, folder: bool) -> bool {
    let Ok(metadata) = std::fs::symlink_metadata(path) else {
        return false;
    };
    let kind = match folder {
        true => metadata.is_dir(),
        false => metadata.is_file() && metadata.len() <= MAX_BYTES,
    };
    #[cfg(unix)]
    let owner = {
        use std::os::unix::fs::MetadataExt;
        metadata.uid() == nix::unistd::geteuid().as_raw()
    };
    #[cfg(not(unix))]
    let owner = true;
    kind && owner
}

/// Puts a rescue aside once it was dealt with, so it is not offered again: removed when its
/// text is now in the database, renamed `….done-<time>.txt` when the recorder chose to keep the
/// database's text instead (the words stay on disk).
pub fn settle(path: &Path, taken: bool) -> io::Result<()> {
    if taken {
        return std::fs::remove_file(path);
    }
    let stamp = Utc::now().format("%Y%m%d-%H%M%S");
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
    let kept = path.with_extension(format!("done-{stamp}.{}", ext.unwrap_or_default()));
    std::fs::rename(path, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rescue_reads_back_as_written() {
        let mut rescue = Rescue {
            db: PathBuf::from("/srv/会议.db"),
            owner: Some(Owner {
                file: "0123456789abcdef0123456789abcdef".into(),
                meeting: 7,
            }),
            target: TextTarget::Answer {
                slot: 3,
                question: 12,
            },
            saved_at: DateTime::parse_from_rfc3339("2026-12-18T01:02:03Z")
                .unwrap()
                .to_utc(),
            body: "第一行\n# of: 第二行\n".into(),
        };
        assert_eq!(Rescue::parse(&rescue.to_text()), Some(rescue.clone()));
        assert_eq!(Rescue::parse("其他文字"), None);
        // A file written before rescues said whose they were reads back without an owner.
        rescue.owner = None;
        assert!(!rescue.to_text().contains("# of: 0123"));
        assert_eq!(Rescue::parse(&rescue.to_text()), Some(rescue));
    }
}
