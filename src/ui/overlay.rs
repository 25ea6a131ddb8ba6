//! What is drawn over the panes: the editor, a form, the search box, the key help.
//! The terminal cursor is put at the caret so that an input method composes in place.

use super::widgets::{self, Item};
use super::{Theme, text};
use crate::app::form::{Field, FieldLabel, FieldValue};
use crate::app::{Console, Editor, Form, Mode, RescueOffer, SearchBox, keys};
use crate::labels::{self, Label};
use crate::view::TextTarget;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn draw(frame: &mut Frame, body: Rect, console: &Console, theme: &Theme) {
    match &console.recorder.mode {
        Mode::Browse => {}
        Mode::Form(form) => {
            // Nothing of the panes behind shows beside the box: half a pane's sentence
            // next to a field reads as part of the form.
            let area = backdrop(frame, body, theme);
            draw_form(frame, area, console, form, theme);
        }
        Mode::Editor(editor) => {
            let area = backdrop(frame, body, theme);
            draw_editor(frame, area, console, editor, theme);
        }
        Mode::Search(search) => {
            let area = backdrop(frame, body, theme);
            draw_search(frame, area, console, search, theme);
        }
        Mode::Help => {
            let area = backdrop(frame, body, theme);
            draw_help(frame, area, console, theme);
        }
        Mode::History(view) => {
            let area = backdrop(frame, body, theme);
            super::history::draw(frame, area, console, view, theme);
        }
        Mode::Rescue(offer) => {
            let area = backdrop(frame, body, theme);
            draw_rescue(frame, area, console, offer, theme);
        }
        Mode::Confirm(confirmation) => {
            let area = backdrop(frame, body, theme);
            let lang = console.lang;
            let content = widgets::pane(frame, area, Label::ConfirmTitle.text(lang), true, theme);
            let style = Style::new().fg(theme.text);
            let items = [
                confirmation.text.as_str(),
                "",
                confirmation.keys().text(lang),
            ]
            .into_iter()
            .map(|line| widgets::hanging("", line, 0, content.width, style))
            .collect();
            widgets::list(frame, content, items, None, theme);
        }
        Mode::Notice(lines) => {
            let area = backdrop(frame, body, theme);
            let content = widgets::pane(
                frame,
                area,
                Label::ExportedTitle.text(console.lang),
                true,
                theme,
            );
            let items = lines
                .iter()
                .map(|line| {
                    widgets::hanging("", line, 2, content.width, Style::new().fg(theme.text))
                })
                .collect();
            widgets::list(frame, content, items, None, theme);
        }
    }
}

/// The one-terminal layout: what the recorder is typing, in a compact band at the foot of
/// the projected picture, with its caret. A private note's words are not shown there (the
/// screen is the projector), only that it is being written; the key help never shows.
/// Rows the band takes at the bottom of `screen` in the one-terminal projection (none
/// while browsing).
pub fn band_rows(screen: Rect, console: &Console) -> u16 {
    let third = (screen.height / 3).max(6);
    match &console.recorder.mode {
        Mode::Editor(_) if note_words(console).is_some() => 4,
        Mode::Editor(_) | Mode::Search(_) | Mode::Notice(_) => third,
        Mode::Form(form) => form.fields.len() as u16 + 5,
        Mode::Rescue(_) | Mode::Confirm(_) => screen.height / 2,
        // Never the history itself: only that it is open and not projected.
        Mode::History(_) => 5,
        Mode::Browse | Mode::Help => 0,
    }
    .min(screen.height)
}

pub fn band(frame: &mut Frame, screen: Rect, console: &Console, theme: &Theme) {
    let rows = band_rows(screen, console);
    if rows == 0 {
        return;
    }
    let area = Rect {
        y: screen.bottom() - rows,
        height: rows,
        ..screen
    };
    match &console.recorder.mode {
        Mode::History(_) => {
            let area = backdrop(frame, area, theme);
            super::history::band(frame, area, console, theme);
        }
        Mode::Editor(editor) if note_words(console).is_some() => {
            let area = backdrop(frame, area, theme);
            let content = widgets::pane(frame, area, editor.title.text(console.lang), true, theme);
            let words = note_words(console).unwrap_or_default();
            let lines = widgets::hanging("", &words, 0, content.width, Style::new().fg(theme.text));
            frame.render_widget(Paragraph::new(lines), content);
        }
        _ => draw(frame, area, console, theme),
    }
}

