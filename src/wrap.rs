//! How tall a spreadsheet row must be for its wrapped text. LibreOffice does not grow a row for wrapped
//! text in an .xlsx that sets no height, and a height set too small cuts the text: every workbook `plan`
//! writes (templates, report, progress) sizes its rows here, from the text and the column width.
//!
//! Widths are in the spreadsheet's character units (the width of a digit of the default font, Calibri 11).
//! Times New Roman fits about 1.2 characters of Vietnamese text per unit at 11 pt, proportionally fewer
//! at larger sizes. Lines are broken at spaces as a spreadsheet does, so a long word moves whole.

/// Characters of Times New Roman text that fit in one width unit at 11 pt.
const CHARS_PER_UNIT_11PT: f64 = 1.2;

/// How many lines `text` takes in a wrapped cell `width` units wide, in a font of `points`; line breaks
/// count, an empty text takes one line.
pub fn lines(text: &str, width: f64, points: f64) -> usize {
    // Cell padding takes about one unit.
    let capacity = (((width - 0.6).max(1.0)) * CHARS_PER_UNIT_11PT * 11.0 / points).floor().max(1.0) as usize;
    text.split('\n').map(|line| lines_of_paragraph(line, capacity)).sum()
}

/// Greedy word wrap of one paragraph into lines of at most `capacity` characters.
fn lines_of_paragraph(paragraph: &str, capacity: usize) -> usize {
    let mut count = 1;
    let mut used = 0;
    for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
        let len = word.chars().count();
        let needed = if used == 0 { len } else { used + 1 + len };
        if needed <= capacity {
            used = needed;
            continue;
        }
        if used > 0 {
            count += 1;
        }
        // A word longer than a line is broken across lines.
        count += (len.max(1) - 1) / capacity;
        used = (len - 1) % capacity + 1;
    }
    count
}

/// The height in points of a row of `lines` lines of text in a font of `points`.
pub fn height(lines: usize, points: f64) -> f64 {
    (points * 1.3 * lines.max(1) as f64 + 3.0).ceil()
}

/// The height of a row whose cells hold `cells` (text, column width), all in a font of `points`: the
/// tallest cell decides.
pub fn row_height(cells: &[(&str, f64)], points: f64) -> f64 {
    height(cells.iter().map(|(text, width)| lines(text, *width, points)).max().unwrap_or(1), points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_wrapped_at_spaces_in_lines_of_the_column() {
        // Column 9 at 11 pt: 10 characters a line.
        assert_eq!(lines("", 9.0, 11.0), 1);
        assert_eq!(lines(&"x".repeat(10), 9.0, 11.0), 1);
        assert_eq!(lines(&"x".repeat(11), 9.0, 11.0), 2);
        assert_eq!(lines(&"ệ".repeat(30), 9.0, 11.0), 3, "characters, not bytes");
        assert_eq!(lines("tệp a.xlsx\ntệp b.xlsx", 40.0, 11.0), 2, "line breaks count");
        // "2030: ≥ 100%" fits, the next word does not: it moves whole to the next line.
        assert_eq!(lines("2030: ≥ 100% (hằng", 9.0, 11.0), 2);
        assert_eq!(lines("aaaa bbbb cccc", 9.0, 11.0), 2);
        assert_eq!(lines("aaaa bbbb cccc", 9.0, 14.0), 3, "a larger font fits fewer");
    }

    #[test]
    fn rows_grow_with_their_tallest_cell() {
        assert_eq!(height(1, 11.0), 18.0);
        assert!(height(3, 11.0) > 2.9 * height(1, 11.0) - 10.0);
        assert_eq!(row_height(&[("a", 9.0), (&"x ".repeat(20), 9.0)], 11.0), height(4, 11.0));
    }
}
