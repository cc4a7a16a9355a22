//! Layout `unit`: one reporting unit per workbook. The sheet "Báo cáo" holds the administrative header, the
//! header fields, the value table (`STT | Nội dung | Đơn vị tính | Số liệu | Ghi chú`, and the codes in a
//! hidden column outside the print area) grouped by target, the spending and text sections and the signatures; part II follows on a sheet of its own
//! ([`super::results`]).

use super::context::Context;
use super::fields::Place;
use super::layout::{FIELDS_ROW, FORM_LAST_COL, FORM_SHEET, FORM_WIDTHS, NOTE_COL, VALUE_COL};
use super::page::{print_setup, protect};
use super::sheet::{Record, SheetWriter};
use super::spec::{group_by_target, live_parts};
use super::styles::SIZE;
use super::{fields, header, inputs, results, signatures, table};
use crate::catalogue::{Element, ReportLevel};
use crate::formula::Ref;
use crate::lang::Lang;
use rust_xlsxwriter::{RowNum, Workbook, XlsxError};
use std::collections::HashMap;

/// Writes the data sheet, and part II when the workbook can show any part live.
pub fn write(ctx: &Context, workbook: &mut Workbook, record: &mut Record) -> Result<(), XlsxError> {
    let (catalogue, styles) = (ctx.catalogue, &ctx.styles);
    let mut sheet = SheetWriter::add(workbook, record, FORM_SHEET)?;
    table::set_widths(&mut sheet)?;
    // Labels in the wide column, inputs across the three beside it.
    let place = Place { row: FIELDS_ROW, label: 1, input: (2, FORM_LAST_COL) };
    let (fields, mut row) = fields::write(ctx, &mut sheet, place)?;
    let width: f64 = FORM_WIDTHS[..=FORM_LAST_COL as usize].iter().sum();
    header::write(ctx, &mut sheet, &fields, FORM_LAST_COL, &[(0, FORM_LAST_COL, width)])?;
    sheet.merge((row, 0), (row, FORM_LAST_COL), "I. SỐ LIỆU", &styles.section)?;
    let header_row = table::write_header(&mut sheet, styles, row + 1)?;
    row = header_row + 1;
    let elements = ctx.spec.elements(catalogue);
    let mut cells: HashMap<&str, Ref> = HashMap::new();
    let mut number = 0;
    for (target, members) in group_by_target(catalogue, &elements) {
        let heading = match target.and_then(|n| catalogue.targets.iter().find(|t| t.number == n)) {
            Some(t) => format!("Chỉ tiêu {}. {}", t.number, t.text),
            None => "Số liệu khác".to_string(),
        };
        table::write_heading(&mut sheet, styles, row, &heading)?;
        row += 1;
        for element in members {
            number += 1;
            write_element(ctx, &mut sheet, row, number, element)?;
            cells.insert(&element.code, Ref::relative(row, VALUE_COL));
            row += 1;
        }
    }
    row = table::write_report_items(ctx, &mut sheet, row, &mut number)?;
    let end = signatures::write(ctx, &mut sheet, &fields, row + 1, (0, FORM_LAST_COL))?;
    table::print_area(&mut sheet, end)?;
    let page = sheet.sheet();
    print_setup(page, false, 1, Some((header_row, header_row)))?;
    protect(page);
    page.set_selection(FIELDS_ROW, place.input.0, FIELDS_ROW, place.input.0)?;
    let parts = live_parts(catalogue, &elements);
    if !parts.is_empty() {
        results::write(ctx, workbook, record, &parts, &cells, &fields)?;
    }
    Ok(())
}

fn write_element(
    ctx: &Context,
    sheet: &mut SheetWriter,
    row: RowNum,
    number: u32,
    element: &Element,
) -> Result<(), XlsxError> {
    let styles = &ctx.styles;
    let label = if element.level == ReportLevel::District && ctx.spec.reporter.is_none() {
        format!(
            "{} (chỉ {} điền, cho {})",
            element.label,
            ctx.catalogue.area_tier(Lang::Vi),
            ctx.catalogue.whole_area(Lang::Vi)
        )
    } else {
        element.label.clone()
    };
    table::write_row_head(sheet, styles, row, number, [&element.code, &label, element.measure_text()])?;
    inputs::write(sheet, styles, (row, VALUE_COL), element, ctx.value(None, &element.code))?;
    sheet.blank(row, NOTE_COL, &styles.input_text)?;
    let lines = SIZE.lines(&label, FORM_WIDTHS[1]);
    if lines > 1 {
        sheet.sheet().set_row_height(row, SIZE.height(lines))?;
    }
    Ok(())
}
