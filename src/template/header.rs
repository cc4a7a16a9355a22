//! The administrative header over a data sheet: reporting unit and motto, title, scope, period, plan and
//! receiver; the period and receiver follow the year field when the workbook is not made for one year.

use super::context::Context;
use super::formulas::{self, Fields};
use super::sheet::SheetWriter;
use super::spec::{Layout, Reporter, Scope, Spec};
use crate::catalogue::Catalogue;
use rust_xlsxwriter::{ColNum, RowNum, XlsxError};

/// Writes the header. The title lines span the columns `first_col..=last_col` (a sheet that repeats its
/// first columns on every page keeps them out of those lines, so that no page prints a cut piece of the
/// title).
pub fn write(
    ctx: &Context,
    sheet: &mut SheetWriter,
    fields: &Fields,
    (first_col, last_col): (ColNum, ColNum),
) -> Result<(), XlsxError> {
    let (catalogue, spec, styles) = (ctx.catalogue, ctx.spec, &ctx.styles);
    let left_end: ColNum = 2;
    let right_start: ColNum = if last_col > 6 { last_col - 3 } else { 3 };
    let letterhead = letterhead(catalogue, spec);
    // The reporting body over a short rule, as Vietnamese administrative forms have it: the superior body
    // in plain type, the body itself in bold.
    let rule_row = letterhead.len().clamp(1, 2) as RowNum;
    for row in 0..=2 {
        sheet.merge((row, 0), (row, left_end), "", &styles.bold_center)?;
    }
    sheet.string(rule_row, 0, "————————", &styles.bold_center)?;
    match (letterhead.as_slice(), &fields.unit) {
        ([], Some(unit)) => sheet.formula(0, 0, formulas::unit_letterhead(unit), &styles.bold_center)?,
        ([], None) => {}
        ([body], _) => sheet.string(0, 0, body, &styles.bold_center)?,
        ([superior, body, ..], _) => {
            sheet.string(0, 0, superior, &styles.center)?;
            sheet.string(1, 0, body, &styles.bold_center)?;
        }
    }
    for (row, line) in catalogue.plan.motto.iter().enumerate().take(2) {
        sheet.merge((row as RowNum, right_start), (row as RowNum, last_col), line, &styles.bold_center)?;
    }
    sheet.merge((2, right_start), (2, last_col), "————————————", &styles.bold_center)?;
    sheet.merge((3, first_col), (3, last_col), &catalogue.reporting.report_title, &styles.title)?;
    sheet.sheet().set_row_height(3, 22)?;
    let scope_line = match spec.scope {
        Scope::Office(office) => format!("Lĩnh vực: {}", office.name_in(spec.naming_year(catalogue))),
        Scope::All => "Báo cáo chung của đơn vị (tất cả các lĩnh vực)".to_string(),
    };
    sheet.merge((4, first_col), (4, last_col), &scope_line, &styles.bold_center)?;
    sheet.merge((5, first_col), (5, last_col), "", &styles.italic_center)?;
    write_period(ctx, sheet, fields, first_col)?;
    let plan_line = format!(
        "Thực hiện Kế hoạch số {} ngày {} của {}",
        catalogue.plan.number,
        catalogue.plan.date.vietnamese(),
        catalogue.plan.issuer
    );
    sheet.merge((6, first_col), (6, last_col), &plan_line, &styles.italic_center)?;
    sheet.merge((7, first_col), (7, last_col), "", &styles.bold_center)?;
    write_receiver(ctx, sheet, fields, first_col)
}

fn write_period(
    ctx: &Context,
    sheet: &mut SheetWriter,
    fields: &Fields,
    col: ColNum,
) -> Result<(), XlsxError> {
    let p = &ctx.catalogue.reporting.period;
    let format = &ctx.styles.italic_center;
    match ctx.spec.year {
        Some(year) => {
            let (from, to) = p.for_year(year);
            let text = format!(
                "Kỳ báo cáo: Năm {year} (số liệu từ ngày {} đến ngày {})",
                from.vietnamese(),
                to.vietnamese()
            );
            sheet.string(5, col, text, format)
        }
        None => sheet.formula(5, col, formulas::period_line(p, &fields.year), format),
    }
}

fn write_receiver(
    ctx: &Context,
    sheet: &mut SheetWriter,
    fields: &Fields,
    col: ColNum,
) -> Result<(), XlsxError> {
    let format = &ctx.styles.bold_center;
    match ctx.spec.year {
        Some(year) => {
            let text = ctx.catalogue.receiver(year).map_or_else(
                || "Kính gửi: ……………………".to_string(),
                |r| formulas::receiver_text(&r.name, r.via.as_deref()),
            );
            sheet.string(7, col, text, format)
        }
        None => {
            let formula = formulas::receiver_line(&ctx.catalogue.reporting.receivers, &fields.year);
            sheet.formula(7, col, formula, format)
        }
    }
}

/// The letterhead of a workbook, one or two lines (superior body, then the body): "UBND XÃ LỘC YÊN" for
/// a commune; for an office's own forms (the units grid, the figures only the district holds) the office's
/// letterhead from the catalogue, or "UBND HUYỆN …" over its name; nothing when the unit is chosen in the
/// form (a formula then shows it).
pub fn letterhead(catalogue: &Catalogue, spec: &Spec) -> Vec<String> {
    let office = match spec.scope {
        Scope::Office(office) => Some(office),
        Scope::All => None,
    };
    match (spec.reporter, spec.layout, office) {
        (Some(Reporter::Unit(unit)), _, _) => vec![format!("UBND {}", unit.full_name().to_uppercase())],
        (Some(Reporter::District), _, Some(office)) | (None, Layout::Units, Some(office)) => {
            let year = spec.naming_year(catalogue);
            match office.letterhead_in(year) {
                [] => vec![
                    format!("UBND {}", catalogue.plan.area.to_uppercase()),
                    office.name_in(year).to_uppercase(),
                ],
                letterhead => letterhead.to_vec(),
            }
        }
        (Some(Reporter::District), _, None) | (None, Layout::Units, None) => {
            catalogue.plan.issuer_header.iter().map(|l| l.to_uppercase()).collect()
        }
        (None, Layout::Unit, _) => Vec::new(),
    }
}
