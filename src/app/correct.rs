//! Putting slips right with the same forms and keys as adding: a question's asker and
//! wording, a duty item, a risk point, every field of a follow-up, the agenda's order and
//! minutes, and attendance. Each submitted correction becomes a dated change in the file.

use super::form::{Field, FieldLabel};
use super::submit::{
    FOLLOW_UP_MODES, FOLLOW_UP_STATUSES, Problem, SourceChoice, Submitted, chosen_source, deadline,
    questions_by_text, required, source_choices,
};
use super::{Command, Console, Effect, Form, FormKind, Mode, Pane};
use crate::domain::{
    AgendaMove, Attendance, DutyItem, DutySource, DutyStatus, FollowUp, Id, Question, RiskLevel,
    RiskPoint,
};
use crate::labels::{self, Label, Named};
use chrono::{DateTime, NaiveTime, TimeZone, Utc};

const DUTY_SOURCES: [DutySource; 3] = [
    DutySource::AnnualReminder,
    DutySource::QuarterlyDispatch,
    DutySource::AddedDispatch,
];
const DUTY_STATUSES: [DutyStatus; 3] = [
    DutyStatus::NotStarted,
    DutyStatus::InProgress,
    DutyStatus::Done,
];
const RISK_LEVELS: [RiskLevel; 3] = [RiskLevel::High, RiskLevel::Medium, RiskLevel::Low];

/// What an attendance form can record.
#[derive(Clone, Copy)]
enum Presence {
    Present,
    NonVoting,
    Absent,
    Late,
    LeftEarly,
}
const PRESENCES: [Presence; 5] = [
    Presence::Present,
    Presence::NonVoting,
    Presence::Absent,
    Presence::Late,
    Presence::LeftEarly,
];

impl Presence {
    fn label(self, lang: labels::Lang) -> &'static str {
        match self {
            Presence::Present => Attendance::Present.name(lang),
            Presence::NonVoting => Attendance::NonVoting.name(lang),
            Presence::Absent => Attendance::Absent.name(lang),
            Presence::Late => Label::Late.text(lang),
            Presence::LeftEarly => Label::LeftEarly.text(lang),
        }
    }
}

/// The key of a correction: opens its form, or (moving an official) writes at once.
pub(super) fn open(console: &mut Console, command: Command) -> Vec<Effect> {
    let lang = console.lang;
    let Some(slot) = console.slot().cloned() else {
        return Vec::new();
    };
    let form = match command {
        Command::MoveOfficialUp => return move_official(console, slot.id, AgendaMove::Up),
        Command::MoveOfficialDown => return move_official(console, slot.id, AgendaMove::Down),
        Command::MoveOfficialToEnd => return move_official(console, slot.id, AgendaMove::ToEnd),
        Command::ChangeAllotment => Some(allotment_form(console)),
        Command::Attendance => Some(attendance_form(console)),
        Command::AddItem => match console.recorder.focus {
            Pane::Duties => Some(duty_form(lang, FormKind::AddDutyItem, None)),
            Pane::Risks => Some(risk_form(lang, FormKind::AddRiskPoint, None)),
            _ => Some(super::submit::question_form()),
        },
        _ => selected_form(console),
    };
    match form {
        Some(form) => console.recorder.mode = Mode::Form(form),
        None => console.warn(Label::NothingToCorrect.text(lang)),
    }
    Vec::new()
}

fn move_official(console: &mut Console, slot: Id, to: AgendaMove) -> Vec<Effect> {
    let last = console.snapshot.agenda.len().saturating_sub(1);
    let stays = match to {
        AgendaMove::Up => console.snapshot.current == 0,
        AgendaMove::Down | AgendaMove::ToEnd => console.snapshot.current >= last,
    };
    if stays {
        console.warn(Label::NowhereToMove.text(console.lang));
        return Vec::new();
    }
    super::confirm::move_official(console, slot, to)
}

/// The form correcting the selected row of the focused pane.
fn selected_form(console: &Console) -> Option<Form> {
    let lang = console.lang;
    let row = console.selection(console.recorder.focus);
    let detail = &console.snapshot.detail;
    match console.recorder.focus {
        Pane::Questions => detail.questions.get(row).map(question_form),
        Pane::Duties => detail
            .duty_items
            .get(row)
            .map(|d| duty_form(lang, FormKind::EditDutyItem(d.id), Some(d))),
        Pane::Risks => detail
            .risk_points
            .get(row)
            .map(|r| risk_form(lang, FormKind::EditRiskPoint(r.id), Some(r))),
        Pane::FollowUps => detail
            .follow_ups
            .iter()
            .chain(&detail.earlier_follow_ups)
            .nth(row)
            .map(|f| follow_up_form(console, f)),
        Pane::Remarks => None,
    }
}

