//! `update` alone: every command and every failure, on a console built in memory from the
//! sample meeting. No file, no terminal: each test checks the state and the writes asked for.

mod common;

use common::*;
use shuze::app::{
    Action, Command, Console, Effect, FailedWrite, Failure, FormKind, Mode, Pane, RescueOffer,
    SavedValue, update,
};
use shuze::domain::Stage;
use shuze::labels::Lang;
use shuze::storage::Store;
use shuze::view::TextTarget;
use std::path::Path;

/// The sample meeting, loaded as the console sees it, at the first official.
fn console() -> Console {
    let mut store = Store::in_memory().unwrap();
    shuze::prep::import_file(Path::new(SAMPLE_TOML), &mut store, at(0)).unwrap();
    let mut console = shuze::session::load::console(&store, 1, Lang::Zh, at(0)).unwrap();
    console.recorder.theme_names = vec!["a".into(), "b".into()];
    console
}

/// A letter key as the terminal gives it.
fn key(c: char) -> shuze::app::key::KeyEvent {
    use shuze::app::key::{KeyCode, KeyEvent};
    KeyEvent::new(KeyCode::Char(c), Default::default())
}

fn run(console: &mut Console, command: Command) -> Vec<Effect> {
    update(console, Action::Command(command))
}

#[test]
fn moving_changes_the_selection_the_pane_and_the_official() {
    let mut c = console();
    assert!(run(&mut c, Command::MoveDown).is_empty());
    assert_eq!(c.selection(Pane::Questions), 1);
    run(&mut c, Command::MoveUp);
    run(&mut c, Command::MoveUp);
    assert_eq!(c.selection(Pane::Questions), 0, "stops at the top");
    run(&mut c, Command::NextPane);
    assert_eq!(c.recorder.focus, Pane::Duties);
    run(&mut c, Command::PreviousPane);
    run(&mut c, Command::PreviousPane);
    assert_eq!(c.recorder.focus, Pane::FollowUps, "wraps around");
    assert_eq!(run(&mut c, Command::NextOfficial), [Effect::Load]);
    assert_eq!(c.snapshot.current, 1);
    assert_eq!(run(&mut c, Command::PreviousOfficial), [Effect::Load]);
    assert_eq!(c.snapshot.current, 0);
    assert!(
        run(&mut c, Command::PreviousOfficial).is_empty(),
        "nothing before the first"
    );
}

#[test]
fn stages_move_forward_and_back_through_writes() {
    let mut c = console();
    let slot = c.slot().unwrap().id;
    assert_eq!(
        run(&mut c, Command::NextStage),
        [Effect::SetStage {
            slot,
            from: Stage::Pending,
            to: Stage::Report
        }]
    );
    assert!(
        run(&mut c, Command::PreviousStage).is_empty(),
        "already first"
    );
    assert!(c.recorder.message.as_ref().unwrap().is_error);
    assert!(
        run(&mut c, Command::ToggleTimer).is_empty(),
        "not timed yet"
    );
    assert!(c.recorder.message.as_ref().unwrap().is_error);
}

#[test]
fn editors_open_on_the_right_text() {
    let mut c = console();
    let slot = c.slot().unwrap().id;
    let question = c.snapshot.detail.questions[0].id;
    run(&mut c, Command::NextStage);
    run(&mut c, Command::NextStage);
    c.snapshot.agenda[0].stage = Stage::Questions;
    assert!(
        run(&mut c, Command::EditAnswer).is_empty(),
        "opening an answer marks nothing"
    );
    assert!(
        matches!(&c.recorder.mode, Mode::Editor(e) if e.target == TextTarget::Answer { slot, question })
    );
    for (command, target) in [
        (Command::EditRemarks, TextTarget::Remarks { slot }),
        (Command::EditNote, TextTarget::Note { slot }),
        (Command::EditClosing, TextTarget::Closing { meeting: 1 }),
    ] {
        c.recorder.mode = Mode::Browse;
        assert!(run(&mut c, command).is_empty());
        assert!(
            matches!(&c.recorder.mode, Mode::Editor(e) if e.target == target),
            "{command:?}"
        );
    }
}

