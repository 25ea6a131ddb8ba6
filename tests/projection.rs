//! The projected picture: the audience view follows what a second connection writes, shows
//! nothing private, blanks at once, and draws at every size without cutting a character.

mod common;

use common::pty::Console;
use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use shuze::app::projection::Picture;
use shuze::app::{Action, Command};
use shuze::labels::Lang;
use shuze::present::Audience;
use shuze::storage::Store;
use shuze::ui::{self, Theme, projection};
use unicode_width::UnicodeWidthStr;

fn rows(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        out.push('\n');
    }
    out
}

fn draw_console(session: &shuze::session::Session, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| ui::draw(f, &session.console, &Theme::projector_dark()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn draw_audience(audience: &Audience, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| ui::projection::draw(f, &audience.projection(), &Theme::projector_dark()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn assert_whole_characters(buffer: &Buffer) {
    let area = buffer.area;
    for y in 0..area.height {
        for x in 0..area.width {
            if buffer[(x, y)].symbol().width() == 2 {
                assert!(
                    x + 1 < area.width && buffer[(x + 1, y)].symbol().trim().is_empty(),
                    "cut at ({x},{y})\n{}",
                    rows(buffer)
                );
            }
        }
    }
}

#[test]
fn the_audience_view_follows_what_the_recorder_writes() {
    let (_dir, path) = temp_db();
    let mut recorder = sample_session(&path);
    let mut audience =
        Audience::open(Store::open_read_only(&path).unwrap(), None, Lang::Zh, true).unwrap();
    assert!(!audience.follow().unwrap(), "nothing new yet");
    recorder.handle(Action::Command(Command::NextStage), at(0));
    recorder.handle(Action::Command(Command::NextStage), at(60));
    recorder.handle(Action::Command(Command::EditAnswer), at(61));
    recorder.handle(Action::Paste("清单已印发，谈话42人次".into()), at(62));
    recorder.handle(Action::Tick, at(63));
    assert!(
        audience.follow().unwrap(),
        "the commit is seen at the next poll"
    );
    audience.now = at(64);
    let text = rows(&draw_audience(&audience, 120, 36));
    assert!(text.contains("提问质询"), "{text}");
    assert!(text.contains("你作为单位"), "the current question:\n{text}");
    assert!(
        text.contains("答: 清单已印发，谈话42人次"),
        "the answer as recorded:\n{text}"
    );
    recorder.handle(Action::Cancel, at(65));
    recorder.handle(Action::Command(Command::NextOfficial), at(66));
    recorder.handle(Action::Confirm, at(66));
    assert!(audience.follow().unwrap());
    assert!(
        rows(&draw_audience(&audience, 120, 36)).contains("县财政局局长"),
        "it follows to the next official"
    );
}

#[test]
fn the_audience_view_never_writes() {
    let (_dir, path) = temp_db();
    let _recorder = sample_session(&path);
    let audience =
        Audience::open(Store::open_read_only(&path).unwrap(), None, Lang::Zh, false).unwrap();
    let mut store = audience.store;
    let err = store.save_text(shuze::storage::TextTarget::Remarks { slot: 1 }, "x", at(0));
    assert!(err.is_err(), "the connection is read-only");
}

#[test]
fn nothing_private_reaches_the_projected_picture() {
    let (_dir, path) = temp_db();
    let mut s = recorded_sample(&path);
    let secret = "此人情绪激动，会后单独谈话";
    s.handle(Action::Command(Command::ToggleProjection), at(100_000));
    s.handle(Action::Command(Command::EditNote), at(100_001));
    s.handle(Action::Paste(secret.into()), at(100_002));
    for (w, h) in [(60, 18), (80, 24), (120, 36), (200, 60)] {
        let text = rows(&draw_console(&s, w, h));
        assert!(
            !text.contains("情绪激动"),
            "{w}x{h} while the note is typed:\n{text}"
        );
        assert!(!text.contains("会后单独提醒"), "{w}x{h}: the earlier note");
        assert!(
            text.contains("私人备注不投影"),
            "{w}x{h}: the band says a note is written, not what:\n{text}"
        );
    }
    s.handle(Action::Cancel, at(100_003));
    s.handle(Action::Command(Command::Help), at(100_004));
    assert!(
        !rows(&draw_console(&s, 120, 36)).contains("按键说明"),
        "the help never shows on the picture"
    );
}

#[test]
fn blanking_shows_the_title_only_until_pressed_again() {
    let (_dir, path) = temp_db();
    let mut s = recorded_sample(&path);
    s.handle(Action::Command(Command::ToggleProjection), at(99_999));
    s.handle(Action::Command(Command::ToggleBlank), at(100_000));
    assert_eq!(s.console.room.shown(), Picture::Blank);
    let text = rows(&draw_console(&s, 120, 36));
    assert!(text.contains("某县纪委监委2026年度述责述廉会议"));
    assert!(!text.contains("张某") && !text.contains("孙某"), "{text}");
    // Blanking works from inside the editor too (F2), and comes back to what was there.
    s.handle(Action::Command(Command::ToggleBlank), at(100_001));
    assert_eq!(s.console.room.shown(), Picture::Card);
    s.handle(Action::Command(Command::EditRemarks), at(100_002));
    let f2 = shuze::app::keys::action_for(
        &s.console.recorder.mode,
        shuze::app::key::KeyCode::F(2).into(),
    )
    .unwrap();
    s.handle(f2, at(100_003));
    assert_eq!(s.console.room.shown(), Picture::Blank);
}

#[test]
fn every_picture_draws_at_every_size_without_cutting_a_character() {
    let (_dir, path) = temp_db();
    let mut s = recorded_sample(&path);
    s.handle(Action::Command(Command::Jump), at(100_000));
    s.handle(Action::Paste("1".into()), at(100_000));
    s.handle(Action::Confirm, at(100_000));
    // Leaving the last official's running clock is asked first.
    s.handle(Action::Confirm, at(100_000));
    s.handle(
        Action::Command(Command::ToggleProjectedAnswers),
        at(100_001),
    );
    s.console.recorder.projecting = true;
    for picture in [
        Picture::Card,
        Picture::Spotlight,
        Picture::Rating,
        Picture::FollowUps,
        Picture::Agenda,
        Picture::Pause,
        Picture::Title,
        Picture::Blank,
    ] {
        s.console.room.picture = picture;
        s.console.room.blank = picture == Picture::Blank;
        s.console.room.resume_at = Some(at(100_600));
        for (w, h) in [(60, 18), (80, 24), (120, 36), (200, 60), (240, 67), (20, 5)] {
            let buffer = draw_console(&s, w, h);
            assert_whole_characters(&buffer);
            if picture == Picture::Card && w >= 60 {
                let text = rows(&buffer);
                assert!(
                    text.contains("某某镇党委书记"),
                    "{picture:?} {w}x{h}:\n{text}"
                );
            }
        }
    }
}

/// The half-row pixels drawn in `colour` with the half blocks: (column, half row).
fn drawn_pixels(buffer: &Buffer, colour: ratatui::style::Color) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            if cell.fg != colour {
                continue;
            }
            let (top, bottom) = match cell.symbol() {
                "█" => (true, true),
                "▀" => (true, false),
                "▄" => (false, true),
                _ => continue,
            };
            let (x, y) = (x as usize, y as usize * 2);
            if top {
                out.push((x, y));
            }
            if bottom {
                out.push((x, y + 1));
            }
        }
    }
    out
}

/// `text` in Unifont at `scale`, a pixel `scale` columns by `scale` half rows.
fn unifont_pixels(text: &str, scale: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut x0 = 0;
    for c in text.chars() {
        let g = unifont::get_glyph(c).unwrap();
        for py in 0..16 {
            for px in 0..g.get_width() {
                if g.get_pixel(px, py) {
                    for dx in 0..scale {
                        for dy in 0..scale {
                            out.push((x0 + px * scale + dx, py * scale + dy));
                        }
                    }
                }
            }
        }
        x0 += g.get_width() * scale;
    }
    out
}

/// Pixels moved so that the first lit column and row are 0, sorted.
fn normalised(mut pixels: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let x = pixels.iter().map(|p| p.0).min().unwrap_or(0);
    let y = pixels.iter().map(|p| p.1).min().unwrap_or(0);
    for p in &mut pixels {
        *p = (p.0 - x, p.1 - y);
    }
    pixels.sort();
    pixels
}

#[test]
fn the_spotlight_draws_whole_unifont_pixels_never_fewer() {
    let (_dir, path) = temp_db();
    let mut s = recorded_sample(&path);
    s.handle(Action::Command(Command::NextStage), at(100_000));
    s.console.now = at(100_011);
    let theme = Theme::projector_dark();
    let mut p = s.console.projection(&s.console.room);
    p.picture = Picture::Spotlight;
    let name = p.official.as_ref().unwrap().name.clone();
    let time = p.clock().unwrap().remaining();
    for (w, h) in [(60, 18), (106, 29), (160, 45), (240, 67)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|frame| projection::draw(frame, &p, &theme))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        let screen = rows(&buffer);
        for (what, words, colour) in [("name", &name, theme.accent), ("clock", &time, theme.text)] {
            let drawn = normalised(drawn_pixels(&buffer, colour));
            // Where both cannot be large (60x18 less its margins), the clock is in words.
            if what == "clock" && h < 20 && drawn.is_empty() {
                assert!(
                    screen.contains(time.as_str()),
                    "{w}x{h}: the clock in words:\n{screen}"
                );
                continue;
            }
            let scale = (1..=8).find(|&k| normalised(unifont_pixels(words, k)) == drawn);
            assert!(
                scale.is_some(),
                "{w}x{h}: the {what} {words} is Unifont at a whole scale ({} pixels drawn):\n{screen}",
                drawn.len()
            );
        }
    }
}

