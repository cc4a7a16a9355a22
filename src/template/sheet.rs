//! The sheet writer: rust_xlsxwriter's worksheet, with every value and formula written recorded
//! ([`Record`]) as a reader would read it back, so that each formula stores the result it gives on the
//! cells beside it in the one pass that writes the workbook.

use super::book::Cells;
use crate::formula::{Expr, Key};
use crate::submission::Raw;
use calamine::Data;
use rust_xlsxwriter::{ColNum, Format, Formula, RowNum, Workbook, Worksheet, XlsxError};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the writers of a workbook wrote: the cells, each cell's format, and each formula's stored result.
#[derive(Debug, Default)]
pub struct Record {
    /// The values and formulas written.
    pub cells: Cells,
    /// Each formula written, with the result stored.
    written: BTreeMap<Key, String>,
    /// The format of every cell written with one, when [`Record::keeping_formats`] asked for them: an
    /// annotated copy writes a cell over with the same (an input stays unlocked, with its number format).
    formats: HashMap<Key, Format>,
    /// Whether to keep each cell's format (only an annotated copy of an original file reads them).
    keep_formats: bool,
    /// A print area of several ranges, which rust_xlsxwriter cannot write: the one range written, and
    /// the ranges it stands for in the saved workbook ([`Record::save`]).
    pub print_area: Option<(String, String)>,
}

impl Record {
    /// An empty record; `keep_formats` keeps the format of every cell written, for an annotated copy.
    pub fn keeping_formats(keep_formats: bool) -> Record {
        Record { keep_formats, ..Record::default() }
    }

    /// The workbook's bytes ([`crate::zip_bytes::save`]), with the print area of several ranges put in.
    pub fn save(&self, workbook: &mut Workbook) -> Result<Vec<u8>, XlsxError> {
        let bytes = crate::zip_bytes::save(workbook)?;
        match &self.print_area {
            Some((written, meant)) => {
                let (from, to) = (format!(">{written}<"), format!(">{meant}<"));
                Ok(crate::zip_bytes::replace_text(&bytes, "xl/workbook.xml", &from, &to))
            }
            None => Ok(bytes),
        }
    }

    fn set(&mut self, key: Key, raw: Raw, format: Option<&Format>) {
        self.cells.book.set(&key, &raw);
        self.cells.formulas.remove(&key);
        self.written.remove(&key);
        if self.keep_formats {
            match format {
                Some(format) => self.formats.insert(key, format.clone()),
                None => self.formats.remove(&key),
            };
        }
    }

    /// The format of every cell written with one, by cell.
    pub fn formats(&self) -> &HashMap<Key, Format> {
        &self.formats
    }

    /// The text of every formula written, by cell.
    pub fn texts(&self) -> BTreeMap<Key, String> {
        self.written
            .keys()
            .filter_map(|key| Some((key.clone(), self.cells.formulas.get(key)?.as_ref()?.formula())))
            .collect()
    }

    /// Stores `results` in the formulas written, outside `skip`, whose stored result they change (the cells
    /// they refer to were written over after them).
    pub fn store(
        &mut self,
        workbook: &mut Workbook,
        results: &HashMap<Key, String>,
        skip: &BTreeSet<Key>,
    ) -> Result<(), XlsxError> {
        for (key, stored) in self.written.iter_mut().filter(|(key, _)| !skip.contains(*key)) {
            let result = results.get(key).cloned().unwrap_or_default();
            let Some(Some(expr)) = self.cells.formulas.get(key) else { continue };
            if &result == stored {
                continue;
            }
            let sheet = workbook.worksheet_from_name(&key.0)?;
            sheet.set_formula_result_default("");
            let formula = Formula::new(expr.formula()).set_result(&result);
            match self.formats.get(key) {
                Some(format) => sheet.write_formula_with_format(key.1, key.2, formula, format)?,
                None => sheet.write_formula(key.1, key.2, formula)?,
            };
            *stored = result;
        }
        Ok(())
    }
}

/// A worksheet being written, and the record of what is written on it.
pub struct SheetWriter<'a> {
    sheet: &'a mut Worksheet,
    name: String,
    record: &'a mut Record,
}

impl<'a> SheetWriter<'a> {
    /// Adds the sheet `name` to the workbook.
    pub fn add(workbook: &'a mut Workbook, record: &'a mut Record, name: &str) -> Result<Self, XlsxError> {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        Ok(SheetWriter { sheet, name: name.to_string(), record })
    }

    /// The worksheet, for what is not a cell (widths, validations, print setup).
    pub fn sheet(&mut self) -> &mut Worksheet {
        self.sheet
    }

    fn key(&self, row: RowNum, col: ColNum) -> Key {
        (self.name.clone(), row, col)
    }

    /// Text, as a reader reads it back (blank text is an empty cell).
    fn record_text(&mut self, row: RowNum, col: ColNum, text: &str, format: Option<&Format>) {
        self.record.set(self.key(row, col), Raw::from_data(&Data::String(text.to_string())), format);
    }

