//! The header (meeting, official n of N, stage and its clock), the agenda and the card.

use super::{Theme, text, widgets};
use crate::app::Console;
use crate::domain::{AgendaSlot, Room, Stage, clock};
use crate::labels::{self, Label, Named};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, console: &Console, theme: &Theme) {
    let lang = console.lang;
    let meeting = &console.snapshot.meeting;
    let mut first = vec![
        Span::styled(
            text::printable(&meeting.title),
            Style::new().fg(theme.accent).add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!("  {}", meeting.held_on.format("%Y-%m-%d")),
            Style::new().fg(theme.muted),
        ),
    ];
    if console.snapshot.meeting.finished_at.is_some() {
        first.push(Span::styled(
            format!("  {}", Label::MeetingFinished.text(lang)),
            Style::new().fg(theme.ok),
        ));
    }
    // What the room sees, so the recorder knows without looking at the projector: at the
    // right, never cut; the title gives way.
    let room = text::printable(&room_line(
        console,
        area.width.saturating_sub(MIN_TITLE) as usize,
    ));
    let room_width = text::width(&room) as u16;
    let title_width = area.width.saturating_sub(room_width + 1);
    let mut first = widgets::fit_spans(first, title_width).spans;
    let used: usize = first.iter().map(|s| text::width(&s.content)).sum();
    first.push(Span::raw(" ".repeat(
        (area.width as usize).saturating_sub(used + room_width as usize),
    )));
    first.push(Span::styled(room, Style::new().fg(theme.text)));
    let second = match console.slot() {
        Some(slot) => stage_line(console, slot, theme, area.width),
        None => Line::default(),
    };
    let lines = vec![widgets::fit_spans(first, area.width), second];
    frame.render_widget(Paragraph::new(lines), area);
}

/// Columns the meeting's title keeps beside the room line.
const MIN_TITLE: u16 = 12;

/// "[投影：述责人 · 答复投影 · 计时暂停]": the picture the room sees (black when blanked),
/// what an audience view chose with its own keys (投影端已自行黑屏), whether answers are
/// projected, and a stopped clock; at small widths the clock's state goes first, then a
/// pause's countdown, then the answers, then the picture, never the audience view's choice.
fn room_line(console: &Console, width: usize) -> String {
    let lang = console.lang;
    let room = &console.room;
    let shown = crate::app::projection::shown(&console.snapshot, room);
    let full = labels::room_shows(lang, shown, room, console.now);
    let short = labels::room_shows(
        lang,
        shown,
        &Room {
            resume_at: None,
            ..*room
        },
        console.now,
    );
    let paused = console.current_timing().is_some_and(|t| !t.is_running());
    let (answers, stopped) = labels::room_state(lang, room.answers, paused);
    let local = console
        .room_local
        .and_then(|local| labels::room_local(lang, &local, room));
    let join = |parts: &[&str]| {
        let mut all = parts[..1].to_vec();
        all.extend(local.as_deref());
        all.extend(&parts[1..]);
        format!("[{}]", all.join(" · "))
    };
    let mut candidates = Vec::new();
    if let Some(stopped) = stopped {
        candidates.push(join(&[&full, answers, stopped]));
    }
    candidates.push(join(&[&full, answers]));
    candidates.push(join(&[&short, answers]));
    candidates.push(join(&[&short]));
    candidates.extend(local.as_ref().map(|local| format!("[{local}]")));
    let last = candidates.last().cloned().unwrap_or_default();
    candidates
        .into_iter()
        .find(|c| text::width(c) <= width)
        .unwrap_or(last)
}

