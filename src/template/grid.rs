//! Layout `units`: one workbook per office for a whole year. The sheet "Số liệu theo đơn vị" has a row per
//! unit expected that year and a column per data element (the row holding `Mã ĐVHC` names the columns by
//! code), the district row for figures only the district holds, totals, and the unit's own value of each
//! part. The spending and text sections go on the sheet "Thuyết minh" as a `Mã | Số liệu` table.

use super::context::Context;
use super::formulas;
use super::layout::{FIRST_DATA_COL, GRID_SHEET, GRID_WIDTHS, NOTES_SHEET};
use super::page::{print_setup, protect};
use super::results::result_format;
use super::sheet::{Record, SheetWriter};
use super::spec::{Spec, live_parts};
use super::styles::{SIZE, Styles};
use super::{fields, header, inputs, signatures, table};
use crate::catalogue::{Catalogue, Element, ElementType, Part, ReportLevel};
use crate::contract;
use crate::formula::Ref;
use crate::lang::Lang;
use rust_xlsxwriter::{ColNum, RowNum, Workbook, XlsxError};

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
pub fn write(ctx: &Context, workbook: &mut Workbook, record: &mut Record) -> Result<(), XlsxError> {
    let (catalogue, spec, styles) = (ctx.catalogue, ctx.spec, &ctx.styles);
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
    let mut sheet = SheetWriter::add(workbook, record, GRID_SHEET)?;
    for (col, width) in GRID_WIDTHS.iter().take(3).enumerate() {
        sheet.sheet().set_column_width(col as ColNum, *width)?;
    }
    sheet.sheet().set_column_range_width(FIRST_DATA_COL, last_col, GRID_WIDTHS[3])?;
    let (fields, mut row) = fields::write(ctx, &mut sheet)?;
    // Printed over several pages, each with the unit columns: the header and signatures stay within the
    // columns of the first page, and the title lines off the repeated unit columns, so that no title or
    // motto is cut between pages.
    let data_cols = (last_col + 1 - FIRST_DATA_COL) as u32;
    let pages_wide = (GRID_WIDTHS[3] as u32 * data_cols).div_ceil(PAGE_WIDTH - UNIT_WIDTH) as u16;
    let per_page = (data_cols as f64 / pages_wide.max(1) as f64).floor() as ColNum;
    let first_page_col = (FIRST_DATA_COL + per_page.max(4) - 1).min(last_col);
    header::write(ctx, &mut sheet, &fields, (FIRST_DATA_COL, first_page_col))?;
    let labels_row = row;
    let codes_row = row + 1;
    sheet.merge((labels_row, 0), (labels_row, 2), "Nội dung (đơn vị tính)", &styles.header)?;
    let labels = elements.iter().map(|e| format!("{} ({})", e.label, e.measure_text())).chain(
        parts.iter().map(|p| format!("Kết quả tự tính {} {} ({})", p.id, p.short, p.unit.name(Lang::Vi))),
    );
    let lines = labels.map(|l| SIZE.bold_lines(&l, GRID_WIDTHS[3])).max();
    sheet.sheet().set_row_height(labels_row, SIZE.height(lines.unwrap_or(1)))?;
    for (col, text) in ["STT", contract::HEADER_UNIT_CODE, "Tên đơn vị"].iter().enumerate() {
        sheet.string(codes_row, col as ColNum, text, &styles.header)?;
    }
    for (i, element) in elements.iter().enumerate() {
        let col = FIRST_DATA_COL + i as ColNum;
        let label = format!("{} ({})", element.label, element.measure_text());
        sheet.string(labels_row, col, &label, &styles.header)?;
        sheet.string(codes_row, col, &element.code, &styles.code)?;
    }
    let first_part_col = FIRST_DATA_COL + elements.len() as ColNum;
    for (i, part) in parts.iter().enumerate() {
        let col = first_part_col + i as ColNum;
        let label = format!("Kết quả tự tính {} {} ({})", part.id, part.short, part.unit.name(Lang::Vi));
        sheet.string(labels_row, col, &label, &styles.header)?;
        sheet.string(codes_row, col, &part.id, &styles.header)?;
    }
    row = codes_row + 1;
    let first_unit_row = row;
    for (i, grid_row) in grid_rows(catalogue, spec, &elements).iter().enumerate() {
        write_row(ctx, &mut sheet, row, i + 1, grid_row, &elements)?;
        if !grid_row.district {
            write_results(&mut sheet, styles, (row, first_part_col), &parts, &elements)?;
        }
        row += 1;
    }
    write_totals(&mut sheet, styles, row, first_unit_row, &elements)?;
    signatures::write(ctx, &mut sheet, &fields, row + 2, first_page_col)?;
    let page = sheet.sheet();
    page.set_freeze_panes(codes_row + 1, FIRST_DATA_COL)?;
    print_setup(page, true, pages_wide, Some((labels_row, codes_row)))?;
    // Number, code and name of the unit on every page.
    page.set_repeat_columns(0, FIRST_DATA_COL - 1)?;
    protect(page);
    write_notes(ctx, workbook, record)
}

