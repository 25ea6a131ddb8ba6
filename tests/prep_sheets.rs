//! Preparation from workbooks and CSV folders (built here with rust_xlsxwriter and by hand):
//! the template imports, the three forms give the same meeting, office-style tables (merged
//! unit cells, numbered measures, their own header wording) land with the right officials,
//! and every broken input is reported at its sheet, row and column with nothing written.

mod common;

use common::*;
use rust_xlsxwriter::{Format, Formula, Workbook};
use shuze::prep::{self, ImportError, Preparation, import_file, read_file};
use shuze::storage::Store;
use std::path::{Path, PathBuf};

type Sheet<'a> = (&'a str, Vec<Vec<&'a str>>);

/// A small meeting as sheets of text: three officials, one of each kind of row.
fn meeting_sheets() -> Vec<Sheet<'static>> {
    vec![
        (
            "会议信息",
            vec![
                vec![
                    "会议名称",
                    "会议日期",
                    "开始时间",
                    "主持人",
                    "记录人",
                    "计票人、监票人",
                    "提问时长",
                    "发文机关",
                    "期号",
                ],
                vec![
                    "表格会议",
                    "2026年12月18日",
                    "9:00",
                    "马某",
                    "何某",
                    "冯某、许某",
                    "12",
                    "中共某县纪委办公室",
                    "3",
                ],
            ],
        ),
        (
            "出席人员",
            vec![
                vec!["姓名", "职务", "出席情况", "缺席原因"],
                vec!["马某", "县委书记", "出席", ""],
                vec!["赵某", "副县长", "缺席", "外出培训"],
            ],
        ),
        (
            "议程",
            vec![
                vec![
                    "顺序",
                    "姓名",
                    "单位",
                    "职务",
                    "分管县领导",
                    "述责时长",
                    "书面述责",
                ],
                vec!["1", "张某", "某某镇", "党委书记", "李某", "8", "否"],
                vec!["2", "王某", "县财政局", "局长", "周某", "8", ""],
                vec!["3", "刘某", "县教育局", "局长", "", "5", "是"],
            ],
        ),
        (
            "责任事项",
            vec![
                vec![
                    "姓名",
                    "单位",
                    "来源",
                    "季度",
                    "事项内容",
                    "落实情况",
                    "状态",
                ],
                vec![
                    "张某",
                    "",
                    "按季派单",
                    "2026年第二季度",
                    "开展专项整治",
                    "已自查",
                    "已落实",
                ],
                vec!["", "县财政局", "年初提示", "2026Q1", "制定责任清单", "", ""],
            ],
        ),
        (
            "廉政风险点",
            vec![
                vec!["单位", "风险点", "风险等级", "防控措施", "制度依据"],
                vec![
                    "某某镇",
                    "工程发包",
                    "高",
                    "1.进入交易平台\n2.全程监督",
                    "《管理办法》",
                ],
                vec!["县教育局", "教材征订", "中", "①集中采购②公示", ""],
            ],
        ),
        (
            "提问",
            vec![
                vec!["姓名", "提问人", "问题"],
                vec!["张某", "钱某", "采取了哪些行动？"],
                vec!["王某", "钱某", "资金监管如何落实？"],
            ],
        ),
        (
            "以往整改",
            vec![
                vec!["姓名", "问题", "整改措施", "时限", "整改状态"],
                vec!["张某", "台账不全", "补齐台账", "2026/12/31", "整改中"],
            ],
        ),
    ]
}

/// A workbook of text cells; `edit` may add merges, formulas or hide sheets.
fn workbook_with(
    sheets: &[Sheet],
    edit: impl Fn(&str, &mut rust_xlsxwriter::Worksheet),
) -> Vec<u8> {
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32, c as u16, *cell).unwrap();
                }
            }
        }
        edit(name, sheet);
    }
    workbook.save_to_buffer().unwrap()
}

fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    workbook_with(sheets, |_, _| {})
}

