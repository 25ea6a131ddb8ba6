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

/// Writes `bytes` to a new private file `to`, which must not exist yet.
pub fn write_private(to: &Path, bytes: &[u8]) -> io::Result<()> {
    use io::Write;
    let mut target = create_private_file(to)?;
    target.write_all(bytes)?;
    target.sync_all()
}
