//! Small one-line-per-field forms: a question on the spot, rating tallies, a follow-up,
//! a skip reason, an agenda number.

use super::key::{KeyCode, KeyEvent, KeyModifiers};
use crate::clean;
use crate::domain::Id;
use crate::labels::Label;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// A form's content as saved with the resume point, so that a half-filled form comes back
/// after a crash or a closed window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormPoint {
    pub kind: FormKind,
    /// Each field's value, by its kind.
    pub values: Vec<SavedValue>,
    pub focus: usize,
}

/// A field's value as a resume point keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SavedValue {
    Text(String),
    /// The digits typed (possibly none).
    Number(String),
    /// A choice, by its option's place (0 first).
    Choice(usize),
    /// As resume points of the first format kept every field: the text, or a choice's
    /// place as digits.
    #[serde(untagged)]
    Untyped(String),
}

/// Which form is open; decides what Enter does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormKind {
    AddQuestion,
    /// A question prepared from the unit's 政治画像 or a 提醒谈话 (`Q`): not yet asked.
    PrepareQuestion,
    Rating,
    FollowUp,
    /// The status and progress of the follow-up with this id.
    UpdateFollowUp(Id),
    Skip,
    Jump,
    /// Corrections (`correct.rs`): what each is about, by id.
    EditQuestion(Id),
    EditDutyItem(Id),
    AddDutyItem,
    EditRiskPoint(Id),
    AddRiskPoint,
    EditFollowUp(Id),
    Allotment,
    Attendance,
    /// An earlier follow-up checked (`continuity.rs`): a new dated check each time.
    CheckFollowUp(Id),
    /// The rating on the meeting's own scale and voter groups: each entry a new round.
    Tallies,
}

impl FormKind {
    /// Does it put right what is already recorded (so that Enter with nothing changed
    /// would write the same again)? The forms that add something say what is missing.
    pub fn corrects(self) -> bool {
        match self {
            FormKind::Rating
            | FormKind::UpdateFollowUp(_)
            | FormKind::EditQuestion(_)
            | FormKind::EditDutyItem(_)
            | FormKind::EditRiskPoint(_)
            | FormKind::EditFollowUp(_)
            | FormKind::Allotment => true,
            FormKind::AddQuestion
            | FormKind::PrepareQuestion
            | FormKind::FollowUp
            | FormKind::Skip
            | FormKind::Jump
            | FormKind::AddDutyItem
            | FormKind::AddRiskPoint
            | FormKind::Attendance
            | FormKind::CheckFollowUp(_)
            | FormKind::Tallies => false,
        }
    }
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Text(String),
    /// Digits only.
    Number(String),
    /// One of fixed options, shown by name.
    Choice {
        options: Vec<String>,
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: FieldLabel,
    pub value: FieldValue,
}

/// A field's caption: a fixed label or a computed one (the rating grades).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldLabel {
    Fixed(Label),
    Text(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub kind: FormKind,
    pub title: Label,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last Enter was refused.
    pub error: Option<String>,
    /// A warning already shown (a number above the attendees, a deadline in the past):
    /// Enter again, with nothing changed, goes on.
    pub warned: Option<String>,
    /// Its last submission did not reach the file (a full disk, a busy file): closing it
    /// keeps its content in a rescue file.
    pub unsaved: bool,
    /// Each field's value as the form opened (`FormPoint::values`): Enter with all of them
    /// unchanged writes nothing.
    pub initial: Vec<SavedValue>,
    /// Nothing typed yet in the focused field since the caret came to it: a number there
    /// is replaced by the first digit typed (the 7 prefilled voters then "4" gives 4).
    pub fresh: bool,
}

/// A typed character the focused field cannot take: said in the form, never dropped
/// silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// A choice field: no option has this number or starts with this character.
    NotAnOption(char),
    /// A number field: not a digit.
    NotADigit(char),
    /// A number field already at its most digits.
    TooLong,
}

impl Field {
    pub fn text(label: Label, value: &str) -> Field {
        Field {
            label: FieldLabel::Fixed(label),
            value: FieldValue::Text(value.to_string()),
        }
    }

    pub fn number(label: FieldLabel, value: &str) -> Field {
        Field {
            label,
            value: FieldValue::Number(value.to_string()),
        }
    }

    pub fn choice<S: Into<String>>(label: Label, options: Vec<S>, index: usize) -> Field {
        let options = options.into_iter().map(Into::into).collect();
        Field {
            label: FieldLabel::Fixed(label),
            value: FieldValue::Choice { options, index },
        }
    }

    /// The value as a resume point keeps it.
    pub fn saved(&self) -> SavedValue {
        match &self.value {
            FieldValue::Text(s) => SavedValue::Text(s.clone()),
            FieldValue::Number(s) => SavedValue::Number(s.clone()),
            FieldValue::Choice { index, .. } => SavedValue::Choice(*index),
        }
    }

