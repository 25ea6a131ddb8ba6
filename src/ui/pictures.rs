//! The projected pictures other than the official's card and the spotlight: the rating
//! result, the follow-ups agreed, the agenda, the pause screen and the title screen. Each
//! is drawn from a `Projection`, which holds nothing private.

use super::{Theme, big, text, widgets};
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
fn heading(frame: &mut Frame, area: Rect, words: &str, theme: &Theme) -> Rect {
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

fn official_name(p: &Projection) -> String {
    p.official
        .as_ref()
        .map(|s| format!("{}  ", s.name))
        .unwrap_or_default()
}

/// The tallies and the result as a large table: one grade a row, spaced out.
pub fn rating(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
    let words = labels::picture_words(p.lang);
    let rest = heading(
        frame,
        area,
        &format!("{}{}", official_name(p), words.rating_title),
        theme,
    );
    let Some(rating) = p.rating else {
        centred(
            frame,
            rest,
            Label::NoRating.text(p.lang),
            Style::new().fg(theme.text),
        );
        return;
    };
    let counted = rating.counted();
    let share = |n: u32| match counted {
        0 => "-".to_string(),
        _ => format!("{:.1}%", n as f64 * 100.0 / counted as f64),
    };
    let grades = labels::rating_grades(p.lang);
    let tallies = [rating.excellent, rating.good, rating.fair, rating.poor];
    let mut rows = vec![(
        String::new(),
        words.ballots.to_string(),
        words.share.to_string(),
    )];
    for (grade, n) in grades.iter().zip(tallies) {
        rows.push((grade.to_string(), n.to_string(), share(n)));
    }
    // A blank row between rows when there is room: a table read from the back row.
    let summary = 2;
    let spaced = rest.height as usize >= rows.len() * 2 + summary;
    let mut lines = Vec::new();
    let bold = Style::new().fg(theme.text).add_modifier(Modifier::BOLD);
    for (i, (grade, n, share)) in rows.iter().enumerate() {
        let style = if i == 0 {
            Style::new().fg(theme.muted)
        } else {
            bold
        };
        let row = format!(
            "{}{}{}",
            text::pad(grade, 8),
            text::pad_left(n, 8),
            text::pad_left(share, 10)
        );
        lines.push(Line::from(Span::styled(row, style)));
        if spaced {
            lines.push(Line::default());
        }
    }
    lines.push(Line::from(Span::styled(
        format!(
            "{} {}  {} {}",
            Label::Voters.text(p.lang),
            rating.voters,
            words.counted,
            counted
        ),
        Style::new().fg(theme.text),
    )));
    if let Some(approval) = rating.approval_percent() {
        lines.push(Line::from(Span::styled(
            format!("{} {approval:.1}%", words.approval),
            bold,
        )));
    }
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rest);
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
    let mut lines = Vec::new();
    for (i, f) in p.follow_ups.iter().enumerate() {
        lines.extend(widgets::hanging(
            &format!("{}. ", i + 1),
            &f.problem,
            3,
            rest.width,
            Style::new().fg(theme.text).add_modifier(Modifier::BOLD),
        ));
        let mut parts = Vec::new();
        if !f.measure.is_empty() {
            parts.push(format!("{}：{}", Label::Measure.text(lang), f.measure));
        }
        if !f.owner.is_empty() {
            parts.push(format!("{}：{}", Label::Owner.text(lang), f.owner));
        }
        if let Some(deadline) = f.deadline {
            parts.push(format!(
                "{}：{}",
                Label::Deadline.text(lang),
                deadline.format("%Y-%m-%d")
            ));
        }
        if !f.copied_to.is_empty() {
            parts.push(format!("{}：{}", Label::CopiedTo.text(lang), f.copied_to));
        }
        lines.extend(widgets::hanging(
            "   ",
            &parts.join("  "),
            3,
            rest.width,
            Style::new().fg(theme.text),
        ));
    }
    frame.render_widget(Paragraph::new(lines), rest);
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
            format!("{name}（{}）", words.now_reporting)
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
    let mut lines = Vec::new();
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
        let room = (rest.width as usize).saturating_sub(text::width(&left) + text::width(&right));
        let unit = text::fit(&format!("{}{}", slot.unit, slot.post), room);
        let style = if is_current {
            Style::new().fg(theme.accent).add_modifier(Modifier::BOLD)
        } else if slot.stage.is_closed() {
            Style::new().fg(theme.muted)
        } else {
            Style::new().fg(theme.text)
        };
        let row = format!("{left}{}{right}", text::pad(&unit, room));
        lines.push(Line::from(Span::styled(
            text::fit(&row, rest.width as usize),
            style,
        )));
    }
    // The official reporting stays in view in a long agenda.
    let at = p
        .agenda
        .iter()
        .position(|r| Some(r.slot.id) == current)
        .unwrap_or(0);
    let skip = (at + 1).saturating_sub(rest.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), rest);
}

/// 休会 in large glyphs and, when set, the countdown to resuming.
pub fn pause(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
    let words = labels::picture_words(p.lang);
    centred(frame, area, &p.title, Style::new().fg(theme.muted));
    let countdown = p.until_resume_ms();
    // Rows for the glyphs: the title and a blank row above, a row between, the line below.
    let free = area.height.saturating_sub(5);
    let share = if countdown.is_some() { free / 2 } else { free };
    let glyph_rows = |words: &str, rows: u16| {
        big::fitting_scale(words, area.width, rows)
            .map(|scale| big::size(words, scale).1 as u16)
            .unwrap_or(1)
    };
    let word_rows = glyph_rows(words.pause, share);
    let clock_text = countdown.map(clock).unwrap_or_default();
    let clock_rows = match countdown {
        Some(_) => 1 + glyph_rows(&clock_text, share.saturating_sub(1)),
        None => 0,
    };
    let [_, _, word, _, count, _, wait, _] = Layout::vertical([
        Constraint::Length(2),
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

/// The meeting's title, date, place and chair.
pub fn title(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
    let words = labels::picture_words(p.lang);
    let meeting = &p.meeting;
    let title_lines = text::wrap(&text::printable(&meeting.title), area.width as usize);
    let mut lines: Vec<Line> = title_lines
        .into_iter()
        .map(|l| {
            Line::from(Span::styled(
                l,
                Style::new().fg(theme.accent).add_modifier(Modifier::BOLD),
            ))
        })
        .collect();
    lines.push(Line::default());
    let mut when = meeting.held_on.format("%Y-%m-%d").to_string();
    if let Some(starts) = meeting.starts_at {
        when.push_str(&starts.format("  %H:%M").to_string());
    }
    lines.push(Line::from(Span::styled(when, Style::new().fg(theme.text))));
    if !meeting.place.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("{}：{}", words.place, meeting.place),
            Style::new().fg(theme.text),
        )));
    }
    if !meeting.chair.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("{}：{}", words.chair, meeting.chair),
            Style::new().fg(theme.text),
        )));
    }
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    let at = Rect {
        y: top,
        height: area.bottom() - top,
        ..area
    };
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), at);
}
