//! The consolidated workbook of `plan aggregate`: the tracking table, units × parts, units × data with SUM
//! formulas, the register, the findings, the sources and a chart. Byte-deterministic for the same
//! aggregation (the document date is the plan's), with a stamp so that a report found among the inputs is
//! skipped.

pub mod docx;
mod letter;
mod pages;
mod summary;
mod tables;

use crate::aggregate::Aggregation;
use crate::attainment::Status;
use crate::catalogue::Catalogue;
use crate::contract;
use crate::lang::Lang;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, RowNum, Workbook, Worksheet, XlsxError};

/// The stamp's `kind` of a consolidated report.
pub const REPORT_KIND: &str = "plan-report";

/// Formats of the report.
pub(crate) struct Styles {
    pub title: Format,
    pub bold_center: Format,
    pub italic_center: Format,
    pub header: Format,
    pub group: Format,
    pub cell: Format,
    pub center: Format,
    pub number: Format,
    pub decimal: Format,
    pub met: Format,
    pub not_met: Format,
    pub neutral: Format,
    pub no_data: Format,
    /// A long code on one line, small (SHA-256).
    pub hash: Format,
    /// Centred text without border, regular weight (administrative heading).
    pub plain_center: Format,
    /// The short rule under the issuing body and the motto.
    pub rule: Format,
    /// A wrapped paragraph without border (the opening sentence).
    pub paragraph: Format,
    /// A wrapped italic paragraph without border (the footnote).
    pub paragraph_italic: Format,
    /// "Nơi nhận:".
    pub copies_label: Format,
    /// The entries of "Nơi nhận".
    pub copies: Format,
}

fn base() -> Format {
    Format::new().set_font_name("Times New Roman").set_font_size(11).set_align(FormatAlign::VerticalCenter)
}

fn boxed() -> Format {
    base().set_border(FormatBorder::Thin).set_text_wrap()
}

impl Styles {
    fn new() -> Styles {
        Styles {
            title: base().set_bold().set_font_size(14).set_align(FormatAlign::Center).set_text_wrap(),
            bold_center: base().set_bold().set_align(FormatAlign::Center),
            italic_center: base().set_italic().set_align(FormatAlign::Center),
            header: boxed()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xD9E2F3)),
            group: boxed().set_bold().set_background_color(Color::RGB(0xEDEDED)),
            cell: boxed(),
            center: boxed().set_align(FormatAlign::Center),
            number: boxed().set_num_format("#,##0").set_align(FormatAlign::Right),
            decimal: boxed().set_num_format("#,##0.00").set_align(FormatAlign::Right),
            met: boxed().set_background_color(Color::RGB(0xC6EFCE)).set_font_color(Color::RGB(0x006100)),
            not_met: boxed().set_background_color(Color::RGB(0xFFC7CE)).set_font_color(Color::RGB(0x9C0006)),
            neutral: boxed().set_background_color(Color::RGB(0xEDEDED)).set_italic(),
            no_data: boxed().set_background_color(Color::RGB(0xFFEB9C)).set_font_color(Color::RGB(0x9C5700)),
            hash: base().set_border(FormatBorder::Thin).set_font_size(8),
            plain_center: base().set_align(FormatAlign::Center),
            rule: base().set_align(FormatAlign::Center).set_align(FormatAlign::Top).set_font_size(8),
            paragraph: base().set_text_wrap().set_align(FormatAlign::Justify).set_indent(2),
            paragraph_italic: base().set_text_wrap().set_italic().set_align(FormatAlign::Left),
            copies_label: base().set_bold().set_italic(),
            copies: base().set_font_size(10),
        }
    }

    /// The format of a status.
    pub fn status(&self, status: Status) -> &Format {
        match status {
            Status::Met | Status::MeetsNext(_) | Status::MeetsPast(_) => &self.met,
            Status::NotMet | Status::BelowNext(_) | Status::BelowPast(_) => &self.not_met,
            Status::NotApplicable => &self.neutral,
            Status::NoData | Status::NoTarget | Status::Implausible => &self.no_data,
        }
    }
}

/// The status in a language.
pub fn status_text(status: Status, lang: Lang) -> String {
    match lang {
        Lang::Vi => status.label_vi(),
        Lang::En => status.label_en(),
    }
}

/// Size of the report's text in points.
pub(crate) const POINTS: f64 = 11.0;

/// How many lines a text takes in a wrapped column `width` wide, in the report's font
/// ([`crate::wrap::lines`]).
pub(crate) fn lines_in(text: &str, width: f64) -> usize {
    crate::wrap::lines(text, width, POINTS)
}

/// Makes a row tall enough for `lines` lines of wrapped text: spreadsheet programs do not all grow rows
/// for wrapped text by themselves (LibreOffice does not), and a long message would be cut.
pub(crate) fn fit_lines(sheet: &mut Worksheet, row: RowNum, lines: usize) -> Result<(), XlsxError> {
    if lines > 1 {
        sheet.set_row_height(row, crate::wrap::height(lines, POINTS))?;
    }
    Ok(())
}

/// The number format of a value of a part: case counts are whole numbers, rates have two decimals; a
/// value on a small denominator carries the mark "*" the legend of «Theo đơn vị» explains.
pub(crate) fn value_format(unit: crate::catalogue::Measure, small: bool) -> &'static str {
    match (unit, small) {
        (crate::catalogue::Measure::Cases, false) => "#,##0",
        (crate::catalogue::Measure::Cases, true) => "#,##0\"*\"",
        (_, false) => "#,##0.00",
        (_, true) => "#,##0.00\"*\"",
    }
}

/// Sets the print setup shared by every sheet: A4 landscape, fitted to the width, header rows repeated.
pub(crate) fn print_setup(sheet: &mut Worksheet, header_row: RowNum) -> Result<(), XlsxError> {
    print_setup_wide(sheet, header_row, 1)
}

/// The print setup for a wide sheet, spread over `pages_wide` pages.
pub(crate) fn print_setup_wide(
    sheet: &mut Worksheet,
    header_row: RowNum,
    pages_wide: u16,
) -> Result<(), XlsxError> {
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(pages_wide, 0);
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    sheet.set_footer("&C&\"Times New Roman\"&9&P/&N");
    sheet.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// A new sheet with its column widths and a header row at the top.
pub(crate) fn table_sheet<'a>(
    workbook: &'a mut Workbook,
    styles: &Styles,
    name: &str,
    columns: &[(&str, f64)],
) -> Result<&'a mut Worksheet, XlsxError> {
    // Long tables are written row by row, never held whole in memory (constant-memory mode).
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    for (col, (header, width)) in columns.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
        sheet.write_string_with_format(0, col as u16, *header, &styles.header)?;
    }
    Ok(sheet)
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
    summary::write_summary(&mut workbook, &styles, aggregation, catalogue, lang)?;
    tables::write_units(&mut workbook, &styles, aggregation, catalogue, lang)?;
    tables::write_data(&mut workbook, &styles, aggregation, catalogue, lang)?;
    tables::write_register(&mut workbook, &styles, aggregation, catalogue, lang)?;
    tables::write_narrative(&mut workbook, &styles, aggregation, catalogue, lang)?;
    tables::write_findings(&mut workbook, &styles, aggregation, lang)?;
    tables::write_sources(&mut workbook, &styles, aggregation, catalogue, lang)?;
    summary::write_chart(&mut workbook, &styles, aggregation, catalogue, lang)?;
    let stamp = workbook.add_worksheet();
    stamp.set_name(contract::STAMP_SHEET)?;
    let rows = [
        ("kind", REPORT_KIND.to_string()),
        ("year", aggregation.year.to_string()),
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
