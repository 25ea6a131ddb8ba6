//! Every screen uses its space: panes share the height by what they hold, cut lists say how
//! much is hidden, lines break by Chinese rules, pop-ups leave no half character at their
//! edge, and the footer always says how to get help and leave. On the sample's fullest
//! official, at 60x18, 80x24, 160x45 and 240x67, on ratatui's TestBackend.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use shuze::app::form::FieldLabel;
use shuze::app::{Action, Command, Pane};
use shuze::session::Session;
use shuze::ui::{self, Theme};
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 4] = [(60, 18), (80, 24), (160, 45), (240, 67)];

fn render(session: &Session, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, &session.console, &Theme::projector_dark()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The visible text of each row, one `char` per cell (a wide character's second cell left
/// out), so that a column of a row is `x` counted in cells.
fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < area.width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += symbol.width().max(1) as u16;
            }
            row
        })
        .collect()
}

/// The text of cells `from..to` of row `y`.
fn cells(buffer: &Buffer, y: u16, from: u16, to: u16) -> String {
    let mut out = String::new();
    let mut x = from;
    while x < to.min(buffer.area.width) {
        let symbol = buffer[(x, y)].symbol();
        out.push_str(symbol);
        x += symbol.width().max(1) as u16;
    }
    out
}

/// The official with the most rows in their panes, on screen.
fn fullest_official(path: &std::path::Path) -> Session {
    let mut s = sample_session(path);
    let mut best = (0, 0);
    for index in 0..s.console.snapshot.agenda.len() {
        let rows: usize = Pane::ALL.iter().map(|p| s.console.pane_len(*p)).sum();
        if rows > best.1 {
            best = (index, rows);
        }
        s.handle(Action::Command(Command::NextOfficial), at(index as i64));
    }
    for _ in 0..s.console.snapshot.agenda.len() {
        s.handle(Action::Command(Command::PreviousOfficial), at(100));
    }
    for _ in 0..best.0 {
        s.handle(Action::Command(Command::NextOfficial), at(101));
    }
    s.handle(Action::Command(Command::NextStage), at(102));
    s.handle(Action::Command(Command::NextStage), at(103));
    s
}

/// Where a pane's title row is, by its name: (row, first column).
fn title_at(rows: &[String], name: &str) -> Option<(u16, u16)> {
    rows.iter().enumerate().find_map(|(y, row)| {
        row.find(name)
            .map(|at| (y as u16, UnicodeWidthStr::width(&row[..at]) as u16))
    })
}

fn has_marker(text: &str) -> bool {
    let text = text.trim_end();
    text.rsplit(' ')
        .next()
        .is_some_and(|last| last.starts_with('+') && last[1..].parse::<u32>().is_ok())
}

/// The panes' places on a wide screen, found by their titles: (name, title row, first
/// column, last column, last row).
fn pane_places(text: &[String], w: u16, h: u16) -> Vec<(&'static str, u16, u16, u16, u16)> {
    let find = |name| title_at(text, name).unwrap_or_else(|| panic!("{name} pane"));
    let (upper, questions_x) = find("提问与回答");
    let (_, remarks_x) = find("点评");
    let (lower, duties_x) = find("主体责任事项");
    let (_, risks_x) = find("廉政风险点");
    let (_, follow_x) = find("问题清单");
    let footer = h - 2;
    vec![
        ("questions", upper, questions_x, remarks_x - 1, lower - 1),
        ("remarks", upper, remarks_x, w, lower - 1),
        ("duty items", lower, duties_x, risks_x - 1, footer),
        ("risk points", lower, risks_x, follow_x - 1, footer),
        ("follow-ups", lower, follow_x, w, footer),
    ]
}

