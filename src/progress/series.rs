//! Series across years, from one aggregation per year.

use super::assess::{Progress, Question, assess, project};
use crate::aggregate::{Aggregation, Figure, Merged};
use crate::attainment::{Status, YearLevel, level_for};
use crate::catalogue::{Catalogue, Measure, Part, ReportLevel, Unit};
use crate::submission::{Data, ReporterId};
use serde::Serialize;

/// One part across the years.
#[derive(Debug, Clone, Serialize)]
pub struct PartProgress {
    /// Part id.
    pub part: String,
    /// The district figure of each year aggregated.
    #[serde(skip)]
    pub figures: Vec<(u16, Figure)>,
    /// The years with a value, and the value in the part's unit.
    pub values: Vec<(u16, f64)>,
    /// The level judged against: the next milestone from the latest year (or the last one).
    #[serde(skip)]
    pub target: Option<YearLevel>,
    /// The assessment.
    pub progress: Progress,
    /// The value at each milestone if the trend goes on.
    pub projections: Vec<(u16, Option<f64>)>,
}

/// A unit of the latest year, with its earlier years over the same territory.
#[derive(Debug, Clone, Serialize)]
pub struct UnitSeries {
    /// Administrative code of the unit of the latest year.
    pub unit: String,
    /// Part id.
    pub part: String,
    /// (year, value) over the unit's territory, `None` when a unit of it did not report.
    pub values: Vec<(u16, Option<f64>)>,
}

/// Everything `plan progress` shows.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    /// The years aggregated, in order.
    pub years: Vec<u16>,
    /// Each part, in plan order.
    pub parts: Vec<PartProgress>,
    /// Per-unit series on the units of the latest year.
    pub units: Vec<UnitSeries>,
}

/// The units of `year` that make up the territory of `unit` (a unit of a later year).
pub fn territory<'a>(catalogue: &'a Catalogue, unit: &'a Unit, year: u16) -> Vec<&'a Unit> {
    if unit.reports_in(year) {
        return vec![unit];
    }
    let covered: Vec<&Unit> = unit.covers.iter().filter_map(|key| catalogue.unit_by_ref(key)).collect();
    covered.into_iter().flat_map(|u| territory(catalogue, u, year)).collect()
}

fn count(aggregation: &Aggregation, unit: &Unit, code: &str) -> Option<u64> {
    match aggregation.values.get(&ReporterId::of(&unit.key()), code) {
        Some(Merged::Value { data: Data::Count(n), .. }) => Some(*n),
        _ => None,
    }
}

/// A part's value over a set of units of one year: the ratio of summed counts, when every unit reported.
fn territory_value(aggregation: &Aggregation, part: &Part, units: &[&Unit]) -> Option<f64> {
    if units.is_empty() {
        return None;
    }
    let sum = |codes: &[String]| -> Option<u64> {
        units.iter().map(|u| codes.iter().map(|c| count(aggregation, u, c)).sum::<Option<u64>>()).sum()
    };
    let numerator = sum(&part.numerator)? as f64;
    if part.denominator.is_empty() {
        return Some(numerator);
    }
    let denominator = sum(&part.denominator)?;
    (denominator > 0).then(|| numerator * part.factor as f64 / denominator as f64)
}

