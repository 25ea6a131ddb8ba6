//! `update`: the only place the console's state changes. It returns the writes for the
//! loop to carry out; it never touches the terminal or the database itself.

use super::action::{FailedWrite, Failure};
use super::key::KeyCode;
use super::submit::{
    fill_form, follow_up_form, jump_form, question_form, rating_form, skip_form,
    update_follow_up_form,
};
use super::{Action, Command, Console, Editor, Effect, Mode, Pane, SearchBox, confirm};
use crate::domain::Stage;
use crate::labels::{self, Label};
use crate::view::{SearchTarget, TextTarget};

/// Applies one action to the console and returns what must be written.
pub fn update(console: &mut Console, action: Action) -> Vec<Effect> {
    let effects = apply(console, action);
    tell_late_once(console, &effects);
    console.offer_next();
    effects
}

/// The first change to the record after 散会 says, once, that it is a 会后补记.
fn tell_late_once(console: &mut Console, effects: &[Effect]) {
    let Some(finished_at) = console.snapshot.meeting.finished_at else {
        return;
    };
    if !console.recorder.told_late && effects.iter().any(Effect::changes_record) {
        console.recorder.told_late = true;
        console.say(labels::late_entry(console.lang, finished_at, console.now));
    }
}

fn apply(console: &mut Console, action: Action) -> Vec<Effect> {
    match action {
        Action::Tick => return autosave(console, false),
        Action::Flush => return autosave(console, true),
        Action::SaveFailed(failure) => {
            save_failed(console, failure);
            return Vec::new();
        }
        Action::Saved => {
            console.saving.problem = None;
            console.saving.waiting = false;
            console.saving.leave_unsaved = false;
            return Vec::new();
        }
        Action::HistoryLoaded(history) => {
            super::history::loaded(console, &history);
            return Vec::new();
        }
        Action::Exported(paths) => {
            console.recorder.mode = Mode::Notice(paths);
            return Vec::new();
        }
        Action::SearchResults(hits) => {
            if let Mode::Search(search) = &mut console.recorder.mode {
                search.hits = hits;
                search.selected = 0;
            }
            return Vec::new();
        }
        _ => {}
    }
    if let Action::Command(command) = action
        && command.changes_picture()
    {
        change_picture(console, command);
        return Vec::new();
    }
    // Ctrl-C quits from anywhere, as SIGTERM does: an open editor saves on the way out and
    // stays open (in `edit`), a half-filled form stays open, both kept in the resume point
    // for the next start; a search or a question waiting for Enter is dropped, as Esc would.
    let quitting = action == Action::Command(Command::Quit);
    if quitting
        && matches!(console.recorder.mode, Mode::Browse)
        && !console.saving.left_unsaved.is_empty()
    {
        // Texts left unsaved are tried once more; a failure holds the quit back once.
        console.quit = true;
        return retry_left(console);
    }
    if quitting && !matches!(console.recorder.mode, Mode::Editor(_) | Mode::Browse) {
        // A form whose write failed: the first quit is held back, the second leaves with
        // its content rescued.
        let failed_form =
            matches!(console.recorder.mode, Mode::Form(_)) && console.saving.problem.is_some();
        if failed_form && !console.saving.leave_unsaved {
            console.saving.leave_unsaved = true;
            console.warn(labels::quit_held(console.lang));
            return Vec::new();
        }
        if !matches!(console.recorder.mode, Mode::Form(_)) {
            console.recorder.mode = Mode::Browse;
        }
        console.quit = true;
        return Vec::new();
    }
    match &console.recorder.mode {
        Mode::Browse => match action {
            Action::Command(command) => {
                console.recorder.message = None;
                browse(console, command)
            }
            _ => Vec::new(),
        },
        Mode::Help | Mode::Notice(_) => {
            console.recorder.mode = Mode::Browse;
            Vec::new()
        }
        Mode::Editor(_) => edit(console, action),
        Mode::Form(_) => fill_form(console, action),
        Mode::Search(_) => search(console, action),
        Mode::Rescue(_) => settle_rescue(console, action),
        Mode::Confirm(_) => confirm::answer(console, action),
        Mode::History(_) => super::history::key(console, action),
    }
}