#[test]
fn forms_open_for_their_commands() {
    for (command, kind) in [
        (Command::AddQuestion, FormKind::AddQuestion),
        (Command::RecordRating, FormKind::Rating),
        (Command::AddFollowUp, FormKind::FollowUp),
        (Command::Skip, FormKind::Skip),
        (Command::Jump, FormKind::Jump),
    ] {
        let mut c = console();
        assert!(run(&mut c, command).is_empty());
        assert!(
            matches!(&c.recorder.mode, Mode::Form(f) if f.kind == kind),
            "{command:?}: {:?}",
            c.recorder.mode
        );
    }
}

#[test]
fn meeting_wide_commands() {
    let mut c = console();
    let question = c.snapshot.detail.questions[0].id;
    // `w` asks first: a reason only if the recorder picks one; Enter marks it without.
    assert!(run(&mut c, Command::ToggleWrittenReply).is_empty());
    assert!(
        matches!(&c.recorder.mode, Mode::Confirm(_)),
        "{:?}",
        c.recorder.mode
    );
    assert_eq!(
        update(&mut c, Action::Confirm),
        [Effect::SetWrittenReply {
            question,
            needed: true,
            reason: String::new(),
        }]
    );
    assert_eq!(run(&mut c, Command::Export), [Effect::ExportAll]);
    assert_eq!(
        run(&mut c, Command::CycleTheme),
        [Effect::SaveTheme { name: "b".into() }]
    );
    run(&mut c, Command::Search);
    assert!(matches!(c.recorder.mode, Mode::Search(_)));
    c.recorder.mode = Mode::Browse;
    run(&mut c, Command::Help);
    assert!(matches!(c.recorder.mode, Mode::Help));
    c.recorder.mode = Mode::Browse;
    run(&mut c, Command::ToggleProjection);
    assert!(c.recorder.projecting);
    run(&mut c, Command::ToggleBlank);
    run(&mut c, Command::ToggleBlank);
    assert!(c.recorder.projecting, "blank and back");
    run(&mut c, Command::ToggleSpotlight);
    run(&mut c, Command::ToggleProjectedAnswers);
    assert!(c.room.answers);
    run(&mut c, Command::Quit);
    assert!(c.quit);
}

fn text_failure(target: TextTarget, body: &str) -> Action {
    Action::SaveFailed(Failure {
        reason: "磁盘已满".into(),
        write: FailedWrite::Text {
            target,
            body: body.into(),
            rescue: Ok("/tmp/rescue.txt".into()),
            busy: false,
        },
    })
}

#[test]
fn a_failed_save_keeps_the_text_and_holds_back_one_quit() {
    let mut c = console();
    let slot = c.slot().unwrap().id;
    let target = TextTarget::Remarks { slot };
    run(&mut c, Command::EditRemarks);
    update(&mut c, Action::Paste("点评".into()));
    let effects = update(&mut c, Action::Command(Command::Quit));
    assert!(matches!(&effects[0], Effect::SaveText { body, .. } if body == "点评"));
    assert!(c.quit);
    update(&mut c, text_failure(target, "点评"));
    assert!(!c.quit, "the first quit is held back");
    // The editor stays open with its text (q keeps an open editor for the next start).
    assert!(
        matches!(&c.recorder.mode, Mode::Editor(e) if e.body() == "点评"),
        "{:?}",
        c.recorder.mode
    );
    let problem = c.saving.problem.clone().unwrap();
    assert!(
        problem.contains("/tmp/rescue.txt") && problem.contains("Ctrl-C"),
        "{problem}"
    );
    let retried = update(&mut c, Action::Command(Command::Quit));
    assert!(
        matches!(&retried[..], [Effect::SaveText { body, .. }] if body == "点评"),
        "tried once more: {retried:?}"
    );
    update(&mut c, text_failure(target, "点评"));
    assert!(c.quit, "the second quit leaves");
    update(&mut c, Action::Saved);
    assert_eq!(c.saving.problem, None);
}