#[test]
fn two_terminals_the_recorders_keys_show_up_in_the_audience_view() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut recorder = Console::start(&[db.to_str().unwrap()], 120, 36);
    recorder.wait_for("第 1/8 位", 10);
    let audience = Console::start(&["present", db.to_str().unwrap(), "--answers"], 100, 30);
    // A meeting not yet begun shows its title screen until the recorder shows the card.
    audience.wait_for("主持人", 10);
    // The recorder's choice replaces the audience view's own (`--answers`): answers on.
    recorder.send("1v");
    audience.wait_for("某某镇党委书记", 10);
    recorder.begin_report();
    recorder.send("s\r");
    recorder.send("已建立台账");
    audience.wait_for("答: 已建立台账", 3);
    recorder.send("\x1b");
    recorder.send("m");
    recorder.send("不可投影的备注");
    recorder.send("\x1b");
    recorder.send("n");
    recorder.send("y");
    audience.wait_for("县财政局局长", 3);
    assert!(!audience.screen().contains("不可投影"));
    recorder.send("q");
    assert!(recorder.wait_exit(10));
}

/// The recorder puts every picture on the projector from their own keyboard; the audience
/// view's own key holds until the recorder next changes the picture.
#[test]
fn two_terminals_the_recorders_picture_keys_change_the_audience_view() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let mut recorder = Console::start(&[db.to_str().unwrap()], 120, 36);
    recorder.wait_for("第 1/8 位", 10);
    let mut audience = Console::start(&["present", db.to_str().unwrap()], 100, 30);
    audience.wait_for("主持人", 10);
    recorder.send("1");
    audience.wait_for("某某镇党委书记", 10);
    recorder.send("4");
    audience.wait_for("正在述责", 3);
    assert!(audience.screen().contains("县财政局"), "the agenda");
    recorder.send("5+");
    audience.wait_for("会议稍后继续", 3);
    audience.wait_for("距复会", 3);
    recorder.send("b");
    // Blanked: the pause is gone and the title alone stays (it is on the pause screen too,
    // so waiting for it alone would pass before the blank arrived).
    audience.wait_gone("会议稍后继续", 3);
    audience.wait_for("某县纪委监委2026年度述责述廉会议", 3);
    recorder.send("b6");
    audience.wait_for("主持人", 3);
    recorder.send("1");
    audience.wait_for("某某镇党委书记", 3);
    // The projector's own key, until the recorder next chooses a picture.
    audience.send("4");
    audience.wait_for("正在述责", 3);
    // Moving on and starting the report change what the room's agenda shows, not the
    // picture: once the audience view shows the new stage it has followed the recorder,
    // and it still shows its own picture.
    recorder.send("j");
    recorder.send("k");
    recorder.begin_report();
    audience.wait_for("述责报告", 10);
    let screen = audience.screen();
    assert!(
        screen.contains("议程") && screen.contains("正在述责"),
        "the audience view's own picture kept:\n{screen}"
    );
    recorder.send("3");
    audience.wait_for("本次会议尚未提出整改问题", 3);
    // Recording keys stay where they were: the recorder's screen is the recorder's.
    assert!(recorder.screen().contains("[投影：问题清单 · "));
    recorder.send("q");
    assert!(recorder.wait_exit(10));
    audience.send("q");
    assert!(audience.wait_exit(10));
}

