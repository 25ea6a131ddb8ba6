//! The forms the recorder fills in (a question on the spot, rating tallies, a follow-up, a
//! skip reason, an agenda number): how each opens, and what Enter makes of it.

use super::form::{Field, FieldLabel};
use super::key::KeyCode;
use super::{Action, Console, Effect, Form, FormKind, Mode, Pane};
use crate::domain::{
    FollowUp, FollowUpMode, FollowUpSource, FollowUpStatus, Rating, RatingError, workdays,
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
    let current = console.snapshot.detail.rating.unwrap_or(Rating {
        voters: console.snapshot.voters,
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
    let mut form = Form::new(FormKind::Rating, Label::RatingTitle, fields);
    // A first round starts on the first tally: the voters are already there.
    if console.snapshot.detail.rating.is_none() {
        form.focus = 1;
    }
    form
}

pub(super) const FOLLOW_UP_MODES: [FollowUpMode; 3] = [
    FollowUpMode::Immediate,
    FollowUpMode::ByDeadline,
    FollowUpMode::LongTerm,
];

/// Field order of the follow-up form.
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
    pub const COPIED_TO: usize = 9;
}

/// What a choice of 问题来源 stands for: a source, and for 提问 the question picked by its
/// text (or none); `None` for the first choice, nothing chosen.
pub(super) type SourceChoice = Option<(FollowUpSource, Option<crate::domain::Id>)>;

/// The choices of 问题来源, in one field: nothing chosen first; the sources; then 提问 with
/// each question (`questions`: its words and id), so that a question is attached only when
/// the recorder picks it, with 提问 as the source.
pub(super) fn source_choices(
    lang: labels::Lang,
    questions: Vec<(String, crate::domain::Id)>,
) -> (Vec<String>, Vec<SourceChoice>) {
    let mut names = vec![Label::NotChosen.text(lang).to_string()];
    let mut meanings = vec![None];
    let order = [
        FollowUpSource::Remarks,
        FollowUpSource::Rating,
        FollowUpSource::Feedback,
        FollowUpSource::Question,
    ];
    for source in order {
        names.push(source.name(lang).to_string());
        meanings.push(Some((source, None)));
    }
    let asked = FollowUpSource::Question.name(lang);
    for (words, id) in questions {
        names.push(crate::labels::labelled(lang, asked, &words));
        meanings.push(Some((FollowUpSource::Question, Some(id))));
    }
    (names, meanings)
}

/// The questions on screen, by their number and first words.
pub(super) fn questions_by_text(console: &Console) -> Vec<(String, crate::domain::Id)> {
    let questions = console.snapshot.detail.questions.iter().enumerate();
    questions
        .map(|(i, q)| {
            let text: String = q.text.chars().take(16).collect();
            let more = if q.text.chars().count() > 16 {
                "…"
            } else {
                ""
            };
            (format!("{}．{text}{more}", i + 1), q.id)
        })
        .collect()
}

/// A new follow-up: no source chosen (the recorder picks it, and the question with it),
/// the caret on the source; only the official and the leader in charge are filled in.
pub(super) fn follow_up_form(console: &Console) -> Form {
    let lang = console.lang;
    let (owner, supervisor) = console
        .slot()
        .map(|s| {
            (
                format!("{}{} {}", s.unit, s.post, s.name),
                s.supervisor.clone(),
            )
        })
        .unwrap_or_default();
    let (sources, _) = source_choices(lang, questions_by_text(console));
    let fields = vec![
        Field::choice(Label::Source, sources, 0),
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
    form.focus = follow_up_field::SOURCE;
    form
}

/// The source (and question) chosen in field `field`, whose choices mean `meanings`.
pub(super) fn chosen_source(
    form: &Form,
    lang: labels::Lang,
    field: usize,
    meanings: &[SourceChoice],
) -> Result<(FollowUpSource, Option<crate::domain::Id>), Problem> {
    meanings
        .get(form.choice(field))
        .copied()
        .flatten()
        .ok_or_else(|| Problem::at(labels::choose(lang, Label::Source.text(lang)), field))
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
    let detail = &console.snapshot.detail;
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
    // The caret on the status: what the official reports first.
    Form::new(
        FormKind::UpdateFollowUp(f.id),
        Label::UpdateFollowUpTitle,
        fields,
    )
}

pub(super) fn skip_form() -> Form {
    let field = Field::text(Label::SkipReason, "");
    Form::new(FormKind::Skip, Label::SkipTitle, vec![field])
}

pub(super) fn jump_form() -> Form {
    // The title asks the question; the field only names what goes in it.
    let field = Field::number(FieldLabel::Fixed(Label::JumpNumber), "");
    Form::new(FormKind::Jump, Label::JumpTitle, vec![field])
}

/// A new form of `kind`, as its key would open it; `None` when what it is about is gone.
pub(super) fn form_for(console: &Console, kind: FormKind) -> Option<Form> {
    Some(match kind {
        FormKind::AddQuestion => question_form(),
        FormKind::PrepareQuestion => super::portrait::prepare_form(String::new()),
        FormKind::Rating => rating_form(console),
        FormKind::FollowUp => follow_up_form(console),
        FormKind::UpdateFollowUp(id) => {
            let detail = &console.snapshot.detail;
            let mut all = detail.follow_ups.iter().chain(&detail.earlier_follow_ups);
            follow_up_status_form(all.find(|f| f.id == id)?, console.lang)
        }
        FormKind::Skip => skip_form(),
        FormKind::Jump => jump_form(),
        FormKind::CheckFollowUp(id) => super::continuity::check_form(console, id),
        FormKind::Tallies => super::continuity::tally_form(console)?,
        _ => return super::correct::form_for(console, kind),
    })
}

pub(super) fn fill_form(console: &mut Console, action: Action) -> Vec<Effect> {
    let Mode::Form(form) = &mut console.recorder.mode else {
        return Vec::new();
    };
    match action {
        Action::Input(key) if matches!(key.code, KeyCode::Up | KeyCode::BackTab) => form.step(-1),
        Action::Input(key) if matches!(key.code, KeyCode::Down | KeyCode::Tab) => form.step(1),
        Action::Input(key) => {
            if let Some(refused) = form.input(key) {
                let field = caption(form, form.focus, console.lang);
                form.error = Some(refused_text(console.lang, field, refused));
            }
        }
        Action::Paste(text) => form.paste(&text),
        Action::Step(delta) => form.step(delta),
        Action::Cancel if form.unsaved => {
            // Closed after its write failed: its content goes to a rescue file, as it
            // stands now, and the screen says where.
            console.saving.last_form = Some(form.clone());
            console.recorder.mode = Mode::Browse;
            console.saving.problem = None;
            return vec![Effect::KeepFormContent];
        }
        Action::Cancel => console.recorder.mode = Mode::Browse,
        Action::Confirm => return submit(console),
        _ => {}
    }
    Vec::new()
}

/// Enter in a form: check it, and either write it or say what is wrong.
fn submit(console: &mut Console) -> Vec<Effect> {
    let Mode::Form(form) = &console.recorder.mode else {
        return Vec::new();
    };
    let form = form.clone();
    if !form.changed() && form.kind.corrects() {
        // Nothing was changed: nothing is written.
        console.recorder.mode = Mode::Browse;
        console.say(Label::FormUnchanged.text(console.lang));
        return Vec::new();
    }
    let result = match form.kind {
        FormKind::AddQuestion | FormKind::PrepareQuestion => submit_question(console, &form)
            .inspect(|_| {
                // The new question goes last; select it, so Enter answers it.
                console.recorder.focus = Pane::Questions;
                console.recorder.selected[Pane::Questions.index()] =
                    console.snapshot.detail.questions.len();
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
        FormKind::CheckFollowUp(id) => super::continuity::submit_check(console, &form, id),
        FormKind::Tallies => super::continuity::submit_tallies(console, &form),
        _ => super::correct::submit(console, &form),
    };
    match result {
        Ok(effects) => {
            // Jumping away from a running clock asks first: that question stays open.
            if matches!(console.recorder.mode, Mode::Form(_)) {
                console.recorder.mode = Mode::Browse;
            }
            // Kept until the write is done: a failed write opens the form again.
            console.saving.last_form = Some(form);
            effects
        }
        Err(problem) => {
            if let Mode::Form(form) = &mut console.recorder.mode {
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

/// Why a typed character was not taken, naming the field.
fn refused_text(lang: labels::Lang, field: &str, refused: super::Refused) -> String {
    match refused {
        super::Refused::NotAnOption(c) => labels::not_an_option(lang, field, c),
        super::Refused::NotADigit(c) => labels::not_a_digit(lang, field, c),
        super::Refused::TooLong => labels::too_many_digits(lang, field),
    }
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
    let prepared = form.kind == FormKind::PrepareQuestion;
    Ok(vec![Effect::AddQuestion {
        slot,
        asker,
        text,
        prepared,
    }])
}

fn submit_rating(console: &mut Console, form: &Form) -> Submitted {
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
    if rating.voters > console.snapshot.voters {
        let text = labels::more_voters_than_present(lang, rating.voters, console.snapshot.voters);
        warn_once(form, text, 0)?;
    }
    let slot = current_slot_id(console)?;
    super::continuity::say_outcome(console, &rating);
    Ok(vec![Effect::RecordRating { slot, rating }])
}

fn submit_follow_up(console: &Console, form: &Form) -> Submitted {
    use follow_up_field::*;
    let lang = console.lang;
    let (_, meanings) = source_choices(lang, questions_by_text(console));
    let (source, question) = chosen_source(form, lang, SOURCE, &meanings)?;
    let problem = required(form, PROBLEM, lang)?;
    let (deadline, deadline_workdays) = deadline(console, form, DEADLINE)?;
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
        deadline_workdays,
        mode: FOLLOW_UP_MODES[form.choice(MODE)],
        progress: String::new(),
        status: FollowUpStatus::NotStarted,
        copied_to: form.text(COPIED_TO),
        raised_on: Some(console.snapshot.meeting.held_on),
        question,
        key: String::new(),
        extra: Vec::new(),
    };
    let slot = current_slot_id(console)?;
    Ok(vec![Effect::AddFollowUp { slot, follow_up }])
}

/// The deadline in field `index`: blank, or a date; one before the meeting's day is asked
/// about once.
/// The deadline typed: a date, or a number of working days (`15个工作日`) counted from
/// the meeting's day by the holiday calendar; with that number when it was one.
pub(super) fn deadline(
    console: &Console,
    form: &Form,
    index: usize,
) -> Result<(Option<NaiveDate>, Option<u32>), Problem> {
    let lang = console.lang;
    let text = form.text(index);
    if text.is_empty() {
        return Ok((None, None));
    }
    if let Some(days) = workdays::working_days_in(&text) {
        let held_on = console.snapshot.meeting.held_on;
        let date = workdays::calendar().add_working_days(held_on, days);
        return Ok((Some(date), Some(days)));
    }
    let date =
        parse_date(&text).ok_or_else(|| Problem::at(labels::bad_date(lang, &text), index))?;
    if date < console.snapshot.meeting.held_on {
        warn_once(form, labels::deadline_past(lang, date), index)?;
    }
    Ok((Some(date), None))
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
    let total = console.snapshot.agenda.len();
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
