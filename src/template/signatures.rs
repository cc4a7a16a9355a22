//! The signature block under a sheet's content: the place and date line, following the report date, over
//! the preparer's and the head's signatures.

use super::context::Context;
use super::formulas::{self, Fields};
use super::sheet::SheetWriter;
use super::spec::{Layout, Reporter, Spec};
use crate::catalogue::Catalogue;
use rust_xlsxwriter::{ColNum, RowNum, XlsxError};

/// The place of the date line: the commune's own name on its form, the district's otherwise, dots on a
/// blank form whose unit is chosen in the form.
fn place(catalogue: &Catalogue, spec: &Spec) -> String {
    match (spec.reporter, spec.layout) {
        (Some(Reporter::Unit(unit)), _) => unit.name.clone(),
        (None, Layout::Unit) => "…………….".to_string(),
        _ => catalogue.plan.place.clone(),
    }
}

/// Writes the signature block from `row`, over the columns up to `last_col`; returns the row after it.
pub fn write(
    ctx: &Context,
    sheet: &mut SheetWriter,
    fields: &Fields,
    row: RowNum,
    last_col: ColNum,
) -> Result<RowNum, XlsxError> {
    let styles = &ctx.styles;
    let split: ColNum = if last_col > 6 { last_col / 2 } else { 2 };
    sheet.merge((row, split + 1), (row, last_col), "", &styles.italic_center)?;
    let line = formulas::date_line(&place(ctx.catalogue, ctx.spec), &fields.date);
    sheet.formula(row, split + 1, line, &styles.italic_center)?;
    sheet.merge((row + 1, 0), (row + 1, split), "NGƯỜI LẬP BIỂU", &styles.bold_center)?;
    sheet.merge((row + 1, split + 1), (row + 1, last_col), "THỦ TRƯỞNG ĐƠN VỊ", &styles.bold_center)?;
    sheet.merge((row + 2, 0), (row + 2, split), "(Ký, ghi rõ họ tên)", &styles.italic_center)?;
    sheet.merge((row + 2, split + 1), (row + 2, last_col), "(Ký tên, đóng dấu)", &styles.italic_center)?;
    Ok(row + 7)
}
