//! The forms the recorder fills in (a question on the spot, rating tallies, a follow-up, a
//! skip reason, an agenda number): how each opens, and what Enter makes of it.

use super::form::{Field, FieldLabel};
use super::key::KeyCode;
use super::{Action, Console, Effect, Form, FormKind, Mode, Pane};
use crate::domain::{
    FollowUp, FollowUpMode, FollowUpSource, FollowUpStatus, Rating, RatingError, Stage,
};
use crate::labels::{self, Label, Named};
use chrono::NaiveDate;

pub(super) fn question_form() -> Form {
    Form::new(
        FormKind::AddQuestion,
        Label::AddQuestionTitle,
        vec![
            Field::text(Label::Asker, ""),
            Field::text(Label::QuestionText, ""),
        ],
    )
}

pub(super) fn rating_form(console: &Console) -> Form {
    let current = console.detail.rating.unwrap_or(Rating {
        voters: console.voters,
        ..Rating::default()
    });
    let grades = labels::rating_grades(console.lang);
    let counts = [current.excellent, current.good, current.fair, current.poor];
    let mut fields = vec![Field::number(
        FieldLabel::Fixed(Label::Voters),
        &current.voters.to_string(),
    )];
    for (grade, count) in grades.into_iter().zip(counts) {
        fields.push(Field::number(FieldLabel::Text(grade), &count.to_string()));
    }
    Form::new(FormKind::Rating, Label::RatingTitle, fields)
}

const FOLLOW_UP_SOURCES: [FollowUpSource; 4] = [
    FollowUpSource::Question,
    FollowUpSource::Remarks,
    FollowUpSource::Rating,
    FollowUpSource::Feedback,
];
pub(super) const FOLLOW_UP_MODES: [FollowUpMode; 3] = [
    FollowUpMode::Immediate,
    FollowUpMode::ByDeadline,
    FollowUpMode::LongTerm,
];

/// Field order of the follow-up form.
mod follow_up_field {
    pub const SOURCE: usize = 0;
    pub const QUESTION: usize = 1;
    pub const CATEGORY: usize = 2;
    pub const PROBLEM: usize = 3;
    pub const TASK: usize = 4;
    pub const MEASURE: usize = 5;
    pub const LEAD: usize = 6;
    pub const OWNER: usize = 7;
    pub const DEADLINE: usize = 8;
    pub const MODE: usize = 9;
    pub const COPIED_TO: usize = 10;
}

/// The questions a follow-up can come from, by their text: none first.
fn question_choices(console: &Console) -> Vec<String> {
    let lang = console.lang;
    let mut choices = vec![Label::NoQuestionChosen.text(lang).to_string()];
    choices.extend(console.detail.questions.iter().enumerate().map(|(i, q)| {
        let text: String = q.text.chars().take(24).collect();
        let more = if q.text.chars().count() > 24 {
            "…"
        } else {
            ""
        };
        format!("{}．{text}{more}", i + 1)
    }));
    choices
}

pub(super) fn follow_up_form(console: &Console) -> Form {
    let lang = console.lang;
    let (owner, supervisor, stage) = console
        .slot()
        .map(|s| {
            (
                format!("{}{} {}", s.unit, s.post, s.name),
                s.supervisor.clone(),
                s.stage,
            )
        })
        .unwrap_or_default();
    let source = match stage {
        Stage::Remarks => 1,
        Stage::Rating => 2,
        _ => 0,
    };
    // From the selected question when raised on one, from none otherwise.
    let question = match source {
        0 if !console.detail.questions.is_empty() => console.selection(Pane::Questions) + 1,
        _ => 0,
    };
    let fields = vec![
        Field::choice(
            Label::Source,
            FOLLOW_UP_SOURCES.iter().map(|s| s.name(lang)).collect(),
            source,
        ),
        Field::choice(Label::FromQuestion, question_choices(console), question),
        Field::text(Label::Category, ""),
        Field::text(Label::Problem, ""),
        Field::text(Label::Task, ""),
        Field::text(Label::Measure, ""),
        Field::text(Label::Lead, ""),
        Field::text(Label::Owner, &owner),
        Field::text(Label::Deadline, ""),
        Field::choice(
            Label::Mode,
            FOLLOW_UP_MODES.iter().map(|m| m.name(lang)).collect(),
            1,
        ),
        Field::text(Label::CopiedTo, &supervisor),
    ];
    let mut form = Form::new(FormKind::FollowUp, Label::FollowUpTitle, fields);
    form.focus = follow_up_field::PROBLEM;
    form
}

