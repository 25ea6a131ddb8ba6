//! The parts of a Word package besides the body: styles, settings, the page number footer,
//! the draft header, document properties, content types and relationships.

use super::xml::{self, Align, ParaStyle, RunStyle, Spacing, escape};
use super::{FontSet, INDENT, LINE, SIZE_2, SIZE_3, SIZE_4, SIZE_TABLE};
use crate::export::PageNumbers;
use chrono::{DateTime, SecondsFormat, Utc};

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// Styles: the body (the default paragraph style), the title, two heading levels with
/// outline levels (Word's navigation pane lists them), table text and the page furniture.
pub fn styles(f: &FontSet) -> String {
    let body_ppr = ParaStyle {
        spacing: Some(Spacing::Exact(LINE)),
        first_line: Some(INDENT),
        align: Some(Align::Both),
        ..Default::default()
    };
    let rpr = |font: &str, size: u32| {
        RunStyle {
            font,
            size,
            bold: false,
            spacing: 0,
            colour: None,
        }
        .xml()
    };
    let heading = |level: u8| ParaStyle {
        keep_next: true,
        keep_lines: true,
        spacing: Some(Spacing::Exact(LINE)),
        first_line: Some(INDENT),
        align: Some(Align::Both),
        outline: Some(level),
        ..Default::default()
    };
    let style = |id: &str, name: &str, default: bool, ppr: ParaStyle, rpr: String| {
        let default = if default { r#" w:default="1""# } else { "" };
        let based = if id == "Body" {
            String::new()
        } else {
            r#"<w:basedOn w:val="Body"/><w:next w:val="Body"/>"#.to_string()
        };
        format!(
            r#"<w:style w:type="paragraph"{default} w:styleId="{id}"><w:name w:val="{name}"/>{based}<w:qFormat/>{}{rpr}</w:style>"#,
            ppr.xml()
        )
    };
    let mut out = format!(
        r#"{DECLARATION}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault>{}</w:pPrDefault></w:docDefaults>"#,
        rpr(f.body, SIZE_3),
        ParaStyle {
            spacing: Some(Spacing::Exact(LINE)),
            ..Default::default()
        }
        .xml()
    );
    out.push_str(&style(
        "Body",
        "Normal",
        true,
        body_ppr,
        rpr(f.body, SIZE_3),
    ));
    out.push_str(&style(
        "Title",
        "Title",
        false,
        ParaStyle {
            keep_next: true,
            spacing: Some(Spacing::Exact(LINE * 3 / 2)),
            first_line: Some(0),
            align: Some(Align::Centre),
            ..Default::default()
        },
        rpr(f.title, SIZE_2),
    ));
    out.push_str(&style(
        "Heading1",
        "heading 1",
        false,
        heading(0),
        rpr(f.heading, SIZE_3),
    ));
    out.push_str(&style(
        "Heading2",
        "heading 2",
        false,
        heading(1),
        rpr(f.subheading, SIZE_3),
    ));
    out.push_str(&style(
        "TableText",
        "表格文字",
        false,
        table_text(Align::Centre),
        rpr(f.body, SIZE_TABLE),
    ));
    out.push_str(&style(
        "Footer",
        "footer",
        false,
        ParaStyle {
            no_grid: true,
            spacing: Some(Spacing::Exact(FOOTER_LINE)),
            first_line: Some(0),
            ..Default::default()
        },
        rpr(f.body, SIZE_4),
    ));
    out.push_str(&style(
        "Header",
        "header",
        false,
        ParaStyle {
            no_grid: true,
            spacing: Some(Spacing::Single),
            first_line: Some(0),
            align: Some(Align::Centre),
            ..Default::default()
        },
        rpr(f.heading, SIZE_4),
    ));
    out.push_str("</w:styles>");
    out
}

/// Paragraphs in table cells: off the line grid, single spaced, no indent.
pub fn table_text(align: Align) -> ParaStyle<'static> {
    ParaStyle {
        no_grid: true,
        spacing: Some(Spacing::Single),
        first_line: Some(0),
        align: Some(align),
        ..Default::default()
    }
}

