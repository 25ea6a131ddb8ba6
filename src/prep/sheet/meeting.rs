//! The meeting's own sheets: 会议信息, 出席人员 and 议程.

use super::*;

impl Reader {
    pub(super) fn raw(&mut self, tables: &[Table]) -> RawPrep {
        let find = |name: &str| tables.iter().find(|t| t.sheet.name == name);
        for table in tables.iter().filter(|t| t.sheet.name == synonyms::SETTINGS) {
            self.settings(table);
        }
        let meeting_table = find(synonyms::MEETING).expect("a required sheet");
        let meeting = self.meeting(meeting_table);
        let attendees = find(synonyms::ATTENDEES)
            .map(|t| self.attendees(t))
            .unwrap_or_default();
        let mut officials = self.agenda(find(synonyms::AGENDA).expect("a required sheet"));
        for name in [
            synonyms::DUTIES,
            synonyms::RISKS,
            synonyms::QUESTIONS,
            synonyms::FOLLOW_UPS,
            synonyms::PORTRAITS,
            synonyms::TALKS,
        ] {
            for table in tables.iter().filter(|t| t.sheet.name == name) {
                self.per_official(table, &mut officials);
            }
        }
        self.report_readings();
        self.warn_many(&officials);
        RawPrep {
            rating: None,
            meeting,
            attendees,
            officials: officials
                .into_iter()
                .map(|(official, span)| Spanned::new(span, official))
                .collect(),
        }
    }

    pub(super) fn meeting(&mut self, table: &Table) -> Spanned<RawMeeting> {
        let rows = table.rows();
        let within = &table.grid.within;
        let row = match rows.as_slice() {
            [] if !table.examples().is_empty() => {
                self.problem(
                    within,
                    table.examples()[0] + 1,
                    1,
                    tr!(
                        "{sheet}表只有示例行（标有「{mark}」）：请改成本次会议的名称、日期、主持人、记录人，并删去「{mark}」", "The sheet {sheet} has only the example row (marked '{mark}'): write this meeting's title, date, chair and recorder, and delete '{mark}'",
                        sheet = synonyms::MEETING,
                        mark = synonyms::EXAMPLE_MARK
                    ),
                );
                table.header_row + 1
            }
            [] => {
                self.problem(
                    within,
                    table.header_row + 2,
                    1,
                    tr!(
                        "{sheet}表没有内容：表头下面一行填这场会议的名称、日期、主持人、记录人等", "The sheet '{sheet}' is empty: the row below the header takes the meeting's name, date, chair, recorder and so on",
                        sheet = synonyms::MEETING
                    ),
                );
                table.header_row + 1
            }
            [only] => *only,
            [first, second, ..] => {
                self.problem(
                    within,
                    second + 1,
                    1,
                    tr!(
                        "{sheet}表只能有一行内容（第 {first} 行）：一个文件准备一场会议，请删去这一行", "The sheet '{sheet}' can have only one row (row {first} holds the meeting): one file prepares one meeting; delete this row",
                        sheet = synonyms::MEETING,
                        first = first + 1
                    ),
                );
                *first
            }
        };
        let span = self.span(within, row, 0);
        let minutes = RawAllotments {
            questions: self.integer(table, row, Key::QuestionsMinutes),
            remarks: self.integer(table, row, Key::RemarksMinutes),
            rating: self.integer(table, row, Key::RatingMinutes),
            follow_ups: self.integer(table, row, Key::FollowUpsMinutes),
        };
        let any_minutes = minutes.questions.is_some()
            || minutes.remarks.is_some()
            || minutes.rating.is_some()
            || minutes.follow_ups.is_some();
        let date = match self.date(table, row, Key::Date) {
            Some(date) => date,
            None => {
                let (_, span) = self.text_at(table, row, Key::Date);
                Spanned::new(span, toml::Value::String(String::new()))
            }
        };
        if let toml::Value::Datetime(moment) = date.get_ref() {
            self.year = moment.date.map(|d| i32::from(d.year));
        }
        let scrutineers = self.text(table, row, Key::Scrutineers);
        let meeting = RawMeeting {
            title: self.spanned_text(table, row, Key::Title),
            date,
            start: self.time(table, row, Key::Start),
            place: self.text(table, row, Key::Place),
            chair: self.spanned_text(table, row, Key::Chair),
            chair_post: self.text(table, row, Key::ChairPost),
            recorder: self.spanned_text(table, row, Key::Recorder),
            scrutineers: scrutineers
                .split(['、', ',', '，', ';', '；', '\n', ' ', '\u{3000}'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            minutes: any_minutes.then(|| Spanned::new(span.clone(), minutes)),
            office: self.text(table, row, Key::Office),
            issue: self.integer(table, row, Key::Issue),
            mark: String::new(),
        };
        Spanned::new(span, meeting)
    }

    pub(super) fn attendees(&mut self, table: &Table) -> Vec<Spanned<RawAttendee>> {
        let mut attendees = Vec::new();
        for row in table.rows() {
            let span = self.span(&table.grid.within, row, 0);
            let written = self.text(table, row, Key::Attendance);
            let mut reason = self.text(table, row, Key::Reason);
            let mapped = self.mapped(Key::Attendance, &written);
            let absent = synonyms::ATTENDANCE[2];
            let attendance =
                if mapped == Some(absent) || mapped.is_none() && written::on_leave(&written) {
                    self.read_as(table, row, Key::Attendance, &written, absent.to_string());
                    if reason.is_empty() {
                        reason = written.trim().to_string();
                    }
                    Some(RawAttendance::Absent)
                } else {
                    self.choice(table, row, Key::Attendance)
                };
            attendees.push(Spanned::new(
                span,
                RawAttendee {
                    name: self.spanned_text(table, row, Key::AttendeeName),
                    post: self.text(table, row, Key::AttendeePost),
                    attendance: attendance.unwrap_or(RawAttendance::Present),
                    reason,
                },
            ));
        }
        attendees
    }

    pub(super) fn agenda(&mut self, table: &Table) -> Vec<(RawOfficial, Range<usize>)> {
        let mut officials = Vec::new();
        for row in table.rows() {
            let span = self.span(&table.grid.within, row, 0);
            let official = RawOfficial {
                position: self.required_integer(table, row, Key::Position),
                name: self.spanned_text(table, row, Key::Name),
                unit: self.spanned_text(table, row, Key::Unit),
                post: self.spanned_text(table, row, Key::Post),
                supervisor: self.text(table, row, Key::Supervisor),
                report_minutes: self.required_integer(table, row, Key::ReportMinutes),
                written_only: self.yes_no(table, row, Key::WrittenOnly),
                duty_items: Vec::new(),
                risk_points: Vec::new(),
                questions: Vec::new(),
                earlier_follow_ups: Vec::new(),
                portrait: Vec::new(),
                talks: Vec::new(),
            };
            officials.push((official, span));
        }
        officials
    }
}
