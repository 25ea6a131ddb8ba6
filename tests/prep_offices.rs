//! Preparation from the tables county offices actually keep, built here with
//! rust_xlsxwriter from the template's data: headers in their own wording, the unit named
//! only in the title, two-row merged headers, one sheet per unit, annex sheet names, values
//! as offices write them, numbering inside one cell. Each layout lands with its counts per
//! official, or is refused naming the sheet, the headers found and the closest one.

mod common;

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use shuze::prep::{Preparation, read_file};
use std::path::{Path, PathBuf};

type Rows<'a> = Vec<Vec<&'a str>>;

/// The template's meeting, attendees and agenda: three officials.
fn base() -> Vec<(&'static str, Rows<'static>)> {
    vec![
        (
            "会议信息",
            vec![
                vec!["会议名称", "会议日期", "主持人", "记录人"],
                vec!["某县2026年度述责述廉会议", "2026年12月18日", "马某", "何某"],
            ],
        ),
        (
            "出席人员",
            vec![
                vec!["姓名", "职务", "出席情况", "缺席原因"],
                vec!["马某", "县委书记", "出席", ""],
            ],
        ),
        (
            "议程",
            vec![
                vec!["顺序", "姓名", "单位", "职务", "述责时长"],
                vec!["1", "张某", "某某镇", "党委书记", "8"],
                vec!["2", "王　英", "县财政局", "局长", "8"],
                vec!["3", "刘某", "县教育局", "局长", "5"],
            ],
        ),
    ]
}

fn write_sheet(sheet: &mut Worksheet, rows: &[Vec<&str>]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
}

/// The base sheets and `extra` ones, each edited by `edit` (merges, hidden rows …).
fn workbook(
    dir: &Path,
    file: &str,
    extra: &[(&str, Rows)],
    edit: impl Fn(&str, &mut Worksheet),
) -> PathBuf {
    let mut workbook = Workbook::new();
    for (name, rows) in base().iter().chain(extra.iter()) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        write_sheet(sheet, rows);
        edit(name, sheet);
    }
    let path = dir.join(file);
    workbook.save(&path).unwrap();
    path
}

fn plain(dir: &Path, file: &str, extra: &[(&str, Rows)]) -> PathBuf {
    workbook(dir, file, extra, |_, _| {})
}

