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

/// Whether a program runs here (`--version`).
fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
}

/// The printed files, or `None` (said through `common::skip`) where LibreOffice or poppler
/// is not installed.
fn printed() -> Option<&'static Printed> {
    for program in ["soffice", "pdftotext", "pdftoppm"] {
        if !installed(program) {
            skip(&format!(
                "{program} is not installed (tests/run.sh installs it)"
            ));
            return None;
        }
    }
    Some(print_all())
}

/// Writes the exports of the ended and of the draft meeting, validates every Word and Excel
/// file, and prints them through LibreOffice once.
fn print_all() -> &'static Printed {
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
        // The ledger of a unit with many earlier follow-ups: rows enough for several pages.
        let mut long = ended.clone();
        let earlier = long.officials[0].earlier_follow_ups[0].clone();
        long.officials[0].earlier_follow_ups = (0..60)
            .map(|n| {
                let mut f = earlier.clone();
                f.problem = format!("第{n}个以往问题：{}", f.problem);
                f
            })
            .collect();
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
            (
                "ledger-long.xlsx",
                &long,
                Kind::Ledger,
                Format::Xlsx,
                &filing,
            ),
        ];
        for (name, minutes, kind, format, filing) in files {
            let bytes = export::render_filed(minutes, kind, format, &options(), filing).unwrap();
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        let office: Vec<PathBuf> = [
            "record.docx",
            "summary.docx",
            "ledger.xlsx",
            "draft.docx",
            "ledger-long.xlsx",
        ]
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
            .args(&office[..5])
            .output()
            .expect("LibreOffice (soffice) is not installed: run tests/run.sh");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        print_without_carlito(&dir);
        Printed { dir, ended, draft }
    })
}

/// The long ledger printed again where fontconfig has no Carlito (Calibri's metrics): its
/// column units are then DejaVu Sans's digits, about a quarter wider. Into `no-carlito/`.
fn print_without_carlito(dir: &Path) {
    let out = dir.join("no-carlito");
    std::fs::create_dir_all(&out).unwrap();
    let conf = out.join("fonts.conf");
    std::fs::write(
        &conf,
        r#"<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<selectfont><rejectfont><glob>*Carlito*</glob></rejectfont></selectfont></fontconfig>"#,
    )
    .unwrap();
    let status = Command::new("soffice")
        .env("FONTCONFIG_FILE", &conf)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            out.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(dir.join("ledger-long.xlsx"))
        .output()
        .unwrap();
    assert!(status.status.success());
}

/// One word of `pdftotext -bbox`: its page, box (points from the top left) and text.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x_min: f64,
    x_max: f64,
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
            x_max: attr("xMax"),
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
    let Some(p) = printed() else { return };
    assert!(p.file("record.docx").is_file() && p.file("ledger.xlsx").is_file());
}

