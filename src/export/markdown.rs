//! Markdown: readable as plain text and on a code-hosting page.

use super::document::{Block, Document};

/// Escapes the characters Markdown would read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A paragraph's lines, kept apart with hard line breaks.
fn lines(text: &str) -> String {
    text.lines().map(escape).collect::<Vec<_>>().join("  \n")
}

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    if !doc.mark.is_empty() {
        out.push_str(&format!("{}\n\n", escape(&doc.mark)));
    }
    out.push_str(&format!("# {}\n", escape(&doc.title)));
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Heading(text) => out.push_str(&format!("## {}\n", escape(text))),
            Block::Subheading(text) => out.push_str(&format!("### {}\n", escape(text))),
            Block::Paragraph { lead, text } if lead.is_empty() => {
                out.push_str(&format!("{}\n", lines(text)))
            }
            Block::Paragraph { lead, text } | Block::Roster { lead, text } => {
                // "**时间**：" — a closing "**" right after "：" would not close in CommonMark.
                let (words, colon) = match lead.strip_suffix('：') {
                    Some(words) => (words, "："),
                    None => (lead.as_str(), ""),
                };
                out.push_str(&format!("**{}**{colon}{}\n", escape(words), lines(text)))
            }
            Block::Table { header, rows } => {
                let row = |cells: &[String]| {
                    let cells: Vec<String> = cells
                        .iter()
                        .map(|c| escape(&c.replace('\n', " ")))
                        .collect();
                    format!("| {} |\n", cells.join(" | "))
                };
                out.push_str(&row(header));
                out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
                for cells in rows {
                    out.push_str(&row(cells));
                }
            }
            Block::Centred(text) => out.push_str(&format!("{}\n", escape(text))),
            Block::Spread { left, right, .. } => {
                let left = if left.is_empty() {
                    String::new()
                } else {
                    format!("{}　　", escape(left))
                };
                out.push_str(&format!("{left}{}\n", escape(right)))
            }
            Block::Break => out.push_str("---\n"),
            Block::Signatures(lines) => {
                let joined: Vec<String> = lines.iter().map(|l| escape(l)).collect();
                out.push_str(&format!("{}\n", joined.join("　　　　　　　　")));
            }
        }
    }
    out
}
