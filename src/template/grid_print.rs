//! How the units grid prints. Excel and LibreOffice both ignore manual page breaks on a sheet fitted to
//! a number of pages, so the grid is printed at a fixed scale that fits its widest page, with one print
//! range per page's columns: the first holds the letterhead, the fields and the signatures; the others
//! start at the title lines and end at the totals, so that the repeated unit columns do not carry the
//! letterhead onto them. Row breaks are placed from the rows' heights so that the totals never start a
//! page alone: the last rows of units go with the totals, the fields and the signatures.

use super::layout::GRID_WIDTHS;
use rust_xlsxwriter::{ColNum, RowNum, cell_range_absolute};

/// Printable width of an A4 landscape page at the grid's margins (10.79 in, 1036 px at 96 px/in), less
/// what LibreOffice draws wider than Excel (its columns are about 6 % wider) and a little more.
const PAGE_PX: f64 = 940.0;
/// Printable height in points of an A4 landscape page at the grid's margins (7.07 in), less a little.
const PAGE_PT: f64 = 490.0;
/// Height in points a row of one line of 12 pt text takes when its height is not set.
pub const DEFAULT_ROW_PT: f64 = 16.0;
/// How many rows of units at least go onto the page of the totals.
const ROWS_WITH_TOTALS: usize = 3;

/// Width in pixels of a column `width` characters wide (a digit of Calibri 11 is 7 px, plus 5 px padding).
fn column_px(width: f64) -> f64 {
    (width * 7.0).floor() + 5.0
}

/// The print scale in percent at which the unit columns and the widest page's data columns fit the width
/// of the page.
pub fn scale(pages: &[(ColNum, ColNum)]) -> u16 {
    let units: f64 = GRID_WIDTHS[..3].iter().map(|w| column_px(*w)).sum();
    let widest = pages.iter().map(|(first, last)| f64::from(last + 1 - first)).fold(1.0, f64::max);
    let px = units + widest * column_px(GRID_WIDTHS[3]);
    ((100.0 * PAGE_PX / px).floor() as u16).clamp(10, 100)
}

/// The vertical make-up of the grid, heights in points.
#[derive(Debug, Clone)]
pub struct Rows {
    /// Height of the letterhead, printed on the first page only.
    pub letterhead: f64,
    /// Height of the rows repeated on every page (title lines and the table's header).
    pub repeated: f64,
    /// First row of units.
    pub first_unit_row: RowNum,
    /// Height of each row of units, the district's row included.
    pub units: Vec<f64>,
    /// Height of the totals, the fields and the signatures, which print together.
    pub tail: f64,
}

/// The rows before which a page breaks, at `scale` percent: as many rows of units as fit on each page,
/// and at least [`ROWS_WITH_TOTALS`] of them (or all, if fewer) on the page of the totals.
pub fn row_breaks(rows: &Rows, scale: u16) -> Vec<RowNum> {
    let capacity = PAGE_PT * 100.0 / f64::from(scale.max(10));
    let mut breaks: Vec<usize> = Vec::new();
    let mut room = capacity - rows.letterhead - rows.repeated;
    let mut used = 0.0;
    for (i, height) in rows.units.iter().enumerate() {
        if used + height > room && used > 0.0 {
            breaks.push(i);
            used = 0.0;
            room = capacity - rows.repeated;
        }
        used += height;
    }
    let count = rows.units.len();
    let last_start = breaks.last().copied().unwrap_or(0);
    let too_few = breaks.last().is_some_and(|&b| count - b < ROWS_WITH_TOTALS);
    if used + rows.tail > room || too_few {
        let carried = count.saturating_sub(ROWS_WITH_TOTALS).max(1);
        // The page before gives up its last rows: the break moves up, or a new one goes in.
        if carried <= last_start {
            breaks.pop();
        }
        if breaks.last().is_none_or(|&b| b < carried) && carried < count {
            breaks.push(carried);
        }
    }
    breaks.into_iter().map(|i| rows.first_unit_row + i as RowNum).collect()
}

/// The print ranges of the grid sheet `sheet` as a defined name's formula: the first page's columns from
/// the top to `last_row`, each other page's columns from `title_row` to `totals_row`.
pub fn print_ranges(
    sheet: &str,
    pages: &[(ColNum, ColNum)],
    (title_row, totals_row, last_row): (RowNum, RowNum, RowNum),
) -> String {
    let quoted = format!("'{}'", sheet.replace('\'', "''"));
    pages
        .iter()
        .enumerate()
        .map(|(i, &(first, last))| {
            let (top, bottom, left) = if i == 0 { (0, last_row, 0) } else { (title_row, totals_row, first) };
            format!("{quoted}!{}", cell_range_absolute(top, left, bottom, last))
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(units: usize) -> Rows {
        Rows {
            letterhead: 48.0,
            repeated: 200.0,
            first_unit_row: 11,
            units: vec![DEFAULT_ROW_PT; units],
            tail: 14.0 * DEFAULT_ROW_PT,
        }
    }

    #[test]
    fn the_scale_fits_the_widest_page() {
        // 351 px of unit columns and 8 columns of 110 px: 1231 px on 940.
        assert_eq!(scale(&[(3, 10), (11, 18), (19, 25)]), 76);
        assert_eq!(scale(&[(3, 3)]), 100);
    }

    #[test]
    fn a_grid_that_fits_has_no_break() {
        assert!(row_breaks(&rows(5), 76).is_empty());
    }

    #[test]
    fn the_totals_never_start_a_page_alone() {
        // Regression: the health grid of 2024 printed its 22 rows on page 1 and the totals alone on
        // page 2. At 81 % a page holds 605 pt: 22 rows fit under the letterhead, the tail does not.
        let breaks = row_breaks(&rows(22), 81);
        assert_eq!(breaks, vec![11 + 19]);
        // Many rows: every page full, the last with three rows and the tail.
        let breaks = row_breaks(&rows(60), 81);
        let last = *breaks.last().unwrap();
        assert_eq!(last, 11 + 57);
        assert!(breaks.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_break_just_before_the_totals_moves_up() {
        // 22 rows fit on the first page and the tail alone would go onto the second: the rows go with it.
        let mut r = rows(22);
        r.tail = 3.0 * DEFAULT_ROW_PT;
        let breaks = row_breaks(&r, 81);
        assert_eq!(breaks, vec![11 + 19]);
    }

    #[test]
    fn print_ranges_skip_the_letterhead_after_the_first_page() {
        let ranges = print_ranges("Số liệu theo đơn vị", &[(3, 10), (11, 18)], (3, 33, 42));
        assert_eq!(ranges, "'Số liệu theo đơn vị'!$A$1:$K$43,'Số liệu theo đơn vị'!$L$4:$S$34");
    }
}
