//! Cell formats of the templates, on the look all workbooks share ([`crate::sheet_style`]) at 12 pt: the
//! table's formats, and what is the templates' own (unlocked input cells, codes, closed grid cells).

use crate::sheet_style::{TableFormats, TextSize, Tone};
use rust_xlsxwriter::{Color, Format, FormatAlign};

/// Background of cells a clerk fills.
const INPUT_FILL: u32 = 0xFFF8DC;
/// Background of cells not to fill in a grid.
const CLOSED_FILL: u32 = 0xBFBFBF;

/// The size of a template's text (12 pt): its formats, and the lines and row heights of wrapped text.
pub const SIZE: TextSize = TextSize::TEMPLATE;

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

fn input() -> Format {
    SIZE.boxed().set_unlocked().set_background_color(Color::RGB(INPUT_FILL))
}

impl Styles {
    /// Builds the formats.
    pub fn new() -> Styles {
        let table = TableFormats::new(SIZE);
        Styles {
            text: SIZE.plain(),
            center: table.plain_center,
            bold_center: table.bold_center,
            italic_center: table.italic_center,
            title: table.title,
            section: SIZE.plain().set_bold(),
            header: table.header,
            group: table.group,
            cell: table.cell,
            cell_center: table.cell_center,
            code: SIZE.boxed().set_font_size(9).set_font_color(Color::RGB(0x595959)),
            label: SIZE.plain().set_bold().set_align(FormatAlign::Right),
            input_count: input().set_num_format("#,##0").set_align(FormatAlign::Right),
            input_amount: input().set_num_format("#,##0.###").set_align(FormatAlign::Right),
            input_choice: input().set_align(FormatAlign::Center),
            input_date: input().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center),
            input_text: input().set_align(FormatAlign::Top),
            result: SIZE.boxed().set_bold().set_align(FormatAlign::Right),
            closed: SIZE.boxed().set_background_color(Color::RGB(CLOSED_FILL)),
            note: SIZE.plain().set_italic().set_font_size(10).set_text_wrap(),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// A problem cell's format in an annotated copy: red on pink, bold.
pub fn highlighted(format: &Format) -> Format {
    let (fill, text) = Tone::Bad.colours();
    format.clone().set_background_color(Color::RGB(fill)).set_font_color(Color::RGB(text)).set_bold()
}