/// Builds the series from one aggregation per year (in any order).
pub fn build(aggregations: &[Aggregation], catalogue: &Catalogue) -> Trend {
    let mut by_year: Vec<&Aggregation> = aggregations.iter().collect();
    by_year.sort_by_key(|a| a.year);
    let years: Vec<u16> = by_year.iter().map(|a| a.year).collect();
    let latest = by_year.last().copied();
    let mut parts = Vec::new();
    for (index, part) in catalogue.parts().enumerate() {
        let figures: Vec<(u16, Figure)> =
            by_year.iter().map(|a| (a.year, a.parts[index].district.clone())).collect();
        // A year whose counts contradict each other (numerator above denominator) is not a value.
        let values: Vec<(u16, f64)> = figures
            .iter()
            .filter(|(_, f)| f.judgement.status != Status::Implausible)
            .filter_map(|(y, f)| f.value_f64(part.factor).map(|v| (*y, v)))
            .collect();
        // The latest value is judged against the level of its own year (or the next milestone after it),
        // not against the level of the last year aggregated: a year without a value (nothing reported, a
        // zero denominator) says nothing of progress.
        let latest_year = values.last().map_or(catalogue.plan.end_year, |(y, _)| *y);
        let target = level_for(&part.levels, latest_year).map(|(level, _)| level.clone());
        let latest_status =
            by_year.iter().find(|a| a.year == latest_year).map(|a| a.parts[index].district.judgement.status);
        let progress = match (&target, latest_status) {
            (Some(level), Some(status)) => assess(&Question {
                series: &values,
                op: level.op,
                target: level.value.to_f64(),
                target_year: level.year.max(latest_year),
                latest_status: status,
            }),
            _ => Progress::without_rate(super::Assessment::InsufficientData),
        };
        let bounded = |v: f64| {
            if matches!(part.unit, Measure::Percent | Measure::PercentUnits) {
                v.clamp(0.0, 100.0)
            } else {
                v.max(0.0)
            }
        };
        let linear = progress.method == super::Method::Linear;
        let projections = catalogue
            .plan
            .milestones
            .iter()
            .map(|m| (*m, project(&values, *m, linear).map(bounded)))
            .collect();
        parts.push(PartProgress { part: part.id.clone(), figures, values, target, progress, projections });
    }
    let mut units = Vec::new();
    if let Some(latest) = latest {
        for unit in catalogue.units_in(latest.year) {
            for part in catalogue.parts().filter(|p| p.unit != Measure::PercentUnits) {
                let unit_level = part
                    .numerator
                    .iter()
                    .chain(&part.denominator)
                    .all(|c| catalogue.element(c).is_some_and(|e| e.level == ReportLevel::Unit));
                if !unit_level {
                    continue;
                }
                let values = by_year
                    .iter()
                    .map(|a| (a.year, territory_value(a, part, &territory(catalogue, unit, a.year))))
                    .collect();
                units.push(UnitSeries { unit: unit.code.clone(), part: part.id.clone(), values });
            }
        }
    }
    Trend { years, parts, units }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::aggregate;
    use crate::aggregate::tests::count_input;
    use crate::catalogue::Date;

    /// The aggregation of one unit's education workbook of `year` with the given counts.
    fn year_of(catalogue: &Catalogue, unit: &str, year: u16, values: &[(&str, u64)]) -> Aggregation {
        let reporter = ReporterId::of(&catalogue.unit(unit, year).unwrap().key());
        let date = Date::new(year.into(), 10, 1);
        let input = count_input(&format!("{year}.xlsx"), "gd-dt", reporter, year, date, values);
        aggregate(vec![input], catalogue, year, false)
    }

    #[test]
    fn the_latest_value_is_judged_against_the_level_of_its_own_year() {
        // Regression (0ccbedf): the latest value was judged against the level of the last year aggregated,
        // so 18.2 exactly on its 2025 level showed "Chậm tiến độ" instead of on track.
        // 18.2 "dưới 0,14% vào năm 2025": 0,20 % in 2021, exactly 0,14 % in 2025 (56 of 40,000), then two
        // years without pupils (zero denominator, no value). The latest value is 2025's: judged against
        // 2025's level it reaches it exactly on time (R = 1), not against 2030's.
        let catalogue = Catalogue::embedded();
        let dropout = |out: u64, pupils: u64| [("hs_thcs_bo_hoc", out), ("hs_thcs", pupils)];
        let aggregations = [
            year_of(&catalogue, "18520", 2021, &dropout(80, 40_000)),
            year_of(&catalogue, "18550", 2025, &dropout(56, 40_000)),
            year_of(&catalogue, "18550", 2026, &dropout(0, 0)),
            year_of(&catalogue, "18550", 2027, &dropout(0, 0)),
        ];
        let trend = build(&aggregations, &catalogue);
        let part = trend.parts.iter().find(|p| p.part == "18.2").unwrap();
        assert_eq!(part.values.len(), 2);
        assert_eq!(part.target.as_ref().map(|l| l.year), Some(2025));
        assert_eq!(part.progress.assessment, super::super::Assessment::OnTrack);
        let ratio = part.progress.ratio.unwrap();
        assert!((ratio - 1.0).abs() < 1e-9, "{ratio}");
    }

    #[test]
    fn the_merged_xa_cover_the_old_units() {
        let catalogue = Catalogue::embedded();
        let huong_do = catalogue.unit("18550", 2025).unwrap();
        let names: Vec<&str> =
            territory(&catalogue, huong_do, 2023).iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["Lộc Yên", "Hương Trà", "Hương Đô"]);
        assert_eq!(territory(&catalogue, huong_do, 2026).len(), 1);
        // 21 old units less Phú Phong, whose successor is not on record.
        let covered: usize = catalogue.units_in(2025).map(|u| territory(&catalogue, u, 2024).len()).sum();
        assert_eq!(covered, 20);
    }
}
