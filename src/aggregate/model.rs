//! What an aggregation is made of: its inputs, how each source was used, and the result the report shows.

use super::figures::{Figure, PartFigures};
use super::merge::Merged;
use super::register::DueWorkbook;
use super::source::{Source, Use};
use super::values::MergedValues;
use crate::catalogue::{Catalogue, Severity};
use crate::rules::{Checked, Finding};

/// One input: a checked workbook and the SHA-256 of its bytes.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file, checked.
    pub checked: Checked,
    /// SHA-256 of the file's bytes, lowercase hex (empty when it could not be read).
    pub sha256: String,
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
    pub register: Vec<DueWorkbook>,
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
        self.register.iter().filter(|r| r.outstanding()).count()
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
