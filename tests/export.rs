//! Exports of a recorded sample meeting: golden Markdown and JSON, the Word file's XML, the
//! spreadsheet read back with calamine, the CSV with its byte-order mark, and file safety.

mod common;

use calamine::{Data, Reader, Xlsx};
use chrono::FixedOffset;
use common::*;
use shuze::export::{self, Format, Kind, Minutes, Options};
use std::io::Read;
use std::path::Path;

fn options() -> Options {
    Options {
        revisions: false,
        offset: FixedOffset::east_opt(8 * 3600).unwrap(),
        fonts: export::Fonts::Gb2312,
    }
}

fn minutes(path: &Path, include_notes: bool) -> Minutes {
    let session = recorded_sample(path);
    let mut minutes = Minutes::build(&session.store, 1, include_notes, at(100_000)).unwrap();
    // The chain's times are the clock's: the golden files print a hash of their own.
    let head = minutes.chain.as_mut().expect("no chain head");
    head.hash = "0123456789abcdef".repeat(4);
    head.at = at(99_000);
    minutes
}

fn text(minutes: &Minutes, kind: Kind, format: Format) -> String {
    String::from_utf8(export::render(minutes, kind, format, &options()).unwrap()).unwrap()
}

/// Compares with `tests/golden/NAME`; `UPDATE_GOLDEN=1` rewrites it.
fn assert_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from tests/golden (UPDATE_GOLDEN=1 cargo test --test export rewrites it):\n{actual}"
    );
}

