//! Lists on the projector in pages of whole items: an item is never cut between pages, the
//! page shown is the one holding the recorder's selection, and `2/3` says where it is.

use super::text;
use super::widgets::Item;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;

/// The items of each page when a page holds `rows` rows: whole items, in order, a blank
/// row between two items when `gap`. An item taller than a page has a page of its own.
pub fn split(items: &[Item], rows: usize, gap: bool) -> Vec<Range<usize>> {
    let mut pages = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        let gap_rows = usize::from(gap && i > start);
        if i > start && used + gap_rows + item.len() > rows {
            pages.push(start..i);
            (start, used) = (i, 0);
        }
        used += usize::from(gap && i > start) + item.len();
    }
    if start < items.len() {
        pages.push(start..items.len());
    }
    pages
}

/// Draws the page of `items` that holds item `selected`; when the items take more than one
/// page, the last row says which page of how many (`2/3`). An item taller than the whole
/// area ends with `…` on its last row.
pub fn draw(frame: &mut Frame, area: Rect, items: &[Item], selected: usize, style: Style) {
    let rows = area.height as usize;
    let whole: usize = items.iter().map(Vec::len).sum::<usize>() + items.len().saturating_sub(1);
    let gap = whole <= rows || items.len() <= 1 || rows >= 24;
    let pages = match split(items, rows, gap) {
        pages if pages.len() <= 1 => pages,
        _ => split(items, rows.saturating_sub(1), gap),
    };
    let at = pages
        .iter()
        .position(|page| page.contains(&selected))
        .unwrap_or(0);
    let Some(page) = pages.get(at) else {
        return;
    };
    let body_rows = match pages.len() {
        1 => rows,
        _ => rows.saturating_sub(1),
    };
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (k, item) in items[page.clone()].iter().enumerate() {
        if gap && k > 0 {
            lines.push(Line::default());
        }
        lines.extend(item.iter().cloned());
    }
    if lines.len() > body_rows {
        lines.truncate(body_rows);
        if let Some(last) = lines.last_mut() {
            let words: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let style = last.spans.first().map(|s| s.style).unwrap_or_default();
            let cut = text::fit(&format!("{}…", words.trim_end()), area.width as usize);
            *last = Line::from(Span::styled(cut, style));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
    if pages.len() > 1 && area.height > 0 {
        let row = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let mark = format!("{}/{}", at + 1, pages.len());
        frame.render_widget(
            Paragraph::new(mark)
                .alignment(Alignment::Right)
                .style(style),
            row,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(sizes: &[usize]) -> Vec<Item> {
        sizes
            .iter()
            .map(|&n| (0..n).map(|_| Line::from("x")).collect())
            .collect()
    }

    #[test]
    fn pages_hold_whole_items_in_order() {
        assert_eq!(split(&items(&[2, 2, 2]), 4, false), vec![0..2, 2..3]);
        assert_eq!(split(&items(&[2, 2, 2]), 4, true), vec![0..1, 1..2, 2..3]);
        assert_eq!(split(&items(&[2, 2, 2]), 5, true), vec![0..2, 2..3]);
        assert_eq!(split(&items(&[6, 1]), 4, false), vec![0..1, 1..2]);
        assert_eq!(split(&items(&[]), 4, false), Vec::<Range<usize>>::new());
    }
}
