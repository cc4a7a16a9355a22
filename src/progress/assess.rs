//! The progress measure of Statistics Canada and Open SDG, as an assessment per part.
//!
//! With the baseline value `x_b` in year `b` (the first year with data), the latest value `x_t` in year `t`
//! and the target level `x*` of the next milestone `T`:
//!
//! - observed rate `CR_a = (x_t / x_b)^(1/(t−b)) − 1`, required rate `CR_r = (x* / x_b)^(1/(T−b)) − 1`;
//! - `R = direction × CR_a / |CR_r|`, with direction +1 when higher is better and −1 when lower is better;
//! - latest value already meets the level (exact comparison) → **Đã đạt**; R ≥ 0,95 → **Đúng tiến độ**;
//!   0,60 ≤ R < 0,95 → **Cần tăng tốc**; 0 ≤ R < 0,60 → **Chậm tiến độ**; R < 0 → **Đi lùi**; fewer than
//!   two years with data → **Chưa đủ số liệu**.
//!
//! Explicit rules where the compound rate does not exist (no 0.001 substitution): when the baseline, the
//! latest value or the target is 0 (targets of zero cases, a first year without a case), the rates are
//! linear instead: `(x_t − x_b)/(t − b)` and `(x* − x_b)/(T − b)`. When the required change is zero (the
//! baseline already sat on the level — a part at 100 % that must stay there), R cannot be formed: a move in
//! the right direction or none is **Đúng tiến độ**, a move away is **Đi lùi**.

use crate::attainment::{Op, Status};
use crate::lang::Lang;
use serde::Serialize;

/// The assessment of a part's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    /// The latest value already meets the level.
    Achieved,
    /// R ≥ 0,95.
    OnTrack,
    /// 0,60 ≤ R < 0,95.
    Accelerate,
    /// 0 ≤ R < 0,60.
    Slow,
    /// R < 0: moving away from the level.
    Regressing,
    /// Fewer than two years with data.
    InsufficientData,
}

impl Assessment {
    /// The assessment in words, in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        match self {
            Assessment::Achieved => lang.pick("Đã đạt", "Achieved"),
            Assessment::OnTrack => lang.pick("Đúng tiến độ", "On track"),
            Assessment::Accelerate => lang.pick("Cần tăng tốc", "Needs acceleration"),
            Assessment::Slow => lang.pick("Chậm tiến độ", "Slow progress"),
            Assessment::Regressing => lang.pick("Đi lùi", "Moving away"),
            Assessment::InsufficientData => lang.pick("Chưa đủ số liệu", "Not enough data"),
        }
    }
}

/// How the rates were computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Compound annual rates.
    Compound,
    /// Linear annual changes (a zero baseline, value or target).
    Linear,
    /// No rate: met already, too few years, or no change required.
    None,
}

/// The outcome for one part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// The assessment.
    pub assessment: Assessment,
    /// The ratio R, when it was formed.
    pub ratio: Option<f64>,
    /// The rates used.
    pub method: Method,
    /// Observed annual rate (compound) or change (linear).
    pub observed: Option<f64>,
    /// Required annual rate or change.
    pub required: Option<f64>,
}

impl Progress {
    /// An assessment made without a rate: met already, too few years, or no level to judge against.
    pub fn without_rate(assessment: Assessment) -> Progress {
        Progress { assessment, ratio: None, method: Method::None, observed: None, required: None }
    }
}

/// What the assessment needs: the series, the level of the next milestone, and whether the latest value
/// already meets it (decided exactly by [`crate::attainment::judge`]).
#[derive(Debug, Clone)]
pub struct Question<'a> {
    /// (year, value) for the years with a value, in year order.
    pub series: &'a [(u16, f64)],
    /// The comparator of the level.
    pub op: Op,
    /// The level, in the part's unit.
    pub target: f64,
    /// The year of the level.
    pub target_year: u16,
    /// The exact status of the latest year.
    pub latest_status: Status,
}

fn classify(ratio: f64) -> Assessment {
    if ratio >= 0.95 {
        Assessment::OnTrack
    } else if ratio >= 0.60 {
        Assessment::Accelerate
    } else if ratio >= 0.0 {
        Assessment::Slow
    } else {
        Assessment::Regressing
    }
}

