//! Year-end aggregation: checked submissions in, district and per-unit figures, attainment, the register
//! of submissions, every finding and the sources out. Pure: no files, no terminal.
//!
//! Inputs are ordered by file name first, so the result does not depend on the order files were found.

pub mod figures;
mod fold;
mod json;
pub mod merge;
mod register;
mod values;

pub use figures::{Figure, PartFigures, falls_short, round_ratio};
pub use fold::{Aggregator, Folded, fold};
pub use json::write_json;
pub use merge::{Merged, Offer};
pub use register::{RegisterRow, Submitted};
pub use values::{MergedValues, Pending, ReporterValues};

use crate::catalogue::{Catalogue, Severity};
use crate::date::Date;
use crate::rules::{Checked, Finding, check_counts, code};
use crate::submission::{Data, ReporterId};
use serde::Serialize;
use std::collections::BTreeMap;

/// One input: a checked workbook and the SHA-256 of its bytes.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file, checked.
    pub checked: Checked,
    /// SHA-256 of the file's bytes, lowercase hex (empty when it could not be read).
    pub sha256: String,
}

/// How an input was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "of", rename_all = "snake_case")]
pub enum Use {
    /// Its values entered the figures.
    Used,
    /// The same bytes as an earlier source (index): counted once.
    Duplicate(usize),
    /// It has errors (and `--include-with-errors` was not given).
    ExcludedErrors,
    /// For another year.
    OtherYear,
    /// A report of this tool, or a workbook that is not a submission of the plan.
    NotSubmission,
    /// A file that could not be read at all (damaged, not a spreadsheet, encrypted, too large).
    Unreadable,
}

impl Use {
    /// In Vietnamese.
    pub fn label_vi(&self, sources: &[Source]) -> String {
        match self {
            Use::Used => "Đã dùng".into(),
            Use::Duplicate(i) => format!("Trùng tệp {} (chỉ tính một lần)", sources[*i].file),
            Use::ExcludedErrors => "Không dùng: tệp có lỗi".into(),
            Use::OtherYear => "Không dùng: báo cáo năm khác".into(),
            Use::NotSubmission => "Không dùng: không phải biểu báo cáo".into(),
            Use::Unreadable => "Không dùng: không đọc được tệp".into(),
        }
    }

    /// In English.
    pub fn label_en(&self, sources: &[Source]) -> String {
        match self {
            Use::Used => "Used".into(),
            Use::Duplicate(i) => format!("Duplicate of {} (counted once)", sources[*i].file),
            Use::ExcludedErrors => "Not used: has errors".into(),
            Use::OtherYear => "Not used: another year".into(),
            Use::NotSubmission => "Not used: not a submission".into(),
            Use::Unreadable => "Not used: the file cannot be read".into(),
        }
    }
}

/// A source file, as the "Nguồn" sheet lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The file, as given.
    pub file: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Reporting office (`None` for a combined workbook or an unreadable file).
    pub office: Option<String>,
    /// Reporting unit of a one-unit workbook, or `None` (grid, unreadable).
    pub reporter: Option<ReporterId>,
    /// `unit` or `units`.
    pub layout: Option<String>,
    /// Report year.
    pub year: Option<u16>,
    /// Report date.
    pub date: Option<Date>,
    /// Errors found in it.
    pub errors: usize,
    /// Warnings found in it.
    pub warnings: usize,
    /// How it was used.
    #[serde(rename = "use")]
    pub usage: Use,
    /// Values of it that a later resubmission replaced.
    pub replaced_values: usize,
}

/// Everything the consolidated report shows.
#[derive(Debug, Clone)]
pub struct Aggregation {
    /// The report year.
    pub year: u16,
    /// Every input, in file order.
    pub sources: Vec<Source>,
    /// Merged values.
    pub values: MergedValues,
    /// Each part's figures, in plan order.
    pub parts: Vec<PartFigures>,
    /// Last year's district figure of each part, when `--previous` was given.
    pub previous: Vec<Option<Figure>>,
    /// Who reported.
    pub register: Vec<RegisterRow>,
    /// Every finding: of each file, conflicts, and checks on the merged values.
    pub findings: Vec<Finding>,
    /// The clerks' notes on values of the files used, with the source each came from, in file order.
    pub notes: Vec<(crate::submission::Note, usize)>,
}

