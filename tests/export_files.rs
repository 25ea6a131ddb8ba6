//! What `shuze export` makes and leaves, run as the real binary: nothing half-made after a
//! failure (no empty folder), a symbolic link at `-o` refused without `--force`, and an
//! archived file exported from a read-only file, folder or medium with nothing written
//! beside it.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

fn shuze(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("shuze-test-data"),
        )
        .output()
        .unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A tmpfs of its own (root only), unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(path: PathBuf, size: &str) -> Option<Mount> {
        std::fs::create_dir_all(&path).unwrap();
        let mounted = Process::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(Mount(path))
    }

    fn remount(&self, options: &str) {
        let status = Process::new("mount")
            .args(["-o", options])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success(), "remount {options}");
    }

    /// Writes until the filesystem refuses another byte.
    fn fill(&self) {
        use std::io::Write;
        let mut file = std::fs::File::create(self.0.join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while file
            .write_all(&block)
            .and_then(|()| file.sync_all())
            .is_ok()
        {}
        let mut byte = std::fs::File::create(self.0.join("filler-2")).unwrap();
        while byte.write_all(b"x").and_then(|()| byte.sync_all()).is_ok() {}
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn an_export_that_fails_on_a_full_disk_leaves_no_empty_folder() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let Some(disk) = Mount::tmpfs(dir.path().join("disk"), "1m") else {
        eprintln!("SKIPPED full-disk export test: cannot mount a filesystem here (not root)");
        return;
    };
    disk.fill();
    let out = disk.0.join("导出");
    let output = shuze(&[
        "export",
        db.to_str().unwrap(),
        "--all",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success(), "the export cannot succeed");
    assert!(!out.exists(), "a failed export left {}", out.display());
    assert_eq!(names(&disk.0), ["filler", "filler-2"], "nothing half-made");
}

#[test]
fn a_symbolic_link_at_the_output_is_refused_without_force_dangling_or_not() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let elsewhere = dir.path().join("someone-elses.docx");
    std::fs::write(&elsewhere, "别人的文件").unwrap();
    let nowhere = dir.path().join("nowhere.docx");
    for (name, target) in [("dangling.docx", &nowhere), ("leading.docx", &elsewhere)] {
        let link = dir.path().join(name);
        std::os::unix::fs::symlink(target, &link).unwrap();
        let args = [
            "export",
            db.to_str().unwrap(),
            "--kind",
            "record",
            "--format",
            "docx",
            "-o",
            link.to_str().unwrap(),
        ];
        let output = shuze(&args);
        assert!(!output.status.success(), "{name} must be refused");
        assert!(
            stderr(&output).contains("符号链接"),
            "{name}: {}",
            stderr(&output)
        );
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(&std::fs::read_link(&link).unwrap(), target);
        assert!(!nowhere.exists(), "nothing written where the link leads");
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "别人的文件");
        // With --force the link itself is replaced, never the file it led to.
        let output = shuze(&[&args[..], &["--force"]].concat());
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            link.symlink_metadata().unwrap().is_file(),
            "{name} is a file now"
        );
        assert!(!nowhere.exists());
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "别人的文件");
    }
}

/// Exports everything from `db` into a new folder `out`; the file's bytes and its folder's
/// names stay as they were.
fn exports_and_leaves_it(db: &Path, out: &Path) {
    let before = std::fs::read(db).unwrap();
    let folder = db.parent().unwrap();
    let names_before = names(folder);
    let output = shuze(&[
        "export",
        db.to_str().unwrap(),
        "--all",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(names(out).iter().any(|n| n.ends_with("会议记录.docx")));
    assert_eq!(std::fs::read(db).unwrap(), before, "the file is unchanged");
    assert_eq!(names(folder), names_before, "nothing made beside it");
}

#[test]
fn a_read_only_file_in_a_read_only_folder_exports() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _) = temp_db();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    let db = sample_copy(&archive);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&archive, std::fs::Permissions::from_mode(0o555)).unwrap();
    exports_and_leaves_it(&db, &dir.path().join("out"));
    std::fs::set_permissions(&archive, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn an_archived_file_on_a_read_only_medium_exports() {
    let (dir, _) = temp_db();
    let Some(medium) = Mount::tmpfs(dir.path().join("medium"), "4m") else {
        eprintln!("SKIPPED read-only medium export test: cannot mount here (not root)");
        return;
    };
    let db = sample_copy(&medium.0);
    medium.remount("remount,ro");
    exports_and_leaves_it(&db, &dir.path().join("out"));
    // The same file seen through a read-only bind mount of a writable folder.
    let writable = dir.path().join("writable");
    std::fs::create_dir(&writable).unwrap();
    let db = sample_copy(&writable);
    let bound = dir.path().join("bound");
    std::fs::create_dir(&bound).unwrap();
    let status = Process::new("mount")
        .args(["--bind", "-o", "ro"])
        .arg(&writable)
        .arg(&bound)
        .status()
        .unwrap();
    assert!(status.success());
    let _bind = Mount(bound.clone());
    let status = Process::new("mount")
        .args(["-o", "remount,bind,ro"])
        .arg(&bound)
        .status()
        .unwrap();
    assert!(status.success());
    exports_and_leaves_it(&bound.join("meeting.db"), &dir.path().join("out2"));
    assert_eq!(names(&writable), ["meeting.db"]);
    drop(db);
}

#[test]
fn a_file_archived_with_its_log_exports_its_last_writes_or_says_why_not() {
    let (dir, _) = temp_db();
    let Some(medium) = Mount::tmpfs(dir.path().join("medium"), "4m") else {
        eprintln!("SKIPPED read-only medium log test: cannot mount here (not root)");
        return;
    };
    // A console that crashed: its last writes are still in the log when the file is copied.
    let crashed = dir.path().join("crashed");
    std::fs::create_dir(&crashed).unwrap();
    let db = sample_copy(&crashed);
    let conn = rusqlite::Connection::open(&db).unwrap();
    // Written as the console writes it: through the hash chain's function.
    shuze::storage::chain::register(&conn).unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    conn.execute(
        "INSERT INTO text_revision (kind, slot_id, body, saved_at)
         VALUES ('remarks', 1, '崩溃前最后的点评', '2026-12-18T02:00:00+00:00')",
        [],
    )
    .unwrap();
    for name in ["meeting.db", "meeting.db-wal", "meeting.db-shm"] {
        std::fs::copy(crashed.join(name), medium.0.join(name)).unwrap();
    }
    std::mem::forget(conn); // No checkpoint on close: the log is what a crash leaves.
    medium.remount("remount,ro");
    let archived = medium.0.join("meeting.db");
    let out = dir.path().join("out");
    let args = [
        "export",
        archived.to_str().unwrap(),
        "--kind",
        "record",
        "--format",
        "json",
    ];
    let output = shuze(&[&args[..], &["-o", out.to_str().unwrap()]].concat());
    assert!(output.status.success(), "{}", stderr(&output));
    let record = std::fs::read_to_string(&out).unwrap();
    assert!(
        record.contains("崩溃前最后的点评"),
        "the log's last writes exported"
    );
    // Without the -shm SQLite cannot read the log there: refused, never exported without it.
    medium.remount("remount,rw");
    std::fs::remove_file(medium.0.join("meeting.db-shm")).unwrap();
    medium.remount("remount,ro");
    let out = dir.path().join("out2");
    let output = shuze(&[&args[..], &["-o", out.to_str().unwrap()]].concat());
    assert!(
        !output.status.success(),
        "exported without the log's last writes"
    );
    assert!(
        stderr(&output).contains("meeting.db-wal"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}
