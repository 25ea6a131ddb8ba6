//! `update`: the only place the console's state changes. It returns the writes for the
//! loop to carry out; it never touches the terminal or the database itself.

use super::form::{Field, FieldLabel};
use super::projection::Picture;
use super::{Action, Command, Console, Editor, Effect, Form, FormKind, Mode, Pane, SearchBox};
use crate::domain::{
    FollowUp, FollowUpMode, FollowUpSource, FollowUpStatus, Rating, RatingError, Stage,
};
use crate::labels::{self, Label, Named};
use crate::storage::{SearchTarget, TextTarget};
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;

/// Applies one action to the console and returns what must be written.
pub fn update(console: &mut Console, action: Action) -> Vec<Effect> {
    match action {
        Action::Tick => return autosave(console, false),
        Action::SaveFailed(reason) => {
            if let Mode::Editor(editor) = &mut console.mode {
                editor.dirty_since.get_or_insert(console.now);
            }
            let text = format!("{}: {reason}", Label::SaveFailed.text(console.lang));
            console.warn(text);
            return Vec::new();
        }
        Action::Exported(paths) => {
            console.mode = Mode::Notice(paths);
            return Vec::new();
        }
        Action::SearchResults(hits) => {
            if let Mode::Search(search) = &mut console.mode {
                search.hits = hits;
                search.selected = 0;
            }
            return Vec::new();
        }
        _ => {}
    }
    if action == Action::Command(Command::ToggleBlank) {
        toggle_blank(console);
        return Vec::new();
    }
    match &console.mode {
        Mode::Browse => match action {
            Action::Command(command) => {
                console.message = None;
                browse(console, command)
            }
            _ => Vec::new(),
        },
        Mode::Help | Mode::Notice(_) => {
            console.mode = Mode::Browse;
            Vec::new()
        }
        Mode::Editor(_) => edit(console, action),
        Mode::Form(_) => fill_form(console, action),
        Mode::Search(_) => search(console, action),
    }
}

/// Saves the editor's text when it is due (or at once when `now_anyway`).
fn autosave(console: &mut Console, now_anyway: bool) -> Vec<Effect> {
    let now = console.now;
    let Mode::Editor(editor) = &mut console.mode else {
        return Vec::new();
    };
    let due = editor.save_due(now) || (now_anyway && editor.dirty_since.is_some());
    if !due {
        return Vec::new();
    }
    editor.dirty_since = None;
    vec![Effect::SaveText {
        target: editor.target,
        body: editor.body(),
    }]
}

