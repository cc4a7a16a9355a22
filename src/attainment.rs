//! Whether a part of a target is met in a year: one pure function, [`judge`], with exact arithmetic.
//!
//! A part's value is `numerator × factor / denominator` (or the numerator alone for a count of cases). A
//! level `op value` is met when that value compares true, decided on integers:
//! `numerator × factor × 10^scale  op  mantissa × denominator`. No floating point is involved, so 7 of 200
//! is exactly 3,5 % and meets "xuống 3,5%".

use crate::decimal::Decimal;
use crate::lang::Lang;
use serde::Serialize;
use std::cmp::Ordering;
use std::sync::Arc;

/// A comparator, as worded in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Op {
    /// "dưới X": strictly below.
    #[serde(rename = "<")]
    Lt,
    /// "xuống X", "xuống còn X": at most.
    #[serde(rename = "<=")]
    Le,
    /// "trên X": strictly above.
    #[serde(rename = ">")]
    Gt,
    /// "đạt X", "phấn đấu X", "duy trì X": at least.
    #[serde(rename = ">=")]
    Ge,
    /// "không có": exactly (zero cases).
    #[serde(rename = "==")]
    Eq,
}

impl Op {
    /// Parses the catalogue's spelling: `<`, `<=`, `>`, `>=`, `==`.
    pub fn parse(text: &str) -> Option<Op> {
        Some(match text {
            "<" => Op::Lt,
            "<=" => Op::Le,
            ">" => Op::Gt,
            ">=" => Op::Ge,
            "==" => Op::Eq,
            _ => return None,
        })
    }

    /// The catalogue's spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Eq => "==",
        }
    }

    /// The mathematical sign for people: `<`, `≤`, `>`, `≥`, `=`.
    pub fn symbol(&self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
            Op::Eq => "=",
        }
    }

    /// Whether `left op right` holds for an ordering of `left` against `right`.
    pub fn holds(&self, ordering: Ordering) -> bool {
        match self {
            Op::Lt => ordering == Ordering::Less,
            Op::Le => ordering != Ordering::Greater,
            Op::Gt => ordering == Ordering::Greater,
            Op::Ge => ordering != Ordering::Less,
            Op::Eq => ordering == Ordering::Equal,
        }
    }

    /// True for comparators where a lower value is better.
    pub fn lower_is_better(&self) -> bool {
        matches!(self, Op::Lt | Op::Le | Op::Eq)
    }
}

/// The level a part must reach in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearLevel {
    /// The year the level applies to.
    pub year: u16,
    /// The comparator.
    pub op: Op,
    /// The level, in the part's unit (90 for 90 %).
    pub value: Decimal,
    /// The span when the level is held over several years ("duy trì", "giai đoạn 2025–2030"); `None` for a
    /// milestone of a single year.
    pub held: Option<(u16, u16)>,
    /// The plan's words for this level (shared: every unit's judgement holds the level it used).
    pub wording: Arc<str>,
}

/// What was reported for a part, for one unit or the whole district.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observation {
    /// Nothing was reported for any element of the part.
    Missing,
    /// Summed counts. `denominator` is `None` for a part that counts cases.
    Counts {
        /// Sum of the numerator's elements.
        numerator: u64,
        /// Sum of the denominator's elements, when the part is a ratio.
        denominator: Option<u64>,
    },
}

/// How the year's value stands against the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "milestone", rename_all = "snake_case")]
pub enum Status {
    /// A level applies this year and the value meets it ("Đạt").
    Met,
    /// A level applies this year and the value misses it ("Chưa đạt").
    NotMet,
    /// No level this year; the value already meets the next milestone's ("Đã đạt mức 2025").
    MeetsNext(u16),
    /// No level this year; the value does not yet meet the next milestone's ("Chưa đạt mức 2025").
    BelowNext(u16),
    /// After the last milestone, with nothing held: the value still meets that milestone's level.
    MeetsPast(u16),
    /// After the last milestone, with nothing held: the value no longer meets that milestone's level.
    BelowPast(u16),
    /// The denominator is zero: nothing to compute ("Không phát sinh").
    NotApplicable,
    /// Nothing was reported ("Thiếu số liệu").
    NoData,
    /// The numerator exceeds the denominator (1,300 vaccinated of 1,200 children): the counts contradict
    /// each other, so the value is not judged but flagged.
    Implausible,
    /// The part has no level at all (an unsound catalogue; `catalogue check` refuses it).
    NoTarget,
}

