//! Layout `unit`: one reporting unit per workbook. The sheet "Báo cáo" holds the administrative header, the
//! header fields, the value table (`STT | Mã | Nội dung | Đơn vị tính | Số liệu | Ghi chú`) grouped by
//! target, the spending and text sections and the signatures; the sheet "Kết quả chỉ tiêu" (part II)
//! the unit's own value of each part, live from the entries of "Báo cáo", beside the levels. Part II has a
//! sheet of its own so that it prints under its own header row, not under the value table's.

use super::annotate::{Annotations, write_entry};
use super::cells::Formulas;
use super::common;
use super::styles::{Styles, height_for, lines_needed};
use super::{Spec, group_by_target, live_parts};
use crate::catalogue::{
    Catalogue, Element, ElementType, Measure, Part, ReportItemType, ReportLevel, level_text,
};
use crate::contract;
use crate::lang::Lang;
use crate::submission::Raw;
use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationRule, RowNum, Workbook, Worksheet, XlsxError,
    utility::row_col_to_cell,
};
use std::collections::HashMap;

/// Name of the data sheet.
pub const SHEET: &str = "Báo cáo";
const LAST_COL: ColNum = 5;
const VALUE_COL: ColNum = 4;
/// Column widths of a value table.
pub const WIDTHS: [f64; 6] = [5.0, 25.0, 52.0, 11.0, 13.0, 20.0];
/// Name of the sheet of part II, the unit's own results.
pub const RESULTS_SHEET: &str = "Kết quả chỉ tiêu";
/// Column widths of part II: `STT | Chỉ tiêu | Nội dung | Đơn vị tính | Kết quả | Mục tiêu`, wide enough
/// for "Chưa đủ số liệu" in bold and "2030: ≥ 100% (hằng năm từ 2025)" on one line.
pub const RESULT_WIDTHS: [f64; 6] = [5.0, 8.0, 44.0, 11.0, 17.0, 32.0];

/// Writes the data sheet.
pub fn write(
    workbook: &mut Workbook,
    catalogue: &Catalogue,
    spec: &Spec,
    notes: Option<&Annotations>,
    formulas: &Formulas,
) -> Result<(), XlsxError> {
    let styles = Styles::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    set_widths(sheet)?;
    let (fields, mut row) = common::write_fields(sheet, &styles, catalogue, spec, notes)?;
    common::write_header(sheet, &styles, catalogue, spec, &fields, (0, LAST_COL), formulas)?;
    sheet.merge_range(row, 0, row, LAST_COL, "I. SỐ LIỆU", &styles.section)?;
    let header_row = write_table_header(sheet, &styles, row + 1)?;
    row = header_row + 1;
    let elements = spec.elements(catalogue);
    let mut cells: HashMap<&str, String> = HashMap::new();
    let mut number = 0;
    for (target, members) in group_by_target(catalogue, &elements) {
        let heading = match target.and_then(|n| catalogue.targets.iter().find(|t| t.number == n)) {
            Some(t) => format!("Chỉ tiêu {}. {}", t.number, t.text),
            None => "Số liệu khác".to_string(),
        };
        write_heading(sheet, &styles, row, &heading)?;
        row += 1;
        for element in members {
            number += 1;
            write_element(sheet, &styles, row, number, element, spec, notes)?;
            cells.insert(&element.code, row_col_to_cell(row, VALUE_COL));
            row += 1;
        }
    }
    row = write_report_items(sheet, &styles, catalogue, row, &mut number, notes)?;
    common::write_signatures(sheet, &styles, catalogue, spec, &fields, formulas, row + 1, LAST_COL)?;
    common::print_setup(sheet, false, 1, Some((header_row, header_row)))?;
    common::protect(sheet);
    sheet.set_selection(common::FIELDS_ROW, common::INPUT_COL, common::FIELDS_ROW, common::INPUT_COL)?;
    let parts = live_parts(catalogue, &elements);
    if !parts.is_empty() {
        // Part II reads this sheet's cells: references qualified by its name.
        let quoted = format!("'{}'!", SHEET.replace('\'', "''"));
        let cells: HashMap<&str, String> =
            cells.into_iter().map(|(code, cell)| (code, format!("{quoted}{cell}"))).collect();
        let fields = common::Fields {
            year: format!("{quoted}{}", fields.year),
            unit: fields.unit.map(|unit| format!("{quoted}{unit}")),
            date: format!("{quoted}{}", fields.date),
        };
        let sheet = workbook.add_worksheet();
        sheet.set_name(RESULTS_SHEET)?;
        for (col, width) in RESULT_WIDTHS.iter().enumerate() {
            sheet.set_column_width(col as ColNum, *width)?;
        }
        let header_row = write_live_results(sheet, &styles, catalogue, &parts, &cells, &fields, formulas)?;
        common::print_setup(sheet, false, 1, Some((header_row, header_row)))?;
        common::protect(sheet);
    }
    Ok(())
}

