//! The rating result (民主测评) projected as a table read from the back row: a bar, the
//! count and the share for each grade, the ballots counted, and the result in large glyphs
//! where there is room.

use super::pictures::{centred, heading, official_name};
use super::{Theme, big, text};
use crate::app::projection::Projection;
use crate::domain::Rating;
use crate::labels::{self, Label};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns of a row other than the bar: the grade, the count and the share.
const GRADE: usize = 10;
const COUNT: usize = 7;
const SHARE: usize = 9;

pub fn draw(frame: &mut Frame, area: Rect, p: &Projection, theme: &Theme) {
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
    let approval = rating
        .approval_percent()
        .map(|a| format!("{a:.1}%"))
        .unwrap_or_else(|| "-".into());
    // Spaced out when there is room for the five rows each with a blank row, the ballots,
    // a blank row, the result's label and its glyphs at scale 1 (8 rows).
    const SPACED_ROWS: u16 = 5 * 2 + 3 + 8;
    let spaced = rest.height > SPACED_ROWS;
    let table_rows = if spaced { 10 } else { 5 };
    let glyph_room = rest.height.saturating_sub(table_rows + 3);
    // Short of rows, the result's label goes on the ballots' line, with no blank row:
    // the figure stays large.
    let scale = big::fitting_scale(&approval, rest.width, glyph_room);
    let tight_scale = big::fitting_scale(
        &approval,
        rest.width,
        rest.height.saturating_sub(table_rows + 1),
    );
    let (scale, tight) = match scale {
        Some(scale) => (Some(scale), false),
        None => (tight_scale, tight_scale.is_some()),
    };
    let mut lines = table(p, &rating, rest.width as usize, spaced, theme);
    let ballots = format!(
        "{} {}  {} {}",
        Label::Voters.text(p.lang),
        rating.voters,
        words.counted,
        rating.counted()
    );
    let bold = Style::new().fg(theme.accent).add_modifier(Modifier::BOLD);
    if tight {
        lines.push(Line::from(vec![
            Span::styled(format!("{ballots}  "), Style::new().fg(theme.text)),
            Span::styled(words.approval.to_string(), bold),
        ]));
    } else {
        lines.push(Line::from(Span::styled(
            ballots,
            Style::new().fg(theme.text),
        )));
        lines.push(Line::default());
        let result = match scale {
            Some(_) => words.approval.to_string(),
            None => format!("{} {approval}", words.approval),
        };
        lines.push(Line::from(Span::styled(result, bold)));
    }
    let used = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rest);
    if let Some(scale) = scale {
        let glyphs = Rect {
            y: rest.y + used,
            height: rest.height.saturating_sub(used),
            ..rest
        };
        big::draw(frame.buffer_mut(), glyphs, &approval, scale, theme.accent);
    }
}

/// The heading row and a row a grade: its name, a bar as long as its share, the count and
/// the share; a blank row between rows when `spaced`.
fn table(
    p: &Projection,
    rating: &Rating,
    width: usize,
    spaced: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let words = labels::picture_words(p.lang);
    let counted = rating.counted();
    let bar_room = width.saturating_sub(GRADE + COUNT + SHARE + 2).min(60);
    let tallies = [rating.excellent, rating.good, rating.fair, rating.poor];
    let header = format!(
        "{}{}{}",
        " ".repeat(GRADE + bar_room),
        text::pad_left(words.ballots, COUNT),
        text::pad_left(words.share, SHARE)
    );
    let mut lines = vec![Line::from(Span::styled(
        header,
        Style::new().fg(theme.muted),
    ))];
    let bold = Style::new().fg(theme.text).add_modifier(Modifier::BOLD);
    for (grade, n) in labels::rating_grades(p.lang).iter().zip(tallies) {
        if spaced {
            lines.push(Line::default());
        }
        let (bar, share) = match counted {
            0 => (0, "-".to_string()),
            _ => (
                (n as usize * bar_room).div_ceil(counted as usize),
                format!("{:.1}%", n as f64 * 100.0 / counted as f64),
            ),
        };
        lines.push(Line::from(vec![
            Span::styled(text::pad(grade, GRADE), bold),
            // Reversed spaces: a block character is drawn two cells wide by some terminals.
            Span::styled(
                " ".repeat(bar),
                Style::new().fg(theme.text).add_modifier(Modifier::REVERSED),
            ),
            Span::raw(" ".repeat(bar_room - bar)),
            Span::styled(text::pad_left(&n.to_string(), COUNT), bold),
            Span::styled(text::pad_left(&share, SHARE), bold),
        ]));
    }
    if spaced {
        lines.push(Line::default());
    }
    lines
}
