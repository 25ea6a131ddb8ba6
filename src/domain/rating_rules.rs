//! The county's own rating rules (测评规则), set per meeting in the prep data: the scale
//! (好/较好/一般/差 by default, or 廉洁/基本廉洁/不廉洁 …), the voter groups counted apart
//! (县领导, 部门代表 …) and rules such as "好+较好 >= 2/3 → 合格" or "差 > 1/3 → 约谈提醒",
//! decided in whole numbers so that a boundary is exact.

use serde::{Deserialize, Serialize};

/// The four grades used when a meeting sets none.
pub const DEFAULT_GRADES: [&str; 4] = ["好", "较好", "一般", "差"];

/// How a meeting's ratings are tallied and decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingScheme {
    /// The grades, best first.
    pub grades: Vec<String>,
    /// The voter groups counted apart; one unnamed group when empty.
    pub groups: Vec<String>,
    pub rules: Vec<RatingRule>,
}

impl Default for RatingScheme {
    fn default() -> Self {
        RatingScheme {
            grades: DEFAULT_GRADES.iter().map(|g| g.to_string()).collect(),
            groups: Vec::new(),
            rules: Vec::new(),
        }
    }
}

/// A comparison of a share with a fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Compare {
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
}

/// "好+较好 >= 2/3": when the grades named hold that share of the ballots counted (of one
/// group, or of all), the rule gives its result and its consequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingRule {
    /// The rule as written, for the record.
    pub when: String,
    pub grades: Vec<String>,
    pub compare: Compare,
    pub numerator: u32,
    pub denominator: u32,
    /// Counted in this group only; all groups together when `None`.
    pub group: Option<String>,
    /// 结果, e.g. 合格.
    pub result: String,
    /// 处理, e.g. 约谈提醒.
    pub consequence: String,
}

/// Why a rule's `when` cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleError {
    /// No comparison (>=, >, <=, <, ≥, ≤) in it.
    NoComparison,
    /// A grade not on the scale.
    UnknownGrade(String),
    /// The share is not a fraction a/b (0 < b, a <= b) or a percentage.
    BadShare(String),
    /// A group not among the meeting's groups.
    UnknownGroup(String),
}

/// One group's ballots per grade, in the scheme's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupTally {
    /// Empty for the one unnamed group.
    pub group: String,
    pub counts: Vec<u32>,
}

/// What the rules decide for a set of tallies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RatingOutcome {
    /// The first result of a rule that holds.
    pub result: Option<String>,
    /// Every consequence of the rules that hold, in their order.
    pub consequences: Vec<String>,
}

impl RatingRule {
    /// Reads "好+较好 >= 2/3" (or "差 > 33%") against the scale and groups.
    pub fn parse(
        when: &str,
        group: Option<&str>,
        scheme_grades: &[String],
        scheme_groups: &[String],
    ) -> Result<RatingRule, RuleError> {
        let (left, compare, right) = split_comparison(when).ok_or(RuleError::NoComparison)?;
        let mut grades = Vec::new();
        for grade in left.split(['+', '＋']).map(str::trim) {
            if !scheme_grades.iter().any(|g| g == grade) {
                return Err(RuleError::UnknownGrade(grade.to_string()));
            }
            grades.push(grade.to_string());
        }
        let (numerator, denominator) =
            share(right.trim()).ok_or_else(|| RuleError::BadShare(right.trim().to_string()))?;
        let group = group.map(str::trim).filter(|g| !g.is_empty());
        if let Some(g) = group
            && !scheme_groups.iter().any(|known| known == g)
        {
            return Err(RuleError::UnknownGroup(g.to_string()));
        }
        Ok(RatingRule {
            when: when.trim().to_string(),
            grades,
            compare,
            numerator,
            denominator,
            group: group.map(str::to_string),
            result: String::new(),
            consequence: String::new(),
        })
    }

    /// Whether the rule holds for the tallies: count × b against counted × a, in whole
    /// numbers. Nothing counted: no rule holds.
    pub fn holds(&self, scheme: &RatingScheme, tallies: &[GroupTally]) -> bool {
        let chosen = tallies
            .iter()
            .filter(|t| self.group.as_ref().is_none_or(|g| *g == t.group));
        let (mut named, mut counted) = (0u64, 0u64);
        for tally in chosen {
            for (grade, count) in scheme.grades.iter().zip(&tally.counts) {
                counted += u64::from(*count);
                if self.grades.contains(grade) {
                    named += u64::from(*count);
                }
            }
        }
        if counted == 0 {
            return false;
        }
        let left = named * u64::from(self.denominator);
        let right = counted * u64::from(self.numerator);
        match self.compare {
            Compare::AtLeast => left >= right,
            Compare::MoreThan => left > right,
            Compare::AtMost => left <= right,
            Compare::LessThan => left < right,
        }
    }
}

impl RatingScheme {
    /// Whether it is the default scale with one group and no rules.
    pub fn is_default(&self) -> bool {
        *self == RatingScheme::default()
    }

    /// The groups tallied: the named ones, or one unnamed group.
    pub fn tallied_groups(&self) -> Vec<String> {
        if self.groups.is_empty() {
            vec![String::new()]
        } else {
            self.groups.clone()
        }
    }

