//! The rows of each official: duty items, risk points, questions and earlier follow-ups.

use super::*;

impl Reader {
    /// The official a row belongs to, by 姓名 or 单位 (a blank pair in a CSV file: the
    /// row above's); `None` when it belongs to none, with the problem reported.
    pub(super) fn owner(
        &mut self,
        table: &Table,
        row: usize,
        officials: &[(RawOfficial, Range<usize>)],
        above: &mut Option<(String, String)>,
        fixed: Option<&str>,
    ) -> Option<usize> {
        let within = &table.grid.within;
        let mut name = self.text(table, row, Key::Name);
        let mut unit = match fixed {
            Some(unit) => unit.to_string(),
            None => self.text(table, row, Key::Unit),
        };
        if name.is_empty()
            && unit.is_empty()
            && table.grid.fill_owner_down
            && let Some((n, u)) = above.clone()
        {
            (name, unit) = (n, u);
        }
        *above = Some((name.clone(), unit.clone()));
        let column = |key: Key| table.columns.get(&key).copied().unwrap_or(0) + 1;
        let official_name = |o: &RawOfficial| o.name.get_ref().trim().to_string();
        let official_unit = |o: &RawOfficial| o.unit.get_ref().trim().to_string();
        if !name.is_empty() {
            let found: Vec<usize> = (0..officials.len())
                .filter(|i| same(&official_name(&officials[*i].0), &name))
                .collect();
            let matching: Vec<usize> = found
                .iter()
                .copied()
                .filter(|i| unit.is_empty() || same(&official_unit(&officials[*i].0), &unit))
                .collect();
            return match (found.len(), matching.as_slice()) {
                (0, _) => {
                    let all: Vec<String> = officials.iter().map(|o| official_name(&o.0)).collect();
                    self.problem(
                        within,
                        row + 1,
                        column(Key::Name),
                        tr!(
                            "「{name}」不在议程里：姓名须与「{agenda}」表一致，议程中的述责人有 {all}", "'{name}' is not on the agenda: names must be as in the sheet '{agenda}', whose officials are {all}",
                            name = name,
                            agenda = synonyms::AGENDA,
                            all = listed(all.iter().map(String::as_str))
                        ),
                    );
                    None
                }
                (_, [one]) => Some(*one),
                (_, []) => {
                    let units: Vec<String> = found
                        .iter()
                        .map(|i| official_unit(&officials[*i].0))
                        .collect();
                    self.problem(
                        within,
                        row + 1,
                        column(Key::Unit),
                        tr!(
                            "议程中「{name}」的单位是「{units}」，与这里的「{unit}」不符：请改成一致", "On the agenda the unit of '{name}' is {units}, not '{unit}' as here: make them the same",
                            name = name,
                            units = listed(units.iter().map(String::as_str)),
                            unit = unit
                        ),
                    );
                    None
                }
                _ => {
                    self.problem(
                        within,
                        row + 1,
                        column(Key::Name),
                        tr!("议程中有几位「{name}」：请同时填写单位以区分", "The agenda has several officials named '{name}': fill in the unit as well to tell them apart", name = name),
                    );
                    None
                }
            };
        }
        if unit.is_empty() {
            self.problem(
                within,
                row + 1,
                column(Key::Name),
                tr!(
                    "姓名和单位都空着：请至少填一个，说明这一行是哪位述责人的",
                    "Name and unit are both blank: fill in at least one, to say whose row this is"
                ),
            );
            return None;
        }
        let found: Vec<usize> = (0..officials.len())
            .filter(|i| same(&official_unit(&officials[*i].0), &unit))
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            [] => {
                let all: Vec<String> = officials.iter().map(|o| official_unit(&o.0)).collect();
                self.problem(
                    within,
                    row + 1,
                    column(Key::Unit),
                    tr!(
                        "单位「{unit}」不在议程里：单位须与「{agenda}」表一致，议程中的单位有 {all}", "The unit '{unit}' is not on the agenda: units must be as in the sheet '{agenda}', whose units are {all}",
                        unit = unit,
                        agenda = synonyms::AGENDA,
                        all = listed(all.iter().map(String::as_str))
                    ),
                );
                None
            }
            _ => {
                self.problem(
                    within,
                    row + 1,
                    column(Key::Unit),
                    tr!(
                        "议程中「{unit}」有 {n} 位述责人：请填写姓名",
                        "The agenda has {n} officials of '{unit}': fill in the name",
                        unit = unit,
                        n = found.len()
                    ),
                );
                None
            }
        }
    }

    /// The agenda's unit that a table without 姓名 and 单位 columns belongs to, named by its
    /// sheet's name or title (`某县财政局廉政风险点防控一览表`); reported when none or several.
    pub(super) fn fixed_unit(
        &mut self,
        table: &Table,
        officials: &[(RawOfficial, Range<usize>)],
    ) -> Option<String> {
        let mut units: Vec<String> = officials
            .iter()
            .map(|(o, _)| o.unit.get_ref().trim().to_string())
            .collect();
        units.dedup();
        for title in &table.titles {
            let title = squeezed(title);
            let mut named: Vec<&String> = units
                .iter()
                .filter(|u| !u.is_empty() && title.contains(&squeezed(u)))
                .collect();
            named.dedup();
            // 县财政局 inside 某县财政局…: the longest unit named wins over one inside it.
            named.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
            if let Some(first) = named.first()
                && named.iter().skip(1).all(|u| first.contains(u.as_str()))
            {
                return Some(first.to_string());
            }
        }
        let message = tr!(
            "「{sheet}」表没有「{name}」「{unit}」列，表名和标题（{titles}）也没有指明议程中的哪个单位：请加一列「{unit}」，或在标题中写明单位；议程中的单位有 {units}",
            "The sheet '{sheet}' has no column '{name}' or '{unit}', and neither its name nor its title ({titles}) names a unit of the agenda: add a column '{unit}', or name the unit in the title; the agenda's units are {units}",
            sheet = table.grid.within.sheet_name(),
            name = table.sheet.column_of(Key::Name).header,
            unit = table.sheet.column_of(Key::Unit).header,
            titles = listed(table.titles.iter().map(String::as_str)),
            units = listed(units.iter().map(String::as_str))
        );
        self.problem(&table.grid.within, table.header_row + 1, 1, message);
        None
    }

    pub(super) fn per_official(
        &mut self,
        table: &Table,
        officials: &mut [(RawOfficial, Range<usize>)],
    ) {
        let mut above = None;
        let fixed = match table.fixed_owner() {
            true => match self.fixed_unit(table, officials) {
                Some(unit) => Some(unit),
                None => return,
            },
            false => None,
        };
        for row in table.rows() {
            let Some(index) = self.owner(table, row, officials, &mut above, fixed.as_deref())
            else {
                continue;
            };
            let span = self.span(&table.grid.within, row, 0);
            let official = &mut officials[index].0;
            match table.sheet.name {
                synonyms::DUTIES => {
                    let source = self.choice(table, row, Key::DutySource);
                    let status = self.choice(table, row, Key::DutyStatus);
                    let (quarter, quarter_span) = self.text_at(table, row, Key::Quarter);
                    let quarter = self.quarter(table, row, &quarter);
                    official.duty_items.push(Spanned::new(
                        span,
                        RawDutyItem {
                            source: source.unwrap_or(RawDutySource::AnnualReminder),
                            quarter: Spanned::new(quarter_span, quarter),
                            text: self.spanned_text(table, row, Key::DutyText),
                            progress: self.text(table, row, Key::DutyProgress),
                            status,
                            extra: self.extra_cells(table, row),
                        },
                    ));
                }
                synonyms::RISKS => {
                    let level = self.choice(table, row, Key::RiskLevel);
                    let measures = self.text(table, row, Key::Measures);
                    let rules = self.text(table, row, Key::Rules);
                    let mut text = self.spanned_text(table, row, Key::RiskText);
                    let form = self.text(table, row, Key::RiskForm);
                    if !form.is_empty() {
                        let joined = format!("{}：{form}", text.get_ref().trim());
                        *text.get_mut() = joined;
                    }
                    official.risk_points.push(Spanned::new(
                        span,
                        RawRiskPoint {
                            text,
                            level: level.unwrap_or(RawRiskLevel::Low),
                            measures: cells::numbered_items(&measures),
                            rules: cells::numbered_items(&rules),
                            extra: self.extra_cells(table, row),
                        },
                    ));
                }
                synonyms::QUESTIONS => {
                    official.questions.push(Spanned::new(
                        span,
                        RawQuestion {
                            asker: self.spanned_text(table, row, Key::Asker),
                            text: self.spanned_text(table, row, Key::QuestionText),
                        },
                    ));
                }
                synonyms::PORTRAITS => {
                    // A dimension that is not one of the five is reported at its cell.
                    let Some(dimension) = self.choice(table, row, Key::Dimension) else {
                        continue;
                    };
                    official.portrait.push(Spanned::new(
                        span,
                        RawFinding {
                            dimension,
                            problem: self.spanned_text(table, row, Key::PortraitProblem),
                            suggestion: self.text(table, row, Key::Suggestion),
                        },
                    ));
                }
                synonyms::TALKS => {
                    let (_, date_span) = self.text_at(table, row, Key::TalkDate);
                    let date = self.date(table, row, Key::TalkDate).unwrap_or_else(|| {
                        Spanned::new(date_span, toml::Value::String(String::new()))
                    });
                    official.talks.push(Spanned::new(
                        span,
                        RawTalk {
                            date,
                            talker: self.spanned_text(table, row, Key::Talker),
                            content: self.text(table, row, Key::TalkContent),
                        },
                    ));
                }
                _ => {
                    let source = self.choice(table, row, Key::FollowUpSource);
                    let mut mode = self.choice(table, row, Key::Mode);
                    let deadline = self.text(table, row, Key::Deadline);
                    let ongoing = self.year.is_some_and(|year| {
                        written::deadline(&deadline, year) == Some(written::Deadline::Ongoing)
                    });
                    if ongoing {
                        let long_term = synonyms::FOLLOW_UP_MODES[2];
                        self.read_as(table, row, Key::Deadline, &deadline, long_term.to_string());
                        mode = mode.or(Some(RawFollowUpMode::LongTerm));
                    }
                    let status = self.choice(table, row, Key::FollowUpStatus);
                    let copied_to = self.text(table, row, Key::CopiedTo);
                    official.earlier_follow_ups.push(Spanned::new(
                        span,
                        RawFollowUp {
                            source,
                            category: self.text(table, row, Key::Category),
                            problem: self.spanned_text(table, row, Key::Problem),
                            task: self.text(table, row, Key::Task),
                            measure: self.text(table, row, Key::Measure),
                            lead: self.text(table, row, Key::Lead),
                            owner: self.text(table, row, Key::Owner),
                            deadline: match ongoing {
                                true => None,
                                false => self.date(table, row, Key::Deadline),
                            },
                            mode,
                            progress: self.text(table, row, Key::FollowUpProgress),
                            status: status.unwrap_or(RawFollowUpStatus::NotStarted),
                            copied_to: (!copied_to.is_empty()).then_some(copied_to),
                            raised_on: self.date(table, row, Key::RaisedOn),
                            key: (!Self::is_blank(table, row, Key::FollowUpKey))
                                .then(|| self.spanned_text(table, row, Key::FollowUpKey)),
                            extra: self.extra_cells(table, row),
                        },
                    ));
                }
            }
        }
    }
}
