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

/// Does the card need its portrait line?
pub fn on_card(console: &Console) -> bool {
    !console.detail.portrait.is_empty() || !console.detail.talks.is_empty()
}

/// The card's portrait line: per dimension with findings its count and first problem
/// (shortened by display width), then the latest talk's date and who held it.
pub fn card_line(console: &Console, theme: &Theme, width: u16) -> Line<'static> {
    let lang = console.lang;
    let detail = &console.detail;
    let muted = Style::new().fg(theme.muted);
    let strong = Style::new().fg(theme.warning).add_modifier(Modifier::BOLD);
    let mut spans = vec![Span::styled(
        format!("{} ", Label::Portrait.text(lang)),
        muted,
    )];
    let dimensions = by_dimension(&detail.portrait);
    // Each dimension's problem shares what the row leaves, the talk's part kept aside.
    let share = (width as usize).saturating_sub(40) / dimensions.len().max(1);
    let cut = share.saturating_sub(12).clamp(6, FIRST_PROBLEM);
    for (dimension, count, first) in dimensions {
        spans.push(Span::styled(
            format!("{} {count}", dimension.name(lang)),
            strong,
        ));
        spans.push(Span::styled(
            format!(": {}  ", text::fit(first, cut)),
            Style::new().fg(theme.text),
        ));
    }
    if let Some(talk) = detail.talks.first() {
        spans.push(Span::styled(
            format!("{} ", Label::LatestTalk.text(lang)),
            muted,
        ));
        spans.push(Span::styled(
            format!("{} {}", talk.held_on, text::printable(&talk.talker)),
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
