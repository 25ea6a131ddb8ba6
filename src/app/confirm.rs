//! Steps that would put something in the record the recorder may not mean: each is asked
//! first, saying what will change (Enter or `y` goes on, Esc or `n` does not). Slips that
//! cost nothing to undo are not asked about.

use super::key::KeyCode;
use super::update::{edit, go_to, open_answer};
use super::{Action, Console, Effect, Mode, Pane};
use crate::domain::{AgendaMove, Id, Stage, WRITTEN_REASONS, clock};
use crate::labels::{self, Label, Named};
use chrono::NaiveDate;

/// How long a stage may have run and still be taken back without a trace or a question.
pub const SLIP_MS: i64 = 60_000;

/// A question waiting for Enter or Esc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    /// What will change, in words.
    pub text: String,
    pub then: Confirmed,
}

/// What Enter carries out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    /// Take the official back to `to`, keeping the time the stage ran.
    TakeBack { to: Stage },
    /// Pause the running clock and go to the official at `index`.
    Leave { index: usize },
    /// Start 提问质询 for an official still at 待述责, then answer the selected question.
    StartQuestions,
    /// Record 散会 now.
    Finish,
    /// Withdraw a question, duty item or risk point (kept in the file, shown nowhere).
    Withdraw { pane: Pane, id: Id },
    /// Mark a question 书面质询; a digit chooses one of `WRITTEN_REASONS`, Enter none.
    WrittenReply { question: Id },
    /// Move the official being heard in the agenda.
    Move { slot: Id, to: AgendaMove },
    /// The meeting's first stage, on another day than prepared: move the meeting's date to
    /// `today` and enter `stage` (Esc or `n` enters it and keeps the date); with `answer`,
    /// then answer the selected question (Enter on a question at 待述责).
    MoveDate {
        today: NaiveDate,
        stage: Stage,
        answer: bool,
    },
}

impl Confirmation {
    /// What Enter and Esc do here, for the line under the question.
    pub fn keys(&self) -> Label {
        match self.then {
            Confirmed::MoveDate { .. } => Label::DateConfirmKeys,
            _ => Label::ConfirmKeys,
        }
    }
}

fn ask(console: &mut Console, text: String, then: Confirmed) -> Vec<Effect> {
    console.recorder.mode = Mode::Confirm(Confirmation { text, then });
    Vec::new()
}

/// Enter (or `y`) carries the step out; Esc (or `n`) leaves everything as it was.
pub(super) fn answer(console: &mut Console, action: Action) -> Vec<Effect> {
    let Mode::Confirm(confirmation) = &console.recorder.mode else {
        return Vec::new();
    };
    let then = confirmation.then;
    match action {
        Action::Confirm => {
            console.recorder.mode = Mode::Browse;
            carry_out(console, then)
        }
        Action::Cancel => {
            console.recorder.mode = Mode::Browse;
            if let Confirmed::MoveDate { stage, answer, .. } = then {
                // The date stays as prepared; the stage the recorder asked for begins.
                return keep_date(console, stage, answer);
            }
            console.say(Label::NothingChanged.text(console.lang));
            Vec::new()
        }
        Action::Input(key) if matches!(then, Confirmed::WrittenReply { .. }) => {
            let chosen = match key.code {
                KeyCode::Char(c) => c
                    .to_digit(10)
                    .and_then(|d| (d as usize).checked_sub(1))
                    .and_then(|i| WRITTEN_REASONS.get(i)),
                _ => None,
            };
            match (then, chosen) {
                (Confirmed::WrittenReply { question }, Some(reason)) => {
                    console.recorder.mode = Mode::Browse;
                    mark_written(console, question, reason)
                }
                _ => Vec::new(),
            }
        }
        // An answer typed before the question was noticed is not lost: it starts the
        // questions and goes into the answer.
        // (No question about the meeting's date then: the typing goes on into the answer.)
        Action::Input(key) if then == Confirmed::StartQuestions && typed(key.code) => {
            console.recorder.mode = Mode::Browse;
            let mut effects = start_questions(console);
            effects.extend(edit(console, Action::Input(key)));
            effects
        }
        Action::Paste(text) if then == Confirmed::StartQuestions => {
            console.recorder.mode = Mode::Browse;
            let mut effects = start_questions(console);
            effects.extend(edit(console, Action::Paste(text)));
            effects
        }
        _ => Vec::new(),
    }
}

