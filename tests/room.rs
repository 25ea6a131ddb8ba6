//! What the room must read on the projected pictures, at every size: the question while
//! its answer is typed, a paused or overrun clock in words, lists in whole pages, the
//! title screen, and the console's own line saying what the room sees.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use shuze::app::projection::{Picture, Projection};
use shuze::app::{Action, Command};
use shuze::session::Session;
use shuze::ui::{self, Theme, projection};
use unicode_width::UnicodeWidthStr;

/// The sizes the room is looked at in: the console's smallest, a laptop, a projector.
const SIZES: [(u16, u16); 5] = [(60, 18), (63, 18), (106, 29), (160, 45), (240, 67)];

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

fn picture(p: &Projection, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| projection::draw(f, p, &Theme::projector_dark()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn console(s: &Session, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| ui::draw(f, &s.console, &Theme::projector_dark()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The first official at 提问质询, answers shown.
fn at_questions(path: &std::path::Path) -> Session {
    let mut s = sample_session(path);
    s.handle(Action::Command(Command::NextStage), at(100_000));
    // A day after the prepared date: the date question comes first; Esc keeps the date.
    if matches!(s.console.recorder.mode, shuze::app::Mode::Confirm(_)) {
        s.handle(Action::Cancel, at(100_000));
    }
    s.handle(Action::Command(Command::NextStage), at(100_001));
    s.handle(
        Action::Command(Command::ToggleProjectedAnswers),
        at(100_002),
    );
    s
}

#[test]
fn the_question_stays_on_the_card_while_a_long_answer_is_typed() {
    let (_dir, path) = temp_db();
    let mut s = at_questions(&path);
    s.handle(Action::Command(Command::EditAnswer), at(100_003));
    let long = "我们制定了责任清单并逐项落实，谈话提醒四十二人次。".repeat(120);
    s.handle(
        Action::Paste(format!("{long}最后说到这里为止")),
        at(100_004),
    );
    s.console.now = at(100_010);
    let mut p = s.console.projection(&s.console.room);
    p.picture = Picture::Card;
    let question = p.question.clone().expect("a question at 提问质询");
    let opening: String = question.text.chars().take(4).collect();
    for (w, h) in SIZES {
        let screen = rows(&picture(&p, w, h));
        assert!(
            screen.contains(&format!("{}：", question.asker)) && screen.contains(&opening),
            "{w}x{h}: the asker and the question stay:\n{screen}"
        );
        assert!(
            // The last character: a line may break before it.
            screen.contains('止'),
            "{w}x{h}: the answer's last words:\n{screen}"
        );
        assert!(
            screen.contains("（上文略）"),
            "{w}x{h}: a mark that earlier text is above:\n{screen}"
        );
    }
}

/// The cells drawn in `colour` that are not blank.
fn drawn_in(buffer: &Buffer, colour: ratatui::style::Color) -> usize {
    buffer
        .content()
        .iter()
        .filter(|c| c.fg == colour && !c.symbol().trim().is_empty())
        .count()
}

#[test]
fn a_paused_clock_says_so_and_changes_colour_on_every_picture_with_a_clock() {
    let (_dir, path) = temp_db();
    let mut s = at_questions(&path);
    s.handle(Action::Command(Command::ToggleTimer), at(100_030));
    s.console.now = at(100_090);
    let theme = Theme::projector_dark();
    for shown in [Picture::Card, Picture::Spotlight, Picture::Agenda] {
        let mut p = s.console.projection(&s.console.room);
        p.picture = shown;
        for (w, h) in SIZES {
            let buffer = picture(&p, w, h);
            let screen = rows(&buffer);
            assert!(
                screen.contains("暂停"),
                "{shown:?} {w}x{h}: 暂停 in words:\n{screen}"
            );
            if shown != Picture::Agenda {
                assert!(
                    drawn_in(&buffer, theme.warning) > 0,
                    "{shown:?} {w}x{h}: the stopped clock in the warning colour:\n{screen}"
                );
            }
        }
    }
}

#[test]
fn an_overrun_says_so_in_words_on_every_picture_with_a_clock() {
    let (_dir, path) = temp_db();
    let mut s = at_questions(&path);
    s.console.now = at(100_000 + 3 * 3600);
    for shown in [Picture::Card, Picture::Spotlight] {
        let mut p = s.console.projection(&s.console.room);
        p.picture = shown;
        for (w, h) in SIZES {
            let screen = rows(&picture(&p, w, h));
            assert!(
                screen.contains("超时"),
                "{shown:?} {w}x{h}: 超时 in words:\n{screen}"
            );
        }
    }
}

/// The first official of the recorded sample, with six follow-ups long enough to fill
/// more than a page at small sizes, each marked at its start `[An]` and its end `[Zn]`.
fn six_follow_ups(path: &std::path::Path) -> Projection {
    let mut s = recorded_sample(path);
    s.handle(Action::Command(Command::Jump), at(100_000));
    s.handle(Action::Paste("1".into()), at(100_000));
    s.handle(Action::Confirm, at(100_000));
    s.handle(Action::Confirm, at(100_000));
    let mut p = s.console.projection(&s.console.room);
    let model = p.follow_ups.first().cloned().expect("a follow-up recorded");
    p.follow_ups = (1..=6)
        .map(|n| {
            let mut f = model.clone();
            f.problem = format!("[A{n}]村级谈话覆盖不足，家风教育滞后，部分制度流于形式。");
            f.copied_to = format!("县委副书记[Z{n}]");
            f
        })
        .collect();
    p.picture = Picture::FollowUps;
    p
}

/// "2/3" at the end of a row: the page indicator.
fn page_mark(screen: &str) -> Option<(usize, usize)> {
    screen.lines().find_map(|l| {
        let (at, of) = l.trim().rsplit(' ').next()?.split_once('/')?;
        Some((at.parse().ok()?, of.parse().ok()?))
    })
}

#[test]
fn follow_ups_are_paged_in_whole_items_and_the_page_follows_the_selection() {
    let (_dir, path) = temp_db();
    let mut p = six_follow_ups(&path);
    for (w, h) in SIZES {
        let mut seen = Vec::new();
        for selected in 0..6 {
            p.follow_up_selected = selected;
            let screen = rows(&picture(&p, w, h));
            for n in 1..=6 {
                let (start, end) = (format!("[A{n}]"), format!("[Z{n}]"));
                assert_eq!(
                    screen.contains(&start),
                    screen.contains(&end),
                    "{w}x{h}: follow-up {n} whole or not at all:\n{screen}"
                );
            }
            assert!(
                screen.contains(&format!("[Z{}]", selected + 1)),
                "{w}x{h}: the selected follow-up {} is on the page shown:\n{screen}",
                selected + 1
            );
            let shown = (1..=6)
                .filter(|n| screen.contains(&format!("[A{n}]")))
                .count();
            if shown < 6 {
                let (at, of) = page_mark(&screen)
                    .unwrap_or_else(|| panic!("{w}x{h}: a page indicator:\n{screen}"));
                assert!(at >= 1 && at <= of && of > 1, "{w}x{h}: {at}/{of}");
                seen.push(at);
            }
        }
        if w < 100 {
            assert!(
                seen.len() == 6,
                "{w}x{h}: six follow-ups take more than a page"
            );
            assert!(seen.windows(2).all(|p| p[0] <= p[1]) && seen[0] < seen[5]);
        }
    }
}

#[test]
fn the_agenda_is_paged_without_cutting_a_post_and_shows_the_official_reporting() {
    let (_dir, path) = temp_db();
    let s = recorded_sample(&path);
    let mut p = s.console.projection(&s.console.room);
    p.picture = Picture::Agenda;
    let squeeze = |t: &str| t.split_whitespace().collect::<String>();
    for (w, h) in SIZES {
        for row in p.agenda.clone() {
            p.official = Some(row.slot.clone());
            let screen = rows(&picture(&p, w, h));
            let post = format!("{}{}", row.slot.unit, row.slot.post);
            assert!(
                squeeze(&screen).contains(&squeeze(&post)),
                "{w}x{h}: {} and the whole post {post}:\n{screen}",
                row.slot.name
            );
        }
    }
}

#[test]
fn the_rating_result_is_a_table_with_the_result_in_large_glyphs() {
    let (_dir, path) = temp_db();
    let mut p = six_follow_ups(&path);
    p.picture = Picture::Rating;
    let rating = p.rating.expect("the sample's first official is rated");
    let theme = Theme::projector_dark();
    for (w, h) in SIZES {
        let buffer = picture(&p, w, h);
        let screen = rows(&buffer);
        for grade in ["好", "较好", "一般", "差"] {
            let row = screen
                .lines()
                .find(|l| l.split_whitespace().next() == Some(grade))
                .unwrap_or_else(|| panic!("{w}x{h}: a row for {grade}:\n{screen}"));
            assert!(
                row.contains('%'),
                "{w}x{h}: {grade}'s count and share: {row}"
            );
        }
        assert!(
            screen.contains(&format!("有效票 {}", rating.counted())),
            "{w}x{h}: the total:\n{screen}"
        );
        let glyphs = buffer
            .content()
            .iter()
            .filter(|c| c.fg == theme.accent && "▀▄█".contains(c.symbol()))
            .count();
        assert!(
            glyphs > 40,
            "{w}x{h}: the result (好和较好) in large glyphs:\n{screen}"
        );
    }
}

#[test]
fn a_meeting_not_yet_begun_projects_its_title_large_until_the_recorder_shows_the_card() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    let theme = Theme::projector_dark();
    let p = s.console.projection(&s.console.room);
    assert_eq!(p.picture, Picture::Title, "the default picture before 述责");
    for (w, h) in SIZES {
        let buffer = picture(&p, w, h);
        let screen = rows(&buffer);
        assert!(
            screen.contains("2026-") && screen.contains("主持人"),
            "{w}x{h}: the date and the chair:\n{screen}"
        );
        assert!(!screen.contains("张某"), "{w}x{h}: no official:\n{screen}");
        let glyphs = drawn_in(&buffer, theme.accent);
        if w >= 106 {
            assert!(
                glyphs > 200,
                "{w}x{h}: the meeting's name in large glyphs:\n{screen}"
            );
        } else {
            assert!(screen.contains("述责述廉会议"), "{w}x{h}:\n{screen}");
        }
    }
    s.handle(Action::Command(Command::ShowCard), at(1));
    let p = s.console.projection(&s.console.room);
    assert_eq!(p.picture, Picture::Card, "the recorder's choice");
}

#[test]
fn a_closed_meeting_projects_the_closing_picture() {
    let (_dir, path) = temp_db();
    let mut s = recorded_sample(&path);
    s.console.snapshot.meeting.finished_at = Some(at(200_000));
    let p = s.console.projection(&s.console.room);
    assert_eq!(p.picture, Picture::Title);
    let theme = Theme::projector_dark();
    for (w, h) in SIZES {
        let buffer = picture(&p, w, h);
        let screen = rows(&buffer);
        assert!(
            screen.contains("散会") || drawn_in(&buffer, theme.text) > 100,
            "{w}x{h}: 散会, in words or large:\n{screen}"
        );
    }
}

/// The console's first row.
fn first_row(s: &Session, w: u16, h: u16) -> String {
    rows(&console(s, w, h))
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_console_says_what_the_room_sees_at_every_size_never_cut() {
    let (_dir, path) = temp_db();
    let mut s = at_questions(&path);
    s.console.snapshot.meeting.title =
        "某某县纪律检查委员会、某某县监察委员会2026年度领导干部述责述廉会议".into();
    for (w, h) in SIZES {
        let row = first_row(&s, w, h);
        let room = row.trim_end();
        assert!(
            room.contains("[投影：述责人") && room.ends_with(']'),
            "{w}x{h}: the picture, whole: {row}"
        );
        if w >= 106 {
            assert!(room.contains("答复投影"), "{w}x{h}: answers on: {row}");
        }
    }
    s.handle(Action::Command(Command::ToggleTimer), at(100_010));
    let row = first_row(&s, 160, 45);
    assert!(row.contains("计时暂停"), "the room's clock stopped: {row}");
    s.handle(
        Action::Command(Command::ToggleProjectedAnswers),
        at(100_011),
    );
    s.handle(Action::Command(Command::ToggleBlank), at(100_012));
    for (w, h) in SIZES {
        let row = first_row(&s, w, h);
        assert!(row.contains("[投影：黑屏"), "{w}x{h}: blanked: {row}");
        if w >= 106 {
            assert!(row.contains("答复不投影"), "{w}x{h}: answers off: {row}");
        }
    }
}

#[test]
fn the_console_names_the_title_screen_a_fresh_meeting_projects() {
    let (_dir, path) = temp_db();
    let s = sample_session(&path);
    let row = first_row(&s, 106, 29);
    assert!(row.contains("[投影：会议标题"), "{row}");
}

/// The half-row pixels drawn in `colour` with the half blocks, moved so that the first
/// lit column and half row are 0, sorted.
fn glyph_pixels(buffer: &Buffer, colour: ratatui::style::Color) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let halves = match (cell.fg == colour, cell.symbol()) {
                (true, "█") => [true, true],
                (true, "▀") => [true, false],
                (true, "▄") => [false, true],
                _ => continue,
            };
            for (half, lit) in halves.into_iter().enumerate() {
                if lit {
                    out.push((x as usize, y as usize * 2 + half));
                }
            }
        }
    }
    normalised(out)
}

fn normalised(mut pixels: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let x = pixels.iter().map(|p| p.0).min().unwrap_or(0);
    let y = pixels.iter().map(|p| p.1).min().unwrap_or(0);
    for p in &mut pixels {
        *p = (p.0 - x, p.1 - y);
    }
    pixels.sort();
    pixels
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
                    for d in 0..scale * scale {
                        out.push((x0 + px * scale + d % scale, py * scale + d / scale));
                    }
                }
            }
        }
        x0 += g.get_width() * scale;
    }
    normalised(out)
}

