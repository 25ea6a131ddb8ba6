//! Contrast checked on what is drawn: every screen (the console in its states, the forms,
//! the confirmation, the search and help, every projected picture and the audience view),
//! in every shipped theme, rendered on TestBackend; every cell's foreground against its
//! background, text at least 7:1 and every other mark at least 4.5:1 (WCAG). The colours a
//! terminal chooses (its default foreground and background, its 16 named colours) are
//! resolved against the default palettes of xterm, GNOME Terminal and Windows Terminal.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use shuze::app::projection::{Picture, Projection};
use shuze::app::{Action, Command, Mode, Pane};
use shuze::session::Session;
use shuze::ui::theme::{Registry, Theme, contrast};
use shuze::ui::{self, projection};

/// A terminal's own colours: default foreground, default background, the 16 named ones.
struct Palette {
    name: &'static str,
    foreground: u32,
    background: u32,
    named: [u32; 16],
}

const PALETTES: [Palette; 3] = [
    // xterm's defaults: black on white, its X resources' 16 colours.
    Palette {
        name: "xterm",
        foreground: 0x000000,
        background: 0xffffff,
        named: [
            0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
            0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
        ],
    },
    // GNOME Terminal's Tango palette with its dark profile.
    Palette {
        name: "GNOME Terminal",
        foreground: 0xd3d7cf,
        background: 0x2e3436,
        named: [
            0x2e3436, 0xcc0000, 0x4e9a06, 0xc4a000, 0x3465a4, 0x75507b, 0x06989a, 0xd3d7cf,
            0x555753, 0xef2929, 0x8ae234, 0xfce94f, 0x729fcf, 0xad7fa8, 0x34e2e2, 0xeeeeec,
        ],
    },
    // Windows Terminal's default scheme, Campbell.
    Palette {
        name: "Windows Terminal",
        foreground: 0xcccccc,
        background: 0x0c0c0c,
        named: [
            0x0c0c0c, 0xc50f1f, 0x13a10e, 0xc19c00, 0x0037da, 0x881798, 0x3a96dd, 0xcccccc,
            0x767676, 0xe74856, 0x16c60c, 0xf9f1a5, 0x3b78ff, 0xb4009e, 0x61d6d6, 0xf2f2f2,
        ],
    },
];

fn rgb(v: u32) -> Color {
    Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// The 24-bit colour a terminal with `palette` shows for `colour`.
fn resolve(colour: Color, palette: &Palette, foreground: bool) -> Color {
    let named = |i: usize| rgb(palette.named[i]);
    match colour {
        Color::Rgb(..) => colour,
        Color::Reset if foreground => rgb(palette.foreground),
        Color::Reset => rgb(palette.background),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(i) if i < 16 => named(i as usize),
        Color::Indexed(i) if i >= 232 => {
            let v = 8 + 10 * (i - 232);
            Color::Rgb(v, v, v)
        }
        Color::Indexed(i) => {
            let levels = [0u8, 95, 135, 175, 215, 255];
            let i = (i - 16) as usize;
            Color::Rgb(levels[i / 36], levels[i / 6 % 6], levels[i % 6])
        }
    }
}

/// Every cell of `buffer` that shows something: its text (or mark) against its
/// background. Returns the worst offences, described.
fn offences(buffer: &Buffer, palette: &Palette) -> Vec<String> {
    let mut out = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let symbol = cell.symbol();
            if symbol.trim().is_empty() {
                continue;
            }
            let (mut fg, mut bg) = (cell.fg, cell.bg);
            if cell.modifier.contains(Modifier::REVERSED) {
                (fg, bg) = (bg, fg);
                let (f, b) = (resolve(fg, palette, false), resolve(bg, palette, true));
                (fg, bg) = (f, b);
            } else {
                (fg, bg) = (resolve(fg, palette, true), resolve(bg, palette, false));
            }
            let ratio = contrast(fg, bg).unwrap_or(0.0);
            let text = symbol.chars().any(char::is_alphanumeric);
            let needed = if text { 7.0 } else { 4.5 };
            if ratio < needed {
                let row: String = (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect();
                out.push(format!(
                    "{symbol:?} at ({x},{y}) {fg:?} on {bg:?}: {ratio:.2} < {needed} in {:?}",
                    row.trim()
                ));
            }
        }
    }
    out
}