#[test]
fn no_pane_is_cut_while_another_stands_empty() {
    let (_dir, path) = temp_db();
    let mut s = fullest_official(&path);
    let check = |s: &Session, what: &str| {
        for (w, h) in [(130, 40), (160, 45), (200, 50), (240, 67)] {
            let buffer = render(s, w, h);
            let text = rows(&buffer);
            let shown = text.join("\n");
            let places = pane_places(&text, w, h);
            let state = |&(_, title, from, to, bottom): &(&str, u16, u16, u16, u16)| {
                let body = (title + 1)..bottom;
                let empty = body
                    .clone()
                    .rev()
                    .take_while(|&y| cells(&buffer, y, from, to).trim().is_empty())
                    .count();
                let cut = body
                    .last()
                    .is_some_and(|y| has_marker(&cells(&buffer, y, from, to)));
                (cut, empty)
            };
            for cut_pane in &places {
                let (cut, _) = state(cut_pane);
                if !cut {
                    continue;
                }
                // Beside it (the same row), and the questions against the lower row: they
                // share the height. (The remarks, short, leave rows under them empty.)
                let related = |other: &&(&str, u16, u16, u16, u16)| {
                    other.0 != cut_pane.0
                        && (other.1 == cut_pane.1
                            || other.0 == "questions"
                            || cut_pane.0 == "questions")
                };
                for other in places.iter().filter(related) {
                    let (_, empty) = state(other);
                    assert!(
                        empty == 0,
                        "{what} {w}x{h}: {} is cut while {} shows {empty} empty rows:\n{shown}",
                        cut_pane.0,
                        other.0
                    );
                }
            }
        }
    };
    check(&s, "as prepared");
    // With an answer being written, the questions grow.
    s.handle(Action::Command(Command::EditAnswer), at(300));
    s.handle(
        Action::Paste("谈话提醒42人次，函询12件；整改时限为2027-03-31，逐项销号。".repeat(6)),
        at(301),
    );
    s.handle(Action::Cancel, at(302));
    check(&s, "with a long answer");
}

#[test]
fn a_cut_list_says_how_much_is_hidden_and_scrolls_with_the_selection() {
    let (_dir, path) = temp_db();
    let mut s = fullest_official(&path);
    s.handle(Action::Command(Command::NextPane), at(200));
    let items = s.console.pane_len(Pane::Duties);
    assert!(items >= 5, "the fullest official has duty items");
    let buffer = render(&s, 60, 18);
    let text = rows(&buffer);
    let bottom = text[..17]
        .iter()
        .rev()
        .find(|r| !r.trim().is_empty())
        .cloned()
        .unwrap_or_default();
    assert!(
        has_marker(&bottom),
        "+N at the bottom:\n{}",
        text.join("\n")
    );
    for _ in 0..items {
        s.handle(Action::Command(Command::MoveDown), at(201));
    }
    let buffer = render(&s, 60, 18);
    let text = rows(&buffer);
    let shown = text.join("\n");
    let first_row = text
        .iter()
        .position(|r| r.contains("点评") && r.contains("清单"))
        .map(|y| y + 1)
        .expect("the tab bar");
    assert!(has_marker(&text[first_row]), "+N at the top:\n{shown}");
    let last = &s.console.snapshot.detail.duty_items[items - 1].text;
    let head: String = last.chars().take(6).collect();
    assert!(
        shown.contains(&head),
        "the selected last item is in view:\n{shown}"
    );
}

#[test]
fn no_line_starts_with_closing_punctuation() {
    let (_dir, path) = temp_db();
    let mut s = fullest_official(&path);
    s.handle(Action::Command(Command::EditAnswer), at(300));
    s.handle(
        Action::Paste(
            "谈话提醒42人次，函询12件；整改时限为2027-03-31，逐项销号（含高风险点3个）。".repeat(4),
        ),
        at(301),
    );
    s.handle(Action::Cancel, at(302));
    for (w, h) in SIZES {
        for width in [w, w + 1, w + 3] {
            let buffer = render(&s, width, h);
            for row in rows(&buffer) {
                for run in row.split("  ").map(str::trim_start) {
                    let first = run.chars().next().unwrap_or(' ');
                    assert!(
                        !"，。、；：？！）」』》".contains(first),
                        "{width}x{h}: a line starts with {first}: {row}"
                    );
                    assert!(!run.trim_end().ends_with("2027-03-"), "{width}x{h}: {row}");
                }
            }
        }
    }
}