fn read(path: &Path) -> Preparation {
    read_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn refused(path: &Path) -> String {
    read_file(path).expect_err("refused").to_string()
}

/// Risk points per official, in the agenda's order.
fn risks(p: &Preparation) -> Vec<usize> {
    p.prepared
        .officials
        .iter()
        .map(|o| o.risk_points.len())
        .collect()
}

fn duties(p: &Preparation) -> Vec<usize> {
    p.prepared
        .officials
        .iter()
        .map(|o| o.duty_items.len())
        .collect()
}

fn warnings(p: &Preparation) -> String {
    p.warnings
        .iter()
        .map(|w| w.message.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_has(text: &str, words: &[&str]) {
    for word in words {
        assert!(text.contains(word), "missing {word:?} in\n{text}");
    }
}

#[test]
fn headers_in_the_offices_own_wording() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain(
        dir.path(),
        "wording.xlsx",
        &[
            (
                "廉政风险点",
                vec![
                    vec![
                        "序号",
                        "单位/科室",
                        "风险点",
                        "风险表现形式",
                        "风险等级",
                        "防控措施",
                    ],
                    vec![
                        "1",
                        "某某镇",
                        "工程发包",
                        "化整为零规避招标",
                        "高",
                        "进入平台",
                    ],
                    vec!["2", "县教育局", "教材征订", "", "中", ""],
                ],
            ),
            (
                "责任事项",
                vec![
                    vec!["述责对象", "来源", "季度", "事项内容"],
                    vec!["张某", "按季派单", "2026Q2", "开展专项整治"],
                    vec!["王英", "年初提示", "2026Q1", "制定责任清单"],
                ],
            ),
            (
                "以往整改",
                vec![
                    vec!["姓名", "问题", "责任领导", "整改状态"],
                    vec!["刘某", "台账不全", "刘某", "整改中"],
                ],
            ),
        ],
    );
    let p = read(&path);
    assert_eq!(risks(&p), [1, 0, 1]);
    assert_eq!(duties(&p), [1, 1, 0]);
    assert_eq!(
        p.prepared.officials[0].risk_points[0].text,
        "工程发包：化整为零规避招标"
    );
    assert_eq!(p.prepared.officials[2].earlier_follow_ups[0].lead, "刘某");
}

#[test]
fn the_unit_named_only_in_the_title_row() {
    let dir = tempfile::tempdir().unwrap();
    let title = "某县财政局廉政风险点防控一览表";
    let rows = vec![
        vec![title, "", ""],
        vec!["风险点", "风险等级", "防控措施"],
        vec!["资金拨付", "高", "1.集体研究\n2.公开"],
        vec!["政府采购", "中", ""],
    ];
    let path = workbook(
        dir.path(),
        "title.xlsx",
        &[("廉政风险点", rows.clone())],
        |name, sheet| {
            if name == "廉政风险点" {
                sheet
                    .merge_range(0, 0, 0, 2, title, &Format::new())
                    .unwrap();
            }
        },
    );
    let p = read(&path);
    assert_eq!(risks(&p), [0, 2, 0]);
    assert_eq!(p.prepared.officials[1].risk_points[0].measures.len(), 2);
    // A title naming no unit of the agenda: refused, naming the title and the units.
    let mut other = rows;
    other[0][0] = "某县水利局廉政风险点防控一览表";
    let path = plain(dir.path(), "nounit.xlsx", &[("廉政风险点", other)]);
    assert_has(
        &refused(&path),
        &[
            "「廉政风险点」表没有「姓名」「单位」列",
            "某县水利局廉政风险点防控一览表",
            "某某镇、县财政局、县教育局",
        ],
    );
}

#[test]
fn a_two_row_merged_header_reads_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec!["序号", "单位", "廉政风险点", "", "", ""],
        vec!["", "", "风险点", "风险等级", "防控措施", "制度依据"],
        vec![
            "1",
            "某某镇",
            "工程发包",
            "高",
            "（1）进平台（2）全程监督",
            "《办法》",
        ],
        vec!["2", "县财政局", "资金拨付", "低", "", ""],
    ];
    let path = workbook(
        dir.path(),
        "merged.xlsx",
        &[("廉政风险点", rows)],
        |name, sheet| {
            if name == "廉政风险点" {
                let f = Format::new();
                sheet.merge_range(0, 0, 1, 0, "序号", &f).unwrap();
                sheet.merge_range(0, 1, 1, 1, "单位", &f).unwrap();
                sheet.merge_range(0, 2, 0, 5, "廉政风险点", &f).unwrap();
            }
        },
    );
    let p = read(&path);
    assert_eq!(risks(&p), [1, 1, 0]);
    assert_eq!(
        p.prepared.officials[0].risk_points[0].measures,
        ["进平台", "全程监督"]
    );
}

