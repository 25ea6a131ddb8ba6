//! Between meetings, in the console: an earlier follow-up checked with the official (已完成,
//! 整改中 or 逾期, with a comment).

use super::form::Field;
use super::submit::{Problem, Submitted};
use super::{Console, Effect, Form, FormKind, Mode, Pane};
use crate::domain::{FollowUp, FollowUpMark, Id, Word};
use crate::labels::{Label, Named};

/// The earlier follow-up selected in the follow-ups pane, if the selection is one.
fn selected_earlier(console: &Console) -> Option<&FollowUp> {
    if console.focus != Pane::FollowUps {
        return None;
    }
    let index = console.selection(Pane::FollowUps);
    let detail = &console.detail;
    let earlier = index.checked_sub(detail.follow_ups.len())?;
    detail.earlier_follow_ups.get(earlier)
}

/// `C`: check the selected earlier follow-up; a message when the selection is not one.
pub(super) fn open_check(console: &mut Console) {
    match selected_earlier(console).map(|f| check_form(console, f.id)) {
        Some(form) => console.mode = Mode::Form(form),
        None => console.warn(Label::NotEarlierFollowUp.text(console.lang)),
    }
}

/// The check form: the mark (as last checked, else 逾期 when past its deadline, else
/// 整改中) and a comment.
pub(super) fn check_form(console: &Console, id: Id) -> Form {
    let detail = &console.detail;
    let lang = console.lang;
    let last = detail.check(id);
    let overdue = detail
        .earlier_follow_ups
        .iter()
        .find(|f| f.id == id)
        .is_some_and(|f| detail.overdue(f));
    let mark = match last {
        Some(check) => check.mark,
        None if overdue => FollowUpMark::Overdue,
        None => FollowUpMark::InProgress,
    };
    let at = FollowUpMark::ALL
        .iter()
        .position(|m| *m == mark)
        .unwrap_or(0);
    let names = FollowUpMark::ALL.iter().map(|m| m.name(lang)).collect();
    let comment = last.map(|c| c.comment.as_str()).unwrap_or_default();
    let fields = vec![
        Field::choice(Label::CheckMark, names, at),
        Field::text(Label::CheckComment, comment),
    ];
    Form::new(
        FormKind::CheckFollowUp(id),
        Label::CheckFollowUpTitle,
        fields,
    )
}

/// Enter in the check form: the check, dated, for the official on screen.
pub(super) fn submit_check(console: &Console, form: &Form, follow_up: Id) -> Submitted {
    let slot = console
        .slot()
        .map(|s| s.id)
        .ok_or_else(|| Problem::from(Label::NoOfficials.text(console.lang).to_string()))?;
    let mark = FollowUpMark::ALL
        .get(form.choice(0))
        .copied()
        .unwrap_or(FollowUpMark::InProgress);
    Ok(vec![Effect::CheckFollowUp {
        follow_up,
        slot,
        mark,
        comment: form.text(1),
    }])
}