    /// Takes back a saved value; false when it does not fit this field (another kind, a
    /// choice it does not have), which then keeps the value it opened with.
    fn restore(&mut self, saved: &SavedValue) -> bool {
        match (&mut self.value, saved) {
            (FieldValue::Text(s), SavedValue::Text(saved) | SavedValue::Untyped(saved)) => {
                s.clone_from(saved)
            }
            (FieldValue::Number(s), SavedValue::Number(saved) | SavedValue::Untyped(saved))
                if saved.chars().all(|c| c.is_ascii_digit()) =>
            {
                s.clone_from(saved)
            }
            (FieldValue::Choice { options, index }, SavedValue::Choice(saved))
                if *saved < options.len() =>
            {
                *index = *saved
            }
            (FieldValue::Choice { options, index }, SavedValue::Untyped(saved)) => {
                match saved.parse::<usize>() {
                    Ok(saved) if saved < options.len() => *index = saved,
                    _ => return false,
                }
            }
            _ => return false,
        }
        true
    }

    /// The text shown after the caption.
    pub fn shown(&self) -> &str {
        match &self.value {
            FieldValue::Text(s) | FieldValue::Number(s) => s,
            FieldValue::Choice { options, index } => {
                options.get(*index).map(String::as_str).unwrap_or("")
            }
        }
    }
}

impl Form {
    pub fn new(kind: FormKind, title: Label, fields: Vec<Field>) -> Form {
        let initial = fields.iter().map(Field::saved).collect();
        Form {
            kind,
            title,
            fields,
            focus: 0,
            error: None,
            warned: None,
            unsaved: false,
            initial,
            fresh: true,
        }
    }

    /// Has any field changed since the form opened?
    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .map(Field::saved)
            .ne(self.initial.clone())
    }

    /// The form as lines of "caption：value", for a rescue file.
    pub fn as_text(&self, lang: crate::labels::Lang) -> String {
        let mut text = format!("{}\n", self.title.text(lang));
        for field in &self.fields {
            let caption = match field.label {
                FieldLabel::Fixed(label) => label.text(lang),
                FieldLabel::Text(text) => text,
            };
            text.push_str(&format!("{caption}：{}\n", field.shown()));
        }
        text
    }

    /// What has been typed, for the resume point.
    pub fn point(&self) -> FormPoint {
        let values = self.fields.iter().map(Field::saved).collect();
        FormPoint {
            kind: self.kind,
            values,
            focus: self.focus,
        }
    }

    /// Puts back what a resume point says was typed, field by field. Returns how many
    /// saved values could not be put back (they do not fit the form as it now opens): said
    /// to the recorder, never dropped in silence.
    pub fn restore(&mut self, point: &FormPoint) -> usize {
        let mut not_taken = point.values.len().abs_diff(self.fields.len());
        for (field, saved) in self.fields.iter_mut().zip(&point.values) {
            if !field.restore(saved) {
                not_taken += 1;
            }
        }
        self.focus = point.focus.min(self.fields.len().saturating_sub(1));
        // What the resume point kept was typed: a digit goes after it.
        self.fresh = false;
        not_taken
    }

    /// Moves the focus by `delta` fields, wrapping around.
    pub fn step(&mut self, delta: i32) {
        let count = self.fields.len() as i32;
        if count > 0 {
            self.focus = (self.focus as i32 + delta).rem_euclid(count) as usize;
        }
        self.fresh = true;
    }

    /// Applies a typed key to the focused field; what it cannot take is returned, so the
    /// form can say why.
    pub fn input(&mut self, key: KeyEvent) -> Option<Refused> {
        self.take(key).err()
    }

    fn take(&mut self, key: KeyEvent) -> Result<(), Refused> {
        let fresh = std::mem::replace(&mut self.fresh, false);
        self.error = None;
        self.warned = None;
        let typed = match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => Some(c),
            _ => None,
        };
        let Some(field) = self.fields.get_mut(self.focus) else {
            return Ok(());
        };
        match (&mut field.value, key.code) {
            (FieldValue::Choice { options, index }, KeyCode::Left) => {
                *index = (*index + options.len() - 1) % options.len().max(1);
            }
            (FieldValue::Choice { options, index }, KeyCode::Right | KeyCode::Char(' ')) => {
                *index = (*index + 1) % options.len().max(1);
            }
            (FieldValue::Text(s) | FieldValue::Number(s), KeyCode::Backspace) => {
                pop_grapheme(s);
            }
            (FieldValue::Text(s), _) => s.extend(typed),
            (FieldValue::Choice { options, index }, _) => {
                let Some(c) = typed else { return Ok(()) };
                *index = option_for(options, *index, c).ok_or(Refused::NotAnOption(c))?;
            }
            (FieldValue::Number(s), _) => {
                let Some(c) = typed else { return Ok(()) };
                let digit = ascii_digit(c).ok_or(Refused::NotADigit(c))?;
                // A prefilled number, or one showing 0, takes the first digit in its place.
                if fresh || s == "0" {
                    s.clear();
                }
                if s.len() >= 6 {
                    return Err(Refused::TooLong);
                }
                s.push(digit);
            }
        }
        Ok(())
    }

    /// Inserts pasted text into the focused field (line breaks become spaces).
    pub fn paste(&mut self, text: &str) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.value {
            FieldValue::Text(s) => s.push_str(&clean_line(text)),
            FieldValue::Number(s) => {
                if self.fresh || s == "0" {
                    s.clear();
                }
                let room = 6 - s.len().min(6);
                s.extend(text.chars().filter_map(ascii_digit).take(room));
            }
            FieldValue::Choice { .. } => {}
        }
        self.fresh = false;
        self.error = None;
        self.warned = None;
    }

    /// The trimmed text of field `index`.
    pub fn text(&self, index: usize) -> String {
        self.fields
            .get(index)
            .map(|f| f.shown().trim().to_string())
            .unwrap_or_default()
    }

    /// The number in field `index`; `None` when blank.
    pub fn number(&self, index: usize) -> Option<u32> {
        self.text(index).parse().ok()
    }

    /// The chosen option of field `index`.
    pub fn choice(&self, index: usize) -> usize {
        match self.fields.get(index).map(|f| &f.value) {
            Some(FieldValue::Choice { index, .. }) => *index,
            _ => 0,
        }
    }
}