#[test]
fn the_audience_views_own_keys_hold_until_the_recorder_changes_the_picture() {
    use shuze::app::key::{KeyCode, KeyEvent};
    let (_dir, path) = temp_db();
    let mut recorder = sample_session(&path);
    let mut audience =
        Audience::open(Store::open_read_only(&path).unwrap(), None, Lang::Zh, false).unwrap();
    let key = |c: char| KeyEvent::from(KeyCode::Char(c));
    assert!(audience.key(key('z')));
    assert_eq!(audience.room().shown(), Picture::Spotlight);
    assert!(audience.key(key('b')));
    assert_eq!(audience.room().shown(), Picture::Blank);
    assert!(audience.key(KeyEvent::from(KeyCode::F(2))));
    assert_eq!(audience.room().shown(), Picture::Spotlight, "back");
    assert!(audience.key(key('v')));
    assert!(audience.room().answers);
    let theme = audience.theme.clone();
    assert!(audience.key(key('c')), "a recording key does nothing here");
    assert_eq!(audience.theme, theme);
    recorder.handle(Action::Command(Command::NextStage), at(1));
    assert!(audience.follow().unwrap());
    assert_eq!(
        audience.room().shown(),
        Picture::Spotlight,
        "kept while the recorder only records"
    );
    assert!(audience.room().answers, "kept");
    // The recorder chooses a picture: the audience view's own choice gives way.
    recorder.handle(Action::Command(Command::ShowAgenda), at(2));
    assert!(audience.follow().unwrap());
    assert_eq!(audience.room().shown(), Picture::Agenda);
    assert!(!audience.room().answers, "the recorder's choice");
    let text = rows(&draw_audience(&audience, 120, 36));
    assert!(text.contains("议程") && text.contains("县财政局"), "{text}");
    assert!(!audience.key(key('q')), "q leaves");
}