/// The asker and wording of a question, the caret on the wording.
fn question_form(q: &Question) -> Form {
    let mut form = Form::new(
        FormKind::EditQuestion(q.id),
        Label::EditQuestionTitle,
        vec![
            Field::text(Label::Asker, &q.asker),
            Field::text(Label::QuestionText, &q.text),
        ],
    );
    form.focus = 1;
    form
}

fn index_of<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}

fn duty_form(lang: labels::Lang, kind: FormKind, item: Option<&DutyItem>) -> Form {
    let fields = vec![
        Field::choice(
            Label::Source,
            DUTY_SOURCES.iter().map(|s| s.name(lang)).collect(),
            item.map(|d| index_of(&DUTY_SOURCES, &d.source))
                .unwrap_or(2),
        ),
        Field::text(
            Label::Quarter,
            item.map(|d| d.quarter.as_str()).unwrap_or(""),
        ),
        Field::text(Label::ItemText, item.map(|d| d.text.as_str()).unwrap_or("")),
        Field::text(
            Label::Progress,
            item.map(|d| d.progress.as_str()).unwrap_or(""),
        ),
        Field::choice(
            Label::Status,
            DUTY_STATUSES.iter().map(|s| s.name(lang)).collect(),
            item.map(|d| index_of(&DUTY_STATUSES, &d.status))
                .unwrap_or(0),
        ),
    ];
    let mut form = Form::new(kind, Label::DutyItemTitle, fields);
    form.focus = 2;
    form
}

fn risk_form(lang: labels::Lang, kind: FormKind, risk: Option<&RiskPoint>) -> Form {
    let list = |items: Option<&Vec<String>>| {
        items
            .map(|l| l.join(labels::list_separator(lang)))
            .unwrap_or_default()
    };
    let fields = vec![
        Field::text(Label::ItemText, risk.map(|r| r.text.as_str()).unwrap_or("")),
        Field::choice(
            Label::RiskLevel,
            RISK_LEVELS.iter().map(|l| l.name(lang)).collect(),
            risk.map(|r| index_of(&RISK_LEVELS, &r.level)).unwrap_or(1),
        ),
        Field::text(Label::Measures, &list(risk.map(|r| &r.measures))),
        Field::text(Label::Rules, &list(risk.map(|r| &r.rules))),
    ];
    Form::new(kind, Label::RiskPointTitle, fields)
}

/// Field order of the follow-up correction form.
mod follow_up_field {
    pub const SOURCE: usize = 0;
    pub const CATEGORY: usize = 1;
    pub const PROBLEM: usize = 2;
    pub const TASK: usize = 3;
    pub const MEASURE: usize = 4;
    pub const LEAD: usize = 5;
    pub const OWNER: usize = 6;
    pub const DEADLINE: usize = 7;
    pub const MODE: usize = 8;
    pub const PROGRESS: usize = 9;
    pub const STATUS: usize = 10;
    pub const COPIED_TO: usize = 11;
}

/// The choices of a corrected follow-up's 问题来源: this meeting's questions to the
/// official on screen when it was raised at this meeting, and the question it came from
/// when that is not among them (an earlier meeting's).
fn source_options(console: &Console, f: &FollowUp) -> (Vec<String>, Vec<SourceChoice>) {
    let detail = &console.snapshot.detail;
    let mut questions = Vec::new();
    if detail.follow_ups.iter().any(|g| g.id == f.id) {
        questions = questions_by_text(console);
    }
    if let Some(question) = f.question
        && !questions.iter().any(|(_, id)| *id == question)
    {
        questions.push((
            Label::EarlierQuestion.text(console.lang).to_string(),
            question,
        ));
    }
    source_choices(console.lang, questions)
}