/// Outside page numbers need odd and even footers told apart.
pub fn settings(page_numbers: PageNumbers) -> String {
    let even_odd = match page_numbers {
        PageNumbers::Outside => "<w:evenAndOddHeaders/>",
        PageNumbers::Centred => "",
    };
    format!(
        r#"{DECLARATION}<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="{INDENT}"/>{even_odd}<w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}

/// The page number line's height: exact 4号 (14 pt), so its top is where the footer
/// distance puts it.
pub const FOOTER_LINE: u32 = 280;

/// Where a footer's page number sits.
#[derive(Debug, Clone, Copy)]
pub enum Side {
    Centre,
    /// Odd pages: right, one character in from the edge of the text.
    Right,
    /// Even pages: left, one character in.
    Left,
}

/// "— 1 —" in 4号 Times New Roman with the page number as a field.
pub fn footer(f: &FontSet, side: Side) -> String {
    let style = RunStyle {
        font: f.body,
        size: SIZE_4,
        bold: false,
        spacing: 0,
        colour: None,
    };
    // One 4号 character: 14 pt.
    let (align, sides) = match side {
        Side::Centre => (Align::Centre, None),
        Side::Right => (Align::Right, Some((0, 280))),
        Side::Left => (Align::Left, Some((280, 0))),
    };
    let ppr = ParaStyle {
        style: Some("Footer"),
        no_grid: true,
        spacing: Some(Spacing::Exact(FOOTER_LINE)),
        space_around: Some((0, 0)),
        first_line: Some(0),
        sides,
        align: Some(align),
        ..Default::default()
    };
    let runs = format!(
        "{}{}{}",
        xml::run("— ", style),
        xml::page_field(style),
        xml::run(" —", style)
    );
    format!(
        r#"{DECLARATION}<w:ftr xmlns:w="{W}" xmlns:r="{R}">{}</w:ftr>"#,
        xml::paragraph(&ppr, &runs)
    )
}

/// The page header of every page: the classification line at the left, and "（草稿）" at
/// the right of a draft.
pub fn page_header(f: &FontSet, mark: &str, draft: Option<&str>) -> String {
    let style = RunStyle {
        font: f.heading,
        size: SIZE_4,
        bold: false,
        spacing: 0,
        colour: None,
    };
    let line = |text: &str, align: Align| {
        let ppr = ParaStyle {
            style: Some("Header"),
            align: Some(align),
            first_line: Some(0),
            ..Default::default()
        };
        xml::paragraph(&ppr, &xml::run(text, style))
    };
    let mut lines = String::new();
    if !mark.is_empty() {
        lines.push_str(&line(mark, Align::Left));
    }
    if let Some(draft) = draft {
        lines.push_str(&line(draft, Align::Right));
    }
    if lines.is_empty() {
        lines.push_str(&xml::paragraph(&ParaStyle::default(), ""));
    }
    format!(r#"{DECLARATION}<w:hdr xmlns:w="{W}" xmlns:r="{R}">{lines}</w:hdr>"#)
}

/// `docProps/core.xml`: title, author (the recorder) and when the file was made.
pub fn core(title: &str, author: &str, created: DateTime<Utc>) -> String {
    let at = created.to_rfc3339_opts(SecondsFormat::Secs, true);
    format!(
        r#"{DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>zh-CN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified></cp:coreProperties>"#,
        title = escape(title),
        author = escape(author),
    )
}

/// `docProps/app.xml`: the program that wrote the file.
pub fn app() -> String {
    format!(
        r#"{DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>shuze {}</Application></Properties>"#,
        env!("CARGO_PKG_VERSION")
    )
}

/// One part of the package: its name in the zip, its content type and its XML.
pub struct Part {
    pub name: String,
    pub content_type: &'static str,
    pub xml: String,
}

pub fn content_type(kind: &str) -> &'static str {
    match kind {
        "document" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        }
        "styles" => "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
        "settings" => "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
        "footer" => "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
        "header" => "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
        "core" => "application/vnd.openxmlformats-package.core-properties+xml",
        _ => "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
}

/// `[Content_Types].xml` for exactly the parts written.
pub fn content_types(parts: &[Part]) -> String {
    let mut out = format!(
        r#"{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
    );
    for part in parts {
        out.push_str(&format!(
            r#"<Override PartName="/{}" ContentType="{}"/>"#,
            part.name, part.content_type
        ));
    }
    out.push_str("</Types>");
    out
}

/// A relationships part: (id, type, target) each.
pub fn relationships(links: &[(String, &str, String)]) -> String {
    let mut out = format!(
        r#"{DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    );
    for (id, kind, target) in links {
        out.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{kind}" Target="{target}"/>"#
        ));
    }
    out.push_str("</Relationships>");
    out
}

pub const REL_DOCUMENT: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
pub const REL_CORE: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
pub const REL_APP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
pub const REL_STYLES: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
pub const REL_SETTINGS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
pub const REL_FOOTER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
pub const REL_HEADER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