/// A key that puts a character into text.
fn typed(code: KeyCode) -> bool {
    matches!(code, KeyCode::Char(c) if !c.is_control())
}

fn carry_out(console: &mut Console, then: Confirmed) -> Vec<Effect> {
    let Some(slot) = console.slot().cloned() else {
        return Vec::new();
    };
    match then {
        Confirmed::TakeBack { to } => {
            console.say(labels::stage_entered(console.lang, to));
            vec![Effect::SetStage {
                slot: slot.id,
                from: slot.stage,
                to,
            }]
        }
        Confirmed::Leave { index } => {
            let mut effects = vec![Effect::SetTimer {
                slot: slot.id,
                stage: slot.stage,
                running: false,
            }];
            effects.extend(go_to(console, index));
            effects
        }
        Confirmed::StartQuestions => match held_on_another_day(console) {
            Some(today) => {
                let text = labels::move_date_confirm(
                    console.lang,
                    console.snapshot.meeting.held_on,
                    today,
                );
                let stage = Stage::Questions;
                ask(
                    console,
                    text,
                    Confirmed::MoveDate {
                        today,
                        stage,
                        answer: true,
                    },
                )
            }
            None => start_questions(console),
        },
        Confirmed::Finish => {
            console.say(labels::finished(console.lang, console.now));
            vec![Effect::FinishMeeting {
                meeting: console.snapshot.meeting.id,
            }]
        }
        Confirmed::Withdraw { pane, id } => {
            console.say(Label::Withdrawn.text(console.lang));
            vec![Effect::Withdraw { pane, id }]
        }
        Confirmed::Move { slot, to } => {
            console.say(Label::MovedInAgenda.text(console.lang));
            vec![Effect::MoveOfficial { slot, to }]
        }
        Confirmed::MoveDate {
            today,
            stage,
            answer,
        } => {
            let mut effects = vec![Effect::MoveMeetingDate {
                meeting: console.snapshot.meeting.id,
                held_on: today,
            }];
            effects.extend(super::update::start_stage(console, &slot, stage));
            console.say(labels::date_moved(console.lang, today));
            if answer {
                effects.extend(open_answer(console));
            }
            effects
        }
        Confirmed::WrittenReply { question } => mark_written(console, question, ""),
    }
}

/// 提问质询 begun for an official at 待述责, and the selected question's answer opened.
fn start_questions(console: &mut Console) -> Vec<Effect> {
    let Some(slot) = console.slot().cloned() else {
        return Vec::new();
    };
    let mut effects = vec![Effect::SetStage {
        slot: slot.id,
        from: slot.stage,
        to: Stage::Questions,
    }];
    effects.extend(open_answer(console));
    effects
}

/// Esc on the date question: the stage begins, the meeting keeps its prepared date.
fn keep_date(console: &mut Console, stage: Stage, answer: bool) -> Vec<Effect> {
    let Some(slot) = console.slot().cloned() else {
        return Vec::new();
    };
    let mut effects = super::update::start_stage(console, &slot, stage);
    console.say(labels::date_kept(
        console.lang,
        console.snapshot.meeting.held_on,
    ));
    if answer {
        effects.extend(open_answer(console));
    }
    effects
}

/// Today (in local time), when the meeting's first stage is about to start on a day other
/// than its date: no clock has run yet and the meeting has not ended.
pub(super) fn held_on_another_day(console: &Console) -> Option<NaiveDate> {
    let today = console.now.with_timezone(&chrono::Local).date_naive();
    let first =
        console.snapshot.timings.is_empty() && console.snapshot.meeting.finished_at.is_none();
    (first && today != console.snapshot.meeting.held_on).then_some(today)
}

/// The first stage on another day than prepared: move the meeting's date to today?
pub(super) fn move_date(console: &mut Console, today: NaiveDate, stage: Stage) -> Vec<Effect> {
    let text = labels::move_date_confirm(console.lang, console.snapshot.meeting.held_on, today);
    let answer = false;
    ask(
        console,
        text,
        Confirmed::MoveDate {
            today,
            stage,
            answer,
        },
    )
}

/// `K`, `J`, `G` on the official being heard (a clock running, or a stage begun and not
/// finished): asked first, saying who moves and where; others move at once.
pub(super) fn move_official(console: &mut Console, slot: Id, to: AgendaMove) -> Vec<Effect> {
    let running = console.current_timing().is_some_and(|t| t.is_running());
    let Some(heard) = console.slot().filter(|s| running || s.stage.is_timed()) else {
        console.say(Label::MovedInAgenda.text(console.lang));
        return vec![Effect::MoveOfficial { slot, to }];
    };
    let text = labels::move_heard(console.lang, &heard.name, heard.stage, to);
    ask(console, text, Confirmed::Move { slot, to })
}