/// The official's line: who, the stage and its clock. Where the width is short, words go
/// before digits: first the label 环节, then 第 n/N 位, then the words 用时 and the stage
/// name; the clock, 剩余 or 超时 with its minus sign, and [已暂停] stay whole.
fn stage_line(console: &Console, slot: &AgendaSlot, theme: &Theme, width: u16) -> Line<'static> {
    let lang = console.lang;
    let bold = Modifier::BOLD;
    let position = Span::styled(
        format!(
            "{}  ",
            labels::official_of(
                lang,
                console.snapshot.current + 1,
                console.snapshot.agenda.len()
            )
        ),
        Style::new().fg(theme.text),
    );
    let name = Span::styled(
        format!("{}  ", text::printable(&slot.name)),
        Style::new().fg(theme.accent).add_modifier(bold),
    );
    let stage_label = Span::styled(
        format!("{}: ", Label::Stage.text(lang)),
        Style::new().fg(theme.muted),
    );
    let mut stage = vec![Span::styled(
        slot.stage.name(lang).to_string(),
        Style::new().fg(theme.text).add_modifier(bold),
    )];
    if slot.stage == Stage::Skipped && !slot.skip_reason.is_empty() {
        stage.push(Span::styled(
            crate::labels::noted(lang, "", &text::printable(&slot.skip_reason)),
            Style::new().fg(theme.muted),
        ));
    }
    let full = timer_spans(console, slot, theme, false);
    let short = timer_spans(console, slot, theme, true);
    let with = |parts: &[&[Span<'static>]]| -> Vec<Span<'static>> {
        parts.iter().flat_map(|p| p.iter().cloned()).collect()
    };
    let candidates = [
        with(&[
            &[position.clone(), name.clone(), stage_label],
            &stage,
            &full,
        ]),
        with(&[&[position.clone(), name.clone()], &stage, &full]),
        with(&[std::slice::from_ref(&name), &stage, &full]),
        with(&[std::slice::from_ref(&name), &stage, &short]),
        with(&[std::slice::from_ref(&name), &short]),
        short.clone(),
    ];
    let fits = |spans: &Vec<Span<'static>>| {
        spans.iter().map(|s| text::width(&s.content)).sum::<usize>() <= width as usize
    };
    let chosen = candidates
        .iter()
        .find(|c| fits(c))
        .cloned()
        .unwrap_or(short);
    widgets::fit_spans(chosen, width)
}

/// The stage clock against its allotment; an overrun shows a minus sign and a word, not
/// only a colour. `short` leaves out the word 用时 and the spaces around the slash.
fn timer_spans(
    console: &Console,
    slot: &AgendaSlot,
    theme: &Theme,
    short: bool,
) -> Vec<Span<'static>> {
    let lang = console.lang;
    let Some(clock) = console.stage_clock(slot) else {
        return Vec::new();
    };
    let used = if short {
        format!(" {}/{}", clock.elapsed(), clock.allotted())
    } else {
        format!(
            "   {} {} / {}",
            Label::Elapsed.text(lang),
            clock.elapsed(),
            clock.allotted()
        )
    };
    let mut spans = vec![Span::styled(
        used,
        Style::new().fg(theme.text).add_modifier(Modifier::BOLD),
    )];
    if let Some(overrun) = clock.overrun() {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!(" {} {overrun} ", Label::Overrun.text(lang)),
            Style::new()
                .bg(theme.overrun_background)
                .fg(theme.overrun_text)
                .add_modifier(Modifier::BOLD),
        ));
    } else {
        spans.push(Span::styled(
            format!(" {} {}", Label::Remaining.text(lang), clock.remaining()),
            Style::new().fg(theme.ok),
        ));
    }
    if !clock.running {
        spans.push(Span::styled(
            format!(" [{}]", Label::Paused.text(lang)),
            Style::new().fg(theme.warning).add_modifier(Modifier::BOLD),
        ));
    }
    spans
}

/// An official's state in words, with its colour.
fn status_word(console: &Console, slot: &AgendaSlot, theme: &Theme) -> (String, Style) {
    let colour = match slot.stage {
        Stage::Done => theme.ok,
        Stage::Skipped => theme.muted,
        Stage::Pending => theme.text,
        _ => theme.warning,
    };
    (
        slot.stage.name(console.lang).to_string(),
        Style::new().fg(colour),
    )
}

