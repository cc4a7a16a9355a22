//! Cell formats of the templates: Times New Roman, borders, unlocked input cells.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// Font used throughout, as Vietnamese administrative forms require.
pub const FONT: &str = "Times New Roman";

/// Background of cells a clerk fills.
const INPUT_FILL: u32 = 0xFFF8DC;
/// Background of table headers.
const HEADER_FILL: u32 = 0xD9E2F3;
/// Background of target heading rows.
const GROUP_FILL: u32 = 0xEDEDED;
/// Background of cells not to fill in a grid.
const CLOSED_FILL: u32 = 0xBFBFBF;

/// Every format a template uses.
pub struct Styles {
    /// Plain text.
    pub text: Format,
    /// Centred.
    pub center: Format,
    /// Bold, centred.
    pub bold_center: Format,
    /// Italic, centred.
    pub italic_center: Format,
    /// Document title.
    pub title: Format,
    /// Section heading ("I. SỐ LIỆU").
    pub section: Format,
    /// Table header cell.
    pub header: Format,
    /// Target heading row in a table.
    pub group: Format,
    /// Table cell.
    pub cell: Format,
    /// Table cell, centred.
    pub cell_center: Format,
    /// Data-element code in a table.
    pub code: Format,
    /// Label of a header field.
    pub label: Format,
    /// Input: whole number.
    pub input_count: Format,
    /// Input: amount with decimals.
    pub input_amount: Format,
    /// Input: Có / Không, or a choice from a list.
    pub input_choice: Format,
    /// Input: date.
    pub input_date: Format,
    /// Input: free text.
    pub input_text: Format,
    /// Formula result (live feedback).
    pub result: Format,
    /// A grid cell that must stay empty.
    pub closed: Format,
    /// Small italic note.
    pub note: Format,
}

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(12).set_align(FormatAlign::VerticalCenter)
}

fn boxed() -> Format {
    base().set_border(FormatBorder::Thin).set_text_wrap()
}

fn input() -> Format {
    boxed().set_unlocked().set_background_color(Color::RGB(INPUT_FILL))
}

impl Styles {
    /// Builds the formats.
    pub fn new() -> Styles {
        Styles {
            text: base(),
            center: base().set_align(FormatAlign::Center),
            bold_center: base().set_bold().set_align(FormatAlign::Center),
            italic_center: base().set_italic().set_align(FormatAlign::Center),
            title: base().set_bold().set_font_size(14).set_align(FormatAlign::Center).set_text_wrap(),
            section: base().set_bold(),
            header: boxed()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(HEADER_FILL)),
            group: boxed().set_bold().set_background_color(Color::RGB(GROUP_FILL)),
            cell: boxed(),
            cell_center: boxed().set_align(FormatAlign::Center),
            code: boxed().set_font_size(9).set_font_color(Color::RGB(0x595959)),
            label: base().set_bold().set_align(FormatAlign::Right),
            input_count: input().set_num_format("#,##0").set_align(FormatAlign::Right),
            input_amount: input().set_num_format("#,##0.###").set_align(FormatAlign::Right),
            input_choice: input().set_align(FormatAlign::Center),
            input_date: input().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center),
            input_text: input().set_align(FormatAlign::Top),
            result: boxed().set_bold().set_align(FormatAlign::Right),
            closed: boxed().set_background_color(Color::RGB(CLOSED_FILL)),
            note: base().set_italic().set_font_size(10).set_text_wrap(),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// Size of the template's text in points.
pub const POINTS: f64 = 12.0;

/// Lines a wrapped text needs in a column of `width` characters, in the template's font
/// ([`crate::wrap::lines`]).
pub fn lines_needed(text: &str, width: f64) -> usize {
    crate::wrap::lines(text, width, POINTS)
}

/// Row height in points for a number of lines of the template's text.
pub fn height_for(lines: usize) -> f64 {
    crate::wrap::height(lines, POINTS)
}

/// A problem cell's format in an annotated copy: red on pink, bold.
pub fn highlighted(format: &Format) -> Format {
    format.clone().set_background_color(Color::RGB(0xFFC7CE)).set_font_color(Color::RGB(0x9C0006)).set_bold()
}
