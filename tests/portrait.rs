//! The unit's political portrait (政治画像) and reminder talks (提醒谈话): they come in with
//! the prep file (counted in the success line, a wrong dimension refused at its line), show
//! on the recorder's card and in the risk points pane, `Q` turns one into a prepared
//! question, nothing of them reaches the room or the meeting's exports, and the year report
//! counts the findings per dimension as a hand count of the county demo file gives.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuze::app::{Action, Command, Mode, Pane};
use shuze::labels::Lang;
use shuze::present::Audience;
use shuze::session::Session;
use shuze::storage::Store;
use shuze::ui::{self, Theme};
use std::path::Path;
use std::process::{Command as Process, Output};
use unicode_width::UnicodeWidthStr;

/// The first finding of 张某's unit in the sample, and words of its talk.
const FINDING: &str = "民主生活会批评与自我批评辣味不足，相互提醒少";
const TALK: &str = "就惠民资金发放不公开的信访反映";

fn shuze(dir: &Path, args: &[&str]) -> Output {
    Process::new(env!("CARGO_BIN_EXE_shuze"))
        .current_dir(dir)
        .env("LANG", "zh_CN.UTF-8")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .args(args)
        .output()
        .unwrap()
}

fn count(db: &Path, table: &str) -> i64 {
    Store::open_read_only(db)
        .unwrap()
        .connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn text_of(buffer: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        out.push('\n');
    }
    out
}

fn console_screen(session: &Session, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| ui::draw(f, &session.console, &Theme::projector_dark()))
        .unwrap();
    text_of(terminal.backend().buffer())
}

#[test]
fn the_prep_file_brings_portraits_and_talks_counted_in_the_success_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SAMPLE_TOML, dir.path().join("prep.toml")).unwrap();
    let out = shuze(dir.path(), &["import", "prep.toml", "--db", "m.db"]);
    assert!(out.status.success(), "{out:?}");
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("政治画像问题 3 条，提醒谈话 2 次"), "{said}");
    let db = dir.path().join("m.db");
    assert_eq!(count(&db, "portrait_finding"), 3);
    assert_eq!(count(&db, "reminder_talk"), 2);
    // The history view's reads: per unit, with the talk's date and who held it.
    let mut store = Store::open_read_only(&db).unwrap();
    let unit: i64 = store
        .connection()
        .query_row("SELECT id FROM unit WHERE name = '某某镇'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let portrait = store.portrait_of_unit(unit).unwrap();
    assert_eq!(portrait.len(), 2);
    assert_eq!(portrait[0].1.problem, FINDING);
    let talks = store.talks_of_unit(unit).unwrap();
    assert_eq!(talks.len(), 1);
    assert_eq!(talks[0].held_on.to_string(), "2026-06-15");
    assert_eq!(talks[0].talker, "县纪委副书记 刘某");
    // The hash chain holds them like the other prepared rows.
    assert!(
        shuze(dir.path(), &["verify", "m.db"]).status.success(),
        "verify"
    );
}