fn grid_rows(catalogue: &Catalogue, spec: &Spec, elements: &[&Element]) -> Vec<GridRow> {
    let year = spec.year.unwrap_or(catalogue.plan.end_year);
    let mut rows: Vec<GridRow> = catalogue
        .template_units_in(year)
        .map(|u| GridRow { code: u.code.clone(), name: u.full_name(), district: false })
        .collect();
    if elements.iter().any(|e| e.level == ReportLevel::District) {
        rows.push(GridRow {
            code: catalogue.plan.area_code.clone(),
            name: format!("Toàn {} (số liệu chỉ {} có)", catalogue.plan.area, catalogue.area_tier(Lang::Vi)),
            district: true,
        });
    }
    rows
}

fn write_row(
    ctx: &Context,
    sheet: &mut SheetWriter,
    row: RowNum,
    number: usize,
    grid_row: &GridRow,
    elements: &[&Element],
) -> Result<(), XlsxError> {
    let styles = &ctx.styles;
    sheet.number(row, 0, number as u32, &styles.cell_center)?;
    sheet.string(row, 1, &grid_row.code, &styles.cell_center)?;
    sheet.string(row, 2, &grid_row.name, &styles.cell)?;
    let lines = SIZE.lines(&grid_row.name, 30.0);
    if lines > 1 {
        sheet.sheet().set_row_height(row, SIZE.height(lines))?;
    }
    for (i, element) in elements.iter().enumerate() {
        let col = FIRST_DATA_COL + i as ColNum;
        let open = (element.level == ReportLevel::District) == grid_row.district;
        if !open {
            sheet.blank(row, col, &styles.closed)?;
            continue;
        }
        let entry = ctx.value(Some(&grid_row.code), &element.code);
        inputs::write(sheet, styles, (row, col), element, entry)?;
    }
    Ok(())
}

/// The unit's own value of each part, from the row's cells.
fn write_results(
    sheet: &mut SheetWriter,
    styles: &Styles,
    (row, first_col): (RowNum, ColNum),
    parts: &[&Part],
    elements: &[&Element],
) -> Result<(), XlsxError> {
    let cell = |code: &str| {
        let index = elements.iter().position(|e| e.code == code).unwrap_or_default();
        Ref::relative(row, FIRST_DATA_COL + index as ColNum)
    };
    for (i, part) in parts.iter().enumerate() {
        let format = styles.result.clone().set_num_format(result_format(part.unit));
        sheet.formula(row, first_col + i as ColNum, formulas::part_value(part, &cell, ""), &format)?;
    }
    Ok(())
}

fn write_totals(
    sheet: &mut SheetWriter,
    styles: &Styles,
    row: RowNum,
    first_unit_row: RowNum,
    elements: &[&Element],
) -> Result<(), XlsxError> {
    sheet.merge((row, 0), (row, 2), "Cộng các đơn vị", &styles.group)?;
    for (i, element) in elements.iter().enumerate() {
        let col = FIRST_DATA_COL + i as ColNum;
        if element.kind == ElementType::Count && element.level == ReportLevel::Unit {
            let total = formulas::total(Ref::relative(first_unit_row, col), Ref::relative(row - 1, col));
            let format = styles.result.clone().set_num_format("#,##0");
            sheet.formula(row, col, total, &format)?;
        } else {
            sheet.blank(row, col, &styles.group)?;
        }
    }
    Ok(())
}

/// The sheet "Thuyết minh": the spending and text rows as a value table.
fn write_notes(ctx: &Context, workbook: &mut Workbook, record: &mut Record) -> Result<(), XlsxError> {
    let styles = &ctx.styles;
    let mut sheet = SheetWriter::add(workbook, record, NOTES_SHEET)?;
    table::set_widths(&mut sheet)?;
    let title = "THUYẾT MINH: KINH PHÍ, KẾT QUẢ, KHÓ KHĂN VÀ KIẾN NGHỊ";
    sheet.merge((0, 0), (0, 5), title, &styles.title)?;
    let header_row = table::write_header(&mut sheet, styles, 2)?;
    let mut number = 0;
    table::write_report_items(ctx, &mut sheet, header_row + 1, &mut number)?;
    let page = sheet.sheet();
    print_setup(page, false, 1, Some((header_row, header_row)))?;
    protect(page);
    Ok(())
}