fn csv_text(rows: &[Vec<&str>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// Writes the sheets as CSV files into `dir`, each encoded by `encode`.
fn csv_folder(dir: &Path, sheets: &[Sheet], encode: impl Fn(&str) -> Vec<u8>) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for (name, rows) in sheets {
        std::fs::write(dir.join(format!("{name}.csv")), encode(&csv_text(rows))).unwrap();
    }
    dir.to_path_buf()
}

fn with_bom(text: &str) -> Vec<u8> {
    [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// What a preparation says, without where its title stood and without the follow-ups'
/// identities (a file gives them as it writes them; the sample has none).
fn content(mut p: Preparation) -> Preparation {
    p.prepared.title_at = (0, 0);
    p.title_within = None;
    p.warnings.clear();
    for o in &mut p.prepared.officials {
        for f in &mut o.earlier_follow_ups {
            f.key.clear();
        }
    }
    p
}

/// Imports `path` into a fresh database, expecting it to fail; returns the message.
fn refused(path: &Path) -> String {
    let mut store = Store::in_memory().unwrap();
    let err = import_file(path, &mut store, at(0)).expect_err("the input is wrong");
    assert!(
        store.meetings().unwrap().is_empty(),
        "nothing may be written"
    );
    err.to_string()
}

fn assert_has(message: &str, words: &[&str]) {
    for word in words {
        assert!(message.contains(word), "missing {word:?} in\n{message}");
    }
}

#[test]
fn the_template_imports_cleanly_in_both_forms() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("准备.xlsx");
    prep::write_template(&xlsx, prep::TemplateFormat::Xlsx, false).unwrap();
    let csv = dir.path().join("准备");
    prep::write_template(&csv, prep::TemplateFormat::Csv, false).unwrap();
    // As written, its rows are marked as examples: nothing of them is imported.
    for path in [&xlsx, &csv] {
        assert_has(
            &refused(path),
            &["会议信息表只有示例行（标有「【示例】」）", "1 处错误"],
        );
    }
    unmark(&xlsx);
    unmark(&csv);
    let from_xlsx = read_file(&xlsx).unwrap();
    assert!(from_xlsx.warnings.is_empty(), "{:?}", from_xlsx.warnings);
    let from_csv = read_file(&csv).unwrap();
    assert_eq!(content(from_xlsx.clone()), content(from_csv));
    let p = &from_xlsx.prepared;
    assert_eq!(p.officials.len(), 2);
    assert_eq!(from_xlsx.office, "中共某县纪委办公室");
    assert_eq!(from_xlsx.issue, Some(1));
    for official in &p.officials {
        assert!(!official.duty_items.is_empty(), "{}", official.slot.name);
    }
    let mut store = Store::in_memory().unwrap();
    let id = import_file(&xlsx, &mut store, at(0)).unwrap();
    assert_eq!(store.agenda(id).unwrap().len(), 2);
    assert_eq!(
        store
            .setting(shuze::storage::Setting::SummaryOffice(id))
            .unwrap()
            .as_deref(),
        Some("中共某县纪委办公室")
    );
}

/// The template as a clerk fills it from its examples: every 【示例】 mark deleted.
fn unmark(path: &Path) {
    use std::io::{Read, Write};
    let mark = "【示例】";
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            let file = entry.unwrap().path();
            let text = std::fs::read_to_string(&file).unwrap();
            std::fs::write(&file, text.replace(mark, "")).unwrap();
        }
        return;
    }
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name.ends_with(".xml") {
            data = String::from_utf8(data)
                .unwrap()
                .replace(mark, "")
                .into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

#[test]
fn the_template_has_a_frozen_header_notes_and_drop_downs() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("准备.xlsx");
    prep::write_template(&xlsx, prep::TemplateFormat::Xlsx, false).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut sheet_xml = String::new();
    let mut comments = 0;
    for index in 0..zip.len() {
        let mut file = zip.by_index(index).unwrap();
        let name = file.name().unwrap().to_string();
        if name.starts_with("xl/comments") {
            comments += 1;
        }
        if name == "xl/worksheets/sheet6.xml" {
            std::io::Read::read_to_string(&mut file, &mut sheet_xml).unwrap();
        }
    }
    assert_eq!(
        comments,
        prep::synonyms::SHEETS.len(),
        "a note on the header of every sheet"
    );
    assert!(sheet_xml.contains(r#"state="frozen""#), "{sheet_xml}");
    assert!(sheet_xml.contains("<dataValidation"), "{sheet_xml}");
    assert!(sheet_xml.contains("高,中,低"), "{sheet_xml}");
    assert!(sheet_xml.contains("<col "), "widths are set");
    // Printed landscape on A4, one page wide; the first sheet explains the others.
    assert!(
        sheet_xml.contains(r#"orientation="landscape""#),
        "{sheet_xml}"
    );
    assert!(sheet_xml.contains(r#"fitToHeight="0""#), "{sheet_xml}");
    let workbook = read_part(&xlsx, "xl/workbook.xml");
    let first = workbook.find("<sheet ").unwrap();
    assert!(
        workbook[first..].starts_with(r#"<sheet name="填表说明""#),
        "{workbook}"
    );
    let strings = read_part(&xlsx, "xl/sharedStrings.xml");
    assert_has(
        &strings,
        &[
            "「廉政风险点」廉政风险点台账",
            "必填的列：风险点、风险等级",
            "常见错误",
            "请假",
        ],
    );
    // The folder form has it as a text file beside the CSV files, which imports the same.
    let folder = dir.path().join("准备");
    prep::write_template(&folder, prep::TemplateFormat::Csv, false).unwrap();
    assert!(folder.join("填表说明.txt").exists());
}

fn read_part(zip_path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(zip_path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn xlsx_and_utf8_and_gb18030_csv_import_identically() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = meeting_sheets();
    let xlsx = write(dir.path(), "准备.xlsx", &workbook(&sheets));
    let bom = csv_folder(&dir.path().join("bom"), &sheets, with_bom);
    let plain = csv_folder(&dir.path().join("plain"), &sheets, |t| {
        t.as_bytes().to_vec()
    });
    let gbk = csv_folder(&dir.path().join("gbk"), &sheets, gb18030);
    let expected = content(read_file(&xlsx).unwrap());
    for folder in [&bom, &plain, &gbk] {
        assert_eq!(
            content(read_file(folder).unwrap()),
            expected,
            "{}",
            folder.display()
        );
    }
    let p = &expected.prepared;
    assert_eq!(p.meeting.title, "表格会议");
    assert_eq!(p.meeting.held_on.to_string(), "2026-12-18");
    assert_eq!(p.meeting.starts_at.unwrap().to_string(), "09:00:00");
    assert_eq!(p.meeting.scrutineers, ["冯某", "许某"]);
    assert_eq!(p.meeting.allotments.questions, 12);
    assert_eq!(
        (expected.office.as_str(), expected.issue),
        ("中共某县纪委办公室", Some(3))
    );
    assert_eq!(p.attendees[1].reason, "外出培训");
    let [zhang, wang, liu] = p.officials.as_slice() else {
        panic!("three officials")
    };
    assert_eq!(zhang.duty_items[0].quarter, "2026Q2");
    assert_eq!(wang.duty_items[0].text, "制定责任清单");
    assert_eq!(zhang.risk_points[0].measures, ["进入交易平台", "全程监督"]);
    assert_eq!(liu.risk_points[0].measures, ["集中采购", "公示"]);
    assert!(liu.slot.written_only && !wang.slot.written_only);
    assert_eq!(
        zhang.earlier_follow_ups[0].deadline.unwrap().to_string(),
        "2026-12-31"
    );
    assert_eq!(
        zhang.earlier_follow_ups[0].copied_to, "李某",
        "the leader in charge"
    );
    // The GB18030 folder reaches the database with its Chinese intact.
    let mut store = Store::in_memory().unwrap();
    let id = import_file(&gbk, &mut store, at(0)).unwrap();
    assert_eq!(store.meeting(id).unwrap().title, "表格会议");
    assert_eq!(store.agenda(id).unwrap()[1].unit, "县财政局");
}

#[test]
fn a_risk_table_kept_the_office_way_lands_with_its_officials() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = meeting_sheets();
    // A title row above the header, the office's own wordings in its own order, the unit
    // merged over five rows, numbered measures in one cell.
    sheets[4] = (
        "廉政风险点防控台账",
        vec![
            vec!["某县廉政风险点防控台账", "", "", "", "", ""],
            vec![
                "序号",
                "单位名称",
                "廉政风险点",
                "防控要点及防控措施",
                "等级",
                "备注",
            ],
            vec![
                "1",
                "县财政局",
                "资金拨付",
                "1.双人审核\n2.限时办结",
                "高",
                "",
            ],
            vec![
                "2",
                "",
                "政府采购",
                "①集中采购\n②全程留痕③结果公开",
                "中",
                "",
            ],
            vec![
                "3",
                "",
                "票据管理",
                "（1）专人保管\n（2）定期盘点",
                "低",
                "",
            ],
            vec![
                "4",
                "",
                "评审专家抽取",
                "1、随机抽取\n   并回避\n2、记录存档",
                "中",
                "",
            ],
            vec!["5", "", "公车使用", "派车单制度", "低", ""],
            vec!["6", "县教育局", "教材征订", "集中采购", "中", ""],
        ],
    );
    let bytes = workbook_with(&sheets, |name, sheet| {
        if name == "廉政风险点防控台账" {
            let f = Format::new();
            sheet
                .merge_range(0, 0, 0, 5, "某县廉政风险点防控台账", &f)
                .unwrap();
            sheet.merge_range(2, 1, 6, 1, "县财政局", &f).unwrap();
        }
    });
    let path = write(dir.path(), "台账.xlsx", &bytes);
    let preparation = read_file(&path).unwrap();
    let officials = &preparation.prepared.officials;
    let wang = &officials[1];
    assert_eq!(wang.slot.unit, "县财政局");
    let texts: Vec<&str> = wang.risk_points.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "资金拨付",
            "政府采购",
            "票据管理",
            "评审专家抽取",
            "公车使用"
        ]
    );
    assert_eq!(wang.risk_points[0].measures, ["双人审核", "限时办结"]);
    assert_eq!(
        wang.risk_points[1].measures,
        ["集中采购", "全程留痕", "结果公开"]
    );
    assert_eq!(wang.risk_points[2].measures, ["专人保管", "定期盘点"]);
    assert_eq!(wang.risk_points[3].measures, ["随机抽取并回避", "记录存档"]);
    assert_eq!(wang.risk_points[4].measures, ["派车单制度"]);
    assert_eq!(officials[2].risk_points.len(), 1);
    assert!(officials[0].risk_points.is_empty());
    // 备注 is not a column of the sheet: a warning at its header cell, nothing more.
    let warnings: Vec<String> = preparation
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.place(&path), w.message))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("台账.xlsx「廉政风险点防控台账」表第2行F列: 不认得的列「备注」"),
        "{warnings:?}"
    );
}

#[test]
fn header_synonyms_in_a_shuffled_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = meeting_sheets();
    sheets[2] = (
        "述责人",
        vec![
            vec![
                "发言时长（分钟）",
                "现任职务",
                "单位名称",
                "是否书面述责",
                "述责人姓名",
                "联系领导",
                "议程序号",
            ],
            vec!["8", "党委书记", "某某镇", "", "张某", "李某", "1"],
            vec!["8", "局长", "县财政局", "否", "王某", "周某", "2"],
            vec!["5", "局长", "县教育局", "√", "刘某", "", "3"],
        ],
    );
    sheets[3].1[0] = vec![
        "述责人",
        "部门",
        "派单类型",
        "所属季度",
        "工作任务",
        "推进情况",
        "办理状态",
    ];
    let shuffled = write(dir.path(), "乱序.xlsx", &workbook(&sheets));
    let plain = write(dir.path(), "准备.xlsx", &workbook(&meeting_sheets()));
    assert_eq!(
        content(read_file(&shuffled).unwrap()),
        content(read_file(&plain).unwrap())
    );
}

#[test]
fn a_missing_sheet_and_a_missing_column_name_the_words_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = meeting_sheets();
    sheets.remove(2);
    let message = refused(&write(dir.path(), "a.xlsx", &workbook(&sheets)));
    assert_has(
        &message,
        &[
            "a.xlsx「议程」表: 缺少工作表「议程」",
            "述责人",
            "数据库未作任何改动",
        ],
    );
    let mut sheets = meeting_sheets();
    sheets[4].1[0] = vec!["单位", "风险描述", "风险等级", "防控措施", "制度依据"];
    let message = refused(&write(dir.path(), "b.xlsx", &workbook(&sheets)));
    assert_has(
        &message,
        &[
            "b.xlsx「廉政风险点」表第1行A列: 缺少必填的列「风险点」",
            "廉政风险点 / 风险点名称",
        ],
    );
    // The CSV folder names the missing file.
    let mut sheets = meeting_sheets();
    sheets.remove(0);
    let folder = csv_folder(&dir.path().join("c"), &sheets, with_bom);
    assert_has(
        &refused(&folder),
        &["会议信息.csv: 缺少文件「会议信息.csv」"],
    );
}