/// A write failed. Typed text goes back on screen in its editor (reopened if it was just
/// left) and is tried again shortly; the failure stays shown, with where the text was put,
/// until a save goes through. Quitting is held back once, so that the recorder is told.
fn save_failed(console: &mut Console, failure: Failure) {
    let lang = console.lang;
    let now = console.now;
    let (target, body, rescue, busy) = match failure.write {
        FailedWrite::Text {
            target,
            body,
            rescue,
            busy,
        } => (target, body, rescue, busy),
        FailedWrite::Form => {
            if let Some(mut form) = console.saving.last_form.take() {
                form.error = Some(failure.reason.clone());
                form.unsaved = true;
                console.recorder.mode = Mode::Form(form);
            }
            console.saving.problem = Some(labels::form_not_written(lang, &failure.reason));
            return;
        }
        FailedWrite::Other => {
            console.warn(labels::write_failed(lang, &failure.reason));
            return;
        }
    };
    // The editor stays as the recorder left it: the keys typed after the failure act as
    // they would have (a text whose editor was left waits here, tried again shortly).
    let open = matches!(&console.recorder.mode, Mode::Editor(e) if e.target == target);
    match &mut console.recorder.mode {
        Mode::Editor(editor) if open => editor.retry_later(now, busy),
        _ => leave_unsaved(console, target, body, busy),
    }
    console.recorder.message = None;
    console.saving.waiting = busy;
    let held_back = console.quit && !console.saving.leave_unsaved;
    if held_back {
        console.quit = false;
        console.saving.leave_unsaved = true;
    }
    let rescue = rescue.as_ref().map(|p| p.display().to_string());
    console.saving.problem = Some(labels::text_unsaved(
        lang,
        &failure.reason,
        rescue.as_deref().map_err(|why| why.as_str()),
        busy,
        open,
        held_back,
    ));
}

/// Keeps a text whose editor was left (or that was never in one: a rescued text taken)
/// until the database takes it, tried again after a while.
fn leave_unsaved(console: &mut Console, target: TextTarget, body: String, busy: bool) {
    console.saving.left_unsaved.retain(|(t, _)| *t != target);
    console.saving.left_unsaved.push((target, body));
    let wait = if busy {
        super::editor::RETRY_BUSY
    } else {
        super::editor::RETRY_FAILED
    };
    let at = console.now + wait;
    console.saving.left_retry_at = Some(console.saving.left_retry_at.map_or(at, |t| t.min(at)));
}

/// The texts left unsaved, to be written now: taken out (a failure puts them back).
fn retry_left(console: &mut Console) -> Vec<Effect> {
    console.saving.left_retry_at = None;
    std::mem::take(&mut console.saving.left_unsaved)
        .into_iter()
        .map(|(target, body)| Effect::SaveText { target, body })
        .collect()
}

/// Enter takes the rescued text into the database as a revision; Esc keeps the database's
/// text (the rescue file is renamed, not deleted). Then the next rescue, if any.
fn settle_rescue(console: &mut Console, action: Action) -> Vec<Effect> {
    let Mode::Rescue(offer) = &console.recorder.mode else {
        return Vec::new();
    };
    let taken = match action {
        Action::Confirm => true,
        Action::Cancel => false,
        _ => return Vec::new(),
    };
    let mut effects = Vec::new();
    if taken {
        effects.push(Effect::SaveText {
            target: offer.target,
            body: offer.rescued.clone(),
        });
    }
    effects.push(Effect::SettleRescue {
        path: offer.path.clone(),
        taken,
    });
    effects.push(Effect::Load);
    console.recorder.mode = Mode::Browse;
    let label = if taken {
        Label::RescueTaken
    } else {
        Label::RescueDeclined
    };
    console.say(label.text(console.lang));
    effects
}

/// Saves the editor's text as a draft or keeps it as a revision when either is due; with
/// `keep_now`, keeps whatever is not kept yet (leaving the editor, quitting).
fn autosave(console: &mut Console, keep_now: bool) -> Vec<Effect> {
    let now = console.now;
    let left_due = keep_now || console.saving.left_retry_at.is_some_and(|at| at <= now);
    let mut effects = match left_due {
        true => retry_left(console),
        false => Vec::new(),
    };
    effects.extend(save_editor(console, keep_now));
    effects
}

