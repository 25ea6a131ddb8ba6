//! The five panes of an official's page, and the footer's list of keys that work now.

use super::portrait;
use super::widgets::{self, Item, hanging};
use super::{Borders, Theme, text};
use crate::app::keys;
use crate::app::portrait::{DossierRow, dossier_row};
use crate::app::{Command, Console, Mode, Pane};
use crate::domain::{
    DutyStatus, FollowUp, FollowUpMark, FollowUpStatus, Question, RiskLevel, RiskPoint, Stage,
};
use crate::labels::{self, Label, Named};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::ops::Range;

/// Draws one pane with its title; `titled_count` adds the row count to the title.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    pane: Pane,
    console: &Console,
    theme: &Theme,
    show_title: bool,
) {
    let focused = console.recorder.focus == pane && matches!(console.recorder.mode, Mode::Browse);
    let count = match pane {
        Pane::Remarks => String::new(),
        Pane::Risks if portrait::on_card(console) => format!(
            " ({}) · {}",
            console.snapshot.detail.risk_points.len(),
            Label::Portrait.text(console.lang)
        ),
        _ => format!(" ({})", console.pane_len(pane)),
    };
    let content = if show_title {
        // The focused pane's title starts with `>`, seen without colour too.
        let mark = if console.recorder.focus == pane {
            ">"
        } else {
            " "
        };
        let title = format!("{mark} {}{count}", pane.label().text(console.lang));
        widgets::pane(frame, area, &title, console.recorder.focus == pane, theme)
    } else {
        area
    };
    let width = content.width;
    let selected = (focused && pane != Pane::Remarks).then(|| console.selection(pane));
    // Only the items that can show are wrapped: a pane of 12,500 risk points draws the
    // few around the selection (each item takes a row at least).
    let window = window(
        pane,
        console.pane_len(pane),
        selected,
        content.height as usize,
    );
    let items = items(
        pane,
        console,
        item_width(pane, width),
        theme,
        window.clone(),
    );
    let items = if items.is_empty() {
        vec![vec![widgets::single(
            Label::Empty.text(console.lang),
            width,
            Style::new().fg(theme.muted),
        )]]
    } else {
        items
    };
    let selected = selected.map(|s| s - window.start);
    let items = if pane == Pane::Remarks {
        items
    } else {
        marked(items, selected)
    };
    let after = console.pane_len(pane).saturating_sub(window.end);
    widgets::list_window(
        frame,
        content,
        items,
        selected,
        theme,
        (window.start, after),
    );
}

/// The items of a long pane that can be in view at `height` rows with `selected` kept in
/// view (the list scrolls no further than the selection needs): the `height` before it
/// and the `height` from it on. Panes whose items are not one per row are drawn whole.
fn window(pane: Pane, len: usize, selected: Option<usize>, height: usize) -> Range<usize> {
    if !matches!(pane, Pane::Risks | Pane::Duties) || len <= 2 * height + 1 {
        return 0..len;
    }
    let at = selected.unwrap_or(0).min(len.saturating_sub(1));
    let start = at.saturating_sub(height);
    start..(at.max(height) + height + 1).min(len)
}

/// Columns an item of `pane` is wrapped to: the panes with a selection keep two columns
/// at the left for its mark.
fn item_width(pane: Pane, width: u16) -> u16 {
    match pane {
        Pane::Remarks => width,
        _ => width.saturating_sub(GUTTER.len() as u16),
    }
}

/// The column left of a pane's rows; the selected row's first line has `>` in it.
const GUTTER: &str = "  ";

/// Each item behind the gutter, `> ` before the first line of the selected one, so the
/// selection is seen without colour.
fn marked(items: Vec<Item>, selected: Option<usize>) -> Vec<Item> {
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            item.into_iter()
                .enumerate()
                .map(|(row, mut line)| {
                    let mark = if row == 0 && selected == Some(index) {
                        "> "
                    } else {
                        GUTTER
                    };
                    line.spans.insert(0, Span::raw(mark));
                    line
                })
                .collect()
        })
        .collect()
}

