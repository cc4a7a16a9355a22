//! Year-end aggregation: checked submissions in, district and per-unit figures, attainment, the register
//! of submissions, every finding and the sources out. Pure: no files, no terminal.
//!
//! Inputs are ordered by file name first, so the result does not depend on the order files were found.

mod complete;
pub mod figures;
mod fold;
mod json;
pub mod merge;
mod model;
mod register;
mod source;
mod values;

pub use figures::{Figure, PartFigures, falls_short, round_ratio};
pub use fold::{Aggregator, Folded, fold};
pub use json::write_json;
pub use merge::{CellRef, Merged, Offer};
pub use model::{AggregateError, Aggregation, Input, status_slot};
pub use register::{DueWorkbook, Submitted};
pub use source::{Source, Use};
pub use values::{MergedValues, Pending, ReporterValues};

use crate::catalogue::Catalogue;

/// Aggregates checked inputs for `year` (ordered by file name first).
pub fn aggregate(
    mut inputs: Vec<Input>,
    catalogue: &Catalogue,
    year: u16,
    include_with_errors: bool,
) -> Aggregation {
    inputs.sort_by(|a, b| a.checked.submission.file.cmp(&b.checked.submission.file));
    let mut aggregator = Aggregator::new(catalogue, include_with_errors);
    for (index, input) in inputs.into_iter().enumerate() {
        aggregator.add(index, input);
    }
    aggregator.finish(Some(year)).expect("the year is given")
}

#[cfg(test)]
pub(crate) mod tests;
