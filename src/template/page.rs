//! The workbook's document properties, and each sheet's protection and print setup.

use crate::catalogue::Catalogue;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, ProtectionOptions, RowNum, Workbook, Worksheet, XlsxError,
};

/// A workbook with fixed document properties, so the same catalogue always gives the same bytes.
pub fn new_workbook(catalogue: &Catalogue) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let d = catalogue.plan.date;
    let created = ExcelDateTime::from_ymd(d.year as u16, d.month, d.day)?;
    let properties = DocProperties::new()
        .set_title(catalogue.reporting.report_title.as_str())
        .set_company(catalogue.plan.issuer.as_str())
        .set_author(format!("plan {}", env!("CARGO_PKG_VERSION")))
        .set_comment(format!("Kế hoạch số {}", catalogue.plan.number))
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    Ok(workbook)
}

/// Sheet protection without a password: only input cells can be edited; rows can be inserted and rows
/// and columns resized.
pub fn protect(sheet: &mut Worksheet) {
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        ..ProtectionOptions::new()
    };
    sheet.protect_with_options(&options);
}

/// A4, fitted to the page width, the table header repeated on every page.
pub fn print_setup(
    sheet: &mut Worksheet,
    landscape: bool,
    pages_wide: u16,
    repeat: Option<(RowNum, RowNum)>,
) -> Result<(), XlsxError> {
    sheet.set_paper_size(9);
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_print_fit_to_pages(pages_wide, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.5, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_footer("&C&\"Times New Roman\"&10Trang &P/&N");
    if let Some((first, last)) = repeat {
        sheet.set_repeat_rows(first, last)?;
    }
    Ok(())
}
