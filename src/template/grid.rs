//! Layout `units`: one workbook per office for a whole year. The sheet "Số liệu theo đơn vị" has a row per
//! unit expected that year and a column per data element (the row holding `Mã ĐVHC` names the columns by
//! code), the district row for figures only the district holds, totals, and the unit's own value of each
//! part. The spending and text sections go on the sheet "Thuyết minh" as a `Mã | Số liệu` table.

use super::context::Context;
use super::fields::Place;
use super::formulas;
use super::grid_print::{self, DEFAULT_ROW_PT, Rows};
use super::layout::{FIELDS_ROW, FIRST_DATA_COL, FORM_LAST_COL, GRID_SHEET, GRID_WIDTHS, NOTES_SHEET};
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
const UNIT_WIDTH: u32 = (GRID_WIDTHS[0] + GRID_WIDTHS[1] + GRID_WIDTHS[2]) as u32;
/// Width an A4 landscape page holds at the scale the grid is printed at.
const PAGE_WIDTH: u32 = 220;

/// First of the title lines ([`header::titles`]), repeated on every page with the table's header.
const TITLE_ROW: RowNum = 3;

/// The columns of a page's title lines, and their width: its data columns less, on the right, about the
/// width of the unit columns printed on its left, so that the lines centre on the printed page (they wrap
/// where that is narrow).
fn centred((first, last): (ColNum, ColNum)) -> (ColNum, ColNum, f64) {
    let unit_cols = (UNIT_WIDTH as f64 / GRID_WIDTHS[3]).round() as ColNum;
    let last = if last - first + 1 > unit_cols + 2 { last - unit_cols } else { last };
    (first, last, GRID_WIDTHS[3] * (last + 1 - first) as f64)
}

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
    let rows = grid_rows(catalogue, spec, &elements);
    // The table under the title lines, so that they repeat together on every page (print titles); the
    // fields go with the signatures under the table.
    let labels_row = FIELDS_ROW;
    let codes_row = labels_row + 1;
    let first_unit_row = codes_row + 1;
    let totals_row = first_unit_row + rows.len() as RowNum;
    // Printed over several pages, each with the unit columns: each page's data columns (fixed by page
    // breaks) get their own copy of the title lines, nothing else spans the repeated unit columns, and the
    // fields and signatures stay within the first page's data columns.
    let data_cols = (last_col + 1 - FIRST_DATA_COL) as u32;
    let pages_wide = (GRID_WIDTHS[3] as u32 * data_cols).div_ceil(PAGE_WIDTH - UNIT_WIDTH).max(1) as u16;
    // Data columns shared out evenly between the pages.
    let pages: Vec<(ColNum, ColNum)> = (0..pages_wide as u32)
        .map(|k| {
            let start = |k: u32| FIRST_DATA_COL + (k * data_cols / pages_wide as u32) as ColNum;
            (start(k), start(k + 1) - 1)
        })
        .collect();
    let first_page_col = pages[0].1;
    let place = Place {
        row: totals_row + 2,
        label: FIRST_DATA_COL + 1,
        input: (FIRST_DATA_COL + 2, FIRST_DATA_COL + 3),
    };
    let (fields, signature_row) = fields::write(ctx, &mut sheet, place)?;
    let title_cols: Vec<(ColNum, ColNum, f64)> = pages.iter().map(|page| centred(*page)).collect();
    let titles_height = header::write(ctx, &mut sheet, &fields, first_page_col, &title_cols)?;
    let breaks: Vec<u32> = pages[1..].iter().map(|(first, _)| *first as u32).collect();
    sheet.sheet().set_vertical_page_breaks(&breaks)?;
    // The labels are the printed header; the row of codes under them, read back, is hidden (its unit
    // column named by the contract's header, the printed one otherwise, so that a program looking for the
    // contract's header finds the codes).
    for (col, text) in ["STT", "Mã đơn vị", "Tên đơn vị"].iter().enumerate() {
        sheet.string(labels_row, col as ColNum, text, &styles.header)?;
    }
    for (col, text) in ["STT", contract::HEADER_UNIT_CODE, "Tên đơn vị"].iter().enumerate() {
        sheet.string(codes_row, col as ColNum, text, &styles.header)?;
    }
    let labels = elements.iter().map(|e| format!("{} ({})", e.label, e.measure_text())).chain(
        parts.iter().map(|p| format!("Kết quả tự tính {} {} ({})", p.id, p.short, p.unit.name(Lang::Vi))),
    );
    let lines = labels.map(|l| SIZE.bold_lines(&l, GRID_WIDTHS[3])).max();
    let labels_height = SIZE.height(lines.unwrap_or(1));
    sheet.sheet().set_row_height(labels_row, labels_height)?;
    sheet.sheet().set_row_hidden(codes_row)?;
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
    let mut heights = Vec::with_capacity(rows.len());
    for (row, (i, grid_row)) in (first_unit_row..).zip(rows.iter().enumerate()) {
        heights.push(write_row(ctx, &mut sheet, row, i + 1, grid_row, &elements)?);
        if !grid_row.district {
            write_results(&mut sheet, styles, (row, first_part_col), &parts, &elements)?;
        }
    }
    write_totals(&mut sheet, styles, totals_row, first_unit_row, &elements)?;
    // The signatures span the unit columns too: only the first page prints the rows under the totals.
    let last_row = signatures::write(ctx, &mut sheet, &fields, signature_row, (0, first_page_col))?;
    let page = sheet.sheet();
    page.set_freeze_panes(codes_row + 1, FIRST_DATA_COL)?;
    // The title lines and the table's header on every page.
    print_setup(page, true, pages_wide, Some((TITLE_ROW, codes_row)))?;
    let scale = grid_print::scale(&pages);
    page.set_print_scale(scale);
    let layout = Rows {
        letterhead: TITLE_ROW as f64 * DEFAULT_ROW_PT,
        repeated: titles_height + DEFAULT_ROW_PT + labels_height,
        first_unit_row,
        units: heights,
        tail: (last_row + 1 - totals_row) as f64 * DEFAULT_ROW_PT,
    };
    page.set_page_breaks(&grid_print::row_breaks(&layout, scale))?;
    // Number, code and name of the unit on every page.
    page.set_repeat_columns(0, FIRST_DATA_COL - 1)?;
    // The first page's columns from the top, the others from the title lines to the totals.
    page.set_print_area(0, 0, last_row, first_page_col)?;
    protect(page);
    let ranges = |pages: &[(ColNum, ColNum)]| {
        grid_print::print_ranges(GRID_SHEET, pages, (TITLE_ROW, totals_row, last_row))
    };
    record.print_area = Some((ranges(&pages[..1]), ranges(&pages)));
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
) -> Result<f64, XlsxError> {
    let styles = &ctx.styles;
    sheet.number(row, 0, number as u32, &styles.cell_center)?;
    sheet.string(row, 1, &grid_row.code, &styles.cell_center)?;
    sheet.string(row, 2, &grid_row.name, &styles.cell)?;
    let lines = SIZE.lines(&grid_row.name, 30.0);
    let height = if lines > 1 { SIZE.height(lines) } else { DEFAULT_ROW_PT };
    if lines > 1 {
        sheet.sheet().set_row_height(row, height)?;
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
    Ok(height)
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
    sheet.merge((0, 0), (0, FORM_LAST_COL), title, &styles.title)?;
    let header_row = table::write_header(&mut sheet, styles, 2)?;
    let mut number = 0;
    let end = table::write_report_items(ctx, &mut sheet, header_row + 1, &mut number)?;
    table::print_area(&mut sheet, end.saturating_sub(1))?;
    let page = sheet.sheet();
    print_setup(page, false, 1, Some((header_row, header_row)))?;
    protect(page);
    Ok(())
}