fn console_buffer(session: &Session, theme: &Theme, (w, h): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &session.console, theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn picture_buffer(p: &Projection, theme: &Theme, (w, h): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| projection::draw(frame, p, theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

const SIZES: [(u16, u16); 3] = [(60, 18), (106, 29), (160, 45)];

/// An earlier meeting for the history view: a heading, parts, text and muted lines.
fn a_history() -> shuze::domain::history::History {
    use shuze::domain::history::{EarlierMeeting, EarlierQuestion, History};
    let question = EarlierQuestion {
        asker: "县纪委 某某".into(),
        text: "土地出让金如何监管？".into(),
        answer: Some("土地出让全部进入公共资源交易中心".into()),
        written_reply: true,
        written_reason: String::new(),
    };
    let unanswered = EarlierQuestion {
        answer: None,
        ..question.clone()
    };
    History {
        official: "张某".into(),
        unit: "某某镇".into(),
        day: None,
        meetings: vec![EarlierMeeting {
            title: "一季度述责述廉会议".into(),
            held_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 20).unwrap(),
            finished: true,
            official: "张某".into(),
            post: "党委书记".into(),
            unit: "某某镇".into(),
            stage: shuze::domain::Stage::Done,
            skip_reason: String::new(),
            rating: None,
            questions: vec![question, unanswered],
            remarks: Some("土地管理要规范".into()),
            follow_ups: Vec::new(),
        }],
        imported: Vec::new(),
        portrait: vec![(
            chrono::NaiveDate::from_ymd_opt(2026, 1, 20).unwrap(),
            shuze::domain::PortraitFinding {
                id: 1,
                dimension: shuze::domain::PortraitDimension::Appointments,
                problem: "个别岗位长期未轮岗".into(),
                suggestion: "建立轮岗台账".into(),
            },
        )],
        talks: vec![shuze::domain::ReminderTalk {
            id: 1,
            held_on: chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap(),
            talker: "县纪委副书记 刘某".into(),
            content: "就惠民资金发放不公开进行提醒".into(),
        }],
    }
}

/// Every screen as (what, buffer) in `theme`.
fn screens(theme: &Theme) -> Vec<(String, Buffer)> {
    let (_dir, path) = temp_db();
    let mut s = recorded_sample(&path);
    let mut out = Vec::new();
    let mut shoot = |s: &Session, what: &str| {
        for size in SIZES {
            out.push((
                format!("{what} {}x{}", size.0, size.1),
                console_buffer(s, theme, size),
            ));
        }
    };
    // The first official, recorded in full: every pane focused in turn (the selection).
    for _ in 0..s.console.snapshot.agenda.len() {
        s.handle(Action::Command(Command::PreviousOfficial), at(10_000));
    }
    for pane in Pane::ALL {
        shoot(&s, &format!("console, {pane:?} focused"));
        s.handle(Action::Command(Command::MoveDown), at(10_001));
        s.handle(Action::Command(Command::NextPane), at(10_002));
    }
    // An official waiting, then reporting past the allotment (the overrun clock).
    s.handle(Action::Command(Command::NextOfficial), at(10_003));
    s.handle(Action::Command(Command::NextOfficial), at(10_004));
    shoot(&s, "console, waiting");
    s.handle(Action::Command(Command::NextStage), at(10_005));
    s.console.now = at(13_000);
    s.handle(Action::Tick, at(13_000));
    shoot(&s, "console, overrun");
    for command in [
        Command::AddFollowUp,
        Command::RecordRating,
        Command::Jump,
        Command::Search,
        Command::Help,
        Command::History,
        Command::EditRemarks,
        Command::FinishMeeting,
        Command::ToggleProjection,
    ] {
        s.handle(Action::Command(command), at(13_001));
        let mode = format!("{:?}", std::mem::discriminant(&s.console.recorder.mode));
        if command == Command::Search {
            s.handle(Action::Paste("土地".into()), at(13_002));
        }
        if command == Command::History {
            // An earlier meeting in every style of line, its search's words marked.
            s.handle(Action::Cancel, at(13_002));
            s.handle(Action::HistoryLoaded(Box::new(a_history())), at(13_002));
            let slash = shuze::app::key::KeyEvent::new(
                shuze::app::key::KeyCode::Char('/'),
                Default::default(),
            );
            s.handle(Action::Input(slash), at(13_002));
            s.handle(Action::Paste("土地".into()), at(13_002));
        }
        if let Mode::Form(form) = &mut s.console.recorder.mode {
            form.error = Some("请填写问题".into());
        }
        shoot(&s, &format!("{command:?} ({mode})"));
        if command != Command::ToggleProjection {
            s.handle(Action::Cancel, at(13_003));
            s.console.recorder.mode = Mode::Browse;
        }
    }
    // Every projected picture, in the console's one-terminal layout and alone.
    for slot in [0, 2] {
        let (_dir2, path2) = temp_db();
        let mut s2 = recorded_sample(&path2);
        for _ in 0..s2.console.snapshot.agenda.len() {
            s2.handle(Action::Command(Command::PreviousOfficial), at(20_000));
        }
        for _ in 0..slot {
            s2.handle(Action::Command(Command::NextOfficial), at(20_001));
        }
        s2.handle(Action::Command(Command::NextStage), at(20_002));
        s2.console.now = at(23_000);
        for picture in [
            Picture::Card,
            Picture::Rating,
            Picture::FollowUps,
            Picture::Agenda,
            Picture::Pause,
            Picture::Title,
            Picture::Spotlight,
            Picture::Blank,
        ] {
            let mut p = s2.console.projection(&s2.console.room);
            p.picture = picture;
            p.resume_at = Some(at(23_300));
            for size in SIZES {
                out.push((
                    format!("picture {picture:?}, official {slot} {}x{}", size.0, size.1),
                    picture_buffer(&p, theme, size),
                ));
            }
        }
    }
    out
}

#[test]
fn every_drawn_cell_is_legible_in_every_theme() {
    let registry = Registry::load(None);
    let mut failures = Vec::new();
    for theme in &registry.themes {
        let screens = screens(theme);
        assert!(screens.len() > 60, "every screen is drawn");
        for palette in &PALETTES {
            if !theme.terminal_colours && palette.name != "xterm" {
                // A 24-bit theme draws its own colours: one palette resolves what is left.
                continue;
            }
            for (what, buffer) in &screens {
                if let Some(first) = offences(buffer, palette).first() {
                    failures.push(format!(
                        "{} in {}: {what}: {first}",
                        theme.name, palette.name
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} screens with illegible cells:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_check_sees_white_on_white() {
    let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 4, 1));
    buffer[(0, 0)]
        .set_symbol("张")
        .set_fg(Color::White)
        .set_bg(Color::Rgb(255, 255, 255));
    buffer[(2, 0)]
        .set_symbol("+")
        .set_fg(Color::Rgb(0x76, 0x76, 0x76))
        .set_bg(Color::Rgb(255, 255, 255));
    let found = offences(&buffer, &PALETTES[0]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("张"));
}