/// Why aggregation cannot start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AggregateError {
    /// The submissions are for several years and none was chosen.
    #[error("the submissions are for several years: {0:?}")]
    SeveralYears(Vec<u16>),
    /// No submission says its year and none was chosen.
    #[error("no submission gives its year")]
    NoYear,
}

impl Aggregation {
    /// Number of sources that were not used (other than duplicates).
    pub fn excluded(&self) -> usize {
        self.sources
            .iter()
            .filter(|s| matches!(s.usage, Use::ExcludedErrors | Use::NotSubmission | Use::Unreadable))
            .count()
    }

    /// Number of conflicting values.
    pub fn conflicts(&self) -> usize {
        self.values.merged().filter(|m| matches!(m, Merged::Conflict { .. })).count()
    }

    /// Register rows still missing.
    pub fn missing(&self) -> usize {
        self.register
            .iter()
            .filter(|r| matches!(r.status, Submitted::Missing | Submitted::OnlyWithErrors))
            .count()
    }

    /// For each group of targets, how many parts are met, not met, did not occur, and have no data.
    pub fn counts_by_group(&self, catalogue: &Catalogue) -> Vec<(u16, [usize; 4])> {
        let parts: Vec<_> = catalogue.parts().collect();
        catalogue
            .groups
            .iter()
            .map(|group| {
                let mut counts = [0usize; 4];
                for (part, figures) in parts.iter().zip(&self.parts) {
                    if catalogue.group_of(part) == Some(group.number) {
                        counts[status_slot(figures.district.judgement.status)] += 1;
                    }
                }
                (group.number, counts)
            })
            .collect()
    }

    /// The completeness line: "Biểu đã nhận và dùng được: 106/107 · tệp không dùng: 1 · số liệu xung đột: 1 ·
    /// 2 lỗi, 1 cảnh báo".
    pub fn completeness(&self, lang: crate::lang::Lang) -> String {
        let received = self.register.len() - self.missing();
        let warnings = self.findings.iter().filter(|f| f.severity == Severity::Warning).count();
        let errors = self.findings.len() - warnings;
        let (expected, excluded, conflicts) = (self.register.len(), self.excluded(), self.conflicts());
        let en = crate::lang::en;
        match lang {
            crate::lang::Lang::Vi => format!(
                "Biểu đã nhận và dùng được: {received}/{expected} · tệp không dùng: {excluded} · số liệu xung đột: {conflicts} · {errors} lỗi, {warnings} cảnh báo"
            ),
            crate::lang::Lang::En => format!(
                "Workbooks received and used: {received}/{expected} · files not used: {excluded} · conflicting values: {conflicts} · {}, {}",
                en(errors, "error", "errors"),
                en(warnings, "warning", "warnings"),
            ),
        }
    }

    /// Whether every expected workbook was received and used, with no conflict.
    pub fn complete(&self) -> bool {
        self.missing() == 0 && self.excluded() == 0 && self.conflicts() == 0
    }
}

/// The column of a status in the overview: met, not met, did not occur, no data.
pub fn status_slot(status: crate::attainment::Status) -> usize {
    use crate::attainment::Status;
    match status {
        Status::Met | Status::MeetsNext(_) | Status::MeetsPast(_) => 0,
        Status::NotMet | Status::BelowNext(_) | Status::BelowPast(_) => 1,
        Status::NotApplicable => 2,
        Status::NoData | Status::NoTarget | Status::Implausible => 3,
    }
}

/// Aggregates checked inputs for `year` (ordered by file name first).
pub fn aggregate(
    mut inputs: Vec<Input>,
    catalogue: &Catalogue,
    year: u16,
    include_with_errors: bool,
) -> Aggregation {
    inputs.sort_by(|a, b| a.checked.submission.file.cmp(&b.checked.submission.file));
    let mut aggregator = Aggregator::new(catalogue, include_with_errors);
    for (index, input) in inputs.into_iter().enumerate() {
        aggregator.add(index, input);
    }
    aggregator.finish(Some(year)).expect("the year is given")
}

/// The rest of an aggregation once values are merged: replaced values, conflicts, checks on the merged
/// values, and the figures.
fn complete(
    year: u16,
    mut sources: Vec<Source>,
    values: MergedValues,
    register: Vec<RegisterRow>,
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

#[cfg(test)]
pub(crate) mod tests;