fn follow_up_form(console: &Console, f: &FollowUp) -> Form {
    let lang = console.lang;
    let deadline = f.deadline.map(|d| d.to_string()).unwrap_or_default();
    let (sources, meanings) = source_options(console, f);
    let source = index_of(&meanings, &Some((f.source, f.question)));
    let fields = vec![
        Field::choice(Label::Source, sources, source),
        Field::text(Label::Category, &f.category),
        Field::text(Label::Problem, &f.problem),
        Field::text(Label::Task, &f.task),
        Field::text(Label::Measure, &f.measure),
        Field::text(Label::Lead, &f.lead),
        Field::text(Label::Owner, &f.owner),
        Field::text(Label::Deadline, &deadline),
        Field::choice(
            Label::Mode,
            FOLLOW_UP_MODES.iter().map(|m| m.name(lang)).collect(),
            index_of(&FOLLOW_UP_MODES, &f.mode),
        ),
        Field::text(Label::FollowUpProgress, &f.progress),
        Field::choice(
            Label::Status,
            FOLLOW_UP_STATUSES.iter().map(|s| s.name(lang)).collect(),
            index_of(&FOLLOW_UP_STATUSES, &f.status),
        ),
        Field::text(Label::CopiedTo, &f.copied_to),
    ];
    let mut form = Form::new(
        FormKind::EditFollowUp(f.id),
        Label::EditFollowUpTitle,
        fields,
    );
    form.focus = follow_up_field::PROBLEM;
    form
}

fn allotment_form(console: &Console) -> Form {
    let lang = console.lang;
    let (minutes, written) = console
        .slot()
        .map(|s| (s.report_minutes, s.written_only))
        .unwrap_or((5, false));
    Form::new(
        FormKind::Allotment,
        Label::AllotmentTitle,
        vec![
            Field::number(
                FieldLabel::Fixed(Label::ReportMinutes),
                &minutes.to_string(),
            ),
            Field::choice(
                Label::WrittenOnly,
                vec![Label::No.text(lang), Label::Yes.text(lang)],
                usize::from(written),
            ),
        ],
    )
}

fn attendance_form(console: &Console) -> Form {
    let lang = console.lang;
    let mut people = vec![Label::NotChosen.text(lang).to_string()];
    people.extend(console.snapshot.attendees.iter().map(|a| a.name.clone()));
    people.push(Label::NewAttendee.text(lang).to_string());
    let mut presences = vec![Label::NotChosen.text(lang)];
    presences.extend(PRESENCES.iter().map(|p| p.label(lang)));
    // Nobody and no status chosen: the recorder picks both, or types a new name.
    Form::new(
        FormKind::Attendance,
        Label::AttendanceTitle,
        vec![
            Field::choice(Label::Attendee, people, 0),
            Field::choice(Label::AttendanceStatus, presences, 0),
            Field::text(Label::AttendanceTime, &labels::time_of_day(console.now)),
            Field::text(Label::AttendanceReason, ""),
            Field::text(Label::AttendeeName, ""),
            Field::text(Label::AttendeePost, ""),
        ],
    )
}

/// A correction form as its key opens it; `None` when what it is about is gone.
pub(super) fn form_for(console: &Console, kind: FormKind) -> Option<Form> {
    let lang = console.lang;
    let detail = &console.snapshot.detail;
    Some(match kind {
        FormKind::EditQuestion(id) => question_form(detail.questions.iter().find(|q| q.id == id)?),
        FormKind::EditDutyItem(id) => duty_form(
            lang,
            kind,
            Some(detail.duty_items.iter().find(|d| d.id == id)?),
        ),
        FormKind::AddDutyItem => duty_form(lang, kind, None),
        FormKind::EditRiskPoint(id) => risk_form(
            lang,
            kind,
            Some(detail.risk_points.iter().find(|r| r.id == id)?),
        ),
        FormKind::AddRiskPoint => risk_form(lang, kind, None),
        FormKind::EditFollowUp(id) => {
            let mut all = detail.follow_ups.iter().chain(&detail.earlier_follow_ups);
            follow_up_form(console, all.find(|f| f.id == id)?)
        }
        FormKind::Allotment => allotment_form(console),
        FormKind::Attendance => attendance_form(console),
        _ => return None,
    })
}

