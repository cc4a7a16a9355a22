//! The header fields under the administrative header: unit (layout `unit` only), year, report date,
//! preparer and phone, each with its validation.

use super::context::Context;
use super::formulas::Fields;
use super::lists::{unit_option, units_range};
use super::sheet::SheetWriter;
use super::spec::Layout;
use crate::contract;
use crate::formula::Ref;
use crate::lang::Lang;
use crate::submission::Field;
use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationRule, ExcelDateTime, Format, Formula, RowNum, XlsxError,
};

/// Where the fields go: their first row, the column of the labels and the columns each input spans.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// First row.
    pub row: RowNum,
    /// Column of the labels.
    pub label: ColNum,
    /// First and last column of each input (merged when they differ).
    pub input: (ColNum, ColNum),
}

/// Writes the header fields at `place`; returns where they are and the first row free under them.
pub fn write(ctx: &Context, sheet: &mut SheetWriter, place: Place) -> Result<(Fields, RowNum), XlsxError> {
    let (catalogue, spec, styles) = (ctx.catalogue, ctx.spec, &ctx.styles);
    let Place { mut row, label: label_col, input: (input_col, last) } = place;
    // An input spanning several columns is merged over them, its value in the first.
    let span = |sheet: &mut SheetWriter, row: RowNum, format: &Format| -> Result<(), XlsxError> {
        if last > input_col {
            sheet.merge((row, input_col), (row, last), "", format)?;
        }
        Ok(())
    };
    let mut unit = None;
    let lists = units_range(catalogue, spec);
    if spec.layout == Layout::Unit {
        sheet.string(row, label_col, contract::LABEL_UNIT, &styles.label)?;
        span(sheet, row, &styles.input_choice)?;
        match (spec.reporter, ctx.field(Field::Unit)) {
            (Some(reporter), None) => {
                let text = unit_option(catalogue, reporter);
                sheet.string(row, input_col, text, &styles.input_choice)?;
            }
            (_, entry) => sheet.entry((row, input_col), &styles.input_choice, entry, false)?,
        }
        let validation = DataValidation::new()
            .allow_list_formula(Formula::new(lists))
            .set_input_title("Đơn vị báo cáo")?
            .set_input_message(format!(
                "Chọn {} trong danh sách.",
                catalogue.unit_kind_words(spec.year, Lang::Vi)
            ))?
            .set_error_title("Đơn vị không có trong danh sách")?
            .set_error_message("Hãy chọn đơn vị trong danh sách thả xuống.")?;
        sheet.sheet().add_data_validation(row, input_col, row, input_col, &validation)?;
        unit = Some(Ref::absolute(row, input_col));
        row += 1;
    }
    sheet.string(row, label_col, contract::LABEL_YEAR, &styles.label)?;
    span(sheet, row, &styles.input_choice)?;
    match (spec.year, ctx.field(Field::Year)) {
        (Some(year), None) => sheet.number(row, input_col, year, &styles.input_choice)?,
        (_, entry) => sheet.entry((row, input_col), &styles.input_choice, entry, false)?,
    };
    let (start, end) = (catalogue.plan.start_year, catalogue.plan.end_year);
    let validation = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(start as i32, end as i32))
        .set_input_title("Năm báo cáo")?
        .set_input_message(format!("Năm từ {start} đến {end}, ví dụ {end}."))?
        .set_error_title("Năm không hợp lệ")?
        .set_error_message(format!("Năm báo cáo phải từ {start} đến {end}."))?;
    sheet.sheet().add_data_validation(row, input_col, row, input_col, &validation)?;
    let year = Ref::absolute(row, input_col);
    row += 1;
    sheet.string(row, label_col, contract::LABEL_DATE, &styles.label)?;
    span(sheet, row, &styles.input_date)?;
    sheet.entry((row, input_col), &styles.input_date, ctx.field(Field::Date), true)?;
    let date = Ref::absolute(row, input_col);
    let first = ExcelDateTime::from_ymd(start, 1, 1)?;
    let last = ExcelDateTime::from_ymd(end + 1, 12, 31)?;
    let d = &catalogue.reporting.deadline;
    let validation = DataValidation::new()
        .allow_date(DataValidationRule::Between(first, last))
        .set_input_title("Ngày báo cáo")?
        .set_input_message(format!("Ngày ký báo cáo, dạng ngày/tháng/năm. Hạn nộp: {}.", d.wording))?
        .set_error_title("Ngày không hợp lệ")?
        .set_error_message("Nhập ngày dạng ngày/tháng/năm, ví dụ 25/10/2024.")?;
    sheet.sheet().add_data_validation(row, input_col, row, input_col, &validation)?;
    row += 1;
    for (field, label) in [(Field::Preparer, contract::LABEL_PREPARER), (Field::Phone, contract::LABEL_PHONE)]
    {
        sheet.string(row, label_col, label, &styles.label)?;
        span(sheet, row, &styles.input_text)?;
        sheet.entry((row, input_col), &styles.input_text, ctx.field(field), false)?;
        row += 1;
    }
    Ok((Fields { year, unit, date }, row + 1))
}
