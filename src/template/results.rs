//! Part II of a one-unit workbook, the sheet "Kết quả chỉ tiêu": the unit's own value of each part, live
//! from its entries on "Báo cáo", beside the levels. It has a sheet of its own so that it prints under its
//! own header row, not under the value table's.

use super::context::Context;
use super::formulas::{self, Fields};
use super::layout::{FORM_SHEET, RESULT_LAST_COL, RESULT_VALUE_COL, RESULT_WIDTHS, RESULTS_SHEET};
use super::page::{print_setup, protect};
use super::sheet::{Record, SheetWriter};
use super::styles::SIZE;
use crate::catalogue::{Measure, Part, level_text};
use crate::formula::Ref;
use crate::lang::Lang;
use rust_xlsxwriter::{ColNum, RowNum, Workbook, XlsxError};
use std::collections::HashMap;

/// Number format of a live result in the part's unit.
pub fn result_format(unit: Measure) -> &'static str {
    match unit {
        Measure::Cases => "0",
        Measure::Per100000 => "0.0",
        _ => "0.00",
    }
}

/// Writes part II for `parts`, whose elements' inputs are at `cells` and the header fields at `fields` on
/// "Báo cáo".
pub fn write(
    ctx: &Context,
    workbook: &mut Workbook,
    record: &mut Record,
    parts: &[&Part],
    cells: &HashMap<&str, Ref>,
    fields: &Fields,
) -> Result<(), XlsxError> {
    // Part II reads the cells of "Báo cáo": references qualified by its name.
    let cells: HashMap<&str, Ref> =
        cells.iter().map(|(code, cell)| (*code, cell.clone().on(FORM_SHEET))).collect();
    let fields = fields.on(FORM_SHEET);
    let mut sheet = SheetWriter::add(workbook, record, RESULTS_SHEET)?;
    for (col, width) in RESULT_WIDTHS.iter().enumerate() {
        sheet.sheet().set_column_width(col as ColNum, *width)?;
    }
    let header_row = write_live_results(ctx, &mut sheet, parts, &cells, &fields)?;
    let sheet = sheet.sheet();
    print_setup(sheet, false, 1, Some((header_row, header_row)))?;
    protect(sheet);
    Ok(())
}

/// The title, the identity line and the table, rows sized to their text. Returns the row of the table's
/// header.
fn write_live_results(
    ctx: &Context,
    sheet: &mut SheetWriter,
    parts: &[&Part],
    cells: &HashMap<&str, Ref>,
    fields: &Fields,
) -> Result<RowNum, XlsxError> {
    let styles = &ctx.styles;
    let title =
        format!("II. KẾT QUẢ TỰ TÍNH CỦA ĐƠN VỊ (tự động từ số liệu ở trang «{FORM_SHEET}», không cần điền)");
    sheet.merge((0, 0), (0, RESULT_LAST_COL), &title, &styles.section)?;
    let width: f64 = RESULT_WIDTHS.iter().sum();
    sheet.sheet().set_row_height(0, SIZE.height(SIZE.bold_lines(&title, width)))?;
    sheet.merge((1, 0), (1, RESULT_LAST_COL), "", &styles.italic_center)?;
    sheet.formula(1, 0, formulas::identity_line(fields), &styles.italic_center)?;
    let mut row = 3;
    let header_row = row;
    for (col, text) in
        ["STT", "Chỉ tiêu", "Nội dung", "Đơn vị tính", "Kết quả", "Mục tiêu"].iter().enumerate()
    {
        sheet.string(row, col as ColNum, text, &styles.header)?;
    }
    row += 1;
    // Every element of a live part is on "Báo cáo" (see `live_parts`).
    let lookup = |code: &str| cells.get(code).cloned().unwrap_or_else(|| Ref::relative(0, 0));
    for (i, part) in parts.iter().enumerate() {
        sheet.number(row, 0, (i + 1) as u32, &styles.cell_center)?;
        sheet.string(row, 1, &part.id, &styles.cell_center)?;
        sheet.string(row, 2, &part.short, &styles.cell)?;
        sheet.string(row, 3, part.unit.name(Lang::Vi), &styles.cell_center)?;
        let format = styles.result.clone().set_num_format(result_format(part.unit));
        let value = formulas::part_value(part, &lookup, "Chưa đủ số liệu");
        sheet.formula(row, RESULT_VALUE_COL, value, &format)?;
        let targets: Vec<String> = ctx
            .catalogue
            .plan
            .milestones
            .iter()
            .filter_map(|y| part.levels.iter().find(|l| l.year == *y))
            .map(|l| format!("{}: {}", l.year, level_text(l, part.unit, Lang::Vi)))
            .collect();
        let targets = targets.join("\n");
        sheet.string(row, 5, &targets, &styles.cell)?;
        let cells = [
            (part.short.as_str(), RESULT_WIDTHS[2]),
            (part.unit.name(Lang::Vi), RESULT_WIDTHS[3]),
            (targets.as_str(), RESULT_WIDTHS[5]),
            // The result may be the text "Chưa đủ số liệu".
            ("Chưa đủ số liệu", RESULT_WIDTHS[4]),
        ];
        sheet.sheet().set_row_height(row, SIZE.row_height(&cells))?;
        row += 1;
    }
    Ok(header_row)
}
