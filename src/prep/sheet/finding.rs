//! Finding a workbook's tables: which sheet is which, its header row, which column holds what.

use super::*;

impl Reader {
    pub(super) fn tables<'g>(&mut self, grids: &'g [Grid]) -> Vec<Table<'g>> {
        let mut tables: Vec<Table> = Vec::new();
        let mut seen: Vec<&'static str> = Vec::new();
        for grid in grids {
            let shown = grid.within.sheet_name();
            if synonyms::explains(shown) {
                continue;
            }
            let named = synonyms::sheet_named(shown);
            let Some(sheet) = named
                .or_else(|| kind_by_headers(grid))
                .or_else(|| synonyms::sheet_within_name(shown))
            else {
                if !grid.hidden && has_data(grid) {
                    let message = tr!(
                        "「{shown}」有内容，但表名和表头都认不出是哪张准备用的表（前几行有：{found}）：请把表名改为 {sheets} 之一，或删去这张表",
                        "'{shown}' holds data, but neither its name nor its header says which sheet of the preparation it is (its first rows have: {found}): rename it to one of {sheets}, or delete it",
                        shown = shown,
                        found = listed(first_texts(grid).iter().map(String::as_str)),
                        sheets = names()
                    );
                    self.problem(&grid.within, 0, 0, message);
                }
                continue;
            };
            seen.push(sheet.name);
            if grid.hidden {
                self.problem(
                    &grid.within,
                    0,
                    0,
                    tr!(
                        "工作表「{shown}」被隐藏了：看不见的内容也会导入。请在 Excel/WPS 中右击工作表标签「取消隐藏」，\
                         检查后再导入；不要的话请删除这张表", "The sheet '{shown}' is hidden: what cannot be seen would be imported too. In Excel/WPS, right-click the sheet tabs and choose \"Unhide\", check it, then import again; if it is not wanted, delete the sheet",
                        shown = shown
                    ),
                );
                continue;
            }
            let Some(table) = self.table(sheet, grid, named.is_some()) else {
                continue;
            };
            // Per-unit sheets (one per unit, named by it) are read together; two sheets
            // that both name their officials in columns would import the rows twice.
            let duplicate = tables.iter().find(|t| {
                t.sheet.name == sheet.name
                    && !(sheet.per_official && (t.fixed_owner() || table.fixed_owner()))
            });
            if let Some(first) = duplicate {
                let message = tr!(
                    "「{shown}」和「{first}」都是「{sheet}」表：请只留一张",
                    "'{shown}' and '{first}' are both the sheet '{sheet}': keep only one",
                    shown = shown,
                    first = first.grid.within.sheet_name(),
                    sheet = sheet.name
                );
                self.problem(&grid.within, 0, 0, message);
                continue;
            }
            self.warn_hidden(&table);
            self.warn_examples(&table);
            tables.push(table);
        }
        let csv = grids
            .first()
            .is_some_and(|g| matches!(g.within, Within::CsvFile(_)));
        for sheet in synonyms::SHEETS.iter().filter(|s| s.required) {
            if !seen.contains(&sheet.name) {
                let also = listed(sheet.also.iter().copied());
                let (within, message) = match csv {
                    true => (
                        Within::CsvFile(format!("{}.csv", sheet.name)),
                        tr!(
                            "缺少文件「{sheet}.csv」：这张表必须有（可用模板 shuze template 生成）；表名也可写作 {also}",
                            "The file '{sheet}.csv' is missing: this sheet is required (shuze template writes one); it may also be named {also}",
                            sheet = sheet.name,
                            also = also
                        ),
                    ),
                    false => (
                        Within::Sheet(sheet.name.to_string()),
                        tr!(
                            "缺少工作表「{sheet}」：这张表必须有（可用模板 shuze template 生成）；表名也可写作 {also}",
                            "The sheet '{sheet}' is missing: it is required (shuze template writes one); it may also be named {also}",
                            sheet = sheet.name,
                            also = also
                        ),
                    ),
                };
                self.problem(&within, 0, 0, message);
            }
        }
        tables
    }

    /// The sheet's header row (the row among the first few naming the most columns; of a
    /// two-row merged header the lower, which names each column) and its columns.
    pub(super) fn table<'g>(
        &mut self,
        sheet: &'static Sheet,
        grid: &'g Grid,
        named: bool,
    ) -> Option<Table<'g>> {
        let within = &grid.within;
        let Some(header_row) = header_row(sheet, grid) else {
            self.problem(
                within,
                0,
                0,
                tr!(
                    "找不到表头：前 {rows} 行里没有认得的列名。第一行应是列名，如 {headers}", "No header row: none of the first {rows} rows has a known column name. The first row should hold the column names, such as {headers}",
                    rows = HEADER_SEARCH,
                    headers = listed(sheet.columns.iter().map(|c| c.header))
                ),
            );
            return None;
        };
        let mut columns: HashMap<Key, (usize, Fit)> = HashMap::new();
        let mut unknown: Vec<(usize, String)> = Vec::new();
        for (index, value) in grid.rows[header_row].iter().enumerate() {
            let text = match value {
                Value::Text(text) => text.trim().to_string(),
                Value::Empty => continue,
                other => format!("{other:?}"),
            };
            let Some((column, fit)) = sheet.fit(&text) else {
                unknown.push((index, text));
                continue;
            };
            if column.key == Key::Ignored {
                continue;
            }
            let Some(&(first, first_fit)) = columns.get(&column.key) else {
                columns.insert(column.key, (index, fit));
                continue;
            };
            // A header merged over several columns names the first of them.
            if grid.cell(header_row, first) == value && index == first + 1 {
                continue;
            }
            match fit.cmp(&first_fit) {
                std::cmp::Ordering::Greater => {
                    unknown.push((first, cell_text(grid.cell(header_row, first))));
                    columns.insert(column.key, (index, fit));
                }
                std::cmp::Ordering::Less => unknown.push((index, text)),
                std::cmp::Ordering::Equal => self.problem(
                    within,
                    header_row + 1,
                    index + 1,
                    tr!(
                        "「{text}」和第 {first} 列都是「{header}」列：请删去或改名其中一列", "'{text}' and column {first} are both the column '{header}': delete or rename one of them",
                        text = text,
                        first = super::super::column_letters(first + 1),
                        header = column.header
                    ),
                ),
            }
        }
        unknown.sort();
        for (index, text) in &unknown {
            if sheet.keeps_extra() {
                let message = tr!(
                    "不认得的列「{text}」：作为其他信息随每行保留（卡片、台账和导出的准备表里都有）",
                    "Unknown column '{text}': kept with each row as another field (on the card, in the ledger and in the exported prep)",
                    text = text
                );
                self.warn(within, header_row + 1, index + 1, message);
                continue;
            }
            self.warn(
                within,
                header_row + 1,
                index + 1,
                tr!(
                    "不认得的列「{text}」，已忽略；这张表可用的列名见 README「准备表格」一节", "Unknown column '{text}', ignored; the column names this sheet can have are in the README, section \"Preparing in a spreadsheet\"",
                    text = text
                ),
            );
        }
        let columns: HashMap<Key, usize> = columns.into_iter().map(|(k, (c, _))| (k, c)).collect();
        let all: Vec<String> = grid.rows[header_row].iter().map(cell_text).collect();
        self.headers
            .push((within.clone(), header_row + 1, all.clone()));
        let headers: Vec<String> = all.into_iter().filter(|t| !t.is_empty()).collect();
        let found = listed(headers.iter().map(String::as_str));
        let unknown_texts: Vec<&str> = unknown.iter().map(|(_, t)| t.as_str()).collect();
        let mut complete = true;
        for column in sheet.columns.iter().filter(|c| c.required) {
            if !columns.contains_key(&column.key) {
                complete = false;
                let message = tr!(
                    "缺少必填的列「{header}」：请在表头加上这一列，列名可写作 {words}",
                    "The required column '{header}' is missing: add it to the header row; it may be named {words}",
                    header = column.header,
                    words = words(column)
                );
                let message = with_found(message, &found, closest(&[column], &unknown_texts));
                self.problem(within, header_row + 1, 1, message);
            }
        }
        let titles = titles(grid, header_row, named);
        if sheet.per_official
            && !columns.contains_key(&Key::Name)
            && !columns.contains_key(&Key::Unit)
            && titles.is_empty()
        {
            complete = false;
            let owners = [sheet.column_of(Key::Name), sheet.column_of(Key::Unit)];
            let message = tr!(
                "缺少「{name}」或「{unit}」列：每行要对应议程中的一位述责人，至少要有其中一列；列名可写作 {names}，或 {units}",
                "The column '{name}' or '{unit}' is missing: each row must belong to an official of the agenda, so at least one of them is needed; they may be named {names}, or {units}",
                name = sheet.column_of(Key::Name).header,
                unit = sheet.column_of(Key::Unit).header,
                names = words(sheet.column_of(Key::Name)),
                units = words(sheet.column_of(Key::Unit))
            );
            let message = with_found(message, &found, closest(&owners, &unknown_texts));
            self.problem(within, header_row + 1, 1, message);
        }
        complete.then_some(Table {
            sheet,
            grid,
            header_row,
            columns,
            titles,
            include_hidden: self.include_hidden,
            extra: match sheet.keeps_extra() {
                true => unknown,
                false => Vec::new(),
            },
        })
    }
}