/// The open editor's draft or revision, when one is due (`autosave`).
fn save_editor(console: &mut Console, keep_now: bool) -> Vec<Effect> {
    let now = console.now;
    let Mode::Editor(editor) = &mut console.recorder.mode else {
        return Vec::new();
    };
    let (target, body) = (editor.target, editor.body());
    let typed_at = editor.dirty_since.or(editor.unkept_since).unwrap_or(now);
    let unsaved = editor.unkept_since.is_some() || editor.dirty_since.is_some();
    let mut effects = if (keep_now && unsaved) || editor.keep_due(now) {
        editor.kept();
        vec![Effect::SaveText { target, body }]
    } else if editor.draft_due(now) {
        editor.dirty_since = None;
        vec![Effect::SaveDraft { target, body }]
    } else {
        Vec::new()
    };
    effects.extend(asked_by_answer(console, &effects, typed_at));
    effects
}

/// A question counts as asked when its answer gets its first character (`typed_at`).
fn asked_by_answer(
    console: &mut Console,
    saves: &[Effect],
    typed_at: chrono::DateTime<chrono::Utc>,
) -> Option<Effect> {
    let question = saves.iter().find_map(|effect| match effect {
        Effect::SaveText {
            target: TextTarget::Answer { question, .. },
            body,
        }
        | Effect::SaveDraft {
            target: TextTarget::Answer { question, .. },
            body,
        } if !body.trim().is_empty() => Some(*question),
        _ => None,
    })?;
    let unasked = console
        .snapshot
        .detail
        .questions
        .iter_mut()
        .find(|q| q.id == question && q.asked_at.is_none())?;
    unasked.asked_at = Some(typed_at);
    Some(Effect::SetAsked {
        question,
        asked: true,
        at: typed_at,
    })
}

fn browse(console: &mut Console, command: Command) -> Vec<Effect> {
    let lang = console.lang;
    match command {
        Command::MoveUp => move_selection(console, -1),
        Command::MoveDown => move_selection(console, 1),
        Command::NextPane => {
            choose_focus(console, Pane::ALL[(console.recorder.focus.index() + 1) % 5])
        }
        Command::PreviousPane => {
            choose_focus(console, Pane::ALL[(console.recorder.focus.index() + 4) % 5])
        }
        Command::NextOfficial if console.snapshot.current + 1 >= console.snapshot.agenda.len() => {
            console.warn(Label::NoNextOfficial.text(lang));
        }
        Command::NextOfficial => return confirm::leave_to(console, console.snapshot.current + 1),
        Command::PreviousOfficial if console.snapshot.current == 0 => {
            console.warn(Label::NoPreviousOfficial.text(lang));
        }
        Command::PreviousOfficial => {
            return confirm::leave_to(console, console.snapshot.current - 1);
        }
        Command::Jump => console.recorder.mode = Mode::Form(jump_form()),
        Command::NextStage => return change_stage(console, true),
        Command::PreviousStage => return change_stage(console, false),
        Command::ToggleTimer => return toggle_timer(console),
        Command::EditAnswer => return open_by_focus(console),
        Command::EditRemarks => return open_editor(console, Label::EditingRemarks),
        Command::EditNote => return open_editor(console, Label::EditingNote),
        Command::EditClosing => return open_editor(console, Label::EditingClosing),
        Command::AddQuestion => console.recorder.mode = Mode::Form(question_form()),
        Command::ToggleWrittenReply => return toggle_written_reply(console),
        Command::RecordRating => {
            let form =
                super::continuity::tally_form(console).unwrap_or_else(|| rating_form(console));
            console.recorder.mode = Mode::Form(form);
        }
        Command::AddFollowUp => console.recorder.mode = Mode::Form(follow_up_form(console)),
        Command::CheckFollowUp => super::continuity::open_check(console),
        Command::ToggleMentioned => return super::continuity::toggle_mentioned(console),
        Command::AskFromPortrait => return super::portrait::ask_from_dossier(console),
        Command::Skip => console.recorder.mode = Mode::Form(skip_form()),
        Command::Search => console.recorder.mode = Mode::Search(SearchBox::default()),
        Command::Export => return vec![Effect::ExportAll],
        Command::CycleTheme => return cycle_theme(console),
        Command::ToggleProjection => console.recorder.projecting = !console.recorder.projecting,
        Command::ToggleBlank
        | Command::ToggleSpotlight
        | Command::ToggleProjectedAnswers
        | Command::ShowCard
        | Command::ShowRating
        | Command::ShowFollowUps
        | Command::ShowAgenda
        | Command::ShowPause
        | Command::ShowTitle
        | Command::PauseLonger
        | Command::PauseShorter => change_picture(console, command),
        Command::MarkAsked => return toggle_asked(console),
        Command::Withdraw => return confirm::withdraw(console),
        Command::FinishMeeting => return confirm::finish(console),
        Command::EditSelected
        | Command::AddItem
        | Command::MoveOfficialUp
        | Command::MoveOfficialDown
        | Command::MoveOfficialToEnd
        | Command::ChangeAllotment
        | Command::Attendance => return super::correct::open(console, command),
        Command::History => return super::history::open(console),
        Command::Help => console.recorder.mode = Mode::Help,
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
            | Command::FinishMeeting
            | Command::Attendance
    );
    if console.slot().is_none() && !meeting_wide {
        console.recorder.mode = Mode::Browse;
        console.warn(Label::NoOfficials.text(lang));
    }
    Vec::new()
}

