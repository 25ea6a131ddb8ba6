//! Drawing the console from its state. Drawing reads the state and never changes it.

pub mod big;
mod card_plan;
mod grid;
mod header;
mod history;
mod overlay;
mod pages;
mod panes;
mod pictures;
mod portrait;
pub mod projection;
mod rating;
pub mod slide;
pub mod text;
pub mod theme;
mod widgets;

pub use theme::{Borders, Registry, Theme};

use crate::app::{Console, Pane};
use crate::labels::{self, Label};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// The smallest window the console works in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;
/// From this width on the agenda gets a column and the panes are shown side by side.
const WIDE: u16 = 110;

/// Draws the whole console.
pub fn draw(frame: &mut Frame, console: &Console, theme: &Theme) {
    widgets::set_frame_rows(frame.area().height);
    if console.recorder.projecting {
        let shown = console.projection(&console.room);
        // The picture above the band, so that the band never covers its clock.
        let screen = frame.area();
        let above = Rect {
            height: screen.height - overlay::band_rows(screen, console),
            ..screen
        };
        projection::draw_in(frame, above, &shown, theme);
        overlay::band(frame, screen, console, theme);
        return;
    }
    let area = frame.area();
    frame.render_widget(
        Block::new().style(Style::new().bg(theme.background).fg(theme.text)),
        area,
    );
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, console, theme);
        return;
    }
    let problem = problem_lines(console, area.width, theme);
    let footer_rows = if area.height >= 24 { 2 } else { 1 } + problem.len() as u16;
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(footer_rows),
    ])
    .areas(area);
    header::draw(frame, top, console, theme);
    let [problem_area, bottom] = Layout::vertical([
        Constraint::Length(problem.len() as u16),
        Constraint::Fill(1),
    ])
    .areas(bottom);
    frame.render_widget(Paragraph::new(problem), problem_area);
    footer(frame, bottom, console, theme);
    if console.snapshot.agenda.is_empty() {
        let notice = widgets::hanging(
            "",
            Label::NoOfficials.text(console.lang),
            0,
            body.width,
            Style::new().fg(theme.warning),
        );
        frame.render_widget(Paragraph::new(notice), body);
        return;
    }
    if matches!(console.recorder.mode, crate::app::Mode::History(_)) {
        // The history takes the whole body: nothing of the panes behind it is drawn.
    } else if body.width >= WIDE {
        wide_body(frame, body, console, theme);
    } else {
        narrow_body(frame, body, console, theme);
    }
    overlay::draw(frame, body, console, theme);
}

