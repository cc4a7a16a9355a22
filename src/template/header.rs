//! The administrative header over a data sheet: reporting unit and motto, title, scope, period, plan and
//! receiver; the period and receiver follow the year field when the workbook is not made for one year.

use super::context::Context;
use super::formulas::{self, Fields};
use super::sheet::SheetWriter;
use super::spec::{Layout, Reporter, Scope, Spec};
use super::styles::SIZE;
use crate::catalogue::Catalogue;
use rust_xlsxwriter::{ColNum, Format, RowNum, XlsxError};

/// Writes the header: the letterhead on the left, the motto over the columns up to `last_col`, the title
/// lines over each of `title_cols` ([`titles`]); returns the height in points the title lines take.
pub fn write(
    ctx: &Context,
    sheet: &mut SheetWriter,
    fields: &Fields,
    last_col: ColNum,
    title_cols: &[(ColNum, ColNum, f64)],
) -> Result<f64, XlsxError> {
    let (catalogue, spec, styles) = (ctx.catalogue, ctx.spec, &ctx.styles);
    // A narrow sheet shares its width between the letterhead and the motto; a wide one keeps the motto
    // over its last four columns.
    let right_start: ColNum = if last_col > 6 { last_col - 3 } else { last_col.saturating_sub(2).max(1) };
    let left_end: ColNum = 2.min(right_start - 1);
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
    titles(ctx, sheet, fields, title_cols)
}

/// The title lines under the letterhead (rows 3 to 7: title, scope, period, plan, receiver), once over
/// each range of `pages` (first and last column, and the width they make). A sheet printed several pages
/// wide writes them over each page's columns, so that every page prints them whole; the lines wrap, each
/// row as high as its text needs in the narrowest range. Returns the height in points of the five rows.
fn titles(
    ctx: &Context,
    sheet: &mut SheetWriter,
    fields: &Fields,
    pages: &[(ColNum, ColNum, f64)],
) -> Result<f64, XlsxError> {
    let (catalogue, spec, styles) = (ctx.catalogue, ctx.spec, &ctx.styles);
    let scope_line = match spec.scope {
        Scope::Office(office) => format!("Lĩnh vực: {}", office.name_in(spec.naming_year(catalogue))),
        Scope::All => "Báo cáo chung của đơn vị (tất cả các lĩnh vực)".to_string(),
    };
    let plan_line = format!(
        "Thực hiện Kế hoạch số {} ngày {} của {}",
        catalogue.plan.number,
        catalogue.plan.date.vietnamese(),
        catalogue.plan.issuer
    );
    let bold = styles.bold_center.clone().set_text_wrap();
    let italic = styles.italic_center.clone().set_text_wrap();
    for &(first_col, last_col, _) in pages {
        sheet.merge((3, first_col), (3, last_col), &catalogue.reporting.report_title, &styles.title)?;
        sheet.merge((4, first_col), (4, last_col), &scope_line, &bold)?;
        sheet.merge((5, first_col), (5, last_col), "", &italic)?;
        write_period(ctx, sheet, fields, first_col, &italic)?;
        sheet.merge((6, first_col), (6, last_col), &plan_line, &italic)?;
        sheet.merge((7, first_col), (7, last_col), "", &bold)?;
        write_receiver(ctx, sheet, fields, first_col, &bold)?;
    }
    // The texts the rows must hold; where a line follows the year field, its longest form.
    let year = spec.year.unwrap_or(catalogue.plan.end_year);
    let receiver = catalogue
        .reporting
        .receivers
        .iter()
        .map(|r| formulas::receiver_text(&r.name, r.via.as_deref()))
        .max_by_key(|t| t.chars().count())
        .unwrap_or_default();
    // Capitals in bold run wider than the mixed text the estimate is made for.
    let width = pages.iter().map(|p| p.2).fold(f64::INFINITY, f64::min);
    let title_lines = crate::wrap::lines(&catalogue.reporting.report_title, width, 14.0 * 1.3);
    let mut height = crate::wrap::height(title_lines, 14.0).max(22.0);
    sheet.sheet().set_row_height(3, height)?;
    for (row, text, bold) in [(4, scope_line.as_str(), true), (5, &period_text(ctx, year), false)]
        .into_iter()
        .chain([(6, plan_line.as_str(), false), (7, receiver.as_str(), true)])
    {
        let lines = if bold { SIZE.bold_lines(text, width) } else { SIZE.lines(text, width) };
        SIZE.fit(sheet.sheet(), row, lines)?;
        height += SIZE.height(lines);
    }
    Ok(height)
}

/// The period line of `year`.
fn period_text(ctx: &Context, year: u16) -> String {
    let (from, to) = ctx.catalogue.reporting.period.for_year(year);
    format!("Kỳ báo cáo: Năm {year} (số liệu từ ngày {} đến ngày {})", from.vietnamese(), to.vietnamese())
}

fn write_period(
    ctx: &Context,
    sheet: &mut SheetWriter,
    fields: &Fields,
    col: ColNum,
    format: &Format,
) -> Result<(), XlsxError> {
    let p = &ctx.catalogue.reporting.period;
    match ctx.spec.year {
        Some(year) => sheet.string(5, col, period_text(ctx, year), format),
        None => sheet.formula(5, col, formulas::period_line(p, &fields.year), format),
    }
}

fn write_receiver(
    ctx: &Context,
    sheet: &mut SheetWriter,
    fields: &Fields,
    col: ColNum,
    format: &Format,
) -> Result<(), XlsxError> {
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
