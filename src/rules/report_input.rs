//! A consolidated report of `plan aggregate` read one level up: a province's catalogue whose units include
//! the report's area (a district unit, `kind = "huyen"`…) takes the report's hidden totals sheet
//! ([`contract::REPORT_TOTALS_SHEET`]) as that unit's submission; any other catalogue skips the report.

use super::finding::{Finding, code};
use crate::catalogue::Catalogue;
use crate::contract::{self, key};
use crate::submission::{RawWorkbook, Submission};

/// Whether the workbook is a consolidated report of this tool.
pub fn is_report(raw: &RawWorkbook) -> bool {
    raw.stamp.get(key::KIND).map(String::as_str) == Some(contract::REPORT_KIND)
}

/// The report's own sheets keep none of what was scanned but its totals sheet: its other sheets are for
/// people, and a label there must not be read as a field.
pub fn totals_only(mut raw: RawWorkbook) -> RawWorkbook {
    raw.values.retain(|v| v.at.sheet == contract::REPORT_TOTALS_SHEET);
    raw.fields.retain(|f| f.at.sheet == contract::REPORT_TOTALS_SHEET);
    raw
}

/// Takes a consolidated report as the submission of the district-level unit of its area code in its year,
/// or skips it with a warning when the catalogue in use has no such unit (the report of this very area,
/// found among its inputs). Returns whether the report is to be read.
pub fn accept(
    raw: &RawWorkbook,
    catalogue: &Catalogue,
    sub: &mut Submission,
    out: &mut Vec<Finding>,
) -> bool {
    let area = raw.stamp.get(key::AREA_CODE).map(String::as_str).unwrap_or_default();
    let year = raw.stamp.get(key::YEAR).and_then(|y| y.parse::<u16>().ok());
    let unit = year.and_then(|year| catalogue.unit(area, year)).filter(|u| u.kind.is_district_level());
    if unit.is_none() {
        out.push(Finding::warning(
            code::FILE_IS_REPORT,
            &sub.file,
            "Tệp này là báo cáo tổng hợp do chương trình tạo ra, không phải biểu báo cáo của một đơn vị trong danh mục đang dùng: bỏ qua.".into(),
            "This file is a consolidated report written by this tool, not a submission of a unit in the catalogue in use: skipped.".into(),
        ));
        return false;
    }
    sub.template_id = Some(contract::REPORT_KIND.to_string());
    sub.layout = Some("unit".to_string());
    sub.catalogue_version = raw.stamp.get(key::CATALOGUE_VERSION).cloned();
    true
}
