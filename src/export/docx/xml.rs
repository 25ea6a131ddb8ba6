//! WordprocessingML pieces written by hand, each in the order the ECMA-376 schema gives its
//! children (`w:pPr`: pStyle, keepNext, …, spacing, ind, jc, outlineLvl; `w:rPr`: rFonts,
//! b, bCs, spacing, sz, szCs, lang), because Word may ignore an element out of order.

use std::fmt::Write as _;

/// Text made safe inside an element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// `w:rFonts`: Latin text and digits in Times New Roman, Chinese in `east_asia`.
pub fn fonts(east_asia: &str) -> String {
    format!(
        r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{}" w:cs="Times New Roman"/>"#,
        escape(east_asia)
    )
}

/// `w:lang`: the language of every run, so Word and WPS break and space Chinese text as
/// Chinese.
pub const LANG: &str = r#"<w:lang w:val="en-US" w:eastAsia="zh-CN"/>"#;

/// The properties of a run.
#[derive(Debug, Clone, Copy)]
pub struct RunStyle<'a> {
    pub font: &'a str,
    /// Half-points.
    pub size: u32,
    pub bold: bool,
    /// Character spacing in twentieths of a point (negative: condensed).
    pub spacing: i32,
    /// Text colour as RGB hex ("FF0000": the 纪要标志's red); `None` is automatic.
    pub colour: Option<&'a str>,
}

impl RunStyle<'_> {
    pub fn xml(&self) -> String {
        let mut out = String::from("<w:rPr>");
        out.push_str(&fonts(self.font));
        if self.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if let Some(colour) = self.colour {
            let _ = write!(out, r#"<w:color w:val="{colour}"/>"#);
        }
        if self.spacing != 0 {
            let _ = write!(out, r#"<w:spacing w:val="{}"/>"#, self.spacing);
        }
        let _ = write!(
            out,
            r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>{LANG}</w:rPr>"#,
            self.size
        );
        out
    }

    pub fn bold(self) -> Self {
        RunStyle { bold: true, ..self }
    }
}

/// A run of text; spaces at either end are kept.
pub fn run(text: &str, style: RunStyle) -> String {
    format!(
        r#"<w:r>{}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        style.xml(),
        escape(text)
    )
}

/// A tab character, for text set against a right tab stop.
pub fn tab(style: RunStyle) -> String {
    format!("<w:r>{}<w:tab/></w:r>", style.xml())
}

/// The page number as a field Word and LibreOffice update.
pub fn page_field(style: RunStyle) -> String {
    let rpr = style.xml();
    format!(
        r#"<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>1</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>"#
    )
}

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
    Both,
}

impl Align {
    fn value(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Centre => "center",
            Align::Right => "right",
            Align::Both => "both",
        }
    }
}

/// Line spacing: exact (twentieths of a point) or single.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    Exact(u32),
    Single,
}

/// Border lines above or below a paragraph, each its width in eighths of a point (8: the
/// 0.35 mm of a thick rule, 6: the 0.25 mm of a thin one), black or red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rules {
    pub above: Option<u8>,
    pub below: Option<u8>,
    pub red: bool,
}

/// The properties of a paragraph; `None` and `false` leave the style's value.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParaStyle<'a> {
    pub style: Option<&'a str>,
    pub keep_next: bool,
    pub keep_lines: bool,
    /// Set in a frame at the foot of the text block (the 纪要's 版记).
    pub at_foot: bool,
    pub rules: Rules,
    /// A right-aligned tab stop at this position (twips from the left of the text).
    pub right_tab: Option<u32>,
    pub no_grid: bool,
    pub spacing: Option<Spacing>,
    /// Space before and after, in twentieths of a point.
    pub space_around: Option<(u32, u32)>,
    /// First-line indent in twips (negative values are not used).
    pub first_line: Option<u32>,
    /// Left and right indents in twips.
    pub sides: Option<(u32, u32)>,
    /// The first line starts this far left of the others (twips): 出席： with the names of
    /// its wrapped lines aligned after the colon.
    pub hanging: Option<u32>,
    pub align: Option<Align>,
    /// 0 for a top-level heading; shown in Word's navigation pane.
    pub outline: Option<u8>,
}

