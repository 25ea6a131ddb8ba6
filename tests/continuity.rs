//! Between meetings (issue 22): two meetings of the same unit in one file. The second
//! shows what the first left open, with its deadline (set as 15 working days, counted
//! across the 2026 Spring Festival and its make-up working days) and the working days it is
//! overdue; the recorder checks it (逾期, with a comment) and the check is in the file, in
//! the record's 以往问题整改情况 and in the ledger.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::*;
use shuze::app::form::FieldValue;
use shuze::app::{Action, Command, Mode, Pane};
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::Store;
use std::path::Path;
use std::process::{Command as Process, Output};

fn prep(title: &str, date: &str) -> String {
    format!(
        "[meeting]\ntitle = \"{title}\"\ndate = {date}\nchair = \"马某\"\nrecorder = \"何某\"\n\n\
         [[official]]\nposition = 1\nname = \"张某\"\nunit = \"某某镇\"\npost = \"党委书记\"\n\
         supervisor = \"李某（县委副书记）\"\nreport_minutes = 8\n"
    )
}

fn shuze(dir: &Path, args: &[&str]) -> Output {
    let out = Process::new(env!("CARGO_BIN_EXE_shuze"))
        .current_dir(dir)
        .env("LANG", "zh_CN.UTF-8")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    out
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn moment(date: &str) -> chrono::DateTime<Utc> {
    let d = day(date);
    Utc.from_utc_datetime(&d.and_hms_opt(1, 0, 0).unwrap())
}

/// The console's screen as text, one row a line (the cell after a wide character skipped).
fn screen(session: &Session) -> String {
    use unicode_width::UnicodeWidthStr;
    let backend = ratatui::backend::TestBackend::new(160, 45);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    let theme = shuze::ui::Theme::projector_dark();
    terminal
        .draw(|frame| shuze::ui::draw(frame, &session.console, &theme))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut rows = Vec::new();
    for y in 0..buffer.area.height {
        let mut row = String::new();
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            row.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        rows.push(row);
    }
    rows.join("\n")
}

fn form_mut(session: &mut Session) -> &mut shuze::app::Form {
    match &mut session.console.recorder.mode {
        Mode::Form(form) => form,
        other => panic!("no form: {other:?}"),
    }
}

/// Sets a form field: a choice by index, a text by what is typed.
fn set(session: &mut Session, field: usize, value: &str) {
    let form = form_mut(session);
    match &mut form.fields[field].value {
        FieldValue::Choice { index, .. } => *index = value.parse().unwrap(),
        _ => {
            form.focus = field;
            let now = moment("2026-01-20");
            session.handle(Action::Paste(value.into()), now);
        }
    }
}

/// The first meeting (20 January 2026): a follow-up with a deadline of 15 working days,
/// typed in the console's form.
fn first_meeting(dir: &Path, db: &Path) {
    write_prep(dir, "first.toml", &prep("一季度述责述廉会议", "2026-01-20"));
    let mut store = Store::create_or_open(db).unwrap();
    shuze::prep::import_file(&dir.join("first.toml"), &mut store, moment("2026-01-19")).unwrap();
    let now = moment("2026-01-20");
    let mut session = Session::open(store, None, Lang::Zh, now).unwrap();
    session.handle(Action::Command(Command::AddFollowUp), now);
    set(&mut session, 0, "2"); // 点评
    set(&mut session, 2, "村级工程项目监管存在漏洞");
    set(&mut session, 7, "15个工作日");
    session.handle(Action::Confirm, now);
    assert!(
        matches!(session.console.recorder.mode, Mode::Browse),
        "{:?}",
        session.console.recorder.message
    );
    session.store.finish_meeting(1, now).unwrap();
}

#[test]
fn the_second_meeting_checks_what_the_first_left_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    first_meeting(dir.path(), &db);
    // 15 working days from 20 January: 10 February (no holiday on the way).
    let store = Store::open(&db).unwrap();
    let raised = &store.slot_detail(1).unwrap().follow_ups[0];
    assert_eq!(raised.deadline, Some(day("2026-02-10")));
    assert_eq!(raised.deadline_workdays, Some(15));
    drop(store);

    // The second meeting, 2 March 2026, after the Spring Festival.
    write_prep(
        dir.path(),
        "second.toml",
        &prep("二季度述责述廉会议", "2026-03-02"),
    );
    shuze(dir.path(), &["import", "second.toml", "--db", "meeting.db"]);
    let now = moment("2026-03-02");
    let store = Store::open(&db).unwrap();
    let mut session = Session::open(store, Some(2), Lang::Zh, now).unwrap();
    let slot = session.console.snapshot.agenda[0].id;
    let detail = session.store.slot_detail(slot).unwrap();
    let earlier = &detail.earlier_follow_ups[0];
    assert_eq!(earlier.problem, "村级工程项目监管存在漏洞");
    // Overdue from 11 February: 11-13 (3), Saturday 14 worked (4), 15-23 off, 24-27 (8),
    // Saturday 28 worked (9), Monday 2 March (10). Weekdays alone would be 14.
    assert_eq!(detail.overdue_days(earlier), 10);
    let counts = detail.counts();
    assert_eq!(
        (
            counts.open_earlier_follow_ups,
            counts.overdue_earlier_follow_ups
        ),
        (1, 1)
    );

    // On screen: the card counts it apart, the pane says how far past its deadline it is.
    let shown = screen(&session);
    assert!(shown.contains("未结整改 1   其中逾期 1"), "{shown}");
    assert!(shown.contains("逾期 10 个工作日"), "{shown}");
    assert!(shown.contains("完成时限 15个工作"), "{shown}");

    // Checked with the official as they report: 逾期, with a comment.
    session.handle(Action::Command(Command::NextStage), now);
    session.console.recorder.focus = Pane::FollowUps;
    session.handle(Action::Command(Command::CheckFollowUp), now);
    assert_eq!(
        form_mut(&mut session).fields[0].shown(),
        "逾期",
        "the form offers 逾期"
    );
    set(&mut session, 1, "施工方未按期整改，已约谈");
    session.handle(Action::Confirm, now);
    let checks = session.store.follow_up_checks(slot).unwrap();
    assert_eq!(checks.len(), 1, "{:?}", session.console.recorder.message);
    assert_eq!(checks[0].comment, "施工方未按期整改，已约谈");
    assert_eq!(checks[0].checked_on, day("2026-03-02"));
    let shown = screen(&session);
    assert!(shown.contains("[逾期] 村级工程项目监管存在漏洞"), "{shown}");
    assert!(shown.contains("核查结果: 逾期：施工方"), "{shown}");
    session.store.finish_meeting(2, now).unwrap();
    drop(session);

    shuze(
        dir.path(),
        &[
            "export",
            "meeting.db",
            "--meeting",
            "2",
            "--kind",
            "record",
            "--format",
            "md",
            "-o",
            "record.md",
            "--force",
        ],
    );
    let record = std::fs::read_to_string(dir.path().join("record.md")).unwrap();
    assert!(record.contains("以往问题整改情况"), "{record}");
    assert!(
        record.contains(
            "村级工程项目监管存在漏洞（时限：15个工作日（2026-02-10前））。逾期10个工作日。\
                         核查：逾期：施工方未按期整改，已约谈（2026-03-02核查）。"
        ),
        "{record}"
    );
    shuze(
        dir.path(),
        &[
            "export",
            "meeting.db",
            "--meeting",
            "2",
            "--kind",
            "ledger",
            "--format",
            "csv",
            "-o",
            "ledger.csv",
            "--force",
        ],
    );
    let ledger = std::fs::read_to_string(dir.path().join("ledger.csv")).unwrap();
    let row = ledger
        .lines()
        .find(|l| l.contains("村级工程项目监管存在漏洞"))
        .unwrap();
    // The days overdue in working days, as the record counts them (10 from 10 February).
    assert!(
        row.contains(",核查：逾期：施工方未按期整改，已约谈（2026-03-02核查）；逾期10个工作日,"),
        "{row}"
    );
}

