//! HTML: one self-contained, print-ready file (inline CSS, no network): A4 pages with the
//! Word file's margins, "— 1 —" page numbers 7 mm below the text and the draft mark in the
//! page margin with the classification line (CSS paged media margin boxes, as Chromium
//! prints them; on screen a header above the title), a page break only
//! before an official with something recorded, fonts as the official-document style asks.

use super::document::{Block, Document, Rule};
use super::{ExportError, Format};
use crate::labels::{Label, Lang};
use askama::Template;

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ doc.title }}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; vertical-align: top; margin-top: 6.6mm;
    font-family: "宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 14pt; }
{% if !classification.is_empty() %}  @top-left { content: "{{ classification|safe }}"; vertical-align: bottom; padding-bottom: 6mm;
    font-family: "黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 14pt; }
{% endif %}{% if doc.draft %}  @top-right { content: "{{ draft }}"; vertical-align: bottom; padding-bottom: 6mm;
    font-family: "黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 14pt; }
{% endif %}}
body { max-width: 156mm; margin: 2em auto; color: #000; background: #fff;
  font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Songti SC", serif;
  font-size: 16pt; line-height: 28.95pt; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "SimSun", serif;
  font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 1em; }
h2 { font-family: "黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif;
  font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", serif;
  font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p b { font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.5; margin: 0.5em 0; }
th, td { border: 1px solid #000; padding: 2pt 4pt; text-align: center; }
.break { break-after: page; page-break-after: always; }
.centred { text-indent: 0; text-align: center; }
.whole { white-space: nowrap; }
h1.masthead { color: #f00; }
.roster { padding-left: 5em; text-indent: -3em; text-align: left; }
.roster-lead { font-family: "黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
:not(.roster) + .roster { margin-top: 28.95pt; }
.spread { display: flex; justify-content: space-between; text-indent: 0; padding: 0 1em; }
.rule-below { border-bottom: 1px solid #f00; margin-bottom: 1em; }
.rule-around { border-top: 1px solid #000; border-bottom: 1px solid #000; margin-top: 2em; font-size: 14pt; }
.draft-mark { text-align: right; font-family: "黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 14pt; }
.page-mark { display: flex; justify-content: space-between; text-indent: 0; font-family: "黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 14pt; }
@media print { body { margin: 0; max-width: none; } .page-mark { display: none; } }
.signatures { display: flex; justify-content: space-between; text-indent: 0; margin-top: 2em; }
@media screen { .break { border-top: 1px dashed #999; margin: 1em 0; } }
</style>
</head>
<body>
<header class="page-mark"><span class="classification">{{ doc.mark }}</span>{% if doc.draft %}<span class="draft-mark">{{ draft }}</span>{% endif %}</header>
<h1{% if doc.masthead %} class="masthead"{% endif %}>{{ heading }}{% if !mark.is_empty() %}<span class="whole">{{ mark }}</span>{% endif %}</h1>
{% for block in doc.blocks %}{% match block %}
{% when Block::Heading(text) %}<h2>{{ text }}</h2>
{% when Block::Subheading(text) %}<h3>{{ text }}</h3>
{% when Block::Paragraph { lead, text } %}{% for line in crate::export::html::lines(text) %}<p>{% if loop.first && !lead.is_empty() %}<b>{{ lead }}</b>{% endif %}{{ line }}</p>{% endfor %}
{% when Block::Roster { lead, text } %}<p class="roster"><span class="roster-lead">{{ lead }}</span>{{ text }}</p>
{% when Block::Centred(text) %}<p class="centred">{{ text }}</p>
{% when Block::Spread { left, right, rule } %}<p class="spread {% if *rule == Rule::Below %}rule-below{% else %}rule-around{% endif %}"><span>{{ left }}</span><span>{{ right }}</span></p>
{% when Block::Table { header, rows } %}<table>
<thead><tr>{% for cell in header %}<th>{{ cell }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</tbody>
</table>
{% when Block::Break %}<div class="break"></div>
{% when Block::Signatures(lines) %}<p class="signatures">{% for line in lines %}<span>{{ line }}</span>{% endfor %}</p>
{% endmatch %}{% endfor %}
</body>
</html>
"#
)]
struct Page<'a> {
    doc: &'a Document,
    draft: &'a str,
    /// The title without its draft mark, and the mark (kept on one line).
    heading: &'a str,
    mark: &'a str,
    /// The classification line as a CSS string's content, for the page's top-left margin.
    classification: String,
}

/// `text` as the inside of a double-quoted CSS string in a `<style>` element: quotes,
/// backslashes, angle brackets and control characters written as CSS escapes.
fn css_string(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' | '\\' | '<' | '>' | '&' => format!("\\{:x} ", c as u32),
            c if c.is_control() => format!("\\{:x} ", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// Each line of typed text is a paragraph of its own (blank lines dropped), so every one
/// gets the two-character indent.
pub(crate) fn lines(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() { vec![""] } else { lines }
}

pub fn render(doc: &Document) -> Result<String, ExportError> {
    let draft = Label::Draft.text(Lang::Zh);
    let (heading, mark) = match doc.title.strip_suffix(draft) {
        Some(heading) if doc.draft => (heading, draft),
        _ => (doc.title.as_str(), ""),
    };
    Page {
        doc,
        draft,
        heading,
        mark,
        classification: css_string(&doc.mark),
    }
    .render()
    .map_err(|e| ExportError::Render {
        format: Format::Html,
        message: e.to_string(),
    })
}
