//! The zip package of a workbook, looked at before any sheet is read: every part's
//! unpacked size within a limit (a few kilobytes that unpack to gigabytes are refused
//! before memory grows), and each sheet's hidden rows (hidden by hand or by a filter),
//! which the cell reader does not see.

use crate::messages::tr;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The most one part of a workbook may unpack to (a 100,000-row sheet is about 30 MB).
pub const MOST_PART_BYTES: u64 = 48 * 1024 * 1024;
/// The most all parts together may unpack to.
pub const MOST_TOTAL_BYTES: u64 = 160 * 1024 * 1024;

/// Each sheet's hidden rows (from 1), by the sheet's name.
pub type HiddenRows = HashMap<String, Vec<usize>>;

/// Checks the package's sizes and finds the hidden rows; the message says what is wrong.
pub fn inspect(bytes: &[u8]) -> Result<HiddenRows, String> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a zip the reader can open: the workbook reader says so in its words.
        return Ok(HiddenRows::new());
    };
    let mut total = 0u64;
    for index in 0..archive.len() {
        let Ok(mut part) = archive.by_index(index) else {
            continue;
        };
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        // The size the package declares, then what it really unpacks to, counted as it
        // streams by (a package may declare less than it holds).
        let declared = part.size();
        let unpacked = match declared > MOST_PART_BYTES {
            true => declared,
            false => std::io::copy(
                &mut (&mut part).take(MOST_PART_BYTES + 1),
                &mut std::io::sink(),
            )
            .unwrap_or(0),
        };
        if unpacked > MOST_PART_BYTES {
            return Err(too_big(&name, unpacked, MOST_PART_BYTES));
        }
        total += unpacked;
        if total > MOST_TOTAL_BYTES {
            return Err(too_big(&name, total, MOST_TOTAL_BYTES));
        }
    }
    Ok(hidden_rows(&mut archive))
}

fn too_big(part: &str, bytes: u64, most: u64) -> String {
    tr!(
        "工作簿的「{part}」解压后超过 {size} MB（上限 {most} MB）：这不是一份准备表的大小，可能是损坏的文件或「压缩炸弹」，未读取。\
         请在 Excel/WPS 中打开检查，只留准备用的表后另存为 .xlsx",
        "The workbook's part '{part}' unpacks to more than {size} MB (at most {most} MB): no preparation is that big; it may be a damaged file or a \"zip bomb\", and was not read. Open it in Excel/WPS to check, keep only the preparation's sheets and save it as .xlsx again",
        part = part,
        size = bytes / (1024 * 1024),
        most = most / (1024 * 1024)
    )
}

fn read_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let mut part = archive.by_name(name).ok()?;
    let mut text = String::new();
    (&mut part)
        .take(MOST_PART_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

/// The hidden rows of each sheet, found through the workbook's list of sheets and its
/// relationships to the sheets' parts.
fn hidden_rows(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> HiddenRows {
    let mut found = HiddenRows::new();
    let (Some(workbook), Some(relations)) = (
        read_part(archive, "xl/workbook.xml"),
        read_part(archive, "xl/_rels/workbook.xml.rels"),
    ) else {
        return found;
    };
    let targets: HashMap<String, String> = elements(&relations, "Relationship")
        .filter_map(|tag| Some((attribute(tag, "Id")?, attribute(tag, "Target")?)))
        .collect();
    let sheets: Vec<(String, String)> = elements(&workbook, "sheet")
        .filter_map(|tag| Some((attribute(tag, "name")?, attribute(tag, "r:id")?)))
        .collect();
    for (name, id) in sheets {
        let Some(target) = targets.get(&id) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        let Some(sheet) = read_part(archive, &path) else {
            continue;
        };
        let rows: Vec<usize> = elements(&sheet, "row")
            .filter(|tag| matches!(attribute(tag, "hidden").as_deref(), Some("1" | "true")))
            .filter_map(|tag| attribute(tag, "r")?.parse().ok())
            .collect();
        if !rows.is_empty() {
            found.insert(name, rows);
        }
    }
    found
}

/// The opening tags `<name …>` of an XML text (their attributes' part).
fn elements<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let open = format!("<{name}");
    let mut rest = xml;
    std::iter::from_fn(move || {
        loop {
            let at = rest.find(&open)?;
            let after = &rest[at + open.len()..];
            let end = after.find('>')?;
            rest = &after[end..];
            // `<row ` or `<row>`, not `<rowBreaks`.
            if after.starts_with([' ', '>', '/', '\n', '\r', '\t']) {
                return Some(&after[..end]);
            }
        }
    })
}

/// An attribute's value in a tag, XML entities undone.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    loop {
        let at = rest.find(name)?;
        let before = rest[..at].chars().next_back();
        let after = &rest[at + name.len()..];
        if before.is_some_and(char::is_whitespace)
            && let Some(value) = after.trim_start().strip_prefix('=')
        {
            let value = value.trim_start();
            let quote = value.chars().next()?;
            let value = &value[1..];
            let end = value.find(quote)?;
            return Some(
                value[..end]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_rows_and_sheet_names_are_read_from_the_tags() {
        let tags: Vec<&str> = elements(
            r#"<rowBreaks/><row r="2" hidden="1"><c/></row><row r="3">"#,
            "row",
        )
        .collect();
        assert_eq!(tags, [r#" r="2" hidden="1""#, r#" r="3""#]);
        assert_eq!(attribute(tags[0], "hidden").as_deref(), Some("1"));
        assert_eq!(attribute(tags[0], "r").as_deref(), Some("2"));
        assert_eq!(
            attribute(r#" name="A &amp; B" sheetId="1" r:id="rId1""#, "name").as_deref(),
            Some("A & B")
        );
        assert_eq!(
            attribute(r#" sheetId="1" r:id="rId1""#, "id").as_deref(),
            None,
            "r:id is not id"
        );
    }
}
