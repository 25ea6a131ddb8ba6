//! The unit's political portrait (政治画像) and reminder talks (提醒谈话) as the recorder sees
//! them: a line on the card, and every finding and talk in the risk points pane. Never
//! drawn on the projected picture.

use super::widgets::{self, Item, hanging};
use super::{Theme, text};
use crate::app::Console;
use crate::domain::portrait::by_dimension;
use crate::domain::{PortraitFinding, ReminderTalk};
use crate::labels::{Label, Named};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// The most cells a dimension's first problem takes on the card.
const FIRST_PROBLEM: usize = 16;
/// The fewest cells worth giving a first problem on the card.
const SHORTEST_PROBLEM: usize = 6;

/// Does the card need its portrait line?
pub fn on_card(console: &Console) -> bool {
    !console.snapshot.detail.portrait.is_empty() || !console.snapshot.detail.talks.is_empty()
}

/// The card's portrait line: per dimension with findings its count and first problem
/// (shortened by display width), then the latest talk's date and who held it.
pub fn card_line(console: &Console, theme: &Theme, width: u16) -> Line<'static> {
    let lang = console.lang;
    let detail = &console.snapshot.detail;
    let muted = Style::new().fg(theme.muted);
    let strong = Style::new().fg(theme.warning).add_modifier(Modifier::BOLD);
    let label = format!("{} ", Label::Portrait.text(lang));
    let talk = detail.talks.first().map(|talk| {
        (
            format!("{} ", Label::LatestTalk.text(lang)),
            format!("{} {}", talk.held_on, text::printable(&talk.talker)),
        )
    });
    // The talk keeps its room; the dimensions share the rest, each its first problem cut.
    let reserved = text::width(&label)
        + talk
            .as_ref()
            .map_or(0, |(l, t)| text::width(l) + text::width(t));
    let dimensions = by_dimension(&detail.portrait);
    let share = (width as usize).saturating_sub(reserved) / dimensions.len().max(1);
    let mut spans = vec![Span::styled(label, muted)];
    for (dimension, count, first) in dimensions {
        let head = format!("{} {count}", dimension.name(lang));
        let cut = share
            .saturating_sub(text::width(&head) + 4)
            .min(FIRST_PROBLEM);
        spans.push(Span::styled(head, strong));
        // Too narrow for a few characters of the problem: the counts alone.
        let first = match cut >= SHORTEST_PROBLEM {
            true => format!(": {}  ", text::fit(first, cut)),
            false => "  ".to_string(),
        };
        spans.push(Span::styled(first, Style::new().fg(theme.text)));
    }
    if let Some((label, talk)) = talk {
        spans.push(Span::styled(label, muted));
        spans.push(Span::styled(
            talk,
            Style::new().fg(theme.text).add_modifier(Modifier::BOLD),
        ));
    }
    widgets::fit_spans(spans, width)
}

/// A finding in the risk points pane (under the heading 政治画像 when it is the first).
pub fn finding_item(
    console: &Console,
    finding: &PortraitFinding,
    first: bool,
    width: u16,
    theme: &Theme,
) -> Item {
    let lang = console.lang;
    let mut item = heading(console, first, Label::Portrait, width, theme);
    let prefix = format!("[{}] ", finding.dimension.name(lang));
    let style = Style::new().fg(theme.warning).add_modifier(Modifier::BOLD);
    item.extend(hanging(&prefix, &finding.problem, 2, width, style));
    if !finding.suggestion.is_empty() {
        let label = format!("  {}: ", Label::Suggestion.text(lang));
        let muted = Style::new().fg(theme.muted);
        item.extend(hanging(&label, &finding.suggestion, 4, width, muted));
    }
    item
}

/// A reminder talk in the risk points pane (under the heading 提醒谈话 when it is the first).
pub fn talk_item(
    console: &Console,
    talk: &ReminderTalk,
    first: bool,
    width: u16,
    theme: &Theme,
) -> Item {
    let mut item = heading(console, first, Label::ReminderTalks, width, theme);
    let prefix = format!("[{} {}] ", talk.held_on, text::printable(&talk.talker));
    item.extend(hanging(
        &prefix,
        &talk.content,
        2,
        width,
        Style::new().fg(theme.text),
    ));
    item
}

fn heading(console: &Console, first: bool, label: Label, width: u16, theme: &Theme) -> Item {
    match first {
        true => {
            let style = Style::new().fg(theme.accent).add_modifier(Modifier::BOLD);
            vec![widgets::single(label.text(console.lang), width, style)]
        }
        false => Vec::new(),
    }
}
