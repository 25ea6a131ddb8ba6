//! Steps that would put something in the record the recorder may not mean: each is asked
//! first, saying what will change (Enter or `y` goes on, Esc or `n` does not). Slips that
//! cost nothing to undo are not asked about.

use super::key::KeyCode;
use super::update::{edit, go_to, open_answer};
use super::{Action, Console, Effect, Mode, Pane};
use crate::domain::{Id, Stage, WRITTEN_REASONS, clock};
use crate::labels::{self, Label, Named};

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
}

fn ask(console: &mut Console, text: String, then: Confirmed) -> Vec<Effect> {
    console.mode = Mode::Confirm(Confirmation { text, then });
    Vec::new()
}

/// Enter (or `y`) carries the step out; Esc (or `n`) leaves everything as it was.
pub(super) fn answer(console: &mut Console, action: Action) -> Vec<Effect> {
    let Mode::Confirm(confirmation) = &console.mode else {
        return Vec::new();
    };
    let then = confirmation.then;
    match action {
        Action::Confirm => {
            console.mode = Mode::Browse;
            carry_out(console, then)
        }
        Action::Cancel => {
            console.mode = Mode::Browse;
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
                    console.mode = Mode::Browse;
                    mark_written(console, question, reason)
                }
                _ => Vec::new(),
            }
        }
        // An answer typed before the question was noticed is not lost: it starts the
        // questions and goes into the answer.
        Action::Input(key) if then == Confirmed::StartQuestions && typed(key.code) => {
            console.mode = Mode::Browse;
            let mut effects = carry_out(console, then);
            effects.extend(edit(console, Action::Input(key)));
            effects
        }
        Action::Paste(text) if then == Confirmed::StartQuestions => {
            console.mode = Mode::Browse;
            let mut effects = carry_out(console, then);
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
        Confirmed::StartQuestions => {
            let mut effects = vec![Effect::SetStage {
                slot: slot.id,
                from: slot.stage,
                to: Stage::Questions,
            }];
            effects.extend(open_answer(console));
            effects
        }
        Confirmed::Finish => {
            console.say(labels::finished(console.lang, console.now));
            vec![Effect::FinishMeeting {
                meeting: console.meeting.id,
            }]
        }
        Confirmed::Withdraw { pane, id } => {
            console.say(Label::Withdrawn.text(console.lang));
            vec![Effect::Withdraw { pane, id }]
        }
        Confirmed::WrittenReply { question } => mark_written(console, question, ""),
    }
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
    let index = index.min(console.agenda.len().saturating_sub(1));
    if index == console.current {
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
    if let Some(at) = console.meeting.finished_at {
        console.warn(labels::already_finished(lang, at));
        return Vec::new();
    }
    let not_done: Vec<String> = console
        .agenda
        .iter()
        .filter(|s| !matches!(s.stage, Stage::Done | Stage::Skipped))
        .map(|s| format!("{}（{}）", s.name, s.stage.name(lang)))
        .collect();
    let text = labels::finish_confirm(lang, console.now, &not_done);
    ask(console, text, Confirmed::Finish)
}

/// `d`: withdraw the selected question, duty item or risk point, after saying which.
pub(super) fn withdraw(console: &mut Console) -> Vec<Effect> {
    let lang = console.lang;
    let pane = console.focus;
    let row = console.selection(pane);
    let detail = &console.detail;
    let found = match pane {
        Pane::Questions => detail
            .questions
            .get(row)
            .map(|q| (q.id, format!("{}：{}", q.asker, q.text))),
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
