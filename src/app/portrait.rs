//! The unit's political portrait (政治画像) and reminder talks (提醒谈话) in the risk points
//! pane, after the risk points: which row is which, and `Q`, which turns the selected one
//! into a prepared question (the question form, prefilled; saved as a question not yet asked).

use super::form::Field;
use super::{Console, Effect, Form, FormKind, Mode, Pane};
use crate::domain::{PortraitFinding, ReminderTalk, RiskPoint};
use crate::labels::Label;
use crate::view::SlotDetail;

/// A row of the risk points pane: a risk point, then the portrait's findings, then the talks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DossierRow<'a> {
    Risk(&'a RiskPoint),
    Finding(&'a PortraitFinding),
    Talk(&'a ReminderTalk),
}

/// Rows of the risk points pane.
pub fn dossier_len(detail: &SlotDetail) -> usize {
    detail.risk_points.len() + detail.portrait.len() + detail.talks.len()
}

/// The row at `index` of the risk points pane.
pub fn dossier_row(detail: &SlotDetail, index: usize) -> Option<DossierRow<'_>> {
    let risks = detail.risk_points.len();
    let findings = risks + detail.portrait.len();
    if index < risks {
        detail.risk_points.get(index).map(DossierRow::Risk)
    } else if index < findings {
        detail.portrait.get(index - risks).map(DossierRow::Finding)
    } else {
        detail.talks.get(index - findings).map(DossierRow::Talk)
    }
}

/// Is a portrait finding or a talk selected (what `Q` works on)?
pub fn portrait_selected(console: &Console) -> bool {
    console.recorder.focus == Pane::Risks
        && matches!(
            dossier_row(&console.snapshot.detail, console.selection(Pane::Risks)),
            Some(DossierRow::Finding(_) | DossierRow::Talk(_))
        )
}

/// `Q`: the add-question form with the selected finding's problem (or the talk's content)
/// as its text, for the recorder to edit and save.
pub(super) fn ask_from_dossier(console: &mut Console) -> Vec<Effect> {
    let text = match dossier_row(&console.snapshot.detail, console.selection(Pane::Risks)) {
        Some(DossierRow::Finding(f)) if console.recorder.focus == Pane::Risks => f.problem.clone(),
        Some(DossierRow::Talk(t)) if console.recorder.focus == Pane::Risks => {
            match t.content.is_empty() {
                false => t.content.clone(),
                true => format!("{} {}", t.held_on, t.talker),
            }
        }
        _ => {
            console.warn(Label::NoPortraitSelected.text(console.lang));
            return Vec::new();
        }
    };
    console.recorder.mode = Mode::Form(prepare_form(text));
    Vec::new()
}

/// The form of a question prepared from the portrait, its text prefilled.
pub(super) fn prepare_form(text: String) -> Form {
    let fields = vec![
        Field::text(Label::Asker, ""),
        Field::text(Label::QuestionText, &text),
    ];
    Form::new(
        FormKind::PrepareQuestion,
        Label::PrepareQuestionTitle,
        fields,
    )
}