/// Rows `pane` needs to show all it holds at `width` columns, its title included.
pub fn rows_needed(pane: Pane, width: u16, console: &Console, theme: &Theme) -> u16 {
    let inner = match theme.borders {
        Borders::None => width,
        _ => width.saturating_sub(2),
    };
    let frame_rows = match theme.borders {
        Borders::None => 1,
        _ => 2,
    };
    // No pane is shown taller than the frame: past its rows, each item counts as one.
    let len = console.pane_len(pane);
    let measured = len.min(widgets::frame_rows());
    let lines: usize = widgets::measuring(|| {
        items(pane, console, item_width(pane, inner), theme, 0..measured)
            .iter()
            .map(Vec::len)
            .sum::<usize>()
    }) + (len - measured);
    (lines.max(1) as u16).saturating_add(frame_rows)
}

/// The items of `pane` in `range` (the risk and duty panes; the others are whole).
fn items(
    pane: Pane,
    console: &Console,
    width: u16,
    theme: &Theme,
    range: Range<usize>,
) -> Vec<Item> {
    match pane {
        Pane::Questions => questions(console, width, theme),
        Pane::Duties => duties(console, width, theme, range),
        Pane::Risks => risks(console, width, theme, range),
        Pane::Remarks => remarks(console, width, theme),
        Pane::FollowUps => follow_ups(console, width, theme),
    }
}

fn questions(console: &Console, width: u16, theme: &Theme) -> Vec<Item> {
    let lang = console.lang;
    console
        .snapshot
        .detail
        .questions
        .iter()
        .enumerate()
        .map(|(index, q)| {
            let mut tags = format!("[{}] ", question_state(q).text(lang));
            if !q.prepared {
                tags.push_str(&format!("[{}] ", Label::AddedOnTheSpot.text(lang)));
            }
            if q.needs_written_reply {
                let label = Label::WrittenReply.text(lang);
                match q.written_reason.as_str() {
                    "" => tags.push_str(&format!("[{label}] ")),
                    reason => tags.push_str(&format!(
                        "[{}] ",
                        crate::labels::labelled(
                            lang,
                            label,
                            crate::labels::written_reason(lang, reason)
                        )
                    )),
                }
            }
            let prefix = format!("{}. ", index + 1);
            let body = format!("{tags}{}", crate::labels::labelled(lang, &q.asker, &q.text));
            let mut item = hanging(
                &prefix,
                &body,
                3,
                width,
                Style::new().fg(theme.text).add_modifier(Modifier::BOLD),
            );
            let answer_prefix = format!("   {}: ", Label::Answer.text(lang));
            match &q.answer {
                Some(answer) if !answer.body.trim().is_empty() => {
                    item.extend(hanging(
                        &answer_prefix,
                        &answer.body,
                        5,
                        width,
                        Style::new().fg(theme.text),
                    ));
                }
                _ => item.extend(hanging(
                    &answer_prefix,
                    Label::NoAnswer.text(lang),
                    5,
                    width,
                    Style::new().fg(theme.muted),
                )),
            }
            item
        })
        .collect()
}

/// A question's state as a word on its row: 待问, 已问 or 已答 (书面质询 is its own tag).
fn question_state(q: &Question) -> Label {
    match &q.answer {
        Some(answer) if !answer.body.trim().is_empty() => Label::Answered,
        _ if q.asked_at.is_some() => Label::AskedNoAnswer,
        _ => Label::NotAsked,
    }
}

fn duties(console: &Console, width: u16, theme: &Theme, range: Range<usize>) -> Vec<Item> {
    let lang = console.lang;
    let items = &console.snapshot.detail.duty_items;
    items[range.start.min(items.len())..range.end.min(items.len())]
        .iter()
        .map(|d| {
            let mut prefix = format!("[{} {}] ", d.source.name(lang), d.quarter);
            if console.snapshot.detail.mentioned.duty_items.contains(&d.id) {
                prefix = format!("[{}]{prefix}", Label::Mentioned.text(lang));
            }
            let mut item = hanging(&prefix, &d.text, 2, width, Style::new().fg(theme.text));
            let colour = match d.status {
                DutyStatus::Done => theme.ok,
                DutyStatus::InProgress => theme.warning,
                DutyStatus::NotStarted => theme.danger,
            };
            let status = format!("  {}: ", Label::Progress.text(lang));
            let body = format!("[{}] {}", d.status.name(lang), d.progress);
            item.extend(hanging(&status, &body, 4, width, Style::new().fg(colour)));
            item.extend(extra_lines(
                lang,
                &d.extra,
                width,
                Style::new().fg(theme.muted),
            ));
            item
        })
        .collect()
}

