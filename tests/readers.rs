//! The exports as their readers see them: every Word and Excel file checked against the
//! OOXML schemas, and the record, the 纪要 and the ledger printed to PDF by LibreOffice
//! (headless), then measured with poppler's `pdftotext`: 22 lines of 28 characters on a
//! body page, table headers whole, the page number 7 mm below the text, the ledger's
//! smallest text at least 9 pt, and what the pages say.
//!
//! LibreOffice runs once for the whole file (every document in one call); `tests/run.sh`
//! installs it, poppler-utils and the Noto CJK fonts.

mod common;

use chrono::FixedOffset;
use common::*;
use shuze::export::{self, Filing, Format, Kind, Minutes, Options, PageNumbers};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Points per millimetre.
const MM: f64 = 72.0 / 25.4;
/// A4 height, and the text block's edges (37 mm top margin, 35 mm bottom), in points.
const PAGE_HEIGHT: f64 = 841.89;
const BLOCK_TOP: f64 = 37.0 * MM;
const BLOCK_BOTTOM: f64 = PAGE_HEIGHT - 35.0 * MM;

fn options() -> Options {
    Options {
        revisions: false,
        offset: FixedOffset::east_opt(8 * 3600).unwrap(),
        fonts: export::Fonts::Gb2312,
    }
}

/// The files of one run: the exports and their PDFs.
struct Printed {
    dir: PathBuf,
    ended: Minutes,
    draft: Minutes,
}

impl Printed {
    fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn pdf(&self, stem: &str) -> PathBuf {
        self.dir.join(format!("{stem}.pdf"))
    }
}

/// Writes the exports of the ended and of the draft meeting, validates every Word and Excel
/// file, and prints them through LibreOffice once.
fn printed() -> &'static Printed {
    static PRINTED: OnceLock<Printed> = OnceLock::new();
    PRINTED.get_or_init(|| {
        let dir = match std::env::var_os("KEEP_PRINTED") {
            Some(keep) => {
                std::fs::create_dir_all(&keep).unwrap();
                PathBuf::from(keep)
            }
            None => {
                // Cargo's folder for integration tests' files: replaced on every run.
                let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("readers");
                let _ = std::fs::remove_dir_all(&dir);
                std::fs::create_dir_all(&dir).unwrap();
                dir
            }
        };
        let (_db_dir, db) = temp_db();
        let draft = {
            let session = reported_sample(&db, false);
            Minutes::build(&session.store, 1, false, at(2_350)).unwrap()
        };
        let (_db_dir2, db2) = temp_db();
        let ended = {
            let session = reported_sample(&db2, true);
            Minutes::build(&session.store, 1, false, at(2_500)).unwrap()
        };
        let filing = Filing {
            issue: Some(3),
            office: "中共某县纪委办公室".into(),
            ..Filing::default()
        };
        let outside = Filing {
            page_numbers: PageNumbers::Outside,
            ..filing.clone()
        };
        let files = [
            ("record.docx", &ended, Kind::Record, Format::Docx, &filing),
            ("summary.docx", &ended, Kind::Summary, Format::Docx, &filing),
            ("ledger.xlsx", &ended, Kind::Ledger, Format::Xlsx, &filing),
            ("draft.docx", &draft, Kind::Summary, Format::Docx, &outside),
            (
                "draft-record.docx",
                &draft,
                Kind::Record,
                Format::Docx,
                &outside,
            ),
            ("record.md", &ended, Kind::Record, Format::Md, &filing),
            ("summary.md", &ended, Kind::Summary, Format::Md, &filing),
            ("draft.html", &draft, Kind::Summary, Format::Html, &filing),
            ("record.html", &ended, Kind::Record, Format::Html, &filing),
            ("ledger.csv", &ended, Kind::Ledger, Format::Csv, &filing),
        ];
        for (name, minutes, kind, format, filing) in files {
            let bytes = export::render_filed(minutes, kind, format, &options(), filing).unwrap();
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        let office: Vec<PathBuf> = ["record.docx", "summary.docx", "ledger.xlsx", "draft.docx"]
            .iter()
            .map(|n| dir.join(n))
            .chain([dir.join("draft-record.docx")])
            .collect();
        let refs: Vec<&Path> = office.iter().map(PathBuf::as_path).collect();
        assert_valid_ooxml(&refs);
        let profile = dir.join("lo-profile");
        let status = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&dir)
            .args(&office[..4])
            .output()
            .expect("LibreOffice (soffice) is not installed: run tests/run.sh");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        Printed { dir, ended, draft }
    })
}

/// One word of `pdftotext -bbox`: its page, box (points from the top left) and text.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x_min: f64,
    y_min: f64,
    y_max: f64,
    text: String,
}