/// While a private note is written: how much, never what.
fn note_words(console: &Console) -> Option<String> {
    match &console.recorder.mode {
        Mode::Editor(editor) if matches!(editor.target, TextTarget::Note { .. }) => {
            let typed = editor.body().chars().filter(|c| !c.is_whitespace()).count();
            Some(labels::note_hidden_here(console.lang, typed))
        }
        _ => None,
    }
}

/// Clears an area to the theme's background.
fn backdrop(frame: &mut Frame, area: Rect, theme: &Theme) -> Rect {
    frame.render_widget(Clear, area);
    frame.render_widget(
        Block::new().style(Style::new().bg(theme.background).fg(theme.text)),
        area,
    );
    area
}

fn draw_editor(frame: &mut Frame, area: Rect, console: &Console, editor: &Editor, theme: &Theme) {
    let lang = console.lang;
    // The closing remarks are the meeting's, not the official's on screen.
    let name = match editor.target {
        TextTarget::Closing { .. } => console.snapshot.meeting.title.as_str(),
        _ => console.slot().map(|s| s.name.as_str()).unwrap_or_default(),
    };
    let mut title = format!("{}  {}", editor.title.text(lang), text::printable(name));
    let state = match (console.saving.waiting, editor.dirty_since.is_some()) {
        (true, _) => Some(Label::WaitingToSave),
        (false, true) => Some(Label::NotSaved),
        (false, false) => None,
    };
    if let Some(state) = state {
        title.push_str(&format!("  ({})", state.text(lang)));
    }
    let content = widgets::pane(frame, area, &title, true, theme);
    let context = widgets::hanging(
        "",
        &editor.context,
        0,
        content.width,
        Style::new().fg(theme.muted),
    );
    let context_rows = (context.len() as u16).min(4).min(content.height / 3);
    let [context_area, _, text_area] = Layout::vertical([
        Constraint::Length(context_rows),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(content);
    frame.render_widget(Paragraph::new(context), context_area);
    frame.render_widget(&editor.area, text_area);
    let caret = editor.area.screen_cursor();
    let (top, left) = editor.area.scroll_offset();
    // Never narrowed to 16 bits: a caret far below the top is off screen, not wrapped
    // round into it.
    let x = u16::try_from(caret.col.saturating_sub(left as usize)).ok();
    let y = u16::try_from(caret.row.saturating_sub(top)).ok();
    if let (Some(x), Some(y)) = (x, y)
        && x < text_area.width
        && y < text_area.height
    {
        frame.set_cursor_position(Position::new(text_area.x + x, text_area.y + y));
    }
}

/// A rescued text beside the database's text for the same place, and the two keys.
/// A private note's words are not shown: the screen may be projected.
fn draw_rescue(
    frame: &mut Frame,
    area: Rect,
    console: &Console,
    offer: &RescueOffer,
    theme: &Theme,
) {
    let lang = console.lang;
    let content = widgets::pane(frame, area, Label::RescueTitle.text(lang), true, theme);
    let private = matches!(offer.target, TextTarget::Note { .. });
    let shown = |body: &str| match private {
        true => Label::RescuePrivate.text(lang).to_string(),
        false => body.to_string(),
    };
    let at = offer.rescued_at.with_timezone(&chrono::Local);
    let width = content.width;
    let plain = Style::new().fg(theme.text);
    let heading = Style::new().fg(theme.accent).add_modifier(Modifier::BOLD);
    let items = vec![
        widgets::hanging("", &offer.context, 0, width, Style::new().fg(theme.muted)),
        widgets::hanging("", Label::RescueKeys.text(lang), 0, width, heading),
        widgets::hanging("", Label::RescueSavedText.text(lang), 0, width, heading),
        widgets::hanging("", &shown(&offer.saved), 2, width, plain),
        widgets::hanging(
            "",
            &crate::labels::noted(
                lang,
                Label::RescueUnsavedText.text(lang),
                &format!(
                    "{}{}{}",
                    at.format("%Y-%m-%d %H:%M:%S"),
                    crate::labels::list_separator(lang),
                    offer.path.display()
                ),
            ),
            0,
            width,
            heading,
        ),
        widgets::hanging("", &shown(&offer.rescued), 2, width, plain),
    ];
    widgets::list(frame, content, items, None, theme);
}

fn field_label(label: FieldLabel, console: &Console) -> &'static str {
    match label {
        FieldLabel::Fixed(label) => label.text(console.lang),
        FieldLabel::Text(text) => text,
    }
}

/// A form in a framed box in the middle of the body; the caret in the focused field.
/// A caption too long for a third of the box is never cut: it is wrapped over the rows
/// above its field.
fn draw_form(frame: &mut Frame, body: Rect, console: &Console, form: &Form, theme: &Theme) {
    let inner_width = body.width.saturating_sub(2).min(80);
    let label_width = form
        .fields
        .iter()
        .map(|f| text::width(field_label(f.label, console)))
        .filter(|&w| w <= inner_width as usize / 3)
        .max()
        .unwrap_or(0);
    let mut rows: Vec<(Line, Option<u16>)> = Vec::new();
    let mut focus_row = 0;
    for (index, field) in form.fields.iter().enumerate() {
        let focused = index == form.focus;
        let caption = field_label(field.label, console);
        let row = if text::width(caption) <= label_width {
            form_row(
                field,
                focused,
                caption,
                label_width,
                inner_width,
                console,
                theme,
            )
        } else {
            let room = inner_width.saturating_sub(2) as usize;
            for line in text::wrap(caption, room) {
                rows.push((
                    Line::from(Span::styled(
                        format!(" {line}"),
                        Style::new().fg(theme.muted),
                    )),
                    None,
                ));
            }
            form_row(field, focused, "", 1, inner_width, console, theme)
        };
        if focused {
            focus_row = rows.len();
        }
        rows.push(row);
    }
    let foot: Vec<Line> = match &form.error {
        Some(error) => widgets::hanging(
            "",
            error,
            0,
            inner_width,
            Style::new().fg(theme.danger).add_modifier(Modifier::BOLD),
        ),
        None => widgets::hanging(
            "",
            Label::FormKeys.text(console.lang),
            0,
            inner_width,
            Style::new().fg(theme.muted),
        ),
    };
    let height = (rows.len() + foot.len()) as u16 + 2;
    let content = form_box(frame, body, form.title.text(console.lang), height, theme);
    let room = (content.height as usize).saturating_sub(foot.len()).max(1);
    let first = (focus_row + 1).saturating_sub(room);
    let mut lines = Vec::new();
    for (at, (line, caret)) in rows.into_iter().enumerate().skip(first).take(room) {
        let y = content.y + (at - first) as u16;
        if let Some(x) = caret
            .map(|x| content.x + x)
            .filter(|&x| x < content.right() && y < content.bottom())
        {
            frame.set_cursor_position(Position::new(x, y));
        }
        lines.push(line);
    }
    lines.extend(foot);
    frame.render_widget(Paragraph::new(lines), content);
}

/// A box `height` rows tall (at most), centred in `body` in a frame of the focus colour.
/// A form taller than the room leaves out the frame's top and bottom rows first, so that
/// one more field shows on a small screen.
fn form_box(frame: &mut Frame, body: Rect, title: &str, height: u16, theme: &Theme) -> Rect {
    let width = body.width.saturating_sub(2).min(80);
    let height = height.min(body.height);
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    };
    let outer = Rect {
        x: area.x.saturating_sub(1).max(body.x),
        y: area.y.saturating_sub(1).max(body.y),
        width: (width + 2).min(body.width),
        height: (height + 2).min(body.height),
    };
    frame.render_widget(Clear, outer);
    widgets::clear_edges(frame, outer);
    frame.render_widget(
        Block::new().style(Style::new().bg(theme.focus_border)),
        outer,
    );
    let area = backdrop(frame, area, theme);
    widgets::pane(frame, area, title, true, theme)
}