#[test]
fn one_sheet_per_unit_and_annex_names() {
    let dir = tempfile::tempdir().unwrap();
    let unit_sheet = |risk: &'static str| {
        vec![
            vec!["风险点", "风险等级"],
            vec![risk, "高"],
            vec!["公务接待", "中"],
        ]
    };
    let path = plain(
        dir.path(),
        "units.xlsx",
        &[
            ("某某镇", unit_sheet("工程发包")),
            ("县教育局", unit_sheet("教材征订")),
            (
                "附件1：主体责任清单",
                vec![
                    vec!["姓名", "来源", "季度", "事项内容"],
                    vec!["刘某", "适时增单", "2026Q4", "校园食堂专项检查"],
                ],
            ),
            (
                "Sheet3",
                vec![
                    vec!["姓名", "提问人", "问题"],
                    vec!["张某", "钱某", "采取了哪些行动？"],
                    vec!["刘某", "钱某", "食堂如何监管？"],
                ],
            ),
            ("Sheet4", vec![]),
        ],
    );
    let p = read(&path);
    assert_eq!(risks(&p), [2, 0, 2]);
    assert_eq!(duties(&p), [0, 0, 1]);
    let questions: Vec<usize> = p
        .prepared
        .officials
        .iter()
        .map(|o| o.questions.len())
        .collect();
    assert_eq!(questions, [1, 0, 1]);
    // The annex name of the risk ledger, with the unit in a column.
    let path = plain(
        dir.path(),
        "annex.xlsx",
        &[(
            "附件2 廉政风险点防控台账",
            vec![
                vec!["单位（部门）", "廉政风险点", "风险等级"],
                vec!["县财政局", "资金拨付", "高"],
            ],
        )],
    );
    assert_eq!(risks(&read(&path)), [0, 1, 0]);
}

#[test]
fn a_sheet_with_data_is_never_read_as_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain(
        dir.path(),
        "stranger.xlsx",
        &[(
            "Sheet3",
            vec![vec!["项目", "金额"], vec!["办公用品", "300"]],
        )],
    );
    assert_has(
        &refused(&path),
        &["Sheet3", "认不出是哪张准备用的表", "项目、金额"],
    );
    // A risk table with no column naming the official: the headers found and the closest.
    let path = plain(
        dir.path(),
        "noowner.xlsx",
        &[(
            "廉政风险点",
            vec![
                vec!["所属单元", "风险点", "风险等级"],
                vec!["县财政局", "资金拨付", "高"],
            ],
        )],
    );
    assert_has(
        &refused(&path),
        &[
            "缺少「姓名」或「单位」列",
            "表头有：所属单元、风险点、风险等级",
            "「所属单元」可能是单位列？",
        ],
    );
}

#[test]
fn values_as_offices_write_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = base();
    sheets[1].1.push(vec!["赵某", "副县长", "请假", ""]);
    let path = {
        let mut workbook = Workbook::new();
        let extra: Vec<(&str, Rows)> = vec![
            (
                "责任事项",
                vec![
                    vec!["姓名", "来源", "季度", "事项内容"],
                    vec!["张某", "按季派单", "第一季度", "甲"],
                    vec!["张某", "按季派单", "一季度", "乙"],
                    vec!["张某", "按季派单", "Q3", "丙"],
                    vec!["王 英", "按季派单", "4季度", "丁"],
                    vec!["王　英", "按季派单", "２０２６年第二季度", "戊"],
                ],
            ),
            (
                "廉政风险点",
                vec![
                    vec!["姓名", "风险点", "风险等级"],
                    vec!["张某", "甲", "一级"],
                    vec!["张某", "乙", "★★"],
                    vec!["张某", "丙", "低风险"],
                ],
            ),
            (
                "以往整改",
                vec![
                    vec!["姓名", "问题", "时限", "整改状态"],
                    vec!["刘某", "甲", "长期坚持", "整改中"],
                    vec!["刘某", "乙", "2026年底", "整改中"],
                    vec!["刘某", "丙", "6月30日前", "整改中"],
                    vec!["刘某", "丁", "12月底", "整改中"],
                ],
            ),
        ];
        for (name, rows) in sheets.iter().chain(extra.iter()) {
            let sheet = workbook.add_worksheet();
            sheet.set_name(*name).unwrap();
            write_sheet(sheet, rows);
        }
        let path = dir.path().join("values.xlsx");
        workbook.save(&path).unwrap();
        path
    };
    let p = read(&path);
    let absent = &p.prepared.attendees[1];
    assert_eq!(absent.reason, "请假");
    assert_eq!(format!("{:?}", absent.attendance), "Absent");
    let quarters: Vec<String> = p.prepared.officials[0]
        .duty_items
        .iter()
        .chain(&p.prepared.officials[1].duty_items)
        .map(|d| d.quarter.clone())
        .collect();
    assert_eq!(quarters, ["2026Q1", "2026Q1", "2026Q3", "2026Q4", "2026Q2"]);
    let levels: Vec<String> = p.prepared.officials[0]
        .risk_points
        .iter()
        .map(|r| format!("{:?}", r.level))
        .collect();
    assert_eq!(levels, ["High", "Medium", "Low"]);
    let follow_ups = &p.prepared.officials[2].earlier_follow_ups;
    let deadlines: Vec<String> = follow_ups
        .iter()
        .map(|f| f.deadline.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(deadlines, ["", "2026-12-31", "2026-06-30", "2026-12-31"]);
    assert_eq!(format!("{:?}", follow_ups[0].mode), "LongTerm");
    let said = warnings(&p);
    assert_has(
        &said,
        &[
            "「出席情况」列的「请假」读作「缺席」",
            "「季度」列的「第一季度」读作「2026Q1」",
            "「风险等级」列的「★★」读作「中」",
            "「时限」列的「长期坚持」读作「长期坚持」",
            "「时限」列的「6月30日前」读作「2026-06-30」",
        ],
    );
}

