//! Values as county offices write them in their own tables, read into the template's
//! values: 请假 as absent, a quarter without its year, a deadline in words, risk levels as
//! grades, stars or 高风险. Each reading says what it became, for the import's summary.

use super::synonyms::folded;
use chrono::{Datelike, NaiveDate};

/// Words for an absence on leave, kept as the absence's reason.
const LEAVE: &[&str] = &["请假", "病假", "事假", "公假", "出差", "因公外出", "公出"];

/// True when an attendance cell says the person is on leave (请假, 病假 …).
pub fn on_leave(text: &str) -> bool {
    LEAVE.contains(&text.trim())
}

/// A risk level written another way (一级–三级, ★–★★★, 高风险/中风险/低风险, 较高 …) as the
/// template's 高 / 中 / 低; `None` when it is none of these.
pub fn risk_level(text: &str) -> Option<&'static str> {
    let text: String = folded(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let stars = text.chars().filter(|c| matches!(c, '★' | '*')).count();
    if stars > 0 && text.chars().all(|c| matches!(c, '★' | '☆' | '*')) {
        return match stars {
            1 => Some("低"),
            2 => Some("中"),
            3 => Some("高"),
            _ => None,
        };
    }
    match text.trim_end_matches("风险").trim_end_matches('级') {
        "一" | "1" | "高" | "较高" | "i" | "I" => Some("高"),
        "二" | "2" | "中" | "一般" | "ii" | "II" => Some("中"),
        "三" | "3" | "低" | "较低" | "iii" | "III" => Some("低"),
        _ => None,
    }
}

/// A quarter written without its year (第一季度, 一季度, Q1, 1季度, 第1季度) as `YYYYQn` in the
/// meeting's year; `None` when it is not one.
pub fn quarter_of_year(text: &str, year: i32) -> Option<String> {
    let text: String = folded(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let upper = text.to_uppercase();
    let digit = match upper.strip_prefix('Q') {
        Some(rest) => rest,
        None => text
            .trim_start_matches('第')
            .strip_suffix("季度")
            .or_else(|| text.trim_start_matches('第').strip_suffix('季'))?,
    };
    let q = match digit {
        "1" | "一" => 1,
        "2" | "二" => 2,
        "3" | "三" => 3,
        "4" | "四" => 4,
        _ => return None,
    };
    Some(format!("{year}Q{q}"))
}

/// A deadline as offices write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// 长期坚持, 长期, 持续推进: no day; the follow-up is kept up.
    Ongoing,
    /// The last day meant.
    Day(NaiveDate),
}

/// 长期坚持; 年底, 2026年底, 12月底, 2026年6月底, 6月30日前, 6月30日 (the year from the
/// meeting where it is not written); `None` for anything else (full dates are read elsewhere).
pub fn deadline(text: &str, year: i32) -> Option<Deadline> {
    let text: String = folded(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if matches!(
        text.as_str(),
        "长期坚持" | "长期" | "持续推进" | "长期推进" | "持续整改" | "常态化"
    ) {
        return Some(Deadline::Ongoing);
    }
    let text = ["之前", "以前", "前", "内"]
        .iter()
        .find_map(|end| text.strip_suffix(end))
        .unwrap_or(&text);
    let (year, rest) = match text.split_once('年') {
        Some((y, rest)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => {
            (y.parse().ok()?, rest)
        }
        Some(("" | "本" | "今", rest)) => (year, rest),
        Some(_) => return None,
        None => (year, text),
    };
    if rest == "底" || rest.is_empty() && text.ends_with('年') || rest == "末" {
        return NaiveDate::from_ymd_opt(year, 12, 31).map(Deadline::Day);
    }
    let (month, day) = rest.split_once('月')?;
    let month: u32 = month.parse().ok()?;
    let day = match day.trim_end_matches(['日', '号']) {
        "底" | "末" | "" => last_day(year, month)?.day(),
        day => day.parse().ok()?,
    };
    NaiveDate::from_ymd_opt(year, month, day).map(Deadline::Day)
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<Deadline> {
        Some(Deadline::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    }

    #[test]
    fn deadlines_in_words() {
        assert_eq!(deadline("长期坚持", 2026), Some(Deadline::Ongoing));
        assert_eq!(deadline("年底", 2026), day(2026, 12, 31));
        assert_eq!(deadline("2027年底", 2026), day(2027, 12, 31));
        assert_eq!(deadline("１２月底", 2026), day(2026, 12, 31));
        assert_eq!(deadline("2026年12月底", 2026), day(2026, 12, 31));
        assert_eq!(deadline("6月30日前", 2026), day(2026, 6, 30));
        assert_eq!(deadline("2月底前", 2028), day(2028, 2, 29));
        for text in ["明年", "尽快", "13月底", "2026-12-31", "6月31日"] {
            assert_eq!(deadline(text, 2026), None, "{text}");
        }
    }

    #[test]
    fn quarters_and_levels() {
        for text in ["第一季度", "一季度", "Q1", "q1", "1季度", "第１季度", "Ｑ1"] {
            assert_eq!(
                quarter_of_year(text, 2026).as_deref(),
                Some("2026Q1"),
                "{text}"
            );
        }
        assert_eq!(quarter_of_year("第五季度", 2026), None);
        assert_eq!(quarter_of_year("上半年", 2026), None);
        for (text, level) in [
            ("一级", "高"),
            ("三级", "低"),
            ("★★★", "高"),
            ("★", "低"),
            ("★★☆", "中"),
            ("高风险", "高"),
            ("中风险", "中"),
            ("低风险", "低"),
        ] {
            assert_eq!(risk_level(text), Some(level), "{text}");
        }
        assert_eq!(risk_level("很高"), None);
        assert!(on_leave("请假") && !on_leave("出席"));
    }
}