/// The risk points, then the unit's 政治画像 findings and 提醒谈话 (`app::portrait`).
fn risks(console: &Console, width: u16, theme: &Theme, range: Range<usize>) -> Vec<Item> {
    let detail = &console.snapshot.detail;
    let findings = detail.risk_points.len();
    let talks = findings + detail.portrait.len();
    range
        .filter_map(|index| dossier_row(detail, index).map(|row| (index, row)))
        .map(|(index, row)| match row {
            DossierRow::Risk(r) => risk(console, r, width, theme),
            DossierRow::Finding(f) => {
                portrait::finding_item(console, f, index == findings, width, theme)
            }
            DossierRow::Talk(t) => portrait::talk_item(console, t, index == talks, width, theme),
        })
        .collect()
}

fn risk(console: &Console, r: &RiskPoint, width: u16, theme: &Theme) -> Item {
    let lang = console.lang;
    let colour = match r.level {
        RiskLevel::High => theme.danger,
        RiskLevel::Medium => theme.warning,
        RiskLevel::Low => theme.ok,
    };
    let mut prefix = format!("[{}] ", r.level.name(lang));
    if console
        .snapshot
        .detail
        .mentioned
        .risk_points
        .contains(&r.id)
    {
        prefix = format!("[{}]{prefix}", Label::Mentioned.text(lang));
    }
    let mut item = hanging(
        &prefix,
        &r.text,
        2,
        width,
        Style::new().fg(colour).add_modifier(Modifier::BOLD),
    );
    let muted = Style::new().fg(theme.muted);
    let measures = format!("  {} {}: ", Label::Measures.text(lang), r.measures.len());
    item.extend(hanging(
        &measures,
        &r.measures.join(crate::labels::list_separator(lang)),
        4,
        width,
        muted,
    ));
    if !r.rules.is_empty() {
        let rules = format!("  {} {}: ", Label::Rules.text(lang), r.rules.len());
        item.extend(hanging(
            &rules,
            &r.rules.join(crate::labels::list_separator(lang)),
            4,
            width,
            muted,
        ));
    }
    item.extend(extra_lines(lang, &r.extra, width, muted));
    item
}

/// Remarks, rating and (hidden) private note.
fn remarks(console: &Console, width: u16, theme: &Theme) -> Vec<Item> {
    let lang = console.lang;
    let detail = &console.snapshot.detail;
    let heading = Style::new().fg(theme.accent).add_modifier(Modifier::BOLD);
    let mut item = vec![widgets::single(Label::Remarks.text(lang), width, heading)];
    match &detail.remarks {
        Some(r) if !r.body.trim().is_empty() => {
            item.extend(hanging("", &r.body, 0, width, Style::new().fg(theme.text)))
        }
        _ => item.push(widgets::single(
            Label::NoRemarks.text(lang),
            width,
            Style::new().fg(theme.muted),
        )),
    }
    item.push(Line::default());
    item.push(widgets::single(Label::Rating.text(lang), width, heading));
    match &detail.rating {
        _ if !detail.tallies.is_empty() => {
            let scheme = &console.snapshot.rating_scheme;
            for line in labels::tally_lines(&scheme.grades, &detail.tallies) {
                item.extend(hanging("", &line, 0, width, Style::new().fg(theme.text)));
            }
        }
        Some(r) => item.extend(hanging(
            "",
            &labels::rating_line(lang, r),
            0,
            width,
            Style::new().fg(theme.text),
        )),
        None => item.push(widgets::single(
            Label::NoRating.text(lang),
            width,
            Style::new().fg(theme.muted),
        )),
    }
    item.extend(rating_outcome(console, width, theme));
    item.push(Line::default());
    let note = match &detail.note {
        Some(n) if !n.body.trim().is_empty() => Label::PrivateNoteHidden.text(lang),
        _ => Label::NoPrivateNote.text(lang),
    };
    let line = format!("{}: {note}", Label::PrivateNote.text(lang));
    item.push(widgets::single(&line, width, Style::new().fg(theme.muted)));
    vec![item]
}

