//! The projected pictures other than the official's card and the spotlight: the rating
//! result, the follow-ups agreed, the agenda, the pause screen and the title screen. Each
//! is drawn from a `Projection`, which holds nothing private.

use super::{Theme, big, pages, text, widgets};
use crate::app::projection::{AgendaRow, Projection};
use crate::domain::clock;
use crate::labels::{self, Label, Named};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// One row of text, centred and cut to fit.
pub fn centred(frame: &mut Frame, area: Rect, words: &str, style: Style) {
    let row = Rect {
        height: area.height.min(1),
        ..area
    };
    frame.render_widget(
        Paragraph::new(text::fit(&text::printable(words), area.width as usize))
            .alignment(Alignment::Center)
            .style(style),
        row,
    );
}

/// `words` in the largest glyphs that fit `area`, centred in it, or as one bold centred
/// row in its middle.
pub fn large_or_plain(frame: &mut Frame, area: Rect, words: &str, colour: Color) {
    match big::fitting_scale(words, area.width, area.height) {
        Some(scale) => big::draw(frame.buffer_mut(), area, words, scale, colour),
        None => {
            let middle = Rect {
                y: area.y + area.height / 2,
                ..area
            };
            centred(
                frame,
                middle,
                words,
                Style::new().fg(colour).add_modifier(Modifier::BOLD),
            );
        }
    }
}

/// The heading of a picture: "张某  民主测评结果", bold, with a blank row under it.
pub fn heading(frame: &mut Frame, area: Rect, words: &str, theme: &Theme) -> Rect {
    centred(
        frame,
        area,
        words,
        Style::new().fg(theme.accent).add_modifier(Modifier::BOLD),
    );
    let used = 2.min(area.height);
    Rect {
        y: area.y + used,
        height: area.height - used,
        ..area
    }
}

pub fn official_name(p: &Projection) -> String {
    p.official
        .as_ref()
        .map(|s| format!("{}  ", s.name))
        .unwrap_or_default()
}

/// The follow-ups agreed for the official: the problem, then the measure, who and when.
pub fn follow_ups(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
    let words = labels::picture_words(p.lang);
    let rest = heading(
        frame,
        area,
        &format!("{}{}", official_name(p), Label::FollowUpsPane.text(p.lang)),
        theme,
    );
    if p.follow_ups.is_empty() {
        centred(
            frame,
            rest,
            words.no_follow_ups,
            Style::new().fg(theme.text),
        );
        return;
    }
    let lang = p.lang;
    let mut items = Vec::new();
    for (i, f) in p.follow_ups.iter().enumerate() {
        let mut item = widgets::hanging(
            &format!("{}. ", i + 1),
            &f.problem,
            3,
            rest.width,
            Style::new().fg(theme.text).add_modifier(Modifier::BOLD),
        );
        let mut parts = Vec::new();
        if !f.measure.is_empty() {
            parts.push(labels::labelled(
                lang,
                Label::Measure.text(lang),
                &f.measure,
            ));
        }
        if !f.owner.is_empty() {
            parts.push(labels::labelled(lang, Label::Owner.text(lang), &f.owner));
        }
        if let Some(deadline) = f.deadline {
            let deadline = deadline.format("%Y-%m-%d").to_string();
            parts.push(labels::labelled(
                lang,
                Label::Deadline.text(lang),
                &deadline,
            ));
        }
        if !f.copied_to.is_empty() {
            parts.push(labels::labelled(
                lang,
                Label::CopiedTo.text(lang),
                &f.copied_to,
            ));
        }
        item.extend(widgets::hanging(
            "   ",
            &parts.join("  "),
            3,
            rest.width,
            Style::new().fg(theme.text),
        ));
        items.push(item);
    }
    let selected = p.follow_up_selected.min(items.len().saturating_sub(1));
    pages::draw(frame, rest, &items, selected, Style::new().fg(theme.muted));
}