/// Each picture the recorder chooses reaches the audience view through the file, with what
/// it shows; blanking, answers and the pause countdown too.
#[test]
fn the_recorders_picture_keys_choose_what_the_audience_view_shows() {
    use shuze::app::Action::{Command as C, Confirm, Input, Paste, Step};
    use shuze::app::Command::*;
    let (_dir, path) = temp_db();
    let mut recorder = sample_session(&path);
    let mut audience =
        Audience::open(Store::open_read_only(&path).unwrap(), None, Lang::Zh, false).unwrap();
    let mut second = 0;
    let mut shows = |recorder: &mut shuze::session::Session, actions: Vec<Action>| {
        for action in actions {
            second += 1;
            recorder.handle(action, at(second));
        }
        audience.follow().unwrap();
        audience.now = at(second);
        rows(&draw_audience(&audience, 120, 36))
    };
    let text = shows(&mut recorder, vec![C(ShowTitle)]);
    assert!(
        text.contains("某县纪委监委2026年度述责述廉会议") && text.contains("主持人"),
        "the title screen:\n{text}"
    );
    assert!(
        !text.contains("张某"),
        "no official on the title screen:\n{text}"
    );
    let text = shows(
        &mut recorder,
        vec![
            // 参评人数 as given (the voting attendees present); tallies typed over the 0s.
            C(RecordRating),
            Step(1),
            Paste("5".into()),
            Step(1),
            Paste("1".into()),
            Confirm,
            C(ShowRating),
        ],
    );
    assert!(
        text.contains("张某  民主测评结果") && text.contains("好和较好"),
        "the rating result:\n{text}"
    );
    let text = shows(
        &mut recorder,
        vec![
            C(AddFollowUp),
            Input(shuze::app::key::KeyEvent::from(
                shuze::app::key::KeyCode::Right,
            )),
            Step(2),
            Paste("谈话记录不全".into()),
            Confirm,
            C(ShowFollowUps),
        ],
    );
    assert!(
        text.contains("问题清单") && text.contains("1. 谈话记录不全"),
        "the follow-ups:\n{text}"
    );
    let text = shows(
        &mut recorder,
        vec![C(ShowPause), C(PauseLonger), C(PauseLonger)],
    );
    assert!(text.contains("会议稍后继续"), "the pause screen:\n{text}");
    assert!(text.contains("距复会"), "with its countdown:\n{text}");
    let text = shows(&mut recorder, vec![C(ToggleBlank)]);
    assert!(!text.contains("会议稍后继续"), "blanked:\n{text}");
    let text = shows(&mut recorder, vec![C(ToggleBlank)]);
    assert!(text.contains("会议稍后继续"), "back to the pause:\n{text}");
    let text = shows(&mut recorder, vec![C(ShowCard)]);
    assert!(text.contains("某某镇党委书记"), "the card:\n{text}");
    assert!(!text.contains("会议稍后继续"), "{text}");
    // The recorder's own screen stays the recorder's layout, and says what the room sees.
    let console = rows(&draw_console(&recorder, 160, 45));
    assert!(console.contains("[投影：述责人 · "), "{console}");
    assert!(console.contains("主体责任事项"), "{console}");
}