/// The recorder's keys after a failed save do what they always do: Esc leaves the editor
/// (the text kept, the failure shown), the next keys are commands, and the text comes back
/// when its editor is opened again; it is tried again on its own meanwhile.
#[test]
fn keys_after_a_failed_save_are_commands_and_the_text_is_kept_and_retried() {
    let mut c = console();
    let slot = c.slot().unwrap().id;
    let target = TextTarget::Remarks { slot };
    run(&mut c, Command::EditRemarks);
    update(&mut c, Action::Paste("点评".into()));
    update(&mut c, text_failure(target, "点评"));
    assert!(matches!(&c.recorder.mode, Mode::Editor(e) if e.body() == "点评"));
    let left = update(&mut c, Action::Cancel);
    assert!(matches!(&left[0], Effect::SaveText { body, .. } if body == "点评"));
    update(&mut c, text_failure(target, "点评"));
    assert!(
        matches!(c.recorder.mode, Mode::Browse),
        "Esc left: {:?}",
        c.recorder.mode
    );
    assert!(c.saving.problem.as_deref().unwrap().contains("未能保存"));
    // `j` is a command again, not a letter in the text.
    let pane = c.recorder.focus;
    let row = c.selection(pane);
    let j = shuze::app::keys::action_for(&c.recorder.mode, key('j')).unwrap();
    update(&mut c, j);
    assert!(matches!(c.recorder.mode, Mode::Browse));
    assert_eq!(c.selection(pane), row + 1, "moved down");
    // A few seconds later it is tried again by itself.
    let due = c.saving.left_retry_at.expect("a retry is due");
    assert_eq!(c.next_deadline(), Some(due));
    c.now = due;
    let retried = update(&mut c, Action::Tick);
    assert!(
        matches!(&retried[..], [Effect::SaveText { body, .. }] if body == "点评"),
        "{retried:?}"
    );
    update(&mut c, text_failure(target, "点评"));
    // Opened again, the editor holds the text and saves it from there.
    run(&mut c, Command::EditRemarks);
    assert!(matches!(&c.recorder.mode, Mode::Editor(e) if e.body() == "点评"));
    assert!(c.saving.left_unsaved.is_empty());
    let saved = update(&mut c, Action::Tick);
    assert!(
        matches!(&saved[..], [Effect::SaveText { body, .. } | Effect::SaveDraft { body, .. }] if body == "点评"),
        "{saved:?}"
    );
}

