//! `shuze template`: the workbook (or CSV folder) to fill in, with two example rows per
//! sheet taken from the sample meeting.

use super::out::{self, Out};
use super::synonyms::{self, Key};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The template's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TemplateFormat {
    /// One Excel workbook (.xlsx).
    #[default]
    Xlsx,
    /// A folder of UTF-8 CSV files, one per sheet.
    Csv,
}

const SAMPLE: &str = include_str!("../../sample-db/sample.toml");

/// The template's sheets: the sample meeting cut to two rows per sheet, the 纪要's office
/// and issue filled in as an example.
pub fn template_rows() -> Vec<out::SheetOut> {
    let mut sample = super::check::parse(SAMPLE).expect("the sample prep file is valid");
    sample.office = "中共某县纪委办公室".into();
    sample.issue = Some(1);
    let agenda: Vec<(String, String)> = sample
        .prepared
        .officials
        .iter()
        .take(2)
        .map(|o| (o.slot.name.clone(), o.slot.unit.clone()))
        .collect();
    let mut sheets = out::sheet_rows(&sample);
    for out::SheetOut { sheet, rows, .. } in &mut sheets {
        if sheet.per_official {
            // One row for each of the agenda's two examples where each has one.
            let name = sheet.columns.iter().position(|c| c.key == Key::Name);
            let unit = sheet.columns.iter().position(|c| c.key == Key::Unit);
            let owner = |row: &Vec<Out>| {
                let at = |i: Option<usize>| match i.map(|i| &row[i]) {
                    Some(Out::Text(t)) => t.clone(),
                    _ => String::new(),
                };
                agenda.iter().position(|o| *o == (at(name), at(unit)))
            };
            let mut picked: Vec<Vec<Out>> = Vec::new();
            for wanted in 0..agenda.len() {
                if let Some(row) = rows.iter().find(|r| owner(r) == Some(wanted)) {
                    picked.push(row.clone());
                }
            }
            for row in rows.iter().filter(|r| owner(r).is_some()) {
                if picked.len() < 2 && !picked.contains(row) {
                    picked.push(row.clone());
                }
            }
            picked.sort_by_key(|r| owner(r));
            *rows = picked;
        }
        if sheet.name == synonyms::SETTINGS {
            rows.push(
                ["风险等级", "★★★★", "高"]
                    .map(|t| Out::Text(t.into()))
                    .to_vec(),
            );
        }
        rows.truncate(2);
        // Each example row marked where it is seen first, and left out on import while so.
        for row in rows.iter_mut() {
            if let Some(Out::Text(first)) = row
                .iter_mut()
                .find(|cell| matches!(cell, Out::Text(t) if !t.is_empty()))
            {
                first.insert_str(0, synonyms::EXAMPLE_MARK);
            }
        }
        for column in [Key::Position, Key::Ignored] {
            // Examples are numbered 1 and 2 whichever rows they came from.
            if let Some(at) = sheet.columns.iter().position(|c| c.key == column) {
                for (index, row) in rows.iter_mut().enumerate() {
                    row[at] = Out::Number(index as i64 + 1);
                }
            }
        }
    }
    sheets
}

/// Writes the template at `output`: a workbook, or a folder of CSV files.
pub fn write_template(output: &Path, format: TemplateFormat, force: bool) -> Result<Vec<PathBuf>> {
    let sheets = template_rows();
    let lines = instructions();
    match format {
        TemplateFormat::Xlsx => {
            let bytes = out::workbook_with(&sheets, &lines)?;
            out::write_new(output, &bytes, force)?;
            Ok(vec![output.to_path_buf()])
        }
        TemplateFormat::Csv => {
            let mut files = out::csv_files(&sheets)?;
            // Beside the CSV files, read by the clerk (only .csv files are imported).
            let text: String = lines.iter().map(|l| format!("{l}\r\n")).collect();
            let bytes = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
            files.insert(0, (format!("{}.txt", synonyms::INSTRUCTIONS), bytes));
            out::write_folder(&files, output, force)
        }
    }
}

