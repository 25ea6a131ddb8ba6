//! The projected picture: what the room sees, in the second terminal (`shuze present`) or
//! in the console's projection layout. Drawn from a `Projection`, which holds nothing
//! private.

use super::card_plan::CardPlan;
use super::pictures::{self, centred, large_or_plain};
use super::{Theme, big, slide, text, widgets};
use crate::app::projection::{Picture, ProjectedQuestion, Projection};
use crate::labels::Lang;
use crate::labels::{self, Label, Named};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(frame: &mut Frame, p: &Projection, theme: &Theme) {
    draw_in(frame, frame.area(), p, theme);
}

/// The picture laid out in `whole`: part of the screen when the console's band takes the
/// rows below it, so that the band covers nothing of the picture (its clock included).
pub fn draw_in(frame: &mut Frame, whole: Rect, p: &Projection, theme: &Theme) {
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
        (Picture::Rating, Some(_)) => super::rating::draw(frame, area, p, theme),
        (Picture::FollowUps, Some(_)) => pictures::follow_ups(frame, area, p, theme),
        (Picture::Card | Picture::Blank, Some(_)) => card(frame, area, p, theme),
    }
    if let Some(notice) = &p.notice {
        corner_notice(frame, whole, notice, theme);
    }
}

/// A line about what is shown, in the bottom-right corner, in the margin below the picture.
fn corner_notice(frame: &mut Frame, whole: Rect, notice: &str, theme: &Theme) {
    if whole.height < 2 {
        return;
    }
    let row = Rect::new(whole.x, whole.bottom() - 1, whole.width, 1);
    let line = Line::from(text::fit(notice, usize::from(whole.width))).alignment(Alignment::Right);
    frame.render_widget(
        Paragraph::new(line).style(Style::new().fg(theme.muted).bg(theme.background)),
        row,
    );
}

/// The screen less about 5 % on every side: projectors cut the overscan at the edges.
pub fn margin(area: Rect) -> Rect {
    // About 5 %, at least one cell where the screen has cells to spare.
    let side = (area.width / 20).max(u16::from(area.width >= 40));
    let top = (area.height / 20).max(u16::from(area.height >= 12));
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
        text.push_str(&format!("  {}", labels::picture_words(lang).paused));
        style = style.fg(theme.warning);
    }
    (text, style)
}