fn browse(console: &mut Console, command: Command) -> Vec<Effect> {
    let lang = console.lang;
    match command {
        Command::MoveUp => move_selection(console, -1),
        Command::MoveDown => move_selection(console, 1),
        Command::NextPane => console.focus = Pane::ALL[(console.focus.index() + 1) % 5],
        Command::PreviousPane => console.focus = Pane::ALL[(console.focus.index() + 4) % 5],
        Command::NextOfficial => return go_to(console, console.current + 1),
        Command::PreviousOfficial => {
            return go_to(console, console.current.saturating_sub(1));
        }
        Command::Jump => {
            let field = Field::number(FieldLabel::Fixed(Label::JumpTitle), "");
            console.mode = Mode::Form(Form::new(FormKind::Jump, Label::JumpTitle, vec![field]));
        }
        Command::NextStage => return change_stage(console, true),
        Command::PreviousStage => return change_stage(console, false),
        Command::ToggleTimer => return toggle_timer(console),
        Command::EditAnswer => return open_by_focus(console),
        Command::EditRemarks => return open_editor(console, Label::EditingRemarks),
        Command::EditNote => return open_editor(console, Label::EditingNote),
        Command::EditClosing => return open_editor(console, Label::EditingClosing),
        Command::AddQuestion => console.mode = Mode::Form(question_form()),
        Command::ToggleWrittenReply => return toggle_written_reply(console),
        Command::RecordRating => console.mode = Mode::Form(rating_form(console)),
        Command::AddFollowUp => console.mode = Mode::Form(follow_up_form(console)),
        Command::Skip => {
            let field = Field::text(Label::SkipReason, "");
            console.mode = Mode::Form(Form::new(FormKind::Skip, Label::SkipTitle, vec![field]));
        }
        Command::Search => console.mode = Mode::Search(SearchBox::default()),
        Command::Export => return vec![Effect::ExportAll],
        Command::CycleTheme => return cycle_theme(console),
        Command::ToggleProjection => {
            console.projecting = match console.projecting {
                None => Some(Picture::Card),
                Some(_) => None,
            }
        }
        Command::ToggleBlank => toggle_blank(console),
        Command::ToggleSpotlight => {
            console.projecting = match console.projecting {
                Some(Picture::Spotlight) => Some(Picture::Card),
                _ => Some(Picture::Spotlight),
            }
        }
        Command::ToggleProjectedAnswers => {
            console.project_answers = !console.project_answers;
            let text = labels::answers_projected(console.lang, console.project_answers);
            console.say(text);
        }
        Command::Help => console.mode = Mode::Help,
        Command::Quit => console.quit = true,
    }
    let meeting_wide = matches!(
        command,
        Command::Help
            | Command::Quit
            | Command::EditClosing
            | Command::Export
            | Command::CycleTheme
            | Command::ToggleProjection
            | Command::ToggleBlank
            | Command::ToggleSpotlight
            | Command::ToggleProjectedAnswers
    );
    if console.slot().is_none() && !meeting_wide {
        console.mode = Mode::Browse;
        console.warn(Label::NoOfficials.text(lang));
    }
    Vec::new()
}

/// Blanks the picture at once, or brings back what was there.
fn toggle_blank(console: &mut Console) {
    if console.projecting == Some(Picture::Blank) {
        console.projecting = console.before_blank.take();
    } else {
        console.before_blank = console.projecting;
        console.projecting = Some(Picture::Blank);
    }
}

fn cycle_theme(console: &mut Console) -> Vec<Effect> {
    let names = &console.theme_names;
    if names.is_empty() {
        return Vec::new();
    }
    let at = names
        .iter()
        .position(|n| *n == console.theme)
        .map(|i| i + 1)
        .unwrap_or(1);
    console.theme = names[at % names.len()].clone();
    let text = labels::theme_chosen(console.lang, &console.theme);
    console.say(text);
    vec![Effect::SaveSetting {
        key: "theme",
        value: console.theme.clone(),
    }]
}

fn move_selection(console: &mut Console, delta: i32) {
    let pane = console.focus;
    let last = console.pane_len(pane).saturating_sub(1) as i32;
    let index = (console.selection(pane) as i32 + delta).clamp(0, last.max(0));
    console.selected[pane.index()] = index as usize;
}

fn go_to(console: &mut Console, index: usize) -> Vec<Effect> {
    let index = index.min(console.agenda.len().saturating_sub(1));
    if index == console.current {
        return Vec::new();
    }
    console.current = index;
    console.selected = [0; 5];
    vec![Effect::Load]
}

fn change_stage(console: &mut Console, forward: bool) -> Vec<Effect> {
    let lang = console.lang;
    let Some(slot) = console.slot() else {
        return Vec::new();
    };
    let to = if forward {
        slot.next_stage()
    } else {
        slot.previous_stage()
    };
    if to == slot.stage {
        let text = match slot.stage {
            Stage::Skipped => labels::stage_skipped_hint(lang),
            _ => labels::stage_unchanged(lang, slot.stage),
        };
        console.warn(text);
        return Vec::new();
    }
    let effect = Effect::SetStage {
        slot: slot.id,
        from: slot.stage,
        to,
    };
    let focus = match to {
        Stage::Questions => Some(Pane::Questions),
        Stage::Remarks | Stage::Rating => Some(Pane::Remarks),
        Stage::FollowUps => Some(Pane::FollowUps),
        _ => None,
    };
    if let Some(pane) = focus {
        console.focus = pane;
    }
    console.say(labels::stage_entered(lang, to));
    vec![effect]
}