#[test]
fn a_users_calendar_file_moves_the_deadline_and_a_bad_one_stops_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config/shuze");
    std::fs::create_dir_all(&config).unwrap();
    // A local holiday on 4 February: the deadline of 15 working days moves a day.
    std::fs::write(
        config.join("holidays.toml"),
        "[[holiday]]\nname = \"县庆\"\nfrom = \"2026-02-04\"\n",
    )
    .unwrap();
    let text = prep("一季度述责述廉会议", "2026-01-20")
        + "\n[[official.earlier_follow_up]]\nproblem = \"台账不全\"\ndeadline = \"15个工作日\"\n\
           raised_on = 2026-01-20\nstatus = \"整改中\"\n";
    write_prep(dir.path(), "first.toml", &text);
    shuze(dir.path(), &["import", "first.toml", "--db", "meeting.db"]);
    let store = Store::open(&dir.path().join("meeting.db")).unwrap();
    let detail = store.slot_detail(1).unwrap();
    assert_eq!(
        detail.earlier_follow_ups[0].deadline,
        Some(day("2026-02-11"))
    );
    assert_eq!(detail.earlier_follow_ups[0].deadline_workdays, Some(15));
    drop(store);

    std::fs::write(
        config.join("holidays.toml"),
        "[[holiday]]\nfrom = \"2026-02-04\"\n[[holiday]]\nfrom = \"2026-02-30\"\n",
    )
    .unwrap();
    let out = Process::new(env!("CARGO_BIN_EXE_shuze"))
        .current_dir(dir.path())
        .env("LANG", "zh_CN.UTF-8")
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .args(["meetings", "meeting.db"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("holidays.toml")
            && said.contains("第 2 个 [[holiday]] 的 from 「2026-02-30」"),
        "{said}"
    );
}