/// A file written before the picture was saved reads as the official's card.
#[test]
fn a_resume_point_without_a_picture_reads_as_the_card() {
    let point: shuze::app::ResumePoint =
        serde_json::from_str(r#"{"slot":1,"focus":"Questions","selected":[0,0,0,0,0]}"#).unwrap();
    assert_eq!(point.room.shown(), Picture::Card);
    assert!(!point.room.answers);
}

/// The audience view reads the official's detail again only when its mark moved: after
/// every kind of write the recorder makes, what it holds is what a fresh start would show.
#[test]
fn the_audience_view_following_holds_what_a_fresh_start_reads() {
    use shuze::app::Action::{Cancel, Command as C, Confirm, Paste, Step, Tick};
    use shuze::app::Command::*;
    let (_dir, path) = temp_db();
    let mut recorder = sample_session(&path);
    let mut audience =
        Audience::open(Store::open_read_only(&path).unwrap(), None, Lang::Zh, true).unwrap();
    let script = vec![
        vec![C(NextStage)],
        vec![C(ToggleTimer)],
        vec![C(ToggleTimer), C(NextStage)],
        vec![C(EditAnswer), Paste("清单已印发".into()), Tick],
        vec![Paste("，谈话42人次".into()), Tick],
        vec![Cancel],
        vec![C(MoveDown)],
        vec![C(ToggleWrittenReply), Confirm],
        vec![C(AddQuestion), Paste("委员某某".into()), Step(1)],
        vec![Paste("现场提问？".into()), Confirm],
        vec![
            C(RecordRating),
            Paste("20".into()),
            Step(1),
            Paste("15".into()),
            Confirm,
        ],
        vec![C(EditRemarks), Paste("点评第一段".into()), Tick, Cancel],
        vec![C(EditNote), Paste("私人备注".into()), Tick, Cancel],
        vec![C(EditClosing), Paste("会议总结".into()), Tick, Cancel],
        vec![C(CycleTheme)],
        vec![C(ShowRating)],
        vec![C(ToggleSpotlight), C(ToggleProjectedAnswers)],
        vec![C(ToggleBlank)],
        vec![C(PauseLonger)],
        vec![C(ShowCard)],
        vec![C(NextOfficial), Confirm],
        vec![C(NextStage), C(NextStage)],
        vec![C(PreviousOfficial), Confirm],
        vec![C(AddFollowUp), Paste("整改问题".into()), Confirm, Cancel],
        vec![C(Skip), Paste("因公外出".into()), Confirm, Cancel],
    ];
    let mut second = 0;
    for (step, actions) in script.into_iter().enumerate() {
        for action in actions {
            second += 1;
            recorder.handle(action, at(second));
        }
        audience.follow().unwrap();
        let mut fresh =
            Audience::open(Store::open_read_only(&path).unwrap(), None, Lang::Zh, true).unwrap();
        fresh.now = audience.now;
        let (followed_room, fresh_room) = (audience.projection(), fresh.projection());
        let (followed, fresh) = (&audience, &fresh);
        let (snapshot, fresh_snapshot) = (&followed.snapshot, &fresh.snapshot);
        assert_eq!(
            snapshot.detail, fresh_snapshot.detail,
            "step {step}: the detail"
        );
        assert_eq!(
            snapshot.agenda, fresh_snapshot.agenda,
            "step {step}: the agenda"
        );
        assert_eq!(
            snapshot.timings, fresh_snapshot.timings,
            "step {step}: the clocks"
        );
        assert_eq!(
            snapshot.closing, fresh_snapshot.closing,
            "step {step}: the closing"
        );
        assert_eq!(
            snapshot.current, fresh_snapshot.current,
            "step {step}: the official"
        );
        assert_eq!(
            followed.shown, fresh.shown,
            "step {step}: the rows and the picture"
        );
        assert_eq!(followed.theme, fresh.theme, "step {step}: the theme");
        assert_eq!(followed_room, fresh_room, "step {step}: what the room sees");
    }
    assert_eq!(
        audience.snapshot.slot().map(|s| s.name.as_str()),
        Some("张某"),
        "back at the first official"
    );
}

/// The one-terminal layout: the recorder sees what they type, with the caret, in a band
/// over the projected picture; a picture's key never becomes text; `z` twice comes back.
#[test]
fn one_terminal_the_editor_shows_its_text_and_caret_on_the_projected_picture() {
    use shuze::app::key::{KeyCode, KeyEvent};
    use shuze::app::keys::action_for;
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.handle(Action::Command(Command::ToggleProjection), at(0));
    s.handle(Action::Command(Command::NextStage), at(1));
    s.handle(Action::Command(Command::NextStage), at(2));
    s.handle(Action::Command(Command::EditAnswer), at(3));
    s.handle(Action::Paste("已建立台账".into()), at(4));
    for (w, h) in [(60, 18), (80, 24), (160, 45)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| ui::draw(f, &s.console, &Theme::projector_dark()))
            .unwrap();
        let cursor = terminal.get_cursor_position().ok();
        let buffer = terminal.backend().buffer().clone();
        let text = rows(&buffer);
        let typed_row = text
            .lines()
            .position(|l| l.contains("已建立台账") && !l.contains("答:"))
            .unwrap_or_else(|| panic!("{w}x{h}: the text being typed shows:\n{text}"));
        let caret = cursor.unwrap_or_else(|| panic!("{w}x{h}: a caret"));
        assert_eq!(
            caret.y as usize, typed_row,
            "{w}x{h}: the caret on the text"
        );
        let line = text.lines().nth(caret.y as usize).unwrap_or_default();
        let before = shuze::ui::text::truncate(line, caret.x as usize);
        assert!(
            before.trim_end().ends_with("已建立台账"),
            "{w}x{h}: the caret after the last character: {before:?}"
        );
        assert_whole_characters(&buffer);
    }
    // A picture's function key changes the picture; it is not typed.
    for code in [KeyCode::F(4), KeyCode::F(3), KeyCode::F(2), KeyCode::F(2)] {
        let action = action_for(&s.console.recorder.mode, KeyEvent::from(code)).unwrap();
        s.handle(action, at(5));
    }
    let shuze::app::Mode::Editor(editor) = &s.console.recorder.mode else {
        panic!("the editor stays open");
    };
    assert_eq!(
        editor.body(),
        "已建立台账",
        "nothing typed by the picture keys"
    );
    assert!(s.console.recorder.projecting);
    // A private note: the band says it is written, never what.
    s.handle(Action::Cancel, at(6));
    s.handle(Action::Command(Command::EditNote), at(7));
    s.handle(Action::Paste("情绪激动".into()), at(8));
    let text = rows(&draw_console(&s, 120, 36));
    assert!(text.contains("已输入 4 字"), "{text}");
    assert!(!text.contains("情绪激动"), "{text}");
    s.handle(Action::Cancel, at(9));
    // `z` twice: the same layout and the same picture as before, in either layout.
    for projecting in [true, false] {
        s.console.recorder.projecting = projecting;
        let before = s.console.room.shown();
        s.handle(Action::Command(Command::ToggleSpotlight), at(10));
        assert_eq!(s.console.room.shown(), Picture::Spotlight);
        s.handle(Action::Command(Command::ToggleSpotlight), at(11));
        assert_eq!(s.console.recorder.projecting, projecting);
        assert_eq!(s.console.room.shown(), before);
    }
}

