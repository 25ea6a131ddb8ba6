//! Reading a folder of CSV files, one per sheet, into grids. A file may be UTF-8 with or
//! without a byte-order mark, UTF-16 with one (Excel's「Unicode 文本」), or GB18030/GBK as
//! Excel and WPS save CSV on Chinese Windows; a file that is none of these is refused
//! rather than read with garbled characters.

use super::cells::{Grid, Value};
use super::{ImportError, Within, synonyms};
use crate::messages::tr;
use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
use std::path::Path;

/// Every `.csv` file of the folder, in name order.
pub fn read_folder(dir: &Path) -> Result<Vec<Grid>, ImportError> {
    let read_error = |cause| ImportError::Read {
        path: dir.to_path_buf(),
        cause,
    };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(read_error)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(ImportError::Unreadable {
            path: dir.to_path_buf(),
            message: tr!(
                "文件夹里没有 .csv 文件：每张表存为一个 CSV 文件，按工作表命名（{first}.csv、{second}.csv……）",
                "The folder has no .csv files: save each sheet as one CSV file named after the sheet ({first}.csv, {second}.csv, ...)",
                first = synonyms::MEETING,
                second = synonyms::AGENDA
            ),
        });
    }
    let mut grids = Vec::new();
    for file in files {
        let bytes = crate::files::read_regular(&file).map_err(|cause| ImportError::Read {
            path: file.clone(),
            cause,
        })?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_big5(&bytes) {
            return Err(ImportError::Unreadable {
                path: file.clone(),
                message: tr!(
                    "文件是繁体中文 Big5 编码，不能不走样地读出：请在 Excel/WPS 中另存为「CSV UTF-8（逗号分隔）」",
                    "The file is in Big5 (traditional Chinese) and cannot be read without garbling: in Excel/WPS, save it as \"CSV UTF-8 (Comma delimited)\""
                ),
            });
        }
        let text = decode(&bytes).ok_or_else(|| ImportError::Unreadable {
            path: file.clone(),
            message: tr!(
                "文件既不是 UTF-8 编码，也不是 GBK/GB18030 编码，无法不走样地读出汉字：\
                 请在 Excel/WPS 中另存为「CSV UTF-8（逗号分隔）」", "The file is neither UTF-8 nor GBK/GB18030, so its Chinese characters cannot be read faithfully: in Excel/WPS, save it as \"CSV UTF-8 (Comma delimited)\""
            ),
        })?;
        grids.push(Grid {
            within: Within::CsvFile(name),
            rows: parse(&text),
            hidden: false,
            fill_owner_down: true,
            hidden_rows: Vec::new(),
        });
    }
    Ok(grids)
}

/// The text of a CSV file: UTF-8 (a byte-order mark dropped), UTF-16 with a byte-order
/// mark, or else GB18030 (which GBK is part of); `None` when it is none of them.
pub fn decode(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).ok();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return UTF_16LE
            .decode_without_bom_handling_and_without_replacement(rest)
            .map(|t| t.into_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return UTF_16BE
            .decode_without_bom_handling_and_without_replacement(rest)
            .map(|t| t.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_string());
    }
    GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
}

/// True when the bytes read as Big5 (traditional Chinese, Taiwan and Hong Kong) and not
/// as the GBK text offices save: GBK would read them, garbled, as rare characters outside
/// GB2312 (a second byte below 0xA1), which simplified text hardly ever has.
fn is_big5(bytes: &[u8]) -> bool {
    if std::str::from_utf8(bytes).is_ok()
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
    {
        return false;
    }
    let (mut pairs, mut outside) = (0usize, 0usize);
    let mut index = 0;
    while index + 1 < bytes.len() {
        if bytes[index] >= 0x81 {
            pairs += 1;
            if bytes[index + 1] < 0xA1 {
                outside += 1;
            }
            index += 2;
        } else {
            index += 1;
        }
    }
    pairs >= 4
        && outside * 5 >= pairs
        && encoding_rs::BIG5
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some()
}

/// The rows of a CSV text, numbered as a spreadsheet shows them (a quoted cell with line
/// breaks stays one row). Commas, or tabs when the first line has tabs and no commas.
pub fn parse(text: &str) -> Vec<Vec<Value>> {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let Ok(record) = record else {
            // Only a broken UTF-8 sequence fails here, and the text is valid UTF-8.
            rows.push(Vec::new());
            continue;
        };
        rows.push(
            record
                .iter()
                .map(|cell| match cell.trim().is_empty() {
                    true => Value::Empty,
                    false => Value::Text(cell.to_string()),
                })
                .collect(),
        );
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_encoding_gives_the_same_text() {
        let text = "姓名,单位\n张某,某某镇\n";
        let (gbk, _, _) = GB18030.encode(text);
        assert_eq!(decode(&gbk).as_deref(), Some(text));
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).as_deref(), Some(text));
        assert_eq!(decode(text.as_bytes()).as_deref(), Some(text));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).as_deref(), Some(text));
        // A GB18030 four-byte character (a rare name character) survives too.
        let rare = "𠀾某";
        let (bytes, _, _) = GB18030.encode(rare);
        assert_eq!(decode(&bytes).as_deref(), Some(rare));
    }

    #[test]
    fn big5_is_known_and_gbk_is_not_taken_for_it() {
        let text = "姓名,單位,職務\n張某,某某鎮,黨委書記\n王某,縣財政局,局長\n";
        let (big5, _, unmappable) = encoding_rs::BIG5.encode(text);
        assert!(!unmappable);
        assert!(is_big5(&big5));
        let simplified = "姓名,单位,职务\n张某,某某镇,党委书记\n王某,县财政局,局长\n";
        let (gbk, _, _) = GB18030.encode(simplified);
        assert!(!is_big5(&gbk));
    }

    #[test]
    fn quoted_line_breaks_stay_in_one_row() {
        let rows = parse("a,b\n\"1.甲\n2.乙\",c\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][0], Value::Text("1.甲\n2.乙".into()));
    }
}
