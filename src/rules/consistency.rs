//! Consistency between the counts of one reporter: each numerator ≤ its denominator, and the catalogue's
//! rules. A check runs only when every count it needs is there.

use super::finding::{Finding, code};
use crate::catalogue::{Catalogue, Measure};
use crate::expr::Ratio;
use crate::lang::Lang;
use crate::submission::{Data, Position, ReporterId, Submission};
use std::collections::{BTreeMap, HashMap};

/// The counts of one reporter, each with its cell.
pub type Counts<'a> = HashMap<&'a str, (u64, &'a Position)>;

/// Counts by reporter, in a stable order.
pub fn counts_by_reporter(sub: &Submission) -> BTreeMap<&ReporterId, Counts<'_>> {
    let mut map: BTreeMap<&ReporterId, Counts> = BTreeMap::new();
    for value in &sub.values {
        if let Data::Count(n) = value.data {
            map.entry(&value.reporter).or_default().insert(value.code.as_str(), (n, &value.at));
        }
    }
    map
}

/// An element's label in `lang` (its code when the catalogue has no such element).
fn label<'a>(catalogue: &'a Catalogue, code: &'a str, lang: Lang) -> &'a str {
    catalogue.element(code).map_or(code, |e| e.label_in(lang))
}

/// Checks one reporter's counts.
pub fn check_counts(
    file: &str,
    reporter: &ReporterId,
    counts: &Counts,
    catalogue: &Catalogue,
    out: &mut Vec<Finding>,
) {
    let unit = Some(reporter.code(catalogue));
    let who = reporter.name(catalogue);
    let sum =
        |codes: &[String]| -> Option<u64> { codes.iter().map(|c| counts.get(c.as_str()).map(|v| v.0)).sum() };
    for part in catalogue.parts().filter(|p| p.unit != Measure::PercentUnits && !p.denominator.is_empty()) {
        let (Some(numerator), Some(denominator)) = (sum(&part.numerator), sum(&part.denominator)) else {
            continue;
        };
        if numerator <= denominator {
            continue;
        }
        let first = counts[part.numerator[0].as_str()].1;
        let names = |codes: &[String]| {
            codes
                .iter()
                .map(|c| format!("«{}»", label(catalogue, c, Lang::Vi)))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let names_en = |codes: &[String]| {
            codes
                .iter()
                .map(|c| format!("«{}»", label(catalogue, c, Lang::En)))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let cells = |codes: &[String]| {
            codes.iter().map(|c| counts[c.as_str()].1.address()).collect::<Vec<_>>().join(", ")
        };
        out.push(
            Finding::error(
                code::NUMERATOR_ABOVE_DENOMINATOR,
                file,
                format!(
                    "{who}: {} ({numerator}, ô {}) lớn hơn {} ({denominator}, ô {}), không thể có (chỉ tiêu {}). Hãy kiểm tra lại các ô này.",
                    names(&part.numerator),
                    cells(&part.numerator),
                    names(&part.denominator),
                    cells(&part.denominator),
                    part.id
                ),
                format!(
                    "{who}: {} ({numerator}, cell {}) is larger than {} ({denominator}, cell {}), which cannot be (part {}). Check these cells.",
                    names_en(&part.numerator),
                    cells(&part.numerator),
                    names_en(&part.denominator),
                    cells(&part.denominator),
                    part.id
                ),
            )
            .at(first)
            .element(&part.numerator[0])
            .unit(unit)
            .found(format!("{numerator} > {denominator}"))
            .expected(format!("≤ {denominator}")),
        );
    }
    for rule in &catalogue.rules {
        let lookup = |code: &str| counts.get(code).map(|(n, _)| Ratio::int(*n as i128));
        if rule.condition.eval(&lookup) != Some(false) {
            continue;
        }
        let codes: Vec<&str> = rule.condition.codes().into_iter().collect();
        // Codes are for JSON (`found`); people read the labels and the cells.
        let shown: Vec<String> =
            codes.iter().map(|c| format!("{} = {} (ô {})", c, counts[c].0, counts[c].1.address())).collect();
        let labelled = |lang: Lang| -> Vec<String> {
            codes
                .iter()
                .map(|c| {
                    let label = label(catalogue, c, lang);
                    let cell = counts[c].1.address();
                    format!("«{label}» = {} ({} {cell})", counts[c].0, lang.pick("ô", "cell"))
                })
                .collect()
        };
        let mut finding = Finding::new(
            &format!("{}{}", code::RULE_PREFIX, rule.id),
            rule.severity,
            file,
            format!("{who}: {} [{}]", rule.message, labelled(Lang::Vi).join("; ")),
            format!(
                "{who}: {} [{}]",
                Lang::En.pick_given(&rule.message, rule.message_en.as_deref()),
                labelled(Lang::En).join("; ")
            ),
        )
        .unit(unit)
        .found(shown.join("; "))
        .expected(rule.expr.clone());
        if let Some(first) = codes.first() {
            finding = finding.at(counts[first].1).element(first);
        }
        out.push(finding);
    }
}