fn wide_body(frame: &mut Frame, body: Rect, console: &Console, theme: &Theme) {
    // The card across the whole width: its counts stand with it, never beside another
    // official's row of the agenda.
    let [card, _, below] = Layout::vertical([
        Constraint::Length(header::card_rows(console)),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(body);
    header::card(frame, card, console, theme);
    let agenda_width = (body.width / 6).clamp(24, 34);
    let (agenda, panes) = grid::layout(below, agenda_width, console, theme);
    header::agenda_column(frame, agenda, console, theme);
    for (pane, area) in panes {
        panes::draw(frame, area, pane, console, theme, true);
    }
}

/// The upper row's share of `height` rows when the upper panes need `upper` rows and the
/// lower ones `lower`: each gets what it needs when both fit; otherwise the one that needs
/// less than half gets all it needs and the other the rest, so that no pane is cut while
/// the other row stands half empty; when both need more than half, 56 % above, never more
/// than the upper row needs (the rest would stand empty while the lower row is cut).
pub fn share_height(height: u16, upper: u16, lower: u16) -> u16 {
    let half = height / 2;
    if upper + lower <= height {
        // Room to spare: the questions, which grow as answers are typed, get it.
        height - lower
    } else if lower <= half {
        height - lower
    } else if upper <= half {
        upper
    } else {
        ((height as u32 * 56 / 100) as u16).min(upper)
    }
}

fn narrow_body(frame: &mut Frame, body: Rect, console: &Console, theme: &Theme) {
    let [agenda, card, tabs, pane] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(header::card_rows(console)),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(body);
    header::agenda_line(frame, agenda, console, theme);
    header::card(frame, card, console, theme);
    tab_bar(frame, tabs, console, theme);
    panes::draw(frame, pane, console.recorder.focus, console, theme, false);
}

/// The pane names in one row, the focused one marked, so the hidden panes are known.
fn tab_bar(frame: &mut Frame, area: Rect, console: &Console, theme: &Theme) {
    let full: usize = Pane::ALL
        .iter()
        .map(|p| text::width(p.label().text(console.lang)) + 3)
        .sum();
    let short = full > area.width as usize;
    let mut spans = Vec::new();
    for pane in Pane::ALL {
        let label = if short {
            pane.short_label()
        } else {
            pane.label()
        };
        let name = label.text(console.lang);
        let style = if pane == console.recorder.focus {
            Style::new()
                .bg(theme.focus_border)
                .fg(theme.title_text)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().fg(theme.muted)
        };
        // `>` before the focused pane's name: seen without colour too.
        let mark = if pane == console.recorder.focus {
            ">"
        } else {
            " "
        };
        spans.push(Span::styled(format!("{mark}{name} "), style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(widgets::fit_spans(spans, area.width)), area);
}

/// The message of the last action (if any) above the keys that work now.
fn footer(frame: &mut Frame, area: Rect, console: &Console, theme: &Theme) {
    let keys = panes::footer_keys(console, theme, area.width);
    let message = console.recorder.message.as_ref().map(|m| {
        let colour = if m.is_error { theme.danger } else { theme.ok };
        widgets::single(
            &m.text,
            area.width,
            Style::new().fg(colour).add_modifier(Modifier::BOLD),
        )
    });
    let lines = match (area.height, message) {
        // One row: the message, then how to get help and leave, which are always shown.
        (1, Some(_)) if matches!(console.recorder.mode, crate::app::Mode::Browse) => {
            let tail = panes::help_and_quit(console, theme);
            let tail_width: usize = tail.iter().map(|s| text::width(&s.content)).sum();
            let room = area.width.saturating_sub(tail_width as u16 + 1);
            let m = console
                .recorder
                .message
                .as_ref()
                .map(|m| m.text.as_str())
                .unwrap_or("");
            let colour = match console
                .recorder
                .message
                .as_ref()
                .is_some_and(|m| m.is_error)
            {
                true => theme.danger,
                false => theme.ok,
            };
            let mut line = widgets::single(
                m,
                room,
                Style::new().fg(colour).add_modifier(Modifier::BOLD),
            );
            let used = text::width(
                &line
                    .spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>(),
            );
            line.spans
                .push(Span::raw(" ".repeat(room as usize + 1 - used)));
            line.spans.extend(tail);
            vec![line]
        }
        (1, Some(message)) => vec![message],
        (1, None) => vec![keys],
        (_, message) => vec![message.unwrap_or_default(), keys],
    };
    frame.render_widget(Paragraph::new(lines), area);
}

/// Unsaved text is shown in full, wrapped, never cut at the screen's edge: it says where
/// the words are. (At most a third of the window, which a path never needs.)
fn problem_lines(console: &Console, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let Some(problem) = &console.saving.problem else {
        return Vec::new();
    };
    let style = Style::new()
        .fg(theme.title_text)
        .bg(theme.danger)
        .add_modifier(Modifier::BOLD);
    text::wrap(&text::printable(problem), width as usize)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}

fn too_small(frame: &mut Frame, area: Rect, console: &Console, theme: &Theme) {
    let text = labels::too_small(console.lang, MIN_WIDTH, MIN_HEIGHT, area.width, area.height);
    let lines: Vec<Line> = text::wrap(&text, area.width as usize)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, Style::new().fg(theme.warning))))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::share_height;

    #[test]
    fn no_row_gets_more_than_it_needs_while_the_other_is_cut() {
        assert_eq!(share_height(50, 20, 20), 30, "room to spare goes above");
        assert_eq!(
            share_height(50, 40, 20),
            30,
            "below fits, above takes the rest"
        );
        assert_eq!(
            share_height(50, 20, 40),
            20,
            "above fits, below takes the rest"
        );
        assert_eq!(share_height(50, 40, 40), 28, "both cut: 56 % above");
        // Above needs 27 of 50 rows, below 30: 56 % (28) would leave a row empty above
        // while below is cut.
        assert_eq!(share_height(50, 27, 30), 27);
        let (upper, lower) = (27u16, 30u16);
        let above = share_height(50, upper, lower);
        assert!(above <= upper || 50 - above >= lower);
    }
}
