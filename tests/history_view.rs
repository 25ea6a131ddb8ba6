//! The history view (issue 22, item 4): `H` in the second of two meetings of the same units
//! in one file shows the first one's date, rating (with the rules' result and the recount),
//! a question with its answer, the remarks and a follow-up with its check; `/` finds a word
//! of an answer; Esc returns to where the recorder was. Nothing it does writes: the file,
//! the room's record among it, is the same after every key. The real binary, in a real
//! terminal.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::pty::Console;
use common::*;
use shuze::domain::{FollowUp, FollowUpMark, FollowUpMode, FollowUpSource, FollowUpStatus, Rating};
use shuze::storage::Store;
use shuze::view::TextTarget;
use std::path::{Path, PathBuf};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn moment(date: &str) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day(date).and_hms_opt(1, 0, 0).unwrap())
}

const RULES: &str = "\n[rating]\n\n[[rating.rule]]\nwhen = \"好+较好 >= 2/3\"\nresult = \"合格\"\n\n\
                     [[rating.rule]]\nwhen = \"差 > 1/3\"\nconsequence = \"约谈提醒\"\n";

fn official(position: u32, name: &str, unit: &str) -> String {
    format!(
        "\n[[official]]\nposition = {position}\nname = \"{name}\"\nunit = \"{unit}\"\n\
         post = \"主要负责人\"\nreport_minutes = 8\n"
    )
}

fn prep(title: &str, date: &str, officials: &[(&str, &str)]) -> String {
    let mut text = format!(
        "[meeting]\ntitle = \"{title}\"\ndate = {date}\nchair = \"马某\"\nrecorder = \"何某\"\n"
    );
    for (index, (name, unit)) in officials.iter().enumerate() {
        text.push_str(&official(index as u32 + 1, name, unit));
        if index == 0 {
            text.push_str("\n[[official.question]]\nasker = \"县纪委 某某\"\ntext = \"村级工程项目如何监管？\"\n");
        }
    }
    text
}

fn follow_up(problem: &str) -> FollowUp {
    FollowUp {
        id: 0,
        source: FollowUpSource::Remarks,
        category: String::new(),
        problem: problem.into(),
        task: String::new(),
        measure: "建立项目台账".into(),
        lead: String::new(),
        owner: String::new(),
        deadline: Some(day("2026-02-10")),
        deadline_workdays: Some(15),
        mode: FollowUpMode::ByDeadline,
        progress: String::new(),
        status: FollowUpStatus::NotStarted,
        copied_to: String::new(),
        raised_on: Some(day("2026-01-20")),
        question: None,
        key: String::new(),
        extra: Vec::new(),
    }
}

/// Two meetings in one file. The first (20 January 2026, ended): 张某 of 某某镇 answers a
/// question, the chair remarks, the rating is counted twice under the meeting's rules and a
/// follow-up is raised; 李某 of 县某局 reports too. The second (2 March 2026): 张某 again,
/// who checks the follow-up as 逾期; 李某 now heads another unit (found by name, 李 某
/// written with a space); 王某 of a unit never heard before.
fn two_meetings(dir: &Path) -> PathBuf {
    let db = dir.join("meeting.db");
    let first = prep(
        "一季度述责述廉会议",
        "2026-01-20",
        &[("张某", "某某镇"), ("李某", "县某局")],
    ) + RULES;
    write_prep(dir, "first.toml", &first);
    let mut store = Store::create_or_open(&db).unwrap();
    shuze::prep::import_file(&dir.join("first.toml"), &mut store, moment("2026-01-19")).unwrap();
    let now = moment("2026-01-20");
    for slot in store.agenda(1).unwrap() {
        report_through(&mut store, slot.id, now);
    }
    let slot = store.agenda(1).unwrap()[0].id;
    let question = store.slot_detail(slot).unwrap().questions[0].id;
    let answer = TextTarget::Answer { slot, question };
    store.mark_asked(question, now).unwrap();
    store
        .save_text(answer, "已建立项目台账，全部工程公开招标", now)
        .unwrap();
    store
        .save_text(TextTarget::Remarks { slot }, "整改要有时限，台账要实", now)
        .unwrap();
    for (excellent, good) in [(6, 2), (9, 2)] {
        let rating = Rating {
            voters: 12,
            excellent,
            good,
            fair: 1,
            poor: 0,
        };
        store.record_rating(slot, rating, now).unwrap();
    }
    let raised = store
        .add_follow_up(slot, &follow_up("村级工程项目监管存在漏洞"), now)
        .unwrap();
    let other = store.agenda(1).unwrap()[1].id;
    store
        .add_follow_up(other, &follow_up("公务接待超标准"), now)
        .unwrap();
    store.finish_meeting(1, now).unwrap();

    let second = prep(
        "二季度述责述廉会议",
        "2026-03-02",
        &[
            ("张某", "某某镇"),
            ("李 某", "县另一局"),
            ("王某", "县新设局"),
        ],
    );
    write_prep(dir, "second.toml", &second);
    shuze::prep::import_file(&dir.join("second.toml"), &mut store, moment("2026-03-01")).unwrap();
    let now = moment("2026-03-02");
    let slot = store.agenda(2).unwrap()[0].id;
    store
        .check_follow_up(raised, slot, FollowUpMark::Overdue, "施工方未按期整改", now)
        .unwrap();
    db
}

