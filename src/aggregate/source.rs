//! The source files of an aggregation, as the «Nguồn» sheet lists them, and how each was used.

use crate::date::Date;
use crate::lang::Lang;
use crate::submission::ReporterId;
use serde::Serialize;

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
    /// How the «Nguồn» sheet says it, in `lang`.
    pub fn label(&self, sources: &[Source], lang: Lang) -> String {
        match self {
            Use::Used => lang.pick("Đã dùng", "Used").into(),
            Use::Duplicate(i) => match lang {
                Lang::Vi => format!("Trùng tệp {} (chỉ tính một lần)", sources[*i].file),
                Lang::En => format!("Duplicate of {} (counted once)", sources[*i].file),
            },
            Use::ExcludedErrors => lang.pick("Không dùng: tệp có lỗi", "Not used: has errors").into(),
            Use::OtherYear => lang.pick("Không dùng: báo cáo năm khác", "Not used: another year").into(),
            Use::NotSubmission => {
                lang.pick("Không dùng: không phải biểu báo cáo", "Not used: not a submission").into()
            }
            Use::Unreadable => {
                lang.pick("Không dùng: không đọc được tệp", "Not used: the file cannot be read").into()
            }
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