fn toggle_timer(console: &mut Console) -> Vec<Effect> {
    let Some(slot) = console.slot() else {
        return Vec::new();
    };
    let (id, stage) = (slot.id, slot.stage);
    match console.current_timing().filter(|t| t.ended_at.is_none()) {
        Some(timing) => {
            let running = !timing.is_running();
            let text = if running {
                Label::TimerResumed
            } else {
                Label::Paused
            };
            console.say(text.text(console.lang));
            vec![Effect::SetTimer {
                slot: id,
                stage,
                running,
            }]
        }
        None => {
            console.warn(Label::NotTimed.text(console.lang));
            Vec::new()
        }
    }
}

/// Enter: what to edit depends on the focused pane.
fn open_by_focus(console: &mut Console) -> Vec<Effect> {
    match console.focus {
        Pane::Questions => open_editor(console, Label::EditingAnswer),
        Pane::Remarks => open_editor(console, Label::EditingRemarks),
        Pane::FollowUps => {
            console.mode = Mode::Form(follow_up_form(console));
            Vec::new()
        }
        Pane::Duties | Pane::Risks => {
            console.warn(Label::ReadOnlyPane.text(console.lang));
            Vec::new()
        }
    }
}

fn open_editor(console: &mut Console, which: Label) -> Vec<Effect> {
    let target = match (which, console.slot().map(|s| s.id)) {
        (Label::EditingClosing, _) => TextTarget::Closing {
            meeting: console.meeting.id,
        },
        (Label::EditingAnswer, Some(slot)) => {
            let index = console.selection(Pane::Questions);
            match console.detail.questions.get(index) {
                Some(question) => TextTarget::Answer {
                    slot,
                    question: question.id,
                },
                None => {
                    console.warn(Label::NoQuestion.text(console.lang));
                    return Vec::new();
                }
            }
        }
        (Label::EditingNote, Some(slot)) => TextTarget::Note { slot },
        (_, Some(slot)) => TextTarget::Remarks { slot },
        (_, None) => return Vec::new(),
    };
    let Some(editor) = editor_for(console, target) else {
        return Vec::new();
    };
    console.mode = Mode::Editor(Box::new(editor));
    match target {
        TextTarget::Answer { question, .. } => {
            let asked = console
                .detail
                .questions
                .iter()
                .any(|q| q.id == question && q.asked_at.is_some());
            if asked {
                Vec::new()
            } else {
                vec![Effect::MarkAsked { question }]
            }
        }
        _ => Vec::new(),
    }
}

/// An editor on the latest revision of `target`.
pub(super) fn editor_for(console: &Console, target: TextTarget) -> Option<Editor> {
    let lang = console.lang;
    let detail = &console.detail;
    let latest = |revision: &Option<crate::domain::Revision>| {
        revision
            .as_ref()
            .map(|r| r.body.clone())
            .unwrap_or_default()
    };
    let (title, context, body) = match target {
        TextTarget::Answer { question, .. } => {
            let q = detail.questions.iter().find(|q| q.id == question)?;
            let context = format!("{}：{}", q.asker, q.text);
            (Label::EditingAnswer, context, latest(&q.answer))
        }
        TextTarget::Remarks { .. } => {
            let context = Label::Remarks.text(lang).to_string();
            (Label::EditingRemarks, context, latest(&detail.remarks))
        }
        TextTarget::Note { .. } => {
            let context = Label::PrivateNote.text(lang).to_string();
            (Label::EditingNote, context, latest(&detail.note))
        }
        TextTarget::Closing { .. } => {
            let context = console.meeting.title.clone();
            (Label::EditingClosing, context, latest(&console.closing))
        }
    };
    Some(Editor::new(target, title, context, &body))
}