#[test]
fn every_cell_problem_is_reported_at_once_at_its_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = meeting_sheets();
    sheets[0].1[1][1] = "明年";
    sheets[0].1[1][3] = "";
    sheets[2].1[2][5] = "八分钟半";
    sheets[4].1[1][2] = "极高";
    // Row 17 of the questions: fifteen good rows before it.
    let mut questions = vec![sheets[5].1[0].clone()];
    for _ in 0..15 {
        questions.push(vec!["张某", "钱某", "一个问题"]);
    }
    questions.push(vec!["张某", "钱某", ""]);
    sheets[5].1 = questions;
    let path = write(dir.path(), "准备.xlsx", &workbook(&sheets));
    let message = refused(&path);
    assert_has(
        &message,
        &[
            "准备.xlsx「会议信息」表第2行B列（会议日期）: 「会议日期」 「明年」 日期无效（不是日期）",
            "准备.xlsx「会议信息」表第2行D列（主持人）: 「主持人」 不能为空",
            "准备.xlsx「议程」表第3行F列（述责时长）: 「八分钟半」不是整数",
            "准备.xlsx「廉政风险点」表第2行C列（风险等级）: 「极高」不是「风险等级」可选的值",
            "高、中、低",
            "准备.xlsx「提问」表第17行C列（问题）: 「问题」 不能为空",
            "5 处错误",
        ],
    );
    // A spreadsheet's messages name its column headers, not the TOML file's keys.
    for key in ["date（", "chair（", "text（"] {
        assert!(!message.contains(key), "{key} in {message}");
    }
    let places: Vec<usize> = [
        "「会议信息」表第2行B列",
        "「会议信息」表第2行D列",
        "「议程」表第3行F列",
        "「廉政风险点」表第2行C列",
        "「提问」表第17行C列",
    ]
    .iter()
    .map(|p| message.find(p).unwrap())
    .collect();
    assert!(places.is_sorted(), "in the workbook's order:\n{message}");
    // The same in CSV: 文件 第N行X列.
    let folder = csv_folder(&dir.path().join("csv"), &sheets, gb18030);
    let message = refused(&folder);
    assert_has(
        &message,
        &[
            "提问.csv 第17行C列（问题）: 「问题」 不能为空",
            "议程.csv 第3行F列（述责时长）:",
        ],
    );
}