/// What the meeting's rules decide for the newest round, and that a recount took place.
fn rating_outcome(console: &Console, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let lang = console.lang;
    let detail = &console.snapshot.detail;
    let scheme = &console.snapshot.rating_scheme;
    let tallies = detail.rating_tallies(scheme);
    let mut lines = Vec::new();
    if !scheme.rules.is_empty() && !tallies.is_empty() {
        let text = labels::rating_outcome(lang, &scheme.decide(&tallies));
        let style = Style::new().fg(theme.accent).add_modifier(Modifier::BOLD);
        lines.extend(hanging("", &text, 0, width, style));
    }
    if detail.rating_rounds > 1 {
        let text = labels::recounted(lang, detail.rating_rounds);
        lines.push(widgets::single(&text, width, Style::new().fg(theme.muted)));
    }
    lines
}

/// This meeting's follow-ups, then the unit's earlier ones, each group under a heading.
fn follow_ups(console: &Console, width: u16, theme: &Theme) -> Vec<Item> {
    let detail = &console.snapshot.detail;
    let groups = [
        (Label::ThisMeeting, theme.accent, &detail.follow_ups),
        (Label::Earlier, theme.muted, &detail.earlier_follow_ups),
    ];
    let mut items: Vec<Item> = Vec::new();
    for (heading, colour, group) in groups {
        for (index, f) in group.iter().enumerate() {
            let mut item = follow_up_item(console, f, width, theme);
            if index == 0 {
                let style = Style::new().fg(colour).add_modifier(Modifier::BOLD);
                item.insert(0, widgets::single(heading.text(console.lang), width, style));
            }
            items.push(item);
        }
    }
    items
}

fn follow_up_item(console: &Console, f: &FollowUp, width: u16, theme: &Theme) -> Item {
    let lang = console.lang;
    let mut colour = match f.status {
        FollowUpStatus::NotStarted => theme.danger,
        FollowUpStatus::InProgress => theme.warning,
        FollowUpStatus::Completed | FollowUpStatus::Closed => theme.ok,
    };
    let mut prefix = format!("[{}] ", f.status.name(lang));
    // An earlier follow-up still open shows what its last check found.
    if let Some(check) = console
        .snapshot
        .detail
        .check(f.id)
        .filter(|_| f.status.is_open())
    {
        colour = match check.mark {
            FollowUpMark::Completed => theme.ok,
            FollowUpMark::InProgress => theme.warning,
            FollowUpMark::Overdue => theme.danger,
        };
        prefix = format!("[{}] ", check.mark.name(lang));
    }
    let mut item = hanging(
        &prefix,
        &f.problem,
        2,
        width,
        Style::new().fg(colour).add_modifier(Modifier::BOLD),
    );
    let muted = Style::new().fg(theme.muted);
    if !f.measure.is_empty() {
        let label = format!("  {}: ", Label::Measure.text(lang));
        item.extend(hanging(&label, &f.measure, 4, width, muted));
    }
    if !f.progress.is_empty() {
        let label = format!("  {}: ", Label::FollowUpProgress.text(lang));
        item.extend(hanging(&label, &f.progress, 4, width, muted));
    }
    let deadline = labels::deadline_text(lang, f.deadline, f.deadline_workdays);
    let who = format!(
        "{} {}  {} {}  {} {}",
        Label::Owner.text(lang),
        f.owner,
        Label::Deadline.text(lang),
        deadline,
        Label::CopiedTo.text(lang),
        f.copied_to
    );
    item.extend(hanging("  ", &who, 4, width, muted));
    item.extend(extra_lines(lang, &f.extra, width, muted));
    item.extend(checked_lines(console, f, width, theme));
    item
}

/// Under a row: its extra fields (the prep's columns without a field), when it has any.
fn extra_lines(
    lang: crate::labels::Lang,
    extra: &[crate::domain::Extra],
    width: u16,
    style: Style,
) -> Item {
    if extra.is_empty() {
        return Vec::new();
    }
    let label = format!("  {}: ", Label::ExtraFields.text(lang));
    hanging(&label, &extra_text(lang, extra), 4, width, style)
}

