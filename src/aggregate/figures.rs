//! The figures of each part for each unit and for the district, from merged raw counts.
//!
//! The district value is always the ratio of summed counts, never an average of unit rates. A part's
//! unit-level elements are summed over the units that reported all of them (the coverage says how many);
//! its district-level elements come from the district's own figures; a "% of units" part counts the units
//! answering yes among those that answered.

use super::merge::Merged;
use super::values::{MergedValues, ReporterValues};
use crate::attainment::{Judgement, Observation, Status, judge};
use crate::catalogue::{Catalogue, Measure, Part, ReportLevel};
use crate::submission::{Data, ReporterId};
use serde::Serialize;
use std::sync::Arc;

/// A figure: summed counts, and how they stand against the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Summed numerator (`None`: nothing reported).
    pub numerator: Option<u64>,
    /// Summed denominator, for ratios.
    pub denominator: Option<u64>,
    /// The status and the level judged against.
    #[serde(skip)]
    pub judgement: Judgement,
    /// The denominator is under the part's small-number threshold ("số nhỏ").
    pub small: bool,
}

impl Figure {
    /// The value in the part's unit, rounded to `decimals` places, exactly (`None` when there is none).
    pub fn value_text(&self, factor: u64, decimals: u32) -> Option<String> {
        let numerator = self.numerator?;
        match self.denominator {
            None => Some(numerator.to_string()),
            Some(0) => None,
            Some(d) => Some(round_ratio(numerator as u128 * factor as u128, d as u128, decimals)),
        }
    }

    /// The value as a float, for spreadsheets and charts only (status is decided exactly elsewhere).
    pub fn value_f64(&self, factor: u64) -> Option<f64> {
        let numerator = self.numerator? as f64;
        match self.denominator {
            None => Some(numerator),
            Some(0) => None,
            Some(d) => Some(numerator * factor as f64 / d as f64),
        }
    }
}

/// `num / den` rounded half up to `decimals` places, written with a decimal point.
pub fn round_ratio(num: u128, den: u128, decimals: u32) -> String {
    let scale = 10u128.pow(decimals);
    let scaled = (num * scale * 2 + den) / (den * 2);
    if decimals == 0 {
        return scaled.to_string();
    }
    format!("{}.{:0width$}", scaled / scale, scaled % scale, width = decimals as usize)
}

/// One part's figures.
#[derive(Debug, Clone, Serialize)]
pub struct PartFigures {
    /// Part id.
    pub part: String,
    /// The district figure.
    pub district: Figure,
    /// Units that entered the district figure, and units expected.
    pub coverage: (usize, usize),
    /// Each expected unit's figure (none for parts that need district-level figures), by unit code (shared
    /// by every part: a national run has hundreds of thousands of unit figures).
    pub units: Vec<(Arc<str>, Figure)>,
    /// Units whose figure falls short of the level (small denominators left out).
    pub short: Vec<Arc<str>>,
}

fn count_of(values: &ReporterValues, code: &str) -> Option<u64> {
    match values.get(code) {
        Some(Merged::Value { data: Data::Count(n), .. }) => Some(*n),
        _ => None,
    }
}

fn yes_no_of(values: &ReporterValues, code: &str) -> Option<bool> {
    match values.get(code) {
        Some(Merged::Value { data: Data::YesNo(b), .. }) => Some(*b),
        _ => None,
    }
}

fn figure(part: &Part, year: u16, numerator: Option<u64>, denominator: Option<u64>) -> Figure {
    let observation = match numerator {
        None => Observation::Missing,
        Some(numerator) => Observation::Counts { numerator, denominator },
    };
    let judgement = judge(&part.levels, part.factor, year, &observation);
    let small = matches!((part.small_denominator, denominator), (Some(min), Some(d)) if d > 0 && d < min);
    Figure { numerator, denominator, judgement, small }
}

/// Whether a status is a shortfall worth acting on.
pub fn falls_short(status: Status) -> bool {
    matches!(status, Status::NotMet | Status::BelowNext(_) | Status::BelowPast(_))
}

/// The sums of a list of codes for one reporter, split by level: `None` when a code of that level is missing.
fn sums(catalogue: &Catalogue, values: &ReporterValues, codes: &[String], level: ReportLevel) -> Option<u64> {
    codes
        .iter()
        .filter(|c| catalogue.element(c).is_some_and(|e| e.level == level))
        .map(|c| count_of(values, c))
        .try_fold(0u64, |sum, count| count.map(|count| sum.saturating_add(count)))
}