#[test]
fn the_footer_always_shows_help_and_quit() {
    let (_dir, path) = temp_db();
    let mut s = sample_session(&path);
    for (w, h) in SIZES {
        let text = rows(&render(&s, w, h)).join("\n");
        let footer = text.lines().last().unwrap_or_default().to_string();
        assert!(footer.starts_with("s 开始述责"), "{w}x{h}: {footer}");
        assert!(
            footer.contains("? 按键说明") && footer.contains("q 保存并退出"),
            "{w}x{h}: {footer}"
        );
    }
    // With a message on a one-row footer, and at every later stage.
    for step in 0..6 {
        s.handle(Action::Command(Command::NextStage), at(step));
        for (w, h) in SIZES {
            let text = rows(&render(&s, w, h)).join("\n");
            let footer = text.lines().last().unwrap_or_default().to_string();
            assert!(
                footer.contains("? 按键说明") && footer.contains("q 保存并退出"),
                "{w}x{h}, stage {step}: {footer}"
            );
        }
    }
}

#[test]
fn a_pop_up_leaves_no_half_character_at_its_edge() {
    let (_dir, path) = temp_db();
    let mut s = fullest_official(&path);
    s.handle(Action::Command(Command::AddFollowUp), at(400));
    let theme = Theme::projector_dark();
    for (w, h) in SIZES {
        for width in w..w + 4 {
            // The frame as drawn (a terminal would draw the wide character whole, over the
            // edge, and skip the edge's cell).
            let mut terminal = Terminal::new(TestBackend::new(width, h)).unwrap();
            let frame = terminal
                .draw(|frame| ui::draw(frame, &s.console, &theme))
                .unwrap();
            let buffer = frame.buffer.clone();
            for y in 0..h {
                for x in 0..width - 1 {
                    // A wide character outside the pop-up whose right half is its edge.
                    let outside = buffer[(x, y)].bg != theme.focus_border;
                    if buffer[(x, y)].symbol().width() == 2 && outside {
                        assert!(
                            buffer[(x + 1, y)].bg != theme.focus_border,
                            "{width}x{h}: half of {:?} under the pop-up's edge at ({x},{y})",
                            buffer[(x, y)].symbol()
                        );
                    }
                }
            }
        }
    }
}

/// Every form the console opens, one of each kind, from the keys a recorder presses.
fn every_form(s: &mut Session) -> Vec<shuze::app::Form> {
    use shuze::app::Mode;
    let mut forms: Vec<shuze::app::Form> = Vec::new();
    let mut try_command = |s: &mut Session, command: Command| {
        s.handle(Action::Command(command), at(500));
        if let Mode::Form(form) = &s.console.recorder.mode {
            let kind = format!("{:?}", form.kind);
            let kind = kind.split('(').next().unwrap_or_default().to_string();
            if !forms
                .iter()
                .any(|f| format!("{:?}", f.kind).starts_with(&kind))
            {
                forms.push(form.clone());
            }
        }
        s.handle(Action::Cancel, at(501));
        s.console.recorder.mode = Mode::Browse;
    };
    for command in [
        Command::Jump,
        Command::AddQuestion,
        Command::RecordRating,
        Command::AddFollowUp,
        Command::Skip,
        Command::ChangeAllotment,
        Command::Attendance,
    ] {
        try_command(s, command);
    }
    for _ in Pane::ALL {
        for command in [Command::EditSelected, Command::AddItem, Command::EditAnswer] {
            try_command(s, command);
        }
        s.handle(Action::Command(Command::NextPane), at(502));
    }
    forms
}

