//! The register of submissions: for each unit expected in the year and each reporting office (for a
//! district-level unit, its one consolidated report), received on time, late, or missing.

use super::source::{Source, Use};
use crate::catalogue::{Catalogue, ReportLevel};
use crate::date::Date;
use crate::lang::Lang;
use crate::submission::ReporterId;
use serde::Serialize;
use std::collections::HashMap;

/// Whether and when a workbook came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Submitted {
    /// Received and dated before the deadline.
    OnTime,
    /// Received, dated after the deadline.
    Late,
    /// Received, but every copy has errors and was not used.
    OnlyWithErrors,
    /// Not received.
    Missing,
}

impl Submitted {
    /// How the register says it, in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        match self {
            Submitted::OnTime => lang.pick("Đúng hạn", "On time"),
            Submitted::Late => lang.pick("Trễ hạn", "Late"),
            Submitted::OnlyWithErrors => lang.pick("Có lỗi, chưa dùng", "Has errors, not used"),
            Submitted::Missing => lang.pick("Chưa nộp", "Missing"),
        }
    }
}

/// One workbook a reporter owes an office in the year, and whether it came on time, late or not at all:
/// a line of the register («Tiến độ nộp»).
#[derive(Debug, Clone, Serialize)]
pub struct DueWorkbook {
    /// The unit, or the district for district-level figures.
    pub reporter: ReporterId,
    /// The office.
    pub office: String,
    /// Status.
    pub status: Submitted,
    /// Report date of the workbook used (the latest).
    pub date: Option<Date>,
    /// The files that cover this line.
    pub sources: Vec<usize>,
}

impl DueWorkbook {
    /// Whether the line is still owed: not received, or received only with errors.
    pub fn outstanding(&self) -> bool {
        matches!(self.status, Submitted::Missing | Submitted::OnlyWithErrors)
    }

    /// Who owes this line, for people: the unit, or for whole-area figures the body the catalogue names as
    /// holding them that year ("Công an huyện Hương Khê — toàn huyện Hương Khê (444)"), else the area.
    pub fn who(&self, catalogue: &Catalogue, year: u16) -> String {
        match (&self.reporter, catalogue.area_holder(&self.office, year)) {
            (ReporterId::District, Some(holder)) => {
                format!("{} — toàn {} ({})", holder.name, catalogue.plan.area, catalogue.plan.area_code)
            }
            (reporter, _) => reporter.name(catalogue),
        }
    }
}

/// Which sources cover which (reporter, office): `covers` gives each source's reporters (a one-unit
/// workbook its own; a units grid every reporter it holds values for); a combined workbook (no office)
/// covers every office.
fn coverage(
    year: u16,
    sources: &[Source],
    covers: &[Vec<ReporterId>],
) -> HashMap<(ReporterId, Option<String>), Vec<usize>> {
    let mut index: HashMap<(ReporterId, Option<String>), Vec<usize>> = HashMap::new();
    for (i, source) in sources.iter().enumerate() {
        if source.year != Some(year)
            || matches!(source.usage, Use::Duplicate(_) | Use::NotSubmission | Use::Unreadable)
            || source.layout.is_none()
        {
            continue;
        }
        for reporter in &covers[i] {
            index.entry((reporter.clone(), source.office.clone())).or_default().push(i);
        }
    }
    index
}

/// Builds the register for the year.
pub fn build(
    catalogue: &Catalogue,
    year: u16,
    sources: &[Source],
    covers: &[Vec<ReporterId>],
) -> Vec<DueWorkbook> {
    let mut lines: Vec<(ReporterId, String)> = Vec::new();
    for unit in catalogue.units_in(year) {
        // A district-level unit sends one workbook, its consolidated report, to the coordinating office.
        if unit.kind.is_district_level() {
            lines.push((ReporterId::of(&unit.key()), catalogue.reporting.coordinator.clone()));
            continue;
        }
        for office in catalogue.reporting_offices_in(year) {
            if catalogue.elements_of_in(&office.id, year).any(|e| e.level == ReportLevel::Unit) {
                lines.push((ReporterId::of(&unit.key()), office.id.clone()));
            }
        }
    }
    for office in catalogue.reporting_offices_in(year) {
        if catalogue.elements_of_in(&office.id, year).any(|e| e.level == ReportLevel::District) {
            lines.push((ReporterId::District, office.id.clone()));
        }
    }
    let index = coverage(year, sources, covers);
    let deadline = &catalogue.reporting.deadline;
    lines
        .into_iter()
        .map(|(reporter, office)| {
            let mut matching: Vec<usize> = [Some(office.clone()), None]
                .into_iter()
                .flat_map(|o| index.get(&(reporter.clone(), o)).cloned().unwrap_or_default())
                .collect();
            matching.sort();
            let used: Vec<&usize> = matching.iter().filter(|i| sources[**i].usage == Use::Used).collect();
            let date = used.iter().filter_map(|i| sources[**i].date).max();
            let status = match (used.is_empty(), matching.is_empty(), date) {
                (false, _, Some(d)) if deadline.is_on_time(year, d) => Submitted::OnTime,
                (false, _, _) => Submitted::Late,
                (true, false, _) => Submitted::OnlyWithErrors,
                (true, true, _) => Submitted::Missing,
            };
            DueWorkbook { reporter, office, status, date, sources: matching }
        })
        .collect()
}