/// A row's extra fields in one line: `备注：…；分管领导意见：…`.
fn extra_text(lang: crate::labels::Lang, extra: &[crate::domain::Extra]) -> String {
    match lang {
        crate::labels::Lang::Zh => crate::domain::Extra::joined(extra, "：", "；"),
        crate::labels::Lang::En => crate::domain::Extra::joined(extra, ": ", "; "),
    }
}

/// Under an earlier follow-up: how far past its deadline it is, and the check made of it.
fn checked_lines(console: &Console, f: &FollowUp, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let lang = console.lang;
    let detail = &console.snapshot.detail;
    if !detail.earlier_follow_ups.iter().any(|e| e.id == f.id) {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let days = detail.overdue_days(f);
    if days > 0 {
        let style = Style::new().fg(theme.danger).add_modifier(Modifier::BOLD);
        lines.push(widgets::single(
            &format!("  {}", labels::overdue_days(lang, days)),
            width,
            style,
        ));
    }
    if let Some(check) = detail.check(f.id) {
        let text = labels::check_line(lang, check);
        let label = format!("  {}: ", Label::CheckMark.text(lang));
        lines.extend(hanging(
            &label,
            &text,
            4,
            width,
            Style::new().fg(theme.accent),
        ));
    }
    lines
}

/// The keys that matter now, most relevant first, as many as fit.
pub fn footer_keys(console: &Console, theme: &Theme, width: u16) -> Line<'static> {
    let lang = console.lang;
    let hint = match &console.recorder.mode {
        Mode::Editor(_) => Some(Label::EditorKeys.text(lang)),
        // The box shows its keys itself (a form's until a message takes their place): the
        // footer does not say them twice.
        Mode::Confirm(_) => return Line::default(),
        Mode::Form(form) if form.error.is_none() => return Line::default(),
        Mode::Form(_) | Mode::Search(_) => Some(Label::FormKeys.text(lang)),
        Mode::Help => Some(Label::HelpTitle.text(lang)),
        Mode::Notice(_) => Some(Label::ExportedTitle.text(lang)),
        Mode::Rescue(_) => Some(Label::RescueKeys.text(lang)),
        Mode::History(view) if view.typing => Some(Label::HistorySearchKeys.text(lang)),
        Mode::History(_) => Some(Label::HistoryKeys.text(lang)),
        Mode::Browse => None,
    };
    if let Some(hint) = hint {
        return widgets::single(hint, width, Style::new().fg(theme.muted));
    }
    let mut commands = stage_commands(console);
    commands.extend([
        Command::ToggleTimer,
        Command::NextPane,
        Command::NextOfficial,
        Command::PreviousOfficial,
        Command::ToggleBlank,
        Command::ToggleSpotlight,
        Command::ShowAgenda,
        Command::Search,
        Command::History,
    ]);
    let mut unique: Vec<Command> = Vec::new();
    for command in commands {
        if !unique.contains(&command) {
            unique.push(command);
        }
    }
    let pair = |command: Command| -> Option<[Span<'static>; 2]> {
        let binding = keys::binding(command)?;
        let name = match (command, console.slot().map(|s| s.stage)) {
            (Command::NextStage, Some(Stage::Pending)) => labels::start_report(lang),
            (Command::EditAnswer, _) => enter_name(console),
            _ => command.name(lang),
        };
        Some([
            Span::styled(
                binding.shown.to_string(),
                Style::new()
                    .fg(theme.title_text)
                    .bg(theme.border)
                    .add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!(" {name}  "), Style::new().fg(theme.text)),
        ])
    };
    // How to get help and how to leave are always there, at the end of the row; the keys
    // the stage calls for come first in what is left.
    let tail = help_and_quit(console, theme);
    let tail_width: usize = tail.iter().map(|s| text::width(&s.content)).sum();
    let spans: Vec<Span> = unique.into_iter().filter_map(pair).flatten().collect();
    let mut line = whole_pairs(spans, width.saturating_sub(tail_width as u16));
    line.spans.extend(tail);
    line
}