#[test]
fn a_date_with_no_such_day_is_named_with_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = meeting_sheets();
    let follow_ups = sheets.iter_mut().find(|s| s.0 == "以往整改").unwrap();
    follow_ups.1[1][3] = "2027-02-30";
    let folder = csv_folder(&dir.path().join("csv"), &sheets, gb18030);
    let message = refused(&folder);
    assert_has(
        &message,
        &["以往整改.csv 第2行D列（时限）: 「时限」 「2027-02-30」 日期无效（没有这一天）"],
    );
}

#[test]
fn a_long_cell_a_formula_error_a_hidden_sheet_and_a_stranger_in_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    // 100,000 characters in one CSV cell.
    let long = "长".repeat(100_000);
    let mut sheets = meeting_sheets();
    sheets[5].1[1][2] = &long;
    let folder = csv_folder(&dir.path().join("long"), &sheets, with_bom);
    assert_has(
        &refused(&folder),
        &["提问.csv 第2行C列（问题）: 单元格有 100000 个字", "32767"],
    );
    // #REF! left by a deleted sheet.
    let bytes = workbook_with(&meeting_sheets(), |name, sheet| {
        if name == "议程" {
            let formula = Formula::new("=已删除!A1").set_result("#REF!");
            sheet.write_formula(2, 3, formula).unwrap();
        }
    });
    assert_has(
        &refused(&write(dir.path(), "ref.xlsx", &bytes)),
        &["ref.xlsx「议程」表第3行D列（职务）: 单元格是公式的错误值 #REF!"],
    );
    // A hidden sheet of the preparation.
    let bytes = workbook_with(&meeting_sheets(), |name, sheet| {
        if name == "提问" {
            sheet.set_hidden(true);
        }
    });
    assert_has(
        &refused(&write(dir.path(), "hidden.xlsx", &bytes)),
        &["hidden.xlsx「提问」表: 工作表「提问」被隐藏了", "取消隐藏"],
    );
    // A row for someone not in the agenda.
    let mut sheets = meeting_sheets();
    sheets[3].1[2][1] = "县水利局";
    assert_has(
        &refused(&write(dir.path(), "unit.xlsx", &workbook(&sheets))),
        &[
            "unit.xlsx「责任事项」表第3行B列（单位）: 单位「县水利局」不在议程里",
            "某某镇、县财政局、县教育局",
        ],
    );
}