/// Enter in a correction form: the change, or what is wrong with it.
pub(super) fn submit(console: &Console, form: &Form) -> Submitted {
    let lang = console.lang;
    let slot = console
        .slot()
        .map(|s| s.id)
        .ok_or_else(|| Problem::from(Label::NoOfficials.text(lang).to_string()))?;
    match form.kind {
        FormKind::EditQuestion(question) => Ok(vec![Effect::ChangeQuestion {
            question,
            asker: required(form, 0, lang)?,
            text: required(form, 1, lang)?,
        }]),
        FormKind::EditDutyItem(id) => Ok(vec![Effect::ChangeDutyItem {
            item: duty_item(form, id, lang)?,
        }]),
        FormKind::AddDutyItem => Ok(vec![Effect::AddDutyItem {
            slot,
            item: duty_item(form, 0, lang)?,
        }]),
        FormKind::EditRiskPoint(id) => Ok(vec![Effect::ChangeRiskPoint {
            risk: risk_point(form, id, lang)?,
        }]),
        FormKind::AddRiskPoint => Ok(vec![Effect::AddRiskPoint {
            slot,
            risk: risk_point(form, 0, lang)?,
        }]),
        FormKind::EditFollowUp(id) => corrected_follow_up(console, form, id),
        FormKind::Allotment => {
            let minutes = form.number(0).filter(|m| (1..=600).contains(m));
            let report_minutes =
                minutes.ok_or_else(|| Problem::at(Label::MinutesPositive.text(lang).into(), 0))?;
            Ok(vec![Effect::ChangeAllotment {
                slot,
                report_minutes,
                written_only: form.choice(1) == 1,
            }])
        }
        FormKind::Attendance => attendance(console, form),
        _ => Ok(Vec::new()),
    }
}

fn duty_item(form: &Form, id: Id, lang: labels::Lang) -> Result<DutyItem, Problem> {
    Ok(DutyItem {
        id,
        source: DUTY_SOURCES[form.choice(0)],
        quarter: form.text(1),
        text: required(form, 2, lang)?,
        progress: form.text(3),
        status: DUTY_STATUSES[form.choice(4)],
        extra: Vec::new(),
    })
}

