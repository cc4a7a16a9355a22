//! A value table (`STT | Nội dung | Đơn vị tính | Số liệu | Ghi chú | Mã`): its widths, header row, heading
//! rows, the first cells of a row, and the spending and text rows that close it. The `Mã` column is for the
//! reader, not the clerk: hidden, and outside the print area ([`set_widths`], [`print_area`]).

use super::context::Context;
use super::layout::{CODE_COL, FORM_LAST_COL, FORM_WIDTHS, NOTE_COL, VALUE_COL};
use super::sheet::SheetWriter;
use super::styles::{SIZE, Styles};
use crate::catalogue::ReportItemType;
use crate::contract;
use crate::submission::Raw;
use rust_xlsxwriter::{ColNum, DataValidation, DataValidationRule, RowNum, XlsxError};

/// Column widths of a value table; the code column hidden.
pub fn set_widths(sheet: &mut SheetWriter) -> Result<(), XlsxError> {
    for (col, width) in FORM_WIDTHS.iter().enumerate() {
        sheet.sheet().set_column_width(col as ColNum, *width)?;
    }
    sheet.sheet().set_column_hidden(CODE_COL)?;
    Ok(())
}

/// The print area of a sheet holding a value table: its rows up to `last_row`, without the code column.
pub fn print_area(sheet: &mut SheetWriter, last_row: RowNum) -> Result<(), XlsxError> {
    sheet.sheet().set_print_area(0, 0, last_row, FORM_LAST_COL)?;
    Ok(())
}

/// The header row of a value table; returns it.
pub fn write_header(sheet: &mut SheetWriter, styles: &Styles, row: RowNum) -> Result<RowNum, XlsxError> {
    let headers = ["STT", "Nội dung", "Đơn vị tính", contract::HEADER_VALUE, contract::HEADER_NOTE];
    for (col, text) in headers.iter().enumerate() {
        sheet.string(row, col as ColNum, text, &styles.header)?;
    }
    sheet.string(row, CODE_COL, contract::HEADER_CODE, &styles.code)?;
    Ok(row)
}

/// A heading row across the printed columns, as high as its text needs.
pub fn write_heading(
    sheet: &mut SheetWriter,
    styles: &Styles,
    row: RowNum,
    text: &str,
) -> Result<(), XlsxError> {
    sheet.merge((row, 0), (row, FORM_LAST_COL), text, &styles.group)?;
    let width: f64 = FORM_WIDTHS[..=FORM_LAST_COL as usize].iter().sum();
    // Bold text runs about a tenth wider.
    let lines = SIZE.bold_lines(text, width);
    sheet.sheet().set_row_height(row, SIZE.height(lines))?;
    Ok(())
}

/// STT, label and unit of measure: the first three cells of a table row; and the code, in its hidden column.
pub fn write_row_head(
    sheet: &mut SheetWriter,
    styles: &Styles,
    row: RowNum,
    number: u32,
    [code, label, measure]: [&str; 3],
) -> Result<(), XlsxError> {
    sheet.number(row, 0, number, &styles.cell_center)?;
    sheet.string(row, 1, label, &styles.cell)?;
    sheet.string(row, 2, measure, &styles.cell_center)?;
    sheet.string(row, CODE_COL, code, &styles.code)?;
    Ok(())
}

/// The spending and text rows of a value table from `row`, numbered on from `number`; returns the next
/// free row.
pub fn write_report_items(
    ctx: &Context,
    sheet: &mut SheetWriter,
    mut row: RowNum,
    number: &mut u32,
) -> Result<RowNum, XlsxError> {
    let styles = &ctx.styles;
    let entry = |code: &str| ctx.value(None, code);
    let items = &ctx.catalogue.report_items;
    let amounts: Vec<_> = items.iter().filter(|i| i.kind == ReportItemType::Amount).collect();
    let texts: Vec<_> = items.iter().filter(|i| i.kind == ReportItemType::Text).collect();
    if !amounts.is_empty() {
        write_heading(sheet, styles, row, "Kinh phí thực hiện trong năm")?;
        row += 1;
        for item in amounts {
            *number += 1;
            let measure = item.measure.as_deref().unwrap_or("");
            write_row_head(sheet, styles, row, *number, [&item.code, &item.label, measure])?;
            sheet.entry((row, VALUE_COL), &styles.input_amount, entry(&item.code), false)?;
            let validation = DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                .set_input_title("Nhập số tiền ≥ 0")?
                .set_input_message(format!("{}, đơn vị {measure}.", item.label))?
                .set_error_title("Số tiền không hợp lệ")?
                .set_error_message("Chỉ nhập số từ 0 trở lên (được dùng số thập phân).")?;
            sheet.sheet().add_data_validation(row, VALUE_COL, row, VALUE_COL, &validation)?;
            sheet.blank(row, NOTE_COL, &styles.input_text)?;
            row += 1;
        }
    }
    if !texts.is_empty() {
        write_heading(sheet, styles, row, "Đánh giá kết quả, khó khăn và kiến nghị")?;
        row += 1;
        for item in texts {
            *number += 1;
            write_row_head(sheet, styles, row, *number, [&item.code, &item.label, "Văn bản"])?;
            sheet.merge((row, VALUE_COL), (row, FORM_LAST_COL), "", &styles.input_text)?;
            sheet.entry((row, VALUE_COL), &styles.input_text, entry(&item.code), false)?;
            // Room for a paragraph; a longer answer already written gets the rows it needs.
            let lines = match entry(&item.code) {
                Some(Raw::Text(text)) => {
                    SIZE.lines(text, FORM_WIDTHS[VALUE_COL as usize] + FORM_WIDTHS[NOTE_COL as usize])
                }
                _ => 0,
            };
            sheet.sheet().set_row_height(row, SIZE.height(lines.max(6)))?;
            row += 1;
        }
    }
    Ok(row)
}
