//! The 纪要's Chinese at its joins: numerals for headings to any count, punctuation where
//! generated words meet typed text, and the chair named as a 纪要 names them (马某书记).

/// 一, 二, … 十一, … 二十一, … 一百零五: a heading's number in Chinese numerals, any count.
pub fn numeral(n: usize) -> String {
    if n == 0 {
        return "零".into();
    }
    let text = grouped(n as u64);
    // 十, 十一 to 十九, 十二万: a leading 一十 is said without the 一.
    match text.strip_prefix("一十") {
        Some(rest) => format!("十{rest}"),
        None => text,
    }
}

/// `n` in groups of 亿 and 万, zeros between groups said once.
fn grouped(n: u64) -> String {
    for (size, unit) in [(100_000_000u64, "亿"), (10_000, "万")] {
        if n >= size {
            let (high, low) = (n / size, n % size);
            let mut out = format!("{}{unit}", grouped(high));
            if low > 0 {
                if low < size / 10 {
                    out.push('零');
                }
                out.push_str(&grouped(low));
            }
            return out;
        }
    }
    below_ten_thousand(n)
}

/// 1 to 9999: 一千零五, 一百一十, 三十二.
fn below_ten_thousand(n: u64) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let mut out = String::new();
    let mut zero = false;
    for (place, unit) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let digit = (n / place % 10) as usize;
        if digit == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push_str(DIGITS[digit]);
        out.push_str(unit);
    }
    out
}

/// Marks that end a clause or a sentence, where two of them may meet at a join.
fn is_comma(c: char) -> bool {
    matches!(c, '，' | '、' | ',')
}

fn is_pause(c: char) -> bool {
    matches!(c, '；' | '：' | ';' | ':')
}

fn is_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Punctuation cleaned where a generated sentence meets typed text: "，。" and "；。" become
/// "。", a doubled mark is said once, and a comma after a full stop goes.
pub fn tidy(text: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        let Some(&prev) = out.last() else {
            out.push(c);
            continue;
        };
        if is_stop(c) && (is_comma(prev) || is_pause(prev)) {
            out.pop();
            out.push(c);
        } else if (is_stop(c) && is_stop(prev))
            || (is_comma(c) && (is_comma(prev) || is_pause(prev) || is_stop(prev)))
            || (is_pause(c) && is_stop(prev))
        {
            continue;
        } else if is_pause(c) && (is_comma(prev) || prev == c) {
            out.pop();
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out.into_iter().collect()
}

/// Typed text as a clause that the caller's words continue: trailing marks and spaces
/// removed ("已完成谈话，" → "已完成谈话").
pub fn clause(text: &str) -> &str {
    text.trim()
        .trim_end_matches(|c: char| is_comma(c) || is_pause(c) || is_stop(c) || c.is_whitespace())
}

/// Typed text as a whole sentence: a comma, colon or semicolon at its end becomes "。", and
/// text that ends in no mark gets one ("工作扎实，" → "工作扎实。").
pub fn sentence(text: &str) -> String {
    let text = text.trim_end();
    let ends_well = text
        .chars()
        .last()
        .is_none_or(|c| is_stop(c) || matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '…'));
    if ends_well {
        text.to_string()
    } else {
        format!("{}。", clause(text))
    }
}

/// Names in a list: "、" between them, or "，" when a name's post has a "、" of its own.
pub fn list(items: &[String]) -> String {
    let mark = if items.iter().any(|i| i.contains('、')) {
        "，"
    } else {
        "、"
    };
    items.join(mark)
}

/// Titles a 纪要 puts after a name, longest first: "县委书记" → "书记".
const TITLES: [&str; 24] = [
    "常务副县长",
    "常务副主任",
    "副书记",
    "副县长",
    "副主任",
    "副部长",
    "副局长",
    "副主席",
    "副镇长",
    "副乡长",
    "副组长",
    "副院长",
    "检察长",
    "书记",
    "县长",
    "主任",
    "部长",
    "局长",
    "主席",
    "镇长",
    "乡长",
    "组长",
    "院长",
    "委员",
];

/// The chair as a 纪要 names them: the name and the title from the post ("马某" and
/// "县委书记" → "马某书记"); the post in full when it ends in no known title.
pub fn named(name: &str, post: &str) -> String {
    let post = post.trim();
    let title = TITLES
        .iter()
        .find(|t| post.ends_with(*t))
        .copied()
        .unwrap_or(post);
    match (name.trim(), title) {
        ("", "") => "主持人".into(),
        ("", title) => title.into(),
        (name, title) => format!("{name}{title}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_numbered_in_chinese_to_any_count() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (1005, "一千零五"),
            (10_010, "一万零一十"),
            (120_000, "十二万"),
        ];
        for (n, want) in cases {
            assert_eq!(numeral(n), want, "{n}");
        }
    }

    #[test]
    fn marks_at_joins_are_cleaned() {
        let cases = [
            ("已完成谈话，。", "已完成谈话。"),
            ("已完成；。", "已完成。"),
            ("好。。", "好。"),
            ("好，，再", "好，再"),
            ("完成。，下一步", "完成。下一步"),
            ("甲、；乙", "甲；乙"),
            ("问：“为何？”。", "问：“为何？”。"),
        ];
        for (text, want) in cases {
            assert_eq!(tidy(text), want, "{text}");
        }
    }

    #[test]
    fn the_chair_is_named_with_the_title_of_their_post() {
        assert_eq!(named("马某", "县委书记"), "马某书记");
        assert_eq!(named("马某", "县委副书记、县长"), "马某县长");
        assert_eq!(named("马某", "县纪委常委"), "马某县纪委常委");
        assert_eq!(named("马某", ""), "马某");
    }
}
