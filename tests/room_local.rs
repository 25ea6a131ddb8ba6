//! The audience view's own choice (`b` there blanks its screen) said on the console's
//! `[投影：…]` line, through a small file beside the meeting's (the view never writes the
//! meeting's database): said within a deadline, gone when the view quits or is killed.

mod common;

use common::pty::Console;
use common::*;

fn room_line(console: &Console) -> String {
    console
        .screen()
        .lines()
        .find(|l| l.contains("[投影"))
        .unwrap_or_default()
        .to_string()
}

fn sidecar(db: &std::path::Path) -> std::path::PathBuf {
    db.with_file_name(format!(
        "{}.room-local",
        db.file_name().unwrap().to_string_lossy()
    ))
}

#[test]
fn the_audience_views_own_blank_is_said_on_the_console_until_the_view_quits() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut recorder = Console::start(&[db.to_str().unwrap()], 120, 36);
    recorder.wait_for("第 1/8 位", 10);
    recorder.send("1");
    let mut audience = Console::start(&["present", db.to_str().unwrap()], 100, 30);
    audience.wait_for("某某镇党委书记", 10);
    assert!(
        !room_line(&recorder).contains("投影端"),
        "nothing chosen there yet"
    );

    audience.send("b");
    recorder.wait_for("投影端已自行黑屏", 10);
    let line = room_line(&recorder);
    assert!(line.contains("[投影：述责人 · 投影端已自行黑屏"), "{line}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(sidecar(&db))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only");
    }
    // Not written into the meeting's file: the recorder's own picture is unchanged there.
    assert!(line.contains("答复不投影"), "{line}");

    // The recorder's next picture replaces the view's own choice.
    recorder.send("4");
    recorder.wait_gone("投影端已自行黑屏", 10);
    audience.wait_for("正在述责", 10);

    audience.send("2");
    recorder.wait_for("投影端自选：民主测评结果", 10);
    audience.send("q");
    assert!(audience.wait_exit(10));
    recorder.wait_gone("投影端自选", 10);
    assert!(!sidecar(&db).exists(), "removed as the view quits");
    recorder.send("q");
    assert!(recorder.wait_exit(10));
}

#[test]
fn a_killed_audience_views_choice_is_forgotten() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut recorder = Console::start(&[db.to_str().unwrap()], 120, 36);
    recorder.wait_for("第 1/8 位", 10);
    recorder.send("1");
    let audience = Console::start(&["present", db.to_str().unwrap()], 100, 30);
    audience.wait_for("某某镇党委书记", 10);
    let mut audience = audience;
    audience.send("b");
    recorder.wait_for("投影端已自行黑屏", 10);
    let pid = audience.pid().expect("started").to_string();
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    // Reaped, as the shell that started it would.
    assert!(!audience.wait_exit(10), "killed");
    assert!(sidecar(&db).exists(), "left behind by a killed view");
    recorder.wait_gone("投影端已自行黑屏", 15);
    recorder.send("q");
    assert!(recorder.wait_exit(10));
}
