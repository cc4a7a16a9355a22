//! The formats of the consolidated workbook: the shared table formats ([`crate::sheet_style`]) in 11 pt,
//! the numbers, the colours of a status, and the administrative heading and closing of «Tổng hợp».

use crate::attainment::Status;
use crate::catalogue::Measure;
use crate::sheet_style::{TableFormats, TextSize, Tone};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// The text size of the report.
pub(crate) const SIZE: TextSize = TextSize::REPORT;

/// Formats of the report.
pub(crate) struct Styles {
    /// Title, header, group row and cells of a table.
    pub table: TableFormats,
    /// A whole number ("#,##0"), right-aligned.
    pub number: Format,
    /// A number with two decimals, right-aligned.
    pub decimal: Format,
    /// Met (green).
    pub met: Format,
    /// Not met (red).
    pub not_met: Format,
    /// Nothing to judge (grey, italic).
    pub neutral: Format,
    /// No data (yellow).
    pub no_data: Format,
    /// A long code on one line, small (SHA-256).
    pub hash: Format,
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

impl Styles {
    /// Builds the formats.
    pub fn new() -> Styles {
        let boxed = || SIZE.boxed();
        let plain = || SIZE.plain();
        Styles {
            table: TableFormats::new(SIZE),
            number: boxed().set_num_format("#,##0").set_align(FormatAlign::Right),
            decimal: boxed().set_num_format("#,##0.00").set_align(FormatAlign::Right),
            met: SIZE.toned(Tone::Good),
            not_met: SIZE.toned(Tone::Bad),
            neutral: boxed().set_background_color(Color::RGB(crate::sheet_style::GROUP_FILL)).set_italic(),
            no_data: SIZE.toned(Tone::Caution),
            hash: plain().set_border(FormatBorder::Thin).set_font_size(8),
            rule: plain().set_align(FormatAlign::Center).set_align(FormatAlign::Top).set_font_size(8),
            paragraph: plain().set_text_wrap().set_align(FormatAlign::Justify).set_indent(2),
            paragraph_italic: plain().set_text_wrap().set_italic().set_align(FormatAlign::Left),
            copies_label: plain().set_bold().set_italic(),
            copies: plain().set_font_size(10),
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

/// The number format of a value of a part: case counts are whole numbers, rates have two decimals; a
/// value on a small denominator carries the mark "*" the legend of «Theo đơn vị» explains.
pub(crate) fn value_format(unit: Measure, small: bool) -> &'static str {
    match (unit, small) {
        (Measure::Cases, false) => "#,##0",
        (Measure::Cases, true) => "#,##0\"*\"",
        (_, false) => "#,##0.00",
        (_, true) => "#,##0.00\"*\"",
    }
}
