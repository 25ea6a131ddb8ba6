//! Between meetings, in the console: an earlier follow-up checked with the official (已完成,
//! 整改中 or 逾期, with a comment); the rating on the meeting's own scale and voter groups,
//! with what its rules decide said as soon as the tallies are entered; duty items and risk
//! points ticked as mentioned in the report.

use super::form::{Field, FieldLabel};
use super::submit::{Problem, Submitted};
use super::{Console, Effect, Form, FormKind, Mode, Pane};
use crate::domain::rating_rules::GroupTally;
use crate::domain::{FollowUp, FollowUpMark, Id, Rating, Word};
use crate::labels::{self, Label, Named};

/// The earlier follow-up selected in the follow-ups pane, if the selection is one.
fn selected_earlier(console: &Console) -> Option<&FollowUp> {
    if console.recorder.focus != Pane::FollowUps {
        return None;
    }
    let index = console.selection(Pane::FollowUps);
    let detail = &console.snapshot.detail;
    let earlier = index.checked_sub(detail.follow_ups.len())?;
    detail.earlier_follow_ups.get(earlier)
}

/// `C`: check the selected earlier follow-up; a message when the selection is not one.
pub(super) fn open_check(console: &mut Console) {
    match selected_earlier(console).map(|f| check_form(console, f.id)) {
        Some(form) => console.recorder.mode = Mode::Form(form),
        None => console.warn(Label::NotEarlierFollowUp.text(console.lang)),
    }
}

/// The check form: the mark (as last checked, else 逾期 when past its deadline, else
/// 整改中) and a comment.
pub(super) fn check_form(console: &Console, id: Id) -> Form {
    let detail = &console.snapshot.detail;
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

/// `t` on a meeting with its own scale or voter groups: a number per group and grade (the
/// newest round's, when there is one); `None` on the default four grades, whose form is
/// the usual one.
pub(super) fn tally_form(console: &Console) -> Option<Form> {
    let scheme = &console.snapshot.rating_scheme;
    if scheme.grades.len() == 4 && scheme.groups.is_empty() {
        return None;
    }
    let current = &console.snapshot.detail.tallies;
    let mut fields = Vec::new();
    for group in scheme.tallied_groups() {
        let counts = current.iter().find(|t| t.group == group);
        for (index, grade) in scheme.grades.iter().enumerate() {
            let caption = if group.is_empty() {
                grade.clone()
            } else {
                format!("{group} {grade}")
            };
            let value = counts
                .and_then(|t| t.counts.get(index))
                .copied()
                .unwrap_or(0);
            fields.push(Field::number(
                FieldLabel::Text(interned(caption)),
                &value.to_string(),
            ));
        }
    }
    Some(Form::new(FormKind::Tallies, Label::RatingTitle, fields))
}

/// Enter in the tallies form: every number given; the result and consequence said at
/// once; written as a new round.
pub(super) fn submit_tallies(console: &mut Console, form: &Form) -> Submitted {
    let lang = console.lang;
    let scheme = console.snapshot.rating_scheme.clone();
    let mut tallies = Vec::new();
    let mut field = 0;
    for group in scheme.tallied_groups() {
        let mut counts = Vec::new();
        for _ in &scheme.grades {
            let count = form.number(field).ok_or_else(|| {
                let caption = match form.fields[field].label {
                    FieldLabel::Fixed(label) => label.text(lang),
                    FieldLabel::Text(text) => text,
                };
                Problem::at(labels::required(lang, caption), field)
            })?;
            counts.push(count);
            field += 1;
        }
        tallies.push(GroupTally { group, counts });
    }
    let slot = console
        .slot()
        .map(|s| s.id)
        .ok_or_else(|| Problem::from(Label::NoOfficials.text(lang).to_string()))?;
    let outcome = scheme.decide(&tallies);
    console.say(labels::rating_outcome(lang, &outcome));
    Ok(vec![Effect::RecordTallies { slot, tallies }])
}

/// A caption made of the prep's names, kept for the program's life: form captions are
/// `&'static str`, and each distinct group and grade of a meeting is stored once.
fn interned(caption: String) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static CAPTIONS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut known = match CAPTIONS.get_or_init(Default::default).lock() {
        Ok(known) => known,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(found) = known.get(caption.as_str()) {
        return found;
    }
    let kept: &'static str = Box::leak(caption.into_boxed_str());
    known.insert(kept);
    kept
}

/// Says what the rules decide for a four-grade rating, when the meeting has rules.
pub(super) fn say_outcome(console: &mut Console, rating: &Rating) {
    let scheme = &console.snapshot.rating_scheme;
    if scheme.rules.is_empty() {
        return;
    }
    let tallies = crate::view::tallies_for(scheme, &[], Some(rating));
    let outcome = scheme.decide(&tallies);
    console.say(labels::rating_outcome(console.lang, &outcome));
}

/// `o`: the selected duty item or risk point ticked as mentioned in the report, or the
/// tick taken back.
pub(super) fn toggle_mentioned(console: &mut Console) -> Vec<Effect> {
    let lang = console.lang;
    let detail = &console.snapshot.detail;
    let index = console.selection(console.recorder.focus);
    let chosen = match console.recorder.focus {
        Pane::Duties => detail.duty_items.get(index).map(|d| (false, d.id)),
        Pane::Risks => detail.risk_points.get(index).map(|r| (true, r.id)),
        _ => None,
    };
    let (Some((risk, item)), Some(slot)) = (chosen, console.slot().map(|s| s.id)) else {
        console.warn(Label::NothingToMention.text(lang));
        return Vec::new();
    };
    let ticked = if risk {
        &detail.mentioned.risk_points
    } else {
        &detail.mentioned.duty_items
    };
    let mentioned = !ticked.contains(&item);
    console.say(if mentioned {
        Label::MarkedMentioned.text(lang)
    } else {
        Label::UnmarkedMentioned.text(lang)
    });
    vec![Effect::SetMentioned {
        slot,
        risk,
        item,
        mentioned,
    }]
}
