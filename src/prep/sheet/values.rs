//! Reading one cell of a row as text, a number, a choice, a date, a quarter or a time.

use super::*;

impl Reader {
    /// A cell's text (line breaks as `\n`), with its problems reported: a formula error, a
    /// control character, more than a cell may hold.
    pub(super) fn text_at(
        &mut self,
        table: &Table,
        row: usize,
        key: Key,
    ) -> (String, Range<usize>) {
        let Some(&column) = table.columns.get(&key) else {
            let span = self.span(&table.grid.within, row, 0);
            return (String::new(), span);
        };
        self.text_in(table, row, column)
    }

    /// The row's cells under the columns kept as extra fields: header and text.
    pub(super) fn extra_cells(&mut self, table: &Table, row: usize) -> Vec<(String, String)> {
        let mut cells = Vec::new();
        for (column, header) in &table.extra {
            let (text, _) = self.text_in(table, row, *column);
            cells.push((header.clone(), text));
        }
        cells
    }

    /// The text of the cell at `row` and `column` (from 0), with its problems reported.
    pub(super) fn text_in(
        &mut self,
        table: &Table,
        row: usize,
        column: usize,
    ) -> (String, Range<usize>) {
        let within = &table.grid.within;
        let span = self.span(within, row, column);
        let text = match table.grid.cell(row, column) {
            Value::Empty => String::new(),
            Value::Text(text) => text.replace("\r\n", "\n").replace('\r', "\n"),
            Value::Number(n) => number_text(*n),
            Value::Date(date, _) => date.format("%Y-%m-%d").to_string(),
            Value::Bool(true) => "是".into(),
            Value::Bool(false) => "否".into(),
            Value::Formula(formula) => {
                self.problem(
                    within,
                    row + 1,
                    column + 1,
                    tr!(
                        "单元格是公式 {formula}，文件里却没有它算出的值（多是程序生成、未在 Excel/WPS 中打开保存过）：请在 Excel/WPS 中打开后保存再导入，或把公式换成数值", "The cell holds the formula {formula} but the file has no value for it (mostly written by a program and never opened and saved in Excel/WPS): open and save it in Excel/WPS, then import again, or replace the formula by its value",
                        formula = formula
                    ),
                );
                String::new()
            }
            Value::Error(error) => {
                self.problem(
                    within,
                    row + 1,
                    column + 1,
                    tr!(
                        "单元格是公式的错误值 {error}：请改正公式，或复制后「选择性粘贴→数值」换成它的值", "The cell holds a formula's error value {error}: correct the formula, or copy it and \"Paste Special → Values\" to keep its value",
                        error = error
                    ),
                );
                String::new()
            }
        };
        let chars = text.chars().count();
        if chars > MOST_CHARS {
            self.problem(
                within,
                row + 1,
                column + 1,
                tr!(
                    "单元格有 {chars} 个字，超过了表格单元格的上限 {most} 字：请删减，或分成几行", "The cell has {chars} characters, more than a spreadsheet cell can hold ({most}): shorten it, or split it over several rows",
                    chars = chars,
                    most = MOST_CHARS
                ),
            );
            return (String::new(), span);
        }
        let found = super::super::controls::controls(&text);
        if !found.is_empty() {
            let shown: Vec<String> = found
                .iter()
                .map(|c| format!("U+{:04X}", u32::from(*c)))
                .collect();
            self.problem(
                within,
                row + 1,
                column + 1,
                tr!(
                    "单元格含控制字符 {found}：会议记录里不能有控制字符，请删去（多是从别处复制来的看不见的字符）；换行可以保留", "The cell has the control characters {found}: a meeting record cannot hold control characters; delete them (mostly invisible characters copied from elsewhere); line breaks may stay",
                    found = shown.join(" ")
                ),
            );
            return (String::new(), span);
        }
        (text, span)
    }

    pub(super) fn text(&mut self, table: &Table, row: usize, key: Key) -> String {
        self.text_at(table, row, key).0.trim().to_string()
    }

    pub(super) fn spanned_text(&mut self, table: &Table, row: usize, key: Key) -> Spanned<String> {
        let (text, span) = self.text_at(table, row, key);
        Spanned::new(span, text)
    }

