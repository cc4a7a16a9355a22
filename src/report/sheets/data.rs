//! «Số liệu»: units × data elements, with the district totals as SUM formulas over the unit rows.

use super::{Input, table_sheet};
use crate::aggregate::{Merged, ReporterValues};
use crate::catalogue::ElementType;
use crate::report::SIZE;
use crate::sheet_style::print_landscape;
use crate::submission::{Data, ReporterId};
use rust_xlsxwriter::{ColNum, Formula, RowNum, Workbook, XlsxError, utility::row_col_to_cell};

/// Width of an element's column.
const ELEMENT_WIDTH: f64 = 13.0;

/// Where the totals of «Số liệu» are: its name and the totals row, each element's column following the
/// catalogue's order from column C.
#[derive(Debug, Clone)]
pub struct Totals {
    /// The sheet's name in the report's language.
    pub sheet: String,
    /// The totals row (0-based).
    pub row: RowNum,
    /// The total stored in that row for each count element, by element code.
    pub sums: std::collections::HashMap<String, u64>,
}

/// Writes the sheet: a header row of the elements' labels, a hidden row of their codes, a row per unit
/// and the whole area's, the totals. Returns where the totals are.
pub fn write(workbook: &mut Workbook, input: &Input) -> Result<Totals, XlsxError> {
    let Input { styles, aggregation, catalogue, lang } = *input;
    let elements: Vec<_> = catalogue.elements.iter().collect();
    let mut columns = vec![(lang.pick("Mã ĐVHC", "Code"), 10.0), (lang.pick("Đơn vị", "Unit"), 26.0)];
    columns.extend(elements.iter().map(|element| {
        let label = element.label_in(lang);
        (label, ELEMENT_WIDTH)
    }));
    let name = lang.pick("Số liệu", "Data");
    let sheet = table_sheet(workbook, styles, name, &columns)?;
    // Sized on the Vietnamese labels whatever the language.
    let header_lines = elements.iter().map(|e| SIZE.lines(&e.label, ELEMENT_WIDTH)).max().unwrap_or(1);
    SIZE.fit(sheet, 0, header_lines)?;
    // Constant-memory sheets are written row by row: the codes row comes after the whole header row.
    for (j, element) in elements.iter().enumerate() {
        sheet.write_string_with_format(1, 2 + j as ColNum, &element.code, &styles.table.cell_center)?;
    }
    // The codes are for programs and for reading back, not for paper: the row is kept, hidden, and is
    // not among the rows printed on every page.
    sheet.set_row_hidden(1)?;
    let units: Vec<_> = catalogue.units_in(aggregation.year).collect();
    let first_row: RowNum = 2;
    // Each row's values are found once (a national run has thousands of rows).
    let mut rows: Vec<(String, String, ReporterValues)> = units
        .iter()
        .map(|u| (u.code.clone(), u.full_name(), aggregation.values.of(&ReporterId::of(&u.key()))))
        .collect();
    rows.push((
        catalogue.plan.area_code.clone(),
        format!("{} {}", lang.pick("Toàn", "Whole"), catalogue.plan.area),
        aggregation.values.of(&ReporterId::District),
    ));
    for (i, (code, name, values)) in rows.iter().enumerate() {
        let row = first_row + i as RowNum;
        sheet.write_string_with_format(row, 0, code, &styles.table.cell_center)?;
        sheet.write_string_with_format(row, 1, name, &styles.table.cell)?;
        for (j, element) in elements.iter().enumerate() {
            let col = 2 + j as ColNum;
            match values.get(&element.code) {
                Some(Merged::Value { data: Data::Count(n), .. }) => {
                    sheet.write_number_with_format(row, col, *n as f64, &styles.number)?;
                }
                Some(Merged::Value { data, .. }) => {
                    sheet.write_string_with_format(row, col, data.text(), &styles.table.cell_center)?;
                }
                Some(Merged::Conflict { .. }) => {
                    sheet.write_string_with_format(
                        row,
                        col,
                        lang.pick("xung đột", "conflict"),
                        &styles.not_met,
                    )?;
                }
                None => {
                    sheet.write_blank(row, col, &styles.table.cell)?;
                }
            }
        }
    }
    // Totals: a SUM over the unit rows and the district row, with the value stored.
    let mut sums = std::collections::HashMap::new();
    let total_row = first_row + rows.len() as RowNum;
    sheet.write_string_with_format(total_row, 1, catalogue.area_total(lang), &styles.table.group)?;
    sheet.write_blank(total_row, 0, &styles.table.group)?;
    for (j, element) in elements.iter().enumerate() {
        let col = 2 + j as ColNum;
        if element.kind != ElementType::Count {
            let yes = rows
                .iter()
                .filter(|(_, _, r)| {
                    matches!(r.get(&element.code), Some(Merged::Value { data: Data::YesNo(true), .. }))
                })
                .count();
            let text = format!("{yes} {}", lang.pick("Có", "yes"));
            sheet.write_string_with_format(total_row, col, &text, &styles.table.group)?;
            continue;
        }
        let sum: u64 = rows
            .iter()
            .filter_map(|(_, _, r)| match r.get(&element.code) {
                Some(Merged::Value { data: Data::Count(n), .. }) => Some(*n),
                _ => None,
            })
            .sum();
        let range = format!("{}:{}", row_col_to_cell(first_row, col), row_col_to_cell(total_row - 1, col));
        let formula = Formula::new(format!("=SUM({range})")).set_result(sum.to_string());
        sheet.write_formula_with_format(total_row, col, formula, &styles.number.clone().set_bold())?;
        sums.insert(element.code.clone(), sum);
    }
    print_landscape(sheet, Some(0), (elements.len() as u16).div_ceil(16))?;
    sheet.set_repeat_rows(0, 0)?;
    // Code and name of the unit on every page of a sheet printed over several pages.
    sheet.set_repeat_columns(0, 1)?;
    sheet.set_freeze_panes(2, 2)?;
    Ok(Totals { sheet: name.to_string(), row: total_row, sums })
}