/// Assesses a part.
pub fn assess(q: &Question) -> Progress {
    let none = Progress::without_rate;
    if matches!(q.latest_status, Status::Met | Status::MeetsNext(_) | Status::MeetsPast(_)) {
        return none(Assessment::Achieved);
    }
    let (Some(&(b, xb)), Some(&(t, xt))) = (q.series.first(), q.series.last()) else {
        return none(Assessment::InsufficientData);
    };
    if q.series.len() < 2 || t <= b {
        return none(Assessment::InsufficientData);
    }
    let direction = if q.op.lower_is_better() { -1.0 } else { 1.0 };
    let span_t = (t - b) as f64;
    let span_target = q.target_year.saturating_sub(b).max(1) as f64;
    let compound = xb > 0.0 && xt > 0.0 && q.target > 0.0;
    let (observed, required, method) = if compound {
        ((xt / xb).powf(1.0 / span_t) - 1.0, (q.target / xb).powf(1.0 / span_target) - 1.0, Method::Compound)
    } else {
        ((xt - xb) / span_t, (q.target - xb) / span_target, Method::Linear)
    };
    if required == 0.0 {
        let assessment =
            if direction * observed >= 0.0 { Assessment::OnTrack } else { Assessment::Regressing };
        return Progress {
            assessment,
            ratio: None,
            method,
            observed: Some(observed),
            required: Some(required),
        };
    }
    let ratio = direction * observed / required.abs();
    Progress {
        assessment: classify(ratio),
        ratio: Some(ratio),
        method,
        observed: Some(observed),
        required: Some(required),
    }
}

