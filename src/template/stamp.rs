//! The hidden stamp sheet: `key | value` rows that say which template a workbook is (see
//! [`crate::contract`]).

use super::context::Context;
use super::page::protect;
use super::sheet::{Record, SheetWriter};
use super::spec::{Reporter, Scope};
use crate::contract::{self, key};
use rust_xlsxwriter::{RowNum, Workbook, XlsxError};

/// Writes the stamp sheet.
pub fn write(ctx: &Context, workbook: &mut Workbook, record: &mut Record) -> Result<(), XlsxError> {
    let (catalogue, spec) = (ctx.catalogue, ctx.spec);
    let mut rows: Vec<(&str, String)> = vec![
        (contract::STAMP_MARKER, contract::CONTRACT_VERSION.to_string()),
        (key::TEMPLATE_ID, spec.template_id()),
        (key::SCOPE, if matches!(spec.scope, Scope::All) { "all" } else { "office" }.to_string()),
        (key::OFFICE, if let Scope::Office(o) = spec.scope { o.id.clone() } else { String::new() }),
        (key::LAYOUT, spec.layout.as_str().to_string()),
        (key::CATALOGUE_VERSION, catalogue.version.clone()),
        (key::CATALOGUE_SHA256, catalogue.sha256.clone()),
        (key::ELEMENTS_SHA256, crate::catalogue::elements_fingerprint(spec.elements(catalogue))),
        (key::PLAN_NUMBER, catalogue.plan.number.clone()),
        (key::GENERATOR, format!("plan {}", env!("CARGO_PKG_VERSION"))),
    ];
    match spec.reporter {
        Some(Reporter::Unit(unit)) => {
            rows.push((key::UNIT_CODE, unit.code.clone()));
            rows.push((key::UNIT_FROM, unit.from.to_string()));
        }
        Some(Reporter::District) => rows.push((key::UNIT_CODE, catalogue.plan.area_code.clone())),
        None => {}
    }
    if let Some(year) = spec.year {
        rows.push((key::YEAR, year.to_string()));
    }
    let mut sheet = SheetWriter::add(workbook, record, contract::STAMP_SHEET)?;
    for (i, (k, v)) in rows.iter().enumerate() {
        sheet.text(i as RowNum, 0, k)?;
        sheet.text(i as RowNum, 1, v)?;
    }
    let sheet = sheet.sheet();
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 70)?;
    sheet.set_hidden(true);
    protect(sheet);
    Ok(())
}
