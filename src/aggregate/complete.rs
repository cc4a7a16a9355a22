//! The last step of an aggregation, once values are merged: replaced values, conflicts, consistency checks
//! on the merged values (figures from several offices meet here), and the figures.

use super::figures;
use super::merge::Merged;
use super::model::Aggregation;
use super::register::DueWorkbook;
use super::source::Source;
use super::values::MergedValues;
use crate::catalogue::{Catalogue, Severity};
use crate::rules::{Finding, check_counts, code};
use crate::submission::Data;
use crate::submission::ReporterId;
use std::collections::BTreeMap;

/// The rest of an aggregation once values are merged: replaced values, conflicts, checks on the merged
/// values, and the figures.
pub(crate) fn complete(
    year: u16,
    mut sources: Vec<Source>,
    values: MergedValues,
    register: Vec<DueWorkbook>,
    mut findings: Vec<Finding>,
    catalogue: &Catalogue,
) -> Aggregation {
    for merged in values.merged() {
        if let Merged::Value { replaced, .. } = merged {
            for source in replaced {
                sources[*source].replaced_values += 1;
            }
        }
    }
    findings.extend(conflict_findings(&values, &sources, catalogue));
    let merged = merged_findings(&values, catalogue, &findings);
    findings.extend(merged);
    let parts = figures::compute(catalogue, &values, year);
    let previous = vec![None; parts.len()];
    Aggregation { year, sources, values, parts, previous, register, findings, notes: Vec::new() }
}

/// The file name used for findings about the merged values.
pub const MERGED: &str = "(tổng hợp)";

fn conflict_findings(values: &MergedValues, sources: &[Source], catalogue: &Catalogue) -> Vec<Finding> {
    let mut out = Vec::new();
    for ((reporter, code), merged) in values {
        let Merged::Conflict { sources: which, values: found } = merged else { continue };
        let files: Vec<&str> = which.iter().map(|i| sources[*i].file.as_str()).collect();
        let who = reporter.name(catalogue);
        let label = catalogue.element(code).map_or(code, |e| e.label.as_str());
        out.push(
            Finding::error(
                code::MERGE_CONFLICT,
                files[0],
                format!(
                    "{who}: «{label}» có các giá trị khác nhau ({}) trong các tệp cùng ngày báo cáo: {}. Số liệu này không được tính vào tổng; hãy xác nhận với đơn vị và gửi lại một bản có ngày báo cáo mới hơn.",
                    found.join(" và "),
                    files.join(", ")
                ),
                format!(
                    "{who}: «{code}» has different values ({}) in files with the same report date: {}. It is left out of the totals; confirm with the unit and send one corrected copy with a later date.",
                    found.join(" and "),
                    files.join(", ")
                ),
            )
            .element(code)
            .unit(Some(reporter.code(catalogue)))
            .found(found.join(" / ")),
        );
    }
    out
}

/// Consistency checks on the merged counts of each unit (figures from several offices meet here), less
/// what the files' own checks already said.
fn merged_findings(values: &MergedValues, catalogue: &Catalogue, known: &[Finding]) -> Vec<Finding> {
    let nowhere = crate::submission::Position { sheet: MERGED.into(), row: 0, col: 0 };
    let mut by_reporter: BTreeMap<&ReporterId, crate::rules::Counts> = BTreeMap::new();
    for ((reporter, code), merged) in values {
        if let Merged::Value { data: Data::Count(n), .. } = merged {
            by_reporter.entry(reporter).or_default().insert(code, (*n, &nowhere));
        }
    }
    let mut out = Vec::new();
    for (reporter, counts) in &by_reporter {
        check_counts(MERGED, reporter, counts, catalogue, &mut out);
    }
    out.retain(|f| !known.iter().any(|k| k.code == f.code && k.unit == f.unit && k.element == f.element));
    for finding in &mut out {
        finding.cell = None;
        if finding.severity == Severity::Error {
            finding.message.push_str(" (số liệu đến từ nhiều biểu khác nhau)");
            finding.message_en.push_str(" (figures from several workbooks)");
        }
    }
    out
}
