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

mod columns;
mod parts;
mod xml;

use super::document::{Block, Document, Rule};
use super::{ExportError, Fonts, Format, PageNumbers};
pub use columns::column_widths;
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
        colour: None,
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
        colour: None,
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

/// A 0.35 mm rule, in eighths of a point.
const THICK: u8 = 8;

/// Text set left and right on one line, one character in from either side: the 纪要's
/// issuing office and date over a red rule, or its 版记 (印发机关 and 印发日期 in 4号 between
/// 0.35 mm rules) in a frame at the foot of the last page.
fn spread(left: &str, right: &str, rule: Rule, f: &FontSet) -> String {
    let imprint = rule == Rule::Around;
    let style = RunStyle {
        spacing: 0,
        size: if imprint { SIZE_4 } else { SIZE_3 },
        ..body_run(f)
    };
    // One character of the line's own size in from each side.
    let inset = style.size * 10;
    let ppr = ParaStyle {
        keep_next: !imprint,
        at_foot: imprint,
        rules: xml::Rules {
            above: imprint.then_some(THICK),
            below: Some(THICK),
            red: !imprint,
        },
        right_tab: Some(TEXT_WIDTH - inset),
        first_line: Some(0),
        sides: Some((inset, inset)),
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

/// "出席：" in 3号黑体, then the names in 仿宋; lines after the first start after the colon.
/// `gap`: a blank line before (the first of the 纪要's list).
fn roster(lead: &str, text: &str, gap: bool, f: &FontSet) -> String {
    let lead_width = lead.width() as u32 * INDENT / 4;
    let ppr = ParaStyle {
        space_around: gap.then_some((LINE, 0)),
        sides: Some((INDENT + lead_width, 0)),
        hanging: Some(lead_width),
        align: Some(Align::Left),
        ..body_style()
    };
    let lead_run = RunStyle {
        font: f.heading,
        ..body_run(f)
    };
    let runs = format!(
        "{}{}",
        xml::run(lead, lead_run),
        xml::run(text.trim(), body_run(f))
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
        colour: None,
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
        colour: None,
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
    out.push_str(&title_paragraph(doc, title_style, title));
    let mut previous: Option<&Block> = None;
    for block in &doc.blocks {
        let after_roster = matches!(previous, Some(Block::Roster { .. }));
        previous = Some(block);
        match block {
            Block::Roster { lead, text } => out.push_str(&roster(lead, text, !after_roster, f)),
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

/// The 纪要标志's top edge below the text block's top (GB/T 9704, 10.3.1), in twips.
const MASTHEAD_DROP: u32 = 1984; // 35 mm
/// How far the ink of a 2号 line's characters stands below the top of its exact 1.5-line
/// box in LibreOffice (measured by `tests/readers.rs`), in twips.
const TITLE_GLYPH_TOP: u32 = 408;

/// The title's runs: a title too long for one line with its draft mark puts the mark on a
/// line of its own ("…会议纪要" / "（草稿）"), so that no line breaks inside it.
fn title_runs(doc: &Document, run: RunStyle) -> String {
    let mark = crate::labels::Label::Draft.text(crate::labels::Lang::Zh);
    // A display column is half the size wide: 2号 is 22 pt, the line 156 mm.
    let fits = doc.title.width() as u32 * run.size * 10 / 2 <= TEXT_WIDTH;
    match doc.title.strip_suffix(mark) {
        Some(title) if doc.draft && !fits => format!(
            "{}<w:r>{}<w:br/></w:r>{}",
            xml::run(title, run),
            run.xml(),
            xml::run(mark, run)
        ),
        _ => xml::run(&doc.title, run),
    }
}

/// The title: a 纪要标志 in red with its top 35 mm down, else black at the top.
fn title_paragraph(doc: &Document, style: ParaStyle, run: RunStyle) -> String {
    if !doc.masthead {
        return xml::paragraph(&style, &title_runs(doc, run));
    }
    let style = ParaStyle {
        space_around: Some((MASTHEAD_DROP - TITLE_GLYPH_TOP, LINE / 2)),
        ..style
    };
    let run = RunStyle {
        colour: Some("FF0000"),
        ..run
    };
    xml::paragraph(&style, &title_runs(doc, run))
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