/// Computes every part for the year.
pub fn compute(catalogue: &Catalogue, values: &MergedValues, year: u16) -> Vec<PartFigures> {
    // Each unit's values are found once, not once per part and code.
    let reporters: Vec<(Arc<str>, ReporterValues)> = catalogue
        .units_in(year)
        .map(|u| (Arc::from(u.code.as_str()), values.of(&ReporterId::of(&u.key()))))
        .collect();
    let district = values.of(&ReporterId::District);
    catalogue.parts().map(|part| part_figures(catalogue, &district, year, &reporters, part)).collect()
}

fn part_figures(
    catalogue: &Catalogue,
    district_values: &ReporterValues,
    year: u16,
    reporters: &[(Arc<str>, ReporterValues)],
    part: &Part,
) -> PartFigures {
    let level_of = |c: &String| catalogue.element(c).map(|e| e.level);
    let has_district =
        part.numerator.iter().chain(&part.denominator).any(|c| level_of(c) == Some(ReportLevel::District));
    let has_unit =
        part.numerator.iter().chain(&part.denominator).any(|c| level_of(c) == Some(ReportLevel::Unit));
    // Each unit's own figure.
    let mut unit_figures: Vec<(Arc<str>, Figure)> =
        Vec::with_capacity(if has_district { 0 } else { reporters.len() });
    let (mut num_sum, mut den_sum, mut covered) = (0u64, 0u64, 0usize);
    for (code, values) in reporters {
        let (numerator, denominator) = if part.unit == Measure::PercentUnits {
            match part.numerator.first().and_then(|c| yes_no_of(values, c)) {
                Some(answer) => (Some(u64::from(answer)), Some(1)),
                None => (None, None),
            }
        } else {
            let n = sums(catalogue, values, &part.numerator, ReportLevel::Unit);
            let d = if part.denominator.is_empty() {
                Some(0)
            } else {
                sums(catalogue, values, &part.denominator, ReportLevel::Unit)
            };
            match (n, d) {
                (Some(n), Some(d)) => (Some(n), (!part.denominator.is_empty()).then_some(d)),
                _ => (None, None),
            }
        };
        if has_unit && numerator.is_some() {
            covered += 1;
            // Counts are at most the catalogue's max_count each, so sums stay far below u64::MAX; saturating
            // rather than wrapping (release builds) or panicking (debug builds) if a catalogue says otherwise.
            num_sum = num_sum.saturating_add(numerator.unwrap_or(0));
            den_sum = den_sum.saturating_add(denominator.unwrap_or(0));
        }
        if !has_district {
            unit_figures.push((code.clone(), figure(part, year, numerator, denominator)));
        }
    }
    // The district's own figures, for district-level elements.
    let district_part = if has_district {
        let n = sums(catalogue, district_values, &part.numerator, ReportLevel::District);
        let d = sums(catalogue, district_values, &part.denominator, ReportLevel::District);
        match (n, d) {
            (Some(n), Some(d)) => Some((n, d)),
            _ => None,
        }
    } else {
        Some((0, 0))
    };
    let reported = (!has_unit || covered > 0) && district_part.is_some();
    // Coverage counts the units whose figures entered the district figure: none when there is no figure
    // (the district's own elements were not reported), whatever the units sent.
    let covered = if reported { covered } else { 0 };
    let (numerator, denominator) = match (reported, district_part) {
        (true, Some((n, d))) => (
            Some(num_sum + n),
            (part.unit.has_denominator() || part.unit == Measure::PercentUnits).then_some(den_sum + d),
        ),
        _ => (None, None),
    };
    let district = figure(part, year, numerator, denominator);
    let short = unit_figures
        .iter()
        .filter(|(_, f)| !f.small && falls_short(f.judgement.status))
        .map(|(code, _)| code.clone())
        .collect();
    let expected = if has_unit { reporters.len() } else { 0 };
    PartFigures { part: part.id.clone(), district, coverage: (covered, expected), units: unit_figures, short }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_round_exactly() {
        assert_eq!(round_ratio(7 * 100, 200, 2), "3.50");
        assert_eq!(round_ratio(2 * 1000, 3, 2), "666.67");
        assert_eq!(round_ratio(1, 8, 2), "0.13");
        assert_eq!(round_ratio(5, 1, 0), "5");
    }
}