#[test]
fn the_one_terminal_band_never_covers_the_projected_clock() {
    let (_dir, path) = temp_db();
    let mut s = at_questions(&path);
    s.handle(Action::Command(Command::ToggleProjection), at(100_003));
    s.handle(Action::Command(Command::ShowCard), at(100_003));
    s.handle(Action::Command(Command::EditAnswer), at(100_004));
    s.handle(Action::Paste("清单已印发".into()), at(100_005));
    let time = s
        .console
        .projection(&s.console.room)
        .clock()
        .expect("a timed stage")
        .remaining();
    let theme = Theme::projector_dark();
    let mut glyphs_seen = false;
    for (w, h) in SIZES {
        let buffer = console(&s, w, h);
        let screen = rows(&buffer);
        assert!(
            screen.contains("剩余"),
            "{w}x{h}: the clock shown:\n{screen}"
        );
        let drawn = glyph_pixels(&buffer, theme.text);
        if drawn.is_empty() {
            continue;
        }
        glyphs_seen = true;
        assert!(
            (1..=8).any(|k| unifont_pixels(&time, k) == drawn),
            "{w}x{h}: the clock {time} whole, none of it under the band:\n{screen}"
        );
    }
    assert!(glyphs_seen, "the clock in glyphs at some size");
}

