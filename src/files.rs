//! Files the program creates: readable by their owner only.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates a new empty file with mode 0600 (owner read/write) on Unix.
pub fn create_private_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Opens `path` to read (and to write when `write`) without waiting on what is not a
/// regular file: a FIFO with no writer would block the open forever. Refused at once when
/// the path is not a regular file (it was swapped after being looked at).
pub fn open_regular(path: &Path, write: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(write);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(nix::libc::O_NONBLOCK | nix::libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            crate::messages::tr!(
                "{file} 不是普通文件",
                "{file} is not a regular file",
                file = path.display()
            ),
        ));
    }
    Ok(file)
}

/// Reads a whole regular file; a FIFO, socket or device is refused at once (its read could
/// wait forever).
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    use io::Read;
    let mut bytes = Vec::new();
    open_regular(path, false)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Creates a directory and its parents; the directories it creates get mode 0700.
pub fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// Every file and folder this process creates is its owner's only, SQLite's `-wal` and
/// `-shm` included: called once at start.
pub fn keep_created_files_private() {
    #[cfg(unix)]
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o077));
}

/// A folder to write private files into: created (0700) when missing; refused when it is a
/// link or, on Unix, someone else's (a shared temporary folder).
pub fn private_folder(path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path).is_err() {
        create_private_dir(path)?;
    }
    let metadata = fs::symlink_metadata(path)?;
    if !metadata.is_dir() {
        return Err(io::Error::other(crate::messages::tr!(
            "{folder} 不是文件夹",
            "{folder} is not a folder",
            folder = path.display()
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if metadata.uid() != nix::unistd::geteuid().as_raw() {
            return Err(io::Error::other(crate::messages::tr!(
                "{folder} 属于其他用户",
                "{folder} belongs to another user",
                folder = path.display()
            )));
        }
    }
    Ok(())
}

/// A private folder of this user's in the system's temporary folder.
pub fn temp_folder() -> std::path::PathBuf {
    #[cfg(unix)]
    let user = nix::unistd::geteuid().to_string();
    #[cfg(not(unix))]
    let user = std::env::var("USERNAME").unwrap_or_default();
    std::env::temp_dir().join(format!("shuze-{user}"))
}

/// Writes `bytes` to a new private file `to`, which must not exist yet.
pub fn write_private(to: &Path, bytes: &[u8]) -> io::Result<()> {
    use io::Write;
    let mut target = create_private_file(to)?;
    target.write_all(bytes)?;
    target.sync_all()
}

/// Calls `changed` when a file of `folder` named one of `names` is written, created or
/// removed. The folder is watched, not the files: SQLite's log comes and goes with its
/// connections, and a file replaced by renaming is a new file. `None` where the platform
/// gives no notifications.
pub fn watch_folder(
    folder: &Path,
    names: Vec<std::ffi::OsString>,
    changed: impl Fn() + Send + 'static,
) -> Option<notify::RecommendedWatcher> {
    use notify::{Event, EventKind, RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        let Ok(event) = event else {
            return;
        };
        let written = matches!(
            event.kind,
            EventKind::Modify(_) | EventKind::Create(_) | EventKind::Remove(_)
        );
        let ours = event.paths.iter().any(|p| {
            p.file_name()
                .is_some_and(|n| names.iter().any(|name| name == n))
        });
        if written && ours {
            changed();
        }
    })
    .ok()?;
    watcher.watch(folder, RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}
