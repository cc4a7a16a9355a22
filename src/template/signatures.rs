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

/// Writes the signature block from `row`, over the columns `first_col..=last_col` (each half merged, so
/// that it prints whole within them); returns its last row, the space for the signatures included.
pub fn write(
    ctx: &Context,
    sheet: &mut SheetWriter,
    fields: &Fields,
    row: RowNum,
    (first_col, last_col): (ColNum, ColNum),
) -> Result<RowNum, XlsxError> {
    let styles = &ctx.styles;
    let span = last_col - first_col;
    let split: ColNum = first_col + if span > 6 { span / 2 } else { span.saturating_sub(3).max(1) };
    sheet.merge((row, split + 1), (row, last_col), "", &styles.italic_center)?;
    let line = formulas::date_line(&place(ctx.catalogue, ctx.spec), &fields.date);
    sheet.formula(row, split + 1, line, &styles.italic_center)?;
    sheet.merge((row + 1, first_col), (row + 1, split), "NGƯỜI LẬP BIỂU", &styles.bold_center)?;
    sheet.merge((row + 1, split + 1), (row + 1, last_col), "THỦ TRƯỞNG ĐƠN VỊ", &styles.bold_center)?;
    sheet.merge((row + 2, first_col), (row + 2, split), "(Ký, ghi rõ họ tên)", &styles.italic_center)?;
    sheet.merge((row + 2, split + 1), (row + 2, last_col), "(Ký tên, đóng dấu)", &styles.italic_center)?;
    Ok(row + 6)
}
