//! The last step of an aggregation, once values are merged: replaced values, conflicts, consistency checks
//! on the merged values (figures from several offices meet here), and the figures.

use super::figures;
use super::merge::Merged;
use super::model::Aggregation;
use super::register::DueWorkbook;
use super::source::Source;
use super::values::MergedValues;
use crate::catalogue::Catalogue;
use crate::rules::{Counts, Finding, Origin, check_counts, code};
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
    let merged = merged_findings(&values, &sources, catalogue, &findings);
    findings.extend(merged);
    let parts = figures::compute(catalogue, &values, year);
    let previous = vec![None; parts.len()];
    Aggregation { year, sources, values, parts, previous, register, findings, notes: Vec::new() }
}

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
/// what the files' own checks already said. Each value compared is named by its file and cell (the first
/// file that offered it), in the message and in the finding's places; the finding's own file and cell are
/// those of the first value.
fn merged_findings(
    values: &MergedValues,
    sources: &[Source],
    catalogue: &Catalogue,
    known: &[Finding],
) -> Vec<Finding> {
    let mut by_reporter: BTreeMap<&ReporterId, Counts> = BTreeMap::new();
    for ((reporter, code), merged) in values {
        if let Merged::Value { data: Data::Count(n), sources: offered, at, .. } = merged {
            let origin = Origin {
                file: offered.first().map(|s| sources[*s].file.as_str()),
                sheet: values.sheet(at.sheet),
                row: at.row,
                col: u32::from(at.col),
            };
            by_reporter.entry(reporter).or_default().insert(code, (*n, origin));
        }
    }
    let mut out = Vec::new();
    for (reporter, counts) in &by_reporter {
        check_counts("", reporter, counts, catalogue, &mut out);
    }
    out.retain(|f| !known.iter().any(|k| k.code == f.code && k.unit == f.unit && k.element == f.element));
    out
}