/// A form opened in the one-terminal layout shows with its fields and what is typed.
#[test]
fn one_terminal_a_form_shows_on_the_projected_picture() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    s.handle(Action::Command(Command::ToggleProjection), at(0));
    s.handle(Action::Command(Command::ShowCard), at(0));
    s.handle(Action::Command(Command::AddQuestion), at(1));
    s.handle(Action::Paste("委员某某".into()), at(2));
    for (w, h) in [(60, 18), (120, 36)] {
        let text = rows(&draw_console(&s, w, h));
        assert!(text.contains("委员某某"), "{w}x{h}:\n{text}");
        assert!(
            text.contains("某某镇党委书记"),
            "the picture stays above:\n{text}"
        );
    }
}
#[test]
fn the_card_puts_the_name_first_the_clock_second_the_question_third() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    // On the meeting's day: the first stage asks nothing about the date.
    s.handle(Action::Command(Command::NextStage), at(10_000));
    s.handle(Action::Command(Command::NextStage), at(10_001));
    s.console.now = at(10_011);
    let theme = Theme::projector_dark();
    let mut p = s.console.projection(&s.console.room);
    p.picture = Picture::Card;
    let name = p.official.as_ref().unwrap().name.clone();
    let question = p.question.clone().expect("a question is shown at 提问质询");
    for (w, h) in [
        (60, 18),
        (63, 18),
        (87, 24),
        (106, 29),
        (160, 45),
        (240, 67),
    ] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|frame| projection::draw(frame, &p, &theme))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        let screen = rows(&buffer);
        let lines: Vec<&str> = screen.lines().collect();
        let glyph_rows = |colour| {
            (0..h)
                .filter(|&y| {
                    (0..w).any(|x| {
                        let c = &buffer[(x, y)];
                        c.fg == colour && "▀▄█".contains(c.symbol())
                    })
                })
                .collect::<Vec<u16>>()
        };
        let name_glyphs = glyph_rows(theme.accent);
        let clock_glyphs = glyph_rows(theme.text);
        let stage_row = lines
            .iter()
            .position(|l| l.contains("剩余") && l.contains("提问质询"))
            .unwrap_or_else(|| panic!("{w}x{h}: the stage and 剩余:\n{screen}"));
        let name_row = match name_glyphs.first() {
            Some(&y) => y as usize,
            None => lines
                .iter()
                .position(|l| l.trim() == name)
                .unwrap_or_else(|| panic!("{w}x{h}: the name:\n{screen}")),
        };
        assert!(name_row < stage_row, "{w}x{h}: the name above the clock");
        assert!(
            name_glyphs.len() > clock_glyphs.len() || clock_glyphs.is_empty(),
            "{w}x{h}: the name larger than the clock:\n{screen}"
        );
        let bold_at = |y: usize| {
            (0..w).any(|x| {
                let c = &buffer[(x, y as u16)];
                c.symbol().trim() != "" && c.modifier.contains(Modifier::BOLD)
            })
        };
        assert!(bold_at(stage_row), "{w}x{h}: the stage and clock are bold");
        assert!(
            !name_glyphs.is_empty(),
            "{w}x{h}: the name in large glyphs at every size:\n{screen}"
        );
        // 87x24: 1920x1080 at 36 points, the back row's font.
        assert!(
            h < 24 || !clock_glyphs.is_empty(),
            "{w}x{h}: the clock in large glyphs too:\n{screen}"
        );
        assert!(
            h < 29 || lines[stage_row - 1].trim().is_empty(),
            "{w}x{h}: the clock set apart where rows allow:\n{screen}"
        );
        if name_glyphs.is_empty() {
            assert!(bold_at(name_row), "{w}x{h}: the name bold without glyphs");
        }
        let asked = lines.iter().position(|l| l.contains(&question.asker));
        if let Some(y) = asked {
            assert!(y > stage_row, "{w}x{h}: the question below the clock");
            assert!(!bold_at(y), "{w}x{h}: the question in plain text");
        } else {
            assert!(h < 24, "{w}x{h}: the question shown:\n{screen}");
        }
        // About 5 % of the screen left empty on every side.
        let (side, top) = ((w / 20) as usize, (h / 20) as usize);
        for (y, line) in lines.iter().enumerate() {
            let blank = y < top || y >= h as usize - top;
            let cells: Vec<char> = line.chars().collect();
            assert!(
                blank && line.trim().is_empty()
                    || !blank && cells.iter().take(side).all(|c| *c == ' '),
                "{w}x{h}: row {y} keeps the margin:\n{screen}"
            );
        }
    }
}