#[test]
fn each_numbering_style_gives_its_items() {
    let dir = tempfile::tempdir().unwrap();
    let cells = [
        "（1）资金分配集体研究（2）分配结果公开",
        "1、资金分配集体研究；2、分配结果公开",
        "1.资金分配集体研究 2.分配结果公开 3.存档备查",
        "一是资金分配集体研究，二是分配结果公开",
        "第一，资金分配集体研究；第二，分配结果公开",
        "一、资金分配集体研究\n二、分配结果公开",
        "①集体研究②公开",
        "1.5万元以上须集体研究",
    ];
    let mut rows = vec![vec!["姓名", "风险点", "风险等级", "防控措施"]];
    for cell in cells {
        rows.push(vec!["王英", "资金", "高", cell]);
    }
    let path = plain(dir.path(), "numbers.xlsx", &[("廉政风险点", rows)]);
    let p = read(&path);
    let counts: Vec<usize> = p.prepared.officials[1]
        .risk_points
        .iter()
        .map(|r| r.measures.len())
        .collect();
    assert_eq!(counts, [2, 2, 3, 2, 2, 2, 2, 1]);
    assert_eq!(
        p.prepared.officials[1].risk_points[0].measures[1],
        "分配结果公开"
    );
}

#[test]
fn the_success_line_counts_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain(
        dir.path(),
        "准备.xlsx",
        &[(
            "附件2 廉政风险点防控台账",
            vec![
                vec!["单位", "风险点", "风险等级", "防控措施"],
                vec!["县财政局", "资金拨付", "高", "1.集体研究\n2.公开"],
            ],
        )],
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shuze"))
        .current_dir(dir.path())
        .args(["import", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_has(
        &String::from_utf8_lossy(&out.stdout),
        &[
            "共导入：述责人 3 位，责任事项 0 项，廉政风险点 1 个（防控措施 2 条，制度依据 0 条），提问 0 个，以往整改 0 项，出席人员 1 位",
        ],
    );
}

#[test]
fn cells_as_shown_and_formulas_and_encodings_named() {
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec!["姓名", "来源", "季度", "事项内容", "落实情况"],
        vec!["张某", "按季派单", "2026Q1", "甲", ""],
        vec!["张某", "按季派单", "2026Q1", "乙", ""],
    ];
    let path = workbook(
        dir.path(),
        "shown.xlsx",
        &[("责任事项", rows.clone())],
        |name, sheet| {
            if name == "责任事项" {
                let percent = Format::new().set_num_format("0%");
                sheet
                    .write_number_with_format(1, 4, 0.85, &percent)
                    .unwrap();
                let time = Format::new().set_num_format("h:mm");
                let half_past_nine = 9.5 / 24.0;
                sheet
                    .write_number_with_format(2, 4, half_past_nine, &time)
                    .unwrap();
            }
        },
    );
    let p = read(&path);
    let progress: Vec<&str> = p.prepared.officials[0]
        .duty_items
        .iter()
        .map(|d| d.progress.as_str())
        .collect();
    assert_eq!(progress, ["85%", "09:30"]);
    // A formula the file holds no value for.
    let path = workbook(
        dir.path(),
        "formula.xlsx",
        &[("责任事项", rows)],
        |name, sheet| {
            if name == "责任事项" {
                let formula = rust_xlsxwriter::Formula::new("=CONCAT(\"开展\",\"整治\")");
                sheet.write_formula(1, 3, formula).unwrap();
            }
        },
    );
    without_formula_values(&path);
    assert_has(
        &refused(&path),
        &[
            "「责任事项」表第2行D列（事项内容）: 单元格是公式 =CONCAT(\"开展\",\"整治\")，文件里却没有它算出的值",
        ],
    );
    // A Big5 CSV (saved in Taiwan or Hong Kong) is named as Big5, not 找不到表头.
    let folder = dir.path().join("big5");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, rows) in base() {
        let text: String = rows.iter().map(|r| r.join(",") + "\n").collect();
        std::fs::write(folder.join(format!("{name}.csv")), text).unwrap();
    }
    let traditional =
        "姓名,提問人,問題\n張某,錢某,採取了哪些行動？\n王英,錢某,資金監管如何落實？\n";
    let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
    std::fs::write(folder.join("提问.csv"), &big5).unwrap();
    assert_has(&refused(&folder), &["提问.csv", "Big5"]);
}