/// The value at `year` if the observed trend goes on: compound from the baseline, or linear from the
/// latest value when `linear` (the assessment used linear rates) or a value is 0. `None` without two years
/// of data.
pub fn project(series: &[(u16, f64)], year: u16, linear: bool) -> Option<f64> {
    let (&(b, xb), &(t, xt)) = (series.first()?, series.last()?);
    if t <= b {
        return None;
    }
    let span = (t - b) as f64;
    if !linear && xb > 0.0 && xt > 0.0 {
        Some(xb * (xt / xb).powf((year as f64 - b as f64) / span))
    } else {
        Some((xt + (xt - xb) / span * (year as f64 - t as f64)).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(series: &[(u16, f64)], op: Op, target: f64, status: Status) -> Progress {
        assess(&Question { series, op, target, target_year: 2025, latest_status: status })
    }

    #[test]
    fn achieved_when_the_latest_value_meets_the_level() {
        let p = q(&[(2021, 90.0), (2023, 91.0)], Op::Ge, 90.0, Status::MeetsNext(2025));
        assert_eq!(p.assessment, Assessment::Achieved);
    }

    #[test]
    fn on_track_accelerate_slow_and_regressing_by_the_ratio() {
        // Required: 70 → 80 by 2025 from 2021: (80/70)^(1/4) − 1 = 3,39 % a year.
        let series = |latest: f64| [(2021, 70.0), (2023, latest)];
        let below = Status::BelowNext(2025);
        // Observed 3,5 %/year: R ≈ 1,03.
        assert_eq!(q(&series(74.99), Op::Ge, 80.0, below).assessment, Assessment::OnTrack);
        // Observed 2,5 %/year: R ≈ 0,74.
        assert_eq!(q(&series(73.54), Op::Ge, 80.0, below).assessment, Assessment::Accelerate);
        // Observed 1 %/year: R ≈ 0,30.
        assert_eq!(q(&series(71.41), Op::Ge, 80.0, below).assessment, Assessment::Slow);
        assert_eq!(q(&series(68.0), Op::Ge, 80.0, below).assessment, Assessment::Regressing);
        let p = q(&series(73.54), Op::Ge, 80.0, below);
        assert_eq!(p.method, Method::Compound);
        assert!((p.ratio.unwrap() - 0.743).abs() < 0.01, "{p:?}");
    }

    #[test]
    fn lower_is_better_uses_the_direction() {
        // Mortality 4 ‰ → 3 ‰ by 2025 needs −6,9 %/year; 4 → 3,4 in two years is −7,8 %/year: on track.
        let p = q(&[(2021, 4.0), (2023, 3.4)], Op::Lt, 3.0, Status::BelowNext(2025));
        assert_eq!(p.assessment, Assessment::OnTrack);
        // 4 → 3,5 is −6,5 %/year: R ≈ 0,93.
        let p = q(&[(2021, 4.0), (2023, 3.5)], Op::Lt, 3.0, Status::BelowNext(2025));
        assert_eq!(p.assessment, Assessment::Accelerate);
        let p = q(&[(2021, 4.0), (2023, 4.4)], Op::Lt, 3.0, Status::BelowNext(2025));
        assert_eq!(p.assessment, Assessment::Regressing);
    }

    #[test]
    fn zero_targets_and_zero_bases_use_linear_rates() {
        // Cases 4 → 2 in two years, target 0 by 2025: required −1/year, observed −1/year: on track.
        let p = q(&[(2021, 4.0), (2023, 2.0)], Op::Eq, 0.0, Status::BelowNext(2025));
        assert_eq!((p.assessment, p.method), (Assessment::OnTrack, Method::Linear));
        // A zero baseline then a case: moving away from zero.
        let p = q(&[(2021, 0.0), (2023, 1.0)], Op::Eq, 0.0, Status::BelowNext(2025));
        assert_eq!((p.assessment, p.method), (Assessment::Regressing, Method::Linear));
        // A zero baseline for a rate that must rise to 30 by 2025 (7,5 a year): 0 → 15 in two years.
        let p = q(&[(2021, 0.0), (2023, 15.0)], Op::Ge, 30.0, Status::BelowNext(2025));
        assert_eq!((p.assessment, p.method), (Assessment::OnTrack, Method::Linear));
    }

    #[test]
    fn a_part_that_must_stay_at_100_percent() {
        // Baseline on the level, then a drop: no change was required, the drop moves away.
        let p = q(&[(2021, 100.0), (2023, 99.0)], Op::Ge, 100.0, Status::NotMet);
        assert_eq!((p.assessment, p.ratio), (Assessment::Regressing, None));
        let p = q(&[(2021, 100.0), (2023, 100.0)], Op::Ge, 100.0, Status::Met);
        assert_eq!(p.assessment, Assessment::Achieved);
    }

    #[test]
    fn one_year_that_meets_its_level_is_achieved() {
        // The status is exact and needs no trend: one year on the level is "Đã đạt", not "Chưa đủ số liệu".
        let p = q(&[(2023, 91.0)], Op::Ge, 90.0, Status::MeetsNext(2025));
        assert_eq!(p.assessment, Assessment::Achieved);
    }

    #[test]
    fn one_year_is_not_enough() {
        assert_eq!(
            q(&[(2023, 70.0)], Op::Ge, 80.0, Status::BelowNext(2025)).assessment,
            Assessment::InsufficientData
        );
        assert_eq!(q(&[], Op::Ge, 80.0, Status::NoData).assessment, Assessment::InsufficientData);
    }

    #[test]
    fn projections_follow_the_trend() {
        let series = [(2021, 70.0), (2023, 73.5)];
        let p2025 = project(&series, 2025, false).unwrap();
        assert!((p2025 - 77.175).abs() < 1e-9, "{p2025}");
        assert_eq!(project(&[(2021, 0.0), (2023, 2.0)], 2025, false), Some(4.0));
        // Halving every two years, compounded: 4 × 0,5^(9/2) in 2030.
        assert!((project(&[(2021, 4.0), (2023, 2.0)], 2030, false).unwrap() - 0.1768).abs() < 1e-4);
        // Towards a zero target the rates are linear: 4 → 2 in two years reaches 0 by 2025.
        assert_eq!(project(&[(2021, 4.0), (2023, 2.0)], 2030, true), Some(0.0));
        assert_eq!(project(&[(2021, 0.0), (2023, 3.0)], 2030, false), Some(13.5));
        assert_eq!(project(&[(2023, 2.0)], 2025, false), None);
    }
}