impl Status {
    /// The status as printed, in `lang`.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Status::Met => lang.pick("Đạt", "Met").into(),
            Status::NotMet => lang.pick("Chưa đạt", "Not met").into(),
            Status::MeetsNext(y) => match lang {
                Lang::Vi => format!("Đã đạt mức {y}"),
                Lang::En => format!("Already meets the {y} level"),
            },
            Status::BelowNext(y) => match lang {
                Lang::Vi => format!("Chưa đạt mức {y}"),
                Lang::En => format!("Below the {y} level"),
            },
            Status::MeetsPast(y) => match lang {
                Lang::Vi => format!("Đạt mức {y} (mốc đã qua)"),
                Lang::En => format!("Meets the {y} level (past milestone)"),
            },
            Status::BelowPast(y) => match lang {
                Lang::Vi => format!("Chưa đạt mức {y} (mốc đã qua)"),
                Lang::En => format!("Below the {y} level (past milestone)"),
            },
            Status::NotApplicable => lang.pick("Không phát sinh", "Did not occur").into(),
            Status::NoData => lang.pick("Thiếu số liệu", "No data").into(),
            Status::Implausible => lang
                .pick("Không đánh giá: tử số lớn hơn mẫu số", "Not judged: numerator above denominator")
                .into(),
            Status::NoTarget => lang.pick("Không có mục tiêu", "No target").into(),
        }
    }
}

/// The outcome of [`judge`]: the status and the level it was judged against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// How the value stands.
    pub status: Status,
    /// The level used: this year's, the next milestone's, or the last one's. `None` when the part has none.
    pub level: Option<YearLevel>,
}

/// Chooses the level a year is judged against: the year's own; else the earliest later one; else the
/// latest earlier one. Returns the level and where it lies relative to `year`.
pub fn level_for(levels: &[YearLevel], year: u16) -> Option<(&YearLevel, Ordering)> {
    if let Some(level) = levels.iter().find(|l| l.year == year) {
        return Some((level, Ordering::Equal));
    }
    if let Some(next) = levels.iter().filter(|l| l.year > year).min_by_key(|l| l.year) {
        return Some((next, Ordering::Greater));
    }
    levels.iter().filter(|l| l.year < year).max_by_key(|l| l.year).map(|last| (last, Ordering::Less))
}

/// Compares `numerator × factor / denominator` (or `numerator` when there is no denominator) with `level`
/// exactly. `denominator` must not be zero.
pub fn compare(numerator: u64, denominator: Option<u64>, factor: u64, level: &Decimal) -> Ordering {
    // value = numerator × factor / denominator; level = mantissa / 10^scale.
    // Compare numerator × factor × 10^scale with mantissa × denominator, all non-negative but the mantissa.
    let left = numerator as i128 * factor as i128 * level.denominator();
    let right = level.mantissa as i128 * denominator.unwrap_or(1) as i128;
    left.cmp(&right)
}

