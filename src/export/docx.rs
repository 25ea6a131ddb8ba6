//! Word documents in the official-document style (GB/T 9704): A4, margins 37/35/28/26 mm,
//! 22 lines of 28 characters (a 28.95 pt line grid, body characters condensed 0.25 pt), 方正小标宋简体 2号 title, 仿宋_GB2312 3号 body with exact
//! 28.95 pt lines and a two-character first-line indent, 黑体 and 楷体 headings, Times New
//! Roman for digits and Latin text, "— 1 —" page numbers in 4号 at the foot. The East Asian
//! font is named on the defaults, on every style and on every run, because Word picks the
//! font for Chinese characters from `w:eastAsia` alone.

use super::document::{Block, Document};
use super::{ExportError, Fonts, Format};
use docx_rs::*;

/// Font sizes in half-points.
const SIZE_2: usize = 44; // 2号, 22 pt: the title
const SIZE_3: usize = 32; // 3号, 16 pt: the body
const SIZE_4: usize = 28; // 4号, 14 pt: page numbers
const SIZE_TABLE: usize = 24; // 小4号, 12 pt: tables
/// 28.95 pt exact line spacing, in twentieths of a point.
const LINE: i32 = 579;
/// Two 3号 characters, in twips: the first-line indent.
const INDENT: i32 = 640;
/// Body characters condensed by 0.25 pt (in twentieths of a point), so that exactly 28
/// full-width 16 pt characters fit the 156 mm line (28 x 15.75 pt = 441 pt of 442.25 pt).
/// This gives 28 per line in Word, WPS and LibreOffice alike, where a character grid with
/// a negative pitch makes LibreOffice give every character two cells.
const CONDENSED: i32 = -5;
/// 1 mm in twips.
const MM: f64 = 1440.0 / 25.4;

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

/// Latin text and digits in Times New Roman, Chinese in `east_asia`.
fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia(east_asia)
}

fn run(text: &str, east_asia: &str, size: usize) -> Run {
    let run = Run::new().add_text(text).fonts(fonts(east_asia)).size(size);
    if size == SIZE_3 {
        run.character_spacing(CONDENSED)
    } else {
        run
    }
}

fn exact() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE)
}

fn body_paragraph(east_asia: &str) -> Paragraph {
    Paragraph::new()
        .line_spacing(exact())
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .style("Body")
        .fonts(fonts(east_asia))
}

/// A run per line, with line breaks between them.
fn lines(mut p: Paragraph, text: &str, east_asia: &str, size: usize) -> Paragraph {
    for (i, line) in text.lines().enumerate() {
        let mut r = run(line, east_asia, size);
        if i > 0 {
            r = Run::new()
                .add_break(BreakType::TextWrapping)
                .fonts(fonts(east_asia))
                .size(size)
                .add_text(line);
        }
        p = p.add_run(r);
    }
    p
}

fn styles(f: &FontSet) -> Vec<Style> {
    vec![
        Style::new("Body", StyleType::Paragraph)
            .name("正文")
            .fonts(fonts(f.body))
            .size(SIZE_3)
            .line_spacing(exact()),
        Style::new("Title", StyleType::Paragraph)
            .name("公文标题")
            .fonts(fonts(f.title))
            .size(SIZE_2)
            .align(AlignmentType::Center),
        Style::new("Heading1", StyleType::Paragraph)
            .name("一级标题")
            .fonts(fonts(f.heading))
            .size(SIZE_3)
            .line_spacing(exact()),
        Style::new("Heading2", StyleType::Paragraph)
            .name("二级标题")
            .fonts(fonts(f.subheading))
            .size(SIZE_3)
            .line_spacing(exact()),
    ]
}

fn heading(text: &str, style: &str, east_asia: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .line_spacing(exact())
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .add_run(run(text, east_asia, SIZE_3))
}

fn table(header: &[String], rows: &[Vec<String>], east_asia: &str) -> Table {
    let cell = |text: &str, bold: bool| {
        let mut r = run(text, east_asia, SIZE_TABLE);
        if bold {
            r = r.bold();
        }
        TableCell::new().add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(r))
    };
    let mut all = vec![TableRow::new(
        header.iter().map(|h| cell(h, true)).collect(),
    )];
    all.extend(
        rows.iter()
            .map(|row| TableRow::new(row.iter().map(|c| cell(c, false)).collect())),
    );
    Table::new(all)
}

/// "— 1 —" centred at the foot, in 4号 Times New Roman.
fn footer(f: &FontSet) -> Footer {
    let dash = |text: &str| run(text, f.body, SIZE_4);
    let page = Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false)
        .fonts(fonts(f.body))
        .size(SIZE_4);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(dash("— "))
            .add_run(page)
            .add_run(dash(" —")),
    )
}

/// The line grid: 22 lines of 28.95 pt on the 225 mm text area.
fn grid() -> DocGrid {
    DocGrid::new()
        .grid_type(DocGridType::Lines)
        .line_pitch(LINE as usize)
}

pub fn render(doc: &Document, font_names: Fonts) -> Result<Vec<u8>, ExportError> {
    let f = font_names.set();
    let mut docx = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top((37.0 * MM).round() as i32)
                .bottom((35.0 * MM).round() as i32)
                .left((28.0 * MM).round() as i32)
                .right((26.0 * MM).round() as i32)
                .header(851)
                .footer(992),
        )
        .default_fonts(fonts(f.body))
        .default_size(SIZE_3)
        .footer(footer(&f));
    docx.document = docx.document.doc_grid(grid());
    for style in styles(&f) {
        docx = docx.add_style(style);
    }
    docx = docx.add_paragraph(
        Paragraph::new()
            .style("Title")
            .align(AlignmentType::Center)
            .add_run(run(&doc.title, f.title, SIZE_2)),
    );
    for block in &doc.blocks {
        docx = match block {
            Block::Heading(text) => docx.add_paragraph(heading(text, "Heading1", f.heading)),
            Block::Subheading(text) => docx.add_paragraph(heading(text, "Heading2", f.subheading)),
            Block::Paragraph { lead, text } => {
                let mut p = body_paragraph(f.body);
                if !lead.is_empty() {
                    p = p.add_run(run(lead, f.body, SIZE_3).bold());
                }
                docx.add_paragraph(lines(p, text, f.body, SIZE_3))
            }
            Block::Table { header, rows } => docx.add_table(table(header, rows, f.body)),
            Block::Break => docx,
            Block::Signatures(items) => docx.add_paragraph(body_paragraph(f.body).add_run(run(
                &items.join("　　　　　　　　"),
                f.body,
                SIZE_3,
            ))),
        };
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|e| ExportError::Render {
            format: Format::Docx,
            message: e.to_string(),
        })?;
    Ok(bytes.into_inner())
}