#[test]
fn a_csv_renamed_and_an_xls_get_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let renamed = write(
        dir.path(),
        "准备.xlsx",
        csv_text(&meeting_sheets()[0].1).as_bytes(),
    );
    let err = read_file(&renamed).unwrap_err();
    assert!(matches!(err, ImportError::Unreadable { .. }));
    assert_has(
        &err.to_string(),
        &["准备.xlsx", "不是 Excel 工作簿", "CSV", ".csv"],
    );
    let xls = write(
        dir.path(),
        "旧.xls",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    );
    assert_has(
        &read_file(&xls).unwrap_err().to_string(),
        &["另存为", ".xlsx"],
    );
    // Bytes that are neither UTF-8 nor GB18030 are refused, not garbled.
    let folder = csv_folder(&dir.path().join("bad"), &meeting_sheets(), with_bom);
    std::fs::write(
        folder.join("提问.csv"),
        [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00],
    )
    .unwrap();
    assert_has(
        &read_file(&folder).unwrap_err().to_string(),
        &["提问.csv", "编码"],
    );
}

/// Import → export-prep → import gives the same meeting, for every form.
#[test]
fn the_sample_round_trips_through_every_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let original = read_file(Path::new(SAMPLE_TOML)).unwrap();
    let first = import_file(Path::new(SAMPLE_TOML), &mut store, at(0)).unwrap();
    let written = prep::from_store(&store, first).unwrap();
    assert_eq!(content(written.clone()), content(original.clone()));
    for (index, name) in ["again.xlsx", "again.toml", "again"].iter().enumerate() {
        let path = dir.path().join(name);
        prep::write_prepared(&written, &path, false).unwrap();
        let read = read_file(&path).unwrap();
        assert!(read.warnings.is_empty(), "{name}: {:?}", read.warnings);
        assert_eq!(content(read.clone()), content(original.clone()), "{name}");
        // Into the database as the next meeting: the same preparation comes back out.
        let mut next = read;
        next.prepared.meeting.title = format!("下一场 {index}");
        let id = prep::import_preparation(&path, &next, &mut store, at(10)).unwrap();
        let mut back = prep::from_store(&store, id).unwrap();
        back.prepared.meeting.title = original.prepared.meeting.title.clone();
        assert_eq!(
            content(back),
            content(original.clone()),
            "{name} in the database"
        );
    }
}