/// The agenda as a column: number, name, state and time used per official.
pub fn agenda_column(frame: &mut Frame, area: Rect, console: &Console, theme: &Theme) {
    // The times are each official's total, all stages together.
    let content = widgets::pane(
        frame,
        area,
        Label::AgendaTotals.text(console.lang),
        false,
        theme,
    );
    let width = content.width as usize;
    let items = console
        .snapshot
        .agenda
        .iter()
        .enumerate()
        .map(|(index, slot)| {
            let mark = if index == console.snapshot.current {
                ">"
            } else {
                " "
            };
            let (word, style) = status_word(console, slot, theme);
            let time = match console.slot_elapsed_ms(slot.id) {
                0 => String::new(),
                ms => clock(ms),
            };
            let head = format!("{mark}{:>2} {}", slot.position, text::printable(&slot.name));
            let tail = format!(" {word} {time}");
            let room = width.saturating_sub(text::width(&tail));
            let head = text::fit(&head, room);
            let pad = " ".repeat(room.saturating_sub(text::width(&head)));
            let name_style = if index == console.snapshot.current {
                Style::new().fg(theme.accent).add_modifier(Modifier::BOLD)
            } else {
                Style::new().fg(theme.text)
            };
            vec![Line::from(vec![
                Span::styled(head, name_style),
                Span::raw(pad),
                Span::styled(text::truncate(&tail, width), style),
            ])]
        })
        .collect();
    widgets::list(frame, content, items, Some(console.snapshot.current), theme);
}

/// The agenda in one row for narrow windows: "1完 2完 >3提问 4 ...".
pub fn agenda_line(frame: &mut Frame, area: Rect, console: &Console, theme: &Theme) {
    let mut spans = vec![Span::styled(
        format!("{}: ", Label::Agenda.text(console.lang)),
        Style::new().fg(theme.muted),
    )];
    for (index, slot) in console.snapshot.agenda.iter().enumerate() {
        let (word, style) = status_word(console, slot, theme);
        let short = text::truncate(&word, 4);
        if index == console.snapshot.current {
            spans.push(Span::styled(
                format!("[{} {}]", slot.position, short),
                Style::new().fg(theme.accent).add_modifier(Modifier::BOLD),
            ));
        } else {
            spans.push(Span::styled(format!("{}{}", slot.position, short), style));
        }
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(widgets::fit_spans(spans, area.width)), area);
}

/// Who is reporting, and the counts the article's question asks for.
pub fn card(frame: &mut Frame, area: Rect, console: &Console, theme: &Theme) {
    let lang = console.lang;
    let Some(slot) = console.slot() else {
        return;
    };
    let bold = Modifier::BOLD;
    let mut first = vec![
        Span::styled(
            text::printable(&slot.name),
            Style::new().fg(theme.accent).add_modifier(bold),
        ),
        Span::styled(
            format!(
                "  {}{}",
                text::printable(&slot.unit),
                text::printable(&slot.post)
            ),
            Style::new().fg(theme.text).add_modifier(bold),
        ),
    ];
    if slot.written_only {
        first.push(Span::styled(
            format!("  [{}]", Label::WrittenOnly.text(lang)),
            Style::new().fg(theme.warning).add_modifier(bold),
        ));
    }
    if !slot.supervisor.is_empty() {
        first.push(Span::styled(
            format!(
                "  {}: {}",
                Label::Supervisor.text(lang),
                text::printable(&slot.supervisor)
            ),
            Style::new().fg(theme.muted),
        ));
    }
    let counts = console.snapshot.detail.counts();
    let mut second = Vec::new();
    for (label, n) in [
        (Label::CountDutyItems, counts.duty_items),
        (Label::CountRiskPoints, counts.risk_points),
        (Label::CountMeasures, counts.measures),
        (Label::CountRules, counts.rules),
        (Label::CountOpenFollowUps, counts.open_earlier_follow_ups),
    ] {
        second.push(Span::styled(
            format!("{} ", label.text(lang)),
            Style::new().fg(theme.muted),
        ));
        second.push(Span::styled(
            format!("{n}   "),
            Style::new().fg(theme.text).add_modifier(bold),
        ));
    }
    // Counted apart, and only when there are some.
    if counts.overdue_earlier_follow_ups > 0 {
        second.push(Span::styled(
            format!(
                "{} {}",
                Label::CountOverdueFollowUps.text(lang),
                counts.overdue_earlier_follow_ups
            ),
            Style::new().fg(theme.danger).add_modifier(bold),
        ));
    }
    let mut lines = vec![
        widgets::fit_spans(first, area.width),
        widgets::fit_spans(second, area.width),
    ];
    if super::portrait::on_card(console) {
        lines.push(super::portrait::card_line(console, theme, area.width));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The card's rows: a third for the unit's 政治画像 and 提醒谈话 when it has any.
pub fn card_rows(console: &Console) -> u16 {
    2 + u16::from(super::portrait::on_card(console))
}
