//! Table column widths measured from their content by display width: every header whole,
//! every word (a post like 县财政局局长) on one line where the page allows, the grid as
//! wide as the text.

use super::CELL_MARGIN;
use unicode_width::UnicodeWidthStr;

/// Column widths in twips that sum to the text width: each column at least as wide as its
/// header (so no header breaks inside a word) and its short entries; what is left goes to
/// the columns of longer text, in proportion to what they would need on one line.
pub fn column_widths(header: &[String], rows: &[Vec<String>], total: u32) -> Vec<u32> {
    // 小4号: a full-width character is 12 pt = 240 twips, a display column half that.
    let twips = |text: &str| text.lines().map(|l| l.width()).max().unwrap_or(0) as u32 * 120;
    let pad = 2 * CELL_MARGIN + 40;
    let mut least = Vec::new();
    let mut want = Vec::new();
    for (c, name) in header.iter().enumerate() {
        let cells = rows.iter().filter_map(|r| r.get(c));
        let longest = cells.clone().map(|t| twips(t)).max().unwrap_or(0);
        // Entries up to four characters wide (numbers, names) are kept on one line too.
        let short = cells
            .map(|t| twips(t))
            .filter(|&w| w <= 8 * 120)
            .max()
            .unwrap_or(0);
        let min = twips(name).max(short) + pad;
        least.push(min);
        want.push((longest + pad).max(min));
    }
    widen_to_words(&mut least, header, rows, total);
    for (w, l) in want.iter_mut().zip(&least) {
        *w = (*w).max(*l);
    }
    let (least_sum, want_sum): (u32, u32) = (least.iter().sum(), want.iter().sum());
    let mut widths: Vec<u32> = if want_sum <= total {
        want.iter()
            .map(|&w| (w as u64 * total as u64 / want_sum.max(1) as u64) as u32)
            .collect()
    } else if least_sum <= total {
        let spare = (total - least_sum) as u64;
        let more: u64 = want.iter().zip(&least).map(|(w, l)| (w - l) as u64).sum();
        want.iter()
            .zip(&least)
            .map(|(&w, &l)| l + (spare * (w - l) as u64 / more.max(1)) as u32)
            .collect()
    } else {
        least
            .iter()
            .map(|&l| (l as u64 * total as u64 / least_sum as u64) as u32)
            .collect()
    };
    let sum: u32 = widths.iter().sum();
    if let Some(widest) = widths.iter_mut().max() {
        *widest = (*widest + total).saturating_sub(sum);
    }
    widths
}

/// The widest word of a cell, in twips: its text between the marks a line may break at
/// (、，；and spaces), so a post like 县财政局局长 is one word.
fn widest_word(text: &str) -> u32 {
    text.split(['、', '，', '；', ',', ';', ' ', '　', '\n'])
        .map(|w| w.width() as u32 * 120)
        .max()
        .unwrap_or(0)
}

/// Widens the columns, the cheapest first, until each holds its widest word (so no word
/// breaks) for as long as the table still fits `total`.
fn widen_to_words(least: &mut [u32], header: &[String], rows: &[Vec<String>], total: u32) {
    let pad = 2 * CELL_MARGIN + 40;
    let words: Vec<u32> = (0..header.len())
        .map(|c| {
            let widest = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|t| widest_word(t))
                .max()
                .unwrap_or(0);
            widest + pad
        })
        .collect();
    let mut order: Vec<usize> = (0..least.len()).collect();
    order.sort_by_key(|&c| words[c].saturating_sub(least[c]));
    for c in order {
        let more = words[c].saturating_sub(least[c]);
        if least.iter().sum::<u32>() + more <= total {
            least[c] += more;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::docx::TEXT_WIDTH;

    fn cells(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn columns_fill_the_text_width_and_fit_their_headers() {
        let header = cells(&["序号", "述责人", "单位职务", "参评人数", "测评结果"]);
        let rows = vec![cells(&[
            "1",
            "张某",
            "县教育体育局党组书记、局长",
            "7",
            "好和较好7票，占有效票100.0%",
        ])];
        let widths = column_widths(&header, &rows, TEXT_WIDTH);
        assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
        for (w, h) in widths.iter().zip(&header) {
            assert!(*w >= h.width() as u32 * 120 + 2 * CELL_MARGIN, "{h}: {w}");
        }
    }

    #[test]
    fn a_post_is_kept_on_one_line_where_the_page_allows() {
        let header = cells(&[
            "序号",
            "述责人",
            "单位职务",
            "参评人数",
            "好",
            "较好",
            "一般",
            "差",
            "有效票",
            "测评结果",
        ]);
        let rows = vec![cells(&[
            "1",
            "王某",
            "县财政局局长",
            "7",
            "5",
            "2",
            "0",
            "0",
            "7",
            "好和较好7票，占有效票100.0%",
        ])];
        let widths = column_widths(&header, &rows, TEXT_WIDTH);
        assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
        assert!(
            widths[2] >= 6 * 240 + 2 * CELL_MARGIN,
            "单位职务: {}",
            widths[2]
        );
        // Too long for any page: the table still fits, every header whole.
        let mut long = rows.clone();
        long[0][2] = "县".repeat(60);
        let widths = column_widths(&header, &long, TEXT_WIDTH);
        assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
        for (w, h) in widths.iter().zip(&header) {
            assert!(*w >= h.width() as u32 * 120 + 2 * CELL_MARGIN, "{h}: {w}");
        }
    }
}