#[test]
fn a_failed_form_write_opens_the_form_again() {
    let mut c = console();
    run(&mut c, Command::AddQuestion);
    update(&mut c, Action::Paste("人大代表".into()));
    update(&mut c, Action::Step(1));
    update(&mut c, Action::Paste("现场的问题".into()));
    let effects = update(&mut c, Action::Confirm);
    assert!(matches!(effects[0], Effect::AddQuestion { .. }));
    assert!(matches!(c.recorder.mode, Mode::Browse));
    update(
        &mut c,
        Action::SaveFailed(Failure {
            reason: "数据库正被另一个程序占用".into(),
            write: FailedWrite::Form,
        }),
    );
    match &c.recorder.mode {
        Mode::Form(form) => {
            assert_eq!(form.text(1), "现场的问题");
            assert!(form.error.as_deref().unwrap().contains("占用"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_rescue_offer_is_taken_with_enter_and_declined_with_esc() {
    let mut c = console();
    let slot = c.slot().unwrap().id;
    let offer = |path: &str| RescueOffer {
        path: path.into(),
        target: TextTarget::Remarks { slot },
        context: String::new(),
        rescued: "未保存的点评".into(),
        rescued_at: at(5),
        saved: String::new(),
    };
    c.offer(vec![offer("/a"), offer("/b")]);
    let taken = update(&mut c, Action::Confirm);
    assert_eq!(
        taken[..2],
        [
            Effect::SaveText {
                target: TextTarget::Remarks { slot },
                body: "未保存的点评".into()
            },
            Effect::SettleRescue {
                path: "/a".into(),
                taken: true
            }
        ]
    );
    assert!(matches!(&c.recorder.mode, Mode::Rescue(o) if o.path == Path::new("/b")));
    let declined = update(&mut c, Action::Cancel);
    assert_eq!(
        declined[0],
        Effect::SettleRescue {
            path: "/b".into(),
            taken: false
        }
    );
    assert!(matches!(c.recorder.mode, Mode::Browse));
}

#[test]
fn esc_and_a_letter_read_together_are_two_keys_an_uppercase_one_too() {
    use shuze::app::key::{KeyCode, KeyEvent, KeyModifiers};
    use shuze::app::keys::split_escape;
    let alt_shift = KeyModifiers {
        alt: true,
        shift: true,
        ..KeyModifiers::NONE
    };
    assert_eq!(
        split_escape(KeyEvent::new(KeyCode::Char('R'), alt_shift)),
        [
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT)
        ]
    );
    let ctrl_alt = KeyModifiers {
        ctrl: true,
        alt: true,
        ..KeyModifiers::NONE
    };
    let kept = KeyEvent::new(KeyCode::Char('x'), ctrl_alt);
    assert_eq!(split_escape(kept), [kept]);
}

#[test]
fn a_rescue_offer_waits_while_a_reopened_form_is_on_screen() {
    let mut c = console();
    let slot = c.slot().unwrap().id;
    run(&mut c, Command::AddQuestion);
    c.offer(vec![RescueOffer {
        path: "/a".into(),
        target: TextTarget::Remarks { slot },
        context: String::new(),
        rescued: "未保存的点评".into(),
        rescued_at: at(5),
        saved: String::new(),
    }]);
    assert!(
        matches!(c.recorder.mode, Mode::Form(_)),
        "the form keeps the screen"
    );
    update(&mut c, Action::Cancel);
    assert!(
        matches!(c.recorder.mode, Mode::Rescue(_)),
        "offered once the form is closed"
    );
}

/// Ctrl-C keeps what SIGTERM keeps: a half-filled form and an open editor stay open, in the
/// resume point for the next start; the editor's text is saved on the way out.
#[test]
fn ctrl_c_keeps_a_half_filled_form_and_an_open_editor_for_the_next_start() {
    let mut c = console();
    run(&mut c, Command::AddQuestion);
    update(&mut c, Action::Paste("县人大代表 某某".into()));
    update(&mut c, Action::Step(1));
    update(&mut c, Action::Paste("半句".into()));
    assert!(update(&mut c, Action::Command(Command::Quit)).is_empty());
    assert!(c.quit);
    let form = c
        .resume_point()
        .form
        .expect("the form is in the resume point");
    assert_eq!(
        form.values,
        [
            SavedValue::Text("县人大代表 某某".into()),
            SavedValue::Text("半句".into())
        ]
    );
    assert_eq!(form.focus, 1);

    let mut c = console();
    run(&mut c, Command::EditRemarks);
    update(&mut c, Action::Paste("点评一半".into()));
    let effects = update(&mut c, Action::Command(Command::Quit));
    assert!(
        matches!(effects.as_slice(), [Effect::SaveText { body, .. }] if body == "点评一半"),
        "{effects:?}"
    );
    assert!(c.quit);
    let editing = c
        .resume_point()
        .editing
        .expect("the editor is in the resume point");
    assert_eq!(editing.kind, shuze::app::EditingKind::Remarks);
}

/// The `w` step: the reason written is the one the recorder picked by its digit, none
/// when Enter is pressed; Esc marks nothing; `w` on a marked question takes the mark off.
#[test]
fn a_written_reply_carries_only_the_reason_chosen() {
    use shuze::app::key::{KeyCode, KeyEvent, KeyModifiers};
    use shuze::domain::WRITTEN_REASONS;
    let mut c = console();
    let question = c.snapshot.detail.questions[0].id;
    run(&mut c, Command::ToggleWrittenReply);
    let Mode::Confirm(asked) = &c.recorder.mode else {
        panic!("{:?}", c.recorder.mode)
    };
    for reason in WRITTEN_REASONS {
        assert!(asked.text.contains(reason), "{}", asked.text);
    }
    assert!(update(&mut c, Action::Cancel).is_empty());
    assert!(matches!(c.recorder.mode, Mode::Browse));
    run(&mut c, Command::ToggleWrittenReply);
    let two = KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE);
    assert_eq!(
        update(&mut c, Action::Input(two)),
        [Effect::SetWrittenReply {
            question,
            needed: true,
            reason: WRITTEN_REASONS[1].to_string(),
        }]
    );
    assert!(matches!(c.recorder.mode, Mode::Browse));
    // A digit past the list (or 0, or a letter) chooses nothing and leaves the question open.
    run(&mut c, Command::ToggleWrittenReply);
    for other in ['9', '0', 'x'] {
        let key = KeyEvent::new(KeyCode::Char(other), KeyModifiers::NONE);
        assert!(update(&mut c, Action::Input(key)).is_empty(), "{other}");
        assert!(matches!(c.recorder.mode, Mode::Confirm(_)), "{other}");
    }
    update(&mut c, Action::Cancel);
    c.snapshot.detail.questions[0].needs_written_reply = true;
    assert_eq!(
        run(&mut c, Command::ToggleWrittenReply),
        [Effect::SetWrittenReply {
            question,
            needed: false,
            reason: String::new(),
        }]
    );
}