#[test]
fn the_command_line_writes_the_template_and_imports_it_with_office_and_issue() {
    let dir = tempfile::tempdir().unwrap();
    let shuze = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let made = shuze(&["template", "-o", "准备.xlsx"]);
    assert!(made.status.success(), "{made:?}");
    let again = shuze(&["template", "-o", "准备.xlsx"]);
    assert!(!again.status.success(), "an existing file is kept");
    let untouched = shuze(&["import", "准备.xlsx"]);
    assert!(!untouched.status.success(), "its rows are examples");
    assert!(!dir.path().join("准备.db").exists());
    unmark(&dir.path().join("准备.xlsx"));
    let imported = shuze(&["import", "准备.xlsx"]);
    assert!(imported.status.success(), "{imported:?}");
    assert!(String::from_utf8_lossy(&imported.stdout).contains("述责人 2 位"));
    let out = shuze(&["export-prep", "准备.db", "-o", "回写.toml"]);
    assert!(out.status.success(), "{out:?}");
    let toml = std::fs::read_to_string(dir.path().join("回写.toml")).unwrap();
    assert!(
        toml.contains("office = \"中共某县纪委办公室\"\nissue = 1\n"),
        "{toml}"
    );
    let summary = shuze(&[
        "export",
        "准备.db",
        "--kind",
        "summary",
        "--format",
        "md",
        "-o",
        "纪要.md",
    ]);
    assert!(summary.status.success(), "{summary:?}");
    let md = std::fs::read_to_string(dir.path().join("纪要.md")).unwrap();
    assert!(md.contains("中共某县纪委办公室"), "{md}");
    // A broken file: exit status, the place, nothing created.
    std::fs::write(dir.path().join("坏.xlsx"), b"a,b\n").unwrap();
    let bad = shuze(&["import", "坏.xlsx"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("不是 Excel 工作簿"));
    assert!(!dir.path().join("坏.db").exists());
}

#[test]
fn the_readme_lists_every_sheet_and_wording() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&prep::synonyms::markdown()),
        "README.md must carry prep::synonyms::markdown() as it is now:\n{}",
        prep::synonyms::markdown()
    );
}

