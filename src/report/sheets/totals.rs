//! The hidden sheet a catalogue one level up reads as this area's submission ([`contract::REPORT_TOTALS_SHEET`]):
//! the header fields of a one-unit workbook and a `Mã | Số liệu | Ghi chú` table of the area's totals.
//!
//! A count is a formula over the totals row of «Số liệu» with its value stored, so a figure the officer
//! corrects in «Số liệu» carries through once the file is saved. A yes/no or text value is carried only
//! when the whole area gave it (a commune's yes/no answer is not a figure of the district). A count with a
//! conflict is written as the words "xung đột", so the province reads it as an error to settle; a count some
//! units did not give carries a note saying how many.

use super::Input;
use super::data::Totals;
use crate::aggregate::{Merged, ReporterValues, Use};
use crate::catalogue::{ElementType, ReportLevel};
use crate::contract;
use crate::date::Date;
use crate::submission::{Data, ReporterId};
use rust_xlsxwriter::{ColNum, Formula, RowNum, Workbook, XlsxError, utility::row_col_to_cell};

/// What one element's total is, for the sheet.
enum Total {
    /// A count: how many of the reporters expected to give it gave none, of how many.
    Count { missing: usize, expected: usize },
    /// The whole area's own answer.
    Answer(String),
    /// Values that disagree in some reporter's files.
    Conflict,
    /// Nothing to carry.
    Nothing,
}

/// A count over `rows`, of which the first `expected` are expected to give it (the area's row after the
/// units' holds a unit-level figure only by exception).
fn count_of(code: &str, rows: &[ReporterValues], expected: usize) -> Total {
    if rows.iter().any(|values| matches!(values.get(code), Some(Merged::Conflict { .. }))) {
        return Total::Conflict;
    }
    let missing = rows[..expected].iter().filter(|values| values.get(code).is_none()).count();
    Total::Count { missing, expected }
}

/// The whole area's own yes/no or text answer, as the reader takes it.
fn answer_of(values: &ReporterValues, code: &str) -> Total {
    match values.get(code) {
        Some(Merged::Value { data: Data::YesNo(yes), .. }) => {
            Total::Answer(crate::submission::yes_no_word(*yes).into())
        }
        Some(Merged::Value { data: Data::Text(text), .. }) => Total::Answer(text.clone()),
        Some(Merged::Conflict { .. }) => Total::Conflict,
        _ => Total::Nothing,
    }
}

/// Writes the hidden sheet from the totals of «Số liệu».
pub fn write(workbook: &mut Workbook, input: &Input, totals: &Totals) -> Result<(), XlsxError> {
    let Input { aggregation, catalogue, .. } = *input;
    let year = aggregation.year;
    let sheet = workbook.add_worksheet();
    sheet.set_name(contract::REPORT_TOTALS_SHEET)?;
    sheet.set_hidden(true);
    let plan = &catalogue.plan;
    // The latest report date among the workbooks used: when the area's figures were complete.
    let date: Option<Date> = aggregation
        .sources
        .iter()
        .filter(|s| s.year == Some(year) && matches!(s.usage, Use::Used))
        .filter_map(|s| s.date)
        .max();
    let fields = [
        (contract::LABEL_UNIT, format!("{} ({})", plan.area, plan.area_code)),
        (contract::LABEL_YEAR, year.to_string()),
        (contract::LABEL_DATE, date.map(|d| d.vietnamese()).unwrap_or_default()),
    ];
    for (row, (label, value)) in fields.iter().enumerate() {
        sheet.write_string(row as RowNum, 0, *label)?;
        sheet.write_string(row as RowNum, 1, value)?;
    }
    let header: RowNum = fields.len() as RowNum + 1;
    sheet.write_string(header, 0, contract::HEADER_CODE)?;
    sheet.write_string(header, 1, contract::HEADER_VALUE)?;
    sheet.write_string(header, 2, contract::HEADER_NOTE)?;
    let units: Vec<ReporterValues> =
        catalogue.units_in(year).map(|u| aggregation.values.of(&ReporterId::of(&u.key()))).collect();
    let area = aggregation.values.of(&ReporterId::District);
    let with_area: Vec<ReporterValues> = units.iter().copied().chain([area]).collect();
    let mut row = header + 1;
    for (j, element) in catalogue.elements.iter().enumerate() {
        let total = match (element.kind, element.level) {
            (ElementType::Count, ReportLevel::Unit) => count_of(&element.code, &with_area, units.len()),
            (ElementType::Count, ReportLevel::District) => count_of(&element.code, &[area], 1),
            _ => answer_of(&area, &element.code),
        };
        let column = 2 + j as ColNum;
        match total {
            Total::Nothing => continue,
            Total::Count { missing, expected, .. } if missing == expected => continue,
            Total::Count { missing, expected } => {
                let sum = totals.sums.get(&element.code).copied().unwrap_or_default();
                let cell = row_col_to_cell(totals.row, column);
                let formula = Formula::new(format!("='{}'!{cell}", totals.sheet)).set_result(sum.to_string());
                sheet.write_formula(row, 1, formula)?;
                if missing > 0 {
                    let given = expected - missing;
                    sheet.write_string(row, 2, format!("Tổng của {given}/{expected} đơn vị có số liệu"))?;
                }
            }
            Total::Answer(text) => {
                sheet.write_string(row, 1, text)?;
            }
            Total::Conflict => {
                sheet.write_string(row, 1, "xung đột")?;
                sheet.write_string(row, 2, "Các tệp của một đơn vị ghi giá trị khác nhau")?;
            }
        }
        sheet.write_string(row, 0, &element.code)?;
        row += 1;
    }
    Ok(())
}