const RULES: &str = "\n[rating]\ngrades = [\"廉洁\", \"基本廉洁\", \"不廉洁\"]\ngroups = [\"县领导\", \"部门代表\"]\n\n\
    [[rating.rule]]\nwhen = \"廉洁+基本廉洁 >= 2/3\"\nresult = \"合格\"\n\n\
    [[rating.rule]]\nwhen = \"廉洁+基本廉洁 < 2/3\"\nresult = \"不合格\"\n\n\
    [[rating.rule]]\nwhen = \"不廉洁 > 1/3\"\nconsequence = \"约谈提醒\"\n";

/// Types the tallies into the open form, field by field.
fn tallies(session: &mut Session, counts: &[u32]) {
    let form = form_mut(session);
    assert_eq!(form.fields.len(), counts.len());
    for (field, count) in form.fields.iter_mut().zip(counts) {
        field.value = FieldValue::Number(count.to_string());
    }
}

#[test]
fn the_meetings_own_rating_rules_decide_at_their_boundaries_and_a_recount_is_a_new_round() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    write_prep(
        dir.path(),
        "rules.toml",
        &(prep("述责述廉会议", "2026-12-18") + RULES),
    );
    shuze(dir.path(), &["import", "rules.toml", "--db", "meeting.db"]);
    let now = moment("2026-12-18");
    let mut session = Session::open(Store::open(&db).unwrap(), None, Lang::Zh, now).unwrap();
    session.handle(Action::Command(Command::NextStage), now);
    session.handle(Action::Command(Command::RecordRating), now);
    let form = form_mut(&mut session);
    assert_eq!(
        form.fields[0].label,
        shuze::app::form::FieldLabel::Text("县领导 廉洁")
    );
    // Exactly two thirds 廉洁+基本廉洁 (6 of 9), exactly a third 不廉洁 (3 of 9): 合格 and
    // no 约谈提醒 (it takes more than a third).
    tallies(&mut session, &[3, 1, 2, 1, 1, 1]);
    session.handle(Action::Confirm, now);
    let said = session.console.recorder.message.clone().unwrap().text;
    assert_eq!(said, "测评结果：合格", "{said}");
    // The recount: one ballot moves to 不廉洁. A new round, the first kept.
    session.handle(Action::Command(Command::RecordRating), now);
    tallies(&mut session, &[3, 1, 2, 1, 0, 2]);
    session.handle(Action::Confirm, now);
    let said = session.console.recorder.message.clone().unwrap().text;
    assert_eq!(said, "测评结果：不合格；处理：约谈提醒", "{said}");
    let slot = session.console.snapshot.agenda[0].id;
    let detail = session.store.slot_detail(slot).unwrap();
    assert_eq!(detail.rating_rounds, 2);
    assert_eq!(detail.tallies[1].counts, vec![1, 0, 2]);
    let rows: i64 = session
        .store
        .connection()
        .query_row(
            "SELECT count(*) FROM rating_tally WHERE round = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 6, "the first round is kept whole");
    session.store.finish_meeting(1, now).unwrap();
    drop(session);

    shuze(
        dir.path(),
        &[
            "export",
            "meeting.db",
            "--kind",
            "record",
            "--format",
            "md",
            "-o",
            "record.md",
            "--force",
        ],
    );
    let record = std::fs::read_to_string(dir.path().join("record.md")).unwrap();
    assert!(
        record.contains(
            "县领导：廉洁 3，基本廉洁 1，不廉洁 2；部门代表：廉洁 1，基本廉洁 0，不廉洁 2。\
                         测评结果：不合格；处理：约谈提醒。经重新计票，以第2轮为准。"
        ),
        "{record}"
    );
    shuze(
        dir.path(),
        &[
            "export",
            "meeting.db",
            "--kind",
            "summary",
            "--format",
            "md",
            "-o",
            "summary.md",
            "--force",
        ],
    );
    let summary = std::fs::read_to_string(dir.path().join("summary.md")).unwrap();
    assert!(
        summary.contains("按测评规则，测评结果：不合格；处理：约谈提醒。经重新计票，以第2轮为准。"),
        "{summary}"
    );
}

