//! Plausibility against the same unit's previous year (`--previous`): a rate that doubled or halved on a
//! denominator large enough to judge is worth a second look.

use super::consistency::Counts;
use super::finding::{Finding, code};
use crate::catalogue::{Catalogue, Measure};
use crate::submission::{Data, ReporterId, Submission};
use std::collections::HashMap;

/// Denominator under which rates are not compared, when the part sets none.
const DEFAULT_SMALL: u64 = 20;

/// Last year's counts, by reporter and element.
#[derive(Debug, Default, Clone)]
pub struct Previous {
    counts: HashMap<(ReporterId, String), u64>,
    /// The year they are for, when the workbooks agree.
    pub year: Option<u16>,
}

impl Previous {
    /// Collects the counts of last year's checked submissions.
    pub fn from_submissions<'a>(subs: impl IntoIterator<Item = &'a Submission>) -> Previous {
        let mut previous = Previous::default();
        for sub in subs {
            previous.year = previous.year.or(sub.year);
            for value in &sub.values {
                if let Data::Count(n) = value.data {
                    previous.counts.insert((value.reporter.clone(), value.code.clone()), n);
                }
            }
        }
        previous
    }

    fn sum(&self, reporter: &ReporterId, codes: &[String]) -> Option<u64> {
        codes.iter().map(|c| self.counts.get(&(reporter.clone(), c.clone())).copied()).sum()
    }
}

/// Warns about parts whose rate changed by more than half from last year.
pub fn check_previous(
    file: &str,
    reporter: &ReporterId,
    counts: &Counts,
    previous: &Previous,
    catalogue: &Catalogue,
    out: &mut Vec<Finding>,
) {
    let now =
        |codes: &[String]| -> Option<u64> { codes.iter().map(|c| counts.get(c.as_str()).map(|v| v.0)).sum() };
    for part in catalogue.parts().filter(|p| p.unit != Measure::PercentUnits && !p.denominator.is_empty()) {
        let small = part.small_denominator.unwrap_or(DEFAULT_SMALL).max(1);
        let (Some(n1), Some(d1)) = (now(&part.numerator), now(&part.denominator)) else { continue };
        let (Some(n0), Some(d0)) =
            (previous.sum(reporter, &part.numerator), previous.sum(reporter, &part.denominator))
        else {
            continue;
        };
        if d0 < small || d1 < small {
            continue;
        }
        // Only a warning, so an approximation is fine here; attainment never uses it.
        let (r0, r1) =
            (n0 as f64 * part.factor as f64 / d0 as f64, n1 as f64 * part.factor as f64 / d1 as f64);
        let high = r0.max(r1);
        if high == 0.0 || (r1 - r0).abs() <= 0.5 * high || n0.max(n1) < 5 {
            continue;
        }
        let suffix = part.unit.suffix(crate::lang::Lang::Vi);
        let (en0, en1) = (crate::decimal::round_f64(r0, 2), crate::decimal::round_f64(r1, 2));
        let (vi0, vi1) = (en0.replace('.', ","), en1.replace('.', ","));
        let year = previous.year.map(|y| y.to_string()).unwrap_or_else(|| "trước".into());
        let at = counts[part.numerator[0].as_str()].1.position();
        out.push(
            Finding::warning(
                code::PREVIOUS_CHANGE,
                file,
                format!(
                    "{}: {} {} là {vi1}{suffix}, năm {year} là {vi0}{suffix}: thay đổi lớn, hãy kiểm tra lại số liệu (ô {}).",
                    reporter.name(catalogue),
                    part.id,
                    part.short,
                    at.address()
                ),
                format!(
                    "{}: {} is {en1}{suffix}, last year {en0}{suffix}: a large change, check the figures.",
                    reporter.name(catalogue),
                    part.id
                ),
            )
            .at(&at)
            .element(&part.numerator[0])
            .unit(Some(reporter.code(catalogue)))
            .found(format!("{vi1}{suffix}"))
            .expected(format!("≈ {vi0}{suffix}")),
        );
    }
}