fn mark_written(console: &mut Console, question: Id, reason: &str) -> Vec<Effect> {
    console.say(labels::written_reply_marked(console.lang, reason));
    vec![Effect::SetWrittenReply {
        question,
        needed: true,
        reason: reason.to_string(),
    }]
}

/// `w` on a question not yet marked: 转为书面质询, with a reason only if the recorder picks one.
pub(super) fn written_reply(console: &mut Console, question: Id, what: &str) -> Vec<Effect> {
    let text = labels::written_reply_choice(console.lang, what, &WRITTEN_REASONS);
    ask(console, text, Confirmed::WrittenReply { question })
}

/// `n`, `p`, `g`: to another official, asking first when a clock is running here.
pub(super) fn leave_to(console: &mut Console, index: usize) -> Vec<Effect> {
    let lang = console.lang;
    let index = index.min(console.snapshot.agenda.len().saturating_sub(1));
    if index == console.snapshot.current {
        return Vec::new();
    }
    let running = console.current_timing().is_some_and(|t| t.is_running());
    match console.slot() {
        Some(slot) if running => {
            let text = labels::leave_running(lang, &slot.name, slot.stage);
            ask(console, text, Confirmed::Leave { index })
        }
        _ => go_to(console, index),
    }
}

/// `S`: back one stage. A stage that ran under a minute is taken back without a trace (a
/// slip); one that ran longer is asked about, saying its time stays in the record.
pub(super) fn take_back(console: &mut Console, to: Stage) -> Vec<Effect> {
    let Some(slot) = console.slot().cloned() else {
        return Vec::new();
    };
    let ran = console
        .current_timing()
        .map(|t| t.elapsed_ms(console.now))
        .unwrap_or(0);
    if ran >= SLIP_MS {
        let text = labels::take_back(console.lang, slot.stage, to, &clock(ran));
        return ask(console, text, Confirmed::TakeBack { to });
    }
    console.say(labels::stage_entered(console.lang, to));
    vec![Effect::TakeBackStage {
        slot: slot.id,
        from: slot.stage,
        to,
    }]
}

/// Enter on a question while the official is still at 待述责: offer to start the questions.
pub(super) fn answer_before_report(console: &mut Console) -> Vec<Effect> {
    let name = console.slot().map(|s| s.name.clone()).unwrap_or_default();
    let text = labels::answer_before_report(console.lang, &name);
    ask(console, text, Confirmed::StartQuestions)
}

/// The key that ends the meeting: asked first, listing who has not reported.
pub(super) fn finish(console: &mut Console) -> Vec<Effect> {
    let lang = console.lang;
    if let Some(at) = console.snapshot.meeting.finished_at {
        console.warn(labels::already_finished(lang, at));
        return Vec::new();
    }
    let not_done: Vec<String> = console
        .snapshot
        .agenda
        .iter()
        .filter(|s| !matches!(s.stage, Stage::Done | Stage::Skipped))
        .map(|s| labels::noted(lang, &s.name, s.stage.name(lang)))
        .collect();
    let text = labels::finish_confirm(lang, console.now, &not_done);
    ask(console, text, Confirmed::Finish)
}

/// `d`: withdraw the selected question, duty item or risk point, after saying which.
pub(super) fn withdraw(console: &mut Console) -> Vec<Effect> {
    let lang = console.lang;
    let pane = console.recorder.focus;
    let row = console.selection(pane);
    let detail = &console.snapshot.detail;
    let found = match pane {
        Pane::Questions => detail
            .questions
            .get(row)
            .map(|q| (q.id, labels::labelled(lang, &q.asker, &q.text))),
        Pane::Duties => detail.duty_items.get(row).map(|d| (d.id, d.text.clone())),
        Pane::Risks => detail.risk_points.get(row).map(|r| (r.id, r.text.clone())),
        Pane::Remarks | Pane::FollowUps => None,
    };
    match found {
        Some((id, what)) => {
            let text = labels::withdraw_confirm(lang, &what);
            ask(console, text, Confirmed::Withdraw { pane, id })
        }
        None => {
            console.warn(Label::NothingToWithdraw.text(lang));
            Vec::new()
        }
    }
}
