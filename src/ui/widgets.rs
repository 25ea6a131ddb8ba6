//! Drawing pieces shared by the screens: pane titles and scrolling lists of wrapped items.
//!
//! By default no box-drawing characters: their width is ambiguous in East Asian terminals,
//! so panes are set apart by a coloured title row and a blank column; a theme or
//! `--borders` may ask for ASCII or line borders instead.

use super::Theme;
use super::text;
use super::theme::Borders;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

/// One list entry: its lines, already wrapped to the pane's width.
pub type Item = Vec<Line<'static>>;

/// `+`, `-` and `|`: borders that line up in every terminal.
const ASCII: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Draws a pane's frame (a title row, or a border with the title in it, as the theme says)
/// and returns the area left for its content.
pub fn pane(frame: &mut Frame, area: Rect, title: &str, focused: bool, theme: &Theme) -> Rect {
    if area.height == 0 || area.width == 0 {
        return area;
    }
    let (colour, modifier) = if focused {
        (theme.focus_border, Modifier::BOLD)
    } else {
        (theme.border, Modifier::empty())
    };
    let set = match theme.borders {
        Borders::None => {
            let style = Style::new()
                .bg(colour)
                .fg(theme.title_text)
                .add_modifier(modifier);
            let shown = text::fit(&format!(" {title}"), area.width as usize);
            let row = Rect { height: 1, ..area };
            frame.render_widget(Paragraph::new(Line::from(shown)).style(style), row);
            return Rect {
                y: area.y + 1,
                height: area.height - 1,
                ..area
            };
        }
        Borders::Ascii => ASCII,
        Borders::Line => border::PLAIN,
    };
    let shown = text::fit(&format!(" {title} "), area.width.saturating_sub(2) as usize);
    let block = Block::bordered()
        .border_set(set)
        .border_style(Style::new().fg(colour))
        .title(Line::from(Span::styled(
            shown,
            Style::new().fg(colour).add_modifier(modifier),
        )));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// Draws items top to bottom, scrolled so that the selected one is in view, and
/// highlighted when `selected` is given.
pub fn list(
    frame: &mut Frame,
    area: Rect,
    items: Vec<Item>,
    selected: Option<usize>,
    theme: &Theme,
) {
    list_window(frame, area, items, selected, theme, (0, 0));
}

/// `list` of a window of a longer list: `outside` items before the window and after it
/// are counted in the corners as out of view.
pub fn list_window(
    frame: &mut Frame,
    area: Rect,
    items: Vec<Item>,
    selected: Option<usize>,
    theme: &Theme,
    outside: (usize, usize),
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let mut starts = Vec::with_capacity(items.len());
    let mut lines: Vec<Line> = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        starts.push(lines.len());
        let highlight = selected == Some(index);
        for line in item {
            lines.push(if highlight {
                selected_line(line, theme)
            } else {
                line
            });
        }
    }
    let height = area.height as usize;
    let offset = selected
        .and_then(|index| {
            let start = *starts.get(index)?;
            let end = starts.get(index + 1).copied().unwrap_or(lines.len());
            Some(scroll_for(start, end, height))
        })
        .unwrap_or(0);
    let total = lines.len();
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), area);
    // How many items are out of view above and below, in the corner of the first and last
    // row: `+3`, in ASCII (never ambiguous in width).
    let above = starts.iter().filter(|&&start| start < offset).count() + outside.0;
    let below = starts
        .iter()
        .enumerate()
        .filter(|&(i, _)| {
            let end = starts.get(i + 1).copied().unwrap_or(total);
            end > offset + height
        })
        .count()
        + outside.1;
    let style = Style::new()
        .bg(theme.border)
        .fg(theme.title_text)
        .add_modifier(Modifier::BOLD);
    for (hidden, y) in [(above, area.y), (below, area.bottom() - 1)] {
        if hidden > 0 {
            hidden_marker(frame, area, y, hidden, style);
        }
    }
}