    /// Text with a format.
    pub fn string(
        &mut self,
        row: RowNum,
        col: ColNum,
        text: impl AsRef<str>,
        format: &Format,
    ) -> Result<(), XlsxError> {
        let text = text.as_ref();
        self.sheet.write_string_with_format(row, col, text, format)?;
        self.record_text(row, col, text, Some(format));
        Ok(())
    }

    /// Text without a format.
    pub fn text(&mut self, row: RowNum, col: ColNum, text: impl AsRef<str>) -> Result<(), XlsxError> {
        let text = text.as_ref();
        self.sheet.write_string(row, col, text)?;
        self.record_text(row, col, text, None);
        Ok(())
    }

    /// A number.
    pub fn number(
        &mut self,
        row: RowNum,
        col: ColNum,
        n: impl Into<f64>,
        format: &Format,
    ) -> Result<(), XlsxError> {
        let n = n.into();
        self.sheet.write_number_with_format(row, col, n, format)?;
        self.record.set(self.key(row, col), Raw::Number(n), Some(format));
        Ok(())
    }

    /// A number in a cell with a date format: a reader reads it back as a date.
    pub fn date(&mut self, row: RowNum, col: ColNum, serial: f64, format: &Format) -> Result<(), XlsxError> {
        self.sheet.write_number_with_format(row, col, serial, format)?;
        self.record.set(self.key(row, col), Raw::Date(serial), Some(format));
        Ok(())
    }

    /// TRUE or FALSE.
    pub fn boolean(&mut self, row: RowNum, col: ColNum, b: bool, format: &Format) -> Result<(), XlsxError> {
        self.sheet.write_boolean_with_format(row, col, b, format)?;
        self.record.set(self.key(row, col), Raw::Bool(b), Some(format));
        Ok(())
    }

    /// An empty cell with a format.
    pub fn blank(&mut self, row: RowNum, col: ColNum, format: &Format) -> Result<(), XlsxError> {
        self.sheet.write_blank(row, col, format)?;
        self.record.set(self.key(row, col), Raw::Empty, Some(format));
        Ok(())
    }

    /// Cells merged into one holding `text`.
    pub fn merge(
        &mut self,
        (first_row, first_col): (RowNum, ColNum),
        (last_row, last_col): (RowNum, ColNum),
        text: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        self.sheet.merge_range(first_row, first_col, last_row, last_col, text, format)?;
        for row in first_row..=last_row {
            for col in first_col..=last_col {
                self.record.set(self.key(row, col), Raw::Empty, Some(format));
            }
        }
        self.record_text(first_row, first_col, text, Some(format));
        Ok(())
    }

    /// A formula, storing the result it gives on the cells written so far.
    pub fn formula(
        &mut self,
        row: RowNum,
        col: ColNum,
        expr: Expr,
        format: &Format,
    ) -> Result<(), XlsxError> {
        let key = self.key(row, col);
        self.record.set(key.clone(), Raw::Empty, Some(format));
        let text = expr.formula();
        self.record.cells.formulas.insert(key.clone(), Some(expr));
        let result = self.record.cells.evaluate(&key).map(|v| v.cached()).unwrap_or_default();
        // An empty result is the empty text a formula gives, not the writer's default of 0.
        self.sheet.set_formula_result_default("");
        self.sheet.write_formula_with_format(row, col, Formula::new(text).set_result(&result), format)?;
        self.record.written.insert(key, result);
        Ok(())
    }

    /// An input cell: the clerk's entry if any (as they typed it); blank otherwise. `date`: the cell has a
    /// date format, so that a number in it reads back as a date.
    pub fn entry(
        &mut self,
        (row, col): (RowNum, ColNum),
        format: &Format,
        raw: Option<&Raw>,
        date: bool,
    ) -> Result<(), XlsxError> {
        match raw {
            Some(Raw::Number(n)) if date => self.date(row, col, *n, format),
            Some(Raw::Number(n)) => self.number(row, col, *n, format),
            // Kept as the clerk entered them, so that the copy shows the same problem.
            Some(Raw::Date(n)) => self.date(row, col, *n, &format.clone().set_num_format("dd/mm/yyyy")),
            Some(Raw::Bool(b)) => self.boolean(row, col, *b, format),
            // A formula without a result is written as its text ("=1/0"), which reads back as the same
            // problem.
            Some(raw @ (Raw::Text(_) | Raw::Error(_) | Raw::FormulaWithoutResult(_))) => {
                self.string(row, col, raw.display(), format)
            }
            Some(Raw::Empty) | None => self.blank(row, col, format),
        }
    }
}

#[cfg(test)]
impl Record {
    /// The result stored in the formula written at `key`.
    pub fn stored(&self, key: &Key) -> Option<&str> {
        self.written.get(key).map(String::as_str)
    }
}