/// What a sheet of the preparation is for, in a line.
fn purpose(sheet: &str) -> &'static str {
    match sheet {
        synonyms::MEETING => "这场会议本身：名称、日期、主持人、记录人、各环节时长，只填一行。",
        synonyms::ATTENDEES => {
            "出席、列席、缺席的人员，每人一行；缺席的写明原因（写「请假」也可以）。"
        }
        synonyms::AGENDA => "述责人，按述责顺序每人一行；其他各表的姓名、单位都要与这里一致。",
        synonyms::DUTIES => {
            "年初提示、按季派单、适时增单的责任事项，每项一行，写明是哪位述责人的。"
        }
        synonyms::RISKS => {
            "廉政风险点台账，每个风险点一行；一格内的多条防控措施每条另起一行并编号。"
        }
        synonyms::QUESTIONS => "会上准备提出的问题，每个问题一行，按提问顺序排列。",
        synonyms::SETTINGS => {
            "可不填。各单位的写法与下拉选项不同时，每种写法一行：哪一列、原值、读作哪个选项（如 风险等级 ★★★★ 读作 高）。"
        }
        synonyms::PORTRAITS => {
            "单位政治生态分析报告（政治画像）发现的问题，每个问题一行，写明维度和建议；只给记录人看，不投影。"
        }
        synonyms::TALKS => "与述责人的提醒谈话，每次一行：日期、谈话人、谈话内容。",
        _ => "以往会议提出、还在整改的问题，每项一行；导出过的整改事项保留「整改标识」。",
    }
}

/// The 填表说明 sheet's lines, in Chinese: what each sheet is, the required columns, the
/// values allowed, the common mistakes.
pub fn instructions() -> Vec<String> {
    let mut lines = vec![
        "述责述廉会议准备表 填表说明".to_string(),
        "一、怎么填".to_string(),
        "每张表的第一行是列名，带 * 的列必须填写；从第二行起每行一条。把鼠标停在列名上可以看到这一列怎么填。".to_string(),
        "各表的示例行以「【示例】」开头，导入时不读：填写时改成本次会议的内容并删去「【示例】」，或整行删去。表名、列名也可用各单位习惯的写法（见 README「准备表格」一节）。".to_string(),
        "二、各张表".to_string(),
    ];
    for sheet in synonyms::SHEETS {
        let required: Vec<&str> = sheet
            .columns
            .iter()
            .filter(|c| c.required)
            .map(|c| c.header)
            .collect();
        let mut line = format!("「{}」{}", sheet.name, purpose(sheet.name));
        if !sheet.required {
            line.push_str("没有这类内容时可以整张表留空。");
        }
        line.push_str(&format!("必填的列：{}", required.join("、")));
        if sheet.per_official {
            line.push_str("，以及「姓名」「单位」至少一个");
        }
        line.push('。');
        lines.push(line);
    }
    lines.push("三、可以填的值（从下拉列表选）".to_string());
    let mut seen: Vec<&str> = Vec::new();
    for sheet in synonyms::SHEETS {
        for column in sheet.columns.iter().filter(|c| !c.choices.is_empty()) {
            let line = format!(
                "「{}」表「{}」：{}",
                sheet.name,
                column.header,
                column.choices.join("、")
            );
            if !seen.contains(&column.header) || sheet.name == synonyms::FOLLOW_UPS {
                seen.push(column.header);
                lines.push(line);
            }
        }
    }
    lines.extend(
        [
            "也认得：出席情况写「请假」读作缺席（原因为请假）；风险等级写一级/二级/三级、★★★/★★/★、高风险/中风险/低风险；             季度写「二季度」「Q2」（年份取会议日期的年份）；时限写「年底」「6月30日前」「长期坚持」。",
            "其他写法（如 ★★★★、Ⅰ级、休假）可在「设置」表逐条写明读作哪个选项，优先于上面这些对应。",
            "四、常见错误",
            "1. 姓名、单位与「议程」表不一致（简称、错字、多了别的字）：每行都要对应议程中的一位述责人，否则整份准备表不导入。",
            "2. 日期写成「明年」「近期」：日期写 2026-12-31 或 2026年12月31日。",
            "3. 一格内写了多条措施却没有编号：每条另起一行，写 1. 2. 或 ① ②，导入后一条一项。",
            "4. 隐藏的行、被筛选掉的行不导入：导入前请取消隐藏、清除筛选（导入时会列出这些行）。",
            "5. 单元格里是公式：请复制后「选择性粘贴→数值」，换成它的值。",
            "6. 把整个单位的台账都记在一位述责人名下：一人超过 200 个风险点或责任事项时导入会提示。",
            "7. 另存为 .xls、.et 或加了密码：请存为 Excel 工作簿（*.xlsx），不设密码。",
        ]
        .map(String::from),
    );
    lines
}