#[test]
fn a_rule_that_cannot_be_read_is_named_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = prep("述责述廉会议", "2026-12-18") + &RULES.replace("不廉洁 > 1/3", "很差 > 1/3");
    write_prep(dir.path(), "rules.toml", &bad);
    let out = Process::new(env!("CARGO_BIN_EXE_shuze"))
        .current_dir(dir.path())
        .env("LANG", "zh_CN.UTF-8")
        .args(["import", "rules.toml", "--db", "meeting.db"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    let line = bad.lines().position(|l| l.contains("很差")).unwrap() + 1;
    assert!(
        said.contains(&format!("rules.toml:{line}:"))
            && said.contains("「很差」不是 grades 中的等次"),
        "{said}"
    );
}

#[test]
fn the_record_lists_the_dispatched_items_the_report_never_mentioned() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    let duty = |source: &str, text: &str| {
        format!(
            "\n[[official.duty]]\nsource = \"{source}\"\nquarter = \"2026Q4\"\ntext = \"{text}\"\n\
             status = \"推进中\"\n"
        )
    };
    let text = prep("述责述廉会议", "2026-12-18")
        + &duty("年初提示", "制定主体责任清单")
        + &duty("按季派单", "开展三资清理")
        + &duty("适时增单", "整治违规吃喝");
    write_prep(dir.path(), "items.toml", &text);
    shuze(dir.path(), &["import", "items.toml", "--db", "meeting.db"]);
    let now = moment("2026-12-18");
    let mut session = Session::open(Store::open(&db).unwrap(), None, Lang::Zh, now).unwrap();
    session.handle(Action::Command(Command::NextStage), now);
    session.console.recorder.focus = Pane::Duties;
    // 开展三资清理 ticked; 整治违规吃喝 ticked and the tick taken back.
    for row in [1, 2, 2] {
        session.console.recorder.selected[Pane::Duties.index()] = row;
        session.handle(Action::Command(Command::ToggleMentioned), now);
    }
    let slot = session.console.snapshot.agenda[0].id;
    let detail = session.store.slot_detail(slot).unwrap();
    assert_eq!(detail.mentioned.duty_items, vec![detail.duty_items[1].id]);
    let marks: i64 = session
        .store
        .connection()
        .query_row("SELECT count(*) FROM item_mention", [], |r| r.get(0))
        .unwrap();
    assert_eq!(marks, 3, "each tick and untick is a row of its own");
    session.store.finish_meeting(1, now).unwrap();
    drop(session);
    shuze(
        dir.path(),
        &[
            "export",
            "meeting.db",
            "--kind",
            "record",
            "--format",
            "md",
            "-o",
            "record.md",
            "--force",
        ],
    );
    let record = std::fs::read_to_string(dir.path().join("record.md")).unwrap();
    assert!(
        record.contains(
            "**对照清单**：派单事项2项，述责中提及1项，未提及：【适时增单，2026年第四季度】整治违规吃喝。"
        ),
        "{record}"
    );
}

