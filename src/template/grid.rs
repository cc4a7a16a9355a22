//! Layout `units`: one workbook per office for a whole year. The sheet "Số liệu theo đơn vị" has a row per
//! unit expected that year and a column per data element (the row holding `Mã ĐVHC` names the columns by
//! code), the district row for figures only the district holds, totals, and the unit's own value of each
//! part. The spending and text sections go on the sheet "Thuyết minh" as a `Mã | Số liệu` table.

use super::annotate::Annotations;
use super::cells::Formulas;
use super::common;
use super::form::{self, part_formula, result_format};
use super::styles::Styles;
use super::{Spec, live_parts};
use crate::catalogue::{Catalogue, Element, ElementType, Part, ReportLevel};
use crate::contract;
use crate::lang::Lang;
use rust_xlsxwriter::{ColNum, RowNum, Workbook, Worksheet, XlsxError, utility::row_col_to_cell};

/// Name of the grid sheet.
pub const SHEET: &str = "Số liệu theo đơn vị";
/// Name of the sheet with spending and text.
pub const NOTES_SHEET: &str = "Thuyết minh";
const FIRST_DATA_COL: ColNum = 3;
/// Column widths: number, code, name, then every data column.
pub const WIDTHS: [f64; 4] = [6.0, 12.0, 30.0, 15.0];
/// Width of the unit columns (STT, code, name), repeated on every page.
const UNIT_WIDTH: u32 = 48;
/// Width an A4 landscape page holds at the scale the grid is printed at.
const PAGE_WIDTH: u32 = 220;

/// A row of the grid: a unit of the year, or the whole district.
struct GridRow {
    code: String,
    name: String,
    district: bool,
}

/// Writes the grid sheet and the notes sheet.
pub fn write(
    workbook: &mut Workbook,
    catalogue: &Catalogue,
    spec: &Spec,
    notes: Option<&Annotations>,
    formulas: &Formulas,
) -> Result<(), XlsxError> {
    let styles = Styles::new();
    let elements = spec.elements(catalogue);
    let parts: Vec<&Part> = live_parts(catalogue, &elements)
        .into_iter()
        .filter(|p| {
            p.numerator
                .iter()
                .chain(&p.denominator)
                .all(|c| catalogue.element(c).is_some_and(|e| e.level == ReportLevel::Unit))
        })
        .collect();
    let last_col = FIRST_DATA_COL + (elements.len() + parts.len()).max(4) as ColNum - 1;
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    for (col, width) in WIDTHS.iter().take(3).enumerate() {
        sheet.set_column_width(col as ColNum, *width)?;
    }
    sheet.set_column_range_width(FIRST_DATA_COL, last_col, WIDTHS[3])?;
    let (fields, mut row) = common::write_fields(sheet, &styles, catalogue, spec, notes)?;
    // Printed over several pages, each with the unit columns: the header and signatures stay within the
    // columns of the first page, and the title lines off the repeated unit columns, so that no title or
    // motto is cut between pages.
    let data_cols = (last_col + 1 - FIRST_DATA_COL) as u32;
    let pages_wide = (WIDTHS[3] as u32 * data_cols).div_ceil(PAGE_WIDTH - UNIT_WIDTH) as u16;
    let per_page = (data_cols as f64 / pages_wide.max(1) as f64).floor() as ColNum;
    let first_page_col = (FIRST_DATA_COL + per_page.max(4) - 1).min(last_col);
    let title_cols = (FIRST_DATA_COL, first_page_col);
    common::write_header(sheet, &styles, catalogue, spec, &fields, title_cols, formulas)?;
    let labels_row = row;
    let codes_row = row + 1;
    sheet.merge_range(labels_row, 0, labels_row, 2, "Nội dung (đơn vị tính)", &styles.header)?;
    let labels = elements.iter().map(|e| format!("{} ({})", e.label, e.measure_text())).chain(
        parts.iter().map(|p| format!("Kết quả tự tính {} {} ({})", p.id, p.short, p.unit.name(Lang::Vi))),
    );
    let lines = labels.map(|l| crate::wrap::lines(&l, WIDTHS[3], super::styles::POINTS * 1.1)).max();
    sheet.set_row_height(labels_row, super::styles::height_for(lines.unwrap_or(1)))?;
    for (col, text) in ["STT", contract::HEADER_UNIT_CODE, "Tên đơn vị"].iter().enumerate() {
        sheet.write_string_with_format(codes_row, col as ColNum, *text, &styles.header)?;
    }
    for (i, element) in elements.iter().enumerate() {
        let col = FIRST_DATA_COL + i as ColNum;
        let label = format!("{} ({})", element.label, element.measure_text());
        sheet.write_string_with_format(labels_row, col, &label, &styles.header)?;
        sheet.write_string_with_format(codes_row, col, &element.code, &styles.code)?;
    }
    let first_part_col = FIRST_DATA_COL + elements.len() as ColNum;
    for (i, part) in parts.iter().enumerate() {
        let col = first_part_col + i as ColNum;
        let label = format!("Kết quả tự tính {} {} ({})", part.id, part.short, part.unit.name(Lang::Vi));
        sheet.write_string_with_format(labels_row, col, &label, &styles.header)?;
        sheet.write_string_with_format(codes_row, col, &part.id, &styles.header)?;
    }
    row = codes_row + 1;
    let first_unit_row = row;
    for (i, grid_row) in grid_rows(catalogue, spec, &elements).iter().enumerate() {
        write_row(sheet, &styles, row, i + 1, grid_row, &elements, notes)?;
        if !grid_row.district {
            write_results(sheet, &styles, row, first_part_col, &parts, &elements, formulas)?;
        }
        row += 1;
    }
    write_totals(sheet, &styles, row, first_unit_row, &elements, formulas)?;
    common::write_signatures(sheet, &styles, catalogue, spec, &fields, formulas, row + 2, first_page_col)?;
    sheet.set_freeze_panes(codes_row + 1, FIRST_DATA_COL)?;
    common::print_setup(sheet, true, pages_wide, Some((labels_row, codes_row)))?;
    // Number, code and name of the unit on every page.
    sheet.set_repeat_columns(0, FIRST_DATA_COL - 1)?;
    common::protect(sheet);
    write_notes(workbook, &styles, catalogue, notes)?;
    Ok(())
}