/// Every official with their stage and time; the one reporting marked in words too.
pub fn agenda(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
    let lang = p.lang;
    let words = labels::picture_words(lang);
    let rest = heading(frame, area, Label::Agenda.text(lang), theme);
    let current = p.official.as_ref().map(|s| s.id);
    let name_width = p
        .agenda
        .iter()
        .map(|r| text::width(&r.slot.name))
        .max()
        .unwrap_or(0)
        + 2;
    let stage_of = |row: &AgendaRow| {
        let name = row.slot.stage.name(lang);
        if Some(row.slot.id) == current {
            labels::noted(lang, name, words.now_reporting)
        } else {
            name.to_string()
        }
    };
    let stage_width = p
        .agenda
        .iter()
        .map(|r| text::width(&stage_of(r)))
        .max()
        .unwrap_or(0);
    let mut items = Vec::new();
    for row in &p.agenda {
        let slot = &row.slot;
        let is_current = Some(slot.id) == current;
        let marker = if is_current { "> " } else { "  " };
        let mut time = if row.elapsed_ms > 0 {
            clock(row.elapsed_ms)
        } else {
            String::new()
        };
        if is_current && p.timing.is_some_and(|t| !t.is_running()) {
            time = format!("{time} {}", words.paused).trim_start().to_string();
        }
        let stage = stage_of(row);
        let left = format!(
            "{marker}{:>2}  {}",
            slot.position,
            text::pad(&slot.name, name_width)
        );
        let right = format!("  {}  {time}", text::pad(&stage, stage_width));
        let style = if is_current {
            Style::new().fg(theme.accent).add_modifier(Modifier::BOLD)
        } else if slot.stage.is_closed() {
            Style::new().fg(theme.muted)
        } else {
            Style::new().fg(theme.text)
        };
        items.push(agenda_item(
            &left,
            &right,
            &format!("{}{}", slot.unit, slot.post),
            rest.width,
            style,
        ));
    }
    // The page holding the official reporting.
    let at = p
        .agenda
        .iter()
        .position(|r| Some(r.slot.id) == current)
        .unwrap_or(0);
    pages::draw(frame, rest, &items, at, Style::new().fg(theme.muted));
}

/// One official's row: the unit and post between the name and the stage when they fit,
/// else on rows of their own below the name, whole.
fn agenda_item(left: &str, right: &str, unit: &str, width: u16, style: Style) -> widgets::Item {
    let room = (width as usize).saturating_sub(text::width(left) + text::width(right));
    if text::width(unit) <= room {
        let row = format!("{left}{}{right}", text::pad(unit, room));
        return vec![Line::from(Span::styled(row, style))];
    }
    let first = format!("{left}{}{right}", " ".repeat(room));
    let mut item = vec![Line::from(Span::styled(
        text::fit(&first, width as usize),
        style,
    ))];
    let indent = " ".repeat(6);
    item.extend(widgets::hanging(&indent, unit, 6, width, style));
    item
}