/// The line under part II's title naming the unit and year of "Báo cáo", so that its printed page says
/// whose results these are.
pub fn identity_formula(fields: &common::Fields) -> String {
    let unit = match &fields.unit {
        Some(unit) => format!("IF({unit}=\"\",\"……………………\",{unit})"),
        None => "\"……………………\"".to_string(),
    };
    let year = &fields.year;
    format!("=\"Đơn vị: \"&{unit}&\" · Năm báo cáo: \"&IF({year}=\"\",\"………\",{year})")
}

/// Column widths of a value table.
pub fn set_widths(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as ColNum, *width)?;
    }
    Ok(())
}

/// The header row of a value table (`STT | Mã | Nội dung | Đơn vị tính | Số liệu | Ghi chú`); returns it.
pub fn write_table_header(sheet: &mut Worksheet, styles: &Styles, row: RowNum) -> Result<RowNum, XlsxError> {
    let headers =
        ["STT", contract::HEADER_CODE, "Nội dung", "Đơn vị tính", contract::HEADER_VALUE, "Ghi chú"];
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, col as ColNum, *text, &styles.header)?;
    }
    Ok(row)
}

fn write_heading(sheet: &mut Worksheet, styles: &Styles, row: RowNum, text: &str) -> Result<(), XlsxError> {
    sheet.merge_range(row, 0, row, LAST_COL, text, &styles.group)?;
    let width: f64 = WIDTHS.iter().sum();
    // Bold text runs about a tenth wider.
    let lines = crate::wrap::lines(text, width, super::styles::POINTS * 1.1);
    sheet.set_row_height(row, height_for(lines))?;
    Ok(())
}

fn write_element(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: RowNum,
    number: u32,
    element: &Element,
    spec: &Spec,
    notes: Option<&Annotations>,
) -> Result<(), XlsxError> {
    let label = if element.level == ReportLevel::District && spec.reporter.is_none() {
        format!("{} (chỉ cấp huyện điền, cho toàn huyện)", element.label)
    } else {
        element.label.clone()
    };
    write_row_head(sheet, styles, row, number, &element.code, &label, element.measure_text())?;
    let entry = notes.and_then(|n| n.value(None, &element.code));
    write_input(sheet, styles, row, VALUE_COL, element, entry)?;
    sheet.write_blank(row, 5, &styles.input_text)?;
    let lines = lines_needed(&label, WIDTHS[2]);
    if lines > 1 {
        sheet.set_row_height(row, height_for(lines))?;
    }
    Ok(())
}

/// STT, code, label and unit of measure: the first four cells of a table row.
fn write_row_head(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: RowNum,
    number: u32,
    code: &str,
    label: &str,
    measure: &str,
) -> Result<(), XlsxError> {
    sheet.write_number_with_format(row, 0, number, &styles.cell_center)?;
    sheet.write_string_with_format(row, 1, code, &styles.code)?;
    sheet.write_string_with_format(row, 2, label, &styles.cell)?;
    sheet.write_string_with_format(row, 3, measure, &styles.cell_center)?;
    Ok(())
}