/// The distinct columns a row's cells name in `sheet`.
pub(super) fn keys_named(sheet: &'static Sheet, cells: &[Value]) -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    for value in cells {
        if let Value::Text(text) = value
            && let Some(column) = sheet.column(text)
            && !keys.contains(&column.key)
        {
            keys.push(column.key);
        }
    }
    keys
}

/// The header row: of the first rows, the one naming the most distinct columns (the lower
/// row of a two-row merged header names more than the merged row above it).
pub(super) fn header_row(sheet: &'static Sheet, grid: &Grid) -> Option<usize> {
    (0..grid.rows.len().min(HEADER_SEARCH))
        .map(|row| (keys_named(sheet, &grid.rows[row]).len(), row))
        .filter(|(count, _)| *count > 0)
        .max_by_key(|(count, row)| (*count, std::cmp::Reverse(*row)))
        .map(|(_, row)| row)
}

/// The sheet a sheet with an unknown name is by its header: the kind whose required
/// columns are all there, naming the most columns; `None` when no kind has them all.
pub(super) fn kind_by_headers(grid: &Grid) -> Option<&'static Sheet> {
    let mut best: Option<(&'static Sheet, usize)> = None;
    for sheet in synonyms::SHEETS {
        let Some(row) = header_row(sheet, grid) else {
            continue;
        };
        let keys = keys_named(sheet, &grid.rows[row]);
        let complete = sheet
            .columns
            .iter()
            .filter(|c| c.required)
            .all(|c| keys.contains(&c.key));
        let owners = !sheet.per_official || keys.contains(&Key::Name) || keys.contains(&Key::Unit);
        let named = keys
            .iter()
            .filter(|k| !matches!(k, Key::Ignored | Key::Name | Key::Unit))
            .count();
        if complete && named > 0 && best.is_none_or(|(_, most)| named + usize::from(owners) > most)
        {
            best = Some((sheet, named + usize::from(owners)));
        }
    }
    best.map(|(sheet, _)| sheet)
}