    /// The result and consequences of the rules for these tallies.
    pub fn decide(&self, tallies: &[GroupTally]) -> RatingOutcome {
        let mut outcome = RatingOutcome::default();
        for rule in self.rules.iter().filter(|r| r.holds(self, tallies)) {
            if outcome.result.is_none() && !rule.result.is_empty() {
                outcome.result = Some(rule.result.clone());
            }
            if !rule.consequence.is_empty() {
                outcome.consequences.push(rule.consequence.clone());
            }
        }
        outcome
    }
}

fn split_comparison(text: &str) -> Option<(&str, Compare, &str)> {
    const OPERATORS: [(&str, Compare); 6] = [
        (">=", Compare::AtLeast),
        ("≥", Compare::AtLeast),
        ("<=", Compare::AtMost),
        ("≤", Compare::AtMost),
        (">", Compare::MoreThan),
        ("<", Compare::LessThan),
    ];
    OPERATORS.iter().find_map(|(op, compare)| {
        let (left, right) = text.split_once(op)?;
        Some((left.trim(), *compare, right))
    })
}

/// "2/3" → (2, 3); "50%" → (50, 100).
fn share(text: &str) -> Option<(u32, u32)> {
    let (a, b) = match text.strip_suffix(['%', '％']) {
        Some(percent) => (percent.trim().parse().ok()?, 100),
        None => {
            let (a, b) = text.split_once('/')?;
            (a.trim().parse().ok()?, b.trim().parse().ok()?)
        }
    };
    (b > 0 && a <= b).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(rules: &[(&str, &str, &str)]) -> RatingScheme {
        let mut scheme = RatingScheme::default();
        for (when, result, consequence) in rules {
            let mut rule = RatingRule::parse(when, None, &scheme.grades, &[]).unwrap();
            rule.result = result.to_string();
            rule.consequence = consequence.to_string();
            scheme.rules.push(rule);
        }
        scheme
    }

    fn one(counts: [u32; 4]) -> Vec<GroupTally> {
        vec![GroupTally {
            group: String::new(),
            counts: counts.to_vec(),
        }]
    }

    #[test]
    fn rules_at_their_boundaries() {
        let scheme = scheme(&[
            ("好+较好 >= 2/3", "合格", ""),
            ("差 > 1/3", "", "约谈提醒"),
            ("好+较好 < 2/3", "不合格", ""),
        ]);
        // Exactly two thirds: 合格. Exactly one third 差: not more than a third.
        let exact = scheme.decide(&one([4, 2, 0, 3]));
        assert_eq!(exact.result.as_deref(), Some("合格"));
        assert!(exact.consequences.is_empty(), "{exact:?}");
        // One ballot below two thirds, and 差 one past a third.
        let below = scheme.decide(&one([3, 2, 0, 4]));
        assert_eq!(below.result.as_deref(), Some("不合格"));
        assert_eq!(below.consequences, vec!["约谈提醒".to_string()]);
        assert_eq!(scheme.decide(&one([0, 0, 0, 0])), RatingOutcome::default());
    }

    #[test]
    fn groups_counted_apart() {
        let grades: Vec<String> = ["廉洁", "基本廉洁", "不廉洁"].map(String::from).to_vec();
        let groups: Vec<String> = ["县领导", "部门代表"].map(String::from).to_vec();
        let mut rule = RatingRule::parse("廉洁 >= 50%", Some("县领导"), &grades, &groups).unwrap();
        rule.result = "优秀".into();
        let scheme = RatingScheme {
            grades,
            groups,
            rules: vec![rule],
        };
        let tallies = |leaders: [u32; 3], others: [u32; 3]| {
            vec![
                GroupTally {
                    group: "县领导".into(),
                    counts: leaders.to_vec(),
                },
                GroupTally {
                    group: "部门代表".into(),
                    counts: others.to_vec(),
                },
            ]
        };
        // Half the county leaders: 优秀, whatever the others say.
        let outcome = scheme.decide(&tallies([2, 2, 0], [0, 10, 10]));
        assert_eq!(outcome.result.as_deref(), Some("优秀"));
        assert_eq!(scheme.decide(&tallies([1, 3, 0], [20, 0, 0])).result, None);
    }

    #[test]
    fn what_a_rule_cannot_be() {
        let grades: Vec<String> = DEFAULT_GRADES.map(String::from).to_vec();
        let parse = |when: &str, group: Option<&str>| RatingRule::parse(when, group, &grades, &[]);
        assert_eq!(parse("好 2/3", None), Err(RuleError::NoComparison));
        assert_eq!(
            parse("优 >= 2/3", None),
            Err(RuleError::UnknownGrade("优".into()))
        );
        assert_eq!(
            parse("好 >= 3/2", None),
            Err(RuleError::BadShare("3/2".into()))
        );
        assert_eq!(
            parse("好 >= 2/3", Some("县领导")),
            Err(RuleError::UnknownGroup("县领导".into()))
        );
        assert!(parse("好＋较好 ≥ 2/3", None).is_ok());
    }
}
