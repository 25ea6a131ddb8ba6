//! Word documents in the official-document style (GB/T 9704): A4, margins 37/35/28/26 mm,
//! 22 lines of 28 characters (a 28.95 pt line grid, body characters condensed 0.25 pt),
//! 方正小标宋简体 2号 title, 仿宋_GB2312 3号 body with exact 28.95 pt lines, justified, and a
//! two-character first-line indent, 黑体 and 楷体 headings kept with the next paragraph and
//! given outline levels, Times New Roman for digits and Latin text, "— 1 —" page numbers in
//! 4号 7 mm below the text, centred or on the outside. The East Asian font is named on the
//! defaults, on every style and on every run, because Word picks the font for Chinese
//! characters from `w:eastAsia` alone; every run says its East Asian language is zh-CN.
//!
//! The WordprocessingML is written here, not through a crate: docx-rs 0.4 wrote child
//! elements out of schema order (`w:pStyle` after other paragraph properties,
//! `w:footerReference` last in `w:sectPr`, run properties out of Word's sequence), which
//! Word may ignore, and those were exactly the fonts, spacing and grid. The documents use
//! few elements, so writing them in order is less code than patching another writer's XML.
//! Only parts something links are written, deflated.

mod parts;
mod xml;

use super::document::{Block, Document, Rule};
use super::{ExportError, Fonts, Format, PageNumbers};
use parts::{Part, Side};
use std::io::Write as _;
use unicode_width::UnicodeWidthStr;
use xml::{Align, ParaStyle, RunStyle, Spacing};

/// Font sizes in half-points.
const SIZE_2: u32 = 44; // 2号, 22 pt: the title
const SIZE_3: u32 = 32; // 3号, 16 pt: the body
const SIZE_4: u32 = 28; // 4号, 14 pt: page numbers
const SIZE_TABLE: u32 = 24; // 小4号, 12 pt: tables
/// 28.95 pt exact line spacing, in twentieths of a point.
const LINE: u32 = 579;
/// Two 3号 characters, in twips: the first-line indent.
const INDENT: u32 = 640;
/// Body characters condensed by 0.25 pt (in twentieths of a point), so that exactly 28
/// full-width 16 pt characters fit the 156 mm line (28 x 15.75 pt = 441 pt of 442.25 pt).
/// This gives 28 per line in Word, WPS and LibreOffice alike, where a character grid with
/// a negative pitch makes LibreOffice give every character two cells.
const CONDENSED: i32 = -5;
/// A4 and the GB/T 9704 margins, in twips.
const PAGE: (u32, u32) = (11906, 16838);
const TOP: u32 = 2098; // 37 mm
const BOTTOM: u32 = 1984; // 35 mm
const LEFT: u32 = 1587; // 28 mm
const RIGHT: u32 = 1474; // 26 mm
/// The text width: 156 mm.
pub const TEXT_WIDTH: u32 = PAGE.0 - LEFT - RIGHT;
/// The page number's line starts 7 mm (397 twips) below the text block: the footer's
/// bottom edge is that line's height lower. The 14 pt glyphs stand about 2 pt (40 twips)
/// above an exact 14 pt line's top, so the line is set that much lower: LibreOffice then
/// prints the number's top 7.0 mm below the text (measured by `tests/readers.rs`).
const FOOTER: u32 = BOTTOM - 397 - parts::FOOTER_LINE - 40;
/// Table cells: 1 mm of margin on either side.
const CELL_MARGIN: u32 = 57;

struct FontSet {
    title: &'static str,
    body: &'static str,
    heading: &'static str,
    subheading: &'static str,
}

impl Fonts {
    fn set(self) -> FontSet {
        match self {
            Fonts::Gb2312 => FontSet {
                title: "方正小标宋简体",
                body: "仿宋_GB2312",
                heading: "黑体",
                subheading: "楷体_GB2312",
            },
            Fonts::Windows => FontSet {
                title: "宋体",
                body: "仿宋",
                heading: "黑体",
                subheading: "楷体",
            },
        }
    }
}

fn body_run(f: &FontSet) -> RunStyle<'_> {
    RunStyle {
        font: f.body,
        size: SIZE_3,
        bold: false,
        spacing: CONDENSED,
    }
}