#[test]
fn rules_on_the_default_scale_decide_the_usual_rating_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    let rules = "\n[rating]\n\n[[rating.rule]]\nwhen = \"好+较好 >= 2/3\"\nresult = \"合格\"\n\n\
                 [[rating.rule]]\nwhen = \"差 > 1/3\"\nconsequence = \"约谈提醒\"\n";
    write_prep(
        dir.path(),
        "rules.toml",
        &(prep("述责述廉会议", "2026-12-18") + rules),
    );
    shuze(dir.path(), &["import", "rules.toml", "--db", "meeting.db"]);
    let now = moment("2026-12-18");
    let mut session = Session::open(Store::open(&db).unwrap(), None, Lang::Zh, now).unwrap();
    session.handle(Action::Command(Command::NextStage), now);
    for (counts, said) in [
        // Exactly two thirds, exactly a third 差.
        ([9, 4, 2, 0, 3], "测评结果：合格"),
        // Below two thirds, 差 past a third: a recount.
        ([9, 3, 2, 0, 4], "测评结果：按规则无结论；处理：约谈提醒"),
    ] {
        session.handle(Action::Command(Command::RecordRating), now);
        tallies(&mut session, &counts);
        session.handle(Action::Confirm, now);
        // More voters than the (empty) attendance: warned once, Enter again goes on.
        if matches!(session.console.recorder.mode, Mode::Form(_)) {
            session.handle(Action::Confirm, now);
        }
        assert_eq!(session.console.recorder.message.clone().unwrap().text, said);
    }
    let shown = screen(&session);
    assert!(
        shown.contains("测评结果：按规则无结论；处理：约谈提醒"),
        "{shown}"
    );
    assert!(shown.contains("第2轮（经重新计票）"), "{shown}");
}

