//! Control characters in a prep file (`\u001b`, `\u0007`, `\b`, `\f`, `\e` escapes) are
//! refused: every string and key of the whole document is walked with its place, so no
//! field, spanned or not, can let one into the database.

use super::{Problem, line_column};
use crate::clean::for_terminal;
use crate::messages::tr;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Every string holding a control character other than a tab or a line break, as a
/// problem at its place, in file order. A file TOML cannot parse has none here: its syntax error is
/// reported instead.
pub fn problems(source: &str) -> Vec<Problem> {
    let Ok(document) = DeTable::parse(source) else {
        return Vec::new();
    };
    let mut walk = Walk {
        source,
        problems: Vec::new(),
    };
    walk.table(document.get_ref(), "");
    walk.problems
        .sort_by_key(|problem| (problem.line, problem.column));
    walk.problems
}

struct Walk<'a> {
    source: &'a str,
    problems: Vec<Problem>,
}

impl Walk<'_> {
    fn table(&mut self, table: &DeTable, path: &str) {
        for (key, value) in table {
            let path = match path {
                "" => key.get_ref().to_string(),
                _ => format!("{path}.{}", key.get_ref()),
            };
            self.string(key.get_ref(), key.span(), &path);
            self.value(value, &path);
        }
    }

    fn value(&mut self, value: &Spanned<DeValue>, path: &str) {
        match value.get_ref() {
            DeValue::String(text) => self.string(text, value.span(), path),
            DeValue::Table(table) => self.table(table, path),
            DeValue::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    self.value(item, &format!("{path}[{}]", index + 1));
                }
            }
            _ => {}
        }
    }

    fn string(&mut self, text: &str, span: Range<usize>, path: &str) {
        let found = controls(text);
        if found.is_empty() {
            return;
        }
        let (line, column) = line_column(self.source, span.start);
        let shown: Vec<String> = found
            .iter()
            .map(|c| c.escape_unicode().to_string())
            .collect();
        let message = tr!(
            "{key} 含控制字符 {found}（由 {escape} 之类的转义写出）：会议记录里不能有控制字符，\
             请删去这些转义；换行和制表符可以保留",
            "{key} has the control characters {found} (written as escapes like {escape}): a meeting record cannot hold control characters; delete these escapes (line breaks and tabs may stay)",
            key = for_terminal(path),
            found = shown.join(" "),
            escape = format!("\\u{:04x}", u32::from(found[0])),
        );
        self.problems.push(Problem::at(line, column, message));
    }
}

/// The distinct control characters of `text`, in order, except tab and line breaks
/// (`\n`, and `\r` before it, as a file saved on Windows has in multi-line text).
pub fn controls(text: &str) -> Vec<char> {
    let mut found = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_break = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        if c.is_control() && c != '\t' && !line_break && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_with_a_control_character_is_placed() {
        let source = "[meeting]\ntitle = \"甲\\e[2J\"\nscrutineers = [\"冯某\", \"许\\u0007某\"]\n\
                      [[official]]\nname = \"张\\u0000某\"\n";
        let places: Vec<_> = problems(source)
            .iter()
            .map(|p| (p.line, p.column, p.message.clone()))
            .collect();
        assert_eq!(places.len(), 3, "{places:?}");
        assert_eq!((places[0].0, places[0].1), (2, 9));
        assert!(places[0].2.starts_with("meeting.title 含控制字符 \\u{1b}"));
        assert!(places[0].2.contains("\\u001b"));
        assert_eq!((places[1].0, places[1].1), (3, 22));
        assert!(
            places[1]
                .2
                .starts_with("meeting.scrutineers[2] 含控制字符 \\u{7}")
        );
        assert_eq!((places[2].0, places[2].1), (5, 8));
        assert!(
            places[2]
                .2
                .starts_with("official[1].name 含控制字符 \\u{0}")
        );
    }

    #[test]
    fn tabs_and_line_breaks_stay_allowed() {
        let source =
            "[meeting]\ntitle = \"甲\\t乙\\n丙\"\nplace = \"\"\"\r\n一\r\n二\r\n\"\"\"\r\n";
        assert_eq!(problems(source), []);
        assert_eq!(problems("[meeting]\ntitle = \"甲\\r乙\"\n").len(), 1);
    }
}