/// The template saved again by LibreOffice Calc, as a workbook and as CSV files in
/// GB18030 (one per sheet, named `模板-议程.csv` as Calc names them), imports as itself.
#[test]
fn the_template_resaved_by_libreoffice_imports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("模板.xlsx");
    prep::write_template(&template, prep::TemplateFormat::Xlsx, false).unwrap();
    unmark(&template);
    let expected = content(read_file(&template).unwrap());
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("lo").display()
    );
    let calc = |filter: &str, out: &str| {
        let output = std::process::Command::new("soffice")
            .arg(&profile)
            .args(["--headless", "--convert-to", filter, "--outdir"])
            .arg(dir.path().join(out))
            .arg(&template)
            .output()
            .expect("LibreOffice (soffice) is not installed: run tests/run.sh");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        dir.path().join(out)
    };
    let resaved = calc("xlsx:Calc MS Excel 2007 XML", "calc").join("模板.xlsx");
    assert_eq!(content(read_file(&resaved).unwrap()), expected);
    // 85 is LibreOffice's number for GB18030; -1 writes every sheet.
    let folder = calc(
        "csv:Text - txt - csv (StarCalc):44,34,85,1,,0,false,true,false,false,false,-1",
        "gbk",
    );
    let agenda = std::fs::read(folder.join("模板-议程.csv")).unwrap();
    assert!(std::str::from_utf8(&agenda).is_err(), "written in GB18030");
    assert_eq!(content(read_file(&folder).unwrap()), expected);
}