/// The workbook at `path` as a program that never computes formulas saves it: each
/// formula's cached value taken out.
fn without_formula_values(path: &Path) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name.starts_with("xl/worksheets/") {
            let mut text = String::from_utf8(data).unwrap();
            while let Some(at) = text.find("</f><v>") {
                let end = text[at..].find("</v>").unwrap() + at + "</v>".len();
                text.replace_range(at..end, "</f>");
            }
            data = text.into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

#[test]
fn hidden_and_filtered_rows_are_named_and_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec!["单位", "风险点", "风险等级"],
        vec!["某某镇", "工程发包", "高"],
        vec!["某某镇", "已撤销的风险点", "低"],
        vec!["县财政局", "资金拨付", "高"],
        vec!["县财政局", "政府采购", "中"],
        vec!["县教育局", "教材征订", "中"],
    ];
    let path = workbook(
        dir.path(),
        "hidden.xlsx",
        &[("廉政风险点", rows)],
        |name, sheet| {
            if name == "廉政风险点" {
                // Row 3 hidden by hand; rows 5 and 6 hidden by a filter showing 高 only
                // among the rows below (rust_xlsxwriter hides what the filter leaves out).
                sheet.set_row_hidden(2).unwrap();
                sheet.autofilter(0, 0, 5, 2).unwrap();
                let only_high = rust_xlsxwriter::FilterCondition::new()
                    .add_list_filter("高")
                    .add_list_filter("低");
                sheet.filter_column(2, &only_high).unwrap();
            }
        },
    );
    let p = read(&path);
    assert_eq!(risks(&p), [1, 1, 0]);
    assert_has(
        &warnings(&p),
        &[
            "第 3、5、6 行是隐藏的（手动隐藏或被筛选隐藏），共 3 行，未导入",
            "--include-hidden",
        ],
    );
    let all = shuze::prep::read_file_with(
        &path,
        shuze::prep::ReadOptions {
            include_hidden: true,
        },
    )
    .unwrap();
    assert_eq!(risks(&all), [2, 2, 1]);
    assert_has(&warnings(&all), &["按 --include-hidden 一并导入"]);
}

