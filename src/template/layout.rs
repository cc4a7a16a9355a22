//! Where things are in a template: sheet names, the rows and columns of the header fields and the tables,
//! column widths. Every writer and the annotated copy take them from here.

use rust_xlsxwriter::{ColNum, RowNum};

/// First row under the administrative header (0-based): the header fields of layout `unit`, the table of
/// layout `units`.
pub const FIELDS_ROW: RowNum = 9;

/// Layout `unit`: name of the data sheet.
pub const FORM_SHEET: &str = "Báo cáo";
/// Last printed column of a value table (`Ghi chú`).
pub const FORM_LAST_COL: ColNum = 4;
/// Column of the values in a value table (`Số liệu`).
pub const VALUE_COL: ColNum = 3;
/// Column of the notes in a value table (`Ghi chú`).
pub const NOTE_COL: ColNum = 4;
/// Column of the codes in a value table (`Mã`): hidden and outside the print area, right of the printed
/// columns, read back by the reader (which finds it by its header, wherever it is).
pub const CODE_COL: ColNum = 5;
/// Column widths of a value table, `STT | Nội dung | Đơn vị tính | Số liệu | Ghi chú | Mã`.
pub const FORM_WIDTHS: [f64; 6] = [5.0, 60.0, 12.0, 14.0, 27.0, 25.0];
/// Layout `unit`: name of the sheet of part II, the unit's own results.
pub const RESULTS_SHEET: &str = "Kết quả chỉ tiêu";
/// Last column of part II (`Mục tiêu`).
pub const RESULT_LAST_COL: ColNum = 5;
/// Column of the results in part II (`Kết quả`).
pub const RESULT_VALUE_COL: ColNum = 4;
/// Column widths of part II: `STT | Chỉ tiêu | Nội dung | Đơn vị tính | Kết quả | Mục tiêu`, wide enough
/// for "Chưa đủ số liệu" in bold and "2030: ≥ 100% (hằng năm từ 2025)" on one line.
pub const RESULT_WIDTHS: [f64; 6] = [5.0, 8.0, 44.0, 11.0, 17.0, 32.0];

/// Layout `units`: name of the grid sheet.
pub const GRID_SHEET: &str = "Số liệu theo đơn vị";
/// Layout `units`: name of the sheet with spending and text.
pub const NOTES_SHEET: &str = "Thuyết minh";
/// First data column of the grid.
pub const FIRST_DATA_COL: ColNum = 3;
/// Column widths of the grid: number, code, name, then every data column.
pub const GRID_WIDTHS: [f64; 4] = [6.0, 12.0, 30.0, 15.0];

/// Name of the sheet of an annotated copy listing the problems.
pub const PROBLEMS_SHEET: &str = "Lỗi cần sửa";

/// The template's column widths of a sheet, by its name.
pub fn widths_of(sheet: &str) -> Option<Vec<f64>> {
    match sheet {
        FORM_SHEET | NOTES_SHEET => Some(FORM_WIDTHS.to_vec()),
        RESULTS_SHEET => Some(RESULT_WIDTHS.to_vec()),
        GRID_SHEET => Some(GRID_WIDTHS.to_vec()),
        _ => None,
    }
}