#[test]
fn labels_in_forms_are_never_cut() {
    let (_dir, path) = temp_db();
    let mut s = fullest_official(&path);
    let forms = every_form(&mut s);
    let kinds: Vec<_> = forms.iter().map(|f| f.kind).collect();
    assert_eq!(forms.len(), 14, "every kind of form is opened: {kinds:?}");
    let theme = Theme::projector_dark();
    for form in forms {
        s.console.recorder.mode = shuze::app::Mode::Form(form.clone());
        for (w, h) in [(60, 18), (80, 24), (106, 29)] {
            let buffer = render(&s, w, h);
            let screen = rows(&buffer).join("\n");
            // The pop-up's inside: the rows and columns within its coloured frame.
            let framed: Vec<(u16, u16)> = (0..h)
                .flat_map(|y| (0..w).map(move |x| (x, y)))
                .filter(|&(x, y)| buffer[(x, y)].bg == theme.focus_border)
                .collect();
            let left = framed.iter().map(|p| p.0).min().unwrap_or(0);
            let right = framed.iter().map(|p| p.0).max().unwrap_or(w);
            let top = framed.iter().map(|p| p.1).min().unwrap_or(0);
            let bottom = framed.iter().map(|p| p.1).max().unwrap_or(h);
            let inside: Vec<String> = (top + 1..bottom)
                .map(|y| cells(&buffer, y, left + 1, right))
                .collect();
            // Below the title row, which may say the same words.
            let title = form.title.text(s.console.lang);
            let below = inside
                .iter()
                .position(|row| row.contains(title))
                .map_or(0, |at| at + 1);
            let joined: String = inside[below..].concat().split_whitespace().collect();
            for field in &form.fields {
                let caption = match field.label {
                    FieldLabel::Fixed(label) => label.text(s.console.lang),
                    FieldLabel::Text(text) => text,
                };
                let caption: String = caption.split_whitespace().collect();
                assert!(
                    joined.contains(&caption),
                    "{w}x{h} {:?}: the label {caption} whole\n{screen}",
                    form.kind
                );
            }
            assert!(
                !joined.contains('~'),
                "{w}x{h} {:?}: nothing cut\n{screen}",
                form.kind
            );
        }
    }
}

/// Rows of the body (under the card and the blank row after it, above the message and key
/// rows) blank across the whole width.
fn blank_body_rows(text: &[String]) -> usize {
    let footer = text.len().saturating_sub(2);
    // The card is two or three rows (three with the unit's 政治画像): the body starts after
    // the first blank row.
    let body = text
        .iter()
        .position(|row| row.trim().is_empty())
        .map_or(footer, |at| at + 1);
    text[body.min(footer)..footer]
        .iter()
        .filter(|row| row.trim().is_empty())
        .count()
}

#[test]
fn no_pane_shows_more_below_while_a_row_of_the_body_stands_blank() {
    let (_dir, path) = temp_db();
    let mut s = fullest_official(&path);
    let check = |s: &Session, what: &str| {
        let heights = (28..=50).map(|h| (160, h));
        for (w, h) in [(240, 67), (160, 45), (60, 18)].into_iter().chain(heights) {
            let text = rows(&render(s, w, h));
            let cut = text.iter().any(|row| {
                row.split_whitespace()
                    .any(|word| word.starts_with('+') && word[1..].parse::<u32>().is_ok())
            });
            // One blank row between the upper and the lower panes.
            let blank = blank_body_rows(&text);
            assert!(
                !cut || blank <= 1,
                "{what} {w}x{h}: a pane shows +N while {blank} rows stand blank:\n{}",
                text.join("\n")
            );
        }
    };
    check(&s, "as prepared");
    // Answers growing a few rows at a time: at some height each row needs a little more
    // than half of it.
    for round in 0..6 {
        s.handle(Action::Command(Command::EditAnswer), at(300 + round));
        s.handle(
            Action::Paste("谈话提醒42人次，函询12件；整改时限为2027-03-31，逐项销号。".repeat(2)),
            at(301 + round),
        );
        s.handle(Action::Cancel, at(302 + round));
        check(&s, &format!("after {} answers", round + 1));
    }
}