/// Takes an official from 待述责 through every stage to 已完成.
fn report_through(store: &mut Store, slot: shuze::domain::Id, now: chrono::DateTime<Utc>) {
    use shuze::domain::Stage::*;
    let stages = [Pending, Report, Questions, Remarks, Rating, FollowUps, Done];
    for pair in stages.windows(2) {
        store.set_stage(slot, pair[0], pair[1], now).unwrap();
    }
}

/// Every row of every table, in order: the whole file as the program recorded it.
fn contents(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables.retain(|t| !t.starts_with("sqlite_"));
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
            .unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                (0..columns)
                    .map(|i| {
                        row.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        for row in rows {
            out.push_str(&format!("{table}: {}\n", row.unwrap().join(" | ")));
        }
    }
    out
}

/// The screen's rows without their trailing blanks (the terminal may hold a cleared row's
/// end as spaces or as nothing).
fn trimmed(screen: &str) -> String {
    screen
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn start(db: &Path, cols: u16, rows: u16, extra: &[&str]) -> Console {
    let data = db.parent().unwrap().join("data");
    let data = data.to_str().unwrap();
    let mut args = vec![db.to_str().unwrap(), "--meeting", "2"];
    args.extend(extra);
    let console = Console::start_with_env(&args, cols, rows, &[("XDG_DATA_HOME", data)]);
    console.wait_for("张某", 10);
    console
}

#[test]
fn h_shows_the_earlier_meeting_and_esc_returns_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = two_meetings(dir.path());
    let mut console = start(&db, 160, 45, &[]);
    console.wait_for("第 1/3 位", 10);
    // The whole first frame: the last pane's row, then the footer, drawn last.
    console.wait_for("[逾期] 村级工程项目监管存在漏洞", 5);
    console.wait_for("q 保存并退出", 5);
    let before = contents(&db);
    let place = trimmed(&console.screen());

    console.send_now("H");
    console.wait_for("以往会议记录（只读）", 5);
    for shown in [
        "2026-01-20  一季度述责述廉会议",
        "述责人：张某（某某镇 主要负责人）",
        "好 9  较好 2  一般 1  差 0（参评 12 人，有效票 12）",
        "测评结果：合格",
        "第2轮（经重新计票）",
        "1. 县纪委 某某：村级工程项目如何监管？",
        "答：已建立项目台账，全部工程公开招标",
        "整改要有时限，台账要实",
        "1. 村级工程项目监管存在漏洞",
        "逾期 10 个工作日",
        "核查：逾期：施工方未按期整改（2026-03-02核查）",
    ] {
        console.wait_for(shown, 5);
    }
    // Another unit's follow-up is not this one's; 张某 reported then.
    assert!(!console.screen().contains("公务接待超标准"));
    assert!(!console.screen().contains("未述责"));

    // `/` finds a word of the answer, marked on its row; Enter keeps it for n/N.
    console.send_now("/招标");
    console.wait_for("/招标   1 处", 5);
    let marked = console.with_screen(|screen| {
        let (rows, cols) = screen.size();
        (0..rows.get()).any(|row| {
            (0..cols.get()).any(|col| {
                screen
                    .cell(row, col)
                    .is_some_and(|c| c.contents() == "招" && c.underline())
            })
        })
    });
    assert!(marked, "the word found is marked:\n{}", console.screen());
    console.send_now("\r");
    console.wait_for("n/N 下一处/上一处", 5);
    console.send_now("n");

    // Esc returns exactly where the recorder was; nothing was written meanwhile.
    console.send_now("\x1b");
    console.wait_gone("以往会议记录（只读）", 5);
    if !eventually(5, || trimmed(&console.screen()) == place) {
        panic!("before:\n{place}\nafter:\n{}", trimmed(&console.screen()));
    }
    assert_eq!(contents(&db), before, "the file changed");
}

#[test]
fn no_key_in_the_history_writes_and_the_room_keeps_its_picture() {
    let dir = tempfile::tempdir().unwrap();
    let db = two_meetings(dir.path());
    let mut console = start(&db, 100, 30, &[]);
    console.wait_for("第 1/3 位", 10);
    let before = contents(&db);
    console.send_now("H");
    console.wait_for("以往会议记录（只读）", 5);
    // Every browsing key that edits, moves or chooses a picture, pressed in the view.
    let mut keys = String::new();
    for binding in shuze::app::keys::BROWSE_KEYS {
        for code in binding.codes {
            if let shuze::app::key::KeyCode::Char(c) = code
                && !"Hq/P".contains(*c)
            {
                keys.push(*c);
            }
        }
    }
    keys.push_str("\r\t");
    for key in keys.chars() {
        console.send_now(&key.to_string());
    }
    // The view is still open and answers its own keys after them.
    console.send_now("/公开招标");
    console.wait_for("/公开招标   1 处", 5);
    assert_eq!(
        contents(&db),
        before,
        "a key in the history wrote to the file"
    );
    console.send_now("\x1bH");
    console.wait_gone("以往会议记录（只读）", 5);
    assert_eq!(
        contents(&db),
        before,
        "closing the history wrote to the file"
    );
}

#[test]
fn the_one_terminal_picture_shows_nothing_of_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = two_meetings(dir.path());
    let mut console = start(&db, 100, 30, &[]);
    console.wait_for("第 1/3 位", 10);
    console.send_now("P");
    console.wait_gone("第 1/3 位", 5);
    let before = contents(&db);
    console.send_now("H");
    console.wait_for("以往会议记录不投影", 5);
    let screen = console.screen();
    for private in ["一季度述责述廉会议", "公开招标", "村级工程项目监管存在漏洞"]
    {
        assert!(!screen.contains(private), "{private} projected:\n{screen}");
    }
    // P: the recorder's layout, where the history is read.
    console.send_now("P");
    console.wait_for("2026-01-20  一季度述责述廉会议", 5);
    console.send_now("\x1b");
    console.wait_gone("以往会议记录（只读）", 5);
    assert_eq!(contents(&db), before, "the room's record changed");
}