/// A body paragraph: exact lines, justified, two-character indent.
fn body_style() -> ParaStyle<'static> {
    ParaStyle {
        style: Some("Body"),
        spacing: Some(Spacing::Exact(LINE)),
        first_line: Some(INDENT),
        align: Some(Align::Both),
        ..Default::default()
    }
}

fn heading(text: &str, style: &'static str, level: u8, font: &str) -> String {
    let ppr = ParaStyle {
        style: Some(style),
        keep_next: true,
        keep_lines: true,
        outline: Some(level),
        ..body_style()
    };
    let run = RunStyle {
        font,
        size: SIZE_3,
        bold: false,
        spacing: CONDENSED,
    };
    xml::paragraph(&ppr, &xml::run(text, run))
}

/// Each line of typed text its own paragraph with the indent; the lead, in bold, opens the
/// first.
fn paragraphs(lead: &str, text: &str, f: &FontSet) -> String {
    let style = body_run(f);
    let mut lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        lines.push("");
    }
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let mut runs = String::new();
        if i == 0 && !lead.is_empty() {
            runs.push_str(&xml::run(lead, style.bold()));
        }
        if !line.is_empty() {
            runs.push_str(&xml::run(line.trim_end(), style));
        }
        out.push_str(&xml::paragraph(&body_style(), &runs));
    }
    out
}

/// Text set left and right on one line (issuing office and date), with rules.
fn spread(left: &str, right: &str, rule: Rule, f: &FontSet) -> String {
    let style = RunStyle {
        spacing: 0,
        ..body_run(f)
    };
    let ppr = ParaStyle {
        keep_next: rule == Rule::Below,
        rules: xml::Rules {
            above: rule == Rule::Around,
            below: true,
        },
        right_tab: Some(TEXT_WIDTH - INDENT / 2),
        first_line: Some(0),
        sides: Some((INDENT / 2, INDENT / 2)),
        align: Some(Align::Left),
        ..body_style()
    };
    let runs = format!(
        "{}{}{}",
        xml::run(left, style),
        xml::tab(style),
        xml::run(right, style)
    );
    xml::paragraph(&ppr, &runs)
}

fn centred(text: &str, f: &FontSet) -> String {
    let ppr = ParaStyle {
        keep_next: true,
        first_line: Some(0),
        align: Some(Align::Centre),
        ..body_style()
    };
    xml::paragraph(&ppr, &xml::run(text, body_run(f)))
}

/// Column widths in twips that sum to the text width: each column at least as wide as its
/// header (so no header breaks inside a word) and its short entries; what is left goes to
/// the columns of longer text, in proportion to what they would need on one line.
pub fn column_widths(header: &[String], rows: &[Vec<String>], total: u32) -> Vec<u32> {
    // 小4号: a full-width character is 12 pt = 240 twips, a display column half that.
    let twips = |text: &str| text.lines().map(|l| l.width()).max().unwrap_or(0) as u32 * 120;
    let pad = 2 * CELL_MARGIN + 40;
    let mut least = Vec::new();
    let mut want = Vec::new();
    for (c, name) in header.iter().enumerate() {
        let cells = rows.iter().filter_map(|r| r.get(c));
        let longest = cells.clone().map(|t| twips(t)).max().unwrap_or(0);
        // Entries up to four characters wide (numbers, names) are kept on one line too.
        let short = cells
            .map(|t| twips(t))
            .filter(|&w| w <= 8 * 120)
            .max()
            .unwrap_or(0);
        let min = twips(name).max(short) + pad;
        least.push(min);
        want.push((longest + pad).max(min));
    }
    let (least_sum, want_sum): (u32, u32) = (least.iter().sum(), want.iter().sum());
    let mut widths: Vec<u32> = if want_sum <= total {
        want.iter()
            .map(|&w| (w as u64 * total as u64 / want_sum.max(1) as u64) as u32)
            .collect()
    } else if least_sum <= total {
        let spare = (total - least_sum) as u64;
        let more: u64 = want.iter().zip(&least).map(|(w, l)| (w - l) as u64).sum();
        want.iter()
            .zip(&least)
            .map(|(&w, &l)| l + (spare * (w - l) as u64 / more.max(1)) as u32)
            .collect()
    } else {
        least
            .iter()
            .map(|&l| (l as u64 * total as u64 / least_sum as u64) as u32)
            .collect()
    };
    let sum: u32 = widths.iter().sum();
    if let Some(widest) = widths.iter_mut().max() {
        *widest = (*widest + total).saturating_sub(sum);
    }
    widths
}