fn risk_point(form: &Form, id: Id, lang: labels::Lang) -> Result<RiskPoint, Problem> {
    let list = |index| {
        form.text(index)
            .split(['；', ';'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    Ok(RiskPoint {
        id,
        text: required(form, 0, lang)?,
        level: RISK_LEVELS[form.choice(1)],
        measures: list(2),
        rules: list(3),
        extra: Vec::new(),
    })
}

fn corrected_follow_up(console: &Console, form: &Form, id: Id) -> Submitted {
    use follow_up_field::*;
    let lang = console.lang;
    let detail = &console.snapshot.detail;
    let mut all = detail.follow_ups.iter().chain(&detail.earlier_follow_ups);
    let Some(before) = all.find(|f| f.id == id) else {
        return Err(Label::NothingToCorrect.text(lang).to_string().into());
    };
    let (_, meanings) = source_options(console, before);
    let (source, question) = chosen_source(form, lang, SOURCE, &meanings)?;
    let (deadline, deadline_workdays) = deadline(console, form, DEADLINE)?;
    // A date typed over a deadline in working days keeps the number only while the date
    // is the one it made.
    let deadline_workdays = deadline_workdays.or(before
        .deadline_workdays
        .filter(|_| deadline == before.deadline));
    let follow_up = FollowUp {
        source,
        question,
        category: form.text(CATEGORY),
        problem: required(form, PROBLEM, lang)?,
        task: form.text(TASK),
        measure: form.text(MEASURE),
        lead: form.text(LEAD),
        owner: form.text(OWNER),
        deadline,
        deadline_workdays,
        mode: FOLLOW_UP_MODES[form.choice(MODE)],
        progress: form.text(PROGRESS),
        status: FOLLOW_UP_STATUSES[form.choice(STATUS)],
        copied_to: form.text(COPIED_TO),
        ..before.clone()
    };
    Ok(vec![Effect::ChangeFollowUp { follow_up }])
}

/// "14:05" today (in local time) as a moment.
fn time_today(console: &Console, text: &str) -> Option<DateTime<Utc>> {
    let time = NaiveTime::parse_from_str(text.trim().replace('：', ":").as_str(), "%H:%M").ok()?;
    let local = chrono::Local
        .from_local_datetime(&console.snapshot.meeting.held_on.and_time(time))
        .earliest()?;
    Some(local.with_timezone(&Utc))
}

/// Who an attendance form is about: someone on the list, or someone new.
enum Person<'a> {
    Listed(&'a crate::domain::Attendee),
    New(String),
}

/// The person chosen in the attendance form, or the new name typed in it.
fn person<'a>(console: &'a Console, form: &Form) -> Result<Person<'a>, Problem> {
    let lang = console.lang;
    let typed = form.text(4);
    let chosen = form.choice(0);
    match chosen
        .checked_sub(1)
        .map(|i| console.snapshot.attendees.get(i))
    {
        None if typed.is_empty() => Err(Problem::at(
            labels::choose(lang, Label::Attendee.text(lang)),
            0,
        )),
        Some(Some(attendee)) if !typed.is_empty() => Err(Problem::at(
            labels::attendee_or_new(lang, &attendee.name, &typed),
            4,
        )),
        Some(Some(attendee)) => Ok(Person::Listed(attendee)),
        _ => Ok(Person::New(required(form, 4, lang)?)),
    }
}

fn attendance(console: &Console, form: &Form) -> Submitted {
    let lang = console.lang;
    let person = person(console, form)?;
    let Some(presence) = form.choice(1).checked_sub(1).map(|i| PRESENCES[i]) else {
        let text = labels::choose(lang, Label::AttendanceStatus.text(lang));
        return Err(Problem::at(text, 1));
    };
    let time_text = form.text(2);
    let time = match presence {
        Presence::Late | Presence::LeftEarly => {
            let problem = || Problem::at(labels::bad_time(lang, &time_text), 2);
            Some(time_today(console, &time_text).ok_or_else(problem)?)
        }
        _ => None,
    };
    let (attendance, arrived_at, left_at) = match presence {
        Presence::Present => (Attendance::Present, None, None),
        Presence::NonVoting => (Attendance::NonVoting, None, None),
        Presence::Absent => (Attendance::Absent, None, None),
        Presence::Late => (Attendance::Present, time, None),
        Presence::LeftEarly => (Attendance::Present, None, time),
    };
    let reason = form.text(3);
    if attendance == Attendance::Absent && reason.is_empty() {
        let text = labels::required(lang, Label::AttendanceReason.text(lang));
        return Err(Problem::at(text, 3));
    }
    match person {
        Person::Listed(attendee) => {
            // Arriving late keeps a time left early, and leaving early the time arrived.
            let (arrived_at, left_at) = match presence {
                Presence::Late => (arrived_at, attendee.left_at),
                Presence::LeftEarly => (attendee.arrived_at, left_at),
                _ => (None, None),
            };
            Ok(vec![Effect::ChangeAttendance {
                attendee: attendee.id,
                attendance,
                reason,
                arrived_at,
                left_at,
            }])
        }
        Person::New(name) => Ok(vec![Effect::AddAttendee {
            meeting: console.snapshot.meeting.id,
            name,
            post: form.text(5),
            attendance,
            arrived_at,
        }]),
    }
}

/// The first lines of a form's rescue file: the meeting, the official, the time, and for a
/// correction the text it corrects, so that the file says on its own whose words it holds.
pub fn rescue_heading(console: &Console, form: &Form) -> String {
    let detail = &console.snapshot.detail;
    let follow_up = |id: Id| {
        let mut all = detail.follow_ups.iter().chain(&detail.earlier_follow_ups);
        all.find(|f| f.id == id).map(|f| f.problem.clone())
    };
    let before = match form.kind {
        FormKind::EditQuestion(id) => detail
            .questions
            .iter()
            .find(|q| q.id == id)
            .map(|q| labels::labelled(console.lang, &q.asker, &q.text)),
        FormKind::EditDutyItem(id) => detail
            .duty_items
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.text.clone()),
        FormKind::EditRiskPoint(id) => detail
            .risk_points
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.text.clone()),
        FormKind::EditFollowUp(id) | FormKind::UpdateFollowUp(id) | FormKind::CheckFollowUp(id) => {
            follow_up(id)
        }
        _ => None,
    };
    let meeting = format!(
        "{}（{}）",
        console.snapshot.meeting.title, console.snapshot.meeting.held_on
    );
    let official = console.slot().map(|s| {
        format!(
            "{}．{}（{}{}）",
            console.snapshot.current + 1,
            s.name,
            s.unit,
            s.post
        )
    });
    labels::form_rescue_heading(
        console.lang,
        &meeting,
        official.as_deref(),
        console.now,
        before.as_deref(),
    )
}
