//! What one read may build, whatever the file: cells per sheet, cells in the workbook, and bytes of text.
//!
//! Caps on a file's size, its archive's declared size and its cells do not bound what a reader builds from
//! them: one shared string used by 190,000 cells, one formula shared over as many, or 60 sheet entries that
//! point at one sheet part are all small files. Every reader charges each cell it keeps here, with its text
//! (a shared string counted each time it is used), before the cell is built; the read stops at the first
//! cap, as that file's [`Limit`].

use super::error::Limit;
use super::limits::{MAX_CELLS_PER_SHEET, MAX_CELLS_PER_WORKBOOK, MAX_TEXT_BYTES};

/// What a read has built so far.
#[derive(Debug, Default)]
pub struct Budget {
    sheet: String,
    sheet_cells: usize,
    cells: usize,
    text: usize,
}

impl Budget {
    /// Starts a sheet's count of cells.
    pub fn start_sheet(&mut self, name: &str) {
        self.sheet = name.to_string();
        self.sheet_cells = 0;
    }

    /// Charges one cell kept, with `text_bytes` of text, or tells which cap it goes over.
    pub fn charge(&mut self, text_bytes: usize) -> Result<(), Limit> {
        self.sheet_cells += 1;
        self.cells += 1;
        self.text = self.text.saturating_add(text_bytes);
        if self.sheet_cells > MAX_CELLS_PER_SHEET {
            return Err(Limit::Cells(self.sheet.clone()));
        }
        if self.cells > MAX_CELLS_PER_WORKBOOK {
            return Err(Limit::WorkbookCells);
        }
        if self.text > MAX_TEXT_BYTES {
            return Err(Limit::Text);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cap_is_reached_and_named() {
        let mut budget = Budget::default();
        budget.start_sheet("Báo cáo");
        assert_eq!(budget.charge(MAX_TEXT_BYTES), Ok(()));
        assert_eq!(budget.charge(1), Err(Limit::Text));

        let mut budget = Budget::default();
        let mut first = Ok(());
        for sheet in 0..3 {
            budget.start_sheet(&format!("S{sheet}"));
            for _ in 0..MAX_CELLS_PER_SHEET {
                first = first.and(budget.charge(0));
            }
        }
        assert_eq!(first, Err(Limit::WorkbookCells));

        let mut budget = Budget::default();
        budget.start_sheet("Số liệu");
        let over = (0..=MAX_CELLS_PER_SHEET).map(|_| budget.charge(0)).find(Result::is_err);
        assert_eq!(over, Some(Err(Limit::Cells("Số liệu".into()))));
    }
}