/// A table as wide as the text: a real grid, widths on every cell, the header row repeated
/// on each page, rows kept whole.
fn table(header: &[String], rows: &[Vec<String>], f: &FontSet) -> String {
    let widths = column_widths(header, rows, TEXT_WIDTH);
    let border =
        |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#);
    let mut out = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{}{}{}{}{}{}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#,
        border("top"),
        border("left"),
        border("bottom"),
        border("right"),
        border("insideH"),
        border("insideV"),
    );
    for w in &widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
    let style = RunStyle {
        font: f.body,
        size: SIZE_TABLE,
        bold: false,
        spacing: 0,
    };
    let row = |cells: &[String], head: bool| {
        let mut tr = String::from("<w:tr><w:trPr><w:cantSplit/>");
        if head {
            tr.push_str("<w:tblHeader/>");
        }
        tr.push_str("</w:trPr>");
        for (cell, w) in cells.iter().zip(&widths) {
            tr.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>"#
            ));
            let run_style = if head { style.bold() } else { style };
            let mut lines: Vec<&str> = cell.lines().collect();
            if lines.is_empty() {
                lines.push("");
            }
            for line in lines {
                let ppr = ParaStyle {
                    style: Some("TableText"),
                    ..parts::table_text(Align::Centre)
                };
                let runs = if line.is_empty() {
                    String::new()
                } else {
                    xml::run(line, run_style)
                };
                tr.push_str(&xml::paragraph(&ppr, &runs));
            }
            tr.push_str("</w:tc>");
        }
        tr.push_str("</w:tr>");
        tr
    };
    out.push_str(&row(header, true));
    for cells in rows {
        out.push_str(&row(cells, false));
    }
    out.push_str("</w:tbl>");
    out
}