/// Changes what the room sees (saved with the resume point, so the audience view follows)
/// and says what it is now.
fn change_picture(console: &mut Console, command: Command) {
    let answers = console.room.answers;
    super::projection::choose(&mut console.room, command, console.now);
    let text = if console.room.answers != answers {
        labels::answers_projected(console.lang, console.room.answers).to_string()
    } else {
        let shown = super::projection::shown(&console.snapshot, &console.room);
        labels::room_shows(console.lang, shown, &console.room, console.now)
    };
    console.say(text);
}

fn cycle_theme(console: &mut Console) -> Vec<Effect> {
    let names = &console.recorder.theme_names;
    if names.is_empty() {
        return Vec::new();
    }
    let at = names
        .iter()
        .position(|n| *n == console.recorder.theme)
        .map(|i| i + 1)
        .unwrap_or(1);
    console.recorder.theme = names[at % names.len()].clone();
    let text = labels::theme_chosen(console.lang, &console.recorder.theme);
    console.say(text);
    vec![Effect::SaveTheme {
        name: console.recorder.theme.clone(),
    }]
}

fn move_selection(console: &mut Console, delta: i32) {
    let pane = console.recorder.focus;
    let last = console.pane_len(pane).saturating_sub(1) as i32;
    let index = (console.selection(pane) as i32 + delta).clamp(0, last.max(0));
    console.recorder.selected[pane.index()] = index as usize;
}

pub(super) fn go_to(console: &mut Console, index: usize) -> Vec<Effect> {
    let index = index.min(console.snapshot.agenda.len().saturating_sub(1));
    if index == console.snapshot.current {
        return Vec::new();
    }
    console.snapshot.current = index;
    console.recorder.selected = [0; 5];
    let slot = console.slot().map(|s| (s.id, s.stage));
    if let Some((id, stage)) = slot {
        console.recorder.focus = console
            .recorder
            .chosen_focus
            .iter()
            .find(|(slot, _)| *slot == id)
            .map(|(_, pane)| *pane)
            .unwrap_or(stage_pane(stage));
    }
    vec![Effect::Load]
}

/// Tab / Shift-Tab: the recorder's own choice, kept for this official.
fn choose_focus(console: &mut Console, pane: Pane) {
    console.recorder.focus = pane;
    if let Some(id) = console.slot().map(|s| s.id) {
        console
            .recorder
            .chosen_focus
            .retain(|(slot, _)| *slot != id);
        console.recorder.chosen_focus.push((id, pane));
    }
}

/// The pane the work of `stage` is done in.
fn stage_pane(stage: Stage) -> Pane {
    match stage {
        Stage::Remarks | Stage::Rating => Pane::Remarks,
        Stage::FollowUps => Pane::FollowUps,
        _ => Pane::Questions,
    }
}