#[test]
fn the_audience_view_reads_what_the_room_sees_from_its_own_record_not_the_recorders_state() {
    let (_dir, path) = temp_db();
    let mut recorder = sample_session(&path);
    recorder.handle(Action::Command(Command::ShowAgenda), at(0));
    recorder.handle(Action::Command(Command::EditRemarks), at(1));
    recorder.handle(Action::Paste("点评的半句".into()), at(2));
    recorder.handle(Action::Tick, at(3));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (version, picture): (i64, String) = conn
        .query_row(
            "SELECT version, picture FROM room_view WHERE meeting_id = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!((version, picture.as_str()), (1, "agenda"));
    // The recorder's own state (an open editor, a saved place) is no business of the room:
    // even made unreadable, the audience view shows the agenda.
    conn.execute("UPDATE console_state SET state = '{not json'", [])
        .unwrap();
    let audience =
        Audience::open(Store::open_read_only(&path).unwrap(), None, Lang::Zh, false).unwrap();
    assert_eq!(audience.projection().picture, Picture::Agenda);
    let notice = audience.projection().notice.unwrap_or_default();
    assert!(!notice.contains("room_view"), "{notice}");
}

#[test]
fn a_record_of_the_room_that_cannot_be_read_is_said_on_the_picture() {
    let (_dir, path) = temp_db();
    let mut recorder = sample_session(&path);
    recorder.handle(Action::Command(Command::ShowAgenda), at(0));
    drop(recorder);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE room_view SET picture = 'slideshow'", [])
        .unwrap();
    let audience =
        Audience::open(Store::open_read_only(&path).unwrap(), None, Lang::Zh, false).unwrap();
    let text = rows(&draw_audience(&audience, 120, 36));
    assert!(
        text.contains("投影画面的记录（room_view）无法读取"),
        "the problem is shown, not dropped:\n{text}"
    );
    conn.execute("UPDATE room_view SET picture = 'agenda', version = 2", [])
        .unwrap();
    let audience =
        Audience::open(Store::open_read_only(&path).unwrap(), None, Lang::Zh, false).unwrap();
    let notice = audience.projection().notice.unwrap_or_default();
    assert!(notice.contains("格式版本 2"), "{notice}");
}