/// The JSON with each follow-up's identity (new in every file) written as `KEY`, after
/// checking it is one: 32 hex digits.
fn without_keys(json: &str) -> String {
    json.lines()
        .map(|line| match line.trim_start().strip_prefix("\"key\": \"") {
            Some(rest) => {
                let key = rest.trim_end_matches(['"', ',']);
                assert!(
                    key.len() == 32 && key.chars().all(|c| c.is_ascii_hexdigit()),
                    "{line}"
                );
                line.replace(key, "KEY")
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn the_record_in_markdown_matches_the_golden_file() {
    let (_dir, path) = temp_db();
    assert_golden(
        "record.md",
        &text(&minutes(&path, false), Kind::Record, Format::Md),
    );
}

#[test]
fn the_summary_in_markdown_matches_the_golden_file() {
    let (_dir, path) = temp_db();
    assert_golden(
        "summary.md",
        &text(&minutes(&path, false), Kind::Summary, Format::Md),
    );
}

#[test]
fn the_json_matches_the_golden_file_and_holds_every_revision() {
    let (_dir, path) = temp_db();
    let json = text(&minutes(&path, false), Kind::Record, Format::Json);
    assert_golden("record.json", &without_keys(&json));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format_version"], 1);
    let first = &value["officials"][0];
    assert_eq!(
        first["questions"][0]["answer_revisions"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        first["timings"].as_array().unwrap().len(),
        5,
        "one timing per stage"
    );
}

#[test]
fn private_notes_are_exported_only_when_asked_for() {
    let (_dir, path) = temp_db();
    let note = "会后单独提醒张某";
    let without = minutes(&path, false);
    for (kind, format) in [
        (Kind::Record, Format::Md),
        (Kind::Record, Format::Json),
        (Kind::Record, Format::Html),
        (Kind::Summary, Format::Md),
    ] {
        assert!(
            !text(&without, kind, format).contains(note),
            "{kind:?} {format:?}"
        );
    }
    let (_dir2, path2) = temp_db();
    let with = minutes(&path2, true);
    assert!(text(&with, Kind::Record, Format::Md).contains(note));
    assert!(text(&with, Kind::Record, Format::Json).contains(note));
}

#[test]
fn revisions_are_added_to_the_record_when_asked_for() {
    let (_dir, path) = temp_db();
    let m = minutes(&path, false);
    let with = Options {
        revisions: true,
        ..options()
    };
    let md =
        String::from_utf8(export::render(&m, Kind::Record, Format::Md, &with).unwrap()).unwrap();
    assert!(md.contains("曾记为“我们制定了责任清单，”"), "{md}");
}

/// The XML of one part of a DOCX.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn the_word_record_has_the_official_page_fonts_and_every_answer() {
    let (_dir, path) = temp_db();
    let m = minutes(&path, false);
    let bytes = export::render(&m, Kind::Record, Format::Docx, &options()).unwrap();
    assert_valid_ooxml_bytes("record.docx", &bytes);
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    assert!(
        doc.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#),
        "37/26/35/28 mm"
    );
    assert!(
        doc.contains(r#"<w:docGrid w:type="lines" w:linePitch="579"/>"#),
        "22 lines"
    );
    assert!(
        doc.contains(r#"<w:spacing w:val="-5"/>"#),
        "28 characters a line"
    );
    assert!(
        doc.contains(r#"w:line="579" w:lineRule="exact""#),
        "28.95 pt exact"
    );
    assert!(doc.contains(r#"w:firstLine="640""#), "two-character indent");
    for answer in m
        .officials
        .iter()
        .flat_map(|o| &o.questions)
        .filter_map(|q| q.question.answer.as_ref())
    {
        for line in answer.body.lines() {
            assert!(doc.contains(line), "answer {line:?} missing");
        }
    }
    let runs = doc.matches("<w:r>").count();
    let east_asian = doc.matches("<w:r><w:rPr>").count();
    assert!(runs > 100 && runs == east_asian, "every run has properties");
    for run in doc.split("<w:r>").skip(1) {
        let props = run.split("</w:rPr>").next().unwrap();
        assert!(
            props.contains("w:eastAsia="),
            "a run without an East Asian font: {props}"
        );
        assert!(props.contains(r#"w:ascii="Times New Roman""#));
    }
    assert!(doc.contains(r#"w:eastAsia="方正小标宋简体""#), "title font");
    assert!(doc.contains(r#"<w:sz w:val="44"/>"#), "title in 2号");
    assert!(doc.contains(r#"w:eastAsia="黑体""#) && doc.contains(r#"w:eastAsia="楷体_GB2312""#));
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>"#));
    let footer = part(&bytes, "word/footer1.xml");
    assert!(
        footer.contains("— ")
            && footer.contains("PAGE")
            && footer.contains(r#"<w:sz w:val="28"/>"#)
    );
}

#[test]
fn the_windows_font_setting_writes_the_stock_names() {
    let (_dir, path) = temp_db();
    let m = minutes(&path, false);
    let windows = Options {
        fonts: export::Fonts::Windows,
        ..options()
    };
    let bytes = export::render(&m, Kind::Summary, Format::Docx, &windows).unwrap();
    assert_valid_ooxml_bytes("summary.docx", &bytes);
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains(r#"w:eastAsia="仿宋""#) && !doc.contains("GB2312"));
}

#[test]
fn the_spreadsheet_ledger_reads_back_with_dates_as_dates() {
    let (_dir, path) = temp_db();
    let m = minutes(&path, false);
    let bytes = export::render(&m, Kind::Ledger, Format::Xlsx, &options()).unwrap();
    assert_valid_ooxml_bytes("ledger.xlsx", &bytes);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let range = book.worksheet_range("整改台账").unwrap();
    let rows: Vec<_> = range.rows().collect();
    let earlier: usize = m.officials.iter().map(|o| o.earlier_follow_ups.len()).sum();
    assert_eq!(
        rows.len(),
        2 + earlier,
        "header, the new follow-up, the earlier ones"
    );
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, export::ledger::columns());
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows[1];
    let follow_up = &m.officials[0].follow_ups[0];
    assert_eq!(row[0], Data::Float(1.0), "序号 is a number");
    assert_eq!(row[column("述责对象")].to_string(), "张某");
    assert_eq!(row[column("单位职务")].to_string(), "某某镇党委书记");
    assert_eq!(row[column("问题描述")].to_string(), follow_up.problem);
    assert_eq!(row[column("整改措施")].to_string(), follow_up.measure);
    assert_eq!(row[column("抄告")].to_string(), "李某（县委副书记）");
    assert_eq!(row[column("本次会议更新")].to_string(), "本次会议提出");
    match &row[column("完成时限")] {
        Data::DateTime(d) => {
            let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            let day = chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
            assert_eq!(d.as_f64(), (day - epoch).num_days() as f64);
        }
        other => panic!("the deadline is not a date cell: {other:?}"),
    }
    let date = |cell: &Data| match cell {
        Data::DateTime(d) => d.as_f64(),
        other => panic!("提出时间 is not a date cell: {other:?}"),
    };
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    let held = chrono::NaiveDate::from_ymd_opt(2026, 12, 18).unwrap();
    assert_eq!(
        date(&row[column("提出时间")]),
        (held - epoch).num_days() as f64,
        "this meeting's date"
    );
    for row in &rows[1..] {
        date(&row[column("提出时间")]);
    }
    let styles = part(&bytes, "xl/styles.xml");
    assert!(
        styles.contains(r#"<name val="仿宋"/><family val="2"/><charset val="134"/>"#),
        "cells in 仿宋 marked for Chinese text: {styles}"
    );
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"ySplit="1""#), "header frozen");
    assert!(sheet.contains("<autoFilter"), "filter on");
    assert!(sheet.contains(r#"orientation="landscape""#) && sheet.contains(r#"paperSize="9""#));
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "header repeated on every page"
    );
    assert!(
        sheet.contains(r#"<col min="7" max="7" width="#),
        "widths set"
    );
    assert!(
        sheet.contains("<colBreaks"),
        "columns divided between pages"
    );
}

#[test]
fn the_csv_ledger_has_a_bom_and_the_same_rows() {
    let (_dir, path) = temp_db();
    let m = minutes(&path, false);
    let bytes = export::render(&m, Kind::Ledger, Format::Csv, &options()).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, export::ledger::columns());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][11], "2027-03-31");
    assert!(rows[0][17].contains("提问"), "备注 names the question");
}

#[test]
fn the_html_is_self_contained_and_escapes_what_was_typed() {
    let (_dir, path) = temp_db();
    let mut session = recorded_sample(&path);
    session.handle(
        shuze::app::Action::Command(shuze::app::Command::EditClosing),
        at(99_000),
    );
    session.handle(
        shuze::app::Action::Paste("<script>alert(1)</script>".into()),
        at(99_001),
    );
    session.handle(shuze::app::Action::Cancel, at(99_002));
    let m = Minutes::build(&session.store, 1, false, at(100_000)).unwrap();
    let html = text(&m, Kind::Record, Format::Html);
    assert!(!html.contains("<script>"), "typed text is escaped");
    assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"));
    assert!(html.contains("@page { size: A4"));
    assert!(
        html.contains("class=\"break\""),
        "page breaks between officials"
    );
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network"
    );
}

#[test]
fn a_meeting_with_nothing_recorded_still_exports_and_says_so() {
    let (dir, db) = temp_db();
    let file = write_prep(dir.path(), "prep.toml", MINIMAL_PREP);
    let mut store = shuze::storage::Store::create_or_open(&db).unwrap();
    shuze::prep::import_file(&file, &mut store, at(0)).unwrap();
    let m = Minutes::build(&store, 1, false, at(10)).unwrap();
    let record = text(&m, Kind::Record, Format::Md);
    assert!(
        record.starts_with("内部资料 注意保存\n\n# 测试会议记录（草稿）"),
        "a meeting not ended is a draft: {record}"
    );
    assert!(
        record.contains("**未述责**：") && record.contains("本次会议未形成整改事项"),
        "{record}"
    );
    assert!(
        !record.contains("采取了哪些行动") && !record.contains("（未记录回答）"),
        "a question never put is not listed as if asked: {record}"
    );
    assert!(!record.contains("散会"), "no 散会 before the meeting ends");
    assert!(record.contains("本次会议未进行民主测评"));
    let written = export::write_all(&m, &dir.path().join("out"), &options(), false).unwrap();
    assert_eq!(written.len(), 9);
    let csv = std::fs::read(dir.path().join("out/2026-12-18-整改台账（草稿）.csv")).unwrap();
    assert_eq!(
        String::from_utf8(csv[3..].to_vec())
            .unwrap()
            .lines()
            .count(),
        1,
        "the header only"
    );
}

#[test]
fn an_existing_file_is_kept_unless_forced_and_new_files_are_private() {
    let (dir, path) = temp_db();
    let m = minutes(&path, false);
    let out = dir.path().join("out");
    export::write_all(&m, &out, &options(), false).unwrap();
    let err = export::write_all(&m, &out, &options(), false).unwrap_err();
    assert!(
        err.to_string().contains("已存在") && err.to_string().contains("--force"),
        "{err}"
    );
    export::write_all(&m, &out, &options(), true).unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o700
        );
        for entry in std::fs::read_dir(&out).unwrap() {
            let mode = entry.unwrap().metadata().unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }
}

#[test]
fn the_command_line_refuses_a_format_the_kind_has_not() {
    let (dir, _) = temp_db();
    let db = dir.path().join("m.db");
    std::fs::copy(SAMPLE_DB, &db).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
            .arg("export")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let output = run(&["--kind", "ledger", "--format", "docx"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("整改台账不能导出为Word 文档（docx）")
            && stderr.contains("Excel 表格（xlsx）、CSV 表格（csv）"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Ledger") && !stderr.contains("Docx"),
        "no English enum names: {stderr}"
    );
    let target = dir.path().join("记录.md");
    let output = run(&[
        "--kind",
        "record",
        "--format",
        "md",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("内部资料 注意保存\n\n# 某县纪委监委2026年度述责述廉会议记录")
    );
    let again = run(&[
        "--kind",
        "record",
        "--format",
        "md",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert!(!again.status.success(), "no overwrite without --force");
}

#[test]
fn the_console_key_exports_everything_beside_the_database() {
    let (dir, path) = temp_db();
    let mut session = recorded_sample(&path);
    session.handle(
        shuze::app::Action::Command(shuze::app::Command::Export),
        at(200_000),
    );
    match &session.console.recorder.mode {
        shuze::app::Mode::Notice(paths) => {
            // Every kind in every format, and a copy per leader in charge (双向抄告).
            let copies = paths.iter().filter(|p| p.contains("-抄告-")).count();
            assert_eq!(paths.len() - copies, 9);
            assert!(copies > 0, "{paths:?}");
            assert!(paths.iter().all(|p| Path::new(p).starts_with(dir.path())));
            assert!(paths.iter().all(|p| Path::new(p).is_file()));
        }
        other => panic!("the written paths are shown: {other:?}"),
    }
}

#[test]
fn the_word_package_holds_only_linked_parts_deflated_with_real_properties() {
    let (_dir, path) = temp_db();
    let m = minutes(&path, false);
    let bytes = export::render(&m, Kind::Record, Format::Docx, &options()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    let rels = part(&bytes, "word/_rels/document.xml.rels") + &part(&bytes, "_rels/.rels");
    for name in &names {
        let linked = name.ends_with(".rels")
            || name == "[Content_Types].xml"
            || rels.contains(&format!("Target=\"{name}\""))
            || rels.contains(&format!("Target=\"{}\"", name.trim_start_matches("word/")));
        assert!(linked, "{name} is linked from a relationship");
        let file = zip.by_name(name).unwrap();
        assert_eq!(
            file.compression(),
            zip::CompressionMethod::Deflated,
            "{name}"
        );
    }
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>某县纪委监委2026年度述责述廉会议记录（草稿）</dc:title>"));
    assert!(
        core.contains("<dc:creator>何某</dc:creator>"),
        "the recorder is the author"
    );
    assert!(
        core.contains(">2026-12-19T04:46:40Z</dcterms:created>"),
        "{core}"
    );
}

#[test]
fn word_headings_tables_and_paragraphs_are_marked_for_print() {
    let (_dir, path) = temp_db();
    let m = minutes(&path, false);
    let bytes = export::render(&m, Kind::Record, Format::Docx, &options()).unwrap();
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains(
        r#"<w:pPr><w:pStyle w:val="Heading1"/><w:keepNext/><w:keepLines/><w:spacing w:line="579" w:lineRule="exact"/><w:ind w:firstLine="640"/><w:jc w:val="both"/><w:outlineLvl w:val="0"/></w:pPr>"#
    ));
    assert!(doc.contains(r#"<w:pStyle w:val="Heading2"/><w:keepNext/>"#));
    assert!(doc.contains(r#"<w:outlineLvl w:val="1"/>"#));
    assert!(doc.contains(r#"<w:lang w:val="en-US" w:eastAsia="zh-CN"/>"#));
    // The first answer has two typed paragraphs: each is a paragraph of its own.
    let second = "村级谈话年底前全覆盖。";
    let at = doc.find(second).unwrap();
    let paragraph = &doc[doc[..at].rfind("<w:p>").unwrap()..at];
    assert!(
        paragraph.contains(r#"<w:ind w:firstLine="640"/><w:jc w:val="both"/>"#),
        "the second paragraph has its own indent: {paragraph}"
    );
    // The title (the first paragraph) may put its （草稿） on a line of its own.
    let after_title = &doc[doc.find("</w:p>").unwrap()..];
    assert!(
        !after_title.contains("<w:br/>"),
        "no line breaks inside a paragraph"
    );
    let grid = doc
        .split("<w:tblGrid>")
        .nth(1)
        .unwrap()
        .split("</w:tblGrid>")
        .next()
        .unwrap();
    let widths: Vec<u32> = grid
        .split("w:w=\"")
        .skip(1)
        .map(|w| w.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(widths.len(), 10, "a column for each of the rating table's");
    assert_eq!(
        widths.iter().sum::<u32>(),
        11906 - 1587 - 1474,
        "the text width"
    );
    assert!(doc.contains("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"));
    assert_eq!(doc.matches("<w:tcW ").count(), 20, "a width on every cell");
}

#[test]
fn the_console_key_heads_the_summary_with_the_prepared_office_and_issue() {
    let (dir, path) = temp_db();
    let prep = MINIMAL_PREP.replace(
        "recorder = \"何某\"\n",
        "recorder = \"何某\"\noffice = \"中共某县纪委办公室\"\nissue = 7\n",
    );
    let file = write_prep(dir.path(), "prep.toml", &prep);
    let mut store = shuze::storage::Store::create_or_open(&path).unwrap();
    shuze::prep::import_file(&file, &mut store, at(0)).unwrap();
    let mut session =
        shuze::session::Session::open(store, None, shuze::labels::Lang::Zh, at(0)).unwrap();
    session.handle(
        shuze::app::Action::Command(shuze::app::Command::Export),
        at(100),
    );
    let shuze::app::Mode::Notice(paths) = &session.console.recorder.mode else {
        panic!(
            "the written paths are shown: {:?}",
            session.console.recorder.mode
        );
    };
    let summary = paths
        .iter()
        .find(|p| p.ends_with(".md") && p.contains("纪要"))
        .expect("a Markdown 纪要");
    let text = std::fs::read_to_string(summary).unwrap();
    assert!(text.contains("第 7 期") || text.contains("第7期"), "{text}");
    assert!(text.contains("中共某县纪委办公室"), "{text}");
}

#[test]
fn the_ledger_names_each_field_the_meeting_corrected_before_and_after() {
    let (_dir, path) = temp_db();
    let mut session = recorded_sample(&path);
    let m = Minutes::build(&session.store, 1, false, at(100_000)).unwrap();
    let (slot, earlier) = m
        .officials
        .iter()
        .find_map(|o| {
            let untouched = o
                .earlier_follow_ups
                .iter()
                .find(|f| m.before(f.id).is_none());
            untouched.map(|f| (o.slot.id, f.clone()))
        })
        .expect("an earlier follow-up the recorded sample leaves alone");
    let mut corrected = earlier.clone();
    corrected.deadline = chrono::NaiveDate::from_ymd_opt(2027, 6, 30);
    corrected.owner = "李某某".into();
    session
        .store
        .change_follow_up(&corrected, Some(slot), at(100_100))
        .unwrap();

    let m = Minutes::build(&session.store, 1, false, at(100_200)).unwrap();
    let bytes = export::render(&m, Kind::Ledger, Format::Csv, &options()).unwrap();
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| r[column("问题描述")] == earlier.problem)
        .unwrap();
    let blank = |s: &str| {
        if s.is_empty() {
            "（未填写）".to_string()
        } else {
            s.to_string()
        }
    };
    let old_deadline = earlier.deadline.map(|d| d.to_string()).unwrap_or_default();
    assert_eq!(
        &row[column("本次会议更新")],
        format!(
            "责任人：{}→李某某；完成时限：{}→2027-06-30",
            blank(&earlier.owner),
            blank(&old_deadline)
        )
    );
    assert_eq!(&row[column("完成时限")], "2027-06-30");
}

/// Before 散会 the ledger says 草稿 in its file name, its title and its page header, and
/// prints across then down; after, none of them says it.
#[test]
fn a_ledger_made_before_the_meeting_ended_says_it_is_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let draft = minutes(&dir.path().join("m.db"), false);
    let (_db_dir, db) = temp_db();
    let ended = {
        let session = reported_sample(&db, true);
        Minutes::build(&session.store, 1, false, at(2_500)).unwrap()
    };
    for (m, is_draft) in [(&draft, true), (&ended, false)] {
        let name = export::file_name(m, Kind::Ledger, Format::Xlsx);
        assert_eq!(name.contains("（草稿）"), is_draft, "{name}");
        let bytes = export::render(m, Kind::Ledger, Format::Xlsx, &options()).unwrap();
        let core = part(&bytes, "docProps/core.xml");
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        let title = "某县纪委监委2026年度述责述廉会议问题整改台账";
        let mark = if is_draft { "（草稿）" } else { "" };
        assert!(
            core.contains(&format!(">{title}{mark}</dc:title>")),
            "{core}"
        );
        assert!(
            sheet.contains(&format!("{title}{mark}</oddHeader>")),
            "{sheet}"
        );
        assert!(sheet.contains(r#"pageOrder="overThenDown""#), "{sheet}");
        assert!(sheet.contains(r#"fitToWidth="2""#) && sheet.contains(r#"fitToHeight="0""#));
    }
}