/// 休会 in large glyphs and, when set, the countdown to resuming.
pub fn pause(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
    let words = labels::picture_words(p.lang);
    let countdown = p.until_resume_ms();
    // The meeting's name in glyphs at scale 1 when they take at most a third of the rows,
    // else one muted row; then the rows for 休会 and the countdown: a blank row under the
    // name, a row between, the line below.
    let title = text::printable(&p.title);
    let big_title = big::fitting_wrapped(&title, area.width, area.height / 3)
        .filter(|&(scale, _)| scale == 1)
        .map(|(_, lines)| lines);
    let title_rows = big_title
        .as_ref()
        .map_or(1, |lines| (big::size("a", 1).1 * lines.len()) as u16);
    let [title_area] = Layout::vertical([Constraint::Length(title_rows)]).areas(area);
    match &big_title {
        Some(lines) => big::draw_lines(frame.buffer_mut(), title_area, lines, 1, theme.muted),
        None => centred(frame, area, &title, Style::new().fg(theme.muted)),
    }
    let free = area.height.saturating_sub(title_rows + 4);
    let share = if countdown.is_some() { free / 2 } else { free };
    let glyph_rows = |words: &str, rows: u16| {
        big::fitting_scale(words, area.width, rows)
            .map(|scale| big::size(words, scale).1 as u16)
            .unwrap_or(1)
    };
    // 休会 large first: at scale 1 when the countdown keeps two plain rows.
    let smallest = big::size(words.pause, 1).1 as u16;
    let word_room = share.max(smallest.min(free.saturating_sub(2)));
    let word_rows = glyph_rows(words.pause, word_room);
    let clock_text = countdown.map(clock).unwrap_or_default();
    let clock_rows = match countdown {
        Some(_) => 1 + glyph_rows(&clock_text, free.saturating_sub(word_rows + 1)),
        None => 0,
    };
    let [_, _, word, _, count, _, wait, _] = Layout::vertical([
        Constraint::Length(title_rows + 1),
        Constraint::Fill(1),
        Constraint::Length(word_rows),
        Constraint::Length(1),
        Constraint::Length(clock_rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    large_or_plain(frame, word, words.pause, theme.accent);
    if let Some(ms) = countdown {
        let label = labels::resumes_in(p.lang, ms);
        if count.height > 1 {
            let words = label.replace(&clock_text, "");
            centred(frame, count, words.trim(), Style::new().fg(theme.text));
            let glyphs = Rect {
                y: count.y + 1,
                height: count.height - 1,
                ..count
            };
            large_or_plain(frame, glyphs, &clock_text, theme.text);
        } else {
            let bold = Style::new().fg(theme.text).add_modifier(Modifier::BOLD);
            centred(frame, count, &label, bold);
        }
    }
    centred(frame, wait, words.pause_wait, Style::new().fg(theme.text));
}

/// The meeting's title in the largest glyphs that fit half the screen, then the date,
/// the place and the chair; after 散会 the word itself, large, under the title.
pub fn title(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
    let words = labels::picture_words(p.lang);
    let meeting = &p.meeting;
    let closed = meeting.finished_at.is_some();
    let mut facts = Vec::new();
    if !p.office.trim().is_empty() {
        facts.push(text::printable(p.office.trim()));
    }
    let mut when = meeting.held_on.format("%Y-%m-%d").to_string();
    if let Some(starts) = meeting.starts_at.filter(|_| !closed) {
        when.push_str(&starts.format("  %H:%M").to_string());
    }
    facts.push(when);
    if !meeting.place.is_empty() {
        facts.push(labels::labelled(p.lang, words.place, &meeting.place));
    }
    if !meeting.chair.is_empty() {
        let who = format!("{} {}", meeting.chair_post, meeting.chair);
        facts.push(labels::labelled(p.lang, words.chair, who.trim_start()));
    }
    let facts_rows = facts.len() as u16;
    let title = text::printable(&meeting.title);
    let title_room = match closed {
        true => area.height.saturating_sub(facts_rows) * 3 / 5,
        false => area.height.saturating_sub(facts_rows),
    };
    let big_title = big::fitting_wrapped(&title, area.width, title_room);
    let title_rows = match &big_title {
        Some((scale, lines)) => (big::size("a", *scale).1 * lines.len()) as u16,
        None => text::wrap(&title, area.width as usize).len() as u16,
    };
    let closing_room = area.height.saturating_sub(title_rows + facts_rows + 2);
    let closing_rows = match closed {
        true => big::fitting_scale(words.closing, area.width, closing_room)
            .map_or(1, |scale| big::size(words.closing, scale).1 as u16),
        false => 0,
    };
    // A blank row before the facts when there is one to spare.
    let gap = u16::from(title_rows + closing_rows + u16::from(closed) + facts_rows < area.height);
    let [_, title_area, _, closing, _, facts_area, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(title_rows),
        Constraint::Length(u16::from(closed)),
        Constraint::Length(closing_rows),
        Constraint::Length(gap),
        Constraint::Length(facts_rows),
        Constraint::Fill(1),
    ])
    .areas(area);
    let accent = Style::new().fg(theme.accent).add_modifier(Modifier::BOLD);
    match big_title {
        Some((scale, lines)) => {
            big::draw_lines(frame.buffer_mut(), title_area, &lines, scale, theme.accent)
        }
        None => {
            let lines: Vec<Line> = text::wrap(&title, area.width as usize)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, accent)))
                .collect();
            frame.render_widget(
                Paragraph::new(lines).alignment(Alignment::Center),
                title_area,
            );
        }
    }
    if closed {
        large_or_plain(frame, closing, words.closing, theme.text);
    }
    let lines: Vec<Line> = facts
        .into_iter()
        .map(|f| Line::from(Span::styled(f, Style::new().fg(theme.text))))
        .collect();
    frame.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center),
        facts_area,
    );
}