/// A selected row: every part in the selection's colours (a part's own colour, accent or
/// warning, would not be legible on the selection bar), its emphasis kept.
fn selected_line(line: Line<'static>, theme: &Theme) -> Line<'static> {
    let spans = line
        .spans
        .into_iter()
        .map(|span| {
            let style = span
                .style
                .bg(theme.selection_background)
                .fg(theme.selection_text);
            span.style(style)
        })
        .collect::<Vec<_>>();
    Line::from(spans).style(
        Style::new()
            .bg(theme.selection_background)
            .fg(theme.selection_text),
    )
}

/// Blanks a wide character just left of `area` whose right half lies under it, so that no
/// half of a character shows beside a pop-up's edge (the terminal would draw it whole, over
/// the edge).
pub fn clear_edges(frame: &mut Frame, area: Rect) {
    let buf = frame.buffer_mut();
    if area.x == buf.area.x {
        return;
    }
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(area.x - 1, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// ` +3 ` at the right end of row `y` of `area`; a wide character it would halve is blanked.
fn hidden_marker(frame: &mut Frame, area: Rect, y: u16, hidden: usize, style: Style) {
    let marker = format!(" +{hidden} ");
    let width = (marker.len() as u16).min(area.width);
    let x = area.right() - width;
    let buf = frame.buffer_mut();
    if x > area.x && buf[(x - 1, y)].symbol().width() > 1 {
        buf[(x - 1, y)].set_symbol(" ");
    }
    buf.set_stringn(x, y, &marker, width as usize, style);
}

/// The first line to show so that lines `start..end` are in a window of `height` lines.
fn scroll_for(start: usize, end: usize, height: usize) -> usize {
    if end <= height {
        0
    } else if end - start >= height {
        start
    } else {
        end - height
    }
}

/// Characters of one text shown in a pane: a pane cannot show more, and wrapping a pasted
/// megabyte on every frame would slow typing down. The whole text is still stored.
const SHOWN_CHARS: usize = 20_000;

/// Rows of one text wrapped in a pane when the frame's height is not known: more than any
/// terminal shows.
const SHOWN_ROWS: usize = 200;

thread_local! {
    /// The rows of the frame being drawn: no pane shows more of one text. The layout
    /// measures each pane at many widths on every frame, so wrapping what cannot be shown
    /// made a keystroke in a 100 KB answer cost 100 ms on screen (BENCHMARKS.md).
    static FRAME_ROWS: std::cell::Cell<usize> = const { std::cell::Cell::new(SHOWN_ROWS) };
    /// Items are being measured (their rows counted), not drawn.
    static MEASURING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `count` with items measured rather than drawn: a text that fills every row of the
/// frame whatever its line breaks is then not wrapped, only counted as that many rows (the
/// layout measures each pane at up to 17 widths per frame).
pub fn measuring<T>(count: impl FnOnce() -> T) -> T {
    MEASURING.with(|m| m.set(true));
    let counted = count();
    MEASURING.with(|m| m.set(false));
    counted
}

/// True when `prefix` and `body` wrapped at `width` take `rows` rows at least: each row
/// holds at most `width` (and at least 2) cells of what is not blank, and wrapping drops
/// only blanks.
fn fills(prefix: &str, body: &str, width: usize, rows: usize) -> bool {
    let solid = |s: &str| -> usize {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum()
    };
    solid(prefix) + solid(body) >= rows * width.max(2)
}

/// The rows of the frame being drawn (at most `SHOWN_ROWS`).
pub fn frame_rows() -> usize {
    FRAME_ROWS.with(std::cell::Cell::get)
}

/// The frame about to be drawn is `rows` rows high.
pub fn set_frame_rows(rows: u16) {
    FRAME_ROWS.with(|r| r.set((rows as usize).clamp(1, SHOWN_ROWS)));
}

/// Text wrapped under a prefix, as styled lines (no more of them than the frame has rows).
pub fn hanging(prefix: &str, body: &str, indent: usize, width: u16, style: Style) -> Item {
    let rows = FRAME_ROWS.with(std::cell::Cell::get);
    // Every character takes a cell at least: no more can be in `rows` rows.
    let shown = SHOWN_CHARS.min(rows * (width as usize).max(1));
    let body = match body.char_indices().nth(shown) {
        Some((cut, _)) => &body[..cut],
        None => body,
    };
    if MEASURING.with(std::cell::Cell::get) && fills(prefix, body, width as usize, rows) {
        return vec![Line::default(); rows];
    }
    text::wrap_hanging_rows(prefix, body, indent, width as usize, rows)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}

/// One line cut to `width`.
pub fn single(body: &str, width: u16, style: Style) -> Line<'static> {
    Line::from(Span::styled(
        text::fit(&text::printable(body), width as usize),
        style,
    ))
}

/// Spans laid out left to right, the last ones dropped or cut when the row is too narrow.
pub fn fit_spans(spans: Vec<Span<'static>>, width: u16) -> Line<'static> {
    let mut room = width as usize;
    let mut out = Vec::new();
    for span in spans {
        let w = text::width(&span.content);
        if w <= room {
            room -= w;
            out.push(span);
        } else {
            let cut = text::truncate(&span.content, room);
            if !cut.is_empty() {
                out.push(Span::styled(cut, span.style));
            }
            break;
        }
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::{hanging, measuring, scroll_for, set_frame_rows};
    use ratatui::style::Style;

    #[test]
    fn a_text_is_measured_as_as_many_rows_as_it_is_drawn_on() {
        set_frame_rows(45);
        let texts = [
            "查摆廉政风险点4个，制定防控措施7项。".repeat(5_000),
            "risk   points  and   measures ".repeat(3_000),
            format!("{}\n短\n{}", "述".repeat(300), "  ".repeat(2_000)),
            "回答".to_string(),
        ];
        for text in &texts {
            for width in [3, 6, 10, 37, 80, 160] {
                let drawn = hanging("   答: ", text, 5, width, Style::new()).len();
                let measured = measuring(|| hanging("   答: ", text, 5, width, Style::new()).len());
                assert_eq!(measured, drawn, "width {width}");
            }
        }
    }

    #[test]
    fn selection_stays_in_view() {
        assert_eq!(scroll_for(0, 3, 10), 0);
        assert_eq!(scroll_for(12, 15, 10), 5);
        assert_eq!(scroll_for(12, 30, 10), 12);
    }
}
