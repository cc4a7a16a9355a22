//! The look every workbook `plan` writes shares (templates, the consolidated report, the progress
//! workbook): one font, the formats of a table (title, header, group row, cells), the colours of a judged
//! cell, the heights of rows of wrapped text and the landscape print setup. Each workbook picks its text
//! size ([`TextSize`]) and builds what is its own on top of these.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, RowNum, Worksheet, XlsxError};

/// Font used throughout, as Vietnamese administrative forms require.
pub const FONT: &str = "Times New Roman";

/// Background of table headers.
pub const HEADER_FILL: u32 = 0xD9E2F3;
/// Background of group heading rows (a target's, a group of targets'), and of cells with nothing to judge.
pub const GROUP_FILL: u32 = 0xEDEDED;

/// The colours of a judged cell, fill and text, as spreadsheet programs colour good, bad and neutral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Green: met, on track, on time.
    Good,
    /// Red: not met, falling behind, an error.
    Bad,
    /// Yellow: no data, a warning, late.
    Caution,
    /// Grey with dark text: nothing to judge yet.
    Grey,
}

impl Tone {
    /// Fill and text colour.
    pub fn colours(self) -> (u32, u32) {
        match self {
            Tone::Good => (0xC6EFCE, 0x006100),
            Tone::Bad => (0xFFC7CE, 0x9C0006),
            Tone::Caution => (0xFFEB9C, 0x9C5700),
            Tone::Grey => (GROUP_FILL, 0x404040),
        }
    }
}

/// The size of a workbook's text in points: its formats and the heights of its rows derive from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextSize(pub f64);

impl TextSize {
    /// The consolidated report and the progress workbook: 11 pt.
    pub const REPORT: TextSize = TextSize(11.0);
    /// The templates clerks fill: 12 pt.
    pub const TEMPLATE: TextSize = TextSize(12.0);

    /// Plain text, vertically centred, no border.
    pub fn plain(self) -> Format {
        Format::new().set_font_name(FONT).set_font_size(self.0).set_align(FormatAlign::VerticalCenter)
    }

    /// A table cell: thin border, wrapped text.
    pub fn boxed(self) -> Format {
        self.plain().set_border(FormatBorder::Thin).set_text_wrap()
    }

    /// A table cell in the colours of `tone`.
    pub fn toned(self, tone: Tone) -> Format {
        let (fill, text) = tone.colours();
        self.boxed().set_background_color(Color::RGB(fill)).set_font_color(Color::RGB(text))
    }

    /// How many lines `text` takes in a wrapped column `width` wide ([`crate::wrap::lines`]).
    pub fn lines(self, text: &str, width: f64) -> usize {
        crate::wrap::lines(text, width, self.0)
    }

    /// How many lines bold `text` takes (a header's): bold letters are about a tenth wider.
    pub fn bold_lines(self, text: &str, width: f64) -> usize {
        crate::wrap::lines(text, width, self.0 * 1.1)
    }

    /// The height in points of a row of `lines` lines.
    pub fn height(self, lines: usize) -> f64 {
        crate::wrap::height(lines, self.0)
    }

    /// The height of a row whose cells hold `cells` (text, column width): the tallest cell decides.
    pub fn row_height(self, cells: &[(&str, f64)]) -> f64 {
        crate::wrap::row_height(cells, self.0)
    }

    /// Makes a row tall enough for `lines` lines of wrapped text: spreadsheet programs do not all grow rows
    /// for wrapped text by themselves (LibreOffice does not), and a long text would be cut. One line keeps
    /// the default height.
    pub fn fit(self, sheet: &mut Worksheet, row: RowNum, lines: usize) -> Result<(), XlsxError> {
        if lines > 1 {
            sheet.set_row_height(row, self.height(lines))?;
        }
        Ok(())
    }
}

/// The formats of a sheet with a title and a table, the same in every workbook but for the text size.
pub struct TableFormats {
    /// Document title: bold, 14 pt, centred, wrapped.
    pub title: Format,
    /// Centred, no border.
    pub plain_center: Format,
    /// Bold, centred, no border.
    pub bold_center: Format,
    /// Italic, centred, no border.
    pub italic_center: Format,
    /// Table header cell: bold, centred, blue-grey.
    pub header: Format,
    /// Group heading row of a table: bold, grey.
    pub group: Format,
    /// Table cell.
    pub cell: Format,
    /// Table cell, centred.
    pub cell_center: Format,
}

impl TableFormats {
    /// The formats in text of `size`.
    pub fn new(size: TextSize) -> TableFormats {
        TableFormats {
            title: size.plain().set_bold().set_font_size(14).set_align(FormatAlign::Center).set_text_wrap(),
            plain_center: size.plain().set_align(FormatAlign::Center),
            bold_center: size.plain().set_bold().set_align(FormatAlign::Center),
            italic_center: size.plain().set_italic().set_align(FormatAlign::Center),
            header: size
                .boxed()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(HEADER_FILL)),
            group: size.boxed().set_bold().set_background_color(Color::RGB(GROUP_FILL)),
            cell: size.boxed(),
            cell_center: size.boxed().set_align(FormatAlign::Center),
        }
    }
}

/// The print setup of the report's and the progress workbook's sheets: A4 landscape, fitted to
/// `pages_wide` pages across, the row `repeat` (a table's header) repeated on every page, page numbers in
/// the footer.
pub fn print_landscape(
    sheet: &mut Worksheet,
    repeat: Option<RowNum>,
    pages_wide: u16,
) -> Result<(), XlsxError> {
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(pages_wide, 0);
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    sheet.set_footer(format!("&C&\"{FONT}\"&9&P/&N"));
    if let Some(row) = repeat {
        sheet.set_repeat_rows(row, row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_grows_only_past_one_line() {
        let size = TextSize::REPORT;
        assert_eq!(size.height(1), crate::wrap::height(1, 11.0));
        assert_eq!(size.lines("aaaa bbbb cccc", 9.0), 2);
        assert_eq!(size.bold_lines("aaaa bbbb cccc", 9.0), crate::wrap::lines("aaaa bbbb cccc", 9.0, 12.1));
        assert_eq!(
            TextSize::TEMPLATE.lines("aaaa bbbb cccc", 9.0),
            crate::wrap::lines("aaaa bbbb cccc", 9.0, 12.0)
        );
    }

    #[test]
    fn tones_differ() {
        let tones = [Tone::Good, Tone::Bad, Tone::Caution, Tone::Grey];
        for (i, a) in tones.iter().enumerate() {
            for b in &tones[i + 1..] {
                assert_ne!(a.colours(), b.colours());
            }
        }
    }
}
