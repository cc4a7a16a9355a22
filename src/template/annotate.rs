//! Annotated copies (`plan validate --annotate`): the template filled with the clerk's own entries, every
//! cell of the original kept at its place (see [`super::cells`]), every cell with a problem highlighted
//! with a note that says what to fix, and a sheet listing them all.

use super::cells::{Key, Original};
use super::styles::Styles;
use crate::submission::{Field, Raw};
use rust_xlsxwriter::{ColNum, Color, Format, RowNum, Workbook, Worksheet, XlsxError};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Name of the sheet listing the problems.
pub const PROBLEMS_SHEET: &str = "Lỗi cần sửa";

/// Key of a value: the unit's code on a grid row (`None` in a one-unit table) and the code.
pub type ValueKey = (Option<String>, String);

/// What an annotated copy carries.
#[derive(Debug, Default, Clone)]
pub struct Annotations {
    /// The clerk's entries in the header fields.
    pub fields: HashMap<Field, Raw>,
    /// The clerk's entries by unit and code.
    pub values: HashMap<ValueKey, Raw>,
    /// What to fix, by cell of the original (sheet, row, column).
    pub notes: BTreeMap<Key, Vec<String>>,
    /// Every problem for the list sheet: level, code, where in the original file, what to do.
    pub problems: Vec<[String; 4]>,
    /// The original's cells, kept at their places in the copy.
    pub original: Option<Original>,
    /// The original's input cells: the clerk's values and header fields.
    pub inputs: BTreeSet<Key>,
}

impl Annotations {
    /// The entry of a value.
    pub fn value(&self, unit: Option<&str>, code: &str) -> Option<&Raw> {
        self.values.get(&(unit.map(str::to_string), code.to_string()))
    }

    /// The entry of a field.
    pub fn field(&self, field: Field) -> Option<&Raw> {
        self.fields.get(&field)
    }

    /// The names of the sheets that hold problem cells, in order.
    fn problem_sheets(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.notes.keys().map(|(sheet, _, _)| sheet.as_str()).collect();
        names.dedup();
        names
    }
}

/// A problem cell's format: red on pink, bold.
pub fn highlighted(format: &Format) -> Format {
    format.clone().set_background_color(Color::RGB(0xFFC7CE)).set_font_color(Color::RGB(0x9C0006)).set_bold()
}

/// Writes an input cell: the clerk's entry if any (as they typed it); blank otherwise.
pub fn write_entry(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    format: &Format,
    raw: Option<&Raw>,
) -> Result<(), XlsxError> {
    match raw {
        Some(Raw::Number(n)) => sheet.write_number_with_format(row, col, *n, format)?,
        // Kept as the clerk entered them, so that the copy shows the same problem.
        Some(Raw::Date(n)) => {
            sheet.write_number_with_format(row, col, *n, &format.clone().set_num_format("dd/mm/yyyy"))?
        }
        Some(Raw::Bool(b)) => sheet.write_boolean_with_format(row, col, *b, format)?,
        // A formula without a result is written as its text ("=1/0"), which reads back as the same problem.
        Some(raw @ (Raw::Text(_) | Raw::Error(_) | Raw::FormulaWithoutResult(_))) => {
            sheet.write_string_with_format(row, col, raw.display(), format)?
        }
        Some(Raw::Empty) | None => sheet.write_blank(row, col, format)?,
    };
    Ok(())
}

/// The sheet listing every problem.
pub fn write_problems(workbook: &mut Workbook, annotations: &Annotations) -> Result<(), XlsxError> {
    let styles = Styles::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(PROBLEMS_SHEET)?;
    sheet.set_tab_color(Color::RGB(0xC00000));
    for (col, width) in [(0, 5.0), (1, 11.0), (2, 26.0), (3, 18.0), (4, 90.0)] {
        sheet.set_column_width(col, width)?;
    }
    let sheets: Vec<String> = annotations.problem_sheets().iter().map(|s| format!("«{s}»")).collect();
    let title = match sheets.is_empty() {
        true => "CÁC LỖI CẦN SỬA".to_string(),
        false => format!("CÁC LỖI CẦN SỬA (ô tô đỏ trong trang {})", sheets.join(", ")),
    };
    sheet.merge_range(0, 0, 0, 4, &title, &styles.title)?;
    for (col, text) in ["STT", "Mức", "Mã lỗi", "Ô trong tệp đã gửi", "Cần sửa"].iter().enumerate()
    {
        sheet.write_string_with_format(2, col as ColNum, *text, &styles.header)?;
    }
    for (i, problem) in annotations.problems.iter().enumerate() {
        let row = 3 + i as RowNum;
        sheet.write_number_with_format(row, 0, (i + 1) as u32, &styles.cell_center)?;
        for (col, text) in problem.iter().enumerate() {
            sheet.write_string_with_format(row, 1 + col as ColNum, text, &styles.cell)?;
        }
        let lines = super::styles::lines_needed(&problem[3], 90.0);
        sheet.set_row_height(row, super::styles::height_for(lines))?;
    }
    super::common::print_setup(sheet, true, 1, Some((2, 2)))?;
    Ok(())
}