    pub(super) fn is_blank(table: &Table, row: usize, key: Key) -> bool {
        table
            .columns
            .get(&key)
            .is_none_or(|c| table.grid.cell(row, *c).is_empty())
    }

    /// A whole number (minutes, positions, an issue); a blank cell is `None`.
    pub(super) fn integer(&mut self, table: &Table, row: usize, key: Key) -> Option<Spanned<i64>> {
        if Self::is_blank(table, row, key) {
            return None;
        }
        let column = table.columns[&key];
        let number = match table.grid.cell(row, column) {
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e12 => Some(*n as i64),
            _ => None,
        };
        let (text, span) = self.text_at(table, row, key);
        let folded = synonyms::folded(&text);
        if folded != text && number.is_none() {
            let read = folded.trim().to_string();
            self.read_as(table, row, key, &text, read);
        }
        let number = number.or_else(|| {
            folded
                .trim()
                .trim_end_matches("分钟")
                .trim_end_matches('分')
                .trim_start_matches('第')
                .trim_end_matches('期')
                .trim()
                .parse::<i64>()
                .ok()
        });
        match number {
            Some(n) => Some(Spanned::new(span, n)),
            None => {
                if !text.is_empty() {
                    self.problem(
                        &table.grid.within,
                        row + 1,
                        column + 1,
                        tr!(
                            "「{text}」不是整数：这一列填数字，如 8",
                            "'{text}' is not a whole number: this column takes a number, such as 8",
                            text = text.trim()
                        ),
                    );
                }
                Some(Spanned::new(span, 0))
            }
        }
    }

    /// A required whole number.
    pub(super) fn required_integer(&mut self, table: &Table, row: usize, key: Key) -> Spanned<i64> {
        match self.integer(table, row, key) {
            Some(n) => n,
            None => {
                let column = table.columns.get(&key).copied().unwrap_or(0);
                let span = self.span(&table.grid.within, row, column);
                self.problem(
                    &table.grid.within,
                    row + 1,
                    column + 1,
                    tr!(
                        "「{header}」不能为空：请填数字",
                        "'{header}' must not be empty: fill in a number",
                        header = table.sheet.column_of(key).header
                    ),
                );
                Spanned::new(span, 0)
            }
        }
    }

    /// One of a column's closed choices, read by the same words as the TOML file (the
    /// English database words are accepted too); `None` when blank.
    pub(super) fn choice<T: DeserializeOwned>(
        &mut self,
        table: &Table,
        row: usize,
        key: Key,
    ) -> Option<T> {
        let column = table.sheet.column_of(key);
        let (text, _) = self.text_at(table, row, key);
        let text = text.trim();
        let at = table.columns.get(&key).copied().unwrap_or(0);
        if text.is_empty() {
            if column.required && Self::is_blank(table, row, key) {
                self.problem(
                    &table.grid.within,
                    row + 1,
                    at + 1,
                    tr!(
                        "「{header}」不能为空：请从下拉列表选 {choices} 之一", "'{header}' must not be empty: choose one of {choices} from the drop-down list",
                        header = column.header,
                        choices = listed(column.choices.iter().copied())
                    ),
                );
            }
            return None;
        }
        let mapped = match (self.mapped(key, text), key) {
            (Some(to), _) => Some(to),
            (None, Key::RiskLevel) => written::risk_level(text),
            (None, _) => None,
        }
        .filter(|to| *to != text)
        .map(str::to_string)
        .or_else(|| {
            let folded = synonyms::folded(text);
            (folded != text).then_some(folded)
        });
        let read = mapped.as_deref().unwrap_or(text);
        match T::deserialize(StrDeserializer::<ValueError>::new(read)) {
            Ok(value) => {
                if let Some(mapped) = &mapped {
                    let written = text.to_string();
                    self.read_as(table, row, key, &written, mapped.clone());
                }
                Some(value)
            }
            Err(_) => {
                self.problem(
                    &table.grid.within,
                    row + 1,
                    at + 1,
                    tr!(
                        "「{text}」不是「{header}」可选的值：请从下拉列表选 {choices} 之一", "'{text}' is not one of the choices of '{header}': choose one of {choices} from the drop-down list",
                        text = text,
                        header = column.header,
                        choices = listed(column.choices.iter().copied())
                    ),
                );
                None
            }
        }
    }