/// One line of plain text: terminal control sequences and control characters dropped
/// (`clean::for_document`), line breaks and tabs made spaces.
pub fn clean_line(text: &str) -> String {
    clean::for_document(text)
        .chars()
        .map(|c| if matches!(c, '\n' | '\t') { ' ' } else { c })
        .collect()
}

/// A digit as typed: ASCII, or full-width as a Chinese input method gives it (２).
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// The option a typed character picks in a choice field: its number (1 for the first),
/// or the next option after `current` that starts with it.
fn option_for(options: &[String], current: usize, c: char) -> Option<usize> {
    if let Some(digit) = ascii_digit(c).and_then(|d| d.to_digit(10)) {
        let index = (digit as usize).checked_sub(1)?;
        return (index < options.len()).then_some(index);
    }
    let starts = |option: &String| {
        option
            .chars()
            .next()
            .is_some_and(|first| first.to_lowercase().eq(c.to_lowercase()))
    };
    (1..=options.len())
        .map(|step| (current + step) % options.len())
        .find(|&index| starts(&options[index]))
}

fn pop_grapheme(s: &mut String) {
    if let Some((index, _)) = s.grapheme_indices(true).next_back() {
        s.truncate(index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        Form::new(
            FormKind::Skip,
            Label::Status,
            vec![
                Field::text(Label::Status, ""),
                Field::number(FieldLabel::Fixed(Label::Status), "7"),
                Field::choice(Label::Status, vec!["甲", "乙", "丙"], 0),
            ],
        )
    }

    #[test]
    fn a_form_comes_back_from_its_saved_json_by_each_fields_kind() {
        let mut typed = form();
        typed.paste("半句");
        typed.step(2);
        typed.input(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE));
        let json = serde_json::to_string(&typed.point()).unwrap();
        assert!(json.contains(r#"{"text":"半句"}"#), "{json}");
        assert!(json.contains(r#"{"choice":2}"#), "{json}");
        let mut back = form();
        let point: FormPoint = serde_json::from_str(&json).unwrap();
        assert_eq!(back.restore(&point), 0);
        assert_eq!(back.fields, typed.fields);
    }

    #[test]
    fn a_form_of_the_first_format_comes_back_and_what_does_not_fit_is_counted() {
        let old = r#"{"kind":"Skip","values":["半句","12","1"],"focus":2}"#;
        let mut back = form();
        assert_eq!(back.restore(&serde_json::from_str(old).unwrap()), 0);
        assert_eq!(back.text(0), "半句");
        assert_eq!(back.number(1), Some(12));
        assert_eq!(back.choice(2), 1);
        // A choice the form no longer has, letters in a number, one value too many.
        let odd = r#"{"kind":"Skip","values":["半句",{"number":"1x"},{"choice":5},"4"],"focus":0}"#;
        let mut back = form();
        assert_eq!(back.restore(&serde_json::from_str(odd).unwrap()), 3);
        assert_eq!(back.number(1), Some(7), "kept as it opened");
        assert_eq!(back.choice(2), 0, "kept as it opened");
    }
}