impl ParaStyle<'_> {
    pub fn xml(&self) -> String {
        let mut out = String::from("<w:pPr>");
        if let Some(style) = self.style {
            let _ = write!(out, r#"<w:pStyle w:val="{style}"/>"#);
        }
        if self.keep_next {
            out.push_str("<w:keepNext/>");
        }
        if self.keep_lines {
            out.push_str("<w:keepLines/>");
        }
        if self.at_foot {
            // A frame as wide as the text, its bottom on the text block's last line: the
            // 版记 at the foot of the page its paragraph falls on (the last).
            let _ = write!(
                out,
                r#"<w:framePr w:w="{}" w:wrap="around" w:vAnchor="margin" w:hAnchor="margin" w:xAlign="center" w:yAlign="bottom"/>"#,
                super::TEXT_WIDTH
            );
        }
        if self.rules.above.is_some() || self.rules.below.is_some() {
            let colour = if self.rules.red { "FF0000" } else { "000000" };
            let line = |side: &str, size: u8| {
                format!(
                    r#"<w:{side} w:val="single" w:sz="{size}" w:space="1" w:color="{colour}"/>"#
                )
            };
            out.push_str("<w:pBdr>");
            if let Some(size) = self.rules.above {
                out.push_str(&line("top", size));
            }
            if let Some(size) = self.rules.below {
                out.push_str(&line("bottom", size));
            }
            out.push_str("</w:pBdr>");
        }
        if let Some(pos) = self.right_tab {
            let _ = write!(
                out,
                r#"<w:tabs><w:tab w:val="right" w:pos="{pos}"/></w:tabs>"#
            );
        }
        if self.no_grid {
            out.push_str(r#"<w:snapToGrid w:val="0"/>"#);
        }
        if self.spacing.is_some() || self.space_around.is_some() {
            out.push_str("<w:spacing");
            if let Some((before, after)) = self.space_around {
                let _ = write!(out, r#" w:before="{before}" w:after="{after}""#);
            }
            match self.spacing {
                Some(Spacing::Exact(line)) => {
                    let _ = write!(out, r#" w:line="{line}" w:lineRule="exact""#);
                }
                Some(Spacing::Single) => out.push_str(r#" w:line="240" w:lineRule="auto""#),
                None => {}
            }
            out.push_str("/>");
        }
        if self.first_line.is_some() || self.sides.is_some() || self.hanging.is_some() {
            out.push_str("<w:ind");
            if let Some((left, right)) = self.sides {
                let _ = write!(out, r#" w:left="{left}" w:right="{right}""#);
            }
            if let Some(hanging) = self.hanging {
                let _ = write!(out, r#" w:hanging="{hanging}""#);
            } else if let Some(first) = self.first_line {
                let _ = write!(out, r#" w:firstLine="{first}""#);
            }
            out.push_str("/>");
        }
        if let Some(align) = self.align {
            let _ = write!(out, r#"<w:jc w:val="{}"/>"#, align.value());
        }
        if let Some(level) = self.outline {
            let _ = write!(out, r#"<w:outlineLvl w:val="{level}"/>"#);
        }
        out.push_str("</w:pPr>");
        out
    }
}

/// A paragraph of already written runs.
pub fn paragraph(style: &ParaStyle, runs: &str) -> String {
    format!("<w:p>{}{runs}</w:p>", style.xml())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_properties_come_in_schema_order() {
        let p = ParaStyle {
            style: Some("Body"),
            keep_next: true,
            spacing: Some(Spacing::Exact(579)),
            first_line: Some(640),
            align: Some(Align::Both),
            outline: Some(0),
            ..Default::default()
        }
        .xml();
        let order = ["pStyle", "keepNext", "spacing", "ind", "jc", "outlineLvl"];
        let at: Vec<usize> = order.iter().map(|e| p.find(e).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{p}");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape(r#"<a & "b">"#), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