/// `? 按键说明  q 保存并退出`: shown at the end of the footer at every size.
pub fn help_and_quit(console: &Console, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for command in [Command::Help, Command::Quit] {
        let Some(binding) = keys::binding(command) else {
            continue;
        };
        spans.push(Span::styled(
            binding.shown.to_string(),
            Style::new()
                .fg(theme.title_text)
                .bg(theme.border)
                .add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::styled(
            format!(" {}  ", command.name(console.lang)),
            Style::new().fg(theme.text),
        ));
    }
    spans
}

/// Keeps key and description together: a pair that does not fit is left out whole.
fn whole_pairs(spans: Vec<Span<'static>>, width: u16) -> Line<'static> {
    let mut room = width as usize;
    let mut out = Vec::new();
    for pair in spans.chunks(2) {
        let w: usize = pair.iter().map(|s| text::width(&s.content)).sum();
        if w > room {
            continue;
        }
        room -= w;
        out.extend(pair.iter().cloned());
    }
    Line::from(out)
}

/// The keys the current stage calls for, the most useful first.
fn stage_commands(console: &Console) -> Vec<Command> {
    use Command::*;
    let stage = console.slot().map(|s| s.stage).unwrap_or_default();
    let mut commands = match stage {
        Stage::Pending => vec![NextStage, Skip, Jump, ShowTitle],
        Stage::Report => vec![NextStage, ToggleTimer, ToggleSpotlight],
        Stage::Questions => vec![
            EditAnswer,
            AddQuestion,
            ToggleProjectedAnswers,
            NextStage,
            ToggleWrittenReply,
        ],
        Stage::Remarks => vec![EditRemarks, NextStage, EditNote],
        Stage::Rating => vec![RecordRating, ShowRating, NextStage],
        Stage::FollowUps => vec![AddFollowUp, ShowFollowUps, NextStage],
        _ => vec![NextOfficial, ShowAgenda],
    };
    // A duty item or risk point selected: ticking it as mentioned is what the report needs.
    if crate::app::portrait::portrait_selected(console) {
        commands.insert(0, AskFromPortrait);
    } else if matches!(console.recorder.focus, Pane::Duties | Pane::Risks)
        && console.pane_len(console.recorder.focus) > 0
    {
        commands.insert(0, ToggleMentioned);
    }
    // An earlier follow-up selected: checking it is what the recorder does with it.
    let selected = console.selection(Pane::FollowUps);
    if console.recorder.focus == Pane::FollowUps
        && selected >= console.snapshot.detail.follow_ups.len()
    {
        commands.insert(0, CheckFollowUp);
    }
    // Enter, named for the focused pane (at 待述责 `s` starts the report instead).
    if console.recorder.focus != Pane::Questions || stage != Stage::Pending {
        commands.push(EditAnswer);
    }
    commands
}

/// What Enter does in the focused pane, as the footer names it.
fn enter_name(console: &Console) -> &'static str {
    let lang = console.lang;
    match console.recorder.focus {
        Pane::Questions => Label::RecordAnswer.text(lang),
        Pane::Remarks => Label::RecordRemarks.text(lang),
        Pane::FollowUps if console.pane_len(Pane::FollowUps) > 0 => {
            Label::UpdateFollowUpTitle.text(lang)
        }
        Pane::FollowUps => Command::AddFollowUp.name(lang),
        Pane::Duties | Pane::Risks => Command::EditSelected.name(lang),
    }
}

#[cfg(test)]
mod window_tests {
    use super::*;

    /// The window holds every item that can be in view: the `height` before the selection
    /// (the list scrolls so the selection's end is at the bottom) and the `height` from it.
    #[test]
    fn a_long_pane_is_wrapped_only_around_its_selection() {
        assert_eq!(
            window(Pane::Risks, 12_500, Some(12_499), 40),
            12_459..12_500
        );
        assert_eq!(window(Pane::Risks, 12_500, Some(6_000), 40), 5_960..6_041);
        assert_eq!(window(Pane::Risks, 12_500, None, 40), 0..81);
        assert_eq!(window(Pane::Duties, 12_500, Some(3), 40), 0..81);
        assert_eq!(window(Pane::Risks, 60, Some(59), 40), 0..60);
        assert_eq!(window(Pane::Questions, 12_500, Some(9), 40), 0..12_500);
    }
}
