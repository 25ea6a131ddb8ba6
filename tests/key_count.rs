//! Issue 26, item 5: the keys a recorder presses for the sample's first official, 张某,
//! from 待述责 to 已完成: the report, three answers, remarks, the tallies and one follow-up.
//! The recorder here reaches each goal the shortest way the screen shows (Down to the
//! question wanted, Tab to the field wanted, Backspace over a number that is not right);
//! the count of command keys, apart from the text and digits typed, is in the README.

mod common;

use common::*;
use shuze::app::key::{KeyCode, KeyEvent, KeyModifiers};
use shuze::app::{Mode, Pane, keys};
use shuze::domain::Stage;
use shuze::session::Session;

/// The command keys for 张某 with this version, as the README says.
const KEYS_FOR_A_CLEAN_OFFICIAL: usize = 29;

struct Recorder {
    s: Session,
    /// Keys that are not text or digits typed.
    keys: usize,
    /// Characters typed into editors and fields.
    typed: usize,
    second: i64,
}

impl Recorder {
    fn press(&mut self, code: KeyCode) {
        self.keys += 1;
        self.send(code);
    }

    fn send(&mut self, code: KeyCode) {
        self.second += 1;
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(action) = keys::action_for(&self.s.console.recorder.mode, key) {
            self.s.handle(action, at(self.second));
        }
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.typed += 1;
            self.send(KeyCode::Char(c));
        }
    }

    fn stage(&self) -> Stage {
        self.s.console.slot().unwrap().stage
    }

    fn next_stage(&mut self, to: Stage) {
        self.press(KeyCode::Char('s'));
        assert_eq!(self.stage(), to);
    }

    fn form_focus(&self) -> usize {
        match &self.s.console.recorder.mode {
            Mode::Form(form) => form.focus,
            other => panic!("no form: {other:?}"),
        }
    }

    fn shown(&self, field: usize) -> String {
        match &self.s.console.recorder.mode {
            Mode::Form(form) => form.fields[field].shown().to_string(),
            other => panic!("no form: {other:?}"),
        }
    }

    /// Tab or Up to field `field` of the open form.
    fn go_to_field(&mut self, field: usize) {
        while self.form_focus() < field {
            self.press(KeyCode::Tab);
        }
        while self.form_focus() > field {
            self.press(KeyCode::Up);
        }
    }

    /// A number field made to hold `value`, however it starts.
    fn number(&mut self, field: usize, value: &str) {
        if self.shown(field) == value {
            return;
        }
        self.go_to_field(field);
        self.type_text(&value[..1]);
        while !value.starts_with(self.shown(field).as_str()) {
            // The digit went after what was there: take it all back and type again.
            while !self.shown(field).is_empty() {
                self.press(KeyCode::Backspace);
            }
            self.type_text(&value[..1]);
        }
        self.type_text(&value[1..]);
        assert_eq!(self.shown(field), value);
    }

    /// Enter on a form, and again after a warning the form shows.
    fn submit(&mut self) {
        self.press(KeyCode::Enter);
        if let Mode::Form(form) = &self.s.console.recorder.mode {
            assert!(form.warned.is_some(), "{:?}", form.error);
            self.press(KeyCode::Enter);
        }
        assert!(matches!(self.s.console.recorder.mode, Mode::Browse));
    }
}

#[test]
fn a_clean_official_takes_the_keys_the_readme_says() {
    let (_dir, path) = temp_db();
    let mut r = Recorder {
        s: sample_session(&path),
        keys: 0,
        typed: 0,
        second: 0,
    };
    r.next_stage(Stage::Report);
    r.next_stage(Stage::Questions);
    for (index, answer) in ["查摆风险点4个", "已追回1.2万元", "一律进平台"]
        .into_iter()
        .enumerate()
    {
        while r.s.console.recorder.focus != Pane::Questions {
            r.press(KeyCode::Tab);
        }
        while r.s.console.selection(Pane::Questions) < index {
            r.press(KeyCode::Down);
        }
        while r.s.console.selection(Pane::Questions) > index {
            r.press(KeyCode::Up);
        }
        r.press(KeyCode::Enter);
        r.type_text(answer);
        r.press(KeyCode::Esc);
    }
    r.next_stage(Stage::Remarks);
    r.press(KeyCode::Char('r'));
    r.type_text("整改要见实效");
    r.press(KeyCode::Esc);

    r.next_stage(Stage::Rating);
    r.press(KeyCode::Char('t'));
    for (field, value) in [(0, "7"), (1, "5"), (2, "2"), (3, "0"), (4, "0")] {
        r.number(field, value);
    }
    r.submit();

    r.next_stage(Stage::FollowUps);
    r.press(KeyCode::Char('f'));
    r.go_to_field(0);
    while !r.shown(0).starts_with("点评") {
        r.press(KeyCode::Right);
    }
    for (field, text) in [
        (2, "村级谈话未全覆盖"),
        (4, "年底前谈话到村组"),
        (7, "2027-03-31"),
    ] {
        r.go_to_field(field);
        r.type_text(text);
    }
    r.submit();
    r.next_stage(Stage::Done);

    let detail = r.s.store.slot_detail(1).unwrap();
    assert!(detail.questions.iter().all(|q| q.answer.is_some()));
    assert_eq!(detail.rating.unwrap().excellent, 5);
    assert_eq!(detail.follow_ups.len(), 1);
    eprintln!("keys for 张某: {} (and {} typed)", r.keys, r.typed);
    assert_eq!(r.keys, KEYS_FOR_A_CLEAN_OFFICIAL, "the README's count");
}