#[test]
fn an_unknown_dimension_is_refused_at_its_line_naming_the_five() {
    let dir = tempfile::tempdir().unwrap();
    let text = MINIMAL_PREP.to_string()
        + "\n[[official.portrait]]\ndimension = \"作风建设\"\nproblem = \"会风不严\"\n";
    write_prep(dir.path(), "bad.toml", &text);
    let out = shuze(dir.path(), &["import", "bad.toml", "--db", "m.db"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    let line = text.lines().position(|l| l.contains("作风建设")).unwrap() + 1;
    assert!(said.contains(&format!("bad.toml:{line}:")), "{said}");
    for dimension in [
        "党内政治生活",
        "选人用人",
        "权力规范运行",
        "党员干部勤政廉政",
        "群众满意度评价",
    ] {
        assert!(said.contains(dimension), "{dimension} in {said}");
    }
    assert!(!dir.path().join("m.db").exists(), "nothing written");
    // A talk without its date is refused too, by its field.
    let text = MINIMAL_PREP.to_string() + "\n[[official.talk]]\ntalker = \"马某\"\n";
    write_prep(dir.path(), "no-date.toml", &text);
    let out = shuze(dir.path(), &["import", "no-date.toml", "--db", "m.db"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("date"));
    assert!(!dir.path().join("m.db").exists(), "nothing written");
}

#[test]
fn the_card_shows_the_portrait_and_the_risk_points_pane_lists_it_all() {
    let (_dir, path) = temp_db();
    let session = sample_session(&path);
    let screen = console_screen(&session, 160, 45);
    let card = screen
        .lines()
        .find(|l| l.starts_with("政治画像"))
        .unwrap_or_else(|| panic!("no portrait line on the card:\n{screen}"));
    // Per dimension with findings: its count and first problem, shortened by width.
    assert!(card.contains("党内政治生活 1: 民主生活会"), "{card}");
    assert!(card.contains("群众满意度评价 1: "), "{card}");
    assert!(!card.contains(FINDING), "shortened: {card}");
    assert!(
        card.contains("最近谈话 2026-06-15 县纪委副书记 刘某"),
        "{card}"
    );
    // The pane lists every finding with its suggestion, and the talk with what was said.
    assert!(
        screen.contains(&format!("[党内政治生活] {FINDING}")),
        "{screen}"
    );
    assert!(screen.contains("建议: 会前逐一谈心谈话"), "{screen}");
    assert!(screen.contains(TALK), "{screen}");
    // An official whose unit has none: no portrait line.
    let mut session = session;
    session.handle(Action::Command(Command::NextOfficial), at(1));
    session.handle(Action::Command(Command::NextOfficial), at(2));
    let screen = console_screen(&session, 160, 45);
    assert!(screen.contains("刘某"), "{screen}");
    assert!(!screen.contains("政治画像"), "{screen}");
    // In English, the labels are English (the data stays as written).
    let (_dir, path) = temp_db();
    let english = Session::open(sample_store(&path), None, Lang::En, at(0)).unwrap();
    let screen = console_screen(&english, 160, 45);
    assert!(
        screen.contains("Political portrait party life 1: "),
        "{screen}"
    );
    assert!(screen.contains("latest talk 2026-06-15"), "{screen}");
}

#[test]
fn q_turns_the_selected_finding_into_a_prepared_question() {
    let (_dir, path) = temp_db();
    let mut session = sample_session(&path);
    session.console.recorder.focus = Pane::Risks;
    // On a risk point, Q says what to select and opens nothing.
    session.handle(Action::Command(Command::AskFromPortrait), at(1));
    assert!(matches!(session.console.recorder.mode, Mode::Browse));
    let message = session.console.recorder.message.clone().unwrap();
    assert!(
        message.is_error && message.text.contains("政治画像"),
        "{message:?}"
    );
    // The first finding comes after the risk points.
    let risks = session.console.snapshot.detail.risk_points.len();
    session.console.recorder.selected[Pane::Risks.index()] = risks;
    session.handle(Action::Command(Command::AskFromPortrait), at(2));
    let Mode::Form(form) = &session.console.recorder.mode else {
        panic!("no form: {:?}", session.console.recorder.mode);
    };
    assert_eq!(form.text(1), FINDING, "the problem prefilled");
    session.handle(Action::Paste("县纪委书记 马某".into()), at(3));
    session.handle(Action::Confirm, at(4));
    assert!(matches!(session.console.recorder.mode, Mode::Browse));
    let (asker, text, prepared, asked): (String, String, bool, Option<String>) = session
        .store
        .connection()
        .query_row(
            "SELECT asker, text, prepared, asked_at FROM question ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (asker.as_str(), text.as_str()),
        ("县纪委书记 马某", FINDING)
    );
    assert!(prepared && asked.is_none(), "prepared, not yet asked");
    // A normal question thereafter: on the list, selected, waiting to be asked.
    let questions = &session.console.snapshot.detail.questions;
    assert_eq!(questions.last().unwrap().text, FINDING);
    assert_eq!(session.console.recorder.focus, Pane::Questions);
    // The talk, likewise: its content prefilled.
    session.console.recorder.focus = Pane::Risks;
    let talk = risks + session.console.snapshot.detail.portrait.len();
    session.console.recorder.selected[Pane::Risks.index()] = talk;
    session.handle(Action::Command(Command::AskFromPortrait), at(5));
    let Mode::Form(form) = &session.console.recorder.mode else {
        panic!("no form for the talk");
    };
    assert!(form.text(1).contains(TALK), "{}", form.text(1));
}

#[test]
fn nothing_of_the_portrait_reaches_the_room_or_the_meetings_exports() {
    let (dir, path) = temp_db();
    let mut recorder = sample_session(&path);
    let mut audience =
        Audience::open(Store::open_read_only(&path).unwrap(), None, Lang::Zh, true).unwrap();
    recorder.console.recorder.focus = Pane::Risks;
    let risks = recorder.console.snapshot.detail.risk_points.len();
    recorder.console.recorder.selected[Pane::Risks.index()] = risks;
    let pictures = [
        Command::ShowCard,
        Command::ToggleSpotlight,
        Command::ToggleSpotlight,
        Command::ShowFollowUps,
        Command::ShowRating,
        Command::ShowAgenda,
        Command::ShowTitle,
        Command::ShowCard,
    ];
    let mut seen_name = false;
    for (n, command) in pictures.into_iter().enumerate() {
        recorder.handle(Action::Command(command), at(n as i64 + 1));
        audience.follow().unwrap();
        for (w, h) in [(160, 45), (100, 30)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal
                .draw(|f| ui::projection::draw(f, &audience.projection(), &Theme::projector_dark()))
                .unwrap();
            let picture = text_of(terminal.backend().buffer());
            seen_name |= picture.contains("张某");
            for private in [
                "政治画像",
                "民主生活会",
                "提醒谈话",
                "县纪委副书记 刘某",
                "惠民资金发放不公开",
            ] {
                assert!(
                    !picture.contains(private),
                    "{command:?}: {private}\n{picture}"
                );
            }
        }
    }
    assert!(seen_name, "the room saw the official's card");
    // The room's own record holds no text of it either.
    let room: String = recorder
        .store
        .connection()
        .query_row(
            "SELECT group_concat(quote(r.*)) FROM (SELECT * FROM room_view) r",
            [],
            |r| r.get::<_, Option<String>>(0).map(Option::unwrap_or_default),
        )
        .unwrap_or_default();
    assert!(!room.contains("民主生活会"), "{room}");
    drop(recorder);
    // Nor do the record, the 纪要 or the ledger, in any format.
    let out = shuze(dir.path(), &["export", "meeting.db", "--all", "out"]);
    assert!(out.status.success(), "{out:?}");
    let mut files = 0;
    for entry in std::fs::read_dir(dir.path().join("out")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = match path.extension().and_then(|e| e.to_str()) {
            Some("docx" | "xlsx") => zipped_text(&path),
            _ => String::from_utf8_lossy(&bytes).into_owned(),
        };
        files += 1;
        assert!(!text.contains("民主生活会批评"), "{}", path.display());
        assert!(!text.contains(TALK), "{}", path.display());
    }
    assert!(files >= 6, "{files} files");
}

/// Every XML part of an Office file, as one text.
fn zipped_text(path: &Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for index in 0..zip.len() {
        let mut part = zip.by_index(index).unwrap();
        let mut text = String::new();
        if part.read_to_string(&mut text).is_ok() {
            all.push_str(&text);
        }
    }
    all
}

/// The county demo file (40 quarterly meetings from 2017, 20 officials each; the meeting
/// of index i is held in 2017 + i/4, so 2026's are 36 to 39). Official n of meeting i is of
/// unit `(3n + 20i) mod 60 + 1` and has `(n + i) mod 4` findings, the k-th in dimension
/// `(7i + 3n + k) mod 5` of 党内政治生活, 选人用人, 权力规范运行, 党员干部勤政廉政,
/// 群众满意度评价.
///
/// By hand, 2026: in each meeting the 20 values n + i run through every remainder mod 4
/// five times, so 5 × (0 + 1 + 2 + 3) = 30 findings a meeting, 120 in all; over the 120
/// the dimensions come out even, 24 each. 县第1单位 (3n + 20i ≡ 0 mod 60): meeting 36 with
/// n = 0 (0 findings) and meeting 39 with n = 0 (3 findings, dimensions 273 + k mod 5 =
/// 3, 4, 0: 党员干部勤政廉政, 群众满意度评价, 党内政治生活). 县第2单位 (3n + 20i ≡ 1, so
/// 3n ≡ 1, 41, 21, 1 mod 60): only meeting 38 with n = 7, (7 + 38) mod 4 = 1 finding, in
/// dimension 266 + 21 mod 5 = 2: 权力规范运行.
#[test]
fn the_year_report_counts_the_portrait_per_dimension_as_a_hand_count_gives() {
    let dir = tempfile::tempdir().unwrap();
    let out = shuze(
        dir.path(),
        &["demo-data", "--scale", "county", "-o", "county.db"],
    );
    assert!(out.status.success(), "{out:?}");
    let out = shuze(
        dir.path(),
        &["report", "county.db", "--year", "2026", "-o", "report"],
    );
    assert!(out.status.success(), "{out:?}");
    let xlsx = dir.path().join("report/2026年度述责述廉工作情况报告.xlsx");
    let docx = dir.path().join("report/2026年度述责述廉工作情况报告.docx");
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("政治画像").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "单位",
            "党内政治生活",
            "选人用人",
            "权力规范运行",
            "党员干部勤政廉政",
            "群众满意度评价",
            "合计"
        ]
    );
    let row = |unit: &str| {
        rows.iter()
            .find(|r| r[0] == unit)
            .map(|r| r[1..].join(" "))
            .unwrap_or_else(|| panic!("no row {unit}: {rows:?}"))
    };
    assert_eq!(row("县第1单位"), "1 0 0 1 1 3");
    assert_eq!(row("合计"), "24 24 24 24 24 120");
    assert_eq!(row("县第2单位"), "0 0 1 0 0 1");
    // Every unit's row adds up to its total, and the units to the 合计.
    let number = |cell: &str| cell.parse::<u32>().unwrap();
    let units = &rows[1..rows.len() - 1];
    for r in units {
        let sum: u32 = r[1..6].iter().map(|c| number(c)).sum();
        assert_eq!(sum, number(&r[6]), "{r:?}");
    }
    let all: u32 = units.iter().map(|r| number(&r[6])).sum();
    assert_eq!(all, 120);
    // The Word report: its own table and sentence with the same figures.
    let text = zipped_text(&docx);
    assert!(text.contains("三、政治画像发现问题"), "no heading");
    assert!(text.contains("共发现问题120个"), "no total");
    assert!(text.contains("党员干部勤政廉政"));
}

#[test]
fn copies_without_format_are_word_documents() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_copy(dir.path());
    let mut session = Session::open(Store::open(&db).unwrap(), None, Lang::Zh, at(0)).unwrap();
    let slot = session.console.snapshot.agenda[0].id;
    let follow_up = shuze::domain::FollowUp {
        id: 0,
        source: shuze::domain::FollowUpSource::Remarks,
        category: String::new(),
        problem: "抄告的问题".into(),
        task: String::new(),
        measure: "整改措施".into(),
        lead: String::new(),
        owner: "张某".into(),
        deadline: None,
        deadline_workdays: None,
        mode: shuze::domain::FollowUpMode::ByDeadline,
        progress: String::new(),
        status: shuze::domain::FollowUpStatus::NotStarted,
        copied_to: "李某（县委副书记）".into(),
        raised_on: None,
        question: None,
        key: String::new(),
        extra: Vec::new(),
    };
    session
        .store
        .add_follow_up(slot, &follow_up, at(1))
        .unwrap();
    drop(session);
    let out = shuze(
        dir.path(),
        &["export", "meeting.db", "--kind", "copies", "-o", "copies"],
    );
    assert!(out.status.success(), "{out:?}");
    let written: Vec<String> = std::fs::read_dir(dir.path().join("copies"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, ["2026-12-18-抄告-李某（县委副书记）.docx"]);
    let text = zipped_text(&dir.path().join("copies").join(&written[0]));
    assert!(text.contains("抄告的问题"));
    // Another kind without --format is still asked for it, with nothing written.
    let out = shuze(
        dir.path(),
        &["export", "meeting.db", "--kind", "record", "-o", "r.docx"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
    assert!(!dir.path().join("r.docx").exists());
}
