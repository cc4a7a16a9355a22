//! The hidden sheet of drop-down lists: the units a workbook offers and Có/Không.

use super::context::Context;
use super::page::protect;
use super::sheet::{Record, SheetWriter};
use super::spec::{Reporter, Spec};
use crate::catalogue::Catalogue;
use crate::contract;
use rust_xlsxwriter::{RowNum, Workbook, XlsxError};

/// The drop-down text of a reporter: "Xã Lộc Yên (18520)", "Toàn huyện Hương Khê (444)".
pub fn unit_option(catalogue: &Catalogue, reporter: Reporter) -> String {
    match reporter {
        Reporter::Unit(unit) => format!("{} ({})", unit.full_name(), unit.code),
        Reporter::District => format!("Toàn {} ({})", catalogue.plan.area, catalogue.plan.area_code),
    }
}

/// The drop-down choices of the unit field: the units of the year (all units when no year is given) and
/// the whole district.
/// A workbook prefilled for one reporter offers that reporter only (and the district): a list of every unit
/// is of no use there, and at national scale it would be thousands of entries in every file.
fn unit_options(catalogue: &Catalogue, spec: &Spec) -> Vec<String> {
    if let Some(reporter) = spec.reporter {
        let mut options = vec![unit_option(catalogue, reporter)];
        if let Reporter::Unit(_) = reporter {
            options.push(unit_option(catalogue, Reporter::District));
        }
        return options;
    }
    let mut options: Vec<String> = catalogue
        .units
        .iter()
        .filter(|u| spec.year.is_none_or(|y| u.reports_in(y)) && !u.kind.is_district_level())
        .map(|u| unit_option(catalogue, Reporter::Unit(u)))
        .collect();
    options.dedup();
    options.push(unit_option(catalogue, Reporter::District));
    options
}

/// The cells of the units list, as a validation's formula reads them.
pub fn units_range(catalogue: &Catalogue, spec: &Spec) -> String {
    let n = unit_options(catalogue, spec).len() as RowNum;
    format!("='{}'!$A$2:$A${}", contract::LISTS_SHEET, n + 1)
}

/// Writes the hidden sheet of drop-down lists.
pub fn write(ctx: &Context, workbook: &mut Workbook, record: &mut Record) -> Result<(), XlsxError> {
    let mut sheet = SheetWriter::add(workbook, record, contract::LISTS_SHEET)?;
    sheet.text(0, 0, "Đơn vị báo cáo")?;
    for (i, option) in unit_options(ctx.catalogue, ctx.spec).iter().enumerate() {
        sheet.text(i as RowNum + 1, 0, option)?;
    }
    sheet.text(0, 1, "Có/Không")?;
    sheet.text(1, 1, "Có")?;
    sheet.text(2, 1, "Không")?;
    let sheet = sheet.sheet();
    sheet.set_column_width(0, 40)?;
    sheet.set_hidden(true);
    protect(sheet);
    Ok(())
}