/// One field: "  caption: value" (or, under a caption wrapped above it, "  > value"), and
/// where the caret goes when it is focused.
fn form_row(
    field: &Field,
    focused: bool,
    caption: &str,
    label_width: usize,
    width: u16,
    console: &Console,
    theme: &Theme,
) -> (Line<'static>, Option<u16>) {
    let pad = " ".repeat(label_width.saturating_sub(text::width(caption)));
    let head = match caption {
        "" => format!(" {pad}> "),
        _ => format!(" {pad}{caption}: "),
    };
    let room = (width as usize).saturating_sub(text::width(&head) + 1);
    let choice = matches!(field.value, FieldValue::Choice { .. });
    let shown = if choice {
        format!(
            "< {} >  {}",
            field.shown(),
            Label::ChoiceHint.text(console.lang)
        )
    } else {
        field.shown().to_string()
    };
    let value = text::tail(&text::printable(&shown), room);
    let style = if focused {
        Style::new()
            .bg(theme.selection_background)
            .fg(theme.selection_text)
    } else {
        Style::new().fg(theme.text)
    };
    let caret = (focused && !choice).then(|| (text::width(&head) + text::width(&value)) as u16);
    let line = Line::from(vec![
        Span::styled(head, Style::new().fg(theme.muted)),
        Span::styled(value, style),
    ]);
    (line, caret)
}