/// The input cell of a data element, with its validation.
pub fn write_input(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: RowNum,
    col: ColNum,
    element: &Element,
    entry: Option<&Raw>,
) -> Result<(), XlsxError> {
    let validation = match element.kind {
        ElementType::Count => {
            write_entry(sheet, row, col, &styles.input_count, entry)?;
            count_validation(&element.label)?
        }
        ElementType::YesNo => {
            write_entry(sheet, row, col, &styles.input_choice, entry)?;
            yes_no_validation(&element.label)?
        }
    };
    sheet.add_data_validation(row, col, row, col, &validation)?;
    Ok(())
}

/// Whole number ≥ 0, with Vietnamese messages.
pub fn count_validation(label: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_input_title("Nhập số nguyên ≥ 0")?
        .set_input_message(truncate(&format!("{label}. Không có thì ghi 0.")))?
        .set_error_title("Số liệu không hợp lệ")?
        .set_error_message("Chỉ nhập số nguyên từ 0 trở lên, không dấu chấm, dấu phẩy hay chữ (ví dụ 1234).")
}

/// Có / Không from a list, with Vietnamese messages.
pub fn yes_no_validation(label: &str) -> Result<DataValidation, XlsxError> {
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

/// The spending and text rows of a value table; returns the next free row.
pub fn write_report_items(
    sheet: &mut Worksheet,
    styles: &Styles,
    catalogue: &Catalogue,
    mut row: RowNum,
    number: &mut u32,
    notes: Option<&Annotations>,
) -> Result<RowNum, XlsxError> {
    let entry = |code: &str| notes.and_then(|n| n.value(None, code));
    let amounts: Vec<_> =
        catalogue.report_items.iter().filter(|i| i.kind == ReportItemType::Amount).collect();
    let texts: Vec<_> = catalogue.report_items.iter().filter(|i| i.kind == ReportItemType::Text).collect();
    if !amounts.is_empty() {
        write_heading(sheet, styles, row, "Kinh phí thực hiện trong năm")?;
        row += 1;
        for item in amounts {
            *number += 1;
            let measure = item.measure.as_deref().unwrap_or("");
            write_row_head(sheet, styles, row, *number, &item.code, &item.label, measure)?;
            write_entry(sheet, row, VALUE_COL, &styles.input_amount, entry(&item.code))?;
            let validation = DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                .set_input_title("Nhập số tiền ≥ 0")?
                .set_input_message(format!("{}, đơn vị {measure}.", item.label))?
                .set_error_title("Số tiền không hợp lệ")?
                .set_error_message("Chỉ nhập số từ 0 trở lên (được dùng số thập phân).")?;
            sheet.add_data_validation(row, VALUE_COL, row, VALUE_COL, &validation)?;
            sheet.write_blank(row, 5, &styles.input_text)?;
            row += 1;
        }
    }
    if !texts.is_empty() {
        write_heading(sheet, styles, row, "Đánh giá kết quả, khó khăn và kiến nghị")?;
        row += 1;
        for item in texts {
            *number += 1;
            write_row_head(sheet, styles, row, *number, &item.code, &item.label, "Văn bản")?;
            sheet.merge_range(row, VALUE_COL, row, LAST_COL, "", &styles.input_text)?;
            write_entry(sheet, row, VALUE_COL, &styles.input_text, entry(&item.code))?;
            // Room for a paragraph; a longer answer already written gets the rows it needs.
            let lines = match entry(&item.code) {
                Some(Raw::Text(text)) => lines_needed(text, WIDTHS[4] + WIDTHS[5]),
                _ => 0,
            };
            sheet.set_row_height(row, height_for(lines.max(6)))?;
            row += 1;
        }
    }
    Ok(row)
}

/// Number format of a live result in the part's unit.
pub fn result_format(unit: Measure) -> &'static str {
    match unit {
        Measure::Cases => "0",
        Measure::Per100000 => "0.0",
        _ => "0.00",
    }
}

