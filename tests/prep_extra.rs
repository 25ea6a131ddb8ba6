//! A column of the prep the program has no field for (备注, 分管领导意见 in 责任事项,
//! 廉政风险点 and 以往整改) kept with its row: said in the import's summary, stored, shown on the card, listed in the
//! ledger and the JSON, and written back by export-prep so that importing it again gives the
//! same fields.

mod common;

use calamine::{Reader, Xlsx};
use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shuze::app::Action;
use shuze::labels::Lang;
use shuze::session::Session;
use shuze::storage::Store;
use shuze::ui::{self, Theme};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A CSV folder: one official, a duty item and a risk point with an unknown column each, and
/// two earlier follow-ups with two.
fn folder(dir: &Path) -> PathBuf {
    let folder = dir.join("准备");
    std::fs::create_dir(&folder).unwrap();
    let files = [
        (
            "会议信息",
            "会议名称,会议日期,主持人,记录人\n某县2026年度述责述廉会议,2026-12-18,马某,何某\n",
        ),
        (
            "议程",
            "顺序,姓名,单位,职务,述责时长\n1,张某,某某镇,党委书记,8\n",
        ),
        (
            "责任事项",
            "姓名,来源,季度,事项内容,备注\n张某,按季派单,2026Q4,落实谈话制度,已报县纪委\n",
        ),
        (
            "廉政风险点",
            "姓名,风险点,风险等级,分管领导意见\n张某,工程项目招投标,高,重点监督\n",
        ),
        (
            "以往整改",
            "姓名,问题,整改状态,备注,分管领导意见\n\
             张某,资金分配未集体研究,整改中,已约谈,同意限期整改\n\
             张某,公务用车登记不全,已完成,,请继续抓好\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(folder.join(format!("{name}.csv")), text).unwrap();
    }
    folder
}

fn shuze(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shuze"))
        .args(args)
        .output()
        .unwrap()
}

fn said(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string() + &String::from_utf8_lossy(&output.stderr)
}

fn ok(args: &[&str]) -> String {
    let output = shuze(args);
    let text = said(&output);
    assert!(output.status.success(), "{args:?}: {text}");
    text
}

/// `shuze export` of `kind` as `format` into `dir`; the file's path.
fn export(db: &Path, dir: &Path, kind: &str, format: &str) -> PathBuf {
    let out = dir.join(format!("{kind}.{format}"));
    let (db, path) = (db.to_str().unwrap(), out.to_str().unwrap());
    ok(&["export", db, "--kind", kind, "--format", format, "-o", path]);
    out
}

fn imported(dir: &Path) -> PathBuf {
    let db = dir.join("m.db");
    let prep = folder(dir);
    let text = ok(&[
        "import",
        prep.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    for column in ["备注", "分管领导意见"] {
        assert!(
            text.contains(&format!("不认得的列「{column}」：作为其他信息随每行保留")),
            "{text}"
        );
    }
    db
}

/// The extra fields of the duty item, the risk point and each earlier follow-up, as
/// `label=value`.
fn fields(p: &shuze::prep::Preparation) -> Vec<Vec<String>> {
    let o = &p.prepared.officials[0];
    let rows = o.duty_items.iter().map(|d| &d.extra);
    let rows = rows.chain(o.risk_points.iter().map(|r| &r.extra));
    rows.chain(o.earlier_follow_ups.iter().map(|f| &f.extra))
        .map(|extra| {
            extra
                .iter()
                .map(|e| format!("{}={}", e.label, e.value))
                .collect()
        })
        .collect()
}

#[test]
fn unknown_columns_are_stored_and_come_back_through_export_prep() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut statement = conn
        .prepare("SELECT row_kind, position, label, value FROM extra_field ORDER BY id")
        .unwrap();
    let stored: Vec<String> = statement
        .query_map([], |r| {
            Ok(format!(
                "{} {} {}={}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        stored,
        [
            "duty_item 0 备注=已报县纪委",
            "risk_point 0 分管领导意见=重点监督",
            "follow_up 0 备注=已约谈",
            "follow_up 1 分管领导意见=同意限期整改",
            "follow_up 0 分管领导意见=请继续抓好"
        ]
    );
    let want = vec![
        vec!["备注=已报县纪委".to_string()],
        vec!["分管领导意见=重点监督".to_string()],
        vec![
            "备注=已约谈".to_string(),
            "分管领导意见=同意限期整改".into(),
        ],
        vec!["分管领导意见=请继续抓好".to_string()],
    ];
    for name in ["back.xlsx", "back.toml", "back"] {
        let out = dir.path().join(name);
        ok(&[
            "export-prep",
            db.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        let again = shuze::prep::read_file(&out).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(fields(&again), want, "{name}");
    }
}

#[test]
fn unknown_columns_are_in_the_ledger_the_json_and_on_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let ledger = export(&db, dir.path(), "ledger", "xlsx");
    let mut book: Xlsx<_> = calamine::open_workbook(&ledger).unwrap();
    let range = book.worksheet_range("整改台账").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let n = rows[0].len();
    assert_eq!(rows[0][n - 2..], ["备注", "分管领导意见"]);
    assert_eq!(rows[1][n - 2..], ["已约谈", "同意限期整改"]);
    assert_eq!(rows[2][n - 2..], ["", "请继续抓好"]);

    let json = export(&db, dir.path(), "record", "json");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let extra = &value["officials"][0]["earlier_follow_ups"][0]["extra"];
    assert_eq!(
        extra,
        &serde_json::json!([
            {"label": "备注", "value": "已约谈"},
            {"label": "分管领导意见", "value": "同意限期整改"}
        ]),
        "{value:#}"
    );

    let mut session =
        Session::open(Store::create_or_open(&db).unwrap(), None, Lang::Zh, at(0)).unwrap();
    for (width, height) in [(160, 45), (200, 50)] {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| ui::draw(frame, &session.console, &Theme::projector_dark()))
            .unwrap();
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|cell| cell.symbol())
            .collect();
        let squeezed: String = screen.split_whitespace().collect();
        for line in [
            "其他:备注：已约谈；分管领导意见：同意限期整改",
            "其他:备注：已报县纪委",
            "其他:分管领导意见：重点监督",
        ] {
            assert!(
                squeezed.contains(line),
                "{width}x{height}: {line}
{screen}"
            );
        }
    }
    // Once the official has reported, the record lists the follow-up with its fields.
    session.handle(Action::Command(shuze::app::Command::NextStage), at(0));
    drop(session);
    let lines = [
        "其他：备注：已约谈；分管领导意见：同意限期整改。",
        "落实情况：（未报告）（未启动）。其他：备注：已报县纪委。",
        "其他：分管领导意见：重点监督。",
    ];
    for format in ["md", "html", "docx"] {
        let out = export(&db, dir.path(), "record", format);
        let text = match format {
            "docx" => {
                let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
                let mut xml = String::new();
                let mut part = zip.by_name("word/document.xml").unwrap();
                std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
                xml
            }
            _ => std::fs::read_to_string(&out).unwrap(),
        };
        for line in lines {
            assert!(text.contains(line), "{format}: {line}\n{text}");
        }
    }
}