/// A stored (uncompressed) zip entry, or a deflated one given as its compressed bytes.
struct Part {
    name: String,
    method: u16,
    crc: u32,
    packed: Vec<u8>,
    size: u32,
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip file of the parts, written by hand (no zip64: every size below 4 GB).
fn zip_of(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let u16le = |v: &mut Vec<u8>, n: u16| v.extend_from_slice(&n.to_le_bytes());
    let u32le = |v: &mut Vec<u8>, n: u32| v.extend_from_slice(&n.to_le_bytes());
    for part in parts {
        let offset = out.len() as u32;
        u32le(&mut out, 0x0403_4b50);
        for n in [20, 0, part.method, 0, 0x21] {
            u16le(&mut out, n);
        }
        for n in [part.crc, part.packed.len() as u32, part.size] {
            u32le(&mut out, n);
        }
        u16le(&mut out, part.name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(part.name.as_bytes());
        out.extend_from_slice(&part.packed);
        u32le(&mut central, 0x0201_4b50);
        for n in [20, 20, 0, part.method, 0, 0x21] {
            u16le(&mut central, n);
        }
        for n in [part.crc, part.packed.len() as u32, part.size] {
            u32le(&mut central, n);
        }
        for n in [part.name.len() as u16, 0, 0, 0, 0] {
            u16le(&mut central, n);
        }
        u32le(&mut central, 0);
        u32le(&mut central, offset);
        central.extend_from_slice(part.name.as_bytes());
    }
    let (at, size) = (out.len() as u32, central.len() as u32);
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    for n in [0, 0, parts.len() as u16, parts.len() as u16] {
        u16le(&mut out, n);
    }
    u32le(&mut out, size);
    u32le(&mut out, at);
    u16le(&mut out, 0);
    out
}

/// Deflate's bits, least significant first; Huffman codes most significant first.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        for i in 0..count {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            let bit = (value >> i) & 1;
            *self.bytes.last_mut().unwrap() |= (bit as u8) << (self.used % 8);
            self.used += 1;
        }
    }

    fn code(&mut self, code: u32, length: u32) {
        for i in (0..length).rev() {
            self.put((code >> i) & 1, 1);
        }
    }

    fn literal(&mut self, byte: u8) {
        assert!(byte < 144);
        self.code(0x30 + u32::from(byte), 8);
    }
}

/// `head`, then `a` repeated to `size` bytes in all, then `tail`, as one fixed-Huffman
/// deflate block: each 258 bytes of `a` is 13 bits (length 258, distance 1).
fn deflate_bomb(head: &[u8], tail: &[u8], size: u32) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed Huffman codes
    for byte in head {
        bits.literal(*byte);
    }
    bits.literal(b'a');
    let runs = (size as usize - head.len() - tail.len() - 1) / 258;
    let rest = size as usize - head.len() - tail.len() - 1 - runs * 258;
    for _ in 0..runs {
        bits.code(0xC5, 8); // length 258
        bits.code(0, 5); // distance 1
    }
    for _ in 0..rest {
        bits.literal(b'a');
    }
    for byte in tail {
        bits.literal(*byte);
    }
    bits.code(0, 7); // end of block
    bits.bytes
}