#[test]
fn the_unit_is_found_by_the_persons_name_and_a_new_unit_has_no_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = two_meetings(dir.path());
    let mut console = start(&db, 120, 36, &[]);
    console.wait_for("第 1/3 位", 10);
    // 李 某 of 县另一局: the first meeting's 李某 of 县某局, by name.
    console.send_now("n");
    console.wait_for("第 2/3 位", 5);
    console.send_now("H");
    console.wait_for("述责人：李某（县某局 主要负责人）", 5);
    console.wait_for("1. 公务接待超标准", 5);
    console.send_now("\x1b");
    console.wait_gone("以往会议记录（只读）", 5);
    console.send_now("n");
    console.wait_for("第 3/3 位", 5);
    console.send_now("H");
    console.wait_for("没有以往的会议记录", 5);
}

#[test]
fn the_history_in_english_and_at_the_smallest_and_largest_windows() {
    let dir = tempfile::tempdir().unwrap();
    let db = two_meetings(dir.path());
    let mut console = start(&db, 60, 18, &["--lang", "en"]);
    console.send_now("H");
    console.wait_for("Earlier meetings (read-only)", 5);
    console.wait_for("2026-01-20", 5);
    // Its words in English; the data as recorded.
    console.send_now("/Rating result");
    console.wait_for("Rating result: 合格", 5);
    console.send_now("\r");
    console.send_now("\x1b[F"); // End
    console.wait_for("Checked: overdue: 施工方未按期整改", 5);
    let labels: Vec<&str> = ["以往", "述责人", "测评结果", "核查", "逾期 "]
        .into_iter()
        .filter(|word| console.screen().contains(word))
        .collect();
    assert!(labels.is_empty(), "{labels:?}:\n{}", console.screen());
    console.resize(240, 67);
    console.send_now("\x1b[H"); // Home
    console.wait_for("Reported: 张某 (某某镇, 主要负责人)", 5);
    console.wait_for("Checked: overdue: 施工方未按期整改 (checked 2026-03-02)", 5);
}