fn grid_rows(catalogue: &Catalogue, spec: &Spec, elements: &[&Element]) -> Vec<GridRow> {
    let year = spec.year.unwrap_or(catalogue.plan.end_year);
    let mut rows: Vec<GridRow> = catalogue
        .units_in(year)
        .map(|u| GridRow { code: u.code.clone(), name: u.full_name(), district: false })
        .collect();
    if elements.iter().any(|e| e.level == ReportLevel::District) {
        rows.push(GridRow {
            code: catalogue.plan.area_code.clone(),
            name: format!("Toàn {} (số liệu chỉ cấp huyện có)", catalogue.plan.area),
            district: true,
        });
    }
    rows
}

fn write_row(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: RowNum,
    number: usize,
    grid_row: &GridRow,
    elements: &[&Element],
    notes: Option<&Annotations>,
) -> Result<(), XlsxError> {
    sheet.write_number_with_format(row, 0, number as u32, &styles.cell_center)?;
    sheet.write_string_with_format(row, 1, &grid_row.code, &styles.cell_center)?;
    sheet.write_string_with_format(row, 2, &grid_row.name, &styles.cell)?;
    let lines = super::styles::lines_needed(&grid_row.name, 30.0);
    if lines > 1 {
        sheet.set_row_height(row, super::styles::height_for(lines))?;
    }
    for (i, element) in elements.iter().enumerate() {
        let col = FIRST_DATA_COL + i as ColNum;
        let open = (element.level == ReportLevel::District) == grid_row.district;
        if !open {
            sheet.write_blank(row, col, &styles.closed)?;
            continue;
        }
        let entry = notes.and_then(|n| n.value(Some(&grid_row.code), &element.code));
        form::write_input(sheet, styles, row, col, element, entry)?;
    }
    Ok(())
}

fn write_results(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: RowNum,
    first_col: ColNum,
    parts: &[&Part],
    elements: &[&Element],
    formulas: &Formulas,
) -> Result<(), XlsxError> {
    let cell = |code: &str| {
        let index = elements.iter().position(|e| e.code == code).unwrap_or_default();
        row_col_to_cell(row, FIRST_DATA_COL + index as ColNum)
    };
    for (i, part) in parts.iter().enumerate() {
        let format = styles.result.clone().set_num_format(result_format(part.unit));
        formulas.write(sheet, row, first_col + i as ColNum, &part_formula(part, &cell, ""), &format)?;
    }
    Ok(())
}

fn write_totals(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: RowNum,
    first_unit_row: RowNum,
    elements: &[&Element],
    formulas: &Formulas,
) -> Result<(), XlsxError> {
    sheet.merge_range(row, 0, row, 2, "Cộng các đơn vị", &styles.group)?;
    for (i, element) in elements.iter().enumerate() {
        let col = FIRST_DATA_COL + i as ColNum;
        if element.kind == ElementType::Count && element.level == ReportLevel::Unit {
            let range = format!("{}:{}", row_col_to_cell(first_unit_row, col), row_col_to_cell(row - 1, col));
            let format = styles.result.clone().set_num_format("#,##0");
            formulas.write(sheet, row, col, &format!("=SUM({range})"), &format)?;
        } else {
            sheet.write_blank(row, col, &styles.group)?;
        }
    }
    Ok(())
}

fn write_notes(
    workbook: &mut Workbook,
    styles: &Styles,
    catalogue: &Catalogue,
    notes: Option<&Annotations>,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(NOTES_SHEET)?;
    form::set_widths(sheet)?;
    sheet.merge_range(0, 0, 0, 5, "THUYẾT MINH: KINH PHÍ, KẾT QUẢ, KHÓ KHĂN VÀ KIẾN NGHỊ", &styles.title)?;
    let header_row = form::write_table_header(sheet, styles, 2)?;
    let mut number = 0;
    form::write_report_items(sheet, styles, catalogue, header_row + 1, &mut number, notes)?;
    common::print_setup(sheet, false, 1, Some((header_row, header_row)))?;
    common::protect(sheet);
    Ok(())
}