#[test]
fn a_zip_bomb_is_refused_within_100_mb_of_memory() {
    use std::io::Read;
    let Ok(_) = std::process::Command::new("prlimit")
        .arg("--version")
        .output()
    else {
        common::skip("prlimit (util-linux) is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read(plain(dir.path(), "base.xlsx", &[])).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(base)).unwrap();
    let mut parts = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "xl/sharedStrings.xml" {
            // 2 GB of one shared string: the check of the sizes refuses it.
            let size = 2 * 1024 * 1024 * 1024 - 1;
            let head = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>"#;
            let tail = b"</t></si></sst>";
            parts.push(Part {
                name,
                method: 8,
                crc: 0,
                packed: deflate_bomb(head, tail, size),
                size,
            });
            continue;
        }
        let size = data.len() as u32;
        parts.push(Part {
            name,
            method: 0,
            crc: crc32(&data),
            packed: data,
            size,
        });
    }
    let run = |name: &str, parts: &[Part]| {
        let bomb = zip_of(parts);
        assert!(bomb.len() < 20 * 1024 * 1024, "{} bytes", bomb.len());
        let path = dir.path().join(name);
        std::fs::write(&path, &bomb).unwrap();
        let db = path.with_extension("db");
        let out = std::process::Command::new("prlimit")
            .arg(format!("--as={}", 100 * 1024 * 1024))
            .arg(env!("CARGO_BIN_EXE_shuze"))
            .args([
                "import",
                path.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(!db.exists(), "no database is left behind");
        stderr
    };
    assert_has(
        &run("bomb.xlsx", &parts),
        &[
            "bomb.xlsx",
            "xl/sharedStrings.xml",
            "解压后超过 2047 MB（上限 48 MB）",
            "压缩炸弹",
        ],
    );
    // The same bomb declaring 1 KB: the zip reader stops where the declared size ends.
    for part in &mut parts {
        if part.name == "xl/sharedStrings.xml" {
            part.size = 1024;
        }
    }
    let lying = run("lying.xlsx", &parts);
    assert_has(
        &lying,
        &["lying.xlsx", "无法读取工作簿", "declared uncompressed size"],
    );
}

/// A risk sheet of `n` rows for 王英, each at level `level`.
fn big_risk_sheet(dir: &Path, file: &str, n: usize, level: &str) -> PathBuf {
    let mut workbook = Workbook::new();
    for (name, rows) in base() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        write_sheet(sheet, &rows);
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name("廉政风险点").unwrap();
    write_sheet(sheet, &[vec!["姓名", "风险点", "风险等级", "防控措施"]]);
    for row in 1..=n as u32 {
        sheet.write_string(row, 0, "王英").unwrap();
        sheet.write_string(row, 1, format!("风险点{row}")).unwrap();
        sheet.write_string(row, 2, level).unwrap();
        sheet.write_string(row, 3, "1.集体研究\n2.公开").unwrap();
    }
    let path = dir.join(file);
    workbook.save(&path).unwrap();
    path
}

#[test]
fn fifty_thousand_rows_import_with_a_warning_and_their_errors_grouped() {
    let dir = tempfile::tempdir().unwrap();
    let p = read(&big_risk_sheet(dir.path(), "big.xlsx", 50_000, "高"));
    assert_eq!(risks(&p), [0, 50_000, 0]);
    assert_has(
        &warnings(&p),
        &["「王　英」有 50000 个廉政风险点，超过 200 个"],
    );
    // 5,000 bad cells: the first twenty with their cells, then a count per sheet and
    // column, not a line each.
    let message = refused(&big_risk_sheet(dir.path(), "bad.xlsx", 5_000, "极高"));
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 22, "{message}");
    assert_has(
        lines[0],
        &["「廉政风险点」表第2行C列（风险等级）: 「极高」不是「风险等级」可选的值"],
    );
    assert_has(lines[19], &["第21行C列"]);
    assert_has(
        lines[20],
        &["……「廉政风险点」表「风险等级」列另有 4980 处错误"],
    );
    assert_has(lines[21], &["准备文件有 5000 处错误"]);
}

#[test]
fn example_rows_left_in_are_not_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = plain(
        dir.path(),
        "examples.xlsx",
        &[(
            "廉政风险点",
            vec![
                vec!["序号", "姓名", "风险点", "风险等级"],
                vec!["1", "【示例】张某", "村级工程项目发包", "高"],
                vec!["2", "王英", "资金拨付", "高"],
            ],
        )],
    );
    let p = read(&path);
    assert_eq!(risks(&p), [0, 1, 0]);
    assert_has(
        &warnings(&p),
        &["第 2 行标有「【示例】」，是模板的示例行，未导入"],
    );
}
