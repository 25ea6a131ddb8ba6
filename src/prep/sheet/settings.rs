//! The 设置 sheet: values as offices write them (★★★★, 休假), each read as one of a
//! column's choices, before the program's own readings (一级 → 高, 请假 → 缺席).

use super::*;

/// One mapping: in `key`'s column, a value written `written` (compared folded, without
/// spaces) is read as `read_as`.
pub(super) struct Mapping {
    key: Key,
    written: String,
    read_as: &'static str,
    /// The sheet's row (from 1), to name an earlier mapping of the same value.
    row: usize,
}

/// A value as compared: full-width letters and digits folded, without spaces.
fn compared(text: &str) -> String {
    squeezed(&synonyms::folded(text))
}

/// The columns a 列 cell names: of every sheet, those with closed choices.
fn columns_named(header: &str) -> Vec<&'static synonyms::Column> {
    let mut found: Vec<&'static synonyms::Column> = Vec::new();
    for sheet in synonyms::SHEETS
        .iter()
        .filter(|s| s.name != synonyms::SETTINGS)
    {
        if let Some(column) = sheet.column(header)
            && !column.choices.is_empty()
            && !found.iter().any(|c| c.key == column.key)
        {
            found.push(column);
        }
    }
    found
}

/// The columns a mapping may name, for the message when it names another.
fn mappable() -> String {
    let mut headers: Vec<&str> = Vec::new();
    for sheet in synonyms::SHEETS {
        for column in sheet.columns.iter().filter(|c| !c.choices.is_empty()) {
            if !headers.contains(&column.header) {
                headers.push(column.header);
            }
        }
    }
    listed(headers)
}

impl Reader {
    /// What `text`, written in `key`'s column, is read as by the 设置 sheet.
    pub(super) fn mapped(&self, key: Key, text: &str) -> Option<&'static str> {
        let text = compared(text);
        self.mappings
            .iter()
            .find(|m| m.key == key && m.written == text)
            .map(|m| m.read_as)
    }

    /// Reads the 设置 sheet's mappings; a row naming no column with choices, a value that is
    /// not one of the column's choices or a value mapped twice is a problem at its cell.
    pub(super) fn settings(&mut self, table: &Table) {
        for row in table.rows() {
            let header = self.text(table, row, Key::MappedColumn);
            let written = self.text(table, row, Key::Written);
            let to = self.text(table, row, Key::MappedTo);
            let (header, written, to) = (header.trim(), written.trim(), to.trim());
            let at = |key| table.columns.get(&key).copied().unwrap_or(0) + 1;
            let within = &table.grid.within;
            if header.is_empty() || written.is_empty() || to.is_empty() {
                let key = [
                    (Key::MappedColumn, header),
                    (Key::Written, written),
                    (Key::MappedTo, to),
                ]
                .into_iter()
                .find(|(_, text)| text.is_empty())
                .map_or(Key::MappedColumn, |(key, _)| key);
                let message = tr!(
                    "「{header}」不能为空：每条对应写明列、原值和对应",
                    "'{header}' must not be empty: each mapping names its column, the value as written and what it is read as",
                    header = table.sheet.column_of(key).header
                );
                self.problem(within, row + 1, at(key), message);
                continue;
            }
            let columns = columns_named(header);
            let Some(first) = columns.first() else {
                let message = tr!(
                    "「{header}」不是有可选值的列：可设置对应的列有 {columns}",
                    "'{header}' is not a column with choices: mappings can be set for {columns}",
                    header = header,
                    columns = mappable()
                );
                self.problem(within, row + 1, at(Key::MappedColumn), message);
                continue;
            };
            let fitting: Vec<_> = columns
                .iter()
                .filter_map(|c| c.choices.iter().find(|x| **x == to).map(|x| (c.key, *x)))
                .collect();
            if fitting.is_empty() {
                let message = tr!(
                    "「{to}」不是「{header}」可选的值：对应请填 {choices} 之一",
                    "'{to}' is not one of the choices of '{header}': map to one of {choices}",
                    to = to,
                    header = first.header,
                    choices = listed(first.choices.iter().copied())
                );
                self.problem(within, row + 1, at(Key::MappedTo), message);
                continue;
            }
            for (key, read_as) in fitting {
                self.add_mapping(table, row, key, written, read_as);
            }
        }
    }

    /// Keeps one mapping, or names the row that already maps the value otherwise.
    fn add_mapping(
        &mut self,
        table: &Table,
        row: usize,
        key: Key,
        written: &str,
        to: &'static str,
    ) {
        let compared = compared(written);
        let earlier = self
            .mappings
            .iter()
            .find(|m| m.key == key && m.written == compared)
            .map(|m| (m.row, m.read_as));
        match earlier {
            Some((_, read_as)) if read_as == to => {}
            Some((earlier, read_as)) => {
                let message = tr!(
                    "「{written}」在第 {earlier} 行已对应为「{read_as}」：同一原值只能对应一个值",
                    "'{written}' is already mapped to '{read_as}' in row {earlier}: a value maps to one value only",
                    written = written,
                    earlier = earlier,
                    read_as = read_as
                );
                let at = table.columns.get(&Key::Written).copied().unwrap_or(0) + 1;
                self.problem(&table.grid.within, row + 1, at, message);
            }
            None => self.mappings.push(Mapping {
                key,
                written: compared,
                read_as: to,
                row: row + 1,
            }),
        }
    }
}
