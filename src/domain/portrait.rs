//! The unit's political portrait (政治画像, from its 政治生态分析报告) and the reminder talks
//! (提醒谈话) held with its head: prepared data, shown to the recorder, never projected.

use super::Id;
use chrono::NaiveDate;
use serde::Serialize;

/// The five dimensions of a 政治生态分析报告.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PortraitDimension {
    /// 党内政治生活.
    PartyLife,
    /// 选人用人.
    Appointments,
    /// 权力规范运行.
    UseOfPower,
    /// 党员干部勤政廉政.
    Integrity,
    /// 群众满意度评价.
    PublicSatisfaction,
}

/// One finding of the portrait: a problem found in one dimension and the suggestion made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortraitFinding {
    /// The row's id; 0 before it is stored.
    #[serde(skip)]
    pub id: Id,
    pub dimension: PortraitDimension,
    /// 发现的问题.
    pub problem: String,
    /// 提出的建议; may be empty.
    pub suggestion: String,
}

/// A reminder talk (提醒谈话) held with the unit's head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReminderTalk {
    /// The row's id; 0 before it is stored.
    #[serde(skip)]
    pub id: Id,
    pub held_on: NaiveDate,
    /// Who talked with the head (谈话人).
    pub talker: String,
    /// What was said (谈话内容).
    pub content: String,
}

/// A unit's portrait in the card's few words: per dimension with findings, how many and
/// the first problem, in the five dimensions' order.
pub fn by_dimension(findings: &[PortraitFinding]) -> Vec<(PortraitDimension, usize, &str)> {
    use super::Word;
    PortraitDimension::ALL
        .iter()
        .filter_map(|dimension| {
            let mut of = findings.iter().filter(|f| f.dimension == *dimension);
            let first = of.next()?;
            Some((*dimension, 1 + of.count(), first.problem.as_str()))
        })
        .collect()
}
