//! The sheet of an annotated copy that lists every problem: level (Lỗi, Cảnh báo), the cell in the file
//! sent, what to fix in words. The clerk reads it: no rule's code (that is in the JSON).

use super::annotations::Annotations;
use super::layout::PROBLEMS_SHEET;
use super::page::print_setup;
use super::sheet::{Record, SheetWriter};
use super::styles::{SIZE, Styles};
use rust_xlsxwriter::{ColNum, Color, RowNum, Workbook, XlsxError};

/// The columns' widths: number, level, the cell (wide enough for `Số liệu theo đơn vị!AB123`), what to fix.
const WIDTHS: [f64; 4] = [5.0, 11.0, 26.0, 104.0];

/// Writes the sheet listing every problem.
pub fn write(
    workbook: &mut Workbook,
    record: &mut Record,
    styles: &Styles,
    annotations: &Annotations,
) -> Result<(), XlsxError> {
    let mut sheet = SheetWriter::add(workbook, record, PROBLEMS_SHEET)?;
    sheet.sheet().set_tab_color(Color::RGB(0xC00000));
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.sheet().set_column_width(col as ColNum, *width)?;
    }
    let sheets: Vec<String> = annotations.problem_sheets().iter().map(|s| format!("«{s}»")).collect();
    let title = match sheets.is_empty() {
        true => "CÁC LỖI CẦN SỬA".to_string(),
        false => format!("CÁC LỖI CẦN SỬA (ô tô đỏ trong trang {})", sheets.join(", ")),
    };
    sheet.merge((0, 0), (0, 3), &title, &styles.title)?;
    for (col, text) in ["STT", "Mức", "Ô trong tệp đã gửi", "Cần sửa"].iter().enumerate() {
        sheet.string(2, col as ColNum, text, &styles.header)?;
    }
    for (i, problem) in annotations.problems.iter().enumerate() {
        let row = 3 + i as RowNum;
        sheet.number(row, 0, (i + 1) as u32, &styles.cell_center)?;
        for (col, text) in problem.iter().enumerate() {
            sheet.string(row, 1 + col as ColNum, text, &styles.cell)?;
        }
        let lines = SIZE.lines(&problem[2], WIDTHS[3]);
        sheet.sheet().set_row_height(row, SIZE.height(lines))?;
    }
    print_setup(sheet.sheet(), true, 1, Some((2, 2)))
}
