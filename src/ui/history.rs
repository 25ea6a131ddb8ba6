//! Drawing the history view over the whole body: the earlier meetings wrapped as the panes
//! wrap (UAX #14), the rows in view, the search's words marked, and where the view is.
//! Drawing records what it measured (rows per line, rows in view, rows with the words),
//! which the view's keys move by; it changes nothing else.

use super::widgets;
use super::{Theme, text};
use crate::app::Console;
use crate::app::history::{HistoryView, LineKind, Measured};
use crate::labels::{Label, history as words};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The history over `body`: its rows from the view's first, the status row at the foot.
pub fn draw(frame: &mut Frame, body: Rect, console: &Console, view: &HistoryView, theme: &Theme) {
    let lang = console.lang;
    let title = words::title(lang, &view.official, &view.unit);
    let content = widgets::pane(frame, body, &title, true, theme);
    if content.height < 2 || content.width < 4 {
        return;
    }
    // One column for the mark of the match `n` went to.
    let width = content.width as usize - 1;
    let page = content.height as usize - 1;
    let needle = view.query.trim().to_ascii_lowercase();
    let mut measured = view.measured.borrow_mut();
    measure(&mut measured, view, width, page, &needle);
    let rows = &measured.rows;
    let top = view.top.min(rows.len().saturating_sub(page));
    let shown: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(top)
        .take(page)
        .map(|(at, row)| row_line(row, &needle, view.current == Some(at), theme))
        .collect();
    let text_area = Rect {
        height: page as u16,
        ..content
    };
    frame.render_widget(Paragraph::new(shown), text_area);
    let status_area = Rect {
        y: content.y + page as u16,
        height: 1,
        ..content
    };
    let extent = (top, page, rows.len());
    status(frame, status_area, console, view, extent, theme);
}

/// Brings what the view measured up to this frame: the lines wrapped again only at a new
/// width, the rows holding the words found again only for new words.
fn measure(measured: &mut Measured, view: &HistoryView, width: usize, page: usize, needle: &str) {
    measured.page = page;
    if measured.width != width || measured.line_rows.is_empty() {
        let (rows, line_rows) = wrap_lines(view, width);
        measured.width = width;
        measured.rows = rows;
        measured.line_rows = line_rows;
        measured.matched = String::from("\n");
    }
    if measured.matched != needle {
        measured.match_rows = match needle.is_empty() {
            true => Vec::new(),
            false => (0..measured.rows.len())
                .filter(|i| measured.rows[*i].1.to_ascii_lowercase().contains(needle))
                .collect(),
        };
        measured.matched = needle.to_string();
    }
}

/// Every line wrapped to `width` (its later rows under the end of its prefix), with the
/// first row of each line and the total last.
fn wrap_lines(view: &HistoryView, width: usize) -> (Vec<(LineKind, String)>, Vec<usize>) {
    let mut rows = Vec::new();
    let mut line_rows = Vec::with_capacity(view.lines.len() + 1);
    for line in &view.lines {
        line_rows.push(rows.len());
        let indent = text::width(&line.prefix);
        for wrapped in text::wrap_hanging(&line.prefix, &line.text, indent, width) {
            rows.push((line.kind, wrapped));
        }
    }
    line_rows.push(rows.len());
    (rows, line_rows)
}

/// A row in its line's style, the search's words marked (underlined and in the selection's
/// colours, so that they show without colour too), `>` before the match `n` went to.
fn row_line(
    (kind, row): &(LineKind, String),
    needle: &str,
    current: bool,
    theme: &Theme,
) -> Line<'static> {
    let style = match kind {
        LineKind::Meeting => Style::new().fg(theme.accent).add_modifier(Modifier::BOLD),
        LineKind::Part => Style::new().fg(theme.text).add_modifier(Modifier::BOLD),
        LineKind::Text | LineKind::Blank => Style::new().fg(theme.text),
        LineKind::Muted => Style::new().fg(theme.muted),
    };
    let marked = Style::new()
        .bg(theme.selection_background)
        .fg(theme.selection_text)
        .add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    let mark = if current { ">" } else { " " };
    let mut spans = vec![Span::styled(mark, Style::new().fg(theme.accent))];
    let lower = row.to_ascii_lowercase();
    let mut from = 0;
    if !needle.is_empty() {
        while let Some(at) = lower[from..].find(needle) {
            let start = from + at;
            let end = start + needle.len();
            spans.push(Span::styled(row[from..start].to_string(), style));
            spans.push(Span::styled(row[start..end].to_string(), marked));
            from = end;
        }
    }
    spans.push(Span::styled(row[from..].to_string(), style));
    Line::from(spans)
}

/// The foot row: the search line (with the caret while it is typed) and where the view is.
fn status(
    frame: &mut Frame,
    area: Rect,
    console: &Console,
    view: &HistoryView,
    (top, page, total): (usize, usize, usize),
    theme: &Theme,
) {
    let lang = console.lang;
    let last = (top + page).min(total);
    let position = words::position(lang, (top + 1).min(total), last, total);
    let searching = view.typing || !view.query.is_empty();
    let search = match searching {
        true => words::search_line(lang, &text::printable(&view.query), view.hits),
        false => String::new(),
    };
    let room = (area.width as usize).saturating_sub(text::width(&position) + 2);
    let search = text::fit(&search, room);
    let gap = (area.width as usize).saturating_sub(text::width(&search) + text::width(&position));
    let line = Line::from(vec![
        Span::styled(
            search.clone(),
            Style::new().fg(theme.accent).add_modifier(Modifier::BOLD),
        ),
        Span::raw(" ".repeat(gap)),
        Span::styled(position, Style::new().fg(theme.muted)),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if view.typing {
        let typed = 1 + text::width(&text::printable(&view.query));
        let x = area.x + typed.min(area.width as usize - 1) as u16;
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// The one-terminal layout: the history is never on the projected picture, only a band
/// that says so and how to read it.
pub fn band(frame: &mut Frame, area: Rect, console: &Console, theme: &Theme) {
    let lang = console.lang;
    let content = widgets::pane(frame, area, Label::HistoryTitle.text(lang), true, theme);
    let lines = widgets::hanging(
        "",
        Label::HistoryNotProjected.text(lang),
        0,
        content.width,
        Style::new().fg(theme.text),
    );
    frame.render_widget(Paragraph::new(lines), content);
}