pub(super) const FOLLOW_UP_STATUSES: [FollowUpStatus; 4] = [
    FollowUpStatus::NotStarted,
    FollowUpStatus::InProgress,
    FollowUpStatus::Completed,
    FollowUpStatus::Closed,
];

/// The status and progress of the selected follow-up (this meeting's, then earlier ones),
/// as the official reports on it; `None` when the pane is empty.
pub(super) fn update_follow_up_form(console: &Console) -> Option<Form> {
    let detail = &console.detail;
    let index = console.selection(Pane::FollowUps);
    let f = detail
        .follow_ups
        .iter()
        .chain(&detail.earlier_follow_ups)
        .nth(index)?;
    Some(follow_up_status_form(f, console.lang))
}

fn follow_up_status_form(f: &FollowUp, lang: labels::Lang) -> Form {
    let status = FOLLOW_UP_STATUSES
        .iter()
        .position(|s| *s == f.status)
        .unwrap_or(0);
    let fields = vec![
        Field::choice(
            Label::Status,
            FOLLOW_UP_STATUSES.iter().map(|s| s.name(lang)).collect(),
            status,
        ),
        Field::text(Label::FollowUpProgress, &f.progress),
    ];
    let mut form = Form::new(
        FormKind::UpdateFollowUp(f.id),
        Label::UpdateFollowUpTitle,
        fields,
    );
    form.focus = 1;
    form
}

pub(super) fn skip_form() -> Form {
    let field = Field::text(Label::SkipReason, "");
    Form::new(FormKind::Skip, Label::SkipTitle, vec![field])
}

pub(super) fn jump_form() -> Form {
    let field = Field::number(FieldLabel::Fixed(Label::JumpTitle), "");
    Form::new(FormKind::Jump, Label::JumpTitle, vec![field])
}

/// A new form of `kind`, as its key would open it; `None` when what it is about is gone.
pub(super) fn form_for(console: &Console, kind: FormKind) -> Option<Form> {
    Some(match kind {
        FormKind::AddQuestion => question_form(),
        FormKind::Rating => rating_form(console),
        FormKind::FollowUp => follow_up_form(console),
        FormKind::UpdateFollowUp(id) => {
            let detail = &console.detail;
            let mut all = detail.follow_ups.iter().chain(&detail.earlier_follow_ups);
            follow_up_status_form(all.find(|f| f.id == id)?, console.lang)
        }
        FormKind::Skip => skip_form(),
        FormKind::Jump => jump_form(),
        _ => return super::correct::form_for(console, kind),
    })
}

pub(super) fn fill_form(console: &mut Console, action: Action) -> Vec<Effect> {
    let Mode::Form(form) = &mut console.mode else {
        return Vec::new();
    };
    match action {
        Action::Input(key) if matches!(key.code, KeyCode::Up | KeyCode::BackTab) => form.step(-1),
        Action::Input(key) if matches!(key.code, KeyCode::Down | KeyCode::Tab) => form.step(1),
        Action::Input(key) => form.input(key),
        Action::Paste(text) => form.paste(&text),
        Action::Step(delta) => form.step(delta),
        Action::Cancel if form.unsaved => {
            // Closed after its write failed: its content goes to a rescue file, as it
            // stands now, and the screen says where.
            console.last_form = Some(form.clone());
            console.mode = Mode::Browse;
            console.save_problem = None;
            return vec![Effect::KeepFormContent];
        }
        Action::Cancel => console.mode = Mode::Browse,
        Action::Confirm => return submit(console),
        _ => {}
    }
    Vec::new()
}

