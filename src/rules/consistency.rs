//! Consistency between the counts of one reporter: each numerator ≤ its denominator, and the catalogue's
//! rules. A check runs only when every count it needs is there.

use super::finding::{Finding, code};
use crate::catalogue::{Catalogue, Measure};
use crate::expr::Ratio;
use crate::lang::Lang;
use crate::submission::{Data, Position, ReporterId, Submission};
use std::collections::{BTreeMap, HashMap};

/// The counts of one reporter, each with where it was read.
pub type Counts<'a> = HashMap<&'a str, (u64, Origin<'a>)>;

/// Where a count was read: its cell, and its file when the counts come from several files (the merged
/// values of an aggregation). Borrowed and copied, never allocated: an aggregation makes one per value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin<'a> {
    /// The file, for counts from several files; `None` for the counts of one file.
    pub file: Option<&'a str>,
    /// The sheet's name (`None` when it is not known).
    pub sheet: Option<&'a str>,
    /// Row, 0-based.
    pub row: u32,
    /// Column, 0-based.
    pub col: u32,
}

impl<'a> Origin<'a> {
    /// A cell of the file being checked.
    pub fn cell(at: &'a Position) -> Origin<'a> {
        Origin { file: None, sheet: Some(&at.sheet), row: at.row, col: at.col }
    }

    /// The cell as a position (an empty sheet name when it is not known).
    pub fn position(&self) -> Position {
        Position { sheet: self.sheet.unwrap_or_default().to_string(), row: self.row, col: self.col }
    }

    /// The cell for people: `Báo cáo!E20`, or `E20` when the sheet is not known.
    fn cell_text(&self) -> String {
        let position = self.position();
        if self.sheet.is_some() { position.to_string() } else { position.address() }
    }

    /// Where, for people: "ô E20" in the file being checked; "tệp a.xlsx, ô Báo cáo!E20" for a value of
    /// another file.
    pub fn describe(&self, lang: Lang) -> String {
        let cell = lang.pick("ô", "cell");
        match self.file {
            None => format!("{cell} {}", self.position().address()),
            Some(file) => format!("{} {cell} {}", super::finding::file_mention(file, lang), self.cell_text()),
        }
    }
}

/// Counts by reporter, in a stable order.
pub fn counts_by_reporter(sub: &Submission) -> BTreeMap<&ReporterId, Counts<'_>> {
    let mut map: BTreeMap<&ReporterId, Counts> = BTreeMap::new();
    for value in &sub.values {
        if let Data::Count(n) = value.data {
            map.entry(&value.reporter).or_default().insert(value.code.as_str(), (n, Origin::cell(&value.at)));
        }
    }
    map
}

/// Where each of `codes` was read, for people: "ô E20, E21" when all are cells of the file being checked,
/// else each with its file ("tệp a.xlsx, ô Báo cáo!E20; tệp b.xlsx, ô Báo cáo!E31").
fn places(counts: &Counts, codes: &[&str], lang: Lang) -> String {
    let origins: Vec<Origin> = codes.iter().map(|c| counts[*c].1).collect();
    if origins.iter().all(|o| o.file.is_none()) {
        let cells: Vec<String> = origins.iter().map(|o| o.position().address()).collect();
        return format!("{} {}", lang.pick("ô", "cell"), cells.join(", "));
    }
    origins.iter().map(|o| o.describe(lang)).collect::<Vec<_>>().join("; ")
}

/// The finding with the file and cell of each of `codes` that has a file (counts from several files).
fn placed(mut finding: Finding, counts: &Counts, codes: &[&str]) -> Finding {
    for code in codes {
        if let Some(file) = counts[*code].1.file {
            finding = finding.place(file, counts[*code].1.cell_text(), code);
        }
    }
    finding
}

/// The finding filed under the first of its places, when its counts came from several files: its file and
/// cell are that value's (a check of one file's counts keeps the file and cell it was given).
fn filed_at_first_place(mut finding: Finding) -> Finding {
    if let Some(first) = finding.places.first() {
        finding.file.clone_from(&first.file);
        finding.cell = Some(first.cell.clone());
    }
    finding
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
        let first = counts[part.numerator[0].as_str()].1.position();
        let names = |codes: &[String], lang: Lang| {
            codes.iter().map(|c| format!("«{}»", label(catalogue, c, lang))).collect::<Vec<_>>().join(" + ")
        };
        let above: Vec<&str> = part.numerator.iter().map(String::as_str).collect();
        let below: Vec<&str> = part.denominator.iter().map(String::as_str).collect();
        let text = |lang: Lang| {
            let (n, d) = (names(&part.numerator, lang), names(&part.denominator, lang));
            let (at_n, at_d) = (places(counts, &above, lang), places(counts, &below, lang));
            let id = &part.id;
            match lang {
                Lang::Vi => format!(
                    "{who}: {n} ({numerator}, {at_n}) lớn hơn {d} ({denominator}, {at_d}), không thể có (chỉ tiêu {id}). Hãy kiểm tra lại các ô này."
                ),
                Lang::En => format!(
                    "{who}: {n} ({numerator}, {at_n}) is larger than {d} ({denominator}, {at_d}), which cannot be (part {id}). Check these cells."
                ),
            }
        };
        let finding = Finding::error(code::NUMERATOR_ABOVE_DENOMINATOR, file, text(Lang::Vi), text(Lang::En));
        let finding = placed(finding, counts, &[above, below].concat())
            .at(&first)
            .element(&part.numerator[0])
            .unit(unit)
            .found(format!("{numerator} > {denominator}"))
            .expected(format!("≤ {denominator}"));
        out.push(filed_at_first_place(finding));
    }
    for rule in &catalogue.rules {
        let lookup = |code: &str| counts.get(code).map(|(n, _)| Ratio::int(*n as i128));
        if rule.condition.eval(&lookup) != Some(false) {
            continue;
        }
        let codes: Vec<&str> = rule.condition.codes().into_iter().collect();
        // Codes are for JSON (`found`); people read the labels and the cells.
        let shown: Vec<String> = codes
            .iter()
            .map(|c| format!("{} = {} ({})", c, counts[c].0, counts[c].1.describe(Lang::Vi)))
            .collect();
        let labelled = |lang: Lang| -> Vec<String> {
            codes
                .iter()
                .map(|c| {
                    format!(
                        "«{}» = {} ({})",
                        label(catalogue, c, lang),
                        counts[c].0,
                        counts[c].1.describe(lang)
                    )
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
        finding = placed(finding, counts, &codes);
        if let Some(first) = codes.first() {
            finding = finding.at(&counts[first].1.position()).element(first);
        }
        out.push(filed_at_first_place(finding));
    }
}
