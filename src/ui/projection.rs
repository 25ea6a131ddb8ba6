//! The projected picture: what the room sees, in the second terminal (`shuze present`) or
//! in the console's projection layout. Drawn from a `Projection`, which holds nothing
//! private.

use super::pictures::{self, centred, large_or_plain};
use super::{Theme, big, text, widgets};
use crate::app::projection::{Picture, ProjectedQuestion, Projection};
use crate::labels::Lang;
use crate::labels::{self, Label, Named};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(frame: &mut Frame, p: &Projection, theme: &Theme) {
    let whole = frame.area();
    if p.picture == Picture::Blank {
        blank(frame, whole, p);
        return;
    }
    frame.render_widget(
        Block::new().style(Style::new().bg(theme.background).fg(theme.text)),
        whole,
    );
    let area = margin(whole);
    match (p.picture, &p.official) {
        (Picture::Pause, _) => pictures::pause(frame, area, p, theme),
        (Picture::Title, _) => pictures::title(frame, area, p, theme),
        (Picture::Agenda, _) => pictures::agenda(frame, area, p, theme),
        (_, None) => {
            let notice = widgets::hanging(
                "",
                Label::NoOfficials.text(p.lang),
                0,
                area.width,
                Style::new().fg(theme.warning),
            );
            frame.render_widget(Paragraph::new(notice), area);
        }
        (Picture::Spotlight, Some(_)) => spotlight(frame, area, p, theme),
        (Picture::Rating, Some(_)) => pictures::rating(frame, area, p, theme),
        (Picture::FollowUps, Some(_)) => pictures::follow_ups(frame, area, p, theme),
        (Picture::Card | Picture::Blank, Some(_)) => card(frame, area, p, theme),
    }
}

/// The screen less about 5 % on every side: projectors cut the overscan at the edges.
pub fn margin(area: Rect) -> Rect {
    let side = area.width / 20;
    let top = area.height / 20;
    Rect {
        x: area.x + side,
        y: area.y + top,
        width: area.width - 2 * side,
        height: area.height - 2 * top,
    }
}

/// Black, with the meeting title only.
fn blank(frame: &mut Frame, area: Rect, p: &Projection) {
    frame.render_widget(Block::new().style(Style::new().bg(Color::Black)), area);
    let row = Rect {
        y: area.y + area.height / 2,
        height: 1.min(area.height),
        ..area
    };
    let title = text::fit(&p.title, area.width as usize);
    frame.render_widget(
        Paragraph::new(title)
            .alignment(Alignment::Center)
            .style(Style::new().bg(Color::Black).fg(Color::Gray)),
        row,
    );
}

/// "述责报告  用时 03:12 / 08:00  剩余 04:48" and how it should look.
fn stage_clock(p: &Projection, theme: &Theme) -> (String, Style) {
    let lang = p.lang;
    let Some(slot) = &p.official else {
        return (String::new(), Style::new());
    };
    let stage = slot.stage.name(lang);
    let mut style = Style::new().fg(theme.text).add_modifier(Modifier::BOLD);
    let Some(clock) = p.clock() else {
        return (stage.to_string(), style);
    };
    let mut text = format!(
        "{stage}  {} {} / {}",
        Label::Elapsed.text(lang),
        clock.elapsed(),
        clock.allotted()
    );
    if let Some(overrun) = clock.overrun() {
        text.push_str(&format!("  {} {overrun}", Label::Overrun.text(lang)));
        style = style.bg(theme.overrun_background).fg(theme.overrun_text);
    } else {
        text.push_str(&format!(
            "  {} {}",
            Label::Remaining.text(lang),
            clock.remaining()
        ));
    }
    if !clock.running {
        text.push_str(&format!("  [{}]", Label::Paused.text(lang)));
    }
    (text, style)
}