/// Measures, rules and texts that begin with a number come back byte for byte through three
/// rounds of export-prep and import, in every form; only a list's own numbers are taken off.
#[test]
fn texts_beginning_with_a_number_survive_three_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let toml = std::fs::read_to_string(SAMPLE_TOML)
        .unwrap()
        .replace(
            r#"measures = ["实行派车单制度"]"#,
            r#"measures = ["3个工作日内完成审核"]"#,
        )
        .replace(
            r#"rules = ["《公务用车管理制度》"]"#,
            r#"rules = ["1.1 严格审批"]"#,
        )
        .replace(
            r#"measures = ["执行接待清单制度", "每月公开接待费用"]"#,
            r#"measures = ["1.5万元以上须集体研究", "2、每月公开接待费用", "①公示②备案"]"#,
        )
        .replace(
            "组织开展家风教育常态化活动",
            "2026年内组织开展家风教育常态化活动",
        );
    assert!(toml.contains("3个工作日内"));
    let source = write(dir.path(), "数字.toml", toml.as_bytes());
    let original = content(read_file(&source).unwrap());
    for name in ["again.xlsx", "again.toml", "again"] {
        let mut from = source.clone();
        for round in 1..=3 {
            // Each round imports into a file of its own, as the next meeting would be.
            let mut store = Store::in_memory().unwrap();
            let id = import_file(&from, &mut store, at(round)).unwrap();
            let written = prep::from_store(&store, id).unwrap();
            let path = dir.path().join(format!("{round}-{name}"));
            prep::write_prepared(&written, &path, false).unwrap();
            let read = content(read_file(&path).unwrap());
            assert_eq!(read, original, "{name}, round {round}");
            from = path;
        }
    }
}

/// 政治画像 and 提醒谈话 sheets, named as offices name them or known by their headers alone:
/// each row lands with its official; a dimension not among the five is refused at its cell,
/// naming the five.
#[test]
fn portrait_and_talk_sheets_land_with_their_officials_and_a_wrong_dimension_is_placed() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = meeting_sheets();
    sheets.push((
        "政治生态分析报告",
        vec![
            vec!["姓名", "分析维度", "问题", "建议"],
            vec!["张某", "选人用人", "个别岗位长期未轮岗", "建立轮岗台账"],
            vec!["王某", "群众满意度评价", "窗口办事效率低", ""],
            vec!["张某", "党内政治生活", "民主生活会质量不高", ""],
        ],
    ));
    sheets.push((
        "附件5",
        vec![
            vec!["单位", "谈话日期", "谈话人", "谈话内容"],
            vec![
                "县财政局",
                "2026年6月3日",
                "县纪委书记 马某",
                "提醒规范采购",
            ],
        ],
    ));
    let path = write(dir.path(), "准备.xlsx", &workbook(&sheets));
    let mut store = Store::in_memory().unwrap();
    let id = import_file(&path, &mut store, at(0)).unwrap();
    let agenda = store.agenda(id).unwrap();
    let zhang = store.portrait_of_slot(agenda[0].id).unwrap();
    let problems: Vec<&str> = zhang.iter().map(|f| f.problem.as_str()).collect();
    assert_eq!(problems, ["个别岗位长期未轮岗", "民主生活会质量不高"]);
    assert_eq!(zhang[0].suggestion, "建立轮岗台账");
    assert_eq!(
        zhang[1].dimension,
        shuze::domain::PortraitDimension::PartyLife
    );
    let wang = store.portrait_of_slot(agenda[1].id).unwrap();
    assert_eq!(
        wang[0].dimension,
        shuze::domain::PortraitDimension::PublicSatisfaction
    );
    let talks = store.talks_of_slot(agenda[1].id).unwrap();
    assert_eq!(talks.len(), 1);
    assert_eq!(talks[0].held_on.to_string(), "2026-06-03");
    assert_eq!(talks[0].talker, "县纪委书记 马某");
    assert!(store.talks_of_slot(agenda[0].id).unwrap().is_empty());
    // A dimension that is not one of the five, and a talk without its date.
    sheets[7].1[2][1] = "作风建设";
    sheets[8].1[1][1] = "";
    let path = write(dir.path(), "坏.xlsx", &workbook(&sheets));
    let message = refused(&path);
    assert_has(
        &message,
        &[
            "坏.xlsx「政治生态分析报告」表第3行B列（分析维度）: 「作风建设」不是「维度」可选的值",
            "党内政治生活、选人用人、权力规范运行、党员干部勤政廉政、群众满意度评价",
            "坏.xlsx「附件5」表第2行B列（谈话日期）: 「谈话日期」 不能为空",
            "2 处错误",
        ],
    );
}