/// The official's card. A hierarchy readable from the back row: the name largest and the
/// clock next, in large glyphs at any size where they fit (see [`CardPlan`]), then the unit,
/// the stage (with 剩余 or 超时), the counts and the question in plain text, as rows allow.
fn card(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
    let Some(slot) = &p.official else {
        return;
    };
    let (stage_text, clock_text, clock_style) = stage_clock_parts(p, theme);
    let plan = CardPlan::choose(area.width, area.height, &slot.name, &clock_text);
    let glyph_rows =
        |text: &str, scale: Option<usize>| scale.map_or(0, |s| big::size(text, s).1 as u16);
    let name_rows = glyph_rows(&slot.name, plan.name).max(1);
    let clock_rows = glyph_rows(&clock_text, plan.clock);
    let gap = |rank: u16| u16::from(plan.gaps >= rank);
    let [top, name, _, who, _, stage, clock, _, counts, _, question] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(name_rows),
        Constraint::Length(gap(3)),
        Constraint::Length(1 + u16::from(plan.supervisor)),
        Constraint::Length(gap(1)),
        Constraint::Length(1),
        Constraint::Length(clock_rows),
        Constraint::Length(gap(2)),
        Constraint::Length(u16::from(plan.counts)),
        Constraint::Length(gap(4)),
        Constraint::Fill(1),
    ])
    .areas(area);
    let clock_scale = plan.clock;
    let position = labels::official_of(p.lang, p.position.0, p.position.1);
    let heading = vec![
        Span::styled(
            format!("{}  ", text::printable(&p.title)),
            Style::new().fg(theme.muted),
        ),
        Span::styled(position, Style::new().fg(theme.text)),
    ];
    frame.render_widget(Paragraph::new(widgets::fit_spans(heading, top.width)), top);
    match plan.name {
        Some(scale) => big::draw(frame.buffer_mut(), name, &slot.name, scale, theme.accent),
        None => large_or_plain(frame, name, &slot.name, theme.accent),
    }
    centred(
        frame,
        Rect { height: 1, ..who },
        &format!("{}{}", slot.unit, slot.post),
        Style::new().fg(theme.text),
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
    match clock_scale {
        Some(scale) => {
            centred(frame, stage, &stage_text, clock_style);
            big::draw(
                frame.buffer_mut(),
                clock,
                &clock_text,
                scale,
                clock_colour(p, theme),
            );
        }
        None => {
            let (whole, style) = stage_clock(p, theme);
            centred(frame, stage, &whole, style);
        }
    }
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

/// The stage with its label (剩余 or 超时) and, apart, the time itself, for the clock in
/// glyphs: ("提问质询  剩余", "03:21", style).
fn stage_clock_parts(p: &Projection, theme: &Theme) -> (String, String, Style) {
    let (_, style) = stage_clock(p, theme);
    let Some(slot) = &p.official else {
        return (String::new(), String::new(), style);
    };
    let stage = slot.stage.name(p.lang);
    let Some(clock) = p.clock() else {
        return (stage.to_string(), String::new(), style);
    };
    let (word, time) = match clock.overrun() {
        Some(overrun) => (Label::Overrun.text(p.lang), overrun),
        None => (Label::Remaining.text(p.lang), clock.remaining()),
    };
    let mut label = format!("{stage}  {word}");
    if !clock.running {
        label.push_str(&format!("  {}", labels::picture_words(p.lang).paused));
    }
    (label, time, style)
}

/// Red past the allotment, the warning colour while stopped: the room sees the change.
fn clock_colour(p: &Projection, theme: &Theme) -> Color {
    match p.clock() {
        Some(c) if !c.running => theme.warning,
        Some(c) if c.overrun_ms().is_some() => theme.danger,
        _ => theme.text,
    }
}

/// The question and, when shown, its answer. The question and its asker stay whole (up
/// to all rows but two); a long answer shows its end, which is what is being said now,
/// under a mark that earlier text is above.
fn question_lines(frame: &mut Frame, area: Rect, q: &ProjectedQuestion, lang: Lang, theme: &Theme) {
    let style = Style::new().fg(theme.text);
    let mut lines = widgets::hanging(
        &format!("{}. ", q.number),
        &crate::labels::labelled(lang, &q.asker, &q.text),
        3,
        area.width,
        style,
    );
    let answer = q.answer.as_ref().filter(|a| !a.trim().is_empty());
    let rows = area.height as usize;
    let question_rows = match answer {
        Some(_) => rows.saturating_sub(2).max(1),
        None => rows,
    };
    if lines.len() > question_rows {
        lines.truncate(question_rows);
        if let Some(last) = lines.last_mut() {
            let words: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let cut = text::fit(&format!("{}…", words.trim_end()), area.width as usize);
            *last = Line::from(Span::styled(cut, style));
        }
    }
    if let Some(answer) = answer {
        let prefix = format!("   {}: ", Label::Answer.text(lang));
        let said = widgets::hanging(&prefix, answer, 5, area.width, style);
        let room = rows.saturating_sub(lines.len());
        if said.len() <= room {
            lines.extend(said);
        } else if room > 0 {
            let mark = format!("     {}", labels::picture_words(lang).earlier_above);
            lines.push(Line::from(Span::styled(
                text::fit(&mark, area.width as usize),
                Style::new().fg(theme.muted),
            )));
            let skip = said.len() - (room - 1);
            lines.extend(said.into_iter().skip(skip));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Name and the stage clock in the largest whole-scale glyphs that fit, then the unit:
/// what does not fit is left out (the unit first, then the clock's label goes to a row of
/// its own), never drawn smaller than Unifont's own pixels.
fn spotlight(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
    let Some(slot) = &p.official else {
        return;
    };
    let (label, time, _) = stage_clock_parts(p, theme);
    let bold = |colour| Style::new().fg(colour).add_modifier(Modifier::BOLD);
    let clock_colour = clock_colour(p, theme);
    let unit = format!("{}{}", slot.unit, slot.post);
    let height = area.height;
    let lines = [
        (&slot.name, theme.accent),
        (&label, clock_colour),
        (&time, clock_colour),
        (&unit, theme.text),
    ];
    if slide(frame, Rect { height, ..area }, lines, theme) {
        return;
    }
    // The name as large as leaves room for the clock's label row and its glyphs at scale 1.
    let clock_min = big::size(&time, 1).1 as u16;
    let clock_fits = !time.is_empty() && big::fitting_scale(&time, area.width, clock_min).is_some();
    let reserve = if clock_fits { clock_min + 2 } else { 2 };
    // Where both cannot be large, the name is, and the clock is in words.
    let name_scale = big::fitting_scale(&slot.name, area.width, height.saturating_sub(reserve))
        .or_else(|| big::fitting_scale(&slot.name, area.width, height.saturating_sub(2)));
    let name_rows = name_scale.map_or(1, |s| big::size(&slot.name, s).1 as u16);
    let left = height.saturating_sub(name_rows + 2);
    let clock_scale = match clock_fits {
        true => big::fitting_scale(&time, area.width, left).map(|s| s.min(name_scale.unwrap_or(1))),
        false => None,
    };
    let clock_rows = clock_scale.map_or(1, |s| big::size(&time, s).1 as u16);
    let left = left.saturating_sub(clock_rows);
    let unit_scale = big::fitting_scale(&unit, area.width, left.saturating_sub(1))
        .filter(|&s| clock_scale.is_some_and(|c| s < c) || clock_scale.is_none() && s == 1);
    let unit_rows = match (unit_scale, left) {
        (Some(s), _) => big::size(&unit, s).1 as u16 + 1,
        (None, 2..) => 2,
        (None, _) => 0,
    };
    let [_, name, _, label_row, clock, unit_area, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(name_rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(clock_rows),
        Constraint::Length(unit_rows),
        Constraint::Fill(1),
    ])
    .areas(Rect { height, ..area });
    large_or_plain(frame, name, &slot.name, theme.accent);
    match clock_scale {
        Some(scale) => {
            centred(frame, label_row, &label, bold(clock_colour));
            big::draw(frame.buffer_mut(), clock, &time, scale, clock_colour);
        }
        None => {
            let (whole, style) = stage_clock(p, theme);
            centred(frame, clock, &whole, style);
        }
    }
    if unit_area.height > 0 {
        let below = Rect {
            y: unit_area.y + 1,
            height: unit_area.height - 1,
            ..unit_area
        };
        match unit_scale {
            Some(scale) => big::draw(frame.buffer_mut(), below, &unit, scale, theme.text),
            None => centred(frame, below, &unit, bold(theme.text)),
        }
    }
}

/// The spotlight as a slide, where the terminal shows images and a Chinese font is
/// installed (`slide`): the name on two fifths of the rows, the clock's label on an
/// eighth, the clock on three tenths, the unit on the rest, each smaller than the one
/// above. `false` when it cannot be drawn so (Unifont is drawn instead).
fn slide(frame: &mut Frame, area: Rect, lines: [(&String, Color); 4], theme: &Theme) -> bool {
    let rows = area.height;
    let name = rows * 2 / 5;
    let label = (rows / 8).max(1);
    let clock = rows * 3 / 10;
    let unit = rows.saturating_sub(name + label + clock);
    let lines: Vec<_> = lines
        .iter()
        .zip([name, label, clock, unit])
        .map(|(&(text, colour), rows)| (slide::Line { text, colour }, rows))
        .collect();
    slide::draw(frame.buffer_mut(), area, &lines, theme.background)
}