fn change_stage(console: &mut Console, forward: bool) -> Vec<Effect> {
    let lang = console.lang;
    let Some(slot) = console.slot().cloned() else {
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
    if forward {
        if let Some(today) = confirm::held_on_another_day(console) {
            return confirm::move_date(console, today, to);
        }
        return start_stage(console, &slot, to);
    }
    let effects = confirm::take_back(console, to);
    focus_on_stage(console, to);
    effects
}

/// Enters stage `to` of `slot`, the pane it needs in focus.
pub(super) fn start_stage(
    console: &mut Console,
    slot: &crate::domain::AgendaSlot,
    to: Stage,
) -> Vec<Effect> {
    console.say(labels::stage_entered(console.lang, to));
    focus_on_stage(console, to);
    vec![Effect::SetStage {
        slot: slot.id,
        from: slot.stage,
        to,
    }]
}

/// A new stage puts its pane in focus; the recorder's earlier choice for this official
/// gives way to it.
fn focus_on_stage(console: &mut Console, to: Stage) {
    if let Some(id) = console.slot().map(|s| s.id) {
        console
            .recorder
            .chosen_focus
            .retain(|(slot, _)| *slot != id);
    }
    if matches!(
        to,
        Stage::Questions | Stage::Remarks | Stage::Rating | Stage::FollowUps
    ) {
        console.recorder.focus = stage_pane(to);
    }
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
    match console.recorder.focus {
        Pane::Questions if console.slot().is_some_and(|s| s.stage == Stage::Pending) => {
            confirm::answer_before_report(console)
        }
        Pane::Questions => open_answer(console),
        Pane::Remarks => open_editor(console, Label::EditingRemarks),
        Pane::FollowUps => {
            let form = update_follow_up_form(console).unwrap_or_else(|| follow_up_form(console));
            console.recorder.mode = Mode::Form(form);
            Vec::new()
        }
        Pane::Duties | Pane::Risks => super::correct::open(console, Command::EditSelected),
    }
}

fn open_editor(console: &mut Console, which: Label) -> Vec<Effect> {
    let target = match (which, console.slot().map(|s| s.id)) {
        (Label::EditingClosing, _) => TextTarget::Closing {
            meeting: console.snapshot.meeting.id,
        },
        (Label::EditingAnswer, Some(slot)) => {
            let index = console.selection(Pane::Questions);
            match console.snapshot.detail.questions.get(index) {
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
    console.recorder.mode = Mode::Editor(Box::new(editor));
    Vec::new()
}

/// The editor on the selected question's answer. Opening it marks nothing: the question
/// counts as asked once its answer has a character, or when the recorder marks it.
pub(super) fn open_answer(console: &mut Console) -> Vec<Effect> {
    open_editor(console, Label::EditingAnswer)
}

/// `y`: marks the selected question asked, or not asked while it has no answer.
fn toggle_asked(console: &mut Console) -> Vec<Effect> {
    let lang = console.lang;
    let index = console.selection(Pane::Questions);
    let Some(question) = console.snapshot.detail.questions.get(index).cloned() else {
        console.warn(Label::NoQuestion.text(lang));
        return Vec::new();
    };
    let asked = question.asked_at.is_none();
    if !asked
        && question
            .answer
            .as_ref()
            .is_some_and(|a| !a.body.trim().is_empty())
    {
        console.warn(Label::AnsweredIsAsked.text(lang));
        return Vec::new();
    }
    console.recorder.focus = Pane::Questions;
    console.say(labels::asked_marked(lang, asked));
    vec![Effect::SetAsked {
        question: question.id,
        asked,
        at: console.now,
    }]
}

/// An editor on `target`: on its text left unsaved, if it was (taken back, and saved
/// from the editor from now on), else on its latest revision.
pub(super) fn editor_for(console: &mut Console, target: TextTarget) -> Option<Editor> {
    let left = console
        .saving
        .left_unsaved
        .iter()
        .position(|(t, _)| *t == target);
    let Some(index) = left else {
        return editor_with(console, target, None);
    };
    let mut editor = editor_with(console, target, Some(&console.saving.left_unsaved[index].1))?;
    console.saving.left_unsaved.remove(index);
    if console.saving.left_unsaved.is_empty() {
        console.saving.left_retry_at = None;
    }
    editor.mark_unsaved(console.now);
    Some(editor)
}

/// An editor on `target` holding `unsaved` text, or its latest revision.
fn editor_with(console: &Console, target: TextTarget, unsaved: Option<&str>) -> Option<Editor> {
    let lang = console.lang;
    let detail = &console.snapshot.detail;
    let (title, context, latest) = match target {
        TextTarget::Answer { question, .. } => {
            let q = detail.questions.iter().find(|q| q.id == question)?;
            let context = crate::labels::labelled(lang, &q.asker, &q.text);
            (Label::EditingAnswer, context, &q.answer)
        }
        TextTarget::Remarks { .. } => {
            let context = Label::Remarks.text(lang).to_string();
            (Label::EditingRemarks, context, &detail.remarks)
        }
        TextTarget::Note { .. } => {
            let context = Label::PrivateNote.text(lang).to_string();
            (Label::EditingNote, context, &detail.note)
        }
        TextTarget::Closing { .. } => {
            let context = console.snapshot.meeting.title.clone();
            (Label::EditingClosing, context, &console.snapshot.closing)
        }
    };
    let saved = latest.as_ref().map(|r| r.body.as_str()).unwrap_or_default();
    let mut editor = Editor::new(target, title, context, unsaved.unwrap_or(saved));
    // A draft left by a crash is kept as a revision when the recorder pauses or leaves.
    editor.unkept_since = latest.as_ref().filter(|r| r.draft).map(|r| r.saved_at);
    Some(editor)
}

fn toggle_written_reply(console: &mut Console) -> Vec<Effect> {
    let index = console.selection(Pane::Questions);
    match console.snapshot.detail.questions.get(index) {
        Some(question) if question.needs_written_reply => {
            console.recorder.focus = Pane::Questions;
            vec![Effect::SetWrittenReply {
                question: question.id,
                needed: false,
                reason: String::new(),
            }]
        }
        Some(question) => {
            console.recorder.focus = Pane::Questions;
            let (id, what) = (
                question.id,
                crate::labels::labelled(console.lang, &question.asker, &question.text),
            );
            confirm::written_reply(console, id, &what)
        }
        None => {
            console.warn(Label::NoQuestion.text(console.lang));
            Vec::new()
        }
    }
}

pub(super) fn edit(console: &mut Console, action: Action) -> Vec<Effect> {
    let now = console.now;
    let Mode::Editor(editor) = &mut console.recorder.mode else {
        return Vec::new();
    };
    match action {
        Action::Input(key) => editor.input(key, now),
        Action::Paste(text) => editor.paste(&text, now),
        Action::Command(Command::Quit) => {
            // Saved, and left open for the next start (the resume point names it).
            console.quit = true;
            return autosave(console, true);
        }
        Action::Cancel => {
            let empty = editor.body().trim().is_empty();
            let mut effects = autosave(console, true);
            let saved = effects.iter().any(|e| matches!(e, Effect::SaveText { .. }));
            let said = match (empty, saved) {
                (true, false) => Label::NothingRecorded,
                (true, true) => Label::SavedEmpty,
                (false, _) => Label::Saved,
            };
            console.recorder.mode = Mode::Browse;
            console.say(said.text(console.lang));
            effects.push(Effect::Load);
            return effects;
        }
        _ => {}
    }
    Vec::new()
}

fn search(console: &mut Console, action: Action) -> Vec<Effect> {
    let Mode::Search(search) = &mut console.recorder.mode else {
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
        Action::Cancel => console.recorder.mode = Mode::Browse,
        Action::Confirm => return open_hit(console),
        _ => {}
    }
    match &mut console.recorder.mode {
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
    let Mode::Search(search) = &console.recorder.mode else {
        return Vec::new();
    };
    let Some(hit) = search.hits.get(search.selected).cloned() else {
        return Vec::new();
    };
    console.recorder.mode = Mode::Browse;
    if hit.target == SearchTarget::Closing {
        // Meeting-wide: the closing remarks open where they are written.
        return open_editor(console, Label::EditingClosing);
    }
    let mut effects = go_to(console, hit.slot_index);
    let (pane, row) = match hit.target {
        SearchTarget::Official | SearchTarget::Closing => (Pane::Questions, 0),
        SearchTarget::DutyItem(row) => (Pane::Duties, row),
        SearchTarget::RiskPoint(row) => (Pane::Risks, row),
        SearchTarget::Question(row) => (Pane::Questions, row),
        SearchTarget::Remarks => (Pane::Remarks, 0),
        SearchTarget::FollowUp(row) => (Pane::FollowUps, row),
    };
    console.recorder.focus = pane;
    console.recorder.selected[pane.index()] = row;
    if effects.is_empty() {
        effects.push(Effect::Load);
    }
    effects
}
