//! The consolidated workbook of `plan aggregate`: the tracking table, units × parts, units × data with SUM
//! formulas, the register, the findings, the sources and a chart. Byte-deterministic for the same
//! aggregation (the document date is the plan's), with a stamp so that a report found among the inputs is
//! skipped.

pub mod docx;
mod letter;
mod pages;
mod sheets;
mod styles;

use crate::aggregate::Aggregation;
use crate::attainment::Status;
use crate::catalogue::Catalogue;
use crate::contract;
use crate::lang::Lang;
use rust_xlsxwriter::{RowNum, Workbook, XlsxError};
use sheets::Input;
pub(crate) use styles::{SIZE, Styles, value_format};

/// The stamp's `kind` of a consolidated report.
pub const REPORT_KIND: &str = contract::REPORT_KIND;

/// The status in a language.
pub fn status_text(status: Status, lang: Lang) -> String {
    status.label(lang)
}

/// Writes the consolidated report and returns its bytes.
pub fn build(aggregation: &Aggregation, catalogue: &Catalogue, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let d = catalogue.plan.date;
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(d.year as u16, d.month, d.day)?;
    let title = format!("{} {}", lang.pick("Báo cáo tổng hợp năm", "Consolidated report"), aggregation.year);
    workbook.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(title)
            .set_company(catalogue.plan.issuer.as_str())
            .set_author(format!("plan {}", env!("CARGO_PKG_VERSION")))
            .set_creation_datetime(&created),
    );
    let styles = Styles::new();
    let input = Input { styles: &styles, aggregation, catalogue, lang };
    sheets::summary::write(&mut workbook, &input)?;
    sheets::units::write(&mut workbook, &input)?;
    let totals = sheets::data::write(&mut workbook, &input)?;
    sheets::register::write(&mut workbook, &input)?;
    sheets::narrative::write(&mut workbook, &input)?;
    sheets::findings::write(&mut workbook, &input)?;
    sheets::sources::write(&mut workbook, &input)?;
    sheets::chart::write(&mut workbook, &input)?;
    sheets::totals::write(&mut workbook, &input, &totals)?;
    let stamp = workbook.add_worksheet();
    stamp.set_name(contract::STAMP_SHEET)?;
    let rows = [
        (contract::key::KIND, REPORT_KIND.to_string()),
        (contract::key::YEAR, aggregation.year.to_string()),
        (contract::key::AREA_CODE, catalogue.plan.area_code.clone()),
        (contract::key::CATALOGUE_VERSION, catalogue.version.clone()),
        (contract::key::CATALOGUE_SHA256, catalogue.sha256.clone()),
        (contract::key::GENERATOR, format!("plan {}", env!("CARGO_PKG_VERSION"))),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        stamp.write_string(i as RowNum, 0, *k)?;
        stamp.write_string(i as RowNum, 1, v)?;
    }
    stamp.set_hidden(true);
    crate::zip_bytes::save(&mut workbook)
}