#[test]
fn the_pause_screen_shows_the_meetings_name_above_the_pause_and_its_countdown() {
    let (_dir, path) = temp_db();
    let mut s = at_questions(&path);
    s.handle(Action::Command(Command::ShowPause), at(100_010));
    s.handle(Action::Command(Command::PauseLonger), at(100_010));
    let p = s.console.projection(&s.console.room);
    assert_eq!(p.picture, Picture::Pause);
    let theme = Theme::projector_dark();
    for (w, h) in SIZES {
        let buffer = picture(&p, w, h);
        let screen = rows(&buffer);
        assert!(
            screen.contains("距复会") && screen.contains("会议稍后继续"),
            "{w}x{h}: the countdown and the line below:\n{screen}"
        );
        let name = drawn_in(&buffer, theme.muted);
        // Large where two lines of glyphs at scale 1 take at most a third of the rows.
        if h >= 67 {
            assert!(name > 200, "{w}x{h}: the meeting's name large:\n{screen}");
        } else {
            assert!(screen.contains("述责述廉会议"), "{w}x{h}:\n{screen}");
        }
        assert!(
            drawn_in(&buffer, theme.accent) > 50,
            "{w}x{h}: 休会 large:\n{screen}"
        );
    }
}

#[test]
fn the_title_screen_names_the_issuing_office_the_preparation_gave() {
    let (_dir, path) = temp_db();
    let mut store = sample_store(&path);
    store
        .set_summary_head(1, "中共某县纪律检查委员会", None)
        .unwrap();
    let s = shuze::session::Session::open(store, None, shuze::labels::Lang::Zh, at(0)).unwrap();
    let p = s.console.projection(&s.console.room);
    assert_eq!(p.picture, Picture::Title);
    for (w, h) in SIZES {
        let screen = rows(&picture(&p, w, h));
        assert!(
            screen.contains("中共某县纪律检查委员会") && screen.contains("主持人"),
            "{w}x{h}: the issuing office with the date and the chair:\n{screen}"
        );
    }
}