/// Enter in a form: check it, and either write it or say what is wrong.
fn submit(console: &mut Console) -> Vec<Effect> {
    let Mode::Form(form) = &console.mode else {
        return Vec::new();
    };
    let form = form.clone();
    let result = match form.kind {
        FormKind::AddQuestion => submit_question(console, &form).inspect(|_| {
            // The new question goes last; select it, so Enter answers it.
            console.focus = Pane::Questions;
            console.selected[Pane::Questions.index()] = console.detail.questions.len();
        }),
        FormKind::Rating => submit_rating(console, &form),
        FormKind::FollowUp => submit_follow_up(console, &form),
        FormKind::UpdateFollowUp(id) => Ok(vec![Effect::UpdateFollowUp {
            id,
            status: FOLLOW_UP_STATUSES[form.choice(0)],
            progress: form.text(1),
        }]),
        FormKind::Skip => submit_skip(console, &form),
        FormKind::Jump => submit_jump(console, &form),
        _ => super::correct::submit(console, &form),
    };
    match result {
        Ok(effects) => {
            // Jumping away from a running clock asks first: that question stays open.
            if matches!(console.mode, Mode::Form(_)) {
                console.mode = Mode::Browse;
            }
            // Kept until the write is done: a failed write opens the form again.
            console.last_form = Some(form);
            effects
        }
        Err(problem) => {
            if let Mode::Form(form) = &mut console.mode {
                if let Some(field) = problem.field {
                    form.focus = field;
                }
                form.warned = problem.warning.then(|| problem.text.clone());
                form.error = Some(problem.text);
            }
            Vec::new()
        }
    }
}

pub(super) type Submitted = Result<Vec<Effect>, Problem>;

/// Why Enter did not go on: what is wrong, and the field the caret goes back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub text: String,
    pub field: Option<usize>,
    /// A warning, not an error: Enter again with nothing changed goes on.
    pub warning: bool,
}

impl From<String> for Problem {
    fn from(text: String) -> Problem {
        Problem {
            text,
            field: None,
            warning: false,
        }
    }
}

impl Problem {
    pub fn at(text: String, field: usize) -> Problem {
        Problem {
            text,
            field: Some(field),
            warning: false,
        }
    }
}

/// A warning the recorder sees once: the first Enter shows it, the second goes on.
pub(super) fn warn_once(form: &Form, text: String, field: usize) -> Result<(), Problem> {
    if form.warned.as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    Err(Problem {
        text,
        field: Some(field),
        warning: true,
    })
}

fn caption(form: &Form, index: usize, lang: labels::Lang) -> &'static str {
    match form.fields[index].label {
        FieldLabel::Fixed(label) => label.text(lang),
        FieldLabel::Text(text) => text,
    }
}

pub(super) fn required(form: &Form, index: usize, lang: labels::Lang) -> Result<String, Problem> {
    let text = form.text(index);
    if text.is_empty() {
        return Err(Problem::at(
            labels::required(lang, caption(form, index, lang)),
            index,
        ));
    }
    Ok(text)
}

fn current_slot_id(console: &Console) -> Result<i64, Problem> {
    console
        .slot()
        .map(|s| s.id)
        .ok_or_else(|| Label::NoOfficials.text(console.lang).to_string().into())
}

fn submit_question(console: &Console, form: &Form) -> Submitted {
    let lang = console.lang;
    let asker = required(form, 0, lang)?;
    let text = required(form, 1, lang)?;
    let slot = current_slot_id(console)?;
    Ok(vec![Effect::AddQuestion { slot, asker, text }])
}