/// True when any cell holds something.
pub(super) fn has_data(grid: &Grid) -> bool {
    grid.rows.iter().flatten().any(|v| !v.is_empty())
}

/// A cell as text, for naming headers.
pub(super) fn cell_text(value: &Value) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(text) => text.trim().to_string(),
        Value::Number(n) => number_text(*n),
        other => format!("{other:?}"),
    }
}

/// The first few texts of a sheet, for naming what it holds.
pub(super) fn first_texts(grid: &Grid) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    for value in grid.rows.iter().take(HEADER_SEARCH).flatten() {
        let mut text = cell_text(value);
        if let Some((cut, _)) = text.char_indices().nth(20) {
            text.truncate(cut);
            text.push('…');
        }
        if !text.is_empty() && !texts.contains(&text) {
            texts.push(text);
        }
        if texts.len() == 6 {
            break;
        }
    }
    texts
}

/// What may name a table's one unit: the sheet's name when it is not a sheet's name, and
/// each text above the header row.
pub(super) fn titles(grid: &Grid, header_row: usize, named: bool) -> Vec<String> {
    let mut titles: Vec<String> = Vec::new();
    if !named {
        titles.push(grid.within.sheet_name().to_string());
    }
    for value in grid.rows.iter().take(header_row).flatten() {
        let text = cell_text(value);
        if !text.is_empty() && !titles.contains(&text) {
            titles.push(text);
        }
    }
    titles
}