#[test]
fn a_full_body_page_has_22_lines_of_28_characters() {
    let Some(p) = printed() else { return };
    // Body text only (16 pt: boxes over 18 pt high); a table's 12 pt lines are not the grid's.
    let words: Vec<Word> = words(&p.pdf("record"))
        .into_iter()
        .filter(|w| w.y_max - w.y_min > 18.0)
        .collect();
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
    let Some(p) = printed() else { return };
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
    let Some(p) = printed() else { return };
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
    let Some(p) = printed() else { return };
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
    let Some(p) = printed() else { return };
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
    let Some(p) = printed() else { return };
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
    let Some(p) = printed() else { return };
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
    let Some(p) = printed() else { return };
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
    let Some(p) = printed() else { return };
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

/// Page `page` of a PDF as pixels at 144 dpi (two a point): rows of RGB.
fn pixels(pdf: &Path, page: usize) -> (usize, usize, Vec<u8>) {
    let stem = PathBuf::from(format!("{}-page{page}", pdf.with_extension("").display()));
    let status = Command::new("pdftoppm")
        .args(["-r", "144", "-singlefile", "-f", &page.to_string()])
        .args(["-l", &page.to_string()])
        .arg(pdf)
        .arg(&stem)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(format!("{}.ppm", stem.display())).unwrap();
    // "P6\nW H\n255\n" then the pixels.
    let mut fields = bytes.splitn(4, |b| *b == b'\n');
    assert_eq!(fields.next(), Some(&b"P6"[..]));
    let size = std::str::from_utf8(fields.next().unwrap()).unwrap();
    let (w, h) = size.split_once(' ').unwrap();
    fields.next();
    let data = fields.next().unwrap().to_vec();
    (w.parse().unwrap(), h.parse().unwrap(), data)
}

/// The rows (in points from the top) that have red ink.
fn red_rows(pdf: &Path, page: usize) -> Vec<f64> {
    let (w, h, data) = pixels(pdf, page);
    (0..h)
        .filter(|y| {
            data[y * w * 3..(y + 1) * w * 3]
                .chunks(3)
                .any(|p| p[0] > 200 && p[1] < 80 && p[2] < 80)
        })
        .map(|y| y as f64 / 2.0)
        .collect()
}

#[test]
fn the_summary_is_headed_by_its_red_mark_35_mm_down_and_a_red_rule() {
    let Some(p) = printed() else { return };
    let pdf = p.pdf("summary");
    let red = red_rows(&pdf, 1);
    let top = *red.first().expect("red ink on the first page");
    let down = (top - BLOCK_TOP) / MM;
    assert!(
        (34.5..=35.5).contains(&down),
        "the 纪要标志's top is {down:.1} mm below the text block's"
    );
    let words = words(&pdf);
    let mark = words
        .iter()
        .find(|w| w.page == 1 && w.text.contains("纪要"))
        .unwrap();
    assert!(
        (mark.y_min - top).abs() < 10.0,
        "the red ink is the 纪要标志"
    );
    // The red rule: red again below the office and date line, after a gap.
    let office = words
        .iter()
        .find(|w| w.page == 1 && w.text == "中共某县纪委办公室")
        .unwrap();
    assert!(
        red.iter()
            .any(|&y| y > office.y_max && y < office.y_max + 15.0),
        "a red rule under the issuing office and date"
    );
}

#[test]
fn the_imprint_stands_at_the_foot_of_the_last_page() {
    let Some(p) = printed() else { return };
    let words = words(&p.pdf("summary"));
    let last = words.iter().map(|w| w.page).max().unwrap();
    let issued = words
        .iter()
        .rfind(|w| w.text.contains("印发"))
        .expect("the 印发 line");
    assert_eq!(issued.page, last, "on the last page");
    let lowest = words
        .iter()
        .filter(|w| w.page == last && w.y_max <= BLOCK_BOTTOM + 4.0)
        .map(|w| w.y_max)
        .fold(0.0, f64::max);
    assert_eq!(issued.y_max, lowest, "the last line of the text");
    assert!(
        BLOCK_BOTTOM - issued.y_max < 8.0,
        "{:.1} mm above the text block's foot",
        (BLOCK_BOTTOM - issued.y_max) / MM
    );
    // 4号: a 14 pt line's box is 18.2 pt high in Noto Sans CJK (a 3号 line's 20.8).
    assert!((issued.y_max - issued.y_min) < 19.5, "the imprint in 4号");
}

#[test]
fn attendance_in_the_summary_hangs_after_its_heiti_word() {
    let Some(p) = printed() else { return };
    let words = words(&p.pdf("summary"));
    let at = words
        .iter()
        .position(|w| w.text.starts_with("出席："))
        .expect("出席 in the 纪要");
    let first = &words[at];
    let next = words[at + 1..]
        .iter()
        .find(|w| w.y_min > first.y_max - 2.0)
        .unwrap();
    assert!(
        (first.x_min - (28.0 * MM + 2.0 * 15.75)).abs() < 2.0,
        "出席 two characters in: x {}",
        first.x_min
    );
    assert!(
        (next.x_min - (first.x_min + 3.0 * 15.75)).abs() < 2.0,
        "a wrapped line starts after the colon: x {} after {}",
        next.x_min,
        first.x_min
    );
    let bytes = std::fs::read(p.file("summary.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    for word in ["出席：", "请假：", "列席："] {
        let run = xml
            .split("<w:r>")
            .find(|r| r.contains(&format!(">{word}</w:t>")))
            .unwrap_or_else(|| panic!("{word} in the 纪要"));
        assert!(
            run.contains(r#"w:eastAsia="黑体""#) && !run.contains("<w:b/>"),
            "{word} in 黑体, not bold: {run}"
        );
    }
    let summary = layout(&p.pdf("summary"));
    assert!(!summary.contains("，。"), "{summary}");
}

/// The smallest text size of a PDF, in points: the width of its words of Chinese characters
/// alone (each as wide as the size).
fn smallest_chinese(words: &[Word]) -> f64 {
    words
        .iter()
        .filter(|w| {
            w.text
                .chars()
                .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        })
        .map(|w| (w.x_max - w.x_min) / w.text.chars().count() as f64)
        .fold(f64::MAX, f64::min)
}

#[test]
fn the_ledger_prints_each_pages_rows_across_then_down() {
    let Some(p) = printed() else { return };
    rows_across_then_down(&p.pdf("ledger-long"));
}

#[test]
fn without_calibris_metrics_the_ledger_still_prints_two_pages_across_at_9_pt() {
    let Some(p) = printed() else { return };
    let pdf = p.dir.join("no-carlito/ledger-long.pdf");
    rows_across_then_down(&pdf);
    let size = smallest_chinese(&words(&pdf));
    assert!(size >= 9.0, "smallest text {size:.1} pt");
    let with = smallest_chinese(&words(&p.pdf("ledger-long")));
    assert!(
        (with - 10.5).abs() < 0.2,
        "with Carlito at 100%: {with:.1} pt"
    );
}

fn rows_across_then_down(pdf: &Path) {
    let words = words(pdf);
    let pages = words.iter().map(|w| w.page).max().unwrap();
    assert!(pages >= 4 && pages % 2 == 0, "{pages} pages, two across");
    // 序号 stands at the left of every page: the row numbers a page holds.
    let numbers = |page: usize| -> Vec<u32> {
        // The leftmost number: the page header's classification line stands further left.
        let left = words
            .iter()
            .filter(|w| w.page == page && w.text.parse::<u32>().is_ok())
            .map(|w| w.x_min)
            .fold(f64::MAX, f64::min);
        let mut first: Vec<&Word> = words
            .iter()
            .filter(|w| w.page == page && w.x_min < left + 12.0)
            .collect();
        first.sort_by(|a, b| a.y_min.total_cmp(&b.y_min));
        first.iter().filter_map(|w| w.text.parse().ok()).collect()
    };
    let mut all = Vec::new();
    for page in (1..=pages).step_by(2) {
        let has = |page: usize, word: &str| {
            words
                .iter()
                .any(|w| w.page == page && w.text.contains(word))
        };
        assert!(has(page, "提出时间"), "page {page}: the left half");
        assert!(
            has(page + 1, "本次会议更新"),
            "page {}: its right half",
            page + 1
        );
        let rows = numbers(page);
        assert!(!rows.is_empty(), "page {page} holds rows");
        assert_eq!(
            rows,
            numbers(page + 1),
            "pages {page} and {}: the same rows",
            page + 1
        );
        all.extend(rows);
    }
    let expected: Vec<u32> = (1..=all.len() as u32).collect();
    assert_eq!(all, expected, "every row once, in order");
}

#[test]
fn no_table_word_or_draft_mark_is_broken() {
    let Some(p) = printed() else { return };
    let record = layout(&p.pdf("record"));
    let table: Vec<&str> = record
        .lines()
        .skip_while(|l| !l.contains("测评结果"))
        .take_while(|l| !l.contains("五、"))
        .collect();
    assert!(
        table.iter().any(|l| l.contains("某某镇党委书记")),
        "the post broken in the rating table: {table:#?}"
    );
    let draft = layout(&p.pdf("draft"));
    let title: Vec<&str> = draft.lines().take_while(|l| !l.contains("第3期")).collect();
    assert!(
        title
            .iter()
            .all(|l| !l.contains("（草") || l.contains("（草稿）")),
        "the draft mark whole: {title:#?}"
    );
    // Word breaks Chinese text anywhere: the title says where, before the mark.
    let bytes = std::fs::read(p.file("draft.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let title = &xml[..xml.find("</w:p>").unwrap()];
    let mark = title
        .find(">（草稿）</w:t>")
        .expect("the mark in the title");
    let line_break = title
        .find("<w:br/>")
        .expect("a line break in the long title");
    assert!(line_break < mark, "the break before the mark: {title}");
}

/// The HTML record printed by headless Chromium (as root: no sandbox), into `record-html.pdf`.
fn print_html(p: &Printed) -> Option<PathBuf> {
    if !installed("chromium") {
        skip("chromium is not installed (tests/run.sh installs it)");
        return None;
    }
    let pdf = p.file("record-html.pdf");
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", p.file("record.html").display()))
        .output()
        .unwrap();
    assert!(
        output.status.success() && pdf.is_file(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(pdf)
}

/// The rows (in points from the top) of page `page` that have dark ink.
fn ink_rows(pdf: &Path, page: usize) -> Vec<f64> {
    let (w, h, data) = pixels(pdf, page);
    (0..h)
        .filter(|y| {
            data[y * w * 3..(y + 1) * w * 3]
                .chunks(3)
                .any(|p| p.iter().all(|c| *c < 128))
        })
        .map(|y| y as f64 / 2.0)
        .collect()
}

/// Where a page's ink starts below the top (below the page header, which stands in the top
/// margin, its ink above 33 mm: the classification line and the draft mark), and where the page
/// number's starts below the text block, in mm.
fn ink_edges(pdf: &Path, page: usize) -> (f64, f64) {
    let rows = ink_rows(pdf, page);
    let number = rows.iter().find(|&&y| y > BLOCK_BOTTOM + 1.0).unwrap();
    let top = rows.iter().find(|&&y| y > 33.0 * MM).unwrap();
    (top / MM, (number - BLOCK_BOTTOM) / MM)
}

#[test]
fn the_html_record_prints_with_page_numbers_and_the_word_files_margins() {
    let Some(p) = printed() else { return };
    let Some(pdf) = print_html(p) else { return };
    let words = words(&pdf);
    let pages = words.iter().map(|w| w.page).max().unwrap();
    assert!(pages >= 2, "the record runs to several pages");
    let (_, word_number) = ink_edges(&p.pdf("record"), 1);
    for page in 1..=pages {
        let foot: String = words
            .iter()
            .filter(|w| w.page == page && w.y_min > BLOCK_BOTTOM)
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(foot, format!("—{page}—"), "page {page}'s number");
        let head: String = words
            .iter()
            .filter(|w| w.page == page && w.y_min < 31.0 * MM)
            .map(|w| w.text.as_str())
            .collect();
        assert!(
            head.contains("内部资料"),
            "page {page}: the classification line in the page's head: {head:?}"
        );
        let (top, number) = ink_edges(&pdf, page);
        assert!(
            (number - word_number).abs() < 0.5,
            "page {page}: the number {number:.1} mm below the text, Word's {word_number:.1}"
        );
        assert!(
            (37.0..=42.0).contains(&top),
            "page {page}: the text starts {top:.1} mm from the top, not 37"
        );
        let body: Vec<Word> = words
            .iter()
            .filter(|w| w.page == page && w.y_max <= BLOCK_BOTTOM + 20.0)
            .cloned()
            .collect();
        let lines = body_lines(&body)[page - 1].len();
        assert!(
            page == pages || lines >= 5,
            "page {page} holds {lines} lines: a page break before an official with nothing recorded?"
        );
    }
}