/// A meeting's own scale and voter groups, its follow-ups imported with the preparation,
/// and a later meeting: the history of the earlier meeting's official leaves the later one
/// out; the later one's shows the tallies per group, the rules' consequence and the
/// imported follow-up with when it was raised.
#[test]
fn own_scales_groups_and_imported_follow_ups_and_only_earlier_meetings() {
    use shuze::app::history::lines_of;
    use shuze::labels::Lang;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meeting.db");
    let scale = "\n[rating]\ngrades = [\"廉洁\", \"基本廉洁\", \"不廉洁\"]\ngroups = [\"县领导\", \"部门代表\"]\n\n\
                 [[rating.rule]]\nwhen = \"不廉洁 > 1/3\"\ngroup = \"县领导\"\nconsequence = \"约谈提醒\"\n";
    let imported = "\n[[official.earlier_follow_up]]\nproblem = \"廉政谈话未实现逐级全覆盖\"\n\
                    status = \"整改中\"\nraised_on = 2025-10-12\n";
    let portrait = "\n[[official.portrait]]\ndimension = \"选人用人\"\nproblem = \"个别岗位长期未轮岗\"\n\
                    suggestion = \"建立轮岗台账\"\n\n[[official.talk]]\ndate = 2025-12-15\n\
                    talker = \"县纪委副书记 刘某\"\ncontent = \"就惠民资金发放不公开进行提醒\"\n";
    let first = prep("一季度述责述廉会议", "2026-01-20", &[("张某", "某某镇")])
        + imported
        + portrait
        + scale;
    write_prep(dir.path(), "first.toml", &first);
    let mut store = Store::create_or_open(&db).unwrap();
    shuze::prep::import_file(
        &dir.path().join("first.toml"),
        &mut store,
        moment("2026-01-19"),
    )
    .unwrap();
    let slot = store.agenda(1).unwrap()[0].id;
    report_through(&mut store, slot, moment("2026-01-20"));
    let scheme = store.rating_scheme(1).unwrap();
    let tallies = [("县领导", [2, 0, 2]), ("部门代表", [5, 1, 0])].map(|(group, counts)| {
        shuze::domain::rating_rules::GroupTally {
            group: group.into(),
            counts: counts.to_vec(),
        }
    });
    store
        .record_tallies(slot, &scheme, &tallies, moment("2026-01-20"))
        .unwrap();
    let second = prep("二季度述责述廉会议", "2026-03-02", &[("张某", "某某镇")]);
    write_prep(dir.path(), "second.toml", &second);
    shuze::prep::import_file(
        &dir.path().join("second.toml"),
        &mut store,
        moment("2026-03-01"),
    )
    .unwrap();

    // From the first meeting: nothing before it but the imported follow-up.
    let history = store.history(slot).unwrap();
    assert!(history.meetings.is_empty(), "{history:?}");
    assert_eq!(history.imported.len(), 1);

    let later = store.agenda(2).unwrap()[0].id;
    let history = store.history(later).unwrap();
    assert_eq!(history.meetings.len(), 1);
    let text: Vec<String> = lines_of(&history, Lang::Zh)
        .iter()
        .map(|l| l.shown())
        .collect();
    let text = text.join("\n");
    for shown in [
        "县领导：廉洁 2，基本廉洁 0，不廉洁 2",
        "部门代表：廉洁 5，基本廉洁 1，不廉洁 0",
        "测评结果：按规则无结论；处理：约谈提醒",
        "准备文件中的以往整改问题",
        "1. 廉政谈话未实现逐级全覆盖",
        "提出时间：2025-10-12",
        "状态：整改中",
        "政治画像",
        "2026-01-20 [选人用人] 个别岗位长期未轮岗",
        "建议: 建立轮岗台账",
        "提醒谈话",
        "2025-12-15 县纪委副书记 刘某: 就惠民资金发放不公开进行提醒",
    ] {
        assert!(text.contains(shown), "{shown} missing:\n{text}");
    }
    assert!(!text.contains("重新计票"), "{text}");
}
