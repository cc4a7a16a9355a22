//! Page breaks of a printed sheet, computed from the heights of its rows, so that a group's heading row
//! never ends a page alone and a block (the signature under "Nơi nhận") is never split: a spreadsheet
//! breaks pages wherever the rows run out, and knows no such rules.
//!
//! Every page is broken by hand, each a little shorter than the paper holds, so that no program adds a
//! break of its own between two of ours.

use rust_xlsxwriter::{RowNum, Worksheet, XlsxError};
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// The height of a row whose height is not set, in points (the writer's default).
pub const DEFAULT_HEIGHT: f64 = 15.0;

/// The printable height of an A4 page in landscape with the report's margins (0.5 in above and below), in
/// points, less a twentieth for the rounding of each program.
pub const LANDSCAPE_PAGE: f64 = (595.28 - 72.0) * 0.95;

/// The heights of the rows of a sheet as they are set.
#[derive(Debug, Default)]
pub struct Rows {
    heights: BTreeMap<RowNum, f64>,
}

impl Rows {
    /// Sets a row's height and records it.
    pub fn set(&mut self, sheet: &mut Worksheet, row: RowNum, height: f64) -> Result<(), XlsxError> {
        sheet.set_row_height(row, height)?;
        self.heights.insert(row, height);
        Ok(())
    }

    /// Makes a row tall enough for `lines` lines of wrapped text in the report's font (see
    /// [`crate::sheet_style::TextSize::fit`]).
    pub fn fit(&mut self, sheet: &mut Worksheet, row: RowNum, lines: usize) -> Result<(), XlsxError> {
        if lines > 1 {
            self.set(sheet, row, super::SIZE.height(lines))?;
        }
        Ok(())
    }

    /// A row's height, in points.
    pub fn height(&self, row: RowNum) -> f64 {
        self.heights.get(&row).copied().unwrap_or(DEFAULT_HEIGHT)
    }
}

/// The rows before which a page starts, for rows `0..end` printed on pages `capacity` points high, the
/// row `repeat` (a table's header) printed again at the top of every page after it. Each range of
/// `together` stays on one page when it fits on one.
pub fn breaks(
    rows: &Rows,
    end: RowNum,
    repeat: Option<RowNum>,
    capacity: f64,
    together: &[RangeInclusive<RowNum>],
) -> Vec<RowNum> {
    // Ranges that overlap stay together as one.
    let mut merged: Vec<RangeInclusive<RowNum>> = Vec::new();
    let mut sorted = together.to_vec();
    sorted.sort_by_key(|r| *r.start());
    for range in sorted {
        match merged.last_mut() {
            Some(last) if range.start() <= last.end() => {
                *last = *last.start()..=*last.end().max(range.end());
            }
            _ => merged.push(range),
        }
    }
    let mut out = Vec::new();
    let mut used = 0.0;
    let mut row = 0;
    while row < end {
        let last = merged.iter().find(|r| r.contains(&row)).map_or(row, |r| (*r.end()).min(end - 1));
        let height: f64 = (row..=last).map(|r| rows.height(r)).sum();
        if used > 0.0 && used + height > capacity {
            out.push(row);
            used = repeat.filter(|r| *r < row).map_or(0.0, |r| rows.height(r));
        }
        used += height;
        row = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_moves_with_its_first_row_and_a_block_moves_whole() {
        let rows = Rows::default();
        // Pages of 4 rows of 15 points; row 0 is the header repeated after it.
        let capacity = 4.0 * DEFAULT_HEIGHT;
        assert_eq!(breaks(&rows, 10, None, capacity, &[]), [4, 8]);
        // With the header repeated, later pages hold 3 rows of their own.
        assert_eq!(breaks(&rows, 10, Some(0), capacity, &[]), [4, 7]);
        // Row 3 heads row 4: both go to the next page.
        assert_eq!(breaks(&rows, 10, Some(0), capacity, &[3..=4]), [3, 6, 9]);
        // A block of 3 rows (7..=9) does not fit after row 6 on the second page.
        assert_eq!(breaks(&rows, 10, Some(0), capacity, &[7..=9]), [4, 7]);
        assert_eq!(breaks(&rows, 10, Some(0), capacity, &[5..=7]), [4, 5, 8]);
        // Ranges that overlap move as one.
        assert_eq!(breaks(&rows, 10, Some(0), capacity, &[3..=4, 4..=5]), [3, 6, 9]);
        // A block taller than a page is left to break where it must.
        assert_eq!(breaks(&rows, 8, None, capacity, &[1..=6]), [1, 7]);
    }

    #[test]
    fn heights_set_count() {
        let mut rows = Rows::default();
        let mut sheet = Worksheet::new();
        rows.set(&mut sheet, 1, 45.0).unwrap();
        rows.fit(&mut sheet, 2, 1).unwrap();
        assert_eq!((rows.height(0), rows.height(1), rows.height(2)), (15.0, 45.0, 15.0));
        // Rows 0 and 1 fill a page of 60 points.
        assert_eq!(breaks(&rows, 4, None, 60.0, &[]), [2]);
    }
}
