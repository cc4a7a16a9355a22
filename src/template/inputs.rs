//! The input cell of a data element, with its validation: a whole number ≥ 0, or Có/Không from a list.

use super::sheet::SheetWriter;
use super::styles::Styles;
use crate::catalogue::{Element, ElementType};
use crate::submission::Raw;
use rust_xlsxwriter::{ColNum, DataValidation, DataValidationRule, RowNum, XlsxError};

/// Writes the input cell of a data element with the clerk's entry, if any, and its validation.
pub fn write(
    sheet: &mut SheetWriter,
    styles: &Styles,
    (row, col): (RowNum, ColNum),
    element: &Element,
    entry: Option<&Raw>,
) -> Result<(), XlsxError> {
    let validation = match element.kind {
        ElementType::Count => {
            sheet.entry((row, col), &styles.input_count, entry, false)?;
            count_validation(&element.label)?
        }
        ElementType::YesNo => {
            sheet.entry((row, col), &styles.input_choice, entry, false)?;
            yes_no_validation(&element.label)?
        }
    };
    sheet.sheet().add_data_validation(row, col, row, col, &validation)?;
    Ok(())
}

/// Whole number ≥ 0, with Vietnamese messages.
fn count_validation(label: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_input_title("Nhập số nguyên ≥ 0")?
        .set_input_message(truncate(&format!("{label}. Không có thì ghi 0.")))?
        .set_error_title("Số liệu không hợp lệ")?
        .set_error_message("Chỉ nhập số nguyên từ 0 trở lên, không dấu chấm, dấu phẩy hay chữ (ví dụ 1234).")
}

/// Có / Không from a list, with Vietnamese messages.
fn yes_no_validation(label: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(&["Có", "Không"])?
        .set_input_title("Chọn Có hoặc Không")?
        .set_input_message(truncate(label))?
        .set_error_title("Chỉ chọn Có hoặc Không")?
        .set_error_message("Hãy chọn «Có» hoặc «Không» trong danh sách thả xuống.")
}

/// Input messages are limited to 255 characters.
fn truncate(text: &str) -> String {
    if text.chars().count() <= 250 {
        text.to_string()
    } else {
        text.chars().take(249).collect::<String>() + "…"
    }
}
