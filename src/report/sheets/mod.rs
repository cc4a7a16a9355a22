//! The sheets of the consolidated workbook, one file each, in the order they appear: «Tổng hợp»
//! ([`summary`]), «Theo đơn vị» ([`units`]), «Số liệu» ([`data`]), «Tiến độ nộp» ([`register`]), «Kinh phí,
//! kiến nghị» ([`narrative`]), «Kiểm tra» ([`findings`]), «Nguồn» ([`sources`]), «Biểu đồ» ([`chart`]), and the hidden totals read one level up ([`totals`]).
//! Text from workbooks is always written as text, never as a formula.

pub mod chart;
pub mod data;
pub mod findings;
pub mod narrative;
pub mod register;
pub mod sources;
pub mod summary;
pub mod totals;
pub mod units;

use super::Styles;
use crate::aggregate::Aggregation;
use crate::catalogue::Catalogue;
use crate::lang::Lang;
use rust_xlsxwriter::{ColNum, Workbook, Worksheet, XlsxError};

/// What every sheet is written from.
pub(crate) struct Input<'a> {
    /// The report's formats.
    pub styles: &'a Styles,
    /// The year's aggregation.
    pub aggregation: &'a Aggregation,
    /// The plan.
    pub catalogue: &'a Catalogue,
    /// The language of the labels.
    pub lang: Lang,
}

/// How a sheet is held while it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Memory {
    /// The whole sheet in memory: a short sheet, or one written out of row order.
    Whole,
    /// Row by row, never held whole in memory (constant-memory mode, for tables as long as the units of a
    /// country): the rows must be written in order, and text is written inline.
    RowByRow,
}

/// A new sheet named `name`.
pub(crate) fn new_sheet<'a>(
    workbook: &'a mut Workbook,
    name: &str,
    memory: Memory,
) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = match memory {
        Memory::Whole => workbook.add_worksheet(),
        Memory::RowByRow => workbook.add_worksheet_with_constant_memory()?,
    };
    sheet.set_name(name)?;
    Ok(sheet)
}

/// Sets the widths of the columns and writes their headers in row 0.
pub(crate) fn header_row<S: AsRef<str>>(
    sheet: &mut Worksheet,
    styles: &Styles,
    columns: &[(S, f64)],
) -> Result<(), XlsxError> {
    for (col, (header, width)) in columns.iter().enumerate() {
        sheet.set_column_width(col as ColNum, *width)?;
        sheet.write_string_with_format(0, col as ColNum, header.as_ref(), &styles.table.header)?;
    }
    Ok(())
}

/// A new sheet written row by row, with its columns' widths and a header row at the top.
pub(crate) fn table_sheet<'a, S: AsRef<str>>(
    workbook: &'a mut Workbook,
    styles: &Styles,
    name: &str,
    columns: &[(S, f64)],
) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = new_sheet(workbook, name, Memory::RowByRow)?;
    header_row(sheet, styles, columns)?;
    Ok(sheet)
}