/// The formula giving a part's value from the cells of its elements (`missing` while any is not a number).
pub fn part_formula(part: &Part, cells: &dyn Fn(&str) -> String, missing: &str) -> String {
    let sum = |codes: &[String]| codes.iter().map(|c| cells(c)).collect::<Vec<_>>().join("+");
    let mut all: Vec<String> = part.numerator.iter().chain(&part.denominator).map(|c| cells(c)).collect();
    all.dedup();
    let count = format!("COUNT({})<{}", all.join(","), all.len());
    let body = if part.denominator.is_empty() {
        sum(&part.numerator)
    } else {
        let denominator = sum(&part.denominator);
        format!(
            "IF(({denominator})=0,\"Không phát sinh\",({})*{}/({denominator}))",
            sum(&part.numerator),
            part.factor
        )
    };
    format!("=IF({count},\"{missing}\",{body})")
}

/// Part II: the unit's own value of each part, live from its entries on "Báo cáo", beside the levels, rows
/// sized to their text. Returns the row of its table header.
fn write_live_results(
    sheet: &mut Worksheet,
    styles: &Styles,
    catalogue: &Catalogue,
    parts: &[&Part],
    cells: &HashMap<&str, String>,
    fields: &common::Fields,
    formulas: &Formulas,
) -> Result<RowNum, XlsxError> {
    let title =
        format!("II. KẾT QUẢ TỰ TÍNH CỦA ĐƠN VỊ (tự động từ số liệu ở trang «{SHEET}», không cần điền)");
    sheet.merge_range(0, 0, 0, LAST_COL, &title, &styles.section)?;
    let width: f64 = RESULT_WIDTHS.iter().sum();
    sheet.set_row_height(0, height_for(crate::wrap::lines(&title, width, super::styles::POINTS * 1.1)))?;
    sheet.merge_range(1, 0, 1, LAST_COL, "", &styles.italic_center)?;
    formulas.write(sheet, 1, 0, &identity_formula(fields), &styles.italic_center)?;
    let mut row = 3;
    let header_row = row;
    for (col, text) in
        ["STT", "Chỉ tiêu", "Nội dung", "Đơn vị tính", "Kết quả", "Mục tiêu"].iter().enumerate()
    {
        sheet.write_string_with_format(row, col as ColNum, *text, &styles.header)?;
    }
    row += 1;
    let lookup = |code: &str| cells.get(code).cloned().unwrap_or_default();
    for (i, part) in parts.iter().enumerate() {
        sheet.write_number_with_format(row, 0, (i + 1) as u32, &styles.cell_center)?;
        sheet.write_string_with_format(row, 1, &part.id, &styles.cell_center)?;
        sheet.write_string_with_format(row, 2, &part.short, &styles.cell)?;
        sheet.write_string_with_format(row, 3, part.unit.name(Lang::Vi), &styles.cell_center)?;
        let format = styles.result.clone().set_num_format(result_format(part.unit));
        formulas.write(sheet, row, VALUE_COL, &part_formula(part, &lookup, "Chưa đủ số liệu"), &format)?;
        let targets: Vec<String> = catalogue
            .plan
            .milestones
            .iter()
            .filter_map(|y| part.levels.iter().find(|l| l.year == *y))
            .map(|l| format!("{}: {}", l.year, level_text(l, part.unit, Lang::Vi)))
            .collect();
        let targets = targets.join("\n");
        sheet.write_string_with_format(row, 5, &targets, &styles.cell)?;
        let cells = [
            (part.short.as_str(), RESULT_WIDTHS[2]),
            (part.unit.name(Lang::Vi), RESULT_WIDTHS[3]),
            (targets.as_str(), RESULT_WIDTHS[5]),
            // The result may be the text "Chưa đủ số liệu".
            ("Chưa đủ số liệu", RESULT_WIDTHS[4]),
        ];
        sheet.set_row_height(row, crate::wrap::row_height(&cells, super::styles::POINTS))?;
        row += 1;
    }
    Ok(header_row)
}