/// The unknown header most like one of `columns` (sharing the most characters with one
/// of their wordings, two at least).
pub(super) fn closest(
    columns: &[&synonyms::Column],
    headers: &[&str],
) -> Option<(String, &'static str)> {
    let mut best: Option<(usize, String, &'static str)> = None;
    for header in headers {
        let header_chars: Vec<char> = synonyms::normalise(header).chars().collect();
        for column in columns {
            for word in std::iter::once(column.header).chain(column.also.iter().copied()) {
                let shared = synonyms::normalise(word)
                    .chars()
                    .filter(|c| header_chars.contains(c))
                    .count();
                if shared >= 2 && best.as_ref().is_none_or(|(most, _, _)| shared > *most) {
                    best = Some((shared, header.to_string(), column.header));
                }
            }
        }
    }
    best.map(|(_, header, column)| (header, column))
}

/// A missing column's message with the headers found and the closest one.
pub(super) fn with_found(
    message: String,
    found: &str,
    closest: Option<(String, &'static str)>,
) -> String {
    let found = tr!(
        "表头有：{found}",
        "the header row has: {found}",
        found = found
    );
    match closest {
        Some((header, column)) => format!(
            "{message}；{found}；{}",
            tr!(
                "「{header}」可能是{column}列？",
                "is '{header}' the column '{column}'?",
                header = header,
                column = column
            )
        ),
        None => format!("{message}；{found}"),
    }
}

/// Row numbers (from 0) as a sheet numbers them, the first twenty: 3、5、8…
pub(super) fn numbered_rows(rows: &[usize]) -> String {
    let mut shown: Vec<String> = rows.iter().take(20).map(|r| (r + 1).to_string()).collect();
    if rows.len() > 20 {
        shown.push("…".into());
    }
    shown.join("、")
}

/// Text without any spaces (full-width ones too), for comparing names and units.
pub(super) fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Two names or units the same but for spaces (`王　英` is 王英).
pub(super) fn same(a: &str, b: &str) -> bool {
    squeezed(a) == squeezed(b)
}

pub(super) fn names() -> String {
    listed(synonyms::SHEETS.iter().map(|s| s.name))
}

/// Names from the workbook's form (sheets, headers, choices, officials) listed in a message:
/// 甲、乙 in Chinese; 'a', 'b' in English, each quoted as the data it is.
pub(super) fn listed<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    quoted_list(names, "、", ", ")
}

/// A column's header and its other wordings: 姓名 / 名字.
pub(super) fn words(column: &synonyms::Column) -> String {
    quoted_list(
        std::iter::once(column.header).chain(column.also.iter().copied()),
        " / ",
        " / ",
    )
}

pub(super) fn quoted_list<'a>(
    names: impl IntoIterator<Item = &'a str>,
    zh: &str,
    en: &str,
) -> String {
    match language() {
        Lang::Zh => names.into_iter().collect::<Vec<_>>().join(zh),
        Lang::En => names
            .into_iter()
            .map(|name| format!("'{name}'"))
            .collect::<Vec<_>>()
            .join(en),
    }
}

/// A number as a person would type it: 8, not 8.0.
pub(super) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

pub(super) fn toml_date(date: chrono::NaiveDate) -> toml::Value {
    use chrono::Datelike;
    toml::Value::Datetime(toml::value::Datetime {
        date: Some(toml::value::Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    })
}