/// Decides the status of a part in `year` from what was observed.
///
/// `levels` holds one entry per year that has a level (as the catalogue expands them); `factor` is the
/// part's multiplier (100 for %, 1000 for ‰, 1 for a count of cases).
pub fn judge(levels: &[YearLevel], factor: u64, year: u16, observation: &Observation) -> Judgement {
    let Some((level, position)) = level_for(levels, year) else {
        return Judgement { status: Status::NoTarget, level: None };
    };
    let level_used = Some(level.clone());
    let (numerator, denominator) = match *observation {
        Observation::Missing => return Judgement { status: Status::NoData, level: level_used },
        Observation::Counts { denominator: Some(0), .. } => {
            return Judgement { status: Status::NotApplicable, level: level_used };
        }
        Observation::Counts { numerator, denominator: Some(d) } if numerator > d => {
            return Judgement { status: Status::Implausible, level: level_used };
        }
        Observation::Counts { numerator, denominator } => (numerator, denominator),
    };
    let meets = level.op.holds(compare(numerator, denominator, factor, &level.value));
    let status = match (position, meets) {
        (Ordering::Equal, true) => Status::Met,
        (Ordering::Equal, false) => Status::NotMet,
        (Ordering::Greater, true) => Status::MeetsNext(level.year),
        (Ordering::Greater, false) => Status::BelowNext(level.year),
        (Ordering::Less, true) => Status::MeetsPast(level.year),
        (Ordering::Less, false) => Status::BelowPast(level.year),
    };
    Judgement { status, level: level_used }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(year: u16, op: Op, value: &str) -> YearLevel {
        YearLevel { year, op, value: Decimal::parse(value).unwrap(), held: None, wording: "".into() }
    }

    fn counts(numerator: u64, denominator: u64) -> Observation {
        Observation::Counts { numerator, denominator: Some(denominator) }
    }

    fn status(levels: &[YearLevel], factor: u64, year: u16, obs: Observation) -> Status {
        judge(levels, factor, year, &obs).status
    }

    #[test]
    fn strictly_below_excludes_the_boundary() {
        // "dưới 3‰": 3 deaths in 1000 births is 3,0‰ and does not meet it; 2999 of 1 000 000 does.
        let levels = [level(2025, Op::Lt, "3")];
        assert_eq!(status(&levels, 1000, 2025, counts(3, 1000)), Status::NotMet);
        assert_eq!(status(&levels, 1000, 2025, counts(2999, 1_000_000)), Status::Met);
        assert_eq!(status(&levels, 1000, 2025, counts(3001, 1_000_000)), Status::NotMet);
    }

    #[test]
    fn at_most_includes_the_boundary() {
        // "xuống 4,5%": 9 of 200 is exactly 4,5 %.
        let levels = [level(2025, Op::Le, "4,5")];
        assert_eq!(status(&levels, 100, 2025, counts(9, 200)), Status::Met);
        assert_eq!(status(&levels, 100, 2025, counts(4501, 100_000)), Status::NotMet);
        // 7 of 200 is exactly 3,5 %, although 7.0 / 200.0 * 100.0 is 3.5000000000000004 in f64.
        assert!(std::hint::black_box(7.0_f64) / 200.0 * 100.0 > 3.5);
        assert_eq!(status(&[level(2030, Op::Le, "3,5")], 100, 2030, counts(7, 200)), Status::Met);
    }

    #[test]
    fn strictly_above_excludes_the_boundary() {
        // "trên 95%": 95 of 100 does not meet it; 951 of 1000 does.
        let levels = [level(2025, Op::Gt, "95")];
        assert_eq!(status(&levels, 100, 2025, counts(95, 100)), Status::NotMet);
        assert_eq!(status(&levels, 100, 2025, counts(951, 1000)), Status::Met);
    }

    #[test]
    fn at_least_includes_the_boundary() {
        // "đạt 90%": 90 of 100 meets it, 899 of 1000 does not.
        let levels = [level(2025, Op::Ge, "90")];
        assert_eq!(status(&levels, 100, 2025, counts(90, 100)), Status::Met);
        assert_eq!(status(&levels, 100, 2025, counts(899, 1000)), Status::NotMet);
        // 98,5 % of 200 is 197.
        let birth = [level(2025, Op::Ge, "98,5")];
        assert_eq!(status(&birth, 100, 2025, counts(197, 200)), Status::Met);
        assert_eq!(status(&birth, 100, 2025, counts(196, 200)), Status::NotMet);
    }

    #[test]
    fn zero_cases_means_exactly_zero() {
        let levels = [level(2030, Op::Eq, "0")];
        let none = Observation::Counts { numerator: 0, denominator: None };
        let one = Observation::Counts { numerator: 1, denominator: None };
        assert_eq!(status(&levels, 1, 2030, none), Status::Met);
        assert_eq!(status(&levels, 1, 2030, one), Status::NotMet);
        // Before 2030 the count is compared with the 2030 level, said as such.
        assert_eq!(status(&levels, 1, 2023, one), Status::BelowNext(2030));
        assert_eq!(status(&levels, 1, 2023, none), Status::MeetsNext(2030));
    }

    #[test]
    fn per_hundred_thousand_at_the_boundary() {
        // "xuống còn 16/100.000": 4 deaths among 25 000 children is exactly 16.
        let levels = [level(2025, Op::Le, "16")];
        assert_eq!(status(&levels, 100_000, 2025, counts(4, 25_000)), Status::Met);
        assert_eq!(status(&levels, 100_000, 2025, counts(5, 25_000)), Status::NotMet);
    }

    #[test]
    fn between_milestones_uses_the_next_and_says_so() {
        let levels = [level(2025, Op::Lt, "3"), level(2030, Op::Lt, "2,8")];
        let judgement = judge(&levels, 1000, 2023, &counts(2, 1000));
        assert_eq!(judgement.status, Status::MeetsNext(2025));
        assert_eq!(judgement.level.unwrap().year, 2025);
        assert_eq!(status(&levels, 1000, 2027, counts(29, 10_000)), Status::BelowNext(2030));
        assert_eq!(status(&levels, 1000, 2027, counts(2, 1000)), Status::MeetsNext(2030));
        assert_eq!(Status::MeetsNext(2025).label(Lang::Vi), "Đã đạt mức 2025");
        assert_eq!(Status::BelowNext(2025).label(Lang::Vi), "Chưa đạt mức 2025");
    }

    #[test]
    fn after_the_last_milestone_compares_with_it_and_says_so() {
        let levels = [level(2025, Op::Ge, "70")];
        assert_eq!(status(&levels, 100, 2027, counts(7, 10)), Status::MeetsPast(2025));
        assert_eq!(status(&levels, 100, 2027, counts(6, 10)), Status::BelowPast(2025));
        assert_eq!(Status::BelowPast(2025).label(Lang::Vi), "Chưa đạt mức 2025 (mốc đã qua)");
    }

    #[test]
    fn zero_denominator_and_missing_data_are_not_rates() {
        let levels = [level(2025, Op::Ge, "100")];
        assert_eq!(status(&levels, 100, 2025, counts(0, 0)), Status::NotApplicable);
        assert_eq!(status(&levels, 100, 2025, Observation::Missing), Status::NoData);
        assert_eq!(Status::NotApplicable.label(Lang::Vi), "Không phát sinh");
        assert_eq!(Status::NoData.label(Lang::Vi), "Thiếu số liệu");
        assert_eq!(judge(&[], 100, 2025, &counts(1, 2)).status, Status::NoTarget);
    }

    #[test]
    fn a_numerator_above_its_denominator_is_never_judged() {
        // Regression (597161f): 1,300 vaccinated of 1,200 children was judged "Đạt".
        // 1,300 vaccinated of 1,200 children is 108,33 %: it would "meet" any level, but the counts
        // contradict each other. On the boundary (all 1,200) it is judged as usual.
        let levels = [level(2030, Op::Ge, "98")];
        assert_eq!(status(&levels, 100, 2030, counts(1300, 1200)), Status::Implausible);
        assert_eq!(status(&levels, 100, 2030, counts(1200, 1200)), Status::Met);
        assert_eq!(status(&levels, 100, 2024, counts(1201, 1200)), Status::Implausible);
    }
}