fn card(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
    let Some(slot) = &p.official else {
        return;
    };
    let name_rows = big::fitting_step(&slot.name, area.width, area.height / 3)
        .map(|step| big::size(&slot.name, step).1 as u16)
        .unwrap_or(1);
    let [top, name, _, who, stage, counts, _, question] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(name_rows),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let position = labels::official_of(p.lang, p.position.0, p.position.1);
    let heading = vec![
        Span::styled(
            format!("{}  ", text::printable(&p.title)),
            Style::new().fg(theme.muted),
        ),
        Span::styled(position, Style::new().fg(theme.text)),
    ];
    frame.render_widget(Paragraph::new(widgets::fit_spans(heading, top.width)), top);
    large_or_plain(frame, name, &slot.name, theme.accent);
    let bold = Modifier::BOLD;
    centred(
        frame,
        Rect { height: 1, ..who },
        &format!("{}{}", slot.unit, slot.post),
        Style::new().fg(theme.text).add_modifier(bold),
    );
    if !slot.supervisor.is_empty() && who.height > 1 {
        let supervisor = format!("{}: {}", Label::Supervisor.text(p.lang), slot.supervisor);
        centred(
            frame,
            Rect {
                y: who.y + 1,
                height: 1,
                ..who
            },
            &supervisor,
            Style::new().fg(theme.muted),
        );
    }
    let (clock_text, clock_style) = stage_clock(p, theme);
    centred(frame, stage, &clock_text, clock_style);
    centred(
        frame,
        counts,
        &labels::counts_line(p.lang, &p.counts),
        Style::new().fg(theme.muted),
    );
    if let Some(q) = &p.question {
        question_lines(frame, question, q, p.lang, theme);
    }
}

/// The question and, when shown, its answer; a long answer shows its end, which is what is
/// being said now.
fn question_lines(frame: &mut Frame, area: Rect, q: &ProjectedQuestion, lang: Lang, theme: &Theme) {
    let mut lines = widgets::hanging(
        &format!("{}. ", q.number),
        &format!("{}：{}", q.asker, q.text),
        3,
        area.width,
        Style::new().fg(theme.text).add_modifier(Modifier::BOLD),
    );
    if let Some(answer) = q.answer.as_ref().filter(|a| !a.trim().is_empty()) {
        let prefix = format!("   {}: ", Label::Answer.text(lang));
        lines.extend(widgets::hanging(
            &prefix,
            answer,
            5,
            area.width,
            Style::new().fg(theme.text),
        ));
    }
    let skip = lines.len().saturating_sub(area.height as usize);
    let shown: Vec<Line> = lines.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// Name, unit and the stage clock in the largest glyphs that fit.
fn spotlight(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
    let Some(slot) = &p.official else {
        return;
    };
    let lang = p.lang;
    let clock = p.clock();
    let clock_text = match clock {
        Some(clock) => match clock.overrun() {
            Some(overrun) => format!("{}{overrun}", Label::Overrun.text(lang)),
            None => clock.remaining(),
        },
        None => slot.stage.name(lang).to_string(),
    };
    let overrun = clock.is_some_and(|c| c.overrun_ms().is_some());
    let clock_colour = if overrun { theme.danger } else { theme.text };
    let unit = format!("{}{}", slot.unit, slot.post);
    let lines: [(&str, Color); 3] = [
        (&slot.name, theme.accent),
        (&unit, theme.text),
        (&clock_text, clock_colour),
    ];
    let rows = Layout::vertical([
        Constraint::Percentage(40),
        Constraint::Percentage(20),
        Constraint::Percentage(40),
    ])
    .split(area);
    for ((words, colour), &row) in lines.into_iter().zip(rows.iter()) {
        large_or_plain(frame, row, words, colour);
    }
    if p.timing.is_some_and(|t| !t.is_running()) && area.height > 0 {
        let bottom = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let paused = format!("[{}]", Label::Paused.text(lang));
        centred(
            frame,
            bottom,
            &paused,
            Style::new().fg(theme.warning).add_modifier(Modifier::BOLD),
        );
    }
}