/// The body's XML, blocks in order, then the section: page, margins, grid, header, footers.
fn body(doc: &Document, f: &FontSet, page_numbers: PageNumbers) -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{}" xmlns:r="{}"><w:body>"#,
        parts::W,
        parts::R
    );
    let title = RunStyle {
        font: f.title,
        size: SIZE_2,
        bold: false,
        spacing: 0,
    };
    let title_style = ParaStyle {
        style: Some("Title"),
        keep_next: true,
        spacing: Some(Spacing::Exact(LINE * 3 / 2)),
        space_around: Some((0, LINE / 2)),
        first_line: Some(0),
        align: Some(Align::Centre),
        ..Default::default()
    };
    out.push_str(&xml::paragraph(&title_style, &xml::run(&doc.title, title)));
    for block in &doc.blocks {
        match block {
            Block::Heading(text) => out.push_str(&heading(text, "Heading1", 0, f.heading)),
            Block::Subheading(text) => out.push_str(&heading(text, "Heading2", 1, f.subheading)),
            Block::Paragraph { lead, text } => out.push_str(&paragraphs(lead, text, f)),
            Block::Table { header, rows } => out.push_str(&table(header, rows, f)),
            Block::Centred(text) => out.push_str(&centred(text, f)),
            Block::Spread { left, right, rule } => out.push_str(&spread(left, right, *rule, f)),
            Block::Break => {}
            Block::Signatures(items) => {
                out.push_str(&paragraphs("", &items.join("　　　　　　　　"), f))
            }
        }
    }
    out.push_str("<w:sectPr>");
    out.push_str(r#"<w:headerReference w:type="default" r:id="rIdHeader"/>"#);
    if page_numbers == PageNumbers::Outside {
        out.push_str(r#"<w:headerReference w:type="even" r:id="rIdHeader"/>"#);
    }
    if page_numbers == PageNumbers::Outside {
        out.push_str(r#"<w:footerReference w:type="even" r:id="rIdFooterEven"/>"#);
    }
    out.push_str(r#"<w:footerReference w:type="default" r:id="rIdFooter"/>"#);
    out.push_str(&format!(
        r#"<w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{TOP}" w:right="{RIGHT}" w:bottom="{BOTTOM}" w:left="{LEFT}" w:header="851" w:footer="{FOOTER}" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr></w:body></w:document>"#,
        PAGE.0, PAGE.1
    ));
    out
}

/// Who wrote the document and when: `docProps/core.xml`.
pub struct Properties<'a> {
    pub author: &'a str,
    pub created: chrono::DateTime<chrono::Utc>,
}

pub fn render(
    doc: &Document,
    font_names: Fonts,
    page_numbers: PageNumbers,
    properties: &Properties,
) -> Result<Vec<u8>, ExportError> {
    let f = font_names.set();
    let part = |name: &str, kind: &str, xml: String| Part {
        name: name.to_string(),
        content_type: parts::content_type(kind),
        xml,
    };
    let mut links = vec![
        (
            "rIdStyles".to_string(),
            parts::REL_STYLES,
            "styles.xml".to_string(),
        ),
        (
            "rIdSettings".into(),
            parts::REL_SETTINGS,
            "settings.xml".into(),
        ),
        ("rIdFooter".into(), parts::REL_FOOTER, "footer1.xml".into()),
    ];
    let (odd, even) = match page_numbers {
        PageNumbers::Centred => (Side::Centre, None),
        PageNumbers::Outside => (Side::Right, Some(Side::Left)),
    };
    let mut word = vec![
        part("word/document.xml", "document", body(doc, &f, page_numbers)),
        part("word/styles.xml", "styles", parts::styles(&f)),
        part(
            "word/settings.xml",
            "settings",
            parts::settings(page_numbers),
        ),
        part("word/footer1.xml", "footer", parts::footer(&f, odd)),
    ];
    if let Some(even) = even {
        links.push((
            "rIdFooterEven".into(),
            parts::REL_FOOTER,
            "footer2.xml".into(),
        ));
        word.push(part("word/footer2.xml", "footer", parts::footer(&f, even)));
    }
    let draft = doc
        .draft
        .then(|| crate::labels::Label::Draft.text(crate::labels::Lang::Zh));
    links.push(("rIdHeader".into(), parts::REL_HEADER, "header1.xml".into()));
    word.push(part(
        "word/header1.xml",
        "header",
        parts::page_header(&f, &doc.mark, draft),
    ));
    let mut all = vec![
        part(
            "docProps/core.xml",
            "core",
            parts::core(&doc.title, properties.author, properties.created),
        ),
        part("docProps/app.xml", "app", parts::app()),
    ];
    all.extend(word);
    let package_links = [
        (
            "rId1".to_string(),
            parts::REL_DOCUMENT,
            "word/document.xml".to_string(),
        ),
        ("rId2".into(), parts::REL_CORE, "docProps/core.xml".into()),
        ("rId3".into(), parts::REL_APP, "docProps/app.xml".into()),
    ];
    let files = [
        (
            "[Content_Types].xml".to_string(),
            parts::content_types(&all),
        ),
        ("_rels/.rels".into(), parts::relationships(&package_links)),
        (
            "word/_rels/document.xml.rels".into(),
            parts::relationships(&links),
        ),
    ]
    .into_iter()
    .chain(all.into_iter().map(|p| (p.name, p.xml)));
    zip(files, properties.created).map_err(|e| ExportError::Render {
        format: Format::Docx,
        message: e.to_string(),
    })
}

/// The parts in a deflated zip, each stamped with the time the document was made.
fn zip(
    files: impl Iterator<Item = (String, String)>,
    created: chrono::DateTime<chrono::Utc>,
) -> zip::result::ZipResult<Vec<u8>> {
    use chrono::{Datelike, Timelike};
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stamp = zip::DateTime::from_date_and_time(
        created.year().clamp(1980, 2107) as u16,
        created.month() as u8,
        created.day() as u8,
        created.hour() as u8,
        created.minute() as u8,
        created.second() as u8,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp);
    for (name, xml) in files {
        writer.start_file(name, options)?;
        writer.write_all(xml.as_bytes())?;
    }
    Ok(writer.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn columns_fill_the_text_width_and_fit_their_headers() {
        let header = cells(&["序号", "述责人", "单位职务", "参评人数", "测评结果"]);
        let rows = vec![cells(&[
            "1",
            "张某",
            "县教育体育局党组书记、局长",
            "7",
            "好和较好7票，占有效票100.0%",
        ])];
        let widths = column_widths(&header, &rows, TEXT_WIDTH);
        assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
        for (w, h) in widths.iter().zip(&header) {
            assert!(*w >= h.width() as u32 * 120 + 2 * CELL_MARGIN, "{h}: {w}");
        }
    }
}