fn words(pdf: &Path) -> Vec<Word> {
    let output = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is not installed: run tests/run.sh");
    let html = String::from_utf8(output.stdout).unwrap();
    let mut page = 0;
    let mut all = Vec::new();
    for line in html.lines() {
        if line.contains("<page ") {
            page += 1;
        }
        let Some(rest) = line.trim().strip_prefix("<word ") else {
            continue;
        };
        let attr = |name: &str| -> f64 {
            let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            rest[start..].split('"').next().unwrap().parse().unwrap()
        };
        let text = rest.split('>').nth(1).unwrap().split('<').next().unwrap();
        all.push(Word {
            page,
            x_min: attr("xMin"),
            y_min: attr("yMin"),
            y_max: attr("yMax"),
            text: text.to_string(),
        });
    }
    all
}

fn layout(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// The body's lines on each page: words inside the text block grouped by their top.
fn body_lines(words: &[Word]) -> Vec<Vec<Vec<&Word>>> {
    let pages = words.iter().map(|w| w.page).max().unwrap_or(0);
    (1..=pages)
        .map(|page| {
            let mut lines: Vec<Vec<&Word>> = Vec::new();
            let mut inside: Vec<&Word> = words
                .iter()
                .filter(|w| {
                    w.page == page && w.y_min >= BLOCK_TOP - 4.0 && w.y_max <= BLOCK_BOTTOM + 4.0
                })
                .collect();
            inside.sort_by(|a, b| {
                a.y_min
                    .total_cmp(&b.y_min)
                    .then(a.x_min.total_cmp(&b.x_min))
            });
            for w in inside {
                match lines.last_mut() {
                    Some(line) if (line[0].y_min - w.y_min).abs() < 3.0 => line.push(w),
                    _ => lines.push(vec![w]),
                }
            }
            lines
        })
        .collect()
}

/// Full-width characters count one, others half.
fn characters(line: &[&Word]) -> f64 {
    line.iter()
        .flat_map(|w| w.text.chars())
        .map(|c| if (c as u32) < 0x2000 { 0.5 } else { 1.0 })
        .sum()
}

#[test]
fn every_word_and_excel_file_is_valid_ooxml() {
    // `printed` validates all of them before printing.
    let p = printed();
    assert!(p.file("record.docx").is_file() && p.file("ledger.xlsx").is_file());
}

#[test]
fn a_full_body_page_has_22_lines_of_28_characters() {
    let p = printed();
    let words = words(&p.pdf("record"));
    let pages = body_lines(&words);
    assert!(pages.len() >= 3, "the record runs to several pages");
    let most = pages.iter().map(Vec::len).max().unwrap();
    assert_eq!(most, 22, "lines on the fullest page");
    let widest = pages
        .iter()
        .flatten()
        .map(|l| characters(l))
        .fold(0.0, f64::max);
    assert_eq!(widest, 28.0, "characters on the widest line");
}

#[test]
fn the_page_number_sits_7_mm_below_the_text() {
    let p = printed();
    for stem in ["record", "summary"] {
        let words = words(&p.pdf(stem));
        let numbers: Vec<&Word> = words
            .iter()
            .filter(|w| w.y_min > BLOCK_BOTTOM && w.text.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let pages = words.iter().map(|w| w.page).max().unwrap();
        assert_eq!(numbers.len(), pages, "{stem}: one page number a page");
        for n in numbers {
            let below = (n.y_min - BLOCK_BOTTOM) / MM;
            assert!(
                (6.5..=7.5).contains(&below),
                "{stem} page {}: the number is {below:.1} mm below the text",
                n.page
            );
        }
    }
}

#[test]
fn table_headers_are_whole_and_repeated_on_each_page() {
    let p = printed();
    let text = layout(&p.pdf("record"));
    let header = text
        .lines()
        .find(|l| l.contains("序号") && l.contains("述责人"))
        .expect("the rating table's header");
    let mut at = 0;
    for word in [
        "序号",
        "述责人",
        "单位职务",
        "参评人数",
        "有效票",
        "测评结果",
    ] {
        let found = header[at..]
            .find(word)
            .unwrap_or_else(|| panic!("{word} split or missing in {header:?}"));
        at += found + word.len();
    }
}

#[test]
fn the_ledger_prints_no_smaller_than_9_pt() {
    let p = printed();
    let words = words(&p.pdf("ledger"));
    assert!(!words.is_empty());
    // A word's box is its font's ascent plus descent: at most 1.45 times the size (Noto
    // Sans CJK's; Carlito's is 1.22), so the size is at least the height / 1.45.
    let smallest = words
        .iter()
        .map(|w| (w.y_max - w.y_min) / 1.45)
        .fold(f64::MAX, f64::min);
    assert!(smallest >= 9.0, "smallest text {smallest:.1} pt");
}

#[test]
fn the_summary_says_what_the_record_says() {
    let p = printed();
    let summary = layout(&p.pdf("summary")).replace([' ', '\n'], "");
    let closing = p.ended.closing().unwrap().body.replace('\n', "");
    assert!(summary.contains(&closing), "closing remarks in full");
    let remarks = p.ended.officials[0].remarks().unwrap().body.clone();
    assert!(summary.contains(&remarks), "the chair's remarks in full");
    let record = std::fs::read_to_string(p.file("record.md")).unwrap();
    assert!(
        record.contains("提问3个，回答3个，其中书面质询1个"),
        "{record}"
    );
    assert!(
        summary.contains("会议对张某提问3个，张某回答3个") && summary.contains("书面质询"),
        "{summary}"
    );
    assert!(summary.contains("第3期") && summary.contains("中共某县纪委办公室"));
    assert!(summary.contains("2026年12月18日印发"));
    assert!(!summary.contains("草稿"), "an ended meeting is final");
}

#[test]
fn a_draft_says_so_on_every_page() {
    let p = printed();
    assert!(p.draft.ended_at.is_none());
    let words = words(&p.pdf("draft"));
    let pages = words.iter().map(|w| w.page).max().unwrap();
    for page in 1..=pages {
        assert!(
            words
                .iter()
                .any(|w| w.page == page && w.y_max < BLOCK_TOP && w.text.contains("草稿")),
            "page {page} has no draft mark in its header"
        );
        assert!(
            words
                .iter()
                .any(|w| w.page == page && w.y_max < BLOCK_TOP && w.text.contains("内部资料")),
            "page {page} has no classification line in its header"
        );
    }
    let html = std::fs::read_to_string(p.file("draft.html")).unwrap();
    assert!(html.contains("<title>某县纪委监委2026年度述责述廉会议纪要（草稿）</title>"));
    assert!(html.contains(r#"<span class="draft-mark">（草稿）</span></header>"#));
    assert!(html.contains(r#"<span class="classification">内部资料 注意保存</span>"#));
    assert!(
        !html.contains("<br>"),
        "each typed paragraph is a paragraph of its own"
    );
}

#[test]
fn the_ledger_prints_its_columns_on_two_pages_with_the_first_repeated() {
    let p = printed();
    let pdf = p.pdf("ledger");
    let pages = words(&pdf).iter().map(|w| w.page).max().unwrap();
    let mut groups = std::collections::BTreeSet::new();
    for page in 1..=pages {
        let output = Command::new("pdftotext")
            .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let header = text
            .lines()
            .find(|l| l.contains("序号"))
            .unwrap_or_else(|| panic!("page {page} repeats no header row: {text}"));
        let names: Vec<&str> = header.split_whitespace().collect();
        assert_eq!(names[..3], ["序号", "述责对象", "单位职务"], "page {page}");
        groups.insert(names.join(" "));
    }
    assert_eq!(groups.len(), 2, "two pages across: {groups:#?}");
    let all: String = groups.into_iter().collect();
    for column in export::ledger::columns() {
        assert!(all.contains(column), "{column} is printed");
    }
}

#[test]
fn the_ledger_holds_earlier_follow_ups_with_what_the_meeting_changed() {
    let p = printed();
    let bytes = std::fs::read(p.file("ledger.csv")).unwrap();
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(
        text.split_inclusive('\n').all(|l| l.ends_with("\r\n")),
        "every CSV line ends in CR LF"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let earlier: usize = p
        .ended
        .officials
        .iter()
        .map(|o| o.earlier_follow_ups.len())
        .sum();
    assert_eq!(
        rows.len(),
        1 + earlier,
        "this meeting's follow-up and every earlier one"
    );
    let updated = rows
        .iter()
        .find(|r| r[column("问题描述")] == *"廉政谈话未实现逐级全覆盖")
        .expect("the earlier follow-up");
    assert_eq!(&updated[column("提出时间")], "2026-06-30");
    assert_eq!(&updated[column("状态")], "已完成");
    assert_eq!(
        &updated[column("本次会议更新")],
        "进展情况：（未填写）→已完成全部村组干部廉政谈话；状态：整改中→已完成"
    );
    let numbers: Vec<String> = rows.iter().map(|r| r[0].to_string()).collect();
    let expected: Vec<String> = (1..=rows.len()).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
}

#[test]
fn outside_page_numbers_are_right_on_odd_pages_and_left_on_even() {
    let p = printed();
    let words = words(&p.pdf("draft"));
    let centre = 595.28 / 2.0;
    let numbers: Vec<&Word> = words
        .iter()
        .filter(|w| w.y_min > BLOCK_BOTTOM && w.text.chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert!(numbers.len() >= 2, "the draft runs to two pages");
    for n in numbers {
        let right = n.x_min > centre;
        assert_eq!(
            right,
            n.page % 2 == 1,
            "page {} number at x {}",
            n.page,
            n.x_min
        );
    }
}