fn draw_search(
    frame: &mut Frame,
    area: Rect,
    console: &Console,
    search: &SearchBox,
    theme: &Theme,
) {
    let lang = console.lang;
    let content = widgets::pane(frame, area, Label::SearchTitle.text(lang), true, theme);
    let [query_row, hits_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(content);
    let head = "/ ";
    let room = (content.width as usize).saturating_sub(head.len() + 1);
    let query = text::tail(&text::printable(&search.query), room);
    frame.set_cursor_position(Position::new(
        query_row.x + (head.len() + text::width(&query)) as u16,
        query_row.y,
    ));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(head, Style::new().fg(theme.accent)),
            Span::styled(
                query,
                Style::new().fg(theme.text).add_modifier(Modifier::BOLD),
            ),
        ])),
        query_row,
    );
    if search.hits.is_empty() {
        if !search.query.trim().is_empty() {
            let line = widgets::single(
                Label::NoHits.text(lang),
                hits_area.width,
                Style::new().fg(theme.muted),
            );
            frame.render_widget(Paragraph::new(line), hits_area);
        }
        return;
    }
    let items: Vec<Item> = search
        .hits
        .iter()
        .map(|hit| {
            let who = console
                .snapshot
                .agenda
                .get(hit.slot_index)
                .map(|s| format!("{} {}  ", s.position, s.name))
                .unwrap_or_default();
            let room = (hits_area.width as usize).saturating_sub(text::width(&who));
            let excerpt = around_match(&hit.excerpt.replace('\n', " "), &search.query, room);
            let line = format!("{who}{excerpt}");
            vec![widgets::single(
                &line,
                hits_area.width,
                Style::new().fg(theme.text),
            )]
        })
        .collect();
    widgets::list(frame, hits_area, items, Some(search.selected), theme);
}

/// `excerpt` as it fits in `room` cells with the first place it holds `query` in view: when
/// the match would be cut off, the start gives way to `~` and a little of what precedes it.
fn around_match(excerpt: &str, query: &str, room: usize) -> String {
    let query = query.trim();
    let Some(at) = excerpt.find(query).filter(|_| !query.is_empty()) else {
        return excerpt.to_string();
    };
    let (before, from) = excerpt.split_at(at);
    if text::width(before) + text::width(query) <= room {
        return excerpt.to_string();
    }
    let lead = room.saturating_sub(text::width(query) + 1).min(room / 3);
    format!("~{}{from}", text::tail(before, lead))
}

fn draw_help(frame: &mut Frame, area: Rect, console: &Console, theme: &Theme) {
    let lang = console.lang;
    let content = widgets::pane(frame, area, Label::HelpTitle.text(lang), true, theme);
    let mut entries: Vec<(String, String)> = keys::BROWSE_KEYS
        .iter()
        .map(|b| (b.shown.to_string(), b.command.name(lang).to_string()))
        .collect();
    entries.push(("Esc".into(), labels::escape_meaning(lang).into()));
    entries.push(("Ctrl-C".into(), crate::app::Command::Quit.name(lang).into()));
    #[cfg(unix)]
    entries.push(("Ctrl-Z".into(), labels::suspend_meaning(lang).into()));
    let rows = (content.height as usize).max(1);
    let columns = entries.len().div_ceil(rows).max(1);
    let column_width = content.width / columns as u16;
    let key_width = entries.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 2;
    for (column, chunk) in entries.chunks(rows).enumerate() {
        let area = Rect {
            x: content.x + column as u16 * column_width,
            width: column_width,
            ..content
        };
        let room = (column_width as usize).saturating_sub(key_width + 1);
        let lines: Vec<Line> = chunk
            .iter()
            .map(|(key, meaning)| {
                Line::from(vec![
                    Span::styled(
                        format!(" {key:<width$}", width = key_width),
                        Style::new().fg(theme.accent).add_modifier(Modifier::BOLD),
                    ),
                    Span::styled(text::fit(meaning, room), Style::new().fg(theme.text)),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
    }
}
