//! Annotated copies (`plan validate --annotate`): the template filled with the clerk's own entries, every
//! cell with a problem highlighted with a note that says what to fix, and a sheet listing them all.

use super::styles::Styles;
use crate::submission::{Field, Raw};
use rust_xlsxwriter::{ColNum, Color, Format, Note, RowNum, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;

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
    /// What to fix, on header fields.
    pub field_notes: HashMap<Field, Vec<String>>,
    /// What to fix, on values.
    pub notes: HashMap<ValueKey, Vec<String>>,
    /// Every problem for the list sheet: level, code, where in the original file, what to do.
    pub problems: Vec<[String; 4]>,
}

impl Annotations {
    /// The entry and the notes of a value.
    pub fn value(&self, unit: Option<&str>, code: &str) -> (Option<&Raw>, Option<&Vec<String>>) {
        let key = (unit.map(str::to_string), code.to_string());
        (self.values.get(&key), self.notes.get(&key))
    }

    /// The entry and the notes of a field.
    pub fn field(&self, field: Field) -> (Option<&Raw>, Option<&Vec<String>>) {
        (self.fields.get(&field), self.field_notes.get(&field))
    }
}

fn highlighted(format: &Format) -> Format {
    format.clone().set_background_color(Color::RGB(0xFFC7CE)).set_font_color(Color::RGB(0x9C0006)).set_bold()
}

/// Writes an input cell: the clerk's entry if any (as they typed it), highlighted with a note when it has
/// a problem; blank otherwise.
pub fn write_entry(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    format: &Format,
    entry: (Option<&Raw>, Option<&Vec<String>>),
) -> Result<(), XlsxError> {
    let (raw, notes) = entry;
    let format = if notes.is_some() { highlighted(format) } else { format.clone() };
    match raw {
        Some(Raw::Number(n)) => sheet.write_number_with_format(row, col, *n, &format)?,
        // Kept as the clerk entered them, so that the copy shows the same problem.
        Some(Raw::Date(n)) => {
            sheet.write_number_with_format(row, col, *n, &format.clone().set_num_format("dd/mm/yyyy"))?
        }
        Some(Raw::Bool(b)) => sheet.write_boolean_with_format(row, col, *b, &format)?,
        // A formula without a result is written as its text ("=1/0"), which reads back as the same problem.
        Some(raw @ (Raw::Text(_) | Raw::Error(_) | Raw::FormulaWithoutResult(_))) => {
            sheet.write_string_with_format(row, col, raw.display(), &format)?
        }
        Some(Raw::Empty) | None => sheet.write_blank(row, col, &format)?,
    };
    if let Some(notes) = notes {
        let note = Note::new(notes.join("\n\n")).add_author_prefix(false).set_width(420).set_height(160);
        sheet.insert_note(row, col, &note)?;
    }
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
    sheet.merge_range(0, 0, 0, 4, "CÁC LỖI CẦN SỬA (ô tô đỏ trong trang «Báo cáo»)", &styles.title)?;
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