/// The text of a part of an Office file (a zip).
fn part_text(path: &Path, part: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn each_leader_in_charge_gets_one_copy_with_exactly_their_units() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    let official = |position: u32, name: &str, unit: &str, leader: &str| {
        format!(
            "\n[[official]]\nposition = {position}\nname = \"{name}\"\nunit = \"{unit}\"\n\
             post = \"局长\"\nsupervisor = \"{leader}\"\nreport_minutes = 8\n"
        )
    };
    let text = "[meeting]\ntitle = \"述责述廉会议\"\ndate = 2026-12-18\nchair = \"马某\"\nrecorder = \"何某\"\n"
        .to_string()
        + &official(1, "甲某", "县财政局", "李某（县委副书记）")
        + &official(2, "乙某", "县卫健局", "陈某（常务副县长）")
        + &official(3, "丙某", "县民政局", "李某（县委副书记）");
    write_prep(dir.path(), "copies.toml", &text);
    shuze(dir.path(), &["import", "copies.toml", "--db", "meeting.db"]);
    let mut store = Store::open(&db).unwrap();
    for (index, slot) in store.agenda(1).unwrap().iter().enumerate() {
        let follow_up = shuze::domain::FollowUp {
            id: 0,
            source: shuze::domain::FollowUpSource::Remarks,
            category: String::new(),
            problem: format!("问题{}", index + 1),
            task: String::new(),
            measure: format!("措施{}", index + 1),
            lead: String::new(),
            owner: String::new(),
            deadline: Some(day("2027-01-12")),
            deadline_workdays: Some(15),
            mode: shuze::domain::FollowUpMode::ByDeadline,
            progress: String::new(),
            status: shuze::domain::FollowUpStatus::NotStarted,
            copied_to: String::new(),
            raised_on: Some(day("2026-12-18")),
            question: None,
            key: String::new(),
            extra: Vec::new(),
        };
        store.add_follow_up(slot.id, &follow_up, at(60)).unwrap();
    }
    drop(store);
    for format in ["docx", "xlsx"] {
        shuze(
            dir.path(),
            &[
                "export",
                "meeting.db",
                "--kind",
                "copies",
                "--format",
                format,
                "-o",
                "copies",
            ],
        );
        let mut written: Vec<String> = std::fs::read_dir(dir.path().join("copies"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(format))
            .collect();
        written.sort();
        assert_eq!(
            written,
            vec![
                format!("2026-12-18-抄告-李某（县委副书记）.{format}"),
                format!("2026-12-18-抄告-陈某（常务副县长）.{format}"),
            ]
        );
        let part = if format == "docx" {
            "word/document.xml"
        } else {
            "xl/sharedStrings.xml"
        };
        let li = part_text(&dir.path().join("copies").join(&written[0]), part);
        let chen = part_text(&dir.path().join("copies").join(&written[1]), part);
        for (text, has, lacks) in [
            (
                &li,
                ["县财政局", "问题1", "县民政局", "问题3"].as_slice(),
                "问题2",
            ),
            (&chen, ["县卫健局", "问题2", "措施2"].as_slice(), "问题1"),
        ] {
            for wanted in has {
                assert!(text.contains(wanted), "{format}: {wanted} in {text}");
            }
            assert!(!text.contains(lacks), "{format}: {lacks} not in {text}");
        }
        assert!(li.contains("15个工作日（2027-01-12前）"), "{format}");
    }
}

#[test]
fn the_year_report_counts_what_a_hand_count_gives() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    let text = prep("一季度述责述廉会议", "2026-01-20")
        + "\n[[official]]\nposition = 2\nname = \"丁某\"\nunit = \"县水利局\"\npost = \"局长\"\n\
           report_minutes = 8\n"
        + "\n[rating]\n\n[[rating.rule]]\nwhen = \"好+较好 >= 2/3\"\nresult = \"合格\"\n";
    write_prep(dir.path(), "first.toml", &text);
    shuze(dir.path(), &["import", "first.toml", "--db", "meeting.db"]);
    let mut store = Store::open(&db).unwrap();
    let slots = store.agenda(1).unwrap();
    let raise = |problem: &str, deadline: Option<&str>| shuze::domain::FollowUp {
        id: 0,
        source: shuze::domain::FollowUpSource::Remarks,
        category: String::new(),
        problem: problem.into(),
        task: String::new(),
        measure: String::new(),
        lead: String::new(),
        owner: String::new(),
        deadline: deadline.map(day),
        deadline_workdays: None,
        mode: shuze::domain::FollowUpMode::ByDeadline,
        progress: String::new(),
        status: shuze::domain::FollowUpStatus::NotStarted,
        copied_to: String::new(),
        raised_on: Some(day("2026-01-20")),
        question: None,
        key: String::new(),
        extra: Vec::new(),
    };
    let when = moment("2026-01-20");
    let late = store
        .add_follow_up(slots[0].id, &raise("甲", Some("2026-02-10")), when)
        .unwrap();
    let on_time = store
        .add_follow_up(slots[0].id, &raise("乙", Some("2026-04-30")), when)
        .unwrap();
    store
        .add_follow_up(slots[0].id, &raise("丙", Some("2026-02-10")), when)
        .unwrap();
    store
        .add_follow_up(slots[1].id, &raise("丁", None), when)
        .unwrap();
    let rating = shuze::domain::Rating {
        voters: 9,
        excellent: 6,
        good: 0,
        fair: 0,
        poor: 3,
    };
    store.record_rating(slots[0].id, rating, when).unwrap();
    store.finish_meeting(1, when).unwrap();
    drop(store);
    // The second meeting (2 March) finds 甲 and 乙 completed.
    write_prep(
        dir.path(),
        "second.toml",
        &prep("二季度述责述廉会议", "2026-03-02"),
    );
    shuze(dir.path(), &["import", "second.toml", "--db", "meeting.db"]);
    let mut store = Store::open(&db).unwrap();
    let slot = store.agenda(2).unwrap()[0].id;
    for id in [late, on_time] {
        store
            .check_follow_up(
                id,
                slot,
                shuze::domain::FollowUpMark::Completed,
                "",
                moment("2026-03-02"),
            )
            .unwrap();
    }
    // By hand: 某某镇 raised 3 (甲 late, 乙 on time, 丙 open and past 10 February), rated
    // 6 of 9 好 (66.7%, 合格); 县水利局 raised 1, open, no deadline.
    let figures = store.year_figures(2026, day("2026-12-31")).unwrap();
    let town = figures.iter().find(|f| f.unit == "某某镇").unwrap();
    assert_eq!(
        (
            town.raised,
            town.completed_on_time,
            town.completed_late,
            town.open,
            town.overdue
        ),
        (3, 1, 1, 1, 1)
    );
    assert_eq!(format!("{:.1}", town.completion_percent().unwrap()), "66.7");
    assert_eq!(town.ratings.len(), 1);
    assert_eq!(town.ratings[0].result, "合格");
    let water = figures.iter().find(|f| f.unit == "县水利局").unwrap();
    assert_eq!((water.raised, water.open, water.overdue), (1, 1, 0));
    drop(store);

    shuze(
        dir.path(),
        &["report", "meeting.db", "--year", "2026", "-o", "report"],
    );
    let xlsx = dir.path().join("report/2026年度述责述廉工作情况报告.xlsx");
    let docx = dir.path().join("report/2026年度述责述廉工作情况报告.docx");
    assert!(part_text(&xlsx, "xl/charts/chart1.xml").contains("c:barChart"));
    assert!(part_text(&xlsx, "xl/charts/chart2.xml").contains("c:lineChart"));
    let sheet = part_text(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<v>66.7</v>"), "{sheet}");
    let text = part_text(&docx, "word/document.xml");
    assert!(
        text.contains("66.7%（合格）") && text.contains("66.7%"),
        "{text}"
    );
}

#[test]
fn c_and_o_without_their_row_selected_say_what_to_select_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    let mut session = sample_session(&db);
    let now = at(10);
    session.console.recorder.focus = Pane::Questions;
    for (command, said) in [
        (Command::CheckFollowUp, "请先在问题清单栏选中一条以往问题"),
        (
            Command::ToggleMentioned,
            "请先在主体责任事项或廉政风险点栏选中一条",
        ),
    ] {
        session.handle(Action::Command(command), now);
        assert!(matches!(session.console.recorder.mode, Mode::Browse));
        let message = session.console.recorder.message.clone().unwrap();
        assert!(message.is_error && message.text == said, "{message:?}");
    }
    // This meeting's follow-up selected, not an earlier one: C refuses it too.
    session.console.recorder.focus = Pane::FollowUps;
    session.console.recorder.selected[Pane::FollowUps.index()] = 0;
    session
        .console
        .snapshot
        .detail
        .follow_ups
        .push(session.console.snapshot.detail.earlier_follow_ups[0].clone());
    session.handle(Action::Command(Command::CheckFollowUp), now);
    assert!(matches!(session.console.recorder.mode, Mode::Browse));
    let rows: i64 = session
        .store
        .connection()
        .query_row(
            "SELECT (SELECT count(*) FROM follow_up_check) + (SELECT count(*) FROM item_mention)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 0);
}