    /// 是 / 否 (also √, ✓, Y, yes, true, 1 and ×, N, no, false, 0); blank is no.
    pub(super) fn yes_no(&mut self, table: &Table, row: usize, key: Key) -> bool {
        let (mut text, _) = self.text_at(table, row, key);
        if let Some(to) = self.mapped(key, &text) {
            let written = text.trim().to_string();
            self.read_as(table, row, key, &written, to.to_string());
            text = to.to_string();
        }
        match text.trim().to_lowercase().as_str() {
            "" | "否" | "×" | "n" | "no" | "false" | "0" | "不是" => false,
            "是" | "√" | "✓" | "y" | "yes" | "true" | "1" | "书面" => true,
            other => {
                let at = table.columns.get(&key).copied().unwrap_or(0);
                self.problem(
                    &table.grid.within,
                    row + 1,
                    at + 1,
                    tr!(
                        "「{text}」不是「{header}」可选的值：请填「{yes}」或「{no}」", "'{text}' is not one of the choices of '{header}': fill in '{yes}' or '{no}'",
                        text = other,
                        header = table.sheet.column_of(key).header,
                        yes = synonyms::YES_NO[0],
                        no = synonyms::YES_NO[1]
                    ),
                );
                false
            }
        }
    }

    /// A date: a date cell, an Excel serial number or text in the usual forms; what is not
    /// a date is handed on as text for the checker to refuse at its cell.
    pub(super) fn date(
        &mut self,
        table: &Table,
        row: usize,
        key: Key,
    ) -> Option<Spanned<toml::Value>> {
        if Self::is_blank(table, row, key) {
            return None;
        }
        let column = table.columns[&key];
        let date = match table.grid.cell(row, column) {
            Value::Date(date, _) => Some(*date),
            Value::Number(n) => cells::from_serial(*n),
            _ => None,
        };
        let (text, span) = self.text_at(table, row, key);
        let folded = synonyms::folded(&text);
        let written = match (date, self.year) {
            (None, Some(year)) => match written::deadline(&folded, year) {
                Some(written::Deadline::Day(day)) => Some(day),
                _ => None,
            },
            _ => None,
        };
        if let Some(day) = written {
            self.read_as(table, row, key, &text, day.format("%Y-%m-%d").to_string());
        }
        let value = match date.or(written).or_else(|| cells::date_from_text(&folded)) {
            Some(date) => toml_date(date),
            None => toml::Value::String(text),
        };
        Some(Spanned::new(span, value))
    }

    /// A quarter: as the template writes it, or without its year (第一季度, Q1) in the
    /// meeting's year.
    pub(super) fn quarter(&mut self, table: &Table, row: usize, written: &str) -> String {
        let folded = synonyms::folded(written);
        let quarter = cells::quarter(&folded);
        if quarter.contains('Q') && quarter.len() == 6 {
            if folded != written {
                self.read_as(table, row, Key::Quarter, written, quarter.clone());
            }
            return quarter;
        }
        match self
            .year
            .and_then(|year| written::quarter_of_year(&folded, year))
        {
            Some(read) => {
                self.read_as(table, row, Key::Quarter, written, read.clone());
                read
            }
            None => quarter,
        }
    }

    /// A time of day: a time cell or text like 09:00 (9:00, 9：00).
    pub(super) fn time(&mut self, table: &Table, row: usize, key: Key) -> Option<Spanned<String>> {
        if Self::is_blank(table, row, key) {
            return None;
        }
        let column = table.columns[&key];
        let fraction = match table.grid.cell(row, column) {
            Value::Date(_, fraction) => Some(*fraction),
            Value::Number(n) if (0.0..1.0).contains(n) => Some(*n),
            _ => None,
        };
        let (text, span) = self.text_at(table, row, key);
        let text = match fraction {
            Some(fraction) => {
                let minutes = (fraction * 24.0 * 60.0).round() as i64;
                format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60)
            }
            None => {
                let text = text.trim().replace('：', ":");
                match text.split_once(':') {
                    Some((h, m)) if h.len() == 1 => format!("0{h}:{m}"),
                    _ => text,
                }
            }
        };
        Some(Spanned::new(span, text))
    }
}