fn toggle_written_reply(console: &mut Console) -> Vec<Effect> {
    let index = console.selection(Pane::Questions);
    match console.detail.questions.get(index) {
        Some(question) => {
            console.focus = Pane::Questions;
            vec![Effect::SetWrittenReply {
                question: question.id,
                needed: !question.needs_written_reply,
            }]
        }
        None => {
            console.warn(Label::NoQuestion.text(console.lang));
            Vec::new()
        }
    }
}

fn edit(console: &mut Console, action: Action) -> Vec<Effect> {
    let now = console.now;
    let Mode::Editor(editor) = &mut console.mode else {
        return Vec::new();
    };
    match action {
        Action::Input(key) => editor.input(key, now),
        Action::Paste(text) => editor.paste(&text, now),
        Action::Cancel | Action::Command(Command::Quit) => {
            console.quit = action == Action::Command(Command::Quit);
            let mut effects = autosave(console, true);
            console.mode = Mode::Browse;
            console.say(Label::Saved.text(console.lang));
            effects.push(Effect::Load);
            return effects;
        }
        _ => {}
    }
    Vec::new()
}

fn question_form() -> Form {
    Form::new(
        FormKind::AddQuestion,
        Label::AddQuestionTitle,
        vec![
            Field::text(Label::Asker, ""),
            Field::text(Label::QuestionText, ""),
        ],
    )
}