fn submit_rating(console: &Console, form: &Form) -> Submitted {
    let lang = console.lang;
    // An empty field is an error, not 0.
    let count = |i| -> Result<u32, Problem> {
        required(form, i, lang)?;
        form.number(i)
            .ok_or_else(|| Problem::at(labels::required(lang, caption(form, i, lang)), i))
    };
    let rating = Rating {
        voters: count(0)?,
        excellent: count(1)?,
        good: count(2)?,
        fair: count(3)?,
        poor: count(4)?,
    };
    rating.validate().map_err(|err| match err {
        RatingError::NoVoters => Problem::at(labels::no_voters(lang), 0),
        RatingError::TooManyBallots { counted, voters } => {
            Problem::at(labels::too_many_ballots(lang, counted, voters), 1)
        }
    })?;
    if rating.voters > console.voters {
        let text = labels::more_voters_than_present(lang, rating.voters, console.voters);
        warn_once(form, text, 0)?;
    }
    let slot = current_slot_id(console)?;
    Ok(vec![Effect::RecordRating { slot, rating }])
}

fn submit_follow_up(console: &Console, form: &Form) -> Submitted {
    use follow_up_field::*;
    let lang = console.lang;
    let problem = required(form, PROBLEM, lang)?;
    let deadline = deadline(console, form, DEADLINE)?;
    let source = FOLLOW_UP_SOURCES[form.choice(SOURCE)];
    let question = form
        .choice(QUESTION)
        .checked_sub(1)
        .and_then(|i| console.detail.questions.get(i))
        .map(|q| q.id);
    let follow_up = FollowUp {
        id: 0,
        source,
        category: form.text(CATEGORY),
        problem,
        task: form.text(TASK),
        measure: form.text(MEASURE),
        lead: form.text(LEAD),
        owner: form.text(OWNER),
        deadline,
        mode: FOLLOW_UP_MODES[form.choice(MODE)],
        progress: String::new(),
        status: FollowUpStatus::NotStarted,
        copied_to: form.text(COPIED_TO),
        raised_on: Some(console.meeting.held_on),
        question,
    };
    let slot = current_slot_id(console)?;
    Ok(vec![Effect::AddFollowUp { slot, follow_up }])
}

/// The deadline in field `index`: blank, or a date; one before the meeting's day is asked
/// about once.
pub(super) fn deadline(
    console: &Console,
    form: &Form,
    index: usize,
) -> Result<Option<NaiveDate>, Problem> {
    let lang = console.lang;
    let text = form.text(index);
    if text.is_empty() {
        return Ok(None);
    }
    let date =
        parse_date(&text).ok_or_else(|| Problem::at(labels::bad_date(lang, &text), index))?;
    if date < console.meeting.held_on {
        warn_once(form, labels::deadline_past(lang, date), index)?;
    }
    Ok(Some(date))
}

/// 2027-03-31, 2027/3/31 or 2027.3.31.
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    let normal = text
        .trim()
        .replace(['/', '.', '年', '月'], "-")
        .replace('日', "");
    NaiveDate::parse_from_str(&normal, "%Y-%m-%d").ok()
}

fn submit_skip(console: &Console, form: &Form) -> Submitted {
    let reason = required(form, 0, console.lang)?;
    let slot = console
        .slot()
        .ok_or_else(|| Problem::from(Label::NoOfficials.text(console.lang).to_string()))?;
    Ok(vec![Effect::Skip {
        slot: slot.id,
        from: slot.stage,
        reason,
    }])
}

fn submit_jump(console: &mut Console, form: &Form) -> Submitted {
    let total = console.agenda.len();
    if form.text(0).is_empty() {
        return Err(Problem::at(labels::jump_hint(console.lang, total), 0));
    }
    match form.number(0) {
        Some(n) if n >= 1 && (n as usize) <= total => {
            Ok(super::confirm::leave_to(console, n as usize - 1))
        }
        _ => Err(Problem::at(
            labels::no_such_position(console.lang, &form.text(0), total),
            0,
        )),
    }
}
