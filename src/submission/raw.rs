//! A workbook as read, before any judging: each sheet's cells, the raw values and fields found by the
//! reading contract, and the positions they came from.

use crate::contract;
use calamine::Data as CellData;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A cell: sheet name and 0-based row and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    /// Sheet name.
    pub sheet: String,
    /// Row, 0-based.
    pub row: u32,
    /// Column, 0-based.
    pub col: u32,
}

impl Position {
    /// The cell's address, e.g. `E20`.
    pub fn address(&self) -> String {
        rust_xlsxwriter::utility::row_col_to_cell(self.row, self.col as u16)
    }
}

impl fmt::Display for Position {
    /// `Báo cáo!E20`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!{}", crate::text::quote(&self.sheet), self.address())
    }
}

/// A cell's content as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Raw {
    /// Nothing.
    Empty,
    /// A number (integers included).
    Number(f64),
    /// Text.
    Text(String),
    /// TRUE / FALSE.
    Bool(bool),
    /// A date or time, as an Excel serial number.
    Date(f64),
    /// An error value such as `#DIV/0!`.
    Error(String),
    /// A formula whose result the file does not store (written by a program that does not calculate).
    FormulaWithoutResult(String),
}

/// Spreadsheet error values, as they are written (with Excel 365's: `#SPILL!`, `#CALC!`…).
const ERROR_VALUES: [&str; 17] = [
    "#DIV/0!",
    "#REF!",
    "#VALUE!",
    "#N/A",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "Err:502",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BUSY!",
    "#GETTING_DATA",
    "#CONNECT!",
    "#BLOCKED!",
    "#UNKNOWN!",
    "#EXTERNAL!",
];

impl Raw {
    /// Converts calamine's cell data.
    pub fn from_data(data: &CellData) -> Raw {
        match data {
            CellData::Empty => Raw::Empty,
            CellData::Int(i) => Raw::Number(*i as f64),
            // NaN and infinities are no figure (Excel shows #NUM!); they cannot cross the child reader's JSON.
            CellData::Float(f) if !f.is_finite() => Raw::Error("#NUM!".into()),
            CellData::Float(f) => Raw::Number(*f),
            CellData::String(s) if s.trim().is_empty() => Raw::Empty,
            // OpenDocument files store a formula's error as its text.
            CellData::String(s) if ERROR_VALUES.contains(&s.trim()) => Raw::Error(s.trim().to_string()),
            CellData::String(s) => Raw::Text(s.clone()),
            CellData::Bool(b) => Raw::Bool(*b),
            CellData::DateTime(d) if !d.as_f64().is_finite() => Raw::Error("#NUM!".into()),
            CellData::DateTime(d) => Raw::Date(d.as_f64()),
            // OpenDocument files store dates as ISO text: keep them dates.
            CellData::DateTimeIso(s) => match crate::catalogue::Date::parse_iso(s.get(..10).unwrap_or(s)) {
                Some(date) => Raw::Date(date.excel_serial() as f64),
                None => Raw::Text(s.clone()),
            },
            CellData::DurationIso(s) => Raw::Text(s.clone()),
            CellData::Error(e) => Raw::Error(e.to_string()),
        }
    }

    /// The bytes of text the content holds (what a read's budget counts).
    pub fn text_len(&self) -> usize {
        match self {
            Raw::Text(s) | Raw::Error(s) | Raw::FormulaWithoutResult(s) => s.len(),
            _ => 0,
        }
    }

    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Raw::Empty)
    }

    /// The content as a person reads it.
    pub fn display(&self) -> String {
        match self {
            Raw::Empty => String::new(),
            Raw::Number(n) => format!("{n}"),
            Raw::Text(t) => t.clone(),
            Raw::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Raw::Date(d) => format!("{d}"),
            Raw::Error(e) => e.clone(),
            Raw::FormulaWithoutResult(f) => format!("={f}"),
        }
    }
}

/// A header field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    /// Đơn vị báo cáo.
    Unit,
    /// Năm báo cáo.
    Year,
    /// Ngày báo cáo.
    Date,
    /// Người lập biểu.
    Preparer,
    /// Điện thoại.
    Phone,
}

impl Field {
    /// Every field with its label.
    pub const ALL: [(Field, &'static str); 5] = [
        (Field::Unit, contract::LABEL_UNIT),
        (Field::Year, contract::LABEL_YEAR),
        (Field::Date, contract::LABEL_DATE),
        (Field::Preparer, contract::LABEL_PREPARER),
        (Field::Phone, contract::LABEL_PHONE),
    ];
}

/// A header field as found.
#[derive(Debug, Clone, PartialEq)]
pub struct RawField {
    /// Which field.
    pub field: Field,
    /// Its content.
    pub raw: Raw,
    /// Where the content is (the label's cell when the content is empty).
    pub at: Position,
}

/// A value found for a code.
#[derive(Debug, Clone, PartialEq)]
pub struct RawValue {
    /// Data-element or report-item code.
    pub code: String,
    /// The unit's administrative code, for a row of a unit grid; `None` in a one-unit table.
    pub unit: Option<String>,
    /// The cell of that code, for a row of a unit grid.
    pub unit_at: Option<Position>,
    /// The cell's content.
    pub raw: Raw,
    /// The cell.
    pub at: Position,
    /// The clerk's note on the value's row (the «Ghi chú» column of a one-unit table), when there is one.
    pub note: Option<String>,
}

/// Everything read from a workbook, before any judgement.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawWorkbook {
    /// Sheet names in order.
    pub sheets: Vec<String>,
    /// Stamp keys and values (empty when the workbook has no stamp).
    pub stamp: BTreeMap<String, String>,
    /// Header fields found.
    pub fields: Vec<RawField>,
    /// Values found, in sheet order.
    pub values: Vec<RawValue>,
}

impl RawWorkbook {
    /// The first field of a kind.
    pub fn field(&self, field: Field) -> Option<&RawField> {
        self.fields.iter().find(|f| f.field == field)
    }

    /// The value of a code in a one-unit table.
    pub fn value(&self, code: &str) -> Option<&RawValue> {
        self.values.iter().find(|v| v.code == code && v.unit.is_none())
    }
}

/// One sheet's non-empty cells: row → (column, content), rows and columns 0-based and in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// Sheet name.
    pub name: String,
    /// Non-empty cells by row.
    pub rows: BTreeMap<u32, Vec<(u32, Raw)>>,
}