fn rating_form(console: &Console) -> Form {
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
const FOLLOW_UP_MODES: [FollowUpMode; 3] = [
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

fn follow_up_form(console: &Console) -> Form {
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
    let fields = vec![
        Field::choice(
            Label::Source,
            FOLLOW_UP_SOURCES.iter().map(|s| s.name(lang)).collect(),
            source,
        ),
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

fn fill_form(console: &mut Console, action: Action) -> Vec<Effect> {
    let Mode::Form(form) = &mut console.mode else {
        return Vec::new();
    };
    match action {
        Action::Input(key) if matches!(key.code, KeyCode::Up | KeyCode::BackTab) => form.step(-1),
        Action::Input(key) if matches!(key.code, KeyCode::Down | KeyCode::Tab) => form.step(1),
        Action::Input(key) => form.input(key),
        Action::Paste(text) => form.paste(&text),
        Action::Step(delta) => form.step(delta),
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
        FormKind::AddQuestion => submit_question(console, &form),
        FormKind::Rating => submit_rating(console, &form),
        FormKind::FollowUp => submit_follow_up(console, &form),
        FormKind::Skip => submit_skip(console, &form),
        FormKind::Jump => submit_jump(console, &form),
    };
    match result {
        Ok(effects) => {
            console.mode = Mode::Browse;
            effects
        }
        Err(problem) => {
            if let Mode::Form(form) = &mut console.mode {
                form.error = Some(problem);
            }
            Vec::new()
        }
    }
}

type Submitted = Result<Vec<Effect>, String>;

fn required(form: &Form, index: usize, lang: labels::Lang) -> Result<String, String> {
    let text = form.text(index);
    if text.is_empty() {
        let label = match form.fields[index].label {
            FieldLabel::Fixed(label) => label.text(lang),
            FieldLabel::Text(text) => text,
        };
        return Err(labels::required(lang, label));
    }
    Ok(text)
}

fn current_slot_id(console: &Console) -> Result<i64, String> {
    console
        .slot()
        .map(|s| s.id)
        .ok_or_else(|| Label::NoOfficials.text(console.lang).to_string())
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
    let count = |i| form.number(i).unwrap_or(0);
    let rating = Rating {
        voters: count(0),
        excellent: count(1),
        good: count(2),
        fair: count(3),
        poor: count(4),
    };
    rating.validate().map_err(|err| match err {
        RatingError::NoVoters => labels::required(lang, Label::Voters.text(lang)),
        RatingError::TooManyBallots { counted, voters } => {
            labels::too_many_ballots(lang, counted, voters)
        }
    })?;
    let slot = current_slot_id(console)?;
    Ok(vec![Effect::RecordRating { slot, rating }])
}

fn submit_follow_up(console: &Console, form: &Form) -> Submitted {
    use follow_up_field::*;
    let lang = console.lang;
    let problem = required(form, PROBLEM, lang)?;
    let deadline_text = form.text(DEADLINE);
    let deadline = if deadline_text.is_empty() {
        None
    } else {
        Some(parse_date(&deadline_text).ok_or_else(|| labels::bad_date(lang, &deadline_text))?)
    };
    let source = FOLLOW_UP_SOURCES[form.choice(SOURCE)];
    let question = match source {
        FollowUpSource::Question => console
            .detail
            .questions
            .get(console.selection(Pane::Questions))
            .map(|q| q.id),
        _ => None,
    };
    let follow_up = FollowUp {
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

/// 2027-03-31, 2027/3/31 or 2027.3.31.
fn parse_date(text: &str) -> Option<NaiveDate> {
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
        .ok_or_else(|| Label::NoOfficials.text(console.lang).to_string())?;
    Ok(vec![Effect::Skip {
        slot: slot.id,
        from: slot.stage,
        reason,
    }])
}

fn submit_jump(console: &mut Console, form: &Form) -> Submitted {
    let total = console.agenda.len();
    match form.number(0) {
        Some(n) if n >= 1 && (n as usize) <= total => Ok(go_to(console, n as usize - 1)),
        _ => Err(labels::no_such_position(console.lang, &form.text(0), total)),
    }
}

fn search(console: &mut Console, action: Action) -> Vec<Effect> {
    let Mode::Search(search) = &mut console.mode else {
        return Vec::new();
    };
    let before = search.query.clone();
    match action {
        Action::Input(key) => match key.code {
            KeyCode::Up => search.selected = search.selected.saturating_sub(1),
            KeyCode::Down => {
                search.selected = (search.selected + 1).min(search.hits.len().saturating_sub(1))
            }
            KeyCode::Backspace => {
                search.query.pop();
            }
            KeyCode::Char(c) => search.query.push(c),
            _ => {}
        },
        Action::Paste(text) => search.query.push_str(&super::form::clean_line(&text)),
        Action::Step(delta) => {
            let last = search.hits.len().saturating_sub(1) as i32;
            search.selected = (search.selected as i32 + delta).clamp(0, last.max(0)) as usize;
        }
        Action::Cancel => console.mode = Mode::Browse,
        Action::Confirm => return open_hit(console),
        _ => {}
    }
    match &mut console.mode {
        Mode::Search(search) if search.query != before => {
            search.hits.clear();
            let query = search.query.trim().to_string();
            if query.is_empty() {
                Vec::new()
            } else {
                vec![Effect::Search { query }]
            }
        }
        _ => Vec::new(),
    }
}

fn open_hit(console: &mut Console) -> Vec<Effect> {
    let Mode::Search(search) = &console.mode else {
        return Vec::new();
    };
    let Some(hit) = search.hits.get(search.selected).cloned() else {
        return Vec::new();
    };
    console.mode = Mode::Browse;
    let mut effects = go_to(console, hit.slot_index);
    let (pane, row) = match hit.target {
        SearchTarget::Official => (Pane::Questions, 0),
        SearchTarget::DutyItem(row) => (Pane::Duties, row),
        SearchTarget::RiskPoint(row) => (Pane::Risks, row),
        SearchTarget::Question(row) => (Pane::Questions, row),
    };
    console.focus = pane;
    console.selected[pane.index()] = row;
    if effects.is_empty() {
        effects.push(Effect::Load);
    }
    effects
}
